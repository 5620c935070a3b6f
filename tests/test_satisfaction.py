"""Satisfaction on a small table worked by hand: every figure and its denominator.

The conversation (account "ayto" on twitter, October 2026, Madrid time):

- ana:    a1 10-01 10:00 asks; r1 11:00 answers; a2 12:00 "Muchas gracias, muy amables" (thanks)
- bea:    b1 10-02 10:00 complains; r2 10-03 10:00 answers; b2 12:00 "Gracias por nada" (not thanks)
          b3 10-05 09:00 opens a NEW thread, 1 day 23 h after her answer: re-contact
- carlos: c1 10-04 10:00 asks; r3 12:00 answers; no follow-up, no new thread
- bea:    b3 is itself a citizen thread, never answered
- dani:   d1 10-20 10:00; r4 10:30 answers: the export ends there, so his 7-day window
          is not observed (re-contact unknown)

Citizen threads 5 (a1, b1, b3, c1, d1); answered 4; follow-ups 2; thanks 1 -> 1/4;
re-contact observable 3 (a1, b1, c1), re-contact 1 (b1) -> 1/3; likes 3, 0, 5 and one
reply without likes -> 8/3 over 3 replies.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from helpers import table

from roi import satisfaction
from roi.config import config_from_dict
from roi.schema import SURVEY_COLUMNS
from roi.sentiment import hostility, polarity

CONFIG = config_from_dict({"accounts": {"twitter": ["ayto"]}})

A2 = "Muchas gracias, muy amables"
B1 = "Sigo esperando respuesta, qué vergüenza"
B2 = "Gracias por nada"


def compound(s):
    return s / math.sqrt(s * s + 15)


@pytest.fixture
def messages():
    m = table([
        {"id": "a1", "at": "2026-10-01 10:00", "author": "ana", "text": "@ayto La farola de mi calle lleva una semana apagada"},
        {"id": "r1", "at": "2026-10-01 11:00", "official": True, "parent": "a1", "text": "Gracias por avisar, lo revisamos"},
        {"id": "a2", "at": "2026-10-01 12:00", "author": "ana", "parent": "r1", "text": A2},
        {"id": "b1", "at": "2026-10-02 10:00", "author": "bea", "text": "@ayto " + B1},
        {"id": "r2", "at": "2026-10-03 10:00", "official": True, "parent": "b1", "text": "Disculpe, ya está"},
        {"id": "b2", "at": "2026-10-03 12:00", "author": "bea", "parent": "r2", "text": B2},
        {"id": "b3", "at": "2026-10-05 09:00", "author": "bea", "text": "@ayto otra vez sin luz"},
        {"id": "c1", "at": "2026-10-04 10:00", "author": "carlos", "text": "@ayto ¿Cuándo abre el registro?"},
        {"id": "r3", "at": "2026-10-04 12:00", "official": True, "parent": "c1", "text": "A las 9"},
        {"id": "d1", "at": "2026-10-20 10:00", "author": "dani", "text": "@ayto hola"},
        {"id": "r4", "at": "2026-10-20 10:30", "official": True, "parent": "d1", "text": "Hola"},
    ])
    m["likes"] = pd.array([None, 3, None, None, 0, None, None, None, 5, None, None], dtype="Int64")
    return m


def survey_table(rows):
    frame = pd.DataFrame(rows)
    for column, dtype in SURVEY_COLUMNS.items():
        if column not in frame:
            frame[column] = None
        frame[column] = frame[column].astype(dtype)
    return frame[list(SURVEY_COLUMNS)]


@pytest.fixture
def surveys():
    october = pd.Timestamp("2026-10-10T10:00Z")
    rows = (
        # csat5 5, 2, 4, 3: top-2-box 2 of 4; the last one carries its own account and channel
        [{"survey_id": f"c{i}", "thread_id": t, "answered_at": october, "score": s, "scale": "csat5"}
         for i, (t, s) in enumerate([("a1", 5), ("b1", 2), ("c1", 4)])]
        + [{"survey_id": "c9", "account": "ayto", "channel": "twitter", "answered_at": october, "score": 3,
            "scale": "csat5"}]
        # nps10 10, 9, 9, 7, 3: promoters 3/5, detractors 1/5 -> NPS 40
        + [{"survey_id": f"n{i}", "thread_id": "a1", "answered_at": october, "score": s, "scale": "nps10"}
           for i, s in enumerate([10, 9, 9, 7, 3])]
        # good_bad 1, 1, 0 -> 2/3; one answer found through its message id
        + [{"survey_id": "g1", "thread_id": "b1", "answered_at": october, "score": 1, "scale": "good_bad"},
           {"survey_id": "g2", "message_id": "c1", "answered_at": october, "score": 1, "scale": "good_bad"},
           {"survey_id": "g3", "thread_id": "c1", "answered_at": october, "score": 0, "scale": "good_bad"}]
        # November: a period with surveys and no logs
        + [{"survey_id": "late", "thread_id": "a1", "answered_at": pd.Timestamp("2026-11-02T10:00Z"), "score": 1,
            "scale": "csat5"}]
    )
    return survey_table(rows)


def test_detail_per_citizen_thread(messages):
    d = satisfaction.detail(messages, CONFIG).set_index("first_message_id")
    assert sorted(d.index) == ["a1", "b1", "b3", "c1", "d1"]
    assert d["answered"].to_dict() == {"a1": True, "b1": True, "b3": False, "c1": True, "d1": True}
    assert d.loc["a1", "followup_id"] == "a2" and d.loc["b1", "followup_id"] == "b2"
    assert d["followup_id"].isna().sum() == 3
    assert d["thanks"].to_dict() == {"a1": True, "b1": False, "b3": False, "c1": False, "d1": False}
    # polarity and hostility: the models called on each text directly (roi.sentiment)
    assert d.loc["a1", "followup_polarity"] == pytest.approx(polarity([A2]).iloc[0])
    assert d.loc["b1", "first_polarity"] == pytest.approx(polarity([B1]).iloc[0])
    assert d.loc["b1", "polarity_shift"] == pytest.approx(polarity([B2]).iloc[0] - polarity([B1]).iloc[0])
    assert d.loc["b1", "followup_hostility"] == pytest.approx(hostility([B2]).iloc[0])
    assert d.loc["a1", "followup_polarity"] > 0 > d.loc["b1", "first_polarity"]
    assert d.loc[["c1", "d1", "b3"], "followup_hostility"].isna().all()
    assert d["recontact_observable"].to_dict() == {"a1": True, "b1": True, "b3": False, "c1": True, "d1": False}
    assert d.loc[["a1", "b1", "c1"], "recontact_7d"].tolist() == [False, True, False]
    assert d.loc[["b3", "d1"], "recontact_7d"].isna().all()
    assert d.loc["b1", "next_thread_id"] == "b3"
    assert d["period"].unique().tolist() == ["2026-10"]


def test_log_proxies_and_denominators(messages):
    out = satisfaction.summarize(messages, config=CONFIG)
    assert len(out) == 1
    row = out.iloc[0]
    assert (row["account"], row["channel"], row["period"]) == ("ayto", "twitter", "2026-10")
    counts = ["n_threads", "n_answered_threads", "n_followups", "n_thanks", "n_followup_polarity", "n_polarity_shift",
              "n_recontact_observable", "n_recontact_7d", "n_official_replies", "n_replies_with_likes"]
    assert row[counts].tolist() == [5, 4, 2, 1, 2, 2, 3, 1, 4, 3]
    assert row["thanks_after_answer"] == pytest.approx(1 / 4)
    assert row["recontact_7d"] == pytest.approx(1 / 3)
    follow = polarity([A2, B2]).to_numpy()
    first = polarity([messages.set_index("message_id").loc["a1", "text"], B1]).to_numpy()
    assert row["followup_polarity_mean"] == pytest.approx(np.mean(follow))
    assert row["polarity_shift_mean"] == pytest.approx(np.mean(follow - first))
    # hostile follow-ups: those with a hostility above 0.5, over the 2 follow-ups
    hostile = int((hostility([A2, B2]) > satisfaction.HOSTILE).sum())
    assert (row["n_followup_hostility"], row["n_hostile_followups"]) == (2, hostile)
    assert row["hostile_followups"] == pytest.approx(hostile / 2)
    assert row["likes_per_official_reply"] == pytest.approx(8 / 3)
    # intervals contain their estimates
    for name in ("thanks_after_answer", "recontact_7d", "likes_per_official_reply"):
        assert row[f"{name}_ci_low"] <= row[name] <= row[f"{name}_ci_high"]
    assert row["followup_polarity_ci_low"] <= row["followup_polarity_mean"] <= row["followup_polarity_ci_high"]
    # and polarity agrees with roi.sentiment called directly
    assert row["followup_polarity_mean"] == pytest.approx(polarity([A2, B2]).mean())


def test_surveys_csat_and_nps_against_plain_computation(messages, surveys):
    out = satisfaction.summarize(messages, surveys, config=CONFIG).set_index("period")
    assert out.index.tolist() == ["2026-10", "2026-11"]
    october = out.loc["2026-10"]
    # plain computation, independent of roi
    csat5 = np.array([5, 2, 4, 3])
    k, n = (csat5 >= 4).sum(), len(csat5)
    assert (october["n_csat"], october["n_csat_top2"], october["csat"]) == (4, 2, 0.5)
    z = 1.959963984540054
    centre = (k / n + z**2 / (2 * n)) / (1 + z**2 / n)
    half = z / (1 + z**2 / n) * math.sqrt(k / n * (1 - k / n) / n + z**2 / (4 * n**2))
    assert october["csat_ci_low"] == pytest.approx(centre - half)
    assert october["csat_ci_high"] == pytest.approx(centre + half)
    assert (october["n_csat_good_bad"], october["n_csat_good"]) == (3, 2)
    assert october["csat_good"] == pytest.approx(2 / 3)
    scores = np.array([10, 9, 9, 7, 3])
    promoters, detractors = (scores >= 9).mean(), (scores <= 6).mean()
    assert october["n_nps"] == 5
    assert october["nps"] == pytest.approx(100 * (promoters - detractors)) and october["nps"] == pytest.approx(40)
    # SE = 100 sqrt((0.6 + 0.2 - 0.4²) / 5) = 35.78; 40 + 1.96 x 35.78 > 100 is clipped
    se = 100 * math.sqrt((promoters + detractors - (promoters - detractors) ** 2) / 5)
    assert october["nps_ci_low"] == pytest.approx(40 - z * se)
    assert october["nps_ci_high"] == 100
    # the log figures stay on the same row
    assert october["n_threads"] == 5
    # November: one survey answer, no logs: counts 0 and proxies not computable
    november = out.loc["2026-11"]
    assert (november["n_csat"], november["csat"], november["n_threads"]) == (1, 0.0, 0)
    assert np.isnan(november["thanks_after_answer"]) and np.isnan(november["recontact_7d"])
    assert np.isnan(november["nps"]) and november["n_nps"] == 0


def test_grouping_options(messages, surveys):
    by_account = satisfaction.summarize(messages, surveys, by=("account",), config=CONFIG)
    assert by_account["account"].tolist() == ["ayto"]
    assert by_account.loc[0, "n_csat"] == 5 and by_account.loc[0, "n_threads"] == 5
    whole = satisfaction.summarize(messages, surveys, by=(), config=CONFIG, freq=None)
    assert len(whole) == 1 and whole.loc[0, "n_nps"] == 5
    with pytest.raises(Exception, match="cannot group by"):
        satisfaction.summarize(messages, by=("author_id",), config=CONFIG)


def test_nps_function():
    value, low, high, n = satisfaction.nps([10, 10, 10])
    assert (value, n) == (100.0, 3) and low == high == 100.0
    assert np.isnan(satisfaction.nps([])[0])


def test_observed_until_makes_recontact_observable(messages):
    later = satisfaction.summarize(messages, config=CONFIG, observed_until="2026-11-30T00:00Z").iloc[0]
    assert (later["n_recontact_observable"], later["n_recontact_7d"]) == (4, 1)


def test_threads_answers_and_follow_ups_match_a_pandas_reference_when_times_tie(samples):
    """The sample year with every time cut to the hour, so that many messages share their time and
    the id decides. The reference finds each citizen thread's first message, earliest answer and
    follow-up with sort_values and drop_duplicates on the inbound table, as written in the docstring."""
    import roi
    from roi.threads import inbound

    config = roi.load_config(samples / "roi.toml")
    m = roi.load(sorted(p for p in samples.iterdir() if p.suffix != ".toml"), config=config).messages
    m = m.assign(created_at=m["created_at"].dt.floor("h")).reset_index(drop=True)
    assert m["created_at"].duplicated().mean() > 0.5  # ties are the rule here, not the exception
    got = satisfaction.detail(m, config)

    key = ["channel", "thread_id", "author_id"]
    inb = inbound(m, config).sort_values(["created_at", "message_id"], kind="stable")
    first = inb.drop_duplicates(key)
    answer = (inb[inb["answered_at"].notna()].sort_values(["answered_at", "message_id"], kind="stable")
              .drop_duplicates(key)[[*key, "answer_id", "answered_at"]])
    expected = first.merge(answer, on=key, how="left", suffixes=("_x", ""))
    own = m[~m["is_official"]].merge(expected.loc[expected["answered_at"].notna(), [*key, "answered_at"]], on=key)
    follow = (own[own["created_at"] > own["answered_at"]].sort_values(["created_at", "message_id"], kind="stable")
              .drop_duplicates(key)[[*key, "message_id", "created_at"]]
              .rename(columns={"message_id": "followup_id", "created_at": "followup_at"}))
    expected = expected.merge(follow, on=key, how="left").rename(
        columns={"message_id": "first_message_id", "created_at": "first_at"})
    columns = [*key, "first_message_id", "first_at", "answer_id", "answered_at", "followup_id", "followup_at"]
    order = ["channel", "thread_id", "author_id"]
    pd.testing.assert_frame_equal(got[columns].sort_values(order).reset_index(drop=True),
                                  expected[columns].sort_values(order).reset_index(drop=True), check_dtype=False)
    assert got["answered"].sum() == expected["answered_at"].notna().sum() > 100
    assert got["followup_id"].notna().sum() > 20


@pytest.mark.parametrize("missing", [False, True])
def test_threads_ordered_by_account_channel_and_time_as_sort_values_orders_them(missing):
    """The order of the citizen threads (one lexsort of integer keys) is pandas' stable
    ``sort_values(["account", "channel", "first_at"])``: accounts in capitals, lower case and
    with accents, channels as the categorical orders them (not by name), equal times kept in
    their order; with a missing account, ``sort_values`` itself."""
    from roi.satisfaction import _account_channel_time_order
    from roi.schema import MESSAGE_COLUMNS

    rng = np.random.default_rng(3)
    n = 400
    t = pd.DataFrame({
        "account": pd.array(rng.choice(["ayto", "Ayto", "Ájunt", "b", "ayto_2", "zeta"], n), dtype="string"),
        "channel": pd.Series(rng.choice(["web", "twitter", "email", "facebook"], n), dtype=MESSAGE_COLUMNS["channel"]),
        "first_at": pd.to_datetime("2026-10-01", utc=True) + pd.to_timedelta(rng.integers(0, 20, n), unit="h"),
        "row": np.arange(n),
    })
    if missing:
        t.loc[::9, "account"] = pd.NA
    t.index = rng.permutation(n)  # the threads' rows of a larger table: positions are returned, not labels
    want = t.sort_values(["account", "channel", "first_at"], kind="stable")["row"].to_numpy()
    order = _account_channel_time_order(t["account"], t["channel"], t["first_at"])
    np.testing.assert_array_equal(t["row"].to_numpy()[order], want)
    assert not np.array_equal(want, np.arange(n))


def test_language_codes_are_written_once_per_distinct_value_as_the_string_methods_write_them():
    """The reference is pandas' string methods on every value: lower case, two letters, the
    default where missing; the index is kept."""
    from roi.sentiment import language_codes as _language_codes

    lang = pd.Series(["ES", "es-ES", None, "ca", "EN_gb", "", None, "gl"], dtype="string", index=[5, 3, 9, 1, 0, 2, 7, 8])
    want = lang.str.lower().str.slice(0, 2).fillna("es")
    pd.testing.assert_series_equal(_language_codes(lang, "es"), want)
    assert _language_codes(lang, "es").tolist() == ["es", "es", "es", "ca", "en", "", "es", "gl"]
    as_objects = pd.Series(["CA", None], dtype=object)
    pd.testing.assert_series_equal(_language_codes(as_objects, "gl"),
                                   as_objects.astype("string").str.lower().str.slice(0, 2).fillna("gl"))
