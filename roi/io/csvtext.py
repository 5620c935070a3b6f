"""Reading delimited text exports into a frame of strings, losing no record.

Shared by the CSV-based readers (generic CSV, twcs, surveys). Handles UTF-8, UTF-8 with
BOM and Windows-1252; delimiters ``,`` ``;`` tab and ``|``; files whose lines end in
``\\n`` with bare ``\\r`` inside fields (kept as data), CRLF files, rows with too many
fields, a truncated last row and an unclosed quote (each listed as a reject).
"""

from __future__ import annotations

import io
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from roi.errors import MissingColumnError, ParseError, RecordError
from roi.io.base import Rejects
from roi.io.text import decode, read_bytes

__all__ = ["CsvRecords", "header_fields", "read_csv_records", "require_columns", "sniff_delimiter"]

DELIMITERS = (",", ";", "\t", "|")
_SKIPPED = re.compile(r"Skipping line (\d+): expected (\d+) fields, saw (\d+)")


@dataclass
class CsvRecords:
    """Rows of a delimited file as strings.

    Attributes
    ----------
    frame
        One row per readable data row, every cell a string (empty cells ``""``), plus
        ``record``: the 1-based data-row number (the header is not a record).
    rejects
        Rows that could not be split into the header's fields.
    records
        Data rows in the file: ``len(frame) + len(rejects)``.
    delimiter, encoding
        What was used; ``notes`` says when either was guessed.
    """

    frame: pd.DataFrame
    rejects: Rejects
    records: int
    delimiter: str
    encoding: str
    notes: list[str] = field(default_factory=list)


def header_fields(head: str) -> list[str]:
    """Field names of the first line of ``head`` (delimiter sniffed), stripped and lower-cased."""
    first = head.lstrip("\ufeff").split("\n", 1)[0].rstrip("\r")
    delimiter = sniff_delimiter(first)
    return [f.strip().strip('"').strip().lower() for f in first.split(delimiter)]


def sniff_delimiter(header_line: str) -> str:
    """The delimiter that splits ``header_line`` into the most fields (outside quotes)."""
    unquoted = re.sub(r'"[^"]*"', "", header_line)
    counts = [unquoted.count(d) for d in DELIMITERS]
    return DELIMITERS[int(np.argmax(counts))] if max(counts) else ","


def _normalise_newlines(text: str) -> tuple[str, str]:
    """Make ``\\n`` the only record terminator, keeping bare ``\\r`` inside fields as data."""
    n_lf = text.count("\n")
    n_crlf = text.count("\r\n")
    if n_lf and n_crlf >= n_lf / 2:
        return text.replace("\r\n", "\n"), "CRLF"
    if not n_lf and "\r" in text:
        return text.replace("\r", "\n"), "CR"
    return text, "LF"


def _unclosed_quote_start(text: str, quotechar: str = '"') -> int | None:
    """Character offset of the line where an unclosed quote starts, or None."""
    if text.count(quotechar) % 2 == 0:
        return None  # balanced overall: the common case costs one pass in C
    lines = text.split("\n")
    parity = np.cumsum(np.fromiter((line.count(quotechar) & 1 for line in lines), dtype=np.int64, count=len(lines))) & 1
    if not len(parity) or parity[-1] == 0:
        return None
    # the last line after which the running quote parity turned odd and stayed odd
    even_before = np.flatnonzero(parity == 0)
    start_line = int(even_before[-1]) + 1 if len(even_before) else 0
    return sum(len(line) + 1 for line in lines[:start_line])


