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
once, one weight matrix per chunk of resamples (:func:`bootstrap_mean_intervals`);
Kaplan-Meier quantiles take the same weights group by group
(:func:`bootstrap_km_quantiles`). Intervals are percentile intervals. The Poisson
bootstrap is asymptotically equivalent to the ordinary (multinomial) one; with few rows
its intervals are a little wider (a resample's size varies).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from itertools import pairwise

import numpy as np
import pandas as pd
from scipy import stats

__all__ = ["Z95", "KaplanMeierCounts", "bootstrap_km_quantiles", "bootstrap_km_quantiles_many", "km_from_counts",
           "km_from_observations", "km_quantiles", "km_survival_at", "wilson_interval"]

#: Two-sided 95% normal quantile.
Z95 = float(stats.norm.ppf(0.975))


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


def _censored(times: np.ndarray, observed: np.ndarray) -> stats.CensoredData:
    return stats.CensoredData(uncensored=times[observed], right=times[~observed])


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
    sf = stats.ecdf(_censored(times, observed)).sf
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
    return stats.ecdf(_censored(times, observed)).sf.evaluate(at)


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


def km_from_observations(times, observed) -> KaplanMeierCounts:
    """:func:`km_from_counts` of one group's observations (its distinct times counted): the
    same curve as ``scipy.stats.ecdf``, without its per-call overhead, for loops over many groups."""
    times = np.asarray(times, dtype=float)
    observed = np.asarray(observed, dtype=bool)
    grid, inverse = np.unique(times, return_inverse=True)
    return KaplanMeierCounts(grid, np.bincount(inverse[observed], minlength=len(grid)),
                             np.bincount(inverse[~observed], minlength=len(grid)))


#: Weights held at once by a Kaplan-Meier bootstrap (resamples x rows, a byte each, and their
#: running sums as 64-bit integers: some 16 MB): a chunk of resamples is as many as fit.
CHUNK_WEIGHTS = 2_000_000
#: Weights of a block of rows in :func:`bootstrap_sums` (a byte each, and a float copy: some 5 MB).
BLOCK_WEIGHTS = 500_000

# --- the Poisson bootstrap's weights: a counter-based stream keyed by the row and the seed -------

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)
#: Bits of the uniform each weight is read from (four weights per 64-bit word).
LANE_BITS = 16


def _mix(z: np.ndarray) -> np.ndarray:
    """SplitMix64's finaliser, in place on a ``uint64`` array (a bijection that scatters every bit)."""
    z ^= z >> np.uint64(30)
    z *= _MIX1
    z ^= z >> np.uint64(27)
    z *= _MIX2
    z ^= z >> np.uint64(31)
    return z


def _poisson_table(bits: int = LANE_BITS) -> np.ndarray:
    """Poisson(1) inverse CDF at the midpoints of the ``2**bits`` uniform cells: ``table[u]`` is the
    smallest k with ``F(k) > (u + 1/2) / 2**bits`` (values 0 to 8; a cell is 1.5e-5 of probability)."""
    cdf = stats.poisson.cdf(np.arange(32), 1.0)
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
        h = pd.util.hash_array(_texts(column), categorize=False)
        key = h if key is None else _mix(key * _GOLDEN + h)
    if key is None:
        raise ValueError("row_keys needs at least one column")
    return key


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
    keys = np.asarray(keys, dtype=np.uint64)
    seeded = _mix(np.array([seed], dtype=np.int64).astype(np.uint64))[0]
    base = _mix(keys ^ seeded)
    lanes = 64 // LANE_BITS
    first, last = start // lanes, (stop - 1) // lanes + 1
    counters = (np.arange(first + 1, last + 1, dtype=np.uint64) * _GOLDEN)
    words = _mix(base[:, None] + counters[None, :])
    cells = words.astype("<u8", copy=False).view("<u2").reshape(len(keys), lanes * (last - first))
    offset = start - first * lanes
    return _POISSON[cells[:, offset:offset + stop - start]]


def _position_keys(n: int) -> np.ndarray:
    return np.arange(n, dtype=np.uint64)


