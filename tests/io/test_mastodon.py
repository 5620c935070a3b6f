"""Tests of the Mastodon statuses reader (roi.io.mastodon)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

import roi.io
from roi.config import Config
from roi.errors import ParseError, RecordError
from roi.io import mastodon
from roi.schema import validate

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "mastodon"
REAL = "formats/mastodon_api"
CONFIG = Config(accounts={"mastodon": ("@ayuntamiento@mastodon.villaejemplo.es",)})


def _identity(counts):
    return counts["records"] == counts["messages"] + counts["rejects"] + counts["duplicates"]


def _write(tmp_path, document, name="statuses.json"):
    path = tmp_path / name
    path.write_text(document if isinstance(document, str) else json.dumps(document), encoding="utf-8")
    return path


# --- real data: the Mastodon documentation's examples -----------------------------------


def test_real_status_example(shared_data):
    path = shared_data / REAL / "Status_examples.json"
    assert roi.io.detect_format(path) == "mastodon"
    result = mastodon.read(path)
    assert result.counts == {"records": 1, "messages": 1, "rejects": 0, "duplicates": 0}
    validate(result.messages)
    row = result.messages.iloc[0]
    status = json.loads(path.read_text(encoding="utf-8"))[0]
    assert row["message_id"] == status["id"] == "103270115826048975"
    assert row["created_at"] == pd.Timestamp("2019-12-08T03:48:33.901Z")
    # account.id; no official voice and no configured mastodon account: the exchange is unassigned, never a
    # citizen's handle
    assert row["author_id"] == "1" and row["account"] == "unassigned"
    assert row["lang"] == "en" and row["likes"] == 11  # language; favourites_count
    assert row["is_public"] and not row["is_hidden"]
    assert pd.isna(row["parent_id"]) and row["thread_id"] == "103270115826048975"
    # content read by hand: two paragraphs, &quot; entities, and a link whose address is
    # split over invisible/ellipsis spans; the whole address is kept
    assert row["text"] == (
        '"I lost my inheritance with one wrong digit on my sort code"\n\n'
        "https://www.theguardian.com/money/2019/dec/07/"
        "i-lost-my-193000-inheritance-with-one-wrong-digit-on-my-sort-code"
    )


def test_real_status_official_by_acct(shared_data):
    path = shared_data / REAL / "Status_examples.json"
    assert mastodon.read(path, Config(accounts={"mastodon": ("@Gargron",)})).messages["is_official"].all()
    # the full handle is built from account.url's host, so a remote-style handle matches too
    assert mastodon.read(path, Config(accounts={"mastodon": ("gargron@mastodon.social",)})).messages[
        "is_official"].all()
    assert not mastodon.read(path, Config(accounts={"mastodon": ("gargron@example.org",)})).messages[
        "is_official"].any()


def test_real_context_example_with_comments_is_a_parse_error_naming_the_line(shared_data):
    path = shared_data / REAL / "Context_example.jsonc"
    assert roi.io.detect_format(path) == "mastodon"
    with pytest.raises(ParseError) as info:
        mastodon.read(path)
    # line 7 of the file is '      // ...' (read by hand): the comment starts at column 7
    assert info.value.file == str(path)
    assert info.value.record == "line 7, column 7"
    assert "JSON allows no comments" in str(info.value)
    assert "Context_example.jsonc" in str(info.value)


def test_real_context_without_comments_rejects_statuses_lacking_content(shared_data, tmp_path):
    text = (shared_data / REAL / "Context_example.jsonc").read_text(encoding="utf-8")
    # drop the '// ...' placeholders and the trailing commas before them: valid JSON, but each
    # status keeps only id, created_at and in_reply_to_id
    cleaned = re.sub(r",\s*//[^\n]*", "", text)
    document = json.loads(cleaned)
    ids = [s["id"] for s in document["ancestors"] + document["descendants"]]
    assert len(ids) == 4  # 3 ancestors + 1 descendant, counted with json
    result = mastodon.read(_write(tmp_path, cleaned, name="context.json"))
    assert result.counts == {"records": 4, "messages": 0, "rejects": 4, "duplicates": 0}
    assert result.rejects["record"].tolist() == [1, 2, 3, 4]
    assert set(result.rejects["reason"]) == {"missing_field"}
    assert set(result.rejects["field"]) == {"account"}
    assert [i in raw for i, raw in zip(ids, result.rejects["raw"], strict=True)] == [True] * 4
    with pytest.raises(RecordError) as info:
        mastodon.read(_write(tmp_path, cleaned, name="context.json"), errors="raise")
    assert (info.value.record, info.value.field) == (1, "account")


# --- invented fixtures --------------------------------------------------------------------


def test_context_thread_official_reply_and_visibility():
    result = mastodon.read(FIXTURES / "thread_context.json", CONFIG)
    # 1 ancestor + 2 descendants, numbered 1-3 in that order
    assert result.counts == {"records": 3, "messages": 3, "rejects": 0, "duplicates": 0}
    m = result.messages.set_index("message_id")
    root, reply, follow = "113000000000000001", "113000000000000002", "113000000000000003"
    assert set(m["thread_id"]) == {root}
    assert m.loc[reply, "parent_id"] == root and m.loc[follow, "parent_id"] == reply
    # official: the local acct 'ayuntamiento' on mastodon.villaejemplo.es (from account.url)
    assert m.index[m["is_official"]].tolist() == [reply]
    assert m["is_public"].tolist() == [True, True, False]  # public, unlisted, direct
    assert m.loc[root, "text"] == "Hola @ayuntamiento ¿cuándo abre la biblioteca municipal?"
    assert m.loc[reply, "text"] == (
        "Hola, abre de lunes a viernes a las 9:00.\nHorario completo: https://www.villaejemplo.es/biblioteca")
    assert m.loc[follow, "text"] == "Queja\n\nGracias & saludos"  # spoiler_text, blank line, content
    assert m.loc[reply, "created_at"] == pd.Timestamp("2026-10-20T09:40:30.500Z")
    assert m.loc[reply, "likes"] == 2
    assert pd.isna(m.loc[follow, "lang"]) and m.loc[root, "lang"] == "es"
    assert m.loc[root, "author_id"] == "2001"
    assert set(m["account"]) == {"ayuntamiento"}
    assert m.loc[follow, "source"] == "thread_context.json:3"


def test_jsonl_boosts_bad_lines_and_duplicates():
    result = mastodon.read(FIXTURES / "statuses.jsonl", CONFIG)
    # lines (by hand): 1 status A; 2 boost of A (A again: a duplicate); 3 no account;
    # 4 cut off; 5 blank; 6 bad created_at; 7 boost of D (read as D)
    assert result.counts == {"records": 6, "messages": 2, "rejects": 3, "duplicates": 1}
    got = result.rejects.sort_values("record")[["record", "reason", "field"]].fillna({"field": ""})
    assert got.values.tolist() == [
        [2, "duplicate", "message_id"], [3, "missing_field", "account"], [4, "invalid_json", ""],
        [6, "bad_timestamp", "created_at"],
    ]
    m = result.messages.set_index("message_id")
    assert m.index.tolist() == ["113000000000000010", "113000000000000014"]
    boosted = m.loc["113000000000000014"]
    # a boost is read as the boosted status: its author (2001) and text, the boost's line
    assert boosted["author_id"] == "2001" and not boosted["is_official"]
    assert boosted["text"] == "Corte de agua en el barrio norte"
    assert boosted["source"] == "statuses.jsonl:7"
    assert result.notes == ["2 boost(s) read as the statuses they boost (the booster is not kept)"]


def test_single_status_and_wrong_types(tmp_path):
    status = json.loads((FIXTURES / "thread_context.json").read_text(encoding="utf-8"))["descendants"][0]
    result = mastodon.read(_write(tmp_path, status), CONFIG)
    assert result.counts == {"records": 1, "messages": 1, "rejects": 0, "duplicates": 0}
    assert result.messages["is_official"].tolist() == [True]
    bad = [dict(status, id="9001", content=None), dict(status, id="9002", account="ayuntamiento"),
           dict(status, id="9003", favourites_count="muchos"), "texto", dict(status, id="9004", visibility="limited"),
           dict(status, id="9005", visibility={"value": "public"})]
    result = mastodon.read(_write(tmp_path, bad, name="bad.json"), CONFIG)
    assert result.counts == {"records": 6, "messages": 2, "rejects": 4, "duplicates": 0}
    got = result.rejects.sort_values("record")[["record", "reason", "field"]].fillna({"field": ""})
    assert got.values.tolist() == [
        [1, "missing_field", "content"], [2, "missing_field", "account"], [3, "bad_value", "likes"],
        [4, "not_a_record", ""],
    ]
    # 'limited' is not public, and neither is a visibility that is not text
    assert result.messages["is_public"].tolist() == [False, False]


def test_truncated_document_is_a_parse_error(tmp_path):
    text = (FIXTURES / "thread_context.json").read_text(encoding="utf-8")[:900]
    with pytest.raises(ParseError, match="truncated"):
        mastodon.read(_write(tmp_path, text))


def test_sniff():
    assert mastodon.sniff((FIXTURES / "thread_context.json").read_text(encoding="utf-8"), Path("x"), None)
    assert mastodon.sniff('{"ancestors": [], "descendants": []}', Path("x"), None)
    # a Twitter v1.1 status has 'user', not 'account'
    tweet = '[{"id": 1, "created_at": "x", "text": "hola", "user": {"favourites_count": 3}}]'
    assert not mastodon.sniff(tweet, Path("x"), None)
