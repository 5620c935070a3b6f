"""How the exploration's tables read in a notebook (:mod:`roi.report.explore`).

JupyterLab fits a wide table into the page by wrapping every cell, so a name of eight
words becomes eight lines and a date two. :class:`Table` is a :class:`pandas.DataFrame`
in every respect (filter, sort, merge it as usual) whose notebook display
(:func:`table_html`) reads better:

- names, dates, durations and numbers stay on one line; only long free text (a reply,
  a note) wraps, in a column of bounded width;
- text is aligned left, numbers right; missing values are blank, not ``NaN``/``<NA>``;
- local times read ``2025-10-01 11:37``, the zone named once above the table;
- ``account`` or ``channel`` columns holding one value in every row are named once
  above the table instead of in each row;
- a column given in ``attrs["under"]`` (``{"indicator": "code"}``) is written small
  beneath another one instead of in a column of its own, and the column named in
  ``attrs["sections"]`` (``"family"``) as a heading row where its value changes;
- columns empty in every row shown are named once above the table;
- long tables show their first rows and say how many there are.

Every cell is escaped; styles are inline, so they survive JupyterLab's sanitiser in a
notebook that is not trusted.
"""

from __future__ import annotations

import html

import numpy as np
import pandas as pd

__all__ = ["GROUP", "NUMBER_TEXT", "WRAP", "Table", "table_html"]

#: Columns of free text that may wrap (at a bounded width); every other cell stays on one line.
WRAP = frozenset({"text", "answer", "in_reply_to", "note", "reason", "matched_text", "context"})

#: Columns named once above the table when they hold one value in every row.
GROUP = ("account", "channel")

#: Columns of numbers written as text ("60.7%", "2 h 15 min"): aligned right like numbers.
NUMBER_TEXT = frozenset({"value", "value_text", "interval", "waited", "waited_office_hours", "after"})

_ONE_LINE = "white-space:nowrap;"
_LEFT, _RIGHT = "text-align:left;", "text-align:right;"
_WRAPPED = "white-space:normal;min-width:8em;max-width:30em;text-align:left;"
_PROSE = frozenset({"text", "answer", "in_reply_to"})  # messages: wider, so that a reply reads in a few lines
_UNDER = "font-family:monospace;font-size:85%;opacity:0.7;"

#: What the display says above a table, in each language (``attrs["lang"]``; English by default).
_SAYS = {
    "en": {"zone": "local time, {}", "empty": "empty: {}", "none": "no rows",
           "first": "first {} of {} rows (the table holds them all)"},
    "es": {"zone": "hora local, {}", "empty": "vacías: {}", "none": "ninguna fila",
           "first": "primeras {} de {} filas (la tabla las tiene todas)"},
}


class Table(pd.DataFrame):
    """A :class:`pandas.DataFrame` shown in a notebook by :func:`table_html` (its results stay tables)."""

    @property
    def _constructor(self):
        return Table

    def _repr_html_(self) -> str:
        return table_html(self)


def _decimals(values: np.ndarray) -> int:
    """The fewest decimals (1 to 3) that write every finite value of a float column as it is."""
    finite = values[np.isfinite(values)]
    for d in range(1, 3):
        if np.allclose(np.round(finite, d), finite, rtol=0, atol=1e-9):
            return d
    return 3


def _cells(column: pd.Series, lang: str = "en") -> tuple[list[str], bool]:
    """The column's cells as text, and whether it is numeric (aligned right); Spanish numbers read ``1.234,5``."""
    dtype = column.dtype
    if isinstance(dtype, pd.DatetimeTZDtype) or pd.api.types.is_datetime64_any_dtype(dtype):
        return [("" if pd.isna(v) else f"{v:%Y-%m-%d %H:%M}") for v in column], False
    if pd.api.types.is_bool_dtype(dtype):
        return [("" if pd.isna(v) else str(bool(v))) for v in column], False
    if pd.api.types.is_float_dtype(dtype):
        values = column.to_numpy(dtype=float, na_value=np.nan)
        d = _decimals(values)
        swap = str.maketrans(",.", ".,") if lang == "es" else None
        return [("" if np.isnan(v) else f"{v:,.{d}f}".translate(swap) if swap else f"{v:,.{d}f}")
                for v in values], True
    if pd.api.types.is_integer_dtype(dtype):
        return [("" if pd.isna(v) else f"{int(v)}") for v in column], True
    return [("" if v is None or (not isinstance(v, (list, tuple, dict)) and pd.isna(v)) else str(v))
            for v in column], False


