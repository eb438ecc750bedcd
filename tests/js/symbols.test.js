// Point symbols: the shipped shapes (geo/data/symbols.toml, as the map spec carries
// them) traced on a canvas and drawn in the legend as the page drew them before they
// came from the spec.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { rampCells, shapeOf, svgSymbol, traceSymbol } from "../../geo/static/src/symbols.js";
import { FIXTURES } from "./fixtures.js";

const SYMBOLS = new Map(Object.entries(FIXTURES.symbols));

/** A canvas path that records what is traced on it. */
class Recorder {
  constructor() {
    /** @type {any[][]} */
    this.calls = [];
  }
  /** @param {number} x @param {number} y */
  moveTo(x, y) {
    this.calls.push(["moveTo", x, y]);
  }
  /** @param {number} x @param {number} y */
  lineTo(x, y) {
    this.calls.push(["lineTo", x, y]);
  }
  /** @param {...any} args */
  arc(...args) {
    this.calls.push(["arc", ...args]);
  }
  closePath() {
    this.calls.push(["closePath"]);
  }
}

/** @param {string | undefined} name @param {number} s */
function traced(name, s) {
  const r = new Recorder();
  traceSymbol(r, shapeOf(SYMBOLS, name), 100.25, 50.5, s);
  return r.calls;
}

describe("symbols on the canvas", () => {
  const [x, y] = [100.25, 50.5];
  for (const s of [3, 5, 7, 9]) {
    it(`trace as the page traced them at radius ${s}`, () => {
      assert.deepEqual(traced("circle", s), [["arc", x, y, s, 0, Math.PI * 2, false]]);
      assert.deepEqual(traced("square", s), [
        ["moveTo", x - s, y - s],
        ["lineTo", x + s, y - s],
        ["lineTo", x + s, y + s],
        ["lineTo", x - s, y + s],
        ["closePath"],
      ]);
      const d = s * 1.25;
      assert.deepEqual(traced("diamond", s), [
        ["moveTo", x, y - d],
        ["lineTo", x + d, y],
        ["lineTo", x, y + d],
        ["lineTo", x - d, y],
        ["closePath"],
      ]);
      assert.deepEqual(traced("triangle", s), [
        ["moveTo", x, y - d],
        ["lineTo", x + d, y + d * 0.8],
        ["lineTo", x - d, y + d * 0.8],
        ["closePath"],
      ]);
    });
  }
  it("draw a circle for a symbol the spec does not define", () => {
    assert.deepEqual(traced("star", 4), traced("circle", 4));
    assert.deepEqual(traced(undefined, 4), traced("circle", 4));
    assert.deepEqual(traced("constructor", 4), traced("circle", 4));
  });
});

describe("symbols in the legend", () => {
  it("draw as the page drew them, on whole pixels", () => {
    const legend = (/** @type {string} */ name) => svgSymbol(shapeOf(SYMBOLS, name), 14, 7, 5);
    assert.deepEqual(legend("circle"), { tag: "circle", attrs: { cx: 14, cy: 7, r: 5 } });
    assert.deepEqual(legend("square"), {
      tag: "rect",
      attrs: { x: 9, y: 2, width: 10, height: 10 },
    });
    assert.deepEqual(legend("diamond"), {
      tag: "polygon",
      attrs: { points: "14,1 20,7 14,13 8,7" },
    });
    assert.deepEqual(legend("triangle"), { tag: "polygon", attrs: { points: "14,1 20,12 8,12" } });
  });
  it("draw a new polygon symbol from its shape alone", () => {
    const star = {
      polygon: /** @type {[number, number][]} */ ([
        [0, -1],
        [0.3, 0],
        [1, 0],
        [0, 1],
        [-1, 0],
      ]),
    };
    assert.deepEqual(svgSymbol(star, 14, 7, 5), {
      tag: "polygon",
      attrs: { points: "14,2 16,7 19,7 14,12 9,7" },
    });
    const r = new Recorder();
    traceSymbol(r, star, 0, 0, 2);
    assert.equal(r.calls.length, 6);
  });
});

describe("rampCells", () => {
  it("puts a classed layer's colours side by side across the icon, in order", () => {
    const spec = /** @type {any} */ ({ classes: { colors: ["#eeeeee", "#888888", "#111111"] } });
    const cells = rampCells(spec);
    assert.deepEqual(
      cells.map((c) => c.colour),
      ["#eeeeee", "#888888", "#111111"],
    );
    assert.equal(cells[0].x, 2);
    assert.equal(cells[2].x + cells[2].width, 26);
    for (const c of cells) assert.equal(c.width, 8);
  });
  it("gives nothing for a layer of one colour", () => {
    assert.deepEqual(rampCells(/** @type {any} */ ({ classes: null })), []);
  });
});
