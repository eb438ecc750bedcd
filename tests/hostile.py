"""Layers whose texts are HTML attacks, for the map's escaping tests (HTML and browser)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

HOSTILE = "<img src=x onerror=alert(1)>"
CLUSTERED = 30  # points in the hostile port layer: enough to be clustered


def write_layer(path: Path, doc: dict) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def make_hostile_layers(root: Path) -> Path:
    """A line layer and a user point layer whose names, properties and sources attack."""
    write_layer(
        root / "hostile.geojson",
        {
            "type": "FeatureCollection",
            "name": f"Hostile {HOSTILE}",
            "category": "corridor",
            "description": HOSTILE,
            "figures": [{"label": HOSTILE, "value": 1, "year": 2019, "source": HOSTILE}],
            "features": [
                {
                    "type": "Feature",
                    "properties": {
                        "name": f"Line {HOSTILE}",
                        "source": "javascript:alert(2)",
                        "role": HOSTILE,
                        "note": "</script><script>alert(3)</script>",
                    },
                    "geometry": {"type": "LineString", "coordinates": [[60, 40], [70, 42]]},
                }
            ],
        },
    )
    write_layer(
        root / "user" / "points.geojson",
        {
            "type": "FeatureCollection",
            "name": "My points",
            "category": "other",
            "features": [
                {
                    "type": "Feature",
                    "properties": {
                        "name": HOSTILE,
                        "source": "https://example.org/page?a=1&b=<2>",
                        "role": "depot",
                    },
                    "geometry": {"type": "Point", "coordinates": [65, 41]},
                }
            ],
        },
    )
    write_layer(
        root / "user" / "many.geojson",
        {
            "type": "FeatureCollection",
            "name": f"Cluster {HOSTILE}",
            "category": "port",
            "features": [
                {
                    "type": "Feature",
                    "properties": {"name": f"{HOSTILE} {i}", "source": "test"},
                    "geometry": {"type": "Point", "coordinates": [30 + i * 0.01, 10]},
                }
                for i in range(CLUSTERED)
            ],
        },
    )
    return root


@pytest.fixture
def hostile_layers(tmp_path: Path) -> Path:
    return make_hostile_layers(tmp_path / "layers")