def table_html(frame: pd.DataFrame, caption: str = "", *, lang: str | None = None, max_rows: int | None = None,
               min_rows: int | None = None) -> str:
    """``frame`` as the HTML table a notebook shows (see the module's description).

    ``caption`` goes above the table, before what the display adds (the group, the time
    zone, the rows shown), in ``lang`` (default ``frame.attrs["lang"]``). Tables longer than ``max_rows`` (pandas' ``display.max_rows``)
    show their first ``min_rows`` (``display.min_rows``).
    """
    max_rows = pd.get_option("display.max_rows") if max_rows is None else max_rows
    min_rows = (pd.get_option("display.min_rows") or 10) if min_rows is None else min_rows
    under = {k: v for k, v in dict(frame.attrs.get("under", {})).items() if k in frame and v in frame}
    sections = frame.attrs.get("sections")
    sections = sections if sections in frame else None
    lang = lang or frame.attrs.get("lang") or "en"
    says = _SAYS.get(lang, _SAYS["en"])
    notes = [caption] if caption else []
    shown = frame
    if len(frame) > 1:
        constant = [c for c in GROUP if c in frame and frame[c].astype("string").nunique(dropna=False) == 1]
        if constant:
            notes.append(" · ".join(f"{c}: {frame[c].iloc[0]}" for c in constant))
            shown = shown.drop(columns=constant)
    zones = sorted({str(shown[c].dt.tz) for c in shown if isinstance(shown[c].dtype, pd.DatetimeTZDtype)})
    if zones:
        notes.append(says["zone"].format(", ".join(zones)))
    total = len(shown)
    if total == 0:
        notes.append(says["none"])
    if max_rows is not None and total > max_rows:
        shown = shown.head(min_rows)
    texts = {c: _cells(shown[c], lang) for c in shown.columns}
    empty = [c for c in shown.columns if len(shown) and not any(texts[c][0]) and c not in under.values()]
    if empty:
        notes.append(says["empty"].format(", ".join(map(str, empty))))
    columns = [c for c in shown.columns if c not in {*under.values(), *empty, sections}]
    index = not isinstance(shown.index, pd.RangeIndex)

    head = []
    if index:
        head += [f'<th style="{_LEFT}">{html.escape(str(n or ""))}</th>' for n in shown.index.names]
    for c in columns:
        align = _RIGHT if texts[c][1] or c in NUMBER_TEXT else _LEFT
        head.append(f'<th style="{_ONE_LINE}{align}">{html.escape(str(c))}</th>')
    rows = []
    width = len(columns) + (shown.index.nlevels if index else 0)
    for i in range(len(shown)):
        if sections is not None and (i == 0 or texts[sections][0][i] != texts[sections][0][i - 1]):
            rows.append(f'<tr><th colspan="{width}" style="{_LEFT}padding-top:0.8em">'
                        f"{html.escape(texts[sections][0][i])}</th></tr>")
        cells = []
        if index:
            key = shown.index[i] if isinstance(shown.index, pd.MultiIndex) else (shown.index[i],)
            cells += [f'<th style="{_ONE_LINE}{_LEFT}">{html.escape(str(k))}</th>' for k in key]
        for c in columns:
            value, numeric = texts[c][0][i], texts[c][1]
            if c in WRAP:
                style = _WRAPPED.replace("8em", "18em") if c in _PROSE else _WRAPPED
            else:
                style = _ONE_LINE + (_RIGHT if numeric or c in NUMBER_TEXT else _LEFT)
            body = html.escape(value)
            if c in under and texts[under[c]][0][i]:
                body += f'<br><span style="{_UNDER}">{html.escape(texts[under[c]][0][i])}</span>'
            cells.append(f'<td style="{style}">{body}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    if len(shown) < total:
        notes.append(says["first"].format(len(shown), total))
    top = f'<p style="{_LEFT}margin:0.2em 0">{html.escape(" · ".join(notes))}</p>' if notes else ""
    return (f'<div>{top}<table style="margin-left:0"><thead><tr>{"".join(head)}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></div>')
