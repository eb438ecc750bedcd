"""Classed styles on the web map: 10,000 points coloured and sized by a property against
10,000 plain points of one layer, each page drawn in headless Chromium, side by side in
one run (issue 23: classed points draw within 1.2x the time of plain ones).

Both pages come from the same random points (seed); the classed layer's style is
``color-by`` and ``size-by`` a lognormal ``value`` (quantiles, 5 classes); the plain
layer is drawn as the map draws any 10,000 points of one look (in clusters). Time to
drawn: from navigation to the first animation frame after the page's script has built
the map (``briState`` set), read from ``performance.now()`` in the page; round-robin
rounds, best of each. Prints both times, the ratio, the target and PASS/FAIL.

    python benchmarks/bench_classes.py [--n 10000] [--repeat 5] [--seed 20240601]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import _common  # the repository on sys.path; environment()

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu"]
VIEWPORT = {"width": 1400, "height": 900}
#: Classed points must be drawn within this many times the plain points' time.
TARGET_RATIO = 1.2
DRAWN = """() => new Promise((done) => requestAnimationFrame(() =>
  requestAnimationFrame(() => done(performance.now()))))"""


def write_layer(path: Path, n: int, seed: int, classed: bool) -> None:
    import numpy as np

    rng = np.random.default_rng(seed)
    lon, lat = rng.uniform(20, 130, n), rng.uniform(10, 60, n)
    value = rng.lognormal(10, 2, n)
    features = [
        {
            "type": "Feature",
            "properties": {"name": f"P{i}", "value": round(float(v), 1)},
            "geometry": {"type": "Point", "coordinates": [round(x, 5), round(y, 5)]},
        }
        for i, (x, y, v) in enumerate(zip(lon.tolist(), lat.tolist(), value.tolist(), strict=True))
    ]
    doc = {"type": "FeatureCollection", "name": "Points", "category": "other"}
    if classed:
        doc["style"] = {"color-by": "value", "size-by": "value"}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({**doc, "features": features}), encoding="utf-8")


def build(folder: Path, out: Path) -> Path:
    import geo
    from geo import render

    return render.save_map(geo.build_map(directory=folder), out)


def drawn_ms(browser, page_path: Path) -> float:
    page = browser.new_page()
    try:
        page.route(
            "**/*",
            lambda r: r.continue_() if r.request.url.startswith("file://") else r.abort(),
        )
        page.goto(page_path.resolve().as_uri(), wait_until="commit")
        page.wait_for_function("window.briState !== undefined", timeout=120_000, polling=20)
        return float(page.evaluate(DRAWN))
    finally:
        page.close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--seed", type=int, default=20240601)
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        pages = {}
        for name, classed in (("plain", False), ("classed", True)):
            folder = Path(tmp) / name
            write_layer(folder / "points.geojson", args.n, args.seed, classed)
            t0 = time.perf_counter()
            pages[name] = build(folder, Path(tmp) / f"{name}.html")
            print(f"built {name}: {time.perf_counter() - t0:.2f} s", file=sys.stderr)
        best = {name: float("inf") for name in pages}
        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
            )
            try:
                for _ in range(args.repeat):
                    for name, path in pages.items():
                        ctx = browser.new_context(viewport=VIEWPORT)
                        try:
                            best[name] = min(best[name], drawn_ms(ctx, path))
                        finally:
                            ctx.close()
            finally:
                browser.close()
    ratio = best["classed"] / best["plain"]
    ok = ratio <= TARGET_RATIO
    print(_common.environment())
    print(f"{args.n:,} points, best of {args.repeat} (ms to drawn):")
    print(f"  plain   {best['plain']:8.0f}")
    print(f"  classed {best['classed']:8.0f}")
    print(f"  ratio   {ratio:8.2f}  target <= {TARGET_RATIO}  {'PASS' if ok else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
