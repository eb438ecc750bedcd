/* The map's state in its address: the URL fragment that records the view, the layers
 * shown, the status filter, the selected feature, the base map and the year, and reads
 * them back. Pure: no DOM, no Leaflet (permalink.js wires it to a map).
 *
 * The fragment is a query string after "#", its first field the format's version:
 *
 *   #v=1&c=39.4701,75.9898&z=7&off=maritime/ports,rail/routes&hide=unknown
 *       &sel=corridors/cpec:0&base=1&year=2018
 *
 *   v     the format's version: 1 (any other, or none: the whole fragment is ignored)
 *   c     the view's centre: latitude,longitude in degrees (4 decimals, 5 from zoom 9)
 *   z     the zoom (2 decimals at most)
 *   off   the layers turned off, by id, comma-separated;
 *   on    or, where shorter, the layers turned on (the others are off; "on=" is none)
 *   hide  the statuses the status filter hides, by key (geo/data/status.toml)
 *   sel   the selected feature: its layer's id, ":", its index in the layer
 *   base  the base map shown: 0 the built-in one, 1 and on the tile base maps in order
 *   year  the year the map shows (a map with a year slider)
 *
 * Ids are percent-encoded (encodeURIComponent, "/" kept). A field left out has its
 * default: the first view, every layer and status shown, nothing selected, the built-in
 * base map, the map's own year. Reading never throws: a fragment longer than
 * MAX_FRAGMENT characters, of another version or not this format is ignored whole; a
 * field that is malformed (a bad number, an unknown layer or status, a feature index
 * out of range) is ignored alone, and an unknown field too. */

/** The format's version (the `v` field). */
export const LINK_VERSION = 1;
//: The longest fragment read; a longer one is ignored whole.
export const MAX_FRAGMENT = 4096;
//: The deepest zoom a link may ask for (the map limits it to its own).
const MAX_ZOOM = 30;
//: A decimal number as the fragment writes it: no exponent, no "0x", no spaces.
const DECIMAL = /^-?\d{1,3}(\.\d{1,12})?$/;
const INTEGER = /^\d{1,9}$/;

/**
 * @typedef {{id: string, count: number}} KnownLayer  a layer of the map: its id and
 *   number of features
 * @typedef {{layers: KnownLayer[], statuses: string[], basemaps: number,
 *   years?: [number, number]}} Known  what the map holds, which a link is read against:
 *   its layers, status keys, number of base maps (the built-in one included) and, where
 *   it has a year slider, its first and last year
 * @typedef {{id: string, i: number}} LinkFeature
 * @typedef {{center?: [number, number], zoom?: number, off?: string[],
 *   hidden?: string[], selected?: LinkFeature, basemap?: number, year?: number}} LinkState
 *   a map's state as a link holds it: the centre as [lat, lng], the ids of the layers
 *   turned off, the status keys hidden (each list in the map's order); a field left out
 *   has its default
 */

/**
 * An id as the fragment writes it: percent-encoded, "/" kept.
 * @param {string} id
 */
function encodeId(id) {
  return encodeURIComponent(id).replace(/%2F/gi, "/");
}

/**
 * A percent-encoded text read back; null where it is malformed.
 * @param {string} text
 * @returns {string | null}
 */
