"""Load several export files into one message table, keeping every count traceable."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from roi.config import Config, as_config
from roi.errors import InputError, RoiError, UnknownFormatError
from roi.io import ReadResult, read
from roi.schema import REJECT_COLUMNS, contiguous, empty_messages, empty_rejects, empty_surveys, validate

__all__ = ["Loaded", "files_in", "load"]


@dataclass
class Loaded:
    """Messages, survey answers and rejects of several files.

    Attributes
    ----------
    messages
        The combined message table; a message found in two files (overlapping exports)
        is kept once, from the first file given.
    surveys
        The combined survey answers.
    rejects
        Every reject of every file, plus the cross-file duplicates (reason
        ``duplicate_across_files``).
    results
        The per-file :class:`ReadResult`, in the order given.
    cross_file_duplicates
        How many messages were dropped because an earlier file already held them.
    """

    messages: pd.DataFrame
    surveys: pd.DataFrame
    rejects: pd.DataFrame
    results: list[ReadResult]
    cross_file_duplicates: int

    def counts(self) -> pd.DataFrame:
        """One row per file: format, records, messages, rejects, duplicates."""
        rows = [{"file": Path(r.path).name, "format": r.format, **r.counts} for r in self.results]
        return pd.DataFrame(rows, columns=["file", "format", "records", "messages", "rejects", "duplicates"])


def files_in(folder: str | Path, *, exclude: Iterable[str] = ()) -> list[Path]:
    """The export files of ``folder``: its regular files, sorted, without hidden files, Markdown
    notes, TOML configurations and the names in ``exclude``."""
    folder = Path(folder)
    skip = set(exclude)
    return sorted(p for p in folder.iterdir() if p.is_file() and p.name not in skip and not p.name.startswith(".")
                  and p.suffix not in {".md", ".toml"})


def _expand(paths: str | Path | Iterable[str | Path]) -> list[Path]:
    """One path, or many; a folder stands for its export files (:func:`files_in`)."""
    items = [paths] if isinstance(paths, (str, Path)) else list(paths)
    out: list[Path] = []
    for item in items:
        path = Path(item)
        if path.is_dir():
            found = files_in(path)
            if not found:
                raise RoiError("the folder holds no export files", file=path,
                               fix="name the export files, or put them in the folder")
            out.extend(found)
        else:
            out.append(path)
    return out


def _skipped(path: Path) -> ReadResult:
    """The result for a file of a folder that is not an export: nothing read, a note saying so."""
    return ReadResult(messages=empty_messages(), rejects=empty_rejects(), format="skipped", path=str(path),
                      counts={"records": 0, "messages": 0, "rejects": 0, "duplicates": 0},
                      notes=["not an export file (its content matches no supported format): skipped"])


def load(
    paths: str | Path | Iterable[str | Path],
    config: Config | str | Path | None = None,
    *,
    format: str = "auto",
    errors: str = "collect",
    progress: Callable[[ReadResult], None] | None = None,
    file_errors: list[RoiError] | None = None,
) -> Loaded:
    """Read every file in ``paths`` and combine them.

    ``paths`` is one file, a folder (its export files: :func:`files_in`) or a list of
    either. A file found in a folder whose content matches no supported format (a
    LICENSE, a README, an ``index.html``) is skipped with a note (format ``skipped``, no
    records); a file named on its own must be an export. ``progress`` is called with
    each file's :class:`ReadResult` as soon as it is read. ``file_errors``: when a list,
    a file that cannot be read at all is appended to it (its :class:`RoiError`) and the
    other files are still read, so that every problem is listed in one pass.
    """
    config = as_config(config)
    items = [paths] if isinstance(paths, (str, Path)) else list(paths)
    named = {Path(item) for item in items if not Path(item).is_dir()}
    results = []
    for path in _expand(items):
        try:
            result = read(path, format=format, config=config, errors=errors)
        except UnknownFormatError as exc:
            if path in named or format != "auto":
                if file_errors is None:
                    raise
                file_errors.append(exc)
                continue
            result = _skipped(path)
        except InputError as exc:
            if file_errors is None:
                raise
            file_errors.append(exc)
            continue
        if progress is not None:
            progress(result)
        results.append(result)
    tables = [r.messages for r in results if len(r.messages)]
    rejects = [r.rejects for r in results if len(r.rejects)]
    surveys = [r.surveys for r in results if len(r.surveys)]
    if len(tables) == 1:  # one file's messages: its reader validated them, and no other file can repeat them
        return Loaded(messages=tables[0], surveys=pd.concat(surveys, ignore_index=True) if surveys else empty_surveys(),
                      rejects=pd.concat(rejects, ignore_index=True) if rejects else empty_rejects(), results=results,
                      cross_file_duplicates=0)
    messages = pd.concat(tables, ignore_index=True) if tables else empty_messages()
    dup = messages.duplicated(["channel", "account", "message_id"], keep="first")
    if dup.any():
        later = messages[dup]
        rejects.append(pd.DataFrame({
            "source": later["source"],
            "record": later["source"].str.extract(r":(\d+)$", expand=False).astype("Int64"),
            "reason": "duplicate_across_files",
            "field": "message_id",
            "detail": "an earlier file already holds message " + later["message_id"],
            "raw": later["text"],
        }).astype(REJECT_COLUMNS))
        messages = messages[~dup].reset_index(drop=True)
    return Loaded(
        messages=contiguous(validate(messages)),
        surveys=pd.concat(surveys, ignore_index=True) if surveys else empty_surveys(),
        rejects=pd.concat(rejects, ignore_index=True) if rejects else empty_rejects(),
        results=results,
        cross_file_duplicates=int(dup.sum()),
    )
