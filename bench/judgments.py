"""All text judgments together (courtesy, polarity, hostility, the three EPITOME mechanisms)
on N messages: messages per second on one core and peak memory of ``roi.models.judge``.

Usage: python bench/judgments.py --messages 1000000 [--texts real]

The messages are those of ``bench/text_markers.py`` (generated service texts in five
languages, 10% without ``lang``; or ``--texts real``, the shared folder's real texts).
One call scores every judgment from one pass over the words. Target: at least 100,000
messages per second on one core; the CPU figure (``time.process_time``) is the one to read
on a machine that other jobs share.
"""

from __future__ import annotations

import argparse
import time

from memory import peak_mib
from text_markers import generate, real

from roi.models import JUDGMENTS, judge
from roi.text.language import resolve


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=1_000_000)
    parser.add_argument("--texts", choices=("generated", "real"), default="generated")
    args = parser.parse_args()
    table = generate(args.messages) if args.texts == "generated" else real(args.messages)
    lang = resolve(table["text"], table["lang"], "es")
    judge(table["text"].iloc[:100], lang.iloc[:100].to_numpy(dtype=object))  # load the models
    start, cpu = time.perf_counter(), time.process_time()
    out = judge(table["text"], lang.to_numpy(dtype=object))
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(f"messages: {len(table):,} ({args.texts}); judgments: {', '.join(JUDGMENTS)}")
    print(f"seconds: {seconds:.2f} wall, {cpu:.2f} CPU")
    print(f"messages per second: {len(table) / seconds:,.0f} wall, {len(table) / cpu:,.0f} CPU (one core)")
    print(f"mean courtesy: {out['courtesy'].mean():.1f}; share hostile (> 0.5): {(out['hostility'] > 0.5).mean():.3f}")
    print(f"peak memory: {peak_mib():,.0f} MiB")


if __name__ == "__main__":
    main()
