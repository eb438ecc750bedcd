"""A newcomer's first commands: the shipped layers from any folder, ``--version``,
``validate`` on what people really hand it (other file types, Natural Earth's ``NAME``,
many problems), a figure that shows itself in Jupyter, no library warning text."""

from __future__ import annotations

import json
from importlib import metadata
from pathlib import Path

import pytest

import geo
from geo.cli import main

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "layers"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
PORTS = SHIPPED / "maritime" / "ports.geojson"


def run(capsys, *argv) -> tuple[int, str, str]:
    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return status, out, err


@pytest.fixture
def elsewhere(tmp_path, monkeypatch) -> Path:
    """A working directory that is not the project folder."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


@pytest.fixture
def wheel_install(tmp_path, monkeypatch) -> Path:
    """The package as a wheel installs it: no ``layers/`` beside it."""
    missing = tmp_path / "site-packages" / "layers"
    monkeypatch.setattr(geo.layers, "SHIPPED_LAYERS", missing)
    return missing


def layer_doc(features: list[dict], **top) -> dict:
    return {"type": "FeatureCollection", "name": "T", "category": "port", **top,
            "features": features}  # fmt: skip


def point(props: dict, lon: float = 62.33, lat: float = 25.12) -> dict:
    return {"type": "Feature", "properties": props,
            "geometry": {"type": "Point", "coordinates": [lon, lat]}}  # fmt: skip


# --------------------------------------------------------------------------- shipped layers


def test_the_shipped_folder_is_the_checkouts():
    assert geo.shipped_layers_dir() == SHIPPED
    assert geo.shipped_layers_dir().is_absolute()


@pytest.mark.parametrize(
    "argv",
    [["list"], ["lengths", "--format", "csv"], ["distance", "Gwadar", "Duisburg"],
     ["countries", "corridors/cpec"], ["near", "corridors/cpec", "--layer", PORTS]],
)  # fmt: skip
def test_commands_find_the_shipped_layers_from_any_folder(capsys, elsewhere, argv):
    status, out, err = run(capsys, *argv)
    assert status == 0, err
    assert out and not err


def test_python_api_defaults_to_the_shipped_layers_from_any_folder(elsewhere):
    ids = [layer.id for layer in geo.load_layers()]
    assert ids == [layer.id for layer in geo.load_layers(SHIPPED)]
    assert "corridors/cpec" in ids
    assert len(geo.corridor_lengths()) == len(geo.corridor_lengths(geo.load_layers(SHIPPED)))
    assert geo.distance("Gwadar", "Hambantota") == pytest.approx(
        geo.distance("Gwadar", "Hambantota", layers=geo.load_layers(SHIPPED)), abs=1e-9
    )
    assert len(geo.layers.find_layer_files()) == len(ids)


def test_build_from_elsewhere_writes_outputs_below_the_working_directory(capsys, elsewhere):
    status, out, err = run(capsys, "build", "--only", "corridors/cpec")
    assert status == 0, err
    assert out == "outputs/belt_and_road.html\n"
    assert (elsewhere / "outputs" / "belt_and_road.html").stat().st_size > 10_000


def test_the_shipped_folder_is_named_below_the_working_directory_where_it_is(
    capsys, monkeypatch, elsewhere
):
    """From the project folder, messages name ``layers`` as the user would type it; from
    elsewhere, the whole path."""
    status, _, err = run(capsys, "export", "-o", SHIPPED / "all.geojson")
    assert status == 1 and f"outside the layers folder {str(SHIPPED)!r}" in err
    monkeypatch.chdir(ROOT)
    status, _, err = run(capsys, "export", "-o", "layers/all.geojson")
    assert status == 1 and "outside the layers folder 'layers'" in err
    assert not (SHIPPED / "all.geojson").exists()


def test_import_writes_to_the_shipped_user_folder_from_any_folder(
    capsys, tmp_path, monkeypatch, elsewhere
):
    shipped = tmp_path / "checkout" / "layers"
    shipped.mkdir(parents=True)
    monkeypatch.setattr(geo.layers, "SHIPPED_LAYERS", shipped)
    src = elsewhere / "mine.geojson"
    src.write_text(json.dumps(layer_doc([point({"name": "A"})])), encoding="utf-8")
    status, out, err = run(capsys, "import", src)
    assert status == 0, err
    assert (shipped / "user" / "mine.geojson").is_file()
    written = shipped / "user" / "mine.geojson"
    assert out.endswith(f"wrote {written}: 1 feature(s), category other\n")
    assert not (elsewhere / "layers").exists()


@pytest.mark.parametrize("argv", [["list"], ["build"], ["import", "x.gpkg"]])
def test_a_wheel_install_asks_for_layers(capsys, elsewhere, wheel_install, argv):
    status, out, err = run(capsys, *argv)
    assert status == 1 and not out
    (line,) = err.splitlines()
    assert line.startswith(f"corridors {argv[0]}: error: {wheel_install}: no shipped layers folder")
    assert "--layers DIR" in line
    assert list(elsewhere.iterdir()) == []


def test_a_wheel_install_works_with_layers_named_or_none_needed(capsys, elsewhere, wheel_install):
    assert run(capsys, "list", "--layers", SHIPPED)[0] == 0
    status, out, _ = run(capsys, "distance", "62.33,25.12", "81.1,6.12")
    assert status == 0 and out.startswith("62.33,25.12 – 81.1,6.12: ")
    src = elsewhere / "mine.geojson"
    src.write_text(json.dumps(layer_doc([point({"name": "A"})])), encoding="utf-8")
    status, _, err = run(capsys, "import", src, "-o", elsewhere / "out.geojson")
    assert status == 0, err
    with pytest.raises(geo.LayerError, match=r"no shipped layers folder.*--layers DIR"):
        geo.load_layers()
    with pytest.raises(geo.LayerError, match=r"no shipped layers folder"):
        geo.distance("Gwadar", "Duisburg")


# --------------------------------------------------------------------------- --version


def test_version_comes_from_the_package_metadata(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    expected = metadata.version("bri-corridors")
    assert capsys.readouterr().out == f"corridors {expected}\n"
    assert geo.__version__ == expected


def test_version_without_metadata_falls_back_to_the_checkout(monkeypatch):
    import tomllib

    def not_installed(name):
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(metadata, "version", not_installed)
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert geo.__version__ == project["version"]
