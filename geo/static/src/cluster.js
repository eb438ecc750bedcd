/* Clustering: a point layer's markers grouped by a screen grid at each zoom; a cluster
 * is a small stack of the layer's symbols, larger the more it holds (no number in a
 * coloured disc, which would read as a data value), that zooms in when clicked; its
 * tooltip says how many it holds.
 *
 * The points are indexed once (pointgrid.js); a redraw makes only the cells in view and
 * a margin round it, and keeps what a pan leaves in place. Clusters are drawn on the
 * layers' canvas, as the points are (no element each); their clicks and tooltips are
 * handled by one listener on the layer. The keyboard reaches the clusters in view through
 * clusterkeys.js's buttons.
 *
 * ClusterMarker, like markers.js's SymbolMarker, overrides L.CircleMarker's private
 * `_updatePath` and reads the renderer's `_drawing`, `_ctx` and `_container` (its
 * canvas), and its own `_empty()` and `_point`. */

import { ClusterKeys } from "./clusterkeys.js";
import { el } from "./dom.js";
import { cellRange, gridCells, pointGrid, pointsIn } from "./pointgrid.js";
import { mercator } from "./project.js";
import { countWords } from "./status.js";
import { traceSymbol } from "./symbols.js";

/**
 * @typedef {import("./spec.js").LayerSpec} LayerSpec
 * @typedef {import("./symbols.js").SymbolShape} SymbolShape
 * @typedef {import("./pointgrid.js").GridCell} GridCell
 * @typedef {{count: number, size: number, bounds: L.LatLngBounds, zoom: number,
 *   at: L.LatLng}} ClusterInfo  a cluster: its count, its size (px), its points' box,
 *   the zoom it is drawn at, where it is drawn
 */

/**
 * A cluster's size (CSS px, the side of its icon) for its count: from 18 px for two to
 * 34 px for a few hundred. Pure.
 * @param {number} count
 */
export function clusterSize(count) {
  return Math.round(Math.min(34, 14 + 3.5 * Math.log2(Math.max(count, 2))));
}

//: The side of a cluster's grid cell, CSS px.
const CELL_PX = 36;
//: The margin made round the view (a share of its larger side): as far as the layers'
//: canvas reaches past the view (its padding, main.js), so that a pan shows them.
const MARGIN = 0.1;
//: Milliseconds a frame spends making clusters (those in view first): the rest waits for
//: the next frame, so that no frame is long.
const FRAME_MS = 10;
//: Clusters a frame makes at least (a small layer's all at once); the clock is read after
//: each as many.
const FRAME_MIN = 256;

/**
 * @typedef {new (latlng: L.LatLngExpression, options: L.CircleMarkerOptions & {size: number,
 *   sprite: HTMLCanvasElement}) => L.CircleMarker} ClusterMarkerType
 */

/** @type {ClusterMarkerType | undefined} */
let clusterMarkerType;

/**
 * A cluster drawn on the canvas: its stack of symbols, `sprite` (drawn once for its
 * size, `size` px across), centred on it; its radius (for the pointer) half its size.
 * (Made when first needed: this module loads without Leaflet, for its tests.)
 * @returns {ClusterMarkerType}
 */
export function ClusterMarker() {
  clusterMarkerType ??= L.CircleMarker.extend({
    _updatePath() {
      const renderer = this.options.renderer;
      if (!renderer._drawing || this._empty()) return;
      // drawn onto a picture (snapshot.js lends the renderer its context): the picture
      // draws its clusters itself, at its own resolution
      if (renderer._ctx.canvas !== renderer._container) return;
      const p = this._point;
      const side = this.options.size + 2 * SPRITE_EDGE;
      renderer._ctx.drawImage(this.options.sprite, p.x - side / 2, p.y - side / 2, side, side);
    },
  });
  return /** @type {ClusterMarkerType} */ (clusterMarkerType);
}

