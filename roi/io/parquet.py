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

import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from roi.config import Config
from roi.errors import MissingColumnError, ParseError
from roi.io.base import MAX_COUNT, ReadResult, build_result
from roi.io.text import REPLACEMENT, read_bytes
from roi.re2 import SPACE_CHARACTERS
from roi.schema import (
    CHANNELS,
    MESSAGE_COLUMNS,
    NULLABLE_COLUMNS,
    OPTIONAL_COLUMNS,
    composed,
    contiguous,
    empty_rejects,
    validate,
)

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


def _byte_table(bytes_of) -> np.ndarray:
    table = np.zeros(256, dtype=bool)
    table[[bytes_of(ch.encode()) for ch in SPACE_CHARACTERS]] = True
    return table


#: Bytes that begin a white-space character in UTF-8, and bytes that end one.
_SPACE_FIRST_BYTE = _byte_table(lambda code: code[0])
_SPACE_LAST_BYTE = _byte_table(lambda code: code[-1])


def _offsets_and_data(chunk: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """The ``len(chunk) + 1`` value offsets of a string chunk and its UTF-8 bytes, without copies."""
    _, offsets, data = chunk.buffers()
    width = np.int64 if pa.types.is_large_string(chunk.type) else np.int32
    offsets = np.frombuffer(offsets, dtype=width)[chunk.offset:chunk.offset + len(chunk) + 1]
    return offsets, (np.frombuffer(data, dtype=np.uint8) if data is not None else np.zeros(0, dtype=np.uint8))


def _edges_are_text(column: pa.ChunkedArray) -> bool:
    """No empty value, and no value that begins or ends with white space (as ``str.strip`` sees it).

    Read from the Arrow buffers: every value's length, first byte and last byte. A value
    whose first byte begins a white-space character, or whose last byte ends one
    (:data:`roi.re2.SPACE_CHARACTERS` in UTF-8), is then checked with ``str.strip``,
    once per distinct such value; missing values are not looked at.
    """
    for chunk in column.chunks:
        offsets, data = _offsets_and_data(chunk)
        starts, ends = offsets[:-1], offsets[1:]
        present = chunk.is_valid().to_numpy(zero_copy_only=False) if chunk.null_count else None
        if present is not None:
            starts, ends = starts[present], ends[present]
        if (ends <= starts).any():
            return False
        suspect = _SPACE_FIRST_BYTE[data[starts]] | _SPACE_LAST_BYTE[data[ends - 1]]
        if suspect.any():
            rows = np.flatnonzero(suspect) if present is None else np.flatnonzero(present)[suspect]
            if any(value != value.strip() for value in pc.unique(chunk.take(rows)).to_pylist()):
                return False
    return True


def _holds(column: pa.ChunkedArray, character: str) -> bool:
    """True if a value of ``column`` holds ``character``.

    Its UTF-8 bytes are first looked for in the bytes of each chunk's values (one search of
    the buffer, in place); only a chunk whose bytes hold them is searched value by value
    with Arrow (a match across two values is not one).
    """
    code = re.compile(re.escape(character.encode()))
    for chunk in column.chunks:
        offsets, data = _offsets_and_data(chunk)
        data = data[offsets[0]:offsets[-1]]  # the bytes of this chunk's values (a buffer can be much larger)
        # a search of the bytes where they are: no copy, no array as long as the text
        if code.search(memoryview(data)) and pc.any(pc.match_substring(chunk, character)).as_py():
            return True
    return False


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
    :func:`read` runs the same checks, with the slowest (distinct ids) on a second thread.
    """
    if not _is_canonical(table):
        return None
    return _messages(table, config, ids_unique=_distinct(table, "message_id") == len(table))


def _distinct(table: pa.Table, name: str) -> int:
    """The number of distinct values of column ``name`` (0 if it is missing)."""
    return len(pc.unique(table.column(name))) if name in table.column_names else 0


def _is_canonical(table: pa.Table) -> bool:
    """The checks of :func:`canonical` on types and values, all Arrow kernels or distinct values."""
    names = set(table.column_names)
    if not set(MESSAGE_COLUMNS) <= names:
        return False
    optional = [name for name in OPTIONAL_COLUMNS if name in names]  # kept, as the readers keep them
    if not all(_strings(table.column(name)) and _edges_are_text(table.column(name)) for name in optional):
        return False  # a reader strips them and reads an empty one as missing
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
            return False
    if not all(_edges_are_text(col[name]) for name in _STRIPPED):
        return False
    if any(_holds(col[name], REPLACEMENT) for name in _DECODED):
        return False
    if pc.any(pc.equal(col["parent_id"], col["message_id"])).as_py():
        return False
    channels = pc.unique(col["channel"].cast(pa.string()) if not _strings(col["channel"]) else col["channel"])
    if not set(channels.to_pylist()) <= set(CHANNELS):
        return False
    langs = [v for v in pc.unique(col["lang"]).to_pylist() if v is not None]
    if any(v != v.lower()[:2] or v in _NO_LANGUAGE for v in langs):
        return False
    likes = col["likes"].drop_null()
    return not (len(likes) and (pc.min(likes).as_py() < 0 or pc.max(likes).as_py() > MAX_COUNT))


def _messages(table: pa.Table, config: Config | None, *, ids_unique: bool) -> pd.DataFrame | None:
    """The message table of a canonical ``table`` (one conversion to pandas), or None when an id
    repeats within a channel (the reader keeps one of each, or rejects them)."""
    table = table.select([*MESSAGE_COLUMNS, *(name for name in OPTIONAL_COLUMNS if name in table.column_names)])
    if config is not None and config.account_names:
        table = table.set_column(table.column_names.index("account"), "account",
                                 _named(table.column("channel"), table.column("account"), config))
    frame = table.to_pandas(types_mapper={pa.string(): pd.StringDtype(), pa.large_string(): pd.StringDtype(),
                                          pa.int64(): pd.Int64Dtype()}.get, self_destruct=True)
    frame = contiguous(pd.DataFrame({name: frame[name].astype(dtype)
                                     for name, dtype in {**MESSAGE_COLUMNS, **OPTIONAL_COLUMNS}.items() if name in frame}))
    text = frame["text"]
    if (whole := composed(text)) is not text:  # accents written as combining marks: composed, as every reader does
        frame["text"] = whole
    # ids unique in the file are unique within every channel and account: one check then stands for
    # the reader's (channel) and the schema's (channel, account) checks, which run only otherwise
    if ids_unique:
        return frame
    if frame.duplicated(["channel", "message_id"]).any():
        return None
    return validate(frame)


def _named(channel: pa.ChunkedArray, account: pa.ChunkedArray, config: Config) -> pa.Array:
    """Each account value as the config names it (a handle of a ``[[name, id, ...]]`` item -> its name),
    worked out once per distinct account value and channel."""
    accounts = account.combine_chunks().dictionary_encode()
    values = accounts.dictionary.to_pylist()
    codes = accounts.indices.to_numpy(zero_copy_only=False).astype(np.int64)
    channels = channel.combine_chunks()
    if not pa.types.is_dictionary(channels.type):
        channels = channels.dictionary_encode()
    channel_codes = channels.indices.to_numpy(zero_copy_only=False)
    channel_names = channels.dictionary.cast(pa.string()).to_pylist()
    handles = [value.strip().lstrip("@").lower() for value in values]
    named, renamed = list(values), codes.copy()
    for ch, names in config.account_names.items():
        on = np.isin(channel_codes, [k for k, name in enumerate(channel_names) if name == ch])
        if not names or not on.any():
            continue
        target = np.arange(len(values))
        for k, handle in enumerate(handles):
            if handle in names and names[handle] != values[k]:  # (a value already its name is kept)
                target[k] = len(named)
                named.append(names[handle])
        renamed[on] = target[codes[on]]
    if np.array_equal(renamed, codes):  # no value renamed on its channel: the column as read, not copied
        return account
    return pa.array(named, type=account.type).take(pa.array(renamed))


def read(path, config: Config | None = None, *, errors: str = "collect") -> ReadResult:
    """Read a Parquet message table."""
    path = Path(path)
    head = read_bytes(path, head=len(MAGIC))  # a missing, empty or irregular file is named as such
    with path.open("rb") as file:
        file.seek(max(path.stat().st_size - len(MAGIC), 0))
        tail = file.read()
    if not (head == MAGIC and tail == MAGIC and path.stat().st_size >= 3 * len(MAGIC)):
        raise ParseError("not a complete Parquet file (magic bytes missing; truncated?)", file=path,
                         fix="write the file again with roi ingest --out")
    notes = []
    try:
        with pq.ParquetFile(path) as file:  # one chunk per row group (a dataset read cuts them in batches)
            table = file.read()
        with ThreadPoolExecutor(max_workers=2) as background:  # Arrow kernels release the GIL
            checked = background.submit(_check_columns, table, path)
            distinct_ids = background.submit(_distinct, table, "message_id")
            try:
                keep = _is_canonical(table)
            except Exception:
                checked.result()  # damaged values explain the failure: their ParseError names the column
                raise
            checked.result()  # damaged values: a ParseError naming the column
        messages = _messages(table, config, ids_unique=distinct_ids.result() == len(table)) if keep else None
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
