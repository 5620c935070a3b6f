"""Discourse features of the text judgment models: how a message opens, and repeated marks.

Danescu-Niculescu-Mizil et al. (2013) found that *where* a word stands matters for
politeness: a request that opens with a question word ("why...?"), a conjunction
("so", "but") or the second person reads as more direct than the same words later on.
These features are per message and read only by models that list them:

- ``d:start_<family>``: 1 when the message's first word, or first two words, belong to
  the family (table ``[openings]`` of ``roi/models/cues/<lang>.toml``: ``question``,
  ``conjunction``, ``no``, ``you``, ``imperative``), else 0;
- ``d:marks``: 1 when the text holds two or more ``!`` / ``?`` in a row (``!!``,
  ``?!``, ``? ?``), a written raised voice, else 0.

They come from :class:`roi.models.features.Tokens` (the first words) and the texts (the
marks), in a few vectorised steps; :func:`discourse` gives them as the ``extra``
argument of :func:`roi.models.features.design`.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from roi.models.features import CUE_LANGUAGES, Tokens, _cue_file, _fold_array
from roi.text.normalize import text_array

__all__ = ["PREFIX", "discourse", "discourse_names", "uses_discourse"]

#: Name prefix of the discourse features.
PREFIX = "d:"

_MARKS = r"[!?¡¿]\s*[!?¡¿]"


@cache
def _openings(lang: str) -> dict[str, list[tuple[str, ...]]]:
    """Opening families of a language: family -> folded entries (tuples of 1 or 2 words)."""
    table = _cue_file(lang).get("openings", {})
    out = {}
    for family, entries in table.items():
        folded = _fold_array(pa.array(entries, pa.large_string())).to_pylist()
        out[family] = [tuple(f.split()) for f in folded if 1 <= len(f.split()) <= 2]
    return out


@cache
def _opening_runs(lang: str, k: int) -> tuple[np.ndarray, list[tuple[str, ...]]]:
    """The opening entries of ``k`` words of a language: the family number of each (in the sorted
    families of every language) and the entries (one list per language and length, kept)."""
    names = {family: i for i, family in enumerate(sorted({f for code in CUE_LANGUAGES for f in _openings(code)}))}
    pairs = [(names[family], words) for family, entries in _openings(lang).items() for words in entries if len(words) == k]
    return np.array([family for family, _ in pairs], dtype=np.int64), [words for _, words in pairs]


@cache
def discourse_names() -> tuple[str, ...]:
    """Every discourse feature name, sorted (``d:marks`` and ``d:start_<family>``)."""
    families = {family for lang in CUE_LANGUAGES for family in _openings(lang)}
    return tuple(sorted([f"{PREFIX}marks"] + [f"{PREFIX}start_{family}" for family in families]))


def uses_discourse(features) -> bool:
    """Whether a feature list holds any discourse feature."""
    return any(f.startswith(PREFIX) for f in features)


def discourse(tokens: Tokens, texts) -> dict[str, np.ndarray]:
    """The discourse features of every message, as ``{name: values}`` (0 or 1 per message).

    Parameters
    ----------
    tokens : Tokens
        From :func:`roi.models.features.tokenize` of the same texts.
    texts : Series or sequence of str
        The texts themselves (for ``d:marks``).

    Returns
    -------
    dict of str to ndarray
        One float array of length ``tokens.n`` per name of :func:`discourse_names`.
    """
    n = tokens.n
    out = {name: np.zeros(n) for name in discourse_names()}
    # repeated marks: only texts with a "!" or a "?" (the tokens' shape) can have them
    marked = np.flatnonzero((tokens.shape["question"] > 0) | (tokens.shape["exclaim"] > 0))
    if len(marked):
        series = pd.Series(texts, dtype="object") if not isinstance(texts, pd.Series) else texts
        t = text_array(series.iloc[marked])
        out[f"{PREFIX}marks"][marked] = pc.match_substring_regex(t, _MARKS).to_numpy(zero_copy_only=False)
    if not len(tokens.rows):
        return out
    # position of each message's first word (rows are in message order), and of its second
    first = np.searchsorted(tokens.rows, np.arange(n))
    has_first = first < len(tokens.rows)
    has_first[has_first] = tokens.rows[first[has_first]] == np.arange(n)[has_first]
    has_second = has_first & (first + 1 < len(tokens.rows))
    has_second[has_second] = tokens.rows[first[has_second] + 1] == np.arange(n)[has_second]
    size = np.int64(len(tokens.vocab) + 1)
    one = np.full(n, -1, dtype=np.int64)
    one[has_first] = tokens.wid[first[has_first]]
    two = np.full(n, -1, dtype=np.int64)
    two[has_second] = tokens.wid[first[has_second]] * size + tokens.wid[first[has_second] + 1]
    names = {family: i for i, family in enumerate(sorted({f for lang in CUE_LANGUAGES for f in _openings(lang)}))}
    hits = np.zeros((n, len(names)), dtype=bool)
    codes, languages = tokens.lang_groups()
    for code, lang in enumerate(languages):
        if lang not in CUE_LANGUAGES:
            continue
        rows = np.flatnonzero(codes == code)
        for k, start in ((1, one), (2, two)):
            family_of, runs = _opening_runs(lang, k)
            if not runs:
                continue
            keys = tokens.key_of(runs)  # one look-up of every entry of this length
            known = keys >= 0
            if not known.any():
                continue
            here = start[rows]
            for family in np.unique(family_of[known]):
                found = pd.Index(np.unique(keys[known & (family_of == family)])).get_indexer(here)
                hits[rows, family] |= (found >= 0) & (here >= 0)
    for family, i in names.items():
        out[f"{PREFIX}start_{family}"] = hits[:, i].astype(float)
    return out
