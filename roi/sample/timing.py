"""Office time of the fictional council: office hours, holidays, arrivals and reply delays.

The office is open Monday to Friday, 08:00-15:00 Europe/Madrid, except on Spanish, Catalan
and the town's two local holidays. Citizens write at any hour; the council answers in
office time, so a message sent on a Friday evening is answered on Monday.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import TYPE_CHECKING

import holidays as holidays_lib
import numpy as np
import pandas as pd

from roi.sample.council import OFFICE_END, OFFICE_START, SUBDIVISION, TIMEZONE

if TYPE_CHECKING:
    from roi.sample.generator import Generator

__all__ = [
    "CITIZEN_HOURS",
    "POST_HOURS",
    "REPLY_MEDIAN",
    "SEASON",
    "Clock",
    "citizen_delay",
    "office_delay",
    "reply_time",
]

#: Relative weight of each local hour of the day for citizens' messages.
CITIZEN_HOURS = (0.3, 0.15, 0.08, 0.05, 0.05, 0.1, 0.35, 0.9, 1.5, 1.9, 2.0, 2.0, 1.9, 1.6, 1.4, 1.3, 1.4, 1.6,
                 1.8, 1.9, 1.8, 1.5, 1.0, 0.6)
#: Relative weight of each local hour of the day for the council's own posts.
POST_HOURS = (0, 0, 0, 0, 0, 0, 0, 0.1, 0.8, 1.5, 1.6, 1.5, 1.3, 1.0, 0.6, 0.2, 0.2, 0.2, 0.3, 0.3, 0.1, 0, 0, 0)
#: Relative volume of each month, January first.
SEASON = (0.9, 0.9, 1.0, 1.0, 1.05, 1.1, 1.15, 0.85, 1.1, 1.05, 1.0, 0.85)
#: Median minutes of office time to the council's first reply, per channel.
REPLY_MEDIAN = {"twitter": 40, "facebook": 75, "instagram": 110, "mastodon": 150, "email": 330}


class Clock:
    """The office intervals of the council, as UTC epoch seconds, from December before to March after ``year``.

    Parameters
    ----------
    year
        The sample year.

    Attributes
    ----------
    year
        The sample year.
    tz
        The council's time zone.
    local_holidays
        The town's two local holidays in ``year``: the first working days on or after
        25 July (festa major) and 20 October (patron saint).
    starts, ends
        Opening and closing times of every office day, sorted.
    """

    def __init__(self, year: int):
        self.year = year
        self.tz = zoneinfo.ZoneInfo(TIMEZONE)
        official = holidays_lib.country_holidays("ES", subdiv=SUBDIVISION, years=range(year - 1, year + 2))
        self.local_holidays = _local_holidays(year, official)
        closed = set(official).union(*(_local_holidays(y, official) for y in (year - 1, year, year + 1)))
        starts, ends = [], []
        day = dt.date(year - 1, 12, 1)
        while day <= dt.date(year + 2, 12, 31):  # long enough for the slowest delays drawn
            if day.weekday() < 5 and day not in closed:
                starts.append(dt.datetime.combine(day, OFFICE_START, self.tz).timestamp())
                ends.append(dt.datetime.combine(day, OFFICE_END, self.tz).timestamp())
            day += dt.timedelta(days=1)
        self.starts = np.asarray(starts, dtype=np.int64)
        self.ends = np.asarray(ends, dtype=np.int64)
        lengths = self.ends - self.starts
        self._cum = np.concatenate([[0], np.cumsum(lengths)[:-1]])  # office seconds before each day
        self._cum_end = self._cum + lengths
        # every hour of the year, with what the arrival profiles weigh it by
        first = int(dt.datetime(year, 1, 1, tzinfo=self.tz).timestamp())
        last = int(dt.datetime(year + 1, 1, 1, tzinfo=self.tz).timestamp())
        self._hours = np.arange(first, last, 3600, dtype=np.int64)
        local = pd.to_datetime(self._hours, unit="s", utc=True).tz_convert(TIMEZONE)
        self._hour_of_day = local.hour.to_numpy()
        self._weekday = local.day_of_week.to_numpy()
        self._month = local.month.to_numpy()
        dates = local.tz_localize(None).normalize().to_numpy().astype("datetime64[D]")
        closed_days = np.array(sorted(closed), dtype="datetime64[D]")
        self._holiday = np.isin(dates, closed_days) & (self._weekday < 5)

    def is_open(self, t):
        """True where ``t`` (epoch seconds, scalar or array) falls inside office hours."""
        i = np.searchsorted(self.starts, t, side="right") - 1
        return (i >= 0) & (t < self.ends[np.maximum(i, 0)])

    def position(self, t):
        """Seconds of office time from the first opening to ``t``; outside office hours, to the next opening."""
        i = np.searchsorted(self.ends, t, side="right")
        last = len(self.starts) - 1
        inside = self._cum[np.minimum(i, last)] + np.clip(t - self.starts[np.minimum(i, last)], 0, None)
        return np.where(i > last, self._cum_end[last] + (t - self.ends[last]), inside)

    def add(self, t, seconds):
        """``t`` plus ``seconds`` of office time (evenings, weekends and holidays skipped)."""
        target = self.position(t) + np.asarray(seconds, dtype=np.int64)
        j = np.searchsorted(self._cum_end, target, side="left")
        beyond = j >= len(self.starts)  # past the calendar: counted as continuous time after its last closing
        last = len(self.starts) - 1
        inside = self.starts[np.minimum(j, last)] + (target - self._cum[np.minimum(j, last)])
        return np.where(beyond, self.ends[last] + (target - self._cum_end[last]), inside)

    def business_hours(self, start: int, end: int) -> float:
        """Hours of office time between ``start`` and ``end`` (0 when ``end`` is not later)."""
        return float(max(0, self.position(end) - self.position(start))) / 3600.0

    def arrivals(self, g: np.random.Generator, n: int, profile, weekend=0.5, holiday=0.5, season=None) -> np.ndarray:
        """``n`` sorted random times (epoch seconds) over the year.

        Parameters
        ----------
        g
            The channel's random stream.
        n
            How many.
        profile
            24 relative weights, one per local hour of the day.
        weekend
            Weight of Saturdays (Sundays get 0.8 times it).
        holiday
            Weight of weekday holidays.
        season
            12 relative weights, one per month, or None for a flat year.
        """
        w = np.asarray(profile, dtype=float)[self._hour_of_day]
        w = w * np.where(self._weekday == 5, weekend, np.where(self._weekday == 6, weekend * 0.8, 1.0))
        w = w * np.where(self._holiday, holiday, 1.0)
        if season is not None:
            w = w * np.asarray(season, dtype=float)[self._month - 1]
        pick = g.choice(len(w), size=n, p=w / w.sum())
        return np.sort(self._hours[pick] + g.integers(0, 3600, size=n))

    def local(self, t) -> dt.datetime:
        """``t`` (epoch seconds) as an aware local datetime."""
        return dt.datetime.fromtimestamp(int(t), self.tz)


def _local_holidays(year: int, official) -> tuple[dt.date, dt.date]:
    """The town's festa major and patron saint's day in ``year``, moved off weekends and official holidays."""
    return _weekday_on_or_after(dt.date(year, 7, 25), official), _weekday_on_or_after(dt.date(year, 10, 20), official)


def _weekday_on_or_after(day: dt.date, official) -> dt.date:
    while day.weekday() >= 5 or day in official:
        day += dt.timedelta(days=1)
    return day


def office_delay(gen: Generator, t: int, median_minutes: float, sigma: float, floor: int) -> int:
    """``t`` plus a log-normal delay of office time (at least ``floor`` seconds), plus up to a minute."""
    delay = max(floor, gen.lognormal_seconds(median_minutes, sigma))
    return int(gen.clock.add(t, delay)) + int(gen.g.integers(0, 60))


def reply_time(gen: Generator, t_in: int, median_minutes: float, sigma: float = 0.9) -> int:
    """When the council answers a message that arrived at ``t_in`` (epoch seconds).

    Mostly after a log-normal delay of office time (median ``median_minutes``); 5 % of the
    messages arriving outside office hours get an on-duty answer (median 45 minutes of plain
    time), and 2 % of all messages an answer from someone working late (median
    ``median_minutes`` of plain time).
    """
    if not gen.clock.is_open(t_in) and gen.chance(0.05):
        return t_in + max(300, gen.lognormal_seconds(45, 0.7))  # weekend / evening duty
    if gen.chance(0.02):
        return t_in + max(300, gen.lognormal_seconds(median_minutes, 0.8))  # someone working late
    return office_delay(gen, t_in, median_minutes, sigma, floor=120)


def citizen_delay(gen: Generator, median_minutes: float = 40, sigma: float = 1.2) -> int:
    """Seconds before a citizen writes again: log-normal, between one minute and six days."""
    return max(60, min(6 * 86400, gen.lognormal_seconds(median_minutes, sigma)))
