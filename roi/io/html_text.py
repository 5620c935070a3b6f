"""HTML fragments (Mastodon ``content``, ActivityPub notes) to plain text, vectorised.

Rules, applied to a whole column at once with pandas string methods:

1. ``<script>`` and ``<style>`` elements are dropped with their content;
2. runs of whitespace collapse to one space (as a browser renders HTML);
3. ``<br>`` becomes a newline; the end of a paragraph or block (``</p>``, ``</div>``,
   ``</blockquote>``, ``</pre>``, ``</h1>`` ... ``</h6>``, ``</ul>``, ``</ol>``) becomes a
   blank line; the end of a list item (``</li>``) a newline;
4. every other tag is removed and its text kept: a link keeps its whole text, including
   the parts Mastodon hides with ``class="invisible"`` (``https://www.`` ...), so the text
   holds the full address that transparency indicators look for;
5. entities are decoded (:func:`html.unescape`), after the tags are gone, so an escaped
   ``&lt;br&gt;`` stays literal text; a no-break space becomes a space;
6. spaces around newlines are trimmed, three or more newlines become two, and the ends
   are stripped.

Missing values stay missing.

>>> html_to_text(pd.Series(["<p>Hola &amp; adiós</p><p>línea 1<br>línea 2</p>"])).tolist()
['Hola & adiós\\n\\nlínea 1\\nlínea 2']
"""

from __future__ import annotations

import html

import pandas as pd

__all__ = ["fragment_to_text", "html_to_text"]

_DROP = r"(?is)<(script|style)\b.*?</\1\s*>"
_BLOCK_END = r"(?i)</(?:p|div|blockquote|pre|h[1-6]|ul|ol)\s*>"
_TAG = r"<(?:[a-zA-Z][^<>]*|/[a-zA-Z][^<>]*|!--.*?--|![^<>]*)>"


def html_to_text(values: pd.Series) -> pd.Series:
    """Plain text of each HTML fragment in ``values`` (a new ``string`` Series, same index)."""
    text = values.astype("string")
    text = text.str.replace(_DROP, "", regex=True)
    text = text.str.replace(r"\s+", " ", regex=True)
    text = text.str.replace(r"(?i)<br\s*/?>", "\n", regex=True)
    text = text.str.replace(_BLOCK_END, "\n\n", regex=True)
    text = text.str.replace(r"(?i)</li\s*>", "\n", regex=True)
    text = text.str.replace(_TAG, "", regex=True)
    coded = text.str.contains("&", regex=False, na=False)
    if coded.any():
        text[coded] = text[coded].map(html.unescape).astype("string")
    text = text.str.replace("\xa0", " ", regex=False)
    text = text.str.replace(r"[ \t]*\n[ \t]*", "\n", regex=True)
    text = text.str.replace(r"\n{3,}", "\n\n", regex=True)
    return text.str.strip()


def fragment_to_text(fragment: str) -> str:
    """Plain text of one HTML fragment; see :func:`html_to_text`.

    >>> fragment_to_text('<p>Ver <a href="https://x.es/a"><span class="invisible">https://</span>x.es/a</a></p>')
    'Ver https://x.es/a'
    """
    return str(html_to_text(pd.Series([fragment], dtype="string")).iloc[0])
