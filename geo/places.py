"""Named places from the layers, for distances by name.

A place is a point feature of any layer, or a named ``via`` node of a line feature
(each ``via`` entry an object with ``name``, ``lon`` and ``lat``). Names match without
regard to case or surrounding spaces; an unknown name is an error suggesting the closest.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from typing import Any

import shapely

from .geodesic import pairwise_distance, to_lonlat_array
from .layers import DEFAULT_LAYERS_DIR, Layer, load_layers

__all__ = ["distance", "is_lonlat", "place_index", "resolve_place"]

_LONLAT = re.compile(
    r"^\s*([-+]?\d+(?:\.\d*)?|[-+]?\.\d+)\s*,\s*([-+]?\d+(?:\.\d*)?|[-+]?\.\d+)\s*$"
)


def is_lonlat(text: str) -> bool:
    """True for a ``"lon,lat"`` string such as ``"-0.13,51.5"``.

    >>> is_lonlat("-0.13, 51.5"), is_lonlat("Gwadar")
    (True, False)
    """
    return bool(_LONLAT.match(text))


def _key(name: str) -> str:
    return " ".join(name.casefold().split())


def place_index(layers: Iterable[Layer]) -> dict[str, tuple[str, float, float]]:
    """Map of normalised name -> (name as written, lon, lat) over every layer.

    Point features come first; ``via`` nodes of lines add the names not already known.
    """
    layers = list(layers)
    index: dict[str, tuple[str, float, float]] = {}
    for layer in layers:
        frame = layer.frame
        points = shapely.get_type_id(frame.geometry.array) == 0
        geoms = layer.geometries()[points]
        for name, geom in zip(frame["name"][points], geoms, strict=True):
            if isinstance(name, str) and not geom.is_empty:
                index.setdefault(_key(name), (name, geom.x, geom.y))
    for layer in layers:
        if "via" not in layer.frame.columns:
            continue
        for via in layer.frame["via"]:
            for node in via if isinstance(via, list) else []:
                if isinstance(node, dict) and {"name", "lon", "lat"} <= node.keys():
                    index.setdefault(_key(node["name"]), (node["name"], node["lon"], node["lat"]))
    return index


def resolve_place(
    place: Any, index: dict[str, tuple[str, float, float]]
) -> tuple[str, float, float]:
    """(label, lon, lat) for a place name, a ``"lon,lat"`` string or a (lon, lat) pair."""
    if isinstance(place, str):
        match = _LONLAT.match(place)
        if match:
            lon, lat = float(match.group(1)), float(match.group(2))
        else:
            found = index.get(_key(place))
            if found is None:
                close = difflib.get_close_matches(_key(place), list(index), n=3, cutoff=0.6)
                hint = (
                    "did you mean " + ", ".join(repr(index[c][0]) for c in close) + "?"
                    if close
                    else "give a place named in the layers or a 'lon,lat' pair"
                )
                raise ValueError(
                    f"Expected a place named in the layers or 'lon,lat', instead got: {place!r}; "
                    + hint
                )
            return found
    else:
        lon, lat = to_lonlat_array([place])[0]
    lon, lat = to_lonlat_array([(lon, lat)])[0]  # range check with a clear message
    return (f"{lon:g},{lat:g}", float(lon), float(lat))


def distance(
    a: Any,
    b: Any,
    *,
    units: str = "km",
    layers: Iterable[Layer] | None = None,
) -> float:
    """Geodesic distance between two places, in ``units``.

    ``a`` and ``b`` are place names from the layers (``layers``, default: every layer in
    ``layers/``), ``"lon,lat"`` strings or (lon, lat) pairs.

    >>> round(distance((0, 0), "0,1", units="m"), 3)
    110574.389
    """
    needs_index = any(isinstance(p, str) and not is_lonlat(p) for p in (a, b))
    index = (
        place_index(layers if layers is not None else load_layers(DEFAULT_LAYERS_DIR))
        if (needs_index)
        else {}
    )
    pa, pb = resolve_place(a, index), resolve_place(b, index)
    return float(pairwise_distance([pa[1:]], [pb[1:]], units=units)[0])
