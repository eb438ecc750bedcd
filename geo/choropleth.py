"""Countries shaded by a number: :func:`country_layer` makes a layer of the base map's own
country polygons (Natural Earth 4.1.0 Admin 0 at 1:50m, :func:`geo.basemap.countries`)
from any table keyed by ISO 3166-1 alpha-3 code, classed like any layer with a
``color-by`` style (:mod:`geo.classes`); :func:`country_totals` sums a
:func:`geo.length_by_country` table into one row per country for it.

The codes are those of :func:`geo.country_codes` (GeoNames' country table, with the five
Natural Earth areas without an ISO code under theirs: Kosovo ``XKX``, Somaliland ``SOL``,
N. Cyprus ``CYN``, Indian Ocean Ter. ``IOA``, Siachen Glacier ``KAS``), the codes
:func:`geo.length_by_country` and :func:`geo.summarize` give.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from . import basemap
from .classes import layer_classes
from .countries import country_codes
from .format import LayerError, style_problem
from .layers import Layer
from .values import is_missing

__all__ = ["CODE_COLUMNS", "COUNTRY_SOURCE", "country_layer", "country_totals"]

#: Where a country layer's polygons come from (its ``source``, before the table's own).
COUNTRY_SOURCE = (
    "Country polygons: Natural Earth 4.1.0 Admin 0 countries at 1:50m (public domain), the "
    "base map's; de facto borders, no position on any dispute. Codes: ISO 3166-1 alpha-3 "
    "from GeoNames' country table."
)
#: The columns a table's codes are looked for in, in turn (length_by_country's, summarize's).
CODE_COLUMNS = ("country", "iso_a3", "alpha3")
#: Unknown codes listed in one error before "and N more".
_SHOWN_CODES = 8


def _codes_and_values(table: Any, column: str, code: str | None) -> tuple[list[Any], list[Any]]:
    """The table's codes and values, row by row (a Series: its index and values)."""
    if isinstance(table, pd.Series):
        return table.index.tolist(), table.tolist()
    if isinstance(table, Mapping):
        return list(table.keys()), list(table.values())
    if not isinstance(table, pd.DataFrame):
        raise TypeError(
            "Expected a pandas DataFrame, Series or mapping of alpha-3 codes to values, "
            f"instead got {type(table).__name__}"
        )
    if column not in table.columns:
        known = ", ".join(repr(str(c)) for c in table.columns) or "none"
        raise ValueError(f"Expected a column {column!r} in the table, instead got columns {known}")
    if code is None:
        code = next((c for c in CODE_COLUMNS if c in table.columns), None)
    elif code not in table.columns:
        raise ValueError(f"Expected a column {code!r} of codes in the table, instead got none")
    codes = table.index.tolist() if code is None else table[code].tolist()
    return codes, table[column].tolist()


def _check_codes(codes: list[Any], known: set[str], code: str) -> list[str]:
    """One line per kind of problem with the codes: unknown, duplicated."""
    problems = []
    unknown = sorted({str(c) for c in codes if not is_missing(c) and c not in known})
    if unknown:
        shown = ", ".join(map(repr, unknown[:_SHOWN_CODES]))
        more = f" and {len(unknown) - _SHOWN_CODES} more" if len(unknown) > _SHOWN_CODES else ""
        problems.append(
            f"{code!r}: {shown}{more} not a country of the base map; expected ISO 3166-1 "
            "alpha-3 codes such as 'KAZ' (geo.country_codes() lists them)"
        )
    seen = pd.Series([c for c in codes if not is_missing(c)], dtype=object)
    twice = sorted(seen[seen.duplicated()].astype(str).unique())
    if twice:
        problems.append(
            f"{code!r}: {', '.join(map(repr, twice[:_SHOWN_CODES]))} more than once; expected "
            "one row per country (sum or average the rows first, e.g. with geo.country_totals)"
        )
    return problems


