/* Point symbols. Their shapes come from the map spec (`symbols`, read from
 * geo/data/symbols.toml, which the plot reads too): a circle, or a polygon in units of
 * the marker's radius, y down. The canvas and the legend both draw from that shape, so a
 * new symbol needs nothing here. */

import { el, svgNode } from "./dom.js";

/**
 * @typedef {{circle: true} | {polygon: [number, number][]}} SymbolShape
 * @typedef {{moveTo(x: number, y: number): void, lineTo(x: number, y: number): void,
 *   arc(x: number, y: number, r: number, start: number, end: number, ccw?: boolean): void,
 *   closePath(): void}} PathSink  what a symbol is traced onto (a canvas context)
 * @typedef {import("./spec.js").LayerSpec} LayerSpec
 */

/** @type {SymbolShape} */
const CIRCLE = { circle: true };

/**
 * The shape of a symbol by name; a circle for a name the spec does not define.
 * @param {ReadonlyMap<string, SymbolShape>} symbols
 * @param {string | undefined} name
 * @returns {SymbolShape}
 */
export function shapeOf(symbols, name) {
  return (name !== undefined && symbols.get(name)) || CIRCLE;
}

/**
 * Trace a symbol of radius `s` around (x, y) as one closed path.
 * @param {PathSink} path
 * @param {SymbolShape} shape
 * @param {number} x
 * @param {number} y
 * @param {number} s
 */
export function traceSymbol(path, shape, x, y, s) {
  if (!("polygon" in shape)) {
    path.arc(x, y, s, 0, Math.PI * 2, false);
    return;
  }
  shape.polygon.forEach(([u, v], i) => {
    if (i === 0) path.moveTo(x + u * s, y + v * s);
    else path.lineTo(x + u * s, y + v * s);
  });
  path.closePath();
}

/**
 * The SVG element (tag and attributes) of a symbol of radius `r` around (cx, cy), its
 * vertices on whole pixels, as a legend draws it.
 * @param {SymbolShape} shape
 * @param {number} cx
 * @param {number} cy
 * @param {number} r
 * @returns {{tag: string, attrs: Record<string, string | number>}}
 */
export function svgSymbol(shape, cx, cy, r) {
  if (!("polygon" in shape)) return { tag: "circle", attrs: { cx, cy, r } };
  const points = shape.polygon.map(([u, v]) => [Math.round(cx + u * r), Math.round(cy + v * r)]);
  if (isBox(points)) {
    const xs = points.map((p) => p[0]);
    const ys = points.map((p) => p[1]);
    const [x, y] = [Math.min(...xs), Math.min(...ys)];
    return {
      tag: "rect",
      attrs: { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y },
    };
  }
  return { tag: "polygon", attrs: { points: points.map((p) => p.join(",")).join(" ") } };
}

/**
 * Whether a polygon is a rectangle with sides along the axes (drawn as an SVG rect,
 * whose edges the browser renders crisper than a polygon's).
 * @param {number[][]} points
 */
function isBox(points) {
  return (
    points.length === 4 &&
    points.every(([x, y], i) => {
      const [nx, ny] = points[(i + 1) % 4];
      return (x === nx) !== (y === ny);
    })
  );
}

/** Legend icons: 28 x 14 CSS px; a point symbol's radius in them. */
const ICON_RADIUS = 5;
/** The frame round a classed layer's colours in its icon. */
export const RAMP_FRAME = { x: 2, y: 2, width: 24, height: 10 };

/**
 * A classed layer's icon (classes.js): its classes' colours side by side in a 24 x 10
 * box from (2, 2) of the 28 x 14 icon, in the legend's order; none for another layer.
 * Pure.
 * @param {LayerSpec} spec
 * @returns {{x: number, width: number, colour: string}[]}
 */
export function rampCells(spec) {
  const colours = spec.classes ? spec.classes.colors : [];
  const width = 24 / Math.max(colours.length, 1);
  return colours.map((colour, k) => ({ x: 2 + k * width, width, colour }));
}

/**
 * A layer's icon for the layer control and the legend: a line, an area or its point
 * symbol, in the layer's colours; a classed layer's: its classes' colours (rampCells).
 * @param {LayerSpec} spec
 * @param {ReadonlyMap<string, SymbolShape>} symbols
 * @param {HTMLElement} parent
 */
export function layerIcon(spec, symbols, parent) {
  const box = el("span", "bri-symbol", parent);
  const st = spec.style;
  const svg = svgNode("svg", { width: 28, height: 14, "aria-hidden": "true" }, box);
  const ramp = rampCells(spec);
  if (ramp.length) {
    for (const cell of ramp) {
      const attrs = { x: cell.x, y: 2, width: cell.width, height: 10, fill: cell.colour };
      svgNode("rect", attrs, svg);
    }
    svgNode("rect", { ...RAMP_FRAME, fill: "none", stroke: "#777777", "stroke-width": 1 }, svg);
  } else if (spec.kind === "line") {
    /** @type {Record<string, string | number>} */
    const attrs = { x1: 1, y1: 7, x2: 27, y2: 7, stroke: st.color };
    attrs["stroke-width"] = Math.min(st.weight, 6);
    if (st.dashArray) attrs["stroke-dasharray"] = st.dashArray;
    svgNode("line", attrs, svg);
  } else if (spec.kind === "area" || spec.kind === "mixed") {
    svgNode(
      "rect",
      {
        x: 4,
        y: 2,
        width: 20,
        height: 10,
        fill: st.fillColor,
        "fill-opacity": Math.max(st.fillOpacity, 0.25),
        stroke: st.color,
        "stroke-width": 1.5,
      },
      svg,
    );
  } else {
    const { tag, attrs } = svgSymbol(shapeOf(symbols, st.symbol), 14, 7, ICON_RADIUS);
    svgNode(tag, { ...attrs, fill: st.markerColor, stroke: "#ffffff", "stroke-width": 1.5 }, svg);
    svg.setAttribute("class", "bri-symbol-point");
  }
  return box;
}
