import warnings

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from scipy import stats

from roi.stats import (
    bootstrap_km_quantiles,
    bootstrap_km_quantiles_many,
    bootstrap_mean_interval,
    bootstrap_mean_intervals,
    km_quantiles,
    km_survival_at,
    poisson_weights,
    row_keys,
)


def test_km_quantiles_by_hand():
    # times 1..5, the 4th censored: S = 4/5 at 1, 3/5 at 2, 2/5 at 3 (first <= 0.5: the median is 3),
    # then at 5 one at risk answers: S = 0 (p90 = 5)
    times = np.array([1, 2, 3, 4, 5], dtype=float)
    observed = np.array([True, True, True, False, True])
    assert km_quantiles(times, observed, (0.5, 0.9)).tolist() == [3.0, 5.0]
    assert km_survival_at(times, observed, [0.5, 2, 4.5]).tolist() == pytest.approx([1.0, 0.6, 0.4])


def test_km_edge_cases():
    assert np.isnan(km_quantiles([], [], (0.5,))).all()
    assert np.isinf(km_quantiles([3.0, 4.0], [False, False], (0.5,))).all()


def test_bootstrap_interval_covers_the_estimate_and_narrows_with_n():
    rng = np.random.default_rng(5)

    def sample(n):
        true = rng.exponential(100, n)
        window = rng.uniform(0, 300, n)
        return np.round(np.minimum(true, window)), true <= window

    t_small, o_small = sample(300)
    t_big, o_big = sample(30_000)
    small = bootstrap_km_quantiles(t_small, o_small, (0.5,), n_resamples=300, seed=1)[0]
    big = bootstrap_km_quantiles(t_big, o_big, (0.5,), n_resamples=300, seed=1)[0]
    assert small[0] <= km_quantiles(t_small, o_small, (0.5,))[0] <= small[1]
    assert big[0] <= km_quantiles(t_big, o_big, (0.5,))[0] <= big[1]
    assert big[1] - big[0] < (small[1] - small[0]) / 4  # width shrinks like 1/sqrt(n): 100x n, ~10x narrower
    # the true median of an exponential with mean 100 is 100 ln 2 = 69.3
    assert big[0] <= 100 * np.log(2) <= big[1] + 1
    # same seed, same interval
    assert (bootstrap_km_quantiles(t_small, o_small, (0.5,), n_resamples=300, seed=1)[0] == small).all()


def test_km_agrees_with_scipy_directly():
    rng = np.random.default_rng(8)
    t = rng.exponential(10, 500)
    o = rng.random(500) < 0.7
    sf = stats.ecdf(stats.CensoredData(uncensored=t[o], right=t[~o])).sf
    # independent: the first point where scipy's survival estimate is <= 0.5
    expected = sf.quantiles[np.argmax(sf.probabilities <= 0.5)]
    assert km_quantiles(t, o, (0.5,))[0] == expected


def test_bootstrap_of_two_clocks_at_once_equals_two_calls():
    # the speed family bootstraps both clocks from one set of draws: each interval must be the one
    # a separate call with the same seed gives (including the fallback past the truncated prefix)
    rng = np.random.default_rng(11)
    for n in (1, 7, 300, 4000):
        calendar = np.round(rng.exponential(100, n))
        business = np.round(calendar * rng.uniform(0.2, 1.0, n))
        answered = rng.random(n) < 0.6
        together = bootstrap_km_quantiles_many([(calendar, answered), (business, answered)], (0.5, 0.9),
                                               n_resamples=60, seed=4)
        for (times, got) in zip((calendar, business), together, strict=True):
            alone = bootstrap_km_quantiles(times, answered, (0.5, 0.9), n_resamples=60, seed=4)
            assert np.array_equal(got, alone, equal_nan=True)


