/* The view as a picture, drawn offline onto one canvas at `factor` pixels per CSS px:
 * the built-in base map (from the page's own data, at that resolution; a tile base map
 * would taint the canvas, so where one is shown the built-in one is drawn instead), the
 * layers, the labels (in the fonts, colours and halos the page gives them), the clusters,
 * the title block, a legend of the layers shown and of the statuses drawn, the scale bar
 * and the attribution. Nothing is scaled up: each part is drawn again at the picture's
 * resolution.
 *
 * The layers are drawn by their own canvas renderer onto the picture's canvas: Leaflet has
 * no public way to draw a renderer elsewhere, so this sets the renderer's `_ctx` (its
 * canvas context) to the picture's for one call of its `_draw()` (which draws every path
 * in its order, as a redraw does; `_redrawBounds` null: all of them) and puts both back.
 * Before that, at a factor above 1, each line's `smoothFactor` (Leaflet's simplification,
 * in CSS px) is divided by the factor and its `_update()` run (its parts clipped and
 * simplified again; a path's `_update` draws nothing outside a redraw), and after it,
 * restored the same way. */

import { decodeBasemap, drawBase } from "./basemap.js";
import {
  fitText,
  lettersAlong,
  MARGIN,
  pictureFactor,
  pictureLayout,
  scaleBars,
  wrapLines,
} from "./picture.js";
import { greyMix, statusCounts } from "./status.js";
import { RAMP_FRAME, rampCells, shapeOf, traceSymbol } from "./symbols.js";

/**
 * @typedef {import("./types.js").MapState} MapState
 * @typedef {import("./spec.js").LayerSpec} LayerSpec
 * @typedef {import("./spec.js").StatusSpec} StatusSpec
 * @typedef {import("./picture.js").Layout} Layout
 * @typedef {{canvas: HTMLCanvasElement, factor: number, width: number, height: number,
 *   builtinDrawn: boolean}} Picture  the picture, its pixels per CSS px and size (px),
 *   and whether the built-in base map stands in for a tile base map
 * @typedef {{kind: "layer", spec: LayerSpec} | {kind: "status", status: StatusSpec} |
 *   {kind: "heading", text: string} |
 *   {kind: "class", spec: LayerSpec, colour: string, text: string} |
 *   {kind: "size", colour: string, radius: number, text: string}} LegendRow  a row of the
 *   legend: a layer, a status, a heading, a classed layer's class or sample size
 *   (classes.js)
 */

const FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const FONTS = {
  title: `700 15px ${FAMILY}`,
  subtitle: `11.5px ${FAMILY}`,
  year: `700 13px ${FAMILY}`,
  row: `11.5px ${FAMILY}`,
  heading: `700 10px ${FAMILY}`,
  scale: `11px "Helvetica Neue", Arial, Helvetica, sans-serif`,
  attribution: `11px "Helvetica Neue", Arial, Helvetica, sans-serif`,
};
//: The legend's rows and symbols (CSS px), as the panel draws them; a size sample is at
//: most SIZE_MAX_R px in radius (classes.js).
const ROW_PX = 17;
const SIZE_MAX_R = 14;
const CLASS_INDENT = 14;
const SYMBOL_W = 28;
const PAD = 8;
const LEGEND_MAX_W = 300;
const TITLE_MAX_W = 460;
const BOX_FILL = "rgba(255,255,255,0.95)";

/**
 * A 2D context for measuring text.
 * @returns {CanvasRenderingContext2D}
 */
function measurer() {
  return /** @type {CanvasRenderingContext2D} */ (
    document.createElement("canvas").getContext("2d")
  );
}

/**
 * The title block's lines and size.
 * @param {MapState} state
 * @param {CanvasRenderingContext2D} ctx
 * @param {number} maxWidth
 */
