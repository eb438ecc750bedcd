"""Named places from the layers, for distances by name.

A place is a point feature of any layer, or a named ``via`` node of a line feature
(each ``via`` entry an object with ``name``, ``lon`` and ``lat``). Names match without
regard to case or surrounding spaces; an unknown name is an error suggesting the closest.
A name given to places far apart (a Victoria in the Seychelles and one in Canada, in two
layers) is an error listing them; ``"layer-id:Name"`` (``"test/seychelles:Victoria"``) or
``"lon,lat"`` picks one.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections.abc import Iterable
from typing import Any, NamedTuple

import shapely

from .geodesic import pairwise_distance, to_lonlat_array
from .layers import Layer, load_layers

__all__ = ["SAME_PLACE_KM", "Place", "distance", "is_lonlat", "place_index", "resolve_place"]

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


@functools.lru_cache(maxsize=8192)
def _key(name: str) -> str:
    """A name folded for matching: case, accents and spacing ignored (remembered for the
    last 8,192 names: a place index folds each name of its layers on every build).

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


class Place(NamedTuple):
    """A named place of the layers: its name as written, (lon, lat) degrees and the id of
    the layer it is in (a point feature, or a ``via`` node of a line)."""

    name: str
    lon: float
    lat: float
    layer: str


def place_index(layers: Iterable[Layer]) -> dict[str, list[Place]]:
    """Map of normalised name -> every :class:`Place` of that name over the layers.

    Point features come first, in the layers' order; then ``via`` nodes of lines (each
    layer's node of one name and position once).
    """
    layers = list(layers)
    index: dict[str, list[Place]] = {}
    seen: set[Place] = set()

    def add(place: Place) -> None:
        if place not in seen:
            seen.add(place)
            index.setdefault(_key(place.name), []).append(place)

    for layer in layers:
        frame = layer.frame
        points = shapely.get_type_id(frame.geometry.array) == shapely.GeometryType.POINT
        geoms = layer.geometries()[points]  # (WGS84: a frame in another CRS is moved back)
        if not len(geoms):
            continue
        lon, lat = shapely.get_x(geoms).tolist(), shapely.get_y(geoms).tolist()
        empty = shapely.is_empty(geoms).tolist()
        for name, x, y, e in zip(frame["name"][points], lon, lat, empty, strict=True):
            if isinstance(name, str) and not e:
                add(Place(name, x, y, layer.id))
    for layer in layers:
        if "via" not in layer.frame.columns:
            continue
        for via in layer.frame["via"]:
            for node in via if isinstance(via, list) else []:
                if isinstance(node, dict) and {"name", "lon", "lat"} <= node.keys():
                    add(Place(node["name"], float(node["lon"]), float(node["lat"]), layer.id))
    return index


#: Places found by one query and lying within this many km of each other are one place.
SAME_PLACE_KM = 50.0


def _candidates(query: str, index: dict[str, list[Place]]) -> list[Place]:
    """The places a query names, best kind of match first: the whole name; else those
    known by it (one of their names or aliases) or having it as a word; else those with
    it anywhere in their names."""
    q = _key(query)
    if q in index:
        return list(index[q])
    tiers: list[list[Place]] = [[], [], []]
    words = re.compile(r"(?<!\w)" + re.escape(q) + r"(?!\w)")
    for key, places in index.items():
        if q in _aliases(places[0].name):
            tiers[0].extend(places)
        elif words.search(key):
            tiers[1].extend(places)
        elif q in key:
            tiers[2].extend(places)
    # a place known by that name comes first, but places with it as a word count too
    # (so "China" is not taken for the one place that has it in brackets)
    return tiers[0] + tiers[1] or tiers[2]


def _in_layer(query: str, index: dict[str, list[Place]]) -> tuple[str, dict] | None:
    """For ``"layer-id:Name"`` naming a layer with places: the name and that layer's places."""
    layers = {p.layer for places in index.values() for p in places}
    for at in (i for i, c in enumerate(query) if c == ":"):
        layer = query[:at].strip()
        if layer in layers:
            only = {k: [p for p in ps if p.layer == layer] for k, ps in index.items()}
            return query[at + 1 :], {k: ps for k, ps in only.items() if ps}
    return None