//: Room round a cluster's stack in its sprite (its white edges reach past its size), px.
const SPRITE_EDGE = 2;

/**
 * A stack of three symbols `size` px across, in a colour with white edges, drawn on a
 * canvas of its own (at the screen's pixel ratio) with SPRITE_EDGE px round it.
 * @param {SymbolShape} shape
 * @param {number} size
 * @param {string} colour
 */
function stackSprite(shape, size, colour) {
  const ratio = window.devicePixelRatio || 1;
  const side = size + 2 * SPRITE_EDGE;
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = Math.ceil(side * ratio);
  const ctx = /** @type {CanvasRenderingContext2D} */ (canvas.getContext("2d"));
  ctx.scale(ratio, ratio);
  const r = size / 5;
  const mid = side / 2;
  for (const k of [0, 1, 2]) {
    ctx.beginPath();
    traceSymbol(ctx, shape, mid + (k - 1) * r * 0.9, mid + (1 - k) * r * 0.6, r);
    ctx.fillStyle = colour;
    ctx.fill();
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = "#ffffff";
    ctx.stroke();
  }
  return canvas;
}

export class Cluster {
  /**
   * @param {L.Map} map
   * @param {L.CircleMarker[]} markers
   * @param {LayerSpec} spec
   * @param {SymbolShape} shape  the layer's point symbol
   * @param {readonly string[] | undefined} noun  what its points are: [one, many]
   * @param {L.Renderer} renderer  the canvas the clusters are drawn on
   */
  constructor(map, markers, spec, shape, noun, renderer) {
    this.map = map;
    this.renderer = renderer;
    this.markers = markers; // the markers shown (filterFeatures sets it): all, or fewer
    this.all = markers.slice();
    this.spec = spec;
    this.shape = shape;
    this.noun = noun;
    const n = markers.length;
    this.lng = new Float64Array(n);
    this.lat = new Float64Array(n);
    markers.forEach((m, i) => {
      const at = m.getLatLng();
      this.lng[i] = at.lng;
      this.lat[i] = at.lat;
    });
    const { x, y } = mercator(this.lng, this.lat);
    this.grid = pointGrid(x, y);
    /** @type {Uint8Array} which markers are shown (of `all`) */
    this.active = new Uint8Array(n).fill(1);
    this.activeFor = markers;
    this.shown = n; // the markers shown, in clusters or alone (in view or not)
    this.group = L.featureGroup(); // a feature group: its markers' events reach the layer
    /** @type {Map<string, L.Layer>} the clusters and lone markers in the group, by key */
    this.drawn = new Map();
    this.drawnZoom = NaN;
    this.pending = 0; // the frame that goes on placing them (0: none, all placed)
    /** @type {Map<number, HTMLCanvasElement>} the clusters' stacks of symbols, by size */
    this.sprites = new Map();
    /** @type {WeakMap<L.Layer, ClusterInfo>} */
    this.info = new WeakMap();
    this.tip = L.tooltip({ direction: "auto" });
    /** @type {ClusterKeys | null} the buttons the keyboard reaches the clusters by */
    this.keys = null;
    this.group.on({
      add: () => {
        this.keys = new ClusterKeys(
          map,
          (info) =>
            `${countWords(info.count, this.noun)} here (${this.spec.title}): press Enter to zoom in`,
          (info) => this.openTip(info),
          () => map.closeTooltip(this.tip),
          (info) => this.zoomTo(info),
        );
        this.redraw();
        map.on("moveend", this.redraw, this);
        map.on("zoomstart", this.clearKeys, this);
      },
      remove: () => {
        map.off("moveend", this.redraw, this);
        map.off("zoomstart", this.clearKeys, this);
        this.clear();
        this.keys?.remove();
        this.keys = null;
      },
      click: (/** @type {L.LeafletMouseEvent} */ e) => this.zoomIn(e),
      mouseover: (/** @type {L.LeafletMouseEvent} */ e) =>
        this.openTip(this.info.get(e.sourceTarget)),
      mouseout: (/** @type {L.LeafletMouseEvent} */ e) => {
        if (this.info.has(e.sourceTarget)) map.closeTooltip(this.tip);
      },
    });
  }

