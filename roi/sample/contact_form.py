"""The e-mail / contact-form log: one row per message, as Excel in Spain saves it."""

from __future__ import annotations

from roi.sample.channels import Traffic
from roi.sample.conversations import Msg, root, walk
from roi.sample.council import COUNCIL, EMAIL
from roi.sample.generator import Generator
from roi.sample.phrases import EMAIL_CLOSE, EMAIL_OPEN, EMAIL_SIGN, EMAIL_SUBJECTS
from roi.sample.texts import cap, no_emoji, subject_phrase

__all__ = ["CSV_HEADER", "contact_rows"]

#: Columns of ``contact_form.csv``.
CSV_HEADER = ("Id", "Fecha", "Remitente", "Destinatario", "Asunto", "Mensaje", "En respuesta a")
_AGAIN = {"es": "Reiteración: ", "ca": "Reiteració: ", "en": "Follow-up: "}


def contact_rows(traffic: Traffic) -> list[list[str]]:
    """The e-mails to and from the citizen-service office, in the order they arrived.

    Parameters
    ----------
    traffic
        The e-mail traffic (see :func:`roi.sample.channels.simulate`).

    Returns
    -------
    list of list of str
        Rows under :data:`CSV_HEADER`: id ``CF-<year>-<n>``, local day-first date, sender,
        recipient, subject (``RE:`` on replies), body without emoji, id of the message
        answered.
    """
    gen, clock, roots = traffic.gen, traffic.gen.clock, traffic.threads
    for first in roots:
        subject = _subject(first)
        for msg in walk(first):
            msg.extra["subject"] = subject
    messages = sorted((m for r in roots for m in walk(r)), key=lambda m: m.ts)
    for n, msg in enumerate(messages, start=1):  # the log numbers messages as they arrive
        msg.mid = f"CF-{clock.year}-{n:05d}"
    rows = []
    for msg in messages:
        lang = msg.lang or root(msg).extra["case"].lang
        subject = msg.extra["subject"] if msg.parent is None else "RE: " + msg.extra["subject"]
        if msg.official:
            sender, to, body = msg.author.uid, root(msg).author.address, _official_body(msg, lang)
        else:
            sender, to, body = msg.author.address, EMAIL, _citizen_body(gen, msg, lang)
        rows.append([msg.mid, clock.local(msg.ts).strftime("%d/%m/%Y %H:%M"), sender, to, subject,
                     no_emoji(body), msg.parent.mid if msg.parent is not None else ""])
    return rows


def _subject(first: Msg) -> str:
    """The subject of a conversation: the category and the topic, marked when the citizen writes again."""
    case = first.extra["case"]
    subject = EMAIL_SUBJECTS[case.category][case.lang]
    if case.topic:
        subject += " - " + cap(subject_phrase(case, case.lang))
    if first.extra.get("recontact"):
        subject = _AGAIN[case.lang] + subject
    return subject


def _citizen_body(gen: Generator, msg: Msg, lang: str) -> str:
    """A citizen's first e-mail gets a greeting, a closing and the first name; a follow-up is just the text."""
    if msg.parent is not None:
        return msg.text
    name = msg.author.first if msg.author.name != msg.author.handle else ""
    return f"{gen.pick(EMAIL_OPEN[lang])}\n\n{msg.text}\n\n{gen.pick(EMAIL_CLOSE[lang])}\n{name}".strip()


def _official_body(msg: Msg, lang: str) -> str:
    return f"{msg.text}\n\n{EMAIL_SIGN[lang]}\n{COUNCIL}"
