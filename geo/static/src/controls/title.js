/* The title block (top left, above the tools): the map's title, a line of subtitle and an
 * "about" line that opens a panel of what the map shows, how lengths are measured and the
 * sources of the layers drawn (spec.about, from geo/data/about.toml; spec.layers' sources).
 * All text goes in through textContent; http(s) URLs in a source become links. */

import { appendLinked, el } from "../dom.js";
import { boxControl } from "./panel.js";

/**
 * @typedef {import("../types.js").MapState} MapState
 * @typedef {import("../spec.js").LayerSpec} LayerSpec
 */

/**
 * The layers' sources, one line per source text (layers that share one listed together).
 * @param {LayerSpec[]} layers
 * @returns {{titles: string[], source: string}[]}
 */
export function sourceLines(layers) {
  /** @type {Map<string, string[]>} */
  const bySource = new Map();
  for (const spec of layers) {
    const source = String(spec.source || "").trim();
    if (!source) continue;
    const titles = bySource.get(source);
    if (titles) titles.push(spec.title);
    else bySource.set(source, [spec.title]);
  }
  return [...bySource].map(([source, titles]) => ({ titles, source }));
}

/**
 * Fill the "about" panel.
 * @param {HTMLElement} panel
 * @param {MapState} state
 */
function fillAbout(panel, state) {
  const about = state.config.about;
  el("h2", "bri-about-heading", panel, about.heading);
  for (const section of about.sections) {
    el("h3", null, panel, section.heading);
    el("p", null, panel, section.text);
  }
  el("h3", null, panel, about.sources_heading);
  el("p", null, panel, about.sources_note);
  const list = el("ul", "bri-about-sources", panel);
  for (const { titles, source } of sourceLines(state.config.layers)) {
    const item = el("li", null, list);
    el("strong", null, item, `${titles.join("; ")}: `);
    appendLinked(item, source);
  }
  el("p", "bri-about-basemap", panel, about.basemap);
}

/**
 * The title block, or null when the map has neither title nor subtitle.
 * @param {MapState} state
 * @returns {L.Control | null}
 */
export function titleControl(state) {
  const { title, subtitle, about } = state.config;
  if (!title && !subtitle) return null;
  /** @param {HTMLElement} box */
  const fill = (box) => {
    if (title) el("h1", "bri-title-text", box, title);
    if (subtitle) el("p", "bri-subtitle", box, subtitle);
    if (!about) return;
    const toggle = el("button", "bri-about-toggle", box, about.link);
    toggle.type = "button";
    const panel = el("div", "bri-about", box);
    panel.id = `${state.map.getContainer().id || "bri"}-about`;
    panel.hidden = true;
    panel.setAttribute("role", "region");
    panel.setAttribute("aria-label", about.heading);
    toggle.setAttribute("aria-controls", panel.id);
    /** @param {boolean} open */
    const setOpen = (open) => {
      if (open && !panel.firstChild) fillAbout(panel, state);
      panel.hidden = !open;
      toggle.setAttribute("aria-expanded", String(open));
      // on a small map the stylesheet gives an open panel the tools' place
      state.map.getContainer().classList.toggle("bri-about-open", open);
      state.labels?.schedule(); // the block grew or shrank: labels keep clear of it
    };
    setOpen(false);
    state.panels.push(setOpen); // on a small map, one panel open at a time
    toggle.addEventListener("click", () => {
      const open = panel.hidden === true;
      if (open && state.map.getSize().x < 600) {
        for (const other of state.panels) if (other !== setOpen) other(false);
      }
      setOpen(open);
    });
  };
  return boxControl("topleft", "bri-panel bri-title bri-print", fill, {
    role: "region",
    label: title || subtitle,
  });
}
