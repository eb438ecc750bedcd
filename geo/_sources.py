"""Files from elsewhere made safe to hand to GDAL: recognised by their content, limited in
size, staged so that GDAL sees the named file and its side files and nothing else.

:func:`staged` takes a path as the user gave it (a file, a folder of shapefiles, a File
Geodatabase, or a zip archive of any of them) and yields a :class:`Staged` source:

- a FIFO, a device or a socket is refused before anything is opened (reading one could
  wait for ever);
- the format is recognised from the first bytes, not from the suffix or from what GDAL
  would guess: an OGR VRT, a GDAL pipeline, an HTML page, a PDF, an SQLite database that is
  not a GeoPackage are refused with their name (``geo/data/formats.toml`` lists what is
  read);
- the file and the side files of its format (a shapefile's ``.dbf``, ``.shx``, ...) are
  linked under plain names in a private temporary folder, which is what GDAL opens: it
  cannot list or read the files beside them, a name with a newline or a leading ``/vsi``
  means nothing to it, and what it writes (a GML ``.gfs`` file) goes there and is removed;
- an archive's chosen dataset is unpacked there, its size counted as it is unpacked (not
  taken from the archive's headers), and stopped at the limit;
- a GeoPackage's layers are listed and its rows counted with SQLite itself, read-only and
  with a budget of SQLite steps, so that a view that never ends is refused.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import stat
import tempfile
import tomllib
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from ._files import file_kind
from ._text import printable
from .filekinds import HEAD_BYTES, FileKind, identify
from .format import LayerError

__all__ = [
    "FORMATS",
    "SQLITE_STEPS",
    "Format",
    "Staged",
    "check_gpkg",
    "count_lines",
    "gpkg_row_count",
    "shapefile_counts",
    "staged",
]

#: The format a zip archive (a KMZ too) is given in file_kinds.toml: its dataset is unpacked
#: and recognised in turn.
ARCHIVE = "archive"
#: Bytes read at a time when counting, copying or unpacking.
_CHUNK = 1024 * 1024
#: SQLite virtual-machine steps allowed for listing or counting one GeoPackage table or
#: view: about 7 s at the 150 million steps a second of a shared 2-core machine here.
SQLITE_STEPS = 1_000_000_000
#: Steps between two calls of SQLite's progress handler.
_STEP_GRAIN = 100_000


@dataclass(frozen=True)
class Format:
    """A file format that may be read, as ``geo/data/formats.toml`` defines it."""

    key: str
    title: str
    drivers: frozenset[str]
    suffixes: tuple[str, ...]
    count: str
    side_suffixes: tuple[str, ...] = ()
    open_options: Mapping[str, str] = field(default_factory=dict)


def _load_formats() -> dict[str, Format]:
    text = (resources.files("geo") / "data" / "formats.toml").read_text(encoding="utf-8")
    return {
        key: Format(
            key=key,
            title=spec["title"],
            drivers=frozenset(spec["drivers"]),
            suffixes=tuple(spec["suffixes"]),
            count=spec["count"],
            side_suffixes=tuple(spec.get("side_suffixes", ())),
            open_options=dict(spec.get("open_options", {})),
        )
        for key, spec in tomllib.loads(text).items()
    }


#: Every format that is read, by key.
FORMATS = _load_formats()
#: What a user is told can be read.
READABLE = (
    "GeoJSON, TopoJSON, Shapefile, GeoPackage, FlatGeobuf, CSV, KML, GPX, GML, XLSX, ODS, "
    "an Esri File Geodatabase, or a zip archive of one"
)
_DATASET_SUFFIXES = tuple(s for f in FORMATS.values() for s in f.suffixes if s != ".dbf")


@dataclass
class Staged:
    """A source ready for GDAL.

    Attributes
    ----------
    path : str
        What GDAL opens: a path in the private folder.
    format : Format
        What the content was recognised as.
    label : str
        The source as messages name it (``towns.zip/data/towns.shp``).
    layer : str or None
        The layer still to choose inside the dataset (``None``: every layer).
    files : list of Path
        The files GDAL may read (for the size and side-file checks).
    """

    path: str
    format: Format
    label: str
    layer: str | None
    files: list[Path]


# --------------------------------------------------------------------------- recognising


def _refuse(shown: str, what: str, advice: str = "") -> LayerError:
    said = f" ({advice})" if advice else ""
    return LayerError([f"{shown}: {what}{said}; expected a vector data file: {READABLE}"])


def _is_geopackage(path: Path) -> bool:
    """An SQLite database whose application id is not GeoPackage's may still be one
    (GeoPackage 1.0 files did not all set it): it has the ``gpkg_contents`` table."""
    try:
        with _sqlite(path.resolve()) as db:
            return bool(
                db.execute(
                    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'gpkg_contents'"
                ).fetchone()
            )
    except sqlite3.Error:
        return False


def _kind_of(path: Path, shown: str) -> FileKind:
    """What a regular file is (see :mod:`geo.filekinds`); refuses a file of no kind."""
    with path.open("rb") as fh:
        head = fh.read(HEAD_BYTES)
    if not head:
        raise LayerError([f"{shown}: an empty file; expected a vector data file"])
    kind = identify(head, path.suffix.lower())
    if kind is None:
        what = "a binary file" if b"\x00" in head else "a text file"
        raise _refuse(shown, f"{what} of no format read here (by its content and its name)")
    if kind.format is None and kind.kind.startswith("an SQLite") and _is_geopackage(path):
        return FileKind("a GeoPackage (an SQLite database)", "gpkg", "", kind.family)
    return kind


def recognise(path: Path, shown: str) -> Format:
    """The format of a regular file that is not an archive, from its content.

    Raises
    ------
    LayerError
        One line naming what the file is, where it is not a format that is read.
    """
    kind = _kind_of(path, shown)
    if kind.format == ARCHIVE:
        raise _refuse(shown, f"{kind.kind} inside a zip archive")
    if kind.format is None:
        raise _refuse(shown, kind.kind, kind.advice)
    return FORMATS[kind.format]


# --------------------------------------------------------------------------- checks


def _shown(path: Path | str) -> str:
    return printable(os.fspath(path))


def _stat_regular(path: Path, shown: str, what: str) -> os.stat_result:
    """The file's status, refusing anything but a regular file (a FIFO would block)."""
    info = os.stat(path)
    if not stat.S_ISREG(info.st_mode):
        raise LayerError([f"{shown}: {what} is {file_kind(info.st_mode)}; expected a regular file"])
    return info


