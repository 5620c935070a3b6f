"""The analyst's side of the report (``notebooks/explore.ipynb``): from an indicator to the messages behind it.

``data = open_data(config=..., period=...)`` loads the exports, computes the indicators
by account, channel and period, and offers one call per step down:

- :meth:`Exploration.indicator_view`: every indicator of the period in long format, with
  the report's names in the chosen language (value, base, interval, score);
- :meth:`Exploration.worst`: the groups ranked on one indicator, worst first;
- :meth:`Exploration.explain`: index -> family -> indicator -> messages for one group;
- :meth:`Exploration.inbound` / :meth:`Exploration.replies`: the messages, in local time,
  durations in words, with the answer or the censoring (:func:`roi.speed.detail`);
- :meth:`Exploration.reply`: one official reply, its score, its markers highlighted and
  the reasons of each judgment (:mod:`roi.report.reply`).

Privacy: citizen handles and texts appear only when the configuration opts in
(``[privacy] show_text = true``), and then redacted (:func:`roi.report.privacy.redact`);
official replies are the administration's own words and are shown as they are.
:attr:`Exploration.messages` follows the same rule; :meth:`Exploration.raw_messages` is
the one explicit call that returns the table as read.

An account filter never invents rows: survey answers are kept by the account of their
own or of their thread; those that cannot be attributed are left out with a note.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from roi import empathy, speed, transparency
from roi.config import Config, load_config
from roi.errors import RoiError
from roi.index import CATALOGUE, FAMILIES
from roi.indicators import Indicators
from roi.indicators import indicators as compute_indicators
from roi.load import Loaded, load
from roi.periods import parse_period, period_labels
from roi.report import formatting as fmt
from roi.report import labels, privacy
from roi.report.document import _column, export_files, find_config, find_path
from roi.report.explore_table import Table
from roi.report.reply import ReplyView, Walk
from roi.report.texts import text
from roi.satisfaction import _survey_groups

__all__ = ["Exploration", "Table", "open_data"]

_KEYS = ["channel", "account", "message_id"]
_BY_NAME = {ind.name: ind for ind in CATALOGUE}


def _durations(seconds: pd.Series, lang: str, *, business: bool) -> pd.Series:
    """Seconds as :func:`roi.report.formatting.minutes` writes them, formatting each distinct minute once."""
    mins = np.round(seconds.to_numpy(dtype=float, na_value=np.nan) / 60)
    codes, distinct = pd.factorize(mins, use_na_sentinel=True)
    words = np.array([fmt.minutes(m, lang, business=business) for m in distinct] + [fmt.minutes(np.nan, lang)],
                     dtype=object)
    return pd.Series(words[codes], index=seconds.index, dtype="string")


class Exploration:
    """Messages of one period, its indicators and the ways down to the evidence (build it with :func:`open_data`)."""

    def __init__(self, *, config: Config, period: str, freq: str, lang: str, loaded: Loaded, messages: pd.DataFrame,
                 surveys: pd.DataFrame | None, indicators: Indicators, show_text: bool, notes: list[str]):
        self.config, self.period, self.freq, self.lang = config, period, freq, lang
        self.surveys, self.indicators, self.show_text = surveys, indicators, show_text
        self._loaded = loaded  # its tables carry citizens' text as read: reached through counts() only
        self.notes = notes
        self._raw = messages
        self._cache: dict = {}

    # ---- the message table, private by default -------------------------------------------------------------

    def counts(self) -> pd.DataFrame:
        """One row per file read: format, records, messages, rejects, duplicates (:meth:`roi.load.Loaded.counts`)."""
        return self._table(self._loaded.counts())

    def _table(self, frame: pd.DataFrame) -> Table:
        """``frame`` as a :class:`Table` whose notebook display speaks :attr:`lang`."""
        table = Table(frame)
        table.attrs = {**frame.attrs, "lang": self.lang}
        return table

    def raw_messages(self) -> pd.DataFrame:
        """The message table as read: citizens' handles and full, unredacted texts. Never publish it.

        :attr:`messages` is the table to show; this call is the explicit way to the raw one.
        """
        return self._raw.copy()

    @property
    def messages(self) -> pd.DataFrame:
        """Every message read (all periods), ``created_at`` in local time; citizens' ``text`` and ``author_id``
        redacted when ``show_text`` is true, else ``<NA>`` (:meth:`raw_messages` gives the table as read)."""
        m = self._raw.copy()
        m["created_at"] = m["created_at"].dt.tz_convert(self.config.timezone)
        citizen = ~m["is_official"].to_numpy(dtype=bool)
        if self.show_text:
            m.loc[citizen, "text"] = privacy.redact_series(m.loc[citizen, "text"])
        else:
            m["text"] = m["text"].mask(citizen)
            m["author_id"] = m["author_id"].mask(citizen)
        return m

    def _texts(self, frame: pd.DataFrame, id_column: str, *, citizen: bool) -> pd.Series:
        """The text of the message ``frame[id_column]`` names (same channel and account): a citizen's redacted."""
        m = self._raw[[*_KEYS, "text"]].astype({"channel": "string"}).drop_duplicates(_KEYS)
        keys = pd.DataFrame({"channel": frame["channel"].astype("string").to_numpy(),
                             "account": frame["account"].astype("string").to_numpy(),
                             "message_id": frame[id_column].astype("string").to_numpy()})
        texts = keys.merge(m, on=_KEYS, how="left")["text"].astype("string")
        texts.index = frame.index
        return privacy.redact_series(texts) if citizen else texts

    # ---- the indicators ------------------------------------------------------------------------------------

    def contributions(self, family: str | None = None) -> pd.DataFrame:
        """The index decomposition of the period (one row per account, channel and indicator)."""
        c = self.indicators.contributions
        c = c[c["period"] == self.period]
        return c if family is None else c[c["family"] == family]

    def indicator_view(self, family: str | None = None, *, account: str | None = None,
                       channel: str | None = None) -> pd.DataFrame:
        """Every indicator of the period, one row per account, channel and indicator, in the report's words.

        Columns: ``account``, ``channel``, ``family`` and ``indicator`` (the report's names
        in :attr:`lang`), ``value`` (as the report writes it), ``base`` (the cases it is
        computed on), ``interval`` (95%, where there is one), ``score`` (0-100 against its
        target; empty when it does not count) and ``note`` (why it does not count), then
        ``code`` (the indicator's column name, for :meth:`worst` and :meth:`explain`).
        """
        c = self._groups(self.contributions(family), account, channel)
        table = self._period_table().set_index(["account", "channel"])
        keys = pd.MultiIndex.from_frame(c[["account", "channel"]])
        low, high = np.full(len(c), np.nan), np.full(len(c), np.nan)
        for ind in CATALOGUE:  # one pass per indicator (19), not per row
            at = (c["indicator"] == ind.name).to_numpy()
            column = _column(ind)
            if at.any() and f"{column}_ci_low" in table:
                low[at] = table[f"{column}_ci_low"].reindex(keys[at]).to_numpy(dtype=float, na_value=np.nan)
                high[at] = table[f"{column}_ci_high"].reindex(keys[at]).to_numpy(dtype=float, na_value=np.nan)
        lang = self.lang
        names = c["indicator"].map(lambda n: labels.indicator_label(n, lang))
        value = [labels.indicator_value(n, v, lang) for n, v in zip(c["indicator"], c["value"], strict=True)]
        interval = [f"{labels.indicator_value(n, lo, lang)} – {labels.indicator_value(n, hi, lang)}"
                    if not np.isnan(lo) else "" for n, lo, hi in zip(c["indicator"], low, high, strict=True)]
        reasons = text("reasons", lang)
        included = c["included"].to_numpy(dtype=bool)
        view = Table({
            "account": c["account"].to_numpy(), "channel": c["channel"].astype("string").to_numpy(),
            "family": c["family"].map(text("families", lang)).to_numpy(), "indicator": names.to_numpy(),
            "value": value, "base": c["n"].to_numpy(), "interval": interval,
            "score": np.where(included, c["score"].to_numpy(dtype=float).round(1), np.nan),
            "note": ["" if ok else reasons.get(str(r), str(r)) for ok, r in zip(included, c["reason"], strict=True)],
            "code": c["indicator"].to_numpy(),
        })
        view.attrs["under"] = {"indicator": "code"}  # shown small beneath the name, not as a column of its own
        view.attrs["sections"] = "family"  # and the family as a heading row
        return self._table(view)

    def scores(self) -> pd.DataFrame:
        """The index and the four family scores of each account and channel in the period, named in :attr:`lang`."""
        idx = self.indicators.index.index
        idx = idx[idx["period"] == self.period]
        names = {"roi_index": text("index", self.lang),
                 **{f"score_{f}": text("families", self.lang)[f] for f in FAMILIES}}
        out = idx[["account", "channel", *names]].rename(columns=names).round(1)
        return self._table(out.sort_values(names["roi_index"], na_position="last").reset_index(drop=True))

    def _period_table(self) -> pd.DataFrame:
        t = self.indicators.table
        return t[t["period"] == self.period].astype({"channel": "string"})

    def _by_table(self, by: tuple[str, ...]) -> Indicators:
        """The indicators grouped by ``by`` and period (the account and channel ones are already there)."""
        missing = [b for b in by if b not in self._raw.columns and b != "topic"]  # topics: found per call
        if missing:
            raise RoiError(f"the messages have no column {missing[0]!r} to group by", field="by",
                           fix="group by columns of the message table or the thread's topic, "
                               "e.g. by=(\"account\", \"channel\") or by=(\"account\", \"topic\")")
        if tuple(by) == ("account", "channel"):
            return self.indicators
        key = ("by", tuple(by))
        if key not in self._cache:
            self._cache[key] = compute_indicators(self._raw, self.config, by=(*by, "period"), surveys=self.surveys,
                                                  freq=self.freq)
        return self._cache[key]

    def worst(self, indicator: str = "roi_index", by: tuple[str, ...] = ("account", "channel")) -> pd.DataFrame:
        """The groups of the period ranked on ``indicator``, worst first; groups where it was not measured are left out.

        ``indicator`` is ``"roi_index"``, a family (``"speed"``: its score) or an indicator
        of the index (``"response_rate"``; :data:`roi.index.CATALOGUE`). Columns: the ``by``
        columns, ``indicator`` (its name in :attr:`lang`), ``value``, ``value_text`` (as the
        report writes it), ``base`` (its cases; for the index or a family, the indicators
        that count in it)
        and ``score`` (0-100; for the index and the families, the value itself).
        """
        result = self._by_table(tuple(by))
        by = list(by)
        if indicator == "roi_index" or indicator in FAMILIES:
            column = "roi_index" if indicator == "roi_index" else f"score_{indicator}"
            idx = result.index.index
            rows = idx[idx["period"] == self.period]
            out = rows[by].copy()
            out["indicator"] = text("index", self.lang) if indicator == "roi_index" else text("families", self.lang)[indicator]
            out["value"] = rows[column].to_numpy(dtype=float)
            if indicator == "roi_index":
                out["base"] = rows["n_indicators"].to_numpy()
            else:  # the family's indicators that count in the group
                c = result.contributions
                counted = c[(c["period"] == self.period) & (c["family"] == indicator) & c["included"].astype(bool)]
                sizes = counted.groupby(by, dropna=False, observed=True).size()
                keys = pd.MultiIndex.from_frame(rows[by]) if len(by) > 1 else pd.Index(rows[by[0]])
                out["base"] = sizes.reindex(keys).fillna(0).astype(int).to_numpy()
            out["score"] = out["value"].round(1)
            higher = True
        elif indicator in _BY_NAME:
            c = result.contributions
            rows = c[(c["period"] == self.period) & (c["indicator"] == indicator)]
            out = rows[by].copy()
            out["indicator"] = labels.indicator_label(indicator, self.lang)
            out["value"] = rows["value"].to_numpy(dtype=float)
            out["base"] = rows["n"].to_numpy()
            out["score"] = np.where(rows["included"].to_numpy(dtype=bool), rows["score"].to_numpy(dtype=float).round(1),
                                    np.nan)
            higher = _BY_NAME[indicator].direction == "higher"
        else:
            raise RoiError(f"unknown indicator {indicator!r}", field="indicator",
                           fix=f"use 'roi_index', a family {list(FAMILIES)} or one of {list(_BY_NAME)}")
        out = out[out["value"].notna()].sort_values("value", ascending=higher, kind="stable")
        out["value_text"] = [labels.indicator_value(indicator, v, self.lang) for v in out["value"]]
        return self._table(out[[*by, "indicator", "value", "value_text", "base", "score"]].reset_index(drop=True))

    # ---- the messages --------------------------------------------------------------------------------------

    def _groups(self, frame: pd.DataFrame, account=None, channel=None, topic=None) -> pd.DataFrame:
        """``frame`` restricted to an account, a channel and a topic (each optional; a list keeps any of them)."""
        keep = np.ones(len(frame), dtype=bool)
        for name, wanted in (("account", account), ("channel", channel), ("topic", topic)):
            if wanted is None:
                continue
            values = [wanted] if isinstance(wanted, str) else list(wanted)
            keep &= frame[name].astype("string").isin(values).fillna(False).to_numpy(dtype=bool)
        return frame[keep]

    def topics(self) -> pd.Series:
        """The topic of each message's thread (:func:`roi.topics.thread_topics`) on :meth:`raw_messages`' index.

        An official answer counts under the topic of the question it answers; a thread no
        cue fits is ``otros``. This is the topic ``topic=`` filters on.
        """
        if "topics" not in self._cache:
            from roi.topics import thread_topics

            self._cache["topics"] = thread_topics(self._raw, self.config)
        return self._cache["topics"]

    def _with_topic(self, frame: pd.DataFrame, topic) -> pd.DataFrame:
        """``frame`` with the ``topic`` of each message's thread, when a topic filter asks for it."""
        if topic is None or "topic" in frame:
            return frame
        wanted = {topic} if isinstance(topic, str) else set(topic)
        known = set(self.topics().dropna())
        if wanted - known:
            raise RoiError(f"no message of topic {sorted(wanted - known)[0]!r}", field="topic",
                           fix=f"use a topic among {sorted(known)} (data.topics().value_counts())")
        strings = dict.fromkeys(_KEYS, "string")
        m = self._raw[_KEYS].astype(strings).assign(topic=self.topics().to_numpy()).drop_duplicates(_KEYS)
        keys = frame[_KEYS].astype(strings)
        out = frame.copy()
        out["topic"] = keys.merge(m, on=_KEYS, how="left")["topic"].to_numpy()
        return out

    def _detail(self) -> pd.DataFrame:
        if "detail" not in self._cache:
            d = speed.detail(self._raw, self.config, freq=self.freq)
            self._cache["detail"] = d[d["period"] == self.period].reset_index(drop=True)
        return self._cache["detail"]

    def inbound(self, *, account=None, channel=None, topic=None, answered: bool | None = None) -> pd.DataFrame:
        """The inbound messages of the period with their answer or censoring, longest wait first.

        One row per :func:`roi.speed.detail` row of the period (``account`` / ``channel`` /
        ``topic`` keep those only; a topic is the thread's, :meth:`topics`): ``message_id``,
        ``channel``, ``account``, ``received`` (local time), ``waited`` and
        ``waited_office_hours`` (in words, "2 h 15 min"; an unanswered message's wait up to
        its censoring), ``outcome`` ("answered" and the answer's local time, or "censored"
        and the time the wait was censored at: no answer by then), ``question``,
        ``answered``, ``answer_id``, ``answer`` (the official reply's text), ``topic`` (with
        ``topic=``) and, with ``show_text``, ``text`` (the citizen's, redacted).
        """
        d = self._groups(self._with_topic(self._detail(), topic), account, channel, topic)
        if answered is not None:
            d = d[d["answered"].to_numpy(dtype=bool) == bool(answered)]
        d = d.sort_values("response_seconds", ascending=False, kind="stable")
        tz, lang = self.config.timezone, self.lang
        answered_at = d["answered_at"].dt.tz_convert(tz).dt.strftime("%Y-%m-%d %H:%M")
        until = d["observed_until"].dt.tz_convert(tz).dt.strftime("%Y-%m-%d %H:%M")
        said = ("respondido ", "censurado ") if lang == "es" else ("answered ", "censored ")
        out = pd.DataFrame({
            "message_id": d["message_id"], "channel": d["channel"].astype("string"), "account": d["account"],
            "received": d["created_at"].dt.tz_convert(tz).dt.floor("s"),
            "waited": _durations(d["response_seconds"], lang, business=False),
            "waited_office_hours": _durations(d["response_business_seconds"], lang, business=True),
            "outcome": np.where(d["answered"].to_numpy(dtype=bool), said[0] + answered_at.astype(str),
                                said[1] + until.astype(str)),
            "question": d["is_question"], "answered": d["answered"], "answer_id": d["answer_id"],
        })
        out["answer"] = self._texts(d, "answer_id", citizen=False).where(d["answered"].to_numpy(dtype=bool))
        if "topic" in d:
            out["topic"] = d["topic"]
        if self.show_text:
            out["text"] = self._texts(d, "message_id", citizen=True)
        return self._table(out.reset_index(drop=True))

    def _scores(self) -> pd.DataFrame:
        if "scores" not in self._cache:
            s = empathy.score(self._raw, self.config)
            labels_ = period_labels(s["created_at"], self.freq, self.config.timezone)
            self._cache["scores"] = s[(labels_ == self.period).to_numpy()].reset_index(drop=True)
        return self._cache["scores"]

    def replies(self, *, account=None, channel=None, topic=None) -> pd.DataFrame:
        """The official replies of the period with their empathy score, lowest score first.

        Columns: ``message_id``, ``channel``, ``account``, ``sent`` (local time), ``after``
        (time since the message it answers, in words), ``empathy_score`` and ``courtesy``
        (one decimal), ``text`` (the reply), ``marker_score``, ``n_markers``,
        ``p_emotional_reaction``, ``p_interpretation``, ``p_exploration``
        (:func:`roi.empathy.score`), ``topic`` (with ``topic=``: the thread's, :meth:`topics`)
        and, with ``show_text``, ``in_reply_to`` (the citizen's message, redacted).
        :meth:`reply` shows one with its markers and reasons.
        """
        s = self._groups(self._with_topic(self._scores(), topic), account, channel, topic)
        s = s.sort_values("empathy_score", kind="stable", na_position="last")
        parent = self._raw[[*_KEYS, "created_at"]].astype({"channel": "string"}).drop_duplicates(_KEYS)
        keys = pd.DataFrame({"channel": s["channel"].astype("string").to_numpy(), "account": s["account"].to_numpy(),
                             "message_id": s["parent_id"].astype("string").to_numpy()})
        parent_at = keys.merge(parent, on=_KEYS, how="left")["created_at"].to_numpy()
        after = (s["created_at"].to_numpy() - parent_at) / np.timedelta64(1, "s")
        out = pd.DataFrame({
            "message_id": s["message_id"], "channel": s["channel"].astype("string"), "account": s["account"],
            "sent": s["created_at"].dt.tz_convert(self.config.timezone).dt.floor("s"),
            "after": _durations(pd.Series(after, index=s.index), self.lang, business=False),
            "empathy_score": s["empathy_score"].round(1), "courtesy": s["courtesy"].round(1),
            "text": self._texts(s, "message_id", citizen=False),
        })
        out["marker_score"] = s["marker_score"].round(1)
        out["n_markers"] = s["n_markers"]
        for column in ("p_emotional_reaction", "p_interpretation", "p_exploration"):
            out[column] = s[column].round(3)
        if "topic" in s:
            out["topic"] = s["topic"]
        if self.show_text:
            out["in_reply_to"] = self._texts(s.assign(parent_id=s["parent_id"].astype("string")), "parent_id",
                                             citizen=True)
        return self._table(out.reset_index(drop=True))

    def reply(self, message_id: str, *, channel: str | None = None) -> ReplyView:
        """One official reply: its scores, its markers highlighted in its text, and the reasons of each judgment.

        ``channel`` tells two replies with the same id apart. The citizen's message it
        answers is shown, redacted, only with ``show_text``.
        """
        m = self._raw
        at = (m["message_id"] == str(message_id)).fillna(False).to_numpy(dtype=bool) & m["is_official"].to_numpy(bool)
        if channel is not None:
            at &= (m["channel"].astype("string") == channel).fillna(False).to_numpy(dtype=bool)
        found = m[at]
        if found.empty:
            raise RoiError(f"no official reply with id {message_id!r}", field="message_id",
                           fix="take an id from data.replies()")
        if len(found) > 1:
            raise RoiError(f"{len(found)} official replies have id {message_id!r}", field="message_id",
                           fix=f"add channel=, one of {sorted(found['channel'].astype(str).unique())}")
        row = found.iloc[0]
        thread = m[(m["thread_id"] == row["thread_id"]).fillna(False).to_numpy(dtype=bool)
                   & (m["channel"] == row["channel"]).to_numpy(dtype=bool)]
        def mine(f):
            return (f[(f["message_id"] == row["message_id"]).fillna(False).to_numpy(dtype=bool)])
        score = mine(empathy.score(thread, self.config)).iloc[0]
        cited = None
        if self.show_text and pd.notna(row["parent_id"]):
            parent = thread[(thread["message_id"] == row["parent_id"]).fillna(False).to_numpy(dtype=bool)]
            if len(parent) and not bool(parent["is_official"].iloc[0]):
                cited = privacy.redact(str(parent["text"].iloc[0]))
        return ReplyView(message_id=str(row["message_id"]), channel=str(row["channel"]), account=str(row["account"]),
                         sent=row["created_at"].tz_convert(self.config.timezone), text=str(row["text"]),
                         score=score, markers=mine(empathy.evidence(thread, self.config)).reset_index(drop=True),
                         reasons=mine(empathy.explanations(thread, self.config)).reset_index(drop=True),
                         in_reply_to=cited, lang=self.lang)

    def explain(self, indicator: str, group) -> Walk:
        """From the index to the family to ``indicator`` to its messages, for one account (and channel).

        ``group`` is an account, an ``(account, channel)`` pair or a dict of them.
        ``indicator`` is an indicator of the index (``"response_rate"``) or a family.
        The messages are :meth:`inbound` (speed; questions only for the question rate),
        :meth:`replies` (empathy), the thread detail of :mod:`roi.satisfaction` (local
        times; the citizen's ``author_id`` only with ``show_text``) or the evidence of
        :func:`roi.transparency.evidence`.
        """
        if isinstance(group, str):
            group = {"account": group}
        elif not isinstance(group, dict):
            group = dict(zip(("account", "channel"), group, strict=False))
        family = indicator if indicator in FAMILIES else _BY_NAME[indicator].family if indicator in _BY_NAME else None
        if family is None:
            raise RoiError(f"unknown indicator {indicator!r}", field="indicator",
                           fix=f"use a family {list(FAMILIES)} or one of {list(_BY_NAME)}")
        account, channel = group.get("account"), group.get("channel")
        idx = self.indicators.index.index
        idx = self._groups(idx[idx["period"] == self.period], account, channel)
        if idx.empty:
            raise RoiError(f"no group {group} in {self.period}", field="group",
                           fix="take an account and channel from data.scores()")
        contrib = self._groups(self.contributions(family), account, channel)
        if family == "speed":
            messages = self.inbound(account=account, channel=channel)
            if indicator == "question_response_rate":
                messages = messages[messages["question"].to_numpy(dtype=bool)].reset_index(drop=True)
        elif family == "empathy":
            messages = self.replies(account=account, channel=channel)
        elif family == "transparency":
            messages = self._groups(self.transparency_evidence(), account, channel).reset_index(drop=True)
        else:
            from roi import satisfaction

            d = satisfaction.detail(self._raw, self.config, freq=self.freq)
            d = self._groups(d[d["period"] == self.period], account, channel).reset_index(drop=True)
            if not self.show_text:  # a citizen's id names them: shown only when the configuration opts in
                d = d.drop(columns=["author_id"], errors="ignore")
            for column in d.columns:  # every time in local time, as in inbound() and replies()
                if isinstance(d[column].dtype, pd.DatetimeTZDtype):
                    d[column] = d[column].dt.tz_convert(self.config.timezone)
            messages = self._table(d)
        return Walk(indicator=indicator, family=family, group=group, index=idx.reset_index(drop=True),
                    contributions=contrib.reset_index(drop=True),
                    row=contrib[contrib["indicator"] == indicator].reset_index(drop=True), messages=messages,
                    lang=self.lang)

    def _in_period(self, frame: pd.DataFrame, column: str = "created_at") -> pd.DataFrame:
        labels_ = period_labels(frame[column], self.freq, self.config.timezone)
        return frame[(labels_ == self.period).to_numpy()]

    def empathy_evidence(self) -> pd.DataFrame:
        """Every empathy marker found in the period's official replies (:func:`roi.empathy.evidence`)."""
        ev = empathy.evidence(self._in_period(self._raw), self.config)
        return self._table(ev.reset_index(drop=True))

    def transparency_evidence(self) -> pd.DataFrame:
        """Every transparency marker and link in the period's official messages (:func:`roi.transparency.evidence`)."""
        return self._table(transparency.evidence(self._in_period(self._raw), self.config).reset_index(drop=True))

    # ---- charts --------------------------------------------------------------------------------------------

    def chart_trend(self, n: int = 13):
        """The index and the four families over the ``n`` periods ending at this one (all accounts read)."""
        from roi.report.explore_charts import trend_chart

        if "overall" not in self._cache:
            self._cache["overall"] = compute_indicators(self._raw, self.config, by=("period",), surveys=self.surveys,
                                                        freq=self.freq)
        return trend_chart(self._cache["overall"].table, self.period, self.lang, n=n)

    def chart_response(self, *, hours: float = 40.0):
        """Share answered by business hours elapsed (Kaplan-Meier, unanswered censored), one curve per account."""
        from roi.report.explore_charts import response_curves

        return response_curves(self._detail(), self.lang, hours=hours)


