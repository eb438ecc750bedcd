/* The map's labels, drawn: country names (the base map's, while it is shown), the layers'
 * places and the corridors' names along their lines, as text (textContent) in a pane of
 * their own over the layers. At each view (after a pan or zoom, a layer turned on or off,
 * a resize, another year shown) the candidates in view are measured and placed by
 * labels.js, clear of each other, of the controls and of the drawn points and clusters;
 * a feature not drawn (the year shown, the status filter) is not named. */

import { svgNode } from "./dom.js";
import { countrySpots, fitsCountry, lineSpots, placeLabels, pointSpots } from "./labels.js";
import { featureOf } from "./layers.js";

/**
 * @typedef {import("./types.js").MapState} MapState
 * @typedef {import("./types.js").LayerEntry} LayerEntry
 * @typedef {import("./labels.js").Candidate} Candidate
 * @typedef {import("./labels.js").Rect} Rect
 * @typedef {import("./labels.js").Box} Box
 * @typedef {{font: string, spacing: number, upper: boolean, className: string}} Look
 * @typedef {{text: string, look: Look, color?: string}} Text  what a candidate shows
 * @typedef {import("./labels.js").Spot} Spot
 * @typedef {{key: string, text: string, kind: string, box: Spot}} ShownLabel  a label drawn
 *   (for tests, and the picture of the view)
 */

const FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

/** How each kind of label is written: its CSS font, letter spacing (px) and case. @type {Record<string, Look>} */
export const LOOKS = {
  country: {
    font: `600 11px ${FAMILY}`,
    spacing: 1,
    upper: true,
    className: "bri-label bri-label-country",
  },
  major: {
    font: `600 12px ${FAMILY}`,
    spacing: 0,
    upper: false,
    className: "bri-label bri-label-place",
  },
  place: {
    font: `500 11.5px ${FAMILY}`,
    spacing: 0,
    upper: false,
    className: "bri-label bri-label-place",
  },
  line: {
    font: `italic 600 12px ${FAMILY}`,
    spacing: 0,
    upper: false,
    className: "bri-label bri-label-line",
  },
};
//: The radius of a cluster's disc, px (cluster.js draws it up to 34 px wide).
const CLUSTER_R = 15;
//: How far past the view's edge a point still counts (its label may reach in).
const MARGIN = 120;

/** Text widths by font and text, measured once on a canvas. */
class Measure {
  constructor() {
    /** @type {CanvasRenderingContext2D | null} */
    this.ctx = null;
    /** @type {Map<string, number>} */
    this.cache = new Map();
  }

  /**
   * The width and height, px, of a text in a look.
   * @param {string} text
   * @param {Look} look
   * @returns {[number, number]}
   */
  size(text, look) {
    const shown = look.upper ? text.toUpperCase() : text;
    const key = `${look.font}\u0000${shown}`;
    let w = this.cache.get(key);
    if (w === undefined) {
      if (!this.ctx) this.ctx = document.createElement("canvas").getContext("2d");
      const ctx = /** @type {CanvasRenderingContext2D} */ (this.ctx);
      ctx.font = look.font;
      w = Math.ceil(ctx.measureText(shown).width + look.spacing * shown.length) + 2;
      this.cache.set(key, w);
    }
    const px = Number(/(\d+(?:\.\d+)?)px/.exec(look.font)?.[1] || 12);
    return [w, Math.ceil(px * 1.25)];
  }
}

/**
 * The boxes of this map's visible controls, in container px.
 * @param {L.Map} map
 * @returns {Rect[]}
 */
function controlRects(map) {
  const container = map.getContainer();
  const origin = container.getBoundingClientRect();
  const k = origin.width / map.getSize().x || 1; // the page's zoom of the map (print)
  /** @type {Rect[]} */
  const out = [];
  for (const c of container.querySelectorAll(
    ":scope > .leaflet-control-container .leaflet-control",
  )) {
    const b = c.getBoundingClientRect();
    if (!b.width || !b.height || getComputedStyle(c).visibility === "hidden") continue;
    out.push({
      left: (b.left - origin.left) / k,
      top: (b.top - origin.top) / k,
      right: (b.right - origin.left) / k,
      bottom: (b.bottom - origin.top) / k,
    });
  }
  return out;
}

