"""``roi.indicators`` on the sample year equals the frozen reference, exactly, column by column.

The reference (``tests/fixtures/indicators/``) was written by ``python
scripts/freeze_indicators.py`` from the code *before* the pipeline was restructured for
speed (shared threads, one text pass, mergeable estimators), with the default bootstrap
seed 0: it is the independent computation every later version must reproduce. A
difference here means a figure changed; regenerate the reference only when a definition
changes on purpose.
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
