"""Writing layers out as one RFC 7946 GeoJSON file, for GIS tools (QGIS, geopandas, ...).

Lines may be densified along the geodesic first, so a GIS that draws straight segments
in its own projection still follows the shortest path; lines that cross ±180° are cut
there into MultiLineStrings, as RFC 7946 section 3.1.9 asks.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np
import shapely

from ._files import write_text_atomic
from .layers import Layer
from .lines import densify_geodesic, split_antimeridian

__all__ = ["export_geojson", "to_feature_collection"]


def _finite(value: Any) -> Any:
    """JSON has no NaN or infinity: such numbers become null, in nested values too."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, list):
        return [_finite(v) for v in value]
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    return value


def to_feature_collection(
    layers: Iterable[Layer], *, densify_km: float | None = None, precision: int = 6
) -> dict[str, Any]:
    """One FeatureCollection of every feature of ``layers``.

    Each feature keeps its properties and gains ``layer_id`` and ``layer_category``.
    With ``densify_km``, line legs longer than that many kilometres get positions along
    the geodesic. Positions are rounded to ``precision`` decimals (6 is about 0.1 m) and
    lines crossing ±180° are split there. Positions come out 2D (longitude, latitude).

    >>> import geo
    >>> from shapely import LineString
    >>> import geopandas as gpd
    >>> frame = gpd.GeoDataFrame({"name": ["Pacific"]},
    ...                          geometry=[LineString([(170, 0), (-170, 0)])], crs=4326)
    >>> layer = geo.Layer("demo", "Demo", "sea-lane", None, frame)
    >>> fc = to_feature_collection([layer])
    >>> fc["features"][0]["geometry"]["type"], fc["features"][0]["properties"]["layer_id"]
    ('MultiLineString', 'demo')
    """
    features: list[dict[str, Any]] = []
    for layer in layers:
        geoms = layer.geometries()
        if densify_km is not None:
            geoms = densify_geodesic(geoms, max_segment_km=densify_km)
        geoms = split_antimeridian(geoms)
        geoms = shapely.transform(geoms, lambda c: np.round(c, precision))
        records = layer.properties
        for props, text in zip(records, shapely.to_geojson(geoms), strict=True):
            features.append(
                {
                    "type": "Feature",
                    "properties": {
                        **_finite(props),
                        "layer_id": layer.id,
                        "layer_category": layer.category,
                    },
                    "geometry": json.loads(text) if text is not None else None,
                }
            )
    return {"type": "FeatureCollection", "features": features}


def export_geojson(
    layers: Iterable[Layer],
    path: str | Path,
    *,
    densify_km: float | None = None,
    precision: int = 6,
) -> Path:
    """Write :func:`to_feature_collection` of ``layers`` to ``path`` (UTF-8), atomically.

    A failed write leaves any previous file in place.
    """
    doc = to_feature_collection(layers, densify_km=densify_km, precision=precision)
    text = json.dumps(doc, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return write_text_atomic(path, text, what="the GeoJSON")
