"""The ``corridors`` command: a thin shell over the Python API."""

from __future__ import annotations

import argparse
import contextlib
import math
import os
import shutil
import sys
import tempfile
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path

import pandas as pd

from ._text import csv_cell, json_text, printable
from ._version import package_version
from .convert import MAX_FEATURES, MAX_SOURCE_BYTES, convert_to_layer, read_foreign
from .export import EXPORT_FORMATS, TEXT_EXPORT_FORMATS, export_format, export_layers
from .format import MAX_CLASSES, MIN_CLASSES, PALETTES, SCHEMES, style_problem
from .geodesic import UNITS
from .geometry import LINES, is_kind
from .layers import (
    CATEGORIES,
    LAYER_SUFFIXES,
    Layer,
    LayerError,
    LayerWarning,
    duplicate_id_problems,
    find_layer_files,
    load_layers,
    shipped_layers_dir,
)
from .places import distance, is_lonlat, place_index, resolve_place
from .stats import corridor_lengths
from .validation import MAX_PROBLEMS_PER_FILE, problem_count, validate_file
from .values import is_year_name, plain_value
from .years import as_of, as_of_caption

__all__ = ["main"]

DEFAULT_OUTPUT = Path("outputs/belt_and_road.html")
#: ``-o -``: write to standard output.
STDOUT = "-"
#: Longest name or id shown in a table or line of terminal output.
_SHOWN = 100


def _output_path(value: str | Path, what: str) -> Path | None:
    """The file ``-o`` names, or None for standard output ("-")."""
    text = os.fspath(value)
    if text == STDOUT:
        return None
    if text.endswith(("/", os.sep)):
        raise ValueError(
            f"Expected a file path for {what}, instead got the folder {printable(text)!r}"
        )
    return Path(text)


def _outside_layers(output: Path | None, layers: Path, what: str, *, any_file: bool) -> None:
    """Refuse an output inside the layers folder, symbolic links resolved on both sides:
    with ``any_file``, any path there (a map never belongs among the layers); else only a
    file that would be read back as a layer."""
    if output is None:
        return
    out = output.resolve()
    if not out.is_relative_to(layers.resolve()):
        return
    if any_file:
        why = f"{what} is not a layer, and would replace or sit among the layer files"
    elif out.suffix.lower() in LAYER_SUFFIXES:
        why = "it would be read back as a layer by every later command"
    else:
        return
    raise ValueError(
        f"Expected an output outside the layers folder {printable(layers)!r}, instead got "
        f"{printable(output)!r}: {why}"
    )


def _layers_dir(args: argparse.Namespace) -> Path:
    """The layers folder: ``--layers``, else the shipped layers, whatever the working
    directory (shown below it where it lies there, so paths read as the user types them)."""
    if args.layers is not None:
        return args.layers
    folder = shipped_layers_dir()
    try:
        return folder.relative_to(Path.cwd().resolve())
    except (ValueError, OSError):  # elsewhere; or the working directory is gone
        return folder


def _layers_if_any(args: argparse.Namespace) -> list[Layer] | None:
    """The layers, where there is a layers folder (for commands that only use them to name
    places); None where there is none."""
    try:
        folder = _layers_dir(args)
    except LayerError:  # no shipped folder (a wheel install) and no --layers
        return None
    return load_layers(folder) if folder.is_dir() else None


def _to_stdout(write: Callable[[Path], object], name: str) -> None:
    """Run ``write(path)`` into a scratch folder and copy the file to standard output."""
    with tempfile.TemporaryDirectory(prefix=".bri-") as scratch:
        path = Path(scratch) / name
        write(path)
        sys.stdout.flush()
        with path.open("rb") as fh:
            shutil.copyfileobj(fh, sys.stdout.buffer)
        sys.stdout.buffer.flush()


def _cmd_build(args: argparse.Namespace) -> int:
    from .render import build_map, save_map  # folium: only for the command that draws

    output = _output_path(args.output, "the map")
    folder = _layers_dir(args)
    _outside_layers(output, folder, "the map", any_file=True)
    layers = _restyled(load_layers(folder, only=args.only), args)
    year = None if args.year is None else _checked_year(layers, args.year, "--year")
    fmap = build_map(layers, title=args.title, subtitle=args.subtitle, year=year)
    if output is None:
        _to_stdout(lambda path: save_map(fmap, path), "map.html")
    else:
        save_map(fmap, output)
        print(printable(output))
    return 0


_CLASSED_OPTIONS = ("color_by", "scheme", "classes", "palette", "size_by", "unit")


def _restyled(layers: list, args: argparse.Namespace) -> list:
    """``layers`` with ``build --restyle ID``'s classed style on layer ID."""
    from .classes import restyle

    options = {k: getattr(args, k) for k in _CLASSED_OPTIONS if getattr(args, k) is not None}
    if args.restyle is None:
        if options:
            given = ", ".join("--" + k.replace("_", "-") for k in options)
            raise ValueError(f"Expected --restyle ID with {given}: the layer to draw so")
        return layers
    ids = [layer.id for layer in layers]
    if args.restyle not in ids:
        raise ValueError(
            f"--restyle: expected one of the map's layer ids ({', '.join(ids)}), instead "
            f"got {printable(args.restyle)!r}"
        )
    if not options:
        raise ValueError("Expected --color-by or --size-by with --restyle")
    return [restyle(la, **options) if la.id == args.restyle else la for la in layers]


def _year_text(text: str, what: str) -> int:
    """A year given on the command line (``--year 2013``), or one error line."""
    try:
        return int(text)
    except ValueError:
        raise ValueError(
            f"Expected {what} to be a year, a whole number such as 2013, instead got "
            f"{printable(text, 40)!r}"
        ) from None


def _checked_year(layers: list[Layer], text: str, what: str) -> int:
    """A year given on the command line, where the layers' years span it."""
    from .history import checked_year

    return checked_year(layers, _year_text(text, what), what=what)


