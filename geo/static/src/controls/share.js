/* Share, save, download: one button in the left column that opens a small panel beside
 * it with a link to the view (copied with the Clipboard API where the page may, else
 * shown selected to copy by hand: a file:// page or a frame may be refused the
 * clipboard), a picture of the view as a PNG at 1x, 2x or 4x (snapshot.js), and the
 * features shown as GeoJSON or CSV (download.js). Each file is made in the page and
 * offered as a download link (a[download]). */

import { el, svgNode } from "../dom.js";
import { csvText, featureCollection } from "../download.js";
import { encodeLink } from "../linkstate.js";
import { currentLink, knownOf } from "../permalink.js";
import { drawPicture, tileBasemapShown } from "../snapshot.js";
import { countWords } from "../status.js";
import { boxControl, button } from "./panel.js";

/**
 * @typedef {import("../types.js").MapState} MapState
 * @typedef {import("../download.js").ShownLayer} ShownLayer
 * @typedef {L.Control & {open(show: boolean): void, link(): string,
 *   shown(): ShownLayer[]}} ShareControl  `open`: show or hide the panel; `link`: the
 *   view's link; `shown`: the features a download holds now
 */

//: The picture's sizes offered: pixels per CSS px of the map.
const FACTORS = [1, 2, 4];

/**
 * The features shown now, by layer: the layers ticked, each feature drawn that the year
 * shown and the status filter let show, with its status as drawn.
 * @param {MapState} state
 * @returns {ShownLayer[]}
 */
export function shownLayers(state) {
  const map = state.map;
  /** @type {ShownLayer[]} */
  const out = [];
  for (const spec of state.config.layers) {
    const entry = state.layers[spec.id];
    if (!map.hasLayer(entry.layer)) continue;
    /** @type {number[]} */
    const indices = [];
    entry.features.forEach((f, i) => {
      if (f && !entry.hidden.has(i)) indices.push(i);
    });
    const statuses = indices.map((i) => entry.states[i]?.status ?? null);
    if (indices.length) out.push({ spec, indices, statuses });
  }
  return out;
}

/**
 * Whether the page has an address of its own to link to (not a frame's srcdoc, as a
 * notebook shows the map in).
 */
function ownAddress() {
  return /^(https?|file):$/.test(location.protocol);
}

/**
 * The view's link: the page's address with the map's state as its fragment (only the
 * fragment where the page has no address of its own).
 * @param {MapState} state
 */
function viewLink(state) {
  const fragment = `#${encodeLink(currentLink(state), knownOf(state))}`;
  if (!ownAddress()) return fragment;
  return `${location.href.replace(/#.*$/s, "")}${fragment}`;
}

/**
 * A download link for a blob, clicked once; the link stays for another click.
 * @param {HTMLElement} out  where the link goes (its old one replaced)
 * @param {Blob} blob
 * @param {string} name
 * @param {string} detail  what the file holds
 */
function offer(out, blob, name, detail) {
  const old = out.querySelector("a");
  if (old) URL.revokeObjectURL(old.href);
  out.textContent = "";
  const a = el("a", "bri-share-file", out, name);
  a.href = URL.createObjectURL(blob);
  a.download = name;
  out.appendChild(document.createTextNode(` ${detail}`));
  a.click();
}

/**
 * A heading of the panel.
 * @param {HTMLElement} parent
 * @param {string} text
 */
function heading(parent, text) {
  return el("div", "bri-share-heading", parent, text);
}

/**
 * The share button's icon: three joined dots.
 * @param {HTMLElement} parent
 */
function shareIcon(parent) {
  const svg = svgNode(
    "svg",
    { width: 16, height: 16, viewBox: "0 0 16 16", "aria-hidden": "true" },
    parent,
  );
  svgNode(
    "path",
    { d: "M4 8 L12 3.5 M4 8 L12 12.5", stroke: "#222", "stroke-width": 1.6, fill: "none" },
    svg,
  );
  for (const [cx, cy] of [
    [4, 8],
    [12, 3.5],
    [12, 12.5],
  ]) {
    svgNode("circle", { cx, cy, r: 2.3, fill: "#222" }, svg);
  }
  return svg;
}

