"""Citizen satisfaction: survey measures where surveys exist, and proxies from the logs.

Anchors (``roi/methodology.md``): CSAT as the share of 4-5 answers on a 1-5 item
(top-2-box) and Zendesk's good / (good + bad); the Net Promoter Score (Reichheld 2003),
% promoters (9-10) minus % detractors (0-6). The EFQM/EIPA Common Assessment Framework
(CAF 2020) separates, in criterion 6 (citizen-oriented results), **perception
measurements** (6.1: what citizens say in surveys) from **performance measurements**
(6.2: indicators the organisation observes, such as waiting times, complaints and
channel use). Survey CSAT and NPS are 6.1-type measures; every log proxy here is a
6.2-type measure: it describes what citizens did after being answered, not what they
said they felt. The report labels them so.

Log proxies exist only where the citizen writes again or returns, so each states its
denominator: the number of threads it could be computed on.

The unit of the log proxies is a **citizen thread**: one citizen's inbound messages in
one thread (``channel``, ``thread_id``, ``author_id``), dated by its first message.
It is **answered** when any of those messages has an answer (:func:`roi.threads.inbound`);
the answer time is the earliest such answer. Its **follow-up** is that citizen's first
message in the same thread after the answer.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

import numpy as np
import pandas as pd

from roi.columns import text_isin
from roi.config import Config, as_config
from roi.models import judge
from roi.periods import GROUPS, TOPIC, check_by, first_of_each, group_codes, group_keys, periods_or_all
from roi.sentiment import LANGUAGES, language_codes
from roi.stats import Z95, bootstrap_mean_intervals, group_means, row_keys, wilson_interval
from roi.threads import Threads, replies
from roi.topics import topic_column

__all__ = ["ANONYMOUS_AUTHORS", "HOSTILE", "RECONTACT_DAYS", "THANKS", "detail", "nps", "summarize", "survey_summary"]

#: Window after an answer in which a new thread of the same citizen counts as re-contact.
RECONTACT_DAYS = 7

#: Author ids that do not identify a person: re-contact is not observable for them. Readers
#: give anonymous messages ids of their own, prefixed ``anonymous:`` (Open311) or
#: ``unknown:`` (Graph API without ``from``); a bare ``unknown`` is an export without authors.
ANONYMOUS_AUTHORS = frozenset({"citizen", "anonymous", "anonimo", "anónimo", "unknown", ""})
ANONYMOUS_PREFIXES = ("anonymous:", "unknown:")

#: Thanks in a follow-up, any supported language (case-insensitive, whole words).
THANKS = re.compile(
    r"(?<!\w)(?:gracias|gr[aà]cies|grazas|merc[eè]s|thanks|thank\s+you|thx|ty|cheers|eskerrik\s+asko|agradec\w*|agra[iï]\w*)(?!\w)",
    re.IGNORECASE,
)



#: A follow-up is hostile when the hostility model gives it a probability above this.
HOSTILE = 0.5


def _judged_of(messages: pd.DataFrame, positions: np.ndarray, default_lang: str, config: Config
               ) -> dict[str, np.ndarray]:
    """Polarity (model), hostility (model) and the lexicon rules' polarity of the messages at ``positions``.

    NaN where a position is -1 or the language has no lexicon (es, en, ca, gl). Each
    distinct (text, language) is judged once.
    """
    out = {name: np.full(len(positions), np.nan) for name in ("polarity", "hostility", "rules")}
    ok = positions >= 0
    if not ok.any():
        return out
    pairs = messages[["text", "lang"]].iloc[positions[ok]].reset_index(drop=True)
    pairs["lang"] = language_codes(pairs["lang"], default_lang)
    pairs["text"] = pairs["text"].astype("string").fillna("")
    which, first = first_of_each(pairs["text"], pairs["lang"])
    rows = pairs.iloc[first].reset_index(drop=True)
    scorable = rows["lang"].isin(LANGUAGES).to_numpy(dtype=bool)
    values = {name: np.full(len(rows), np.nan) for name in out}
    if scorable.any():
        texts, lang = rows["text"][scorable], rows["lang"][scorable].to_numpy(dtype=object)
        judged = judge(texts, lang, ("polarity", "hostility"), config, rules=True)  # the rules read once for all
        values["polarity"][scorable] = judged["polarity"].to_numpy()
        values["hostility"][scorable] = judged["hostility"].to_numpy()
        values["rules"][scorable] = judged["lexicon_polarity"].to_numpy()
    for name in out:
        out[name][ok] = values[name][which]
    return out


def detail(
    messages: pd.DataFrame,
    config: Config | str | None = None,
    *,
    freq: str | None = "month",
    observed_until=None,
    threads: Threads | None = None,
) -> pd.DataFrame:
    """One row per citizen thread: its first message, answer, follow-up and return.

    Parameters
    ----------
    messages
        A validated message table.
    config
        Time zone of the periods, official handles, and the default language
        (``config.language``) of messages without ``lang``.
    freq
        ``"month"``, ``"quarter"``, ``"year"`` or None (one period, ``"all"``); the period
        of a citizen thread is that of its first message.
    observed_until
        When the export was taken (default: the latest message). Re-contact is only
        known for threads answered at least :data:`RECONTACT_DAYS` days before it.
    threads
        :func:`roi.threads.threads` of ``messages``, when the caller already has it.

    Returns
    -------
    DataFrame
        ``account``, ``channel``, ``thread_id``, ``author_id``, ``period``,
        ``first_message_id``, ``first_at``, ``first_polarity``, ``answered``,
        ``answer_id``, ``answered_at``, ``followup_id``, ``followup_at``,
        ``followup_polarity``, ``polarity_shift`` (follow-up minus first message; polarity
        from the polarity model, :func:`roi.sentiment.polarity`), ``followup_hostility``
        (probability from the hostility model, :func:`roi.sentiment.hostility`),
        ``thanks`` (the follow-up thanks and the lexicon rules do not read it as negative:
        "gracias por nada" and "gracias, pero sigue sin funcionar" are not thanks), ``recontact_observable``
        (answered, the 7-day window after the answer ends before ``observed_until``, and
        the author is identifiable: not one of :data:`ANONYMOUS_AUTHORS`), ``recontact_7d`` (the same citizen opened a new thread
        with the same account within 7 days after the answer; NA where not
        observable) and ``next_thread_id``.
    """
    config = as_config(config)
    if threads is not None:  # found once per table and settings, whatever the grouping
        shared = threads.check(messages)
        return shared.memo(("satisfaction.detail", freq, str(observed_until)), config,
                           lambda: _detail(config, freq, observed_until, shared.table, shared.inbound,
                                           shared.inbound_rows, shared.citizen_threads))
    shared = Threads(messages, config)
    return _detail(config, freq, observed_until, shared.table, shared.inbound, shared.inbound_rows,
                   shared.citizen_threads)


def _in_order(rows: np.ndarray, first: np.ndarray, then: pd.Series) -> np.ndarray:
    """``rows`` sorted by ``first[rows]`` (integers), then by the text ``then.iloc[rows]``, then as given.

    The order of ``sort_values([first, then], kind="stable")``, with the text compared only
    where the integers tie (its rank among the tied rows' texts, as pandas sorts text).
    """
    rows = rows[np.argsort(first[rows], kind="stable")]
    values = first[rows]
    tied = np.zeros(len(rows), dtype=bool)
    same = values[1:] == values[:-1]
    tied[1:] |= same
    tied[:-1] |= same
    if not tied.any():
        return rows
    rank = np.zeros(len(rows), dtype=np.int64)
    rank[tied] = pd.factorize(then.iloc[rows[tied]], sort=True)[0]
    return rows[np.lexsort((rank, values))]


def _first_per(keys: np.ndarray) -> np.ndarray:
    """The positions in ``keys`` where each value first appears, in order of appearance."""
    return np.sort(np.unique(keys, return_index=True)[1])


def _detail(config, freq, observed_until, m, inb, inb_rows, groups) -> pd.DataFrame:
    """:func:`detail` of ``m`` (a 0..n-1 index) from its inbound messages, their rows in ``m`` and
    every message's citizen thread (:func:`roi.threads.citizen_threads`): the threads are
    found on row numbers and integer keys, and their columns taken once at the end."""
    end = pd.Timestamp(observed_until) if observed_until is not None else m["created_at"].max()
    if end is not pd.NaT and end.tzinfo is None:
        end = end.tz_localize("UTC")
    columns = ["account", "channel", "thread_id", "author_id", "period", "first_message_id", "first_at",
               "first_polarity", "answered", "answer_id", "answered_at", "followup_id", "followup_at",
               "followup_polarity", "polarity_shift", "followup_hostility", "thanks", "recontact_observable",
               "recontact_7d", "next_thread_id"]
    if inb.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})

    # citizen threads: first inbound message (by time, then id), earliest answer (by answer time, then id)
    created = m["created_at"].to_numpy("datetime64[ns]").view(np.int64)
    answered_ns = inb["answered_at"].to_numpy("datetime64[ns]").view(np.int64)
    by_time = _in_order(np.arange(len(inb)), created[inb_rows], inb["message_id"])
    first = by_time[_first_per(groups[inb_rows[by_time]])]  # rows of inb
    # the threads in the table's order (account, channel, time of the first message) from here on, so
    # that their columns are taken once, in place
    first = first[_account_channel_time_order(inb["account"].iloc[first], inb["channel"].iloc[first],
                                              inb["created_at"].iloc[first])]
    key = groups[inb_rows[first]]
    rank = np.empty(len(inb), dtype=np.int64)
    rank[by_time] = np.arange(len(inb))
    with_answer = np.flatnonzero(inb["answered_at"].notna().to_numpy())
    with_answer = with_answer[np.argsort(rank[with_answer], kind="stable")]  # in first-message order
    by_answer = _in_order(with_answer, answered_ns, inb["message_id"])
    answer = by_answer[_first_per(groups[inb_rows[by_answer]])]
    answer_of = np.full(groups.max() + 1, -1, dtype=np.int64)
    answer_of[groups[inb_rows[answer]]] = answer
    answer = answer_of[key]  # row of inb holding each thread's answer, -1 if unanswered

    t = inb[["account", "channel", "thread_id", "author_id", "message_id", "created_at"]].iloc[first]
    t = t.rename(columns={"message_id": "first_message_id", "created_at": "first_at"}).reset_index(drop=True)
    t["answer_id"] = inb["answer_id"].array.take(answer, allow_fill=True)
    t["answered_at"] = inb["answered_at"].array.take(answer, allow_fill=True)
    t["answered"] = answer >= 0
    t.insert(4, "period", periods_or_all(t["first_at"], freq, config.timezone))
    first_pos = inb_rows[first]

    # follow-up: the citizen's first message in the thread after the answer (by time, then id, then row)
    answered_at = np.full(len(answer_of), np.iinfo(np.int64).max)
    answered_at[key[answer >= 0]] = answered_ns[answer[answer >= 0]]
    own = np.flatnonzero(~m["is_official"].to_numpy())
    own = own[created[own] > answered_at[groups[own]]]
    own = _in_order(own, created, m["message_id"])
    follow = own[_first_per(groups[own])]
    follow_of = np.full(len(answer_of), -1, dtype=np.int64)
    follow_of[groups[follow]] = follow
    follow_pos = follow_of[key]
    t["followup_id"] = m["message_id"].array.take(follow_pos, allow_fill=True)
    t["followup_at"] = m["created_at"].array.take(follow_pos, allow_fill=True)

    both = np.r_[first_pos, follow_pos]
    judged = _judged_of(m, both, config.language, config)
    t["first_polarity"] = judged["polarity"][: len(t)]
    t["followup_polarity"] = judged["polarity"][len(t):]
    t["polarity_shift"] = t["followup_polarity"] - t["first_polarity"]
    t["followup_hostility"] = judged["hostility"][len(t):]
    has_follow = follow_pos >= 0
    thanks = np.zeros(len(t), dtype=bool)
    if has_follow.any():
        texts = m["text"].iloc[follow_pos[has_follow]].astype("string").fillna("")
        thanks[has_follow] = texts.str.contains(THANKS, regex=True).to_numpy(dtype=bool)
    thanks &= ~(judged["rules"][len(t):] < -0.05)  # the lexicon's set phrases: "gracias por nada"
    t["thanks"] = thanks

    # re-contact: the citizen's next new thread with the same account, after the answer
    # (the citizen, account and citizen as one integer, missing values included as merge_asof matches them)
    citizen = first_of_each(t["account"], t["author_id"])[0]
    starts = pd.DataFrame({"citizen": citizen, "next_row": np.arange(len(t), dtype=np.int64),
                           "next_at_ns": t["first_at"].astype("int64").to_numpy()}).sort_values("next_at_ns", kind="stable")
    answered_rows = np.flatnonzero(t["answered"].to_numpy(dtype=bool))
    left = pd.DataFrame({"citizen": citizen[answered_rows], "_row": answered_rows,
                         "answered_ns": t["answered_at"].iloc[answered_rows].astype("int64").to_numpy()})
    left = left.sort_values("answered_ns")
    nxt = pd.merge_asof(left, starts, left_on="answered_ns", right_on="next_at_ns", by="citizen",
                        direction="forward", allow_exact_matches=False).set_index("_row")
    window = pd.Timedelta(days=RECONTACT_DAYS)
    author = t["author_id"].str.lower()
    anonymous = author.isin(ANONYMOUS_AUTHORS) | author.str.startswith(ANONYMOUS_PREFIXES)
    known = ~anonymous.fillna(True).to_numpy(dtype=bool)
    observable = t["answered"] & (t["answered_at"] + window <= end) & known
    delay = pd.Series(nxt["next_at_ns"] - nxt["answered_ns"]).reindex(t.index)
    within = (delay <= window.value).fillna(False).to_numpy(dtype=bool)
    t["recontact_observable"] = observable.to_numpy(dtype=bool)
    t["recontact_7d"] = pd.array(np.where(observable, within, None), dtype="boolean")
    next_row = nxt["next_row"].reindex(t.index).to_numpy(dtype=float, na_value=np.nan)
    next_row = np.where(within & ~np.isnan(next_row), next_row, -1).astype(np.int64)
    t["next_thread_id"] = pd.array(t["thread_id"].array.take(next_row, allow_fill=True), dtype="string")
    return t[columns].reset_index(drop=True)


def _account_channel_time_order(account: pd.Series, channel: pd.Series, first_at: pd.Series) -> np.ndarray:
    """The positions of the rows in the stable order of ``sort_values(["account", "channel", "first_at"])``:
    one ``lexsort`` of the account's rank among the sorted accounts, the channel's code (a
    categorical sorts by its categories) and the time, when none is missing (else ``sort_values``)."""
    if account.isna().any() or channel.isna().any() or first_at.isna().any():
        keys = pd.DataFrame({"account": account.array, "channel": channel.array, "first_at": first_at.array})
        return keys.sort_values(["account", "channel", "first_at"], kind="stable").index.to_numpy()
    rank = pd.factorize(account, sort=True)[0]
    code = (channel.cat.codes if isinstance(channel.dtype, pd.CategoricalDtype) else pd.factorize(channel, sort=True)[0])
    return np.lexsort((first_at.to_numpy("datetime64[ns]").view(np.int64), np.asarray(code), rank))


def nps(scores) -> tuple[float, float, float, int]:
    """Net Promoter Score of 0-10 answers, in points (-100..100), with an analytic 95% interval.

    Each answer counts +1 (promoter, 9-10), 0 (passive, 7-8) or -1 (detractor, 0-6); NPS
    is 100 times their mean, ``100 (p - d)``. Its standard error is
    ``100 sqrt((p + d - (p - d)²) / n)``, the interval ``NPS ± 1.96 SE`` clipped to
    [-100, 100].

    Returns
    -------
    (nps, ci_low, ci_high, n)

    Examples
    --------
    >>> [round(v, 2) for v in nps([10, 9, 8, 6, 3])]
    [0.0, -78.4, 78.4, 5]
    """
    x = np.asarray(scores, dtype=float)
    x = x[~np.isnan(x)]
    return _nps_of_counts(int((x >= 9).sum()), int((x <= 6).sum()), x.size)


def _nps_of_counts(promoters: int, detractors: int, n: int) -> tuple[float, float, float, int]:
    """:func:`nps` from the counts of promoters and detractors among ``n`` answers."""
    if n == 0:
        return float("nan"), float("nan"), float("nan"), 0
    p = promoters / n
    d = detractors / n
    value = 100 * (p - d)
    se = 100 * float(np.sqrt(max(p + d - (p - d) ** 2, 0.0) / n))
    return value, max(value - Z95 * se, -100.0), min(value + Z95 * se, 100.0), n


def _survey_groups(surveys: pd.DataFrame, messages: pd.DataFrame | None) -> pd.DataFrame:
    """Account and channel of each survey answer: its own, else its thread's (or message's)."""
    s = surveys.reset_index(drop=True).copy()
    s["account"] = s["account"].astype("string") if "account" in s else pd.Series(pd.NA, index=s.index, dtype="string")
    s["channel"] = s["channel"].astype("string") if "channel" in s else pd.Series(pd.NA, index=s.index, dtype="string")
    if messages is None or messages.empty:
        return s
    m = messages[["channel", "account", "thread_id", "message_id"]]
    # only the messages a survey names can be looked up (the first of each id, as over the whole table)
    wanted = np.zeros(len(m), dtype=bool)
    for column in ("thread_id", "message_id"):
        if column in s:
            wanted |= text_isin(m[column], s[column].dropna())
    m = m[wanted].astype({"channel": "string"})
    by_thread = m.drop_duplicates("thread_id").set_index("thread_id")
    by_message = m.drop_duplicates("message_id").set_index("message_id")
    for column in ("account", "channel"):
        if "thread_id" in s:
            s[column] = s[column].fillna(by_thread[column].reindex(s["thread_id"]).reset_index(drop=True))
        if "message_id" in s:
            s[column] = s[column].fillna(by_message[column].reindex(s["message_id"]).reset_index(drop=True))
    return s


def survey_summary(surveys: pd.DataFrame, messages: pd.DataFrame | None = None,
                   by: Sequence[str] = GROUPS, config: Config | str | None = None, *, freq: str | None = "month"
                   ) -> pd.DataFrame:
    """Survey CSAT and NPS per group: perception measures (CAF 2020 criterion 6.1).

    Surveys are grouped by their own ``account`` / ``channel`` when present, else by
    those of their thread (``thread_id``) or message (``message_id``) in ``messages``;
    the period is that of ``answered_at`` in the administration's time zone.

    Columns: ``n_csat`` (csat5 answers), ``csat`` (share of 4-5), ``csat_ci_low``,
    ``csat_ci_high`` (Wilson 95%); ``n_csat_good_bad`` (good_bad answers), ``csat_good``
    (good / (good + bad)) with its Wilson interval; ``n_nps`` (nps10 answers),
    ``nps_promoters`` and ``nps_detractors`` (shares), ``nps`` (points, -100..100) and
    ``nps_ci_low``, ``nps_ci_high`` (:func:`nps`).
    """
    config = as_config(config)
    by = check_by(by)
    s = _survey_groups(surveys, messages)
    s["period"] = periods_or_all(s["answered_at"], freq, config.timezone)
    score = s["score"].astype(float).to_numpy(dtype=float, na_value=np.nan)
    scale = s["scale"].astype("string")
    valid = ~np.isnan(score)

    def on(name: str) -> np.ndarray:
        return (scale == name).fillna(False).to_numpy(dtype=bool) & valid

    csat5, good_bad, nps10 = on("csat5"), on("good_bad"), on("nps10")
    with np.errstate(invalid="ignore"):
        flags = pd.DataFrame({"n_csat": csat5, "n_csat_top2": csat5 & (score >= 4), "n_csat_good_bad": good_bad,
                              "n_csat_good": good_bad & (score >= 1), "n_nps": nps10, "_promoters": nps10 & (score >= 9),
                              "_detractors": nps10 & (score <= 6)}).astype(np.int64)
    # one grouped sum; a group exists where a survey answer does (as in a loop over the answers' groups)
    if by:
        counts = flags.groupby([s[b] for b in by], dropna=False, sort=True).sum().reset_index()
        for b in by:  # the key columns typed as a frame built from the groups' keys types them
            counts[b] = pd.Series(counts[b].astype(object).tolist(), index=counts.index)
    else:
        counts = flags.sum().to_frame().T
    rows = []
    for promoters, detractors, n in zip(counts["_promoters"], counts["_detractors"], counts["n_nps"], strict=True):
        value, low, high, _ = _nps_of_counts(int(promoters), int(detractors), int(n))
        rows.append((promoters / n if n else np.nan, detractors / n if n else np.nan, value, low, high))
    extra = pd.DataFrame(rows, columns=["nps_promoters", "nps_detractors", "nps", "nps_ci_low", "nps_ci_high"])
    out = pd.concat([counts.drop(columns=["_promoters", "_detractors"]).reset_index(drop=True), extra], axis=1)
    out = out[[*by, "n_csat", "n_csat_top2", "n_csat_good_bad", "n_csat_good", "n_nps",
               "nps_promoters", "nps_detractors", "nps", "nps_ci_low", "nps_ci_high"]]
    out["csat"] = out["n_csat_top2"] / out["n_csat"].where(out["n_csat"] > 0)
    out["csat_ci_low"], out["csat_ci_high"] = wilson_interval(out["n_csat_top2"], out["n_csat"])
    out["csat_good"] = out["n_csat_good"] / out["n_csat_good_bad"].where(out["n_csat_good_bad"] > 0)
    out["csat_good_ci_low"], out["csat_good_ci_high"] = wilson_interval(out["n_csat_good"], out["n_csat_good_bad"])
    return out


def _log_summary(d: pd.DataFrame, rep: pd.DataFrame, by: list[str], n_resamples: int, seed: int) -> pd.DataFrame:
    answered = d["answered"].to_numpy(dtype=bool)
    follow = d["followup_polarity"].to_numpy(dtype=float)
    shift = d["polarity_shift"].to_numpy(dtype=float)
    hostility = d["followup_hostility"].to_numpy(dtype=float)
    codes, n_groups = group_codes(d, by)

    def count(rows: np.ndarray | None = None) -> np.ndarray:
        return np.bincount(codes if rows is None else codes[rows], minlength=n_groups).astype(np.int64)

    # every group's intervals at once, each thread weighted by its (channel, first message)
    thread_keys = row_keys(d["channel"], d["first_message_id"])
    follow_ci, shift_ci = (bootstrap_mean_intervals(codes, values, n_groups, keys=thread_keys, n_resamples=n_resamples,
                                                    seed=seed) for values in (follow, shift))
    out = pd.DataFrame({
        **group_keys(d, by, codes),
        "n_threads": count(),
        "n_answered_threads": count(answered),
        "n_followups": count(d["followup_id"].notna().to_numpy(dtype=bool)),
        "n_thanks": count(d["thanks"].to_numpy(dtype=bool)),
        "n_followup_polarity": count(~np.isnan(follow)),
        "followup_polarity_mean": group_means(codes, follow, n_groups),  # numpy.nanmean's arithmetic
        "n_polarity_shift": count(~np.isnan(shift)),
        "polarity_shift_mean": group_means(codes, shift, n_groups),
        "n_recontact_observable": count(d["recontact_observable"].to_numpy(dtype=bool)),
        "n_recontact_7d": count(d["recontact_7d"].fillna(False).to_numpy(dtype=bool)),
        "n_followup_hostility": count(~np.isnan(hostility)),
        "n_hostile_followups": count(hostility > HOSTILE),
        "followup_polarity_ci_low": follow_ci[0], "followup_polarity_ci_high": follow_ci[1],
        "polarity_shift_ci_low": shift_ci[0], "polarity_shift_ci_high": shift_ci[1],
    }) if len(d) or not by else pd.DataFrame()  # without by, one row even for no thread
    if out.empty:
        out = pd.DataFrame(columns=[*by, "n_threads"])
    likes = rep["likes"].to_numpy(dtype=float, na_value=np.nan)
    codes, n_groups = group_codes(rep, by)
    with_likes = ~np.isnan(likes)  # each reply weighted by its (channel, message_id)
    reply_keys = row_keys(rep["channel"].iloc[with_likes], rep["message_id"].iloc[with_likes])
    lows, highs = bootstrap_mean_intervals(codes[with_likes], likes[with_likes], n_groups, keys=reply_keys,
                                           n_resamples=n_resamples, seed=seed)
    like_columns = [*by, "n_official_replies", "n_replies_with_likes", "likes_per_official_reply",
                    "likes_per_official_reply_ci_low", "likes_per_official_reply_ci_high"]
    like_frame = pd.DataFrame(dict(zip(like_columns, [
        *group_keys(rep, by, codes).values(), np.bincount(codes, minlength=n_groups).astype(np.int64),
        np.bincount(codes[with_likes], minlength=n_groups).astype(np.int64),
        group_means(codes[with_likes], likes[with_likes], n_groups), lows, highs], strict=True))
    ) if len(rep) or not by else pd.DataFrame(columns=like_columns)
    return out.merge(like_frame, on=by, how="outer") if by else pd.concat([out, like_frame], axis=1)


def summarize(
    messages: pd.DataFrame,
    surveys: pd.DataFrame | None = None,
    by: Sequence[str] = GROUPS,
    config: Config | str | None = None,
    freq: str | None = "month",
    *,
    observed_until: dt.datetime | str | None = None,
    n_resamples: int = 1000,
    seed: int = 0,
    threads: Threads | None = None,
) -> pd.DataFrame:
    """Satisfaction per group: survey measures (CAF 6.1) and log proxies (CAF 6.2).

    Survey columns (where ``surveys`` is given; see :func:`survey_summary`): ``n_csat``,
    ``csat`` (share of 4-5 on csat5), ``n_csat_good_bad``, ``csat_good`` (good / (good +
    bad)), each with a Wilson 95% interval; ``n_nps``, ``nps`` (% 9-10 minus % 0-6, in
    points) with an analytic 95% interval.

    Log proxies (performance measures, CAF 2020 criterion 6.2; see :func:`detail` for
    the citizen-thread unit), each with its denominator:

    - ``n_threads`` (citizen threads started in the period), ``n_answered_threads``,
      ``n_followups`` (answered threads where the citizen wrote again after the answer);
    - ``thanks_after_answer`` = ``n_thanks / n_answered_threads``: the share of
      answered threads whose follow-up thanks (gracias, moltes gràcies, grazas,
      thanks...) without being negative; Wilson interval;
    - ``followup_polarity_mean`` over ``n_followup_polarity`` follow-ups
      (:func:`roi.sentiment.polarity`, -1..1); bootstrap 95% interval;
    - ``polarity_shift_mean`` = mean of (follow-up polarity - first-message polarity)
      over ``n_polarity_shift`` threads; bootstrap 95% interval;
    - ``hostile_followups`` = ``n_hostile_followups / n_followup_hostility``: the share
      of follow-ups (in a language with a lexicon) that the hostility model
      (:func:`roi.sentiment.hostility`) finds hostile, probability above :data:`HOSTILE`
      (lower is better); Wilson interval. Reported, not scored in the index;
    - ``recontact_7d`` = ``n_recontact_7d / n_recontact_observable``: the share of
      answered threads whose citizen opened a new thread with the same account within
      7 days after the answer (a proxy of an unresolved issue; lower is better), over
      the answered threads whose 7-day window ended before ``observed_until``; Wilson
      interval;
    - ``likes_per_official_reply``: mean ``likes`` of official replies (grouped by the
      reply's own account, channel and period) over ``n_replies_with_likes`` replies
      whose export carries likes (``n_official_replies`` in all); bootstrap interval.

    A proxy with denominator 0 is NaN: not computable, not zero. With ``"topic"`` in
    ``by`` every citizen thread and reply is counted under its thread's topic
    (:func:`roi.topics.message_topics`); the survey columns are left out (a survey answer
    has no topic), and re-contact still looks at the citizen's next thread whatever its
    topic (an unresolved issue may come back under another one). ``threads``:
    :func:`roi.threads.threads` of ``messages``, shared with other families by
    :func:`roi.indicators`.
    """
    config = as_config(config)
    by = check_by(by, topic=True)
    d = detail(messages, config, freq=freq, observed_until=observed_until, threads=threads)
    rep = threads.check(messages).replies.copy() if threads is not None else replies(messages.reset_index(drop=True))
    rep["likes"] = messages.reset_index(drop=True)["likes"].iloc[rep["_pos"].to_numpy()].to_numpy()
    rep["period"] = periods_or_all(rep["created_at"], freq, config.timezone)
    if TOPIC in by:  # citizen threads and replies under their thread's topic (roi.topics.message_topics)
        d = d.assign(topic=topic_column(d, messages, config, threads=threads))
        rep["topic"] = topic_column(rep, messages, config, threads=threads)
    rep["channel"] = rep["channel"].astype("string")
    d = d.astype({"channel": "string"})
    out = _log_summary(d, rep, by, n_resamples, seed)
    for column in ("n_threads", "n_answered_threads", "n_followups", "n_thanks", "n_followup_polarity",
                   "n_polarity_shift", "n_recontact_observable", "n_recontact_7d", "n_official_replies",
                   "n_replies_with_likes", "n_followup_hostility", "n_hostile_followups"):
        out[column] = out[column].fillna(0).astype("int64") if column in out else 0
    out["thanks_after_answer"] = out["n_thanks"] / out["n_answered_threads"].where(out["n_answered_threads"] > 0)
    low, high = wilson_interval(out["n_thanks"], out["n_answered_threads"])
    out["thanks_after_answer_ci_low"], out["thanks_after_answer_ci_high"] = low, high
    out["hostile_followups"] = out["n_hostile_followups"] / out["n_followup_hostility"].where(out["n_followup_hostility"] > 0)
    low, high = wilson_interval(out["n_hostile_followups"], out["n_followup_hostility"])
    out["hostile_followups_ci_low"], out["hostile_followups_ci_high"] = low, high
    out["recontact_7d"] = out["n_recontact_7d"] / out["n_recontact_observable"].where(out["n_recontact_observable"] > 0)
    low, high = wilson_interval(out["n_recontact_7d"], out["n_recontact_observable"])
    out["recontact_7d_ci_low"], out["recontact_7d_ci_high"] = low, high
    if surveys is not None and len(surveys) and TOPIC not in by:  # surveys have no topic: no rows invented for them
        survey = survey_summary(surveys, messages, by, config, freq=freq)
        out = out.merge(survey, on=by, how="outer") if by else pd.concat([out, survey], axis=1)
        for column in ("n_threads", "n_answered_threads", "n_followups", "n_thanks", "n_followup_polarity",
                       "n_polarity_shift", "n_recontact_observable", "n_recontact_7d", "n_official_replies",
                       "n_replies_with_likes", "n_followup_hostility", "n_hostile_followups", "n_csat", "n_csat_top2",
                       "n_csat_good_bad", "n_csat_good", "n_nps"):
            out[column] = out[column].fillna(0).astype("int64")
    return out.sort_values(by).reset_index(drop=True) if by else out
