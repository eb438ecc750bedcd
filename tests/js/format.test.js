// Numbers, lengths, property values and links as the page shows them.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import {
  fmtFixed,
  fmtLength,
  fmtNumber,
  fmtValue,
  isMissing,
  trimZeros,
} from "../../geo/static/src/format.js";
import { linkRuns } from "../../geo/static/src/text.js";

const METRES = new Map(Object.entries({ m: 1, km: 1000, mi: 1609.344, nmi: 1852 }));

describe("fmtNumber", () => {
  const cases = [
    [30e9, false, "30 billion"],
    [13.9e6, false, "13.9 million"],
    [13_900_000, false, "13.9 million"],
    [12_500, false, "12,500"],
    [2011, false, "2011"], // a year stays as it is
    [2011, true, "2,011"], // a quantity gets its comma
    [-25_000_000, false, "-25 million"],
    [12_345_678, false, "12,345,678"], // not a round number of millions
    [1234.5678, false, "1,234.57"],
    [0.1234567, false, "0.123457"],
    [2.5e9, false, "2.5 billion"],
    [1_234_567_890.5, false, "1.23457 billion"],
    [1_234_567_890, false, "1,234,567,890"],
  ];
  for (const [value, group, text] of cases) {
    it(`${value}${group ? " (a quantity)" : ""} is ${text}`, () => {
      assert.equal(fmtNumber(/** @type {number} */ (value), /** @type {boolean} */ (group)), text);
    });
  }
  it("trims zeros like Python's %g", () => {
    assert.equal(trimZeros(13.9), "13.9");
    assert.equal(trimZeros(2.0), "2");
    assert.equal(trimZeros(1 / 3), "0.333333");
  });
});

describe("fmtLength", () => {
  it("gives whole km by default", () => {
    assert.equal(fmtLength(1234.4999, ["km"], METRES), "1,234 km");
    assert.equal(fmtLength(0.4, ["km"], METRES), "0 km");
  });
  it("gives each unit in turn (a sea lane: km and nautical miles)", () => {
    assert.equal(fmtLength(1852, ["km", "nmi"], METRES), "1,852 km · 1,000 nmi");
    assert.equal(fmtLength(10_000, ["nmi", "mi"], METRES), "5,400 nmi · 6,214 mi");
  });
  it("refuses a unit the spec does not define", () => {
    assert.throws(() => fmtLength(1, ["league"], METRES), /unknown unit league/);
  });
});

describe("fmtFixed", () => {
  it("keeps its decimals and groups thousands", () => {
    assert.equal(fmtFixed(12_345.25, 1), "12,345.3");
    assert.equal(fmtFixed(3, 1), "3.0");
    assert.equal(fmtFixed(999_999.6, 0), "1,000,000");
  });
});

describe("fmtValue", () => {
  it("joins places by dashes, saying which crossings are assumed", () => {
    const via = [
      { name: "Alashankou", assumed: true },
      { name: "Dostyk", assumed: true },
      { name: "Jinghe" },
    ];
    assert.equal(
      fmtValue(via),
      "Alashankou (crossing assumed) – Dostyk (crossing assumed) – Jinghe",
    );
  });
  it("joins other lists by commas, numbers as fmtNumber", () => {
    assert.equal(fmtValue(["CHN", "KAZ"]), "CHN, KAZ");
    assert.equal(fmtValue([12_500, 2011]), "12,500, 2011");
  });
  it("shows an object as JSON and anything else as text", () => {
    assert.equal(fmtValue({ a: 1 }), '{"a":1}');
    assert.equal(fmtValue(true), "true");
    assert.equal(fmtValue("<b>x</b>"), "<b>x</b>");
  });
});

describe("isMissing", () => {
  it("is true for what shows nothing", () => {
    for (const v of [null, undefined, "", [], {}]) assert.equal(isMissing(v), true);
  });
  it("is false for values, zero and false included", () => {
    for (const v of [0, false, "x", [0], { a: null }]) assert.equal(isMissing(v), false);
  });
});

describe("linkRuns", () => {
  it("makes http(s) URLs links, without the sentence's full stop", () => {
    assert.deepEqual(linkRuns("see https://example.org/a?b=1&c=2. and www.x.org"), [
      { text: "see " },
      { text: "https://example.org/a?b=1&c=2", href: "https://example.org/a?b=1&c=2" },
      { text: ". and www.x.org" },
    ]);
  });
  it("makes nothing else a link", () => {
    assert.deepEqual(linkRuns("javascript:alert(1) data:text/html,x"), [
      { text: "javascript:alert(1) data:text/html,x" },
    ]);
    assert.deepEqual(linkRuns(""), []);
    assert.deepEqual(linkRuns(2016), [{ text: "2016" }]);
  });
});
