"""Reader for Facebook Graph API exports of a page: comments, posts and Messenger conversations.

Layouts read (one file may hold any mix of them):

* a ``/comments`` response ``{"data": [comment, ...], "paging": {...}, "summary": {...}}``;
* a ``/feed`` or ``/posts`` response whose elements are posts with nested ``comments.data``;
* a single comment (possibly with nested ``comments.data`` replies), a single post, or a
  ``{"parent": {...}, "id": ...}`` comment reference (``GET /{comment-id}?fields=parent``);
* a ``/conversations`` response whose elements hold ``messages.data`` (Messenger);
* a JSON list of such responses (several pages saved together), or JSON Lines with one
  response per line.

Records: each element of a response's ``data`` list is a record (a single object is one
record), numbered 1, 2, ... in file order over all pages. Replies nested in a comment,
comments nested in a post and messages of a conversation share their container's record
number (:func:`roi.io.base.build_result` counts the extra rows). A JSON Lines line that is
not JSON is one rejected record (its detail names the line).

Mapping of a comment (and of a post, which uses the same field names):

=====================  ==========================================================
field                  column
=====================  ==========================================================
``id``                 ``message_id`` (``"POSTID_COMMENTID"`` for comments)
``created_time``       ``created_at`` (``2015-10-26T11:13:13+0000``)
``from.id``            ``author_id`` (a post without ``from`` is attributed to the
                       ``PAGEID`` part of its ``"PAGEID_POSTID"`` id)
``from.name``          ``author_name``: a display name, matched against the config's
                       ``accounts.facebook`` (which may list the page id or its name).
                       The API leaves ``from`` out for people who have not granted the
                       app access: such a message gets the author ``unknown:<id>`` (one
                       per message, never one "unknown" citizen for all) and a note
``message``            ``text`` (empty for a sticker or photo-only comment)
``like_count``         ``likes``
``is_hidden``          ``is_hidden``
``parent.id``          ``parent_id``; a nested reply's parent is the comment holding it,
                       a comment nested in a post answers the post, and a comment of a
                       ``/{object-id}/comments`` page answers that object when the
                       page's ``paging`` URLs name it. Otherwise ``parent_id`` is empty.
``message_tags``,      ignored
``attachment``
=====================  ==========================================================

``is_public`` is True for comments and posts, False for Messenger messages.

Threads. ``thread_id`` is the **post** a comment belongs to, not its top-level comment.
The answer rule (the first official message in the same thread, after the inbound
message, that replies to it or to a later message of the same citizen) already follows
``parent_id``, so a wider thread loses no precision; what the post-level thread adds is
that a citizen's comment on an official post shares a thread with that post (the
definition of an inbound comment), and that a page answering in a new top-level comment
stays in the citizen's thread, as on Twitter and Mastodon, where the thread is the whole
conversation under the root post. The post id is the full ``"PAGEID_POSTID"`` when the
file holds the post, or when a page's ``paging.next`` / ``paging.previous`` URL names it
(``.../PAGEID_POSTID/comments?...``); otherwise it is the ``POSTID`` part of the comment
id (``"POSTID_COMMENTID"``), so comment exports of one post read separately agree with
each other but not with an export holding the post itself. A comment id without ``_``
leaves the thread to :func:`roi.io.base.resolve_threads` (the root of its reply chain).

Messenger: ``{"data": [{"id": "t_...", "messages": {"data": [{"id": "m_...",
"created_time", "from", "to", "message"}]}}]}``. Each conversation is a record and a
thread (``thread_id`` = the conversation id); ``is_public`` is False; a message's
``parent_id`` is the message before it in the conversation (by ``created_time``), so
that the page's first message after a citizen's answers the citizen's latest message.

A comment reference ``{"parent": {...}, "id": ...}`` gives the referenced comment only
its id: it becomes a reject (no timestamp), and a parent object carrying its own
``created_time`` becomes a message of the same record (once per file).
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from roi.config import Config
from roi.io.base import ReadResult, Rejects, build_result, parse_timestamps
from roi.io.graph import GraphWalk, distinct_unknown_authors
from roi.io.jsonrecords import (
    as_id,
    as_text,
    check_errors_mode,
    count_value,
    dig,
    dump_raw,
    frame_of,
    reject,
    scalar_text,
)

__all__ = [
    "DESCRIPTION",
    "FORMAT",
    "read",
    "scalar_text",
    "sniff",
]

FORMAT = "facebook_graph"
DESCRIPTION = "Facebook Graph API page export (JSON/JSONL): comments with replies, posts, Messenger conversations"

_SNIFF = re.compile(r'"created_time"\s*:')
_SNIFF_BODY = re.compile(r'"(?:message|messages|parent|comments)"\s*:')
#: the object whose /comments edge a page was read from: .../{PAGEID_POSTID or POSTID_COMMENTID}/comments
_EDGE_URL = re.compile(r"/(\d+_\d+)/comments\b")
#: keys only a comment has
_COMMENT_KEYS = frozenset({"like_count", "can_remove", "user_likes", "comment_count", "attachment", "parent",
                           "can_hide", "can_like", "can_reply_privately", "private_reply_conversation"})
#: keys only a post has
_POST_KEYS = frozenset({"updated_time", "status_type", "story", "permalink_url", "full_picture", "attachments",
                        "shares", "privacy", "is_published", "picture", "link", "object_id", "type",
                        "is_expired", "promotable_id"})
_FIX_RECORD = "each element of data must be a comment, post or conversation object as the Graph API returns it"


def sniff(head: str, path: Path, config: Config | None = None) -> bool:
    """True for JSON text with Graph API ``created_time`` and ``message``/``parent``/``comments`` keys."""
    start = head.lstrip()[:1]
    return start in ("{", "[") and bool(_SNIFF.search(head)) and bool(_SNIFF_BODY.search(head))


# -- the Facebook walk -------------------------------------------------------------------------


class _Walk(GraphWalk):
    """Collects one raw row per message, and the raw JSON of each row for the rejects list."""

    def __init__(self, path: Path, rejects: Rejects, errors: str):
        super().__init__(path, rejects, errors, nested=("comments", "messages"))
        self.post_ids: dict[str, str] = {}  # POSTID -> PAGEID_POSTID, from posts and paging URLs
        self.owners: dict[int, tuple[str | None, str | None]] = {}  # id(page) -> edge_owner(page)

    def record(self, number: int, obj, page: dict | None) -> None:
        if not isinstance(obj, dict):
            reject(self.rejects, self.errors, self.path, number, "not_a_record", None,
                   f"a {type(obj).__name__}, not a JSON object", dump_raw(obj), fix=_FIX_RECORD)
            return
        if isinstance(obj.get("messages"), dict):
            self.conversation(number, obj)
        elif _is_post(obj):
            self.post(number, obj)
        else:
            if id(page) not in self.owners:
                self.owners[id(page)] = self.edge_owner(page)
            parent, thread = self.owners[id(page)]
            self.comment(number, obj, parent=parent, thread=thread)

    def edge_owner(self, page: dict | None) -> tuple[str | None, str | None]:
        """``(parent, thread)`` for top-level comments of ``page``, from its paging URLs."""
        if page is None:
            return None, None
        for key in ("next", "previous"):
            url = dig(page, "paging", key)
            match = _EDGE_URL.search(url) if isinstance(url, str) else None
            if match:
                break
        else:
            return None, None
        owner = match.group(1)
        left, right = owner.split("_", 1)
        prefixes = {i.split("_", 1)[0] for i in (as_id(dig(c, "id")) for c in page["data"]) if i and "_" in i}
        if right in prefixes:  # PAGEID_POSTID: the page lists a post's comments
            self.post_ids[right] = owner
            return owner, owner
        if left in prefixes:  # POSTID_COMMENTID: the page lists a comment's replies
            return owner, None
        return None, None

    def comment(self, number: int, obj: dict, *, parent: str | None, thread: str | None,
                embedded: bool = False) -> None:
        message_id = as_id(obj.get("id"))
        upper = obj.get("parent")
        if isinstance(upper, dict) and "created_time" in upper:
            self.comment(number, upper, parent=None, thread=thread, embedded=True)
        own_parent = as_id(dig(obj, "parent", "id")) or as_id(upper) or parent
        post_key = message_id.split("_", 1)[0] if message_id and "_" in message_id else None
        text = obj.get("message")
        hidden = obj.get("is_hidden")
        problem = None
        if text is not None and not isinstance(text, str):
            problem = ("message", f"message is a {type(text).__name__}, not text")
        elif hidden is not None and not isinstance(hidden, bool):
            problem = ("is_hidden", f"is_hidden must be true or false, got {hidden!r}")
        if problem:
            reject(self.rejects, self.errors, self.path, number, "bad_value", problem[0],
                   f"comment {message_id or '(no id)'}: {problem[1]}", dump_raw(obj), fix="correct the value")
        else:
            self.add(number, obj, message_id=message_id, created_at=scalar_text(obj.get("created_time")),
                     text=text or "", author_id=as_id(dig(obj, "from", "id")),
                     author_name=as_text(dig(obj, "from", "name")), parent_id=own_parent, thread_id=thread,
                     is_public=True, is_hidden=hidden, likes=count_value(obj.get("like_count")),
                     _post_key=post_key, _embedded=embedded, _dm=False)
        replies = dig(obj, "comments", "data")
        if isinstance(replies, list):
            for reply in replies:
                if isinstance(reply, dict):
                    self.comment(number, reply, parent=message_id, thread=thread)
                else:
                    reject(self.rejects, self.errors, self.path, number, "not_a_record", None,
                           f"a reply of comment {message_id} is a {type(reply).__name__}, not an object",
                           dump_raw(reply), fix=_FIX_RECORD)

    def post(self, number: int, obj: dict) -> None:
        post_id = as_id(obj.get("id"))
        page_id = post_id.split("_", 1)[0] if post_id and "_" in post_id else None
        if post_id and page_id:
            self.post_ids[post_id.split("_", 1)[1]] = post_id
        text = obj.get("message")
        hidden = obj.get("is_hidden")
        problem = None
        if text is not None and not isinstance(text, str):
            problem = ("message", "message is not text")
        elif hidden is not None and not isinstance(hidden, bool):
            problem = ("is_hidden", f"is_hidden must be true or false, got {hidden!r}")
        if problem:
            reject(self.rejects, self.errors, self.path, number, "bad_value", problem[0],
                   f"post {post_id or '(no id)'}: {problem[1]}", dump_raw(obj), fix="correct the value")
        else:
            self.add(number, obj, message_id=post_id, created_at=scalar_text(obj.get("created_time")),
                     text=text or "", author_id=as_id(dig(obj, "from", "id")) or page_id,
                     author_name=as_text(dig(obj, "from", "name")), parent_id=None, thread_id=post_id,
                     is_public=True, is_hidden=hidden, likes=None, _post_key=None, _embedded=False, _dm=False)
        comments = dig(obj, "comments", "data")
        if isinstance(comments, list):
            for item in comments:
                if isinstance(item, dict):
                    self.comment(number, item, parent=post_id, thread=post_id)
                else:
                    reject(self.rejects, self.errors, self.path, number, "not_a_record", None,
                           f"a comment of post {post_id} is a {type(item).__name__}, not an object",
                           dump_raw(item), fix=_FIX_RECORD)

    def conversation(self, number: int, obj: dict) -> None:
        conversation_id = as_id(obj.get("id"))
        messages = dig(obj, "messages", "data")
        if not isinstance(messages, list) or not messages:
            reject(self.rejects, self.errors, self.path, number, "missing_field", "messages",
                   f"conversation {conversation_id or '(no id)'} holds no messages", dump_raw(obj),
                   fix="export conversations with fields=messages{id,created_time,from,to,message}")
            return
        for item in messages:
            if not isinstance(item, dict):
                reject(self.rejects, self.errors, self.path, number, "not_a_record", None,
                       f"a message of conversation {conversation_id} is a {type(item).__name__}, not an object",
                       dump_raw(item), fix=_FIX_RECORD)
                continue
            text = item.get("message")
            if text is not None and not isinstance(text, str):
                reject(self.rejects, self.errors, self.path, number, "bad_value", "message",
                       f"message {as_id(item.get('id')) or '(no id)'} of conversation {conversation_id}:"
                       " message is not text", dump_raw(item), fix="correct the value")
                continue
            self.add(number, item, message_id=as_id(item.get("id")), created_at=scalar_text(item.get("created_time")),
                     text=text or "", author_id=as_id(dig(item, "from", "id")),
                     author_name=as_text(dig(item, "from", "name")), parent_id=None, thread_id=conversation_id,
                     is_public=False, is_hidden=False, likes=None, _post_key=None, _embedded=False, _dm=True)


def _is_post(obj: dict) -> bool:
    """A post, not a comment: post-only keys, or nested comments whose ids start with its POSTID part."""
    keys = obj.keys()
    if keys & _COMMENT_KEYS:
        return False
    if keys & _POST_KEYS:
        return True
    own = as_id(obj.get("id"))
    if not own or "_" not in own:
        return False
    suffix = own.split("_", 1)[1]
    nested = dig(obj, "comments", "data")
    ids = [as_id(dig(c, "id")) for c in nested] if isinstance(nested, list) else []
    return any(i and i.split("_", 1)[0] == suffix for i in ids)


def _finish(frame: pd.DataFrame, post_ids: dict[str, str], timezone: str) -> pd.DataFrame:
    """Threads from post ids, Messenger reply chains, and one copy of each embedded parent (vectorised)."""
    key = frame["_post_key"].astype("string")
    thread = frame["thread_id"].astype("string")
    full = key.map(post_ids).astype("string")
    frame["thread_id"] = thread.fillna(full).fillna(key)
    # an embedded parent object is context: keep it only when the file does not hold that comment itself
    ids = frame["message_id"].astype("string")
    embedded = frame["_embedded"].astype(bool)
    own_ids = set(ids[~embedded].dropna())
    drop = embedded & (ids.isin(own_ids) | ids.where(embedded).duplicated(keep="first") & ids.notna())
    frame = frame[~drop].copy()
    dm = frame["_dm"].astype(bool) & frame["parent_id"].isna()
    if dm.any():
        chain = pd.DataFrame({
            "thread": frame.loc[dm, "thread_id"].astype("string").fillna(""),
            "ts": parse_timestamps(frame.loc[dm, "created_at"], fmt="ISO8601", timezone=timezone),
            "id": frame.loc[dm, "message_id"].astype("string"),
        }).dropna(subset=["ts"])
        chain = chain.sort_values(["thread", "ts"], kind="stable")
        previous = chain.groupby("thread", sort=False)["id"].shift(1)
        frame.loc[previous.index, "parent_id"] = previous.to_numpy()
    return frame


def read(path, config: Config | None = None, *, errors: str = "collect") -> ReadResult:
    """Read a Facebook Graph API export; see the module docstring for layouts and mapping.

    Returns
    -------
    ReadResult
        Channel ``facebook``; ``counts["records"]`` counts the elements of every page plus
        the nested replies, comments and messages they hold.
    """
    check_errors_mode(errors)
    config = config or Config()
    path = Path(path)
    rejects = Rejects(path)
    walk = _Walk(path, rejects, errors)
    notes = walk.run("Facebook Graph")
    frame = frame_of(walk.rows)
    for column, default in (("_post_key", None), ("_embedded", False), ("_dm", False)):
        if column not in frame.columns:
            frame[column] = default
    kept = _finish(frame.reset_index(drop=True), walk.post_ids, config.timezone)
    raws = [walk.raws[i] for i in kept.index]
    kept = kept.drop(columns=["_post_key", "_embedded", "_dm"]).reset_index(drop=True)
    kept = distinct_unknown_authors(kept, notes)
    if not len(kept) and not len(rejects):
        notes.append("the export holds no comments, posts or messages")
    records = int(kept["record"].nunique()) + len(rejects)
    return build_result(kept, path=path, fmt=FORMAT, records=records, channel="facebook", config=config,
                        rejects=rejects, timestamp_format="ISO8601", errors=errors,
                        raw_of=lambda positions: [raws[i] for i in positions], notes=notes)
