"""A tiny language guesser for messages without ``lang``: counts of distinctive function words.

For each language with a lexicon, a short list of frequent words that the other
languages do not share (Spanish *los*, *para*, *pero*; Catalan *els*, *amb*, *molt*;
Galician *os*, *non*, *moi*; English *the*, *and*, *you*; Basque *eta*, *da*, *ez*) is
counted in the normalised text as whole words, in one vectorised pass over all texts. The language
with the most hits wins; ties and texts without hits get the default. It is meant for
short service messages where a wrong guess costs little; a ``lang`` given by the export
always wins.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd
import pyarrow as pa

from roi import parallel
from roi.text.normalize import fold_codes, is_word, join, text_array
from roi.text.words import Table

__all__ = ["CUES", "detect", "resolve"]

#: Language -> distinctive words (normalised: lower case, no accents).
CUES: dict[str, tuple[str, ...]] = {
    "es": ("los", "las", "del", "para", "pero", "muy", "esta", "este", "gracias", "usted", "hola", "su", "nos",
           "y", "una", "con", "por", "hemos", "puede"),
    "ca": ("els", "les", "amb", "per", "pero", "molt", "aquesta", "aquest", "gracies", "bon", "dia", "i", "es", "hem",
           "pot", "l'", "d'", "seva", "vostra"),
    "gl": ("os", "as", "do", "da", "dos", "das", "non", "moi", "unha", "grazas", "coa", "polo", "pola", "ola", "e",
           "vostede", "podes", "sua"),
    "en": ("the", "and", "you", "your", "we", "to", "of", "is", "for", "please", "thanks", "thank", "our", "this",
           "with", "have", "are"),
    "eu": ("eta", "da", "ez", "bat", "zure", "eskerrik", "dugu", "duzu", "egun", "kaixo", "mesedez", "ere", "baina"),
}


def _packer() -> tuple[np.ndarray, int]:
    """Code point -> 5-bit code of the letters cue words use (0 for any other character)."""
    letters = sorted({c for words in CUES.values() for w in words for c in w})
    if len(letters) > 30 or any(not (c.isalnum() or c == "'") or ord(c) >= 128 for c in letters):
        raise ValueError(f"cue words must be written with at most 30 ASCII letters, digits and ', not {letters}")
    table = np.zeros(128, dtype=np.int64)
    table[[ord(c) for c in letters]] = np.arange(1, len(letters) + 1)
    return table, max(len(w) for words in CUES.values() for w in words)


_PACK, _LONGEST = _packer()
#: :data:`_PACK` with one more cell, 0, that every code point beyond ASCII reads (``take(..., mode="clip")``).
_LETTER = np.append(_PACK, 0).astype(np.uint8)


def _pack(words: Iterable[str]) -> np.ndarray:
    return np.asarray([sum(int(_PACK[ord(c)]) << (5 * k) for k, c in enumerate(w)) for w in words], dtype=np.int64)


def _matchable(word: str) -> bool:
    # the pattern lets an apostrophe match only before a word character ("'(?=\w)"), and a
    # cue must be followed by neither a word character nor an apostrophe: a cue that ends
    # with an apostrophe ("l'") can never match
    return all(i + 1 < len(word) and word[i + 1] != "'" for i, c in enumerate(word) if c == "'")


def _cue_table() -> Table:
    """Packed cue word -> bit mask of the languages (in :data:`CUES` order) it is a cue of."""
    masks: dict[int, int] = {}
    for j, words in enumerate(CUES.values()):
        for code in _pack(w for w in words if _matchable(w)).tolist():
            masks[code] = masks.get(code, 0) | (1 << j)
    return Table.of(np.asarray(list(masks), dtype=np.int64), np.asarray(list(masks.values()), dtype=np.int64))


_CUE_TABLE = _cue_table()


def _cue_counts(codes: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Cue words of each language in each text: (texts, languages) counts.

    ``codes`` are the code points of the normalised texts joined as ``NUL t0 NUL t1 ...``.
    A cue counts where it is a whole *token*, a maximal run of word characters and
    apostrophes: that is what ``(?<![\\w'])cue(?![\\w'])`` matches. Tokens are packed
    into integers (5 bits a letter) and looked up; no loop per text. Only tokens short
    enough and made of cue letters can be cues: the tokens are ordered longest first, so
    that the k-th letters are read from the tokens longer than k alone.
    """
    counts = np.zeros((len(lengths), len(CUES)), dtype=np.int64)
    token = (is_word(codes) | (codes == ord("'"))).view(np.int8)
    edges = np.flatnonzero(np.diff(token, prepend=np.int8(0), append=np.int8(0)))
    starts, ends = edges[0::2], edges[1::2]
    size = ends - starts
    letter = _LETTER.take(codes, mode="clip")  # 0: not a letter of any cue (beyond ASCII: the last cell)
    keep = (size <= _LONGEST) & (letter[starts] > 0)
    starts, size = starts[keep], size[keep].astype(np.int8)
    order = np.argsort(_LONGEST - size, kind="stable")  # longest first (a radix sort of small integers)
    starts, size = starts[order], size[order]
    longer = np.searchsorted(-size, -np.arange(_LONGEST), side="left")  # tokens longer than k: the first longer[k]
    packed = letter[starts].astype(np.int64)
    foreign = np.zeros(len(starts), dtype=bool)  # a character no cue has
    for k in range(1, _LONGEST):
        value = letter[starts[:longer[k]] + k]
        foreign[:longer[k]] |= value == 0
        packed[:longer[k]] |= value.astype(np.int64) << (5 * k)
    mask = np.where(foreign, 0, _CUE_TABLE.get(packed))
    found = mask > 0
    offsets = np.concatenate([[1], np.cumsum(lengths + 1)[:-1] + 1])  # where each text starts
    text = np.searchsorted(offsets, starts[found], side="right") - 1
    mask = mask[found]
    for j in range(len(CUES)):
        hit = (mask >> j) & 1 == 1
        counts[:, j] = np.bincount(text[hit], minlength=len(lengths))
    return counts


