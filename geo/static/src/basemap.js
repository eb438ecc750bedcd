/* The built-in base map (spec.basemap): Natural Earth land filled on the sea colour and
 * the borders over it, drawn below the layers on canvas tiles made in the page. A tile
 * traces (trace.js) only the rings and lines that reach it, simplified to half a pixel;
 * a ring's stretches far off the tile are cut short (a continent costs a tile's path only
 * its coast near it) and a line lifts the pen off it. */

import { decodeGeometries } from "./decode.js";
import { mercator } from "./project.js";
import { RingsNearBox, runBoxes, TRACE_TOLERANCE_PX, traceRuns } from "./trace.js";

/**
 * @typedef {import("./decode.js").Run} Run
 * @typedef {import("./project.js").Projected} Projected
 * @typedef {import("./spec.js").BasemapSpec} BasemapSpec
 * @typedef {{spec: BasemapSpec, data: Projected, land: Run[], borders: Run[],
 *   landBoxes: Float64Array, borderBoxes: Float64Array}} DecodedBasemap
 *   the boxes: 4 numbers a run, zoom-0 pixels (trace.js runBoxes)
 */

/**
 * The base map's land rings and border lines, projected, with each run's box.
 * @param {BasemapSpec} spec
 * @returns {DecodedBasemap}
 */
export function decodeBasemap(spec) {
  const geoms = decodeGeometries(spec.geometry, true);
  const data = mercator(geoms.lng, geoms.lat);
  const land = geoms.shapes[0].coords;
  const borders = geoms.shapes[1].coords;
  return {
    spec,
    data,
    land,
    borders,
    landBoxes: runBoxes(data.x, data.y, land),
    borderBoxes: runBoxes(data.x, data.y, borders),
  };
}

//: How far (px) past a tile's edges its rings and lines are traced: a stroke's width
//: and a fill's anti-aliased edge.
const TILE_MARGIN_PX = 2;

/**
 * Trace the base map's rings (closed, to fill; cut short off the square) or lines (to
 * stroke) onto a canvas: `scale` is 2^zoom, (ox, oy) the canvas's corner in pixels at
 * that zoom, `size` its side. Returns how many positions were traced.
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
  const m = TILE_MARGIN_PX;
  /** @type {[number, number, number, number]} */
  const clip = [-m, -m, size + m, size + m];
  const sink = rings ? new RingsNearBox(ctx, clip) : ctx;
  const runs = rings ? base.land : base.borders;
  const boxes = rings ? base.landBoxes : base.borderBoxes;
  let n = 0;
  for (let k = -1; k <= 1; k++) {
    // the world and one copy either side (tiles wrap)
    const dx = 256 * k * scale - ox;
    n += traceRuns(sink, d.x, d.y, runs, boxes, scale, dx, -oy, clip, TRACE_TOLERANCE_PX, rings);
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
    tile._briDrawn = { rings, lines }; // positions traced on this tile (for tests)
  },
});
