"""Tests of roi.io.bluesky on the posts guide's real records and on invented input.

Expected values on the shared file are computed with the json module (or hashlib for the
derived ids); on the invented fixture (tests/fixtures/bluesky/list_records.json) and the
inline inputs they are read by hand.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pandas as pd
import pytest

import roi.io
from roi.config import Config
from roi.errors import ParseError, RecordError
from roi.io import bluesky

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "bluesky"
AYTO_DID = "did:plc:ayuntamientoinventado01"
VECINO_POST = "at://did:plc:vecinoinventado0000000001/app.bsky.feed.post/3kaaaaaaaac2a"


@pytest.fixture(scope="module")
def post_records(shared_data):
    return shared_data / "formats" / "bluesky" / "post_records.json"


def _identity(result):
    c = result.counts
    assert c["records"] == c["messages"] + c["rejects"] + c["duplicates"]


def test_bare_records_from_docs(post_records):
    records = json.loads(post_records.read_text(encoding="utf-8"))
    assert len(records) == 7  # json
    result = bluesky.read(post_records)
    _identity(result)
    assert result.counts == {"records": 7, "messages": 7, "rejects": 0, "duplicates": 0}
    expected_ids = ["bsky-sha1:" + hashlib.sha1(f"{r['createdAt']}\n{r['text']}".encode()).hexdigest()
                    for r in records]
    assert list(result.messages["message_id"]) == expected_ids
    assert list(result.messages["text"]) == [r["text"] for r in records]  # kept exactly, facets not applied
    assert (result.messages["author_id"] == "unknown").all()
    assert not result.messages["is_official"].any()
    assert any("without uri" in note for note in result.notes)


def test_bare_records_reply_lang_time(post_records):
    records = json.loads(post_records.read_text(encoding="utf-8"))
    msgs = bluesky.read(post_records).messages
    # json: record 4 is the only reply; its root and parent are the same post
    reply = records[3]["reply"]
    assert msgs.iloc[3]["parent_id"] == reply["parent"]["uri"]
    assert msgs.iloc[3]["thread_id"] == reply["root"]["uri"]
    assert msgs["parent_id"].notna().sum() == 1
    # json: record 2 has langs ["th", "en-US"]; no other record has langs
    assert msgs.iloc[1]["lang"] == "th"
    assert msgs["lang"].notna().sum() == 1
    assert msgs.iloc[0]["created_at"] == pd.Timestamp("2023-08-07T05:31:12.156888Z")
    # a post that is not a reply roots its own thread
    assert msgs.iloc[0]["thread_id"] == msgs.iloc[0]["message_id"]


def test_bare_records_owner_from_config(post_records):
    config = Config(accounts={"bluesky": ("ayto.villaejemplo.es",)})
    msgs = bluesky.read(post_records, config).messages
    assert msgs["is_official"].all()
    assert (msgs["author_id"] == "ayto.villaejemplo.es").all()
    assert (msgs["account"] == "ayto.villaejemplo.es").all()


def test_detected(post_records):
    assert roi.io.detect_format(post_records) == "bluesky"
    assert roi.io.detect_format(FIXTURES / "list_records.json") == "bluesky"


def test_list_records_response():
    result = bluesky.read(FIXTURES / "list_records.json", Config(accounts={"bluesky": (AYTO_DID,)}))
    _identity(result)
    assert result.counts == {"records": 3, "messages": 3, "rejects": 0, "duplicates": 0}
    msgs = result.messages.set_index("message_id")
    first = f"at://{AYTO_DID}/app.bsky.feed.post/3kaaaaaaaaa2a"
    reply = f"at://{AYTO_DID}/app.bsky.feed.post/3kaaaaaaaab2a"
    assert list(msgs.index) == [first, reply, f"at://{AYTO_DID}/app.bsky.feed.post/3kaaaaaaaad2a"]
    assert (msgs["author_id"] == AYTO_DID).all() and msgs["is_official"].all()
    assert msgs.at[reply, "parent_id"] == VECINO_POST
    assert msgs.at[reply, "thread_id"] == first
    assert msgs.at[reply, "lang"] == "es"  # "es-ES"
    assert msgs.at[reply, "created_at"] == pd.Timestamp("2024-06-01T10:20:30Z")
    assert pd.isna(msgs.at[first, "likes"])
    assert msgs.at[first, "source"] == "list_records.json:1"
    assert result.notes == []


def test_jsonl_of_items_with_bad_lines(tmp_path):
    item = json.loads((FIXTURES / "list_records.json").read_text(encoding="utf-8"))["records"][0]
    like = {"uri": f"at://{AYTO_DID}/app.bsky.feed.like/3kzz", "cid": "x",
            "value": {"$type": "app.bsky.feed.like", "createdAt": "2024-06-01T08:00:00Z"}}
    no_time = {"uri": f"at://{AYTO_DID}/app.bsky.feed.post/3kno", "value": {"$type": "app.bsky.feed.post",
                                                                           "text": "sin fecha"}}
    bad_time = {"uri": f"at://{AYTO_DID}/app.bsky.feed.post/3kbad", "value": {
        "$type": "app.bsky.feed.post", "text": "x", "createdAt": "mañana"}}
    conflict = {**item, "value": {**item["value"], "text": "otro texto"}}
    lines = [json.dumps(item), json.dumps(like), '{"uri": "at://x", "value": ', json.dumps(no_time), "",
             json.dumps(item), json.dumps(conflict), json.dumps(bad_time), json.dumps({"uri": "at://y", "value": 3})]
    path = tmp_path / "posts.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = bluesky.read(path)
    _identity(result)
    # by hand: 8 non-blank lines = 1 message + 6 rejects + 1 duplicate (line 6 repeats line 1)
    assert result.counts == {"records": 8, "messages": 1, "rejects": 6, "duplicates": 1}
    reasons = dict(zip(result.rejects["record"], result.rejects["reason"], strict=True))
    assert reasons == {2: "not_a_record", 3: "invalid_json", 4: "missing_field", 6: "duplicate",
                       7: "duplicate_id", 8: "bad_timestamp", 9: "not_a_record"}
    assert result.rejects.set_index("record").at[4, "field"] == "created_at"


def test_list_of_items_json(tmp_path):
    items = json.loads((FIXTURES / "list_records.json").read_text(encoding="utf-8"))["records"]
    path = tmp_path / "items.json"
    path.write_text(json.dumps(items[:2], indent=1), encoding="utf-8")
    result = bluesky.read(path)
    assert result.counts["messages"] == 2
    assert list(result.messages["source"]) == ["items.json:1", "items.json:2"]


def test_identical_bare_records_are_one_message(tmp_path):
    record = {"$type": "app.bsky.feed.post", "text": "Aviso", "createdAt": "2024-06-01T08:00:00Z"}
    path = tmp_path / "bare.json"
    path.write_text(json.dumps([record, record, {**record, "text": "Aviso 2"}]), encoding="utf-8")
    result = bluesky.read(path)
    assert result.counts == {"records": 3, "messages": 2, "rejects": 0, "duplicates": 1}


def test_errors_raise(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps([{"$type": "app.bsky.feed.post", "text": "x", "createdAt": "2024-06-01T08:00:00Z"},
                                ["not", "a", "record"]]), encoding="utf-8")
    with pytest.raises(RecordError) as info:
        bluesky.read(path, errors="raise")
    assert info.value.record == 2


def test_truncated_document(tmp_path):
    path = tmp_path / "cut.json"
    path.write_text('{\n  "records": [\n    {"uri": "at://x/app.bsky.feed.post/1", "value": {"text": "ho', encoding="utf-8")
    with pytest.raises(ParseError) as info:
        bluesky.read(path)
    assert "line 3" in str(info.value) and "cut.json" in str(info.value)


def test_a_text_that_is_not_a_string_is_a_bad_value(tmp_path):
    # issue 13.11: "text": 123 became "" silently; by hand: 2 records = 1 message + 1 reject
    records = [{"uri": f"at://{AYTO_DID}/app.bsky.feed.post/3ka", "value": {"$type": "app.bsky.feed.post", "text": "hola",
                                                                            "createdAt": "2024-06-01T08:00:00Z"}},
               {"uri": f"at://{AYTO_DID}/app.bsky.feed.post/3kb", "value": {"$type": "app.bsky.feed.post", "text": 123,
                                                                            "createdAt": "2024-06-01T09:00:00Z"}}]
    path = tmp_path / "posts.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    result = bluesky.read(path)
    assert result.counts == {"records": 2, "messages": 1, "rejects": 1, "duplicates": 0}
    assert result.rejects[["record", "reason", "field"]].values.tolist() == [[2, "bad_value", "text"]]
