"""KML for Google Earth: a Folder per layer, a Placemark per feature, a Style per layer.

Written with the standard library (no KML package): the document is small in kinds
(Document, Style, Folder, Placemark and the OGC geometries), and every text in it is
made safe here. Names and property values come from files anyone can write, so:

- every text has its control characters, bidirectional overrides and lone surrogates
  escaped as on a terminal (:func:`geo._text.printable`: ``\\n``, ``\\x1b``,
  ``\\u202e``), and the two characters XML 1.0 cannot hold that those leave (U+FFFE,
  U+FFFF) as ``\\ufffe`` and ``\\uffff``: the file is well-formed XML whatever a name
  holds;
- a name is XML text (``<`` written ``&lt;``), which Google Earth lists as plain text;
- a description is HTML, as Google Earth renders it, in a CDATA section: every value in
  it is HTML-escaped (``<script>`` is ``&lt;script&gt;``), which also means no ``]]>``
  can close the section early. Each Style's BalloonStyle shows only the description
  (``$[description]``), which starts with the name, HTML-escaped: Google Earth's default
  balloon would put the name in as it stands.

Positions are longitude, latitude (KML's order), no altitude; lines and polygons are
``tessellate``\\ d so Google Earth drapes them on the ground. KML colours are
``aabbggrr`` (:func:`kml_color`).
"""

from __future__ import annotations

import html
import json
import math
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely
from shapely import GeometryType

from ._text import printable
from .format import CATEGORIES, COLOR, MARKER_SIZES, POPUP
from .geodesic import UNITS
from .geometry import AREAS
from .style import layer_colours, layer_style

if TYPE_CHECKING:
    from .layers import Layer

__all__ = [
    "KML_ICON",
    "KML_NAMESPACE",
    "kml_color",
    "kml_document",
    "kml_text",
    "popup_facts",
]

#: The KML 2.2 namespace (OGC 07-147r2).
KML_NAMESPACE = "http://www.opengis.net/kml/2.2"
#: The point icon: Google Earth's white circle, which a Style's colour tints (a viewer
#: may fetch it; writing the file fetches nothing).
KML_ICON = "https://maps.google.com/mapfiles/kml/shapes/placemark_circle.png"

#: What :func:`geo._text.printable` leaves that XML 1.0 cannot hold.
_NOT_XML = re.compile("[\ufffe\uffff]")


def kml_text(value: Any) -> str:
    r"""``value`` as text any XML holds and no terminal or viewer takes for a command:
    :func:`geo._text.printable`, with U+FFFE and U+FFFF escaped too (not yet XML-escaped).

    >>> kml_text("Gwadar\u202e\n<b>\uffff")
    'Gwadar\\u202e\\n<b>\\uffff'
    """
    text = printable(value)
    return _NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _xml(value: Any) -> str:
    """Element text: :func:`kml_text`, then ``&``, ``<`` and ``>`` escaped."""
    return html.escape(kml_text(value), quote=False)


def _html(value: Any) -> str:
    """Text inside the description's HTML: :func:`kml_text`, then HTML-escaped (quotes
    too), so it holds no markup and no ``]]>``."""
    return html.escape(kml_text(value), quote=True)


def kml_color(color: str, opacity: float = 1.0) -> str:
    """A CSS colour (``#rrggbb`` or ``#rgb``) and an opacity (0 to 1) as KML's
    ``aabbggrr``.

    Parameters
    ----------
    color : str
        ``#1f618d`` or ``#18d``, as layer styles write colours.
    opacity : float
        0 (transparent) to 1 (opaque); values outside are clipped.

    Returns
    -------
    str
        Eight lowercase hex digits: alpha, blue, green, red.

    Raises
    ------
    ValueError
        ``color`` is not such a colour.

    Examples
    --------
    >>> kml_color("#1f618d", 0.9), kml_color("#f00")
    ('e68d611f', 'ff0000ff')
    """
    if not isinstance(color, str) or not COLOR.fullmatch(color):
        raise ValueError(
            f"Expected a colour like '#1f618d', instead got {printable(repr(color), 100)}"
        )
    digits = color[1:].lower()
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    opacity = 1.0 if not math.isfinite(opacity) else min(max(opacity, 0.0), 1.0)
    alpha = round(opacity * 255)
    return f"{alpha:02x}{digits[4:6]}{digits[2:4]}{digits[0:2]}"


