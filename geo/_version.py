"""The package's version: from its installed metadata, else from the checkout's
``pyproject.toml`` (code run from a source folder that was never installed)."""

from __future__ import annotations

import tomllib
from importlib import metadata
from pathlib import Path

__all__ = ["DISTRIBUTION", "package_version"]

#: The distribution name in ``pyproject.toml`` (``pip install bri-corridors``).
DISTRIBUTION = "bri-corridors"


def package_version() -> str:
    """The version of bri-corridors, e.g. ``"0.1.0"``; ``"unknown"`` where neither the
    installed metadata nor a ``pyproject.toml`` beside the package names one.

    >>> package_version().count(".") >= 1
    True
    """
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        pass
    project = Path(__file__).resolve().parent.parent / "pyproject.toml"
    try:
        table = tomllib.loads(project.read_text(encoding="utf-8")).get("project", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return "unknown"
    if table.get("name") != DISTRIBUTION or not isinstance(table.get("version"), str):
        return "unknown"
    return table["version"]