def test_bootstrap_intervals_do_not_depend_on_how_many_resamples_are_drawn_at_once():
    # the default draws every resample at once; one at a time must give the same intervals, bit for bit
    rng = np.random.default_rng(11)
    times, answered = np.round(rng.exponential(60, 211)), rng.random(211) > 0.25
    one = bootstrap_km_quantiles_many([(times, answered), (2 * times, answered)], (0.5, 0.9), chunk=1)
    default = bootstrap_km_quantiles_many([(times, answered), (2 * times, answered)], (0.5, 0.9))
    assert all(np.array_equal(a, b) for a, b in zip(one, default, strict=True))


def _grouped_times(seed: int, n: int, n_groups: int, scale: float, empty: int, never: int):
    """Rows in ``n_groups`` groups with whole-second times, some censored; group ``empty`` holds no
    row and group ``never`` is never answered."""
    rng = np.random.default_rng(seed)
    codes = rng.integers(0, n_groups, n)
    codes[codes == empty] = empty + 1
    times = np.round(rng.exponential(scale, n))
    observed = rng.random(n) > 0.35
    observed[codes == never] = False
    return rng, codes, times, observed


def test_km_bootstrap_of_every_group_at_once_equals_each_group_alone():
    """Each group's intervals are those of its own rows, computed alone (the per-group reference)."""
    from roi.stats import GroupTimes, bootstrap_km_quantiles_by_group

    rng, codes, times, answered = _grouped_times(17, 1_500, 12, 40, empty=7, never=9)
    keys = rng.integers(0, 2**63, len(codes)).astype(np.uint64)
    series = [(times, answered), (3 * times + 1, answered)]
    got = bootstrap_km_quantiles_by_group(codes, 12, series, (0.5, 0.9), keys=keys, n_resamples=120, seed=6)
    for g in range(12):
        rows = codes == g
        if not rows.any():
            assert all(np.isnan(clock[g]).all() for clock in got)
            continue
        alone = bootstrap_km_quantiles_many([(t[rows], a[rows]) for t, a in series], (0.5, 0.9), keys=keys[rows],
                                            n_resamples=120, seed=6)
        for clock, expected in zip(got, alone, strict=True):
            assert np.array_equal(clock[g], expected)
    assert np.isinf(got[0][9]).all() and np.isfinite(got[0][0]).all()
    # the rows sorted by the caller (roi.speed sorts them once for both functions): the same intervals
    cuts = [GroupTimes(codes, 12, np.asarray(t, dtype=float), a) for t, a in series]
    again = bootstrap_km_quantiles_by_group(codes, 12, series, (0.5, 0.9), keys=keys, n_resamples=120, seed=6, cuts=cuts)
    for clock, expected in zip(again, got, strict=True):
        np.testing.assert_array_equal(clock, expected)


