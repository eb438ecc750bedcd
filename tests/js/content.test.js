// What a feature's popup and tooltip say (the content model, without a DOM).
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import {
  figureItems,
  popupContent,
  propertiesOf,
  tooltipContent,
} from "../../geo/static/src/content.js";
import { checkedSpec, SPEC_VERSION, tablesOf } from "../../geo/static/src/spec.js";

/** @typedef {import("../../geo/static/src/spec.js").LayerSpec} LayerSpec */

/** The parts of a map spec the content reads, as JSON brings them. */
const CONFIG = JSON.parse(`{
  "version": ${SPEC_VERSION},
  "categories": {
    "rail-route": {"title": "Rail route", "group": "Rail", "units": ["km"]},
    "sea-lane": {"title": "Sea lane", "group": "Sea lanes", "units": ["km", "nmi"]},
    "port": {"title": "Port", "group": "Ports", "units": ["km"]}
  },
  "units": {"m": 1, "km": 1000, "mi": 1609.344, "nmi": 1852},
  "symbols": {"circle": {"circle": true}},
  "popup": {
    "labels": {"origin": "From", "destination": "To", "operator": "Operator", "role": "Role"},
    "hidden": ["name", "description", "source", "figures", "published_length_km",
               "published_length_source", "published_length_year"]
  }
}`);
const TABLES = tablesOf(checkedSpec(CONFIG));

/**
 * A layer of one feature with these properties.
 * @param {Record<string, unknown>} props  (a Map-like list of pairs keeps "__proto__")
 * @param {Partial<LayerSpec> & {pairs?: [string, unknown][]}} [more]
 * @returns {LayerSpec}
 */
function layer(props, more = {}) {
  const pairs = more.pairs ?? Object.entries(props);
  return /** @type {LayerSpec} */ ({
    id: "rail/routes",
    title: "Train services",
    category: "rail-route",
    source: "",
    figures: [],
    lengths_km: [null],
    properties: { columns: pairs.map((p) => p[0]), values: pairs.map((p) => [p[1]]) },
    ...more,
  });
}

/** @param {import("../../geo/static/src/content.js").PopupRow[]} rows */
const labelled = (rows) => rows.map((r) => [r.label, r.text]);

describe("propertiesOf", () => {
  it("keeps the values set, in column order", () => {
    const p = propertiesOf(layer({ name: "A", z: 1, gone: null, a: "x" }), 0);
    assert.deepEqual(
      [...p],
      [
        ["name", "A"],
        ["z", 1],
        ["a", "x"],
      ],
    );
  });
});

