"""The layer format: categories, their geometry types and default looks, style keys.

A layer is one RFC 7946 GeoJSON FeatureCollection (WGS84, positions ``[lon, lat]``) with
top-level members ``name`` and ``category`` and optional ``description``, ``source``,
``style`` and ``figures``. See the README's "Adding a layer" for the full format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

__all__ = [
    "CATEGORIES",
    "COLOR",
    "GEOMETRY_TYPES",
    "LINE_TYPES",
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


@dataclass(frozen=True)
class Category:
    """A kind of layer: the geometry types it takes and its default look."""

    key: str
    title: str
    group: str
    geometry_types: tuple[str, ...]
    style: dict[str, Any]

    @property
    def is_line(self) -> bool:
        return set(self.geometry_types) <= set(LINE_TYPES)


CATEGORIES: dict[str, Category] = {
    c.key: c
    for c in (
        Category(
            "corridor",
            "Economic corridor",
            "Economic corridors",
            LINE_TYPES,
            {"stroke": "#c0392b", "stroke-width": 4, "stroke-opacity": 0.85},
        ),
        Category(
            "rail-route",
            "Rail route",
            "China–Europe rail",
            LINE_TYPES,
            {"stroke": "#6c3483", "stroke-width": 2.5, "stroke-opacity": 0.8},
        ),
        Category(
            "rail-node",
            "Rail terminal / border crossing",
            "China–Europe rail",
            ("Point",),
            {"marker-color": "#6c3483", "marker-symbol": "rail"},
        ),
        Category(
            "port",
            "Port",
            "Maritime Silk Road",
            ("Point",),
            {"marker-color": "#1f618d", "marker-symbol": "harbor"},
        ),
        Category(
            "sea-lane",
            "Sea lane",
            "Maritime Silk Road",
            LINE_TYPES,
            {"stroke": "#2e86c1", "stroke-width": 3, "stroke-opacity": 0.8, "dash-array": "8 6"},
        ),
        Category(
            "other",
            "Other",
            "Other layers",
            GEOMETRY_TYPES,
            {"stroke": "#d35400", "stroke-width": 3, "marker-color": "#d35400", "fill": "#d35400"},
        ),
    )
}

COLOR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
STYLE_KEYS: dict[str, str] = {
    "stroke": "color",
    "stroke-width": "number",
    "stroke-opacity": "opacity",
    "fill": "color",
    "fill-opacity": "opacity",
    "marker-color": "color",
    "marker-size": "size",
    "marker-symbol": "text",
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
