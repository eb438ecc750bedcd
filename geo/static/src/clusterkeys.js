/* Clusters by keyboard: the clusters in view are drawn on the canvas (cluster.js), which
 * the keyboard cannot reach; each also gets a transparent button over it, in a pane of
 * its own, that Tab reaches: focused, it opens the cluster's tooltip; Enter or Space
 * zooms in on its points, as a click does. The buttons are made for the clusters in
 * view only (at most MAX_KEYS, those holding most first), anew after each move; one
 * listener of each kind on the pane serves them all. */

/**
 * @typedef {{count: number, size: number, bounds: L.LatLngBounds, zoom: number,
 *   at: L.LatLng}} ClusterInfo
 */

/** The most buttons made for one layer's clusters in view. */
export const MAX_KEYS = 200;
/** The pane the buttons lie in (above the canvas, below tooltips). */
export const KEYS_PANE = "bri-cluster-keys";

/**
 * Which clusters get a button: those in the view (a box of container pixels, with
 * each cluster's container point), the largest counts first, at most `most`; in
 * reading order (top to bottom, left to right) for Tab. Pure.
 * @template {{count: number, x: number, y: number}} T
 * @param {T[]} clusters
 * @param {{width: number, height: number}} view
 * @param {number} [most]
 * @returns {T[]}
 */
export function keyedClusters(clusters, view, most = MAX_KEYS) {
  const inView = clusters.filter(
    (c) => c.x >= 0 && c.y >= 0 && c.x <= view.width && c.y <= view.height,
  );
  const chosen = inView
    .map((c, k) => ({ c, k }))
    .sort((a, b) => b.c.count - a.c.count || a.k - b.k)
    .slice(0, most)
    .map(({ c }) => c);
  return chosen.sort((a, b) => a.y - b.y || a.x - b.x);
}

export class ClusterKeys {
  /**
   * @param {L.Map} map
   * @param {(info: ClusterInfo) => string} label  a cluster's words ("40 ports here: ...")
   * @param {(info: ClusterInfo | undefined) => void} openTip
   * @param {() => void} closeTip
   * @param {(info: ClusterInfo) => void} zoomIn
   */
  constructor(map, label, openTip, closeTip, zoomIn) {
    this.map = map;
    this.label = label;
    this.pane = map.getPane(KEYS_PANE) ?? map.createPane(KEYS_PANE);
    this.box = L.DomUtil.create("div", "bri-cluster-keys", this.pane);
    /** @type {WeakMap<Element, ClusterInfo>} */
    this.info = new WeakMap();
    const infoOf = (/** @type {Event} */ e) =>
      e.target instanceof Element ? this.info.get(e.target) : undefined;
    this.box.addEventListener("focusin", (e) => openTip(infoOf(e)));
    this.box.addEventListener("focusout", () => closeTip());
    this.box.addEventListener("click", (e) => {
      const info = infoOf(e);
      if (!info) return;
      e.stopPropagation();
      zoomIn(info);
    });
    L.DomEvent.disableClickPropagation(this.box);
  }

  /**
   * Make the buttons for these clusters (their infos), those in view.
   * @param {ClusterInfo[]} infos
   */
  update(infos) {
    this.clear();
    const map = this.map;
    const size = map.getSize();
    const clusters = infos.map((info) => {
      const p = map.latLngToContainerPoint(info.at);
      return { info, count: info.count, x: p.x, y: p.y };
    });
    for (const { info } of keyedClusters(clusters, { width: size.x, height: size.y })) {
      const button = L.DomUtil.create("button", "bri-cluster-key", this.box);
      button.type = "button";
      button.setAttribute("aria-label", this.label(info));
      const at = map.latLngToLayerPoint(info.at);
      button.style.width = button.style.height = `${info.size}px`;
      L.DomUtil.setPosition(button, at.subtract([info.size / 2, info.size / 2]));
      this.info.set(button, info);
    }
  }

  /** Take every button off. */
  clear() {
    this.box.replaceChildren();
  }

  /** Take the buttons' box off the map for good. */
  remove() {
    this.box.remove();
  }
}
