"""Benchmark geo.geodesic_length on dask-geopandas frames against the in-memory call.

Run from the repository root::

    python benchmarks/bench_dask.py [--repeat 5] [--seed 20240601] [--cluster processes]

Data: random-walk lines in lon/lat (``bench_lengths.random_walk_lines``, 51-151 vertices):

* case S: 1,000 lines (about 100,000 segments);
* case L: 10,000 lines (about 1,000,000 segments).

Cluster: ``distributed.LocalCluster(n_workers=2, threads_per_worker=1)`` with worker
processes (as on a real cluster: the function, partitions and results travel pickled) and,
with ``--cluster both``, with worker threads in this process. Its start-up (cluster and
client, then the first task, in which the workers import geo) is timed once, separately.

Candidates, timed side by side (round-robin, best of ``--repeat``):

* in memory: ``geo.geodesic_length(gdf)`` with the default threads (one per core) and
  with ``threads=1``;
* dask, data in the workers' memory: ``geo.geodesic_length(ddf).compute()`` on a frame of
  P = 1, 2, 4, 8 partitions persisted on the cluster beforehand (one thread per task, the
  default), and on 1 partition with ``threads=2`` (the task's own threads);
* from a GeoParquet file: ``geopandas.read_parquet`` of one file, then geodesic_length,
  against ``geo.geodesic_length(dask_geopandas.read_parquet(folder)).compute()`` on a
  folder of P files (written by dask_geopandas ``to_parquet``; the page cache is warm).

Before each dask run the script waits (untimed) until the scheduler has released the
previous run's tasks, so no run is served results left from the last one.

Checks: every dask result equals the in-memory Series exactly (values, index, name).
There is no speed target: the script shows what partitioning costs.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

import _common  # puts the repository root on sys.path
import geopandas as gpd
import pandas as pd
from bench_lengths import random_walk_lines

import geo

PARTITIONS = (1, 2, 4, 8)
CASES = {"S": 1_000, "L": 10_000}  # lines of 51-151 vertices


def versions() -> str:
    import dask
    import dask_geopandas
    import distributed

    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short=12", "HEAD"],
            cwd=_common.ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        commit = "unknown"
    return "\n".join(
        [
            f"geopandas   {gpd.__version__}",
            f"dask        {dask.__version__} (distributed {distributed.__version__}, "
            f"dask-geopandas {dask_geopandas.__version__})",
            f"commit      {commit}",
        ]
    )


def start_cluster(processes: bool):
    """A two-worker, one-thread-per-worker LocalCluster and its client; prints what
    starting it and running a first task cost."""
    import dask_geopandas
    import distributed
    from shapely import LineString

    t0 = time.perf_counter()
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=processes, dashboard_address=None
    )
    client = distributed.Client(cluster)
    t1 = time.perf_counter()
    tiny = gpd.GeoDataFrame(geometry=[LineString([(0, 0), (1, 1)])] * 4, crs=4326)
    geo.geodesic_length(dask_geopandas.from_geopandas(tiny, npartitions=2)).compute()
    t2 = time.perf_counter()
    geo.geodesic_length(dask_geopandas.from_geopandas(tiny, npartitions=2)).compute()
    t3 = time.perf_counter()
    kind = "processes" if processes else "threads"
    print(
        f"cluster ({kind}): start {t1 - t0:.2f} s, first task {t2 - t1:.2f} s "
        f"(workers import geo), the same task again {t3 - t2:.3f} s"
    )
    return cluster, client


def same(a: pd.Series, b: pd.Series) -> bool:
    try:
        pd.testing.assert_series_equal(a, b, check_exact=True)
    except AssertionError:
        return False
    return True


def _measuring_tasks(dask_scheduler) -> int:
    return sum("geodesic_length" in str(key) for key in dask_scheduler.tasks)


def forgotten(client) -> tuple:
    """Setup of a dask candidate (untimed): wait until the scheduler has released the
    previous run's tasks, so that no run is served results the last one left behind."""
    while client.run_on_scheduler(_measuring_tasks):
        time.sleep(0.005)
    return ()


