"""Features of the text judgment models: words, word prefixes, word pairs, cues and shape.

One vectorised pass over a column of texts (Arrow compute kernels and numpy; no Python
loop per message) turns every text into sparse features:

- ``w:<word>``: a word, lower case and without accents (``Gràcies`` -> ``gracies``);
- ``p:<prefix>``: the first :data:`PREFIX` letters of a longer word, so that inflections
  share a feature (``agradecemos``, ``agradecería`` -> ``p:agrad``);
- ``b:<word> <word>``: two words in a row (``no funciona``);
- ``c:<cue>``: a cue family of the message's language (``roi/models/cues/<lang>.toml``:
  greeting, gratitude, hedges, second person, hostile words...), matched on one to
  three words in a row;
- ``s:<shape>``: ``question`` (a ``?``), ``exclaim`` (a ``!``), ``caps`` (a word of three
  or more capitals), ``length`` (``log(1 + words)``), and, for models that ask for it,
  ``valence`` (the sentiment lexicon's word valences with negation, VADER's compound:
  :meth:`Tokens.valence`) and ``lexicon_polarity`` (the full rules of
  :func:`roi.sentiment.lexicon_polarity`).

Values: a word, prefix or pair occurrence adds ``1 / sqrt(words in the message)``, so
a feature's value is ``count / sqrt(n)`` (long messages do not win by length); a cue is
``log(1 + count)``; shapes are as listed. URLs and @handles are not words.

A model's decision is ``intercept + Σ weight(feature) × value(feature)`` over the
message's features (:mod:`roi.models.linear`).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from roi.errors import RoiError
from roi.prepared import prepared
from roi.schema import holds_combining_marks
from roi.text.chunks import Chunks, chunks, expand, holds
from roi.text.normalize import text_array

__all__ = ["CUE_LANGUAGES", "PREFIX", "SHAPES", "Tokens", "cue_names", "design", "tokenize"]

#: Letters of a word kept by its ``p:`` feature (only words longer than this have one).
PREFIX = 5

#: Languages with a cue file.
CUE_LANGUAGES = ("es", "en", "ca", "gl", "eu")

#: Shape features every model may use (``valence``, and ``lexicon_polarity``, only when the model asks for them).
SHAPES = ("question", "exclaim", "caps", "length")

_SPLIT = r"[^\p{L}\p{N}'<3]+"
_LINKS = r"https?://\S+|www\.\S+|@[\w.]+"


def _fold_array(words: pa.Array) -> pa.Array:
    """Lower case without accents (NFD, combining marks removed); ``·`` and ``'`` kept."""
    return pc.replace_substring_regex(pc.utf8_normalize(pc.utf8_lower(words), "NFD"), r"\p{Mn}", "")


@cache
def _cue_file(lang: str) -> dict:
    try:
        data = tomllib.loads(resources.files("roi.models").joinpath(f"cues/{lang}.toml").read_text("utf-8"))
    except (FileNotFoundError, tomllib.TOMLDecodeError) as error:  # a packaging fault, not user input
        raise RoiError(f"cue file roi/models/cues/{lang}.toml cannot be read ({error}). How to fix: reinstall roi.") from None
    return data


@cache
def cue_names() -> tuple[str, ...]:
    """Every cue family of every language, sorted (the ``c:`` features)."""
    names: set[str] = set()
    for lang in CUE_LANGUAGES:
        names.update(_cue_file(lang)["cues"])
    return tuple(sorted(names))


@cache
def _cue_entries(lang: str) -> pd.DataFrame:
    """``words`` (tuple of folded words, 1 to 3) and ``cue`` (its index in :func:`cue_names`), kept on
    disk for later processes (:func:`roi.prepared.prepared`)."""
    return prepared("cues", lambda: _read_cue_entries(lang), lang)


