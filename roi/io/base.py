"""What every reader returns, and the shared, vectorised step that turns a reader's
raw columns into the validated message table.

A reader's only job is to pull fields out of its format into a *raw frame* (one row per
record that holds a message, plus a ``record`` column with the 1-based record number)
and to list the records it could not read at all. :func:`build_result` does the rest
for every format alike: required fields, timestamps, duplicates, threads, who is
official, which account an exchange belongs to, dtypes and the count identity.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from roi.config import Config, normalise_handle
from roi.errors import RecordError, RoiError
from roi.io.text import REPLACEMENT
from roi.schema import REJECT_COLUMNS, coerce_messages, empty_rejects, empty_surveys, validate

__all__ = ["ERRORS_MODES", "ReadResult", "Rejects", "build_result", "parse_timestamps", "resolve_threads"]

ERRORS_MODES = ("collect", "raise")
#: Channels whose messages are private unless the export says otherwise (an e-mail is
#: seen only by its sender and the administration).
PRIVATE_CHANNELS = ("email",)
#: The account of an exchange with no official voice on a channel with no configured account.
UNASSIGNED = "unassigned"


@dataclass
class ReadResult:
    """What a reader returns.

    Attributes
    ----------
    messages
        The message table (see :mod:`roi.schema`).
    rejects
        One row per input record that did not become a message, with ``source``,
        ``record``, ``reason`` (a code), ``field``, ``detail`` and ``raw``. Dropped
        duplicates are listed here too, with reason ``duplicate``.
    counts
        ``records``, ``messages``, ``rejects``, ``duplicates``; always
        ``records == messages + rejects + duplicates``.
    format
        The format that was read (for ``format="auto"``, the one detected).
    path
        The file read.
    surveys
        Survey answers (only the survey reader fills it; then ``messages`` is empty
        and ``counts["messages"]`` counts answers).
    notes
        Things the user should know (encoding guessed, fields defaulted, ...).
    """

    messages: pd.DataFrame
    rejects: pd.DataFrame
    counts: dict[str, int]
    format: str
    path: str
    surveys: pd.DataFrame = field(default_factory=empty_surveys)
    notes: list[str] = field(default_factory=list)

    def __post_init__(self):
        c = self.counts
        if c["records"] != c["messages"] + c["rejects"] + c["duplicates"]:
            raise RoiError(
                f"internal count mismatch reading {self.path}: {c}",
                fix="please report this as a bug with the file's format",
            )

    def summary(self) -> str:
        """One line: ``file (format): N records = M messages + R rejects + D duplicates``."""
        c = self.counts
        return (
            f"{Path(self.path).name} ({self.format}): {c['records']} records = {c['messages']} messages"
            f" + {c['rejects']} rejects + {c['duplicates']} duplicates"
        )


class Rejects:
    """Collects records that cannot become messages, for a reader's own parsing step."""

    def __init__(self, path: str | Path):
        self.name = Path(path).name
        self.rows: list[dict] = []

    def add(self, record: int, reason: str, field: str | None, detail: str, raw) -> None:
        """List record number ``record`` (1-based) as rejected for ``reason``."""
        if not isinstance(raw, str):
            try:
                raw = json.dumps(raw, ensure_ascii=False, default=str)
            except (TypeError, ValueError):
                raw = repr(raw)
        self.rows.append(
            {"source": f"{self.name}:{record}", "record": record, "reason": reason,
             "field": field, "detail": detail, "raw": raw}
        )

    def __len__(self) -> int:
        return len(self.rows)

    def frame(self) -> pd.DataFrame:
        """The rejects as a DataFrame with the schema's reject columns."""
        if not self.rows:
            return empty_rejects()
        return pd.DataFrame(self.rows).astype(REJECT_COLUMNS)


_DAYFIRST_FORMATS = ("%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S", "%d/%m/%Y", "%d-%m-%Y %H:%M", "%d-%m-%Y %H:%M:%S",
                     "%d-%m-%Y", "%d.%m.%Y %H:%M", "%d/%m/%y %H:%M", "%d/%m/%y")