/**
 * @param {L.Point} p
 * @param {number} r
 * @returns {Rect}
 */
function disc(p, r) {
  return { left: p.x - r, top: p.y - r, right: p.x + r, bottom: p.y + r };
}

export class Labels {
  /** @param {MapState} state */
  constructor(state) {
    this.state = state;
    this.measure = new Measure();
    /** @type {Map<string, HTMLElement | SVGSVGElement>} */
    this.nodes = new Map();
    /** @type {ShownLabel[]} what is shown now */
    this.shown = [];
    /** @type {number | null} */
    this.frame = null;
    /** @type {Candidate[]} the labels that could show at the last update (for tests) */
    this.candidates = [];
    /** @type {Rect[]} what they kept clear of: controls, drawn points */
    this.obstacles = [];
    const map = state.map;
    this.pane = map.createPane("bri-labels");
    this.pane.classList.add("leaflet-zoom-hide"); // hidden while a zoom animates
    this.pane.style.zIndex = "450"; // over the layers' canvas (400), under the markers (600)
    this.pane.style.pointerEvents = "none";
    this.pane.style.setProperty("--bri-land", state.config.basemap.style.land);
    map.on("moveend resize layeradd layerremove bri:year", this.schedule, this);
  }

  /** Update at the next frame (many events in one frame make one update). */
  schedule() {
    if (this.frame === null) {
      this.frame = requestAnimationFrame(() => {
        this.frame = null;
        this.update();
      });
    }
  }

  /** Place and draw the labels of the view now. */
  update() {
    const t0 = performance.now();
    const map = this.state.map;
    const size = map.getSize();
    /** @type {Candidate[]} */
    const candidates = [];
    /** @type {Map<string, Text>} */
    const texts = new Map();
    const obstacles = controlRects(map);
    this.countryCandidates(candidates, texts, size);
    this.layerCandidates(candidates, texts, obstacles, size);
    const placed = placeLabels(candidates, obstacles, { width: size.x, height: size.y });
    this.draw(placed, texts);
    this.candidates = candidates;
    this.obstacles = obstacles;
    this.state.timings.labels_ms = performance.now() - t0;
  }

  /**
   * The country names that fit their country at this zoom (while the built-in base map
   * is shown).
   * @param {Candidate[]} out
   * @param {Map<string, Text>} texts
   * @param {L.Point} size
   */
  countryCandidates(out, texts, size) {
    const map = this.state.map;
    const labels = this.state.config.basemap.labels;
    const builtin = this.state.basemaps[0];
    const zoom = map.getZoom();
    if (!labels || typeof builtin === "function" || !map.hasLayer(builtin)) return;
    if (zoom < labels.minZoom) return;
    const look = LOOKS.country;
    const scale = 2 ** zoom;
    labels.name.forEach((name, i) => {
      const [w, h] = this.measure.size(name, look);
      if (!fitsCountry(w, h, labels.width[i], labels.height[i], zoom)) return;
      const p = map.latLngToContainerPoint([labels.lat[i], labels.lng[i]]);
      if (p.x < -w || p.y < -h || p.x > size.x + w || p.y > size.y + h) return;
      const key = `country:${i}`;
      texts.set(key, { text: name, look });
      out.push({
        key,
        tier: labels.tier,
        weight: 0,
        order: i,
        spots: countrySpots(p.x, p.y, w, h, labels.width[i] * scale, labels.height[i] * scale),
      });
    });
  }

