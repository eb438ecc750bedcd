"""Reading a file from elsewhere: ``geo.read_foreign`` against GDAL read as an analyst would.

Each candidate runs in a fresh Python process (so that its peak memory is its own), in
round-robin rounds; the best wall time of the read and the peak resident memory after
the imports are kept.

Cases (made in a temporary folder, fixed seed):

- ``wide``: a CSV of 1 row and 400 columns (725 KB), the case where asking GDAL for up to
  ``max_features`` rows reserved that many rows per column;
- ``points-csv``, ``points-shp``, ``points-geojson``: 100,000 points with a name and two
  numbers, as CSV, Shapefile and GeoJSON.

Candidates:

- ``read_foreign``: ``geo.read_foreign(path)`` (recognise, stage, count, read, fix names,
  validate the layer document);
- ``read_file``: ``geopandas.read_file(path)`` (pyogrio), the analyst's one line;
- ``before``: ``pyogrio.read_dataframe(path, max_features=5_000_001)``, the call the
  importer made before issue 18 (wide case only).

Targets: on ``wide``, read_foreign takes at most 1/5 of ``before``'s memory above the
imports and at most 1/5 of its time; on the 100,000-point cases read_foreign takes at most
8x read_file's time: it does more (names, the layer document, and its validation, which
takes about half of its time).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
from _common import ROOT, environment, print_table

SCRIPT = """
import json, resource, sys, time
import geopandas, pyogrio
import geo
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
how, path = sys.argv[1], sys.argv[2]
t0 = time.perf_counter()
if how == "read_foreign":
    n = len(geo.read_foreign(path).document["features"])
elif how == "read_file":
    n = len(geopandas.read_file(path))
else:
    n = len(pyogrio.read_dataframe(path, max_features=5_000_001))
seconds = time.perf_counter() - t0
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": seconds, "extra_mib": (peak - before) / 1024, "n": n}))
"""


def make_cases(folder: Path, seed: int) -> dict[str, Path]:
    import geopandas as gpd
    import shapely

    rng = np.random.default_rng(seed)
    wide = folder / "wide.csv"
    header = ["lon", "lat"] + [f"column_{i:03d}" for i in range(400)]
    row = ["62.33", "25.12"] + [f"value {i} " + "x" * 1700 for i in range(400)]
    wide.write_text(",".join(header) + "\n" + ",".join(row) + "\n", encoding="utf-8")
    n = 100_000
    lon, lat = rng.uniform(-180, 180, n), rng.uniform(-80, 80, n)
    frame = gpd.GeoDataFrame(
        {"name": [f"p{i}" for i in range(n)], "a": rng.integers(0, 1000, n), "b": rng.random(n)},
        geometry=shapely.points(lon, lat),
        crs=4326,
    )
    cases = {"wide": wide}
    cases["points-csv"] = folder / "points.csv"
    frame.assign(lon=lon, lat=lat).drop(columns="geometry").to_csv(cases["points-csv"], index=False)
    cases["points-shp"] = folder / "points.shp"
    frame.to_file(cases["points-shp"])
    cases["points-geojson"] = folder / "points.geojson"
    frame.to_file(cases["points-geojson"])
    return cases


def run_one(how: str, path: Path) -> dict:
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT, how, str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=20261207)
    args = parser.parse_args()
    print(environment())
    ok = True
    with tempfile.TemporaryDirectory() as scratch:
        cases = make_cases(Path(scratch), args.seed)
        rows = []
        for case, path in cases.items():
            hows = ["read_foreign", "read_file"] + (["before"] if case == "wide" else [])
            best: dict[str, dict] = {}
            for _ in range(args.repeat):
                for how in hows:
                    got = run_one(how, path)
                    old = best.get(how)
                    best[how] = {
                        "seconds": min(got["seconds"], old["seconds"]) if old else got["seconds"],
                        "extra_mib": max(got["extra_mib"], old["extra_mib"])
                        if old
                        else got["extra_mib"],
                        "n": got["n"],
                    }
            counts = {b["n"] for b in best.values()}
            ok &= len(counts) == 1
            base = best["before" if case == "wide" else "read_file"]
            for how in hows:
                b = best[how]
                rows.append(
                    (
                        case,
                        how,
                        f"{b['seconds']:.3f}",
                        f"{b['extra_mib']:.1f}",
                        f"{b['seconds'] / base['seconds']:.2f}",
                        f"{b['n']:,}",
                    )
                )
            ours = best["read_foreign"]
            if case == "wide":
                target = (
                    ours["extra_mib"] <= base["extra_mib"] / 5
                    and ours["seconds"] <= base["seconds"] / 5
                )
                what = "wide: read_foreign <= 1/5 of before's memory and time"
            else:
                target = ours["seconds"] <= 8 * base["seconds"]
                what = f"{case}: read_foreign <= 8x read_file's time"
            print(f"{'PASS' if target else 'FAIL'}  {what}")
            ok &= target
    print()
    print_table(rows, ("case", "candidate", "best s", "peak MiB over imports", "x base", "rows"))
    print("\nbase: 'before' for wide, 'read_file' for the others")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
