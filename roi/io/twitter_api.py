"""Reader for X/Twitter API v2 tweets, as ``twarc2`` writes them.

Layouts accepted (see :mod:`roi.io.jsonrecords` for how they are told apart):

* **flat JSONL** (``twarc2 flatten``): one tweet object per line, with the author
  expanded under ``author`` and referenced tweets expanded under ``referenced_tweets``;
* **response pages**, one per JSONL line (``twarc2 search`` output): ``data`` (the tweets,
  a list, or one object for a single-tweet lookup), ``includes`` (``users``, ``tweets``,
  ``media``) and ``meta``;
* a plain **JSON file** holding one response page, a list of tweets, or a list of pages.

Field mapping (tweet object -> message table):

=====================================  ==========================================
``id``                                 ``message_id``
``conversation_id``                    ``thread_id`` (the conversation's first tweet)
``referenced_tweets[type=replied_to]``  ``parent_id``
``author_id`` (else ``author.id``)      ``author_id``
``author.username`` (flat) or the       ``author_name`` (matched against the config's
``includes.users`` entry of the page    ``accounts.twitter`` for ``is_official``)
``created_at``                          ``created_at`` (ISO 8601, UTC)
``note_tweet.text`` if present, else    ``text``: ``t.co`` links replaced by their
``text``                                ``expanded_url`` and HTML entities (``&amp;``) decoded
``lang``                                ``lang`` (``und`` and X's ``q*`` codes become missing)
``public_metrics.like_count``           ``likes``
=====================================  ==========================================

``is_public`` is True (the API returns public tweets), ``is_hidden`` False.

What a *record* is: one tweet of the export. In JSONL the record number is the
**line**: a flat line is one record; a page line holds as many records as tweets in its
``data``, all numbered with that line (``source`` = ``file:line``). In a JSON document the
number is the tweet's **position** in the document's list (in ``data`` for a single page).
An unreadable line (not JSON, not an object, ``data`` of the wrong type) is one rejected
record; a tweet without ``id`` or ``created_at`` is rejected by
:func:`roi.io.base.build_result`. A page whose ``data`` is absent or empty (``meta.result_count``
0) holds no record and is mentioned in ``notes``. So
``records == messages + rejects + duplicates`` counts tweets, plus unreadable lines.

Retweets are kept as messages (their text starts with ``RT @``): the schema has no
retweet column, and indicators can tell them apart by text. Tweets listed only in
``includes.tweets`` are the *referenced* tweets (the replied-to, quoted or retweeted
originals), not messages of the export, and are not read.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pandas as pd

from roi.config import Config
from roi.io.base import ReadResult, Rejects, build_result
from roi.io.jsonrecords import as_id, as_text, dig, dump_raw, load_json_records, reject

__all__ = ["DESCRIPTION", "FORMAT", "expand_urls", "read", "sniff"]

FORMAT = "twitter_api_v2"
DESCRIPTION = "X/Twitter API v2 tweets: twarc JSONL (flat tweets or raw response pages) or one response as JSON"

_SIGNATURE = re.compile(r'"(?:__twarc|conversation_id|edit_history_tweet_ids|author_id|referenced_tweets)"\s*:')
_FIX_LINE = "remove or repair that line; each line must be one tweet object or one API response page"
#: raw-frame columns, in order
_COLUMNS = ("record", "message_id", "created_at", "text", "parent_id", "thread_id",
            "author_id", "author_name", "lang", "likes")


def sniff(head: str, path: Path, config=None) -> bool:
    """True for JSON text holding API v2 tweet fields (``conversation_id``, ``author_id``, ...)."""
    start = head.lstrip()[:1]
    return start in ("{", "[") and bool(_SIGNATURE.search(head)) and '"text"' in head


def expand_urls(text: str, urls) -> str:
    """Replace each ``url`` (a ``t.co`` link) in ``text`` with its ``expanded_url``.

    ``urls`` is a tweet's ``entities.urls`` list (API v1.1, v2 and account archives
    all use ``url`` / ``expanded_url``); entries of any other shape are ignored.

    >>> expand_urls("see https://t.co/abc", [{"url": "https://t.co/abc", "expanded_url": "https://x.gob.es/a"}])
    'see https://x.gob.es/a'
    """
    if not isinstance(urls, list):
        return text
    pairs = [(u.get("url"), u.get("expanded_url")) for u in urls if isinstance(u, dict)]
    pairs = [(short, full) for short, full in pairs if isinstance(short, str) and short and isinstance(full, str) and full]
    for short, full in sorted(pairs, key=lambda p: -len(p[0])):
        text = text.replace(short, full)
    return text


def _likes(value):
    if value is None or isinstance(value, int | float | str):
        return value
    return str(value)  # a list or object: build_result rejects it as bad_value


def _users_of(page: dict) -> dict[str, str]:
    users = dig(page, "includes", "users")
    out = {}
    for user in users if isinstance(users, list) else ():
        uid, name = as_id(dig(user, "id")), as_text(dig(user, "username"))
        if uid and name:
            out[uid] = name
    return out


def _tweet_row(tweet: dict, record: int, users: dict[str, str]) -> dict:
    refs = tweet.get("referenced_tweets")
    parent = None
    for ref in refs if isinstance(refs, list) else ():
        if dig(ref, "type") == "replied_to":
            parent = as_id(dig(ref, "id"))
            break
    author_id = as_id(tweet.get("author_id")) or as_id(dig(tweet, "author", "id"))
    author_name = as_text(dig(tweet, "author", "username")) or users.get(author_id or "")
    note = as_text(dig(tweet, "note_tweet", "text"))
    if note:
        text, urls = note, dig(tweet, "note_tweet", "entities", "urls")
    else:
        text, urls = as_text(tweet.get("text")) or "", dig(tweet, "entities", "urls")
    given = tweet.get("text")
    created = tweet.get("created_at")
    return {
        "record": record,
        "message_id": as_id(tweet.get("id")),
        # "" (not None) for a missing timestamp: build_result reports it as missing_field
        "created_at": created if isinstance(created, str) else ("" if created is None else str(created)),
        # a text that is not a string (an object, a number) goes as it is: build_result rejects it as bad_value
        "text": html.unescape(expand_urls(text, urls)) if note or given is None or isinstance(given, str) else given,
        "parent_id": parent,
        "thread_id": as_id(tweet.get("conversation_id")),
        "author_id": author_id,
        "author_name": author_name,
        "lang": as_text(tweet.get("lang")),
        "likes": _likes(dig(tweet, "public_metrics", "like_count")),
    }


def read(path: str | Path, config: Config | None = None, *, errors: str = "collect") -> ReadResult:
    """Read a twarc JSONL file (flat tweets or response pages) or one API v2 response as JSON.

    Parameters
    ----------
    path
        The export file.
    config
        Accounts in ``accounts.twitter`` (handles, or numeric user ids) make their
        tweets official. None means :class:`~roi.config.Config` defaults.
    errors
        ``"collect"`` lists bad lines and tweets in ``rejects`` and reads the rest;
        ``"raise"`` raises :class:`~roi.errors.RecordError` at the first.

    Returns
    -------
    ReadResult
        Channel ``twitter``; see the module docstring for the field mapping and what a
        record is.

    Raises
    ------
    InputError, EmptyInputError, ParseError, EncodingError
        The file is missing or empty, or (for a JSON document) cannot be parsed whole.
    """
    config = config or Config()
    path = Path(path)
    loaded = load_json_records(path, list_keys=("data",))
    rejects = Rejects(path)
    rows: list[dict] = []
    tweets: list[dict] = []
    empty_pages = pages_with_errors = 0

    for number, reason, detail, raw in loaded.bad_lines:
        reject(rejects, errors, path, number, reason, None, detail, raw, fix=_FIX_LINE)

    def add_tweet(tweet, number, users):
        if not isinstance(tweet, dict):
            reject(rejects, errors, path, number, "not_a_record", None,
                   f"a tweet must be a JSON object, not {type(tweet).__name__}", dump_raw(tweet), fix=_FIX_LINE)
            return
        rows.append(_tweet_row(tweet, number, users))
        tweets.append(tweet)

    if loaded.wrapper == "data":  # one response page as a JSON document: a record per tweet of `data`
        users = _users_of(loaded.document)
        pages_with_errors += bool(loaded.document.get("errors"))
        if not loaded.items:
            empty_pages += 1
        for number, tweet in loaded.items:
            add_tweet(tweet, number, users)
    else:
        for number, item in loaded.items:
            if not isinstance(item, dict):
                reject(rejects, errors, path, number, "not_a_record", None,
                       f"expected a JSON object (a tweet or a response page), not {type(item).__name__}",
                       dump_raw(item), fix=_FIX_LINE)
            elif "data" in item or ("meta" in item and "id" not in item):  # a response page
                data = item.get("data")
                pages_with_errors += bool(item.get("errors"))
                if data is None or data == []:
                    empty_pages += 1
                elif isinstance(data, dict | list):
                    users = _users_of(item)
                    for tweet in data if isinstance(data, list) else [data]:
                        add_tweet(tweet, number, users)
                else:
                    reject(rejects, errors, path, number, "bad_value", "data",
                           f"the page's data is a {type(data).__name__}, not a list of tweets",
                           dump_raw(item), fix=_FIX_LINE)
            else:  # a flat tweet
                add_tweet(item, number, {})

    raw = pd.DataFrame(rows, columns=list(_COLUMNS))
    notes = []
    if empty_pages:
        notes.append(f"{empty_pages} response page(s) held no tweets (no data); they are not records")
    if pages_with_errors:
        notes.append(f"{pages_with_errors} response page(s) carry API 'errors' (e.g. referenced tweets that were"
                     " deleted or protected); those are not messages of the export")
    return build_result(
        raw,
        path=path,
        fmt=FORMAT,
        records=raw["record"].nunique() + len(rejects),
        channel="twitter",
        config=config,
        rejects=rejects,
        timestamp_format="ISO8601",
        errors=errors,
        raw_of=lambda positions: [dump_raw(tweets[i]) for i in positions],
        notes=notes,
    )
