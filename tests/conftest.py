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
