"""The speed family. Expected values are worked by hand, computed with plain pandas, or
come from a simulation whose true distribution is known; each says which."""

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from roi import speed
from roi.config import config_from_dict
from roi.io import twcs
from roi.schema import coerce_messages
from roi.stats import km_quantiles, wilson_interval
from tests.helpers import table

MADRID = config_from_dict({"timezone": "Europe/Madrid", "sla": {"business_hours": [2], "calendar_hours": [24]}})


def test_friday_afternoon_message_answered_on_monday():
    m = table([
        {"id": "q", "at": "2026-10-02 13:30", "author": "ana", "channel": "email", "text": "¿Está abierto?"},
        {"id": "r", "at": "2026-10-05 09:30", "official": True, "parent": "q", "channel": "email"},
        {"id": "u", "at": "2026-10-05 10:00", "author": "bea", "channel": "email", "text": "Farola rota"},
        {"id": "z", "at": "2026-10-05 12:00", "author": "cai", "channel": "email", "parent": "u2"},
    ])
    d = speed.detail(m, MADRID, freq="month").set_index("message_id")
    # Fri 13:30 -> Mon 09:30 local: 68 h of calendar time; business (Mon-Fri 09:00-14:00): 30 min Friday + 30 Monday
    assert d.loc["q", "response_seconds"] == 68 * 3600
    assert d.loc["q", "response_business_seconds"] == 60 * 60
    assert d.loc["q", "bucket"] == "over_24h" and d.loc["q", "period"] == "2026-10"
    # u is unanswered: censored at the export's end (z's time, 12:00), 2 h after it was written
    assert d.loc["u", "censored"] and d.loc["u", "response_seconds"] == 2 * 3600
    assert d.loc["u", "response_business_seconds"] == 2 * 3600
    assert d.loc["u", "observed_until"] == pd.Timestamp("2026-10-05 10:00", tz="UTC")


def test_summary_of_a_small_group_by_hand():
    rows = [{"id": "p", "at": "2026-10-01 08:00", "official": True}]
    # 10 inbound on Thursday 1 October: answered after 10, 20, ..., 60 minutes; 4 unanswered
    for i in range(10):
        rows.append({"id": f"c{i}", "at": f"2026-10-01 09:{i:02d}", "author": f"v{i}", "parent": "p",
                     "text": "¿Abre hoy?" if i < 5 else "Vale"})
    for i in range(6):
        rows.append({"id": f"r{i}", "at": f"2026-10-01 {9 + (i + 1) * 10 // 60}:{(i + (i + 1) * 10) % 60:02d}",
                     "official": True, "parent": f"c{i}"})
    rows.append({"id": "end", "at": "2026-10-02 12:00", "official": True})
    m = table(rows)
    out = speed.summarize(m, by=("account",), config=MADRID, freq=None, n_resamples=50)
    row = out.iloc[0]
    assert (row["n_inbound"], row["n_answered"], row["n_questions"], row["n_questions_answered"]) == (10, 6, 5, 5)
    assert row["response_rate"] == pytest.approx(0.6)
    low, high = stats.binomtest(6, 10).proportion_ci(method="wilson")  # scipy's Wilson interval
    assert (row["response_rate_ci_low"], row["response_rate_ci_high"]) == pytest.approx((low, high))
    # c_i (09:0i) is answered at 09:00 + 10(i+1) + i: 10, 20, 30, 40, 50, 60 minutes after it was written; the four
    # others are censored at Fri 12:00 (over a day later). KM: S drops by 1/10 at each answer, 0.5 at the 5th: 50 min
    assert row["frt_median_minutes"] == pytest.approx(50)
    assert row["frt_p90_minutes"] == np.inf  # S never falls to 0.1: 4 of 10 never answered
    assert row["share_0_2h"] == pytest.approx(0.6) and row["share_unanswered"] == pytest.approx(0.4)
    assert row["share_within_24h_calendar"] == pytest.approx(0.6)
    assert row["n_replies"] == 6 and row["latency_median_minutes"] == pytest.approx((30 + 40) / 2)


def test_wilson_matches_scipy():
    k = np.array([0, 1, 17, 50, 99, 100])
    n = np.array([10, 10, 100, 100, 100, 100])
    low, high = wilson_interval(k, n)
    for i in range(len(k)):
        ci = stats.binomtest(int(k[i]), int(n[i])).proportion_ci(method="wilson")
        assert (low[i], high[i]) == pytest.approx((ci.low, ci.high), abs=1e-12)


def test_kaplan_meier_median_is_unbiased_where_answered_only_is_not():
    rng = np.random.default_rng(2026)
    n = 20_000
    # true first-response times: log-normal with a median of 300 minutes; each message is observed for a uniform
    # 0-600 minutes (heavy censoring: about 40% unanswered when the window closes)
    true = rng.lognormal(np.log(300), 1.0, n)
    window = rng.uniform(0, 600, n)
    observed = true <= window
    times = np.minimum(true, window)
    assert 0.3 < 1 - observed.mean() < 0.6
    km_median = km_quantiles(times, observed, (0.5,))[0]
    naive_median = np.median(times[observed])
    assert abs(km_median - 300) / 300 < 0.05
    assert naive_median < 0.8 * 300  # the answered-only median is biased low


