"""The ``corridors`` command: a thin shell over the Python API."""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from .convert import MAX_FEATURES, MAX_SOURCE_BYTES, convert_to_layer
from .export import export_geojson
from .geodesic import UNITS
from .layers import (
    CATEGORIES,
    DEFAULT_LAYERS_DIR,
    LayerError,
    find_layer_files,
    load_layers,
    validate_file,
)
from .places import distance, is_lonlat, place_index, resolve_place
from .render import build_map, save_map
from .stats import corridor_lengths

__all__ = ["main"]

DEFAULT_OUTPUT = Path("outputs/belt_and_road.html")


def _cmd_build(args: argparse.Namespace) -> int:
    layers = load_layers(args.layers, only=args.only)
    save_map(build_map(layers), args.output)
    print(args.output)
    return 0


def _cmd_import(args: argparse.Namespace) -> int:
    report = convert_to_layer(
        args.src,
        args.output,
        name=args.name,
        category=args.category,
        name_field=args.name_field,
        source=args.source,
        layer=args.layer,
        description=args.description,
        x_field=args.x_field,
        y_field=args.y_field,
        crs=args.crs,
        encoding=args.encoding,
        strict=args.strict,
        force=args.force,
        layers_dir=args.layers,
        max_bytes=args.max_bytes,
        max_features=args.max_features,
    )
    if len(report.layers) > 1:
        took = ", ".join(f"{n.strip()!r} ({k:,})" for n, k in report.layers)
        print(f"took {len(report.layers)} layer(s) from {args.src.name}: {took}")
    for note in report.notes:
        print(note)
    print(f"wrote {report.path}: {report.features:,} feature(s), category {args.category}")
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    out = args.output.resolve()
    if out.suffix.lower() in (".geojson", ".json") and out.is_relative_to(args.layers.resolve()):
        raise ValueError(
            f"Expected an output outside the layers folder {str(args.layers)!r}, instead got "
            f"{str(args.output)!r}: it would be read back as a layer by every later command"
        )
    layers = load_layers(args.layers, only=args.only)
    export_geojson(layers, args.output, densify_km=args.densify)
    print(args.output)
    return 0


