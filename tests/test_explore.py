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
    # a family's base is the number of its indicators that count in the group
    family = data.worst("transparency")
    c = data.contributions("transparency")
    counted = c[c["included"].astype(bool)].groupby(["account", "channel"], observed=True).size()
    assert list(family["base"]) == [counted.get((a, ch), 0) for a, ch in zip(family["account"], family["channel"],
                                                                            strict=True)]
    assert (np.diff(family["value"].to_numpy(float)) >= 0).all() and family["score"].iloc[0] == round(
        family["value"].iloc[0], 1)


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


def test_a_topic_filter_keeps_the_messages_whose_thread_is_on_that_topic(data, detail):
    raw = data.raw_messages()
    # independent: each thread's topic from roi.topics, joined to speed.detail by its thread
    topic = raw.assign(topic=roi.topics.thread_topics(raw, data.config).to_numpy())
    by_thread = topic.drop_duplicates(["channel", "account", "thread_id"]).astype({"channel": "string"})
    joined = detail.astype({"channel": "string"}).merge(by_thread[["channel", "account", "thread_id", "topic"]],
                                                       on=["channel", "account", "thread_id"], how="left")
    expected = joined[joined["topic"] == "alumbrado"]
    shown = data.inbound(topic="alumbrado")
    assert len(shown) == len(expected) > 0 and (shown["topic"] == "alumbrado").all()
    assert set(zip(shown["channel"], shown["message_id"], strict=True)) == set(
        zip(expected["channel"], expected["message_id"], strict=True))
    both = data.inbound(topic=["alumbrado", "residuos"], account="ajtorrebruna")
    assert set(both["message_id"]) == set(joined.loc[joined["topic"].isin(["alumbrado", "residuos"])
                                                     & (joined["account"] == "ajtorrebruna"), "message_id"])
    # an answer counts under its question's topic: the replies of those threads
    official = topic[topic["is_official"] & topic["parent_id"].notna() & (topic["topic"] == "alumbrado")]
    replies = data.replies(topic="alumbrado")
    assert set(replies["message_id"]) <= set(official["message_id"]) and len(replies) > 0
    with pytest.raises(RoiError, match="topic") as caught:
        data.inbound(topic="obras")
    assert "alumbrado" in caught.value.fix


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
    es = explore.open_data(config=samples / "roi.toml", period=PERIOD, lang="es")
    spanish = es.indicator_view("speed")
    assert spanish["indicator"].iloc[0] == "Tasa de respuesta" and spanish["family"].iloc[0] == "Rapidez"
    inbound = es.inbound(account="ajtorrebruna", channel="mastodon")  # lang reaches the messages and their display
    assert inbound["outcome"].str.startswith(("respondido ", "censurado ")).all()
    assert "hora local, Europe/Madrid" in inbound._repr_html_()
    assert es.worst("response_rate")["value_text"].iloc[0] == "60,7\u00a0%"  # written the Spanish way
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
    # the groups are those of the account's messages, no more
    loaded_messages = opened.raw_messages()
    assert set(zip(index["account"], index["channel"].astype(str), strict=True)) == set(
        zip(loaded_messages["account"], loaded_messages["channel"].astype(str), strict=True))
    assert opened.scores()["account"].eq("ajtorrebruna").all()
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


def test_tables_read_on_one_line_in_a_notebook(data):
    """Names, local times and durations stay on one line; the group and the time zone are said once; no NaN."""
    page = data.indicator_view(account="ajtorrebruna", channel="instagram")._repr_html_()
    assert "account: ajtorrebruna · channel: instagram" in page and "NaN" not in page and "&lt;NA&gt;" not in page
    name = data.indicator_view()["indicator"].iloc[0]
    assert f'white-space:nowrap;text-align:left;">{name}<br>' in page  # the name, its code beneath it
    assert ">Speed</th></tr>" in page  # the family as a heading row
    inbound = data.inbound(account="ajtorrebruna", channel="mastodon")
    page = inbound._repr_html_()
    assert "local time, Europe/Madrid" in page and "+02:00" not in page and "+01:00" not in page
    first = inbound["received"].iloc[0]
    assert f"{first:%Y-%m-%d %H:%M}</td>" in page
    assert isinstance(inbound[inbound["answered"]], explore.Table)  # still a table once filtered
    assert "no rows" in inbound[inbound["message_id"] == "none"]._repr_html_()


