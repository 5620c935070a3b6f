"""Spellings shared by several exports: UTC timestamps and semicolon-separated CSV text."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence

__all__ = ["csv_text", "iso_z", "utc"]


def utc(t: int, fmt: str) -> str:
    """Epoch seconds ``t`` as UTC, formatted with :meth:`datetime.datetime.strftime` ``fmt``."""
    return dt.datetime.fromtimestamp(t, dt.UTC).strftime(fmt)


def iso_z(t: int, ms: int = 0) -> str:
    """ISO 8601 UTC with milliseconds and ``Z``, as X and Mastodon write it.

    >>> iso_z(0, 5)
    '1970-01-01T00:00:00.005Z'
    """
    return utc(t, "%Y-%m-%dT%H:%M:%S") + f".{ms:03d}Z"


def csv_text(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """CSV as Excel in Spain saves it: ``;``-separated, CRLF line ends, quoted only where needed."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()
