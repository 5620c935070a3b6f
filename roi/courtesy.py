"""Courtesy of a message, 0-100: a judgment of the courtesy model, with its reasons.

The courtesy model (``roi/models/weights/courtesy.json``; its card in ``docs/models.md``)
is a linear model over words, word prefixes, word pairs, cue families of the politeness
strategies of Danescu-Niculescu-Mizil et al. (2013) (gratitude, greetings, apologies,
hedges, deference, indirect requests; impoliteness: direct questions, second person,
negation, criticism, hostile words), how the message opens and repeated ``!?``
(:mod:`roi.models.discourse`), word valences and shape. With decision *d*
(``intercept + Σ weight × value``):

- shipped model (fitted as a probability): ``courtesy = 100 / (1 + exp(-d))``;
- a model written by ``roi train`` from 0-4 ratings: ``courtesy = clip(25 × d, 0, 100)``.

``[models] courtesy`` in the configuration, or ``config=``, selects the model.
:func:`explain` gives the features that pushed each score most; with ``(other
features)`` and ``(intercept)`` they add up to *d*.
"""

from __future__ import annotations

import pandas as pd

from roi.config import as_config
from roi.models import explain as _explain
from roi.models import judge

__all__ = ["explain", "score"]


def _series(texts) -> pd.Series:
    return texts if isinstance(texts, pd.Series) else pd.Series(list(texts), dtype="object")


def score(texts, lang="es", config=None) -> pd.Series:
    """Courtesy of each text on a 0-100 scale (higher is more courteous); same index as ``texts``.

    >>> s = score(["Buenos días, muchas gracias por avisarnos. Lo revisamos hoy mismo.", "Eso no es asunto nuestro."])
    >>> bool(s.iloc[0] > s.iloc[1])
    True
    """
    texts = _series(texts)
    config = as_config(config) if config is not None else None
    return judge(texts, lang, ("courtesy",), config)["courtesy"].rename("courtesy")


def explain(texts, lang="es", top: int = 5, config=None) -> pd.DataFrame:
    """The ``top`` features behind each text's courtesy, with their contributions.

    Columns ``row`` (position in ``texts``), ``rank``, ``feature`` (e.g. ``c:gratitude``,
    ``w:gracias``), ``value``, ``weight``, ``contribution`` (``weight × value``).
    Per text the contributions add up to the model's decision *d* (module docstring).
    """
    config = as_config(config) if config is not None else None
    out = _explain(_series(texts), lang, ("courtesy",), config, top=top)
    return out.drop(columns="judgment")