  /** Which markers are shown, from `markers` (when filterFeatures has set it anew). */
  refreshActive() {
    if (this.activeFor === this.markers) return;
    const shown = new Set(this.markers);
    this.all.forEach((m, i) => {
      this.active[i] = shown.has(m) ? 1 : 0;
    });
    this.activeFor = this.markers;
    this.shown = this.markers.length;
    this.clear();
  }

  /** Take every cluster and marker off (the next redraw makes them anew). */
  clear() {
    cancelAnimationFrame(this.pending);
    this.pending = 0;
    this.map.closeTooltip(this.tip);
    this.group.clearLayers();
    this.drawn.clear();
    this.drawnZoom = NaN;
    this.clearKeys();
  }

  /** Take the clusters' buttons off (a zoom moves the clusters; the redraw after it
   * makes them anew). */
  clearKeys() {
    this.keys?.clear();
  }

  /** The buttons for the clusters drawn (when all are placed). */
  updateKeys() {
    if (!this.keys) return;
    /** @type {ClusterInfo[]} */
    const infos = [];
    for (const layer of this.drawn.values()) {
      const info = this.info.get(layer);
      if (info) infos.push(info);
    }
    this.keys.update(infos);
  }

  /**
   * Draw the clusters and lone markers of the cells in view and in a margin round it
   * (those in view first, over as many frames as it takes: placeSome); what is drawn
   * already at this zoom stays, what has left the margin goes.
   */
  redraw() {
    const map = this.map;
    cancelAnimationFrame(this.pending);
    this.pending = 0;
    this.refreshActive();
    const zoom = map.getZoom();
    if (zoom !== this.drawnZoom) this.clear();
    this.drawnZoom = zoom;
    const { min, max } = map.getPixelBounds();
    if (!min || !max) return;
    /** @type {[number, number, number, number]} */
    const view = [min.x, min.y, max.x, max.y];
    const size = map.getSize();
    const outer = this.wanted(zoom, cellRange(view, CELL_PX, MARGIN * Math.max(size.x, size.y)));
    for (const [key, layer] of this.drawn) {
      if (!outer.has(key)) {
        this.group.removeLayer(layer);
        this.drawn.delete(key);
      }
    }
    const inner = cellRange(view, CELL_PX);
    /** @type {[string, number | GridCell][]} */
    const first = [];
    /** @type {[string, number | GridCell][]} */
    const then = [];
    for (const [key, what] of outer) {
      if (!this.drawn.has(key)) (this.inRange(what, zoom, inner) ? first : then).push([key, what]);
    }
    this.placeSome(first.concat(then), 0);
  }

  /**
   * Place these, from `from` on, for FRAME_MS (FRAME_MIN at least); the rest in the
   * next frame.
   * @param {[string, number | GridCell][]} todo
   * @param {number} from
   */
  placeSome(todo, from) {
    this.pending = 0;
    const t0 = performance.now();
    let k = from;
    while (k < todo.length) {
      this.place(...todo[k++]);
      if ((k - from) % FRAME_MIN === 0 && performance.now() - t0 > FRAME_MS) break;
    }
    if (k < todo.length) this.pending = requestAnimationFrame(() => this.placeSome(todo, k));
    else this.updateKeys();
  }

  /**
   * Whether a cell, or a marker's cell, is in a range of cells.
   * @param {number | GridCell} what
   * @param {number} zoom
   * @param {import("./pointgrid.js").CellRange} range
   */
  inRange(what, zoom, [cx0, cy0, cx1, cy1]) {
    let cx;
    let cy;
    if (typeof what === "number") {
      const scale = 2 ** zoom / CELL_PX;
      cx = Math.floor(this.grid.x[what] * scale);
      cy = Math.floor(this.grid.y[what] * scale);
    } else {
      ({ cx, cy } = what);
    }
    return cx >= cx0 && cx <= cx1 && cy >= cy0 && cy <= cy1;
  }

