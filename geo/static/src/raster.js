/* Thick lines rasterised in script into a coverage mask, for big line layers: Chromium's
 * software rasteriser strokes a 3 px line about 18x dearer than a 1 px one, while the
 * cost here follows the pixels written. A segment covers a pixel by the distance from the
 * pixel's centre to it: fully within (width - 1) / 2, not at all beyond (width + 1) / 2,
 * linearly between (a one-pixel anti-aliased edge; round caps, and round joins on wide
 * lines, as Leaflet strokes lines). Within one line coverage is combined by its maximum
 * (a line doubling back or its segments' overlaps do not darken, as in one canvas
 * stroke); a line is laid over the lines before it at the stroke's opacity, as the
 * canvas lays stroke over stroke. The mask is then composited in one colour into RGBA
 * pixels. Pure: no DOM, no Leaflet. */

//: Lines at least this many pixels wide on either side of their centre get a round join
//: at every position; thinner ones only where they turn by more than acos(SHARP_TURN_COS)
//: (about 25°).
export const ROUND_JOINS_FROM = 2;
export const SHARP_TURN_COS = 0.9;
//: Tiles of 2 ** TILE_SHIFT pixels a side keep count of their opaque pixels: a stroke lying
//: wholly in tiles all opaque changes nothing and is passed over.
const TILE_SHIFT = 3;
const TILE = 1 << TILE_SHIFT;

/**
 * A coverage mask `width` x `height` pixels, 0-255 a pixel, that segments are stroked
 * into and that is composited (and cleared) in one colour. It is a path sink: trace.js
 * traces onto it (`moveTo`, `lineTo`), in the units given to `begin` (pixel = (x - x0)
 * * scale); the box touched since the last composite is `dirty` ([x0, y0, x1, y1),
 * empty when x0 >= x1).
 */
export class CoverageMask {
  /**
   * @param {number} width
   * @param {number} height
   */
  constructor(width, height) {
    this.width = width;
    this.height = height;
    this.cover = new Uint8Array(width * height); // the coverage of the last line there
    this.under = new Uint8Array(width * height); // the alpha of the lines before it
    this.owner = new Uint32Array(width * height); // which line `cover` is of
    this.line = 0; // the line being stroked (each `begin` starts the next)
    this.alpha = new Uint8Array(256); // coverage -> alpha at the opacity stroked
    this.setOpacity(1);
    // Tiles of TILE x TILE pixels: how many of their pixels are opaque, of how many
    this.tilesWide = Math.ceil(width / TILE);
    const tilesHigh = Math.ceil(height / TILE);
    this.opaque = new Uint16Array(this.tilesWide * tilesHigh);
    this.full = new Uint8Array(this.tilesWide * tilesHigh);
    this.fullTiles = 0;
    this.anyOpaque = false;
    this.tileSize = new Uint8Array(this.tilesWide * tilesHigh);
    for (let ty = 0; ty < tilesHigh; ty++) {
      for (let tx = 0; tx < this.tilesWide; tx++) {
        const across = Math.min(TILE, width - tx * TILE);
        const down = Math.min(TILE, height - ty * TILE);
        this.tileSize[ty * this.tilesWide + tx] = across * down;
      }
    }
    /** @type {[number, number, number, number]} */
    this.dirty = [width, height, 0, 0];
    /** @type {[number, number, number, number]} what snapshots left held */
    this.held = [width, height, 0, 0];
    this.half = 1; // half the stroke's width, pixels
    this.x0 = 0;
    this.y0 = 0;
    this.scale = 1;
    /** @type {[number, number, number, number]} the pixels that may be written */
    this.clip = [0, 0, width, height];
    this.px = 0;
    this.py = 0;
    this.open = false; // a line is being traced (its end cap is still to stroke)
    this.sx = 0; // the direction of its last segment
    this.sy = 0;
  }

