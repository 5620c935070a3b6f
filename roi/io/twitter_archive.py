"""Reader for the X/Twitter account data archive: ``data/tweets.js`` and its parts.

The archive an account owner downloads ("Download an archive of your data") holds the
owner's own tweets in ``data/tweets.js`` (older archives: ``tweet.js``; large ones are
split into ``tweets-part1.js``, ``tweets-part2.js``, ...). Each file is a JavaScript
assignment of a JSON list::

    window.YTD.tweets.part0 = [ { "tweet" : { "id_str" : "...", "full_text" : "...", ... } }, ... ]

The assignment prefix (``window.YTD.tweets.partN``, ``window.YTD.tweet.partN`` or
``window.YTD.community_tweet.partN``) is blanked out and the rest parsed as one JSON
document; a document that cannot be parsed raises :class:`~roi.errors.ParseError` with
the line and column in the file. Read one file per call (each part separately).
Elements may be wrapped (``{"tweet": {...}}``, every archive since 2019) or bare tweet
objects (some older archives); a file holding the bare list without the prefix is read too.

Field mapping (archive tweet -> message table):

=================================  ==================================================
``id_str`` (else ``id``)           ``message_id``
``created_at``                     ``created_at`` (``"Wed Oct 11 06:55:44 +0000 2017"``)
``full_text`` (else ``text``)      ``text``: ``t.co`` links of ``entities.urls`` replaced by
                                   their ``expanded_url``; HTML entities (``&amp;``) decoded
``in_reply_to_status_id_str``      ``parent_id`` (else ``in_reply_to_status_id``)
``lang``                           ``lang`` (``und`` becomes missing)
``favorite_count``                 ``likes`` (digits as text in archives)
=================================  ==================================================

Every tweet of an archive is written by the archive's owner, so ``is_official`` is True
and ``author_name`` is the owner's handle: ``config.default_account("twitter")`` (the first
of ``accounts.twitter``) or, when none is configured, ``"archive_owner"`` (with a note).
The archive does not name the owner in ``tweets.js``. ``thread_id`` is not in the archive:
:func:`~roi.io.base.build_result` follows ``parent_id`` (a reply to a citizen's tweet has
that tweet, which is not in the archive, as the root of its thread).
``in_reply_to_screen_name``, ``in_reply_to_user_id_str`` and ``entities.user_mentions`` name
the citizen answered; the message table has no column for them and they are not read.

Records: the element's position in the list is its record number (``source`` =
``tweets.js:5`` for the fifth tweet). An element that is not a tweet object is rejected
as ``not_a_record``. Edited tweets: since 2022 the archive lists every version of an
edited tweet as its own element, all naming the version ids in
``edit_info.*.editTweetIds``; a version is rejected as ``superseded_edit`` when a later
version of it is in the same file, so that each tweet counts once (the latest text).
Retweets (``"RT @..."``) are kept as messages.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pandas as pd

from roi.config import Config
from roi.errors import ParseError
from roi.io.base import ReadResult, Rejects, build_result
from roi.io.jsonrecords import as_id, as_text, dig, dump_raw, parse_json_text, reject
from roi.io.text import decode, read_bytes
from roi.io.twitter_api import expand_urls

__all__ = ["DESCRIPTION", "FORMAT", "OWNER_PLACEHOLDER", "read", "sniff"]

FORMAT = "twitter_archive"
DESCRIPTION = "X/Twitter account archive: data/tweets.js (or tweet.js, tweets-partN.js) of the owner's tweets"
#: author_name of the archive's tweets when the config names no Twitter account
OWNER_PLACEHOLDER = "archive_owner"

_PREFIX = re.compile(r"\s*window\.YTD\.(\w+)\.part(\d+)\s*=\s*")
_TWEET_KINDS = ("tweets", "tweet", "community_tweet")
# "Wed Oct 11 06:55:44 +0000 2017" -> "2017 Oct 11 06:55:44 +0000", so that the offset ends the
# string and build_result parses mixed offsets alike
_ARCHIVE_TIME = (r"^\s*[A-Za-z]{3} ([A-Za-z]{3}) (\d{1,2}) (\d{1,2}:\d{2}:\d{2}) ([+-]\d{4}) (\d{4})\s*$",
                 r"\5 \1 \2 \3 \4")
_TIME_FORMAT = "%Y %b %d %H:%M:%S %z"
_COLUMNS = ("record", "message_id", "created_at", "text", "parent_id", "lang", "likes")


def sniff(head: str, path: Path, config=None) -> bool:
    """True when the text starts with ``window.YTD.tweets.partN =`` (or ``tweet`` / ``community_tweet``)."""
    match = _PREFIX.match(head)
    return bool(match) and match.group(1) in _TWEET_KINDS


def _tweet_row(tweet: dict, record: int) -> dict:
    text = as_text(tweet.get("full_text")) or as_text(tweet.get("text")) or ""
    created = tweet.get("created_at")
    return {
        "record": record,
        "message_id": as_id(tweet.get("id_str")) or as_id(tweet.get("id")),
        "created_at": created if isinstance(created, str) else ("" if created is None else str(created)),
        "text": html.unescape(expand_urls(text, dig(tweet, "entities", "urls"))),
        "parent_id": as_id(tweet.get("in_reply_to_status_id_str")) or as_id(tweet.get("in_reply_to_status_id")),
        "lang": as_text(tweet.get("lang")),
        "likes": tweet.get("favorite_count") if isinstance(tweet.get("favorite_count"), int | str) else None,
    }


def _edit_ids(tweet: dict) -> list[str]:
    ids = dig(tweet, "edit_info", "initial", "editTweetIds") or dig(
        tweet, "edit_info", "edit", "editControlInitial", "editTweetIds")
    return [i for i in (as_id(x) for x in ids) if i] if isinstance(ids, list) else []


def read(path: str | Path, config: Config | None = None, *, errors: str = "collect") -> ReadResult:
    """Read one ``tweets.js`` / ``tweet.js`` / ``tweets-partN.js`` file of an account archive.

    Parameters
    ----------
    path
        The file (one part per call).
    config
        ``accounts.twitter``: its first handle is the archive's owner. None means
        :class:`~roi.config.Config` defaults (owner ``"archive_owner"``).
    errors
        ``"collect"`` lists bad tweets in ``rejects`` and reads the rest; ``"raise"``
        raises :class:`~roi.errors.RecordError` at the first.

    Returns
    -------
    ReadResult
        Channel ``twitter``, every message official; see the module docstring.

    Raises
    ------
    InputError, EmptyInputError, EncodingError, ParseError
        The file is missing or empty, holds another archive file (``like.js``, ...), or
        its JSON cannot be parsed (truncated, edited by hand).
    """
    config = config or Config()
    path = Path(path)
    text = decode(read_bytes(path), path)
    match = _PREFIX.match(text)
    if match and match.group(1) not in _TWEET_KINDS:
        raise ParseError(
            f"this archive file holds '{match.group(1)}' data, not tweets",
            file=path, record="line 1", field=f"window.YTD.{match.group(1)}",
            fix="read data/tweets.js (or tweet.js, tweets-partN.js) of the archive",
        )
    loaded = parse_json_text(text, path, prefix_length=match.end() if match else 0)
    if loaded.layout != "document" or not isinstance(loaded.document, list):
        raise ParseError(
            "expected a JSON list of tweets after 'window.YTD.tweets.part0 ='",
            file=path, record="line 1",
            fix="read the tweets.js file of an unmodified archive",
        )

    rejects = Rejects(path)
    rows: list[dict] = []
    tweets: list[dict] = []
    for number, item in loaded.items:
        tweet = item.get("tweet") if isinstance(item, dict) and isinstance(item.get("tweet"), dict) else item
        if not isinstance(tweet, dict):
            reject(rejects, errors, path, number, "not_a_record", None,
                   f"an archive element must be a tweet object, not {type(tweet).__name__}", dump_raw(item),
                   fix="remove that element, or re-download the archive")
            continue
        rows.append(_tweet_row(tweet, number))
        tweets.append(tweet)

    # an edited tweet: keep only its latest version present in this file
    present = {row["message_id"] for row in rows}
    keep: list[int] = []
    for position, (row, tweet) in enumerate(zip(rows, tweets, strict=True)):
        versions = _edit_ids(tweet)
        later = versions[versions.index(row["message_id"]) + 1:] if row["message_id"] in versions else []
        newer = [v for v in later if v in present]
        if newer:
            reject(rejects, errors, path, row["record"], "superseded_edit", "id_str",
                   f"tweet {row['message_id']} was edited; its later version {newer[-1]} is in the file and kept",
                   dump_raw(tweet), fix="nothing to fix: earlier versions of edited tweets are left out on purpose")
        else:
            keep.append(position)
    rows = [rows[i] for i in keep]
    tweets = [tweets[i] for i in keep]

    owner = config.default_account("twitter")
    notes = []
    if owner is None:
        owner = OWNER_PLACEHOLDER
        notes.append(f"no accounts.twitter in the config: the archive owner is called '{OWNER_PLACEHOLDER}'")
    raw = pd.DataFrame(rows, columns=list(_COLUMNS))
    raw["created_at"] = raw["created_at"].astype("string").str.replace(*_ARCHIVE_TIME, regex=True)
    raw["author_name"] = owner
    raw["is_official"] = True
    return build_result(
        raw,
        path=path,
        fmt=FORMAT,
        records=len(loaded.items),
        channel="twitter",
        config=config,
        rejects=rejects,
        timestamp_format=_TIME_FORMAT,
        errors=errors,
        raw_of=lambda positions: [dump_raw(tweets[i]) for i in positions],
        notes=notes,
    )
