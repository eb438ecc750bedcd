/* The minimap: the built-in base map (no borders) five zoom levels out, with the main
 * map's view as a box. */

import { BaseMap } from "../basemap.js";
import { boxControl } from "./panel.js";

/**
 * @typedef {import("../types.js").MapState} MapState
 * @typedef {import("../basemap.js").DecodedBasemap} DecodedBasemap
 * @typedef {L.Control & {mini?: L.Map, base?: L.GridLayer}} MiniMapControl
 */

/**
 * @param {MapState} state
 * @param {() => DecodedBasemap} base  the decoded base map (decoded when first asked)
 * @returns {MiniMapControl}
 */
export function miniMapControl(state, base) {
  const map = state.map;
  /** @type {MiniMapControl} */
  let ctl;
  /** @param {HTMLElement} box */
  const fill = (box) => {
    setTimeout(() => {
      const mini = L.map(box, {
        attributionControl: false,
        zoomControl: false,
        dragging: false,
        scrollWheelZoom: false,
        doubleClickZoom: false,
        boxZoom: false,
        keyboard: false,
        touchZoom: false,
      });
      const sea = state.config.basemap.style.sea;
      ctl.base = new BaseMap(base, { borders: false, sea, queue: state.tiles }).addTo(mini);
      const rect = L.rectangle(map.getBounds(), {
        color: "#c0392b",
        weight: 1,
        fillOpacity: 0.08,
        interactive: false,
      }).addTo(mini);
      const sync = () => {
        mini.setView(map.getCenter(), Math.max(0, map.getZoom() - 5), { animate: false });
        rect.setBounds(map.getBounds());
      };
      map.on("moveend", sync);
      sync();
      ctl.mini = mini;
    }, 0);
  };
  ctl = boxControl("bottomleft", "bri-minimap", fill, { hidden: true, ownEvents: false });
  return ctl;
}
