"""The message table: the contract between readers and indicators.

One row per message, whatever the channel (see ``docs/schema.md``). Readers build it,
:func:`validate` checks it once at the boundary, and indicator modules trust it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from roi.errors import SchemaError

__all__ = [
    "CHANNELS",
    "MESSAGE_COLUMNS",
    "NULLABLE_COLUMNS",
    "OPTIONAL_COLUMNS",
    "REJECT_COLUMNS",
    "SURVEY_COLUMNS",
    "SURVEY_SCALES",
    "coerce_messages",
    "composed",
    "contiguous",
    "empty_messages",
    "empty_rejects",
    "empty_surveys",
    "holds_combining_marks",
    "validate",
    "validate_surveys",
    "value_bytes",
]

#: Channels a message can come from, in the order the categorical keeps them.
CHANNELS = (
    "twitter",
    "facebook",
    "instagram",
    "mastodon",
    "bluesky",
    "open311",
    "email",
    "web",
    "other",
)

#: Column name -> pandas dtype of the message table.
MESSAGE_COLUMNS: dict[str, object] = {
    "message_id": "string",
    "channel": pd.CategoricalDtype(list(CHANNELS)),
    "account": "string",
    "thread_id": "string",
    "parent_id": "string",
    "author_id": "string",
    "is_official": "bool",
    "created_at": "datetime64[ns, UTC]",
    "text": "string",
    "lang": "string",
    "is_public": "bool",
    "is_hidden": "bool",
    "likes": "Int64",
    "source": "string",
}

#: Columns that may hold missing values; every other column must be complete.
NULLABLE_COLUMNS = frozenset({"parent_id", "lang", "likes"})

#: Columns a reader may add when its format carries them (missing values allowed):
#: ``service_name``, the Open311 service a request was filed under (``[topics.service_names]``
#: maps it to a topic, :func:`roi.topics.assign`).
OPTIONAL_COLUMNS: dict[str, object] = {"service_name": "string"}

#: Survey answers: a second, small table.
SURVEY_COLUMNS: dict[str, object] = {
    "survey_id": "string",
    "thread_id": "string",
    "message_id": "string",
    "channel": pd.CategoricalDtype(list(CHANNELS)),
    "account": "string",
    "answered_at": "datetime64[ns, UTC]",
    "score": "Float64",
    "scale": pd.CategoricalDtype(["csat5", "nps10", "good_bad"]),
    "source": "string",
}
SURVEY_NULLABLE = frozenset({"thread_id", "message_id", "channel", "account"})

#: Valid score range per survey scale (inclusive).
SURVEY_SCALES = {"csat5": (1, 5), "nps10": (0, 10), "good_bad": (0, 1)}

#: One row per input record that could not become a message (or was a duplicate).
REJECT_COLUMNS: dict[str, object] = {
    "source": "string",
    "record": "Int64",
    "reason": "string",
    "field": "string",
    "detail": "string",
    "raw": "string",
}


def _empty(columns: dict[str, object]) -> pd.DataFrame:
    return pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in columns.items()})


def empty_messages() -> pd.DataFrame:
    """Return an empty message table with the schema's columns and dtypes."""
    return _empty(MESSAGE_COLUMNS)


def empty_surveys() -> pd.DataFrame:
    """Return an empty survey table with the schema's columns and dtypes."""
    return _empty(SURVEY_COLUMNS)


def empty_rejects() -> pd.DataFrame:
    """Return an empty rejects table."""
    return _empty(REJECT_COLUMNS)


