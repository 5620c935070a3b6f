"""The satisfaction survey: CSAT (1-5) and NPS (0-10) answers about answered conversations."""

from __future__ import annotations

import numpy as np

from roi.sample.conversations import Survey
from roi.sample.timing import Clock

__all__ = ["SURVEY_HEADER", "survey_rows"]

#: Columns of ``survey.csv``.
SURVEY_HEADER = ("response_id", "thread_id", "channel", "answered_at", "score", "scale")


def survey_rows(clock: Clock, seed: int, surveys: list[Survey]) -> list[list[str]]:
    """The answers to the surveys sent after the council answered, in the order they came in.

    Each survey is answered a few hours after the council's answer (log-normal, median 3 h,
    at least 10 minutes); 15 % are NPS, the rest CSAT. The score grows with the empathy of
    the answer and shrinks with the office hours the citizen waited::

        quality = 0.55 * empathy + 0.45 * exp(-hours / 16) + 0.2 * N(0, 1)
        csat5   = clip(round(1.3 + 4.0 * quality), 1, 5)
        nps10   = clip(round(2.0 + 8.5 * quality), 0, 10)

    Parameters
    ----------
    clock
        The council's office clock.
    seed
        Seed of the sample; the surveys use stream ``[seed, 7]``.
    surveys
        The surveyed conversations of every channel.

    Returns
    -------
    list of list of str
        Rows under :data:`SURVEY_HEADER`: id ``S<year>-<n>``, the conversation's first
        message id, channel, local day-first time, score, ``csat5`` or ``nps10``.
    """
    g = np.random.default_rng([seed, 7])
    rows = []
    for s in surveys:
        hours = clock.business_hours(s.root.ts, s.answer.ts)
        answered = s.answer.ts + max(600, int(3 * 3600 * np.exp(1.0 * g.standard_normal())))
        nps = g.random() < 0.15
        quality = 0.55 * s.empathy + 0.45 * np.exp(-hours / 16.0) + 0.2 * g.standard_normal()
        low, high, a, b = (0, 10, 2.0, 8.5) if nps else (1, 5, 1.3, 4.0)
        score = int(np.clip(np.round(a + b * quality), low, high))
        rows.append((answered, s.channel, s.root.mid, score, "nps10" if nps else "csat5"))
    rows.sort(key=lambda r: (r[0], r[2]))
    return [[f"S{clock.year}-{i:04d}", thread, channel, clock.local(answered).strftime("%d/%m/%Y %H:%M"), str(score),
             scale] for i, (answered, channel, thread, score, scale) in enumerate(rows, start=1)]
