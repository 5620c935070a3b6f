"""Empathy and courtesy of official replies: markers, strong vs weak, a 0-100 score per reply.

Anchors (``roi/methodology.md``): EPITOME's three mechanisms (emotional reactions,
interpretations, explorations; weak or strong) and the politeness strategies of
Danescu-Niculescu-Mizil et al. (2013), whose effect sizes guide the points below.

For every official reply (an official message with a parent, :func:`roi.threads.replies`):

- **markers**: lexicon matches of the ten families (:data:`roi.text.FAMILIES`), found
  by :func:`roi.text.evidence`;
- **strong vs weak**: a marker is *strong* when its sentence also reuses the citizen's
  own content: a word (stop words and courtesy formulas removed, compared on its first
  :data:`STEM` letters, normalised) or a number from the citizen message the reply
  answers. Replies to an official message, or whose parent is not in the data, have
  only weak markers;
- **marker score** (the acts): each evidence row earns ``points = POINTS[family] ×
  weight × (STRONG if strong else 1)``; for each family only its best row counts (the
  most negative one for negative courtesy), and ``marker_score = clip(sum of the counted
  rows' points, 0, 100)``. The positive points add up to 80;
- **judgments** (:mod:`roi.models`): ``courtesy`` (0-100) and the probabilities
  ``p_emotional_reaction``, ``p_interpretation``, ``p_exploration`` of the three EPITOME
  mechanisms, from linear models over words, cue families and shape whose reasons
  :func:`explanations` lists;
- **empathy score** of a reply, the family's figure, rests on the judgments:

      empathy_score = (courtesy + 100 · (p_emotional_reaction + p_interpretation + p_exploration)) / 4

  a mean of four 0-100 judgments. Markers stay as the evidence of acts (shares per
  family, strong reuse), and ``marker_score`` is kept beside it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from roi import official_texts, parallel
from roi.config import Config, as_config
from roi.models import explain, judge
from roi.periods import TOPIC, check_by, first_of_each, group_codes, group_keys, period_labels, stable_order
from roi.stats import bootstrap_mean_intervals, group_means, row_keys
from roi.text.chunks import chunks, holds
from roi.text.engine import match_texts
from roi.text.language import resolve
from roi.text.lexicon import FAMILIES, LANGUAGES, stopwords
from roi.text.normalize import _LUT, _ranges, fold, fold_codes, join, joined_bytes, text_array
from roi.threads import Threads, replies
from roi.topics import topic_column

__all__ = ["JUDGMENTS", "POINTS", "STEM", "STRONG", "evidence", "explanations", "score", "summarize"]

#: The judgment models the empathy score rests on (:mod:`roi.models`).
JUDGMENTS = ("courtesy", "emotional_reaction", "interpretation", "exploration")

#: Points of one marker of each family (negative courtesy subtracts).
POINTS = {
    "greeting": 6.0,  # politeness +0.43
    "gratitude": 10.0,  # politeness +0.87, the strongest strategy
    "apology": 6.0,  # politeness +0.36
    "reassurance": 8.0,
    "personalisation": 10.0,  # restating the citizen's subject (Generalitat guide)
    "offer_help": 8.0,  # offers of help predict satisfaction (Oraby et al. 2017)
    "emotional_reaction": 12.0,  # EPITOME
    "interpretation": 12.0,  # EPITOME
    "exploration": 8.0,  # EPITOME; a direct question alone is not polite (-0.27)
    "negative_courtesy": -20.0,  # direct start -0.43, refusals without referral
}

#: Multiplier of a strong marker's points.
STRONG = 1.25

#: Letters of a word compared when looking for reuse (``farola`` = ``farolas``).
STEM = 6

_TOKEN = r"[^\W_]+"


def _reply_table(messages: pd.DataFrame, config: Config, threads: Threads | None = None
                 ) -> tuple[pd.DataFrame, pd.DataFrame]:
    if threads is not None:
        m, rep = threads.check(messages).table, threads.replies.copy(deep=False)
    else:
        m = messages.reset_index(drop=True)
        rep = replies(m)
    pos = rep["_pos"].to_numpy()
    text = m["text"].iloc[pos].astype("string").fillna("").reset_index(drop=True)
    if threads is not None:  # resolved once for every official message
        lang = pd.Series(threads.official_language[pos], dtype="string")
    else:
        lang = resolve(text, m["lang"].iloc[pos].reset_index(drop=True) if "lang" in m else None, config.language)
    rep["lang"] = lang.to_numpy()
    rep["scored"] = lang.isin(LANGUAGES).fillna(False).to_numpy(dtype=bool)  # a language with a lexicon
    rep["answers_citizen"] = (rep["parent_in_data"] & ~rep["parent_is_official"]).to_numpy(dtype=bool)
    rep["text"] = text.array  # Arrow text, as the table holds it: no Python string per reply
    parent_pos = rep["_parent_pos"].to_numpy()
    parent_text = m["text"].iloc[np.maximum(parent_pos, 0)].astype("string").fillna("").reset_index(drop=True)
    rep["parent_text"] = parent_text.where(rep["answers_citizen"].to_numpy(), "").array
    return m, rep


_SENTENCE_END = "[.!?\n]"
#: Stands for a line break between white-space chunks (the chunks drop the white space, and a line
#: break ends a sentence); a text that holds it already is scanned whole.
_LINE_BREAK = "\x1e"


def _joined(texts: np.ndarray | pa.Array) -> str:
    """The normalised texts joined by NUL, as ``"\\x00".join(normalize(texts))`` gives it, with
    one fold of the joined texts and no column of normalised texts built and read back.

    A NUL inside a text becomes a space, as :func:`roi.text.normalize.normalize` makes it
    (the texts are strings, or Arrow text, without missing values).
    """
    return fold(_raw_joined(texts))


def _raw_joined(texts: np.ndarray | pa.Array) -> str:
    """The texts (strings, or Arrow text without missing values) joined by NUL as written, a NUL
    inside a text written as a space."""
    if isinstance(texts, pa.Array):  # joined from the Arrow buffers (roi.text.normalize.join): no string per text
        return join(_nul_as_space(texts))[0][1:]  # (join puts a NUL before every text)
    joined = "\x00".join(texts.tolist())
    if joined.count("\x00") != max(len(texts) - 1, 0):  # a NUL inside a text: a space, as normalize makes it
        joined = "\x00".join(pd.Series(texts, dtype=object).str.replace("\x00", " ", regex=False).tolist())
    return joined


def _nul_as_space(texts: pa.Array) -> pa.Array:
    """Arrow texts with a NUL inside a text written as a space (copied only when one holds a NUL)."""
    return pc.replace_substring(texts, "\x00", " ") if len(texts) and holds(texts, "\x00") else texts


def _scan(joined: str, *, sentences: bool, stand_ins: bool = False) -> list[str]:
    """Every :data:`_TOKEN` word of the normalised texts joined by NUL (:func:`_joined`), and every
    NUL (the end of a text), in order, in one regular-expression scan; with ``sentences`` also
    every sentence end (``.``, ``!``, ``?``, a line break), and with ``stand_ins`` every
    :data:`_LINE_BREAK` (written for a line break by :func:`_citizen_words`; one the text
    held itself is a control character between words, like any other, and ends no sentence)."""
    if not sentences:
        return re.findall(_TOKEN + "|\x00", joined)
    if not stand_ins:
        return re.findall(f"{_TOKEN}|{_SENTENCE_END}|\x00", joined)
    return re.findall(f"{_TOKEN}|{_SENTENCE_END}|{_LINE_BREAK}|\x00", joined)


def _is_nul(found: list[str]) -> np.ndarray:
    """Which of the found strings are a NUL (compared as Python strings: NumPy's would drop it)."""
    return pd.Series(found, dtype=object).eq("\x00").to_numpy(dtype=bool)


def _citizen_words(texts: np.ndarray, *, sentences: bool = False) -> tuple[list[str], np.ndarray, np.ndarray]:
    """The :data:`_TOKEN` words of the texts (with ``sentences`` also their sentence ends), each
    distinct white-space chunk normalised and scanned once.

    Returns ``(found, owner, word)``: ``found`` is :func:`_scan` of the distinct chunks of
    :func:`roi.text.chunks.chunks`, and for every word of every text ``owner`` is its text
    and ``word`` its position in ``found``; the texts' words, in order, are those of
    :func:`_scan` of the whole texts. The fold and the scan never reach across ASCII white
    space (the masked links, mentions and e-mail addresses hold none, a word character is
    never white space), so a chunk folds and splits into words as it does within its text.
    A line break, which ends a sentence, is written as its own chunk :data:`_LINE_BREAK`
    first. Texts holding a NUL, a vertical tab (which the chunks keep inside) or
    :data:`_LINE_BREAK` are scanned whole.
    """
    array = _as_arrow(texts)
    whole = ("\x00", "\v", _LINE_BREAK) if sentences else ("\x00", "\v")
    if len(array) and any(holds(array, char) for char in whole):
        found = _scan(_joined(array), sentences=sentences)
        is_nul = _is_nul(found)
        return found, np.cumsum(is_nul)[~is_nul].astype(np.int64), np.flatnonzero(~is_nul)
    if sentences:
        array = pc.replace_substring(array, "\n", f" {_LINE_BREAK} ")
    parts = chunks(array)
    distinct = np.asarray(parts.distinct.to_pylist(), dtype=object)
    found = _scan(_joined(distinct), sentences=sentences, stand_ins=sentences)
    is_nul = _is_nul(found)
    chunk = np.cumsum(is_nul)[~is_nul]  # the distinct chunk of each of their words
    position = np.flatnonzero(~is_nul)
    per_chunk = np.bincount(chunk, minlength=len(distinct))
    first = np.cumsum(per_chunk) - per_chunk
    count = per_chunk[parts.code]
    before = np.cumsum(count) - count
    word = position[np.repeat(first[parts.code] - before, count) + np.arange(int(count.sum()), dtype=np.int64)]
    return found, np.repeat(parts.row, count), word


def _as_arrow(texts: np.ndarray | pa.Array) -> pa.Array:
    """The texts (strings, or Arrow text without missing values) as an Arrow ``large_string`` array."""
    if isinstance(texts, pa.Array):
        return texts if texts.type == pa.large_string() else texts.cast(pa.large_string())
    return pa.array(texts.tolist(), type=pa.large_string())


def _reply_tokens(texts: np.ndarray | pa.Array) -> tuple[list[str], np.ndarray]:
    """:func:`_scan` with sentence ends of the texts joined by NUL (:func:`_joined`), each line
    break read as :data:`_LINE_BREAK`, as ``(found, index)``: every word and sentence end of each
    text, in order, with a NUL between texts, is ``found[index[i]]``, or the NUL where
    ``index[i] == len(found)``. ``found`` holds the words of the distinct white-space chunks
    (:func:`_citizen_words`), so no Python string is made per word of every text."""
    found, owner, word = _citizen_words(texts, sentences=True)
    n = len(texts)
    index = np.full(len(word) + max(n - 1, 0), len(found), dtype=np.int64)
    slot = np.arange(len(word), dtype=np.int64) + owner  # each word shifted by the NULs of the texts before it
    index[slot] = word
    return found, index


#: What :func:`_sentence_ends` reads of each code point (``_CLASS.take(code, mode="clip")``):
#: 1 ``.``, ``!``, ``?``; 2 a line break; 3 the line and paragraph separators (written by the
#: fold as a line break); 4 NUL; 5 other white space around every masked span (tab, form feed,
#: carriage return, space); 6 ``@`` or ``#``; 7 ``:``; 0 anything else.
_CLASS = np.zeros(0x2029 + 2, dtype=np.uint8)
for _class, _chars in enumerate([".!?", "\n", "\u2028\u2029", "\x00", "\t\f\r ", "@#", ":"], start=1):
    _CLASS[[ord(c) for c in _chars]] = _class
del _class, _chars


def _sentence_ends(texts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Where the sentence ends (``.``, ``!``, ``?``, a line break) and the NULs stand in the
    normalised texts joined by NUL (:func:`_joined`), folding only the few pieces of text where
    the fold can remove a sentence end.

    The fold keeps every code point's place. Its table writes no character as ``.``, ``!``,
    ``?``, a line break or a NUL, nor any of them as another character, except the line and
    paragraph separators, which it writes as a line break. What it removes is a ``.``, ``!``
    or ``?`` inside a masked link, mention, e-mail address or hashtag. A masked span lies
    within a run of characters between white space (or NUL) and begins with ``@``, ``#``,
    ``://`` or three letters the table writes as ``w`` and a ``.``: each run holding such a
    mark and a ``.``, ``!`` or ``?`` is folded on its own, which folds it as within its text
    (nothing the fold reads reaches across white space), and its masked ends are dropped.
    """
    if isinstance(texts, pa.Array):
        found = _sentence_ends_in_bytes(texts)
        if found is not None:
            return found
    raw = _raw_joined(texts)
    codes = np.frombuffer(raw.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    kind = _CLASS.take(codes, mode="clip")  # a code point above the table reads as its last cell: 0
    # (a code point above the fold's table wraps round: at worst a run folded for nothing)
    ends, nul, stops, marks = _places(codes, kind, lambda values: _LUT.take(values, mode="wrap") == ord("w"))
    if not len(stops) or not len(marks):
        return ends, nul
    blank = np.flatnonzero((kind >= 2) & (kind <= 5))  # run r lies between blanks r - 1 and r
    has_mark = np.zeros(len(blank) + 1, dtype=bool)
    has_mark[np.searchsorted(blank, marks)] = True
    stop_run = np.searchsorted(blank, stops)
    runs = np.unique(stop_run[has_mark[stop_run]])
    if not len(runs):
        return ends, nul
    bounds = np.r_[-1, blank, len(codes)]
    starts, finish = bounds[runs] + 1, bounds[runs + 1]
    folded = fold_codes("\x00".join([raw[a:b] for a, b in zip(starts.tolist(), finish.tolist(), strict=True)]))[1]
    folded = folded[folded != 0]  # each run's code points, in the order of _ranges (NULs only between runs)
    at = _ranges(starts, finish)
    masked = at[(_CLASS.take(codes[at], mode="clip") == 1) & (_CLASS.take(folded, mode="clip") != 1)]
    if not len(masked):
        return ends, nul
    hit = masked[np.minimum(np.searchsorted(masked, ends), len(masked) - 1)] == ends  # both in order
    return ends[~hit], nul


def _places(values: np.ndarray, kind: np.ndarray, may_be_w) -> tuple[np.ndarray, ...]:
    """``(ends, nul, stops, marks)`` of the joined texts (``values``: code points or UTF-8 bytes,
    ``kind`` their :data:`_CLASS`): the sentence ends, the NULs, the ``.``, ``!`` and ``?``, and
    where a masked span may begin (``@`` or ``#``, ``://``, or a ``.`` after three places that
    ``may_be_w`` says may fold to ``w``)."""
    ends = np.flatnonzero((kind >= 1) & (kind <= 3))
    nul = np.flatnonzero(kind == 4)
    stops = ends[kind[ends] == 1]
    colon = np.flatnonzero(kind[:max(len(values) - 2, 0)] == 7)
    dot = stops[(values[stops] == ord(".")) & (stops >= 3)]
    www = np.ones(len(dot), dtype=bool)
    for back in (1, 2, 3):
        www &= may_be_w(values[dot - back])
    marks = np.concatenate([np.flatnonzero(kind == 6),
                            colon[(values[colon + 1] == ord("/")) & (values[colon + 2] == ord("/"))], dot[www]])
    return ends, nul, stops, marks


#: :data:`_CLASS` of each byte: an ASCII character's class, 0 for a byte of a character beyond ASCII.
_BYTE_CLASS = np.r_[_CLASS[:128], np.zeros(128, dtype=np.uint8)]
#: An ASCII byte that folds to ``w`` (``_LUT``), or a byte of a character beyond ASCII, which may.
_MAYBE_W = np.r_[_LUT[:128] == ord("w"), np.ones(128, dtype=bool)]


def _sentence_ends_in_bytes(texts: pa.Array) -> tuple[np.ndarray, np.ndarray] | None:
    """:func:`_sentence_ends` of Arrow text read from the UTF-8 bytes of the joined texts, without
    making the joined string and its code points; None when a text holds a line or paragraph
    separator (then the code points are read).

    Every character the table classifies is ASCII, and UTF-8 never uses an ASCII byte inside
    another character, so a byte's class is its character's. A ``.`` is a mark when the three
    bytes before it may fold to ``w``: those of three characters that fold to ``w`` always do
    (a character beyond ASCII is made of bytes beyond ASCII), so no run the code points would
    fold is missed, and a run folded besides changes nothing. The positions found are turned into
    code points at the end: a byte's position minus the continuation bytes before it.
    """
    raw = np.frombuffer(joined_bytes(_nul_as_space(texts)), dtype=np.uint8)[1:]  # without the first NUL, as _raw_joined
    beyond = np.flatnonzero(raw >= 0x80)  # the bytes of the characters beyond ASCII (a few in a hundred)
    e2 = beyond[raw[beyond] == 0xE2]  # where a separator, E2 80 A8 or E2 80 A9, would begin
    e2 = e2[e2 + 2 < len(raw)]
    if ((raw[e2 + 1] == 0x80) & ((raw[e2 + 2] == 0xA8) | (raw[e2 + 2] == 0xA9))).any():
        return None
    kind = _BYTE_CLASS[raw]
    ends, nul, stops, marks = _places(raw, kind, lambda values: _MAYBE_W[values])
    if len(stops) and len(marks):
        blank = np.flatnonzero((kind >= 2) & (kind <= 5))  # run r lies between blanks r - 1 and r
        has_mark = np.zeros(len(blank) + 1, dtype=bool)
        has_mark[np.searchsorted(blank, marks)] = True
        stop_run = np.searchsorted(blank, stops)
        runs = np.unique(stop_run[has_mark[stop_run]])
        if len(runs):
            bounds = np.r_[-1, blank, len(raw)]
            starts, finish = bounds[runs] + 1, bounds[runs + 1]
            at = _ranges(starts, finish)  # the runs' bytes, in order
            # the runs joined by NUL (as the code points' path joins them: no mask reaches past a run)
            spaced = np.zeros(len(at) + len(runs) - 1, dtype=np.uint8)
            spaced[np.arange(len(at)) + np.repeat(np.arange(len(runs)), finish - starts)] = raw[at]
            text = spaced.tobytes().decode("utf-8")
            original = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
            within = original != 0  # the runs' characters, without the NULs between them
            folded = fold_codes(text)[1][within]  # a code point per character, in place
            lead = np.flatnonzero((raw[at] & 0xC0) != 0x80)  # each character's first byte
            masked = at[lead[(_CLASS.take(original[within], mode="clip") == 1) & (_CLASS.take(folded, mode="clip") != 1)]]
            if len(masked):
                hit = masked[np.minimum(np.searchsorted(masked, ends), len(masked) - 1)] == ends  # both in order
                ends = ends[~hit]
    continuation = beyond[(raw[beyond] & 0xC0) == 0x80]
    return ends - np.searchsorted(continuation, ends), nul - np.searchsorted(continuation, nul)


def _sentences(ends: np.ndarray, nul: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The sentences of the normalised texts joined by NUL, from where their sentence ends and
    NULs stand (:func:`_sentence_ends`): ``(owner, start)``, each sentence's text and its start
    within it.

    The sentences are the pieces of ``re.split(r"(?<=[.!?\\n])|(\\x00)", joined)``: a text's
    k-th sentence begins after its k-th sentence end (a sentence end just before the text's
    end leaves an empty last sentence), found from the positions alone.
    """
    cut = np.r_[ends + 1, nul]  # a sentence end cuts after itself
    width = np.r_[np.zeros(len(cut) - len(nul), dtype=np.int64), np.ones(len(nul), dtype=np.int64)]  # a NUL is dropped
    order = np.lexsort((width, cut))  # at one place, the empty cut before the NUL
    cut, width = cut[order], width[order]
    owner = np.r_[0, np.cumsum(width)].astype(np.int64)
    start = np.r_[0, cut + width] - np.r_[0, nul + 1][owner]
    return owner, start.astype(np.int64)


def _content(codes: np.ndarray, distinct: np.ndarray, lang: np.ndarray, languages: list) -> tuple[np.ndarray, np.ndarray]:
    """Which words are content (not a stop word of their reply's language, 3+ letters or a number),
    and the stem of every distinct word (its first :data:`STEM` letters) as an integer.

    ``codes`` number the words (``distinct[codes]``), ``lang`` is the index in ``languages``
    of each word's reply language (-1 for none). Each distinct word is tested once.
    """
    words = pd.Series(distinct, dtype=object)
    keep_distinct = (words.str.len() >= 3).to_numpy(dtype=bool) | words.str.contains(r"\d", regex=True).to_numpy(
        dtype=bool)
    stem_of = pd.factorize(words.str.slice(0, STEM))[0]
    is_stop = np.zeros(len(codes), dtype=bool)
    for k, code in enumerate(languages):
        rows = lang == k
        if rows.any():
            is_stop[rows] = words.isin(stopwords(code)).to_numpy(dtype=bool)[codes[rows]]
    return ~is_stop & keep_distinct[codes], stem_of


#: Distinct reply texts compared at once (their words are Python strings while they are found).
REUSE_CHUNK = 25_000


def _compare(replies: np.ndarray, parents: np.ndarray, reply_lang: np.ndarray, parent_lang: np.ndarray,
             languages: list, pair_reply: np.ndarray, pair_parent: np.ndarray):
    """Sentences of distinct reply texts and which of them reuse the distinct citizen texts they answer.

    ``pair_reply`` / ``pair_parent`` list the (reply text, citizen text) pairs to compare
    (positions in ``replies`` and ``parents``). Returns ``(owner, start, (pair, sentence),
    n_stems)``: each sentence's reply text and start, the (pair, sentence) of every
    sentence that reuses a content stem of its pair's citizen text, and the number of
    distinct stems each pair reuses.
    """
    owner, start = _sentences(*_sentence_ends(replies))
    found, index = _reply_tokens(replies)
    parent_found, parent_owner, parent_word = _citizen_words(parents)  # each word's citizen text
    codes, distinct = pd.factorize(np.asarray([*parent_found, *found, "\x00"], dtype=object))
    n_parent_found = len(parent_found)
    del found, parent_found
    marks = [i for i, word in enumerate(distinct) if word in ("\x00", ".", "!", "?", "\n", _LINE_BREAK)]
    parent_codes, reply_codes = codes[:n_parent_found][parent_word], codes[n_parent_found:][index]
    reply_mark = np.isin(reply_codes, marks)
    sentence = np.cumsum(reply_mark)[~reply_mark]  # every mark begins a sentence (a NUL, the next text)
    reply_codes = reply_codes[~reply_mark]
    word_lang = np.r_[parent_lang[parent_owner], reply_lang[owner[sentence]]]
    keep, stem_of = _content(np.r_[parent_codes, reply_codes], np.asarray(distinct, dtype=object), word_lang, languages)
    keep_parent, keep_reply = keep[:len(parent_codes)], keep[len(parent_codes):]
    width = int(stem_of.max(initial=0)) + 1
    parent_stems = pd.unique(parent_owner[keep_parent] * width + stem_of[parent_codes[keep_parent]])  # a set
    word_text, word_sentence = owner[sentence[keep_reply]], sentence[keep_reply]
    word_stem = stem_of[reply_codes[keep_reply]]
    # every (content word, pair of its reply text): the pairs listed by reply text, each word once per pair
    by_text = np.argsort(pair_reply, kind="stable")
    per_text = np.bincount(pair_reply, minlength=len(replies))
    count = per_text[word_text]
    word = np.repeat(np.arange(len(word_text)), count)
    before = np.cumsum(count) - count
    pair = by_text[np.repeat((np.cumsum(per_text) - per_text)[word_text] - before, count) + np.arange(len(word))]
    shared = pd.Series(pair_parent[pair] * width + word_stem[word]).isin(parent_stems).to_numpy()
    pair, sentence, stem = pair[shared], word_sentence[word[shared]], word_stem[word[shared]]
    n_stems = np.bincount(pd.unique(pair * width + stem) // width, minlength=len(pair_reply))
    return owner, start, (pair, sentence), n_stems


def _reuse(rep: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray]:
    """Sentences of each reply that reuse the citizen's content, and the count of reused stems per reply.

    Returns ``(sentences, n_reused)``: ``sentences`` has ``reply``, ``sentence_start``,
    ``reuses`` for every sentence of every reply that answers a citizen's message in the
    data (only those can reuse its words; a marker of another reply is weak).

    Replies and citizens' messages repeat (templates, copied complaints): each distinct
    text is normalised, split and tokenised once (with its reply's language, whose stop
    words apply), and each distinct (reply text, citizen text, language) compared once.
    """
    n = len(rep)
    n_reused = np.zeros(n, dtype=np.int64)
    cited_rows = np.flatnonzero(rep["answers_citizen"].to_numpy(dtype=bool))
    columns = ["reply", "sentence_start", "reuses"]
    if not len(cited_rows):
        return pd.DataFrame({"reply": np.zeros(0, dtype=np.int64), "sentence_start": np.zeros(0, dtype=np.int64),
                             "reuses": np.zeros(0, dtype=bool)}), n_reused
    lang_code, languages = pd.factorize(rep["lang"].to_numpy(dtype=object)[cited_rows])  # -1: no language
    # the texts stay Arrow text: only the distinct white-space chunks become Python strings
    reply_all = rep["text"].iloc[cited_rows].reset_index(drop=True)
    parent_all = rep["parent_text"].iloc[cited_rows].reset_index(drop=True)
    reply_text, parent_text = text_array(reply_all, keep_nul=True), text_array(parent_all, keep_nul=True)
    reply_code, reply_first = _distinct_texts(rep, cited_rows, reply_all, lang_code)
    parent_code, parent_first = first_of_each(parent_all, lang_code)
    pair_code, pair_first = first_of_each(reply_code, parent_code)
    pair_reply, pair_parent = reply_code[pair_first], parent_code[pair_first]
    # distinct reply texts a chunk at a time, with the citizens' texts they answer: memory grows with the chunk
    owners, starts, found_pairs, found_sentences = [], [], [], []
    per_pair = np.zeros(len(pair_first), dtype=np.int64)
    n_sentences = 0
    for begin in range(0, len(reply_first), REUSE_CHUNK):
        chunk = np.arange(begin, min(begin + REUSE_CHUNK, len(reply_first)))
        here = np.flatnonzero((pair_reply >= chunk[0]) & (pair_reply <= chunk[-1]))  # the chunk's pairs
        parents = np.unique(pair_parent[here])
        owner, start, (pair, sentence), n_stems = _compare(
            reply_text.take(pa.array(reply_first[chunk])), parent_text.take(pa.array(parent_first[parents])),
            lang_code[reply_first[chunk]],
            lang_code[parent_first[parents]], list(languages), pair_reply[here] - chunk[0],
            np.searchsorted(parents, pair_parent[here]))
        owners.append(owner + chunk[0])
        starts.append(start)
        found_pairs.append(here[pair])
        found_sentences.append(sentence + n_sentences)
        per_pair[here] = n_stems
        n_sentences += len(owner)
    sentence_owner = np.concatenate(owners)
    sentence_start = np.concatenate(starts)
    reusing = pd.unique(np.concatenate(found_pairs) * n_sentences + np.concatenate(found_sentences))  # (pair, sentence): a set
    n_reused[cited_rows] = per_pair[pair_code]
    # every cited reply's sentences, as its reply text's
    first_sentence = np.searchsorted(sentence_owner, np.arange(len(reply_first)))
    count = np.bincount(sentence_owner, minlength=len(reply_first))[reply_code]
    reply = np.repeat(cited_rows, count)
    offset = np.arange(len(reply)) - np.repeat(np.cumsum(count) - count, count)
    sentence_row = np.repeat(first_sentence[reply_code], count) + offset
    reuses = pd.Series(np.repeat(pair_code, count) * n_sentences + sentence_row).isin(reusing).to_numpy(dtype=bool)
    return pd.DataFrame({"reply": reply, "sentence_start": sentence_start[sentence_row], "reuses": reuses})[columns], n_reused


def _points(found: pd.DataFrame, rep: pd.DataFrame, reuse: tuple[pd.DataFrame, np.ndarray]) -> pd.DataFrame:
    """Add ``strong``, ``points`` and ``counts`` to the evidence rows of the replies (``reuse``:
    :func:`_reuse` of ``rep``).

    ``points = POINTS[family] * weight * (STRONG if strong else 1)``; of each (reply,
    family) one row counts: the largest points (the most negative for negative courtesy),
    the earliest of equal ones, the first found of equal starts.
    """
    sentences, n_reused = reuse
    rep["n_reused_words"] = n_reused
    found = found.copy(deep=False)
    row, start = found["row"].to_numpy(dtype=np.int64), found["start"].to_numpy(dtype=np.int64)
    found["strong"] = _in_reusing_sentence(row, start, sentences)
    family, names = pd.factorize(found["family"])
    if (family < 0).any():
        raise ValueError("an evidence row has no family")
    base = np.asarray([POINTS[name] for name in names], dtype=float)[family]
    points = base * found["weight"].to_numpy(dtype=float) * np.where(found["strong"], STRONG, 1.0)
    found["points"] = points
    group = row * len(names) + family
    order = _best_first(group, -(points * np.where(base < 0, -1.0, 1.0)), start)
    group = group[order]
    counts = np.zeros(len(order), dtype=bool)
    counts[order[np.r_[True, group[1:] != group[:-1]] if len(order) else order]] = True
    found["counts"] = counts
    return found


def _best_first(group: np.ndarray, rank: np.ndarray, start: np.ndarray) -> np.ndarray:
    """The stable order of the rows by ``group``, then ``rank`` (NaN last), then ``start``:
    ``np.lexsort((start, rank, group))``, the ranks numbered in their sorted order
    (:func:`numpy.unique`) and sorted as one integer key where it fits
    (:func:`roi.periods.stable_order`)."""
    if not len(group):
        return np.zeros(0, dtype=np.int64)
    if start.min() < 0:
        return np.lexsort((start, rank, group))
    rank_code = np.unique(rank, return_inverse=True)[1].reshape(-1).astype(np.int64)
    return stable_order(group, rank_code, start)


def _in_reusing_sentence(row: np.ndarray, start: np.ndarray, sentences: pd.DataFrame) -> np.ndarray:
    """Whether each marker (its reply ``row`` and ``start``) lies in a sentence that reuses the
    citizen's words: the last sentence of its reply starting at or before it (as
    ``pd.merge_asof(..., by="reply", direction="backward")``, the last of equal starts)."""
    reply = sentences["reply"].to_numpy(dtype=np.int64)
    at = sentences["sentence_start"].to_numpy(dtype=np.int64)
    reuses = sentences["reuses"].to_numpy(dtype=bool)
    out = np.zeros(len(row), dtype=bool)
    if not len(row) or not len(reply):
        return out
    width = int(max(at.max(), start.max(), 0)) + 1
    key = reply * width + at  # (reply, start) as one integer: replies and starts are far below 2**31
    if (np.diff(key) < 0).any():
        order = np.argsort(key, kind="stable")
        key, reply, reuses = key[order], reply[order], reuses[order]
    pos = np.searchsorted(key, row * width + start, side="right") - 1
    hit = pos >= 0
    hit[hit] = reply[pos[hit]] == row[hit]
    out[hit] = reuses[pos[hit]]
    return out


def _markers(texts: pd.Series, langs: pd.Series) -> pd.DataFrame:
    """:func:`roi.text.engine.match_texts` of the texts in their languages, each distinct (text,
    language) matched once.

    Parameters
    ----------
    texts, langs : Series
        Each reply's text (a string) and language (a string or missing), by position.

    Returns
    -------
    DataFrame
        The rows ``match_texts`` gives for the whole column: a text's rows are those of its
        first occurrence with ``row`` set to its own position, in row order.
    """
    which, first = first_of_each(texts, langs)
    found = match_texts(texts.iloc[first].astype("string").reset_index(drop=True),
                        langs.iloc[first].astype("string").reset_index(drop=True))
    return official_texts.per_text(found, which, len(first))


#: Replies from which :func:`_evidence_and_scores` finds the reuse of the citizen's words in a
#: second process (:mod:`roi.parallel`), beside the markers and judgments; below, one process.
SPLIT_MIN_REPLIES = 20_000


def _evidence_and_scores(messages: pd.DataFrame, config: Config, threads: Threads | None = None, *,
                         evidence: bool = True) -> tuple[pd.DataFrame | None, pd.DataFrame]:
    """The evidence rows (:func:`evidence`; None without ``evidence``) and the scores (:func:`score`)."""
    _, rep = _reply_table(messages, config, threads)
    texts, langs = rep["text"], rep["lang"]
    # the citizen's words reused (the longest pass) beside the markers and judgments, when worth a process
    if threads is not None and not evidence:  # the official messages' markers, found once for empathy and transparency
        shared = threads.memo(official_texts.KEY, config, lambda: official_texts.find(threads))
        # each reply's distinct (text, language), numbered when the official texts were found: read
        # instead of the texts themselves wherever the replies' texts are told apart (_distinct_texts)
        rep["_pair"] = shared.pairs_at(rep["_pos"].to_numpy())

        def markers() -> pd.DataFrame:
            return shared.empathy_at(rep["_pos"].to_numpy())  # the columns the scores read
    else:
        def markers() -> pd.DataFrame:
            return _markers(texts, langs)
    parts = [{"found": markers, "judged": lambda: _judgments(rep, config)},
             {"reuse": lambda: _reuse(rep)}]
    done = parallel.run_parts(parts, workers=None if len(rep) >= SPLIT_MIN_REPLIES else 1)
    found = _points(done["found"], rep, done["reuse"])
    counted = found[found["counts"]]
    total = counted.groupby("row")["points"].sum().reindex(range(len(rep)), fill_value=0.0).to_numpy()
    out = rep[["message_id", "channel", "account", "thread_id", "created_at", "parent_id", "lang", "scored",
               "answers_citizen", "n_reused_words"]].copy()
    row, is_strong = found["row"].to_numpy(), found["strong"].to_numpy(dtype=bool)
    code, names = pd.factorize(found["family"])
    code_of = {name: k for k, name in enumerate(names)}
    for family in FAMILIES:
        here = code == code_of.get(family, -2)
        has = np.zeros(len(rep), dtype=bool)
        has[row[here]] = True
        strong = np.zeros(len(rep), dtype=bool)
        strong[row[here & is_strong]] = True
        out[f"has_{family}"] = has
        if family != "negative_courtesy":
            out[f"strong_{family}"] = strong
    out["n_markers"] = np.bincount(found["row"].to_numpy(), minlength=len(rep))
    out["marker_score"] = np.where(out["scored"], np.clip(total, 0, 100), np.nan)
    judged = {name: values.to_numpy() for name, values in done["judged"].items()}
    out["courtesy"] = judged["courtesy"]
    for mechanism in JUDGMENTS[1:]:
        out[f"p_{mechanism}"] = judged[mechanism]
    mean = (judged["courtesy"] + 100 * sum(judged[m] for m in JUDGMENTS[1:])) / 4
    out["empathy_score"] = np.where(out["scored"], mean, np.nan)
    if not evidence:
        return None, out
    ev = found.rename(columns={"row": "_row"})
    ev.insert(0, "message_id", rep["message_id"].to_numpy()[ev["_row"].to_numpy()])
    ev.insert(1, "channel", rep["channel"].to_numpy()[ev["_row"].to_numpy()])
    ev.insert(2, "account", rep["account"].to_numpy()[ev["_row"].to_numpy()])
    ev["message_id"] = ev["message_id"].astype("string")
    ev["account"] = ev["account"].astype("string")
    return ev.drop(columns="_row").reset_index(drop=True), out


def _distinct_texts(rep: pd.DataFrame, rows: np.ndarray, texts: pd.Series, langs) -> tuple[np.ndarray, np.ndarray]:
    """:func:`roi.periods.first_of_each` of the replies ``rows``' texts and languages (``texts``,
    ``langs``): each distinct (text, language) numbered in order of first appearance, and its
    first row. With the shared official texts (``rep["_pair"]``, the number of each reply's
    distinct pair, :meth:`roi.official_texts.OfficialTexts.pairs_at`) the numbers are read from
    them: equal pairs, equal numbers, so the same numbering without telling the texts apart again."""
    if "_pair" in rep:
        return first_of_each(rep["_pair"].to_numpy()[rows])
    return first_of_each(texts, langs)


def _judgments(rep: pd.DataFrame, config: Config) -> pd.DataFrame:
    """The four judgments (a column each) of every reply in a language with a lexicon (NaN elsewhere),
    each distinct (text, language) judged once. ``rep`` needs ``text``, ``lang`` and ``scored``."""
    n = len(rep)
    out = {name: np.full(n, np.nan) for name in JUDGMENTS}
    scored = np.flatnonzero(rep["scored"].to_numpy(dtype=bool))
    if len(scored):
        pairs = rep[["text", "lang"]].iloc[scored].reset_index(drop=True)
        which, first = _distinct_texts(rep, scored, pairs["text"], pairs["lang"])
        distinct = pairs.iloc[first].reset_index(drop=True)
        judged = judge(distinct["text"], distinct["lang"].to_numpy(dtype=object), JUDGMENTS, config)
        for name in JUDGMENTS:
            out[name][scored] = judged[name].to_numpy()[which]
    return pd.DataFrame(out)


def explanations(messages: pd.DataFrame, config: Config | str | None = None, *, top: int = 5) -> pd.DataFrame:
    """Why each reply's judgments came out as they did: evidence rows beside the markers.

    One row per official reply in a language with a lexicon, judgment (:data:`JUDGMENTS`)
    and feature among the ``top`` that pushed it most: ``message_id``, ``channel``,
    ``account``, ``judgment``, ``rank``, ``feature`` (``w:`` word, ``p:`` prefix, ``b:``
    pair, ``c:`` cue family, ``s:`` shape), ``value``, ``weight``, ``contribution``; then
    ``(other features)`` and ``(intercept)``. Per reply and judgment the contributions add
    up to the model's decision: the log-odds of the probability
    (``P = 1 / (1 + exp(-decision))``; the shipped courtesy is ``100 · P``).
    """
    config = as_config(config)
    _, rep = _reply_table(messages, config)
    scored = np.flatnonzero(rep["scored"].to_numpy(dtype=bool))
    rows = explain(pd.Series(rep["text"].to_numpy(dtype=object)[scored], dtype="object"),
                   rep["lang"].to_numpy(dtype=object)[scored], JUDGMENTS, config, top=top)
    at = scored[rows["row"].to_numpy()]
    out = pd.DataFrame({"message_id": pd.array(rep["message_id"].to_numpy()[at], dtype="string"),
                        "channel": rep["channel"].to_numpy()[at],
                        "account": pd.array(rep["account"].to_numpy()[at], dtype="string")})
    return pd.concat([out, rows.drop(columns="row").reset_index(drop=True)], axis=1)


def evidence(messages: pd.DataFrame, config: Config | str | None = None) -> pd.DataFrame:
    """Every marker in every official reply, with what it earns in the score.

    Returns
    -------
    DataFrame
        The columns of :func:`roi.text.evidence` (``message_id``, ``channel``,
        ``account``, ``lang``, ``family``, ``entry``, ``weight``, ``matched_text``,
        ``start``, ``end``, ``lexicon_version``) plus ``strong`` (its sentence reuses
        the citizen's content), ``points`` (``POINTS[family] × weight × STRONG`` if
        strong) and ``counts`` (the one row per reply and family that enters the marker
        score). A reply's ``marker_score`` is ``clip(sum(points where counts), 0, 100)``;
        :func:`explanations` gives the reasons of the judgments its ``empathy_score`` rests on.
    """
    return _evidence_and_scores(messages, as_config(config))[0]


def score(messages: pd.DataFrame, config: Config | str | None = None, *, threads: Threads | None = None
          ) -> pd.DataFrame:
    """One row per official reply: the families present, strong or weak, and the 0-100 score.

    Returns
    -------
    DataFrame
        ``message_id``, ``channel``, ``account``, ``thread_id``, ``created_at``,
        ``parent_id``, ``lang`` (given or guessed), ``scored`` (its language has a
        lexicon; otherwise the score is NaN), ``answers_citizen`` (the parent is a
        citizen's message in the data), ``n_reused_words`` (distinct content stems of
        the citizen message the reply reuses), ``has_<family>`` for the ten families,
        ``strong_<family>`` for the nine positive ones, ``n_markers``, ``marker_score``,
        ``courtesy`` (0-100), ``p_emotional_reaction``, ``p_interpretation``,
        ``p_exploration`` and ``empathy_score`` (module docstring). :func:`evidence` lists
        the markers, :func:`explanations` the reasons of the judgments. ``threads``:
        :func:`roi.threads.threads` of ``messages``, when the caller already has it.
    """
    config = as_config(config)
    if threads is not None:  # found once per table, whatever the grouping
        return threads.check(messages).memo(("empathy.score",), config,
                                            lambda: _evidence_and_scores(messages, config, threads, evidence=False)[1])
    return _evidence_and_scores(messages, config, evidence=False)[1]


def summarize(
    messages: pd.DataFrame,
    by: Sequence[str] = ("account", "channel", "period"),
    config: Config | str | None = None,
    *,
    freq: str | None = "month",
    n_resamples: int = 1000,
    seed: int = 0,
    threads: Threads | None = None,
) -> pd.DataFrame:
    """Empathy of official replies per group: one row per ``by`` group.

    Columns: ``n_replies`` (official replies), ``n_scored`` (those in a language with a
    lexicon: the denominator of everything else), ``share_<family>`` for the ten
    families (share of scored replies with at least one marker of it), ``share_strong``
    (with at least one strong marker), ``empathy_mean`` (mean empathy score),
    ``empathy_mean_ci_low`` / ``empathy_mean_ci_high`` (95% percentile Poisson bootstrap,
    ``n_resamples`` resamples, fixed ``seed``, each reply weighted by its ``channel`` and
    ``message_id``: :func:`roi.stats.bootstrap_mean_intervals`) and ``courtesy_mean`` (mean courtesy). ``period`` is the reply's month,
    quarter or year in the configured time zone (``freq``; None puts all in ``"all"``);
    ``topic`` (in ``by``) its thread's topic (:func:`roi.topics.message_topics`).
    ``threads``: :func:`roi.threads.threads` of ``messages``, shared with other families
    by :func:`roi.indicators`.
    """
    config = as_config(config)
    by = check_by(by, topic=True)
    s = score(messages, config, threads=threads)
    s["period"] = period_labels(s["created_at"], freq, config.timezone) if freq is not None else "all"
    if TOPIC in by:  # each reply under its thread's topic: the topic of the question it answers
        s["topic"] = topic_column(s, messages, config, threads=threads)
    strong_columns = [c for c in s.columns if c.startswith("strong_")]
    s["any_strong"] = s[strong_columns].any(axis=1)
    scored = s["scored"].to_numpy(dtype=bool)
    scores = s["empathy_score"].to_numpy(dtype=float)
    codes, n_groups = group_codes(s, by)
    # every group's interval at once, each reply weighted by its own (channel, message_id)
    lows, highs = bootstrap_mean_intervals(
        codes[scored], scores[scored], n_groups,
        keys=row_keys(s["channel"].iloc[scored], s["message_id"].iloc[scored]),
        n_resamples=n_resamples, seed=seed)
    n = np.bincount(codes[scored], minlength=n_groups)

    def share(column: str) -> np.ndarray:  # shares of booleans: counts over n, exactly
        count = np.bincount(codes[scored], weights=s[column].to_numpy(dtype=bool)[scored], minlength=n_groups)
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(n > 0, count.astype(np.int64) / n, np.nan)

    out = pd.DataFrame({
        **group_keys(s, by, codes), "n_replies": np.bincount(codes, minlength=n_groups), "n_scored": n,
        **{f"share_{family}": share(f"has_{family}") for family in FAMILIES},
        "share_strong": share("any_strong"),
        "empathy_mean": group_means(codes[scored], scores[scored], n_groups),
        "empathy_mean_ci_low": lows, "empathy_mean_ci_high": highs,
        "courtesy_mean": group_means(codes[scored], s["courtesy"].to_numpy(dtype=float)[scored], n_groups),
    }) if len(s) or not by else pd.DataFrame()  # without by, one row even for no reply
    if out.empty:  # every column still there, so that readers of the table need no special case
        out = pd.DataFrame(columns=[*by, "n_replies", "n_scored", *(f"share_{f}" for f in FAMILIES), "share_strong",
                                    "empathy_mean", "empathy_mean_ci_low", "empathy_mean_ci_high"])
    return out.reset_index(drop=True)
