// The page's decoder against what the Python encoder wrote and its reference decoder
// read back (tests/js/fixtures/encoding.json): every shape code, escaped deltas, large
// varints.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import {
  base85Bytes,
  decodeGeometries,
  NONE_CODE,
  packed,
  varints,
} from "../../geo/static/src/decode.js";
import { FIXTURES } from "./fixtures.js";

/**
 * @typedef {import("../../geo/static/src/decode.js").Shape} Shape
 * @typedef {import("../../geo/static/src/decode.js").Decoded} Decoded
 * @typedef {import("../../geo/static/src/decode.js").Run} Run
 */

/** @param {Decoded} d @param {Run} run */
const positions = (d, [start, end]) => {
  const out = [];
  for (let i = start; i < end; i++) out.push([d.lng[i], d.lat[i]]);
  return out;
};

/** @param {[number, number]} p */
const lngLat = ([lat, lng]) => [lng, lat];

/**
 * A decoded shape as GeoJSON (as shapely's mapping writes it), or null.
 * @param {Shape} shape
 * @param {Decoded} d
 * @returns {any}
 */
function geojson(shape, d) {
  const c = shape.coords;
  switch (shape.type) {
    case 0:
      return { type: "Point", coordinates: lngLat(c) };
    case 1:
      return { type: "LineString", coordinates: positions(d, c[0]) };
    case 3:
      return { type: "Polygon", coordinates: c.map((/** @type {any} */ r) => r.map(lngLat)) };
    case 4:
      return { type: "MultiPoint", coordinates: c.map(lngLat) };
    case 5:
      return {
        type: "MultiLineString",
        coordinates: c.map((/** @type {Run} */ r) => positions(d, r)),
      };
    case 6:
      return {
        type: "MultiPolygon",
        coordinates: c.map((/** @type {any} */ p) =>
          p.map((/** @type {any} */ r) => r.map(lngLat)),
        ),
      };
    case 7:
      return {
        type: "GeometryCollection",
        geometries: c.map((/** @type {Shape} */ g) => geojson(g, d)),
      };
    default:
      return null;
  }
}

/** Every ring of a GeoJSON geometry, flat, as areaRuns decodes polygons. @param {any} g */
function rings(g) {
  if (g.type === "Polygon") return g.coordinates;
  if (g.type === "MultiPolygon") return g.coordinates.flat();
  return [];
}

describe("varints", () => {
  for (const c of FIXTURES.varints) {
    it(`decode ${c.signed ? "signed" : "unsigned"} values up to 2^53 exactly`, () => {
      assert.deepEqual(Array.from(varints(c.text, c.signed)), c.values);
    });
  }
  it("refuse text that is not base 85", () => {
    assert.throws(() => base85Bytes("00<00"), /not base-85 text at 2/);
    assert.throws(() => base85Bytes("00é00"), /not base-85 text at 2/);
  });
});

describe("packed integers", () => {
  for (const c of FIXTURES.packed) {
    it(`decode ${c.values.length} values at ${c.spec.bits} bits, escaped ones from the far varints`, () => {
      assert.deepEqual(Array.from(packed(c.spec)), c.values);
    });
  }
  it("include escaped values", () => {
    assert.ok(FIXTURES.packed.some((/** @type {any} */ c) => c.spec.far.length > 0));
  });
});

describe("geometries", () => {
  for (const c of FIXTURES.geometries) {
    it(`decode ${c.name} as the Python reference decoder does`, () => {
      const d = decodeGeometries(c.spec);
      assert.deepEqual(
        d.shapes.map((s) => geojson(s, d)),
        c.expected,
      );
    });
    it(`decode ${c.name} with polygons as runs of rings`, () => {
      const d = decodeGeometries(c.spec, true);
      d.shapes.forEach((s, i) => {
        if (s.type !== 3 && s.type !== 6) return;
        assert.deepEqual(
          s.coords.map((/** @type {Run} */ r) => positions(d, r)),
          rings(c.expected[i]),
        );
      });
    });
  }
  it("cover every shape code, none, and escaped deltas", () => {
    const codes = new Set();
    let escaped = false;
    for (const c of FIXTURES.geometries) {
      for (const s of decodeGeometries(c.spec).shapes) codes.add(s.type);
      escaped ||= c.spec.coords.far.length > 0;
    }
    assert.deepEqual(
      [...codes].sort((a, b) => a - b),
      [0, 1, 3, 4, 5, 6, 7, NONE_CODE],
    );
    assert.ok(escaped);
  });
});
