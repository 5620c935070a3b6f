"""Length-preserving normalisation: every expected string below is written out by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from roi.text import normalize
from roi.text.normalize import MASK, fold


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # accents and case folded one character to one character
        ("ÁRBOL caído en la Plaça", "arbol caido en la placa"),
        ("Begoña, ¿qué tal?", "begona, ¿que tal?"),
        # the Catalan middle dot stays, so l·l keeps its length
        ("Col·laboració", "col·laboracio"),
        # typographic apostrophe -> ASCII, as the lexicons write it
        ("l’avís", "l'avis"),
        # İ lowers to two characters in Python: left alone, length kept
        ("İzmir", "İzmir"),
    ],
)
def test_fold_case_accents(text, expected):
    assert fold(text) == expected
    assert len(fold(text)) == len(text)


def test_masks_have_the_length_of_what_they_cover():
    text = "Escriba a info.web@ayto.es, @Ayto_Madrid o vea https://ayto.es/avisos?id=3. #Fiestas"
    out = fold(text)
    assert len(out) == len(text)
    for piece in ("info.web@ayto.es", "@Ayto_Madrid", "https://ayto.es/avisos?id=3", "#Fiestas"):
        i = text.index(piece)
        assert out[i:i + len(piece)] == MASK * len(piece), piece
    # the sentence's final dot after the URL is not part of it
    assert out[text.index("?id=3") + 5] == "."


def test_hash_or_at_inside_a_word_is_not_masked():
    assert fold("calle 5#b y x@y") == "calle 5#b y x@y"


def test_normalize_series_keeps_index_and_lengths():
    texts = pd.Series(["Hola @Ana", None, "Gràcies!\nAdéu"], index=[10, 11, 12])
    out = normalize(texts)
    assert out.index.tolist() == [10, 11, 12]
    assert out.tolist() == ["hola ¤¤¤¤", "", "gracies!\nadeu"]


def test_nul_inside_a_message_does_not_split_it():
    out = normalize(pd.Series(["a\x00b", "c"]))
    assert out.tolist() == ["a b", "c"]
