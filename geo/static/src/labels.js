/* Label placement: which of the map's labels show at a view and where, so that none
 * overlaps another, a control or a drawn point. Greedy: labels go in priority order (tier,
 * then weight: geo/labels.py ranks them), each taking the first of its candidate boxes that
 * is free, or none. Pure: no DOM, no Leaflet; everything is in container pixels, y down.
 * labellayer.js measures the texts and draws what this places. */

/**
 * @typedef {{x: number, y: number, w: number, h: number, angle: number}} Box  a label's box:
 *   its centre, width and height (px), turned by `angle` (radians, clockwise on screen)
 * @typedef {Box & {pieces?: Box[], path?: [number, number][]}} Spot  where a label may go:
 *   its box; a label that follows a line has the line it is written along (`path`) and
 *   the boxes of its stretches (`pieces`), which are what must not overlap
 * @typedef {{left: number, top: number, right: number, bottom: number}} Rect
 * @typedef {object} Candidate  a label and the boxes it may take, best first
 * @property {string} key  unique
 * @property {number} tier  placed in tier order, 1 first
 * @property {number} weight  within a tier, a larger weight first
 * @property {number} order  then in this order
 * @property {Spot[]} spots
 * @property {string} [group]  only one label of a group is placed (the points of a cluster)
 * @typedef {{key: string, box: Spot}} Placed
 * @typedef {{width: number, height: number}} View  the map's size, px
 */

//: Px kept clear round every label, so neighbours do not touch.
export const LABEL_PAD = 2;
//: Px from the map's edge that a label keeps inside.
export const EDGE_PAD = 2;
//: The side of a cell of the index of placed boxes, px.
const CELL = 64;

/**
 * A box.
 * @param {number} x
 * @param {number} y
 * @param {number} w
 * @param {number} h
 * @param {number} [angle]
 * @returns {Box}
 */
export function box(x, y, w, h, angle = 0) {
  return { x, y, w, h, angle };
}

/**
 * The four corners of a box, in turn.
 * @param {Box} b
 * @param {number} [pad]  px added on every side
 * @returns {[number, number][]}
 */
export function corners(b, pad = 0) {
  const c = Math.cos(b.angle);
  const s = Math.sin(b.angle);
  const hw = b.w / 2 + pad;
  const hh = b.h / 2 + pad;
  /** @type {[number, number][]} */
  const out = [];
  for (const [u, v] of [
    [-hw, -hh],
    [hw, -hh],
    [hw, hh],
    [-hw, hh],
  ]) {
    out.push([b.x + u * c - v * s, b.y + u * s + v * c]);
  }
  return out;
}

/**
 * The upright rectangle round a box.
 * @param {Box} b
 * @param {number} [pad]
 * @returns {Rect}
 */
export function rectOf(b, pad = 0) {
  if (!b.angle) {
    return {
      left: b.x - b.w / 2 - pad,
      top: b.y - b.h / 2 - pad,
      right: b.x + b.w / 2 + pad,
      bottom: b.y + b.h / 2 + pad,
    };
  }
  const pts = corners(b, pad);
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  return {
    left: Math.min(...xs),
    top: Math.min(...ys),
    right: Math.max(...xs),
    bottom: Math.max(...ys),
  };
}

/**
 * Whether two rectangles overlap (touching edges do not).
 * @param {Rect} a
 * @param {Rect} b
 */
