"""roi.indicators end to end: a Spanish and an English thread worked by hand, and the sample year.

The threads (twitter, Madrid time; office hours Monday-Friday 09:00-14:00):

es, account ayto
  q1 Mon 10-05 10:00 ana   "¿Cuándo abre la piscina municipal?"            question
  r1           10:30 ayto  "Hola Ana, la piscina municipal abre ..." + a link to ayto-ejemplo.example.org
  f1           11:00 ana   "¡Muchas gracias!"                               a citizen message too, never answered
  q2 Tue 10-06 10:00 bea   "La farola de mi calle lleva días apagada"      never answered
en, account city
  e1 Wed 10-07 10:00 carl  "When does the library open on Sunday?"         question
  e2           12:00 city  "Hi Carl, thanks for asking. ..."
  e3           12:30 carl  "Thanks a lot!"                                 the last message of the export

speed (score against the default targets)
  es: response rate 1/3 -> 0; question response rate 1/1 -> 100; within 2 business hours: only q1
      (30 min) of 3 -> 1/3 -> 0; business median: 2 of 3 unanswered, KM never reaches 0.5 -> inf -> 0.
      speed = 25
  en: response rate 1/2 -> 0; questions 1/1 -> 100; e1 answered at exactly 2 h and e3 censored at 0,
      so 1 - S(2 h) = 1 -> 100 and the median is 120 min -> 100.  speed = 75
empathy: each reply's empathy score is (courtesy + 100 × (p_er + p_ip + p_ex)) / 4 from the judgment
  models, called on r1 and e2 alone in the test; scored against target 60 and floor 25:
  clip((mean - 25) / 35, 0, 1) × 100
satisfaction (no surveys): thanks after answer 1/1 -> 100 in both; re-contact not observable (the
  export ends within 7 days) -> left out; follow-up polarity p (roi.sentiment) -> clip(p + 0.5) × 100
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from helpers import table

import roi
from roi import empathy, satisfaction, speed, transparency
from roi.config import config_from_dict
from roi.index import CATALOGUE, FAMILIES
from roi.indicators import Indicators, family_columns
from roi.models import judge
from roi.periods import period_labels

ES = [
    {"id": "q1", "at": "2026-10-05 10:00", "author": "ana", "text": "@ayto ¿Cuándo abre la piscina municipal?"},
    {"id": "r1", "at": "2026-10-05 10:30", "official": True, "parent": "q1",
     "text": "Hola Ana, la piscina municipal abre el lunes a las 9. "
             "Toda la información en https://www.ayto-ejemplo.example.org/piscina"},
    {"id": "f1", "at": "2026-10-05 11:00", "author": "ana", "parent": "r1", "text": "¡Muchas gracias!"},
    {"id": "q2", "at": "2026-10-06 10:00", "author": "bea", "text": "@ayto La farola de mi calle lleva días apagada"},
]
EN = [
    {"id": "e1", "at": "2026-10-07 10:00", "author": "carl", "lang": "en", "text": "@city When does the library open on Sunday?"},
    {"id": "e2", "at": "2026-10-07 12:00", "official": True, "author": "city", "parent": "e1", "lang": "en",
     "text": "Hi Carl, thanks for asking. The library opens at 10 am on Sundays."},
    {"id": "e3", "at": "2026-10-07 12:30", "author": "carl", "parent": "e2", "lang": "en", "text": "Thanks a lot!"},
]
ES_R1, EN_E2 = ES[1]["text"], EN[1]["text"]
ACCOUNTS = {"twitter": ["ayto", "city"]}
OFFICIAL = "ayto-ejemplo.example.org"



@pytest.fixture(autouse=True)
def _small_groups_scored(score_small_groups):
    """The hand-worked tables here have a few messages per group; the index scores them all."""


@pytest.fixture
def messages():
    return pd.concat([table(ES, account="ayto"), table(EN, account="city")], ignore_index=True)


def config(**index):
    return config_from_dict({"accounts": ACCOUNTS, "official_domains": [OFFICIAL], "index": index})


def by_account(frame):
    return frame.set_index("account")


def test_roi_indicators_is_exported():
    assert "indicators" in roi.__all__ and roi.indicators.__module__ == "roi.indicators"


def test_hand_worked_threads_es_en(messages):
    result = roi.indicators(messages, config(weights={"transparency": 0}))
    assert isinstance(result, Indicators)
    t = by_account(result.table)
    assert t.loc["ayto", "speed_response_rate"] == pytest.approx(1 / 3)
    assert t.loc["city", "speed_response_rate"] == pytest.approx(1 / 2)
    assert t.loc["ayto", "speed_frt_median_business_minutes"] == np.inf
    assert t.loc["city", "speed_frt_median_business_minutes"] == pytest.approx(120)
    judged = judge(pd.Series([ES_R1, EN_E2]), np.array(["es", "en"], dtype=object), empathy.JUDGMENTS)
    mean = (judged["courtesy"] + 100 * (judged["emotional_reaction"] + judged["interpretation"] + judged["exploration"])) / 4
    assert t.loc["ayto", "empathy_mean"] == pytest.approx(mean[0])
    assert t.loc["city", "empathy_mean"] == pytest.approx(mean[1])
    assert t.loc["ayto", "satisfaction_thanks_after_answer"] == 1 == t.loc["city", "satisfaction_thanks_after_answer"]
    assert t.loc["ayto", "satisfaction_n_recontact_observable"] == 0

    assert t.loc["ayto", "score_speed"] == pytest.approx(25)
    assert t.loc["city", "score_speed"] == pytest.approx(75)
    assert t.loc["ayto", "score_empathy"] == pytest.approx(100 * min(max((mean[0] - 25) / 35, 0), 1))
    assert t.loc["city", "score_empathy"] == pytest.approx(100 * min(max((mean[1] - 25) / 35, 0), 1))
    # the follow-ups f1 and e3 (of the threads q1 and e1) carry the polarity
    polarity = satisfaction.detail(messages, config()).set_index("first_message_id")["followup_polarity"]
    polarity = {"ayto": polarity["q1"], "city": polarity["e1"]}
    sat = {a: (100 + 100 * min(max(polarity[a] + 0.5, 0), 1)) / 2 for a in ("ayto", "city")}
    assert t.loc["ayto", "score_satisfaction"] == pytest.approx(sat["ayto"])
    assert t.loc["city", "score_satisfaction"] == pytest.approx(sat["city"])
    empathy_score = {a: 100 * min(max((mean[i] - 25) / 35, 0), 1) for i, a in enumerate(("ayto", "city"))}
    assert t.loc["ayto", "roi_index"] == pytest.approx((25 + empathy_score["ayto"] + sat["ayto"]) / 3)
    assert t.loc["city", "roi_index"] == pytest.approx((75 + empathy_score["city"] + sat["city"]) / 3)
    c = result.contributions
    recontact = c[(c["account"] == "ayto") & (c["indicator"] == "recontact_7d")].iloc[0]
    assert recontact["reason"] == "denominator_zero" and recontact["contribution"] == 0


def test_transparency_enters_the_index(messages):
    result = roi.indicators(messages, config())
    t = by_account(result.table)
    # every reply and answer is public, and r1 links to a configured official domain
    assert t.loc["ayto", "transparency_share_answered_in_public"] == 1
    assert t.loc["ayto", "transparency_share_official_link"] == 1
    assert t.loc["city", "transparency_share_official_link"] == 0
    c = result.contributions
    for account, rows in c.groupby("account"):
        assert rows["contribution"].sum() == pytest.approx(t.loc[account, "roi_index"])
        included = rows[rows["included"] & (rows["family"] == "transparency")]
        assert len(included) and t.loc[account, "score_transparency"] == pytest.approx(included["score"].mean())
    assert (t["n_families"] == 4).all()


def test_official_domain_list_raises_the_index(messages):
    with_domain = by_account(roi.indicators(messages, config()).table)
    without = by_account(roi.indicators(messages, config_from_dict({"accounts": ACCOUNTS})).table)
    # r1's link counts as an official source only when its domain is configured: a higher
    # share_official_link, a higher transparency score, a higher index
    assert without.loc["ayto", "transparency_share_official_link"] == 0
    assert with_domain.loc["ayto", "score_transparency"] > without.loc["ayto", "score_transparency"]
    assert with_domain.loc["ayto", "roi_index"] > without.loc["ayto", "roi_index"]
    # the English account links nowhere: unchanged
    assert with_domain.loc["city", "roi_index"] == pytest.approx(without.loc["city", "roi_index"])


def test_target_and_weight_change_the_index(messages):
    base = by_account(roi.indicators(messages, config()).table)
    # a harder empathy target (higher is better): the mean scores (mean-25)/(100-25) instead of /35
    harder = by_account(roi.indicators(messages, config(empathy_mean={"target": 100})).table)
    assert harder.loc["city", "score_empathy"] < base.loc["city", "score_empathy"]
    assert harder.loc["city", "roi_index"] < base.loc["city", "roi_index"]
    # more weight on speed moves the index toward the speed score (a weighted mean)
    heavier = by_account(roi.indicators(messages, config(weights={"speed": 3})).table)
    assert base.loc["city", "score_speed"] != base.loc["city", "roi_index"]
    toward = np.sign(base.loc["city", "score_speed"] - base.loc["city", "roi_index"])
    assert np.sign(heavier.loc["city", "roi_index"] - base.loc["city", "roi_index"]) == toward


def test_tidy_table_prefixes_family_columns(messages):
    result = roi.indicators(messages, config())
    columns = result.table.columns
    assert list(columns[:4]) == ["account", "channel", "period", "roi_index"]
    assert columns.is_unique
    # n_replies exists in speed, empathy and transparency: each keeps its own
    assert {"speed_n_replies", "empathy_n_replies", "transparency_n_replies"} <= set(columns)
    assert "empathy_mean" in columns and "empathy_empathy_mean" not in columns
    assert set(result.families) == set(FAMILIES)
    for family, frame in result.families.items():
        renamed = family_columns(family, [c for c in frame.columns if c not in ("account", "channel", "period")])
        assert set(renamed.values()) <= set(columns)
    assert result.contributions is result.index.contributions


def test_surveys_enter_satisfaction(messages):
    surveys = pd.DataFrame({"survey_id": ["s1", "s2"], "thread_id": ["q1", "q1"],
                            "answered_at": pd.to_datetime(["2026-10-06T10:00Z"] * 2), "score": [5.0, 2.0],
                            "scale": ["csat5", "csat5"]})
    from roi.schema import SURVEY_COLUMNS

    for column, dtype in SURVEY_COLUMNS.items():
        if column not in surveys:
            surveys[column] = None
        surveys[column] = surveys[column].astype(dtype)
    result = roi.indicators(messages, config(), surveys=surveys[list(SURVEY_COLUMNS)])
    t = by_account(result.table)
    # csat 1/2 is below the 0.60 floor: it enters satisfaction with score 0
    assert t.loc["ayto", "satisfaction_csat"] == 0.5
    c = result.contributions
    csat = c[(c["account"] == "ayto") & (c["indicator"] == "csat")].iloc[0]
    assert csat["included"] and csat["score"] == 0 and csat["n"] == 2
    no_survey = roi.indicators(messages, config()).contributions
    assert no_survey.loc[(no_survey["account"] == "ayto") & (no_survey["indicator"] == "csat"), "reason"].iloc[0] == (
        "column_missing")


# --- the bundled sample year --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample(samples):
    paths = sorted(p for p in samples.iterdir() if p.suffix != ".toml")
    cfg = roi.load_config(samples / "roi.toml")
    loaded = roi.load(paths, config=cfg)
    return loaded, cfg, roi.indicators(loaded.messages, cfg, surveys=loaded.surveys)


KEYS = ["account", "channel", "period"]


def _compare(rebuilt: pd.Series, table: pd.DataFrame, denominator: str, column: str) -> None:
    """The per-group values rebuilt from per-message detail equal the tidy table's, group by group."""
    rebuilt.index = pd.MultiIndex.from_tuples([tuple(map(str, k)) for k in rebuilt.index], names=KEYS)
    rows = table[table[denominator] > 0]
    expected = pd.Series(rows[column].to_numpy(), index=pd.MultiIndex.from_frame(rows[KEYS].astype(str)))
    assert len(expected) > 10
    assert set(rebuilt.index) == set(expected.index)
    assert np.allclose(rebuilt.loc[expected.index].to_numpy(dtype=float), expected.to_numpy(dtype=float))