def test_the_trend_starts_at_the_first_period_with_data_and_names_its_gaps(data):
    raw = data.raw_messages()
    first = period_labels(raw["created_at"], "month", "Europe/Madrid").min()
    chart = data.chart_trend()
    assert chart.table.iloc[0, 0] == "January 2025" and first == "2025-01"  # the sample starts in January
    assert "No data" not in chart.alt
    from roi.report.explore_charts import trend_chart

    table = data._cache["overall"].table
    gap = trend_chart(table[table["period"] != "2025-06"], PERIOD, "en")
    assert "No data (a gap in the lines): June 2025" in gap.alt and len(gap.table) == 10


def test_the_readme_walk_from_a_number_to_its_messages_runs_and_says_what_the_sample_gives(monkeypatch):
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    readme = (root / "README.md").read_text(encoding="utf-8")
    section = readme.split("### From a number to its messages", 1)[1]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    monkeypatch.chdir(root)
    scope: dict = {}
    exec(compile(code, "README.md", "exec"), scope)  # the block as written
    assert tuple(scope["scores"].iloc[0][["account", "channel"]]) == ("torrebruna.example.org", "open311")
    assert scope["scores"].iloc[0]["Intangible ROI Index"] == 21.3
    assert tuple(scope["worst"].iloc[0][["account", "channel", "value_text", "base"]]) == (
        "ajtorrebruna", "mastodon", "60.7%", 28)
    assert len(scope["walk"].messages) == 28 and len(scope["unanswered"]) == 11
    assert scope["unanswered"]["waited"].iloc[0] == "37 d 13 h" and len(scope["replies"]) == 52
    assert (scope["lighting"]["topic"] == "alumbrado").all()


def test_explain_satisfaction_lists_the_groups_threads_in_local_time_without_the_citizens_id(data):
    from roi import satisfaction

    walk = data.explain("csat", ("ajtorrebruna", "instagram"))
    detail = satisfaction.detail(data.raw_messages(), data.config, freq="month")
    expected = detail[(detail["period"] == PERIOD) & (detail["account"] == "ajtorrebruna")
                      & (detail["channel"] == "instagram")]
    assert len(walk.messages) == len(expected) > 0
    assert list(walk.messages["first_message_id"]) == list(expected["first_message_id"])
    assert "author_id" not in walk.messages and str(walk.messages["first_at"].dt.tz) == "Europe/Madrid"
    assert (walk.messages["first_at"].dt.tz_convert("UTC").to_numpy() == expected["first_at"].to_numpy()).all()


def test_worst_ranks_topics_as_the_speed_detail_of_each_thread_topic(data, detail):
    worst = data.worst("response_rate", by=("topic",))
    # independent: each inbound message takes its thread's topic; the share answered per topic, lowest first
    raw = data.raw_messages()
    topic = raw.assign(topic=roi.topics.thread_topics(raw, data.config).to_numpy())
    by_thread = topic.drop_duplicates(["channel", "account", "thread_id"]).astype({"channel": "string"})
    joined = detail.astype({"channel": "string"}).merge(by_thread[["channel", "account", "thread_id", "topic"]],
                                                        on=["channel", "account", "thread_id"], how="left")
    expected = joined.groupby("topic")["answered"].agg(["mean", "size"])
    shown = worst.set_index("topic")
    assert set(shown.index) == set(expected.index)
    np.testing.assert_allclose(shown["value"].to_numpy(float), expected.loc[shown.index, "mean"].to_numpy(float))
    assert list(shown["base"]) == list(expected.loc[shown.index, "size"])
    assert (np.diff(worst["value"].to_numpy(float)) >= 0).all()
