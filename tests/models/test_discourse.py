"""Discourse features (how a message opens, repeated marks) worked by hand, and read by the models that list them."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from roi.models import get, judge
from roi.models.discourse import discourse, discourse_names, uses_discourse
from roi.models.features import cue_names, tokenize
from roi.models.linear import LinearModel

#: Cue families only the courtesy model reads (scripts/train_text_models.py, COURTESY_ONLY_CUES).
COURTESY_ONLY = ("formula", "indirect", "softener", "praise", "we", "formal_you", "disagree", "directive",
                 "direct_question", "criticism")


def _frame(texts, lang="es") -> pd.DataFrame:
    texts = pd.Series(texts, dtype="object")
    return pd.DataFrame(discourse(tokenize(texts, lang), texts))


def test_openings_and_marks_worked_by_hand():
    got = _frame(["¿Por qué has quitado la farola?", "Pero eso no es así!!", "Buenos días, gracias",
                  "No.", "Mira, ya te lo dije", "Tú sabrás ?!", "", None, "La calle no tiene luz ¿por qué?"])
    assert list(got.columns) == list(discourse_names())
    assert got["d:start_question"].tolist() == [1, 0, 0, 0, 0, 0, 0, 0, 0]  # "por qué" later on is not an opening
    assert got["d:start_conjunction"].tolist() == [0, 1, 0, 0, 0, 0, 0, 0, 0]
    assert got["d:start_no"].tolist() == [0, 0, 0, 1, 0, 0, 0, 0, 0]
    assert got["d:start_imperative"].tolist() == [0, 0, 0, 0, 1, 0, 0, 0, 0]
    assert got["d:start_you"].tolist() == [0, 0, 0, 0, 0, 1, 0, 0, 0]
    assert got["d:marks"].tolist() == [0, 1, 0, 0, 0, 1, 0, 0, 0]


def test_openings_follow_each_message_language():
    texts = pd.Series(["Why did you delete it?", "Why did you delete it?", "Per què ho has esborrat?", "Zergatik?"])
    lang = pd.Series(["en", "fr", "ca", "eu"])
    got = pd.DataFrame(discourse(tokenize(texts, lang), texts))
    assert got["d:start_question"].tolist() == [1, 0, 1, 1]  # no opening list for French


def test_courtesy_only_cue_families_exist_and_other_models_do_not_read_them():
    assert set(COURTESY_ONLY) <= set(cue_names())
    for name in ("polarity", "hostility"):
        model = get(name)
        assert not any(f in model.features for f in (f"c:{c}" for c in COURTESY_ONLY))
        assert not uses_discourse(model.features)


def test_a_model_with_discourse_features_reads_them_everywhere():
    model = LinearModel(name="toy", version="1", task="regression", features=["d:start_question", "d:marks", "w:gracias"],
                        weights=np.array([[-2.0], [-1.0], [3.0]]), intercept=np.array([0.5]))
    texts = ["¿Por qué no contestan??", "Gracias", "¿Qué tal? Gracias"]
    assert model.reads_discourse
    # worked by hand: 0.5 - 2 - 1; 0.5 + 3 / sqrt(1 word); 0.5 - 2 + 3 / sqrt(3 words)
    assert model.predict(texts, "es") == pytest.approx([-2.5, 3.5, -1.5 + 3 / np.sqrt(3)])
    rows = model.explain_of(model.design(texts, "es"))
    assert rows.groupby("row")["contribution"].sum().to_numpy() == pytest.approx(model.decision(texts, "es")[:, 0])


def test_shipped_courtesy_reads_openings_in_judge_as_in_predict():
    texts = pd.Series(["¿Por qué no han arreglado todavía la farola?", "La farola, ¿por qué no la han arreglado todavía?"])
    model = get("courtesy")
    assert model.reads_discourse
    assert judge(texts, "es", ("courtesy",))["courtesy"].to_numpy() == pytest.approx(100 * model.predict(texts, "es"))
    score = judge(texts, "es", ("courtesy",))["courtesy"]
    assert score.iloc[0] < score.iloc[1]  # the same words, opened by a direct question