function titleBlock(state, ctx, maxWidth) {
  const { title, subtitle } = state.config;
  /** @type {{text: string, font: string, colour: string, height: number}[]} */
  const lines = [];
  /** @param {string} text @param {string} font @param {string} colour @param {number} h */
  const add = (text, font, colour, h) => {
    ctx.font = font;
    for (const line of wrapLines(text, maxWidth - 2 * PAD, (s) => ctx.measureText(s).width)) {
      lines.push({ text: line, font, colour, height: h });
    }
  };
  if (title) add(title, FONTS.title, "#1b1b1b", 19);
  if (subtitle) add(subtitle, FONTS.subtitle, "#444444", 15);
  if (typeof state.year === "number")
    add(`The network in ${state.year}`, FONTS.year, "#1b1b1b", 18);
  let w = 0;
  for (const line of lines) {
    ctx.font = line.font;
    w = Math.max(w, ctx.measureText(line.text).width);
  }
  const h = lines.reduce((a, l) => a + l.height, 0);
  return { lines, w: lines.length ? Math.ceil(w) + 2 * PAD : 0, h: lines.length ? h + 2 * PAD : 0 };
}

/**
 * The legend's rows: the layers shown (ticked, with a feature drawn), then the statuses
 * of the features drawn.
 * @param {MapState} state
 * @returns {LegendRow[]}
 */
function legendRows(state) {
  const map = state.map;
  // the layers ticked that draw a feature now (in the year chosen, through the filter)
  const shown = state.config.layers.filter((s) => {
    const entry = state.layers[s.id];
    return map.hasLayer(entry.layer) && entry.features.some((f, i) => f && !entry.hidden.has(i));
  });
  /** @type {LegendRow[]} */
  const rows = shown.flatMap((spec) => [
    /** @type {LegendRow} */ ({ kind: "layer", spec }),
    ...classRows(spec),
  ]);
  const counts = statusCounts(
    shown,
    state.tables,
    (i, spec) => !state.layers[spec.id].hidden.has(i),
    (i, spec) => state.layers[spec.id].states[i]?.status ?? null,
  );
  if (counts.length) {
    rows.push({ kind: "heading", text: "STATUS" });
    for (const { status } of counts) rows.push({ kind: "status", status });
  }
  return rows;
}

/**
 * A classed or sized layer's rows, as the panel lists them under the layer (classes.js's
 * classLegend): its property, then a row a class; its size property, then a row a sample.
 * @param {LayerSpec} spec
 * @returns {LegendRow[]}
 */
function classRows(spec) {
  const { classes, sizes } = spec;
  /** @type {LegendRow[]} */
  const rows = [];
  if (classes) {
    const by = `${classes.by}${classes.breaks.length ? " (classes)" : ""}`;
    rows.push({ kind: "heading", text: by });
    classes.labels.forEach((text, k) => {
      rows.push({ kind: "class", spec, colour: classes.colors[k], text });
    });
  }
  if (sizes) {
    rows.push({ kind: "heading", text: `${sizes.by} (size)` });
    const colour = classes ? "#777777" : spec.style.markerColor;
    for (const { label, radius } of sizes.legend) {
      rows.push({ kind: "size", colour, radius: Math.min(radius, SIZE_MAX_R), text: label });
    }
  }
  return rows;
}

/**
 * A legend row's words.
 * @param {LegendRow} row
 */
function rowText(row) {
  if (row.kind === "layer") return row.spec.title;
  if (row.kind === "status") return row.status.label;
  return row.text;
}

/**
 * A legend row's height (CSS px): a size sample's row is as tall as its sample.
 * @param {LegendRow} row
 */
function rowHeight(row) {
  return row.kind === "size" ? Math.max(ROW_PX, 2 * row.radius + 4) : ROW_PX;
}

/**
 * How far a legend row's symbol is indented: a class's and a size's under their layer.
 * @param {LegendRow} row
 */
function rowIndent(row) {
  return row.kind === "class" || row.kind === "size" ? CLASS_INDENT : 0;
}

/**
 * The legend's size.
 * @param {LegendRow[]} rows
 * @param {CanvasRenderingContext2D} ctx
 * @param {number} maxWidth
 */
function legendSize(rows, ctx, maxWidth) {
  if (!rows.length) return { w: 0, h: 0 };
  let w = 0;
  let h = 0;
  for (const row of rows) {
    ctx.font = row.kind === "heading" ? FONTS.heading : FONTS.row;
    const indent = rowIndent(row) + (row.kind === "heading" ? 0 : SYMBOL_W + 6);
    w = Math.max(w, indent + ctx.measureText(rowText(row)).width);
    h += rowHeight(row);
  }
  return { w: Math.min(Math.ceil(w) + 2 * PAD, maxWidth), h: h + 2 * PAD };
}

