/* A layer of the spec as Leaflet layers: its features decoded and drawn on the map's
 * canvas (lines from typed arrays, points as symbols, polygons), each in its status's
 * look, clustered where the spec says; on hover a feature is highlighted and its tooltip
 * shown, on click it is selected (select.js), or with the measure tool on, measured.
 * The year shown and the status filter decide which features are drawn, and in which
 * status (showFeatures: years.js's rules). */

import { classStyle } from "./classes.js";
import { Cluster } from "./cluster.js";
import { decodeGeometries } from "./decode.js";
import { pointOptions, SymbolMarker } from "./markers.js";
import { tooltipNode } from "./popup.js";
import { mercator } from "./project.js";
import { clickFeature, drawnParts, hitFeatures, hover, select } from "./select.js";
import { featureStatus, statusStyle } from "./status.js";
import { shapeOf } from "./symbols.js";
import { TypedArea, TypedLine } from "./typedline.js";
import { layerStates } from "./years.js";

/**
 * @typedef {import("./decode.js").Shape} Shape
 * @typedef {import("./project.js").Projected} Projected
 * @typedef {import("./spec.js").LayerSpec} LayerSpec
 * @typedef {import("./types.js").MapState} MapState
 * @typedef {import("./types.js").LayerEntry} LayerEntry
 * @typedef {import("./spec.js").StyleSpec} StyleSpec
 * @typedef {{spec: LayerSpec, role: unknown, state: MapState, style: L.PathOptions,
 *   drawn: StyleSpec, data: Projected, raster: boolean}} DrawContext
 */

//: A layer whose lines have this many positions or more has them rasterised in script
//: (canvas.js, raster.js) rather than stroked by the canvas: smaller layers, the shipped
//: ones among them, look exactly as the canvas strokes them.
export const RASTER_MIN_POSITIONS = 100000;

/**
 * The feature each drawn Leaflet layer belongs to (members of a multi-part feature
 * too), for the map's event handlers.
 * @type {WeakMap<L.Layer, number>}
 */
const FEATURE_OF = new WeakMap();

/**
 * The feature a drawn Leaflet layer belongs to (undefined for a cluster marker).
 * @param {L.Layer} layer
 */
export function featureOf(layer) {
  return FEATURE_OF.get(layer);
}

/**
 * @param {L.Layer} layer
 * @param {number} i
 */
function tagFeature(layer, i) {
  FEATURE_OF.set(layer, i);
  if (layer instanceof L.LayerGroup) layer.eachLayer((l) => tagFeature(l, i));
}

/**
 * The feature a pointer event is on: the drawn layer that fired it first.
 * @param {L.LeafletEvent} e
 */
function featureAt(e) {
  return featureOf(e.sourceTarget);
}

/**
 * One geometry as a Leaflet layer (null for none).
 * @param {Shape} geom
 * @param {DrawContext} c
 * @returns {L.Layer | null}
 */
function leafletGeometry(geom, c) {
  const point = () =>
    pointOptions(c.spec, c.role, c.state.renderer, c.state.tables.symbols, c.drawn);
  switch (geom.type) {
    case 0:
      return new SymbolMarker(geom.coords, point());
    case 1:
    case 5: {
      const line = new TypedLine(c.data, geom.coords, c.style);
      line.raster = c.raster;
      return line;
    }
    case 3:
    case 6:
      return new TypedArea(c.data, geom.coords, c.style);
    case 4:
      return L.featureGroup(
        geom.coords.map((/** @type {[number, number]} */ p) => new SymbolMarker(p, point())),
      );
    case 7: {
      const members = geom.coords
        .map((/** @type {Shape} */ g) => leafletGeometry(g, c))
        .filter((/** @type {L.Layer | null} */ l) => l !== null);
      return members.length ? L.featureGroup(members) : null;
    }
    default:
      return null;
  }
}

/**
 * The position of the point feature drawn under a container point, if any (the nearest).
 * @param {MapState} state
 * @param {L.Point} point
 * @returns {L.LatLng | null}
 */
export function markerAt(state, point) {
  const map = state.map;
  let best = null;
  let dist = Infinity;
  for (const entry of Object.values(state.layers)) {
    for (const f of entry.features) {
      if (!(f instanceof L.CircleMarker) || !map.hasLayer(f)) continue;
      const d = map.latLngToContainerPoint(f.getLatLng()).distanceTo(point);
      if (d <= (f.getRadius() || 0) + 4 && d < dist) {
        dist = d;
        best = f.getLatLng();
      }
    }
  }
  return best;
}

/**
 * The pointer's handlers for a layer: on hover the feature highlighted and its tooltip
 * (saying how many more features lie there); on click, the feature selected (a list to
 * choose from where several lie there), or with the measure tool on, a point at the
 * feature (a marker's own position, else the nearest point of the path clicked).
 * @param {MapState} state
 * @param {LayerEntry} entry
 */
