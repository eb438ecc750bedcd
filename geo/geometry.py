"""Geometry steps that several modules take, each written once: kinds of geometry by
shapely's type ids, arrays of geometries from what users pass, lines out of any geometry,
longitudes made continuous, empty parts dropped, and positions as Earth-centred vectors.

Positions are (longitude, latitude) in degrees, WGS84.
"""

from __future__ import annotations

from typing import Any

import geopandas as gpd
import numpy as np
import shapely
from pyproj import Geod
from shapely import GeometryType

__all__ = [
    "AREAS",
    "LINEAR",
    "LINES",
    "MULTI",
    "POINTS",
    "as_geometry_array",
    "continuous_lon",
    "drop_empty_parts",
    "earth_centred",
    "frame_to_wgs84",
    "is_kind",
    "line_parts",
    "named_geometries",
]

#: Points and multi-points.
POINTS = (GeometryType.POINT, GeometryType.MULTIPOINT)
#: LineStrings and MultiLineStrings: what a line layer holds.
LINES = (GeometryType.LINESTRING, GeometryType.MULTILINESTRING)
#: Single lines that have a length: LineStrings and LinearRings.
LINEAR = (GeometryType.LINESTRING, GeometryType.LINEARRING)
#: Polygons and multi-polygons.
AREAS = (GeometryType.POLYGON, GeometryType.MULTIPOLYGON)
#: Geometries made of parts.
MULTI = (
    GeometryType.MULTIPOINT,
    GeometryType.MULTILINESTRING,
    GeometryType.MULTIPOLYGON,
    GeometryType.GEOMETRYCOLLECTION,
)

#: WGS84's semi-major axis (m) and first eccentricity squared, as pyproj has them.
_A, _E2 = Geod(ellps="WGS84").a, Geod(ellps="WGS84").es


def is_kind(geoms: Any, kinds: tuple[GeometryType, ...] | GeometryType) -> np.ndarray:
    """Whether each geometry is of one of ``kinds`` (None is of none).

    >>> from shapely import LineString, Point
    >>> is_kind([Point(0, 0), LineString([(0, 0), (1, 1)]), None], LINES).tolist()
    [False, True, False]
    """
    wanted = (kinds,) if isinstance(kinds, GeometryType) else kinds
    return np.isin(shapely.get_type_id(geoms), [int(k) for k in wanted])


def as_geometry_array(obj: Any) -> np.ndarray:
    """A flat object array of shapely geometries (or None) from a geometry, a list or an
    array of them; anything else is a TypeError naming it.

    >>> from shapely import Point
    >>> as_geometry_array(Point(1, 2)).shape
    (1,)
    """
    arr = np.asarray(obj, dtype=object)
    if arr.ndim == 0:
        arr = arr.reshape(1)
    flat = arr.ravel()
    bad = [g for g in flat if g is not None and not isinstance(g, shapely.Geometry)]
    if bad:
        raise TypeError(
            "Expected shapely geometries (or None), instead got: "
            f"{type(bad[0]).__name__} {bad[0]!r:.60}"
        )
    return flat


def frame_to_wgs84(obj: gpd.GeoSeries | gpd.GeoDataFrame) -> gpd.GeoSeries:
    """The geometries of a frame in WGS84 longitude/latitude: transformed from its CRS, or
    taken as they are where it has none and they fit longitude (up to 540°, for lines
    unwrapped across ±180°) and latitude; else a ValueError saying to set the CRS."""
    series = obj.geometry if isinstance(obj, gpd.GeoDataFrame) else obj
    if series.crs is None:
        xmin, ymin, xmax, ymax = series.total_bounds
        if (
            len(series)
            and np.isfinite([xmin, ymin, xmax, ymax]).all()
            and not (xmin >= -180 and xmax <= 540 and ymin >= -90 and ymax <= 90)
        ):
            raise ValueError(
                "Expected WGS84 longitude/latitude for a frame with no CRS, instead got "
                f"bounds ({xmin:g}, {ymin:g}, {xmax:g}, {ymax:g}); set the frame's CRS "
                "(e.g. gdf.set_crs(3857)) so it can be transformed"
            )
        return series
    if series.crs.equals("EPSG:4326") or series.crs.equals("OGC:CRS84"):
        return series
    return series.to_crs("EPSG:4326")


def named_geometries(obj: Any) -> tuple[np.ndarray, list]:
    """The geometries (WGS84) and feature names of a geo.Layer, a GeoDataFrame, a GeoSeries,
    a shapely geometry or an array of them: a frame's ``name`` column, else its index, else
    the position."""
    frame = getattr(obj, "frame", None)
    if isinstance(frame, gpd.GeoDataFrame):  # a geo.Layer
        obj = frame
    if isinstance(obj, gpd.GeoDataFrame | gpd.GeoSeries):
        series = frame_to_wgs84(obj)
        if isinstance(obj, gpd.GeoDataFrame) and "name" in obj.columns:
            names = list(obj["name"])
        else:
            names = list(obj.index)
        return np.asarray(series.array, dtype=object), names
    if isinstance(obj, shapely.Geometry):
        return np.array([obj], dtype=object), [0]
    geoms = as_geometry_array(obj)
    return geoms, list(range(len(geoms)))