def _splitmix_weight(key: int, seed: int, b: int) -> int:
    # the documented stream, written out with Python integers: table[lane(b mod 4) of
    # mix(mix(key xor mix(seed)) + (b div 4 + 1) * phi)], table = Poisson(1)'s inverse CDF on 2^16 cells
    mask = 2**64 - 1

    def mix(z):
        z ^= z >> 30
        z = (z * 0xBF58476D1CE4E5B9) & mask
        z ^= z >> 27
        z = (z * 0x94D049BB133111EB) & mask
        return z ^ (z >> 31)

    word = mix((mix(key ^ mix(seed)) + (b // 4 + 1) * 0x9E3779B97F4A7C15) & mask)
    u = ((word >> (16 * (b % 4))) & 0xFFFF) + 0.5
    return int(np.searchsorted(stats.poisson.cdf(np.arange(32), 1.0), u / 65536, side="right"))


def test_poisson_weights_follow_the_documented_stream_and_are_poisson():
    keys = np.array([0, 1, 2**63 + 5, 123456789], dtype=np.uint64)
    got = poisson_weights(keys, 3, 11, seed=7)
    expected = [[_splitmix_weight(int(k), 7, b) for b in range(3, 11)] for k in keys]
    assert got.tolist() == expected
    many = poisson_weights(np.arange(100_000, dtype=np.uint64), 0, 20, seed=0).astype(float)
    assert many.mean() == pytest.approx(1, abs=0.005) and many.var() == pytest.approx(1, abs=0.01)
    share = np.bincount(many.ravel().astype(int), minlength=4)[:4] / many.size
    assert share == pytest.approx(stats.poisson.pmf(np.arange(4), 1), abs=0.002)


def test_grouped_mean_intervals_equal_a_loop_over_groups():
    rng = np.random.default_rng(2)
    values = rng.normal(size=900)
    values[::17] = np.nan
    codes = rng.integers(0, 7, 900)
    keys = rng.integers(0, 2**63, 900).astype(np.uint64)
    low, high = bootstrap_mean_intervals(codes, values, 8, keys=keys, n_resamples=150, seed=5)
    for g in range(8):
        rows = (codes == g) & ~np.isnan(values)
        if not rows.any():  # group 7 holds nothing
            assert np.isnan(low[g]) and np.isnan(high[g])
            continue
        w = poisson_weights(keys[rows], 0, 150, seed=5).astype(float)
        means = (w * values[rows][:, None]).sum(axis=0) / w.sum(axis=0)
        assert np.quantile(means, [0.025, 0.975]) == pytest.approx([low[g], high[g]], rel=1e-12)
        assert bootstrap_mean_interval(values[codes == g], keys=keys[codes == g], n_resamples=150,
                                       seed=5) == pytest.approx((low[g], high[g]), rel=1e-12)


def test_weighted_km_bootstrap_equals_scipy_on_the_resampled_observations():
    # resample b is the multiset in which observation i appears w_bi times: scipy's Kaplan-Meier on
    # the repeated observations gives each resample's median, and the interval is their order statistics
    rng = np.random.default_rng(9)
    times = np.round(rng.exponential(50, 60))
    observed = rng.random(60) > 0.3
    keys = np.arange(60, dtype=np.uint64) * np.uint64(7919)
    got = bootstrap_km_quantiles(times, observed, (0.5,), keys=keys, n_resamples=80, seed=2)[0]
    weights = poisson_weights(keys, 0, 80, seed=2)
    medians = [km_quantiles(np.repeat(times, weights[:, b]), np.repeat(observed, weights[:, b]), (0.5,))[0]
               for b in range(80)]
    alpha = (1 - 0.95) / 2  # as the bootstrap computes it (0.025000000000000022: 80 alpha is just above 2)
    assert got.tolist() == np.quantile(medians, [alpha, 1 - alpha], method="inverted_cdf").tolist()


@pytest.mark.parametrize("column", [
    pd.Series(["tw", None, "fb"], dtype="string"),
    pd.Series(["tw", None, "fb"], dtype="category"),
    pd.Series(pd.Categorical(["x", None, "y"], categories=["y", "x", "z"])),
    np.array(["a", None, "b"], dtype=object),
    np.array([3, 1, 2]),
    # Arrow text hashed from its bytes: lengths around the 8-byte words, accents, emoji, empty, missing
    pd.Series(["", "a", "1234567", "12345678", "123456789", "ñandú camión", "🙂 gràcies", None,
               "x" * 63, "mensaje_0000123456", "twcs:9876543210"], dtype="string[pyarrow]"),
    pd.Series(["a", "bb", "ccc", None, "ddddddddd"], dtype="string[pyarrow]").iloc[1:],  # a slice of the array
    pd.Series(pd.arrays.ArrowStringArray(pa.chunked_array([["uno", None], ["dos", "", "tres"]]))),
])
def test_row_keys_read_every_kind_of_column_as_its_text(column):
    """The reference is the text of each value as the ``string`` dtype writes it, missing values as ""."""
    texts = pd.array(np.asarray(column, dtype=object), dtype="string").to_numpy(dtype=object, na_value="")
    np.testing.assert_array_equal(row_keys(column), pd.util.hash_array(texts, categorize=False))


def test_bootstrap_sums_make_the_additions_of_reduceat_along_each_pieces_rows_bit_for_bit():
    """The reference is the NumPy computation the compiled loop replaced: each group cut into pieces of
    ``BLOCK_WEIGHTS // n_resamples`` rows from its first row, each piece's weight matrix summed with
    ``np.add.reduceat`` along the rows, the pieces added to the group's sums in order."""
    from roi import stats as roi_stats

    rng = np.random.default_rng(21)
    n_resamples = 200
    rows = roi_stats.BLOCK_WEIGHTS // n_resamples  # 2,500 rows a piece
    codes = np.r_[np.zeros(6_100, dtype=np.int64), rng.integers(1, 30, 4_000)]  # group 0 spans three pieces
    values = rng.normal(-3, 40, len(codes))  # negative values: products -0.0 where a weight is 0
    values[rng.random(len(codes)) < 0.04] = np.nan
    keys = rng.integers(0, 2**63, len(codes)).astype(np.uint64)
    got = roi_stats.bootstrap_sums(codes, values, 31, keys=keys, n_resamples=n_resamples, seed=4)

    weights, sums = np.zeros((31, n_resamples)), np.zeros((31, n_resamples))
    for g in range(31):
        at = np.flatnonzero((codes == g) & ~np.isnan(values))
        for start in range(0, len(at), rows):
            piece = at[start:start + rows]
            w = poisson_weights(keys[piece], 0, n_resamples, seed=4)
            weights[g] += np.add.reduceat(w, [0], axis=0, dtype=float)[0]
            sums[g] += np.add.reduceat(np.multiply(w, values[piece, None]), [0], axis=0)[0]
    np.testing.assert_array_equal(got.weights, weights.T)
    np.testing.assert_array_equal(got.sums, sums.T)
    assert (got.weights[:, 0] > 2 * rows).all()  # the long group was summed whole, all three pieces


def test_bootstrap_sums_on_threads_equal_one_thread_exactly(monkeypatch):
    """Each resample is its own column, computed by the same additions on whichever thread runs it."""
    from roi import parallel
    from roi import stats as roi_stats

    rng = np.random.default_rng(5)
    codes = rng.integers(0, 40, 30_000)
    values = rng.normal(50, 20, 30_000)
    values[rng.random(30_000) < 0.05] = np.nan
    keys = rng.integers(0, 2**63, 30_000).astype(np.uint64)
    with parallel.limit(1):
        alone = roi_stats.bootstrap_sums(codes, values, 40, keys=keys, n_resamples=300, seed=3)
    used = []
    pool = roi_stats.ThreadPoolExecutor
    monkeypatch.setattr(roi_stats, "ThreadPoolExecutor", lambda max_workers: used.append(max_workers) or pool(max_workers))
    monkeypatch.setattr(roi_stats, "THREAD_WEIGHTS", 1)
    monkeypatch.setenv("ROI_WORKERS", "3")
    threaded = roi_stats.bootstrap_sums(codes, values, 40, keys=keys, n_resamples=300, seed=3)
    assert used == [3]
    np.testing.assert_array_equal(threaded.weights, alone.weights)
    np.testing.assert_array_equal(threaded.sums, alone.sums)


def test_the_constants_written_out_are_scipys_to_the_last_bit():
    """Z95 and the Poisson(1) table are computed without scipy (not imported by the indicators); the
    reference is scipy's own normal quantile and Poisson CDF."""
    from roi import stats as roi_stats

    assert float(stats.norm.ppf(0.975)) == roi_stats.Z95
    cdf = stats.poisson.cdf(np.arange(32), 1.0)
    cells = (np.arange(2**roi_stats.LANE_BITS) + 0.5) / 2**roi_stats.LANE_BITS
    np.testing.assert_array_equal(roi_stats._POISSON, np.searchsorted(cdf, cells, side="right").astype(np.uint8))


def test_km_points_of_every_group_at_once_equal_each_groups_own_curve():
    """The reference is each group's own curve from ``scipy.stats.ecdf`` (:func:`km_quantiles`,
    :func:`km_survival_at`), read at the same quantiles and times."""
    from roi.stats import GroupTimes, km_points_by_group

    # group 5 holds nothing (NaN); group 7 is never answered (inf, and S = 1 everywhere)
    _, codes, times, observed = _grouped_times(3, 3_000, 40, 100, empty=5, never=7)
    at = np.array([3600.0, 60.0, 0.0])
    quantiles, survival = km_points_by_group(codes, 40, times, observed, (0.5, 0.9), at)
    for g in range(40):
        rows = codes == g
        if not rows.any():
            assert np.isnan(quantiles[g]).all() and np.isnan(survival[g]).all()
            continue
        assert np.array_equal(quantiles[g], km_quantiles(times[rows], observed[rows], (0.5, 0.9)))
        assert np.array_equal(survival[g], km_survival_at(times[rows], observed[rows], at))
    assert np.isinf(quantiles[7]).all() and (survival[7] == 1).all() and np.isfinite(quantiles[0]).all()
    cut = GroupTimes(codes, 40, times, observed)  # sorted by the caller: the same figures
    for mine, theirs in zip(km_points_by_group(codes, 40, times, observed, (0.5, 0.9), at, cut=cut),
                            (quantiles, survival), strict=True):
        np.testing.assert_array_equal(mine, theirs)


def test_group_means_are_numpy_s_nanmean_of_each_group_bit_for_bit():
    # groups of every size around NumPy's pairwise summation's steps (8, 128, halves cut at multiples of
    # 8), some all NaN, values of many magnitudes: the sum of a long group depends on the order of its
    # additions, so only NumPy's own order gives the same double
    from roi.stats import group_means

    rng = np.random.default_rng(11)
    sizes = [*range(0, 140), 255, 256, 257, 1000, 1025, 8191, 8192, 8193, 20_001]
    codes = np.repeat(np.arange(len(sizes)), sizes)
    rng.shuffle(codes)  # each group's rows scattered through the table, in table order within it
    values = rng.normal(size=len(codes)) * 10.0 ** rng.integers(-4, 7, size=len(codes))
    values[rng.random(len(codes)) < 0.2] = np.nan
    values[codes == 5] = np.nan  # a group with no value
    values[codes == 40] = -0.0  # 40 negative zeros: NumPy's sum starts from 0.0, so their mean is +0.0
    got = group_means(codes, values, len(sizes) + 1)  # and a last group with no row
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # nanmean of no value
        expected = np.asarray([np.nanmean(values[codes == g]) if (codes == g).any() else np.nan
                               for g in range(len(sizes) + 1)])
    assert np.array_equal(np.isnan(got), np.isnan(expected))
    assert np.array_equal(got[~np.isnan(got)].view(np.int64), expected[~np.isnan(expected)].view(np.int64))  # bits
    assert np.signbit(expected[40]) == np.signbit(got[40]) == False  # noqa: E712 - the sign, not a truth value
    plain = np.nan_to_num(values)  # without NaN: numpy.mean of each group
    assert np.array_equal(group_means(codes, plain, len(sizes))[1:],
                          np.asarray([plain[codes == g].mean() for g in range(1, len(sizes))]))
    # a naive sum (np.add.reduceat: the first row, then the rest) differs somewhere: the test can fail
    order = np.argsort(codes, kind="stable")
    starts = np.r_[0, np.cumsum(sizes)[:-1]][np.asarray(sizes) > 0]
    naive = np.add.reduceat(np.nan_to_num(values)[order], starts)
    assert not np.array_equal(naive, np.asarray([np.nansum(values[codes == g]) for g in range(len(sizes)) if sizes[g]]))


def test_bootstrap_sums_of_integers_give_float_means_whatever_their_layout():
    from roi.stats import BootstrapSums

    weights, sums = np.array([[1, 2], [0, 1]]), np.array([[2, 4], [0, 3]])  # resamples x groups
    for w, s in ((weights, sums), (weights.T.copy().T, sums.T.copy().T)):  # C order, then groups side by side
        means = BootstrapSums(w, s).means()
        # worked by hand: 2/1, 4/2; no weight in resample 1 of group 0 (NaN), 3/1
        assert means.dtype == np.float64
        assert np.array_equal(means, [[2.0, 2.0], [np.nan, 3.0]], equal_nan=True)


def _km_positions_one_at_a_time(keys, seed, cut, thresholds, n_resamples):
    """The positions of ``km_group_positions`` written out in Python: each group and resample walked
    alone over its distinct times, ``S_j = S_{j-1} (1 - d_j / r_j)`` (hazard 0 where ``r_j = 0``),
    the first time with ``S <= threshold`` per threshold; -2 where every weight is zero, -1 where a
    threshold is never reached."""
    from roi.stats import poisson_weights

    w = poisson_weights(keys[cut.order], 0, n_resamples, seed=seed).astype(np.int64)  # rows x resamples
    n_groups = len(cut.group_rows) - 1
    out = np.full((n_groups, n_resamples, len(thresholds)), -1, dtype=np.int64)
    for g in range(n_groups):
        rows = slice(cut.group_rows[g], cut.group_rows[g + 1])
        for b in range(n_resamples):
            total = int(w[rows, b].sum())
            if cut.group_rows[g + 1] > cut.group_rows[g] and total == 0:
                out[g, b] = -2
                continue
            survival, before = 1.0, 0
            for j in range(cut.group_times[g], cut.group_times[g + 1]):
                at_time = int(w[cut.begin[j]:cut.begin[j + 1], b].sum())
                events = int(w[cut.answered[j]:cut.begin[j + 1], b].sum())
                at_risk = total - before
                survival = survival * (1 - (events / at_risk if at_risk > 0 else 0.0))
                before += at_time
                for q, threshold in enumerate(thresholds):
                    if out[g, b, q] == -1 and survival <= threshold:
                        out[g, b, q] = j
    return out


@pytest.mark.parametrize("seed", range(6))
def test_km_positions_equal_each_resample_walked_alone(seed):
    """The compiled walk (two resamples side by side, weights drawn a few resamples at a time) gives
    each resample's positions as walking it alone does: odd numbers of resamples and of resamples
    drawn at once, quantiles 0 and 1, ties of times, empty groups and groups never answered."""
    from roi.stats import _POISSON, GroupTimes, _seeded
    from roi.stats_compiled import km_group_positions

    rng = np.random.default_rng(seed)
    n, n_groups, n_resamples = int(rng.integers(50, 300)), int(rng.integers(1, 9)), int(rng.integers(1, 24))
    codes = rng.integers(0, n_groups, n)
    answered = rng.random(n) < rng.choice([0.0, 0.4, 0.9])
    times = np.round(rng.exponential(rng.choice([2, 30]), n))
    keys = rng.integers(0, 2**63, n).astype(np.uint64)
    cut = GroupTimes(codes, n_groups, times, answered)
    thresholds = 1 - np.asarray([0.0, 0.5, 0.9, 1.0]) + 1e-12
    expected = _km_positions_one_at_a_time(keys, seed, cut, thresholds, n_resamples)
    for chunk in (0, 1, 3):
        got = km_group_positions(keys[cut.order], _seeded(seed), _POISSON, cut.group_rows, cut.group_times, cut.begin,
                                 cut.answered, thresholds, n_resamples, 2_000_000, chunk)
        np.testing.assert_array_equal(got, expected)


@pytest.mark.parametrize("kind", ["seconds", "fractions", "infinite", "negative", "missing"])
def test_rows_ordered_by_group_then_time_as_lexsort_orders_them(kind):
    """The order of :class:`roi.stats.GroupTimes` (one integer key where the times are whole) is
    ``np.lexsort((observed, times, codes))``, ties kept in row order."""
    from roi.stats import _group_time_order

    for seed in range(40):
        rng = np.random.default_rng(seed)
        n = int(rng.integers(0, 400))
        codes = rng.integers(0, int(rng.integers(1, 30)), n)
        times = np.round(rng.exponential(50, n)) if kind != "negative" else np.round(rng.normal(0, 1e6, n))
        if kind == "fractions":
            times = times + rng.random(n)
        elif kind in ("infinite", "missing"):
            times[rng.random(n) < 0.1] = np.inf if kind == "infinite" else np.nan
        observed = rng.random(n) < 0.6
        np.testing.assert_array_equal(_group_time_order(codes, times, observed), np.lexsort((observed, times, codes)))
