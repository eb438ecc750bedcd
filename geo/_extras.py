"""Optional extras (``pip install -e '.[NAME]'``): one error when one is missing.

The features that need more than the core packages (routing, plot, parquet) check their
modules with :func:`require` before they start, and raise :class:`MissingExtra` naming the
extra and the command that installs it.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Sequence

__all__ = ["MissingExtra", "require"]


class MissingExtra(ImportError, ValueError):
    """An optional extra is not installed; the message names it and how to install it.

    An ImportError (a module is missing) and a ValueError (the command line reports it on
    one line, as it does bad input).
    """


def require(extra: str, modules: Sequence[str], what: str) -> None:
    """Raise :class:`MissingExtra` unless every top-level module in ``modules`` imports.

    Parameters
    ----------
    extra : str
        The extra of ``pyproject.toml`` that installs them (``routing``, ``plot``, ...).
    modules : sequence of str
        Top-level module names.
    what : str
        What needs them, as the message starts: ``"corridors plot"``.

    Examples
    --------
    >>> require("plot", ["math"], "a figure")
    >>> require("plot", ["no_such_module_here"], "a figure")
    Traceback (most recent call last):
    ...
    geo._extras.MissingExtra: a figure needs no_such_module_here (the 'plot' extra), which is not installed: pip install -e '.[plot]'
    """  # noqa: E501
    missing = []
    for name in modules:
        try:
            found = importlib.util.find_spec(name) is not None
            if found:
                importlib.import_module(name)  # installed but broken (a wrong version) fails
        except (ImportError, ValueError):
            found = False
        if not found:
            missing.append(name)
    if missing:
        raise MissingExtra(
            f"{what} needs {', '.join(missing)} (the {extra!r} extra), which is not installed: "
            f"pip install -e '.[{extra}]'"
        )
