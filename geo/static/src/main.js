/* bri-corridors map page. Reads the map spec (geo/mapspec.py documents its schema) and
 * draws it on plain Leaflet: the Natural Earth base map and the layers' geometries,
 * decoded from their compact form and drawn on canvases, each feature in its status's
 * look, point symbols, clustering, one panel (the layers by group with their symbols and
 * counts, and the statuses, explained and filtered), search, hover and selection,
 * popups and tooltips built from the plain properties, measure (GeographicLib, as Python
 * measures), fullscreen, a world locator, a year slider that shows the network as it
 * stood in a year (years.js: the rules geo.as_of follows), the view in the page's address,
 * and a share panel (a link, a picture, the features shown as GeoJSON and CSV).
 * Leaflet and GeographicLib are inside the page too: it needs no network.
 * Every text from the data enters the page through textContent; links are made only for
 * http(s) URLs and set as href after that check.
 *
 * The one entry point is createMap(map, spec): bundled (esbuild, `npm run build`) into
 * geo/static/bri_map.js as the page's one global, `BriCorridors`. */

import { BaseMap, decodeBasemap, TileQueue } from "./basemap.js";
import { SlicedCanvas } from "./canvas.js";
import { figuresControl } from "./controls/figures.js";
import { fullscreenControl } from "./controls/fullscreen.js";
import { layerControl } from "./controls/layers.js";
import { measureControl } from "./controls/measure.js";
import { miniMapControl } from "./controls/minimap.js";
import { searchControl } from "./controls/search.js";
import { shareControl } from "./controls/share.js";
import { titleControl } from "./controls/title.js";
import { yearControl } from "./controls/yearslider.js";
import { Labels } from "./labellayer.js";
import { buildLayer, drawnCount, drawnFeatures, featureOf, showFeatures } from "./layers.js";
import { followAddress } from "./permalink.js";
import { clearOfControls } from "./placement.js";
import { printSupport } from "./print.js";
import { hitFeatures, hover, select } from "./select.js";
import { checkedSpec, SPEC_VERSION, tablesOf } from "./spec.js";
import { clampYear, sliderYears } from "./years.js";

export { SPEC_VERSION };

/**
 * @typedef {import("./types.js").MapState} MapState
 * @typedef {import("./spec.js").MapSpec} MapSpec
 */

/**
 * Base maps: the built-in one (drawn now, its data decoded when the first tile needs
 * it, after the layers), then the tile servers (made, and so requested, only when
 * chosen).
 * @param {MapState} state
 */
function addBasemaps(state) {
  const { map, config, timings } = state;
  const decoded = () => {
    const t = performance.now();
    if (!state.base) state.base = decodeBasemap(config.basemap);
    timings.basemap_decode_ms = timings.basemap_decode_ms || performance.now() - t;
    return state.base;
  };
  const builtin = new BaseMap(decoded, {
    attribution: config.basemap.attribution,
    maxZoom: config.basemap.maxZoom,
    sea: config.basemap.style.sea,
    borders: true,
    queue: state.tiles,
  });
  state.basemaps.push(builtin.addTo(map));
  map.setMaxZoom(config.basemap.maxZoom);
  for (const b of config.basemaps) {
    state.basemaps.push(() =>
      L.tileLayer(b.url, { maxZoom: b.maxZoom, attribution: b.attribution }),
    );
  }
  return decoded;
}

/**
 * Show base map `i` alone (making a tile layer when first chosen), the map's deepest
 * zoom its own; an index out of range is ignored.
 * @param {MapState} state
 * @param {number} i
 */
function setBasemap(state, i) {
  const map = state.map;
  if (!(Number.isInteger(i) && i >= 0 && i < state.basemaps.length)) return;
  state.basemaps.forEach((t, j) => {
    if (typeof t !== "function" && j !== i) map.removeLayer(t);
  });
  const chosen = state.basemaps[i];
  const layer = typeof chosen === "function" ? chosen() : chosen;
  state.basemaps[i] = layer;
  map.setMaxZoom(/** @type {L.TileLayer} */ (layer).options.maxZoom ?? map.getMaxZoom());
  layer.addTo(map);
  state.basemapShown = i;
  state.changed();
}

