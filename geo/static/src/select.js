/* Hover, selection and the features under a point.
 *
 * The feature under the pointer is drawn bolder; a selected feature gets a halo (drawn
 * under it on the layers' canvas) and its popup. The canvas gives a click to the topmost
 * feature only, so the features under a click are found here, by distance on screen:
 * where several lie there (28 train services on one track, a corridor under a terminal)
 * the popup lists them to choose from. The map's handle (createMap) exposes selection:
 * `select(id, i)`, `selection()`, `clearSelection()`; the map fires "bri:select". */

import { openFeaturePopup, openPickPopup } from "./popup.js";
import { TypedLine } from "./typedline.js";

/**
 * @typedef {import("./types.js").MapState} MapState
 * @typedef {import("./content.js").FeatureRef} FeatureRef
 * @typedef {{latlng?: L.LatLng, popup?: boolean, back?: {hits: FeatureRef[],
 *   latlng: L.LatLng}}} SelectOptions  where the popup points (default: where the
 *   feature is), whether to open it (default true), and the list it was chosen from
 */

//: A selected feature's halo: its colour, and how much wider than the feature it is.
const HALO_COLOUR = "#ffd23f";
const HALO_PX = 8;
//: How near the pointer (CSS px, beyond a line's half width or a point's radius) a
//: feature counts as under it.
export const HIT_TOLERANCE_PX = 5;

/**
 * Whether a drawn Leaflet layer lies under a container point.
 * @param {L.Map} map
 * @param {any} layer
 * @param {L.Point} point
 * @param {number} tolerance
 * @returns {boolean}
 */
function hitLayer(map, layer, point, tolerance) {
  if (layer instanceof L.LayerGroup) {
    return layer.getLayers().some((l) => hitLayer(map, l, point, tolerance));
  }
  if (!map.hasLayer(layer)) return false;
  if (layer instanceof TypedLine) {
    const d = layer.pixelDistance(map.containerPointToLayerPoint(point));
    return d <= (layer.options.weight ?? 3) / 2 + tolerance;
  }
  if (layer instanceof L.Polygon) {
    return insideRings(map, layer, point) || edgeDistance(map, layer, point) <= tolerance;
  }
  if (layer instanceof L.CircleMarker) {
    const at = map.latLngToContainerPoint(layer.getLatLng());
    return at.distanceTo(point) <= layer.getRadius() * 1.25 + tolerance; // a diamond's reach
  }
  return false;
}

/**
 * A polygon's rings as container points.
 * @param {L.Map} map
 * @param {L.Polygon} polygon
 * @returns {L.Point[][]}
 */
function ringsOnScreen(map, polygon) {
  /** @type {L.Point[][]} */
  const rings = [];
  /** @param {any} x */
  const walk = (x) => {
    if (Array.isArray(x) && x.length && x[0] instanceof L.LatLng) {
      rings.push(x.map((ll) => map.latLngToContainerPoint(ll)));
    } else if (Array.isArray(x)) x.forEach(walk);
  };
  walk(polygon.getLatLngs());
  return rings;
}

/**
 * Whether a container point is inside a polygon (even-odd: a hole is outside).
 * @param {L.Map} map
 * @param {L.Polygon} polygon
 * @param {L.Point} p
 */
function insideRings(map, polygon, p) {
  let inside = false;
  for (const ring of ringsOnScreen(map, polygon)) {
    for (let a = 0, b = ring.length - 1; a < ring.length; b = a++) {
      const [pa, pb] = [ring[a], ring[b]];
      if (
        pa.y > p.y !== pb.y > p.y &&
        p.x < ((pb.x - pa.x) * (p.y - pa.y)) / (pb.y - pa.y) + pa.x
      ) {
        inside = !inside;
      }
    }
  }
  return inside;
}

/**
 * The distance (CSS px) from a container point to a polygon's outline.
 * @param {L.Map} map
 * @param {L.Polygon} polygon
 * @param {L.Point} p
 */
function edgeDistance(map, polygon, p) {
  let best = Infinity;
  for (const ring of ringsOnScreen(map, polygon)) {
    for (let k = 1; k < ring.length; k++) {
      best = Math.min(best, L.LineUtil.pointToSegmentDistance(p, ring[k - 1], ring[k]));
    }
  }
  return best;
}

/**
 * The features drawn under a container point, in map order: every shown layer, every
 * feature the status filter shows (a clustered point only where it is drawn alone).
 * @param {MapState} state
 * @param {L.Point} point
 * @param {number} [tolerance]
 * @returns {FeatureRef[]}
 */
