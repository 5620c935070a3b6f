"""Response speed: response rates, first-response times on two clocks, SLA shares, reply latency.

Anchors (``roi/methodology.md``): Zendesk first reply time on a calendar and a business
clock; Socialbakers' response-time buckets (0-2 h, 2-8 h, 8-24 h, > 24 h, none) and
question response rate; the Generalitat de Catalunya guide's 2-hour reply target.

Unanswered messages are **right-censored**, not dropped: an inbound message without an
answer by the end of its observation window is known only to wait longer than (window end
- message time). Medians and percentiles of first-response time come from the
Kaplan-Meier estimate over answered and censored messages alike; the median of answered
messages alone is biased low.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np
import pandas as pd

from roi.calendar import BusinessCalendar
from roi.config import Config, as_config
from roi.errors import RoiError
from roi.periods import TOPIC, check_by, group_codes, group_keys, period_bounds, period_labels
from roi.stats import GroupTimes, bootstrap_km_quantiles_by_group, km_points_by_group, row_keys, wilson_interval
from roi.threads import Threads, inbound, replies
from roi.topics import topic_column

__all__ = ["BUCKETS", "detail", "summarize"]

#: Calendar-clock buckets of first-response time, in hours: (label, low, high).
BUCKETS = (("0_2h", 0, 2), ("2_8h", 2, 8), ("8_24h", 8, 24), ("over_24h", 24, np.inf))


def _as_utc(value, name: str) -> pd.Timestamp | None:
    if value is None:
        return None
    try:
        ts = pd.Timestamp(value)
    except (TypeError, ValueError):
        raise RoiError(f"cannot read {value!r} as a date", field=name, fix="write e.g. 2026-10-31 or 2026-10-31T23:59Z") from None
    return ts.tz_localize("UTC") if ts.tzinfo is None else ts.tz_convert("UTC")


def _window(frame: pd.DataFrame, *, freq, start, end, export_end, grace, timezone):
    """Period label and observation end of each inbound message."""
    created = frame["created_at"]
    if start is not None or end is not None:
        lo = start if start is not None else created.min()
        hi = end if end is not None else export_end
        label = f"{lo.tz_convert(timezone):%Y-%m-%d}..{hi.tz_convert(timezone):%Y-%m-%d}"
        labels = pd.Series(label, index=frame.index, dtype="string")
        observed_until = pd.Series(min(hi + grace, export_end), index=frame.index)
    elif freq is not None:
        labels = period_labels(created, freq, timezone)
        _, period_end = period_bounds(labels, freq, timezone)
        observed_until = (period_end.astype("datetime64[ns, UTC]") + grace).clip(upper=export_end)
    else:
        labels = pd.Series("all", index=frame.index, dtype="string")
        observed_until = pd.Series(export_end, index=frame.index)
    return labels, observed_until.astype("datetime64[ns, UTC]")


def detail(
    messages: pd.DataFrame,
    config: Config | str | None = None,
    *,
    freq: str | None = "month",
    start=None,
    end=None,
    observed_until=None,
    grace: dt.timedelta | None = None,
    official_replies: pd.DataFrame | None = None,
    threads: Threads | None = None,
    _inbound: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per inbound message: its answer, or its censoring, on both clocks.

    Parameters
    ----------
    messages
        A validated message table.
    config
        Time zone, office hours and holidays (business clock), official handles.
    freq
        ``"month"``, ``"quarter"``, ``"year"`` or None: the ``period`` of each message,
        cut in local time. Ignored when ``start`` or ``end`` is given.
    start, end
        An explicit period: inbound messages created in ``[start, end)``.
    observed_until
        When the export was taken; default the latest message in ``messages``.
    grace
        Time after a period's end during which answers still count (default the
        config's ``sla.grace_days``). The observation window of a message ends at
        ``min(period end + grace, observed_until)``.
    official_replies
        :func:`roi.threads.replies` of ``messages``, when the caller already has it.
    threads
        :func:`roi.threads.threads` of ``messages``, when the caller already has it
        (its inbound messages are then not found again).

    Returns
    -------
    DataFrame
        The columns of :func:`roi.threads.inbound`, plus ``period``, ``observed_until``,
        ``answered`` (answered within the window), ``censored`` (= not answered),
        ``response_seconds`` (calendar: answer time - message time; when censored,
        window end - message time) and ``response_business_seconds`` (the same on the
        office-hours clock), and ``bucket``.
    """
    config = as_config(config)
    if threads is not None:  # found once per table and settings, whatever the grouping
        return threads.check(messages).memo(("speed.detail", freq, str(start), str(end), str(observed_until), str(grace)),
                                            config, lambda: detail(messages, config, freq=freq, start=start, end=end,
                                                                   observed_until=observed_until, grace=grace,
                                                                   official_replies=official_replies,
                                                                   _inbound=threads.inbound))
    grace = pd.Timedelta(days=config.grace_days) if grace is None else pd.Timedelta(grace)
    export_end = _as_utc(observed_until, "observed_until") or messages["created_at"].max()
    start, end = _as_utc(start, "start"), _as_utc(end, "end")
    frame = _inbound.copy(deep=False) if _inbound is not None else inbound(messages, config, official_replies=official_replies)
    if start is not None:
        frame = frame[frame["created_at"] >= start]
    if end is not None:
        frame = frame[frame["created_at"] < end]
    frame = frame.reset_index(drop=True)
    labels, until = _window(frame, freq=freq, start=start, end=end, export_end=export_end, grace=grace,
                            timezone=config.timezone)
    frame.insert(frame.columns.get_loc("created_at") + 1, "period", labels)
    frame["observed_until"] = until
    answered = frame["answered_at"].notna() & (frame["answered_at"] <= until)
    frame["answered"] = answered.to_numpy()
    frame["censored"] = ~frame["answered"]
    stop = frame["answered_at"].where(answered, until)
    stop = stop.where(stop >= frame["created_at"], frame["created_at"])
    frame["response_seconds"] = (stop - frame["created_at"]).dt.total_seconds().to_numpy()
    if len(frame):
        calendar = BusinessCalendar.from_config(config, frame["created_at"].min(), stop.max())
        frame["response_business_seconds"] = calendar.business_seconds(frame["created_at"], stop)
    else:
        frame["response_business_seconds"] = pd.Series(dtype=float)
    codes = _bucket_codes(frame["answered"].to_numpy(dtype=bool), frame["response_seconds"].to_numpy(dtype=float))
    frame["bucket"] = pd.array(list(_BUCKET_LABELS), dtype="string").take(codes)  # Arrow take: no string per row
    return frame


