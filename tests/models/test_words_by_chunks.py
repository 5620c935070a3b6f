"""The model tokeniser's words, found once per distinct white-space chunk
(``roi.models.features._words``), equal the words of the whole lower-cased texts split at
the same expression (the reference, written out here) on varied texts."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow.compute as pc

from roi.models.features import _SPLIT, _fold_array, _words, tokenize
from roi.text.chunks import chunks
from roi.text.normalize import text_array

TEXTS = [
    "Hola @vecina, gracias por avisar de la farola de la calle Olmo 12.",
    "Moltes gràcies per l’avís: ho revisem <3",
    "Grazas pola túa mensaxe!!",
    "Eskerrik asko zure mezuagatik",
    "THANKS for nothing... really?\tNo\u00a0way\u000bhere\n\nok",
    "",
    None,
    "   ",
    "İstanbul ǅemal ﬁne café cafe\u0301 ÀÉÎÕÜ",
    "emoji 😡😡 text_with_underscores l·l 3x4",
]


def _reference(texts: pd.Series):
    t = text_array(texts)
    split = pc.split_pattern_regex(pc.utf8_lower(t), _SPLIT)
    words = pc.list_flatten(split)
    rows = pc.list_parent_indices(split).to_numpy(zero_copy_only=False).astype(np.int64)
    keep = pc.greater(pc.utf8_length(words), 0)
    words, rows = words.filter(keep), rows[keep.to_numpy(zero_copy_only=False)]
    encoded = words.dictionary_encode()
    refold = _fold_array(encoded.dictionary).dictionary_encode()
    wid = refold.indices.to_numpy(zero_copy_only=False).astype(np.int64)[
        encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64)]
    return rows, wid, refold.dictionary.to_numpy(zero_copy_only=False).astype(object)


def test_words_by_distinct_chunks_equal_the_whole_text_split():
    rng = np.random.default_rng(3)
    texts = pd.Series([TEXTS[i] for i in rng.integers(0, len(TEXTS), 400)], dtype="object")
    rows, wid, vocab = _words(chunks(text_array(texts)))
    ref_rows, ref_wid, ref_vocab = _reference(texts)
    assert np.array_equal(rows, ref_rows)
    assert np.array_equal(wid, ref_wid)
    assert vocab.tolist() == ref_vocab.tolist()
    assert {"gracias", "istanbul", "cafe", "l", "3x4", "<3"} <= set(vocab.tolist())


def test_tokenize_counts_words_per_text():
    texts = pd.Series(TEXTS[1:], dtype="object")  # no links nor handles: tokenize drops those first
    tokens = tokenize(texts, "es")
    ref_rows, _, _ = _reference(texts)
    assert tokens.n_words.tolist() == np.bincount(ref_rows, minlength=len(texts)).tolist()
    assert tokens.n_words[4] == tokens.n_words[5] == tokens.n_words[6] == 0


def test_links_and_handles_are_not_words():
    # tokenize removes them from the texts that hold one, and splices those texts' chunks back in
    texts = pd.Series(["Hola @vecina_3, mira https://x.example/a?b=1 gracias", "sin enlace gracias",
                       "www.ayto.example/p @a.b.c fin", "gracias"] * 3, dtype="object")
    tokens = tokenize(texts, "es")
    words = [[tokens.vocab[w] for w in tokens.wid[tokens.rows == i]] for i in range(len(texts))]
    assert words[:4] == [["hola", "mira", "gracias"], ["sin", "enlace", "gracias"], ["fin"], ["gracias"]]
    assert words[4:8] == words[:4]
