"""GeoJSON export: what GIS tools read back, lengths kept, RFC 7946 at ±180°."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import shapely

import geo
import geo.export
from geo.cli import main
from geo.lines import count_new_positions

ROOT = Path(__file__).resolve().parents[1]


def test_export_reads_back_with_geopandas_and_keeps_every_length(tmp_path, shipped_layers):
    path = geo.export_geojson(shipped_layers, tmp_path / "all.geojson", densify_km=100)
    frame = gpd.read_file(path)
    assert len(frame) == sum(len(layer) for layer in shipped_layers)
    assert set(frame["layer_id"]) == {layer.id for layer in shipped_layers}
    exported = geo.geodesic_length(frame.set_crs(4326, allow_override=True))
    lengths = [geo.geodesic_length(layer.frame).to_numpy() for layer in shipped_layers]
    original = np.concatenate(lengths)
    np.testing.assert_allclose(exported.to_numpy(), original, rtol=1e-6, atol=1e-6)


def test_pacific_line_is_split_at_the_antimeridian_and_nan_becomes_null(tmp_path, pacific_layers):
    layers = geo.load_layers(pacific_layers)
    layers[0].frame["odd"] = float("nan")  # a file cannot hold NaN (strict JSON)
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


def test_export_into_the_layers_folder_is_refused(capsys, pacific_layers):
    root = pacific_layers
    status = main(["export", "--layers", str(root), "-o", str(root / "all.geojson")])
    assert status == 1
    assert "outside the layers folder" in capsys.readouterr().err
    assert not (root / "all.geojson").exists()


@pytest.mark.parametrize("km", [1e-6, 1e-300, 1e-320, 5e-324])
def test_densify_refuses_absurd_point_counts_before_making_them(km):
    line = shapely.LineString([(0, 0), (179, 0)])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no overflow warnings on the way (1e-320 km)
        with pytest.raises(ValueError, match="expected a larger max_segment_km") as info:
            geo.densify_geodesic(line, max_segment_km=km)
    assert "more than the limit of 10,000,000 (about 1.5 GB of memory)" in str(info.value)


def test_the_count_of_new_positions_is_what_densifying_inserts(shipped):
    for layer in (shipped["corridors/cpec"], shipped["maritime/sea_lanes"]):
        before = shapely.get_num_coordinates(layer.geometries()).sum()
        dense = geo.densify_geodesic(layer.geometries(), max_segment_km=7.5)
        count = count_new_positions(layer.geometries(), max_segment_km=7.5)
        assert count == shapely.get_num_coordinates(dense).sum() - before > 0


@pytest.mark.parametrize(
    ("km", "shown"),
    [("0.0005", "0.0005 km would insert 8,196,448 positions"),
     ("1e-320", "9.99989e-321 km would insert infinitely many positions"),
     ("1e-300", "1e-300 km would insert 4.1e+303 positions")],
)  # fmt: skip
def test_export_refuses_a_densify_that_would_not_fit_before_densifying(
    tmp_path, capsys, monkeypatch, km, shown
):
    def never(*args, **kwargs):
        raise AssertionError("densified before the guard")

    monkeypatch.setattr(geo.export, "densify_geodesic", never)
    out = tmp_path / "cpec.geojson"
    argv = ["export", "--only", "corridors/cpec", "--densify", km, "-o", str(out)]
    assert main([*argv, "--layers", str(ROOT / "layers")]) == 1
    stdout, err = capsys.readouterr()
    assert stdout == "" and not out.exists()
    assert err == (
        f"corridors export: error: densifying at {shown}, more than the limit of 5,000,000 "
        "(about 2.0 GB of memory); expected a larger densify_km (--densify on the command "
        "line)\n"
    )


def test_export_counts_every_layer_together_against_the_limit(monkeypatch, shipped):
    monkeypatch.setattr(geo.export, "MAX_EXPORT_NEW_POSITIONS", 1000)
    cpec = [shipped["corridors/cpec"]]
    # 3,721 km at 5 km: 740 positions or so, within the limit alone but not twice over
    assert geo.to_feature_collection(cpec, densify_km=5)["features"]
    with pytest.raises(ValueError, match="more than the limit of 1,000"):
        geo.to_feature_collection(cpec * 2, densify_km=5)


def test_rewrite_keeps_the_file_permissions(tmp_path, shipped_layers):
    target = tmp_path / "private.geojson"
    target.write_text("{}", encoding="utf-8")
    target.chmod(0o600)
    geo.export_geojson(shipped_layers[:1], target)
    assert target.stat().st_mode & 0o777 == 0o600
