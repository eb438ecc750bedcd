"""The map in a real browser: headless Chromium (Debian's package), offline.

Skipped, with the reason, where Chromium or playwright is missing; `.ci/run` installs both.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import numpy as np
import pytest
from browser import (
    chromium_missing_reason,
    clusters_made,
    drawn_clusters,
    open_page,
    page_point,
    settle,
)
from hostile import HOSTILE, make_hostile_layers
from pyproj import Geod

import geo
from geo import render

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = Path(__file__).resolve().parent / "_artifacts"

MISSING = chromium_missing_reason()
if MISSING and os.environ.get("BRI_REQUIRE_BROWSER"):  # CI: the browser tests must run
    raise RuntimeError(f"browser tests required (BRI_REQUIRE_BROWSER) but {MISSING}")
pytestmark = [pytest.mark.browser, pytest.mark.skipif(MISSING is not None, reason=MISSING or "")]


def line_features(layers) -> int:
    return sum(len(layer) for layer in layers if geo.CATEGORIES[layer.category].is_line)


def point_features(layers) -> int:
    return sum(len(layer) for layer in layers if layer.category in ("port", "rail-node"))


@pytest.fixture(scope="module")
def map_file(tmp_path_factory, shipped_layers) -> Path:
    path = tmp_path_factory.mktemp("browser") / "belt_and_road.html"
    return render.save_map(geo.build_map(shipped_layers), path)


@pytest.fixture
def page_log(map_file, chromium):
    with open_page(map_file, chromium) as (page, log):
        yield page, log


def drawn(page, kinds: tuple[str, ...]) -> int:
    """Features drawn now in the layers of these kinds (a cluster counts its members)."""
    return page.evaluate(
        """(kinds) => Object.values(briState.layers)
             .filter(l => kinds.includes(l.spec.kind))
             .reduce((n, l) => n + briState.drawn(l.spec.id), 0)""",
        list(kinds),
    )


def visible_paths(page) -> int:
    return drawn(page, ("line", "area", "mixed"))


def shown_markers(page) -> int:
    """Points drawn, counting each cluster as the points it stands for."""
    clusters = sum(c["count"] for c in drawn_clusters(page))
    singles = page.evaluate(
        """() => Object.values(briState.layers)
             .filter(l => l.spec.kind === 'point' && briState.map.hasLayer(l.layer))
             .reduce((n, l) => n + (l.cluster ? l.cluster.group.getLayers()
               .filter(m => briState.featureOf(m) !== undefined).length
               : l.paths.getLayers().length), 0)"""
    )
    assert drawn(page, ("point",)) == clusters + singles
    return clusters + singles


def test_overlays_in_the_layer_control_grouped(page_log, shipped_layers):
    page, log = page_log
    rows = page.locator(".bri-layers .bri-overlay")
    titles = rows.evaluate_all("rs => rs.map(r => r.title)")
    assert sorted(t.split(": ")[0] for t in titles) == sorted(
        layer.name.split(": ")[0] for layer in shipped_layers
    )
    names = page.locator(".bri-layers .bri-overlay .bri-overlay-name").all_text_contents()
    # the two rail layers share "China–Europe Railway Express: ": their rows say the rest
    assert {"Train services", "Terminals and border crossings"} <= set(names)
    assert "21st-Century Maritime Silk Road – ports" in names  # nothing shared in its group
    groups = page.locator(".bri-layers .bri-group .bri-group-title").all_text_contents()
    assert groups == [
        "Economic corridors",
        "China–Europe rail",
        "Ports",
        "Sea lanes",
        "Flagship projects",
        "Pipelines",
    ]
    assert page.locator(".bri-layers input[data-layer]:checked").count() == len(shipped_layers)
    assert page.locator(".bri-layers input[data-group]:checked").count() == len(groups)
    assert page.locator(".bri-layers input[type=radio]").count() >= 2
    assert log["errors"] == []
    assert not [m for m in log["console"] if m.startswith("error")]
    assert log["refused"] == []
    assert log["dialogs"] == []


def test_every_feature_is_drawn(page_log, shipped_layers):
    page, _ = page_log
    assert visible_paths(page) == line_features(shipped_layers)
    assert shown_markers(page) == point_features(shipped_layers)
    # clusters split into their markers when zoomed in far enough
    page.evaluate("void briState.map.setZoom(briState.map.getMaxZoom(), {animate: false})")
    assert page.evaluate(
        """Object.values(briState.layers).filter(l => l.cluster)
             .every(l => l.cluster.group.getLayers()
               .every(m => briState.featureOf(m) !== undefined))"""
    )  # no cluster left at the last zoom
    # the markers of clustered layers, and those of point layers too small to cluster
    state_markers = page.evaluate(
        """Object.values(briState.layers).filter(l => l.spec.kind === 'point')
             .reduce((n, l) => n + (l.cluster ? l.markers : l.paths.getLayers()).length, 0)"""
    )
    assert state_markers == point_features(shipped_layers)


def test_unticking_a_layer_removes_its_paths_and_half_ticks_its_group(
    page_log, shipped_layers, shipped
):
    page, _ = page_log
    lines = line_features(shipped_layers)
    points = point_features(shipped_layers)
    cpec = shipped["corridors/cpec"]
    box = page.locator('.bri-layers input[data-layer="corridors/cpec"]')
    group = page.locator('.bri-layers input[data-group="Economic corridors"]')
    box.uncheck()
    assert visible_paths(page) == lines - len(cpec)
    assert group.evaluate("b => [b.checked, b.indeterminate]") == [False, True]
    box.check()
    assert visible_paths(page) == lines
    assert group.evaluate("b => [b.checked, b.indeterminate]") == [True, False]
    ports = page.locator('.bri-layers input[data-layer="maritime/ports"]')
    ports.uncheck()
    assert shown_markers(page) == points - len(shipped["maritime/ports"])


def test_hovering_a_corridor_shows_its_length(page_log, shipped_layers, shipped):
    page, _ = page_log
    cpec = shipped["corridors/cpec"]
    km = geo.geodesic_length(cpec.frame).iloc[0]
    via = cpec.properties[0]["via"]
    node = via[len(via) // 2]
    for other in shipped_layers:  # nothing else on top of the line
        if other.id != cpec.id:
            page.locator(f'.bri-layers input[data-layer="{other.id}"]').uncheck()
    point = page.evaluate(
        f"""() => {{
          const m = briState.map;
          void m.setView([{node["lat"]}, {node["lon"]}], 6, {{animate: false}});
          const p = m.latLngToContainerPoint([{node["lat"]}, {node["lon"]}]);
          const r = m.getContainer().getBoundingClientRect();
          return [p.x + r.left, p.y + r.top];
        }}"""
    )
    page.mouse.move(point[0] + 1, point[1] + 1)
    tooltip = page.locator(".leaflet-tooltip")
    tooltip.wait_for(timeout=5000)
    text = tooltip.inner_text()
    assert cpec.properties[0]["name"] in text
    assert f"{km:,.0f} km" in text


def test_search_opens_the_feature(page_log):
    page, _ = page_log
    page.fill(".bri-search input", "Gwadar")
    page.keyboard.press("Enter")
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for(timeout=5000)
    assert "Gwadar" in popup.inner_text()
    page.fill(".bri-search input", "Atlantis")
    page.keyboard.press("Enter")
    assert "No feature named" in page.locator(".bri-search-status").inner_text()


def test_measure_tool_reports_km_and_nmi_on_the_ellipsoid(page_log):
    page, _ = page_log
    page.evaluate("void briState.map.setView([35, 60], 4, {animate: false})")
    page.locator(".bri-measure .bri-button").first.click()
    box = page.locator("#" + page.evaluate("briState.map.getContainer().id")).bounding_box()
    a = (box["x"] + 400, box["y"] + 300)
    b = (box["x"] + 900, box["y"] + 600)
    page.mouse.click(*a)
    page.mouse.click(*b)
    out = page.locator(".bri-measure-out").inner_text()
    assert "km" in out and "nmi" in out
    lat_lng = page.evaluate(
        f"""() => {{
          const m = briState.map, r = m.getContainer().getBoundingClientRect();
          const p = m.containerPointToLatLng([{a[0]} - r.left, {a[1]} - r.top]);
          const q = m.containerPointToLatLng([{b[0]} - r.left, {b[1]} - r.top]);
          return [p.lng, p.lat, q.lng, q.lat];
        }}"""
    )
    metres = Geod(ellps="WGS84").inv(*lat_lng)[2]
    shown_km = float(out.split(" km")[0].replace(",", ""))
    assert shown_km == pytest.approx(metres / 1000, abs=0.051)  # shown to 0.1 km


def test_screenshot(page_log):
    page, _ = page_log
    ARTIFACTS.mkdir(exist_ok=True)
    page.wait_for_timeout(2500)  # the base map's tiles are drawn a few ms a frame, after the layers
    path = ARTIFACTS / "map.png"
    page.screenshot(path=str(path))
    assert path.stat().st_size > 20_000


def test_hostile_layer_is_shown_as_text_and_runs_nothing(tmp_path, chromium):
    root = make_hostile_layers(tmp_path / "layers")
    path = render.save_map(geo.build_map(directory=root), tmp_path / "hostile.html")
    with open_page(path, chromium) as (page, log):
        names = page.locator(".bri-layers .bri-overlay .bri-overlay-name").all_text_contents()
        assert f"Hostile {HOSTILE}" in names
        assert f"Hostile {HOSTILE}" in page.locator(".bri-layers").text_content()
        groups = page.locator(".bri-layers .bri-group .bri-group-title").all_text_contents()
        assert "Other layers (user-added)" in groups
        page.fill(".bri-search input", HOSTILE)
        page.keyboard.press("Enter")
        popup = page.locator(".leaflet-popup-content")
        popup.wait_for(timeout=5000)
        assert HOSTILE in popup.inner_text()
        page.fill(".bri-search input", f"Line {HOSTILE}")
        page.keyboard.press("Enter")
        page.wait_for_timeout(200)
        text = page.locator(".leaflet-popup-content").inner_text()
        assert HOSTILE in text and "javascript:alert(2)" in text
        assert page.locator(".leaflet-popup-content a").count() == 0  # not a link
        assert page.evaluate("document.querySelectorAll('img[src=\"x\"]').length") == 0
        page.locator(".bri-figures .bri-collapse").click()
        assert HOSTILE in page.locator(".bri-figures-body").inner_text()
        page.locator(".bri-layers .bri-overlay").first.hover()
        page.evaluate("void briState.map.setView([10, 30.15], 5, {animate: false})")
        clusters = drawn_clusters(page)
        assert [c["count"] for c in clusters] == [30]
        page.mouse.move(*page_point(page, clusters[0]["lng"], clusters[0]["lat"]))
        page.locator(".leaflet-tooltip").wait_for(timeout=5000)
        assert HOSTILE in page.locator(".leaflet-tooltip").inner_text()
        page.wait_for_timeout(200)
        assert log["dialogs"] == []
        assert log["errors"] == []


def test_search_turns_on_a_layer_whose_id_has_quotes(tmp_path, chromium):
    from hostile import write_layer

    root = tmp_path / "layers"
    write_layer(root / 'odd"]id.geojson', {
        "type": "FeatureCollection", "name": "Odd", "category": "port",
        "features": [{"type": "Feature", "properties": {"name": "Odd port"},
                      "geometry": {"type": "Point", "coordinates": [10, 10]}}],
    })  # fmt: skip
    path = render.save_map(geo.build_map(directory=root), tmp_path / "odd.html")
    with open_page(path, chromium) as (page, log):
        page.locator(".bri-layers input[data-layer]").uncheck()
        page.fill(".bri-search input", "Odd port")
        page.keyboard.press("Enter")
        page.locator(".leaflet-popup-content").wait_for(timeout=5000)
        assert page.locator(".bri-layers input[data-layer]").is_checked()
        assert log["errors"] == []


def test_small_screen_starts_with_panels_folded(map_file, chromium):
    with open_page(map_file, chromium, width=420, height=800) as (page, log):
        body = page.locator(".bri-layers-body")
        assert body.is_hidden()
        assert page.locator(".bri-measure-out").is_hidden()
        assert page.locator(".bri-measure .bri-button").nth(1).is_hidden()  # clear: not yet
        page.locator(".bri-layers .bri-collapse").click()
        assert body.is_visible()
        assert page.locator(".bri-layers .bri-collapse").get_attribute("aria-expanded") == "true"
        assert log["errors"] == []


def test_figures_panel_lists_every_article_figure_with_its_year(page_log):
    page, _ = page_log
    panel = page.locator(".bri-figures-body")
    assert panel.is_hidden()
    page.locator(".bri-figures .bri-collapse").click()
    text = panel.inner_text()
    for figure in ("6,363 trips", "13.9 million tonnes", "20 billion USD", "30 billion USD",
                   "600 interconnected seaports", "50 cities", "15 countries"):  # fmt: skip
        assert figure in text
    assert "(2018, +73% on 2017)" in text
    assert "One belt, one way" in text  # the source


def test_popup_is_built_from_the_properties(page_log, shipped):
    page, log = page_log
    routes = shipped["rail/routes"]
    props = next(p for p in routes.properties if "published_length_km" in p)
    km = geo.geodesic_length(routes.frame[routes.frame["name"] == props["name"]]).iloc[0]
    page.fill(".bri-search input", props["name"])
    page.keyboard.press("Enter")
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for(timeout=5000)
    text = popup.inner_text()
    assert f"{km:,.0f} km" in text
    assert f"{props['published_length_km']:,.0f} km ({props['published_length_year']})" in text
    assert f"{km / props['published_length_km']:.0%}" in text
    assert "6,363" not in text  # the layer's figure: in the figures panel, not each popup
    links = popup.locator("a").evaluate_all("as => as.map(a => a.href)")
    assert all(h.startswith(("http://", "https://")) for h in links)
    assert log["errors"] == []


def test_http_sources_are_links_and_nothing_else_is(tmp_path, chromium):
    root = tmp_path / "layers"
    from hostile import write_layer

    write_layer(root / "p.geojson", {
        "type": "FeatureCollection", "name": "P", "category": "port",
        "features": [{"type": "Feature", "properties": {
            "name": "Linked", "source": "see https://example.org/a?b=1&c=2. and www.x.org",
            "note": "javascript:alert(1) data:text/html,x"},
            "geometry": {"type": "Point", "coordinates": [10, 10]}}],
    })  # fmt: skip
    path = render.save_map(geo.build_map(directory=root), tmp_path / "p.html")
    with open_page(path, chromium) as (page, log):
        page.fill(".bri-search input", "Linked")
        page.keyboard.press("Enter")
        popup = page.locator(".leaflet-popup-content")
        popup.wait_for(timeout=5000)
        links = popup.locator("a").evaluate_all("as => as.map(a => [a.href, a.textContent])")
        assert links == [["https://example.org/a?b=1&c=2", "https://example.org/a?b=1&c=2"]]
        assert "javascript:alert(1)" in popup.inner_text()
        assert log["errors"] == [] and log["dialogs"] == []


def test_sea_lane_tooltip_gives_km_and_nautical_miles(page_log, shipped_layers, shipped):
    page, _ = page_log
    lanes = shipped["maritime/sea_lanes"]
    km_of = dict(zip(lanes.frame["name"], geo.geodesic_length(lanes.frame), strict=True))
    for other in shipped_layers:
        if other.id != lanes.id:
            page.locator(f'.bri-layers input[data-layer="{other.id}"]').uncheck()
    near = page.evaluate(
        """() => {
          const m = briState.map, pos = briState.positions("maritime/sea_lanes", 0);
          const [x, y] = pos[Math.floor(pos.length / 2)];  // a drawn vertex: on the line
          m.setView([y, x], 7, {animate: false});
          const p = m.latLngToContainerPoint([y, x]);
          const r = m.getContainer().getBoundingClientRect();
          return [p.x + r.left, p.y + r.top];
        }"""
    )
    page.mouse.move(near[0], near[1])
    tooltip = page.locator(".leaflet-tooltip")
    tooltip.wait_for(timeout=5000)
    # the lane on top there: the first lane's own, or the Cape diversion drawn over it
    name, lengths = tooltip.inner_text().splitlines()[:2]
    km = km_of[name]
    assert lengths == f"{km:,.0f} km · {km * 1000 / 1852:,.0f} nmi"


def test_page_decodes_the_positions_python_encoded(page_log, shipped):
    from geo import mapspec

    page, _ = page_log
    for layer_id in ("maritime/ports", "corridors/cpec"):
        got = page.evaluate(
            f"""() => {{
              const e = briState.layers["{layer_id}"];
              return e.spec.properties.values[0].map((_, i) => briState.positions("{layer_id}", i));
            }}"""
        )
        spec = mapspec.layer_spec(shipped[layer_id])
        want = [g.coords[:] if g.geom_type != "MultiLineString" else
                [c for part in g.geoms for c in part.coords]
                for g in mapspec.decode_geometries(spec["geometry"])]  # fmt: skip
        assert [len(f) for f in got] == [len(w) for w in want]
        flat_got = [c for f in got for p in f for c in p]
        flat_want = [c for w in want for p in w for c in p]
        assert flat_got == pytest.approx(flat_want, abs=1e-9)


def test_polygons_and_lines_answer_the_pointer_on_the_canvas(tmp_path, chromium):
    from hostile import write_layer

    root = tmp_path / "layers"
    write_layer(root / "area.geojson", {
        "type": "FeatureCollection", "name": "Areas", "category": "other",
        "features": [
            {"type": "Feature", "properties": {"name": "Square"},
             "geometry": {"type": "Polygon", "coordinates": [
                 [[10, 10], [20, 10], [20, 20], [10, 20], [10, 10]],
                 [[14, 14], [16, 14], [16, 16], [14, 16], [14, 14]]]}},
            {"type": "Feature", "properties": {"name": "Road"},
             "geometry": {"type": "LineString", "coordinates": [[30, 15], [40, 15]]}}],
    })  # fmt: skip
    path = render.save_map(geo.build_map(directory=root), tmp_path / "a.html")
    square = geo.load_layer(root / "area.geojson").frame.geometry.iloc[0]
    with open_page(path, chromium) as (page, log):

        def screen(lon, lat):
            return page.evaluate(
                f"""() => {{ const m = briState.map, p = m.latLngToContainerPoint([{lat}, {lon}]);
                  const r = m.getContainer().getBoundingClientRect();
                  return [p.x + r.left, p.y + r.top]; }}"""
            )

        page.mouse.move(*screen(12, 12))  # inside the shell
        tip = page.locator(".leaflet-tooltip")
        tip.wait_for(timeout=5000)
        assert "Square" in tip.inner_text()
        assert f"{geo.geodesic_length(square):,.0f} km" in tip.inner_text()
        page.mouse.move(*screen(15, 15))  # in the hole: nothing
        page.locator(".leaflet-tooltip").wait_for(state="detached", timeout=2000)
        page.mouse.click(*screen(35, 15))  # on the road
        popup = page.locator(".leaflet-popup-content")
        popup.wait_for(timeout=5000)
        assert "Road" in popup.inner_text() and "Length (geodesic)" in popup.inner_text()
        settle(page)  # the popup pans the map to lie clear of the layer panel
        page.mouse.click(*screen(19, 18))  # the square's east side, still on screen
        page.wait_for_timeout(100)
        assert "Perimeter (geodesic)" in page.locator(".leaflet-popup-content").inner_text()
        assert log["errors"] == []


def test_an_assumed_crossing_says_so_in_the_popup(page_log, shipped):
    page, log = page_log
    routes = shipped["rail/routes"]
    i = list(routes.frame["name"]).index("Ürümqi–Duisburg")
    page.evaluate(f"void briState.openPopup('rail/routes', {i})")
    page.locator(".leaflet-popup-content details summary").click()  # the long list, folded
    text = page.locator(".leaflet-popup-content").inner_text()
    assert "Alashankou (crossing assumed) – Dostyk (crossing assumed)" in text
    assert "Jinghe (crossing assumed)" not in text  # only the unconfirmed crossings
    assert log["errors"] == []


def test_properties_named_like_object_members_are_rows_and_inject_none(tmp_path, chromium):
    from hostile import write_layer

    root = tmp_path / "layers"
    props = {"name": "Odd names", "constructor": "c1", "toString": "t1", "valueOf": "v1",
             "__proto__": {"operator": "Injected", "role": "Injected"}}  # fmt: skip
    write_layer(root / "odd.geojson", {
        "type": "FeatureCollection", "name": "Odd", "category": "port",
        "features": [{"type": "Feature", "properties": props,
                      "geometry": {"type": "Point", "coordinates": [10, 10]}}],
    })  # fmt: skip
    path = render.save_map(geo.build_map(directory=root), tmp_path / "odd.html")
    with open_page(path, chromium) as (page, log):
        page.evaluate("void briState.openPopup('odd', 0)")
        rows = page.locator(".leaflet-popup-content th").all_text_contents()
        assert rows == ["constructor", "toString", "valueOf"]
        assert "Injected" not in page.locator(".leaflet-popup-content").inner_text()
        assert log["errors"] == []


#: Two maps in one page: each its own container, spec and handle (BriCorridors.createMap).
TWO_MAPS = """<!DOCTYPE html><html><head><meta charset="utf-8">{head}
<style>.map {{ width: 1000px; height: 600px; }}</style></head>
<body><div id="a" class="map"></div><div id="b" class="map"></div>
<script type="application/json" id="spec-a">{spec_a}</script>
<script type="application/json" id="spec-b">{spec_b}</script>
<script>
window.maps = ["a", "b"].map((id) => BriCorridors.createMap(
  L.map(id, {{zoomSnap: 0.1, preferCanvas: true}}),
  JSON.parse(document.getElementById("spec-" + id).textContent)));
