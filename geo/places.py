"""Named places from the layers, for distances by name.

A place is a point feature of any layer, or a named ``via`` node of a line feature
(each ``via`` entry an object with ``name``, ``lon`` and ``lat``). Names match without
regard to case or surrounding spaces; an unknown name is an error suggesting the closest.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

import shapely

from .geodesic import pairwise_distance, to_lonlat_array
from .layers import Layer, load_layers

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


#: Letters that Unicode does not decompose into a base letter and an accent.
_FOLD = str.maketrans({"ł": "l", "đ": "d", "ı": "i", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe",
                       "þ": "th", "ħ": "h", "ŀ": "l"})  # fmt: skip
_ALIAS_SPLIT = re.compile(r"\s*(?:,|/|;|\(|\))\s*")
_WORD = re.compile(r"\w+")


def _key(name: str) -> str:
    """A name folded for matching: case, accents and spacing ignored.

    >>> _key("  Łódź "), _key("Ürümqi"), _key("İzmit")
    ('lodz', 'urumqi', 'izmit')
    """
    text = unicodedata.normalize("NFKD", name.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c)).translate(_FOLD)
    return " ".join(text.split())


def _aliases(name: str) -> set[str]:
    """The keys a place is known by: its whole name, the part before a bracket, and each
    name in the bracket ("Khorgos (Horgos, China)" -> khorgos, horgos, china, ...)."""
    keys = {_key(name)}
    keys.update(k for k in (_key(p) for p in _ALIAS_SPLIT.split(name)) if k)
    return keys


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


#: Places found by one query and lying within this many km of each other are one place.
SAME_PLACE_KM = 50.0


def _candidates(query: str, index: dict[str, tuple[str, float, float]]) -> list[tuple]:
    """The places a query names, best kind of match first: the whole name; else those
    known by it (one of their names or aliases) or having it as a word; else those with
    it anywhere in their names."""
    q = _key(query)
    if q in index:
        return [index[q]]
    tiers: list[list[tuple]] = [[], [], []]
    words = re.compile(r"(?<!\w)" + re.escape(q) + r"(?!\w)")
    for key, place in index.items():
        if q in _aliases(place[0]):
            tiers[0].append(place)
        elif words.search(key):
            tiers[1].append(place)
        elif q in key:
            tiers[2].append(place)
    # a place known by that name comes first, but places with it as a word count too
    # (so "China" is not taken for the one place that has it in brackets)
    return tiers[0] + tiers[1] or tiers[2]


def _swapped_hint(lon: float, lat: float) -> str:
    if abs(lat) > 90 and abs(lon) <= 90 and abs(lat) <= 180:
        return f"; it looks like 'lat,lon': write '{lat:g},{lon:g}' (longitude first)"
    return ""


def resolve_place(
    place: Any, index: dict[str, tuple[str, float, float]]
) -> tuple[str, float, float]:
    """(label, lon, lat) for a place name, a ``"lon,lat"`` string or a (lon, lat) pair.

    A name matches ignoring case and accents (``"lodz"`` finds Łódź), by any of its names
    (``"Horgos"`` finds "Khorgos (Horgos, China)") or by part of it. Where one query
    names places far apart, the error lists them.
    """
    if isinstance(place, str):
        match = _LONLAT.match(place)
        if match:
            lon, lat = float(match.group(1)), float(match.group(2))
            if not (abs(lon) <= 180 and abs(lat) <= 90):
                raise ValueError(
                    f"Expected 'lon,lat' with longitude in [-180, 180] and latitude in "
                    f"[-90, 90], instead got: {place!r}{_swapped_hint(lon, lat)}"
                )
        else:
            found = _candidates(place, index)
            if not found:
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
            first = found[0]
            if len(found) > 1:
                km = pairwise_distance([first[1:]] * len(found), [f[1:] for f in found])
                if (km > SAME_PLACE_KM).any():
                    names = ", ".join(repr(f[0]) for f in found[:8])
                    more = f" and {len(found) - 8} more" if len(found) > 8 else ""
                    raise ValueError(
                        f"Expected one place, instead {place!r} names {len(found)}: "
                        f"{names}{more}; write more of the name"
                    )
            return (first[0], float(first[1]), float(first[2]))
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

    ``a`` and ``b`` are place names from the layers (``layers``, default: the shipped
    layers), ``"lon,lat"`` strings or (lon, lat) pairs.

    >>> round(distance((0, 0), "0,1", units="m"), 3)
    110574.389
    """
    needs_index = any(isinstance(p, str) and not is_lonlat(p) for p in (a, b))
    index = place_index(layers if layers is not None else load_layers()) if (needs_index) else {}
    pa, pb = resolve_place(a, index), resolve_place(b, index)
    return float(pairwise_distance([pa[1:]], [pb[1:]], units=units)[0])
