// The point index clustering draws from: the cells it gives over a range are those the
// whole layer's grid gives there (counted over every point, the way cluster.js grouped
// them before it was indexed), whatever the view, zoom or points left out.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import {
  cellRange,
  gridCells,
  pointGrid,
  pointsIn,
  visitBox,
} from "../../geo/static/src/pointgrid.js";
import { mercator } from "../../geo/static/src/project.js";

const CELL = 36;

/**
 * A reproducible stream of numbers in [0, 1).
 * @param {number} seed
 */
function random(seed) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * Points clumped round a few places (so cells hold one, a few and many) and one at ±180.
 * @param {number} n
 * @param {number} seed
 */
function points(n, seed) {
  const r = random(seed);
  const lng = new Float64Array(n);
  const lat = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const clump = Math.floor(r() * 5);
    lng[i] = -170 + clump * 70 + (r() - 0.5) * (clump + 1) * 4;
    lat[i] = -60 + clump * 30 + (r() - 0.5) * (clump + 1) * 3;
  }
  lng[0] = 180;
  lat[0] = 85.1; // beyond Web Mercator's limit
  lng[1] = -180;
  return { lng, lat };
}

/**
 * Every cell of the whole layer at a zoom, from every active point, by key.
 * @param {Float64Array} x
 * @param {Float64Array} y
 * @param {Float64Array} lng
 * @param {Float64Array} lat
 * @param {Uint8Array} active
 * @param {number} zoom
 * @returns {Map<string, import("../../geo/static/src/pointgrid.js").GridCell>}
 */
function bruteCells(x, y, lng, lat, active, zoom) {
  const cells = new Map();
  for (let i = 0; i < x.length; i++) {
    if (!active[i]) continue;
    const cx = Math.floor((x[i] * 2 ** zoom) / CELL);
    const cy = Math.floor((y[i] * 2 ** zoom) / CELL);
    const key = `${cx}:${cy}`;
    const c = cells.get(key);
    if (!c) {
      cells.set(key, {
        cx,
        cy,
        count: 1,
        first: i,
        west: lng[i],
        south: lat[i],
        east: lng[i],
        north: lat[i],
      });
    } else {
      c.count++;
      c.west = Math.min(c.west, lng[i]);
      c.south = Math.min(c.south, lat[i]);
      c.east = Math.max(c.east, lng[i]);
      c.north = Math.max(c.north, lat[i]);
    }
  }
  return cells;
}

describe("gridCells", () => {
  const { lng, lat } = points(5000, 7);
  const { x, y } = mercator(lng, lat);
  const grid = pointGrid(x, y);
  const active = new Uint8Array(lng.length).fill(1);
  for (let i = 0; i < active.length; i += 7) active[i] = 0;
  for (const zoom of [0, 1.3, 3, 4.8, 6, 9, 13]) {
    it(`gives the whole layer's cells in a range, zoom ${zoom}`, () => {
      const all = bruteCells(x, y, lng, lat, active, zoom);
      const side = 256 * 2 ** zoom;
      for (const [fx, fy, w, h] of [
        [0, 0, 1, 1],
        [0.1, 0.2, 0.3, 0.25],
        [0.55, 0.6, 0.05, 0.04],
        [-0.1, -0.1, 0.2, 0.3],
      ]) {
        const range = cellRange([fx * side, fy * side, (fx + w) * side, (fy + h) * side], CELL, 40);
        const got = gridCells(grid, active, lng, lat, zoom, CELL, range);
        const want = [...all.values()]
          .filter(
            (c) => c.cx >= range[0] && c.cx <= range[2] && c.cy >= range[1] && c.cy <= range[3],
          )
          .sort((a, b) => a.cy - b.cy || a.cx - b.cx);
        assert.deepEqual(got, want);
        const ids = pointsIn(grid, active, zoom, CELL, range);
        const inCells = new Set(want.map((c) => `${c.cx}:${c.cy}`));
        const wantIds = [];
        for (let i = 0; i < x.length; i++) {
          const key = `${Math.floor((x[i] * 2 ** zoom) / CELL)}:${Math.floor((y[i] * 2 ** zoom) / CELL)}`;
          if (active[i] && inCells.has(key)) wantIds.push(i);
        }
        assert.deepEqual(ids, wantIds);
        assert.equal(
          want.reduce((n, c) => n + c.count, 0),
          wantIds.length,
        );
      }
    });
  }
  it("gives nothing for an empty range or no points", () => {
    assert.deepEqual(gridCells(grid, active, lng, lat, 3, CELL, [5, 5, 4, 9]), []);
    const none = pointGrid(new Float64Array(0), new Float64Array(0));
    assert.deepEqual(gridCells(none, new Uint8Array(0), lng, lat, 3, CELL, [0, 0, 9, 9]), []);
  });
});

describe("visitBox", () => {
  it("visits every point in the box once (and only points near it)", () => {
    const { lng, lat } = points(2000, 11);
    const { x, y } = mercator(lng, lat);
    const grid = pointGrid(x, y, 16);
    /** @type {number[]} */
    const seen = [];
    visitBox(grid, 40, 30, 200, 120, (i) => seen.push(i));
    assert.equal(new Set(seen).size, seen.length);
    for (let i = 0; i < x.length; i++) {
      const inside = x[i] >= 40 && x[i] <= 200 && y[i] >= 30 && y[i] <= 120;
      if (inside) assert.ok(seen.includes(i), `point ${i} missed`);
    }
    for (const i of seen) {
      assert.ok(x[i] >= 32 && x[i] < 208 && y[i] >= 16 && y[i] < 128, `point ${i} far off`);
    }
  });
});
