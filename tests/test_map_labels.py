"""The map's title block, labels and print stylesheet in headless Chromium, offline.

Labels are checked as drawn: each label's box (a country's or a place's text box, each
glyph of a name written along a line), and never two overlapping, none on a control,
none past the map's edge. The text is read back from screenshots by OCR (tesseract, where
installed): the country names at the first view and the places at zoom 5 over Central
Asia. Print is checked with print media emulated and with Chromium's own PDF.
"""

from __future__ import annotations

import itertools
import math
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from browser import browser_marks, open_page
from hostile import HOSTILE

import geo
from geo import basemap, mapspec, render

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = Path(__file__).resolve().parent / "_artifacts"
PHONE = {"width": 390, "height": 844, "phone": True}
TESSERACT = shutil.which("tesseract")

pytestmark = browser_marks()


def needs_ocr():
    """Skip where tesseract is missing (with the reason), except in CI, which installs it."""
    if TESSERACT:
        return
    if os.environ.get("BRI_REQUIRE_BROWSER"):
        raise RuntimeError("OCR tests required (BRI_REQUIRE_BROWSER) but tesseract is missing")
    pytest.skip("no tesseract (apt-get install -y tesseract-ocr)")


@pytest.fixture(scope="module")
def map_file(tmp_path_factory, shipped_layers) -> Path:
    return render.save_map(
        geo.build_map(shipped_layers), tmp_path_factory.mktemp("labels") / "map.html"
    )


@pytest.fixture
def desktop(map_file, chromium):
    with open_page(map_file, chromium) as (page, log):
        labelled(page)
        yield page
        assert log["errors"] == [] and log["refused"] == [] and log["dialogs"] == []


@pytest.fixture
def phone(map_file, chromium):
    with open_page(map_file, chromium, **PHONE) as (page, log):
        labelled(page)
        yield page
        assert log["errors"] == [] and log["refused"] == []


def labelled(page) -> None:
    """Wait until the labels of the view now are placed (they are, a frame after a move)."""
    page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    page.wait_for_function("briState.labels && briState.timings.labels_ms !== undefined")
    page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def view(page, lat: float, lng: float, zoom: float) -> None:
    page.evaluate(
        "([lat, lng, z]) => { briState.map.setView([lat, lng], z, {animate: false}); }",
        [lat, lng, zoom],
    )
    labelled(page)


#: Each drawn label as {text, kind, quads}: a quad per text box (a div label) or per glyph
#: (a label along a line: its cell, half a line height either side of the path it sits
#: on), four [x, y] corners in page px.
DRAWN_LABELS = """() => {
  const out = [];
  for (const node of document.querySelectorAll('.leaflet-bri-labels-pane > .bri-label')) {
    const kind = node.getAttribute('class').split(' ').pop();
    if (!(node instanceof SVGSVGElement)) {
      const r = node.getBoundingClientRect();
      out.push({text: node.textContent, kind, quads: [[[r.left, r.top], [r.right, r.top],
        [r.right, r.bottom], [r.left, r.bottom]]]});
      continue;
    }
    const t = node.querySelector('text'), m = t.getScreenCTM();
    const half = parseFloat(getComputedStyle(t).fontSize) * 1.25 / 2;
    const at = (x, y) => [m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f];
    const quads = [];
    for (let i = 0; i < t.getNumberOfChars(); i++) {
      const p = t.getStartPositionOfChar(i), q = t.getEndPositionOfChar(i);
      const a = t.getRotationOfChar(i) * Math.PI / 180;
      const nx = -Math.sin(a) * half, ny = Math.cos(a) * half;
      quads.push([at(p.x - nx, p.y - ny), at(q.x - nx, q.y - ny), at(q.x + nx, q.y + ny),
                  at(p.x + nx, p.y + ny)]);
    }
    out.push({text: node.textContent, kind, quads});
  }
  return out;
}"""

MAP_BOX = "briState.map.getContainer().getBoundingClientRect().toJSON()"

CONTROL_BOXES = """() => [...briState.map.getContainer()
    .querySelectorAll(':scope > .leaflet-control-container .leaflet-control')]
    .filter(c => getComputedStyle(c).visibility !== 'hidden')
    .map(c => c.getBoundingClientRect()).filter(r => r.width && r.height)
    .map(r => [[r.left, r.top], [r.right, r.top], [r.right, r.bottom], [r.left, r.bottom]])"""


