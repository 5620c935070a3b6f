"""One channel's random stream, the elementary draws made from it, and unique ids.

Every channel draws from its own :func:`numpy.random.default_rng` stream, always in the
same order, so that the same seed gives the same files.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import numpy as np

from roi.sample.conversations import Msg, walk
from roi.sample.phrases import LANGS

if TYPE_CHECKING:
    from roi.sample.timing import Clock

__all__ = ["Generator", "Ids", "random_digits"]


class Generator:
    """The generation state of one channel: its name, the office clock and its random stream.

    Parameters
    ----------
    clock
        The council's office clock.
    g
        The channel's own random stream.
    channel
        ``"twitter"``, ``"facebook"``, ``"instagram"``, ``"mastodon"``, ``"open311"`` or ``"email"``.
    """

    def __init__(self, clock: Clock, g: np.random.Generator, channel: str):
        self.clock = clock
        self.g = g
        self.channel = channel

    def pick(self, items: Sequence):
        """One item of ``items``, each equally likely."""
        return items[int(self.g.integers(len(items)))]

    def chance(self, p: float) -> bool:
        """True with probability ``p``."""
        return bool(self.g.random() < p)

    def weighted(self, pairs: Sequence[tuple[str, float]]) -> str:
        """One name of ``(name, weight)`` pairs, with probability proportional to its weight."""
        names = [p[0] for p in pairs]
        weights = np.array([p[1] for p in pairs], dtype=float)
        return names[int(self.g.choice(len(names), p=weights / weights.sum()))]

    def lang(self) -> str:
        """A language: Spanish 64 %, Catalan 26 %, English 10 %."""
        return LANGS[int(self.g.choice(3, p=[0.64, 0.26, 0.10]))]

    def lognormal_seconds(self, median_minutes: float, sigma: float = 1.0) -> int:
        """A log-normal duration in whole seconds, with the given median (minutes) and log-scale ``sigma``."""
        return int(median_minutes * 60 * np.exp(sigma * self.g.standard_normal()))


def random_digits(g: np.random.Generator, n: int) -> str:
    """A random ``n``-digit decimal string without a leading zero (any length, no int64 overflow)."""
    head = str(int(g.integers(1, 10)))
    return head + "".join(f"{int(g.integers(0, 10 ** min(9, n - 1 - i))):0{min(9, n - 1 - i)}d}"
                          for i in range(0, n - 1, 9))


class Ids:
    """Random numeric ids, unique within one export (deterministic for a given stream).

    Parameters
    ----------
    g
        The channel's random stream.
    """

    def __init__(self, g: np.random.Generator):
        self.g = g
        self.seen: set[str] = set()

    def _unique(self, draw: Callable[[], str]) -> str:
        while True:
            value = draw()
            if value not in self.seen:
                self.seen.add(value)
                return value

    def digits(self, n: int, prefix: str = "") -> str:
        """An ``n``-digit id starting with ``prefix`` (Graph API object ids, Open311 request ids)."""
        return self._unique(lambda: prefix + random_digits(self.g, n - len(prefix)))

    def snowflake(self, t: int, epoch_ms: int, shift: int) -> str:
        """A time-ordered id: milliseconds since ``epoch_ms`` shifted left by ``shift`` bits, random low bits.

        X uses ``shift=22`` from its own epoch; Mastodon ``shift=16`` from the Unix epoch.
        """
        def draw() -> str:
            ms = t * 1000 + int(self.g.integers(0, 1000))
            return str(((ms - epoch_ms) << shift) | int(self.g.integers(0, 1 << shift)))

        return self._unique(draw)

    def number_threads(self, roots: Sequence[Msg], epoch_ms: int, shift: int) -> list[tuple[Msg, Msg]]:
        """Give every message of the conversations ``roots`` a snowflake ``mid``.

        Conversations are numbered in the given order, each message before its replies.

        Returns
        -------
        list of (message, its conversation's first message)
        """
        numbered = []
        for first in roots:
            for msg in walk(first):
                msg.mid = self.snowflake(msg.ts, epoch_ms, shift)
                numbered.append((msg, first))
        return numbered
