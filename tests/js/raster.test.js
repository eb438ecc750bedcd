// Thick lines rasterised into a coverage mask (raster.js): the coverage a stroke gives each
// pixel, how lines combine, the clip, and compositing into RGBA words.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { CoverageMask, paletteOf } from "../../geo/static/src/raster.js";

const W = 40;
const H = 30;

/**
 * A mask W x H, ready to stroke lines `weight` px wide in pixel units.
 * @param {number} weight
 * @param {[number, number, number, number]} [clip]
 */
function mask(weight, clip = [0, 0, W, H]) {
  const m = new CoverageMask(W, H);
  m.begin(weight, 0, 0, 1, clip);
  return m;
}

/**
 * Stroke one line through `points` (pixels) as a path: moveTo, lineTo..., end.
 * @param {CoverageMask} m
 * @param {Array<[number, number]>} points
 */
function line(m, points) {
  m.moveTo(...points[0]);
  for (const p of points.slice(1)) m.lineTo(...p);
  m.end();
}

/** @param {CoverageMask} m @param {number} col @param {number} row */
const alphaAt = (m, col, row) => m.alphaAt(row * W + col);

/** The sum of the alphas of a column, in pixels (255 a pixel). */
function columnSum(/** @type {CoverageMask} */ m, /** @type {number} */ col) {
  let s = 0;
  for (let row = 0; row < H; row++) s += alphaAt(m, col, row);
  return s / 255;
}

describe("CoverageMask strokes", () => {
  it("covers a horizontal 3 px line on a pixel row fully, and nothing beyond", () => {
    const m = mask(3);
    line(m, [
      [5, 10.5],
      [30, 10.5],
    ]);
    for (const row of [9, 10, 11]) assert.equal(alphaAt(m, 15, row), 255);
    for (const row of [7, 8, 12, 13]) assert.equal(alphaAt(m, 15, row), 0);
  });

  it("splits a line between pixel rows over the two rows it half covers", () => {
    const m = mask(3);
    line(m, [
      [5, 10],
      [30, 10],
    ]);
    assert.deepEqual(
      [8, 9, 10, 11].map((row) => alphaAt(m, 15, row)),
      [127, 255, 255, 127],
    );
  });

  for (const [slope, offset] of [
    [0, 0.3],
    [0.4, 0.1],
    [0.9, 0.7],
    [-0.6, 0.5],
  ]) {
    it(`covers about weight x its length across a column (slope ${slope})`, () => {
      for (const weight of [1, 3, 5]) {
        const m = mask(weight);
        line(m, [
          [2, 15 + offset - 13 * slope],
          [38, 15 + offset + 23 * slope],
        ]);
        const want = weight * Math.sqrt(1 + slope * slope);
        assert.ok(Math.abs(columnSum(m, 20) - want) < 0.03 * want + 0.02, `weight ${weight}`);
      }
    });
  }

  it("steps a steep line by rows as a flat one by columns (its transpose)", () => {
    const flat = mask(3);
    line(flat, [
      [3, 10.2],
      [25, 17.9],
    ]);
    const steep = mask(3);
    line(steep, [
      [10.2, 3],
      [17.9, 25],
    ]);
    for (let row = 0; row < H; row++) {
      for (let col = 0; col < H; col++)
        assert.equal(alphaAt(steep, row, col), alphaAt(flat, col, row));
    }
  });

  it("gives a line round caps: its ends reach half its width beyond its positions", () => {
    const m = mask(3);
    line(m, [
      [10.5, 10.5],
      [20.5, 10.5],
    ]);
    assert.equal(alphaAt(m, 9, 10), 255); // 1 px before the start
    assert.equal(alphaAt(m, 21, 10), 255); // 1 px past the end
    assert.equal(alphaAt(m, 8, 10), 0);
    assert.equal(alphaAt(m, 22, 10), 0);
    assert.equal(alphaAt(m, 9, 9), Math.trunc((2 - Math.SQRT2) * 255)); // the cap's edge
  });

  it("does not darken where one line overlaps itself, but lays a second line over", () => {
    const m = mask(3);
    m.setOpacity(0.5);
    line(m, [
      [5, 10.5],
      [30, 10.5],
      [5, 10.5],
    ]);
    assert.equal(alphaAt(m, 15, 10), 128); // 255 x 0.5, once
    m.begin(3, 0, 0, 1, [0, 0, W, H]);
    line(m, [
      [15.5, 2],
      [15.5, 25],
    ]);
    assert.equal(alphaAt(m, 15, 10), 128 + Math.round((128 * 127) / 255)); // over: 192
    assert.equal(alphaAt(m, 15, 20), 128); // the second line alone
  });

  it("writes only inside the clip, and its dirty box stays inside it", () => {
    const m = mask(3, [10, 5, 20, 15]);
    line(m, [
      [0, 0],
      [39, 29],
    ]);
    line(m, [
      [0, 12.5],
      [39, 12.5],
    ]);
    for (let row = 0; row < H; row++) {
      for (let col = 0; col < W; col++) {
        const inside = col >= 10 && col < 20 && row >= 5 && row < 15;
        if (!inside) assert.equal(alphaAt(m, col, row), 0, `${col},${row}`);
      }
    }
    const [x0, y0, x1, y1] = m.dirty;
    assert.ok(x0 >= 10 && y0 >= 5 && x1 <= 20 && y1 <= 15);
    assert.ok(alphaAt(m, 15, 12) === 255);
  });

  it("maps input units to pixels by begin's offset and scale", () => {
    const m = new CoverageMask(W, H);
    m.begin(1.5, 100, 200, 2, [0, 0, W, H]); // 1.5 units = 3 px; (x - 100) * 2
    line(m, [
      [102, 205.25],
      [115, 205.25],
    ]);
    for (const row of [9, 10, 11]) assert.equal(alphaAt(m, 15, row), 255);
    assert.equal(alphaAt(m, 15, 12), 0);
  });

  it("gives a wide line round joins", () => {
    const m = mask(8);
    line(m, [
      [5.5, 20.5],
      [20.5, 20.5],
      [20.5, 5.5],
    ]);
    // the outside of the corner, 3 px out diagonally from the turn: inside the round
    // join (4 px radius), not a notch
    assert.equal(alphaAt(m, 22, 22), 255);
  });
});

