"""The new kinds of line of issue 25 (item 6): the Digital Silk Road's PEACE submarine cable,
the Polar Silk Road (the Northern Sea Route) and the Red Sea diversion round the Cape of Good
Hope: their categories, their sources and figures, and where they run."""

from __future__ import annotations

import itertools

import pytest
from pyproj import Geod
from test_colours import delta_e

from geo import mapspec
from geo.format import CATEGORIES

#: The shipped data checked, not code: left out by ``pytest -m "not data"``.
pytestmark = pytest.mark.data

GEOD = Geod(ellps="WGS84")
CABLES = "digital/submarine_cables"


def line_km(coords) -> float:
    return sum(GEOD.inv(*a, *b)[2] for a, b in itertools.pairwise(coords)) / 1000.0


def parts(geometry) -> list:
    kind = geometry.geom_type
    return (
        [list(g.coords) for g in geometry.geoms]
        if kind.startswith("Multi")
        else [list(geometry.coords)]
    )


def shipped_colours() -> dict[str, str]:
    """Every shipped layer's colour, by layer id, as categories.toml gives it."""
    return {lid: c for cat in CATEGORIES.values() for lid, c in cat.colors.items()}


# ------------------------------------------------------------------ categories


@pytest.mark.parametrize(
    ("key", "title", "group"),
    [("submarine-cable", "Submarine cable", "Digital Silk Road")],
)
def test_a_new_kind_of_line_is_a_category_with_its_own_look(key, title, group):
    cat = CATEGORIES[key]
    assert (cat.title, cat.group) == (title, group)
    assert set(cat.geometry_types) == {"LineString", "MultiLineString"}
    dash = cat.style["dash-array"]
    others = [c for k, c in CATEGORIES.items() if k != key and "stroke" in c.style]
    assert all(c.style.get("dash-array") != dash for c in others), "a dash of its own"
    for lid, colour in shipped_colours().items():
        if lid not in cat.colors:
            assert delta_e(cat.style["stroke"], colour) > 15, (lid, colour)


def test_the_cable_layer_is_in_the_map_under_its_group_with_its_dash(shipped_layers):
    spec = mapspec.map_spec(shipped_layers)
    (cables,) = [s for s in spec["layers"] if s["id"] == CABLES]
    assert cables["group"] == "Digital Silk Road"
    assert cables["style"]["dashArray"] == "2 4"


# ------------------------------------------------------------------ the PEACE cable


@pytest.fixture(scope="module")
def peace(shipped) -> dict[str, dict]:
    layer = shipped[CABLES]
    assert layer.category == "submarine-cable"
    return {p["name"]: (p, g) for p, g in zip(layer.properties, layer.frame.geometry, strict=True)}


def test_the_peace_cable_runs_pakistan_to_marseille_with_its_landings(peace):
    trunk, _ = peace["PEACE Cable: Pakistan – Kenya – Egypt – France"]
    names = {lp["name"].split(",")[0] for p, _ in peace.values() for lp in p["landing_points"]}
    assert {"Gwadar", "Karachi", "Djibouti City", "Mombasa", "Zafarana", "Abu Talat",
            "Marseille"} <= names  # fmt: skip
    assert (trunk["status"], trunk["start_year"]) == ("operating", 2022)
    assert "ready for service" in trunk["status_source"]
    assert trunk["published_length_km"] == 15000
    assert "15,000" in trunk["published_length_source"] and trunk["published_length_year"] == 2022
    assert "5,800" in trunk["published_length_source"]  # the Pakistan–Egypt segment
    assert "21,500" in trunk["source_note"] and "13,000" in trunk["source_note"]


def test_every_landing_point_ends_one_of_its_cable_s_lines(peace):
    for props, geometry in peace.values():
        ends = [c for line in parts(geometry) for c in (line[0], line[-1])]
        for lp in props["landing_points"]:
            near = min(GEOD.inv(lp["lon"], lp["lat"], *end)[2] for end in ends) / 1000.0
            assert near < 1.0, (props["name"], lp["name"], near)
            assert "TeleGeography" in lp["source"]


TUAS = (103.64621, 1.33865)  # TeleGeography's landing point at Tuas, Singapore


@pytest.mark.parametrize(
    ("name", "only_to", "ratio"),
    [
        ("PEACE Cable: Pakistan – Kenya – Egypt – France", None, 0.890),
        # the published 6,500 km is the Singapore extension's: its line to Tuas alone
        ("PEACE Cable: Singapore extension, Djibouti, Somalia and Seychelles branches", TUAS,
         0.955),
    ],
)  # fmt: skip
def test_the_drawn_length_is_measured_against_the_published_one(peace, name, only_to, ratio):
    props, geometry = peace[name]
    lines = parts(geometry)
    if only_to is not None:
        lines = [c for c in lines if GEOD.inv(*c[-1], *only_to)[2] < 1000.0]
        assert len(lines) == 1
    drawn = sum(line_km(c) for c in lines)
    assert drawn / props["published_length_km"] == pytest.approx(ratio, abs=0.0005)
    assert f"{ratio:.3f} of the published" in props["length_note"]


def test_the_cable_credits_telegeography_under_its_licence(shipped, peace):
    assert "TeleGeography" in shipped[CABLES].source
    assert "CC BY-NC-SA 3.0" in shipped[CABLES].source
    for props, _ in peace.values():
        assert "TeleGeography" in props["source"] and "CC BY-NC-SA 3.0" in props["source"]
        assert props["status"] in {"operating", "planned"} and props["status_source"]
