"""Conversations as every channel has them: citizen-initiated threads, council posts and comments.

The functions here build :class:`~roi.sample.conversations.Msg` trees; each channel's plan
(:mod:`roi.sample.channels`) says how many and with which parameters, and its writer how
to spell them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from roi.sample.citizens import CATEGORY_COMMENT, Crowd, citizen_text, draw_case
from roi.sample.conversations import Case, Msg, Person, Survey
from roi.sample.generator import Generator
from roi.sample.phrases import CITIZEN, LANGS, POSTS
from roi.sample.replies import draw_empathy, official_text
from roi.sample.texts import fill
from roi.sample.timing import CITIZEN_HOURS, POST_HOURS, REPLY_MEDIAN, SEASON, citizen_delay, reply_time

__all__ = ["ANSWER_P", "Outcome", "comments_on_posts", "direct_threads", "exchange", "proactive_posts"]

#: Probability that the council answers, per category of the citizen's message (0.85 times it in August).
ANSWER_P = {"complaint": 0.85, "question": 0.89, "appointment": 0.9, "info_request": 0.74, "thanks": 0.5,
            "post_question": 0.9, "off_topic": 0.22, "insult": 0.0}


@dataclass
class Outcome:
    """How an exchange went.

    Attributes
    ----------
    answer
        The council's last answer, or None if it did not answer.
    negative
        The citizen answered back that nothing was solved.
    empathy
        Empathy of the council's first answer (0 if none).
    """

    answer: Msg | None = None
    negative: bool = False
    empathy: float = 0.0


def exchange(gen: Generator, inbound: Msg, case: Case, council: Person, *, flat: bool, limit: int | None = None,
             answer_factor: float = 1.0, private: bool = False) -> Outcome:
    """Add the council's answer and the citizen's follow-ups under ``inbound``.

    The council answers with probability :data:`ANSWER_P` times ``answer_factor``. Unless
    the message was thanks or off-topic, the citizen may then thank it, or, for complaints,
    say that nothing changed, which the council answers again 60 % of the time.

    Parameters
    ----------
    gen
        The channel's generator.
    inbound
        The citizen's message.
    case
        What it is about.
    council
        The council's account.
    flat
        Attach follow-ups to ``inbound`` rather than to the message they answer (Facebook
        and Instagram comments nest only one level).
    limit
        Maximum length of the council's replies.
    answer_factor
        Multiplies the probability of an answer.
    private
        The exchange is by direct message.

    Returns
    -------
    Outcome
        What the survey and re-contact steps need to know.
    """
    p = ANSWER_P[case.category] * answer_factor
    if gen.clock.local(inbound.ts).month == 8:
        p *= 0.85  # August: fewer staff
    if not gen.chance(p):
        return Outcome()
    t = reply_time(gen, inbound.ts, REPLY_MEDIAN[gen.channel])
    e = draw_empathy(gen, t)
    late = (t - inbound.ts) > 2 * 86400
    text = official_text(gen, case, inbound.author, e, limit=limit, late=late)
    likes = int(gen.g.poisson(0.2 + 2.0 * e)) if not private else 0
    answer = inbound.reply(Msg(t, council, text, case.lang, official=True, kind="reply", private=private,
                               likes=likes, empathy=e))
    outcome = Outcome(answer, empathy=e)
    if case.category in ("thanks", "off_topic"):
        return outcome
    if gen.chance(0.12 + 0.22 * e):
        t2 = t + citizen_delay(gen)
        text = fill(gen.pick(CITIZEN["thanks_followup"][case.lang]), case, case.lang)
        (inbound if flat else answer).reply(Msg(t2, inbound.author, text, case.lang, kind="followup",
                                                private=private, likes=int(gen.g.poisson(0.3))))
    elif case.category == "complaint" and gen.chance(0.1 + 0.15 * (1 - e)):
        outcome.negative = True
        t2 = t + citizen_delay(gen, 120)
        text = fill(gen.pick(CITIZEN["negative_followup"][case.lang]), case, case.lang)
        follow = (inbound if flat else answer).reply(
            Msg(t2, inbound.author, text, case.lang, kind="followup", private=private))
        if gen.chance(0.6):
            t3 = reply_time(gen, t2, REPLY_MEDIAN[gen.channel] * 1.5)
            e3 = draw_empathy(gen, t3)
            text = official_text(gen, case, inbound.author, e3, limit=limit, again=True)
            outcome.answer = (inbound if flat else follow).reply(
                Msg(t3, council, text, case.lang, official=True, kind="reply", private=private, empathy=e3))
    return outcome


def proactive_posts(gen: Generator, council: Person, n: int, langs=(0.55, 0.4, 0.05)) -> list[Msg]:
    """``n`` announcements of the council from :data:`~roi.sample.phrases.POSTS`, mostly on weekday mornings.

    ``langs`` are the probabilities of Spanish, Catalan and English. A post's link, if
    any, is kept in ``extra["link"]`` for the replies to its comments.
    """
    times = gen.clock.arrivals(gen.g, n, POST_HOURS, weekend=0.15, holiday=0.2)
    posts = []
    for t in times:
        lang = LANGS[int(gen.g.choice(3, p=list(langs)))]
        post = gen.pick(POSTS)
        text = post[LANGS.index(lang)].replace("{u}", post[3] or "")
        msg = Msg(int(t), council, text, lang, official=True, kind="post")
        msg.extra["link"] = post[3]
        posts.append(msg)
    return posts


def comments_on_posts(gen: Generator, posts: list[Msg], crowd: Crowd, council: Person, mean: float, *, flat: bool,
                      limit: int | None = None, hide_insults: bool = True, neighbour_p: float = 0.05) -> None:
    """Add citizens' comments, the council's answers and neighbours' remarks under each post.

    Parameters
    ----------
    gen
        The channel's generator.
    posts
        The council's posts.
    crowd
        The channel's citizens.
    council
        The council's account.
    mean
        Mean number of comments per post (negative binomial, within 12 days of the post).
    flat
        See :func:`exchange`.
    limit
        Maximum length of the council's replies.
    hide_insults
        Hide 85 % of insults (pages can; X and Mastodon cannot).
    neighbour_p
        Probability that another citizen replies to a comment.
    """
    for post in posts:
        k = int(gen.g.negative_binomial(2.5, 2.5 / (2.5 + mean)))
        delays = np.sort([min(12 * 86400, gen.lognormal_seconds(180, 1.3)) + 30 for _ in range(k)])
        for delay in delays:
            person = crowd.choose()
            case = draw_case(gen, CATEGORY_COMMENT, person)
            case.link = post.extra.get("link")
            comment = post.reply(Msg(post.ts + int(delay), person, citizen_text(gen, case), case.lang,
                                     likes=int(gen.g.poisson(0.8))))
            comment.extra["case"] = case
            if case.category == "insult":
                comment.hidden = hide_insults and gen.chance(0.85)
                continue
            exchange(gen, comment, case, council, flat=flat, limit=limit)
            if gen.chance(neighbour_p):
                other = crowd.choose()
                text = fill(gen.pick(CITIZEN["neighbour"][other.lang]), case, other.lang)
                comment.reply(Msg(comment.ts + citizen_delay(gen, 90), other, text, other.lang, kind="neighbour"))


def direct_threads(gen: Generator, crowd: Crowd, council: Person, n: int, categories, *, limit: int | None = None,
                   private_p: float = 0.0, answer_factor: float = 1.0,
                   survey_p: float = 0.0) -> tuple[list[Msg], list[Survey]]:
    """Citizen-initiated conversations (mentions, DMs, e-mails), with re-contacts.

    A complaint left unanswered or answered badly is written again within a week 20 % of
    the time (5 % otherwise).

    Parameters
    ----------
    gen
        The channel's generator.
    crowd
        The channel's citizens.
    council
        The council's account.
    n
        How many conversations citizens start (re-contacts come on top).
    categories
        ``(category, weight)`` pairs of what they write about.
    limit
        Maximum length of the council's replies.
    private_p
        Probability that a conversation is by direct message.
    answer_factor
        See :func:`exchange`.
    survey_p
        Probability that an answered conversation gets a satisfaction survey.

    Returns
    -------
    roots : list of Msg
        The conversations' first messages, in time order.
    surveys : list of Survey
        The conversations surveyed.
    """
    times = gen.clock.arrivals(gen.g, n, CITIZEN_HOURS, weekend=0.55, holiday=0.5, season=SEASON)
    roots, surveys = [], []

    def start(t: int, person: Person, case: Case, text: str, private: bool, **extra) -> Outcome:
        msg = Msg(t, person, text, case.lang, private=private)
        msg.extra.update(case=case, **extra)
        roots.append(msg)
        outcome = exchange(gen, msg, case, council, flat=False, limit=limit, answer_factor=answer_factor,
                           private=private)
        if outcome.answer is not None and gen.chance(survey_p):
            surveys.append(Survey(gen.channel, msg, outcome.answer, outcome.empathy))
        return outcome

    for t in times:
        person = crowd.choose()
        case = draw_case(gen, categories, person)
        private = gen.chance(private_p)
        outcome = start(int(t), person, case, citizen_text(gen, case), private)
        if case.category == "complaint":
            p = 0.2 if (outcome.answer is None or outcome.negative) else 0.05
            if gen.chance(p):
                t2 = int(t) + int(gen.g.integers(86400, 7 * 86400))
                start(t2, person, case, citizen_text(gen, case, "recontact"), private, recontact=True)
    roots.sort(key=lambda m: m.ts)
    return roots, surveys
