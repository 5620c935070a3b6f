"""The exception family of roi.

Every error roi raises on purpose is a :class:`RoiError`. Its message says what was
received, where (file, record, field) and how to fix it, so that an analyst reading a
failed scheduled job knows what to do without reading a traceback.
"""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "EmptyInputError",
    "EncodingError",
    "InputError",
    "MissingColumnError",
    "ParseError",
    "RecordError",
    "RoiError",
    "SchemaError",
    "UnknownFormatError",
]


class RoiError(Exception):
    """Base class of every error roi raises on purpose.

    Parameters
    ----------
    message
        What went wrong, in one sentence.
    file
        The input file concerned, if any.
    record
        The record number (1-based) or position in that file, if known.
    field
        The field or column concerned, if any.
    fix
        What the user can do about it.
    """

    def __init__(self, message, *, file=None, record=None, field=None, fix=None):
        self.problem = message
        self.file = None if file is None else str(file)
        self.record = record
        self.field = field
        self.fix = fix
        super().__init__(self._render())

    def _render(self) -> str:
        where = []
        if self.file is not None:
            where.append(f"file {self.file}")
        if self.record is not None:
            where.append(f"record {self.record}")
        if self.field is not None:
            where.append(f"field {self.field!r}")
        text = f"{', '.join(where)}: {self.problem}" if where else self.problem
        if self.fix:
            text = text.rstrip()
            text += ("" if text.endswith((".", "?", "!", ")")) else ".") + f" How to fix: {self.fix}"
        return text


class ConfigError(RoiError):
    """The configuration file or a configuration value is invalid."""


class SchemaError(RoiError):
    """A message table does not satisfy the schema; ``problems`` lists every failure."""

    def __init__(self, problems, **kwargs):
        self.problems = list(problems)
        listing = "; ".join(self.problems)
        super().__init__(f"{len(self.problems)} schema problem(s): {listing}", **kwargs)


class InputError(RoiError):
    """An input file cannot be read."""


class EmptyInputError(InputError):
    """An input file holds no data at all."""


class UnknownFormatError(InputError):
    """The format of an input file was not recognised or is not supported."""


class ParseError(InputError):
    """A document cannot be parsed as a whole (truncated JSON, invalid syntax)."""


class EncodingError(InputError):
    """The bytes of an input file cannot be decoded as text."""


class MissingColumnError(InputError):
    """A tabular input lacks a column that the reader requires."""


class RecordError(InputError):
    """One record is invalid; raised instead of rejecting it when ``errors='raise'``."""
