"""The years a feature carries (geo/data/years.toml): whole years in range, in order, an
end year where the status says the feature stopped; a year given as text of digits or as a
number with no fraction is read as that year, with a note; every problem in one error,
naming the file, the feature and the key."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest

import geo
from geo.format import YEAR_KEYS, LayerError, LayerWarning, read_year_keys
from geo.validation import validate_document

DATA = Path(__file__).resolve().parents[1] / "geo" / "data"
LINE = {"type": "LineString", "coordinates": [[75.99, 39.47], [62.33, 25.12]]}


def service(**props) -> dict:
    """A rail layer of one service, its properties as given."""
    return {
        "type": "FeatureCollection",
        "name": "Trains",
        "category": "rail-route",
        "features": [{"type": "Feature", "properties": {"name": "A–B", **props}, "geometry": LINE}],
    }


def problems_of(doc: dict) -> list[str]:
    with pytest.raises(LayerError) as caught:
        validate_document(doc, path="trains.geojson")
    return caught.value.problems


def notes_of(doc: dict) -> list[str]:
    """The notes of a document that validates (LayerWarnings), as text."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        validate_document(doc, path="trains.geojson")
    return [str(w.message) for w in caught if issubclass(w.category, LayerWarning)]


HEAD = "trains.geojson: feature 0 ('A–B'): "
RANGE = "expected a whole year from 1800 to 2100, like 2018"


@pytest.mark.parametrize(
    ("props", "problem"),
    [
        ({"start_year": "twenty eleven"}, f"'start_year' is 'twenty eleven'; {RANGE}"),
        ({"start_year": "2011a"}, f"'start_year' is '2011a'; {RANGE}"),
        ({"start_year": "-2011"}, f"'start_year' is '-2011'; {RANGE}"),
        ({"start_year": 2011.5}, f"'start_year' is 2011.5; {RANGE}"),
        ({"start_year": True}, f"'start_year' is true; {RANGE}"),
        ({"start_year": [2011]}, f"'start_year' is [2011]; {RANGE}"),
        ({"start_year": {"year": 2011}}, f"'start_year' is {{\"year\": 2011}}; {RANGE}"),
        ({"start_year": 1799}, f"'start_year' is 1799; {RANGE}"),
        ({"end_year": 2101}, f"'end_year' is 2101; {RANGE}"),
        ({"end_year": "21011"}, f"'end_year' is '21011'; {RANGE}"),
        ({"construction_start_year": 201}, f"'construction_start_year' is 201; {RANGE}"),
        ({"status_year": 20240.0}, f"'status_year' is 20240.0; {RANGE}"),
        (
            {"start_year": 2017, "end_year": 2015},
            "'end_year' 2015 is before 'start_year' 2017; expected end_year to be start_year "
            "or later",
        ),
        (
            {"start_year": "2017", "end_year": 2015.0},  # read as years first, then ordered
            "'end_year' 2015 is before 'start_year' 2017; expected end_year to be start_year "
            "or later",
        ),
        (
            {"construction_start_year": 2021, "start_year": 2018},
            "'start_year' 2018 is before 'construction_start_year' 2021; expected start_year "
            "to be construction_start_year or later",
        ),
        (
            {"construction_start_year": 2021, "end_year": 2019, "status": "historic"},
            "'end_year' 2019 is before 'construction_start_year' 2021; expected end_year to be "
            "construction_start_year or later",
        ),
    ],
)
def test_a_year_that_is_not_a_year_in_range_or_in_order_is_refused_by_key(props, problem):
    assert problems_of(service(**props)) == [HEAD + problem]


def test_every_year_problem_of_a_file_comes_in_one_error():
    doc = service(start_year="soon", end_year=1700)
    doc["features"].append(
        {
            "type": "Feature",
            "properties": {"name": "C–D", "start_year": 2020, "end_year": 2019},
            "geometry": LINE,
        }
    )
    problems = problems_of(doc)
    assert problems == [
        f"{HEAD}'start_year' is 'soon'; {RANGE}",
        f"{HEAD}'end_year' is 1700; {RANGE}",
        "trains.geojson: feature 1 ('C–D'): 'end_year' 2019 is before 'start_year' 2020; "
        "expected end_year to be start_year or later",
    ]


@pytest.mark.parametrize(
    ("value", "shown"), [("2017", "'2017'"), (" 2017 ", "' 2017 '"), (2017.0, "2017.0")]
)
def test_a_year_as_digits_or_a_whole_float_is_read_as_that_year_with_a_note(value, shown):
    doc = service(start_year=value, start_year_source="a page")
    assert notes_of(doc) == [f"{HEAD}'start_year' {shown} read as the year 2017"]
    assert doc["features"][0]["properties"]["start_year"] == 2017  # fixed in the document
    assert type(doc["features"][0]["properties"]["start_year"]) is int