function pointerHandlers(state, entry) {
  const map = state.map;
  const features = entry.features;
  const tip = L.tooltip({ direction: "auto", sticky: true, className: "bri-tooltip" });
  /** @param {any} target */
  const isMarker = (target) => Boolean(target?.getLatLng && !target.getBounds);
  return {
    /** @param {L.LeafletMouseEvent} e */
    mouseover(e) {
      const i = featureAt(e);
      if (i === undefined) return;
      hover(state, { id: entry.spec.id, i });
      const here = e.containerPoint ? hitFeatures(state, e.containerPoint).length : 1;
      tip.setContent(tooltipNode(state, entry, i, Math.max(here - 1, 0)));
      const target = /** @type {any} */ (features[i]);
      tip.setLatLng(isMarker(target) ? target.getLatLng() : e.latlng);
      map.openTooltip(tip);
    },
    /** @param {L.LeafletMouseEvent} e */
    mousemove(e) {
      const i = featureAt(e);
      if (map.hasLayer(tip) && e.latlng && !isMarker(i === undefined ? null : features[i])) {
        tip.setLatLng(e.latlng);
      }
    },
    mouseout() {
      hover(state, null);
      map.closeTooltip(tip);
    },
    /** @param {L.LeafletMouseEvent} e */
    click(e) {
      const i = featureAt(e);
      const measure = state.controls.measure;
      if (i === undefined) return;
      if (measure?.active()) {
        const hit = /** @type {any} */ (e.sourceTarget);
        const at =
          (isMarker(hit) ? hit.getLatLng() : null) ||
          (e.containerPoint && markerAt(state, e.containerPoint)) || // a port on a lane
          (hit.closestLatLng && e.containerPoint && hit.closestLatLng(e.containerPoint)) ||
          e.latlng;
        L.DomEvent.stopPropagation(e); // the map's own click would add a second point
        measure.add(at);
        return;
      }
      map.closeTooltip(tip);
      clickFeature(state, { id: entry.spec.id, i }, e.latlng, e.containerPoint);
    },
  };
}

/**
 * The order a layer's features are drawn in: the file's, but a layer of points sized by
 * a property (classes.js) largest first, so that none hides a smaller one (the print
 * map's order too). Pure.
 * @param {LayerSpec} spec
 * @returns {number[]}
 */
export function drawingOrder(spec) {
  const order = Array.from({ length: spec.count }, (_, i) => i);
  const radius = spec.sizes?.radius;
  if (radius) order.sort((a, b) => radius[b] - radius[a] || a - b);
  return order;
}

/**
 * How many positions the lines among shapes have (parts of collections too). Pure.
 * @param {Shape[]} shapes
 * @returns {number}
 */
export function linePositions(shapes) {
  let n = 0;
  for (const g of shapes) {
    if (g.type === 1 || g.type === 5) {
      for (const [start, end] of g.coords) n += end - start;
    } else if (g.type === 7) {
      n += linePositions(g.coords);
    }
  }
  return n;
}

/**
 * A layer of the spec, drawn on the map's canvas (not yet added to the map).
 * @param {MapState} state
 * @param {LayerSpec} spec
 * @returns {LayerEntry}
 */
export function buildLayer(state, spec) {
  const geoms = decodeGeometries(spec.geometry, true); // areas as runs too
  const roleCol = spec.properties.columns.indexOf("role");
  const data = mercator(geoms.lng, geoms.lat);
  const raster = linePositions(geoms.shapes) >= RASTER_MIN_POSITIONS;
  /** @type {(L.Layer | null)[]} */
  const features = new Array(geoms.shapes.length);
  /** @type {L.CircleMarker[]} */
  const markers = [];
  const paths = L.featureGroup();
  /** @type {(string | null)[]} */
  const drawnStatus = new Array(geoms.shapes.length).fill(null);
  geoms.shapes.forEach((geom, i) => {
    const role = roleCol >= 0 ? spec.properties.values[roleCol][i] : null;
    const status = featureStatus(spec, i, state.tables);
    drawnStatus[i] = status ? status.key : null;
    const drawn = statusStyle(classStyle(spec, i), status, state.tables.grey);
    const style = pathOptions(drawn, state.renderer);
    const layer = leafletGeometry(geom, { spec, role, state, style, drawn, data, raster });
    features[i] = layer;
    if (!layer) return;
    tagFeature(layer, i);
    if (spec.cluster && geom.type === 0) markers.push(/** @type {L.CircleMarker} */ (layer));
  });
  for (const i of drawingOrder(spec)) {
    const layer = features[i];
    if (layer && !(spec.cluster && geoms.shapes[i].type === 0)) paths.addLayer(layer);
  }
  /** @type {LayerEntry} */
  const entry = {
    spec,
    features,
    types: geoms.shapes.map((g) => g.type),
    markers,
    paths,
    layer: paths,
    hidden: new Set(),
    states: layerStates(spec, null),
    drawnStatus,
  };
  const handlers = pointerHandlers(state, entry);
  paths.on(handlers);
  if (spec.cluster && markers.length) {
    const shape = shapeOf(state.tables.symbols, spec.style.symbol);
    const noun = state.tables.categories.get(spec.category)?.noun;
    entry.cluster = new Cluster(state.map, markers.slice(), spec, shape, noun, state.renderer);
    entry.cluster.group.on(handlers);
    entry.layer = L.layerGroup([entry.cluster.group, paths]);
  }
  return entry;
}

