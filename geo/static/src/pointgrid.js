/* A point layer's positions indexed once for clustering by view: a fixed grid of
 * buckets over the world (zoom-0 Web Mercator pixels, 0 to 256) holding the points'
 * indices bucket by bucket, so that the points in a box are found without visiting the
 * others; and the clustering grid's cells (CELL px squares at a zoom, aligned to the
 * world's origin, as cluster.js has always drawn them) over a range of cells, each with
 * how many points it holds, its first point and its points' box. A cell at a zoom holds
 * the same points whatever the view: the view decides only which cells are made.
 * Pure: no DOM, no Leaflet. */

/**
 * @typedef {{x: Float64Array, y: Float64Array, side: number, order: Int32Array,
 *   start: Int32Array}} PointGrid
 *   positions (zoom-0 px), the buckets a side, the points bucket by bucket (row by row),
 *   and where each bucket's run starts in `order` (one more than there are buckets)
 * @typedef {[number, number, number, number]} CellRange  first and last column and row
 * @typedef {{cx: number, cy: number, count: number, first: number, west: number,
 *   south: number, east: number, north: number}} GridCell
 *   a cell's column and row, its count of points, the first of them (an index), and
 *   their box in degrees
 */

//: Buckets a side of the index (256: one zoom-0 pixel, 16 px at zoom 4, 128 at 7).
const SIDE = 256;

/**
 * The bucket a zoom-0 coordinate falls in along one axis (clamped into the world).
 * @param {number} v
 * @param {number} side
 */
function bucketOf(v, side) {
  const b = Math.floor((v / 256) * side);
  return b < 0 ? 0 : b >= side ? side - 1 : b;
}

/**
 * Index positions (zoom-0 Web Mercator px, as project.js's mercator gives them).
 * @param {Float64Array} x
 * @param {Float64Array} y
 * @param {number} [side]  buckets a side
 * @returns {PointGrid}
 */
export function pointGrid(x, y, side = SIDE) {
  const n = x.length;
  const start = new Int32Array(side * side + 1);
  const bucket = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const b = bucketOf(y[i], side) * side + bucketOf(x[i], side);
    bucket[i] = b;
    start[b + 1]++;
  }
  for (let b = 0; b < side * side; b++) start[b + 1] += start[b];
  const fill = start.slice(0, side * side);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[fill[bucket[i]]++] = i;
  return { x, y, side, order, start };
}

/**
 * Call `visit(i)` for every indexed point in a box of zoom-0 px (and perhaps a few just
 * outside it: the buckets that cross its edges are visited whole).
 * @param {PointGrid} grid
 * @param {number} x0
 * @param {number} y0
 * @param {number} x1
 * @param {number} y1
 * @param {(i: number) => void} visit
 */
export function visitBox(grid, x0, y0, x1, y1, visit) {
  const { side, order, start } = grid;
  const bx0 = bucketOf(x0, side);
  const bx1 = bucketOf(x1, side);
  const by0 = bucketOf(y0, side);
  const by1 = bucketOf(y1, side);
  for (let by = by0; by <= by1; by++) {
    const from = start[by * side + bx0];
    const to = start[by * side + bx1 + 1];
    for (let k = from; k < to; k++) visit(order[k]);
  }
}

/**
 * The cells of side `cellPx` at a zoom that a box of pixels at that zoom touches.
 * @param {[number, number, number, number]} box  least x and y, most x and y
 * @param {number} cellPx
 * @param {number} [margin]  px added on every side
 * @returns {CellRange}
 */
export function cellRange([x0, y0, x1, y1], cellPx, margin = 0) {
  return [
    Math.floor((x0 - margin) / cellPx),
    Math.floor((y0 - margin) / cellPx),
    Math.floor((x1 + margin) / cellPx),
    Math.floor((y1 + margin) / cellPx),
  ];
}

/**
 * The clustering grid's cells in a range that hold points, with every point of each
 * (a cell in the range is never cut by it: membership is by the world-aligned grid).
 * @param {PointGrid} grid
 * @param {Uint8Array} active  1 for a point to count, 0 for one left out (hidden)
 * @param {Float64Array} lng
 * @param {Float64Array} lat
 * @param {number} zoom
 * @param {number} cellPx
 * @param {CellRange} range
 * @returns {GridCell[]}  in row then column order
 */