def _size_check(total: int, max_bytes: int, shown: str, how: str = "") -> None:
    if total > max_bytes:
        raise LayerError(
            [
                f"{shown}: {how}{total:,} bytes, more than the limit of {max_bytes:,}; "
                "expected a smaller source, or raise the limit (--max-bytes)"
            ]
        )


def _unpack_check(total: int, max_bytes: int, shown: str) -> None:
    """While unpacking: stop as soon as the bytes out pass the limit."""
    if total > max_bytes:
        raise LayerError(
            [
                f"{shown}: unpacks to more than the limit of {max_bytes:,} bytes (stopped at "
                f"{total:,}); expected a smaller source, or raise the limit (--max-bytes)"
            ]
        )


def _safe_name(name: str) -> bool:
    """A file name GDAL and pyogrio take as it is (no control characters, no spaces at
    either end, no ':' that could read as a driver prefix)."""
    return name.isprintable() and name == name.strip() and ":" not in name and name != ""


def _link(target: Path, link: Path) -> None:
    """``link`` made to stand for ``target``: a symbolic link, or a copy where links are
    not allowed (Windows without developer mode)."""
    try:
        link.symlink_to(target.resolve(), target_is_directory=target.is_dir())
    except OSError:
        if target.is_dir():
            shutil.copytree(target, link)
        else:
            shutil.copyfile(target, link)


def _side_files(main: Path, fmt: Format) -> list[Path]:
    """The files beside ``main`` that its format reads with it: same stem (any case), one
    of the format's side suffixes."""
    if not fmt.side_suffixes:
        return []
    stem = main.stem.casefold()
    wanted = {s.casefold() for s in fmt.side_suffixes}
    try:
        entries = list(main.parent.iterdir())
    except OSError:
        return []
    return sorted(
        p
        for p in entries
        if p != main and p.stem.casefold() == stem and p.suffix.casefold() in wanted
    )


