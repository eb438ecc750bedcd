"""Share, save and download from the page (issue 22), in Chromium with every request
refused: the address follows the map and a new page opened at it shows the same view,
layers, status filter and selection; broken or hostile fragments give the default view;
the picture of the view is at least the map's size, twice it at 2x, and carries the title
and legend (read back by tesseract); the downloads parse and shrink as layers are
unticked; the map works inside an iframe."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pytest
from browser import browser_marks, open_page, page_point, settle
from hostile import HOSTILE, write_layer
from PIL import Image

import geo
from geo import render
from geo._text import csv_cell

ROOT = Path(__file__).resolve().parent
ARTIFACTS = ROOT / "_artifacts"
TESSERACT = shutil.which("tesseract")
DESKTOP = {"width": 1400, "height": 900}

pytestmark = browser_marks()

#: The map's state as a link holds it, read from the page.
STATE = """() => { const s = briState, m = s.map, c = m.getCenter();
  return {lat: c.lat, lng: c.lng, zoom: m.getZoom(),
    off: s.config.layers.filter(l => !m.hasLayer(s.layers[l.id].layer)).map(l => l.id),
    shown: [...s.statusShown].sort(), selected: s.selection(), base: s.basemapShown,
    year: s.year,
    ticked: [...document.querySelectorAll('.bri-overlay input')].filter(i => !i.checked)
      .map(i => i.dataset.layer),
    statusTicks: [...document.querySelectorAll('.bri-status-row input')].filter(i => !i.checked)
      .map(i => i.dataset.status).sort()}; }"""


@pytest.fixture(scope="module")
def map_file(tmp_path_factory, shipped_layers) -> Path:
    path = tmp_path_factory.mktemp("share") / "map.html"
    return render.save_map(geo.build_map(shipped_layers), path)


@pytest.fixture
def page(map_file, chromium):
    with open_page(map_file, chromium, **DESKTOP) as (page, log):
        yield page
        assert log["errors"] == [] and log["refused"] == [] and log["dialogs"] == []


def state(page) -> dict:
    return page.evaluate(STATE)


def written(page) -> str:
    """The page's address once the map's state is written into it (after the map stops)."""
    page.wait_for_function("location.hash === '#' + briState.address.fragment()", timeout=5000)
    return page.url


def fragment_of(url: str) -> str:
    return url[url.index("#") :]


def same_view(a: dict, b: dict) -> None:
    assert abs(a["lat"] - b["lat"]) < 2e-4 and abs(a["lng"] - b["lng"]) < 2e-4, (a, b)
    assert a["zoom"] == pytest.approx(b["zoom"], abs=0.01)


def kashgar(shipped) -> tuple[float, float]:
    via = shipped["corridors/cpec"].properties[0]["via"]
    node = next(n for n in via if n["name"] == "Kashgar")
    return node["lon"], node["lat"]


def open_share(page) -> None:
    if page.locator(".bri-share-panel").is_hidden():
        page.locator(".bri-share > a.bri-button").click()
    page.locator(".bri-share-panel").wait_for(state="visible")


def download(page, selector: str) -> bytes:
    with page.expect_download() as info:
        page.locator(selector).click()
    return Path(info.value.path()).read_bytes()


# --------------------------------------------------------------------------- the address


def test_a_new_page_at_the_address_shows_the_same_view_layers_filter_and_selection(
    page, map_file, chromium, shipped
):
    page.wait_for_timeout(500)
    assert "#" not in page.url  # nothing written before the map changes
    history = page.evaluate("history.length")
    page.evaluate("void briState.select('corridors/cpec', 0)")  # its popup pans the map
    settle(page)
    page.mouse.move(*page_point(page, *kashgar(shipped)))
    for _ in range(6):  # zoom in on Kashgar with the wheel, as a reader would
        page.mouse.wheel(0, -240)
        page.wait_for_timeout(250)
    settle(page)
    page.locator('input[data-layer="maritime/ports"]').uncheck()
    page.locator('.bri-status-row input[data-status="unknown"]').uncheck()
    before = state(page)
    assert before["zoom"] >= 6 and before["off"] == ["maritime/ports"]
    lng, lat = kashgar(shipped)
    assert abs(before["lat"] - lat) < 3 and abs(before["lng"] - lng) < 3
    url = written(page)
    assert page.evaluate("history.length") == history  # replaced, not pushed
    assert "off=maritime/ports" in url and "hide=unknown" in url and "sel=corridors/cpec:0" in url
    open_share(page)  # the link to copy is the address
    assert page.locator(".bri-share-link").input_value() == url
    with open_page(map_file, chromium, **DESKTOP, fragment=fragment_of(url)) as (other, log):
        after = state(other)
        same_view(before, after)
        for key in ("off", "shown", "selected", "base", "ticked", "statusTicks"):
            assert after[key] == before[key], key
        assert other.evaluate("briState.drawn('maritime/ports')") == 0
        assert other.locator(".leaflet-popup").count() == 1  # the selection's popup
        assert log["errors"] == [] and log["refused"] == []


def test_panning_replaces_the_address_and_adds_no_history(page):
    history = page.evaluate("history.length")
    for dx in (200, -120, 80):
        page.evaluate(f"void briState.map.panBy([{dx}, 40], {{animate: false}})")
        page.wait_for_timeout(50)
    url = written(page)
    assert page.evaluate("history.length") == history
    page.evaluate("void briState.map.panBy([100, 0], {animate: false})")
    assert written(page) != url


#: Each piece of state, set on the page, and checked on a new page opened at its address.
PIECES = {
    "view": "void briState.map.setView([45.2, 82.6], 9.5, {animate: false})",
    "layers off": "document.querySelector('input[data-layer=\"rail/routes\"]').click()",
    "one layer on": """for (const i of document.querySelectorAll('input[data-group]'))
                         if (i.dataset.group !== 'Pipelines') i.click()""",
    "no layer": """for (const i of document.querySelectorAll('input[data-group]')) i.click()""",
    "statuses": "briState.showStatus('historic', false); briState.showStatus('suspended', false)",
    "selection": "void briState.select('rail/routes', 3)",
    "base map": "briState.setBasemap(2)",
    "year": "briState.year = 2014",
}


@pytest.mark.parametrize("piece", list(PIECES))
def test_every_piece_of_state_round_trips(piece, map_file, chromium):
    tiles = piece == "base map"
    with open_page(map_file, chromium, **DESKTOP, tiles=tiles) as (page, log):
        default = state(page)
        page.evaluate(PIECES[piece])
        settle(page)
        before = state(page)
        assert before != default, "the piece changed the map"
        url = written(page)
        assert log["errors"] == []
    with open_page(map_file, chromium, **DESKTOP, tiles=tiles, fragment=fragment_of(url)) as (
        other,
        log,
    ):
        after = state(other)
        same_view(before, after)
        assert {k: v for k, v in after.items() if k not in ("lat", "lng", "zoom")} == {
            k: v for k, v in before.items() if k not in ("lat", "lng", "zoom")
        }
        assert log["errors"] == [] and (tiles or log["refused"] == [])


def test_the_year_is_written_and_read(page):
    years = page.evaluate("briState.years")
    assert years["first"] <= 2013 and years["last"] >= 2018
    page.evaluate("briState.year = 2018")
    assert "year=2018" in written(page)
    page.evaluate("location.hash = '#v=1&z=4&year=2013'")
    page.wait_for_function("briState.year === 2013", timeout=5000)
    assert page.locator(".bri-share-count").count() == 1
    before = page.evaluate("briState.drawn('rail/routes')")
    page.evaluate(f"location.hash = '#v=1&z=4&year={years['first'] - 1}'")  # before them
    page.wait_for_function("briState.year === null", timeout=5000)  # ignored: all years
    assert page.evaluate("briState.map.getZoom()") == 4
    assert page.evaluate("briState.drawn('rail/routes')") > before


def test_a_changed_fragment_is_shown_and_an_empty_one_gives_the_first_view(page):
    default = state(page)
    page.evaluate("location.hash = '#v=1&c=39.47,75.99&z=7&off=rail/routes&hide=unknown'")
    page.wait_for_function("briState.map.getZoom() === 7", timeout=15000)
    now = state(page)
    assert now["off"] == ["rail/routes"] and "unknown" not in now["shown"]
    page.evaluate("location.hash = ''")
    page.wait_for_function(f"briState.map.getZoom() === {default['zoom']}", timeout=15000)
    same_view(state(page), default)
    assert state(page)["off"] == [] and state(page)["shown"] == default["shown"]


BROKEN = [
    "#v=2&c=39.47,75.99&z=7",
    "#c=39.47,75.99&z=7&off=rail/routes",
    "#v=1&c=1e400,5&z=NaN&base=9&year=x",
    f"#v=1&off={HOSTILE}&sel={HOSTILE}:0&hide={HOSTILE}",
    "#v=1&sel=rail/routes:99999&c=91,0",
    "#v=1&off=%E0%A4%A&sel=%ZZ:1&z=%",
    "#v=1&" + "x" * 5000,
    "#<script>alert(1)</script>",
    "#%00%ff%fe",
    "#" + "v=1&" * 2000,
]


@pytest.mark.parametrize("fragment", BROKEN, ids=range(len(BROKEN)))
def test_a_broken_or_hostile_fragment_gives_the_default_view(fragment, map_file, chromium):
    with open_page(map_file, chromium, **DESKTOP) as (page, _):
        default = state(page)
    with open_page(map_file, chromium, **DESKTOP, fragment=fragment) as (page, log):
        page.wait_for_timeout(500)
        now = state(page)
        same_view(now, default)
        assert {k: v for k, v in now.items() if k not in ("lat", "lng", "zoom")} == {
            k: v for k, v in default.items() if k not in ("lat", "lng", "zoom")
        }
        assert page.evaluate("briState.drawn('rail/routes')") == 31
        assert log["errors"] == [] and log["refused"] == [] and log["dialogs"] == []


def test_an_http_page_restores_its_view(map_file, chromium):
    """The same page served over http (playwright answers for the server; every other
    request is refused)."""
    body = map_file.read_bytes()
    context = chromium.new_context(viewport=DESKTOP)
    refused, errors = [], []
    try:
        page = context.new_page()
        page.on("pageerror", lambda e: errors.append(str(e)))

        def route(r):
            if r.request.url == "http://bri.test/map.html":
                return r.fulfill(status=200, body=body, content_type="text/html; charset=utf-8")
            refused.append(r.request.url)
            return r.abort()

        page.route("**/*", route)
        page.goto("http://bri.test/map.html#v=1&c=39.47,75.99&z=7&off=maritime/ports")
        page.wait_for_function("window.briState !== undefined")
        now = state(page)
        assert (round(now["lat"], 4), round(now["lng"], 4), now["zoom"]) == (39.47, 75.99, 7)
        assert now["off"] == ["maritime/ports"]
        page.evaluate("void briState.map.setView([30, 60], 5, {animate: false})")
        assert written(page).startswith("http://bri.test/map.html#v=1&c=30,60&z=5")
        assert refused == [] and errors == []
    finally:
        context.close()


def test_the_copy_button_copies_or_leaves_the_link_selected(page):
    page.evaluate("void briState.map.setView([30, 60], 5, {animate: false})")
    open_share(page)
    page.locator(".bri-share-panel .bri-share-action", has_text="Copy").click()
    status = page.locator(".bri-share-status")
    status.wait_for(state="visible")
    assert status.inner_text() in ("Copied.", "Copy the selected link by hand (Ctrl+C, or ⌘C).")
    link = page.locator(".bri-share-link")
    assert link.input_value().endswith("#v=1&c=30,60&z=5")
    selected = page.evaluate(
        "(() => { const i = document.querySelector('.bri-share-link');"
        " return i.value.slice(i.selectionStart, i.selectionEnd); })()"
    )
    assert selected == link.input_value()


# --------------------------------------------------------------------------- the picture


def ocr(path: Path) -> str:
    out = subprocess.run(
        [TESSERACT, str(path), "-", "--psm", "11"], capture_output=True, text=True, check=True
    )
    return " ".join(out.stdout.split())


def needs_ocr() -> None:
    import os

    if TESSERACT:
        return
    if os.environ.get("BRI_REQUIRE_BROWSER"):
        raise RuntimeError("OCR tests required (BRI_REQUIRE_BROWSER) but tesseract is missing")
    pytest.skip("no tesseract (apt-get install -y tesseract-ocr)")


def unlike(a: np.ndarray, b: np.ndarray, tolerance: int = 60) -> np.ndarray:
    """Where an RGB image's pixel differs (by more than ``tolerance``, summed over the
    channels) from every pixel of another within one pixel of it."""
    h, w, _ = a.shape
    out = np.ones((h, w), dtype=bool)
    for dy in (-1, 0, 1):
        for dx in (-1, 0, 1):
            near = np.roll(b, (dy, dx), axis=(0, 1))
            out &= np.abs(a - near).sum(axis=2) > tolerance
    return out


def picture(page, factor: int) -> Image.Image:
    open_share(page)
    page.locator(f'.bri-share-factor input[value="{factor}"]').check()
    png = download(page, ".bri-share-picture")
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    return Image.open(io.BytesIO(png)).convert("RGB")


def test_the_picture_is_the_map_at_1x_and_2x_with_title_and_legend(page, shipped):
    page.wait_for_timeout(1500)  # the base map's tiles are drawn after the layers
    screen = np.asarray(Image.open(io.BytesIO(page.screenshot())).convert("RGB")).astype(int)
    one = picture(page, 1)
    two = picture(page, 2)
    size = page.evaluate("[briState.map.getSize().x, briState.map.getSize().y]")
    assert one.size == tuple(size) == (1400, 900)
    assert two.size == (2 * one.width, 2 * one.height)
    assert "2800 × 1800 px" in page.locator(".bri-share-out").first.inner_text()
    # the map drawn as on the screen: the middle of the view, clear of every box, each
    # pixel as one of the screen's within a pixel of it (text and lines are drawn again,
    # so their edges fall a little differently)
    differ = unlike(np.asarray(one).astype(int), screen)[120:780, 480:1060].mean()
    assert differ < 0.01, f"{differ:.1%} of the middle differs from the screen"
    ARTIFACTS.mkdir(exist_ok=True)
    one.save(ARTIFACTS / "share_picture_1x.png")
    two.save(ARTIFACTS / "share_picture_2x.png")
    needs_ocr()
    text = ocr(ARTIFACTS / "share_picture_2x.png")
    assert "Belt and Road Initiative" in text, text
    legend = ["Flagship ports", "Flagship railways", "Oil and gas pipelines", "Operating",
              "Under construction", "Not known"]  # fmt: skip
    found = [name for name in legend if name in text]
    assert len(found) >= 5, (found, text)
    assert "Natural Earth" in text  # the attribution


def test_the_picture_draws_the_builtin_base_map_for_a_tile_one(map_file, chromium):
    with open_page(map_file, chromium, **DESKTOP, tiles=True) as (page, log):
        page.evaluate("briState.setBasemap(1)")
        open_share(page)
        note = page.locator(".bri-share-picture-note")
        assert note.is_visible() and "built-in base map" in note.inner_text()
        image = picture(page, 1)
        sea = page.evaluate("briState.config.basemap.style.sea")
        rgb = tuple(int(sea[i : i + 2], 16) for i in (1, 3, 5))
        pixels = np.asarray(image).reshape(-1, 3)
        assert (np.abs(pixels - rgb).sum(axis=1) <= 3).mean() > 0.2  # the built-in sea
        assert log["errors"] == []


def test_the_picture_of_a_small_map_puts_the_legend_below(map_file, chromium, tmp_path):
    with open_page(map_file, chromium, width=390, height=700) as (page, log):
        image = picture(page, 2)
        assert image.width == 780 and image.height > 1400
        assert log["errors"] == []


def test_the_picture_s_legend_lists_a_classed_layer_s_classes_and_sizes(tmp_path, chromium):
    needs_ocr()
    kinds = ["Capital", "Harbour", "Junction"]
    features = [
        {"type": "Feature",
         "properties": {"name": f"Town {i}", "kind": kinds[i % 3], "pop": 1000 * (i + 1)},
         "geometry": {"type": "Point", "coordinates": [60 + 3 * i, 40 + (i % 4)]}}
        for i in range(12)
    ]  # fmt: skip
    for name, style in (("towns", {"color-by": "kind"}), ("ports", {"size-by": "pop"})):
        write_layer(tmp_path / "layers" / f"{name}.geojson", {
            "type": "FeatureCollection", "name": name.title(), "category": "other",
            "style": style, "features": features,
        })  # fmt: skip
    path = render.save_map(geo.build_map(directory=tmp_path / "layers"), tmp_path / "t.html")
    with open_page(path, chromium, **DESKTOP) as (page, log):
        image = picture(page, 2)
        assert log["errors"] == []
    image.save(tmp_path / "towns.png")
    text = ocr(tmp_path / "towns.png")
    assert all(kind in text for kind in kinds), text
    assert "kind" in text and "pop (size)" in text, text


# --------------------------------------------------------------------------- the data


def downloads(page) -> tuple[dict, list[dict]]:
    open_share(page)
    doc = json.loads(download(page, ".bri-share-geojson"))
    raw = download(page, ".bri-share-csv")
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8's byte-order mark, as the CLI's CSV
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    return doc, rows


def test_the_downloads_hold_the_features_shown_and_shrink_as_layers_go(page, shipped):
    doc, rows = downloads(page)
    assert doc["type"] == "FeatureCollection"
    total = sum(len(layer) for layer in shipped.values())
    assert len(doc["features"]) == len(rows) == total
    assert list(rows[0]) == [
        "name", "layer", "length_km", "status", "start_year", "end_year", "source"
    ]  # fmt: skip
    by_layer = {}
    for f in doc["features"]:
        by_layer.setdefault(f["properties"]["layer"], []).append(f)
    cpec = by_layer["corridors/cpec"][0]
    assert cpec["properties"]["name"] == shipped["corridors/cpec"].properties[0]["name"]
    assert cpec["geometry"]["type"] == shipped["corridors/cpec"].geometries()[0].geom_type
    row = next(r for r in rows if r["layer"] == "corridors/cpec")
    assert row["start_year"] == str(shipped["corridors/cpec"].properties[0]["start_year"])
    assert float(row["length_km"]) == pytest.approx(
        geo.geodesic_length(shipped["corridors/cpec"].frame).sum(), rel=1e-3
    )
    page.locator('input[data-layer="rail/routes"]').uncheck()
    fewer, fewer_rows = downloads(page)
    assert len(fewer["features"]) == len(fewer_rows) == total - 31
    assert "rail/routes" not in {f["properties"]["layer"] for f in fewer["features"]}
    assert "under-construction" in {r["status"] for r in fewer_rows}
    page.locator('.bri-status-row input[data-status="under-construction"]').uncheck()
    status_off, status_rows = downloads(page)
    assert len(status_off["features"]) == len(status_rows) < len(fewer["features"])
    assert "under-construction" not in {r["status"] for r in status_rows}
    counted = page.locator(".bri-share-count").inner_text()
    assert counted.startswith(f"{len(status_off['features'])} features")


def test_the_downloads_of_a_year_are_what_geo_as_of_keeps(page, shipped_layers):
    page.evaluate("briState.year = 2018")
    doc, rows = downloads(page)
    kept = geo.as_of(shipped_layers, 2018)
    expected = sorted(
        (layer.id, csv_cell(str(p["name"])), p.get("status") or "")
        for layer in kept
        for p in layer.properties
    )
    assert sorted((r["layer"], r["name"], r["status"]) for r in rows) == expected
    assert len(doc["features"]) == len(rows) < sum(len(layer) for layer in shipped_layers)


def test_the_downloads_keep_names_as_text_and_cells_safe(tmp_path, chromium):
    root = tmp_path / "layers"
    write_layer(root / "odd.geojson", {
        "type": "FeatureCollection", "name": "Odd", "category": "corridor",
        "features": [
            {"type": "Feature", "properties": {"name": '=HYPERLINK("http://x")',
                                               "source": "-1+1"},
             "geometry": {"type": "LineString", "coordinates": [[60, 40], [70, 42]]}},
            {"type": "Feature", "properties": {"name": HOSTILE, "source": "@SUM(A1)"},
             "geometry": {"type": "LineString", "coordinates": [[61, 41], [71, 43]]}},
        ],
    })  # fmt: skip
    path = render.save_map(geo.build_map(directory=root), tmp_path / "odd.html")
    with open_page(path, chromium, **DESKTOP) as (page, log):
        doc, rows = downloads(page)
        assert [f["properties"]["name"] for f in doc["features"]] == [
            '=HYPERLINK("http://x")',
            HOSTILE,
        ]
        assert [r["name"] for r in rows] == ['\'=HYPERLINK("http://x")', HOSTILE]
        assert [r["source"] for r in rows] == ["'-1+1", "'@SUM(A1)"]
        assert log["dialogs"] == [] and log["errors"] == []


# --------------------------------------------------------------------------- embedded

#: Errors in any frame, recorded by a script that runs before the page's own.
RECORD_ERRORS = """window.__errors = [];
window.addEventListener('error', e => window.__errors.push(String(e.message)));
window.addEventListener('unhandledrejection', e => window.__errors.push(String(e.reason)));"""


@contextmanager
def host_page(chromium, host: Path, map_file: Path):
    """Yield (page, frame, refused): a host page holding the map in an iframe, files
    served, every other request refused; ``frame``, the map's frame once it has started."""
    context = chromium.new_context(viewport={"width": 1200, "height": 800})
    refused: list[str] = []

    def route(r):
        if r.request.url.startswith("file:"):
            return r.continue_()
        refused.append(r.request.url)
        return r.abort()

    try:
        page = context.new_page()
        page.add_init_script(RECORD_ERRORS)
        page.route("**/*", route)
        page.goto(host.resolve().as_uri())
        page.wait_for_function("document.querySelector('iframe')")
        page.frame_locator("iframe").locator(".bri-layers").wait_for(timeout=15000)
        frame = next(f for f in page.frames if f.url.startswith(map_file.resolve().as_uri()))
        frame.wait_for_function("window.briState !== undefined", timeout=15000)
        yield page, frame, refused
    finally:
        context.close()


