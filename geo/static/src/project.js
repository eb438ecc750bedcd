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
