"""Comments that disappeared between two exports: hand-worked tables and the sample's real-format Facebook export."""

from __future__ import annotations

from helpers import facebook_export_without_a_comment, table

import roi
from roi import exports


def _messages(rows):
    return table(rows, channel="facebook")


EARLIER = [
    # thread p1: a post, two citizen comments and a reply; thread p2: a post and one comment; a DM
    dict(id="p1", official=True, at="2026-10-01T09:00Z"),
    dict(id="c1", parent="p1", at="2026-10-01T10:00Z"),
    dict(id="c2", parent="p1", at="2026-10-01T11:00Z"),
    dict(id="r1", parent="c1", official=True, at="2026-10-01T12:00Z"),
    dict(id="p2", official=True, at="2026-09-01T09:00Z"),
    dict(id="c3", parent="p2", at="2026-09-01T10:00Z"),
    dict(id="d1", public=False, at="2026-10-02T10:00Z"),
]


def test_a_comment_missing_from_a_conversation_still_exported_has_disappeared():
    earlier = _messages(EARLIER)
    # the later export still holds thread p1 without c2 and the official reply; p2 fell out of its window
    later = _messages([r for r in EARLIER if r["id"] in ("p1", "c1")] + [dict(id="c4", parent="p1", at="2026-10-05T10:00Z")])
    detail = exports.disappeared(earlier, later)
    # compared: the citizen public messages of p1 (c1, c2); not p2's (not in the later export), not the DM,
    # not the official reply (it vanished too, but only citizens' comments are counted)
    assert detail.set_index("message_id")["disappeared"].to_dict() == {"c1": False, "c2": True}
    assert "text" not in detail and "author_id" not in detail
    summary = exports.summarize(earlier, later, by=("channel", "period"))
    row = summary.iloc[0]
    assert (row["period"], row["n_compared"], row["n_disappeared"], row["share_disappeared"]) == ("2026-10", 2, 1, 0.5)
    assert 0 < row["share_disappeared_ci_low"] < 0.5 < row["share_disappeared_ci_high"] < 1


def test_identical_exports_lose_nothing():
    earlier = _messages(EARLIER)
    assert not exports.disappeared(earlier, earlier.copy())["disappeared"].any()


def test_a_comment_deleted_from_a_real_format_facebook_export(samples, tmp_path):
    later_file = tmp_path / "facebook_comments_later.json"
    removed = facebook_export_without_a_comment(samples, later_file)
    config = samples / "roi.toml"
    earlier = roi.load(samples / "facebook_comments.json", config=config).messages
    later = roi.load(later_file, config=config).messages
    gone = exports.disappeared(earlier, later)
    gone = gone[gone["disappeared"]]
    # the comment and every citizen reply under it are gone, and nothing else
    under = {removed["id"]} | {c["id"] for c in removed.get("comments", {}).get("data", [])
                               if c["from"]["id"] != "104729384756120"}
    assert set(gone["message_id"]) == under
    assert len(exports.disappeared(earlier, later)) > 100


def test_messages_alone_in_their_conversation_are_compared_within_the_later_exports_window():
    # three mentions, none answered; the later export lost the middle one, and begins at the first
    earlier = table([dict(id=f"m{i}", at=f"2026-10-0{i}T10:00Z") for i in (1, 2, 3)], channel="mastodon")
    later = earlier[earlier["message_id"] != "m2"]
    assert exports.disappeared(earlier, later).set_index("message_id")["disappeared"].to_dict() == \
        {"m1": False, "m2": True, "m3": False}
    # a later export that begins with m3 cannot say whether m1 and m2 were deleted: they are not compared
    shorter = earlier[earlier["message_id"] == "m3"]
    assert exports.disappeared(earlier, shorter)["message_id"].tolist() == ["m3"]
