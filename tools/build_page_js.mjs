// Bundle the map page's script: geo/static/src (ES modules) into geo/static/bri_map.js,
// the one file the page inlines (committed, so that users need no Node). `npm run build`
// runs this; `npm run build -- OUT` writes OUT instead (tests/test_js.py compares the
// two byte for byte). Leaflet (`L`) and GeographicLib (`geodesic`) are not bundled:
// they are globals the page carries already.
import { build } from "esbuild";

const out = process.argv[2] ?? "geo/static/bri_map.js";

await build({
  entryPoints: ["geo/static/src/main.js"],
  bundle: true,
  format: "iife",
  globalName: "BriCorridors",
  target: "es2020",
  minify: true, // the readable script is geo/static/src; this is what the page carries
  charset: "utf8",
  legalComments: "none",
  banner: {
    js: "/* bri-corridors map page: built from geo/static/src by `npm run build` (esbuild); do not edit. */",
  },
  outfile: out,
  logLevel: "warning",
});