# --------------------------------------------------------------------------- descriptions


def _number(value: float | int) -> str:
    """A number as the popup shows it: whole numbers of 5 digits or more grouped with
    commas, others with at most six significant digits."""
    if isinstance(value, int):
        return f"{value:,}" if abs(value) >= 10_000 else str(value)
    if not math.isfinite(value):
        return str(value)
    if value.is_integer() and abs(value) < 1e15:
        return _number(int(value))
    return f"{value:,.6g}"


def _value(value: Any) -> str:
    """A property's value as the popup shows it: a list of places (objects with a name)
    joined by dashes, other lists by commas, objects as JSON, numbers by :func:`_number`.

    >>> _value([{"name": "Kashgar"}, {"name": "Sost", "assumed": True}])
    'Kashgar – Sost (crossing assumed)'
    >>> _value(["CHN", 3, True]), _value(25000), _value({"a": 1})
    ('CHN, 3, true', '25,000', '{"a":1}')
    """
    if isinstance(value, list):
        if value and all(isinstance(v, dict) and "name" in v for v in value):
            return " – ".join(
                str(v["name"]) + (" (crossing assumed)" if v.get("assumed") is True else "")
                for v in value
            )
        return ", ".join(_value(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return _number(value)
    return str(value)


def _missing(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _length(km: float, units: Sequence[str]) -> str:
    """``1,234 km · 666 nmi``: whole numbers in each of ``units``."""
    return " · ".join(f"{round(km * 1000 / UNITS[u]):,} {u}" for u in units)


def popup_facts(
    layer: Layer, props: dict[str, Any], km: float | None, *, area: bool = False
) -> list[tuple[str, str]]:
    """The facts of a feature's popup on the map, as (label, text) pairs of plain text.

    The geodesic length (a polygon's perimeter) in the layer's category's units, the
    published length with its year and source and the share drawn, then the properties
    the popup shows (``geo/data/popup.toml``: the labelled ones in its order, then the
    others sorted, leaving out the hidden ones and those starting with "_"), the
    feature's figures, and the sources. Values are as in the file: nothing is escaped.

    Parameters
    ----------
    layer : Layer
        The feature's layer (its category, units, source).
    props : dict
        The feature's properties, plain JSON values.
    km : float or None
        Its geodesic length in km; None (or NaN) for a point.
    area : bool
        Whether it is a polygon, whose length is its perimeter.

    Examples
    --------
    >>> import geopandas as gpd, geo
    >>> layer = geo.Layer("x", "X", "sea-lane", None, gpd.GeoDataFrame(geometry=[]))
    >>> popup_facts(layer, {"name": "A", "status": "open", "_id": 3}, 1852.0)
    [('Length (geodesic)', '1,852 km · 1,000 nmi'), ('Status', 'open')]
    """
    category = CATEGORIES.get(layer.category)
    units = category.units if category is not None else ("km",)
    facts: list[tuple[str, str]] = []
    if km is not None and math.isfinite(km):
        label = "Perimeter (geodesic)" if area else "Length (geodesic)"
        facts.append((label, _length(km, units)))
        published = props.get("published_length_km")
        if isinstance(published, int | float) and not isinstance(published, bool):
            facts.extend(_published(props, float(published), km))
    labels: dict[str, str] = POPUP["labels"]
    hidden = set(POPUP["hidden"])
    keys = [k for k in labels if k in props]
    keys += sorted(k for k in props if k not in labels and k not in hidden and k[:1] != "_")
    for key in keys:
        value = props[key]
        if _missing(value):
            continue
        text = _value(value)
        if key == "via" and isinstance(value, list):
            text += f" ({len(value)} nodes)"
        facts.append((labels.get(key, key), text))
    figures = props.get("figures")
    for figure in (figures if isinstance(figures, list) else []) + list(layer.figures):
        if isinstance(figure, dict):
            facts.append(("Figure", _figure(figure)))
    if layer.source:
        facts.append(("Layer source", layer.source))
    if not _missing(props.get("source")):
        facts.append(("Source", str(props["source"])))
    return facts


def _published(props: dict[str, Any], published: float, km: float) -> list[tuple[str, str]]:
    """The published length with its year and source, and the share drawn where it is a
    number (not for a published length of 0, or so small that the share overflows)."""
    if not math.isfinite(published):
        return []
    year = props.get("published_length_year")
    text = f"{round(published):,} km" + ("" if _missing(year) else f" ({year})")
    source = props.get("published_length_source")
    if not _missing(source):
        text += f"; {source}"
    facts = [("Published length", text)]
    share = 100 * km / published if published > 0 else math.nan
    if math.isfinite(share):
        facts.append(("Drawn / published", f"{round(share)}%"))
    return facts


def _figure(figure: dict[str, Any]) -> str:
    """``label: value unit in year (note). Source: …``, as the popup lists a figure."""
    value = figure.get("value")
    number = isinstance(value, int | float) and not isinstance(value, bool)
    shown = _number(value) if number else str(value)
    unit = f" {figure['unit']}" if figure.get("unit") else ""
    note = f" ({figure['note']})" if figure.get("note") else ""
    year = f" in {figure['year']}" if "year" in figure else ""
    source = f" Source: {figure['source']}" if figure.get("source") else ""
    return f"{figure.get('label', '')}: {shown}{unit}{year}{note}.{source}"


def _description(layer: Layer, props: dict[str, Any], km: float | None, area: bool) -> str:
    """The Placemark's description: HTML of its name, kind, description and facts, every
    value escaped (the text of a CDATA section)."""
    category = CATEGORIES.get(layer.category)
    kind = f"{category.title if category else layer.category} · {layer.name}"
    parts = [f"<h3>{_html(props.get('name', ''))}</h3>", f"<p><i>{_html(kind)}</i></p>"]
    if not _missing(props.get("description")):
        parts.append(f"<p>{_html(props['description'])}</p>")
    rows = "".join(
        f'<tr><th align="left">{_html(label)}</th><td>{_html(text)}</td></tr>'
        for label, text in popup_facts(layer, props, km, area=area)
    )
    if rows:
        parts.append(f"<table>{rows}</table>")
    return "".join(parts)


# --------------------------------------------------------------------------- geometry


def _number_text(value: float, precision: int) -> str:
    """A coordinate with at most ``precision`` decimals, no trailing zeros, never "-0"."""
    text = f"{value:.{precision}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _coordinates(geom: shapely.Geometry, precision: int) -> str:
    xy = shapely.get_coordinates(geom)
    return " ".join(
        f"{_number_text(x, precision)},{_number_text(y, precision)}" for x, y in xy.tolist()
    )


def _ring(ring: shapely.Geometry, precision: int) -> str:
    return f"<LinearRing><coordinates>{_coordinates(ring, precision)}</coordinates></LinearRing>"


def _geometry(geom: shapely.Geometry | None, precision: int) -> str:
    """A geometry as KML: Point, LineString, Polygon, or a MultiGeometry of the parts of
    a multi-part one; "" for a missing or empty one."""
    if geom is None or geom.is_empty:
        return ""
    kind = GeometryType(shapely.get_type_id(geom))
    if kind == GeometryType.POINT:
        return f"<Point><coordinates>{_coordinates(geom, precision)}</coordinates></Point>"
    if kind in (GeometryType.LINESTRING, GeometryType.LINEARRING):
        coords = f"<coordinates>{_coordinates(geom, precision)}</coordinates>"
        return f"<LineString><tessellate>1</tessellate>{coords}</LineString>"
    if kind == GeometryType.POLYGON:
        outer = f"<outerBoundaryIs>{_ring(geom.exterior, precision)}</outerBoundaryIs>"
        inner = "".join(
            f"<innerBoundaryIs>{_ring(r, precision)}</innerBoundaryIs>" for r in geom.interiors
        )
        return f"<Polygon><tessellate>1</tessellate>{outer}{inner}</Polygon>"
    parts = "".join(_geometry(part, precision) for part in shapely.get_parts(geom))
    return f"<MultiGeometry>{parts}</MultiGeometry>"


# --------------------------------------------------------------------------- document


def _style(layer: Layer, colour: str, style_id: str) -> str:
    """A layer's Style in ``colour``: its line colour, opacity and width, its fill and its
    point colour and size as the map draws them (:func:`geo.style.layer_style`); the
    balloon shows the description only."""
    s = layer_style(layer, colour)
    try:
        line = kml_color(s["color"], s["opacity"])
        fill = kml_color(s["fillColor"], s["fillOpacity"])
        marker = kml_color(s["markerColor"])
    except ValueError as exc:
        raise ValueError(f"layer {printable(repr(layer.id), 200)}: style: {exc}") from None
    scale = round(s["radius"] / MARKER_SIZES["medium"], 2)
    return (
        f'<Style id="{style_id}">'
        f"<IconStyle><color>{marker}</color><scale>{scale:g}</scale>"
        f"<Icon><href>{KML_ICON}</href></Icon></IconStyle>"
        f"<LineStyle><color>{line}</color><width>{s['weight']:g}</width></LineStyle>"
        f"<PolyStyle><color>{fill}</color></PolyStyle>"
        "<BalloonStyle><text>$[description]</text></BalloonStyle>"
        "</Style>"
    )


def _folder_description(layer: Layer) -> str:
    parts = [f"<p><i>{_html(f'{layer.id} ({layer.category})')}</i></p>"]
    if layer.description:
        parts.append(f"<p>{_html(layer.description)}</p>")
    if layer.source:
        parts.append(f"<p>Source: {_html(layer.source)}</p>")
    return "".join(parts)


def kml_document(
    layers: Sequence[Layer],
    geometries: Sequence[np.ndarray],
    lengths_km: Sequence[np.ndarray],
    *,
    precision: int = 6,
    colours: Mapping[str, str] | None = None,
) -> str:
    """The KML document of ``layers``: a Style and a Folder (named by the layer's title)
    per layer, in order, and in each a Placemark per feature. ``colours``: each layer's
    colour by id (default :func:`geo.style.layer_colours` of ``layers`` in this order;
    :func:`geo.export.export_kml` gives the map's).

    Parameters
    ----------
    layers : sequence of Layer
        The layers, in the order of the folders.
    geometries : sequence of numpy arrays
        Each layer's geometries as they are to be written, one per feature, in WGS84
        (lon, lat) degrees (already densified, split at ±180° and rounded as the caller
        wants); None for a feature without one.
    lengths_km : sequence of numpy arrays
        Each feature's geodesic length in km (a polygon's perimeter), NaN for a point.
    precision : int
        The most decimals a coordinate is written with.

    Returns
    -------
    str
        The whole document, starting with the XML declaration (UTF-8).

    Examples
    --------
    >>> import geopandas as gpd, geo, numpy as np
    >>> from shapely import Point
    >>> frame = gpd.GeoDataFrame({"name": ["<b>Port</b>"]}, geometry=[Point(62.3, 25.1)])
    >>> layer = geo.Layer("user/ports", "Ports", "port", None, frame)
    >>> text = kml_document([layer], [layer.geometries()], [np.array([np.nan])])
    >>> "<name>&lt;b&gt;Port&lt;/b&gt;</name>" in text, "<coordinates>62.3,25.1<" in text
    (True, True)
    """
    if colours is None:
        colours = layer_colours(layers)
    styles, folders = [], []
    for i, (layer, geoms, km) in enumerate(zip(layers, geometries, lengths_km, strict=True)):
        style_id = f"layer-{i + 1}"
        styles.append(_style(layer, colours[layer.id], style_id))
        areas = np.isin(shapely.get_type_id(geoms), [int(k) for k in AREAS])
        placemarks = []
        for props, geom, length, area in zip(
            layer.properties, geoms, km.tolist(), areas.tolist(), strict=True
        ):
            length = None if length is None or not math.isfinite(length) else length
            description = _description(layer, props, length, area)
            placemarks.append(
                f"<Placemark><name>{_xml(props.get('name', ''))}</name>"
                f"<description><![CDATA[{description}]]></description>"
                f"<styleUrl>#{style_id}</styleUrl>{_geometry(geom, precision)}</Placemark>\n"
            )
        folders.append(
            f"<Folder><name>{_xml(layer.name)}</name>"
            f"<description><![CDATA[{_folder_description(layer)}]]></description>\n"
            + "".join(placemarks)
            + "</Folder>\n"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<kml xmlns="{KML_NAMESPACE}">\n<Document>\n'
        + "".join(s + "\n" for s in styles)
        + "".join(folders)
        + "</Document>\n</kml>\n"
    )