def _stage_files(main: Path, fmt: Format, folder: Path, shown: str, max_bytes: int) -> Path:
    """Link the dataset file and its side files into ``folder``; returns the main link."""
    sides = _side_files(main, fmt)
    total = 0
    for path in (main, *sides):
        total += _stat_regular(path, _shown(path), "it").st_size
    _size_check(total, max_bytes, shown, "with its side files, " if sides else "")
    stem = main.stem if _safe_name(main.name) else "source"
    for side in sides:
        _link(side, folder / f"{stem}{side.suffix}")
    link = folder / f"{stem}{main.suffix}"
    _link(main, link)
    return link


def _stage_folder(src: Path, folder: Path, shown: str, max_bytes: int) -> tuple[Path, Format]:
    """A File Geodatabase (linked whole) or a folder of shapefiles (each linked)."""
    try:
        entries = sorted(src.iterdir())
    except OSError as exc:
        raise LayerError([f"{shown}: cannot list the folder ({exc.strerror})"]) from None
    if src.suffix.lower() == ".gdb":
        total = 0
        for entry in entries:
            total += _stat_regular(entry, _shown(entry), "a file of the geodatabase").st_size
        _size_check(total, max_bytes, shown)
        link = folder / (src.name if _safe_name(src.name) else "source.gdb")
        _link(src, link)
        return link, FORMATS["filegdb"]
    shapefiles = [e for e in entries if e.suffix.lower() == ".shp" and e.is_file()]
    if not shapefiles:
        raise LayerError(
            [
                f"{shown}: a folder with no shapefile (.shp) in it; expected a file, a folder "
                "of shapefiles or an Esri File Geodatabase (.gdb)"
            ]
        )
    total = 0
    for shp in shapefiles:
        fmt = recognise(shp, _shown(shp))
        total += sum(p.stat().st_size for p in [shp, *_side_files(shp, fmt)])
        _size_check(total, max_bytes, shown)
        _stage_files(shp, fmt, folder, _shown(shp), max_bytes)
    return folder, FORMATS["shapefile"]


# --------------------------------------------------------------------------- archives


def _zip_members(zf: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    """The archive's files, without folders and hidden or macOS resource entries."""
    members = []
    for info in zf.infolist():
        parts = PurePosixPath(info.filename).parts
        if info.is_dir() or any(p.startswith((".", "__MACOSX")) for p in parts):
            continue
        members.append(info)
    return members


def _zip_datasets(members: list[zipfile.ZipInfo]) -> list[str]:
    """The datasets in an archive: files with a dataset suffix, and .gdb folders."""
    names: set[str] = set()
    for info in members:
        path = PurePosixPath(info.filename)
        gdb = next((i for i, p in enumerate(path.parts) if p.lower().endswith(".gdb")), None)
        if gdb is not None:
            names.add(str(PurePosixPath(*path.parts[: gdb + 1])))
        elif path.suffix.lower() in _DATASET_SUFFIXES:
            names.add(info.filename)
    return sorted(names)


def _same(a: str, b: str) -> bool:
    return a.strip().casefold() == b.strip().casefold()


def _choose_member(datasets: list[str], layer: str | None, shown: str) -> tuple[str, str | None]:
    if not datasets:
        raise LayerError(
            [
                f"{shown}: the archive holds no dataset; expected one of "
                f"{', '.join(_DATASET_SUFFIXES)} inside it (or a .gdb folder)"
            ]
        )
    if len(datasets) == 1:
        return datasets[0], layer
    chosen = [
        d
        for d in datasets
        if layer is not None and (_same(d, layer) or _same(PurePosixPath(d).stem, layer))
    ]
    if len(chosen) != 1:
        raise LayerError(
            [
                f"{shown}: holds {len(datasets)} datasets ({', '.join(datasets)}); expected "
                "one chosen with --layer (its name or path in the archive)"
            ]
        )
    return chosen[0], None


def _unpack(
    zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo], names: list[str], folder: Path,
    shown: str, max_bytes: int,
) -> None:  # fmt: skip
    """Unpack ``infos`` to ``folder``/``names``, counting the bytes as they come out."""
    declared = sum(i.file_size for i in infos)
    _size_check(declared, max_bytes, shown, "would unpack to ")
    total = 0
    for info, name in zip(infos, names, strict=True):
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            with zf.open(info) as source, target.open("wb") as out:
                while chunk := source.read(_CHUNK):
                    total += len(chunk)
                    _unpack_check(total, max_bytes, shown)
                    out.write(chunk)
        except RuntimeError as exc:  # an encrypted member
            raise LayerError(
                [f"{shown}: {printable(info.filename)} cannot be unpacked ({exc}); "
                 "expected an archive without a password"]
            ) from None  # fmt: skip
        except (zipfile.BadZipFile, EOFError, OSError, NotImplementedError) as exc:
            raise LayerError(
                [f"{shown}: {printable(info.filename)} cannot be unpacked ({exc}); "
                 "expected an intact zip archive"]
            ) from None  # fmt: skip


