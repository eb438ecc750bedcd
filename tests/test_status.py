"""The status vocabulary (geo/data/status.toml): read and checked once, the one list the
validator, the map spec, the page and the plot use; every status drawn its own way."""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import shapely

import geo
from geo import mapspec
from geo.format import STATUSES, LayerError, read_statuses
from geo.style import feature_statuses, layer_style, status_style
from geo.validation import validate_document

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "geo" / "data"


def broken_copy(tmp_path: Path, old: str, new: str) -> Path:
    text = (DATA / "status.toml").read_text(encoding="utf-8")
    assert old in text, old
    path = tmp_path / "status.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_the_shipped_vocabulary_reads_clean():
    vocabulary = read_statuses(DATA / "status.toml")
    assert list(vocabulary) == list(STATUSES) == [
        "operating", "under-construction", "planned", "suspended", "historic", "unknown",
    ]  # fmt: skip
    assert vocabulary.grey == STATUSES.grey == "#8c8c8c"


@pytest.mark.parametrize(
    ("value", "key"),
    [("active", "operating"), ("Operating", "operating"), (" under construction ",
     "under-construction"), ("under-construction", "under-construction"),
     ("Under-Construction", "under-construction"), ("closed", "historic"), ("historic", "historic"),
     ("UNKNOWN", "unknown"), ("proposed", "planned"), ("runnin", None), (3, None), ("", None)],
)  # fmt: skip
def test_a_value_names_its_status_in_any_case(value, key):
    assert STATUSES.key_of(value) == key


def test_every_status_is_drawn_its_own_way():
    looks = {(s.dash, s.opacity, s.weight, s.greyed, s.hollow) for s in STATUSES.values()}
    assert len(looks) == len(STATUSES)


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ('key = "planned"', 'key = "Planned!"',
         "status 'Planned!': key is 'Planned!'; expected a name of lower-case letters and dashes"),
        ('dash = "2 5"', 'dash = "2px 5px"',
         "status 'planned': dash is '2px 5px': it is not numbers; expected 1 to 16 numbers of "
         "px (dash, gap, ...) separated by commas or blanks, like '8 6'"),
        ("opacity = 0.6", "opacity = 6",
         "status 'unknown': opacity is 6; expected a number from 0 to 1"),
        ('aliases = ["planned", "proposed", "announced"]', 'aliases = ["planned", "closed"]',
         "status 'historic': alias 'closed' is also 'planned''s; expected each value to mean "
         "one status"),
        ('label = "Suspended"', 'lable = "Suspended"',
         "status 'suspended': label is missing; expected it"),
        ('grey = "#8c8c8c"', 'grey = "grey"', "grey is 'grey'; expected a colour like '#8c8c8c'"),
    ],
)  # fmt: skip
def test_a_typo_in_the_vocabulary_stops_with_one_line(tmp_path, old, new, problem):
    path = broken_copy(tmp_path, old, new)
    with pytest.raises(LayerError) as caught:
        read_statuses(path)
    assert any(p == f"{path}: {problem}" for p in caught.value.problems), caught.value.problems


def _doc(status) -> dict:
    return {
        "type": "FeatureCollection", "name": "Trains", "category": "rail-route",
        "features": [{"type": "Feature", "properties": {"name": "A–B", "status": status},
                      "geometry": {"type": "LineString", "coordinates": [[0, 0], [1, 1]]}}],
    }  # fmt: skip


def test_the_validator_refuses_a_status_not_in_the_vocabulary():
    with pytest.raises(LayerError) as caught:
        validate_document(_doc("runnin"), path="trains.geojson")
    (line,) = caught.value.problems
    assert line.startswith("trains.geojson: feature 0 ('A–B'): 'status' is 'runnin'; expected a ")
    assert "geo/data/status.toml" in line
    for status in STATUSES.values():  # every status allowed is named
        assert status.aliases[0] in line


@pytest.mark.parametrize("status", ["active", "Suspended", "historic", None])
def test_the_validator_takes_a_status_of_the_vocabulary_or_none(status):
    validate_document(_doc(status), path="trains.geojson")


def test_the_shipped_layers_use_the_vocabulary_only(shipped_layers):
    found = set()
    for layer in shipped_layers:
        if "status" in layer.frame.columns:
            found.update(layer.frame["status"].dropna().tolist())
    # no planned feature since the PEACE extension's landings and final splice
    assert found == {
        "unknown", "historic", "suspended", "operating", "under-construction"
    }  # fmt: skip
    assert all(STATUSES.key_of(v) for v in found)


def test_the_spec_carries_the_vocabulary_and_each_feature_s_status(shipped_layers, shipped):
    spec = mapspec.map_spec(shipped_layers, build=lambda layer, colour: {
        "id": layer.id, "status": feature_statuses(layer), "bounds": None,
        "category": layer.category})  # fmt: skip
    assert [s["key"] for s in spec["status"]["statuses"]] == list(STATUSES)
    by_id = {s["id"]: s["status"] for s in spec["layers"]}
    routes = shipped["rail/routes"]
    expected = [STATUSES.key_of(v) for v in routes.frame["status"]]
    assert by_id["rail/routes"] == expected
    assert expected.count("unknown") == 14 and expected.count("operating") == 13
    assert by_id["corridors/cpec"] is None  # no status column


def test_a_layer_made_in_python_with_an_unknown_status_is_refused_by_name():
    frame = gpd.GeoDataFrame({"name": ["A"], "status": ["runnin"]},
                             geometry=[shapely.LineString([(0, 0), (1, 1)])], crs=4326)  # fmt: skip
    layer = geo.Layer("mine", "Mine", "rail-route", None, frame)
    with pytest.raises(LayerError, match=r"layer 'mine': feature 0 \('A'\): 'status' is 'runnin'"):
        mapspec.layer_spec(layer)


@pytest.mark.parametrize("key", list(STATUSES))
def test_status_style_draws_each_status_apart_from_operating(key, shipped):
    style = layer_style(shipped["rail/routes"])
    drawn = status_style(style, STATUSES[key])
    operating = status_style(style, STATUSES["operating"])
    assert (drawn == operating) == (key == "operating")


def _plot_pixels(status: str, tmp_path: Path) -> np.ndarray:
    """The plot of one train service in a status, as RGB pixels."""
    pytest.importorskip("matplotlib")
    from PIL import Image

    from geo import plot

    frame = gpd.GeoDataFrame(
        {"name": ["Chongqing–Duisburg"], "status": [status]},
        geometry=[shapely.LineString([(106.5, 29.6), (82.5, 45.2), (6.8, 51.4)])],
        crs=4326,
    )
    layer = geo.Layer("rail/routes", "Trains", "rail-route", None, frame)
    out = tmp_path / f"{status}.png"
    plot.plot_map([layer], out, dpi=60)
    return np.asarray(Image.open(out).convert("RGB"))


def test_the_plot_draws_a_service_of_unknown_status_apart_from_an_active_one(tmp_path):
    active, unknown = _plot_pixels("active", tmp_path), _plot_pixels("unknown", tmp_path)
    assert active.shape == unknown.shape
    assert (active != unknown).any(axis=2).sum() > 100
    assert (_plot_pixels("operating", tmp_path) == active).all()  # an alias: the same status


def test_the_fixture_vocabulary_is_the_shipped_one():
    fixture = json.loads((ROOT / "tests" / "js" / "fixtures" / "encoding.json").read_text())
    assert [s["key"] for s in fixture["status"]["spec"]["statuses"]] == list(STATUSES)
