// The map's state in its address: every field written and read back, the shorter of the
// layer lists, and fragments that are broken or hostile ignored field by field or whole,
// never an error.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import {
  centreDecimals,
  decodeLink,
  encodeLink,
  LINK_VERSION,
  MAX_FRAGMENT,
  wrapLongitude,
} from "../../geo/static/src/linkstate.js";

/** @typedef {import("../../geo/static/src/linkstate.js").Known} Known */

/** @type {Known} */
const KNOWN = {
  layers: [
    { id: "corridors/cpec", count: 1 },
    { id: "rail/routes", count: 31 },
    { id: "maritime/ports", count: 47 },
    { id: "odd, id&=#%", count: 2 },
  ],
  statuses: ["operating", "under-construction", "suspended", "historic", "unknown"],
  basemaps: 4,
};

describe("a link written and read back", () => {
  it("keeps every field", () => {
    /** @type {import("../../geo/static/src/linkstate.js").LinkState} */
    const link = {
      center: [39.4701, 75.9898],
      zoom: 7.3,
      off: ["rail/routes"],
      hidden: ["historic", "unknown"],
      selected: { id: "corridors/cpec", i: 0 },
      basemap: 2,
      year: 2018,
    };
    const text = encodeLink(link, KNOWN);
    assert.equal(
      text,
      "v=1&c=39.4701,75.9898&z=7.3&off=rail/routes&hide=historic,unknown" +
        "&sel=corridors/cpec:0&base=2&year=2018",
    );
    assert.deepEqual(decodeLink(text, KNOWN), link);
    assert.deepEqual(decodeLink(`#${text}`, KNOWN), link);
  });

  it("leaves out the fields at their default", () => {
    assert.equal(encodeLink({ off: [], hidden: [], basemap: 0 }, KNOWN), "v=1");
    assert.deepEqual(decodeLink("v=1", KNOWN), {});
  });

  it("writes the layers on where that is shorter than those off", () => {
    const off = ["corridors/cpec", "maritime/ports", "odd, id&=#%"];
    const text = encodeLink({ off }, KNOWN);
    assert.equal(text, "v=1&on=rail/routes");
    assert.deepEqual(decodeLink(text, KNOWN), { off });
    const none = KNOWN.layers.map((l) => l.id);
    assert.equal(encodeLink({ off: none }, KNOWN), "v=1&on=");
    assert.deepEqual(decodeLink("v=1&on=", KNOWN), { off: none });
  });

  it("encodes an id that holds the fragment's separators", () => {
    const text = encodeLink({ off: ["odd, id&=#%"], selected: { id: "odd, id&=#%", i: 1 } }, KNOWN);
    assert.equal(text, "v=1&off=odd%2C%20id%26%3D%23%25&sel=odd%2C%20id%26%3D%23%25:1");
    assert.deepEqual(decodeLink(text, KNOWN), {
      off: ["odd, id&=#%"],
      selected: { id: "odd, id&=#%", i: 1 },
    });
  });

  it("rounds the centre to 4 decimals, 5 from zoom 9, and wraps its longitude", () => {
    assert.equal(centreDecimals(8.9), 4);
    assert.equal(centreDecimals(9), 5);
    assert.equal(
      encodeLink({ center: [39.123456, 75.987654], zoom: 5 }, KNOWN),
      "v=1&c=39.1235,75.9877&z=5",
    );
    assert.equal(
      encodeLink({ center: [39.123456, 75.987654], zoom: 11.25 }, KNOWN),
      "v=1&c=39.12346,75.98765&z=11.25",
    );
    assert.equal(encodeLink({ center: [-0.00001, 435.5], zoom: 3 }, KNOWN), "v=1&c=0,75.5&z=3");
    assert.equal(wrapLongitude(-190), 170);
    assert.equal(wrapLongitude(180), 180);
    assert.equal(wrapLongitude(540), 180);
  });

  it("lists layers and statuses in the map's order, each once", () => {
    assert.deepEqual(decodeLink("v=1&off=maritime/ports,corridors/cpec,maritime/ports", KNOWN), {
      off: ["corridors/cpec", "maritime/ports"],
    });
    assert.deepEqual(decodeLink("v=1&hide=unknown,operating", KNOWN), {
      hidden: ["operating", "unknown"],
    });
  });
});

