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
import pyarrow as pa
import pyarrow.compute as pc

from roi.text.lexicon import ALL_FAMILIES, FAMILIES, Entry, load
from roi.text.normalize import _ranges, fold_codes, is_word, join, text_array

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

#: White space as lexicon patterns write it; a token of its own in a literal prefix.
_SPACE = r"\s+"


def _plain(regex: str, i: int) -> bool:
    return i < len(regex) and regex[i] not in _META and not (i + 1 < len(regex) and regex[i + 1] in "?*+{")


def _literal_prefix(regex: str, spaces: bool = False) -> tuple[tuple[str, ...], str]:
    r"""Split off the leading plain characters (none followed by a quantifier), one token each.

    With ``spaces``, a ``\s+`` followed by a plain letter or digit is a token too: the
    letter cannot be white space, so ``\s+`` can only match all the white space there
    is, and entries that share it can share one ``\s+`` in the trie.
    """
    tokens, i = [], 0
    while i < len(regex):
        if spaces and regex.startswith(_SPACE, i) and _plain(regex, i + 3) and regex[i + 3].isascii() \
                and regex[i + 3].isalnum():
            tokens.append(_SPACE)
            i += len(_SPACE)
        elif _plain(regex, i):
            tokens.append(regex[i])
            i += 1
        else:
            break
    return tuple(tokens), regex[i:]


def _common_prefix(words: list[tuple[str, ...]]) -> tuple[str, ...]:
    first, last = min(words), max(words)
    n = 0
    while n < min(len(first), len(last)) and first[n] == last[n]:
        n += 1
    return first[:n]


def _literal(tokens: tuple[str, ...]) -> str:
    return "".join(t if t == _SPACE else re.escape(t) for t in tokens)


def _node(items: list[tuple], groups: list[int], prefixes: list[tuple[str, ...]] | None = None) -> str:
    """Alternation of ``(literal prefix, remainder, entry index, ...)`` items, as a trie on the prefixes.

    Children keep the order of their first item, so where two entries can match from the
    same place the earlier one still wins: children that begin with different characters
    cannot both match, and a ``\\s+`` child is split wherever an item without a literal
    prefix (which might match there too) comes between its items. ``prefixes``, when
    given, receives each group's item's whole literal prefix (the item's fourth field).
    """
    children: dict[tuple[str, int], list[tuple]] = {}
    order: list[tuple[int, tuple[str, int] | None, tuple | None]] = []
    leaves = 0
    for n, (prefix, rest, *more) in enumerate(items):
        if prefix:
            key = (prefix[0], leaves if prefix[0] == _SPACE else 0)
            if key not in children:
                children[key] = []
                order.append((n, key, None))
            children[key].append((prefix[1:], rest, *more))
        else:
            order.append((n, None, (prefix, rest, *more)))
            leaves += 1
    parts = []
    for _, key, leaf in order:
        if key is None:
            groups.append(leaf[2])
            if prefixes is not None:
                prefixes.append(leaf[3])
            parts.append(f"{leaf[1]}(?!\\w)()")
            continue
        sub = children[key]
        common = _common_prefix([item[0] for item in sub])  # a run shared by every item: one literal
        sub = [(item[0][len(common):], *item[1:]) for item in sub]
        head = _literal((key[0], *common))
        if len(sub) == 1:
            groups.append(sub[0][2])
            if prefixes is not None:
                prefixes.append(sub[0][3])
            parts.append(f"{head}{_literal(sub[0][0])}{sub[0][1]}(?!\\w)()")
        else:
            parts.append(f"{head}(?:{_node(sub, groups, prefixes)})")
    return "|".join(parts)


def _items(alternatives: list[tuple[str, int]]) -> list[tuple[tuple[str, ...], str, int, tuple[str, ...]]]:
    """``(literal prefix, remainder, entry index, literal prefix)`` of every expanded alternative."""
    items = [(*_literal_prefix(r, spaces=True), i) for whole, i in alternatives for r in _expand(whole)]
    if any(t != _SPACE and t.isspace() for prefix, _, _ in items for t in prefix):  # a literal space: no \s+ tokens
        items = [(*_literal_prefix(r), i) for whole, i in alternatives for r in _expand(whole)]
    return [(prefix, rest, i, prefix) for prefix, rest, i in items]


def _trie(alternatives: list[tuple[str, int]], groups: list[int]) -> str:
    """``(regex, entry index)`` pairs -> one alternation, a trie on their literal beginnings.

    Appends to ``groups`` the entry index of each empty group, in group-number order.
    """
    return _node(_items(alternatives), groups)


