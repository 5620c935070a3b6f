"""The Mastodon export: a JSON list of ``Status`` entities, direct messages included."""

from __future__ import annotations

import html

from roi.sample.channels import Traffic
from roi.sample.conversations import Msg, Person
from roi.sample.council import MASTODON_HOST
from roi.sample.formats import iso_z, utc
from roi.sample.generator import Generator, Ids
from roi.sample.texts import URL

__all__ = ["statuses"]
_MISSING = f"https://{MASTODON_HOST}/{{}}/original/missing.png"


def statuses(traffic: Traffic) -> list[dict]:
    """The statuses to and from the council, newest first, as the council's server shows them.

    35 % of the conversations citizens start are direct messages, answered privately.

    Parameters
    ----------
    traffic
        The Mastodon traffic (see :func:`roi.sample.channels.simulate`).

    Returns
    -------
    list of dict
        ``Status`` entities with their ``Account``, newest first.
    """
    gen, council = traffic.gen, traffic.council
    messages = [msg for msg, _ in Ids(gen.g).number_threads(traffic.threads + traffic.posts, 0, 16)]
    messages.sort(key=lambda m: int(m.mid), reverse=True)  # timelines are newest first
    last_status: dict[str, int] = {}
    count_by_author: dict[str, int] = {}
    for msg in messages:
        last_status.setdefault(msg.author.uid, msg.ts)
        count_by_author[msg.author.uid] = count_by_author.get(msg.author.uid, 0) + 1
    return [_status(gen, msg, council, last_status, count_by_author) for msg in messages]


def _acct(p: Person) -> str:
    return p.handle if p.domain == MASTODON_HOST else p.address


def _profile_url(p: Person) -> str:
    return f"https://{p.domain}/@{p.handle}"


def _escape(text: str) -> str:
    return html.escape(text, quote=True).replace("&#x27;", "&#39;")


def _mention_html(p: Person) -> str:
    return (f'<span class="h-card" translate="no"><a href="{_profile_url(p)}" class="u-url mention">'
            f"@<span>{html.escape(p.handle)}</span></a></span>")


def _link_html(url: str) -> str:
    """A link as Mastodon renders it: scheme hidden, shown text cut at 30 characters with an ellipsis."""
    scheme, rest = url.split("://", 1)
    shown, hidden = (rest, "") if len(rest) <= 30 else (rest[:30], rest[30:])
    cls = "ellipsis" if hidden else ""
    return (f'<a href="{_escape(url)}" target="_blank" rel="nofollow noopener" translate="no">'
            f'<span class="invisible">{scheme}://</span><span class="{cls}">{_escape(shown)}</span>'
            f'<span class="invisible">{_escape(hidden)}</span></a>')


def _content_html(text: str, mention: Person | None) -> str:
    """The ``content`` of a status: one HTML paragraph, the mention first, links marked up."""
    pieces, pos = [], 0
    for found in URL.finditer(text):
        pieces.append(_escape(text[pos:found.start()]))
        pieces.append(_link_html(found.group()))
        pos = found.end()
    pieces.append(_escape(text[pos:]))
    body = "".join(pieces)
    if mention is not None:
        body = _mention_html(mention) + " " + body
    return "<p>" + body + "</p>"


def _account(gen: Generator, author: Person, council: Person, last_status: dict, count_by_author: dict) -> dict:
    """The ``Account`` entity of a status's author."""
    g = gen.g
    is_council = author is council
    return {
        "id": author.uid, "username": author.handle, "acct": _acct(author),
        "display_name": author.name if author.name != author.handle else "", "locked": False, "bot": False,
        "discoverable": True, "group": False, "created_at": utc(author.created, "%Y-%m-%dT00:00:00.000Z"),
        "note": "<p>Canal oficial de l&#39;Ajuntament de Torrebruna de Mar.</p>" if is_council else "",
        "url": _profile_url(author), "uri": f"https://{author.domain}/users/{author.handle}",
        "avatar": _MISSING.format("avatars"), "avatar_static": _MISSING.format("avatars"),
        "header": _MISSING.format("headers"), "header_static": _MISSING.format("headers"),
        "followers_count": 2380 if is_council else int(g.integers(0, 400)),
        "following_count": 150 if is_council else int(g.integers(0, 600)),
        "statuses_count": count_by_author[author.uid] + (900 if is_council else int(g.integers(0, 3000))),
        "last_status_at": utc(last_status[author.uid], "%Y-%m-%d"),
        "emojis": [], "fields": [],
    }


def _status(gen: Generator, msg: Msg, council: Person, last_status: dict, count_by_author: dict) -> dict:
    """One ``Status`` entity; its ``created_at`` is read back from the snowflake id, as Mastodon does."""
    g = gen.g
    author = msg.author
    if msg.parent is not None:
        mention = msg.parent.author
    elif not msg.official:
        mention = council
    else:
        mention = None
    visibility = "direct" if msg.private else ("unlisted" if (not msg.official and gen.chance(0.08)) else "public")
    lang = msg.lang if gen.chance(0.95) else None
    base = f"https://{author.domain}"
    account_entity = _account(gen, author, council, last_status, count_by_author)
    ms = int(msg.mid) >> 16
    status = {
        "id": msg.mid,
        "created_at": iso_z(ms // 1000, ms % 1000),
        "in_reply_to_id": msg.parent.mid if msg.parent is not None else None,
        "in_reply_to_account_id": msg.parent.author.uid if msg.parent is not None else None,
        "sensitive": False, "spoiler_text": "", "visibility": visibility, "language": lang,
        "uri": f"{base}/users/{author.handle}/statuses/{msg.mid}",
        "url": f"{base}/@{author.handle}/{msg.mid}",
        "replies_count": len(msg.children), "reblogs_count": int(g.poisson(3)) if msg.kind == "post" else 0,
        "favourites_count": int(g.poisson(8)) if msg.kind == "post" else msg.likes,
        "edited_at": None, "favourited": False, "reblogged": False, "muted": False, "bookmarked": False,
        "content": _content_html(msg.text, mention), "filtered": [], "reblog": None,
    }
    if author.domain == MASTODON_HOST:
        status["application"] = {"name": "Web", "website": None}
    status["account"] = account_entity
    status["media_attachments"] = []
    status["mentions"] = ([] if mention is None else
                          [{"id": mention.uid, "username": mention.handle, "url": _profile_url(mention),
                            "acct": _acct(mention)}])
    status["tags"] = []
    status["emojis"] = []
    status["card"] = None
    status["poll"] = None
    return status