def test_sample_has_no_nan_where_it_has_data(sample):
    _, cfg, result = sample
    t = result.table
    assert len(t) == len(result.index.index) and not t.duplicated(["account", "channel", "period"]).any()
    c = result.contributions
    keys = ["account", "channel", "period"]
    # a group has no index only when every indicator is left out, each for a denominator below [index] min_n
    assert cfg.index.min_n == 10
    unscored = t.loc[t["roi_index"].isna(), keys]
    assert 0 < len(unscored) < len(t) / 5
    rows = c.merge(unscored, on=keys)
    assert not rows["included"].any()
    assert rows["reason"].isin(["denominator_small", "denominator_zero", "flag_unavailable"]).all()
    assert (rows["n"].fillna(0) < cfg.index.min_n).all()
    assert t["roi_index"].dropna().between(0, 100).all()
    # an indicator with a positive denominator and its flag has a value: nothing is left out as NaN
    assert not (c["reason"] == "value_missing").any(), c[c["reason"] == "value_missing"]
    has_data = c["n"].fillna(0).gt(0) & ~c["reason"].isin(["flag_unavailable"]).fillna(False)
    assert c.loc[has_data, "value"].notna().all()
    assert c.loc[c["included"], "score"].between(0, 100).all()
    # every family is computed on the sample, and speed, empathy and satisfaction in every month with inbound messages
    busy = t["speed_n_inbound"] >= 50
    for family in ("speed", "empathy", "satisfaction"):
        assert t.loc[busy, f"score_{family}"].notna().all(), family
    assert t["score_transparency"].notna().any()
    # the sample has surveys: csat is scored somewhere
    assert c.loc[(c["indicator"] == "csat") & c["included"]].shape[0] > 0
    sums = c[c["included"]].groupby(["account", "channel", "period"])["contribution"].sum()
    assert len(sums) == t["roi_index"].notna().sum()
    assert np.allclose(sums.to_numpy(), t.set_index(["account", "channel", "period"]).loc[sums.index, "roi_index"])


