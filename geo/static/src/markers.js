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
 * it), size and colour, with a white edge.
 * @param {LayerSpec} spec
 * @param {unknown} role  the feature's role property
 * @param {L.Renderer} renderer
 * @param {ReadonlyMap<string, SymbolShape>} symbols
 */
export function pointOptions(spec, role, renderer, symbols) {
  const byRole =
    typeof role === "string" && Object.hasOwn(spec.role_symbols, role)
      ? spec.role_symbols[role]
      : undefined;
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
    fillOpacity: 1,
  };
}
