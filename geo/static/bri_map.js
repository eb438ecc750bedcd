/* bri-corridors map page. Reads the map spec (geo/mapspec.py documents its schema) and
 * draws it on plain Leaflet: the Natural Earth base map and the layers' geometries,
 * decoded from their compact form and drawn on canvases, point symbols, clustering, a
 * grouped layer control, legend, search, popups and tooltips built from the plain
 * properties, measure (GeographicLib, as Python measures), fullscreen and minimap.
 * Leaflet and GeographicLib are inside the page too: it needs no network.
 * Every text from the data enters the page through textContent; links are made only for
 * http(s) URLs and set as href after that check. */
(function () {
  "use strict";

  var SPEC_VERSION = 2;

  function el(tag, className, parent, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    if (parent) parent.appendChild(node);
    return node;
  }

  function stopEvents(node) {
    L.DomEvent.disableClickPropagation(node);
    L.DomEvent.disableScrollPropagation(node);
  }

  /* ------------------------------------------------------------------ decoding */
  // The base-85 text of geo/encoding.py: RFC 1924's alphabet with "." for "<" (so the
  // text needs no escape inside a script element); a last group of k < 5 characters
  // holds k - 1 bytes.
  var B85 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;.=>?@^_`{|}~";
  var B85_VALUE = new Int16Array(128).fill(-1);
  for (var b85i = 0; b85i < B85.length; b85i++) B85_VALUE[B85.charCodeAt(b85i)] = b85i;

  function base85Bytes(text) {
    var n = text.length, full = Math.floor(n / 5), rest = n % 5;
    var out = new Uint8Array(full * 4 + (rest ? rest - 1 : 0)), o = 0;
    for (var g = 0; g <= full; g++) {
      var start = g * 5, len = g < full ? 5 : rest;
      if (!len) break;
      var v = 0;
      for (var j = 0; j < 5; j++) {
        var c = j < len ? B85_VALUE[text.charCodeAt(start + j)] : 84;
        if (c < 0) throw new Error("bri-corridors: not base-85 text at " + (start + j));
        v = v * 85 + c;
      }
      var bytes = len === 5 ? 4 : len - 1;
      for (var k = 0; k < bytes; k++) out[o++] = (v / Math.pow(256, 3 - k)) & 0xff;
    }
    return out;
  }

  // LEB128 varints (zigzag when signed), as geo/encoding.py writes them.
  function varints(text, signed) {
    var bytes = base85Bytes(text), n = bytes.length, out = new Float64Array(n), m = 0;
    var value = 0, scale = 1;
    for (var i = 0; i < n; i++) {
      var b = bytes[i];
      value += (b & 0x7f) * scale;
      if (b < 0x80) {
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

  // Integers packed at one bit width (most significant bit first), zigzagged; a value of
  // all ones is escaped: the real one is next in the `far` varints (geo/encoding.py).
  function packed(spec) {
    var bytes = base85Bytes(spec.packed), bits = spec.bits, n = spec.count;
    var far = spec.far ? varints(spec.far, false) : [], f = 0;
    var out = new Float64Array(n), top = Math.pow(2, bits) - 1, pow2 = [];
    for (var e = 0; e < 8; e++) pow2.push(Math.pow(2, e));
    var acc = 0, have = 0, b = 0;  // acc holds `have` unread bits (< 48: exact in a double)
    for (var i = 0; i < n; i++) {
      while (have < bits) { acc = acc * 256 + bytes[b++]; have += 8; }
      var scale = pow2[have - bits], v = Math.floor(acc / scale);
      acc -= v * scale;
      have -= bits;
      if (v === top) v = far[f++];
      out[i] = v % 2 ? -(v + 1) / 2 : v / 2;
    }
    return out;
  }

  // The features' geometries, by shape code: {type, coords}, where coords are L.LatLng
  // (nested as the type nests them), except for lines (types 1 and 5), whose coords are
  // runs [start, end) into the layer's position arrays: geometries.lng, geometries.lat.
  // With `areaRuns`, polygons (types 3 and 6) are runs too: one per ring, all rings flat.
  function decodeGeometries(g, areaRuns) {
    var shapes = varints(g.shapes, false), deltas = packed(g.coords);
    var n = deltas.length / 2, lng = new Float64Array(n), lat = new Float64Array(n);
    var x = 0, y = 0, scale = g.scale, k = 0, pos = 0;
    for (var p = 0; p < n; p++) {
      x += deltas[2 * p]; y += deltas[2 * p + 1];
      lng[p] = x / scale; lat[p] = y / scale;
    }
    function take(m) {
      var out = new Array(m);
      for (var j = 0; j < m; j++, pos++) out[j] = new L.LatLng(lat[pos], lng[pos]);
      return out;
    }
    function run(m) { pos += m; return [pos - m, pos]; }
    function rings() {
      var r = shapes[k++], out = new Array(r);
      for (var j = 0; j < r; j++) out[j] = areaRuns ? run(shapes[k++]) : take(shapes[k++]);
      return out;
    }
    function one() {
      var code = shapes[k++], m, j, parts;
      switch (code) {
        case 0: return {type: 0, coords: take(1)[0]};
        case 1: return {type: 1, coords: [run(shapes[k++])]};
        case 3: return {type: 3, coords: rings()};
        case 4: return {type: 4, coords: take(shapes[k++])};
        case 5:
          m = shapes[k++]; parts = new Array(m);
          for (j = 0; j < m; j++) parts[j] = run(shapes[k++]);
          return {type: 5, coords: parts};
        case 6:
          m = shapes[k++]; parts = new Array(m);
          for (j = 0; j < m; j++) parts[j] = rings();
          return {type: 6, coords: areaRuns ? [].concat.apply([], parts) : parts};
        case 7:
          m = shapes[k++]; parts = new Array(m);
          for (j = 0; j < m; j++) parts[j] = one();
          return {type: 7, coords: parts};
        default: return {type: 15, coords: null};
      }
    }
    var out = [];
    while (k < shapes.length) out.push(one());
    out.lng = lng;
    out.lat = lat;
    return out;
  }

  // A line drawn from typed arrays: Web Mercator pixels at zoom 0 (as Leaflet's EPSG:3857
  // projects), so a view is a multiply and a subtract away; no L.LatLng per vertex.
  var MAX_LAT = 85.0511287798;
  function mercator(lng, lat) {
    var n = lng.length, x = new Float64Array(n), y = new Float64Array(n);
    for (var i = 0; i < n; i++) {
      x[i] = (lng[i] + 180) / 360 * 256;
      var s = Math.sin(Math.max(Math.min(lat[i], MAX_LAT), -MAX_LAT) * Math.PI / 180);
      y[i] = (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * 256;
    }
    return {x: x, y: y, lng: lng, lat: lat};
  }

  // A line drawn from typed arrays (the layers' lines).
  var typedPath = {
    initialize: function (data, runs, options) {
      L.setOptions(this, options);
      this._data = data;
      this._runs = runs;
      var w = Infinity, s = Infinity, e = -Infinity, nn = -Infinity;
      for (var r = 0; r < runs.length; r++) {
        for (var i = runs[r][0]; i < runs[r][1]; i++) {
          var a = data.lng[i], b = data.lat[i];
          if (a < w) w = a; if (a > e) e = a; if (b < s) s = b; if (b > nn) nn = b;
        }
      }
      this._bounds = L.latLngBounds([s, w], [nn, e]);
      this._latlngs = runs;  // not empty; getLatLngs() builds the L.LatLng
      // A line drawn on past ±180° (kept continuous) is drawn a second time one world
      // over, so both of its ends show on the main copy of the world, where the markers
      // are: a lane from Shanghai to Chancay arrives at Chancay's marker in Peru.
      this._copies = [0];
      if (e > 180) this._copies.push(-360);
      if (w < -180) this._copies.push(360);
    },
    getLatLngs: function () {
      var d = this._data;
      var parts = this._runs.map(function (r) {
        var out = [];
        for (var i = r[0]; i < r[1]; i++) out.push(new L.LatLng(d.lat[i], d.lng[i]));
        return out;
      });
      return parts.length === 1 ? parts[0] : parts;
    },
    // the middle position of the longest part
    getCenter: function () {
      var best = this._runs[0];
      this._runs.forEach(function (r) { if (r[1] - r[0] > best[1] - best[0]) best = r; });
      var i = Math.floor((best[0] + best[1] - 1) / 2);
      return new L.LatLng(this._data.lat[i], this._data.lng[i]);
    },
    // the point of the drawn path nearest to a container point (for the measure tool)
    closestLatLng: function (containerPoint) {
      var map = this._map, p = map.containerPointToLayerPoint(containerPoint), best = null, dist = Infinity;
      (this._parts || []).forEach(function (part) {
        for (var i = 1; i < part.length; i++) {
          var q = L.LineUtil.closestPointOnSegment(p, part[i - 1], part[i]), d = q.distanceTo(p);
          if (d < dist) { dist = d; best = q; }
        }
      });
      return best ? map.layerPointToLatLng(best) : null;
    },
    isEmpty: function () { return !this._runs.length; },
    _project: function () {
      var map = this._map, scale = Math.pow(2, map.getZoom()), o = map.getPixelOrigin();
      var d = this._data, x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
      this._rings = [];
      for (var c = 0; c < this._copies.length; c++) {
        var dx = this._copies[c] / 360 * 256 * scale - o.x;
        for (var r = 0; r < this._runs.length; r++) {
          var start = this._runs[r][0], end = this._runs[r][1], ring = new Array(end - start);
          for (var i = start; i < end; i++) {
            var px = d.x[i] * scale + dx, py = d.y[i] * scale - o.y;
            ring[i - start] = new L.Point(px, py);
            if (px < x0) x0 = px; if (px > x1) x1 = px; if (py < y0) y0 = py; if (py > y1) y1 = py;
          }
          this._rings.push(ring);
        }
      }
      if (x0 <= x1) {
        this._rawPxBounds = new L.Bounds([x0, y0], [x1, y1]);
        this._updateBounds();
      }
    }
  };
  var TypedLine = L.Polyline.extend(typedPath);

  /* ------------------------------------------------------------------ base map */
  // The built-in base map (spec.basemap): Natural Earth land filled on the sea colour and
  // the borders over it, drawn below the layers on canvas tiles made in the page. A tile
  // draws only the rings and lines that reach it, and skips a vertex less than half a
  // pixel from the last one drawn.
  function decodeBasemap(spec) {
    var geoms = decodeGeometries(spec.geometry, true);
    var data = mercator(geoms.lng, geoms.lat);
    function boxes(runs) {  // per run: [x0, y0, x1, y1] in zoom-0 pixels
      return runs.map(function (r) {
        var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
        for (var i = r[0]; i < r[1]; i++) {
          var x = data.x[i], y = data.y[i];
          if (x < x0) x0 = x; if (x > x1) x1 = x; if (y < y0) y0 = y; if (y > y1) y1 = y;
        }
        return [x0, y0, x1, y1];
      });
    }
    var land = geoms[0].coords, borders = geoms[1].coords;
    return {spec: spec, data: data, land: land, borders: borders,
      landBoxes: boxes(land), borderBoxes: boxes(borders)};
  }

  // Draw the base map's rings (filled) or lines (stroked) onto a tile's canvas: `scale` is
  // 2^zoom, (ox, oy) the tile's corner in pixels at that zoom, `size` its side.
  function drawBase(ctx, base, scale, ox, oy, size, rings) {
    var d = base.data, runs = rings ? base.land : base.borders;
    var boxes = rings ? base.landBoxes : base.borderBoxes, n = 0;
    for (var k = -1; k <= 1; k++) {  // the world and one copy either side (tiles wrap)
      var dx = 256 * k * scale - ox;
      for (var r = 0; r < runs.length; r++) {
        var box = boxes[r];
        if (box[2] * scale + dx < -2 || box[0] * scale + dx > size + 2 ||
            box[3] * scale - oy < -2 || box[1] * scale - oy > size + 2) continue;
        var start = runs[r][0], end = runs[r][1];
        var lx = d.x[start] * scale + dx, ly = d.y[start] * scale - oy;
        ctx.moveTo(lx, ly);
        for (var i = start + 1; i < end; i++) {
          var px = d.x[i] * scale + dx, py = d.y[i] * scale - oy;
          if (i < end - 1 && Math.abs(px - lx) + Math.abs(py - ly) < 0.5) continue;
          ctx.lineTo(px, py);
          lx = px; ly = py;
        }
        if (rings) ctx.closePath();
        n++;
      }
    }
    return n;
  }

  // Base map tiles are drawn a few at a time, between frames, after what is already
  // queued: the layers show first, and a zoom or pan is not held up by the tiles it needs.
  //: Milliseconds of a frame given to drawing base map tiles (a tile takes about 2).
  var TILE_BUDGET_MS = 5;
  var tileJobs = [], tileFrame = null;
  function drawTiles() {
    tileFrame = null;
    var t0 = performance.now();
    while (tileJobs.length && performance.now() - t0 < TILE_BUDGET_MS) tileJobs.shift()();
    if (tileJobs.length) tileFrame = requestAnimationFrame(drawTiles);
  }
  function queueTile(job) {
    tileJobs.push(job);
    if (!tileFrame) tileFrame = requestAnimationFrame(drawTiles);
  }

  // The base map as tiles drawn in the page: Leaflet keeps them while the map pans, and
  // wraps them round the world as it does for a tile server. `base` is the decoded map
  // (decodeBasemap), or a function that decodes it when the first tile needs it.
  var BaseMap = L.GridLayer.extend({
    initialize: function (base, options) {
      L.setOptions(this, L.extend({pane: "bri-base", keepBuffer: 2}, options));
      this._base = base;
    },
    _decoded: function () {
      if (typeof this._base === "function") this._base = this._base();
      return this._base;
    },
    getAttribution: function () { return this.options.attribution; },
    onAdd: function (map) {
      if (!map.getPane("bri-base")) map.createPane("bri-base").style.zIndex = 250;  // tiles 200
      this._background = map.getContainer().style.background;
      map.getContainer().style.background = this.options.sea;
      L.GridLayer.prototype.onAdd.call(this, map);
    },
    onRemove: function (map) {
      L.GridLayer.prototype.onRemove.call(this, map);
      map.getContainer().style.background = this._background;
    },
    createTile: function (coords, done) {
      var tile = L.DomUtil.create("canvas", "leaflet-tile"), self = this;
      queueTile(function () {
        if (self._map) self._drawTile(tile, coords);
        done(null, tile);
      });
      return tile;
    },
    _drawTile: function (tile, coords) {
      var size = this.getTileSize().x, ratio = window.devicePixelRatio || 1, base = this._decoded();
      tile.width = tile.height = Math.round(size * ratio);
      var ctx = tile.getContext("2d"), st = base.spec.style, scale = Math.pow(2, coords.z);
      ctx.scale(ratio, ratio);
      ctx.beginPath();
      var rings = drawBase(ctx, base, scale, coords.x * size, coords.y * size, size, true);
      ctx.fillStyle = st.land;
      ctx.fill("evenodd");
      var lines = 0;
      if (this.options.borders) {
        ctx.beginPath();
        lines = drawBase(ctx, base, scale, coords.x * size, coords.y * size, size, false);
        ctx.strokeStyle = st.border;
        ctx.lineWidth = st.borderWeight;
        ctx.lineJoin = "round";
        ctx.stroke();
      }
      tile._briDrawn = {rings: rings, lines: lines};  // what this tile holds (for tests)
    }
  });

  /* ------------------------------------------------------------------ text */
  var URL_RE = /https?:\/\/[^\s<>"'()\[\]]+[^\s<>"'()\[\].,;:]/g;

  // Text with each http(s) URL in it as a link; everything else stays text.
  function linkify(parent, text) {
    text = String(text);
    var last = 0, match;
    URL_RE.lastIndex = 0;
    while ((match = URL_RE.exec(text)) !== null) {
      if (match.index > last) parent.appendChild(document.createTextNode(text.slice(last, match.index)));
      var a = el("a", null, parent, match[0]);
      if (/^https?:\/\//.test(match[0])) a.href = match[0];
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      last = match.index + match[0].length;
    }
    if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
    return parent;
  }

  function trimZeros(x) {  // like Python's "%g" for the numbers shown here
    return String(Number(x.toPrecision(6)));
  }

  // Short text for a number: 30 billion, 13.9 million, 12,500; `group` puts commas into
  // four-digit integers too (a quantity, where a property like 2011 may be a year).
  function fmtNumber(v, group) {
    var words = [[1e9, "billion"], [1e6, "million"]];
    if (Number.isInteger(v)) {
      for (var i = 0; i < words.length; i++) {
        if (Math.abs(v) >= words[i][0] && v % (words[i][0] / 10) === 0) {
          return trimZeros(v / words[i][0]) + " " + words[i][1];
        }
      }
      return group || Math.abs(v) >= 10000 ? v.toLocaleString("en-US") : String(v);
    }
    for (var j = 0; j < words.length; j++) {
      if (Math.abs(v) >= words[j][0]) return trimZeros(v / words[j][0]) + " " + words[j][1];
    }
    return v.toLocaleString("en-US", {maximumSignificantDigits: 6});
  }

  function fmtValue(v) {
    if (Array.isArray(v)) {
      if (v.length && v.every(function (x) { return x && typeof x === "object" && "name" in x; })) {
        return v.map(function (x) {
          return String(x.name) + (x.assumed === true ? " (crossing assumed)" : "");
        }).join(" – ");
      }
      return v.map(fmtValue).join(", ");
    }
    if (v && typeof v === "object") return JSON.stringify(v);
    if (typeof v === "number") return fmtNumber(v, false);
    return String(v);
  }

  function fmtKm(km, category) {
    var text = Math.round(km).toLocaleString("en-US") + " km";
    if (category === "sea-lane") text += " · " + Math.round(km * 1000 / 1852).toLocaleString("en-US") + " nmi";
    return text;
  }

  function missing(v) {
    return v === null || v === undefined || v === "" ||
      (Array.isArray(v) && !v.length) || (typeof v === "object" && !Array.isArray(v) && !Object.keys(v).length);
  }

  /* ------------------------------------------------------------------ features */
  // One feature's properties as an object (from the layer's columns).
  function props(spec, i) {
    var p = {}, cols = spec.properties.columns, vals = spec.properties.values;
    for (var c = 0; c < cols.length; c++) {
      var v = vals[c][i];
      if (v !== null && v !== undefined) p[cols[c]] = v;
    }
    return p;
  }

  function featureName(spec, i) {
    return String(spec.properties.values[0][i]);
  }

  function tooltipNode(spec, i) {
    var box = el("div", "bri-tip"), p = props(spec, i), km = spec.lengths_km[i];
    el("b", null, box, p.name);
    if (km !== null && km !== undefined) {
      el("br", null, box);
      el("span", "bri-tip-len", box, fmtKm(km, spec.category));
    } else if (!missing(p.role)) {
      el("br", null, box);
      el("span", null, box, String(p.role));
    }
    return box;
  }

  function figuresList(parent, figures) {
    var ul = el("ul", null, parent);
    figures.forEach(function (f) {
      if (!f || typeof f !== "object") return;
      var li = el("li", null, ul);
      li.appendChild(document.createTextNode(String(f.label || "") + ": "));
      var value = typeof f.value === "number" ? fmtNumber(f.value, true) : String(f.value);
      el("b", null, li, value + (f.unit ? " " + f.unit : ""));
      li.appendChild(document.createTextNode(" in " + (f.year === undefined ? "" : f.year) +
        (f.note ? " (" + f.note + ")" : "") + ". "));
      linkify(el("i", null, li, "Source: "), f.source || "");
    });
  }

  function popupNode(state, spec, i) {
    var p = props(spec, i), km = spec.lengths_km[i], config = state.config;
    var box = el("div", "bri-popup");
    el("h4", null, box, p.name);
    var cat = config.categories[spec.category] || {title: spec.category};
    el("div", "bri-kind", box, cat.title + " · " + spec.title);
    if (!missing(p.description)) el("p", null, box, String(p.description));
    var rows = [];
    if (km !== null && km !== undefined) {
      var area = spec._types && (spec._types[i] === 3 || spec._types[i] === 6);
      rows.push([area ? "Perimeter (geodesic)" : "Length (geodesic)", fmtKm(km, spec.category)]);
      var published = p.published_length_km;
      if (typeof published === "number") {
        var cell = document.createDocumentFragment();
        var text = Math.round(published).toLocaleString("en-US") + " km";
        if (!missing(p.published_length_year)) text += " (" + p.published_length_year + ")";
        cell.appendChild(document.createTextNode(text));
        if (!missing(p.published_length_source)) {
          cell.appendChild(document.createTextNode("; "));
          linkify(cell, p.published_length_source);
        }
        rows.push(["Published length", cell]);
        if (published > 0) rows.push(["Drawn / published", Math.round(100 * km / published) + "%"]);
      }
    }
    var labels = config.popup.labels, hidden = config.popup.hidden, keys = [];
    Object.keys(labels).forEach(function (k) { if (k in p) keys.push(k); });
    Object.keys(p).sort().forEach(function (k) {
      if (!(k in labels) && hidden.indexOf(k) < 0 && k.charAt(0) !== "_") keys.push(k);
    });
    keys.forEach(function (k) {
      var v = p[k];
      if (missing(v)) return;
      var shown = fmtValue(v);
      if (k === "via" && Array.isArray(v)) shown += " (" + v.length + " nodes)";
      rows.push([labels[k] || k, shown]);
    });
    if (rows.length) {
      var table = el("table", null, box);
      rows.forEach(function (r) {
        var tr = el("tr", null, table);
        el("th", null, tr, r[0]);
        var td = el("td", null, tr);
        if (typeof r[1] === "string") td.textContent = r[1]; else td.appendChild(r[1]);
      });
    }
    if (Array.isArray(p.figures) && p.figures.length) {
      el("b", null, box, "Figures");
      figuresList(box, p.figures);
    }
    if (spec.figures && spec.figures.length) {
      el("b", null, box, spec.title + ": figures");
      figuresList(box, spec.figures);
    }
    if (spec.source) linkify(el("div", "bri-source", box, "Layer source: "), spec.source);
    if (!missing(p.source)) linkify(el("div", "bri-source", box, "Source: "), p.source);
    return box;
  }

  /* ------------------------------------------------------------------ symbols */
  // Point symbols drawn on the canvas: circle, square, diamond, triangle.
  var SymbolMarker = L.CircleMarker.extend({
    _updatePath: function () {
      var r = this._renderer;
      if (!r._drawing || this._empty()) return;
      var sym = this.options.symbol, p = this._point, ctx = r._ctx;
      var s = Math.max(Math.round(this._radius), 1);
      if (sym === "square") {
        ctx.beginPath();
        ctx.rect(p.x - s, p.y - s, 2 * s, 2 * s);
      } else if (sym === "diamond") {
        s *= 1.25;
        ctx.beginPath();
        ctx.moveTo(p.x, p.y - s); ctx.lineTo(p.x + s, p.y); ctx.lineTo(p.x, p.y + s);
        ctx.lineTo(p.x - s, p.y); ctx.closePath();
      } else if (sym === "triangle") {
        s *= 1.25;
        ctx.beginPath();
        ctx.moveTo(p.x, p.y - s); ctx.lineTo(p.x + s, p.y + s * 0.8);
        ctx.lineTo(p.x - s, p.y + s * 0.8); ctx.closePath();
      } else {
        ctx.beginPath();
        ctx.arc(p.x, p.y, s, 0, Math.PI * 2, false);
      }
      r._fillStroke(ctx, this);
    }
  });

  function pointOptions(spec, role, renderer) {
    var sym = (role && spec.role_symbols[role]) || spec.style.symbol;
    return {renderer: renderer, radius: spec.style.radius, symbol: sym, color: "#ffffff",
      weight: 1.5, opacity: 1, fillColor: spec.style.markerColor, fillOpacity: 1};
  }

  function svgNode(tag, attrs, parent) {
    var node = document.createElementNS("http://www.w3.org/2000/svg", tag);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, String(attrs[k])); });
    if (parent) parent.appendChild(node);
    return node;
  }

  // The layer's symbol for the layer control and the legend.
  function symbol(spec, parent) {
    var box = el("span", "bri-symbol", parent), st = spec.style;
    var svg = svgNode("svg", {width: 28, height: 14, "aria-hidden": "true"}, box);
    if (spec.kind === "line") {
      var attrs = {x1: 1, y1: 7, x2: 27, y2: 7, stroke: st.color, "stroke-width": Math.min(st.weight, 6)};
      if (st.dashArray) attrs["stroke-dasharray"] = st.dashArray;
      svgNode("line", attrs, svg);
    } else if (spec.kind === "area" || spec.kind === "mixed") {
      svgNode("rect", {x: 4, y: 2, width: 20, height: 10, fill: st.fillColor,
        "fill-opacity": Math.max(st.fillOpacity, 0.25), stroke: st.color, "stroke-width": 1.5}, svg);
    } else {
      var s = 5, shape, sym = st.symbol;
      var paint = {fill: st.markerColor, stroke: "#ffffff", "stroke-width": 1.5};
      if (sym === "square") shape = svgNode("rect", {x: 14 - s, y: 7 - s, width: 2 * s, height: 2 * s}, svg);
      else if (sym === "diamond") shape = svgNode("polygon", {points: "14,1 20,7 14,13 8,7"}, svg);
      else if (sym === "triangle") shape = svgNode("polygon", {points: "14,1 20,12 8,12"}, svg);
      else shape = svgNode("circle", {cx: 14, cy: 7, r: s}, svg);
      Object.keys(paint).forEach(function (k) { shape.setAttribute(k, String(paint[k])); });
      svg.setAttribute("class", "bri-symbol-point");
    }
    return box;
  }

  /* ------------------------------------------------------------------ clustering */
  // Groups a point layer's markers by a screen grid at each zoom; a cluster is a marker
  // with a count that zooms in when clicked.
  function Cluster(map, markers, spec) {
    this.map = map;
    this.markers = markers;
    this.spec = spec;
    this.group = L.featureGroup();  // a feature group: its markers' events reach the layer
    this.cellPx = 36;
    var self = this;
    this.group.on("add", function () { self.redraw(); map.on("zoomend", self.redraw, self); });
    this.group.on("remove", function () { map.off("zoomend", self.redraw, self); });
  }
  Cluster.prototype.redraw = function () {
    var map = this.map, cells = new Map(), self = this, cell = this.cellPx;
    this.group.clearLayers();
    this.shown = 0;
    var zoom = map.getZoom(), single = zoom >= map.getMaxZoom();
    this.markers.forEach(function (m) {
      var pt = map.project(m.getLatLng(), zoom);
      var key = Math.floor(pt.x / cell) + ":" + Math.floor(pt.y / cell);
      var list = cells.get(key);
      if (list) list.push(m); else cells.set(key, [m]);
    });
    cells.forEach(function (members) {
      if (members.length === 1 || single) {
        members.forEach(function (m) { self.group.addLayer(m); });
        self.shown += members.length;
        return;
      }
      var bounds = L.latLngBounds(members.map(function (m) { return m.getLatLng(); }));
      var icon = L.divIcon({className: "bri-cluster", iconSize: [30, 30], html: ""});
      var c = L.marker(bounds.getCenter(), {icon: icon, keyboard: true});
      c.on("add", function () {
        var node = c.getElement();
        node.textContent = String(members.length);
        node.style.setProperty("--bri-color", self.spec.style.markerColor);
        node.setAttribute("aria-label", members.length + " features");
      });
      c.bindTooltip(el("span", null, null, members.length + " × " + self.spec.title));
      c.on("click", function (e) {
        L.DomEvent.stopPropagation(e);  // zoom in; not a measure point
        map.fitBounds(bounds.pad(0.3), {maxZoom: zoom + 3});
      });
      c._briCluster = members.length;
      self.group.addLayer(c);
      self.shown += members.length;
    });
  };

  /* ------------------------------------------------------------------ layers */
  function leafletGeometry(geom, spec, role, renderer, style, data) {
    switch (geom.type) {
      case 0: return new SymbolMarker(geom.coords, pointOptions(spec, role, renderer));
      case 1: return new TypedLine(data, geom.coords, style);
      case 5: return new TypedLine(data, geom.coords, style);
      case 3: return L.polygon(geom.coords, style);
      case 6: return L.polygon(geom.coords, style);
      case 4:
        return L.featureGroup(geom.coords.map(function (c) {
          return new SymbolMarker(c, pointOptions(spec, role, renderer));
        }));
      case 7:
        var members = geom.coords.map(function (g) {
          return leafletGeometry(g, spec, role, renderer, style, data);
        }).filter(Boolean);
        return members.length ? L.featureGroup(members) : null;
      default: return null;
    }
  }

  function tagFeature(layer, entry, i) {
    layer._briFeature = i;
    if (layer.eachLayer) layer.eachLayer(function (l) { tagFeature(l, entry, i); });
  }

  function featureAt(e) {
    var l = e.propagatedFrom || e.layer || e.target;
    while (l && l._briFeature === undefined && l._eventParents) {
      var parents = Object.keys(l._eventParents);
      l = parents.length ? l._eventParents[parents[0]] : null;
    }
    return l ? l._briFeature : undefined;
  }

  function buildLayer(state, spec) {
    var map = state.map, renderer = state.renderer;
    var geoms = decodeGeometries(spec.geometry);
    var style = {renderer: renderer, color: spec.style.color, weight: spec.style.weight,
      opacity: spec.style.opacity, fillColor: spec.style.fillColor,
      fillOpacity: spec.style.fillOpacity, dashArray: spec.style.dashArray};
    var roleCol = spec.properties.columns.indexOf("role");
    var features = new Array(geoms.length), markers = [], paths = L.featureGroup();
    spec._types = geoms.map(function (g) { return g.type; });
    var data = mercator(geoms.lng, geoms.lat);
    for (var i = 0; i < geoms.length; i++) {
      var role = roleCol >= 0 ? spec.properties.values[roleCol][i] : null;
      var layer = leafletGeometry(geoms[i], spec, role, renderer, style, data);
      features[i] = layer;
      if (!layer) continue;
      tagFeature(layer, spec, i);
      if (spec.cluster && geoms[i].type === 0) markers.push(layer); else paths.addLayer(layer);
    }
    var entry = {spec: spec, features: features, markers: markers, paths: paths};
    var tip = L.tooltip({direction: "auto", sticky: true, className: "bri-tooltip"});
    function over(e) {
      var i = featureAt(e);
      if (i === undefined) return;
      tip.setContent(tooltipNode(spec, i));
      var target = features[i];
      map.openTooltip(tip, target.getLatLng && !target.getBounds ? target.getLatLng() : e.latlng);
    }
    function move(e) {
      if (map.hasLayer(tip) && e.latlng && !(features[featureAt(e)] || {}).getLatLng) tip.setLatLng(e.latlng);
    }
    function out() { map.closeTooltip(tip); }
    function click(e) {
      var i = featureAt(e), measure = state.controls.measure;
      if (i === undefined) return;
      if (measure && measure.active()) {
        // a point at the feature, not its popup: a marker's own position, else the
        // nearest point of the path clicked
        var hit = e.propagatedFrom || e.layer || features[i];
        var at = hit.getLatLng && !hit.getBounds ? hit.getLatLng() :
          (e.containerPoint && markerAt(state, e.containerPoint)) ||  // a port on a lane
          (hit.closestLatLng && e.containerPoint && hit.closestLatLng(e.containerPoint)) || e.latlng;
        L.DomEvent.stopPropagation(e);  // the map's own click would add a second point
        measure.add(at);
        return;
      }
      openPopup(state, entry, i, e.latlng);
    }
    var handlers = {mouseover: over, mousemove: move, mouseout: out, click: click};
    paths.on(handlers);
    if (spec.cluster && markers.length) {
      entry.cluster = new Cluster(map, markers, spec);
      entry.cluster.group.on(handlers);
      entry.layer = L.layerGroup([entry.cluster.group, paths]);
    } else {
      entry.layer = paths;
    }
    return entry;
  }

  // Where the controls are: the box covered by the visible controls of each corner
  // ({tl, tr, bl, br}: {left, top, right, bottom} in map container pixels, or null).
  function controlCorners(map) {
    var box = map.getContainer().getBoundingClientRect(), out = {};
    ["topleft", "topright", "bottomleft", "bottomright"].forEach(function (pos) {
      var corner = map._controlCorners[pos], r = null;
      Array.prototype.forEach.call(corner ? corner.children : [], function (c) {
        var b = c.getBoundingClientRect();
        if (c.hidden || !b.width || !b.height) return;
        var cr = {left: b.left - box.left, top: b.top - box.top, right: b.right - box.left,
          bottom: b.bottom - box.top};
        r = r ? {left: Math.min(r.left, cr.left), top: Math.min(r.top, cr.top),
          right: Math.max(r.right, cr.right), bottom: Math.max(r.bottom, cr.bottom)} : cr;
      });
      out[pos] = r;
    });
    return out;
  }

  // Padding that keeps a box of `width` px clear of every control: between the left and
  // right columns of controls where it fits (a wide map), else between the top and bottom
  // rows (a phone). [[left, top], [right, bottom]].
  function clearOfControls(map, width, margin) {
    var size = map.getSize(), c = controlCorners(map);
    function v(r, key, none) { return r ? r[key] : none; }
    var left = Math.max(v(c.topleft, "right", 0), v(c.bottomleft, "right", 0)) + margin;
    var right = size.x - Math.min(v(c.topright, "left", size.x), v(c.bottomright, "left", size.x)) + margin;
    if (size.x - left - right >= width) return [[left, margin], [right, margin]];
    var top = Math.max(v(c.topleft, "bottom", 0), v(c.topright, "bottom", 0)) + margin;
    var bottom = size.y - Math.min(v(c.bottomleft, "top", size.y), v(c.bottomright, "top", size.y)) + margin;
    return [[margin, top], [margin, bottom]];
  }

  //: What a popup's box adds to the width of its content: Leaflet's content margins
  //: (20 + 24 px) and a little to spare.
  var POPUP_FRAME_PX = 50;

  // The position of the point feature drawn under a container point, if any (the nearest).
  function markerAt(state, point) {
    var map = state.map, best = null, dist = Infinity;
    Object.keys(state.layers).forEach(function (id) {
      state.layers[id].features.forEach(function (f) {
        if (!f || !f._map || !f.getLatLng || f.getBounds) return;
        var d = map.latLngToContainerPoint(f.getLatLng()).distanceTo(point);
        if (d <= (f._radius || 0) + 4 && d < dist) { dist = d; best = f.getLatLng(); }
      });
    });
    return best;
  }

  function openPopup(state, entry, i, latlng) {
    var target = entry.features[i], map = state.map;
    if (!latlng) latlng = target.getLatLng && !target.getBounds ? target.getLatLng() :
      (target.getCenter ? target.getCenter() : target.getBounds().getCenter());
    if (target.getLatLng && !target.getBounds) latlng = target.getLatLng();
    // one popup for the page: a new one replaces the old. Sized to the map and kept clear
    // of the controls, so that on a phone it fits the screen and scrolls inside itself.
    // width: of the content; the popup's box adds its margins (POPUP_FRAME_PX)
    var size = map.getSize(), width = Math.min(380, size.x - 16 - POPUP_FRAME_PX);
    var pad = clearOfControls(map, width + POPUP_FRAME_PX + 16, 8);
    var height = Math.max(120, size.y - pad[0][1] - pad[1][1] - 60);  // 60: tip and margins
    state.popup = state.popup || L.popup({className: "bri-popup-box"});
    L.setOptions(state.popup, {maxWidth: width, minWidth: Math.min(200, width),
      maxHeight: Math.min(420, height), autoPanPaddingTopLeft: L.point(pad[0]),
      autoPanPaddingBottomRight: L.point(pad[1])});
    return state.popup.setLatLng(latlng).setContent(popupNode(state, entry.spec, i)).openOn(map);
  }

  /* ------------------------------------------------------------------ controls */
  // A panel's title button that folds its body away; small maps start folded.
  // On a small map one panel is open at a time: opening one folds the others, and the
  // container's class says which is open (the stylesheet keeps it clear of the rest).
  function collapsible(map, box, title, bodyClass) {
    var toggle = el("button", "bri-collapse", box, title);
    toggle.type = "button";
    var body = el("div", bodyClass, box);
    var size = map.getSize(), panels = map._briPanels = map._briPanels || [];
    function set(open) {
      body.hidden = !open;
      toggle.setAttribute("aria-expanded", String(open));
      map.getContainer().classList.toggle(bodyClass + "-open", open);
    }
    set(!(size.x < 700 || size.y < 560));
    panels.push(set);
    toggle.addEventListener("click", function () {
      var open = body.hidden, small = map.getSize().x < 600;
      if (open && small) panels.forEach(function (other) { if (other !== set) other(false); });
      set(open);
    });
    body.setOpen = set;
    return body;
  }

  function layerControl(map, state, config) {
    var ctl = L.control({position: "topright"});
    ctl.onAdd = function () {
      var box = el("div", "bri-panel bri-layers leaflet-bar");
      box.setAttribute("role", "group");
      box.setAttribute("aria-label", "Layers");
      stopEvents(box);
      var body = collapsible(map, box, "Layers", "bri-layers-body");
      el("div", "bri-group-title", body, "Base map");
      [config.basemap].concat(config.basemaps).forEach(function (b, i) {
        var label = el("label", "bri-row", body);
        var input = el("input", null, label);
        input.type = "radio";
        input.name = "bri-basemap";
        input.checked = i === 0;
        input.dataset.basemap = String(i);
        el("span", null, label, b.name);
        input.addEventListener("change", function () { state.setBasemap(i); });
      });
      config.groups.forEach(function (group) {
        var members = config.layers.filter(function (s) { return s.group === group; });
        if (!members.length) return;
        var section = el("div", "bri-group", body);
        el("div", "bri-group-title", section, group);
        members.forEach(function (spec) {
          var label = el("label", "bri-row bri-overlay", section);
          if (spec.description) label.title = spec.description;
          var input = el("input", null, label);
          input.type = "checkbox";
          input.checked = true;
          input.dataset.layer = spec.id;
          symbol(spec, label);
          el("span", "bri-overlay-name", label, spec.title);
          el("span", "bri-count", label, spec.count.toLocaleString("en-US"));
          input.addEventListener("change", function () {
            if (input.checked) map.addLayer(state.layers[spec.id].layer);
            else map.removeLayer(state.layers[spec.id].layer);
            state.changed();
          });
        });
      });
      return box;
    };
    return ctl;
  }

  function legendControl(map, state, config) {
    var ctl = L.control({position: "bottomright"});
    ctl.onAdd = function () {
      var box = el("div", "bri-panel bri-legend");
      box.setAttribute("aria-label", "Legend");
      stopEvents(box);
      var list = el("ul", null, collapsible(map, box, "Legend", "bri-legend-body"));
      ctl.update = function () {
        list.textContent = "";
        config.layers.forEach(function (spec) {
          if (!map.hasLayer(state.layers[spec.id].layer)) return;
          var item = el("li", "bri-legend-item", list);
          item.dataset.layer = spec.id;
          symbol(spec, item);
          el("span", null, item, spec.title);
        });
        box.hidden = !list.children.length;  // nothing on: no legend
      };
      ctl.update();
      return box;
    };
    return ctl;
  }

  // A time series as a bar chart (SVG, text through textContent): a bar a year, gaps where
  // no figure is published; each bar's title gives the value, its note and source.
  function seriesChart(parent, series) {
    var box = el("div", "bri-series", parent);
    el("div", "bri-series-title", box, series.label + (series.unit ? " (" + series.unit + ")" : ""));
    var pts = series.points, first = pts[0].year, last = pts[pts.length - 1].year;
    var max = Math.max.apply(null, pts.map(function (p) { return p.value; })) || 1;
    var years = last - first + 1, w = 260, h = 96, top = 14, bottom = 16;
    var step = w / years, bar = Math.max(2, step * 0.72);
    var svg = svgNode("svg", {width: "100%", viewBox: "0 0 " + w + " " + h, role: "img",
      "class": "bri-series-chart"}, box);
    svg.setAttribute("aria-label", series.label + ", " + first + " to " + last);
    var byYear = {};
    pts.forEach(function (p) { byYear[p.year] = p; });
    for (var y = first; y <= last; y++) {
      var p = byYear[y], x = (y - first) * step + (step - bar) / 2;
      if (!p) {
        svgNode("line", {x1: x, x2: x + bar, y1: h - bottom, y2: h - bottom, stroke: "#999",
          "stroke-dasharray": "2 2"}, svg);
        continue;
      }
      var bh = Math.max(1, (h - top - bottom) * p.value / max);
      var rect = svgNode("rect", {x: x, y: h - bottom - bh, width: bar, height: bh,
        fill: "#5b3f8c", "class": "bri-series-bar"}, svg);
      rect.dataset.year = String(p.year);
      var title = document.createElementNS("http://www.w3.org/2000/svg", "title");
      title.textContent = p.year + ": " + fmtNumber(p.value, true) + (series.unit ? " " + series.unit : "") +
        (p.note ? " (" + p.note + ")" : "") + ". Source: " + p.source;
      rect.appendChild(title);
    }
    var label = function (text, x, anchor, yy) {
      var t = svgNode("text", {x: x, y: yy, "text-anchor": anchor, "font-size": 10, fill: "#444"}, svg);
      t.textContent = text;
    };
    label(String(first), 0, "start", h - 3);
    label(String(last), w, "end", h - 3);
    label(fmtNumber(byYear[last].value, true), w, "end", 10);
    var gaps = [];
    for (var g = first; g <= last; g++) if (!byYear[g]) gaps.push(g);
    if (gaps.length) el("div", "bri-series-gaps", box, "No published total found for " + gaps.join(", "));
    if (series.note) el("div", "bri-series-gaps", box, series.note);
    var details = el("details", "bri-series-sources", box);
    el("summary", null, details, "Sources, year by year");
    var ul = el("ul", null, details);
    pts.forEach(function (p) {
      var li = el("li", null, ul, p.year + ": " + fmtNumber(p.value, true) + (p.note ? " (" + p.note + ")" : "") + ". ");
      linkify(el("i", null, li), p.source);
    });
    return box;
  }

  // The published figures of all layers, each with its year and source, and the charts.
  function figuresControl(map, figures, series) {
    var ctl = L.control({position: "bottomleft"});
    ctl.onAdd = function () {
      var box = el("div", "bri-panel bri-figures");
      box.setAttribute("aria-label", "Figures");
      stopEvents(box);
      var body = collapsible(map, box, "In figures", "bri-figures-body");
      body.setOpen(false);  // folded: a click away, never over the data
      (series || []).forEach(function (one) { seriesChart(body, one); });
      var list = el("ul", null, body);
      var sources = [];
      figures.forEach(function (f) {
        var item = el("li", null, list);
        el("b", null, item, f.value);
        el("span", null, item, " " + f.label + " (" + f.year + (f.note ? ", " + f.note : "") + ")");
        item.title = f.where + " · Source: " + f.source;
        if (sources.indexOf(f.source) < 0) sources.push(f.source);
      });
      el("div", "bri-source", body, "Source: " + sources.join("; "));
      return box;
    };
    return ctl;
  }

  //: Most names offered under the search box at once.
  var MAX_SUGGESTIONS = 50;

  function searchControl(map, state) {
    var ctl = L.control({position: "topleft"});
    ctl.onAdd = function () {
      var box = el("div", "bri-panel bri-search");
      stopEvents(box);
      var input = el("input", null, box);
      input.type = "search";
      input.placeholder = "Find a corridor, city, port…";
      input.setAttribute("aria-label", "Search features by name");
      input.setAttribute("list", "bri-search-names");
      var list = el("datalist", null, box);
      list.id = "bri-search-names";
      var seen = new Set(), names = [];
      state.index.forEach(function (f) {
        if (!seen.has(f.name)) { seen.add(f.name); names.push(f.name); }
      });
      names.sort();
      var lower = names.map(function (n) { return n.toLowerCase(); });
      function suggest() {
        var q = input.value.trim().toLowerCase(), shown = 0;
        list.textContent = "";
        for (var i = 0; i < names.length && shown < MAX_SUGGESTIONS; i++) {
          if (!q || lower[i].indexOf(q) >= 0) {
            el("option", null, list).value = names[i];
            shown++;
          }
        }
      }
      suggest();
      var status = el("div", "bri-search-status", box);
      status.setAttribute("role", "status");
      function go() {
        var q = input.value.trim().toLowerCase();
        if (!q) { status.textContent = ""; return; }
        var hit = null, part = null;
        for (var i = 0; i < state.index.length && !hit; i++) {
          var n = state.index[i].lower;
          if (n === q) hit = state.index[i];
          else if (!part && n.indexOf(q) >= 0) part = state.index[i];
        }
        hit = hit || part;
        if (!hit) { status.textContent = "No feature named “" + input.value + "”"; return; }
        status.textContent = "";
        var entry = state.layers[hit.id], target = entry.features[hit.i];
        if (!map.hasLayer(entry.layer)) {
          document.querySelectorAll(".bri-layers input[data-layer]").forEach(function (box) {
            if (box.dataset.layer === hit.id) box.checked = true;
          });
          map.addLayer(entry.layer);
          state.changed();
        }
        if (target.getLatLng && !target.getBounds) {
          map.setView(target.getLatLng(), Math.max(map.getZoom(), 8), {animate: false});
        } else {
          map.fitBounds(target.getBounds(), {padding: [30, 30], animate: false});
        }
        openPopup(state, entry, hit.i);
      }
      input.addEventListener("input", suggest);
      input.addEventListener("change", go);
      input.addEventListener("keydown", function (e) { if (e.key === "Enter") go(); });
      return box;
    };
    return ctl;
  }

  function button(parent, text, title) {
    var b = el("a", "bri-button", parent, text);
    b.href = "#";
    b.title = title;
    b.setAttribute("role", "button");
    b.setAttribute("aria-label", title);
    return b;
  }

  /* ------------------------------------------------------------------ measure */
  // Distances on the WGS84 ellipsoid by Karney's algorithm (GeographicLib, vendored), as
  // geo.distance computes them; metres.
  var GEOD = geodesic.Geodesic.WGS84;
  function geodesicMetres(p, q) {
    return GEOD.Inverse(p.lat, p.lng, q.lat, q.lng, geodesic.Geodesic.DISTANCE).s12;
  }

  // Points along the geodesic from p to q (n steps), longitudes continuous from p's.
  function geodesicPath(p, q, n) {
    var line = GEOD.InverseLine(p.lat, p.lng, q.lat, q.lng,
      geodesic.Geodesic.LATITUDE | geodesic.Geodesic.LONGITUDE | geodesic.Geodesic.DISTANCE_IN);
    var mask = geodesic.Geodesic.LATITUDE | geodesic.Geodesic.LONGITUDE | geodesic.Geodesic.LONG_UNROLL;
    var out = [];
    for (var i = 0; i <= n; i++) {
      var r = line.Position(line.s13 * i / n, mask);
      out.push(L.latLng(r.lat2, r.lon2));
    }
    return out;
  }

  function fmt(value, digits) {
    return value.toLocaleString("en-GB", {maximumFractionDigits: digits, minimumFractionDigits: digits});
  }

  // Click points on the map, or on a feature (a marker's own position, the nearest point
  // of a line), and read the geodesic distance along them in km and nautical miles.
  // `renderer`: the layers' canvas; the measured line and points go on it too (a canvas of
  // their own would lie over the features and take their clicks).
  function measureControl(map, renderer) {
    var ctl = L.control({position: "topleft"});
    var active = false, points = [], line = null, dots = L.layerGroup(), out, toggle;
    function total() {
      var m = 0;
      for (var i = 1; i < points.length; i++) m += geodesicMetres(points[i - 1], points[i]);
      return m;
    }
    function redraw() {
      var path = [];
      for (var i = 1; i < points.length; i++) {
        var seg = geodesicPath(points[i - 1], points[i], 64);
        if (path.length) {
          var shift = Math.round((path[path.length - 1].lng - seg[0].lng) / 360) * 360;
          seg = seg.map(function (p) { return L.latLng(p.lat, p.lng + shift); });
        }
        path = path.concat(seg);
      }
      if (line) map.removeLayer(line);
      line = path.length ? L.polyline(path, {renderer: renderer, color: "#111", weight: 2,
        dashArray: "4 4", interactive: false}).addTo(map) : null;
      var m = total();
      out.textContent = points.length < 2 ? "Click on the map or a feature to measure" :
        fmt(m / 1000, 1) + " km · " + fmt(m / 1852, 1) + " nmi";
      out.dataset.metres = m.toFixed(3);  // the full figure, for tools and tests
      out.title = points.length < 2 ? "" : fmt(m, 0) + " m on the WGS84 ellipsoid (Karney)";
    }
    function add(latlng) {
      points.push(L.latLng(latlng.lat, latlng.lng));
      L.circleMarker(latlng, {renderer: renderer, radius: 3, color: "#111", interactive: false})
        .addTo(dots);
      redraw();
    }
    function onClick(e) { add(e.latlng); }
    function stop() {
      active = false;
      map.off("click", onClick);
      map.getContainer().classList.remove("bri-measuring");
      toggle.setAttribute("aria-pressed", "false");
    }
    ctl.onAdd = function () {
      var box = el("div", "leaflet-bar bri-measure");
      stopEvents(box);
      toggle = button(box, "", "Measure a distance (km and nautical miles)");
      toggle.setAttribute("aria-pressed", "false");
      el("span", "bri-ruler", toggle);
      out = el("div", "bri-measure-out", box);
      out.hidden = true;
      out.setAttribute("role", "status");
      var clear = button(box, "×", "Clear the measurement");
      clear.hidden = true;
      toggle.addEventListener("click", function (e) {
        e.preventDefault();
        if (active) { stop(); return; }
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
      clear.addEventListener("click", function (e) {
        e.preventDefault();
        stop();
        points = [];
        dots.clearLayers();
        if (line) { map.removeLayer(line); line = null; }
        out.hidden = true;
        clear.hidden = true;
      });
      return box;
    };
    ctl.active = function () { return active; };
    ctl.add = add;
    ctl.metres = total;
    ctl.points = function () { return points.map(function (p) { return [p.lat, p.lng]; }); };
    ctl.measureMetres = geodesicMetres;
    return ctl;
  }

  function fullscreenControl(map) {
    var ctl = L.control({position: "topleft"});
    ctl.onAdd = function () {
      var box = el("div", "leaflet-bar");
      var b = button(box, "", "Full screen");
      el("span", "bri-fs-icon", b);
      b.addEventListener("click", function (e) {
        e.preventDefault();
        var c = map.getContainer();
        if (document.fullscreenElement) { document.exitFullscreen(); return; }
        if (c.requestFullscreen) {
          c.requestFullscreen().catch(function () { c.classList.toggle("bri-fullscreen"); });
        } else {
          c.classList.toggle("bri-fullscreen");
        }
      });
      document.addEventListener("fullscreenchange", function () { map.invalidateSize(); });
      return box;
    };
    return ctl;
  }

  function miniMapControl(map, base, sea) {
    var ctl = L.control({position: "bottomleft"});
    ctl.onAdd = function () {
      var box = el("div", "bri-minimap");
      box.setAttribute("aria-hidden", "true");
      setTimeout(function () {
        var mini = L.map(box, {attributionControl: false, zoomControl: false, dragging: false,
          scrollWheelZoom: false, doubleClickZoom: false, boxZoom: false, keyboard: false,
          touchZoom: false});
        ctl.base = new BaseMap(base, {borders: false, sea: sea}).addTo(mini);
        var rect = L.rectangle(map.getBounds(), {color: "#c0392b", weight: 1, fillOpacity: 0.08,
          interactive: false})
          .addTo(mini);
        function sync() {
          mini.setView(map.getCenter(), Math.max(0, map.getZoom() - 5), {animate: false});
          rect.setBounds(map.getBounds());
        }
        map.on("moveend", sync);
        sync();
        ctl.mini = mini;
      }, 0);
      return box;
    };
    return ctl;
  }

  /* ------------------------------------------------------------------ entry point */
  // Number of features of a layer drawn now (a cluster counts as its members).
  function drawnCount(entry, map) {
    if (!map.hasLayer(entry.layer)) return 0;
    var n = entry.paths.getLayers().length;
    if (entry.cluster) n += entry.cluster.shown || 0;
    return n;
  }

  window.briInit = function (map, config) {
    if (!config || config.version !== SPEC_VERSION) {
      throw new Error("bri-corridors: map spec version " + (config && config.version) +
        ", expected " + SPEC_VERSION);
    }
    var t0 = performance.now();
    var state = {map: map, config: config, layers: {}, index: [], basemaps: [], controls: {},
      timings: {},
      renderer: L.canvas({padding: 0.1, tolerance: 4})};
    state.changed = function () {  // a layer turned on or off
      if (state.controls.legend && state.controls.legend.update) state.controls.legend.update();
    };
    // base maps: the built-in one (drawn now), then tile servers (made, and so requested,
    // only when chosen)
    var base = function () {  // decoded when the first tile is drawn (after the layers)
      var t = performance.now();
      if (!state.base) state.base = decodeBasemap(config.basemap);
      state.timings.basemap_decode_ms = state.timings.basemap_decode_ms || performance.now() - t;
      return state.base;
    };
    state.basemaps.push(new BaseMap(base, {attribution: config.basemap.attribution,
      maxZoom: config.basemap.maxZoom, sea: config.basemap.style.sea, borders: true}).addTo(map));
    map.setMaxZoom(config.basemap.maxZoom);
    config.basemaps.forEach(function (b) {
      state.basemaps.push(function () {
        return L.tileLayer(b.url, {maxZoom: b.maxZoom, attribution: b.attribution});
      });
    });
    state.setBasemap = function (i) {
      state.basemaps.forEach(function (t, j) {
        if (typeof t !== "function" && j !== i) map.removeLayer(t);
      });
      if (typeof state.basemaps[i] === "function") state.basemaps[i] = state.basemaps[i]();
      map.setMaxZoom(state.basemaps[i].options.maxZoom);  // the deepest the base map goes
      state.basemaps[i].addTo(map);
    };
    // the map keeps keyboard focus visible, but shows no ring where a pointer clicked
    // (Leaflet focuses the map on every press, which Chromium marks :focus-visible)
    var container = map.getContainer();
    container.addEventListener("pointerdown", function () { container.classList.add("bri-pointer"); }, true);
    document.addEventListener("keydown", function () { container.classList.remove("bri-pointer"); }, true);
    var tDecode = 0;
    config.layers.forEach(function (spec) {
      var t = performance.now();
      var entry = buildLayer(state, spec);
      tDecode += performance.now() - t;
      state.layers[spec.id] = entry;
      var names = spec.properties.values[0];
      for (var i = 0; i < names.length; i++) {
        if (entry.features[i]) {
          var name = String(names[i]);
          state.index.push({name: name, lower: name.toLowerCase(), id: spec.id, i: i});
        }
      }
    });
    state.timings.build_ms = tDecode;
    state.controls.layers = layerControl(map, state, config).addTo(map);
    state.controls.search = searchControl(map, state).addTo(map);
    state.controls.measure = measureControl(map, state.renderer).addTo(map);
    state.controls.fullscreen = fullscreenControl(map).addTo(map);
    if ((config.figures && config.figures.length) || (config.series && config.series.length)) {
      state.controls.figures = figuresControl(map, config.figures || [], config.series).addTo(map);
    }
    if (config.bounds) {
      // the view first (so the layers are projected once): on a wide map clear of the
      // layer panel (top right) and the tools (top left); on a phone the data fills the
      // width, below the tools and above the folded panels
      var size = map.getSize(), panel = state.controls.layers.getContainer();
      var pad = [[size.x > 900 ? 60 : 10, 10], [size.x > 900 ? panel.offsetWidth + 20 : 10, 10]];
      if (size.x < 600 && size.y > size.x) {
        var rows = clearOfControls(map, size.x, 6);
        pad = [[10, rows[0][1]], [10, Math.max(rows[1][1], 50)]];
      }
      map.fitBounds(config.bounds, {paddingTopLeft: pad[0], paddingBottomRight: pad[1],
        animate: false});
    }
    var t = performance.now();
    config.layers.forEach(function (spec) { state.layers[spec.id].layer.addTo(map); });
    state.timings.draw_ms = performance.now() - t;
    state.controls.legend = legendControl(map, state, config).addTo(map);
    state.controls.minimap = miniMapControl(map, base, config.basemap.style.sea).addTo(map);
    state.drawn = function (id) { return drawnCount(state.layers[id], map); };
    // a feature's drawn positions as [lng, lat] (for tests and tools)
    state.positions = function (id, i) {
      var f = state.layers[id].features[i], out = [];
      (function walk(x) {
        if (x instanceof L.LatLng) out.push([x.lng, x.lat]); else x.forEach(walk);
      })(f.getLatLngs ? f.getLatLngs() : [f.getLatLng()]);
      return out;
    };
    state.openPopup = function (id, i) { return openPopup(state, state.layers[id], i); };
    state.timings.init_ms = performance.now() - t0;  // milliseconds spent in briInit
    state.timings.start_ms = t0;
    window.briState = state;
    return state;
  };
})();
