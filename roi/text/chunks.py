"""Texts cut at white space into *chunks*, each distinct chunk held once.

Service texts repeat their pieces: a million replies hold a few hundred thousand
distinct white-space-separated chunks (``gracias``, ``farola,``, ``@vecina``), often far
fewer. A tokeniser whose rules never look across white space (its separators include
every ASCII white-space character) gives the same tokens whether it reads whole texts or
their chunks one after another; so a costly rule (a regular expression, a lexicon
lookup) runs once per distinct chunk, and the tokens of every text are gathered from
those of its chunks with integer arrays.

:func:`chunks` cuts an Arrow string array at ASCII white space (space, ``\\t``,
``\\n``, ``\\v``, ``\\f``, ``\\r``) and numbers the chunks by their distinct values;
:func:`expand` turns the pieces of each distinct chunk into the pieces of every text,
in order; :func:`splice` puts the chunks of a few changed texts (links removed, say) in
place of theirs, so that one cut of the texts serves several tokenisers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from roi.schema import value_bytes

__all__ = ["Chunks", "chunks", "expand", "holds", "splice"]


@dataclass(frozen=True)
class Chunks:
    """Chunk ``i`` of the texts is ``distinct[code[i]]`` and belongs to text ``row[i]`` (in text order).

    ``row`` holds 64-bit integers, ``code`` integers of any width (32 bits from :func:`chunks`)."""

    n: int  # texts
    row: np.ndarray
    code: np.ndarray
    distinct: pa.Array


def holds(texts: pa.Array, char: str) -> bool:
    """Whether any text holds ``char`` (an ASCII character), as ``pc.any(pc.match_substring(texts, char))``.

    The bytes of the array's texts are searched first (a slice of a larger array shares its
    buffer: only the slice's bytes are read); only when the byte is there are the texts read
    one by one (UTF-8 never uses an ASCII byte inside another character, but a missing
    text may keep bytes).
    """
    strings = isinstance(texts, pa.Array) and (pa.types.is_large_string(texts.type) or pa.types.is_string(texts.type))
    if strings and char.encode("ascii") not in value_bytes(texts).to_pybytes():
        return False
    return bool(pc.any(pc.match_substring(texts, char)).as_py())


def chunks(texts: pa.Array) -> Chunks:
    """The white-space chunks of ``texts`` (no missing values), numbered by distinct value.

    A vertical tab, which a regular expression's ``\\s`` does not match, does not cut a
    chunk: it is kept inside it as ``\\x1f`` (like it, not white space to an expression, not
    a word character, not a letter), so that an expression such as ``https?://\\S+`` finds
    in the chunks what it finds in the whole text.
    """
    if holds(texts, "\v"):
        texts = pc.replace_substring(texts, "\v", "\x1f")
    split = pc.ascii_split_whitespace(texts)
    flat = pc.list_flatten(split)
    row = pc.list_parent_indices(split).to_numpy(zero_copy_only=False).astype(np.int64, copy=False)
    encoded = flat.dictionary_encode()
    if isinstance(encoded, pa.ChunkedArray):
        encoded = encoded.combine_chunks()
    code = encoded.indices.to_numpy(zero_copy_only=False)  # 32-bit: half the memory of millions of chunks
    return Chunks(n=len(texts), row=row, code=code, distinct=encoded.dictionary)


def expand(parts: Chunks, pieces: pa.ListArray) -> tuple[np.ndarray, np.ndarray]:
    """The pieces of every text, from the pieces of each distinct chunk.

    Parameters
    ----------
    parts : Chunks
        From :func:`chunks`.
    pieces : ListArray
        One list per distinct chunk (``pieces[j]`` are the pieces of ``parts.distinct[j]``,
        in order).

    Returns
    -------
    (row, piece)
        For every piece of every text, in text order then chunk order: its text, and its
        position in ``list_flatten(pieces)``. With ``k[j]`` the number of pieces of
        distinct chunk ``j`` and ``o[j]`` the position of its first, chunk ``i`` gives
        ``o[code[i]], ..., o[code[i]] + k[code[i]] - 1``.
    """
    offsets = np.asarray(pieces.offsets.to_numpy(zero_copy_only=False), dtype=np.int64)
    offsets = offsets - offsets[0]  # positions in list_flatten(pieces), also for a slice
    first = offsets[:-1][parts.code]
    count = np.diff(offsets)[parts.code]
    total = int(count.sum())
    if not total:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    before = np.cumsum(count) - count  # position of each chunk's first piece in the output
    piece = np.repeat(first - before, count) + np.arange(total, dtype=np.int64)
    return np.repeat(parts.row, count), piece


def splice(base: Chunks, rows: np.ndarray, part: Chunks) -> Chunks:
    """``base`` with the chunks of texts ``rows`` (sorted, distinct) replaced by those of ``part``
    (the chunks of the changed texts, text ``i`` of ``part`` being text ``rows[i]``).

    The distinct chunks are ``base``'s followed by ``part``'s (a chunk may be in both).
    """
    n = base.n
    count_base = np.bincount(base.row, minlength=n)
    count_part = np.bincount(part.row, minlength=part.n)
    replaced = np.zeros(n, dtype=bool)
    replaced[rows] = True
    count = count_base.copy()
    count[rows] = count_part
    start = np.cumsum(count) - count  # where each text's chunks begin in the result
    kept = np.flatnonzero(~replaced[base.row])
    kept_row = base.row[kept]
    at_base = start[kept_row] + kept - (np.cumsum(count_base) - count_base)[kept_row]
    part_row = rows[part.row]
    at_part = start[part_row] + np.arange(len(part.row)) - (np.cumsum(count_part) - count_part)[part.row]
    total = int(count.sum())
    row = np.empty(total, dtype=np.int64)
    code = np.empty(total, dtype=np.int64)
    row[at_base], code[at_base] = kept_row, base.code[kept]
    row[at_part], code[at_part] = part_row, part.code + len(base.distinct)
    distinct = pa.concat_arrays([base.distinct, part.distinct.cast(base.distinct.type)])
    return Chunks(n=n, row=row, code=code, distinct=distinct)