  /**
   * The labels of the layers shown: points beside their symbol (or their cluster's
   * disc), lines along themselves; the drawn points and clusters become obstacles.
   * @param {Candidate[]} out
   * @param {Map<string, Text>} texts
   * @param {Rect[]} obstacles
   * @param {L.Point} size
   */
  layerCandidates(out, texts, obstacles, size) {
    const state = this.state;
    const map = state.map;
    const zoom = map.getZoom();
    /** @param {L.Point} p */
    const near = (p) =>
      p.x > -MARGIN && p.y > -MARGIN && p.x < size.x + MARGIN && p.y < size.y + MARGIN;
    let order = 0;
    state.config.layers.forEach((spec, n) => {
      const entry = state.layers[spec.id];
      if (!entry || !map.hasLayer(entry.layer)) return;
      const { singles, clusters } = drawnPoints(entry, map, near, obstacles);
      for (const label of spec.labels || []) {
        order++;
        if (zoom < label.minZoom) continue;
        const f = entry.features[label.feature];
        if (!f || entry.hidden.has(label.feature)) continue; // not drawn: the year, a status
        const key = `${n}:${label.feature}`;
        const look =
          f instanceof L.CircleMarker ? (label.tier <= 1 ? LOOKS.major : LOOKS.place) : LOOKS.line;
        const [w, h] = this.measure.size(label.text, look);
        /** @type {Box[]} */
        let spots = [];
        let group;
        if (f instanceof L.CircleMarker) {
          const single = singles.get(label.feature);
          if (single) {
            spots = pointSpots(single.p.x, single.p.y, single.r, w, h);
          } else if (clusters.length) {
            const p = map.latLngToContainerPoint(f.getLatLng());
            if (!near(p)) continue;
            let best = clusters[0];
            for (const c of clusters) if (c.distanceTo(p) < best.distanceTo(p)) best = c;
            spots = pointSpots(best.x, best.y, CLUSTER_R, w, h);
            group = `${n}:cluster:${best.x},${best.y}`;
          }
        } else if (/** @type {any} */ (f).runs) {
          spots = lineParts(/** @type {any} */ (f), map, size).flatMap((pts) =>
            lineSpots(pts, w, h),
          );
        }
        if (!spots.length) continue;
        texts.set(key, {
          text: label.text,
          look,
          color: look === LOOKS.line ? spec.style.color : undefined,
        });
        out.push({ key, tier: label.tier, weight: label.weight, order, spots, group });
      }
    });
  }

  /**
   * Draw the labels placed, reusing the nodes of labels still shown: a div of text, or
   * for a label along a line an SVG text on its path.
   * @param {import("./labels.js").Placed[]} placed
   * @param {Map<string, Text>} texts
   */
  draw(placed, texts) {
    const map = this.state.map;
    const at = map.containerPointToLayerPoint([0, 0]);
    /** @type {Map<string, HTMLElement | SVGSVGElement>} */
    const kept = new Map();
    /** @type {ShownLabel[]} */
    const shown = [];
    for (const { key, box: b } of placed) {
      const t = /** @type {Text} */ (texts.get(key));
      const old = this.nodes.get(key);
      const node = b.path ? this.pathLabel(old, key, t, b.path) : divLabel(old, t);
      if (node !== old) {
        old?.remove();
        this.pane.appendChild(node);
      }
      node.style.transform = b.path
        ? `translate(${at.x.toFixed(1)}px,${at.y.toFixed(1)}px)`
        : `translate(${(b.x + at.x).toFixed(1)}px,${(b.y + at.y).toFixed(1)}px) translate(-50%,-50%)`;
      kept.set(key, node);
      shown.push({ key, text: t.text, kind: t.look.className.split(" ").pop() || "", box: b });
    }
    for (const [key, node] of this.nodes) if (!kept.has(key)) node.remove();
    this.nodes = kept;
    this.shown = shown;
  }

  /**
   * A label written along a path (container px): an SVG text on a textPath.
   * @param {HTMLElement | SVGSVGElement | undefined} old  its node, if shown already
   * @param {string} key
   * @param {Text} t
   * @param {[number, number][]} path
   * @returns {SVGSVGElement}
   */
  pathLabel(old, key, t, path) {
    const id = `${this.state.map.getContainer().id || "bri"}-label-${key.replace(/[^\w-]/g, "_")}`;
    /** @type {SVGSVGElement} */
    let svg;
    if (old instanceof SVGSVGElement) svg = old;
    else {
      svg = /** @type {SVGSVGElement} */ (svgNode("svg", { class: t.look.className }));
      svgNode("path", { id, fill: "none" }, svg);
      const text = svgNode(
        "text",
        { "text-anchor": "middle", "dominant-baseline": "central" },
        svg,
      );
      svgNode("textPath", { href: `#${id}`, startOffset: "50%" }, text).textContent = t.text;
    }
    svg.style.font = t.look.font;
    svg.style.fill = t.color || "";
    svg
      .querySelector("path")
      ?.setAttribute("d", `M${path.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join("L")}`);
    return svg;
  }
}