def _reads_around(regex: str) -> bool:
    """Whether ``regex`` may look outside the text it matches (look-arounds, anchors, ``\\b``).

    Conservative: it may say yes for a pattern that does not.
    """
    i = 0
    while i < len(regex):
        c = regex[i]
        if c == "\\":
            if regex[i + 1:i + 2] in ("b", "B", "A", "Z") or regex[i + 1:i + 2].isdigit():
                return True
            i += 2
            continue
        if c == "$" or (c == "^" and regex[i - 1:i] != "[") or regex.startswith(("(?=", "(?!", "(?<"), i):
            return True
        i += 1
    return False


@dataclass(frozen=True)
class Pass:
    r"""One trie in look-ahead, compiled to be run as :func:`re.split` over a joined text.

    ``split`` is ``<lead>(?=(trie))`` without a group per entry: a match costs little
    (a match object copies every group) and ``split`` returns, between the pieces of
    text, the words each match covers. ``grouped`` is the look-ahead alone with an
    empty group after each entry (``match.lastindex`` names the entry); it is run only
    where the entry must be told: once per distinct matched text, else at every match.
    Once is enough: the entry that matched a text is the first of the trie that can
    match those words followed by a non-word character, whatever comes after them, as
    long as neither it nor an entry tried before it that the text begins like looks
    outside the words it matches (:meth:`told_by_text`).
    """

    split: re.Pattern
    grouped: re.Pattern  # the look-ahead alone, matched where an entry begins
    entry: np.ndarray  # group number of ``grouped`` -> entry index, -1 for a blocker
    looking: tuple[tuple[int, tuple[str, ...]], ...]  # (group number, literal prefix) of entries that look around
    skip: bool  # the lead captures the characters it steps over (the start pass)

    def told_by_text(self, group: int, text: str) -> bool:
        """Whether every match of ``text`` is the entry of ``group``, as found at one of them.

        True unless that entry, or an entry tried before it whose literal beginning
        ``text`` holds, looks outside the words it matches.
        """
        return not any(g == group or (g < group and _begins(text, prefix)) for g, prefix in self.looking)


def _begins(text: str, prefix: tuple[str, ...]) -> bool:
    """Whether ``text`` begins with the literal ``prefix`` (``\\s+`` tokens taking all the white space)."""
    j = 0
    for token in prefix:
        if token == _SPACE:
            if j >= len(text) or not text[j].isspace():
                return False
            while j < len(text) and text[j].isspace():
                j += 1
        elif j >= len(text) or text[j] != token:
            return False
        else:
            j += 1
    return True


def _pass(lead: str, items: list[tuple], dependent: set[int], *, skip: bool) -> Pass:
    groups: list[int] = [-1]  # group 0 is the whole match
    prefixes: list[tuple[str, ...]] = [()]
    grouped = _node(items, groups, prefixes)
    plain = grouped.replace(r"(?!\w)()", r"(?!\w)")
    return Pass(
        split=re.compile(lead + "(?=(" + plain + "))"),
        grouped=re.compile("(?=" + grouped + ")"),
        entry=np.asarray(groups, dtype=np.int64),
        looking=tuple((g, prefixes[g]) for g, i in enumerate(groups) if g and i in dependent),
        skip=skip,
    )


