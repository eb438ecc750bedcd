/* The map spec as the page reads it: its version, its types (geo/mapspec.py is the
 * schema's reference: keep the two in step), and the lookup tables made from it once.
 * Pure: no DOM, no Leaflet. */

/** The map spec version this script reads (geo.mapspec.SPEC_VERSION). */
export const SPEC_VERSION = 7;

/**
 * @typedef {import("./decode.js").GeometrySpec} GeometrySpec
 * @typedef {import("./symbols.js").SymbolShape} SymbolShape
 * @typedef {{color: string, weight: number, opacity: number, fillColor: string,
 *   fillOpacity: number, dashArray?: string, markerColor: string, radius: number,
 *   symbol: string, hollow?: boolean}} StyleSpec
 * @typedef {{columns: string[], values: unknown[][]}} PropertiesSpec
 * @typedef {{id: string, title: string, category: string, group: string,
 *   description: string, source: string, count: number,
 *   kind: "point" | "line" | "area" | "mixed", style: StyleSpec,
 *   role_symbols: Record<string, string>, cluster: boolean,
 *   bounds: [[number, number], [number, number]] | null,
 *   figures: Record<string, unknown>[], lengths_km: (number | null)[],
 *   properties: PropertiesSpec, status?: (string | null)[] | null,
 *   years?: Record<string, (number | null)[]> | null,
 *   geometry: GeometrySpec, labels: LabelSpec[], classes?: ClassesSpec | null,
 *   sizes?: SizesSpec | null}} LayerSpec  `status`: each feature's
 *   status key, or null; `years`: its features' years by column (start_year, end_year,
 *   construction_start_year, status_year: those the layer carries), or null (years.js);
 *   `classes`, `sizes`: a classed style's (classes.js), or null
 * @typedef {{by: string, scheme: string, palette: string, colors: string[],
 *   labels: string[], breaks: number[], index: number[]}} ClassesSpec  each feature's
 *   class (`index`), each class's colour and label (geo.classes.Classes)
 * @typedef {{by: string, radius: number[],
 *   legend: {value: number, label: string, radius: number}[]}} SizesSpec  each point's
 *   radius, CSS px, and the legend's sample sizes (geo.classes.Sizes)
 * @typedef {{feature: number, text: string, tier: number, minZoom: number,
 *   weight: number}} LabelSpec  a feature named on the map (geo/labels.py)
 * @typedef {{name: string[], lng: number[], lat: number[], width: number[],
 *   height: number[], tier: number, minZoom: number}} CountryLabels  the base map's country
 *   names by column, biggest first; width and height: room at the point, zoom-0 px
 * @typedef {{title: string, group: string, units: string[], noun?: [string, string],
 *   count?: "features" | "length"}} CategorySpec
 * @typedef {{key: string, label: string, note: string, dash: string, opacity: number,
 *   weight: number, greyed: number, hollow: boolean}} StatusSpec
 * @typedef {{value: string, label: string, year: string, note: string, source: string,
 *   where: string}} FigureEntry
 * @typedef {{year: number, value: number, source: string, note: string}} SeriesPoint
 * @typedef {{label: string, unit: string, note: string, where: string,
 *   points: SeriesPoint[]}} SeriesEntry
 * @typedef {{land: string, sea: string, border: string, borderWeight: number}} BasemapStyle
 * @typedef {{name: string, maxZoom: number, attribution: string, style: BasemapStyle,
 *   geometry: GeometrySpec, labels: CountryLabels}} BasemapSpec
 * @typedef {{link: string, heading: string, sections: {heading: string, text: string}[],
 *   sources_heading: string, sources_note: string, basemap: string}} AboutSpec
 * @typedef {{name: string, url: string, maxZoom: number, attribution: string}} TileSpec
 * @typedef {{version: number, title: string, subtitle: string, about: AboutSpec,
 *   groups: string[],
 *   categories: Record<string, CategorySpec>, units: Record<string, number>,
 *   symbols: Record<string, SymbolShape>,
 *   popup: {labels: Record<string, string>, hidden: string[], countries?: string[],
 *     identifiers?: string[], folded?: Record<string, number>},
 *   status?: {statuses: StatusSpec[], grey: string, sample: string},
 *   countries?: Record<string, string>,
 *   basemap: BasemapSpec, basemaps: TileSpec[],
 *   bounds: [[number, number], [number, number]] | null, figures: FigureEntry[],
 *   series: SeriesEntry[], year_span?: [number, number] | null,
 *   layers: LayerSpec[]}} MapSpec  `year_span`: the first and last year the layers name
 *   (null: none; the page then shows no year slider)
 * @typedef {{categories: Map<string, CategorySpec>, labels: Map<string, string>,
 *   hidden: Set<string>, metresPer: Map<string, number>,
 *   symbols: Map<string, SymbolShape>, statuses: Map<string, StatusSpec>, grey: string,
 *   sample: string,
 *   countryNames: Map<string, string>, countryKeys: Set<string>,
 *   identifiers: Set<string>, folded: Map<string, number>}} Tables  the spec's tables as
 *   Maps and Sets (a key from the data, such as "constructor", is never read from a
 *   prototype)
 */

/**
 * Refuse a spec of another version.
 * @param {unknown} spec
 * @returns {MapSpec}
 */
export function checkedSpec(spec) {
  const version = spec && typeof spec === "object" ? /** @type {any} */ (spec).version : spec;
  if (version !== SPEC_VERSION) {
    throw new Error(`bri-corridors: map spec version ${version}, expected ${SPEC_VERSION}`);
  }
  return /** @type {MapSpec} */ (spec);
}

/**
 * The spec's tables as Maps and Sets.
 * @param {MapSpec} spec
 * @returns {Tables}
 */
export function tablesOf(spec) {
  return {
    categories: new Map(Object.entries(spec.categories)),
    labels: new Map(Object.entries(spec.popup.labels)),
    hidden: new Set(spec.popup.hidden),
    metresPer: new Map(Object.entries(spec.units)),
    symbols: new Map(Object.entries(spec.symbols)),
    statuses: new Map((spec.status?.statuses || []).map((s) => [s.key, s])),
    grey: spec.status?.grey || "#8c8c8c",
    sample: spec.status?.sample || "#444444",
    countryNames: new Map(Object.entries(spec.countries || {})),
    countryKeys: new Set(spec.popup.countries || []),
    identifiers: new Set(spec.popup.identifiers || []),
    folded: new Map(Object.entries(spec.popup.folded || {})),
  };
}

/**
 * An object's own value for a key (never one from its prototype).
 * @param {object | null | undefined} obj
 * @param {string} key
 * @returns {any}
 */
export function own(obj, key) {
  return obj && Object.hasOwn(obj, key) ? /** @type {any} */ (obj)[key] : undefined;
}
