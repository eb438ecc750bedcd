// The status vocabulary: each status's look as Python computes it for the plot
// (geo.mapspec.status_style, grey_mix, through the fixtures), and the legend's counts.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { checkedSpec, SPEC_VERSION, tablesOf } from "../../geo/static/src/spec.js";
import {
  countWords,
  featureStatus,
  greyMix,
  statusCounts,
  statusStyle,
} from "../../geo/static/src/status.js";
import { FIXTURES } from "./fixtures.js";

/** @typedef {import("../../geo/static/src/spec.js").LayerSpec} LayerSpec */

const VOCABULARY = FIXTURES.status.spec;
const TABLES = tablesOf(
  checkedSpec({
    version: SPEC_VERSION,
    categories: {
      "rail-route": {
        title: "Rail route",
        group: "Rail",
        units: ["km"],
        noun: ["service", "services"],
      },
      port: { title: "Port", group: "Ports", units: ["km"], noun: ["port", "ports"] },
    },
    units: { km: 1000 },
    symbols: {},
    popup: { labels: {}, hidden: [] },
    status: VOCABULARY,
  }),
);

/**
 * A layer whose features have these statuses.
 * @param {string} id
 * @param {string} category
 * @param {(string | null)[] | null} status
 * @returns {LayerSpec}
 */
function layer(id, category, status) {
  const n = status ? status.length : 1;
  return /** @type {LayerSpec} */ ({
    id,
    title: id,
    category,
    count: n,
    status,
    properties: { columns: ["name"], values: [Array.from({ length: n }, (_, i) => `${id} ${i}`)] },
  });
}

describe("the vocabulary the spec carries", () => {
  it("lists the statuses of geo/data/status.toml in the legend's order", () => {
    assert.deepEqual(
      VOCABULARY.statuses.map((/** @type {any} */ s) => s.key),
      ["operating", "under-construction", "planned", "suspended", "historic", "unknown"],
    );
    assert.equal(TABLES.grey, VOCABULARY.grey);
    assert.equal(TABLES.sample, VOCABULARY.sample);
  });
  it("draws every status differently from every other", () => {
    const looks = VOCABULARY.statuses.map((/** @type {any} */ s) =>
      JSON.stringify([s.dash, s.opacity, s.weight, s.greyed, s.hollow]),
    );
    assert.equal(new Set(looks).size, looks.length);
  });
});

describe("greyMix", () => {
  for (const c of FIXTURES.status.grey_mix) {
    it(`mixes ${c.colour} ${c.share} toward ${c.grey} as Python does: ${c.mixed}`, () => {
      assert.equal(greyMix(c.colour, c.share, c.grey), c.mixed);
    });
  }
});

describe("statusStyle", () => {
  for (const c of FIXTURES.status.drawn) {
    it(`draws a ${c.style.color} layer's ${c.status} feature as Python does`, () => {
      const status = TABLES.statuses.get(c.status);
      assert.deepEqual(statusStyle(c.style, status, TABLES.grey), c.drawn);
    });
  }
  it("leaves a feature with no status as its layer draws it", () => {
    const style = FIXTURES.status.drawn[0].style;
    assert.equal(statusStyle(style, null, TABLES.grey), style);
  });
  it("draws an unknown status apart from an operating one", () => {
    const style = FIXTURES.status.drawn[0].style;
    const operating = statusStyle(style, TABLES.statuses.get("operating"), TABLES.grey);
    const unknown = statusStyle(style, TABLES.statuses.get("unknown"), TABLES.grey);
    assert.notDeepEqual(operating, unknown);
    assert.ok(unknown.weight < operating.weight && unknown.opacity < operating.opacity);
  });
});

describe("featureStatus", () => {
  it("reads a feature's status by key, and null for none or a key not defined", () => {
    const spec = layer("r", "rail-route", ["unknown", null, "constructor"]);
    assert.equal(featureStatus(spec, 0, TABLES)?.label, "Not known");
    assert.equal(featureStatus(spec, 1, TABLES), null);
    assert.equal(featureStatus(spec, 2, TABLES), null);
    assert.equal(featureStatus(layer("p", "port", null), 0, TABLES), null);
  });
});

describe("countWords", () => {
  it("counts in the category's words", () => {
    assert.equal(countWords(1, ["service", "services"]), "1 service");
    assert.equal(countWords(31, ["service", "services"]), "31 services");
    assert.equal(countWords(12500, undefined), "12,500 features");
  });
});

describe("statusCounts", () => {
  const routes = layer("routes", "rail-route", ["operating", "unknown", "unknown", null]);
  const ports = layer("ports", "port", ["operating", "under-construction"]);
  it("counts each status present, in the vocabulary's order, in words", () => {
    const counts = statusCounts([routes, ports], TABLES);
    assert.deepEqual(
      counts.map((c) => [c.status.key, c.count, c.words, c.detail]),
      [
        ["operating", 2, "2 features", "1 service, 1 port"],
        ["under-construction", 1, "1 port", "1 port"],
        ["unknown", 2, "2 services", "2 services"],
      ],
    );
  });
  it("counts only the features asked for", () => {
    const counts = statusCounts([routes, ports], TABLES, (_, spec) => spec.id === "ports");
    assert.deepEqual(
      counts.map((c) => c.words),
      ["1 port", "1 port"],
    );
  });
  it("counts each feature in the status it is given (the year shown's)", () => {
    const noStatus = layer("built", "port", null);
    const counts = statusCounts(
      [routes, noStatus],
      TABLES,
      (i, spec) => spec.id === "built" || i < 3,
      (i, spec) =>
        spec.id === "built" ? "under-construction" : i === 0 ? "historic" : "operating",
    );
    assert.deepEqual(
      counts.map((c) => [c.status.key, c.count, c.detail]),
      [
        ["operating", 2, "2 services"],
        ["under-construction", 1, "1 port"],
        ["historic", 1, "1 service"],
      ],
    );
  });
});
