"""Lengths and distances on the WGS84 ellipsoid (Karney's algorithm through pyproj.Geod).

Every function takes and returns lengths in the unit named by ``units``: ``"km"`` (default),
``"m"``, ``"mi"`` (international statute miles, 1,609.344 m) or ``"nmi"`` (international
nautical miles, 1,852 m). Positions are (longitude, latitude) in degrees, WGS84.
"""

from __future__ import annotations

import numbers
import os
import sys
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import Geod
from shapely import GeometryType

from .geometry import as_geometry_array, frame_to_wgs84, line_parts

__all__ = [
    "UNITS",
    "WGS84",
    "distance_matrix",
    "geodesic_length",
    "inverse_m",
    "lengths_m",
    "nearest",
    "pairwise_distance",
    "thread_count",
    "to_lonlat_array",
    "unit_factor",
]

#: The WGS84 ellipsoid; Geod is thread-safe for inv/fwd (the C routines take const input).
WGS84 = Geod(ellps="WGS84")

#: Metres per unit.
UNITS: dict[str, float] = {"m": 1.0, "km": 1000.0, "mi": 1609.344, "nmi": 1852.0}

#: Below this many segments one thread does the work (thread start-up costs more).
_PARALLEL_MIN_SEGMENTS = 50_000


def unit_factor(units: str) -> float:
    """Metres in one ``units``; a ValueError names the valid units.

    >>> unit_factor("nmi")
    1852.0
    """
    try:
        return UNITS[units]
    except (KeyError, TypeError):
        raise ValueError(
            f"Expected units to be one of {', '.join(map(repr, UNITS))}, instead got: {units!r}"
        ) from None


def thread_count(n_items: int, threads: int | None) -> int:
    """Threads for ``n_items`` geodesic computations: ``threads`` if given, else one below
    50,000 items (starting threads costs more), else one per core up to 8."""
    if threads is not None:
        return max(1, int(threads))
    if n_items < _PARALLEL_MIN_SEGMENTS:
        return 1
    return max(1, min(os.cpu_count() or 1, 8))


def inverse_m(
    lon1: np.ndarray, lat1: np.ndarray, lon2: np.ndarray, lat2: np.ndarray, threads: int
) -> np.ndarray:
    """Geodesic distance in metres between paired positions, on ``threads`` threads; the
    arrays are overwritten."""
    n = len(lon1)
    if threads <= 1 or n < 2 * threads:
        return WGS84.inv(lon1, lat1, lon2, lat2, inplace=True, return_back_azimuth=False)[2]
    bounds = np.linspace(0, n, threads + 1).astype(int)

    def work(k: int) -> None:
        a, b = bounds[k], bounds[k + 1]
        WGS84.inv(
            lon1[a:b], lat1[a:b], lon2[a:b], lat2[a:b], inplace=True, return_back_azimuth=False
        )

    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(work, range(threads)))
    return lon2  # inv(inplace=True) writes the distances into the third array


# --------------------------------------------------------------------------- lengths


def lengths_m(geoms: np.ndarray, threads: int | None) -> np.ndarray:
    """Geodesic length in metres of each geometry (NaN for None), see :func:`geodesic_length`."""
    n = len(geoms)
    types = shapely.get_type_id(geoms)
    if (types == GeometryType.LINESTRING).all():  # no parts to explode: each line owns itself
        lines, owner = geoms, None
    else:
        lines, owner = line_parts(geoms)
    coords, idx = shapely.get_coordinates(lines, return_index=True)
    same = idx[1:] == idx[:-1]  # consecutive positions of one line
    lon, lat = coords[:, 0], coords[:, 1]
    lon1, lat1 = lon[:-1][same], lat[:-1][same]
    lon2, lat2 = lon[1:][same], lat[1:][same]
    dist = inverse_m(lon1, lat1, lon2, lat2, thread_count(len(lon1), threads))
    seg_owner = idx[:-1][same] if owner is None else owner[idx[:-1][same]]
    out = np.bincount(seg_owner, weights=dist, minlength=n).astype(float, copy=False)
    out[types == GeometryType.MISSING] = np.nan  # missing (None)
    return out


# --------------------------------------------------------------------------- dask frames