function decodeText(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/**
 * A number rounded to `digits` decimals, as short text ("7", "39.4701", "-0.5").
 * @param {number} x
 * @param {number} digits
 */
function fixed(x, digits) {
  const text = String(Number(x.toFixed(digits)));
  return text === "-0" ? "0" : text;
}

/**
 * How many decimals the centre gets at a zoom: 4 (about 11 m), 5 (about 1 m) from 9.
 * @param {number} zoom
 */
export function centreDecimals(zoom) {
  return zoom >= 9 ? 5 : 4;
}

/**
 * A longitude brought into [-180, 180] (a view panned round the world).
 * @param {number} lng
 */
export function wrapLongitude(lng) {
  if (lng >= -180 && lng <= 180) return lng;
  const wrapped = ((((lng + 180) % 360) + 360) % 360) - 180;
  return wrapped === -180 ? 180 : wrapped;
}

/**
 * The fragment (without "#") of a map's state. Fields at their default are left out; the
 * layers are written as those off or, where shorter, those on.
 * @param {LinkState} link
 * @param {Known} known
 * @returns {string}
 */
export function encodeLink(link, known) {
  const parts = [`v=${LINK_VERSION}`];
  if (link.center && link.zoom !== undefined) {
    const d = centreDecimals(link.zoom);
    parts.push(`c=${fixed(link.center[0], d)},${fixed(wrapLongitude(link.center[1]), d)}`);
  }
  if (link.zoom !== undefined) parts.push(`z=${fixed(link.zoom, 2)}`);
  const off = new Set(link.off ?? []);
  if (off.size) {
    const ids = known.layers.map((l) => l.id);
    const offText = ids
      .filter((id) => off.has(id))
      .map(encodeId)
      .join(",");
    const onText = ids
      .filter((id) => !off.has(id))
      .map(encodeId)
      .join(",");
    parts.push(onText.length < offText.length ? `on=${onText}` : `off=${offText}`);
  }
  const hidden = new Set(link.hidden ?? []);
  const hide = known.statuses.filter((k) => hidden.has(k));
  if (hide.length) parts.push(`hide=${hide.map(encodeId).join(",")}`);
  if (link.selected) parts.push(`sel=${encodeId(link.selected.id)}:${link.selected.i}`);
  if (link.basemap) parts.push(`base=${link.basemap}`);
  if (link.year !== undefined) parts.push(`year=${link.year}`);
  return parts.join("&");
}

/**
 * The fields of a fragment (without "#"), each key once (the first kept); null where it
 * is too long to read.
 * @param {string} fragment
 * @returns {Map<string, string> | null}
 */
function fields(fragment) {
  if (typeof fragment !== "string" || fragment.length > MAX_FRAGMENT) return null;
  /** @type {Map<string, string>} */
  const out = new Map();
  for (const piece of fragment.split("&")) {
    const at = piece.indexOf("=");
    if (at <= 0) continue;
    const key = piece.slice(0, at);
    if (!out.has(key)) out.set(key, piece.slice(at + 1));
  }
  return out;
}

/**
 * A comma list of ids, each decoded and kept where `known` has it, in `known`'s order.
 * @param {string} text
 * @param {string[]} known
 * @returns {string[]}
 */
function idList(text, known) {
  const wanted = new Set();
  for (const raw of text.split(",")) {
    const id = decodeText(raw);
    if (id !== null) wanted.add(id);
  }
  return known.filter((id) => wanted.has(id));
}

/**
 * A decimal number in [lo, hi], or null.
 * @param {string | undefined} text
 * @param {number} lo
 * @param {number} hi
 */
function decimal(text, lo, hi) {
  if (text === undefined || !DECIMAL.test(text)) return null;
  const x = Number(text);
  return Number.isFinite(x) && x >= lo && x <= hi ? x : null;
}

/**
 * A whole number in [lo, hi], or null.
 * @param {string | undefined} text
 * @param {number} lo
 * @param {number} hi
 */
function whole(text, lo, hi) {
  if (text === undefined || !INTEGER.test(text)) return null;
  const n = Number(text);
  return n >= lo && n <= hi ? n : null;
}

/**
 * The selected feature of a `sel` field, where its layer is known and its index in range.
 * @param {string} text
 * @param {KnownLayer[]} layers
 * @returns {LinkFeature | null}
 */
function feature(text, layers) {
  const at = text.lastIndexOf(":");
  if (at <= 0) return null;
  const id = decodeText(text.slice(0, at));
  const layer = layers.find((l) => l.id === id);
  if (!layer) return null;
  const i = whole(text.slice(at + 1), 0, layer.count - 1);
  return i === null ? null : { id: layer.id, i };
}

/**
 * A map's state read from a fragment (with or without its "#"), against what the map
 * holds: each well-formed field that the map can show, the others left out (so at their
 * default). Null where the fragment is not this format's (empty, too long, another
 * version): the whole of it is ignored. Never throws.
 * @param {string} fragment
 * @param {Known} known
 * @returns {LinkState | null}
 */
export function decodeLink(fragment, known) {
  const text = typeof fragment === "string" ? fragment.replace(/^#/, "") : "";
  const f = fields(text);
  if (!f || f.get("v") !== String(LINK_VERSION)) return null;
  /** @type {LinkState} */
  const link = {};
  const zoom = decimal(f.get("z"), 0, MAX_ZOOM);
  if (zoom !== null) link.zoom = zoom;
  const c = (f.get("c") ?? "").split(",");
  if (c.length === 2) {
    const lat = decimal(c[0], -90, 90);
    const lng = decimal(c[1], -180, 180);
    if (lat !== null && lng !== null) link.center = [lat, lng];
  }
  const ids = known.layers.map((l) => l.id);
  const on = f.get("on");
  const off = f.get("off");
  if (on !== undefined && off === undefined) {
    const shown = new Set(idList(on, ids));
    link.off = ids.filter((id) => !shown.has(id));
  } else if (off !== undefined && on === undefined) {
    link.off = idList(off, ids);
  }
  const hide = f.get("hide");
  if (hide !== undefined) link.hidden = idList(hide, known.statuses);
  const sel = f.get("sel");
  const selected = sel === undefined ? null : feature(sel, known.layers);
  if (selected) link.selected = selected;
  const base = whole(f.get("base"), 0, known.basemaps - 1);
  if (base !== null) link.basemap = base;
  const [first, last] = known.years ?? [1000, 9999];
  const year = whole(f.get("year"), first, last);
  if (year !== null) link.year = year;
  return link;
}
