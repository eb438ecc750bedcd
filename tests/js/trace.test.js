// Tracing runs of zoom-0 pixels at a zoom (what reaches the view, simplified to a pixel)
// and the nearest point of runs (every position).
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import {
  insideRings,
  nearestOnRuns,
  RingsNearBox,
  runBoxes,
  traceRuns,
} from "../../geo/static/src/trace.js";

/** A path sink recording its calls. */
function sink() {
  /** @type {Array<[string, number, number] | [string]>} */
  const calls = [];
  return {
    calls,
    /** @param {number} x @param {number} y */
    moveTo: (x, y) => calls.push(["M", x, y]),
    /** @param {number} x @param {number} y */
    lineTo: (x, y) => calls.push(["L", x, y]),
    closePath: () => calls.push(["Z"]),
  };
}

const WIDE = /** @type {[number, number, number, number]} */ ([-1e9, -1e9, 1e9, 1e9]);

/**
 * @param {number[]} xs
 * @param {number[]} ys
 * @param {Array<[number, number]>} runs
 * @param {object} [o]
 * @param {number} [o.scale]
 * @param {number} [o.dx]
 * @param {number} [o.dy]
 * @param {[number, number, number, number]} [o.clip]
 * @param {number} [o.tolerance]
 * @param {boolean} [o.closed]
 * @param {boolean} [o.unbroken]
 */
function trace(xs, ys, runs, o = {}) {
  const s = sink();
  const x = Float64Array.from(xs);
  const y = Float64Array.from(ys);
  const n = traceRuns(
    s,
    x,
    y,
    runs,
    runBoxes(x, y, runs),
    o.scale ?? 1,
    o.dx ?? 0,
    o.dy ?? 0,
    o.clip ?? WIDE,
    o.tolerance ?? 0.5,
    o.closed,
    o.unbroken,
  );
  return { n, calls: s.calls };
}

describe("traceRuns", () => {
  it("places positions at x * scale + dx, y * scale + dy, a sub-path a run", () => {
    const { n, calls } = trace(
      [0, 1, 2, 10, 11],
      [0, 0, 0, 5, 5],
      [
        [0, 3],
        [3, 5],
      ],
      { scale: 4, dx: -1, dy: 2 },
    );
    assert.equal(n, 5);
    assert.deepEqual(calls, [
      ["M", -1, 2],
      ["L", 3, 2],
      ["L", 7, 2],
      ["M", 39, 22],
      ["L", 43, 22],
    ]);
  });
  it("passes over positions within the tolerance of the last one traced, never a run's last", () => {
    // at zoom 0 these are 0.1 px apart: only the first and the last are traced
    const xs = [0, 0.1, 0.2, 0.3, 0.4];
    const { calls } = trace(xs, [0, 0, 0, 0, 0], [[0, 5]]);
    assert.deepEqual(calls, [
      ["M", 0, 0],
      ["L", 0.4, 0],
    ]);
    // at a zoom where they are 0.8 px apart (above half a pixel), every one is traced
    assert.equal(trace(xs, [0, 0, 0, 0, 0], [[0, 5]], { scale: 8 }).n, 5);
  });
  it("traces a run reaching the view as one sub-path when unbroken (a dashed line)", () => {
    const clip = /** @type {[number, number, number, number]} */ ([0, 0, 10, 10]);
    const { calls } = trace([5, 15, 25, 5], [5, 5, 5, 5], [[0, 4]], { clip, unbroken: true });
    assert.deepEqual(calls, [
      ["M", 5, 5],
      ["L", 15, 5],
      ["L", 25, 5],
      ["L", 5, 5],
    ]);
    // a run whose box misses the view is still skipped
    assert.deepEqual(trace([20, 30], [1, 1], [[0, 2]], { clip, unbroken: true }).calls, []);
  });
  it("skips a run whose box misses the view, and lifts the pen over segments off it", () => {
    const clip = /** @type {[number, number, number, number]} */ ([0, 0, 10, 10]);
    assert.deepEqual(trace([20, 30], [1, 1], [[0, 2]], { clip }).calls, []);
    // in, out to the right twice, back in: the segment wholly right of the view is left out
    const { calls } = trace([5, 15, 25, 5], [5, 5, 5, 5], [[0, 4]], { clip });
    assert.deepEqual(calls, [
      ["M", 5, 5],
      ["L", 15, 5],
      ["M", 25, 5],
      ["L", 5, 5],
    ]);
  });
  it("closes rings and keeps three of their positions however small", () => {
    const { calls } = trace([0, 0.1, 0.1, 0], [0, 0, 0.1, 0.1], [[0, 4]], { closed: true });
    assert.deepEqual(calls, [["M", 0, 0], ["L", 0, 0.1], ["Z"]]);
  });
});