def _dask_geo_frame(obj: Any) -> bool:
    """Whether ``obj`` is a dask-geopandas GeoDataFrame or GeoSeries (dask is not imported:
    such an object exists only once dask_geopandas has been imported)."""
    dgpd = sys.modules.get("dask_geopandas")
    return dgpd is not None and isinstance(obj, dgpd.GeoDataFrame | dgpd.GeoSeries)


def _dask_type(obj: Any) -> str | None:
    """The qualified type name of a dask collection (any, dask-geopandas or not), else None."""
    cls = type(obj)
    if _dask_geo_frame(obj) or cls.__module__.partition(".")[0] in ("dask", "dask_geopandas"):
        return f"{cls.__module__}.{cls.__name__}"
    return None


def _dask_lengths(obj: Any, units: str, threads: int | None) -> Any:
    """The lazy per-partition lengths of a dask-geopandas frame: a dask Series, same index
    and divisions, each partition measured by the in-memory :func:`geodesic_length`."""
    series = obj if isinstance(obj, sys.modules["dask_geopandas"].GeoSeries) else obj.geometry
    return series.map_partitions(
        geodesic_length,
        units=units,
        threads=1 if threads is None else threads,
        meta=(f"length_{units}", "f8"),
        token=f"geodesic_length-{units}",
    )


def geodesic_length(obj: Any, *, units: str = "km", threads: int | None = None) -> Any:
    """Length along the WGS84 geodesic, in ``units``.

    Lines and multi-lines are measured segment by segment along the geodesic (never
    planar); polygons give their perimeter (all rings); points give 0; empty geometries
    give 0 and missing ones (None) give NaN, as :func:`shapely.length` does.

    Parameters
    ----------
    obj : shapely geometry, GeoSeries, GeoDataFrame or array-like of geometries
        Positions are (lon, lat) degrees. A frame in another CRS is transformed to
        WGS84 first; a frame without CRS is taken as WGS84 when its bounds fit.
        A dask-geopandas GeoDataFrame or GeoSeries (the ``dask`` extra) gives a lazy
        result, computed partition by partition with the same numbers as in memory;
        a partition's CRS error is raised when the result is computed.
    units : {"km", "m", "mi", "nmi"}
        Unit of the result.
    threads : int, optional
        Worker threads (default: one per core for large inputs, else one; for a dask
        frame, one per partition, since the cluster's workers share out the partitions).

    Returns
    -------
    float for one geometry, pandas.Series (same index) for pandas input, a lazy
    dask Series (same index and divisions, float64) for dask-geopandas input, else
    numpy array.

    Examples
    --------
    >>> from shapely import LineString
    >>> round(geodesic_length(LineString([(1, 2), (3, 4)]), units="m"), 3)
    313588.397
    >>> geodesic_length([LineString([(0, 0), (1, 0)]), None], units="nmi").round(3)
    array([60.108,    nan])

    A dask-geopandas frame (``pip install -e '.[dask]'``) gives a lazy dask Series:

    >>> import dask_geopandas
    >>> frame = gpd.GeoDataFrame(geometry=[LineString([(0, 0), (1, 0)])] * 4, crs=4326)
    >>> lazy = geodesic_length(dask_geopandas.from_geopandas(frame, npartitions=2))
    >>> lazy.npartitions, round(float(lazy.sum().compute()), 3)
    (2, 445.278)
    """
    factor = unit_factor(units)
    if _dask_geo_frame(obj):
        return _dask_lengths(obj, units, threads)
    if _dask_type(obj):  # as an array it would be computed whole, in this process
        raise TypeError(
            "Expected a dask_geopandas GeoDataFrame or GeoSeries (e.g. from "
            f"dask_geopandas.read_parquet), instead got: {_dask_type(obj)}"
        )
    if isinstance(obj, gpd.GeoSeries | gpd.GeoDataFrame):
        series = frame_to_wgs84(obj)
        values = lengths_m(np.asarray(series.array, dtype=object), threads) / factor
        return pd.Series(values, index=obj.index, name=f"length_{units}")
    if isinstance(obj, shapely.Geometry) or obj is None:
        return float(lengths_m(as_geometry_array([obj]), threads)[0] / factor)
    if isinstance(obj, pd.Series):  # a plain Series of geometries: taken as WGS84
        values = lengths_m(as_geometry_array(obj.to_numpy()), threads) / factor
        return pd.Series(values, index=obj.index, name=f"length_{units}")
    geoms = as_geometry_array(obj)
    return lengths_m(geoms, threads).reshape(np.shape(obj)) / factor


