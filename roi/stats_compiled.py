"""The Poisson bootstrap's inner loops, compiled by Numba: weights drawn and summed row by row.

:mod:`roi.stats` defines the estimators; this module runs their loops over rows and
resamples without building the ``rows x resamples`` weight matrices NumPy needs (a
million rows and 200 resamples are 200 MB of weights, hashed, looked up and summed in
several passes). Every loop does the same arithmetic, in the same order, as the
array expressions it replaces, so the figures are identical to the last bit:

- the weights are the counter-based stream of :func:`roi.stats.poisson_weights`
  (SplitMix64's finaliser, four 16-bit lanes per 64-bit word, Poisson(1)'s inverse
  CDF on 2^16 cells);
- a group's weighted sum is added within each piece of rows as ``numpy.add.reduceat``
  adds along the rows (the first row, plus NumPy's pairwise sum of the others), and the
  pieces one after the other;
- a Kaplan-Meier curve is the running product ``S_j = S_{j-1} (1 - d_j / r_j)`` over the
  distinct times, as ``numpy.cumprod`` did, stopped where it first reaches a quantile.

The functions are compiled on first use and cached beside this file (Numba's
``cache=True``), so a new process loads them instead of compiling them again. They
release the GIL, so :func:`roi.stats.bootstrap_sums` runs ranges of resamples on threads.
"""

from __future__ import annotations

import numpy as np
from numba import njit

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)
_S30, _S27, _S31 = np.uint64(30), np.uint64(27), np.uint64(31)
_LANE = np.uint64(16)
_CELL = np.uint64(0xFFFF)
#: A Kaplan-Meier resample's quantile that its curve never reaches (the time is ``inf``).
NEVER = -1
#: A Kaplan-Meier resample in which every weight is zero (it holds nothing: ``NaN``).
EMPTY = -2


@njit(cache=True, nogil=True, inline="always")
def _mix_one(z):
    z ^= z >> _S30
    z *= _MIX1
    z ^= z >> _S27
    z *= _MIX2
    z ^= z >> _S31
    return z


@njit(cache=True, nogil=True)
def mix(z: np.ndarray) -> np.ndarray:
    """SplitMix64's finaliser of each ``uint64`` value (``z ^= z >> 30; z *= 0xBF58476D1CE4E5B9;
    z ^= z >> 27; z *= 0x94D049BB133111EB; z ^= z >> 31``, modulo 2^64), in a new array."""
    out = np.empty_like(z)
    for i in range(z.shape[0]):
        out[i] = _mix_one(z[i])
    return out


@njit(cache=True, nogil=True, inline="always")
def _word(base, j):
    """The 64-bit word of resamples ``4j`` to ``4j + 3`` for a row whose seeded key mixes to ``base``."""
    return _mix_one(base + np.uint64(j + 1) * _GOLDEN)


@njit(cache=True, nogil=True, inline="always")
def _lane(word, b, table):
    return table[(word >> (_LANE * np.uint64(b % 4))) & _CELL]


