"""Bytes to text, and text to JSON, with errors that name the file and the position."""

from __future__ import annotations

import json
import re
from pathlib import Path

from roi.errors import EmptyInputError, EncodingError, InputError, ParseError

__all__ = [
    "DecodedText",
    "decode",
    "escape_lone_surrogates",
    "has_undecodable",
    "line_and_column",
    "load_json_document",
    "read_bytes",
]

#: what an undecodable byte becomes after decoding (U+FFFD REPLACEMENT CHARACTER)
REPLACEMENT = "\ufffd"
# a well-formed multi-byte UTF-8 sequence: proof that a file is UTF-8 even if damaged
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


# a JSON \\uD800-\\uDFFF escape (a UTF-16 surrogate), not preceded by an escaping backslash
_SURROGATE_ESCAPE = re.compile(r"(?<!\\)((?:\\\\)*)\\u([dD][89a-fA-F][0-9a-fA-F]{2})")


def escape_lone_surrogates(text: str) -> str:
    r"""``text`` with every JSON escape of a *lone* surrogate (``\ud800`` not followed by a
    low surrogate, or a low one alone) written as ``\ufffd``, the replacement character.

    JSON allows such escapes, but the string they make cannot be encoded as UTF-8, so
    pandas and pyarrow fail on it. Pairs (``\ud83d\ude00``, an emoji written in ASCII) are
    kept. The text keeps its length, so parse errors still point at the right column;
    the values hold U+FFFD, which the readers report as undecodable.

    >>> escape_lone_surrogates(r'["\ud800", "\ud83d\ude00", "\\ud800"]')
    '["\\ufffd", "\\ud83d\\ude00", "\\\\ud800"]'
    """
    if "\\u" not in text:
        return text
    found = [(m.start(2) - 2, int(m.group(2), 16)) for m in _SURROGATE_ESCAPE.finditer(text)]
    if not found:
        return text
    lone = []
    i = 0
    while i < len(found):
        start, unit = found[i]
        if unit < 0xDC00 and i + 1 < len(found) and found[i + 1][0] == start + 6 and found[i + 1][1] >= 0xDC00:
            i += 2  # a high surrogate followed by a low one: a valid pair
            continue
        lone.append(start)
        i += 1
    if not lone:
        return text
    parts, last = [], 0
    for start in lone:
        parts += [text[last:start], "\\ufffd"]
        last = start + 6
    parts.append(text[last:])
    out = "".join(parts)
    return DecodedText(out, text.encoding) if isinstance(text, DecodedText) else out


class DecodedText(str):
    """A str that remembers which encoding produced it (``.encoding``)."""

    encoding: str

    def __new__(cls, value, encoding):
        obj = super().__new__(cls, value)
        obj.encoding = encoding
        return obj


def read_bytes(path: str | Path, head: int | None = None) -> bytes:
    """Read a whole file, or its first ``head`` bytes, raising :class:`InputError` for a missing,
    empty or not regular file (a device)."""
    path = Path(path)
    if path.exists() and not path.is_dir() and not path.is_file():  # /dev/zero would be read until memory runs out
        raise InputError("is not a regular file (a device or a pipe)", file=path, fix="name an export file")
    try:
        with path.open("rb") as file:
            data = file.read() if head is None else file.read(head)
    except FileNotFoundError:
        raise InputError("file not found", file=path, fix="check the path") from None
    except IsADirectoryError:
        raise InputError("is a folder, not a file", file=path, fix="name the export files inside it") from None
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror})", file=path, fix="check its permissions") from None
    if not data.strip() and (head is None or len(data) < head):
        raise EmptyInputError("the file is empty", file=path, fix="export the data again; an empty file holds no messages")
    return data


def decode(data: bytes, path: str | Path, encoding: str = "auto") -> DecodedText:
    """Decode ``data`` to text.

    ``encoding="auto"`` reads UTF-8 (a byte-order mark is dropped); a file that is not
    valid UTF-8 and holds no multi-byte UTF-8 sequence at all is read as Windows-1252,
    the encoding Excel on Spanish Windows writes. A UTF-8 file with a few damaged bytes
    has them replaced by U+FFFD so that a record-oriented reader can reject exactly the
    records that hold them (see :func:`has_undecodable`).
    A named encoding is applied as given, with the same treatment of damaged bytes.
    """
    if encoding in ("auto", "utf-8", "utf8", "utf-8-sig"):
        try:
            return DecodedText(data.decode("utf-8-sig"), "utf-8")
        except UnicodeDecodeError:
            pass
        if encoding == "auto" and not _UTF8_MULTIBYTE.search(data):
            try:
                return DecodedText(data.decode("cp1252"), "cp1252")
            except UnicodeDecodeError:
                pass
        text = data.decode("utf-8-sig", errors="replace")
        return DecodedText(text, "utf-8 (with undecodable bytes)")
    try:
        return DecodedText(data.decode(encoding), encoding)
    except UnicodeDecodeError as exc:
        line, column = line_and_column(data, exc.start)
        raise EncodingError(
            f"byte 0x{data[exc.start]:02x} at line {line}, column {column} is not valid {encoding}",
            file=path,
            record=f"line {line}",
            fix="set the right encoding in [csv] encoding, or re-export the file as UTF-8",
        ) from None
    except LookupError:
        raise EncodingError(f"unknown encoding {encoding!r}", file=path, fix='use "auto", "utf-8" or "cp1252"') from None


def has_undecodable(text: str) -> bool:
    """True when ``text`` holds bytes that :func:`decode` could not decode."""
    return REPLACEMENT in text


def line_and_column(text: str | bytes, position: int) -> tuple[int, int]:
    """1-based line and column of a 0-based character (or byte) ``position``."""
    newline = b"\n" if isinstance(text, bytes) else "\n"
    line = text.count(newline, 0, position) + 1
    start = text.rfind(newline, 0, position) + 1
    return line, position - start + 1


def load_json_document(text: str, path: str | Path):
    """Parse a whole JSON document, or raise :class:`ParseError` naming line and column.

    Undecodable bytes in a document that must be parsed whole are an
    :class:`EncodingError`, since no record can be singled out.
    """
    text = escape_lone_surrogates(text)
    bad = text.find(REPLACEMENT)
    if bad >= 0:
        line, column = line_and_column(text, bad)
        raise EncodingError(
            f"undecodable byte at line {line}, column {column}: the file is not valid UTF-8",
            file=path,
            record=f"line {line}",
            fix="re-export the file as UTF-8 (JSON must be UTF-8)",
        )
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise json_parse_error(exc, text, path) from None
    except RecursionError:
        raise ParseError("JSON nested too deeply to read", file=path, fix="check that the file is a real export") from None


def json_parse_error(exc: json.JSONDecodeError, text: str, path) -> ParseError:
    """Turn a :class:`json.JSONDecodeError` into a :class:`ParseError` with a fix."""
    if exc.pos >= len(text.rstrip()):
        problem = f"the JSON ends too early at line {exc.lineno}, column {exc.colno} (truncated file)"
        fix = "export or download the file again; it was cut off"
    elif text[exc.pos : exc.pos + 2] in ("//", "/*"):
        problem = "a comment, but JSON allows no comments (this is JSONC)"
        fix = "remove the comments and '...' placeholders, or save the real API response"
    else:
        problem = f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        fix = "check the file is an unmodified export"
    return ParseError(problem, file=path, record=f"line {exc.lineno}, column {exc.colno}", fix=fix)
