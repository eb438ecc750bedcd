// The picture of the view: where its boxes go, how large it may be, the scale bar's
// lengths, wrapped text, and letters along a line.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import {
  fitText,
  lettersAlong,
  MARGIN,
  MAX_SIDE,
  pictureFactor,
  pictureLayout,
  roundNumber,
  scaleBars,
  wrapLines,
} from "../../geo/static/src/picture.js";

/** @param {string} s  7 px a character */
const measure = (s) => [...s].length * 7;

describe("the picture's layout", () => {
  it("puts the legend top right where it fits beside the title", () => {
    const out = pictureLayout(1400, 900, { w: 400, h: 60 }, { w: 280, h: 360 });
    assert.deepEqual(out, {
      width: 1400,
      height: 900,
      title: { x: MARGIN, y: MARGIN },
      legend: { x: 1400 - MARGIN - 280, y: MARGIN },
      legendBelow: false,
    });
  });

  it("puts it in a band below a map too narrow or too short for it", () => {
    const narrow = pictureLayout(360, 500, { w: 340, h: 60 }, { w: 280, h: 200 });
    assert.equal(narrow.legendBelow, true);
    assert.equal(narrow.height, 500 + 200 + 2 * MARGIN);
    assert.deepEqual(narrow.legend, { x: MARGIN, y: 500 + MARGIN });
    const short = pictureLayout(1400, 300, { w: 400, h: 60 }, { w: 280, h: 360 });
    assert.equal(short.legendBelow, true);
    assert.equal(short.width, 1400);
  });

  it("is the map's size without a legend", () => {
    const out = pictureLayout(360, 500, { w: 340, h: 60 }, { w: 0, h: 0 });
    assert.equal(out.height, 500);
    assert.equal(out.legendBelow, false);
  });
});

describe("the picture's factor", () => {
  it("is the one asked for where the picture fits", () => {
    assert.equal(pictureFactor(1400, 900, 4), 4);
    assert.equal(pictureFactor(360, 700, 2), 2);
  });

  it("is smaller where the picture would be too large", () => {
    const f = pictureFactor(5000, 5000, 4);
    assert.ok(f < 4 && f * 5000 <= MAX_SIDE && (f * 5000) ** 2 <= 64e6, String(f));
    assert.equal(pictureFactor(5000, 5000, 4), 1.5);
  });
});

describe("the scale bar", () => {
  it("rounds down to 1, 2, 3 or 5 times a power of ten", () => {
    assert.deepEqual([1, 2.5, 3.7, 7, 99, 100, 1234].map(roundNumber), [1, 2, 3, 5, 50, 100, 1000]);
  });

  it("is Leaflet's: metric over imperial, at most 100 px", () => {
    assert.deepEqual(scaleBars(1_234_567, 100), [
      { label: "1000 km", width: 81 },
      { label: "500 mi", width: 65 },
    ]);
    assert.deepEqual(scaleBars(450, 100), [
      { label: "300 m", width: 67 },
      { label: "1000 ft", width: 68 },
    ]);
    assert.deepEqual(scaleBars(0, 100), []);
  });
});

describe("text", () => {
  it("wraps at spaces to a width", () => {
    assert.deepEqual(wrapLines("Belt and Road Initiative", 70, measure), [
      "Belt and",
      "Road",
      "Initiative",
    ]);
    assert.deepEqual(wrapLines("  one  ", 70, measure), ["one"]);
  });

  it("cuts a word too wide with an ellipsis", () => {
    assert.equal(fitText("Bangladesh–China", 70, measure), "Banglades…");
    assert.equal(fitText("short", 70, measure), "short");
  });
});

describe("letters along a line", () => {
  it("are centred on the line's middle, each turned with it", () => {
    const out = lettersAlong(
      [
        [0, 0],
        [100, 0],
      ],
      [10, 10, 10],
    );
    assert.deepEqual(out, [
      [40, 0, 0],
      [50, 0, 0],
      [60, 0, 0],
    ]);
  });

  it("turn the corner of a line", () => {
    const out = lettersAlong(
      [
        [0, 0],
        [20, 0],
        [20, 20],
      ],
      [10, 10],
    );
    assert.deepEqual(out[0], [15, 0, 0]);
    assert.deepEqual(out[1], [20, 5, Math.PI / 2]);
  });

  it("of a line of one point are none", () => {
    assert.deepEqual(lettersAlong([[3, 4]], [10]), []);
  });
});
