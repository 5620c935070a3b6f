"""The words of a joined, normalised text, numbered against a lexicon's vocabulary, all at once.

A *word* is a maximal run of ``\\w`` characters, what a regular expression's ``\\w+``
takes and what lexicon paths are made of (:mod:`roi.text.paths`). Words are found from
the code points with one comparison of neighbours; the text between two words of the
same message is their *separator*.

Each word is named by a 64-bit polynomial hash of its code points,
``h(w) = sum_j w[j] * P**j  (mod 2**64)``, computed for every word from one cumulative
sum over the text: with ``S[i] = sum_{j<i} c[j] * P**j``, the word ``c[a:b]`` hashes to
``(S[b] - S[a]) * P**-a`` (``P`` is odd, so it has an inverse modulo ``2**64``). A table
of the vocabulary's hashes (:class:`Table`) then gives every word's id. Two different
words may in principle share a hash; the engine checks each phrase it finds against its
entry's regular expression (once per distinct hash of the phrase), so a word mistaken
for another is caught there unless two whole phrases of one entry collide as well.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from roi.text.normalize import _ranges, is_space, is_word

__all__ = ["Table", "Vocabulary", "Words", "text_hash"]

#: The hash's base (odd: invertible modulo 2**64) and its inverse.
P = 0x9E3779B97F4A7C15
P_INVERSE = pow(P, -1, 1 << 64)
_MASK64 = (1 << 64) - 1


def text_hash(text: str) -> int:
    """``h(text)``, the hash :class:`Words` gives the same characters in a text."""
    value = 0
    for c in reversed(text):  # Horner's rule
        value = (value * P + ord(c)) & _MASK64
    return value


def _powers(base: int, n: int) -> np.ndarray:
    """``base**j`` modulo 2**64 for ``j < n`` (unsigned integers wrap around), by doubling: the second
    half of the first ``2m`` powers is the first half times ``base**m``."""
    out = np.empty(max(n, 1), dtype=np.uint64)
    out[0], m = 1, 1
    while m < n:
        step = min(m, n - m)
        np.multiply(out[:step], np.uint64(pow(base, m, 1 << 64)), out=out[m:m + step])
        m += step
    return out[:n]


class _Powers:
    """``P**j`` and ``P**-j`` (mod 2**64) for ``j < n``, grown as texts need."""

    def __init__(self) -> None:
        self.up = np.ones(1, dtype=np.uint64)
        self.down = np.ones(1, dtype=np.uint64)

    def get(self, n: int) -> tuple[np.ndarray, np.ndarray]:
        if len(self.up) < n:
            size = -(-n // (1 << 20)) << 20  # whole mebi-elements: chunks of similar size reuse them
            self.up, self.down = _powers(P, size), _powers(P_INVERSE, size)
        return self.up[:n], self.down[:n]


_POWERS = _Powers()


_MIX = np.uint64(P)  # odd: multiplying by it mixes a key's bits into its top bits

#: Separators of one character below this code point are read from a table.
_SINGLE = 0x3000
_SPACES = np.flatnonzero(is_space(np.arange(_SINGLE)))


@dataclass(frozen=True)
class Table:
    """A read-only map of 64-bit keys to integers, looked up for many keys at once.

    A key's bucket is the top bits of ``key * 0x9E3779B97F4A7C15`` (mod 2**64); a table
    of buckets (four or more per key) holds the key's position, so most lookups are
    two array reads and a comparison; the few buckets that two keys share fall back to
    a binary search.
    """

    keys: np.ndarray  # sorted, uint64
    values: np.ndarray
    shift: np.uint64
    buckets: np.ndarray  # bucket -> position in ``keys`` (-1: empty, -2: shared)

    @classmethod
    def of(cls, keys: np.ndarray, values: np.ndarray) -> Table:
        keys = np.asarray(keys).astype(np.uint64)
        order = np.argsort(keys, kind="stable")
        keys, values = keys[order], np.asarray(values, dtype=np.int64)[order]
        if len(keys) and np.any(keys[1:] == keys[:-1]):
            raise ValueError("a key appears twice")
        bits = max(8, len(keys).bit_length() + 2)
        shift = np.uint64(64 - bits)
        with np.errstate(over="ignore"):
            bucket = ((keys * _MIX) >> shift).astype(np.int64)
        table = np.full(1 << bits, -1, dtype=np.int64)
        table[bucket] = np.arange(len(keys))
        counts = np.bincount(bucket, minlength=1 << bits)
        table[counts > 1] = -2
        return cls(keys, values, shift, table)

    def __len__(self) -> int:
        return len(self.keys)

    def get(self, keys: np.ndarray) -> np.ndarray:
        """The value of each key, -1 where the key is not in the table."""
        keys = np.asarray(keys).astype(np.uint64)
        if not len(self.keys):
            return np.full(len(keys), -1, dtype=np.int64)
        with np.errstate(over="ignore"):
            at = self.buckets[((keys * _MIX) >> self.shift).astype(np.int64)]
        shared = np.flatnonzero(at == -2)
        if len(shared):
            at[shared] = np.minimum(np.searchsorted(self.keys, keys[shared]), len(self.keys) - 1)
        safe = np.maximum(at, 0)
        return np.where((at >= 0) & (self.keys[safe] == keys), self.values[safe], -1)


@dataclass(frozen=True)
class Vocabulary:
    """Strings numbered 0, 1, ... in the order given, looked up by hash."""

    table: Table
    strings: tuple[str, ...]

    @classmethod
    def of(cls, strings: Iterable[str]) -> Vocabulary:
        strings = tuple(strings)
        hashes = np.asarray([text_hash(s) for s in strings], dtype=np.uint64)
        try:
            return cls(Table.of(hashes, np.arange(len(strings))), strings)
        except ValueError:
            raise ValueError("two strings of the vocabulary share a hash") from None  # never seen; would need another P

    def __len__(self) -> int:
        return len(self.strings)

    def lookup(self, hashes: np.ndarray) -> np.ndarray:
        """The id of each hash, -1 where it is not in the vocabulary."""
        return self.table.get(hashes)


@dataclass(frozen=True)
class Words:
    """The words of a joined text ``NUL t0 NUL t1 ...`` and the means to hash any span of it."""

    start: np.ndarray  # character offset of each word
    end: np.ndarray
    message: np.ndarray  # the text each word belongs to
    first: np.ndarray  # the word is its text's first
    initial: np.ndarray  # code point of each word's first character
    sums: np.ndarray  # S, len(text) + 1 values
    down: np.ndarray  # P**-i

    @classmethod
    def of(cls, codes: np.ndarray, offsets: np.ndarray) -> Words:
        """The words of the text whose code points are ``codes``; text ``m`` begins at ``offsets[m]``."""
        change = np.flatnonzero(np.diff(is_word(codes).view(np.int8))) + 1  # the text begins with a NUL
        if len(change) % 2:  # the text ends inside a word
            change = np.append(change, len(codes))
        start, end = change[0::2], change[1::2]
        # the first word of each text, and so the text of each word (texts and words are both in order)
        boundaries = np.searchsorted(start, offsets)
        counts = np.diff(np.append(boundaries, len(start)))
        message = np.repeat(np.arange(len(offsets)), counts)
        first = np.zeros(len(start), dtype=bool)
        first[boundaries[counts > 0]] = True
        up, down = _POWERS.get(len(codes))
        sums = np.zeros(len(codes) + 1, dtype=np.uint64)
        with np.errstate(over="ignore"):
            np.cumsum(codes.astype(np.uint64) * up, out=sums[1:])
        return cls(start, end, message, first, codes[start], sums, down)

    def __len__(self) -> int:
        return len(self.start)

    def hash(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """``h(text[a:b])`` for each pair of offsets."""
        with np.errstate(over="ignore"):
            return (self.sums[b] - self.sums[a]) * self.down[a]

    def ids(self, vocabulary: Vocabulary, longest: int) -> np.ndarray:
        """Each word's id in ``vocabulary`` (-1: not in it); words over ``longest`` characters are not looked up."""
        out = np.full(len(self), -1, dtype=np.int64)
        short = np.flatnonzero(self.end - self.start <= longest)
        out[short] = vocabulary.lookup(self.hash(self.start[short], self.end[short]))
        return out

    def begins(self, prefix: str) -> np.ndarray:
        """Positions of the words that begin with ``prefix``."""
        k = len(prefix)
        long = np.flatnonzero(self.end - self.start >= k)
        return long[self.hash(self.start[long], self.start[long] + k) == np.uint64(text_hash(prefix))]

    def separators(self, vocabulary: Vocabulary, codes: np.ndarray, text: str) -> np.ndarray:
        """The id in ``vocabulary`` of the separator after each word, -1 after a text's last word or where
        it is not in the vocabulary.

        White space counts as one space (``\\s+`` in a pattern), so ``vocabulary`` holds
        separators as :mod:`roi.text.paths` writes them (white space runs as ``" "``).
        """
        out = np.full(len(self), -1, dtype=np.int64)
        inner = np.flatnonzero(self.message[1:] == self.message[:-1])
        a, b = self.end[inner], self.start[inner + 1]
        space_id = int(vocabulary.lookup(np.asarray([text_hash(" ")], dtype=np.uint64))[0])
        # one character (nearly every separator): a table of the characters
        single = np.full(_SINGLE, -1, dtype=np.int64)
        single[_SPACES] = space_id
        for i, s in enumerate(vocabulary.strings):
            if len(s) == 1 and ord(s) < _SINGLE:
                single[ord(s)] = i
        one = np.flatnonzero(b - a == 1)
        code = codes[a[one]]
        out[inner[one]] = np.where(code < _SINGLE, single[np.minimum(code, _SINGLE - 1)], -1)
        high = one[code >= _SINGLE]
        out[inner[high]] = vocabulary.lookup(self.hash(a[high], b[high]))
        out[inner[high[is_space(codes[a[high]])]]] = space_id
        # longer ones: white space only, none, or both
        more = np.flatnonzero(b - a > 1)
        if not len(more):
            return out
        a, b, inner = a[more], b[more], inner[more]
        spaces = np.add.reduceat(is_space(codes[_ranges(a, b)]).astype(np.int64), np.cumsum(b - a) - (b - a))
        out[inner[spaces == b - a]] = space_id
        plain = spaces == 0  # no white space: the characters as they are
        out[inner[plain]] = vocabulary.lookup(self.hash(a[plain], b[plain]))
        if any(" " in s and s.strip() for s in vocabulary.strings):  # white space and other characters
            mixed = np.flatnonzero((spaces > 0) & (spaces < b - a))
            hashes = self.hash(a[mixed], b[mixed])
            _, where, inverse = np.unique(hashes, return_index=True, return_inverse=True)
            canonical = [re.sub(r"\s+", " ", text[a[mixed[i]]:b[mixed[i]]]) for i in where.tolist()]
            ids = vocabulary.lookup(np.asarray([text_hash(s) for s in canonical], dtype=np.uint64))
            out[inner[mixed]] = ids[inverse.ravel()]
        return out