_MONTHFIRST_FORMATS = ("%m/%d/%Y %H:%M", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y", "%m/%d/%Y %I:%M %p", "%m/%d/%y %H:%M", "%m/%d/%y")


def _localize(values: pd.Series, timezone: str) -> pd.Series:
    """Read naive wall-clock times in ``timezone``, then convert to UTC.

    At the autumn DST change the hour from 02:00 to 03:00 happens twice; such a time is
    read as the first (summer-time) one. At the spring change the skipped hour cannot
    occur on a real clock; a time inside it is moved forward to 03:00.
    """
    summer = np.ones(len(values), dtype=bool)
    try:
        local = values.dt.tz_localize(timezone, ambiguous=summer, nonexistent="shift_forward")
    except (pd.errors.OutOfBoundsDatetime, OverflowError):  # next to the limits of nanosecond times
        local = values.dt.as_unit("us").dt.tz_localize(timezone, ambiguous=summer, nonexistent="shift_forward")
    return local.dt.tz_convert("UTC")


#: Messages are read from this time on (no export of a citizen-service channel holds anything earlier) ...
EARLIEST = pd.Timestamp("1990-01-01", tz="UTC")
#: ... until the time of reading plus this margin: a later time is a typo or a placeholder (2099-12-31).
LATEST_AHEAD = pd.Timedelta(days=1)
#: the times a ``datetime64[ns]`` column can hold (1677-09-21 to 2262-04-11)
_NS_RANGE = (pd.Timestamp.min.tz_localize("UTC"), pd.Timestamp.max.tz_localize("UTC"))


def _as_ns_utc(values: pd.Series) -> pd.Series:
    """Aware times as ``datetime64[ns, UTC]``; a time outside the nanosecond range becomes NaT.

    pandas parses ``0001-01-01`` or ``9999-12-31`` at a coarser resolution; such a date
    in an export is an error or a placeholder, and is reported as a bad timestamp.
    """
    values = values.dt.tz_convert("UTC")
    inside = (values >= _NS_RANGE[0]) & (values <= _NS_RANGE[1])
    return values.where(inside).astype("datetime64[ns, UTC]")


def parse_timestamps(
    raw: pd.Series,
    *,
    fmt: str | None = None,
    dayfirst: bool = False,
    timezone: str = "UTC",
) -> pd.Series:
    """Parse timestamps to ``datetime64[ns, UTC]``; unparseable values become NaT, and so do
    times outside the years 1677-2262 that the nanosecond type can hold.

    Values with an explicit offset (``Z``, ``+02:00``, ``+0000``) keep it; naive values
    are read in ``timezone`` (see :func:`_localize` for the two DST changes). ``fmt`` is a
    ``strptime`` format, ``"ISO8601"``, or None: then ISO 8601 values are read as such and
    the rest against the usual spreadsheet layouts, day first
    (``31/10/2026 14:05``, ``31-10-2026``, ``31/10/26``...) when ``dayfirst`` is true,
    month first otherwise. Each layout is one vectorised pass over the values still unread.
    """
    if pd.api.types.is_datetime64_any_dtype(raw):
        ts = raw
        if ts.dt.tz is None:
            ts = _localize(ts, timezone)
        return _as_ns_utc(ts)
    text = raw.astype("string").str.strip()
    present = text.notna() & (text != "")
    aware = text.str.contains(r"(?:Z|[+-]\d\d:?\d\d)$", regex=True, na=False)
    out = pd.Series(pd.NaT, index=raw.index, dtype="datetime64[ns, UTC]")
    if fmt is None:
        iso = text.str.match(r"^\d{4}-\d\d-\d\d", na=False)
        attempts = [(iso, "ISO8601")]
        attempts += [(~iso, f) for f in (_DAYFIRST_FORMATS if dayfirst else _MONTHFIRST_FORMATS)]
    else:
        attempts = [(present, fmt)]
    for group, format_ in attempts:
        for offset, mask in ((True, group & aware), (False, group & ~aware & present)):
            mask = mask & out.isna()
            if not mask.any():
                continue
            out[mask] = _as_ns_utc(_to_datetime(text[mask], bool(offset or "%z" in format_), format_, timezone))
    return out


def _to_datetime(text: pd.Series, utc: bool, format_: str, timezone: str) -> pd.Series:
    """``pd.to_datetime`` of one group of values (all with an offset, or all without), as
    aware times: values read without an offset are in ``timezone`` (see :func:`_localize`).

    pandas refuses a whole column that mixes values with and without an offset (it
    finds one in ``2026-10-31T10:00:00+02`` as in ``2026-11-02 10-1:30``): then each value
    is read alone, as the column would read it if it held that value only.
    """
    try:
        part = pd.to_datetime(text, errors="coerce", utc=utc, format=format_)
        return _localize(part, timezone) if part.dt.tz is None else part
    except (ValueError, TypeError, OverflowError):
        pass
    out = pd.Series(pd.NaT, index=text.index, dtype="datetime64[us, UTC]")
    for key, value in text.items():
        try:
            one = pd.to_datetime(pd.Series([value]), errors="coerce", utc=utc, format=format_)
            one = _localize(one, timezone) if one.dt.tz is None else one.dt.tz_convert("UTC")
        except (ValueError, TypeError, OverflowError):
            continue
        out[key] = one.iloc[0]
    return out


def resolve_threads(message_id: pd.Series, parent_id: pd.Series) -> pd.Series:
    """Root of each message's reply chain, by pointer jumping on integer codes.

    Ids and parents are factorised once; each step then doubles the distance every
    message has climbed (``up = up[up]``), so a chain of depth d takes log2(d) passes.
    The root is the highest ancestor reachable through ``parent_id``; when a parent is
    not in the data, the chain stops at that parent's id (the thread's root lies
    outside the export). A reply cycle (corrupt data: a answers b, b answers a) ends at
    the member of the cycle that appears first in the data.
    """
    n = len(message_id)
    both = pd.concat([message_id.astype("string"), parent_id.astype("string")], ignore_index=True)
    codes, uniques = pd.factorize(both, use_na_sentinel=True)
    id_codes, parent_codes = codes[:n], codes[n:]
    up = np.arange(len(uniques))
    linked = (parent_codes >= 0) & (id_codes >= 0)
    # when an id occurs twice, the first occurrence's parent counts
    first = np.zeros(n, dtype=bool)
    first[np.unique(id_codes, return_index=True)[1]] = True
    linked &= first
    up[id_codes[linked]] = parent_codes[linked]
    parent_of = up.copy()
    lowest = up.copy()  # the first-appearing node met so far on the way up (for cycles)
    np.minimum(lowest, np.arange(len(up)), out=lowest)
    for _ in range(max(1, int(np.ceil(np.log2(max(len(up), 2)))) + 1)):
        lowest = np.minimum(lowest, lowest[up])
        nxt = up[up]
        if np.array_equal(nxt, up):
            break
        up = nxt
    cyclic = parent_of[up] != up  # a true root is its own parent; doubling can park a cycle elsewhere
    root = np.where(cyclic, lowest, up)
    thread = np.where(id_codes >= 0, root[np.maximum(id_codes, 0)], -1)
    values = uniques.to_numpy(dtype=object)[np.maximum(thread, 0)]
    return pd.Series(np.where(thread >= 0, values, None), index=message_id.index, dtype="string")


def _first_official_author(thread: pd.Series, who: pd.Series, official: pd.Series, created: pd.Series) -> pd.Series:
    """For each message, the earliest official author in its thread (NA when none)."""
    codes, uniques = pd.factorize(thread)
    candidates = np.flatnonzero(official.to_numpy() & who.notna().to_numpy() & (codes >= 0))
    order = candidates[np.argsort(created.array.asi8[candidates], kind="stable")]
    threads_seen, first_at = np.unique(codes[order], return_index=True)
    author_of_thread = np.full(len(uniques) + 1, None, dtype=object)  # the last slot answers code -1
    author_of_thread[threads_seen] = who.to_numpy(dtype=object, na_value=None)[order[first_at]]
    return pd.Series(author_of_thread[codes], index=thread.index, dtype="string")


#: the largest like count read (2**53: above it a float no longer holds every integer)
MAX_COUNT = 2**53

#: raw-frame columns that hold True/False (or NA: derived from the config, or the default)
BOOLEAN_COLUMNS = ("is_official", "is_public", "is_hidden")


def _booleans(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """``values`` as a ``boolean`` Series, and the mask of values that are not True, False or missing.

    Readers write Python booleans (or None); a table read as it is (Parquet) may hold
    anything, e.g. the text ``"yes"`` or the number 2: such a value is NA in the first
    Series and flagged in the second, so that :func:`build_result` rejects its record.
    """
    try:
        return values.astype("boolean"), pd.Series(False, index=values.index)
    except (TypeError, ValueError):
        pass
    def kind(value):
        if isinstance(value, bool | np.bool_):
            return "bool"
        if isinstance(value, int | np.integer) and value in (0, 1):  # as astype("boolean") reads them
            return "bool"
        return "na" if _missing(value) else "bad"

    objects = values.astype(object)
    kinds = objects.map(kind)
    good = objects.where(kinds == "bool").map(lambda v: v if _missing(v) else bool(v))
    return good.astype("boolean"), kinds == "bad"


def _missing(value) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # a list or an array: not a missing scalar
        return False


def _normalised(values: pd.Series) -> pd.Series:
    """Handles compared the way :func:`roi.config.normalise_handle` writes them."""
    return values.astype("string").str.strip().str.lstrip("@").str.lower()


def _text_or_na(frame: pd.DataFrame, column: str) -> pd.Series:
    if column not in frame.columns:
        return pd.Series(pd.NA, index=frame.index, dtype="string")
    values = frame[column].astype("string").str.strip()
    return values.mask(values == "")


def _default_raw(frame: pd.DataFrame) -> Callable[[np.ndarray], list[str]]:
    def raw_of(positions):
        rows = frame.iloc[positions].drop(columns=["record"], errors="ignore")
        return [json.dumps(r, ensure_ascii=False, default=str) for r in rows.to_dict("records")]

    return raw_of


def build_result(
    raw: pd.DataFrame,
    *,
    path: str | Path,
    fmt: str,
    records: int,
    channel: str,
    config: Config | None = None,
    rejects: Rejects | None = None,
    timestamp_format: str | None = "ISO8601",
    dayfirst: bool = False,
    errors: str = "collect",
    raw_of: Callable[[np.ndarray], Sequence[str]] | None = None,
    notes: Sequence[str] = (),
) -> ReadResult:
    """Turn a reader's raw frame into a :class:`ReadResult`.

    Parameters
    ----------
    raw
        One row per candidate message. Required columns: ``record`` (1-based record
        number), ``message_id``, ``created_at``. Optional: ``text``, ``parent_id``,
        ``thread_id``, ``author_id``, ``author_name`` (a handle, matched against the
        config's accounts), ``is_official`` (True/False/NA; NA is derived from the
        config), ``account``, ``channel``, ``lang``, ``is_public``, ``is_hidden``,
        ``likes``, ``service_name`` (kept as the optional column of that name).
        Several rows may share a record number (a record that holds a thread); the
        count identity is then kept in messages, not records.
    records
        How many records the file held (rows here + rejects already listed).
    channel
        Channel of rows whose ``channel`` is missing.
    rejects
        Records the reader could not parse at all.
    errors
        ``"collect"`` lists bad records as rejects; ``"raise"`` raises a
        :class:`RecordError` for the first one.
    raw_of
        Returns the raw text of rows at given positions, for the rejects list.
    """
    if errors not in ERRORS_MODES:
        raise RoiError(f"errors={errors!r} is not allowed", field="errors", fix=f"use one of {ERRORS_MODES}")
    config = config or Config()
    path = Path(path)
    rejects = rejects or Rejects(path)
    name = path.name
    raw = raw.reset_index(drop=True)
    raw_of = raw_of or _default_raw(raw)
    n = len(raw)

    message_id = _text_or_na(raw, "message_id")
    created_raw = raw["created_at"] if "created_at" in raw.columns else pd.Series(pd.NA, index=raw.index)
    created_at = parse_timestamps(created_raw, fmt=timestamp_format, dayfirst=dayfirst, timezone=config.timezone)
    channel_col = (
        raw["channel"].astype("string").str.strip().str.lower().fillna(channel)
        if "channel" in raw.columns else pd.Series(channel, index=raw.index, dtype="string")
    )

    reason = pd.Series(pd.NA, index=raw.index, dtype="string")
    field_ = pd.Series(pd.NA, index=raw.index, dtype="string")
    detail = pd.Series(pd.NA, index=raw.index, dtype="string")

    def flag(mask, code, column, text):
        mask = mask & reason.isna()
        reason[mask] = code
        field_[mask] = column
        detail[mask] = text if isinstance(text, str) else text[mask]

    flag(message_id.isna(), "missing_field", "message_id", "the record has no message id")
    created_blank = _text_or_na(raw, "created_at").isna() if not pd.api.types.is_datetime64_any_dtype(created_raw) else created_raw.isna()
    flag(created_blank, "missing_field", "created_at", "the record has no timestamp")
    unparsed = created_at.isna() & reason.isna()
    if unparsed.any():
        shown = created_raw[unparsed].astype("string").fillna("").str.slice(0, 60)
        flag(unparsed, "bad_timestamp", "created_at", ("timestamp cannot be parsed: '" + shown + "'").reindex(raw.index))
    latest = pd.Timestamp.now(tz="UTC") + LATEST_AHEAD
    outside = created_at.notna() & ((created_at < EARLIEST) | (created_at > latest)) & reason.isna()
    if outside.any():
        shown = created_raw[outside].astype("string").fillna("").str.slice(0, 60)
        flag(outside, "bad_timestamp", "created_at",
             (f"timestamp outside {EARLIEST:%Y-%m-%d} .. {latest:%Y-%m-%d} (a placeholder or a typo?): '" + shown + "'")
             .reindex(raw.index))
    from roi.schema import CHANNELS  # local: keeps the import list of this module short

    flag(~channel_col.isin(CHANNELS), "bad_value", "channel",
         "unknown channel '" + channel_col.fillna("") + "'")
    if "text" in raw.columns and raw["text"].dtype == object:  # JSON readers pass a text that is not a string as is
        kinds = raw["text"].map(type)
        wrong = raw["text"].notna() & ~kinds.isin([str])
        flag(wrong, "bad_value", "text", "text must be a string, got " + kinds.map(lambda kind: kind.__name__))
    for column in [c for c in ("text", "author_id", "author_name", "message_id", "parent_id") if c in raw.columns]:
        values = raw[column].astype("string")
        bad = values.str.contains(REPLACEMENT, regex=False, na=False)
        flag(bad, "undecodable_bytes", column, "holds undecodable bytes (shown as U+FFFD) for the file's encoding")
    booleans = {}
    for column in [c for c in BOOLEAN_COLUMNS if c in raw.columns]:
        booleans[column], not_boolean = _booleans(raw[column])
        flag(not_boolean, "bad_value", column, f"{column} must be true or false")
    raw = raw.assign(**booleans)
    if "likes" in raw.columns:
        likes = pd.to_numeric(raw["likes"], errors="coerce").astype(float)
        # a count beyond 2**53 is not held exactly (nor is it a real count): a damaged value
        flag(raw["likes"].notna() & ~((likes >= 0) & (likes <= MAX_COUNT)), "bad_value", "likes",
             f"likes is not a number from 0 to {MAX_COUNT}")
    else:
        likes = pd.Series(np.nan, index=raw.index)

    # duplicates: the same id twice in one file (within its channel)
    ok = reason.isna()
    key = pd.DataFrame({"channel": channel_col, "message_id": message_id})
    dup = ok & key.where(ok).duplicated(keep="first") & message_id.notna()
    duplicate_mask = pd.Series(False, index=raw.index)
    if dup.any():
        compare = [c for c in ("created_at", "text", "author_id", "parent_id") if c in raw.columns]
        content = raw[compare].astype("string").fillna("\x00")
        signature = pd.util.hash_pandas_object(content, index=False)
        first_sig = (
            pd.DataFrame({"channel": channel_col, "message_id": message_id, "sig": signature})[ok & ~dup]
            .set_index(["channel", "message_id"])["sig"]
        )
        lookup = pd.MultiIndex.from_arrays([channel_col[dup], message_id[dup]])
        same = first_sig.reindex(lookup).to_numpy() == signature[dup].to_numpy()
        exact = pd.Series(False, index=raw.index)
        exact[dup[dup].index[same]] = True
        duplicate_mask = exact
        first_record = (
            pd.DataFrame({"channel": channel_col, "message_id": message_id, "record": raw["record"]})[ok & ~dup]
            .set_index(["channel", "message_id"])["record"]
        )
        conflict = dup & ~exact
        if conflict.any():
            firsts = first_record.reindex(pd.MultiIndex.from_arrays([channel_col[conflict], message_id[conflict]]))
            text = ("id '" + message_id[conflict] + "' was already used by record "
                    + pd.Series(firsts.to_numpy(), index=conflict[conflict].index).astype("string")
                    + " with different content")
            flag(conflict, "duplicate_id", "message_id", text.reindex(raw.index).fillna(""))

    bad = reason.notna()
    drop = bad | duplicate_mask
    if errors == "raise" and bad.any():
        i = int(np.flatnonzero(bad.to_numpy())[0])
        raise RecordError(f"{detail.iloc[i]} ({reason.iloc[i]})", file=path, record=int(raw["record"].iloc[i]),
                          field=field_.iloc[i], fix=_FIXES.get(reason.iloc[i], "correct or remove that record"))

    out_rejects = [rejects.frame()]
    for mask, codes, fields, details in (
        (bad, reason, field_, detail),
        (duplicate_mask, pd.Series("duplicate", index=raw.index, dtype="string"), pd.Series("message_id", index=raw.index, dtype="string"),
         "same id and content as an earlier record; kept once" + pd.Series("", index=raw.index, dtype="string")),
    ):
        if mask.any():
            positions = np.flatnonzero(mask.to_numpy())
            rec = raw["record"].to_numpy()[positions]
            out_rejects.append(pd.DataFrame({
                "source": [f"{name}:{r}" for r in rec],
                "record": rec,
                "reason": codes.to_numpy()[positions],
                "field": fields.to_numpy()[positions],
                "detail": details.to_numpy()[positions] if not isinstance(details, str) else details,
                "raw": list(raw_of(positions)),
            }).astype(REJECT_COLUMNS))
    reject_frame = pd.concat([f for f in out_rejects if len(f)], ignore_index=True) if any(len(f) for f in out_rejects) else empty_rejects()

    keep = ~drop
    msgs = _assemble(raw[keep], message_id[keep], created_at[keep], channel_col[keep], likes[keep], config, name)
    n_dups = int(duplicate_mask.sum())
    counts = {
        "records": int(records),
        "messages": len(msgs),
        "rejects": int(len(rejects) + bad.sum()),
        "duplicates": n_dups,
    }
    # a record holding several messages (e.g. a Facebook comment with replies) counts once
    extra = n - raw["record"].nunique() if n else 0
    if extra:
        counts["records"] += extra
    return ReadResult(messages=msgs, rejects=reject_frame, counts=counts, format=fmt, path=str(path),
                      notes=list(notes))


def _source(raw: pd.DataFrame, name: str) -> pd.Series:
    """``file:record``; a table that already carries provenance (Parquet) keeps it."""
    own = name + ":" + raw["record"].astype("string")
    if "source" in raw.columns:
        return _text_or_na(raw, "source").fillna(own)
    return own


_FIXES = {
    "missing_field": "fill in the field or map the right column in the config",
    "bad_timestamp": "write timestamps as ISO 8601 (2026-10-31T14:05:00+01:00) or day-first (31/10/2026 14:05)",
    "duplicate_id": "each message needs its own id; remove the repeated record or fix its id",
    "undecodable_bytes": "re-export the file as UTF-8, or set the right encoding in the config",
    "bad_value": "correct the value",
}


def _assemble(raw, message_id, created_at, channel, likes, config, name) -> pd.DataFrame:
    idx = raw.index
    parent = _text_or_na(raw, "parent_id")
    parent = parent.mask(parent == message_id)
    thread = _text_or_na(raw, "thread_id")
    if thread.isna().any():
        roots = resolve_threads(message_id, parent)
        thread = thread.fillna(roots)
    author_id = _text_or_na(raw, "author_id")
    author_name = _text_or_na(raw, "author_name")
    official = (
        raw["is_official"].astype("boolean") if "is_official" in raw.columns
        else pd.Series(pd.NA, index=idx, dtype="boolean")
    )
    # the configured account each author matches, as the config writes it (None when none)
    configured = pd.Series(pd.NA, index=idx, dtype="string")
    for ch in channel.unique():
        on = channel == ch
        # the first spelling of a handle wins (a Config built in Python may list one twice)
        spelling = {normalise_handle(h): config.account_name(str(ch), h)
                    for h in reversed(config.accounts.get(str(ch), ()))}
        if spelling:
            by_id = _normalised(author_id[on]).map(spelling)
            by_name = _normalised(author_name[on]).map(spelling)
            configured[on] = by_id.fillna(by_name).astype("string")
    official = official.fillna(configured.notna()).astype(bool)

    account = _text_or_na(raw, "account")
    for ch in channel.unique():  # an account given by the export under one of its handles: its name
        names = config.account_names.get(str(ch))
        if names:
            on = (channel == ch) & account.notna()
            account[on] = _normalised(account[on]).map(names).fillna(account[on]).astype("string")
    if account.isna().any():
        who = configured.fillna(author_name).fillna(author_id)
        # an official message belongs to its own account; a citizen's, to the first official voice in its thread
        account = account.fillna(who.where(official))
        account = account.fillna(_first_official_author(thread, who, official, created_at))
        defaults = channel.map({ch: config.default_account(str(ch)) for ch in channel.unique()}).astype("string")
        account = account.fillna(defaults)
        # never a citizen's handle: with no official voice and no configured account, say so
        account = account.fillna(UNASSIGNED)
    lang = _text_or_na(raw, "lang").str.lower().str.slice(0, 2)
    lang = lang.mask(lang.isin(["un", "zx", "qm", "qc", "qh", "qs", "qt", "xx"]))  # und, zxx, X's q* codes

    def flag_column(column, default):
        if not isinstance(default, pd.Series):
            default = pd.Series(default, index=idx)
        if column not in raw.columns:
            return default.astype(bool)
        return raw[column].astype("boolean").fillna(default).astype(bool)

    frame = pd.DataFrame({
        "message_id": message_id,
        "channel": channel,
        "account": account,
        "thread_id": thread,
        "parent_id": parent,
        "author_id": author_id.fillna(author_name).fillna("unknown"),
        "is_official": official,
        "created_at": created_at,
        "text": raw["text"].astype("string").fillna("") if "text" in raw.columns else "",
        "lang": lang,
        "is_public": flag_column("is_public", ~channel.isin(PRIVATE_CHANNELS)),
        "is_hidden": flag_column("is_hidden", False),
        "likes": pd.array(likes.round().astype("Float64"), dtype="Float64").astype("Int64"),
        "source": _source(raw, name),
    }, index=idx)
    if "service_name" in raw.columns:  # an optional column (roi.schema.OPTIONAL_COLUMNS): Open311's service
        frame["service_name"] = _text_or_na(raw, "service_name").str.strip().replace("", pd.NA)
    return validate(coerce_messages(frame))
