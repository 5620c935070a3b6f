"""Tests of HTML-to-text conversion (roi.io.html_text)."""

from __future__ import annotations

import pandas as pd
import pytest

from roi.io.html_text import fragment_to_text, html_to_text


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        # paragraphs become a blank line, <br> variants a newline
        ("<p>uno</p><p>dos</p>", "uno\n\ndos"),
        ("a<br>b<br/>c<BR />d", "a\nb\nc\nd"),
        # entities decoded after the tags are gone: an escaped tag stays literal text
        ("<p>&lt;br&gt; &amp; &quot;cita&quot; &#39;ya&#39; &eacute;</p>", "<br> & \"cita\" 'ya' é"),
        # a link keeps its whole text, including Mastodon's invisible spans
        ('<a href="https://sede.x.es/a"><span class="invisible">https://</span>'
         '<span class="ellipsis">sede.x.es</span><span class="invisible">/a</span></a>', "https://sede.x.es/a"),
        # whitespace in the source collapses; spaces around newlines are trimmed
        ("<p>  hola\n   mundo  </p>\n<p> otra </p>", "hola mundo\n\notra"),
        # lists: one item per line
        ("<ul><li>uno</li><li>dos</li></ul>fin", "uno\ndos\n\nfin"),
        # script and style are dropped with their content, comments too
        ("<style>p{color:red}</style>ok<script>alert(1)</script><!-- nota -->", "ok"),
        # a bare '<' that starts no tag is text
        ("3 < 5 y 7 > 2", "3 < 5 y 7 > 2"),
        # a no-break space becomes a space
        ("a&nbsp;b", "a b"),
        ("", ""),
    ],
)
def test_fragment_to_text(fragment, expected):
    assert fragment_to_text(fragment) == expected


def test_series_keeps_index_and_missing_values():
    values = pd.Series(["<p>x</p>", None, "<b>y</b>"], index=[10, 20, 30], dtype="object")
    out = html_to_text(values)
    assert out.index.tolist() == [10, 20, 30]
    assert out.dtype == "string"
    assert out[10] == "x" and pd.isna(out[20]) and out[30] == "y"
    # the input is not modified
    assert values[10] == "<p>x</p>"


def test_no_more_than_one_blank_line():
    assert fragment_to_text("<p>a</p><p></p><p></p><div>b</div>") == "a\n\nb"
