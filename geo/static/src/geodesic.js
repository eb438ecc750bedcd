/* Distances on the WGS84 ellipsoid by Karney's algorithm (GeographicLib's geodesic
 * routines, vendored and inlined in the page as the global `geodesic`), as geo.distance
 * computes them. */

/**
 * @typedef {{lat: number, lng: number}} LatLngLike
 */

/** Metres from p to q along the geodesic. @param {LatLngLike} p @param {LatLngLike} q */
export function geodesicMetres(p, q) {
  const g = geodesic.Geodesic;
  return g.WGS84.Inverse(p.lat, p.lng, q.lat, q.lng, g.DISTANCE).s12;
}

/**
 * Points along the geodesic from p to q (n steps), as [lat, lng], longitudes continuous
 * from p's.
 * @param {LatLngLike} p
 * @param {LatLngLike} q
 * @param {number} n
 * @returns {[number, number][]}
 */
export function geodesicPath(p, q, n) {
  const g = geodesic.Geodesic;
  const line = g.WGS84.InverseLine(
    p.lat,
    p.lng,
    q.lat,
    q.lng,
    g.LATITUDE | g.LONGITUDE | g.DISTANCE_IN,
  );
  const mask = g.LATITUDE | g.LONGITUDE | g.LONG_UNROLL;
  /** @type {[number, number][]} */
  const out = [];
  for (let i = 0; i <= n; i++) {
    const r = line.Position((line.s13 * i) / n, mask);
    out.push([r.lat2, r.lon2]);
  }
  return out;
}
