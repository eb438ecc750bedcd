"""Time geo.within at scale beside geopandas.sjoin_nearest (issue 27 item 2), in one run.

Run from the repository root::

    python benchmarks/bench_within.py [--points 200000,1000000] [--sjoin-at 200000]
                                      [--km 50] [--seed 20240601]

Data: points uniform in longitude and latitude over Eurasia (lon -10..145°, lat 5..72°),
and the 31 shipped train services (``layers/rail/routes.geojson``: 59,971 vertices along
the railways). Candidates,
each in its own fresh Python process (time of the call, and the growth of the peak
resident memory during it: VmHWM reset through /proc/self/clear_refs just before):

* ours: ``geo.within(points, of=routes, km=50)``, exact on WGS84;
* sjoin_nearest: ``geopandas.sjoin_nearest(points, routes, max_distance=50 km)`` with
  both in Asia North Equidistant Conic (ESRI:102026), planar: what an analyst would write.
  Run at the sizes in --sjoin-at only (it takes minutes).

Checks: how many points each finds (sjoin's differ at the edge: planar distances).
Targets: ours at most 0.3x sjoin_nearest's time at 200,000 points; ours linear to
1,000,000 (time per point at 1M at most 1.3x that at 200k). Memory is printed, with no
target: the pairs (point, piece of line) go in batches of about 2 million, so what grows
with the points is their own arrays. The growth of the peak is a floor: memory the process
freed before the call (building the points) is used again without raising the peak.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time

import _common

CHILD = r"""
import json, sys, time
sys.path[:0] = [{root!r}, {bench!r}]
import bench_within
points, routes = bench_within.data({n}, {seed})
fn = bench_within.CANDIDATES[{kind!r}]
fn(points.iloc[:1000], routes, {km})  # warm (imports, the index code)
with open("/proc/self/clear_refs", "w") as fh:
    fh.write("5")
def hwm():
    return int([l for l in open("/proc/self/status") if l.startswith("VmHWM")][0].split()[1])
before = hwm()
t = time.perf_counter()
found = fn(points, routes, {km})
seconds = time.perf_counter() - t
print(json.dumps({{"seconds": seconds, "found": found, "growth_mib": (hwm() - before) / 1024}}))
"""


def data(n: int, seed: int):
    import geopandas as gpd
    import numpy as np

    import geo

    rng = np.random.default_rng([seed, n])
    lon, lat = rng.uniform(-10, 145, n), rng.uniform(5, 72, n)
    points = gpd.GeoDataFrame(
        {"name": np.arange(n).astype(str)}, geometry=gpd.points_from_xy(lon, lat), crs=4326
    )
    routes = geo.load_layers(_common.ROOT / "layers", only=["rail/routes"])[0]
    return points, routes.frame[["name", "geometry"]]


def ours(points, routes, km: float) -> int:
    import geo

    return len(geo.within(points, of=routes, km=km))


def sjoin_nearest(points, routes, km: float) -> int:
    import geopandas as gpd

    crs = "ESRI:102026"
    out = gpd.sjoin_nearest(points.to_crs(crs), routes.to_crs(crs), how="inner",
                            max_distance=km * 1000.0, distance_col="distance_m")  # fmt: skip
    return int(out.index.nunique())


CANDIDATES = {"ours": ours, "sjoin_nearest": sjoin_nearest}


def child(kind: str, n: int, seed: int, km: float) -> dict:
    code = CHILD.format(root=str(_common.ROOT), bench=str(_common.ROOT / "benchmarks"),
                        kind=kind, n=n, seed=seed, km=km)  # fmt: skip
    t = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    if done.returncode != 0:
        return {"error": (done.stderr.strip().splitlines() or ["?"])[-1]}
    return json.loads(done.stdout.strip().splitlines()[-1]) | {"wall": time.perf_counter() - t}


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", default="200000,1000000")
    parser.add_argument("--sjoin-at", default="200000")
    parser.add_argument("--km", type=float, default=50.0)
    parser.add_argument("--seed", type=int, default=20240601)
    args = parser.parse_args()
    print(_common.environment())
    sizes = [int(s) for s in args.points.split(",")]
    sjoin_at = {int(s) for s in args.sjoin_at.split(",") if s}
    results: dict[tuple[str, int], dict] = {}
    for n in sizes:
        for kind in ("ours", "sjoin_nearest") if n in sjoin_at else ("ours",):
            results[kind, n] = r = child(kind, n, args.seed, args.km)
            print(f"  {kind} {n:,} points: {r}", flush=True)
    rows = []
    for (kind, n), r in results.items():
        if "error" in r:
            rows.append((f"{n:,}", kind, "failed", "", "", r["error"][:60]))
            continue
        base = results.get(("sjoin_nearest", n), {})
        ratio = f"{r['seconds'] / base['seconds']:.2f}x" if "seconds" in base else ""
        rows.append((f"{n:,}", kind, f"{r['seconds']:.1f}", f"{r['growth_mib']:,.0f}",
                     ratio, f"{r['found']:,} found"))  # fmt: skip
    _common.print_table(rows, ("points", "candidate", "s", "peak growth MiB", "x sjoin", "result"))
    ok = True
    small, big = min(sizes), max(sizes)
    mine, theirs = results.get(("ours", small), {}), results.get(("sjoin_nearest", small), {})
    if "seconds" in mine and "seconds" in theirs:
        ratio = mine["seconds"] / theirs["seconds"]
        ok &= ratio <= 0.3
        print(f"ours <= 0.3x sjoin_nearest at {small:,}: {ratio:.2f}x  {_verdict(ratio <= 0.3)}")
    large = results.get(("ours", big), {})
    if big > small and "seconds" in mine and "seconds" in large:
        per = (large["seconds"] / big) / (mine["seconds"] / small)
        grow = (large["growth_mib"] / big) / max(mine["growth_mib"] / small, 1e-9)
        ok &= per <= 1.3
        print(
            f"linear to {big:,}: time per point {per:.2f}x that at {small:,}  "
            + _verdict(per <= 1.3)
        )
        print(f"peak growth per point {grow:.2f}x that at {small:,} (informational)")
    elif "error" in large:
        ok = False
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
