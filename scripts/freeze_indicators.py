"""Freeze ``roi.indicators`` on the bundled sample year into a test fixture.

Usage (from the project root):

    python scripts/freeze_indicators.py [--out tests/fixtures/indicators]

It loads every file of ``data/samples/`` with ``data/samples/roi.toml``, runs
``roi.indicators`` with its defaults (bootstrap seed 0) and writes ``table.csv`` (the tidy
table: one row per account x channel x period) and ``contributions.csv`` (the index
decomposition), floats written as Python writes them (the shortest text that reads back
as the same number), and ``dtypes.json`` (each column's dtype).
``tests/test_frozen_indicators.py`` compares a new run with them column by column,
exactly.

Run it only when a definition changes on purpose (a lexicon, a formula, a default),
and say so in the commit: a refactor that is meant to keep every figure must leave these
files unchanged.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pandas as pd

import roi
from roi.indicators import Indicators

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "samples"
DEFAULT_OUT = ROOT / "tests" / "fixtures" / "indicators"


def sample_indicators(samples: Path = SAMPLES) -> Indicators:
    """``roi.indicators`` of the sample year, with the defaults the fixture is frozen with."""
    config = roi.load_config(samples / "roi.toml")
    loaded = roi.load(sorted(p for p in samples.iterdir() if p.suffix != ".toml"), config=config)
    return roi.indicators(loaded.messages, config, surveys=loaded.surveys)


def frozen_tables(result) -> dict[str, pd.DataFrame]:
    """The frames that are frozen: the tidy table and the contributions."""
    return {"table": result.table, "contributions": result.contributions}


def to_csv_text(frame: pd.DataFrame) -> str:
    """A frame as CSV; floats as ``repr`` writes them, so reading them back gives the same numbers."""
    return frame.to_csv(index=False, lineterminator="\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    dtypes = {}
    for name, frame in frozen_tables(sample_indicators()).items():
        path = args.out / f"{name}.csv"
        path.write_text(to_csv_text(frame))
        dtypes[name] = {column: str(dtype) for column, dtype in frame.dtypes.items()}
        print(f"{path.name}: {len(frame)} rows x {frame.shape[1]} columns")
    (args.out / "dtypes.json").write_text(json.dumps(dtypes, indent=1) + "\n")


if __name__ == "__main__":
    main()
