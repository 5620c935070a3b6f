"""The analyst's drill-down (roi.report.explore) on the sample year: each call against an independent pandas computation."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import roi
from roi import empathy, speed
from roi.errors import RoiError
from roi.periods import period_labels
from roi.report import explore, privacy

PERIOD = "2025-10"


@pytest.fixture(scope="module")
def data(samples):
    return explore.open_data(config=samples / "roi.toml", period=PERIOD, lang="en")


@pytest.fixture(scope="module")
def detail(data):
    d = speed.detail(data.raw_messages(), data.config, freq="month")
    return d[d["period"] == PERIOD]


def test_worst_ranks_accounts_on_the_response_rate_as_a_pandas_groupby_of_speed_detail(data, detail):
    worst = data.worst("response_rate", by=("account",))
    # independent: the share of the period's inbound messages answered, per account, lowest first
    expected = detail.groupby("account")["answered"].mean().sort_values()
    assert list(worst["account"]) == list(expected.index)
    np.testing.assert_allclose(worst["value"].to_numpy(float), expected.to_numpy(float))
    assert list(worst["base"]) == list(detail.groupby("account").size().reindex(expected.index))


def test_unanswered_inbound_of_the_worst_account_equal_a_filter_of_speed_detail(data, detail):
    account = data.worst("response_rate", by=("account",))["account"].iloc[0]
    shown = data.inbound(account=account, answered=False)
    expected = detail[(detail["account"] == account) & ~detail["answered"]]
    assert len(shown) == len(expected) > 0
    assert set(shown["message_id"]) == set(expected["message_id"])
    assert shown["outcome"].str.startswith("censored ").all() and shown["answer"].isna().all()
    assert "text" not in shown and "author_id" not in shown  # the sample config does not opt in to citizen text


def test_inbound_filters_by_channel_in_local_time_with_durations_in_words(data, detail):
    shown = data.inbound(channel="email", answered=True)
    expected = detail[(detail["channel"] == "email") & detail["answered"]].set_index("message_id")
    assert set(shown["message_id"]) == set(expected.index) and (shown["channel"] == "email").all()
    assert str(shown["received"].dt.tz) == "Europe/Madrid"
    assert (shown["received"].dt.tz_convert("UTC").to_numpy()
            == expected.loc[shown["message_id"], "created_at"].to_numpy()).all()
    # worked by hand: under a day is "H h MM min"; the longest wait comes first
    row = shown[expected.loc[shown["message_id"], "response_seconds"].to_numpy() < 86400].iloc[0]
    minutes = round(expected.loc[row["message_id"], "response_seconds"] / 60)
    assert row["waited"] == (f"{minutes // 60} h {minutes % 60:02d} min" if minutes >= 60 else f"{minutes} min")
    seconds = expected.loc[shown["message_id"], "response_seconds"].to_numpy()
    assert (np.diff(seconds) <= 0).all()
    answers = data.raw_messages().set_index("message_id")["text"]
    assert shown["answer"].iloc[0] == answers.loc[shown["answer_id"].iloc[0]]


def test_a_topic_filter_needs_a_topic_column(data):
    with pytest.raises(RoiError, match="topic"):
        data.inbound(topic="obras")


def test_replies_of_the_period_are_the_official_replies_sent_in_it_lowest_score_first(data):
    raw = data.raw_messages()
    shown = data.replies(account="ajtorrebruna")
    # independent: official messages of the account that answer another message, sent in October (Madrid time)
    local = period_labels(raw["created_at"], "month", "Europe/Madrid")
    expected = raw[raw["is_official"] & raw["parent_id"].notna() & (raw["account"] == "ajtorrebruna")
                   & (local == PERIOD).to_numpy()]
    assert set(shown["message_id"]) == set(expected["message_id"])
    assert (np.diff(shown["empathy_score"].dropna().to_numpy()) >= 0).all()
    scores = empathy.score(raw, data.config).set_index("message_id")
    np.testing.assert_allclose(shown["empathy_score"].to_numpy(float),
                               scores.loc[shown["message_id"], "empathy_score"].to_numpy(float), atol=0.05)  # one decimal


def test_one_reply_shows_its_score_its_markers_in_the_text_and_the_reasons_of_each_judgment(data):
    raw = data.raw_messages()
    evidence = empathy.evidence(raw, data.config)
    message_id = evidence["message_id"].value_counts().index[0]  # the reply with most markers
    view = data.reply(message_id)
    # the score from the reply's thread alone equals the one computed over the whole year
    full = empathy.score(raw, data.config).set_index("message_id").loc[message_id]
    assert view.score["empathy_score"] == pytest.approx(full["empathy_score"])
    page = view._repr_html_()
    mine = evidence[evidence["message_id"] == message_id]
    assert page.count("<mark ") >= 1 and set(view.markers["matched_text"]) == set(mine["matched_text"])
    for phrase in mine["matched_text"]:
        assert phrase in page
    # the reasons of each judgment add up to its log-odds (roi.empathy.explanations)
    for judgment, p in (("emotional_reaction", full["p_emotional_reaction"]), ("exploration", full["p_exploration"])):
        total = view.reasons.loc[view.reasons["judgment"] == judgment, "contribution"].sum()
        assert total == pytest.approx(np.log(p / (1 - p)), abs=1e-6)


def test_explain_walks_from_the_index_to_the_messages_of_one_group(data, detail):
    walk = data.explain("response_rate", ("ajtorrebruna", "instagram"))
    assert list(walk.row["indicator"]) == ["response_rate"] and len(walk.index) == 1
    assert set(walk.contributions["family"]) == {"speed"}
    expected = detail[(detail["account"] == "ajtorrebruna") & (detail["channel"] == "instagram")]
    assert set(walk.messages["message_id"]) == set(expected["message_id"])
    assert walk.row["value"].iloc[0] == pytest.approx(expected["answered"].mean())
    assert "4. Messages" in walk._repr_html_()


def test_indicator_view_is_long_with_the_reports_names_in_the_chosen_language(data, samples):
    view = data.indicator_view("speed", account="ajtorrebruna", channel="instagram")
    assert list(view["code"]) == ["response_rate", "question_response_rate", "share_within_2h_business",
                                  "frt_median_business_minutes"]
    assert view["indicator"].iloc[0] == "Response rate"
    spanish = explore.open_data(config=samples / "roi.toml", period=PERIOD, lang="es").indicator_view("speed")
    assert spanish["indicator"].iloc[0] == "Tasa de respuesta" and spanish["family"].iloc[0] == "Rapidez"
    # the base is the contributions' denominator; the value as the report writes it (a share in %)
    c = data.contributions("speed").set_index(["account", "channel", "indicator"])
    assert view["base"].iloc[0] == c.loc[("ajtorrebruna", "instagram", "response_rate"), "n"]
    assert view["value"].iloc[0].endswith("%")


def test_messages_hide_citizen_text_and_authors_unless_the_config_opts_in(data, samples, tmp_path):
    raw = data.raw_messages()
    shown = data.messages
    citizen = ~raw["is_official"].to_numpy(dtype=bool)
    assert shown.loc[citizen, "text"].isna().all() and shown.loc[citizen, "author_id"].isna().all()
    assert (shown.loc[~citizen, "text"] == raw.loc[~citizen, "text"]).all()
    config = tmp_path / "roi.toml"
    config.write_text((samples / "roi.toml").read_text(encoding="utf-8") + "\n[privacy]\nshow_text = true\n",
                      encoding="utf-8")
    inputs = [str(p) for p in sorted(samples.iterdir()) if p.name != "roi.toml"]
    opened = explore.open_data(config=config, inputs=inputs, period=PERIOD)
    texts = opened.messages.loc[citizen, "text"]
    expected = [privacy.redact(t) for t in raw.loc[citizen, "text"]]  # one string at a time
    assert list(texts) == expected and any(t != r for t, r in zip(expected, raw.loc[citizen, "text"], strict=True))
    assert "text" in opened.inbound().columns


def test_an_account_filter_invents_no_group_and_scores_nothing_unmeasured(samples):
    opened = explore.open_data(config=samples / "roi.toml", period=PERIOD, accounts=["ajtorrebruna"])
    table, index = opened.indicators.table, opened.indicators.index.index
    assert table["account"].notna().all() and set(table["account"]) == {"ajtorrebruna"}
    assert index.loc[index["n_indicators"] == 0, "roi_index"].isna().all()
    # surveys: kept where their thread belongs to the account (an independent join on the full exports)
    loaded = roi.load(samples, config=samples / "roi.toml")
    mine = loaded.messages.loc[loaded.messages["account"] == "ajtorrebruna", "thread_id"]
    expected = loaded.surveys[loaded.surveys["thread_id"].isin(mine)]
    assert sorted(opened.surveys["survey_id"]) == sorted(expected["survey_id"])
    with pytest.raises(RoiError, match="account"):
        explore.open_data(config=samples / "roi.toml", period=PERIOD, accounts=["nobody"])


def test_a_period_without_messages_is_an_error_naming_the_periods_there_are(samples):
    with pytest.raises(RoiError) as caught:
        explore.open_data(config=samples / "roi.toml", period="2031-01")
    assert "2031-01" in str(caught.value) and "2025-01 to " in str(caught.value)


def test_charts_carry_their_png_once(data):
    import base64

    from IPython.core.interactiveshell import InteractiveShell

    for chart in (data.chart_trend(), data.chart_response()):
        formatted, _ = InteractiveShell.instance().display_formatter.format(chart)
        encoded = base64.b64encode(chart.png).decode("ascii")
        assert sum(str(v).count(encoded[:200]) for v in formatted.values()) == 1
    accounts = sorted(data.raw_messages()["account"].dropna().unique())
    assert list(data.chart_response().table.columns[1:]) == accounts


def test_redact_series_equals_redact_on_each_text():
    texts = pd.Series(["escribe a ana@example.org", None, "DNI 12.345.678-Z y tel. 612 34 56 78"], dtype="string")
    assert privacy.redact_series(texts).tolist() == [privacy.redact("escribe a ana@example.org"), pd.NA,
                                                     privacy.redact("DNI 12.345.678-Z y tel. 612 34 56 78")]
