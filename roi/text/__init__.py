"""Transparent text markers: length-preserving normalisation, versioned lexicons, one pass per language.

``evidence(messages)`` lists every marker found, with the exact words and where they
are, so that any score built on it can be traced back to the text and the lexicon entry.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from roi.config import Config, as_config
from roi.errors import RoiError
from roi.text.engine import match_texts
from roi.text.language import detect, resolve
from roi.text.lexicon import ALL_FAMILIES, FAMILIES, LANGUAGES, LEXICON_VERSION
from roi.text.normalize import as_text, normalize

__all__ = ["FAMILIES", "LANGUAGES", "LEXICON_VERSION", "detect", "evidence", "normalize"]

def _families(families: Iterable[str] | None) -> tuple[str, ...]:
    if families is None:
        return FAMILIES
    families = tuple([families] if isinstance(families, str) else families)
    unknown = [f for f in families if f not in ALL_FAMILIES]
    if unknown:
        raise RoiError(f"unknown marker families {unknown}", field="families", fix=f"use names among {list(ALL_FAMILIES)}")
    return families


def evidence(messages: pd.DataFrame, config: Config | str | None = None, families: Iterable[str] | None = None, *,
             guess_language: bool = True) -> pd.DataFrame:
    """Every lexicon marker in the messages' texts, one row per match.

    Parameters
    ----------
    messages
        A message table (needs ``message_id`` and ``text``; ``lang``, ``channel`` and
        ``account`` are used when present).
    config
        Its ``language`` is the default for messages without ``lang`` when no cue word
        settles it (:func:`roi.text.language.detect`).
    families
        Families to look for (default the empathy families, :data:`FAMILIES`; the
        transparency families ``private_channel`` and ``formal_referral`` are matched
        only when named).
    guess_language
        Guess the language of messages without ``lang`` (default) rather than assume
        the configured one.

    Returns
    -------
    DataFrame
        ``message_id``, ``channel``, ``account`` (when the input has them), ``lang``,
        ``family``, ``entry`` (the lexicon entry, ``es/apology#3``), ``weight``,
        ``matched_text``, ``start``, ``end`` (offsets in the original text:
        ``text[start:end] == matched_text``) and ``lexicon_version``. Sorted by message
        and offset. Messages in a language without a lexicon have no rows.

    Examples
    --------
    >>> m = pd.DataFrame({"message_id": ["1"], "text": ["Hola, lamentamos las molestias."], "lang": ["es"]})
    >>> evidence(m)[["family", "matched_text", "start", "end"]].values.tolist()
    [['greeting', 'Hola', 0, 4], ['apology', 'lamentamos', 6, 16]]
    """
    config = as_config(config)
    wanted = _families(families)
    m = messages.reset_index(drop=True)
    text = as_text(m["text"]).fillna("")
    langs = resolve(text, m.get("lang"), config.language, guess=guess_language)
    found = match_texts(text, langs, wanted)
    rows = found.pop("row").to_numpy()
    # columns are taken array to array (Arrow or numpy), never through Python objects
    out = pd.DataFrame({"message_id": m["message_id"].astype("string").array.take(rows)})
    for column in ("channel", "account"):
        if column in m:
            out[column] = m[column].array.take(rows)
    for column in found.columns:
        out[column] = found[column].array
    return out