describe("CoverageMask composite", () => {
  it("writes the dirty box through the palette, clears it and is then empty", () => {
    const m = mask(3);
    assert.ok(m.isEmpty());
    assert.equal(m.composite(new Uint32Array(W * H), new Uint32Array(256)), null);
    line(m, [
      [5, 10.5],
      [30, 10.5],
    ]);
    assert.ok(!m.isEmpty());
    const out = new Uint32Array(W * H).fill(7);
    const palette = Uint32Array.from({ length: 256 }, (_, a) => 1000 + a);
    const box = m.composite(out, palette);
    assert.ok(box);
    const [x0, y0, x1, y1] = box;
    // the rows the line covers (9-11), and at most the rows its caps reach (8, 12)
    assert.ok(y0 <= 9 && y0 >= 8 && y1 >= 12 && y1 <= 13, `${y0}-${y1}`);
    assert.ok(x0 <= 4 && x1 >= 31);
    assert.equal(out[10 * W + 15], 1255);
    assert.equal(out[y0 * W + 15], y0 < 9 ? 1000 : 1255); // in the box, uncovered: alpha 0
    assert.equal(out[20 * W + 15], 7); // outside the box: untouched
    assert.ok(m.isEmpty());
    assert.equal(alphaAt(m, 15, 10), 0);
  });

  it("keeps adding up over snapshots until released", () => {
    const m = mask(3);
    m.setOpacity(0.5);
    line(m, [
      [5, 10.5],
      [30, 10.5],
    ]);
    const out = new Uint32Array(W * H);
    const palette = Uint32Array.from({ length: 256 }, (_, a) => a);
    assert.ok(m.snapshot(out, palette));
    assert.equal(out[10 * W + 15], 128);
    assert.ok(m.isEmpty()); // nothing new since
    m.begin(3, 0, 0, 1, [0, 0, W, H]);
    line(m, [
      [15.5, 2],
      [15.5, 25],
    ]);
    const box = m.snapshot(out, palette);
    assert.ok(box && box[0] >= 12 && box[2] <= 19); // only what the second line touched
    assert.equal(out[10 * W + 15], 192); // the crossing: both lines, as one composite
    assert.equal(out[10 * W + 25], 128); // the first line, written before, unchanged
    m.release();
    assert.equal(alphaAt(m, 15, 10), 0);
    assert.equal(alphaAt(m, 25, 10), 0);
  });

  it("clears everything on clear()", () => {
    const m = mask(3);
    line(m, [
      [5, 10.5],
      [30, 10.5],
    ]);
    m.clear();
    assert.ok(m.isEmpty());
    assert.equal(alphaAt(m, 15, 10), 0);
  });
});

