"""Business time on the administration's calendar.

Expected values are worked out by hand from the office hours, the dates' weekdays and the
Europe/Madrid offsets (CET = UTC+1, CEST = UTC+2; in 2025 summer time starts on Sunday 30
March at 02:00 and ends on Sunday 26 October at 03:00); each test says how. The random test
compares with an independent minute-by-minute count.
"""

from __future__ import annotations

import datetime as dt

import holidays
import numpy as np
import pandas as pd
import pytest

from roi.calendar import BusinessCalendar, business_seconds, closed_days, office_spans
from roi.config import Config, config_from_dict
from roi.errors import ConfigError, RoiError

TZ = "Europe/Madrid"
WEEK = {day: ("09:00", "14:00") for day in ("monday", "tuesday", "wednesday", "thursday", "friday")}


def madrid(text: str) -> pd.Timestamp:
    return pd.Timestamp(text, tz=TZ)


def utc(text: str) -> pd.Timestamp:
    return pd.Timestamp(text, tz="UTC")


def calendar(start="2025-01-01", end="2025-12-31", **kwargs) -> BusinessCalendar:
    kwargs.setdefault("office_hours", WEEK)
    return BusinessCalendar.from_config(Config(timezone=TZ, **kwargs), start, end)


def minutes(cal: BusinessCalendar, start: str, end: str) -> float:
    return float(cal.business_seconds([madrid(start)], [madrid(end)])[0]) / 60


def test_friday_afternoon_to_monday_morning():
    cal = calendar()
    # by hand: Friday 13:30-14:00 (30 min) + Monday 09:00-09:30 (30 min) = 60 business minutes
    assert minutes(cal, "2025-03-07 13:30", "2025-03-10 09:30") == 60
    # by hand: Friday 22:00 is after closing, so only Monday 09:00-09:30 counts = 30 minutes
    assert minutes(cal, "2025-03-07 22:00", "2025-03-10 09:30") == 30
    # by hand: Saturday to Sunday, office closed all weekend = 0
    assert minutes(cal, "2025-03-08 10:00", "2025-03-09 12:00") == 0


def test_seconds_are_exact():
    cal = calendar()
    # by hand: Friday 13:59:59.5 -> 14:00 is 0.5 s, Monday 09:00 -> 09:00:00.25 is 0.25 s: 0.75 s
    assert cal.business_seconds([madrid("2025-03-07 13:59:59.5")], [madrid("2025-03-10 09:00:00.25")])[0] == 0.75
    # by hand: Monday 09:00:01 -> Tuesday 13:59:59 = (5 h - 1 s) + (5 h - 1 s) = 35,998 s
    assert cal.business_seconds([madrid("2025-03-10 09:00:01")], [madrid("2025-03-11 13:59:59")])[0] == 35_998


def test_madrid_day_is_a_holiday_in_madrid_not_in_catalonia():
    # the holidays package itself: 2 May 2025 (a Friday) is Madrid Day in MD and nothing in CT
    assert dt.date(2025, 5, 2).weekday() == 4
    assert dt.date(2025, 5, 2) in holidays.country_holidays("ES", subdiv="MD", years=2025)
    assert dt.date(2025, 5, 2) not in holidays.country_holidays("ES", subdiv="CT", years=2025)
    md = calendar(holiday_subdivision="MD")
    ct = calendar(holiday_subdivision="CT")
    # by hand, Friday 2 May 10:00 -> Monday 5 May 10:00:
    # MD: Friday closed, Monday 09:00-10:00 = 60 min; CT: Friday 10:00-14:00 (240) + Monday 60 = 300 min
    assert minutes(md, "2025-05-02 10:00", "2025-05-05 10:00") == 60
    assert minutes(ct, "2025-05-02 10:00", "2025-05-05 10:00") == 300
    # by hand: within 2 May itself, MD counts nothing, CT the 5 office hours
    assert minutes(md, "2025-05-02 00:00", "2025-05-03 00:00") == 0
    assert minutes(ct, "2025-05-02 00:00", "2025-05-03 00:00") == 300
    assert md.holidays[dt.date(2025, 5, 2)] == "Madrid Day" and dt.date(2025, 5, 2) not in ct.holidays


