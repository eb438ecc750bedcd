/* The measure tool: click points on the map, or on a feature (a marker's own position,
 * the nearest point of a line), and read the geodesic distance along them in km and
 * nautical miles. The measured line and points go on the layers' canvas (a canvas of
 * their own would lie over the features and take their clicks). */

import { el } from "../dom.js";
import { fmtFixed } from "../format.js";
import { geodesicMetres, geodesicPath } from "../geodesic.js";
import { boxControl, button } from "./panel.js";

/**
 * @typedef {import("../types.js").MapState} MapState
 * @typedef {L.Control & {active(): boolean, add(latlng: L.LatLngLiteral): void,
 *   metres(): number, points(): [number, number][],
 *   measureMetres: typeof geodesicMetres}} MeasureControl
 */

//: Steps of the drawn geodesic between two points.
const PATH_STEPS = 64;

/**
 * The geodesic through points, as [lat, lng], each leg's longitudes continued from the
 * last (so a line across ±180° is drawn unbroken).
 * @param {L.LatLng[]} points
 * @returns {[number, number][]}
 */
function geodesicThrough(points) {
  /** @type {[number, number][]} */
  let path = [];
  for (let i = 1; i < points.length; i++) {
    let seg = geodesicPath(points[i - 1], points[i], PATH_STEPS);
    if (path.length) {
      const shift = Math.round((path[path.length - 1][1] - seg[0][1]) / 360) * 360;
      seg = seg.map(([lat, lng]) => [lat, lng + shift]);
    }
    path = path.concat(seg);
  }
  return path;
}

/**
 * @param {MapState} state
 * @returns {MeasureControl}
 */
export function measureControl(state) {
  const { map, renderer } = state;
  let active = false;
  /** @type {L.LatLng[]} */
  let points = [];
  /** @type {L.Polyline | null} */
  let line = null;
  const dots = L.layerGroup();
  /** @type {HTMLDivElement} */
  let out;
  /** @type {HTMLAnchorElement} */
  let toggle;
  const total = () => {
    let m = 0;
    for (let i = 1; i < points.length; i++) m += geodesicMetres(points[i - 1], points[i]);
    return m;
  };
  const redraw = () => {
    const path = geodesicThrough(points);
    if (line) map.removeLayer(line);
    line = path.length
      ? L.polyline(path, {
          renderer,
          color: "#111",
          weight: 2,
          dashArray: "4 4",
          interactive: false,
        }).addTo(map)
      : null;
    const m = total();
    out.textContent =
      points.length < 2
        ? "Click on the map or a feature to measure"
        : `${fmtFixed(m / 1000, 1)} km · ${fmtFixed(m / 1852, 1)} nmi`;
    out.dataset.metres = m.toFixed(3); // the full figure, for tools and tests
    out.title = points.length < 2 ? "" : `${fmtFixed(m, 0)} m on the WGS84 ellipsoid (Karney)`;
  };
  /** @param {L.LatLngLiteral} latlng */
  const add = (latlng) => {
    points.push(L.latLng(latlng.lat, latlng.lng));
    L.circleMarker(latlng, { renderer, radius: 3, color: "#111", interactive: false }).addTo(dots);
    redraw();
  };
  /** @param {L.LeafletMouseEvent} e */
  const onClick = (e) => add(e.latlng);
  const stop = () => {
    active = false;
    map.off("click", onClick);
    map.getContainer().classList.remove("bri-measuring");
    toggle.setAttribute("aria-pressed", "false");
  };
  /** @param {HTMLElement} box */
  const fill = (box) => {
    toggle = button(box, "", "Measure a distance (km and nautical miles)");
    toggle.setAttribute("aria-pressed", "false");
    el("span", "bri-ruler", toggle);
    out = el("div", "bri-measure-out", box);
    out.hidden = true;
    out.setAttribute("role", "status");
    const clear = button(box, "×", "Clear the measurement");
    clear.hidden = true;
    toggle.addEventListener("click", (e) => {
      e.preventDefault();
      if (active) {
        stop();
        return;
      }
      active = true;
      toggle.setAttribute("aria-pressed", "true");
      points = [];
      dots.clearLayers().addTo(map);
      out.hidden = false;
      clear.hidden = false;
      map.closePopup();
      map.on("click", onClick);
      map.getContainer().classList.add("bri-measuring");
      redraw();
    });
    clear.addEventListener("click", (e) => {
      e.preventDefault();
      stop();
      points = [];
      dots.clearLayers();
      if (line) {
        map.removeLayer(line);
        line = null;
      }
      out.hidden = true;
      clear.hidden = true;
    });
  };
  return boxControl(
    "topleft",
    "leaflet-bar bri-measure",
    fill,
    {},
    {
      active: () => active,
      add,
      metres: total,
      /** @returns {[number, number][]} */
      points: () => points.map((p) => [p.lat, p.lng]),
      measureMetres: geodesicMetres,
    },
  );
}