export function gridCells(grid, active, lng, lat, zoom, cellPx, range) {
  const world = Math.ceil((256 * 2 ** zoom) / cellPx); // cells a side of the world
  const cx0 = Math.max(range[0], 0);
  const cy0 = Math.max(range[1], 0);
  const cols = Math.min(range[2], world - 1) - cx0 + 1;
  const rows = Math.min(range[3], world - 1) - cy0 + 1;
  if (cols <= 0 || rows <= 0) return [];
  const scale = 2 ** zoom / cellPx; // zoom-0 px to cells
  const { x, y } = grid;
  // a slot for each cell that holds a point: dense over a view's few thousand cells, by
  // a map where the range is far larger than the points
  const dense = cols * rows <= Math.max(4 * x.length, 1 << 16);
  /** @type {Map<number, number>} */
  const slotOf = new Map();
  /** @type {number[]} */
  const cellOf = [];
  const slots = dense ? cols * rows : 0;
  let count = new Int32Array(slots);
  let first = new Int32Array(slots);
  let box = new Float64Array(4 * slots);
  /** @param {number} c */
  const slot = (c) => {
    if (dense) return c;
    const s = slotOf.get(c);
    if (s !== undefined) return s;
    const made = cellOf.length;
    slotOf.set(c, made);
    cellOf.push(c);
    if (made >= count.length) {
      const grown = Math.max(64, 2 * count.length);
      count = grow(count, new Int32Array(grown));
      first = grow(first, new Int32Array(grown));
      box = grow(box, new Float64Array(4 * grown));
    }
    return made;
  };
  visitBox(grid, cx0 / scale, cy0 / scale, (cx0 + cols) / scale, (cy0 + rows) / scale, (i) => {
    if (!active[i]) return;
    const cx = Math.floor(x[i] * scale) - cx0;
    const cy = Math.floor(y[i] * scale) - cy0;
    if (cx < 0 || cx >= cols || cy < 0 || cy >= rows) return;
    const c = slot(cy * cols + cx);
    const b = 4 * c;
    if (count[c]++ === 0) {
      first[c] = i;
      box[b] = box[b + 2] = lng[i];
      box[b + 1] = box[b + 3] = lat[i];
    } else {
      if (lng[i] < box[b]) box[b] = lng[i];
      if (lat[i] < box[b + 1]) box[b + 1] = lat[i];
      if (lng[i] > box[b + 2]) box[b + 2] = lng[i];
      if (lat[i] > box[b + 3]) box[b + 3] = lat[i];
      if (i < first[c]) first[c] = i;
    }
  });
  const order = dense ? null : cellOf.map((c, s) => [c, s]).sort((a, b) => a[0] - b[0]);
  /** @type {GridCell[]} */
  const out = [];
  const n = dense ? slots : cellOf.length;
  for (let k = 0; k < n; k++) {
    const [c, s] = order ? order[k] : [k, k];
    if (!count[s]) continue;
    const b = 4 * s;
    out.push({
      cx: cx0 + (c % cols),
      cy: cy0 + Math.floor(c / cols),
      count: count[s],
      first: first[s],
      west: box[b],
      south: box[b + 1],
      east: box[b + 2],
      north: box[b + 3],
    });
  }
  return out;
}

/**
 * A typed array's values copied into the start of a larger one.
 * @template {Int32Array | Float64Array} T
 * @param {T} from
 * @param {T} to
 * @returns {T}
 */
function grow(from, to) {
  to.set(from);
  return to;
}

/**
 * The active points in a range of cells (at the deepest zoom every point is drawn alone).
 * @param {PointGrid} grid
 * @param {Uint8Array} active
 * @param {number} zoom
 * @param {number} cellPx
 * @param {CellRange} range
 * @returns {number[]}  ascending
 */
export function pointsIn(grid, active, zoom, cellPx, range) {
  const [cx0, cy0, cx1, cy1] = range;
  const scale = 2 ** zoom / cellPx;
  const { x, y } = grid;
  /** @type {number[]} */
  const out = [];
  visitBox(grid, cx0 / scale, cy0 / scale, (cx1 + 1) / scale, (cy1 + 1) / scale, (i) => {
    const cx = Math.floor(x[i] * scale);
    const cy = Math.floor(y[i] * scale);
    if (active[i] && cx >= cx0 && cx <= cx1 && cy >= cy0 && cy <= cy1) out.push(i);
  });
  return out.sort((a, b) => a - b);
}
