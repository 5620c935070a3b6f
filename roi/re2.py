"""Python's Unicode character classes spelt out for Arrow's regular-expression engine (RE2).

RE2's ``\\w`` and ``\\s`` are ASCII only, where Python's (``re`` on ``str``, ``str.isspace``,
``str.strip``) are Unicode. Arrow kernels (``pyarrow.compute.match_substring_regex`` and
friends) that must decide as Python does use these classes instead; a test checks them
against Python over every code point.
"""

from __future__ import annotations

__all__ = ["NOT_WORD", "SPACE", "SPACE_CHARACTERS", "WORD"]

#: Every character of Python's ``\\s`` (``str.isspace``, what ``str.strip`` removes).
SPACE_CHARACTERS = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B)))
                    + "\u2028\u2029\u202f\u205f\u3000")
#: A character of Python's ``\\s``, as an RE2 class.
SPACE = "[" + "".join(f"\\x{{{ord(ch):x}}}" for ch in SPACE_CHARACTERS) + "]"
#: A character of Python's ``\\w`` (letters, numbers, the underscore).
WORD = r"[\p{L}\p{N}_]"
#: Any other character.
NOT_WORD = r"[^\p{L}\p{N}_]"
