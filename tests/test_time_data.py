"""The shipped layers' one time model (issue 21): every corridor, rail service, flagship
railway, pipeline and port has a whole start_year with its source; every suspended or
historic one an end_year; no years out of order; statuses by the vocabulary's keys; the old
names (first_service, opening_year) gone."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from conftest import SHIPPED, shipped_ids

import geo
from geo.format import STATUSES, YEAR_KEYS, LayerWarning

#: The shipped data checked, not code: left out by ``pytest -m "not data"``.
pytestmark = pytest.mark.data

ROOT = Path(__file__).resolve().parents[1]
#: The layers whose features carry the time model.
TIMED = [*shipped_ids("corridors"), "rail/routes", *shipped_ids("projects")]
#: Names folded into start_year: one name means one thing.
GONE = ("first_service", "opening_year")


def whole_year(value) -> bool:
    return type(value) is int and YEAR_KEYS.first <= value <= YEAR_KEYS.last


def test_the_timed_layers_are_the_corridors_services_and_flagships():
    assert len(TIMED) == 7 + 1 + 3
    assert "projects/ports" in TIMED and "corridors/cpec" in TIMED


@pytest.mark.parametrize("layer_id", TIMED)
def test_every_feature_has_a_whole_start_year_with_its_source(layer_id, shipped):
    for props in shipped[layer_id].properties:
        assert whole_year(props.get("start_year")), props["name"]
        source = props.get("start_year_source")
        assert isinstance(source, str) and len(source.strip()) > 20, props["name"]


@pytest.mark.parametrize("layer_id", TIMED)
def test_a_stopped_feature_has_its_end_year_and_no_year_is_out_of_order(layer_id, shipped):
    for props in shipped[layer_id].properties:
        name = props["name"]
        years = {k: props[k] for k in YEAR_KEYS.keys if props.get(k) is not None}
        assert all(whole_year(y) for y in years.values()), (name, years)
        if STATUSES.key_of(props.get("status")) in YEAR_KEYS.ended:
            assert "end_year" in years, name
        else:
            assert "end_year" not in years, name  # only a stopped feature ends
        for earlier, later in YEAR_KEYS.order:
            if earlier in years and later in years:
                assert years[earlier] <= years[later], (name, earlier, later)
        if "construction_start_year" in years:
            source = props.get("construction_start_year_source")
            assert isinstance(source, str) and len(source.strip()) > 20, name


def test_a_service_s_status_is_reported_in_or_after_its_first_year(shipped):
    for props in shipped["rail/routes"].properties:
        assert props["start_year"] <= props["status_year"], props["name"]
        if props.get("end_year") is not None:
            assert props["end_year"] <= props["status_year"], props["name"]


@pytest.mark.parametrize("layer_id", TIMED)
def test_statuses_are_the_vocabulary_s_keys_not_its_other_names(layer_id, shipped):
    for props in shipped[layer_id].properties:
        if props.get("status") is not None:
            assert props["status"] in STATUSES, (props["name"], props["status"])


def test_the_old_names_are_gone_from_the_layers_and_the_tables(shipped_layers):
    for layer in shipped_layers:
        assert not set(GONE) & set(layer.frame.columns), layer.id
    tables = sorted((ROOT / "tools" / "data").rglob("*.toml"))
    assert tables
    for path in tables:
        text = path.read_text(encoding="utf-8")
        assert not any(name in text for name in GONE), path


def test_the_shipped_layers_load_without_a_note():
    """Nothing to fix and no stopped feature without its end_year: a LayerWarning from
    reading them is an error here (for a user's layer it is a warning)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", LayerWarning)
        layers = geo.load_layers(SHIPPED, strict=True)
    assert len(layers) >= 10


def test_services_running_in_2018_by_the_data(shipped):
    """The figure the README gives against the seed's 'trains to 50 cities in 15 European
    countries' (2018): services begun by 2018 and not ended before it."""
    ran = [
        p
        for p in shipped["rail/routes"].properties
        if p["start_year"] <= 2018 and (p.get("end_year") or 9999) >= 2018
    ]
    # the European end of each: its destination, or its origin where it runs to China
    ends = {
        (p["origin"], p["countries"][0]) if p["destination"] == "Xi'an" else
        (p["destination"], p["countries"][-1])
        for p in ran
    }  # fmt: skip
    countries = {country for _, country in ends}
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert (
        f"{len(ran)} of the {len(shipped['rail/routes'])} services ran in 2018 (begun by then, "
        f"not ended before), to {len(ends)} European cities in {len(countries)} countries"
    ) in readme
