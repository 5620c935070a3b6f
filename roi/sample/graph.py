"""The Graph API envelope shared by the Facebook and Instagram exports: pages, cursors, comment edges."""

from __future__ import annotations

import base64
from collections.abc import Callable

from roi.sample.conversations import Msg
from roi.sample.formats import utc

__all__ = ["comment_edge", "iso_graph", "page"]


def iso_graph(t: int) -> str:
    """A Graph API timestamp (``2025-03-04T10:11:12+0000``) of epoch seconds ``t``."""
    return utc(t, "%Y-%m-%dT%H:%M:%S+0000")


def page(items: list[dict]) -> dict:
    """``items`` as one Graph API page: ``data`` and ``paging.cursors`` (base64 of the first and last ids).

    >>> page([{"id": "1_23"}, {"id": "1_45"}])
    {'data': [{'id': '1_23'}, {'id': '1_45'}], 'paging': {'cursors': {'before': 'MjM=', 'after': 'NDU='}}}
    """
    first, last = items[0]["id"], items[-1]["id"]
    cursors = {"before": _b64(first.split("_")[-1]), "after": _b64(last.split("_")[-1])}
    return {"data": items, "paging": {"cursors": cursors}}


def comment_edge(comments: list[Msg], item: Callable[[Msg, str | None], dict], *, replies: str,
                 page_replies: bool) -> dict:
    """The ``comments`` edge of a post: a page of comments, each with its replies in time order.

    Parameters
    ----------
    comments
        The comments, in the order the platform lists them.
    item
        Makes the object of a comment from the message and its parent comment's id (None
        for a top-level comment).
    replies
        Field of the replies in a comment: ``"comments"`` (Facebook) or ``"replies"`` (Instagram).
    page_replies
        Give the replies paging cursors too (Facebook does, Instagram does not).
    """
    items = []
    for comment in comments:
        obj = item(comment, None)
        answers = sorted(comment.children, key=lambda m: m.ts)
        if answers:
            data = [item(r, obj["id"]) for r in answers]
            obj[replies] = page(data) if page_replies else {"data": data}
        items.append(obj)
    return page(items)


def _b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()
