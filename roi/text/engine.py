"""The marker engine: every lexicon entry of a language matched over a whole column at once.

How a pass works, for one language and a chunk of texts:

1. the texts are joined with NUL separators into one string and normalised in one go
   (:func:`roi.text.normalize.fold_codes`, length-preserving);
2. the text's words are found and numbered against the lexicon's vocabulary, and the
   separator after each word too (:class:`roi.text.words.Words`);
3. the lexicon, written out as word paths (:mod:`roi.text.paths`), is a trie keyed by
   (separator, word); the trie is walked from every word at once, one step per word
   of the longest path: each step is one table lookup (:class:`roi.text.words.Table`)
   for the candidates still alive. A path ends in a *marker* (the whole phrase of an
   entry) or an *anchor* (the words an entry begins with, where the entry's own regular
   expression then decides, matched at that place and within the text: look-aheads,
   ``[^.?]{0,60}\\?``, word endings);
4. the distinct phrases found are checked once each against their entry's regular
   expression, so what is reported is always what the expression matches.

Rules applied to the matches, all vectorised:

- among entries matching from the same word, the first in :data:`PRIORITY` order wins
  (then file order); among the phrases of one entry, the one the regular expression
  would try first; an entry's ``also`` adds rows for further families;
- entries with ``position = "start"`` match only from a text's first word (after any
  mentions, emoji or punctuation), and are chosen separately from the others;
- a match that starts inside a negation blocker's span (``no lamentamos``, ``sin ningún
  problema``) is dropped, unless an entry matched from the negator itself (``no dude en``,
  ``no se preocupe``: entries come before blockers);
- a match that begins inside an earlier-beginning match of the same family is dropped
  (``gracias`` inside ``muchas gracias``), whether or not that one is kept itself: a
  question already counted is not counted again for a phrase within it; the same words
  matched twice for one family (a start entry and another) count once; matches of
  different families may overlap.

:func:`match_groups` matches several groups of families in one pass (normalising, splitting
and looking up the texts once) and applies every rule above within each group, as if each
were matched alone (:func:`grouped`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa

from roi.periods import stable_order
from roi.prepared import prepared
from roi.text.lexicon import ALL_FAMILIES, FAMILIES, LANGUAGES, Entry, load
from roi.text.normalize import _ranges, fold_codes, join, text_array
from roi.text.paths import ANY, PREFIX, SPACE, routes
from roi.text.words import P, Table, Vocabulary, Words

__all__ = ["EVIDENCE_COLUMNS", "PRIORITY", "Compiled", "Expressions", "compiled", "grouped", "match_groups",
           "match_texts"]

#: When entries of several families match from the same word, the first family here wins
#: (the more specific reading); an entry's ``also`` records the others it stands for.
PRIORITY = ("emotional_reaction", "interpretation", "exploration", "personalisation", "negative_courtesy",
            "offer_help", "reassurance", "apology", "gratitude", "greeting", "private_channel", "formal_referral")

#: Columns of the engine's output (before message ids are attached).
EVIDENCE_COLUMNS = ("row", "lang", "family", "entry", "weight", "matched_text", "start", "end", "lexicon_version")

#: Messages matched together in one joined string.
CHUNK = 10_000


@dataclass(frozen=True)
class Beginnings:
    """Word beginnings of a trie (``indicar\\w*``), looked up for many words at once."""

    vocabulary: Vocabulary
    word_id: np.ndarray  # vocabulary id -> the trie's word id
    lengths: tuple[int, ...]
    initial: np.ndarray  # code point -> some beginning starts with it

    @classmethod
    def of(cls, beginnings: Iterable[str], word_id: dict[str, int]) -> Beginnings:
        strings = sorted(set(beginnings))
        firsts = [ord(b[0]) for b in strings]
        return cls(Vocabulary.of(strings), np.asarray([word_id[b + PREFIX] for b in strings], dtype=np.int64),
                   tuple(sorted({len(b) for b in strings})), np.isin(np.arange(max(firsts, default=0) + 2), firsts))

    def find(self, words: Words, at: np.ndarray) -> tuple[list[np.ndarray], list[np.ndarray]]:
        """(index into ``at``, trie word id) of each beginning the words at positions ``at`` begin with."""
        if not self.lengths:
            return [], []
        initial = words.initial[at]
        maybe = np.flatnonzero(self.initial[np.minimum(initial, len(self.initial) - 1)] & (initial < len(self.initial)))
        size = words.end[at[maybe]] - words.start[at[maybe]]
        which, word = [], []
        for k in self.lengths:
            long = maybe[size >= k]
            start = words.start[at[long]]
            found = self.vocabulary.lookup(words.hash(start, start + k))
            which.append(long[found >= 0])
            word.append(self.word_id[found[found >= 0]])
        return which, word


@dataclass(frozen=True)
class Trie:
    """Word paths as a table of edges: the child of ``node`` through ``separator`` then ``word``.

    Word ids ``0 .. wildcard - 1`` are the vocabulary's words, ``wildcard`` is
    :data:`~roi.text.paths.ANY` and the ids after it word beginnings (``indicar\\w*``):
    ``beginnings`` all of them, ``first_beginnings`` those a path begins with.
    ``root[word]`` is the node a path's first word leads to (-1: none). A node's *ends*
    (``ends[node]:ends[node + 1]``) are the paths finishing there: the unit (entry, or
    blocker after the entries), the phrase's rank within it, whether the phrase is whole
    and whether it is a start entry.
    """

    root: np.ndarray
    wildcard: int
    beginnings: Beginnings
    first_beginnings: Beginnings
    edges: Table  # (node * n_separators + separator) * n_words + word -> child node
    wild: np.ndarray  # node -> it has an edge through ANY
    begins: np.ndarray  # node -> it has an edge through a word beginning
    n_separators: int
    n_words: int
    ends: np.ndarray
    unit: np.ndarray
    rank: np.ndarray
    whole: np.ndarray
    at_start: np.ndarray

    def step(self, node: np.ndarray, separator: np.ndarray, word: np.ndarray) -> np.ndarray:
        """The child of each ``node`` through ``separator`` then ``word`` (-1: none)."""
        return self.edges.get((node * self.n_separators + separator) * self.n_words + word)

    def word_ids(self, ids: np.ndarray, words: Words, at: np.ndarray, node: np.ndarray | None = None) \
            -> tuple[np.ndarray, np.ndarray]:
        """The word ids the words at positions ``at`` take in the trie: (index into ``at``, word id).

        A word is itself (``ids``: its vocabulary id, -1 when it has none),
        :data:`~roi.text.paths.ANY`, and each word beginning it begins with. Without
        ``node``, the words begin paths (never with ANY, and only the beginnings a path
        begins with); with it, only what ``node`` has edges for is looked up.
        """
        own = np.flatnonzero(ids[at] >= 0)
        if node is None:
            which, word = self.first_beginnings.find(words, at)
            return np.concatenate([own, *which]), np.concatenate([ids[at[own]], *word])
        which, word = [own], [ids[at[own]]]
        wild = np.flatnonzero(self.wild[node])
        if len(wild):
            which.append(wild)
            word.append(np.full(len(wild), self.wildcard))
        begins = np.flatnonzero(self.begins[node])
        if len(begins):
            more, ids_ = self.beginnings.find(words, at[begins])
            which += [begins[m] for m in more]
            word += ids_
        return np.concatenate(which), np.concatenate(word)


def _build_trie(paths: list[tuple[tuple[str, ...], tuple[str, ...], int, int, bool, bool]],
                words: Vocabulary, separators: Vocabulary) -> Trie:
    """``(words, separators, unit, rank, whole, at_start)`` paths -> :class:`Trie`."""
    beginnings = sorted({w for p in paths for w in p[0] if w.endswith(PREFIX)})
    word_id = {w: i for i, w in enumerate(words.strings)}
    word_id[ANY] = len(words)
    word_id.update({b: len(words) + 1 + i for i, b in enumerate(beginnings)})
    separator_id = {s: i for i, s in enumerate(separators.strings)}
    n_words = len(word_id)
    edges: dict[tuple[int, int, int], int] = {}
    root: dict[int, int] = {}
    finished: list[tuple[int, int, int, bool, bool]] = []
    nodes = 1
    for path, seps, unit, rank, whole, at_start in paths:
        first = word_id[path[0]]
        if first not in root:
            root[first], nodes = nodes, nodes + 1
        node = root[first]
        for separator, word in zip(seps, path[1:], strict=True):
            edge = (node, separator_id[separator], word_id[word])
            if edge not in edges:
                edges[edge], nodes = nodes, nodes + 1
            node = edges[edge]
        finished.append((node, unit, rank, whole, at_start))
    n_separators = max(len(separators), 1)
    keys = np.asarray([(n * n_separators + s) * n_words + w for n, s, w in edges], dtype=np.int64)
    root_array = np.full(n_words, -1, dtype=np.int64)
    root_array[list(root)] = list(root.values())
    finished.sort()
    node_of = np.asarray([f[0] for f in finished], dtype=np.int64)
    return Trie(
        root=root_array, wildcard=len(words),
        beginnings=Beginnings.of((b[:-1] for b in beginnings), word_id),
        first_beginnings=Beginnings.of((p[0][0][:-1] for p in paths if p[0][0].endswith(PREFIX)), word_id),
        edges=Table.of(keys, np.asarray(list(edges.values()), dtype=np.int64)),
        wild=np.isin(np.arange(nodes), [n for n, _, w in edges if w == word_id[ANY]]),
        begins=np.isin(np.arange(nodes), [n for n, _, w in edges if w > word_id[ANY]]),
        n_separators=n_separators, n_words=n_words,
        ends=np.searchsorted(node_of, np.arange(nodes + 1)),
        unit=np.asarray([f[1] for f in finished], dtype=np.int64),
        rank=np.asarray([f[2] for f in finished], dtype=np.int64),
        whole=np.asarray([f[3] for f in finished], dtype=bool),
        at_start=np.asarray([f[4] for f in finished], dtype=bool),
    )


class Expressions(Sequence):
    """The units' regular expressions, each compiled the first time it is read.

    Most units are written out whole as word paths and never need their expression; the
    others are compiled when a text first reaches them, so a process pays only for the
    expressions its texts use.

    Parameters
    ----------
    regexes : sequence of str
        Each unit's regular expression, as the lexicon wrote it out; unit ``u``'s
        expression is ``(?:regexes[u])(?!\\w)``.
    """

    def __init__(self, regexes: Sequence[str]) -> None:
        self._regexes = tuple(regexes)
        self._compiled: list[re.Pattern | None] = [None] * len(self._regexes)

    def __len__(self) -> int:
        return len(self._regexes)

    def __getstate__(self) -> tuple[str, ...]:  # kept on disk without the patterns compiled so far
        return self._regexes

    def __setstate__(self, regexes: tuple[str, ...]) -> None:
        self.__init__(regexes)

    def __getitem__(self, unit):
        if isinstance(unit, slice):
            return [self[u] for u in range(*unit.indices(len(self)))]
        pattern = self._compiled[unit]
        if pattern is None:
            pattern = self._compiled[unit] = re.compile(f"(?:{self._regexes[unit]})(?!\\w)")
        return pattern


@dataclass(frozen=True)
class Compiled:
    """One language's compiled lexicon.

    *Units* are the entries (of each group of families in turn, :func:`grouped`; within one, in
    :data:`PRIORITY` order, then file order) followed by the negation blockers (once per group);
    ``expression[u]`` is unit ``u``'s regular expression followed by ``(?!\\w)`` (compiled when
    first read, :class:`Expressions`).
    """

    entries: tuple[Entry, ...]
    expression: Expressions
    at_start: np.ndarray  # unit -> a start entry
    mixed: np.ndarray  # unit -> some of its phrases are written out whole and some are anchors
    words: Vocabulary
    longest: int  # characters in the vocabulary's longest word
    separators: Vocabulary
    trie: Trie
    family: np.ndarray  # entry index -> position in ALL_FAMILIES (-1 for a blocker, index -1)
    also: np.ndarray  # entry index -> how many further families it counts for
    also_family: np.ndarray  # (entry index, k) -> position in ALL_FAMILIES of its k-th further family, or -1
    weight: np.ndarray
    key: np.ndarray
    version: np.ndarray
    group: np.ndarray  # unit -> its group of families (grouped)
    group_entries: np.ndarray  # group g's entries are group_entries[g] to group_entries[g + 1] - 1


def compiled(language: str, families: tuple[str, ...]) -> Compiled | None:
    """The compiled lexicon of ``language`` for ``families`` (None without a lexicon): :func:`grouped`
    of one group."""
    return grouped(language, (tuple(families),))


@functools.cache
def grouped(language: str, groups: tuple[tuple[str, ...], ...]) -> Compiled | None:
    """The compiled lexicon of ``language`` for several groups of families (None without a lexicon),
    compiled once and kept on disk for later processes (:func:`roi.prepared.prepared`).

    Each group is matched as if it were compiled alone (:func:`match_groups`): its entries (in
    :data:`PRIORITY` order, then file order) compete only with each other for a place, and the
    negation blockers, written once per group, block only its own entries. The units are the
    entries group by group, then the blockers group by group; ``group[u]`` is unit ``u``'s group
    and group ``g``'s entries are ``group_entries[g]`` to ``group_entries[g + 1] - 1``.
    """
    return prepared("lexicon", lambda: _grouped(language, groups), language, groups)


def _grouped(language: str, groups: tuple[tuple[str, ...], ...]) -> Compiled | None:
    """:func:`grouped`, compiled from the lexicon files."""
    wanted = {f for families in groups for f in families}
    if sum(len(set(families)) for families in groups) != len(wanted):
        raise ValueError(f"a family is in more than one group: {groups!r}")
    lexicon = load(language, tuple(f for f in ALL_FAMILIES if f in wanted))  # only the files asked for
    if lexicon is None:
        return None
    by_group = [sorted((e for e in lexicon.entries if e.family in families), key=lambda e: PRIORITY.index(e.family))
                for families in groups]
    entries = tuple(e for group in by_group for e in group)
    units = ([(e.regex, e.position == "start") for e in entries]
             + [(b, False) for _ in groups for b in lexicon.blockers])
    unit_group = np.concatenate([np.repeat(np.arange(len(groups)), [len(g) for g in by_group]),
                                 np.repeat(np.arange(len(groups)), len(lexicon.blockers))]).astype(np.int64)
    paths = []
    for unit, (regex, at_start) in enumerate(units):
        paths += [(r.words, r.separators, unit, r.rank, r.complete, at_start) for r in routes(regex)]
    words = Vocabulary.of(sorted({w for p in paths for w in p[0] if w != ANY and not w.endswith(PREFIX)}))
    separators = Vocabulary.of([SPACE, *sorted({s for p in paths for s in p[1]} - {SPACE})])
    most_also = max((len(e.also) for e in entries), default=0)
    also_family = np.full((len(entries) + 1, most_also), -1, dtype=np.int64)
    for i, e in enumerate(entries):
        also_family[i, :len(e.also)] = [ALL_FAMILIES.index(f) for f in e.also]
    return Compiled(
        entries=entries,
        expression=Expressions([regex for regex, _ in units]),
        at_start=np.asarray([u[1] for u in units], dtype=bool),
        mixed=_mixed(paths, len(units)),
        words=words,
        longest=max((len(w) for w in words.strings), default=0),
        separators=separators,
        trie=_build_trie(paths, words, separators),
        family=np.asarray([ALL_FAMILIES.index(e.family) for e in entries] + [-1], dtype=np.int64),
        also=np.asarray([len(e.also) for e in entries] + [0], dtype=np.int64),
        also_family=also_family,
        weight=np.asarray([e.weight for e in entries] + [np.nan], dtype=float),
        key=np.asarray([e.key for e in entries] + [""], dtype=object),
        version=np.asarray([e.version for e in entries] + [""], dtype=object),
        group=unit_group,
        group_entries=np.concatenate([[0], np.cumsum([len(g) for g in by_group])]).astype(np.int64),
    )


def _mixed(paths: list[tuple], n_units: int) -> np.ndarray:
    """Unit -> some of its paths are whole phrases and some are anchors (False for all without paths:
    a language with no file of the families asked for)."""
    if not paths:
        return np.zeros(n_units, dtype=bool)
    return np.bincount(np.unique([(p[2], p[4]) for p in paths], axis=0)[:, 0], minlength=n_units) > 1


def _empty() -> pd.DataFrame:
    return pd.DataFrame({
        "row": pd.Series(dtype=np.int64), "lang": pd.Series(dtype=_category_dtype([])),
        "family": pd.Series(dtype=_category_dtype([])), "entry": pd.Series(dtype=_category_dtype([])),
        "weight": pd.Series(dtype=float), "matched_text": pd.Series(dtype="string"),
        "start": pd.Series(dtype=np.int64), "end": pd.Series(dtype=np.int64),
        "lexicon_version": pd.Series(dtype=_category_dtype([])),
    })


def _walk(trie: Trie, words: Words, ids: np.ndarray, separators: np.ndarray) -> tuple[np.ndarray, ...]:
    """Every path of ``trie`` found in the words: (first word, last word, index into the trie's ends).

    ``ids`` are the words' vocabulary ids (-1: not in it), ``separators[i]`` the id of
    the separator after word ``i`` (-1: the text ends there, or an unknown separator).
    A path of the walk's step ``s`` has ``last = first + s``.
    """
    which, word = trie.word_ids(ids, words, np.arange(len(words)))
    node = trie.root[word]
    first, node = which[node >= 0], node[node >= 0]
    found: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    step = 0
    while len(node):
        count = trie.ends[node + 1] - trie.ends[node]
        hit = np.flatnonzero(count)
        if len(hit):
            k = np.repeat(hit, count[hit])
            within = np.arange(len(k)) - np.repeat(np.cumsum(count[hit]) - count[hit], count[hit])
            found.append((first[k], first[k] + step, trie.ends[node[k]] + within))
        go = np.flatnonzero(separators[first + step] >= 0)  # a text's last word has none: no word follows in it
        first, node = first[go], node[go]
        step += 1
        which, word = trie.word_ids(ids, words, first + step, node)
        child = trie.step(node[which], separators[first[which] + step - 1], word)
        which, node = which[child >= 0], child[child >= 0]
        first = first[which]
    if not found:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return tuple(np.concatenate(column) for column in zip(*found, strict=True))


def _match_at(c: Compiled, normal: str, start: np.ndarray, unit: np.ndarray, limit: np.ndarray) -> np.ndarray:
    """Where unit ``unit[i]``'s expression, matched at ``start[i]`` and not past ``limit[i]`` (the end of
    its text), ends (-1: it does not match there).

    A loop, but only over the places where an anchor was found.
    """
    out = np.full(len(start), -1, dtype=np.int64)
    for i, (at, u, end) in enumerate(zip(start.tolist(), unit.tolist(), limit.tolist(), strict=True)):
        m = c.expression[u].match(normal, at, end)
        if m is not None:
            out[i] = m.end()
    return out


def _spans(c: Compiled, normal: str, codes: np.ndarray, offsets: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """(start, entry, end, group) of the match chosen at each place of each group of families,
    blockers as entry -1, before :func:`_resolve`.

    ``normal`` is the joined normalised text (code points ``codes``); text ``m`` is
    ``normal[offsets[m]:offsets[m] + lengths[m]]``.
    """
    words = Words.of(codes, offsets)
    if not len(words):
        return np.zeros((0, 4), dtype=np.int64)
    ids = words.ids(c.words, c.longest)
    first, last, ends = _walk(c.trie, words, ids, words.separators(c.separators, codes, normal))
    unit, rank, whole = c.trie.unit[ends], c.trie.rank[ends], c.trie.whole[ends]
    keep = ~c.at_start[unit] | words.first[first]
    first, last, unit, rank, whole = first[keep], last[keep], unit[keep], rank[keep], whole[keep]
    start, stop = words.start[first], words.end[last]
    valid = whole.copy()
    # anchors: where a unit has one, the unit's expression decides, once per place, within the text
    anchors = np.flatnonzero(~whole)
    if len(anchors):
        place = start * len(c.expression) + unit
        _, once = np.unique(place[anchors], return_index=True)
        anchors = anchors[once]
        message = words.message[first[anchors]]
        stop[anchors] = _match_at(c, normal, start[anchors], unit[anchors], offsets[message] + lengths[message])
        mixed = np.flatnonzero(c.mixed[unit])  # units with whole phrases and anchors (few)
        if len(mixed):
            valid[mixed] &= ~np.isin(place[mixed], place[anchors])
        valid[anchors] = stop[anchors] >= 0
    # whole phrases: each distinct (unit, phrase) checked once against the expression
    phrases = np.flatnonzero(valid & whole)
    if len(phrases):
        with np.errstate(over="ignore"):
            key = words.hash(start[phrases], stop[phrases]) ^ (unit[phrases].astype(np.uint64) * np.uint64(P))
        group, distinct = pd.factorize(key)
        once = np.full(len(distinct), -1, dtype=np.int64)
        once[group[::-1]] = phrases[::-1]
        ok = np.asarray([c.expression[u].fullmatch(normal, s, e) is not None for u, s, e in
                         zip(unit[once].tolist(), start[once].tolist(), stop[once].tolist(), strict=True)], dtype=bool)
        valid[phrases] = ok[group]
    start, stop, unit, rank = start[valid], stop[valid], unit[valid], rank[valid]
    # the first unit (then phrase) at each place, start entries apart from the rest, each group on its own
    place = c.at_start[unit] + 2 * c.group[unit]
    order = stable_order(place, start, unit, rank)
    place, start, stop, unit = place[order], start[order], stop[order], unit[order]
    chosen = np.ones(len(start), dtype=bool)
    chosen[1:] = (start[1:] != start[:-1]) | (place[1:] != place[:-1])
    entry = np.where(unit < len(c.entries), unit, -1)
    return np.column_stack([start[chosen], entry[chosen], stop[chosen], c.group[unit[chosen]]])


def _resolve(spans: np.ndarray, c: Compiled) -> np.ndarray:
    """Drop matches a negation blocker of their group covers and matches inside an earlier match of
    the same family: (start, entry, end) of those kept."""
    entry = spans[:, 1]
    blocker = entry < 0
    # a blocker covers only its own group's matches: each group's places set apart by an offset
    apart = spans[:, 3] * (np.int64(1) << 40)
    b_start, b_end = spans[blocker, 0] + apart[blocker], spans[blocker, 2] + apart[blocker]
    spans, entry = spans[~blocker], entry[~blocker]
    if len(b_start):
        order = np.argsort(b_start, kind="stable")
        b_start, b_end = b_start[order], b_end[order]
        at = spans[:, 0] + apart[~blocker]
        before = np.searchsorted(b_start, at, side="left") - 1  # last blocker starting earlier
        covered = (before >= 0) & (b_end[np.maximum(before, 0)] > at)
        spans, entry = spans[~covered], entry[~covered]
    if not len(entry):
        return np.zeros((0, 3), dtype=np.int64)
    family = c.family[entry]
    # by family, start, longest first
    order = stable_order(family, spans[:, 0], spans[:, 2].max() - spans[:, 2])
    spans, entry, family = spans[order], entry[order], family[order]
    big = np.int64(1) << 40
    reach = np.maximum.accumulate(family * big + spans[:, 2])
    inside = np.concatenate([[False], family[1:] * big + spans[1:, 0] < reach[:-1]])
    return np.column_stack([spans[~inside, 0], entry[~inside], spans[~inside, 2]])


def _slices(data: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> pa.Array:
    """The byte ranges ``data[starts[i]:ends[i]]`` of UTF-8 text, as an Arrow string array."""
    offsets = np.concatenate([[0], np.cumsum(ends - starts)]).astype(np.int64)
    picked = data[_ranges(starts, ends)]
    return pa.LargeStringArray.from_buffers(len(starts), pa.py_buffer(offsets), pa.py_buffer(picked))


#: UTF-8 byte -> it begins a character (is not a continuation byte).
_LEAD_BYTE = (np.arange(256) & 0xC0) != 0x80


def _one_language(texts: pa.Array, rows: np.ndarray, c: Compiled) -> dict | None:
    """The markers of one language in ``texts`` (the texts at positions ``rows``), as arrays sorted by
    row, start and family (a match's ``also`` families are rows of their own); ``group`` is the
    group of families (:func:`grouped`) of each match's entry."""
    original, lengths, data = join(texts)
    if not original:
        return None
    normal, codes = fold_codes(original)
    offsets = np.concatenate([[1], np.cumsum(lengths + 1)[:-1] + 1])  # where each text starts
    spans = _spans(c, normal, codes, offsets, lengths)
    if not len(spans):
        return None
    found = _resolve(spans, c)
    if not len(found):
        return None
    starts, entry, ends = found[:, 0], found[:, 1], found[:, 2]
    family = c.family[entry]
    if c.also[entry].any():  # one more row per further family of an entry, in the order of the matches
        extra = np.flatnonzero(c.also[entry] > 0)
        more = c.also_family[entry[extra]]
        keep = more >= 0
        take = np.concatenate([np.arange(len(entry)), np.broadcast_to(extra[:, None], more.shape)[keep]])
        family = np.concatenate([family, more[keep]])
        starts, ends, entry = starts[take], ends[take], entry[take]
    order = stable_order(starts, family)
    starts, ends, entry, family = starts[order], ends[order], entry[order], family[order]
    message = np.searchsorted(offsets, starts, side="right") - 1
    local = starts - offsets[message]
    u8 = np.frombuffer(data, dtype=np.uint8)
    if len(u8) == len(original):  # ASCII: a character is a byte
        b_starts, b_ends = starts, ends
    else:
        char_at = np.append(np.flatnonzero(_LEAD_BYTE[u8]), len(u8))  # byte offset of each character
        b_starts, b_ends = char_at[starts], char_at[ends]
    return {
        "row": rows[message],
        "entry": entry,
        "family": family,
        "start": local,
        "end": local + (ends - starts),
        "matched_text": _slices(u8, b_starts, b_ends),
        "group": c.group[entry],
    }


def _categories(values: list[str], index: np.ndarray) -> pd.Categorical:
    """``values[index]`` as a categorical of the values that occur (no empty categories)."""
    distinct, same = pd.factorize(pd.Series(values, dtype=object))  # values may repeat
    values, index = list(same), distinct[index]
    used = np.flatnonzero(np.bincount(index, minlength=len(values)))
    code = np.full(len(values), -1, dtype=np.int32)
    code[used] = np.arange(len(used), dtype=np.int32)
    return pd.Categorical.from_codes(code[index], dtype=_category_dtype([values[i] for i in used.tolist()]))


def _category_dtype(values: list[str]) -> pd.CategoricalDtype:
    return pd.CategoricalDtype(pd.Index(values, dtype="string"))


def match_texts(texts: pd.Series, langs: pd.Series, families: Iterable[str] | None = None) -> pd.DataFrame:
    """Every marker in ``texts``: one row per match, ``row`` being the text's position (0-based).

    Parameters
    ----------
    texts
        Original message texts.
    langs
        The language of each text (resolved: no missing values where matching is wanted);
        texts in a language without a lexicon get no rows.
    families
        Families to match (default all).

    Returns
    -------
    DataFrame
        :data:`EVIDENCE_COLUMNS`, sorted by ``row`` and ``start`` (then family, in
        :data:`~roi.text.lexicon.ALL_FAMILIES` order); ``start``/``end`` are offsets in
        the original text (``text[start:end] == matched_text``).
    """
    return match_groups(texts, langs, (tuple(FAMILIES if families is None else families),))[0]


def match_groups(texts: pd.Series, langs: pd.Series, groups: Sequence[Iterable[str]]) -> list[pd.DataFrame]:
    """:func:`match_texts` of each group of families in ``groups``, in one pass over the texts.

    The texts are normalised, split into words and looked up once for every group; each group's
    entries are then chosen and resolved on their own, so frame ``g`` equals
    ``match_texts(texts, langs, groups[g])`` row for row (a family may be in one group only):
    :data:`PRIORITY`, start entries and negation blockers act within a group, never across
    groups. The categories of ``lang``, ``entry`` and ``lexicon_version`` follow
    :data:`~roi.text.lexicon.LANGUAGES` order, then each lexicon's own, whatever the texts' order.
    """
    groups = tuple(tuple(families) for families in groups)
    array = text_array(texts)
    langs = langs.astype("string").reset_index(drop=True)
    codes, uniques = pd.factorize(langs, use_na_sentinel=True)
    lexicons = [(code, str(language), grouped(str(language), groups)) for code, language in enumerate(uniques)]
    # in the order of LANGUAGES, not of the texts: the categories of ``lang`` and ``entry`` (and so the
    # order of anything grouped by them) do not depend on which text comes first
    lexicons = sorted(((code, language, c) for code, language, c in lexicons if c is not None),
                      key=lambda item: (_rank(item[1]), item[1]))
    languages = [language for _, language, _ in lexicons]
    names = ("row", "lang", "family", "entry", "start", "end", "group")
    parts, matched = [], []
    # chunks of consecutive texts, each matched language by language: memory grows with the chunk, not the
    # column, and the merge by row stays within a chunk
    for begin in range(0, len(texts), CHUNK):
        chunk = codes[begin:begin + CHUNK]
        found = []
        for k, (code, _, c) in enumerate(lexicons):
            rows = np.flatnonzero(chunk == code) + begin
            one = _one_language(array.take(pa.array(rows)), rows, c) if len(rows) else None
            if one is not None:
                one["lang"] = np.full(len(one["row"]), k, dtype=np.int64)
                found.append(one)
        if not found:
            continue
        columns = {name: np.concatenate([f[name] for f in found]) for name in names}
        text = pa.concat_arrays([f["matched_text"] for f in found])
        if len(found) > 1:  # each language's rows are in order already: merge them
            order = np.argsort(columns["row"], kind="stable")
            columns = {name: values[order] for name, values in columns.items()}
            text = text.take(pa.array(order))
        parts.append(columns)
        matched.append(text)
    if not parts:
        return [_empty() for _ in groups]
    columns = {name: np.concatenate([p[name] for p in parts]) for name in names}
    matched = pa.concat_arrays(matched)
    return [_frame(columns, matched, languages, [c for _, _, c in lexicons], g) for g in range(len(groups))]


def _rank(language: str) -> int:
    """Where ``language`` comes among :data:`~roi.text.lexicon.LANGUAGES` (others after them)."""
    return LANGUAGES.index(language) if language in LANGUAGES else len(LANGUAGES)


def _frame(columns: dict[str, np.ndarray], matched: pa.Array, languages: list[str], lexicons: list[Compiled],
           group: int) -> pd.DataFrame:
    """The rows of ``group`` among the matches of every group, as :data:`EVIDENCE_COLUMNS` (entries,
    weights and versions read from each language's entries of that group)."""
    mine = columns["group"] == group
    if not mine.any():
        return _empty()
    local = [slice(c.group_entries[group], c.group_entries[group + 1]) for c in lexicons]
    # the entries of every language's group in one table: a match's entry, moved to its place there
    first = np.cumsum([0] + [s.stop - s.start for s in local])
    moved = np.asarray([first[k] - s.start for k, s in enumerate(local)], dtype=np.int64)
    language = columns["lang"][mine]
    entry = columns["entry"][mine] + moved[language]
    keys = [k for c, s in zip(lexicons, local, strict=True) for k in c.key[s].tolist()]
    weights = [w for c, s in zip(lexicons, local, strict=True) for w in c.weight[s].tolist()]
    versions = [v for c, s in zip(lexicons, local, strict=True) for v in c.version[s].tolist()]
    return pd.DataFrame({
        "row": columns["row"][mine],
        "lang": _categories(languages, language),
        "family": _categories(list(ALL_FAMILIES), columns["family"][mine]),
        "entry": _categories(keys, entry),
        "weight": np.asarray(weights, dtype=float)[entry],
        "matched_text": pd.arrays.ArrowStringArray(matched if mine.all() else matched.filter(pa.array(mine))),
        "start": columns["start"][mine],
        "end": columns["end"][mine],
        "lexicon_version": _categories(versions, entry),
    }, copy=False)  # the arrays are ours: no copy into one block
