/* The figures panel: the published figures of all layers, each with its year and
 * source, and the time series as bar charts, each marking the year the map shows (the
 * year slider). Folded at first: a click away, never over the data. */

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
 * `mark(year)` marks a year (null: none): a line through its place and its bar
 * highlighted.
 * @param {HTMLElement} parent
 * @param {SeriesEntry} series
 * @returns {HTMLDivElement & {mark?: (year: number | null) => void}}
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
  const marker = svgNode(
    "line",
    { y1: 2, y2: h - bottom + 2, stroke: "#c0392b", "stroke-width": 1.5, class: "bri-series-year" },
    svg,
  );
  /** @param {number | null} year */
  const mark = (year) => {
    const inside = year !== null && year >= first && year <= last;
    marker.setAttribute("visibility", inside ? "visible" : "hidden");
    if (inside) {
      const x = ((year - first) * step + step / 2).toFixed(1);
      marker.setAttribute("x1", x);
      marker.setAttribute("x2", x);
      marker.dataset.year = String(year);
    } else delete marker.dataset.year;
    for (const rect of svg.querySelectorAll(".bri-series-bar")) {
      rect.classList.toggle("bri-series-now", rect.getAttribute("data-year") === String(year));
    }
  };
  mark(null);
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
  return Object.assign(box, { mark });
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
    const charts = series.map((one) => seriesChart(body, one));
    /** @param {number | null} year */
    const mark = (year) => {
      for (const chart of charts) chart.mark?.(year);
    };
    mark(state.year);
    state.map.on("bri:year", (e) => mark(/** @type {any} */ (e).year));
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
