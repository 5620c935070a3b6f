"""Tests of roi.io.twitter_archive.

No real archive is shared (it is personal data), so the fixtures under
tests/fixtures/twitter_archive/ are invented, following the structure of a real
``data/tweets.js`` (Jackson-style ``"key" : value``, numbers as strings, ``edit_info``).
Expected values are read by hand from those fixtures.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import roi.io
from roi.config import Config
from roi.errors import EmptyInputError, ParseError, RecordError
from roi.io import twitter_archive

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "twitter_archive"
AYTO = Config(accounts={"twitter": ("AytoVillaEjemplo", "OtraCuenta")})


def _identity(result):
    c = result.counts
    assert c["records"] == c["messages"] + c["rejects"] + c["duplicates"]


def test_tweets_js_mapping():
    result = twitter_archive.read(FIXTURES / "tweets.js", AYTO)
    _identity(result)
    # by hand: 6 elements; 1708000000000000005 is superseded by its edit ...006
    assert result.counts == {"records": 6, "messages": 5, "rejects": 1, "duplicates": 0}
    msgs = result.messages.set_index("message_id")
    assert list(msgs.index) == ["1708000000000000001", "1708000000000000002", "1708000000000000003",
                                "1708000000000000004", "1708000000000000006"]
    assert msgs["is_official"].all()
    assert (msgs["author_id"] == "AytoVillaEjemplo").all()  # the first configured account
    assert (msgs["account"] == "AytoVillaEjemplo").all()
    first = msgs.loc["1708000000000000001"]
    # t.co link expanded, &amp; decoded
    assert first["text"] == "Padrón & certificados: pide cita previa aquí → https://sede.villaejemplo.es/padron"
    assert first["created_at"] == pd.Timestamp("2023-10-02T08:15:00Z")
    assert first["likes"] == 12
    assert first["lang"] == "es"
    assert pd.isna(first["parent_id"]) and first["thread_id"] == "1708000000000000001"
    assert first["source"] == "tweets.js:1"


def test_replies_thread_through_parent():
    msgs = twitter_archive.read(FIXTURES / "tweets.js", AYTO).messages.set_index("message_id")
    # ...002 answers a citizen's tweet ...990 (not in the archive); ...003 follows up on ...002
    assert msgs.at["1708000000000000002", "parent_id"] == "1707999999999999990"
    assert msgs.at["1708000000000000002", "thread_id"] == "1707999999999999990"
    assert msgs.at["1708000000000000003", "parent_id"] == "1708000000000000002"
    assert msgs.at["1708000000000000003", "thread_id"] == "1707999999999999990"
    assert msgs.at["1708000000000000003", "created_at"] == pd.Timestamp("2023-10-02T09:31:00Z")


def test_edit_keeps_latest_version_and_retweet_kept():
    result = twitter_archive.read(FIXTURES / "tweets.js", AYTO)
    msgs = result.messages.set_index("message_id")
    assert msgs.at["1708000000000000006", "text"] == "Corte de agua mañana en la calle Mayor"
    assert msgs.at["1708000000000000006", "likes"] == 5
    rej = result.rejects.iloc[0]
    assert (rej["record"], rej["reason"]) == (5, "superseded_edit")
    assert "1708000000000000006" in rej["detail"]
    assert msgs.at["1708000000000000004", "text"].startswith("RT @BiblioInventada:")


def test_without_config_owner_placeholder():
    result = twitter_archive.read(FIXTURES / "tweets.js")
    assert (result.messages["author_id"] == "archive_owner").all()
    assert result.messages["is_official"].all()
    assert any("accounts.twitter" in note for note in result.notes)


def test_old_tweet_js_bare_objects():
    result = twitter_archive.read(FIXTURES / "tweet.js", AYTO)
    _identity(result)
    assert result.counts == {"records": 2, "messages": 2, "rejects": 0, "duplicates": 0}
    msgs = result.messages.set_index("message_id")
    assert msgs.at["1000000000000000011", "text"] == "Las fiestas patronales empiezan el viernes <3"
    assert msgs.at["1000000000000000011", "created_at"] == pd.Timestamp("2018-05-26T17:45:10Z")
    assert msgs.at["1000000000000000012", "thread_id"] == "1000000000000000011"


def test_split_part():
    result = twitter_archive.read(FIXTURES / "tweets-part1.js", AYTO)
    assert result.counts["messages"] == 1
    assert result.messages.iloc[0]["message_id"] == "1650000000000000001"
    assert result.messages.iloc[0]["source"] == "tweets-part1.js:1"


@pytest.mark.parametrize("name", ["tweets.js", "tweet.js", "tweets-part1.js"])
def test_detected(name):
    assert roi.io.detect_format(FIXTURES / name) == "twitter_archive"


def _archive(tmp_path, body, name="tweets.js", prefix="window.YTD.tweets.part0 = "):
    path = tmp_path / name
    path.write_text(prefix + body, encoding="utf-8")
    return path


def _t(tid, when="Mon Oct 02 08:15:00 +0000 2023", text="hola"):
    return f'{{"tweet": {{"id_str": "{tid}", "created_at": "{when}", "full_text": "{text}"}}}}'


def test_bad_records(tmp_path):
    body = "[\n" + ",\n".join([
        _t("1"),                                        # 1 ok
        '"just a string"',                              # 2 not a tweet
        '{"tweet": {"created_at": "Mon Oct 02 08:15:00 +0000 2023", "full_text": "sin id"}}',  # 3 no id
        _t("4", when="2 de octubre"),                   # 4 bad timestamp
        _t("1"),                                        # 5 exact duplicate of 1
        _t("1", text="distinto"),                       # 6 same id, different text
        _t("7", when="Mon Oct 02 10:15:00 +0200 2023"),  # 7 ok, another offset
        '{"tweet": {"id": 8, "created_at": "Mon Oct 02 08:15:00 +0000 2023", "text": "id numérico",'
        ' "favorite_count": "muchos"}}',                # 8 likes not a number
    ]) + "\n]"
    result = twitter_archive.read(_archive(tmp_path, body))
    _identity(result)
    assert result.counts == {"records": 8, "messages": 2, "rejects": 5, "duplicates": 1}
    reasons = dict(zip(result.rejects["record"], result.rejects["reason"], strict=True))
    assert reasons == {2: "not_a_record", 3: "missing_field", 4: "bad_timestamp", 5: "duplicate",
                       6: "duplicate_id", 8: "bad_value"}
    msgs = result.messages.set_index("message_id")
    assert msgs.at["7", "created_at"] == pd.Timestamp("2023-10-02T08:15:00Z")  # +0200 converted to UTC


def test_errors_raise(tmp_path):
    body = "[" + ",".join([_t("1"), "42"]) + "]"
    with pytest.raises(RecordError) as info:
        twitter_archive.read(_archive(tmp_path, body), errors="raise")
    assert info.value.record == 2


def test_truncated_archive_names_line_and_column(tmp_path):
    path = _archive(tmp_path, "[\n" + _t("1") + ",\n" + _t("2")[:30])
    with pytest.raises(ParseError) as info:
        twitter_archive.read(path)
    assert "line 3" in str(info.value) and "truncated" in str(info.value)


def test_error_column_counts_the_prefix(tmp_path):
    path = _archive(tmp_path, "[ {,} ]")
    with pytest.raises(ParseError) as info:
        twitter_archive.read(path)
    # by hand: the prefix is 26 characters; "[ {" ends at column 29, the bad "," is column 30
    assert "line 1, column 30" in str(info.value)


def test_other_archive_file_refused(tmp_path):
    path = _archive(tmp_path, '[{"like": {"tweetId": "1"}}]', name="like.js", prefix="window.YTD.like.part0 = ")
    assert not twitter_archive.sniff(path.read_text(), path)
    with pytest.raises(ParseError, match="'like' data"):
        twitter_archive.read(path)


def test_empty_after_prefix(tmp_path):
    with pytest.raises(EmptyInputError):
        twitter_archive.read(_archive(tmp_path, "  \n"))


def test_not_a_list(tmp_path):
    with pytest.raises(ParseError, match="list of tweets"):
        twitter_archive.read(_archive(tmp_path, '{"tweet": {}}'))


def test_without_prefix(tmp_path):
    path = _archive(tmp_path, "[" + _t("1") + "]", prefix="")
    assert twitter_archive.read(path).counts["messages"] == 1


def test_a_lone_surrogate_escape_rejects_only_its_tweet(tmp_path):
    # regression: "\udfff" (half of a UTF-16 pair) made a str that pyarrow cannot encode:
    # UnicodeEncodeError escaped the reader
    body = "[" + _t("1", text=r"roto \udfff") + "," + _t("2", text=r"bici \ud83d\udeb2") + "]"
    result = twitter_archive.read(_archive(tmp_path, body))
    assert result.counts == {"records": 2, "messages": 1, "rejects": 1, "duplicates": 0}
    reject = result.rejects.iloc[0]
    assert (reject["record"], reject["reason"], reject["field"]) == (1, "undecodable_bytes", "text")
    assert result.messages["text"].tolist() == ["bici \U0001f6b2"]  # an escaped pair is one emoji
