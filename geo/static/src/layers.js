/* A layer of the spec as Leaflet layers: its features decoded and drawn on the map's
 * canvas (lines from typed arrays, points as symbols, polygons), clustered where the
 * spec says, with a tooltip on hover and a popup (or a measure point) on click. */

import { Cluster } from "./cluster.js";
import { decodeGeometries } from "./decode.js";
import { pointOptions, SymbolMarker } from "./markers.js";
import { openPopup, tooltipNode } from "./popup.js";
import { mercator } from "./project.js";
import { TypedLine } from "./typedline.js";

/**
 * @typedef {import("./decode.js").Shape} Shape
 * @typedef {import("./project.js").Projected} Projected
 * @typedef {import("./spec.js").LayerSpec} LayerSpec
 * @typedef {import("./types.js").MapState} MapState
 * @typedef {import("./types.js").LayerEntry} LayerEntry
 * @typedef {{spec: LayerSpec, role: unknown, state: MapState, style: L.PathOptions,
 *   data: Projected}} DrawContext
 */

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
  const point = () => pointOptions(c.spec, c.role, c.state.renderer, c.state.tables.symbols);
  switch (geom.type) {
    case 0:
      return new SymbolMarker(geom.coords, point());
    case 1:
    case 5:
      return new TypedLine(c.data, geom.coords, c.style);
    case 3:
    case 6:
      return L.polygon(geom.coords, c.style);
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
 * The pointer's handlers for a layer: a tooltip on hover; on click, the popup, or with
 * the measure tool on, a point at the feature (a marker's own position, else the nearest
 * point of the path clicked).
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
      tip.setContent(tooltipNode(state, entry, i));
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
      openPopup(state, entry, i, e.latlng);
    },
  };
}

/**
 * A layer of the spec, drawn on the map's canvas (not yet added to the map).
 * @param {MapState} state
 * @param {LayerSpec} spec
 * @returns {LayerEntry}
 */
export function buildLayer(state, spec) {
  const geoms = decodeGeometries(spec.geometry);
  /** @type {L.PathOptions} */
  const style = {
    renderer: state.renderer,
    color: spec.style.color,
    weight: spec.style.weight,
    opacity: spec.style.opacity,
    fillColor: spec.style.fillColor,
    fillOpacity: spec.style.fillOpacity,
    dashArray: spec.style.dashArray,
  };
  const roleCol = spec.properties.columns.indexOf("role");
  const data = mercator(geoms.lng, geoms.lat);
  /** @type {(L.Layer | null)[]} */
  const features = new Array(geoms.shapes.length);
  /** @type {L.CircleMarker[]} */
  const markers = [];
  const paths = L.featureGroup();
  geoms.shapes.forEach((geom, i) => {
    const role = roleCol >= 0 ? spec.properties.values[roleCol][i] : null;
    const layer = leafletGeometry(geom, { spec, role, state, style, data });
    features[i] = layer;
    if (!layer) return;
    tagFeature(layer, i);
    if (spec.cluster && geom.type === 0) markers.push(/** @type {L.CircleMarker} */ (layer));
    else paths.addLayer(layer);
  });
  /** @type {LayerEntry} */
  const entry = {
    spec,
    features,
    types: geoms.shapes.map((g) => g.type),
    markers,
    paths,
    layer: paths,
  };
  const handlers = pointerHandlers(state, entry);
  paths.on(handlers);
  if (spec.cluster && markers.length) {
    entry.cluster = new Cluster(state.map, markers, spec);
    entry.cluster.group.on(handlers);
    entry.layer = L.layerGroup([entry.cluster.group, paths]);
  }
  return entry;
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