def test_national_holiday_applies_everywhere():
    cal = calendar()
    # by hand: 1 May 2025 (Thursday, Labour Day) is closed; Wed 13:00 -> Fri 10:00 = 60 + 0 + 60 = 120 min
    assert minutes(cal, "2025-04-30 13:00", "2025-05-02 10:00") == 120


@pytest.mark.parametrize(
    ("friday", "monday", "monday_opening_utc"),
    [
        # March: Friday is CET (UTC+1), Monday CEST (UTC+2), so Monday 09:00 local is 07:00 UTC
        ("2025-03-28", "2025-03-31", "2025-03-31 07:00"),
        # October: Friday is CEST, Monday CET, so Monday 09:00 local is 08:00 UTC
        ("2025-10-24", "2025-10-27", "2025-10-27 08:00"),
    ],
)
def test_dst_weekends_with_a_weekday_office(friday, monday, monday_opening_utc):
    cal = calendar()
    # by hand: Friday 13:00-14:00 (60 min) + Monday 09:00-10:00 (60 min) = 120 min, whatever the offsets
    assert minutes(cal, f"{friday} 13:00", f"{monday} 10:00") == 120
    # by hand: a full office day either side of the change is 5 h = 300 min
    assert minutes(cal, f"{friday} 00:00", f"{friday} 23:59") == 300
    assert minutes(cal, f"{monday} 00:00", f"{monday} 23:59") == 300
    saturday = madrid(f"{friday} 12:00") + pd.Timedelta(days=1)
    assert cal.next_opening([saturday])[0] == utc(monday_opening_utc)


def test_sunday_span_across_the_dst_changes():
    sunday_night = {"sunday": ("00:00", "04:00")}
    cal = calendar(office_hours=sunday_night)
    # by hand: 30 March 2025, 00:00 CET -> 04:00 CEST; 02:00-03:00 does not exist: 3 h of office time
    assert minutes(cal, "2025-03-29 12:00", "2025-03-30 12:00") == 180
    # by hand: 26 October 2025, 00:00 CEST -> 04:00 CET; 02:00-03:00 happens twice: 5 h of office time
    assert minutes(cal, "2025-10-25 12:00", "2025-10-26 12:00") == 300
    # by hand: an ordinary Sunday, 4 h
    assert minutes(cal, "2025-06-14 12:00", "2025-06-15 12:00") == 240
    # by hand: 22:00 UTC Saturday is 00:00 CEST, 03:00 UTC Sunday is 04:00 CET in October: 5 h between them
    spans = cal.to_frame().set_index("local_date")
    assert spans.loc[dt.date(2025, 10, 26), "opens"] == utc("2025-10-25 22:00")
    assert spans.loc[dt.date(2025, 10, 26), "closes"] == utc("2025-10-26 03:00")
    assert spans.loc[dt.date(2025, 10, 26), "office_seconds"] == 5 * 3600
    # by hand: 23:00 UTC Saturday is 00:00 CET, 02:00 UTC Sunday is 04:00 CEST in March: 3 h
    assert spans.loc[dt.date(2025, 3, 30), "office_seconds"] == 3 * 3600
    # by hand: 01:30 UTC on 26 October is 02:30 CET (second pass), inside the span
    assert cal.is_open([utc("2025-10-26 01:30")])[0]


@pytest.mark.parametrize(
    ("span", "sunday", "hours"),
    [
        # by hand: 02:30 does not exist on 30 March, the span opens at 03:00 CEST (01:00 UTC), closes 05:00 CEST: 2 h
        (("02:30", "05:00"), "2025-03-30", 2.0),
        # by hand: 02:30 happens twice on 26 October, the span opens at the first (00:30 UTC), closes 05:00 CET
        # (04:00 UTC): 3.5 h
        (("02:30", "05:00"), "2025-10-26", 3.5),
        # by hand: opens 00:00 CEST (22:00 UTC), closes at the last 02:30 (02:30 CET = 01:30 UTC): 3.5 h
        (("00:00", "02:30"), "2025-10-26", 3.5),
        # by hand: opens 00:00 CET (23:00 UTC); 02:30 does not exist, closes at 03:00 CEST (01:00 UTC): 2 h
        (("00:00", "02:30"), "2025-03-30", 2.0),
        # by hand: the skipped hour itself is no office time at all
        (("02:00", "03:00"), "2025-03-30", 0.0),
    ],
)
def test_spans_at_nonexistent_or_repeated_local_times(span, sunday, hours):
    cal = calendar(office_hours={"sunday": span})
    day = pd.Timestamp(sunday)
    start, end = (day - pd.Timedelta(hours=12)).tz_localize(TZ), (day + pd.Timedelta(hours=12)).tz_localize(TZ)
    assert cal.business_seconds([start], [end])[0] == hours * 3600