def _bucket_codes(answered: np.ndarray, seconds: np.ndarray) -> np.ndarray:
    """The position in :data:`_BUCKET_LABELS` of each message's bucket: the :data:`BUCKETS` interval
    ``[low, high)`` its calendar hours fall in when answered, else ``unanswered``."""
    hours = seconds / 3600
    edges = np.array([low for _, low, _ in BUCKETS[1:]], dtype=float)  # 2, 8, 24: the bounds between buckets
    inside = answered & (hours >= BUCKETS[0][1]) & (hours < BUCKETS[-1][2])
    return np.where(inside, np.searchsorted(edges, hours, side="right"), len(BUCKETS)).astype(np.int64)


#: The two clocks of the response time: the prefix of their columns and the detail column read.
_CLOCKS = (("", "response_seconds"), ("business_", "response_business_seconds"))


def _group_speed(d: pd.DataFrame, codes: np.ndarray, n_groups: int, clocks: dict[str, dict[str, np.ndarray]]
                 ) -> dict[str, np.ndarray]:
    """Every group's columns but its key, one value per group: the counts, each clock's figures
    (:func:`_clock_figures`) and the share of each bucket of :data:`_BUCKET_LABELS` (a count over
    ``n_inbound``, NaN for no message), counted in one pass over the detail table ``d``."""
    answered = d["answered"].to_numpy(dtype=bool)
    questions = d["is_question"].to_numpy(dtype=bool)

    def count(rows: np.ndarray | None = None) -> np.ndarray:
        return np.bincount(codes if rows is None else codes[rows], minlength=n_groups).astype(np.int64)

    n = count()
    row = {
        "n_inbound": n,
        "n_questions": count(questions),
        "n_answered": count(answered),
        "n_questions_answered": count(answered & questions),
        "n_censored": n - count(answered),
    }
    for clock, figures in clocks.items():
        row[f"frt_median_{clock}minutes"] = figures["median"]
        row[f"frt_p90_{clock}minutes"] = figures["p90"]
        row[f"frt_median_{clock}minutes_ci_low"] = figures["low"]
        row[f"frt_median_{clock}minutes_ci_high"] = figures["high"]
        for k, hours in enumerate(figures["targets"]):
            row[f"share_within_{hours:g}h_{clock or 'calendar_'}".rstrip("_")] = figures["within"][:, k]
    bucket = _bucket_codes(answered, d["response_seconds"].to_numpy(dtype=float))
    for k, label in enumerate(_BUCKET_LABELS):
        with np.errstate(invalid="ignore", divide="ignore"):
            row[f"share_{label}"] = np.where(n > 0, count(bucket == k) / n, np.nan)
    return row


