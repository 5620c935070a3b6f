"""The RE2 classes of :mod:`roi.re2` decide every code point as Python does (the reference is Python itself)."""

from __future__ import annotations

import re
import sys
import unicodedata

import pyarrow as pa
import pyarrow.compute as pc

from roi import re2

# every code point but the surrogates, which a UTF-8 string cannot hold
_POINTS = [chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF]
_ARRAY = pa.array(_POINTS, type=pa.large_string())


def _arrow(pattern: str) -> list[bool]:
    return pc.match_substring_regex(_ARRAY, f"^{pattern}$").to_pylist()


def test_space_is_python_s_white_space():
    assert _arrow(re2.SPACE) == [ch.isspace() for ch in _POINTS]
    assert sum(ch.isspace() for ch in _POINTS) == 29  # the Unicode White_Space property, less U+180E and friends
    assert sorted(re2.SPACE_CHARACTERS) == [ch for ch in _POINTS if ch.isspace()]


def test_word_and_not_word_are_python_s_word_characters():
    """Exactly, on every code point assigned in this Python's Unicode tables (RE2's may be newer: a
    letter added since counts as one there, unassigned here)."""
    assigned = [unicodedata.category(ch) != "Cn" for ch in _POINTS]
    python = [re.fullmatch(r"\w", ch) is not None for ch in _POINTS]
    word = _arrow(re2.WORD)
    assert [w for w, a in zip(word, assigned, strict=True) if a] == [p for p, a in zip(python, assigned, strict=True) if a]
    assert sum(python) > 100_000  # letters and numbers of every script, not ASCII alone
    assert _arrow(re2.NOT_WORD) == [not w for w in word]