/**
 * A box of the picture: white, rounded, with a thin edge.
 * @param {CanvasRenderingContext2D} ctx
 * @param {number} x
 * @param {number} y
 * @param {number} w
 * @param {number} h
 */
function box(ctx, x, y, w, h) {
  ctx.save();
  ctx.beginPath();
  if (ctx.roundRect) ctx.roundRect(x, y, w, h, 5);
  else ctx.rect(x, y, w, h); // a browser before roundRect (Chromium 99, Firefox 112)
  ctx.fillStyle = BOX_FILL;
  ctx.fill();
  ctx.strokeStyle = "#bbbbbb";
  ctx.lineWidth = 1;
  ctx.stroke();
  ctx.restore();
}

/**
 * A layer's symbol (as symbols.js's layerIcon draws it) in a 28 x 14 box at (x, y).
 * @param {CanvasRenderingContext2D} ctx
 * @param {LayerSpec} spec
 * @param {MapState} state
 * @param {number} x
 * @param {number} y
 */
function layerSymbol(ctx, spec, state, x, y) {
  const st = spec.style;
  ctx.save();
  const ramp = rampCells(spec);
  if (ramp.length) {
    for (const cell of ramp) {
      ctx.fillStyle = cell.colour;
      ctx.fillRect(x + cell.x, y + 2, cell.width, 10);
    }
    ctx.strokeStyle = "#777777";
    ctx.lineWidth = 1;
    ctx.strokeRect(x + RAMP_FRAME.x, y + RAMP_FRAME.y, RAMP_FRAME.width, RAMP_FRAME.height);
  } else if (spec.kind === "line") {
    ctx.beginPath();
    ctx.moveTo(x + 1, y + 7);
    ctx.lineTo(x + 27, y + 7);
    ctx.strokeStyle = st.color;
    ctx.lineWidth = Math.min(st.weight, 6);
    ctx.setLineDash(st.dashArray ? st.dashArray.split(/[ ,]+/).map(Number) : []);
    ctx.stroke();
  } else if (spec.kind === "area" || spec.kind === "mixed") {
    ctx.globalAlpha = Math.max(st.fillOpacity, 0.25);
    ctx.fillStyle = st.fillColor;
    ctx.fillRect(x + 4, y + 2, 20, 10);
    ctx.globalAlpha = 1;
    ctx.strokeStyle = st.color;
    ctx.lineWidth = 1.5;
    ctx.strokeRect(x + 4, y + 2, 20, 10);
  } else {
    ctx.beginPath();
    traceSymbol(ctx, shapeOf(state.tables.symbols, st.symbol), x + 14, y + 7, 5);
    ctx.fillStyle = st.markerColor;
    ctx.fill();
    ctx.strokeStyle = "#ffffff";
    ctx.lineWidth = 1.5;
    ctx.stroke();
  }
  ctx.restore();
}

/**
 * A status's sample (as the panel's status rows draw it) in a 28 x 14 box at (x, y).
 * @param {CanvasRenderingContext2D} ctx
 * @param {StatusSpec} status
 * @param {MapState} state
 * @param {number} x
 * @param {number} y
 */
function statusSymbol(ctx, status, state, x, y) {
  const colour = greyMix(state.tables.sample, status.greyed, state.tables.grey);
  ctx.save();
  ctx.beginPath();
  ctx.moveTo(x + 1, y + 7);
  ctx.lineTo(x + 27, y + 7);
  ctx.strokeStyle = colour;
  ctx.lineWidth = 3 * status.weight;
  ctx.globalAlpha = 0.9 * status.opacity;
  ctx.setLineDash(status.dash ? status.dash.split(/[ ,]+/).map(Number) : []);
  ctx.stroke();
  if (status.hollow) {
    ctx.globalAlpha = 1;
    ctx.setLineDash([]);
    ctx.beginPath();
    ctx.arc(x + 14, y + 7, 3.5, 0, 2 * Math.PI);
    ctx.fillStyle = "#ffffff";
    ctx.fill();
    ctx.lineWidth = 1.5;
    ctx.stroke();
  }
  ctx.restore();
}

