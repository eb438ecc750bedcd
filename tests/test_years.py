"""The network through time (geo/years.py): which features a year shows, and in what
status; a later feature never shows in an earlier year, a stopped one never after it ended."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest
import shapely

import geo
from geo.values import is_missing
from geo.years import YearState, as_of, layer_states, status_in, year_span


def _statuses(layer: geo.Layer) -> list[str | None]:
    return [None if is_missing(v) else v for v in layer.frame["status"].tolist()]


def _layer(rows: list[dict], layer_id: str = "trains") -> geo.Layer:
    frame = gpd.GeoDataFrame(
        rows, geometry=[shapely.LineString([(i, 0), (i, 1)]) for i in range(len(rows))], crs=4326
    )
    return geo.Layer(layer_id, layer_id.title(), "rail-route", None, frame)


#: (year, status key, the feature's years, where it stands): every rule of status_in; the
#: page's src/years.js is tested on the same cases (tests/make_js_fixtures.py).
STATUS_IN_CASES = [
    (2010, "operating", {"start_year": 2011}, YearState(False, None)),
    (2011, "operating", {"start_year": 2011}, YearState(True, "operating")),
    (2030, "operating", {"start_year": 2011}, YearState(True, "operating")),
    # stopped: operating before its end year, in its final status in it, gone after
    (2016, "suspended", {"start_year": 2016, "end_year": 2022}, YearState(True, "operating")),
    (2022, "suspended", {"start_year": 2016, "end_year": 2022}, YearState(True, "suspended")),
    (2023, "suspended", {"start_year": 2016, "end_year": 2022}, YearState(False, None)),
    (2021, "historic", {"start_year": 2016, "end_year": 2022}, YearState(True, "operating")),
    # built, then opened
    (2015, "operating", {"start_year": 2021, "construction_start_year": 2016},
     YearState(False, None)),
    (2016, "operating", {"start_year": 2021, "construction_start_year": 2016},
     YearState(True, "under-construction")),
    (2021, "operating", {"start_year": 2021, "construction_start_year": 2016},
     YearState(True, "operating")),
    # still being built: from the year building began
    (2024, "under-construction", {"start_year": 2024}, YearState(True, "under-construction")),
    (2023, "under-construction", {"start_year": 2024}, YearState(False, None)),
    # last reported running in 2019
    (2019, "unknown", {"start_year": 2015, "status_year": 2019}, YearState(True, "operating")),
    (2020, "unknown", {"start_year": 2015, "status_year": 2019}, YearState(True, "unknown")),
    # no status (a corridor): shown from its launch, without a status
    (2012, None, {"start_year": 2013}, YearState(False, None)),
    (2013, None, {"start_year": 2013}, YearState(True, None)),
    # timeless: no years at all; an end year alone still ends it
    (1900, "planned", {}, YearState(True, "planned")),
    (2023, "historic", {"end_year": 2022}, YearState(False, None)),
]  # fmt: skip


@pytest.mark.parametrize(("year", "status", "years", "expected"), STATUS_IN_CASES)
def test_status_in(year, status, years, expected):
    assert status_in(year, status, **years) == expected


def test_a_later_feature_never_shows_earlier_and_a_stopped_one_never_after(tmp_path):
    rng = np.random.default_rng(21)
    statuses = ["operating", "suspended", "historic", "unknown", "under-construction", None]
    for _ in range(400):
        start = int(rng.integers(2000, 2030))
        years = {"start_year": start}
        if rng.random() < 0.5:
            years["end_year"] = start + int(rng.integers(0, 10))
        if rng.random() < 0.5:
            years["construction_start_year"] = start - int(rng.integers(0, 8))
        if rng.random() < 0.3:
            years["status_year"] = start + int(rng.integers(0, 10))
        status = statuses[int(rng.integers(len(statuses)))]
        for year in range(1995, 2045):
            state = status_in(year, status, **years)
            began = min(start, years.get("construction_start_year", start))
            ended = years.get("end_year")
            assert state.shown == (began <= year and (ended is None or year <= ended)), (
                year, status, years)  # fmt: skip
            if state.shown and year < start:
                assert state.status == "under-construction"
            if not state.shown:
                assert state.status is None


def test_as_of_keeps_what_stood_that_year_and_changes_nothing_given():
    trains = _layer([
        {"name": "Old", "start_year": 2011, "end_year": 2022, "status": "Historic"},
        {"name": "New", "start_year": 2020, "status": "active"},
        {"name": "Built", "start_year": 2021, "construction_start_year": 2016,
         "status": "operating"},
        {"name": "Timeless", "status": None},
    ])  # fmt: skip
    before = trains.frame.copy()
    got = {y: as_of([trains], y) for y in (2010, 2018, 2021, 2023)}
    assert trains.frame.equals(before)
    names = {y: [x.frame["name"].tolist() for x in layers] for y, layers in got.items()}
    assert names == {
        2010: [["Timeless"]],
        2018: [["Old", "Built", "Timeless"]],
        2021: [["Old", "New", "Built", "Timeless"]],
        2023: [["New", "Built", "Timeless"]],
    }
    assert _statuses(got[2018][0]) == ["operating", "under-construction", None]
    assert _statuses(got[2023][0]) == ["operating", "operating", None]


def test_as_of_leaves_out_a_layer_with_nothing_that_year():
    later = _layer([{"name": "Later", "start_year": 2030}], "later")
    now = _layer([{"name": "Now", "start_year": 2000}], "now")
    assert [x.id for x in as_of([later, now], 2020)] == ["now"]


def test_a_layer_without_a_status_gains_one_only_when_a_year_gives_it():
    corridors = _layer([{"name": "C", "start_year": 2013}], "corridors")
    assert "status" not in as_of([corridors], 2015)[0].frame.columns
    railway = _layer([{"name": "R", "start_year": 2021, "construction_start_year": 2016}])
    assert _statuses(as_of([railway], 2018)[0]) == ["under-construction"]


def test_years_stored_as_floats_by_pandas_are_read_as_years():
    layer = _layer([{"name": "A", "start_year": 2011}, {"name": "B"}])
    assert layer.frame["start_year"].dtype.kind == "f"  # NaN for B
    assert layer_states(layer, 2010) == [YearState(False, None), YearState(True, None)]


def test_year_span():
    layer = _layer([
        {"name": "A", "start_year": 2011, "end_year": 2022},
        {"name": "B", "construction_start_year": 2009, "start_year": 2015},
    ])  # fmt: skip
    assert year_span([layer]) == (2009, 2022)
    assert year_span([_layer([{"name": "C"}])]) is None


@pytest.mark.parametrize("year", [2013, 2018, 2025])
def test_the_shipped_layers_as_of_a_year_are_a_subset(shipped_layers, year):
    then = as_of(shipped_layers, year)
    by_id = {x.id: x for x in shipped_layers}
    for layer in then:
        names = set(by_id[layer.id].frame["name"])
        assert set(layer.frame["name"]) <= names
    assert sum(len(x) for x in then) <= sum(len(x) for x in shipped_layers)


def test_each_year_adds_what_began_and_drops_what_ended():
    rows = [{"name": f"S{i}", "start_year": 2010 + i, "end_year": 2012 + 2 * i} for i in range(6)]
    layer = _layer(rows)
    counts = [sum(len(x) for x in as_of([layer], y)) for y in range(2009, 2024)]
    expected = [
        sum(1 for r in rows if r["start_year"] <= y <= r["end_year"]) for y in range(2009, 2024)
    ]
    assert counts == expected and max(counts) > min(counts)
