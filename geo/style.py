"""How a layer looks, resolved once for the web map and the print map: its category's
look (``geo/data/categories.toml``) with the layer's own ``style`` on top, in its colour
(the same in every output: a shipped layer's by its id, another's from its category's
palette); each feature in its status's look (``geo/data/status.toml``); and the base maps
(``geo/data/basemaps.toml``).
"""

from __future__ import annotations

import functools
import math
import tomllib
import warnings
import zlib
from collections.abc import Iterable
from importlib import resources
from typing import TYPE_CHECKING, Any, TypedDict

from .format import (
    CATEGORIES,
    MARKER_SIZES,
    STATUSES,
    LayerError,
    LayerWarning,
    Status,
    style_problem,
)
from .values import is_missing

if TYPE_CHECKING:
    from .layers import Layer

__all__ = [
    "BASEMAPS",
    "StyleSpec",
    "builtin_basemap",
    "feature_statuses",
    "grey_mix",
    "layer_colour",
    "layer_colours",
    "layer_style",
    "map_colours",
    "order_layers",
    "status_style",
]


class StyleSpec(TypedDict, total=False):
    """Leaflet path options, and how points are drawn."""

    color: str
    weight: float
    opacity: float
    fillColor: str
    fillOpacity: float
    dashArray: str
    markerColor: str  #: the colour of points
    radius: float  #: point radius, CSS px
    symbol: str  #: a key of MapSpec.symbols
    hollow: bool  #: points drawn as rings, white inside (a status's look: status_style)


