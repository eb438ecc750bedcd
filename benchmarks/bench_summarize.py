"""Time geo.summarize against the rail services beside the naive loop of geo.within (issue 23
item 4).

Run from the repository root::

    python benchmarks/bench_summarize.py [--n 100000] [--repeat 3] [--loop-repeat 1] [--seed N]

Data: ``--n`` points uniform in longitude and latitude over Eurasia (lon -10..145, lat
5..72, seed ``--seed``) with an ``amount`` (whole numbers, one in ten missing); the 31 train
services of ``layers/rail/routes.geojson``; km = 100.

Candidates, timed side by side (round-robin, best of ``--repeat`` / ``--loop-repeat``):

* summarize: ``geo.summarize(points, by=services, km=100, values={"amount": "sum"})``;
* (a) loop: for each service, ``geo.within(points, of=that service, km=100)``, its length
  and the sum of its ``amount`` (what a user writes with the API before summarize; the
  reference of tests/test_summarize.py);
* informational: ``geo.within(points, of=services, km=100)``, one call over all services
  (each point's nearest service only: not the same answer), and
  ``geo.summarize(points, by="country", values={"amount": "sum"})``.

Checks: summarize's count and sum equal (a)'s for every service (exactly: the amounts are
whole numbers); by country, the counts add up to the points. Target: summarize at least 5x
faster than (a).
"""

from __future__ import annotations

import argparse
import sys

import _common  # puts the repository root on sys.path
import geopandas as gpd
import numpy as np

import geo

KM = 100.0
TARGET = 5.0


def eurasia_points(n: int, seed: int) -> gpd.GeoDataFrame:
    rng = np.random.default_rng(seed)
    lon, lat = rng.uniform(-10.0, 145.0, n), rng.uniform(5.0, 72.0, n)
    amount = rng.integers(0, 1_000_000, n).astype(float)
    amount[rng.uniform(0, 1, n) < 0.1] = np.nan
    return gpd.GeoDataFrame({"amount": amount}, geometry=gpd.points_from_xy(lon, lat), crs=4326)


def loop(points: gpd.GeoDataFrame, services: gpd.GeoDataFrame) -> tuple[list, list]:
    counts, sums = [], []
    for i in range(len(services)):
        near = geo.within(points, of=services.iloc[[i]], km=KM)
        counts.append(len(near))
        sums.append(float(near["amount"].sum()))
    return counts, sums


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--loop-repeat", type=int, default=1)
    parser.add_argument("--seed", type=int, default=20240601)
    args = parser.parse_args()
    print(_common.environment())
    services = geo.load_layer(_common.ROOT / "layers" / "rail" / "routes.geojson").frame
    points = eurasia_points(args.n, args.seed)
    geo.summarize(points.iloc[:10], by="country")  # the countries' index: built once, apart
    values = {"amount": "sum"}
    results = _common.race(
        {
            "summarize": (
                lambda: geo.summarize(points, by=services, km=KM, values=values),
                None,
                args.repeat,
            ),
            "(a) loop of within": (lambda: loop(points, services), None, args.loop_repeat),
            "within, all services (nearest only)": (
                lambda: geo.within(points, of=services, km=KM),
                None,
                args.loop_repeat,
            ),
            "summarize by country": (
                lambda: geo.summarize(points, by="country", values=values),
                None,
                args.repeat,
            ),
        }
    )
    t_sum, table = results["summarize"]
    t_loop, (counts, sums) = results["(a) loop of within"]
    t_near, near = results["within, all services (nearest only)"]
    t_country, countries = results["summarize by country"]
    ok_same = table["count"].tolist() == counts and table["amount_sum"].tolist() == sums
    ok_country = int(countries["count"].sum()) == len(points)
    ok_speed = t_loop / t_sum >= TARGET
    print(
        f"\n{args.n:,} points, {len(services)} services, {KM:g} km: "
        f"{int(table['count'].sum()):,} (point, service) pairs within; "
        f"{len(near):,} points within of any service\n"
    )
    _common.print_table(
        [
            ("summarize", f"{t_sum:.2f}", "1.0"),
            ("(a) loop of within", f"{t_loop:.2f}", f"{t_loop / t_sum:.1f}"),
            ("within, all services (nearest only)", f"{t_near:.2f}", f"{t_near / t_sum:.1f}"),
            ("summarize by country", f"{t_country:.2f}", ""),
        ],
        ("candidate", "best s", "x summarize"),
    )
    print(f"\nsame counts and sums as (a), every service: {'PASS' if ok_same else 'FAIL'}")
    print(f"by country, counts add up to the points:  {'PASS' if ok_country else 'FAIL'}")
    print(f"summarize >= {TARGET:g}x faster than (a):      {'PASS' if ok_speed else 'FAIL'}")
    return 0 if ok_same and ok_country and ok_speed else 1


if __name__ == "__main__":
    sys.exit(main())
