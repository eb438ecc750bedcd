"""How a layer looks, resolved once for the web map and the print map: its category's
look (``geo/data/categories.toml``) with the layer's own ``style`` on top, a colour of the
category's palette where it sets none; and the base maps (``geo/data/basemaps.toml``).
"""

from __future__ import annotations

import functools
import tomllib
import warnings
from importlib import resources
from typing import TYPE_CHECKING, Any, TypedDict

from .format import CATEGORIES, MARKER_SIZES, LayerWarning, style_problem

if TYPE_CHECKING:
    from .layers import Layer

__all__ = ["BASEMAPS", "StyleSpec", "builtin_basemap", "layer_style"]


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


def layer_style(layer: Layer, nth: int) -> StyleSpec:
    """Leaflet options from the category's look and the layer's own ``style``; ``nth``
    picks the colour of the category's palette for a layer that sets none. A marker size
    or symbol the maps do not know is the category's, with a :class:`LayerWarning`."""
    category = CATEGORIES[layer.category]
    s = {**category.style, **layer.style}
    s.pop("marker-size", None)
    s.pop("marker-symbol", None)
    s.update({k: v for k, v in category.style.items() if k in ("marker-size", "marker-symbol")})
    s.update(_symbol_keys(layer))
    if category.palette and "stroke" not in layer.style and "marker-color" not in layer.style:
        colour = category.palette[nth % len(category.palette)]
        s = {**s, "stroke": colour, "marker-color": colour}
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
