"""The built-in base map: Natural Earth's land and country borders, shipped with the package.

The data is Natural Earth 4.1.0's 1:50m Admin 0 countries (public domain), as the npm
package ``world-atlas`` 2.0.2 publishes it in TopoJSON (vendored in
``geo/static/vendor/world-atlas``). Borders are those Natural Earth draws: the de facto
lines of control, not a statement on any dispute.

In TopoJSON every boundary is stored once, as an *arc*, and countries are rings of arcs;
the ``land`` object merges the countries, so its rings are the coastlines. The page draws
land filled and, over it, the arcs that two countries share (the borders); the sea is the
map's background (:func:`geo.mapspec.basemap_spec` is what the page receives).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

import geopandas as gpd
import numpy as np
import orjson
import shapely

from .assets import vendor_bytes

__all__ = [
    "BASEMAP_SCALE",
    "borders",
    "countries",
    "land",
    "topology",
    "topology_arcs",
    "topology_polygons",
]

#: The base map's positions are sent at 1/BASEMAP_SCALE degree (about 110 m): well under
#: the 1:50m data's own detail (its grid is 0.0036 by 0.0017 degree).
BASEMAP_SCALE = 1000

_FILE = "world-atlas/countries-50m.json"


@functools.cache
def topology() -> dict[str, Any]:
    """The vendored TopoJSON topology (``countries`` and ``land`` objects)."""
    return orjson.loads(vendor_bytes(_FILE))


def topology_arcs(topo: dict[str, Any], *, grid: bool = False) -> list[np.ndarray]:
    """Every arc of a TopoJSON topology (arcs quantized and delta-coded): positions in
    degrees, or with ``grid`` in the topology's own integer grid (as floats)."""
    arcs = [np.cumsum(np.asarray(arc, dtype=np.int64), axis=0) for arc in topo["arcs"]]
    if grid:
        return [arc.astype(float) for arc in arcs]
    scale = np.asarray(topo["transform"]["scale"], dtype=float)
    translate = np.asarray(topo["transform"]["translate"], dtype=float)
    return [arc * scale + translate for arc in arcs]


@functools.cache
def _arcs() -> tuple[np.ndarray, ...]:
    """The vendored topology's arcs in degrees."""
    return tuple(topology_arcs(topology()))


def _ring(arcs: Sequence[np.ndarray], indices: list[int]) -> np.ndarray:
    """A ring from its arcs; ``~i`` is arc ``i`` reversed; shared ends kept once."""
    parts = []
    for k, i in enumerate(indices):
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        parts.append(arc if k == 0 else arc[1:])
    return np.concatenate(parts)


def _polygons(geometry: dict[str, Any], arcs: Sequence[np.ndarray] | None = None):
    """The polygons of one TopoJSON (Multi)Polygon geometry (default: of the base map)."""
    arcs = _arcs() if arcs is None else arcs
    polys = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    out = []
    for rings in polys:
        shell, *holes = (_ring(arcs, r) for r in rings)
        out.append(shapely.Polygon(shell, holes))
    return out


def topology_polygons(
    topo: dict[str, Any], name: str, *, grid: bool = False
) -> list[shapely.Polygon]:
    """The polygons of object ``name`` of any TopoJSON topology, in degrees (or with
    ``grid`` in its integer grid), as published: not made valid, not merged.

    >>> len(topology_polygons(topology(), "land")) > 1000
    True
    """
    arcs = topology_arcs(topo, grid=grid)
    return [p for g in topo["objects"][name]["geometries"] for p in _polygons(g, arcs)]


@functools.cache
def land() -> shapely.MultiPolygon:
    """All land, as Natural Earth's countries merged (degrees, WGS84).

    >>> land().geom_type, len(land().geoms) > 1000
    ('MultiPolygon', True)
    """
    (geometry,) = topology()["objects"]["land"]["geometries"]
    return shapely.MultiPolygon(_polygons(geometry))


@functools.cache
def borders() -> shapely.MultiLineString:
    """The borders between countries: every arc that two countries share, joined into
    lines where they meet (degrees, WGS84)."""
    users: dict[int, set[int]] = {}
    for n, geometry in enumerate(topology()["objects"]["countries"]["geometries"]):
        polys = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        for rings in polys:
            for ring in rings:
                for i in ring:
                    users.setdefault(i if i >= 0 else ~i, set()).add(n)
    arcs = _arcs()
    shared = [shapely.LineString(arcs[i]) for i in sorted(users) if len(users[i]) > 1]
    merged = shapely.line_merge(shapely.MultiLineString(shared))
    return merged if merged.geom_type == "MultiLineString" else shapely.MultiLineString([merged])


@functools.cache
def _countries() -> gpd.GeoDataFrame:
    rows = topology()["objects"]["countries"]["geometries"]
    return gpd.GeoDataFrame(
        {
            "iso_n3": [g.get("id") for g in rows],
            "name": [g["properties"]["name"] for g in rows],
        },
        geometry=[shapely.MultiPolygon(_polygons(g)) for g in rows],
        crs="EPSG:4326",
    )


def countries() -> gpd.GeoDataFrame:
    """Natural Earth's countries: ``iso_n3`` (ISO 3166-1 numeric, as a string; missing for
    a few areas such as Kosovo and Somaliland), ``name`` and the MultiPolygon.

    >>> frame = countries()
    >>> len(frame), frame.loc[frame["iso_n3"] == "398", "name"].item()
    (241, 'Kazakhstan')
    """
    return _countries().copy()
