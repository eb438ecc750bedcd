"""The network through time: what the map shows each year, as a table and as a chart.

:func:`timeline` counts, year by year, the features on the map and the km of line of each
category, as :func:`geo.as_of` leaves the layers that year (the rules of
:mod:`geo.years`) and as :func:`geo.corridor_lengths` measures them (WGS84 geodesic: the
km ``corridors lengths --year`` prints), beside what the layers' ``series`` publish for
that year (the rail layer's China–Europe trips), each value with its source.
:func:`plot_timeline` draws the table as :func:`geo.plot_map` draws the map: a matplotlib
figure without pyplot, the same bytes each run. :func:`checked_year` is the command's
rule for a year asked for: one the layers' years span.
"""

from __future__ import annotations

import math
import operator
import textwrap
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from ._extras import require
from ._text import printable
from .format import CATEGORIES
from .layers import Layer
from .mapspec import series_entries
from .stats import corridor_lengths
from .years import YEAR_KEYS, as_of, timeline_span, year_span

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = [
    "TIMELINE_TITLE",
    "checked_year",
    "plot_timeline",
    "series_columns",
    "timeline",
]

#: The chart's title (``corridors plot --timeline``; ``--title`` gives another).
TIMELINE_TITLE = "Belt and Road Initiative through time"
#: The chart's width in inches: half an A4 page's height, a small figure for a report.
TIMELINE_WIDTH_IN = 7.0
#: Categories a row of the chart's legend.
_LEGEND_COLUMNS = 4


def _whole_year(value: Any, what: str) -> int:
    """``value`` as an int year; a bool, a float or text is refused."""
    message = f"Expected {what} to be a whole number such as 2013, instead got {value!r}"
    if isinstance(value, bool):
        raise ValueError(message)
    try:
        return operator.index(value)
    except TypeError:
        raise ValueError(message) from None


def checked_year(layers: Iterable[Layer], year: int, *, what: str = "a year") -> int:
    """``year``, where the layers' features span it (:func:`geo.year_span`); else a
    ValueError naming the span (``what`` names the year asked for, e.g. ``"--year"``).

    >>> import geopandas as gpd, shapely
    >>> frame = gpd.GeoDataFrame({"name": ["A"], "start_year": [2011], "end_year": [2022]},
    ...                          geometry=[shapely.Point(0, 0)], crs=4326)
    >>> ports = Layer("ports", "Ports", "port", None, frame)
    >>> checked_year([ports], 2013)
    2013
    >>> checked_year([ports], 2030, what="--year")
    Traceback (most recent call last):
    ...
    ValueError: Expected --year from 2011 to 2022 (the years the layers' features carry), instead got 2030
    """  # noqa: E501
    layers = list(layers)
    year = _whole_year(year, what)
    span = year_span(layers)
    if span is None:
        raise ValueError(
            f"Expected layers whose features carry years ({', '.join(YEAR_KEYS)}) for {what}, "
            f"instead got {len(layers)} layer(s) carrying none"
        )
    first, last = span
    if not first <= year <= last:
        raise ValueError(
            f"Expected {what} from {first} to {last} (the years the layers' features carry), "
            f"instead got {year}"
        )
    return year


def _km_categories(layers: list[Layer]) -> set[str]:
    """The categories whose km the table gives: line categories, and any whose layers
    hold lines (an ``other`` layer of lines), as corridor_lengths measures them."""
    found = {layer.category for layer in layers if CATEGORIES[layer.category].is_line}
    return found | set(corridor_lengths(layers)["category"])


def series_columns(table: pd.DataFrame) -> list[str]:
    """The columns of a :func:`timeline` table that hold a published series (each beside
    its ``<column>_source`` and ``<column>_note``)."""
    return [c for c in table.columns if f"{c}_source" in table.columns]


def _series_name(entry: dict[str, Any], taken: set[str]) -> str:
    """A series' column: its unit (else its label); where another column has that name,
    also its layer's, then a number."""
    base = entry["unit"] or entry["label"]
    names = [base, f"{base} ({entry['where']})"]
    for name in names:
        if not taken & {name, f"{name}_source", f"{name}_note"}:
            return name
    k = 2
    while taken & {f"{names[1]} {k}", f"{names[1]} {k}_source", f"{names[1]} {k}_note"}:
        k += 1
    return f"{names[1]} {k}"


