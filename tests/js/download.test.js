// The downloads: CSV cells made as geo/_text.py's csv_cell makes them (the same cases,
// from tests/make_js_fixtures.py), GeoJSON geometries as the Python reference decoder reads
// the spec, and the two files.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { decodeGeometries } from "../../geo/static/src/decode.js";
import {
  csvCell,
  csvField,
  csvText,
  featureCollection,
  geojsonGeometry,
  printable,
} from "../../geo/static/src/download.js";
import { FIXTURES } from "./fixtures.js";

/** @typedef {import("../../geo/static/src/spec.js").LayerSpec} LayerSpec */

describe("a CSV cell", () => {
  for (const { value, cell } of FIXTURES.csv_cells) {
    it(`of ${JSON.stringify(value)} is as Python's csv_cell makes it`, () => {
      assert.deepEqual(csvCell(value), cell);
    });
  }

  it("escapes a lone surrogate but keeps a pair", () => {
    assert.equal(printable("\ud83d\ude86 \ud83d"), "\ud83d\ude86 \\ud83d");
  });

  it("is quoted where it holds a comma or a quote, as Python's csv writes it", () => {
    assert.equal(csvField('Kashgar, "Kashi"'), '"Kashgar, ""Kashi"""');
    assert.equal(csvField("=1,2"), '"\'=1,2"');
    assert.equal(csvField(3721.123), "3721.123");
    assert.equal(csvField(null), "");
    assert.equal(csvField(["CHN", "PAK"]), '"[""CHN"",""PAK""]"');
  });
});

describe("a GeoJSON geometry", () => {
  for (const { name, spec, expected } of FIXTURES.geometries) {
    it(`of ${name} is what the Python decoder reads`, () => {
      const { shapes, lng, lat } = decodeGeometries(spec);
      const got = shapes.map((s) => geojsonGeometry(s, lng, lat));
      assert.deepEqual(got, expected);
    });
  }
});

/**
 * A layer of three lines (the fixture's lane geometry, twice, and none), with years on
 * the first.
 * @param {string} id
 * @returns {LayerSpec}
 */
function layer(id) {
  const fixture = FIXTURES.geometries.find((/** @type {any} */ g) => g.name.startsWith("none at"));
  return /** @type {LayerSpec} */ (
    /** @type {unknown} */ ({
      id,
      lengths_km: [null, null, 157.2],
      status: [null, null, "operating"],
      properties: {
        columns: ["name", "start_year", "source", "status"],
        values: [
          ["=cmd|' /C calc'!A0", "Kashgar, Kashi", "<b>Gwadar</b>"],
          [2013, null, 2016],
          ["http://x", null, "-page"],
          [null, null, "active"],
        ],
      },
      geometry: fixture.spec,
    })
  );
}

describe("the features shown", () => {
  const shown = [{ spec: layer("test/lines"), indices: [0, 2] }];

  it("as GeoJSON: each feature's geometry and properties, plus its layer", () => {
    const doc = /** @type {any} */ (featureCollection(shown));
    assert.equal(doc.type, "FeatureCollection");
    assert.equal(doc.features.length, 2);
    assert.equal(doc.features[0].geometry, null);
    assert.deepEqual(doc.features[0].properties, {
      name: "=cmd|' /C calc'!A0",
      start_year: 2013,
      source: "http://x",
      layer: "test/lines",
    });
    assert.deepEqual(doc.features[1].geometry, {
      type: "LineString",
      coordinates: [
        [1, 1],
        [2, 2],
      ],
    });
    assert.equal(doc.features[1].properties.name, "<b>Gwadar</b>");
  });

  it("as CSV: a row a feature, its cells safe", () => {
    assert.equal(
      csvText(shown),
      "name,layer,length_km,status,start_year,source\r\n" +
        "'=cmd|' /C calc'!A0,test/lines,,,2013,http://x\r\n" +
        "<b>Gwadar</b>,test/lines,157.2,operating,2016,'-page\r\n",
    );
  });

  it("as CSV with each feature's status as drawn in the year shown", () => {
    const text = csvText([
      { spec: layer("test/lines"), indices: [0, 2], statuses: ["operating", "under-construction"] },
    ]);
    assert.deepEqual(
      text.split("\r\n").map((row) => row.split(",")[3]),
      ["status", "operating", "under-construction", undefined],
    );
  });

  it("as CSV without years where no feature shown has them", () => {
    const text = csvText([{ spec: layer("test/lines"), indices: [1] }]);
    assert.equal(text, 'name,layer,length_km,status,source\r\n"Kashgar, Kashi",test/lines,,,\r\n');
  });
});
