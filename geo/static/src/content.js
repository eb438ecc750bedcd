/* What a feature's popup and tooltip say, as plain data: pure functions of the layer's
 * spec, the feature and the spec's tables (popup.js draws them). No DOM, no Leaflet. */

import { fmtLength, fmtNumber, fmtValue, isMissing } from "./format.js";
import { own } from "./spec.js";
import { countWords, featureStatus } from "./status.js";

/**
 * @typedef {import("./spec.js").LayerSpec} LayerSpec
 * @typedef {import("./spec.js").Tables} Tables
 * @typedef {{label: string, text: string, source?: string, items?: string[]}} PopupRow
 *   a table row; its cell is `text` (with links), then "; " and `source` (with links)
 *   where that is set; `items`: a long list, folded under `text` (its summary)
 * @typedef {{label: string, value: string, rest: string, source: string}} FigureItem
 *   "label: " value rest, then "Source: " and `source` (with links)
 * @typedef {{heading: string, items: FigureItem[]}} FigureList
 * @typedef {{label: string, text: string}} SourceLine  label, then `text` with links
 * @typedef {{title: string, kind: string, description: string | null, rows: PopupRow[],
 *   figures: FigureList[], sources: SourceLine[]}} PopupContent
 * @typedef {{name: string, detail: string | null, isLength: boolean}} TooltipContent
 * @typedef {{id: string, i: number}} FeatureRef  a feature: its layer's id, its index
 * @typedef {{id: string, i: number, name: string, layer: string}} PickItem
 * @typedef {{title: string, items: PickItem[]}} PickContent  the features under a click,
 *   to choose from
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
 * Country codes (one, or a list in crossing order) as names, each once, in order.
 * @param {unknown} v
 * @param {Tables} tables
 * @returns {string | null}
 */
export function countryText(v, tables) {
  const codes = Array.isArray(v) ? v : [v];
  /** @type {string[]} */
  const names = [];
  for (const code of codes) {
    if (isMissing(code)) continue;
    const name = tables.countryNames.get(String(code)) ?? String(code);
    if (!names.includes(name)) names.push(name);
  }
  return names.length ? names.join(" – ") : null;
}

/**
 * Whether a property holds an identifier (shown as it is, never as a quantity).
 * @param {string} key
 * @param {Tables} tables
 */
export function isIdentifier(key, tables) {
  return tables.identifiers.has(key) || /id$/i.test(key);
}

/**
 * A list property's row: a list of places (objects with a name) joined by dashes, with
 * its count; one longer than the layer's `folded` limit is folded: its first and last,
 * and the whole list a click away.
 * @param {string} label
 * @param {unknown[]} v
 * @param {number | undefined} fold
 * @returns {PopupRow}
 */
function listRow(label, v, fold) {
  const places = v.every((x) => x && typeof x === "object" && "name" in x);
  const items = places ? v.map((x) => fmtValue([x])) : v.map((x) => fmtValue(x));
  const count = places ? ` (${v.length} places)` : "";
  if (fold === undefined || v.length <= fold) {
    return { label, text: items.join(places ? " – " : ", ") + count };
  }
  const first = places ? String(/** @type {any} */ (v[0]).name) : items[0];
  const last = places ? String(/** @type {any} */ (v[v.length - 1]).name) : items[items.length - 1];
  return { label, text: `${first} – … – ${last}${count}`, items };
}

/**
 * The property rows: the labelled properties in the labels' order, then the others
 * sorted, but for the hidden ones, those starting "_" and those with no value. Country
 * codes are shown as names, identifiers as they are, a status in the vocabulary's words,
 * long lists folded.
 * @param {LayerSpec} spec
 * @param {number} i
 * @param {Map<string, unknown>} p
 * @param {Tables} tables
 * @returns {PopupRow[]}
 */
function propertyRows(spec, i, p, tables) {
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
    const label = labels.get(k) || k;
    const status = k === "status" ? featureStatus(spec, i, tables) : null;
    const countries = tables.countryKeys.has(k) ? countryText(v, tables) : null;
    if (status) rows.push({ label, text: status.label });
    else if (countries !== null) rows.push({ label, text: countries });
    else if (typeof v === "number" && isIdentifier(k, tables))
      rows.push({ label, text: String(v) });
    else if (Array.isArray(v)) rows.push(listRow(label, v, tables.folded.get(k)));
    else rows.push({ label, text: fmtValue(v) });
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
 * The line under a popup's title: the category and the layer, but for what repeats the
 * title or the other ("Economic corridor", not "Economic corridor · China–Pakistan
 * Economic Corridor" under "China–Pakistan Economic Corridor").
 * @param {string} category
 * @param {string} layer
 * @param {string} title
 */
export function kindLine(category, layer, title) {
  const low = (/** @type {string} */ t) => t.toLowerCase();
  if (low(layer) === low(title) || low(layer) === low(category)) return category;
  if (low(layer).includes(low(category))) return layer;
  return `${category} · ${layer}`;
}

/**
 * What the popup of several features under one click says: each to choose from, in map
 * order, by name and layer.
 * @param {readonly FeatureRef[]} hits
 * @param {(id: string) => LayerSpec} specOf
 * @param {Tables} tables
 * @returns {PickContent}
 */
export function pickContent(hits, specOf, tables) {
  const items = hits.map(({ id, i }) => {
    const spec = specOf(id);
    return { id, i, name: String(spec.properties.values[0][i]), layer: spec.title };
  });
  const ids = new Set(hits.map((h) => h.id));
  const one = ids.size === 1 ? specOf(hits[0].id) : null;
  const noun = one ? tables.categories.get(one.category)?.noun : undefined;
  return { title: `${countWords(hits.length, noun)} here: choose one`, items };
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
  rows.push(...propertyRows(spec, i, p, tables));
  /** @type {FigureList[]} */
  const figures = [];
  const featureFigures = p.get("figures");
  // the feature's own figures; the layer's are in the figures panel, not in every popup
  if (Array.isArray(featureFigures) && featureFigures.length) {
    figures.push({ heading: "Figures", items: figureItems(featureFigures) });
  }
  /** @type {SourceLine[]} */
  const sources = [];
  if (spec.source) sources.push({ label: "Layer source: ", text: spec.source });
  const source = p.get("source");
  if (!isMissing(source)) sources.push({ label: "Source: ", text: String(source) });
  const title = String(p.get("name"));
  return {
    title,
    kind: kindLine(category ? category.title : spec.category, spec.title, title),
    description: isMissing(description) ? null : String(description),
    rows,
    figures,
    sources,
  };
}