#: Bucket labels of :func:`detail`, in the order of the share columns.
_BUCKET_LABELS = (*(label for label, _, _ in BUCKETS), "unanswered")


def _clock_figures(d: pd.DataFrame, config: Config, codes: np.ndarray, n_groups: int, n_resamples: int, seed: int
                   ) -> dict[str, dict[str, np.ndarray]]:
    """Every group's response-time figures on each clock of :data:`_CLOCKS`, by clock prefix: the
    Kaplan-Meier ``median`` and ``p90`` in minutes, the Poisson bootstrap interval of the median
    (``low``, ``high``), and the share answered ``within`` each SLA target (``targets``, hours:
    ``1 - S``), one value per group (seconds rounded to whole seconds, unanswered messages
    censored; the curve of ``scipy.stats.ecdf``, :func:`roi.stats.km_points_by_group`). Both clocks
    are resampled with the same weights, each message weighted by its own
    :func:`roi.stats.row_keys` (so the same resamples in the whole table and in a partition)."""
    answered = d["answered"].to_numpy(dtype=bool)
    seconds = {clock: np.round(d[column].to_numpy(dtype=float)) for clock, column in _CLOCKS}
    codes = np.asarray(codes, dtype=np.int64)
    cuts = {clock: GroupTimes(codes, n_groups, seconds[clock], answered) for clock, _ in _CLOCKS}  # sorted once each
    intervals = bootstrap_km_quantiles_by_group(codes, n_groups, [(seconds[clock], answered) for clock, _ in _CLOCKS],
                                                (0.5,), keys=row_keys(d["channel"], d["message_id"]),
                                                n_resamples=n_resamples, seed=seed,
                                                cuts=[cuts[clock] for clock, _ in _CLOCKS])
    figures = {}
    for (clock, _), interval in zip(_CLOCKS, intervals, strict=True):
        targets = config.sla_business_hours if clock else config.sla_calendar_hours
        quantiles, survival = km_points_by_group(codes, n_groups, seconds[clock], answered, (0.5, 0.9),
                                                 np.asarray(targets, dtype=float) * 3600, cut=cuts[clock])
        figures[clock] = {"median": quantiles[:, 0] / 60, "p90": quantiles[:, 1] / 60, "low": interval[:, 0, 0] / 60,
                          "high": interval[:, 0, 1] / 60, "within": 1 - survival, "targets": list(targets)}
    return figures


