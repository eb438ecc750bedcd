/* What a feature's popup and tooltip say, as plain data: pure functions of the layer's
 * spec, the feature and the spec's tables (popup.js draws them). No DOM, no Leaflet. */

import { fmtLength, fmtNumber, fmtValue, isMissing } from "./format.js";
import { own } from "./spec.js";

/**
 * @typedef {import("./spec.js").LayerSpec} LayerSpec
 * @typedef {import("./spec.js").Tables} Tables
 * @typedef {{label: string, text: string, source?: string}} PopupRow  a table row; its
 *   cell is `text`, then "; " and `source` (with links) where that is set
 * @typedef {{label: string, value: string, rest: string, source: string}} FigureItem
 *   "label: " value rest, then "Source: " and `source` (with links)
 * @typedef {{heading: string, items: FigureItem[]}} FigureList
 * @typedef {{label: string, text: string}} SourceLine  label, then `text` with links
 * @typedef {{title: string, kind: string, description: string | null, rows: PopupRow[],
 *   figures: FigureList[], sources: SourceLine[]}} PopupContent
 * @typedef {{name: string, detail: string | null, isLength: boolean}} TooltipContent
 */

/**
 * One feature's properties (those with a value), by name, in column order.
 * @param {LayerSpec} spec
 * @param {number} i
 * @returns {Map<string, unknown>}
 */
export function propertiesOf(spec, i) {
  const p = new Map();
  const { columns, values } = spec.properties;
  columns.forEach((column, c) => {
    const v = values[c][i];
    if (v !== null && v !== undefined) p.set(column, v);
  });
  return p;
}

/**
 * The units a layer's lengths are shown in (its category's; km where it has none).
 * @param {LayerSpec} spec
 * @param {Tables} tables
 */
export function lengthUnits(spec, tables) {
  return tables.categories.get(spec.category)?.units ?? ["km"];
}

/**
 * What a feature's tooltip says: its name, then its length or else its role.
 * @param {LayerSpec} spec
 * @param {number} i
 * @param {Tables} tables
 * @returns {TooltipContent}
 */
export function tooltipContent(spec, i, tables) {
  const p = propertiesOf(spec, i);
  const km = spec.lengths_km[i];
  const name = String(p.get("name"));
  if (km !== null && km !== undefined) {
    return {
      name,
      detail: fmtLength(km, lengthUnits(spec, tables), tables.metresPer),
      isLength: true,
    };
  }
  const role = p.get("role");
  return { name, detail: isMissing(role) ? null : String(role), isLength: false };
}

/**
 * The rows of a feature's length: geodesic (a polygon's perimeter), and the published
 * length with its year, source and the share drawn.
 * @param {LayerSpec} spec
 * @param {Map<string, unknown>} p
 * @param {number} km
 * @param {boolean} area
 * @param {Tables} tables
 * @returns {PopupRow[]}
 */
function lengthRows(spec, p, km, area, tables) {
  const units = lengthUnits(spec, tables);
  /** @type {PopupRow[]} */
  const rows = [
    {
      label: area ? "Perimeter (geodesic)" : "Length (geodesic)",
      text: fmtLength(km, units, tables.metresPer),
    },
  ];
  const published = p.get("published_length_km");
  if (typeof published !== "number") return rows;
  const year = p.get("published_length_year");
  const source = p.get("published_length_source");
  /** @type {PopupRow} */
  const row = {
    label: "Published length",
    text: `${Math.round(published).toLocaleString("en-US")} km${isMissing(year) ? "" : ` (${year})`}`,
  };
  if (!isMissing(source)) row.source = String(source);
  rows.push(row);
  if (published > 0) {
    rows.push({ label: "Drawn / published", text: `${Math.round((100 * km) / published)}%` });
  }
  return rows;
}

/**
 * The property rows: the labelled properties in the labels' order, then the others
 * sorted, but for the hidden ones, those starting "_" and those with no value.
 * @param {Map<string, unknown>} p
 * @param {Tables} tables
 * @returns {PopupRow[]}
 */
function propertyRows(p, tables) {
  const { labels, hidden } = tables;
  const keys = [...labels.keys()].filter((k) => p.has(k));
  for (const k of [...p.keys()].sort()) {
    if (!labels.has(k) && !hidden.has(k) && k.charAt(0) !== "_") keys.push(k);
  }
  /** @type {PopupRow[]} */
  const rows = [];
  for (const k of keys) {
    const v = p.get(k);
    if (isMissing(v)) continue;
    let text = fmtValue(v);
    if (k === "via" && Array.isArray(v)) text += ` (${v.length} nodes)`;
    rows.push({ label: labels.get(k) || k, text });
  }
  return rows;
}

/**
 * Published figures as list items.
 * @param {unknown[]} figures
 * @returns {FigureItem[]}
 */
export function figureItems(figures) {
  /** @type {FigureItem[]} */
  const items = [];
  for (const f of figures) {
    if (!f || typeof f !== "object") continue;
    const value = own(f, "value");
    const unit = own(f, "unit");
    const year = own(f, "year");
    const note = own(f, "note");
    items.push({
      label: String(own(f, "label") || ""),
      value:
        (typeof value === "number" ? fmtNumber(value, true) : String(value)) +
        (unit ? ` ${unit}` : ""),
      rest: ` in ${year === undefined ? "" : year}${note ? ` (${note})` : ""}. `,
      source: String(own(f, "source") || ""),
    });
  }
  return items;
}

/**
 * What a feature's popup says.
 * @param {LayerSpec} spec
 * @param {number} i
 * @param {number} type  the feature's shape code (3 and 6: a polygon, whose length is
 *   its perimeter)
 * @param {Tables} tables
 * @returns {PopupContent}
 */
export function popupContent(spec, i, type, tables) {
  const p = propertiesOf(spec, i);
  const km = spec.lengths_km[i];
  const category = tables.categories.get(spec.category);
  const description = p.get("description");
  /** @type {PopupRow[]} */
  const rows = [];
  if (km !== null && km !== undefined)
    rows.push(...lengthRows(spec, p, km, type === 3 || type === 6, tables));
  rows.push(...propertyRows(p, tables));
  /** @type {FigureList[]} */
  const figures = [];
  const featureFigures = p.get("figures");
  if (Array.isArray(featureFigures) && featureFigures.length) {
    figures.push({ heading: "Figures", items: figureItems(featureFigures) });
  }
  if (spec.figures?.length) {
    figures.push({ heading: `${spec.title}: figures`, items: figureItems(spec.figures) });
  }
  /** @type {SourceLine[]} */
  const sources = [];
  if (spec.source) sources.push({ label: "Layer source: ", text: spec.source });
  const source = p.get("source");
  if (!isMissing(source)) sources.push({ label: "Source: ", text: String(source) });
  return {
    title: String(p.get("name")),
    kind: `${category ? category.title : spec.category} · ${spec.title}`,
    description: isMissing(description) ? null : String(description),
    rows,
    figures,
    sources,
  };
}
