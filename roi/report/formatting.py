"""Numbers, percentages, durations, dates and period names as a reader of the report expects them.

Spanish follows the RAE and the Spanish administration's style: decimal comma, a point
between thousands (``1.234``), a space before ``%`` (``64,3 %``), month names in lower
case (``octubre de 2025``). English: ``1,234.5``, ``64.3%``, ``October 2025``.
"""

from __future__ import annotations

import datetime as dt
import math

__all__ = ["LANGUAGES", "check_language", "contract", "date", "hours", "minutes", "number", "percent", "period_name",
           "period_short", "points"]

LANGUAGES = ("es", "en")

_MONTHS = {
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
           "noviembre", "diciembre"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
}
_MISSING = {"es": "sin datos", "en": "no data"}


def check_language(lang: str) -> str:
    """Return ``lang`` if the report speaks it, else raise :class:`~roi.errors.RoiError`."""
    from roi.errors import RoiError

    if lang not in LANGUAGES:
        raise RoiError(f"unknown report language {lang!r}", field="lang", fix=f"use one of {list(LANGUAGES)}")
    return lang


def _missing(value) -> bool:
    try:
        return value is None or bool(math.isnan(float(value)))
    except (TypeError, ValueError):
        return True


def number(value, lang: str = "es", decimals: int = 0) -> str:
    """``1234.5`` -> ``"1.234,5"`` (es) or ``"1,234.5"`` (en); NaN -> ``"sin datos"`` / ``"no data"``.

    >>> number(1234.5, "es", 1), number(1234.5, "en", 1), number(-0.04, "es", 1)
    ('1.234,5', '1,234.5', '0,0')
    """
    if _missing(value):
        return _MISSING[lang]
    value = float(value)
    if math.isinf(value):
        return "∞" if value > 0 else "−∞"
    text = f"{abs(value):,.{decimals}f}"
    sign = "" if round(abs(value), decimals) == 0 else "−" if value < 0 else ""
    if lang == "es":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return sign + text


def points(value, lang: str = "es", decimals: int = 1) -> str:
    """A signed difference: ``"+2,5"`` / ``"−1.0"``."""
    if _missing(value):
        return _MISSING[lang]
    text = number(value, lang, decimals)
    return text if text.startswith("−") or text.strip("0,.") == "" else "+" + text


def percent(share, lang: str = "es", decimals: int = 1) -> str:
    """A share as a percentage: ``0.643`` -> ``"64,3 %"`` (es) or ``"64.3%"`` (en)."""
    if _missing(share):
        return _MISSING[lang]
    text = number(100 * float(share), lang, decimals)
    return f"{text}\u00a0%" if lang == "es" else f"{text}%"


def minutes(value, lang: str = "es", *, business: bool = False) -> str:
    """A duration in minutes, in words a manager reads: ``"45 min"``, ``"6 h 18 min"``, ``"3 d 4 h"``.

    A ``business`` duration (office time) is never written in days, which a reader takes
    for calendar days: ``"53 h 10 min"``. An infinite Kaplan-Meier median (fewer than
    half answered) reads "no alcanzada" / "not reached".
    """
    if _missing(value):
        return _MISSING[lang]
    value = float(value)
    if math.isinf(value):
        return "no alcanzada" if lang == "es" else "not reached"
    total = round(value)
    if total < 60:
        return f"{total} min"
    hours_, mins = divmod(total, 60)
    if hours_ < 24 or business:
        return f"{hours_} h {mins:02d} min"
    days, hours_ = divmod(hours_, 24)
    return f"{days} d {hours_} h"


def hours(value, lang: str = "es") -> str:
    """A duration in hours (as :func:`minutes`)."""
    return minutes(value if _missing(value) else 60 * float(value), lang)


def date(day: dt.date, lang: str = "es") -> str:
    """``2025-10-07`` -> ``"7 de octubre de 2025"`` / ``"7 October 2025"``."""
    month = _MONTHS[lang][day.month - 1]
    return f"{day.day} de {month} de {day.year}" if lang == "es" else f"{day.day} {month} {day.year}"


#: Spanish abbreviated ordinals of the quarters (RAE: 1.er, 2.º, 3.er, 4.º).
_QUARTER_ES = {"1": "1.er", "2": "2.º", "3": "3.er", "4": "4.º"}


def period_name(period: str, lang: str = "es", *, article: bool = False) -> str:
    """``"2025-10"`` -> ``"octubre de 2025"`` / ``"October 2025"``; ``"2025-Q3"`` -> ``"3.er trimestre de 2025"`` / ``"Q3 2025"``.

    With ``article=True`` the name is the one a sentence takes: a Spanish quarter gets its
    article (``"el 3.er trimestre de 2025"``, which :func:`contract` turns into ``"del"``
    / ``"al"`` after a preposition); a month and every English name stay as they are.

    >>> period_name("2025-10", "es"), period_name("2025-Q4", "en"), period_name("2025", "es")
    ('octubre de 2025', 'Q4 2025', '2025')
    >>> period_name("2025-Q1", "es"), period_name("2025-Q3", "es", article=True)
    ('1.er trimestre de 2025', 'el 3.er trimestre de 2025')
    """
    if len(period) == 7 and period[4] == "-" and period[5:].isdigit():
        year, month = int(period[:4]), int(period[5:])
        name = _MONTHS[lang][month - 1]
        return f"{name} de {year}" if lang == "es" else f"{name} {year}"
    if "-Q" in period:
        year, quarter = period.split("-Q")
        if lang != "es":
            return f"Q{quarter} {year}"
        name = f"{_QUARTER_ES.get(quarter, quarter + '.º')} trimestre de {year}"
        return f"el {name}" if article else name
    return period


def period_short(period: str, lang: str = "es", *, with_year: bool = True) -> str:
    """A chart axis label: the month's first three letters (or the quarter), the year under it if ``with_year``.

    >>> period_short("2025-01", "es").split(), period_short("2025-Q3", "en").split(), period_short("2025-02", "es", with_year=False)
    (['ene', '2025'], ['Q3', '2025'], 'feb')
    """
    if len(period) == 7 and period[4] == "-" and period[5:].isdigit():
        name = _MONTHS[lang][int(period[5:]) - 1][:3]
        return f"{name}\n{period[:4]}" if with_year else name
    if "-Q" in period:
        year, quarter = period.split("-Q")
        name = f"{'T' if lang == 'es' else 'Q'}{quarter}"
        return f"{name}\n{year}" if with_year else name
    return period


def contract(sentence: str) -> str:
    """Spanish contractions after a period name with its article: ``"de el"`` -> ``"del"``, ``"a el"`` -> ``"al"``.

    >>> contract("Índice de el 3.er trimestre de 2025 respecto a el 2.º trimestre"), contract("El 3.er trimestre")
    ('Índice del 3.er trimestre de 2025 respecto al 2.º trimestre', 'El 3.er trimestre')
    """
    import re

    out = re.sub(r"\b([Dd])e el\b", r"\1el", sentence)
    return re.sub(r"\b([Aa]) el\b", r"\1l", out)
