"""Column conversions that keep text in Arrow: no Python string per row where pandas would make one."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

__all__ = ["as_text", "text_isin"]


def as_text(column: pd.Series) -> pd.Series:
    """``column.astype("string")``, a categorical column converted through its categories: each
    category once, then taken by code (a million ``channel`` values: one small take instead of
    a million conversions). Missing values stay missing.

    >>> as_text(pd.Series(["web", None, "web"], dtype="category")).tolist()
    ['web', <NA>, 'web']
    """
    if not isinstance(column.dtype, pd.CategoricalDtype):
        return column.astype("string")
    names = pd.array(column.cat.categories.astype("string"), dtype="string")
    return pd.Series(names.take(column.cat.codes.to_numpy(), allow_fill=True), index=column.index, name=column.name)


def text_isin(column: pd.Series, values) -> np.ndarray:
    """``column.isin(values)`` as a boolean array, for Arrow text in one Arrow kernel (``pyarrow.compute.is_in``).

    pandas turns each of ``values`` into an Arrow scalar first (tens of thousands of survey
    ids: a Python loop); here they become one Arrow array. Missing values of ``column`` are
    False, as pandas gives them; missing ``values`` match nothing. ``values`` are compared as
    text (a number 1 matches the text "1", which pandas would not match): ids are text.
    Another dtype of ``column`` goes through pandas.

    >>> text_isin(pd.Series(["a", None, "b"], dtype="string[pyarrow]"), ["b", "c"]).tolist()
    [False, False, True]
    """
    if not (isinstance(column.dtype, pd.StringDtype) and column.dtype.storage == "pyarrow"):
        return column.isin(values).to_numpy(dtype=bool)
    data = pa.array(column.array)
    wanted = pa.array(pd.Series(values, dtype="string[pyarrow]").dropna().array)
    if isinstance(wanted, pa.ChunkedArray):
        wanted = wanted.combine_chunks()
    return pc.fill_null(pc.is_in(data, value_set=wanted.cast(data.type)), False).to_numpy(zero_copy_only=False)
