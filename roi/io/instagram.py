"""Reader for Instagram Graph API exports: comments on a professional account's media.

Layouts read (one file may hold any mix of them):

* a ``GET /{ig-media-id}/comments`` response ``{"data": [comment, ...], "paging": {...}}``;
* an IG Media object with its ``comments.data`` (``GET /{ig-media-id}?fields=...,comments{...}``),
  or a ``GET /{ig-user-id}/media`` page of such media objects;
* a single IG Comment (possibly with nested ``replies.data``);
* a JSON list of such responses, or JSON Lines with one response per line.

Records: each element of a response's ``data`` list is a record (a single object is one
record), numbered 1, 2, ... in file order over all pages; replies nested in a comment and
comments nested in a media object share their container's record number.

Mapping of an IG Comment (field names of the IG Comment reference):

=====================  ==========================================================
field                  column
=====================  ==========================================================
``id``                 ``message_id``
``timestamp``          ``created_at`` (``2026-10-31T14:05:00+0000``)
``from.id``            ``author_id`` (``user.id`` when ``from`` is absent)
``username``           ``author_name`` (``from.username`` when absent), matched against
                       the config's ``accounts.instagram``. A comment with neither (the
                       API needs the ``instagram_business_manage_comments`` permission
                       for them) gets the author ``unknown:<id>``, one per comment
``text``               ``text``
``like_count``         ``likes``
``hidden``             ``is_hidden``
``parent_id``          ``parent_id``; a reply nested in ``replies.data`` answers the
                       comment holding it, and a top-level comment answers its media
                       (``media.id`` or the media object holding it)
``media.id``           ``thread_id``: the thread is the media, as a Facebook comment's
                       thread is its post (see :mod:`roi.io.facebook`); without a known
                       media the thread is the root of the reply chain
=====================  ==========================================================

A media object that carries its own ``timestamp`` is a message too (``caption`` ->
``text``, ``owner.id`` -> ``author_id``, ``username`` -> ``author_name``, ``like_count``
-> ``likes``), so that comments on an official post share a thread with it. A media
object fetched without ``timestamp`` only gives its comments their thread. ``is_public``
is always True (comments are public; direct messages use the Messaging API).
"""

from __future__ import annotations

import re
from pathlib import Path

from roi.config import Config
from roi.io.base import ReadResult, Rejects, build_result
from roi.io.graph import GraphWalk, distinct_unknown_authors
from roi.io.jsonrecords import as_id, as_text, check_errors_mode, count_value, dig, dump_raw, frame_of, reject, scalar_text

__all__ = ["DESCRIPTION", "FORMAT", "read", "sniff"]

FORMAT = "instagram_graph"
DESCRIPTION = "Instagram Graph API comments (JSON/JSONL): /{media}/comments pages, media with comments, replies"

_SNIFF_TIME = re.compile(r'"timestamp"\s*:\s*"\d{4}-')
_SNIFF_BODY = re.compile(r'"(?:username|media|hidden|replies|caption|media_type)"\s*:')
#: keys only an IG Media object has (a comment never does)
_MEDIA_KEYS = frozenset({"caption", "media_type", "media_url", "permalink", "comments_count", "owner",
                         "media_product_type", "thumbnail_url", "shortcode", "is_comment_enabled", "comments"})
_FIX_RECORD = "each element of data must be an IG Comment or IG Media object as the Graph API returns it"


def sniff(head: str, path: Path, config: Config | None = None) -> bool:
    """True for JSON text with an ISO ``timestamp`` and IG fields (``username``, ``media``, ``hidden``, ...)."""
    start = head.lstrip()[:1]
    return (start in ("{", "[") and '"created_time"' not in head and bool(_SNIFF_TIME.search(head))
            and bool(_SNIFF_BODY.search(head)))