def test_local_holidays_from_the_config():
    plain = calendar(holiday_subdivision="MD")
    local = calendar(holiday_subdivision="MD", local_holidays=(dt.date(2025, 5, 15),))
    # by hand, Wednesday 14 May 13:00 -> Monday 19 May 10:00 (15 May 2025, San Isidro, is a Thursday): without the
    # local holiday 60 (Wed) + 300 (Thu) + 300 (Fri) + 60 (Mon) = 720 min; with it, Thursday counts 0: 420 min
    assert dt.date(2025, 5, 15).weekday() == 3
    assert minutes(plain, "2025-05-14 13:00", "2025-05-19 10:00") == 720
    assert minutes(local, "2025-05-14 13:00", "2025-05-19 10:00") == 420
    assert local.holidays[dt.date(2025, 5, 15)] == "local holiday (config)"
    assert not local.is_open([madrid("2025-05-15 10:00")])[0] and plain.is_open([madrid("2025-05-15 10:00")])[0]


def test_a_second_span_on_thursday_afternoon():
    config = config_from_dict({"timezone": TZ, "office_hours": {
        "monday": "09:00-14:00", "tuesday": "09:00-14:00", "wednesday": "09:00-14:00",
        "thursday": ["09:00-14:00", "16:00-19:00"], "friday": "09:00-14:00",
    }})
    cal = BusinessCalendar.from_config(config, "2025-03-01", "2025-03-31")
    # by hand: Thursday 6 March 13:00 -> Friday 10:00 = 60 (13-14) + 180 (16-19) + 60 (Fri 09-10) = 300 min
    assert minutes(cal, "2025-03-06 13:00", "2025-03-07 10:00") == 300
    # by hand: the same on Wednesday has no afternoon: 60 + 60 = 120 min
    assert minutes(cal, "2025-03-05 13:00", "2025-03-06 10:00") == 120
    # by hand: Thursday 15:00 is between the spans; the office reopens at 16:00, 30 minutes later
    assert not cal.is_open([madrid("2025-03-06 15:00")])[0]
    assert cal.next_opening([madrid("2025-03-06 15:00")])[0] == madrid("2025-03-06 16:00")
    assert minutes(cal, "2025-03-06 15:00", "2025-03-06 16:30") == 30


def test_nat_and_end_before_start():
    cal = calendar()
    start = pd.Series([madrid("2025-03-07 10:00"), pd.NaT, madrid("2025-03-07 12:00"), madrid("2025-03-07 12:00")])
    end = pd.Series([pd.NaT, madrid("2025-03-07 11:00"), madrid("2025-03-07 10:00"), madrid("2025-03-07 12:00")])
    result = cal.business_seconds(start, end)
    # by hand: NaT on either side -> NaN; end before start -> 0; end equal to start -> 0
    assert np.isnan(result[:2]).all() and list(result[2:]) == [0.0, 0.0]
    assert list(cal.is_open(end)) == [False, True, True, True]
    assert cal.next_opening(end).isna().tolist() == [True, False, False, False]
    assert np.isnan(cal.clock(end)[0])


