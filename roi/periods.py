"""Reporting periods in the administration's time zone: ``2026-10``, ``2026-Q3``, ``2026``."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from roi.errors import RoiError

__all__ = ["FREQUENCIES", "GROUPS", "TOPIC", "check_by", "first_of_each", "group_codes", "group_keys",
           "parse_period", "period_bounds", "period_labels", "periods_or_all", "same_by", "stable_order"]

#: The columns every family can group its indicators by.
GROUPS = ("account", "channel", "period")

#: The topic of each message's thread (:func:`roi.topics.message_topics`): a grouping of the
#: families, :func:`roi.index.summarize` and :func:`roi.indicators` (``by=("topic", ...)``).
TOPIC = "topic"

#: Accepted ``freq`` values -> pandas period frequency.
FREQUENCIES = {"month": "M", "quarter": "Q", "year": "Y"}


def _check(freq: str) -> str:
    if freq not in FREQUENCIES:
        raise RoiError(f"unknown period frequency {freq!r}", field="freq", fix=f"use one of {list(FREQUENCIES)} or None")
    return FREQUENCIES[freq]


def _label(periods: pd.Series, freq: str) -> pd.Series:
    """Each period as text, written once per distinct period (a handful, however many rows)."""
    codes, distinct = pd.factorize(periods)
    text = pd.Series(pd.Index(distinct), dtype=object).astype("string")
    if freq == "quarter":
        text = text.str.replace("Q", "-Q", regex=False)
    return pd.Series(text.array.take(codes, allow_fill=True), index=periods.index)


def period_labels(instants: pd.Series, freq: str, timezone: str) -> pd.Series:
    """The period each UTC instant falls in, cut in local time: ``"2026-10"``, ``"2026-Q3"``, ``"2026"``.

    >>> period_labels(pd.Series(pd.to_datetime(["2026-09-30T22:30Z"])), "month", "Europe/Madrid").tolist()
    ['2026-10']
    """
    code = _check(freq)
    local = instants.dt.tz_convert(timezone).dt.tz_localize(None)
    return _label(local.dt.to_period(code), freq)


def period_bounds(labels: pd.Series, freq: str, timezone: str) -> tuple[pd.Series, pd.Series]:
    """Start and end (exclusive) of each labelled period, as UTC instants."""
    code = _check(freq)
    codes, unique = pd.factorize(labels)  # a handful of periods, however many messages
    periods = pd.PeriodIndex(pd.Index(unique).str.replace("-Q", "Q", regex=False), freq=code)
    start = periods.start_time.tz_localize(timezone, ambiguous=True, nonexistent="shift_forward").tz_convert("UTC")
    end = (periods.end_time.floor("s") + pd.Timedelta(seconds=1))
    end = end.tz_localize(timezone, ambiguous=True, nonexistent="shift_forward").tz_convert("UTC")
    start = start.as_unit("ns")[codes]
    end = end.as_unit("ns")[codes]
    return pd.Series(start, index=labels.index), pd.Series(end, index=labels.index)


def parse_period(text: str) -> tuple[str, str]:
    """``"2026-10"`` -> ``("2026-10", "month")``; ``"2026-Q3"`` -> quarter; ``"2026"`` -> year."""

    if re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", text):
        return text, "month"
    if re.fullmatch(r"\d{4}-Q[1-4]", text):
        return text, "quarter"
    if re.fullmatch(r"\d{4}", text):
        return text, "year"
    raise RoiError(f"cannot read the period {text!r}", field="period", fix='write "2026-10", "2026-Q3" or "2026"')


def check_by(by, *, topic: bool = False) -> list[str]:
    """``by`` as a list, or a :class:`RoiError` naming what cannot be grouped by.

    ``topic``: the caller also groups by :data:`TOPIC` (the families and the index do).
    """
    by = [by] if isinstance(by, str) else list(by)
    allowed = (*GROUPS, TOPIC) if topic else GROUPS
    unknown = [b for b in by if b not in allowed]
    if unknown:
        raise RoiError(f"cannot group by {unknown}", field="by", fix=f"use columns among {list(allowed)}")
    if len(set(by)) != len(by):
        raise RoiError(f"by names a column twice: {by}", field="by", fix="name each group column once")
    return by


def periods_or_all(instants: pd.Series, freq: str | None, timezone: str) -> pd.Series:
    """:func:`period_labels`, or ``"all"`` for every instant when ``freq`` is None."""
    if freq is None:
        return pd.Series("all", index=instants.index, dtype="string")
    return period_labels(instants, freq, timezone)


def group_codes(frame: pd.DataFrame, by: list[str]) -> tuple[np.ndarray, int]:
    """``(codes, n_groups)``: each row's group number in the order of ``frame.groupby(by,
    observed=True, sort=True, dropna=False)`` (its ``ngroup``), and the number of groups.

    The numbers of the rows of a family's table, one per group (:func:`group_keys`), for
    estimators that compute every group at once (:func:`roi.stats.bootstrap_mean_intervals`,
    :func:`roi.stats.group_means`). Without ``by`` every row is
    in group 0 and there is one group.

    >>> group_codes(pd.DataFrame({"account": ["b", "a", "b"]}), ["account"])
    (array([1, 0, 1]), 2)
    """
    if not by:
        return np.zeros(len(frame), dtype=np.int64), 1
    codes = frame.groupby(by, observed=True, sort=True, dropna=False).ngroup().to_numpy().astype(np.int64)
    return codes, int(codes.max()) + 1 if len(codes) else 0


def group_keys(frame: pd.DataFrame, by: list[str], codes: np.ndarray) -> dict[str, list]:
    """Each group's values of ``by`` (a list per column, in group order, as Python objects): the
    key columns of a table with one row per group of :func:`group_codes` (every number from 0 to
    the largest holding a row), as ``frame.groupby(by)`` gives each key.

    >>> frame = pd.DataFrame({"account": ["b", "a", "b"], "channel": ["x", "y", "z"]})
    >>> group_keys(frame, ["account"], group_codes(frame, ["account"])[0])
    {'account': ['a', 'b']}
    """
    codes = np.asarray(codes, dtype=np.int64)
    _, firsts = np.unique(codes, return_index=True)  # each group's first row
    return {b: frame[b].iloc[firsts].to_numpy(dtype=object).tolist() for b in by}


def combined_codes(*codes: tuple[np.ndarray, int]) -> np.ndarray:
    """One number per distinct combination of per-column codes, in order of first appearance.

    Each item is ``(codes, size)``: a column's codes, from 0 to ``size - 1``. They are
    combined as ``c = c · (size + 1) + codes`` (renumbered first when that would pass
    2**62) and the result numbered by :func:`pandas.factorize`: no strings are built.
    """
    combined = np.zeros(len(codes[0][0]), dtype=np.int64)
    for column, size in codes:
        if (int(combined.max(initial=0)) + 1) * (size + 1) >= 1 << 62:  # too wide: renumber first
            combined = pd.factorize(combined)[0]
        combined = combined * (size + 1) + column
    return pd.factorize(combined)[0].astype(np.int64)


def stable_order(*keys: np.ndarray) -> np.ndarray:
    """The stable order of the rows by ``keys`` (the first one major), each of whole numbers from 0:
    ``np.lexsort(keys[::-1])``, sorted as one combined integer key where it fits in 62 bits.

    >>> stable_order(np.array([1, 0, 1, 0]), np.array([0, 5, 0, 2])).tolist()
    [3, 1, 0, 2]
    """
    combined = np.zeros(len(keys[0]), dtype=np.int64)
    room = 1
    for key in reversed(keys):
        span = int(key.max()) + 1 if len(key) else 1
        if room * span >= 1 << 62:  # too wide for one integer
            return np.lexsort(keys[::-1])
        combined += key.astype(np.int64) * room
        room *= span
    return np.argsort(combined, kind="stable")


def first_of_each(*columns) -> tuple[np.ndarray, np.ndarray]:
    """``(code, first)``: a number for each distinct combination of the columns' values (missing
    values included), in order of first appearance, and the row where each number first appears.

    For computing something once per distinct value (texts that repeat) and reading it back
    with ``result[code]``. Each column is factorised on its own (an Arrow-backed one by
    Arrow) and the codes combined (:func:`combined_codes`).

    >>> first_of_each(np.array(["a", "b", "a"]), np.array([1, 1, 1]))
    (array([0, 1, 0]), array([0, 1]))
    """
    factorised = []
    for column in columns:
        if not isinstance(column, (pd.Series, pd.Index, pd.api.extensions.ExtensionArray)):
            column = np.asarray(column)
        codes, uniques = pd.factorize(column, use_na_sentinel=False)
        factorised.append((codes.astype(np.int64), len(uniques)))
    code = combined_codes(*factorised)
    _, first = np.unique(code, return_index=True)
    return code, first


def same_by(items: list, what: str) -> tuple[str, ...]:
    """The ``by`` shared by every item (results or partials of partitions), or a :class:`RoiError`
    naming ``what`` when there are none or they were grouped differently."""
    if not items:
        raise RoiError(f"no {what} to combine", field=what, fix=f"pass the {what} of each partition")
    by = items[0].by
    if any(item.by != by for item in items):
        raise RoiError(f"the {what} were grouped differently", field="by", fix="compute every partition with the same by")
    return by
