/* The layer control: the base maps (radio buttons), then each group's layers
 * (checkboxes) with their icon and feature count. */

import { el } from "../dom.js";
import { layerIcon } from "../symbols.js";
import { boxControl, collapsible } from "./panel.js";

/** @typedef {import("../types.js").MapState} MapState */

/**
 * @param {MapState} state
 * @returns {L.Control & {check(id: string): void}}
 */
export function layerControl(state) {
  const { map, config } = state;
  /** @type {Map<string, HTMLInputElement>} */
  const boxes = new Map();
  // a name of its own, so that two maps' radio buttons are two groups
  const radioName = `bri-basemap-${L.stamp(map)}`;
  /** @param {HTMLElement} box */
  const fill = (box) => {
    const { body } = collapsible(state, box, "Layers", "bri-layers-body");
    el("div", "bri-group-title", body, "Base map");
    [config.basemap, ...config.basemaps].forEach((b, i) => {
      const label = el("label", "bri-row", body);
      const input = el("input", null, label);
      input.type = "radio";
      input.name = radioName;
      input.checked = i === 0;
      input.dataset.basemap = String(i);
      el("span", null, label, b.name);
      input.addEventListener("change", () => state.setBasemap(i));
    });
    for (const group of config.groups) {
      const members = config.layers.filter((s) => s.group === group);
      if (!members.length) continue;
      const section = el("div", "bri-group", body);
      el("div", "bri-group-title", section, group);
      for (const spec of members) {
        const label = el("label", "bri-row bri-overlay", section);
        if (spec.description) label.title = spec.description;
        const input = el("input", null, label);
        input.type = "checkbox";
        input.checked = true;
        input.dataset.layer = spec.id;
        boxes.set(spec.id, input);
        layerIcon(spec, state.tables.symbols, label);
        el("span", "bri-overlay-name", label, spec.title);
        el("span", "bri-count", label, spec.count.toLocaleString("en-US"));
        input.addEventListener("change", () => {
          if (input.checked) map.addLayer(state.layers[spec.id].layer);
          else map.removeLayer(state.layers[spec.id].layer);
          state.changed();
        });
      }
    }
  };
  return boxControl(
    "topright",
    "bri-panel bri-layers leaflet-bar",
    fill,
    { role: "group", label: "Layers" },
    {
      /**
       * Tick a layer's box (when search turns the layer on).
       * @param {string} id
       */
      check(id) {
        const input = boxes.get(id);
        if (input) input.checked = true;
      },
    },
  );
}
