"""The third-party assets every map page carries inside itself.

They are vendored from their npm releases into ``geo/static/vendor`` (``vendor.toml`` says
which versions; ``tools/vendor.py`` fetches and checks them), so a page needs no request to
draw: Leaflet (script and stylesheet, its images as data URIs), GeographicLib's geodesic
routines for the measure tool, and Natural Earth's countries for the base map
(:mod:`geo.basemap`).
"""

from __future__ import annotations

import base64
import functools
import re
import tomllib
from importlib import resources
from typing import Any

__all__ = [
    "geodesic_js",
    "inline_script",
    "inline_style",
    "leaflet_css",
    "leaflet_icon_js",
    "leaflet_js",
    "vendor_bytes",
    "vendored",
]


def vendor_bytes(path: str) -> bytes:
    """The bytes of a vendored file, by its path under ``geo/static/vendor``."""
    return (resources.files("geo") / "static" / "vendor" / path).read_bytes()


def _vendor_text(path: str) -> str:
    """A vendored text file, with line ends made ``\n`` (Leaflet's CSS has CRLF), so the
    page is the same bytes however it is written."""
    return vendor_bytes(path).decode("utf-8").replace("\r\n", "\n")


@functools.cache
def vendored() -> dict[str, dict[str, Any]]:
    """The vendored packages by npm name: version, license, tarball, files.

    >>> vendored()["leaflet"]["version"]
    '1.9.4'
    """
    manifest = tomllib.loads(vendor_bytes("vendor.toml").decode("utf-8"))
    return {pkg["name"]: pkg for pkg in manifest["package"]}


def inline_script(text: str) -> str:
    """``text`` as a ``<script>`` element; refuses text that would end the element early.

    >>> inline_script("var a = 1;")
    '<script>var a = 1;</script>'
    >>> inline_script("s = '</script>'")
    Traceback (most recent call last):
    ...
    ValueError: a vendored script contains '</script': it cannot be inlined as it is
    """
    if re.search(r"</script", text, re.IGNORECASE):
        raise ValueError("a vendored script contains '</script': it cannot be inlined as it is")
    return f"<script>{text}</script>"


def inline_style(text: str) -> str:
    """``text`` as a ``<style>`` element; refuses text that would end the element early."""
    if re.search(r"</style", text, re.IGNORECASE):
        raise ValueError("a vendored stylesheet contains '</style': it cannot be inlined")
    return f"<style>{text}</style>"


def _png_uri(name: str) -> str:
    data = base64.b64encode(vendor_bytes(f"leaflet/images/{name}")).decode("ascii")
    return f"data:image/png;base64,{data}"


@functools.cache
def leaflet_js() -> str:
    """Leaflet's script, as released."""
    return _vendor_text("leaflet/leaflet.js")


@functools.cache
def leaflet_css() -> str:
    """Leaflet's stylesheet, its ``url(images/…)`` turned into data URIs (no request)."""
    css = _vendor_text("leaflet/leaflet.css")
    return re.sub(r"url\(images/([\w.-]+\.png)\)", lambda m: f'url("{_png_uri(m.group(1))}")', css)


@functools.cache
def leaflet_icon_js() -> str:
    """Script that points Leaflet's default marker icon at data URIs, so a
    ``folium.Marker`` a user adds to the map shows without a request."""
    return (
        'L.Icon.Default.imagePath = "";\n'
        "L.Icon.Default.mergeOptions({"
        f'iconUrl: "{_png_uri("marker-icon.png")}", '
        f'iconRetinaUrl: "{_png_uri("marker-icon-2x.png")}", '
        f'shadowUrl: "{_png_uri("marker-shadow.png")}"}});'
    )


@functools.cache
def geodesic_js() -> str:
    """GeographicLib's geodesic routines (defines ``geodesic`` in the page)."""
    return _vendor_text("geographiclib-geodesic/geographiclib-geodesic.min.js")