/**
 * The link section: the view's link in a text field, and a button that copies it.
 * @param {MapState} state
 * @param {HTMLElement} panel
 */
function linkSection(state, panel) {
  heading(panel, "Link to this view");
  const row = el("div", "bri-share-row", panel);
  const field = el("input", "bri-share-link", row);
  field.type = "text";
  field.readOnly = true;
  field.setAttribute("aria-label", "Link to this view");
  const copy = el("button", "bri-share-action", row, "Copy");
  copy.type = "button";
  const status = el("div", "bri-share-status", panel);
  status.setAttribute("role", "status");
  const note = el("div", "bri-share-note bri-share-link-note", panel);
  const refresh = () => {
    field.value = viewLink(state);
    note.hidden = ownAddress();
    note.textContent = note.hidden
      ? ""
      : "This map is shown inside another page and has no address of its own: save it as " +
        "a file and add this to its address to open this view.";
  };
  copy.addEventListener("click", async () => {
    refresh();
    field.focus();
    field.select();
    try {
      await navigator.clipboard.writeText(field.value);
      status.textContent = "Copied.";
    } catch {
      status.textContent = "Copy the selected link by hand (Ctrl+C, or ⌘C).";
    }
  });
  return { refresh, clear: () => (status.textContent = "") };
}

/**
 * The picture section: 1x, 2x or 4x, and a button that draws and offers the PNG.
 * @param {MapState} state
 * @param {HTMLElement} panel
 */
function pictureSection(state, panel) {
  heading(panel, "Picture of this view (PNG)");
  const row = el("div", "bri-share-row", panel);
  const name = `bri-share-factor-${L.stamp(state.map)}`;
  /** @type {HTMLInputElement[]} */
  const radios = FACTORS.map((f, n) => {
    const label = el("label", "bri-share-factor", row);
    const input = el("input", null, label);
    input.type = "radio";
    input.name = name;
    input.value = String(f);
    input.checked = n === 0;
    el("span", null, label, `${f}×`);
    return input;
  });
  const save = el("button", "bri-share-action bri-share-picture", row, "Save");
  save.type = "button";
  const note = el("div", "bri-share-note bri-share-picture-note", panel);
  const out = el("div", "bri-share-out", panel);
  out.setAttribute("role", "status");
  const refresh = () => {
    note.hidden = !tileBasemapShown(state);
    note.textContent =
      "A tile base map cannot be drawn into the picture: it shows the built-in base map.";
  };
  save.addEventListener("click", () => {
    const factor = Number(radios.find((r) => r.checked)?.value || 1);
    out.textContent = "Drawing…";
    const picture = drawPicture(state, factor);
    const scaled = picture.factor === factor ? "" : ` (${picture.factor}×: the largest that fits)`;
    picture.canvas.toBlob((blob) => {
      if (!blob) {
        out.textContent = "The picture could not be made.";
        return;
      }
      const file = `bri-map-${picture.factor}x.png`;
      offer(out, blob, file, `${picture.width} × ${picture.height} px${scaled}`);
    }, "image/png");
  });
  return { refresh, clear: () => (out.textContent = "") };
}

/**
 * The data section: the features shown as GeoJSON or CSV.
 * @param {MapState} state
 * @param {HTMLElement} panel
 */
