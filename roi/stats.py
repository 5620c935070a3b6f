"""Estimators shared by the indicator families: Wilson intervals, Kaplan-Meier quantiles
with censoring, and the Poisson bootstrap of those quantiles and of means.

Wilson intervals and Kaplan-Meier curves also come from counts that add up across
partitions of a table (successes and trials; answers and censorings per time on a
shared grid: :func:`km_from_counts`), so that partitions computed apart merge exactly
(:mod:`roi.merge`).

The bootstrap is a Poisson bootstrap (Hanley and MacGibbon 2006; Chamandy et al. 2012,
"Estimating uncertainty for massive data streams"): in resample b, row i weighs
``w_bi ~ Poisson(1)`` instead of n rows being drawn with replacement. The weights come
from a counter-based stream keyed by the row's own key (:func:`row_keys`, e.g. its
``channel`` and ``message_id``), the seed and b (:func:`poisson_weights`), so a row has
the same weights whatever table or partition it is in: a group's resamples are the same
on the whole table and on a partition holding it, and the weighted sums of a group split
over partitions add up (:class:`BootstrapSums`). Means of every group are computed at
once, row after row, without a weight matrix (:func:`bootstrap_mean_intervals`);
Kaplan-Meier quantiles take the same weights group by group
(:func:`bootstrap_km_quantiles`). The loops over rows and resamples are compiled
(:mod:`roi.stats_compiled`). Intervals are percentile intervals. The Poisson
bootstrap is asymptotically equivalent to the ordinary (multinomial) one; with few rows
its intervals are a little wider (a resample's size varies).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from itertools import pairwise

import numpy as np
import pandas as pd
import pyarrow as pa

__all__ = ["Z95", "KaplanMeierCounts", "bootstrap_km_quantiles", "bootstrap_km_quantiles_many", "km_from_counts",
           "km_from_observations", "km_quantiles", "km_survival_at", "wilson_interval"]

#: Two-sided 95% normal quantile, ``scipy.stats.norm.ppf(0.975)`` to the last bit (written out, so that
#: computing an indicator does not import ``scipy.stats``: 0.6 s and 60 MiB per process).
Z95 = 1.959963984540054


def wilson_interval(successes, trials, z: float = Z95):
    """Wilson score interval for a proportion, vectorised.

    ``center = (p + z²/2n) / (1 + z²/n)``, ``half = z / (1 + z²/n) · sqrt(p(1-p)/n + z²/4n²)``
    with ``p = successes / trials``. NaN where ``trials == 0``.

    Returns
    -------
    (low, high)
        Arrays of the same shape as the inputs.

    Examples
    --------
    >>> low, high = wilson_interval(np.array([65]), np.array([100]))
    >>> round(float(low[0]), 4), round(float(high[0]), 4)
    (0.5525, 0.7364)
    """
    k = np.asarray(successes, dtype=float)
    n = np.asarray(trials, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = k / n
        denom = 1 + z**2 / n
        center = (p + z**2 / (2 * n)) / denom
        half = z / denom * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2))
        low = np.where(n > 0, np.clip(center - half, 0, 1), np.nan)
        high = np.where(n > 0, np.clip(center + half, 0, 1), np.nan)
    return low, high


def _censored(times: np.ndarray, observed: np.ndarray):
    from scipy import stats  # only where scipy's own curve is asked for

    return stats.CensoredData(uncensored=times[observed], right=times[~observed])


def _ecdf(times: np.ndarray, observed: np.ndarray):
    from scipy import stats

    return stats.ecdf(_censored(times, observed))


def km_quantiles(times, observed, probabilities=(0.5, 0.9)) -> np.ndarray:
    """Quantiles of the time to event from the Kaplan-Meier estimate (right-censoring).

    The q-quantile is the first time at which the survival function falls to ``1 - q``
    or below (``scipy.stats.ecdf`` on ``scipy.stats.CensoredData``); ``inf`` when the
    estimate never gets there (too many unanswered), NaN for an empty group.

    Parameters
    ----------
    times
        Time to the event when ``observed``, else time until censoring.
    observed
        True where the event (an answer) happened within the observation window.
    """
    times = np.asarray(times, dtype=float)
    observed = np.asarray(observed, dtype=bool)
    qs = np.asarray(probabilities, dtype=float)
    if times.size == 0:
        return np.full(qs.shape, np.nan)
    if not observed.any():
        return np.full(qs.shape, np.inf)
    sf = _ecdf(times, observed).sf
    return _first_crossing(sf.quantiles, sf.probabilities, qs)


def _first_crossing(points: np.ndarray, survival: np.ndarray, qs: np.ndarray) -> np.ndarray:
    # survival is non-increasing: the first index where it is <= 1 - q (with a float guard)
    targets = 1 - qs + 1e-12
    idx = np.searchsorted(-survival, -targets, side="left")
    return np.where(idx < len(points), points[np.minimum(idx, len(points) - 1)], np.inf)


def km_survival_at(times, observed, at) -> np.ndarray:
    """Kaplan-Meier survival probability at the given times (share *not* yet answered)."""
    times = np.asarray(times, dtype=float)
    observed = np.asarray(observed, dtype=bool)
    at = np.asarray(at, dtype=float)
    if times.size == 0:
        return np.full(at.shape, np.nan)
    if not observed.any():
        return np.ones(at.shape)
    return _ecdf(times, observed).sf.evaluate(at)


class KaplanMeierCounts:
    """A Kaplan-Meier curve from counts: at each distinct time, the events and the censorings.

    ``S(t) = Π_{t_j <= t} (n_j - d_j) / n_j`` with ``n_j`` the observations still at risk at
    ``t_j`` (those not yet answered or censored before it; a censoring at ``t_j`` is at
    risk there) and ``d_j`` the events at ``t_j``: the arithmetic of ``scipy.stats.ecdf``
    on ``CensoredData``, factor by factor, so that :meth:`quantiles` and
    :meth:`survival_at` equal :func:`km_quantiles` and :func:`km_survival_at` on the
    observations the counts were taken from. Counts of several partitions on the same
    grid add up: their sum gives the whole table's curve.
    """

    def __init__(self, times, events, censored):
        times = np.asarray(times, dtype=float)
        order = np.argsort(times, kind="stable")
        self.times = times[order]
        self.events = np.asarray(events, dtype=np.int64)[order]
        censored = np.asarray(censored, dtype=np.int64)[order]
        if len(self.times) and np.any(np.diff(self.times) <= 0):
            raise ValueError("km_from_counts needs one row per distinct time: add the counts of equal times first")
        keep = (self.events + censored) > 0  # a grid time where nothing happened is no time of the sample
        self.times, self.events, censored = self.times[keep], self.events[keep], censored[keep]
        self.n = int(self.events.sum() + censored.sum())
        at_risk = self.n - np.concatenate([[0], np.cumsum(self.events + censored)[:-1]])
        self.survival = np.cumprod((at_risk - self.events) / at_risk) if self.n else np.zeros(0)

    def quantiles(self, probabilities=(0.5, 0.9)) -> np.ndarray:
        """As :func:`km_quantiles`: ``inf`` when never reached, NaN for an empty group."""
        qs = np.asarray(probabilities, dtype=float)
        if self.n == 0:
            return np.full(qs.shape, np.nan)
        if not self.events.any():
            return np.full(qs.shape, np.inf)
        return _first_crossing(self.times, self.survival, qs)

    def survival_at(self, at) -> np.ndarray:
        """As :func:`km_survival_at`: S at the given times (1 before the first time)."""
        at = np.asarray(at, dtype=float)
        if self.n == 0:
            return np.full(at.shape, np.nan)
        if not self.events.any():
            return np.ones(at.shape)
        i = np.searchsorted(self.times, at, side="right") - 1
        return np.where(i >= 0, self.survival[np.maximum(i, 0)], 1.0)


def km_from_counts(times, events, censored) -> KaplanMeierCounts:
    """The Kaplan-Meier curve of (summed) event and censoring counts per distinct time.

    Examples
    --------
    Answers at 1, 2 and 4 minutes, censorings at 2 and 3: S(1) = 4/5, S(2) = 4/5 · 3/4 =
    0.6, S(3) = 0.6, S(4) = 0, so the median is 4 minutes, as from the observations:

    >>> curve = km_from_counts([1.0, 2.0, 3.0, 4.0], events=[1, 1, 0, 1], censored=[0, 1, 1, 0])
    >>> float(curve.quantiles((0.5,))[0]), float(km_quantiles([1, 2, 4, 2, 3], [1, 1, 1, 0, 0], (0.5,))[0])
    (4.0, 4.0)
    >>> [round(float(s), 2) for s in curve.survival_at([0.5, 2.0, 3.5])]
    [1.0, 0.6, 0.6]
    """
    return KaplanMeierCounts(times, events, censored)


class GroupTimes:
    """Rows sorted by group, then time, the censored before the answered of the same time, and cut
    into each group's distinct times: what the grouped Kaplan-Meier loops of
    :mod:`roi.stats_compiled` read. A caller that asks :func:`km_points_by_group` and
    :func:`bootstrap_km_quantiles_by_group` about the same rows passes one (``cut``), so that
    they are sorted once.

    ``order`` sorts the rows; ``group``, ``time`` and ``observed`` are the sorted values;
    distinct time j holds sorted rows ``begin[j]`` to ``begin[j + 1] - 1``, its answered ones
    from ``answered[j]``, at ``times[j]``; group g holds rows ``group_rows[g]`` to
    ``group_rows[g + 1] - 1`` and distinct times ``group_times[g]`` to ``group_times[g + 1] - 1``.
    """

    def __init__(self, codes: np.ndarray, n_groups: int, times: np.ndarray, observed: np.ndarray):
        n = len(codes)
        self.order = _group_time_order(codes, times, observed)
        self.group, self.time, self.observed = codes[self.order], times[self.order], observed[self.order]
        new = np.ones(n, dtype=bool)
        new[1:] = (self.group[1:] != self.group[:-1]) | (self.time[1:] != self.time[:-1])
        starts = np.flatnonzero(new)
        self.begin = np.r_[starts, n].astype(np.int64)
        self.times = self.time[starts]
        censored_before = np.r_[0, np.cumsum(~self.observed)]
        self.answered = (starts + censored_before[self.begin[1:]] - censored_before[starts]).astype(np.int64)
        self.group_rows = np.searchsorted(self.group, np.arange(n_groups + 1)).astype(np.int64)
        self.group_times = np.searchsorted(starts, self.group_rows).astype(np.int64)


def _group_time_order(codes: np.ndarray, times: np.ndarray, observed: np.ndarray) -> np.ndarray:
    """``np.lexsort((observed, times, codes))``, as one integer key (:func:`roi.periods.stable_order`)
    where the times are whole numbers (seconds)."""
    from roi.periods import stable_order

    if not len(codes):
        return np.zeros(0, dtype=np.int64)
    low = times.min()
    if np.isfinite(low) and np.isfinite(times.max()) and codes.min() >= 0 and (times == np.floor(times)).all():
        return stable_order(codes, (times - low).astype(np.int64), observed)
    return np.lexsort((observed, times, codes))


def km_points_by_group(codes, n_groups: int, times, observed, probabilities=(0.5, 0.9), at=(), *,
                       cut: GroupTimes | None = None) -> tuple[np.ndarray, np.ndarray]:
    """:func:`km_from_observations` of every group at once (``codes`` number each row's group, 0 to
    ``n_groups - 1``), read at quantiles and times: ``(quantiles, survival)``, of shapes
    ``(n_groups, len(probabilities))`` and ``(n_groups, len(at))``.

    Each group's figures equal its own curve's :meth:`KaplanMeierCounts.quantiles` and
    :meth:`KaplanMeierCounts.survival_at`: the rows are sorted by group and time once and
    every curve is multiplied out, factor by factor, in one compiled pass
    (:func:`roi.stats_compiled.km_group_points`). NaN for a group without rows. ``cut``: the
    :class:`GroupTimes` of these rows, when the caller has it.
    """
    from roi.stats_compiled import NEVER, km_group_points

    codes = np.asarray(codes, dtype=np.int64)
    times = np.asarray(times, dtype=float)
    observed = np.asarray(observed, dtype=bool)
    qs = np.asarray(probabilities, dtype=float)
    at = np.asarray(at, dtype=float)
    cut = GroupTimes(codes, n_groups, times, observed) if cut is None else cut
    at_time = np.diff(cut.begin)
    events = cut.begin[1:] - cut.answered
    positions, survival = km_group_points(cut.group_times, events, at_time, cut.times, 1 - qs + 1e-12, at)
    quantiles = np.where(positions == NEVER, np.inf, cut.times[np.maximum(positions, 0)] if len(cut.times) else np.inf)
    empty = np.diff(cut.group_times) == 0
    quantiles[empty], survival[empty] = np.nan, np.nan
    return quantiles, survival


def km_from_observations(times, observed) -> KaplanMeierCounts:
    """:func:`km_from_counts` of one group's observations (its distinct times counted): the
    same curve as ``scipy.stats.ecdf``, without its per-call overhead, for loops over many groups."""
    times = np.asarray(times, dtype=float)
    observed = np.asarray(observed, dtype=bool)
    grid, inverse = np.unique(times, return_inverse=True)
    return KaplanMeierCounts(grid, np.bincount(inverse[observed], minlength=len(grid)),
                             np.bincount(inverse[~observed], minlength=len(grid)))


#: Weights held at once by a Kaplan-Meier bootstrap (observations x resamples, a byte each: 2 MB): a
#: chunk of resamples is as many as fit.
CHUNK_WEIGHTS = 2_000_000
#: :func:`bootstrap_sums` adds a group's rows in pieces of ``BLOCK_WEIGHTS // n_resamples`` rows (the
#: blocks of weights it once held at a time): the pieces fix the order of the additions, so the last
#: bits of the sums, and must stay as they are for the figures to stay the same.
BLOCK_WEIGHTS = 500_000

# --- the Poisson bootstrap's weights: a counter-based stream keyed by the row and the seed -------

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
#: Bits of the uniform each weight is read from (four weights per 64-bit word).
LANE_BITS = 16


def _mix(z: np.ndarray) -> np.ndarray:
    """SplitMix64's finaliser of a ``uint64`` array (a bijection that scatters every bit), in a new array."""
    from roi.stats_compiled import mix  # compiled on first use: not needed to import roi

    return mix(np.ascontiguousarray(z, dtype=np.uint64))


