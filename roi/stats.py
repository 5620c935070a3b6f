"""Estimators shared by the indicator families: Wilson intervals, Kaplan-Meier quantiles
with censoring, and the ordinary (multinomial) bootstrap of those quantiles and of means.

Everything here works on plain numpy arrays of one group; the families call it once per
group (a group is an account x channel x period: tens or hundreds, never one per message).

Wilson intervals and Kaplan-Meier curves also come from counts that add up across
partitions of a table (successes and trials; answers and censorings per time on a
shared grid: :func:`km_from_counts`), so that partitions computed apart merge exactly
(:mod:`roi.merge`). The bootstrap resamples a whole group and does not merge.
"""

from __future__ import annotations

import numpy as np
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


#: Draws held at once by a bootstrap (8 MB of indices): a chunk of resamples is as many as fit.
CHUNK_DRAWS = 1_000_000


def _chunk(n: int, n_resamples: int) -> int:
    """Resamples drawn at once for a sample of ``n``: all of them when they fit in :data:`CHUNK_DRAWS`.

    The draws (and so every interval) do not depend on the chunk: ``Generator.integers``
    gives the same stream whether drawn in one call or several, and each resample's
    estimate is computed on its own row.
    """
    return max(1, min(n_resamples, CHUNK_DRAWS // max(n, 1)))


def bootstrap_km_quantiles(times, observed, probabilities=(0.5,), *, n_resamples: int = 200,
                           confidence: float = 0.95, seed: int = 0, chunk: int | None = None) -> np.ndarray:
    """Percentile bootstrap interval of Kaplan-Meier quantiles.

    Each resample draws n of the n observations with replacement (the ordinary
    nonparametric bootstrap of (time, answered) pairs), computes the Kaplan-Meier curve
    ``S(t) = Π (1 - d_j / r_j)`` over the distinct times and reads its quantiles.
    Times are sorted once; each chunk of resamples is one ``bincount`` of the draws
    (how often each observation was drawn) and a few matrix operations over the
    distinct times up to where the curve can reach the quantiles (``r_j`` is ``n``
    minus the draws of earlier times, so later times need not be counted); a resample
    whose curve has not got there by then is computed over all the times.

    Returns
    -------
    ndarray of shape (len(probabilities), 2)
        Low and high bounds; NaN for an empty group, ``inf`` where the bound is never
        reached.
    """
    return bootstrap_km_quantiles_many([(times, observed)], probabilities, n_resamples=n_resamples,
                                       confidence=confidence, seed=seed, chunk=chunk)[0]


def bootstrap_km_quantiles_many(series, probabilities=(0.5,), *, n_resamples: int = 200, confidence: float = 0.95,
                                seed: int = 0, chunk: int | None = None) -> list[np.ndarray]:
    """:func:`bootstrap_km_quantiles` of several ``(times, observed)`` pairs of the same observations.

    The pairs (e.g. one group's response times on two clocks) have the same length;
    each gets exactly the interval :func:`bootstrap_km_quantiles` gives it with the same
    ``seed``, and the resamples (the same draws for every pair) are drawn once.
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
    rng = np.random.default_rng(seed)
    estimates = [np.empty((n_resamples, len(qs))) for _ in prepared]
    chunk = chunk or _chunk(n, n_resamples)
    for done in range(0, n_resamples, chunk):
        b = min(chunk, n_resamples - done)
        drawn = rng.integers(0, n, size=(b, n))
        # how often each observation was drawn, per resample
        weights = np.bincount((drawn + n * np.arange(b)[:, None]).ravel(), minlength=b * n).reshape(b, n)
        for k, p in enumerate(prepared):
            if p is not None:
                estimates[k][done:done + b] = p.quantiles(weights)
    alpha = (1 - confidence) / 2
    for k, p in enumerate(prepared):
        if p is None:
            continue
        for j in range(len(qs)):
            # order statistics, not interpolation: a bound may be inf (never reached)
            out[k][j] = np.quantile(estimates[k][:, j], [alpha, 1 - alpha], method="inverted_cdf")
    return out


class _KaplanMeierDraws:
    """One sample's Kaplan-Meier quantiles for many resamples, given how often each observation was drawn."""

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

    def _survival(self, weights: np.ndarray, m: int) -> np.ndarray:
        """S over the first ``m`` distinct times, one row per resample (as ``cumprod`` of the hazards)."""
        used = self.begin[m]
        drawn = np.zeros((len(weights), used + 1), dtype=np.int64)
        np.cumsum(weights[:, self.order[:used]], axis=1, out=drawn[:, 1:])
        before = drawn[:, self.begin[:m]]  # draws of earlier times
        events = (drawn[:, self.begin[1:m + 1]] - drawn[:, self.answered[:m]]).astype(float)
        at_risk = self.n - before
        hazard = np.divide(events, at_risk, out=np.zeros(events.shape), where=at_risk > 0)
        return np.cumprod(1 - hazard, axis=1)

    def quantiles(self, weights: np.ndarray) -> np.ndarray:
        estimates = np.empty((len(weights), len(self.qs)))
        survival = self._survival(weights, self.prefix)
        for j, q in enumerate(self.qs):
            below = survival <= 1 - q + 1e-12
            reached = below.any(axis=1)
            estimates[:, j] = np.where(reached, self.distinct[below.argmax(axis=1)], np.inf)
            late = np.flatnonzero(~reached)
            if len(late) and self.prefix < len(self.distinct):  # not there yet: all the times for those
                full = self._survival(weights[late], len(self.distinct)) <= 1 - q + 1e-12
                estimates[late, j] = np.where(full.any(axis=1), self.distinct[full.argmax(axis=1)], np.inf)
        return estimates


def bootstrap_mean_interval(values, *, n_resamples: int = 1000, confidence: float = 0.95, seed: int = 0,
                            chunk: int | None = None):
    """Percentile bootstrap interval of a mean.

    Each resample draws n of the n values with replacement and takes their mean; the
    interval is the ``(1 - confidence) / 2`` and ``(1 + confidence) / 2`` quantiles of
    those means. NaN values are ignored; an empty input gives ``(nan, nan)``; a single
    value gives a zero-width interval at that value.

    Examples
    --------
    >>> low, high = bootstrap_mean_interval(np.arange(100.0), seed=1)
    >>> bool(low < 49.5 < high), bool(high - low < 15)
    (True, True)
    """
    x = np.asarray(values, dtype=float)
    x = x[~np.isnan(x)]
    n = x.size
    if n == 0:
        return float("nan"), float("nan")
    rng = np.random.default_rng(seed)
    means = np.empty(n_resamples)
    chunk = chunk or _chunk(n, n_resamples)
    for done in range(0, n_resamples, chunk):
        b = min(chunk, n_resamples - done)
        means[done:done + b] = x[rng.integers(0, n, size=(b, n))].mean(axis=1)
    alpha = (1 - confidence) / 2
    low, high = np.quantile(means, [alpha, 1 - alpha])
    return float(low), float(high)


__all__ += ["bootstrap_mean_interval"]
