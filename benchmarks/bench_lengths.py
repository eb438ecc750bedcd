"""Benchmark geo.geodesic_length against what users write today and against the pyproj floor.

Run from the repository root::

    python benchmarks/bench_lengths.py [--repeat 5] [--seed 20240601]

Case A: 10,000 random-walk lines in lon/lat (about 1,000,000 segments).
Case B: 200,000 two-vertex lines.

Candidates, timed side by side (round-robin, best of ``--repeat``):

* geo.geodesic_length(lines, units="m") with the default threads (one per core) and
  with threads=1;
* (a) the per-geometry loop ``[geod.geometry_length(g) for g in lines]`` with one
  ``Geod(ellps="WGS84")`` made beforehand, plus (a') the same loop constructing
  ``Geod(ellps="WGS84")`` per geometry as in ``[Geod(ellps="WGS84").geometry_length(g) ...]``;
  targets are judged against (a), the faster (stricter) of the two;
* (b) the floor: one bare single-threaded ``Geod.inv`` over segment arrays built before
  timing (a fresh copy per run, outside the timer, because inv(inplace=True) overwrites).

Checks: geodesic_length equals (a) within relative 1e-12 and equals (b) summed per line.
"""

from __future__ import annotations

import argparse
import sys
import time

import _common  # puts the repository root on sys.path
import numpy as np
import shapely
from pyproj import Geod

import geo
from geo import geodesic, geometry

RTOL = 1e-12


