/* The layers' canvas: Leaflet's canvas renderer, drawing a full redraw (after a zoom, or a
 * change of many paths) over several animation frames, so that no frame holds the page
 * for long; the paths keep their order (the first drawn first, as Leaflet draws them). A
 * pan keeps what was drawn: the finished picture is moved with the view and only the
 * strips that come into view are drawn (each path that reaches a strip, clipped to it:
 * the same pixels a full redraw gives there). A redraw asked for while one is under way
 * starts it again, whole. A redraw of a small box (a hovered or restyled path: Leaflet's
 * `_redrawBounds`) is drawn at once, as Leaflet draws it, unless one is under way.
 *
 * Leaflet has no public hook for this: the renderer overrides L.Canvas's private
 * `_redraw` (Leaflet's calls `_clear` and `_draw`) and `_update` (Leaflet's sizes and
 * places the canvas for the view after a move, which clears it, then redraws: the picture
 * is copied first), walks the paths in its private draw order (`_drawFirst`, each
 * `.next`) calling each path's `_updatePath` while `_drawing` is set, skipping those whose
 * `_pxBounds` miss the box drawn, as Leaflet's `_draw` does, and reads its `_bounds` (the
 * canvas's box in layer pixels), `_ctx` and `_container`. `_draw` itself (the whole canvas
 * at once: onAdd, snapshot.js) is Leaflet's. While it draws, `clip` is the box being drawn
 * (layer px), for paths that trace only what reaches it, and `traced` counts what they
 * trace (typedline.js).
 *
 * Lines of a big layer (`raster` set on the path: layers.js) are not stroked by the
 * canvas but rasterised in script into a coverage mask (raster.js: Chromium's software
 * rasteriser strokes thick lines many times dearer), through `rasterSink`, and the mask is
 * composited onto the canvas in the lines' colour and opacity (`_flushRaster`: one
 * putImageData onto a scratch canvas and one drawImage of the box touched): when the
 * colour or opacity changes, before any other path draws (so the drawing order holds),
 * at the end of each box drawn and, within a long one, every RASTER_FLUSH_MS. Where the
 * renderer draws onto another canvas (a picture: snapshot.js) there is no sink and lines
 * are stroked as before. `_draw` is Leaflet's loop with that hook. */

import { CoverageMask, paletteOf } from "./raster.js";

//: One frame's share of a redraw: at most this many milliseconds of path building (and
//: rasterising, for lines rasterised in script), and at most this many positions traced
//: for the canvas to stroke (it rasterises them when the frame is painted, which no clock
//: here sees). Each frame also costs the browser's own painting, 20-30 ms here without a
//: GPU: a zoom at 10,000 lines was drawn in about 900 ms with 12 ms slices, 500 ms with 30
//: and 45 (medians of 3, twice; longer frames with 45), so 30.
export const SLICE_MS = 30;
export const SLICE_POSITIONS = 15000;
//: Within a long redraw, lines rasterised in script are shown at least this often (ms).
export const RASTER_FLUSH_MS = 100;

const CANVAS = /** @type {any} */ (L.Canvas.prototype);

/**
 * A canvas renderer drawing over frames; `isLoading()` says whether a redraw is still
 * under way (tests and benchmarks wait on it).
 * @type {new (options?: L.RendererOptions) => L.Canvas & {isLoading(): boolean,
 *   traced: number, clip: L.Bounds | null}}
 */