@functools.cache
def _basemaps() -> dict[str, Any]:
    text = (resources.files("geo") / "data" / "basemaps.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def builtin_basemap() -> dict[str, Any]:
    """The built-in base map's name, zoom, attribution and look (``[builtin]``)."""
    return _basemaps()["builtin"]


#: The tile servers offered as base maps (loaded only when chosen).
BASEMAPS = [
    {"name": b["name"], "url": b["url"], "maxZoom": b["max_zoom"], "attribution": b["attribution"]}
    for b in _basemaps()["basemap"]
]


def _symbol_keys(layer: Layer) -> dict[str, Any]:
    """The layer's ``marker-size`` and ``marker-symbol`` where a map can draw them; another
    (set in Python: a layer file's style is validated when read) is left to the category's,
    with a warning naming the layer."""
    out = {}
    for key in ("marker-size", "marker-symbol"):
        if key in layer.style:
            problem = style_problem(key, layer.style[key])
            if problem is None:
                out[key] = layer.style[key]
            else:
                where = str(layer.path) if layer.path is not None else f"layer {layer.id!r}"
                warnings.warn(
                    LayerWarning(f"{where}: style {problem}; drawn as its category draws it"),
                    stacklevel=3,
                )
    return out


def layer_style(layer: Layer, colour: str | None = None) -> StyleSpec:
    """Leaflet options from the category's look and the layer's own ``style``, in
    ``colour`` (default :func:`layer_colour`) where the layer's style sets none. A marker
    size or symbol the maps do not know is the category's, with a :class:`LayerWarning`."""
    category = CATEGORIES[layer.category]
    s = {**category.style, **layer.style}
    s.pop("marker-size", None)
    s.pop("marker-symbol", None)
    s.update({k: v for k, v in category.style.items() if k in ("marker-size", "marker-symbol")})
    s.update(_symbol_keys(layer))
    if "stroke" not in layer.style and "marker-color" not in layer.style:
        colour = layer_colour(layer) if colour is None else colour
        s = {**s, "stroke": colour, "marker-color": colour}
        if "fill" not in layer.style:
            s["fill"] = colour
    color = s.get("stroke") or s.get("marker-color") or "#333333"
    style: StyleSpec = {
        "color": color,
        "weight": float(s.get("stroke-width", 3)),
        "opacity": float(s.get("stroke-opacity", 0.9)),
        "fillColor": s.get("fill", color),
        "fillOpacity": float(s.get("fill-opacity", 0.2)),
        "markerColor": s.get("marker-color", color),
        "radius": MARKER_SIZES[s.get("marker-size", "medium")],
        "symbol": s.get("marker-symbol", category.marker),
    }
    if s.get("dash-array"):
        style["dashArray"] = s["dash-array"]
    return style


def layer_colour(layer: Layer, taken: Iterable[str] = ()) -> str:
    """A layer's colour, the same in every output (the full map, ``--only``, the plot, a
    compare map): its own style's; else its category's for its id (a shipped layer:
    ``colors`` in ``geo/data/categories.toml``); else a colour of the category's palette
    picked by its id, or the next one of it not in ``taken`` (colours other layers of the
    map have); else its category style's.

    >>> import geopandas as gpd, shapely
    >>> from geo.layers import Layer
    >>> frame = gpd.GeoDataFrame({"name": ["a"]}, geometry=[shapely.Point(0, 0)], crs=4326)
    >>> layer_colour(Layer("corridors/cpec", "CPEC", "corridor", None, frame))
    '#5d3a1a'
    >>> mine = Layer("mine", "Mine", "port", None, frame)
    >>> layer_colour(mine) in CATEGORIES["port"].palette
    True
    >>> layer_colour(mine, taken=[layer_colour(mine)]) != layer_colour(mine)
    True
    """
    category = CATEGORIES[layer.category]
    own = layer.style.get("stroke") or layer.style.get("marker-color")
    if own:
        return str(own)
    if layer.id in category.colors:
        return category.colors[layer.id]
    palette = category.palette
    if not palette:
        return category.style.get("stroke") or category.style.get("marker-color") or "#333333"
    start = zlib.crc32(layer.id.encode("utf-8")) % len(palette)
    used = {c.lower() for c in taken}
    for k in range(len(palette)):
        colour = palette[(start + k) % len(palette)]
        if colour.lower() not in used:
            return colour
    return palette[start]


def order_layers(layers: Iterable[Layer]) -> list[Layer]:
    """Layers in map order: by category (as ``geo/data/categories.toml`` lists them),
    then id. The map draws them so, and :func:`map_colours` gives their colours so."""
    order = list(CATEGORIES)
    return sorted(layers, key=lambda layer: (order.index(layer.category), layer.id))


def map_colours(layers: Iterable[Layer]) -> dict[str, str]:
    """Each layer's colour by id as a map of ``layers`` gives it (:func:`layer_colours`
    in :func:`order_layers` order), whatever order they come in: the web map's, the
    plot's and the exports' colours agree."""
    return layer_colours(order_layers(layers))


def layer_colours(layers: Iterable[Layer]) -> dict[str, str]:
    """Each layer's colour by id (:func:`layer_colour`), picked in the order given (the
    map's: :func:`geo.mapspec.order_layers`), each clear of the colours the layers before
    it in its group have."""
    taken: dict[str, list[str]] = {}
    colours = {}
    for layer in layers:
        group = CATEGORIES[layer.category].group
        colours[layer.id] = layer_colour(layer, taken.get(group, ()))
        taken.setdefault(group, []).append(colours[layer.id])
    return colours


def grey_mix(colour: str, share: float, grey: str) -> str:
    """``colour`` mixed toward ``grey`` by ``share`` (0: as it is, 1: grey), channel by
    channel in sRGB, rounded half up: the page's script mixes the same way.

    >>> grey_mix("#c0392b", 0.5, "#8c8c8c")
    '#a6635c'
    >>> grey_mix("#abc", 0, "#8c8c8c")
    '#aabbcc'
    """

    def channels(text: str) -> list[int]:
        h = text.lstrip("#")
        h = "".join(c * 2 for c in h) if len(h) == 3 else h
        return [int(h[i : i + 2], 16) for i in (0, 2, 4)]

    mixed = [
        math.floor(c + (g - c) * share + 0.5)
        for c, g in zip(channels(colour), channels(grey), strict=True)
    ]
    return "#" + "".join(f"{c:02x}" for c in mixed)


def status_style(style: StyleSpec, status: Status | None, grey: str | None = None) -> StyleSpec:
    """How a feature in ``status`` is drawn, from its layer's ``style``
    (``geo/data/status.toml``): its dash in place of the layer's, its opacity and width
    factors, its colour mixed toward ``grey`` (default the vocabulary's); ``hollow`` set
    for a status whose points are rings. The page's script (``status.js``) does the same.

    >>> style = {"color": "#c0392b", "weight": 4.0, "opacity": 0.85, "fillColor": "#c0392b",
    ...          "fillOpacity": 0.2, "markerColor": "#c0392b", "radius": 6.5, "symbol": "circle"}
    >>> drawn = status_style(style, STATUSES["under-construction"])
    >>> drawn["dashArray"], drawn["color"], drawn["hollow"]
    ('9 6', '#c0392b', True)
    >>> status_style(style, STATUSES["historic"])["color"]
    '#94807d'
    """
    if status is None:
        return style
    grey = STATUSES.grey if grey is None else grey
    out: StyleSpec = {**style}
    if status.greyed:
        for key in ("color", "fillColor", "markerColor"):
            out[key] = grey_mix(style[key], status.greyed, grey)  # type: ignore[literal-required]
    out["opacity"] = style["opacity"] * status.opacity
    out["fillOpacity"] = style["fillOpacity"] * status.opacity
    out["weight"] = style["weight"] * status.weight
    if status.dash:
        out["dashArray"] = status.dash
    if status.hollow:
        out["hollow"] = True
    return out


def feature_statuses(layer: Layer) -> list[str | None] | None:
    """Each feature's status key (``geo/data/status.toml``; None where it has none), or
    None for a layer without a ``status`` column.

    Raises
    ------
    LayerError
        For a status the vocabulary does not hold (layer files are checked when read: a
        layer made in Python is checked here).
    """
    if "status" not in layer.frame.columns:
        return None
    keys: list[str | None] = []
    names = layer.frame["name"].tolist() if "name" in layer.frame.columns else []
    for i, value in enumerate(layer.frame["status"].tolist()):
        key = None if is_missing(value) else STATUSES.key_of(value)
        if key is None and not is_missing(value):
            where = str(layer.path) if layer.path is not None else f"layer {layer.id!r}"
            name = f" ({names[i]!r})" if i < len(names) and isinstance(names[i], str) else ""
            raise LayerError(
                [
                    f"{where}: feature {i}{name}: 'status' is {value!r}; expected a "
                    f"status of geo/data/status.toml (any case): {STATUSES.allowed()}"
                ]
            )
        keys.append(key)
    return keys if any(k is not None for k in keys) else None
