/* Search: a box that suggests the features' names and, on Enter, turns the feature's
 * layer (and its status) on, shows all years where the year shown lacks it, shows the
 * feature and selects it. */

import { el } from "../dom.js";
import { boxControl } from "./panel.js";

/**
 * @typedef {import("../types.js").MapState} MapState
 * @typedef {import("../types.js").SearchEntry} SearchEntry
 */

//: Most names offered under the search box at once.
const MAX_SUGGESTIONS = 50;

/**
 * The feature a query names: the first whose name is the query (any case), else the
 * first whose name holds it.
 * @param {SearchEntry[]} index
 * @param {string} query  lower case
 * @returns {SearchEntry | null}
 */
export function findFeature(index, query) {
  let part = null;
  for (const entry of index) {
    if (entry.lower === query) return entry;
    if (!part && entry.lower.indexOf(query) >= 0) part = entry;
  }
  return part;
}

/**
 * Show a feature found: its layer on, the view on it, its popup open.
 * @param {MapState} state
 * @param {SearchEntry} hit
 */
function showFeature(state, hit) {
  const map = state.map;
  const entry = state.layers[hit.id];
  const target = /** @type {any} */ (entry.features[hit.i]);
  if (!map.hasLayer(entry.layer)) {
    state.controls.layers?.check(hit.id);
    map.addLayer(entry.layer);
    state.changed();
  }
  if (!entry.states[hit.i].shown) state.year = null; // not there in the year shown: all years
  const status = entry.states[hit.i].status;
  if (typeof status === "string" && entry.hidden.has(hit.i)) state.showStatus(status, true);
  if (target.getLatLng && !target.getBounds) {
    map.setView(target.getLatLng(), Math.max(map.getZoom(), 8), { animate: false });
  } else {
    map.fitBounds(target.getBounds(), { padding: [30, 30], animate: false });
  }
  state.select(hit.id, hit.i);
}

/**
 * @param {MapState} state
 * @returns {L.Control}
 */
export function searchControl(state) {
  /** @param {HTMLElement} box */
  const fill = (box) => {
    const input = el("input", null, box);
    input.type = "search";
    input.placeholder = "Find a corridor, city, port…";
    input.setAttribute("aria-label", "Search features by name");
    const list = el("datalist", null, box);
    list.id = `bri-search-names-${L.stamp(state.map)}`; // an id of its own on a page of maps
    input.setAttribute("list", list.id);
    const names = [...new Set(state.index.map((f) => f.name))].sort();
    const lower = names.map((n) => n.toLowerCase());
    const suggest = () => {
      const q = input.value.trim().toLowerCase();
      let shown = 0;
      list.textContent = "";
      for (let i = 0; i < names.length && shown < MAX_SUGGESTIONS; i++) {
        if (!q || lower[i].indexOf(q) >= 0) {
          el("option", null, list).value = names[i];
          shown++;
        }
      }
    };
    suggest();
    const status = el("div", "bri-search-status", box);
    status.setAttribute("role", "status");
    const go = () => {
      const q = input.value.trim().toLowerCase();
      if (!q) {
        status.textContent = "";
        return;
      }
      const hit = findFeature(state.index, q);
      if (!hit) {
        status.textContent = `No feature named “${input.value}”`;
        return;
      }
      status.textContent = "";
      showFeature(state, hit);
    };
    input.addEventListener("input", suggest);
    input.addEventListener("change", go);
    input.addEventListener("keydown", (e) => {
      if (e.key === "Enter") go();
    });
  };
  return boxControl("topleft", "bri-panel bri-search", fill);
}
