"""twcs reader on the real public files."""

import pandas as pd
import pytest

from roi.errors import MissingColumnError
from roi.io import detect_format, twcs


def test_head_of_twcs_reads_every_tweet(shared_data):
    path = shared_data / "twcs" / "monalisapatra26_twcs_head.csv"
    result = twcs.read(path)
    # figures given with the data set: 5,000 tweets, 2,778 inbound, no damaged rows
    assert result.counts == {"records": 5000, "messages": 5000, "rejects": 0, "duplicates": 0}
    assert int((~result.messages["is_official"]).sum()) == 2778
    assert detect_format(path) == "twcs"


def test_bare_carriage_returns_stay_inside_tweet_3399(shared_data):
    messages = twcs.read(shared_data / "twcs" / "monalisapatra26_twcs_head.csv").messages.set_index("message_id")
    text = messages.loc["3399", "text"]
    # the raw bytes of that field (seen with a byte dump of the file) hold "\r\r" after the mention
    assert text.startswith("@AskPayPal \r\rI just love the start of email")
    assert text.endswith("https://t.co/8u1Pf5rJoN")
    assert messages.loc["3399", "account"] == "AskPayPal"


def test_values_match_an_independent_pandas_reading(shared_data):
    path = shared_data / "twcs" / "monalisapatra26_twcs_head.csv"
    expected = pd.read_csv(path, dtype=str, keep_default_na=False, lineterminator="\n")
    messages = twcs.read(path).messages
    assert messages["message_id"].tolist() == expected["tweet_id"].tolist()
    assert messages["author_id"].tolist() == expected["author_id"].tolist()
    # in_response_to_tweet_id is written as a float ("3.0"); the parent is the integer id
    parents = expected["in_response_to_tweet_id"].str.replace(".0", "", regex=False)
    assert messages["parent_id"].fillna("").tolist() == parents.tolist()
    first = messages.iloc[0]
    # row 0: sprintcare, False, "Tue Oct 31 22:10:47 +0000 2017", answers tweet 3
    assert (first["message_id"], first["author_id"], bool(first["is_official"])) == ("1", "sprintcare", True)
    assert first["created_at"] == pd.Timestamp("2017-10-31 22:10:47", tz="UTC")
    assert (first["parent_id"], first["account"]) == ("3", "sprintcare")


def test_kaggle_sample_with_crlf_line_ends(shared_data):
    result = twcs.read(shared_data / "twcs" / "kaggle_sample_93rows.csv")
    assert result.counts["messages"] == 93 and result.counts["rejects"] == 0
    m = result.messages.set_index("message_id")
    # row "119238,ChaseSupport,False,...,,119239": an official reply to 119239
    assert bool(m.loc["119238", "is_official"]) and m.loc["119238", "parent_id"] == "119239"
    assert m.loc["119238", "text"].endswith("^RR https://t.co/znUu1VJn9r")  # no stray \r from the CRLF line end
    assert m.loc["119239", "account"] == "ChaseSupport"  # the brand that answers in the thread


def test_invented_damage_is_listed(tmp_path):
    path = tmp_path / "twcs.csv"
    path.write_text(
        "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n"
        "1,AytoEjemplo,False,Tue Oct 31 22:10:47 +0000 2017,@1 Hola,,2\n"
        "2,1,maybe,Tue Oct 31 22:00:00 +0000 2017,@AytoEjemplo hola,1,\n"
        "3,1,True,31st of October,@AytoEjemplo hola,,\n",
        encoding="utf-8",
    )
    result = twcs.read(path)
    assert result.counts == {"records": 3, "messages": 1, "rejects": 2, "duplicates": 0}
    rejects = result.rejects.set_index("record")
    assert (rejects.loc[2, "reason"], rejects.loc[2, "field"]) == ("bad_value", "inbound")
    assert (rejects.loc[3, "reason"], rejects.loc[3, "field"]) == ("bad_timestamp", "created_at")


def test_missing_column_is_named(tmp_path):
    path = tmp_path / "twcs.csv"
    path.write_text("tweet_id,author_id,inbound,created_at,body\n1,a,True,x,y\n", encoding="utf-8")
    with pytest.raises(MissingColumnError) as info:
        twcs.read(path)
    assert info.value.field == "text"


def test_account_comes_from_an_official_author_never_from_a_citizen_handle(tmp_path):
    # issue 13.4: a citizen tweet with no brand reply takes the first @mention that names a brand of the file
    path = tmp_path / "twcs.csv"
    path.write_text(
        "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n"
        "1,115712,True,Tue Oct 31 22:00:00 +0000 2017,@maria_lopez_1985 mira @AjTorrebruna,,\n"
        "2,AjTorrebruna,False,Tue Oct 31 23:00:00 +0000 2017,Aviso de corte de agua,,\n"
        "3,115713,True,Tue Oct 31 23:10:00 +0000 2017,@pepe_88 qué tal,,\n",
        encoding="utf-8",
    )
    accounts = twcs.read(path).messages.set_index("message_id")["account"]
    assert accounts["1"] == "AjTorrebruna"  # the brand it mentions, not the citizen it mentions first
    assert accounts["3"] != "pepe_88" and "pepe" not in accounts["3"]  # no brand mentioned: no citizen as account
