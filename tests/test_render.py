"""The map's HTML: content, escaping, reproducibility, atomic writes."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import folium
import numpy as np
import pytest
import shapely
from conftest import spec_in_page
from hostile import HOSTILE, hostile_layers, write_layer  # noqa: F401 (fixture)

import geo
from geo import assets, mapspec, render

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def page(tmp_path_factory, shipped_layers) -> str:
    path = tmp_path_factory.mktemp("map") / "map.html"
    render.save_map(geo.build_map(shipped_layers), path)
    return path.read_text(encoding="utf-8")


config_of = spec_in_page


def spec_of(page: str, layer_id: str) -> dict:
    return next(s for s in config_of(page)["layers"] if s["id"] == layer_id)


def column(spec: dict, name: str) -> list:
    return spec["properties"]["values"][spec["properties"]["columns"].index(name)]


def test_build_map_returns_a_folium_map_users_can_extend(tmp_path, shipped_layers):
    fmap = geo.build_map(shipped_layers)
    assert isinstance(fmap, folium.Map)
    folium.Marker([39.9, 116.4], tooltip="my marker").add_to(fmap)
    out = render.save_map(fmap, tmp_path / "x.html")
    assert "my marker" in out.read_text(encoding="utf-8")


def test_every_layer_is_an_overlay_in_its_group(page, shipped_layers):
    config = config_of(page)
    order = list(geo.CATEGORIES)
    expected = sorted(shipped_layers, key=lambda x: (order.index(x.category), x.id))
    assert [s["id"] for s in config["layers"]] == [x.id for x in expected]
    groups = {s["id"]: s["group"] for s in config["layers"]}
    assert groups["corridors/cpec"] == "Economic corridors"
    assert groups["rail/routes"] == groups["rail/terminals"] == "China–Europe rail"
    assert groups["maritime/ports"] == "Ports"
    assert groups["maritime/sea_lanes"] == "Sea lanes"
    assert config["groups"] == list(dict.fromkeys(c.group for c in geo.CATEGORIES.values()))
    assert len(config["basemaps"]) >= 2
    assert config["version"] == mapspec.SPEC_VERSION


def test_spec_carries_every_feature_with_its_plain_properties(page, shipped_layers):
    for layer in shipped_layers:
        spec = spec_of(page, layer.id)
        assert spec["count"] == len(layer) == len(spec["lengths_km"])
        cols = spec["properties"]["columns"]
        for i, props in enumerate(layer.properties):
            got = {c: v[i] for c, v in zip(cols, spec["properties"]["values"], strict=True)}
            assert {k: v for k, v in got.items() if v is not None} == props
        drawn = mapspec.decode_geometries(spec["geometry"])
        assert len(drawn) == len(layer)


def test_corridors_get_distinct_colours(page):
    colours = [
        s["style"]["color"] for s in config_of(page)["layers"] if s["category"] == "corridor"
    ]
    assert len(set(colours)) == len(colours) == 7


def test_lengths_are_the_geodesic_lengths(page, shipped_layers):
    for layer in shipped_layers:
        spec = spec_of(page, layer.id)
        km = geo.geodesic_length(layer.frame)
        if layer.category in ("port", "rail-node"):
            assert spec["lengths_km"] == [None] * len(layer)
        else:
            assert spec["lengths_km"] == pytest.approx(km.tolist(), abs=5e-4)


def test_lines_are_drawn_densified_and_points_are_not_moved(page, shipped):
    spec = spec_of(page, "corridors/new_eurasian_land_bridge")
    drawn = mapspec.decode_geometries(spec["geometry"])[0]
    layer = shipped["corridors/new_eurasian_land_bridge"]
    original = layer.frame.geometry.iloc[0]
    assert shapely.get_num_coordinates(drawn) >= shapely.get_num_coordinates(original)
    assert geo.geodesic_length(drawn) == pytest.approx(geo.geodesic_length(original), rel=1e-6)
    ports = shipped["maritime/ports"]
    points = mapspec.decode_geometries(spec_of(page, "maritime/ports")["geometry"])
    got = shapely.get_coordinates(points)
    assert abs(got - shapely.get_coordinates(ports.geometries())).max() <= 0.5e-5 + 1e-12


def test_geometry_is_compact():
    # corridor-like random walks, steps of about 5 km: under 6 bytes of text per vertex
    rng = np.random.default_rng(7)
    steps = rng.normal(0, 0.05, size=(200, 50, 2))
    lines = [shapely.LineString(np.cumsum(s, axis=0) + np.array([80, 40])) for s in steps]
    spec = mapspec.encode_geometries(np.array(lines, dtype=object))
    text = spec["coords"]["packed"] + spec["coords"]["far"] + spec["shapes"]
    per_vertex = len(text) / (200 * 50)
    assert per_vertex < 5
    back = mapspec.decode_geometries(spec)
    assert np.abs(shapely.get_coordinates(back) - shapely.get_coordinates(lines)).max() <= 5e-6


def test_layer_figures_and_published_lengths_are_in_the_spec(page):
    routes = spec_of(page, "rail/routes")
    assert any(v for v in column(routes, "published_length_km"))
    assert routes["figures"] and all("year" in f for f in routes["figures"])


def test_the_page_loads_nothing_from_elsewhere(page):
    # no script, stylesheet, image or font from a URL: everything is inline
    assert not re.findall(r"<(?:script|img|iframe)\b[^>]*\bsrc=", page, re.IGNORECASE)
    assert not re.findall(r"<link\b", page, re.IGNORECASE)
    assert not re.findall(r"@import", page)
    urls = re.findall(r"url\(\s*['\"]?([^'\")]+)", page)
    assert urls and all(u.startswith(("data:", "#")) for u in urls), urls
    version = assets.vendored()["leaflet"]["version"]
    assert f"Leaflet {version}, a JS library for interactive maps" in page  # inline
    assert "GeographicLib" in page or "geographiclib" in page


def test_the_map_spec_carries_the_natural_earth_basemap(page):
    base = config_of(page)["basemap"]
    assert "Natural Earth" in base["attribution"] and "de facto" in base["attribution"]
    land, borders = mapspec.decode_geometries(base["geometry"])
    assert land.geom_type == "MultiPolygon" and borders.geom_type == "MultiLineString"
    # Kazakhstan's interior is land, the Arabian Sea is not
    assert land.contains(shapely.Point(67, 48)) and not land.contains(shapely.Point(65, 15))
    # the border between Kazakhstan and China passes by Khorgos (80.4 E, 44.2 N)
    assert shapely.Point(80.4, 44.2).distance(borders) < 0.1
    size = len(json.dumps(base))
    assert size < 400_000, size  # of the 1 MB the issue allows for a base map


def test_two_builds_are_byte_identical(tmp_path, shipped_layers):
    a = render.save_map(geo.build_map(shipped_layers), tmp_path / "a.html").read_bytes()
    b = render.save_map(geo.build_map(geo.load_layers(ROOT / "layers")), tmp_path / "b.html")
    assert a == b.read_bytes()


def test_hostile_text_never_reaches_the_page_as_markup(hostile_layers, tmp_path):  # noqa: F811
    path = render.save_map(geo.build_map(directory=hostile_layers), tmp_path / "h.html")
    page = path.read_text(encoding="utf-8")
    data = page[page.index('<script type="application/json"') :]
    data = data[data.index(">") + 1 : data.index("</script>")]
    assert "<" not in data  # no markup, no end of the script element: all '<' are escaped
    assert HOSTILE not in page
    assert "</script><script>alert(3)" not in page
    config = config_of(page)
    assert config["layers"][0]["title"] == f"Hostile {HOSTILE}"  # text, for textContent
    names = [n for s in config["layers"] for n in s["properties"]["values"][0]]
    assert f"Line {HOSTILE}" in names and HOSTILE in names


def test_user_layer_goes_to_the_other_group(hostile_layers):  # noqa: F811
    config = config_of(geo.build_map(directory=hostile_layers).get_root().render())
    groups = {spec["id"]: spec["group"] for spec in config["layers"]}
    assert groups["user/points"] == "Other layers (user-added)"
    assert groups["hostile"] == "Economic corridors"  # a corridor, though not a shipped one
    assert "Other layers (user-added)" in config["groups"]


def test_failed_build_leaves_the_previous_map(tmp_path, monkeypatch, shipped_layers):
    target = tmp_path / "map.html"
    target.write_text("previous map", encoding="utf-8")
    fmap = geo.build_map(shipped_layers)

    def broken_render(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(type(fmap.get_root()), "render", broken_render)
    with pytest.raises(RuntimeError):
        render.save_map(fmap, target)
    assert target.read_text(encoding="utf-8") == "previous map"
    assert [p.name for p in tmp_path.iterdir()] == ["map.html"]


def test_only_selects_layers(shipped_layers):
    fmap = geo.build_map(shipped_layers, only=["corridors/cpec"])
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
    geom = mapspec.decode_geometries(config_of(page)["layers"][0]["geometry"])[0]
    lons = [c[0] for c in geom.coords]
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
    assert config["layers"][0]["title"] == f"Layer {code}"
    assert column(config["layers"][0], "name") == [f"Port {code}"]
    assert column(config["layers"][0], "note") == [code]
    assert "Port 49" not in page and "Layer 49" not in page and " xxx " not in page


def test_page_title_is_escaped():
    fmap = geo.build_map([], title="</title><script>alert(1)</script>")
    page = fmap.get_root().render()
    assert "<title>&lt;/title&gt;&lt;script&gt;" in page


def test_line_separators_are_escaped_in_the_script():
    text = render.script_json({"name": "a\u2028b\u2029c"})
    assert "\u2028" not in text and "\u2029" not in text
    assert json.loads(text) == {"name": "a\u2028b\u2029c"}
