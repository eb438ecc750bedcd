"""Countries shaded by a number (geo.country_layer, geo.country_totals) and
`corridors countries --map`: the layer, its errors, its classes, and the page drawing it."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
import shapely
from browser import needs_browser, open_page
from conftest import spec_in_page

import geo
from geo.basemap import countries as base_countries
from geo.classes import break_labels, layer_classes
from geo.countries import country_at, length_by_country
from geo.format import style_problem

#: The overlay canvas's colour (r, g, b, alpha) at a place, in the first view.
_PIXEL = """([lng, lat]) => {
  const m = briState.map;
  const c = m.getPane('overlayPane').querySelector('canvas'), ctx = c.getContext('2d');
  const rc = c.getBoundingClientRect(), rm = m.getContainer().getBoundingClientRect();
  const p = m.latLngToContainerPoint([lat, lng]);
  const x = Math.round((p.x + rm.left - rc.left) * c.width / rc.width);
  const y = Math.round((p.y + rm.top - rc.top) * c.height / rc.height);
  return Array.from(ctx.getImageData(x, y, 1, 1).data);
}"""


def _hex_rgb(colour: str) -> list[int]:
    return [int(colour[k : k + 2], 16) for k in (1, 3, 5)]


@pytest.fixture(scope="module")
def rail_km():
    """km of the shipped rail services in each country, one row per country."""
    routes = geo.load_layer(geo.shipped_layers_dir() / "rail" / "routes.geojson")
    return geo.country_totals(length_by_country(routes))


def test_country_totals_sum_the_runs_of_each_country_and_leave_the_sea_out(rail_km):
    routes = geo.load_layer(geo.shipped_layers_dir() / "rail" / "routes.geojson")
    runs = length_by_country(routes)
    land = runs[runs["country"].notna()]
    assert sorted(rail_km["country"]) == sorted(land["country"].unique())
    by_hand = land.groupby("country")["length_km"].sum()
    for row in rail_km.itertuples():
        assert row.length_km == pytest.approx(by_hand[row.country], rel=1e-12)
    assert list(rail_km["length_km"]) == sorted(rail_km["length_km"], reverse=True)
    assert rail_km["length_km"].sum() == pytest.approx(land["length_km"].sum(), rel=1e-12)


def test_a_country_layer_is_the_base_maps_polygons_keyed_by_code(rail_km):
    layer = geo.country_layer(rail_km, "length_km", unit="km")
    assert layer.category == "country" and len(layer) == len(rail_km)
    assert layer.frame["country"].tolist() == rail_km["country"].tolist()
    assert layer.frame["length_km"].tolist() == rail_km["length_km"].tolist()
    base = base_countries()
    kaz = layer.frame.loc[layer.frame["country"] == "KAZ"].geometry.item()
    assert shapely.equals(kaz, base.loc[base["name"] == "Kazakhstan"].geometry.item())
    # each polygon holds a place of its own country (an independent point-in-polygon)
    parts, owner = shapely.get_parts(layer.frame.geometry.to_numpy(), return_index=True)
    largest = pd.Series(shapely.area(parts)).groupby(owner).idxmax().to_numpy()
    inside = shapely.point_on_surface(parts[largest])
    at = country_at(shapely.get_x(inside), shapely.get_y(inside))
    assert at["country"].tolist() == layer.frame["country"].tolist()


def test_its_classes_are_mapclassifys_and_its_legend_is_in_the_unit(rail_km):
    import mapclassify

    layer = geo.country_layer(rail_km, "length_km", unit="km", scheme="natural", classes=4)
    classes = layer_classes(layer)
    found = mapclassify.JenksCaspall(rail_km["length_km"].to_numpy(), k=4)
    assert classes.breaks[1:] == pytest.approx(list(found.bins), rel=1e-12)
    assert classes.index == list(found.yb)
    assert all(label.endswith(" km") for label in classes.labels)
    kaz = layer.frame.index[layer.frame["country"] == "KAZ"].item()
    least = int(np.argmin(rail_km["length_km"]))
    assert classes.index[kaz] != classes.index[least]


def test_rows_without_a_code_are_left_out_and_said(rail_km):
    runs = length_by_country(
        geo.load_layer(geo.shipped_layers_dir() / "maritime" / "sea_lanes.geojson")
    )
    table = runs.groupby("country", dropna=False, as_index=False)["length_km"].sum()
    assert table["country"].isna().sum() == 1  # the sea
    layer = geo.country_layer(table, "length_km")
    assert len(layer) == len(table) - 1
    assert "1 row(s) without a country (the sea) not drawn" in layer.description


@pytest.mark.parametrize(
    ("table", "kwargs", "words"),
    [
        ({"KAZ": 1.0, "XXX": 2.0, "Kazakhstan": 3.0}, {}, "'Kazakhstan', 'XXX' not a country"),
        (pd.DataFrame({"country": ["KAZ", "KAZ"], "v": [1, 2]}), {}, "'KAZ' more than once"),
        (pd.DataFrame({"country": ["KAZ"], "w": [1]}), {}, "Expected a column 'v'"),
        ({"KAZ": 1.0, "MNG": "many"}, {}, "feature 1 ('Mongolia') has 'many'; expected numbers"),
        ({"KAZ": 1.0}, {"classes": 9}, "'classes' is 9"),
        ({"KAZ": 1.0}, {"unit": "<b>"}, "'unit' is '<b>'"),
    ],
)
def test_a_bad_table_gets_every_problem_in_one_error(table, kwargs, words):
    with pytest.raises(ValueError, match=re.escape(words)):
        geo.country_layer(table, "v", **kwargs)


def test_a_series_and_a_mapping_key_by_their_index():
    series = pd.Series({"MNG": 2.0, "KAZ": 5.0}, name="v")
    assert geo.country_layer(series, "v").frame["country"].tolist() == ["MNG", "KAZ"]
    assert geo.country_layer(dict(series), "v").frame["v"].tolist() == [2.0, 5.0]


@pytest.mark.parametrize(
    ("breaks", "unit", "labels"),
    [
        ([1e6, 1.23e6, 1.24e6, 5e6], "", ["1 M – 1.23 M", "1.23 M – 1.24 M", "1.24 M – 5 M"]),
        ([0.25, 0.2512, 0.3], "t", ["0.25 – 0.251 t", "0.251 – 0.3 t"]),
        ([100, 100, 250], "km", ["100 km", "100 – 250 km"]),  # a class of one value
        ([1200, 56_000, 3.4e6], "US$", ["1,200 – 56,000 US$", "56,000 – 3.4 M US$"]),
    ],
)
def test_neighbouring_breaks_never_read_the_same(breaks, unit, labels):
    assert break_labels(breaks, unit) == labels


@pytest.mark.parametrize(
    ("unit", "ok"),
    [
        ("km", True),
        ("US$", True),
        ("TEU/yr", True),
        ("km²", True),
        ("", False),
        (" ", False),
        ("a\nb", False),
        ("x" * 13, False),
        (3, False),
    ],
)
def test_a_unit_is_short_plain_text(unit, ok):
    assert (style_problem("unit", unit) is None) is ok


def test_a_layer_files_unit_follows_its_sizes_and_classes():
    layer = geo.country_layer({"KAZ": 100.0, "MNG": 25.0, "CHN": 400.0}, "v", unit="TEU")
    layer.style["size-by"] = "v"
    sizes = geo.classes.layer_sizes(layer)
    assert [label for _, label, _ in sizes.legend] == ["400 TEU", "100 TEU", "25 TEU"]


def test_countries_map_writes_a_classed_map_in_km(tmp_path, cli):
    page = tmp_path / "countries.html"
    status, out, err = cli("countries", "rail/routes", "--map", page)
    assert status == 0, err
    assert out.splitlines()[-1].startswith(f"wrote {page}: ")
    spec = spec_in_page(page.read_text(encoding="utf-8"))
    (shaded,) = [la for la in spec["layers"] if la["category"] == "country"]
    (routes,) = [la for la in spec["layers"] if la["category"] != "country"]
    assert shaded["category"] == "country" and routes["id"] == "rail/routes"
    assert all(label.endswith(" km") for label in shaded["classes"]["labels"])
    assert spec["title"] == "Kilometres of line per country"


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["--map", "-"], "instead got '-'"),
        (["--map", "{tmp}/m.html", "--classes", "9"], "--classes: 'classes' is 9"),
    ],
)
def test_countries_map_refuses_what_it_cannot_draw(tmp_path, cli, argv, words):
    status, _, err = cli("countries", *[a.format(tmp=tmp_path) for a in argv])
    assert status != 0 and words in err
    assert not (tmp_path / "m.html").exists()


@needs_browser
def test_the_page_shades_kazakhstan_and_leaves_a_country_no_line_crosses(tmp_path, cli, chromium):
    page = tmp_path / "countries.html"
    status, _, err = cli("countries", "--map", page)
    assert status == 0, err
    spec = spec_in_page(page.read_text(encoding="utf-8"))
    (shaded,) = [la for la in spec["layers"] if la["category"] == "country"]
    with open_page(page, chromium) as (pg, log):
        pg.wait_for_timeout(300)
        # central Kazakhstan, away from its lines; southern Algeria, which no line crosses
        kaz = pg.evaluate(_PIXEL, [67.0, 50.0])
        dza = pg.evaluate(_PIXEL, [2.0, 27.0])
        legend = pg.locator(f'.bri-classes[data-layer="{shaded["id"]}"] .bri-class-label')
        texts = legend.all_inner_texts()
        assert not log["errors"], log["errors"]
    assert dza[3] == 0  # nothing drawn over Algeria: the base map shows
    assert kaz[3] > 0
    colours = [_hex_rgb(c) for c in shaded["classes"]["colors"]]
    assert min(sum(abs(a - b) for a, b in zip(kaz[:3], c, strict=True)) for c in colours) <= 6
    assert texts == shaded["classes"]["labels"] and all(t.endswith(" km") for t in texts)


def test_a_summary_by_country_shades_its_countries_and_leaves_the_sea_out():
    terminals = geo.load_layer(geo.shipped_layers_dir() / "rail" / "terminals.geojson")
    table = geo.summarize(terminals, by="country")
    layer = geo.country_layer(table, "count", unit="terminals")
    land = table[table["iso_a3"].notna()]
    assert layer.frame["country"].tolist() == land["iso_a3"].tolist()
    assert layer.frame["count"].tolist() == land["count"].tolist()
    at_sea = int(table["iso_a3"].isna().sum())
    assert (f"; {at_sea} row(s) without a country" in layer.description) is (at_sea > 0)


def test_a_named_code_column_must_be_there():
    with pytest.raises(ValueError, match="Expected a column 'iso' of codes"):
        geo.country_layer(pd.DataFrame({"v": [1.0]}), "v", code="iso")


def test_the_print_map_shades_the_countries_with_boxes_and_a_ramp(rail_km):
    from matplotlib.colors import to_hex
    from matplotlib.patches import Patch, Rectangle

    layer = geo.country_layer(rail_km, "length_km", unit="km", classes=3, name="Rail km")
    classes = layer_classes(layer)
    fig = geo.plot_map([layer])
    (legend,) = fig.legends
    texts = [t.get_text().strip() for t in legend.get_texts()]
    assert texts[: 1 + len(classes.labels)] == ["Rail km", *classes.labels]
    handles = legend.legend_handles
    # each class a box in its colour, as the page's panel shows an area's class
    boxes = handles[1 : 1 + len(classes.labels)]
    assert all(isinstance(h, Patch) for h in boxes)
    assert [to_hex(h.get_facecolor()) for h in boxes] == classes.colors
    # the layer's own entry: its classes' colours side by side (the page's rampCells)
    cells = [
        to_hex(a.get_facecolor())
        for a in legend.get_children()[0].findobj(Rectangle)
        if a.get_facecolor()[3] > 0 and to_hex(a.get_facecolor()) in classes.colors
    ]
    assert cells[: len(classes.colors)] == classes.colors
