"""The map reads at a glance (issue 20), in Chromium with every request refused: one panel
that leaves the map clear, statuses drawn apart and explained, hover and selection, a
list to choose from where features share a place, plain popups, clusters that do not read
as data."""

from __future__ import annotations

import io
import re
from pathlib import Path

import numpy as np
import pytest
import shapely
from browser import browser_marks, drawn_clusters, open_page, page_point, settle
from hostile import write_layer
from PIL import Image

import geo
from geo import render
from geo.format import STATUSES

ROOT = Path(__file__).resolve().parents[1]
DESKTOP = {"width": 1400, "height": 900}
#: A drawn vertex of the track the services through Alashankou and Dostyk share, between
#: the two, and the zoom that shows the two crossings apart (not clustered over it).
SHARED_TRACK = (82.558, 45.206)
SHARED_ZOOM = 10

pytestmark = browser_marks()


@pytest.fixture(scope="module")
def map_file(tmp_path_factory, shipped) -> Path:
    path = tmp_path_factory.mktemp("reading") / "map.html"
    return render.save_map(geo.build_map(list(shipped.values())), path)


@pytest.fixture
def page(map_file, chromium):
    with open_page(map_file, chromium, **DESKTOP) as (page, log):
        yield page
        assert log["errors"] == [] and log["refused"] == [] and log["dialogs"] == []


def pixels(page, x: float, y: float, half: int = 14) -> np.ndarray:
    """The page's RGB pixels in a square around (x, y)."""
    clip = {"x": x - half, "y": y - half, "width": 2 * half, "height": 2 * half}
    png = page.screenshot(clip=clip)
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)


def popup_box(page) -> dict:
    return page.evaluate(
        """() => { const r = document.querySelector('.leaflet-popup').getBoundingClientRect();
             return {left: r.left, top: r.top, right: r.right, bottom: r.bottom}; }"""
    )


# --------------------------------------------------------------------------- one panel


def test_the_panels_leave_85_percent_of_the_first_view_clear(page):
    page.wait_for_timeout(500)
    boxes = page.evaluate(
        """() => [...document.querySelectorAll('.leaflet-control')]
             .filter(c => getComputedStyle(c).visibility !== 'hidden')
             .map(c => c.getBoundingClientRect()).filter(r => r.width && r.height)
             .map(r => [r.left, r.top, r.right, r.bottom])"""
    )
    covered = np.zeros((DESKTOP["height"], DESKTOP["width"]), dtype=bool)
    for left, top, right, bottom in boxes:
        covered[
            max(int(top), 0) : int(np.ceil(bottom)), max(int(left), 0) : int(np.ceil(right))
        ] = True
    assert len(boxes) >= 7  # zoom, search, measure, full screen, panel, locator, figures...
    assert covered.mean() <= 0.15, f"the controls cover {covered.mean():.1%} of the first view"
    # the panel is open: every layer and the statuses, with no legend beside it
    assert page.locator(".bri-layers-body").is_visible()
    assert page.locator(".bri-legend").count() == 0


def test_each_layer_row_counts_in_words(page, shipped):
    counts = page.locator(".bri-layers .bri-overlay .bri-count").all_text_contents()
    assert len(counts) == len(shipped)
    assert all(re.fullmatch(r"[\d,]+ [a-z]+", c) for c in counts), counts
    rows = dict(zip(page.locator(".bri-overlay input").evaluate_all(
        "bs => bs.map(b => b.dataset.layer)"), counts, strict=True))  # fmt: skip
    assert rows["rail/routes"] == "31 services"
    assert (
        rows["corridors/cpec"]
        == f"{geo.geodesic_length(shipped['corridors/cpec'].frame).sum():,.0f} km"
    )


def test_a_group_folds_and_ticks_on_and_off_together(page):
    group = page.locator(".bri-group", has=page.locator('input[data-group="China–Europe rail"]'))
    group.locator("input[data-group]").uncheck()
    assert page.evaluate("briState.drawn('rail/routes') + briState.drawn('rail/terminals')") == 0
    assert group.locator("input[data-layer]:checked").count() == 0
    group.locator("input[data-group]").check()
    assert page.evaluate("briState.drawn('rail/routes')") == 31
    group.locator(".bri-fold").click()
    assert group.locator(".bri-section-body").is_hidden()
    group.locator(".bri-fold").click()
    assert group.locator(".bri-section-body").is_visible()


