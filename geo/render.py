"""The web map: layers rendered into one folium (Leaflet) HTML page.

This is the only module that imports folium and the only place where positions are
written (lat, lon), as Leaflet wants them. Every text from the layers is escaped here
before it becomes tooltip or popup HTML; names reach the layer control, legend and
search through the DOM's ``textContent`` in ``static/bri_map.js``.
"""

from __future__ import annotations

import html
import json
import math
import re
from collections.abc import Iterable
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import Any

import folium
import numpy as np
import shapely
from branca.element import Element, Figure, MacroElement

from ._files import write_text_atomic
from .geodesic import UNITS, geodesic_length
from .layers import CATEGORIES, DEFAULT_LAYERS_DIR, Layer, LayerError, load_layers
from .lines import densify_geodesic, unwrap_antimeridian

__all__ = ["LEAFLET_CSS", "LEAFLET_JS", "build_map", "save_map"]

LEAFLET_VERSION = "1.9.3"  # the version xstatic-leaflet ships, for the offline browser tests
LEAFLET_JS = f"https://cdn.jsdelivr.net/npm/leaflet@{LEAFLET_VERSION}/dist/leaflet.js"
LEAFLET_CSS = f"https://cdn.jsdelivr.net/npm/leaflet@{LEAFLET_VERSION}/dist/leaflet.css"

#: Point layers with at least this many points are clustered.
CLUSTER_MIN_POINTS = 30

#: Layer-control groups, in order, by category.
GROUPS = {
    "corridor": "Economic corridors",
    "rail-route": "China–Europe rail",
    "rail-node": "China–Europe rail",
    "port": "Ports",
    "sea-lane": "Sea lanes",
    "other": "Other layers (user-added)",
}

#: Base maps: name, tile URL, max zoom, attribution HTML (fixed text, not user data).
BASEMAPS = [
    {
        "name": "OpenStreetMap",
        "url": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        "maxZoom": 19,
        "attribution": '&copy; <a href="https://www.openstreetmap.org/copyright">'
        "OpenStreetMap</a> contributors",
    },
    {
        "name": "Light grey (Esri)",
        "url": "https://server.arcgisonline.com/ArcGIS/rest/services/Canvas/"
        "World_Light_Gray_Base/MapServer/tile/{z}/{y}/{x}",
        "maxZoom": 16,
        "attribution": "Tiles &copy; Esri &mdash; Esri, DeLorme, NAVTEQ",
    },
    {
        "name": "Satellite (Esri)",
        "url": "https://server.arcgisonline.com/ArcGIS/rest/services/World_Imagery/"
        "MapServer/tile/{z}/{y}/{x}",
        "maxZoom": 18,
        "attribution": "Tiles &copy; Esri &mdash; Source: Esri, i-cubed, USDA, USGS, AEX, "
        "GeoEye, Getmapping, Aerogrid, IGN, IGP, UPR-EGP, and the GIS User Community",
    },
]

# Properties shown in popups under these labels, in this order; the rest of a user
# layer's scalar properties follow under their own keys.
_LABELS = {
    "article_name": "Name in the article",
    "origin": "From",
    "destination": "To",
    "from": "From",
    "to": "To",
    "role": "Role",
    "city": "City",
    "country": "Country",
    "countries": "Countries",
    "locode": "UN/LOCODE",
    "operator": "Operator",
    "first_service": "First service",
    "part": "Part",
    "passages": "Passages",
    "via": "Via",
    "note": "Note",
    "source_note": "Source note",
}
_HIDDEN = {
    "name",
    "description",
    "source",
    "figures",
    "published_length_km",
    "published_length_source",
    "published_length_year",
    "searoute_length_km",
    "geometry",
}
#: Colours given in turn to the layers of a category that set no colour of their own,
#: so that, say, six corridors are six distinguishable lines.
PALETTES = {
    "corridor": ("#c0392b", "#e67e22", "#b7950b", "#1e8449", "#a04000", "#c2185b", "#7d3c98"),
    "rail-route": ("#5b2c6f", "#4a235a", "#76448a"),
    "other": ("#d35400", "#117a65", "#7b241c", "#1a5276"),
}
_URL = re.compile(r"https?://[^\s<>\"'()\[\]]+[^\s<>\"'()\[\].,;:]")


def _esc(value: Any) -> str:
    return html.escape(str(value), quote=True)