def _poisson_table(bits: int = LANE_BITS) -> np.ndarray:
    """Poisson(1) inverse CDF at the midpoints of the ``2**bits`` uniform cells: ``table[u]`` is the
    smallest k with ``F(k) > (u + 1/2) / 2**bits`` (values 0 to 8; a cell is 1.5e-5 of probability)."""
    cdf = np.cumsum([math.exp(-1) / math.factorial(k) for k in range(32)])  # F(k) = e^-1 Σ_{i<=k} 1/i!
    return np.searchsorted(cdf, (np.arange(2**bits) + 0.5) / 2**bits, side="right").astype(np.uint8)


_POISSON = _poisson_table()


def row_keys(*columns) -> np.ndarray:
    """A stable 64-bit key per row from the columns that identify it (e.g. ``channel`` and ``message_id``).

    Each column's values are hashed as text (``pandas.util.hash_array``, SipHash with pandas'
    fixed key, missing values as the empty text) and the hashes combined with
    :func:`_mix`: the key of a row depends on its values only, not on its position or on
    which other rows are in the table, so the Poisson bootstrap weights it gets
    (:func:`poisson_weights`) are the same in the whole table and in any partition.
    """
    key = None
    for column in columns:
        h = _text_hashes(column)
        key = h if key is None else _mix(key * _GOLDEN + h)
    if key is None:
        raise ValueError("row_keys needs at least one column")
    return key


