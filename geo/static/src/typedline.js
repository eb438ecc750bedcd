/* Lines drawn from typed arrays of Web Mercator pixels at zoom 0 (project.js), so a view
 * is a multiply and a subtract away: no object per vertex, at any zoom.
 *
 * Leaflet has no public hook for a path's projection or drawing, so TypedLine overrides
 * L.Polyline's private `_project` (it sets `_rawPxBounds` from the line's box, a few
 * multiplies, and calls `_updateBounds()`, the pixel box with the stroke's width),
 * `_update` and `_updatePath` (while its canvas renderer draws, `_drawing`, it traces the
 * line onto the renderer's `_ctx`, only the parts that reach the box being drawn: the
 * renderer's `clip` (canvas.js), `_redrawBounds` or `_bounds`,
 * simplified to what a pixel shows: trace.js, then strokes it with the renderer's
 * `_fillStroke`, as Leaflet's own `_updatePoly` does; a line of a big layer, `raster`
 * set, is traced into the renderer's coverage mask instead: `rasterSink`, canvas.js)
 * and `_containsPoint` (the
 * renderer's hit test: the full-resolution line). It reads the map as `this._map`, as
 * every Leaflet path does. Picking, snapping and the hit test measure every position,
 * never the simplified drawing. Everything else is public API. */

import { runsBox } from "./project.js";
import { insideRings, nearestOnRuns, runBoxes, TRACE_TOLERANCE_PX, traceRuns } from "./trace.js";

/**
 * @typedef {import("./decode.js").Run} Run
 * @typedef {import("./project.js").Projected} Projected
 */

/**
 * The methods lines and areas drawn from typed arrays share.
 * @type {Record<string, any>}
 */
const TYPED = {
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
    this.pixelBox = runsBox(data.x, data.y, runs); // zoom-0 pixels
    this.runBoxes = runBoxes(data.x, data.y, runs);
    // A line drawn on past ±180° (kept continuous) is drawn a second time one world
    // over, so both of its ends show on the main copy of the world, where the markers
    // are: a lane from Shanghai to Chancay arrives at Chancay's marker in Peru.
    this.copies = [0];
    if (this.closed) return; // an area is drawn once, as Leaflet drew it
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
    return parts.length === 1 && !this.closed ? parts[0] : parts;
  },
  /**
   * The point of the line nearest to a container point (for the measure tool), on the
   * full-resolution line.
   * @param {L.Point} containerPoint
   */
  closestLatLng(containerPoint) {
    const map = this._map;
    const best = this.closestLayerPoint(map.containerPointToLayerPoint(containerPoint));
    return best ? map.layerPointToLatLng(best) : null;
  },
  /**
   * The point of the line nearest to a layer point (every position, every copy), with
   * its distance, as L.Polyline's: null while it is not on a map.
   * @param {L.Point} p
   */
  closestLayerPoint(p) {
    const best = this.nearest(p);
    if (!best || !Number.isFinite(best.d)) return null;
    const out = new L.Point(best.x, best.y);
    /** @type {any} */ (out).distance = best.d;
    return out;
  },
  isEmpty() {
    return !this.runs.length;
  },
  /**
   * The nearest point of the line (every position, every copy drawn) to a layer point:
   * {d, x, y} in layer px; null while the line is not on a map.
   * @param {L.Point} p
   */
  nearest(p) {
    if (!this._map || this.scale === undefined) return null;
    const d = this.data;
    let best = { d: Infinity, x: Number.NaN, y: Number.NaN };
    for (const dx of this.shifts) {
      const got = nearestOnRuns(
        d.x,
        d.y,
        this.runs,
        this.scale,
        dx,
        -this.origin.y,
        p.x,
        p.y,
        this.closed,
      );
      if (got.d < best.d) best = got;
    }
    return best;
  },
  /**
   * The distance (CSS px) from a layer point to the line (every position: not the
   * simplified drawing); Infinity while it is not on a map.
   * @param {L.Point} p
   */
  pixelDistance(p) {
    const box = this.pxBox;
    if (!this._map || !box) return Infinity;
    // far outside the line's box: no segment is nearer than the box
    const dx = Math.max(box[0] - p.x, 0, p.x - box[2]);
    const dy = Math.max(box[1] - p.y, 0, p.y - box[3]);
    if (Math.hypot(dx, dy) > 50) return Math.hypot(dx, dy);
    return this.nearest(p)?.d ?? Infinity;
  },
  /**
   * The renderer's hit test (hover, click): within half the stroke and the renderer's
   * tolerance of the full-resolution line.
   * @param {L.Point} p
   */
  _containsPoint(p) {
    if (!this._pxBounds?.contains(p)) return false;
    return this.pixelDistance(p) <= this._clickTolerance();
  },
  _project() {
    const map = this._map;
    const scale = 2 ** map.getZoom();
    const o = map.getPixelOrigin();
    this.scale = scale;
    this.origin = o;
    this.shifts = this.copies.map((/** @type {number} */ copy) => (copy / 360) * 256 * scale - o.x);
    const [bx0, by0, bx1, by1] = this.pixelBox;
    if (!(bx0 <= bx1)) {
      this.pxBox = null;
      return;
    }
    const x0 = bx0 * scale + Math.min(...this.shifts);
    const x1 = bx1 * scale + Math.max(...this.shifts);
    const y0 = by0 * scale - o.y;
    const y1 = by1 * scale - o.y;
    this.pxBox = [x0, y0, x1, y1];
    this._rawPxBounds = new L.Bounds([x0, y0], [x1, y1]);
    this._updateBounds();
  },
  _update() {
    if (this._map) this._updatePath();
  },
  _updatePath() {
    const r = /** @type {any} */ (this._renderer);
    if (!r._drawing || !this.pxBox || this.scale === undefined) return;
    // the box being drawn: a strip of a pan (canvas.js), a small redraw, or the canvas
    const b = r.clip || r._redrawBounds || r._bounds;
    const pad = (this.options.weight ?? 3) + 1;
    if (!this._pxBounds.intersects(b)) return;
    /** @type {[number, number, number, number]} */
    const clip = [b.min.x - pad, b.min.y - pad, b.max.x + pad, b.max.y + pad];
    const tolerance = TRACE_TOLERANCE_PX * (this.options.smoothFactor ?? 1);
    const o = this.options;
    const sink =
      this.raster && !this.closed && !o.dashArray && o.stroke !== false && o.weight !== 0
        ? r.rasterSink?.(o, b)
        : null;
    if (sink?.hides(this.pxBox[0], this.pxBox[1], this.pxBox[2], this.pxBox[3])) {
      return; // under what is opaque already (the box of every copy)
    }
    const ctx = r._ctx;
    const d = this.data;
    if (!sink) ctx.beginPath();
    let n = 0;
    for (const dx of this.shifts) {
      n += traceRuns(
        sink || ctx,
        d.x,
        d.y,
        this.runs,
        this.runBoxes,
        this.scale,
        dx,
        -this.origin.y,
        clip,
        tolerance,
        this.closed,
        Boolean(o.dashArray), // dashes that do not move with the box drawn
      );
    }
    if (sink) {
      sink.end();
      r.rasterised += n;
      return;
    }
    if (r.traced !== undefined) r.traced += n;
    if (n) r._fillStroke(ctx, this);
  },
};