def _layer_hint(layer: str, index: dict[str, list[Place]]) -> str:
    """For 'layer-id:Name' with an unknown layer id: the ids that have places."""
    layers = sorted({p.layer for places in index.values() for p in places})
    shown = ", ".join(layers[:10]) + (f" and {len(layers) - 10} more" if len(layers) > 10 else "")
    return f" ({layer.strip()!r} is no layer with places; those with places: {shown or 'none'})"


def _one_place(query: str, found: list[Place], qualified: bool) -> Place:
    """The place ``found`` names, if they all lie within SAME_PLACE_KM of the first (one
    place in several layers, or under several names); else an error listing them."""
    first = found[0]
    km = pairwise_distance([first[1:3]] * len(found), [f[1:3] for f in found])
    if (km <= SAME_PLACE_KM).all():
        return first
    distinct: dict[tuple, Place] = {}
    for f in found:  # one line per name and position (a node of many lines of a layer)
        distinct.setdefault((f.name, round(f.lon, 4), round(f.lat, 4)), f)
    shown = [f"{f.name!r} ({f.layer} at {f.lon:g},{f.lat:g})" for f in distinct.values()]
    more = f" and {len(shown) - 8} more" if len(shown) > 8 else ""
    example = next(iter(distinct.values()))
    how = (
        "write 'lon,lat'"
        if qualified
        else (f"write 'layer-id:Name' (e.g. '{example.layer}:{example.name}') or 'lon,lat'")
    )
    if _key(query) not in {_key(f.name) for f in found}:
        how = "write more of the name, or " + how.removeprefix("write ")
    raise ValueError(
        f"Expected one place, instead {query!r} names {len(distinct)} places far apart: "
        f"{', '.join(shown[:8])}{more}; {how} to pick one"
    )


def _swapped_hint(lon: float, lat: float) -> str:
    if abs(lat) > 90 and abs(lon) <= 90 and abs(lat) <= 180:
        return f"; it looks like 'lat,lon': write '{lat:g},{lon:g}' (longitude first)"
    return ""


def resolve_place(place: Any, index: dict[str, list[Place]]) -> tuple[str, float, float]:
    """(label, lon, lat) for a place name, a ``"lon,lat"`` string or a (lon, lat) pair.

    A name matches ignoring case and accents (``"lodz"`` finds Łódź), by any of its names
    (``"Horgos"`` finds "Khorgos (Horgos, China)") or by part of it. Where one query
    names places far apart (in two layers, say), the error lists them with their layers
    and positions; ``"layer-id:Name"`` looks in that layer only.

    >>> index = {"victoria": [Place("Victoria", 55.45, -4.62, "seychelles"),
    ...                       Place("Victoria", -123.37, 48.43, "canada")]}
    >>> resolve_place("canada:Victoria", index)
    ('Victoria', -123.37, 48.43)
    >>> resolve_place("Victoria", index)
    Traceback (most recent call last):
    ...
    ValueError: Expected one place, instead 'Victoria' names 2 places far apart: 'Victoria' (seychelles at 55.45,-4.62), 'Victoria' (canada at -123.37,48.43); write 'layer-id:Name' (e.g. 'seychelles:Victoria') or 'lon,lat' to pick one
    """  # noqa: E501
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
            layer = _in_layer(place, index)
            name, where = layer if layer is not None else (place, index)
            if not _key(name):  # part of every name: not one place
                raise ValueError(
                    f"Expected a place named in the layers or 'lon,lat', instead got: {place!r}; "
                    "give a name"
                )
            found = _candidates(name, where)
            if not found:
                close = difflib.get_close_matches(_key(name), list(where), n=3, cutoff=0.6)
                hint = (
                    "did you mean " + ", ".join(repr(where[c][0].name) for c in close) + "?"
                    if close
                    else "give a place named in the layers or a 'lon,lat' pair"
                )
                if layer is None and ":" in place:
                    hint += _layer_hint(place.split(":", 1)[0], index)
                raise ValueError(
                    f"Expected a place named in the layers or 'lon,lat', instead got: {place!r}; "
                    + hint
                )
            first = _one_place(place, found, layer is not None)
            return (first.name, first.lon, first.lat)
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
