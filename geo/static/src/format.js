/* Text for numbers, lengths and property values, as the popups, tooltips, figures and
 * measure tool show them. Pure: no DOM, no Leaflet. */

/**
 * Like Python's "%g" for the numbers shown here: six significant digits, no trailing
 * zeros.
 * @param {number} x
 */
export function trimZeros(x) {
  return String(Number(x.toPrecision(6)));
}

const WORDS = /** @type {const} */ ([
  [1e9, "billion"],
  [1e6, "million"],
]);

/**
 * Short text for a number: 30 billion, 13.9 million, 12,500; `group` puts commas into
 * four-digit integers too (a quantity, where a property like 2011 may be a year).
 * @param {number} v
 * @param {boolean} group
 */
export function fmtNumber(v, group) {
  if (Number.isInteger(v)) {
    for (const [size, word] of WORDS) {
      if (Math.abs(v) >= size && v % (size / 10) === 0) return `${trimZeros(v / size)} ${word}`;
    }
    return group || Math.abs(v) >= 10000 ? v.toLocaleString("en-US") : String(v);
  }
  for (const [size, word] of WORDS) {
    if (Math.abs(v) >= size) return `${trimZeros(v / size)} ${word}`;
  }
  return v.toLocaleString("en-US", { maximumSignificantDigits: 6 });
}

/**
 * A property's value as text: a list of places (objects with a name) joined by dashes,
 * other lists by commas, objects as JSON, numbers by fmtNumber.
 * @param {unknown} v
 * @returns {string}
 */
export function fmtValue(v) {
  if (Array.isArray(v)) {
    if (v.length && v.every((x) => x && typeof x === "object" && "name" in x)) {
      return v
        .map((x) => String(x.name) + (x.assumed === true ? " (crossing assumed)" : ""))
        .join(" – ");
    }
    return v.map(fmtValue).join(", ");
  }
  if (v && typeof v === "object") return JSON.stringify(v);
  if (typeof v === "number") return fmtNumber(v, false);
  return String(v);
}

/**
 * A length in each of `units` (names of the spec's `units`: metres per unit), whole
 * numbers, joined by " · ": "1,234 km · 666 nmi".
 * @param {number} km
 * @param {readonly string[]} units
 * @param {ReadonlyMap<string, number>} metresPer
 */
export function fmtLength(km, units, metresPer) {
  return units
    .map((u) => {
      const metres = metresPer.get(u);
      if (metres === undefined) throw new Error(`bri-corridors: unknown unit ${u}`);
      return `${Math.round((km * 1000) / metres).toLocaleString("en-US")} ${u}`;
    })
    .join(" · ");
}

/**
 * A number with exactly `digits` decimals and thousands separators (the measure tool).
 * @param {number} value
 * @param {number} digits
 */
export function fmtFixed(value, digits) {
  return value.toLocaleString("en-GB", {
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  });
}

/**
 * Whether a property's value shows nothing: null, empty text, an empty list or object.
 * @param {unknown} v
 */
export function isMissing(v) {
  return (
    v === null ||
    v === undefined ||
    v === "" ||
    (Array.isArray(v) && !v.length) ||
    (typeof v === "object" && !Array.isArray(v) && !Object.keys(v).length)
  );
}
