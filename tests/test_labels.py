"""Labels (geo.labels): country label points, place ranks, line label texts, the rules
file; the map spec's title block and labels; the print plot's labels."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import shapely
from conftest import spec_in_page
from hostile import HOSTILE
from shapely import LineString, MultiPoint, Point

import geo
from geo import basemap, labels, mapspec, render
from geo.cli import main
from geo.format import LayerError

ROOT = Path(__file__).resolve().parents[1]
RULES = (ROOT / "geo" / "data" / "labels.toml").read_text(encoding="utf-8")


def _layer(id_: str, category: str, frame: dict, geoms: list) -> geo.Layer:
    return geo.Layer(
        id_, id_.title(), category, None, gpd.GeoDataFrame(frame, geometry=geoms, crs=4326)
    )


# --------------------------------------------------------------------------- countries


def test_every_country_is_named_at_a_point_inside_it_biggest_first():
    found = labels.country_labels()
    frame = basemap.countries()
    assert sorted(found["name"]) == sorted(frame["name"])
    n = len(found["name"])
    assert all(len(found[k]) == n for k in ("lng", "lat", "width", "height"))
    # made valid: Natural Earth's Antarctica is a ring round the pole that crosses itself
    shapes = dict(zip(frame["name"], shapely.make_valid(frame.geometry.to_numpy()), strict=True))
    outside = [
        name
        for name, lng, lat in zip(found["name"], found["lng"], found["lat"], strict=True)
        if shapes[name].distance(Point(lng, lat)) > 0.01  # degrees; positions are rounded
    ]
    assert outside == []
    assert all(w > 0 and h > 0 for w, h in zip(found["width"], found["height"], strict=True))
    # biggest first: Russia, then Antarctica, Canada, the United States and China
    assert found["name"][:5] == [
        "Russia",
        "Antarctica",
        "Canada",
        "United States of America",
        "China",
    ]
    assert found["tier"] == labels.label_rules().country_tier


def test_the_country_labels_file_is_what_the_vendored_data_gives():
    shipped = (ROOT / "geo" / "data" / labels.COUNTRY_LABELS_FILE).read_text(encoding="utf-8")
    assert shipped == labels.country_labels_text()  # else: python tools/make_basemap.py


@pytest.mark.parametrize(
    ("name", "box"),
    [("China", (95, 27, 115, 40)), ("Kazakhstan", (60, 45, 75, 52)), ("Russia", (60, 55, 120, 70))],
)
def test_a_country_is_named_well_inside_its_main_part(name, box):
    found = labels.country_labels()
    i = found["name"].index(name)
    west, south, east, north = box
    assert west < found["lng"][i] < east and south < found["lat"][i] < north


def test_a_small_country_has_less_room_than_a_big_one():
    found = labels.country_labels()
    room = {n: w for n, w in zip(found["name"], found["width"], strict=True)}
    assert room["Luxembourg"] < room["Germany"] < room["Kazakhstan"] < room["Russia"]


def test_mercator_pixels_match_leaflets_and_invert():
    x, y = labels.mercator_px([-180, 0, 180], [0, 85.0511287798, -85.0511287798])
    assert x.tolist() == [0.0, 128.0, 256.0]
    assert y.tolist() == pytest.approx([128.0, 0.0, 256.0], abs=1e-9)
    lng, lat = labels.mercator_px_inverse(*labels.mercator_px([12.5, -70.25], [51.5, -33.4]))
    assert lng.tolist() == pytest.approx([12.5, -70.25], abs=1e-9)
    assert lat.tolist() == pytest.approx([51.5, -33.4], abs=1e-9)


# --------------------------------------------------------------------------- places


def test_places_are_counted_once_per_line_that_names_them():
    line = LineString([(0, 0), (1, 1)])
    routes = _layer(
        "rail/routes",
        "rail-route",
        {
            "name": ["a", "b", "c"],
            "origin": ["Xi'an", "Xi'an", None],
            "destination": ["Baku", "  ", "Duisburg"],
            "via": [[{"name": "Aktau"}, {"name": "Baku"}, {"name": "Aktau"}], None, [{"x": 1}]],
        },
        [line, line, line],
    )
    lanes = _layer("sea", "sea-lane", {"name": ["l"], "from": ["Piraeus"], "to": ["Baku"]}, [line])
    points = _layer("pts", "port", {"name": ["Baku"], "origin": ["Nowhere"]}, [Point(50, 40)])
    counts = labels.place_line_counts([routes, lanes, points])
    assert counts == {"Xi'an": 2, "Baku": 2, "Aktau": 1, "Duisburg": 1, "Piraeus": 1}


def test_shipped_hubs_are_the_places_most_lines_serve(shipped_layers):
    counts = labels.place_line_counts(shipped_layers)
    hubs = {name for name, n in counts.items() if labels.label_rules().place_rank(n).tier == 1}
    assert {"Moscow", "Alashankou", "Dostyk", "Khorgos (Horgos, China)", "Singapore"} <= hubs
    assert counts["Alashankou"] > counts.get("Suifenhe", 0)  # Suifenhe: no service found


def test_layer_labels_rank_places_and_name_lines_of_the_line_categories():
    terminals = _layer(
        "t",
        "rail-node",
        {"name": ["Alashankou", "Kars", None, "Nowhere", "Pair"]},
        [
            Point(82.6, 45.2),
            Point(43.1, 40.6),
            Point(1, 1),
            Point(2, 2),
            MultiPoint([(0, 0), (1, 1)]),
        ],
    )
    got = labels.layer_labels(terminals, {"Alashankou": 18, "Kars": 2})
    assert [(g["feature"], g["text"], g["tier"], g["minZoom"], g["weight"]) for g in got] == [
        (0, "Alashankou", 1, 0.0, 18),
        (1, "Kars", 4, 4.0, 2),
        (3, "Nowhere", 5, 5.0, 0),
    ]  # a missing name and a MultiPoint are not named
    corridor = _layer(
        "c",
        "corridor",
        {"name": ["China–Pakistan Economic Corridor (CPEC)"]},
        [LineString([(0, 0), (1, 1)])],
    )
    assert [g["text"] for g in labels.layer_labels(corridor)] == ["CPEC"]
    lane = _layer(
        "l", "sea-lane", {"name": ["Shanghai – Rotterdam"]}, [LineString([(0, 0), (1, 1)])]
    )
    assert labels.layer_labels(lane) == []  # sea lanes are not in lines.categories


def test_a_point_layer_too_big_to_name_gets_no_labels():
    n = labels.label_rules().max_features + 1
    rng = np.random.default_rng(3)
    many = _layer(
        "m",
        "other",
        {"name": [f"p{i}" for i in range(n)]},
        list(shapely.points(rng.uniform(0, 10, (n, 2)))),
    )
    assert labels.layer_labels(many) == []
    assert len(labels.layer_labels(_layer("m", "other", {"name": ["p"]}, [Point(0, 0)]))) == 1


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("China–Pakistan Economic Corridor (CPEC)", "CPEC"),
        ("Bangladesh–China–India–Myanmar Economic Corridor (BCIM)", "BCIM"),
        ("New Eurasian Land Bridge Economic Corridor", "New Eurasian Land Bridge"),
        ("China–Mongolia–Russia Economic Corridor", "China–Mongolia–Russia"),
        ("Economic Corridor", "Economic Corridor"),  # nothing left: kept whole
        ("Rail (in part)", "Rail (in part)"),  # brackets that are not an abbreviation
    ],
)
def test_a_lines_label_is_its_abbreviation_or_its_name_without_the_ending(name, text):
    assert labels.label_text(name) == text


# --------------------------------------------------------------------------- the rules file


def test_the_shipped_rules_parse():
    rules = labels.parse_label_rules(RULES)
    assert rules == labels.label_rules()
    assert [r.min_lines for r in rules.ranks] == sorted(
        (r.min_lines for r in rules.ranks), reverse=True
    )


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("tier = 3\nmin_zoom = 0\n", "min_zoom = 0\n", "no countries.tier"),
        (
            "max_features = 1000",
            'max_features = "many"',
            "places.max_features is 'many'; expected int",
        ),
        (
            'categories = ["corridor"]',
            'categories = ["corridors"]',
            "lines.categories names ['corridors']",
        ),
        ("min_lines = 0", "min_lines = 2", "no row for min_lines = 0"),
        ("[plot]", "[plot", "not valid TOML"),
    ],
)
def test_a_broken_rules_file_is_one_line_naming_the_file_and_key(old, new, message):
    assert old in RULES
    with pytest.raises(LayerError) as info:
        labels.parse_label_rules(RULES.replace(old, new, 1), "labels.toml")
    (problem,) = info.value.problems
    assert problem.startswith("labels.toml: ") and message in problem


# --------------------------------------------------------------------------- the map spec


@pytest.fixture(scope="module")
def shipped_spec(shipped_layers):
    return mapspec.map_spec(shipped_layers, title="T", subtitle="S")


def test_the_spec_carries_the_title_block_from_the_data_file(shipped_spec):
    assert shipped_spec["version"] == mapspec.SPEC_VERSION == 7
    assert (shipped_spec["title"], shipped_spec["subtitle"]) == ("T", "S")
    about = shipped_spec["about"]
    assert [s["heading"] for s in about["sections"]] == [
        "What it shows",
        "How lengths are measured",
    ]
    assert "WGS84 ellipsoid" in about["sections"][1]["text"]
    assert "Natural Earth" in about["basemap"] and about["link"].startswith("About this map")


def test_the_spec_carries_country_labels_and_each_layers_labels(shipped_spec):
    assert shipped_spec["basemap"]["labels"] == labels.country_labels()
    by_id = {s["id"]: s for s in shipped_spec["layers"]}
    terminals = {x["text"]: x for x in by_id["rail/terminals"]["labels"]}
    assert terminals["Alashankou"]["tier"] == 1 and terminals["Alashankou"]["minZoom"] == 0
    assert terminals["Suifenhe"]["minZoom"] > terminals["Alashankou"]["minZoom"]
    assert [x["text"] for x in by_id["corridors/cpec"]["labels"]] == ["CPEC"]
    assert by_id["rail/routes"]["labels"] == []  # 31 services on one track: not named
    names = by_id["rail/terminals"]["properties"]["values"][0]
    assert all(names[x["feature"]] == x["text"] for x in by_id["rail/terminals"]["labels"])


def test_place_ranks_come_from_all_the_maps_layers_not_one(shipped_layers):
    terminals = [layer for layer in shipped_layers if layer.id == "rail/terminals"]
    alone = {x["text"]: x["tier"] for x in mapspec.layer_spec(terminals[0])["labels"]}
    layers = mapspec.map_spec(shipped_layers)["layers"]
    spec = next(s for s in layers if s["id"] == "rail/terminals")
    together = {x["text"]: x["tier"] for x in spec["labels"]}
    assert alone["Moscow"] > together["Moscow"] == 1  # the rail services make it a hub


def test_build_map_titles_the_page_and_the_block(tmp_path, shipped_layers):
    path = render.save_map(render.build_map(shipped_layers[:1]), tmp_path / "a.html")
    page = path.read_text("utf-8")
    assert "<title>Belt and Road Initiative: corridors, rail and ports</title>" in page
    spec = spec_in_page(page)
    assert (spec["title"], spec["subtitle"]) == (mapspec.DEFAULT_TITLE, mapspec.DEFAULT_SUBTITLE)
    assert "Belt and Road" in mapspec.DEFAULT_TITLE
    odd = render.save_map(
        render.build_map(shipped_layers[:1], title=HOSTILE, subtitle=""), tmp_path / "b.html"
    ).read_text("utf-8")
    assert "<title>&lt;img src=x onerror=alert(1)&gt;</title>" in odd
    assert spec_in_page(odd)["title"] == HOSTILE and spec_in_page(odd)["subtitle"] == ""
    assert "<img src=x" not in odd.replace("\\u003cimg src=x", "")  # only inside the JSON, escaped


@pytest.mark.parametrize("bad", [None, 3, b"x"])
def test_a_title_that_is_not_text_is_refused(bad, shipped_layers):
    if bad is None:  # None means the default
        assert render.build_map(shipped_layers[:1], title=None)
        return
    with pytest.raises(ValueError, match="Expected title to be text"):
        render.build_map(shipped_layers[:1], title=bad)


def test_cli_build_takes_a_title_and_a_subtitle(capsys, tmp_path):
    target = tmp_path / "m.html"
    status = main(
        [
            "build",
            "--layers",
            str(ROOT / "layers"),
            "--only",
            "corridors/cpec",
            "--title",
            "CPEC alone",
            "--subtitle",
            "One corridor",
            "-o",
            str(target),
        ]
    )
    assert status == 0
    page = target.read_text(encoding="utf-8")
    assert "<title>CPEC alone</title>" in page
    assert spec_in_page(page)["subtitle"] == "One corridor"


# --------------------------------------------------------------------------- the print plot


@pytest.fixture(scope="module")
def plot_labels(shipped_layers):
    from geo import plot

    fig = plot.plot_map(shipped_layers)
    (ax,) = fig.axes
    renderer = fig.canvas.get_renderer()
    return fig, ax, [(t.get_text(), t.get_window_extent(renderer)) for t in ax.texts]


def test_the_plot_names_countries_and_hubs(plot_labels):
    _, _, texts = plot_labels
    shown = {t for t, _ in texts}
    assert {"CHINA", "RUSSIA", "INDIA", "KAZAKHSTAN", "IRAN"} <= shown
    assert {"Moscow", "Singapore", "Ürümqi"} <= shown
    assert "Suifenhe" not in shown  # no line serves it: named only when zoomed in, on the web


def test_no_plot_label_overlaps_another_or_leaves_the_map(plot_labels):
    _, ax, texts = plot_labels
    frame = ax.get_window_extent()
    for (a, box_a), (b, box_b) in itertools.combinations(texts, 2):
        assert not box_a.overlaps(box_b), (a, b)
    for text, box in texts:
        assert (
            frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1
        ), text


def test_plot_labels_are_plain_text(tmp_path):
    from geo import plot

    name = f"$\\alpha$ {HOSTILE}\x1b[2J"
    layer = _layer("x", "port", {"name": [name]}, [Point(70, 40)])
    hub = labels.label_rules().ranks[0].min_lines  # lines that make it a hub, named on paper
    lines = _layer(
        "r",
        "rail-route",
        {"name": ["r"] * hub, "origin": [name] * hub},
        [LineString([(70, 40), (80, 45)])] * hub,
    )
    fig = plot.plot_map([layer, lines], tmp_path / "x.svg")
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert "$\\alpha$ <img src=x onerror=alert(1)>\\x1b[2J" in texts  # escaped, no TeX
    assert not re.search("<img", (tmp_path / "x.svg").read_text(encoding="utf-8"))
