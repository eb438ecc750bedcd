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