def linkify(text: str) -> str:
    """Escape ``text`` and turn each http(s) URL in it into a link; nothing else is a link.

    >>> linkify('See <b> https://example.org/a?b=1&c=2.')
    'See &lt;b&gt; <a href="https://example.org/a?b=1&amp;c=2" target="_blank" rel="noopener noreferrer">https://example.org/a?b=1&amp;c=2</a>.'
    >>> linkify("javascript:alert(1)")
    'javascript:alert(1)'
    """
    out, pos = [], 0
    for match in _URL.finditer(text):
        out.append(_esc(text[pos : match.start()]))
        url = _esc(match.group())
        out.append(f'<a href="{url}" target="_blank" rel="noopener noreferrer">{url}</a>')
        pos = match.end()
    out.append(_esc(text[pos:]))
    return "".join(out)


def _fmt_number(value: float, *, group: bool = False) -> str:
    """Short text for a number: 30 billion, 13.9 million, 12,500; ``group`` puts commas in
    four-digit integers too (a quantity, where a property like 2011 may be a year).

    >>> _fmt_number(30e9), _fmt_number(13.9e6), _fmt_number(2011), _fmt_number(6363, group=True)
    ('30 billion', '13.9 million', '2011', '6,363')
    """
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int) or float(value).is_integer():
        value = int(value)
        for size, word in ((10**9, "billion"), (10**6, "million")):
            if abs(value) >= size and value % (size // 10) == 0:
                return f"{value / size:g} {word}"
        return f"{value:,}" if group or abs(value) >= 10000 else str(value)
    for size, word in ((1e9, "billion"), (1e6, "million")):
        if abs(value) >= size:
            return f"{value / size:g} {word}"
    return f"{value:,.6g}"


def _fmt_value(value: Any) -> str:
    """Escaped HTML for one property value."""
    if isinstance(value, list):
        if value and all(isinstance(v, dict) and "name" in v for v in value):
            return " – ".join(_esc(v["name"]) for v in value)
        return ", ".join(_fmt_value(v) for v in value)
    if isinstance(value, dict):
        return _esc(json.dumps(value, ensure_ascii=False))
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _esc(_fmt_number(value))
    return _esc(value)


def _fmt_figure(value: Any) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _esc(_fmt_number(value, group=True))
    return _esc(value)


def _figures_html(figures: list[dict]) -> str:
    items = []
    for fig in figures:
        unit = f" {_esc(fig['unit'])}" if fig.get("unit") else ""
        note = f" ({_esc(fig['note'])})" if fig.get("note") else ""
        items.append(
            f"<li>{_esc(fig.get('label', ''))}: <b>{_fmt_figure(fig.get('value', ''))}{unit}</b>"
            f" in {_esc(fig.get('year', ''))}{note}. "
            f"<i>Source: {linkify(str(fig.get('source', '')))}"
            "</i></li>"
        )
    return "<ul>" + "".join(items) + "</ul>"


def _is_missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str | list | dict) and not value


def _length_text(km: float, category: str) -> str:
    text = f"{km:,.0f} km"
    if category == "sea-lane":
        text += f" · {km * UNITS['km'] / UNITS['nmi']:,.0f} nmi"
    return text


def _tooltip(props: dict, layer: Layer, km: float | None) -> str:
    parts = [f"<b>{_esc(props['name'])}</b>"]
    if km is not None:
        parts.append(f'<span class="bri-tip-len">{_esc(_length_text(km, layer.category))}</span>')
    elif not _is_missing(props.get("role")):
        parts.append(_esc(props["role"]))
    return "<br>".join(parts)