def _series_table(
    layers: list[Layer], years: list[int], taken: Iterable[str]
) -> tuple[pd.DataFrame, dict[str, str]]:
    """The layers' series (:func:`geo.mapspec.series_entries`) by year: a column named by
    each series' unit (else its label; never one of ``taken``), with its source and note;
    and each column's label and layer."""
    columns: dict[str, Any] = {}
    labels: dict[str, str] = {}
    taken = set(taken)
    for entry in series_entries(layers):
        name = _series_name(entry, taken)
        taken |= {name, f"{name}_source", f"{name}_note"}
        labels[name] = f"{entry['label']} ({entry['where']})"
        points = {p["year"]: p for p in entry["points"]}
        values = [points[y]["value"] if y in points else None for y in years]
        whole = all(isinstance(v, int) for v in values if v is not None)
        columns[name] = pd.array(values, dtype="Int64" if whole else "Float64")
        found = [points.get(y) for y in years]
        columns[f"{name}_source"] = [p["source"] if p else None for p in found]
        columns[f"{name}_note"] = [(p["note"] or None) if p else None for p in found]
    return pd.DataFrame(columns, index=range(len(years))), labels


def timeline(layers: Iterable[Layer], years: Iterable[int] | None = None) -> pd.DataFrame:
    """What the map shows each year: one row a year, the features and the km of line of
    each category, and the layers' published series for that year.

    Parameters
    ----------
    layers : iterable of Layer
        The layers (:func:`geo.load_layers`); each year takes them as
        :func:`geo.as_of` leaves them.
    years : iterable of int, optional
        The rows' years, in the order given; default every year of
        :func:`geo.years.timeline_span` (the layers' years, from 2000 at the earliest:
        ``timeline_from`` of ``geo/data/years.toml``).

    Returns
    -------
    pandas.DataFrame
        ``year``; then for each category the layers hold, in ``categories.toml``'s order,
        ``<category>_features`` (the features on the map that year) and, for a category of
        lines, ``<category>_km`` (their WGS84 geodesic km, as :func:`geo.corridor_lengths`
        measures them); then for each series of the layers (``series`` in a layer file) a
        column named by its unit (``trips``; empty where the series has no value that year)
        with ``<unit>_source`` and ``<unit>_note``. ``attrs["series"]`` names each series
        column's series and layer.

    Raises
    ------
    ValueError
        Where ``years`` is None and no feature carries a year, or a year is not a whole
        number.

    Examples
    --------
    A service that ran from 2016 until it stopped in 2022, one from 2020, a port opened
    in 2018, and trips published for two years:

    >>> import geopandas as gpd, shapely
    >>> line = shapely.LineString([(0, 0), (1, 0)])  # 111.3 km on the equator
    >>> trains = Layer("trains", "Trains", "rail-route", None, gpd.GeoDataFrame(
    ...     {"name": ["Old", "New"], "start_year": [2016, 2020], "end_year": [2022, None],
    ...      "status": ["suspended", "operating"]}, geometry=[line, line], crs=4326),
    ...     series=[{"label": "Trips", "unit": "trips", "points": [
    ...         {"year": 2016, "value": 1702, "source": "A"},
    ...         {"year": 2018, "value": 6363, "source": "B"}]}])
    >>> ports = Layer("ports", "Ports", "port", None, gpd.GeoDataFrame(
    ...     {"name": ["P"], "start_year": [2018]}, geometry=[shapely.Point(0, 0)], crs=4326))
    >>> table = timeline([trains, ports])
    >>> table[["year", "rail-route_features", "rail-route_km", "port_features", "trips"]]
       year  rail-route_features  rail-route_km  port_features  trips
    0  2016                    1     111.319491              0   1702
    1  2017                    1     111.319491              0   <NA>
    2  2018                    1     111.319491              1   6363
    3  2019                    1     111.319491              1   <NA>
    4  2020                    2     222.638982              1   <NA>
    5  2021                    2     222.638982              1   <NA>
    6  2022                    2     222.638982              1   <NA>
    >>> table.loc[2, "trips_source"]
    'B'

    After its last year, the stopped service is gone:

    >>> timeline([trains, ports], years=[2022, 2023])["rail-route_features"].tolist()
    [2, 1]
    """
    layers = list(layers)
    if years is None:
        span = timeline_span(layers)
        if span is None:
            raise ValueError(
                f"Expected layers whose features carry years ({', '.join(YEAR_KEYS)}), instead "
                f"got {len(layers)} layer(s) carrying none; give the years to tabulate"
            )
        years = range(span[0], span[1] + 1)
    years = [_whole_year(y, "each year") for y in years]
    present = {layer.category for layer in layers}
    categories = [c for c in CATEGORIES if c in present]
    with_km = _km_categories(layers)
    columns = ["year"]
    for c in categories:
        columns += [f"{c}_features"] + ([f"{c}_km"] if c in with_km else [])
    rows = []
    for year in years:
        then = as_of(layers, year)
        km = corridor_lengths(then).groupby("category")["length_km"].sum()
        row: dict[str, Any] = {"year": year}
        for c in categories:
            row[f"{c}_features"] = sum(len(layer) for layer in then if layer.category == c)
            if c in with_km:
                row[f"{c}_km"] = float(km.get(c, 0.0))
        rows.append(row)
    counts = pd.DataFrame(rows, columns=columns).astype(
        {c: "int64" for c in columns if not c.endswith("_km")}
    )
    series, labels = _series_table(layers, years, taken=columns)
    table = pd.concat([counts, series], axis=1)
    table.attrs["series"] = labels
    return table


