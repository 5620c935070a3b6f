"""Is a change between two periods real or noise?

- Rates (response rate, share answered within the target...): the two-proportion z test
  with a pooled standard error, ``z = (p1 - p0) / sqrt(p (1 - p) (1/n0 + 1/n1))`` where
  ``p`` is the pooled share; two-sided p-value.
- Response-time curves: the log-rank test (``scipy.stats.logrank``) on the two periods'
  Kaplan-Meier data, unanswered messages right-censored at the end of their window.
- Message volumes: the exact conditional test of two Poisson counts: given ``k1 + k0``
  messages, ``k1`` is Binomial(``k1 + k0``, ``d1 / (d1 + d0)``) under "same daily rate",
  ``d`` being the periods' lengths in days (:func:`counts`).

A change is called significant when ``p < 0.05``; otherwise the report says "no
significant change" / "sin cambios significativos". Composite scores (the index and the
family scores) have no test: their change is shown in points only.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy import stats

from roi.stats import km_survival_at

__all__ = ["ALPHA", "Change", "counts", "logrank", "plain", "two_proportions", "wording"]

#: Significance level of every period-change test in the report.
ALPHA = 0.05


@dataclass(frozen=True)
class Change:
    """One period-change test: the difference (current - earlier), its p-value and the test used."""

    difference: float
    p_value: float
    test: str

    @property
    def significant(self) -> bool:
        return not math.isnan(self.p_value) and self.p_value < ALPHA

    def words(self, lang: str = "es") -> str:
        return wording(self, lang)


def two_proportions(successes_now, n_now, successes_before, n_before) -> Change:
    """Two-sided two-proportion z test (pooled) of ``successes_now / n_now`` against ``successes_before / n_before``.

    >>> c = two_proportions(60, 100, 40, 100)
    >>> round(c.difference, 2), round(c.p_value, 4)   # z = 0.2 / sqrt(0.25 * 0.02) = 2.828
    (0.2, 0.0047)
    """
    n1, n0 = float(n_now), float(n_before)
    if not (n1 > 0 and n0 > 0) or any(map(_isnan, (successes_now, successes_before))):
        return Change(math.nan, math.nan, "two_proportions")
    p1, p0 = float(successes_now) / n1, float(successes_before) / n0
    pooled = (float(successes_now) + float(successes_before)) / (n1 + n0)
    se = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n0))
    if se == 0:
        return Change(p1 - p0, 1.0, "two_proportions")
    z = (p1 - p0) / se
    return Change(p1 - p0, float(2 * stats.norm.sf(abs(z))), "two_proportions")


def _isnan(value) -> bool:
    try:
        return math.isnan(float(value))
    except (TypeError, ValueError):
        return True


def counts(k_now, k_before, days_now: float = 1.0, days_before: float = 1.0) -> Change:
    """Exact conditional test of two Poisson counts (message volumes of two periods of ``days_now`` and ``days_before`` days).

    ``difference`` is ``k_now - k_before``; the p-value is the two-sided
    :func:`scipy.stats.binomtest` of ``k_now`` successes in ``k_now + k_before`` trials with
    ``p = days_now / (days_now + days_before)``.

    >>> c = counts(60, 40)
    >>> c.difference, round(c.p_value, 4)   # Binomial(100, 0.5): P(X >= 60) doubled
    (20.0, 0.0569)
    """
    if any(map(_isnan, (k_now, k_before))) or float(k_now) + float(k_before) <= 0:
        return Change(math.nan, math.nan, "counts")
    k1, k0 = round(float(k_now)), round(float(k_before))
    share = float(days_now) / (float(days_now) + float(days_before))
    return Change(float(k1 - k0), float(stats.binomtest(k1, k1 + k0, share).pvalue), "counts")


def logrank(times_now, answered_now, times_before, answered_before) -> Change:
    """Log-rank test of two response-time curves; unanswered messages are right-censored.

    ``difference`` is the change in the share answered by the pooled median time (Kaplan-Meier;
    positive: answers came faster); the p-value is :func:`scipy.stats.logrank`'s two-sided one.
    """
    t1, e1 = np.asarray(times_now, float), np.asarray(answered_now, bool)
    t0, e0 = np.asarray(times_before, float), np.asarray(answered_before, bool)
    if len(t1) == 0 or len(t0) == 0 or not (e1.any() or e0.any()):
        return Change(math.nan, math.nan, "logrank")
    now = stats.CensoredData.right_censored(np.maximum(t1, 0.0), ~e1)
    before = stats.CensoredData.right_censored(np.maximum(t0, 0.0), ~e0)
    result = stats.logrank(now, before)
    at = np.median(np.concatenate([t1, t0]))
    difference = km_survival_at(t0, e0, [at])[0] - km_survival_at(t1, e1, [at])[0]
    return Change(float(difference), float(result.pvalue), "logrank")


_PLAIN = {
    "es": {"none": "no significativo", "up": "significativo: sube", "down": "significativo: baja",
           "faster": "significativo: más rápido", "slower": "significativo: más lento",
           "na": "sin periodo de comparación", "nodata": "sin datos para comparar", "untested": "sin prueba estadística"},
    "en": {"none": "not significant", "up": "significant: up", "down": "significant: down",
           "faster": "significant: faster", "slower": "significant: slower",
           "na": "no comparison period", "nodata": "no data to compare", "untested": "no statistical test"},
}

_WORDS = {
    "es": {"none": "sin cambios significativos", "up": "aumento significativo", "down": "descenso significativo",
           "faster": "respuestas significativamente más rápidas", "slower": "respuestas significativamente más lentas",
           "na": "sin periodo de comparación", "nodata": "sin datos suficientes"},
    "en": {"none": "no significant change", "up": "significant increase", "down": "significant decrease",
           "faster": "significantly faster answers", "slower": "significantly slower answers",
           "na": "no comparison period", "nodata": "not enough data"},
}


def _key(change: Change | None, times: bool) -> str:
    if change is None:
        return "na"
    if _isnan(change.p_value):
        return "nodata"
    if not change.significant:
        return "none"
    rising = change.difference > 0
    return ("faster" if rising else "slower") if times else ("up" if rising else "down")


def plain(change: Change | None, lang: str = "es", *, times: bool = False) -> str:
    """The change in the words of the report's body, without the p-value: "no significativo", "significativo: sube".

    ``None`` (no test possible, e.g. a composite score or a mean) reads "sin prueba estadística".

    >>> plain(two_proportions(60, 100, 40, 100), "es"), plain(None, "en")
    ('significativo: sube', 'no statistical test')
    """
    return _PLAIN[lang]["untested" if change is None else _key(change, times)]


def wording(change: Change | None, lang: str = "es", *, times: bool = False) -> str:
    """The sentence a manager reads: "no significant change (p = 0,41)" or "significant increase (p = 0,003)".

    With ``times=True`` (a log-rank test) the direction reads as faster / slower answers.
    """
    from roi.report.formatting import number

    words = _WORDS[lang]
    key = _key(change, times)
    if key in ("na", "nodata"):
        return words[key]
    p = change.p_value
    p_text = "p < 0,001" if lang == "es" and p < 0.001 else "p < 0.001" if p < 0.001 else f"p = {number(p, lang, 3)}"
    return f"{words[key]} ({p_text})"
