"""Model features worked by hand, and the scipy fitting checked on data with a known answer."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from roi.models.features import design, tokenize
from roi.models.fit import cross_validate, fit, folds, matrix
from roi.models.metrics import auc, macro_f1


def _values(text: str, lang: str = "es") -> dict[str, float]:
    d = design(tokenize([text], lang), None, min_df=1)
    x = matrix(d).toarray()[0]
    return {f: v for f, v in zip(d.features, x, strict=True) if v}


def test_features_of_one_message_worked_by_hand():
    # "¡Hola! Muchas GRACIAS, @ayto https://x.es" -> words hola, muchas, gracias (handle and link dropped): n = 3
    got = _values("¡Hola! Muchas GRACIAS, @ayto https://x.es")
    n = 3
    assert got["w:hola"] == pytest.approx(1 / math.sqrt(n))
    assert got["w:gracias"] == pytest.approx(1 / math.sqrt(n))
    assert got["p:mucha"] == pytest.approx(1 / math.sqrt(n))  # "muchas" is longer than 5 letters
    assert got["p:graci"] == pytest.approx(1 / math.sqrt(n))
    assert "p:hola" not in got  # 4 letters: no prefix feature
    assert got["b:muchas gracias"] == pytest.approx(1 / math.sqrt(n))
    assert got["c:greeting"] == pytest.approx(math.log(2))  # one cue: log(1 + 1)
    # "gracias" and "muchas gracias" are both gratitude cues: two hits
    assert got["c:gratitude"] == pytest.approx(math.log(3))
    assert got["s:exclaim"] == 1.0 and got["s:caps"] == 1.0
    assert got["s:length"] == pytest.approx(math.log(1 + n))
    assert not any(f.startswith(("w:ayto", "w:https", "w:x")) for f in got)
    assert "s:question" not in got


def test_accents_fold_and_cues_follow_the_language_of_each_text():
    d = design(tokenize(["Gràcies, bon dia", "Gracias, buenos días"], pd.Series(["ca", "es"])), None, min_df=1)
    x = pd.DataFrame(matrix(d).toarray(), columns=d.features)
    assert x.loc[0, "w:gracies"] > 0 and x.loc[1, "w:gracias"] > 0 and x.loc[1, "w:dias"] > 0
    assert x.loc[0, "c:gratitude"] == pytest.approx(math.log(2)) and x.loc[0, "c:greeting"] == pytest.approx(math.log(2))
    assert x.loc[1, "c:greeting"] == pytest.approx(math.log(2))
    # a language without cues gets words and shape only
    d = design(tokenize(["Merci beaucoup"], "fr"), None, min_df=1)
    assert not any(f.startswith("c:") and v for f, v in zip(d.features, matrix(d).toarray()[0], strict=True))


def test_a_fixed_feature_list_drops_unknown_features_and_keeps_the_order():
    features = ["w:gracias", "c:gratitude", "b:muchas gracias", "w:nunca"]
    d = design(tokenize(["muchas gracias", "nunca"]), features)
    x = matrix(d).toarray()
    assert d.features == features
    assert x[0].tolist() == pytest.approx([1 / math.sqrt(2), math.log(3), 1 / math.sqrt(2), 0])
    assert x[1].tolist() == pytest.approx([0, 0, 0, 1.0])


def test_regression_recovers_an_exact_linear_rule():
    rng = np.random.default_rng(1)
    x = rng.normal(size=(400, 3))
    y = 2.0 * x[:, 0] - 1.0 * x[:, 2] + 0.5
    import scipy.sparse

    w, b = fit(scipy.sparse.csr_matrix(x), y, "regression", l2=1e-9)
    assert w[:, 0] == pytest.approx([2.0, 0.0, -1.0], abs=1e-4)
    assert b[0] == pytest.approx(0.5, abs=1e-4)


def test_logistic_and_softmax_fits_separate_what_is_separable_and_cv_holds_rows_out():
    import scipy.sparse

    rng = np.random.default_rng(2)
    x = rng.normal(size=(600, 2))
    y = (x[:, 0] + 0.2 * rng.normal(size=600) > 0).astype(int)
    xs = scipy.sparse.csr_matrix(x)
    w, _ = fit(xs, y, "binary", l2=1e-3)
    assert w[0, 0] > 1 and abs(w[1, 0]) < 0.5 * w[0, 0]
    out = cross_validate(xs, y, "binary", k=5, l2=1e-3)
    assert auc(y, out[:, 0]) > 0.9
    classes = np.digitize(x[:, 0], [-0.5, 0.5])  # three bands of the first column
    out = cross_validate(xs, classes, "multiclass", k=5, l2=1e-4, n_classes=3)
    assert macro_f1(classes, out.argmax(axis=1)) > 0.8
    f = folds(10, k=5, seed=0)
    assert sorted(np.bincount(f).tolist()) == [2, 2, 2, 2, 2]


def test_a_prior_pulls_the_weights_toward_it():
    import scipy.sparse

    x = scipy.sparse.csr_matrix(np.eye(4))
    y = np.array([1.0, 1.0, 1.0, 1.0])
    # with a strong penalty the weights stay at the prior; with none they fit the data
    w, _ = fit(x, y, "regression", l2=1e3, prior=np.array([3.0, 3.0, 3.0, 3.0]), prior_intercept=np.array([0.0]))
    assert w[:, 0] == pytest.approx([3.0] * 4, abs=0.01)


def test_metrics_worked_by_hand():
    # F1 of class 1: TP 1, FP 1, FN 1 -> P = R = 0.5 -> 0.5; class 0: TP 1, FP 1, FN 1 -> 0.5
    assert macro_f1(np.array([1, 1, 0, 0]), np.array([1, 0, 1, 0])) == pytest.approx(0.5)
    # AUC: positives 0.9, 0.4; negatives 0.5, 0.1 -> pairs won 3 of 4
    assert auc(np.array([1, 1, 0, 0]), np.array([0.9, 0.4, 0.5, 0.1])) == pytest.approx(0.75)
