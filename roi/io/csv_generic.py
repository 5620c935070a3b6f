"""Reader for a generic CSV export (CRM, e-mail log, contact form, Excel sheet).

The config's ``[csv.columns]`` table maps message-table columns to the CSV's headers
(case-insensitive), e.g. ``message_id = "Id"``, ``created_at = "Fecha"``, ``text =
"Mensaje"``. Without a mapping, headers named like the message table itself are used
(a CSV that roi wrote). Handles UTF-8, UTF-8 with BOM and Windows-1252, delimiters ``,``
``;`` tab, day-first dates (``31/10/2026 14:05``) and naive timestamps, which are read in
the configured time zone. Boolean columns accept the config's ``true_values``
(``sí``, ``x``, ``1``, ``true`` ...); anything else is False.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from roi.config import Config
from roi.io.base import ReadResult, build_result
from roi.io.csvtext import header_fields, read_csv_records, require_columns

FORMAT = "csv"
DESCRIPTION = "generic CSV with a column mapping in the config's [csv.columns] (or roi's own column names)"
REQUIRED = ("message_id", "created_at", "text")
OPTIONAL = ("author_id", "author_name", "parent_id", "thread_id", "is_official", "channel", "account",
            "lang", "is_public", "is_hidden", "likes")
BOOLEAN = ("is_official", "is_public", "is_hidden")


def _mapping(config: Config) -> dict[str, str]:
    mapping = dict(config.csv.columns)
    for column in REQUIRED:
        mapping.setdefault(column, column)
    return mapping


def sniff(head: str, path: Path, config: Config | None = None) -> bool:
    """True when the header holds the mapped (or roi's own) required columns."""
    config = config or Config()
    fields = set(header_fields(head))
    mapping = _mapping(config)
    return all(mapping[c].lower() in fields for c in REQUIRED)


def read(path, config: Config | None = None, *, errors: str = "collect") -> ReadResult:
    """Read a generic CSV export with the config's column mapping."""
    config = config or Config()
    settings = config.csv
    csv = read_csv_records(path, encoding=settings.encoding, delimiter=settings.delimiter, errors=errors)
    frame = csv.frame
    mapping = _mapping(config)
    fix = ("map the CSV's headers in the config, e.g. [csv.columns] message_id = \"Id\", "
           "created_at = \"Fecha\", text = \"Mensaje\"")
    found = require_columns(frame, {c: mapping[c] for c in REQUIRED}, path, fix=fix)
    by_lower = {c.lower(): c for c in frame.columns if c != "record"}  # "record" holds the row numbers
    for column in OPTIONAL:
        header = mapping.get(column, column if column in settings.columns.values() or column in by_lower else None)
        if header is None:
            continue
        if header.lower() in by_lower:
            found[column] = by_lower[header.lower()]
        elif column in settings.columns:
            require_columns(frame, {column: header}, path, fix=fix)
    raw = pd.DataFrame({"record": frame["record"]})
    for column, header in found.items():
        raw[column] = frame[header]
    truthy = set(settings.true_values)
    for column in BOOLEAN:
        if column in raw.columns:
            values = raw[column].astype("string").str.strip().str.lower()
            raw[column] = values.isin(truthy).astype("boolean").mask(values == "")
    return build_result(
        raw, path=path, fmt=FORMAT, records=csv.records, channel=settings.channel, config=config,
        rejects=csv.rejects, timestamp_format=None, dayfirst=settings.dayfirst, errors=errors, notes=csv.notes,
        raw_of=lambda positions: frame.drop(columns="record").iloc[positions].astype(str).agg(
            csv.delimiter.join, axis=1).tolist(),
    )