def run_case(
    name: str, gdf: gpd.GeoDataFrame, kind: str, repeat: int, folder: Path
) -> tuple[list[tuple[str, ...]], bool]:
    import dask_geopandas
    import distributed

    n_seg = int(gdf.geometry.count_coordinates().sum()) - len(gdf)
    single = folder / f"{name}.parquet"
    if not single.exists():
        gdf.to_parquet(single)
        for p in PARTITIONS:
            dask_geopandas.from_geopandas(gdf, npartitions=p).to_parquet(folder / f"{name}-{p}")
    print(f"case {name} ({kind}): {len(gdf):,} lines, {n_seg:,} segments")
    client = distributed.get_client()
    persisted = {}
    # from_geopandas puts the frame in the graph; it is sent once here, before any timing
    warnings.filterwarnings("ignore", "Sending large graph", UserWarning)
    for p in PARTITIONS:
        ddf = dask_geopandas.from_geopandas(gdf, npartitions=p).persist()
        distributed.wait(ddf)
        persisted[p] = ddf
        held = sorted(len(keys) for keys in client.has_what().values())
        print(f"  {p} partitions persisted: partitions held per worker (all cases) {held}")

    candidates = {
        "in memory, default threads": (lambda: geo.geodesic_length(gdf), None, repeat),
        "in memory, threads=1": (lambda: geo.geodesic_length(gdf, threads=1), None, repeat),
    }
    fresh = lambda: forgotten(client)  # noqa: E731
    for p, ddf in persisted.items():
        candidates[f"dask persisted, {p} partitions"] = (
            lambda ddf=ddf: geo.geodesic_length(ddf).compute(), fresh, repeat)  # fmt: skip
    candidates["dask persisted, 1 partition, threads=2"] = (
        lambda: geo.geodesic_length(persisted[1], threads=2).compute(), fresh, repeat)  # fmt: skip
    candidates["file: geopandas.read_parquet + length"] = (
        lambda: geo.geodesic_length(gpd.read_parquet(single)), None, repeat)  # fmt: skip
    for p in PARTITIONS:
        path = folder / f"{name}-{p}"
        candidates[f"file: dask read_parquet, {p} files"] = (
            lambda path=path: geo.geodesic_length(dask_geopandas.read_parquet(path)).compute(),
            fresh, repeat)  # fmt: skip
    res = _common.race(candidates)

    expected = res["in memory, default threads"][1]
    ok = True
    for cand, (_, result) in res.items():
        if not same(result, expected):
            ok = False
            print(f"  check: {cand} equals the in-memory result: FAILED")
    if ok:
        print(f"  check: all {len(res)} candidates give the in-memory result exactly: ok")

    t_mem = res["in memory, default threads"][0]
    t_one = res["in memory, threads=1"][0]
    t_file = res["file: geopandas.read_parquet + length"][0]
    rows = []
    for cand, (secs, _) in res.items():
        base = t_file if cand.startswith("file") else t_mem
        what = "file in memory" if cand.startswith("file") else "in memory"
        rows.append(
            (name, kind, cand, f"{secs:.4f}", f"{secs / base:.2f}x {what}", f"{secs / t_one:.2f}x")
        )
    return rows, ok


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=5, help="runs per candidate (best kept)")
    ap.add_argument("--seed", type=int, default=20240601)
    ap.add_argument("--cluster", choices=["processes", "threads", "both"], default="both")
    args = ap.parse_args(argv)

    print(_common.environment())
    print(versions())
    print()
    frames = {}
    for k, (name, n_lines) in enumerate(CASES.items()):
        lines, _ = random_walk_lines(n_lines, 101, args.seed + k)
        frames[name] = gpd.GeoDataFrame(geometry=lines, crs=4326)
    kinds = ["processes", "threads"] if args.cluster == "both" else [args.cluster]
    rows: list[tuple[str, ...]] = []
    ok = True
    with tempfile.TemporaryDirectory(prefix="bench-dask-") as tmp:
        for kind in kinds:
            cluster, client = start_cluster(processes=kind == "processes")
            try:
                for name, gdf in frames.items():
                    case_rows, case_ok = run_case(name, gdf, kind, args.repeat, Path(tmp))
                    rows += case_rows
                    ok &= case_ok
            finally:
                client.close()
                cluster.close()
    print()
    header = ("case", "workers", "candidate", "best s", "ratio", "vs threads=1")
    _common.print_table(rows, header)
    print()
    print("load avg at the end  {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    print("all checks passed" if ok else "SOME CHECKS FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
