/* The built-in base map (spec.basemap): Natural Earth land filled on the sea colour and
 * the borders over it, drawn below the layers on canvas tiles made in the page. A tile
 * draws only the rings and lines that reach it, and skips a vertex less than half a
 * pixel from the last one drawn. */

import { decodeGeometries } from "./decode.js";
import { mercator, runsBox } from "./project.js";

/**
 * @typedef {import("./decode.js").Run} Run
 * @typedef {import("./project.js").Projected} Projected
 * @typedef {import("./spec.js").BasemapSpec} BasemapSpec
 * @typedef {[number, number, number, number]} PixelBox  [x0, y0, x1, y1], zoom-0 pixels
 * @typedef {{spec: BasemapSpec, data: Projected, land: Run[], borders: Run[],
 *   landBoxes: PixelBox[], borderBoxes: PixelBox[]}} DecodedBasemap
 */

/**
 * The base map's land rings and border lines, projected, with each run's box.
 * @param {BasemapSpec} spec
 * @returns {DecodedBasemap}
 */
export function decodeBasemap(spec) {
  const geoms = decodeGeometries(spec.geometry, true);
  const data = mercator(geoms.lng, geoms.lat);
  /** @param {Run[]} runs @returns {PixelBox[]} */
  const boxes = (runs) => runs.map((run) => runsBox(data.x, data.y, [run]));
  const land = geoms.shapes[0].coords;
  const borders = geoms.shapes[1].coords;
  return { spec, data, land, borders, landBoxes: boxes(land), borderBoxes: boxes(borders) };
}

/**
 * Trace the base map's rings (closed, to fill) or lines (to stroke) onto a tile's
 * canvas: `scale` is 2^zoom, (ox, oy) the tile's corner in pixels at that zoom, `size`
 * its side. Returns how many were traced.
 * @param {CanvasRenderingContext2D} ctx
 * @param {DecodedBasemap} base
 * @param {number} scale
 * @param {number} ox
 * @param {number} oy
 * @param {number} size
 * @param {boolean} rings
 */
export function drawBase(ctx, base, scale, ox, oy, size, rings) {
  const d = base.data;
  const runs = rings ? base.land : base.borders;
  const boxes = rings ? base.landBoxes : base.borderBoxes;
  let n = 0;
  for (let k = -1; k <= 1; k++) {
    // the world and one copy either side (tiles wrap)
    const dx = 256 * k * scale - ox;
    for (let r = 0; r < runs.length; r++) {
      const box = boxes[r];
      if (
        box[2] * scale + dx < -2 ||
        box[0] * scale + dx > size + 2 ||
        box[3] * scale - oy < -2 ||
        box[1] * scale - oy > size + 2
      ) {
        continue;
      }
      const [start, end] = runs[r];
      let lx = d.x[start] * scale + dx;
      let ly = d.y[start] * scale - oy;
      ctx.moveTo(lx, ly);
      for (let i = start + 1; i < end; i++) {
        const px = d.x[i] * scale + dx;
        const py = d.y[i] * scale - oy;
        if (i < end - 1 && Math.abs(px - lx) + Math.abs(py - ly) < 0.5) continue;
        ctx.lineTo(px, py);
        lx = px;
        ly = py;
      }
      if (rings) ctx.closePath();
      n++;
    }
  }
  return n;
}

//: Milliseconds of a frame given to drawing base map tiles (a tile takes about 1 at the
//: 10k bench's view; 5 ms a frame, beside the layers' 30 ms slices, held a zoom's 40 tiles
//: back 220-450 ms after they were asked for, 12 ms 115-260: benchmarks/README.md).
const TILE_BUDGET_MS = 12;

/**
 * Base map tiles are drawn a few at a time, between frames, after what is already
 * queued: the layers show first, and a zoom or pan is not held up by the tiles it
 * needs. One queue serves a map and its minimap.
 */
