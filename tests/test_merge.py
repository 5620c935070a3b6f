"""Partitions computed apart merge into the whole table's figures.

The sample year is split by account into two halves (three accounts each). Grouped by
period only, every group spans both halves: the speed family's counts of each half,
added (:func:`roi.merge.combine`), must give exactly what ``roi.speed.summarize``
computes on the whole table (the independent computation: scipy's Kaplan-Meier on the
raw times, Wilson on the whole group's counts). Grouped by account, channel and period,
no group spans two halves, and ``roi.indicators`` of each half, stacked
(:func:`roi.indicators.combine`), equals ``roi.indicators`` of the whole.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import roi
from roi import merge, speed
from roi.errors import RoiError
from roi.indicators import combine
from roi.stats import km_from_counts, km_quantiles, km_survival_at


@pytest.fixture(scope="module")
def sample(samples):
    config = roi.load_config(samples / "roi.toml")
    loaded = roi.load(sorted(p for p in samples.iterdir() if p.suffix != ".toml"), config=config)
    messages = loaded.messages
    accounts = sorted(messages["account"].unique())
    first = messages["account"].isin(accounts[:3]).to_numpy()
    halves = [messages[first].reset_index(drop=True), messages[~first].reset_index(drop=True)]
    return messages, halves, config, messages["created_at"].max()


MERGED = ["n_inbound", "n_questions", "n_answered", "n_questions_answered", "n_censored",
          "response_rate", "response_rate_ci_low", "response_rate_ci_high",
          "question_response_rate", "question_response_rate_ci_low", "question_response_rate_ci_high",
          "frt_median_minutes", "frt_p90_minutes", "frt_median_business_minutes", "frt_p90_business_minutes"]


def test_speed_counts_of_two_halves_merge_into_the_whole(sample):
    messages, halves, config, until = sample
    by = ("period",)
    whole = speed.summarize(messages, by=by, config=config, observed_until=until).set_index("period")
    parts = [merge.speed_partial(half, by=by, config=config, observed_until=until) for half in halves]
    merged = merge.speed_estimates(merge.combine(parts), config).set_index("period")
    assert len(whole) == 13 and list(merged.index) == list(whole.index)
    shares = [c for c in whole.columns if c.startswith("share_within_")]
    assert shares
    for column in MERGED + shares:
        assert np.array_equal(merged[column].to_numpy(dtype=float), whole[column].to_numpy(dtype=float),
                              equal_nan=True), column
    # the merge is not trivial: the twelve months of 2025 have inbound messages in both halves (January 2026,
    # the replies' tail, in one only), and a half's own median differs
    alone = merge.speed_estimates(parts[0], config).set_index("period")
    assert (alone["n_inbound"] < whole["n_inbound"]).sum() == 12
    assert (alone["frt_median_minutes"] != whole["frt_median_minutes"]).any()


def test_km_from_counts_equals_scipy_on_the_observations():
    # a fixed draw of 500 response times, 30% censored, many ties (whole minutes)
    rng = np.random.default_rng(3)
    times = np.round(rng.exponential(90, 500))
    observed = rng.random(500) > 0.3
    grid, inverse = np.unique(times, return_inverse=True)
    curve = km_from_counts(grid, np.bincount(inverse[observed], minlength=len(grid)),
                           np.bincount(inverse[~observed], minlength=len(grid)))
    qs = (0.25, 0.5, 0.9)
    assert np.array_equal(curve.quantiles(qs), km_quantiles(times, observed, qs))
    at = np.array([0.0, 30.0, 60.0, 120.0, 1000.0])
    assert np.array_equal(curve.survival_at(at), km_survival_at(times, observed, at))


def test_indicators_of_partitions_by_account_stack_into_the_whole(sample):
    messages, halves, config, until = sample
    whole = roi.indicators(messages, config, observed_until=until)
    stacked = combine([roi.indicators(half, config, observed_until=until) for half in halves])
    pd.testing.assert_frame_equal(stacked.table, whole.table)
    pd.testing.assert_frame_equal(stacked.contributions, whole.contributions)


def test_a_group_in_two_partitions_cannot_be_stacked(sample):
    _, halves, config, until = sample
    parts = [roi.indicators(half, config, by=("period",), observed_until=until) for half in halves]
    with pytest.raises(RoiError, match="in more than one partition"):
        combine(parts)
