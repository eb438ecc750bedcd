/* Small DOM helpers. Every text from the data enters the page through textContent;
 * links are made only for http(s) URLs (text.js) and set as href after that check. */

import { linkRuns } from "./text.js";

const SVG_NS = "http://www.w3.org/2000/svg";

/**
 * A new element, with its classes, its text (as textContent) and its parent.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {string | null} [className]
 * @param {Node | null} [parent]
 * @param {unknown} [text]
 * @returns {HTMLElementTagNameMap[K]}
 */
export function el(tag, className, parent, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (parent) parent.appendChild(node);
  return node;
}

/**
 * A new SVG element with its attributes.
 * @param {string} tag
 * @param {Record<string, string | number>} attrs
 * @param {Node | null} [parent]
 * @returns {SVGElement}
 */
export function svgNode(tag, attrs, parent) {
  const node = /** @type {SVGElement} */ (document.createElementNS(SVG_NS, tag));
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (parent) parent.appendChild(node);
  return node;
}

/**
 * Append text with each http(s) URL in it as a link (opening in a new tab).
 * @template {Node} P
 * @param {P} parent
 * @param {unknown} text
 * @returns {P}
 */
export function appendLinked(parent, text) {
  for (const run of linkRuns(text)) {
    if (run.href === undefined) {
      parent.appendChild(document.createTextNode(run.text));
      continue;
    }
    const a = el("a", null, parent, run.text);
    a.href = run.href;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
  }
  return parent;
}

/**
 * Keep clicks and wheel turns on a control's box from reaching the map under it.
 * @param {HTMLElement} node
 */
export function stopEvents(node) {
  L.DomEvent.disableClickPropagation(node);
  L.DomEvent.disableScrollPropagation(node);
}