/**
 * A feature's path options (lines and polygons) from its style as drawn.
 * @param {StyleSpec} drawn
 * @param {L.Renderer} renderer
 * @returns {L.PathOptions}
 */
function pathOptions(drawn, renderer) {
  return {
    renderer,
    color: drawn.color,
    weight: drawn.weight,
    opacity: drawn.opacity,
    fillColor: drawn.fillColor,
    fillOpacity: drawn.fillOpacity,
    dashArray: drawn.dashArray,
  };
}

/**
 * Draw a feature in a status (a key of the vocabulary, or null: the layer's own look),
 * as buildLayer draws a feature in it: its lines and outlines, and its points' symbols.
 * @param {MapState} state
 * @param {LayerEntry} entry
 * @param {number} i
 * @param {string | null} key
 */
export function restyleFeature(state, entry, i, key) {
  const f = entry.features[i];
  const status = (key !== null && state.tables.statuses.get(key)) || null;
  const now = status ? status.key : null;
  if (!f || entry.drawnStatus[i] === now) return;
  entry.drawnStatus[i] = now;
  const spec = entry.spec;
  const drawn = statusStyle(classStyle(spec, i), status, state.tables.grey);
  const roleCol = spec.properties.columns.indexOf("role");
  const role = roleCol >= 0 ? spec.properties.values[roleCol][i] : null;
  for (const part of drawnParts(f)) {
    if (part instanceof L.CircleMarker) {
      part.setStyle(pointOptions(spec, role, state.renderer, state.tables.symbols, drawn));
    } else if (part.setStyle) {
      part.setStyle(pathOptions(drawn, state.renderer));
    }
  }
}

/**
 * Draw what the year shown (`state.year`; null: all years) and the status filter
 * (`state.statusShown`) let through: each feature in its status that year (years.js),
 * shown where it stood that year and the filter shows that status. A selected feature
 * taken off is no longer selected; the feature under the pointer is drawn as before
 * (its look may change).
 * @param {MapState} state
 */
export function showFeatures(state) {
  const { tables, statusShown } = state;
  /** @param {string | null} key */
  const statusLets = (key) => key === null || !tables.statuses.has(key) || statusShown.has(key);
  hover(state, null);
  for (const entry of Object.values(state.layers)) {
    const states = layerStates(entry.spec, state.year);
    entry.states = states;
    states.forEach((s, i) => {
      restyleFeature(state, entry, i, s.status);
    });
    filterFeatures(entry, (i) => states[i].shown && statusLets(states[i].status));
  }
  const sel = state.selected?.ref;
  if (sel && state.layers[sel.id].hidden.has(sel.i)) {
    state.map.closePopup();
    select(state, null);
  }
}

/**
 * The features of a layer drawn now, by index (a clustered point counts where its
 * cluster is drawn): what the map shows, read from Leaflet's layers.
 * @param {LayerEntry} entry
 * @param {L.Map} map
 * @returns {number[]}
 */
export function drawnFeatures(entry, map) {
  if (!map.hasLayer(entry.layer)) return [];
  /** @type {Set<number>} */
  const out = new Set();
  for (const layer of entry.paths.getLayers()) {
    const i = FEATURE_OF.get(layer);
    if (i !== undefined) out.add(i);
  }
  if (entry.cluster && map.hasLayer(entry.cluster.group)) {
    for (const m of entry.cluster.markers) {
      const i = FEATURE_OF.get(m);
      if (i !== undefined) out.add(i);
    }
  }
  return [...out].sort((a, b) => a - b);
}

/**
 * Show or hide a layer's features (the year shown and the status filter: showFeatures):
 * a hidden feature leaves its layer's canvas and clusters, and takes no pointer.
 * @param {LayerEntry} entry
 * @param {(i: number) => boolean} shown
 */
export function filterFeatures(entry, shown) {
  const clustered = new Set(entry.cluster ? entry.markers : []);
  entry.features.forEach((f, i) => {
    if (!f) return;
    const show = shown(i);
    if (show === !entry.hidden.has(i)) return;
    if (show) entry.hidden.delete(i);
    else entry.hidden.add(i);
    if (!clustered.has(f)) {
      if (show) entry.paths.addLayer(f);
      else entry.paths.removeLayer(f);
    }
  });
  if (entry.cluster) {
    entry.cluster.markers = /** @type {L.CircleMarker[]} */ (
      entry.markers.filter((m) => !entry.hidden.has(FEATURE_OF.get(m) ?? -1))
    );
    if (entry.cluster.map.hasLayer(entry.cluster.group)) entry.cluster.redraw();
  }
}

/**
 * Features of a layer drawn now (a cluster counts as its members).
 * @param {LayerEntry} entry
 * @param {L.Map} map
 */
export function drawnCount(entry, map) {
  if (!map.hasLayer(entry.layer)) return 0;
  let n = entry.paths.getLayers().length;
  if (entry.cluster) n += entry.cluster.shown || 0;
  return n;
}
