"""Agreement figures for the text models: macro-F1, F1, AUC, Spearman, with bootstrap intervals.

- **F1** of a class: ``2·P·R / (P + R)`` with precision ``P = TP / (TP + FP)`` and recall
  ``R = TP / (TP + FN)``; **macro-F1** is the mean over the classes.
- **AUC**: the probability that a random positive scores above a random negative (ties
  count one half), from the rank-sum (Mann-Whitney U / (n₊ · n₋)).
- **Spearman's ρ**: Pearson's correlation of the ranks (``scipy.stats.spearmanr``).
- **95% interval**: percentile bootstrap over messages (``n_resamples`` draws of the rows
  with replacement, fixed ``seed``), the 2.5th and 97.5th percentiles of the figure.
"""

from __future__ import annotations

import numpy as np
from scipy.stats import rankdata, spearmanr

__all__ = ["auc", "bootstrap", "f1", "macro_f1", "spearman"]


def f1(truth: np.ndarray, predicted: np.ndarray, positive=1) -> float:
    t = np.asarray(truth) == positive
    p = np.asarray(predicted) == positive
    tp = float(np.sum(t & p))
    if tp == 0:
        return 0.0
    precision, recall = tp / p.sum(), tp / t.sum()
    return 2 * precision * recall / (precision + recall)


def macro_f1(truth: np.ndarray, predicted: np.ndarray) -> float:
    classes = np.unique(np.asarray(truth))
    return float(np.mean([f1(truth, predicted, c) for c in classes]))


def auc(truth: np.ndarray, score: np.ndarray) -> float:
    t = np.asarray(truth).astype(bool)
    n_pos, n_neg = int(t.sum()), int((~t).sum())
    if not n_pos or not n_neg:
        return float("nan")
    ranks = rankdata(np.asarray(score, dtype=float))
    return float((ranks[t].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def spearman(truth: np.ndarray, score: np.ndarray) -> float:
    return float(spearmanr(np.asarray(score, dtype=float), np.asarray(truth, dtype=float)).statistic)


def bootstrap(figure, truth: np.ndarray, predicted: np.ndarray, *, n_resamples: int = 1000, seed: int = 0
              ) -> tuple[float, float, float]:
    """``(figure(truth, predicted), low, high)``: the figure and its 95% percentile bootstrap interval."""
    truth, predicted = np.asarray(truth), np.asarray(predicted)
    rng = np.random.default_rng(seed)
    n = len(truth)
    draws = [figure(truth[i], predicted[i]) for i in rng.integers(0, n, size=(n_resamples, n))]
    low, high = np.nanpercentile(draws, [2.5, 97.5])
    return float(figure(truth, predicted)), float(low), float(high)