def _stage_zip(
    src: Path, layer: str | None, folder: Path, shown: str, max_bytes: int
) -> tuple[Path, Format, str, str | None]:
    """Unpack the chosen dataset of an archive (with its side files) into ``folder``."""
    try:
        with zipfile.ZipFile(src) as zf:
            members = _zip_members(zf)
            chosen, layer = _choose_member(_zip_datasets(members), layer, shown)
            label = f"{src.name}/{chosen}"
            if chosen.lower().endswith(".gdb") and not any(m.filename == chosen for m in members):
                infos = [m for m in members if m.filename.startswith(chosen + "/")]
                gdb = folder / "source.gdb"
                names = [f"source.gdb/{PurePosixPath(m.filename).name}" for m in infos]
                _unpack(zf, infos, names, folder, shown, max_bytes)
                return gdb, FORMATS["filegdb"], label, layer
            main = PurePosixPath(chosen)
            info = next(m for m in members if m.filename == chosen)
            _size_check(info.file_size, max_bytes, shown, "would unpack to ")
            try:
                with zf.open(info) as fh:
                    head = fh.read(HEAD_BYTES)
            except (zipfile.BadZipFile, EOFError, RuntimeError, NotImplementedError) as exc:
                raise LayerError(
                    [f"{shown}: {printable(chosen)} cannot be unpacked ({exc}); expected an "
                     "intact zip archive without a password"]
                ) from None  # fmt: skip
            probe = folder / ("source" + main.suffix.lower())
            probe.write_bytes(head)
            fmt = recognise(probe, printable(label))
            probe.unlink()
            sides = [
                m
                for m in members
                if PurePosixPath(m.filename).parent == main.parent
                and PurePosixPath(m.filename).stem.casefold() == main.stem.casefold()
                and PurePosixPath(m.filename).suffix.casefold()
                in {s.casefold() for s in fmt.side_suffixes}
                and m.filename != chosen
            ]
            stem = main.stem if _safe_name(main.name) else "source"
            infos = [info, *sides]
            names = [f"{stem}{PurePosixPath(m.filename).suffix}" for m in infos]
            _unpack(zf, infos, names, folder, shown, max_bytes)
            return folder / names[0], fmt, label, layer
    except (zipfile.BadZipFile, OSError) as exc:
        raise LayerError([f"{shown}: not a readable zip archive ({exc})"]) from None


def _check_office_zip(src: Path, shown: str, max_bytes: int) -> None:
    """An XLSX or ODS file (a zip archive): every part unpacks within the limit."""
    try:
        with zipfile.ZipFile(src) as zf:
            total = 0
            for info in zf.infolist():
                if info.is_dir():
                    continue
                with zf.open(info) as part:
                    while chunk := part.read(_CHUNK):
                        total += len(chunk)
                        _unpack_check(total, max_bytes, shown)
    except (zipfile.BadZipFile, EOFError, RuntimeError, NotImplementedError) as exc:
        raise LayerError([f"{shown}: a damaged spreadsheet ({exc})"]) from None


# --------------------------------------------------------------------------- GeoPackage


