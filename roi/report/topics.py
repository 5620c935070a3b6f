"""The report's "temas" section: what citizens write about and what the administration publishes.

Per topic (:func:`figures_by_topic`: the speed and satisfaction families of
``roi.indicators(..., by=("topic", "period"))``, each message under its thread's topic,
:func:`roi.topics.message_topics`): inbound messages, response rate,
median first response on the office-hours clock and thanks after the answer (the
follow-up satisfaction the logs show; survey answers have no topic), each with its change
against the comparison period. Topics with fewer inbound messages than the index's
``min_n`` are one row, its figures computed on their messages together (not averaged):

- ``n_inbound = Σ n_inbound``; ``response_rate = Σ n_answered / Σ n_inbound``;
- ``thanks_after_answer = Σ n_thanks / Σ n_answered_threads``;
- the median first response is the Kaplan-Meier median of their inbound messages'
  office-hours response times (unanswered ones censored), as :func:`roi.speed.summarize`
  computes it for one group.

Then the purposes of proactive posts (:func:`roi.topics.main_purposes`): the share of each
among the period's official posts that are not replies.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from roi import satisfaction, speed
from roi.indicators import family_columns
from roi.report import charts
from roi.report import formatting as fmt
from roi.stats import km_from_observations
from roi.topics import INFORMING, PURPOSES

__all__ = ["FAMILIES", "FIGURES", "family_tasks", "figures_by_topic", "purpose_shares", "section", "topic_table"]

#: The figures of the section: (column of the indicators table, kind of change).
FIGURES = (("speed_n_inbound", "count"), ("speed_response_rate", "share"),
           ("speed_frt_median_business_minutes", "minutes"), ("satisfaction_thanks_after_answer", "share"))

#: The additive counts the grouped row is computed from.
_COUNTS = ("speed_n_inbound", "speed_n_answered", "satisfaction_n_thanks", "satisfaction_n_answered_threads")


#: The families of the section, each grouped by topic and period (:func:`figures_by_topic`).
FAMILIES = ("speed", "satisfaction")


def family_tasks(messages: pd.DataFrame, config, freq: str | None, threads) -> dict[str, Callable[[], pd.DataFrame]]:
    """Each family of :data:`FAMILIES` grouped by topic and period, as a task (what
    :func:`figures_by_topic` merges): independent of each other once the topics are found."""
    by = ["topic", "period"]
    return {"speed": lambda: speed.summarize(messages, by=by, config=config, freq=freq, seed=0, threads=threads),
            "satisfaction": lambda: satisfaction.summarize(messages, None, by=by, config=config, freq=freq, seed=0,
                                                           threads=threads)}


def figures_by_topic(messages: pd.DataFrame, config, freq: str | None, threads,
                     tables: dict[str, pd.DataFrame] | None = None) -> pd.DataFrame:
    """The speed and satisfaction columns of ``roi.indicators(messages, config, by=("topic", "period"),
    freq=freq).table``, computed by those two families alone (the section shows nothing of the others, nor
    the index), on the report's shared :func:`roi.threads.threads`.

    ``tables``: the families' tables (:func:`family_tasks`), when the caller computed them (the report runs
    them side by side); by default computed here.

    One row per (topic, period) with inbound messages or citizen threads; columns ``topic``, ``period`` and
    each family's columns prefixed as in the indicators table (:func:`roi.indicators.family_columns`).
    """
    by = ["topic", "period"]
    if tables is None:
        tables = {name: task() for name, task in family_tasks(messages, config, freq, threads).items()}
    out = None
    for family in FAMILIES:
        table = tables[family].copy()
        table[by] = table[by].astype("string")
        table = table.rename(columns={c: v for c, v in family_columns(family, table.columns).items() if c not in by})
        out = table if out is None else out.merge(table, on=by, how="outer")
    return out.sort_values(by, kind="stable").reset_index(drop=True)


def _ratio(k: float, n: float) -> float:
    return k / n if n > 0 else np.nan


def _combined(rows: pd.DataFrame, detail: pd.DataFrame) -> dict[str, float]:
    """The section's figures of several topics together (module docstring), from their rows and speed detail."""
    total = {c: float(rows[c].fillna(0).sum()) if c in rows else 0.0 for c in _COUNTS}
    seconds = np.round(detail["response_business_seconds"].to_numpy(dtype=float))
    answered = detail["answered"].to_numpy(dtype=bool)
    median = km_from_observations(seconds, answered).quantiles((0.5,))[0] / 60 if len(detail) else np.nan
    return {"speed_n_inbound": total["speed_n_inbound"],
            "speed_response_rate": _ratio(total["speed_n_answered"], total["speed_n_inbound"]),
            "speed_frt_median_business_minutes": median,
            "satisfaction_thanks_after_answer": _ratio(total["satisfaction_n_thanks"],
                                                       total["satisfaction_n_answered_threads"])}


