"""The shared step every reader ends with: threads, timestamps, duplicates, counts."""

import pandas as pd
import pytest

from roi.config import config_from_dict
from roi.errors import RecordError
from roi.io.base import build_result, parse_timestamps, resolve_threads


def test_threads_follow_parents_to_the_root():
    ids = pd.Series(["a", "b", "c", "d"])
    parents = pd.Series([None, "a", "b", "q"])  # d answers q, which is not in the export
    assert resolve_threads(ids, parents).tolist() == ["a", "a", "a", "q"]


def test_a_deep_chain_is_resolved_whole():
    n = 5000  # 5,000 replies each answering the previous one: one thread rooted at "0"
    ids = pd.Series([str(i) for i in range(n)])
    parents = pd.Series([None] + [str(i - 1) for i in range(1, n)])
    assert set(resolve_threads(ids, parents)) == {"0"}


def test_reply_cycles_end_at_their_first_listed_member():
    ids = pd.Series(["x", "y", "z", "p", "q", "r"])
    parents = pd.Series(["y", "x", "y", "q", "r", "p"])  # x<->y (z hangs from it), p->q->r->p
    assert resolve_threads(ids, parents).tolist() == ["x", "x", "x", "p", "p", "p"]


def test_timestamps_with_offsets_naive_local_and_dst():
    raw = pd.Series([
        "2026-10-31T10:00:00Z",  # explicit UTC
        "2026-10-31T10:00:00+01:00",  # explicit offset
        "31/10/2026 14:05",  # naive, Madrid CET (+1) -> 13:05 UTC
        "25/10/2026 02:30",  # repeated hour at the autumn change: read as summer time (+2) -> 00:30 UTC
        "29/03/2026 02:30",  # skipped hour in spring: moved to 03:00 CEST (+2) -> 01:00 UTC
        "",
        None,
        "yesterday",
    ])
    parsed = parse_timestamps(raw, dayfirst=True, timezone="Europe/Madrid")
    expected = pd.to_datetime(["2026-10-31 10:00", "2026-10-31 09:00", "2026-10-31 13:05", "2026-10-25 00:30",
                               "2026-03-29 01:00"]).tz_localize("UTC")
    assert parsed.iloc[:5].tolist() == expected.tolist()
    assert parsed.iloc[5:].isna().all()


def _raw(**columns):
    n = len(columns["message_id"])
    return pd.DataFrame({"record": range(1, n + 1), **columns})


def test_accounts_and_official_flags_from_the_config():
    config = config_from_dict({"accounts": {"twitter": ["@AytoEjemplo"]}})
    raw = _raw(
        message_id=["1", "2", "3"],
        created_at=["2026-10-01T10:00:00Z", "2026-10-01T11:00:00Z", "2026-10-01T12:00:00Z"],
        author_name=["vecina", "aytoejemplo", "vecino"],
        parent_id=[None, "1", None],
    )
    m = build_result(raw, path="t.jsonl", fmt="t", records=3, channel="twitter", config=config).messages
    assert m["is_official"].tolist() == [False, True, False]
    # thread 1 is answered by the council: its account as the config spells it; thread 3 has no official
    # message, so the channel's default account (the first configured) applies
    assert m["account"].tolist() == ["AytoEjemplo", "AytoEjemplo", "AytoEjemplo"]
    assert m["source"].tolist() == ["t.jsonl:1", "t.jsonl:2", "t.jsonl:3"]



def test_one_account_under_several_handles_is_one_account_named_by_its_first():
    # a Facebook page appears by name in some exports and by numeric id in others; two departments stay apart
    config = config_from_dict({"accounts": {"facebook": [["Ajuntament de Prova", "1047"], "Policia de Prova"]}})
    raw = _raw(
        message_id=["1", "2", "3", "4"],
        created_at=["2026-10-01T10:00:00Z", "2026-10-01T11:00:00Z", "2026-10-01T12:00:00Z", "2026-10-01T13:00:00Z"],
        author_id=["1047", "ajuntament de prova", "policia de prova", "vei"],
    )
    m = build_result(raw, path="t.json", fmt="t", records=4, channel="facebook", config=config).messages
    assert m["is_official"].tolist() == [True, True, True, False]
    assert m["account"].tolist()[:3] == ["Ajuntament de Prova", "Ajuntament de Prova", "Policia de Prova"]
    assert config.default_account("facebook") == "Ajuntament de Prova"
    assert config.accounts["facebook"] == ("Ajuntament de Prova", "1047", "Policia de Prova")
    # an export that names the account itself, under one of its handles, gets the account's name too
    raw = _raw(message_id=["5"], created_at=["2026-10-01T10:00:00Z"], author_id=["vei"], account=["@1047"])
    m = build_result(raw, path="t.csv", fmt="t", records=1, channel="facebook", config=config).messages
    assert m["account"].tolist() == ["Ajuntament de Prova"]

def test_counts_identity_with_every_kind_of_loss():
    raw = _raw(
        message_id=["1", "2", "2", "3", None, "4"],
        created_at=["2026-10-01T10:00:00Z", "2026-10-01T11:00:00Z", "2026-10-01T11:00:00Z",
                    "2026-10-01T11:00:00Z", "2026-10-01T11:00:00Z", "no"],
        text=["a", "b", "b", "c\ufffd", "d", "e"],
        likes=[1, 2, 2, 3, 4, -5],
    )
    result = build_result(raw, path="t.jsonl", fmt="t", records=6, channel="other")
    # 2 is repeated exactly (duplicate); 3 holds an undecodable byte; the 5th has no id; 4's time is bad
    assert result.counts == {"records": 6, "messages": 2, "rejects": 3, "duplicates": 1}
    assert result.rejects.set_index("record")["reason"].to_dict() == {
        3: "duplicate", 4: "undecodable_bytes", 5: "missing_field", 6: "bad_timestamp"}
    with pytest.raises(RecordError) as info:
        build_result(raw, path="t.jsonl", fmt="t", records=6, channel="other", errors="raise")
    assert (info.value.record, info.value.field) == (4, "text")


@pytest.mark.parametrize("when", ["1677-09-21T12:00:00Z", "2262-04-10T00:00:00Z", "2099-12-31T10:00:00Z",
                                  "1969-07-20T20:17:00Z"])
def test_a_time_before_1990_or_in_the_future_is_a_bad_timestamp(tmp_path, when):
    # issue 13.9: these passed ingest and then broke the report (OutOfBoundsDatetime) or stretched its period
    from roi.io import csv_generic

    path = tmp_path / "m.csv"
    path.write_text(f"message_id,created_at,text\n1,{when},hola\n2,2025-10-01T10:00:00Z,adiós\n", encoding="utf-8")
    result = csv_generic.read(path)
    assert result.counts == {"records": 2, "messages": 1, "rejects": 1, "duplicates": 0}
    assert result.rejects[["record", "reason", "field"]].values.tolist() == [[1, "bad_timestamp", "created_at"]]
    assert "outside 1990-01-01" in result.rejects["detail"].iloc[0]