def _axes(quad):
    for (x0, y0), (x1, y1) in zip(quad, quad[1:] + quad[:1], strict=True):
        length = math.hypot(x1 - x0, y1 - y0)
        if length > 1e-9:
            yield (y0 - y1) / length, (x1 - x0) / length


def quads_overlap(a, b) -> bool:
    """Whether two convex quads overlap by more than 0.01 px (the separating axis test)."""
    for ax, ay in itertools.chain(_axes(a), _axes(b)):
        pa = [x * ax + y * ay for x, y in a]
        pb = [x * ax + y * ay for x, y in b]
        if max(pa) <= min(pb) + 0.01 or max(pb) <= min(pa) + 0.01:
            return False
    return True


def test_the_overlap_check_tells_turned_boxes_apart():
    square = [[0, 0], [10, 0], [10, 10], [0, 10]]
    assert quads_overlap(square, [[9, 9], [20, 9], [20, 20], [9, 20]])
    assert not quads_overlap(square, [[10, 0], [20, 0], [20, 10], [10, 10]])  # touching
    diamond = [[15, 5], [20, 10], [15, 15], [10, 10]]  # its box reaches the square's edge
    assert not quads_overlap(square, [[x + 0.5, y + 0.5] for x, y in diamond])
    assert quads_overlap(square, [[x - 1, y] for x, y in diamond])


def check_labels(page) -> list[dict]:
    """The labels drawn, after checking that no two overlap, none covers a control and
    none reaches past the map's edge."""
    drawn = page.evaluate(DRAWN_LABELS)
    controls = page.evaluate(CONTROL_BOXES)
    r = page.evaluate(MAP_BOX)
    box = [r["left"], r["top"], r["right"], r["bottom"]]
    for label in drawn:
        for quad in label["quads"]:
            assert all(box[0] <= x <= box[2] and box[1] <= y <= box[3] for x, y in quad), label[
                "text"
            ]
            for control in controls:
                assert not quads_overlap(quad, control), (label["text"], control)
    for a, b in itertools.combinations(drawn, 2):
        for qa, qb in itertools.product(a["quads"], b["quads"]):
            assert not quads_overlap(qa, qb), (a["text"], b["text"])
    return drawn


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    page.wait_for_timeout(600)  # the base map's tiles are drawn between frames
    path = ARTIFACTS / name
    page.screenshot(path=str(path))
    return path


def ocr_words(page, name: str) -> str:
    """The text tesseract reads on the map, with the controls hidden (the labels keep
    clear of them, so they stay where they are), as one line."""
    page.evaluate(
        "document.querySelector('.leaflet-control-container').style.visibility = 'hidden'"
    )
    try:
        png = screenshot(page, name)
    finally:
        page.evaluate("document.querySelector('.leaflet-control-container').style.visibility = ''")
    from PIL import Image

    big = png.with_suffix(".x2.png")
    image = Image.open(png).convert("L")
    image.resize((image.width * 2, image.height * 2)).save(big)  # tesseract reads 11 px text badly
    out = subprocess.run(
        [TESSERACT, str(big), "-", "--psm", "11"], capture_output=True, text=True, check=True
    )
    return " ".join(out.stdout.split())


def words_found(text: str, names: list[str], *, ignore_case: bool) -> list[str]:
    flags = re.IGNORECASE if ignore_case else 0
    return sorted({n for n in names if re.search(rf"(?<!\w){re.escape(n)}(?!\w)", text, flags)})


# --------------------------------------------------------------------------- labels


def test_the_first_view_names_countries_places_and_corridors_without_overlaps(desktop):
    drawn = check_labels(desktop)
    kinds = {
        k: [d["text"] for d in drawn if d["kind"] == f"bri-label-{k}"]
        for k in ("country", "place", "line")
    }
    assert len(kinds["country"]) >= 10, kinds
    assert {"China", "Russia", "Kazakhstan", "India"} <= set(kinds["country"])
    assert {"Moscow", "Singapore"} <= set(kinds["place"])
    assert "CPEC" in kinds["line"]
    screenshot(desktop, "labels-desktop.png")


def test_ocr_reads_ten_country_names_on_the_first_view(desktop):
    needs_ocr()
    text = ocr_words(desktop, "ocr-first-view.png")
    names = sorted(set(basemap.countries()["name"]))
    found = [n for n in names if re.search(rf"(?<!\w){re.escape(n.upper())}(?!\w)", text)]
    assert len(found) >= 10, (found, text)


