"""The marker engine: families per language on invented replies, negation traps, offsets, lexicon files.

Every reply below is invented for these tests; the expected families are what a reader
of the reply would name, and each expected match is the phrase of the lexicon entry.
"""

from __future__ import annotations

import tomllib
from importlib import resources

import numpy as np
import pandas as pd
import pytest

from roi.errors import RoiError
from roi.text import FAMILIES, LEXICON_VERSION, evidence
from roi.text.language import detect
from roi.text.lexicon import LANGUAGES, load
from roi.text.paths import ANY, PREFIX, routes
from roi.text.words import Table, Vocabulary, Words, text_hash


def _ev(text: str, lang: str | None = "es", **kw) -> pd.DataFrame:
    return evidence(pd.DataFrame({"message_id": ["m"], "text": [text], "lang": [lang]}), **kw)


def _families(text: str, lang: str | None = "es") -> set[str]:
    return set(_ev(text, lang)["family"].astype(str))


CASES = [
    # (lang, family, invented reply, words that must be found)
    ("es", "greeting", "Buenos días, la oficina abre a las 9.", "Buenos días"),
    ("es", "gratitude", "Muchas gracias por avisar.", "Muchas gracias"),
    ("es", "apology", "Disculpe las molestias ocasionadas por la obra.", "Disculpe"),
    ("es", "reassurance", "Ya hemos trasladado el aviso a Limpieza.", "Ya hemos trasladado"),
    ("es", "personalisation", "Le informamos de que el plazo termina el viernes.", "Le informamos"),
    ("es", "offer_help", "Quedamos a su disposición para lo que necesite.", "Quedamos a su disposición"),
    ("es", "emotional_reaction", "¡Qué buena noticia! Nos alegra saberlo.", "Qué buena noticia"),
    ("es", "interpretation", "Entendemos su malestar por el ruido.", "Entendemos"),
    ("es", "exploration", "¿Nos podría indicar el número de la parada?", "Nos podría indicar"),
    ("es", "negative_courtesy", "Como ya se le ha respondido, el plazo acabó.", "Como ya se le ha respondido"),
    ("en", "greeting", "Hi Sam, the library opens at 9.", "Hi"),
    ("en", "gratitude", "Thanks for flagging this.", "Thanks"),
    ("en", "apology", "Apologies for the delay in replying.", "Apologies"),
    ("en", "reassurance", "We've passed this to the highways team.", "We've passed"),
    ("en", "personalisation", "Your request has been logged.", "Your request"),
    ("en", "offer_help", "Let us know if there is anything else.", "Let us know"),
    ("en", "emotional_reaction", "Sorry to hear the bin was missed again.", "Sorry to hear"),
    ("en", "interpretation", "That must be frustrating after two weeks.", "must be frustrating"),
    ("en", "exploration", "Could you send us the exact address?", "Could you send"),
    ("en", "negative_courtesy", "As we already said, the deadline has passed.", "As we already said"),
    ("ca", "greeting", "Bon dia, la biblioteca obre a les 9.", "Bon dia"),
    ("ca", "gratitude", "Moltes gràcies per l'avís.", "Moltes gràcies"),
    ("ca", "apology", "Disculpeu les molèsties.", "Disculpeu"),
    ("ca", "reassurance", "Ho estem revisant amb el servei de neteja.", "Ho estem revisant"),
    ("ca", "personalisation", "Us informem que el termini acaba divendres.", "Us informem"),
    ("ca", "offer_help", "Restem a la seva disposició.", "Restem a la seva disposició"),
    ("ca", "emotional_reaction", "Quina alegria llegir-ho!", "Quina alegria"),
    ("ca", "interpretation", "Entenem la seva preocupació.", "Entenem"),
    ("ca", "exploration", "Ens podria indicar el carrer exacte?", "Ens podria indicar"),
    ("ca", "negative_courtesy", "No és la nostra competència.", "No és la nostra competència"),
    ("gl", "greeting", "Bo día, a oficina abre ás 9.", "Bo día"),
    ("gl", "gratitude", "Moitas grazas polo aviso.", "Moitas grazas"),
    ("gl", "apology", "Desculpe as molestias.", "Desculpe"),
    ("gl", "reassurance", "Xa trasladamos a incidencia ao servizo.", "Xa trasladamos"),
    ("gl", "personalisation", "Informámoslle de que o prazo remata o venres.", "Informámoslle"),
    ("gl", "offer_help", "Quedamos á súa disposición.", "Quedamos á súa disposición"),
    ("gl", "emotional_reaction", "Que alegría lelo!", "Que alegría"),
    ("gl", "interpretation", "Entendemos a súa preocupación.", "Entendemos"),
    ("gl", "exploration", "Poderías indicarnos a parada exacta?", "Poderías indicarnos"),
    ("gl", "negative_courtesy", "Non é a nosa competencia.", "Non é a nosa competencia"),
]


