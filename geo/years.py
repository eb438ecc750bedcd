"""The network through time: which features a year shows, and in what status.

A feature's years are its properties (the layer format, README's table):

``start_year``
    when it began: a service's first train, a railway's, pipeline's or port's opening, a
    corridor's launch; for a feature not yet open, the year building began (or it was
    announced), its status saying it does not run.
``end_year``
    when it stopped (a suspended or historic feature): in that year it is still drawn, in
    its final status; after it, not at all.
``construction_start_year``
    when building began, before ``start_year``: from then until the opening it is drawn
    under construction.
``status_year``
    the year of the report its status rests on: a feature whose status is ``unknown`` was
    reported running that year, so it is drawn operating up to it.

The rules are :func:`status_in`'s, one place for the command, the plot and the page (the
page's script, ``src/years.js``, follows them and is tested against this module's answers).
A feature with none of these years is timeless: every year shows it as it is.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any, NamedTuple

import numpy as np

from .format import STATUSES
from .format import YEAR_KEYS as YEAR_RULES
from .layers import Layer
from .values import is_missing

__all__ = [
    "YEAR_KEYS",
    "YearState",
    "as_of",
    "as_of_caption",
    "feature_years",
    "layer_states",
    "status_in",
    "timeline_span",
    "year_span",
]

#: The properties that place a feature in time, in the order the map spec carries them.
YEAR_KEYS = ("start_year", "end_year", "construction_start_year", "status_year")
#: Statuses that say a feature stopped: before its ``end_year`` it ran.
_STOPPED = frozenset({"suspended", "historic"})


class YearState(NamedTuple):
    """Where a feature stands in a year: whether it is on the map, and its status key
    (``geo/data/status.toml``; None for a feature without a status)."""

    shown: bool
    status: str | None


def _year(value: Any) -> int | None:
    """A year property as an int, None where missing (layer files are validated when read:
    a year there is an integer)."""
    if is_missing(value):
        return None
    return int(value)


def status_in(
    year: int,
    status: str | None = None,
    *,
    start_year: int | None = None,
    end_year: int | None = None,
    construction_start_year: int | None = None,
    status_year: int | None = None,
) -> YearState:
    """Where a feature stands in ``year`` (a calendar year), given its status key today
    (a key of ``geo/data/status.toml`` or None) and its years.

    Examples
    --------
    A service that started in 2011 and still runs:

    >>> status_in(2010, "operating", start_year=2011)
    YearState(shown=False, status=None)
    >>> status_in(2013, "operating", start_year=2011)
    YearState(shown=True, status='operating')

    One that ran from 2016 and stopped in 2022 ran before then, and is gone after:

    >>> [status_in(y, "historic", start_year=2016, end_year=2022).status
    ...  for y in (2015, 2018, 2022, 2023)]
    [None, 'operating', 'historic', None]

    A railway built from 2016 and opened in 2021:

    >>> [status_in(y, "operating", start_year=2021, construction_start_year=2016).status
    ...  for y in (2015, 2016, 2020, 2021)]
    [None, 'under-construction', 'under-construction', 'operating']

    A service last reported running in 2019 ran up to then; since, it is not known:

    >>> [status_in(y, "unknown", start_year=2015, status_year=2019).status
    ...  for y in (2019, 2020)]
    ['operating', 'unknown']

    A feature with no years is always there, as it is:

    >>> status_in(1990, "planned")
    YearState(shown=True, status='planned')
    """
    if end_year is not None and year > end_year:
        return YearState(False, None)
    if start_year is None and construction_start_year is None:
        return YearState(True, status)
    if start_year is not None and year >= start_year:
        if status in _STOPPED and end_year is not None and year < end_year:
            return YearState(True, "operating")
        if status == "unknown" and status_year is not None and year <= status_year:
            return YearState(True, "operating")
        return YearState(True, status)
    if construction_start_year is not None and year >= construction_start_year:
        return YearState(True, "under-construction")
    return YearState(False, None)


def feature_years(layer: Layer) -> dict[str, list[int | None]] | None:
    """Each of :data:`YEAR_KEYS` the layer's features carry, as a list a feature (None
    where one has none); None for a layer whose features carry none of them."""
    frame = layer.frame
    out = {
        key: [_year(v) for v in frame[key].tolist()] for key in YEAR_KEYS if key in frame.columns
    }
    return out or None


def layer_states(layer: Layer, year: int) -> list[YearState]:
    """:func:`status_in` for each of ``layer``'s features in ``year``."""
    n = len(layer.frame)
    years = feature_years(layer) or {}
    columns = {key: years.get(key, [None] * n) for key in YEAR_KEYS}
    statuses = (
        [STATUSES.key_of(v) for v in layer.frame["status"].tolist()]
        if "status" in layer.frame.columns
        else [None] * n
    )
    return [
        status_in(
            year,
            statuses[i],
            start_year=columns["start_year"][i],
            end_year=columns["end_year"][i],
            construction_start_year=columns["construction_start_year"][i],
            status_year=columns["status_year"][i],
        )
        for i in range(n)
    ]


