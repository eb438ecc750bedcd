/* The features shown, as files: GeoJSON (the geometries decoded from the map spec at its
 * precision, as drawn: densified along the geodesic, longitudes continuous across ±180°;
 * the properties as the spec carries them, plus `layer`) and CSV (one row a feature).
 * A CSV cell is made safe as geo/_text.py's csv_cell makes it: text starting with =, +,
 * -, @, a tab or a carriage return gets a leading ', control and bidirectional
 * characters are escaped; tests/js/download.test.js checks both against the same cases.
 * Pure: no DOM, no Leaflet. */

import { decodeGeometries } from "./decode.js";

/**
 * @typedef {import("./spec.js").LayerSpec} LayerSpec
 * @typedef {import("./decode.js").Shape} Shape
 * @typedef {{spec: LayerSpec, indices: number[], statuses?: (string | null)[]}} ShownLayer
 *   a layer and the features of it shown, by index, with each one's status key as drawn
 *   (in the year shown; default its `status`)
 */

/** A text cell starting with one of these is a formula to a spreadsheet (OWASP). */
export const CSV_FORMULA_STARTS = ["=", "+", "-", "@", "\t", "\r"];

// C0 and C1 controls, DEL, line/paragraph separators, bidirectional overrides and
// isolates, lone surrogates: geo/_text.py's _UNSAFE (with the u flag, a surrogate pair
// is one character, so only a lone surrogate matches).
const UNSAFE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]/gu;
/** @type {Record<string, string>} */
const NAMED = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/**
 * Text as one safe line, as geo/_text.py's printable writes it (without a limit): \n, \r
 * and \t named, other controls as \xNN, the rest as \uNNNN.
 * @param {string} text
 */
export function printable(text) {
  return text.replace(UNSAFE, (ch) => {
    if (NAMED[ch]) return NAMED[ch];
    const code = /** @type {number} */ (ch.codePointAt(0));
    return code < 0x100
      ? `\\x${code.toString(16).padStart(2, "0")}`
      : `\\u${code.toString(16).padStart(4, "0")}`;
  });
}

/**
 * A CSV cell's value that a spreadsheet shows as text, not runs as a formula (geo/_text.py's
 * csv_cell): text starting with =, +, -, @, a tab or a carriage return gets a leading ',
 * and is made printable; anything else (a number, null) is returned as it is.
 * @param {unknown} value
 * @returns {unknown}
 */
export function csvCell(value) {
  if (typeof value !== "string") return value;
  const quote = CSV_FORMULA_STARTS.some((s) => value.startsWith(s)) ? "'" : "";
  return quote + printable(value);
}

/**
 * A value as a CSV field (Python's csv module, minimal quoting): text made safe
 * (csvCell), then quoted where it holds a comma, a quote or a line break; a number as it
 * is; null and undefined empty; a list or an object as JSON text.
 * @param {unknown} value
 */
export function csvField(value) {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  const cell = String(csvCell(text));
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/**
 * A column of a layer's properties (null where the layer has none).
 * @param {LayerSpec} spec
 * @param {string} name
 * @returns {unknown[] | null}
 */
export function column(spec, name) {
  const c = spec.properties.columns.indexOf(name);
  return c < 0 ? null : spec.properties.values[c];
}

/**
 * Positions [start, end) of a layer's arrays as GeoJSON positions.
 * @param {[number, number]} run
 * @param {Float64Array} lng
 * @param {Float64Array} lat
 * @returns {[number, number][]}
 */
function positions(run, lng, lat) {
  /** @type {[number, number][]} */
  const out = [];
  for (let p = run[0]; p < run[1]; p++) out.push([lng[p], lat[p]]);
  return out;
}

/**
 * [lat, lng] pairs as GeoJSON positions.
 * @param {[number, number][]} pairs
 * @returns {[number, number][]}
 */
function swapped(pairs) {
  return pairs.map(([lat, lng]) => [lng, lat]);
}

/**
 * A decoded geometry (decodeGeometries, without area runs) as a GeoJSON geometry; null
 * for none.
 * @param {Shape} shape
 * @param {Float64Array} lng
 * @param {Float64Array} lat
 * @returns {object | null}
 */
export function geojsonGeometry(shape, lng, lat) {
  const c = shape.coords;
  switch (shape.type) {
    case 0:
      return { type: "Point", coordinates: [c[1], c[0]] };
    case 1:
      return { type: "LineString", coordinates: positions(c[0], lng, lat) };
    case 3:
      return { type: "Polygon", coordinates: c.map(swapped) };
    case 4:
      return { type: "MultiPoint", coordinates: swapped(c) };
    case 5:
      return {
        type: "MultiLineString",
        coordinates: c.map((/** @type {[number, number]} */ r) => positions(r, lng, lat)),
      };
    case 6:
      return {
        type: "MultiPolygon",
        coordinates: c.map((/** @type {[number, number][][]} */ rings) => rings.map(swapped)),
      };
    case 7:
      return {
        type: "GeometryCollection",
        geometries: c
          .map((/** @type {Shape} */ g) => geojsonGeometry(g, lng, lat))
          .filter((/** @type {object | null} */ g) => g !== null),
      };
    default:
      return null;
  }
}

/**
 * A feature's properties as the spec carries them (a value it has none of left out),
 * then `layer`, its layer's id.
 * @param {LayerSpec} spec
 * @param {number} i
 * @returns {Record<string, unknown>}
 */
export function featureProperties(spec, i) {
  /** @type {Record<string, unknown>} */
  const out = {};
  spec.properties.columns.forEach((name, c) => {
    const v = spec.properties.values[c][i];
    if (v !== null && v !== undefined) out[name] = v;
  });
  out.layer = spec.id;
  return out;
}

/**
 * The features shown as a GeoJSON FeatureCollection.
 * @param {ShownLayer[]} shown
 */
export function featureCollection(shown) {
  const features = [];
  for (const { spec, indices } of shown) {
    const { shapes, lng, lat } = decodeGeometries(spec.geometry);
    for (const i of indices) {
      features.push({
        type: "Feature",
        properties: featureProperties(spec, i),
        geometry: shapes[i] ? geojsonGeometry(shapes[i], lng, lat) : null,
      });
    }
  }
  return { type: "FeatureCollection", features };
}

/**
 * The features shown as CSV text: a header, then one row a feature (name, layer, length
 * in km, status as drawn, start_year and end_year where any feature shown has them,
 * source), lines ending in CRLF as Python's csv module writes them.
 * @param {ShownLayer[]} shown
 * @returns {string}
 */
export function csvText(shown) {
  const years = ["start_year", "end_year"].filter((name) =>
    shown.some(({ spec, indices }) => {
      const values = column(spec, name);
      return values !== null && indices.some((i) => values[i] !== null);
    }),
  );
  const header = ["name", "layer", "length_km", "status", ...years, "source"];
  const rows = [header.join(",")];
  for (const { spec, indices, statuses: drawn } of shown) {
    const names = column(spec, "name");
    const statuses = column(spec, "status");
    const sources = column(spec, "source");
    const yearColumns = years.map((name) => column(spec, name));
    indices.forEach((i, k) => {
      const status = (drawn ? drawn[k] : spec.status?.[i]) ?? statuses?.[i] ?? null;
      const row = [
        names?.[i],
        spec.id,
        spec.lengths_km[i],
        status,
        ...yearColumns.map((values) => values?.[i]),
        sources?.[i],
      ];
      rows.push(row.map(csvField).join(","));
    });
  }
  return `${rows.join("\r\n")}\r\n`;
}