def topic_table(table: pd.DataFrame, detail: pd.DataFrame, period: str, before: str, min_n: int) -> pd.DataFrame:
    """One row per topic of ``period`` with at least ``min_n`` inbound messages, most messages first, then one row
    for the smaller topics together.

    Parameters
    ----------
    table
        :func:`figures_by_topic` (or ``roi.indicators(..., by=("topic", "period")).table``).
    detail
        :func:`roi.speed.detail` with a ``topic`` column (:func:`roi.topics.topic_column`).

    Returns
    -------
    DataFrame
        ``topic`` (None for the grouped row), ``topics`` (the topic ids of the row),
        ``small`` (the grouped row), and for each of :data:`FIGURES` its value now and
        ``<column>_before`` in ``before`` (NaN without data).
    """
    now = table[table["period"] == period]
    now = now[now["speed_n_inbound"].fillna(0) > 0].sort_values(["speed_n_inbound", "topic"], ascending=[False, True])
    prev = table[table["period"] == before].set_index("topic")
    small = now["speed_n_inbound"] < min_n
    rows = []
    for _, r in now[~small].iterrows():  # a few topics: one row each
        earlier = prev.loc[r["topic"]] if r["topic"] in prev.index else None
        rows.append({"topic": r["topic"], "topics": (r["topic"],), "small": False,
                     **{c: r[c] for c, _ in FIGURES},
                     **{f"{c}_before": earlier[c] if earlier is not None else np.nan for c, _ in FIGURES}})
    if small.any():
        ids = tuple(now.loc[small, "topic"])
        at = detail["topic"].isin(ids).to_numpy()
        cur = _combined(now[small], detail[at & (detail["period"] == period).to_numpy()])
        earlier = prev[prev.index.isin(ids)]
        old = _combined(earlier.reset_index(), detail[at & (detail["period"] == before).to_numpy()]) if len(earlier) \
            else dict.fromkeys(cur, np.nan)
        rows.append({"topic": None, "topics": ids, "small": True, **cur, **{f"{c}_before": old[c] for c, _ in FIGURES}})
    return pd.DataFrame(rows, columns=["topic", "topics", "small", *(c for c, _ in FIGURES),
                                       *(f"{c}_before" for c, _ in FIGURES)])


def purpose_shares(official: pd.DataFrame, period: str) -> tuple[pd.Series, int]:
    """Share of each purpose (:data:`roi.topics.PURPOSES`, in that order) among the proactive posts of ``period``,
    and their number; ``official`` is ``roi.transparency.detail(...)["official"]``."""
    posts = official[(official["period"] == period).to_numpy() & ~official["is_reply"].to_numpy(dtype=bool)]
    counts = posts["purpose"].value_counts().reindex(list(PURPOSES), fill_value=0)
    n = int(counts.sum())
    return (counts / n if n else counts.astype(float) * np.nan), n


