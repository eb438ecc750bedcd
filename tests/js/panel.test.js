// The panel's counts and the clusters' sizes: what the layer rows say, how big a
// cluster is drawn.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { clusterSize } from "../../geo/static/src/cluster.js";
import { layerCount } from "../../geo/static/src/controls/layers.js";
import { checkedSpec, SPEC_VERSION, tablesOf } from "../../geo/static/src/spec.js";

/** @typedef {import("../../geo/static/src/spec.js").LayerSpec} LayerSpec */

const TABLES = tablesOf(
  checkedSpec({
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
  }),
);

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
