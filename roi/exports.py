"""Two exports of the same channels compared: citizen comments that disappeared between them.

A platform's export shows a hidden comment with its flag (Facebook, Instagram), but a
deleted one simply is not there any more: deletions show only by comparing an export
with an earlier one (``roi/methodology.md``, transparency). A citizen's public message
that the *earlier* export holds and the *later* one does not has **disappeared**.

Two rules keep the comparison fair:

- a message is compared only where the later export shows it covers the message's
  conversation: it holds *another* message of that conversation, or, for a message
  alone in its conversation (a mention, a request without notes), the later export's
  messages on that channel begin no later than it was written. So an export that
  covers a shorter time window does not make old comments look deleted; the price is
  that a deletion at the very edge of the later export's window cannot be seen;
- an export cannot tell who deleted a comment: its author or the administration's
  moderation. The share is reported as information, beside the hidden comments, and is
  never scored in the index.

Formula, per group: ``share_disappeared = n_disappeared / n_compared`` (Wilson 95%
interval), where ``n_compared`` counts the earlier export's citizen public messages that
are compared.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from roi.config import Config, as_config
from roi.periods import GROUPS, check_by, periods_or_all
from roi.stats import wilson_interval

__all__ = ["DETAIL_COLUMNS", "disappeared", "summarize", "summarize_detail"]

#: Columns of :func:`disappeared` (no author and no text: identifiers to look the messages up).
DETAIL_COLUMNS = ("channel", "account", "thread_id", "message_id", "created_at", "disappeared")


def _keys(messages: pd.DataFrame, column: str) -> pd.MultiIndex:
    return pd.MultiIndex.from_arrays([messages["channel"].astype("string"), messages[column].astype("string")])


def disappeared(earlier: pd.DataFrame, later: pd.DataFrame) -> pd.DataFrame:
    """The earlier export's citizen public messages that the later export covers (module docstring).

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
    thread = _keys(citizen, "thread_id")
    kept = np.asarray(_keys(citizen, "message_id").isin(_keys(later, "message_id")), dtype=bool)
    # messages of each conversation: in the later export, and in the earlier one
    in_later = pd.Series(1, index=_keys(later, "thread_id")).groupby(level=[0, 1]).size()
    in_earlier = pd.Series(1, index=_keys(earlier, "thread_id")).groupby(level=[0, 1]).size()
    held_by_another = in_later.reindex(thread, fill_value=0).to_numpy() - kept > 0
    alone = in_earlier.reindex(thread, fill_value=0).to_numpy() == 1
    window_start = later.groupby(later["channel"].astype("string"), observed=True)["created_at"].min()
    begins = citizen["channel"].astype("string").map(window_start)
    within = (citizen["created_at"] >= begins).fillna(False).to_numpy(bool)
    compared = held_by_another | (alone & within)
    out = citizen.loc[compared, list(DETAIL_COLUMNS[:-1])].reset_index(drop=True)
    out["disappeared"] = ~kept[compared]
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
    return summarize_detail(disappeared(earlier, later), by, config, freq=freq)


def summarize_detail(detail: pd.DataFrame, by: Sequence[str] = GROUPS, config: Config | str | None = None, *,
                     freq: str | None = "month") -> pd.DataFrame:
    """:func:`summarize` of a :func:`disappeared` table already computed."""
    by = check_by(by)
    config = as_config(config)
    detail = detail.copy()
    detail["period"] = periods_or_all(detail["created_at"], freq, config.timezone)
    detail["channel"] = detail["channel"].astype("string")
    out = (detail.groupby(by, dropna=False, sort=True)["disappeared"]
           .agg(n_compared="size", n_disappeared="sum").reset_index())
    k, n = out["n_disappeared"].to_numpy(float), out["n_compared"].to_numpy(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        out["share_disappeared"] = np.where(n > 0, k / n, np.nan)
    out["share_disappeared_ci_low"], out["share_disappeared_ci_high"] = wilson_interval(k, n)
    return out