def test_is_open_and_next_opening():
    cal = calendar()
    instants = [madrid(t) for t in ("2025-03-07 09:00", "2025-03-07 13:59:59", "2025-03-07 14:00", "2025-03-07 22:00")]
    # by hand: spans are [09:00, 14:00): open at 09:00 and 13:59:59, closed at 14:00 and 22:00 on Friday
    assert list(cal.is_open(instants)) == [True, True, False, False]
    # by hand: an open instant is its own next opening; after Friday's closing, Monday 10 March 09:00
    expected = [instants[0], instants[1], madrid("2025-03-10 09:00"), madrid("2025-03-10 09:00")]
    assert list(cal.next_opening(instants)) == [t.tz_convert("UTC") for t in expected]
    # by hand: the calendar's last local day is Wednesday 7 January 2026 (31 December + 7 days of padding);
    # after its closing at 14:00 there is no opening left in the calendar
    assert pd.isna(cal.next_opening([madrid("2026-01-07 15:00")])[0])


def test_input_types_agree():
    cal = calendar()
    local = pd.Series(pd.to_datetime(["2025-03-07 13:30", "2025-03-07 22:00"]).tz_localize(TZ))
    answer = pd.Series([madrid("2025-03-10 09:30")] * 2)
    expected = [3600.0, 1800.0]  # by hand: see test_friday_afternoon_to_monday_morning
    as_utc_us = local.dt.tz_convert("UTC").dt.as_unit("us")
    naive_utc = local.dt.tz_convert("UTC").dt.tz_localize(None).to_numpy()
    for start in (local, as_utc_us, naive_utc, pd.DatetimeIndex(local), list(local)):
        assert list(cal.business_seconds(start, answer)) == expected
    assert cal.business_seconds(local.iloc[0], answer.iloc[0]) == 3600.0
    assert isinstance(cal.is_open(local.iloc[0]), bool)
    assert list(business_seconds(local, answer, Config(timezone=TZ, office_hours=WEEK))) == expected


def test_clock_counts_office_seconds_from_the_start():
    cal = calendar("2025-03-10", "2025-03-14")
    # by hand: the calendar starts Monday 3 March (7 days of padding); Monday 10 March 10:00 is after
    # five office days (3-7 March, 5 h each) and one office hour: 26 h
    assert cal.clock(madrid("2025-03-10 10:00")) == 26 * 3600


def test_instants_outside_the_calendar_are_refused():
    cal = calendar("2025-03-10", "2025-03-14")
    with pytest.raises(RoiError, match="outside the calendar") as info:
        cal.business_seconds([madrid("2025-03-10 10:00")], [madrid("2025-06-01 10:00")])
    assert info.value.field == "end"
    with pytest.raises(RoiError, match="same length"):
        cal.business_seconds([madrid("2025-03-10 10:00")] * 2, [madrid("2025-03-11 10:00")])


def test_holiday_errors_and_missing_years():
    with pytest.raises(ConfigError) as info:
        closed_days(Config(holiday_subdivision="XX"), [2025])
    assert info.value.field == "holidays.subdivision"
    with pytest.raises(ConfigError) as info:
        closed_days(Config(holiday_country="QQ"), [2025])
    assert info.value.field == "holidays.country"
    # the package has Spanish holidays from 2008 only
    with pytest.warns(UserWarning, match=r"no holiday for ES in \[2007\]"):
        closed_days(Config(), [2007, 2008])


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (("09:00", "14:00"), ((540, 840),)),
        ("08:00-15:00", ((480, 900),)),
        (["09:00-14:00", "16:00-19:00"], ((540, 840), (960, 1140))),
        ((("16:00", "19:00"), ("09:00", "14:00")), ((540, 840), (960, 1140))),
        (["09:00-14:00", "13:00-15:00"], ((540, 900),)),  # overlapping spans merge
        ("20:00-24:00", ((1200, 1440),)),
    ],
)
def test_office_span_forms(value, expected):
    assert office_spans({"thursday": value}) == {3: expected}


@pytest.mark.parametrize("value", ["9-14", "14:00-09:00", ("09:00", "25:00"), 9, ["09:00-14:00", "x"], "24:00-24:00"])
def test_invalid_office_spans_name_the_day(value):
    with pytest.raises(ConfigError) as info:
        office_spans({"thursday": value})
    assert info.value.field == "office_hours.thursday"
    assert office_spans({"thursday": "closed", "friday": None, "saturday": []}) == {}


# ---------------------------------------------------------------------------------------------
# against an independent brute-force count, minute by minute

