"""Tests of roi.readability: syllables of words whose count is known, and the formulas worked by hand."""

from __future__ import annotations

import doctest

import pandas as pd
import pytest

from roi import readability
from roi.errors import RoiError
from roi.readability import counts, fernandez_huerta, flesch, flesch_band, inflesz_band, syllables, szigriszt

# Spanish: orthographic syllables as the RAE Ortografía (2010) divides them.
SPANISH = [
    ("ayuntamiento", 5),  # a-yun-ta-mien-to (y before a vowel is a consonant; ie a diphthong)
    ("información", 4),  # in-for-ma-ción (ió a diphthong: the accent is on the strong vowel)
    ("administración", 5),  # ad-mi-nis-tra-ción
    ("país", 2),  # pa-ís (accented í breaks the diphthong: hiatus)
    ("día", 2),  # dí-a
    ("guion", 1),  # monosyllable under the 2010 rules (ui + io, no accent); earlier rules allowed gui-on
    ("hoy", 1),  # y at the end is a vowel in a diphthong
    ("muy", 1),
    ("y", 1),
    ("reyes", 2),  # re-yes
    ("leer", 2),  # le-er (two strong vowels: hiatus)
    ("poeta", 3),  # po-e-ta
    ("aéreo", 4),  # a-é-re-o
    ("caos", 2),  # ca-os
    ("ciudad", 2),  # ciu-dad (two different weak vowels: diphthong)
    ("cualquier", 2),  # cual-quier
    ("buey", 1),  # triphthong
    ("averiguáis", 4),  # a-ve-ri-guáis (triphthong uái)
    ("pingüino", 3),  # pin-güi-no
    ("transparencia", 4),  # trans-pa-ren-cia
    ("ciudadanía", 5),  # ciu-da-da-ní-a
    ("búho", 2),  # bú-ho
    ("guerra", 2),  # gue-rra (silent u)
    ("km", 1),  # no vowel: one syllable by convention
]

ENGLISH = [
    ("table", 2),  # ta-ble: consonant + le keeps its e
    ("government", 3),  # gov-ern-ment
    ("readable", 3),  # read-a-ble
    ("make", 1),  # silent final e
    ("the", 1),
    ("people", 2),  # peo-ple
    ("based", 1),  # -ed after s is silent
    ("wanted", 2),  # -ed after t is not
    ("makes", 1),  # -es after k is silent
    ("places", 2),  # -es after c is not
    ("services", 3),  # ser-vi-ces
    ("called", 1),
    ("answered", 2),  # an-swered
    ("information", 4),  # in-for-ma-tion
    ("council", 2),  # coun-cil
    ("we're", 1),  # a contraction adds no syllable
]


@pytest.mark.parametrize(("word", "expected"), SPANISH)
def test_spanish_syllables(word, expected):
    assert syllables(pd.Series([word]), "es").iloc[0] == expected


@pytest.mark.parametrize(("word", "expected"), ENGLISH)
def test_english_syllables(word, expected):
    assert syllables(pd.Series([word]), "en").iloc[0] == expected


def test_syllables_of_a_text_add_up_and_ignore_case():
    # AYUNTAMIENTO 5 + de 1 + Madrid 2
    assert syllables(pd.Series(["AYUNTAMIENTO de Madrid"]), "es").iloc[0] == 8


def test_syllables_unknown_language():
    with pytest.raises(RoiError, match="no syllable rules"):
        syllables(pd.Series(["bon dia"]), "ca")


def test_counts_spanish_by_hand():
    text = pd.Series(["Hola, Ana. La inscripción se hace en https://x.org"])
    c = counts(text, "es").iloc[0]
    # words: hola ana la inscripción se hace en (the URL is removed) = 7
    # sentences: "Hola, Ana." and "La inscripción se hace en" (ends at the end of the text) = 2
    # syllables: ho-la 2 + a-na 2 + la 1 + ins-crip-ción 3 + se 1 + ha-ce 2 + en 1 = 12
    assert (c["words"], c["sentences"], c["syllables"]) == (7, 2, 12)
    c = counts(text, "es")
    # 206.835 - 62.3 * 12/7 - 7/2 = 206.835 - 106.8 - 3.5
    assert szigriszt(c).iloc[0] == pytest.approx(96.535)
    # P = 1200/7, F = 200/7: 206.84 - 0.6 * 1200/7 - 1.02 * 200/7 = 206.84 - 924/7 = 206.84 - 132
    assert fernandez_huerta(c).iloc[0] == pytest.approx(74.84)