# --------------------------------------------------------------------------- distances


def to_lonlat_array(points: Any) -> np.ndarray:
    """Positions as an (N, 2) float array of (lon, lat) degrees.

    Takes an (N, 2) array-like, a sequence of (lon, lat) pairs, shapely Points, or a
    GeoSeries/GeoDataFrame of points (transformed to WGS84 when it has another CRS).

    >>> to_lonlat_array([(116.4, 39.9), (2.35, 48.86)]).shape
    (2, 2)
    """
    if _dask_type(points):  # as an array it would be computed whole, in this process
        raise TypeError(
            "Expected points in memory (call .compute() on a dask frame first), "
            f"instead got: {_dask_type(points)}"
        )
    if isinstance(points, gpd.GeoSeries | gpd.GeoDataFrame):
        points = np.asarray(frame_to_wgs84(points).array, dtype=object)
    arr = np.asarray(points, dtype=object)
    if arr.size == 0:
        return np.zeros((0, 2))
    if isinstance(arr.ravel()[0], shapely.Geometry):
        geoms = arr.ravel()
        empty = np.flatnonzero(shapely.is_empty(geoms))
        if len(empty):
            raise ValueError(
                f"Expected non-empty points, instead got an empty Point at row {int(empty[0])}"
            )
        if not (shapely.get_type_id(geoms) == GeometryType.POINT).all():
            raise ValueError(
                "Expected Point geometries, instead got: "
                f"{sorted(set(shapely.get_type_id(geoms)))} type ids"
            )
        return shapely.get_coordinates(geoms)
    try:
        out = np.asarray(points, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(
            f"Expected (lon, lat) pairs of numbers, instead got: {points!r:.80}"
        ) from None
    if out.ndim == 1 and out.shape == (2,):
        out = out.reshape(1, 2)
    if out.ndim != 2 or out.shape[1] != 2:
        raise ValueError(f"Expected an (N, 2) array of (lon, lat), instead got shape {out.shape}")
    bad = ~((np.abs(out[:, 0]) <= 180) & (np.abs(out[:, 1]) <= 90))
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        lon, lat = float(out[i, 0]), float(out[i, 1])
        swapped = abs(lat) > 90 and abs(lon) <= 90 and abs(lat) <= 180
        hint = f"; it looks like (lat, lon): write ({lat:g}, {lon:g})" if swapped else ""
        raise ValueError(
            f"Expected longitude in [-180, 180] and latitude in [-90, 90] (order: lon, lat), "
            f"instead got: ({lon:g}, {lat:g}) at row {i}{hint}"
        )
    return out


def pairwise_distance(a: Any, b: Any, *, units: str = "km", threads: int | None = None):
    """Geodesic distance between a[i] and b[i], in ``units``.

    >>> float(pairwise_distance([(0, 0)], [(0, 1)], units="m")[0].round(3))
    110574.389
    """
    factor = unit_factor(units)
    pa, pb = to_lonlat_array(a), to_lonlat_array(b)
    if len(pa) != len(pb):
        raise ValueError(
            f"Expected as many points in a as in b, instead got {len(pa)} and {len(pb)}"
        )
    lon1, lat1 = pa[:, 0].copy(), pa[:, 1].copy()
    lon2, lat2 = pb[:, 0].copy(), pb[:, 1].copy()
    return inverse_m(lon1, lat1, lon2, lat2, thread_count(len(pa), threads)) / factor


def _matrix_rows(
    pa: np.ndarray, pb: np.ndarray, rows: range, out: np.ndarray, upper: bool, factor: float
) -> None:
    """Fill out[rows] with distances; with ``upper`` only columns j > i (a == b)."""
    for i in rows:
        j0 = i + 1 if upper else 0
        m = len(pb) - j0
        if m <= 0:
            continue
        lon1 = np.full(m, pa[i, 0])
        lat1 = np.full(m, pa[i, 1])
        lon2 = pb[j0:, 0].copy()
        lat2 = pb[j0:, 1].copy()
        WGS84.inv(lon1, lat1, lon2, lat2, inplace=True, return_back_azimuth=False)
        if factor != 1.0:
            lon2 /= factor
        out[i, j0:] = lon2  # inv(inplace=True) writes the distances into the third array


def distance_matrix(
    points: Any, targets: Any = None, *, units: str = "km", threads: int | None = None
) -> np.ndarray:
    """Geodesic distances between all points, in ``units``: an (N, N) array.

    With ``targets``, the (N, M) distances from each point to each target. For one set,
    only the upper triangle is computed (the matrix is symmetric, with a zero diagonal),
    row by row into the result, so memory stays near the result's size.

    >>> distance_matrix([(0, 0), (0, 1), (1, 0)], units="km").round(1)
    array([[  0. , 110.6, 111.3],
           [110.6,   0. , 156.9],
           [111.3, 156.9,   0. ]])
    """
    factor = unit_factor(units)
    pa = to_lonlat_array(points)
    pb = pa if targets is None else to_lonlat_array(targets)
    upper = targets is None
    n, m = len(pa), len(pb)
    out = np.zeros((n, m))
    work = n * m // (2 if upper else 1)
    k = thread_count(work, threads)
    if k == 1:
        _matrix_rows(pa, pb, range(n), out, upper, factor)
    else:
        # interleave rows so the triangle's long and short rows are shared evenly
        with ThreadPoolExecutor(k) as pool:
            list(
                pool.map(
                    lambda t: _matrix_rows(pa, pb, range(t, n, k), out, upper, factor), range(k)
                )
            )
    if upper:
        _mirror_upper(out)
    return out


def _mirror_upper(out: np.ndarray, block: int = 512) -> None:
    """Copy the upper triangle onto the lower one a block of rows at a time (no big temporaries)."""
    n = len(out)
    for b0 in range(0, n, block):
        b1 = min(n, b0 + block)
        out[b0:b1, :b0] = out[:b0, b0:b1].T
        diag = out[b0:b1, b0:b1]
        diag += np.triu(diag, 1).T


def nearest(
    points: Any,
    targets: Any,
    *,
    k: int = 1,
    units: str = "km",
    point_names: Sequence[str] | None = None,
    target_names: Sequence[str] | None = None,
) -> pd.DataFrame:
    """The ``k`` nearest targets of each point by geodesic distance.

    Points and targets are anything :func:`to_lonlat_array` takes; a GeoDataFrame's
    ``name`` column gives the names (else ``point_names``/``target_names``, else the
    row numbers). Returns one row per (point, rank): ``point``, ``rank`` (1 = nearest),
    ``target`` and ``distance_<units>``.

    >>> nearest([(0, 0)], [(0, 2), (0, 1)], target_names=["far", "near"]).to_dict("records")
    [{'point': 0, 'rank': 1, 'target': 'near', 'distance_km': 110.57438855779878}]
    """
    if isinstance(k, bool) or not isinstance(k, numbers.Integral) or k < 1:
        raise ValueError(f"Expected k to be a positive integer, instead got: {k!r}")
    pnames = _names(points, point_names)
    tnames = _names(targets, target_names)
    pa, pb = to_lonlat_array(points), to_lonlat_array(targets)
    k = min(int(k), len(pb))
    rows: list[pd.DataFrame] = []
    block = max(1, 2_000_000 // max(1, len(pb)))
    for start in range(0, len(pa), block):
        dist = distance_matrix(pa[start : start + block], pb, units=units)
        order = np.argsort(dist, axis=1, kind="stable")[:, :k]
        taken = np.take_along_axis(dist, order, axis=1)
        idx = np.arange(start, start + len(dist))
        rows.append(
            pd.DataFrame(
                {
                    "point": np.repeat(np.asarray(pnames, dtype=object)[idx], k),
                    "rank": np.tile(np.arange(1, k + 1), len(idx)),
                    "target": np.asarray(tnames, dtype=object)[order.ravel()],
                    f"distance_{units}": taken.ravel(),
                }
            )
        )
    if not rows:
        return pd.DataFrame(columns=["point", "rank", "target", f"distance_{units}"])
    return pd.concat(rows, ignore_index=True)


def _names(obj: Any, names: Sequence[str] | None) -> list:
    if names is not None:
        return list(names)
    if isinstance(obj, gpd.GeoDataFrame) and "name" in obj.columns:
        return list(obj["name"])
    return list(range(len(to_lonlat_array(obj))))
