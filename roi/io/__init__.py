"""Readers: one module per input format, each returning a :class:`ReadResult`.

>>> import roi.io
>>> result = roi.io.read("data/samples/x_api_v2.jsonl", config="data/samples/roi.toml")  # doctest: +SKIP
>>> result.format, result.counts  # doctest: +SKIP

Every reader module exposes ``FORMAT`` (its name), ``DESCRIPTION``, ``sniff(head, path)``
(True when the first 64 KiB of text look like its format) and
``read(path, config=None, *, errors="collect")``.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from roi.config import Config, as_config
from roi.errors import InputError, UnknownFormatError
from roi.io.base import ReadResult
from roi.io.text import read_bytes

__all__ = ["FORMATS", "ReadResult", "detect_format", "read", "read_many", "reader_for"]

# Detection order: the most specific signatures first, the generic CSV last.
_MODULES = (
    "parquet",
    "twitter_archive",
    "twitter_api",
    "facebook",
    "instagram",
    "mastodon",
    "bluesky",
    "open311",
    "twcs",
    "survey",
    "csv_generic",
)

HEAD_BYTES = 65536


def _load_modules():
    modules = []
    for name in _MODULES:
        try:
            modules.append(importlib.import_module(f"roi.io.{name}"))
        except ModuleNotFoundError as exc:
            if exc.name != f"roi.io.{name}":
                raise
    return modules


_READERS = _load_modules()
#: Format name -> one-line description, in detection order.
FORMATS = {m.FORMAT: m.DESCRIPTION for m in _READERS}


def reader_for(fmt: str):
    """The reader module of format ``fmt``."""
    for module in _READERS:
        if fmt == module.FORMAT:
            return module
    raise UnknownFormatError(
        f"unknown format {fmt!r}",
        field="format",
        fix="use one of: " + ", ".join(FORMATS) + ', or "auto"',
    )


def detect_format(path: str | Path, config: Config | None = None) -> str:
    """Name of the format of ``path``, detected from its content (not its extension)."""
    path = Path(path)
    data = read_bytes(path, head=HEAD_BYTES)
    head = data.decode("utf-8", errors="replace").lstrip("\ufeff")
    for module in _READERS:
        if module.sniff(head, path, config):
            return module.FORMAT
    raise UnknownFormatError(
        "the content matches none of the supported formats",
        file=path,
        fix="supported formats: " + "; ".join(f"{k} ({v})" for k, v in FORMATS.items())
        + ". For a CSV of your own, map its columns in the config's [csv.columns] table, or pass format=...",
    )


def read(path: str | Path, format: str = "auto", config: Config | str | Path | None = None,
         *, errors: str = "collect") -> ReadResult:
    """Read one export file into the message table.

    Parameters
    ----------
    path
        The export file.
    format
        A name from :data:`FORMATS`, or ``"auto"`` to detect it from the content
        (``ReadResult.format`` says which was chosen).
    config
        A :class:`~roi.config.Config`, a path to a TOML file, or None for defaults.
    errors
        ``"collect"`` lists damaged records in ``rejects`` and reads the rest;
        ``"raise"`` stops at the first with a :class:`~roi.errors.RecordError`.
    """
    config = as_config(config)
    path = Path(path)
    if not path.exists():
        raise InputError("file not found", file=path, fix="check the path")
    fmt = detect_format(path, config) if format == "auto" else format
    return reader_for(fmt).read(path, config, errors=errors)


def schema_check(result: ReadResult) -> ReadResult:
    """Validate a result's tables against the schema (for tests and ``roi validate``)."""
    from roi.schema import validate, validate_surveys

    validate(result.messages)
    validate_surveys(result.surveys)
    return result


def read_many(paths, format: str = "auto", config=None, *, errors: str = "collect") -> list[ReadResult]:
    """Read several files; see :func:`read`."""
    config = as_config(config)
    return [read(p, format=format, config=config, errors=errors) for p in paths]