def test_zoom_5_over_central_asia_names_four_places_and_ocr_reads_them(desktop, shipped_layers):
    view(desktop, 44.0, 68.0, 5)
    drawn = check_labels(desktop)
    places = [d["text"] for d in drawn if d["kind"] == "bri-label-place"]
    assert len(places) >= 4, places
    assert any(d["kind"] == "bri-label-line" for d in drawn)  # a corridor named along it
    needs_ocr()
    text = ocr_words(desktop, "ocr-central-asia-z5.png")
    # a place's name before any bracket ("Khorgos (Horgos, China)": "Khorgos")
    names = [
        re.sub(r"\s*\(.*", "", p)
        for layer in shipped_layers
        if layer.category in ("port", "rail-node")
        for p in layer.frame["name"]
    ]
    found = words_found(text, names, ignore_case=True)
    assert len(found) >= 4, (found, text)


@pytest.mark.parametrize(
    ("lat", "lng", "zoom"), [(50, 15, 5), (30, 110, 4.5), (10, 60, 3), (25, 90, 6)]
)
def test_labels_never_overlap_at_other_views(desktop, lat, lng, zoom):
    view(desktop, lat, lng, zoom)
    assert check_labels(desktop)


def test_the_phone_shows_fewer_labels_none_overlapping(map_file, chromium):
    with open_page(map_file, chromium) as (page, _):
        labelled(page)
        on_desktop = len(check_labels(page))
    with open_page(map_file, chromium, **PHONE) as (page, log):
        labelled(page)
        drawn = check_labels(page)
        assert 0 < len(drawn) < on_desktop
        screenshot(page, "labels-phone.png")
        assert log["errors"] == []


def test_a_layer_turned_off_takes_its_labels_and_a_tile_base_map_the_countries(map_file, chromium):
    with open_page(map_file, chromium, tiles=True) as (page, log):
        labelled(page)
        texts = lambda: [d["text"] for d in page.evaluate(DRAWN_LABELS)]  # noqa: E731
        assert "Moscow" in texts() and "China" in texts()
        page.evaluate("void briState.map.removeLayer(briState.layers['rail/terminals'].layer)")
        labelled(page)
        assert "Moscow" not in texts() and "China" in texts()
        page.evaluate("briState.setBasemap(1)")  # OpenStreetMap: its tiles name the countries
        labelled(page)
        assert "China" not in texts() and "CPEC" in texts()
        page.evaluate("briState.setBasemap(0)")
        labelled(page)
        assert "China" in texts()
        assert log["errors"] == []


def test_labels_stay_off_an_opened_panel(desktop):
    desktop.locator(".bri-about-toggle").click()
    labelled(desktop)
    check_labels(desktop)


# --------------------------------------------------------------------------- title block


def test_the_title_block_names_the_belt_and_road_and_opens_the_about_panel(desktop, shipped_layers):
    assert "Belt and Road" in desktop.title()
    assert desktop.locator(".bri-title h1").text_content() == mapspec.DEFAULT_TITLE
    assert desktop.locator(".bri-subtitle").text_content() == mapspec.DEFAULT_SUBTITLE
    toggle = desktop.locator(".bri-about-toggle")
    assert (
        toggle.get_attribute("aria-expanded") == "false"
        and desktop.locator(".bri-about").is_hidden()
    )
    toggle.click()
    about = desktop.locator(".bri-about")
    assert about.is_visible() and toggle.get_attribute("aria-expanded") == "true"
    headings = about.locator("h3").all_text_contents()
    assert headings == ["What it shows", "How lengths are measured", "Sources"]
    text = about.text_content()
    assert "WGS84 ellipsoid" in text and "Natural Earth" in text
    sources = about.locator(".bri-about-sources li").all_text_contents()
    assert len(sources) == len({layer.source for layer in shipped_layers})  # shared sources once
    assert any(s.startswith("Bangladesh–China–India–Myanmar") and "CPEC" in s for s in sources)
    links = about.locator("a").evaluate_all("as => as.map(a => a.href)")
    assert all(h.startswith(("http://", "https://")) for h in links)


