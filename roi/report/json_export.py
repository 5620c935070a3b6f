"""``indicators.json`` and the CSV tables written beside each report.

The JSON schema is versioned (:data:`SCHEMA_VERSION`) and documented in ``docs/report.md``.
Values are the library's, at full precision: NaN is written as ``null`` and infinities as
the strings ``"inf"`` / ``"-inf"`` (JSON has no infinity).
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pandas as pd

from roi import __version__
from roi.csvout import write_csv

__all__ = ["SCHEMA", "SCHEMA_VERSION", "indicators_document", "jsonable", "write_indicators", "write_tables"]

SCHEMA = "roi-indicators"
#: Major changes break readers; minor versions only add fields.
SCHEMA_VERSION = "1.1"


def jsonable(value):
    """A value JSON can hold: NaN/NA -> None, inf -> "inf", numpy scalars -> Python."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        value = float(value)
        if math.isnan(value):
            return None
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return value
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    return str(value)


def _row(row: pd.Series | None) -> dict | None:
    return None if row is None else {k: jsonable(v) for k, v in row.items()}


def _records(frame: pd.DataFrame) -> list[dict]:
    return [{k: jsonable(v) for k, v in rec.items()} for rec in frame.to_dict("records")]


def _headline(row: pd.Series) -> dict:
    """The key figures of one period: ``roi_index``, ``scores`` (family -> score), ``n_inbound``, ``response_rate``,
    ``frt_median_business_minutes`` (null where the period has no data)."""
    from roi.index import FAMILIES

    return {"roi_index": jsonable(row["roi_index"]), "scores": {f: jsonable(row[f"score_{f}"]) for f in FAMILIES},
            "n_inbound": jsonable(row["speed_n_inbound"]), "response_rate": jsonable(row["speed_response_rate"]),
            "frt_median_business_minutes": jsonable(row["speed_frt_median_business_minutes"])}


def indicators_document(report) -> dict:
    """The ``indicators.json`` content of a :class:`~roi.report.document.PeriodicReport`."""
    now, before, year = report.now, report.row(report.before), report.row(report.year)
    contrib = report.result.contributions
    breakdown = report.breakdown_result.table
    counts = report.loaded.counts()
    rejects = report.loaded.rejects
    return {
        "schema": SCHEMA,
        "schema_version": SCHEMA_VERSION,
        "roi_version": __version__,
        "administration": report.config.name,
        "language": report.lang,
        "period": report.period,
        "freq": report.freq,
        "comparison_period": report.before,
        "year_earlier_period": report.year,
        "data_until": jsonable(report.messages["created_at"].max()),
        "headline": {
            **_headline(now),
            "comparison_roi_index": None if before is None else jsonable(before["roi_index"]),
            "year_earlier_roi_index": None if year is None else jsonable(year["roi_index"]),
        },
        "trend": [{"period": row["period"], **_headline(row)} for _, row in report.trend().iterrows()],
        "what_moved": _records(report.what_moved()),
        "indicators": _row(now),
        "comparison": _row(before),
        "year_earlier": _row(year),
        "contributions": _records(contrib[contrib["period"] == report.period]),
        "by_account_channel": _records(breakdown[breakdown["period"] == report.period]),
        "data_quality": {
            "files": _records(counts),
            "rejects_by_reason": {str(k): int(v) for k, v in rejects["reason"].astype(str).value_counts().items()},
            "cross_file_duplicates": int(report.loaded.cross_file_duplicates),
        },
        "notes": list(report.result.notes),
    }


def write_indicators(report, path: Path) -> Path:
    """Write ``indicators.json`` (UTF-8, sorted as built, two-space indent)."""
    document = indicators_document(report)
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False) + "\n", encoding="utf-8")
    return path


def write_tables(report, folder: Path) -> list[Path]:
    """Write the CSV tables: every period's indicators, the period's contributions, the per-account table, the files
    read (and, with earlier exports, the comments that disappeared per period)."""
    contrib = report.result.contributions
    breakdown = report.breakdown_result.table
    tables = {
        "indicators_by_period.csv": report.result.table,
        "contributions.csv": contrib[contrib["period"] == report.period],
        "accounts_channels.csv": breakdown[breakdown["period"] == report.period],
        "files_read.csv": report.loaded.counts(),
        "rejects_by_reason.csv": report.loaded.rejects["reason"].astype(str).value_counts().rename_axis("reason")
        .reset_index(name="count"),
    }
    if report.disappeared is not None:
        tables["disappeared_by_period.csv"] = report.disappeared
    written = []
    for name, table in tables.items():
        write_csv(table, folder / name)
        written.append(folder / name)
    return written