@pytest.mark.parametrize(("width", "height"), [(360, 500), (1000, 700)])
def test_the_map_works_in_an_iframe_with_its_controls_inside(width, height, map_file, chromium):
    host = map_file.parent / f"host_{width}x{height}.html"
    host.write_text(
        f'<!doctype html><title>host</title><body style="margin:0">'
        f'<iframe src="{map_file.name}" width="{width}" height="{height}" '
        f'style="border:0" title="Belt and Road map"></iframe></body>',
        encoding="utf-8",
    )
    with host_page(chromium, host, map_file) as (page, inner, refused):
        page.wait_for_timeout(800)
        assert inner.evaluate("briState.drawn('rail/routes')") == 31
        assert inner.evaluate("[innerWidth, innerHeight]") == [width, height]
        (x0, y0), (x1, y1) = inner.evaluate(
            """() => { const m = briState.map, b = briState.config.bounds;
                 return [b[0], b[1]].map(c => { const p = m.latLngToContainerPoint(c);
                                                return [p.x, p.y]; }); }"""
        )  # the data's south-west and north-east corners: in the frame, and not a strip
        assert -1 <= x0 < x1 <= width + 1 and -1 <= y1 < y0 <= height + 1
        assert x1 - x0 >= 0.5 * width or y0 - y1 >= 0.5 * height
        boxes = inner.evaluate(
            """() => [...document.querySelectorAll('.leaflet-control')]
                .filter(c => getComputedStyle(c).visibility !== 'hidden')
                .map(c => c.getBoundingClientRect()).filter(r => r.width && r.height)
                .map(r => [r.left, r.top, r.right, r.bottom])"""
        )
        assert len(boxes) >= 6
        for left, top, right, bottom in boxes:
            assert left >= 0 and top >= 0 and right <= width and bottom <= height
        for i, a in enumerate(boxes):
            for b in boxes[i + 1 :]:
                assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)
        page.frame_locator("iframe").locator(".bri-share > a.bri-button").click()
        panel = inner.evaluate(
            "(() => { const r = document.querySelector('.bri-share-panel')"
            ".getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })()"
        )
        assert panel[0] >= 0 and panel[1] >= 0 and panel[2] <= width and panel[3] <= height
        inner.evaluate("void briState.map.setView([39.47, 75.99], 7, {animate: false})")
        inner.wait_for_function("location.hash.startsWith('#v=1&c=39.47,75.99&z=7')")
        assert "#" not in page.url  # the frame's address changes, not the host page's
        assert inner.evaluate("window.__errors") == [] and refused == []


def test_the_readme_s_iframe_snippet_shows_the_map_at_a_view(map_file, chromium):
    readme = (ROOT.parent / "README.md").read_text(encoding="utf-8")
    snippet = re.search(r"```html\n(.*?)```", readme, re.S).group(1)
    assert 'src="belt_and_road.html"' in snippet
    fragment = re.search(r'`src="belt_and_road.html(#[^"]+)"`', readme).group(1)
    host = map_file.parent / "readme_host.html"
    host.write_text(
        "<!doctype html><title>host</title><body>"
        + snippet.replace("belt_and_road.html", map_file.name + fragment)
        + "</body>",
        encoding="utf-8",
    )
    zoom = float(re.search(r"z=([\d.]+)", fragment).group(1))
    with host_page(chromium, host, map_file) as (_, inner, refused):
        assert inner.evaluate("briState.map.getZoom()") == zoom
        assert inner.evaluate("briState.drawn('corridors/cpec')") == 1
        assert inner.evaluate("window.__errors") == [] and refused == []