/**
 * A class's swatch (classes.js): the layer's symbol for points, a line for lines, a box
 * for areas, in the class's colour, in a 28 x 14 box at (x, y).
 * @param {CanvasRenderingContext2D} ctx
 * @param {LayerSpec} spec
 * @param {string} colour
 * @param {MapState} state
 * @param {number} x
 * @param {number} y
 */
function classSwatch(ctx, spec, colour, state, x, y) {
  ctx.save();
  if (spec.kind === "line") {
    ctx.beginPath();
    ctx.moveTo(x + 1, y + 7);
    ctx.lineTo(x + 27, y + 7);
    ctx.strokeStyle = colour;
    ctx.lineWidth = 4;
    ctx.stroke();
  } else if (spec.kind === "point") {
    ctx.beginPath();
    traceSymbol(ctx, shapeOf(state.tables.symbols, spec.style.symbol), x + 14, y + 7, 5);
    ctx.fillStyle = colour;
    ctx.fill();
    ctx.strokeStyle = "#ffffff";
    ctx.lineWidth = 1;
    ctx.stroke();
  } else {
    ctx.fillStyle = colour;
    ctx.fillRect(x + 4, y + 2, 20, 10);
  }
  ctx.restore();
}

/**
 * A sample size (classes.js): a circle of its radius, centred in the symbol's column.
 * @param {CanvasRenderingContext2D} ctx
 * @param {string} colour
 * @param {number} radius
 * @param {number} x
 * @param {number} mid
 */
function sizeSample(ctx, colour, radius, x, mid) {
  ctx.save();
  ctx.beginPath();
  ctx.arc(x + SYMBOL_W / 2, mid, radius, 0, 2 * Math.PI);
  ctx.globalAlpha = 0.6;
  ctx.fillStyle = colour;
  ctx.fill();
  ctx.restore();
}

/**
 * Draw the legend at (x, y).
 * @param {CanvasRenderingContext2D} ctx
 * @param {MapState} state
 * @param {LegendRow[]} rows
 * @param {{w: number, h: number}} size
 * @param {number} x
 * @param {number} y
 */
function drawLegend(ctx, state, rows, size, x, y) {
  if (!rows.length) return;
  box(ctx, x, y, size.w, size.h);
  let top = y + PAD;
  for (const row of rows) {
    const h = rowHeight(row);
    const mid = top + h / 2;
    const at = x + PAD + rowIndent(row);
    top += h;
    ctx.textBaseline = "middle";
    ctx.textAlign = "left";
    const room = (/** @type {number} */ left) => x + size.w - PAD - left;
    if (row.kind === "heading") {
      ctx.font = FONTS.heading;
      ctx.fillStyle = "#555555";
      ctx.fillText(
        fitText(row.text, room(at), (s) => ctx.measureText(s).width),
        at,
        mid + 1,
      );
      continue;
    }
    if (row.kind === "layer") layerSymbol(ctx, row.spec, state, at, mid - 7);
    else if (row.kind === "status") statusSymbol(ctx, row.status, state, at, mid - 7);
    else if (row.kind === "class") classSwatch(ctx, row.spec, row.colour, state, at, mid - 7);
    else sizeSample(ctx, row.colour, row.radius, at, mid);
    ctx.font = FONTS.row;
    ctx.fillStyle = "#222222";
    const left = at + SYMBOL_W + 6;
    ctx.fillText(
      fitText(rowText(row), room(left), (s) => ctx.measureText(s).width),
      left,
      mid,
    );
  }
}

/**
 * Draw the title block at (x, y).
 * @param {CanvasRenderingContext2D} ctx
 * @param {ReturnType<typeof titleBlock>} block
 * @param {number} x
 * @param {number} y
 */
function drawTitle(ctx, block, x, y) {
  if (!block.lines.length) return;
  box(ctx, x, y, block.w, block.h);
  let top = y + PAD;
  ctx.textAlign = "left";
  ctx.textBaseline = "middle";
  for (const line of block.lines) {
    ctx.font = line.font;
    ctx.fillStyle = line.colour;
    ctx.fillText(line.text, x + PAD, top + line.height / 2);
    top += line.height;
  }
}

/**
 * The built-in base map under the view, at the picture's resolution (device px).
 * @param {CanvasRenderingContext2D} ctx
 * @param {MapState} state
 * @param {number} k  pixels per CSS px
 */
