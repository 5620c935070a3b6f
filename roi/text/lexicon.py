"""Lexicon files: versioned TOML data shipped in the package (``roi/text/lexicons/<lang>/<family>.toml``).

A family file::

    version = "2026.11.2"
    language = "es"
    family = "apology"
    entries = [
      { pattern = "lo sentimos", position = "anywhere", weight = 1.0 },
    ]

- ``pattern`` is a regular expression over the *normalised* text (lower case, no
  accents, ``ñ`` -> ``n``; see :mod:`roi.text.normalize`). A plain space matches any run
  of white space, and `` ?`` (space, question mark) optional white space. Groups must
  be non-capturing ``(?:...)``. The engine adds word boundaries on both sides. A
  pattern must begin with a word (letters or digits, or alternatives of them): the
  engine writes patterns out as word paths and looks words up (:mod:`roi.text.paths`);
  ``\\w+`` (any word), ``\\w*`` after letters (any ending) and short optional parts are
  written out too, anything else is matched by the expression where its first words are,
  within the message (``$`` is its end; nothing reads into the next message).
- ``position``: ``"start"`` (the message's first words, after any mentions, emoji or
  punctuation; the pattern must begin with a letter or digit) or ``"anywhere"`` (default).
- ``weight`` (default 1): multiplies the family's points in the empathy score.
- ``also`` (optional): further families the same words count for, e.g. an emotional
  reaction ``lamentamos mucho lo ocurrido`` that is also an apology.
- An optional ``[defs]`` table names sub-patterns that entries use as ``<<name>>``.

``negation.toml`` lists *blockers*: a negator and the word after it (``no lamentamos``,
``sin ningún problema``). A blocker is matched like an entry but records nothing; because
matches do not overlap, the phrase it covers cannot be matched as a marker.
``stopwords.toml`` lists the words that do not count as the citizen's own content.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from importlib import resources

from roi.errors import RoiError
from roi.text.paths import routes

__all__ = ["ALL_FAMILIES", "FAMILIES", "LANGUAGES", "LEXICON_VERSION", "TRANSPARENCY_FAMILIES", "Entry", "Lexicon", "load",
           "stopwords"]

#: Version of the marker lexicons; every family file of every language declares it.
LEXICON_VERSION = "2026.11.2"

#: Languages with marker lexicons.
LANGUAGES = ("es", "en", "ca", "gl", "eu")

#: Marker families, in the order the evidence table sorts them.
FAMILIES = (
    "greeting",
    "gratitude",
    "apology",
    "reassurance",
    "personalisation",
    "offer_help",
    "emotional_reaction",
    "interpretation",
    "exploration",
    "negative_courtesy",
)

#: Transparency families (:mod:`roi.transparency`): matched only when asked for by name,
#: never part of the empathy score. No Basque files yet.
TRANSPARENCY_FAMILIES = (
    "private_channel",
    "formal_referral",
)

#: Every family a lexicon file may declare.
ALL_FAMILIES = FAMILIES + TRANSPARENCY_FAMILIES

_POSITIONS = ("start", "anywhere")


@dataclass(frozen=True)
class Entry:
    """One lexicon entry: ``family`` and ``pattern`` as written, compiled form in ``regex``."""

    language: str
    family: str
    number: int
    pattern: str
    regex: str
    position: str
    weight: float
    version: str
    also: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """Stable name for audit: ``es/apology#3`` (1-based, in file order)."""
        return f"{self.language}/{self.family}#{self.number}"


@dataclass(frozen=True)
class Lexicon:
    """All marker entries and negation blockers of one language."""

    language: str
    entries: tuple[Entry, ...]
    blockers: tuple[str, ...]


def _root():
    return resources.files("roi.text") / "lexicons"


def _read(language: str, name: str) -> dict | None:
    path = _root() / language / f"{name}.toml"
    if not path.is_file():
        return None
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise RoiError(f"cannot read the lexicon: {exc}", file=f"roi/text/lexicons/{language}/{name}.toml",
                       fix="correct the TOML syntax") from None


def _prepare(pattern: str, defs: dict[str, str], where: str) -> str:
    for name, value in defs.items():
        pattern = pattern.replace(f"<<{name}>>", value)
    if "<<" in pattern:
        raise RoiError(f"unknown <<name>> in pattern {pattern!r}", file=where, field="pattern",
                       fix="define it in the file's [defs] table")
    regex = pattern.replace(" ?", r"\s*").replace(" ", r"\s+")
    try:
        compiled = re.compile(regex)
    except re.error as exc:
        raise RoiError(f"invalid pattern {pattern!r}: {exc}", file=where, field="pattern",
                       fix="write a Python regular expression") from None
    if compiled.groups:
        raise RoiError(f"pattern {pattern!r} has a capturing group", file=where, field="pattern",
                       fix="write groups as (?:...)")
    if routes(regex) is None:
        raise RoiError(f"pattern {pattern!r} does not begin with a word (in one of its alternatives at least)",
                       file=where, field="pattern",
                       fix="begin every alternative with letters or digits, which the engine looks up")
    return regex


@functools.cache
def load(language: str, families: tuple[str, ...] = FAMILIES) -> Lexicon | None:
    """The lexicon of ``language`` (None when roi has none for it), read once and cached.

    ``families`` are the family files read (default the empathy families,
    :data:`FAMILIES`; :data:`ALL_FAMILIES` adds the transparency ones).
    """
    if not (_root() / language).is_dir():
        return None
    entries: list[Entry] = []
    for family in families:
        where = f"roi/text/lexicons/{language}/{family}.toml"
        data = _read(language, family)
        if data is None:
            continue
        version = data.get("version")
        if not isinstance(version, str):
            raise RoiError("the lexicon has no version", file=where, field="version", fix='add version = "..."')
        if data.get("family", family) != family:
            raise RoiError(f"the file declares family {data['family']!r}", file=where, field="family",
                           fix=f"write family = {family!r} or move the file")
        defs = dict(data.get("defs", {}))
        for number, item in enumerate(data.get("entries", []), start=1):
            position = item.get("position", "anywhere")
            if position not in _POSITIONS:
                raise RoiError(f"entry {number} has position {position!r}", file=where, field="position",
                               fix=f"use one of {list(_POSITIONS)}")
            regex = _prepare(item["pattern"], defs, where)
            if position == "start" and not re.match(r"[a-z0-9(\[]", item["pattern"]):
                raise RoiError(f"start entry {number} does not begin with a letter or digit", file=where,
                               field="pattern", fix="begin it with a word character")
            also = tuple(item.get("also", ()))
            if any(a not in ALL_FAMILIES or a == family for a in also):
                raise RoiError(f"entry {number} has also = {list(also)}", file=where, field="also",
                               fix=f"name other families among {list(ALL_FAMILIES)}")
            entries.append(Entry(language, family, number, item["pattern"], regex, position,
                                 float(item.get("weight", 1.0)), version, also))
    negation = _read(language, "negation") or {}
    where = f"roi/text/lexicons/{language}/negation.toml"
    blockers = tuple(_prepare(p, {}, where) for p in negation.get("blockers", []))
    return Lexicon(language, tuple(entries), blockers)


@functools.cache
def stopwords(language: str) -> frozenset[str]:
    """Normalised words of ``language`` that are not content (function words, courtesy formulas)."""
    data = _read(language, "stopwords") or {}
    return frozenset(data.get("words", []))
