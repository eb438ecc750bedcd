"""How a :class:`geo.Layer` shows itself: a one-line ``repr`` and a small HTML table for
Jupyter (``_repr_html_``).

Every value from a layer (its id, title, feature names and properties) is text from a
file: the HTML escapes it (``html.escape`` with quotes), shows control characters as
escapes (:func:`geo._text.printable`) and cuts long values with "…", so a name like
``<img src=x onerror=alert(1)>`` shows as text.
"""

from __future__ import annotations

import html
import json
from typing import TYPE_CHECKING, Any

import numpy as np

from ._text import printable
from .classes import DEFAULT_CLASSES, DEFAULT_PALETTE, scheme_of
from .format import CATEGORIES, POPUP
from .geodesic import geodesic_length
from .geometry import LINES, is_kind
from .values import is_missing, plain_value

if TYPE_CHECKING:
    from .layers import Layer

__all__ = ["PREVIEW_COLUMNS", "PREVIEW_ROWS", "layer_html", "layer_repr"]

#: Feature rows shown in the notebook table.
PREVIEW_ROWS = 5
#: Property columns shown beside the name: the first ones the map's popup shows
#: (``geo/data/popup.toml`` ``labels``, in its order) that the layer fills with plain
#: values or lists of them (not nested objects such as ``via``).
PREVIEW_COLUMNS = 3
#: The longest value shown in a cell, in characters.
_CELL = 60


def _text(value: Any, limit: int = _CELL) -> str:
    """A cell's value as escaped HTML text, cut at ``limit``: a list of plain values joined
    with commas, other lists and objects as JSON.

    >>> _text(["CHN", "<PAK>"]), _text('"x" & y')
    ('CHN, &lt;PAK&gt;', '&quot;x&quot; &amp; y')
    """
    if isinstance(value, list) and not any(isinstance(v, list | dict) for v in value):
        value = ", ".join(str(v) for v in value)
    elif isinstance(value, list | dict):
        value = json.dumps(value, ensure_ascii=False)
    return html.escape(printable(value, limit), quote=True)


def geometry_counts(layer: Layer) -> dict[str, int]:
    """How many features of each geometry type the layer has ("None" for no geometry).

    >>> import geopandas as gpd
    >>> from shapely import Point
    >>> from geo.layers import Layer
    >>> frame = gpd.GeoDataFrame({"name": ["a", "b"]}, geometry=[Point(0, 0), None], crs=4326)
    >>> geometry_counts(Layer("x", "X", "port", None, frame))
    {'Point': 1, 'None': 1}
    """
    kinds = layer.frame.geometry.geom_type.fillna("None")
    return {str(k): int(n) for k, n in kinds.value_counts(sort=False).items()}


def _line_km(layer: Layer) -> float | None:
    """The total WGS84 geodesic length of the layer's lines in km; None without lines."""
    geoms = layer.geometries()
    lines = is_kind(geoms, LINES)
    if not lines.any():
        return None
    return float(np.nansum(geodesic_length(geoms[lines])))


def _nested(value: Any) -> bool:
    """An object, or a list holding one (``via`` nodes): too big for a preview cell."""
    if isinstance(value, np.ndarray):
        value = value.tolist()
    return isinstance(value, dict) or (
        isinstance(value, list) and any(isinstance(v, dict | list) for v in value)
    )


def _preview_columns(layer: Layer) -> list[str]:
    frame = layer.frame
    shown = []
    for column in POPUP["labels"]:
        if column not in frame.columns or column == frame.geometry.name:
            continue
        values = frame[column].dropna()
        if len(values) and not any(_nested(v) for v in values):
            shown.append(column)
    return shown[:PREVIEW_COLUMNS]


def layer_repr(layer: Layer) -> str:
    """``Layer('corridors/cpec', 'China–Pakistan ...', category='corridor', features=1)``."""
    return (
        f"Layer({printable(repr(layer.id), 200)}, {printable(repr(layer.name), 200)}, "
        f"category={layer.category!r}, features={len(layer)})"
    )


def _classed_facts(layer: Layer) -> list[tuple[str, str]]:
    """The notebook's lines for a classed style: the property, scheme, classes and
    palette of its colours; the property of its sizes."""
    facts = []
    by = layer.style.get("color-by")
    if isinstance(by, str):
        values = layer.frame[by].tolist() if by in layer.frame.columns else []
        scheme = scheme_of(layer.style, values)
        if scheme == "categories":
            how = "categories (a colour a value)"
        else:
            k = layer.style.get("classes", DEFAULT_CLASSES)
            how = f"{scheme}, {k} classes, {layer.style.get('palette', DEFAULT_PALETTE)}"
        facts.append(("colour by", _text(f"{by}: {how}", 200)))
    size = layer.style.get("size-by")
    if isinstance(size, str):
        facts.append(("size by", _text(f"{size} (area proportional to the value)", 200)))
    return facts


def layer_html(layer: Layer, *, rows: int = PREVIEW_ROWS) -> str:
    """The notebook view: the layer's facts, then its first ``rows`` features."""
    counts = geometry_counts(layer)
    category = CATEGORIES.get(layer.category)
    facts = [
        ("id", _text(layer.id, 200)),
        ("title", _text(layer.name, 200)),
        ("category", _text(f"{layer.category} ({category.title})" if category else layer.category)),
        ("features", f"{len(layer):,}"),
        ("geometry", _text(", ".join(f"{t} × {n:,}" for t, n in counts.items()) or "none")),
    ]
    km = _line_km(layer)
    if km is not None:
        facts.append(("line length", f"{km:,.1f} km (WGS84 geodesic)"))
    facts.extend(_classed_facts(layer))
    if layer.source:
        facts.append(("source", _text(layer.source, 200)))
    head = "".join(
        f'<tr><th style="text-align:left">{k}</th><td style="text-align:left">{v}</td></tr>'
        for k, v in facts
    )
    parts = [f'<div class="bri-layer"><table>{head}</table>']
    if len(layer):
        parts.append(_features_table(layer, rows))
    parts.append("</div>")
    return "".join(parts)


def _features_table(layer: Layer, rows: int) -> str:
    frame = layer.frame.iloc[:rows]
    columns = ["name", *_preview_columns(layer)]
    km = None
    if _line_km(layer) is not None:
        km = geodesic_length(layer.geometries()[:rows])
    header = "".join(f"<th>{_text(c)}</th>" for c in columns) + (
        "<th>km</th>" if km is not None else ""
    )
    body = []
    for i in range(len(frame)):
        cells = []
        for column in columns:
            value = frame[column].iloc[i] if column in frame.columns else None
            cells.append(f"<td>{'' if is_missing(value) else _text(plain_value(value))}</td>")
        if km is not None:
            cells.append(
                f"<td>{'' if not np.isfinite(km[i]) or km[i] == 0 else f'{km[i]:,.1f}'}</td>"
            )
        body.append("<tr>" + "".join(cells) + "</tr>")
    more = len(layer) - len(frame)
    foot = f"<p>… and {more:,} more feature(s)</p>" if more > 0 else ""
    return f"<table><tr>{header}</tr>{''.join(body)}</table>{foot}"