  /**
   * Start stroking: `weight` (in input units) wide, input (x, y) at pixel ((x - x0) *
   * scale, (y - y0) * scale), writing only pixels within `clip` (pixels, [x0, y0, x1,
   * y1), cut to the mask).
   * @param {number} weight
   * @param {number} x0
   * @param {number} y0
   * @param {number} scale
   * @param {[number, number, number, number]} clip
   */
  begin(weight, x0, y0, scale, clip) {
    this.line++;
    this.half = (weight * scale) / 2;
    this.x0 = x0;
    this.y0 = y0;
    this.scale = scale;
    const c = this.clip;
    c[0] = Math.max(0, Math.floor(clip[0]));
    c[1] = Math.max(0, Math.floor(clip[1]));
    c[2] = Math.min(this.width, Math.ceil(clip[2]));
    c[3] = Math.min(this.height, Math.ceil(clip[3]));
  }

  /**
   * Whether a line lying in the box [x0, x1] x [y0, y1] (in the units given to `begin`)
   * would change nothing: its strokes would all lie in full tiles.
   * @param {number} x0
   * @param {number} y0
   * @param {number} x1
   * @param {number} y1
   */
  hides(x0, y0, x1, y1) {
    if (!this.fullTiles) return false;
    const s = this.scale;
    const reach = this.half + 0.5;
    return this.hidden(
      (x0 - this.x0) * s - reach,
      (y0 - this.y0) * s - reach,
      (x1 - this.x0) * s + reach,
      (y1 - this.y0) * s + reach,
    );
  }

  /**
   * @param {number} x
   * @param {number} y
   */
  moveTo(x, y) {
    this.end();
    this.px = (x - this.x0) * this.scale;
    this.py = (y - this.y0) * this.scale;
    this.disc(this.px, this.py); // the start's round cap
  }

  /**
   * @param {number} x
   * @param {number} y
   */
  lineTo(x, y) {
    const bx = (x - this.x0) * this.scale;
    const by = (y - this.y0) * this.scale;
    const sx = bx - this.px;
    const sy = by - this.py;
    // A round join where the line turns sharply, or at every position of a wide line
    // (elsewhere the spans of the two segments meet without a visible notch).
    const dot = sx * this.sx + sy * this.sy;
    if (
      this.open &&
      this.half < ROUND_JOINS_FROM &&
      dot <
        SHARP_TURN_COS * Math.sqrt((sx * sx + sy * sy) * (this.sx * this.sx + this.sy * this.sy))
    ) {
      this.disc(this.px, this.py);
    }
    this.segment(this.px, this.py, bx, by);
    if (this.half >= ROUND_JOINS_FROM) this.disc(bx, by);
    if (sx || sy) {
      this.sx = sx;
      this.sy = sy;
    }
    this.px = bx;
    this.py = by;
    this.open = true;
  }

  closePath() {}

  /** End the line being traced: the round cap of its last position. */
  end() {
    if (this.open && this.half < ROUND_JOINS_FROM) this.disc(this.px, this.py);
    this.open = false;
  }

