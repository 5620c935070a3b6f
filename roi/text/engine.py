"""The marker engine: every lexicon entry of a language matched over a whole column at once.

How a pass works, for one language:

1. the texts are joined with NUL separators into one string and normalised in one go
   (:func:`roi.text.normalize.fold`, length-preserving);
2. the entries are compiled into two regular expressions (entries at the start of a
   message; entries anywhere, plus the negation blockers): alternations in which every
   entry ends with an empty numbered group, so ``match.lastindex`` names the entry and
   that group's position is where the entry's words end. Alternatives are grouped by
   their first letter, so at each word the matcher tries only the entries that can
   begin there, and the entries sit in a look-ahead, so every word is tried whatever
   matched before it;
3. one ``finditer`` per expression over the joined string yields (start, entry, end); a
   ``searchsorted`` on the messages' offsets turns positions into (message, offset).

Rules applied to the matches, all vectorised:

- among entries matching from the same word, the first in :data:`PRIORITY` order wins
  (then file order); an entry's ``also`` adds rows for further families;
- a match that starts inside a negation blocker's span (``no lamentamos``, ``sin ningún
  problema``) is dropped, unless an entry matched from the negator itself (``no dude en``,
  ``no se preocupe``: entries come before blockers);
- a match inside an earlier match of the same family is dropped (``gracias`` inside
  ``muchas gracias``); matches of different families may overlap.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from roi.text.lexicon import ALL_FAMILIES, FAMILIES, Entry, load
from roi.text.normalize import fold

__all__ = ["EVIDENCE_COLUMNS", "PRIORITY", "Compiled", "compiled", "match_texts"]

#: When entries of several families match from the same word, the first family here wins
#: (the more specific reading); an entry's ``also`` records the others it stands for.
PRIORITY = ("emotional_reaction", "interpretation", "exploration", "personalisation", "negative_courtesy",
            "offer_help", "reassurance", "apology", "gratitude", "greeting", "private_channel", "formal_referral")

#: Columns of the engine's output (before message ids are attached).
EVIDENCE_COLUMNS = ("row", "lang", "family", "entry", "weight", "matched_text", "start", "end", "lexicon_version")

#: Messages matched together in one joined string.
CHUNK = 50_000

_LITERAL = re.compile(r"[a-z0-9]")


def _group_end(regex: str, start: int) -> int:
    """Index just after the parenthesis that closes the group opening at ``regex[start]``."""
    depth, i = 0, start
    in_class = False
    while i < len(regex):
        c = regex[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    raise ValueError(f"unbalanced group in {regex!r}")


def _split_top(body: str) -> list[str]:
    """Top-level alternatives of a group's body."""
    parts, depth, current, i, in_class = [], 0, [], 0, False
    while i < len(body):
        c = body[i]
        if c == "\\":
            current.append(body[i:i + 2])
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            parts.append("".join(current))
            current = []
            i += 1
            continue
        current.append(c)
        i += 1
    parts.append("".join(current))
    return parts


def _expand(regex: str, limit: int = 64) -> list[str]:
    """Equivalent alternatives that each begin with a literal letter, where that is cheap to get.

    A leading ``(?:a|b)`` becomes one alternative per branch, a leading optional group
    ``(?:x )?`` one with and one without it, a leading ``[ab]`` one per letter. Python's
    regex engine skips an alternative at once when its first literal does not match;
    an alternative opening with a group is tried in full at every word.
    """
    out, todo = [], [regex]
    while todo:
        r = todo.pop(0)
        if _LITERAL.match(r) or len(out) + len(todo) >= limit:
            out.append(r)
            continue
        if r.startswith("(?:"):
            end = _group_end(r, 0)
            body, rest = r[3:end - 1], r[end:]
            if rest[:1] in ("*", "+", "{") or rest[:2] == "??":
                out.append(r)
                continue
            optional = rest[:1] == "?"
            rest = rest[1:] if optional else rest
            todo[:0] = [b + rest for b in _split_top(body)] + ([rest] if optional else [])
            continue
        m = re.match(r"\[([a-z0-9]+)\]", r)
        if m and r[m.end():m.end() + 1] not in ("?", "*", "+", "{"):
            todo[:0] = [c + r[m.end():] for c in m.group(1)]
            continue
        out.append(r)
    return out


_META = set("\\.^$*+?{}[]|()")


def _literal_prefix(regex: str) -> tuple[str, str]:
    """Split off the leading plain characters (none followed by a quantifier)."""
    i = 0
    while i < len(regex) and regex[i] not in _META and not (i + 1 < len(regex) and regex[i + 1] in "?*+{"):
        i += 1
    return regex[:i], regex[i:]


def _common_prefix(words: list[str]) -> str:
    first, last = min(words), max(words)
    n = 0
    while n < min(len(first), len(last)) and first[n] == last[n]:
        n += 1
    return first[:n]


