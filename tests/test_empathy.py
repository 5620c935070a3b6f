"""Empathy of official replies: strong vs weak, the score rebuilt from its evidence, summarize by hand.

The conversations are invented. Expected points come from ``roi.empathy.POINTS`` and the
formula in ``roi/methodology.md``: points = P(family) x weight x (1.25 if strong).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from helpers import table

from roi import empathy
from roi.errors import RoiError
from roi.stats import bootstrap_mean_interval
from roi.text import FAMILIES


@pytest.fixture()
def conversation() -> pd.DataFrame:
    return table([
        {"id": "c1", "at": "2026-10-02 10:00", "text": "La farola de la calle Olmo 14 lleva tres días apagada"},
        # greeting (weak, its sentence has no reuse), apology (weak), reassurance in the sentence
        # that repeats "farola", "Olmo" and "14" (strong), gratitude (weak)
        {"id": "r1", "at": "2026-10-02 11:00", "parent": "c1", "official": True,
         "text": "Hola, lamentamos las molestias. Hemos avisado al servicio de alumbrado para revisar la farola de "
                 "Olmo 14. Gracias por avisar."},
        {"id": "c2", "at": "2026-10-03 10:00", "text": "¿Cuándo abre la piscina?"},
        {"id": "r2", "at": "2026-10-03 12:00", "parent": "c2", "official": True, "text": "No es nuestra competencia."},
        {"id": "c3", "at": "2026-11-05 09:00", "author": "c3", "text": "Thanks for fixing the bin on Elm Road"},
        {"id": "r3", "at": "2026-11-05 10:00", "parent": "c3", "official": True, "lang": "en",
         "text": "Thank you! We're glad the bin on Elm Road is sorted."},
        # an official reply to an official message: weak markers only
        {"id": "r4", "at": "2026-11-05 11:00", "parent": "r3", "official": True, "text": "Muchas gracias."},
        # a language without lexicon: not scored
        {"id": "r5", "at": "2026-11-05 12:00", "parent": "c3", "official": True, "lang": "fr", "text": "Merci."},
    ])


def test_strong_when_the_sentence_reuses_the_citizens_words(conversation):
    ev = empathy.evidence(conversation)
    r1 = ev[ev["message_id"] == "r1"].set_index("family")
    assert r1.loc["reassurance", "strong"]  # "Hemos avisado ... farola de Olmo 14"
    assert not r1.loc["greeting", "strong"] and not r1.loc["apology", "strong"] and not r1.loc["gratitude", "strong"]
    s = empathy.score(conversation).set_index("message_id")
    assert s.loc["r1", "n_reused_words"] == 3  # farola, olmo, 14 ("la", "de", "calle"... are stop words)
    assert s.loc["r4", "n_reused_words"] == 0 and not s.loc["r4", "answers_citizen"]


def test_scores_by_hand(conversation):
    s = empathy.score(conversation).set_index("message_id")
    # r1: greeting 6 + apology 6 + reassurance 8 x 1.25 + gratitude 10 = 32
    assert s.loc["r1", "empathy_score"] == pytest.approx(32.0)
    # r2: negative courtesy -20 x 1.5 (no referral) = -30, clipped to 0
    assert s.loc["r2", "empathy_score"] == 0.0 and s.loc["r2", "has_negative_courtesy"]
    # r3: gratitude 10 (its sentence, "Thank you!", reuses nothing: weak)
    # + emotional reaction "We're glad" in the sentence repeating "bin", "elm", "road": 12 x 1.25 = 15
    assert s.loc["r3", "empathy_score"] == pytest.approx(10 + 15)
    # r4: gratitude, weak (parent is official)
    assert s.loc["r4", "empathy_score"] == pytest.approx(10.0)
    # r5: French, no lexicon
    assert not s.loc["r5", "scored"] and np.isnan(s.loc["r5", "empathy_score"])


def test_score_rebuilt_from_evidence(conversation):
    ev = empathy.evidence(conversation)
    s = empathy.score(conversation)
    counted = ev[ev["counts"]]
    # one counted row per reply and family
    assert not counted.duplicated(["message_id", "family"]).any()
    # each row's points follow the formula
    expected = ev["family"].astype(str).map(empathy.POINTS) * ev["weight"] * np.where(ev["strong"], empathy.STRONG, 1)
    assert np.allclose(ev["points"], expected)
    rebuilt = counted.groupby("message_id")["points"].sum().clip(0, 100)
    rebuilt = rebuilt.reindex(s["message_id"]).fillna(0).to_numpy()
    scored = s["scored"].to_numpy()
    assert np.allclose(rebuilt[scored], s["empathy_score"].to_numpy()[scored])


def test_score_columns(conversation):
    s = empathy.score(conversation)
    for family in FAMILIES:
        assert f"has_{family}" in s
    assert "strong_negative_courtesy" not in s and "strong_gratitude" in s
    assert s["message_id"].tolist() == ["r1", "r2", "r3", "r4", "r5"]


def test_summarize_by_hand(conversation):
    out = empathy.summarize(conversation, n_resamples=200, seed=3).set_index("period")
    october, november = out.loc["2026-10"], out.loc["2026-11"]
    # October: r1 (32) and r2 (0)
    assert (october["n_replies"], october["n_scored"]) == (2, 2)
    assert october["empathy_mean"] == pytest.approx(16.0)
    assert october["share_greeting"] == 0.5 and october["share_negative_courtesy"] == 0.5
    assert october["share_strong"] == 0.5
    low, high = bootstrap_mean_interval([32.0, 0.0], n_resamples=200, seed=3)
    assert (october["empathy_mean_ci_low"], october["empathy_mean_ci_high"]) == (low, high)
    # November: r3 (25), r4 (10) scored, r5 (French) counted in n_replies only
    assert (november["n_replies"], november["n_scored"]) == (3, 2)
    assert november["empathy_mean"] == pytest.approx(17.5)
    assert november["share_gratitude"] == 1.0


def test_summarize_without_period_and_bad_by(conversation):
    out = empathy.summarize(conversation, by=(), freq=None, n_resamples=50)
    assert out["n_replies"].tolist() == [5] and out["empathy_mean"].iloc[0] == pytest.approx((32 + 0 + 25 + 10) / 4)
    with pytest.raises(RoiError, match="cannot group by"):
        empathy.summarize(conversation, by=("author_id",))


def test_reuse_does_not_depend_on_how_many_reply_texts_are_compared_at_once(samples, monkeypatch):
    # the sample year's replies compared 7 distinct texts at a time must give every strong flag and reused-word
    # count of the one-pass comparison (the chunk bounds memory only)
    import roi

    config = roi.load_config(samples / "roi.toml")
    messages = roi.load(sorted(p for p in samples.iterdir() if p.suffix != ".toml"), config=config).messages
    whole = empathy.score(messages, config)
    # not a trivial comparison: the sample has 3,049 reused stems and 489 replies with a strong marker, as the
    # implementation before the chunked comparison counted them (the frozen reference of tests/fixtures/indicators)
    assert whole["n_reused_words"].sum() == 3049 and whole.filter(like="strong_").any(axis=1).sum() == 489
    monkeypatch.setattr(empathy, "REUSE_CHUNK", 7)
    pd.testing.assert_frame_equal(empathy.score(messages, config), whole)