/**
 * A line (one or more parts) drawn from runs of a layer's projected positions:
 * `new TypedLine(data, runs, options)` with L.Polyline's options.
 * @type {new (data: Projected, runs: Run[], options: L.PolylineOptions) => L.Polyline & {
 *   data: Projected, runs: Run[], raster?: boolean,
 *   closestLatLng(containerPoint: L.Point): L.LatLng | null,
 *   pixelDistance(layerPoint: L.Point): number}}
 */
export const TypedLine = L.Polyline.extend({
  ...TYPED,
  closed: false,
  /** The middle position of the longest part. */
  getCenter() {
    let best = this.runs[0];
    for (const r of this.runs) if (r[1] - r[0] > best[1] - best[0]) best = r;
    const i = Math.floor((best[0] + best[1] - 1) / 2);
    return new L.LatLng(this.data.lat[i], this.data.lng[i]);
  },
});

/**
 * An area (polygons, their holes) drawn from runs of a layer's projected positions, one
 * run a ring, filled even-odd as Leaflet fills a polygon: `new TypedArea(data, runs,
 * options)` with L.Polygon's options. Its rings are simplified (never below three
 * positions) but not clipped. It is a pointer's target inside it or near its outline
 * (every position); no snapping to its outline (a click inside measures where it is).
 * @type {new (data: Projected, runs: Run[], options: L.PolylineOptions) => L.Polygon & {
 *   data: Projected, runs: Run[], pixelDistance(layerPoint: L.Point): number}}
 */
export const TypedArea = L.Polygon.extend({
  ...TYPED,
  closed: true,
  closestLatLng: undefined,
  /** Where Leaflet puts a polygon's centre: the centroid of its first ring. */
  getCenter() {
    const [start, end] = this.runs[0];
    const ring = [];
    for (let i = start; i < end; i++) ring.push(new L.LatLng(this.data.lat[i], this.data.lng[i]));
    return /** @type {any} */ (L.PolyUtil).polygonCenter(ring, this._map.options.crs);
  },
  /**
   * The renderer's hit test: inside (even-odd) or within the click tolerance of the
   * outline, on every position.
   * @param {L.Point} p
   */
  _containsPoint(p) {
    if (!this._pxBounds?.contains(p)) return false;
    const d = this.data;
    const dx = this.shifts[0];
    const dy = -this.origin.y;
    if (insideRings(d.x, d.y, this.runs, this.scale, dx, dy, p.x, p.y)) return true;
    return this.pixelDistance(p) <= this._clickTolerance();
  },
});