export function hitFeatures(state, point, tolerance = HIT_TOLERANCE_PX) {
  const map = state.map;
  /** @type {FeatureRef[]} */
  const out = [];
  for (const spec of state.config.layers) {
    const entry = state.layers[spec.id];
    if (!map.hasLayer(entry.layer)) continue;
    entry.features.forEach((f, i) => {
      if (f && !entry.hidden.has(i) && hitLayer(map, f, point, tolerance)) {
        out.push({ id: spec.id, i });
      }
    });
  }
  return out;
}

/**
 * The drawn Leaflet layers of a feature that a style applies to (a group's members).
 * @param {L.Layer} layer
 * @returns {any[]}
 */
export function drawnParts(layer) {
  if (layer instanceof L.LayerGroup) return layer.getLayers().flatMap(drawnParts);
  return [layer];
}

/**
 * Draw the feature under the pointer bolder (null: none): a line or an outline wider and
 * opaque, a point larger with a dark edge; the one before drawn as it was (its place
 * among the others kept: the pointer leaves the map as it found it).
 * @param {MapState} state
 * @param {FeatureRef | null} ref
 */
export function hover(state, ref) {
  for (const { layer, style, radius } of state.hovered) {
    layer.setStyle(style);
    if (radius !== undefined) layer.setRadius(radius);
  }
  state.hovered = [];
  const f = ref ? state.layers[ref.id]?.features[ref.i] : null;
  if (!f) return;
  for (const layer of drawnParts(f)) {
    if (!layer.setStyle) continue;
    const o = layer.options;
    if (layer instanceof L.CircleMarker) {
      state.hovered.push({
        layer,
        style: { color: o.color, weight: o.weight },
        radius: layer.getRadius(),
      });
      layer.setRadius(layer.getRadius() + 2);
      layer.setStyle({ color: "#222222", weight: 2 });
    } else {
      state.hovered.push({ layer, style: { weight: o.weight, opacity: o.opacity } });
      layer.setStyle({ weight: (o.weight ?? 3) + 3, opacity: 1 });
    }
  }
}

/**
 * A feature's halo: each drawn part again, wider, in the halo's colour, under the feature.
 * @param {any} layer
 * @param {L.Renderer} renderer
 * @returns {L.Layer[]}
 */
function haloOf(layer, renderer) {
  const options = { renderer, color: HALO_COLOUR, opacity: 0.9, interactive: false };
  return drawnParts(layer).map((part) => {
    const weight = (part.options.weight ?? 3) + HALO_PX;
    if (part instanceof TypedLine) {
      return new TypedLine(part.data, part.runs, { ...options, weight, lineCap: "round" });
    }
    if (part instanceof L.Polygon) {
      return L.polygon(part.getLatLngs(), { ...options, weight, fill: false });
    }
    const radius = part.getRadius ? part.getRadius() + 5 : 10;
    return L.circleMarker(part.getLatLng(), { ...options, radius, weight: 5, fill: false });
  });
}

/**
 * Select a feature (null: none): its halo drawn and its popup opened (unless
 * `options.popup` is false); the map fires "bri:select" with `selection`.
 * @param {MapState} state
 * @param {FeatureRef | null} ref
 * @param {SelectOptions} [options]
 * @returns {boolean}  whether a feature is selected now
 */
export function select(state, ref, options = {}) {
  const map = state.map;
  for (const layer of state.selected?.halo ?? []) map.removeLayer(layer);
  const entry = ref ? state.layers[ref.id] : undefined;
  const f = entry && ref ? entry.features[ref.i] : null;
  if (!entry || !ref || !f || entry.hidden.has(ref.i)) {
    const had = state.selected !== null;
    state.selected = null;
    if (had) map.fire("bri:select", { selection: null });
    return false;
  }
  const halo = map.hasLayer(entry.layer) ? haloOf(f, state.renderer) : [];
  for (const layer of halo) layer.addTo(map);
  for (const part of drawnParts(f)) if (map.hasLayer(part)) part.bringToFront();
  state.selected = { ref: { id: ref.id, i: ref.i }, halo };
  if (options.popup !== false) openFeaturePopup(state, entry, ref.i, options.latlng, options.back);
  map.fire("bri:select", { selection: { id: ref.id, i: ref.i } });
  return true;
}

/**
 * A click on a feature: where it alone lies under the point, it is selected; where
 * several do, the popup lists them all to choose from.
 * @param {MapState} state
 * @param {FeatureRef} ref  the feature the canvas gave the click to
 * @param {L.LatLng} latlng
 * @param {L.Point} [containerPoint]
 */
export function clickFeature(state, ref, latlng, containerPoint) {
  const hits = containerPoint ? hitFeatures(state, containerPoint) : [];
  if (!hits.some((h) => h.id === ref.id && h.i === ref.i)) hits.unshift(ref);
  if (hits.length === 1) {
    select(state, ref, { latlng });
    return;
  }
  select(state, null, { popup: false });
  openPickPopup(state, hits, latlng);
}
