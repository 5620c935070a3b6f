"""Shared plumbing for readers of JSON exports: a JSON document or JSON Lines of records.

Many exports hold a sequence of JSON objects in one of three layouts:

* a JSON **list** of records (``[{...}, {...}]``), possibly pretty-printed;
* a JSON **object that wraps the list** under a key (``{"records": [...], "cursor": ...}``)
  or a single record object;
* **JSON Lines** (JSONL): one JSON value per line, as ``twarc`` and most collectors write.

:func:`load_json_records` reads a file, tells the layouts apart, and returns every
record with its number, plus the JSONL lines that could not be parsed, so that a reader
only has to pull fields out of each record. Conventions every user follows:

* **Record numbers** are 1-based. For JSONL they are *physical line numbers* (blank lines
  are skipped but still counted, so ``file:line`` points at the line in an editor); for a
  JSON document they are the *position* of the element in its list (``numbering`` says
  which).
* **A whole document that cannot be parsed raises** :class:`~roi.errors.ParseError` naming
  line and column; a damaged JSONL *line* is one bad line (reason ``invalid_json``, or
  ``undecodable_bytes`` when the file was not valid UTF-8 on that line) and the rest of
  the file is read.
* **Lone surrogates**: an escape such as ``\\ud800`` without its other half is valid JSON
  but not text that can be stored; it is read as U+FFFD (see
  :func:`roi.io.text.escape_lone_surrogates`), so ``build_result`` rejects the record as
  ``undecodable_bytes`` instead of the reader crashing.
* **Layout detection**: a text that parses as one JSON document is a document (so a
  one-line JSONL file is a document holding one record). Otherwise it is read as JSONL
  when it has two or more non-blank lines, the first starts with ``{`` (and is not a lone
  ``{``, which opens a pretty-printed object) and at least one of its first 20 non-blank
  lines parses on its own as a JSON object; anything else raises the
  document's parse error (a truncated pretty-printed file is reported as truncated).

Reason codes used by the JSON readers, beside those of :func:`roi.io.base.build_result`:
``invalid_json`` (a JSONL line is not JSON), ``not_a_record`` (a record is not a JSON object,
or not of the kind the reader reads). :func:`reject` adds one, or raises
:class:`~roi.errors.RecordError` under ``errors="raise"``.

The small accessors :func:`dig` and :func:`as_id` read nested fields without ever raising,
so that a record with unexpected types leaves a field missing (and ``build_result`` rejects
the record if that field was required) instead of crashing the reader.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from roi.errors import EmptyInputError, ParseError, RecordError, RoiError
from roi.io.base import ERRORS_MODES, Rejects
from roi.io.text import (
    REPLACEMENT,
    DecodedText,
    decode,
    escape_lone_surrogates,
    json_parse_error,
    load_json_document,
    read_bytes,
)

__all__ = [
    "JsonRecords",
    "as_id",
    "as_text",
    "dig",
    "dump_raw",
    "load_json_records",
    "parse_json_text",
    "reject",
]

#: how many leading non-blank lines are tried when deciding whether a text is JSONL
_PROBE_LINES = 20
#: raw text kept for a rejected JSONL line (characters)
_RAW_LIMIT = 10000


@dataclass
class JsonRecords:
    """The records of a JSON or JSONL file.

    Attributes
    ----------
    layout
        ``"document"`` (one JSON document) or ``"jsonl"``.
    items
        ``(number, value)`` for every record, in file order. ``value`` is whatever JSON
        the record holds (normally a dict; the reader rejects anything else).
    bad_lines
        JSONL only: ``(line number, reason, detail, raw text)`` for lines that are not JSON.
    document
        The parsed document (``layout == "document"``), e.g. to read a ``cursor``; else None.
    numbering
        ``"line"`` (JSONL) or ``"position"`` (elements of a JSON list).
    wrapper
        The key the records were found under in a document object, if any.
    """

    layout: str
    items: list[tuple[int, object]] = field(default_factory=list)
    bad_lines: list[tuple[int, str, str, str]] = field(default_factory=list)
    document: object = None
    numbering: str = "position"
    wrapper: str | None = None


def load_json_records(path: str | Path, *, list_keys: Iterable[str] = (), prefix_length: int = 0) -> JsonRecords:
    """Read ``path`` as a JSON document or JSON Lines; see the module docstring.

    Parameters
    ----------
    path
        The file.
    list_keys
        Keys under which a document *object* may wrap its list of records (tried in
        order, e.g. ``("records",)`` for a Bluesky ``listRecords`` response). A document
        object without any of them is one record.
    prefix_length
        Characters at the start of the text that are not JSON (e.g. the
        ``window.YTD.tweets.part0 =`` assignment of a Twitter archive). They are blanked
        out, not removed, so that error positions stay true to the file.

    Raises
    ------
    InputError, EmptyInputError, EncodingError, ParseError
        The file is missing, empty, not decodable as a whole, or not parseable JSON.
    """
    path = Path(path)
    text = decode(read_bytes(path), path)
    return parse_json_text(text, path, list_keys=list_keys, prefix_length=prefix_length)


def parse_json_text(text: str, path: str | Path, *, list_keys: Iterable[str] = (),
                    prefix_length: int = 0) -> JsonRecords:
    """:func:`load_json_records` on text already decoded (``path`` is for messages)."""
    if prefix_length:
        blank = "".join(c if c in "\r\n" else " " for c in text[:prefix_length])
        text = DecodedText(blank + text[prefix_length:], getattr(text, "encoding", "utf-8"))
    text = escape_lone_surrogates(text)
    if not text.strip():
        raise EmptyInputError("the file holds no JSON" + (" after its prefix" if prefix_length else ""), file=path,
                              fix="export the data again; an empty file holds no messages")
    try:
        document = json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        if not prefix_length and _looks_like_jsonl(text):
            return _parse_lines(text, path)
        load_json_document(text, path)  # raises ParseError (or EncodingError) naming line and column
        raise ParseError("the JSON cannot be parsed", file=path, fix="check the file is an unmodified export") from None
    if _damaged(text):
        load_json_document(text, path)  # a whole document with undecodable bytes: EncodingError
    return _from_document(document, path, tuple(list_keys))


def _from_document(document, path, list_keys) -> JsonRecords:
    if isinstance(document, list):
        return JsonRecords("document", list(enumerate(document, start=1)), document=document)
    if isinstance(document, dict):
        for key in list_keys:
            inner = document.get(key)
            if isinstance(inner, list):
                return JsonRecords("document", list(enumerate(inner, start=1)), document=document, wrapper=key)
        return JsonRecords("document", [(1, document)], document=document)
    raise ParseError(
        f"the JSON document is a {type(document).__name__}, not a list or an object of records",
        file=path,
        record="line 1",
        fix="check that the file is an unmodified export",
    )


def _looks_like_jsonl(text: str) -> bool:
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if len(lines) < 2 or not lines[0].startswith("{") or lines[0] == "{":
        return False  # one line, a pretty-printed document ("[" or "{" alone), or not JSON objects
    for line in lines[:_PROBE_LINES]:
        if not line.startswith("{"):
            continue
        try:
            if isinstance(json.loads(line), dict):
                return True
        except (json.JSONDecodeError, RecursionError):
            continue
    return False


def _damaged(text: str) -> bool:
    """True when :func:`roi.io.text.decode` had to replace undecodable bytes in ``text``."""
    return REPLACEMENT in text and "undecodable" in str(getattr(text, "encoding", ""))


def _parse_lines(text: str, path) -> JsonRecords:
    damaged = _damaged(text)
    out = JsonRecords("jsonl", numbering="line")
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.strip()
        if not line:
            continue
        if damaged and REPLACEMENT in line:
            out.bad_lines.append((number, "undecodable_bytes",
                                  "the line holds bytes that are not valid UTF-8", line[:_RAW_LIMIT]))
            continue
        try:
            out.items.append((number, json.loads(line)))
        except json.JSONDecodeError as exc:
            problem = json_parse_error(exc, line, path).problem.replace("at line 1, column", "at column")
            out.bad_lines.append((number, "invalid_json", problem, line[:_RAW_LIMIT]))
        except RecursionError:
            out.bad_lines.append((number, "invalid_json", "JSON nested too deeply to read", line[:_RAW_LIMIT]))
    return out


def reject(rejects: Rejects, errors: str, path, record: int, reason: str, field: str | None, detail: str,
           raw, *, fix: str = "correct or remove that record") -> None:
    """Add a reject, or raise :class:`RecordError` for it when ``errors == "raise"``."""
    if errors == "raise":
        raise RecordError(f"{detail} ({reason})", file=path, record=record, field=field, fix=fix)
    rejects.add(record, reason, field, detail, raw)


def dig(obj, *keys):
    """``obj[k1][k2]...`` where every level is a dict (list levels take an int key); else None.

    >>> dig({"a": {"b": [{"c": 1}]}}, "a", "b", 0, "c")
    1
    >>> dig({"a": "text"}, "a", "b") is None
    True
    """
    for key in keys:
        if isinstance(key, int):
            if not isinstance(obj, list) or not -len(obj) <= key < len(obj):
                return None
        elif not isinstance(obj, dict):
            return None
        obj = obj[key] if isinstance(key, int) else obj.get(key)
    return obj


def as_id(value) -> str | None:
    """An identifier as text: strings stripped, integers written out; anything else None.

    Floats are refused (JSON numbers above 2**53 lose digits, so a float id is not
    trustworthy), as are booleans, lists and objects.

    >>> as_id(1380242611781386245), as_id(" 12 "), as_id(1.5), as_id(True), as_id("")
    ('1380242611781386245', '12', None, None, None)
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def as_text(value) -> str | None:
    """A text field: strings as they are, anything else None."""
    return value if isinstance(value, str) else None


