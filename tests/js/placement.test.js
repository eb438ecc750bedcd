// Where a popup points so its feature stays in sight, and the world locator's box.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { leastCovering } from "../../geo/static/src/placement.js";
import { locatorBox } from "../../geo/static/src/project.js";

/** A popup 300 px wide and 200 px tall standing on the point it points at. */
const BOX = { left: -150, right: 150, top: -220, bottom: -20 };

describe("leastCovering", () => {
  // a line running north-south: a popup standing on its northern end covers none of it
  const line = Array.from({ length: 50 }, (_, k) => ({ x: 400, y: 100 + 10 * k }));
  it("keeps the place clicked where the popup covers little more there", () => {
    const east = Array.from({ length: 50 }, (_, k) => ({ x: 100 + 10 * k, y: 400 }));
    assert.equal(
      leastCovering(
        east,
        [
          { x: 350, y: 400 },
          { x: 100, y: 400 },
        ],
        BOX,
      ),
      0,
    );
  });
  it("moves to a place of the feature where the popup covers least of it", () => {
    const candidates = [{ x: 400, y: 350 }, line[0], line[25], line[49]];
    assert.equal(leastCovering(line, candidates, BOX), 1); // the northern end
  });
  it("keeps the first place without points or candidates", () => {
    assert.equal(leastCovering([], [{ x: 0, y: 0 }], BOX), 0);
    assert.equal(leastCovering(line, [], BOX), 0);
  });
});

describe("locatorBox", () => {
  it("puts a view on the world locator, 128 px for 360°", () => {
    const [x0, y0, x1, y1] = locatorBox({ west: -180, south: -10, east: 180, north: 10 }, 128);
    assert.ok(Math.abs(x0) < 1e-9 && Math.abs(x1 - 128) < 1e-9);
    assert.ok(y0 < y1 && y0 > 0);
  });
  it("keeps a city's view at least 6 px to a side", () => {
    const [x0, y0, x1, y1] = locatorBox({ west: 82.4, south: 45.1, east: 82.6, north: 45.3 }, 128);
    assert.ok(Math.abs(x1 - x0 - 6) < 1e-9 && Math.abs(y1 - y0 - 6) < 1e-9);
  });
});
