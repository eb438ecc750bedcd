"""Cell values as the layer format holds them: what counts as missing, and plain JSON
values from numpy and pandas scalars."""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["is_missing", "is_year_name", "plain_value"]


def is_missing(value: Any) -> bool:
    """True for a value that stands for "no value": None, NaN, pandas' NA and NaT.

    >>> is_missing(None), is_missing(float("nan")), is_missing(0), is_missing([])
    (True, True, False, False)
    """
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float | np.floating) and value != value


def plain_value(value: Any) -> Any:
    """A JSON value for one cell: numpy scalars and arrays to Python, missing to None.

    >>> plain_value(np.int64(3)), plain_value(np.array([1.5])), plain_value(pd.NA)
    (3, [1.5], None)
    """
    if is_missing(value):
        return None
    if isinstance(value, np.ndarray):
        return [plain_value(v) for v in value.tolist()]
    if isinstance(value, np.generic):
        return value.item()
    return value


def is_year_name(name: str) -> bool:
    """Whether a property (or a column made from one) holds calendar years, by its name:
    a word ``year`` in it, so its numbers read 2018, not 2,018.

    >>> [is_year_name(n) for n in ("start_year", "year", "Year opened", "start_year_max")]
    [True, True, True, True]
    >>> [is_year_name(n) for n in ("years_active", "yearly_teu", "amount", "dayear")]
    [False, False, False, False]
    """
    return any(word == "year" for word in re.split(r"[^a-z]+", name.lower()))
