/* The picture of the view (snapshot.js draws it): where its parts go, how big it may be,
 * the scale bar's lengths (as Leaflet's scale control rounds them), lines of text
 * wrapped to a width, and letters placed along a path (a name written along its line).
 * Pure: no DOM, no Leaflet. */

/**
 * @typedef {{w: number, h: number}} Size  CSS px
 * @typedef {{x: number, y: number}} At  CSS px from the picture's top left
 * @typedef {{width: number, height: number, title: At, legend: At,
 *   legendBelow: boolean}} Layout  the picture's size (CSS px: the map's, and a band
 *   below it where the legend does not fit on the map) and where its boxes go
 * @typedef {{label: string, width: number}} ScaleBar  a scale bar's text and length (px)
 */

//: The space between the picture's edge and a box on it, and between boxes (CSS px).
export const MARGIN = 10;
//: The most pixels a side of the picture may have, and in all (a canvas larger than
//: this may fail to be made, or to be written as a PNG).
export const MAX_SIDE = 16384;
export const MAX_PIXELS = 64e6;

/**
 * Where the title block and the legend go: the title top left, the legend top right on
 * the map where it fits beside the title and above the scale bar, else in a band below
 * the map (the picture grows by it).
 * @param {number} width  the map's width (CSS px)
 * @param {number} height  the map's height
 * @param {Size} title  the title block's size (0 x 0: none)
 * @param {Size} legend  the legend's size (0 x 0: none)
 * @returns {Layout}
 */
export function pictureLayout(width, height, title, legend) {
  const beside = title.w + legend.w + 3 * MARGIN <= width;
  const fits = legend.h + 2 * MARGIN + 50 <= height; // 50: the scale bar and attribution
  const titleAt = { x: MARGIN, y: MARGIN };
  if (!legend.h || (beside && fits)) {
    return {
      width,
      height,
      title: titleAt,
      legend: { x: width - MARGIN - legend.w, y: MARGIN },
      legendBelow: false,
    };
  }
  return {
    width,
    height: height + legend.h + 2 * MARGIN,
    title: titleAt,
    legend: { x: MARGIN, y: height + MARGIN },
    legendBelow: true,
  };
}

/**
 * The picture's pixels per CSS px: `factor`, or the largest whole or half step below it
 * that keeps a picture of `width` x `height` CSS px within MAX_SIDE and MAX_PIXELS.
 * @param {number} width
 * @param {number} height
 * @param {number} factor
 */
export function pictureFactor(width, height, factor) {
  const most = Math.min(
    MAX_SIDE / Math.max(width, height, 1),
    Math.sqrt(MAX_PIXELS / Math.max(width * height, 1)),
  );
  if (factor <= most) return factor;
  return Math.max(Math.floor(most * 2) / 2, 0.5);
}

/**
 * A number rounded down to 1, 2, 3 or 5 times a power of ten (Leaflet's scale control).
 * @param {number} x
 */
export function roundNumber(x) {
  const pow10 = 10 ** (String(Math.floor(x)).length - 1);
  const d = x / pow10;
  const step = d >= 10 ? 10 : d >= 5 ? 5 : d >= 3 ? 3 : d >= 2 ? 2 : 1;
  return pow10 * step;
}

/**
 * The scale bars, metric and imperial, as Leaflet's scale control draws them, for a map
 * on which `maxWidth` px span `metres`.
 * @param {number} metres
 * @param {number} maxWidth
 * @returns {ScaleBar[]}
 */
export function scaleBars(metres, maxWidth) {
  if (!(metres > 0)) return [];
  const m = roundNumber(metres);
  const metric = { label: m < 1000 ? `${m} m` : `${m / 1000} km`, width: (maxWidth * m) / metres };
  const feet = metres * 3.2808399;
  let imperial;
  if (feet > 5280) {
    const miles = feet / 5280;
    const mi = roundNumber(miles);
    imperial = { label: `${mi} mi`, width: (maxWidth * mi) / miles };
  } else {
    const ft = roundNumber(feet);
    imperial = { label: `${ft} ft`, width: (maxWidth * ft) / feet };
  }
  return [metric, imperial].map((b) => ({ label: b.label, width: Math.round(b.width) }));
}

/**
 * Text wrapped into lines at most `maxWidth` wide (by `measure`), at spaces; a word wider
 * than that alone on its line, cut with "…".
 * @param {string} text
 * @param {number} maxWidth
 * @param {(s: string) => number} measure
 * @returns {string[]}
 */
export function wrapLines(text, maxWidth, measure) {
  const lines = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (!line || measure(next) <= maxWidth) {
      line = next;
      continue;
    }
    lines.push(line);
    line = word;
  }
  if (line) lines.push(line);
  return lines.map((l) => fitText(l, maxWidth, measure));
}

/**
 * Text cut with "…" to fit `maxWidth` (as it is where it fits).
 * @param {string} text
 * @param {number} maxWidth
 * @param {(s: string) => number} measure
 */
export function fitText(text, maxWidth, measure) {
  if (measure(text) <= maxWidth) return text;
  const chars = [...text];
  let n = chars.length;
  while (n > 1 && measure(`${chars.slice(0, n).join("")}…`) > maxWidth) n--;
  return `${chars.slice(0, n).join("").trimEnd()}…`;
}

/**
 * Where each letter of a text written along a path goes, centred on the path's middle
 * (an SVG textPath at startOffset 50%, text-anchor middle): for each letter its centre
 * [x, y] on the path and the path's direction there (radians). `advances`: each letter's
 * width. A letter past either end of the path stays on its end segment's line.
 * @param {[number, number][]} path
 * @param {number[]} advances
 * @returns {[number, number, number][]}
 */
export function lettersAlong(path, advances) {
  if (path.length < 2) return [];
  /** @type {number[]} */
  const at = [0];
  for (let k = 1; k < path.length; k++) {
    const [x0, y0] = path[k - 1];
    const [x1, y1] = path[k];
    at.push(at[k - 1] + Math.hypot(x1 - x0, y1 - y0));
  }
  const total = at[at.length - 1];
  const width = advances.reduce((a, b) => a + b, 0);
  let s = (total - width) / 2;
  let seg = 1;
  /** @type {[number, number, number][]} */
  const out = [];
  for (const advance of advances) {
    const mid = s + advance / 2;
    while (seg < path.length - 1 && at[seg] < mid) seg++;
    while (seg > 1 && at[seg - 1] > mid) seg--;
    const [x0, y0] = path[seg - 1];
    const [x1, y1] = path[seg];
    const len = at[seg] - at[seg - 1] || 1;
    const t = (mid - at[seg - 1]) / len;
    out.push([x0 + (x1 - x0) * t, y0 + (y1 - y0) * t, Math.atan2(y1 - y0, x1 - x0)]);
    s += advance;
  }
  return out;
}