export const SlicedCanvas = L.Canvas.extend({
  /** @param {L.RendererOptions} [options] */
  initialize(options) {
    CANVAS.initialize.call(this, options);
    this.traced = 0;
    /** @type {L.Bounds | null} */
    this.clip = null;
    /** @type {(L.Bounds | null)[]} boxes still to draw (null: the whole canvas) */
    this._jobs = [];
    /** @type {any} the next path to draw in the first job */
    this._next = null;
    /** @type {number | null} */
    this._sliceFrame = null;
    /** @type {{zoom: number, origin: L.Point, bounds: L.Bounds} | null} what the canvas
     * shows, when it is finished */
    this._shown = null;
    /** @type {{picture: HTMLCanvasElement, bounds: L.Bounds} | null} */
    this._moved = null;
    this.rasterised = 0; // positions rasterised in script (not counted in `traced`)
    /** @type {{mask: CoverageMask, scratch: HTMLCanvasElement, image: ImageData,
     * pixels: Uint32Array} | null} */
    this._raster = null;
    /** @type {string | null} the colour and opacity of the lines in the mask */
    this._rasterColor = null;
    this._rasterOpacity = 1;
    this._palette = new Uint32Array(256);
    this._flushedAt = 0;
    this._clean = false; // the box being drawn holds nothing but the mask's lines
    /** @type {Map<string, [number, number, number]>} */
    this._rgb = new Map();
  },
  isLoading() {
    return this._jobs.length > 0;
  },
  onRemove() {
    this._stopSlices();
    this._shown = null;
    CANVAS.onRemove.call(this);
  },
  _stopSlices() {
    if (this._sliceFrame !== null) L.Util.cancelAnimFrame(this._sliceFrame);
    this._sliceFrame = null;
    this._jobs = [];
    this._next = null;
    this._raster?.mask.clear(); // what a redraw under way left in it
    this._clean = false;
  },
  /**
   * Where a line drawn in `options` (color, opacity, weight) rasterises its positions
   * (layer px) for the box being drawn `box` (layer px): the canvas's coverage mask, set
   * for the line's width (pending lines of another colour or opacity composited first);
   * null where the renderer is drawing onto another canvas.
   * @param {L.PathOptions} options
   * @param {L.Bounds} box
   * @returns {CoverageMask | null}
   */
  rasterSink(options, box) {
    const canvas = this._container;
    if (!this._ctx || this._ctx.canvas !== canvas || !this._bounds) return null;
    if (this._raster?.mask.width !== canvas.width || this._raster.mask.height !== canvas.height) {
      const image = new ImageData(canvas.width, canvas.height);
      const scratch = document.createElement("canvas");
      scratch.width = canvas.width;
      scratch.height = canvas.height;
      this._raster = {
        mask: new CoverageMask(canvas.width, canvas.height),
        scratch,
        image,
        pixels: new Uint32Array(image.data.buffer),
      };
      this._rasterColor = null;
    }
    const color = options.color ?? "#3388ff";
    const opacity = options.opacity ?? 1;
    if (color !== this._rasterColor || opacity !== this._rasterOpacity) {
      this._flushRaster();
      this._rasterColor = color;
      this._rasterOpacity = opacity;
      this._palette = paletteOf(this._rgbOf(color));
      this._raster.mask.setOpacity(opacity);
    }
    /** @type {L.Bounds} */
    const b = this._bounds;
    const m = canvas.width / b.getSize().x;
    const [o, lo, hi] = /** @type {L.Point[]} */ ([b.min, box.min, box.max]);
    const mask = this._raster.mask;
    mask.begin(options.weight ?? 3, o.x, o.y, m, [
      (lo.x - o.x) * m,
      (lo.y - o.y) * m,
      (hi.x - o.x) * m,
      (hi.y - o.y) * m,
    ]);
    return mask;
  },
  /**
   * A CSS colour as [r, g, b] (0-255), as the canvas reads it.
   * @param {string} color
   * @returns {[number, number, number]}
   */
  _rgbOf(color) {
    let rgb = this._rgb.get(color);
    if (!rgb) {
      const probe = /** @type {CanvasRenderingContext2D} */ (
        document.createElement("canvas").getContext("2d")
      );
      probe.fillStyle = color;
      probe.fillRect(0, 0, 1, 1);
      const [r, g, bl] = probe.getImageData(0, 0, 1, 1).data;
      rgb = /** @type {[number, number, number]} */ ([r, g, bl]);
      this._rgb.set(color, rgb);
    }
    return rgb;
  },
  /**
   * Composite the lines rasterised since the last time onto the canvas. Where the box
   * being drawn held nothing else since it was cleared (`_clean`), the mask's pixels
   * replace the canvas's (putImageData), and with `goingOn` (more lines of the same box
   * and look follow) the mask keeps what it holds, so that its pixels keep adding up
   * over the frames of a long redraw (and its opaque tiles keep passing over lines);
   * else they are laid over the canvas (drawImage) and the mask is emptied.
   * @param {boolean} [goingOn]
   */
  _flushRaster(goingOn = false) {
    const raster = this._raster;
    this._flushedAt = performance.now();
    if (!raster || this._ctx?.canvas !== this._container) return;
    const mask = raster.mask;
    if (this._clean) {
      const box = mask.snapshot(raster.pixels, this._palette);
      if (box) {
        const [x0, y0, x1, y1] = box;
        this._ctx.putImageData(raster.image, 0, 0, x0, y0, x1 - x0, y1 - y0);
      }
      if (goingOn) return;
      mask.release();
      if (box) this._clean = false;
      return;
    }
    const box = mask.composite(raster.pixels, this._palette);
    if (!box) return;
    const [x0, y0, x1, y1] = box;
    raster.scratch.getContext("2d")?.putImageData(raster.image, 0, 0, x0, y0, x1 - x0, y1 - y0);
    const ctx = this._ctx;
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.globalAlpha = 1;
    ctx.drawImage(raster.scratch, x0, y0, x1 - x0, y1 - y0, x0, y0, x1 - x0, y1 - y0);
    ctx.restore();
  },
  /**
   * Draw a path (while `_drawing`): lines rasterised so far composited first unless it
   * rasterises too (a line of a big layer, undashed).
   * @param {any} layer
   */
  _drawPath(layer) {
    // a dashed line of a big layer is stroked by the canvas (typedline.js)
    if (!layer.raster || layer.options?.dashArray) {
      this._flushRaster();
      this._clean = false;
    }
    layer._updatePath();
  },
  _draw() {
    // Leaflet's _draw, each path through _drawPath
    if (this._ctx.canvas === this._container) this._clean = false;
    const bounds = this._redrawBounds;
    const ctx = this._ctx;
    ctx.save();
    if (bounds) {
      const size = bounds.getSize();
      ctx.beginPath();
      ctx.rect(bounds.min.x, bounds.min.y, size.x, size.y);
      ctx.clip();
    }
    this._drawing = true;
    for (let order = this._drawFirst; order; order = order.next) {
      const layer = order.layer;
      if (!bounds || layer._pxBounds?.intersects(bounds)) this._drawPath(layer);
    }
    this._flushRaster();
    this._drawing = false;
    ctx.restore();
  },
  _update() {
    const map = this._map;
    if (map._animatingZoom && this._bounds) return;
    const shown = this._shown;
    this._moved = null;
    if (
      shown &&
      !this._jobs.length &&
      !this._redrawRequest &&
      shown.zoom === map.getZoom() &&
      shown.origin.equals(map.getPixelOrigin())
    ) {
      const picture = document.createElement("canvas");
      picture.width = this._container.width;
      picture.height = this._container.height;
      picture.getContext("2d")?.drawImage(this._container, 0, 0);
      this._moved = { picture, bounds: shown.bounds };
    }
    this._shown = null;
    CANVAS._update.call(this); // sizes the canvas (clearing it), fires "update": _redraw
    this._moved = null;
  },
  _redraw() {
    if (this._redrawBounds && !this._jobs.length && !this._moved) {
      CANVAS._redraw.call(this); // a small box, at once
      return;
    }
    this._redrawRequest = null;
    this._redrawBounds = null;
    this._stopSlices();
    const moved = this._moved;
    /** @type {L.Bounds} */
    const b = this._bounds;
    if (moved?.bounds.intersects(b)) {
      const m = this._container.width / b.getSize().x;
      const ctx = this._ctx;
      ctx.save();
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, this._container.width, this._container.height);
      const at = moved.bounds.min.subtract(b.min).multiplyBy(m);
      ctx.drawImage(moved.picture, Math.round(at.x), Math.round(at.y));
      ctx.restore();
      this._jobs = uncovered(b, moved.bounds);
    } else {
      this._clear();
      this._jobs = [null];
    }
    this._next = this._drawFirst;
    this._slice();
  },
  _slice() {
    this._sliceFrame = null;
    if (!this._ctx || !this._map) {
      this._stopSlices();
      return;
    }
    const deadline = performance.now() + SLICE_MS;
    const limit = this.traced + SLICE_POSITIONS;
    let k = 0;
    while (this._jobs.length) {
      const box = this._jobs[0];
      const ctx = this._ctx;
      ctx.save();
      const starting = this._next === this._drawFirst;
      if (starting) this._clean = true; // the box holds nothing drawn yet (cleared)
      if (box) {
        const size = box.getSize();
        // cleared when the job starts, not again when it goes on in the next frame
        if (starting) ctx.clearRect(box.min.x, box.min.y, size.x, size.y);
        ctx.beginPath();
        ctx.rect(box.min.x, box.min.y, size.x, size.y);
        ctx.clip();
      }
      this.clip = box;
      this._drawing = true;
      let order = this._next;
      let out = false;
      while (order) {
        const layer = order.layer;
        if (!box || layer._pxBounds?.intersects(box)) this._drawPath(layer);
        order = order.next;
        if (this.traced >= limit || (++k % 32 === 0 && performance.now() > deadline)) {
          out = true;
          break;
        }
      }
      if (!order) this._flushRaster();
      else if (performance.now() - this._flushedAt > RASTER_FLUSH_MS) this._flushRaster(true);
      this._drawing = false;
      this.clip = null;
      ctx.restore();
      if (order) {
        this._next = order;
      } else {
        this._jobs.shift();
        this._next = this._drawFirst;
      }
      if (out) break;
    }
    if (this._jobs.length) {
      this._sliceFrame = L.Util.requestAnimFrame(this._slice, this);
    } else {
      this._next = null;
      const map = this._map;
      this._shown = {
        zoom: map.getZoom(),
        origin: map.getPixelOrigin(),
        bounds: this._bounds,
      };
    }
  },
});

/**
 * The parts of box `b` outside box `a` (layer px), as up to four boxes: the strips left
 * and right of `a` the height of `b`, then above and below it between them.
 * @param {L.Bounds} b
 * @param {L.Bounds} a
 * @returns {L.Bounds[]}
 */
export function uncovered(b, a) {
  const [b0, b1, a0, a1] = /** @type {L.Point[]} */ ([b.min, b.max, a.min, a.max]);
  const out = [];
  const x0 = Math.max(b0.x, a0.x);
  const x1 = Math.min(b1.x, a1.x);
  if (b0.x < x0) out.push(L.bounds([b0.x, b0.y], [x0, b1.y]));
  if (x1 < b1.x) out.push(L.bounds([x1, b0.y], [b1.x, b1.y]));
  if (b0.y < a0.y) out.push(L.bounds([x0, b0.y], [x1, a0.y]));
  if (a1.y < b1.y) out.push(L.bounds([x0, a1.y], [x1, b1.y]));
  return out;
}
