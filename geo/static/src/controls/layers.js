/* The one panel: layer control and legend in one. Each group of layers folds and ticks
 * on and off together; each layer row is its symbol, its name and a count that means
 * something ("31 services", a corridor's length). Then the statuses: each one's look, its
 * words and how many features have it, ticked to show or hide them (the status filter).
 * Last, folded, the base maps. The counts are of the year shown (all years: of every
 * feature as it is); a status no feature has that year is not listed. */

import { classLegend } from "../classes.js";
import { el, svgNode } from "../dom.js";
import { countWords, greyMix, statusCounts } from "../status.js";
import { layerIcon } from "../symbols.js";
import { groupTitles } from "../text.js";
import { possibleStatuses } from "../years.js";
import { boxControl, collapsible } from "./panel.js";

/**
 * @typedef {import("../types.js").MapState} MapState
 * @typedef {import("../spec.js").LayerSpec} LayerSpec
 * @typedef {import("../spec.js").StatusSpec} StatusSpec
 * @typedef {import("../spec.js").Tables} Tables
 * @typedef {import("../status.js").StatusCount} StatusCount
 */

/**
 * What a layer's row counts: its features in its category's words ("31 services"), or
 * for a category counted by length, its drawn length ("3,030 km"); of the features
 * `shown` lets through (default all: the year shown gives fewer). Pure.
 * @param {LayerSpec} spec
 * @param {Tables} tables
 * @param {(i: number) => boolean} [shown]
 */
export function layerCount(spec, tables, shown) {
  const category = tables.categories.get(spec.category);
  let n = spec.count;
  if (shown) {
    n = 0;
    for (let i = 0; i < spec.count; i++) if (shown(i)) n++;
  }
  if (category?.count === "length") {
    let km = 0;
    spec.lengths_km.forEach((len, i) => {
      if (len !== null && (!shown || shown(i))) km += len;
    });
    if (km > 0) return `${Math.round(km).toLocaleString("en-US")} km`;
  }
  return countWords(n, category?.noun);
}

/**
 * The statuses a panel lists, in the vocabulary's order: every one a feature of the
 * layers can be drawn in, in some year or all years (years.js). Pure.
 * @param {readonly LayerSpec[]} layers
 * @param {Tables} tables
 * @returns {StatusSpec[]}
 */
export function listedStatuses(layers, tables) {
  /** @type {Set<string>} */
  const keys = new Set();
  for (const spec of layers) for (const key of possibleStatuses(spec)) keys.add(key);
  return [...tables.statuses.values()].filter((s) => keys.has(s.key));
}

/**
 * A status's sample for the legend: a line in the legend's colour drawn as the status
 * draws a line (dash, width, opacity, grey), with a ring on it where its points are
 * rings.
 * @param {StatusSpec} status
 * @param {Tables} tables
 * @param {HTMLElement} parent
 */
function statusIcon(status, tables, parent) {
  const box = el("span", "bri-symbol", parent);
  const svg = svgNode("svg", { width: 28, height: 14, "aria-hidden": "true" }, box);
  const colour = greyMix(tables.sample, status.greyed, tables.grey);
  /** @type {Record<string, string | number>} */
  const attrs = {
    x1: 1,
    y1: 7,
    x2: 27,
    y2: 7,
    stroke: colour,
    "stroke-width": 3 * status.weight,
    "stroke-opacity": 0.9 * status.opacity,
  };
  if (status.dash) attrs["stroke-dasharray"] = status.dash;
  svgNode("line", attrs, svg);
  if (status.hollow) {
    const ring = { cx: 14, cy: 7, r: 3.5, fill: "#ffffff", stroke: colour, "stroke-width": 1.5 };
    svgNode("circle", ring, svg);
  }
  return box;
}

/**
 * A section of the panel that folds: its head (a fold button, then what `head` puts in
 * it) and its body.
 * @param {HTMLElement} parent
 * @param {string} className
 * @param {string} title
 * @param {boolean} open
 * @param {(head: HTMLElement) => void} head
 */
function foldingSection(parent, className, title, open, head) {
  const section = el("div", className, parent);
  const top = el("div", "bri-section-head", section);
  const fold = el("button", "bri-fold", top);
  fold.type = "button";
  fold.setAttribute("aria-label", `Fold or unfold ${title}`);
  head(top);
  const body = el("div", "bri-section-body", section);
  /** @param {boolean} show */
  const setOpen = (show) => {
    body.hidden = !show;
    fold.setAttribute("aria-expanded", String(show));
  };
  setOpen(open);
  fold.addEventListener("click", () => setOpen(body.hidden === true));
  return body;
}

/**
 * @param {MapState} state
 * @returns {L.Control & {check(id: string): void, update(): void}}
 */
