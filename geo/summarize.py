"""Summaries of points: how many, and their values added up, near each line or in each
country.

Near a line: a point counts for every line it lies within ``km`` of, measured as
:func:`geo.within` measures (the shortest geodesic distance on WGS84 to the line, which
runs along the geodesic between its vertices; :func:`geo.near.pairs_within`). In a
country: a point counts for the country of the base map it lies in (Natural Earth's 1:50m
borders, the ones :func:`geo.length_by_country` splits lines at;
:func:`geo.countries.country_at`), and points outside every country are counted apart.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from numbers import Real
from typing import Any

import numpy as np
import pandas as pd
from pandas.api.types import is_bool_dtype, is_numeric_dtype

from ._text import short_value, value_text
from .countries import country_at
from .geometry import named_geometries
from .near import pairs_within, point_positions, points_frame
from .values import is_missing, plain_value

__all__ = ["NO_POSITION", "OUTSIDE", "STATISTICS", "check_values", "summarize"]

#: What a ``values`` entry may ask of a column: all but ``count`` need numbers.
STATISTICS = ("sum", "mean", "max", "min", "count")
#: ``name`` of the row of the points outside every country (at sea, in the Caspian).
OUTSIDE = "outside every country"
#: ``name`` of the row of the features with no position (a missing or empty geometry).
NO_POSITION = "no position"


def summarize(
    frame: Any,
    by: Any,
    *,
    km: float | None = None,
    values: Mapping[Any, str | Sequence[str]] | None = None,
) -> pd.DataFrame:
    """Count the points near each line, or in each country, and sum (or average, ...)
    their values there.

    Parameters
    ----------
    frame : GeoDataFrame or geo.Layer
        Points. A MultiPoint counts by its nearest point near a line, and once in each
        country one of its points lies in. Lines and polygons are refused.
    by : geo.Layer, GeoDataFrame, GeoSeries, geometries, or "country"
        Lines (LineStrings and MultiLineStrings): one row per feature, and a point counts
        for each line it lies within ``km`` of (so for two lines near it). Or
        ``"country"``: one row per country of the base map that holds points, each point
        counting for the country it lies in (see Notes).
    km : float
        With lines, required: the distance in km, a finite number > 0, as
        :func:`geo.within` takes it (from 20,004 km, more than half a meridian, every point
        is near every line). With ``"country"``: not taken.
    values : dict, optional
        ``{column: statistic}`` or ``{column: [statistic, ...]}``, a statistic being
        ``"sum"``, ``"mean"``, ``"max"``, ``"min"`` (of numbers) or ``"count"`` (of the
        values present, of any kind). Each gives a column ``<column>_<statistic>``.
        Missing values (None, NaN) are skipped: the sum of none is 0, their mean, max and
        min are NaN. A value that is not a number (text, True/False, an infinity) in a
        column asked for a sum, mean, max or min is an error naming the column and a row.

    Returns
    -------
    pandas.DataFrame
        With lines: ``feature`` (the line's ``name``, else its index), ``count`` (the
        points within ``km``), then the ``values`` columns; one row per feature of
        ``by``, in its order (a line with no point near has count 0).

        With ``"country"``: ``iso_a3`` (ISO 3166-1 alpha-3, as
        :func:`geo.length_by_country` gives them), ``name`` (the country's), ``count``,
        then the ``values`` columns; the countries by count, most first (equal counts by
        code), then a row of the points outside every country (``iso_a3`` None, ``name``
        :data:`OUTSIDE`), then one of the features with no position (``iso_a3`` None,
        ``name`` :data:`NO_POSITION`), each only where there are such points.

    Raises
    ------
    ValueError
        A ``by`` or ``km`` not as above; a column not in ``frame``, an unknown statistic,
        a value that is not a number where numbers are asked for; lines or polygons in
        ``frame``.
    TypeError
        ``frame`` not a GeoDataFrame or a geo.Layer.

    Notes
    -----
    The borders are the base map's: Natural Earth 4.1.0 Admin 0 at 1:50m, the de facto
    lines, no position on any dispute. A point on a border lies in both countries'
    polygons; it counts once, for the first of them in the base map's order
    (``geo/data/countries.csv``), the country :func:`geo.length_by_country` gives a line's
    run there, so that the counts add up to the points and do not depend on the order of
    the input. A point on a coastline counts for the country.

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely import LineString, Point
    >>> towns = gpd.GeoDataFrame({"amount": [10.0, 5.0, None, 7.0]},
    ...     geometry=[Point(10, 0.4), Point(10, 0.6), Point(10, 1.2), Point(10, 5)],
    ...     crs=4326)
    >>> lines = gpd.GeoDataFrame({"name": ["equator", "1°N"]},
    ...     geometry=[LineString([(0, 0), (20, 0)]), LineString([(0, 1), (20, 1)])],
    ...     crs=4326)
    >>> summarize(towns, by=lines, km=50, values={"amount": ["sum", "count"]})
       feature  count  amount_sum  amount_count
    0  equator      1        10.0             1
    1      1°N      2         5.0             1

    >>> cities = gpd.GeoDataFrame({"pop": [2_000_000, 1_600_000, 1_300_000, None]},
    ...     geometry=[Point(76.95, 43.25), Point(106.9, 47.9), Point(71.45, 51.17),
    ...               Point(60, 20)], crs=4326)
    >>> summarize(cities, by="country", values={"pop": "sum"})
      iso_a3                   name  count    pop_sum
    0    KAZ             Kazakhstan      2  3300000.0
    1    MNG               Mongolia      1  1600000.0
    2   None  outside every country      1        0.0
    """
    frame = points_frame(frame)
    asked = _asked(values, frame)
    columns = {column: _column_values(frame, column, stats) for column, stats in asked.items()}
    if isinstance(by, str):
        if by != "country":
            raise ValueError(
                "Expected by to be 'country' or lines (a geo.Layer, a GeoDataFrame or "
                f"geometries), instead got {short_value(by)}; a layer id: load the layer "
                "first (geo.load_layers)"
            )
        if km is not None:
            raise ValueError(
                f"Expected no km with by='country' (a point counts for the country it lies "
                f"in), instead got km={km!r}"
            )
        groups, row, group = _by_country(frame)
    else:
        if km is None:
            raise ValueError(
                "Expected km (a finite number > 0) with lines as by: a point counts for "
                "each line it lies within km of"
            )
        _, names = named_geometries(by)
        pairs = pairs_within(frame, of=by, km=km)
        groups = pd.DataFrame({"feature": pd.Series(names, dtype=object)})
        row, group = pairs["row"].to_numpy(), pairs["line"].to_numpy()
    table = _aggregate(groups, row, group, columns, asked)
    if isinstance(by, str):
        table = _country_order(table)
    return table.reset_index(drop=True)


def check_values(frame: Any, values: Any) -> dict[Any, list[str]]:
    """``values`` as :func:`summarize` takes it, checked against the columns and values of
    ``frame``: {column: [statistic, ...]}. A ValueError (starting "values: ") says what is
    wrong: every unknown column and statistic at once; else, of the first column asked for
    numbers that holds something else, the first such value and its row (and how many
    more there are).

    >>> import geopandas as gpd
    >>> from shapely import Point
    >>> frame = gpd.GeoDataFrame({"teu": [1.5, "n/a"]}, geometry=[Point(0, 0)] * 2)
    >>> check_values(frame, {"teu": "count"})
    {'teu': ['count']}
    >>> check_values(frame, {"teu": "sum"})
    Traceback (most recent call last):
    ...
    ValueError: values: column 'teu', row 1: expected a finite number for 'sum', instead got 'n/a'
    """
    frame = points_frame(frame)
    asked = _asked(values, frame)
    for column, stats in asked.items():
        _column_values(frame, column, stats)
    return asked


def _asked(values: Any, frame: pd.DataFrame) -> dict[Any, list[str]]:
    """``values`` as {column: [statistic, ...]}, checked against the frame's columns:
    every problem at once."""
    if values is None:
        return {}
    if not isinstance(values, Mapping):
        raise ValueError(
            "Expected values to be a dict {column: statistic}, instead got "
            f"{type(values).__name__}"
        )
    problems = []
    asked: dict[Any, list[str]] = {}
    known = [c for c in frame.columns if c != frame.geometry.name]
    for column, stats in values.items():
        listed = [stats] if isinstance(stats, str) else stats
        if not isinstance(listed, Sequence) or not listed:
            problems.append(
                f"column {short_value(column)}: expected a statistic or a list of them, "
                f"instead got {value_text(stats)}"
            )
            continue
        wrong = [s for s in listed if s not in STATISTICS]
        if wrong:
            problems.append(
                f"column {short_value(column)}: expected {', '.join(map(repr, STATISTICS))}, "
                f"instead got {value_text(wrong[0])}"
            )
        if column not in known:
            shown = ", ".join(short_value(c, 40) for c in known[:20])
            more = f" and {len(known) - 20} more" if len(known) > 20 else ""
            problems.append(
                f"no column {short_value(column)}; expected one of: {shown or '(none)'}{more}"
            )
        asked[column] = list(dict.fromkeys(listed))
    if problems:
        raise ValueError("values: " + "; ".join(problems))
    return asked


def _column_values(frame: pd.DataFrame, column: Any, stats: list[str]) -> np.ndarray:
    """The column as floats (NaN where missing) where a statistic of numbers is asked
    for, else as 1.0 where a value is present and NaN where missing (to count them)."""
    series = frame[column]
    if not set(stats) - {"count"}:
        return np.where([is_missing(v) for v in series.array], np.nan, 1.0)
    if is_numeric_dtype(series.dtype) and not is_bool_dtype(series.dtype):
        out = series.to_numpy(dtype=float, na_value=np.nan)
        if np.isfinite(out[~np.isnan(out)]).all():  # else: name the infinity below
            return out
    out = np.full(len(series), np.nan)
    bad: list[int] = []
    for i, value in enumerate(series.array):
        if is_missing(value):
            continue
        number = _number(value)
        if number is None:
            bad.append(i)
        else:
            out[i] = number
    if bad:
        stat = next(s for s in stats if s != "count")
        first = bad[0]
        label = short_value(plain_value(frame.index[first]))
        name = frame["name"].iloc[first] if "name" in frame.columns else None
        named = f" ({short_value(name)})" if isinstance(name, str) else ""
        more = f" (and {len(bad) - 1} more row(s))" if len(bad) > 1 else ""
        raise ValueError(
            f"values: column {short_value(column)}, row {label}"
            f"{named}: expected a finite number for {stat!r}, instead got "
            f"{value_text(series.array[first])}{more}"
        )
    return out


def _number(value: Any) -> float | None:
    """A cell's value as a finite float, or None where it is no number (text, a bool, an
    infinity, an integer too large for a float)."""
    if isinstance(value, bool | np.bool_) or not isinstance(value, Real | np.number):
        return None
    try:
        number = float(value)
    except (OverflowError, TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _by_country(frame: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """The groups (``iso_a3``, ``name``), and each point's row and group: its country,
    outside every country, or no position."""
    xy, row = point_positions(frame)
    where = country_at(xy[:, 0], xy[:, 1])
    placed = np.zeros(len(frame), dtype=bool)
    placed[row] = True
    nowhere = np.flatnonzero(~placed)
    # a group's label: its code, else OUTSIDE or NO_POSITION (no code is either)
    label = np.r_[
        where["country"].fillna(OUTSIDE).to_numpy(dtype=object),
        np.full(len(nowhere), NO_POSITION, dtype=object),
    ]
    names = dict(zip(where["country"], where["country_name"], strict=True))
    group, uniques = pd.factorize(label)
    groups = pd.DataFrame(
        {
            "iso_a3": pd.Series(
                [None if u in (OUTSIDE, NO_POSITION) else u for u in uniques], dtype=object
            ),
            "name": pd.Series([names.get(u, u) for u in uniques], dtype=object),
        }
    )
    return groups, np.r_[row, nowhere].astype(np.int64), group.astype(np.int64)


def _aggregate(
    groups: pd.DataFrame,
    row: np.ndarray,
    group: np.ndarray,
    columns: dict[Any, np.ndarray],
    asked: dict[Any, list[str]],
) -> pd.DataFrame:
    """``groups`` with ``count`` (distinct rows per group) and the asked statistics over
    those rows' values, missing values skipped."""
    pairs = pd.DataFrame({"row": row, "group": group}).drop_duplicates()
    row, group = pairs["row"].to_numpy(), pairs["group"].to_numpy()
    n = len(groups)
    table = groups.copy()
    table["count"] = np.bincount(group, minlength=n).astype(np.int64)
    for column, stats in asked.items():
        value = columns[column][row]
        present = ~np.isnan(value)
        where, value = group[present], value[present]
        for stat in stats:
            table[f"{column}_{stat}"] = _statistic(stat, where, value, n)
    return table


def _statistic(stat: str, group: np.ndarray, value: np.ndarray, n: int) -> np.ndarray:
    """One statistic of the values per group (``n`` groups)."""
    count = np.bincount(group, minlength=n)
    if stat == "count":
        return count.astype(np.int64)
    total = np.bincount(group, weights=value, minlength=n)
    if stat == "sum":
        return total
    if stat == "mean":
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(count > 0, total / np.maximum(count, 1), np.nan)
    out = np.full(n, np.inf if stat == "min" else -np.inf)
    (np.minimum if stat == "min" else np.maximum).at(out, group, value)
    return np.where(count > 0, out, np.nan)


def _country_order(table: pd.DataFrame) -> pd.DataFrame:
    """Countries by count (most first), equal counts by code; then the points outside
    every country, then those with no position."""
    last = (
        table["name"].map({OUTSIDE: 1, NO_POSITION: 2}).fillna(0).where(table["iso_a3"].isna(), 0)
    )
    key = pd.DataFrame({"last": last, "count": -table["count"], "code": table["iso_a3"]})
    order = key.sort_values(["last", "count", "code"], kind="stable", na_position="last").index
    return table.loc[order]