def _text_hashes(column) -> np.ndarray:
    """``pandas.util.hash_array`` of each value's text (:func:`_texts`), without a Python string per
    row where the column is Arrow text (its UTF-8 bytes hashed in place,
    :func:`roi.stats_compiled.text_hashes`) or categorical (each category hashed once)."""
    dtype = getattr(column, "dtype", None)
    if isinstance(dtype, pd.CategoricalDtype):
        categorical = pd.Categorical(column)
        names = np.append(_texts(np.asarray(categorical.categories, dtype=object)), "")
        return pd.util.hash_array(names, categorize=False)[categorical.codes]  # code -1 (missing) reads ""
    if isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow":
        from roi.stats_compiled import text_hashes

        array = pa.array(column.array if hasattr(column, "array") else column)
        chunks = array.chunks if isinstance(array, pa.ChunkedArray) else [array]
        return np.concatenate([text_hashes(*_byte_ranges(chunk)) for chunk in chunks] or [np.zeros(0, np.uint64)])
    return pd.util.hash_array(_texts(column), categorize=False)


def _byte_ranges(chunk: pa.Array) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(data, starts, ends)``: the data buffer of a string array and where each value's UTF-8 bytes
    begin and end in it (a missing value is empty, as its text "")."""
    _, offsets, data = chunk.buffers()
    width = "<i8" if pa.types.is_large_string(chunk.type) else "<i4"
    n = len(chunk)
    bounds = (np.frombuffer(offsets, dtype=width)[chunk.offset:chunk.offset + n + 1].astype(np.int64)
              if offsets is not None and n else np.zeros(n + 1, dtype=np.int64))
    starts, ends = bounds[:-1].copy(), bounds[1:].copy()
    if chunk.null_count:
        missing = chunk.is_null().to_numpy(zero_copy_only=False)
        ends[missing] = starts[missing]
    raw = np.frombuffer(data, dtype=np.uint8) if data is not None else np.zeros(0, dtype=np.uint8)
    return raw, starts, ends


def _texts(column) -> np.ndarray:
    """The values of ``column`` as ``str`` objects (missing values as ``""``), as the ``string``
    dtype writes them; a text or categorical column is read as it is, without a round trip."""
    dtype = getattr(column, "dtype", None)
    if isinstance(dtype, pd.StringDtype):
        return np.asarray(column.to_numpy(dtype=object, na_value=""), dtype=object)
    if isinstance(dtype, pd.CategoricalDtype):
        categorical = pd.Categorical(column)
        names = np.append(_texts(np.asarray(categorical.categories, dtype=object)), "")
        return names[categorical.codes]  # code -1 (missing) reads the appended ""
    return pd.array(np.asarray(column, dtype=object), dtype="string").to_numpy(dtype=object, na_value="")


def poisson_weights(keys, start: int, stop: int, seed: int = 0) -> np.ndarray:
    """Poisson(1) bootstrap weights of resamples ``start`` to ``stop - 1``, one row per key.

    A counter-based stream: the weight of a row with key ``k`` in resample ``b`` is
    ``table[lane(b mod 4) of mix(mix(k xor mix(seed)) + (b div 4 + 1) · φ)]``, with ``mix``
    SplitMix64's finaliser, φ = 0x9E3779B97F4A7C15 (its increment), the lanes the four
    16-bit parts of the 64-bit word (least significant first) and ``table`` Poisson(1)'s
    inverse CDF on 2^16 cells (:func:`_poisson_table`). It depends on the key, the seed
    and ``b`` alone: not on the other rows, their order or how many resamples are drawn
    at once. So a group's resamples are the same whether computed on the whole table or
    on a partition holding its rows, and per-partition weighted sums add up.

    Returns
    -------
    ndarray of ``uint8``, shape ``(len(keys), stop - start)``
    """
    from roi.stats_compiled import weights

    return weights(_as_keys(keys), _seeded(seed), int(start), int(stop), _POISSON)


def _as_keys(keys) -> np.ndarray:
    return np.ascontiguousarray(keys, dtype=np.uint64)


def _seeded(seed: int) -> np.uint64:
    """The mixed seed every row's key is combined with (``mix(seed)``, the seed read as a 64-bit integer)."""
    return _mix(np.array([seed], dtype=np.int64).astype(np.uint64))[0]