def country_layer(
    table: Any,
    column: str,
    *,
    code: str | None = None,
    id: str = "countries",
    name: str | None = None,
    unit: str = "",
    scheme: str = "quantiles",
    classes: int = 5,
    palette: str = "Blues",
    source: str = "",
) -> Layer:
    """A layer of countries shaded by ``column`` of ``table`` (a choropleth).

    Each row of ``table`` keyed by an alpha-3 code becomes that country's polygon from the
    base map, with properties ``name`` (the country's name), ``country`` (the code) and
    ``column``; its style asks for classes by ``column`` (:mod:`geo.classes`), so
    :func:`geo.build_map`, :func:`geo.plot_layers` and the notebook table draw it as any
    classed layer, with a legend of the class breaks followed by ``unit``. Rows without a
    code (the sea in a :func:`geo.length_by_country` table) are left out, and the layer's
    description says how many; rows without a value are drawn in the "no value" class.

    Parameters
    ----------
    table : pandas.DataFrame, pandas.Series or mapping
        A frame with a column of ISO 3166-1 alpha-3 codes (``code``; by default the first
        of :data:`CODE_COLUMNS` it has, else its index) and a column ``column`` of
        numbers; or a Series or mapping from code to number.
    column : str
        The column of numbers; also the property's name on the map.
    code : str, optional
        The frame's column of codes.
    id, name : str
        The layer's id and title (default: ``column`` "per country").
    unit : str
        Written after the legend's numbers ("km", "US$"; the style's ``unit``).
    scheme, classes, palette
        As a layer style's keys of the same names (README "Adding a layer").
    source : str
        Where the table's numbers come from; the polygons' source is added.

    Returns
    -------
    geo.Layer
        Of category ``country``, one feature per row with a code, in the table's order.

    Raises
    ------
    ValueError
        For a missing column, an unknown or repeated code, or a style value out of range
        (every problem at once, one line each).

    Examples
    --------
    >>> layer = country_layer({"KAZ": 3500.0, "MNG": 1100.0, "CHN": 4200.0}, "km", unit="km")
    >>> layer.frame[["country", "name", "km"]].values.tolist()
    [['KAZ', 'Kazakhstan', 3500.0], ['MNG', 'Mongolia', 1100.0], ['CHN', 'China', 4200.0]]
    >>> layer.category, layer.style["color-by"], layer.frame.geometry.geom_type.unique().tolist()
    ('country', 'km', ['MultiPolygon'])
    """
    codes, values = _codes_and_values(table, column, code)
    table_codes = country_codes()
    known = set(table_codes["alpha3"])
    style = {
        "color-by": str(column),
        "scheme": scheme,
        "classes": classes,
        "palette": palette,
        **({"unit": unit} if unit else {}),
    }
    problems = _check_codes(codes, known, code or "code")
    problems += [p for k, v in style.items() if (p := style_problem(k, v)) is not None]
    if problems:
        raise ValueError("; ".join(problems))
    rows = [i for i, c in enumerate(codes) if not is_missing(c)]
    polygons = basemap.countries().geometry.to_numpy()  # in step with country_codes()
    where = {c: i for i, c in enumerate(table_codes["alpha3"])}
    at = np.array([where[codes[i]] for i in rows], dtype=int)
    frame = gpd.GeoDataFrame(
        {
            "name": table_codes["name"].to_numpy(dtype=object)[at],
            "country": [codes[i] for i in rows],
            str(column): pd.array([values[i] for i in rows]),
        },
        geometry=polygons[at] if len(at) else [],
        crs="EPSG:4326",
    )
    left_out = len(codes) - len(rows)
    description = f"{column} per country" + (f" ({unit})" if unit else "")
    if left_out:
        description += f"; {left_out} row(s) without a country (the sea) not drawn"
    layer = Layer(
        id=id,
        name=name or description.split(";")[0],
        category="country",
        path=None,
        frame=frame,
        description=description + ".",
        source=" ".join(s for s in (source, COUNTRY_SOURCE) if s),
        style=style,
    )
    try:
        layer_classes(layer)  # the values: numbers for a numeric scheme
    except LayerError as bad:
        raise ValueError("; ".join(bad.problems)) from None
    return layer


def country_totals(table: pd.DataFrame, column: str = "length_km") -> pd.DataFrame:
    """One row per country of a :func:`geo.length_by_country` table (or any table with
    ``country`` and ``column``): ``country``, ``country_name`` and the sum of ``column``,
    largest first; the sea (no country) left out.

    >>> from shapely import LineString
    >>> from geo.countries import length_by_country
    >>> lines = [LineString([(76.95, 43.25), (69.28, 41.31)]),
    ...          LineString([(71.4, 51.2), (76.9, 43.2)])]
    >>> totals = country_totals(length_by_country(lines))
    >>> totals["country"].tolist(), totals["length_km"].round(0).tolist()
    (['KAZ', 'KGZ', 'UZB'], [1136.0, 433.0, 81.0])
    """
    land = table[table["country"].notna()]
    keys = ["country", "country_name"] if "country_name" in land.columns else ["country"]
    out = land.groupby(keys, sort=False, as_index=False)[column].sum()
    return out.sort_values(column, ascending=False, kind="stable").reset_index(drop=True)
