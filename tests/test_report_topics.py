"""The report's "temas" section (roi/report/topics.py) on the bundled sample, October 2025.

Expected values are computed here from the per-message tables (roi.speed.detail,
roi.satisfaction.detail, roi.transparency.detail), not from the section's code: counts summed
by hand, the Kaplan-Meier median written out as a product-limit loop.
"""

from __future__ import annotations

import html
import math
import re

import numpy as np
import pandas as pd
import pytest

import roi
from roi.report import topics as section
from tests.conftest import SAMPLES

PERIOD, BEFORE = "2025-10", "2025-09"


@pytest.fixture(scope="module")
def prepared():
    from roi.report import prepare

    return prepare(config=SAMPLES / "roi.toml", period=PERIOD, lang="en")


def _km_median_by_hand(times, answered) -> float:
    """Product-limit estimate: the first time at which S(t) <= 0.5 (inf if never)."""
    times, answered = np.asarray(times, float), np.asarray(answered, bool)
    survival = 1.0
    for t in np.unique(times[answered]):
        survival *= 1 - ((times == t) & answered).sum() / (times >= t).sum()
        if survival <= 0.5 + 1e-12:
            return float(t)
    return math.inf


@pytest.fixture(scope="module")
def detail(prepared):
    d = prepared.detail
    return d.assign(topic=roi.topics.topic_column(d, prepared.messages, prepared.config))


def test_small_topics_are_one_row_computed_on_their_messages_together(prepared, detail):
    min_n = 40  # several topics of the sample month fall below it
    rows = section.topic_table(prepared.by_topic, detail, PERIOD, BEFORE, min_n)
    big, small = rows[~rows["small"]], rows[rows["small"]].iloc[0]
    assert len(small["topics"]) >= 3 and (big["speed_n_inbound"] >= min_n).all()
    assert list(big["speed_n_inbound"]) == sorted(big["speed_n_inbound"], reverse=True)
    cur = detail[(detail["period"] == PERIOD) & detail["topic"].isin(small["topics"])]
    assert small["speed_n_inbound"] == len(cur)
    assert small["speed_response_rate"] == pytest.approx(cur["answered"].mean())
    expected = _km_median_by_hand(np.round(cur["response_business_seconds"]), cur["answered"]) / 60
    assert small["speed_frt_median_business_minutes"] == pytest.approx(expected)
    # thanks after the answer: citizen threads of those topics, answered, whose follow-up thanks
    s = roi.satisfaction.detail(prepared.messages, prepared.config)
    s = s.assign(topic=roi.topics.topic_column(s, prepared.messages, prepared.config))
    s = s[(s["period"] == PERIOD) & s["topic"].isin(small["topics"]) & s["answered"]]
    assert small["satisfaction_thanks_after_answer"] == pytest.approx(s["thanks"].sum() / len(s))
    # the previous period of the same topics
    prev = detail[(detail["period"] == BEFORE) & detail["topic"].isin(small["topics"])]
    assert small["speed_n_inbound_before"] == len(prev)
    # a topic of its own has the figures of roi.indicators(by=("topic", "period"))
    t = prepared.by_topic.set_index(["topic", "period"])
    for _, r in big.iterrows():
        assert r["speed_response_rate"] == t.loc[(r["topic"], PERIOD), "speed_response_rate"]
        mine = detail[(detail["period"] == PERIOD) & (detail["topic"] == r["topic"])]
        assert r["speed_n_inbound"] == len(mine)


def test_the_section_names_the_slowest_and_fastest_topics_and_shows_no_handle(prepared):
    html_ = "".join(b._repr_html_() for b in prepared.topics())
    assert "<h2>Topics</h2>" in html_ and "<caption>" in html_
    rows = section.topic_table(prepared.by_topic, prepared.detail.assign(
        topic=roi.topics.topic_column(prepared.detail, prepared.messages, prepared.config)),
        PERIOD, BEFORE, prepared.config.index.min_n)
    ranked = rows[~rows["small"]].set_index("topic")["speed_frt_median_business_minutes"]
    names = roi.report.texts.text("topic_names", "en")
    sentence = re.search(r"slowest for '([^']+)'.*fastest for '([^']+)'", html.unescape(html_))
    assert sentence.groups() == (names[ranked.idxmax()], names[ranked.idxmin()])
    # privacy: aggregates only, no author, handle or text
    authors = set(prepared.messages["author_id"].dropna().astype(str)) - {"", "unknown"}
    shown = set(re.findall(r"[\w@.]+", re.sub(r"<[^>]+>", " ", html_)))
    assert not [a for a in authors if len(a) > 3 and a in shown]
    for t in prepared.messages["text"].dropna().head(200):
        assert len(t) < 25 or t not in html_


def test_purpose_shares_are_those_of_roi_topics_main_purposes(prepared):
    shares, n = section.purpose_shares(prepared.official, PERIOD)
    m = prepared.messages
    local = m["created_at"].dt.tz_convert(prepared.config.timezone).dt.strftime("%Y-%m")
    main = roi.topics.main_purposes(m[(local == PERIOD).to_numpy()], prepared.config)
    assert n == len(main) > 0
    expected = main.value_counts(normalize=True).reindex(list(roi.topics.PURPOSES), fill_value=0.0)
    assert np.allclose(shares.to_numpy(dtype=float), expected.to_numpy(dtype=float))
    assert shares.sum() == pytest.approx(1.0)
    assert isinstance(shares, pd.Series)


def test_the_figures_by_topic_are_those_of_roi_indicators_by_topic(prepared):
    """The section computes only the speed and satisfaction families by topic; every column it has, on every
    (topic, period), equals the same column of the full ``roi.indicators(..., by=("topic", "period"))`` call."""
    full = roi.indicators(prepared.messages, prepared.config, by=("topic", "period"), freq=prepared.freq).table
    mine = prepared.by_topic.set_index(["topic", "period"])
    full = full.set_index(["topic", "period"]).loc[mine.index]
    assert len(mine) > 50 and {c for c, _ in section.FIGURES} <= set(mine.columns)
    for column in mine.columns:
        pd.testing.assert_series_equal(mine[column], full[column], check_dtype=False, check_names=False,
                                       obj=column)