def test_the_title_block_is_text_and_can_be_left_out(tmp_path, chromium, shipped_layers):
    path = render.save_map(
        geo.build_map(shipped_layers[:1], title=HOSTILE, subtitle=""), tmp_path / "odd.html"
    )
    with open_page(path, chromium) as (page, log):
        assert page.locator(".bri-title h1").text_content() == HOSTILE
        assert page.locator(".bri-subtitle").count() == 0
        assert page.title() == HOSTILE
        assert log["dialogs"] == [] and log["errors"] == []
    path = render.save_map(
        geo.build_map(shipped_layers[:1], title="", subtitle=""), tmp_path / "none.html"
    )
    with open_page(path, chromium) as (page, log):
        assert page.locator(".bri-title").count() == 0
        assert log["errors"] == []


def test_the_phone_title_block_keeps_clear_of_the_other_controls(phone):
    boxes = phone.evaluate(CONTROL_BOXES)
    title = phone.locator(".bri-title").bounding_box()
    assert title["width"] <= 390 - 130  # the layer button keeps its place
    phone.locator(".bri-about-toggle").click()
    boxes = phone.evaluate(CONTROL_BOXES)
    for a, b in itertools.combinations(boxes, 2):
        assert not quads_overlap(a, b)
    toggle = phone.locator(".bri-about-toggle").bounding_box()
    assert toggle["height"] >= 32  # a touch target


# --------------------------------------------------------------------------- print

TOOLS = [
    ".leaflet-control-zoom",
    ".bri-search",
    ".bri-measure",
    ".bri-figures",
    ".bri-minimap",
]
KEPT = [".bri-title", ".bri-layers", ".leaflet-control-attribution", ".leaflet-control-scale"]


def _display(page, selector: str) -> str:
    return page.locator(selector).first.evaluate("n => getComputedStyle(n).display")


@pytest.mark.parametrize("size", [{}, PHONE], ids=["desktop", "phone"])
def test_print_hides_the_tools_and_shows_title_legend_and_attribution(
    map_file, size, chromium, shipped_layers
):
    with open_page(map_file, chromium, **size) as (page, log):
        labelled(page)
        page.emulate_media(media="print")
        labelled(page)
        for selector in TOOLS:
            assert _display(page, selector) == "none", selector
        assert page.evaluate(
            "[...document.querySelectorAll('.bri-button')].every(n => !n.offsetParent)"
        )
        for selector in KEPT:
            assert _display(page, selector) != "none", selector
            assert page.locator(selector).first.is_visible(), selector
        # the panel unfolded as the legend (a phone folds it on the screen): every layer
        # shown and every status drawn, without tick boxes or the base maps
        rows = page.locator(".bri-layers .bri-overlay:visible")
        assert rows.count() == len(shipped_layers)
        assert page.locator(".bri-layers .bri-status-row:visible").count() >= 4
        assert page.locator(".bri-layers input:visible").count() == 0
        assert page.locator(".bri-basemaps").is_hidden()
        assert _display(page, ".bri-about-toggle") == "none"
        # the map as drawn on the screen, zoomed to fit the page (a pixel short of it)
        r = page.evaluate(MAP_BOX)
        width, height = r["width"], r["height"]
        assert width <= 1062 and height <= 733 and max(width / 1061, height / 732) > 0.99
        check_labels(page)
        screenshot(page, f"print-media-{'phone' if size else 'desktop'}.png")
        if not size:  # a layer turned off on the screen is left out of the printed legend
            page.emulate_media(media="screen")
            page.locator('.bri-layers input[data-layer="corridors/cpec"]').uncheck()
            page.emulate_media(media="print")
            assert rows.count() == len(shipped_layers) - 1
            assert "China–Pakistan" not in " ".join(rows.all_inner_texts())
        assert log["errors"] == []


def test_chromiums_pdf_is_one_a4_landscape_page(map_file, tmp_path, chromium):
    with open_page(map_file, chromium) as (page, log):
        labelled(page)
        page.emulate_media(media="print")
        labelled(page)
        pdf = page.pdf(prefer_css_page_size=True, print_background=True)
        assert log["errors"] == []
    (ARTIFACTS / "print.pdf").parent.mkdir(exist_ok=True)
    (ARTIFACTS / "print.pdf").write_bytes(pdf)
    pages = re.findall(rb"/Type\s*/Page(?!s)", pdf)
    assert len(pages) == 1
    boxes = {
        tuple(round(float(v)) for v in m.split())
        for m in re.findall(rb"/MediaBox\s*\[([^\]]+)\]", pdf)
    }
    assert boxes == {(0, 0, 842, 595)}  # A4 landscape, in points
