/* The status vocabulary (geo/data/status.toml, through the spec's `statuses`): how a
 * feature in a status is drawn, as geo.mapspec.status_style computes it for the plot,
 * and what the legend says of the statuses shown. Pure: no DOM, no Leaflet. */

/**
 * @typedef {import("./spec.js").StyleSpec} StyleSpec
 * @typedef {import("./spec.js").StatusSpec} StatusSpec
 * @typedef {import("./spec.js").LayerSpec} LayerSpec
 * @typedef {import("./spec.js").Tables} Tables
 * @typedef {{status: StatusSpec, count: number, words: string, detail: string}} StatusCount
 *   a status in the legend: its features, and in words ("20 services", "26 features")
 *   and by layer ("9 services, 6 ports")
 */

/**
 * A colour's channels (#rgb or #rrggbb).
 * @param {string} colour
 * @returns {number[]}
 */
function channels(colour) {
  let h = colour.replace(/^#/, "");
  if (h.length === 3) h = [...h].map((c) => c + c).join("");
  return [0, 2, 4].map((i) => Number.parseInt(h.slice(i, i + 2), 16));
}

/**
 * `colour` mixed toward `grey` by `share` (0: as it is, 1: grey), channel by channel,
 * rounded half up, as geo.mapspec.grey_mix does.
 * @param {string} colour
 * @param {number} share
 * @param {string} grey
 */
export function greyMix(colour, share, grey) {
  const g = channels(grey);
  return `#${channels(colour)
    .map((c, k) => Math.floor(c + (g[k] - c) * share + 0.5))
    .map((c) => c.toString(16).padStart(2, "0"))
    .join("")}`;
}

/**
 * How a feature in `status` is drawn, from its layer's style: the status's dash in
 * place of the layer's, its opacity and width factors, its colour mixed toward `grey`,
 * `hollow` where its points are rings (geo.mapspec.status_style).
 * @param {StyleSpec} style
 * @param {StatusSpec | null | undefined} status
 * @param {string} grey
 * @returns {StyleSpec}
 */
export function statusStyle(style, status, grey) {
  if (!status) return style;
  /** @type {StyleSpec} */
  const out = { ...style };
  if (status.greyed) {
    out.color = greyMix(style.color, status.greyed, grey);
    out.fillColor = greyMix(style.fillColor, status.greyed, grey);
    out.markerColor = greyMix(style.markerColor, status.greyed, grey);
  }
  out.opacity = style.opacity * status.opacity;
  out.fillOpacity = style.fillOpacity * status.opacity;
  out.weight = style.weight * status.weight;
  if (status.dash) out.dashArray = status.dash;
  if (status.hollow) out.hollow = true;
  return out;
}

/**
 * A feature's status (null where it has none, or the spec does not define its key).
 * @param {LayerSpec} spec
 * @param {number} i
 * @param {Tables} tables
 * @returns {StatusSpec | null}
 */
export function featureStatus(spec, i, tables) {
  const key = spec.status ? spec.status[i] : null;
  return (typeof key === "string" && tables.statuses.get(key)) || null;
}

/**
 * A count in words: "1 service", "20 services".
 * @param {number} n
 * @param {readonly string[] | undefined} noun  [one, many]
 */
export function countWords(n, noun) {
  const [one, many] = noun ?? ["feature", "features"];
  return `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
}

/**
 * The statuses the layers' features have, in the vocabulary's order, each with its
 * count in words: by its layer's noun where one layer has them all ("20 services"),
 * else as features ("26 features"), with the count by layer as `detail`.
 * @param {readonly LayerSpec[]} layers
 * @param {Tables} tables
 * @param {(i: number, spec: LayerSpec) => boolean} [counted]  which features count
 *   (default all)
 * @param {(i: number, spec: LayerSpec) => string | null} [statusOf]  a feature's status
 *   key (default its `status`; the year shown gives others: years.js)
 * @returns {StatusCount[]}
 */
export function statusCounts(layers, tables, counted, statusOf) {
  /** @type {Map<string, Map<LayerSpec, number>>} */
  const found = new Map();
  for (const spec of layers) {
    if (!spec.status && !statusOf) continue;
    for (let i = 0; i < spec.count; i++) {
      const key = statusOf ? statusOf(i, spec) : spec.status?.[i];
      if (typeof key !== "string" || !tables.statuses.has(key)) continue;
      if (counted && !counted(i, spec)) continue;
      const byLayer = found.get(key) ?? new Map();
      byLayer.set(spec, (byLayer.get(spec) ?? 0) + 1);
      found.set(key, byLayer);
    }
  }
  /** @type {StatusCount[]} */
  const out = [];
  for (const [key, status] of tables.statuses) {
    const byLayer = found.get(key);
    if (!byLayer) continue;
    const parts = [...byLayer].map(([spec, n]) =>
      countWords(n, tables.categories.get(spec.category)?.noun),
    );
    const count = [...byLayer.values()].reduce((a, b) => a + b, 0);
    const one = byLayer.size === 1 ? [...byLayer.keys()][0] : null;
    out.push({
      status,
      count,
      words: one ? parts[0] : countWords(count, ["feature", "features"]),
      detail: parts.join(", "),
    });
  }
  return out;
}