export class TileQueue {
  constructor() {
    /** @type {Array<() => void>} */
    this.jobs = [];
    /** @type {number | null} */
    this.frame = null;
  }

  /** @param {() => void} job */
  push(job) {
    this.jobs.push(job);
    if (!this.frame) this.frame = requestAnimationFrame(() => this.run());
  }

  run() {
    this.frame = null;
    const t0 = performance.now();
    while (this.jobs.length && performance.now() - t0 < TILE_BUDGET_MS) {
      /** @type {() => void} */ (this.jobs.shift())();
    }
    if (this.jobs.length) this.frame = requestAnimationFrame(() => this.run());
  }
}

/**
 * @typedef {L.GridLayerOptions & {queue: TileQueue, sea: string, borders: boolean,
 *   attribution?: string}} BaseMapOptions
 */

/**
 * The base map as tiles drawn in the page: Leaflet keeps them while the map pans, and
 * wraps them round the world as it does for a tile server.
 * `new BaseMap(base, {queue, sea, borders, attribution, maxZoom})`: `base` is the decoded
 * map, or a function that decodes it when the first tile needs it.
 * @type {new (base: DecodedBasemap | (() => DecodedBasemap), options: BaseMapOptions) =>
 *   L.GridLayer}
 */
export const BaseMap = L.GridLayer.extend({
  /**
   * @param {DecodedBasemap | (() => DecodedBasemap)} base
   * @param {BaseMapOptions} options
   */
  initialize(base, options) {
    L.setOptions(this, L.extend({ pane: "bri-base", keepBuffer: 2 }, options));
    this.source = base;
  },
  /** @returns {DecodedBasemap} */
  decoded() {
    if (typeof this.source === "function") this.source = this.source();
    return this.source;
  },
  getAttribution() {
    return this.options.attribution;
  },
  /** @param {L.Map} map */
  onAdd(map) {
    if (!map.getPane("bri-base")) map.createPane("bri-base").style.zIndex = "250"; // tiles 200
    this.shownOn = map;
    this.background = map.getContainer().style.background;
    map.getContainer().style.background = this.options.sea;
    L.GridLayer.prototype.onAdd.call(this, map);
  },
  /** @param {L.Map} map */
  onRemove(map) {
    L.GridLayer.prototype.onRemove.call(this, map);
    this.shownOn = null;
    map.getContainer().style.background = this.background;
  },
  /**
   * @param {L.Coords} coords
   * @param {L.DoneCallback} done
   */
  createTile(coords, done) {
    const tile = L.DomUtil.create("canvas", "leaflet-tile");
    this.options.queue.push(() => {
      if (this.shownOn) this.drawTile(tile, coords);
      done(undefined, tile);
    });
    return tile;
  },
  /**
   * @param {HTMLCanvasElement & {_briDrawn?: object}} tile
   * @param {L.Coords} coords
   */
  drawTile(tile, coords) {
    const size = this.getTileSize().x;
    const ratio = window.devicePixelRatio || 1;
    const base = this.decoded();
    tile.width = tile.height = Math.round(size * ratio);
    const ctx = /** @type {CanvasRenderingContext2D} */ (tile.getContext("2d"));
    const st = base.spec.style;
    const scale = 2 ** coords.z;
    ctx.scale(ratio, ratio);
    ctx.beginPath();
    const rings = drawBase(ctx, base, scale, coords.x * size, coords.y * size, size, true);
    ctx.fillStyle = st.land;
    ctx.fill("evenodd");
    let lines = 0;
    if (this.options.borders) {
      ctx.beginPath();
      lines = drawBase(ctx, base, scale, coords.x * size, coords.y * size, size, false);
      ctx.strokeStyle = st.border;
      ctx.lineWidth = st.borderWeight;
      ctx.lineJoin = "round";
      ctx.stroke();
    }
    tile._briDrawn = { rings, lines }; // what this tile holds (for tests)
  },
});
