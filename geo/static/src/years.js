/* The network through time: where a feature stands in a year (on the map or not, and in
 * which status), by the rules of geo/years.py (`status_in`, `as_of`), which the command,
 * the plot and this page share; tests/js/years.test.js checks this module against
 * Python's answers. And the years the page's slider offers. Pure: no DOM, no Leaflet.
 *
 * A feature's years are its layer spec's `years` (by column: start_year, end_year,
 * construction_start_year, status_year; geo.years.feature_years), its status its
 * `status` key. A year of null is "all years": every feature, in its status as now. */

/**
 * @typedef {import("./spec.js").LayerSpec} LayerSpec
 * @typedef {{start_year?: number | null, end_year?: number | null,
 *   construction_start_year?: number | null, status_year?: number | null}} FeatureYears
 * @typedef {{shown: boolean, status: string | null}} YearState  where a feature stands in
 *   a year: on the map or not, and its status key then (null: none)
 */

/** The properties that place a feature in time (geo.years.YEAR_KEYS). */
export const YEAR_KEYS = /** @type {const} */ ([
  "start_year",
  "end_year",
  "construction_start_year",
  "status_year",
]);
/** The status a feature is drawn in while it runs (before it stopped, or up to its report). */
export const OPERATING = "operating";
/** The status of a feature being built (from its construction_start_year to its start_year). */
export const UNDER_CONSTRUCTION = "under-construction";
/** The status of a feature whose status is not known (after its status_year). */
const UNKNOWN = "unknown";
/** Statuses that say a feature stopped: before its end_year it ran. */
const STOPPED = new Set(["suspended", "historic"]);
/** The earliest first year of the slider: the China–Europe trains' first full year. */
export const SLIDER_FROM = 2011;

/** @type {YearState} */
const OFF = Object.freeze({ shown: false, status: null });
/** The states of features shown, one per status (shared: a layer of 100,000 features
 * makes no object a feature). @type {Map<string | null, YearState>} */
const SHOWN = new Map();

/**
 * The state of a feature shown in `status`.
 * @param {string | null} status
 * @returns {YearState}
 */
function shownAs(status) {
  let state = SHOWN.get(status);
  if (!state) {
    state = Object.freeze({ shown: true, status });
    SHOWN.set(status, state);
  }
  return state;
}

/**
 * A year value as a number, or null (missing).
 * @param {unknown} value
 * @returns {number | null}
 */
