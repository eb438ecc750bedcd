/* Runs of positions in zoom-0 Web Mercator pixels (project.js) traced onto a canvas at a
 * zoom, and measured against a point, without an object per vertex. Tracing draws only
 * what reaches the view and simplifies to what a pixel shows; measuring always uses every
 * position (picking, snapping: select.js, typedline.js). Pure: no DOM, no Leaflet. */

/**
 * @typedef {import("./decode.js").Run} Run
 * @typedef {{moveTo(x: number, y: number): void, lineTo(x: number, y: number): void,
 *   closePath(): void}} PathSink  what tracing needs of a CanvasRenderingContext2D
 * @typedef {[number, number, number, number]} Box  [x0, y0, x1, y1]
 */

//: A position is drawn only when it lies this far (in pixels) or more from the last one
//: drawn: below what a pixel shows. A run's last position is always drawn.
export const TRACE_TOLERANCE_PX = 0.5;

/**
 * Trace runs onto a path, each as its own sub-path: pixel x = x * scale + dx, y = y *
 * scale + dy. A run whose box (zoom-0 pixels, 4 numbers a run in `boxes`) misses `clip`
 * is skipped, and so is each segment lying wholly to one side of it (the pen lifts);
 * positions nearer than `tolerance` px to the last one kept are passed over, along the
 * whole run whatever `clip` is (so every view of a zoom keeps the same ones); `closed`
 * traces rings, each closed. With `unbroken`, a run reaching `clip` is traced as one
 * sub-path (the pen never lifts): a dashed line's dashes then start where the run starts,
 * whatever box is drawn (the canvas starts the dash pattern again at each sub-path), so a
 * small redraw or a pan's strip gives the same dashes as the whole view. Returns the count
 * of positions traced.
 * @param {PathSink} ctx
 * @param {Float64Array} xs
 * @param {Float64Array} ys
 * @param {Run[]} runs
 * @param {Float64Array} boxes
 * @param {number} scale
 * @param {number} dx
 * @param {number} dy
 * @param {Box} clip
 * @param {number} tolerance
 * @param {boolean} [closed]
 * @param {boolean} [unbroken]
 */
export function traceRuns(
  ctx,
  xs,
  ys,
  runs,
  boxes,
  scale,
  dx,
  dy,
  clip,
  tolerance,
  closed,
  unbroken,
) {
  const [cx0, cy0, cx1, cy1] = clip;
  const t2 = tolerance * tolerance;
  let n = 0;
  for (let r = 0; r < runs.length; r++) {
    if (
      boxes[4 * r + 2] * scale + dx < cx0 ||
      boxes[4 * r] * scale + dx > cx1 ||
      boxes[4 * r + 3] * scale + dy < cy0 ||
      boxes[4 * r + 1] * scale + dy > cy1
    ) {
      continue;
    }
    const [start, end] = runs[r];
    if (closed) {
      // a ring is traced whole (its fill needs it closed), simplified only
      let lx = xs[start] * scale + dx;
      let ly = ys[start] * scale + dy;
      ctx.moveTo(lx, ly);
      n++;
      for (let i = start + 1; i < end; i++) {
        const x = xs[i] * scale + dx;
        const y = ys[i] * scale + dy;
        if ((x - lx) ** 2 + (y - ly) ** 2 < t2 && i < end - 1) continue;
        ctx.lineTo(x, y);
        lx = x;
        ly = y;
        n++;
      }
      ctx.closePath();
      continue;
    }
    // The positions kept are chosen along the whole run, whatever the view: the same
    // at every view of a zoom, so a strip drawn after a pan meets what was drawn before.
    let px = xs[start] * scale + dx; // the last position kept
    let py = ys[start] * scale + dy;
    let down = false;
    for (let i = start + 1; i < end; i++) {
      const x = xs[i] * scale + dx;
      const y = ys[i] * scale + dy;
      if ((x - px) ** 2 + (y - py) ** 2 < t2 && i < end - 1) continue;
      if (
        !unbroken &&
        ((x < cx0 && px < cx0) ||
          (x > cx1 && px > cx1) ||
          (y < cy0 && py < cy0) ||
          (y > cy1 && py > cy1))
      ) {
        down = false; // off the view: lift the pen
      } else {
        if (!down) {
          ctx.moveTo(px, py);
          n++;
          down = true;
        }
        ctx.lineTo(x, y);
        n++;
      }
      px = x;
      py = y;
    }
  }
  return n;
}

/**
 * Each run's box in zoom-0 pixels, 4 numbers a run: [x0, y0, x1, y1, ...].
 * @param {Float64Array} xs
 * @param {Float64Array} ys
 * @param {Run[]} runs
 */
