"""The vendored third-party assets: as released, with their licences, inlined safely."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from geo import assets

VENDOR = Path(assets.__file__).parent / "static" / "vendor"


def sums() -> dict[str, str]:
    lines = (VENDOR / "SHA256SUMS").read_text().splitlines()
    return {path: digest for digest, path in (line.split("  ", 1) for line in lines)}


def test_every_vendored_file_is_listed_and_unchanged():
    listed = sums()
    on_disk = {
        str(p.relative_to(VENDOR))
        for p in VENDOR.rglob("*")
        if p.is_file() and p.name not in ("vendor.toml", "SHA256SUMS")
    }
    assert on_disk == set(listed)
    for path, digest in listed.items():
        assert hashlib.sha256((VENDOR / path).read_bytes()).hexdigest() == digest, path


@pytest.mark.parametrize("name", sorted(assets.vendored()))
def test_each_package_has_its_licence_and_pinned_release(name):
    pkg = assets.vendored()[name]
    assert re.fullmatch(r"\d+\.\d+\.\d+", pkg["version"])
    assert pkg["tarball"].endswith(f"/{name}-{pkg['version']}.tgz")
    assert pkg["integrity"].startswith("sha512-")
    targets = list(pkg["files"].values())
    licences = [t for t in targets if Path(t).name.upper().startswith("LICENSE")]
    assert licences, f"{name}: no licence file vendored"
    assert all(t.startswith(f"{name}/") for t in targets)


def test_leaflet_css_images_become_data_uris():
    css = assets.leaflet_css()
    assert "url(images/" not in css
    assert css.count('url("data:image/png;base64,') == 3  # layers, layers-2x, marker icon


@pytest.mark.parametrize(
    ("make", "text"),
    [
        (assets.inline_script, "a = '</SCRIPT >'"),
        (assets.inline_style, "p::after{content:'</style>'}"),
    ],
)
def test_text_that_would_close_its_element_is_refused(make, text):
    with pytest.raises(ValueError, match="cannot be inlined"):
        make(text)


def test_vendored_scripts_inline_as_they_are():
    for text in (assets.leaflet_js(), assets.geodesic_js(), assets.leaflet_icon_js()):
        assert assets.inline_script(text) == f"<script>{text}</script>"
