/* The compact geometry of the map spec (geo/mapspec.py), decoded: base-85 text of
 * LEB128 varints and bit-packed integers (geo/encoding.py writes them), and the shape
 * codes that say how positions make geometries. Pure: no DOM, no Leaflet. */

/**
 * @typedef {{count: number, bits: number, packed: string, far: string}} PackedSpec
 * @typedef {{encoding: string, scale: number, shapes: string, coords: PackedSpec}} GeometrySpec
 * @typedef {[number, number]} LatLngPair  a position as [lat, lng]
 * @typedef {[number, number]} Run  positions [start, end) of the layer's position arrays
 * @typedef {{type: number, coords: any}} Shape  a decoded geometry: its shape code, and
 *   its positions nested as the type nests them (see decodeGeometries)
 * @typedef {{shapes: Shape[], lng: Float64Array, lat: Float64Array}} Decoded
 */

// RFC 1924's alphabet with "." for "<" (so the text needs no escape inside a script
// element); a last group of k < 5 characters holds k - 1 bytes.
const B85 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;.=>?@^_`{|}~";
const B85_VALUE = new Int16Array(128).fill(-1);
for (let i = 0; i < B85.length; i++) B85_VALUE[B85.charCodeAt(i)] = i;

/** The code of a missing or empty geometry. */
export const NONE_CODE = 15;

/**
 * The bytes of base-85 text.
 * @param {string} text
 * @returns {Uint8Array}
 */
export function base85Bytes(text) {
  const n = text.length;
  const full = Math.floor(n / 5);
  const rest = n % 5;
  const out = new Uint8Array(full * 4 + (rest ? rest - 1 : 0));
  let o = 0;
  for (let g = 0; g <= full; g++) {
    const start = g * 5;
    const len = g < full ? 5 : rest;
    if (!len) break;
    let v = 0;
    for (let j = 0; j < 5; j++) {
      const c = j < len ? B85_VALUE[text.charCodeAt(start + j)] : 84;
      if (c === undefined || c < 0) {
        throw new Error(`bri-corridors: not base-85 text at ${start + j}`);
      }
      v = v * 85 + c;
    }
    const bytes = len === 5 ? 4 : len - 1;
    for (let k = 0; k < bytes; k++) out[o++] = (v / 256 ** (3 - k)) & 0xff;
  }
  return out;
}

/**
 * LEB128 varints (zigzagged when `signed`), as geo/encoding.py writes them; exact up to
 * 2^53.
 * @param {string} text  base-85 text
 * @param {boolean} signed
 * @returns {Float64Array}
 */
export function varints(text, signed) {
  const bytes = base85Bytes(text);
  const out = new Float64Array(bytes.length);
  let m = 0;
  let value = 0;
  let scale = 1;
  for (const b of bytes) {
    value += (b & 0x7f) * scale;
    if (b < 0x80) {
      if (signed) value = value % 2 ? -(value + 1) / 2 : value / 2;
      out[m++] = value;
      value = 0;
      scale = 1;
    } else {
      scale *= 128;
    }
  }
  return out.subarray(0, m);
}

/**
 * Integers packed at one bit width (most significant bit first), zigzagged; a value of
 * all ones is escaped: the real one is next in the `far` varints (geo/encoding.py).
 * @param {PackedSpec} spec
 * @returns {Float64Array}
 */
export function packed(spec) {
  const bytes = base85Bytes(spec.packed);
  const bits = spec.bits;
  const n = spec.count;
  const far = spec.far ? varints(spec.far, false) : new Float64Array(0);
  const out = new Float64Array(n);
  const top = 2 ** bits - 1;
  const pow2 = [1, 2, 4, 8, 16, 32, 64, 128];
  let f = 0;
  let acc = 0; // holds `have` unread bits (< 48: exact in a double)
  let have = 0;
  let b = 0;
  for (let i = 0; i < n; i++) {
    while (have < bits) {
      acc = acc * 256 + bytes[b++];
      have += 8;
    }
    const scale = pow2[have - bits];
    let v = Math.floor(acc / scale);
    acc -= v * scale;
    have -= bits;
    if (v === top) v = far[f++];
    out[i] = v % 2 ? -(v + 1) / 2 : v / 2;
  }
  return out;
}

/**
 * The geometries of a GeometrySpec, by shape code: {type, coords}, where coords are
 * [lat, lng] pairs (nested as the type nests them: 0 a pair, 3 rings of pairs, 4 pairs,
 * 6 polygons, 7 member shapes), except for lines (types 1 and 5), whose coords are runs
 * [start, end) into the position arrays `lng` and `lat`. With `areaRuns`, polygons
 * (types 3 and 6) are runs too: one per ring, all rings flat. Type 15: no geometry
 * (coords null); an unknown code reads as 15.
 * @param {GeometrySpec} g
 * @param {boolean} [areaRuns]
 * @returns {Decoded}
 */
export function decodeGeometries(g, areaRuns = false) {
  const shapes = varints(g.shapes, false);
  const deltas = packed(g.coords);
  const n = deltas.length / 2;
  const lng = new Float64Array(n);
  const lat = new Float64Array(n);
  const scale = g.scale;
  let x = 0;
  let y = 0;
  for (let p = 0; p < n; p++) {
    x += deltas[2 * p];
    y += deltas[2 * p + 1];
    lng[p] = x / scale;
    lat[p] = y / scale;
  }
  let k = 0;
  let pos = 0;
  /** @param {number} m @returns {LatLngPair[]} */
  const take = (m) => {
    const out = new Array(m);
    for (let j = 0; j < m; j++, pos++) out[j] = [lat[pos], lng[pos]];
    return out;
  };
  /** @param {number} m @returns {Run} */
  const run = (m) => {
    pos += m;
    return [pos - m, pos];
  };
  /** @returns {Array<Run | LatLngPair[]>} */
  const rings = () => {
    const r = shapes[k++];
    const out = new Array(r);
    for (let j = 0; j < r; j++) out[j] = areaRuns ? run(shapes[k++]) : take(shapes[k++]);
    return out;
  };
  /** @template T @param {() => T} each @returns {T[]} */
  const repeat = (each) => {
    const m = shapes[k++];
    const parts = new Array(m);
    for (let j = 0; j < m; j++) parts[j] = each();
    return parts;
  };
  /** @returns {Shape} */
  const one = () => {
    const code = shapes[k++];
    switch (code) {
      case 0:
        return { type: 0, coords: take(1)[0] };
      case 1:
        return { type: 1, coords: [run(shapes[k++])] };
      case 3:
        return { type: 3, coords: rings() };
      case 4:
        return { type: 4, coords: take(shapes[k++]) };
      case 5:
        return { type: 5, coords: repeat(() => run(shapes[k++])) };
      case 6: {
        const parts = repeat(rings);
        return { type: 6, coords: areaRuns ? parts.flat() : parts };
      }
      case 7:
        return { type: 7, coords: repeat(one) };
      default:
        return { type: NONE_CODE, coords: null };
    }
  };
  const out = [];
  while (k < shapes.length) out.push(one());
  return { shapes: out, lng, lat };
}
