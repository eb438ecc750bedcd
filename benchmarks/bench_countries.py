"""Time geo.length_by_country and geo.within on the shipped layers (issue 13 items 2, 3).

Run from the repository root::

    python benchmarks/bench_countries.py [--repeat 5]

Cases: building the countries' index once (241 Natural Earth countries, their polygons and
edges in STRtrees, copies across ±180°); length_by_country over every shipped corridor,
train service, railway and pipeline; within(ports, of=rail routes, km=50). Checks: the parts
add up to geo.geodesic_length to 1e-9 relative. Target: the shipped set under 2 s, index
included.
"""

from __future__ import annotations

import argparse
import sys

import _common  # puts the repository root on sys.path
import numpy as np

import geo
from geo import countries

LINES = ("corridors/", "rail/routes", "projects/railways", "projects/pipelines")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    layers = {layer.id: layer for layer in geo.load_layers(_common.ROOT / "layers")}
    lines = [layer for i, layer in layers.items() if i.startswith(LINES)]
    geo.basemap.countries()  # the TopoJSON parse is the base map's, timed elsewhere

    def index():
        countries._world.cache_clear()
        return countries._world()

    t_index, _ = _common.best_of(index, args.repeat)
    t_split, tables = _common.best_of(
        lambda: [geo.length_by_country(layer) for layer in lines], args.repeat
    )
    t_near, near = _common.best_of(
        lambda: geo.within(layers["maritime/ports"], of=layers["rail/routes"], km=50),
        args.repeat,
    )
    worst = max(
        float(np.max(np.abs(t.groupby("feature", sort=False)["length_km"].sum().to_numpy()
                            / geo.geodesic_length(layer.frame).to_numpy() - 1)))
        for t, layer in zip(tables, lines, strict=True)
    )  # fmt: skip
    km = sum(float(geo.geodesic_length(layer.frame).sum()) for layer in lines)
    features = sum(len(layer) for layer in lines)
    print(f"index of the countries, once        {t_index:.3f} s")
    print(f"length_by_country, {features} lines ({km:,.0f} km)  {t_split:.3f} s")
    services = len(layers["rail/routes"])
    print(f"within(47 ports, {services} rail routes)     {t_near:.3f} s ({len(near)} within 50 km)")
    ok_sum = worst < 1e-9
    ok_time = t_index + t_split < 2.0
    print(f"parts add up: worst relative {worst:.1e}  {'PASS' if ok_sum else 'FAIL'}")
    print(f"shipped set under 2 s with the index: {'PASS' if ok_time else 'FAIL'}")
    return 0 if ok_sum and ok_time else 1


if __name__ == "__main__":
    sys.exit(main())
