/* Where the controls are, so that the first view and a popup keep clear of them. */

/**
 * @typedef {{left: number, top: number, right: number, bottom: number}} Box
 * @typedef {"topleft" | "topright" | "bottomleft" | "bottomright"} Corner
 */

/** @type {Record<Corner, string>} */
const CORNER_CLASSES = {
  topleft: ".leaflet-top.leaflet-left",
  topright: ".leaflet-top.leaflet-right",
  bottomleft: ".leaflet-bottom.leaflet-left",
  bottomright: ".leaflet-bottom.leaflet-right",
};

/**
 * The box covered by the visible controls of each corner of the map, in map container
 * pixels (null where none shows). Leaflet gives its corners no public getter: they are
 * found by Leaflet's documented classes, in this map's own control container (not a
 * minimap's inside it).
 * @param {L.Map} map
 * @returns {Record<Corner, Box | null>}
 */
export function controlCorners(map) {
  const container = map.getContainer();
  const box = container.getBoundingClientRect();
  /** @type {Record<Corner, Box | null>} */
  const out = { topleft: null, topright: null, bottomleft: null, bottomright: null };
  for (const [pos, classes] of /** @type {[Corner, string][]} */ (Object.entries(CORNER_CLASSES))) {
    const corner = container.querySelector(`:scope > .leaflet-control-container > ${classes}`);
    /** @type {Box | null} */
    let r = null;
    for (const c of corner ? Array.from(corner.children) : []) {
      const b = c.getBoundingClientRect();
      if (/** @type {HTMLElement} */ (c).hidden || !b.width || !b.height) continue;
      const cr = {
        left: b.left - box.left,
        top: b.top - box.top,
        right: b.right - box.left,
        bottom: b.bottom - box.top,
      };
      r = r
        ? {
            left: Math.min(r.left, cr.left),
            top: Math.min(r.top, cr.top),
            right: Math.max(r.right, cr.right),
            bottom: Math.max(r.bottom, cr.bottom),
          }
        : cr;
    }
    out[pos] = r;
  }
  return out;
}

/**
 * Padding that keeps a box of `width` px clear of every control: between the left and
 * right columns of controls where it fits (a wide map), else between the top and bottom
 * rows (a phone). [[left, top], [right, bottom]].
 * @param {L.Map} map
 * @param {number} width
 * @param {number} margin
 * @returns {[[number, number], [number, number]]}
 */
export function clearOfControls(map, width, margin) {
  const size = map.getSize();
  const c = controlCorners(map);
  /** @param {Box | null} r @param {keyof Box} key @param {number} none */
  const v = (r, key, none) => (r ? r[key] : none);
  const left = Math.max(v(c.topleft, "right", 0), v(c.bottomleft, "right", 0)) + margin;
  const right =
    size.x - Math.min(v(c.topright, "left", size.x), v(c.bottomright, "left", size.x)) + margin;
  if (size.x - left - right >= width) {
    return [
      [left, margin],
      [right, margin],
    ];
  }
  const top = Math.max(v(c.topleft, "bottom", 0), v(c.topright, "bottom", 0)) + margin;
  const bottom =
    size.y - Math.min(v(c.bottomleft, "top", size.y), v(c.bottomright, "top", size.y)) + margin;
  return [
    [margin, top],
    [margin, bottom],
  ];
}

/**
 * Of candidate places to point a popup at, the one whose popup covers the smallest
 * share of a feature's points: the first (where it was clicked) unless another covers
 * clearly less (by more than `slack`). `box` is the popup's box relative to the place it
 * points at. Pure.
 * @param {readonly {x: number, y: number}[]} points  the feature's points on screen
 * @param {readonly {x: number, y: number}[]} candidates
 * @param {Box} box
 * @param {number} [slack]
 * @returns {number}  the index of the candidate
 */
export function leastCovering(points, candidates, box, slack = 0.1) {
  if (!points.length || !candidates.length) return 0;
  const share = candidates.map((c) => {
    let n = 0;
    for (const p of points) {
      const x = p.x - c.x;
      const y = p.y - c.y;
      if (x >= box.left && x <= box.right && y >= box.top && y <= box.bottom) n++;
    }
    return n / points.length;
  });
  const least = Math.min(...share);
  if (share[0] <= least + slack) return 0;
  return share.indexOf(least);
}