export function runBoxes(xs, ys, runs) {
  const out = new Float64Array(4 * runs.length);
  runs.forEach(([start, end], r) => {
    let x0 = Infinity;
    let y0 = Infinity;
    let x1 = -Infinity;
    let y1 = -Infinity;
    for (let i = start; i < end; i++) {
      if (xs[i] < x0) x0 = xs[i];
      if (xs[i] > x1) x1 = xs[i];
      if (ys[i] < y0) y0 = ys[i];
      if (ys[i] > y1) y1 = ys[i];
    }
    out.set([x0, y0, x1, y1], 4 * r);
  });
  return out;
}

/**
 * The point of runs (every position: no simplification) nearest to (px, py), with
 * positions placed at x * scale + dx, y * scale + dy; `closed` adds each run's closing
 * segment. {d: Infinity} for no segment.
 * @param {Float64Array} xs
 * @param {Float64Array} ys
 * @param {Run[]} runs
 * @param {number} scale
 * @param {number} dx
 * @param {number} dy
 * @param {number} px
 * @param {number} py
 * @param {boolean} [closed]
 * @returns {{d: number, x: number, y: number}}
 */
export function nearestOnRuns(xs, ys, runs, scale, dx, dy, px, py, closed) {
  let best = Infinity;
  let bx = Number.NaN;
  let by = Number.NaN;
  for (const [start, end] of runs) {
    const last = closed ? end : end - 1;
    for (let i = start; i < last; i++) {
      const j = i + 1 < end ? i + 1 : start;
      const ax = xs[i] * scale + dx;
      const ay = ys[i] * scale + dy;
      const sx = xs[j] * scale + dx - ax;
      const sy = ys[j] * scale + dy - ay;
      const len2 = sx * sx + sy * sy;
      let t = len2 ? ((px - ax) * sx + (py - ay) * sy) / len2 : 0;
      t = Math.min(Math.max(t, 0), 1);
      const qx = ax + t * sx;
      const qy = ay + t * sy;
      const d2 = (px - qx) ** 2 + (py - qy) ** 2;
      if (d2 < best) {
        best = d2;
        bx = qx;
        by = qy;
      }
    }
  }
  return { d: Math.sqrt(best), x: bx, y: by };
}

/**
 * Whether (px, py) is inside rings (even-odd: a hole is outside), positions placed at
 * x * scale + dx, y * scale + dy.
 * @param {Float64Array} xs
 * @param {Float64Array} ys
 * @param {Run[]} runs
 * @param {number} scale
 * @param {number} dx
 * @param {number} dy
 * @param {number} px
 * @param {number} py
 */
export function insideRings(xs, ys, runs, scale, dx, dy, px, py) {
  let inside = false;
  for (const [start, end] of runs) {
    for (let a = start, b = end - 1; a < end; b = a++) {
      const ax = xs[a] * scale + dx;
      const ay = ys[a] * scale + dy;
      const bx = xs[b] * scale + dx;
      const by = ys[b] * scale + dy;
      if (ay > py !== by > py && px < ((bx - ax) * (py - ay)) / (by - ay) + ax) inside = !inside;
    }
  }
  return inside;
}

/**
 * Which sides of `box` (x0, y0, x1, y1) a point lies beyond: 1 left, 2 right, 4 above,
 * 8 below; 0 inside.
 * @param {number} x
 * @param {number} y
 * @param {Box} box
 */
function outcode(x, y, box) {
  return (x < box[0] ? 1 : x > box[2] ? 2 : 0) | (y < box[1] ? 4 : y > box[3] ? 8 : 0);
}

/**
 * A path sink that passes rings on to `ctx` with what lies far off `box` cut short: of a
 * stretch of successive positions all beyond one side of the box, only the first and the
 * last are passed on. The straight segment that stands for the stretch lies beyond that
 * side too, so within the box an even-odd or nonzero fill (and a stroke) is unchanged,
 * and a ring much larger than the box (a continent on a tile) costs the path only its
 * positions near the box. Feed it closed rings (traceRuns with `closed`).
 */
export class RingsNearBox {
  /**
   * @param {PathSink} ctx
   * @param {Box} box
   */
  constructor(ctx, box) {
    this.ctx = ctx;
    this.box = box;
    this.side = 0; // the sides every position of the stretch lies beyond
    this.held = false; // a stretch's last position is waiting (hx, hy)
    this.hx = 0;
    this.hy = 0;
  }

  /** @param {number} x @param {number} y */
  moveTo(x, y) {
    this.ctx.moveTo(x, y);
    this.side = outcode(x, y, this.box);
    this.held = false;
  }

  /** @param {number} x @param {number} y */
  lineTo(x, y) {
    const code = outcode(x, y, this.box);
    if (this.side & code) {
      this.side &= code;
      this.held = true;
      this.hx = x;
      this.hy = y;
      return;
    }
    if (this.held) this.ctx.lineTo(this.hx, this.hy);
    this.held = false;
    this.ctx.lineTo(x, y);
    this.side = code;
  }

  closePath() {
    if (this.held) this.ctx.lineTo(this.hx, this.hy);
    this.held = false;
    this.ctx.closePath();
  }
}
