"""Shared fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
#: Real third-party files (read-only, beside the checkout; absent in a user's clone).
REAL = ROOT.parent / "shared" / "data" / "real-layers"


@pytest.fixture
def real() -> Path:
    """The folder of real third-party layer files; the test is skipped where it is absent."""
    if not REAL.is_dir():
        pytest.skip(f"third-party layer files absent: no folder {REAL}")
    return REAL


def spec_in_page(page: str) -> dict:
    """The map spec a built page carries (the JSON script element its script reads)."""
    import json
    import re

    match = re.search(r'<script type="application/json" id="(\w+)">(.*?)</script>', page, re.S)
    assert match, "the map spec is in the page"
    assert f'document.getElementById("{match.group(1)}")' in page
    return json.loads(match.group(2))
