"""Estimators that merge: per-partition counts that add up to the whole table's figures.

A national observatory cannot hold every council's messages in one process. It can
compute, for each partition (a council, a set of accounts), *counts* that add up across
partitions, and then the estimates from the summed counts. For the speed family:

- **rates** (response rate, question response rate): successes and trials per group add
  up; the Wilson interval is computed from the sums (:func:`roi.stats.wilson_interval`).
- **Kaplan-Meier quantiles and shares within an SLA target**: per group and clock, the
  number of answers (events) and of censorings at each time on a shared grid, the whole
  seconds the speed family rounds its times to. Summed over partitions they give the
  risk sets of the whole group, ``r_j = n - (events + censorings before t_j)``, and
  ``S(t) = Π_{t_j <= t} (1 - d_j / r_j)``: the same curve as on the whole table
  (:func:`roi.stats.km_from_counts`).
- **bootstrap intervals** of medians and means do not merge (a resample of the whole
  group is not a sum of resamples of its parts); they are left to the whole-group run or
  to a per-partition report.

:func:`speed_partial` computes one partition's counts, :func:`combine` adds partials,
:func:`speed_estimates` turns (summed) counts into the figures, named as in
:func:`roi.speed.summarize`. A group that falls in one partition only (partitions by
account, groups by account) needs none of this: :func:`roi.indicators.combine` then
stacks whole ``roi.indicators`` results.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from roi import speed
from roi.config import Config, as_config
from roi.periods import check_by, same_by
from roi.stats import km_from_counts, wilson_interval
from roi.threads import Threads

__all__ = ["SpeedPartial", "combine", "speed_estimates", "speed_partial"]

_COUNTS = ("n_inbound", "n_questions", "n_answered", "n_questions_answered", "n_censored")
_CLOCKS = (("", "response_seconds"), ("business_", "response_business_seconds"))


@dataclass
class SpeedPartial:
    """The additive part of the speed family on one partition.

    Attributes
    ----------
    by
        The group columns.
    counts
        One row per group: the ``by`` columns and :data:`_COUNTS` (sums of inbound messages).
    times
        One row per group, clock (``calendar`` or ``business``) and whole second at which
        something happened: ``events`` (answers) and ``censored`` there.
    """

    by: tuple[str, ...]
    counts: pd.DataFrame
    times: pd.DataFrame


def speed_partial(messages: pd.DataFrame, by: Sequence[str] = ("channel", "period"), config: Config | str | None = None,
                  *, freq: str | None = "month", observed_until=None, threads: Threads | None = None) -> SpeedPartial:
    """The counts of one partition (:class:`SpeedPartial`).

    ``observed_until`` must be the same for every partition (the export time of the
    whole data), or each partition would censor at its own last message.
    """
    config = as_config(config)
    by = tuple(check_by(by))
    d = speed.detail(messages, config, freq=freq, observed_until=observed_until, threads=threads)
    keys = [d[b].astype("string") for b in by]
    flags = pd.DataFrame({
        "n_inbound": np.ones(len(d), dtype=np.int64),
        "n_questions": d["is_question"].to_numpy(dtype=np.int64),
        "n_answered": d["answered"].to_numpy(dtype=np.int64),
        "n_questions_answered": (d["answered"] & d["is_question"]).to_numpy(dtype=np.int64),
        "n_censored": (~d["answered"]).to_numpy(dtype=np.int64),
    }, index=d.index)
    counts = flags.groupby(keys, sort=True).sum().reset_index() if by else flags.sum().to_frame().T
    frames = []
    for clock, column in _CLOCKS:
        frame = pd.DataFrame({b: k.to_numpy() for b, k in zip(by, keys, strict=True)})
        frame["clock"] = clock.rstrip("_") or "calendar"
        frame["seconds"] = np.round(d[column].to_numpy(dtype=float))  # the grid: whole seconds, as speed rounds
        frame["events"] = d["answered"].to_numpy(dtype=np.int64)
        frame["censored"] = (~d["answered"]).to_numpy(dtype=np.int64)
        frames.append(frame)
    times = pd.concat(frames, ignore_index=True).groupby([*by, "clock", "seconds"], sort=True).sum().reset_index()
    return SpeedPartial(by=by, counts=counts, times=times)


def combine(partials: Iterable[SpeedPartial]) -> SpeedPartial:
    """The sum of several partitions' partials (same ``by``): counts and times added group by group."""
    partials = list(partials)
    by = same_by(partials, "partials")
    counts = pd.concat([p.counts for p in partials], ignore_index=True)
    counts = counts.groupby(list(by), sort=True).sum().reset_index() if by else counts.sum().to_frame().T
    times = pd.concat([p.times for p in partials], ignore_index=True)
    times = times.groupby([*by, "clock", "seconds"], sort=True).sum().reset_index()
    return SpeedPartial(by=by, counts=counts, times=times)


def speed_estimates(partial: SpeedPartial, config: Config | str | None = None) -> pd.DataFrame:
    """The figures of :func:`roi.speed.summarize` that merge, from (summed) counts.

    Columns: the ``by`` columns, :data:`_COUNTS`, ``response_rate`` and
    ``question_response_rate`` with Wilson intervals, ``frt_median_minutes``,
    ``frt_p90_minutes``, ``frt_median_business_minutes``, ``frt_p90_business_minutes``
    (Kaplan-Meier from the summed events and censorings) and ``share_within_{h}h_business``
    / ``share_within_{h}h_calendar`` (1 - S(h)).
    """
    config = as_config(config)
    by = list(partial.by)
    out = partial.counts.copy()
    out["response_rate"] = out["n_answered"] / out["n_inbound"].where(out["n_inbound"] > 0)
    out["response_rate_ci_low"], out["response_rate_ci_high"] = wilson_interval(out["n_answered"], out["n_inbound"])
    out["question_response_rate"] = out["n_questions_answered"] / out["n_questions"].where(out["n_questions"] > 0)
    low, high = wilson_interval(out["n_questions_answered"], out["n_questions"])
    out["question_response_rate_ci_low"], out["question_response_rate_ci_high"] = low, high
    rows = []
    grouped = partial.times.groupby([*by, "clock"], sort=True) if by else partial.times.groupby("clock", sort=True)
    for key, g in grouped:
        key = key if isinstance(key, tuple) else (key,)
        clock = key[-1]
        prefix = "business_" if clock == "business" else ""
        seconds = g["seconds"].to_numpy(dtype=float)
        events, censored = g["events"].to_numpy(), g["censored"].to_numpy()
        median, p90 = km_from_counts(seconds, events, censored).quantiles((0.5, 0.9)) / 60
        row = {**dict(zip(by, key[:-1], strict=True)), f"frt_median_{prefix}minutes": median,
               f"frt_p90_{prefix}minutes": p90}
        targets = config.sla_business_hours if prefix else config.sla_calendar_hours
        if len(targets):
            within = 1 - km_from_counts(seconds, events, censored).survival_at(np.asarray(targets) * 3600)
            for hours, share in zip(targets, within, strict=True):
                row[f"share_within_{hours:g}h_{prefix or 'calendar_'}".rstrip("_")] = share
        rows.append(row)
    km = pd.DataFrame(rows)
    if by:
        km = km.groupby(by, sort=True).first().reset_index()  # the two clocks of a group on one row
        return out.merge(km, on=by, how="left")
    return pd.concat([out.reset_index(drop=True), km.bfill().iloc[:1].reset_index(drop=True)], axis=1)
