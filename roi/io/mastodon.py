"""Reader for Mastodon API statuses.

Layouts read: a JSON list of Status entities (``GET /api/v1/accounts/:id/statuses``,
timelines, search), a single Status, a ``GET /api/v1/statuses/:id/context`` response
``{"ancestors": [...], "descendants": [...]}``, and JSON Lines with one status (or one
context) per line.

Records: each status of a list is a record (numbered by position), each line of a JSON
Lines file is a record (numbered by line), and each status of a single context document
is a record (ancestors first, then descendants). A context found inside a list or a line
is one record whose statuses share its number.

Mapping of a Status entity:

=========================  ======================================================
field                      column
=========================  ======================================================
``id``                     ``message_id``
``created_at``             ``created_at`` (``2019-12-08T03:48:33.901Z``)
``content``                ``text``: HTML to plain text with :func:`roi.io.html_text.html_to_text`
                           (paragraphs and ``<br>`` to newlines, tags stripped, link text
                           kept in full, entities decoded)
``spoiler_text``           prepended to ``text`` (a blank line between) when not empty: the
                           content warning is part of what the author wrote
``visibility``             ``is_public``: ``public`` / ``unlisted`` -> True; ``private``,
                           ``direct`` and anything else -> False; absent -> True
``in_reply_to_id``         ``parent_id``; the thread is the root of the reply chain
``account.id``             ``author_id``
``account.acct``           ``author_name`` (``user`` on the home instance, ``user@domain``
                           elsewhere); a status is official when ``acct`` or
                           ``username@host-of-account.url`` is one of the config's
                           ``accounts.mastodon`` (so ``@ayto@social.example`` matches on
                           any instance), or, failing that, when ``account.id`` is
``language``               ``lang``
``favourites_count``       ``likes``
=========================  ======================================================

``is_hidden`` is False: the Status entity carries no moderation state.

Boosts. A status whose ``reblog`` is a Status is a boost: it repeats another status and
adds no text of its own. It is read as **the boosted status** (with the boost's record
number), because that status is a real message whose thread, author and text the
indicators can use; if the file also holds that status itself, build_result keeps one
copy and counts the other as a duplicate. The booster and the time of the boost are not
kept; a note says how many boosts were read.

Required: ``account`` (an object with an ``id``) and ``content`` (text, possibly empty),
besides ``id`` and ``created_at``. A status lacking them, such as the trimmed examples of
the API documentation, is a reject (``missing_field``), and the rest of the file is read.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd

from roi.config import Config
from roi.io.base import ReadResult, Rejects, build_result
from roi.io.html_text import html_to_text
from roi.io.jsonrecords import (
    as_id,
    as_text,
    check_errors_mode,
    count_value,
    dig,
    dump_raw,
    frame_of,
    load_json_records,
    reject,
    scalar_text,
)

__all__ = ["DESCRIPTION", "FORMAT", "read", "sniff"]

FORMAT = "mastodon"
DESCRIPTION = "Mastodon API statuses (JSON/JSONL): lists of Status entities, a single status, /context responses"

_CONTEXT = re.compile(r'"ancestors"\s*:')
_STATUS_KEYS = (re.compile(r'"account"\s*:\s*\{'), re.compile(r'"content"\s*:'))
_STATUS_HINT = re.compile(r'"(?:visibility|spoiler_text|in_reply_to_account_id|favourites_count|reblogs_count)"\s*:')
_PUBLIC = ("public", "unlisted")
_FIX_STATUS = "each record must be a Mastodon Status entity as the API returns it, with id, created_at, account and content"


def sniff(head: str, path: Path, config: Config | None = None) -> bool:
    """True for JSON text holding Status entities or a ``/context`` response."""
    start = head.lstrip()[:1]
    if start not in ("{", "["):
        return False
    if _CONTEXT.search(head) and '"descendants"' in head:
        return True
    return all(p.search(head) for p in _STATUS_KEYS) and bool(_STATUS_HINT.search(head))


def _statuses(loaded):
    """Yield ``(record, status, where)`` over the file, opening /context responses."""
    single_context = loaded.layout == "document" and len(loaded.items) == 1 and loaded.wrapper is None
    for number, value in loaded.items:
        where = f"line {number}" if loaded.layout == "jsonl" else f"element {number}"
        if isinstance(value, dict) and ("ancestors" in value or "descendants" in value) and "id" not in value:
            parts = [(key, value.get(key)) for key in ("ancestors", "descendants")]
            position = 0
            for key, items in parts:
                if items is None:
                    continue
                if not isinstance(items, list):
                    yield number, items, f"{where}: {key} is not a list"
                    continue
                for item in items:
                    position += 1
                    yield (position if single_context else number), item, f"{key}[{position}]"
        else:
            yield number, value, where


def _status_row(record: int, status: dict, reblog_of: str | None) -> dict:
    account = status["account"]
    url = as_text(account.get("url"))
    host = urlsplit(url).hostname if url else None
    username = as_text(account.get("username"))
    text = status["content"]
    spoiler = status.get("spoiler_text")
    visibility = status.get("visibility")
    return {
        "record": record,
        "message_id": as_id(status.get("id")),
        "created_at": scalar_text(status.get("created_at")),
        "text": text,
        "spoiler": spoiler if isinstance(spoiler, str) else "",
        "author_id": as_id(account.get("id")),
        "author_name": as_text(account.get("acct")),
        "full_handle": f"{username}@{host}" if username and host else None,
        "parent_id": as_id(status.get("in_reply_to_id")),
        "visibility": visibility if visibility is None or isinstance(visibility, str) else "(not text)",
        "lang": as_text(status.get("language")),
        "likes": count_value(status.get("favourites_count")),
        "reblog_of": reblog_of,
    }


def read(path, config: Config | None = None, *, errors: str = "collect") -> ReadResult:
    """Read Mastodon statuses; see the module docstring for layouts and mapping.

    Raises
    ------
    ParseError
        For a document that is not JSON, such as the API documentation's ``/context``
        example with ``// ...`` comments (the error names the line and column).
    """
    check_errors_mode(errors)
    config = config or Config()
    path = Path(path)
    rejects = Rejects(path)
    loaded = load_json_records(path)
    for number, reason, detail, raw in loaded.bad_lines:
        reject(rejects, errors, path, number, reason, None, f"line {number}: {detail}", raw,
               fix="repair or remove that line; each line must be one status")
    rows: list[dict] = []
    raws: list[str] = []
    for number, status, where in _statuses(loaded):
        reblog_of = None
        if isinstance(status, dict) and isinstance(status.get("reblog"), dict):
            reblog_of = as_id(status.get("id"))
            status = status["reblog"]
        problem = None
        if not isinstance(status, dict):
            problem = ("not_a_record", None, f"{where}: a {type(status).__name__}, not a status object")
        elif not isinstance(status.get("account"), dict) or as_id(dig(status, "account", "id")) is None:
            problem = ("missing_field", "account", f"{where}: status {as_id(status.get('id')) or '(no id)'}"
                       " has no account (its author)")
        elif not isinstance(status.get("content"), str):
            problem = ("missing_field", "content", f"{where}: status {as_id(status.get('id')) or '(no id)'}"
                       " has no content text")
        if problem:
            reject(rejects, errors, path, number, *problem, dump_raw(status), fix=_FIX_STATUS)
            continue
        rows.append(_status_row(number, status, reblog_of))
        raws.append(dump_raw(status))
    frame = frame_of(rows)
    notes = []
    if len(frame):
        boosts = int(frame["reblog_of"].notna().sum())
        if boosts:
            notes.append(f"{boosts} boost(s) read as the statuses they boost (the booster is not kept)")
        frame = _derive(frame, config)
    elif not len(rejects):
        notes.append("the export holds no statuses")
    records = int(frame["record"].nunique()) + len(rejects)
    return build_result(frame, path=path, fmt=FORMAT, records=records, channel="mastodon", config=config,
                        rejects=rejects, timestamp_format="ISO8601", errors=errors,
                        raw_of=lambda positions: [raws[i] for i in positions], notes=notes)


def _derive(frame: pd.DataFrame, config: Config) -> pd.DataFrame:
    """Text, visibility and official flags, vectorised over the raw rows."""
    body = html_to_text(frame["text"])
    spoiler = frame["spoiler"].astype("string").str.strip()
    frame["text"] = body.mask(spoiler != "", spoiler + "\n\n" + body)
    visibility = frame["visibility"].astype("string")
    frame["is_public"] = (visibility.isna() | visibility.isin(_PUBLIC)).astype(bool)
    handles = config.official_handles("mastodon")
    acct = frame["author_name"].astype("string").str.lower()
    full = frame["full_handle"].astype("string").str.lower()
    matched = (acct.isin(handles) | full.isin(handles)).fillna(False).astype(bool)
    frame["is_official"] = pd.Series(pd.NA, index=frame.index, dtype="boolean").mask(matched, True)
    return frame.drop(columns=["spoiler", "full_handle", "visibility", "reblog_of"])
