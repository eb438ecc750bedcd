"""Writing output files atomically: a failed write never leaves a half-written file.

Each write goes to a temporary file ``.bri-<pid>-XXXXXXXX.tmp`` in the target's folder,
which then replaces the target. A writer killed outright (SIGKILL, power loss) leaves its
temporary file behind, and a GeoPackage writer (SQLite, through GDAL) the database's side
files too: ``…tmp-journal``, or ``…tmp-wal`` and ``…tmp-shm`` in WAL mode
(``OGR_SQLITE_JOURNAL=WAL``). The next write to that folder removes such files when their
writer process is gone or they are older than :data:`STALE_AFTER_S`. No other file is
touched.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from ._text import printable

__all__ = [
    "STALE_AFTER_S",
    "TEMP_PREFIX",
    "file_kind",
    "remove_stale_temporaries",
    "write_file_atomic",
    "write_text_atomic",
]

#: The start of every temporary file this package writes (followed by ``<pid>-``).
TEMP_PREFIX = ".bri-"
#: A temporary file of ours this old (seconds) is stale even if its pid is in use again.
STALE_AFTER_S = 3600
#: ``.bri-<pid>-<8 characters of tempfile.mkstemp>.tmp``, and SQLite's side files of such
#: a file (its rollback journal, write-ahead log and shared-memory index): only these are
#: ever removed.
_TEMP_NAME = re.compile(r"\A\.bri-(\d{1,10})-[a-z0-9_]{8}\.tmp(?:-journal|-wal|-shm)?\Z")


def file_kind(mode: int) -> str:
    """What a non-regular file is, in words (from its ``st_mode``).

    >>> import stat
    >>> file_kind(stat.S_IFIFO)
    'a FIFO (named pipe)'
    """
    for test, word in (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return word
    return "not a regular file"


def _write_error(path: str, reason: str) -> OSError:
    return OSError(f"cannot write {printable(path)}: {reason}")


def _alive(pid: int) -> bool:
    """Whether a process with this id exists (it may be another program reusing the id)."""
    if pid == os.getpid():
        return True
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, run by another user
        return True
    except (OverflowError, OSError):
        return False
    return True


def remove_stale_temporaries(folder: str | Path, *, now: float | None = None) -> list[Path]:
    """Remove our temporary files in ``folder`` left by writers that are gone; returns them.

    A file is removed only if its name is ``.bri-<pid>-XXXXXXXX.tmp`` or that name followed
    by ``-journal``, ``-wal`` or ``-shm`` (what SQLite leaves beside a GeoPackage), it is a
    regular file, and either no process ``pid`` exists or it is older than
    :data:`STALE_AFTER_S`.
    """
    now = time.time() if now is None else now
    removed: list[Path] = []
    try:
        with os.scandir(folder) as entries:
            candidates = [e for e in entries if _TEMP_NAME.match(e.name)]
    except OSError:
        return removed
    for entry in candidates:
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISREG(info.st_mode):
            continue
        pid = int(_TEMP_NAME.match(entry.name).group(1))
        if _alive(pid) and now - info.st_mtime < STALE_AFTER_S:
            continue
        with contextlib.suppress(OSError):
            os.unlink(entry.path)
            removed.append(Path(entry.path))
    return removed


def _mode_for(path: Path) -> int:
    """The old file's permissions, or what a new file gets under the current umask."""
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _make_parent(folder: Path, shown: str) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        blocker = next(
            (p for p in [folder, *folder.parents] if p.exists() and not p.is_dir()), folder
        )
        raise _write_error(shown, f"{printable(blocker)} is a file, not a folder") from None
    except OSError as exc:
        raise _write_error(shown, exc.strerror or str(exc)) from None


def _checked_target(path: str | Path, what: str) -> tuple[str, Path]:
    """The path as given (for messages) and the regular file it names (a link's target),
    its folder made; refuses folders, devices, FIFOs and sockets."""
    shown = os.fspath(path)
    if not shown or shown.endswith(("/", os.sep)) or Path(shown).is_dir():
        raise ValueError(
            f"Expected a file path for {what}, instead got the folder {printable(shown)!r}"
        )
    target = Path(shown)
    try:
        info = os.stat(target)  # follows symbolic links to what would be overwritten
    except (FileNotFoundError, NotADirectoryError):
        info = None
    except OSError as exc:
        raise _write_error(shown, exc.strerror or str(exc)) from None
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise _write_error(
            shown, f"it is {file_kind(info.st_mode)}; outputs are written to regular files only"
        )
    if target.is_symlink():
        target = target.resolve()
    _make_parent(target.parent, shown)
    remove_stale_temporaries(target.parent)
    return shown, target


def _temporary(target: Path, shown: str) -> tuple[int, str]:
    try:
        return tempfile.mkstemp(
            prefix=f"{TEMP_PREFIX}{os.getpid()}-", suffix=".tmp", dir=target.parent
        )
    except OSError as exc:
        raise _write_error(shown, exc.strerror or str(exc)) from None


def write_text_atomic(path: str | Path, text: str, *, what: str = "the output") -> Path:
    """Write ``text`` (UTF-8) to ``path`` through a temporary file in the same folder.

    The previous file, if any, stays in place until the new one is complete, and keeps
    its permissions; a symbolic link is followed, not replaced. Only regular files are
    written: a folder (or a path ending in "/"), a device, a FIFO or a socket is refused.

    Parameters
    ----------
    path : str or Path
        The file to write; missing folders above it are made.
    text : str
        The whole content.
    what : str
        What the file is, for the message when ``path`` is a folder ("the map").

    Returns
    -------
    Path
        The file written (a symbolic link's target).

    Raises
    ------
    ValueError
        ``path`` names a folder.
    OSError
        The write failed; the message names ``path`` and the reason, and any old file
        is left as it was.

    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "out" / "a.txt"
    >>> write_text_atomic(target, "hello").read_text()
    'hello'
    """
    shown, target = _checked_target(path, what)
    mode = _mode_for(target)
    fd, tmp = _temporary(target, shown)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise _write_error(shown, exc.strerror or str(exc)) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def write_file_atomic(
    path: str | Path, write: Callable[[Path], object], *, what: str = "the output"
) -> Path:
    """Have ``write(tmp)`` make the file at a temporary path, then move it to ``path``.

    For writers that want a path of their own (GDAL, pyarrow, matplotlib): ``tmp`` is a
    hidden name in the target's folder that does not exist yet. Everything else is as in
    :func:`write_text_atomic`: folders and special files are refused, the old file stays
    until the new one is complete and keeps its permissions, and on any failure (an
    exception from ``write`` included) the temporary file and any ``tmp``-prefixed files
    the writer left beside it (a database journal) are removed.

    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "a.bin"
    >>> write_file_atomic(target, lambda tmp: tmp.write_bytes(b"\\x00\\x01")).read_bytes()
    b'\\x00\\x01'
    """
    shown, target = _checked_target(path, what)
    mode = _mode_for(target)
    fd, name = _temporary(target, shown)
    os.close(fd)
    tmp = Path(name)
    tmp.unlink()  # the writer makes the file (GDAL will not write over an empty one)

    def clean() -> None:
        for leftover in tmp.parent.glob(tmp.name + "*"):
            with contextlib.suppress(OSError):
                leftover.unlink()

    try:
        write(tmp)
        if not tmp.is_file():
            raise OSError(f"the writer made no file at {tmp.name}")
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except OSError as exc:
        clean()
        raise _write_error(shown, exc.strerror or str(exc)) from None
    except BaseException:
        clean()
        raise
    return target
