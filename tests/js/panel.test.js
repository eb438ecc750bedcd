// The panel's counts and the clusters' sizes: what the layer rows say (of every feature,
// or of those the year shown keeps), which statuses it lists, how big a cluster is drawn.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { clusterSize } from "../../geo/static/src/cluster.js";
import { layerCount, listedStatuses } from "../../geo/static/src/controls/layers.js";
import { checkedSpec, SPEC_VERSION, tablesOf } from "../../geo/static/src/spec.js";
import { FIXTURES } from "./fixtures.js";

/** @typedef {import("../../geo/static/src/spec.js").LayerSpec} LayerSpec */

const TABLES_SPEC = {
  version: SPEC_VERSION,
  categories: {
    corridor: {
      title: "Corridor",
      group: "C",
      units: ["km"],
      noun: ["corridor", "corridors"],
      count: "length",
    },
    "rail-route": {
      title: "Rail route",
      group: "R",
      units: ["km"],
      noun: ["service", "services"],
      count: "features",
    },
    other: { title: "Other", group: "O", units: ["km"] },
  },
  units: { km: 1000 },
  symbols: {},
  popup: { labels: {}, hidden: [] },
};
const TABLES = tablesOf(checkedSpec(TABLES_SPEC));

/**
 * @param {string} category
 * @param {(number | null)[]} lengths
 * @returns {LayerSpec}
 */
const layer = (category, lengths) =>
  /** @type {LayerSpec} */ ({ category, count: lengths.length, lengths_km: lengths });

describe("layerCount", () => {
  it("counts features in the category's words, never a bare number", () => {
    assert.equal(layerCount(layer("rail-route", Array(31).fill(100)), TABLES), "31 services");
    assert.equal(layerCount(layer("rail-route", [100]), TABLES), "1 service");
    assert.equal(layerCount(layer("other", [null, null]), TABLES), "2 features");
  });
  it("gives a corridor's length", () => {
    assert.equal(layerCount(layer("corridor", [3720.6]), TABLES), "3,721 km");
    assert.equal(layerCount(layer("corridor", [1000.4, null, 2000.4]), TABLES), "3,001 km");
  });
  it("counts a corridor layer with no length", () => {
    assert.equal(layerCount(layer("corridor", [null]), TABLES), "1 corridor");
  });
  it("counts only the features shown (the year shown keeps fewer)", () => {
    const odd = (/** @type {number} */ i) => i % 2 === 1;
    assert.equal(layerCount(layer("rail-route", [1, 1, 1, 1, 1]), TABLES, odd), "2 services");
    assert.equal(layerCount(layer("corridor", [1000.4, 2000.4, null]), TABLES, odd), "2,000 km");
    assert.equal(
      layerCount(layer("corridor", [1000.4]), TABLES, () => false),
      "0 corridors",
    );
    assert.equal(
      layerCount(layer("rail-route", [1]), TABLES, () => true),
      "1 service",
    );
  });
});

describe("listedStatuses", () => {
  const tables = tablesOf(
    checkedSpec({ ...TABLES_SPEC, status: FIXTURES.status.spec, version: SPEC_VERSION }),
  );
  /**
   * @param {(string | null)[] | null} status
   * @param {Record<string, (number | null)[]> | null} years
   * @returns {LayerSpec}
   */
  const timed = (status, years) =>
    /** @type {LayerSpec} */ ({
      count: (status ?? Object.values(years ?? {})[0]).length,
      status,
      years,
    });
  const keys = (/** @type {LayerSpec[]} */ layers) =>
    listedStatuses(layers, tables).map((s) => s.key);
  it("lists the statuses of now, in the vocabulary's order", () => {
    assert.deepEqual(keys([timed(["unknown", "historic", null], null)]), ["historic", "unknown"]);
  });
  it("and those a year draws: operating before a stop or a report, being built", () => {
    const stopped = timed(["historic"], { start_year: [2014], end_year: [2022] });
    assert.deepEqual(keys([stopped]), ["operating", "historic"]);
    const reported = timed(["unknown"], { start_year: [2014], status_year: [2019] });
    assert.deepEqual(keys([reported]), ["operating", "unknown"]);
    const built = timed(null, { start_year: [2021], construction_start_year: [2016] });
    assert.deepEqual(keys([built, stopped]), ["operating", "under-construction", "historic"]);
  });
  it("lists none for layers without a status or years", () => {
    assert.deepEqual(keys([timed(null, { start_year: [2013] })]), []);
    assert.deepEqual(keys([layer("rail-route", [1])]), []);
  });
});

describe("clusterSize", () => {
  it("grows with the count, from 18 px, never past 34 px", () => {
    const sizes = [2, 3, 8, 30, 83, 1e6].map(clusterSize);
    assert.equal(sizes[0], 18);
    assert.deepEqual(
      [...sizes].sort((a, b) => a - b),
      sizes,
    );
    assert.equal(sizes[5], 34);
  });
});
