"""Issue 18: outputs never land among the layers, and a killed GeoPackage export leaves
nothing the next write does not remove."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from geo import _files

ROOT = Path(__file__).resolve().parents[1]
LAYER = (ROOT / "layers" / "corridors" / "cpec.geojson").read_bytes()


@pytest.fixture
def layers(tmp_path) -> Path:
    """A layers folder holding one shipped layer file."""
    root = tmp_path / "layers"
    (root / "corridors").mkdir(parents=True)
    (root / "corridors" / "cpec.geojson").write_bytes(LAYER)
    return root


def files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


# the map and the figure: nothing of theirs belongs among the layers, whatever its name
MAP_COMMANDS = {
    "build": lambda layers, out: ["build", "--layers", layers, "-o", out],
    "plot": lambda layers, out: ["plot", "--layers", layers, "-o", out, "--format", "svg"],
    "compare": lambda layers, out: ["compare", "0,0", "1,1", "--layers", layers, "--map", out],
}


@pytest.mark.parametrize("command", list(MAP_COMMANDS))
@pytest.mark.parametrize("name", ["corridors/cpec.geojson", "new.geojson", "map.html", "x/y.svg"])
def test_maps_and_figures_are_refused_inside_the_layers_folder(cli, layers, command, name):
    before = files(layers)
    status, out, err = cli(*MAP_COMMANDS[command](layers, layers / name))
    assert status == 1
    assert err == (
        f"corridors {command}: error: Expected an output outside the layers folder "
        f"'{layers}', instead got '{layers / name}': the "
        f"{'figure' if command == 'plot' else 'map'} is not a layer, and would replace or sit "
        "among the layer files\n"
    )
    assert out == ""
    assert files(layers) == before  # the layer file is as it was, and nothing was added


@pytest.mark.parametrize("command", list(MAP_COMMANDS))
def test_a_symbolic_link_into_the_layers_folder_is_refused(tmp_path, cli, layers, command):
    link = tmp_path / "map.svg"  # outside, but pointing at a layer file
    link.symlink_to(layers / "corridors" / "cpec.geojson")
    folder_link = tmp_path / "elsewhere"  # a folder link to the layers folder
    folder_link.symlink_to(layers)
    for out in (link, folder_link / "map.svg"):
        status, _, err = cli(*MAP_COMMANDS[command](layers, out))
        assert status == 1
        assert "Expected an output outside the layers folder" in err
    # and the layers folder named through a link, the output named directly
    status, _, err = cli(*MAP_COMMANDS[command](folder_link, layers / "map.svg"))
    assert status == 1
    assert "Expected an output outside the layers folder" in err
    assert (layers / "corridors" / "cpec.geojson").read_bytes() == LAYER
    assert files(layers).keys() == {"corridors/cpec.geojson"}


def test_export_is_refused_only_where_it_would_be_read_as_a_layer(tmp_path, cli, layers):
    folder_link = tmp_path / "elsewhere"
    folder_link.symlink_to(layers)
    for out in (layers / "corridors" / "cpec.geojson", folder_link / "all.json"):
        status, _, err = cli("export", "--layers", layers, "-o", out)
        assert status == 1
        assert "it would be read back as a layer by every later command" in err
    assert files(layers).keys() == {"corridors/cpec.geojson"}
    status, out, _ = cli("export", "--layers", layers, "-o", layers / "all.gpkg")
    assert status == 0 and out == f"{layers / 'all.gpkg'}\n"  # GIS copies may sit there


def test_a_map_outside_the_layers_folder_is_written(tmp_path, cli, layers):
    status, out, _ = cli("build", "--layers", layers, "-o", tmp_path / "map.html")
    assert status == 0 and out == f"{tmp_path / 'map.html'}\n"
    assert (tmp_path / "map.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


# --------------------------------------------------------------------------- killed exports

#: Exports 20,000 points as a GeoPackage into argv[2] (a few tenths of a second of writing).
EXPORT = """
import sys
sys.path.insert(0, sys.argv[1])
import geopandas as gpd, numpy as np
from geo import Layer
from geo.export import export_geopackage
n = 20_000
frame = gpd.GeoDataFrame(
    {"name": [f"p{i}" for i in range(n)], "note": ["x" * 40] * n},
    geometry=gpd.points_from_xy(np.linspace(-170, 170, n), np.linspace(-80, 80, n)),
    crs=4326,
)
export_geopackage([Layer("big", "Big", "port", None, frame)], sys.argv[2])
"""


def kill_when_side_files_appear(folder: Path, suffixes: set[str], env: dict) -> set[str]:
    """Run the export and SIGKILL it as soon as one of SQLite's side files is there;
    returns the suffixes of what it left (beside '.tmp': '-journal', '-wal', ...)."""
    proc = subprocess.Popen(
        [sys.executable, "-c", EXPORT, str(ROOT), str(folder / "all.gpkg")], env=env
    )
    deadline = time.monotonic() + 120
    try:
        while proc.poll() is None and time.monotonic() < deadline:
            if any(n.endswith(tuple(suffixes)) for n in os.listdir(folder)):
                proc.send_signal(signal.SIGKILL)
                break
    finally:
        if proc.poll() is None and time.monotonic() >= deadline:
            proc.kill()
        proc.wait()
    assert proc.returncode in (-signal.SIGKILL, 0)
    return {n.split(".tmp", 1)[1] for n in os.listdir(folder) if ".tmp" in n}


@pytest.mark.parametrize(
    "journal, side_files",
    [(None, {"-journal"}), ("WAL", {"-wal", "-shm"})],
    ids=["rollback-journal", "write-ahead-log"],
)
def test_sigkill_during_a_geopackage_export_leaves_side_files_the_next_write_removes(
    tmp_path, journal, side_files
):
    env = {k: v for k, v in os.environ.items() if k != "OGR_SQLITE_JOURNAL"}
    if journal:
        env["OGR_SQLITE_JOURNAL"] = journal
    folder = tmp_path / "out"
    folder.mkdir()
    for _attempt in range(5):  # the kill may come just after a transaction ended
        left = kill_when_side_files_appear(folder, side_files, env)
        if side_files <= left:
            break
        for path in folder.iterdir():
            path.unlink()
    else:
        pytest.fail(f"no kill left {sorted(side_files)} in 5 attempts")
    (tmp_file,) = (n for n in os.listdir(folder) if n.endswith(".tmp"))
    # a live writer's side files and names that are not ours stay
    live = f".bri-{os.getpid()}-abcd1234.tmp"
    others = [live, live + "-journal", tmp_file + "-x", tmp_file[1:] + "-journal", "a.tmp-wal"]
    for name in others:
        (folder / name).write_bytes(b"x")
    _files.write_text_atomic(folder / "map.html", "map")
    assert sorted(os.listdir(folder)) == sorted(["map.html", *others])
