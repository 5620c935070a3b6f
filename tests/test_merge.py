"""Partitions computed apart merge into the whole table's figures.

The sample year is split by account into two halves (three accounts each). Grouped by
period only, every group spans both halves: the speed family's counts of each half,
added (:func:`roi.merge.combine`), must give exactly what ``roi.speed.summarize``
computes on the whole table (the independent computation: scipy's Kaplan-Meier on the
raw times, Wilson on the whole group's counts). Grouped by account, channel and period,
no group spans two halves, and ``roi.indicators`` of each half, stacked
(:func:`roi.indicators.combine`), equals ``roi.indicators`` of the whole, bootstrap
intervals included (every row's Poisson weights depend on its own key). Grouped by
period, the empathy mean's bootstrap sums of each half, added
(:func:`roi.merge.combine_means`), give the whole table's interval.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import roi
from roi import empathy, merge, speed
from roi.errors import RoiError
from roi.indicators import combine
from roi.periods import period_labels
from roi.stats import km_from_counts, km_quantiles, km_survival_at, poisson_weights, row_keys


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


def test_speed_counts_by_topic_of_two_halves_by_account_merge_into_the_whole(sample):
    # halves by account keep every thread whole, so each message gets the topic the whole table gives it;
    # the expected values are roi.speed.summarize on the whole table grouped by topic
    messages, halves, config, until = sample
    by = ("topic", "period")
    whole = speed.summarize(messages, by=by, config=config, observed_until=until).set_index(list(by))
    parts = [merge.speed_partial(half, by=by, config=config, observed_until=until) for half in halves]
    merged = merge.speed_estimates(merge.combine(parts), config).set_index(list(by))
    # the whole table also has groups where the administration wrote but no citizen did (replies only, no
    # inbound message): nothing to merge there
    extra = whole.index.difference(merged.index)
    assert (whole.loc[extra, "n_inbound"] == 0).all()
    whole = whole.loc[merged.index]
    assert whole.index.get_level_values("topic").nunique() >= 5  # the sample year's citizens write of many topics
    for column in MERGED:
        assert np.array_equal(merged[column].to_numpy(dtype=float), whole[column].to_numpy(dtype=float),
                              equal_nan=True), column
    spans = merge.speed_estimates(parts[0], config).set_index(list(by))["n_inbound"]
    assert (spans < whole["n_inbound"].reindex(spans.index)).any()  # some topic and month span both halves


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


def test_bootstrap_of_the_empathy_mean_of_two_halves_merges_into_the_whole(sample):
    # grouped by period, every month's replies are in both halves: the Poisson bootstrap weighs each
    # reply by its own key, so the halves' weighted sums add up to the whole month's resamples, and the
    # interval from the summed sums is the one empathy.summarize computes on the whole table
    messages, halves, config, _ = sample
    by = ("period",)
    whole = empathy.summarize(messages, by=by, config=config).set_index("period")

    def partial(frame):
        s = empathy.score(frame, config)
        s = s[s["scored"]].reset_index(drop=True)
        periods = pd.DataFrame({"period": period_labels(s["created_at"], "month", config.timezone)})
        return merge.mean_partial(periods, s["empathy_score"], row_keys(s["channel"], s["message_id"]))

    parts = [partial(half) for half in halves]
    merged = merge.mean_estimates(merge.combine_means(parts)).set_index("period")
    assert list(merged.index) == list(whole.index)
    assert (merged["n"] == whole["n_scored"]).all()
    both = parts[0].groups.merge(parts[1].groups, on="period")
    assert len(both) >= 12  # not trivial: most months hold replies of both halves
    for column in ("mean", "mean_ci_low", "mean_ci_high"):
        # equal up to the order of the floating-point additions (the halves summed apart)
        np.testing.assert_allclose(merged[column], whole[f"empathy_{column}"], rtol=1e-12, atol=0)
    # and a half's own interval is not the whole's
    alone = merge.mean_estimates(parts[0]).set_index("period")
    assert (alone["mean_ci_low"] != whole["empathy_mean_ci_low"].reindex(alone.index)).all()


def test_poisson_weights_do_not_depend_on_the_other_rows_or_the_chunk():
    keys = row_keys(np.array(["twitter"] * 6, dtype=object), np.array(list("abcdef"), dtype=object))
    whole = poisson_weights(keys, 0, 40, seed=3)
    assert np.array_equal(poisson_weights(keys[3:], 0, 40, seed=3), whole[3:])
    assert np.array_equal(np.hstack([poisson_weights(keys, 0, 5, seed=3), poisson_weights(keys, 5, 40, seed=3)]), whole)
    assert not np.array_equal(poisson_weights(keys, 0, 40, seed=4), whole)
