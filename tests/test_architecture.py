"""The package's shape: every module has its place in the import-linter contract of
pyproject.toml (which `.ci/run` checks with `lint-imports`), and no module imports another's
private names."""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MODULES = sorted(p for p in (ROOT / "geo").glob("*.py") if p.stem not in ("__init__", "__main__"))


def contract_modules() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (contract,) = config["tool"]["importlinter"]["contracts"]
    return [m for layer in contract["layers"] for m in re.split(r"\s*[|:]\s*", layer)]


def test_every_module_has_its_layer_in_the_contract():
    listed = contract_modules()
    assert sorted(listed) == sorted(f"geo.{p.stem}" for p in MODULES)
    assert len(listed) == len(set(listed))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_no_private_name_is_imported_from_another_module(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    private = [
        f"line {node.lineno}: from {'.' * node.level}{node.module or ''} import {alias.name}"
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
        and (node.level or (node.module or "").startswith("geo"))
        for alias in node.names
        if alias.name.startswith("_") and not alias.name.startswith("__")
    ]
    assert private == []
