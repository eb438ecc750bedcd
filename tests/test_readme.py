"""The README stays true: its set-up lines, its Python example, its layer example."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import geo

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
#: The start of both set-up lines: a virtual environment (Debian's Python refuses pip
#: outside one, PEP 668), made or reused.
VENV = "python3 -m venv .venv && . .venv/bin/activate && "
BUILD_LINE = VENV + "pip install -e . && corridors build"
TEST_LINE = VENV + "pip install -e '.[test]' && pytest"


def code_blocks(lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", README, re.S)


def test_the_two_setup_lines_come_first_and_ci_runs_the_test_line():
    first_two = code_blocks("")[:2]
    assert first_two == [f"{BUILD_LINE}\n", f"{TEST_LINE}\n"]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert TEST_LINE in ci  # a line of its own, run as the README writes it
    assert ".venv/" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()


def test_python_example_runs(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)  # the layers are the shipped ones, from any folder
    code = code_blocks("python")[0]
    code = code.replace("outputs/my_map.html", str(tmp_path / "m.html"))
    code = code.replace("outputs/all.geojson", str(tmp_path / "all.geojson"))
    exec(compile(code, "README.md", "exec"), {})
    assert (tmp_path / "m.html").stat().st_size > 10_000
    assert (tmp_path / "all.geojson").stat().st_size > 10_000
    written = geo.load_layer(tmp_path / "layers" / "user" / "duisburg.geojson")
    assert len(written) and all("Duisburg" in name for name in written.frame["name"])
    # validate_document raises on the example's swapped position, and prints what it says
    (shown,) = re.findall(r"print\(error\)\s+# (.*) \.\.\.$", code, re.M)
    last = capsys.readouterr().out.splitlines()[-1]  # the example prints the error last
    assert last.startswith(shown), last


def test_layer_example_is_a_valid_layer(tmp_path):
    doc = json.loads(code_blocks("json")[0])
    path = tmp_path / "example.geojson"
    path.write_text(json.dumps(doc), encoding="utf-8")
    layer = geo.load_layer(path, strict=True)
    assert layer.category == "other"


@pytest.mark.data
def test_corridor_table_matches_the_measured_lengths(shipped_layers):
    table = geo.corridor_lengths(shipped_layers)
    corridors = table[table["category"] == "corridor"]
    for km in corridors["length_km"]:
        assert f"{km:,.0f} km" in README


def test_import_examples_print_what_the_readme_shows(tmp_path, monkeypatch, capsys):
    """Each `$ corridors import ...` example of "Adding a layer", run on a file like the one
    it describes, prints exactly the lines the README shows."""
    import shlex
    import zipfile

    import geopandas as gpd
    from shapely import LineString, Point
    from test_convert import GPX, KML

    from geo.cli import main

    monkeypatch.chdir(tmp_path)
    (tmp_path / "layers").mkdir()  # the shipped folder, here: the import writes below it
    monkeypatch.setattr(geo.layers, "SHIPPED_LAYERS", tmp_path / "layers")
    towns = gpd.GeoDataFrame(
        {"TOWN": ["BOSTON", "SALEM", "SALEM"]},
        geometry=[Point(-71.0589, 42.3601), Point(-70.8967, 42.5195), Point(-70.90, 42.52)],
        crs=4326,
    ).to_crs(26986)
    (tmp_path / "shp").mkdir()
    towns.to_file(tmp_path / "shp" / "towns.shp")
    with zipfile.ZipFile("towns.zip", "w") as zf:
        for part in (tmp_path / "shp").iterdir():
            zf.write(part, f"MassGIS/towns/{part.name}")
    Path("sites.csv").write_text(
        "Port,X,Y,berths\nGwadar,6938684.56,2891449.95,3\nHambantota,9022350.1,682271.88,\n",
        encoding="utf-8",
    )
    Path("survey.kml").write_text(KML, encoding="utf-8")
    Path("trip.gpx").write_text(GPX, encoding="utf-8")
    lines = [LineString([(59.5, 37.6), (80.4, 44.2)]), LineString([(59.6, 37.7), (80.5, 44.3)])]
    gpd.GeoDataFrame({"title": ["Line A", "Line B"]}, geometry=lines, crs=4326).to_file(
        "pipeline.gpkg", layer="pipelines"
    )
    examples = re.findall(r"^\$ corridors (import .*)\n((?:(?!\$ |```).*\n)*)", README, re.M)
    assert len(examples) == 5
    for command, expected in examples:
        assert main(shlex.split(command)) == 0
        assert capsys.readouterr().out == expected.rstrip("\n") + "\n", command
