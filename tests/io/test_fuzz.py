"""Property-based tests: whatever bytes a reader is fed, only RoiError escapes, and
when it returns, records == messages + rejects + duplicates.

Seeds are small invented documents of each format; hypothesis mutates them (cuts,
flipped bytes, inserted bytes, repeated lines) or feeds random bytes.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import roi.io
from roi.config import config_from_dict
from roi.errors import RoiError

CONFIG = config_from_dict({
    "accounts": {"twitter": ["AytoEjemplo"], "facebook": ["111"], "mastodon": ["ayto"]},
    "csv": {"columns": {"message_id": "Id", "created_at": "Fecha", "text": "Mensaje", "parent_id": "Respuesta"}},
})

SEEDS = {
    "csv": "Id;Fecha;Mensaje;Respuesta\n1;31/10/2026 14:05;¿Abre hoy?;\n2;31/10/2026 15:00;Sí, hasta las 20 h;1\n",
    "twcs": (
        "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n"
        "1,AytoEjemplo,False,Tue Oct 31 22:10:47 +0000 2017,@9 Hola,,2\n"
        "2,9,True,Tue Oct 31 22:00:00 +0000 2017,@AytoEjemplo ¿hola?,1,\n"
    ),
    "twitter_api_v2": "\n".join(json.dumps(t) for t in [
        {"id": "10", "text": "@AytoEjemplo ¿abre?", "created_at": "2026-10-31T10:00:00.000Z", "author_id": "9",
         "conversation_id": "10", "author": {"id": "9", "username": "vecina"}},
        {"id": "11", "text": "Sí", "created_at": "2026-10-31T11:00:00.000Z", "author_id": "1", "conversation_id": "10",
         "referenced_tweets": [{"type": "replied_to", "id": "10"}], "author": {"id": "1", "username": "AytoEjemplo"}},
    ]) + "\n",
    "twitter_archive": "window.YTD.tweets.part0 = " + json.dumps([
        {"tweet": {"id_str": "5", "full_text": "Aviso: corte de agua", "created_at": "Wed Oct 11 06:55:44 +0000 2017",
                   "favorite_count": "3", "lang": "es"}},
    ]),
    "facebook_graph": json.dumps({"data": [
        {"id": "1_2", "created_time": "2026-10-31T10:00:00+0000", "from": {"id": "9", "name": "Vecina"},
         "message": "¿Cuándo?", "like_count": 1, "comments": {"data": [
             {"id": "1_3", "created_time": "2026-10-31T11:00:00+0000", "from": {"id": "111", "name": "Ayto"},
              "message": "Mañana"}]}},
    ], "paging": {"cursors": {"before": "a", "after": "b"}}}),
    "instagram_graph": json.dumps({"data": [
        {"id": "17", "text": "¿Horario?", "timestamp": "2026-10-31T10:00:00+0000", "username": "vecina",
         "like_count": 0, "hidden": False, "replies": {"data": [
             {"id": "18", "text": "De 9 a 14", "timestamp": "2026-10-31T11:00:00+0000", "username": "ayto"}]}},
    ]}),
    "mastodon": json.dumps([
        {"id": "100", "created_at": "2026-10-31T10:00:00.000Z", "in_reply_to_id": None, "visibility": "public",
         "language": "es", "content": "<p>¿Abre el &quot;registro&quot;?</p>", "favourites_count": 0,
         "account": {"id": "9", "acct": "vecina@example.social"}},
        {"id": "101", "created_at": "2026-10-31T11:00:00.000Z", "in_reply_to_id": "100", "visibility": "public",
         "language": "es", "content": "<p>Sí<br>hasta las 14 h</p>", "favourites_count": 2,
         "account": {"id": "1", "acct": "ayto"}},
    ]),
    "bluesky": json.dumps([
        {"$type": "app.bsky.feed.post", "text": "Hola", "createdAt": "2026-10-31T10:00:00.000Z", "langs": ["es"]},
    ]),
    "open311": json.dumps([
        {"service_request_id": "77", "status": "closed", "status_notes": "Reparada", "service_name": "Farola",
         "description": "Farola apagada", "requested_datetime": "2026-10-31T10:00:00+01:00",
         "updated_datetime": "2026-11-02T09:00:00+01:00"},
    ]),
    "survey_csv": "response_id;thread_id;answered_at;score;scale\nr1;10;31/10/2026 14:05;5;csat5\nr2;11;31/10/2026 15:05;9;nps10\n",
}


def _mutate(data: bytes, cut: int, flip: int, insert: bytes, repeat: bool) -> bytes:
    if not data:
        return insert
    out = bytearray(data)
    i = flip % len(out)
    out[i] = (out[i] + 1 + flip) % 256
    j = cut % (len(out) + 1)
    out[j:j] = insert
    if repeat:
        lines = bytes(out).split(b"\n")
        k = flip % len(lines)
        lines.insert(k, lines[k])
        out = bytearray(b"\n".join(lines))
    return bytes(out[: max(1, len(out) - (cut % 7))])


def _check(module, data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        try:
            result = module.read(path, CONFIG)
        except RoiError as exc:
            assert str(exc)  # a message for the user, naming something
            return
        c = result.counts
        assert c["records"] == c["messages"] + c["rejects"] + c["duplicates"]
        assert c["messages"] == len(result.messages) + len(result.surveys)
        assert len(result.rejects) == c["rejects"] + c["duplicates"]
        roi.io.schema_check(result)


READERS = [m for m in roi.io._READERS if m.FORMAT in SEEDS]


def test_every_reader_has_a_seed():
    missing = sorted(m.FORMAT for m in roi.io._READERS if m.FORMAT not in SEEDS and m.FORMAT != "parquet")
    assert missing == []


@pytest.mark.parametrize("module", READERS, ids=lambda m: m.FORMAT)
def test_seed_documents_are_read_without_rejects(module):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "seed"
        path.write_text(SEEDS[module.FORMAT], encoding="utf-8")
        result = module.read(path, CONFIG)
        assert result.counts["rejects"] == 0 and result.counts["records"] >= 1


@pytest.mark.parametrize("module", READERS, ids=lambda m: m.FORMAT)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    cut=st.integers(0, 10_000),
    flip=st.integers(0, 10_000),
    insert=st.binary(max_size=12) | st.sampled_from([b'"', b"\n", b",", b";", b"{", b"]", b"\xff", b"\x00", b"null"]),
    repeat=st.booleans(),
)
def test_mutated_documents_only_raise_roi_errors(module, cut, flip, insert, repeat):
    _check(module, _mutate(SEEDS[module.FORMAT].encode("utf-8"), cut, flip, insert, repeat), ".txt")


@pytest.mark.parametrize("module", READERS, ids=lambda m: m.FORMAT)
@settings(max_examples=25, deadline=None)
@given(data=st.binary(max_size=300))
def test_random_bytes_only_raise_roi_errors(module, data):
    _check(module, data, ".bin")


@settings(max_examples=40, deadline=None)
@given(data=st.binary(max_size=300))
def test_detection_only_raises_roi_errors(data):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "unknown"
        path.write_bytes(data)
        try:
            result = roi.io.read(path, config=CONFIG)
        except RoiError:
            return
        assert result.format in roi.io.FORMATS
