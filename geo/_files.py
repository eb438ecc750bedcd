"""Writing output files atomically: a failed write never leaves a half-written file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

__all__ = ["write_text_atomic"]


def write_text_atomic(path: str | Path, text: str, *, what: str = "the output") -> Path:
    """Write ``text`` (UTF-8) to ``path`` through a temporary file in the same folder.

    The previous file, if any, stays in place until the new one is complete.

    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "out" / "a.txt"
    >>> write_text_atomic(target, "hello").read_text()
    'hello'
    """
    path = Path(path)
    if path.is_dir() or not path.name:
        raise ValueError(f"Expected a file path for {what}, instead got the folder {str(path)!r}")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
