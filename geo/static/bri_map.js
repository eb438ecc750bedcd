/* bri-corridors map page: built from geo/static/src by `npm run build` (esbuild); do not edit. */
"use strict";
var BriCorridors = (() => {
  var __defProp = Object.defineProperty;
  var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
  var __getOwnPropNames = Object.getOwnPropertyNames;
  var __hasOwnProp = Object.prototype.hasOwnProperty;
  var __export = (target, all) => {
    for (var name in all)
      __defProp(target, name, { get: all[name], enumerable: true });
  };
  var __copyProps = (to, from, except, desc) => {
    if (from && typeof from === "object" || typeof from === "function") {
      for (let key of __getOwnPropNames(from))
        if (!__hasOwnProp.call(to, key) && key !== except)
          __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
    }
    return to;
  };
  var __toCommonJS = (mod) => __copyProps(__defProp({}, "__esModule", { value: true }), mod);

  // geo/static/src/main.js
  var main_exports = {};
  __export(main_exports, {
    SPEC_VERSION: () => SPEC_VERSION,
    createMap: () => createMap
  });

  // geo/static/src/decode.js
  var B85 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;.=>?@^_`{|}~";
  var B85_VALUE = new Int16Array(128).fill(-1);
  for (let i = 0; i < B85.length; i++) B85_VALUE[B85.charCodeAt(i)] = i;
  var NONE_CODE = 15;
  function base85Bytes(text) {
    const n = text.length;
    const full = Math.floor(n / 5);
    const rest = n % 5;
    const out = new Uint8Array(full * 4 + (rest ? rest - 1 : 0));
    let o = 0;
    for (let g = 0; g <= full; g++) {
      const start = g * 5;
      const len = g < full ? 5 : rest;
      if (!len) break;
      let v = 0;
      for (let j = 0; j < 5; j++) {
        const c = j < len ? B85_VALUE[text.charCodeAt(start + j)] : 84;
        if (c === void 0 || c < 0) {
          throw new Error(`bri-corridors: not base-85 text at ${start + j}`);
        }
        v = v * 85 + c;
      }
      const bytes = len === 5 ? 4 : len - 1;
      for (let k = 0; k < bytes; k++) out[o++] = v / 256 ** (3 - k) & 255;
    }
    return out;
  }
  function varints(text, signed) {
    const bytes = base85Bytes(text);
    const out = new Float64Array(bytes.length);
    let m = 0;
    let value = 0;
    let scale = 1;
    for (const b of bytes) {
      value += (b & 127) * scale;
      if (b < 128) {
        if (signed) value = value % 2 ? -(value + 1) / 2 : value / 2;
        out[m++] = value;
        value = 0;
        scale = 1;
      } else {
        scale *= 128;
      }
    }
    return out.subarray(0, m);
  }
  function packed(spec) {
    const bytes = base85Bytes(spec.packed);
    const bits = spec.bits;
    const n = spec.count;
    const far = spec.far ? varints(spec.far, false) : new Float64Array(0);
    const out = new Float64Array(n);
    const top = 2 ** bits - 1;
    const pow2 = [1, 2, 4, 8, 16, 32, 64, 128];
    let f = 0;
    let acc = 0;
    let have = 0;
    let b = 0;
    for (let i = 0; i < n; i++) {
      while (have < bits) {
        acc = acc * 256 + bytes[b++];
        have += 8;
      }
      const scale = pow2[have - bits];
      let v = Math.floor(acc / scale);
      acc -= v * scale;
      have -= bits;
      if (v === top) v = far[f++];
      out[i] = v % 2 ? -(v + 1) / 2 : v / 2;
    }
    return out;
  }
  function decodeGeometries(g, areaRuns = false) {
    const shapes = varints(g.shapes, false);
    const deltas = packed(g.coords);
    const n = deltas.length / 2;
    const lng = new Float64Array(n);
    const lat = new Float64Array(n);
    const scale = g.scale;
    let x = 0;
    let y = 0;
    for (let p = 0; p < n; p++) {
      x += deltas[2 * p];
      y += deltas[2 * p + 1];
      lng[p] = x / scale;
      lat[p] = y / scale;
    }
    let k = 0;
    let pos = 0;
    const take = (m) => {
      const out2 = new Array(m);
      for (let j = 0; j < m; j++, pos++) out2[j] = [lat[pos], lng[pos]];
      return out2;
    };
    const run = (m) => {
      pos += m;
      return [pos - m, pos];
    };
    const rings = () => {
      const r = shapes[k++];
      const out2 = new Array(r);
      for (let j = 0; j < r; j++) out2[j] = areaRuns ? run(shapes[k++]) : take(shapes[k++]);
      return out2;
    };
    const repeat = (each) => {
      const m = shapes[k++];
      const parts = new Array(m);
      for (let j = 0; j < m; j++) parts[j] = each();
      return parts;
    };
    const one = () => {
      const code = shapes[k++];
      switch (code) {
        case 0:
          return { type: 0, coords: take(1)[0] };
        case 1:
          return { type: 1, coords: [run(shapes[k++])] };
        case 3:
          return { type: 3, coords: rings() };
        case 4:
          return { type: 4, coords: take(shapes[k++]) };
        case 5:
          return { type: 5, coords: repeat(() => run(shapes[k++])) };
        case 6: {
          const parts = repeat(rings);
          return { type: 6, coords: areaRuns ? parts.flat() : parts };
        }
        case 7:
          return { type: 7, coords: repeat(one) };
        default:
          return { type: NONE_CODE, coords: null };
      }
    };
    const out = [];
    while (k < shapes.length) out.push(one());
    return { shapes: out, lng, lat };
  }

  // geo/static/src/typedline.js
  var MAX_LAT = 85.0511287798;
  function mercator(lng, lat) {
    const n = lng.length;
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      x[i] = (lng[i] + 180) / 360 * 256;
      const s = Math.sin(Math.max(Math.min(lat[i], MAX_LAT), -MAX_LAT) * Math.PI / 180);
      y[i] = (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * 256;
    }
    return { x, y, lng, lat };
  }
  function runBounds(data, runs) {
    let w = Infinity;
    let s = Infinity;
    let e = -Infinity;
    let n = -Infinity;
    for (const [start, end] of runs) {
      for (let i = start; i < end; i++) {
        const a = data.lng[i];
        const b = data.lat[i];
        if (a < w) w = a;
        if (a > e) e = a;
        if (b < s) s = b;
        if (b > n) n = b;
      }
    }
    return [w, s, e, n];
  }
  var TypedLine = L.Polyline.extend({
    /**
     * @param {Projected} data
     * @param {Run[]} runs
     * @param {L.PolylineOptions} options
     */
    initialize(data, runs, options) {
      L.setOptions(this, options);
      this.data = data;
      this.runs = runs;
      const [w, s, e, n] = runBounds(data, runs);
      this.box = L.latLngBounds([s, w], [n, e]);
      this.copies = [0];
      if (e > 180) this.copies.push(-360);
      if (w < -180) this.copies.push(360);
    },
    getBounds() {
      return this.box;
    },
    getLatLngs() {
      const d = this.data;
      const parts = this.runs.map(([start, end]) => {
        const out = [];
        for (let i = start; i < end; i++) out.push(new L.LatLng(d.lat[i], d.lng[i]));
        return out;
      });
      return parts.length === 1 ? parts[0] : parts;
    },
    /** The middle position of the longest part. */
    getCenter() {
      let best = this.runs[0];
      for (const r of this.runs) if (r[1] - r[0] > best[1] - best[0]) best = r;
      const i = Math.floor((best[0] + best[1] - 1) / 2);
      return new L.LatLng(this.data.lat[i], this.data.lng[i]);
    },
    /**
     * The point of the drawn path nearest to a container point (for the measure tool).
     * @param {L.Point} containerPoint
     */
    closestLatLng(containerPoint) {
      const map = this._map;
      const best = this.closestLayerPoint(map.containerPointToLayerPoint(containerPoint));
      return best ? map.layerPointToLatLng(best) : null;
    },
    isEmpty() {
      return !this.runs.length;
    },
    _project() {
      const map = this._map;
      const scale = 2 ** map.getZoom();
      const o = map.getPixelOrigin();
      const d = this.data;
      let x0 = Infinity;
      let y0 = Infinity;
      let x1 = -Infinity;
      let y1 = -Infinity;
      this._rings = [];
      for (const copy of this.copies) {
        const dx = copy / 360 * 256 * scale - o.x;
        for (const [start, end] of this.runs) {
          const ring = new Array(end - start);
          for (let i = start; i < end; i++) {
            const px = d.x[i] * scale + dx;
            const py = d.y[i] * scale - o.y;
            ring[i - start] = new L.Point(px, py);
            if (px < x0) x0 = px;
            if (px > x1) x1 = px;
            if (py < y0) y0 = py;
            if (py > y1) y1 = py;
          }
          this._rings.push(ring);
        }
      }
      if (x0 <= x1) {
        this._rawPxBounds = new L.Bounds([x0, y0], [x1, y1]);
        this._updateBounds();
      }
    }
  });

  // geo/static/src/basemap.js
  function decodeBasemap(spec) {
    const geoms = decodeGeometries(spec.geometry, true);
    const data = mercator(geoms.lng, geoms.lat);
    const boxes = (runs) => runs.map(([start, end]) => {
      let x0 = Infinity;
      let y0 = Infinity;
      let x1 = -Infinity;
      let y1 = -Infinity;
      for (let i = start; i < end; i++) {
        const x = data.x[i];
        const y = data.y[i];
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
      return [x0, y0, x1, y1];
    });
    const land = geoms.shapes[0].coords;
    const borders = geoms.shapes[1].coords;
    return { spec, data, land, borders, landBoxes: boxes(land), borderBoxes: boxes(borders) };
  }
  function drawBase(ctx, base, scale, ox, oy, size, rings) {
    const d = base.data;
    const runs = rings ? base.land : base.borders;
    const boxes = rings ? base.landBoxes : base.borderBoxes;
    let n = 0;
    for (let k = -1; k <= 1; k++) {
      const dx = 256 * k * scale - ox;
      for (let r = 0; r < runs.length; r++) {
        const box = boxes[r];
        if (box[2] * scale + dx < -2 || box[0] * scale + dx > size + 2 || box[3] * scale - oy < -2 || box[1] * scale - oy > size + 2) {
          continue;
        }
        const [start, end] = runs[r];
        let lx = d.x[start] * scale + dx;
        let ly = d.y[start] * scale - oy;
        ctx.moveTo(lx, ly);
        for (let i = start + 1; i < end; i++) {
          const px = d.x[i] * scale + dx;
          const py = d.y[i] * scale - oy;
          if (i < end - 1 && Math.abs(px - lx) + Math.abs(py - ly) < 0.5) continue;
          ctx.lineTo(px, py);
          lx = px;
          ly = py;
        }
        if (rings) ctx.closePath();
        n++;
      }
    }
    return n;
  }
  var TILE_BUDGET_MS = 5;
  var TileQueue = class {
    constructor() {
      this.jobs = [];
      this.frame = null;
    }
    /** @param {() => void} job */
    push(job) {
      this.jobs.push(job);
      if (!this.frame) this.frame = requestAnimationFrame(() => this.run());
    }
    run() {
      this.frame = null;
      const t0 = performance.now();
      while (this.jobs.length && performance.now() - t0 < TILE_BUDGET_MS) {
        this.jobs.shift()();
      }
      if (this.jobs.length) this.frame = requestAnimationFrame(() => this.run());
    }
  };
  var BaseMap = L.GridLayer.extend({
    /**
     * @param {DecodedBasemap | (() => DecodedBasemap)} base
     * @param {BaseMapOptions} options
     */
    initialize(base, options) {
      L.setOptions(this, L.extend({ pane: "bri-base", keepBuffer: 2 }, options));
      this.source = base;
    },
    /** @returns {DecodedBasemap} */
    decoded() {
      if (typeof this.source === "function") this.source = this.source();
      return this.source;
    },
    getAttribution() {
      return this.options.attribution;
    },
    /** @param {L.Map} map */
    onAdd(map) {
      if (!map.getPane("bri-base")) map.createPane("bri-base").style.zIndex = "250";
      this.shownOn = map;
      this.background = map.getContainer().style.background;
      map.getContainer().style.background = this.options.sea;
      L.GridLayer.prototype.onAdd.call(this, map);
    },
    /** @param {L.Map} map */
    onRemove(map) {
      L.GridLayer.prototype.onRemove.call(this, map);
      this.shownOn = null;
      map.getContainer().style.background = this.background;
    },
    /**
     * @param {L.Coords} coords
     * @param {L.DoneCallback} done
     */
    createTile(coords, done) {
      const tile = L.DomUtil.create("canvas", "leaflet-tile");
      this.options.queue.push(() => {
        if (this.shownOn) this.drawTile(tile, coords);
        done(void 0, tile);
      });
      return tile;
    },
    /**
     * @param {HTMLCanvasElement & {_briDrawn?: object}} tile
     * @param {L.Coords} coords
     */
    drawTile(tile, coords) {
      const size = this.getTileSize().x;
      const ratio = window.devicePixelRatio || 1;
      const base = this.decoded();
      tile.width = tile.height = Math.round(size * ratio);
      const ctx = (
        /** @type {CanvasRenderingContext2D} */
        tile.getContext("2d")
      );
      const st = base.spec.style;
      const scale = 2 ** coords.z;
      ctx.scale(ratio, ratio);
      ctx.beginPath();
      const rings = drawBase(ctx, base, scale, coords.x * size, coords.y * size, size, true);
      ctx.fillStyle = st.land;
      ctx.fill("evenodd");
      let lines = 0;
      if (this.options.borders) {
        ctx.beginPath();
        lines = drawBase(ctx, base, scale, coords.x * size, coords.y * size, size, false);
        ctx.strokeStyle = st.border;
        ctx.lineWidth = st.borderWeight;
        ctx.lineJoin = "round";
        ctx.stroke();
      }
      tile._briDrawn = { rings, lines };
    }
  });

  // geo/static/src/text.js
  var URL_RE = /https?:\/\/[^\s<>"'()[\]]+[^\s<>"'()[\].,;:]/g;
  function linkRuns(value) {
    const text = String(value);
    const out = [];
    let last = 0;
    for (const match of text.matchAll(URL_RE)) {
      const at = (
        /** @type {number} */
        match.index
      );
      if (at > last) out.push({ text: text.slice(last, at) });
      out.push({ text: match[0], href: match[0] });
      last = at + match[0].length;
    }
    if (last < text.length) out.push({ text: text.slice(last) });
    return out;
  }

  // geo/static/src/dom.js
  var SVG_NS = "http://www.w3.org/2000/svg";
  function el(tag, className, parent, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== void 0 && text !== null) node.textContent = String(text);
    if (parent) parent.appendChild(node);
    return node;
  }
  function svgNode(tag, attrs, parent) {
    const node = (
      /** @type {SVGElement} */
      document.createElementNS(SVG_NS, tag)
    );
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
    if (parent) parent.appendChild(node);
    return node;
  }
  function appendLinked(parent, text) {
    for (const run of linkRuns(text)) {
      if (run.href === void 0) {
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
  function stopEvents(node) {
    L.DomEvent.disableClickPropagation(node);
    L.DomEvent.disableScrollPropagation(node);
  }

  // geo/static/src/format.js
  function trimZeros(x) {
    return String(Number(x.toPrecision(6)));
  }
  var WORDS = (
    /** @type {const} */
    [
      [1e9, "billion"],
      [1e6, "million"]
    ]
  );
  function fmtNumber(v, group) {
    if (Number.isInteger(v)) {
      for (const [size, word] of WORDS) {
        if (Math.abs(v) >= size && v % (size / 10) === 0) return `${trimZeros(v / size)} ${word}`;
      }
      return group || Math.abs(v) >= 1e4 ? v.toLocaleString("en-US") : String(v);
    }
    for (const [size, word] of WORDS) {
      if (Math.abs(v) >= size) return `${trimZeros(v / size)} ${word}`;
    }
    return v.toLocaleString("en-US", { maximumSignificantDigits: 6 });
  }
  function fmtValue(v) {
    if (Array.isArray(v)) {
      if (v.length && v.every((x) => x && typeof x === "object" && "name" in x)) {
        return v.map((x) => String(x.name) + (x.assumed === true ? " (crossing assumed)" : "")).join(" – ");
      }
      return v.map(fmtValue).join(", ");
    }
    if (v && typeof v === "object") return JSON.stringify(v);
    if (typeof v === "number") return fmtNumber(v, false);
    return String(v);
  }
  function fmtLength(km, units, metresPer) {
    return units.map((u) => {
      const metres = metresPer.get(u);
      if (metres === void 0) throw new Error(`bri-corridors: unknown unit ${u}`);
      return `${Math.round(km * 1e3 / metres).toLocaleString("en-US")} ${u}`;
    }).join(" · ");
  }
  function fmtFixed(value, digits) {
    return value.toLocaleString("en-GB", {
      maximumFractionDigits: digits,
      minimumFractionDigits: digits
    });
  }
  function isMissing(v) {
    return v === null || v === void 0 || v === "" || Array.isArray(v) && !v.length || typeof v === "object" && !Array.isArray(v) && !Object.keys(v).length;
  }

  // geo/static/src/controls/panel.js
  function boxControl(position, className, fill, options = {}, extra) {
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
    return (
      /** @type {L.Control & T} */
      Object.assign(ctl, extra)
    );
  }
  function collapsible(state, box, title, bodyClass) {
    const map = state.map;
    const toggle = el("button", "bri-collapse", box, title);
    toggle.type = "button";
    const body = el("div", bodyClass, box);
    const size = map.getSize();
    const setOpen = (open) => {
      body.hidden = !open;
      toggle.setAttribute("aria-expanded", String(open));
      map.getContainer().classList.toggle(`${bodyClass}-open`, open);
    };
    setOpen(!(size.x < 700 || size.y < 560));
    state.panels.push(setOpen);
    toggle.addEventListener("click", () => {
      const open = body.hidden === true;
      const small = map.getSize().x < 600;
      if (open && small) {
        for (const other of state.panels) if (other !== setOpen) other(false);
      }
      setOpen(open);
    });
    return { body, setOpen };
  }
  function button(parent, text, title) {
    const b = el("a", "bri-button", parent, text);
    b.href = "#";
    b.title = title;
    b.setAttribute("role", "button");
    b.setAttribute("aria-label", title);
    return b;
  }

  // geo/static/src/controls/figures.js
  function pointText(p, unit) {
    return `${p.year}: ${fmtNumber(p.value, true)}${unit ? ` ${unit}` : ""}${p.note ? ` (${p.note})` : ""}`;
  }
  function seriesChart(parent, series) {
    const box = el("div", "bri-series", parent);
    el("div", "bri-series-title", box, series.label + (series.unit ? ` (${series.unit})` : ""));
    const pts = series.points;
    const first = pts[0].year;
    const last = pts[pts.length - 1].year;
    const max = Math.max(...pts.map((p) => p.value)) || 1;
    const years = last - first + 1;
    const w = 260;
    const h = 96;
    const top = 14;
    const bottom = 16;
    const step = w / years;
    const bar = Math.max(2, step * 0.72);
    const svg = svgNode(
      "svg",
      { width: "100%", viewBox: `0 0 ${w} ${h}`, role: "img", class: "bri-series-chart" },
      box
    );
    svg.setAttribute("aria-label", `${series.label}, ${first} to ${last}`);
    const byYear = new Map(pts.map((p) => [p.year, p]));
    for (let y = first; y <= last; y++) {
      const p = byYear.get(y);
      const x = (y - first) * step + (step - bar) / 2;
      if (!p) {
        const attrs = { x1: x, x2: x + bar, y1: h - bottom, y2: h - bottom, stroke: "#999" };
        svgNode("line", { ...attrs, "stroke-dasharray": "2 2" }, svg);
        continue;
      }
      const bh = Math.max(1, (h - top - bottom) * p.value / max);
      const rect = svgNode(
        "rect",
        { x, y: h - bottom - bh, width: bar, height: bh, fill: "#5b3f8c", class: "bri-series-bar" },
        svg
      );
      rect.dataset.year = String(p.year);
      const title = svgNode("title", {}, rect);
      title.textContent = `${pointText(p, series.unit)}. Source: ${p.source}`;
    }
    const label = (text, x, anchor, y) => {
      const t = svgNode("text", { x, y, "text-anchor": anchor, "font-size": 10, fill: "#444" }, svg);
      t.textContent = text;
    };
    label(String(first), 0, "start", h - 3);
    label(String(last), w, "end", h - 3);
    label(fmtNumber(
      /** @type {SeriesPoint} */
      byYear.get(last).value,
      true
    ), w, "end", 10);
    const gaps = [];
    for (let g = first; g <= last; g++) if (!byYear.has(g)) gaps.push(g);
    if (gaps.length)
      el("div", "bri-series-gaps", box, `No published total found for ${gaps.join(", ")}`);
    if (series.note) el("div", "bri-series-gaps", box, series.note);
    const details = el("details", "bri-series-sources", box);
    el("summary", null, details, "Sources, year by year");
    const ul = el("ul", null, details);
    for (const p of pts) {
      const li = el(
        "li",
        null,
        ul,
        `${p.year}: ${fmtNumber(p.value, true)}${p.note ? ` (${p.note})` : ""}. `
      );
      appendLinked(el("i", null, li), p.source);
    }
    return box;
  }
  function figuresControl(state) {
    const figures = state.config.figures || [];
    const series = state.config.series || [];
    const fill = (box) => {
      const { body, setOpen } = collapsible(state, box, "In figures", "bri-figures-body");
      setOpen(false);
      for (const one of series) seriesChart(body, one);
      const list = el("ul", null, body);
      const sources = [];
      for (const f of figures) {
        const item = el("li", null, list);
        el("b", null, item, f.value);
        el("span", null, item, ` ${f.label} (${f.year}${f.note ? `, ${f.note}` : ""})`);
        item.title = `${f.where} · Source: ${f.source}`;
        if (sources.indexOf(f.source) < 0) sources.push(f.source);
      }
      el("div", "bri-source", body, `Source: ${sources.join("; ")}`);
    };
    return boxControl("bottomleft", "bri-panel bri-figures", fill, { label: "Figures" });
  }

  // geo/static/src/controls/fullscreen.js
  function fullscreenControl(map) {
    const fill = (box) => {
      const b = button(box, "", "Full screen");
      el("span", "bri-fs-icon", b);
      b.addEventListener("click", (e) => {
        e.preventDefault();
        const c = map.getContainer();
        if (document.fullscreenElement) {
          document.exitFullscreen();
          return;
        }
        if (c.requestFullscreen) {
          c.requestFullscreen().catch(() => c.classList.toggle("bri-fullscreen"));
        } else {
          c.classList.toggle("bri-fullscreen");
        }
      });
      document.addEventListener("fullscreenchange", () => map.invalidateSize());
    };
    return boxControl("topleft", "leaflet-bar", fill, { ownEvents: false });
  }

  // geo/static/src/symbols.js
  var CIRCLE = { circle: true };
  function shapeOf(symbols, name) {
    return name !== void 0 && symbols.get(name) || CIRCLE;
  }
  function traceSymbol(path, shape, x, y, s) {
    if (!("polygon" in shape)) {
      path.arc(x, y, s, 0, Math.PI * 2, false);
      return;
    }
    shape.polygon.forEach(([u, v], i) => {
      if (i === 0) path.moveTo(x + u * s, y + v * s);
      else path.lineTo(x + u * s, y + v * s);
    });
    path.closePath();
  }
  function svgSymbol(shape, cx, cy, r) {
    if (!("polygon" in shape)) return { tag: "circle", attrs: { cx, cy, r } };
    const points = shape.polygon.map(([u, v]) => [Math.round(cx + u * r), Math.round(cy + v * r)]);
    if (isBox(points)) {
      const xs = points.map((p) => p[0]);
      const ys = points.map((p) => p[1]);
      const [x, y] = [Math.min(...xs), Math.min(...ys)];
      return {
        tag: "rect",
        attrs: { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y }
      };
    }
    return { tag: "polygon", attrs: { points: points.map((p) => p.join(",")).join(" ") } };
  }
  function isBox(points) {
    return points.length === 4 && points.every(([x, y], i) => {
      const [nx, ny] = points[(i + 1) % 4];
      return x === nx !== (y === ny);
    });
  }
  var ICON_RADIUS = 5;
  function layerIcon(spec, symbols, parent) {
    const box = el("span", "bri-symbol", parent);
    const st = spec.style;
    const svg = svgNode("svg", { width: 28, height: 14, "aria-hidden": "true" }, box);
    if (spec.kind === "line") {
      const attrs = { x1: 1, y1: 7, x2: 27, y2: 7, stroke: st.color };
      attrs["stroke-width"] = Math.min(st.weight, 6);
      if (st.dashArray) attrs["stroke-dasharray"] = st.dashArray;
      svgNode("line", attrs, svg);
    } else if (spec.kind === "area" || spec.kind === "mixed") {
      svgNode(
        "rect",
        {
          x: 4,
          y: 2,
          width: 20,
          height: 10,
          fill: st.fillColor,
          "fill-opacity": Math.max(st.fillOpacity, 0.25),
          stroke: st.color,
          "stroke-width": 1.5
        },
        svg
      );
    } else {
      const { tag, attrs } = svgSymbol(shapeOf(symbols, st.symbol), 14, 7, ICON_RADIUS);
      svgNode(tag, { ...attrs, fill: st.markerColor, stroke: "#ffffff", "stroke-width": 1.5 }, svg);
      svg.setAttribute("class", "bri-symbol-point");
    }
    return box;
  }

  // geo/static/src/controls/layers.js
  function layerControl(state) {
    const { map, config } = state;
    const boxes = /* @__PURE__ */ new Map();
    const radioName = `bri-basemap-${L.stamp(map)}`;
    const fill = (box) => {
      const { body } = collapsible(state, box, "Layers", "bri-layers-body");
      el("div", "bri-group-title", body, "Base map");
      [config.basemap, ...config.basemaps].forEach((b, i) => {
        const label = el("label", "bri-row", body);
        const input = el("input", null, label);
        input.type = "radio";
        input.name = radioName;
        input.checked = i === 0;
        input.dataset.basemap = String(i);
        el("span", null, label, b.name);
        input.addEventListener("change", () => state.setBasemap(i));
      });
      for (const group of config.groups) {
        const members = config.layers.filter((s) => s.group === group);
        if (!members.length) continue;
        const section = el("div", "bri-group", body);
        el("div", "bri-group-title", section, group);
        for (const spec of members) {
          const label = el("label", "bri-row bri-overlay", section);
          if (spec.description) label.title = spec.description;
          const input = el("input", null, label);
          input.type = "checkbox";
          input.checked = true;
          input.dataset.layer = spec.id;
          boxes.set(spec.id, input);
          layerIcon(spec, state.tables.symbols, label);
          el("span", "bri-overlay-name", label, spec.title);
          el("span", "bri-count", label, spec.count.toLocaleString("en-US"));
          input.addEventListener("change", () => {
            if (input.checked) map.addLayer(state.layers[spec.id].layer);
            else map.removeLayer(state.layers[spec.id].layer);
            state.changed();
          });
        }
      }
    };
    return boxControl(
      "topright",
      "bri-panel bri-layers leaflet-bar",
      fill,
      { role: "group", label: "Layers" },
      {
        /**
         * Tick a layer's box (when search turns the layer on).
         * @param {string} id
         */
        check(id) {
          const input = boxes.get(id);
          if (input) input.checked = true;
        }
      }
    );
  }

  // geo/static/src/controls/legend.js
  function legendControl(state) {
    const { map, config } = state;
    let list = null;
    let panel = null;
    const update = () => {
      if (!list || !panel) return;
      list.textContent = "";
      for (const spec of config.layers) {
        if (!map.hasLayer(state.layers[spec.id].layer)) continue;
        const item = el("li", "bri-legend-item", list);
        item.dataset.layer = spec.id;
        layerIcon(spec, state.tables.symbols, item);
        el("span", null, item, spec.title);
      }
      panel.hidden = !list.children.length;
    };
    const fill = (box) => {
      panel = box;
      list = el("ul", null, collapsible(state, box, "Legend", "bri-legend-body").body);
      update();
    };
    return boxControl("bottomright", "bri-panel bri-legend", fill, { label: "Legend" }, { update });
  }

  // geo/static/src/geodesic.js
  function geodesicMetres(p, q) {
    const g = geodesic.Geodesic;
    return g.WGS84.Inverse(p.lat, p.lng, q.lat, q.lng, g.DISTANCE).s12;
  }
  function geodesicPath(p, q, n) {
    const g = geodesic.Geodesic;
    const line = g.WGS84.InverseLine(
      p.lat,
      p.lng,
      q.lat,
      q.lng,
      g.LATITUDE | g.LONGITUDE | g.DISTANCE_IN
    );
    const mask = g.LATITUDE | g.LONGITUDE | g.LONG_UNROLL;
    const out = [];
    for (let i = 0; i <= n; i++) {
      const r = line.Position(line.s13 * i / n, mask);
      out.push([r.lat2, r.lon2]);
    }
    return out;
  }

  // geo/static/src/controls/measure.js
  var PATH_STEPS = 64;
  function geodesicThrough(points) {
    let path = [];
    for (let i = 1; i < points.length; i++) {
      let seg = geodesicPath(points[i - 1], points[i], PATH_STEPS);
      if (path.length) {
        const shift = Math.round((path[path.length - 1][1] - seg[0][1]) / 360) * 360;
        seg = seg.map(([lat, lng]) => [lat, lng + shift]);
      }
      path = path.concat(seg);
    }
    return path;
  }
  function measureControl(state) {
    const { map, renderer } = state;
    let active = false;
    let points = [];
    let line = null;
    const dots = L.layerGroup();
    let out;
    let toggle;
    const total = () => {
      let m = 0;
      for (let i = 1; i < points.length; i++) m += geodesicMetres(points[i - 1], points[i]);
      return m;
    };
    const redraw = () => {
      const path = geodesicThrough(points);
      if (line) map.removeLayer(line);
      line = path.length ? L.polyline(path, {
        renderer,
        color: "#111",
        weight: 2,
        dashArray: "4 4",
        interactive: false
      }).addTo(map) : null;
      const m = total();
      out.textContent = points.length < 2 ? "Click on the map or a feature to measure" : `${fmtFixed(m / 1e3, 1)} km · ${fmtFixed(m / 1852, 1)} nmi`;
      out.dataset.metres = m.toFixed(3);
      out.title = points.length < 2 ? "" : `${fmtFixed(m, 0)} m on the WGS84 ellipsoid (Karney)`;
    };
    const add = (latlng) => {
      points.push(L.latLng(latlng.lat, latlng.lng));
      L.circleMarker(latlng, { renderer, radius: 3, color: "#111", interactive: false }).addTo(dots);
      redraw();
    };
    const onClick = (e) => add(e.latlng);
    const stop = () => {
      active = false;
      map.off("click", onClick);
      map.getContainer().classList.remove("bri-measuring");
      toggle.setAttribute("aria-pressed", "false");
    };
    const fill = (box) => {
      toggle = button(box, "", "Measure a distance (km and nautical miles)");
      toggle.setAttribute("aria-pressed", "false");
      el("span", "bri-ruler", toggle);
      out = el("div", "bri-measure-out", box);
      out.hidden = true;
      out.setAttribute("role", "status");
      const clear = button(box, "×", "Clear the measurement");
      clear.hidden = true;
      toggle.addEventListener("click", (e) => {
        e.preventDefault();
        if (active) {
          stop();
          return;
        }
        active = true;
        toggle.setAttribute("aria-pressed", "true");
        points = [];
        dots.clearLayers().addTo(map);
        out.hidden = false;
        clear.hidden = false;
        map.closePopup();
        map.on("click", onClick);
        map.getContainer().classList.add("bri-measuring");
        redraw();
      });
      clear.addEventListener("click", (e) => {
        e.preventDefault();
        stop();
        points = [];
        dots.clearLayers();
        if (line) {
          map.removeLayer(line);
          line = null;
        }
        out.hidden = true;
        clear.hidden = true;
      });
    };
    return boxControl(
      "topleft",
      "leaflet-bar bri-measure",
      fill,
      {},
      {
        active: () => active,
        add,
        metres: total,
        /** @returns {[number, number][]} */
        points: () => points.map((p) => [p.lat, p.lng]),
        measureMetres: geodesicMetres
      }
    );
  }

  // geo/static/src/controls/minimap.js
  function miniMapControl(state, base) {
    const map = state.map;
    let ctl;
    const fill = (box) => {
      setTimeout(() => {
        const mini = L.map(box, {
          attributionControl: false,
          zoomControl: false,
          dragging: false,
          scrollWheelZoom: false,
          doubleClickZoom: false,
          boxZoom: false,
          keyboard: false,
          touchZoom: false
        });
        const sea = state.config.basemap.style.sea;
        ctl.base = new BaseMap(base, { borders: false, sea, queue: state.tiles }).addTo(mini);
        const rect = L.rectangle(map.getBounds(), {
          color: "#c0392b",
          weight: 1,
          fillOpacity: 0.08,
          interactive: false
        }).addTo(mini);
        const sync = () => {
          mini.setView(map.getCenter(), Math.max(0, map.getZoom() - 5), { animate: false });
          rect.setBounds(map.getBounds());
        };
        map.on("moveend", sync);
        sync();
        ctl.mini = mini;
      }, 0);
    };
    ctl = boxControl("bottomleft", "bri-minimap", fill, { hidden: true, ownEvents: false });
    return ctl;
  }

  // geo/static/src/spec.js
  var SPEC_VERSION = 3;
  function checkedSpec(spec) {
    const version = spec && typeof spec === "object" ? (
      /** @type {any} */
      spec.version
    ) : spec;
    if (version !== SPEC_VERSION) {
      throw new Error(`bri-corridors: map spec version ${version}, expected ${SPEC_VERSION}`);
    }
    return (
      /** @type {MapSpec} */
      spec
    );
  }
  function tablesOf(spec) {
    return {
      categories: new Map(Object.entries(spec.categories)),
      labels: new Map(Object.entries(spec.popup.labels)),
      hidden: new Set(spec.popup.hidden),
      metresPer: new Map(Object.entries(spec.units)),
      symbols: new Map(Object.entries(spec.symbols))
    };
  }
  function own(obj, key) {
    return obj && Object.hasOwn(obj, key) ? (
      /** @type {any} */
      obj[key]
    ) : void 0;
  }

  // geo/static/src/content.js
  function propertiesOf(spec, i) {
    const p = /* @__PURE__ */ new Map();
    const { columns, values } = spec.properties;
    columns.forEach((column, c) => {
      const v = values[c][i];
      if (v !== null && v !== void 0) p.set(column, v);
    });
    return p;
  }
  function lengthUnits(spec, tables) {
    return tables.categories.get(spec.category)?.units ?? ["km"];
  }
  function tooltipContent(spec, i, tables) {
    const p = propertiesOf(spec, i);
    const km = spec.lengths_km[i];
    const name = String(p.get("name"));
    if (km !== null && km !== void 0) {
      return {
        name,
        detail: fmtLength(km, lengthUnits(spec, tables), tables.metresPer),
        isLength: true
      };
    }
    const role = p.get("role");
    return { name, detail: isMissing(role) ? null : String(role), isLength: false };
  }
  function lengthRows(spec, p, km, area, tables) {
    const units = lengthUnits(spec, tables);
    const rows = [
      {
        label: area ? "Perimeter (geodesic)" : "Length (geodesic)",
        text: fmtLength(km, units, tables.metresPer)
      }
    ];
    const published = p.get("published_length_km");
    if (typeof published !== "number") return rows;
    const year = p.get("published_length_year");
    const source = p.get("published_length_source");
    const row = {
      label: "Published length",
      text: `${Math.round(published).toLocaleString("en-US")} km${isMissing(year) ? "" : ` (${year})`}`
    };
    if (!isMissing(source)) row.source = String(source);
    rows.push(row);
    if (published > 0) {
      rows.push({ label: "Drawn / published", text: `${Math.round(100 * km / published)}%` });
    }
    return rows;
  }
  function propertyRows(p, tables) {
    const { labels, hidden } = tables;
    const keys = [...labels.keys()].filter((k) => p.has(k));
    for (const k of [...p.keys()].sort()) {
      if (!labels.has(k) && !hidden.has(k) && k.charAt(0) !== "_") keys.push(k);
    }
    const rows = [];
    for (const k of keys) {
      const v = p.get(k);
      if (isMissing(v)) continue;
      let text = fmtValue(v);
      if (k === "via" && Array.isArray(v)) text += ` (${v.length} nodes)`;
      rows.push({ label: labels.get(k) || k, text });
    }
    return rows;
  }
  function figureItems(figures) {
    const items = [];
    for (const f of figures) {
      if (!f || typeof f !== "object") continue;
      const value = own(f, "value");
      const unit = own(f, "unit");
      const year = own(f, "year");
      const note = own(f, "note");
      items.push({
        label: String(own(f, "label") || ""),
        value: (typeof value === "number" ? fmtNumber(value, true) : String(value)) + (unit ? ` ${unit}` : ""),
        rest: ` in ${year === void 0 ? "" : year}${note ? ` (${note})` : ""}. `,
        source: String(own(f, "source") || "")
      });
    }
    return items;
  }
  function popupContent(spec, i, type, tables) {
    const p = propertiesOf(spec, i);
    const km = spec.lengths_km[i];
    const category = tables.categories.get(spec.category);
    const description = p.get("description");
    const rows = [];
    if (km !== null && km !== void 0)
      rows.push(...lengthRows(spec, p, km, type === 3 || type === 6, tables));
    rows.push(...propertyRows(p, tables));
    const figures = [];
    const featureFigures = p.get("figures");
    if (Array.isArray(featureFigures) && featureFigures.length) {
      figures.push({ heading: "Figures", items: figureItems(featureFigures) });
    }
    if (spec.figures?.length) {
      figures.push({ heading: `${spec.title}: figures`, items: figureItems(spec.figures) });
    }
    const sources = [];
    if (spec.source) sources.push({ label: "Layer source: ", text: spec.source });
    const source = p.get("source");
    if (!isMissing(source)) sources.push({ label: "Source: ", text: String(source) });
    return {
      title: String(p.get("name")),
      kind: `${category ? category.title : spec.category} · ${spec.title}`,
      description: isMissing(description) ? null : String(description),
      rows,
      figures,
      sources
    };
  }

  // geo/static/src/placement.js
  var CORNER_CLASSES = {
    topleft: ".leaflet-top.leaflet-left",
    topright: ".leaflet-top.leaflet-right",
    bottomleft: ".leaflet-bottom.leaflet-left",
    bottomright: ".leaflet-bottom.leaflet-right"
  };
  function controlCorners(map) {
    const container = map.getContainer();
    const box = container.getBoundingClientRect();
    const out = { topleft: null, topright: null, bottomleft: null, bottomright: null };
    for (
      const [pos, classes] of
      /** @type {[Corner, string][]} */
      Object.entries(CORNER_CLASSES)
    ) {
      const corner = container.querySelector(`:scope > .leaflet-control-container > ${classes}`);
      let r = null;
      for (const c of corner ? Array.from(corner.children) : []) {
        const b = c.getBoundingClientRect();
        if (
          /** @type {HTMLElement} */
          c.hidden || !b.width || !b.height
        ) continue;
        const cr = {
          left: b.left - box.left,
          top: b.top - box.top,
          right: b.right - box.left,
          bottom: b.bottom - box.top
        };
        r = r ? {
          left: Math.min(r.left, cr.left),
          top: Math.min(r.top, cr.top),
          right: Math.max(r.right, cr.right),
          bottom: Math.max(r.bottom, cr.bottom)
        } : cr;
      }
      out[pos] = r;
    }
    return out;
  }
  function clearOfControls(map, width, margin) {
    const size = map.getSize();
    const c = controlCorners(map);
    const v = (r, key, none) => r ? r[key] : none;
    const left = Math.max(v(c.topleft, "right", 0), v(c.bottomleft, "right", 0)) + margin;
    const right = size.x - Math.min(v(c.topright, "left", size.x), v(c.bottomright, "left", size.x)) + margin;
    if (size.x - left - right >= width) {
      return [
        [left, margin],
        [right, margin]
      ];
    }
    const top = Math.max(v(c.topleft, "bottom", 0), v(c.topright, "bottom", 0)) + margin;
    const bottom = size.y - Math.min(v(c.bottomleft, "top", size.y), v(c.bottomright, "top", size.y)) + margin;
    return [
      [margin, top],
      [margin, bottom]
    ];
  }

  // geo/static/src/popup.js
  function renderFigureItems(parent, items) {
    const ul = el("ul", null, parent);
    for (const f of items) {
      const li = el("li", null, ul);
      li.appendChild(document.createTextNode(`${f.label}: `));
      el("b", null, li, f.value);
      li.appendChild(document.createTextNode(f.rest));
      appendLinked(el("i", null, li, "Source: "), f.source);
    }
  }
  function renderPopup(content) {
    const box = el("div", "bri-popup");
    el("h4", null, box, content.title);
    el("div", "bri-kind", box, content.kind);
    if (content.description !== null) el("p", null, box, content.description);
    if (content.rows.length) {
      const table = el("table", null, box);
      for (const row of content.rows) {
        const tr = el("tr", null, table);
        el("th", null, tr, row.label);
        const td = el("td", null, tr, row.text);
        if (row.source !== void 0) {
          td.appendChild(document.createTextNode("; "));
          appendLinked(td, row.source);
        }
      }
    }
    for (const list of content.figures) {
      el("b", null, box, list.heading);
      renderFigureItems(box, list.items);
    }
    for (const line of content.sources)
      appendLinked(el("div", "bri-source", box, line.label), line.text);
    return box;
  }
  function renderTooltip(content) {
    const box = el("div", "bri-tip");
    el("b", null, box, content.name);
    if (content.detail !== null) {
      el("br", null, box);
      el("span", content.isLength ? "bri-tip-len" : null, box, content.detail);
    }
    return box;
  }
  var POPUP_FRAME_PX = 50;
  function popupAnchor(target, latlng) {
    if (target.getLatLng && !target.getBounds) return target.getLatLng();
    if (latlng) return latlng;
    return target.getCenter ? target.getCenter() : target.getBounds().getCenter();
  }
  function openPopup(state, entry, i, latlng) {
    const map = state.map;
    const at = popupAnchor(entry.features[i], latlng);
    const size = map.getSize();
    const width = Math.min(380, size.x - 16 - POPUP_FRAME_PX);
    const pad = clearOfControls(map, width + POPUP_FRAME_PX + 16, 8);
    const height = Math.max(120, size.y - pad[0][1] - pad[1][1] - 60);
    state.popup = state.popup || L.popup({ className: "bri-popup-box" });
    L.setOptions(state.popup, {
      maxWidth: width,
      minWidth: Math.min(200, width),
      maxHeight: Math.min(420, height),
      autoPanPaddingTopLeft: L.point(pad[0]),
      autoPanPaddingBottomRight: L.point(pad[1])
    });
    const content = renderPopup(popupContent(entry.spec, i, entry.types[i], state.tables));
    return state.popup.setLatLng(at).setContent(content).openOn(map);
  }
  function tooltipNode(state, entry, i) {
    return renderTooltip(tooltipContent(entry.spec, i, state.tables));
  }

  // geo/static/src/controls/search.js
  var MAX_SUGGESTIONS = 50;
  function findFeature(index, query) {
    let part = null;
    for (const entry of index) {
      if (entry.lower === query) return entry;
      if (!part && entry.lower.indexOf(query) >= 0) part = entry;
    }
    return part;
  }
  function showFeature(state, hit) {
    const map = state.map;
    const entry = state.layers[hit.id];
    const target = (
      /** @type {any} */
      entry.features[hit.i]
    );
    if (!map.hasLayer(entry.layer)) {
      state.controls.layers?.check(hit.id);
      map.addLayer(entry.layer);
      state.changed();
    }
    if (target.getLatLng && !target.getBounds) {
      map.setView(target.getLatLng(), Math.max(map.getZoom(), 8), { animate: false });
    } else {
      map.fitBounds(target.getBounds(), { padding: [30, 30], animate: false });
    }
    openPopup(state, entry, hit.i);
  }
  function searchControl(state) {
    const fill = (box) => {
      const input = el("input", null, box);
      input.type = "search";
      input.placeholder = "Find a corridor, city, port…";
      input.setAttribute("aria-label", "Search features by name");
      const list = el("datalist", null, box);
      list.id = `bri-search-names-${L.stamp(state.map)}`;
      input.setAttribute("list", list.id);
      const names = [...new Set(state.index.map((f) => f.name))].sort();
      const lower = names.map((n) => n.toLowerCase());
      const suggest = () => {
        const q = input.value.trim().toLowerCase();
        let shown = 0;
        list.textContent = "";
        for (let i = 0; i < names.length && shown < MAX_SUGGESTIONS; i++) {
          if (!q || lower[i].indexOf(q) >= 0) {
            el("option", null, list).value = names[i];
            shown++;
          }
        }
      };
      suggest();
      const status = el("div", "bri-search-status", box);
      status.setAttribute("role", "status");
      const go = () => {
        const q = input.value.trim().toLowerCase();
        if (!q) {
          status.textContent = "";
          return;
        }
        const hit = findFeature(state.index, q);
        if (!hit) {
          status.textContent = `No feature named “${input.value}”`;
          return;
        }
        status.textContent = "";
        showFeature(state, hit);
      };
      input.addEventListener("input", suggest);
      input.addEventListener("change", go);
      input.addEventListener("keydown", (e) => {
        if (e.key === "Enter") go();
      });
    };
    return boxControl("topleft", "bri-panel bri-search", fill);
  }

  // geo/static/src/cluster.js
  var CELL_PX = 36;
  var Cluster = class {
    /**
     * @param {L.Map} map
     * @param {L.CircleMarker[]} markers
     * @param {LayerSpec} spec
     */
    constructor(map, markers, spec) {
      this.map = map;
      this.markers = markers;
      this.spec = spec;
      this.group = L.featureGroup();
      this.shown = 0;
      this.group.on("add", () => {
        this.redraw();
        map.on("zoomend", this.redraw, this);
      });
      this.group.on("remove", () => map.off("zoomend", this.redraw, this));
    }
    redraw() {
      const map = this.map;
      const cells = /* @__PURE__ */ new Map();
      this.group.clearLayers();
      this.shown = 0;
      const zoom = map.getZoom();
      const single = zoom >= map.getMaxZoom();
      for (const m of this.markers) {
        const pt = map.project(m.getLatLng(), zoom);
        const key = `${Math.floor(pt.x / CELL_PX)}:${Math.floor(pt.y / CELL_PX)}`;
        const list = cells.get(key);
        if (list) list.push(m);
        else cells.set(key, [m]);
      }
      for (const members of cells.values()) {
        if (members.length === 1 || single) {
          for (const m of members) this.group.addLayer(m);
        } else {
          this.group.addLayer(this.clusterMarker(members, zoom));
        }
        this.shown += members.length;
      }
    }
    /**
     * A cluster of markers: its count, in the layer's colour; a click zooms in on them.
     * @param {L.CircleMarker[]} members
     * @param {number} zoom
     */
    clusterMarker(members, zoom) {
      const map = this.map;
      const bounds = L.latLngBounds(members.map((m) => m.getLatLng()));
      const icon = L.divIcon({ className: "bri-cluster", iconSize: [30, 30], html: "" });
      const c = L.marker(bounds.getCenter(), { icon, keyboard: true });
      c.on("add", () => {
        const node = (
          /** @type {HTMLElement} */
          c.getElement()
        );
        node.textContent = String(members.length);
        node.style.setProperty("--bri-color", this.spec.style.markerColor);
        node.setAttribute("aria-label", `${members.length} features`);
      });
      c.bindTooltip(el("span", null, null, `${members.length} × ${this.spec.title}`));
      c.on("click", (e) => {
        L.DomEvent.stopPropagation(e);
        map.fitBounds(bounds.pad(0.3), { maxZoom: zoom + 3 });
      });
      return c;
    }
  };

  // geo/static/src/markers.js
  var SymbolMarker = L.CircleMarker.extend({
    _updatePath() {
      const r = this.options.renderer;
      if (!r._drawing || this._empty()) return;
      const p = this._point;
      const ctx = r._ctx;
      const s = Math.max(Math.round(this.getRadius()), 1);
      ctx.beginPath();
      traceSymbol(ctx, this.options.shape, p.x, p.y, s);
      r._fillStroke(ctx, this);
    }
  });
  function pointOptions(spec, role, renderer, symbols) {
    const byRole = typeof role === "string" && Object.hasOwn(spec.role_symbols, role) ? spec.role_symbols[role] : void 0;
    const symbol = byRole || spec.style.symbol;
    return {
      renderer,
      radius: spec.style.radius,
      symbol,
      shape: shapeOf(symbols, symbol),
      color: "#ffffff",
      weight: 1.5,
      opacity: 1,
      fillColor: spec.style.markerColor,
      fillOpacity: 1
    };
  }

  // geo/static/src/layers.js
  var FEATURE_OF = /* @__PURE__ */ new WeakMap();
  function featureOf(layer) {
    return FEATURE_OF.get(layer);
  }
  function tagFeature(layer, i) {
    FEATURE_OF.set(layer, i);
    if (layer instanceof L.LayerGroup) layer.eachLayer((l) => tagFeature(l, i));
  }
  function featureAt(e) {
    return featureOf(e.sourceTarget);
  }
  function leafletGeometry(geom, c) {
    const point = () => pointOptions(c.spec, c.role, c.state.renderer, c.state.tables.symbols);
    switch (geom.type) {
      case 0:
        return new SymbolMarker(geom.coords, point());
      case 1:
      case 5:
        return new TypedLine(c.data, geom.coords, c.style);
      case 3:
      case 6:
        return L.polygon(geom.coords, c.style);
      case 4:
        return L.featureGroup(
          geom.coords.map((p) => new SymbolMarker(p, point()))
        );
      case 7: {
        const members = geom.coords.map((g) => leafletGeometry(g, c)).filter((l) => l !== null);
        return members.length ? L.featureGroup(members) : null;
      }
      default:
        return null;
    }
  }
  function markerAt(state, point) {
    const map = state.map;
    let best = null;
    let dist = Infinity;
    for (const entry of Object.values(state.layers)) {
      for (const f of entry.features) {
        if (!(f instanceof L.CircleMarker) || !map.hasLayer(f)) continue;
        const d = map.latLngToContainerPoint(f.getLatLng()).distanceTo(point);
        if (d <= (f.getRadius() || 0) + 4 && d < dist) {
          dist = d;
          best = f.getLatLng();
        }
      }
    }
    return best;
  }
  function pointerHandlers(state, entry) {
    const map = state.map;
    const features = entry.features;
    const tip = L.tooltip({ direction: "auto", sticky: true, className: "bri-tooltip" });
    const isMarker = (target) => Boolean(target?.getLatLng && !target.getBounds);
    return {
      /** @param {L.LeafletMouseEvent} e */
      mouseover(e) {
        const i = featureAt(e);
        if (i === void 0) return;
        tip.setContent(tooltipNode(state, entry, i));
        const target = (
          /** @type {any} */
          features[i]
        );
        tip.setLatLng(isMarker(target) ? target.getLatLng() : e.latlng);
        map.openTooltip(tip);
      },
      /** @param {L.LeafletMouseEvent} e */
      mousemove(e) {
        const i = featureAt(e);
        if (map.hasLayer(tip) && e.latlng && !isMarker(i === void 0 ? null : features[i])) {
          tip.setLatLng(e.latlng);
        }
      },
      mouseout() {
        map.closeTooltip(tip);
      },
      /** @param {L.LeafletMouseEvent} e */
      click(e) {
        const i = featureAt(e);
        const measure = state.controls.measure;
        if (i === void 0) return;
        if (measure?.active()) {
          const hit = (
            /** @type {any} */
            e.sourceTarget
          );
          const at = (isMarker(hit) ? hit.getLatLng() : null) || e.containerPoint && markerAt(state, e.containerPoint) || // a port on a lane
          hit.closestLatLng && e.containerPoint && hit.closestLatLng(e.containerPoint) || e.latlng;
          L.DomEvent.stopPropagation(e);
          measure.add(at);
          return;
        }
        openPopup(state, entry, i, e.latlng);
      }
    };
  }
  function buildLayer(state, spec) {
    const geoms = decodeGeometries(spec.geometry);
    const style = {
      renderer: state.renderer,
      color: spec.style.color,
      weight: spec.style.weight,
      opacity: spec.style.opacity,
      fillColor: spec.style.fillColor,
      fillOpacity: spec.style.fillOpacity,
      dashArray: spec.style.dashArray
    };
    const roleCol = spec.properties.columns.indexOf("role");
    const data = mercator(geoms.lng, geoms.lat);
    const features = new Array(geoms.shapes.length);
    const markers = [];
    const paths = L.featureGroup();
    geoms.shapes.forEach((geom, i) => {
      const role = roleCol >= 0 ? spec.properties.values[roleCol][i] : null;
      const layer = leafletGeometry(geom, { spec, role, state, style, data });
      features[i] = layer;
      if (!layer) return;
      tagFeature(layer, i);
      if (spec.cluster && geom.type === 0) markers.push(
        /** @type {L.CircleMarker} */
        layer
      );
      else paths.addLayer(layer);
    });
    const entry = {
      spec,
      features,
      types: geoms.shapes.map((g) => g.type),
      markers,
      paths,
      layer: paths
    };
    const handlers = pointerHandlers(state, entry);
    paths.on(handlers);
    if (spec.cluster && markers.length) {
      entry.cluster = new Cluster(state.map, markers, spec);
      entry.cluster.group.on(handlers);
      entry.layer = L.layerGroup([entry.cluster.group, paths]);
    }
    return entry;
  }
  function drawnCount(entry, map) {
    if (!map.hasLayer(entry.layer)) return 0;
    let n = entry.paths.getLayers().length;
    if (entry.cluster) n += entry.cluster.shown || 0;
    return n;
  }

  // geo/static/src/main.js
  function addBasemaps(state) {
    const { map, config, timings } = state;
    const decoded = () => {
      const t = performance.now();
      if (!state.base) state.base = decodeBasemap(config.basemap);
      timings.basemap_decode_ms = timings.basemap_decode_ms || performance.now() - t;
      return state.base;
    };
    const builtin = new BaseMap(decoded, {
      attribution: config.basemap.attribution,
      maxZoom: config.basemap.maxZoom,
      sea: config.basemap.style.sea,
      borders: true,
      queue: state.tiles
    });
    state.basemaps.push(builtin.addTo(map));
    map.setMaxZoom(config.basemap.maxZoom);
    for (const b of config.basemaps) {
      state.basemaps.push(
        () => L.tileLayer(b.url, { maxZoom: b.maxZoom, attribution: b.attribution })
      );
    }
    return decoded;
  }
  function setBasemap(state, i) {
    const map = state.map;
    state.basemaps.forEach((t, j) => {
      if (typeof t !== "function" && j !== i) map.removeLayer(t);
    });
    const chosen = state.basemaps[i];
    const layer = typeof chosen === "function" ? chosen() : chosen;
    state.basemaps[i] = layer;
    map.setMaxZoom(
      /** @type {L.TileLayer} */
      layer.options.maxZoom ?? map.getMaxZoom()
    );
    layer.addTo(map);
  }
  function focusRingOnlyForKeys(map) {
    const container = map.getContainer();
    container.addEventListener("pointerdown", () => container.classList.add("bri-pointer"), true);
    document.addEventListener("keydown", () => container.classList.remove("bri-pointer"), true);
  }
  function fitFirstView(state, bounds) {
    const map = state.map;
    const size = map.getSize();
    const panel = (
      /** @type {L.Control} */
      state.controls.layers.getContainer()
    );
    const width = panel ? panel.offsetWidth : 0;
    let pad = [
      [size.x > 900 ? 60 : 10, 10],
      [size.x > 900 ? width + 20 : 10, 10]
    ];
    if (size.x < 600 && size.y > size.x) {
      const rows = clearOfControls(map, size.x, 6);
      pad = [
        [10, rows[0][1]],
        [10, Math.max(rows[1][1], 50)]
      ];
    }
    map.fitBounds(bounds, { paddingTopLeft: pad[0], paddingBottomRight: pad[1], animate: false });
  }
  function drawnPositions(f) {
    const out = [];
    const walk = (x) => {
      if (x instanceof L.LatLng) out.push([x.lng, x.lat]);
      else x.forEach(walk);
    };
    walk(f.getLatLngs ? f.getLatLngs() : [f.getLatLng()]);
    return out;
  }
  function createMap(map, spec) {
    const config = checkedSpec(spec);
    const t0 = performance.now();
    const state = {
      map,
      config,
      tables: tablesOf(config),
      layers: /* @__PURE__ */ Object.create(null),
      index: [],
      basemaps: [],
      controls: {},
      timings: {},
      renderer: L.canvas({ padding: 0.1, tolerance: 4 }),
      panels: [],
      tiles: new TileQueue(),
      popup: null,
      base: null,
      changed: () => state.controls.legend?.update?.(),
      setBasemap: (i) => setBasemap(state, i),
      drawn: (id) => drawnCount(state.layers[id], map),
      positions: (id, i) => drawnPositions(state.layers[id].features[i]),
      openPopup: (id, i) => openPopup(state, state.layers[id], i),
      featureOf
    };
    const decodedBasemap = addBasemaps(state);
    focusRingOnlyForKeys(map);
    let tDecode = 0;
    for (const layerSpec of config.layers) {
      const t2 = performance.now();
      const entry = buildLayer(state, layerSpec);
      tDecode += performance.now() - t2;
      state.layers[layerSpec.id] = entry;
      layerSpec.properties.values[0].forEach((name, i) => {
        if (!entry.features[i]) return;
        const text = String(name);
        state.index.push({ name: text, lower: text.toLowerCase(), id: layerSpec.id, i });
      });
    }
    state.timings.build_ms = tDecode;
    const controls = state.controls;
    controls.layers = layerControl(state).addTo(map);
    controls.search = searchControl(state).addTo(map);
    controls.measure = measureControl(state).addTo(map);
    controls.fullscreen = fullscreenControl(map).addTo(map);
    if (config.figures?.length || config.series?.length)
      controls.figures = figuresControl(state).addTo(map);
    if (config.bounds) fitFirstView(state, config.bounds);
    const t = performance.now();
    for (const layerSpec of config.layers) state.layers[layerSpec.id].layer.addTo(map);
    state.timings.draw_ms = performance.now() - t;
    controls.legend = legendControl(state).addTo(map);
    controls.minimap = miniMapControl(state, decodedBasemap).addTo(map);
    state.timings.init_ms = performance.now() - t0;
    state.timings.start_ms = t0;
    return state;
  }
  return __toCommonJS(main_exports);
})();
