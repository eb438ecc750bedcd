"""The network through time in Python and the command (geo/history.py, geo/cli.py):
``corridors build|plot|lengths --year``, ``geo.timeline`` and ``corridors timeline``,
``corridors plot --timeline``; they agree with ``geo.as_of`` (geo/years.py), a later
feature never shows in an earlier year, a stopped one never after its end."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import shapely
from conftest import SHIPPED, spec_in_page
from hostile import write_layer

import geo
from geo import history

# --------------------------------------------------------------------------- layers

LINE = [[60.0, 40.0], [70.0, 42.0]]
TRIPS = {
    "label": "Trips per year",
    "unit": "trips",
    "points": [
        {"year": 2011, "value": 17, "source": "Page A"},
        {"year": 2018, "value": 6363, "source": "Page B", "note": "+73%"},
    ],
}


def _feature(name: str, geometry: dict, **props) -> dict:
    return {
        "type": "Feature",
        "properties": {"name": name, "source": "test", **props},
        "geometry": geometry,
    }


def _line(i: int) -> dict:
    return {"type": "LineString", "coordinates": [[x + i, y] for x, y in LINE]}


def _doc(name: str, category: str, features: list, **extra) -> dict:
    return {"type": "FeatureCollection", "name": name, "category": category,
            "features": features, **extra}  # fmt: skip


@pytest.fixture
def folder(tmp_path) -> Path:
    """Layers with years: a service that ran 2011-2022 (suspended then), one from 2016, a
    railway built from 2014 and opened in 2018, a port opened in 2015, a timeless port, a
    corridor launched in 2013; trips published for 2011 and 2018."""
    root = tmp_path / "layers"
    write_layer(root / "rail" / "trains.geojson", _doc("Trains", "rail-route", [
        _feature("Old", _line(0), start_year=2011, end_year=2022, status="suspended"),
        _feature("New", _line(1), start_year=2016, status="active"),
    ], series=[TRIPS]))  # fmt: skip
    write_layer(root / "projects" / "railways.geojson", _doc("Railways", "rail-project", [
        _feature("Built", _line(2), construction_start_year=2014, start_year=2018,
                 status="operating"),
    ]))  # fmt: skip
    write_layer(root / "ports.geojson", _doc("Ports", "port", [
        _feature("Opened", {"type": "Point", "coordinates": [60, 30]}, start_year=2015),
        _feature("Always", {"type": "Point", "coordinates": [61, 30]}),
    ]))  # fmt: skip
    write_layer(root / "corridors.geojson", _doc("Corridors", "corridor", [
        _feature("Corridor", _line(3), start_year=2013),
    ]))  # fmt: skip
    return root


@pytest.fixture
def layers(folder) -> list[geo.Layer]:
    return geo.load_layers(folder)


def _texts(column: pd.Series) -> list[str | None]:
    return [None if pd.isna(v) else v for v in column.tolist()]


def _names(layers) -> dict[str, list[str]]:
    return {layer.id: layer.frame["name"].tolist() for layer in layers}


# --------------------------------------------------------------------------- geo.timeline


def test_the_timeline_counts_what_stood_each_year(layers):
    table = geo.timeline(layers)
    assert table["year"].tolist() == list(range(2011, 2023))  # geo.year_span
    by_year = table.set_index("year")
    km = {i: geo.geodesic_length(shapely.LineString(_line(i)["coordinates"])) for i in range(4)}
    for year, row in by_year.iterrows():
        services = [i for i, (a, b) in enumerate([(2011, 2022), (2016, 9999)]) if a <= year <= b]
        assert row["rail-route_features"] == len(services), year
        assert row["rail-route_km"] == pytest.approx(sum(km[i] for i in services), rel=1e-12)
        assert row["rail-project_features"] == (year >= 2014)  # drawn under construction
        assert row["port_features"] == 1 + (year >= 2015)
        assert row["corridor_features"] == (year >= 2013)
        assert row["corridor_km"] == (pytest.approx(km[3], rel=1e-12) if year >= 2013 else 0.0)
    assert list(table.columns) == [
        "year", "corridor_features", "corridor_km", "rail-route_features", "rail-route_km",
        "port_features", "rail-project_features", "rail-project_km",
        "trips", "trips_source", "trips_note",
    ]  # fmt: skip


def test_a_later_feature_is_never_in_an_earlier_year(tmp_path):
    """One service a year from 2010 to 2019: each year counts those begun by then, and
    their km, never one that began later."""
    starts = list(range(2010, 2020))
    root = tmp_path / "layers"
    write_layer(root / "trains.geojson", _doc("T", "rail-route", [
        _feature(f"S{s}", _line(i), start_year=s) for i, s in enumerate(starts)
    ]))  # fmt: skip
    (layer,) = geo.load_layers(root)
    km = geo.geodesic_length(layer.frame).to_numpy()
    table = geo.timeline([layer], years=range(2008, 2022))
    for year, count, length in table[["year", "rail-route_features", "rail-route_km"]].values:
        begun = [i for i, s in enumerate(starts) if s <= year]
        assert count == len(begun)
        assert length == pytest.approx(km[begun].sum(), rel=1e-12, abs=1e-9)


@pytest.mark.parametrize("status", ["suspended", "historic"])
def test_a_stopped_service_is_counted_up_to_its_end_year_and_not_after(cli, tmp_path, status):
    root = tmp_path / "layers"
    write_layer(root / "trains.geojson", _doc("T", "rail-route", [
        _feature("Stopped", _line(0), start_year=2016, end_year=2022, status=status),
    ]))  # fmt: skip
    table = geo.timeline(geo.load_layers(root), years=[2015, 2016, 2021, 2022, 2023, 2030])
    assert table["rail-route_features"].tolist() == [0, 1, 1, 1, 0, 0]
    assert (table["rail-route_km"] > 0).tolist() == [False, True, True, True, False, False]
    _, out, _ = cli("timeline", "--layers", root, "--format", "json")
    rows = [(r["year"], r["rail-route_features"]) for r in json.loads(out)]
    assert rows == [(y, 1) for y in range(2016, 2023)]  # the span ends with its end year
    _, out, _ = cli("lengths", "--layers", root, "--year", 2022, "--format", "json")
    assert [r["feature"] for r in json.loads(out)] == ["Stopped"]


def test_the_published_series_beside_each_year_with_its_source(layers):
    table = geo.timeline(layers, years=[2011, 2012, 2018])
    assert table["trips"].dtype == "Int64"
    assert table["trips"].tolist() == [17, pd.NA, 6363]
    assert _texts(table["trips_source"]) == ["Page A", None, "Page B"]
    assert _texts(table["trips_note"]) == [None, None, "+73%"]
    assert table.attrs["series"] == {"trips": "Trips per year (Trains)"}
    assert history.series_columns(table) == ["trips"]


def test_two_series_in_one_unit_get_a_column_each(folder):
    other = {**TRIPS, "label": "Other trips", "points": [{"year": 2012, "value": 2.5,
                                                          "source": "Page C"}]}  # fmt: skip
    write_layer(folder / "more.geojson", _doc("More", "port", [
        _feature("X", {"type": "Point", "coordinates": [1, 1]})], series=[other]))  # fmt: skip
    table = geo.timeline(geo.load_layers(folder), years=[2011, 2012])
    # the layers in load_layers' order: "more" before "rail/trains"
    assert history.series_columns(table) == ["trips", "trips (Trains)"]
    assert table.attrs["series"] == {"trips": "Other trips (More)",
                                     "trips (Trains)": "Trips per year (Trains)"}  # fmt: skip
    assert table["trips"].dtype == "Float64" and table["trips"].tolist() == [pd.NA, 2.5]
    assert table["trips (Trains)"].tolist() == [17, pd.NA]


def test_a_series_never_takes_another_column_s_name(folder):
    odd = [{**TRIPS, "unit": unit} for unit in ("year", "port_features", "trips", "trips", "trips")]
    write_layer(folder / "more.geojson", _doc("More", "port", [
        _feature("X", {"type": "Point", "coordinates": [1, 1]})], series=odd))  # fmt: skip
    table = geo.timeline(geo.load_layers(folder), years=[2011])
    assert table.columns.is_unique
    assert history.series_columns(table) == [
        "year (More)", "port_features (More)", "trips", "trips (More)", "trips (More) 2",
        "trips (Trains)",
    ]  # fmt: skip
    assert table["year"].tolist() == [2011] and table["port_features"].tolist() == [2]


def test_years_are_taken_in_the_order_given_and_checked(layers):
    assert geo.timeline(layers, years=[2020, 2011])["year"].tolist() == [2020, 2011]
    assert geo.timeline(layers, years=np.array([2013]))["year"].tolist() == [2013]
    assert geo.timeline(layers, years=[]).empty
    for bad in (2013.0, "2013", True, None):
        with pytest.raises(ValueError, match="Expected each year to be a whole number"):
            geo.timeline(layers, years=[bad])


def test_layers_without_years_need_the_years_given(tmp_path):
    root = tmp_path / "layers"
    write_layer(root / "p.geojson", _doc("P", "port", [
        _feature("A", {"type": "Point", "coordinates": [1, 1]})]))  # fmt: skip
    with pytest.raises(ValueError, match=r"carry years \(start_year, .*instead got 1 layer"):
        geo.timeline(geo.load_layers(root))
    assert geo.timeline(geo.load_layers(root), years=[2020])["port_features"].tolist() == [1]


def test_checked_year_names_the_span(layers):
    assert history.checked_year(layers, 2011) == 2011
    assert history.checked_year(layers, np.int64(2022)) == 2022
    for year in (2010, 2023):
        with pytest.raises(ValueError) as info:
            history.checked_year(layers, year, what="--year")
        assert str(info.value) == (
            f"Expected --year from 2011 to 2022 (the years the layers' features carry), "
            f"instead got {year}"
        )


# --------------------------------------------------------------------------- the command


def test_corridors_timeline_prints_a_row_a_year(cli, folder, layers):
    status, out, err = cli("timeline", "--layers", folder)
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split() == ["year", "corridor", "rail-route", "port", "rail-project", "trips"]
    assert lines[1].split() == ["features", "km", "features", "km", "features", "features", "km"]
    rows = [line.split() for line in lines[2:14]]
    assert [int(r[0]) for r in rows] == list(range(2011, 2023))
    table = geo.timeline(layers).set_index("year")
    assert rows[7] == [  # 2018
        "2018", "1", f"{table.loc[2018, 'corridor_km']:,.1f}", "2",
        f"{table.loc[2018, 'rail-route_km']:,.1f}", "2", "1",
        f"{table.loc[2018, 'rail-project_km']:,.1f}", "6,363",
    ]  # fmt: skip
    assert rows[0][-1] == "17" and len(rows[1]) == len(rows[0]) - 1  # no trips in 2012
    assert lines[14] == (
        "trips: Trips per year (Trains), where published (each year's source: --format csv or json)"
    )


def test_corridors_timeline_from_to(cli, folder):
    status, out, _ = cli("timeline", "--layers", folder, "--from", 2017, "--to", 2019)
    assert status == 0
    assert [line.split()[0] for line in out.splitlines()[2:5]] == ["2017", "2018", "2019"]
    status, out, _ = cli("timeline", "--layers", folder, "--from", 2021, "--format", "json")
    assert [r["year"] for r in json.loads(out)] == [2021, 2022]
    status, out, _ = cli("timeline", "--layers", folder, "--to", 2012, "--format", "json")
    assert [r["year"] for r in json.loads(out)] == [2011, 2012]


def test_corridors_timeline_csv_and_json_are_the_table(cli, folder, layers):
    table = geo.timeline(layers)
    status, out, _ = cli("timeline", "--layers", folder, "--format", "csv")
    assert status == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == list(table.columns)
    assert [int(r["year"]) for r in rows] == table["year"].tolist()
    assert [r["trips"] for r in rows][:2] == ["17", ""]
    assert [float(r["rail-route_km"]) for r in rows] == pytest.approx(
        table["rail-route_km"].tolist(), abs=5e-4
    )
    status, out, _ = cli("timeline", "--layers", folder, "--format", "json")
    records = json.loads(out)
    assert records[7] == {
        k: (None if pd.isna(v) else v.item() if hasattr(v, "item") else v)
        for k, v in table.iloc[7].items()
    }
    assert records[7]["trips_source"] == "Page B" and records[1]["trips"] is None


def test_timeline_csv_and_json_text_is_made_safe(cli, folder):
    hostile = {**TRIPS, "points": [{"year": 2011, "value": 1,
                                    "source": "=HYPERLINK(\"x\")\u202e\x1b[2J"}]}  # fmt: skip
    doc = json.loads((folder / "rail" / "trains.geojson").read_text(encoding="utf-8"))
    doc["series"] = [hostile]
    write_layer(folder / "rail" / "trains.geojson", doc)
    _, out, _ = cli("timeline", "--layers", folder, "--format", "csv", "--to", 2011)
    assert "'=HYPERLINK" in out and "\x1b" not in out and "\u202e" not in out
    _, out, _ = cli("timeline", "--layers", folder, "--format", "json", "--to", 2011)
    assert "\\u202e" in out and "\x1b" not in out
    assert json.loads(out)[0]["trips_source"] == hostile["points"][0]["source"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["lengths", "--year", "20x3"],
         "corridors lengths: error: Expected --year to be a year, a whole number such as 2013, "
         "instead got '20x3'"),
        (["lengths", "--year", "2013.5"], "instead got '2013.5'"),
        (["lengths", "--year", ""], "instead got ''"),
        (["lengths", "--year", "2010"],
         "corridors lengths: error: Expected --year from 2011 to 2022 (the years the layers' "
         "features carry), instead got 2010"),
        (["lengths", "--year", "-2013"], "instead got -2013"),
        (["build", "--year", "2023"], "corridors build: error: Expected --year from 2011 to 2022"),
        (["plot", "--year", "1e3"], "corridors plot: error: Expected --year to be a year"),
        (["plot", "--year", "2030"], "corridors plot: error: Expected --year from 2011 to 2022"),
        (["plot", "--timeline", "--year", "2015"],
         "corridors plot: error: Expected --timeline (every year) or --year YEAR"),
        (["timeline", "--from", "x"], "corridors timeline: error: Expected --from to be a year"),
        (["timeline", "--to", "2099"], "corridors timeline: error: Expected --to from 2011 to"),
        (["timeline", "--from", "2020", "--to", "2019"],
         "corridors timeline: error: Expected --from no later than --to, instead got 2020 > 2019"),
    ],
)  # fmt: skip
def test_bad_years_are_one_line_errors_and_write_nothing(cli, folder, tmp_path, argv, message):
    out_file = tmp_path / "out" / ("map.png" if argv[0] == "plot" else "map.html")
    out_file.parent.mkdir()
    extra = ["-o", out_file] if argv[0] in ("build", "plot") else []
    status, out, err = cli(*argv, "--layers", folder, *extra)
    assert status == 1
    assert err.count("\n") == 1 and err.startswith(f"corridors {argv[0]}: error: "), err
    assert message in err
    assert out == "" and list(out_file.parent.iterdir()) == []


def test_a_year_on_layers_without_years_says_so(cli, tmp_path):
    root = tmp_path / "layers"
    write_layer(root / "p.geojson", _doc("P", "port", [
        _feature("A", {"type": "Point", "coordinates": [1, 1]})]))  # fmt: skip
    for argv in (["lengths", "--year", "2013"], ["timeline"], ["timeline", "--from", "2013"]):
        status, _, err = cli(*argv, "--layers", root)
        assert status == 1 and err.count("\n") == 1, err
        assert "Expected layers whose features carry years (start_year, end_year, " in err


# --------------------------------------------------------------------------- --year


def _assert_draws_as_of(spec: dict, layers, year: int) -> None:
    """The map spec holds exactly ``geo.as_of(layers, year)``'s layers, features (by name,
    in order) and statuses."""
    then = geo.as_of(layers, year)
    assert [x["id"] for x in spec["layers"]] == [x.id for x in geo.mapspec.order_layers(then)]
    by_id = {x.id: x for x in then}
    for drawn in spec["layers"]:
        layer = by_id[drawn["id"]]
        names = drawn["properties"]["values"][drawn["properties"]["columns"].index("name")]
        assert names == layer.frame["name"].tolist(), layer.id
        if drawn["status"] is not None:  # a feature without a status has None in the spec
            given = [None if pd.isna(v) else v for v in layer.frame["status"]]
            assert drawn["status"] == given, layer.id


@pytest.mark.parametrize("year", [2011, 2014, 2018, 2022])
def test_build_year_holds_exactly_what_as_of_keeps(cli, folder, layers, tmp_path, year):
    path = tmp_path / "map.html"
    status, _, err = cli("build", "--layers", folder, "--year", year, "-o", path)
    assert (status, err) == (0, "")
    spec = spec_in_page(path.read_text(encoding="utf-8"))
    _assert_draws_as_of(spec, layers, year)
    assert spec["title"].endswith(f", as of {year}")
    assert spec["year_span"] is None  # one year's map: no year slider


def test_build_year_keeps_the_statuses_of_the_year(cli, folder, tmp_path):
    path = tmp_path / "map.html"
    assert cli("build", "--layers", folder, "--year", 2016, "-o", path)[0] == 0
    spec = {x["id"]: x for x in spec_in_page(path.read_text(encoding="utf-8"))["layers"]}
    assert spec["rail/trains"]["status"] == ["operating", "operating"]  # Old ran until 2022
    assert spec["projects/railways"]["status"] == ["under-construction"]
    assert cli("build", "--layers", folder, "--year", 2022, "-o", path)[0] == 0
    spec = {x["id"]: x for x in spec_in_page(path.read_text(encoding="utf-8"))["layers"]}
    assert spec["rail/trains"]["status"] == ["suspended", "operating"]


@pytest.mark.parametrize(
    ("argv", "title"),
    [([], None), (["--title", "Mine"], "Mine, as of 2013"), (["--title", ""], "As of 2013")],
)
def test_build_year_title_says_the_year(cli, folder, tmp_path, argv, title):
    path = tmp_path / "map.html"
    assert cli("build", "--layers", folder, "--year", 2013, *argv, "-o", path)[0] == 0
    spec = spec_in_page(path.read_text(encoding="utf-8"))
    assert spec["title"] == (title or f"{geo.mapspec.DEFAULT_TITLE}, as of 2013")
    assert spec["subtitle"] == geo.mapspec.DEFAULT_SUBTITLE


def test_build_without_year_draws_everything(cli, folder, tmp_path):
    path = tmp_path / "map.html"
    assert cli("build", "--layers", folder, "-o", path)[0] == 0
    spec = spec_in_page(path.read_text(encoding="utf-8"))
    assert sum(x["count"] for x in spec["layers"]) == 6
    assert spec["subtitle"] == geo.mapspec.DEFAULT_SUBTITLE
    assert spec["year_span"] is not None  # the year slider


def test_lengths_year_is_the_lengths_of_what_stood(cli, folder, layers):
    for year in (2011, 2013, 2016, 2022):
        status, out, _ = cli("lengths", "--layers", folder, "--year", year, "--format", "json")
        assert status == 0
        expected = geo.corridor_lengths(geo.as_of(layers, year))
        assert [(r["layer"], r["feature"]) for r in json.loads(out)] == list(
            zip(expected["layer"], expected["feature"], strict=True)
        )
        assert [r["length_km"] for r in json.loads(out)] == expected["length_km"].tolist()


def test_lengths_year_without_lines_says_which_year(cli, tmp_path):
    root = tmp_path / "layers"
    write_layer(root / "t.geojson", _doc("T", "rail-route", [
        _feature("A", _line(0), start_year=2015, end_year=2016),
        _feature("B", _line(1), start_year=2019, end_year=2020)]))  # fmt: skip
    status, out, _ = cli("lengths", "--layers", root, "--year", 2017)
    assert (status, out) == (0, f"no line features in the 0 layer(s) of {root} as of 2017 "
                             "(no features); lengths are of LineString and MultiLineString "
                             "features\n")  # fmt: skip
    status, out, _ = cli("lengths", "--layers", root, "--year", 2019, "--format", "json")
    assert [r["feature"] for r in json.loads(out)] == ["B"]


def test_the_timeline_km_equal_lengths_year_each_year(cli, folder, layers):
    table = geo.timeline(layers)
    for year, row in table.set_index("year").iterrows():
        status, out, _ = cli("lengths", "--layers", folder, "--year", year, "--format", "json")
        assert status == 0
        measured: dict[str, float] = {}
        for r in json.loads(out):
            measured[r["category"]] = measured.get(r["category"], 0.0) + r["length_km"]
        for category in ("corridor", "rail-route", "rail-project"):
            assert row[f"{category}_km"] == pytest.approx(
                measured.get(category, 0.0), rel=1e-12, abs=1e-9
            ), (year, category)


def test_plot_year_draws_what_stood_and_says_the_year(cli, folder, layers, tmp_path, monkeypatch):
    from geo import plot

    drawn = {}
    real = plot.plot_map

    def spy(layers_drawn, **kwargs):
        drawn.update(layers=layers_drawn, **kwargs)
        return real(layers_drawn, **kwargs)

    monkeypatch.setattr(plot, "plot_map", spy)
    path = tmp_path / "map.png"
    status, _, err = cli("plot", "--layers", folder, "--year", 2015, "-o", path, "--dpi", 30)
    assert (status, err) == (0, "") and path.read_bytes()[:4] == b"\x89PNG"
    assert drawn["title"] == "Belt and Road Initiative: corridors, rail and ports, as of 2015"
    assert _names(drawn["layers"]) == _names(geo.as_of(layers, 2015))
    assert cli("plot", "--layers", folder, "--year", 2015, "--title", "T", "-o", path,
               "--dpi", 30)[0] == 0  # fmt: skip
    assert drawn["title"] == "T, as of 2015"
    assert cli("plot", "--layers", folder, "-o", path, "--dpi", 30)[0] == 0
    assert drawn["title"] == plot.DEFAULT_TITLE and _names(drawn["layers"]) == _names(layers)


# --------------------------------------------------------------------------- the chart


@pytest.mark.parametrize("fmt", ["png", "svg", "pdf"])
def test_the_timeline_chart_is_the_same_bytes_twice(layers, tmp_path, fmt):
    table = geo.timeline(layers)
    fig = geo.plot_timeline(table, tmp_path / f"a.{fmt}", dpi=60)
    geo.plot_timeline(geo.timeline(layers), tmp_path / f"b.{fmt}", dpi=60)
    a, b = (tmp_path / f"a.{fmt}").read_bytes(), (tmp_path / f"b.{fmt}").read_bytes()
    assert a == b and len(a) > 1000
    assert b"CreationDate" not in a and b"Matplotlib v" not in a
    axes = fig.get_axes()
    assert len(axes) == 3  # features, km, trips
    assert [t.get_text() for t in axes[2].texts] == ["17", "6,363"]  # a bar a published year
    assert fig._repr_png_()[:4] == b"\x89PNG"


def test_the_timeline_chart_draws_each_category_each_year(layers):
    table = geo.timeline(layers)
    features, km, _ = geo.plot_timeline(table).get_axes()
    lines = {line.get_label(): line for line in features.get_lines()}
    assert sorted(lines) == sorted(
        geo.CATEGORIES[c].title for c in ("corridor", "rail-route", "port", "rail-project")
    )
    rail = lines[geo.CATEGORIES["rail-route"].title]
    assert rail.get_xdata().tolist() == table["year"].tolist()
    assert rail.get_ydata().tolist() == table["rail-route_features"].tolist()
    km_lines = {line.get_label(): line for line in km.get_lines()}
    assert "Port" not in km_lines  # points have no km
    assert km_lines["Rail route"].get_ydata() == pytest.approx(table["rail-route_km"] / 1000)


def test_no_series_no_series_panel(tmp_path):
    root = tmp_path / "layers"
    write_layer(root / "p.geojson", _doc("P", "port", [
        _feature("A", {"type": "Point", "coordinates": [1, 1]}, start_year=2015)]))  # fmt: skip
    assert len(geo.plot_timeline(geo.timeline(geo.load_layers(root))).get_axes()) == 2


@pytest.mark.parametrize(
    ("table", "kwargs", "message"),
    [
        (pd.DataFrame({"year": []}), {}, "Expected a timeline table"),
        (pd.DataFrame({"x": [1]}), {}, "Expected a timeline table"),
        (None, {"dpi": 0}, "Expected dpi to be a whole number"),
        (None, {"width_in": 1e9}, "Expected width_in"),
    ],
)
def test_the_chart_refuses_what_it_cannot_draw(layers, table, kwargs, message):
    with pytest.raises(ValueError, match=message):
        geo.plot_timeline(geo.timeline(layers) if table is None else table, **kwargs)


def test_corridors_plot_timeline_writes_the_chart(cli, folder, layers, tmp_path):
    for name in ("a.svg", "b.svg"):
        status, out, err = cli("plot", "--timeline", "--layers", folder, "-o", tmp_path / name)
        assert (status, out, err) == (0, f"{tmp_path / name}\n", "")
    assert (tmp_path / "a.svg").read_bytes() == (tmp_path / "b.svg").read_bytes()
    geo.plot_timeline(geo.timeline(layers), tmp_path / "api.svg")
    assert (tmp_path / "api.svg").read_bytes() == (tmp_path / "a.svg").read_bytes()


# --------------------------------------------------------------------------- the shipped layers
#
# These need the shipped layers' years (start_year on every corridor, service, railway,
# pipeline and port): until the layers carry them, they fail, saying what is missing.


@pytest.fixture(scope="module")
def shipped_timeline(request) -> pd.DataFrame:
    return geo.timeline(request.getfixturevalue("shipped_layers"))


def test_the_shipped_timeline_runs_from_2013_to_2025(shipped_timeline):
    years = shipped_timeline["year"].tolist()
    assert years[0] <= 2013 and years[-1] >= 2025, (
        f"the shipped layers' years span {years[0]} to {years[-1]}; expected 2013 to 2025 at "
        "least (start_year on every corridor, service, railway, pipeline and port)"
    )


def test_the_shipped_network_grows_from_2013_to_2025(shipped_layers):
    table = geo.timeline(shipped_layers, years=[2013, 2025]).set_index("year")
    for category in ("rail-route", "rail-project", "pipeline"):  # (corridors: 2013-2015)
        assert table.loc[2013, f"{category}_km"] < table.loc[2025, f"{category}_km"], (
            f"{category}: the km of 2013 ({table.loc[2013, f'{category}_km']:,.0f}) are not "
            f"fewer than 2025's ({table.loc[2025, f'{category}_km']:,.0f}): its features "
            "carry no start_year later than 2013"
        )
    assert table.loc[2013, "port_features"] < table.loc[2025, "port_features"]


def test_the_shipped_build_of_2013_draws_clearly_less_than_2025(cli, shipped_layers, tmp_path):
    counts, services = {}, {}
    for year in (2013, 2025):
        path = tmp_path / f"{year}.html"
        status, _, err = cli("build", "--layers", SHIPPED, "--year", year, "-o", path)
        assert status == 0, err
        spec = spec_in_page(path.read_text(encoding="utf-8"))
        _assert_draws_as_of(spec, shipped_layers, year)
        counts[year] = sum(layer["count"] for layer in spec["layers"])
        services[year] = sum(x["count"] for x in spec["layers"] if x["category"] == "rail-route")
        assert spec["title"].endswith(f", as of {year}")
    assert counts[2013] < counts[2025], counts
    # the China-Europe services: a handful in 2013 (Chongqing-Duisburg ran from 2011)
    assert 0 < services[2013] <= services[2025] / 2, services


def test_the_shipped_timeline_km_equal_lengths_year(cli, shipped_layers, shipped_timeline):
    for _, row in shipped_timeline.iterrows():
        year = int(row["year"])
        status, out, err = cli("lengths", "--layers", SHIPPED, "--year", year, "--format", "json")
        assert status == 0, err
        measured: dict[str, float] = {}
        for r in json.loads(out):
            measured[r["category"]] = measured.get(r["category"], 0.0) + r["length_km"]
        for column in [c for c in shipped_timeline.columns if c.endswith("_km")]:
            category = column.removesuffix("_km")
            assert row[column] == pytest.approx(measured.get(category, 0.0), rel=1e-12), (
                year, category)  # fmt: skip


# --------------------------------------------------------------------------- the README


def test_the_readme_examples_of_years_run(cli, tmp_path, monkeypatch):
    import re
    import shlex

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Through the years") :]
    (block,) = re.findall(r"```\n(.*?)```", section[: section.index("\n## ")], re.S)
    commands = [shlex.split(line)[2:] for line in block.splitlines() if line.startswith("$ ")]
    assert [c[0] for c in commands] == ["build", "lengths", "timeline", "plot"]
    monkeypatch.chdir(tmp_path)
    (tmp_path / "outputs").mkdir()
    for argv in commands:
        status, out, err = cli(*argv)
        assert (status, err) == (0, ""), argv
        assert out
    assert (tmp_path / "outputs" / "bri_2018.html").stat().st_size > 10_000
    assert (tmp_path / "outputs" / "timeline.svg").read_bytes().startswith(b"<?xml")
