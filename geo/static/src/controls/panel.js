/* What the map's controls share: a control made of one box, a panel that folds, a
 * button. */

import { el, stopEvents } from "../dom.js";

/**
 * @typedef {import("../types.js").MapState} MapState
 * @typedef {{role?: string, label?: string, hidden?: boolean, ownEvents?: boolean}} BoxOptions
 *   the box's ARIA role and label; `hidden`: aria-hidden; `ownEvents` (default true):
 *   clicks and wheel turns on the box are its own, not the map's
 */

/**
 * A Leaflet control made of one box, which `fill` fills when the control is added to
 * the map; `extra` (methods and fields for the page and tests) is set on the control.
 * @template {object} T
 * @param {L.ControlPosition} position
 * @param {string} className  the box's classes
 * @param {(box: HTMLDivElement) => void} fill
 * @param {BoxOptions} [options]
 * @param {T} [extra]
 * @returns {L.Control & T}
 */
export function boxControl(position, className, fill, options = {}, extra) {
  const ctl = new L.Control({ position });
  ctl.onAdd = () => {
    const box = el("div", className);
    if (options.role) box.setAttribute("role", options.role);
    if (options.label) box.setAttribute("aria-label", options.label);
    if (options.hidden) box.setAttribute("aria-hidden", "true");
    if (options.ownEvents !== false) stopEvents(box);
    fill(box);
    return box;
  };
  return /** @type {L.Control & T} */ (Object.assign(ctl, extra));
}

/**
 * A panel's title button that folds its body away; small maps start folded. On a small
 * map one panel is open at a time: opening one folds the others (`state.panels`), and
 * the map container's class says which is open (the stylesheet keeps it clear of the
 * rest).
 * @param {MapState} state
 * @param {HTMLElement} box
 * @param {string} title
 * @param {string} bodyClass
 * @param {string} [short]  the button's words on a narrow screen (default: the title)
 * @returns {{body: HTMLDivElement, setOpen: (open: boolean) => void}}
 */
export function collapsible(state, box, title, bodyClass, short) {
  const map = state.map;
  const toggle = el("button", "bri-collapse", box, short ? null : title);
  toggle.type = "button";
  if (short) {
    el("span", "bri-collapse-long", toggle, title);
    el("span", "bri-collapse-short", toggle, short);
    toggle.setAttribute("aria-label", title);
  }
  const body = el("div", bodyClass, box);
  const size = map.getSize();
  /** @param {boolean} open */
  const setOpen = (open) => {
    body.hidden = !open;
    toggle.setAttribute("aria-expanded", String(open));
    map.getContainer().classList.toggle(`${bodyClass}-open`, open);
  };
  setOpen(!(size.x < 700 || size.y < 560));
  state.panels.push(setOpen);
  toggle.addEventListener("click", () => {
    const open = body.hidden === true; // folded now: open it
    const small = map.getSize().x < 600;
    if (open && small) {
      for (const other of state.panels) if (other !== setOpen) other(false);
    }
    setOpen(open);
  });
  return { body, setOpen };
}

/**
 * A button of a Leaflet bar.
 * @param {HTMLElement} parent
 * @param {string} text
 * @param {string} title
 */
export function button(parent, text, title) {
  const b = el("a", "bri-button", parent, text);
  b.href = "#";
  b.title = title;
  b.setAttribute("role", "button");
  b.setAttribute("aria-label", title);
  return b;
}