function dataSection(state, panel) {
  heading(panel, "Features shown");
  const row = el("div", "bri-share-row", panel);
  const geojson = el("button", "bri-share-action bri-share-geojson", row, "GeoJSON");
  geojson.type = "button";
  const csv = el("button", "bri-share-action bri-share-csv", row, "CSV");
  csv.type = "button";
  const count = el("span", "bri-share-count", row);
  const out = el("div", "bri-share-out", panel);
  out.setAttribute("role", "status");
  const refresh = () => {
    const shown = shownLayers(state);
    const n = shown.reduce((a, l) => a + l.indices.length, 0);
    count.textContent = `${countWords(n, ["feature", "features"])}, ${countWords(shown.length, ["layer", "layers"])}`;
  };
  geojson.addEventListener("click", () => {
    const shown = shownLayers(state);
    const text = JSON.stringify(featureCollection(shown));
    const blob = new Blob([text], { type: "application/geo+json" });
    const n = shown.reduce((a, l) => a + l.indices.length, 0);
    offer(out, blob, "bri-map-features.geojson", countWords(n, ["feature", "features"]));
  });
  csv.addEventListener("click", () => {
    const shown = shownLayers(state);
    // a byte-order mark first, as `corridors export` writes CSV: a spreadsheet then
    // reads the file as UTF-8 and shows Łódź, not mojibake
    const blob = new Blob(["\ufeff", csvText(shown)], { type: "text/csv;charset=utf-8" });
    const n = shown.reduce((a, l) => a + l.indices.length, 0);
    offer(out, blob, "bri-map-features.csv", countWords(n, ["row", "rows"]));
  });
  return { refresh, clear: () => (out.textContent = "") };
}

/**
 * Keep an open panel inside the map: moved up where it would reach past the map's foot.
 * @param {L.Map} map
 * @param {HTMLElement} panel
 */
function keepInside(map, panel) {
  panel.style.top = "0px";
  const c = map.getContainer().getBoundingClientRect();
  const r = panel.getBoundingClientRect();
  const over = r.bottom - (c.bottom - 10);
  if (over > 0) panel.style.top = `${-Math.min(over, r.top - c.top - 10)}px`;
}

/**
 * @param {MapState} state
 * @returns {ShareControl}
 */
export function shareControl(state) {
  const map = state.map;
  /** @type {HTMLElement} */
  let panel;
  /** @type {HTMLAnchorElement} */
  let toggle;
  /** @type {Array<{refresh(): void, clear(): void}>} */
  let sections = [];
  /** @param {boolean} show */
  const setOpen = (show) => {
    if (show) {
      for (const s of sections) s.clear();
      for (const s of sections) s.refresh();
    }
    panel.hidden = !show;
    toggle.setAttribute("aria-expanded", String(show));
    // over the other corners' controls while open (each corner stacks on its own)
    map.getContainer().classList.toggle("bri-share-open", show);
    if (show) keepInside(map, panel);
  };
  /** @param {boolean} show */
  const open = (show) => {
    if (show && map.getSize().x < 600) {
      for (const other of state.panels) if (other !== setOpen) other(false); // one at a time
    }
    setOpen(show);
  };
  /** @param {HTMLElement} box */
  const fill = (box) => {
    toggle = button(box, "", "Share this view: a link, a picture, the data shown");
    shareIcon(toggle);
    panel = el("div", "bri-panel bri-share-panel", box);
    panel.id = `${map.getContainer().id || "bri"}-share`;
    panel.setAttribute("role", "region");
    panel.setAttribute("aria-label", "Share this view");
    toggle.setAttribute("aria-controls", panel.id);
    sections = [linkSection(state, panel), pictureSection(state, panel), dataSection(state, panel)];
    panel.hidden = true;
    toggle.setAttribute("aria-expanded", "false");
    state.panels.push(setOpen); // on a small map, opening another panel folds this one
    toggle.addEventListener("click", (e) => {
      e.preventDefault();
      open(panel.hidden === true);
    });
    panel.addEventListener("keydown", (e) => {
      if (e.key !== "Escape") return;
      open(false);
      toggle.focus();
    });
    map.on("click", () => {
      if (!panel.hidden) open(false);
    });
    // while open, the panel follows the map: its link, the note on the base map, the count
    /** @type {number | null} */
    let frame = null;
    map.on("moveend layeradd layerremove bri:select bri:year", () => {
      if (panel.hidden || frame !== null) return;
      frame = requestAnimationFrame(() => {
        frame = null;
        for (const s of sections) s.refresh();
      });
    });
  };
  return boxControl(
    "topleft",
    "leaflet-bar bri-share",
    fill,
    {},
    {
      open,
      link: () => viewLink(state),
      shown: () => shownLayers(state),
    },
  );
}