def _node(items: list[tuple[str, str, int]], groups: list[int]) -> str:
    """Alternation of ``(literal prefix, remainder, entry index)`` items, as a trie on the prefixes.

    Children keep the order of their first item, so where two entries can match from the
    same place the earlier one still wins.
    """
    children: dict[str, list[tuple[str, str, int]]] = {}
    order: list[tuple[int, str | None, tuple[str, str, int] | None]] = []
    for n, (prefix, rest, index) in enumerate(items):
        if prefix:
            if prefix[0] not in children:
                children[prefix[0]] = []
                order.append((n, prefix[0], None))
            children[prefix[0]].append((prefix[1:], rest, index))
        else:
            order.append((n, None, (prefix, rest, index)))
    parts = []
    for _, letter, leaf in order:
        if letter is None:
            groups.append(leaf[2])
            parts.append(f"{leaf[1]}(?!\\w)()")
            continue
        sub = children[letter]
        common = _common_prefix([p for p, _, _ in sub])  # a run shared by every item: one literal
        sub = [(p[len(common):], r, i) for p, r, i in sub]
        head = re.escape(letter + common)
        if len(sub) == 1:
            groups.append(sub[0][2])
            parts.append(f"{head}{re.escape(sub[0][0])}{sub[0][1]}(?!\\w)()")
        else:
            parts.append(f"{head}(?:{_node(sub, groups)})")
    return "|".join(parts)


def _trie(alternatives: list[tuple[str, int]], groups: list[int]) -> str:
    """``(regex, entry index)`` pairs -> one alternation, a trie on their literal beginnings.

    Appends to ``groups`` the entry index of each empty group, in group-number order.
    """
    items = [(*_literal_prefix(r), i) for whole, i in alternatives for r in _expand(whole)]
    return _node(items, groups)


@dataclass(frozen=True)
class Compiled:
    """One language's compiled lexicon: a pass for start entries, a pass for the rest."""

    start: re.Pattern | None
    anywhere: re.Pattern
    start_entry: np.ndarray  # group number of the start pass -> entry index
    group_entry: np.ndarray  # group number of the other pass -> entry index, -1 for a blocker
    entries: tuple[Entry, ...]
    family: np.ndarray  # entry index -> position in ALL_FAMILIES
    also: np.ndarray  # entry index -> how many further families it counts for
    weight: np.ndarray
    key: np.ndarray
    version: np.ndarray


@functools.cache
def compiled(language: str, families: tuple[str, ...]) -> Compiled | None:
    """The regular expressions of ``language`` for ``families`` (None without a lexicon)."""
    lexicon = load(language, ALL_FAMILIES)
    if lexicon is None:
        return None
    entries = tuple(sorted((e for e in lexicon.entries if e.family in families), key=lambda e: PRIORITY.index(e.family)))
    start = [(e.regex, i) for i, e in enumerate(entries) if e.position == "start"]
    anywhere = [(e.regex, i) for i, e in enumerate(entries) if e.position == "anywhere"]
    anywhere += [(b, -1) for b in lexicon.blockers]
    # A start pass: a NUL (message start), the mentions, emoji or punctuation before the
    # first word, then the entries in a look-ahead. The other pass: the non-word character
    # before a word, then the entries in a look-ahead. Opening with a literal or a
    # character class lets the regex engine jump between candidates; the look-ahead keeps
    # matches one character wide, so every word is tried whatever matched before it.
    start_groups: list[int] = [-1]  # group 0 is the whole match
    start_rx = re.compile(r"\x00[^\w\x00]*+(?=" + _trie(start, start_groups) + ")") if start else None
    groups: list[int] = [-1]
    anywhere_rx = re.compile(r"[^\w](?=" + _trie(anywhere, groups) + ")")
    return Compiled(
        start=start_rx,
        anywhere=anywhere_rx,
        start_entry=np.asarray(start_groups, dtype=np.int64),
        group_entry=np.asarray(groups, dtype=np.int64),
        entries=entries,
        family=np.asarray([ALL_FAMILIES.index(e.family) for e in entries] + [-1], dtype=np.int64),
        also=np.asarray([len(e.also) for e in entries] + [0], dtype=np.int64),
        weight=np.asarray([e.weight for e in entries] + [np.nan], dtype=float),
        key=np.asarray([e.key for e in entries] + [""], dtype=object),
        version=np.asarray([e.version for e in entries] + [""], dtype=object),
    )


def _empty() -> pd.DataFrame:
    return pd.DataFrame({
        "row": pd.Series(dtype=np.int64), "lang": pd.Series(dtype="string"), "family": pd.Series(dtype="string"),
        "entry": pd.Series(dtype="string"), "weight": pd.Series(dtype=float), "matched_text": pd.Series(dtype="string"),
        "start": pd.Series(dtype=np.int64), "end": pd.Series(dtype=np.int64),
        "lexicon_version": pd.Series(dtype="string"),
    })


