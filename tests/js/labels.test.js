// Label placement (no DOM): boxes and their overlaps, the greedy placement, where a
// point's, a country's and a line's label may go; the print zoom; the about panel's sources.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { sourceLines } from "../../geo/static/src/controls/title.js";
import {
  box,
  boxesOverlap,
  countrySpots,
  extendedPath,
  fitsCountry,
  insideView,
  LABEL_PAD,
  lineSpots,
  placeLabels,
  pointSpots,
  rectOf,
  smooth,
} from "../../geo/static/src/labels.js";
import { PAGE_PX, printZoom } from "../../geo/static/src/print.js";

/**
 * @typedef {import("../../geo/static/src/labels.js").Candidate} Candidate
 * @typedef {import("../../geo/static/src/labels.js").Spot} Spot
 */

const VIEW = { width: 800, height: 600 };

/**
 * A candidate with one upright spot.
 * @param {string} key
 * @param {number} x
 * @param {number} y
 * @param {Partial<Candidate>} [more]
 * @returns {Candidate}
 */
function label(key, x, y, more = {}) {
  return { key, tier: 1, weight: 0, order: 0, spots: [box(x, y, 60, 14)], ...more };
}

/**
 * A deterministic pseudo-random sequence in [0, 1).
 * @param {number} seed
 */
function random(seed) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

/**
 * The boxes a placed label covers.
 * @param {Spot} spot
 */
const piecesOf = (spot) => spot.pieces || [spot];

describe("boxesOverlap", () => {
  it("tells upright boxes apart by their edges (touching is not overlapping)", () => {
    assert.ok(boxesOverlap(box(0, 0, 10, 10), box(9, 0, 10, 10)));
    assert.ok(!boxesOverlap(box(0, 0, 10, 10), box(10, 0, 10, 10)));
    assert.ok(!boxesOverlap(box(0, 0, 10, 10), box(0, 11, 10, 10)));
    assert.ok(boxesOverlap(box(0, 0, 10, 10), box(0, 11, 10, 10), 1.5)); // padded
  });
  it("tells turned boxes apart where their upright rectangles overlap", () => {
    const a = box(0, 0, 100, 4, Math.PI / 4); // a thin diagonal, lower left to upper right
    const off = box(30, -30, 10, 10); // above the diagonal, inside its upright rectangle
    assert.ok(rectOf(a).right > 30 && rectOf(a).top < -30);
    assert.ok(!boxesOverlap(a, off));
    assert.ok(!boxesOverlap(off, a));
    assert.ok(boxesOverlap(a, box(20, 20, 10, 10))); // on the diagonal
  });
});

describe("placeLabels", () => {
  it("places by tier, then weight, and leaves out a label that would overlap", () => {
    const placed = placeLabels(
      [
        label("late", 100, 100, { tier: 3 }),
        label("light", 120, 100, { tier: 1, weight: 1 }),
        label("heavy", 110, 104, { tier: 1, weight: 9 }),
        label("far", 400, 300, { tier: 5 }),
      ],
      [],
      VIEW,
    );
    assert.deepEqual(
      placed.map((p) => p.key),
      ["heavy", "far"],
    );
  });
  it("takes the first free spot, and none that leaves the view or covers an obstacle", () => {
    const spots = [box(5, 100, 60, 14), box(200, 100, 60, 14), box(400, 100, 60, 14)];
    const obstacles = [{ left: 180, top: 90, right: 220, bottom: 110 }];
    const [p] = placeLabels([label("a", 0, 0, { spots })], obstacles, VIEW);
    assert.equal(p.box.x, 400);
    assert.deepEqual(
      placeLabels([label("b", 0, 0, { spots: spots.slice(0, 2) })], obstacles, VIEW),
      [],
    );
  });
  it("names one point of a group (a cluster) only", () => {
    const placed = placeLabels(
      [
        label("a", 100, 100, { group: "c1", weight: 2 }),
        label("b", 300, 100, { group: "c1", weight: 1 }),
        label("c", 500, 100, { group: "c2" }),
      ],
      [],
      VIEW,
    );
    assert.deepEqual(
      placed.map((p) => p.key),
      ["a", "c"],
    );
  });
  it("never lets two labels, or a label and an obstacle, overlap (random layouts)", () => {
    const rnd = random(7);
    for (let round = 0; round < 20; round++) {
      /** @type {Candidate[]} */
      const candidates = [];
      for (let i = 0; i < 120; i++) {
        const x = rnd() * VIEW.width;
        const y = rnd() * VIEW.height;
        const w = 20 + rnd() * 120;
        const spots =
          i % 3 === 0
            ? lineSpots(
                [
                  [x, y],
                  [x + 200 * rnd(), y + 100 * (rnd() - 0.5)],
                  [x + 300, y + 40 * rnd()],
                ],
                w,
                14,
              )
            : pointSpots(x, y, 5, w, 14);
        candidates.push({ key: String(i), tier: 1 + (i % 4), weight: i % 7, order: i, spots });
      }
      const obstacles = [{ left: 0, top: 0, right: 200, bottom: 150 }];
      const placed = placeLabels(candidates, obstacles, VIEW);
      assert.ok(placed.length > 10);
      const all = placed.flatMap((p) => piecesOf(p.box).map((b) => ({ key: p.key, b })));
      for (const { b } of all) {
        assert.ok(insideView(b, VIEW));
        const r = rectOf(b);
        assert.ok(r.left >= 200 || r.top >= 150, "a label on the obstacle");
      }
      for (let i = 0; i < all.length; i++) {
        for (let j = i + 1; j < all.length; j++) {
          if (all[i].key === all[j].key) continue;
          assert.ok(
            !boxesOverlap(all[i].b, all[j].b, LABEL_PAD - 0.01),
            `${all[i].key} ${all[j].key}`,
          );
        }
      }
    }
  });
});

