/* The address follows the map: the URL fragment (linkstate.js says its format) is written
 * with history.replaceState a moment after the map stops changing (no history entry per
 * pan), and read when the page opens and on every hashchange, from a file:// page or an
 * http(s) one. Where the page may not change its address (a sandboxed frame), the map
 * works as before and the link control still gives its link. */

import { decodeLink, encodeLink } from "./linkstate.js";

/**
 * @typedef {import("./types.js").MapState} MapState
 * @typedef {import("./linkstate.js").Known} Known
 * @typedef {import("./linkstate.js").LinkState} LinkState
 * @typedef {{fragment(): string, url(): string, apply(fragment: string): boolean,
 *   write(): void}} Address  the map's address: its state's fragment now, the page's
 *   link to it, a fragment applied (false where it was ignored whole), the fragment
 *   written now
 */

//: How long the map must stay still before its address is written (ms).
const WRITE_DELAY_MS = 300;

/**
 * What the map holds, which a link is read against.
 * @param {MapState} state
 * @returns {Known}
 */
export function knownOf(state) {
  return {
    layers: state.config.layers.map((s) => ({ id: s.id, count: s.count })),
    statuses: [...state.tables.statuses.keys()],
    basemaps: state.basemaps.length,
    years: state.years ? [state.years.first, state.years.last] : undefined,
  };
}

/**
 * The map's state now, as a link holds it.
 * @param {MapState} state
 * @returns {LinkState}
 */
export function currentLink(state) {
  const map = state.map;
  const c = map.getCenter();
  /** @type {LinkState} */
  const link = {
    center: [c.lat, c.lng],
    zoom: map.getZoom(),
    off: state.config.layers
      .filter((s) => !map.hasLayer(state.layers[s.id].layer))
      .map((s) => s.id),
    hidden: [...state.tables.statuses.keys()].filter((k) => !state.statusShown.has(k)),
    basemap: state.basemapShown,
  };
  const selected = state.selection();
  if (selected) link.selected = selected;
  if (typeof state.year === "number") link.year = state.year;
  return link;
}

/**
 * Show a link's state on the map; a field it leaves out gets its default (`firstView`
 * sets the first view).
 * @param {MapState} state
 * @param {LinkState} link
 * @param {() => void} firstView
 */
export function applyLink(state, link, firstView) {
  const map = state.map;
  const off = new Set(link.off ?? []);
  for (const spec of state.config.layers) {
    const layer = state.layers[spec.id].layer;
    if (off.has(spec.id)) map.removeLayer(layer);
    else if (!map.hasLayer(layer)) map.addLayer(layer);
  }
  state.changed();
  const hidden = new Set(link.hidden ?? []);
  for (const key of state.tables.statuses.keys()) {
    if (state.statusShown.has(key) === hidden.has(key)) state.showStatus(key, !hidden.has(key));
  }
  if (state.years) state.year = link.year ?? null; // the slider's: null, all years
  const base = link.basemap ?? 0;
  if (base !== state.basemapShown) state.setBasemap(base);
  if (link.selected) state.select(link.selected.id, link.selected.i);
  else if (state.selection()) map.closePopup(); // closing the popup ends the selection
  // the view last: a popup opened above may have panned the map
  if (link.center) map.setView(link.center, link.zoom ?? map.getZoom(), { animate: false });
  else if (link.zoom !== undefined) map.setZoom(link.zoom, { animate: false });
  else firstView();
}

/**
 * The page's address without its fragment.
 */
function pageAddress() {
  return location.href.replace(/#.*$/s, "");
}

/**
 * Make the page's address follow the map, and restore the state its fragment holds now.
 * @param {MapState} state
 * @param {() => void} firstView  sets the map's first view
 * @returns {Address}
 */
export function followAddress(state, firstView) {
  const map = state.map;
  /** @type {ReturnType<typeof setTimeout> | null} */
  let timer = null;
  const fragment = () => encodeLink(currentLink(state), knownOf(state));
  const write = () => {
    timer = null;
    const hash = `#${fragment()}`;
    if (location.hash === hash) return;
    try {
      history.replaceState(history.state, "", hash);
    } catch {
      // a sandboxed frame (about:srcdoc) may not change its address: the link still works
    }
  };
  const schedule = () => {
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(write, WRITE_DELAY_MS);
  };
  /** @param {string} text */
  const apply = (text) => {
    const link = decodeLink(text, knownOf(state));
    applyLink(state, link ?? {}, firstView);
    return link !== null;
  };
  const overlays = new Set(Object.values(state.layers).map((e) => e.layer));
  /** @param {L.LayerEvent} e */
  const overlayChanged = (e) => {
    if (overlays.has(e.layer)) schedule();
  };
  const opened = location.hash.replace(/^#/, "");
  const link = opened ? decodeLink(opened, knownOf(state)) : null;
  if (link) applyLink(state, link, firstView);
  const changed = state.changed;
  state.changed = () => {
    changed();
    schedule();
  };
  map.on("moveend bri:select bri:year", schedule);
  map.on("layeradd layerremove", overlayChanged);
  window.addEventListener("hashchange", () => {
    if (location.hash !== `#${fragment()}`) apply(location.hash);
  });
  if (link) schedule(); // the address as read: its ignored fields left out
  return {
    fragment,
    url: () => `${pageAddress()}#${fragment()}`,
    apply,
    write,
  };
}
