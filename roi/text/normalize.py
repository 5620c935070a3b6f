"""Length-preserving normalisation of message text, so that match offsets point at the original.

Every operation maps one character to exactly one character:

- **case and accents**: a 1:1 translation table folds each letter to its lower-case,
  unaccented base (``Á``/``à`` -> ``a``, ``Ñ`` -> ``n``, ``Ç`` -> ``c``); letters whose
  lower case is longer than one character (``İ``) are left alone. The Catalan middle dot
  (``l·l``) is kept.
- **punctuation variants**: typographic apostrophes and quotes become ``'`` and ``"``,
  dashes ``-``, no-break and other spaces a plain space. A NUL inside a message becomes
  a space before folding (NUL separates messages inside the engine).
- **masks**: URLs, e-mail addresses, ``@mentions`` and ``#hashtags`` are overwritten
  with the same number of :data:`MASK` characters (not a word character), so a handle
  or a link never matches a lexicon entry and a position in the normalised text is the
  same position in the original.

HTML entities are decoded by the readers (``roi.io``); emoji are kept as they are.
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

__all__ = ["MASK", "MASK_PATTERN", "as_text", "fold", "fold_codes", "is_space", "is_word", "join", "joined_bytes", "normalize",
           "text_array"]

#: The character that overwrites URLs, e-mails, mentions and hashtags (not a word character).
MASK = "¤"

#: Candidate spans to mask, found in the folded text: URLs, ``@`` (a mention, or the domain
#: of an e-mail address, whose local part is added afterwards) and ``#hashtags``. Every
#: alternative begins with a literal, so the scan jumps between candidate characters.
MASK_PATTERN = re.compile(r"https?://[^\s\x00]*[^\s\x00.,;:!?)\]\"']|www\.[^\s\x00]*[^\s\x00.,;:!?)\]\"']|@[\w-]+(?:\.[\w-]+)*|#\w+")

_MASK_SPLIT = re.compile(f"({MASK_PATTERN.pattern})")

_LOCAL_PART = re.compile(r"[\w.+-]+$")

_PUNCTUATION = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u00b4": "'", "`": "'", "\u02bc": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
    "\u00a0": " ", "\u2007": " ", "\u2009": " ", "\u200a": " ", "\u202f": " ", "\u3000": " ",
    "\u2028": "\n", "\u2029": "\n",
    "\u0140": "l", "\u013f": "l",  # Catalan ŀ (l with middle dot as one letter)
}


def _build_table() -> dict[int, int]:
    table: dict[int, int] = {}
    for code in range(0x80, 0x3000):
        char = chr(code)
        lower = char.lower()
        if len(lower) != 1:
            continue
        base = unicodedata.normalize("NFD", lower)
        if len(base) > 1 and all(unicodedata.combining(c) for c in base[1:]):
            lower = base[0]
        if lower != char:
            table[code] = ord(lower)
    for code in range(ord("A"), ord("Z") + 1):
        table[code] = code + 32
    table.update({ord(k): ord(v) for k, v in _PUNCTUATION.items()})
    return table


#: Code point -> code point; applied with ``str.translate``.
TABLE = _build_table()


#: Tables cover the Basic Multilingual Plane and are read with ``take(codes, mode="wrap")``;
#: the few code points above it (emoji) are put right afterwards.
_SIZE = 0x10000
_LUT = np.arange(_SIZE, dtype=np.uint32)
_LUT[list(TABLE)] = list(TABLE.values())
_MASK_CODE = ord(MASK)


_WORD = np.asarray([chr(c).isalnum() or c == ord("_") for c in range(_SIZE)])
_SPACE = np.asarray([chr(c).isspace() for c in range(_SIZE)])


def fold(text: str) -> str:
    """Normalise one string (or many joined by NUL): case, accents, punctuation, masks.

    The string is read as an array of code points; the translation is one table lookup
    and the masks one scatter over the spans to cover, so the cost does not depend on
    how many messages the string holds.

    >>> fold("¡Hola @Marta! Gràcies per l’avís: https://ajuntament.cat/x")
    "¡hola ¤¤¤¤¤¤! gracies per l'avis: ¤¤¤¤¤¤¤¤¤¤¤¤¤¤¤¤¤¤¤¤¤¤¤¤"
    """
    if not text:
        return text
    return fold_codes(text)[0]


def fold_codes(text: str) -> tuple[str, np.ndarray]:
    """:func:`fold` of ``text``, and its code points (``uint32``)."""
    original = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    if not len(original):
        return text, original.copy()
    codes = _LUT.take(original, mode="wrap")  # wrap: the code point modulo 0x10000
    if original.max() >= _SIZE:  # no folding above the table: the code point as it is
        above = np.flatnonzero(original >= _SIZE)
        codes[above] = original[above]
    folded = codes.tobytes().decode("utf-32-le", "surrogatepass")
    # the spans to mask, from split (pieces of text between the matches, and the matches):
    # the same matches as finditer, without a match object each
    parts = _MASK_SPLIT.split(folded)
    if len(parts) == 1:
        return folded, codes
    sizes = np.fromiter(map(len, parts), dtype=np.int64, count=len(parts))
    ends = np.cumsum(sizes)[1::2]
    starts = ends - sizes[1::2]
    before = codes[np.maximum(starts - 1, 0)]
    glued = (starts > 0) & is_word(before)  # "#" or "@" inside a word
    for i in np.flatnonzero(glued):
        start, end = int(starts[i]), int(ends[i])
        if folded[start] == "@" and "." in folded[start:end]:  # an e-mail address: cover its local part
            local = _LOCAL_PART.search(folded, max(0, start - 64), start)
            starts[i] = local.start() if local else start
            glued[i] = False
    starts, ends = starts[~glued], ends[~glued]
    if not len(starts):
        return folded, codes
    codes[_ranges(starts, ends)] = _MASK_CODE
    return codes.tobytes().decode("utf-32-le", "surrogatepass"), codes


def _ranges(starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Every position in the spans ``[starts[i], ends[i])``, concatenated (``ends >= starts``)."""
    lengths = ends - starts
    total = int(lengths.sum())
    if not total:
        return np.zeros(0, dtype=np.int64)
    shift = starts - np.concatenate([[0], np.cumsum(lengths)[:-1]])
    return np.repeat(shift, lengths) + np.arange(total, dtype=np.int64)