class _Walk(GraphWalk):
    """Collects one raw row per comment (and per dated media object)."""

    def __init__(self, path: Path, rejects: Rejects, errors: str):
        super().__init__(path, rejects, errors, nested=("comments", "replies"))

    def bad(self, number: int, reason: str, field: str | None, detail: str, raw) -> None:
        reject(self.rejects, self.errors, self.path, number, reason, field, detail, dump_raw(raw),
               fix=_FIX_RECORD if reason == "not_a_record" else "correct the value")

    def record(self, number: int, obj, page: dict | None = None) -> None:
        if not isinstance(obj, dict):
            self.bad(number, "not_a_record", None, f"a {type(obj).__name__}, not a JSON object", obj)
        elif obj.keys() & _MEDIA_KEYS:
            self.media(number, obj)
        else:
            self.comment(number, obj, parent=None, media=None)

    def media(self, number: int, obj: dict) -> None:
        media_id = as_id(obj.get("id"))
        caption = obj.get("caption")
        comments = dig(obj, "comments", "data")
        dated = "timestamp" in obj
        if caption is not None and not isinstance(caption, str):
            self.bad(number, "bad_value", "caption", f"media {media_id}: caption is not text", obj)
        elif dated:
            self.add(number, obj, message_id=media_id, created_at=scalar_text(obj.get("timestamp")),
                     text=caption or "", author_id=as_id(dig(obj, "owner", "id")),
                     author_name=as_text(obj.get("username")), parent_id=None, thread_id=media_id,
                     is_public=True, is_hidden=False, likes=count_value(obj.get("like_count")))
        elif not isinstance(comments, list) or not comments:
            self.bad(number, "missing_field", "comments",
                     f"media {media_id or '(no id)'} has neither a timestamp nor comments", obj)
            return
        if isinstance(comments, list):
            for item in comments:
                if isinstance(item, dict):
                    self.comment(number, item, parent=media_id, media=media_id)
                else:
                    self.bad(number, "not_a_record", None,
                             f"a comment of media {media_id} is a {type(item).__name__}, not an object", item)

    def comment(self, number: int, obj: dict, *, parent: str | None, media: str | None) -> None:
        comment_id = as_id(obj.get("id"))
        media = as_id(dig(obj, "media", "id")) or media
        text = obj.get("text")
        hidden = obj.get("hidden")
        if text is not None and not isinstance(text, str):
            self.bad(number, "bad_value", "text", f"comment {comment_id or '(no id)'}: text is not text", obj)
        elif hidden is not None and not isinstance(hidden, bool):
            self.bad(number, "bad_value", "hidden",
                     f"comment {comment_id or '(no id)'}: hidden must be true or false, got {hidden!r}", obj)
        else:
            self.add(number, obj, message_id=comment_id, created_at=scalar_text(obj.get("timestamp")),
                     text=text or "",
                     author_id=as_id(dig(obj, "from", "id")) or as_id(dig(obj, "user", "id")),
                     author_name=as_text(obj.get("username")) or as_text(dig(obj, "from", "username")),
                     parent_id=as_id(obj.get("parent_id")) or parent or media, thread_id=media,
                     is_public=True, is_hidden=hidden, likes=count_value(obj.get("like_count")))
        replies = dig(obj, "replies", "data")
        if isinstance(replies, list):
            for item in replies:
                if isinstance(item, dict):
                    self.comment(number, item, parent=comment_id, media=media)
                else:
                    self.bad(number, "not_a_record", None,
                             f"a reply of comment {comment_id} is a {type(item).__name__}, not an object", item)


def read(path, config: Config | None = None, *, errors: str = "collect") -> ReadResult:
    """Read an Instagram Graph API export; see the module docstring for layouts and mapping.

    Returns
    -------
    ReadResult
        Channel ``instagram``; ``counts["records"]`` counts the elements of every page
        plus the nested comments and replies they hold.
    """
    check_errors_mode(errors)
    config = config or Config()
    path = Path(path)
    rejects = Rejects(path)
    walk = _Walk(path, rejects, errors)
    notes = walk.run("Instagram Graph")
    frame = distinct_unknown_authors(frame_of(walk.rows), notes)
    raws = walk.raws
    if not len(frame) and not len(rejects):
        notes.append("the export holds no comments or media")
    records = int(frame["record"].nunique()) + len(rejects)
    return build_result(frame, path=path, fmt=FORMAT, records=records, channel="instagram", config=config,
                        rejects=rejects, timestamp_format="ISO8601", errors=errors,
                        raw_of=lambda positions: [raws[i] for i in positions], notes=notes)