  /**
   * The clusters and lone markers of a range of cells, by key: a cell of one point (or
   * every cell, at the deepest zoom) its markers, another a cluster (made when placed).
   * @param {number} zoom
   * @param {import("./pointgrid.js").CellRange} range
   * @returns {Map<string, number | GridCell>}  a marker's index, or a cell
   */
  wanted(zoom, range) {
    /** @type {Map<string, number | GridCell>} */
    const out = new Map();
    const { grid, active, lng, lat } = this;
    if (zoom >= this.map.getMaxZoom()) {
      for (const i of pointsIn(grid, active, zoom, CELL_PX, range)) out.set(`m${i}`, i);
      return out;
    }
    for (const cell of gridCells(grid, active, lng, lat, zoom, CELL_PX, range)) {
      if (cell.count === 1) out.set(`m${cell.first}`, cell.first);
      else out.set(`c${cell.cx}:${cell.cy}`, cell);
    }
    return out;
  }

  /**
   * Add a lone marker (by index) or a cluster (a cell) to the group.
   * @param {string} key
   * @param {number | GridCell} what
   */
  place(key, what) {
    const layer =
      typeof what === "number" ? this.all[what] : this.clusterMarker(what, this.drawnZoom);
    this.drawn.set(key, layer);
    this.group.addLayer(layer);
  }

  /**
   * A cluster: a stack of three of the layer's symbols, sized by its count, at the middle
   * of its points' box; a click zooms in on them.
   * @param {GridCell} cell
   * @param {number} zoom
   */
  clusterMarker(cell, zoom) {
    const bounds = L.latLngBounds([cell.south, cell.west], [cell.north, cell.east]);
    const size = clusterSize(cell.count);
    /** @type {ClusterInfo} */
    const info = { count: cell.count, size, bounds, zoom, at: bounds.getCenter() };
    let sprite = this.sprites.get(size);
    if (!sprite) {
      sprite = stackSprite(this.shape, size, this.spec.style.markerColor);
      this.sprites.set(size, sprite);
    }
    const Marker = ClusterMarker();
    const c = new Marker(info.at, {
      renderer: this.renderer,
      radius: size / 2,
      size,
      sprite,
    });
    this.info.set(c, info);
    return c;
  }

  /**
   * What a drawn layer of the group is if it is a cluster (undefined for a point).
   * @param {L.Layer} layer
   * @returns {ClusterInfo | undefined}
   */
  about(layer) {
    return this.info.get(layer);
  }

  /**
   * Open a cluster's tooltip (none if `info` is not a cluster's).
   * @param {ClusterInfo | undefined} info
   */
  openTip(info) {
    if (!info) return;
    const words = countWords(info.count, this.noun); // when shown: it is slow to make
    const text = `${words} here (${this.spec.title}): click to zoom in`;
    this.tip.setContent(el("span", null, null, text));
    this.tip.setLatLng(info.at);
    this.map.openTooltip(this.tip);
  }

  /**
   * A click on a cluster zooms in on its points (and is not a measure point).
   * @param {L.LeafletMouseEvent} e
   */
  zoomIn(e) {
    const info = this.info.get(e.sourceTarget);
    if (!info) return;
    L.DomEvent.stopPropagation(e);
    this.zoomTo(info);
  }

  /**
   * Zoom in on a cluster's points.
   * @param {ClusterInfo} info
   */
  zoomTo(info) {
    this.map.closeTooltip(this.tip);
    this.map.fitBounds(info.bounds.pad(0.3), { maxZoom: info.zoom + 3 });
  }
}