def test_sample_speed_rebuilt_from_detail(sample):
    loaded, cfg, result = sample
    d = speed.detail(loaded.messages, cfg)
    rebuilt = d.groupby(KEYS, observed=True)["answered"].mean()
    _compare(rebuilt, result.table, "speed_n_inbound", "speed_response_rate")


def test_sample_empathy_rebuilt_from_scores(sample):
    loaded, cfg, result = sample
    s = empathy.score(loaded.messages, cfg)
    s = s[s["scored"]].copy()
    s["period"] = period_labels(s["created_at"], "month", cfg.timezone)
    rebuilt = s.groupby(KEYS, observed=True)["empathy_score"].mean()
    _compare(rebuilt, result.table, "empathy_n_scored", "empathy_mean")


def test_sample_satisfaction_rebuilt_from_detail(sample):
    loaded, cfg, result = sample
    d = satisfaction.detail(loaded.messages, cfg)
    answered = d[d["answered"]]
    rebuilt = answered.groupby(KEYS, observed=True)["thanks"].mean()
    _compare(rebuilt, result.table, "satisfaction_n_answered_threads", "satisfaction_thanks_after_answer")


def test_sample_index_rows_rebuild_from_catalogue(sample):
    _, _, result = sample
    # every included score is the catalogue formula on the value shown beside it
    c = result.contributions[result.contributions["included"]]
    score = 100 * np.clip((c["value"] - c["floor"]) / (c["target"] - c["floor"]), 0, 1)
    assert np.allclose(score.to_numpy(), c["score"].to_numpy())
    assert set(c["indicator"]) <= {ind.name for ind in CATALOGUE}