export function rectsOverlap(a, b) {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/**
 * The extent of corners along an axis.
 * @param {[number, number][]} pts
 * @param {number} ax
 * @param {number} ay
 * @returns {[number, number]}
 */
function extent(pts, ax, ay) {
  let lo = Infinity;
  let hi = -Infinity;
  for (const [x, y] of pts) {
    const d = x * ax + y * ay;
    if (d < lo) lo = d;
    if (d > hi) hi = d;
  }
  return [lo, hi];
}

/**
 * Whether two boxes, turned or not, come closer than `pad` px (overlap, for 0): the
 * separating axis test on the boxes grown by half of `pad` each, so that it is the same
 * either way round.
 * @param {Box} a
 * @param {Box} b
 * @param {number} [pad]
 */
export function boxesOverlap(a, b, pad = 0) {
  const half = pad / 2;
  if (!rectsOverlap(rectOf(a, half), rectOf(b, half))) return false;
  if (!a.angle && !b.angle) return true;
  const pa = corners(a, half);
  const pb = corners(b, half);
  for (const angle of [a.angle, a.angle + Math.PI / 2, b.angle, b.angle + Math.PI / 2]) {
    const ax = Math.cos(angle);
    const ay = Math.sin(angle);
    const [a0, a1] = extent(pa, ax, ay);
    const [b0, b1] = extent(pb, ax, ay);
    if (a1 <= b0 || b1 <= a0) return false;
  }
  return true;
}

/**
 * Whether a box lies inside the view, `EDGE_PAD` px from its edges.
 * @param {Box} b
 * @param {View} view
 */
export function insideView(b, view) {
  const r = rectOf(b);
  return (
    r.left >= EDGE_PAD &&
    r.top >= EDGE_PAD &&
    r.right <= view.width - EDGE_PAD &&
    r.bottom <= view.height - EDGE_PAD
  );
}

/**
 * The order labels are placed in: tier, then weight (larger first), then order.
 * @param {Candidate} a
 * @param {Candidate} b
 */
export function byPriority(a, b) {
  return a.tier - b.tier || b.weight - a.weight || a.order - b.order;
}

/** The placed boxes by the grid cells they reach, for quick overlap tests. */
class BoxIndex {
  constructor() {
    /** @type {Map<string, Box[]>} */
    this.cells = new Map();
  }

  /**
   * The keys of the cells a rectangle reaches.
   * @param {Rect} r
   */
  *keys(r) {
    for (let i = Math.floor(r.left / CELL); i <= Math.floor(r.right / CELL); i++) {
      for (let j = Math.floor(r.top / CELL); j <= Math.floor(r.bottom / CELL); j++) {
        yield `${i}:${j}`;
      }
    }
  }

  /** @param {Box} b */
  add(b) {
    for (const k of this.keys(rectOf(b))) {
      const list = this.cells.get(k);
      if (list) list.push(b);
      else this.cells.set(k, [b]);
    }
  }

  /**
   * Whether a box, with `pad` px round it, overlaps one added.
   * @param {Box} b
   * @param {number} pad
   */
  hits(b, pad) {
    for (const k of this.keys(rectOf(b, pad))) {
      for (const other of this.cells.get(k) || []) if (boxesOverlap(b, other, pad)) return true;
    }
    return false;
  }
}

/**
 * Place labels greedily: in priority order (`byPriority`), each takes the first of its
 * spots that lies inside the view and overlaps no obstacle (controls, drawn points) and
 * no label placed before it, `LABEL_PAD` px apart; a label none of whose spots is free is
 * left out, as is a second label of a group. A spot with `pieces` must have each of them
 * free.
 * @param {Candidate[]} candidates
 * @param {Rect[]} obstacles
 * @param {View} view
 * @returns {Placed[]}  in the order placed
 */
export function placeLabels(candidates, obstacles, view) {
  const index = new BoxIndex();
  /** @type {Placed[]} */
  const placed = [];
  /** @type {Set<string>} */
  const groups = new Set();
  const sorted = candidates.slice().sort(byPriority);
  for (const c of sorted) {
    if (c.group !== undefined && groups.has(c.group)) continue;
    for (const spot of c.spots) {
      const pieces = spot.pieces || [spot];
      const free = pieces.every((b) => {
        if (!insideView(b, view)) return false;
        const r = rectOf(b, LABEL_PAD);
        return !obstacles.some((o) => rectsOverlap(r, o)) && !index.hits(b, LABEL_PAD);
      });
      if (!free) continue;
      for (const b of pieces) index.add(b);
      placed.push({ key: c.key, box: spot });
      if (c.group !== undefined) groups.add(c.group);
      break;
    }
  }
  return placed;
}

/**
 * The spots of a point's label, `w` by `h` px, round a symbol of radius `r` at (x, y):
 * to its right, its left, above and below, `gap` px from the symbol.
 * @param {number} x
 * @param {number} y
 * @param {number} r
 * @param {number} w
 * @param {number} h
 * @param {number} [gap]
 * @returns {Box[]}
 */
export function pointSpots(x, y, r, w, h, gap = 3) {
  const dx = r + gap + w / 2;
  const dy = r + gap / 2 + h / 2;
  return [box(x + dx, y, w, h), box(x - dx, y, w, h), box(x, y - dy, w, h), box(x, y + dy, w, h)];
}

/**
 * Whether a country's name fits it at a zoom: its room (zoom-0 px, from the map spec)
 * scaled to the zoom holds the text's width and, roughly, its height.
 * @param {number} w  the text's width, px
 * @param {number} h  its height, px
 * @param {number} roomW  zoom-0 px
 * @param {number} roomH  zoom-0 px
 * @param {number} zoom
 */
export function fitsCountry(w, h, roomW, roomH, zoom) {
  const scale = 2 ** zoom;
  return w <= roomW * scale * 1.3 && h <= roomH * scale * 1.5;
}

/**
 * The spots of a country's name, `w` by `h` px, at its label point (x, y): there first,
 * then moved up, down, left and right within the room the country has there (`roomW` by
 * `roomH` px at this zoom), nearest first, so that a point drawn on the label point does
 * not cost the country its name.
 * @param {number} x
 * @param {number} y
 * @param {number} w
 * @param {number} h
 * @param {number} roomW
 * @param {number} roomH
 * @returns {Box[]}
 */
export function countrySpots(x, y, w, h, roomW, roomH) {
  const freeX = Math.max((roomW - w) / 2, 0);
  const freeY = Math.max((roomH - h) / 2, 0);
  /** @type {[number, number][]} */
  const offsets = [];
  for (const fy of [0, 0.5, -0.5, 1, -1]) {
    for (const fx of [0, -0.5, 0.5, -1, 1]) offsets.push([fx * freeX, fy * freeY]);
  }
  offsets.sort((a, b) => Math.hypot(a[0], a[1]) - Math.hypot(b[0], b[1]));
  /** @type {Box[]} */
  const out = [];
  /** @type {Set<string>} */
  const seen = new Set();
  for (const [dx, dy] of offsets) {
    const key = `${Math.round(dx)},${Math.round(dy)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(box(x + dx, y + dy, w, h));
  }
  return out;
}

/**
 * The point at arc length `s` along a polyline whose cumulative lengths are `cum`.
 * @param {number[][]} pts
 * @param {number[]} cum
 * @param {number} s
 * @param {number} from  a vertex index at or before `s`
 * @returns {[number, number, number]}  x, y and the index of the segment's start
 */
function along(pts, cum, s, from) {
  let i = from;
  while (i < pts.length - 2 && cum[i + 1] < s) i++;
  const seg = cum[i + 1] - cum[i];
  const t = seg > 0 ? Math.min(Math.max((s - cum[i]) / seg, 0), 1) : 0;
  return [
    pts[i][0] + t * (pts[i + 1][0] - pts[i][0]),
    pts[i][1] + t * (pts[i + 1][1] - pts[i][1]),
    i,
  ];
}

/**
 * The difference of two angles, in (-π, π].
 * @param {number} a
 * @param {number} b
 */
function turn(a, b) {
  let d = b - a;
  while (d > Math.PI) d -= 2 * Math.PI;
  while (d <= -Math.PI) d += 2 * Math.PI;
  return d;
}

//: A line's label bends at most this much between two of its samples (radians), and
//: this much from end to end: the text follows gentle curves, not corners.
const MAX_BEND = 0.3;
const MAX_TOTAL_BEND = 1.2;
//: The text follows the line averaged over this many samples either side (half a text
//: height apart), so that it rounds the line's corners.
const SMOOTH = 2;

/**
 * Positions averaged over `m` neighbours either side (as many on each side, so fewer
 * near the ends, which stay where they are).
 * @param {[number, number][]} pts
 * @param {number} m
 * @returns {[number, number][]}
 */
export function smooth(pts, m) {
  return pts.map((_, k) => {
    let x = 0;
    let y = 0;
    const r = Math.min(m, k, pts.length - 1 - k);
    const lo = k - r;
    const hi = k + r;
    for (let j = lo; j <= hi; j++) {
      x += pts[j][0];
      y += pts[j][1];
    }
    return [x / (hi - lo + 1), y / (hi - lo + 1)];
  });
}

/**
 * The label of a line along a stretch of it: the stretch sampled every half text height
 * and smoothed (`SMOOTH`), turned to read left to right, and moved off the line by half the text's height and 2
 * px, upwards; or null where the stretch bends too sharply or folds back.
 * @param {number[][]} pts
 * @param {number[]} cum
 * @param {number} from  arc length where the stretch starts
 * @param {number} length
 * @param {number} w  the text's width
 * @param {number} h  its height
 * @returns {Spot | null}
 */
function bentSpot(pts, cum, from, length, w, h) {
  const n = Math.max(2, Math.ceil(length / (h / 2)));
  /** @type {[number, number][]} */
  let samples = [];
  let i = 0;
  for (let k = 0; k <= n; k++) {
    const [x, y, at] = along(pts, cum, from + (k * length) / n, i);
    samples.push([x, y]);
    i = at;
  }
  samples = smooth(samples, SMOOTH);
  const first = samples[0];
  const last = samples[n];
  if (Math.hypot(last[0] - first[0], last[1] - first[1]) < 0.75 * length) return null;
  if (last[0] < first[0]) samples = samples.reverse(); // read left to right
  /** @type {number[]} */
  const dirs = [];
  for (let k = 0; k < n; k++) {
    dirs.push(Math.atan2(samples[k + 1][1] - samples[k][1], samples[k + 1][0] - samples[k][0]));
  }
  let total = 0;
  for (let k = 1; k < n; k++) {
    const d = turn(dirs[k - 1], dirs[k]);
    if (Math.abs(d) > MAX_BEND) return null;
    total += d;
    if (Math.abs(total) > MAX_TOTAL_BEND) return null;
  }
  const lift = h / 2 + 2;
  /** @type {[number, number][]} */
  const path = samples.map(([x, y], k) => {
    const a =
      k === 0 ? dirs[0] : k === n ? dirs[n - 1] : dirs[k - 1] + turn(dirs[k - 1], dirs[k]) / 2;
    return [x + Math.sin(a) * lift, y - Math.cos(a) * lift];
  });
  /** @type {Box[]} */
  const pieces = [];
  for (let k = 0; k < n; k++) {
    const [x0, y0] = path[k];
    const [x1, y1] = path[k + 1];
    pieces.push(box((x0 + x1) / 2, (y0 + y1) / 2, Math.hypot(x1 - x0, y1 - y0) + 1, h, dirs[k]));
  }
  const mid = path[Math.floor(n / 2)];
  const chord = Math.atan2(path[n][1] - path[0][1], path[n][0] - path[0][0]);
  return { ...box(mid[0], mid[1], w, h, chord), pieces, path };
}

/**
 * The spots of a line's label of `w` by `h` px: stretches of the line (container px) as
 * long as the text, bending gently (at most `MAX_BEND` between samples half the text's
 * height apart, `MAX_TOTAL_BEND` in all), the text to follow the stretch just above the
 * line, reading left to right (`path`; `pieces` are its boxes, for overlaps). From the
 * line's middle outwards, tried every `step` px of its length (or farther apart on a long
 * line, so that `tries` reach its ends); at most `max` found.
 * @param {number[][]} pts  the line's positions, [x, y]
 * @param {number} w
 * @param {number} h
 * @param {{step?: number, tries?: number, max?: number}} [options]
 * @returns {Spot[]}
 */
export function lineSpots(pts, w, h, options = {}) {
  const max = options.max ?? 30;
  const tries = options.tries ?? 60;
  if (pts.length < 2) return [];
  /** @type {number[]} */
  const cum = [0];
  for (let i = 1; i < pts.length; i++) {
    cum.push(cum[i - 1] + Math.hypot(pts[i][0] - pts[i - 1][0], pts[i][1] - pts[i - 1][1]));
  }
  const total = cum[cum.length - 1];
  const need = w + 6;
  if (total < need) return [];
  /** @type {Spot[]} */
  const out = [];
  const mid = total / 2;
  const reach = (total - need) / 2;
  const step = Math.max(options.step ?? 12, (2 * reach) / tries);
  for (let k = 0; out.length < max && k * step <= reach; k++) {
    for (const sign of k ? [-1, 1] : [1]) {
      const spot = bentSpot(pts, cum, mid + sign * k * step - need / 2, need, w, h);
      if (spot) out.push(spot);
      if (out.length >= max) break;
    }
  }
  return out;
}

/**
 * A label's path with `px` more at each end, straight on along its first and last
 * segments: a text centred on the path (startOffset 50%) whose glyphs come out a little
 * longer than measured still has path under its first and last letters (SVG draws no
 * glyph past a path's end). Pure.
 * @param {[number, number][]} path
 * @param {number} px
 * @returns {[number, number][]}
 */
export function extendedPath(path, px) {
  if (path.length < 2 || !(px > 0)) return path;
  /** @param {[number, number]} from @param {[number, number]} to @returns {[number, number]} */
  const beyond = (from, to) => {
    const dx = to[0] - from[0];
    const dy = to[1] - from[1];
    const len = Math.hypot(dx, dy);
    return len > 0 ? [to[0] + (dx / len) * px, to[1] + (dy / len) * px] : to;
  };
  const n = path.length;
  return [beyond(path[1], path[0]), ...path, beyond(path[n - 2], path[n - 1])];
}
