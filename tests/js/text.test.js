import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { groupTitles } from "../../geo/static/src/text.js";

describe("groupTitles", () => {
  it("drops the beginning a group's titles share, up to a colon or a dash", () => {
    assert.deepEqual(
      groupTitles([
        "China–Europe Railway Express: train services",
        "China–Europe Railway Express: terminals and crossings",
      ]),
      ["Train services", "Terminals and crossings"],
    );
    assert.deepEqual(groupTitles(["Silk Road – ports", "Silk Road – lanes"]), ["Ports", "Lanes"]);
  });
  it("keeps titles that share no such beginning, or only part of a word", () => {
    const ports = ["21st-Century Maritime Silk Road – ports", "Flagship ports"];
    assert.deepEqual(groupTitles(ports), ports);
    const alike = ["China–Pakistan Economic Corridor", "China–Myanmar Economic Corridor"];
    assert.deepEqual(groupTitles(alike), alike);
  });
  it("keeps a lone title, and a title that is all the shared beginning", () => {
    assert.deepEqual(groupTitles(["A: b"]), ["A: b"]);
    assert.deepEqual(groupTitles(["A: ", "A: b"]), ["A: ", "A: b"]);
  });
});