def _positive_km(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not value > 0:
        raise argparse.ArgumentTypeError(f"expected a number of km > 0, instead got {text!r}")
    return value


def _cmd_list(args: argparse.Namespace) -> int:
    layers = load_layers(args.layers)
    lengths = corridor_lengths(layers).groupby("layer")["length_km"].sum()
    rows = [
        {
            "id": layer.id,
            "category": layer.category,
            "features": len(layer),
            "line_km": round(float(lengths.get(layer.id, 0.0)), 1),
            "name": layer.name,
        }
        for layer in layers
    ]
    print(
        pd.DataFrame(rows, columns=["id", "category", "features", "line_km", "name"]).to_string(
            index=False
        )
    )
    return 0


def _cmd_lengths(args: argparse.Namespace) -> int:
    table = corridor_lengths(load_layers(args.layers))
    if args.format == "csv":
        sys.stdout.write(table.to_csv(index=False, float_format="%.3f"))
    elif args.format == "json":
        records = [
            {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in row.items()}
            for row in table.to_dict("records")
        ]
        print(json.dumps(records, ensure_ascii=False, indent=1, default=int))
    else:
        shown = table.assign(
            ratio=table["ratio"].map(lambda r: "" if math.isnan(r) else f"{r:.0%}"),
            published_km=table["published_km"].map(lambda v: "" if math.isnan(v) else f"{v:,.0f}"),
            length_km=table["length_km"].map("{:,.1f}".format),
            length_nmi=table["length_nmi"].map("{:,.1f}".format),
        )
        print(shown.to_string(index=False))
    return 0


def _cmd_distance(args: argparse.Namespace) -> int:
    layers = None
    if any(not is_lonlat(p) for p in (args.a, args.b)):
        layers = load_layers(args.layers)
    index = place_index(layers or [])
    a, b = resolve_place(args.a, index), resolve_place(args.b, index)
    value = distance(a[1:], b[1:], units=args.units)
    if args.format == "json":
        print(
            json.dumps(
                {"from": a[0], "to": b[0], "distance": value, "units": args.units},
                ensure_ascii=False,
            )
        )
    else:
        print(f"{a[0]} – {b[0]}: {value:,.3f} {args.units} (WGS84 geodesic)")
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
    problems: list[str] = []
    files: list[Path] = []
    for path in args.files:  # a folder stands for every layer file below it
        files.extend(find_layer_files(path) if path.is_dir() else [path])
    for path in files:
        try:
            validate_file(path, strict=args.strict)
        except LayerError as exc:
            problems.extend(exc.problems)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        bad = len({p.split(": ", 1)[0] for p in problems})
        print(f"{len(problems)} problem(s) in {bad} of {len(files)} file(s)", file=sys.stderr)
        return 1
    print(f"{len(files)} file(s) valid")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="corridors",
        description="Map and measure the Belt and Road Initiative's corridors, rail and ports.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add_only(p: argparse.ArgumentParser) -> None:
        p.add_argument("--only", nargs="+", metavar="ID", help="only these layer ids (see 'list')")

    def add_output(p: argparse.ArgumentParser, what: str, default: Path | None = None) -> None:
        p.add_argument(
            "-o",
            "--output",
            type=Path,
            default=default,
            required=default is None,
            metavar="PATH",
            help=what + (" (default: %(default)s)" if default else ""),
        )

    def add_layers(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--layers",
            type=Path,
            default=DEFAULT_LAYERS_DIR,
            metavar="DIR",
            help="folder of layer files (default: %(default)s)",
        )

    p = sub.add_parser(
        "build",
        help="write the web map",
        description="Write the layered web map (one HTML file) and print its path.",
    )
    add_layers(p)
    add_only(p)
    add_output(p, "HTML file to write", DEFAULT_OUTPUT)
    p.set_defaults(func=_cmd_build)

    p = sub.add_parser(
        "import",
        help="turn a GeoPackage, Shapefile, KML, CSV, ... into a layer file",
        description="Read any vector file GDAL reads (also a zip archive, or a table with "
        "coordinate columns), move it to WGS84, fix what is safe to fix (names, empty "
        "geometries, longitudes past ±180°) and say so, and write a validated layer file. "
        "Nothing is written if problems remain.",
    )
    p.add_argument("src", type=Path, metavar="SRC", help="the file, folder or zip to read")
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="PATH",
        help="layer file to write, ending in .geojson (default: LAYERS/user/<SRC name>.geojson)",
    )
    add_layers(p)
    p.add_argument("--name", help="the layer's title in the map (default: the file's name)")
    p.add_argument(
        "--category",
        default="other",
        choices=list(CATEGORIES),
        help="the kind of layer (default: %(default)s, any geometry)",
    )
    p.add_argument(
        "--name-field",
        metavar="COLUMN",
        help="column holding the feature names (default: 'name' in any case, else the first "
        "title- or label-like text column)",
    )
    p.add_argument("--source", help="source of the data, written on every feature")
    p.add_argument("--description", help="the layer's description")
    p.add_argument(
        "--layer",
        help="which layer of a multi-layer file, or dataset of a zip (default: every "
        "non-empty layer)",
    )
    p.add_argument("--x-field", metavar="COLUMN", help="a table's x / longitude column")
    p.add_argument("--y-field", metavar="COLUMN", help="a table's y / latitude column")
    p.add_argument(
        "--crs", help="CRS of those coordinates, or of a file without one (default EPSG:4326)"
    )
    p.add_argument("--encoding", help="text encoding, where the file's own is wrong or missing")
    p.add_argument(
        "--strict",
        action="store_true",
        help="fix nothing: refuse where names or geometries would change",
    )
    p.add_argument("--force", action="store_true", help="replace an existing output file")
    p.add_argument(
        "--max-bytes",
        type=int,
        default=MAX_SOURCE_BYTES,
        metavar="N",
        help="refuse sources larger than N bytes, uncompressed (default %(default)s)",
    )
    p.add_argument(
        "--max-features",
        type=int,
        default=MAX_FEATURES,
        metavar="N",
        help="refuse sources of more than N features (default %(default)s)",
    )
    p.set_defaults(func=_cmd_import)

    p = sub.add_parser(
        "export",
        help="write the layers as one GeoJSON file",
        description="Write every feature of the layers to one RFC 7946 GeoJSON file, with "
        "'layer_id' and 'layer_category' properties added; lines crossing ±180° are split there.",
    )
    add_layers(p)
    add_only(p)
    p.add_argument(
        "--densify",
        type=_positive_km,
        metavar="KM",
        help="add positions along the geodesic to line legs longer than KM km",
    )
    add_output(p, "GeoJSON file to write")
    p.set_defaults(func=_cmd_export)

    p = sub.add_parser(
        "list",
        help="list the layers",
        description="Each layer: id, category, feature count, total line length in km.",
    )
    add_layers(p)
    p.set_defaults(func=_cmd_list)

    p = sub.add_parser(
        "lengths",
        help="length of every line feature",
        description="Geodesic (WGS84) length of every line feature in km, with the "
        "published length and the drawn/published ratio where a layer records one.",
    )
    add_layers(p)
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    p.set_defaults(func=_cmd_lengths)

    p = sub.add_parser(
        "distance",
        help="geodesic distance between two places",
        description="Geodesic distance on the WGS84 ellipsoid between two places "
        "named in the layers, or 'lon,lat' pairs (e.g. 'Gwadar' '116.4,39.9').",
    )
    p.add_argument("a", help="place name or 'lon,lat'")
    p.add_argument("b", help="place name or 'lon,lat'")
    add_layers(p)
    p.add_argument("--units", choices=list(UNITS), default="km")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(func=_cmd_distance)

    p = sub.add_parser(
        "validate",
        help="check layer files",
        description="Report every problem in every file (a folder: every layer file below "
        "it); exit 1 if there is any.",
    )
    p.add_argument("files", nargs="+", type=Path, metavar="FILE_OR_FOLDER")
    p.add_argument(
        "--strict",
        action="store_true",
        help="also require a 'source' on every feature (the shipped layers' rule)",
    )
    p.set_defaults(func=_cmd_validate)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 1 error)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    # a place like "-0.13,51.5" (west of Greenwich) is a value, not an option
    argv = [" " + a if a.startswith("-") and is_lonlat(a) else a for a in argv]
    args = _parser().parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:  # the reader went away (e.g. `corridors lengths | head`)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except (LayerError, ValueError, OSError) as exc:
        print(f"corridors {args.command}: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug: still one line, no traceback
        print(
            f"corridors {args.command}: internal error ({type(exc).__name__}: {exc}); "
            "please report it with the command and the files that caused it",
            file=sys.stderr,
        )
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
