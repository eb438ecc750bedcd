/* Positions in Web Mercator pixels at zoom 0, as Leaflet's EPSG:3857 projects them, and
 * the boxes of runs of them. Pure: no DOM, no Leaflet. */

/**
 * @typedef {import("./decode.js").Run} Run
 * @typedef {{x: Float64Array, y: Float64Array, lng: Float64Array, lat: Float64Array}} Projected
 *   positions in degrees and in zoom-0 Web Mercator pixels
 */

const MAX_LAT = 85.0511287798;

/**
 * Positions in Web Mercator pixels at zoom 0.
 * @param {Float64Array} lng
 * @param {Float64Array} lat
 * @returns {Projected}
 */
export function mercator(lng, lat) {
  const n = lng.length;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = ((lng[i] + 180) / 360) * 256;
    const s = Math.sin((Math.max(Math.min(lat[i], MAX_LAT), -MAX_LAT) * Math.PI) / 180);
    y[i] = (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * 256;
  }
  return { x, y, lng, lat };
}

/**
 * The box of runs of positions held in two arrays: [least x, least y, most x, most y]
 * (with lng and lat: [west, south, east, north]).
 * @param {Float64Array} xs
 * @param {Float64Array} ys
 * @param {Run[]} runs
 * @returns {[number, number, number, number]}
 */
export function runsBox(xs, ys, runs) {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const [start, end] of runs) {
    for (let i = start; i < end; i++) {
      const x = xs[i];
      const y = ys[i];
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  return [x0, y0, x1, y1];
}

//: The latitudes the world locator (controls/minimap.js) shows.
export const LOCATOR_NORTH = 78;
export const LOCATOR_SOUTH = -58;

/**
 * Zoom-0 Web Mercator y of a latitude.
 * @param {number} lat
 */
export function mercatorY(lat) {
  return mercator(new Float64Array([0]), new Float64Array([lat])).y[0];
}

/**
 * The box of a view on the world locator `width` CSS px wide, [x0, y0, x1, y1] in its
 * CSS px (y from LOCATOR_NORTH down), at least 6 px to a side (a view of a city is still
 * a mark).
 * @param {{west: number, south: number, east: number, north: number}} view  degrees
 * @param {number} width
 * @returns {[number, number, number, number]}
 */
export function locatorBox(view, width) {
  const scale = width / 256;
  const top = mercatorY(LOCATOR_NORTH);
  const p = mercator(
    new Float64Array([view.west, view.east]),
    new Float64Array([view.north, view.south]),
  );
  /** @param {number} a @param {number} b */
  const grow = (a, b) => {
    const pad = Math.max(0, 6 - (b - a)) / 2;
    return [a - pad, b + pad];
  };
  const [x0, x1] = grow(p.x[0] * scale, p.x[1] * scale);
  const [y0, y1] = grow((p.y[0] - top) * scale, (p.y[1] - top) * scale);
  return [x0, y0, x1, y1];
}
