// The fixtures the Python side wrote (tests/make_js_fixtures.py), read once.
import { readFileSync } from "node:fs";

/** @type {any} */
export const FIXTURES = JSON.parse(
  readFileSync(new URL("./fixtures/encoding.json", import.meta.url), "utf8"),
);
