"""Business time: ``BusinessCalendar.business_seconds`` on N random pairs of instants.

Usage: python bench/business_time.py --pairs 1000000

Draws N message times uniformly over two years (2025-2026, Europe/Madrid, Comunidad de
Madrid holidays, Monday-Friday 09:00-14:00 plus Thursday 16:00-19:00) and answer times a
log-normal delay later (median 1 day, capped at 60 days, 1 % NaT), then times building the
calendar and measuring every pair, and prints the process's peak resident memory (VmHWM)
before and after.
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd
from memory import peak_mib

from roi.calendar import BusinessCalendar
from roi.config import Config


def pairs(n: int, seed: int = 1) -> tuple[pd.Series, pd.Series]:
    rng = np.random.default_rng(seed)
    first, last = pd.Timestamp("2025-01-01", tz="UTC"), pd.Timestamp("2027-01-01", tz="UTC")
    start = first.value + rng.integers(0, last.value - first.value, n)
    delay = (rng.lognormal(np.log(86400), 1.5, n) * 10**9).astype(np.int64)
    end = start + np.minimum(delay, 60 * 86400 * 10**9)  # at most 60 days
    end[rng.random(n) < 0.01] = np.iinfo(np.int64).min  # NaT: unanswered
    as_series = [pd.Series(pd.DatetimeIndex(v.view("datetime64[ns]")).tz_localize("UTC")) for v in (start, end)]
    return as_series[0], as_series[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3, help="time the measurement this many times, report the best")
    args = parser.parse_args()
    config = Config(timezone="Europe/Madrid", holiday_subdivision="MD",
                    office_hours={"monday": ("09:00", "14:00"), "tuesday": ("09:00", "14:00"),
                                  "wednesday": ("09:00", "14:00"), "thursday": (("09:00", "14:00"), ("16:00", "19:00")),
                                  "friday": ("09:00", "14:00")})
    start, end = pairs(args.pairs)
    before = peak_mib()
    print(f"{args.pairs:,} pairs generated; peak memory so far {before:.0f} MiB", flush=True)
    t = time.perf_counter()
    calendar = BusinessCalendar.from_config(config, start.min(), end.max())
    build = time.perf_counter() - t
    best = float("inf")
    for _ in range(args.repeat):
        t = time.perf_counter()
        seconds = calendar.business_seconds(start, end)
        best = min(best, time.perf_counter() - t)
    print(f"calendar: {calendar!r} built in {build * 1000:.0f} ms")
    print(f"business_seconds: {args.pairs:,} pairs in {best:.3f} s = {args.pairs / best:,.0f} pairs/s "
          f"(best of {args.repeat}); median {np.nanmedian(seconds) / 3600:.2f} business hours, "
          f"{np.isnan(seconds).sum():,} NaN")
    print(f"peak memory {peak_mib():.0f} MiB ({peak_mib() - before:+.0f} MiB over the generated input)")


if __name__ == "__main__":
    main()
