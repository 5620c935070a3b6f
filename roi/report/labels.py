"""An indicator's name and value as the report writes them, in its language."""

from __future__ import annotations

from roi.index import CATALOGUE
from roi.report import formatting as fmt
from roi.report.texts import text

__all__ = ["indicator_label", "indicator_value"]

_BY_NAME = {ind.name: ind for ind in CATALOGUE}


def indicator_label(name: str, lang: str) -> str:
    """The report's name of indicator ``name``: its plain-words label, else the catalogue's, else ``name``."""
    labels = text("labels", lang)
    if name in labels:
        return labels[name]
    ind = _BY_NAME.get(name)
    if ind is None:
        return name
    return ind.label_es if lang == "es" else ind.label_en


def indicator_value(name: str, value, lang: str) -> str:
    """A value of indicator ``name``: a share as a percentage, a duration in hours and minutes, else one decimal.

    >>> indicator_value("response_rate", 0.643, "es"), indicator_value("frt_median_business_minutes", 378, "en")
    ('64,3\\xa0%', '6 h 18 min')
    """
    ind = _BY_NAME.get(name)
    if ind is not None and ind.bounds == (0.0, 1.0):
        return fmt.percent(value, lang)
    if name.endswith("_minutes"):
        return fmt.minutes(value, lang, business="business" in name)
    return fmt.number(value, lang, 1)
