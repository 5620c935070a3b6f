"""The synthetic citizens: who they are, what they write about and what they say."""

from __future__ import annotations

import datetime as dt

import numpy as np

from roi.sample.conversations import Case, Person
from roi.sample.generator import Generator, random_digits
from roi.sample.phrases import CITIZEN, FIRST_NAMES, HANDLE_STEMS, PLACES, PROCEDURE_TOPICS, STREET_TOPICS
from roi.sample.texts import fill

__all__ = ["CATEGORY_COMMENT", "CATEGORY_DIRECT", "CATEGORY_FORMAL", "Crowd", "citizen_text", "draw_case"]

#: What citizens write about, with weights: in mentions and DMs ...
CATEGORY_DIRECT = (("complaint", 0.34), ("question", 0.25), ("appointment", 0.09), ("info_request", 0.09),
                   ("thanks", 0.09), ("off_topic", 0.09), ("insult", 0.05))
#: ... through the contact form ...
CATEGORY_FORMAL = (("complaint", 0.40), ("question", 0.27), ("appointment", 0.15), ("info_request", 0.12),
                   ("thanks", 0.06))
#: ... and in comments on the council's posts.
CATEGORY_COMMENT = (("post_question", 0.34), ("thanks", 0.21), ("complaint", 0.19), ("question", 0.09),
                    ("off_topic", 0.09), ("insult", 0.05), ("info_request", 0.03))

_ACCOUNTS_SINCE = int(dt.datetime(2009, 1, 1, tzinfo=dt.UTC).timestamp())


class Crowd:
    """The citizens of one channel: a few very active ones and a long tail of occasional ones.

    Parameters
    ----------
    gen
        The channel's generator.
    n
        How many citizens.
    id_digits
        Range of the number of digits of their user ids.
    sep
        Characters that may join a handle's stem and number.
    domains
        Their home servers or mail domains, drawn uniformly.

    Attributes
    ----------
    members
        The citizens, most active first.
    """

    def __init__(self, gen: Generator, n: int, *, id_digits=(9, 19), sep="_", domains=("",)):
        self.gen = gen
        seen: set[str] = set()
        self.members = [self._person(seen, id_digits, sep, domains) for _ in range(n)]
        w = 1.0 / np.arange(1, n + 1) ** 0.7
        self._p = w / w.sum()

    def _person(self, seen: set[str], id_digits, sep, domains) -> Person:
        gen = self.gen
        lang = gen.lang()
        while True:
            handle = gen.pick(HANDLE_STEMS[lang]) + gen.pick(sep) + str(int(gen.g.integers(10, 10000)))
            if handle not in seen:
                seen.add(handle)
                break
        first = gen.pick(FIRST_NAMES[lang])
        name = f"{first} {chr(65 + int(gen.g.integers(26)))}." if gen.chance(0.8) else handle
        uid = random_digits(gen.g, int(gen.g.integers(id_digits[0], id_digits[1] + 1)))
        created = _ACCOUNTS_SINCE + int(gen.g.integers(0, 15 * 365 * 86400))
        return Person(uid, handle, name, first, lang, created, gen.pick(domains))

    def choose(self) -> Person:
        """One citizen, the i-th most active with probability proportional to ``1 / i ** 0.7``."""
        return self.members[int(self.gen.g.choice(len(self.members), p=self._p))]


def draw_case(gen: Generator, categories, person: Person) -> Case:
    """What ``person`` writes about: a category drawn from ``categories``, a fitting topic, a place.

    The language is the person's own nine times in ten.
    """
    lang = person.lang if gen.chance(0.9) else gen.lang()
    category = gen.weighted(categories)
    if category == "complaint":
        topic = gen.pick(STREET_TOPICS)
    elif category == "question":
        topic = gen.pick(STREET_TOPICS + PROCEDURE_TOPICS * 2)
    elif category == "appointment":
        topic = gen.pick(("padron", "impuestos", "padron", "actividades"))
    elif category == "info_request":
        topic = "transparencia"
    elif category == "thanks":
        topic = gen.pick(("residuos", "alumbrado", "baches", "parques"))
    else:
        topic = None
    return Case(category, lang, topic, int(gen.g.integers(len(PLACES))), phrase=int(gen.g.integers(12)))


def citizen_text(gen: Generator, case: Case, kind: str | None = None) -> str:
    """A citizen's message about ``case``, from the templates of ``kind`` (default: the case's category).

    Only templates that fit the case are drawn from: without a topic, those that name no
    subject; for street topics, those that name the place too (or no subject at all); for
    other topics, those that name no place.
    """
    bank = CITIZEN[kind or case.category][case.lang]
    if case.topic is None:
        bank = [t for t in bank if "{t}" not in t and "{T}" not in t] or bank
    elif case.topic in STREET_TOPICS:
        bank = [t for t in bank if "{l}" in t or "{t}" not in t] or bank
    else:
        bank = [t for t in bank if "{l}" not in t] or bank
    return fill(gen.pick(bank), case, case.lang)
