"""The map on a phone (390 x 844 CSS px, touch): the first view fits the data, popups lie
inside the screen and clear of every control, touch targets are at least 32 px, and a
pointer leaves no focus ring where the keyboard's stays visible."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser import browser_marks, open_page, overlap, page_point, settle

import geo
from geo import render

PHONE = {"width": 390, "height": 844, "phone": True}

pytestmark = browser_marks()

#: The boxes of the map's controls as drawn, as {left, top, right, bottom} in CSS px.
CONTROL_BOXES = """() => [...document.querySelectorAll('.leaflet-control')]
    .filter(c => getComputedStyle(c).visibility !== 'hidden')
    .map(c => c.getBoundingClientRect()).filter(r => r.width && r.height)
    .map(r => ({left: r.left, top: r.top, right: r.right, bottom: r.bottom}))"""


@pytest.fixture(scope="module")
def map_file(tmp_path_factory, shipped_layers) -> Path:
    return render.save_map(geo.build_map(shipped_layers), tmp_path_factory.mktemp("p") / "map.html")


@pytest.fixture
def phone(map_file, chromium):
    with open_page(map_file, chromium, **PHONE) as (page, log):
        yield page
        assert log["errors"] == [] and log["refused"] == []


def test_first_view_fits_the_data(phone):
    corners = phone.evaluate(
        """() => { const m = briState.map, b = briState.config.bounds;
             return [m.latLngToContainerPoint(b[0]), m.latLngToContainerPoint(b[1]),
                     m.getZoom()].map(p => p.x === undefined ? p : [p.x, p.y]); }"""
    )
    (x0, y0), (x1, y1), zoom = corners
    assert 0 <= x0 < x1 <= 390 and 0 <= y1 < y0 <= 844  # south-west, north-east inside
    assert x1 - x0 >= 0.9 * (390 - 20)  # the data spans the width, not a 200 px strip
    assert zoom > 1


@pytest.mark.parametrize("unfold", [None, ".bri-figures", ".bri-layers"])
def test_controls_do_not_overlap_each_other(phone, unfold):
    if unfold:  # one panel opened (the figures panel holds the chart)
        phone.locator(f"{unfold} .bri-collapse").click()
    boxes = phone.evaluate(CONTROL_BOXES)
    assert len(boxes) >= 5
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not overlap(a, b), (a, b)


@pytest.mark.parametrize(
    ("layer_id", "i"),
    [("corridors/cpec", 0), ("rail/routes", 0), ("maritime/ports", 0), ("maritime/sea_lanes", 3)],
)
def test_an_open_popup_is_on_screen_and_clear_of_every_control(phone, layer_id, i):
    phone.evaluate(f"void briState.openPopup({layer_id!r}, {i})")
    phone.locator(".leaflet-popup-content").wait_for(timeout=5000)
    settle(phone)
    popup = phone.evaluate(
        """() => { const r = document.querySelector('.leaflet-popup-content-wrapper')
             .getBoundingClientRect(); return {left: r.left, top: r.top, right: r.right,
             bottom: r.bottom}; }"""
    )
    assert popup["left"] >= 0 and popup["top"] >= 0
    assert popup["right"] <= 390 and popup["bottom"] <= 844
    for box in phone.evaluate(CONTROL_BOXES):
        assert not overlap(popup, box), (popup, box)
    content = phone.locator(".leaflet-popup-content")
    # a popup longer than it may be scrolls inside itself
    if phone.evaluate(
        """() => document.querySelector('.leaflet-popup-content').scrollHeight
             > briState.popup.options.maxHeight"""
    ):
        assert "leaflet-popup-scrolled" in (content.get_attribute("class") or "")


def test_a_tapped_port_opens_its_popup_on_screen(phone, shipped):
    ports = shipped["maritime/ports"]
    lng, lat = ports.geometries()[0].coords[0]
    phone.evaluate(f"void briState.map.setView([{lat}, {lng}], 9, {{animate: false}})")
    phone.wait_for_timeout(200)
    phone.touchscreen.tap(*page_point(phone, lng, lat))
    phone.locator(".leaflet-popup-content").wait_for(timeout=5000)
    settle(phone)
    # Gwadar is where CPEC and sea lanes end: the features there are listed to choose from
    choice = phone.locator('.bri-pick-item[data-layer="maritime/ports"][data-feature="0"]')
    if choice.count():
        assert phone.locator(".bri-pick-item").count() > 1
        choice.tap()
        settle(phone)
    assert ports.properties[0]["name"] in phone.locator(".leaflet-popup-content h4").inner_text()
    popup = phone.locator(".leaflet-popup-content-wrapper").bounding_box()
    assert popup["x"] >= 0 and popup["x"] + popup["width"] <= 390
    assert popup["y"] >= 0 and popup["y"] + popup["height"] <= 844


def test_touch_targets_are_at_least_32_px(phone):
    phone.locator(".bri-layers .bri-collapse").click()  # unfold the layer list and legend
    phone.locator(".bri-basemaps .bri-fold").click()  # and its folded base maps
    phone.evaluate("void briState.openPopup('maritime/ports', 0)")
    phone.locator(".leaflet-popup-content").wait_for(timeout=5000)
    small = phone.evaluate(
        """() => [...document.querySelectorAll(
              '.leaflet-control a[role=button], .leaflet-control-zoom a, .leaflet-control button,'
              + ' .leaflet-control input[type=search], .bri-row, .leaflet-popup-close-button')]
            .filter(e => e.offsetParent !== null)
            .map(e => [e.className || e.tagName, e.getBoundingClientRect()])
            .filter(([, r]) => r.width < 32 || r.height < 32)
            .map(([n, r]) => `${n}: ${r.width.toFixed(0)} x ${r.height.toFixed(0)}`)"""
    )
    assert small == []


def test_a_clicked_line_shows_no_focus_ring_but_the_keyboard_does(
    map_file, shipped_layers, shipped, chromium
):
    with open_page(map_file, chromium) as (page, log):
        cpec = shipped["corridors/cpec"]
        node = cpec.properties[0]["via"][len(cpec.properties[0]["via"]) // 2]
        for other in shipped_layers:
            if other.id != cpec.id:
                page.locator(f'.bri-layers input[data-layer="{other.id}"]').uncheck()
        page.evaluate(
            f"void briState.map.setView([{node['lat']}, {node['lon']}], 7, {{animate: false}})"
        )
        page.mouse.click(*page_point(page, node["lon"], node["lat"]))
        page.locator(".leaflet-popup-content").wait_for(timeout=5000)
        outline = """() => { const a = document.activeElement, s = getComputedStyle(a);
                       return [a.tagName, s.outlineStyle, s.outlineWidth]; }"""
        tag, style, _ = page.evaluate(outline)
        assert style == "none", f"a {tag} clicked with the mouse shows a focus ring"
        page.keyboard.press("Tab")
        tag, style, width = page.evaluate(outline)
        assert style != "none" and width != "0px", f"the keyboard's focus on a {tag} is hidden"
        assert log["errors"] == []