export function layerControl(state) {
  const { map, config, tables } = state;
  /** @type {Map<string, HTMLInputElement>} */
  const boxes = new Map();
  /** @type {Array<[HTMLInputElement, LayerSpec[]]>} */
  const groupBoxes = [];
  /** @type {Map<string, HTMLInputElement>} */
  const statusBoxes = new Map();
  /** @type {HTMLInputElement[]} */
  const baseRadios = [];
  /** @type {Map<string, HTMLElement>} */
  const layerCounts = new Map();
  /** @type {Map<string, {row: HTMLElement, count: HTMLElement}>} */
  const statusRows = new Map();
  /** @type {HTMLElement | null} */
  let statusSection = null;
  /** @param {LayerSpec} spec */
  const shownNow = (spec) => {
    const states = state.layers[spec.id]?.states;
    return states ? (/** @type {number} */ i) => states[i].shown : undefined;
  };
  /** The counts of the year shown: each layer's, each status's (a status none has, unlisted). */
  const recount = () => {
    for (const spec of config.layers) {
      layerCounts.get(spec.id)?.replaceChildren(layerCount(spec, tables, shownNow(spec)));
    }
    if (!statusSection) return;
    const counts = statusCounts(
      config.layers,
      tables,
      (i, spec) => state.layers[spec.id]?.states[i].shown ?? true,
      (i, spec) => state.layers[spec.id]?.states[i].status ?? null,
    );
    for (const [key, { row, count }] of statusRows) {
      const found = counts.find((c) => c.status.key === key);
      row.hidden = !found;
      if (!found) continue;
      count.textContent = found.words;
      row.title = `${found.status.label}: ${found.status.note} (${found.detail})`;
    }
    statusSection.hidden = counts.length === 0;
  };
  // a name of its own, so that two maps' radio buttons are two groups
  const radioName = `bri-basemap-${L.stamp(map)}`;
  /** @param {string} id @param {boolean} on */
  const setLayer = (id, on) => {
    const layer = state.layers[id].layer;
    if (on && !map.hasLayer(layer)) map.addLayer(layer);
    if (!on && map.hasLayer(layer)) map.removeLayer(layer);
  };
  const update = () => {
    for (const [id, input] of boxes) input.checked = map.hasLayer(state.layers[id].layer);
    for (const [input, members] of groupBoxes) {
      const on = members.filter((s) => map.hasLayer(state.layers[s.id].layer)).length;
      input.checked = on === members.length;
      input.indeterminate = on > 0 && on < members.length;
    }
    for (const [key, input] of statusBoxes) input.checked = state.statusShown.has(key);
    baseRadios.forEach((input, i) => {
      input.checked = i === state.basemapShown;
    });
    recount();
  };
  /**
   * @param {HTMLElement} parent
   * @param {LayerSpec} spec
   * @param {string} name  the row's words (the title, without what its group shares)
   */
  const layerRow = (parent, spec, name) => {
    const label = el("label", "bri-row bri-overlay", parent);
    label.title = spec.description ? `${spec.title}: ${spec.description}` : spec.title;
    const input = el("input", null, label);
    input.type = "checkbox";
    input.checked = true;
    input.dataset.layer = spec.id;
    boxes.set(spec.id, input);
    layerIcon(spec, tables.symbols, label);
    el("span", "bri-overlay-name", label, name);
    layerCounts.set(spec.id, el("span", "bri-count", label, layerCount(spec, tables)));
    input.addEventListener("change", () => {
      setLayer(spec.id, input.checked);
      state.changed();
    });
  };
  /** @param {HTMLElement} body */
  const groups = (body) => {
    for (const group of config.groups) {
      const members = config.layers.filter((s) => s.group === group);
      if (!members.length) continue;
      const inner = foldingSection(body, "bri-group", group, true, (head) => {
        const label = el("label", "bri-row bri-group-row", head);
        const input = el("input", "bri-group-box", label);
        input.type = "checkbox";
        input.checked = true;
        input.dataset.group = group;
        input.setAttribute("aria-label", `Show or hide all of ${group}`);
        groupBoxes.push([input, members]);
        el("span", "bri-group-title", label, group);
        input.addEventListener("change", () => {
          for (const spec of members) setLayer(spec.id, input.checked);
          state.changed();
        });
      });
      const names = groupTitles(members.map((s) => s.title));
      members.forEach((spec, i) => {
        layerRow(inner, spec, names[i]);
        classLegend(spec, tables.symbols, inner);
      });
    }
  };
  /** @param {HTMLElement} body */
  const statuses = (body) => {
    const listed = listedStatuses(config.layers, tables);
    if (!listed.length) return;
    const inner = foldingSection(body, "bri-section bri-statuses", "Status", true, (head) => {
      const title = el("span", "bri-section-title", head, "Status");
      el("span", "bri-hint", title, " (tick to show)");
    });
    statusSection = inner.parentElement;
    for (const status of listed) {
      const label = el("label", "bri-row bri-status-row", inner);
      const input = el("input", null, label);
      input.type = "checkbox";
      input.checked = true;
      input.dataset.status = status.key;
      statusBoxes.set(status.key, input);
      statusIcon(status, tables, label);
      el("span", "bri-overlay-name bri-status-name", label, status.label);
      const count = el("span", "bri-count", label);
      statusRows.set(status.key, { row: label, count });
      input.addEventListener("change", () => state.showStatus(status.key, input.checked));
    }
    recount();
  };
  /** @param {HTMLElement} body */
  const basemaps = (body) => {
    const inner = foldingSection(body, "bri-section bri-basemaps", "Base map", false, (head) => {
      el("span", "bri-section-title", head, "Base map");
    });
    [config.basemap, ...config.basemaps].forEach((b, i) => {
      const label = el("label", "bri-row", inner);
      const input = el("input", null, label);
      input.type = "radio";
      input.name = radioName;
      input.checked = i === 0;
      input.dataset.basemap = String(i);
      baseRadios.push(input);
      el("span", null, label, b.name);
      input.addEventListener("change", () => state.setBasemap(i));
    });
  };
  /** @param {HTMLElement} box */
  const fill = (box) => {
    const { body } = collapsible(state, box, "Layers and legend", "bri-layers-body", "Layers");
    groups(body);
    statuses(body);
    basemaps(body);
  };
  return boxControl(
    "topright",
    "bri-panel bri-layers bri-print leaflet-bar",
    fill,
    { role: "group", label: "Layers and legend" },
    {
      /**
       * Tick a layer's box (when search turns the layer on).
       * @param {string} id
       */
      check(id) {
        const input = boxes.get(id);
        if (input) input.checked = true;
        update();
      },
      update,
    },
  );
}