@contextlib.contextmanager
def _sqlite(path: Path, *, writable: bool = False) -> Iterator[sqlite3.Connection]:
    """An SQLite connection (read-only unless ``writable``) that trusts no code in the
    schema and stops after :data:`SQLITE_STEPS` virtual-machine steps."""
    mode = "rw" if writable else "ro"
    db = sqlite3.connect(f"file:{quote(os.fspath(path))}?mode={mode}", uri=True)
    spent = [0]
    steps = SQLITE_STEPS

    def budget() -> int:
        spent[0] += _STEP_GRAIN
        return 1 if spent[0] > steps else 0

    try:
        db.execute("PRAGMA trusted_schema = OFF")
        db.set_progress_handler(budget, _STEP_GRAIN)
        yield db
    finally:
        db.close()


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _view_problem(path: Path, name: str) -> str | None:
    """Why a view (or virtual table) of a GeoPackage cannot be handed to GDAL, or None."""
    try:
        with _sqlite(path) as db:
            db.execute(f"SELECT 1 FROM {_quoted(name)} LIMIT 1").fetchall()
    except sqlite3.OperationalError as exc:
        if "interrupted" in str(exc):
            return f"no first row within {SQLITE_STEPS:,} SQLite steps"
        return f"SQLite alone cannot run it: {exc}"
    except sqlite3.Error as exc:
        return f"SQLite alone cannot run it: {exc}"
    return None


def _gpkg_views(path: Path, shown: str) -> list[str]:
    """The views and virtual tables a GeoPackage lists in ``gpkg_contents`` (GDAL runs each
    one when it opens the file)."""
    try:
        with _sqlite(path) as db:
            rows = db.execute(
                "SELECT c.table_name, coalesce(m.type, ''), coalesce(m.sql, '') "
                "FROM gpkg_contents c LEFT JOIN sqlite_master m ON m.name = c.table_name"
            ).fetchall()
    except sqlite3.Error as exc:
        raise LayerError(
            [f"{shown}: cannot read it as a GeoPackage ({exc}); expected a GeoPackage file"]
        ) from None
    return [
        str(name)
        for name, kind, sql in rows
        if kind != "table" or str(sql).upper().startswith("CREATE VIRTUAL")
    ]


def _drop_views(path: Path, names: list[str]) -> None:
    """Remove views from a private copy of a GeoPackage, and from its tables of contents."""
    with _sqlite(path, writable=True) as db:
        for name in names:
            kind = db.execute("SELECT type FROM sqlite_master WHERE name = ?", (name,)).fetchone()
            if kind and kind[0] in ("view", "table"):
                db.execute(f"DROP {kind[0].upper()} IF EXISTS {_quoted(name)}")
            for table in ("gpkg_contents", "gpkg_geometry_columns", "gpkg_ogr_contents"):
                with contextlib.suppress(sqlite3.OperationalError):
                    db.execute(f"DELETE FROM {table} WHERE table_name = ?", (name,))
        db.commit()


def check_gpkg(source: Staged, shown: str) -> list[str]:
    """Try every view of a staged GeoPackage before GDAL opens it (GDAL runs them then,
    with no bound on time): views that give no first row within :data:`SQLITE_STEPS`, or
    that SQLite alone cannot run (GDAL's own SQL functions), are left out of a private
    copy, which GDAL then reads. Returns the notes; refuses a view chosen with --layer.
    """
    path = Path(source.path)
    bad = [(v, why) for v in _gpkg_views(path, shown) if (why := _view_problem(path, v))]
    if not bad:
        return []
    chosen = [v for v, why in bad if source.layer is not None and _same(v, source.layer)]
    if chosen:
        why = dict(bad)[chosen[0]]
        raise LayerError(
            [
                f"{shown}: the view {printable(chosen[0])!r} is not read ({why}); expected a "
                "table, or a view of plain SQL that reads quickly: export it as a table first"
            ]
        )
    real = path.resolve()
    path.unlink()
    shutil.copyfile(real, path)
    _drop_views(path, [v for v, _why in bad])
    left = "; ".join(f"{printable(v)!r} ({why})" for v, why in bad)
    return [f"view(s) left out: {left}"]


def gpkg_row_count(path: Path, table: str, limit: int, shown: str) -> int:
    """Rows of a GeoPackage table or view, counted up to ``limit`` (at most ``limit``).

    Raises
    ------
    LayerError
        The count takes more than :data:`SQLITE_STEPS` SQLite steps.
    """
    try:
        with _sqlite(path) as db:
            (count,) = db.execute(
                f"SELECT count(*) FROM (SELECT 1 FROM {_quoted(table)} LIMIT ?)", (limit,)
            ).fetchone()
    except sqlite3.Error as exc:
        if "interrupted" in str(exc):
            raise LayerError(
                [
                    f"{shown}: counting the rows of {printable(table)!r} takes more than "
                    f"{SQLITE_STEPS:,} SQLite steps; expected a table that reads quickly"
                ]
            ) from None
        raise LayerError([f"{shown}: cannot count the rows of {table!r} ({exc})"]) from None
    return int(count)


