"""One call for every indicator: the four families and the Intangible ROI Index.

``roi.indicators(messages, config=..., surveys=...)`` runs :func:`roi.speed.summarize`,
:func:`roi.empathy.summarize`, :func:`roi.satisfaction.summarize` and
:func:`roi.transparency.summarize` with the same grouping and periods, then
:func:`roi.index.summarize`, and returns them together with a single tidy table: the
entry point for scripts and the report.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd

from roi import empathy, official_texts, parallel, satisfaction, speed, topics, transparency
from roi import threads as threads_
from roi.config import Config, as_config
from roi.errors import RoiError
from roi.index import FAMILIES, IndexResult
from roi.index import summarize as index_summarize
from roi.periods import GROUPS, TOPIC, check_by, same_by
from roi.stats import load_compiled
from roi.threads import NO_ACCOUNTS

__all__ = ["NO_SURVEY_TOPICS", "Indicators", "combine", "family_columns", "indicators"]

#: A note of :func:`indicators` grouped by topic when survey answers were given.
NO_SURVEY_TOPICS = ("Survey answers have no topic: grouped by topic, CSAT and NPS are not shown and are left out of "
                    "the index (their figures per account, channel and period are unchanged).")


def family_columns(family: str, columns) -> dict[str, str]:
    """The tidy-table name of each column of a family table: ``<family>_<column>``.

    A column that already starts with the family's name is not prefixed twice.

    >>> family_columns("empathy", ["n_replies", "empathy_mean"])
    {'n_replies': 'empathy_n_replies', 'empathy_mean': 'empathy_mean'}
    """
    prefix = f"{family}_"
    return {c: c if c.startswith(prefix) else prefix + c for c in columns}


@dataclass
class Indicators:
    """Everything :func:`indicators` computed.

    Attributes
    ----------
    table
        One row per group: the ``by`` columns; ``roi_index``, ``score_<family>`` and
        ``weight_<family>`` (:attr:`roi.index.IndexResult.index`); then every column of
        every family table named ``<family>_<column>`` (``speed_response_rate``,
        ``speed_n_replies``, ``empathy_n_replies``, ``empathy_mean``,
        ``satisfaction_csat``, ``transparency_share_hidden``...), so that no two
        families' columns clash. A group missing from a family has NaN there.
    families
        Family name -> its own summary table, with its own column names.
    index
        The :class:`roi.index.IndexResult`: ``index``, ``contributions``, ``notes``.
    """

    table: pd.DataFrame
    families: dict[str, pd.DataFrame]
    index: IndexResult
    by: tuple[str, ...] = GROUPS
    notes: list[str] = field(default_factory=list)

    @property
    def contributions(self) -> pd.DataFrame:
        """The index decomposition: one row per group and indicator (:class:`roi.index.IndexResult`)."""
        return self.index.contributions


def indicators(
    messages: pd.DataFrame,
    config: Config | str | None = None,
    *,
    by: Sequence[str] = GROUPS,
    surveys: pd.DataFrame | None = None,
    freq: str | None = "month",
    observed_until: dt.datetime | str | None = None,
    n_resamples: int | None = None,
    seed: int = 0,
    threads: threads_.Threads | None = None,
    workers: int | None = None,
) -> Indicators:
    """Run the four indicator families and the index on one message table.

    Parameters
    ----------
    messages
        A validated message table (``roi.load(...).messages``).
    config
        The administration's configuration (a :class:`~roi.config.Config` or a TOML path).
    by
        Group columns among ``account``, ``channel``, ``period`` and ``topic`` (each
        message under its thread's topic, :func:`roi.topics.message_topics`, computed once
        per call and shared by the families; an answer counts under the topic of the
        question it answers). Survey answers have no topic: grouped by topic, CSAT and NPS
        are left out, with a note, and no survey row is made up.
    surveys
        Survey answers (``roi.load(...).surveys``) for CSAT and NPS; without them the
        survey indicators are left out of the index, with a note.
    freq
        ``"month"``, ``"quarter"``, ``"year"`` or None (one period, ``"all"``).
    observed_until
        When the export was taken (default: the latest message), for censoring and
        re-contact windows.
    n_resamples, seed
        Bootstrap resamples of the confidence intervals (default: each family's own)
        and their fixed seed.
    threads
        :func:`roi.threads.threads` of ``messages``, to share with another call on the
        same table (the report makes two); by default built here. Either way the
        official replies and the inbound messages with their answers are found once and
        every family reads them from it.
    workers
        Processes to use (default :func:`roi.parallel.default_workers`: two on a machine with
        two cores or more, or ``ROI_WORKERS``): with two, speed runs while a child finds the
        official messages' languages and markers, then empathy runs in a forked child beside
        satisfaction and transparency (:data:`AHEAD`, :data:`PARTS`); the figures are the same
        either way.

    Returns
    -------
    Indicators
        ``table`` (one tidy row per group), ``families`` (the four summary tables),
        ``index`` (:class:`roi.index.IndexResult`) and ``notes``.

    Examples
    --------
    >>> loaded = roi.load(paths, config="roi.toml")  # doctest: +SKIP
    >>> result = roi.indicators(loaded.messages, "roi.toml", surveys=loaded.surveys)  # doctest: +SKIP
    >>> result.table[["account", "channel", "period", "roi_index"]]  # doctest: +SKIP
    """
    config = as_config(config)
    by = tuple(check_by(by, topic=True))
    boot = {} if n_resamples is None else {"n_resamples": n_resamples}
    shared = threads.check(messages) if threads is not None else threads_.threads(messages, config)
    families = {
        "speed": lambda: speed.summarize(messages, by=by, config=config, freq=freq, observed_until=observed_until,
                                         seed=seed, threads=shared, **boot),
        "empathy": lambda: empathy.summarize(messages, by=by, config=config, freq=freq, seed=seed, threads=shared,
                                             **boot),
        "satisfaction": lambda: satisfaction.summarize(messages, surveys, by=by, config=config, freq=freq,
                                                       observed_until=observed_until, seed=seed, threads=shared,
                                                       **boot),
        "transparency": lambda: transparency.summarize(messages, by=by, config=config, freq=freq,
                                                       observed_until=observed_until, seed=seed, threads=shared,
                                                       **boot),
    }
    with parallel.arrow_on_c_heap():  # freed Arrow memory handed back as the families go (peak memory)
        tables = _run_families(families, shared, config, by, workers, keep=threads is not None)
    result = index_summarize(tables, by=by, config=config)
    notes = ([NO_ACCOUNTS] if not config.accounts else []) + list(result.notes)
    if TOPIC in by and surveys is not None and len(surveys):
        notes.append(NO_SURVEY_TOPICS)
    return Indicators(table=tidy(result, tables, by), families=tables, index=result, by=by, notes=notes)


#: How :func:`indicators` splits the families between two processes. Speed reads only the threads:
#: it runs in this process while a child guesses the official messages' languages and finds their
#: markers and readability counts (:meth:`roi.threads.Threads.prepare`, :mod:`roi.official_texts`);
#: then empathy (the replies' judgments and the citizen's words reused; its markers read from the
#: official texts) runs in a child beside satisfaction and transparency, about even in time.
AHEAD = ("speed",)
PARTS = (("satisfaction", "transparency"), ("empathy",))


def _run_families(families: dict, shared: threads_.Threads, config: Config, by: tuple[str, ...],
                  workers: int | None, *, keep: bool) -> dict[str, pd.DataFrame]:
    """Every family's table, :data:`AHEAD` and then the :data:`PARTS` side by side when
    :mod:`roi.parallel` allows.

    With two processes the shared tables (the threads, the official messages' languages and
    texts, :mod:`roi.official_texts`) are found first, so that both processes read them. With
    ``keep`` (the caller passed its own threads) the per-message tables a child finds come back
    to ``shared``, so that a second call on the same table (the report makes two) reuses them;
    otherwise nobody could reuse them: each family's own go when it is done, and those of
    :data:`SHARED_KEYS` when every family is.
    """
    workers = parallel.processes(workers)
    if not keep:  # nobody can reuse a family's per-message tables: freed as soon as the family is done
        families = {name: _forgetting(task, shared) for name, task in families.items()}
    found = {}

    def meanwhile() -> None:
        # the compiled loops loaded once, here, so that the processes forked below share them; then the
        # families that need no language (the topics, if grouped by them, found by speed and kept), and
        # the official messages' links and purposes, which transparency reads after the fork
        load_compiled()
        found.update({name: families[name]() for name in AHEAD})
        transparency.official_links(shared, config)

    # in one process, in the families' own order: empathy, whose working memory is the largest, runs
    # while only speed's per-message table is held (about 150 MiB less at the peak than in PARTS order)
    parts = [{name: families[name] for name in part} for part in PARTS] if workers > 1 else [families]
    try:
        with parallel.limit(workers):  # the families' own splits keep within the same number of processes
            if workers > 1:
                shared.prepare(workers, beside=official_texts.beside_threads(config), meanwhile=meanwhile)
            if TOPIC in by:  # found once, before the fork, for every family
                topics.shared_topics(shared)
            found.update(parallel.run_parts(parts, workers=workers, **(shared.sharing(config) if keep else {})))
    finally:
        if not keep:
            shared.forget(SHARED_KEYS)
    return {name: found[name] for name in families}


#: Tables that several families read (the official texts, found beside the threads or by the first
#: family that needs them; the topics when grouped by them) or that are found before the family
#: that reads them (the official messages' links and purposes): kept until every family is done.
SHARED_KEYS = frozenset({official_texts.KEY, topics.KEY, transparency.LINKS_KEY})


def _forgetting(task, shared: threads_.Threads):
    """``task``, then the per-message tables it kept in ``shared`` dropped (:meth:`~roi.threads.Threads.forget`),
    but those of :data:`SHARED_KEYS`, which other families read."""
    def run():
        before = shared.memo_keys()
        try:
            return task()
        finally:
            shared.forget(shared.memo_keys() - before - SHARED_KEYS)
    return run


def combine(results: Sequence[Indicators]) -> Indicators:
    """One result from the results of partitions that share no group (e.g. councils, with groups by account).

    Every figure of a group is computed from that group's messages alone, so the table of
    the whole equals the partitions' tables stacked, provided each partition was run with
    the same whole-table settings: the same ``observed_until`` (the export time of the
    whole data, not each partition's latest message), ``freq``, ``n_resamples`` and
    ``seed``, and every message of a group in one partition (partition by account when
    grouping by account). A group found in two partitions is an error: its figures
    cannot be stacked (the additive ones merge with :mod:`roi.merge`).

    ``notes`` are the partitions' notes, in order (each summarises its own groups).

    Examples
    --------
    >>> until = messages["created_at"].max()  # doctest: +SKIP
    >>> parts = [roi.indicators(part, config, observed_until=until)  # doctest: +SKIP
    ...          for _, part in messages.groupby(council_of_account, observed=True)]
    >>> whole = combine(parts)  # from roi.indicators import combine  # doctest: +SKIP
    """
    results = list(results)
    by = same_by(results, "results")
    keys = list(by)

    def stack(frames: list[pd.DataFrame]) -> pd.DataFrame:
        frames = [f for f in frames if f is not None and len(f)] or [frames[0]]
        out = pd.concat(frames, ignore_index=True)
        return out.sort_values(keys, kind="stable").reset_index(drop=True) if keys else out

    table = stack([r.table for r in results])
    if keys and table.duplicated(keys).any():
        first = table.loc[table.duplicated(keys), keys].iloc[0].tolist()
        raise RoiError(f"the group {first} is in more than one partition", field="by",
                       fix="partition so that every group falls in one partition (by account when grouping by account)")
    families = {name: stack([r.families[name] for r in results]) for name in results[0].families}
    index = IndexResult(index=stack([r.index.index for r in results]),
                        contributions=stack([r.index.contributions for r in results]),
                        notes=[note for r in results for note in r.notes])
    return Indicators(table=table, families=families, index=index, by=by, notes=list(index.notes))


def tidy(result: IndexResult, tables: dict[str, pd.DataFrame], by: Sequence[str]) -> pd.DataFrame:
    """The index table joined with every family table, family columns prefixed (:func:`family_columns`)."""
    by = list(by)
    out = result.index.copy()
    for family in FAMILIES:
        if family not in tables or tables[family] is None:
            continue
        table = tables[family].copy()
        if by:
            table[by] = table[by].astype("string")
        table = table.rename(columns={c: v for c, v in family_columns(family, table.columns).items() if c not in by})
        out = out.merge(table, on=by, how="left") if by else pd.concat([out, table.iloc[:1].reset_index(drop=True)], axis=1)
    return out