describe("CoverageMask opaque tiles", () => {
  /**
   * Stroke 30 horizontal lines, one a pixel row, 10 times over, then a diagonal across
   * them, into a mask
   * at an opacity (opaque everywhere by then); `skip` false strokes every line whatever
   * the tiles say.
   * @param {number} opacity
   * @param {boolean} skip
   */
  function hatched(opacity, skip) {
    const m = mask(3);
    if (!skip) m.hidden = () => false;
    m.setOpacity(opacity);
    for (let pass = 0; pass < 10; pass++) {
      for (let row = 0; row < H; row++) {
        m.begin(3, 0, 0, 1, [0, 0, W, H]);
        line(m, [
          [-5, row + 0.5],
          [W + 5, row + 0.5],
        ]);
      }
    }
    m.begin(3, 0, 0, 1, [0, 0, W, H]);
    let puts = 0;
    const put = m.put.bind(m);
    m.put = (k, v) => {
      puts++;
      put(k, v);
    };
    line(m, [
      [2, 2],
      [30, 25],
    ]);
    return { m, diagonalDrew: puts > 0 };
  }

  it("finds tiles opaque and passes over a stroke wholly in them, changing nothing", () => {
    for (const opacity of [1, 0.9, 0.5]) {
      const fast = hatched(opacity, true);
      const slow = hatched(opacity, false);
      assert.ok(fast.m.fullTiles > 0, `opacity ${opacity}`);
      assert.ok(!fast.diagonalDrew); // every pixel under it is opaque already
      assert.ok(slow.diagonalDrew);
      const a = new Uint32Array(W * H);
      const b = new Uint32Array(W * H);
      const palette = paletteOf([10, 20, 30]);
      fast.m.composite(a, palette);
      slow.m.composite(b, palette);
      assert.deepEqual(a, b);
    }
  });

  it("keeps the opaque tiles over a composite only when told", () => {
    const { m } = hatched(1, true);
    const out = new Uint32Array(W * H);
    m.composite(out, paletteOf([1, 2, 3]), true);
    assert.ok(m.fullTiles > 0);
    assert.ok(m.hidden(3, 3, 20, 20));
    m.composite(out, paletteOf([1, 2, 3]));
    assert.equal(m.fullTiles, 0);
    assert.ok(!m.hidden(3, 3, 20, 20));
  });

  it("does not pass over a stroke reaching a tile not opaque", () => {
    const m = mask(3);
    m.setOpacity(1);
    for (let pass = 0; pass < 2; pass++) {
      for (let row = 0; row < 16; row++) {
        m.begin(3, 0, 0, 1, [0, 0, W, H]);
        line(m, [
          [-5, row + 0.5],
          [W + 5, row + 0.5],
        ]);
      }
    }
    assert.ok(m.hidden(0, 0, 16, 8)); // the first row of tiles: all opaque
    assert.ok(!m.hidden(0, 0, 16, 17)); // rows 16 and below are not
    m.begin(3, 0, 0, 1, [0, 0, W, H]);
    line(m, [
      [4.5, 4.5],
      [4.5, 20.5],
    ]);
    assert.equal(m.alphaAt(20 * W + 4), 255);
  });
});

describe("paletteOf", () => {
  it("gives each alpha's RGBA bytes in ImageData's order", () => {
    const palette = paletteOf([17, 122, 101]);
    const bytes = new Uint8Array(palette.buffer);
    assert.deepEqual([...bytes.subarray(4 * 200, 4 * 201)], [17, 122, 101, 200]);
    assert.equal(palette[0], 0);
    const big = new Uint8Array(paletteOf([17, 122, 101], false).buffer);
    assert.deepEqual([...big.subarray(4 * 200, 4 * 201)], [200, 101, 122, 17]);
  });
});
