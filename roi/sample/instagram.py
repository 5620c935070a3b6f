"""The Instagram export: Instagram Graph API media with their ``comments`` and ``replies``."""

from __future__ import annotations

from functools import partial

from roi.sample.channels import Traffic
from roi.sample.conversations import Msg
from roi.sample.generator import Ids
from roi.sample.graph import comment_edge, iso_graph, page

__all__ = ["instagram_media"]

_SHORTCODE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"


def instagram_media(traffic: Traffic) -> dict:
    """The account's media, newest first, with their ``comments`` (newest first) and ``replies`` (oldest first).

    A fifth of the posts are reels.

    Parameters
    ----------
    traffic
        The Instagram traffic (see :func:`roi.sample.channels.simulate`).

    Returns
    -------
    dict
        One Graph API page (``data``, ``paging``).
    """
    gen, g = traffic.gen, traffic.gen.g
    ids = Ids(g)
    data = []
    for post in sorted(traffic.posts, key=lambda m: m.ts, reverse=True):
        media_id = ids.digits(17, "18")
        comments = sorted(post.children, key=lambda m: m.ts, reverse=True)  # newest first
        reel = gen.chance(0.2)
        obj = {"id": media_id, "caption": post.text,
               "media_type": "VIDEO" if reel else gen.pick(["IMAGE", "IMAGE", "CAROUSEL_ALBUM"]),
               "media_product_type": "REELS" if reel else "FEED",
               "permalink": "https://www.instagram.com/" + ("reel" if reel else "p") + "/"
               + "".join(gen.pick(_SHORTCODE) for _ in range(11)) + "/",
               "timestamp": iso_graph(post.ts), "username": traffic.council.handle,
               "like_count": int(g.poisson(45)), "comments_count": sum(1 + len(c.children) for c in comments)}
        if comments:
            obj["comments"] = comment_edge(comments, partial(_comment, ids), replies="replies", page_replies=False)
        data.append(obj)
    return page(data)


def _comment(ids: Ids, msg: Msg, parent: str | None) -> dict:
    """A comment, or a reply with its ``parent_id``."""
    item = {"id": ids.digits(17, "17"), "text": msg.text, "timestamp": iso_graph(msg.ts), "username": msg.author.handle,
            "from": {"id": msg.author.uid, "username": msg.author.handle}, "like_count": msg.likes,
            "hidden": msg.hidden}
    if parent is not None:
        item["parent_id"] = parent
    return item