def _read_cue_entries(lang: str) -> pd.DataFrame:
    names = {name: i for i, name in enumerate(cue_names())}
    rows = []
    for cue, entries in _cue_file(lang)["cues"].items():
        folded = _fold_array(pa.array(entries, pa.large_string())).to_pylist()
        rows += [(tuple(f.split()), names[cue]) for f in folded]
    return pd.DataFrame(rows, columns=["words", "cue"]).drop_duplicates("words")


@dataclass
class Tokens:
    """The words of a column of texts.

    ``rows[i]`` is the message of word occurrence ``i`` and ``wid[i]`` its index in
    ``vocab`` (folded words, unique); ``n`` messages; ``lang`` the language per message;
    ``shape`` the shape features per message (:data:`SHAPES`).
    """

    n: int
    rows: np.ndarray
    wid: np.ndarray
    vocab: np.ndarray
    lang: np.ndarray
    n_words: np.ndarray
    shape: dict[str, np.ndarray]
    _cache: dict = field(default_factory=dict, repr=False)

    def pairs(self, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Runs of ``k`` words within one message: the position of their first word and an int64 key."""
        if ("pairs", k) not in self._cache:
            self._cache[("pairs", k)] = self._pairs(k)
        return self._cache[("pairs", k)]

    def cue_hits(self) -> tuple[np.ndarray, np.ndarray]:
        """Message and cue index of every cue found (computed once)."""
        if "cues" not in self._cache:
            self._cache["cues"] = _cue_hits(self)
        return self._cache["cues"]

    def names(self) -> tuple[np.ndarray, np.ndarray]:
        """``w:`` and ``p:`` feature names of every word of ``vocab`` (computed once)."""
        if "names" not in self._cache:
            words = "w:" + self.vocab.astype(str) if len(self.vocab) else np.zeros(0, dtype=object)
            self._cache["names"] = (words.astype(object), _prefixes(self.vocab))
        return self._cache["names"]

    def lang_groups(self) -> tuple[np.ndarray, np.ndarray]:
        """``(group, languages)``: the distinct languages of the messages and each message's
        number among them (``pd.factorize`` of ``lang``, computed once)."""
        if "lang_groups" not in self._cache:
            group, languages = pd.factorize(self.lang)
            self._cache["lang_groups"] = (group.astype(np.int64, copy=False), np.asarray(languages, dtype=object))
        return self._cache["lang_groups"]

    def codes_among(self, choices) -> np.ndarray:
        """Each message's language as its position in ``choices`` (``len(choices)`` when not there),
        as ``pd.Index(choices).get_indexer(lang)`` with the misses moved to the end."""
        group, languages = self.lang_groups()
        at = pd.Index(list(choices), dtype=object).get_indexer(languages) if len(languages) else np.zeros(0, np.int64)
        at = np.where(at < 0, len(choices), at).astype(np.int64)
        return np.r_[at, len(choices)][group]  # a missing language (group -1) reads the last entry

    def valence(self) -> np.ndarray:
        """``s:valence`` of every message (computed once): VADER's compound of the word valences.

        Each word's valence comes from the sentiment lexicon of the message's language
        (single words; :func:`roi.sentiment.lexicon_table`); a negator among the three words
        before it multiplies it by -0.74; ``valence = s / sqrt(s² + 15)`` with *s* the sum.
        A light, word-level version of :func:`roi.sentiment.lexicon_polarity`.
        """
        if "valence" not in self._cache:
            self._cache["valence"] = _valence(self)
        return self._cache["valence"]

    def _pairs(self, k: int) -> tuple[np.ndarray, np.ndarray]:
        m = len(self.wid)
        if m < k:
            return np.zeros(0, np.int64), np.zeros(0, np.int64)
        ok = np.ones(m - k + 1, dtype=bool)
        for j in range(1, k):
            ok &= self.rows[j:m - k + 1 + j] == self.rows[:m - k + 1]
        start = np.flatnonzero(ok)
        key = np.zeros(len(start), dtype=np.int64)
        size = np.int64(len(self.vocab) + 1)
        for j in range(k):
            key = key * size + self.wid[start + j]
        return start, key

    def key_of(self, words: list[tuple[str, ...]]) -> np.ndarray:
        """The int64 key of each run of words (-1 where a word is not in ``vocab``).

        The words of the lists asked about (cues, openings, a model's pairs: the same lists
        for every chunk of texts) are numbered once per process (:func:`_known_ids`); per
        chunk, the vocabulary is looked up once in those numbers, and each list's keys are
        integer gathers (:meth:`key_of_reference` is the direct look-up).
        """
        size = np.int64(len(self.vocab) + 1)
        keys = np.full(len(words), -1, dtype=np.int64)
        if not len(words):
            return keys
        ids = _known_ids(words)
        vocab_of = self._vocab_of_known()
        ids = np.where(ids >= 0, vocab_of[np.maximum(ids, 0)], -1)
        ok = (ids >= 0).all(axis=1)
        key = np.zeros(int(ok.sum()), dtype=np.int64)
        for j in range(ids.shape[1]):
            key = key * size + ids[ok, j]
        keys[ok] = key
        return keys

    def _vocab_of_known(self) -> np.ndarray:
        """For every known word (:func:`_known_ids`), its number in ``vocab`` (-1: not there)."""
        cached = self._cache.get("vocab_of_known")
        if cached is None or len(cached) != len(_KNOWN_INDEX[0]):
            known = _KNOWN_INDEX[0]
            cached = np.full(len(known), -1, dtype=np.int64)
            at = known.get_indexer(self.vocab) if len(self.vocab) else np.zeros(0, np.int64)
            found = at >= 0
            cached[at[found]] = np.flatnonzero(found)
            self._cache["vocab_of_known"] = cached
        return cached

    def key_of_reference(self, words: list[tuple[str, ...]]) -> np.ndarray:
        """:meth:`key_of` by direct look-ups of every word in the vocabulary (for the tests)."""
        if "index" not in self._cache:
            self._cache["index"] = pd.Index(self.vocab)
        index = self._cache["index"]
        size = np.int64(len(self.vocab) + 1)
        keys = np.full(len(words), -1, dtype=np.int64)
        if not len(words):
            return keys
        k = len(words[0])
        ids = np.stack([index.get_indexer([w[j] for w in words]) for j in range(k)], axis=1)
        ok = (ids >= 0).all(axis=1)
        key = np.zeros(int(ok.sum()), dtype=np.int64)
        for j in range(k):
            key = key * size + ids[ok, j]
        keys[ok] = key
        return keys


#: Every word of the lists given to :meth:`Tokens.key_of`, numbered in order of arrival: the
#: number of each (a dict) and their index (rebuilt when a list brings new words).
_KNOWN: dict[str, int] = {}
_KNOWN_INDEX: list = [pd.Index([], dtype=object)]
_KNOWN_LISTS: dict = {}  # id of a list -> (the list, its words' numbers)


def _known_ids(words: list[tuple[str, ...]]) -> np.ndarray:
    """The known-word number of every word of ``words`` (runs of the same length), shape ``(len, k)``."""
    cached = _KNOWN_LISTS.get(id(words))
    if cached is not None and cached[0] is words:
        return cached[1]
    added = False
    for run in words:
        for w in run:
            if w not in _KNOWN:
                _KNOWN[w] = len(_KNOWN)
                added = True
    if added:
        _KNOWN_INDEX[0] = pd.Index(list(_KNOWN), dtype=object)
    k = len(words[0])
    ids = np.array([[_KNOWN[w] for w in run] for run in words], dtype=np.int64).reshape(len(words), k)
    if len(_KNOWN_LISTS) > 64:
        _KNOWN_LISTS.clear()
    _KNOWN_LISTS[id(words)] = (words, ids)
    return ids


def _languages(lang, n: int) -> np.ndarray:
    if lang is None or isinstance(lang, str):
        return np.full(n, lang or "", dtype=object)
    values = pd.Series(lang).astype("string").fillna("").to_numpy(dtype=object)
    if len(values) != n:
        raise RoiError(f"lang has {len(values)} values for {n} texts. How to fix: pass one language, or one per text.")
    return values


def tokenize(texts, lang="es") -> Tokens:
    """Split texts into folded words (one pass) and measure their shape.

    Accents written as combining marks (``tra\u0301mites``) are composed first (Unicode
    NFC), so that the word stays whole (``tramites``), as for texts read by roi's readers.

    Parameters
    ----------
    texts : Series or sequence of str
        Missing texts count as empty.
    lang : str or Series
        ISO 639-1 code of every text, or one per text (for the cues).
    """
    original = text_array(pd.Series(texts, dtype="object") if not isinstance(texts, pd.Series) else texts, keep_nul=True)
    if holds_combining_marks(original):  # accents written after their letter: composed, or they cut the word
        original = pc.utf8_normalize(original, "NFC")
    t = pc.replace_substring(original, "\x00", " ") if _holds_nul(original) else original
    n = len(t)
    base = chunks(t)  # the texts as given, cut at white space (kept: other tokenisers start from them)
    # links and handles never span white space: removed from each distinct chunk, with the shapes
    distinct = base.distinct
    if pc.any(pc.match_substring_regex(distinct, r"https?://|www\.|@")).as_py():
        distinct = pc.replace_substring_regex(distinct, _LINKS, " ")
    parts = Chunks(n=n, row=base.row, code=base.code, distinct=distinct)
    shape = {
        "question": _any(parts, pc.greater(pc.count_substring(distinct, "?"), 0)),
        "exclaim": _any(parts, pc.greater(pc.count_substring(distinct, "!"), 0)),
        "caps": _any(parts, pc.match_substring_regex(distinct, r"\b\p{Lu}{3,}\b")),
    }
    rows, wid, vocab = _words(parts)
    n_words = np.bincount(rows, minlength=n).astype(np.int64)
    shape["length"] = np.log1p(n_words)
    tokens = Tokens(n=n, rows=rows, wid=wid, vocab=vocab, lang=_languages(lang, n), n_words=n_words, shape=shape)
    tokens._cache["chunks"], tokens._cache["texts"] = base, original
    return tokens


def _holds_nul(texts: pa.Array) -> bool:
    """Whether a string array holds a NUL (:func:`roi.text.chunks.holds`)."""
    return holds(texts, "\x00")


def _any(parts: Chunks, flag: pa.Array) -> np.ndarray:
    """1.0 for the texts with a chunk whose ``flag`` (one per distinct chunk) is true, else 0.0."""
    out = np.zeros(parts.n)
    out[parts.row[flag.to_numpy(zero_copy_only=False)[parts.code]]] = 1.0
    return out


def _words(parts: Chunks) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The folded words of the chunks of texts without links: ``(rows, wid, vocab)`` as in :class:`Tokens`.

    A word is a run of letters, digits, ``'``, ``<`` and ``3`` of the lower-cased text
    (the text split at :data:`_SPLIT`), folded (:func:`_fold_array`). White space is a
    separator, so the split runs once per distinct white-space chunk
    (:mod:`roi.text.chunks`) and each distinct word is folded once.
    """
    split = pc.split_pattern_regex(pc.utf8_lower(parts.distinct), _SPLIT)
    rows, piece = expand(parts, split)
    pieces = pc.list_flatten(split)
    encoded = pieces.dictionary_encode()
    code = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64)
    folded = _fold_array(encoded.dictionary)
    refold = folded.dictionary_encode()
    fid = refold.indices.to_numpy(zero_copy_only=False).astype(np.int64)
    empty = pc.equal(refold.dictionary, "").to_numpy(zero_copy_only=False)
    # words numbered as the reference numbers them: by first occurrence, empty pieces dropped
    word = fid[code[piece]]
    kept = ~empty[word]
    word, rows = word[kept], rows[kept]
    m = len(word)
    first = np.full(len(refold.dictionary), m, dtype=np.int64)
    first[word[::-1]] = np.arange(m - 1, -1, -1, dtype=np.int64)  # the last write wins: the first occurrence
    order = np.flatnonzero(first < m)
    order = order[np.argsort(first[order], kind="stable")]
    renumber = np.full(len(refold.dictionary), -1, dtype=np.int64)
    renumber[order] = np.arange(len(order))
    vocab = refold.dictionary.take(pa.array(order)).to_numpy(zero_copy_only=False).astype(object)
    return rows, renumber[word], vocab