def test_sample_transparency_rebuilt_from_detail(sample):
    loaded, cfg, result = sample
    official = transparency.detail(loaded.messages, cfg)["official"]
    replies = official[official["is_reply"]]
    rebuilt = replies.groupby(KEYS, observed=True)["has_official_link"].mean()
    _compare(rebuilt, result.table, "transparency_n_official_replies", "transparency_share_official_link")


@pytest.mark.parametrize("workers", [1, 2])
def test_per_message_tables_are_kept_only_for_a_caller_who_holds_the_threads(sample, monkeypatch, workers):
    """With its own threads, the caller (the report) finds every family's per-message table there for
    its next call; otherwise nobody can reuse them, and each is dropped when its family is done."""
    loaded, cfg, _ = sample
    families = {"speed.detail", "empathy.score", "satisfaction.detail", "transparency.detail"}
    own = roi.threads.threads(loaded.messages, cfg)
    roi.indicators(loaded.messages, cfg, surveys=loaded.surveys, threads=own, workers=workers)
    assert {key[0] for key in own.memo_keys()} >= families

    made = []
    original = roi.threads.threads
    monkeypatch.setattr(roi.threads, "threads", lambda *a, **k: made.append(original(*a, **k)) or made[-1])
    roi.indicators(loaded.messages, cfg, surveys=loaded.surveys, workers=workers)
    assert len(made) == 1
    assert not {key[0] for key in made[0].memo_keys()} & families


