/* The legend: the icon and title of each layer shown; hidden when none is. */

import { el } from "../dom.js";
import { layerIcon } from "../symbols.js";
import { boxControl, collapsible } from "./panel.js";

/** @typedef {import("../types.js").MapState} MapState */

/**
 * @param {MapState} state
 * @returns {L.Control & {update(): void}}
 */
export function legendControl(state) {
  const { map, config } = state;
  /** @type {HTMLUListElement | null} */
  let list = null;
  /** @type {HTMLElement | null} */
  let panel = null;
  const update = () => {
    if (!list || !panel) return;
    list.textContent = "";
    for (const spec of config.layers) {
      if (!map.hasLayer(state.layers[spec.id].layer)) continue;
      const item = el("li", "bri-legend-item", list);
      item.dataset.layer = spec.id;
      layerIcon(spec, state.tables.symbols, item);
      el("span", null, item, spec.title);
    }
    panel.hidden = !list.children.length; // nothing on: no legend
  };
  /** @param {HTMLElement} box */
  const fill = (box) => {
    panel = box;
    list = el("ul", null, collapsible(state, box, "Legend", "bri-legend-body").body);
    update();
  };
  return boxControl(
    "bottomright",
    "bri-panel bri-legend bri-print",
    fill,
    { label: "Legend" },
    {
      update,
    },
  );
}