def line_parts(geoms: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Single lines out of any geometries, and the index of the geometry each came from.

    Polygons become their rings (so their length is the perimeter), multi-part geometries
    and collections are exploded, points are dropped (length 0).

    >>> from shapely import MultiLineString, Point, box
    >>> lines, owner = line_parts(np.array([box(0, 0, 1, 1), Point(0, 0),
    ...     MultiLineString([[(0, 0), (1, 0)], [(2, 0), (3, 0)]])], dtype=object))
    >>> len(lines), owner.tolist()
    (3, [0, 2, 2])
    """
    owner = np.arange(len(geoms))
    lines_out: list[np.ndarray] = []
    owners_out: list[np.ndarray] = []
    while len(geoms):
        polygons = is_kind(geoms, AREAS)
        if polygons.any():
            geoms = geoms.copy()
            geoms[polygons] = shapely.boundary(geoms[polygons])
        single = is_kind(geoms, LINEAR)
        lines_out.append(geoms[single])
        owners_out.append(owner[single])
        multi = is_kind(geoms, (GeometryType.MULTILINESTRING, GeometryType.GEOMETRYCOLLECTION))
        if not multi.any():
            break
        parts, part_idx = shapely.get_parts(geoms[multi], return_index=True)
        geoms, owner = parts, owner[multi][part_idx]
    if not lines_out:  # no geometries at all
        return np.empty(0, dtype=object), np.empty(0, dtype=np.int64)
    return np.concatenate(lines_out), np.concatenate(owners_out)


def drop_empty_parts(geoms: np.ndarray) -> tuple[np.ndarray, int]:
    """Multi-part geometries and collections without their empty parts (an empty part has
    no position); returns the geometries and how many parts were dropped. A geometry left
    with no part is empty of its own type.

    >>> from shapely import MultiLineString, from_wkt
    >>> g = from_wkt("MULTILINESTRING ((0 0, 1 1), EMPTY)")
    >>> out, dropped = drop_empty_parts(np.array([g], dtype=object))
    >>> out[0].wkt, dropped
    ('MULTILINESTRING ((0 0, 1 1))', 1)
    """
    multi = np.flatnonzero(is_kind(geoms, MULTI))
    if not len(multi):
        return geoms, 0
    parts, owner = shapely.get_parts(geoms[multi], return_index=True)
    empty = shapely.is_empty(parts)
    if not empty.any():
        return geoms, 0
    out = geoms.copy()
    for k in np.unique(owner[empty]):
        i = multi[k]
        keep = [p for p in parts[owner == k] if not p.is_empty]
        out[i] = type(geoms[i])(keep) if keep else type(geoms[i])()
    return out, int(empty.sum())


def continuous_lon(lon: np.ndarray, group: np.ndarray) -> np.ndarray:
    """Longitudes moved by whole turns so that each step within a group is at most 180°
    (the short way), each group keeping its first longitude: a line across ±180° becomes
    one continuous run (past 180° or before -180°).

    >>> continuous_lon(np.array([179.0, -179.0, -178.0]), np.zeros(3, dtype=int)).tolist()
    [179.0, 181.0, 182.0]
    """
    if len(lon) < 2:
        return lon.copy()
    d = np.diff(lon)
    shift = np.round(d / 360.0) * 360.0  # how far each step jumps by whole turns
    shift[group[1:] != group[:-1]] = 0.0
    total = np.concatenate([[0.0], np.cumsum(shift)])
    starts = np.flatnonzero(np.concatenate([[True], group[1:] != group[:-1]]))
    total -= np.repeat(total[starts], np.diff(np.append(starts, len(lon))))
    return lon - total


def earth_centred(lon: Any, lat: Any, *, sphere: bool = False) -> np.ndarray:
    """Earth-centred, Earth-fixed positions: on the WGS84 ellipsoid in metres, or with
    ``sphere`` as unit vectors of the directions (a sphere of radius 1). The straight
    distance between two such positions is never more than the geodesic one, which makes
    them a bound for index searches.

    >>> earth_centred([0.0], [0.0]).round(3).tolist()
    [[6378137.0, 0.0, 0.0]]
    >>> earth_centred([90.0], [0.0], sphere=True).round(12).tolist()
    [[0.0, 1.0, 0.0]]
    """
    lam, phi = np.radians(np.asarray(lon, dtype=float)), np.radians(np.asarray(lat, dtype=float))
    if sphere:
        return np.column_stack([np.cos(phi) * np.cos(lam), np.cos(phi) * np.sin(lam), np.sin(phi)])
    n = _A / np.sqrt(1.0 - _E2 * np.sin(phi) ** 2)
    return np.column_stack(
        [n * np.cos(phi) * np.cos(lam), n * np.cos(phi) * np.sin(lam), n * (1 - _E2) * np.sin(phi)]
    )
