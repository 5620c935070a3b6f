import pandas as pd
import pytest

from roi.errors import RoiError
from roi.periods import parse_period, period_bounds, period_labels


def test_periods_are_cut_in_local_time():
    instants = pd.Series(pd.to_datetime(["2026-09-30T22:30Z", "2026-06-30T21:59Z", "2026-12-31T23:00Z"]))
    # 22:30 UTC on 30 Sep is 00:30 on 1 Oct in Madrid (CEST, +2); 23:00 UTC on 31 Dec is 00:00 on 1 Jan (CET, +1)
    assert period_labels(instants, "month", "Europe/Madrid").tolist() == ["2026-10", "2026-06", "2027-01"]
    assert period_labels(instants, "quarter", "Europe/Madrid").tolist() == ["2026-Q4", "2026-Q2", "2027-Q1"]


def test_bounds_are_local_midnights_in_utc():
    start, end = period_bounds(pd.Series(["2026-10"]), "month", "Europe/Madrid")
    # 1 Oct 00:00 CEST = 30 Sep 22:00 UTC; 1 Nov 00:00 CET = 31 Oct 23:00 UTC (DST ended on 25 Oct)
    assert start.iloc[0] == pd.Timestamp("2026-09-30 22:00", tz="UTC")
    assert end.iloc[0] == pd.Timestamp("2026-10-31 23:00", tz="UTC")
    start, end = period_bounds(pd.Series(["2026-Q1"]), "quarter", "Europe/Madrid")
    assert (start.iloc[0], end.iloc[0]) == (pd.Timestamp("2025-12-31 23:00", tz="UTC"),
                                            pd.Timestamp("2026-03-31 22:00", tz="UTC"))


def test_parse_period():
    assert parse_period("2026-10") == ("2026-10", "month")
    assert parse_period("2026-Q3") == ("2026-Q3", "quarter")
    assert parse_period("2026") == ("2026", "year")
    with pytest.raises(RoiError, match="2026-13"):
        parse_period("2026-13")
