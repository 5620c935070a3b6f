"""The shipped text models: they load, their cards name licence-clean data, their predictions are
the ones the training script recorded, and explanations add up to the decisions."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from roi import courtesy, sentiment
from roi.errors import RoiError
from roi.models import JUDGMENTS, explain, get, judge
from roi.models.linear import bundled, read_model

EXPECTED = json.loads((Path(__file__).parent / "expected_predictions.json").read_text(encoding="utf-8"))

#: Licences under which ../shared/data/README.md lets a shipped model be fitted.
ALLOWED_LICENCES = {"Apache-2.0", "CC-BY-4.0", "CC-BY-SA-4.0", "MIT"}
#: Sets that may only measure (non-commercial or research-only): a card must not list them as data.
MEASURE_ONLY = ("politeness", "stanford", "epitome", "twcs", "customer support on twitter")


@pytest.mark.parametrize("name", JUDGMENTS)
def test_every_shipped_model_loads_with_a_licence_clean_card(name):
    model = bundled(name)
    assert model.name == name and model.version
    assert model.weights.shape == (len(model.features), len(model.intercept))
    card = model.card
    for key in ("judgment", "data", "licence", "method", "figures", "limitations"):
        assert key in card, f"{name}: card without {key!r}"
    assert set(card["licence"]) <= ALLOWED_LICENCES
    data = " ".join(card["data"]).lower()
    assert not any(word in data for word in MEASURE_ONLY), data
    # a fitted model names its data and licence; a hand-set one says it was not fitted
    assert bool(card["data"]) == bool(card["licence"])
    if not card["data"]:
        assert "not fitted" in card["method"].lower()


@pytest.mark.parametrize("name", JUDGMENTS)
def test_predictions_match_the_values_the_training_script_recorded(name):
    # expected values: written by scripts/train_text_models.py from the model files it wrote
    model = bundled(name)
    got = model.predict(pd.Series(EXPECTED["texts"], dtype="object"), np.asarray(EXPECTED["lang"], dtype=object))
    np.testing.assert_allclose(np.asarray(got), np.asarray(EXPECTED["predictions"][name]), rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("name", JUDGMENTS)
def test_explanations_add_up_to_the_decision(name):
    model = bundled(name)
    texts = pd.Series(EXPECTED["texts"], dtype="object")
    d = model.design(texts, np.asarray(EXPECTED["lang"], dtype=object))
    rows = model.explain_of(d, top=3)
    total = rows.groupby("row")["contribution"].sum().reindex(range(len(texts)), fill_value=0.0).to_numpy()
    assert total == pytest.approx(model.explained_decision(d), abs=1e-9)
    decision = model.decision_of(d)
    if model.task == "multiclass":
        plus, minus = (model.classes.index(c) for c in model.explain_classes)
        assert total == pytest.approx(decision[:, plus] - decision[:, minus], abs=1e-9)
    else:
        assert total == pytest.approx(decision[:, 0], abs=1e-9)
    # at most top features per text, then the rest together and the intercept
    assert rows.groupby("row")["rank"].max().max() <= 3 + 2


def test_courtesy_score_and_explain_agree():
    texts = ["Buenos días, muchas gracias por su aviso. Lo revisamos hoy.", "No es asunto nuestro, no insista."]
    score = courtesy.score(texts)
    assert score.between(0, 100).all()
    assert score.iloc[0] > score.iloc[1]
    rows = courtesy.explain(texts, top=4)
    decision = rows.groupby("row")["contribution"].sum()
    # the shipped courtesy model is a probability: 100 / (1 + exp(-decision))
    assert score.to_numpy() == pytest.approx(100 / (1 + np.exp(-decision.to_numpy())))
    top = rows[(rows["row"] == 0) & (rows["rank"] <= 4)]["feature"].tolist()
    assert any(f in top for f in ("c:gratitude", "w:gracias", "b:muchas gracias", "c:greeting"))


def test_polarity_is_the_difference_of_class_probabilities_and_label_the_largest():
    texts = pd.Series(["Muchas gracias, todo perfecto", "Sigue sin funcionar, es una vergüenza", "Horario: de 9 a 14 h"],
                      index=[7, 8, 9])
    model = get("polarity")
    prob = model.predict(texts, "es")
    pol = sentiment.polarity(texts)
    assert pol.index.tolist() == [7, 8, 9]
    assert pol.to_numpy() == pytest.approx(prob[:, 2] - prob[:, 0])
    assert sentiment.label(texts).tolist() == [model.classes[i] for i in prob.argmax(axis=1)]
    assert sentiment.label(texts).iloc[:2].tolist() == ["positive", "negative"]
    # a language the models have no lexicon for cannot be scored
    assert np.isnan(sentiment.polarity(["Eskerrik asko"], lang="fr").iloc[0])


def test_hostility_ranks_insults_above_thanks():
    h = sentiment.hostility(["Muchas gracias por la ayuda, muy amables", "Sois unos inútiles y unos sinvergüenzas",
                             "Thank you so much for your help", "You are useless idiots"], lang=pd.Series(["es", "es", "en", "en"]))
    assert h.between(0, 1).all()
    assert h.iloc[1] > h.iloc[0]
    assert h.iloc[3] > h.iloc[2]


def test_judge_gives_every_judgment_in_one_frame():
    texts = pd.Series(EXPECTED["texts"], dtype="object")
    lang = np.asarray(EXPECTED["lang"], dtype=object)
    out = judge(texts, lang)
    for name in JUDGMENTS:
        assert name in out.columns
    assert out["courtesy"].to_numpy() == pytest.approx(100 * np.asarray(EXPECTED["predictions"]["courtesy"]))
    assert out["exploration"].to_numpy() == pytest.approx(EXPECTED["predictions"]["exploration"])
    rows = explain(texts, lang, top=2)
    assert set(rows["judgment"]) == set(JUDGMENTS)


def test_a_damaged_model_file_gets_a_clear_error(tmp_path):
    path = tmp_path / "courtesy.json"
    path.write_text('{"name": "courtesy", "version": "x", "task": "guess"}', encoding="utf-8")
    with pytest.raises(RoiError, match=r"model file .*courtesy\.json.*How to fix"):
        read_model(path)
    with pytest.raises(RoiError, match="not found"):
        read_model(tmp_path / "absent.json")
    with pytest.raises(RoiError, match="unknown judgment"):
        get("kindness")


def test_judging_in_chunks_gives_the_same_values(monkeypatch):
    import roi.models

    texts = pd.Series(EXPECTED["texts"] * 3, dtype="object", index=range(100, 100 + 3 * len(EXPECTED["texts"])))
    lang = np.asarray(EXPECTED["lang"] * 3, dtype=object)
    whole = judge(texts, lang)
    monkeypatch.setattr(roi.models, "CHUNK", 4)
    chunked = judge(texts, lang)
    assert chunked.index.tolist() == texts.index.tolist()
    np.testing.assert_allclose(chunked.to_numpy(), whole.to_numpy(), rtol=1e-12)


def test_judge_gives_the_lexicon_rules_polarity_it_reads():
    # satisfaction reads the rules' polarity from judge (rules=True) instead of a second pass
    texts = pd.Series(EXPECTED["texts"], dtype="object")
    lang = np.asarray(EXPECTED["lang"], dtype=object)
    judged = judge(texts, lang, ("polarity", "hostility"), rules=True)
    expected = sentiment.lexicon_polarity(texts, pd.Series(lang))
    assert np.array_equal(judged["lexicon_polarity"].to_numpy(), expected.to_numpy(), equal_nan=True)
    assert (judged["lexicon_polarity"].abs() > 0.05).sum() >= 3
    assert "lexicon_polarity" not in judge(texts, lang, ("hostility",)).columns