def test_clusters_are_stacks_of_symbols_not_numbers_in_discs(page):
    clusters = drawn_clusters(page)
    assert clusters
    counts = [c["count"] for c in clusters]
    sizes = [c["size"] for c in clusters]
    assert min(counts) >= 2 and all(s >= 18 for s in sizes)
    assert sizes[counts.index(max(counts))] >= sizes[counts.index(min(counts))]
    # drawn on the layers' canvas (no element each, so no number in one), in the layer's
    # colour with white edges
    assert page.locator(".leaflet-marker-pane > *").count() == 0
    page.wait_for_timeout(300)  # the canvas is drawn in the next frame
    c = max(clusters, key=lambda c: c["size"])
    box = pixels(page, *page_point(page, c["lng"], c["lat"]), half=c["size"] // 2)
    colour = np.array([int(c["colour"][k : k + 2], 16) for k in (1, 3, 5)])
    assert (np.abs(box - colour).max(axis=2) <= 24).sum() >= 20  # three symbols' fills
    assert (box.min(axis=2) >= 245).sum() >= 10  # their white edges


# --------------------------------------------------------------------------- status


def one_service(tmp_path: Path, status: str, shipped) -> Path:
    """A map of one train service in a status."""
    route = shipped["rail/routes"]
    coords = [list(c) for c in shapely.get_coordinates(route.geometries()[0]).tolist()]
    root = tmp_path / status
    write_layer(root / "service.geojson", {
        "type": "FeatureCollection", "name": "Trains", "category": "rail-route",
        "features": [{"type": "Feature",
                      "properties": {"name": "Chongqing–Duisburg", "status": status},
                      "geometry": {"type": "LineString", "coordinates": coords}}],
    })  # fmt: skip
    return render.save_map(geo.build_map(directory=root), tmp_path / f"{status}.html")


def line_pixels(path: Path, shipped, chromium) -> tuple[np.ndarray, list[str]]:
    """The pixels around the middle of the service, and the panel's status rows."""
    route = shipped["rail/routes"].geometries()[0]
    lng, lat = shapely.get_coordinates(route)[len(shapely.get_coordinates(route)) // 2]
    with open_page(path, chromium, **DESKTOP) as (page, log):
        page.wait_for_timeout(2500)  # the base map's tiles are drawn after the layers
        x, y = page_point(page, lng, lat)
        rows = page.locator(".bri-status-row").all_inner_texts()
        assert log["errors"] == []
        return pixels(page, x, y), rows


def test_a_service_of_unknown_status_is_drawn_apart_and_explained(tmp_path, shipped, chromium):
    active, rows_active = line_pixels(one_service(tmp_path, "active", shipped), shipped, chromium)
    unknown, rows_unknown = line_pixels(
        one_service(tmp_path, "unknown", shipped), shipped, chromium
    )
    differ = (np.abs(active - unknown).sum(axis=2) > 30).sum()
    assert differ >= 20, f"only {differ} pixels differ"
    assert [r.split("\n")[0] for r in rows_active] == ["Operating"]
    assert len(rows_unknown) == 1
    assert "Not known" in rows_unknown[0] and "1 service" in rows_unknown[0]


def test_the_legend_explains_every_status_and_filters_by_it(page, shipped):
    rows = page.locator(".bri-status-row")
    labels = page.locator(".bri-status-row .bri-status-name").all_text_contents()
    assert labels == ["Operating", "Under construction", "Suspended", "Historic or closed",
                      "Not known"]  # fmt: skip
    unknown = page.locator('.bri-status-row input[data-status="unknown"]')
    statuses = [p["status"] for p in shipped["rail/routes"].properties]
    assert f"{statuses.count('unknown')} services" in rows.nth(4).inner_text()
    assert STATUSES["unknown"].note in rows.nth(4).get_attribute("title")
    unknown.uncheck()
    assert page.evaluate("briState.drawn('rail/routes')") == 31 - statuses.count("unknown")
    assert all(h["id"] != "rail/routes" or shipped["rail/routes"].properties[h["i"]]["status"]
               != "unknown" for h in page.evaluate(
                   f"briState.featuresAt({SHARED_TRACK[0]}, {SHARED_TRACK[1]})"))  # fmt: skip
    unknown.check()
    assert page.evaluate("briState.drawn('rail/routes')") == 31


# --------------------------------------------------------------------------- hover, select


def test_hovering_a_corridor_changes_its_look(page, shipped):
    cpec = shipped["corridors/cpec"]
    via = cpec.properties[0]["via"]
    node, far = via[len(via) // 2], via[-1]  # the pointer on one place, the look at another
    page.evaluate(
        f"void briState.map.setView([{node['lat']}, {node['lon']}], 5, {{animate: false}})"
    )
    page.wait_for_timeout(2500)
    fx, fy = page_point(page, far["lon"], far["lat"])
    before = pixels(page, fx, fy, 10)
    page.mouse.move(*page_point(page, node["lon"], node["lat"]))
    page.locator(".leaflet-tooltip").wait_for(timeout=5000)
    during = pixels(page, fx, fy, 10)
    assert (np.abs(before - during).sum(axis=2) > 30).sum() >= 10
    page.mouse.move(5, 450)  # away: drawn as before
    page.wait_for_timeout(200)
    assert (np.abs(before - pixels(page, fx, fy, 10)).sum(axis=2) > 30).sum() == 0


def expected_on_shared_track(shipped, km: float = 1.0) -> set[int]:
    """The services whose line passes within ``km`` of the shared track's vertex."""
    point = shapely.Point(SHARED_TRACK)
    routes = shipped["rail/routes"]
    near = [geo.geodesic_length(shapely.shortest_line(g, point)) for g in routes.geometries()]
    return {i for i, d in enumerate(near) if d <= km}


def test_a_click_on_the_shared_track_lists_every_service_there(page, shipped):
    lng, lat = SHARED_TRACK
    page.evaluate(f"void briState.map.setView([{lat}, {lng}], {SHARED_ZOOM}, {{animate: false}})")
    x, y = page_point(page, lng, lat)
    assert page.evaluate(f"document.elementFromPoint({x}, {y}).tagName") == "CANVAS"
    page.mouse.click(x, y)
    settle(page)
    items = page.locator(".bri-pick-item")
    listed = items.evaluate_all("bs => bs.map(b => [b.dataset.layer, Number(b.dataset.feature)])")
    services = {i for layer_id, i in listed if layer_id == "rail/routes"}
    expected = expected_on_shared_track(shipped)
    assert services == expected and len(expected) == 16
    names = page.locator(".leaflet-popup-content").inner_text()
    for i in expected:
        assert shipped["rail/routes"].properties[i]["name"] in names
    # the others listed lie there too (the Land Bridge corridor, an oil pipeline)
    point = shapely.Point(SHARED_TRACK)
    for layer_id, i in listed:
        line = shapely.shortest_line(shipped[layer_id].geometries()[i], point)
        assert geo.geodesic_length(line) < 5.0, (layer_id, i)
    title = page.locator(".leaflet-popup-content h4").inner_text()
    noun = "services" if {x for x, _ in listed} == {"rail/routes"} else "features"
    assert title == f"{len(listed)} {noun} here: choose one"


def test_choosing_from_the_list_selects_and_highlights_and_leads_back(page, shipped):
    lng, lat = SHARED_TRACK
    page.evaluate(f"void briState.map.setView([{lat}, {lng}], {SHARED_ZOOM}, {{animate: false}})")
    page.mouse.click(*page_point(page, lng, lat))
    settle(page)
    chongqing = next(i for i, p in enumerate(shipped["rail/routes"].properties)
                     if p["name"].startswith("Chongqing–Duisburg"))  # fmt: skip
    page.locator(f'.bri-pick-item[data-layer="rail/routes"][data-feature="{chongqing}"]').click()
    settle(page)
    assert page.evaluate("briState.selection()") == {"id": "rail/routes", "i": chongqing}
    assert page.locator(".leaflet-popup-content h4").inner_text() == "Chongqing–Duisburg (Yuxinou)"
    assert page.evaluate("briState.selected.halo.length") == 1
    page.locator(".bri-back").click()
    assert "here: choose one" in page.locator(".leaflet-popup-content h4").inner_text()
    assert page.evaluate("briState.selection()") is None


def test_the_popup_leaves_the_selected_corridor_in_sight(page, shipped):
    cpec = shipped["corridors/cpec"]
    via = cpec.properties[0]["via"]
    node = via[len(via) // 2]
    page.mouse.click(*page_point(page, node["lon"], node["lat"]))
    settle(page)
    assert page.evaluate("briState.selection()") == {"id": "corridors/cpec", "i": 0}
    box = popup_box(page)
    points = [page_point(page, x, y) for x, y in shapely.get_coordinates(cpec.geometries()[0])]
    covered = [box["left"] <= x <= box["right"] and box["top"] <= y <= box["bottom"]
               for x, y in points]  # fmt: skip
    assert sum(covered) / len(covered) < 0.5, f"the popup covers {sum(covered)} of {len(covered)}"


def test_a_point_s_popup_stands_clear_of_its_symbol(page, shipped):
    page.evaluate("void briState.select('maritime/ports', 0)")
    settle(page)
    lng, lat = shipped["maritime/ports"].geometries()[0].coords[0]
    x, y = page_point(page, lng, lat)
    box = popup_box(page)
    assert box["bottom"] <= y - 5 and box["left"] <= x <= box["right"]


def test_the_map_handle_selects_by_layer_and_index(page):
    page.evaluate("""() => { window.seen = [];
        briState.map.on('bri:select', e => window.seen.push(e.selection)); }""")
    assert page.evaluate("briState.select('rail/routes', 3)") is True
    assert page.evaluate("briState.selection()") == {"id": "rail/routes", "i": 3}
    assert page.evaluate("briState.select('rail/routes', 999)") is False
    assert page.evaluate("briState.selection()") is None
    page.evaluate("void briState.select('corridors/cpec', 0)")
    page.evaluate("void briState.map.closePopup()")  # closing the popup ends the selection
    assert page.evaluate("briState.selection()") is None
    assert page.evaluate("window.seen") == [
        {"id": "rail/routes", "i": 3}, None, {"id": "corridors/cpec", "i": 0}, None,
    ]  # fmt: skip


# --------------------------------------------------------------------------- plain popups


def popup_of(page, layer_id: str, i: int) -> str:
    page.evaluate(f"void briState.select({layer_id!r}, {i})")
    page.locator(".leaflet-popup-content").wait_for(timeout=5000)
    return page.locator(".leaflet-popup-content").inner_text()


def test_cpec_s_popup_names_pakistan_and_links_its_sources(page, shipped):
    text = popup_of(page, "corridors/cpec", 0)
    assert "Countries\tChina – Pakistan" in text
    assert "CHN" not in text and "PAK" not in text.replace("Pakistan", "")
    hrefs = page.locator(".leaflet-popup-content a").evaluate_all("as => as.map(a => a.href)")
    props = shipped["corridors/cpec"].properties[0]
    texts = " ".join(v for v in props.values() if isinstance(v, str))  # source, start_year_source
    assert hrefs and all(h in texts for h in hrefs)
    assert "keywords.china.org.cn" in " ".join(hrefs)
    assert "usa.chinadaily.com.cn" in " ".join(hrefs)  # the launch year's source
    # the title is not repeated under it
    assert page.locator(".leaflet-popup-content .bri-kind").inner_text() == "Economic corridor"


def test_gwadar_s_popup_carries_no_layer_wide_figure(page, shipped):
    ports = shipped["maritime/ports"]
    gwadar = [p["name"] for p in ports.properties].index("Gwadar")
    text = popup_of(page, "maritime/ports", gwadar)
    assert "Gwadar" in text and "Pakistan" in text
    for figure in ports.figures:
        assert figure["label"] not in text
    assert "600" not in text


def test_identifiers_are_not_quantities_and_long_lists_fold(page, shipped):
    terminals = shipped["rail/terminals"]
    i = next(k for k, p in enumerate(terminals.properties) if p.get("geonameid", 0) > 9999)
    geonameid = terminals.properties[i]["geonameid"]
    text = popup_of(page, "rail/terminals", i)
    assert str(geonameid) in text and f"{geonameid:,}" not in text
    popup_of(page, "rail/routes", 0)
    fold = page.locator(".leaflet-popup-content details")
    assert fold.count() == 1 and not fold.evaluate("d => d.open")
    assert "(56 places)" in fold.locator("summary").inner_text()