@dataclass(frozen=True)
class Compiled:
    r"""One language's compiled lexicon: a pass for start entries, passes for the rest.

    The start pass is ``\x00[^\w\x00]*+(?=trie)``: a NUL (message start), the
    mentions, emoji or punctuation before the first word, then the start entries.
    The entries found anywhere are those of ``[^\w](?=trie)``: a non-word character,
    then an entry in a look-ahead. That one expression is run as three, which find the
    same matches together: ``space`` and ``nul`` begin with a literal (a space, the NUL
    before a message), so the regex engine jumps between candidates, and ``at`` (the
    look-ahead alone) is tried at each remaining word start, which the code points
    find (a non-word character followed by a letter an entry can begin with).
    """

    start: Pass | None  # None when the language has no start entries
    space: Pass | None  # None when the language has no entries to find anywhere
    nul: Pass | None
    at: re.Pattern | None
    first: np.ndarray | None  # code point -> an entry can begin with it (None: any character)
    group_entry: np.ndarray  # group number of ``at`` -> entry index, -1 for a blocker
    entries: tuple[Entry, ...]
    family: np.ndarray  # entry index -> position in ALL_FAMILIES
    also: np.ndarray  # entry index -> how many further families it counts for
    also_family: np.ndarray  # (entry index, k) -> position in ALL_FAMILIES of its k-th further family, or -1
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
    dependent = {i for regex, i in start + anywhere if _reads_around(regex)}
    # Opening with a literal lets the regex engine jump between candidates; the
    # look-ahead keeps matches one character wide (or the NUL and what the start pass
    # steps over), so every word is tried whatever matched before it.
    start_pass = _pass(r"\x00([^\w\x00]*+)", _items(start), dependent, skip=True) if start else None
    items = _items(anywhere)
    space = _pass(" ", items, dependent, skip=False) if items else None
    first = None
    if all(prefix and prefix[0] != _SPACE for prefix, *_ in items):
        letters = [ord(prefix[0]) for prefix, *_ in items]
        first = np.zeros(max(letters, default=0) + 1, dtype=bool)
        first[letters] = True
    longest = max((len(e.also) for e in entries), default=0)
    also_family = np.full((len(entries) + 1, longest), -1, dtype=np.int64)
    for i, e in enumerate(entries):
        also_family[i, :len(e.also)] = [ALL_FAMILIES.index(f) for f in e.also]
    return Compiled(
        start=start_pass,
        space=space,
        nul=Pass(re.compile(r"\x00" + space.split.pattern[1:]), space.grouped, space.entry, space.looking, False)
        if items else None,
        at=space.grouped if items else None,
        first=first,
        group_entry=space.entry if items else np.zeros(1, dtype=np.int64),
        entries=entries,
        family=np.asarray([ALL_FAMILIES.index(e.family) for e in entries] + [-1], dtype=np.int64),
        also=np.asarray([len(e.also) for e in entries] + [0], dtype=np.int64),
        also_family=also_family,
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


_NONE = np.zeros((0, 3), dtype=np.int64)


def _run(p: Pass | None, text: str) -> np.ndarray:
    """(entry start, entry index, entry end) of every match of a pass, in text order."""
    if p is None:
        return _NONE
    parts = p.split.split(text)
    step = 3 if p.skip else 2
    count = len(parts) // step
    if not count:
        return _NONE
    sizes = np.fromiter(map(len, parts), dtype=np.int64, count=len(parts))
    matched = parts[step - 1::step]
    width = 1 + sizes[1::step] if p.skip else np.ones(count, dtype=np.int64)  # what the lead consumed
    lead = np.cumsum(sizes[0::step][:-1]) + np.concatenate([[0], np.cumsum(width)[:-1]])
    starts = lead + width
    # the entry of each distinct matched text, told at its first match
    distinct = {t: k for k, t in enumerate(dict.fromkeys(matched))}
    which = np.fromiter(map(distinct.__getitem__, matched), dtype=np.int64, count=count)
    first = np.empty(len(distinct), dtype=np.int64)
    first[which[::-1]] = np.arange(count - 1, -1, -1)
    match = p.grouped.match
    winner = np.fromiter((match(text, at).lastindex for at in starts[first].tolist()), dtype=np.int64, count=len(first))
    group = winner[which]
    if p.looking:  # an entry that looks around: tell it at every match of the texts it may match
        told = np.asarray([p.told_by_text(g, t) for g, t in zip(winner.tolist(), distinct, strict=True)], dtype=bool)
        unsafe = np.flatnonzero(~told[which])
        group[unsafe] = [match(text, at).lastindex for at in starts[unsafe].tolist()]
    return np.column_stack([starts, p.entry[group], starts + sizes[step - 1::step]])


def _scan_at(regex: re.Pattern, group_entry: np.ndarray, text: str, positions: np.ndarray) -> np.ndarray:
    """(entry start, entry index, entry end) of a look-ahead tried at the given positions only."""
    match = regex.match
    found = []
    for p in positions.tolist():
        m = match(text, p)
        if m is not None:
            found.append((p, m.lastindex, m.start(m.lastindex)))
    found = np.asarray(found, dtype=np.int64).reshape(-1, 3)
    found[:, 1] = group_entry[found[:, 1]]
    return found


#: Code point -> a non-word character other than a space or a NUL (those have passes of their own).
_OTHER = ~is_word(np.arange(0x3000))
_OTHER[[0, 32]] = False


def _anywhere(c: Compiled, text: str, codes: np.ndarray) -> np.ndarray:
    r"""The matches of ``[^\w](?=trie)`` over ``text`` (code points ``codes``), in text order."""
    if c.at is None:
        return _NONE
    # every non-word character but a space or a NUL that precedes a character an entry can begin with
    before = codes[:-1]
    other = _OTHER[np.minimum(before, len(_OTHER) - 1)]
    high = before >= len(_OTHER)
    if high.any():
        other[high] = ~is_word(before[high])
    if c.first is not None:
        following = codes[1:]
        other &= (following < len(c.first)) & c.first[np.minimum(following, len(c.first) - 1)]
        positions = np.flatnonzero(other) + 1
    else:  # an entry may begin with anything: the last character too
        last = codes[-1] not in (0, 32) and not is_word(codes[-1:])[0]
        positions = np.flatnonzero(np.concatenate([other, [last]])) + 1
    found = np.concatenate([_run(c.space, text), _run(c.nul, text), _scan_at(c.at, c.group_entry, text, positions)])
    return found[np.argsort(found[:, 0], kind="stable")]


def _order(*keys: np.ndarray) -> np.ndarray:
    """Stable order by ``keys`` (the first one major), each non-negative: one sort of a combined key."""
    combined = np.zeros(len(keys[0]), dtype=np.int64)
    room = 1
    for key in reversed(keys):
        span = int(key.max()) + 1 if len(key) else 1
        if room * span >= 1 << 62:  # too wide for one integer
            return np.lexsort(keys[::-1])
        combined += key * room
        room *= span
    return np.argsort(combined, kind="stable")


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
    # by family, start, longest first
    order = _order(family, spans[:, 0], spans[:, 2].max() - spans[:, 2])
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
    row, start and family (a match's rows for further families after the match's own)."""
    original, lengths, data = join(texts)
    if not original:
        return None
    normal, codes = fold_codes(original)
    spans = np.concatenate([_run(c.start, normal), _anywhere(c, normal, codes)])
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
    order = _order(starts, family)
    starts, ends, entry, family = starts[order], ends[order], entry[order], family[order]
    offsets = np.concatenate([[1], np.cumsum(lengths + 1)[:-1] + 1])  # where each text starts
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
    }


def _strings(values: list[str], index: np.ndarray) -> pd.arrays.ArrowStringArray:
    return pd.arrays.ArrowStringArray(pc.take(pa.array(values, pa.large_string()), pa.array(index)))


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
    families = tuple(FAMILIES if families is None else families)
    array = text_array(texts)
    langs = langs.astype("string").reset_index(drop=True)
    parts, languages = [], []
    keys: list[str] = []
    weights: list[float] = []
    versions: list[str] = []
    codes, uniques = pd.factorize(langs, use_na_sentinel=True)
    for code, language in enumerate(uniques):
        c = compiled(str(language), families)
        if c is None:
            continue
        rows = np.flatnonzero(codes == code)
        first_entry = len(keys)  # entries of every language in one table
        for begin in range(0, len(rows), CHUNK):  # bounded strings: memory grows with the chunk, not the column
            part = rows[begin:begin + CHUNK]
            found = _one_language(array.take(pa.array(part)), part, c)
            if found is not None:
                found["entry"] = found["entry"] + first_entry
                found["lang"] = np.full(len(found["row"]), len(languages), dtype=np.int64)
                parts.append(found)
        languages.append(str(language))
        keys.extend(c.key[:-1].tolist())
        weights.extend(c.weight[:-1].tolist())
        versions.extend(c.version[:-1].tolist())
    if not parts:
        return _empty()
    columns = {name: np.concatenate([p[name] for p in parts]) for name in ("row", "lang", "family", "entry", "start", "end")}
    matched = pa.concat_arrays([p["matched_text"] for p in parts])
    if len(languages) > 1:  # each language's rows are in order already: merge them
        order = np.argsort(columns["row"], kind="stable")
        columns = {name: values[order] for name, values in columns.items()}
        matched = matched.take(pa.array(order))
    entry = columns["entry"]
    return pd.DataFrame({
        "row": columns["row"],
        "lang": _strings(languages, columns["lang"]),
        "family": _strings(list(ALL_FAMILIES), columns["family"]),
        "entry": _strings(keys, entry),
        "weight": np.asarray(weights, dtype=float)[entry],
        "matched_text": pd.arrays.ArrowStringArray(matched),
        "start": columns["start"],
        "end": columns["end"],
        "lexicon_version": _strings(versions, entry),
    })