#: Texts read together (bounds the size of the arrays, which costs more than the loop).
CHUNK = 20_000
#: Distinct texts from which :func:`detect` counts two halves side by side (:mod:`roi.parallel`).
SPLIT_MIN_TEXTS = 50_000


def _counts(texts: pa.Array) -> np.ndarray:
    """Cue words of each language in each of the distinct ``texts``: (texts, languages) counts."""
    counts = np.zeros((len(texts), len(CUES)), dtype=np.int64)
    for begin in range(0, len(texts), CHUNK):
        joined, lengths, _ = join(texts[begin:begin + CHUNK])
        counts[begin:begin + len(lengths)] = _cue_counts(fold_codes(joined)[1], lengths)
    return counts


def detect(texts: pd.Series, default: str | None = None) -> pd.Series:
    """The most likely language of each text, or ``default`` when no cue is found (or a tie).

    Counts, per language, the cue words standing as whole words in the normalised text
    (neither a word character nor an apostrophe on either side).

    >>> detect(pd.Series(["Gracias por avisar, lo revisamos", "Moltes gràcies per l'avís", "Thanks, we are on it"]),
    ...        default="es").tolist()
    ['es', 'ca', 'en']
    """
    names = list(CUES)
    encoded = text_array(texts).dictionary_encode()  # texts repeat (templates): each distinct text read once
    which = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64)
    array = encoded.dictionary
    n = len(array)
    if n >= SPLIT_MIN_TEXTS:  # each text is counted on its own: the halves side by side when roi.parallel allows
        cut = n // 2
        halves = parallel.run_parts([{"head": lambda: _counts(array[:cut])}, {"tail": lambda: _counts(array[cut:])}])
        counts = np.concatenate([halves["head"], halves["tail"]])
    else:
        counts = _counts(array)
    best = counts.argmax(axis=1) if n else np.zeros(0, dtype=np.int64)
    top = counts.max(axis=1) if n else np.zeros(0, dtype=np.int64)
    tie = (counts == top[:, None]).sum(axis=1) > 1 if n else np.zeros(0, dtype=bool)
    guess = np.asarray(names, dtype=object)[best]
    guess = np.where((top > 0) & ~tie, guess, default)
    return pd.Series(guess[which], index=texts.index, dtype="string")


def resolve(texts: pd.Series, langs: pd.Series | None, default: str | None, *, guess: bool = True) -> pd.Series:
    """The language to match each text in: its ``lang`` (``es-ES`` -> ``es``), else a guess, else ``default``."""
    if langs is None:
        langs = pd.Series(pd.NA, index=texts.index, dtype="string")
    langs = langs.astype("string")
    # the distinct codes are few: clean each once
    which, distinct = pd.factorize(langs, use_na_sentinel=True)
    distinct = pd.Series(distinct, dtype="string")
    distinct = distinct.str.lower().str.split(r"[-_]", n=1, regex=True).str[0]
    distinct = distinct.where(distinct.str.len() > 0).astype("string")
    code = pd.Series(distinct.array.take(which, allow_fill=True), index=langs.index, name=langs.name, dtype="string")
    missing = code.isna().to_numpy()
    if missing.any():
        code[missing] = detect(texts[missing], default).to_numpy() if guess else default
    return code.astype("string")
