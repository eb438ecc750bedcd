"""Benchmark geo.distance_matrix against a row-by-row Geod.inv loop: time and peak memory.

Run from the repository root::

    python benchmarks/bench_matrix.py [--n 5000] [--repeat 3] [--seed 20240601]

Candidates (same N random points, units metres):

* geo.distance_matrix(points, units="m"), default threads (one per core): upper triangle
  only, rows interleaved over threads, then mirrored block-wise;
* the row loop: for each i, one single-threaded Geod.inv from point i to all N points,
  written into row i of a preallocated (N, N) array (the full square, both triangles).

Timing is best of ``--repeat`` (``--loop-repeat`` for the slow loop), round-robin.
Peak memory is measured twice, each in its own untimed run: with tracemalloc in this
process (numpy reports its data buffers to tracemalloc; verified below) and as the
resident-memory growth of a fresh ``python -c`` subprocess running the candidate once
(peak resident size during the call, VmHWM after resetting it, minus the resident size
just before it; see ``child``). Both are reported relative to the result's size
(N * N * 8 bytes = 200 MB for N = 5000).

Checks: equal to the loop within relative 1e-12, zero diagonal, exactly symmetric.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tracemalloc
from pathlib import Path

import _common  # puts the repository root on sys.path
import numpy as np
from pyproj import Geod

import geo
from geo import geodesic

RTOL = 1e-12
TARGET_SPEEDUP = 3.5
TARGET_MEMORY = 2.5  # peak / result size


def random_points(n: int, seed: int) -> np.ndarray:
    """(n, 2) lon/lat degrees, uniform over the sphere's area."""
    rng = np.random.default_rng(seed)
    lon = rng.uniform(-180.0, 180.0, n)
    lat = np.degrees(np.arcsin(rng.uniform(-1.0, 1.0, n)))
    return np.column_stack([lon, lat])


def candidate_geo(points: np.ndarray) -> np.ndarray:
    return geo.distance_matrix(points, units="m")


def candidate_loop(points: np.ndarray) -> np.ndarray:
    geod = Geod(ellps="WGS84")
    n = len(points)
    lons, lats = points[:, 0].copy(), points[:, 1].copy()
    out = np.empty((n, n))
    for i in range(n):
        out[i] = geod.inv(np.full(n, lons[i]), np.full(n, lats[i]), lons, lats,
                          return_back_azimuth=False)[2]  # fmt: skip
    return out


CANDIDATES = {"geo.distance_matrix": candidate_geo, "row loop Geod.inv": candidate_loop}


def tracemalloc_peak(fn, points: np.ndarray) -> int:
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        base = tracemalloc.get_traced_memory()[0]
        out = fn(points)
        peak = tracemalloc.get_traced_memory()[1] - base
        del out
    finally:
        tracemalloc.stop()
    return peak


def numpy_visible_to_tracemalloc() -> bool:
    tracemalloc.start()
    try:
        a = np.zeros(10_000_000)  # 80 MB via calloc
        b = np.empty(10_000_000)  # 80 MB via malloc
        seen = tracemalloc.get_traced_memory()[0]
        del a, b
    finally:
        tracemalloc.stop()
    return seen >= 160_000_000


def child(name: str, n: int, seed: int) -> None:
    """Run one candidate once in this fresh process; print resident bytes before and peak after.

    The peak is VmHWM from /proc/self/status after resetting it (``5`` into
    /proc/self/clear_refs) just before the call. ru_maxrss is not used when that works:
    Linux keeps ru_maxrss across execve, so a child started by this (large) benchmark
    process would inherit the parent's peak.
    """
    import resource

    points = random_points(n, seed)
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as fh:
            fh.write("5")
        method = "VmHWM"
    except OSError:
        method = "ru_maxrss"
    before = _status_kib("VmRSS") * 1024
    out = CANDIDATES[name](points)
    if method == "VmHWM":
        after = _status_kib("VmHWM") * 1024
    else:
        after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux
    assert out.shape == (n, n)
    print(before, after, method)


def _status_kib(field: str) -> int:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise KeyError(field)


