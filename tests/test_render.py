"""The map's HTML: content, escaping, reproducibility, atomic writes."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import folium
import pytest
import shapely
from hostile import HOSTILE, hostile_layers, write_layer  # noqa: F401 (fixture)

import geo
from geo import render

ROOT = Path(__file__).resolve().parents[1]
LAYERS = geo.load_layers(ROOT / "layers")


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("map") / "map.html"
    render.save_map(geo.build_map(LAYERS), path)
    return path.read_text(encoding="utf-8")


def config_of(page: str) -> dict:
    match = re.search(r"briInit\(map_\w+, (\{.*\})\);", page)
    assert match, "the map's configuration is in the page"
    return json.loads(match.group(1))


def test_build_map_returns_a_folium_map_users_can_extend(tmp_path):
    fmap = geo.build_map(LAYERS)
    assert isinstance(fmap, folium.Map)
    folium.Marker([39.9, 116.4], tooltip="my marker").add_to(fmap)
    out = render.save_map(fmap, tmp_path / "x.html")
    assert "my marker" in out.read_text(encoding="utf-8")


def test_every_layer_is_an_overlay_in_its_group(page):
    config = config_of(page)
    assert [s["id"] for s in config["layers"]] == sorted(
        (layer.id for layer in LAYERS),
        key=lambda i: (list(render.GROUPS).index(next(x.category for x in LAYERS if x.id == i)), i),
    )
    groups = {s["id"]: s["group"] for s in config["layers"]}
    assert groups["corridors/cpec"] == "Economic corridors"
    assert groups["rail/routes"] == groups["rail/terminals"] == "China–Europe rail"
    assert groups["maritime/ports"] == "Ports"
    assert groups["maritime/sea_lanes"] == "Sea lanes"
    assert len(config["basemaps"]) >= 2


def test_corridors_get_distinct_colours(page):
    colours = [
        s["style"]["color"] for s in config_of(page)["layers"] if s["category"] == "corridor"
    ]
    assert len(set(colours)) == len(colours) == 6


def test_tooltips_carry_the_geodesic_length(page):
    config = config_of(page)
    lanes = next(s for s in config["layers"] if s["id"] == "maritime/sea_lanes")
    layer = next(x for x in LAYERS if x.id == "maritime/sea_lanes")
    km = geo.geodesic_length(layer.frame)
    for feature, length in zip(lanes["data"]["features"], km, strict=True):
        tip = feature["properties"]["_tooltip"]
        assert f"{length:,.0f} km" in tip
        assert f"{length * 1000 / 1852:,.0f} nmi" in tip
    ports = next(s for s in config["layers"] if s["id"] == "maritime/ports")
    assert all("bri-tip-len" not in f["properties"]["_tooltip"] for f in ports["data"]["features"])


def test_lines_are_drawn_densified_and_points_are_not_moved(page):
    config = config_of(page)
    routes = next(s for s in config["layers"] if s["id"] == "corridors/new_eurasian_land_bridge")
    drawn = shapely.from_geojson(json.dumps(routes["data"]["features"][0]["geometry"]))
    layer = next(x for x in LAYERS if x.id == "corridors/new_eurasian_land_bridge")
    original = layer.frame.geometry.iloc[0]
    assert shapely.get_num_coordinates(drawn) >= shapely.get_num_coordinates(original)
    assert geo.geodesic_length(drawn) == pytest.approx(geo.geodesic_length(original), rel=1e-6)


def test_popup_shows_published_length_figures_and_linked_source(page):
    config = config_of(page)
    routes = next(s for s in config["layers"] if s["id"] == "rail/routes")
    popups = [f["properties"]["_popup"] for f in routes["data"]["features"]]
    assert any("Published length" in p and "Drawn / published" in p for p in popups)
    assert all("6,363" in p and "2018" in p for p in popups)  # the layer's figure


def test_only_leaflet_comes_from_a_cdn(page):
    urls = set(re.findall(r'(?:src|href)="(https?://[^"]+)"', page))
    assert urls == {render.LEAFLET_JS, render.LEAFLET_CSS}


def test_two_builds_are_byte_identical(tmp_path):
    a = render.save_map(geo.build_map(LAYERS), tmp_path / "a.html").read_bytes()
    b = render.save_map(geo.build_map(geo.load_layers(ROOT / "layers")), tmp_path / "b.html")
    assert a == b.read_bytes()


def test_hostile_text_never_reaches_the_page_as_markup(hostile_layers, tmp_path):  # noqa: F811
    path = render.save_map(geo.build_map(directory=hostile_layers), tmp_path / "h.html")
    page = path.read_text(encoding="utf-8")
    script_part = page[page.index("briInit(") :]
    assert HOSTILE not in page
    assert "</script><script>alert(3)" not in page
    assert "<img" not in script_part.replace("\\u003c", "")  # all '<' in data are escaped
    config = config_of(page)
    popups = [f["properties"]["_popup"] for s in config["layers"] for f in s["data"]["features"]]
    tooltips = [
        f["properties"]["_tooltip"] for s in config["layers"] for f in s["data"]["features"]
    ]
    for html in popups + tooltips:
        assert "<img" not in html
        assert "&lt;img src=x onerror=alert(1)&gt;" in html or "depot" in html
    # a non-http source is text; an http one is a link with its query escaped
    assert "javascript:alert(2)" in popups[0] and 'href="javascript' not in popups[0]
    user = next(p for p in popups if "depot" in p)
    assert 'href="https://example.org/page?a=1&amp;b="' in user  # a URL ends at '<'
    assert "&lt;2&gt;" in user
    assert config["layers"][0]["name"] == f"Hostile {HOSTILE}"  # text for textContent


def test_user_layer_goes_to_the_other_group(hostile_layers):  # noqa: F811
    config_groups = {
        layer.id: render.GROUPS[layer.category] for layer in geo.load_layers(hostile_layers)
    }
    assert config_groups["user/points"] == "Other layers (user-added)"


def test_failed_build_leaves_the_previous_map(tmp_path, monkeypatch):
    target = tmp_path / "map.html"
    target.write_text("previous map", encoding="utf-8")
    fmap = geo.build_map(LAYERS)

    def broken_render(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(type(fmap.get_root()), "render", broken_render)
    with pytest.raises(RuntimeError):
        render.save_map(fmap, target)
    assert target.read_text(encoding="utf-8") == "previous map"
    assert [p.name for p in tmp_path.iterdir()] == ["map.html"]


def test_only_selects_layers():
    fmap = geo.build_map(LAYERS, only=["corridors/cpec"])
    page = fmap.get_root().render()
    ids = [s["id"] for s in config_of(page)["layers"]]
    assert ids == ["corridors/cpec"]


def test_empty_layer_list_still_renders(tmp_path):
    page = render.save_map(geo.build_map([]), tmp_path / "e.html").read_text(encoding="utf-8")
    assert config_of(page)["layers"] == []


def test_pacific_line_is_unwrapped_for_display(tmp_path):
    root = tmp_path / "layers"
    write_layer(
        root / "pacific.geojson",
        {
            "type": "FeatureCollection",
            "name": "Pacific",
            "category": "sea-lane",
            "features": [
                {
                    "type": "Feature",
                    "properties": {"name": "Shanghai – Chancay"},
                    "geometry": {
                        "type": "LineString",
                        "coordinates": [[121.47, 31.23], [-77.27, -11.58]],
                    },
                }
            ],
        },
    )
    page = geo.build_map(directory=root).get_root().render()
    geom = config_of(page)["layers"][0]["data"]["features"][0]["geometry"]
    lons = [c[0] for c in geom["coordinates"]]
    assert max(lons) > 180
    assert all(abs(b - a) < 180 for a, b in itertools.pairwise(lons))


def test_render_module_is_the_only_one_importing_folium():
    for path in (ROOT / "geo").glob("*.py"):
        text = Path(path).read_text(encoding="utf-8")
        if path.name != "render.py":
            assert "import folium" not in text, path.name


def test_template_syntax_in_layers_is_text_not_code(tmp_path):
    # branca compiles element text as Jinja templates: layer text must never reach one
    root = tmp_path / "layers"
    code = "{{ 7*7 }} {% for i in range(3) %}x{% endfor %} {# c #}"
    write_layer(root / "t.geojson", {
        "type": "FeatureCollection", "name": f"Layer {code}", "category": "port",
        "features": [{"type": "Feature", "properties": {"name": f"Port {code}", "note": code},
                      "geometry": {"type": "Point", "coordinates": [1, 1]}}],
    })  # fmt: skip
    page = render.save_map(geo.build_map(directory=root), tmp_path / "t.html").read_text()
    config = config_of(page)
    assert config["layers"][0]["name"] == f"Layer {code}"
    feature = config["layers"][0]["data"]["features"][0]["properties"]
    assert feature["_name"] == f"Port {code}"
    assert code in feature["_popup"]
    assert "Port 49" not in page and "Layer 49" not in page and " xxx " not in page


def test_page_title_is_escaped():
    fmap = geo.build_map([], title="</title><script>alert(1)</script>")
    page = fmap.get_root().render()
    assert "<title>&lt;/title&gt;&lt;script&gt;" in page


def test_line_separators_are_escaped_in_the_script():
    text = render._script_json({"name": "a\u2028b\u2029c"})
    assert "\u2028" not in text and "\u2029" not in text
    assert json.loads(text) == {"name": "a\u2028b\u2029c"}