def read_csv_records(
    path: str | Path,
    *,
    encoding: str = "auto",
    delimiter: str = "auto",
    errors: str = "collect",
) -> CsvRecords:
    """Read a delimited text file into strings, one reject per unreadable row.

    Parameters
    ----------
    path
        The file.
    encoding
        ``"auto"`` or a codec name (see :func:`roi.io.text.decode`).
    delimiter
        ``"auto"`` sniffs it from the header line.
    errors
        ``"raise"`` raises :class:`RecordError` at the first unreadable row.
    """
    path = Path(path)
    text = decode(read_bytes(path), path, encoding)
    used_encoding = text.encoding
    notes = []
    if encoding == "auto" and used_encoding != "utf-8":
        notes.append(f"{path.name}: decoded as {used_encoding}")
    text, newline = _normalise_newlines(str(text))
    first_line = text.split("\n", 1)[0]
    sep = sniff_delimiter(first_line) if delimiter == "auto" else delimiter
    rejects = Rejects(path)

    tail_reject = None
    cut = _unclosed_quote_start(text)
    if cut is not None:
        tail_reject = text[cut:]
        text = text[:cut]

    n_header_fields = len(first_line.split(sep))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            frame = pd.read_csv(
                io.StringIO(text), sep=sep, dtype=str, keep_default_na=False, na_filter=False,
                on_bad_lines="warn", lineterminator="\n", engine="c", skip_blank_lines=True,
            )
        except pd.errors.EmptyDataError:
            raise ParseError("no header line", file=path, record="line 1",
                             fix="the first line must name the columns") from None
        except (pd.errors.ParserError, ValueError) as exc:
            raise ParseError(f"cannot be split into fields: {exc}", file=path,
                             fix="check the delimiter and quoting, or re-export the file") from None
    bad_rows = []
    for warning in caught:
        for match in _SKIPPED.finditer(str(warning.message)):
            bad_rows.append((int(match.group(1)) - 1, int(match.group(2)), int(match.group(3))))

    frame.columns = [str(c).strip() for c in frame.columns]
    total = len(frame) + len(bad_rows)
    good = np.setdiff1d(np.arange(1, total + 1), np.array([r for r, _, _ in bad_rows], dtype=np.int64))
    frame.insert(0, "record", good)

    if bad_rows:
        lines = text.split("\n")
        # physical lines match rows only when no quoted field spans lines
        aligned = len(lines) - (1 if text.endswith("\n") else 0) == total + 1
        for record, expected, saw in bad_rows:
            detail = f"expected {expected} fields, saw {saw}"
            if errors == "raise":
                raise RecordError(detail, file=path, record=record, field=None,
                                  fix="quote fields that contain the delimiter, or check the delimiter")
            raw = lines[record] if aligned and record < len(lines) else f"(data row {record} of the file)"
            rejects.add(record, "wrong_field_count", None, detail, raw)

    # a last row cut short (file truncated mid-line)
    if not text.endswith("\n") and len(frame) and '"' not in text[text.rfind("\n") + 1 :]:
        last_line = text[text.rfind("\n") + 1 :]
        if last_line.count(sep) + 1 < n_header_fields:
            record = int(frame["record"].iloc[-1])
            detail = f"the last row has {last_line.count(sep) + 1} of {n_header_fields} fields (file truncated?)"
            if errors == "raise":
                raise RecordError(detail, file=path, record=record, fix="export the file again; it was cut off")
            rejects.add(record, "truncated_record", None, detail, last_line)
            frame = frame.iloc[:-1]

    if tail_reject is not None:
        record = total + 1
        total += 1
        detail = "a quote opened here is never closed, so the rest of the file is one broken record"
        if errors == "raise":
            raise RecordError(detail, file=path, record=record, fix="close the quote or re-export the file")
        rejects.add(record, "unclosed_quote", None, detail, tail_reject[:2000])

    if newline == "CR":
        notes.append(f"{path.name}: old Mac line endings (CR only) read as line breaks")
    return CsvRecords(frame=frame.reset_index(drop=True), rejects=rejects, records=total,
                      delimiter=sep, encoding=used_encoding, notes=notes)


def require_columns(frame: pd.DataFrame, required: dict[str, str], path, fix: str) -> dict[str, str]:
    """Map each target to its actual column name (case-insensitive), or raise naming what is missing.

    ``required`` maps a message-table target to the expected header text.
    """
    by_lower = {c.lower(): c for c in frame.columns}
    found, missing = {}, []
    for target, header in required.items():
        actual = by_lower.get(header.lower())
        if actual is None:
            missing.append(f"{header!r} (for {target})")
        else:
            found[target] = actual
    if missing:
        present = [c for c in frame.columns if c != "record"]
        raise MissingColumnError(
            f"missing column(s) {', '.join(missing)}; the header has {present}",
            file=path, record="header", field=missing[0].split("'")[1], fix=fix,
        )
    return found
