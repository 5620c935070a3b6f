"""CSV files written for people: cells that a spreadsheet would run as a formula are neutralised.

A spreadsheet treats a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and, in some
programs, a tab or a carriage return) as a formula: a citizen's text or an account name
such as ``=HYPERLINK("http://evil","x")`` would run when an analyst opens the file (CSV or
formula injection, OWASP). Every CSV that roi writes for people (the rejects list of
``roi ingest``, ``roi disappeared --out``, the tables beside a report) goes through
:func:`write_csv`: a text cell that starts with one of those characters and is not a
number gets a leading apostrophe ``'``, which spreadsheets show as text and never run.
Numbers (``-3.5``, ``+34``) are left as they are. The unchanged values stay in the
Parquet message table; dropping the leading ``'`` restores a neutralised cell.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

__all__ = ["FORMULA_START", "neutralise", "write_csv"]

#: First characters that make a spreadsheet read a cell as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_START = "^[" + "".join(FORMULA_START).replace("-", r"\-") + "]"


def _cells(values: pd.Series) -> pd.Series:
    """``values`` with a ``'`` before every text that starts with a formula character and is not a number."""
    text = values.astype("string")
    risky = text.str.contains(_START, regex=True, na=False)
    if not risky.any():
        return values
    number = pd.to_numeric(text[risky].str.strip(), errors="coerce").notna()
    risky[risky] = ~number.to_numpy()
    if not risky.any():
        return values
    out = values.astype(object).copy()
    out[risky] = "'" + text[risky]
    return out


def neutralise(table: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``table`` whose text columns (and text column names) cannot run as spreadsheet formulas.

    >>> neutralise(pd.DataFrame({"a": ["=1+1", "-2", "@x", "ok"]}))["a"].tolist()
    ["'=1+1", '-2', "'@x", 'ok']
    """
    out = table.copy()
    for column in out.columns:
        values = out[column]
        if pd.api.types.is_object_dtype(values) or pd.api.types.is_string_dtype(values) or isinstance(
                values.dtype, pd.CategoricalDtype):
            out[column] = _cells(values)
    out.columns = _cells(pd.Series(out.columns, dtype=object)).tolist()
    return out


def write_csv(table: pd.DataFrame, path: str | Path, **kwargs) -> Path:
    """Write ``table`` as CSV (UTF-8, no index unless asked) with formula cells neutralised (:func:`neutralise`)."""
    kwargs.setdefault("index", False)
    neutralise(table).to_csv(path, **kwargs)
    return Path(path)
