"""``by=("topic", ...)`` in every family and in ``roi.indicators``, on the bundled sample year.

The claim: a topic's figures are those of its threads alone. The expected values are
computed independently of the grouping code: each family is run, without any topic
grouping, on the message table filtered to the threads of that topic (the selection is
:func:`roi.topics.message_topics`, whose definition ``tests/test_topics.py`` tests), and
compared group by group with the rows of that topic in the grouped run. The one figure
that looks beyond a thread, re-contact within 7 days (the citizen's *next* thread, of
any topic), is checked against the per-thread detail instead.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest

import roi
from roi.errors import RoiError
from roi.indicators import NO_SURVEY_TOPICS

KEYS = ["account", "channel", "period"]
RECONTACT = ["n_recontact_7d", "recontact_7d", "recontact_7d_ci_low", "recontact_7d_ci_high"]
# one topic per family, among the sample's larger ones
TOPIC_OF = {"speed": "alumbrado", "empathy": "residuos", "satisfaction": "vias_publicas", "transparency": "zonas_verdes"}


@pytest.fixture(scope="module")
def sample(samples):
    cfg = roi.load_config(samples / "roi.toml")
    loaded = roi.load(sorted(p for p in samples.iterdir() if p.suffix != ".toml"), config=cfg)
    m = loaded.messages
    until = m["created_at"].max()
    grouped = roi.indicators(m, cfg, by=("topic", *KEYS), surveys=loaded.surveys, observed_until=until)
    return loaded, cfg, until, grouped, roi.topics.message_topics(m, cfg)


def _keyed(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.astype({k: str for k in KEYS}).set_index(KEYS).sort_index()


def _assert_same(got: pd.DataFrame, expected: pd.DataFrame, skip=()) -> None:
    got, expected = _keyed(got), _keyed(expected)
    assert len(got) > 10 and set(got.index) == set(expected.index)
    expected = expected.loc[got.index]
    for column in got.columns:
        if column in skip:
            continue
        a = pd.to_numeric(got[column], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        b = pd.to_numeric(expected[column], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        assert np.allclose(a, b, equal_nan=True), column


@pytest.mark.parametrize("family", list(TOPIC_OF))
def test_a_topics_figures_are_those_of_its_threads_alone(sample, family):
    loaded, cfg, until, grouped, topics = sample
    topic = TOPIC_OF[family]
    part = loaded.messages[(topics == topic).to_numpy()]
    expected = roi.indicators(part, cfg, by=KEYS, observed_until=until).families[family]
    got = grouped.families[family]
    got = got[got["topic"] == topic].drop(columns="topic")
    _assert_same(got, expected, skip=RECONTACT if family == "satisfaction" else ())


def test_recontact_per_topic_counts_the_citizens_next_thread_of_any_topic(sample):
    loaded, cfg, until, grouped, topics = sample
    topic = TOPIC_OF["satisfaction"]
    d = roi.satisfaction.detail(loaded.messages, cfg, observed_until=until)
    # each citizen thread's topic, read from the messages of its (channel, account, thread)
    of_thread = pd.DataFrame({"channel": loaded.messages["channel"].astype(str), "account": loaded.messages["account"],
                              "thread_id": loaded.messages["thread_id"], "topic": topics.to_numpy()}).drop_duplicates(
        ["channel", "account", "thread_id"])
    d = d.astype({"channel": str}).merge(of_thread, on=["channel", "account", "thread_id"], how="left")
    d = d[d["topic"] == topic]
    expected = d.groupby([d[k].astype(str) for k in KEYS])["recontact_7d"].sum().astype(int)
    got = grouped.families["satisfaction"]
    got = _keyed(got[got["topic"] == topic])["n_recontact_7d"]
    assert got.sum() > 0
    assert (got.reindex(expected.index).to_numpy() == expected.to_numpy()).all()


def test_the_index_by_topic_is_the_index_of_its_threads(sample):
    """With re-contact weighted 0 (the one figure beyond a thread), a topic's index is its threads' index."""
    loaded, cfg, until, _, topics = sample
    index = dataclasses.replace(cfg.index, indicators={**cfg.index.indicators, "recontact_7d": {"weight": 0.0}})
    no_recontact = dataclasses.replace(cfg, index=index)
    by_topic = roi.indicators(loaded.messages, no_recontact, by=("topic",), observed_until=until, freq=None).index.index
    assert set(by_topic["topic"]) == set(topics.unique())
    for topic in ("alumbrado", "residuos", "tramites"):
        part = loaded.messages[(topics == topic).to_numpy()]
        alone = roi.indicators(part, no_recontact, by=(), observed_until=until, freq=None).index.index
        row = by_topic[by_topic["topic"] == topic]
        assert row["roi_index"].iloc[0] == pytest.approx(alone["roi_index"].iloc[0])
        for family in roi.index.FAMILIES:
            assert row[f"score_{family}"].iloc[0] == pytest.approx(alone[f"score_{family}"].iloc[0], nan_ok=True)


def test_surveys_have_no_topic(sample):
    loaded, _, _, grouped, topics = sample
    assert len(loaded.surveys) > 0
    satisfaction = grouped.families["satisfaction"]
    assert "csat" not in satisfaction and "nps" not in satisfaction  # no survey row made up for a topic
    assert satisfaction["topic"].notna().all() and set(satisfaction["topic"]) <= set(topics.unique())
    assert NO_SURVEY_TOPICS in grouped.notes
    csat = grouped.contributions[grouped.contributions["indicator"] == "csat"]
    assert (csat["reason"] == "column_missing").all()


def test_an_unknown_group_column_is_named(sample):
    loaded, cfg, *_ = sample
    with pytest.raises(RoiError, match="cannot group by"):
        roi.indicators(loaded.messages, cfg, by=("theme",))
