"""Sentiment rules per language. Expected values are worked by hand from the lexicon
entries and VADER's constants (polarity = s / sqrt(s² + 15)); signs where only the
direction matters."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from roi import sentiment
from roi.errors import RoiError


def compound(s: float) -> float:
    return s / math.sqrt(s * s + 15)


def pol(text: str, lang: str = "es") -> float:
    return float(sentiment.lexicon_polarity([text], lang=lang).iloc[0])


# --------------------------------------------------------------------------- worked by hand (es)


@pytest.mark.parametrize("text, raw", [
    # mal -1.8, negated by "no" two tokens back: -1.8 x -0.74 = +1.332
    ("No está mal", 1.332),
    # lento -1.5; "muy" adds 0.293 in the direction of the valence
    ("lento", -1.5),
    ("Muy lento", -1.793),
    # contrast: gracias 1.9 x 0.5 before "pero"; "sigue sin" -1.5 x 1.5 after it
    ("Gracias pero sigue sin funcionar", 0.95 - 2.25),
    # a set phrase of sarcastic thanks
    ("Gracias por nada", -2.6),
    # sarcasm pattern "muy ... ya": amables 1.9 + 0.293 (muy) changes sign
    ("Muy amables... ya", -2.193),
    # emoji
    ("😡", -2.8),
    # two exclamation marks add 2 x 0.292 in the direction of the sum
    ("Gracias!!", 1.9 + 0.584),
    # capitals in a mixed message: LENTO -1.5 - 0.733; MUY booster 0.293 + 0.733
    ("El servicio es MUY LENTO", -(1.5 + 0.733 + 0.293 + 0.733)),
    # "sin" negates "problema" (-1.4) two tokens later: +1.036
    ("sin ningún problema", 1.036),
    # negative concord: "nadie" (-0.9) is a negator and is not negated by "no"
    ("No me contesta nadie", -0.9),
    # the phrase "sigo esperando" -2.0, then "qué vergüenza" -2.7
    ("Sigo esperando respuesta, qué vergüenza", -4.7),
    # a word written without its accent finds it: rapido -> rápido 1.3
    ("rapido", 1.3),
    # an emoticon becomes an emoji: :( -> 🙁 -1.5, and "vaya" two tokens back boosts it by 0.2 x 0.95
    ("vaya día :(", -1.69),
])
def test_polarity_worked_by_hand(text, raw):
    assert pol(text) == pytest.approx(compound(raw), abs=1e-9)


@pytest.mark.parametrize("text", [
    "¿Cuándo abre el registro?",
    "¿Qué documentos necesito para empadronarme?",
    "Buenos días, ¿a qué hora abre la oficina de turismo?",
    "Hola, ¿dónde se recoge la tarjeta del bus?",
    "",
])
def test_information_requests_are_neutral(text):
    assert pol(text) == 0.0


# --------------------------------------------------------------------------- signs per language

CASES = {
    "es": {
        "negation": ("No está mal", 1), "intensifier": ("Muy rápido, gracias", 1),
        "contrast": ("Gracias pero sigue sin funcionar", -1), "sarcasm": ("Gracias por nada", -1),
        "irony": ("Genial, otra vez sin luz en la calle", -1), "emoji": ("Ya está arreglado 👍", 1),
        "angry emoji": ("La farola sigue apagada 😡", -1), "waiting": ("Llevo tres semanas esperando", -1),
        "info": ("¿A qué hora abre el registro?", 0),
    },
    "en": {
        "negation": ("Not bad at all", 1), "intensifier": ("Really quick, thanks", 1),
        "contrast": ("Thanks but it still doesn't work", -1), "sarcasm": ("Thanks for nothing", -1),
        "irony": ("Oh great, the bus is late again", -1), "emoji": ("Fixed now 👍", 1),
        "angry emoji": ("The streetlight is still off 😡", -1), "waiting": ("Still waiting for a reply", -1),
        "info": ("When does the library open?", 0),
    },
    "ca": {
        "negation": ("No està malament", 1), "intensifier": ("Molt ràpid, gràcies", 1),
        "contrast": ("Gràcies però continua sense funcionar", -1), "sarcasm": ("Gràcies per res", -1),
        "irony": ("Genial, un altre cop sense llum", -1), "emoji": ("Ja està arreglat 👍", 1),
        "angry emoji": ("El fanal continua apagat 😡", -1), "waiting": ("Encara esperant resposta", -1),
        "info": ("A quina hora obre el registre?", 0),
    },
    "gl": {
        "negation": ("Non está mal", 1), "intensifier": ("Moi rápido, grazas", 1),
        "contrast": ("Grazas pero segue sen funcionar", -1), "sarcasm": ("Grazas por nada", -1),
        "irony": ("Xenial, outra vez sen luz", -1), "emoji": ("Xa está arranxado 👍", 1),
        "angry emoji": ("A farola segue apagada 😡", -1), "waiting": ("Aínda agardando resposta", -1),
        "info": ("A que hora abre o rexistro?", 0),
    },
}


@pytest.mark.parametrize("lang, rule", [(lang, rule) for lang, cases in CASES.items() for rule in cases])
def test_signs_per_language(lang, rule):
    text, sign = CASES[lang][rule]
    assert np.sign(round(pol(text, lang), 12)) == sign, (lang, text, pol(text, lang))


def test_negation_flips_and_booster_grows_in_every_language():
    pairs = {"es": ("mal", "no mal", "bueno", "muy bueno"), "en": ("bad", "not bad", "good", "very good"),
             "ca": ("dolent", "no dolent", "bo", "molt bo"), "gl": ("malo", "non malo", "bo", "moi bo")}
    for lang, (neg, negated, pos, boosted) in pairs.items():
        assert pol(neg, lang) < 0 < pol(negated, lang)
        assert 0 < pol(pos, lang) < pol(boosted, lang)


def test_english_contractions_negate():
    assert pol("it isn't helpful", "en") < 0 < pol("it is helpful", "en")
    assert pol("not helpful", "en") == pytest.approx(compound(1.9 * -0.74))


def test_catalan_elision_is_cut_off():
    # l'atenció -> atenció; pèssima (pèssim{,a,s,es}) -3.0
    assert pol("L'atenció ha estat pèssima", "ca") == pytest.approx(compound(-3.0))


# --------------------------------------------------------------------------- API


def test_labels_use_the_documented_thresholds():
    texts = pd.Series(["No está mal", "Sigue sin funcionar", "Horario de la biblioteca"], index=[10, 20, 30])
    out = sentiment.detail(texts, lang="es")["label"]
    assert out.tolist() == ["positive", "negative", "neutral"]
    assert out.index.tolist() == [10, 20, 30]
    # "no está mal" is mildly positive (0.325): a 0.4 threshold makes it neutral
    assert sentiment.detail(["No está mal"], threshold=0.4)["label"].tolist() == ["neutral"]


def test_per_message_languages_and_unknown_language():
    texts = pd.Series(["Gracias", "Thanks", "Gràcies", "Grazas", "Merci", None])
    langs = pd.Series(["es", "en", "ca", "gl", "fr", None])
    out = sentiment.detail(texts, lang=langs)
    assert out["polarity"].iloc[:4].tolist() == pytest.approx([compound(1.9)] * 4)
    assert np.isnan(out["polarity"].iloc[4])  # no French lexicon: not computable
    assert out["polarity"].iloc[5] == 0.0  # missing text, default language: nothing to score
    assert out["lang"].tolist()[:4] == ["es", "en", "ca", "gl"]
    assert out["lexicon_version"].iloc[0] == sentiment.lexicon_version("es")


def test_lang_of_wrong_length_is_an_error():
    with pytest.raises(RoiError, match="lang"):
        sentiment.lexicon_polarity(["a", "b"], lang=pd.Series(["es"]))
    with pytest.raises(RoiError, match="no sentiment lexicon"):
        sentiment.lexicon_table("xx")


def test_polarity_is_rebuilt_from_contributions():
    texts = ["Gracias pero sigue sin funcionar!!", "Muy amables... ya", "No está mal, la verdad 👍",
             "El servicio es MUY LENTO", "¿Cuándo abre?", "Thanks but it still doesn't work"]
    langs = ["es", "es", "es", "es", "es", "en"]
    detail = sentiment.detail(texts, lang=langs)
    rows = sentiment.contributions(texts, lang=langs)
    total = rows.groupby("row")["contribution"].sum().reindex(range(len(texts)), fill_value=0.0)
    raw = total.to_numpy() + detail["emphasis"].to_numpy()
    assert raw == pytest.approx(detail["raw"].to_numpy())
    assert detail["polarity"].to_numpy() == pytest.approx(raw / np.sqrt(raw ** 2 + sentiment.ALPHA))
    # every effect is visible on its row
    first = rows[rows["row"] == 0]
    assert first["contrast_weight"].tolist() == [0.5, 1.5]
    assert rows.loc[rows["row"] == 1, "sarcasm_flip"].all()


def test_vectorised_equals_one_by_one_and_chunks(monkeypatch):
    texts = pd.Series(["Gracias!!", "No está mal", "otra vez sin luz", "¿horario?", "MUY BIEN 👍", "lento lento"] * 5)
    together = sentiment.lexicon_polarity(texts)
    alone = [pol(t) for t in texts]
    assert together.tolist() == pytest.approx(alone)
    monkeypatch.setattr(sentiment, "CHUNK", 4)
    assert sentiment.lexicon_polarity(texts).tolist() == pytest.approx(alone)


def test_lexicons_load_and_have_sizes():
    for lang in sentiment.LANGUAGES:
        table = sentiment.lexicon_table(lang)
        assert table["key"].is_unique
        assert table["valence"].between(-4, 4).all()
        assert (table["valence"] != 0).sum() > 250
        assert sentiment.lexicon_version(lang).startswith(f"sentiment-{lang}-")


def test_rare_cases_applied_only_where_a_gate_matches_give_what_every_step_on_every_text_gives():
    import pyarrow as pa
    import pyarrow.compute as pc

    from roi import sentiment as s

    texts = pa.array(["jajaja qué bien :)", "L’atenció d'aquí, https://x.cat/a @ajuntament #Festa", "sin nada raro",
                      "HAHAHA xD <3", "👍🏽 ok", "n'hi ha", "", "www.ejemplo.es y :-( "], pa.large_string())
    expected = texts
    for gate, steps in s._RARE:  # the plain way: every gate over every text, in order
        expected = s._where(expected, gate, steps)
    expected = pc.replace_substring_regex(expected, r"[^\pL\pN\s'·!?¡¿.,;:…" + s._EMOJI + r"]+", " ")
    expected = pc.replace_substring_regex(expected, r"([!?¡¿.,;:…]|[" + s._EMOJI + r"])", r" \1 ")
    assert s._normalise(texts).to_pylist() == expected.to_pylist()
    assert s._normalise(texts).to_pylist()[2] == "sin nada raro"


def test_a_lone_surrogate_is_read_as_a_question_mark_not_a_crash():
    from roi import sentiment as s

    texts = pd.Series(["\ud800 gracias, muy amables", "gracias, muy amables"], dtype=object)
    scores = s.lexicon_polarity(texts, lang="es").tolist()
    assert scores[0] == scores[1] > 0