def dump_raw(value) -> str:
    """A record as compact JSON text for the rejects table (never raises)."""
    try:
        return json.dumps(value, ensure_ascii=False, default=str)[:_RAW_LIMIT]
    except (TypeError, ValueError, RecursionError):
        return repr(value)[:_RAW_LIMIT]


#: the raw-frame columns every JSON reader fills (see roi.io.base.build_result)
RAW_COLUMNS = ("record", "message_id", "created_at", "text", "author_id", "author_name", "parent_id",
               "thread_id", "is_public", "is_hidden", "likes")


def check_errors_mode(errors: str) -> None:
    """Raise :class:`RoiError` unless ``errors`` is ``"collect"`` or ``"raise"``."""
    if errors not in ERRORS_MODES:
        raise RoiError(f"errors={errors!r} is not allowed", field="errors", fix=f"use one of {ERRORS_MODES}")


def scalar_text(value) -> str | None:
    """A timestamp-like field as text: strings as they are, numbers written out, None kept.

    Anything else (an object, a list, a boolean) is written as JSON so that the
    timestamp check of :func:`~roi.io.base.build_result` rejects it by name.
    """
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return dump_raw(value)


def count_value(value):
    """A count (likes) as a number; None kept; anything else as text, which ``build_result`` rejects."""
    if value is None or (isinstance(value, int | float) and not isinstance(value, bool)):
        return value
    return dump_raw(value)


def frame_of(rows: list[dict]) -> pd.DataFrame:
    """The raw frame of a reader's row dictionaries, with every raw column present."""
    frame = pd.DataFrame(rows, columns=[*RAW_COLUMNS, *sorted({k for r in rows for k in r} - set(RAW_COLUMNS))])
    return frame