def test_counts_english_by_hand():
    c = counts(pd.Series(["@ana The table is readable. We make it for people. ^MC"]), "en")
    # words: the table is readable we make it for people = 9 (mention and signature removed)
    # sentences 2; syllables 1+2+1+3+1+1+1+1+2 = 13
    assert c.iloc[0].tolist() == [9, 2, 13]
    # 206.835 - 1.015 * 9/2 - 84.6 * 13/9 = 206.835 - 4.5675 - 122.2
    assert flesch(c).iloc[0] == pytest.approx(80.0675)


def test_sentences():
    c = counts(pd.Series([
        "sin punto final",  # 1: the end of the text closes it
        "Cuesta 3.5 euros. De 8 a 15 h.",  # 2: a full stop inside a number does not end a sentence
        "Hola\n\nOficina de Atención\nAjuntament",  # 3: line breaks end sentences
        "",  # 0
    ]), "es")
    assert c["sentences"].tolist() == [1, 2, 3, 0]


def test_bands():
    # INFLESZ: < 40 very hard, 40-55 somewhat hard, 55-65 normal, 65-80 fairly easy, > 80 very easy
    assert inflesz_band(pd.Series([39.9, 40.0, 54.9, 55.0, 64.9, 65.0, 80.0, float("nan")])).tolist() == [
        "very_hard", "somewhat_hard", "somewhat_hard", "normal", "normal", "fairly_easy", "very_easy", pd.NA]
    assert flesch_band(pd.Series([59.9, 60.0, 95.0])).tolist() == ["fairly_difficult", "standard", "very_easy"]


def test_no_words_is_nan():
    c = counts(pd.Series(["010 😊"]), "es")
    assert c.iloc[0].tolist() == [0, 0, 0]
    assert szigriszt(c).isna().all()


def test_doctests():
    assert doctest.testmod(readability).failed == 0


def _counts_on_whole_texts(texts: pd.Series, lang: str) -> pd.DataFrame:
    """The reference: every expression run on the whole cleaned texts (how :func:`counts` counted
    before it read words and syllables from the distinct white-space chunks)."""
    array = readability._clean(readability._arrow(texts))
    return pd.DataFrame({"words": readability._count(array, readability._WORD),
                         "sentences": readability._count(array, readability._SENTENCE),
                         "syllables": readability._syllables(array, lang)}, index=texts.index)


@pytest.mark.parametrize("lang", ["es", "en"])
def test_counts_from_chunks_equal_counts_on_whole_texts(samples, shared_data, lang):
    """Counted per distinct white-space chunk and added up, words and syllables equal the whole-text
    counts: on every text of the sample year, the real customer-service tweets of the shared data
    (links, handles, contractions, emoji) and texts written to sit on the chunks' edges."""
    import roi

    config = roi.load_config(samples / "roi.toml")
    sample = roi.load(sorted(p for p in samples.iterdir() if p.suffix != ".toml"), config=config).messages["text"]
    tweets = pd.concat([pd.read_csv(path)["text"] for path in sorted((shared_data / "twcs").glob("*.csv"))])
    edges = ["hoy muy\tbien y ya", "we're here; they'll call\nyou'd", "ver https://a.es/x\vy y mas", "a@b.es y @ana #tag",
             "fin…  sigue", "made based places tables people", "\x00casa\x00 y", "guion\u00a0fie crie", "", " ", "ya\r\ny",
             "hola^MC adiós", "www.x.es/a?b=c d", "FIN. Otra frase! Y otra? ok"]
    texts = pd.concat([sample, tweets, pd.Series(edges)], ignore_index=True).astype("string").fillna("")
    got, expected = counts(texts, lang), _counts_on_whole_texts(texts, lang)
    pd.testing.assert_frame_equal(got, expected)
    assert expected["syllables"].sum() > 10_000  # a real test: many words counted