def _classify(table: np.ndarray, test, codes: np.ndarray) -> np.ndarray:
    """``test(chr(c))`` for each code point: a table lookup below ``_SIZE``, the test itself above."""
    codes = np.asarray(codes)
    out = table.take(codes, mode="wrap")  # wrap: the code point modulo 0x10000
    if len(codes) and codes.max() >= _SIZE:
        high = np.flatnonzero(codes >= _SIZE)
        values, inverse = np.unique(codes[high], return_inverse=True)
        out[high] = np.asarray([test(chr(c)) for c in values.tolist()], dtype=bool)[inverse]
    return out


def is_word(codes: np.ndarray) -> np.ndarray:
    """Whether each code point is a regular-expression word character (``\\w``: alphanumeric or ``_``)."""
    return _classify(_WORD, str.isalnum, codes)


def is_space(codes: np.ndarray) -> np.ndarray:
    """Whether each code point is regular-expression white space (``\\s``: ``str.isspace``)."""
    return _classify(_SPACE, str.isspace, codes)


def as_text(texts: pd.Series) -> pd.Series:
    """``texts`` as a ``string`` Series; a lone surrogate (half of a UTF-16 pair, not a character:
    UTF-8 cannot hold it) becomes ``?``, so lengths and offsets stay as they were."""
    try:
        return texts.astype("string")
    except UnicodeEncodeError:  # rare: a loop over the texts
        values = texts.astype(object).where(texts.notna(), None).tolist()
        clean = [None if t is None else str(t).encode("utf-8", "replace").decode("utf-8") for t in values]
        return pd.Series(clean, index=texts.index, dtype="string", name=texts.name)


def normalize(texts: pd.Series) -> pd.Series:
    """The normalised text of each message, same index, every string the same length as its original.

    The whole column is joined with NUL separators, folded in one ``str.translate``
    and one masking pass, and split back: no Python loop per message.

    >>> normalize(pd.Series(["Buenos DÍAS, Begoña", None])).tolist()
    ['buenos dias, begona', '']
    """
    texts = as_text(texts).fillna("")
    if len(texts) == 0:
        return pd.Series([], index=texts.index, dtype="string")
    joined = "\x00".join(texts.str.replace("\x00", " ", regex=False).tolist())
    parts = fold(joined).split("\x00")
    return pd.Series(parts, index=texts.index, dtype="string")


def text_array(texts: pd.Series, *, keep_nul: bool = False) -> pa.Array:
    """The texts as one Arrow string array: missing texts empty, a NUL inside a text a space (kept
    with ``keep_nul``), a lone surrogate a ``?`` (:func:`as_text`)."""
    array = pa.array(as_text(texts).array)
    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks()
    if array.type != pa.large_string():
        array = array.cast(pa.large_string())
    if array.null_count:
        array = pc.fill_null(array, "")
    if not keep_nul and pc.any(pc.match_substring(array, "\x00")).as_py():  # copies the text only when it has to
        array = pc.replace_substring(array, "\x00", " ")
    return array


def join(texts: pa.Array) -> tuple[str, np.ndarray, memoryview]:
    """``"\\x00" + "\\x00".join(texts)`` built from the Arrow buffers, the length of each text and
    the joined text's UTF-8 bytes.

    ``texts`` is a :func:`text_array` (or a ``take`` of one): no missing values, no NUL.
    """
    lengths = pc.utf8_length(texts).to_numpy(zero_copy_only=False).astype(np.int64)
    data = joined_bytes(texts)
    return str(data, "utf-8"), lengths, data


def joined_bytes(texts: pa.Array) -> memoryview:
    """The UTF-8 bytes of ``"\x00" + "\x00".join(texts)``, built from the Arrow buffers without a
    Python string (``texts`` as for :func:`join`)."""
    if not len(texts):
        return memoryview(b"")
    # element-wise "\x00" + text (joined with an empty separator); the results lie back to back
    # in one buffer, which is the joined text
    nul = pa.scalar("\x00", pa.large_string())
    joined = pc.binary_join_element_wise(nul, texts, pa.scalar("", pa.large_string()))
    offsets = np.frombuffer(joined.buffers()[1], dtype=np.int64)[joined.offset:joined.offset + len(joined) + 1]
    return memoryview(joined.buffers()[2])[int(offsets[0]):int(offsets[-1])]
