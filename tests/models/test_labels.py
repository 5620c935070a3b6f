"""roi labels sample and roi train: a stratified, redacted sample; models fitted on own labels do better
on rows held back from them."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from roi.errors import RoiError
from roi.models import get
from roi.models.labels import LABEL_COLUMNS, MIN_LABELS, sample, train
from roi.models.linear import read_model
from roi.models.metrics import spearman


def _messages(n_threads: int = 60) -> pd.DataFrame:
    """Invented threads: a citizen question on X or Facebook (2:1) and an official reply."""
    rows = []
    t0 = pd.Timestamp("2026-03-02 09:00", tz="UTC")
    for i in range(n_threads):
        channel = "facebook" if i % 3 == 2 else "twitter"
        rows.append({"message_id": f"q{i}", "channel": channel, "account": "ayto", "thread_id": f"q{i}", "parent_id": None,
                     "author_id": f"c{i}", "is_official": False, "created_at": t0 + pd.Timedelta(hours=i),
                     "text": f"La farola {i} no funciona, escribidme a vecino{i}@example.org o al 612 345 678", "lang": "es"})
        rows.append({"message_id": f"r{i}", "channel": channel, "account": "ayto", "thread_id": f"q{i}", "parent_id": f"q{i}",
                     "author_id": "ayto", "is_official": True, "created_at": t0 + pd.Timedelta(hours=i, minutes=30),
                     "text": f"Gracias, avisamos a la brigada ({i}).", "lang": "es"})
    return pd.DataFrame(rows)


def test_sample_is_stratified_redacted_and_has_empty_label_columns():
    messages = _messages()
    out = sample(messages, n=30, seed=1)
    assert len(out) == 30
    # half replies, half citizen messages; within each, channels in proportion (2:1) -> 10 X and 5 Facebook
    assert out["kind"].value_counts().to_dict() == {"reply": 15, "citizen": 15}
    assert out.groupby(["kind", "channel"]).size().to_dict() == {("citizen", "facebook"): 5, ("citizen", "twitter"): 10,
                                                                 ("reply", "facebook"): 5, ("reply", "twitter"): 10}
    citizen = out[out["kind"] == "citizen"]["text"]
    assert not citizen.str.contains("@example.org").any() and not citizen.str.contains("612 345 678").any()
    assert citizen.str.contains(r"\[e-mail\]").all()
    for column in LABEL_COLUMNS:
        assert out[column].isna().all()
    assert out["message_id"].is_unique
    # the same seed draws the same sample
    assert sample(messages, n=30, seed=1)["message_id"].tolist() == out["message_id"].tolist()


def _labelled(n: int, seed: int) -> pd.DataFrame:
    """Replies whose courtesy, as rated by (invented) people, rests on words the shipped model does not weigh:
    'brigada' and 'vecindario' raise it, 'expediente' and 'negociado' lower it; plus rater noise."""
    rng = np.random.default_rng(seed)
    parts = np.array(["brigada", "vecindario", "expediente", "negociado", "calle", "martes", "parque", "plaza"])
    texts, ratings = [], []
    for _ in range(n):
        words = rng.choice(parts, size=3, replace=False)
        score = 2 + ("brigada" in words) + ("vecindario" in words) - ("expediente" in words) - ("negociado" in words)
        score = int(np.clip(score + rng.choice([-1, 0, 0, 0, 1]), 0, 4))
        texts.append("Revisamos el aviso: " + " ".join(words) + ".")
        ratings.append(score)
    return pd.DataFrame({"message_id": [f"m{i}" for i in range(n)], "kind": "reply", "lang": "es", "text": texts,
                         "courtesy": ratings})


def test_train_on_own_labels_beats_the_shipped_model_on_rows_held_back(tmp_path):
    labelled, held_back = _labelled(240, seed=3), _labelled(120, seed=4)
    path = tmp_path / "labels.csv"
    labelled.to_csv(path, index=False)
    figures = train(path, tmp_path / "models", k=5)
    row = figures.set_index("judgment").loc["courtesy"]
    assert row["n"] == 240 and row["metric"] == "spearman"
    assert row["cv_new"] > row["cv_shipped"]
    model = read_model(tmp_path / "models" / "courtesy.json")
    assert model.task == "regression" and "own labels" in " ".join(model.card["data"])
    new = model.predict(held_back["text"], "es")
    shipped = get("courtesy").predict(held_back["text"], "es")
    rho_new, rho_shipped = spearman(held_back["courtesy"], new), spearman(held_back["courtesy"], shipped)
    assert rho_new > rho_shipped + 0.3, (rho_new, rho_shipped)
    assert rho_new > 0.6


def test_train_refuses_too_few_labels_and_bad_values(tmp_path):
    few = _labelled(MIN_LABELS - 1, seed=5)
    path = tmp_path / "few.csv"
    few.to_csv(path, index=False)
    with pytest.raises(RoiError, match="no judgment has"):
        train(path, tmp_path / "models")
    bad = _labelled(40, seed=6)
    bad.loc[7, "courtesy"] = 9
    path = tmp_path / "bad.csv"
    bad.to_csv(path, index=False)
    with pytest.raises(RoiError, match=r"record 9, field 'courtesy': .*9"):
        train(path, tmp_path / "models")


def test_models_in_the_config_replace_the_shipped_ones(tmp_path):
    from roi import courtesy
    from roi.config import ConfigError, config_from_dict

    path = tmp_path / "labels.csv"
    _labelled(120, seed=7).to_csv(path, index=False)
    train(path, tmp_path / "models", k=3)
    config = config_from_dict({"models": {"dir": "models"}}, source=str(tmp_path / "roi.toml"))
    texts = pd.Series(["Revisamos el aviso: brigada vecindario calle.", "Revisamos el aviso: expediente negociado plaza."])
    own = read_model(tmp_path / "models" / "courtesy.json").predict(texts, "es")
    # a model fitted on 0-4 ratings is shown on the 0-100 scale as 25 × rating, clipped
    assert courtesy.score(texts, config=config).to_numpy() == pytest.approx(np.clip(25 * own, 0, 100))
    assert courtesy.score(texts).to_numpy() == pytest.approx(100 * get("courtesy").predict(texts, "es"))
    with pytest.raises(ConfigError, match=r"models\.kindness"):
        config_from_dict({"models": {"kindness": "x.json"}}, source=str(tmp_path / "roi.toml"))


def test_cli_labels_sample_then_train(tmp_path, capsys):
    from roi.cli import main

    root = Path(__file__).resolve().parents[2]
    config = root / "data" / "samples" / "roi.toml"
    out = tmp_path / "labels.csv"
    assert main(["labels", "sample", "--config", str(config), "--n", "80", "--out", str(out)]) == 0
    table = pd.read_csv(out)
    assert len(table) == 80 and set(table["kind"]) == {"reply", "citizen"}
    assert set(LABEL_COLUMNS) <= set(table.columns) and table[list(LABEL_COLUMNS)].isna().all().all()
    # people rate the replies (invented ratings: 3 when the reply thanks, else 1)
    replies = table["kind"] == "reply"
    table.loc[replies, "courtesy"] = np.where(table.loc[replies, "text"].str.contains("racias|gràcies|thank", case=False), 3, 1)
    table.to_csv(out, index=False)
    capsys.readouterr()
    assert main(["train", "--labels", str(out), "--out", str(tmp_path / "models"), "--folds", "4"]) == 0
    printed = capsys.readouterr().out
    assert "courtesy: 40 labels; spearman out of fold" in printed and "[models]" in printed
    assert (tmp_path / "models" / "courtesy.json").is_file()
    assert main(["train", "--labels", str(tmp_path / "absent.csv")]) == 2