def _popup(props: dict, layer: Layer, km: float | None, perimeter: bool = False) -> str:
    cat = CATEGORIES[layer.category]
    out = [
        '<div class="bri-popup">',
        f"<h4>{_esc(props['name'])}</h4>",
        f'<div class="bri-kind">{_esc(cat.title)} · {_esc(layer.name)}</div>',
    ]
    if not _is_missing(props.get("description")):
        out.append(f"<p>{_esc(props['description'])}</p>")
    rows: list[tuple[str, str]] = []
    if km is not None:
        label = "Perimeter (geodesic)" if perimeter else "Length (geodesic)"
        rows.append((label, _esc(_length_text(km, layer.category))))
        published = props.get("published_length_km")
        if not _is_missing(published) and isinstance(published, int | float):
            detail = [f"{published:,.0f} km"]
            if not _is_missing(props.get("published_length_year")):
                detail.append(f"({props['published_length_year']})")
            text = _esc(" ".join(detail))
            if not _is_missing(props.get("published_length_source")):
                text += f"; {linkify(str(props['published_length_source']))}"
            rows.append(("Published length", text))
            if published > 0:
                rows.append(("Drawn / published", _esc(f"{km / published:.0%}")))
    keys = [k for k in _LABELS if k in props] + sorted(
        k for k in props if k not in _LABELS and k not in _HIDDEN and not k.startswith("_")
    )
    for key in keys:
        value = props[key]
        if _is_missing(value):
            continue
        if key == "via" and isinstance(value, list):
            rows.append((_LABELS[key], _fmt_value(value) + f" ({len(value)} nodes)"))
        else:
            rows.append((_LABELS.get(key, key), _fmt_value(value)))
    if rows:
        out.append("<table>")
        out.extend(f"<tr><th>{_esc(k)}</th><td>{v}</td></tr>" for k, v in rows)
        out.append("</table>")
    figures = props.get("figures")
    if isinstance(figures, list) and figures:
        out.append("<b>Figures</b>" + _figures_html(figures))
    if layer.figures:
        out.append(f"<b>{_esc(layer.name)}: figures</b>" + _figures_html(layer.figures))
    if layer.source:
        out.append(f'<div class="bri-source">Layer source: {linkify(layer.source)}</div>')
    source = props.get("source")
    if not _is_missing(source):
        out.append(f'<div class="bri-source">Source: {linkify(str(source))}</div>')
    out.append("</div>")
    return "".join(out)


def _leaflet_style(layer: Layer, nth: int) -> dict[str, Any]:
    """Leaflet path options from the layer's look; ``nth`` picks its palette colour."""
    s = layer.effective_style
    palette = PALETTES.get(layer.category)
    if palette and "stroke" not in layer.style and "marker-color" not in layer.style:
        s = {
            **s,
            "stroke": palette[nth % len(palette)],
            "marker-color": palette[nth % len(palette)],
        }
    color = s.get("stroke") if CATEGORIES[layer.category].is_line else s.get("marker-color")
    style = {
        "color": color or s.get("stroke") or s.get("marker-color") or "#333333",
        "weight": s.get("stroke-width", 3),
        "opacity": s.get("stroke-opacity", 0.9),
        "fillColor": s.get("fill", color or "#333333"),
        "fillOpacity": s.get("fill-opacity", 0.2),
    }
    if s.get("dash-array"):
        style["dashArray"] = s["dash-array"]
    return style


def _display_geometries(geoms: np.ndarray, max_segment_km: float) -> np.ndarray:
    """Great-circle densified, unwrapped at ±180° and rounded to 5 decimals (about 1 m)."""
    shaped = unwrap_antimeridian(densify_geodesic(geoms, max_segment_km=max_segment_km))
    return shapely.transform(shaped, lambda c: np.round(c, 5))


def _script_json(value: Any) -> str:
    """JSON safe to place inside a <script> element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):  # fmt: skip
        text = text.replace(char, escape)
    return text


def _feature_name(props: dict, layer: Layer, i: int) -> str:
    """The feature's name as text; a row added without one gets "<layer title> N"."""
    name = props.get("name")
    return str(name) if not _is_missing(name) and str(name).strip() else f"{layer.name} {i + 1}"


