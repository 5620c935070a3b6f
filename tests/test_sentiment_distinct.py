"""The lexicon rules on distinct chunks and tokens (``roi.sentiment_distinct``, what
``lexicon_polarity`` runs) give the reference's polarity (``roi.sentiment.detail``, the
token-by-token code) exactly, on varied texts."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from roi import sentiment

VARIED = [
    ("Gracias, muy amables", "es"),
    ("No está mal, pero sigue SIN funcionar!!", "es"),
    ("¡Genial, otra vez sin autobús! 🙄", "es"),
    ("Gracias por nada. Nunca contestan ni ayudan???", "es"),
    ("¿Cuándo abre el registro?", "es"),
    ("jajaja muy buen servicio :) :)", "es"),
    ("muy   muy\tbueno\n\nNO es MALO", "es"),
    ("Moltes gràcies per l’atenció, però no m'han respost", "ca"),
    ("Grazas pola axuda, non funciona nada ben", "gl"),
    ("Eskerrik asko, oso ondo", "eu"),
    ("Thanks for nothing @council https://x.example/a?b=1 #fail", "en"),
    ("I'm not happy :( but the staff were really helpful", "en"),
    ("GREAT job, really great!!!! <3", "en"),
    ("Terrible... just terrible 😡😡😡", "en"),
    ("", "es"),
    (None, "es"),
    ("   ", "en"),
    ("¡¡Excelente!! ... ¿¿¿de verdad???", "es"),
    ("no\u00a0funciona\u000bbien\x00 gracias", "es"),
    ("l'atenció d'aquí és dolenta, n'hi ha prou", "ca"),
    ("ÓRALE qué RÁPIDO, rapido y eficaz", "es"),
    ("xD genial 👍🏽 ❤️", "es"),
    ("sin embargo, no estoy nada contento", "es"),
    ("Bon dia! Tot perfecte, moltes gràcies :-)", None),
    ("Gracias :’( muy triste", "es"),
    ("genial :) :) ;) xD", "es"),
    ("tarde\v:( http://a.example/x\vy mal", "es"),
    ("@ayto_x gràcies!! #bcn l’ajuda d'en Pere", "ca"),
]


def _reference(texts, lang):
    return sentiment.detail(texts, lang)["polarity"].to_numpy()


def test_varied_texts_equal_the_reference_exactly():
    texts = pd.Series([t for t, _ in VARIED], dtype="object")
    lang = pd.Series([code for _, code in VARIED], dtype="object")
    got = sentiment.lexicon_polarity(texts, lang).to_numpy()
    expected = _reference(texts, lang)
    # eu has no sentiment lexicon: NaN in both
    assert np.isnan(got[[code == "eu" for _, code in VARIED]]).all()
    assert np.array_equal(got, expected, equal_nan=True)
    # and the texts are not all neutral: the comparison means something
    assert (np.abs(np.nan_to_num(expected)) > 0.05).sum() >= 15


@pytest.mark.parametrize("lang", ["es", "ca", "gl", "en"])
def test_random_texts_from_the_lexicon_equal_the_reference_exactly(lang):
    # texts drawn from the language's own lexicon keys (words, phrases, negators, boosters,
    # contrast words, punctuation, emoji) mixed with plain words, capitals and odd white
    # space: every rule fires, in many combinations
    rng = np.random.default_rng(7)
    keys = sentiment.lexicon_table(lang)["key"].tolist()
    plain = ["el", "servicio", "the", "bus", "carrer", "rúa", "123", "@alguien", "#tag", "https://a.example/x",
             ":)", ":(", ":’(", "xD", "l'avís", "l’avís", "¡", "¿", "...", "jajaja", "🙂", "👍🏽"]
    vocabulary = np.asarray(keys + plain, dtype=object)
    separators = np.asarray([" ", " ", " ", "  ", "\t", "\n", ", ", "! ", "\u00a0", "", "\v", "\x00"], dtype=object)
    texts = []
    for _ in range(1500):
        k = int(rng.integers(0, 14))
        words = vocabulary[rng.integers(0, len(vocabulary), k)]
        words = [w.upper() if rng.random() < 0.1 else w for w in words]
        seps = separators[rng.integers(0, len(separators), k)]
        texts.append("".join(w + s for w, s in zip(words, seps, strict=True)))
    series = pd.Series(texts, dtype="object")
    got = sentiment.lexicon_polarity(series, lang).to_numpy()
    expected = _reference(series, lang)
    assert np.array_equal(got, expected, equal_nan=True)
    assert (np.abs(expected) > 0.05).mean() > 0.3


def test_the_emoticon_gate_covers_the_reference_one():
    # the texts whose emoticons the reference would find after its first rare step (typographic
    # apostrophes made plain) take the whole-text path
    from roi.sentiment import _RARE
    from roi.sentiment_distinct import _EMOTICON, _EMOTICON_GATE

    assert _RARE[0][0] == r"[’‘´`]"
    assert _RARE[_EMOTICON][0].replace("'?", "['’‘´`]?") == _EMOTICON_GATE


def test_chunked_calls_equal_one_call(monkeypatch):
    texts = pd.Series([t for t, _ in VARIED] * 3, dtype="object")
    whole = sentiment.lexicon_polarity(texts, "es").to_numpy()
    monkeypatch.setattr(sentiment, "DISTINCT_CHUNK", 7)
    assert np.array_equal(sentiment.lexicon_polarity(texts, "es").to_numpy(), whole, equal_nan=True)


def test_chunks_cut_by_the_model_tokeniser_give_the_same_polarity():
    # judge hands the tokeniser's white-space chunks (of texts whose NUL became a space) to the rules
    import pyarrow as pa

    from roi.sentiment_distinct import polarity_of
    from roi.text.chunks import chunks
    from roi.text.normalize import as_text, text_array

    texts = pd.Series([t for t, _ in VARIED] + ["muy\x00bueno", "http://a.example/x\x00genial :) :)"], dtype="object")
    codes = np.asarray(["es"] * len(texts), dtype=object)
    values = pa.array(as_text(texts).to_numpy(dtype=object, na_value=None), pa.string())
    alone = polarity_of(values, codes)
    shared = polarity_of(values, codes, chunks(text_array(texts)))
    assert np.array_equal(shared, alone, equal_nan=True)
    assert np.array_equal(alone, _reference(texts, "es"), equal_nan=True)
