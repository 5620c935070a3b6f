"""What the families read of the official messages' texts, found once per call.

Empathy reads the empathy families' markers (:data:`roi.text.lexicon.FAMILIES`) of the official
replies; transparency the transparency families' markers
(:data:`roi.text.lexicon.TRANSPARENCY_FAMILIES`) and the readability counts of every official
message. Each works per distinct (text, language). Given the shared threads of a call
(:class:`roi.threads.Threads`), :func:`find` does it once for all: every official message's
distinct (text, language) is matched once for both groups of families
(:func:`roi.text.engine.match_groups`: the texts normalised, split into words and looked up
once), and counted once (:func:`roi.readability.counts`, Spanish and English). Each group of
families is chosen and resolved on its own, so what a family reads is row for row what its
own pass would find. ``roi.indicators`` finds it in a child beside the threads
(:meth:`roi.threads.Threads.prepare`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from roi import readability
from roi.periods import first_of_each
from roi.text.engine import match_groups
from roi.text.lexicon import FAMILIES, TRANSPARENCY_FAMILIES
from roi.threads import Threads

__all__ = ["EMPATHY_COLUMNS", "KEY", "READABLE_LANGUAGES", "OfficialTexts", "beside_threads", "find", "per_text"]

#: Where the official texts' tables are kept in the shared threads (:meth:`roi.threads.Threads.memo`).
KEY = ("official.texts",)

#: The columns of the empathy markers the scores read (:func:`roi.empathy.score`), beside ``row``;
#: of the transparency markers :func:`roi.transparency.official_detail` reads ``row`` and ``family``.
EMPATHY_COLUMNS = ["family", "weight", "start"]

#: Languages whose readability is counted (the formulas of :mod:`roi.readability`).
READABLE_LANGUAGES = ("es", "en")


@dataclass(frozen=True)
class OfficialTexts:
    """The markers and readability counts of every official message, by distinct (text, language).

    Attributes
    ----------
    rows
        The official messages' positions in the table, in table order.
    pair
        For each official message (``rows[i]``), the number of its distinct (text, language).
    empathy, transparency
        :func:`roi.text.engine.match_texts` of the distinct pairs (``row`` is the pair's
        number) for the empathy and the transparency families: the columns the families read,
        :data:`EMPATHY_COLUMNS` and ``family``.
    counts
        :func:`roi.readability.counts` of each pair in :data:`READABLE_LANGUAGES` (``words``,
        ``sentences``, ``syllables``; zero in other languages), by pair number.
    """

    rows: np.ndarray
    pair: np.ndarray
    empathy: pd.DataFrame
    transparency: pd.DataFrame
    counts: pd.DataFrame

    @property
    def n_pairs(self) -> int:
        """How many distinct (text, language) pairs there are."""
        return len(self.counts)

    def pairs_at(self, positions: np.ndarray) -> np.ndarray:
        """The pair numbers of the official messages at table ``positions``.

        Raises
        ------
        ValueError
            When a position is not an official message's (these tables hold no other).
        """
        positions = np.asarray(positions, dtype=np.int64)
        at = np.minimum(np.searchsorted(self.rows, positions), max(len(self.rows) - 1, 0))
        if len(positions) and (not len(self.rows) or not np.array_equal(self.rows[at], positions)):
            wrong = positions[self.rows[at] != positions] if len(self.rows) else positions
            raise ValueError(f"table position {int(wrong[0])} is not an official message's: the official texts "
                             "hold only the official messages' markers and counts")
        return self.pair[at]

    def empathy_at(self, positions: np.ndarray) -> pd.DataFrame:
        """The empathy markers of the official messages at table ``positions``, ``row`` numbering
        them: the columns :data:`EMPATHY_COLUMNS` of what :func:`roi.text.engine.match_texts`
        finds in their texts (:func:`per_text`), their categories as they are."""
        return per_text(self.empathy, self.pairs_at(positions), self.n_pairs, tidy=False)

    def copy(self, deep: bool = False) -> OfficialTexts:
        """Itself: nothing in it is written to (:meth:`roi.threads.Threads.memo` hands out copies)."""
        return self


def find(shared: Threads) -> OfficialTexts:
    """:class:`OfficialTexts` of the threads' table: official texts (a missing one as ``""``) in
    :attr:`~roi.threads.Threads.official_language`, each distinct pair matched and counted once."""
    table = shared.table
    rows = np.flatnonzero(table["is_official"].to_numpy(dtype=bool))
    text = table["text"].iloc[rows].astype("string").fillna("").reset_index(drop=True)
    lang = pd.Series(shared.official_language[rows], dtype="string")
    pair, first = first_of_each(text, lang)
    text, lang = text.iloc[first].reset_index(drop=True), lang.iloc[first].reset_index(drop=True)
    empathy, transparency = match_groups(text, lang, (FAMILIES, TRANSPARENCY_FAMILIES))
    # what the families read (a child sends these tables back: the texts matched and the rest stay there)
    empathy, transparency = empathy[["row", *EMPATHY_COLUMNS]], transparency[["row", "family"]]
    counts = pd.DataFrame(0, index=pd.RangeIndex(len(first)), columns=["words", "sentences", "syllables"],
                          dtype=np.int64)
    for code in READABLE_LANGUAGES:
        pick = np.flatnonzero((lang == code).fillna(False).to_numpy(dtype=bool))
        if len(pick):
            counts.iloc[pick] = readability.counts(text.iloc[pick].reset_index(drop=True), code).to_numpy()
    return OfficialTexts(rows=rows, pair=pair, empathy=empathy, transparency=transparency, counts=counts)


def beside_threads(config: object) -> dict[tuple, tuple[object, object]]:
    """:func:`find` as a task of :meth:`roi.threads.Threads.prepare` (its ``beside``): it reads
    only the table and the official messages' languages."""
    return {KEY: (config, find)}


def per_text(found: pd.DataFrame, which: np.ndarray, n_distinct: int, *, tidy: bool = True) -> pd.DataFrame:
    """The rows of ``found`` (``row`` numbering ``n_distinct`` distinct texts) for texts numbered
    ``which``: text ``i`` gets the rows of text ``which[i]`` with ``row`` set to ``i``, in text
    order, and (with ``tidy``) the categories of the columns are only those that occur (as the
    engine gives them; a reader of the values alone needs no tidying).
    """
    per_distinct = np.bincount(found["row"].to_numpy(), minlength=n_distinct)
    offset = np.cumsum(per_distinct) - per_distinct  # each distinct text's first row in found
    count = per_distinct[which]
    total = int(count.sum())
    before = np.cumsum(count) - count  # each text's first row in the result
    take = np.repeat(offset[which] - before, count) + np.arange(total, dtype=np.int64)
    out = found.take(take).reset_index(drop=True)
    out["row"] = np.repeat(np.arange(len(which), dtype=np.int64), count)
    if not tidy:
        return out
    for column in out.columns:
        if isinstance(out[column].dtype, pd.CategoricalDtype):
            out[column] = out[column].cat.remove_unused_categories()
    return out
