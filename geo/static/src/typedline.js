/* Lines drawn from typed arrays of Web Mercator pixels at zoom 0 (project.js), so a view
 * is a multiply and a subtract away; no L.LatLng per vertex.
 *
 * Leaflet has no public hook for a path's projection, so TypedLine overrides
 * L.Polyline's private `_project` and, as Leaflet's own does, fills `_rings` (the
 * projected parts the renderer clips and draws) and `_rawPxBounds`, then calls
 * `_updateBounds()` (the pixel box with the stroke's width); it reads the map as
 * `this._map`, as every Leaflet path does, and measures a point's distance to the line
 * (selection: select.js) on the `_rings` it filled. Everything else is public API. */

import { runsBox } from "./project.js";

/**
 * @typedef {import("./decode.js").Run} Run
 * @typedef {import("./project.js").Projected} Projected
 */

/**
 * A line (one or more parts) drawn from runs of a layer's projected positions:
 * `new TypedLine(data, runs, options)` with L.Polyline's options.
 * @type {new (data: Projected, runs: Run[], options: L.PolylineOptions) => L.Polyline & {
 *   data: Projected, runs: Run[],
 *   closestLatLng(containerPoint: L.Point): L.LatLng | null,
 *   pixelDistance(layerPoint: L.Point): number}}
 */
export const TypedLine = L.Polyline.extend({
  /**
   * @param {Projected} data
   * @param {Run[]} runs
   * @param {L.PolylineOptions} options
   */
  initialize(data, runs, options) {
    L.setOptions(this, options);
    this.data = data;
    this.runs = runs;
    const [w, s, e, n] = runsBox(data.lng, data.lat, runs);
    this.box = L.latLngBounds([s, w], [n, e]);
    // A line drawn on past ±180° (kept continuous) is drawn a second time one world
    // over, so both of its ends show on the main copy of the world, where the markers
    // are: a lane from Shanghai to Chancay arrives at Chancay's marker in Peru.
    this.copies = [0];
    if (e > 180) this.copies.push(-360);
    if (w < -180) this.copies.push(360);
  },
  getBounds() {
    return this.box;
  },
  getLatLngs() {
    const d = this.data;
    const parts = this.runs.map((/** @type {Run} */ [start, end]) => {
      const out = [];
      for (let i = start; i < end; i++) out.push(new L.LatLng(d.lat[i], d.lng[i]));
      return out;
    });
    return parts.length === 1 ? parts[0] : parts;
  },
  /** The middle position of the longest part. */
  getCenter() {
    let best = this.runs[0];
    for (const r of this.runs) if (r[1] - r[0] > best[1] - best[0]) best = r;
    const i = Math.floor((best[0] + best[1] - 1) / 2);
    return new L.LatLng(this.data.lat[i], this.data.lng[i]);
  },
  /**
   * The point of the drawn path nearest to a container point (for the measure tool).
   * @param {L.Point} containerPoint
   */
  closestLatLng(containerPoint) {
    const map = this._map;
    const best = this.closestLayerPoint(map.containerPointToLayerPoint(containerPoint));
    return best ? map.layerPointToLatLng(best) : null;
  },
  isEmpty() {
    return !this.runs.length;
  },
  /**
   * The distance (CSS px) from a layer point to the line as drawn now (Infinity while
   * it is not on a map).
   * @param {L.Point} p
   */
  pixelDistance(p) {
    const box = this.pxBox;
    if (!this._map || !this._rings || !box) return Infinity;
    let best = Infinity;
    // far outside the line's box: no segment is nearer than the box
    const dx = Math.max(box[0] - p.x, 0, p.x - box[2]);
    const dy = Math.max(box[1] - p.y, 0, p.y - box[3]);
    if (Math.hypot(dx, dy) > 50) return Math.hypot(dx, dy);
    for (const ring of this._rings) {
      for (let k = 1; k < ring.length; k++) {
        const d = L.LineUtil.pointToSegmentDistance(p, ring[k - 1], ring[k]);
        if (d < best) best = d;
      }
    }
    return best;
  },
  _project() {
    const map = this._map;
    const scale = 2 ** map.getZoom();
    const o = map.getPixelOrigin();
    const d = this.data;
    let x0 = Infinity;
    let y0 = Infinity;
    let x1 = -Infinity;
    let y1 = -Infinity;
    this._rings = [];
    for (const copy of this.copies) {
      const dx = (copy / 360) * 256 * scale - o.x;
      for (const [start, end] of this.runs) {
        const ring = new Array(end - start);
        for (let i = start; i < end; i++) {
          const px = d.x[i] * scale + dx;
          const py = d.y[i] * scale - o.y;
          ring[i - start] = new L.Point(px, py);
          if (px < x0) x0 = px;
          if (px > x1) x1 = px;
          if (py < y0) y0 = py;
          if (py > y1) y1 = py;
        }
        this._rings.push(ring);
      }
    }
    this.pxBox = x0 <= x1 ? [x0, y0, x1, y1] : null;
    if (x0 <= x1) {
      this._rawPxBounds = new L.Bounds([x0, y0], [x1, y1]);
      this._updateBounds();
    }
  },
});
