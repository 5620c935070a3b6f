"""The Intangible ROI Index on small family tables built by hand.

Two groups, ayto on twitter (A) and on facebook (B), October 2026, default targets:

speed        A: response_rate 0.775 -> (0.775-0.65)/(0.90-0.65) = 50; question_response_rate 0.90 -> 100;
                share_within_2h_business 0.70 -> (0.70-0.50)/0.40 = 50;
                frt_median_business_minutes 780 -> (780-1440)/(120-1440) = 50.   speed A = 250/4 = 62.5
             B: response_rate 0.50 -> 0; question_response_rate: 0 questions, left out;
                share_within_2h_business 0.60 -> 25; frt median inf -> 0.          speed B = 25/3
empathy      A: empathy_mean 42.5 -> (42.5-25)/(60-25) = 50.                      empathy A = 50
             B: no scored reply (n_scored 0): left out, so the family is left out in B
satisfaction (no surveys: csat, csat_good, nps are not in the table)
             A: thanks 0.175 -> (0.175-0.05)/0.25 = 50; recontact 0.10 -> (0.10-0.25)/(0.05-0.25) = 75;
                follow-up polarity 0.0 -> (0+0.5)/1 = 50.                          satisfaction A = 175/3
             B: thanks 0.05 -> 0; recontact: 0 observable, left out; polarity 0.5 -> 100.  satisfaction B = 50
transparency not computed

index A = (62.5 + 50 + 175/3) / 3 = 56.944...; index B = (25/3 + 50) / 2 = 29.1666...
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from roi import index
from roi.config import Config, IndexSettings, config_from_dict
from roi.errors import RoiError

GROUPS = {"account": ["ayto", "ayto"], "channel": ["twitter", "facebook"], "period": ["2026-10", "2026-10"]}
INDEX_A = (62.5 + 50 + 175 / 3) / 3
INDEX_B = (25 / 3 + 50) / 2



@pytest.fixture(autouse=True)
def _small_groups_scored(score_small_groups):
    """The hand-worked tables here have a few messages per group; the index scores them all."""


def speed_table():
    return pd.DataFrame({**GROUPS, "n_inbound": [40, 20], "n_questions": [10, 0],
                         "response_rate": [0.775, 0.5], "question_response_rate": [0.9, np.nan],
                         "share_within_2h_business": [0.70, 0.60],
                         "frt_median_business_minutes": [780.0, np.inf], "n_replies": [31, 10]})


def empathy_table():
    return pd.DataFrame({**GROUPS, "n_replies": [31, 10], "n_scored": [20, 0], "empathy_mean": [42.5, np.nan]})


def satisfaction_table():
    return pd.DataFrame({**GROUPS, "n_answered_threads": [31, 10], "thanks_after_answer": [0.175, 0.05],
                         "n_recontact_observable": [20, 0], "recontact_7d": [0.10, np.nan],
                         "n_followup_polarity": [8, 3], "followup_polarity_mean": [0.0, 0.5]})


def transparency_table(hidden_flag=True, **overrides):
    columns = {
        **GROUPS, "n_answered": [31, 10], "share_answered_in_public": [0.9, 0.9],
        "n_official_replies": [31, 10], "share_private_channel": [0.05, 0.05], "share_official_link": [0.3, 0.3],
        "share_unknown_link": [0.0, 0.0], "share_formal_referral": [0.15, 0.15],
        "n_citizen_public": [40, 20], "share_hidden": [0.0, 0.0], "hidden_flag_available": [hidden_flag, hidden_flag],
        "n_information_requests": [10, 5], "share_information_requests_answered": [0.9, 0.9],
        "n_open311_requests": [0, 0], "share_open311_status_update": [np.nan, np.nan],
        "n_readable": [31, 10], "share_plain_language": [0.8, 0.8],
    }
    columns.update(overrides)
    return pd.DataFrame(columns)


def tables(**extra):
    return {"speed": speed_table(), "empathy": empathy_table(), "satisfaction": satisfaction_table(), **extra}


def with_index(text: dict) -> Config:
    return config_from_dict({"index": text})


def row(result, channel):
    return result.index.set_index("channel").loc[channel]


def contribution(result, channel, indicator):
    c = result.contributions
    return c[(c["channel"] == channel) & (c["indicator"] == indicator)].iloc[0]


def test_indicator_score_both_directions():
    # 100 × clip((value - floor) / (target - floor), 0, 1)
    assert index.indicator_score(0.775, 0.90, 0.65) == pytest.approx(50)
    assert index.indicator_score(0.95, 0.90, 0.65) == 100  # beyond the target
    assert index.indicator_score(0.40, 0.90, 0.65) == 0  # below the floor
    assert index.indicator_score(780, 120, 1440) == pytest.approx(50)  # lower is better
    assert index.indicator_score(60, 120, 1440) == 100
    assert index.indicator_score(np.inf, 120, 1440) == 0  # a KM median never reached scores 0
    assert np.isnan(index.indicator_score(np.nan, 0.90, 0.65))


def test_catalogue_is_consistent():
    cat = index.catalogue()
    assert set(cat["family"]) == set(index.FAMILIES)
    assert cat["indicator"].is_unique
    # the direction follows from target vs floor, and every target lies within the indicator's bounds
    for ind in index.CATALOGUE:
        assert ind.bounds[0] <= min(ind.target, ind.floor) and max(ind.target, ind.floor) <= ind.bounds[1]
        assert ind.label_en and ind.label_es and ind.anchor
    lower = set(cat.loc[cat["direction"] == "lower", "indicator"])
    assert lower == {"frt_median_business_minutes", "recontact_7d", "share_private_channel", "share_hidden"}
    defaults = cat.set_index("indicator")
    assert defaults.loc["response_rate", ["target", "floor"]].tolist() == [0.90, 0.65]
    assert defaults.loc["frt_median_business_minutes", ["target", "floor"]].tolist() == [120, 1440]
    assert defaults.loc["share_within_2h_business", ["target", "floor"]].tolist() == [0.9, 0.5]
    overridden = index.catalogue(with_index({"response_rate": {"target": 0.95}})).set_index("indicator")
    assert overridden.loc["response_rate", "target"] == 0.95 and overridden.loc["response_rate", "overridden"]


def test_hand_worked_index():
    result = index.summarize(tables())
    a, b = row(result, "twitter"), row(result, "facebook")
    assert a["score_speed"] == pytest.approx(62.5)
    assert a["score_empathy"] == pytest.approx(50)
    assert a["score_satisfaction"] == pytest.approx(175 / 3)
    assert a["roi_index"] == pytest.approx(INDEX_A)
    assert b["score_speed"] == pytest.approx(25 / 3)
    assert math.isnan(b["score_empathy"]) and b["weight_empathy"] == 0
    assert b["score_satisfaction"] == pytest.approx(50)
    assert b["roi_index"] == pytest.approx(INDEX_B)
    assert (a["n_families"], a["n_indicators"]) == (3, 8)
    assert (b["n_families"], b["n_indicators"]) == (2, 5)
    assert a["weight_speed"] == pytest.approx(1 / 3) and b["weight_speed"] == pytest.approx(1 / 2)


def test_contributions_add_up_and_say_why():
    result = index.summarize(tables())
    c = result.contributions
    # one row per group and indicator of the catalogue
    assert len(c) == 2 * len(index.CATALOGUE)
    totals = c.groupby("channel")["contribution"].sum()
    assert totals["twitter"] == pytest.approx(INDEX_A) and totals["facebook"] == pytest.approx(INDEX_B)
    rr = contribution(result, "twitter", "response_rate")
    # weight = 1/4 of speed × 1/3 of the index; contribution = 50 / 12
    assert (rr["value"], rr["n"], rr["score"]) == (0.775, 40, pytest.approx(50))
    assert rr["weight"] == pytest.approx(1 / 12) and rr["contribution"] == pytest.approx(50 / 12)
    assert rr["included"] and pd.isna(rr["reason"])
    q = contribution(result, "facebook", "question_response_rate")
    assert not q["included"] and q["reason"] == "denominator_zero" and q["n"] == 0 and q["contribution"] == 0
    assert math.isnan(q["score"])
    assert contribution(result, "facebook", "empathy_mean")["reason"] == "denominator_zero"
    csat = contribution(result, "twitter", "csat")
    assert csat["reason"] == "column_missing" and "survey" in csat["detail"]
    assert contribution(result, "twitter", "share_hidden")["reason"] == "family_missing"
    # the long table has every column the report needs
    assert list(c.columns) == ["account", "channel", "period", "family", "indicator", "label", "direction", "value",
                               "n", "target", "floor", "score", "weight_in_family", "family_weight", "weight",
                               "contribution", "included", "reason", "detail"]


def test_missing_family_is_reported_not_zero():
    result = index.summarize(tables())
    a = row(result, "twitter")
    # transparency is left out: the index is the mean of the other three, not (62.5+50+58.3+0)/4
    assert math.isnan(a["score_transparency"]) and a["weight_transparency"] == 0
    assert a["roi_index"] == pytest.approx(INDEX_A) and a["roi_index"] > (62.5 + 50 + 175 / 3) / 4
    assert any("transparency family was not computed" in note for note in result.notes)
    assert any(note.startswith("The empathy family has no computable indicator in 1 of 2") for note in result.notes)
    # a transparency table whose every indicator scores 0 is different: it is computed, and pulls the index down
    zero = transparency_table(share_answered_in_public=[0.0, 0.0], share_private_channel=[1.0, 1.0],
                              share_official_link=[0.0, 0.0], share_formal_referral=[0.0, 0.0],
                              share_hidden=[1.0, 1.0], share_information_requests_answered=[0.0, 0.0],
                              share_plain_language=[0.0, 0.0])
    scored = row(index.summarize(tables(transparency=zero)), "twitter")
    assert scored["score_transparency"] == 0 and scored["roi_index"] == pytest.approx((62.5 + 50 + 175 / 3) / 4)


def test_none_family_counts_as_missing():
    result = index.summarize({**tables(), "transparency": None})
    assert row(result, "twitter")["roi_index"] == pytest.approx(INDEX_A)


def test_transparency_at_target_scores_100_and_open311_is_left_out():
    result = index.summarize(tables(transparency=transparency_table()))
    a = row(result, "twitter")
    # every transparency value sits at its default target; open311 has no requests in these groups
    assert a["score_transparency"] == pytest.approx(100)
    assert a["roi_index"] == pytest.approx((62.5 + 50 + 175 / 3 + 100) / 4)
    assert contribution(result, "twitter", "share_open311_status_update")["reason"] == "denominator_zero"
    assert contribution(result, "twitter", "share_hidden")["included"]


def test_hidden_share_needs_the_hidden_flag():
    result = index.summarize(tables(transparency=transparency_table(hidden_flag=False, share_hidden=[0.5, 0.5])))
    hidden = contribution(result, "twitter", "share_hidden")
    assert not hidden["included"] and hidden["reason"] == "flag_unavailable" and hidden["contribution"] == 0
    # left out, not scored 0: the other transparency indicators (all at target) keep the family at 100
    assert row(result, "twitter")["score_transparency"] == pytest.approx(100)
    assert any("share_hidden is left out in 2 of 2" in note for note in result.notes)


def test_raising_a_target_lowers_the_index():
    base = row(index.summarize(tables()), "twitter")["roi_index"]
    # response_rate target 0.95: (0.775-0.65)/(0.95-0.65) = 41.67 instead of 50 -> speed 60.42
    stricter = row(index.summarize(tables(), config=with_index({"response_rate": {"target": 0.95}})), "twitter")
    assert stricter["score_speed"] == pytest.approx((125 / 3 + 100 + 50 + 50) / 4)
    assert stricter["roi_index"] < base


def test_a_stricter_time_target_lowers_the_index():
    base = row(index.summarize(tables()), "twitter")["roi_index"]
    # lower is better: target 60 minutes -> (780-1440)/(60-1440) = 47.83 instead of 50
    config = with_index({"frt_median_business_minutes": {"target": 60}})
    stricter = row(index.summarize(tables(), config=config), "twitter")
    assert stricter["roi_index"] < base
    assert contribution(index.summarize(tables(), config=config), "twitter",
                        "frt_median_business_minutes")["score"] == pytest.approx(100 * 660 / 1380)


def test_raising_a_floor_lowers_the_index():
    base = row(index.summarize(tables()), "twitter")["roi_index"]
    # empathy floor 35: (42.5-35)/(60-35) = 30 instead of 50
    raised = row(index.summarize(tables(), config=with_index({"empathy_mean": {"floor": 35}})), "twitter")
    assert raised["score_empathy"] == pytest.approx(30) and raised["roi_index"] < base


def test_family_weight_moves_the_index_towards_that_family():
    base = row(index.summarize(tables()), "twitter")["roi_index"]
    # speed (62.5) is above the index (56.94): doubling its weight raises the index to (2×62.5+50+58.33)/4
    heavier = row(index.summarize(tables(), config=with_index({"weights": {"speed": 2}})), "twitter")
    assert heavier["roi_index"] == pytest.approx((2 * 62.5 + 50 + 175 / 3) / 4) and heavier["roi_index"] > base
    assert heavier["weight_speed"] == pytest.approx(0.5)
    # empathy (50) is below it: doubling its weight lowers the index
    empathy = row(index.summarize(tables(), config=with_index({"weights": {"empathy": 2}})), "twitter")
    assert empathy["roi_index"] == pytest.approx((62.5 + 2 * 50 + 175 / 3) / 4) and empathy["roi_index"] < base


def test_family_weight_zero_leaves_it_out():
    result = index.summarize(tables(), config=with_index({"weights": {"empathy": 0}}))
    a = row(result, "twitter")
    assert a["roi_index"] == pytest.approx((62.5 + 175 / 3) / 2) and a["n_families"] == 2
    assert contribution(result, "twitter", "empathy_mean")["reason"] == "family_weight_zero"


def test_indicator_weight_within_its_family():
    # thanks (50) weighs 2 in satisfaction: (2×50 + 75 + 50) / 4 = 56.25 instead of 58.33
    result = index.summarize(tables(), config=with_index({"thanks_after_answer": {"weight": 2}}))
    assert row(result, "twitter")["score_satisfaction"] == pytest.approx(56.25)
    assert contribution(result, "twitter", "thanks_after_answer")["weight_in_family"] == pytest.approx(0.5)
    # weight 0 leaves it out, with its reason
    out = index.summarize(tables(), config=with_index({"thanks_after_answer": {"weight": 0}}))
    assert row(out, "twitter")["score_satisfaction"] == pytest.approx(62.5)
    assert contribution(out, "twitter", "thanks_after_answer")["reason"] == "weight_zero"


def test_min_n_leaves_out_small_denominators():
    # follow-up polarity rests on 8 follow-ups in A: with min_n 10 it is left out -> (50 + 75) / 2
    result = index.summarize(tables(), config=Config(index=IndexSettings(min_n=10)))
    assert row(result, "twitter")["score_satisfaction"] == pytest.approx(62.5)
    assert contribution(result, "twitter", "followup_polarity_mean")["reason"] == "denominator_small"


def test_a_group_missing_from_a_family():
    speed = speed_table().iloc[:1]  # speed has no facebook row
    result = index.summarize({"speed": speed, "empathy": empathy_table(), "satisfaction": satisfaction_table()})
    assert contribution(result, "facebook", "response_rate")["reason"] == "no_row"
    assert row(result, "facebook")["roi_index"] == pytest.approx(50)  # satisfaction alone


def test_a_group_with_nothing_computable_has_no_index():
    empty = empathy_table().iloc[1:]
    result = index.summarize({"empathy": empty})
    assert math.isnan(result.index.loc[0, "roi_index"]) and result.index.loc[0, "n_families"] == 0
    assert any("no computable family" in note for note in result.notes)


def test_other_groupings():
    speed = speed_table().drop(columns=["account", "channel", "period"]).iloc[:1]
    result = index.summarize({"speed": speed}, by=())
    assert result.index.loc[0, "roi_index"] == pytest.approx(62.5)
    by_channel = index.summarize({"speed": speed_table().drop(columns=["account", "period"])}, by=["channel"])
    assert by_channel.index.set_index("channel").loc["twitter", "roi_index"] == pytest.approx(62.5)


@pytest.mark.parametrize(
    ("tables_", "by", "field"),
    [
        ({"speeds": speed_table()}, ("account", "channel", "period"), "tables"),
        ({"speed": speed_table().drop(columns="period")}, ("account", "channel", "period"), "tables.speed"),
        ({"speed": pd.concat([speed_table(), speed_table()])}, ("account", "channel", "period"), "tables.speed"),
        ({"speed": [1, 2]}, ("account", "channel", "period"), "tables.speed"),
        ({"speed": speed_table()}, ("account", "weekday"), "by"),
        (speed_table(), ("account", "channel", "period"), "tables"),
    ],
)
def test_bad_input_names_the_field(tables_, by, field):
    with pytest.raises(RoiError) as info:
        index.summarize(tables_, by=by)
    assert info.value.field == field and "How to fix" in str(info.value)


def test_methodology_lists_the_catalogue(samples):
    text = (samples.parents[1] / "roi" / "methodology.md").read_text(encoding="utf-8")
    section = text[text.index("## The Intangible ROI Index"):]
    for ind in index.CATALOGUE:
        line = next(x for x in section.splitlines() if x.startswith(f"| `{ind.name}` |"))
        cells = [c.strip() for c in line.split("|")]
        assert cells[5:8] == [ind.direction, f"{ind.target:g}", f"{ind.floor:g}"], ind.name
        assert ind.label_es in line
    for code in index.REASONS:
        assert f"`{code}`" in section


def test_the_informing_share_takes_its_target_floor_and_weight_from_the_config():
    cfg = config_from_dict({"index": {"share_informing_posts": {"target": 0.6, "floor": 0.2, "weight": 2}}})
    row = index.catalogue(cfg).set_index("indicator").loc["share_informing_posts"]
    assert (row["family"], row["denominator"], row["target"], row["floor"], row["weight"]) == (
        "transparency", "n_proactive_posts", 0.6, 0.2, 2.0)
    table = pd.DataFrame({"share_informing_posts": [0.4], "n_proactive_posts": [50]})
    got = index.summarize({"transparency": table}, by=(), config=cfg).contributions.set_index("indicator")
    assert got.loc["share_informing_posts", "score"] == pytest.approx(100 * (0.4 - 0.2) / (0.6 - 0.2))  # 50, by hand
    with pytest.raises(RoiError, match="share_informing_posts"):  # a higher-is-better target below its floor
        config_from_dict({"index": {"share_informing_posts": {"target": 0.1, "floor": 0.5}}})
