// Where a feature stands in a year: the page's rules (src/years.js) against Python's
// answers (geo.years.status_in on every case of tests/test_years.py's table; random
// layers through geo.mapspec.layer_spec and geo.as_of), through the fixtures.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import {
  clampYear,
  layerStates,
  nextYear,
  possibleStatuses,
  sliderYears,
  statusIn,
} from "../../geo/static/src/years.js";
import { FIXTURES } from "./fixtures.js";

/** @typedef {import("../../geo/static/src/spec.js").LayerSpec} LayerSpec */

const YEARS = FIXTURES.years;

/**
 * A fixture layer as the page reads it.
 * @param {any} layer
 * @returns {LayerSpec}
 */
function specOf(layer) {
  return /** @type {LayerSpec} */ (layer.spec);
}

/**
 * A year state written as the fixtures write it.
 * @param {{shown: boolean, status: string | null}} state
 */
function code(state) {
  if (!state.shown) return YEARS.off;
  return state.status === null ? YEARS.no_status : String(YEARS.statuses.indexOf(state.status));
}

describe("statusIn", () => {
  it("agrees with geo.years.status_in on every case of its table", () => {
    assert.ok(YEARS.table.length >= 18);
    for (const c of YEARS.table) {
      assert.deepEqual(
        statusIn(c.year, c.status, c.years),
        { shown: c.shown, status: c.drawn },
        JSON.stringify(c),
      );
    }
  });

  it("keeps a later feature off an earlier year, and a stopped one off after its end", () => {
    const service = { start_year: 2016, end_year: 2022 };
    assert.equal(statusIn(2015, "suspended", service).shown, false);
    assert.deepEqual(statusIn(2018, "suspended", service), { shown: true, status: "operating" });
    assert.deepEqual(statusIn(2022, "suspended", service), { shown: true, status: "suspended" });
    assert.equal(statusIn(2023, "suspended", service).shown, false);
  });
});

describe("layerStates", () => {
  it("shows each year's features in each year's status as geo.as_of does", () => {
    const [from, to] = YEARS.years;
    let compared = 0;
    for (const layer of YEARS.layers) {
      const spec = specOf(layer);
      assert.equal(layer.states.length, spec.count);
      for (let year = from; year <= to; year++) {
        const states = layerStates(spec, year);
        states.forEach((state, i) => {
          assert.equal(code(state), layer.states[i][year - from], `${layer.id} ${i} in ${year}`);
          compared++;
        });
      }
    }
    assert.ok(compared >= 300 * 30, `${compared} compared`);
  });

  it("the random layers cover every rule: on and off, each status and none", () => {
    const seen = new Set(YEARS.layers.flatMap((/** @type {any} */ l) => [...l.states.join("")]));
    for (const c of [YEARS.off, YEARS.no_status, "0", "1", "2", "3", "4", "5"]) {
      assert.ok(seen.has(c), c);
    }
  });

  it("shows every feature in its status as now for all years (null)", () => {
    for (const layer of YEARS.layers) {
      const spec = specOf(layer);
      const now = layerStates(spec, null);
      assert.deepEqual(
        now.map((s) => s.status),
        (spec.status ?? now.map(() => null)).map((/** @type {any} */ k) => k ?? null),
      );
      assert.ok(now.every((s) => s.shown));
    }
  });

  it("a layer without years is the same in every year", () => {
    const spec = /** @type {LayerSpec} */ ({ count: 2, status: ["historic", null], years: null });
    for (const year of [1900, 2013, null]) {
      assert.deepEqual(layerStates(spec, year), [
        { shown: true, status: "historic" },
        { shown: true, status: null },
      ]);
    }
  });
});

describe("possibleStatuses", () => {
  it("is every status a feature is drawn in, in some year or all years", () => {
    const [from, to] = YEARS.years;
    for (const layer of YEARS.layers) {
      const spec = specOf(layer);
      for (let i = 0; i < spec.count; i++) {
        const one = /** @type {LayerSpec} */ ({
          count: 1,
          status: spec.status ? [spec.status[i]] : null,
          years: Object.fromEntries(
            Object.entries(spec.years ?? {}).map(([k, v]) => [k, [/** @type {any} */ (v)[i]]]),
          ),
        });
        /** @type {Set<string>} */
        const seen = new Set();
        for (const year of [null, ...Array.from({ length: to - from + 1 }, (_, k) => from + k)]) {
          const s = layerStates(one, year)[0];
          if (s.shown && s.status !== null) seen.add(s.status);
        }
        assert.deepEqual([...possibleStatuses(one)].sort(), [...seen].sort(), `${layer.id} ${i}`);
      }
    }
  });
});

describe("the slider's years", () => {
  it("run from the span's first year or 2011, whichever is earlier, to the last", () => {
    assert.deepEqual(sliderYears([2014, 2025]), { first: 2011, last: 2025 });
    assert.deepEqual(sliderYears([1999, 2030]), { first: 1999, last: 2030 });
    assert.deepEqual(sliderYears([2003, 2008]), { first: 2003, last: 2011 });
    assert.equal(sliderYears(null), null);
    assert.equal(sliderYears(undefined), null);
  });

  it("take a year asked for as a whole year in range, anything else as all years", () => {
    const range = { first: 2011, last: 2025 };
    assert.equal(clampYear(2013, range), 2013);
    assert.equal(clampYear(2013.4, range), 2013);
    assert.equal(clampYear(1990, range), 2011);
    assert.equal(clampYear(2040, range), 2025);
    assert.equal(clampYear(null, range), null);
    assert.equal(clampYear("2013", range), null);
    assert.equal(clampYear(Number.NaN, range), null);
    assert.equal(clampYear(1990, null), 1990);
  });

  it("play goes on from the year shown, starts over from all years or the last", () => {
    const range = { first: 2011, last: 2013 };
    assert.equal(nextYear(null, range, true), 2011);
    assert.equal(nextYear(2013, range, true), 2011);
    assert.equal(nextYear(2012, range, true), 2012);
    assert.equal(nextYear(2012, range, false), 2013);
    assert.equal(nextYear(2011, range, false), 2012);
    assert.equal(nextYear(2013, range, false), null);
  });
});
