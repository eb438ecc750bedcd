/* Full screen: the map's container fills the screen (the Fullscreen API, or a class
 * where the browser has none). */

import { el } from "../dom.js";
import { boxControl, button } from "./panel.js";

/**
 * @param {L.Map} map
 * @returns {L.Control}
 */
export function fullscreenControl(map) {
  /** @param {HTMLElement} box */
  const fill = (box) => {
    const b = button(box, "", "Full screen");
    el("span", "bri-fs-icon", b);
    b.addEventListener("click", (e) => {
      e.preventDefault();
      const c = map.getContainer();
      if (document.fullscreenElement) {
        document.exitFullscreen();
        return;
      }
      if (c.requestFullscreen) {
        c.requestFullscreen().catch(() => c.classList.toggle("bri-fullscreen"));
      } else {
        c.classList.toggle("bri-fullscreen");
      }
    });
    document.addEventListener("fullscreenchange", () => map.invalidateSize());
  };
  return boxControl("topleft", "leaflet-bar", fill, { ownEvents: false });
}
