"""Reading a big layer: geo.load_layer (parse + validate + build) beside geopandas.read_file.

geopandas.read_file (pyogrio, GDAL's GeoJSON driver in C) validates nothing of the layer
format; geo.load_layer checks every feature and position, so it costs more. This prints
both, side by side in one run, for two synthetic layers written to a temporary folder:
10,000 lines of 100 vertices (1 million positions) and 200,000 points.

    python benchmarks/bench_load.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

import _common  # noqa: F401  (puts the repository root on sys.path)
import geopandas as gpd
import numpy as np

import geo


def write_layers(folder: Path, seed: int = 20240601) -> dict[str, Path]:
    rng = np.random.default_rng(seed)
    lines = []
    for i in range(10_000):
        steps = rng.uniform(-0.3, 0.3, (100, 2))
        start = (rng.uniform(-150, 150), rng.uniform(-60, 60))
        coords = np.round(np.clip(np.cumsum(steps, axis=0) + start, -89, 89), 5)
        lines.append(
            {
                "type": "Feature",
                "properties": {"name": f"line {i}", "source": "synthetic"},
                "geometry": {"type": "LineString", "coordinates": coords.tolist()},
            }
        )
    xy = np.round(np.c_[rng.uniform(-180, 180, 200_000), rng.uniform(-90, 90, 200_000)], 5)
    points = [
        {
            "type": "Feature",
            "properties": {"name": f"p{i}", "source": "synthetic"},
            "geometry": {"type": "Point", "coordinates": p},
        }
        for i, p in enumerate(xy.tolist())
    ]
    out = {}
    for key, features, category in (("lines", lines, "other"), ("points", points, "port")):
        path = folder / f"{key}.geojson"
        doc = {"type": "FeatureCollection", "name": key, "category": category, "features": features}
        path.write_text(json.dumps(doc), encoding="utf-8")
        out[key] = path
    return out


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        files = write_layers(Path(tmp))
        print(f"{'layer':8} {'size MB':>8} {'load_layer s':>13} {'read_file s':>12} {'ratio':>6}")
        for key, path in files.items():
            layer = geo.load_layer(path)
            frame = gpd.read_file(path)
            assert layer.frame.geometry.geom_equals_exact(frame.geometry, 0).all()
            ours = best(lambda p=path: geo.load_layer(p), args.repeat)
            theirs = best(lambda p=path: gpd.read_file(p), args.repeat)
            size = path.stat().st_size / 1e6
            print(f"{key:8} {size:8.1f} {ours:13.2f} {theirs:12.2f} {ours / theirs:6.2f}")


if __name__ == "__main__":
    main()
