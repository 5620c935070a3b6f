"""The Facebook export: Graph API page posts with their ``comments`` and replies."""

from __future__ import annotations

from functools import partial

from roi.sample.channels import Traffic
from roi.sample.conversations import Msg
from roi.sample.council import COUNCIL, FB_PAGE_ID
from roi.sample.generator import Ids
from roi.sample.graph import comment_edge, iso_graph, page

__all__ = ["facebook_page"]


def facebook_page(traffic: Traffic) -> dict:
    """The page's posts, newest first, each with its ``comments`` and their replies (one level deep).

    Citizens only comment on the council's posts; the page answers under the comment and
    hides most insults.

    Parameters
    ----------
    traffic
        The Facebook traffic (see :func:`roi.sample.channels.simulate`).

    Returns
    -------
    dict
        One Graph API page (``data``, ``paging``).
    """
    ids = Ids(traffic.gen.g)
    data = []
    for post in sorted(traffic.posts, key=lambda m: m.ts, reverse=True):
        post_id = ids.digits(16, "10")
        obj = {"created_time": iso_graph(post.ts), "message": post.text, "id": f"{FB_PAGE_ID}_{post_id}",
               "from": {"name": COUNCIL, "id": FB_PAGE_ID}}
        comments = sorted(post.children, key=lambda m: m.ts)
        if comments:
            obj["comments"] = comment_edge(comments, partial(_comment, post_id, ids), replies="comments",
                                           page_replies=True)
        data.append(obj)
    return page(data)


def _comment(post_id: str, ids: Ids, msg: Msg, parent: str | None) -> dict:
    """A comment or reply (``parent`` is not shown: Facebook nests replies under their comment)."""
    return {"created_time": iso_graph(msg.ts), "from": {"name": msg.author.name, "id": msg.author.uid},
            "message": msg.text, "id": f"{post_id}_{ids.digits(16, '10')}", "like_count": msg.likes,
            "is_hidden": msg.hidden}