  /**
   * Stroke the segment from (ax, ay) to (bx, by), in pixels, `2 * half` wide, as spans
   * across its major axis: for each column (a segment nearer horizontal; else each row)
   * whose centre lies in [start, end) along it, the pixels within reach of the line's
   * centre there, each covered by its distance to the line (the segment's ends are left
   * to the next segment and to the caps).
   * @param {number} ax
   * @param {number} ay
   * @param {number} bx
   * @param {number} by
   */
  segment(ax, ay, bx, by) {
    const sx = bx - ax;
    const sy = by - ay;
    const reach = this.half + 0.5; // no coverage beyond this distance from the line
    const clip = this.clip;
    const w = this.width;
    if (
      this.fullTiles &&
      this.hidden(
        Math.min(ax, bx) - reach,
        Math.min(ay, by) - reach,
        Math.max(ax, bx) + reach,
        Math.max(ay, by) + reach,
      )
    ) {
      return;
    }
    if (Math.abs(sx) >= Math.abs(sy)) {
      if (sx === 0) return;
      const slope = sy / sx;
      const k = Math.sqrt(1 + slope * slope); // span length across the line per unit
      const span = reach * k;
      const inv = 255 / k;
      const col0 = Math.max(clip[0], Math.ceil(Math.min(ax, bx) - 0.5));
      const col1 = Math.min(clip[2], Math.ceil(Math.max(ax, bx) - 0.5));
      let top = clip[3];
      let bottom = clip[1];
      for (let col = col0; col < col1; col++) {
        const yc = ay + (col + 0.5 - ax) * slope;
        const r0 = Math.max(clip[1], Math.ceil(yc - span - 0.5));
        const r1 = Math.min(clip[3], Math.floor(yc + span - 0.5) + 1);
        for (let row = r0; row < r1; row++) {
          const c = ((span - Math.abs(row + 0.5 - yc)) * inv) | 0;
          const k2 = row * w + col;
          const v = Math.min(c, 255);
          this.put(k2, v);
        }
        if (r0 < top) top = r0;
        if (r1 > bottom) bottom = r1;
      }
      this.touch(col0, top, col1, bottom);
    } else {
      const slope = sx / sy;
      const k = Math.sqrt(1 + slope * slope);
      const span = reach * k;
      const inv = 255 / k;
      const row0 = Math.max(clip[1], Math.ceil(Math.min(ay, by) - 0.5));
      const row1 = Math.min(clip[3], Math.ceil(Math.max(ay, by) - 0.5));
      let left = clip[2];
      let right = clip[0];
      for (let row = row0; row < row1; row++) {
        const xc = ax + (row + 0.5 - ay) * slope;
        const c0 = Math.max(clip[0], Math.ceil(xc - span - 0.5));
        const c1 = Math.min(clip[2], Math.floor(xc + span - 0.5) + 1);
        const at = row * w;
        for (let col = c0; col < c1; col++) {
          const c = ((span - Math.abs(col + 0.5 - xc)) * inv) | 0;
          const v = Math.min(c, 255);
          this.put(at + col, v);
        }
        if (c0 < left) left = c0;
        if (c1 > right) right = c1;
      }
      this.touch(left, row0, right, row1);
    }
  }

  /**
   * Stroke a disc `2 * half` wide at (x, y), pixels: a round cap or join.
   * @param {number} x
   * @param {number} y
   */
  disc(x, y) {
    const reach = this.half + 0.5;
    if (this.fullTiles && this.hidden(x - reach, y - reach, x + reach, y + reach)) return;
    const clip = this.clip;
    const w = this.width;
    const row0 = Math.max(clip[1], Math.ceil(y - reach - 0.5));
    const row1 = Math.min(clip[3], Math.floor(y + reach - 0.5) + 1);
    const col0 = Math.max(clip[0], Math.ceil(x - reach - 0.5));
    const col1 = Math.min(clip[2], Math.floor(x + reach - 0.5) + 1);
    for (let row = row0; row < row1; row++) {
      const ey = row + 0.5 - y;
      for (let col = col0; col < col1; col++) {
        const ex = col + 0.5 - x;
        const c = ((reach - Math.sqrt(ex * ex + ey * ey)) * 255) | 0;
        const v = Math.min(c, 255);
        this.put(row * w + col, v);
      }
    }
    this.touch(col0, row0, col1, row1);
  }

  /**
   * Grow the dirty box by [x0, y0, x1, y1) (nothing if empty).
   * @param {number} x0
   * @param {number} y0
   * @param {number} x1
   * @param {number} y1
   */
  touch(x0, y0, x1, y1) {
    if (x0 >= x1 || y0 >= y1) return;
    const d = this.dirty;
    if (x0 < d[0]) d[0] = x0;
    if (y0 < d[1]) d[1] = y0;
    if (x1 > d[2]) d[2] = x1;
    if (y1 > d[3]) d[3] = y1;
  }