function drawBasemap(ctx, state, k) {
  const map = state.map;
  const size = map.getSize();
  if (!state.base) state.base = decodeBasemap(state.config.basemap);
  const base = state.base;
  const st = base.spec.style;
  const corner = map.containerPointToLayerPoint([0, 0]).add(map.getPixelOrigin());
  const scale = 2 ** map.getZoom() * k;
  const side = Math.max(size.x, size.y) * k;
  ctx.save();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.fillStyle = st.sea;
  ctx.fillRect(0, 0, size.x * k, size.y * k);
  ctx.beginPath();
  drawBase(ctx, base, scale, corner.x * k, corner.y * k, side, true);
  ctx.fillStyle = st.land;
  ctx.fill("evenodd");
  ctx.beginPath();
  drawBase(ctx, base, scale, corner.x * k, corner.y * k, side, false);
  ctx.strokeStyle = st.border;
  ctx.lineWidth = st.borderWeight * k;
  ctx.lineJoin = "round";
  ctx.stroke();
  ctx.restore();
}

/**
 * Each canvas renderer of the map drawn onto the picture (see the module's note).
 * @param {CanvasRenderingContext2D} ctx
 * @param {L.Map} map
 * @param {number} k
 */
function drawRenderers(ctx, map, k) {
  /** @type {any[]} */
  const renderers = [];
  map.eachLayer((layer) => {
    if (layer instanceof L.Canvas) renderers.push(layer);
  });
  const corner = map.containerPointToLayerPoint([0, 0]);
  for (const r of renderers) {
    /** @type {any[]} */
    const lines = Object.values(r._layers).filter((l) => l instanceof L.Polyline);
    /** @param {number} f */
    const resmooth = (f) => {
      for (const line of lines) {
        line.options.smoothFactor = (line.options.smoothFactor ?? 1) * f;
        line._update();
      }
    };
    if (k > 1) resmooth(1 / k);
    const saved = r._ctx;
    const bounds = r._redrawBounds;
    ctx.save();
    ctx.setTransform(k, 0, 0, k, -corner.x * k, -corner.y * k);
    try {
      r._ctx = ctx;
      r._redrawBounds = null;
      r._draw();
    } finally {
      r._ctx = saved;
      r._redrawBounds = bounds;
      ctx.restore();
      if (k > 1) resmooth(k);
    }
  }
}

/**
 * The clusters drawn now: each a stack of three of its layer's symbols (cluster.js).
 * @param {CanvasRenderingContext2D} ctx
 * @param {MapState} state
 */
function drawClusters(ctx, state) {
  const map = state.map;
  for (const entry of Object.values(state.layers)) {
    const cluster = entry.cluster;
    if (!cluster || !map.hasLayer(cluster.group)) continue;
    const shape = cluster.shape;
    for (const marker of cluster.group.getLayers()) {
      const about = cluster.about(marker);
      if (!about) continue;
      const size = about.size;
      const p = map.latLngToContainerPoint(about.at);
      const r = size / 5;
      ctx.save();
      ctx.shadowColor = "rgba(0,0,0,0.45)";
      ctx.shadowBlur = 1;
      for (const k of [0, 1, 2]) {
        ctx.beginPath();
        traceSymbol(ctx, shape, p.x + (k - 1) * r * 0.9, p.y + (1 - k) * r * 0.6, r);
        ctx.fillStyle = entry.spec.style.markerColor;
        ctx.fill();
        ctx.strokeStyle = "#ffffff";
        ctx.lineWidth = 1.5;
        ctx.stroke();
      }
      ctx.restore();
    }
  }
}

/**
 * Set a context's letter spacing where the browser has it (Chromium 99, Firefox 115).
 * @param {CanvasRenderingContext2D} ctx
 * @param {string} spacing  CSS length
 */
function letterSpacing(ctx, spacing) {
  if ("letterSpacing" in ctx) /** @type {any} */ (ctx).letterSpacing = spacing;
}

/**
 * The labels shown now, as the page draws them: a name in its font and colour with its
 * halo, upright at its place or letter by letter along its line.
 * @param {CanvasRenderingContext2D} ctx
 * @param {MapState} state
 */
