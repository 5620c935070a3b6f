"""The X (Twitter) export: API v2 tweets as twarc2 writes them flattened, one per line."""

from __future__ import annotations

import html
import json

from roi.sample.channels import Traffic
from roi.sample.conversations import Msg, Person
from roi.sample.council import HANDLES
from roi.sample.formats import iso_z
from roi.sample.generator import Generator, Ids
from roi.sample.texts import URL, no_emoji

__all__ = ["TWITTER_EPOCH_MS", "tweet_lines"]

#: Start of X's snowflake ids, Unix milliseconds.
TWITTER_EPOCH_MS = 1288834974657
_TCO = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ0123456789"


def tweet_lines(traffic: Traffic, retrieved: str) -> list[str]:
    """The tweets mentioning or from the council, newest first, as a twarc2 full-archive search writes them.

    Citizens mention the council and reply to its posts; the council's replies are
    trimmed to fit in 280 characters with the mention; nothing is hidden.

    Parameters
    ----------
    traffic
        The X traffic (see :func:`roi.sample.channels.simulate`).
    retrieved
        The ``__twarc.retrieved_at`` timestamp.

    Returns
    -------
    list of str
        One JSON tweet per line, flattened (``author``, ``in_reply_to_user`` and ``__twarc`` included).
    """
    gen, council = traffic.gen, traffic.council
    conversations = sorted(traffic.threads + traffic.posts, key=lambda m: m.ts)
    tweets = Ids(gen.g).number_threads(conversations, TWITTER_EPOCH_MS, 22)
    twarc = {"url": "https://api.twitter.com/2/tweets/search/all?query=%40" + HANDLES["twitter"]
             + "%20OR%20from%3A" + HANDLES["twitter"] + "&max_results=100",
             "version": "2.14.0", "retrieved_at": retrieved}
    tweets.sort(key=lambda pair: pair[0].ts, reverse=True)  # search returns newest first
    return [json.dumps(_tweet(gen, msg, root, council, twarc), ensure_ascii=False) for msg, root in tweets]


def _user(p: Person) -> dict:
    return {"id": p.uid, "name": p.name, "username": p.handle}


def _tweet(gen: Generator, msg: Msg, root: Msg, council: Person, twarc: dict) -> dict:
    """One tweet: the mention prepended (or appended), links shortened to t.co, the text HTML-escaped."""
    g = gen.g
    text = msg.text
    mentions = []
    if msg.parent is not None:
        text = "@" + msg.parent.author.handle + " " + text
        mentions.append(msg.parent.author)
    elif not msg.official:
        text = f"@{council.handle} {text}" if gen.chance(0.5) else f"{text} @{council.handle}"
        mentions.append(council)
    urls = []
    for found in URL.findall(text):
        short = "https://t.co/" + "".join(gen.pick(_TCO) for _ in range(10))
        text = text.replace(found, short, 1)
        display = found.split("://", 1)[1]
        urls.append({"url": short, "expanded_url": found,
                     "display_url": display if len(display) <= 26 else display[:25] + "…"})
    escaped = html.escape(text, quote=False)  # API v2 text escapes &, < and >
    entities = {}
    if mentions:
        entities["mentions"] = []
        for person in mentions:
            start = escaped.find("@" + person.handle)
            entities["mentions"].append({"start": start, "end": start + 1 + len(person.handle),
                                         "username": person.handle, "id": person.uid})
    if urls:
        for item in urls:
            item["start"] = escaped.find(item["url"])
            item["end"] = item["start"] + len(item["url"])
        entities["urls"] = [{k: u[k] for k in ("start", "end", "url", "expanded_url", "display_url")} for u in urls]
    lang = msg.lang
    if msg.kind == "inbound" and lang == "ca" and gen.chance(0.06):
        lang = "es"  # language detection slips on short Catalan texts
    if no_emoji(msg.text) == "" or msg.text.startswith("jaja"):
        lang = "und"
    post = msg.kind == "post"
    tweet = {
        "edit_history_tweet_ids": [msg.mid],
        "id": msg.mid,
        "text": escaped,
        "created_at": iso_z(msg.ts),
        "author_id": msg.author.uid,
        "conversation_id": root.mid,
        "lang": lang,
        "possibly_sensitive": False,
        "reply_settings": "everyone",
    }
    impressions = int(g.integers(40, 4000)) if post else int(g.integers(5, 400))
    tweet["public_metrics"] = {"retweet_count": int(g.poisson(6)) if post else 0,
                               "reply_count": len(msg.children),
                               "like_count": int(g.poisson(15)) if post else msg.likes,
                               "quote_count": int(g.poisson(0.3)) if post else 0,
                               "bookmark_count": int(g.poisson(0.5)) if post else 0,
                               "impression_count": impressions}
    if entities:
        tweet["entities"] = entities
    if msg.parent is not None:
        tweet["referenced_tweets"] = [{"type": "replied_to", "id": msg.parent.mid}]
        tweet["in_reply_to_user_id"] = msg.parent.author.uid
    tweet["author"] = _user(msg.author)
    if msg.parent is not None:
        tweet["in_reply_to_user"] = _user(msg.parent.author)
    tweet["__twarc"] = twarc
    return tweet