@pytest.mark.parametrize(("lang", "family", "text", "words"), CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_family_found_per_language(lang, family, text, words):
    ev = _ev(text, lang)
    rows = ev[ev["family"] == family]
    assert words in rows["matched_text"].tolist(), ev[["family", "matched_text"]]


@pytest.mark.parametrize(
    ("lang", "text", "absent"),
    [
        # a negated apology is no apology
        ("es", "No lamentamos nada de lo dicho.", "apology"),
        ("es", "No lo sentimos.", "apology"),
        # "sin ningún problema" is neither reassurance nor a problem statement
        ("es", "Puede pedir cita sin ningún problema.", "reassurance"),
        ("en", "We are not sorry for enforcing the rule.", "apology"),
        ("ca", "No ho sentim.", "apology"),
        ("gl", "Non o sentimos.", "apology"),
        # not our competence, but with a referral: not negative courtesy
        ("es", "No es nuestra competencia; le recomendamos dirigirse a la Comunidad de Madrid.", "negative_courtesy"),
        # a greeting first: the imperative is not a curt start
        ("es", "Hola, consulte la web municipal.", "negative_courtesy"),
        # words inside other words do not match
        ("es", "Holanda y Holandeses.", "greeting"),
    ],
)
def test_negation_and_context_traps(lang, text, absent):
    assert absent not in _families(text, lang)


def test_negated_phrases_that_are_markers_still_count():
    # "no dude en" and "no se preocupe" begin with a negator but are offers / reassurance
    families = _families("No dude en escribirnos. No se preocupe.")
    assert {"offer_help", "reassurance"} <= families


def test_offsets_point_at_the_original_text():
    texts = [
        "@vecina_12 ¡HOLA! Lamentamos MUCHO lo ocurrido 😞. Ver https://ayto.es/x. Quedamos a su disposición.",
        "Bon dia! Moltes gràcies per l’avís, ho estem revisant.",
        "Hi Sam — thanks! We’re so sorry to hear that. Could you tell us the street?",
    ]
    m = pd.DataFrame({"message_id": ["a", "b", "c"], "text": texts, "lang": ["es", "ca", "en"]})
    ev = evidence(m)
    assert len(ev) >= 9
    by_id = dict(zip(m["message_id"], m["text"], strict=True))
    for row in ev.itertuples():
        assert by_id[row.message_id][row.start:row.end] == row.matched_text
    # the start entry steps over the mention and the "¡"
    first = ev[ev["message_id"] == "a"].iloc[0]
    assert (first["family"], first["matched_text"], first["start"]) == ("greeting", "HOLA", 12)


def test_also_adds_a_row_for_the_second_family():
    ev = _ev("Lamentamos mucho lo ocurrido.")
    assert sorted(ev["family"].astype(str)) == ["apology", "emotional_reaction"]
    assert ev["matched_text"].nunique() == 1


def test_same_family_matches_do_not_nest():
    # "gracias" inside "muchas gracias" is one marker
    ev = _ev("Muchas gracias.")
    assert ev["matched_text"].tolist() == ["Muchas gracias"]


def test_columns_and_versions():
    ev = _ev("Hola, gracias.")
    assert list(ev.columns) == ["message_id", "lang", "family", "entry", "weight", "matched_text", "start", "end",
                                "lexicon_version"]
    assert set(ev["lexicon_version"]) == {LEXICON_VERSION}
    assert ev["entry"].str.match(r"es/(greeting|gratitude)#\d+$").all()


def test_families_filter_and_unknown_family():
    assert set(_ev("Hola, gracias.", families=["gratitude"])["family"]) == {"gratitude"}
    with pytest.raises(RoiError, match="unknown marker families"):
        _ev("Hola", families=["kindness"])


def test_missing_language_is_guessed_then_defaulted():
    m = pd.DataFrame({"message_id": ["1", "2", "3"],
                      "text": ["Thanks, we are on it", "Moltes gràcies per l'avís", "Gracias"],
                      "lang": [None, None, None]})
    ev = evidence(m)
    assert dict(zip(ev["message_id"], ev["lang"], strict=False)) == {"1": "en", "2": "ca", "3": "es"}
    # a language without lexicon gives no rows
    assert evidence(pd.DataFrame({"message_id": ["x"], "text": ["Merci beaucoup"], "lang": ["fr"]})).empty


def test_detect_defaults_when_no_cue():
    assert detect(pd.Series(["12345", "ok"]), default="gl").tolist() == ["gl", "gl"]


def test_routes_write_out_phrases_in_the_order_the_expression_tries_them():
    found = routes(r"(?:lo\s+|le\s+)?sentimos")
    assert [(r.words, r.complete) for r in found] == [(("lo", "sentimos"), True), (("le", "sentimos"), True),
                                                       (("sentimos",), True)]
    # a greedy optional part: the longer phrase first; an optional space: joined words too
    assert [r.words for r in routes(r"gracias(?:\s+por)?")] == [("gracias", "por"), ("gracias",)]
    assert [r.words for r in routes(r"e-?mail")] == [("e", "mail"), ("email",)]
    assert [r.separators for r in routes(r"e-?mail")] == [("-",), ()]
    # \w+ is any word, \w* after letters any word beginning with them
    assert [(r.words, r.complete) for r in routes(r"no\s+\w+")] == [(("no", ANY), True)]
    assert [(r.words, r.complete) for r in routes(r"indicar\w*")] == [((f"indicar{PREFIX}",), True)]
    # what cannot be written out leaves an anchor, decided by the expression itself
    question = routes(r"(?:se\s+trata|es)\s+de\s+[^.!?]{1,50}\?")
    assert [(r.words, r.complete) for r in question] == [(("se", "trata", "de"), False), (("es", "de"), False)]
    assert [(r.words, r.complete) for r in routes(r"no\s+corresponde(?![^\x00]{0,9}llame)")] == \
        [(("no", "corresponde"), False)]
    # no word to begin with: refused
    assert routes(r"[^a]+hola") is None


def test_words_are_runs_of_word_characters_hashed_like_their_text():
    text = "\x00hola, el  ca\u00b7la\x00ok"
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).copy()
    words = Words.of(codes, np.asarray([1, 17]))
    spans = [text[a:b] for a, b in zip(words.start.tolist(), words.end.tolist(), strict=True)]
    assert spans == ["hola", "el", "ca", "la", "ok"]
    assert words.message.tolist() == [0, 0, 0, 0, 1] and words.first.tolist() == [True, False, False, False, True]
    assert words.hash(words.start, words.end).tolist() == [text_hash(w) for w in spans]
    vocabulary = Vocabulary.of(["el", "la", "hola"])
    assert words.ids(vocabulary, 10).tolist() == [2, 0, -1, 1, -1]
    separators = Vocabulary.of([" ", "\u00b7"])
    # white space of any length is one separator; the last word of a text has none
    assert words.separators(separators, codes, text).tolist() == [-1, 0, 1, -1, -1]


