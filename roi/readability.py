"""Readability of short texts: syllables, words, sentences, and the plain-language formulas.

Spanish public bodies are asked to write in plain language (*lenguaje claro*). roi measures
it with the classic readability formulas, all computed per text by counting
regular-expression matches over the whole column at once (``pyarrow.compute``; no loop over
messages, no dictionary):

- **Szigriszt-Pazos perspicuity** (Spanish), read on the **INFLESZ** scale (Barrio-Cantalejo
  et al. 2008): ``206.835 - 62.3 × syllables / words - words / sentences``. Bands: < 40
  very hard, 40-55 somewhat hard, 55-65 normal, 65-80 fairly easy, > 80 very easy.
- **Fernández-Huerta** (Spanish), beside it: ``206.84 - 0.60 × P - 1.02 × F`` with ``P``
  syllables per 100 words and ``F`` sentences per 100 words.
- **Flesch Reading Ease** (English): ``206.835 - 1.015 × words / sentences - 84.6 ×
  syllables / words``. Bands: < 30 very difficult, 30-50 difficult, 50-60 fairly
  difficult, 60-70 standard, 70-80 fairly easy, 80-90 easy, > 90 very easy.

What is counted (after :func:`clean` removes URLs, e-mail addresses, ``@mentions``,
``#hashtags`` and ``^XY`` signatures):

- a **word** is a run of letters (digits and symbols are not words, so ``010`` or
  ``8 a 15 h`` add ``a`` and ``h`` only);
- a **sentence** is a stretch of text that holds a word and ends at ``.``, ``!``, ``?``
  or ``…`` followed by a space or the end, at a line break, or at the end of the text;
- **syllables**: see :func:`syllables`. Every word has at least one.

The formulas were built for running prose; on a reply of a few words one long word or a
missing full stop moves the score by tens of points. :data:`MIN_WORDS` is the shortest
text roi scores.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from roi.errors import RoiError
from roi.text.chunks import chunks

__all__ = [
    "FLESCH_BANDS",
    "INFLESZ_BANDS",
    "MIN_WORDS",
    "clean",
    "counts",
    "fernandez_huerta",
    "flesch",
    "flesch_band",
    "inflesz_band",
    "syllables",
    "szigriszt",
]

#: Texts with fewer words than this are not scored: the formulas are too noisy on them.
MIN_WORDS = 8

#: INFLESZ bands of the Szigriszt-Pazos score: (lower bound, label); "normal" starts at 55.
INFLESZ_BANDS = ((-np.inf, "very_hard"), (40, "somewhat_hard"), (55, "normal"), (65, "fairly_easy"),
                 (80, "very_easy"))

#: Flesch Reading Ease bands: (lower bound, label); "standard" starts at 60.
FLESCH_BANDS = ((-np.inf, "very_difficult"), (30, "difficult"), (50, "fairly_difficult"), (60, "standard"),
                (70, "fairly_easy"), (80, "easy"), (90, "very_easy"))

# Patterns in RE2 syntax (pyarrow's regular expressions: no look-around), counted with
# ``pyarrow.compute.count_substring_regex``: one C++ pass per pattern over the whole column.
_NOISE = r"https?://\S+|www\.\S+|[\pL\pN_.+-]+@[\pL\pN_-]+(?:\.[\pL\pN_-]+)+|[@#][\pL\pN_]+|\^[\pL\pN_]+"
_WORD = r"\pL+"
# a sentence: from a letter to the first terminator followed by white space, a line break, or the end
_SENTENCE = r"\pL[^\n]*?(?:[.!?…]+(?:\s|$)|\n|$)"
_END = r"(?:[^\pL]|$)"  # the end of a word (consumes the character after it)

# Spanish: vowels, and the pairs of adjacent vowels that stay in one syllable.
_ES_STRONG = "aeoáéóàèò"  # accented strong vowels stay strong
_ES_WEAK = "iuüïì"  # unaccented i / u (ü, and ï as in Catalan spellings, too)
_ES_ALL = _ES_STRONG + _ES_WEAK + "íú"
# "y" is a vowel when no vowel follows it (y, hoy, muy); before a vowel it is a consonant (ya, reyes)
_ES_Y = f"y(?:[^{_ES_ALL}]|$)"
_ES_NUCLEUS = f"[{_ES_ALL}]|{_ES_Y}"
# a strong and an unaccented weak vowel (either order), or two different weak vowels (accented or
# not): a diphthong; two strong vowels, or a vowel next to an accented í / ú, are a hiatus. Each
# kind of pair is counted in its own pass, so that overlapping pairs are all seen (u-á and á-i in
# averiguáis, u-i and i-o in guion).
_ES_GLIDES = (
    f"[{_ES_WEAK}][{_ES_STRONG}]",  # weak + strong: ie, ua, ió
    f"[{_ES_STRONG}](?:[{_ES_WEAK}]|{_ES_Y})",  # strong + weak: ai, eu, oy
    f"i[uüú]|[uü][iíï]|[uü]{_ES_Y}|i{_ES_Y}",  # two different weak vowels: iu, ui, uy
)
# words with a vowel (one match per word); the others count one syllable each
_ES_VOWEL_WORD = rf"\pL*[{_ES_ALL}y]\pL*"

# English: vowel groups, minus silent endings.
_EN_GROUP = "[aeiouy]+"
_EN_SILENT = (
    # final e after a consonant (make, one) or a vowel + l (whale), but not consonant + le (table, people)
    rf"[aeiouy](?:\pL*?[bcdfghjkmnpqrstvwxz]|l)e{_END}"
    # -ed not after t / d (based, called; wanted keeps it)
    rf"|[aeiouy]\pL*?[bcfghjklmnpqrsvwxz]ed{_END}"
    # -es not after s, x, z, c, g, h, nor consonant + l (makes, roles; places, boxes, tables keep it)
    rf"|[aeiouy](?:\pL*?[bdfjkmnpqrtvw]|l)es{_END}"
)
_EN_VOWEL_WORD = r"\pL*[aeiouy]\pL*"
_EN_CONTRACTION = r"['’](?:re|ve|ll|d|s|m)\b"


def _arrow(texts: pd.Series) -> pa.Array:
    """The texts as one Arrow array (missing as ""), read from their Arrow storage without Python strings."""
    array = pa.array(texts.astype("string").fillna("").array, type=pa.large_string())
    return array.combine_chunks() if isinstance(array, pa.ChunkedArray) else array


def _count(array: pa.Array, pattern: str) -> np.ndarray:
    return pc.count_substring_regex(array, pattern).to_numpy(zero_copy_only=False).astype(np.int64)


def _clean(array: pa.Array) -> pa.Array:
    return pc.utf8_lower(pc.replace_substring_regex(array, _NOISE, " "))


def clean(texts: pd.Series) -> pd.Series:
    """Lower-case texts without URLs, e-mail addresses, mentions, hashtags and ``^XY`` signatures.

    >>> clean(pd.Series(["Mira https://x.org/a @Ana ^MC"])).str.split().tolist()
    [['mira']]
    """
    return pd.Series(_clean(_arrow(texts)).to_pylist(), index=texts.index, dtype="string")


def syllables(texts: pd.Series, lang: str) -> pd.Series:
    """Syllables in each text (a word or a whole text), for ``lang`` ``"es"`` or ``"en"``.

    Spanish (orthographic syllables, RAE *Ortografía* 2010): every vowel is a nucleus,
    except that a strong vowel (*a*, *e*, *o*) next to an unaccented weak vowel (*i*,
    *u*) and two different weak vowels form one syllable (diphthong; a triphthong is two
    such pairs, *buey*); two strong vowels, or a vowel next to an accented *í* / *ú*, are
    two (hiatus: *le-er*, *pa-ís*). Counted as vowels minus diphthong pairs, so *guion*,
    *fie*, *crie* are monosyllables, as the 2010 *Ortografía* writes them (earlier
    rules allowed *gui-on*). *y* is a vowel only when no vowel follows (*hoy*, *muy*,
    *y*). The silent *u* of *que*, *gui* is a weak vowel in a diphthong and adds
    nothing. *h* between vowels is treated as a consonant: *a-hí* 2 and *bú-ho* 2 are
    right, but *truhan*, one syllable in the 2010 rules, counts 2.

    English: groups of vowels (``aeiouy``), minus a silent final *e* (*make*, not
    *table*), *-ed* not after *t*/*d* (*based*), *-es* not after a sibilant
    (*makes*, not *places*); contractions (*we're*) add none. A heuristic: about nine
    words in ten right on common prose.

    A word with no vowel counts one syllable.

    >>> syllables(pd.Series(["ayuntamiento", "país", "guion"]), "es").tolist()
    [5, 2, 1]
    >>> syllables(pd.Series(["table", "government", "readable"]), "en").tolist()
    [2, 3, 3]
    """
    n = _syllables(pc.utf8_lower(_arrow(texts)), lang)
    return pd.Series(n, index=texts.index, dtype="int64")


def _syllables(array: pa.Array, lang: str) -> np.ndarray:
    if lang == "es":
        glides = sum(_count(array, pattern) for pattern in _ES_GLIDES)
        return _count(array, _ES_NUCLEUS) - glides + _count(array, _WORD) - _count(array, _ES_VOWEL_WORD)
    if lang == "en":
        array = pc.replace_substring_regex(array, _EN_CONTRACTION, "")
        vowelless = _count(array, _WORD) - _count(array, _EN_VOWEL_WORD)
        return _count(array, _EN_GROUP) - _count(array, _EN_SILENT) + vowelless
    raise RoiError(f"no syllable rules for language {lang!r}", field="lang", fix='use "es" or "en"')


def counts(texts: pd.Series, lang: str) -> pd.DataFrame:
    """Words, sentences and syllables of each text, after :func:`clean`.

    Sentences are counted on the whole texts. Words and syllables are counted once per
    distinct white-space chunk (:func:`roi.text.chunks.chunks`) and added up per text: no
    expression of :func:`clean`, of a word or of a syllable holds white space, starts with
    it or reads across it (an end such as ``[^\\pL]`` or ``$`` finds the white space or the
    chunk's end alike), so each chunk gives the matches it gives inside its text, and
    service texts repeat their chunks (a dozen passes over the distinct chunks instead of
    the texts).

    >>> counts(pd.Series(["Hola, Ana. La inscripción se hace en https://x.org"]), "es").values.tolist()
    [[7, 2, 12]]
    """
    array = _arrow(texts)
    parts = chunks(array)
    pieces = _clean(parts.distinct)
    # the chunks are in text order: text t's are chunks ends[t-1] to ends[t] - 1, and its sum the
    # difference of the running sums there (whole numbers, exact)
    ends = np.cumsum(np.bincount(parts.row, minlength=len(array)))

    def per_text(per_chunk: np.ndarray) -> np.ndarray:
        running = np.concatenate([[0], np.cumsum(per_chunk[parts.code])])
        return np.diff(running[ends], prepend=0)

    return pd.DataFrame({
        "words": per_text(_count(pieces, _WORD)),
        "sentences": _count(_clean(array), _SENTENCE),
        "syllables": per_text(_syllables(pieces, lang)),
    }, index=texts.index)


def _ratios(c: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    words = c["words"].where(c["words"] > 0).astype(float)
    sentences = c["sentences"].clip(lower=1).astype(float)
    return c["syllables"] / words, words / sentences


def szigriszt(c: pd.DataFrame) -> pd.Series:
    """Szigriszt-Pazos perspicuity ``206.835 - 62.3 × syllables/words - words/sentences``.

    ``c`` is a :func:`counts` table; NaN for a text without words.
    """
    per_word, per_sentence = _ratios(c)
    return 206.835 - 62.3 * per_word - per_sentence


def fernandez_huerta(c: pd.DataFrame) -> pd.Series:
    """Fernández-Huerta ``206.84 - 0.60 × P - 1.02 × F`` (P syllables, F sentences per 100 words)."""
    per_word, per_sentence = _ratios(c)
    return 206.84 - 0.60 * (100 * per_word) - 1.02 * (100 / per_sentence)


def flesch(c: pd.DataFrame) -> pd.Series:
    """Flesch Reading Ease ``206.835 - 1.015 × words/sentences - 84.6 × syllables/words``."""
    per_word, per_sentence = _ratios(c)
    return 206.835 - 1.015 * per_sentence - 84.6 * per_word


def _band(scores: pd.Series, bands) -> pd.Series:
    bounds = np.asarray([b for b, _ in bands[1:]], dtype=float)
    labels = np.asarray([label for _, label in bands], dtype=object)
    values = scores.to_numpy(dtype=float)
    out = labels[np.searchsorted(bounds, values, side="right")]
    return pd.Series(np.where(np.isnan(values), None, out), index=scores.index, dtype="string")


def inflesz_band(scores: pd.Series) -> pd.Series:
    """INFLESZ band of Szigriszt-Pazos scores (``"normal"`` is 55 to under 65).

    >>> inflesz_band(pd.Series([30.0, 55.0, 70.0])).tolist()
    ['very_hard', 'normal', 'fairly_easy']
    """
    return _band(scores, INFLESZ_BANDS)


def flesch_band(scores: pd.Series) -> pd.Series:
    """Flesch Reading Ease band (``"standard"`` is 60 to under 70)."""
    return _band(scores, FLESCH_BANDS)
