"""The fast paths of the model features give what their reference paths give, bit for bit,
on varied texts in several languages (with and without a lexicon, missing languages)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from roi.models.features import _valence, _valence_reference, tokenize

TEXTS = [
    "Hola @vecina, gracias por avisar de la farola de la calle Olmo 12. No está mal, muy bien!",
    "Moltes gràcies per l’avís: ho revisem <3, no és gens dolent",
    "Grazas pola túa mensaxe!! Non é bo",
    "Eskerrik asko zure mezuagatik",
    "THANKS for nothing... not good, really?\tNo\u00a0way\u000bhere\n\nok, great",
    "",
    None,
    "   ",
    "İstanbul ǅemal ﬁne café cafe\u0301 ÀÉÎÕÜ horrible pésimo",
    "emoji 😡😡 text_with_underscores l·l 3x4 nunca jamás feliz",
    "no me gusta nada, es una vergüenza y un desastre, pero gracias",
    "https://x.es/a?b=1 www.roi.es terrible servicio, excelente atención",
]
LANGS = ["es", "ca", "gl", "eu", "en", "es", None, "", "fr", "es", "pt", "en"]


def _sample(seed: int, n: int = 600):
    rng = np.random.default_rng(seed)
    pick = rng.integers(0, len(TEXTS), n)
    texts = pd.Series([TEXTS[i] for i in pick], dtype="object")
    lang = np.array([LANGS[i] for i in rng.integers(0, len(LANGS), n)], dtype=object)
    return texts, lang


def test_valence_from_tables_equals_the_reference():
    for seed in range(4):
        texts, lang = _sample(seed)
        tokens = tokenize(texts, lang)
        fast, reference = _valence(tokens), _valence_reference(tokens)
        assert np.array_equal(fast.view(np.int64), reference.view(np.int64))
        assert np.any(fast != 0)
    for lang in ("es", "en", None):
        tokens = tokenize(pd.Series(TEXTS, dtype="object"), lang)
        assert np.array_equal(_valence(tokens).view(np.int64), _valence_reference(tokens).view(np.int64))
    empty = tokenize(pd.Series([], dtype="object"), "es")
    assert _valence(empty).tolist() == _valence_reference(empty).tolist() == []


def test_keys_of_known_word_lists_equal_direct_lookups():
    from roi.models import get
    from roi.models.discourse import _opening_runs
    from roi.models.features import CUE_LANGUAGES, _cues_by_length, _feature_index

    features = list(get("courtesy").features)
    lists = [_feature_index(features)[2]]
    for lang in CUE_LANGUAGES:
        lists += [words for words, _ in _cues_by_length(lang).values()]
        lists += [_opening_runs(lang, k)[1] for k in (1, 2)]
    lists += [[("gracias",), ("zzz-not-a-word",)], [("no", "funciona"), ("muchas", "gracias"), ("x", "gracias")], []]
    for seed in range(3):
        texts, lang = _sample(seed, 300)
        tokens = tokenize(texts, lang)
        for words in lists:
            assert np.array_equal(tokens.key_of(words), tokens.key_of_reference(words))
            assert np.array_equal(tokens.key_of(list(words)), tokens.key_of_reference(words))  # a new list object
    tokens = tokenize(pd.Series(["muchas gracias, no funciona"], dtype="object"), "es")
    assert (tokens.key_of([("muchas", "gracias"), ("no", "funciona"), ("no", "sé")]) >= 0).tolist() == [True, True, False]


def test_language_groups_give_the_direct_lookups():
    from roi.models.features import CUE_LANGUAGES

    for seed in range(3):
        texts, lang = _sample(seed, 200)
        tokens = tokenize(texts, lang)
        for choices in (CUE_LANGUAGES, ["es"], ["en", "zz"], []):
            direct = pd.Index(list(choices), dtype=object).get_indexer(tokens.lang)
            direct[direct < 0] = len(choices)
            assert np.array_equal(tokens.codes_among(choices), direct)


def test_rules_polarity_with_grouped_languages_equals_the_plain_call():
    import pyarrow as pa

    from roi.sentiment import _languages, lexicon_polarity
    from roi.sentiment_distinct import polarity_of

    texts, lang = _sample(7, 800)
    texts = pd.concat([texts, pd.Series([":) genial", "mal\x00muy mal :(", "xD jajaja bueno", "l’atenció, d'aquí"])],
                      ignore_index=True)
    lang = np.r_[lang, np.array(["es", "es", "ES", "ca"], dtype=object)]
    codes = _languages(texts, lang, "es").to_numpy(dtype=object)
    array = pa.array(texts.tolist(), pa.large_string())
    plain = polarity_of(array, codes)
    grouped = polarity_of(array, None, groups=pd.factorize(codes))
    assert np.array_equal(plain, grouped, equal_nan=True)
    assert np.array_equal(plain, lexicon_polarity(texts, lang).to_numpy(), equal_nan=True)


def test_nul_search_on_the_buffer():
    import pyarrow as pa

    from roi.models.features import _holds_nul

    assert not _holds_nul(pa.array(["a", "b c", ""], pa.large_string()))
    assert _holds_nul(pa.array(["a", "b\x00c"], pa.large_string()))
    assert not _holds_nul(pa.array(["a\x00", "b", "c"], pa.large_string()).slice(1))  # outside the slice
    assert not _holds_nul(pa.array([], pa.large_string()))
    assert not _holds_nul(pa.array(["", ""], pa.large_string()))


def test_nul_search_on_slices_and_narrow_strings():
    import pyarrow as pa

    from roi.models.features import _holds_nul

    whole = pa.array(["a", "b", "x\x00y", "c", None, "d"], pa.large_string())
    for start in range(6):
        for stop in range(start, 7):
            part = whole.slice(start, stop - start)
            assert _holds_nul(part) == (start <= 2 < stop)
            assert _holds_nul(part.cast(pa.string())) == (start <= 2 < stop)


def test_byte_search_equals_the_text_search():
    import pyarrow as pa
    import pyarrow.compute as pc

    from roi.text.chunks import holds

    whole = pa.array(["a\vb", "ñandú", None, "x\x00", "", "c d\te", "😡\v"], pa.large_string())
    for start in range(len(whole)):
        for stop in range(start, len(whole) + 1):
            for array in (whole.slice(start, stop - start), whole.slice(start, stop - start).cast(pa.string())):
                for char in ("\v", "\x00", "\t", "z"):
                    assert holds(array, char) == bool(pc.any(pc.match_substring(array, char)).as_py())


def test_emoticon_gate_per_chunk_equals_the_whole_text_gate():
    import pyarrow as pa
    import pyarrow.compute as pc

    from roi.sentiment_distinct import _EMOTICON_GATE, _EMOTICON_START
    from roi.text.chunks import chunks

    pieces = [":)", ":-(", ":’(", "xD", "XD", "<3", "a:)", "hola", "\v:)", "\t:(", "\n;)", "=D", " ", "\u00a0:)", "x", "d"]
    rng = np.random.default_rng(11)
    texts = ["".join(pieces[i] for i in rng.integers(0, len(pieces), rng.integers(0, 6))) for _ in range(3000)]
    array = pa.array(texts, pa.large_string())
    parts = chunks(array)
    at_start = pc.match_substring_regex(parts.distinct, _EMOTICON_START).to_numpy(zero_copy_only=False)
    per_chunk = np.zeros(len(texts), dtype=bool)
    per_chunk[parts.row[at_start[parts.code]]] = True
    whole = pc.match_substring_regex(array, _EMOTICON_GATE).to_numpy(zero_copy_only=False)
    assert np.array_equal(per_chunk, whole)
    assert whole.mean() > 0.2
