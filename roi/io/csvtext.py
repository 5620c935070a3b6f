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
#: the column of :attr:`CsvRecords.frame` that holds the record number
RECORD = "record"
#: a line of only spaces or tabs before the end of the text (a blank row, or a row of empty tab-separated fields)
_BLANK_LINE = re.compile(r"^[ \t]*\n", re.M)
_SKIPPED = re.compile(r"Skipping line (\d+): expected (\d+) fields, saw (\d+)")


@dataclass
class CsvRecords:
    """Rows of a delimited file as strings.

    Attributes
    ----------
    frame
        One row per readable data row, every cell a string (empty cells ``""``), plus
        ``record``: the 1-based data-row number (the header is not a record; a quoted
        field spanning lines is one row; blank lines are not records but are counted, so
        that the number is the row's in a spreadsheet, less the header). A column of the
        file named ``record`` is read as ``record.1`` (with a note); a blank header is
        ``Unnamed: i`` and a repeated one gets ``.1``, ``.2``..., as pandas names them.
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


#: UTF-8 of accented letters read as Windows-1252 / Latin-1: "Ã¡" for "á", "â€™" for "’"
_MOJIBAKE = re.compile("Ã[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]|â€")


def _mojibake_note(data: bytes, text: str, path: Path, encoding: str) -> list[str]:
    """A note when a file decoded with a named single-byte encoding is valid UTF-8 and reads as mojibake."""
    found = _MOJIBAKE.findall(text)
    if not found:
        return []
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return []
    return [f"{path.name}: {len(found)} character(s) look like UTF-8 read as {encoding} (e.g. {found[0]!r}); the file is "
            'valid UTF-8: set [csv] encoding = "utf-8" (or "auto") in the config']


def _column_names(header: list[str]) -> list[str]:
    """Column names of a header row: stripped; a blank one is ``Unnamed: i`` and a repeated
    one gets ``.1``, ``.2``... (as pandas names them). ``record`` is taken by the row numbers,
    so a column of the file called ``record`` is read as ``record.1``."""
    names: list[str] = []
    taken = {RECORD}
    for i, value in enumerate(header):
        base = str(value).strip() or f"Unnamed: {i}"
        name, k = base, 0
        while name in taken:
            k += 1
            name = f"{base}.{k}"
        taken.add(name)
        names.append(name)
    return names


def _number_rows(lines: list[str], sep: str, n_good: int, bad: list[int]):
    """Record numbers of the good rows and of the bad rows, the raw text of a bad row, and the
    number a row after the last line would have.

    ``bad`` holds the parser's row numbers of the bad rows (1-based over the rows of the
    file, header and blank lines included, a quoted field spanning lines being one row).
    Rows start at the physical lines before which the count of quotes is even; a row that
    is only spaces or tabs is blank (skipped by the parser, but counted). A record number
    is the row's number counted from the header (the first data row is 1), so blank lines
    leave gaps, as line numbers do in JSON Lines. When the quotes do not follow the rules
    of CSV (a quote inside an unquoted field) the physical lines cannot be matched to the
    parser's rows: records are then numbered in file order, bad rows by the parser's count.
    """
    odd = np.fromiter((line.count('"') & 1 for line in lines), dtype=np.int64, count=len(lines))
    before = np.concatenate([[0], np.cumsum(odd)[:-1]]) & 1
    starts = np.flatnonzero(before == 0)  # physical line index of each row, in parser order
    blank_chars = " \t".replace(sep, "")
    blank = np.fromiter((not lines[i].strip(blank_chars) for i in starts), dtype=bool, count=len(starts))
    numbers = np.flatnonzero(~blank) + 1  # parser numbers of the non-blank rows
    bad_numbers = np.array(bad, dtype=np.int64)
    if len(numbers):
        header, data = int(numbers[0]), numbers[1:]
        good_numbers = np.setdiff1d(data, bad_numbers)
        if len(good_numbers) == n_good and np.isin(bad_numbers, data).all():
            def row_text(number):
                i = number - 1
                end = starts[i + 1] if i + 1 < len(starts) else len(lines)
                return "\n".join(lines[starts[i]:end])[:2000]

            return good_numbers - header, [int(b) - header for b in bad_numbers], row_text, len(starts) - header
    # fallback: file order, each bad row placed by the parser's count where it fits
    total = n_good + len(bad)
    by_parser = bad_numbers - 1
    if len(set(by_parser.tolist())) == len(bad) and ((by_parser >= 1) & (by_parser <= total)).all():
        bad_records = by_parser
    else:
        bad_records = np.arange(n_good + 1, total + 1)
    good = np.setdiff1d(np.arange(1, total + 1), bad_records)
    return (good, [int(b) for b in bad_records], lambda number: f"(row {number} as the CSV parser counts them)",
            total + 1)


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
    data = read_bytes(path)
    text = decode(data, path, encoding)
    used_encoding = text.encoding
    notes = []
    if encoding == "auto" and used_encoding != "utf-8":
        notes.append(f"{path.name}: decoded as {used_encoding}")
    if not used_encoding.startswith("utf"):
        notes.extend(_mojibake_note(data, str(text), path, used_encoding))
    text, newline = _normalise_newlines(str(text))
    first_line = next((line for line in text.split("\n") if line.strip()), "")
    sep = sniff_delimiter(first_line) if delimiter == "auto" else delimiter
    rejects = Rejects(path)

    tail_reject = None
    cut = _unclosed_quote_start(text)
    if cut is not None:
        tail_reject = text[cut:]
        text = text[:cut]

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            # header=None: the header is parsed as a row, so that a first data row with one
            # field more than the header is a bad row like any other (with a header, pandas
            # would silently turn the first column of every row into the index)
            table = pd.read_csv(
                io.StringIO(text), sep=sep, dtype=str, keep_default_na=False, na_filter=False, header=None,
                on_bad_lines="warn", lineterminator="\n", engine="c", skip_blank_lines=True,
            )
        except pd.errors.EmptyDataError:
            raise ParseError("no header line", file=path, record="line 1",
                             fix="the first line must name the columns") from None
        except (pd.errors.ParserError, ValueError) as exc:
            raise ParseError(f"cannot be split into fields: {exc}", file=path,
                             fix="check the delimiter and quoting, or re-export the file") from None
    if not len(table):
        raise ParseError("no header line", file=path, record="line 1", fix="the first line must name the columns")
    # parser row number (1-based, blank lines counted, as pandas numbers them) -> (expected, saw)
    bad = {}
    for warning in caught:
        for match in _SKIPPED.finditer(str(warning.message)):
            bad[int(match.group(1))] = (int(match.group(2)), int(match.group(3)))

    header = table.iloc[0].tolist()
    names = _column_names(header)
    stripped = [str(h).strip() for h in header]
    for repeated in sorted({h for h in stripped if h and stripped.count(h) > 1}):
        where = [i + 1 for i, h in enumerate(stripped) if h == repeated]
        notes.append(f"{path.name}: the header names '{repeated}' {len(where)} times (columns {where}): the first is "
                     f"read as '{repeated}', the others as '{repeated}.1'...; rename the column meant in the export or "
                     "map it in the config")
    if RECORD in (str(h).strip() for h in header):
        own = names[[str(h).strip() for h in header].index(RECORD)]
        notes.append(f"{path.name}: the file's column '{RECORD}' is read as '{own}' (roi numbers the rows in '{RECORD}')")
    frame = table.iloc[1:].reset_index(drop=True)
    frame.columns = names
    if not bad and not _BLANK_LINE.search(text):  # the common case: rows are numbered 1, 2, ...
        good, bad_records, next_record = np.arange(1, len(frame) + 1), [], len(frame) + 1
    else:
        good, bad_records, row_text, next_record = _number_rows(text.split("\n"), sep, len(frame), sorted(bad))
    frame.insert(0, RECORD, good)
    total = len(frame) + len(bad)

    for (number, (expected, saw)), record in zip(sorted(bad.items()), bad_records, strict=True):
        detail = f"expected {expected} fields, saw {saw}"
        if errors == "raise":
            raise RecordError(detail, file=path, record=record, field=None,
                              fix="quote fields that contain the delimiter, or check the delimiter")
        rejects.add(record, "wrong_field_count", None, detail, row_text(number))

    # a last row cut short (file truncated mid-line)
    last_line = text[text.rfind("\n") + 1 :]
    cut_short = len(frame) and last_line.strip(" \t") and '"' not in last_line
    if cut_short and last_line.count(sep) + 1 < len(names):
        record = int(frame["record"].iloc[-1])
        detail = f"the last row has {last_line.count(sep) + 1} of {len(names)} fields (file truncated?)"
        if errors == "raise":
            raise RecordError(detail, file=path, record=record, fix="export the file again; it was cut off")
        rejects.add(record, "truncated_record", None, detail, last_line)
        frame = frame.iloc[:-1]

    if tail_reject is not None:
        record = max(next_record, int(frame[RECORD].max()) + 1 if len(frame) else 1, max(bad_records, default=0) + 1)
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
    by_lower = {c.lower(): c for c in frame.columns if c != RECORD}  # never the row numbers
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