function drawLabels(ctx, state) {
  const labels = state.labels;
  if (!labels) return;
  ctx.save();
  ctx.lineJoin = "round";
  for (const shown of labels.shown) {
    const node = labels.nodes.get(shown.key);
    if (!node) continue;
    if (node instanceof SVGSVGElement && shown.box.path) {
      const text = node.querySelector("text");
      if (!text) continue;
      const cs = getComputedStyle(text);
      ctx.font = node.style.font;
      letterSpacing(ctx, "0px");
      const letters = [...shown.text];
      const places = lettersAlong(
        shown.box.path,
        letters.map((ch) => ctx.measureText(ch).width),
      );
      ctx.textAlign = "center";
      ctx.textBaseline = "middle";
      for (const pass of ["halo", "text"]) {
        letters.forEach((ch, n) => {
          const [x, y, angle] = places[n];
          ctx.save();
          ctx.translate(x, y);
          ctx.rotate(angle);
          if (pass === "halo") {
            ctx.globalAlpha = Number(cs.strokeOpacity) || 1;
            ctx.strokeStyle = cs.stroke;
            ctx.lineWidth = Number.parseFloat(cs.strokeWidth) || 3.5;
            ctx.strokeText(ch, 0, 0);
          } else {
            ctx.fillStyle = cs.fill;
            ctx.fillText(ch, 0, 0);
          }
          ctx.restore();
        });
      }
      continue;
    }
    if (!(node instanceof HTMLElement) || shown.box.path) continue;
    const cs = getComputedStyle(node);
    const words = cs.textTransform === "uppercase" ? shown.text.toUpperCase() : shown.text;
    ctx.font = node.style.font;
    letterSpacing(ctx, cs.letterSpacing === "normal" ? "0px" : cs.letterSpacing);
    ctx.textAlign = "center";
    ctx.textBaseline = "alphabetic";
    // the line box is centred on the label's place, the font's ascent and descent centred
    // in the line box: the baseline lies (ascent - descent) / 2 below the place
    const m = ctx.measureText(words);
    const y = shown.box.y + ((m.fontBoundingBoxAscent - m.fontBoundingBoxDescent) / 2 || 0);
    // the page's halo: eight hard 1 px shadows, about a 2 px stroke
    ctx.strokeStyle = cs.getPropertyValue("--bri-halo").trim() || "#ffffff";
    ctx.lineWidth = 2.5;
    ctx.strokeText(words, shown.box.x, y);
    ctx.fillStyle = cs.color;
    ctx.fillText(words, shown.box.x, y);
  }
  letterSpacing(ctx, "0px");
  ctx.restore();
}

/**
 * The scale bars (metric over imperial) at the map's bottom left, as Leaflet draws them.
 * @param {CanvasRenderingContext2D} ctx
 * @param {L.Map} map
 * @returns {number}  their width (CSS px)
 */
function drawScale(ctx, map) {
  const size = map.getSize();
  const y = size.y / 2;
  const metres = map.distance(
    map.containerPointToLatLng([0, y]),
    map.containerPointToLatLng([100, y]),
  );
  const bars = scaleBars(metres, 100);
  if (!bars.length) return 0;
  const h = 17;
  const left = 5 + 5;
  let top = size.y - 5 - 5 - bars.length * h;
  ctx.save();
  ctx.font = FONTS.scale;
  ctx.textBaseline = "middle";
  ctx.textAlign = "left";
  bars.forEach((bar, n) => {
    ctx.fillStyle = "rgba(255,255,255,0.8)";
    ctx.fillRect(left, top, bar.width, h);
    ctx.fillStyle = "#333333";
    ctx.fillText(bar.label, left + 6, top + h / 2 + 1);
    ctx.strokeStyle = "#777777";
    ctx.lineWidth = 2;
    ctx.beginPath();
    if (n === 0) {
      ctx.moveTo(left + 1, top);
      ctx.lineTo(left + 1, top + h - 1);
      ctx.lineTo(left + bar.width - 1, top + h - 1);
      ctx.lineTo(left + bar.width - 1, top);
    } else {
      ctx.moveTo(left + 1, top + h);
      ctx.lineTo(left + 1, top + 1);
      ctx.lineTo(left + bar.width - 1, top + 1);
      ctx.lineTo(left + bar.width - 1, top + h);
    }
    ctx.stroke();
    top += h;
  });
  ctx.restore();
  return left + Math.max(...bars.map((b) => b.width));
}

