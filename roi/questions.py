"""Is a citizen's message a question or a request? Transparent patterns per language.

A message is a question or request when it holds a question mark (``?`` or ``¿``), or
an interrogative or request wording of one of the supported languages (es, en, ca, gl),
matched case-insensitively on word boundaries. One vectorised regular-expression pass
per language; a message without ``lang`` is tested against all languages at once.

The patterns are deliberately short and readable: the empathy and sentiment lexicons
(``roi.text``) are where the larger vocabularies live.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from roi.re2 import NOT_WORD, SPACE

__all__ = ["PATTERNS", "VERSION", "is_question"]

#: Version of these patterns, recorded with every indicator that uses them.
VERSION = "questions-2026.11"

_W = r"(?<![\w])(?:{})(?![\w])"

#: Language -> alternatives (regular expressions, matched case-insensitively).
PATTERNS: dict[str, tuple[str, ...]] = {
    "es": (
        r"qu[eé]", r"c[oó]mo", r"cu[aá]ndo", r"d[oó]nde", r"cu[aá]nt[oa]s?", r"cu[aá]l(?:es)?", r"por\s?qu[eé]",
        r"pod[eé]is", r"podr[ií]a(?:n|is)?", r"pueden?", r"puedo", r"necesit[oa]", r"quisiera", r"querr[ií]a",
        r"me\s+gustar[ií]a", r"solicit[oa]", r"ruego", r"rogar[ií]a", r"por\s+favor", r"alguien\s+sabe",
        r"sab[eé]is", r"saben", r"informaci[oó]n\s+sobre",
    ),
    "en": (
        r"what", r"when", r"where", r"why", r"how", r"which", r"who", r"can\s+(?:you|i|we)", r"could\s+you",
        r"would\s+you", r"is\s+there", r"are\s+there", r"do\s+you", r"does", r"please", r"i\s+need", r"i'd\s+like",
        r"i\s+would\s+like", r"any\s+update",
    ),
    "ca": (
        r"qu[eè]", r"com", r"quan", r"on", r"quant[sa]?", r"quina?", r"quines", r"per\s+qu[eè]", r"podeu",
        r"podr[ií]eu", r"puc", r"necessit[oa]", r"voldria", r"m'agradaria", r"sol·licit[oa]", r"si\s+us\s+plau",
        r"sisplau", r"alg[uú]\s+sap", r"sabeu",
    ),
    "gl": (
        r"que", r"como", r"cando", r"onde", r"canto", r"cal", r"por\s+que", r"podedes", r"poder[ií]an",
        r"poden", r"necesito", r"quer[ií]a", r"gustar[ií]ame", r"solicito", r"por\s+favor", r"alg[uú]n\s+sabe",
    ),
}

# Spanish "que" and Catalan "com"/"on" are far too common as conjunctions; they count
# only at the start of a sentence (an interrogative opening), the rest anywhere.
_OPENING_ONLY = {r"qu[eé]", r"que", r"com", r"on", r"qu[eè]", r"cal", r"canto", r"how", r"what", r"does", r"who"}


def _compile(alternatives) -> re.Pattern:
    anywhere = [a for a in alternatives if a not in _OPENING_ONLY]
    opening = [a for a in alternatives if a in _OPENING_ONLY]
    parts = [_W.format("|".join(anywhere))]
    if opening:
        parts.append(r"(?:^|[.!¡:;\n]\s*)" + _W.format("|".join(opening)))
    return re.compile(r"[?¿]|" + "|".join(parts), re.IGNORECASE)


_COMPILED = {lang: _compile(alts) for lang, alts in PATTERNS.items()}
_ANY = _compile(tuple(dict.fromkeys(a for alts in PATTERNS.values() for a in alts)))

def _re2_letters(pattern: str) -> str:
    r"""``pattern`` with Python's ``\s`` spelt out (:data:`roi.re2.SPACE`) and every ``i`` also
    matching ``İ`` and ``ı``, as Python's case-insensitive matching has it and RE2's has not."""
    out, in_class, k = [], False, 0
    while k < len(pattern):
        ch = pattern[k]
        if ch == "\\":
            out.append(SPACE if pattern[k + 1] == "s" else pattern[k:k + 2])
            k += 2
            continue
        if ch == "[":
            in_class = True
        elif ch == "]":
            in_class = False
        out.append(("iİı" if in_class else "[iİı]") if ch == "i" else ch)
        k += 1
    return "".join(out)


# The same expressions for Arrow's engine (RE2), which has no look-around and ASCII-only ``\w``
# and ``\s``: for "does the text hold a match", a word boundary may consume the character beside
# the word, and the classes are spelt out as Python's Unicode ones.
def _re2(alternatives) -> str:
    """:func:`_compile`'s expression in RE2 syntax, matched with ``ignore_case``."""

    anywhere = "|".join(_re2_letters(a) for a in alternatives if a not in _OPENING_ONLY)
    opening = "|".join(_re2_letters(a) for a in alternatives if a in _OPENING_ONLY)
    after = f"(?:$|{NOT_WORD})"
    parts = [f"(?:^|{NOT_WORD})(?:{anywhere}){after}"]
    if opening:
        parts.append(f"(?:^|[.!¡:;\n]{SPACE}*)(?:{opening}){after}")
    return r"[?¿]|" + "|".join(parts)


_RE2 = {lang: _re2(alts) for lang, alts in PATTERNS.items()}
_RE2_ANY = _re2(tuple(dict.fromkeys(a for alts in PATTERNS.values() for a in alts)))


def is_question(text: pd.Series, lang: pd.Series | None = None) -> pd.Series:
    """True where a message asks a question or makes a request.

    Parameters
    ----------
    text
        Message texts.
    lang
        ISO 639-1 codes; messages in a language without patterns, or without a code,
        are tested against every language's patterns.

    Examples
    --------
    >>> is_question(pd.Series(["¿A qué hora abre?", "Gracias", "Podrían arreglar la farola", "Thanks!"])).tolist()
    [True, False, True, False]
    """
    text = text.astype("string").fillna("")
    out = pd.Series(False, index=text.index)
    if lang is None:
        lang = pd.Series(pd.NA, index=text.index, dtype="string")
    lang = lang.astype("string")
    known = lang.isin(list(_COMPILED)).fillna(False).astype(bool)
    for code, pattern in _RE2.items():
        rows = known & (lang == code).fillna(False).astype(bool)
        if rows.any():
            out[rows] = _contains(text[rows], pattern)
    rest = ~known
    if rest.any():
        out[rest] = _contains(text[rest], _RE2_ANY)
    return out


def _contains(text: pd.Series, pattern: str) -> np.ndarray:
    """Whether each text holds a match of ``pattern`` (RE2, any case), one Arrow pass over the column.

    Equal to ``text.str.contains(compiled)`` with the :data:`PATTERNS` expressions compiled by
    Python's ``re`` (tested), without a Python call per text.
    """
    array = pa.array(text.array)  # the column's own Arrow buffers: no Python string per text
    return pc.match_substring_regex(array, pattern, ignore_case=True).to_numpy(zero_copy_only=False).astype(bool)