  /** Whether nothing was stroked since the last composite. */
  isEmpty() {
    return this.dirty[0] >= this.dirty[2];
  }

  /**
   * Cover pixel `k` by `v` (0-255) for the line being stroked: the most that line gives
   * it; what earlier lines gave it is laid under, as the canvas lays one stroke over
   * another.
   * @param {number} k
   * @param {number} v
   */
  put(k, v) {
    if (this.under[k] === 255) return; // opaque already: no stroke changes it
    if (this.owner[k] !== this.line) {
      const c = this.cover[k];
      if (c) {
        const under = this.under[k];
        const now = under + (((this.alpha[c] * (255 - under)) / 255 + 0.5) | 0);
        this.under[k] = now;
        if (now === 255 && under !== 255) this.saturate(k);
      }
      this.owner[k] = this.line;
      this.cover[k] = v;
    } else if (v > this.cover[k]) {
      this.cover[k] = v;
    }
  }

  /**
   * Count pixel `k` as opaque in its tile; a tile all opaque is `full`.
   * @param {number} k
   */
  saturate(k) {
    const w = this.width;
    const row = (k / w) | 0;
    const t = (row >> TILE_SHIFT) * this.tilesWide + ((k - row * w) >> TILE_SHIFT);
    this.anyOpaque = true;
    if (++this.opaque[t] >= this.tileSize[t] && !this.full[t]) {
      this.full[t] = 1;
      this.fullTiles++;
    }
  }

  /**
   * Whether every pixel of the box [x0, x1) x [y0, y1) lies in a full tile: opaque
   * already, so that no stroke in the mask's colour can change it.
   * @param {number} x0
   * @param {number} y0
   * @param {number} x1
   * @param {number} y1
   */
  covered(x0, y0, x1, y1) {
    if (x0 >= x1 || y0 >= y1) return true;
    const tw = this.tilesWide;
    const tx1 = (x1 - 1) >> TILE_SHIFT;
    const ty1 = (y1 - 1) >> TILE_SHIFT;
    for (let ty = y0 >> TILE_SHIFT; ty <= ty1; ty++) {
      for (let tx = x0 >> TILE_SHIFT; tx <= tx1; tx++) if (!this.full[ty * tw + tx]) return false;
    }
    return true;
  }

  /**
   * Whether a stroke reaching the box [x0, x1] x [y0, y1] (pixels, cut to the clip) would
   * change nothing: it lies wholly in full tiles.
   * @param {number} x0
   * @param {number} y0
   * @param {number} x1
   * @param {number} y1
   */
  hidden(x0, y0, x1, y1) {
    if (!this.fullTiles) return false;
    const c = this.clip;
    return this.covered(
      Math.max(c[0], Math.floor(x0)),
      Math.max(c[1], Math.floor(y0)),
      Math.min(c[2], Math.ceil(x1)),
      Math.min(c[3], Math.ceil(y1)),
    );
  }

  /** Forget which tiles are opaque. */
  clearTiles() {
    if (!this.anyOpaque) return;
    this.opaque.fill(0);
    this.full.fill(0);
    this.fullTiles = 0;
    this.anyOpaque = false;
  }

  /**
   * The opacity lines are stroked in (0-1): a coverage's alpha is coverage x opacity.
   * Set it while the mask is empty.
   * @param {number} opacity
   */
  setOpacity(opacity) {
    const o = Math.min(Math.max(opacity, 0), 1);
    for (let c = 0; c < 256; c++) this.alpha[c] = Math.round(c * o);
  }

  /** The alpha (0-255) of pixel `k` so far. @param {number} k */
  alphaAt(k) {
    const under = this.under[k];
    return under + (((this.alpha[this.cover[k]] * (255 - under)) / 255 + 0.5) | 0);
  }