def rss_peak(name: str, n: int, seed: int) -> tuple[int, int, str]:
    here = Path(__file__).resolve().parent
    code = (
        f"import sys; sys.path.insert(0, {str(here)!r}); import bench_matrix as b; "
        f"b.child({name!r}, {n}, {seed})"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    before, after, method = proc.stdout.split()[-3:]
    return int(before), int(after), method


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=5000, help="number of points")
    ap.add_argument("--repeat", type=int, default=3, help="runs of distance_matrix (best kept)")
    ap.add_argument("--loop-repeat", type=int, default=2, help="runs of the row loop")
    ap.add_argument("--seed", type=int, default=20240601)
    args = ap.parse_args(argv)

    print(_common.environment())
    print()
    n = args.n
    points = random_points(n, args.seed)
    result_bytes = n * n * 8
    threads = geodesic._threads(n * n // 2, None)
    print(f"{n:,} points; result {result_bytes / 1e6:.0f} MB; default threads = {threads}")

    res = _common.race({
        "geo.distance_matrix": (lambda: candidate_geo(points), None, args.repeat),
        "row loop Geod.inv": (lambda: candidate_loop(points), None, args.loop_repeat),
    })  # fmt: skip
    fast, loop = res["geo.distance_matrix"][1], res["row loop Geod.inv"][1]

    ok = True
    rel = _common.max_rel_diff(fast, loop)
    checks = [
        (f"max rel diff vs row loop = {rel:.3g} (<= {RTOL:g})", rel <= RTOL),
        (f"bit-identical to row loop: {np.array_equal(fast, loop)}", True),
        ("diagonal is zero", not np.diagonal(fast).any()),
        ("symmetric (exactly)", np.array_equal(fast, fast.T)),
        (f"row loop symmetric (exactly): {np.array_equal(loop, loop.T)}", True),
    ]
    for text, passed in checks:
        ok &= passed
        print(f"  check: {text}: {'ok' if passed else 'FAILED'}")
    res = {k: (v[0], None) for k, v in res.items()}  # free the matrices before measuring memory
    del fast, loop

    visible = numpy_visible_to_tracemalloc()
    print(f"  numpy buffers visible to tracemalloc: {visible}")
    mem = {}
    for name, fn in CANDIDATES.items():
        tm = tracemalloc_peak(fn, points) if visible else None
        before, after, method = rss_peak(name, n, args.seed)
        mem[name] = (tm, after - before, before)

    times = {k: v[0] for k, v in res.items()}
    t_geo, t_loop = times["geo.distance_matrix"], times["row loop Geod.inv"]
    rows = []
    speed = t_loop / t_geo
    for name in CANDIDATES:
        tm, rss, _ = mem[name]
        tm_text = f"{tm / result_bytes:.2f}x" if tm is not None else "n/a"
        rss_ratio = rss / result_bytes
        mem_ok = max(rss_ratio, tm / result_bytes if tm is not None else 0) <= TARGET_MEMORY
        if name == "geo.distance_matrix":
            rows.append(
                (
                    "time",
                    name,
                    f"{t_geo:.3f}",
                    f"{speed:.2f}x faster than loop",
                    f">= {TARGET_SPEEDUP}x",
                    "PASS" if speed >= TARGET_SPEEDUP else "FAIL",
                )
            )
            rows.append(("memory", name, "", f"tracemalloc {tm_text}, RSS {rss_ratio:.2f}x",
                         f"<= {TARGET_MEMORY}x", "PASS" if mem_ok else "FAIL"))  # fmt: skip
        else:
            rows.append(("time", name, f"{t_loop:.3f}", "1.00 (baseline)", "", ""))
            rows.append(("memory", name, "", f"tracemalloc {tm_text}, RSS {rss_ratio:.2f}x",
                         "", ""))  # fmt: skip
    print()
    print("memory = peak growth during one run / result size "
          f"({result_bytes / 1e6:.0f} MB); RSS = peak resident ({method}) during the call minus "
          "resident before it, in a fresh subprocess "
          f"(interpreter + imports + points before the call: "
          f"{mem['geo.distance_matrix'][2] / 1e6:.0f} MB)")  # fmt: skip
    for name in CANDIDATES:
        tm, rss, _ = mem[name]
        tm_mb = f"{tm / 1e6:.1f}" if tm is not None else "n/a"
        print(f"  {name}: tracemalloc peak {tm_mb} MB, RSS peak growth {rss / 1e6:.1f} MB")
    print()
    _common.print_table(rows, ("what", "candidate", "best s", "ratio", "target", "result"))
    passed = ok and all(r[5] != "FAIL" for r in rows)
    print()
    print("all checks and targets passed" if passed else "SOME CHECKS OR TARGETS FAILED")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
