"""Open a generated map in headless Chromium, offline.

The page's CDN files (Leaflet) are answered from the local copy that the
``xstatic-leaflet`` package ships; map tiles get a blank 256 px PNG; any other request
outside the page is refused and recorded, so a test can see what the page asked for.
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
        import xstatic.pkg.leaflet  # noqa: F401
    except ImportError as exc:
        return f"{exc.name} is not installed (pip install -e '.[test]')"
    return None


def _leaflet_dir() -> Path:
    import xstatic.pkg.leaflet as xl

    return Path(xl.BASE_DIR)


def _cdn_file(url: str) -> Path | None:
    """The local copy of a Leaflet CDN file, e.g. .../leaflet@1.9.3/dist/leaflet.js."""
    import xstatic.pkg.leaflet as xl

    if "/leaflet@" not in url:
        return None
    version = url.split("/leaflet@", 1)[1].split("/", 1)[0]
    if version != xl.VERSION:
        return None
    rest = url.split("/dist/", 1)[1].split("?", 1)[0]
    path = _leaflet_dir() / rest
    return path if path.is_file() else None


@contextmanager
def open_page(html_path: Path, *, width: int = 1400, height: int = 900):
    """Yield (page, log); ``log`` lists 'console' messages, page 'errors', 'refused' requests
    and 'dialogs' (alerts) seen so far."""
    from playwright.sync_api import sync_playwright

    log: dict[str, list[str]] = {"console": [], "errors": [], "refused": [], "dialogs": []}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": width, "height": height})

            def route(r):
                url = r.request.url
                if url.startswith("file://"):
                    return r.continue_()
                local = _cdn_file(url)
                if local is not None:
                    ctype = (
                        "text/css"
                        if local.suffix == ".css"
                        else ("image/png" if local.suffix == ".png" else "application/javascript")
                    )
                    return r.fulfill(status=200, body=local.read_bytes(), content_type=ctype)
                if any(host in url for host in TILE_HOSTS):
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
            page.goto(Path(html_path).resolve().as_uri())
            page.wait_for_function("window.briState !== undefined", timeout=15000)
            yield page, log
        finally:
            browser.close()


if __name__ == "__main__":  # screenshot a map: python tests/browser.py MAP.html OUT.png
    import sys

    with open_page(Path(sys.argv[1])) as (page, log):
        page.wait_for_timeout(500)
        page.screenshot(path=sys.argv[2])
        print(log)
