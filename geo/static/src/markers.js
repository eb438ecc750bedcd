/* Point symbols drawn on the layers' canvas.
 *
 * Leaflet's canvas renderer draws only circles and paths, and has no public way to draw
 * another shape: SymbolMarker overrides L.CircleMarker's private `_updatePath` and, as
 * Leaflet's own circle does, reads the renderer's `_drawing` (false while it is not
 * redrawing) and `_ctx` (the canvas context), the marker's `_empty()` (off screen) and
 * `_point` (its projected position), and calls the renderer's `_fillStroke`. */

import { shapeOf, traceSymbol } from "./symbols.js";

/**
 * @typedef {import("./spec.js").LayerSpec} LayerSpec
 * @typedef {import("./spec.js").StyleSpec} StyleSpec
 * @typedef {import("./symbols.js").SymbolShape} SymbolShape
 */

/**
 * A point drawn as its symbol: `new SymbolMarker(latlng, options)`, with
 * L.CircleMarker's options and `shape` (a SymbolShape).
 * @type {new (latlng: L.LatLngExpression, options: L.CircleMarkerOptions & {shape: SymbolShape}) =>
 *   L.CircleMarker}
 */
export const SymbolMarker = L.CircleMarker.extend({
  _updatePath() {
    const r = this.options.renderer;
    if (!r._drawing || this._empty()) return;
    const p = this._point;
    const ctx = r._ctx;
    const s = Math.max(Math.round(this.getRadius()), 1);
    ctx.beginPath();
    traceSymbol(ctx, this.options.shape, p.x, p.y, s);
    r._fillStroke(ctx, this);
  },
});

/**
 * The options of a layer's point: its symbol (its role's, where the layer has one for
 * it), size and colour (`drawn`'s: a classed layer's feature's, classes.js), with a white edge; in its status's look (`drawn`, status.js): a
 * ring in the colour, white inside, for a status drawn hollow, and the status's opacity.
 * @param {LayerSpec} spec
 * @param {unknown} role  the feature's role property
 * @param {L.Renderer} renderer
 * @param {ReadonlyMap<string, SymbolShape>} symbols
 * @param {StyleSpec} [drawn]  the feature's style as drawn (default the layer's)
 */
export function pointOptions(spec, role, renderer, symbols, drawn = spec.style) {
  const byRole =
    typeof role === "string" && Object.hasOwn(spec.role_symbols, role)
      ? spec.role_symbols[role]
      : undefined;
  const symbol = byRole || spec.style.symbol;
  // the status's share of the layer's opacity (a point is opaque but for its status's)
  const opacity = spec.style.opacity > 0 ? Math.min(drawn.opacity / spec.style.opacity, 1) : 1;
  return {
    renderer,
    radius: drawn.radius,
    symbol,
    shape: shapeOf(symbols, symbol),
    color: drawn.hollow ? drawn.markerColor : "#ffffff",
    weight: drawn.hollow ? 2.5 : 1.5,
    opacity,
    fillColor: drawn.hollow ? "#ffffff" : drawn.markerColor,
    fillOpacity: opacity,
  };
}
