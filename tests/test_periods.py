import numpy as np
import pandas as pd
import pytest

from roi.errors import RoiError
from roi.periods import combined_codes, first_of_each, parse_period, period_bounds, period_labels


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


def test_first_of_each_numbers_combinations_as_a_groupby_does_missing_values_included():
    """The reference is pandas' own groupby(sort=False, dropna=False).ngroup() on the same columns."""
    rng = np.random.default_rng(7)
    words = np.array(["hola", "adéu", "hello", None, "bon dia"], dtype=object)
    text = words[rng.integers(0, len(words), 2_000)]
    lang = pd.array(np.array(["es", "ca", None], dtype=object)[rng.integers(0, 3, 2_000)], dtype="string")
    number = rng.integers(0, 4, 2_000).astype(float)
    number[rng.random(2_000) < 0.1] = np.nan
    frame = pd.DataFrame({"a": text, "b": lang, "c": number})
    expected = frame.groupby(["a", "b", "c"], sort=False, dropna=False).ngroup().to_numpy()
    code, first = first_of_each(text, pd.Series(lang), number)
    np.testing.assert_array_equal(code, expected)
    np.testing.assert_array_equal(first, [np.flatnonzero(expected == k)[0] for k in range(expected.max() + 1)])


def test_combined_codes_renumber_before_they_pass_64_bits():
    """Four columns of 2**20 values each would need 80 bits: the partial codes are renumbered on the way."""
    rng = np.random.default_rng(3)
    columns = [rng.integers(0, 2**20, 500) for _ in range(4)]
    code = combined_codes(*((c, 2**20) for c in columns))
    reference = pd.DataFrame(dict(enumerate(columns))).groupby([0, 1, 2, 3], sort=False).ngroup().to_numpy()
    np.testing.assert_array_equal(code, reference)


@pytest.mark.parametrize(("freq", "code"), [("month", "M"), ("quarter", "Q"), ("year", "Y")])
def test_period_labels_equal_each_row_s_own_period_written_out(freq, code):
    """The labels are written once per distinct period; the reference writes every row's own."""
    rng = np.random.default_rng(11)
    instants = pd.Series(pd.to_datetime(rng.integers(1.6e9, 1.8e9, 3_000), unit="s", utc=True))
    instants[rng.random(3_000) < 0.05] = pd.NaT
    local = instants.dt.tz_convert("Atlantic/Canary").dt.tz_localize(None).dt.to_period(code).astype("string")
    expected = local.str.replace("Q", "-Q", regex=False) if freq == "quarter" else local
    pd.testing.assert_series_equal(period_labels(instants, freq, "Atlantic/Canary"), expected)


def test_as_text_equals_astype_string_for_categories_with_gaps_missing_values_and_plain_text():
    from roi.columns import as_text

    channel = pd.Series(pd.Categorical(["web", None, "email", "web", "open311"],
                                       categories=["twitter", "web", "email", "open311"]), index=[4, 2, 9, 7, 1],
                        name="channel")
    pd.testing.assert_series_equal(as_text(channel), channel.astype("string"))  # the reference: pandas' own
    plain = pd.Series(["a", None, "b"], dtype="string")
    pd.testing.assert_series_equal(as_text(plain), plain.astype("string"))
    empty = pd.Series(pd.Categorical([], categories=["web"]), dtype="category")
    pd.testing.assert_series_equal(as_text(empty), empty.astype("string"))


def test_text_isin_equals_pandas_isin_on_arrow_text_other_dtypes_and_missing_values():
    from roi.columns import text_isin

    ids = pd.Series(["t1", None, "t3", "t1", "é2"], dtype="string[pyarrow]")
    wanted = pd.Series(["t1", None, "é2", "zz"], dtype="object")
    expected = ids.isin(wanted.dropna()).to_numpy(dtype=bool)  # the reference: pandas' own
    assert text_isin(ids, wanted).tolist() == expected.tolist() == [True, False, False, True, True]
    assert text_isin(ids, []).tolist() == [False] * 5
    plain = pd.Series(["t1", "t2"], dtype=object)  # not Arrow text: through pandas
    assert text_isin(plain, ["t2"]).tolist() == [False, True]