/**
 * The map keeps keyboard focus visible, but shows no ring where a pointer clicked
 * (Leaflet focuses the map on every press, which Chromium marks :focus-visible).
 * @param {L.Map} map
 */
function focusRingOnlyForKeys(map) {
  const container = map.getContainer();
  container.addEventListener("pointerdown", () => container.classList.add("bri-pointer"), true);
  document.addEventListener("keydown", () => container.classList.remove("bri-pointer"), true);
}

/**
 * The first view (so the layers are projected once): on a wide map clear of the layer
 * panel (top right) and the tools (top left); on a phone the data fills the width,
 * below the tools and above the folded panels (where that leaves them 40% of the height
 * at least: in a short frame they fill the map).
 * @param {MapState} state
 * @param {L.LatLngBoundsExpression} bounds
 */
function fitFirstView(state, bounds) {
  const map = state.map;
  const size = map.getSize();
  const panel = /** @type {L.Control} */ (state.controls.layers).getContainer();
  const width = panel ? panel.offsetWidth : 0;
  /** @type {[[number, number], [number, number]]} */
  let pad = [
    [size.x > 900 ? 60 : 10, 10],
    [size.x > 900 ? width + 20 : 10, 10],
  ];
  if (size.x < 600 && size.y > size.x) {
    const rows = clearOfControls(map, size.x, 6);
    const top = rows[0][1];
    const bottom = Math.max(rows[1][1], 50);
    // a short frame (an embed): between the rows the data would be a strip, so they fill
    // the map under the tools instead
    if (size.y - top - bottom >= 0.4 * size.y) {
      pad = [
        [10, top],
        [10, bottom],
      ];
    }
  }
  map.fitBounds(bounds, { paddingTopLeft: pad[0], paddingBottomRight: pad[1], animate: false });
}

/**
 * The status filter: show or hide the features of a status in every layer (a selected
 * feature hidden is no longer selected).
 * @param {MapState} state
 * @param {string} key
 * @param {boolean} shown
 */
function showStatus(state, key, shown) {
  if (shown) state.statusShown.add(key);
  else state.statusShown.delete(key);
  showFeatures(state);
  state.changed();
}

/**
 * The year shown, `state.year`: a whole year of the slider's (a number outside them is
 * brought inside; anything but a number is all years, null). Setting it draws the map as
 * it stood that year, moves the slider and fires "bri:year" with `year`.
 * @param {MapState} state
 */
function yearProperty(state) {
  /** @type {number | null} */
  let year = null;
  Object.defineProperty(state, "year", {
    enumerable: true,
    get: () => year,
    set(value) {
      const next = clampYear(value, state.years);
      if (next === year) return;
      year = next;
      showFeatures(state);
      state.changed();
      state.controls.years?.show(year);
      state.map.fire("bri:year", { year });
    },
  });
}

/**
 * The title block, at the top of the left column (above the zoom buttons).
 * @param {MapState} state
 */
function addTitle(state) {
  const title = titleControl(state);
  if (!title) return;
  title.addTo(state.map);
  const box = /** @type {HTMLElement} */ (title.getContainer());
  box.parentNode?.insertBefore(box, box.parentNode.firstChild);
  state.controls.title = title;
}

/**
 * A feature's drawn positions as [lng, lat] (for tests and tools).
 * @param {any} f  the feature's Leaflet layer
 * @returns {[number, number][]}
 */