def _layer_spec(
    layer: Layer, max_segment_km: float, nth: int = 0
) -> tuple[dict[str, Any], tuple | None]:
    geoms = layer.geometries()
    types = shapely.get_type_id(geoms)
    km = geodesic_length(geoms, units="km")
    # lines and polygons have a length / perimeter; a collection has one if it holds lines
    is_line = np.isin(types, (1, 2, 3, 5, 6)) | ((types == 7) & (km > 0))
    display = _display_geometries(geoms, max_segment_km)
    geo_json = shapely.to_geojson(display)
    records = layer.properties
    features = []
    is_polygon = np.isin(types, (3, 6))
    rows = zip(records, geo_json, is_line, is_polygon, km, strict=True)
    for i, (props, gj, line, polygon, length) in enumerate(rows):
        clean = {k: v for k, v in props.items() if not _is_missing(v)}
        clean["name"] = _feature_name(clean, layer, i)
        length_km = float(length) if line and math.isfinite(length) else None
        meta = {
            "_name": clean["name"],
            "_tooltip": _tooltip(clean, layer, length_km),
            "_popup": _popup(clean, layer, length_km, perimeter=bool(polygon)),
        }
        if isinstance(clean.get("role"), str):
            meta["_role"] = clean["role"]
        geometry = gj if gj is not None else "null"
        features.append(
            f'{{"type":"Feature","geometry":{geometry},"properties":{_script_json(meta)}}}'
        )
    points_only = bool(len(types)) and bool((types == 0).all())
    marker = {"port": "port", "rail-node": "rail"}.get(layer.category, "point")
    spec = {
        "id": layer.id,
        "name": layer.name,
        "description": layer.description,
        "group": GROUPS[layer.category],
        "category": layer.category,
        "kind": "point" if points_only else "line",
        "marker": marker,
        "style": _leaflet_style(layer, nth),
        "cluster": points_only and len(geoms) >= CLUSTER_MIN_POINTS,
        "count": len(geoms),
    }
    bounds = None
    drawn = display[~shapely.is_missing(display)] if len(display) else display
    if len(drawn):
        xmin, ymin, xmax, ymax = shapely.total_bounds(drawn)
        if np.isfinite([xmin, ymin, xmax, ymax]).all():
            bounds = (xmin, ymin, xmax, ymax)
    data = '{"type":"FeatureCollection","features":[' + ",".join(features) + "]}"
    return {**spec, "data": data}, bounds


def _failing_feature(layer: Layer, max_segment_km: float) -> tuple[int, str] | None:
    """The first feature that cannot be drawn on its own, and its name."""
    frame = layer.frame
    for i in range(len(frame)):
        one = replace(layer, frame=frame.iloc[i : i + 1])
        try:
            _layer_spec(one, max_segment_km)
        except Exception:
            name = frame["name"].iloc[i] if "name" in frame.columns else None
            return i, name if isinstance(name, str) else ""
    return None


def _checked_layer_spec(
    layer: Layer, max_segment_km: float, nth: int
) -> tuple[dict[str, Any], tuple | None]:
    """:func:`_layer_spec`, with an unexpected failure turned into one LayerError line
    that names the layer file and the feature."""
    try:
        return _layer_spec(layer, max_segment_km, nth)
    except LayerError:
        raise
    except Exception as exc:
        where = str(layer.path) if layer.path is not None else f"layer {layer.id!r}"
        found = _failing_feature(layer, max_segment_km)
        if found is not None:
            i, name = found
            where += f": feature {i}" + (f" ({name!r})" if name else "")
        raise LayerError(
            [f"{where}: cannot be drawn ({type(exc).__name__}: {exc}); expected a geometry "
             "the map can draw: please report this with the file"]
        ) from exc  # fmt: skip


class _Text(Element):
    """Text placed in the page as it is. branca would compile an Element's text as a Jinja
    template (so ``{{ 7*7 }}`` in a layer name would run at build time); this one is never
    parsed."""

    def __init__(self, text: str):
        super().__init__()
        self._text = text

    def render(self, **kwargs: Any) -> str:
        return self._text


class _BRILayers(MacroElement):
    """The layers, controls and script of the map (static/bri_map.js).

    Renders itself without templates: the configuration holds the layers' text.
    """

    def __init__(self, config: str):
        super().__init__()
        self._name = "BRILayers"
        static = resources.files("geo") / "static"
        self.js = (static / "bri_map.js").read_text(encoding="utf-8")
        self.css = (static / "bri_map.css").read_text(encoding="utf-8")
        self.config = config

    def render(self, **kwargs: Any) -> None:
        figure = self.get_root()
        figure.header.add_child(_Text(f"<style>{self.css}</style>"), name=self.get_name())
        script = f"{self.js}\nbriInit({self._parent.get_name()}, {self.config});\n"
        figure.script.add_child(_Text(script), name=self.get_name())


def _figure_entries(layers: list[Layer]) -> list[dict[str, Any]]:
    """Every published figure of the layers (layer-level, then per feature), as plain text
    for the map's figures panel (the page puts it in with textContent)."""
    found: list[tuple[dict, str]] = [(f, layer.name) for layer in layers for f in layer.figures]
    for layer in layers:
        frame = layer.frame
        if "figures" not in frame.columns:
            continue
        for name, figs in zip(frame["name"], frame["figures"], strict=True):
            for fig in figs if isinstance(figs, list) else []:
                if isinstance(fig, dict):
                    found.append((fig, str(name) if isinstance(name, str) else layer.name))
    entries, seen = [], set()
    for fig, where in found:
        value = fig.get("value")
        number = value if isinstance(value, int | float) and not isinstance(value, bool) else None
        text = _fmt_number(number, group=True) if number is not None else str(value)
        entry = {
            "value": (text + (f" {fig['unit']}" if fig.get("unit") else "")),
            "label": str(fig.get("label", "")),
            "year": str(fig.get("year", "")),
            "note": str(fig.get("note") or ""),
            "source": str(fig.get("source", "")),
            "where": where,
        }
        key = (entry["value"], entry["label"], entry["year"])
        if key not in seen:  # the same figure on two layers is shown once
            seen.add(key)
            entries.append(entry)
    return entries


