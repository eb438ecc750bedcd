// The clusters the keyboard reaches (clusterkeys.js): those in view, the largest first
// where there are too many, in reading order.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { keyedClusters } from "../../geo/static/src/clusterkeys.js";

const VIEW = { width: 100, height: 50 };

describe("keyedClusters", () => {
  it("keeps those in view, top to bottom then left to right", () => {
    const clusters = [
      { id: "b", count: 2, x: 80, y: 10 },
      { id: "out", count: 9, x: 120, y: 10 },
      { id: "a", count: 3, x: 10, y: 10 },
      { id: "c", count: 5, x: 5, y: 40 },
      { id: "above", count: 9, x: 5, y: -1 },
    ];
    assert.deepEqual(
      keyedClusters(clusters, VIEW).map((c) => c.id),
      ["a", "b", "c"],
    );
  });
  it("keeps the largest where there are too many", () => {
    const clusters = [1, 7, 3, 9, 5].map((count, k) => ({ count, x: k * 10, y: 0 }));
    assert.deepEqual(
      keyedClusters(clusters, VIEW, 2).map((c) => c.count),
      [7, 9],
    );
  });
});
