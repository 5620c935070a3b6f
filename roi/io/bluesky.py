"""Reader for Bluesky posts: ``app.bsky.feed.post`` records of the AT Protocol.

Layouts accepted (see :mod:`roi.io.jsonrecords`):

* a ``com.atproto.repo.listRecords`` response: ``{"records": [{"uri", "cid", "value"}], "cursor"}``;
* a JSON list of ``{"uri", "cid", "value"}`` items, or JSON Lines of them (pages of
  ``listRecords`` written one item per line);
* a JSON list (or JSONL) of **bare records**, the ``value`` alone (``{"$type":
  "app.bsky.feed.post", "text", "createdAt", ...}``), as a repository dump or the
  documentation's examples hold them.

Field mapping (item -> message table):

==========================  ====================================================
``uri``                     ``message_id`` (``at://DID/app.bsky.feed.post/RKEY``)
DID part of ``uri``         ``author_id``
``value.createdAt``         ``created_at`` (ISO 8601)
``value.text``              ``text``, kept exactly as written (facets are not expanded)
``value.reply.parent.uri``  ``parent_id``
``value.reply.root.uri``    ``thread_id`` (a post that is not a reply roots its own thread)
``value.langs[0]``          ``lang`` (``en-US`` -> ``en``)
==========================  ====================================================

Records carry no like counts (``likes`` is missing); ``is_public`` is True.
``is_official`` comes from the config: list the administration's DID (or handle) in
``accounts.bluesky``; a listRecords export holds one repository, so its DID is the author
of every record.

**Bare records** have neither uri nor author. Their ``message_id`` is derived, stable across
runs: ``"bsky-sha1:"`` followed by the SHA-1 hex digest of ``createdAt + "\\n" + text``
(UTF-8). Two bare records with the same time and text get the same id and count as one
(a duplicate). Their author is ``config.default_account("bluesky")`` when configured (a
repository dump is the account's own posts), else missing (``build_result`` writes
``"unknown"``).

Records: the element's position in the list (or the JSONL line). An item that is not an
object, whose ``value`` is not an object, or whose ``$type`` is another record type
(a like, a follow) is rejected as ``not_a_record``.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pandas as pd

from roi.config import Config
from roi.io.base import ReadResult, Rejects, build_result
from roi.io.jsonrecords import as_id, as_text, dig, dump_raw, load_json_records, reject

__all__ = ["DESCRIPTION", "FORMAT", "ID_PREFIX", "POST_TYPE", "bare_record_id", "read", "sniff"]

FORMAT = "bluesky"
DESCRIPTION = "Bluesky app.bsky.feed.post records: listRecords response, JSON list or JSONL of records"
POST_TYPE = "app.bsky.feed.post"
#: prefix of the ids derived for bare records (no uri)
ID_PREFIX = "bsky-sha1:"

_AT_URI = re.compile(r"^at://([^/]+)/([^/]+)/([^/]+)$")
_FIX = "remove that item; the file must hold app.bsky.feed.post records"
_COLUMNS = ("record", "message_id", "created_at", "text", "parent_id", "thread_id", "author_id", "author_name", "lang")


def sniff(head: str, path: Path, config=None) -> bool:
    """True for JSON text naming ``app.bsky.feed.post`` (as ``$type`` or in an ``at://`` uri)."""
    return head.lstrip()[:1] in ("{", "[") and POST_TYPE in head


def bare_record_id(created_at: str, text: str) -> str:
    """The derived id of a record without uri: ``bsky-sha1:`` + SHA-1 of ``createdAt\\ntext``.

    >>> bare_record_id("2023-08-07T05:31:12.156888Z", "Hello")[:18]
    'bsky-sha1:71390b54'
    """
    digest = hashlib.sha1(f"{created_at}\n{text}".encode(), usedforsecurity=False).hexdigest()
    return ID_PREFIX + digest


def _row(value: dict, uri: str | None, record: int, owner: str | None) -> dict:
    created = value.get("createdAt")
    created = created if isinstance(created, str) else ("" if created is None else str(created))
    text = as_text(value.get("text")) or ""
    langs = value.get("langs")
    match = _AT_URI.match(uri) if uri else None
    if uri:
        message_id, author_id, author_name = uri, (match.group(1) if match else None), None
    else:
        # (a record without createdAt gets an id too, so that it is rejected for the timestamp it lacks)
        message_id = bare_record_id(created, text)
        author_id, author_name = None, owner
    return {
        "record": record,
        "message_id": message_id,
        "created_at": created,
        # a text that is not a string (a number, an object) goes as it is: build_result rejects it as bad_value
        "text": text if value.get("text") is None or isinstance(value.get("text"), str) else value.get("text"),
        "parent_id": as_id(dig(value, "reply", "parent", "uri")),
        "thread_id": as_id(dig(value, "reply", "root", "uri")),
        "author_id": author_id,
        "author_name": author_name,
        "lang": as_text(langs[0]) if isinstance(langs, list) and langs else None,
    }


def read(path: str | Path, config: Config | None = None, *, errors: str = "collect") -> ReadResult:
    """Read Bluesky post records (listRecords response, JSON list or JSONL).

    Parameters
    ----------
    path
        The export file.
    config
        ``accounts.bluesky`` (DIDs or handles) makes posts official; its first entry is
        the author of bare records. None means :class:`~roi.config.Config` defaults.
    errors
        ``"collect"`` lists bad items in ``rejects`` and reads the rest; ``"raise"``
        raises :class:`~roi.errors.RecordError` at the first.

    Returns
    -------
    ReadResult
        Channel ``bluesky``; see the module docstring for the mapping.

    Raises
    ------
    InputError, EmptyInputError, EncodingError, ParseError
        The file is missing or empty, or a JSON document cannot be parsed whole.
    """
    config = config or Config()
    path = Path(path)
    loaded = load_json_records(path, list_keys=("records",))
    owner = config.default_account("bluesky")
    rejects = Rejects(path)
    rows: list[dict] = []
    items: list[object] = []
    for number, reason, detail, raw in loaded.bad_lines:
        reject(rejects, errors, path, number, reason, None, detail, raw, fix=_FIX)
    for number, item in loaded.items:
        value, uri = item, None
        if isinstance(item, dict) and ("value" in item or "uri" in item):
            value, uri = item.get("value"), as_id(item.get("uri"))
        problem = None
        if not isinstance(value, dict):
            problem = f"expected a post record (a JSON object), not {type(value).__name__}"
        elif value.get("$type", POST_TYPE) != POST_TYPE:
            problem = f"record type {value.get('$type')!r} is not {POST_TYPE}"
        if problem:
            reject(rejects, errors, path, number, "not_a_record", "$type", problem, dump_raw(item), fix=_FIX)
            continue
        rows.append(_row(value, uri, number, owner))
        items.append(item)

    raw = pd.DataFrame(rows, columns=list(_COLUMNS))
    notes = []
    bare = raw["message_id"].astype("string").str.startswith(ID_PREFIX).fillna(False)
    if bare.any():
        who = f"'{owner}' (accounts.bluesky)" if owner else "unknown (no accounts.bluesky in the config)"
        notes.append(f"{int(bare.sum())} record(s) without uri: ids derived as {ID_PREFIX}<sha1 of createdAt"
                     f" and text>, author {who}")
    return build_result(
        raw,
        path=path,
        fmt=FORMAT,
        records=len(loaded.items) + len(loaded.bad_lines),
        channel="bluesky",
        config=config,
        rejects=rejects,
        timestamp_format="ISO8601",
        errors=errors,
        raw_of=lambda positions: [dump_raw(items[i]) for i in positions],
        notes=notes,
    )
