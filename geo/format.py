"""The layer format: categories, their geometry types and default looks, style keys.

A layer is one RFC 7946 GeoJSON FeatureCollection (WGS84, positions ``[lon, lat]``) with
top-level members ``name`` and ``category`` and optional ``description``, ``source``,
``style`` and ``figures``. See the README's "Adding a layer" for the full format.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

__all__ = [
    "CATEGORIES",
    "COLOR",
    "GEOMETRY_TYPES",
    "LINE_TYPES",
    "MARKER_SIZES",
    "MARKER_SYMBOLS",
    "STYLE_KEYS",
    "WGS84_CRS_NAMES",
    "Category",
    "LayerError",
    "LayerWarning",
]

LINE_TYPES = ("LineString", "MultiLineString")
GEOMETRY_TYPES = (
    "Point",
    "MultiPoint",
    "LineString",
    "MultiLineString",
    "Polygon",
    "MultiPolygon",
    "GeometryCollection",
)


#: How points can be drawn (a style's ``marker-symbol``).
MARKER_SYMBOLS = ("circle", "square", "diamond", "triangle")
#: A style's ``marker-size`` and the radius it draws, in CSS pixels.
MARKER_SIZES = {"small": 4.5, "medium": 6.5, "large": 9.0}


@dataclass(frozen=True)
class Category:
    """A kind of layer: the geometry types it takes and its default look.

    Read from ``geo/data/categories.toml``, the one place a category is defined.
    """

    key: str
    title: str
    group: str
    geometry_types: tuple[str, ...]
    style: dict[str, Any]
    marker: str = "circle"
    role_markers: dict[str, str] = field(default_factory=dict)
    palette: tuple[str, ...] = ()
    #: whether the map's first view is fitted to layers of this category (see categories.toml)
    first_view: bool = True

    @property
    def is_line(self) -> bool:
        return set(self.geometry_types) <= set(LINE_TYPES)


def _read_categories() -> dict[str, Category]:
    text = (resources.files("geo") / "data" / "categories.toml").read_text(encoding="utf-8")
    table = tomllib.loads(text)
    return {
        key: Category(
            key=key,
            title=entry["title"],
            group=entry["group"],
            geometry_types=tuple(entry["geometry_types"]),
            style=dict(entry["style"]),
            marker=entry.get("marker", "circle"),
            role_markers=dict(entry.get("role_markers", {})),
            palette=tuple(entry.get("palette", ())),
            first_view=bool(entry.get("first_view", True)),
        )
        for key, entry in table.items()
    }


CATEGORIES: dict[str, Category] = _read_categories()

COLOR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
STYLE_KEYS: dict[str, str] = {
    "stroke": "color",
    "stroke-width": "number",
    "stroke-opacity": "opacity",
    "fill": "color",
    "fill-opacity": "opacity",
    "marker-color": "color",
    "marker-size": "size",
    "marker-symbol": "symbol",
    "dash-array": "text",
}

WGS84_CRS_NAMES = {
    "urn:ogc:def:crs:ogc:1.3:crs84",
    "urn:ogc:def:crs:ogc::crs84",
    "ogc:crs84",
    "crs84",
    "epsg:4326",
    "urn:ogc:def:crs:epsg::4326",
    "urn:ogc:def:crs:epsg:4326",
    "http://www.opengis.net/def/crs/ogc/1.3/crs84",
    "http://www.opengis.net/def/crs/epsg/0/4326",
}


class LayerError(ValueError):
    """A layer file that cannot be used; the message has one line per problem."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


class LayerWarning(UserWarning):
    """Something under a layers folder that was skipped (a broken link, an unreadable folder)."""
