"""Shared fixtures. ``shared_data`` points at the real third-party exports beside the
project; tests that need it skip only when it is absent *and* CI is unset."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"
SAMPLES = ROOT / "data" / "samples"


@pytest.fixture(scope="session", autouse=True)
def _prepared_tables_of_this_run(tmp_path_factory):
    """The tables roi keeps on disk between processes (:mod:`roi.prepared`) go to a folder of this
    run, inherited by the processes the tests start, not to the user's cache."""
    from roi.prepared import CACHE_ENV

    previous = os.environ.get(CACHE_ENV)
    os.environ[CACHE_ENV] = str(tmp_path_factory.mktemp("prepared"))
    yield
    if previous is None:
        os.environ.pop(CACHE_ENV, None)
    else:
        os.environ[CACHE_ENV] = previous


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"CI needs the shared data folder beside the project ({SHARED_DATA.name})")
        pytest.skip("shared data folder not present (allowed outside CI only)")
    return SHARED_DATA


@pytest.fixture(scope="session")
def samples() -> Path:
    return SAMPLES


@pytest.fixture
def score_small_groups(monkeypatch):
    """Hand-worked tables have a few messages per group: let the index score them (``[index] min_n = 1``)."""
    import roi.config

    monkeypatch.setattr(roi.config, "DEFAULT_MIN_N", 1)
