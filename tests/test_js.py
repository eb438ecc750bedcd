"""The page's script: geo/static/bri_map.js is what ``npm run build`` makes of the ES
modules in geo/static/src, byte for byte, and the fixtures of the JS unit tests
(tests/js, run by ``npm test``) are what the Python encoder writes now.

The build test needs Node, npm and the pinned packages (``npm ci``); it is skipped, with
the reason, where they are absent, except in CI (BRI_REQUIRE_NODE), where that is an error.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from make_js_fixtures import OUT as FIXTURES
from make_js_fixtures import fixtures_text

from geo import assets

ROOT = Path(__file__).resolve().parents[1]
BUNDLE = ROOT / "geo" / "static" / "bri_map.js"


def node_missing_reason() -> str | None:
    """Why the bundle cannot be rebuilt here, or None when it can."""
    for tool in ("node", "npm"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed (Node 20 and npm: see the README's developer notes)"
    if not (ROOT / "node_modules" / "esbuild").is_dir():
        return "node_modules is absent: run `npm ci` at the repository root"
    return None


MISSING = node_missing_reason()
if MISSING and os.environ.get("BRI_REQUIRE_NODE"):  # CI: the build check must run
    raise RuntimeError(f"the JS build check is required (BRI_REQUIRE_NODE) but {MISSING}")


@pytest.mark.skipif(MISSING is not None, reason=MISSING or "")
def test_the_committed_bundle_is_what_npm_run_build_makes(tmp_path):
    out = tmp_path / "bri_map.js"
    done = subprocess.run(
        ["npm", "run", "--silent", "build", "--", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert out.read_bytes() == BUNDLE.read_bytes(), (
        "geo/static/bri_map.js is not what `npm run build` makes of geo/static/src: "
        "run `npm run build` and commit the result"
    )


def test_the_bundle_defines_one_global_and_can_be_inlined():
    banner, code = BUNDLE.read_text(encoding="utf-8").split("\n", 1)
    assert banner.startswith("/* bri-corridors map page: built from geo/static/src")
    # esbuild's IIFE: everything else is inside it
    assert re.match(r'"use strict";var BriCorridors=\(\(\)=>\{', code)
    assert code.rstrip().endswith("})();")
    assert assets.inline_script(code).startswith("<script>")


def test_the_js_fixtures_are_what_the_python_encoder_writes():
    assert FIXTURES.read_text(encoding="utf-8") == fixtures_text(), (
        "tests/js/fixtures/encoding.json is out of date: run python3 tests/make_js_fixtures.py"
    )