def section(report, table: pd.DataFrame, detail: pd.DataFrame, official: pd.DataFrame) -> list:
    """The "temas" blocks of :class:`roi.report.document.PeriodicReport`: the topic table with its sentences, then
    the purposes of proactive posts as a chart."""
    from roi.report.document import HTMLBlock

    t, say, lang = report._t, report._say, report.lang
    min_n = report.config.index.min_n
    names = t("topic_names")
    rows = topic_table(table, detail, report.period, report.before, min_n)
    blocks = [report._heading("topics")]
    lead = say("topics_lead", period=report._in(report.period), min_n=min_n)
    if not len(rows):
        return [HTMLBlock(blocks[0] + report._p(say("topics_none", period=report._in(report.period)))),
                *_purposes(report, official)]

    def name(row) -> str:
        if row["small"]:
            key = "topics_small_one" if len(row["topics"]) == 1 else "topics_small"
            return t(key).format(k=len(row["topics"]), min_n=min_n)
        return names.get(row["topic"], row["topic"])

    ranked = rows[~rows["small"]]
    times = ranked["speed_frt_median_business_minutes"].astype(float)
    sentences = [lead]
    if len(ranked) >= 2 and times.notna().sum() >= 2:
        slow, fast = times.idxmax(), times.idxmin()
        sentences.append(say("topics_speed", slow=name(ranked.loc[slow]), fast=name(ranked.loc[fast]), min_n=min_n,
                             slow_value=fmt.minutes(times[slow], lang, business=True),
                             fast_value=fmt.minutes(times[fast], lang, business=True)))
    top = ranked.iloc[0] if len(ranked) else rows.iloc[0]
    sentences.append(say("topics_most", topic=name(top), n=fmt.number(top["speed_n_inbound"], lang),
                         total=fmt.number(rows["speed_n_inbound"].sum(), lang)))
    sentences.append(say("topics_change", before=report._in(report.before)))
    headers = t("topics_columns")
    cells = {headers["topic"]: [name(r) for _, r in rows.iterrows()]}
    for column, kind in FIGURES:
        header = headers[column]
        cells[header] = [f"{_nowrap(report._figure_value(kind, r[column]))} ({_change(report, kind, column, r)})"
                         for _, r in rows.iterrows()]
    frame = pd.DataFrame(cells)
    notes = [t("topics_note"), t("topics_surveys")]
    body = (blocks[0] + "".join(report._p(s) for s in sentences)
            + charts.html_table(frame, say("topics_caption", period=report._name(report.period)),
                                row_class=pd.Series(["roi-total" if s else "" for s in rows["small"]]))
            + "".join(report._p(x, "roi-note") for x in notes))
    return [HTMLBlock(body), *_purposes(report, official)]


def _nowrap(value: str) -> str:
    """A figure kept on one line ("60 h 51 min" never breaks after "60")."""
    return value.replace(" ", "\u00a0")


def _change(report, kind: str, column: str, row) -> str:
    """The change of a figure against the comparison period; a count as a signed number ("+5": the column says
    what is counted)."""
    value, other = row[column], row[f"{column}_before"]
    if kind == "count" and not (pd.isna(value) or pd.isna(other)):
        return fmt.points(float(value) - float(other), report.lang, 0)
    return report._change_text(kind, column, value, other)


def _purposes(report, official: pd.DataFrame) -> list:
    """The purposes of the period's proactive posts as bars, with the comparison period hatched."""
    from roi.report.document import HTMLBlock

    t, say, lang = report._t, report._say, report.lang
    labels = t("purpose_names")
    shares, n = purpose_shares(official, report.period)
    earlier, n_before = purpose_shares(official, report.before)
    heading = report._heading("purposes_title", 3)
    if not n:
        return [HTMLBlock(heading + report._p(say("purposes_none", period=report._in(report.period))))]
    informing = float(shares.reindex(list(INFORMING)).sum())
    lead = say("purposes_lead", n=fmt.number(n, lang), period=report._in(report.period),
               share=fmt.percent(informing, lang))
    values = pd.Series(shares.to_numpy(), index=[labels[p] for p in shares.index])
    before = pd.Series(earlier.to_numpy(), index=values.index) if n_before else None
    top = values.idxmax()
    alt = say("alt_purposes", n=fmt.number(n, lang), period=report._in(report.period), top=top,
              value=fmt.percent(values.max(), lang), share=fmt.percent(informing, lang))
    chart = charts.bars(values, lang, title=t("purposes_title"), alt=alt, earlier=before, percent=True, xmax=100,
                        labels=(report._name(report.period), report._name(report.before)))
    return [HTMLBlock(heading + report._p(lead)), chart]
