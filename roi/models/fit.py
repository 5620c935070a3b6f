"""Fitting the linear text models: penalised least squares and logistic regression with scipy.

For messages *i* with features *x_i*, labels *y_i* and weights *s_i* (``sample_weight``,
e.g. to balance the sources of a training set), the weights *W* and intercepts *b*
minimise

    L(W, b) = Σ_i s_i · loss(d_i, y_i) / Σ_i s_i  +  λ/2 · ||W − W₀||²,   d_i = b + x_i · W

with ``loss`` the squared error / 2 (regression), the logistic loss
``log(1 + e^d) − y·d`` (binary) or the softmax cross-entropy (multiclass). ``W₀`` is
zero, or the weights of a base model (``roi train --base``), so that a small labelled
set moves a shipped model only as far as its data asks. scipy's L-BFGS does the
minimisation; no scikit-learn at run time.

:func:`cross_validate` gives out-of-fold predictions over ``k`` folds drawn with a
fixed seed, so that reported figures come from messages the model did not see.
"""

from __future__ import annotations

import numpy as np
import scipy.optimize
import scipy.sparse

from roi.models.features import Design

__all__ = ["cross_validate", "fit", "folds", "matrix"]


def matrix(d: Design) -> scipy.sparse.csr_matrix:
    """The design as a CSR matrix (repeated coordinates add up)."""
    return scipy.sparse.csr_matrix((d.value, (d.row, d.col)), shape=(d.n, len(d.features)))


def _targets(y: np.ndarray, task: str, n_out: int) -> np.ndarray:
    if task == "multiclass":
        onehot = np.zeros((len(y), n_out))
        onehot[np.arange(len(y)), y.astype(int)] = 1.0
        return onehot
    return np.asarray(y, dtype=float).reshape(-1, 1)


def fit(x: scipy.sparse.csr_matrix, y: np.ndarray, task: str, *, l2: float = 1e-3, n_classes: int = 2,
        sample_weight: np.ndarray | None = None, prior: np.ndarray | None = None,
        prior_intercept: np.ndarray | None = None, max_iter: int = 500) -> tuple[np.ndarray, np.ndarray]:
    """Weights ``(features, outputs)`` and intercepts ``(outputs,)`` minimising the module's objective.

    ``y`` holds values (regression), 0/1 (binary) or class indices (multiclass).
    """
    n, f = x.shape
    k = n_classes if task == "multiclass" else 1
    t = _targets(np.asarray(y), task, k)
    s = np.ones(n) if sample_weight is None else np.asarray(sample_weight, dtype=float)
    s = s / s.sum()
    w0 = np.zeros((f, k)) if prior is None else np.asarray(prior, dtype=float).reshape(f, k)
    b0 = np.zeros(k) if prior_intercept is None else np.asarray(prior_intercept, dtype=float).reshape(k)
    if prior_intercept is None and task == "regression":
        b0 = np.array([float(np.dot(s, t[:, 0]))])
    xt = x.T.tocsr()

    def objective(theta: np.ndarray) -> tuple[float, np.ndarray]:
        w = theta[: f * k].reshape(f, k)
        b = theta[f * k:]
        d = x @ w + b
        if task == "regression":
            r = d - t
            loss = 0.5 * float(np.sum(s[:, None] * r * r))
            g = r
        elif task == "binary":
            loss = float(np.sum(s[:, None] * (np.logaddexp(0.0, d) - t * d)))
            g = 1.0 / (1.0 + np.exp(-d)) - t
        else:
            top = d.max(axis=1, keepdims=True)
            lse = top + np.log(np.exp(d - top).sum(axis=1, keepdims=True))
            loss = float(np.sum(s[:, None] * (lse - d) * t))
            g = np.exp(d - lse) - t
        g = g * s[:, None]
        diff = w - w0
        loss += 0.5 * l2 * float(np.sum(diff * diff))
        grad_w = xt @ g + l2 * diff
        grad_b = g.sum(axis=0)
        return loss, np.concatenate([np.asarray(grad_w).ravel(), grad_b])

    start = np.concatenate([w0.ravel(), b0])
    result = scipy.optimize.minimize(objective, start, jac=True, method="L-BFGS-B",
                                     options={"maxiter": max_iter, "gtol": 1e-9, "ftol": 1e-12})
    theta = result.x
    return theta[: f * k].reshape(f, k), theta[f * k:]


def folds(n: int, k: int = 5, seed: int = 0) -> np.ndarray:
    """Fold number (0..k-1) of each of ``n`` rows: a seeded permutation cut into ``k`` near-equal parts."""
    order = np.random.default_rng(seed).permutation(n)
    fold = np.empty(n, dtype=np.int64)
    fold[order] = np.arange(n) % k
    return fold


def cross_validate(x: scipy.sparse.csr_matrix, y: np.ndarray, task: str, *, k: int = 5, seed: int = 0,
                   predict=None, **options) -> np.ndarray:
    """Out-of-fold decisions ``(n, outputs)``: each row predicted by a model fitted without its fold."""
    fold = folds(x.shape[0], k, seed)
    out = None
    for j in range(k):
        train, test = fold != j, fold == j
        opts = dict(options)
        if opts.get("sample_weight") is not None:
            opts["sample_weight"] = np.asarray(opts["sample_weight"])[train]
        w, b = fit(x[train], np.asarray(y)[train], task, **opts)
        d = x[test] @ w + b
        if out is None:
            out = np.zeros((x.shape[0], d.shape[1]))
        out[test] = d
    return out
