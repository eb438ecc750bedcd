/* Clustering: a point layer's markers grouped by a screen grid at each zoom; a cluster
 * is a marker with a count that zooms in when clicked. */

import { el } from "./dom.js";

/** @typedef {import("./spec.js").LayerSpec} LayerSpec */

//: The side of a cluster's grid cell, CSS px.
const CELL_PX = 36;

export class Cluster {
  /**
   * @param {L.Map} map
   * @param {L.CircleMarker[]} markers
   * @param {LayerSpec} spec
   */
  constructor(map, markers, spec) {
    this.map = map;
    this.markers = markers;
    this.spec = spec;
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
   * A cluster of markers: its count, in the layer's colour; a click zooms in on them.
   * @param {L.CircleMarker[]} members
   * @param {number} zoom
   */
  clusterMarker(members, zoom) {
    const map = this.map;
    const bounds = L.latLngBounds(members.map((m) => m.getLatLng()));
    const icon = L.divIcon({ className: "bri-cluster", iconSize: [30, 30], html: "" });
    const c = L.marker(bounds.getCenter(), { icon, keyboard: true });
    c.on("add", () => {
      const node = /** @type {HTMLElement} */ (c.getElement());
      node.textContent = String(members.length);
      node.style.setProperty("--bri-color", this.spec.style.markerColor);
      node.setAttribute("aria-label", `${members.length} features`);
    });
    c.bindTooltip(el("span", null, null, `${members.length} × ${this.spec.title}`));
    c.on("click", (e) => {
      L.DomEvent.stopPropagation(e); // zoom in; not a measure point
      map.fitBounds(bounds.pad(0.3), { maxZoom: zoom + 3 });
    });
    return c;
  }
}
