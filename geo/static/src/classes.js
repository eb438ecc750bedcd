/* Classed styles (geo/classes.py, through a layer spec's `classes` and `sizes`): each
 * feature in its class's colour and its point in its size, and the legend's rows for
 * the classes and the sizes. The classes, their colours and labels are the spec's (the
 * print map and the notebook show the same); status looks apply on top (status.js). */

import { el, svgNode } from "./dom.js";
import { shapeOf, svgSymbol } from "./symbols.js";

/**
 * @typedef {import("./spec.js").LayerSpec} LayerSpec
 * @typedef {import("./spec.js").StyleSpec} StyleSpec
 * @typedef {import("./symbols.js").SymbolShape} SymbolShape
 */

/**
 * A feature's style before its status: the layer's, in its class's colour and with its
 * point's size where the layer is classed or sized (the layer's own style object
 * otherwise).
 * @param {LayerSpec} spec
 * @param {number} i
 * @returns {StyleSpec}
 */
export function classStyle(spec, i) {
  const classes = spec.classes;
  const sizes = spec.sizes;
  if (!classes && !sizes) return spec.style;
  /** @type {StyleSpec} */
  const out = { ...spec.style };
  if (classes) {
    const colour = classes.colors[classes.index[i]];
    if (colour) {
      out.color = colour;
      out.fillColor = colour;
      out.markerColor = colour;
    }
  }
  if (sizes) out.radius = sizes.radius[i];
  return out;
}

/** The colour of a classed layer's size samples (the classes' colours say the rest). */
const SIZE_GREY = "#777777";

/** The widest sample a size row draws (CSS px): larger samples are drawn at this size. */
const MAX_SAMPLE_RADIUS = 14;

/**
 * A class's swatch: the layer's symbol for points, a line for lines, a box for areas.
 * @param {LayerSpec} spec
 * @param {string} colour
 * @param {ReadonlyMap<string, SymbolShape>} symbols
 * @param {HTMLElement} parent
 */
function swatch(spec, colour, symbols, parent) {
  const box = el("span", "bri-symbol", parent);
  const svg = svgNode("svg", { width: 28, height: 14, "aria-hidden": "true" }, box);
  if (spec.kind === "line") {
    svgNode("line", { x1: 1, y1: 7, x2: 27, y2: 7, stroke: colour, "stroke-width": 4 }, svg);
  } else if (spec.kind === "point") {
    const { tag, attrs } = svgSymbol(shapeOf(symbols, spec.style.symbol), 14, 7, 5);
    svgNode(tag, { ...attrs, fill: colour, stroke: "#ffffff", "stroke-width": 1 }, svg);
  } else {
    svgNode("rect", { x: 4, y: 2, width: 20, height: 10, fill: colour, stroke: colour }, svg);
  }
}

/**
 * A size's sample: a circle of its radius (at most MAX_SAMPLE_RADIUS) in the layer's colour.
 * @param {string} colour
 * @param {number} radius
 * @param {HTMLElement} parent
 */
function sizeSample(colour, radius, parent) {
  const r = Math.min(radius, MAX_SAMPLE_RADIUS);
  const box = el("span", "bri-symbol bri-size", parent);
  const side = 2 * MAX_SAMPLE_RADIUS + 2;
  const svg = svgNode("svg", { width: side, height: 2 * r + 2, "aria-hidden": "true" }, box);
  svgNode("circle", { cx: side / 2, cy: r + 1, r, fill: colour, "fill-opacity": 0.6 }, svg);
}

/**
 * The legend's rows for a classed or sized layer, under its row in the panel: one a
 * class (its swatch and its label: "1.2 M – 3.5 M", a text value, "other", "no value"),
 * then one a sample size. Nothing for a layer of one colour and size.
 * @param {LayerSpec} spec
 * @param {ReadonlyMap<string, SymbolShape>} symbols
 * @param {HTMLElement} parent
 * @returns {HTMLElement | null}
 */
export function classLegend(spec, symbols, parent) {
  const { classes, sizes } = spec;
  if (!classes && !sizes) return null;
  const box = el("div", "bri-classes", parent);
  box.dataset.layer = spec.id;
  if (classes) {
    el("div", "bri-classes-by", box, `${classes.by}${classes.breaks.length ? " (classes)" : ""}`);
    classes.labels.forEach((label, k) => {
      const row = el("div", "bri-row bri-class-row", box);
      swatch(spec, classes.colors[k], symbols, row);
      el("span", "bri-class-label", row, label);
    });
  }
  if (sizes) {
    el("div", "bri-classes-by", box, `${sizes.by} (size)`);
    const colour = classes ? SIZE_GREY : spec.style.markerColor;
    for (const { label, radius } of sizes.legend) {
      const row = el("div", "bri-row bri-class-row", box);
      sizeSample(colour, radius, row);
      el("span", "bri-class-label", row, label);
    }
  }
  return box;
}
