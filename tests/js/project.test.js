// Web Mercator pixels at zoom 0 (as Leaflet's EPSG:3857 projects) and boxes of runs.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { mercator, runsBox } from "../../geo/static/src/project.js";

describe("mercator", () => {
  it("puts the world in 256 pixels, north up, clamped at Web Mercator's latitude limit", () => {
    const p = mercator(
      Float64Array.of(0, -180, 180, 540, 0, 0),
      Float64Array.of(0, 0, 0, 0, 89, -90),
    );
    assert.deepEqual(Array.from(p.x), [128, 0, 256, 512, 128, 128]);
    assert.equal(p.y[0], 128);
    assert.ok(Math.abs(p.y[4]) < 1e-6 && Math.abs(p.y[5] - 256) < 1e-6);
  });
  it("agrees with the spherical Mercator formula", () => {
    const lat = 51.5;
    const y = mercator(Float64Array.of(0), Float64Array.of(lat)).y[0];
    const want =
      128 - (Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360)) * 256) / (2 * Math.PI);
    assert.ok(Math.abs(y - want) < 1e-9);
  });
});

describe("runsBox", () => {
  it("is the box of the positions of its runs only", () => {
    const xs = Float64Array.of(5, -1, 3, 100, 2);
    const ys = Float64Array.of(0, 4, -2, 100, 1);
    assert.deepEqual(runsBox(xs, ys, [[0, 3]]), [-1, -2, 5, 4]);
    assert.deepEqual(
      runsBox(xs, ys, [
        [0, 1],
        [4, 5],
      ]),
      [2, 0, 5, 1],
    );
    assert.deepEqual(runsBox(xs, ys, []), [Infinity, Infinity, -Infinity, -Infinity]);
  });
});