def _scan(regex: re.Pattern | None, group_entry: np.ndarray, text: str) -> np.ndarray:
    """(entry start, entry index, entry end) of every match; the entry ends where its empty group sits."""
    if regex is None:
        return np.zeros((0, 3), dtype=np.int64)
    found = np.asarray([(m.end(), m.lastindex, m.start(m.lastindex)) for m in regex.finditer(text)],
                       dtype=np.int64).reshape(-1, 3)
    found[:, 1] = group_entry[found[:, 1]]
    return found


def _resolve(spans: np.ndarray, c: Compiled) -> np.ndarray:
    """Drop matches a negation blocker covers and matches inside an earlier match of the same family."""
    entry = spans[:, 1]
    blocker = entry < 0
    b_start, b_end = spans[blocker, 0], spans[blocker, 2]
    spans, entry = spans[~blocker], entry[~blocker]
    if len(b_start):
        order = np.argsort(b_start, kind="stable")
        b_start, b_end = b_start[order], b_end[order]
        before = np.searchsorted(b_start, spans[:, 0], side="left") - 1  # last blocker starting earlier
        covered = (before >= 0) & (b_end[np.maximum(before, 0)] > spans[:, 0])
        spans, entry = spans[~covered], entry[~covered]
    if not len(entry):
        return np.zeros((0, 3), dtype=np.int64)
    family = c.family[entry]
    order = np.lexsort((-spans[:, 2], spans[:, 0], family))
    spans, entry, family = spans[order], entry[order], family[order]
    big = np.int64(1) << 40
    reach = np.maximum.accumulate(family * big + spans[:, 2])
    inside = np.r_[False, family[1:] * big + spans[1:, 0] < reach[:-1]]
    return np.column_stack([spans[~inside, 0], entry[~inside], spans[~inside, 2]])


def _one_language(texts: list[str], rows: np.ndarray, language: str, families: tuple[str, ...]) -> pd.DataFrame | None:
    c = compiled(language, families)
    if c is None or not texts:
        return None
    original = "\x00" + "\x00".join(texts)
    normal = fold(original)
    spans = np.concatenate([_scan(c.start, c.start_entry, normal), _scan(c.anywhere, c.group_entry, normal)])
    if not len(spans):
        return None
    found = _resolve(spans, c)
    if not len(found):
        return None
    starts, entry, ends = found[:, 0], found[:, 1], found[:, 2]
    lengths = np.fromiter((len(t) for t in texts), dtype=np.int64, count=len(texts))
    offsets = np.concatenate([[1], np.cumsum(lengths + 1)[:-1] + 1])  # where each text starts
    message = np.searchsorted(offsets, starts, side="right") - 1
    local = starts - offsets[message]
    family = c.family[entry]
    if c.also[entry].any():  # one more row per further family of an entry
        extra = np.flatnonzero(c.also[entry] > 0)
        more = [(i, ALL_FAMILIES.index(f)) for i in extra for f in c.entries[entry[i]].also]
        take = np.r_[np.arange(len(entry)), [i for i, _ in more]].astype(np.int64)
        family = np.r_[family, [f for _, f in more]].astype(np.int64)
        starts, ends, entry, message, local = starts[take], ends[take], entry[take], message[take], local[take]
    return pd.DataFrame({
        "row": rows[message],
        "lang": language,
        "family": pd.Categorical.from_codes(family, categories=list(ALL_FAMILIES)),
        "entry": c.key[entry],
        "weight": c.weight[entry],
        "matched_text": [original[s:e] for s, e in zip(starts.tolist(), ends.tolist(), strict=True)],
        "start": local,
        "end": local + (ends - starts),
        "lexicon_version": c.version[entry],
    })


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
        :data:`EVIDENCE_COLUMNS`, sorted by ``row`` and ``start``; ``start``/``end`` are
        offsets in the original text (``text[start:end] == matched_text``).
    """
    families = tuple(FAMILIES if families is None else families)
    texts = texts.astype("string").fillna("").str.replace("\x00", " ", regex=False)
    langs = langs.astype("string").reset_index(drop=True)
    values = np.asarray(texts.to_numpy(dtype=object))
    frames = []
    codes, uniques = pd.factorize(langs, use_na_sentinel=True)
    for code, language in enumerate(uniques):
        rows = np.flatnonzero(codes == code)
        for begin in range(0, len(rows), CHUNK):  # bounded strings: memory grows with the chunk, not the column
            part = rows[begin:begin + CHUNK]
            frame = _one_language(values[part].tolist(), part, str(language), families)
            if frame is not None:
                frames.append(frame)
    if not frames:
        return _empty()
    out = pd.concat(frames, ignore_index=True)
    out = out.sort_values(["row", "start", "family"], kind="stable").reset_index(drop=True)
    for column in ("lang", "family", "entry", "matched_text", "lexicon_version"):
        out[column] = out[column].astype("string")
    return out
