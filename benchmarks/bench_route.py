"""Rail routing: the engine on the cached graph (geo.graph) against the one before it.

    python benchmarks/bench_route.py [--pairs 30] [--seed 20261208] [--skip-before]

Before is ``tests/rail_reference.py`` (geo.routing's engine at main e12679d, with issue 24's
cost model, kept verbatim): scgraph_data imported on each start, the countries of its nodes
found on each start, the bridge search over every pair of nodes in reach. After is
``geo.routing.RailNetwork`` on the graph cached in the user's cache folder (here a fresh
temporary one, filled by a first run that is timed too).

Each candidate runs in its own process (so each peak RSS is its own: VmHWM), in turn:

* **routing**: ``geo.route(a, b, mode="rail")`` over ``--pairs`` random pairs of the rail
  terminals (seeded), warm (the network loaded and one route made first), each timed once;
  the engine's own ``RailNetwork.leg`` time is kept apart. The median, p95 and max, and
  the paths, compared between the two.
* **compare**: ``corridors compare Aktau Łódź`` (``geo.cli.main``) in a fresh process:
  wall time, the rail network's load, the sea route's time, peak RSS.

Targets (issue 27): routing warm median <= 0.05 s and p95 <= 0.3 s, peak RSS <= 1 GB, the
network loaded from the cache in about a second (<= 1.5 s here). Exit status 0 only when
the paths agree and every target passes.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import ROOT, environment, print_table

TARGETS = {"median_s": 0.05, "p95_s": 0.3, "rss_gb": 1.0, "load_s": 1.5}


def _vm_hwm() -> int:
    """This process's peak resident bytes (VmHWM: reset by exec, unlike ru_maxrss)."""
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    raise KeyError("VmHWM")


def _engine(which: str):
    """Make geo.route use the engine ``which`` ("before" or "after"); its load time (s)."""
    from geo import routing

    t0 = time.perf_counter()
    if which == "before":
        sys.path.insert(0, str(ROOT / "tests"))
        from rail_reference import ReferenceRailNetwork

        network = ReferenceRailNetwork()
        routing.rail_network = lambda: network  # what geo.route's rail path calls
    else:
        network = routing.RailNetwork()
    return network, time.perf_counter() - t0


def child_routing(which: str, pairs: int, seed: int) -> dict:
    import numpy as np

    import geo
    import geo.places

    layers = geo.load_layers()
    terminals = next(layer for layer in layers if layer.id == "rail/terminals").frame
    names = [f"rail/terminals:{name}" for name in sorted(set(terminals["name"]))]
    rng = random.Random(seed)
    chosen = [rng.sample(names, 2) for _ in range(pairs)]
    network, load_s = _engine(which)
    from geo.railcost import gateways_of, rail_cost

    cost = rail_cost().with_gateways(gateways_of(layers))  # as geo.route's default
    geo.route(names[0], names[1], mode="rail", layers=layers)  # warm
    route_s, leg_s, paths = [], [], []
    for a, b in chosen:
        ends = [geo.places.resolve_place(p, geo.places.place_index(layers)) for p in (a, b)]
        t0 = time.perf_counter()
        with contextlib.suppress(ValueError):
            network.leg(tuple(ends[0][1:]), tuple(ends[1][1:]), cost)
        leg_s.append(time.perf_counter() - t0)
        getattr(network, "_searches", {}).clear()  # the route below searches afresh
        t0 = time.perf_counter()
        try:
            r = geo.route(a, b, mode="rail", layers=layers)
            paths.append([round(r.network_km, 9), len(r.geometry.coords), len(r.bridges),
                          float(np.asarray(r.geometry.coords).sum())])  # fmt: skip
        except ValueError as exc:
            paths.append(str(exc))
        route_s.append(time.perf_counter() - t0)
    return {"load_s": load_s, "route_s": route_s, "leg_s": leg_s, "paths": paths,
            "pairs": chosen, "rss": _vm_hwm()}  # fmt: skip


def child_interleaved(pairs: int, seed: int) -> dict:
    """Both engines in one process, in turn on each pair (the new one with its searches
    forgotten first): the legs' times side by side, under the same load."""
    import geo
    import geo.places

    layers = geo.load_layers()
    index = geo.places.place_index(layers)
    terminals = next(layer for layer in layers if layer.id == "rail/terminals").frame
    names = [f"rail/terminals:{name}" for name in sorted(set(terminals["name"]))]
    rng = random.Random(seed)
    ends = [[geo.places.resolve_place(p, index)[1:] for p in rng.sample(names, 2)]
            for _ in range(pairs)]  # fmt: skip
    from geo.railcost import gateways_of, rail_cost

    cost = rail_cost().with_gateways(gateways_of(layers))  # as geo.route's default
    before, _ = _engine("before")
    after, _ = _engine("after")
    for network in (before, after):
        network.weighted(cost)  # the cost's weights, once (the countries of the nodes)
    times = {"before": [], "after": []}
    for a, b in ends:
        for which, network in (("before", before), ("after", after)):
            getattr(network, "_searches", {}).clear()
            t0 = time.perf_counter()
            with contextlib.suppress(ValueError):
                network.leg(tuple(a), tuple(b), cost)
            times[which].append(time.perf_counter() - t0)
    return times


def child_compare(which: str) -> dict:
    import io

    t0 = time.perf_counter()
    from geo import routing
    from geo.cli import main

    imported = time.perf_counter() - t0
    _, load_s = _engine(which)
    route, by_mode = routing.route, {"rail": 0.0, "sea": 0.0}

    def timed(*args, **kwargs):  # compare_routes calls geo.routing.route
        t = time.perf_counter()
        try:
            return route(*args, **kwargs)
        finally:
            by_mode[kwargs.get("mode", "rail")] += time.perf_counter() - t

    routing.route = timed
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = main(["compare", "Aktau", "Łódź"])
    return {"wall_s": time.perf_counter() - t0, "import_s": imported, "load_s": load_s,
            "sea_s": by_mode["sea"], "rail_s": by_mode["rail"], "status": status, "rss": _vm_hwm(),
            "output": out.getvalue()}  # fmt: skip


