"""The figures of the report's first page: the trend, the key figures and what moved the index.

- **Trend**: the rows of ``roi.indicators(..., by=("period",)).table`` for the periods of
  the year ending at the report period, both ends included (13 months, 5 quarters or 5
  years: :data:`TREND_PERIODS`), so that the same period a year earlier is its first row;
  NaN where the data hold no such period.
- **Key figures** (:data:`KEY_FIGURES`): the index, the four family scores, the inbound
  volume, the response rate and the median first response on the business clock.
- **What moved**: the index is the sum of its indicators' contributions (``weight ×
  score``, :mod:`roi.index`), so the change of the index between two periods is exactly
  the sum of the changes of the contributions,
  ``Δ index = Σ_i (contribution_i(now) - contribution_i(before))``, an excluded indicator
  contributing 0. The indicators with the largest ``|Δ contribution|`` are the ones that
  moved the index most.
"""

from __future__ import annotations

import pandas as pd

from roi.index import FAMILIES
from roi.periods import parse_period

__all__ = ["KEY_FIGURES", "TREND_PERIODS", "periods_ending", "trend", "what_moved"]

#: How many periods the trend shows, by kind of period: a year back and the report's own period
#: (years: five, the shortest series that still shows a direction).
TREND_PERIODS = {"month": 13, "quarter": 5, "year": 5}

#: The key figures of page one: (column of the indicator table, kind). ``score``: 0-100 points;
#: ``count``: messages; ``share``: 0-1; ``minutes``: a business-clock duration.
KEY_FIGURES: tuple[tuple[str, str], ...] = (
    ("roi_index", "score"),
    *((f"score_{f}", "score") for f in FAMILIES),
    ("speed_n_inbound", "count"),
    ("speed_response_rate", "share"),
    ("speed_frt_median_business_minutes", "minutes"),
)


def periods_ending(period: str, n: int | None = None) -> list[str]:
    """The ``n`` period labels ending at ``period``, oldest first (default :data:`TREND_PERIODS` of its kind).

    >>> periods_ending("2025-02", 3), periods_ending("2025-Q1")
    (['2024-12', '2025-01', '2025-02'], ['2024-Q1', '2024-Q2', '2024-Q3', '2024-Q4', '2025-Q1'])
    """
    label, freq = parse_period(period)
    n = TREND_PERIODS[freq] if n is None else n
    code = {"month": "M", "quarter": "Q", "year": "Y"}[freq]
    end = pd.Period(label.replace("-Q", "Q"), freq=code)
    labels = [str(p) for p in pd.period_range(end=end, periods=n, freq=code)]
    return [p.replace("Q", "-Q") for p in labels] if freq == "quarter" else labels


def trend(table: pd.DataFrame, period: str, n: int | None = None) -> pd.DataFrame:
    """The key figures of the ``n`` periods ending at ``period`` (:func:`periods_ending`): one row per period, oldest first.

    Columns ``period`` and the columns of :data:`KEY_FIGURES` (NaN for a period without data).
    """
    columns = [c for c, _ in KEY_FIGURES]
    rows = table.drop_duplicates("period").set_index("period")
    frame = rows.reindex(periods_ending(period, n))[columns]
    return frame.rename_axis("period").reset_index()


def what_moved(contributions: pd.DataFrame, period: str, before: str, top: int = 3) -> pd.DataFrame:
    """The indicators whose contribution to the index changed most between ``before`` and ``period``.

    Parameters
    ----------
    contributions
        ``roi.indicators(..., by=("period",)).contributions`` (every period).
    top
        How many indicators to keep (those with a change of 0 are never kept).

    Returns
    -------
    DataFrame
        One row per indicator, largest ``|change|`` first: ``family``, ``indicator``,
        ``value_before``, ``value``, ``n_before``, ``n``, ``included_before``,
        ``included``, ``contribution_before``, ``contribution`` and ``change`` =
        ``contribution - contribution_before`` (index points).
    """
    keep = ["family", "indicator", "value", "n", "included", "contribution"]
    now = contributions.loc[contributions["period"] == period, keep]
    old = contributions.loc[contributions["period"] == before, keep]
    both = now.merge(old, on=["family", "indicator"], how="outer", suffixes=("", "_before"))
    for col in ("contribution", "contribution_before"):
        both[col] = both[col].fillna(0.0).astype(float)
    for col in ("included", "included_before"):
        both[col] = both[col].astype("boolean").fillna(False).astype(bool)
    both["change"] = both["contribution"] - both["contribution_before"]
    both = both[both["change"].abs() > 0]
    order = both["change"].abs().sort_values(ascending=False, kind="stable").index
    columns = ["family", "indicator", "value_before", "value", "n_before", "n", "included_before", "included",
               "contribution_before", "contribution", "change"]
    return both.loc[order, columns].head(top).reset_index(drop=True)