def coerce_messages(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of ``frame`` with exactly the schema's columns, cast to its dtypes.

    Columns missing from ``frame`` are an error; the :data:`OPTIONAL_COLUMNS` it has are
    kept, after the others; other columns are dropped.
    """
    missing = [c for c in MESSAGE_COLUMNS if c not in frame.columns]
    if missing:
        raise SchemaError([f"missing column {c!r}" for c in missing])
    out = {}
    for name, dtype in {**MESSAGE_COLUMNS, **{k: v for k, v in OPTIONAL_COLUMNS.items() if k in frame.columns}}.items():
        out[name] = frame[name].astype(dtype).reset_index(drop=True)
    out["text"] = composed(out["text"])
    return pd.DataFrame(out, index=pd.RangeIndex(len(frame)))


#: Combining diacritical marks (U+0300 to U+036F): accents written after their letter (Unicode NFD), as
#: some systems export them. Their UTF-8 lead bytes (0xCC, 0xCD) appear in no other character.
_COMBINING_LEAD = (b"\xcc", b"\xcd")
#: Bytes searched at a time for them (a copy this size, searched at memory speed).
_SLICE = 1 << 23


def _holds_combining(data: pa.Buffer) -> bool:
    """Whether the UTF-8 bytes ``data`` hold a combining diacritical mark's lead byte."""
    for begin in range(0, data.size, _SLICE):
        part = data.slice(begin, min(_SLICE, data.size - begin)).to_pybytes()
        if any(part.find(lead) >= 0 for lead in _COMBINING_LEAD):
            return True
    return False


def composed(text: pd.Series) -> pd.Series:
    """``text`` with every value that holds a combining diacritical mark (U+0300 to U+036F) in Unicode NFC.

    ``tra\u0301mites`` (``a`` then a combining acute accent) becomes ``trámites`` (one
    character), the same text to a reader and the spelling every lexicon, model and
    topic cue reads: written decomposed, the accent would cut the word in two. Values
    without such a mark are kept as they are; the bytes are searched first, so a table
    without any is not read value by value.
    """
    array = getattr(text.array, "_pa_array", None)  # Arrow-backed text: its own chunks, no copy
    if not isinstance(array, pa.ChunkedArray):
        array = pa.chunked_array([pa.array(text.array, type=pa.large_string())])
    if not holds_combining_marks(array):
        return text
    marked = pc.fill_null(pc.match_substring_regex(array, "[\u0300-\u036f]"), False).to_numpy(zero_copy_only=False)
    if not marked.any():
        return text
    out = text.copy()
    values = pc.utf8_normalize(array.filter(pa.array(marked)), "NFC")
    out.iloc[marked.nonzero()[0]] = values.to_pylist()
    return out


def holds_combining_marks(texts: pa.Array | pa.ChunkedArray) -> bool:
    """Whether a string array may hold a combining diacritical mark (U+0300 to U+036F): its values' bytes
    hold a lead byte of one (also true for Greek U+0370 to U+037F, which composing leaves alone)."""
    chunks = texts.chunks if isinstance(texts, pa.ChunkedArray) else [texts]
    return any(_holds_combining(value_bytes(chunk)) for chunk in chunks)


def value_bytes(chunk: pa.Array) -> pa.Buffer:
    """The UTF-8 bytes of a string array's values, in place (a slice of a larger array: only its own
    values' bytes; an empty buffer without data)."""
    _, offsets, data = chunk.buffers()
    if data is None or not len(chunk):
        return pa.py_buffer(b"")
    width = "<i8" if pa.types.is_large_string(chunk.type) else "<i4"
    bounds = np.frombuffer(offsets, dtype=width)[[chunk.offset, chunk.offset + len(chunk)]]
    return data.slice(int(bounds[0]), int(bounds[1] - bounds[0]))


def _check_columns(frame, columns, nullable, problems, optional=None):
    optional = {k: v for k, v in (optional or {}).items() if k in frame.columns}
    columns = {**columns, **optional}
    nullable = nullable | set(optional)
    for name, dtype in columns.items():
        if name not in frame.columns:
            problems.append(f"missing column {name!r} (expected dtype {dtype})")
            continue
        col = frame[name]
        expected = pd.api.types.pandas_dtype(dtype)
        if col.dtype != expected:
            problems.append(f"column {name!r} has dtype {col.dtype}, expected {expected}")
        if name not in nullable:
            n_null = int(col.isna().sum())
            if n_null:
                first = col.index[col.isna()][0]
                problems.append(f"column {name!r} has {n_null} missing value(s) (first at row {first})")
    extra = [c for c in frame.columns if c not in columns]
    if extra:
        problems.append(f"unexpected column(s) {extra}")


def contiguous(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with every Arrow-backed column in one chunk (the same values and dtypes).

    Arrow joins the chunks of a text column before it takes rows from it: on a table read in
    chunks (Parquet) or stacked from several files, every row selection of a family would
    first copy the whole column (90 MiB for the text of a million messages). Joined once here,
    each selection copies only the rows it takes.
    """
    columns = {}
    for name in frame.columns:
        array = frame[name].array
        data = getattr(array, "_pa_array", None)
        if isinstance(data, pa.ChunkedArray) and data.num_chunks > 1:
            joined = type(array)(pa.chunked_array([data.combine_chunks()]))
            columns[name] = pd.Series(joined, index=frame.index, name=name).astype(frame[name].dtype)
    if not columns:
        return frame
    return frame.assign(**columns)


def validate(messages: pd.DataFrame) -> pd.DataFrame:
    """Check a message table against the schema, listing every problem in one pass.

    Checks: every column present with its dtype (an :data:`OPTIONAL_COLUMNS` column may
    be absent; when present, it has its dtype); no missing values outside
    ``parent_id``, ``lang``, ``likes`` and the optional columns; ``channel`` within :data:`CHANNELS`;
    ``message_id`` unique within ``(channel, account)``; ``likes`` not negative.

    Returns
    -------
    DataFrame
        ``messages`` itself, unchanged, so that calls can be chained.

    Raises
    ------
    SchemaError
        With ``problems``, one string per failed check.
    """
    if not isinstance(messages, pd.DataFrame):
        raise SchemaError([f"expected a pandas DataFrame, got {type(messages).__name__}"])
    problems: list[str] = []
    _check_columns(messages, MESSAGE_COLUMNS, NULLABLE_COLUMNS, problems, OPTIONAL_COLUMNS)
    if {"channel", "account", "message_id"} <= set(messages.columns):
        channel = messages["channel"].astype("string")
        unknown = channel.notna() & ~channel.isin(CHANNELS)
        if unknown.any():
            problems.append(
                f"column 'channel' has {int(unknown.sum())} value(s) outside {list(CHANNELS)}"
                f" (first {channel[unknown].iloc[0]!r})"
            )
        dup = messages.duplicated(["channel", "account", "message_id"], keep="first")
        if dup.any():
            first = messages.loc[dup, "message_id"].iloc[0]
            problems.append(
                f"{int(dup.sum())} duplicate message_id(s) within (channel, account) (first {first!r})"
            )
    if "likes" in messages.columns and pd.api.types.is_numeric_dtype(messages["likes"]):
        negative = messages["likes"].fillna(0) < 0
        if negative.any():
            problems.append(f"column 'likes' has {int(negative.sum())} negative value(s)")
    if problems:
        raise SchemaError(problems, fix="build the table with a roi reader or roi.schema.coerce_messages")
    return messages


def validate_surveys(surveys: pd.DataFrame) -> pd.DataFrame:
    """Check a survey table: columns, dtypes, and every score within its scale's range.

    Ranges: csat5 1-5, nps10 0-10, good_bad 0 (bad) or 1 (good).
    """
    problems: list[str] = []
    _check_columns(surveys, SURVEY_COLUMNS, SURVEY_NULLABLE, problems)
    if {"score", "scale"} <= set(surveys.columns):
        for scale, (low, high) in SURVEY_SCALES.items():
            rows = surveys["scale"] == scale
            bad = rows & ((surveys["score"] < low) | (surveys["score"] > high))
            if bad.any():
                problems.append(f"{int(bad.sum())} {scale} score(s) outside {low}-{high}")
    if problems:
        raise SchemaError(problems)
    return surveys
