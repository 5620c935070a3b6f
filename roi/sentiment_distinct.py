"""The lexicon rules of :mod:`roi.sentiment` on distinct chunks and tokens: the same polarity, faster.

:func:`roi.sentiment.lexicon_polarity` reads every token of every message with Arrow
kernels: clean-up expressions over the whole text, case and lexicon lookups per token,
phrases joined as strings. Messages repeat their pieces, so here

1. the rare clean-ups (emoticons, elisions, links, laughter...) run, as in the
   reference, on the texts that hold one;
2. the texts are cut at white space into chunks (:mod:`roi.text.chunks`); the
   reference's two remaining expressions (anything that is not a letter, digit, ``'``,
   ``·``, punctuation or emoji becomes a space; punctuation and emoji are split off)
   never look across white space, so they run once per *distinct* chunk, and the tokens
   of every message are gathered from those of its chunks;
3. case, capitals and the lexicon entry (as written, then without accents) are found
   once per distinct token, per language;
4. phrases are matched on integers: each distinct token's canonical form (its lexicon
   key, or its lower case) is numbered among the words of the language's phrases
   (``-1`` for any other word), and a run of *n* tokens is the number
   ``sum_j id_j · (V + 1)^(n-1-j)``, compared with the phrases' numbers (*V* words);
5. the rules (boosters, capitals, negation, contrast, sarcasm, emphasis) are the
   reference's numpy code, run on the tokens that have a lexicon entry (only they carry
   a rule), each with its position among its message's tokens, in the same order; so
   every sum adds the same terms in the same order (the tokens without an entry add
   zeros) and the polarity is the same number, bit for bit.

``tests/test_sentiment_distinct.py`` checks the equality on varied texts.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from roi.sentiment import (
    _EMOJI,
    _EMOTICONS,
    _RARE,
    _RARE_ANY,
    ALPHA,
    BOOSTER_DECAY,
    CAPS_INCREMENT,
    EXCLAMATION_INCREMENT,
    EXCLAMATION_MAX,
    LANGUAGES,
    QUESTION_CAP,
    QUESTION_INCREMENT,
    WINDOW,
    _adjust,
    _clauses,
    _Lexicon,
    _lexicon,
    _lookup,
    _where,
)
from roi.text.chunks import Chunks, chunks, expand, holds, splice

__all__ = ["polarity_of"]

#: The rare step of emoticons in ``roi.sentiment._RARE`` (its expressions take the white space around).
_EMOTICON = next(i for i, (_, steps) in enumerate(_RARE) if steps is _EMOTICONS)

#: Where an emoticon may be once typographic apostrophes are plain (the first rare step): ``:’(``.
_EMOTICON_GATE = r"(?:^|\s)(?:[:;=]-?['’‘´`]?[()D/\\]|[xX][dD]|<3)"

#: The emoticon gate at the start of a white-space chunk (``(?:^|\s)`` is where a chunk begins).
_EMOTICON_START = "^" + _EMOTICON_GATE.removeprefix(r"(?:^|\s)")

#: Largest key a run of words may take (keys are int64).
_LIMIT = np.iinfo(np.int64).max


def _tokens(original: pa.Array, parts: Chunks | None = None) -> tuple[np.ndarray, np.ndarray, pa.Array]:
    """``(msg, token, distinct)``: for every token of every message, in order, its message and
    its number among the ``distinct`` tokens (case kept), as the reference tokeniser cuts them.

    The reference also keeps an empty token where a cleaned text begins or ends with white
    space; it has no effect on any rule (nothing precedes the first, nothing follows the
    last, and it is in no lexicon), so here no empty token is kept.
    """
    if parts is None:
        parts = chunks(pc.replace_substring(original, "\x00", " "))
    rare = pc.match_substring_regex(original, _RARE_ANY)
    if pc.any(rare).as_py():
        # the rare steps, but the emoticons', never look across white space: they run on the distinct
        # chunks; a text with an emoticon (whose expressions take the white space around it) or a NUL
        # (white space in the chunks, not to an expression) takes them all on its whole text
        # (the emoticon gate begins at the text's start or after white space: at the start of a
        # white-space chunk, so it is read once per distinct chunk; a NUL is white space in the
        # chunks, but a text with one takes the whole-text path anyway)
        rare_rows = np.flatnonzero(rare.to_numpy(zero_copy_only=False))
        at_start = pc.match_substring_regex(parts.distinct, _EMOTICON_START).to_numpy(zero_copy_only=False)
        emoticon = np.zeros(parts.n, dtype=bool)
        emoticon[parts.row[at_start[parts.code]]] = True
        gated = emoticon[rare_rows]
        if holds(original, "\x00"):
            gated |= pc.match_substring(original.take(pa.array(rare_rows)), "\x00").to_numpy(zero_copy_only=False)
        whole = rare_rows[gated]
        distinct = parts.distinct
        for i, (gate, steps) in enumerate(_RARE):
            if i != _EMOTICON:
                distinct = _where(distinct, gate, steps)
        parts = Chunks(n=parts.n, row=parts.row, code=parts.code, distinct=distinct)
        if len(whole):
            changed = original.take(pa.array(whole))
            for gate, steps in _RARE:
                changed = _where(changed, gate, steps)
            parts = splice(parts, whole, chunks(changed))
    clean = pc.replace_substring_regex(parts.distinct, r"[^\pL\pN\s'·!?¡¿.,;:…" + _EMOJI + r"]+", " ")
    clean = pc.replace_substring_regex(clean, r"([!?¡¿.,;:…]|[" + _EMOJI + r"])", r" \1 ")
    split = pc.utf8_split_whitespace(clean)
    pieces = pc.list_flatten(split)
    full = pc.greater(pc.utf8_length(pieces), 0)
    counts = np.bincount(pc.list_parent_indices(split).to_numpy(zero_copy_only=False).astype(np.int64),
                         weights=full.to_numpy(zero_copy_only=False), minlength=len(split)).astype(np.int32)
    split = pa.ListArray.from_arrays(pa.array(np.r_[0, np.cumsum(counts)].astype(np.int32)), pieces.filter(full))
    msg, piece = expand(parts, split)
    encoded = pc.list_flatten(split).dictionary_encode()
    code = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64)
    return msg, code[piece], encoded.dictionary


class _Language:
    """A language's lexicon as arrays: the rule attributes per entry and its phrases as integer keys
    over the words they are made of."""

    def __init__(self, lex: _Lexicon) -> None:
        self.lex = lex
        table = lex.table
        self.valence = table["valence"].to_numpy(float)
        self.negator = table["negator"].to_numpy(bool)
        self.booster = table["booster"].to_numpy(float)
        self.contrast = table["contrast"].to_numpy(bool)
        self.breaker = table["breaker"].to_numpy(bool)
        keys = table["key"].to_numpy(object)
        self.bang, self.question = keys == "!", keys == "?"
        words = sorted({w for phrase, _ in lex.phrases.values() for key in phrase.to_pylist() for w in key.split(" ")})
        self.words = pd.Index(words)
        self.size = np.int64(len(words) + 1)
        self.phrases = {}
        self.begins = {}  # n -> whether each phrase word (and, last, -1: none) begins a phrase of n words
        for n, (phrase, ids) in lex.phrases.items():
            if float(self.size) ** n >= _LIMIT:  # not expected: a few hundred phrase words, phrases of a few words
                raise OverflowError("phrase keys do not fit in 64 bits")
            split = [key.split(" ") for key in phrase.to_pylist()]
            key = np.zeros(len(split), dtype=np.int64)
            for j in range(n):
                key = key * self.size + self.words.get_indexer([w[j] for w in split])
            self.phrases[n] = (pd.Index(key), ids)
            self.begins[n] = np.zeros(len(words) + 1, dtype=bool)
            self.begins[n][self.words.get_indexer([w[0] for w in split])] = True


_LANGUAGES: dict[str, _Language] = {}


def _language(code: str) -> _Language:
    if code not in _LANGUAGES:
        _LANGUAGES[code] = _Language(_lexicon(code))
    return _LANGUAGES[code]


def _match_phrases(entry: np.ndarray, msg: np.ndarray, word_of: np.ndarray, where: np.ndarray, start: np.ndarray,
                   language: _Language) -> np.ndarray:
    """The reference's phrase matching (``roi.sentiment._phrases``) on integers: ``entry`` gets the
    phrase's entry at its first token (in place); returns the positions of the other tokens of
    the phrases found (dropped, as the reference's ``keep``).

    ``word_of[where]``: the phrase-word number of each token's canonical form (-1: in no phrase);
    ``start``: the positions, in this language's messages, whose canonical form begins a
    phrase. Longest phrases first; a phrase may not overlap one already found, nor follow
    a candidate of its length by fewer than its length.
    """
    n_tokens = len(entry)
    covered = np.zeros(0, dtype=np.int64)  # sorted positions inside phrases found
    dropped = []
    first = word_of[where[start]]
    for n, (keys, ids) in language.phrases.items():
        cand = start[language.begins[n][first] & (start + n <= n_tokens)]  # the others match no phrase of n words
        cand = cand[msg[cand + n - 1] == msg[cand]]
        if len(cand) == 0:
            continue
        key = np.zeros(len(cand), dtype=np.int64)
        known = np.ones(len(cand), dtype=bool)
        for k in range(n):
            w = word_of[where[cand + k]]
            known &= w >= 0
            key = key * language.size + w
        hit = np.where(known, keys.get_indexer(key), -1)
        found = hit >= 0
        cand, hit = cand[found], hit[found]
        if len(covered):  # free: no covered position in [cand, cand + n)
            at = np.searchsorted(covered, cand)
            free = (at == len(covered)) | (covered[np.minimum(at, len(covered) - 1)] >= cand + n)
            cand, hit = cand[free], hit[free]
        if len(cand) > 1:
            clash = np.r_[False, np.diff(cand) < n]
            cand, hit = cand[~clash], hit[~clash]
        if not len(cand):
            continue
        entry[cand] = ids[hit]
        inside = (cand[:, None] + np.arange(n)).ravel()
        covered = np.sort(np.concatenate([covered, inside]))
        dropped.append((cand[:, None] + np.arange(1, n)).ravel())
    return np.concatenate(dropped) if dropped else np.zeros(0, dtype=np.int64)


def polarity_of(texts: pa.Array, codes: np.ndarray | None, parts: Chunks | None = None, *,
                groups: tuple[np.ndarray, np.ndarray] | None = None) -> np.ndarray:
    """The polarity of each text by the lexicon rules, as :func:`roi.sentiment.lexicon_polarity`.

    Parameters
    ----------
    texts : pyarrow string array
        The texts, missing ones as null (scored as empty).
    codes : ndarray of object
        The language of each text (``roi.sentiment._languages``); a language without a
        lexicon gets NaN.
    parts : Chunks, optional
        :func:`roi.text.chunks.chunks` of :func:`roi.text.normalize.text_array` of the same
        texts, when the caller has it (the model tokeniser's): the texts are then not cut
        again (a NUL, a space there, is no token here either).
    groups : (ndarray, ndarray), optional
        Instead of ``codes``: ``(group, distinct)`` with ``codes == distinct[group]``
        (``group`` of -1: no language), when the caller has grouped the languages.

    Returns
    -------
    ndarray
        ``s / sqrt(s² + 15)`` per text, *s* the sum of the token contributions plus the
        emphasis (module docstring of :mod:`roi.sentiment`).

    Notes
    -----
    Only the tokens with a lexicon entry carry a rule (valence, booster, negator,
    contrast, clause end), so the rules run on those alone, each with its position among
    the message's tokens: a booster or negator acts at a distance of 1 to 3 positions,
    which is one of the three entries before it at most.
    """
    n = len(texts)
    out = np.full(n, np.nan)
    original = pc.fill_null(texts, "")
    if groups is None:
        groups = pd.factorize(np.asarray(codes, dtype=object))
    group, distinct_codes = np.asarray(groups[0], dtype=np.int64), np.asarray(groups[1], dtype=object)
    present = set(distinct_codes[np.unique(group[group >= 0])].tolist()) if len(group) else set()
    langs = [code for code in LANGUAGES if code in present]
    if not langs:
        return out
    msg, token, distinct = _tokens(original, parts)
    lower = pc.utf8_lower(distinct)
    capitals = pc.utf8_upper(distinct)
    alpha_d = pc.not_equal(lower, capitals).to_numpy(zero_copy_only=False)
    upper_d = alpha_d & pc.equal(distinct, capitals).to_numpy(zero_copy_only=False) & (
        pc.utf8_length(distinct).to_numpy() >= 2)
    n_alpha = np.bincount(msg, weights=alpha_d.astype(float)[token], minlength=n)
    n_upper = np.bincount(msg, weights=upper_d.astype(float)[token], minlength=n)
    mixed = (n_upper > 0) & (n_upper < n_alpha)
    lang_of = pd.Index(langs).get_indexer(distinct_codes).astype(np.int64) if len(distinct_codes) else np.zeros(0, np.int64)
    lang_of[lang_of < 0] = len(langs)  # no lexicon: the last row of the tables below
    lang_of = np.r_[lang_of, len(langs)][group]  # a missing language (group -1) reads the last entry
    n_distinct = len(distinct)
    # per language and distinct token: entry, phrase-word number, begins a phrase (the last row: no language)
    entry_of = np.full((len(langs) + 1, n_distinct), -1, dtype=np.int64)
    word_of = np.full((len(langs) + 1, n_distinct), -1, dtype=np.int64)
    start_of = np.zeros((len(langs) + 1, n_distinct), dtype=bool)
    languages = [_language(code) for code in langs]
    for i, language in enumerate(languages):
        lex = language.lex
        entry_of[i] = _lookup(lower, lex)
        if language.phrases:
            canonical = pc.if_else(pa.array(entry_of[i] >= 0), lex.exact.take(pa.array(np.maximum(entry_of[i], 0))),
                                   lower)
            word_of[i] = language.words.get_indexer(canonical.to_numpy(zero_copy_only=False).astype(object))
            start_of[i] = pc.is_in(canonical, value_set=lex.starts).to_numpy(zero_copy_only=False)
    where = lang_of[msg] * np.int64(n_distinct) + token  # (language, distinct token) of each token
    entry = entry_of.ravel()[where]
    starts = np.flatnonzero(start_of.ravel()[where])
    token_lang = lang_of[msg[starts]]
    dropped = [np.zeros(0, dtype=np.int64)]
    for i, language in enumerate(languages):
        if language.phrases:
            start = starts[token_lang == i]
            if len(start):
                dropped.append(_match_phrases(entry, msg, word_of.ravel(), where, start, language))
    dropped = np.sort(np.concatenate(dropped))

    # tokens with an entry: their attributes in their message's language
    at = np.flatnonzero(entry >= 0)
    lang_at = lang_of[msg[at]]
    e = entry[at]
    offsets = np.cumsum([0] + [len(language.valence) for language in languages])
    g = e + offsets[lang_at]  # entry id among the languages' tables side by side

    def side(name):
        return np.concatenate([getattr(language, name) for language in languages])

    bang, question = side("bang")[g], side("question")[g]
    n_bang = np.bincount(msg[at[bang]], minlength=n)
    n_question = np.bincount(msg[at[question]], minlength=n)
    if len(dropped):
        kept = dropped[np.minimum(np.searchsorted(dropped, at), len(dropped) - 1)] != at
        at, g, lang_at = at[kept], g[kept], lang_at[kept]
    position = at - np.searchsorted(dropped, at)  # among the kept tokens
    msg_c = msg[at]
    upper = upper_d[token[at]]
    valence, negator, booster = side("valence")[g], side("negator")[g], side("booster")[g]
    contrast, breaker = side("contrast")[g], side("breaker")[g]

    # the reference's rules (roi.sentiment._score_chunk), on these tokens in the same order
    clause, sign, scored, mixed_tok, boost_total, negated = _clauses(msg_c, breaker, contrast, valence, mixed)
    index = np.arange(len(msg_c))
    # distance in tokens to each of the WINDOW entries before (0 where there is none)
    distance = [np.r_[np.zeros(min(d, len(msg_c)), np.int64), position[d:] - position[:-d]] for d in range(1, WINDOW + 1)]
    for k in range(1, WINDOW + 1):
        # the token k positions before: one of the WINDOW entries before, if any is there
        prev = np.full(len(msg_c), -1, dtype=np.int64)
        for d in range(WINDOW, 0, -1):
            prev = np.where(distance[d - 1] == k, index - d, prev)
        there = prev >= 0
        p = np.maximum(prev, 0)
        same = there & (clause[p] == clause)
        b = np.where(there, booster[p], 0.0)
        b = b + np.where(there & upper[p] & (b != 0) & mixed_tok, np.sign(b) * CAPS_INCREMENT, 0.0)
        boost_total += np.where(same, b * BOOSTER_DECAY[k - 1], 0.0)
        negated |= same & negator[p]
    valence, _, _, _ = _adjust(valence, sign, boost_total, scored, upper, mixed_tok, negated, negator,
                               msg_c, position, contrast, n)
    sarcastic = np.zeros(n, dtype=bool)
    positive = valence > 0
    for i, language in enumerate(languages):
        if not language.lex.sarcasm:
            continue
        candidates = msg_c[positive & (lang_at == i)]  # in order: distinct by neighbours
        candidates = candidates[np.r_[True, candidates[1:] != candidates[:-1]]] if len(candidates) else candidates
        if len(candidates):
            lowered = pc.utf8_lower(original.take(pa.array(candidates)))
            sarcastic[candidates] = pc.match_substring_regex(lowered, language.lex.sarcasm).to_numpy(
                zero_copy_only=False)
    flipped = sarcastic[msg_c] & positive
    valence = np.where(flipped, -valence, valence)

    total = np.bincount(msg_c, weights=valence, minlength=n)  # the tokens without an entry add 0
    emphasis = np.minimum(n_bang, EXCLAMATION_MAX) * EXCLAMATION_INCREMENT
    emphasis = emphasis + np.where(n_question > 3, QUESTION_CAP, np.where(n_question > 1, n_question * QUESTION_INCREMENT, 0.0))
    emphasis = np.sign(total) * emphasis
    raw = total + emphasis
    score = np.clip(raw / np.sqrt(raw * raw + ALPHA), -1.0, 1.0)
    scored_rows = lang_of < len(langs)
    out[scored_rows] = score[scored_rows]
    return out