describe("a fragment ignored whole", () => {
  for (const [why, text] of [
    ["empty", ""],
    ["only a hash", "#"],
    ["no version", "c=39,75&z=7"],
    ["another version", "v=2&c=39,75&z=7"],
    ["a version that is not a number", "v=one&z=7"],
    ["version 1 written otherwise", "v=01&z=7"],
    ["not this format", "section-2"],
    ["too long", `v=1&z=7&x=${"a".repeat(MAX_FRAGMENT)}`],
  ]) {
    it(why, () => assert.equal(decodeLink(text, KNOWN), null));
  }
  it("the version is the one written", () => assert.equal(LINK_VERSION, 1));
});

describe("a field ignored alone", () => {
  /** @type {[string, string][]} */
  const cases = [
    ["c=1e400,75", "an exponent"],
    ["c=NaN,75", "not a number"],
    ["c=Infinity,75", "an infinity"],
    ["c=0x10,75", "hexadecimal"],
    ["c= 39,75", "a space"],
    ["c=39,75,3", "three numbers"],
    ["c=39", "one number"],
    ["c=91,75", "a latitude past the pole"],
    ["c=39,181", "a longitude past 180"],
    ["c=39.1.2,75", "two points"],
    ["z=-1", "a negative zoom"],
    ["z=31", "a zoom too deep"],
    ["z=", "an empty zoom"],
    ["off=nowhere,%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E", "unknown layers"],
    ["off=%E0%A4%A", "a broken escape"],
    ["hide=closed,<script>alert(1)</script>", "unknown statuses"],
    ["sel=rail/routes:31", "an index past the layer's features"],
    ["sel=rail/routes:-1", "a negative index"],
    ["sel=rail/routes:1.5", "a fractional index"],
    ["sel=rail/routes", "no index"],
    ["sel=nowhere:0", "an unknown layer"],
    ["sel=%ZZ:0", "a broken escape in the id"],
    ["year=99999", "a year of five digits"],
    ["year=-2018", "a negative year"],
    ["year=2018.5", "a fractional year"],
  ];
  for (const [field, why] of cases) {
    it(why, () => {
      const link = decodeLink(`v=1&${field}&base=1`, KNOWN);
      assert.ok(link);
      const fieldsRead = Object.keys(link).filter((k) => k !== "off" && k !== "hidden");
      assert.deepEqual(fieldsRead, ["basemap"], field);
      assert.equal(link.basemap, 1);
      assert.deepEqual(link.off ?? [], []);
      assert.deepEqual(link.hidden ?? [], []);
    });
  }

  it("a base map past the last, or negative", () => {
    assert.deepEqual(decodeLink("v=1&base=4&z=7", KNOWN), { zoom: 7 });
    assert.deepEqual(decodeLink("v=1&base=-1&z=7", KNOWN), { zoom: 7 });
    assert.deepEqual(decodeLink("v=1&base=3&z=7", KNOWN), { zoom: 7, basemap: 3 });
  });

  it("keeps the valid ids of a list with broken ones", () => {
    assert.deepEqual(decodeLink("v=1&off=%E0%A4%A,corridors/cpec,nowhere", KNOWN), {
      off: ["corridors/cpec"],
    });
  });

  it("takes a key's first value, and neither of on and off given both", () => {
    assert.deepEqual(decodeLink("v=1&z=4&z=8", KNOWN), { zoom: 4 });
    assert.deepEqual(decodeLink("v=1&on=rail/routes&off=rail/routes", KNOWN), {});
  });

  it("reads a year within the map's years", () => {
    const years = { ...KNOWN, years: /** @type {[number, number]} */ ([2011, 2025]) };
    assert.deepEqual(decodeLink("v=1&year=2013", years), { year: 2013 });
    assert.deepEqual(decodeLink("v=1&year=2010", years), {});
  });

  it("ignores unknown fields", () => {
    assert.deepEqual(decodeLink("v=1&future=1&z=3&=x&novalue", KNOWN), { zoom: 3 });
  });
});

describe("any text", () => {
  it("reads without throwing", () => {
    const alphabet = [
      "v=1",
      "&",
      "=",
      ",",
      ":",
      "%",
      "%E0",
      "#",
      "c",
      "z",
      "off",
      "sel",
      "-",
      ".",
      "1",
      "9",
      "e",
      "\u0000",
      "\ud800",
      "<",
      "rail/routes",
      " ",
      "hide",
      "base",
      "year",
    ];
    let seed = 22;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    for (let n = 0; n < 2000; n++) {
      let text = "";
      const len = next() % 40;
      for (let k = 0; k < len; k++) text += alphabet[next() % alphabet.length];
      const link = decodeLink(text, KNOWN);
      assert.ok(link === null || typeof link === "object", text);
    }
  });
});
