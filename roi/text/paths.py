"""Lexicon patterns written out as word paths, so that the engine can look words up instead of scanning.

Most lexicon entries stand for a finite set of phrases: ``buen(?:os|as) (?:dias|tardes)``
is four. Written out, each phrase is a *path*: words (runs of ``\\w`` characters, as the
normalised text has them) with the separators between them (a run of white space, an
apostrophe, a hyphen...). Matching a path is then a dictionary lookup per word, which
the engine does for every word of a column at once.

What cannot be written out stays a regular expression and the path keeps only its
words before that point, an *anchor*: ``senor(?:a)? \\w+`` has the anchors ``senor`` and
``senora``; wherever one is found, the entry's own expression decides, matched at that
place. Three things are written out although they are not literal:

- ``\\s+`` and ``\\s*`` (how the lexicon writes a space and an optional space): a
  separator that is a run of white space, and for ``\\s*`` also none;
- ``\\w+`` standing for a whole word (``no \\w+``): the wildcard :data:`ANY`;
- short optional parts and alternations, up to :data:`LIMIT` phrases per entry.

The phrases come in the order the regular expression would try them (alternatives left
to right, greedy repeats longest first), so among the phrases of one entry that match
from the same word, the first is the one the regular expression would have matched.
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass

try:  # the parser behind ``re``: public as sre_parse until Python 3.10, re._parser since 3.11
    import re._constants as _c
    import re._parser as _parser
except ImportError:  # pragma: no cover
    import sre_constants as _c
    import sre_parse as _parser

__all__ = ["ANY", "LIMIT", "PREFIX", "SPACE", "Route", "routes"]

#: The separator that stands for a run of white space.
SPACE = " "

#: The word that stands for any word (``\w+``).
ANY = "\x02"

#: Written after the letters a word begins with (``indicar\w*``: any word beginning with ``indicar``).
PREFIX = "\x03"

#: Phrases written out per entry at most; past it, the rest of the entry is matched by its expression.
LIMIT = 4096

_WS = "\x01"  # white space in a phrase being written out (becomes SPACE)
_WORD_CHAR = re.compile(r"\w")


class _Open(Exception):
    """This part of the pattern is not written out."""


@dataclass(frozen=True)
class Route:
    """One phrase of an entry, as words and separators.

    ``words[i]`` and ``words[i + 1]`` are separated by ``separators[i]`` (:data:`SPACE`
    for white space). A word is letters, :data:`ANY`, or letters then :data:`PREFIX`
    (any word beginning with them). A ``complete`` route is the whole phrase; otherwise
    the words are an anchor and the entry's expression decides where they are found.
    """

    words: tuple[str, ...]
    separators: tuple[str, ...]
    complete: bool
    rank: int  # preference among the entry's phrases, 0 first


def _sequence(items, limit: int) -> tuple[list[str], bool]:
    """The phrases of a parsed sequence, and whether they were written out to its end.

    When an item cannot be written out, the phrases stop before it (or inside it, where
    a group's alternatives stop); they are then beginnings, not whole phrases.
    """
    phrases = [""]
    for op, av in items:
        try:
            options, complete = _item(op, av, limit)
        except _Open:
            return phrases, False
        if len(phrases) * len(options) > limit:
            return phrases, False
        phrases = [p + o for p in phrases for o in options]
        if not complete:
            return phrases, False
    return phrases, True


def _is_class(av, category) -> bool:
    return len(av) == 1 and av[0][0] is _c.IN and av[0][1] == [(_c.CATEGORY, category)]


def _item(op, av, limit: int) -> tuple[list[str], bool]:
    if op is _c.LITERAL:
        return [chr(av)], True
    if op is _c.IN:
        options = []
        for kind, value in av:
            if kind is _c.LITERAL:
                options.append(chr(value))
            elif kind is _c.RANGE and value[1] - value[0] < 16:
                options.extend(chr(c) for c in range(value[0], value[1] + 1))
            else:
                raise _Open
        return options, True
    if op in (_c.BRANCH, _c.SUBPATTERN):
        branches = av[1] if op is _c.BRANCH else [av[3]]
        written = [_sequence(branch, limit) for branch in branches]
        return [p for phrases, _ in written for p in phrases], all(complete for _, complete in written)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
        low, high, body = av
        if _is_class(body, _c.CATEGORY_SPACE) and high == _c.MAXREPEAT and low <= 1:
            options = [_WS] if low else [_WS, ""]
            return (options if op is _c.MAX_REPEAT else options[::-1]), True
        if _is_class(body, _c.CATEGORY_WORD) and high == _c.MAXREPEAT and low <= 1:
            return [ANY if low else PREFIX], True
        if high == _c.MAXREPEAT or high > 4:
            raise _Open
        inner, complete = _sequence(body, limit)
        if not complete:
            raise _Open
        counts = range(high, low - 1, -1) if op is _c.MAX_REPEAT else range(low, high + 1)
        return ["".join(p) for k in counts for p in itertools.product(inner, repeat=k)], True
    raise _Open


def _split(phrase: str) -> tuple[list[str], list[str], str, str]:
    """``phrase`` -> words, the separators between them, the separator before the first word
    and the one after the last (white space collapsed to :data:`SPACE`: a literal space or
    tab stands for any white space here, and the check of every phrase found against the
    entry's expression keeps only what the expression matches)."""
    pieces = _WORDS.split(phrase)
    separators = [_SPACES.sub(SPACE, s) for s in pieces[0::2]]
    return pieces[1::2], separators[1:-1], separators[0], separators[-1]


_WORDS = re.compile(r"((?:\w|\x02|\x03)+)")
_SPACES = re.compile(r"[\x01\s]+")  # white space as written (\s, or a literal one) becomes one SPACE
_VALID_WORD = re.compile(r"\x02|[^\x02\x03]+\x03?")


def _route(phrase: str, complete: bool, rank: int) -> Route | None:
    """The route of one phrase (``complete``: the whole pattern was written out), or None without an anchor."""
    words, separators, before, after = _split(phrase)
    if before or not words:  # it does not begin with a word: no anchor
        return None
    # the last word is whole unless the phrase stops inside it (the pattern goes on there)
    last_word_open = not complete and not after
    bad = [i for i, w in enumerate(words) if not _VALID_WORD.fullmatch(w)]
    if bad:  # a wildcard inside a word: keep the whole words before it
        words, separators, complete, last_word_open = words[:bad[0]], separators[:bad[0] - 1], False, False
    if not words or words[0] == ANY:
        return None
    if last_word_open and words[-1] != ANY and not words[-1].endswith(PREFIX):
        words[-1] += PREFIX
    return Route(tuple(words), tuple(separators), complete and not after, rank)


@functools.cache
def routes(regex: str, limit: int = LIMIT) -> tuple[Route, ...] | None:
    """The routes of a lexicon entry's regular expression, in preference order.

    None when one of the pattern's phrases gives no anchor (it does not begin with a
    word or the beginning of one): the lexicon loader refuses such entries.

    >>> [(r.words, r.complete) for r in routes(r"(?:lo\\s+)?sentimos")]
    [(('lo', 'sentimos'), True), (('sentimos',), True)]
    >>> [(r.words, r.complete) for r in routes(r"senora?\\s+\\w+")]
    [(('senora', '\\x02'), True), (('senor', '\\x02'), True)]
    >>> [(r.words, r.complete) for r in routes(r"congrat\\w*")]
    [(('congrat\\x03',), True)]
    """
    items = list(_parser.parse(regex))
    whole_words = False
    if items and items[-1][0] in (_c.ASSERT, _c.ASSERT_NOT):  # a closing look-ahead: the words before it are whole
        phrases, whole_words = _sequence(items[:-1], limit)
        complete = False
    else:
        phrases, complete = _sequence(items, limit)
    out, seen = [], set()
    for rank, phrase in enumerate(phrases):
        route = _route(phrase + (_WS if whole_words else ""), complete, rank)
        if route is None:
            return None
        key = (route.words, route.separators, route.complete)
        if route.complete or key not in seen:  # anchors: once each
            seen.add(key)
            out.append(route)
    return tuple(out)