def as_of(layers: Iterable[Layer], year: int) -> list[Layer]:
    """The layers as they stood in ``year``: each layer's features that were on the map
    then (:func:`status_in`), with ``status`` as it was (a service that stopped in 2022 is
    operating in 2018; a railway being built, under construction). A layer with no feature
    that year is left out; the layers given are not changed.

    >>> import geopandas as gpd, shapely
    >>> frame = gpd.GeoDataFrame(
    ...     {"name": ["Old", "New"], "start_year": [2011, 2020], "end_year": [2022, None],
    ...      "status": ["historic", "operating"]},
    ...     geometry=[shapely.LineString([(0, 0), (1, 1)])] * 2, crs=4326)
    >>> trains = Layer("trains", "Trains", "rail-route", None, frame)
    >>> [(x.id, x.frame["name"].tolist(), x.frame["status"].tolist())
    ...  for x in as_of([trains], 2018)]
    [('trains', ['Old'], ['operating'])]
    >>> len(as_of([trains], 2010))
    0
    """
    out = []
    for layer in layers:
        states = layer_states(layer, int(year))
        shown = np.fromiter((s.shown for s in states), dtype=bool, count=len(states))
        if not shown.any():
            continue
        frame = layer.frame.loc[shown].reset_index(drop=True)
        statuses = [s.status for s, keep in zip(states, shown, strict=True) if keep]
        if "status" in frame.columns or any(s is not None for s in statuses):
            frame = frame.copy()
            frame["status"] = statuses
        out.append(replace(layer, frame=frame))
    return out


def as_of_caption(text: str, year: int) -> str:
    """A title saying the year it shows.

    >>> as_of_caption("Belt and Road Initiative", 2013)
    'Belt and Road Initiative, as of 2013'
    >>> as_of_caption("", 2013)
    'As of 2013'
    """
    return f"{text}, as of {year}" if text else f"As of {year}"


def year_span(layers: Iterable[Layer]) -> tuple[int, int] | None:
    """The first and last year the layers' features name (:data:`YEAR_KEYS`), or None
    when none names a year."""
    years: list[int] = []
    for layer in layers:
        for column in (feature_years(layer) or {}).values():
            years.extend(y for y in column if y is not None)
    return (min(years), max(years)) if years else None


def timeline_span(layers: Iterable[Layer]) -> tuple[int, int] | None:
    """The years the map's year slider and :func:`geo.timeline` cover by default:
    :func:`year_span`, starting no earlier than ``timeline_from`` of
    ``geo/data/years.toml`` (2000), so a port opened in 1903 does not make a slider of a
    century (it is on the map from the first year shown); all of :func:`year_span` where
    its last year is before then; None when no feature names a year.

    >>> import geopandas as gpd, shapely
    >>> frame = gpd.GeoDataFrame({"name": ["Old port", "New line"],
    ...     "start_year": [1903, 2013]}, geometry=[shapely.Point(0, 0)] * 2, crs=4326)
    >>> layer = Layer("l", "L", "port", None, frame)
    >>> year_span([layer]), timeline_span([layer])
    ((1903, 2013), (2000, 2013))
    """
    span = year_span(layers)
    if span is None:
        return None
    return max(span[0], min(YEAR_RULES.timeline_from, span[1])), span[1]