def _filter_surveys(surveys: pd.DataFrame | None, messages: pd.DataFrame, accounts: list[str],
                    notes: list[str]) -> pd.DataFrame | None:
    """The survey answers of ``accounts`` (their own account, else their thread's); the rest left out with a note."""
    if surveys is None or surveys.empty:
        return surveys
    grouped = _survey_groups(surveys, messages)
    unknown = grouped["account"].isna().to_numpy()
    if unknown.any():
        notes.append(f"{int(unknown.sum())} survey answer(s) name no account and no thread of the exports read: "
                     "they cannot be filtered by account and are left out")
    keep = grouped["account"].isin(accounts).fillna(False).to_numpy(dtype=bool)
    return grouped[keep].reset_index(drop=True)


def open_data(*, config: str | Path, period: str, inputs: list[str] | None = None,
              accounts: list[str] | None = None, lang: str | None = None) -> Exploration:
    """Load the exports and compute the indicators by account, channel and period.

    ``lang`` (``"es"`` / ``"en"``; default the configuration's) names the indicators and
    writes the values. ``accounts`` keeps those accounts only: their messages and the
    survey answers that belong to them (:attr:`Exploration.notes` says what was left out).
    A period without messages is an error naming the periods that have them.
    """
    config_path = find_config(config)
    cfg = load_config(config_path)
    lang = fmt.check_language(lang or cfg.language)
    label, freq = parse_period(period)
    loaded = load([find_path(p) for p in inputs] if inputs else export_files(config_path), cfg)
    messages, surveys, notes = loaded.messages, loaded.surveys, []
    if accounts:
        unknown = sorted(set(accounts) - set(messages["account"].dropna().astype(str)))
        if unknown:
            raise RoiError(f"no messages of account(s) {unknown}", field="accounts",
                           fix=f"use accounts among {sorted(messages['account'].dropna().astype(str).unique())}")
        surveys = _filter_surveys(surveys, messages, list(accounts), notes)
        messages = messages[messages["account"].isin(accounts).fillna(False)].reset_index(drop=True)
    present = period_labels(messages["created_at"], freq, cfg.timezone)
    if not (present == label).any():
        have = sorted(present.dropna().unique())
        raise RoiError(f"no messages in period {label}", field="period",
                       fix=f"choose a period the exports cover: {have[0]} to {have[-1]}" if have else
                       "check the inputs and the accounts filter")
    result = compute_indicators(messages, cfg, by=("account", "channel", "period"), surveys=surveys, freq=freq)
    return Exploration(config=cfg, period=label, freq=freq, lang=lang, loaded=loaded, messages=messages,
                       surveys=surveys, indicators=result, show_text=privacy.show_text(cfg), notes=notes)
