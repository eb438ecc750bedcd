/* bri-corridors map: layers, grouped layer control, legend, search, measure, fullscreen,
 * minimap and clustering, on plain Leaflet. Text from the data goes into the page through
 * textContent only; tooltip and popup HTML arrive already escaped from Python. */
(function () {
  "use strict";

  function el(tag, className, parent, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    if (parent) parent.appendChild(node);
    return node;
  }

  function stopEvents(node) {
    L.DomEvent.disableClickPropagation(node);
    L.DomEvent.disableScrollPropagation(node);
  }

  /* ------------------------------------------------------------------ geodesy (display) */
  // Vincenty's inverse formula on WGS84, metres; for the measure tool only (the Python
  // engine uses Karney's algorithm). Falls back to the sphere where it does not converge.
  var WGS84_A = 6378137.0, WGS84_F = 1 / 298.257223563, WGS84_B = WGS84_A * (1 - WGS84_F);
  function geodesicMetres(p, q) {
    var rad = Math.PI / 180, Lng = (q.lng - p.lng) * rad;
    var U1 = Math.atan((1 - WGS84_F) * Math.tan(p.lat * rad));
    var U2 = Math.atan((1 - WGS84_F) * Math.tan(q.lat * rad));
    var sinU1 = Math.sin(U1), cosU1 = Math.cos(U1), sinU2 = Math.sin(U2), cosU2 = Math.cos(U2);
    var lambda = Lng, iter = 0, sinS, cosS, sigma, cos2Alpha, cos2SigmaM, prev;
    do {
      var sinL = Math.sin(lambda), cosL = Math.cos(lambda);
      sinS = Math.sqrt(Math.pow(cosU2 * sinL, 2) + Math.pow(cosU1 * sinU2 - sinU1 * cosU2 * cosL, 2));
      if (sinS === 0) return 0;
      cosS = sinU1 * sinU2 + cosU1 * cosU2 * cosL;
      sigma = Math.atan2(sinS, cosS);
      var sinAlpha = cosU1 * cosU2 * sinL / sinS;
      cos2Alpha = 1 - sinAlpha * sinAlpha;
      cos2SigmaM = cos2Alpha !== 0 ? cosS - 2 * sinU1 * sinU2 / cos2Alpha : 0;
      var C = WGS84_F / 16 * cos2Alpha * (4 + WGS84_F * (4 - 3 * cos2Alpha));
      prev = lambda;
      lambda = Lng + (1 - C) * WGS84_F * sinAlpha *
        (sigma + C * sinS * (cos2SigmaM + C * cosS * (-1 + 2 * cos2SigmaM * cos2SigmaM)));
    } while (Math.abs(lambda - prev) > 1e-12 && ++iter < 200);
    if (iter >= 200) return 6371008.8 * sigma; // nearly antipodal: spherical estimate
    var u2 = cos2Alpha * (WGS84_A * WGS84_A - WGS84_B * WGS84_B) / (WGS84_B * WGS84_B);
    var A = 1 + u2 / 16384 * (4096 + u2 * (-768 + u2 * (320 - 175 * u2)));
    var B = u2 / 1024 * (256 + u2 * (-128 + u2 * (74 - 47 * u2)));
    var dSigma = B * sinS * (cos2SigmaM + B / 4 * (cosS * (-1 + 2 * cos2SigmaM * cos2SigmaM) -
      B / 6 * cos2SigmaM * (-3 + 4 * sinS * sinS) * (-3 + 4 * cos2SigmaM * cos2SigmaM)));
    return WGS84_B * A * (sigma - dSigma);
  }

  // Points along the great circle (sphere; for drawing the measured line only).
  function greatCircle(p, q, n) {
    var rad = Math.PI / 180, out = [];
    var f1 = p.lat * rad, l1 = p.lng * rad, f2 = q.lat * rad, l2 = q.lng * rad;
    var d = 2 * Math.asin(Math.sqrt(Math.pow(Math.sin((f2 - f1) / 2), 2) +
      Math.cos(f1) * Math.cos(f2) * Math.pow(Math.sin((l2 - l1) / 2), 2)));
    if (d === 0) return [p, q];
    var prevLng = p.lng;
    for (var i = 0; i <= n; i++) {
      var t = i / n, a = Math.sin((1 - t) * d) / Math.sin(d), b = Math.sin(t * d) / Math.sin(d);
      var x = a * Math.cos(f1) * Math.cos(l1) + b * Math.cos(f2) * Math.cos(l2);
      var y = a * Math.cos(f1) * Math.sin(l1) + b * Math.cos(f2) * Math.sin(l2);
      var z = a * Math.sin(f1) + b * Math.sin(f2);
      var lng = Math.atan2(y, x) / rad;
      lng += Math.round((prevLng - lng) / 360) * 360; // continuous across ±180
      prevLng = lng;
      out.push(L.latLng(Math.atan2(z, Math.sqrt(x * x + y * y)) / rad, lng));
    }
    return out;
  }

  function fmt(value, digits) {
    return value.toLocaleString("en-GB", {maximumFractionDigits: digits, minimumFractionDigits: digits});
  }

  /* ------------------------------------------------------------------ symbols */
  function markerIcon(spec, props) {
    var cls = "bri-marker bri-" + spec.marker;
    if (props && props._role === "border crossing") cls += " bri-crossing";
    return L.divIcon({className: cls, iconSize: [14, 14], iconAnchor: [7, 7],
      tooltipAnchor: [8, 0], popupAnchor: [0, -7]});
  }

  function symbol(spec, parent) {
    var box = el("span", "bri-symbol", parent);
    if (spec.kind === "line") {
      var svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
      svg.setAttribute("width", "28");
      svg.setAttribute("height", "12");
      var line = document.createElementNS("http://www.w3.org/2000/svg", "line");
      line.setAttribute("x1", "1"); line.setAttribute("y1", "6");
      line.setAttribute("x2", "27"); line.setAttribute("y2", "6");
      line.setAttribute("stroke", spec.style.color);
      line.setAttribute("stroke-width", String(Math.min(spec.style.weight, 6)));
      if (spec.style.dashArray) line.setAttribute("stroke-dasharray", spec.style.dashArray);
      svg.appendChild(line);
      box.appendChild(svg);
    } else {
      var m = el("span", "bri-marker bri-" + spec.marker, box);
      m.style.setProperty("--bri-color", spec.style.color);
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
    this.group = L.layerGroup();
    this.cellPx = 36;
    var self = this;
    this.group.on("add", function () { self.redraw(); map.on("zoomend", self.redraw, self); });
    this.group.on("remove", function () { map.off("zoomend", self.redraw, self); });
  }
  Cluster.prototype.redraw = function () {
    var map = this.map, cells = {}, self = this;
    this.group.clearLayers();
    var zoom = map.getZoom(), cell = this.cellPx;
    this.markers.forEach(function (m) {
      var pt = map.project(m.getLatLng(), zoom);
      var key = Math.floor(pt.x / cell) + ":" + Math.floor(pt.y / cell);
      (cells[key] = cells[key] || []).push(m);
    });
    Object.keys(cells).sort().forEach(function (key) {
      var members = cells[key];
      if (members.length === 1 || zoom >= map.getMaxZoom()) {
        members.forEach(function (m) { self.group.addLayer(m); });
        return;
      }
      var bounds = L.latLngBounds(members.map(function (m) { return m.getLatLng(); }));
      var icon = L.divIcon({className: "bri-cluster", iconSize: [30, 30], html: ""});
      var c = L.marker(bounds.getCenter(), {icon: icon, keyboard: true});
      c.on("add", function () {
        var node = c.getElement();
        node.textContent = String(members.length);
        node.style.setProperty("--bri-color", self.spec.style.color);
        node.setAttribute("aria-label", members.length + " features");
      });
      c.bindTooltip(el("span", null, null, members.length + " × " + self.spec.name));
      c.on("click", function () { map.fitBounds(bounds.pad(0.3), {maxZoom: zoom + 3}); });
      c._briCluster = members.length;
      self.group.addLayer(c);
    });
  };

  /* ------------------------------------------------------------------ layers */
  function buildLayer(map, spec) {
    var leafletLayer, features = [], markers = [];
    var geo = L.geoJSON(spec.data, {
      style: function () { return spec.style; },
      pointToLayer: function (feature, latlng) {
        return L.marker(latlng, {icon: markerIcon(spec, feature.properties),
          title: feature.properties._name, alt: feature.properties._name, keyboard: true});
      },
      onEachFeature: function (feature, layer) {
        var p = feature.properties;
        layer.bindTooltip(p._tooltip, {sticky: spec.kind === "line", direction: "auto"});
        layer.bindPopup(p._popup, {maxWidth: 380, maxHeight: 420});
        features.push({name: p._name, layer: layer, spec: spec});
        if (layer.getLatLng) {
          markers.push(layer);
          layer.on("add", function () {
            var node = layer.getElement();
            if (node) node.style.setProperty("--bri-color", spec.style.color);
          });
        }
      }
    });
    if (spec.cluster && markers.length) {
      var cluster = new Cluster(map, markers, spec);
      leafletLayer = L.layerGroup([cluster.group]);
      geo.eachLayer(function (l) { if (!l.getLatLng) leafletLayer.addLayer(l); });
      spec._cluster = cluster;
    } else {
      leafletLayer = geo;
    }
    return {layer: leafletLayer, features: features, markers: markers};
  }

  /* ------------------------------------------------------------------ controls */
  // A panel's title button that folds its body away; small maps start folded.
  function collapsible(map, box, title, bodyClass) {
    var toggle = el("button", "bri-collapse", box, title);
    toggle.type = "button";
    var body = el("div", bodyClass, box);
    var size = map.getSize();
    body.hidden = size.x < 700 || size.y < 560;
    toggle.setAttribute("aria-expanded", String(!body.hidden));
    toggle.addEventListener("click", function () {
      body.hidden = !body.hidden;
      toggle.setAttribute("aria-expanded", String(!body.hidden));
    });
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
      config.basemaps.forEach(function (b, i) {
        var label = el("label", "bri-row", body);
        var input = el("input", null, label);
        input.type = "radio";
        input.name = "bri-basemap";
        input.checked = i === 0;
        el("span", null, label, b.name);
        input.addEventListener("change", function () {
          state.basemaps.forEach(function (t) { map.removeLayer(t); });
          state.basemaps[i].addTo(map);
        });
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
          el("span", "bri-overlay-name", label, spec.name);
          el("span", "bri-count", label, String(spec.count));
          input.addEventListener("change", function () {
            if (input.checked) map.addLayer(state.layers[spec.id].layer);
            else map.removeLayer(state.layers[spec.id].layer);
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
          el("span", null, item, spec.name);
        });
        box.hidden = !list.children.length;  // nothing on: no legend
      };
      ctl.update();
      return box;
    };
    return ctl;
  }

  // The published figures of all layers, each with its year and source.
  function figuresControl(map, figures) {
    var ctl = L.control({position: "bottomleft"});
    ctl.onAdd = function () {
      var box = el("div", "bri-panel bri-figures");
      box.setAttribute("aria-label", "Figures");
      stopEvents(box);
      var body = collapsible(map, box, "In figures", "bri-figures-body");
      body.hidden = true;  // folded: a click away, never over the data
      box.querySelector(".bri-collapse").setAttribute("aria-expanded", "false");
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
      var names = state.features.map(function (f) { return f.name; });
      names.filter(function (n, i) { return names.indexOf(n) === i; }).sort().forEach(function (n) {
        var option = el("option", null, list);
        option.value = n;
      });
      var status = el("div", "bri-search-status", box);
      status.setAttribute("role", "status");
      function go() {
        var q = input.value.trim().toLowerCase();
        if (!q) { status.textContent = ""; return; }
        var hit = state.features.filter(function (f) { return f.name.toLowerCase() === q; })[0] ||
          state.features.filter(function (f) { return f.name.toLowerCase().indexOf(q) >= 0; })[0];
        if (!hit) { status.textContent = "No feature named “" + input.value + "”"; return; }
        status.textContent = "";
        var entry = state.layers[hit.spec.id];
        if (!map.hasLayer(entry.layer)) {
          document.querySelectorAll(".bri-layers input[data-layer]").forEach(function (input) {
            if (input.dataset.layer === hit.spec.id) input.checked = true;
          });
          map.addLayer(entry.layer);
        }
        if (hit.layer.getLatLng) {
          map.setView(hit.layer.getLatLng(), Math.max(map.getZoom(), 8), {animate: false});
          if (hit.spec._cluster) hit.spec._cluster.redraw();
          hit.layer.openPopup();
        } else {
          map.fitBounds(hit.layer.getBounds(), {padding: [30, 30], animate: false});
          hit.layer.openPopup(hit.layer.getCenter ? hit.layer.getCenter() : undefined);
        }
      }
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

  function measureControl(map) {
    var ctl = L.control({position: "topleft"});
    var active = false, points = [], line = null, dots = L.layerGroup(), out;
    function total() {
      var m = 0;
      for (var i = 1; i < points.length; i++) m += geodesicMetres(points[i - 1], points[i]);
      return m;
    }
    function redraw() {
      var path = [];
      for (var i = 1; i < points.length; i++) {
        var seg = greatCircle(points[i - 1], points[i], 32);
        if (path.length) {
          var shift = Math.round((path[path.length - 1].lng - seg[0].lng) / 360) * 360;
          seg = seg.map(function (p) { return L.latLng(p.lat, p.lng + shift); });
        }
        path = path.concat(seg);
      }
      if (line) map.removeLayer(line);
      line = path.length ? L.polyline(path, {color: "#111", weight: 2, dashArray: "4 4",
        interactive: false}).addTo(map) : null;
      var m = total();
      out.textContent = points.length < 2 ? "Click on the map to measure" :
        fmt(m / 1000, 1) + " km · " + fmt(m / 1852, 1) + " nmi";
    }
    function onClick(e) {
      points.push(e.latlng);
      L.circleMarker(e.latlng, {radius: 3, color: "#111", interactive: false}).addTo(dots);
      redraw();
    }
    function stop() {
      active = false;
      map.off("click", onClick);
      map.getContainer().classList.remove("bri-measuring");
    }
    ctl.onAdd = function () {
      var box = el("div", "leaflet-bar bri-measure");
      stopEvents(box);
      var b = button(box, "📏", "Measure a distance (km and nautical miles)");
      b.textContent = "";
      el("span", "bri-ruler", b);
      out = el("div", "bri-measure-out", box);
      out.hidden = true;
      out.setAttribute("role", "status");
      var clear = button(box, "×", "Clear the measurement");
      clear.hidden = true;
      b.addEventListener("click", function (e) {
        e.preventDefault();
        if (active) { stop(); return; }
        active = true;
        points = [];
        dots.clearLayers().addTo(map);
        out.hidden = false;
        clear.hidden = false;
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

  function miniMapControl(map, basemap) {
    var ctl = L.control({position: "bottomleft"});
    ctl.onAdd = function () {
      var box = el("div", "bri-minimap");
      box.setAttribute("aria-hidden", "true");
      setTimeout(function () {
        var mini = L.map(box, {attributionControl: false, zoomControl: false, dragging: false,
          scrollWheelZoom: false, doubleClickZoom: false, boxZoom: false, keyboard: false,
          touchZoom: false});
        L.tileLayer(basemap.url, {maxZoom: basemap.maxZoom}).addTo(mini);
        var rect = L.rectangle(map.getBounds(), {color: "#c0392b", weight: 1, interactive: false})
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
  window.briInit = function (map, config) {
    var state = {map: map, layers: {}, features: [], basemaps: [], controls: {}};
    config.basemaps.forEach(function (b, i) {
      var t = L.tileLayer(b.url, {maxZoom: b.maxZoom, attribution: b.attribution});
      state.basemaps.push(t);
      if (i === 0) t.addTo(map);
    });
    config.layers.forEach(function (spec) {
      var built = buildLayer(map, spec);
      state.layers[spec.id] = {layer: built.layer, spec: spec, markers: built.markers};
      state.features = state.features.concat(built.features);
      built.layer.addTo(map);
    });
    state.controls.layers = layerControl(map, state, config).addTo(map);
    state.controls.legend = legendControl(map, state, config).addTo(map);
    state.controls.search = searchControl(map, state).addTo(map);
    state.controls.measure = measureControl(map).addTo(map);
    state.controls.fullscreen = fullscreenControl(map).addTo(map);
    if (config.basemaps.length) state.controls.minimap = miniMapControl(map, config.basemaps[0]).addTo(map);
    if (config.figures && config.figures.length) {
      state.controls.figures = figuresControl(map, config.figures).addTo(map);
    }
    map.on("layeradd layerremove", function () {
      if (state.controls.legend.update) state.controls.legend.update();
    });
    if (config.bounds) {
      // keep the data clear of the layer panel (top right) and the tools (top left)
      var size = map.getSize(), panel = state.controls.layers.getContainer();
      var right = size.x > 900 ? panel.offsetWidth + 20 : 10;
      map.fitBounds(config.bounds, {paddingTopLeft: [size.x > 900 ? 60 : 10, 10],
        paddingBottomRight: [right, 10]});
    }
    window.briState = state;
    return state;
  };
})();