# --------------------------------------------------------------------------- the chart


def _category_looks(categories: list[str]) -> dict[str, dict[str, Any]]:
    """Each category's colour (its line or marker colour in ``categories.toml``) and a
    line style telling apart categories of one colour (rail routes and terminals)."""
    looks: dict[str, dict[str, Any]] = {}
    seen: dict[str, int] = {}
    dashes = ["-", "--", ":", "-."]
    for c in categories:
        style = CATEGORIES[c].style
        colour = str(style.get("stroke") or style.get("marker-color") or "#333333")
        k = seen.get(colour.lower(), 0)
        seen[colour.lower()] = k + 1
        looks[c] = {"color": colour, "linestyle": dashes[k % len(dashes)]}
    return looks


def _draw_lines(ax, table: pd.DataFrame, suffix: str, looks, heading: str, unit: float) -> list:
    """One line a category of the ``<category><suffix>`` columns (in ``unit``s of them:
    1000 for thousands); returns the handles."""
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    handles = []
    for c, look in looks.items():
        column = f"{c}{suffix}"
        if column not in table.columns:
            continue
        values = table[column].astype(float) / unit
        (line,) = ax.plot(table["year"], values, marker="o", markersize=2.5, linewidth=1.4,
                          label=CATEGORIES[c].title, **look)  # fmt: skip
        handles.append(line)
    ax.set_title(heading, fontsize=8, loc="left")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=7))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
    ax.set_ylim(bottom=0)
    _tidy(ax)
    return handles


def _tidy(ax) -> None:
    ax.tick_params(labelsize=6.5, length=2)
    ax.grid(axis="y", color="#dddddd", linewidth=0.5)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def _draw_series(ax, table: pd.DataFrame, column: str, label: str) -> None:
    """A bar a year with a published value (none where the series has none)."""
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    values = table[column].astype("Float64")
    has = values.notna().to_numpy(dtype=bool)
    years = table["year"].to_numpy()[has]
    heights = values[has].to_numpy(dtype=float)
    ax.bar(years, heights, width=0.7, color="#5b2c6f", alpha=0.85)
    for x, h in zip(years, heights, strict=True):
        ax.text(x, h, f"{h:,.0f}", ha="center", va="bottom", fontsize=5.5, color="#333333")
    ax.set_xlim(table["year"].min() - 0.6, table["year"].max() + 0.6)
    ax.set_title(printable(label, 120), fontsize=8, loc="left")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=14))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
    _tidy(ax)


def _chart_note(shown: list[str]) -> str:
    text = (
        "Features and km of line as the layers place them in time (start_year, end_year, "
        "construction_start_year, status_year); km along the WGS84 geodesic."
    )
    if shown:
        text += (
            " " + ", ".join(shown) + ": as the layers publish them, a bar a year with a value; "
            "each year's source in 'corridors timeline --format csv'."
        )
    return text


