"""``roi.indicators`` on the sample year equals the frozen reference, exactly, column by column.

The reference (``tests/fixtures/indicators/``) was written by ``python
scripts/freeze_indicators.py`` from the code *before* the pipeline was restructured for
speed (shared threads, one text pass, mergeable estimators), with the default bootstrap
seed 0: it is the independent computation every later version must reproduce. A
difference here means a figure changed; regenerate the reference only when a definition
changes on purpose.

It was regenerated once since, when the bootstrap became a Poisson bootstrap with
per-row weights (:func:`roi.stats.poisson_weights`): every point estimate stayed as
frozen before, and only the bootstrap interval columns changed. The intervals of the
earlier, multinomial bootstrap are kept in ``multinomial_intervals.csv``, and
:func:`test_poisson_intervals_agree_with_the_multinomial_ones` checks that the two
bootstraps give intervals of the same width.

It was regenerated a second time when the polarity and hostility models were refitted
with accents written as combining marks composed (models 2026.12.3): only the
columns that read polarity changed (the follow-ups' polarity mean and shift with their
intervals, hence the satisfaction score and the index in six rows, and their
contributions); every other column, hostility's included, stayed as frozen.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import roi

FROZEN = Path(__file__).parent / "fixtures" / "indicators"


@pytest.fixture(scope="module")
def result(samples):
    config = roi.load_config(samples / "roi.toml")
    loaded = roi.load(sorted(p for p in samples.iterdir() if p.suffix != ".toml"), config=config)
    return roi.indicators(loaded.messages, config, surveys=loaded.surveys)


def _frozen(name: str) -> tuple[pd.DataFrame, dict[str, str]]:
    dtypes = json.loads((FROZEN / "dtypes.json").read_text())[name]
    frame = pd.read_csv(FROZEN / f"{name}.csv", keep_default_na=False, na_values=[""], dtype=str)
    return frame, dtypes


def _assert_same(live: pd.DataFrame, name: str) -> None:
    frozen, dtypes = _frozen(name)
    assert list(live.columns) == list(frozen.columns)
    assert {c: str(t) for c, t in live.dtypes.items()} == dtypes
    assert len(live) == len(frozen)
    for column in live.columns:
        if pd.api.types.is_float_dtype(live[column].dtype):
            # repr-written floats read back to the same double; NaN and inf included
            expected = frozen[column].astype(float).to_numpy()
            assert np.array_equal(live[column].to_numpy(dtype=float), expected, equal_nan=True), column
        else:
            written = pd.read_csv(io.StringIO(live[[column]].to_csv(index=False)), keep_default_na=False,
                                  na_values=[""], dtype=str)[column]
            assert written.fillna("<NA>").tolist() == frozen[column].fillna("<NA>").tolist(), column


def test_table_equals_the_frozen_reference(result):
    _assert_same(result.table, "table")


def test_contributions_equal_the_frozen_reference(result):
    _assert_same(result.contributions, "contributions")


def test_the_reference_is_not_trivial():
    # the comparison means something only if the reference holds figures of every family
    frozen, _ = _frozen("table")
    assert len(frozen) == 76
    for column in ("roi_index", "speed_frt_median_minutes_ci_low", "empathy_mean_ci_high",
                   "satisfaction_followup_polarity_mean", "transparency_open311_status_median_hours_ci_low"):
        assert frozen[column].notna().sum() > 5, column


def test_poisson_intervals_agree_with_the_multinomial_ones(result):
    # The widths of the Poisson bootstrap's intervals against those of the multinomial bootstrap
    # frozen before (same groups, same seed 0): per interval, the median over the groups of the
    # relative difference of widths is within 10%. For scale, two multinomial runs with seeds 0 and 1
    # differ by a median 2-5% in absolute value per group (15% for the twelve Open311 medians); the
    # Poisson widths of small groups' means are a few percent wider (the number of rows a resample
    # holds varies, Poisson(n)), hence the signed median, not each group.
    old = pd.read_csv(FROZEN / "multinomial_intervals.csv", keep_default_na=False, na_values=[""])
    live = result.table.astype({"account": str, "channel": str, "period": str})
    merged = old.merge(live, on=["account", "channel", "period"], suffixes=("_old", ""), validate="1:1")
    assert len(merged) == len(old) == len(live)
    lows = [c for c in old.columns if c.endswith("_ci_low")]
    assert len(lows) == 8
    for low in lows:
        high = low.removesuffix("_low") + "_high"
        before = merged[f"{high}_old"].astype(float) - merged[f"{low}_old"].astype(float)
        after = merged[high].astype(float) - merged[low].astype(float)
        both = np.isfinite(before) & np.isfinite(after) & (before > 0)
        assert both.sum() >= 10, low
        relative = ((after - before) / before)[both]
        assert abs(relative.median()) <= 0.10, (low, relative.median())
        # a zero width (one value) or a NaN (no value) stays so; the polarity model was refitted after these
        # intervals were frozen (2026.12.3), so a group whose follow-ups had one polarity value may now have two
        if "polarity" not in low:
            assert ((before == 0) == (after == 0)).all(), low
        assert (before.isna() == after.isna()).all(), low