def test_periods_and_grace():
    m = table([
        {"id": "a", "at": "2026-10-31 20:00", "author": "ana", "channel": "email"},
        {"id": "r", "at": "2026-11-03 09:00", "official": True, "parent": "a", "channel": "email"},
        {"id": "b", "at": "2026-11-02 10:00", "author": "bea", "channel": "email"},
        {"id": "x", "at": "2026-11-30 10:00", "author": "cai", "channel": "email", "parent": "b2"},
    ])
    grace_2 = config_from_dict({"sla": {"grace_days": 2}})
    d = speed.detail(m, grace_2, freq="month").set_index("message_id")
    # October ends 2026-11-01 00:00 local (23:00 UTC on 31 Oct); + 2 days of grace: 2026-11-02 23:00 UTC,
    # before r (3 Nov): a is censored in October's report
    assert d.loc["a", "period"] == "2026-10" and d.loc["a", "censored"]
    assert d.loc["a", "observed_until"] == pd.Timestamp("2026-11-02 23:00", tz="UTC")
    d7 = speed.detail(m, config_from_dict({}), freq="month").set_index("message_id")
    assert d7.loc["a", "answer_id"] == "r" and d7.loc["a", "answered"]  # default grace: 7 days
    # an explicit observation end before the grace runs out caps the window
    capped = speed.detail(m, None, freq="month", observed_until="2026-11-02T12:00Z").set_index("message_id")
    assert capped.loc["a", "observed_until"] == pd.Timestamp("2026-11-02 12:00", tz="UTC")


def test_twcs_reply_latency_per_brand_matches_a_plain_pandas_merge(shared_data):
    path = shared_data / "twcs" / "monalisapatra26_twcs_head.csv"
    messages = twcs.read(path).messages
    out = speed.summarize(messages, by=("account",), freq=None, n_resamples=20).set_index("account")
    # independent: each brand reply (inbound False) merged with the tweet it answers, kept when that tweet is a
    # customer's (inbound True); latency = reply time - parent time
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, lineterminator="\n")
    raw["t"] = pd.to_datetime(raw["created_at"], format="%a %b %d %H:%M:%S %z %Y", utc=True)
    raw["parent"] = raw["in_response_to_tweet_id"].str.replace(".0", "", regex=False)
    brand = raw[raw["inbound"] == "False"]
    pairs = brand.merge(raw[["tweet_id", "t", "inbound"]], left_on="parent", right_on="tweet_id", suffixes=("", "_p"))
    pairs = pairs[pairs["inbound_p"] == "True"]
    pairs["minutes"] = (pairs["t"] - pairs["t_p"]).dt.total_seconds() / 60
    expected = pairs.groupby("author_id")["minutes"].agg(["size", "median", "mean"])
    got = out.loc[expected.index]
    assert got["n_replies"].tolist() == expected["size"].tolist()
    assert np.allclose(got["latency_median_minutes"], expected["median"], rtol=0, atol=1e-9)
    assert np.allclose(got["latency_mean_minutes"], expected["mean"], rtol=0, atol=1e-9)
    assert len(expected) > 50


def test_empty_and_invalid_grouping():
    empty = coerce_messages(table([{"id": "x", "at": "2026-10-01 10:00", "official": True}]))
    out = speed.summarize(empty, config=MADRID)
    assert out.empty or (out["n_inbound"] == 0).all()
    with pytest.raises(Exception, match="cannot group by"):
        speed.summarize(empty, by=("author_id",))


def test_unanswered_mentions_of_the_official_author_count_without_configured_accounts():
    # issue 13.2: four citizen questions mention @ayto; the official author "ayto" answers two (a1, b1).
    # By hand: inbound 4, answered 2, response rate 2/4 = 0.5, with or without [accounts].
    rows = [
        {"id": "a", "at": "2026-10-05 09:00", "author": "ana", "text": "@ayto ¿abre hoy la piscina?"},
        {"id": "a1", "at": "2026-10-05 09:30", "official": True, "parent": "a", "text": "Sí, a las 10"},
        {"id": "b", "at": "2026-10-05 10:00", "author": "bea", "text": "@Ayto ¿cuándo recogen la basura?"},
        {"id": "b1", "at": "2026-10-05 11:00", "official": True, "parent": "b", "text": "Mañana"},
        {"id": "c", "at": "2026-10-05 12:00", "author": "cai", "text": "@ayto ¿hay corte de agua?"},
        {"id": "d", "at": "2026-10-06 12:00", "author": "dan", "text": "hola @ayto, ¿y el bus 3?"},
    ]
    m = table(rows)
    configured = speed.summarize(m, by=(), config=config_from_dict({"accounts": {"twitter": ["ayto"]}}), freq=None)
    with pytest.warns(UserWarning, match=r"no official accounts are configured"):
        bare = speed.summarize(m, by=(), config=None, freq=None)
    for result in (configured, bare):
        assert result.loc[0, "n_inbound"] == 4 and result.loc[0, "n_answered"] == 2
        assert result.loc[0, "response_rate"] == pytest.approx(0.5)