def random_walk_lines(
    n_lines: int, mean_vertices: int, seed: int, spread: int | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Random-walk LineStrings in lon/lat degrees with steps of 0.01-0.5 degrees.

    Vertex counts vary uniformly in mean_vertices +- spread (at least 2). Starts are
    uniform in lon [-170, 170], lat [-60, 60]; latitudes are clipped to +-89.9.
    Returns (lines, coords) with coords the (N, 2) array the lines were built from.
    """
    rng = np.random.default_rng(seed)
    if spread is None:
        spread = mean_vertices // 2
    counts = rng.integers(max(2, mean_vertices - spread), mean_vertices + spread + 1, n_lines)
    total = int(counts.sum())
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    step = rng.uniform(0.01, 0.5, total)
    heading = rng.uniform(0.0, 2.0 * np.pi, total)
    dx, dy = step * np.cos(heading), step * np.sin(heading)
    dx[starts] = rng.uniform(-170.0, 170.0, n_lines)  # the first "step" is the start
    dy[starts] = rng.uniform(-60.0, 60.0, n_lines)
    owner = np.repeat(np.arange(n_lines), counts)
    cx, cy = np.cumsum(dx), np.cumsum(dy)
    before = starts - 1
    x = cx - np.where(before >= 0, cx[before], 0.0)[owner]  # cumulative sum per line
    y = cy - np.where(before >= 0, cy[before], 0.0)[owner]
    coords = np.column_stack([x, np.clip(y, -89.9, 89.9)])
    return shapely.linestrings(coords, indices=owner), coords


def segment_arrays(lines: np.ndarray) -> tuple[tuple[np.ndarray, ...], np.ndarray]:
    """(lon1, lat1, lon2, lat2) of every segment, contiguous, and each segment's line."""
    coords, idx = shapely.get_coordinates(lines, return_index=True)
    same = idx[1:] == idx[:-1]
    lon, lat = coords[:, 0], coords[:, 1]
    ends = (lon[:-1], lat[:-1], lon[1:], lat[1:])
    arrays = tuple(np.ascontiguousarray(a[same]) for a in ends)
    return arrays, idx[:-1][same]


def stage_profile(lines: np.ndarray, threads: int, repeat: int) -> dict[str, float]:
    """Best seconds of each stage of geodesic.lengths_m, re-run step by step (diagnostic).

    Mirrors geo/geodesic.py's lengths_m; keep the two in step if that function changes.
    """
    stages: dict[str, float] = {}
    for _ in range(repeat):
        lap: dict[str, float] = {}
        clock = [time.perf_counter()]

        def mark(stage: str, lap: dict[str, float] = lap, clock: list[float] = clock) -> None:
            clock.append(time.perf_counter())
            lap[stage] = clock[-1] - clock[-2]

        geoms = geometry.as_geometry_array(lines)
        mark("check input (as_geometry_array)")
        types = shapely.get_type_id(geoms)
        if (types == shapely.GeometryType.LINESTRING).all():
            parts, owner = geoms, None
        else:
            parts, owner = geometry.line_parts(geoms)
        mark("type ids (+ line_parts for multi-part input)")
        coords, idx = shapely.get_coordinates(parts, return_index=True)
        mark("get_coordinates")
        same = idx[1:] == idx[:-1]
        lon, lat = coords[:, 0], coords[:, 1]
        lon1, lat1 = lon[:-1][same], lat[:-1][same]
        lon2, lat2 = lon[1:][same], lat[1:][same]
        mark("segment mask + 4 gathers")
        dist = geodesic.inverse_m(lon1, lat1, lon2, lat2, threads)
        mark(f"Geod.inv ({threads} thread{'s' * (threads > 1)})")
        seg_owner = idx[:-1][same] if owner is None else owner[idx[:-1][same]]
        out = np.bincount(seg_owner, weights=dist, minlength=len(geoms)).astype(float, copy=False)
        mark("owner gather + bincount")
        out[types == shapely.GeometryType.MISSING] = np.nan
        mark("missing -> NaN")
        for k, v in lap.items():
            stages[k] = min(stages.get(k, float("inf")), v)
    return stages


def run_case(
    name: str, lines: np.ndarray, repeat: int, targets: dict[str, float], loop_repeat: int
) -> tuple[list[tuple[str, ...]], bool]:
    geod = Geod(ellps="WGS84")
    segs, seg_owner = segment_arrays(lines)
    n_seg = len(segs[0])
    threads = geodesic.thread_count(n_seg, None)
    print(f"case {name}: {len(lines):,} lines, {n_seg:,} segments; default threads = {threads}")

    def floor(lon1, lat1, lon2, lat2):
        return geod.inv(lon1, lat1, lon2, lat2, inplace=True, return_back_azimuth=False)[2]

    candidates = {
        "geodesic_length (all cores)": (
            lambda: geo.geodesic_length(lines, units="m"), None, repeat),
        "geodesic_length threads=1": (
            lambda: geo.geodesic_length(lines, units="m", threads=1), None, repeat),
        "(a) loop geometry_length": (
            lambda: [geod.geometry_length(g) for g in lines], None, loop_repeat),
        "(a') loop Geod() per geometry": (
            lambda: [Geod(ellps="WGS84").geometry_length(g) for g in lines], None, loop_repeat),
        "(b) floor: one Geod.inv": (
            floor, lambda: tuple(a.copy() for a in segs), repeat),
    }  # fmt: skip
    res = _common.race(candidates)

    # ---- checks (untimed)
    vec = res["geodesic_length (all cores)"][1]
    one = res["geodesic_length threads=1"][1]
    loop = np.asarray(res["(a) loop geometry_length"][1])
    loop_literal = np.asarray(res["(a') loop Geod() per geometry"][1])
    floor_per_line = np.bincount(seg_owner, weights=res["(b) floor: one Geod.inv"][1],
                                 minlength=len(lines))  # fmt: skip
    rel_loop = _common.max_rel_diff(vec, loop)
    ok = True
    checks = [
        (f"max rel diff vs (a) = {rel_loop:.3g} (<= {RTOL:g})", rel_loop <= RTOL),
        (f"bit-identical to (a): {np.array_equal(vec, loop)}", True),
        ("(a) == (a')", np.array_equal(loop, loop_literal)),
        ("equal to (b) summed per line", np.array_equal(vec, floor_per_line)),
        ("threads=1 equal to all cores", np.array_equal(vec, one)),
    ]
    for text, passed in checks:
        ok &= passed
        print(f"  check: {text}: {'ok' if passed else 'FAILED'}")

    t = {k: v[0] for k, v in res.items()}
    t_loop, t_floor = t["(a) loop geometry_length"], t["(b) floor: one Geod.inv"]
    t_vec, t_one = t["geodesic_length (all cores)"], t["geodesic_length threads=1"]
    rows: list[tuple[str, ...]] = []

    def row(cand: str, secs: float, ratio: str, target: str, passed: bool | None) -> None:
        verdict = "" if passed is None else ("PASS" if passed else "FAIL")
        rows.append((name, cand, f"{secs:.4f}", ratio, target, verdict))

    speed = t_loop / t_vec
    row(f"geodesic_length, {threads} threads", t_vec, f"{speed:.2f}x faster than (a)",
        f">= {targets['vs_loop']}x", speed >= targets["vs_loop"])  # fmt: skip
    row("", t_vec, f"{t_floor / t_vec:.2f}x faster than (b)", "", None)
    if "single_vs_floor" in targets:
        slow = t_one / t_floor
        row("geodesic_length, threads=1", t_one, f"{slow:.3f}x the time of (b)",
            f"<= {targets['single_vs_floor']}x", slow <= targets["single_vs_floor"])  # fmt: skip
    else:
        row("geodesic_length, threads=1", t_one, f"{t_one / t_floor:.3f}x the time of (b)",
            "", None)  # fmt: skip
    row("(a) loop geometry_length", t_loop, "1.00 (baseline)", "", None)
    t_lit = t["(a') loop Geod() per geometry"]
    row("(a') loop, Geod() per geometry", t_lit, f"{t_lit / t_loop:.2f}x the time of (a)", "",
        None)  # fmt: skip
    row("(b) floor: one Geod.inv, 1 thread", t_floor, "1.00 (floor)", "", None)
    return rows, ok


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=5, help="runs per fast candidate (best kept)")
    ap.add_argument("--loop-repeat", type=int, default=3, help="runs per per-geometry loop")
    ap.add_argument("--seed", type=int, default=20240601)
    args = ap.parse_args(argv)

    print(_common.environment())
    print()
    lines_a, _ = random_walk_lines(10_000, 101, args.seed)
    lines_b, _ = random_walk_lines(200_000, 2, args.seed + 1, spread=0)
    rows_a, ok_a = run_case("A", lines_a, args.repeat,
                            {"vs_loop": 2.5, "single_vs_floor": 1.1}, args.loop_repeat)  # fmt: skip
    rows_b, ok_b = run_case("B", lines_b, args.repeat, {"vs_loop": 8.0}, args.loop_repeat)
    print()
    rows = rows_a + rows_b
    print("where the time goes in geodesic_length (best of each stage, ms):")
    for case, lines in (("A", lines_a), ("B", lines_b)):
        n_seg = int(shapely.get_num_coordinates(lines).sum()) - len(lines)
        for threads in sorted({1, geodesic.thread_count(n_seg, None)}):
            stages = stage_profile(lines, threads, args.repeat)
            total = sum(stages.values())
            parts = ", ".join(f"{k} {v * 1e3:.1f}" for k, v in stages.items())
            print(f"  {case}, threads={threads}: total {total * 1e3:.1f}: {parts}")
    print()
    _common.print_table(rows, ("case", "candidate", "best s", "ratio", "target", "result"))
    passed = ok_a and ok_b and all(r[5] != "FAIL" for r in rows)
    print()
    print("all checks and targets passed" if passed else "SOME CHECKS OR TARGETS FAILED")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
