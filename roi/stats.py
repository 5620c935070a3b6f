"""Estimators shared by the indicator families: Wilson intervals, Kaplan-Meier quantiles
with censoring, and a Poisson bootstrap of those quantiles.

Everything here works on plain numpy arrays of one group; the families call it once per
group (a group is an account x channel x period: tens or hundreds, never one per message).
"""

from __future__ import annotations

import numpy as np
from scipy import stats

__all__ = ["Z95", "bootstrap_km_quantiles", "km_quantiles", "km_survival_at", "wilson_interval"]

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


def bootstrap_km_quantiles(times, observed, probabilities=(0.5,), *, n_resamples: int = 200,
                           confidence: float = 0.95, seed: int = 0, chunk: int = 20) -> np.ndarray:
    """Percentile bootstrap interval of Kaplan-Meier quantiles.

    Each resample draws n of the n observations with replacement (the ordinary
    nonparametric bootstrap of (time, answered) pairs), computes the Kaplan-Meier curve
    ``S(t) = Π (1 - d_j / r_j)`` over the distinct times and reads its quantiles. Times
    are sorted once; each chunk of resamples is one ``bincount`` and a few matrix
    operations.

    Returns
    -------
    ndarray of shape (len(probabilities), 2)
        Low and high bounds; NaN for an empty group, ``inf`` where the bound is never
        reached.
    """
    times = np.asarray(times, dtype=float)
    observed = np.asarray(observed, dtype=bool)
    qs = np.asarray(probabilities, dtype=float)
    out = np.full((len(qs), 2), np.nan)
    n = times.size
    if n == 0:
        return out
    if not observed.any():
        return np.full((len(qs), 2), np.inf)
    distinct, inverse = np.unique(times, return_inverse=True)
    m = len(distinct)
    # an observation's slot: its distinct time, plus m when it is an answer (event)
    slot = inverse + m * observed
    rng = np.random.default_rng(seed)
    estimates = np.empty((n_resamples, len(qs)))
    for done in range(0, n_resamples, chunk):
        b = min(chunk, n_resamples - done)
        drawn = slot[rng.integers(0, n, size=(b, n))] + (2 * m) * np.arange(b)[:, None]
        counts = np.bincount(drawn.ravel(), minlength=2 * m * b).reshape(b, 2, m)
        events = counts[:, 1, :].astype(float)
        at_risk = np.cumsum((counts[:, 0, :] + counts[:, 1, :])[:, ::-1], axis=1)[:, ::-1]
        with np.errstate(divide="ignore", invalid="ignore"):
            hazard = np.where(at_risk > 0, events / at_risk, 0.0)
        survival = np.cumprod(1 - hazard, axis=1)
        for j, q in enumerate(qs):
            below = survival <= 1 - q + 1e-12
            first = below.argmax(axis=1)
            estimates[done:done + b, j] = np.where(below.any(axis=1), distinct[first], np.inf)
    alpha = (1 - confidence) / 2
    for j in range(len(qs)):
        # order statistics, not interpolation: a bound may be inf (never reached)
        out[j] = np.quantile(estimates[:, j], [alpha, 1 - alpha], method="inverted_cdf")
    return out


def bootstrap_mean_interval(values, *, n_resamples: int = 1000, confidence: float = 0.95, seed: int = 0,
                            chunk: int = 100):
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
    for done in range(0, n_resamples, chunk):
        b = min(chunk, n_resamples - done)
        means[done:done + b] = x[rng.integers(0, n, size=(b, n))].mean(axis=1)
    alpha = (1 - confidence) / 2
    low, high = np.quantile(means, [alpha, 1 - alpha])
    return float(low), float(high)


__all__ += ["bootstrap_mean_interval"]