def run_child(mode: str, cache: str, arguments: str) -> dict:
    """``child_<mode>(<arguments>)`` in a fresh process with the cache folder ``cache``."""
    env = {**os.environ, "XDG_CACHE_HOME": cache, "PYTHONPATH": str(ROOT)}
    code = (
        f"import sys, json; sys.path.insert(0, {str(Path(__file__).parent)!r}); "
        f"import bench_route as b; print(json.dumps(b.child_{mode}({arguments})))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    return json.loads(proc.stdout.strip().splitlines()[-1])


def summary(times: list[float]) -> tuple[float, float, float]:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95, ordered[-1]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pairs", type=int, default=30, help="random pairs of terminals")
    ap.add_argument("--seed", type=int, default=20261208)
    ap.add_argument("--skip-before", action="store_true", help="time the new engine only")
    args = ap.parse_args(argv)
    print(environment())
    print(f"load before {os.getloadavg()[0]:.2f}")
    cache = tempfile.mkdtemp(prefix="bench-route-cache-")
    results: dict[str, dict] = {}
    first = run_child("compare", cache, "'after'")  # builds the cache: the first run ever
    print(f"\nfirst `corridors compare Aktau Łódź` (no cache yet): {first['wall_s']:.2f} s, "
          f"rail network built in {first['load_s']:.2f} s, peak RSS "
          f"{first['rss'] / 2**30:.2f} GiB")  # fmt: skip
    order = ["after"] if args.skip_before else ["before", "after"]
    for which in order:
        results[which] = run_child("routing", cache, f"{which!r}, {args.pairs}, {args.seed}")
        results[which]["compare"] = run_child("compare", cache, repr(which))
    if not args.skip_before:
        results["interleaved"] = run_child("interleaved", cache, f"{args.pairs}, {args.seed}")
    rows = []
    for which in order:
        r = results[which]
        med, p95, top = summary(r["route_s"])
        lmed, lp95, ltop = summary(r["leg_s"])
        c = r["compare"]
        rows.append((which, f"{r['load_s']:.2f}", f"{med:.3f}", f"{p95:.3f}", f"{top:.2f}",
                     f"{lmed:.3f}", f"{lp95:.3f}", f"{ltop:.2f}", f"{r['rss'] / 2**30:.2f}",
                     f"{c['wall_s']:.2f}", f"{c['load_s']:.2f}", f"{c['rail_s']:.2f}",
                     f"{c['sea_s']:.2f}", f"{c['rss'] / 2**30:.2f}"))  # fmt: skip
    print(f"\n{args.pairs} random pairs of rail terminals (seed {args.seed}), warm; "
          "compare = `corridors compare Aktau Łódź` in a fresh process\n")  # fmt: skip
    header = ("engine", "load s", "route med", "p95", "max", "leg med", "p95", "max",
              "RSS GiB", "compare s", "its load s", "its rail s", "its sea s",
              "its RSS GiB")  # fmt: skip
    print_table(rows, header)
    ok = True
    if "before" in results:
        b, a = results["before"], results["after"]
        same = b["paths"] == a["paths"] and b["compare"]["output"] == a["compare"]["output"]
        ok &= same
        print(f"\nsame paths and compare output: {'yes' if same else 'NO'}")
        for key, label in (("route_s", "route"), ("leg_s", "leg")):
            bm, bp, bx = summary(b[key])
            am, ap_, ax = summary(a[key])
            print(f"ratio after/before, {label}: median {am / bm:.3f}, p95 {ap_ / bp:.3f}, "
                  f"max {ax / bx:.3f}")  # fmt: skip
        both = results["interleaved"]
        bm, bp, bx = summary(both["before"])
        am, ap_, ax = summary(both["after"])
        print(f"legs in turn in one process: before median {bm:.3f} s, p95 {bp:.3f}, max "
              f"{bx:.2f}; after median {am:.3f} s, p95 {ap_:.3f}, max {ax:.2f}; ratio "
              f"median {am / bm:.3f}, p95 {ap_ / bp:.3f}, max {ax / bx:.3f}")  # fmt: skip
        print(f"ratio after/before, compare wall: "
              f"{a['compare']['wall_s'] / b['compare']['wall_s']:.3f}, peak RSS "
              f"{a['compare']['rss'] / b['compare']['rss']:.3f}")  # fmt: skip
    a = results["after"]
    med, p95, _ = summary(a["route_s"])
    rss = max(a["rss"], a["compare"]["rss"]) / 2**30
    checks = [
        ("geo.route by rail, warm median (s)", med, TARGETS["median_s"]),
        ("geo.route by rail, warm p95 (s)", p95, TARGETS["p95_s"]),
        ("peak RSS, routing and compare (GiB)", rss, TARGETS["rss_gb"]),
        ("rail network load from the cache (s)", a["compare"]["load_s"], TARGETS["load_s"]),
    ]
    print()
    for label, value, target in checks:
        passed = value <= target
        ok &= passed
        print(f"{'PASS' if passed else 'FAIL'}  {label}: {value:.3f} (target <= {target})")
    leg_med, leg_p95, _ = summary(a["leg_s"])
    print(f"(the engine alone, RailNetwork.leg: median {leg_med:.3f} s, p95 {leg_p95:.3f} s)")
    print(f"load after {os.getloadavg()[0]:.2f}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
