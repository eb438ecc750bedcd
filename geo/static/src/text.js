/* Links in text from the data: only http(s) URLs become links. Pure: no DOM. */

/** @typedef {{text: string, href?: string}} TextRun  text, a link where `href` is set */

const URL_RE = /https?:\/\/[^\s<>"'()[\]]+[^\s<>"'()[\].,;:]/g;

/**
 * Text cut into runs: each http(s) URL in it a link run (its `href` the URL itself),
 * everything else plain text runs; no empty run.
 * @param {unknown} value
 * @returns {TextRun[]}
 */
export function linkRuns(value) {
  const text = String(value);
  /** @type {TextRun[]} */
  const out = [];
  let last = 0;
  for (const match of text.matchAll(URL_RE)) {
    const at = /** @type {number} */ (match.index);
    if (at > last) out.push({ text: text.slice(last, at) });
    out.push({ text: match[0], href: match[0] });
    last = at + match[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last) });
  return out;
}

//: Where a layer's title may be cut after a shared beginning: "Name: part", "Name – part".
const TITLE_BREAKS = [": ", " – ", " - "];

/**
 * The layer titles of one group of the panel, without the beginning they all share (up to
 * ": " or " – "), so that rows cut to the panel's width still tell them apart: "China–Europe
 * Railway Express: train services" and "...: terminals and crossings" become "Train
 * services" and "Terminals and crossings". A single title, or titles sharing no such
 * beginning, are kept whole.
 * @param {string[]} titles
 * @returns {string[]}
 */
export function groupTitles(titles) {
  if (titles.length < 2) return titles;
  for (const cut of TITLE_BREAKS) {
    const at = titles[0].indexOf(cut);
    if (at <= 0) continue;
    const head = titles[0].slice(0, at + cut.length);
    if (!titles.every((t) => t.startsWith(head) && t.length > head.length)) continue;
    return titles.map((t) => {
      const rest = t.slice(head.length);
      return rest.charAt(0).toUpperCase() + rest.slice(1);
    });
  }
  return titles;
}