def test_table_finds_every_key_and_nothing_else():
    rng = np.random.default_rng(5)
    keys = np.unique(rng.integers(0, 1 << 62, 5000))
    table = Table.of(keys, np.arange(len(keys)) * 3)
    assert (table.get(keys) == np.arange(len(keys)) * 3).all()
    others = np.setdiff1d(rng.integers(0, 1 << 62, 5000), keys)
    assert (table.get(others) == -1).all()


def test_every_lexicon_file_is_versioned_and_compiles():
    root = resources.files("roi.text") / "lexicons"
    for lang in LANGUAGES:
        lexicon = load(lang)
        assert lexicon is not None and lexicon.entries
        for family in FAMILIES:
            data = tomllib.loads((root / lang / f"{family}.toml").read_text(encoding="utf-8"))
            assert data["version"] == LEXICON_VERSION
            assert data["family"] == family and data["language"] == lang
    for lang in ("es", "en", "ca", "gl"):
        assert {e.family for e in load(lang).entries} == set(FAMILIES)


def test_a_pattern_that_does_not_begin_with_a_word_is_refused_with_the_file_named():
    from roi.text.lexicon import _prepare
    with pytest.raises(RoiError, match=r"does not begin with a word.*x\.toml|x\.toml.*does not begin with a word"):
        _prepare("[^a]+hola", {}, "roi/text/lexicons/es/x.toml")
    assert _prepare("hola (?:a|b)", {}, "roi/text/lexicons/es/x.toml") == r"hola\s+(?:a|b)"


