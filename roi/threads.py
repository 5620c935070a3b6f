"""Who answers whom, and when: inbound messages, their answers, official replies.

Definitions (``roi/methodology.md``):

- **Inbound**: a citizen message (not official) addressed to the administration: a
  message in a thread where the administration takes part (a comment on an official
  post, a reply to an official message), a private message (``is_public`` False), a
  message on a channel that only carries requests to the administration (Open311,
  e-mail, web forms), or a message that mentions one of its handles (configured, or the
  author of an official message in the data: a mention of the administration is inbound
  whether or not the config lists the handle). A citizen's reply
  to *another citizen's* message is conversation between citizens, not inbound.
- **Answer** of an inbound message *m* of citizen *c* in thread *t*: the first official
  message in *t*, created after *m*, that replies directly to *m* or to a later message
  of *c* in *t*. A reply whose parent is not in the export still counts as an official
  reply, but it answers nothing that can be seen.
- **Official reply**: an official message with a parent; its **latency** is its time
  minus the time of the parent, when the parent is in the data and not official.

All of it is joins and sorted group operations over the whole table: no loop per message.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable
from functools import cached_property

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from roi.config import Config, as_config
from roi.errors import RoiError
from roi.periods import combined_codes, stable_order
from roi.questions import is_question

__all__ = ["NO_ACCOUNTS", "REQUEST_CHANNELS", "Threads", "inbound", "parent_positions", "replies", "threads"]

#: Said (as a warning, a note of :func:`roi.indicators` and by the command line) when the config lists no account.
NO_ACCOUNTS = ("no official accounts are configured ([accounts] is empty): official messages are only those the "
               "export marks itself, and a mention is inbound only when it names the author of one; response "
               "figures may miss unanswered messages. Add the administration's handles under [accounts]")

#: Channels whose every citizen message is addressed to the administration.
REQUEST_CHANNELS = ("open311", "email", "web")


def _official_handles(messages: pd.DataFrame, config: Config) -> dict[str, list[str]]:
    """Channel -> the administration's handles: the configured ones and the authors of official messages in the
    data (an export that marks official messages names the administration's handles, configured or not)."""
    handles = {channel: list(names) for channel, names in config.accounts.items()}
    authors = messages.loc[messages["is_official"].to_numpy(dtype=bool), ["channel", "author_id"]].dropna()
    authors = authors.drop_duplicates().astype(str)  # (distinct pairs first: a few, not every official message)
    for channel, author in zip(authors["channel"], authors["author_id"], strict=True):
        handles.setdefault(channel, []).append(author)
    return handles


def _mentions_official(messages: pd.DataFrame, config: Config, among: np.ndarray | None = None) -> pd.Series:
    """True where the text mentions one of the channel's official handles (``@handle``; :func:`_official_handles`),
    read in the rows where ``among`` is true (default every row; False in the others)."""
    out = pd.Series(False, index=messages.index)
    for channel, handles in _official_handles(messages, config).items():
        names = [re.escape(h.strip().lstrip("@")) for h in handles if h.strip().lstrip("@")]
        if not names:
            continue
        rows = (messages["channel"] == channel).to_numpy()
        if among is not None:
            rows = rows & among
        if rows.any():
            pattern = r"@(?:" + "|".join(names) + r")(?![\w.])"
            text = messages.loc[rows, "text"].astype("string")
            # only a text with an "@" can mention anyone: the regular expression runs on those alone
            at = np.asarray(pc.fill_null(pc.match_substring(pa.array(text.array), "@"), False), dtype=bool)
            found = np.zeros(len(text), dtype=bool)
            found[at] = text[at].str.contains(pattern, case=False, regex=True, na=False).to_numpy(dtype=bool)
            out[rows] = found
    return out


def _codes(*columns: pd.Series | np.ndarray) -> np.ndarray:
    """One integer per distinct combination of the columns' values, numbered in order of first
    appearance (as ``pd.factorize`` numbers them); -1 where any value is missing.

    Each column is factorised on its own and the codes combined as integers: no strings
    are built. A column may be codes already (an array, -1 for missing).
    """
    factorised = []
    missing = np.zeros(len(columns[0]), dtype=bool)
    for column in columns:
        if isinstance(column, np.ndarray):
            column = pd.arrays.IntegerArray(column, column < 0)
        codes, uniques = pd.factorize(column, use_na_sentinel=True)
        missing |= codes < 0
        factorised.append((codes.astype(np.int64), len(uniques)))
    combined = combined_codes(*factorised)
    if not missing.any():
        return combined
    combined[missing] = -1  # one value for every incomplete row, then taken out of the numbering
    codes = pd.factorize(combined)[0].astype(np.int64)
    gap = codes[np.argmax(missing)]
    codes[codes > gap] -= 1
    codes[missing] = -1
    return codes


def _parents(messages: pd.DataFrame, rows: np.ndarray) -> pd.DataFrame:
    """For the messages at positions ``rows``, their parent's position (-1 when not in the data).

    Parents are looked up by ``(channel, account, message_id)`` first, then by
    ``(channel, message_id)`` (a reply may sit in another account's export); the first
    message with a key wins.
    """
    n = len(messages)
    channel = messages["channel"]

    def keys_then_children(column: pd.Series, child: pd.Series) -> pd.Series:  # one column: codes shared
        return pd.concat([column, child.iloc[rows]], ignore_index=True)

    wide = _codes(keys_then_children(channel, channel), keys_then_children(messages["message_id"], messages["parent_id"]))
    own = _codes(keys_then_children(messages["account"], messages["account"]), wide)
    found = _first_position(own[:n], own[n:])
    missing = found < 0
    if missing.any():
        found[missing] = _first_position(wide[:n], wide[n:][missing])
    return pd.DataFrame({"pos": rows, "parent_pos": found})


def parent_positions(messages: pd.DataFrame) -> np.ndarray:
    """Each message's parent's position (by :func:`_parents`' rules), -1 where it has no
    ``parent_id`` or its parent is not in the data: every reply's link found in one pass, for
    :func:`replies` and the inbound search alike."""
    rows = np.flatnonzero(messages["parent_id"].notna().to_numpy())
    out = np.full(len(messages), -1, dtype=np.int64)
    out[rows] = _parents(messages, rows)["parent_pos"].to_numpy()
    return out


def _first_position(keys: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """Position in ``keys`` of the first occurrence of each ``wanted`` code, or -1 (also for code -1).

    Codes come from one :func:`_codes` over both; no per-value Python work.
    """
    size = int(max(keys.max(initial=-1), wanted.max(initial=-1))) + 2
    first = np.full(size, -1, dtype=np.int64)  # the last slot answers code -1 (missing)
    present = np.flatnonzero(keys >= 0)[::-1]  # reversed, so the first occurrence is written last
    first[keys[present]] = present
    first[-1] = -1
    return first[wanted]


def replies(messages: pd.DataFrame, parents: np.ndarray | None = None) -> pd.DataFrame:
    """Every official reply (an official message with a ``parent_id``) and what it answers.

    ``parents``: :func:`parent_positions` of ``messages``, when the caller already has them.

    Returns
    -------
    DataFrame
        One row per official reply: ``message_id``, ``channel``, ``account``,
        ``thread_id``, ``created_at``, ``is_public``, ``parent_id``, ``parent_in_data``,
        ``parent_is_official``, ``parent_author_id``, ``parent_created_at`` and
        ``latency_seconds`` (reply time minus parent time; NaN unless the parent is in the
        data and not official). Reply latency is the figure published twcs analyses use.
    """
    rows = np.flatnonzero((messages["is_official"] & messages["parent_id"].notna()).to_numpy())
    parent_pos = _parents(messages, rows)["parent_pos"].to_numpy() if parents is None else parents[rows]
    found = parent_pos >= 0
    safe = np.where(found, parent_pos, 0)
    # only the columns read are taken (the texts are the bulk of a row)
    reply = messages[["message_id", "channel", "account", "thread_id", "created_at", "is_public", "parent_id"]].iloc[rows]
    parent = messages[["is_official", "created_at", "author_id"]].iloc[safe]
    parent_official = np.where(found, parent["is_official"].to_numpy(), False)
    parent_created = parent["created_at"].reset_index(drop=True).where(found)
    latency = (reply["created_at"].reset_index(drop=True) - parent_created).dt.total_seconds().to_numpy()
    latency = np.where(found & ~parent_official, latency, np.nan)
    out = reply[["message_id", "channel", "account", "thread_id", "created_at", "is_public", "parent_id"]]
    out = out.reset_index(drop=True)
    out["parent_in_data"] = found
    out["parent_is_official"] = parent_official
    out["parent_author_id"] = pd.array(np.where(found, parent["author_id"].to_numpy(dtype=object), None), dtype="string")
    out["parent_created_at"] = pd.Series(parent_created, dtype="datetime64[ns, UTC]")
    out["latency_seconds"] = latency.astype(float)
    out["_pos"] = rows
    out["_parent_pos"] = parent_pos
    return out


def inbound(messages: pd.DataFrame, config: Config | str | None = None, *, official_replies: pd.DataFrame | None = None
            ) -> pd.DataFrame:
    """Every inbound message, whether it is a question, and its answer.

    Parameters
    ----------
    messages
        A validated message table.
    config
        For the official handles that mark a mention.
    official_replies
        :func:`replies` of the same table, when the caller already has it.

    Returns
    -------
    DataFrame
        One row per inbound message: ``message_id``, ``channel``, ``account``,
        ``thread_id``, ``author_id``, ``created_at``, ``is_public``, ``is_question``,
        ``answer_id``, ``answered_at``, ``answer_is_public`` (NA when unanswered). The
        answer follows the definition in the module docstring.
    """
    config = as_config(config)
    if not config.accounts:
        warnings.warn(NO_ACCOUNTS, UserWarning, stacklevel=2)
    m = messages.reset_index(drop=True)
    return _inbound(m, config, replies(m) if official_replies is None else official_replies, citizen_threads(m))[0]


def citizen_threads(m: pd.DataFrame) -> np.ndarray:
    """A number for each message's citizen thread (channel, thread, author), by row (:func:`_codes`)."""
    return _codes(m["channel"], m["thread_id"], m["author_id"])


def _inbound(m: pd.DataFrame, config: Config, rep: pd.DataFrame, group_of: np.ndarray,
             parents: np.ndarray | None = None) -> tuple[pd.DataFrame, np.ndarray]:
    """:func:`inbound` of ``m`` (a 0..n-1 index) and the row of each inbound message in ``m``, given the
    official replies, :func:`citizen_threads` and (when the caller has them) :func:`parent_positions`."""
    official = m["is_official"].to_numpy()
    # threads where the administration takes part
    thread_codes = _codes(m["channel"], m["thread_id"])
    has_official = np.zeros(thread_codes.max() + 1 if len(m) else 0, dtype=bool)
    has_official[thread_codes[official]] = True
    in_official_thread = has_official[thread_codes] if len(m) else np.zeros(0, dtype=bool)

    # a citizen's reply to another citizen's message is not addressed to the administration
    child_rows = np.flatnonzero(~official & m["parent_id"].notna().to_numpy())
    p = _parents(m, child_rows)["parent_pos"].to_numpy() if parents is None else parents[child_rows]
    to_other_citizen = np.zeros(len(m), dtype=bool)
    seen = p >= 0
    other = seen.copy()
    other[seen] = ~official[p[seen]] & _differ(m["author_id"], p[seen], child_rows[seen])
    to_other_citizen[child_rows[other]] = True

    addressed = (
        in_official_thread
        | m["channel"].isin(REQUEST_CHANNELS).to_numpy()
        | ~m["is_public"].to_numpy()
        | _mentions_official(m, config, among=~official).to_numpy()  # (an official message is never inbound)
    )
    is_inbound = ~official & addressed & ~to_other_citizen
    rows = np.flatnonzero(is_inbound)
    out = m[["message_id", "channel", "account", "thread_id", "author_id", "created_at", "is_public"]].iloc[rows]
    out = out.reset_index(drop=True)
    out["is_question"] = is_question(m["text"].iloc[rows], m["lang"].iloc[rows]).to_numpy()

    answer = _answers(m, rows, rep, group_of)
    out["answer_id"] = answer["answer_id"]
    out["answered_at"] = answer["answered_at"]
    out["answer_is_public"] = answer["answer_is_public"]
    return out, rows


def _first_listed(codes: np.ndarray, times: np.ndarray, values: np.ndarray, want_codes: np.ndarray,
                  want_times: np.ndarray) -> np.ndarray:
    """For each wanted ``(code, time)``, the value of the first listed row holding that pair, or -1
    (also where the wanted time is NaT): the left merge of the wanted pairs on the rows' first
    occurrences (``drop_duplicates(["code", "time"])``), from one stable sort of integer keys.

    ``codes`` are whole numbers from -1, ``times`` ``datetime64[ns]`` without NaT.
    """
    out = np.full(len(want_codes), -1, dtype=np.int64)
    if not len(codes) or not len(want_codes):
        return out
    distinct, rank = np.unique(times.view(np.int64), return_inverse=True)
    width, code, rank = len(distinct), codes.astype(np.int64) + 1, rank.reshape(-1)
    keys = code * width + rank
    order = stable_order(code, rank)  # listed order kept among equal pairs
    keys, values = keys[order], values[order]
    first = np.r_[True, keys[1:] != keys[:-1]]
    keys, values = keys[first], values[first]
    wanted = want_times.view(np.int64)
    at = np.minimum(np.searchsorted(distinct, wanted), width - 1)
    known = (want_times == want_times) & (distinct[at] == wanted)  # NaT is never a row's time
    want = (want_codes.astype(np.int64) + 1) * width + at
    hit = np.minimum(np.searchsorted(keys, want), len(keys) - 1)
    found = known & (keys[hit] == want)
    out[found] = values[hit[found]]
    return out


def _differ(column: pd.Series, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Whether the values of ``column`` at positions ``left`` and ``right`` differ, pair by pair,
    compared as Arrow text (no Python string per row); False where either is missing."""
    values = pa.array(column.array) if isinstance(column.dtype, pd.StringDtype) else pa.array(column.astype("string").array)
    differ = pc.not_equal(values.take(pa.array(left)), values.take(pa.array(right)))
    return pc.fill_null(differ, False).to_numpy(zero_copy_only=False).astype(bool)


def _answers(m: pd.DataFrame, inbound_rows: np.ndarray, rep: pd.DataFrame, group_of: np.ndarray) -> dict:
    """First official reply to each inbound message or to a later message of its author in its thread.

    For a (channel, thread, citizen) group, a reply to the citizen's message *p* answers
    every message of that citizen at or before *p*. Sorting the group's events by time,
    newest first, with each reply placed at its parent's time, a running minimum of
    reply times gives each message its first answer in one grouped pass.
    """
    usable = rep["parent_in_data"] & ~rep["parent_is_official"] & (rep["created_at"] >= rep["parent_created_at"])
    rep = rep[usable]
    n = len(inbound_rows)
    ns = "datetime64[ns]"

    events = pd.DataFrame({
        "code": np.concatenate([group_of[inbound_rows], group_of[rep["_parent_pos"].to_numpy()]]),
        # where the event sits on the citizen's time line
        "at": np.concatenate([m["created_at"].to_numpy(ns)[inbound_rows],
                              m["created_at"].to_numpy(ns)[rep["_parent_pos"].to_numpy()]]),
        "is_reply": np.r_[np.zeros(n, dtype=bool), np.ones(len(rep), dtype=bool)],
        "reply_at": np.concatenate([np.full(n, np.datetime64("NaT"), dtype=ns),
                                    rep["created_at"].dt.tz_convert(None).to_numpy(ns)]),
        "slot": np.r_[np.arange(n), np.full(len(rep), -1)],
        "reply_pos": np.r_[np.full(n, -1), rep["_pos"].to_numpy()],
    })
    # newest first; at equal times replies come first, so a reply to p answers p itself
    at = events["at"].to_numpy().view(np.int64)
    if events["at"].isna().any():  # (never for a validated table) pandas puts missing times last
        events = events.sort_values(["code", "at", "is_reply"], ascending=[True, False, False], kind="stable")
    else:  # the same stable order, from integer keys
        events = events.iloc[np.lexsort((~events["is_reply"].to_numpy(), -at, events["code"].to_numpy()))]
    # the running minimum skips the messages' own NaT, which then take the minimum so far
    running = events.groupby("code", sort=False)["reply_at"].cummin()
    events["first_reply"] = running.groupby(events["code"], sort=False).ffill()
    msgs = events[events["slot"] >= 0]
    msgs = msgs.iloc[np.argsort(msgs["slot"].to_numpy(), kind="stable")]
    first = msgs["first_reply"].to_numpy(ns)

    # which reply had that time (the earliest-listed one among equal times)
    is_reply = events["is_reply"].to_numpy()
    pos = _first_listed(events["code"].to_numpy()[is_reply], events["reply_at"].to_numpy(ns)[is_reply],
                        events["reply_pos"].to_numpy()[is_reply], msgs["code"].to_numpy(), first)
    answered = pos >= 0
    # the answers' columns taken where they are (-1: missing), no Python object per message
    return {
        "answer_id": pd.array(m["message_id"].array.take(pos, allow_fill=True), dtype="string"),
        "answered_at": pd.to_datetime(np.where(answered, first, np.datetime64("NaT")), utc=True),
        "answer_is_public": pd.arrays.BooleanArray(m["is_public"].to_numpy(dtype=bool)[np.where(answered, pos, 0)],
                                                   ~answered),
    }


class Threads:
    """Who answers whom in one message table, computed once and shared by every family.

    ``roi.indicators`` builds one (:func:`threads`) and hands it to each family's
    ``summarize(..., threads=...)``, so that the official replies and the inbound
    messages with their answers are found once per call, not once per family. Each table
    is computed on first use; the families read copies, never the shared frames.

    Attributes
    ----------
    messages
        The table the threads were built from (its index as given).
    config
        The configuration (official handles mark mentions).
    """

    def __init__(self, messages: pd.DataFrame, config: Config | str | None = None):
        self.messages = messages
        self.config = as_config(config)
        self._memo: dict[tuple, tuple[object, object]] = {}

    def memo(self, key: tuple, config: object, compute):
        """``compute()``, computed once per ``key`` and ``config`` (the same object) for this table.

        The families keep here their per-message tables, which do not depend on the grouping
        (``roi.speed.detail``, ``roi.empathy.score``, ...), so that a second call on the same
        table with another ``by`` (the report makes two) groups them again without
        finding them again. Callers get a shallow copy to work on (pandas copies on write).
        """
        entry = self._memo.get(key)
        if entry is None or entry[0] is not config:
            entry = self._memo[key] = (config, compute())
        value = entry[1]
        if isinstance(value, dict):
            return {k: v.copy(deep=False) for k, v in value.items()}
        return value.copy(deep=False)

    def forget(self, keys: set[tuple]) -> None:
        """Drop the per-message tables found under ``keys`` (their memory is freed once no caller holds them)."""
        for key in keys:
            self._memo.pop(key, None)

    def memo_keys(self) -> set[tuple]:
        """The keys of the per-message tables found so far (for :meth:`memo_since`)."""
        return set(self._memo)

    def memo_since(self, keys: set[tuple]) -> dict[tuple, object]:
        """The per-message tables found since :meth:`memo_keys` returned ``keys``, by key (what a
        child process of :func:`roi.parallel.run_parts` sends back)."""
        return {key: (config is self.config, value) for key, (config, value) in self._memo.items() if key not in keys}

    def adopt(self, tables: dict[tuple, object], config: object) -> None:
        """Keep the per-message tables another process found from this same table (:meth:`memo_since`
        there), as if :meth:`memo` had computed them here with ``config`` (the object the families
        were given) or this result's own configuration."""
        for key, (own, value) in tables.items():
            self._memo.setdefault(key, (self.config if own else config, value))

    def sharing(self, config: object) -> dict:
        """The ``collect`` and ``adopt`` of :func:`roi.parallel.run_parts` that bring the per-message
        tables a child finds from now on back to this result (:meth:`memo_since`, :meth:`adopt`)."""
        before = self.memo_keys()
        return {"collect": lambda: self.memo_since(before), "adopt": lambda tables: self.adopt(tables, config)}

    def prepare(self, workers: int | None = None, *, beside: dict[tuple, tuple[object, Callable]] | None = None,
                meanwhile: Callable[[], object] | None = None) -> Threads:
        """This result with every shared table found (replies, inbound messages, the official messages'
        languages), before the families read it from more than one process.

        The languages depend on nothing else found here: when :mod:`roi.parallel` allows
        (``workers``, default its own choice), a child guesses them while this process finds the
        replies and the inbound messages. The result is the same in either process.

        ``beside`` maps a :meth:`memo` key to ``(config, compute)``: per-message tables that read
        only :attr:`table` and :attr:`official_language`, found after the languages (in the
        child, beside the threads) and kept as if ``memo(key, config, lambda: compute(self))``
        had found them here (``roi.indicators`` passes the official messages' markers,
        :mod:`roi.official_texts`, which empathy and transparency read instead of matching in
        their own processes). ``meanwhile`` runs in this process after the threads, while the
        child may still work (``roi.indicators`` loads the compiled loops there and runs the
        speed family, which needs no language), on one core when the child works beside it.
        """
        from roi import parallel  # only needed to prepare

        def find(*names: str) -> None:
            for name in names:
                getattr(self, name)

        texts: dict[str, Callable] = {}
        if "official_language" not in self.__dict__:
            texts["official_language"] = lambda: self.official_language
        extra = {key: (config, compute) for key, (config, compute) in (beside or {}).items()
                 if self._memo.get(key, (None,))[0] is not config}  # not found yet for this config
        for number, (_, compute) in enumerate(extra.values()):
            texts[f"beside {number}"] = lambda compute=compute: compute(self)
        here: dict[str, Callable] = {"threads": lambda: find("table", "replies", "citizen_threads", "_inbound_and_rows")}
        if meanwhile is not None:  # on one core while a child works beside it (roi.parallel.run_parts)
            here["meanwhile"] = meanwhile
        parts = [here, texts]
        found = parallel.run_parts(parts, workers=workers)
        if "official_language" in found:  # found in a child: kept here, as if found here
            self.__dict__.setdefault("official_language", found["official_language"])
        for number, (key, (config, _)) in enumerate(extra.items()):
            self._memo[key] = (config, found[f"beside {number}"])
        return self

    @cached_property
    def table(self) -> pd.DataFrame:
        """The messages with a fresh 0..n-1 index (positions are row numbers)."""
        return self.messages.reset_index(drop=True)

    @cached_property
    def parent_positions(self) -> np.ndarray:
        """:func:`parent_positions` of the messages, by row (read by :attr:`replies` and :attr:`inbound`)."""
        return parent_positions(self.table)

    @cached_property
    def replies(self) -> pd.DataFrame:
        """:func:`replies` of the messages."""
        return replies(self.table, self.parent_positions)

    @cached_property
    def citizen_threads(self) -> np.ndarray:
        """:func:`citizen_threads` of the messages, by row."""
        return citizen_threads(self.table)

    @cached_property
    def _inbound_and_rows(self) -> tuple[pd.DataFrame, np.ndarray]:
        if not self.config.accounts:
            warnings.warn(NO_ACCOUNTS, UserWarning, stacklevel=3)
        return _inbound(self.table, self.config, self.replies, self.citizen_threads, self.parent_positions)

    @property
    def inbound(self) -> pd.DataFrame:
        """:func:`inbound` of the messages."""
        return self._inbound_and_rows[0]

    @property
    def inbound_rows(self) -> np.ndarray:
        """The row of each :attr:`inbound` message in :attr:`table`."""
        return self._inbound_and_rows[1]

    @cached_property
    def official_language(self) -> pd.api.extensions.ExtensionArray:
        """The language each official message is matched in (:func:`roi.text.language.resolve`: its
        ``lang``, else a guess, else the config's), by row, as Arrow text; missing for citizens'
        messages. Each text's language is its own, so the empathy (replies) and transparency (every
        official message) families read the same guess. ``official_language[rows]`` takes rows."""
        from roi.text.language import resolve  # the text package is not needed to find threads

        rows = np.flatnonzero(self.table["is_official"].to_numpy())
        official = self.table[["text", "lang"]].iloc[rows]
        found = resolve(official["text"].astype("string").fillna(""), official["lang"], self.config.language)
        at = np.full(len(self.table), -1, dtype=np.int64)
        at[rows] = np.arange(len(rows))
        return found.array.take(at, allow_fill=True)  # a few distinct codes: no Python string per message

    def check(self, messages: pd.DataFrame) -> Threads:
        """This result, after checking that it was built from ``messages`` (the same object)."""
        if messages is not self.messages:
            raise RoiError("the threads were built from another message table", field="threads",
                           fix="build them from the table you pass: roi.threads.threads(messages, config)")
        return self


def threads(messages: pd.DataFrame, config: Config | str | None = None) -> Threads:
    """One :class:`Threads` of ``messages``: replies and inbound messages, each found once, on first use.

    >>> t = threads(roi.load(paths, config).messages, config)  # doctest: +SKIP
    >>> roi.speed.summarize(t.messages, config=config, threads=t)  # doctest: +SKIP
    """
    return Threads(messages, config)
