"""Filling text templates, and the small text fixes every channel needs."""

from __future__ import annotations

import re

from roi.sample.conversations import Case
from roi.sample.phrases import LANGS, PLACES, STREET_TOPICS, TOPICS

__all__ = ["URL", "cap", "contract", "fill", "no_emoji", "subject_phrase"]

#: A link in a text (as the platforms detect them).
URL = re.compile(r"https?://[^\s<>\"]+")
_EMOJI = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\ufe0f]+ ?")
_CONTRACTIONS = ((" a el ", " al "), (" de el ", " del "), (" per el ", " pel "), (" a els ", " als "),
                 (" de els ", " dels "), (" per els ", " pels "), ("De el ", "Del "))


def subject_phrase(case: Case, lang: str) -> str:
    """The subject of ``case`` in ``lang``, in the wording the citizen chose (``case.phrase``)."""
    phrases = TOPICS[case.topic][0][lang]
    return phrases[case.phrase % len(phrases)]


def fill(template: str, case: Case, lang: str) -> str:
    """Fill ``{T}``, ``{t}``, ``{l}`` and ``{d}`` of a template with the subject, place and department of ``case``.

    Placeholders ``case`` has no value for become empty (the place, outside street topics;
    everything, without a topic), the spaces around them are tidied and the Spanish and
    Catalan article contractions applied. Other placeholders (``{u}``, ``{s}``) are left.

    >>> fill("{T} {l} sigue igual.", Case("complaint", "es", "alumbrado", 0), "es")
    'La farola en la calle Mayor sigue igual.'
    """
    subject = subject_phrase(case, lang) if case.topic else ""
    dept = TOPICS[case.topic][1][lang] if case.topic else ""
    place = PLACES[case.place][LANGS.index(lang)] if case.topic in STREET_TOPICS else ""
    text = template.replace("{T}", cap(subject)).replace("{t}", subject).replace("{l}", place)
    text = text.replace("{d}", dept).replace("  ", " ").replace(" :", ":").replace(" ,", ",").replace(" .", ".")
    return contract(text.strip())


def cap(text: str) -> str:
    """``text`` with its first letter upper-cased (leading emoji and punctuation kept).

    >>> cap("¿dónde?")
    '¿Dónde?'
    """
    for i, ch in enumerate(text):
        if ch.isalpha():
            return text[:i] + ch.upper() + text[i + 1:]
    return text


def contract(text: str) -> str:
    """Spanish and Catalan article contractions: ``a el`` -> ``al``, ``per els`` -> ``pels``.

    >>> contract("Gràcies per arreglar a el carrer")
    'Gràcies per arreglar al carrer'
    """
    for long, short in _CONTRACTIONS:
        text = text.replace(long, short)
    return text


def no_emoji(text: str) -> str:
    """``text`` without emoji, and without the spaces they leave at the end of a line (for Open311 and e-mail)."""
    return re.sub(r"[ \t]+(?=\n|$)", "", _EMOJI.sub("", text)).strip()