/**
 * A label as a div of text (upright; draw() centres it on its box).
 * @param {HTMLElement | SVGSVGElement | undefined} old  its node, if shown already
 * @param {Text} t
 * @returns {HTMLElement}
 */
function divLabel(old, t) {
  const node = old instanceof HTMLElement ? old : document.createElement("div");
  if (node.textContent !== t.text) node.textContent = t.text;
  node.className = t.look.className;
  node.style.font = t.look.font;
  node.style.color = t.color || "";
  return node;
}

/**
 * A layer's points drawn now: each point drawn alone (by feature, with its container
 * point and reach), and the discs of its clusters; each becomes an obstacle.
 * @param {LayerEntry} entry
 * @param {L.Map} map
 * @param {(p: L.Point) => boolean} near
 * @param {Rect[]} obstacles  appended to
 */
function drawnPoints(entry, map, near, obstacles) {
  /** @type {Map<number, {p: L.Point, r: number}>} */
  const singles = new Map();
  /** @type {L.Point[]} */
  const clusters = [];
  const cluster = entry.cluster;
  const drawn = cluster ? cluster.group.getLayers() : entry.paths.getLayers();
  for (const layer of drawn) {
    if (cluster?.about(layer)) {
      const p = map.latLngToContainerPoint(/** @type {L.CircleMarker} */ (layer).getLatLng());
      if (!near(p)) continue;
      clusters.push(p);
      obstacles.push(disc(p, CLUSTER_R));
    } else if (layer instanceof L.CircleMarker) {
      const p = map.latLngToContainerPoint(layer.getLatLng());
      if (!near(p)) continue;
      const r = layer.getRadius() * 1.25 + 1.5; // the widest symbol and its white edge
      const i = featureOf(layer);
      if (i !== undefined) singles.set(i, { p, r });
      obstacles.push(disc(p, r));
    }
  }
  return { singles, clusters };
}

/**
 * The stretches of a drawn line in view, in container px: each part cut where it leaves
 * the view (a segment that crosses the edge kept), vertices closer than 2 px to the last
 * one kept dropped; the longest first.
 * @param {{data: import("./project.js").Projected, runs: [number, number][]}} line
 * @param {L.Map} map
 * @param {L.Point} size
 * @returns {number[][][]}
 */
function lineParts(line, map, size) {
  const scale = 2 ** map.getZoom();
  const origin = map.getPixelOrigin();
  const off = map.layerPointToContainerPoint([0, 0]);
  const dx = off.x - origin.x;
  const dy = off.y - origin.y;
  const d = line.data;
  /** @param {number} i */
  const inView = (i) => {
    const x = d.x[i] * scale + dx;
    const y = d.y[i] * scale + dy;
    return x >= 0 && y >= 0 && x <= size.x && y <= size.y;
  };
  /** @type {number[][][]} */
  const parts = [];
  for (const [start, end] of line.runs) {
    /** @type {number[][]} */
    let pts = [];
    let prev = false;
    for (let i = start; i < end; i++) {
      const now = inView(i);
      const next = i + 1 < end && inView(i + 1);
      if (!(now || prev || next)) {
        if (pts.length > 1) parts.push(pts);
        pts = [];
        prev = now;
        continue;
      }
      prev = now;
      const x = d.x[i] * scale + dx;
      const y = d.y[i] * scale + dy;
      const last = pts[pts.length - 1];
      if (last && i < end - 1 && Math.abs(x - last[0]) + Math.abs(y - last[1]) < 2) continue;
      pts.push([x, y]);
    }
    if (pts.length > 1) parts.push(pts);
  }
  return parts.sort((a, b) => b.length - a.length);
}
