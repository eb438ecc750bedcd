"""The map in Jupyter: ``_repr_html_`` is the whole page in an iframe, nothing fetched, no
"trust this notebook" step."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from browser import needs_browser, open_page

import geo
from geo import render


def srcdoc(cell: str) -> str:
    match = re.search(r'<iframe [^>]*srcdoc="([^"]*)"', cell)
    assert match, "an iframe with the page"
    return html.unescape(match.group(1))


def test_the_notebook_cell_holds_the_same_page_the_file_gets(tmp_path, shipped_layers):
    fmap = geo.build_map(shipped_layers)
    cell = fmap._repr_html_()
    assert "Trust Notebook" not in cell and "Notebook Trusted" not in cell  # folium's plea
    saved = render.save_map(fmap, tmp_path / "map.html").read_text(encoding="utf-8")
    assert srcdoc(cell) == saved
    assert "<script src=" not in srcdoc(cell)


@needs_browser
def test_the_notebook_cell_draws_with_every_request_refused(tmp_path, shipped_layers, chromium):
    cell = geo.build_map(shipped_layers)._repr_html_()
    host = tmp_path / "notebook.html"  # the cell as a notebook shows it, in an output area
    host.write_text(
        "<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>"
        f"<div class='output_html' style='width:900px'>{cell}</div>"
        "</body></html>",
        encoding="utf-8",
    )
    with open_page(host, chromium, wait=False) as (page, log):
        frame = page.frame_locator("iframe")
        frame.locator(".bri-layers").wait_for(timeout=15000)
        inner = page.frames[1]
        inner.wait_for_function("window.briState && briState.drawn('corridors/cpec') === 1")
        counts = inner.evaluate(
            "Object.values(briState.layers).map(l => briState.drawn(l.spec.id) === l.spec.count)"
        )
        assert all(counts)
        assert inner.evaluate("briState.map.hasLayer(briState.basemaps[0])")
        assert log["refused"] == [] and log["errors"] == []


def iframe_tag(cell: str) -> str:
    match = re.search(r"<iframe [^>]*>", cell)
    assert match, "an iframe"
    return match.group()


def test_the_notebook_iframe_is_sandboxed(shipped_layers):
    tag = iframe_tag(geo.build_map(shipped_layers[:1])._repr_html_())
    match = re.search(r' sandbox="([^"]*)"', tag)
    assert match, "a sandbox attribute"
    tokens = set(match.group(1).split())
    assert tokens == {"allow-scripts", "allow-popups", "allow-popups-to-escape-sandbox",
                      "allow-downloads"}  # fmt: skip
    assert "allow-same-origin" not in tokens  # with allow-scripts it would undo the sandbox
    assert "allowfullscreen" in tag


@needs_browser
def test_the_sandboxed_map_draws_and_opens_source_links_in_a_new_tab(
    tmp_path, shipped_layers, chromium
):
    cell = geo.build_map(shipped_layers)._repr_html_()
    host = tmp_path / "notebook.html"
    host.write_text(
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>notebook</title></head><body>"
        f"<div class='output_html' style='width:900px'>{cell}</div></body></html>",
        encoding="utf-8",
    )
    with open_page(host, chromium, wait=False) as (page, log):
        asked: list[str] = []  # a new tab's requests: noted and refused (offline)
        page.context.route("**/*", lambda r: asked.append(r.request.url) or r.abort())
        page.frame_locator("iframe").locator(".bri-layers").wait_for(timeout=15000)
        inner = page.frames[1]
        inner.wait_for_function("window.briState && briState.drawn('corridors/cpec') === 1")
        # a page of its own origin: the notebook's document is out of its reach
        assert inner.evaluate("window.origin") == "null"
        reach = "() => { try { return parent.document.title; } catch (e) { return e.name; } }"
        assert inner.evaluate(reach) == "SecurityError"
        inner.evaluate("void briState.openPopup('corridors/cpec', 0)")
        link = page.frame_locator("iframe").locator(".leaflet-popup-content a[href^='https://']")
        href = link.first.get_attribute("href")
        with page.context.expect_page(timeout=10000) as opened:
            link.first.click()
        opened.value.wait_for_load_state()
        assert asked == [href]  # the link, in a tab of its own
        assert len(page.context.pages) == 2
        assert log["errors"] == []


@needs_browser
def test_the_sandboxed_map_saves_its_files_and_gives_its_view_s_fragment(
    tmp_path, shipped_layers, chromium
):
    cell = geo.build_map(shipped_layers)._repr_html_()
    host = tmp_path / "notebook.html"
    host.write_text(f"<!DOCTYPE html><title>notebook</title><body>{cell}</body>", encoding="utf-8")
    with open_page(host, chromium, wait=False) as (page, log):
        frame = page.frame_locator("iframe")
        frame.locator(".bri-layers").wait_for(timeout=15000)
        inner = page.frames[1]
        inner.wait_for_function("window.briState !== undefined")
        inner.evaluate("void briState.map.setView([30, 60], 5, {animate: false})")
        frame.locator(".bri-share > a.bri-button").click()
        # no address of its own (about:srcdoc): the view's fragment, and a note saying so
        assert frame.locator(".bri-share-link").input_value() == "#v=1&c=30,60&z=5"
        assert "no address of its own" in frame.locator(".bri-share-link-note").inner_text()
        with page.expect_download() as saved:
            frame.locator(".bri-share-geojson").click()
        doc = json.loads(Path(saved.value.path()).read_text(encoding="utf-8"))
        assert len(doc["features"]) == sum(len(layer) for layer in shipped_layers)
        assert log["errors"] == [] and log["refused"] == []
