/* Popups and tooltips drawn from their content (content.js), and the one popup a map
 * shows: sized and placed clear of the controls, pointing where the selected feature
 * stays in sight (placement.js), or listing the features under a click to choose from. */

import { pickContent, popupContent, tooltipContent } from "./content.js";
import { appendLinked, el } from "./dom.js";
import { clearOfControls, leastCovering } from "./placement.js";
import { layerIcon } from "./symbols.js";

/**
 * @typedef {import("./content.js").PopupContent} PopupContent
 * @typedef {import("./content.js").PickContent} PickContent
 * @typedef {import("./content.js").FigureItem} FigureItem
 * @typedef {import("./content.js").FeatureRef} FeatureRef
 * @typedef {import("./content.js").TooltipContent} TooltipContent
 * @typedef {import("./types.js").MapState} MapState
 * @typedef {import("./types.js").LayerEntry} LayerEntry
 * @typedef {{hits: FeatureRef[], latlng: L.LatLng}} PickBack  the list a feature was
 *   chosen from
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
      const td = el("td", null, tr);
      if (row.items) {
        const details = el("details", "bri-folded", td);
        appendLinked(el("summary", null, details), row.text);
        el("div", "bri-fold-body", details, row.items.join(" – "));
      } else {
        appendLinked(td, row.text);
      }
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
 * A tooltip's element; `more`: how many other features lie under the pointer.
 * @param {TooltipContent} content
 * @param {number} [more]
 */
export function renderTooltip(content, more = 0) {
  const box = el("div", "bri-tip");
  el("b", null, box, content.name);
  if (content.detail !== null) {
    el("br", null, box);
    el("span", content.isLength ? "bri-tip-len" : null, box, content.detail);
  }
  if (more > 0) {
    el("br", null, box);
    el("i", "bri-tip-more", box, `and ${more} more here: click to choose`);
  }
  return box;
}

//: What a popup's box adds to the width of its content: Leaflet's content margins
//: (20 + 24 px) and a little to spare.
const POPUP_FRAME_PX = 50;
//: Leaflet's popup offset: its tip is this far below the point it is opened at.
const POPUP_OFFSET_Y = 7;

/**
 * The map's one popup, sized to the map and kept clear of the controls, so that on a
 * phone it fits the screen and scrolls inside itself. Closing it ends the selection.
 * @param {MapState} state
 * @returns {L.Popup}
 */
function mapPopup(state) {
  const map = state.map;
  const size = map.getSize();
  // width: of the content; the popup's box adds its margins (POPUP_FRAME_PX)
  const width = Math.min(380, size.x - 16 - POPUP_FRAME_PX);
  const pad = clearOfControls(map, width + POPUP_FRAME_PX + 16, 8);
  const height = Math.max(120, size.y - pad[0][1] - pad[1][1] - 60); // 60: tip and margins
  if (!state.popup) {
    const popup = L.popup({ className: "bri-popup-box" });
    popup.on("remove", () => {
      if (state.selected) state.select(null);
    });
    state.popup = popup;
  }
  L.setOptions(state.popup, {
    maxWidth: width,
    minWidth: Math.min(200, width),
    maxHeight: Math.min(420, height),
    autoPanPaddingTopLeft: L.point(pad[0]),
    autoPanPaddingBottomRight: L.point(pad[1]),
    offset: L.point(0, POPUP_OFFSET_Y),
  });
  return state.popup;
}

/**
 * A feature's positions on screen (container points), at most about `max` of them.
 * @param {L.Map} map
 * @param {any} layer
 * @param {number} max
 * @returns {L.Point[]}
 */
function screenPoints(map, layer, max) {
  /** @type {L.LatLng[]} */
  const all = [];
  /** @param {any} x */
  const walk = (x) => {
    if (x instanceof L.LatLng) all.push(x);
    else if (Array.isArray(x)) x.forEach(walk);
    else if (x instanceof L.LayerGroup) x.getLayers().forEach(walk);
    else if (x.getLatLngs) walk(x.getLatLngs());
    else if (x.getLatLng) all.push(x.getLatLng());
  };
  walk(layer);
  const step = Math.max(1, Math.floor(all.length / max));
  const out = [];
  for (let k = 0; k < all.length; k += step) out.push(map.latLngToContainerPoint(all[k]));
  return out;
}

/**
 * The popup's box on the map (container px) as it lies now.
 * @param {L.Map} map
 * @param {L.Popup} popup
 */
function popupBox(map, popup) {
  const r = /** @type {HTMLElement} */ (popup.getElement()).getBoundingClientRect();
  const c = map.getContainer().getBoundingClientRect();
  return {
    left: r.left - c.left,
    top: r.top - c.top,
    right: r.right - c.left,
    bottom: r.bottom - c.top,
  };
}