def _chunk(n: int, n_resamples: int) -> int:
    """Resamples weighted at once for ``n`` rows: all of them when they fit in :data:`CHUNK_WEIGHTS`."""
    return max(1, min(n_resamples, CHUNK_WEIGHTS // max(n, 1)))


def _percentiles(estimates: np.ndarray, probabilities, method: str) -> np.ndarray:
    """Per column of ``estimates`` (resamples x groups), its quantiles over the non-NaN resamples.

    ``method`` is ``"linear"`` (``numpy.quantile``'s default: ``a[⌊h⌋] + (h - ⌊h⌋)(a[⌊h⌋+1] -
    a[⌊h⌋])``, ``h = (m - 1) q`` on the m sorted values) or ``"inverted_cdf"`` (the order
    statistic ``a[⌈m q⌉ - 1]``, for estimates that may be ``inf``). NaN where a column
    has no value. Returns shape ``(len(probabilities), groups)``.
    """
    ordered = np.sort(estimates, axis=0)  # NaN last
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
    resampled quantiles. Times are sorted once; each chunk of resamples is a few matrix
    operations over the distinct times up to where the curve can reach the quantiles; a
    resample whose curve has not got there by then is computed over all the times.

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
    qs = np.asarray(probabilities, dtype=float)
    prepared, out = [], []
    for times, observed in series:
        times = np.asarray(times, dtype=float)
        observed = np.asarray(observed, dtype=bool)
        if times.size == 0:
            prepared.append(None)
            out.append(np.full((len(qs), 2), np.nan))
        elif not observed.any():
            prepared.append(None)
            out.append(np.full((len(qs), 2), np.inf))
        else:
            prepared.append(_KaplanMeierDraws(times, observed, qs))
            out.append(np.full((len(qs), 2), np.nan))
    if all(p is None for p in prepared):
        return out
    n = len(np.asarray(series[0][0]))
    keys = _position_keys(n) if keys is None else np.asarray(keys, dtype=np.uint64)
    estimates = [np.empty((n_resamples, len(qs))) for _ in prepared]
    chunk = chunk or _chunk(n, n_resamples)
    for done in range(0, n_resamples, chunk):
        b = min(chunk, n_resamples - done)
        weights = poisson_weights(keys, done, done + b, seed).T  # resamples x observations
        for k, p in enumerate(prepared):
            if p is not None:
                estimates[k][done:done + b] = p.quantiles(weights)
    alpha = (1 - confidence) / 2
    for k, p in enumerate(prepared):
        if p is not None:
            for j in range(len(qs)):
                # order statistics, not interpolation: a bound may be inf (never reached)
                out[k][j] = _percentiles(estimates[k][:, j:j + 1], (alpha, 1 - alpha), "inverted_cdf")[:, 0]
    return out


class _KaplanMeierDraws:
    """One sample's Kaplan-Meier quantiles for many resamples, given each observation's weight in each."""

    def __init__(self, times: np.ndarray, observed: np.ndarray, qs: np.ndarray):
        self.n = times.size
        self.qs = qs
        self.distinct, inverse = np.unique(times, return_inverse=True)
        m = len(self.distinct)
        # observations by time, the censored before the answered ones of the same time
        self.order = np.lexsort((observed, inverse))
        sizes = np.bincount(inverse, minlength=m)
        events = np.bincount(inverse[observed], minlength=m)
        self.begin = np.concatenate([[0], np.cumsum(sizes)])  # where each distinct time's observations begin
        self.answered = self.begin[:-1] + sizes - events  # where its answered ones begin
        # a prefix of the distinct times beyond which the resampled curves very rarely still
        # have to reach the quantiles: where the sample's own curve is well below the lowest
        # (some six standard errors of S, 0.5 / sqrt(n) at most, and at least 0.02)
        at_risk = self.n - self.begin[:-1]
        survival = np.cumprod(1 - events / at_risk)
        below = 1 - qs.max() - min(0.1, 0.02 + 3 / np.sqrt(self.n))
        self.prefix = min(m, int(np.searchsorted(-survival, -below, side="right")) + 1)

    def _survival(self, weights: np.ndarray, total: np.ndarray, m: int) -> np.ndarray:
        """S over the first ``m`` distinct times, one row per resample (as ``cumprod`` of the hazards)."""
        used = self.begin[m]
        drawn = np.zeros((len(weights), used + 1), dtype=np.int64)
        np.cumsum(weights[:, self.order[:used]], axis=1, dtype=np.int64, out=drawn[:, 1:])
        before = drawn[:, self.begin[:m]]  # weights of earlier times
        events = (drawn[:, self.begin[1:m + 1]] - drawn[:, self.answered[:m]]).astype(float)
        at_risk = total[:, None] - before
        hazard = np.divide(events, at_risk, out=np.zeros(events.shape), where=at_risk > 0)
        return np.cumprod(1 - hazard, axis=1)

    def quantiles(self, weights: np.ndarray) -> np.ndarray:
        """Resamples x quantiles; NaN for a resample whose weights are all zero."""
        total = weights.sum(axis=1, dtype=np.int64)
        estimates = np.empty((len(weights), len(self.qs)))
        survival = self._survival(weights, total, self.prefix)
        for j, q in enumerate(self.qs):
            below = survival <= 1 - q + 1e-12
            reached = below.any(axis=1)
            estimates[:, j] = np.where(reached, self.distinct[below.argmax(axis=1)], np.inf)
            late = np.flatnonzero(~reached)
            if len(late) and self.prefix < len(self.distinct):  # not there yet: all the times for those
                full = self._survival(weights[late], total[late], len(self.distinct)) <= 1 - q + 1e-12
                estimates[late, j] = np.where(full.any(axis=1), self.distinct[full.argmax(axis=1)], np.inf)
        estimates[total == 0] = np.nan
        return estimates


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
        """Resamples x groups: each resample's weighted mean, NaN where its weights are all zero."""
        return np.divide(self.sums, self.weights, out=np.full(self.sums.shape, np.nan), where=self.weights > 0)

    def interval(self, confidence: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
        """Percentile interval of each group's mean: the ``(1 ∓ confidence) / 2`` quantiles (linear, as
        ``numpy.quantile``) of its resampled means, resamples with no weight left out; NaN for a
        group without values."""
        alpha = (1 - confidence) / 2
        low, high = _percentiles(self.means(), (alpha, 1 - alpha), "linear")
        return low, high


def bootstrap_sums(codes, values, n_groups: int, *, keys=None, n_resamples: int = 1000, seed: int = 0,
                   chunk: int | None = None) -> BootstrapSums:
    """The Poisson bootstrap of the mean of every group at once (:class:`BootstrapSums`).

    ``codes`` numbers each row's group (0 to ``n_groups - 1``), ``values`` are the rows'
    values (NaN rows are left out) and ``keys`` their :func:`row_keys` (by default their
    positions); ``chunk`` resamples are weighted at once (default all). Rows are sorted by
    group once and cut into blocks of about :data:`BLOCK_WEIGHTS` weights (whole groups, a
    group larger than a block in pieces counted from its own first row); a block's
    ``rows x resamples`` weights are summed per group with ``np.add.reduceat``, row after
    row: no loop over groups, and a group's sums are the same additions whatever the
    other rows of the table (so equal on the whole table and on a partition).
    """
    codes = np.asarray(codes, dtype=np.int64)
    x = np.asarray(values, dtype=float)
    keys = _position_keys(len(x)) if keys is None else np.asarray(keys, dtype=np.uint64)
    keep = ~np.isnan(x)
    codes, x, keys = codes[keep], x[keep], keys[keep]
    order = np.argsort(codes, kind="stable")
    codes, x, keys = codes[order], x[order], keys[order]
    n = len(x)
    weights = np.zeros((n_groups, n_resamples))
    sums = np.zeros((n_groups, n_resamples))
    if n:
        chunk = min(chunk or n_resamples, n_resamples)
        rows = max(1, BLOCK_WEIGHTS // n_resamples)  # not of the chunk: the same pieces, the same additions
        # pieces: each group from its first row, in pieces of at most `rows`; a block is the pieces that
        # start in the same stretch of `rows` rows (so at most one piece of a group per block)
        first = np.r_[0, np.flatnonzero(np.diff(codes)) + 1]
        count = -(-np.diff(np.r_[first, n]) // rows)
        group = np.repeat(np.arange(len(first)), count)
        piece = first[group] + (np.arange(count.sum()) - np.repeat(np.cumsum(count) - count, count)) * rows
        blocks = np.r_[0, np.flatnonzero(np.diff(piece // rows)) + 1, len(piece)]

        def resamples(begin: int, end: int) -> None:  # columns begin..end-1 of weights and sums, and no other
            for p0, p1 in pairwise(blocks):
                lo, hi = piece[p0], piece[p1] if p1 < len(piece) else n
                cuts, at = piece[p0:p1] - lo, codes[piece[p0:p1]]
                xs = x[lo:hi, None]
                for done in range(begin, end, chunk):
                    b = min(chunk, end - done)
                    w = poisson_weights(keys[lo:hi], done, done + b, seed)
                    weights[at, done:done + b] += np.add.reduceat(w, cuts, axis=0, dtype=float)
                    sums[at, done:done + b] += np.add.reduceat(np.multiply(w, xs), cuts, axis=0)

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

    threads = min(parallel.processes(), n_resamples) if size >= THREAD_WEIGHTS else 1
    if threads <= 1:
        task(0, n_resamples)
        return
    bounds = np.linspace(0, n_resamples, threads + 1).astype(int)
    with ThreadPoolExecutor(max_workers=threads) as pool:
        for done in [pool.submit(task, begin, end) for begin, end in pairwise(bounds)]:
            done.result()


def bootstrap_mean_intervals(codes, values, n_groups: int, *, keys=None, n_resamples: int = 1000,
                             confidence: float = 0.95, seed: int = 0, chunk: int | None = None
                             ) -> tuple[np.ndarray, np.ndarray]:
    """Percentile Poisson bootstrap interval of the mean of every group: ``(low, high)``, one per group.

    :func:`bootstrap_sums` then :meth:`BootstrapSums.interval`. A group's interval
    depends only on its own rows (values and keys) and the seed.
    """
    return bootstrap_sums(codes, values, n_groups, keys=keys, n_resamples=n_resamples, seed=seed,
                          chunk=chunk).interval(confidence)


def bootstrap_mean_interval(values, *, keys=None, n_resamples: int = 1000, confidence: float = 0.95, seed: int = 0,
                            chunk: int | None = None):
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
                                         confidence=confidence, seed=seed, chunk=chunk)
    return float(low[0]), float(high[0])


__all__ += ["BootstrapSums", "bootstrap_mean_interval", "bootstrap_mean_intervals", "bootstrap_sums",
            "poisson_weights", "row_keys"]