def shapefile_counts(shp: Path) -> tuple[int | None, int | None]:
    """(shapes, records) of a shapefile, from the sizes of its .shx and .dbf files (what
    they hold, not what their headers say); None where the file is missing or unreadable.
    """
    shapes = records = None
    shx = next((p for p in shp.parent.glob(shp.stem + ".*") if p.suffix.lower() == ".shx"), None)
    dbf = next((p for p in shp.parent.glob(shp.stem + ".*") if p.suffix.lower() == ".dbf"), None)
    if shx is not None:
        shapes = max(0, (shx.stat().st_size - 100) // 8)
    if dbf is not None:
        with dbf.open("rb") as fh:
            head = fh.read(12)
        if len(head) == 12:
            header_bytes = int.from_bytes(head[8:10], "little")
            record_bytes = int.from_bytes(head[10:12], "little")
            if record_bytes:
                records = max(0, (dbf.stat().st_size - header_bytes) // record_bytes)
    return shapes, records


def count_lines(path: Path) -> int:
    """Lines in a text file (the last one need not end in a newline), read in chunks."""
    lines, last = 0, b"\n"
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            lines += chunk.count(b"\n")
            last = chunk[-1:]
    return lines + (last != b"\n")


# --------------------------------------------------------------------------- staging


@contextlib.contextmanager
def staged(src: str | os.PathLike[str], layer: str | None, max_bytes: int) -> Iterator[Staged]:
    """The source ready for GDAL, for the time of the ``with`` block.

    Parameters
    ----------
    src : path
        A file, a folder of shapefiles, a File Geodatabase (.gdb) or a zip archive.
    layer : str, optional
        A dataset of the archive, or a layer of the dataset (matched later).
    max_bytes : int
        The most bytes the dataset may hold (unpacked, for an archive).

    Raises
    ------
    LayerError
        The source is missing, not a regular file or folder, too large, or not a format
        that is read; one line naming the file and what was expected.
    """
    src = Path(src)
    shown = _shown(src)
    try:
        info = os.stat(src)
    except (FileNotFoundError, NotADirectoryError):
        raise LayerError([f"{shown}: no such file; expected a vector file to import"]) from None
    except OSError as exc:
        raise LayerError([f"{shown}: cannot be read ({exc.strerror})"]) from None
    if not (stat.S_ISREG(info.st_mode) or stat.S_ISDIR(info.st_mode)):
        raise LayerError(
            [
                f"{shown}: it is {file_kind(info.st_mode)}; expected a regular file or a "
                "folder (reading it could wait for ever)"
            ]
        )
    with tempfile.TemporaryDirectory(prefix=".bri-import-") as scratch:
        folder = Path(scratch)
        try:
            yield _stage(src, info, layer, folder, shown, max_bytes)
        except PermissionError as exc:
            raise LayerError([f"{shown}: cannot be read ({exc.strerror})"]) from None


def _stage(
    src: Path, info: os.stat_result, layer: str | None, folder: Path, shown: str, max_bytes: int
) -> Staged:
    if stat.S_ISDIR(info.st_mode):
        path, fmt = _stage_folder(src, folder, shown, max_bytes)
        return Staged(os.fspath(path), fmt, src.name, layer, _listing(folder))
    _size_check(info.st_size, max_bytes, shown)
    if _kind_of(src, shown).format == ARCHIVE:
        path, fmt, label, layer = _stage_zip(src, layer, folder, shown, max_bytes)
        if fmt.key in ("xlsx", "ods"):
            _check_office_zip(path, printable(label), max_bytes)
        return Staged(os.fspath(path), fmt, label, layer, _listing(folder))
    fmt = recognise(src, shown)
    if fmt.key in ("xlsx", "ods"):
        _check_office_zip(src, shown, max_bytes)
    link = _stage_files(src, fmt, folder, shown, max_bytes)
    return Staged(os.fspath(link), fmt, src.name, layer, _listing(folder))


def _listing(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if not p.is_dir())
