/* The world locator: the whole world's land (the built-in base map, no borders) on a
 * small canvas, from 78°N to 58°S, with the map's view as a box; a click on it moves the
 * view there. */

import { drawBase } from "../basemap.js";
import { el } from "../dom.js";
import { LOCATOR_NORTH, LOCATOR_SOUTH, locatorBox, mercatorY } from "../project.js";
import { boxControl } from "./panel.js";

/**
 * @typedef {import("../types.js").MapState} MapState
 * @typedef {import("../basemap.js").DecodedBasemap} DecodedBasemap
 * @typedef {L.Control & {canvas?: HTMLCanvasElement, view?: () => number[],
 *   at?: (lng: number, lat: number) => [number, number]}} MiniMapControl  `view`: the
 *   view's box on the locator; `at`: where a place is on it (CSS px)
 */

//: The locator's width (CSS px).
const WIDTH = 112;

/**
 * @param {MapState} state
 * @param {() => DecodedBasemap} base  the decoded base map (decoded when first asked)
 * @returns {MiniMapControl}
 */
export function miniMapControl(state, base) {
  const map = state.map;
  const { land, sea } = state.config.basemap.style;
  const scale = WIDTH / 256;
  const top = mercatorY(LOCATOR_NORTH);
  const height = Math.round((mercatorY(LOCATOR_SOUTH) - top) * scale);
  /** @type {MiniMapControl} */
  let ctl;
  /** @param {HTMLElement} box */
  const fill = (box) => {
    const ratio = window.devicePixelRatio || 1;
    const canvas = el("canvas", "bri-locator", box);
    canvas.width = Math.round(WIDTH * ratio);
    canvas.height = Math.round(height * ratio);
    canvas.style.width = `${WIDTH}px`;
    canvas.style.height = `${height}px`;
    box.title = "Where the map shows: click to move there";
    const world = document.createElement("canvas");
    world.width = canvas.width;
    world.height = canvas.height;
    const ctx = /** @type {CanvasRenderingContext2D} */ (canvas.getContext("2d"));
    const view = () => {
      const b = map.getBounds();
      return locatorBox(
        { west: b.getWest(), south: b.getSouth(), east: b.getEast(), north: b.getNorth() },
        WIDTH,
      );
    };
    const draw = () => {
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.drawImage(world, 0, 0);
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      const [x0, y0, x1, y1] = view();
      for (const dx of [-WIDTH, 0, WIDTH]) {
        ctx.fillStyle = "rgba(192, 57, 43, 0.15)";
        ctx.fillRect(x0 + dx, y0, x1 - x0, y1 - y0);
        ctx.strokeStyle = "#c0392b";
        ctx.lineWidth = 1.5;
        ctx.strokeRect(x0 + dx, y0, x1 - x0, y1 - y0);
      }
    };
    setTimeout(() => {
      const w = /** @type {CanvasRenderingContext2D} */ (world.getContext("2d"));
      w.setTransform(ratio, 0, 0, ratio, 0, 0);
      w.fillStyle = sea;
      w.fillRect(0, 0, WIDTH, height);
      w.beginPath();
      drawBase(w, base(), scale, 0, top * scale, WIDTH, true);
      w.fillStyle = land;
      w.fill("evenodd");
      w.strokeStyle = "rgba(0, 0, 0, 0.25)";
      w.lineWidth = 0.5;
      w.stroke();
      draw();
      map.on("moveend zoomend resize", draw);
    }, 0);
    canvas.addEventListener("click", (e) => {
      const r = canvas.getBoundingClientRect();
      const x = (e.clientX - r.left) / scale;
      const y = (e.clientY - r.top) / scale + top;
      map.panTo(L.CRS.EPSG3857.pointToLatLng(L.point(x, y), 0));
    });
    ctl.canvas = canvas;
    ctl.view = view;
    ctl.at = (lng, lat) => {
      const [x0, y0] = locatorBox({ west: lng, south: lat, east: lng, north: lat }, WIDTH);
      return [x0 + 3, y0 + 3]; // the middle of the 6 px mark of a point
    };
  };
  ctl = boxControl("bottomleft", "bri-minimap", fill, {
    label: "World locator: where the map shows",
  });
  return ctl;
}
