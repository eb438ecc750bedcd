"""geo.write_layer: the one writer of layer files (import and every tool in tools/)."""

from __future__ import annotations

import json

import pytest
import shapely

import geo
from geo.layers import layer_text


def test_a_layer_changed_in_python_round_trips(tmp_path, shipped_copies):
    ports = next(layer for layer in shipped_copies if layer.id == "maritime/ports")
    ports.frame = ports.frame[ports.frame["name"].str.startswith("G")].copy()
    ports.frame["note"] = "kept"
    path = geo.write_layer(ports, tmp_path / "g.geojson", strict=True)
    back = geo.load_layer(path, strict=True)
    assert back.properties == ports.properties
    assert shapely.equals_exact(back.geometries(), ports.geometries(), tolerance=0).all()
    assert (back.name, back.category, back.figures) == (ports.name, ports.category, ports.figures)


def test_a_document_with_problems_is_not_written(tmp_path):
    doc = {"type": "FeatureCollection", "name": "T", "category": "port", "features": [
        {"type": "Feature", "properties": {"name": "X"},
         "geometry": {"type": "LineString", "coordinates": [[0, 0], [1, 1]]}}]}  # fmt: skip
    target = tmp_path / "t.geojson"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(geo.LayerError, match=rf"{target}: feature 0 \('X'\): geometry type"):
        geo.write_layer(doc, target)
    assert target.read_text(encoding="utf-8") == "old"


@pytest.mark.parametrize(
    "position", [[87.6, 43.8], [-0.5, 1e-05], [10, 20, 300.5], [1.5e-07, -2.25e30]]
)
def test_each_position_is_one_line_and_reads_back_the_same(position):
    doc = {"type": "FeatureCollection", "name": "T", "features": [
        {"type": "Feature", "properties": {"name": "p"},
         "geometry": {"type": "LineString", "coordinates": [position, position]}}]}  # fmt: skip
    text = layer_text(doc)
    assert json.loads(text) == doc
    assert json.dumps(position) in text  # "[lon, lat]" on one line
    assert text.endswith("\n") and not text.endswith("\n\n")


def test_the_shipped_layers_are_in_the_writers_form():
    for path in sorted(geo.shipped_layers_dir().rglob("*.geojson")):
        text = path.read_text(encoding="utf-8")
        assert layer_text(json.loads(text)) == text, path