def summarize(
    messages: pd.DataFrame,
    by: Sequence[str] = ("account", "channel", "period"),
    config: Config | str | None = None,
    *,
    freq: str | None = "month",
    start=None,
    end=None,
    observed_until=None,
    grace: dt.timedelta | None = None,
    n_resamples: int = 200,
    seed: int = 0,
    threads: Threads | None = None,
) -> pd.DataFrame:
    """Response speed per group: one row per ``by`` group.

    Columns (each rate with its denominator ``n_*`` and a Wilson 95% interval, each
    median with a Poisson bootstrap 95% interval, :func:`roi.stats.bootstrap_km_quantiles`):

    - ``n_inbound``, ``n_questions``, ``n_answered``, ``n_questions_answered``, ``n_censored``
    - ``response_rate`` = n_answered / n_inbound, ``response_rate_ci_low``/``_ci_high``;
      ``question_response_rate`` likewise over questions
    - ``frt_median_minutes``, ``frt_p90_minutes``: Kaplan-Meier quantiles of the
      calendar first-response time, unanswered messages censored at their window's end;
      ``frt_median_business_minutes``, ``frt_p90_business_minutes`` on the office-hours
      clock; ``*_ci_low``/``*_ci_high`` for the medians. ``inf`` when the survival curve
      never falls that low (too many unanswered to tell).
    - ``share_within_{h}h_business`` / ``share_within_{h}h_calendar`` for each SLA target
      in the config: 1 - S(h), the Kaplan-Meier share answered within h hours
    - ``share_0_2h``, ``share_2_8h``, ``share_8_24h``, ``share_over_24h``,
      ``share_unanswered``: shares of inbound messages (calendar clock), summing to 1
    - ``n_replies``, ``latency_median_minutes``, ``latency_mean_minutes``: every official
      reply minus the time of the citizen message it answers (when that is in the data),
      grouped by the reply's own account, channel and period

    ``by`` may also hold ``"topic"``: each inbound message and each reply counted under its
    thread's topic (:func:`roi.topics.message_topics`).

    See :func:`detail` for ``freq``, ``start``, ``end``, ``observed_until``, ``grace``
    and ``threads`` (:func:`roi.threads.threads` of ``messages``, shared with other
    families by :func:`roi.indicators`).
    """
    config = as_config(config)
    by = check_by(by, topic=True)
    rep = threads.check(messages).replies if threads is not None else replies(messages)
    d = detail(messages, config, freq=freq, start=start, end=end, observed_until=observed_until, grace=grace,
               official_replies=rep, threads=threads)
    if TOPIC in by:  # each message under its thread's topic (roi.topics.message_topics)
        d = d.assign(topic=topic_column(d, messages, config, threads=threads))
        rep = rep.assign(topic=topic_column(rep, messages, config, threads=threads))
    if len(d):
        codes, n_groups = group_codes(d, by)
        figures = _clock_figures(d, config, codes, n_groups, n_resamples, seed)
        speed = pd.DataFrame({**group_keys(d, by, codes), **_group_speed(d, codes, n_groups, figures)})
    else:  # every column still there (NaN rates), so that readers of the table need no special case
        nothing = np.zeros(0, dtype=np.int64)
        none = _clock_figures(d, config, nothing, 1, n_resamples, seed)
        speed = pd.DataFrame(columns=[*by, *_group_speed(d, nothing, 1, none)])
    latency = _latency(rep, by, config, freq=freq, start=start, end=end)
    out = speed.merge(latency, on=by, how="outer") if by else pd.concat([speed, latency], axis=1)
    for column in ("n_inbound", "n_questions", "n_answered", "n_questions_answered", "n_censored", "n_replies"):
        if column in out:
            out[column] = out[column].fillna(0).astype("int64")
    if "n_answered" in out:
        out["response_rate"] = out["n_answered"] / out["n_inbound"].where(out["n_inbound"] > 0)
        out["response_rate_ci_low"], out["response_rate_ci_high"] = wilson_interval(out["n_answered"], out["n_inbound"])
        out["question_response_rate"] = out["n_questions_answered"] / out["n_questions"].where(out["n_questions"] > 0)
        low, high = wilson_interval(out["n_questions_answered"], out["n_questions"])
        out["question_response_rate_ci_low"], out["question_response_rate_ci_high"] = low, high
    return out.sort_values(by).reset_index(drop=True) if by else out


def _latency(rep, by, config, *, freq, start, end) -> pd.DataFrame:
    rep = rep[rep["latency_seconds"].notna()]
    start, end = _as_utc(start, "start"), _as_utc(end, "end")
    if start is not None:
        rep = rep[rep["created_at"] >= start]
    if end is not None:
        rep = rep[rep["created_at"] < end]
    rep = rep.copy()
    if start is not None or end is not None:
        lo = start if start is not None else rep["created_at"].min()
        hi = end if end is not None else rep["created_at"].max()
        rep["period"] = f"{lo.tz_convert(config.timezone):%Y-%m-%d}..{hi.tz_convert(config.timezone):%Y-%m-%d}"
    elif freq is not None:
        rep["period"] = period_labels(rep["created_at"], freq, config.timezone)
    else:
        rep["period"] = "all"
    minutes = rep["latency_seconds"] / 60
    grouped = minutes.groupby([rep[b] for b in by], observed=True, dropna=False) if by else minutes.groupby(
        np.zeros(len(rep)))
    out = grouped.agg(n_replies="size", latency_median_minutes="median", latency_mean_minutes="mean").reset_index()
    if not by:
        out = out.drop(columns=out.columns[0])
    return out
