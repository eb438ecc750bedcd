"""Stable, distinct colours: a layer keeps its colour in every output (the full map,
``--only``, the plot, a compare map); the corridors and the rail layers are told apart
(CIEDE2000, Sharma, Wu and Dalal 2005, implemented here from the published formula and
checked against their test data); a user's layer gets a colour no shipped layer of its
group has."""

from __future__ import annotations

import itertools
import math
from pathlib import Path

import geopandas as gpd
import pytest
import shapely

import geo
from geo import mapspec, style
from geo.format import CATEGORIES

ROOT = Path(__file__).resolve().parents[1]
#: The least CIEDE2000 difference between two corridors, or a corridor and a rail layer.
MIN_DE = 20.0


# --------------------------------------------------------------------------- CIEDE2000


def srgb_to_lab(colour: str) -> tuple[float, float, float]:
    """CIELAB (D65) of an sRGB colour '#rrggbb' (IEC 61966-2-1 and CIE 15)."""
    h = colour.lstrip("#")
    h = "".join(c * 2 for c in h) if len(h) == 3 else h
    rgb = [int(h[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb)
    x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047
    y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b
    z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def ciede2000(lab1: tuple[float, ...], lab2: tuple[float, ...]) -> float:
    """The CIEDE2000 colour difference (kL = kC = kH = 1), as Sharma, Wu and Dalal (2005)
    give it, equations (1) to (22)."""
    L1, a1, b1 = lab1
    L2, a2, b2 = lab2
    c_bar = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(c_bar**7 / (c_bar**7 + 25**7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360 if (a1p or b1) else 0.0
    h2p = math.degrees(math.atan2(b2, a2p)) % 360 if (a2p or b2) else 0.0
    d_l, d_c = L2 - L1, c2p - c1p
    if c1p * c2p == 0:
        dhp = 0.0
    else:
        dhp = h2p - h1p
        dhp = dhp - 360 if dhp > 180 else dhp + 360 if dhp < -180 else dhp
    d_h = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dhp / 2))
    l_bar, cp_bar = (L1 + L2) / 2, (c1p + c2p) / 2
    if c1p * c2p == 0:
        hp_bar = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        hp_bar = (h1p + h2p) / 2
    else:
        hp_bar = (h1p + h2p + 360) / 2 if h1p + h2p < 360 else (h1p + h2p - 360) / 2
    t = (
        1
        - 0.17 * math.cos(math.radians(hp_bar - 30))
        + 0.24 * math.cos(math.radians(2 * hp_bar))
        + 0.32 * math.cos(math.radians(3 * hp_bar + 6))
        - 0.20 * math.cos(math.radians(4 * hp_bar - 63))
    )
    d_theta = 30 * math.exp(-(((hp_bar - 275) / 25) ** 2))
    r_c = 2 * math.sqrt(cp_bar**7 / (cp_bar**7 + 25**7))
    s_l = 1 + 0.015 * (l_bar - 50) ** 2 / math.sqrt(20 + (l_bar - 50) ** 2)
    s_c = 1 + 0.045 * cp_bar
    s_h = 1 + 0.015 * cp_bar * t
    r_t = -math.sin(math.radians(2 * d_theta)) * r_c
    return math.sqrt(
        (d_l / s_l) ** 2 + (d_c / s_c) ** 2 + (d_h / s_h) ** 2 + r_t * (d_c / s_c) * (d_h / s_h)
    )


def delta_e(c1: str, c2: str) -> float:
    return ciede2000(srgb_to_lab(c1), srgb_to_lab(c2))


#: Sharma, Wu and Dalal (2005), Table 1: L1, a1, b1, L2, a2, b2, ΔE00.
SHARMA = [
    (50.0000, 2.6772, -79.7751, 50.0000, 0.0000, -82.7485, 2.0425),
    (50.0000, 3.1571, -77.2803, 50.0000, 0.0000, -82.7485, 2.8615),
    (50.0000, 2.8361, -74.0200, 50.0000, 0.0000, -82.7485, 3.4412),
    (50.0000, -1.3802, -84.2814, 50.0000, 0.0000, -82.7485, 1.0000),
    (50.0000, -1.1848, -84.8006, 50.0000, 0.0000, -82.7485, 1.0000),
    (50.0000, -0.9009, -85.5211, 50.0000, 0.0000, -82.7485, 1.0000),
    (50.0000, 0.0000, 0.0000, 50.0000, -1.0000, 2.0000, 2.3669),
    (50.0000, -1.0000, 2.0000, 50.0000, 0.0000, 0.0000, 2.3669),
    (50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0009, 7.1792),
    (50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0010, 7.1792),
    (50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0011, 7.2195),
    (50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0012, 7.2195),
    (50.0000, -0.0010, 2.4900, 50.0000, 0.0009, -2.4900, 4.8045),
    (50.0000, -0.0010, 2.4900, 50.0000, 0.0010, -2.4900, 4.8045),
    (50.0000, -0.0010, 2.4900, 50.0000, 0.0011, -2.4900, 4.7461),
    (50.0000, 2.5000, 0.0000, 50.0000, 0.0000, -2.5000, 4.3065),
    (50.0000, 2.5000, 0.0000, 73.0000, 25.0000, -18.0000, 27.1492),
    (50.0000, 2.5000, 0.0000, 61.0000, -5.0000, 29.0000, 22.8977),
    (50.0000, 2.5000, 0.0000, 56.0000, -27.0000, -3.0000, 31.9030),
    (50.0000, 2.5000, 0.0000, 58.0000, 24.0000, 15.0000, 19.4535),
    (50.0000, 2.5000, 0.0000, 50.0000, 3.1736, 0.5854, 1.0000),
    (50.0000, 2.5000, 0.0000, 50.0000, 3.2972, 0.0000, 1.0000),
    (50.0000, 2.5000, 0.0000, 50.0000, 1.8634, 0.5757, 1.0000),
    (50.0000, 2.5000, 0.0000, 50.0000, 3.2592, 0.3350, 1.0000),
    (60.2574, -34.0099, 36.2677, 60.4626, -34.1751, 39.4387, 1.2644),
    (63.0109, -31.0961, -5.8663, 62.8187, -29.7946, -4.0864, 1.2630),
    (61.2901, 3.7196, -5.3901, 61.4292, 2.2480, -4.9620, 1.8731),
    (35.0831, -44.1164, 3.7933, 35.0232, -40.0716, 1.5901, 1.8645),
    (22.7233, 20.0904, -46.6940, 23.0331, 14.9730, -42.5619, 2.0373),
    (36.4612, 47.8580, 18.3852, 36.2715, 50.5065, 21.2231, 1.4146),
    (90.8027, -2.0831, 1.4410, 91.1528, -1.6435, 0.0447, 1.4441),
    (90.9257, -0.5406, -0.9208, 88.6381, -0.8985, -0.7239, 1.5381),
    (6.7747, -0.2908, -2.4247, 5.8714, -0.0985, -2.2286, 0.6377),
    (2.0776, 0.0795, -1.1350, 0.9033, -0.0636, -0.5514, 0.9082),
]


@pytest.mark.parametrize("row", SHARMA, ids=[f"pair {k + 1}" for k in range(len(SHARMA))])
def test_ciede2000_gives_sharma_wu_and_dalal_s_test_data(row):
    *labs, expected = row
    assert round(ciede2000(labs[:3], labs[3:]), 4) == expected
    assert round(ciede2000(labs[3:], labs[:3]), 4) == expected  # symmetric


def test_lab_of_srgb_white_and_a_primary():
    assert srgb_to_lab("#ffffff") == pytest.approx((100.0, 0.0, 0.0), abs=0.01)
    assert srgb_to_lab("#ff0000") == pytest.approx((53.24, 80.09, 67.20), abs=0.01)


# --------------------------------------------------------------------------- the palette


@pytest.fixture(scope="module")
def shipped_colours(shipped_layers) -> dict[str, str]:
    """Each shipped layer's colour on the full map, by id."""
    return style.layer_colours(mapspec.order_layers(shipped_layers))


@pytest.fixture
def by_category(shipped_layers, shipped_colours):
    """The shipped layers' colours of one category, by id."""

    def colours(category: str) -> dict[str, str]:
        return {x.id: shipped_colours[x.id] for x in shipped_layers if x.category == category}

    return colours


def test_the_seven_corridors_are_told_apart(by_category):
    corridors = by_category("corridor")
    assert len(corridors) == 7 and len(set(corridors.values())) == 7
    pairs = {
        (a, b): delta_e(corridors[a], corridors[b]) for a, b in itertools.combinations(corridors, 2)
    }
    least = min(pairs, key=pairs.get)
    assert pairs[least] >= MIN_DE, f"{least}: ΔE00 {pairs[least]:.1f}"


def test_the_corridors_are_told_apart_from_the_rail_layers(by_category):
    rail = {**by_category("rail-route"), **by_category("rail-node")}
    assert set(rail) == {"rail/routes", "rail/terminals"}
    pairs = {
        (c, r): delta_e(colour, rail[r])
        for c, colour in by_category("corridor").items()
        for r in rail
    }
    least = min(pairs, key=pairs.get)
    assert pairs[least] >= MIN_DE, f"{least}: ΔE00 {pairs[least]:.1f}"


def _layer(layer_id: str, category: str, **style) -> geo.Layer:
    geometry = (
        shapely.Point(1, 1)
        if category in ("port", "rail-node")
        else shapely.LineString([(0, 0), (1, 1)])
    )
    frame = gpd.GeoDataFrame({"name": [layer_id]}, geometry=[geometry], crs=4326)
    return geo.Layer(layer_id, layer_id, category, None, frame, style=style)


def test_cpec_keeps_its_colour_alone_in_the_plot_and_among_all(
    shipped_layers, shipped, shipped_colours
):
    cpec = shipped["corridors/cpec"]
    spec = mapspec.map_spec(shipped_layers, build=_styled)
    full = {s["id"]: s["style"]["color"] for s in spec["layers"]}
    alone = mapspec.map_spec([cpec], build=_styled)["layers"][0]["style"]["color"]
    assert full["corridors/cpec"] == alone == CATEGORIES["corridor"].colors["corridors/cpec"]
    # and the colour each shipped layer is drawn in is its own, whichever others are drawn
    for layer in shipped_layers:
        assert style.layer_colours([layer])[layer.id] == shipped_colours[layer.id], layer.id


def _styled(layer: geo.Layer, colour: str) -> dict:
    """A layer's spec with its style only (the geometry is not needed here)."""
    return {"id": layer.id, "style": style.layer_style(layer, colour), "bounds": None,
            "category": layer.category}  # fmt: skip


@pytest.mark.parametrize("category", list(CATEGORIES))
def test_a_user_layer_takes_a_colour_no_shipped_layer_of_its_group_has(
    category, shipped_layers, shipped_colours
):
    group = CATEGORIES[category].group
    taken = {
        shipped_colours[x.id].lower()
        for x in shipped_layers
        if CATEGORIES[x.category].group == group
    }
    mine = _layer("mine/imported", category)
    colour = style.layer_colours(mapspec.order_layers([*shipped_layers, mine]))[mine.id]
    assert colour.lower() not in taken
    assert all(delta_e(colour, other) >= 10 for other in taken)
    # the same colour alone (--only) as among the shipped layers
    assert style.layer_colours([mine])[mine.id] == colour


def test_two_user_layers_of_a_group_differ_and_an_own_style_wins():
    a, b = _layer("mine/a", "port"), _layer("mine/b", "port")
    colours = style.layer_colours([a, b])
    assert colours["mine/a"] != colours["mine/b"]
    styled = _layer("mine/c", "port", **{"marker-color": "#123456"})
    assert style.layer_colours([styled])["mine/c"] == "#123456"


def test_a_compare_map_s_layers_keep_their_colours_in_the_plot(shipped_colours):
    pytest.importorskip("matplotlib")
    from matplotlib.colors import to_hex

    from geo import plot

    routes = [_layer("compare/sea", "sea-lane"), _layer("compare/rail", "rail-route")]
    colours = style.layer_colours(mapspec.order_layers(routes))
    fig = plot.plot_map(routes)
    drawn = [to_hex(h.get_color()) for h in fig.legends[0].legend_handles]
    assert drawn == [colours[x.id] for x in mapspec.order_layers(routes)]
    assert not set(colours.values()) & set(shipped_colours.values())


def test_corridors_only_draws_cpec_in_its_colour_as_the_full_map_does(tmp_path):
    from conftest import spec_in_page

    from geo.cli import main

    colours = {}
    for name, only in (("full", []), ("only", ["--only", "corridors/cpec"])):
        out = tmp_path / f"{name}.html"
        assert main(["build", "--layers", str(ROOT / "layers"), "-o", str(out), *only]) == 0
        spec = spec_in_page(out.read_text(encoding="utf-8"))
        colours[name] = {s["id"]: s["style"]["color"] for s in spec["layers"]}
    assert list(colours["only"]) == ["corridors/cpec"]
    assert colours["only"]["corridors/cpec"] == colours["full"]["corridors/cpec"] == "#5d3a1a"
