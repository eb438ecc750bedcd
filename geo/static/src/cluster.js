/* Clustering: a point layer's markers grouped by a screen grid at each zoom; a cluster
 * is a small stack of the layer's symbols, larger the more it holds (no number in a
 * coloured disc, which would read as a data value), that zooms in when clicked; its
 * tooltip says how many it holds. */

import { el, svgNode } from "./dom.js";
import { countWords } from "./status.js";
import { svgSymbol } from "./symbols.js";

/**
 * @typedef {import("./spec.js").LayerSpec} LayerSpec
 * @typedef {import("./symbols.js").SymbolShape} SymbolShape
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

export class Cluster {
  /**
   * @param {L.Map} map
   * @param {L.CircleMarker[]} markers
   * @param {LayerSpec} spec
   * @param {SymbolShape} shape  the layer's point symbol
   * @param {readonly string[] | undefined} noun  what its points are: [one, many]
   */
  constructor(map, markers, spec, shape, noun) {
    this.map = map;
    this.markers = markers;
    this.spec = spec;
    this.shape = shape;
    this.noun = noun;
    this.group = L.featureGroup(); // a feature group: its markers' events reach the layer
    this.shown = 0; // the markers shown now, in clusters or alone
    this.group.on("add", () => {
      this.redraw();
      map.on("zoomend", this.redraw, this);
    });
    this.group.on("remove", () => map.off("zoomend", this.redraw, this));
  }

  redraw() {
    const map = this.map;
    /** @type {Map<string, L.CircleMarker[]>} */
    const cells = new Map();
    this.group.clearLayers();
    this.shown = 0;
    const zoom = map.getZoom();
    const single = zoom >= map.getMaxZoom();
    for (const m of this.markers) {
      const pt = map.project(m.getLatLng(), zoom);
      const key = `${Math.floor(pt.x / CELL_PX)}:${Math.floor(pt.y / CELL_PX)}`;
      const list = cells.get(key);
      if (list) list.push(m);
      else cells.set(key, [m]);
    }
    for (const members of cells.values()) {
      if (members.length === 1 || single) {
        for (const m of members) this.group.addLayer(m);
      } else {
        this.group.addLayer(this.clusterMarker(members, zoom));
      }
      this.shown += members.length;
    }
  }

  /**
   * A cluster of markers: a stack of three of the layer's symbols, sized by its count; a
   * click zooms in on them.
   * @param {L.CircleMarker[]} members
   * @param {number} zoom
   */
  clusterMarker(members, zoom) {
    const map = this.map;
    const bounds = L.latLngBounds(members.map((m) => m.getLatLng()));
    const size = clusterSize(members.length);
    const icon = L.divIcon({ className: "bri-cluster", iconSize: [size, size], html: "" });
    const c = L.marker(bounds.getCenter(), { icon, keyboard: true });
    const words = `${countWords(members.length, this.noun)} here`;
    c.on("add", () => {
      const node = /** @type {HTMLElement} */ (c.getElement());
      node.textContent = "";
      node.dataset.count = String(members.length);
      node.setAttribute("aria-label", `${words}: zoom in`);
      const svg = svgNode("svg", { width: size, height: size, "aria-hidden": "true" }, node);
      const r = size / 5;
      for (const k of [0, 1, 2]) {
        const at = size / 2 + (k - 1) * r * 0.9;
        const { tag, attrs } = svgSymbol(this.shape, at, size / 2 + (1 - k) * r * 0.6, r);
        svgNode(
          tag,
          { ...attrs, fill: this.spec.style.markerColor, stroke: "#ffffff", "stroke-width": 1.5 },
          svg,
        );
      }
    });
    c.bindTooltip(el("span", null, null, `${words} (${this.spec.title}): click to zoom in`));
    c.on("click", (e) => {
      L.DomEvent.stopPropagation(e); // zoom in; not a measure point
      map.fitBounds(bounds.pad(0.3), { maxZoom: zoom + 3 });
    });
    return c;
  }
}