describe("nearestOnRuns", () => {
  it("finds the nearest point of any segment, on every position", () => {
    const xs = Float64Array.of(0, 10, 10, 100, 100);
    const ys = Float64Array.of(0, 0, 10, 0, 50);
    const got = nearestOnRuns(
      xs,
      ys,
      [
        [0, 3],
        [3, 5],
      ],
      1,
      0,
      0,
      12,
      4,
    );
    assert.deepEqual(got, { d: 2, x: 10, y: 4 });
  });
  it("uses the placement and, for rings, the closing segment", () => {
    const xs = Float64Array.of(0, 10, 10);
    const ys = Float64Array.of(0, 0, 10);
    // at scale 2, shifted by (100, 0): the closing segment (120, 20)-(100, 0)
    const open = nearestOnRuns(xs, ys, [[0, 3]], 2, 100, 0, 105, 15);
    const ring = nearestOnRuns(xs, ys, [[0, 3]], 2, 100, 0, 105, 15, true);
    assert.ok(ring.d < open.d);
    assert.ok(Math.abs(ring.d - Math.SQRT2 * 5) < 1e-12);
  });
  it("is infinitely far from no segment", () => {
    const got = nearestOnRuns(Float64Array.of(1), Float64Array.of(1), [[0, 1]], 1, 0, 0, 0, 0);
    assert.equal(got.d, Infinity);
  });
});

describe("insideRings", () => {
  // a 10 x 10 square at (0, 0) with a 2 x 2 hole at (4, 4), then a square at (20, 0)
  const xs = Float64Array.of(0, 10, 10, 0, 4, 6, 6, 4, 20, 22, 22, 20);
  const ys = Float64Array.of(0, 0, 10, 10, 4, 4, 6, 6, 0, 0, 2, 2);
  /** @type {Array<[number, number]>} */
  const runs = [
    [0, 4],
    [4, 8],
    [8, 12],
  ];
  it("is inside a ring, outside its hole (even-odd), inside any part", () => {
    assert.equal(insideRings(xs, ys, runs, 1, 0, 0, 1, 1), true);
    assert.equal(insideRings(xs, ys, runs, 1, 0, 0, 5, 5), false);
    assert.equal(insideRings(xs, ys, runs, 1, 0, 0, 21, 1), true);
    assert.equal(insideRings(xs, ys, runs, 1, 0, 0, 15, 1), false);
  });
  it("uses the placement", () => {
    // at scale 2, shifted by (100, 50): the first square spans x 100-120, y 50-70
    assert.equal(insideRings(xs, ys, runs, 2, 100, 50, 101, 51), true);
    assert.equal(insideRings(xs, ys, runs, 2, 100, 50, 1, 1), false);
  });
});

/**
 * Flat [x, y, ...] rings as the arrays and runs insideRings takes.
 * @param {number[][]} rings
 * @returns {[Float64Array, Float64Array, Array<[number, number]>]}
 */
function asRuns(rings) {
  const xs = [];
  const ys = [];
  /** @type {Array<[number, number]>} */
  const runs = [];
  for (const r of rings) {
    const start = xs.length;
    for (let i = 0; i < r.length; i += 2) {
      xs.push(r[i]);
      ys.push(r[i + 1]);
    }
    runs.push([start, xs.length]);
  }
  return [Float64Array.from(xs), Float64Array.from(ys), runs];
}