def _cmd_plot(args: argparse.Namespace) -> int:
    from .plot import DEFAULT_TITLE, plot_format, plot_map, save_plot  # matplotlib: only here

    if args.timeline and args.year is not None:
        raise ValueError(
            "Expected --timeline (every year) or --year YEAR (the map of one year), instead "
            "got both"
        )
    output = _output_path(args.output, "the figure")
    folder = _layers_dir(args)
    _outside_layers(output, folder, "the figure", any_file=True)
    fmt = plot_format(args.output, args.format)
    if output is None:
        _binary_to_stdout(f"the {fmt} figure")
    layers = load_layers(folder, only=args.only)
    if args.timeline:
        from .history import TIMELINE_TITLE, plot_timeline, timeline

        title = TIMELINE_TITLE if args.title is None else args.title
        fig = plot_timeline(timeline(layers), title=title, dpi=args.dpi)
    else:
        title = DEFAULT_TITLE if args.title is None else args.title
        if args.year is not None:
            year = _checked_year(layers, args.year, "--year")
            layers, title = as_of(layers, year), as_of_caption(title, year)
        fig = plot_map(layers, title=title, lon_0=args.lon_0, dpi=args.dpi)
    if output is None:
        _to_stdout(lambda path: save_plot(fig, path, format=fmt), f"map.{fmt}")
    else:
        save_plot(fig, output, format=fmt)
        print(printable(output))
    return 0


def _cmd_import(args: argparse.Namespace) -> int:
    output = None if args.output is None else _output_path(args.output, "the layer")
    if args.output is not None and output is None:
        raise ValueError("Expected a file path for the layer, instead got '-' (standard output)")
    try:
        layers_dir = _layers_dir(args)
    except LayerError:  # no shipped folder: only -o says where to write
        if output is None:
            raise
        layers_dir = output.parent
    report = convert_to_layer(
        args.src,
        output,
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
        layers_dir=layers_dir,
        max_bytes=args.max_bytes,
        max_features=args.max_features,
        color_by=args.color_by,
        scheme=args.scheme,
        classes=args.classes,
        palette=args.palette,
        size_by=args.size_by,
        unit=args.unit,
    )
    if len(report.layers) > 1:
        took = ", ".join(f"{n.strip()!r} ({k:,})" for n, k in report.layers)
        print(printable(f"took {len(report.layers)} layer(s) from {args.src.name}: {took}"))
    for note in report.notes:
        print(printable(note))
    wrote = f"wrote {printable(report.path)}: {report.features:,} feature(s)"
    print(f"{wrote}, category {args.category}")
    return 0


def _binary_to_stdout(what: str) -> None:
    """Refuse to write a binary file to a terminal (``-o -`` with a binary format)."""
    if sys.stdout.isatty():
        raise ValueError(
            f"Expected standard output redirected to a file or pipe for {what}, instead got "
            "a terminal; redirect it (> FILE) or name a file with -o"
        )


def _export_choice(output: Path | None, chosen: str | None) -> str:
    """The export format: --format, else the output's suffix; GeoJSON on standard output."""
    if output is None:
        return chosen or "geojson"
    by_suffix = export_format(output) if chosen is None or output.suffix else chosen
    if chosen is not None and by_suffix != chosen:
        raise ValueError(
            f"Expected an output file ending in {' or '.join(EXPORT_FORMATS[chosen])} for "
            f"--format {chosen}, instead got {printable(output)!r}"
        )
    return by_suffix


def _cmd_export(args: argparse.Namespace) -> int:
    output = _output_path(args.output, "the export")
    chosen = _export_choice(output, args.format)
    folder = _layers_dir(args)
    _outside_layers(output, folder, "the export", any_file=False)
    layers = load_layers(folder, only=args.only)

    def write(path: Path) -> Path:
        return export_layers(layers, path, format=chosen, densify_km=args.densify)

    if output is None:
        if chosen not in TEXT_EXPORT_FORMATS:
            _binary_to_stdout(f"the {chosen} file")
        _to_stdout(write, "all" + EXPORT_FORMATS[chosen][0])
    else:
        write(output)
        print(printable(output))
    return 0