function yearOf(value) {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/**
 * statusIn, of the years one by one (null: none).
 * @param {number} year
 * @param {string | null} status
 * @param {number | null} start
 * @param {number | null} end
 * @param {number | null} built
 * @param {number | null} reported
 * @returns {YearState}
 */
function stateIn(year, status, start, end, built, reported) {
  if (end !== null && year > end) return OFF;
  if (start === null && built === null) return shownAs(status);
  if (start !== null && year >= start) {
    if (status !== null && STOPPED.has(status) && end !== null && year < end) {
      return shownAs(OPERATING);
    }
    if (status === UNKNOWN && reported !== null && year <= reported) return shownAs(OPERATING);
    return shownAs(status);
  }
  if (built !== null && year >= built) return shownAs(UNDER_CONSTRUCTION);
  return OFF;
}

/**
 * Where a feature stands in `year`, given its status key today (or null) and its years
 * (geo.years.status_in).
 * @param {number} year
 * @param {string | null} status
 * @param {FeatureYears} years
 * @returns {YearState}
 */
export function statusIn(year, status, years) {
  return stateIn(
    year,
    status,
    yearOf(years.start_year),
    yearOf(years.end_year),
    yearOf(years.construction_start_year),
    yearOf(years.status_year),
  );
}

/**
 * A layer's column of one of the year keys (null where it carries none).
 * @param {LayerSpec} spec
 * @param {string} key
 * @returns {readonly unknown[] | null}
 */
function yearColumn(spec, key) {
  const years = spec.years;
  const column = years && Object.hasOwn(years, key) ? years[key] : null;
  return Array.isArray(column) ? column : null;
}

/**
 * A layer's feature `i`'s years (none where the layer carries none).
 * @param {LayerSpec} spec
 * @param {number} i
 * @returns {FeatureYears}
 */
export function featureYears(spec, i) {
  /** @type {Record<string, number | null>} */
  const out = {};
  for (const key of YEAR_KEYS) {
    const column = yearColumn(spec, key);
    if (column) out[key] = yearOf(column[i]);
  }
  return out;
}

/**
 * A layer's feature `i`'s status key as it is (null: none).
 * @param {LayerSpec} spec
 * @param {number} i
 * @returns {string | null}
 */
function statusNow(spec, i) {
  const key = spec.status ? spec.status[i] : null;
  return typeof key === "string" ? key : null;
}

/**
 * Where each of a layer's features stands in `year` (geo.years.layer_states; null: all
 * years, every feature shown in its status as now). geo.as_of keeps a layer's features
 * whose state is shown, each in its state's status.
 * @param {LayerSpec} spec
 * @param {number | null} year
 * @returns {YearState[]}
 */
export function layerStates(spec, year) {
  /** @type {YearState[]} */
  const out = new Array(spec.count);
  if (year === null || !spec.years) {
    for (let i = 0; i < spec.count; i++) out[i] = shownAs(statusNow(spec, i));
    return out;
  }
  const [start, end, built, reported] = YEAR_KEYS.map((key) => yearColumn(spec, key));
  /** @param {readonly unknown[] | null} column @param {number} i */
  const at = (column, i) => (column ? yearOf(column[i]) : null);
  for (let i = 0; i < spec.count; i++) {
    out[i] = stateIn(
      year,
      statusNow(spec, i),
      at(start, i),
      at(end, i),
      at(built, i),
      at(reported, i),
    );
  }
  return out;
}

/**
 * Every status a layer's features can be drawn in, in some year or all years: each one's
 * own, "operating" for one that stopped or was last reported after it began, "under
 * construction" for one built before it opened.
 * @param {LayerSpec} spec
 * @returns {Set<string>}
 */
export function possibleStatuses(spec) {
  /** @type {Set<string>} */
  const out = new Set();
  const columns = YEAR_KEYS.map((key) => yearColumn(spec, key));
  for (let i = 0; i < spec.count; i++) {
    const status = statusNow(spec, i);
    if (status !== null) out.add(status);
    if (!spec.years) continue;
    const [start, end, built, reported] = columns.map((c) => (c ? yearOf(c[i]) : null));
    if (built !== null && (start === null || built < start) && (end === null || built <= end)) {
      out.add(UNDER_CONSTRUCTION);
    }
    if (start === null || (end !== null && start > end)) continue;
    const stopped = status !== null && STOPPED.has(status) && end !== null && start < end;
    const ran = status === UNKNOWN && reported !== null && start <= reported;
    if (stopped || ran) out.add(OPERATING);
  }
  return out;
}

/**
 * The years the slider offers for a map's year span ([first, last], or null: no years):
 * from the span's first year or 2011, whichever is earlier, to its last (at least 2011);
 * null where the map names no year.
 * @param {readonly number[] | null | undefined} span
 * @returns {{first: number, last: number} | null}
 */
export function sliderYears(span) {
  if (span?.length !== 2) return null;
  const [from, to] = span.map(yearOf);
  if (from === null || to === null) return null;
  return { first: Math.min(from, SLIDER_FROM), last: Math.max(to, SLIDER_FROM) };
}

/**
 * A year asked for (by the slider, the page's link, a script) as the page shows it:
 * a whole year within the slider's years, or null (all years) for anything else but a
 * number.
 * @param {unknown} year
 * @param {{first: number, last: number} | null} range
 * @returns {number | null}
 */
export function clampYear(year, range) {
  if (typeof year !== "number" || !Number.isFinite(year)) return null;
  const whole = Math.round(year);
  return range ? Math.min(Math.max(whole, range.first), range.last) : whole;
}

/**
 * The year play shows next: starting, the year shown (from all years or the last year,
 * the first); while playing, the next, or null past the last (play stops).
 * @param {number | null} year
 * @param {{first: number, last: number}} range
 * @param {boolean} starting  whether play is starting
 * @returns {number | null}
 */
export function nextYear(year, range, starting) {
  if (year === null || (starting && year >= range.last)) return range.first;
  if (starting) return Math.max(year, range.first);
  return year < range.last ? year + 1 : null;
}