def _position_keys(n: int) -> np.ndarray:
    return np.arange(n, dtype=np.uint64)


def _percentiles(estimates: np.ndarray, probabilities, method: str) -> np.ndarray:
    """Per column of ``estimates`` (resamples x groups), its quantiles over the non-NaN resamples.

    ``method`` is ``"linear"`` (``numpy.quantile``'s default: ``a[⌊h⌋] + (h - ⌊h⌋)(a[⌊h⌋+1] -
    a[⌊h⌋])``, ``h = (m - 1) q`` on the m sorted values) or ``"inverted_cdf"`` (the order
    statistic ``a[⌈m q⌉ - 1]``, for estimates that may be ``inf``). NaN where a column
    has no value. Returns shape ``(len(probabilities), groups)``.

    Each column is sorted in a copy that keeps the layout of ``estimates``: pass a transposed
    view of a groups x resamples array, so that a group's resamples lie side by side (sorting
    thousands of strided columns took seconds by topic at a million messages).
    """
    ordered = np.sort(estimates, axis=0)  # NaN last (np.sort copies in the layout of estimates)
    m = (~np.isnan(estimates)).sum(axis=0)
    cols = np.arange(estimates.shape[1])
    out = np.full((len(probabilities), estimates.shape[1]), np.nan)
    has = m > 0
    for i, q in enumerate(probabilities):
        if method == "linear":
            h = (m - 1) * q
            lo = np.floor(h).astype(np.int64).clip(0)
            hi = np.minimum(lo + 1, np.maximum(m - 1, 0))
            a, b = ordered[lo, cols], ordered[hi, cols]
            with np.errstate(invalid="ignore"):
                value = np.where(b == a, a, a + (h - lo) * (b - a))
        else:
            idx = (np.ceil(m * q).astype(np.int64) - 1).clip(0)
            value = ordered[np.minimum(idx, estimates.shape[0] - 1), cols]
        out[i] = np.where(has, value, np.nan)
    return out