#: Control and invisible characters a text may hold: the record, unit, file and group separators
#: (the record separator also stands for line breaks inside the empathy reuse pass), NUL, vertical
#: tab, form feed, carriage return, line and paragraph separators, NEL, byte-order mark, zero-width
#: space, DEL, a combining accent and an emoji.
ODD_CHARACTERS = ["\x1e", "\x1f", "\x1c", "\x1d", "\x00", "\v", "\x0c", "\r", "\u2028", "\u2029", "\x85", "\ufeff",
                  "\u200b", "\x7f", "\u0301", "\U0001F600"]


def test_control_characters_in_the_texts_change_no_count_that_does_not_read_them(sample):
    """The sample year with one to three of :data:`ODD_CHARACTERS` inserted in 30% of its texts (a
    fixed draw): the call runs to the end (a reply holding a record separator used to end it with an
    IndexError), with the same groups, and the counts that do not read the texts (official replies,
    replies judged for empathy) are the same."""
    loaded, cfg, clean = sample
    rng = np.random.default_rng(2026)
    texts = loaded.messages["text"].astype(object).to_numpy().copy()
    for i in np.flatnonzero(rng.random(len(texts)) < 0.3):
        if not isinstance(texts[i], str):
            continue
        for _ in range(int(rng.integers(1, 4))):
            at = int(rng.integers(0, len(texts[i]) + 1))
            texts[i] = texts[i][:at] + ODD_CHARACTERS[int(rng.integers(len(ODD_CHARACTERS)))] + texts[i][at:]
    odd = loaded.messages.assign(text=pd.array(texts, dtype=loaded.messages["text"].dtype))
    assert (odd["text"] != loaded.messages["text"]).sum() > 1000
    result = roi.indicators(odd, cfg, surveys=loaded.surveys)
    pd.testing.assert_frame_equal(result.table[KEYS], clean.table[KEYS])
    for column in ("empathy_n_replies", "transparency_n_official_replies"):
        np.testing.assert_array_equal(result.table[column].to_numpy(), clean.table[column].to_numpy())
    assert result.table["roi_index"].notna().sum() == clean.table["roi_index"].notna().sum()
