// What a feature's popup and tooltip say (the content model, without a DOM).
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import {
  countryText,
  figureItems,
  kindLine,
  pickContent,
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
    "rail-route": {"title": "Rail route", "group": "Rail", "units": ["km"],
                   "noun": ["service", "services"]},
    "sea-lane": {"title": "Sea lane", "group": "Sea lanes", "units": ["km", "nmi"]},
    "port": {"title": "Port", "group": "Ports", "units": ["km"], "noun": ["port", "ports"]}
  },
  "units": {"m": 1, "km": 1000, "mi": 1609.344, "nmi": 1852},
  "symbols": {"circle": {"circle": true}},
  "popup": {
    "labels": {"origin": "From", "destination": "To", "operator": "Operator", "role": "Role",
               "countries": "Countries", "status": "Status", "status_source": "Status source"},
    "hidden": ["name", "description", "source", "figures", "published_length_km",
               "published_length_source", "published_length_year"],
    "countries": ["countries", "country"],
    "identifiers": ["geonameid"],
    "folded": {"via": 4}
  },
  "status": {"grey": "#8c8c8c", "sample": "#444444", "statuses": [
    {"key": "operating", "label": "Operating", "note": "", "dash": "", "opacity": 1,
     "weight": 1, "greyed": 0, "hollow": false}]},
  "countries": {"CHN": "China", "KAZ": "Kazakhstan", "PAK": "Pakistan", "UZB": "Uzbekistan"}
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
      ["via", "Alashankou (crossing assumed) – Dostyk (2 places)"],
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

  it("lists the feature's figures, not the layer's (they are in the figures panel)", () => {
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
    ]);
    const port = layer({ name: "Gwadar" }, { figures: spec.figures });
    assert.deepEqual(popupContent(port, 0, 0, TABLES).figures, []);
    assert.deepEqual(c.sources, [{ label: "Layer source: ", text: "Layer https://example.org/l" }]);
  });
});

describe("plain popups", () => {
  it("names countries in words, in crossing order, each once; a code not known as it is", () => {
    const spec = layer({ name: "C", countries: ["CHN", "KAZ", "UZB", "KAZ", "CHN", "XYZ"] });
    assert.deepEqual(labelled(popupContent(spec, 0, 1, TABLES).rows), [
      ["Countries", "China – Kazakhstan – Uzbekistan – XYZ"],
    ]);
    assert.equal(countryText("PAK", TABLES), "Pakistan");
    assert.equal(countryText([], TABLES), null);
  });
  it("shows identifiers as they are, quantities with their commas", () => {
    const spec = layer({ name: "Lanzhou", geonameid: 1804430, osm_id: 123456, pop: 1804430 });
    assert.deepEqual(labelled(popupContent(spec, 0, 0, TABLES).rows), [
      ["geonameid", "1804430"],
      ["osm_id", "123456"],
      ["pop", "1,804,430"],
    ]);
  });
  it("gives a status in the vocabulary's words and keeps its source's links", () => {
    const spec = layer(
      { name: "R", status: "active", status_source: "Xinhua https://example.org/x" },
      { status: ["operating"] },
    );
    const rows = popupContent(spec, 0, 1, TABLES).rows;
    assert.deepEqual(labelled(rows), [
      ["Status", "Operating"],
      ["Status source", "Xinhua https://example.org/x"],
    ]);
  });
  it("folds a list of places longer than the spec's limit", () => {
    const via = ["Chongqing", "Xi'an", "Lanzhou", "Ürümqi", "Dostyk"].map((name) => ({ name }));
    const [row] = popupContent(layer({ name: "R", via }), 0, 1, TABLES).rows;
    assert.equal(row.text, "Chongqing – … – Dostyk (5 places)");
    assert.deepEqual(row.items, ["Chongqing", "Xi'an", "Lanzhou", "Ürümqi", "Dostyk"]);
    const [short] = popupContent(layer({ name: "R", via: via.slice(0, 4) }), 0, 1, TABLES).rows;
    assert.equal(short.items, undefined);
  });
  it("does not repeat the title under it", () => {
    assert.equal(
      kindLine(
        "Economic corridor",
        "China–Pakistan Economic Corridor",
        "China–Pakistan Economic Corridor",
      ),
      "Economic corridor",
    );
    assert.equal(
      kindLine("Port", "21st-Century Maritime Silk Road – ports", "Gwadar"),
      "21st-Century Maritime Silk Road – ports",
    );
    assert.equal(
      kindLine("Rail route", "Train services", "Wuhan–Lyon"),
      "Rail route · Train services",
    );
  });
});

describe("pickContent", () => {
  /** @type {Record<string, LayerSpec>} */
  const specs = {
    r: layer({}, { id: "r", pairs: [["name", "A"]] }),
  };
  specs.r.properties = { columns: ["name"], values: [["Wuhan–Lyon", "Yiwu–Madrid"]] };
  specs.p = layer({ name: "Dostyk" }, { id: "p", category: "port", title: "Ports" });
  it("lists every feature under the click, by name and layer", () => {
    const c = pickContent(
      [
        { id: "r", i: 0 },
        { id: "r", i: 1 },
        { id: "p", i: 0 },
      ],
      (id) => specs[id],
      TABLES,
    );
    assert.equal(c.title, "3 features here: choose one");
    assert.deepEqual(
      c.items.map((x) => [x.name, x.layer, x.id, x.i]),
      [
        ["Wuhan–Lyon", "Train services", "r", 0],
        ["Yiwu–Madrid", "Train services", "r", 1],
        ["Dostyk", "Ports", "p", 0],
      ],
    );
  });
  it("counts in the layer's words where one layer has them all", () => {
    const c = pickContent(
      [
        { id: "r", i: 0 },
        { id: "r", i: 1 },
      ],
      (id) => specs[id],
      TABLES,
    );
    assert.equal(c.title, "2 services here: choose one");
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