/**
 * Point the open popup where it covers least of its feature (a line's place clicked,
 * else another of its places), so the selection stays in sight; a point's popup stands
 * on the point, clear of its symbol.
 * @param {MapState} state
 * @param {L.Popup} popup
 * @param {any} target  the feature's Leaflet layer
 * @param {L.LatLng} at  where the popup points now
 */
function placeClearOf(state, popup, target, at) {
  const map = state.map;
  if (target.getLatLng && !target.getBounds) {
    const radius = target.getRadius ? target.getRadius() * 1.25 : 0;
    L.setOptions(popup, { offset: L.point(0, POPUP_OFFSET_Y - radius) });
    popup.update();
    return;
  }
  const points = screenPoints(map, target, 400).filter(
    (p) => p.x >= 0 && p.y >= 0 && p.x <= map.getSize().x && p.y <= map.getSize().y,
  );
  if (points.length < 2) return;
  const here = map.latLngToContainerPoint(at);
  const box = popupBox(map, popup);
  const rel = {
    left: box.left - here.x,
    top: box.top - here.y,
    right: box.right - here.x,
    bottom: box.bottom - here.y,
  };
  const step = Math.max(1, Math.floor(points.length / 60));
  const candidates = [here, ...points.filter((_, k) => k % step === 0)];
  const best = leastCovering(points, candidates, rel);
  if (best > 0) popup.setLatLng(map.containerPointToLatLng(candidates[best]));
}

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
 * Open feature `i` of a layer's popup (select.js selects it first), placed so the
 * feature stays in sight; `back`: the list it was chosen from (a link back to it).
 * @param {MapState} state
 * @param {LayerEntry} entry
 * @param {number} i
 * @param {L.LatLng} [latlng]
 * @param {PickBack} [back]
 * @returns {L.Popup}
 */
export function openFeaturePopup(state, entry, i, latlng, back) {
  const map = state.map;
  const target = entry.features[i];
  const at = popupAnchor(target, latlng);
  const popup = mapPopup(state);
  const content = renderPopup(popupContent(entry.spec, i, entry.types[i], state.tables));
  if (back) {
    const link = el("button", "bri-back", null, `‹ All ${back.hits.length} here`);
    link.type = "button";
    link.addEventListener("click", (e) => {
      L.DomEvent.stop(e); // the popup's content is replaced: the map must not see the click
      state.select(null);
      openPickPopup(state, back.hits, back.latlng);
    });
    content.insertBefore(link, content.firstChild);
  }
  L.setOptions(popup, { autoPan: false });
  popup.setLatLng(at).setContent(content).openOn(map);
  L.setOptions(popup, { autoPan: true });
  placeClearOf(state, popup, target, at);
  popup.update(); // pans the map to show the popup, clear of the controls
  return popup;
}

/**
 * Open the list of the features under a click: each by its layer's symbol, name and
 * layer; hovering one highlights it, choosing one selects it.
 * @param {MapState} state
 * @param {FeatureRef[]} hits
 * @param {L.LatLng} latlng
 * @returns {L.Popup}
 */
export function openPickPopup(state, hits, latlng) {
  const content = pickContent(hits, (id) => state.layers[id].spec, state.tables);
  const box = el("div", "bri-popup bri-pick");
  el("h4", null, box, content.title);
  const list = el("ul", null, box);
  for (const item of content.items) {
    const li = el("li", null, list);
    const b = el("button", "bri-pick-item", li);
    b.type = "button";
    b.dataset.layer = item.id;
    b.dataset.feature = String(item.i);
    layerIcon(state.layers[item.id].spec, state.tables.symbols, b);
    const text = el("span", null, b);
    el("b", null, text, item.name);
    el("span", "bri-pick-layer", text, item.layer);
    const ref = { id: item.id, i: item.i };
    b.addEventListener("mouseenter", () => state.hover(ref));
    b.addEventListener("mouseleave", () => state.hover(null));
    b.addEventListener("click", (e) => {
      L.DomEvent.stop(e); // the popup's content is replaced: the map must not see the click
      state.hover(null);
      state.select(ref.id, ref.i, { latlng, back: { hits, latlng } });
    });
  }
  const popup = mapPopup(state);
  return popup.setLatLng(latlng).setContent(box).openOn(state.map);
}

/**
 * A feature's tooltip element; `more`: how many other features lie under the pointer.
 * @param {MapState} state
 * @param {LayerEntry} entry
 * @param {number} i
 * @param {number} [more]
 */
export function tooltipNode(state, entry, i, more = 0) {
  return renderTooltip(tooltipContent(entry.spec, i, state.tables), more);
}
