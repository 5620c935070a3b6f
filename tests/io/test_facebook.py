"""Tests of the Facebook Graph API reader (roi.io.facebook)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import roi.io
from roi.config import Config
from roi.errors import EmptyInputError, InputError, ParseError, RecordError
from roi.io import facebook
from roi.schema import validate

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "facebook"
REAL = "formats/facebook_graph_comments"
REAL_FILES = ("comment_replies.json", "comment_reply.json", "comment_simple_with_replies.json",
              "post_comments.json", "post_comments_with_summary.json")
PAGE = Config(accounts={"facebook": ("111222333",)})


def _identity(counts):
    return counts["records"] == counts["messages"] + counts["rejects"] + counts["duplicates"]


def _write(tmp_path, document, name="comments.json"):
    path = tmp_path / name
    path.write_text(document if isinstance(document, str) else json.dumps(document), encoding="utf-8")
    return path


def _comment(cid, when="2026-10-05T08:30:00+0000", text="¿Abre hoy el registro?", author="900000001", **extra):
    return {"id": cid, "created_time": when, "from": {"id": author, "name": "Vecina Inventada"},
            "message": text, "like_count": 0, **extra}


# --- real data: facebook4j's Graph API mock responses --------------------------------------


@pytest.mark.parametrize("name", REAL_FILES)
def test_every_real_file_is_detected_and_keeps_the_identity(shared_data, name):
    path = shared_data / REAL / name
    assert roi.io.detect_format(path) == "facebook_graph"
    result = roi.io.read(path)
    assert _identity(result.counts)
    validate(result.messages)
    assert set(result.messages["channel"]) == {"facebook"}
    assert result.messages["is_public"].all()


def test_post_comments_counts_thread_and_one_comment(shared_data):
    path = shared_data / REAL / "post_comments.json"
    page = json.loads(path.read_text(encoding="utf-8"))
    result = facebook.read(path)
    # independent count with json: 25 elements in data, each a comment without replies
    assert len(page["data"]) == 25
    assert result.counts == {"records": 25, "messages": 25, "rejects": 0, "duplicates": 0}
    m = result.messages.set_index("message_id")
    # paging.next is ".../216311481960_10201168076257947/comments?...": the post (PAGEID_POSTID)
    # whose comments these are, and the comment ids start with its POSTID part (read by hand)
    assert set(m["thread_id"]) == {"216311481960_10201168076257947"}
    assert set(m["parent_id"]) == {"216311481960_10201168076257947"}
    # element 7 of data (read by hand): like_count 1, message_tags ignored
    one = m.loc["10201168076257947_64183655"]
    assert one["author_id"] == "1142574430"
    assert one["created_at"] == pd.Timestamp("2013-08-16T17:50:23Z")
    assert one["text"].startswith("Do you know the Aerotrem project, Bill?")
    assert one["likes"] == 1
    assert one["source"] == "post_comments.json:7"
    # the multi-line message of element 12 keeps its newlines
    assert m.loc["10201168076257947_64183661", "text"].count("\n") == 3
    # independent sum of like_count with json; by hand: 1 + 5 + 1 + 1 + 2 + 1 (elements 7, 10, 15, 20, 23, 24)
    assert int(m["likes"].sum()) == sum(c["like_count"] for c in page["data"]) == 11
    assert any("paging.next" in note for note in result.notes)


def test_post_comments_official_flag_from_an_author_id_in_the_config(shared_data):
    path = shared_data / REAL / "post_comments.json"
    config = Config(accounts={"facebook": ("100002620956709",)})
    m = facebook.read(path, config).messages
    # element 2 of data is the only comment from id 100002620956709 (read by hand)
    assert m.loc[m["is_official"], "message_id"].tolist() == ["10201168076257947_64183645"]


def test_post_comments_with_summary(shared_data):
    path = shared_data / REAL / "post_comments_with_summary.json"
    page = json.loads(path.read_text(encoding="utf-8"))
    result = facebook.read(path)
    assert result.counts["messages"] == len(page["data"]) == 25
    m = result.messages.set_index("message_id")
    # paging.next names 25781101980_10152312644461981 (PAGEID_POSTID; read by hand)
    assert set(m["thread_id"]) == {"25781101980_10152312644461981"}
    # one commenter wrote twice (id 1630178343875594, elements 19 and 20, read by hand)
    assert (m["author_id"] == "1630178343875594").sum() == 2
    assert m.loc["10152312644461981_10152312650821981", "likes"] == 8
    assert m.loc["10152312644461981_10152312650821981", "created_at"] == pd.Timestamp("2014-10-02T03:17:28Z")
    # summary.total_count is 37 while data holds 25: the reader says the export is incomplete
    assert any("37" in note and "25" in note for note in result.notes)


def test_single_comment_with_a_nested_reply(shared_data):
    result = facebook.read(shared_data / REAL / "comment_simple_with_replies.json")
    # one record (the comment) holding one reply: 2 messages, counted as 2 records
    assert result.counts == {"records": 2, "messages": 2, "rejects": 0, "duplicates": 0}
    m = result.messages.set_index("message_id")
    parent, reply = m.loc["100000000000001_50000001"], m.loc["100000000000001_50000002"]
    assert parent["text"] == "Enjoy!!" and parent["likes"] == 1
    assert pd.isna(parent["parent_id"])
    assert reply["text"] == "Thank you!"
    assert reply["parent_id"] == "100000000000001_50000001"
    assert pd.isna(reply["likes"])  # the reply has no like_count
    assert reply["created_at"] == pd.Timestamp("2013-09-27T14:16:41Z")
    # the thread is the POSTID part of the ids (no post or paging URL in the file)
    assert set(m["thread_id"]) == {"100000000000001"}
    assert set(m["source"]) == {"comment_simple_with_replies.json:1"}


def test_comment_reference_keeps_the_parent_and_rejects_the_bare_reference(shared_data):
    result = facebook.read(shared_data / REAL / "comment_reply.json")
    # the parent object is a full comment; the referencing comment has only its id
    assert result.counts == {"records": 2, "messages": 1, "rejects": 1, "duplicates": 0}
    row = result.messages.iloc[0]
    assert row["message_id"] == "773931769335777_1020021014726850"
    assert row["text"] == "test" and row["author_id"] == "100001568838021"
    assert row["thread_id"] == "773931769335777"
    reject = result.rejects.iloc[0]
    assert (reject["record"], reject["reason"], reject["field"]) == (1, "missing_field", "created_at")
    assert "773931769335777_1020057384723213" in reject["raw"]
    assert result.notes == []


def test_comment_replies_page(shared_data):
    m = facebook.read(shared_data / REAL / "comment_replies.json").messages
    assert m["message_id"].tolist() == ["100000000000001_50000001"]
    assert m["text"].tolist() == ["reply"]
    assert m["likes"].tolist() == [0]
    assert m["created_at"].tolist() == [pd.Timestamp("2015-10-26T11:13:13Z")]


def test_page_name_in_the_config_matches_from_name(shared_data):
    # a config may list the page by name: from.name is matched (case-insensitive)
    path = shared_data / REAL / "comment_simple_with_replies.json"
    m = facebook.read(path, Config(accounts={"facebook": ("name name2",)})).messages
    assert m.loc[m["is_official"], "message_id"].tolist() == ["100000000000001_50000002"]


# --- invented fixtures -----------------------------------------------------------------


def test_page_feed_posts_become_messages_and_own_their_comments():
    result = facebook.read(FIXTURES / "page_feed.json", PAGE)
    # 2 posts; post 1 holds 2 comments, one of which holds 2 replies: 6 messages
    assert result.counts == {"records": 6, "messages": 6, "rejects": 0, "duplicates": 0}
    m = result.messages.set_index("message_id")
    post = "111222333_5550001"
    assert (m.loc[["5550001_9001", "5550001_9002", "5550001_9003", "5550001_9004"], "thread_id"] == post).all()
    assert m.loc["5550001_9001", "parent_id"] == post          # a comment answers the post
    assert m.loc["5550001_9002", "parent_id"] == "5550001_9001"  # a reply answers its comment
    assert m.loc["5550001_9004", "is_hidden"]
    assert not m.loc["5550001_9001", "is_hidden"]
    # official: the page (id 111222333) wrote post 1 and reply 9002; post 2 has no 'from'
    # and is attributed to the PAGEID part of its id
    assert sorted(m.index[m["is_official"]]) == ["111222333_5550001", "111222333_5550002", "5550001_9002"]
    assert m.loc["111222333_5550002", "author_id"] == "111222333"
    # every message of post 1's thread belongs to the same account (the page that speaks in it)
    assert m.loc[m["thread_id"] == post, "account"].nunique() == 1
    assert m.loc["5550001_9001", "source"] == "page_feed.json:1"
    assert m.loc["111222333_5550002", "source"] == "page_feed.json:2"


def test_page_feed_with_the_page_name_in_the_config():
    config = Config(accounts={"facebook": ("Ayuntamiento de Villaejemplo",)})
    m = facebook.read(FIXTURES / "page_feed.json", config).messages
    # post 2 has no from.name, so only the id would match it
    assert sorted(m.loc[m["is_official"], "message_id"]) == ["111222333_5550001", "5550001_9002"]


def test_messenger_conversations_are_private_threads_with_reply_chains():
    result = facebook.read(FIXTURES / "messenger.json", PAGE)
    # conversation 1: 3 messages; conversation 2: no messages -> a reject (record 2)
    assert result.counts == {"records": 4, "messages": 3, "rejects": 1, "duplicates": 0}
    m = result.messages.set_index("message_id")
    assert set(m["thread_id"]) == {"t_100001"}
    assert not m["is_public"].any()
    # listed newest first; chained by created_time: m_0001 <- m_0002 <- m_0003
    assert pd.isna(m.loc["m_0001", "parent_id"])
    assert m.loc["m_0002", "parent_id"] == "m_0001"
    assert m.loc["m_0003", "parent_id"] == "m_0002"
    assert m.loc["m_0003", "is_official"] and not m.loc["m_0002", "is_official"]
    reject = result.rejects.iloc[0]
    assert (reject["record"], reject["reason"], reject["field"]) == (2, "missing_field", "messages")


def test_jsonl_pages_thread_from_the_paging_url_and_a_truncated_line():
    result = facebook.read(FIXTURES / "pages.jsonl", PAGE)
    # line 1: 2 comments (records 1-2), line 2: 1 comment (record 3), line 3 cut off (record 4)
    assert result.counts == {"records": 4, "messages": 3, "rejects": 1, "duplicates": 0}
    m = result.messages.set_index("message_id")
    # line 1's paging.next names the post 111222333_5550003; line 2's comment has the same POSTID
    assert set(m["thread_id"]) == {"111222333_5550003"}
    assert m.loc["5550003_9101", "parent_id"] == "111222333_5550003"
    assert m.loc["5550003_9102", "parent_id"] == "5550003_9101"  # from its parent.id
    assert pd.isna(m.loc["5550003_9103", "parent_id"])  # line 2 has no paging URL
    reject = result.rejects.iloc[0]
    assert (reject["record"], reject["reason"]) == (4, "invalid_json")
    assert reject["detail"].startswith("line 3:")


def test_json_list_of_pages_drops_an_exact_repeat():
    result = facebook.read(FIXTURES / "two_pages.json", PAGE)
    # comment 5550004_9202 closes page 1 and opens page 2 (same content): one duplicate
    assert result.counts == {"records": 4, "messages": 3, "rejects": 0, "duplicates": 1}
    assert result.rejects["reason"].tolist() == ["duplicate"]
    assert result.rejects["record"].tolist() == [3]
    assert result.messages["message_id"].tolist() == ["5550004_9201", "5550004_9202", "5550004_9203"]


def test_bad_records_are_rejected_by_name_and_the_rest_is_read(tmp_path):
    page = {"data": [
        "just text",                                            # 1 not an object
        {k: v for k, v in _comment("x").items() if k != "id"},  # 2 no id
        _comment("5550009_1", when="yesterday"),                # 3 bad timestamp
        _comment("5550009_2", like_count="many"),               # 4 likes not a number
        _comment("5550009_3", is_hidden="no"),                  # 5 is_hidden not a boolean
        _comment("5550009_4"),                                  # 6 good
        _comment("5550009_4", text="otra cosa"),                # 7 same id, other content
        {k: v for k, v in _comment("5550009_5").items() if k != "created_time"},  # 8 no timestamp
        _comment("5550009_6", message=12),                      # 9 message not text
    ]}
    result = facebook.read(_write(tmp_path, page))
    assert result.counts == {"records": 9, "messages": 1, "rejects": 8, "duplicates": 0}
    got = result.rejects.sort_values("record")[["record", "reason", "field"]].fillna({"field": ""})
    assert got.values.tolist() == [
        [1, "not_a_record", ""], [2, "missing_field", "message_id"], [3, "bad_timestamp", "created_at"],
        [4, "bad_value", "likes"], [5, "bad_value", "is_hidden"], [7, "duplicate_id", "message_id"],
        [8, "missing_field", "created_at"], [9, "bad_value", "message"],
    ]
    assert result.messages["message_id"].tolist() == ["5550009_4"]


def test_errors_raise_stops_at_the_first_bad_record(tmp_path):
    page = {"data": [_comment("5550009_1"), "just text", _comment("5550009_2", when="yesterday")]}
    with pytest.raises(RecordError) as info:
        facebook.read(_write(tmp_path, page), errors="raise")
    assert info.value.record == 2
    assert "comments.json" in str(info.value)


def test_a_bad_nested_reply_is_rejected_with_its_comment_s_record(tmp_path):
    comment = _comment("5550010_1", comments={"data": [_comment("5550010_2", when="2026-13-45T00:00:00+0000"), 7]})
    result = facebook.read(_write(tmp_path, {"data": [comment]}))
    # 1 record holding 3 rows: the comment (kept), a reply with a bad date, a non-object reply
    assert result.counts == {"records": 3, "messages": 1, "rejects": 2, "duplicates": 0}
    assert result.rejects["record"].tolist() == [1, 1]
    assert sorted(result.rejects["reason"]) == ["bad_timestamp", "not_a_record"]


def test_truncated_document_is_a_parse_error_naming_the_line(tmp_path):
    text = (FIXTURES / "page_feed.json").read_text(encoding="utf-8")[:700]
    with pytest.raises(ParseError) as info:
        facebook.read(_write(tmp_path, text))
    assert "truncated" in str(info.value)
    assert info.value.file.endswith("comments.json")


def test_api_error_response_is_an_input_error(tmp_path):
    error = {"error": {"message": "Invalid OAuth access token.", "type": "OAuthException", "code": 190}}
    with pytest.raises(InputError, match="Invalid OAuth access token"):
        facebook.read(_write(tmp_path, error))


def test_empty_page_and_empty_file(tmp_path):
    result = facebook.read(_write(tmp_path, {"data": [], "paging": {}}))
    assert result.counts == {"records": 0, "messages": 0, "rejects": 0, "duplicates": 0}
    assert result.notes == ["the export holds no comments, posts or messages"]
    with pytest.raises(EmptyInputError):
        facebook.read(_write(tmp_path, "  \n", name="empty.json"))


def test_errors_mode_is_checked():
    with pytest.raises(roi.RoiError, match="errors='ignore'"):
        facebook.read(FIXTURES / "page_feed.json", errors="ignore")


def test_sniff_accepts_graph_comments_and_refuses_others():
    head = (FIXTURES / "messenger.json").read_text(encoding="utf-8")
    assert facebook.sniff(head, Path("x.json"), None)
    assert not facebook.sniff('{"data": [{"id": "1", "text": "hola", "created_at": "2026-01-01"}]}', Path("x"), None)
    assert not facebook.sniff("id,created_time,message\n", Path("x.csv"), None)


def test_comments_without_from_get_one_unknown_author_each(tmp_path):
    # the Graph API leaves 'from' out for people who have not granted the app access
    anonymous = [{k: v for k, v in _comment(f"5550011_{i}").items() if k != "from"} for i in (1, 2)]
    page = {"data": [*anonymous, _comment("5550011_3", parent="5550011_1")]}
    result = facebook.read(_write(tmp_path, page))
    m = result.messages.set_index("message_id")
    assert m.loc["5550011_1", "author_id"] == "unknown:5550011_1"
    assert m.loc["5550011_2", "author_id"] == "unknown:5550011_2"
    assert m.loc["5550011_3", "author_id"] == "900000001"
    assert m.loc["5550011_3", "parent_id"] == "5550011_1"  # 'parent' given as a bare id
    assert result.notes == ["2 message(s) without an author (no 'from'): each is counted as a distinct unknown author"]


def test_bad_messenger_messages_and_posts(tmp_path):
    conversation = {"id": "t_200", "messages": {"data": [
        {"id": "m_1", "created_time": "2026-10-07T08:00:00+0000", "from": {"id": "900000009"}, "message": "Hola"},
        {"id": "m_2", "created_time": "2026-10-07T08:01:00+0000", "from": {"id": "900000009"}, "message": ["x"]},
        "m_3",
    ]}}
    post = {"id": "111222333_5550020", "created_time": "2026-10-07T09:00:00+0000", "status_type": "added_photos",
            "is_hidden": "quizá"}
    result = facebook.read(_write(tmp_path, {"data": [conversation, post]}), PAGE)
    # record 1: 1 good message + 2 bad; record 2: a post with a bad is_hidden
    assert result.counts == {"records": 4, "messages": 1, "rejects": 3, "duplicates": 0}
    got = result.rejects[["record", "reason", "field"]].fillna({"field": ""}).values.tolist()
    assert got == [[1, "bad_value", "message"], [1, "not_a_record", ""], [2, "bad_value", "is_hidden"]]
    assert result.messages["is_public"].tolist() == [False]


def test_a_lone_surrogate_escape_in_a_name_rejects_only_its_comment(tmp_path):
    # regression: "\udc00" in from.name crashed the reader with UnicodeEncodeError
    page = json.dumps({"data": [_comment("1_2", text="uno"), _comment("1_3", text="dos")]})
    path = _write(tmp_path, page.replace('"Vecina Inventada"', r'"Vecina \udc00"', 1))
    result = facebook.read(path)
    assert result.counts == {"records": 2, "messages": 1, "rejects": 1, "duplicates": 0}
    reject = result.rejects.iloc[0]
    assert (reject["record"], reject["reason"], reject["field"]) == (1, "undecodable_bytes", "author_name")
