/* Popups and tooltips drawn from their content (content.js), and the one popup a map
 * shows, sized and placed clear of the controls. */

import { popupContent, tooltipContent } from "./content.js";
import { appendLinked, el } from "./dom.js";
import { clearOfControls } from "./placement.js";

/**
 * @typedef {import("./content.js").PopupContent} PopupContent
 * @typedef {import("./content.js").FigureItem} FigureItem
 * @typedef {import("./content.js").TooltipContent} TooltipContent
 * @typedef {import("./types.js").MapState} MapState
 * @typedef {import("./types.js").LayerEntry} LayerEntry
 */

/**
 * @param {HTMLElement} parent
 * @param {FigureItem[]} items
 */
export function renderFigureItems(parent, items) {
  const ul = el("ul", null, parent);
  for (const f of items) {
    const li = el("li", null, ul);
    li.appendChild(document.createTextNode(`${f.label}: `));
    el("b", null, li, f.value);
    li.appendChild(document.createTextNode(f.rest));
    appendLinked(el("i", null, li, "Source: "), f.source);
  }
}

/**
 * A popup's element.
 * @param {PopupContent} content
 */
export function renderPopup(content) {
  const box = el("div", "bri-popup");
  el("h4", null, box, content.title);
  el("div", "bri-kind", box, content.kind);
  if (content.description !== null) el("p", null, box, content.description);
  if (content.rows.length) {
    const table = el("table", null, box);
    for (const row of content.rows) {
      const tr = el("tr", null, table);
      el("th", null, tr, row.label);
      const td = el("td", null, tr, row.text);
      if (row.source !== undefined) {
        td.appendChild(document.createTextNode("; "));
        appendLinked(td, row.source);
      }
    }
  }
  for (const list of content.figures) {
    el("b", null, box, list.heading);
    renderFigureItems(box, list.items);
  }
  for (const line of content.sources)
    appendLinked(el("div", "bri-source", box, line.label), line.text);
  return box;
}

/**
 * A tooltip's element.
 * @param {TooltipContent} content
 */
export function renderTooltip(content) {
  const box = el("div", "bri-tip");
  el("b", null, box, content.name);
  if (content.detail !== null) {
    el("br", null, box);
    el("span", content.isLength ? "bri-tip-len" : null, box, content.detail);
  }
  return box;
}

//: What a popup's box adds to the width of its content: Leaflet's content margins
//: (20 + 24 px) and a little to spare.
const POPUP_FRAME_PX = 50;

/**
 * Where a feature's popup points: a marker's own position, else `latlng` (where it was
 * clicked), else the middle of the feature.
 * @param {any} target  the feature's Leaflet layer
 * @param {L.LatLng | undefined} latlng
 * @returns {L.LatLng}
 */
function popupAnchor(target, latlng) {
  if (target.getLatLng && !target.getBounds) return target.getLatLng();
  if (latlng) return latlng;
  return target.getCenter ? target.getCenter() : target.getBounds().getCenter();
}

/**
 * Open feature `i` of a layer's popup: one popup for the map, a new one replaces the
 * old. Sized to the map and kept clear of the controls, so that on a phone it fits the
 * screen and scrolls inside itself.
 * @param {MapState} state
 * @param {LayerEntry} entry
 * @param {number} i
 * @param {L.LatLng} [latlng]
 * @returns {L.Popup}
 */
export function openPopup(state, entry, i, latlng) {
  const map = state.map;
  const at = popupAnchor(entry.features[i], latlng);
  // width: of the content; the popup's box adds its margins (POPUP_FRAME_PX)
  const size = map.getSize();
  const width = Math.min(380, size.x - 16 - POPUP_FRAME_PX);
  const pad = clearOfControls(map, width + POPUP_FRAME_PX + 16, 8);
  const height = Math.max(120, size.y - pad[0][1] - pad[1][1] - 60); // 60: tip and margins
  state.popup = state.popup || L.popup({ className: "bri-popup-box" });
  L.setOptions(state.popup, {
    maxWidth: width,
    minWidth: Math.min(200, width),
    maxHeight: Math.min(420, height),
    autoPanPaddingTopLeft: L.point(pad[0]),
    autoPanPaddingBottomRight: L.point(pad[1]),
  });
  const content = renderPopup(popupContent(entry.spec, i, entry.types[i], state.tables));
  return state.popup.setLatLng(at).setContent(content).openOn(map);
}

/**
 * A feature's tooltip element.
 * @param {MapState} state
 * @param {LayerEntry} entry
 * @param {number} i
 */
export function tooltipNode(state, entry, i) {
  return renderTooltip(tooltipContent(entry.spec, i, state.tables));
}
