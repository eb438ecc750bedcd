"""Open a generated map in headless Chromium, offline.

Every request the page makes is refused (playwright's ``route.abort``) and recorded, so a
test can see what the page asked for: the page must draw with none. With ``tiles=True``,
requests to the tile servers of ``geo/data/basemaps.toml`` get a blank 256 px PNG instead.

Starting Chromium takes seconds; a test run starts it once (the ``chromium`` fixture of
conftest.py) and opens each page in a context of its own, which shares nothing with the
pages before it (no cookies, storage or cache).
"""

from __future__ import annotations

import shutil
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _blank_tile(size: int = 256, rgb: tuple[int, int, int] = (242, 239, 233)) -> bytes:
    """A plain PNG tile in OpenStreetMap's land colour, made here (no file needed)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    row = b"\x00" + bytes(rgb) * size
    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(row * size))
        + chunk(b"IEND", b"")
    )


BLANK_PNG = _blank_tile()
TILE_HOSTS = ("tile.openstreetmap.org", "server.arcgisonline.com")


def chromium_missing_reason() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if not Path(CHROMIUM).exists():
        return f"no Chromium at {CHROMIUM} (install Debian's package: apt-get install -y chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError as exc:
        return f"{exc.name} is not installed (pip install -e '.[test]')"
    return None


def browser_marks() -> list:
    """The marks of a browser test module: skipped, with the reason, where Chromium or
    playwright is missing, except in CI (BRI_REQUIRE_BROWSER), where that is an error."""
    import os

    import pytest

    missing = chromium_missing_reason()
    if missing and os.environ.get("BRI_REQUIRE_BROWSER"):
        raise RuntimeError(f"browser tests required (BRI_REQUIRE_BROWSER) but {missing}")
    return [pytest.mark.browser, pytest.mark.skipif(missing is not None, reason=missing or "")]


def needs_browser(test):
    """Decorate one test with :func:`browser_marks`."""
    for mark in browser_marks():
        test = mark(test)
    return test


def page_point(page, lng: float, lat: float) -> tuple[float, float]:
    """Where (lng, lat) is on the page now, in CSS px (for page.mouse)."""
    return tuple(
        page.evaluate(
            """([lng, lat]) => {
              const m = briState.map, p = m.latLngToContainerPoint([lat, lng]);
              const r = m.getContainer().getBoundingClientRect();
              return [p.x + r.left, p.y + r.top];
            }""",
            [lng, lat],
        )
    )


def clusters_made(page) -> None:
    """Wait until every clustered layer has made its clusters for the view (a big one
    makes them over several frames)."""
    page.wait_for_function(
        "Object.values(briState.layers).every(l => !l.cluster || !l.cluster.pending)",
        timeout=10_000,
    )


def drawn_clusters(page) -> list[dict]:
    """The clusters drawn now (on the layers' canvas), of every layer shown: each its
    layer's id and colour, its count, its size (CSS px) and where it is (lng, lat)."""
    clusters_made(page)
    return page.evaluate(
        """() => Object.values(briState.layers)
             .filter(l => l.cluster && briState.map.hasLayer(l.layer))
             .flatMap(l => l.cluster.group.getLayers()
               .map(m => l.cluster.about(m)).filter(Boolean)
               .map(c => ({id: l.spec.id, colour: l.spec.style.markerColor, count: c.count,
                           size: c.size, lng: c.at.lng, lat: c.at.lat})))"""
    )


def settle(page) -> None:
    """Wait until the map has stopped moving (a popup's pan, a zoom)."""
    page.wait_for_function(
        """() => { const m = briState.map;
             return !m._panAnim || !m._panAnim._inProgress; }""",
        timeout=5000,
    )
    page.wait_for_timeout(350)


@contextmanager
def chromium():
    """Yield a headless Chromium (playwright's Browser), closed on leaving."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def open_page(
    html_path: Path,
    browser,
    *,
    width: int = 1400,
    height: int = 900,
    tiles: bool = False,
    phone: bool = False,
    wait: bool = True,
    fragment: str = "",
):
    """Yield (page, log); ``log`` lists 'console' messages, page 'errors', 'refused' requests,
    'tiles' served (with ``tiles``) and 'dialogs' (alerts) seen so far. ``browser``: the
    Chromium to open the page in (a context of its own, closed on leaving): the session's
    ``chromium`` fixture in tests (playwright's sync API runs one instance per thread, so a
    second one started beside it fails), or :func:`chromium` outside pytest. ``phone``: a
    touch screen (``width`` x ``height`` CSS px, device scale 3), as a phone browser reports
    it. ``wait``: until the map page has started (``briState``). ``fragment``: the page is
    opened at its address with this fragment ("#..."), as a link to a view opens it."""
    log: dict[str, list[str]] = {
        "console": [],
        "errors": [],
        "refused": [],
        "tiles": [],
        "dialogs": [],
    }
    extra = {"has_touch": True, "is_mobile": True, "device_scale_factor": 3} if phone else {}
    context = browser.new_context(viewport={"width": width, "height": height}, **extra)
    try:
        page = context.new_page()
        page_url = Path(html_path).resolve().as_uri()

        def route(r):
            url = r.request.url
            if url == page_url:
                return r.continue_()
            if tiles and any(host in url for host in TILE_HOSTS):
                log["tiles"].append(url)
                return r.fulfill(status=200, body=BLANK_PNG, content_type="image/png")
            log["refused"].append(url)
            return r.abort()

        page.route("**/*", route)
        page.on("console", lambda m: log["console"].append(f"{m.type}: {m.text}"))
        page.on("pageerror", lambda e: log["errors"].append(str(e)))

        def dialog(d):  # alert(), confirm(): a script ran that should not have
            log["dialogs"].append(f"{d.type}: {d.message}")
            d.dismiss()

        page.on("dialog", dialog)
        page.goto(page_url + fragment)
        if wait:
            page.wait_for_function("window.briState !== undefined", timeout=15000)
        yield page, log
    finally:
        context.close()


if __name__ == "__main__":  # screenshot a map: python tests/browser.py MAP.html OUT.png
    import sys

    with open_page(Path(sys.argv[1])) as (page, log):
        page.wait_for_timeout(500)
        page.screenshot(path=sys.argv[2])
        print(log)


def overlap(a: dict, b: dict) -> bool:
    """Whether two boxes ({left, top, right, bottom}, CSS px) overlap."""
    return (
        a["left"] < b["right"]
        and b["left"] < a["right"]
        and a["top"] < b["bottom"]
        and b["top"] < a["bottom"]
    )