/**
 * Whether an even-odd fill of `a` and of `b` agree at every point of a grid over `box`
 * (points off the half-grid, so none lies on an edge).
 * @param {number[][]} a
 * @param {number[][]} b
 * @param {[number, number, number, number]} box
 */
function sameFillIn(a, b, box) {
  const [ax, ay, ar] = asRuns(a);
  const [bx, by, br] = asRuns(b);
  let checked = 0;
  for (let x = box[0] + 0.13; x < box[2]; x += 0.5) {
    for (let y = box[1] + 0.17; y < box[3]; y += 0.5) {
      const p = insideRings(ax, ay, ar, 1, 0, 0, x, y);
      const q = insideRings(bx, by, br, 1, 0, 0, x, y);
      if (p !== q) return `differs at (${x}, ${y})`;
      checked++;
    }
  }
  return checked;
}

/**
 * Rings fed through RingsNearBox(box), back as flat rings, and the positions passed on.
 * @param {number[][]} rings
 * @param {[number, number, number, number]} box
 * @returns {[number[][], number]}
 */
function nearBox(rings, box) {
  const s = sink();
  const c = new RingsNearBox(s, box);
  for (const r of rings) {
    c.moveTo(r[0], r[1]);
    for (let i = 2; i < r.length; i += 2) c.lineTo(r[i], r[i + 1]);
    c.closePath();
  }
  /** @type {number[][]} */
  const out = [];
  let n = 0;
  for (const call of s.calls) {
    if (call[0] === "M") out.push([]);
    if (call[0] !== "Z") {
      out[out.length - 1].push(/** @type {number} */ (call[1]), /** @type {number} */ (call[2]));
      n++;
    }
  }
  return [out, n];
}

describe("RingsNearBox", () => {
  /** @type {[number, number, number, number]} */
  const box = [0, 0, 10, 10];
  it("passes a ring inside the box on as it is", () => {
    assert.deepEqual(nearBox([[1, 1, 9, 1, 9, 9]], box), [[[1, 1, 9, 1, 9, 9]], 3]);
  });
  it("passes on only the part near the box of a ring much larger than it", () => {
    // a circle of 1000 positions, radius 100, whose edge crosses the box
    const ring = [];
    for (let i = 0; i < 1000; i++) {
      const a = (2 * Math.PI * i) / 1000;
      ring.push(-95 + 100 * Math.cos(a), 5 + 100 * Math.sin(a));
    }
    const [got, n] = nearBox([ring], box);
    assert.ok(n > 4 && n < 40, String(n)); // of 1000
    assert.equal(typeof sameFillIn([ring], got, [-5, -5, 15, 15]), "string"); // cut outside
    assert.ok(/** @type {number} */ (sameFillIn([ring], got, box)) > 300);
  });
  it("keeps the fill in the box: concave rings, holes, corners, rings round it", () => {
    const rings = [
      // a comb reaching in and out of the box across two sides
      [-5, -5, 3, -5, 3, 12, 5, 12, 5, -5, 7, -5, 7, 12, 9, 12, 9, -5, 15, -5, 15, 15, -5, 15],
      // a hole in it, partly off the box
      [8, 8, 13, 8, 13, 13, 8, 13],
      // a diagonal sliver crossing a corner from one side to the next
      [-3, 4, 4, -3, 5, -2, -2, 5],
      // a ring wholly round the box, with stretches beyond each side and corner
      [-20, -20, 0, -25, 30, -20, 35, 5, 30, 30, 5, 40, -20, 30, -25, 5],
    ];
    const [got, n] = nearBox(rings, box);
    assert.ok(/** @type {number} */ (sameFillIn(rings, got, box)) > 300);
    assert.ok(n < 36, String(n)); // of 36: something was cut
  });
});
