"""Build small message tables by hand for tests."""

from __future__ import annotations

import pandas as pd

from roi.schema import coerce_messages


def table(rows: list[dict], *, channel: str = "twitter", account: str = "ayto") -> pd.DataFrame:
    """A message table from short row dicts.

    Each row needs ``id`` and ``at`` (a local Madrid time like ``"2026-10-02 10:00"``
    or an ISO instant with offset); ``author`` (default ``"ayto"`` when ``official``),
    ``parent``, ``thread`` (default: the root through parents), ``official``, ``text``,
    ``public`` and ``channel`` are optional.
    """
    ids = [r["id"] for r in rows]
    parents = {r["id"]: r.get("parent") for r in rows}

    def root(i):
        seen = set()
        while parents.get(i) and parents[i] in parents and i not in seen:
            seen.add(i)
            i = parents[i]
        return parents[i] if parents.get(i) and parents[i] not in parents else i

    at = pd.Series([r["at"] for r in rows])
    naive = ~at.str.contains(r"(?:Z|[+-]\d\d:\d\d)$")
    stamps = pd.Series(pd.NaT, index=at.index, dtype="datetime64[ns, UTC]")
    if naive.any():
        stamps[naive] = pd.to_datetime(at[naive]).dt.tz_localize("Europe/Madrid").dt.tz_convert("UTC")
    if (~naive).any():
        stamps[~naive] = pd.to_datetime(at[~naive], utc=True)
    frame = pd.DataFrame({
        "message_id": ids,
        "channel": [r.get("channel", channel) for r in rows],
        "account": account,
        "thread_id": [r.get("thread", root(r["id"])) for r in rows],
        "parent_id": [r.get("parent") for r in rows],
        "author_id": [r.get("author", "ayto" if r.get("official") else "citizen") for r in rows],
        "is_official": [bool(r.get("official", False)) for r in rows],
        "created_at": stamps,
        "text": [r.get("text", "hola") for r in rows],
        "lang": [r.get("lang", "es") for r in rows],
        "is_public": [r.get("public", True) for r in rows],
        "is_hidden": False,
        "likes": None,
        "source": [f"test:{i}" for i in range(1, len(rows) + 1)],
    })
    return coerce_messages(frame)


def facebook_export_without_a_comment(samples, path) -> dict:
    """Write to ``path`` the sample's Facebook export minus its first comment (with the replies under
    it), as a later export would show it after a deletion; return the removed comment."""
    import json

    data = json.loads((samples / "facebook_comments.json").read_text(encoding="utf-8"))
    post = next(p for p in data["data"] if p.get("comments", {}).get("data"))
    removed = post["comments"]["data"].pop(0)
    path.write_text(json.dumps(data), encoding="utf-8")
    return removed