def bootstrap_km_quantiles(times, observed, probabilities=(0.5,), *, keys=None, n_resamples: int = 200,
                           confidence: float = 0.95, seed: int = 0, chunk: int | None = None) -> np.ndarray:
    """Percentile Poisson bootstrap interval of Kaplan-Meier quantiles.

    Resample ``b`` gives observation ``i`` the weight ``w_bi ~ Poisson(1)`` of
    :func:`poisson_weights` (``keys``: the rows' :func:`row_keys`; by default their
    positions), and its curve is the weighted Kaplan-Meier estimate ``S(t) = Π_{t_j <= t}
    (1 - d_j / r_j)`` with ``d_j`` the weights of the answers at ``t_j`` and ``r_j`` the
    weights of the observations not answered or censored before ``t_j`` (the curve of
    the multiset in which observation i appears ``w_bi`` times). A resample whose weights
    are all zero holds nothing and is left out. The interval is the order statistics
    (``inverted_cdf``) at ``(1 - confidence) / 2`` and ``(1 + confidence) / 2`` of the
    resampled quantiles. Times are sorted once; each resample's curve is then walked over
    the distinct times until it reaches every quantile (:mod:`roi.stats_compiled`).

    Returns
    -------
    ndarray of shape (len(probabilities), 2)
        Low and high bounds; NaN for an empty group, ``inf`` where the bound is never
        reached.
    """
    return bootstrap_km_quantiles_many([(times, observed)], probabilities, keys=keys, n_resamples=n_resamples,
                                       confidence=confidence, seed=seed, chunk=chunk)[0]