def _config_json(
    specs: list[dict[str, Any]],
    bounds: list[list[float]] | None,
    figures: list[dict[str, Any]] | None = None,
) -> str:
    groups = list(dict.fromkeys(GROUPS.values()))
    layers = []
    for spec in specs:
        meta = {k: v for k, v in spec.items() if k != "data"}
        # the feature collection is already script-safe JSON text: splice it in as is
        layers.append(_script_json(meta)[:-1] + ',"data":' + spec["data"] + "}")
    head = _script_json(
        {"groups": groups, "basemaps": BASEMAPS, "bounds": bounds, "figures": figures or []}
    )
    return head[:-1] + ',"layers":[' + ",".join(layers) + "]}"


def build_map(
    layers: Iterable[Layer] | None = None,
    *,
    directory: str | Path = DEFAULT_LAYERS_DIR,
    only: Iterable[str] | None = None,
    max_segment_km: float = 300.0,
    title: str = "Belt and Road Initiative: corridors, rail and ports",
) -> folium.Map:
    """The layered web map of ``layers`` (default: every layer in ``directory``).

    One overlay per layer, grouped by category in the layer control, on by default;
    three base maps; a legend; tooltips with each line's geodesic length; popups with
    details, figures and sources; lines drawn along the geodesic (legs longer than
    ``max_segment_km`` are densified) and continuous across ±180°; search, measure,
    fullscreen, minimap and scale tools. Element ids are fixed, so the same layers
    always give the same HTML.

    Returns the :class:`folium.Map` (its parent :class:`branca.element.Figure` carries
    the page title); add to it, then :func:`save_map` it.
    """
    if layers is None:
        layers = load_layers(directory, only=only)
    elif only is not None:
        wanted = set(only)
        layers = [layer for layer in layers if layer.id in wanted]
    layers = list(layers)
    order = list(GROUPS)
    layers.sort(key=lambda layer: (order.index(layer.category), layer.id))
    specs, boxes = [], []
    seen: dict[str, int] = {}
    for layer in layers:
        nth = seen[layer.category] = seen.get(layer.category, -1) + 1
        spec, box = _checked_layer_spec(layer, max_segment_km, nth)
        specs.append(spec)
        if box:
            boxes.append(box)
    bounds = None
    if boxes:
        arr = np.array(boxes)
        west, south = arr[:, 0].min(), arr[:, 1].min()
        east, north = arr[:, 2].max(), arr[:, 3].max()
        bounds = [
            [round(float(south), 5), round(float(west), 5)],
            [round(float(north), 5), round(float(east), 5)],
        ]
    figure = Figure(title=html.escape(title))
    fmap = folium.Map(
        location=[30.0, 60.0],
        zoom_start=3,
        tiles=None,
        control_scale=True,
        prefer_canvas=False,
        world_copy_jump=False,
    )
    fmap.default_js = [("leaflet", LEAFLET_JS)]
    fmap.default_css = [("leaflet_css", LEAFLET_CSS)]
    figure.add_child(fmap)
    fmap.add_child(_BRILayers(_config_json(specs, bounds, _figure_entries(layers))))
    _stable_ids(figure)
    return fmap


def _stable_ids(root: Element) -> None:
    """Replace branca's random element ids with ones fixed by position in the tree."""
    counter = 0

    def walk(node: Element) -> None:
        nonlocal counter
        node._id = f"{counter:04d}"
        counter += 1
        for child in node._children.values():
            walk(child)

    walk(root)


def save_map(fmap: folium.Map, path: str | Path) -> Path:
    """Write the map's page to ``path`` atomically (a failed write leaves the old file).

    Element ids are renumbered first, so saving the same map twice gives the same bytes.
    """
    root = fmap.get_root()
    _stable_ids(root)
    return write_text_atomic(path, root.render(), what="the map")
