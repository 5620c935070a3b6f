"""Two exports of the same channels compared: citizen comments that disappeared between them.

A platform's export shows a hidden comment with its flag (Facebook, Instagram), but a
deleted one simply is not there any more: deletions show only by comparing an export
with an earlier one (``roi/methodology.md``, transparency). A citizen's public message
that the *earlier* export holds and the *later* one does not has **disappeared**.

Two rules keep the comparison fair:

- only conversations present in both exports are compared (a thread whose root post
  the later export still holds, or any of whose messages it holds), so an export that
  covers a shorter time window does not make old comments look deleted;
- an export cannot tell who deleted a comment: its author or the administration's
  moderation. The share is reported as information, beside the hidden comments, and is
  never scored in the index.

Formula, per group: ``share_disappeared = n_disappeared / n_compared`` (Wilson 95%
interval), where ``n_compared`` counts the earlier export's citizen public messages in
conversations the later export holds.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from roi.config import Config, as_config
from roi.periods import GROUPS, check_by, periods_or_all
from roi.stats import wilson_interval

__all__ = ["DETAIL_COLUMNS", "disappeared", "summarize"]

#: Columns of :func:`disappeared` (no author and no text: identifiers to look the messages up).
DETAIL_COLUMNS = ("channel", "account", "thread_id", "message_id", "created_at", "disappeared")


def _keys(messages: pd.DataFrame, column: str) -> pd.MultiIndex:
    return pd.MultiIndex.from_arrays([messages["channel"].astype("string"), messages[column].astype("string")])


def disappeared(earlier: pd.DataFrame, later: pd.DataFrame) -> pd.DataFrame:
    """The earlier export's citizen public messages in conversations the later export holds.

    Parameters
    ----------
    earlier, later
        Message tables (``roi.load(...).messages``) of two exports of the same channels,
        the later taken after the earlier.

    Returns
    -------
    DataFrame
        :data:`DETAIL_COLUMNS`: one row per compared message; ``disappeared`` is True
        when the later export no longer holds it (matched on channel and message id).
    """
    citizen = earlier[~earlier["is_official"].to_numpy(bool) & earlier["is_public"].to_numpy(bool)]
    held_threads = _keys(later, "thread_id")
    compared = citizen[_keys(citizen, "thread_id").isin(held_threads)]
    gone = ~_keys(compared, "message_id").isin(_keys(later, "message_id"))
    out = compared[list(DETAIL_COLUMNS[:-1])].reset_index(drop=True)
    out["disappeared"] = np.asarray(gone, dtype=bool)
    return out


def summarize(earlier: pd.DataFrame, later: pd.DataFrame, by: Sequence[str] = GROUPS,
              config: Config | str | None = None, *, freq: str | None = "month") -> pd.DataFrame:
    """Disappeared comments per group (the period is the one the comment was written in).

    Returns
    -------
    DataFrame
        One row per ``by`` group: ``n_compared``, ``n_disappeared``,
        ``share_disappeared`` with ``share_disappeared_ci_low`` / ``_ci_high`` (Wilson
        95%; NaN where nothing was compared).
    """
    by = check_by(by)
    config = as_config(config)
    detail = disappeared(earlier, later)
    detail["period"] = periods_or_all(detail["created_at"], freq, config.timezone)
    detail["channel"] = detail["channel"].astype("string")
    out = (detail.groupby(by, dropna=False, sort=True)["disappeared"]
           .agg(n_compared="size", n_disappeared="sum").reset_index())
    k, n = out["n_disappeared"].to_numpy(float), out["n_compared"].to_numpy(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        out["share_disappeared"] = np.where(n > 0, k / n, np.nan)
    out["share_disappeared_ci_low"], out["share_disappeared_ci_high"] = wilson_interval(k, n)
    return out
