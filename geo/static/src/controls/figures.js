/* The figures panel: the published figures of all layers, each with its year and
 * source, and the time series as bar charts. Folded at first: a click away, never over
 * the data. */

import { appendLinked, el, svgNode } from "../dom.js";
import { fmtNumber } from "../format.js";
import { boxControl, collapsible } from "./panel.js";

/**
 * @typedef {import("../types.js").MapState} MapState
 * @typedef {import("../spec.js").SeriesEntry} SeriesEntry
 * @typedef {import("../spec.js").SeriesPoint} SeriesPoint
 */

/**
 * A point's text: "2018: 6,363 trips (note)".
 * @param {SeriesPoint} p
 * @param {string} unit
 */
function pointText(p, unit) {
  return `${p.year}: ${fmtNumber(p.value, true)}${unit ? ` ${unit}` : ""}${p.note ? ` (${p.note})` : ""}`;
}

/**
 * A time series as a bar chart (SVG, text through textContent): a bar a year, gaps
 * where no figure is published; each bar's title gives the value, its note and source.
 * @param {HTMLElement} parent
 * @param {SeriesEntry} series
 */
export function seriesChart(parent, series) {
  const box = el("div", "bri-series", parent);
  el("div", "bri-series-title", box, series.label + (series.unit ? ` (${series.unit})` : ""));
  const pts = series.points;
  const first = pts[0].year;
  const last = pts[pts.length - 1].year;
  const max = Math.max(...pts.map((p) => p.value)) || 1;
  const years = last - first + 1;
  const w = 260;
  const h = 96;
  const top = 14;
  const bottom = 16;
  const step = w / years;
  const bar = Math.max(2, step * 0.72);
  const svg = svgNode(
    "svg",
    { width: "100%", viewBox: `0 0 ${w} ${h}`, role: "img", class: "bri-series-chart" },
    box,
  );
  svg.setAttribute("aria-label", `${series.label}, ${first} to ${last}`);
  /** @type {Map<number, SeriesPoint>} */
  const byYear = new Map(pts.map((p) => [p.year, p]));
  for (let y = first; y <= last; y++) {
    const p = byYear.get(y);
    const x = (y - first) * step + (step - bar) / 2;
    if (!p) {
      const attrs = { x1: x, x2: x + bar, y1: h - bottom, y2: h - bottom, stroke: "#999" };
      svgNode("line", { ...attrs, "stroke-dasharray": "2 2" }, svg);
      continue;
    }
    const bh = Math.max(1, ((h - top - bottom) * p.value) / max);
    const rect = svgNode(
      "rect",
      { x, y: h - bottom - bh, width: bar, height: bh, fill: "#5b3f8c", class: "bri-series-bar" },
      svg,
    );
    rect.dataset.year = String(p.year);
    const title = svgNode("title", {}, rect);
    title.textContent = `${pointText(p, series.unit)}. Source: ${p.source}`;
  }
  /**
   * @param {string} text
   * @param {number} x
   * @param {string} anchor
   * @param {number} y
   */
  const label = (text, x, anchor, y) => {
    const t = svgNode("text", { x, y, "text-anchor": anchor, "font-size": 10, fill: "#444" }, svg);
    t.textContent = text;
  };
  label(String(first), 0, "start", h - 3);
  label(String(last), w, "end", h - 3);
  label(fmtNumber(/** @type {SeriesPoint} */ (byYear.get(last)).value, true), w, "end", 10);
  const gaps = [];
  for (let g = first; g <= last; g++) if (!byYear.has(g)) gaps.push(g);
  if (gaps.length)
    el("div", "bri-series-gaps", box, `No published total found for ${gaps.join(", ")}`);
  if (series.note) el("div", "bri-series-gaps", box, series.note);
  const details = el("details", "bri-series-sources", box);
  el("summary", null, details, "Sources, year by year");
  const ul = el("ul", null, details);
  for (const p of pts) {
    const li = el(
      "li",
      null,
      ul,
      `${p.year}: ${fmtNumber(p.value, true)}${p.note ? ` (${p.note})` : ""}. `,
    );
    appendLinked(el("i", null, li), p.source);
  }
  return box;
}

/**
 * @param {MapState} state
 * @returns {L.Control}
 */
export function figuresControl(state) {
  const figures = state.config.figures || [];
  const series = state.config.series || [];
  /** @param {HTMLElement} box */
  const fill = (box) => {
    const { body, setOpen } = collapsible(state, box, "In figures", "bri-figures-body");
    setOpen(false); // folded: a click away, never over the data
    for (const one of series) seriesChart(body, one);
    const list = el("ul", null, body);
    /** @type {string[]} */
    const sources = [];
    for (const f of figures) {
      const item = el("li", null, list);
      el("b", null, item, f.value);
      el("span", null, item, ` ${f.label} (${f.year}${f.note ? `, ${f.note}` : ""})`);
      item.title = `${f.where} · Source: ${f.source}`;
      if (sources.indexOf(f.source) < 0) sources.push(f.source);
    }
    el("div", "bri-source", body, `Source: ${sources.join("; ")}`);
  };
  return boxControl("bottomleft", "bri-panel bri-figures", fill, { label: "Figures" });
}