describe("popupContent", () => {
  it("gives the length, the published length with its source and share, then the properties", () => {
    const spec = layer(
      {
        name: "Wuhan–Lyon",
        description: "A train.",
        published_length_km: 11300,
        published_length_year: 2016,
        published_length_source: "Xinhua https://example.org/a",
        zeta: "last",
        destination: "Lyon",
        origin: "Wuhan",
        alpha: 12500,
        _internal: "no",
        empty: "",
        via: [{ name: "Alashankou", assumed: true }, { name: "Dostyk" }],
        source: "https://example.org/b",
      },
      { lengths_km: [11241.4] },
    );
    const c = popupContent(spec, 0, 1, TABLES);
    assert.equal(c.title, "Wuhan–Lyon");
    assert.equal(c.kind, "Rail route · Train services");
    assert.equal(c.description, "A train.");
    assert.deepEqual(labelled(c.rows), [
      ["Length (geodesic)", "11,241 km"],
      ["Published length", "11,300 km (2016)"],
      ["Drawn / published", "99%"],
      ["From", "Wuhan"],
      ["To", "Lyon"],
      ["alpha", "12,500"],
      ["via", "Alashankou (crossing assumed) – Dostyk (2 nodes)"],
      ["zeta", "last"],
    ]);
    assert.equal(c.rows[1].source, "Xinhua https://example.org/a");
    assert.deepEqual(c.sources, [{ label: "Source: ", text: "https://example.org/b" }]);
  });

  it("gives a polygon's perimeter, in its category's units", () => {
    const spec = layer({ name: "Lane" }, { category: "sea-lane", lengths_km: [1852] });
    assert.deepEqual(labelled(popupContent(spec, 0, 1, TABLES).rows), [
      ["Length (geodesic)", "1,852 km · 1,000 nmi"],
    ]);
    assert.deepEqual(labelled(popupContent(spec, 0, 6, TABLES).rows), [
      ["Perimeter (geodesic)", "1,852 km · 1,000 nmi"],
    ]);
  });

  it("shows properties named like Object's own members as rows", () => {
    const spec = layer({
      name: "P",
      constructor: "c",
      toString: "t",
      valueOf: "v",
      hasOwnProperty: "h",
    });
    assert.deepEqual(labelled(popupContent(spec, 0, 0, TABLES).rows), [
      ["constructor", "c"],
      ["hasOwnProperty", "h"],
      ["toString", "t"],
      ["valueOf", "v"],
    ]);
  });

  it("injects no row from a property named __proto__ (hidden, as every _name is)", () => {
    const spec = layer(
      {},
      {
        pairs: [
          ["name", "P"],
          ["__proto__", { operator: "Injected", role: "Injected" }],
        ],
      },
    );
    assert.deepEqual(labelled(popupContent(spec, 0, 0, TABLES).rows), []);
    assert.deepEqual(tooltipContent(spec, 0, TABLES).detail, null); // no role from it either
  });

  it("names a category the spec does not define by its key", () => {
    const spec = layer({ name: "P" }, { category: "constructor" });
    assert.equal(popupContent(spec, 0, 0, TABLES).kind, "constructor · Train services");
  });

  it("lists the feature's figures, then the layer's, and the layer's source first", () => {
    const figure = {
      label: "Trips",
      value: 6363,
      unit: "trips",
      year: 2018,
      note: "+73%",
      source: "S",
    };
    const spec = layer(
      { name: "P", figures: [figure, "not a figure"] },
      {
        figures: [{ label: "Cargo", value: 13_900_000, year: 2018, source: "T" }],
        source: "Layer https://example.org/l",
      },
    );
    const c = popupContent(spec, 0, 0, TABLES);
    assert.deepEqual(c.figures, [
      {
        heading: "Figures",
        items: [{ label: "Trips", value: "6,363 trips", rest: " in 2018 (+73%). ", source: "S" }],
      },
      {
        heading: "Train services: figures",
        items: [{ label: "Cargo", value: "13.9 million", rest: " in 2018. ", source: "T" }],
      },
    ]);
    assert.deepEqual(c.sources, [{ label: "Layer source: ", text: "Layer https://example.org/l" }]);
  });
});

describe("figureItems", () => {
  it("reads a figure's own fields only", () => {
    const f = JSON.parse('{"__proto__": {"label": "Injected", "source": "x"}, "value": "n/a"}');
    assert.deepEqual(figureItems([f]), [{ label: "", value: "n/a", rest: " in . ", source: "" }]);
  });
});

describe("tooltipContent", () => {
  it("gives a line's name and length in its category's units", () => {
    const spec = layer({ name: "Lane" }, { category: "sea-lane", lengths_km: [3704] });
    assert.deepEqual(tooltipContent(spec, 0, TABLES), {
      name: "Lane",
      detail: "3,704 km · 2,000 nmi",
      isLength: true,
    });
  });
  it("gives a point's role, or nothing", () => {
    assert.deepEqual(
      tooltipContent(layer({ name: "Dostyk", role: "border crossing" }), 0, TABLES),
      {
        name: "Dostyk",
        detail: "border crossing",
        isLength: false,
      },
    );
    assert.deepEqual(tooltipContent(layer({ name: "Port" }), 0, TABLES), {
      name: "Port",
      detail: null,
      isLength: false,
    });
  });
});

describe("checkedSpec", () => {
  it("refuses another version", () => {
    const want = new RegExp(`map spec version 2, expected ${SPEC_VERSION}`);
    assert.throws(() => checkedSpec({ version: 2 }), want);
    assert.throws(() => checkedSpec(null), /map spec version null/);
  });
});
