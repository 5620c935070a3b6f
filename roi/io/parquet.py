"""Reader for the message table saved as Parquet (``roi ingest --out messages.parquet``).

The file must hold the message-table columns; it goes through the same checks as every
other format (timestamps, duplicates, dtypes), and ``source`` keeps the provenance that
the original reader recorded.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from roi.config import Config
from roi.errors import MissingColumnError, ParseError
from roi.io.base import ReadResult, build_result
from roi.io.text import read_bytes
from roi.schema import MESSAGE_COLUMNS

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
    frame = frame[[c for c in frame.columns if c in MESSAGE_COLUMNS]]  # other columns are not read
    frame.insert(0, "record", range(1, len(frame) + 1))
    return build_result(frame, path=path, fmt=FORMAT, records=len(frame), channel="other", config=config,
                        errors=errors, notes=notes)
