"""The README stays true: its set-up lines, its Python example, its layer example."""

from __future__ import annotations

import json
import re
from pathlib import Path

import geo

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
TEST_LINE = "pip install -e '.[test]' && pytest"


def code_blocks(lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", README, re.S)


def test_the_two_setup_lines_come_first_and_ci_runs_the_test_line():
    first_two = code_blocks("")[:2]
    assert first_two == ["pip install -e . && corridors build\n", f"{TEST_LINE}\n"]
    assert TEST_LINE in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_python_example_runs(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    code = code_blocks("python")[0]
    code = code.replace("outputs/my_map.html", str(tmp_path / "m.html"))
    code = code.replace("outputs/all.geojson", str(tmp_path / "all.geojson"))
    exec(compile(code, "README.md", "exec"), {})
    assert (tmp_path / "m.html").stat().st_size > 10_000
    assert (tmp_path / "all.geojson").stat().st_size > 10_000


def test_layer_example_is_a_valid_layer(tmp_path):
    doc = json.loads(code_blocks("json")[0])
    path = tmp_path / "example.geojson"
    path.write_text(json.dumps(doc), encoding="utf-8")
    layer = geo.load_layer(path, strict=True)
    assert layer.category == "other"


def test_corridor_table_matches_the_measured_lengths():
    table = geo.corridor_lengths(geo.load_layers(ROOT / "layers"))
    corridors = table[table["category"] == "corridor"]
    for km in corridors["length_km"]:
        assert f"{km:,.0f} km" in README