def test_lazy_expressions_equal_the_eager_ones_and_only_requested_files_are_read():
    """Each unit's expression, compiled when first read, is the one compiled eagerly before; a
    lexicon compiled for the empathy families holds the same entries as from all files."""
    import re

    from roi.text.engine import compiled
    from roi.text.lexicon import ALL_FAMILIES

    for language in LANGUAGES:
        c = compiled(language, FAMILIES)
        lexicon = load(language, ALL_FAMILIES)
        entries = [e for e in lexicon.entries if e.family in FAMILIES]
        assert sorted(e.key for e in c.entries) == sorted(e.key for e in entries)
        assert {e.key: e for e in c.entries} == {e.key: e for e in entries}
        units = [e.regex for e in c.entries] + list(lexicon.blockers)
        assert len(c.expression) == len(units)
        for u, regex in enumerate(units):
            assert c.expression[u] is c.expression[u]  # compiled once
            assert c.expression[u].pattern == re.compile(f"(?:{regex})(?!\\w)").pattern
        assert [p.pattern for p in c.expression[1:3]] == [c.expression[1].pattern, c.expression[2].pattern]


def test_detect_reads_each_distinct_text_once_with_the_same_guesses():
    """Guessing the language of each distinct text once gives what guessing text by text gives."""
    texts = ["Gracias por avisar, lo revisamos", "Moltes gràcies per l'avís", "Thanks, we are on it", "",
             "Moitas grazas pola mensaxe", "Eskerrik asko", "¿¿??", None, "Gracias por avisar, lo revisamos",
             "thanks gracias", "ÀÉÎ ñ ç"] * 3
    series = pd.Series(texts, index=np.arange(len(texts)) * 2, dtype="string")
    got = detect(series, default="es")
    one_by_one = [detect(series.iloc[[i]], default="es").iloc[0] for i in range(len(series))]
    assert got.index.equals(series.index)
    assert got.tolist() == one_by_one
    assert detect(pd.Series([], dtype="string")).tolist() == []


def test_cue_counts_equal_the_whole_word_expression_of_each_cue():
    """The packed cue lookup counts, per text and language, what ``(?<![\\w'])cue(?![\\w'])`` finds in
    the normalised text, summed over the language's cues (a cue of two languages counts for both):
    texts with cues standing alone, inside longer words, after apostrophes, in capitals and with
    accents, next to digits, underscores and non-ASCII letters, and tokens as long as the longest cue."""
    import re

    from roi.text.language import _LONGEST, CUES, _cue_counts, _matchable
    from roi.text.normalize import fold_codes, join, text_array

    texts = ["Gracias por avisar, lo revisamos", "Moltes gràcies per l'avís", "Thanks, we are on it!",
             "LOS del PARA pero_muy 3los los3 los' 'los l'els d'amb", "eskerrik ESKERRIKasko eta-da ez.bat",
             "the andthe and_ the1 thé the", "x" * _LONGEST + " " + "a" * (_LONGEST + 3) + " usted@x.es #los",
             "ñandú los ños moi os, as; do da? dos das non", "", "i y e", "vostede podes sua seva vostra"] * 2
    array = text_array(pd.Series(texts, dtype="string"))
    joined, lengths, _ = join(array)
    counts = _cue_counts(fold_codes(joined)[1], lengths)
    normal = fold_codes(joined)[0].split("\x00")[1:]
    for i, text in enumerate(normal):
        for j, words in enumerate(CUES.values()):
            expected = sum(len(re.findall(rf"(?<![\w']){re.escape(w)}(?![\w'])", text)) for w in set(words) if _matchable(w))
            assert counts[i, j] == expected, (texts[i], list(CUES)[j])
    assert counts.sum() > 40  # the texts hold cues