function drawnPositions(f) {
  /** @type {[number, number][]} */
  const out = [];
  /** @param {any} x */
  const walk = (x) => {
    if (x instanceof L.LatLng) out.push([x.lng, x.lat]);
    else x.forEach(walk);
  };
  walk(f.getLatLngs ? f.getLatLngs() : [f.getLatLng()]);
  return out;
}

/**
 * Draw a map spec on a Leaflet map: base maps, layers and controls. Several maps can
 * share a page; the page's address follows one of them (`options.address`, default
 * true: the others are made with false).
 * @param {L.Map} map
 * @param {MapSpec} spec
 * @param {{address?: boolean}} [options]
 * @returns {MapState}  the map's handle
 */
export function createMap(map, spec, options = {}) {
  const config = checkedSpec(spec);
  const t0 = performance.now();
  /** @type {MapState} */
  const state = {
    map,
    config,
    tables: tablesOf(config),
    layers: Object.create(null),
    index: [],
    basemaps: [],
    controls: {},
    timings: {},
    renderer: new SlicedCanvas({ padding: 0.1, tolerance: 4 }),
    panels: [],
    tiles: new TileQueue(),
    popup: null,
    base: null,
    basemapShown: 0,
    changed: () => state.controls.layers?.update(),
    setBasemap: (i) => setBasemap(state, i),
    drawn: (id) => drawnCount(state.layers[id], map),
    positions: (id, i) => drawnPositions(state.layers[id].features[i]),
    openPopup: (id, i) => (select(state, { id, i }) ? state.popup : null),
    featureOf,
    statusShown: new Set(config.status?.statuses.map((s) => s.key) ?? []),
    showStatus: (key, shown) => showStatus(state, key, shown),
    hovered: [],
    selected: null,
    select: (id, i, options) =>
      select(state, id === null || i === undefined ? null : { id, i }, options),
    selection: () => (state.selected ? { ...state.selected.ref } : null),
    hover: (ref) => hover(state, ref),
    featuresAt: (lng, lat) => hitFeatures(state, map.latLngToContainerPoint([lat, lng])),
    year: null,
    years: sliderYears(config.year_span),
    drawnFeatures: (id) => drawnFeatures(state.layers[id], map),
  };
  yearProperty(state);
  const decodedBasemap = addBasemaps(state);
  focusRingOnlyForKeys(map);
  let tDecode = 0;
  for (const layerSpec of config.layers) {
    const t = performance.now();
    const entry = buildLayer(state, layerSpec);
    tDecode += performance.now() - t;
    state.layers[layerSpec.id] = entry;
    layerSpec.properties.values[0].forEach((name, i) => {
      if (!entry.features[i]) return;
      const text = String(name);
      state.index.push({ name: text, lower: text.toLowerCase(), id: layerSpec.id, i });
    });
  }
  state.timings.build_ms = tDecode;
  const controls = state.controls;
  addTitle(state);
  controls.layers = layerControl(state).addTo(map);
  controls.search = searchControl(state).addTo(map);
  controls.measure = measureControl(state).addTo(map);
  controls.fullscreen = fullscreenControl(map).addTo(map);
  controls.share = shareControl(state).addTo(map);
  if (config.figures?.length || config.series?.length)
    controls.figures = figuresControl(state).addTo(map);
  if (state.years) controls.years = yearControl(state, state.years).addTo(map);
  const firstView = () => {
    if (config.bounds) fitFirstView(state, config.bounds);
  };
  firstView();
  const t = performance.now();
  for (const layerSpec of config.layers) state.layers[layerSpec.id].layer.addTo(map);
  state.timings.draw_ms = performance.now() - t;
  controls.minimap = miniMapControl(state, decodedBasemap).addTo(map);
  state.labels = new Labels(state);
  state.labels.schedule();
  const labels = state.labels;
  printSupport(map, () => labels.update());
  if (options.address !== false) state.address = followAddress(state, firstView);
  state.timings.init_ms = performance.now() - t0; // milliseconds spent in createMap
  state.timings.start_ms = t0;
  return state;
}