</script></body></html>"""


def test_two_maps_in_one_page_keep_to_themselves(tmp_path, shipped_layers, shipped, chromium):
    from geo import assets, mapspec

    head = "".join((
        assets.inline_style(assets.leaflet_css()), assets.inline_script(assets.leaflet_js()),
        assets.inline_script(assets.geodesic_js()),
        assets.inline_style((ROOT / "geo" / "static" / "bri_map.css").read_text()),
        assets.inline_script((ROOT / "geo" / "static" / "bri_map.js").read_text()),
    ))  # fmt: skip
    corridors = [layer for layer in shipped_layers if layer.category == "corridor"]
    ports = [shipped["maritime/ports"]]
    path = tmp_path / "two.html"
    path.write_text(TWO_MAPS.format(
        head=head, spec_a=render.script_json(mapspec.map_spec(corridors)),
        spec_b=render.script_json(mapspec.map_spec(ports)),
    ), encoding="utf-8")  # fmt: skip
    with open_page(path, chromium, wait=False, tiles=True) as (page, log):
        page.wait_for_function("window.maps && window.maps.length === 2", timeout=15000)
        drawn = page.evaluate(
            "maps.map(s => s.config.layers.map(l => s.drawn(l.id)).reduce((a, b) => a + b, 0))"
        )
        assert drawn == [len(corridors), len(ports[0])]
        a, b = page.locator("#a"), page.locator("#b")
        # each map's base map radio buttons are a group of their own
        b.locator(".bri-basemaps .bri-fold").click()  # the base maps: folded at first
        b.locator(".bri-layers input[type=radio]").nth(1).check()
        assert a.locator(".bri-layers input[type=radio]").nth(0).is_checked()
        assert page.evaluate("maps[0].map.hasLayer(maps[0].basemaps[0])")
        assert not page.evaluate("maps[1].map.hasLayer(maps[1].basemaps[0])")
        # each search box suggests its own map's names and finds its own features
        lists = page.evaluate(
            "[...document.querySelectorAll('.bri-search input')].map(i => i.list.id)"
        )
        assert len(set(lists)) == 2
        b.locator(".bri-layers input[data-layer]").uncheck()
        b.locator(".bri-search input").fill("Gwadar")
        b.locator(".bri-search input").press("Enter")
        b.locator(".leaflet-popup-content").wait_for(timeout=5000)
        assert b.locator(".bri-layers input[data-layer]").is_checked()
        assert a.locator(".leaflet-popup-content").count() == 0
        # a layer turned off in one map leaves the other's panel as it was
        a.locator(".bri-layers input[data-layer]").first.uncheck()
        assert a.locator(".bri-layers input[data-layer]:checked").count() == len(corridors) - 1
        assert b.locator(".bri-layers input[data-layer]:checked").count() == 1
        page.wait_for_timeout(1500)  # both base maps draw their own tiles
        tiles = page.evaluate(
            """maps.map(s => Object.values(s.basemaps[0]._tiles || {})
                 .filter(t => t.el._briDrawn).length)"""
        )
        assert tiles[0] > 0
        assert log["tiles"] and all("openstreetmap" in url for url in log["tiles"])  # b's choice
        assert log["errors"] == [] and log["refused"] == []


def test_clusters_are_made_for_the_view_and_count_every_point(tmp_path, chromium):
    """Zoomed in, a clustered layer makes its clusters and lone points only in and round
    the view (not over the whole layer); those in view hold every point there, a pan
    makes those it brings in, and the layer still counts all its points."""
    from hostile import write_layer

    rng = np.random.default_rng(26)
    lng, lat = rng.uniform(20, 130, 4000).round(5), rng.uniform(10, 60, 4000).round(5)
    write_layer(tmp_path / "layers" / "many.geojson", {
        "type": "FeatureCollection", "name": "Many", "category": "port",
        "features": [{"type": "Feature", "properties": {"name": f"p{i}"},
                      "geometry": {"type": "Point", "coordinates": [x, y]}}
                     for i, (x, y) in enumerate(zip(lng.tolist(), lat.tolist(), strict=True))],
    })  # fmt: skip
    path = render.save_map(geo.build_map(directory=tmp_path / "layers"), tmp_path / "m.html")
    count_in_view = """() => {
      const s = briState, map = s.map, l = s.layers['many'], size = map.getSize();
      const inView = (ll) => { const p = map.latLngToContainerPoint(ll);
        return p.x >= 0 && p.y >= 0 && p.x <= size.x && p.y <= size.y; };
      const cell = (ll) => { const p = map.project(ll); return [Math.floor(p.x / 36),
        Math.floor(p.y / 36)].join(); };
      const cells = new Set(l.markers.filter(m => inView(m.getLatLng())).map(m =>
        cell(m.getLatLng())));
      const want = l.markers.filter(m => cells.has(cell(m.getLatLng()))).length;
      let got = 0, far = 0;
      for (const m of l.cluster.group.getLayers()) {
        const p = map.latLngToContainerPoint(m.getLatLng());
        if (p.x < -200 || p.y < -200 || p.x > size.x + 200 || p.y > size.y + 200) far++;
        if (cells.has(cell(m.getLatLng()))) got += l.cluster.about(m)?.count ?? 1;
      }
      return {want, got, far, made: l.cluster.group.getLayers().length,
              drawn: s.drawn('many')};
    }"""
    with open_page(path, chromium) as (page, log):
        page.evaluate("void briState.map.setView([35, 75], 7, {animate: false})")
        clusters_made(page)
        at7 = page.evaluate(count_in_view)
        assert at7["want"] > 50 and at7["got"] == at7["want"]
        assert at7["far"] == 0 and at7["made"] < 1000  # over the whole layer: ~3,900
        assert at7["drawn"] == 4000
        page.evaluate("void briState.map.panBy([600, 300], {animate: false})")
        clusters_made(page)
        panned = page.evaluate(count_in_view)
        assert panned["want"] > 50 and panned["got"] == panned["want"] and panned["far"] == 0
        assert log["errors"] == []


def test_the_keyboard_reaches_the_clusters_in_view(map_file, chromium):
    """Clusters are drawn on the canvas; each in view also has a button Tab reaches: its
    tooltip opens on focus, and Enter zooms in on its points, as a click does."""
    with open_page(map_file, chromium) as (page, log):
        clusters_made(page)
        keys = page.locator(".bri-cluster-key")
        made = page.evaluate(
            """() => Object.values(briState.layers).filter(l => l.cluster).map(l => {
                 const c = l.cluster, size = briState.map.getSize();
                 return c.group.getLayers().filter(m => {
                   const p = briState.map.latLngToContainerPoint(m.getLatLng());
                   return c.about(m) && p.x >= 0 && p.y >= 0 && p.x <= size.x && p.y <= size.y;
                 }).length; }).reduce((a, b) => a + b, 0)"""
        )
        assert made > 0 and keys.count() == made
        label = keys.first.get_attribute("aria-label")
        assert re.fullmatch(r"\d+ \w+ here \(.+\): press Enter to zoom in", label), label
        keys.first.focus()
        page.locator(".leaflet-tooltip").wait_for(timeout=5000)
        assert label.split(" here")[0] in page.locator(".leaflet-tooltip").inner_text()
        before = page.evaluate("briState.map.getZoom()")
        page.keyboard.press("Enter")
        page.wait_for_function(f"briState.map.getZoom() > {before}", timeout=5000)
        assert log["errors"] == []