REFERENCE_HOURS = {**WEEK, "thursday": (("09:00", "14:00"), ("16:00", "19:00")), "sunday": ("00:00", "04:00")}
REFERENCE_SPANS = {0: [(540, 840)], 1: [(540, 840)], 2: [(540, 840)], 3: [(540, 840), (960, 1140)], 4: [(540, 840)],
                   6: [(0, 240)]}
LOCAL = (dt.date(2025, 5, 15), dt.date(2025, 11, 10))


def open_minutes(first: pd.Timestamp, last: pd.Timestamp) -> np.ndarray:
    """True for each UTC minute in [first, last) whose local wall-clock time is in office hours."""
    grid = pd.date_range(first, last, freq="min", inclusive="left")
    local = grid.tz_convert(TZ)
    minute_of_day = np.asarray(local.hour * 60 + local.minute)
    weekday = np.asarray(local.day_of_week)
    closed = set(holidays.country_holidays("ES", subdiv="MD", years=[2024, 2025, 2026])) | set(LOCAL)
    dates = local.tz_localize(None).normalize()
    holiday = np.asarray(dates.isin(pd.DatetimeIndex(sorted(closed))))
    is_open = np.zeros(grid.size, dtype=bool)
    for day, spans in REFERENCE_SPANS.items():
        for a, b in spans:
            is_open |= (weekday == day) & (minute_of_day >= a) & (minute_of_day < b)
    return is_open & ~holiday


def brute_force(is_open: np.ndarray, origin: int, s: int, e: int) -> int:
    """Office seconds in [s, e) (epoch seconds), minute by minute, partial minutes at both ends."""
    if e <= s:
        return 0
    m0, m1 = (s - origin) // 60, (e - origin) // 60
    if m0 == m1:
        return (e - s) * int(is_open[m0])
    head = (origin + 60 * (m0 + 1) - s) * int(is_open[m0])
    tail = (e - origin - 60 * m1) * int(is_open[m1])
    return head + 60 * int(is_open[m0 + 1:m1].sum()) + tail


def test_random_pairs_against_a_minute_by_minute_count():
    first, last = utc("2024-12-31 00:00"), utc("2026-01-02 00:00")
    is_open = open_minutes(first, last)
    origin = int(first.timestamp())
    rng = np.random.default_rng(2026)
    n = 200
    year = (int(utc("2025-01-01").timestamp()), int(utc("2026-01-01").timestamp()))
    starts = rng.integers(*year, size=n)
    scale = rng.choice([600, 4 * 3600, 3 * 86400, 30 * 86400], size=n)  # minutes, hours, days, a month
    lengths = (rng.exponential(1.0, size=n) * scale).astype(np.int64) * np.where(rng.random(n) < 0.1, -1, 1)
    # and the DST Sundays on purpose: Saturday noon to Sunday noon, and the hours around 02:00
    dst = [("2025-03-29 11:00", "2025-03-30 10:00"), ("2025-10-25 10:00", "2025-10-26 11:00"),
           ("2025-03-30 00:30:07", "2025-03-30 01:10:00"), ("2025-10-26 00:59:59", "2025-10-26 01:30:30")]
    starts = np.concatenate([starts, [int(utc(a).timestamp()) for a, _ in dst]])
    ends = np.clip(starts[:n] + lengths, *year)
    ends = np.concatenate([ends, [int(utc(b).timestamp()) for _, b in dst]])
    expected = np.array([brute_force(is_open, origin, int(s), int(e)) for s, e in zip(starts, ends, strict=True)])
    config = Config(timezone=TZ, office_hours=REFERENCE_HOURS, holiday_subdivision="MD", local_holidays=LOCAL)
    cal = BusinessCalendar.from_config(config, "2025-01-01", "2025-12-31")
    result = cal.business_seconds(pd.to_datetime(starts, unit="s", utc=True), pd.to_datetime(ends, unit="s", utc=True))
    assert (expected > 0).sum() > 90 and (expected == 0).sum() > 20  # both kinds are exercised
    np.testing.assert_array_equal(result, expected.astype(float))
    # the clock and is_open agree with the grid too
    on_grid = pd.to_datetime(starts // 60 * 60, unit="s", utc=True)
    np.testing.assert_array_equal(cal.is_open(on_grid), is_open[(starts // 60 * 60 - origin) // 60])