/**
 * Text of fixed HTML (the base map's attribution, from geo/data/basemaps.toml; never layer
 * data): parsed inert, its text content.
 * @param {string} html
 */
function htmlText(html) {
  return new DOMParser().parseFromString(html, "text/html").body.textContent || "";
}

/**
 * The attribution of the picture: the map's (Leaflet's prefix and the base map's), the
 * built-in base map's where it stands in for a tile base map.
 * @param {MapState} state
 * @param {boolean} builtinDrawn
 */
function attributionText(state, builtinDrawn) {
  const control = state.map.attributionControl;
  const shown = control?.getContainer()?.textContent?.trim() ?? "";
  if (!builtinDrawn && shown) return shown.replace(/\s+/g, " ");
  const prefix = control ? htmlText(String(control.options.prefix || "")) : "";
  return [prefix.trim(), htmlText(state.config.basemap.attribution).trim()]
    .filter(Boolean)
    .join(" | ");
}

/**
 * The attribution at the map's bottom right, wrapped to the room beside the scale bar.
 * @param {CanvasRenderingContext2D} ctx
 * @param {L.Map} map
 * @param {string} text
 * @param {number} scaleWidth
 */
function drawAttribution(ctx, map, text, scaleWidth) {
  if (!text) return;
  const size = map.getSize();
  ctx.save();
  ctx.font = FONTS.attribution;
  const room = Math.max(size.x - scaleWidth - 2 * MARGIN, 120);
  const lines = wrapLines(text, room - 10, (s) => ctx.measureText(s).width);
  const w = Math.max(...lines.map((l) => ctx.measureText(l).width)) + 10;
  const lh = 15;
  const top = size.y - lines.length * lh;
  ctx.fillStyle = "rgba(255,255,255,0.8)";
  ctx.fillRect(size.x - w, top, w, lines.length * lh);
  ctx.fillStyle = "#333333";
  ctx.textAlign = "left";
  ctx.textBaseline = "middle";
  lines.forEach((line, n) => {
    ctx.fillText(line, size.x - w + 5, top + n * lh + lh / 2);
  });
  ctx.restore();
}

/**
 * Whether a tile base map is shown (it cannot be drawn into the picture).
 * @param {MapState} state
 */
export function tileBasemapShown(state) {
  return state.basemapShown !== 0;
}

/**
 * The view drawn as a picture at `factor` pixels per CSS px (less where the picture would
 * be too large: picture.js's pictureFactor).
 * @param {MapState} state
 * @param {number} factor
 * @returns {Picture}
 */
export function drawPicture(state, factor) {
  const map = state.map;
  const size = map.getSize();
  state.labels?.update(); // the labels of the view now
  const m = measurer();
  const legend = legendRows(state);
  const legendBox = legendSize(legend, m, Math.min(LEGEND_MAX_W, size.x - 2 * MARGIN));
  const title = titleBlock(state, m, Math.min(TITLE_MAX_W, size.x - 2 * MARGIN));
  const layout = pictureLayout(size.x, size.y, title, legendBox);
  const k = pictureFactor(layout.width, layout.height, factor);
  const canvas = document.createElement("canvas");
  canvas.width = Math.round(layout.width * k);
  canvas.height = Math.round(layout.height * k);
  const ctx = /** @type {CanvasRenderingContext2D} */ (canvas.getContext("2d"));
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.save();
  ctx.beginPath();
  ctx.rect(0, 0, size.x * k, size.y * k);
  ctx.clip(); // the map's parts stay on the map, off the legend's band
  drawBasemap(ctx, state, k);
  drawRenderers(ctx, map, k);
  ctx.setTransform(k, 0, 0, k, 0, 0);
  drawLabels(ctx, state);
  drawClusters(ctx, state);
  const builtinDrawn = tileBasemapShown(state);
  const scaleWidth = drawScale(ctx, map);
  drawAttribution(ctx, map, attributionText(state, builtinDrawn), scaleWidth);
  ctx.restore();
  ctx.setTransform(k, 0, 0, k, 0, 0);
  drawTitle(ctx, title, layout.title.x, layout.title.y);
  drawLegend(ctx, state, legend, legendBox, layout.legend.x, layout.legend.y);
  return { canvas, factor: k, width: canvas.width, height: canvas.height, builtinDrawn };
}