def bootstrap_km_quantiles_many(series, probabilities=(0.5,), *, keys=None, n_resamples: int = 200,
                                confidence: float = 0.95, seed: int = 0, chunk: int | None = None
                                ) -> list[np.ndarray]:
    """:func:`bootstrap_km_quantiles` of several ``(times, observed)`` pairs of the same observations.

    The pairs (e.g. one group's response times on two clocks) have the same length and
    share ``keys``; each gets exactly the interval :func:`bootstrap_km_quantiles` gives
    it with the same ``keys`` and ``seed``, and the weights are drawn once for all.
    """
    n = len(np.asarray(series[0][0]))
    found = bootstrap_km_quantiles_by_group(np.zeros(n, dtype=np.int64), 1, series, probabilities, keys=keys,
                                            n_resamples=n_resamples, confidence=confidence, seed=seed, chunk=chunk)
    return [intervals[0] for intervals in found]


def bootstrap_km_quantiles_by_group(codes, n_groups: int, series, probabilities=(0.5,), *, keys=None,
                                    n_resamples: int = 200, confidence: float = 0.95, seed: int = 0,
                                    chunk: int | None = None, cuts: Sequence[GroupTimes] | None = None
                                    ) -> list[np.ndarray]:
    """:func:`bootstrap_km_quantiles_many` of every group at once: ``codes`` numbers each row's
    group (0 to ``n_groups - 1``).

    Each group gets exactly the intervals :func:`bootstrap_km_quantiles_many` gives its own
    rows (their times, ``observed`` and ``keys``): the rows are sorted by group and time once,
    and every group's resampled curves are walked in one compiled loop
    (:func:`roi.stats_compiled.km_group_positions`). ``chunk``: resamples drawn at once
    (default as many as :data:`CHUNK_WEIGHTS` allows for the group). ``cuts``: the
    :class:`GroupTimes` of each pair of ``series``, when the caller has them.

    Returns
    -------
    list of ndarray of shape (n_groups, len(probabilities), 2)
        One per pair of ``series``: low and high bounds; NaN for a group without rows,
        ``inf`` where a bound is never reached.
    """
    from roi.stats_compiled import EMPTY, NEVER, km_group_positions

    codes = np.asarray(codes, dtype=np.int64)
    n = len(codes)
    keys = _position_keys(n) if keys is None else _as_keys(keys)
    qs = np.asarray(probabilities, dtype=float)
    thresholds = 1 - qs + 1e-12  # a curve reaches quantile q where S <= 1 - q (with a rounding margin)
    alpha = (1 - confidence) / 2
    out = []
    for number, (times, observed) in enumerate(series):
        times = np.asarray(times, dtype=float)
        observed = np.asarray(observed, dtype=bool)
        cut = GroupTimes(codes, n_groups, times, observed) if cuts is None else cuts[number]
        positions = km_group_positions(keys[cut.order], _seeded(seed), _POISSON, cut.group_rows, cut.group_times,
                                       cut.begin, cut.answered, thresholds, n_resamples, CHUNK_WEIGHTS, chunk or 0)
        estimates = cut.times[np.maximum(positions, 0)] if len(cut.times) else np.full(positions.shape, np.nan)
        estimates[positions == NEVER] = np.inf
        estimates[positions == EMPTY] = np.nan  # a resample whose weights are all zero holds nothing
        intervals = np.full((n_groups, len(qs), 2), np.nan)
        for j in range(len(qs)):
            # order statistics, not interpolation: a bound may be inf (never reached)
            by_group = np.ascontiguousarray(estimates[:, :, j])  # a group's resamples side by side
            intervals[:, j, :] = _percentiles(by_group.T, (alpha, 1 - alpha), "inverted_cdf").T
        rows = np.diff(cut.group_rows)
        intervals[(rows > 0) & (np.bincount(cut.group[cut.observed], minlength=n_groups) == 0)] = np.inf
        intervals[rows == 0] = np.nan
        out.append(intervals)
    return out