describe("pointSpots and countrySpots", () => {
  it("puts a point's name beside its symbol, clear of it", () => {
    const spots = pointSpots(100, 100, 6, 40, 12, 3);
    assert.deepEqual(
      spots.map((b) => [b.x, b.y]),
      [
        [129, 100],
        [71, 100],
        [100, 86.5],
        [100, 113.5],
      ],
    );
    for (const b of spots) assert.ok(!boxesOverlap(b, box(100, 100, 12, 12)));
  });
  it("tries a country's label point first, then moves within its room only", () => {
    const spots = countrySpots(50, 50, 40, 10, 100, 30);
    assert.deepEqual([spots[0].x, spots[0].y], [50, 50]);
    for (const b of spots) {
      assert.ok(Math.abs(b.x - 50) <= 30 && Math.abs(b.y - 50) <= 10);
    }
    assert.equal(countrySpots(5, 5, 40, 10, 40, 10).length, 1); // no room to move
  });
  it("names a country where it is wide enough at the zoom", () => {
    assert.ok(fitsCountry(60, 14, 10, 5, 3)); // 80 x 40 px at zoom 3
    assert.ok(!fitsCountry(60, 14, 10, 5, 2)); // 40 x 20 px at zoom 2
  });
});

describe("lineSpots", () => {
  it("writes along a straight line, above it, centred on its middle first", () => {
    const [first] = lineSpots(
      [
        [0, 100],
        [400, 100],
      ],
      100,
      14,
    );
    assert.ok(Math.abs(first.x - 200) < 1 && Math.abs(first.y - 91) < 0.01);
    assert.equal(first.angle, 0);
    const path = /** @type {[number, number][]} */ (first.path);
    // as long as the text and 6 px more, centred on the line's middle
    assert.ok(Math.abs(path[0][0] - 147) < 0.01 && Math.abs(path[path.length - 1][0] - 253) < 0.01);
    assert.ok(path.every(([, y]) => Math.abs(y - 91) < 1e-9));
  });
  it("reads left to right on a line drawn right to left", () => {
    const [spot] = lineSpots(
      [
        [400, 300],
        [0, 100],
      ],
      100,
      14,
    );
    const path = /** @type {[number, number][]} */ (spot.path);
    assert.ok(path[0][0] < path[path.length - 1][0]);
    assert.ok(Math.abs(spot.angle - Math.atan2(200, 400)) < 1e-9); // down to the right
    // above the line: y = 100 + x / 2 on it
    for (const [x, y] of path)
      assert.ok(Math.abs(100 + x / 2 - y - 9 / Math.cos(spot.angle)) < 1e-6);
  });
  it("follows a gentle curve and refuses a corner or a line too short", () => {
    /** @type {number[][]} */
    const arc = [];
    for (let a = 0; a <= 60; a += 2) {
      const t = (a * Math.PI) / 180;
      arc.push([300 * Math.sin(t), 300 - 300 * Math.cos(t)]);
    }
    assert.ok(lineSpots(arc, 120, 14).length > 0);
    const corner = [
      [0, 0],
      [60, 0],
      [60, 60],
    ];
    assert.deepEqual(lineSpots(corner, 100, 14), []);
    assert.deepEqual(lineSpots(corner, 200, 14), []); // longer than the line
  });
  it("keeps a straight line straight and its ends in place when smoothing", () => {
    /** @type {[number, number][]} */
    const line = [
      [0, 0],
      [1, 1],
      [2, 2],
      [3, 3],
      [10, 0],
    ];
    const out = smooth(line, 2);
    assert.deepEqual(out[0], [0, 0]);
    assert.deepEqual(out[4], [10, 0]);
    assert.deepEqual(out[1], [1, 1]);
    assert.deepEqual(out[2], [16 / 5, 6 / 5]);
  });
});

describe("printZoom", () => {
  it("fits the map drawn on the screen on an A4 landscape page", () => {
    assert.equal(printZoom(PAGE_PX.width, PAGE_PX.height), 1);
    assert.equal(printZoom(PAGE_PX.width * 2, 10), 0.5);
    assert.equal(printZoom(10, PAGE_PX.height * 4), 0.25);
    assert.equal(printZoom(0, 0), 1);
  });
});

describe("sourceLines", () => {
  it("lists each source once, with the layers that share it", () => {
    /** @type {any[]} */
    const layers = [
      { title: "CPEC", source: "GeoNames" },
      { title: "CMEC", source: "GeoNames" },
      { title: "Ports", source: "searoute https://example.org/x" },
      { title: "None", source: "  " },
    ];
    assert.deepEqual(sourceLines(layers), [
      { titles: ["CPEC", "CMEC"], source: "GeoNames" },
      { titles: ["Ports"], source: "searoute https://example.org/x" },
    ]);
  });
});

describe("extendedPath", () => {
  it("goes on straight past each end by the slack, the path between unchanged", () => {
    /** @type {[number, number][]} */
    const path = [
      [10, 10],
      [20, 10],
      [20, 30],
    ];
    assert.deepEqual(extendedPath(path, 5), [[5, 10], ...path, [20, 35]]);
  });
  it("leaves a path of one point, or no slack, as it is", () => {
    /** @type {[number, number][]} */
    const one = [[1, 2]];
    assert.equal(extendedPath(one, 5), one);
    assert.deepEqual(
      extendedPath(
        [
          [0, 0],
          [3, 4],
        ],
        0,
      ),
      [
        [0, 0],
        [3, 4],
      ],
    );
  });
});