def test_a_layer_file_with_years_as_text_loads_with_whole_years(tmp_path):
    path = tmp_path / "trains.geojson"
    doc = service(start_year="2011", end_year=2022.0, status="suspended")
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.warns(LayerWarning) as caught:
        layer = geo.load_layer(path)
    assert [str(w.message).split(": ", 1)[1] for w in caught] == [
        "feature 0 ('A–B'): 'start_year' '2011' read as the year 2011",
        "feature 0 ('A–B'): 'end_year' 2022.0 read as the year 2022",
    ]
    assert layer.properties[0]["start_year"] == 2011 and layer.properties[0]["end_year"] == 2022
    assert str(layer.frame["start_year"].dtype) == "int64"


@pytest.mark.parametrize("status", ["suspended", "Historic", "closed", " discontinued "])
def test_a_stopped_feature_without_an_end_year_is_a_warning_not_an_error(status):
    notes = notes_of(service(status=status, start_year=2019))
    assert notes == [
        f"{HEAD}'status' is {status!r} but there is no 'end_year'; expected the year it "
        "stopped as end_year (without it the map draws it in every later year)"
    ]


@pytest.mark.parametrize(
    "props",
    [
        {"status": "suspended", "start_year": 2019, "end_year": 2022},
        {"status": "operating", "start_year": 2011},
        {"status": "unknown", "start_year": 2015, "status_year": 2015},
        {"status": "under construction", "construction_start_year": 2024, "start_year": 2024},
        {"start_year": 1800, "end_year": 2100},
        {"start_year": None, "end_year": None},  # no year is no problem
        {},
    ],
)
def test_years_in_range_and_in_order_pass_without_a_note(props):
    assert notes_of(service(**props)) == []


def test_the_shipped_years_table_reads_clean():
    years = read_year_keys(DATA / "years.toml")
    assert (
        years.keys
        == YEAR_KEYS.keys
        == (
            "start_year",
            "end_year",
            "construction_start_year",
            "status_year",
        )
    )
    assert (years.first, years.last) == (1800, 2100)
    assert years.ended == ("suspended", "historic")


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ("first = 1800", "first = '1800'", "first is '1800'; expected a whole year like 1800"),
        ("last = 2100", "last = 1700", "first 1800 is not before last 1700"),
        ("timeline_from = 2000", "timeline_from = 1700",
         "timeline_from 1700; expected a year from first 1800 to last 2100"),
        ("timeline_from = 2000", 'timeline_from = "2000"',
         "timeline_from is '2000'; expected a whole year like 1800"),
        ('ended = ["suspended", "historic"]', 'ended = ["stopped"]',
         "ended is ['stopped']; expected a list of status keys of geo/data/status.toml: "
         "operating, under-construction, planned, suspended, historic, unknown"),
        ('earlier = "start_year"', 'earlier = "begin_year"',
         "order 1 names 'begin_year'; expected year keys of the [[year]] tables: start_year, "
         "end_year, construction_start_year, status_year"),
        ('key = "status_year"', 'key = "Status Year"',
         "year 'Status Year': key 'Status Year'; expected a name like end_year"),
        ("first = 1800", "first = 1800\nfirts = 1900",
         "unknown key 'firts'; expected first, last, timeline_from, ended, [[year]] and [[order]]"),
    ],
)  # fmt: skip
def test_a_typo_in_the_years_table_stops_with_one_line(tmp_path, old, new, problem):
    text = (DATA / "years.toml").read_text(encoding="utf-8")
    assert old in text, old
    path = tmp_path / "years.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(LayerError) as caught:
        read_year_keys(path)
    assert any(p.startswith(f"{path}: {problem}") for p in caught.value.problems), (
        caught.value.problems
    )


def test_corridors_validate_says_what_it_read_as_a_year_and_passes(cli, tmp_path):
    path = tmp_path / "trains.geojson"
    path.write_text(json.dumps(service(start_year="2011", status="historic")), encoding="utf-8")
    status, out, err = cli("validate", path)
    assert status == 0 and out == "1 file(s) valid\n"
    assert err.splitlines() == [
        f"corridors validate: warning: {path}: feature 0 ('A–B'): 'start_year' '2011' read as "
        "the year 2011",
        f"corridors validate: warning: {path}: feature 0 ('A–B'): 'status' is 'historic' but "
        "there is no 'end_year'; expected the year it stopped as end_year (without it the map "
        "draws it in every later year)",
    ]


def test_corridors_validate_refuses_years_out_of_order_in_one_line_each(cli, tmp_path):
    path = tmp_path / "trains.geojson"
    path.write_text(json.dumps(service(start_year=2020, end_year=2019)), encoding="utf-8")
    status, _, err = cli("validate", path)
    assert status == 1
    assert err.splitlines() == [
        f"{path}: feature 0 ('A–B'): 'end_year' 2019 is before 'start_year' 2020; expected "
        "end_year to be start_year or later",
        "1 problem(s) in 1 of 1 file(s)",
    ]
