/* Printing: the stylesheet's @media print (geo/static/bri_map.css) prints the map on one
 * A4 landscape page, without the tools, with its title, legend and attribution. The map is
 * printed as it is drawn on the screen, scaled to the page: the stylesheet keeps the map
 * at its screen size and zooms it by --bri-print-zoom, which this keeps up to date. Leaflet
 * redraws nothing for print (its canvases and the base map's tiles are drawn between
 * frames, which a print does not wait for). */

//: The printable area of an A4 landscape page with 8 mm margins, CSS px (96 to the inch),
//: a pixel short of it each way.
export const PAGE_PX = { width: 1061, height: 732 };

/**
 * The zoom that fits a map of `width` by `height` CSS px on the page.
 * @param {number} width
 * @param {number} height
 */
export function printZoom(width, height) {
  if (!(width > 0 && height > 0)) return 1;
  return Math.min(PAGE_PX.width / width, PAGE_PX.height / height);
}

/**
 * Keep the map's screen size and its print zoom on its container, for the stylesheet,
 * and place the labels again when printing starts and ends (the tools are hidden in
 * print, the legend unfolded).
 * @param {L.Map} map
 * @param {() => void} relabel  places the labels now
 */
export function printSupport(map, relabel) {
  const container = map.getContainer();
  window.matchMedia("print").addEventListener("change", relabel);
  window.addEventListener("beforeprint", relabel);
  window.addEventListener("afterprint", relabel);
  const set = () => {
    const size = map.getSize();
    if (!size.x || !size.y) return;
    container.style.setProperty("--bri-screen-width", `${size.x}px`);
    container.style.setProperty("--bri-screen-height", `${size.y}px`);
    container.style.setProperty("--bri-print-zoom", printZoom(size.x, size.y).toFixed(4));
  };
  set();
  map.on("resize", set);
}