@njit(cache=True, nogil=True)
def weights(keys: np.ndarray, seeded: np.uint64, start: int, stop: int, table: np.ndarray) -> np.ndarray:
    """Poisson weights of resamples ``start`` to ``stop - 1``: ``uint8``, shape ``(len(keys), stop - start)``.

    ``seeded`` is the mixed seed (``mix(seed)``); the weight of key ``k`` in resample b is
    ``table[lane b mod 4 of mix(mix(k ^ seeded) + (b div 4 + 1) · φ)]``.
    """
    n = keys.shape[0]
    out = np.empty((n, stop - start), dtype=np.uint8)
    for i in range(n):
        base = _mix_one(keys[i] ^ seeded)
        word = np.uint64(0)
        for b in range(start, stop):
            if b == start or b % 4 == 0:
                word = _word(base, b // 4)
            out[i, b - start] = _lane(word, b, table)
    return out


@njit(cache=True, nogil=True, inline="always")
def _row_products(keys, x, i, seeded, begin, end, table, weight_total, out, add):
    """Row i's weighted value ``w_bi x_i`` for resamples ``begin`` to ``end - 1`` into ``out``
    (with ``add``, added to it: ``out + row`` without writing ``row``), its weights added to
    ``weight_total``."""
    base = _mix_one(keys[i] ^ seeded)
    value = x[i]
    word = np.uint64(0)
    for b in range(begin, end):
        if b == begin or b % 4 == 0:
            word = _word(base, b // 4)
        w = _lane(word, b, table)
        weight_total[b - begin] += w
        if add:
            out[b - begin] += w * value
        else:
            out[b - begin] = w * value


@njit(cache=True, nogil=True)
def _block_sums(keys, x, lo, hi, seeded, begin, end, table, weight_total, lanes, out):
    """NumPy's ``pairwise_sum`` of rows ``lo`` to ``hi - 1`` (at most 128) for every resample at
    once, into ``out``: one by one under 8 rows, else eight running sums (``lanes``) combined
    as a tree, then the rest one by one."""
    n = hi - lo
    if n < 8:
        out[:] = 0.0
        for i in range(lo, hi):
            _row_products(keys, x, i, seeded, begin, end, table, weight_total, out, True)
        return
    for j in range(8):
        _row_products(keys, x, lo + j, seeded, begin, end, table, weight_total, lanes[j], False)
    i = lo + 8
    while i < hi - (n % 8):
        for j in range(8):
            _row_products(keys, x, i + j, seeded, begin, end, table, weight_total, lanes[j], True)
        i += 8
    out[:] = ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) + ((lanes[4] + lanes[5]) + (lanes[6] + lanes[7]))
    while i < hi:
        _row_products(keys, x, i, seeded, begin, end, table, weight_total, out, True)
        i += 1


@njit(cache=True, nogil=True)
def _pairwise_sums(keys, x, lo, hi, seeded, begin, end, table, weight_total, out):
    """Rows ``lo`` to ``hi - 1`` summed for every resample as NumPy sums the rows of a reduction
    (its ``pairwise_sum``): blocks of at most 128 rows (:func:`_block_sums`), and beyond that
    the two halves (cut at a multiple of 8) summed apart and added, left + right. The halving
    is walked with a stack (Numba caches no recursion)."""
    width = end - begin
    lanes = np.empty((8, width))
    frames = np.empty((64, 3), dtype=np.int64)  # lo, hi, halves pushed so far
    values = np.empty((64, width))
    top, held = 1, 0
    frames[0, 0], frames[0, 1], frames[0, 2] = lo, hi, 0
    while top > 0:
        f_lo, f_hi, pushed = frames[top - 1, 0], frames[top - 1, 1], frames[top - 1, 2]
        n = f_hi - f_lo
        if n <= 128:
            _block_sums(keys, x, f_lo, f_hi, seeded, begin, end, table, weight_total, lanes, values[held])
            held += 1
            top -= 1
            continue
        if pushed == 2:  # both halves summed
            values[held - 2] += values[held - 1]
            held -= 1
            top -= 1
            continue
        half = n // 2
        half -= half % 8
        frames[top - 1, 2] = pushed + 1
        frames[top, 0] = f_lo if pushed == 0 else f_lo + half
        frames[top, 1] = f_lo + half if pushed == 0 else f_hi
        frames[top, 2] = 0
        top += 1
    out[:] = values[0]


@njit(cache=True, nogil=True)
def add_piece_sums(keys, x, piece_start, piece_end, piece_group, seeded, begin, end, table, weight_sums, sums):
    """Add each piece's weights and weighted values to its group, resamples ``begin`` to ``end - 1``.

    Pieces are runs of rows of one group (``piece_start`` to ``piece_end - 1``), in order.
    For resample b, piece p adds ``Σ w_bi`` to ``weight_sums[g, b]`` and the sum of its
    ``w_bi x_i`` to ``sums[g, b]``, ``g = piece_group[p]``, added as ``numpy.add.reduceat``
    adds a piece along its rows: the first row's product, plus NumPy's pairwise sum of the
    others (:func:`_pairwise_sums`).
    """
    width = end - begin
    weight_total = np.zeros(width, dtype=np.int64)
    first = np.empty(width)
    rest = np.empty(width)
    for p in range(piece_start.shape[0]):
        lo, hi, g = piece_start[p], piece_end[p], piece_group[p]
        weight_total[:] = 0
        _row_products(keys, x, lo, seeded, begin, end, table, weight_total, first, False)
        if hi - lo > 1:
            _pairwise_sums(keys, x, lo + 1, hi, seeded, begin, end, table, weight_total, rest)
            first += rest
        for b in range(width):
            weight_sums[g, begin + b] += weight_total[b]
            sums[g, begin + b] += first[b]


@njit(cache=True, nogil=True, inline="always")
def _walk_two(w, a, b, total_a, total_b, r0, first, last, begin, answered, thresholds, out, g, done):
    """The Kaplan-Meier walk of :func:`km_group_positions` for the resamples in columns ``a`` and
    ``b`` of ``w`` (a group's weights, its rows from ``r0``; ``a == b`` for one resample) over
    the distinct times ``first`` to ``last - 1``, into ``out[g, done + a]`` and ``out[g, done + b]``;
    ``total_a`` and ``total_b`` are their columns' sums.

    Two resamples walk side by side so that the processor works on two independent chains of
    divisions and products at once; each curve is the same product, in the same order, as
    walking it alone, and the walk stops when both have reached every threshold.
    """
    n_q = thresholds.shape[0]
    two = b != a
    if total_a == 0:  # every weight zero: the resample holds nothing
        out[g, done + a, :] = EMPTY
    if two and total_b == 0:
        out[g, done + b, :] = EMPTY
    left_a = n_q if total_a > 0 else 0
    left_b = n_q if two and total_b > 0 else 0
    before_a, before_b = 0, 0
    survival_a, survival_b = 1.0, 1.0
    for j in range(first, last):
        if left_a + left_b == 0:
            break
        censored_a, censored_b, events_a, events_b = 0, 0, 0, 0
        for k in range(begin[j] - r0, answered[j] - r0):
            censored_a += w[k, a]
            censored_b += w[k, b]
        for k in range(answered[j] - r0, begin[j + 1] - r0):
            events_a += w[k, a]
            events_b += w[k, b]
        at_risk_a, at_risk_b = total_a - before_a, total_b - before_b
        survival_a = survival_a * (1 - (events_a / at_risk_a if at_risk_a > 0 else 0.0))
        survival_b = survival_b * (1 - (events_b / at_risk_b if at_risk_b > 0 else 0.0))
        before_a += censored_a + events_a
        before_b += censored_b + events_b
        if left_a > 0:
            for q in range(n_q):
                if out[g, done + a, q] == NEVER and survival_a <= thresholds[q]:
                    out[g, done + a, q] = j
                    left_a -= 1
        if left_b > 0:
            for q in range(n_q):
                if out[g, done + b, q] == NEVER and survival_b <= thresholds[q]:
                    out[g, done + b, q] = j
                    left_b -= 1


@njit(cache=True, nogil=True)
def km_group_positions(keys, seeded, table, group_rows, group_times, begin, answered, thresholds, n_resamples,
                       chunk_weights, chunk):
    """Per group, resample and quantile, the distinct time where the resample's weighted
    Kaplan-Meier curve first reaches ``S <= threshold``: its position, :data:`NEVER` or :data:`EMPTY`.

    Rows are sorted by group, then time, the censored before the answered of the same time;
    group g holds rows ``group_rows[g]`` to ``group_rows[g + 1] - 1`` and distinct times
    ``group_times[g]`` to ``group_times[g + 1] - 1``; distinct time j holds rows ``begin[j]``
    to ``begin[j + 1] - 1``, its answered ones from ``answered[j]``. Row i weighs its Poisson
    weight (``keys[i]``, as :func:`weights`). At time j, ``r_j`` is the group's total weight
    minus the weight of its earlier times and ``d_j`` the weight of its answers;
    ``S_j = S_{j-1} (1 - d_j / r_j)`` (a hazard of 0 where ``r_j = 0``). A group's weights
    are drawn ``chunk`` resamples at a time, or (``chunk`` 0) as many as fit in
    ``chunk_weights`` (at least one).

    Returns an ``int64`` array of shape ``(groups, n_resamples, len(thresholds))``.
    """
    n_groups = group_rows.shape[0] - 1
    n_q = thresholds.shape[0]
    out = np.full((n_groups, n_resamples, n_q), NEVER, dtype=np.int64)
    largest = 0
    for g in range(n_groups):
        largest = max(largest, group_rows[g + 1] - group_rows[g])
    buffer = np.empty(largest * chunk if chunk > 0 else max(chunk_weights, largest), dtype=np.uint8)
    totals = np.zeros(n_resamples, dtype=np.int64)
    for g in range(n_groups):
        r0, size = group_rows[g], group_rows[g + 1] - group_rows[g]
        if size == 0:
            continue
        at_once = chunk if chunk > 0 else max(1, min(n_resamples, chunk_weights // size))
        for done in range(0, n_resamples, at_once):
            width = min(at_once, n_resamples - done)
            w = buffer[:size * width].reshape((size, width))
            for i in range(size):
                base = _mix_one(keys[r0 + i] ^ seeded)
                word = np.uint64(0)
                for b in range(done, done + width):
                    if b == done or b % 4 == 0:
                        word = _word(base, b // 4)
                    w[i, b - done] = _lane(word, b, table)
            totals[:width] = 0
            for i in range(size):
                for b in range(width):
                    totals[b] += w[i, b]
            for a in range(0, width, 2):
                b = min(a + 1, width - 1)
                _walk_two(w, a, b, totals[a], totals[b], r0, group_times[g], group_times[g + 1], begin, answered,
                          thresholds, out, g, done)
    return out


# --- SipHash-2-4 of texts (Aumasson and Bernstein, 2012), as pandas.util.hash_array computes it ------

_SIP_V0 = np.uint64(0x736F6D6570736575)  # "somepseudorandomlygeneratedbytes"
_SIP_V1 = np.uint64(0x646F72616E646F6D)
_SIP_V2 = np.uint64(0x6C7967656E657261)
_SIP_V3 = np.uint64(0x7465646279746573)
#: pandas' hash key, "0123456789123456", as two little-endian 64-bit words.
_SIP_K0 = np.uint64(int.from_bytes(b"01234567", "little"))
_SIP_K1 = np.uint64(int.from_bytes(b"89123456", "little"))
_FF = np.uint64(0xFF)


@njit(cache=True, nogil=True, inline="always")
def _rotl(x, bits):
    return (x << np.uint64(bits)) | (x >> np.uint64(64 - bits))


@njit(cache=True, nogil=True, inline="always")
def _sip_rounds(v0, v1, v2, v3, rounds):
    for _ in range(rounds):
        v0 += v1
        v1 = _rotl(v1, 13)
        v1 ^= v0
        v0 = _rotl(v0, 32)
        v2 += v3
        v3 = _rotl(v3, 16)
        v3 ^= v2
        v0 += v3
        v3 = _rotl(v3, 21)
        v3 ^= v0
        v2 += v1
        v1 = _rotl(v1, 17)
        v1 ^= v2
        v2 = _rotl(v2, 32)
    return v0, v1, v2, v3


@njit(cache=True, nogil=True)
def text_hashes(data: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """``pandas.util.hash_array`` of texts given as UTF-8 bytes: text i is ``data[starts[i]:ends[i]]``.

    SipHash-2-4 with pandas' key (two compression rounds per 8-byte word read little-endian,
    the length's low byte in the last word, four finalisation rounds), then SplitMix64's
    finaliser, as pandas spreads its object hashes: the same 64 bits for the same text.
    """
    out = np.empty(starts.shape[0], dtype=np.uint64)
    for i in range(starts.shape[0]):
        lo, length = starts[i], ends[i] - starts[i]
        v0, v1, v2, v3 = _SIP_V0 ^ _SIP_K0, _SIP_V1 ^ _SIP_K1, _SIP_V2 ^ _SIP_K0, _SIP_V3 ^ _SIP_K1
        words_end = lo + length - length % 8
        p = lo
        while p < words_end:
            m = np.uint64(0)
            for j in range(8):
                m |= np.uint64(data[p + j]) << np.uint64(8 * j)
            v3 ^= m
            v0, v1, v2, v3 = _sip_rounds(v0, v1, v2, v3, 2)
            v0 ^= m
            p += 8
        last = np.uint64(length) << np.uint64(56)
        for j in range(length % 8):
            last |= np.uint64(data[p + j]) << np.uint64(8 * j)
        v3 ^= last
        v0, v1, v2, v3 = _sip_rounds(v0, v1, v2, v3, 2)
        v0 ^= last
        v2 ^= _FF
        v0, v1, v2, v3 = _sip_rounds(v0, v1, v2, v3, 4)
        out[i] = _mix_one(v0 ^ v1 ^ v2 ^ v3)
    return out


@njit(cache=True, nogil=True)
def km_group_points(group_times, events, at_time, times, thresholds, targets):
    """Every group's Kaplan-Meier curve from its counts per distinct time, read at quantiles and times.

    Group g holds distinct times ``group_times[g]`` to ``group_times[g + 1] - 1`` (``times``,
    increasing within a group), with ``events`` answers and ``at_time`` observations
    (answers and censorings) at each. ``S_j = S_{j-1} (r_j - d_j) / r_j`` with ``r_j`` the
    group's observations minus those of its earlier times: the arithmetic of
    :class:`roi.stats.KaplanMeierCounts` (``numpy.cumprod`` of the factors), factor by factor.

    Returns ``(positions, survival)``: per group and threshold, the first distinct time where
    ``S <= threshold`` (:data:`NEVER` if none); per group and target, S at the target (its
    value at the last time at or before it, 1 before the first).
    """
    n_groups = group_times.shape[0] - 1
    positions = np.full((n_groups, thresholds.shape[0]), NEVER, dtype=np.int64)
    survival_at = np.ones((n_groups, targets.shape[0]))
    for g in range(n_groups):
        first, end = group_times[g], group_times[g + 1]
        n = 0
        for j in range(first, end):
            n += at_time[j]
        before = 0
        survival = 1.0
        for j in range(first, end):
            at_risk = n - before
            factor = (at_risk - events[j]) / at_risk
            survival = factor if j == first else survival * factor
            before += at_time[j]
            for q in range(thresholds.shape[0]):
                if positions[g, q] == NEVER and survival <= thresholds[q]:
                    positions[g, q] = j
            for k in range(targets.shape[0]):
                if times[j] <= targets[k]:
                    survival_at[g, k] = survival
    return positions, survival_at


@njit(cache=True, nogil=True)
def _numpy_sum(x, lo, n):
    """``numpy.sum(x[lo:lo + n])`` of a contiguous float64 slice, bit for bit: NumPy's pairwise
    summation (one running sum below 8 values, eight running sums up to 128, halves cut at a
    multiple of 8 above)."""
    if n < 8:
        total = 0.0
        for i in range(n):
            total += x[lo + i]
        return total
    if n <= 128:
        r0, r1, r2, r3 = x[lo], x[lo + 1], x[lo + 2], x[lo + 3]
        r4, r5, r6, r7 = x[lo + 4], x[lo + 5], x[lo + 6], x[lo + 7]
        i = 8
        while i < n - n % 8:
            r0 += x[lo + i]
            r1 += x[lo + i + 1]
            r2 += x[lo + i + 2]
            r3 += x[lo + i + 3]
            r4 += x[lo + i + 4]
            r5 += x[lo + i + 5]
            r6 += x[lo + i + 6]
            r7 += x[lo + i + 7]
            i += 8
        total = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
        while i < n:
            total += x[lo + i]
            i += 1
        return total
    half = n // 2
    half -= half % 8
    return _numpy_sum(x, lo, half) + _numpy_sum(x, lo + half, n - half)


@njit(cache=True, nogil=True)
def slice_sums(x, starts, ends):
    """``numpy.sum(x[starts[k]:ends[k]])`` for every k, bit for bit: :func:`_numpy_sum` added to
    NumPy's starting 0.0 (so that a sum of negative zeros is +0.0, as NumPy's)."""
    out = np.zeros(starts.shape[0])
    for k in range(starts.shape[0]):
        out[k] = 0.0 + _numpy_sum(x, starts[k], ends[k] - starts[k])
    return out