def _positive_km(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not value > 0:
        raise argparse.ArgumentTypeError(f"expected a number of km > 0, instead got {text!r}")
    return value


def _positive_number(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not (value > 0 and math.isfinite(value)):
        raise argparse.ArgumentTypeError(f"expected a number > 0, instead got {text!r}")
    return value


def _cmd_list(args: argparse.Namespace) -> int:
    layers = load_layers(_layers_dir(args))
    lengths = corridor_lengths(layers).groupby("layer")["length_km"].sum()
    rows = [
        {
            "id": printable(layer.id, _SHOWN),
            "category": layer.category,
            "features": len(layer),
            "line_km": round(float(lengths.get(layer.id, 0.0)), 1),
            "name": printable(layer.name, _SHOWN),
        }
        for layer in layers
    ]
    print(
        pd.DataFrame(rows, columns=["id", "category", "features", "line_km", "name"]).to_string(
            index=False
        )
    )
    return 0


def _print_csv(table: pd.DataFrame) -> None:
    """A table as CSV: numbers stay numbers (floats to 3 decimals), text as a cell no
    spreadsheet runs."""
    numbers = table.select_dtypes("number").columns
    text = {c: table[c].map(csv_cell) for c in table.columns if c not in numbers}
    sys.stdout.write(table.assign(**text).to_csv(index=False, float_format="%.3f"))


def _print_json(table: pd.DataFrame) -> None:
    """A table as a JSON list of rows; missing values (NaN, NA) as null."""
    records = [{str(k): plain_value(v) for k, v in row.items()} for row in table.to_dict("records")]
    print(json_text(records, indent=1))


def _cmd_lengths(args: argparse.Namespace) -> int:
    layers = load_layers(_layers_dir(args))
    when = ""
    if args.year is not None:
        year = _checked_year(layers, args.year, "--year")
        layers, when = as_of(layers, year), f" as of {year}"
    table = corridor_lengths(layers)
    if args.format == "csv":
        _print_csv(table)
    elif args.format == "json":
        _print_json(table)
    elif table.empty:
        print(
            f"no line features in the {len(layers)} layer(s) of {printable(_layers_dir(args))}"
            f"{when} ({_geometry_kinds(layers)}); lengths are of LineString and "
            "MultiLineString features"
        )
    else:
        shown = table.assign(
            ratio=table["ratio"].map(lambda r: "" if math.isnan(r) else f"{r:.0%}"),
            published_km=table["published_km"].map(lambda v: "" if math.isnan(v) else f"{v:,.0f}"),
            length_km=table["length_km"].map("{:,.1f}".format),
            length_nmi=table["length_nmi"].map("{:,.1f}".format),
            layer=table["layer"].map(lambda v: printable(v, _SHOWN)),
            feature=table["feature"].map(lambda v: printable(v, _SHOWN)),
        )
        print(shown.to_string(index=False))
    return 0


def _timeline_shown(table: pd.DataFrame) -> pd.DataFrame:
    """``corridors timeline``'s table for a terminal: a category's features and km under
    its name, km to one decimal, each series' values (their sources are in CSV and JSON)."""
    from .history import series_columns

    columns: dict[tuple[str, str], pd.Series] = {("year", ""): table["year"]}
    for column in table.columns:
        category, _, what = column.rpartition("_")
        if what == "features":
            columns[(category, what)] = table[column]
        elif what == "km":
            columns[(category, what)] = table[column].map("{:,.1f}".format)
    for column in series_columns(table):
        columns[(printable(column, 40), "")] = table[column].map(
            lambda v: "" if pd.isna(v) else f"{v:,.0f}" if float(v).is_integer() else f"{v:,}"
        )
    return pd.DataFrame(columns)


def _cmd_timeline(args: argparse.Namespace) -> int:
    from .history import series_columns, timeline
    from .years import year_span

    layers = load_layers(_layers_dir(args))
    years = None  # the layers' span (an error where they carry no year)
    if args.first is not None or args.last is not None:
        first = None if args.first is None else _checked_year(layers, args.first, "--from")
        last = None if args.last is None else _checked_year(layers, args.last, "--to")
        span = year_span(layers)  # a year was checked against it: the layers have one
        first = span[0] if first is None else first
        last = span[1] if last is None else last
        if first > last:
            raise ValueError(f"Expected --from no later than --to, instead got {first} > {last}")
        years = range(first, last + 1)
    table = timeline(layers, years)
    if args.format == "csv":
        _print_csv(table)
    elif args.format == "json":
        _print_json(table)
    else:
        print(_timeline_shown(table).to_string(index=False))
        for column in series_columns(table):
            label = table.attrs["series"].get(column, column)
            print(
                f"{printable(column, 40)}: {printable(label, 200)}, where published (each "
                "year's source: --format csv or json)"
            )
        print("features on the map each year; km of line along the WGS84 geodesic")
    return 0


def _cmd_distance(args: argparse.Namespace) -> int:
    layers = None
    if any(not is_lonlat(p) for p in (args.a, args.b)):
        layers = load_layers(_layers_dir(args))
    index = place_index(layers or [])
    a, b = resolve_place(args.a, index), resolve_place(args.b, index)
    value = distance(a[1:], b[1:], units=args.units)
    if args.format == "json":
        print(json_text({"from": a[0], "to": b[0], "distance": value, "units": args.units}))
    else:
        names = printable(a[0], _SHOWN), printable(b[0], _SHOWN)
        print(f"{names[0]} – {names[1]}: {value:,.3f} {args.units} (WGS84 geodesic)")
    return 0


def _has_lines(layer) -> bool:
    """A layer of a line category, or an 'other' layer holding lines."""
    return CATEGORIES[layer.category].is_line or bool(
        is_kind(layer.frame.geometry.array, LINES).any()
    )


def _geometry_kinds(layers) -> str:
    """What the layers hold, for a message: "47 Point, 1 Polygon" (or "no features")."""
    if not layers:  # e.g. none stood in the year asked for
        return "no features"
    kinds = pd.concat([layer.frame.geometry.geom_type for layer in layers], ignore_index=True)
    counts = kinds.fillna("null geometry").value_counts(sort=False).sort_index()
    return ", ".join(f"{n} {kind}" for kind, n in counts.items()) or "no features"


def _cmd_countries(args: argparse.Namespace) -> int:
    from .countries import length_by_country  # the borders: only for the commands using them

    folder = _layers_dir(args)
    output = None if args.map is None else _output_path(args.map, "the map")
    if args.map is not None and output is None:
        raise ValueError("Expected a file path for the map, instead got '-' (standard output)")
    if output is not None:
        _outside_layers(output, folder, "the map", any_file=True)
        if problem := style_problem("classes", args.classes):
            raise ValueError(f"--classes: {problem}")
    layers = load_layers(folder, only=None if args.id is None else [args.id])
    tables = []
    for layer in layers:
        if not _has_lines(layer):
            continue
        table = length_by_country(layer)
        whole = table.groupby("feature", sort=False)["length_km"].transform("sum")
        share = (table["length_km"] / whole.where(whole > 0)).astype(float)  # 0 km: no share
        tables.append(table.assign(layer=layer.id, share=share))
    if not tables and args.id is not None:
        raise ValueError(
            f"Expected a layer of lines (LineString or MultiLineString), instead got "
            f"{printable(args.id)!r}, which holds {_geometry_kinds(layers)}"
        )
    if not tables:
        raise ValueError(
            f"Expected a layer of lines (LineString or MultiLineString) in "
            f"{printable(folder)!r}, instead got {len(layers)} layer(s) holding "
            f"{_geometry_kinds(layers)}"
        )
    table = pd.concat(tables, ignore_index=True)
    if table.empty:  # layers of a line category with no features
        where = f"layer {printable(args.id)!r}" if args.id else printable(folder)
        print(f"no line features in {where} ({_geometry_kinds(layers)})")
        return 0
    shown = pd.DataFrame(
        {
            "layer": table["layer"].map(lambda v: printable(v, _SHOWN)),
            "feature": table["feature"].map(lambda v: printable(v, _SHOWN)),
            "part": table["part"],
            "country": table["country"].fillna("-"),
            "name": table["country_name"].fillna("(sea)"),
            "km": table["length_km"].map("{:,.1f}".format),
            "share": table["share"].map(lambda v: "-" if math.isnan(v) else f"{v:.1%}"),
        }
    )
    if args.id is not None:
        shown = shown.drop(columns="layer")
    print(shown.to_string(index=False))
    print(
        "WGS84 geodesic km along each line, split at Natural Earth 4.1.0 1:50m borders "
        "(de facto lines); codes: ISO 3166-1 alpha-3 from GeoNames"
    )
    if output is not None:
        _countries_map(table, [la for la in layers if _has_lines(la)], output, args)
    return 0


def _countries_map(table: pd.DataFrame, layers: list, output: Path, args) -> None:
    """Write the map of ``corridors countries --map``: the countries shaded by km of the
    layers' lines in each, the lines on top."""
    from .choropleth import country_layer, country_totals
    from .render import build_map, save_map

    km = country_totals(table).rename(columns={"length_km": "km"})
    km["km"] = km["km"].round(1)
    shaded = country_layer(
        km,
        "km",
        unit="km",
        name="Kilometres of line per country",
        scheme=args.scheme,
        classes=args.classes,
        palette=args.palette,
        source="Kilometres: WGS84 geodesic km of the layers' lines in each country "
        "(geo.length_by_country), summed over "
        + ", ".join(printable(la.id, _SHOWN) for la in layers)
        + ".",
    )
    title = "Kilometres of line per country"
    lines = layers[0].name if len(layers) == 1 else f"the lines of {len(layers)} layers"
    subtitle = f"{len(km)} countries crossed by {lines}; WGS84 geodesic km"
    save_map(build_map([shaded, *layers], title=title, subtitle=printable(subtitle, 200)), output)
    print(f"wrote {printable(output)}: {len(km)} countries, classed by km ({args.scheme})")


def _any_layer(path: Path):
    """A layer file as it is, or any other vector file read as ``corridors import`` would
    (in memory: nothing is written), saying on standard error what was changed. Where
    neither reads it, the error is the layer file's for a .geojson or .json file, else the
    import's (a CSV's missing coordinate columns, not "not valid JSON")."""
    from .layers import load_layer

    try:
        return load_layer(path)
    except LayerError as not_a_layer:
        try:
            read = read_foreign(path)
        except (LayerError, ValueError, OSError) as failed:
            if path.suffix.lower() in (".geojson", ".json") and not _recognised(failed):
                raise not_a_layer from None
            problems = failed.problems if isinstance(failed, LayerError) else [str(failed)]
            hint = " (read as 'corridors import' would; import it with its options first)"
            raise LayerError([p + hint for p in problems]) from None
        print(
            f"note: {printable(path)} is not a layer file; read as 'corridors import' would"
            + "".join(f"; {printable(n)}" for n in read.notes),
            file=sys.stderr,
        )
        return read.to_layer(path.stem)


def _recognised(failed: Exception) -> bool:
    """Whether the import's error says what the file is (an OGR VRT, an HTML page, ...),
    which tells more than the layer file's "not valid JSON"."""
    return isinstance(failed, LayerError) and any(
        "expected a vector data file" in p for p in failed.problems
    )


def _lines_of(args: argparse.Namespace, layer_id: str):
    """The LineStrings and MultiLineStrings of layer ``layer_id`` (a frame); a layer without
    lines is refused."""
    (lines,) = load_layers(_layers_dir(args), only=[layer_id])
    if not _has_lines(lines):
        raise ValueError(
            f"Expected a layer of lines for ID, instead got {printable(layer_id)!r} "
            f"(category {lines.category})"
        )
    return lines.frame[lines.frame.geom_type.isin(["LineString", "MultiLineString"]).to_numpy()]


def _points_in(path: Path):
    """The layer of points in ``path`` (read as ``_any_layer`` reads it); lines and
    polygons are refused, naming the file and feature."""
    points = _any_layer(path)
    if CATEGORIES[points.category].is_line:
        raise ValueError(
            f"Expected a layer of points for --layer, instead got {printable(path)!r} "
            f"(category {points.category})"
        )
    kinds = points.frame.geometry.geom_type
    bad = [i for i, kind in enumerate(kinds) if kind not in ("Point", "MultiPoint", None)]
    if bad:
        name = points.frame["name"].iloc[bad[0]] if "name" in points.frame else None
        raise ValueError(
            f"{printable(path)}: feature {bad[0]}"
            + (f" ({printable(name, _SHOWN)!r})" if isinstance(name, str) else "")
            + ": expected Point or MultiPoint features for --layer, instead got "
            + str(kinds.iloc[bad[0]])
            + (f" (and {len(bad) - 1} more)" if len(bad) > 1 else "")
        )
    return points


def _cmd_near(args: argparse.Namespace) -> int:
    from .near import within

    of = _lines_of(args, args.id)
    points = _points_in(args.layer)
    near = within(points, of=of, km=args.km).sort_values("distance_km", kind="stable")
    shown = pd.DataFrame(
        {
            "name": near["name"].map(lambda v: printable(v, _SHOWN)),
            "distance_km": near["distance_km"].map("{:,.1f}".format),
        }
    )
    if len(of) > 1:
        shown["nearest"] = near["nearest"].map(lambda v: printable(v, _SHOWN))
    if len(shown):
        print(shown.to_string(index=False))
    print(
        f"{len(near)} of {len(points)} feature(s) of {printable(args.layer)} within "
        f"{args.km:g} km of {printable(args.id)} (WGS84 geodesic distance to its lines)"
    )
    return 0


#: ``corridors summarize``'s options that ask for a statistic of a column, in order.
_STATISTIC_OPTIONS = ("sum", "mean", "max", "min")


def _summary_number(value: float) -> str:
    """A statistic as the table shows it: whole numbers without decimals, others with two;
    "-" where there is none (the mean of no value)."""
    if math.isnan(value):
        return "-"
    if value == int(value) and abs(value) < 1e15:
        return f"{value:,.0f}"
    return f"{value:,.2f}"


def _print_table(table: pd.DataFrame, fmt: str) -> None:
    """A summary as CSV (text cells made inert, numbers as they are) or JSON (missing as
    null), on standard output."""
    if fmt == "csv":
        numbers = table.select_dtypes("number").columns  # numbers stay numbers
        text = {c: table[c].map(csv_cell) for c in table.columns if c not in numbers}
        safe = table.assign(**text).rename(columns=lambda c: csv_cell(str(c)))
        sys.stdout.write(safe.to_csv(index=False))
    else:
        records = [
            {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in row.items()}
            for row in table.to_dict("records")
        ]
        print(json_text(records, indent=1, default=int))


def _cmd_summarize(args: argparse.Namespace) -> int:
    from .summarize import check_values, summarize

    values: dict[str, list[str]] = {}
    for stat in _STATISTIC_OPTIONS:
        for column in getattr(args, stat):
            values.setdefault(column, []).append(stat)
    if args.by == "country":  # no layers folder needed
        if args.km is not None:
            raise ValueError(
                f"Expected no --km with --by country (a feature counts for the country it "
                f"lies in), instead got --km {args.km:g}"
            )
        by = "country"
    elif args.km is None:
        raise ValueError(
            f"Expected --km KM with --by {printable(args.by)} (a feature counts for each "
            "line it lies within KM km of), instead got none"
        )
    else:
        by = _lines_of(args, args.by)
    points = _points_in(args.layer)
    try:
        check_values(points, values)
    except ValueError as exc:  # a column of the file
        raise ValueError(f"{printable(args.layer)}: {exc}") from None
    table = summarize(points, by, km=args.km, values=values)
    if args.format != "table":
        _print_table(table, args.format)
        return 0
    shown = table.copy()
    for column in table.columns:
        if column in ("feature", "name"):
            shown[column] = table[column].map(lambda v: printable(v, _SHOWN))
        elif column == "iso_a3":
            shown[column] = table[column].fillna("-")
        elif column == "count" or column.endswith("_count"):
            shown[column] = table[column].map("{:,}".format)
        elif is_year_name(column):  # a year: 2018, not 2,018
            shown[column] = table[column].map(lambda v: _summary_number(v).replace(",", ""))
        else:
            shown[column] = table[column].map(_summary_number)
    shown = shown.rename(columns=lambda c: printable(c, _SHOWN))
    what = f"{len(points)} feature(s) of {printable(args.layer)}"
    if args.by == "country":
        print(shown.to_string(index=False))
        print(
            f"{what}, by the country each lies in: Natural Earth 4.1.0 1:50m borders (de "
            "facto lines); codes: ISO 3166-1 alpha-3 from GeoNames"
        )
    elif table.empty:
        print(f"no line features in layer {printable(args.by)!r}")
    else:
        print(shown.to_string(index=False))
        print(
            f"{what}; each counts for every line of {printable(args.by)} within {args.km:g} "
            "km of it (WGS84 geodesic distance)"
        )
    return 0


def _compare_label(key: str, legs: tuple, a: str, b: str) -> str:
    """A row's name in ``corridors compare``'s table; a sea leg that starts or ends at a
    port other than A or B (an inland place) names its ports, as the row's length is
    theirs."""
    start, end = legs[-1].start[0], legs[-1].end[0]
    if key == "rail+sea":
        label = f"rail to {printable(start, 40)}, then sea"
        return label + (f" to {printable(end, 40)}" if end != b else "")
    if key == "sea" and len(legs) > 1:  # door to door: land legs to and from the ports
        sea = next(leg for leg in legs if leg.mode == "sea")
        return f"sea via {printable(sea.start[0], 30)} – {printable(sea.end[0], 30)}, door to door"
    if key == "sea" and (start, end) != (a, b):
        return f"sea, {printable(start, 40)} – {printable(end, 40)}"
    return key


def _crossing_text(crossing) -> str:
    """A border a rail route crosses, in words: 'CHN–KAZ at Alashankou, gauge change'."""
    text = f"{crossing.from_country}–{crossing.to_country}"
    if crossing.gateway:
        text += f" at {printable(crossing.gateway, 60)}"
    return text + (" (gauge change)" if crossing.gauge_change else "")


def _compare_lines(routes: dict, emissions=None) -> list[str]:
    """``corridors compare``'s text: the table, why a row has no route, then each leg's
    ends, places, notes and source, then the speeds the days assume and the intensities
    the CO2 assumes (``emissions``: the load of a TEU, printed once)."""
    from .routing import LABELS
    from .transit import passage_name

    a, b = routes.ends
    rail_km = sum(leg.length_km for leg in routes["rail"]) or None
    lines = [
        f"{printable(a, _SHOWN)} – {printable(b, _SHOWN)}: "
        "shortest paths, WGS84 geodesic length along each",
    ]
    labels = {key: _compare_label(key, legs, a, b) if legs else key
              for key, legs in routes.items()}  # fmt: skip
    width = max(34, *(len(label) + 2 for label in labels.values()))
    head = f"{'km':>10}{'nmi':>10}{'days':>13}{'kg CO2e/TEU':>15}{'× rail':>8}"
    lines.append(f"  {'route':<{width}}{head}")
    for key, legs in routes.items():
        if not legs:
            lines.append(f"  {labels[key]:<{width}}{'-':>10}{'-':>10}{'-':>13}{'-':>15}{'-':>8}")
            continue
        km = sum(leg.length_km for leg in legs)
        days = f"{sum(leg.days[0] for leg in legs):.1f}–{sum(leg.days[1] for leg in legs):.1f}"
        co2 = _co2_text(sum(leg.co2_kg_per_teu[0] for leg in legs),
                        sum(leg.co2_kg_per_teu[1] for leg in legs))  # fmt: skip
        ratio = f"{km / rail_km:.2f}" if rail_km else "-"
        lines.append(
            f"  {labels[key]:<{width}}{km:>10,.0f}{sum(leg.length_nmi for leg in legs):>10,.0f}"
            f"{days:>13}{co2:>15}{ratio:>8}"
        )
    for key, why in routes.missing.items():
        lines.append(f"no {LABELS[key]} row: {printable(why, 400)}")
    for key, legs in routes.items():
        for leg in legs:
            head = f"{LABELS[key]}" + (f" ({leg.mode} leg)" if len(legs) > 1 else "")
            ends = (
                f"{printable(leg.start[0], _SHOWN)} ({leg.snap_km[0]:,.1f} km to the network) – "
                f"{printable(leg.end[0], _SHOWN)} ({leg.snap_km[1]:,.1f} km)"
            )
            lines.append(f"{head}: {ends}: {leg.length_km:,.1f} km, {leg.length_nmi:,.1f} nmi")
            lines[-1] += f", {leg.days[0]:.1f}–{leg.days[1]:.1f} days"
            lines[-1] += f", {_co2_text(*leg.co2_kg_per_teu)} kg CO2e/TEU"
            if leg.passages:
                lines.append("  passages: " + ", ".join(passage_name(p) for p in leg.passages))
            if leg.crossings:
                lines.append("  crosses: " + ", ".join(_crossing_text(c) for c in leg.crossings))
            names = ", ".join(printable(n.name, 60) for n in leg.nodes)
            lines.append(f"  passes {len(leg.nodes)} named place(s): {names or '-'}")
            lines.extend(f"  note: {printable(note, 400)}" for note in leg.notes)
            if leg.mode == "rail" and not leg.bridges:
                lines.append("  on the network's track all the way (no gap stepped over)")
            lines.append(f"  source: {leg.source}")
    for title, field in (("days assume:", "assumptions"), ("CO2 assumes:", "co2_assumptions")):
        lines.append(title)
        if field == "co2_assumptions" and emissions is not None:
            lines.append(f"  {emissions.describe_load()}")
        seen = []
        for legs in routes.values():
            for leg in legs:
                if getattr(leg, field) not in seen:
                    seen.append(getattr(leg, field))
        lines.extend(f"  {text}" for text in seen)
    return lines


def _co2_text(low: float, high: float) -> str:
    """A (low, high) kg CO2e range in whole kg: '1,753–2,620'."""
    return f"{low:,.0f}–{high:,.0f}"


def _one_via(given: list[str] | None) -> str | None:
    """The one ``--via`` port of ``compare`` (None: none); given twice, an error rather
    than the last kept without a word (the rail-then-sea row goes to sea at one port)."""
    if not given:
        return None
    if len(given) > 1:
        quoted = ", ".join(repr(v) for v in given)
        raise ValueError(
            f"Expected --via once (the one port where the rail-then-sea row goes to sea), "
            f"instead got {len(given)}: {quoted}"
        )
    return given[0]


def _tonnes_per_teu(text: str | None) -> float | None:
    """``--tonnes-per-teu`` as a number > 0 (a ValueError naming the text as given: an
    error line and exit status 1, not argparse's usage error)."""
    if text is None:
        return None
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and value > 0):
        raise ValueError(f"Expected --tonnes-per-teu to be a number > 0, instead got: {text!r}")
    return value


def _cmd_compare(args: argparse.Namespace) -> int:
    from .emissions import emission_assumptions
    from .routing import compare_routes, gateway, route_layers
    from .transit import transit_assumptions

    output = None if args.map is None else _output_path(args.map, "the map")
    if args.map is not None and output is None:
        raise ValueError("Expected a file path for the map, instead got '-' (standard output)")
    if output is not None:
        with contextlib.suppress(LayerError):  # no layers folder: nothing to keep clear
            _outside_layers(output, _layers_dir(args), "the map", any_file=True)
    via = _one_via(args.via)
    places = [args.a, args.b, *([via] if via else []), *args.through]
    places += args.gateway
    named = any(not is_lonlat(p) for p in places)
    layers = load_layers(_layers_dir(args)) if named else _layers_if_any(args)
    # a missing routing extra is a ValueError too: one line, as any other error
    transit = transit_assumptions(km_per_day=args.km_per_day, knots=args.knots)
    emissions = emission_assumptions(tonnes_per_teu=_tonnes_per_teu(args.tonnes_per_teu))
    through = list(args.through)
    through += [gateway(name, layers or [])[0] for name in args.gateway]
    routes = compare_routes(
        args.a,
        args.b,
        via=via,
        through=through,
        layers=layers or [],
        transit=transit,
        emissions=emissions,
    )
    print("\n".join(_compare_lines(routes, emissions)))
    if output is not None:
        from .render import build_map, save_map

        save_map(build_map(route_layers(routes)), output)
        print(f"wrote {printable(output)}")
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
    problems: list[str] = []
    files: list[Path] = []
    for path in args.files:  # a folder stands for every layer file below it
        if not path.is_dir():
            files.append(path)
            continue
        found = find_layer_files(path)
        if not found:
            problems.append(
                f"{printable(path)}: no layer files found; expected .geojson files in this folder"
            )
        problems.extend(duplicate_id_problems(found, path))
        files.extend(found)
    total = len(problems)
    bad = 0
    for path in files:
        try:
            validate_file(path, strict=args.strict)
        except LayerError as exc:
            problems.extend(exc.problems)
            total += problem_count(exc)
            bad += 1
    if problems:
        print("\n".join(printable(p) for p in problems), file=sys.stderr)
        if files:
            print(f"{total:,} problem(s) in {bad} of {len(files)} file(s)", file=sys.stderr)
        return 1
    print(f"{len(files)} file(s) valid")
    return 0


class _Version(argparse.Action):
    """``--version``: the installed package's version (read only when asked for)."""

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        print(f"corridors {package_version()}")
        parser.exit()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="corridors",
        description="Map and measure the Belt and Road Initiative's corridors, rail and ports.",
    )
    parser.add_argument(
        "--version",
        action=_Version,
        nargs=0,
        help="print the version of bri-corridors and exit",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add_only(p: argparse.ArgumentParser) -> None:
        p.add_argument("--only", nargs="+", metavar="ID", help="only these layer ids (see 'list')")

    def add_output(p: argparse.ArgumentParser, what: str, default: Path | None = None) -> None:
        p.add_argument(
            "-o",
            "--output",
            type=str,
            default=default,
            required=default is None,
            metavar="PATH",
            help=what + (" (default: %(default)s)" if default else ""),
        )

    def add_year(p: argparse.ArgumentParser, what: str) -> None:
        p.add_argument(
            "--year",
            metavar="YEAR",
            help=what + " (a year the layers' start_year, end_year, construction_start_year "
            "and status_year span)",
        )

    def add_classed_style(p: argparse.ArgumentParser) -> None:
        """The options of a classed style (:class:`geo.convert.ImportOptions`)."""
        p.add_argument(
            "--color-by",
            metavar="FIELD",
            help="colour the features by this property: numbers in classes, text a colour a value",
        )
        p.add_argument(
            "--scheme",
            choices=list(SCHEMES),
            help="how numbers are classed: quantiles (default), equal intervals, natural breaks "
            "(Jenks-Caspall); categories: a colour a value (default for text)",
        )
        p.add_argument(
            "--classes",
            type=int,
            metavar="N",
            help=f"how many classes, {MIN_CLASSES} to {MAX_CLASSES} (default 5)",
        )
        p.add_argument(
            "--palette",
            choices=list(PALETTES.sequential),
            help="the classes' colours, light to dark (default Blues)",
        )
        p.add_argument(
            "--size-by",
            metavar="FIELD",
            help="size points by this property of numbers, their area proportional to the value",
        )
        p.add_argument(
            "--unit",
            help="written after the legend's numbers: km, US$, TEU (with --color-by or --size-by)",
        )

    def add_points_file(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--layer",
            type=Path,
            required=True,
            metavar="FILE",
            help="points: a layer file, or any vector file GDAL reads (read as 'import' would)",
        )

    def add_layers(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--layers",
            type=Path,
            metavar="DIR",
            help="folder of layer files (default: the shipped layers, the checkout's "
            "layers/ folder, from any working directory)",
        )

    p = sub.add_parser(
        "build",
        help="write the web map",
        description="Write the layered web map (one HTML file) and print its path.",
    )
    add_layers(p)
    add_only(p)
    p.add_argument(
        "--title",
        help="the map's title, in its title block and the page's title (default: the shipped "
        "map's, 'Belt and Road Initiative: corridors, rail and ports')",
    )
    p.add_argument(
        "--subtitle",
        help="one line under the title (default: the shipped map's; '' for none)",
    )
    add_year(
        p,
        "the map as the layers stood in YEAR: what had begun and not yet ended, in "
        "its status then; the title says the year, and the map has no year slider",
    )
    p.add_argument(
        "--restyle",
        metavar="ID",
        help="draw layer ID with the classed style of --color-by, --scheme, --classes, "
        "--palette, --size-by and --unit (on this map only: its file is not changed)",
    )
    add_classed_style(p)
    add_output(p, "HTML file to write (- for standard output)", DEFAULT_OUTPUT)
    p.set_defaults(func=_cmd_build)

    p = sub.add_parser(
        "plot",
        help="draw the map for print (PNG, SVG or PDF)",
        description="Draw the layers over the Natural Earth base map in the Equal Earth "
        "projection centred on Eurasia, with a legend and a sources line, one A4 page "
        "wide; the output's suffix (.png, .svg, .pdf) or --format picks the format. "
        "Needs matplotlib: pip install -e '.[plot]'.",
    )
    add_layers(p)
    add_only(p)
    p.add_argument("--format", choices=["png", "svg", "pdf"], help="default: by the suffix")
    p.add_argument(
        "--title",
        help="the title above the map (default: 'Belt and Road Initiative: corridors, rail and "
        "ports'; with --timeline, 'Belt and Road Initiative through time')",
    )
    add_year(p, "the map as the layers stood in YEAR; the title says the year")
    p.add_argument(
        "--timeline",
        action="store_true",
        help="draw the timeline instead of the map: the features and km of line of each "
        "category a year, and the trips the layers publish (see 'timeline')",
    )
    p.add_argument(
        "--lon-0",
        type=float,
        default=85.0,
        metavar="DEG",
        help="central meridian, degrees east (default: %(default)s)",
    )
    p.add_argument("--dpi", type=int, default=200, help="PNG resolution (default: %(default)s)")
    add_output(p, "figure to write: .png, .svg or .pdf (- with --format: standard output)")
    p.set_defaults(func=_cmd_plot)

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
        type=str,
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
    add_classed_style(p)
    p.set_defaults(func=_cmd_import)

    p = sub.add_parser(
        "export",
        help="write the layers as one GeoJSON, GeoPackage, GeoParquet, CSV or KML file",
        description="Write every feature of the layers to one file, with its layer's id and "
        "category ('layer_id' and 'layer_category' properties; the 'layer' and 'category' "
        "columns of a CSV file); lines crossing ±180° are split there. The "
        "output's suffix picks the format: .geojson or .json (RFC 7946 GeoJSON), .gpkg "
        "(GeoPackage, one table per layer named by its id), .parquet (GeoParquet, one "
        "table; needs pyarrow), .csv (one row a feature: layer, name, category, the "
        "properties, length_km, geometry_wkt; text cells safe for spreadsheets), .kml "
        "(Google Earth: a folder per layer, its style, each feature's name and facts). In "
        "GeoPackage, GeoParquet and CSV, list and object values are JSON text. '-o -' "
        "writes GeoJSON to standard output, or with --format that format (a binary one "
        "not to a terminal).",
    )
    add_layers(p)
    add_only(p)
    p.add_argument(
        "--densify",
        type=_positive_km,
        metavar="KM",
        help="add positions along the geodesic to line legs longer than KM km (at most "
        "5,000,000 in all: a smaller KM is refused before densifying)",
    )
    p.add_argument(
        "--format",
        choices=list(EXPORT_FORMATS),
        help="the format (default: by the output's suffix; geojson for standard output)",
    )
    add_output(
        p,
        "file to write: .geojson, .json, .gpkg, .parquet, .geoparquet, .csv or .kml (- for "
        "standard output)",
    )
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
    add_year(p, "only the lines that stood in YEAR")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    p.set_defaults(func=_cmd_lengths)

    p = sub.add_parser(
        "timeline",
        help="features and km of line by category, a row a year",
        description="One row a year, from the first year the layers' features carry to the "
        "last: the features on the map and their km of line (WGS84 geodesic, as 'lengths "
        "--year' measures them) by category, and the values the layers' series publish for "
        "the year (the China–Europe trips; each year's source in CSV and JSON).",
    )
    add_layers(p)
    p.add_argument("--from", dest="first", metavar="YEAR", help="the first year (default: "
                   "the first the layers carry)")  # fmt: skip
    p.add_argument("--to", dest="last", metavar="YEAR", help="the last year (default: the "
                   "last the layers carry)")  # fmt: skip
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    p.set_defaults(func=_cmd_timeline)

    p = sub.add_parser(
        "distance",
        help="geodesic distance between two places",
        description="Geodesic distance on the WGS84 ellipsoid between two places "
        "named in the layers, or 'lon,lat' pairs (e.g. 'Gwadar' '116.4,39.9').",
    )
    p.add_argument("a", help="place name, 'layer-id:Name' or 'lon,lat'")
    p.add_argument("b", help="place name, 'layer-id:Name' or 'lon,lat'")
    add_layers(p)
    p.add_argument("--units", choices=list(UNITS), default="km")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(func=_cmd_distance)

    p = sub.add_parser(
        "countries",
        help="kilometres of each line in each country",
        description="Split every line at Natural Earth's borders (the base map's) and print "
        "the WGS84 geodesic km in each country, in the order the line crosses them.",
    )
    p.add_argument("id", nargs="?", metavar="ID", help="only this layer id (see 'list')")
    add_layers(p)
    p.add_argument(
        "--map",
        metavar="PATH",
        help="also write a map of the countries shaded by km of line in each (HTML file), "
        "with the lines on it",
    )
    p.add_argument(
        "--scheme",
        choices=[s for s in SCHEMES if s != "categories"],
        default="quantiles",
        help="how the map's km are classed (default: %(default)s)",
    )
    p.add_argument(
        "--classes",
        type=int,
        default=5,
        metavar="N",
        help=f"the map's classes, {MIN_CLASSES} to {MAX_CLASSES} (default: %(default)s)",
    )
    p.add_argument(
        "--palette",
        choices=list(PALETTES.sequential),
        default="Blues",
        help="the map's colours, light to dark (default: %(default)s)",
    )
    p.set_defaults(func=_cmd_countries)

    p = sub.add_parser(
        "near",
        help="the features of a layer near a layer's lines",
        description="Print the features of FILE within KM km of any line of layer ID, by "
        "geodesic distance on the WGS84 ellipsoid, nearest first.",
    )
    p.add_argument("id", metavar="ID", help="layer id of the lines (see 'list')")
    add_points_file(p)
    p.add_argument(
        "--km",
        type=float,
        default=50.0,
        help="distance in km, a finite number > 0 (default %(default)s); 20004 or more, "
        "over half a meridian, takes every feature",
    )
    add_layers(p)
    p.set_defaults(func=_cmd_near)

    p = sub.add_parser(
        "summarize",
        help="count the features of a layer (and add up their values) near each line or "
        "in each country",
        description="Count the features of FILE (points) within KM km of each line of layer "
        "ID, by geodesic distance on the WGS84 ellipsoid (a feature near two lines counts for "
        "both), or with --by country in each country of the base map (Natural Earth 4.1.0 "
        "1:50m borders; features outside every country are counted apart), with the sum, "
        "mean, largest or smallest value of numeric columns (missing values skipped).",
    )
    add_points_file(p)
    p.add_argument(
        "--by",
        required=True,
        metavar="ID|country",
        help="layer id of the lines (see 'list'), or 'country'",
    )
    p.add_argument(
        "--km",
        type=float,
        help="with --by ID: distance in km, a finite number > 0; 20004 or more, over half a "
        "meridian, takes every feature",
    )
    for stat, what in zip(_STATISTIC_OPTIONS, ("sum", "mean", "largest", "smallest"), strict=True):
        p.add_argument(
            f"--{stat}",
            nargs="+",
            action="extend",
            default=[],
            metavar="COL",
            help=f"the {what} of column COL of FILE, as a column COL_{stat}",
        )
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    add_layers(p)
    p.set_defaults(func=_cmd_summarize)

    p = sub.add_parser(
        "compare",
        help="rail against sea between two places",
        description="Shortest path by rail (OpenStreetMap railways, scgraph_data) and by sea "
        "(searoute's shipping lanes), and with --via PORT rail to that port then sea, side by "
        "side in km and nautical miles (WGS84 geodesic along each path), days and kg CO2e "
        "per TEU. Needs the routing extra: pip install -e '.[routing]'.",
    )
    p.add_argument("a", metavar="A", help="place name, 'layer-id:Name' or 'lon,lat'")
    p.add_argument("b", metavar="B", help="place name, 'layer-id:Name' or 'lon,lat'")
    p.add_argument(
        "--via",
        metavar="PORT",
        action="append",
        help="also: rail from A to PORT, then sea to B (a port, or a place within 30 km of "
        "the sea network); once",
    )
    p.add_argument(
        "--through",
        nargs="+",
        action="extend",
        default=[],
        metavar="PLACE",
        help="places the rail path must pass, in order (e.g. a service's border crossings; "
        "given twice, the places of both, in order)",
    )
    p.add_argument(
        "--gateway",
        action="append",
        default=[],
        metavar="NAME",
        help="the border crossing the rail path must take (a point of the layers with role "
        "'border crossing': Brest, Małaszewicze, Khorgos (Horgos, China), Erenhot...), after "
        "any --through places; given twice, both, in order",
    )
    p.add_argument(
        "--km-per-day",
        type=_positive_number,
        metavar="KM",
        help="rail speed for the days, every km (default: the published range of "
        "geo/data/routing.toml, 1,100-800 km a day, 400-350 in Europe)",
    )
    p.add_argument(
        "--knots",
        type=_positive_number,
        metavar="KN",
        help="sea speed for the days (default: the published range, 16.3-14.8 knots)",
    )
    p.add_argument(
        "--tonnes-per-teu",
        metavar="T",
        help="tonnes of cargo in a TEU for the kg CO2e per TEU (default: 10, GLEC's; "
        "the intensities are in geo/data/routing.toml)",
    )
    p.add_argument("--map", metavar="PATH", help="also write the routes as a map (HTML file)")
    add_layers(p)
    p.set_defaults(func=_cmd_compare)

    p = sub.add_parser(
        "validate",
        help="check layer files",
        description="Report every problem in every file (a folder: every layer file below "
        f"it), listing the first {MAX_PROBLEMS_PER_FILE} of each file and counting them all; "
        "exit 1 if there is any. A file that is not a GeoJSON layer (a GeoPackage, a "
        "shapefile, a zip, KML, an HTML page...) is named as what it is.",
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
    try:
        parser = _parser()  # its choices read geo/data/categories.toml, checked when read
    except LayerError as exc:  # a broken data file of the package: no command can run
        for problem in exc.problems:
            print(f"corridors: error: {printable(problem, 2000)}", file=sys.stderr)
        return 1
    args = parser.parse_args(argv)
    prefix = f"corridors {args.command}"

    shown: set[str] = set()

    def warn(message, category, filename, lineno, file=None, line=None) -> None:
        text = f"{prefix}: warning: {printable(message, 2000)}"
        if text not in shown:  # GDAL repeats a warning on each read of the file
            shown.add(text)
            print(text, file=sys.stderr)

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("always", LayerWarning)
            # geopandas' notice that notna()/isna() changed for empty geometries (raised
            # where an import checks the bounds of a file without a CRS): about geopandas'
            # API, not the user's data
            warnings.filterwarnings("ignore", r"GeoSeries\.(notna|isna)\(\)", UserWarning)
            warnings.showwarning = warn
            return args.func(args)
    except BrokenPipeError:  # the reader went away (e.g. `corridors lengths | head`)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except LayerError as exc:  # one line per problem
        for problem in exc.problems or [str(exc)]:
            print(f"{prefix}: error: {printable(problem, 2000)}", file=sys.stderr)
        return 1
    except (ValueError, OSError) as exc:
        print(f"{prefix}: error: {printable(exc, 2000)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug: still one line, no traceback
        print(
            f"{prefix}: internal error ({type(exc).__name__}: {printable(exc, 1000)}); "
            "please report it with the command and the files that caused it",
            file=sys.stderr,
        )
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
