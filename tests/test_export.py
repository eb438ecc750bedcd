"""GeoJSON export: what GIS tools read back, lengths kept, RFC 7946 at ±180°."""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import shapely
from hostile import write_layer

import geo
from geo.cli import main

ROOT = Path(__file__).resolve().parents[1]
LAYERS = geo.load_layers(ROOT / "layers")


def pacific_layers(tmp_path: Path) -> Path:
    root = tmp_path / "layers"
    write_layer(root / "pacific.geojson", {
        "type": "FeatureCollection", "name": "Pacific", "category": "sea-lane",
        "features": [{"type": "Feature",
                      "properties": {"name": "Shanghai – Chancay", "odd": None,
                                     "via": [{"name": "Shanghai", "lon": 121.47, "lat": 31.23}]},
                      "geometry": {"type": "LineString",
                                   "coordinates": [[121.47, 31.23], [-77.27, -11.58]]}}],
    })  # fmt: skip
    return root


def test_export_reads_back_with_geopandas_and_keeps_every_length(tmp_path):
    path = geo.export_geojson(LAYERS, tmp_path / "all.geojson", densify_km=100)
    frame = gpd.read_file(path)
    assert len(frame) == sum(len(layer) for layer in LAYERS)
    assert set(frame["layer_id"]) == {layer.id for layer in LAYERS}
    exported = geo.geodesic_length(frame.set_crs(4326, allow_override=True))
    original = np.concatenate([geo.geodesic_length(layer.frame).to_numpy() for layer in LAYERS])
    np.testing.assert_allclose(exported.to_numpy(), original, rtol=1e-6, atol=1e-6)


def test_pacific_line_is_split_at_the_antimeridian_and_nan_becomes_null(tmp_path):
    layers = geo.load_layers(pacific_layers(tmp_path))
    layers[0].properties[0]["odd"] = float("nan")  # a file cannot hold NaN (strict JSON)
    path = geo.export_geojson(layers, tmp_path / "p.geojson", densify_km=200)
    doc = json.loads(path.read_text(encoding="utf-8"))
    feature = doc["features"][0]
    assert feature["geometry"]["type"] == "MultiLineString"
    lons = [c[0] for part in feature["geometry"]["coordinates"] for c in part]
    assert max(lons) == 180.0 and min(lons) == -180.0
    assert "odd" not in feature["properties"]  # NaN is no value: left out, as import does
    assert feature["properties"]["via"][0]["name"] == "Shanghai"
    line = shapely.from_geojson(json.dumps(feature["geometry"]))
    assert geo.geodesic_length(line) == pytest.approx(
        geo.geodesic_length(layers[0].frame).iloc[0], rel=1e-9
    )


def test_cli_export(tmp_path, capsys):
    out = tmp_path / "x.geojson"
    assert main(["export", "--layers", str(ROOT / "layers"), "--only", "corridors/cpec",
                 "-o", str(out)]) == 0  # fmt: skip
    assert capsys.readouterr().out.strip() == str(out)
    assert [f["properties"]["layer_id"] for f in json.loads(out.read_text())["features"]] == [
        "corridors/cpec"
    ]


@pytest.mark.parametrize("bad", ["0", "-3", "abc"])
def test_cli_export_rejects_bad_densify(tmp_path, capsys, bad):
    with pytest.raises(SystemExit):
        main(["export", "--densify", bad, "-o", str(tmp_path / "x.geojson")])
    assert "expected a number of km > 0" in capsys.readouterr().err


def test_export_into_the_layers_folder_is_refused(tmp_path, capsys):
    root = pacific_layers(tmp_path)
    status = main(["export", "--layers", str(root), "-o", str(root / "all.geojson")])
    assert status == 1
    assert "outside the layers folder" in capsys.readouterr().err
    assert not (root / "all.geojson").exists()


def test_densify_refuses_absurd_point_counts():
    with pytest.raises(ValueError, match="choose a larger one"):
        geo.densify_geodesic(shapely.LineString([(0, 0), (179, 0)]), max_segment_km=1e-6)


def test_rewrite_keeps_the_file_permissions(tmp_path):
    target = tmp_path / "private.geojson"
    target.write_text("{}", encoding="utf-8")
    target.chmod(0o600)
    geo.export_geojson(LAYERS[:1], target)
    assert target.stat().st_mode & 0o777 == 0o600
