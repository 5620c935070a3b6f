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
- **bootstrap intervals of means** (the Poisson bootstrap of :mod:`roi.stats`): each
  row's weight in resample b depends on the row's key, the seed and b alone, so a
  resample of the whole group is the union of the same resamples of its parts, and its
  weighted sums ``Σ w_bi`` and ``Σ w_bi x_i`` add up across partitions
  (:class:`roi.stats.BootstrapSums`). :func:`mean_partial` computes a partition's sums per
  group, :func:`combine_means` adds them and :func:`mean_estimates` gives the means and
  their intervals: those of the whole table, up to the order of floating-point additions.
- **bootstrap intervals of Kaplan-Meier medians** would merge the same way (weighted
  events and censorings per resample on the shared grid), at the cost of a
  resamples x grid table per group; that is not implemented: they are left to the
  whole-group run or to a per-partition report.

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
from roi.columns import as_text
from roi.config import Config, as_config
from roi.periods import TOPIC, check_by, same_by
from roi.stats import BootstrapSums, bootstrap_sums, km_from_counts, wilson_interval
from roi.threads import Threads
from roi.topics import topic_column

__all__ = ["MeanPartial", "SpeedPartial", "combine", "combine_means", "mean_estimates", "mean_partial", "speed_estimates",
           "speed_partial"]

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
    whole data), or each partition would censor at its own last message. ``by`` may hold
    ``"topic"`` (each message under its thread's topic, :func:`roi.topics.message_topics`):
    a thread's topic depends on its own messages only, so partitions that keep every
    thread whole (split by account) give each message the topic the whole table gives it.
    """
    config = as_config(config)
    by = tuple(check_by(by, topic=True))
    d = speed.detail(messages, config, freq=freq, observed_until=observed_until, threads=threads)
    if TOPIC in by:  # each inbound message under its thread's topic, as roi.speed.summarize counts it
        d = d.assign(topic=topic_column(d, messages, config, threads=threads))
    keys = [as_text(d[b]) for b in by]
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


@dataclass
class MeanPartial:
    """The additive part of a bootstrapped mean on one partition.

    Attributes
    ----------
    by
        The group columns.
    groups
        One row per group: the ``by`` columns, ``n`` (values) and ``total`` (their sum).
    sums
        The Poisson bootstrap's weighted sums of those groups, in the same order
        (:class:`roi.stats.BootstrapSums`, resamples x groups).
    """

    by: tuple[str, ...]
    groups: pd.DataFrame
    sums: BootstrapSums


def mean_partial(groups: pd.DataFrame, values, keys, *, n_resamples: int = 1000, seed: int = 0) -> MeanPartial:
    """A partition's sums for the mean of ``values`` per group of ``groups`` (its columns are the ``by``).

    ``keys`` are the rows' :func:`roi.stats.row_keys` (the same identifying columns in every
    partition, e.g. ``channel`` and ``message_id``); NaN values are left out. Every
    partition must use the same ``n_resamples`` and ``seed``.
    """
    by = tuple(groups.columns)
    x = np.asarray(values, dtype=float)
    keep = ~np.isnan(x)
    labels = groups.astype("string").reset_index(drop=True)[keep]
    codes, table = (labels.groupby(list(by), sort=True, dropna=False).ngroup().to_numpy(),
                    labels.drop_duplicates().sort_values(list(by)).reset_index(drop=True)) if by else (
        np.zeros(int(keep.sum()), dtype=np.int64), pd.DataFrame(index=[0]))
    table["n"] = np.bincount(codes, minlength=len(table)).astype(np.int64)
    table["total"] = np.bincount(codes, weights=x[keep], minlength=len(table))
    sums = bootstrap_sums(codes, x[keep], len(table), keys=np.asarray(keys, dtype=np.uint64)[keep],
                          n_resamples=n_resamples, seed=seed)
    return MeanPartial(by=by, groups=table, sums=sums)


def combine_means(partials: Iterable[MeanPartial]) -> MeanPartial:
    """The sum of several partitions' :class:`MeanPartial` (same ``by``, resamples and seed), group by group."""
    partials = list(partials)
    by = list(same_by(partials, "partials"))
    if not by:
        total = partials[0].sums
        for p in partials[1:]:
            total = total + p.sums
        groups = pd.concat([p.groups for p in partials]).sum().to_frame().T
        return MeanPartial(by=(), groups=groups.astype({"n": "int64"}), sums=total)
    union = (pd.concat([p.groups[by] for p in partials], ignore_index=True).drop_duplicates()
             .sort_values(by).reset_index(drop=True))
    n_resamples = partials[0].sums.weights.shape[0]
    # groups x resamples, seen as resamples x groups: a group's resamples side by side (roi.stats.BootstrapSums)
    weights, sums = np.zeros((len(union), n_resamples)).T, np.zeros((len(union), n_resamples)).T
    n, total = np.zeros(len(union), dtype=np.int64), np.zeros(len(union))
    for p in partials:
        at = p.groups[by].merge(union.reset_index(), on=by, how="left")["index"].to_numpy()  # p's groups in the union
        weights[:, at] += p.sums.weights
        sums[:, at] += p.sums.sums
        n[at] += p.groups["n"].to_numpy()
        total[at] += p.groups["total"].to_numpy()
    return MeanPartial(by=tuple(by), groups=union.assign(n=n, total=total), sums=BootstrapSums(weights, sums))


def mean_estimates(partial: MeanPartial, confidence: float = 0.95) -> pd.DataFrame:
    """``by``, ``n``, ``mean`` (= total / n) and its bootstrap interval ``mean_ci_low`` / ``mean_ci_high``."""
    out = partial.groups.copy()
    out["mean"] = out["total"] / out["n"].where(out["n"] > 0)
    out["mean_ci_low"], out["mean_ci_high"] = partial.sums.interval(confidence)
    return out.drop(columns="total")