  /**
   * Write the dirty box's pixels into `out` (RGBA pixels as 32-bit words, `this.width`
   * a row, at the same places) through `palette` (a word for each alpha 0-255:
   * paletteOf), clear the mask there and return the box ([x0, y0, x1, y1), null if
   * none). With `keepTiles`, the tiles found opaque stay so (the pixels composited are
   * where they were, and more strokes in the same colour go over them); else they are
   * forgotten too.
   * @param {Uint32Array} out
   * @param {Uint32Array} palette
   * @param {boolean} [keepTiles]
   * @returns {[number, number, number, number] | null}
   */
  composite(out, palette, keepTiles = false) {
    if (!keepTiles) this.clearTiles();
    if (this.isEmpty()) return null;
    const box = /** @type {[number, number, number, number]} */ (this.dirty.slice());
    const [x0, y0, x1, y1] = box;
    const w = this.width;
    const { cover, under } = this;
    for (let row = y0; row < y1; row++) {
      for (let k = row * w + x0, end = row * w + x1; k < end; k++) {
        out[k] = palette[cover[k] ? this.alphaAt(k) : under[k]];
        cover[k] = 0;
        under[k] = 0;
      }
    }
    this.dirty = [w, this.height, 0, 0];
    return box;
  }

  /**
   * Write the pixels of the dirty box into `out` as composite does, but keep what the
   * mask holds (more strokes add to it; `release` empties it): the dirty box starts
   * again empty, and the box held grows by it. Returns the box written, null if none.
   * @param {Uint32Array} out
   * @param {Uint32Array} palette
   * @returns {[number, number, number, number] | null}
   */
  snapshot(out, palette) {
    if (this.isEmpty()) return null;
    const box = /** @type {[number, number, number, number]} */ (this.dirty.slice());
    const [x0, y0, x1, y1] = box;
    const w = this.width;
    const { cover, under } = this;
    for (let row = y0; row < y1; row++) {
      for (let k = row * w + x0, end = row * w + x1; k < end; k++) {
        out[k] = palette[cover[k] ? this.alphaAt(k) : under[k]];
      }
    }
    const h = this.held;
    h[0] = Math.min(h[0], x0);
    h[1] = Math.min(h[1], y0);
    h[2] = Math.max(h[2], x1);
    h[3] = Math.max(h[3], y1);
    this.dirty = [w, this.height, 0, 0];
    return box;
  }

  /** Empty what the mask holds (after snapshots), and forget its opaque tiles. */
  release() {
    this.clearTiles();
    const [x0, y0, x1, y1] = this.held;
    const w = this.width;
    for (let row = y0; row < y1; row++) {
      this.cover.fill(0, row * w + x0, row * w + x1);
      this.under.fill(0, row * w + x0, row * w + x1);
    }
    this.held = [w, this.height, 0, 0];
  }

  /** Forget what was stroked. */
  clear() {
    this.held = [this.width, this.height, 0, 0];
    this.clearTiles();
    this.cover.fill(0);
    this.under.fill(0);
    this.dirty = [this.width, this.height, 0, 0];
  }
}

/**
 * The RGBA words (as a little-endian Uint32Array reads ImageData's bytes: r, g, b, a)
 * of a colour ([r, g, b], 0-255) at each alpha 0-255.
 * @param {[number, number, number]} rgb
 * @param {boolean} [littleEndian]  the platform's byte order (true on every browser's)
 */
export function paletteOf(rgb, littleEndian = true) {
  const [r, g, b] = rgb;
  const out = new Uint32Array(256);
  for (let a = 1; a < 256; a++) {
    out[a] = littleEndian
      ? ((a << 24) | (b << 16) | (g << 8) | r) >>> 0
      : ((r << 24) | (g << 16) | (b << 8) | a) >>> 0;
  }
  return out;
}