@cache
def _cues_by_length(lang: str) -> dict[int, tuple[list[tuple[str, ...]], np.ndarray]]:
    """The cue entries of a language by their number of words (1 to 3): the words and the cue index."""
    entries = _cue_entries(lang)
    out = {}
    for k in (1, 2, 3):
        chosen = entries[entries["words"].map(len) == k]
        if not chosen.empty:
            out[k] = (chosen["words"].tolist(), chosen["cue"].to_numpy())
    return out


def _cue_hits(tokens: Tokens) -> tuple[np.ndarray, np.ndarray]:
    """Message and cue index of every cue found (runs of 1 to 3 words of the message's language).

    A cue of one word is read from a table over the vocabulary; a cue of ``k`` words is
    looked for only where a word that begins one of them stands (a table over the
    vocabulary too), its ``k`` words then numbered as :meth:`Tokens.key_of` numbers them.
    Where two cues share their words, the first listed wins.
    """
    out_rows, out_cues = [], []
    present = set(tokens.lang_groups()[1].tolist())
    languages = [lang for lang in CUE_LANGUAGES if lang in present]
    if not languages or not len(tokens.wid):
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    code = tokens.codes_among(languages)  # no cue file: the last row of the tables below
    n_vocab = len(tokens.vocab)
    size = np.int64(n_vocab + 1)
    m = len(tokens.wid)
    # per language (rows) and word of the vocabulary: its one-word cue, and whether it begins a cue of k words
    single = np.full((len(languages) + 1, n_vocab), -1, dtype=np.int64)
    begins = {k: np.zeros((len(languages) + 1, n_vocab), dtype=bool) for k in (2, 3)}
    tables = {}
    for i, lang in enumerate(languages):
        for k, (words, cues) in _cues_by_length(lang).items():
            cue_keys = tokens.key_of(words)
            found = cue_keys >= 0
            if not found.any():
                continue
            table = pd.Series(cues[found], index=cue_keys[found])
            table = table[~table.index.duplicated()]
            if k == 1:  # the key of one word is its number in the vocabulary
                single[i, table.index.to_numpy()] = table.to_numpy()
            else:
                begins[k][i, table.index.to_numpy() // size ** (k - 1)] = True
                tables[i, k] = table
    where = code[tokens.rows] * np.int64(n_vocab) + tokens.wid  # (language, word) of every word
    cue = single.ravel()[where]
    ok = np.flatnonzero(cue >= 0)
    out_rows.append(tokens.rows[ok])
    out_cues.append(cue[ok])
    for k in (2, 3):
        if not any(key[1] == k for key in tables):
            continue
        start = np.flatnonzero(begins[k].ravel()[where])
        start = start[start + k - 1 < m]
        start = start[tokens.rows[start + k - 1] == tokens.rows[start]]
        key = np.zeros(len(start), dtype=np.int64)
        for j in range(k):
            key = key * size + tokens.wid[start + j]
        start_lang = code[tokens.rows[start]]
        for i in range(len(languages)):
            if (i, k) not in tables:
                continue
            table = tables[i, k]
            here = start_lang == i
            hit = table.index.get_indexer(key[here])
            ok = hit >= 0
            out_rows.append(tokens.rows[start[here][ok]])
            out_cues.append(table.to_numpy()[hit[ok]])
    if not out_rows:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    return np.concatenate(out_rows), np.concatenate(out_cues).astype(np.int64)


def _valence_words(lang: str) -> tuple[pd.Index, np.ndarray, np.ndarray]:
    """The single-word entries of a language's sentiment lexicon, folded (the first of equal folds
    kept): their index, valences and negator flags (built once per lexicon)."""
    from roi.sentiment import _lexicon, lexicon_table

    lex = _lexicon(lang)
    known = _VALENCE_WORDS.get(lang)
    if known is None or known[0] is not lex:
        table = lexicon_table(lang)
        single = table[table["n_words"] == 1]
        keys = _fold_array(pa.array(single["key"].astype(str).tolist(), pa.large_string())).to_numpy(zero_copy_only=False)
        single = single.assign(folded=keys).drop_duplicates("folded")
        known = (lex, pd.Index(single["folded"].to_numpy(dtype=object)), single["valence"].to_numpy(dtype=float),
                 single["negator"].to_numpy(dtype=bool))
        _VALENCE_WORDS[lang] = known
    return known[1], known[2], known[3]


_VALENCE_WORDS: dict = {}


def _valence(tokens: Tokens) -> np.ndarray:
    """``s:valence`` (:meth:`Tokens.valence`): each word's valence and negator flag read from a table
    over (language, word of the vocabulary)."""
    from roi.sentiment import ALPHA, LANGUAGES, NEGATION_SCALAR, WINDOW

    n_vocab = len(tokens.vocab)
    codes, languages = tokens.lang_groups()
    # one row per language of the messages, and a last row of zeros (no lexicon, or no language)
    word_value = np.zeros((len(languages) + 1, n_vocab))
    word_negator = np.zeros((len(languages) + 1, n_vocab), dtype=bool)
    for i, lang in enumerate(languages):
        if lang not in LANGUAGES or not n_vocab:
            continue
        index, valences, negators = _valence_words(lang)
        entry = index.get_indexer(tokens.vocab)  # the vocabulary and the folded entries are both unique
        known = entry >= 0
        word_value[i, known] = valences[entry[known]]
        word_negator[i, known] = negators[entry[known]]
    codes = np.where(codes < 0, len(languages), codes).astype(np.int64)
    where = codes[tokens.rows] * np.int64(n_vocab) + tokens.wid
    value = word_value.ravel()[where]
    negator = word_negator.ravel()[where]
    negated = np.zeros(len(value), dtype=bool)
    for k in range(1, WINDOW + 1):
        if len(value) > k:
            same = tokens.rows[k:] == tokens.rows[:-k]
            negated[k:] |= negator[:-k] & same
    at = np.flatnonzero(negated & ~negator)
    value[at] = value[at] * NEGATION_SCALAR
    total = np.bincount(tokens.rows, weights=value, minlength=tokens.n)
    return total / np.sqrt(total * total + ALPHA)


def _valence_reference(tokens: Tokens) -> np.ndarray:
    """``s:valence`` word by word per language, as first written (kept for the tests of :func:`_valence`)."""
    from roi.sentiment import ALPHA, LANGUAGES, NEGATION_SCALAR, WINDOW, lexicon_table

    value = np.zeros(len(tokens.wid))
    negator = np.zeros(len(tokens.wid), dtype=bool)
    index = pd.Index(tokens.vocab)
    row_lang = tokens.lang[tokens.rows] if len(tokens.rows) else np.zeros(0, dtype=object)
    for lang in np.unique(tokens.lang):
        if lang not in LANGUAGES:
            continue
        table = lexicon_table(lang)
        single = table[table["n_words"] == 1]
        keys = _fold_array(pa.array(single["key"].astype(str).tolist(), pa.large_string())).to_numpy(zero_copy_only=False)
        single = single.assign(folded=keys).drop_duplicates("folded")
        pos = index.get_indexer(single["folded"].to_numpy(dtype=object))
        known = pos >= 0
        word_value = np.zeros(len(tokens.vocab))
        word_value[pos[known]] = single["valence"].to_numpy(dtype=float)[known]
        word_negator = np.zeros(len(tokens.vocab), dtype=bool)
        word_negator[pos[known]] = single["negator"].to_numpy(dtype=bool)[known]
        here = row_lang == lang
        value[here] = word_value[tokens.wid[here]]
        negator[here] = word_negator[tokens.wid[here]]
    negated = np.zeros(len(value), dtype=bool)
    for k in range(1, WINDOW + 1):
        if len(value) > k:
            same = tokens.rows[k:] == tokens.rows[:-k]
            negated[k:] |= negator[:-k] & same
    value = np.where(negated & ~negator, value * NEGATION_SCALAR, value)
    total = np.bincount(tokens.rows, weights=value, minlength=tokens.n)
    return total / np.sqrt(total * total + ALPHA)


def _prefixes(vocab: np.ndarray) -> np.ndarray:
    """``p:`` feature name of each word (None for words of :data:`PREFIX` letters or fewer)."""
    array = pa.array(vocab, pa.large_string())
    longer = pc.greater(pc.utf8_length(array), PREFIX).to_numpy(zero_copy_only=False)
    prefix = pc.utf8_slice_codeunits(array, 0, PREFIX).to_numpy(zero_copy_only=False).astype(object)
    return np.where(longer, "p:" + prefix, None)


@dataclass(frozen=True)
class Design:
    """Sparse features as coordinates: ``value`` of feature ``col`` in message ``row``."""

    n: int
    row: np.ndarray
    col: np.ndarray
    value: np.ndarray
    features: list[str]


def design(tokens: Tokens, features: list[str] | None = None, *, min_df: int = 2, shapes=SHAPES,
           extra: dict[str, np.ndarray] | None = None) -> Design:
    """The features of every message, over a fixed feature list or one built from the data.

    Parameters
    ----------
    tokens : Tokens
        From :func:`tokenize`.
    features : list of str, optional
        A model's feature names: features outside it are dropped. Without it, the list
        is every cue and shape, plus the words, prefixes and pairs found in at least
        ``min_df`` messages (for training).
    shapes : sequence of str
        The shape features to include.
    extra : dict, optional
        Further per-message features (e.g. ``{"s:lexicon_polarity": array}``).
    """
    n = tokens.n
    norm = 1.0 / np.sqrt(np.maximum(tokens.n_words, 1))
    word_names, prefix_names = tokens.names()
    start, pair_key = tokens.pairs(2)
    pair_row = tokens.rows[start]

    # candidate occurrences: (row, name-space code, local id)
    if features is None:
        df_min = max(int(min_df), 1)
        word_df = np.bincount(np.unique(tokens.rows * np.int64(len(tokens.vocab) + 1) + tokens.wid) % (len(tokens.vocab) + 1),
                              minlength=len(tokens.vocab)) if len(tokens.wid) else np.zeros(len(tokens.vocab), np.int64)
        chosen_words = word_names[word_df >= df_min].tolist()
        prefix_df = pd.Series(word_df, index=prefix_names).groupby(level=0).sum() if len(prefix_names) else pd.Series(dtype=int)
        chosen_prefixes = prefix_df[prefix_df >= df_min].index.tolist()
        if len(pair_key):
            uniq_pairs, pair_df = np.unique(_row_key_pairs(pair_row, pair_key), return_counts=True)
        else:
            uniq_pairs, pair_df = np.zeros(0, np.int64), np.zeros(0, np.int64)
        kept_pairs = uniq_pairs[pair_df >= df_min]
        size = np.int64(len(tokens.vocab) + 1)
        pair_names = ["b:" + tokens.vocab[a] + " " + tokens.vocab[b] for a, b in zip((kept_pairs // size).tolist(),
                                                                                     (kept_pairs % size).tolist(), strict=True)]
        features = ([f"s:{s}" for s in shapes] + [f"c:{c}" for c in cue_names()] + sorted(extra or {})
                    + chosen_words + chosen_prefixes + pair_names)
    index, pair_features, pair_words, pair_cols = _feature_index(features)

    parts_row, parts_col, parts_val = [], [], []
    # words and prefixes: per occurrence, through the vocabulary
    for names in (word_names, prefix_names):
        if not len(names):
            continue
        col_of_word = index.get_indexer(names)
        col = col_of_word[tokens.wid]
        ok = col >= 0
        parts_row.append(tokens.rows[ok])
        parts_col.append(col[ok])
        parts_val.append(norm[tokens.rows[ok]])
    # pairs: the model's pairs as keys of this vocabulary
    if pair_features and len(pair_key):
        keys = tokens.key_of(pair_words)
        known = keys >= 0
        table = pd.Index(keys[known])
        cols = pair_cols[known]
        # looked up only where a word that begins one of the model's pairs stands
        begins = np.zeros(len(tokens.vocab) + 1, dtype=bool)
        begins[keys[known] // np.int64(len(tokens.vocab) + 1)] = True
        cand = np.flatnonzero(begins[tokens.wid[start]])
        hit = table.get_indexer(pair_key[cand])
        ok = hit >= 0
        parts_row.append(pair_row[cand[ok]])
        parts_col.append(cols[hit[ok]])
        parts_val.append(norm[pair_row[cand[ok]]])
    # cues: log(1 + count) per message
    cue_rows, cue_ids = tokens.cue_hits()
    if len(cue_rows):
        names = cue_names()
        key, count = np.unique(cue_rows * np.int64(len(names)) + cue_ids, return_counts=True)
        cols = index.get_indexer(pd.Index([f"c:{name}" for name in names]))[key % len(names)]
        ok = cols >= 0
        parts_row.append((key // len(names))[ok])
        parts_col.append(cols[ok])
        parts_val.append(np.log1p(count[ok]).astype(float))
    # shapes and extra per-message features
    dense = {f"s:{s}": tokens.shape[s] for s in shapes if s in tokens.shape} | dict(extra or {})
    if "valence" in shapes and "s:valence" in index:
        dense["s:valence"] = tokens.valence()
    for name, values in dense.items():
        col = index.get_indexer([name])[0]
        if col < 0:
            continue
        values = np.nan_to_num(np.asarray(values, dtype=float))
        nz = np.flatnonzero(values != 0)
        parts_row.append(nz.astype(np.int64))
        parts_col.append(np.full(len(nz), col, dtype=np.int64))
        parts_val.append(values[nz])
    if parts_row:
        row = np.concatenate(parts_row).astype(np.int64, copy=False)
        col = np.concatenate(parts_col).astype(np.int64, copy=False)
        value = np.concatenate(parts_val).astype(float, copy=False)
    else:
        row, col, value = np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, float)
    return Design(n=n, row=row, col=col, value=value, features=list(features))


_FEATURES: list = []  # [features, (index, pair features, their words)]: the last list read


def _feature_index(features: list[str]) -> tuple[pd.Index, list[str], list[tuple[str, ...]], np.ndarray]:
    """The index of a feature list, its pair features, their words and their positions in the list
    (kept for the same list object)."""
    if _FEATURES and _FEATURES[0] is features:
        return _FEATURES[1]
    index = pd.Index(features)
    if not index.is_unique:
        raise RoiError("a model lists a feature twice. How to fix: retrain the model or repair its weight file.")
    pair_features = [f for f in features if f.startswith("b:")]
    found = (index, pair_features, [tuple(f[2:].split(" ", 1)) for f in pair_features],
             index.get_indexer(pair_features).astype(np.int64))
    _FEATURES[:] = [features, found]
    return found


def _row_key_pairs(rows: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """Each pair key once per message (for document frequencies)."""
    frame = pd.DataFrame({"r": rows, "k": keys}).drop_duplicates()
    return frame["k"].to_numpy()
