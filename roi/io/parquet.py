"""Reader for the message table saved as Parquet (``roi ingest --out messages.parquet``).

The file must hold the message-table columns; it goes through the same checks as every
other format (timestamps, duplicates, dtypes), and ``source`` keeps the provenance that
the original reader recorded.

A *canonical* file (every column of the schema with its Arrow type, nothing a reader
would change or reject: :func:`canonical`) is taken as it is: its checks run on the
Arrow columns (types, nulls, the distinct values of short columns, duplicate ids) and
the table goes to pandas in one conversion. Any other file, or a canonical-looking one
with a single record a reader would change, goes through the record-by-record checks
of :func:`roi.io.base.build_result`; both paths give the same messages.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from roi.config import Config
from roi.errors import MissingColumnError, ParseError
from roi.io.base import MAX_COUNT, ReadResult, build_result
from roi.io.text import REPLACEMENT, read_bytes
from roi.re2 import SPACE
from roi.schema import CHANNELS, MESSAGE_COLUMNS, NULLABLE_COLUMNS, OPTIONAL_COLUMNS, empty_rejects, validate

FORMAT = "parquet"
DESCRIPTION = "the roi message table as Parquet (a round trip of roi ingest --out)"
MAGIC = b"PAR1"


def sniff(head: str, path: Path, config: Config | None = None) -> bool:
    """True for files that start with the Parquet magic bytes."""
    return head.startswith("PAR1")


def _check_columns(table: pa.Table, path: Path) -> None:
    """Raise :class:`ParseError` naming the first column whose values are damaged
    (e.g. text that is not UTF-8, which Parquet does not check on reading)."""
    for name, column in zip(table.column_names, table.columns, strict=True):
        try:
            column.validate(full=True)
        except pa.ArrowInvalid as exc:
            raise ParseError(f"column {name!r} holds damaged values ({exc})", file=path, field=name,
                             fix="write the file again with roi ingest --out") from None


#: Columns a reader strips and empties to missing (``_text_or_na``): a canonical file has none to change.
_STRIPPED = ("message_id", "account", "thread_id", "parent_id", "author_id", "source")
#: Columns a reader checks for undecodable bytes.
_DECODED = ("text", "author_id", "message_id", "parent_id")
#: Language codes a reader reads as "no language".
_NO_LANGUAGE = frozenset({"un", "zx", "qm", "qc", "qh", "qs", "qt", "xx"})


def _strings(column: pa.ChunkedArray) -> bool:
    return pa.types.is_string(column.type) or pa.types.is_large_string(column.type)


#: An empty value, or white space at either end (as ``str.strip`` sees it).
_NOT_TEXT_AT_EDGES = f"^$|^{SPACE}|{SPACE}$"


def _edges_are_text(column: pa.ChunkedArray) -> bool:
    """No empty value, and no value that begins or ends with white space (as ``str.strip`` sees it).

    One Arrow pass: an empty value or white space (:data:`roi.re2.SPACE`) at either end.
    """
    return not pc.any(pc.match_substring_regex(column, _NOT_TEXT_AT_EDGES)).as_py()


def canonical(table: pa.Table, config: Config | None = None) -> pd.DataFrame | None:
    """The message table of ``table`` when the file is canonical, else None.

    Canonical: every schema column with its type (strings, booleans, ``timestamp[ns, UTC]``,
    an integer ``likes``, ``channel`` as strings or a dictionary of them); no missing value
    outside ``parent_id``, ``lang`` and ``likes``; nothing :func:`roi.io.base.build_result`
    would strip, empty, reject or rewrite (white space at an edge, an empty id, U+FFFD,
    an unknown channel, a message that is its own parent, a language code not written as
    two lower-case letters, a ``likes`` outside 0..2**53, the same id twice in a channel).
    The config's account names (``[[name, id, ...]]``) are applied as the reader applies
    them. All checks are Arrow kernels or run on distinct values; the result meets
    :func:`roi.schema.validate` (its dtypes are the schema's by construction).
    """
    names = set(table.column_names)
    if not set(MESSAGE_COLUMNS) <= names:
        return None
    optional = [name for name in OPTIONAL_COLUMNS if name in names]  # kept, as the readers keep them
    if not all(_strings(table.column(name)) and _edges_are_text(table.column(name)) for name in optional):
        return None  # a reader strips them and reads an empty one as missing
    table = table.select([*MESSAGE_COLUMNS, *optional])
    col = {name: table.column(name) for name in MESSAGE_COLUMNS}
    for name, dtype in MESSAGE_COLUMNS.items():
        kind = col[name].type
        if name == "channel":
            ok = _strings(col[name]) or (pa.types.is_dictionary(kind) and (pa.types.is_string(kind.value_type)
                                                                             or pa.types.is_large_string(kind.value_type)))
        elif dtype == "string":
            ok = _strings(col[name])
        elif dtype == "bool":
            ok = pa.types.is_boolean(kind)
        elif name == "created_at":
            ok = pa.types.is_timestamp(kind) and kind.unit == "ns" and kind.tz in ("UTC", "+00:00", "Etc/UTC")
        else:  # likes
            ok = pa.types.is_integer(kind)
        if not ok or (name not in NULLABLE_COLUMNS and col[name].null_count):
            return None
    if not all(_edges_are_text(col[name]) for name in _STRIPPED):
        return None
    if any(pc.any(pc.match_substring(col[name], REPLACEMENT)).as_py() for name in _DECODED):
        return None
    if pc.any(pc.equal(col["parent_id"], col["message_id"])).as_py():
        return None
    channels = pc.unique(col["channel"].cast(pa.string()) if not _strings(col["channel"]) else col["channel"])
    if not set(channels.to_pylist()) <= set(CHANNELS):
        return None
    langs = [v for v in pc.unique(col["lang"]).to_pylist() if v is not None]
    if any(v != v.lower()[:2] or v in _NO_LANGUAGE for v in langs):
        return None
    likes = col["likes"].drop_null()
    if len(likes) and (pc.min(likes).as_py() < 0 or pc.max(likes).as_py() > MAX_COUNT):
        return None
    frame = table.to_pandas(types_mapper={pa.string(): pd.StringDtype(), pa.large_string(): pd.StringDtype(),
                                          pa.int64(): pd.Int64Dtype()}.get, self_destruct=True)
    frame = pd.DataFrame({name: frame[name].astype(dtype)
                          for name, dtype in {**MESSAGE_COLUMNS, **OPTIONAL_COLUMNS}.items() if name in frame})
    if config is not None and config.account_names:
        frame["account"] = _named(frame["channel"], frame["account"], config)
    # ids unique in the file are unique within every channel and account: one check then stands for
    # the reader's (channel) and the schema's (channel, account) checks, which run only otherwise
    if not frame["message_id"].duplicated().any():
        return frame
    if frame.duplicated(["channel", "message_id"]).any():  # the reader keeps one of each, or rejects
        return None
    return validate(frame)


def _named(channel: pd.Series, account: pd.Series, config: Config) -> pd.Series:
    """Each account value as the config names it (a handle of a ``[[name, id, ...]]`` item -> its name),
    worked out once per distinct (channel, account)."""
    pairs = pd.DataFrame({"channel": channel.astype("string"), "account": account})
    codes = pairs.groupby(["channel", "account"], sort=False, dropna=False).ngroup().to_numpy()
    distinct = pairs.drop_duplicates().reset_index(drop=True)  # in order of first appearance, as ngroup numbers them
    named = distinct["account"].copy()
    for ch, names in config.account_names.items():
        on = (distinct["channel"] == ch).to_numpy(dtype=bool)
        if names and on.any():
            handles = named[on].str.strip().str.lstrip("@").str.lower()
            named[on] = handles.map(names).fillna(named[on]).astype("string")
    return pd.Series(named.to_numpy()[codes], index=account.index, dtype="string")


def read(path, config: Config | None = None, *, errors: str = "collect") -> ReadResult:
    """Read a Parquet message table."""
    path = Path(path)
    data = read_bytes(path)
    if not (data.startswith(MAGIC) and data.endswith(MAGIC)):
        raise ParseError("not a complete Parquet file (magic bytes missing; truncated?)", file=path,
                         fix="write the file again with roi ingest --out")
    notes = []
    try:
        table = pq.read_table(pa.BufferReader(data))
        _check_columns(table, path)
        messages = canonical(table, config)
        if messages is not None:
            n = len(messages)
            return ReadResult(messages=messages, rejects=empty_rejects(), format=FORMAT, path=str(path), notes=notes,
                              counts={"records": n, "messages": n, "rejects": 0, "duplicates": 0})
        try:
            frame = table.to_pandas()
        except (KeyError, IndexError, ValueError, TypeError, pa.ArrowException):
            # the pandas metadata stored in the file (dtypes, index) is damaged: the columns
            # themselves are still readable, and build_result checks their values
            frame = table.to_pandas(ignore_metadata=True)
            notes.append(f"{path.name}: its pandas metadata is damaged and was ignored; columns read as stored")
    except (pa.ArrowException, OSError, KeyError, IndexError, ValueError, TypeError) as exc:
        raise ParseError(f"cannot be read as Parquet: {exc}", file=path, fix="write the file again") from None
    missing = [c for c in ("message_id", "created_at") if c not in table.column_names]
    if missing:
        raise MissingColumnError(
            f"missing column(s) {missing}; has {table.column_names}", file=path, field=missing[0],
            fix=f"a roi Parquet table has the columns {list(MESSAGE_COLUMNS)}",
        )
    frame = frame[[c for c in frame.columns if c in MESSAGE_COLUMNS or c in OPTIONAL_COLUMNS]]  # others are not read
    frame.insert(0, "record", range(1, len(frame) + 1))
    return build_result(frame, path=path, fmt=FORMAT, records=len(frame), channel="other", config=config,
                        errors=errors, notes=notes)
