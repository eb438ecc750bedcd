"""Reading a big layer: geo.load_layer (parse + validate + build) beside geopandas.read_file.

geopandas.read_file (pyogrio, GDAL's GeoJSON driver in C) validates nothing of the layer
format; geo.load_layer checks every feature and position. This prints them side by side in
one run (round-robin rounds: each candidate once a round), for synthetic layers written to
a temporary folder:

* lines-10k / lines-100k: 10,000 and 100,000 random-walk lines of 50 vertices across
  Eurasia (bench_map.py's data: name, kind, count, value, source);
* points-200k: 200,000 points.

Candidates: ``geo.load_layer``, ``geopandas.read_file`` (pyogrio) and
``geopandas.read_file(..., use_arrow=True)``. Each is timed by wall clock and by the
process's CPU time (``time.process_time``: on a shared machine, waiting for a core is not
counted). Target (issue 27): load_layer at most 1.1x read_file with Arrow on both line
layers, judged on the median CPU time. Check: the same geometries.

    python benchmarks/bench_load.py [--cases lines-10k,lines-100k,points-200k] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import _common
import geopandas as gpd
import numpy as np
import shapely

import geo

TARGET = 1.1


def write_lines(path: Path, n: int, seed: int = 20240601) -> None:
    from bench_map import make_frame

    frame = make_frame("lines", n, seed)
    coords = shapely.get_coordinates(frame.geometry.to_numpy()).reshape(n, -1, 2).tolist()
    features = [
        {
            "type": "Feature",
            "properties": {
                "name": name,
                "kind": kind,
                "count": int(count),
                "value": value,
                "source": "synthetic",
            },
            "geometry": {"type": "LineString", "coordinates": xy},
        }
        for name, kind, count, value, xy in zip(
            frame["name"], frame["kind"], frame["count"], frame["value"], coords, strict=True
        )
    ]
    doc = {"type": "FeatureCollection", "name": f"{n} lines", "category": "other",
           "features": features}  # fmt: skip
    path.write_text(json.dumps(doc), encoding="utf-8")


def write_points(path: Path, n: int, seed: int = 20240601) -> None:
    rng = np.random.default_rng(seed)
    xy = np.round(np.c_[rng.uniform(-180, 180, n), rng.uniform(-90, 90, n)], 5)
    features = [
        {
            "type": "Feature",
            "properties": {"name": f"p{i}", "source": "synthetic"},
            "geometry": {"type": "Point", "coordinates": p},
        }
        for i, p in enumerate(xy.tolist())
    ]
    doc = {"type": "FeatureCollection", "name": "points", "category": "port", "features": features}
    path.write_text(json.dumps(doc), encoding="utf-8")


CASES = {
    "lines-10k": lambda p: write_lines(p, 10_000),
    "lines-100k": lambda p: write_lines(p, 100_000),
    "points-200k": lambda p: write_points(p, 200_000),
}
CANDIDATES = {
    "load_layer": geo.load_layer,
    "read_file": gpd.read_file,
    "read_file arrow": lambda p: gpd.read_file(p, use_arrow=True),
}


def timed(fn, path) -> tuple[float, float]:
    w, c = time.perf_counter(), time.process_time()
    fn(path)
    return time.perf_counter() - w, time.process_time() - c


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", default=",".join(CASES))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(_common.environment())
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        for case in args.cases.split(","):
            path = Path(tmp) / f"{case}.geojson"
            CASES[case](path)
            layer, frame = geo.load_layer(path), gpd.read_file(path, use_arrow=True)
            assert layer.frame.geometry.geom_equals_exact(frame.geometry, 0).all()
            del layer, frame
            times: dict[str, list[tuple[float, float]]] = {name: [] for name in CANDIDATES}
            for _ in range(args.repeat):
                for name, fn in CANDIDATES.items():
                    times[name].append(timed(fn, path))
            base = statistics.median(c for _, c in times["read_file arrow"])
            size = path.stat().st_size / 1e6
            print(f"== {case} ({size:.1f} MB), {args.repeat} rounds")
            rows = []
            for name, runs in times.items():
                cpu = statistics.median(c for _, c in runs)
                walls = " ".join(f"{w:.2f}" for w, _ in runs)
                cpus = " ".join(f"{c:.2f}" for _, c in runs)
                rows.append((name, walls, cpus, f"{cpu / base:.2f}x"))
            _common.print_table(rows, ("candidate", "wall s", "CPU s", "x arrow (median CPU)"))
            if case.startswith("lines"):
                ratio = statistics.median(c for _, c in times["load_layer"]) / base
                ok &= ratio <= TARGET
                verdict = "PASS" if ratio <= TARGET else "FAIL"
                print(f"load_layer <= {TARGET}x read_file with Arrow: {ratio:.2f}x  {verdict}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
