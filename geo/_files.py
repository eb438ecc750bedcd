"""Writing output files atomically: a failed write never leaves a half-written file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

__all__ = ["write_text_atomic"]


def _mode_for(path: Path) -> int:
    """The old file's permissions, or what a new file gets under the current umask."""
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_text_atomic(path: str | Path, text: str, *, what: str = "the output") -> Path:
    """Write ``text`` (UTF-8) to ``path`` through a temporary file in the same folder.

    The previous file, if any, stays in place until the new one is complete, and keeps
    its permissions; a symbolic link is followed, not replaced.

    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "out" / "a.txt"
    >>> write_text_atomic(target, "hello").read_text()
    'hello'
    """
    path = Path(path)
    if path.is_dir() or not path.name:
        raise ValueError(f"Expected a file path for {what}, instead got the folder {str(path)!r}")
    if path.is_symlink():
        path = path.resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = _mode_for(path)
    fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
