"""Tests of roi.io.twitter_api on twarc's real test data and on invented bad input.

Expected values are computed independently with the json module from the shared files
(never from the reader), or counted by hand in the invented inputs written inline here.
"""

from __future__ import annotations

import collections
import json

import pandas as pd
import pytest

import roi.io
from roi.config import Config
from roi.errors import EmptyInputError, ParseError, RecordError
from roi.io import twitter_api


@pytest.fixture(scope="module")
def twarc(shared_data):
    return shared_data / "formats" / "twitter_api_v2_twarc"


def _lines(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _parent(tweet):
    return next((r["id"] for r in tweet.get("referenced_tweets", []) if r["type"] == "replied_to"), None)


def _identity(result):
    c = result.counts
    assert c["records"] == c["messages"] + c["rejects"] + c["duplicates"]


# --------------------------------------------------------------------------- real files


def test_flat_jsonl_ids_threads_parents(twarc):
    path = twarc / "flat.jsonl"
    tweets = _lines(path)  # independent: one tweet per line, 100 lines
    result = twitter_api.read(path)
    _identity(result)
    assert result.counts == {"records": 100, "messages": 100, "rejects": 0, "duplicates": 0}
    msgs = result.messages.set_index("message_id")
    assert list(msgs.index) == [t["id"] for t in tweets]
    assert (msgs["thread_id"] == pd.Series({t["id"]: t["conversation_id"] for t in tweets})).all()
    expected_parents = {t["id"]: _parent(t) for t in tweets}
    assert sum(p is not None for p in expected_parents.values()) == 31  # json: 31 replied_to references
    assert msgs["parent_id"].isna().sum() == 69
    for tid, parent in expected_parents.items():
        if parent is not None:
            assert msgs.at[tid, "parent_id"] == parent
    assert (msgs["author_id"] == pd.Series({t["id"]: t["author_id"] for t in tweets})).all()
    assert (msgs["likes"] == pd.Series({t["id"]: t["public_metrics"]["like_count"] for t in tweets})).all()
    # json: lang counts en 86, es 10, tl 2, sv 1, und 1 (und becomes missing)
    assert msgs["lang"].value_counts().to_dict() == {"en": 86, "es": 10, "tl": 2, "sv": 1}
    assert msgs["lang"].isna().sum() == 1
    assert msgs["channel"].eq("twitter").all() and msgs["is_public"].all() and not msgs["is_hidden"].any()


def test_flat_jsonl_known_tweet(twarc):
    path = twarc / "flat.jsonl"
    result = twitter_api.read(path)
    row = result.messages.set_index("message_id").loc["1380242586288328707"]
    # from line 4 of flat.jsonl (json): a reply by PDXPapaG in conversation 1380220754978086917
    assert row["source"] == "flat.jsonl:4"
    assert row["parent_id"] == "1380229267770933248"
    assert row["thread_id"] == "1380220754978086917"
    assert row["author_id"] == "1910479285"
    assert row["created_at"] == pd.Timestamp("2021-04-08T19:34:10Z")
    assert row["text"].startswith("@TalkToTheFoot @JackPosobiec None of whom had access")


def test_flat_jsonl_urls_expanded_and_entities_decoded(twarc):
    path = twarc / "flat.jsonl"
    tweets = _lines(path)
    msgs = twitter_api.read(path).messages.set_index("message_id")
    second = tweets[1]  # line 2 holds one t.co link (json)
    (url,) = second["entities"]["urls"]
    text = msgs.at[second["id"], "text"]
    assert url["url"] not in text and url["expanded_url"] in text
    # json: 5 tweets hold "&amp;"; the message text holds the decoded "&"
    amp = [t["id"] for t in tweets if "&amp;" in t["text"]]
    assert len(amp) == 5
    assert not msgs["text"].str.contains("&amp;", regex=False).any()
    assert all("&" in msgs.at[i, "text"] for i in amp)


def test_official_from_config_handles(twarc):
    path = twarc / "flat.jsonl"
    tweets = _lines(path)
    by_user = collections.Counter(t["author"]["username"] for t in tweets)
    assert by_user["The_Reaper2008"] == 2  # json
    config = Config(accounts={"twitter": ("@the_reaper2008",)})
    msgs = twitter_api.read(path, config).messages
    official = msgs[msgs["is_official"]]
    assert sorted(official["message_id"]) == sorted(t["id"] for t in tweets if t["author"]["username"] == "The_Reaper2008")
    assert (official["account"] == "the_reaper2008").all()  # the account as the config spells it, without "@"


def test_noflat_page_reads_data_not_includes(twarc):
    path = twarc / "noflat.jsonl"
    (page,) = _lines(path)  # one response page on one line
    data = page["data"]
    assert len(data) == 100 and page["meta"]["result_count"] == 100
    result = twitter_api.read(path)
    _identity(result)
    # a one-line file parses as one JSON document: records are the tweets' positions in data
    assert result.counts == {"records": 100, "messages": 100, "rejects": 0, "duplicates": 0}
    assert list(result.messages["message_id"]) == [t["id"] for t in data]
    assert list(result.messages["source"][:3]) == ["noflat.jsonl:1", "noflat.jsonl:2", "noflat.jsonl:3"]
    only_included = {t["id"] for t in page["includes"]["tweets"]} - {t["id"] for t in data}
    assert len(only_included) > 0
    assert not result.messages["message_id"].isin(only_included).any()
    assert any("errors" in note for note in result.notes)  # the page carries API errors (json: "errors" key)


def test_noflat_author_name_from_includes_users(twarc):
    path = twarc / "noflat.jsonl"
    (page,) = _lines(path)
    users = {u["id"]: u["username"] for u in page["includes"]["users"]}
    first = page["data"][0]
    handle = users[first["author_id"]]
    config = Config(accounts={"twitter": (handle,)})
    msgs = twitter_api.read(path, config).messages.set_index("message_id")
    expected = {t["id"] for t in page["data"] if users.get(t["author_id"]) == handle}
    assert set(msgs.index[msgs["is_official"]]) == expected
    assert msgs.at[first["id"], "is_official"]


def test_two_tweets_retweet_kept(twarc):
    result = twitter_api.read(twarc / "two_tweets.jsonl")
    assert result.counts["messages"] == 1  # json: data holds 1 tweet, includes.tweets the retweeted one
    row = result.messages.iloc[0]
    assert row["message_id"] == "1394735776701816833"
    assert row["thread_id"] == "1394735776701816833"
    assert pd.isna(row["parent_id"])
    assert row["text"] == "RT @bibaigna96: #POIUYTREWQ"
    assert pd.isna(row["lang"])  # "und"
    assert row["created_at"] == pd.Timestamp("2021-05-18T19:24:56Z")


def test_quoted_edit_reply_parent_not_quote(twarc):
    result = twitter_api.read(twarc / "quoted_edit.jsonl")
    assert result.counts["messages"] == 1  # json: 1 tweet in data, 3 in includes.tweets
    row = result.messages.iloc[0]
    # json: referenced_tweets = quoted 1576994746135764992, replied_to 1576994789110992896
    assert row["message_id"] == "1576995594388000768"
    assert row["parent_id"] == "1576994789110992896"
    assert row["thread_id"] == "1576994789110992896"
    assert row["likes"] == 1
    assert row["text"] == "@wongmjane Test \nhttps://twitter.com/wongmjane/status/1576994746135764992"


def test_mentions_tweet_single_message(twarc):
    path = twarc / "mentions_tweet.jsonl"
    (page,) = _lines(path)
    assert len(page["includes"]["tweets"]) == 2  # json: the tweet itself and the retweeted one
    result = twitter_api.read(path)
    assert list(result.messages["message_id"]) == [page["data"][0]["id"]] == ["1589681856941002753"]
    assert result.messages.iloc[0]["author_id"] == "68401342"


@pytest.mark.parametrize("name", ["flat.jsonl", "noflat.jsonl", "two_tweets.jsonl", "quoted_edit.jsonl",
                                  "mentions_tweet.jsonl"])
def test_detected(twarc, name):
    assert roi.io.detect_format(twarc / name) == "twitter_api_v2"


# --------------------------------------------------------------------------- invented input


def _tweet(tid, when="2026-10-05T09:00:00.000Z", text="hola", **extra):
    return {"id": tid, "created_at": when, "text": text, "author_id": "77", "conversation_id": tid, **extra}


def _write(tmp_path, name, lines):
    path = tmp_path / name
    path.write_text("\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    return path


def test_bad_lines_rejected_rest_read(tmp_path):
    good = _tweet("1")
    path = _write(tmp_path, "bad.jsonl", [
        good,                                             # 1 ok
        '{"id": "2", "created_at": "2026-10-05T09:0',     # 2 truncated line
        "[1, 2]",                                         # 3 not an object
        {"created_at": "2026-10-05T09:00:00Z", "text": "sin id"},  # 4 no id
        _tweet("5", when="yesterday"),                    # 5 bad timestamp
        good,                                             # 6 exact duplicate of 1
        _tweet("1", text="otro texto"),                   # 7 same id, other content
        "",                                               # 8 blank: not a record
        _tweet("9", in_reply_to_user_id="77", referenced_tweets=[{"type": "replied_to", "id": "1"}],
               conversation_id="1"),                      # 9 ok, a reply to 1
    ])
    result = twitter_api.read(path)
    _identity(result)
    # by hand: 8 non-blank lines = 2 messages + 5 rejects + 1 duplicate
    assert result.counts == {"records": 8, "messages": 2, "rejects": 5, "duplicates": 1}
    reasons = dict(zip(result.rejects["record"], result.rejects["reason"], strict=True))
    assert reasons == {2: "invalid_json", 3: "not_a_record", 4: "missing_field", 5: "bad_timestamp",
                       6: "duplicate", 7: "duplicate_id"}
    assert result.rejects.set_index("record").at[4, "field"] == "message_id"
    assert result.rejects.set_index("record").at[2, "source"] == "bad.jsonl:2"
    assert list(result.messages["message_id"]) == ["1", "9"]
    assert result.messages.set_index("message_id").at["9", "parent_id"] == "1"


def test_errors_raise_first_bad_line(tmp_path):
    path = _write(tmp_path, "bad.jsonl", [_tweet("1"), "{nope", _tweet("3")])
    with pytest.raises(RecordError) as info:
        twitter_api.read(path, errors="raise")
    assert info.value.record == 2 and "bad.jsonl" in str(info.value)


def test_errors_raise_tweet_without_timestamp(tmp_path):
    path = _write(tmp_path, "bad.jsonl", [_tweet("1"), {"id": "2", "text": "x"}])
    with pytest.raises(RecordError) as info:
        twitter_api.read(path, errors="raise")
    assert info.value.record == 2 and info.value.field == "created_at"


def test_pages_jsonl_record_is_line(tmp_path):
    users = {"users": [{"id": "77", "username": "AytoInventado"}, {"id": "88", "username": "vecino_x"}]}
    page1 = {"data": [_tweet("10"), {**_tweet("11"), "author_id": "88", "referenced_tweets": [
        {"type": "replied_to", "id": "10"}], "conversation_id": "10"}], "includes": users, "meta": {"result_count": 2}}
    empty = {"meta": {"result_count": 0}}
    page3 = {"data": [_tweet("12"), "not a tweet"], "includes": users, "meta": {"result_count": 2}}
    page4 = {"data": "oops", "meta": {"result_count": 1}}
    path = _write(tmp_path, "pages.jsonl", [page1, empty, page3, page4])
    config = Config(accounts={"twitter": ("AytoInventado",)})
    result = twitter_api.read(path, config)
    _identity(result)
    # by hand: 4 tweets in data + page4's bad data = 5 records; 3 messages; 2 rejects; empty page no record
    assert result.counts == {"records": 5, "messages": 3, "rejects": 2, "duplicates": 0}
    msgs = result.messages.set_index("message_id")
    assert msgs["source"].to_dict() == {"10": "pages.jsonl:1", "11": "pages.jsonl:1", "12": "pages.jsonl:3"}
    assert msgs["is_official"].to_dict() == {"10": True, "11": False, "12": True}
    assert msgs.at["11", "account"] == "AytoInventado"
    rej = result.rejects.set_index("record")
    assert rej.at[3, "reason"] == "not_a_record" and rej.at[4, "reason"] == "bad_value"
    assert any("no tweets" in note for note in result.notes)


def test_note_tweet_text_preferred(tmp_path):
    long_text = "Aviso largo: " + "obras en la calle " * 20 + "https://t.co/zz"
    tweet = _tweet("20", text="Aviso largo: obras… https://t.co/yy",
                   note_tweet={"text": long_text, "entities": {"urls": [
                       {"url": "https://t.co/zz", "expanded_url": "https://villaejemplo.es/obras"}]}})
    path = _write(tmp_path, "note.jsonl", [tweet, _tweet("21")])
    text = twitter_api.read(path).messages.set_index("message_id").at["20", "text"]
    assert text == long_text.replace("https://t.co/zz", "https://villaejemplo.es/obras")


def test_wrong_types_are_rejects_not_crashes(tmp_path):
    weird = {"id": {"x": 1}, "created_at": 5, "text": ["a"], "lang": 3, "public_metrics": {"like_count": "many"},
             "referenced_tweets": "none", "entities": {"urls": "none"}}
    neg = _tweet("31", public_metrics={"like_count": -4})
    path = _write(tmp_path, "weird.jsonl", [weird, neg, _tweet("32")])
    result = twitter_api.read(path)
    _identity(result)
    assert result.counts == {"records": 3, "messages": 1, "rejects": 2, "duplicates": 0}
    rej = result.rejects.set_index("record")
    assert (rej.at[1, "reason"], rej.at[1, "field"]) == ("missing_field", "message_id")
    assert (rej.at[2, "reason"], rej.at[2, "field"]) == ("bad_value", "likes")


def test_truncated_json_document_raises_with_position(tmp_path):
    path = tmp_path / "page.json"
    path.write_text('{\n  "data": [\n    {"id": "1", "text": "hola", "created_at": "2026-10-05T09:00:00Z"', encoding="utf-8")
    with pytest.raises(ParseError) as info:
        twitter_api.read(path)
    assert "line 3" in str(info.value) and "page.json" in str(info.value)


def test_pretty_printed_single_page(tmp_path):
    page = {"data": [_tweet("40"), _tweet("41")], "includes": {"users": [{"id": "77", "username": "AytoInventado"}]},
            "meta": {"result_count": 2}}
    path = tmp_path / "page.json"
    path.write_text(json.dumps(page, indent=2), encoding="utf-8")
    result = twitter_api.read(path, Config(accounts={"twitter": ("aytoinventado",)}))
    assert result.counts == {"records": 2, "messages": 2, "rejects": 0, "duplicates": 0}
    assert result.messages["is_official"].all()
    assert list(result.messages["source"]) == ["page.json:1", "page.json:2"]
    assert roi.io.detect_format(path) == "twitter_api_v2"


def test_empty_file(tmp_path):
    path = tmp_path / "empty.jsonl"
    path.write_text("\n\n", encoding="utf-8")
    with pytest.raises(EmptyInputError):
        twitter_api.read(path)


def test_only_empty_pages_gives_no_messages(tmp_path):
    path = _write(tmp_path, "none.jsonl", [{"meta": {"result_count": 0}}, {"meta": {"result_count": 0}}])
    result = twitter_api.read(path)
    assert result.counts == {"records": 0, "messages": 0, "rejects": 0, "duplicates": 0}
    assert len(result.messages) == 0


def test_a_date_outside_the_nanosecond_range_is_a_bad_timestamp(tmp_path):
    # regression: pandas parsed year 1 at a coarser resolution and the cast to
    # datetime64[ns] raised OutOfBoundsDatetime out of the reader
    path = _write(tmp_path, "old.jsonl", [_tweet("1", when="0001-01-01T00:00:00.000Z"), _tweet("2")])
    result = twitter_api.read(path)
    assert result.counts == {"records": 2, "messages": 1, "rejects": 1, "duplicates": 0}
    reject = result.rejects.iloc[0]
    assert (reject["record"], reject["reason"], reject["field"]) == (1, "bad_timestamp", "created_at")
    assert result.messages["message_id"].tolist() == ["2"]


def test_a_text_that_is_not_a_string_is_a_bad_value(tmp_path):
    # issue 13.11: an object or a number as text became "" silently; by hand: 3 lines = 1 message + 2 rejects
    path = _write(tmp_path, "odd.jsonl", [_tweet("1"), _tweet("2", text={"nested": "obj"}), _tweet("3", text=123)])
    result = twitter_api.read(path)
    assert result.counts == {"records": 3, "messages": 1, "rejects": 2, "duplicates": 0}
    assert result.rejects[["record", "reason", "field"]].values.tolist() == [[2, "bad_value", "text"],
                                                                            [3, "bad_value", "text"]]
    assert "got dict" in result.rejects["detail"].iloc[0]
