"""The council's replies: how empathetic each one is, and the sentences it is made of.

A reply is assembled from the pieces of :data:`roi.sample.phrases.OFFICIAL`: an optional
greeting (with the citizen's first name), thanks, an apology for a late answer, an apology
and acknowledgement of the citizen's feelings for complaints, the substantive sentence
(optionally restating the citizen's subject), questions to explore the problem,
reassurance, a referral to DMs, the 010 phone or the *sede electrónica*, and an offer of
more help. The more empathetic the reply, the more of these markers it carries; below
0.12 it is a curt one-liner.
"""

from __future__ import annotations

from roi.sample.conversations import Case, Person
from roi.sample.council import SEDE, WEB
from roi.sample.generator import Generator
from roi.sample.phrases import CM_SIGNATURES, LINKS, OFFICIAL, PROCEDURE_TOPICS, SEDE_LINKS, STREET_TOPICS
from roi.sample.texts import cap, fill

__all__ = ["EMPATHY_MEAN", "draw_empathy", "official_parts", "official_text"]

#: Mean empathy of the council's replies per channel, before the September training.
EMPATHY_MEAN = {"twitter": 0.5, "facebook": 0.55, "instagram": 0.45, "mastodon": 0.5, "email": 0.62}
_ACTION = {"complaint": "action_complaint", "question": "action_question", "appointment": "action_question",
           "info_request": "action_info", "post_question": "action_post"}


def draw_empathy(gen: Generator, ts: int) -> float:
    """The empathy, in [0, 1], of a reply written at ``ts``.

    Beta-distributed around the channel's :data:`EMPATHY_MEAN`, 0.12 higher from September
    (a customer-care training); 8 % of replies are hurried (Beta(1, 6)).
    """
    mean = EMPATHY_MEAN.get(gen.channel, 0.5)
    if gen.clock.local(ts).month >= 9:  # a customer-care training in September
        mean += 0.12
    if gen.chance(0.08):  # a hurried reply
        return float(gen.g.beta(1.0, 6.0))
    a = 5.0 * mean
    return float(gen.g.beta(a, 5.0 - a))


def official_parts(gen: Generator, case: Case, person: Person, empathy: float, *, again: bool = False,
                   late: bool = False) -> tuple[list[str], int]:
    """The sentences of a reply to ``person`` about ``case``.

    Parameters
    ----------
    gen
        The channel's generator (e-mail replies refer to DMs less).
    case
        What the citizen wrote about.
    person
        The citizen answered.
    empathy
        In [0, 1]: the probability of each empathy marker grows with it.
    again
        The citizen complained a second time: the action says the service was chased again.
    late
        The reply comes more than two days after the message: it may apologise for that.

    Returns
    -------
    parts : list of str
        The sentences, in order.
    index : int
        Index of the substantive sentence (kept when the reply has to be shortened).
    """
    lang, cat = case.lang, case.category
    link = LINKS.get(case.topic or "", "https://" + WEB)
    if empathy < 0.12 and cat not in ("thanks", "off_topic"):
        return [gen.pick(OFFICIAL["curt"][lang])], 0
    opening = None
    if gen.chance(0.25 + 0.7 * empathy):
        opening = gen.pick(OFFICIAL["greeting"][lang])
        if person.first and person.name != person.handle and gen.chance(0.5 * empathy + 0.1):
            opening += ", " + person.first
    parts: list[str] = []
    if cat in ("thanks", "off_topic"):
        parts.append(gen.pick(OFFICIAL["action_thanks" if cat == "thanks" else "action_offtopic"][lang]))
        if gen.chance(0.3 * empathy):
            parts.append(gen.pick(OFFICIAL["offer"][lang]))
        return ([opening + "."] if opening else []) + parts, 1 if opening else 0
    if gen.chance(0.2 + 0.7 * empathy):
        thanks = gen.pick(OFFICIAL["thanks"][lang])
        parts.append(f"{opening}, {thanks}" if opening else cap(thanks))
    elif opening:
        parts.append(opening + ".")
    if late and gen.chance(0.3 + 0.5 * empathy):
        parts.append(gen.pick(OFFICIAL["late"][lang]))
    if cat == "complaint" or again:
        if gen.chance(0.15 + 0.8 * empathy):
            parts.append(gen.pick(OFFICIAL["apology"][lang]))
        if gen.chance(0.6 * empathy):
            parts.append(gen.pick(OFFICIAL["emotion"][lang]))
    action_key = _ACTION[cat]
    if cat == "question" and case.topic in STREET_TOPICS:
        action_key = "action_complaint"
    if again:
        action_key = "action_again"
    if cat in ("question", "appointment"):
        url = gen.pick(SEDE_LINKS) if case.topic in PROCEDURE_TOPICS else link
    elif cat == "info_request":
        url = link if gen.chance(0.6) else gen.pick(SEDE_LINKS)
    else:
        url = case.link or gen.pick([link, "https://" + WEB + "/agenda"])
    template = gen.pick(OFFICIAL[action_key][lang])
    action = fill(template, case, lang).replace("{u}", url)
    action_index = len(parts)
    if case.topic and cat != "post_question" and gen.chance(0.1 + 0.6 * empathy):
        parts.append(fill(gen.pick(OFFICIAL["restate"][lang]), case, lang) + " " + action)
    else:
        parts.append(cap(action))
    if cat == "complaint" and not again:
        if gen.chance(0.35 * empathy):
            parts.append(gen.pick(OFFICIAL["explore"][lang]))
        if gen.chance(0.2 + 0.5 * empathy):
            parts.append(gen.pick(OFFICIAL["reassure"][lang]))
        if "{u}" not in template and gen.chance(0.12):
            parts.append(link)
    if gen.channel == "email":
        if gen.chance(0.04):
            parts.append(gen.pick([x for x in OFFICIAL["private"][lang] if "010" in x]))
    elif gen.chance(0.1):
        parts.append(gen.pick(OFFICIAL["private"][lang]))
    if cat == "complaint" and gen.chance(0.1):
        parts.append(gen.pick(OFFICIAL["formal"][lang]).replace("{s}", "https://" + SEDE + "/registre"))
    if gen.chance(0.1 + 0.6 * empathy):
        parts.append(gen.pick(OFFICIAL["offer"][lang]))
    return parts, action_index


def official_text(gen: Generator, case: Case, person: Person, empathy: float, limit: int | None = None, *,
                  again: bool = False, late: bool = False) -> str:
    """The text of a reply (see :func:`official_parts`), at most ``limit`` characters.

    On X, Instagram and Facebook 35 % of replies are signed with a community manager's
    initials. Over ``limit``, sentences are dropped until it fits: those after the
    substantive sentence from the last, then those before it from the nearest; the
    substantive sentence itself is kept.
    """
    parts, keep = official_parts(gen, case, person, empathy, again=again, late=late)
    if gen.channel in ("twitter", "instagram", "facebook") and gen.chance(0.35):
        parts = [*parts, gen.pick(CM_SIGNATURES)]
    order = [i for i in range(len(parts) - 1, keep, -1)] + [i for i in range(keep - 1, -1, -1)]
    dropped: set[int] = set()
    while limit and len(" ".join(p for i, p in enumerate(parts) if i not in dropped)) > limit and order:
        dropped.add(order.pop(0))
    return " ".join(p for i, p in enumerate(parts) if i not in dropped)
