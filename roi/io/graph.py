"""The Graph API envelope shared by the Facebook and Instagram readers.

Graph API exports come as pages (``{"data": [...], "paging": {...}, "summary": {...}}``),
lists of pages, JSONL with one page per line, or single objects. :func:`graph_items`
walks them record by record; :func:`graph_notes` says when a page is incomplete.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from roi.errors import InputError
from roi.io.base import Rejects
from roi.io.jsonrecords import dig, dump_raw, load_json_records, reject

__all__ = ["GraphWalk", "distinct_unknown_authors", "graph_items", "graph_notes"]


def graph_items(path: Path, rejects: Rejects, errors: str, service: str):
    """Yield ``(record, element, page)`` for every record of a Graph API export.

    Pages (objects with a ``data`` list) are opened: each element is a record and
    ``page`` is the response holding it; any other object is one record with
    ``page=None``. JSONL lines that are not JSON, and pages whose ``data`` is not a
    list, are rejected here. A whole document that is an API error response raises.
    """
    loaded = load_json_records(path)
    events = [(n, False, v) for n, v in loaded.items] + [(n, True, bad) for n, *bad in loaded.bad_lines]
    events.sort(key=lambda e: e[0])
    record = 0
    for number, is_bad, value in events:
        where = f"line {number}" if loaded.layout == "jsonl" else f"element {number}"
        if is_bad:
            record += 1
            reason, detail, raw = value
            reject(rejects, errors, path, record, reason, None, f"{where}: {detail}", raw,
                   fix="repair or remove that line; each line must be one Graph API response")
            continue
        if isinstance(value, dict) and "error" in value and "data" not in value and "id" not in value:
            message = dig(value, "error", "message")
            problem = f"{where} is a {service} API error response, not data ({message or 'no message'})"
            if loaded.layout == "document" and loaded.wrapper is None and len(loaded.items) == 1:
                raise InputError(problem, file=path, record=where, fix="fix the API request and export again")
            record += 1
            reject(rejects, errors, path, record, "api_error", "error", problem, dump_raw(value),
                   fix="fix the API request and export that page again")
            continue
        if isinstance(value, dict) and "data" in value:
            data = value["data"]
            if not isinstance(data, list):
                record += 1
                reject(rejects, errors, path, record, "bad_value", "data",
                       f"{where}: data is a {type(data).__name__}, not a list", dump_raw(value),
                       fix="a Graph API page holds its objects in a data list")
                continue
            for element in data:
                record += 1
                yield record, element, value
            continue
        record += 1
        yield record, value, None


def graph_notes(page: dict, found: int, what: str, notes: list[str], seen: set[int]) -> None:
    """Note a page whose ``paging.next`` or ``summary.total_count`` says the export is incomplete."""
    if id(page) in seen:
        return
    seen.add(id(page))
    total = dig(page, "summary", "total_count")
    if isinstance(total, int) and not isinstance(total, bool) and total > found:
        notes.append(f"a page's summary.total_count says {total} {what}, the page holds {found}:"
                     " fetch the next pages to read them all")
    elif dig(page, "paging", "next"):
        notes.append(f"a page of {found} {what} has a paging.next link: more {what} exist beyond this export")


def distinct_unknown_authors(frame: pd.DataFrame, notes: list[str]) -> pd.DataFrame:
    """Give each message without ``from`` (nor a username) an author of its own.

    The Graph API leaves out ``from`` for people who have not granted the app access;
    counting all of them as one author ``"unknown"`` would make their messages look like
    the same citizen's. Each gets ``"unknown:<message_id>"`` instead, and a note says how many.
    """
    author = frame["author_id"].astype("string")
    name = frame["author_name"].astype("string")
    # a row without a timestamp is rejected anyway (a bare comment reference): leave it out
    anonymous = author.isna() & name.isna() & frame["message_id"].notna() & frame["created_at"].notna()
    if anonymous.any():
        frame["author_id"] = author.mask(anonymous, "unknown:" + frame["message_id"].astype("string"))
        notes.append(f"{int(anonymous.sum())} message(s) without an author (no 'from'): each is counted"
                     " as a distinct unknown author")
    return frame


class GraphWalk:
    """What a Graph API reader collects while walking an export: one raw row per message
    and, beside it, the raw JSON of that message (without its nested lists) for the
    rejects table.

    Parameters
    ----------
    path, rejects, errors
        The file, its :class:`~roi.io.base.Rejects` and the ``errors`` mode.
    nested
        Keys holding nested lists (replies, comments, messages), left out of the raw JSON.
    """

    def __init__(self, path: Path, rejects: Rejects, errors: str, nested: tuple[str, ...]):
        self.path = path
        self.rejects = rejects
        self.errors = errors
        self.nested = nested
        self.rows: list[dict] = []
        self.raws: list[str] = []

    def add(self, number: int, obj: dict, **columns) -> None:
        """Collect one message of record ``number``."""
        self.rows.append({"record": number, **columns})
        self.raws.append(dump_raw({k: v for k, v in obj.items() if k not in self.nested}))

    def record(self, number: int, obj, page: dict | None) -> None:  # pragma: no cover - each reader defines it
        raise NotImplementedError

    def run(self, service: str) -> list[str]:
        """Walk every record of the export, calling :meth:`record`; returns the notes on
        incomplete pages (see :func:`graph_notes`)."""
        notes: list[str] = []
        seen_pages: set[int] = set()
        for number, element, page in graph_items(self.path, self.rejects, self.errors, service):
            self.record(number, element, page)
            if page is not None:
                graph_notes(page, len(page["data"]), "items", notes, seen_pages)
        return notes