class BootstrapSums:
    """Per resample and group of a Poisson bootstrap: the sum of the weights and the weighted sum of the values.

    ``weights[b, g] = Σ_{i in g} w_bi`` and ``sums[b, g] = Σ_{i in g} w_bi x_i`` with
    ``w_bi`` the weights of :func:`poisson_weights`; resample b's mean of group g is
    ``sums[b, g] / weights[b, g]``. Both are sums over rows, so the sums of partitions
    holding parts of a group (on the same groups, keys and seed) add up to the whole
    group's: ``part_a + part_b`` (:meth:`__add__`), and :meth:`interval` of the sum is the
    interval of the whole.
    """

    def __init__(self, weights: np.ndarray, sums: np.ndarray):
        self.weights = weights
        self.sums = sums

    def __add__(self, other: BootstrapSums) -> BootstrapSums:
        return BootstrapSums(self.weights + other.weights, self.sums + other.sums)

    def means(self) -> np.ndarray:
        """Resamples x groups: each resample's weighted mean, NaN where its weights are all zero (in
        the layout of :attr:`sums`: :func:`bootstrap_sums` keeps a group's resamples side by side)."""
        return np.divide(self.sums, self.weights, out=np.full_like(self.sums, np.nan, dtype=float),
                         where=self.weights > 0)

    def interval(self, confidence: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
        """Percentile interval of each group's mean: the ``(1 ∓ confidence) / 2`` quantiles (linear, as
        ``numpy.quantile``) of its resampled means, resamples with no weight left out; NaN for a
        group without values."""
        alpha = (1 - confidence) / 2
        low, high = _percentiles(self.means(), (alpha, 1 - alpha), "linear")
        return low, high


def bootstrap_sums(codes, values, n_groups: int, *, keys=None, n_resamples: int = 1000, seed: int = 0
                   ) -> BootstrapSums:
    """The Poisson bootstrap of the mean of every group at once (:class:`BootstrapSums`).

    ``codes`` numbers each row's group (0 to ``n_groups - 1``), ``values`` are the rows'
    values (NaN rows are left out) and ``keys`` their :func:`row_keys` (by default their
    positions). Rows are sorted by group once; each group is summed in pieces of
    ``BLOCK_WEIGHTS // n_resamples`` rows counted from its own first row, row after row
    within a piece and piece after piece (:func:`roi.stats_compiled.add_piece_sums`): no
    loop over groups in Python, no weight matrix, and a group's sums are the same additions
    whatever the other rows of the table (so equal on the whole table and on a partition).
    """
    from roi.stats_compiled import add_piece_sums

    codes = np.asarray(codes, dtype=np.int64)
    x = np.asarray(values, dtype=float)
    keys = _position_keys(len(x)) if keys is None else _as_keys(keys)
    keep = ~np.isnan(x)
    codes, x, keys = codes[keep], x[keep], keys[keep]
    order = np.argsort(codes, kind="stable")
    codes, x, keys = codes[order], x[order], keys[order]
    n = len(x)
    weights = np.zeros((n_groups, n_resamples))
    sums = np.zeros((n_groups, n_resamples))
    if n:
        rows = max(1, BLOCK_WEIGHTS // n_resamples)
        # pieces: each group from its first row, in pieces of at most `rows` (the pieces fix the additions)
        first = np.r_[0, np.flatnonzero(np.diff(codes)) + 1]
        count = -(-np.diff(np.r_[first, n]) // rows)
        group = np.repeat(np.arange(len(first)), count)
        start = first[group] + (np.arange(count.sum()) - np.repeat(np.cumsum(count) - count, count)) * rows
        end = np.r_[start[1:], n]
        seeded = _seeded(seed)

        def resamples(begin: int, end_: int) -> None:  # columns begin..end_-1 of weights and sums, and no other
            add_piece_sums(keys, x, start, end, codes[start], seeded, begin, end_, _POISSON, weights, sums)

        _side_by_side(resamples, n_resamples, n * n_resamples)
    return BootstrapSums(weights.T, sums.T)


#: Weights (rows x resamples) from which :func:`bootstrap_sums` splits its resamples between threads.
THREAD_WEIGHTS = 20_000_000


def _side_by_side(task, n_resamples: int, size: int) -> None:
    """``task(begin, end)`` over resamples 0 to ``n_resamples - 1``: in one call, or, for ``size``
    weights or more and where :func:`roi.parallel.processes` allows several, in contiguous ranges on
    that many threads (NumPy releases the GIL in its array operations). Each resample is a column
    of its own, computed by the same additions in either case: the results are identical."""
    from roi import parallel  # the statistics need no processes otherwise

    threads = min(parallel.threads(), n_resamples) if size >= THREAD_WEIGHTS else 1
    if threads <= 1:
        task(0, n_resamples)
        return
    bounds = np.linspace(0, n_resamples, threads + 1).astype(int)
    with ThreadPoolExecutor(max_workers=threads) as pool:
        for done in [pool.submit(task, begin, end) for begin, end in pairwise(bounds)]:
            done.result()


def bootstrap_mean_intervals(codes, values, n_groups: int, *, keys=None, n_resamples: int = 1000,
                             confidence: float = 0.95, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Percentile Poisson bootstrap interval of the mean of every group: ``(low, high)``, one per group.

    :func:`bootstrap_sums` then :meth:`BootstrapSums.interval`. A group's interval
    depends only on its own rows (values and keys) and the seed.
    """
    return bootstrap_sums(codes, values, n_groups, keys=keys, n_resamples=n_resamples, seed=seed).interval(confidence)


def bootstrap_mean_interval(values, *, keys=None, n_resamples: int = 1000, confidence: float = 0.95, seed: int = 0):
    """Percentile Poisson bootstrap interval of a mean (:func:`bootstrap_mean_intervals` of one group).

    Resample b weighs value i by ``w_bi ~ Poisson(1)`` (:func:`poisson_weights`) and takes
    the weighted mean ``Σ w_bi x_i / Σ w_bi``; the interval is the ``(1 - confidence) / 2``
    and ``(1 + confidence) / 2`` quantiles of those means. NaN values are ignored; an
    empty input gives ``(nan, nan)``; a single value gives a zero-width interval at that value.

    Examples
    --------
    >>> low, high = bootstrap_mean_interval(np.arange(100.0), seed=1)
    >>> bool(low < 49.5 < high), bool(high - low < 15)
    (True, True)
    """
    x = np.asarray(values, dtype=float)
    low, high = bootstrap_mean_intervals(np.zeros(len(x), dtype=np.int64), x, 1, keys=keys, n_resamples=n_resamples,
                                         confidence=confidence, seed=seed)
    return float(low[0]), float(high[0])


def group_means(codes, values, n_groups: int) -> np.ndarray:
    """The mean of every group's values that are not NaN, in one pass: ``pandas.Series.mean``'s and
    ``numpy.nanmean``'s arithmetic, bit for bit.

    Group ``g`` (``codes == g``, ``n_groups`` groups) gets ``Σ x_i / n_g`` over its rows in
    table order, NaN read as 0 in NumPy's pairwise sum (:func:`roi.stats_compiled.slice_sums`)
    and ``n_g`` its values that are not NaN; NaN when there are none. No loop over groups in
    Python.

    >>> group_means([0, 1, 0, 1], [1.0, np.nan, 2.0, np.nan], 3).tolist()
    [1.5, nan, nan]
    """
    from roi.stats_compiled import slice_sums

    codes = np.asarray(codes, dtype=np.int64)
    x = np.asarray(values, dtype=float)
    present = ~np.isnan(x)
    rows = np.bincount(codes, minlength=n_groups)
    ends = np.cumsum(rows)
    sums = slice_sums(np.where(present, x, 0.0)[np.argsort(codes, kind="stable")], ends - rows, ends)
    count = np.bincount(codes[present], minlength=n_groups)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(count > 0, sums / count, np.nan)


def load_compiled() -> None:
    """Load the bootstrap's compiled loops (:mod:`roi.stats_compiled`) now, from Numba's cache (or
    compiled once): about 0.7 s and 100 MiB the first time in a process. :func:`roi.indicators`
    calls it in the parent before the families' fork (after the shared threads, while the child
    that guesses the languages works), so that both family processes share one copy."""
    codes = np.zeros(8, dtype=np.int64)
    keys = row_keys(pd.Series(list("abcdefgh"), dtype="string[pyarrow]"), pd.Series(list("abcdefgh"), dtype="category"))
    poisson_weights(keys, 0, 4)
    bootstrap_sums(codes, np.ones(8), 1, keys=keys, n_resamples=4)
    bootstrap_km_quantiles_by_group(codes, 1, [(np.arange(8.0), np.ones(8, dtype=bool))], keys=keys, n_resamples=4)
    km_points_by_group(codes, 1, np.arange(8.0), np.ones(8, dtype=bool), (0.5,), (1.0,))
    group_means(codes, np.ones(8), 1)


__all__ += [
    "BootstrapSums",
    "bootstrap_km_quantiles_by_group",
    "bootstrap_mean_interval",
    "bootstrap_mean_intervals",
    "bootstrap_sums",
    "group_means",
    "km_points_by_group",
    "load_compiled",
    "poisson_weights",
    "row_keys",
]
