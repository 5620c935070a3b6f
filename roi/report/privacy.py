"""Citizens' personal data in report outputs.

A report shows no citizen handle, name or message text unless the configuration opts in
(``[privacy] show_text = true``). Where an excerpt is shown, e-mail addresses (also
written as ``ana(at)example.org``), IBANs, payment card numbers, Spanish identity numbers
(DNI, NIE, also with dots or spaces), phone numbers and ``@handles`` are replaced by a
placeholder, and
the text is escaped so that a message containing ``<script>`` renders as text.
"""

from __future__ import annotations

import html
import re
import tomllib
from pathlib import Path

__all__ = ["excerpt", "redact", "redact_series", "show_text"]

_AT = r"(?:\s*@\s*|\s*[(\[{]\s*(?:at|arroba)\s*[)\]}]\s*|\s+arroba\s+)"
_DOT = r"(?:\.|\s*[(\[{]\s*(?:dot|punto)\s*[)\]}]\s*)"
_PATTERNS = (
    # also written to dodge robots: ana(at)example.org, ana [arroba] example [punto] org
    ("[e-mail]", re.compile(rf"[\w.+-]+{_AT}[\w-]+(?:{_DOT}[\w-]+)+", re.UNICODE | re.IGNORECASE)),
    # a handle (@maria_lopez_1985) names a person; an e-mail was caught just before
    ("[@]", re.compile(r"(?<![\w@.])@\w{2,}")),
    # country, check digits, then groups of four: letters only in the first (a bank code), so words after it stay
    ("[IBAN]", re.compile(r"\b[A-Z]{2}\d{2}[ -]?[A-Z0-9]{4}(?:[ -]?\d{4}){2,6}(?:[ -]?\d{1,4})?\b", re.IGNORECASE)),
    # payment cards: 13 to 19 digits, usually in groups of four
    ("[card]", re.compile(r"(?<![\w.,-])\d{4}(?:[ -]?\d{4}){2}[ -]?\d{1,4}(?:[ -]?\d{1,3})?(?![\w,-]|\.\d)")),
    # DNI 12345678Z, 12.345.678-Z, 12 345 678 Z; NIE X1234567L, Y-1234567-X
    ("[DNI/NIE]", re.compile(r"\b[XYZ][ .-]?\d{7}[ .-]?[A-Z]\b|\b\d{1,2}[ .]?\d{3}[ .]?\d{3}[ .-]?[A-Z]\b", re.IGNORECASE)),
    ("[tel.]", re.compile(r"(?<![\w])(?:\+|00)?(?:\d[\s.-]?){8,14}\d(?![\w])")),
)


def redact(text: str) -> str:
    """Replace e-mails, handles, IBANs, card numbers, DNI/NIE numbers and phone numbers by placeholders.

    >>> redact("Soy 12345678Z (@ana_85), escribid a ana@example.org o al 612 34 56 78")
    'Soy [DNI/NIE] ([@]), escribid a [e-mail] o al [tel.]'
    """
    for placeholder, pattern in _PATTERNS:
        text = pattern.sub(placeholder, text)
    return text


def redact_series(texts):
    """:func:`redact` over a pandas Series of texts, one vectorised pass per pattern (missing stays missing).

    >>> import pandas as pd
    >>> redact_series(pd.Series(["mi DNI 12345678Z", None], dtype="string")).tolist()
    ['mi DNI [DNI/NIE]', <NA>]
    """
    texts = texts.astype("string")
    for placeholder, pattern in _PATTERNS:
        texts = texts.str.replace(pattern, placeholder, regex=True)
    return texts


def excerpt(text, *, allowed: bool, limit: int = 280) -> str:
    """Citizen text ready to place in HTML: redacted, shortened and escaped; ``""`` when not allowed.

    >>> excerpt("<script>alert(1)</script> x@y.es", allowed=True)
    '&lt;script&gt;alert(1)&lt;/script&gt; [e-mail]'
    """
    if not allowed or text is None or not isinstance(text, str):
        return ""
    text = redact(text)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return html.escape(text)


def show_text(config) -> bool:
    """Whether the configuration opts in to citizen text in reports (``[privacy] show_text``, default false).

    ``config`` is a TOML path or a :class:`~roi.config.Config` read from one.
    """
    source = getattr(config, "source", config)
    if source is None:
        return False
    path = Path(source)
    if not path.is_file():
        return False
    with path.open("rb") as handle:
        raw = tomllib.load(handle)
    value = raw.get("privacy", {}).get("show_text", False)
    return value is True
