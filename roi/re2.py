"""Python's Unicode character classes spelt out for Arrow's regular-expression engine (RE2).

RE2's ``\\w`` and ``\\s`` are ASCII only, where Python's (``re`` on ``str``, ``str.isspace``,
``str.strip``) are Unicode. Arrow kernels (``pyarrow.compute.match_substring_regex`` and
friends) that must decide as Python does use these classes instead; a test checks them
against Python over every code point.
"""

from __future__ import annotations

__all__ = ["NOT_WORD", "SPACE", "WORD"]

#: A character of Python's ``\\s`` (``str.isspace``).
SPACE = (r"[\t\n\x{0b}\f\r\x{1c}-\x{1f} \x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}"
         r"\x{3000}]")
#: A character of Python's ``\\w`` (letters, numbers, the underscore).
WORD = r"[\p{L}\p{N}_]"
#: Any other character.
NOT_WORD = r"[^\p{L}\p{N}_]"
