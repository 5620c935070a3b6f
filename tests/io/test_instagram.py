"""Tests of the Instagram Graph API reader (roi.io.instagram).

There is no real Instagram export in the shared data: the fixtures are invented and
follow the IG Comment / IG Media field names of the Graph API reference (``id``,
``text``, ``timestamp``, ``username``, ``from{id,username}``, ``like_count``, ``hidden``,
``media{id}``, ``parent_id``, ``replies{data}``; media: ``caption``, ``owner{id}``,
``comments{data}``).
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import roi.io
from roi.config import Config
from roi.errors import InputError, ParseError, RecordError
from roi.io import instagram
from roi.schema import validate

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "instagram"
CONFIG = Config(accounts={"instagram": ("@ayto_villaejemplo",)})
MEDIA = "17950000000000001"


def _identity(counts):
    return counts["records"] == counts["messages"] + counts["rejects"] + counts["duplicates"]


def _write(tmp_path, document, name="comments.json"):
    path = tmp_path / name
    path.write_text(document if isinstance(document, str) else json.dumps(document), encoding="utf-8")
    return path


def _comment(cid, when="2026-10-31T14:05:00+0000", **extra):
    return {"id": cid, "text": "¿Hay cita hoy?", "timestamp": when, "username": "vecina.inventada",
            "like_count": 0, "hidden": False, **extra}


@pytest.mark.parametrize("name", ["media_comments.json", "media_with_comments.json", "user_media.jsonl"])
def test_fixtures_are_detected_and_keep_the_identity(name):
    path = FIXTURES / name
    assert roi.io.detect_format(path) == "instagram_graph"
    result = roi.io.read(path, config=CONFIG)
    assert _identity(result.counts)
    validate(result.messages)
    assert set(result.messages["channel"]) == {"instagram"}


def test_comments_page_with_replies():
    result = instagram.read(FIXTURES / "media_comments.json", CONFIG)
    # 2 top-level comments (records 1, 2); the first holds 2 replies (counted by hand)
    assert result.counts == {"records": 4, "messages": 4, "rejects": 0, "duplicates": 0}
    m = result.messages.set_index("message_id")
    assert set(m["thread_id"]) == {MEDIA}  # media.id of the top-level comments
    first, answer, thanks, hidden = (m.loc[f"1789000000000000{i}"] for i in (1, 2, 3, 4))
    assert first["parent_id"] == MEDIA
    assert answer["parent_id"] == "17890000000000001"  # its own parent_id field
    assert thanks["parent_id"] == "17890000000000001"  # nested in replies.data, no parent_id field
    assert first["created_at"] == pd.Timestamp("2026-10-31T14:05:00Z")
    assert answer["created_at"] == pd.Timestamp("2026-10-31T15:20:00Z")
    assert first["author_id"] == "17840000000000101"
    assert first["likes"] == 3 and answer["likes"] == 1
    assert first["text"] == "¿A qué hora abre el punto limpio el sábado?"
    assert hidden["is_hidden"] and not first["is_hidden"]
    # the config lists @ayto_villaejemplo: the username field matches
    assert m.index[m["is_official"]].tolist() == ["17890000000000002"]
    assert m["is_public"].all()
    assert hidden["source"] == "media_comments.json:2"


def test_media_object_is_a_message_and_the_thread_root():
    result = instagram.read(FIXTURES / "media_with_comments.json", CONFIG)
    # 1 record: the media, its comment and that comment's reply
    assert result.counts == {"records": 3, "messages": 3, "rejects": 0, "duplicates": 0}
    m = result.messages.set_index("message_id")
    media = m.loc["17950000000000002"]
    assert media["text"] == "Hoy arranca la semana de la movilidad 🚲"
    assert media["author_id"] == "17841400000000000"  # owner.id
    assert media["likes"] == 120 and media["is_official"]
    assert pd.isna(media["parent_id"])
    assert set(m["thread_id"]) == {"17950000000000002"}
    assert m.loc["17890000000000011", "parent_id"] == "17950000000000002"
    assert m.loc["17890000000000012", "parent_id"] == "17890000000000011"
    # without from.id the author is the username
    assert m.loc["17890000000000011", "author_id"] == "vecino.tres"
    assert m.loc["17890000000000012", "is_official"]


def test_jsonl_of_media_pages_with_a_truncated_line():
    result = instagram.read(FIXTURES / "user_media.jsonl", CONFIG)
    # line 1: undated media with 1 comment (record 1); line 3: dated media without
    # comments (record 2); line 4 cut off (record 3); line 2 is blank
    assert result.counts == {"records": 3, "messages": 2, "rejects": 1, "duplicates": 0}
    m = result.messages.set_index("message_id")
    assert m.loc["17890000000000021", "thread_id"] == "17950000000000003"
    assert "17950000000000003" not in m.index  # an undated media object is not a message
    assert m.loc["17950000000000004", "text"] == "Horario de invierno"
    reject = result.rejects.iloc[0]
    assert (reject["record"], reject["reason"]) == (3, "invalid_json")
    assert reject["detail"].startswith("line 4:")


def test_bad_records_are_rejected_by_name(tmp_path):
    page = {"data": [
        42,                                                         # 1 not an object
        {k: v for k, v in _comment("x").items() if k != "id"},      # 2 no id
        _comment("17890000000000031", when="31/10/2026"),           # 3 not ISO 8601
        _comment("17890000000000032", hidden="yes"),                # 4 hidden not boolean
        _comment("17890000000000033", like_count=-1),               # 5 negative likes
        _comment("17890000000000034"),                              # 6 good
        _comment("17890000000000034"),                              # 7 exact repeat
        {"id": "17950000000000009", "media_type": "IMAGE"},         # 8 media: no timestamp, no comments
        _comment("17890000000000035", text=["a"]),                  # 9 text not text
    ]}
    result = instagram.read(_write(tmp_path, page))
    assert result.counts == {"records": 9, "messages": 1, "rejects": 7, "duplicates": 1}
    got = result.rejects.sort_values("record")[["record", "reason", "field"]].fillna({"field": ""})
    assert got.values.tolist() == [
        [1, "not_a_record", ""], [2, "missing_field", "message_id"], [3, "bad_timestamp", "created_at"],
        [4, "bad_value", "hidden"], [5, "bad_value", "likes"], [7, "duplicate", "message_id"],
        [8, "missing_field", "comments"], [9, "bad_value", "text"],
    ]


def test_errors_raise_names_the_record(tmp_path):
    page = {"data": [_comment("17890000000000041"), _comment("17890000000000042", hidden="yes")]}
    with pytest.raises(RecordError) as info:
        instagram.read(_write(tmp_path, page), errors="raise")
    assert (info.value.record, info.value.field) == (2, "hidden")


def test_truncated_document_and_api_error(tmp_path):
    text = (FIXTURES / "media_comments.json").read_text(encoding="utf-8")[:500]
    with pytest.raises(ParseError, match="truncated"):
        instagram.read(_write(tmp_path, text))
    error = {"error": {"message": "Unsupported get request.", "type": "GraphMethodException", "code": 100}}
    with pytest.raises(InputError, match="Unsupported get request"):
        instagram.read(_write(tmp_path, error, name="error.json"))


def test_sniff_does_not_take_facebook_or_twitter():
    head = (FIXTURES / "media_comments.json").read_text(encoding="utf-8")
    assert instagram.sniff(head, Path("x.json"), None)
    facebook_like = ('{"data": [{"id": "1_2", "created_time": "2026-01-01T00:00:00+0000", "message": "x",'
                     ' "timestamp": "2026-01-01", "username": "u"}]}')
    assert not instagram.sniff(facebook_like, Path("x.json"), None)
    assert not instagram.sniff('{"data": [{"id": "1", "text": "x", "created_at": "2026"}]}', Path("x"), None)


def test_comments_without_username_get_one_unknown_author_each(tmp_path):
    anonymous = [{k: v for k, v in _comment(f"1789000000000005{i}").items() if k != "username"} for i in (1, 2)]
    result = instagram.read(_write(tmp_path, {"data": anonymous}))
    assert result.messages["author_id"].tolist() == ["unknown:17890000000000051", "unknown:17890000000000052"]
    assert len(result.notes) == 1 and result.notes[0].startswith("2 message(s) without an author")


def test_a_lone_surrogate_escape_rejects_only_its_comment(tmp_path):
    # regression: a lone "\ud800" escape crashed the reader with UnicodeEncodeError
    path = _write(tmp_path, '{"data": [' + json.dumps(_comment("1", text="x")).replace('"x"', r'"\ud800"')
                  + "," + json.dumps(_comment("2")) + "]}")
    result = instagram.read(path, CONFIG)
    assert result.counts == {"records": 2, "messages": 1, "rejects": 1, "duplicates": 0}
    reject = result.rejects.iloc[0]
    assert (reject["record"], reject["reason"], reject["field"]) == (1, "undecodable_bytes", "text")
