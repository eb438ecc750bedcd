"""The web map: layers rendered into one self-contained folium (Leaflet) HTML page.

The layers become one map spec (:mod:`geo.mapspec`), placed in the page as a JSON
script element; the page's script (``static/bri_map.js``, bundled from the ES modules of
``static/src`` by ``npm run build``: see the README's developer notes) reads it and draws
everything, putting every text from the layers in with ``textContent``. Leaflet, the
geodesic routines and the base map are inside the page too (:mod:`geo.assets`), so it
draws with no network: only a tile base map, when the reader chooses one, makes requests.
This is the only module that imports folium.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import Any

import folium
from branca.element import Element, Figure, MacroElement

from . import assets
from ._files import write_text_atomic
from .layers import Layer, LayerError, load_layers
from .mapspec import DEFAULT_SUBTITLE, DEFAULT_TITLE, GROUPS, LayerSpec, layer_spec, map_spec
from .years import as_of, as_of_caption

__all__ = ["GROUPS", "NOTEBOOK_SANDBOX", "BRIMap", "build_map", "save_map"]

#: The zoom levels a view may take: tenths, so a phone's first view fits the data closely
#: (the buttons and the wheel still step whole levels).
ZOOM_SNAP = 0.1


def script_json(value: Any) -> str:
    """JSON text safe inside a ``<script>`` element: no '<' (so no ``</script>``), and
    U+2028/U+2029 escaped.

    >>> script_json({"a": "</script>"})
    '{"a":"\\\\u003c/script>"}'
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for char, escape in (("<", "\\u003c"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


def _failing_feature(layer: Layer, max_segment_km: float) -> tuple[int, str] | None:
    """The first feature that cannot be drawn on its own, and its name."""
    frame = layer.frame
    for i in range(len(frame)):
        try:
            layer_spec(replace(layer, frame=frame.iloc[i : i + 1]), max_segment_km=max_segment_km)
        except Exception:
            name = frame["name"].iloc[i] if "name" in frame.columns else None
            return i, name if isinstance(name, str) else ""
    return None


def _checked_layer_spec(layer: Layer, colour: str, max_segment_km: float) -> LayerSpec:
    """:func:`geo.mapspec.layer_spec`, with an unexpected failure turned into one
    LayerError line that names the layer file and the feature."""
    try:
        return layer_spec(layer, colour=colour, max_segment_km=max_segment_km)
    except LayerError:
        raise
    except Exception as exc:
        where = str(layer.path) if layer.path is not None else f"layer {layer.id!r}"
        found = _failing_feature(layer, max_segment_km)
        if found is not None:
            i, name = found
            where += f": feature {i}" + (f" ({name!r})" if name else "")
        raise LayerError(
            [
                f"{where}: cannot be drawn ({type(exc).__name__}: {exc}); expected a geometry "
                "the map can draw: please report this with the file"
            ]
        ) from exc


class _Text(Element):
    """Text placed in the page as it is. branca would compile an Element's text as a Jinja
    template (so ``{{ 7*7 }}`` in a layer name would run at build time); this one is never
    parsed."""

    def __init__(self, text: str):
        super().__init__()
        self._text = text

    def render(self, **kwargs: Any) -> str:
        return self._text


class _Assets(MacroElement):
    """Leaflet and GeographicLib, inside the page (vendored: geo/static/vendor)."""

    def __init__(self) -> None:
        super().__init__()
        self._name = "Assets"

    def render(self, **kwargs: Any) -> None:
        header = self.get_root().header
        for i, text in enumerate(
            (
                assets.inline_style(assets.leaflet_css()),
                assets.inline_script(assets.leaflet_js()),
                assets.inline_script(assets.leaflet_icon_js()),
                assets.inline_script(assets.geodesic_js()),
            )
        ):
            header.add_child(_Text(text), name=f"{self.get_name()}_{i}")


class _BRILayers(MacroElement):
    """The map spec, the page's script and its stylesheet (static/bri_map.*).

    The script defines one global, ``BriCorridors``; the map's own script calls its
    ``createMap`` and keeps the handle it returns as ``briState`` (for tests and tools).
    Renders itself without templates: the spec holds the layers' text.
    """

    def __init__(self, spec_json: str):
        super().__init__()
        self._name = "BRILayers"
        static = resources.files("geo") / "static"
        self.js = (static / "bri_map.js").read_text(encoding="utf-8")
        self.css = (static / "bri_map.css").read_text(encoding="utf-8")
        self.spec_json = spec_json

    def render(self, **kwargs: Any) -> None:
        figure = self.get_root()
        name = self.get_name()
        figure.header.add_child(_Text(assets.inline_style(self.css)), name=f"{name}_css")
        figure.header.add_child(_Text(assets.inline_script(self.js)), name=f"{name}_js")
        figure.html.add_child(
            _Text(f'<script type="application/json" id="{name}">{self.spec_json}</script>'),
            name=name,
        )
        script = (
            f"var briState = BriCorridors.createMap({self._parent.get_name()}, "
            f'JSON.parse(document.getElementById("{name}").textContent));\n'
        )
        figure.script.add_child(_Text(script), name=name)


#: What the notebook's map iframe may do: run the map's own script, open a source's
#: http(s) link in a new tab as an ordinary page (not sandboxed itself), and save the
#: files its share panel makes (a picture of the view, the features shown). Never
#: ``allow-same-origin``: with scripts it would let the page lift its own sandbox and reach
#: the notebook (its kernel, its cookies).
NOTEBOOK_SANDBOX = "allow-scripts allow-popups allow-popups-to-escape-sandbox allow-downloads"


class BRIMap(folium.Map):
    """A :class:`folium.Map` whose page carries everything it needs (see the module
    docstring); in Jupyter it shows as that page in a sandboxed ``iframe``
    (:data:`NOTEBOOK_SANDBOX`: a page of its own origin, away from the notebook's), with
    no request and no "trust this notebook" step."""

    def _repr_html_(self, **kwargs: Any) -> str:
        root = self.get_root()
        _stable_ids(root)
        page = html.escape(root.render(), quote=True)
        return (
            '<div style="position:relative;width:100%;height:0;padding-bottom:60%;">'
            '<iframe title="bri-corridors map" srcdoc="' + page + '" '
            f'sandbox="{NOTEBOOK_SANDBOX}" '
            'style="position:absolute;inset:0;width:100%;height:100%;border:0;" '
            "allowfullscreen></iframe></div>"
        )


def build_map(
    layers: Iterable[Layer] | None = None,
    *,
    directory: str | Path | None = None,
    only: Iterable[str] | None = None,
    max_segment_km: float = 300.0,
    title: str | None = None,
    subtitle: str | None = None,
    year: int | None = None,
) -> folium.Map:
    """The layered web map of ``layers`` (default: every layer in ``directory``, by
    default the shipped layers: :func:`geo.layers.shipped_layers_dir`).

    One overlay per layer, grouped by category in the layer control, on by default;
    three base maps; a legend; tooltips with each line's geodesic length; popups with
    details, figures and sources; lines drawn along the geodesic (legs longer than
    ``max_segment_km`` are densified) and continuous across ±180°, on a canvas; search,
    measure, fullscreen, minimap and scale tools; a title block (``title``, one line of
    ``subtitle`` and an "about" panel of the sources and how lengths are measured; by
    default the shipped map's, :data:`geo.mapspec.DEFAULT_TITLE` and
    :data:`~geo.mapspec.DEFAULT_SUBTITLE`; "" for none); labels (countries, places,
    corridors: :mod:`geo.labels`); a print stylesheet (A4 landscape: the map, title,
    legend and attribution, no controls). Element ids are fixed, so the same layers
    always give the same HTML.

    With ``year`` (a calendar year), the map of that year: the layers as they stood then
    (:func:`geo.as_of`), the title ending ", as of YEAR", and no year slider (the page
    shows that one year; without ``year`` the slider goes through the years the layers
    name).

    Returns the :class:`folium.Map` (its parent :class:`branca.element.Figure` carries
    the page title); add to it, then :func:`save_map` it.
    """
    if layers is None:
        layers = load_layers(directory, only=only)
    elif only is not None:
        wanted = set(only)
        layers = [layer for layer in layers if layer.id in wanted]
    title = DEFAULT_TITLE if title is None else title
    subtitle = DEFAULT_SUBTITLE if subtitle is None else subtitle
    for what, text in (("title", title), ("subtitle", subtitle)):
        if not isinstance(text, str):
            raise ValueError(f"Expected {what} to be text (a str), instead got {text!r}")
    if year is not None:
        layers, title = as_of(layers, year), as_of_caption(title, year)
    spec = map_spec(
        layers,
        title=title,
        subtitle=subtitle,
        year=year,
        build=lambda layer, colour: _checked_layer_spec(layer, colour, max_segment_km),
    )
    figure = Figure(title=html.escape(title))
    fmap = BRIMap(
        location=[30.0, 60.0],
        zoom_start=3,
        tiles=None,
        control_scale=True,
        prefer_canvas=True,
        world_copy_jump=False,
        zoom_snap=ZOOM_SNAP,
    )
    fmap.default_js = []  # no CDN: the scripts are in the page (_Assets)
    fmap.default_css = []
    figure.add_child(fmap)
    fmap.add_child(_Assets())
    fmap.add_child(_BRILayers(script_json(spec)))
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