def plot_timeline(
    table: pd.DataFrame,
    path: str | Path | None = None,
    *,
    title: str = TIMELINE_TITLE,
    width_in: float = TIMELINE_WIDTH_IN,
    dpi: int = 200,
    format: str | None = None,
) -> Figure:
    """Chart a :func:`timeline` table: the features and the km of line of each category a
    year, and below them each published series (the trips) where it has values.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`timeline`'s table (its rows in any order of years, at least one).
    path : str or Path, optional
        Also write the figure here, atomically: PNG, SVG or PDF by its suffix (or
        ``format``); two runs write the same bytes.
    title : str
        The title above the chart.
    width_in : float
        The figure's width in inches (its height follows).
    dpi : int
        Pixels per inch of a PNG, 1 to :data:`geo.plot.MAX_DPI`.
    format : str, optional
        ``png``, ``svg`` or ``pdf``, instead of the suffix.

    Returns
    -------
    matplotlib.figure.Figure
        On an Agg canvas, drawn without pyplot; in Jupyter it shows itself.
    """
    require("plot", ["matplotlib"], "the timeline chart")
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from ._figure import RC_PARAMS, PlotFigure, save_figure
    from .plot import MAX_DPI, plot_format

    if isinstance(dpi, bool) or not isinstance(dpi, int) or not 1 <= dpi <= MAX_DPI:
        raise ValueError(
            f"Expected dpi to be a whole number from 1 to {MAX_DPI}, instead got: {dpi!r}"
        )
    if not (isinstance(width_in, int | float) and 2 <= width_in <= 100):
        raise ValueError(f"Expected width_in in [2, 100] inches, instead got: {width_in!r}")
    if "year" not in table.columns or table.empty:
        raise ValueError(
            "Expected a timeline table (geo.timeline) with a row a year, instead got "
            f"{len(table)} row(s) and the columns {list(table.columns)[:8]}"
        )
    fmt = plot_format(path, format) if path is not None else None
    table = table.sort_values("year", kind="stable").reset_index(drop=True)
    looks = _category_looks([c for c in CATEGORIES if f"{c}_features" in table.columns])
    labels = table.attrs.get("series", {})
    shown = [c for c in series_columns(table) if table[c].notna().any()]
    with matplotlib.rc_context(RC_PARAMS):
        fig = _timeline_figure(PlotFigure, table, looks, shown, labels, title, width_in, dpi)
        FigureCanvasAgg(fig)
        if path is not None:
            save_figure(fig, path, fmt)
    return fig


def _timeline_figure(Figure, table, looks, shown, labels, title, width_in, dpi):
    """The chart, laid out in inches from the bottom: the note, a panel a series, the
    legend, the two panels of the categories (their tick labels below them), the title."""
    title_h, top_h, ticks_h, series_h = 0.5, 1.9, 0.25, 1.4
    legend_rows = math.ceil(len(looks) / _LEGEND_COLUMNS)
    legend_h = 0.14 * legend_rows + 0.1
    note = textwrap.wrap(_chart_note(shown), width=int(17.5 * width_in))
    note_h = 0.12 * len(note) + 0.1
    below_legend = note_h + series_h * len(shown)
    height = below_legend + legend_h + ticks_h + top_h + title_h
    fig = Figure(figsize=(width_in, height), dpi=dpi, facecolor="white")
    left, right, gap = 0.55 / width_in, 0.15 / width_in, 0.55 / width_in
    w = (1 - left - right - gap) / 2
    bottom = (below_legend + legend_h + ticks_h) / height
    h = (top_h - 0.3) / height
    counts = fig.add_axes((left, bottom, w, h))
    handles = _draw_lines(counts, table, "_features", looks, "Features on the map", 1)
    km = fig.add_axes((left + w + gap, bottom, w, h))
    _draw_lines(km, table, "_km", looks, "Km of line (WGS84 geodesic), thousands", 1000)
    if handles:
        fig.legend(
            handles=handles, loc="upper center", ncol=_LEGEND_COLUMNS, fontsize=6.5,
            frameon=False, bbox_to_anchor=(0.5, (below_legend + legend_h) / height),
            handlelength=2.6, columnspacing=1.2, borderaxespad=0,
        )  # fmt: skip
    for i, column in enumerate(shown):
        y = (note_h + series_h * (len(shown) - 1 - i) + ticks_h) / height
        ax = fig.add_axes((left, y, 1 - left - right, (series_h - ticks_h - 0.3) / height))
        _draw_series(ax, table, column, labels.get(column, column))
    fig.text(0.5, 1 - 0.28 / height, printable(title, 200), ha="center", va="center",
             fontsize=11, fontweight="bold")  # fmt: skip
    fig.text(left, (note_h - 0.05) / height, "\n".join(note), ha="left", va="top",
             fontsize=5.5, color="#444444", linespacing=1.35)  # fmt: skip
    return fig
