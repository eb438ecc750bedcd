"""Shared fixtures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
#: Real third-party files (read-only, beside the checkout; absent in a user's clone).
REAL = ROOT.parent / "shared" / "data" / "real-layers"


@pytest.fixture
def real() -> Path:
    """The folder of real third-party layer files; the test is skipped where it is absent."""
    if not REAL.is_dir():
        pytest.skip(f"third-party layer files absent: no folder {REAL}")
    return REAL


def spec_in_page(page: str) -> dict:
    """The map spec a built page carries (the JSON script element its script reads)."""
    import json
    import re

    match = re.search(r'<script type="application/json" id="(\w+)">(.*?)</script>', page, re.S)
    assert match, "the map spec is in the page"
    assert f'document.getElementById("{match.group(1)}")' in page
    return json.loads(match.group(2))


@pytest.fixture
def two_victorias(tmp_path: Path) -> Path:
    """Two layers, each with a Victoria: the Seychelles' capital and British Columbia's."""

    def write(relpath, features) -> None:
        doc = {"type": "FeatureCollection", "name": relpath, "category": "port", "features": [
            {"type": "Feature", "properties": {"name": name},
             "geometry": {"type": "Point", "coordinates": list(lonlat)}}
            for name, lonlat in features
        ]}  # fmt: skip
        (tmp_path / relpath).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relpath).write_text(json.dumps(doc), encoding="utf-8")

    write("test/seychelles.geojson", [("Victoria", (55.45, -4.62))])
    write(
        "test/canada.geojson", [("Victoria", (-123.365, 48.428)), ("Port: Ogden", (-123.4, 48.4))]
    )
    return tmp_path
