"""Business time: office seconds between two instants, on the administration's calendar.

Response time is reported on two clocks (``DESIGN.md``, *Definitions*): calendar time, and
business time, which counts only the seconds when the office is open: the office hours of
each weekday in the administration's time zone, minus national and regional holidays from
the ``holidays`` package and the local holidays of the configuration. This follows
Zendesk's business-hours clock for first reply time (holidays count as outside business
hours) and the Spanish definition of working days (Ley 39/2015, art. 30).

The calendar is built once per administration and period, not per message. For every local
day it lists the office spans of its weekday (none on a holiday), converts their local start
and end times to UTC instants *on that date* (so a 09:00-14:00 span lasts 5 h even on a
daylight-saving change day), and keeps the sorted boundaries ``b_0 < b_1 < ...`` (opening,
closing, opening, ...) with the office time ``C_k`` elapsed before each one. The *business
clock* of an instant ``t`` is then

.. math::

    \\mathrm{clock}(t) = C_i + [i \\text{ even}]\\,(t - b_i), \\qquad i = \\max\\{k : b_k \\le t\\}

(office time before the last boundary, plus the time since it if that boundary was an
opening), found for a million instants at once with :func:`numpy.searchsorted`. Business
time between two instants is the difference of their clocks, never negative:

.. math::

    \\mathrm{business}(s, e) = \\max\\bigl(0,\\ \\mathrm{clock}(e) - \\mathrm{clock}(s)\\bigr)

A message arriving at 22:00 on Friday and answered at 09:30 on Monday, with the office open
Monday to Friday 09:00-14:00, has waited 30 business minutes.

Daylight-saving rules. A span covers the instants whose local wall-clock time lies inside
it. A local time that does not exist (the hour skipped in March) moves forward to the first
instant after the gap, so Sunday 00:00-04:00 lasts 3 h on the last Sunday of March in
Madrid. A local time that occurs twice (the hour repeated in October) opens a span at its
first occurrence and closes one at its last, so the same span lasts 5 h on the last Sunday
of October. Overlapping or touching spans are merged, so no second is counted twice.
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

import holidays as holidays_lib
import numpy as np
import pandas as pd

from roi.config import WEEKDAYS
from roi.errors import ConfigError, RoiError

if TYPE_CHECKING:
    from roi.config import Config

__all__ = ["BusinessCalendar", "business_seconds", "closed_days", "office_spans"]

_NS = 1_000_000_000
_NAT = np.iinfo(np.int64).min
LOCAL_HOLIDAY = "local holiday (config)"


def office_spans(office_hours: Mapping[str, object]) -> dict[int, tuple[tuple[int, int], ...]]:
    """Office spans per weekday, as minutes after local midnight.

    Parameters
    ----------
    office_hours
        Weekday name (``"monday"`` ... ``"sunday"``) -> its office hours, in any of the
        forms :class:`~roi.config.Config` holds or a caller may write: one span
        ``("09:00", "14:00")`` or ``"09:00-14:00"``; several spans
        ``[("09:00", "14:00"), ("16:00", "19:00")]`` or ``["09:00-14:00", "16:00-19:00"]``;
        ``None``, ``""``, ``"closed"`` or an empty list for a closed day. Days left out are
        closed. ``"24:00"`` is allowed as an end.

    Returns
    -------
    dict
        Weekday number (Monday 0 ... Sunday 6) -> sorted, merged ``(start, end)`` minute
        pairs with ``0 <= start < end <= 1440``. Closed days are left out.

    Raises
    ------
    ConfigError
        Naming the field ``office_hours.<weekday>`` when a day or a span is invalid.

    Examples
    --------
    >>> office_spans({"thursday": ["09:00-14:00", "16:00-19:00"], "friday": ("09:00", "14:00")})
    {3: ((540, 840), (960, 1140)), 4: ((540, 840),)}
    """
    spans: dict[int, tuple[tuple[int, int], ...]] = {}
    for day, value in office_hours.items():
        key = f"office_hours.{day}"
        if day not in WEEKDAYS:
            raise ConfigError(f"unknown weekday {day!r}", field=key, fix=f"use one of {list(WEEKDAYS)}")
        pairs = sorted(_parse_spans(value, key))
        merged: list[list[int]] = []
        for start, end in pairs:
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        if merged:
            spans[WEEKDAYS.index(day)] = tuple((a, b) for a, b in merged)
    return spans


def _parse_spans(value, key) -> list[tuple[int, int]]:
    """``value`` (one of the forms :func:`office_spans` accepts) as minute pairs."""
    if value is None or (isinstance(value, str) and value.strip().lower() in ("", "closed")):
        return []
    if isinstance(value, str):
        items = [value]
    elif isinstance(value, (tuple, list)) and len(value) == 2 and all(isinstance(v, str) and "-" not in v for v in value):
        items = [tuple(value)]  # the single ("HH:MM", "HH:MM") pair Config holds
    elif isinstance(value, (tuple, list)):
        items = list(value)
    else:
        raise ConfigError(f"expected 'HH:MM-HH:MM' or a list of them, got {value!r}", field=key,
                          fix='write e.g. "09:00-14:00" or ["09:00-14:00", "16:00-19:00"]')
    pairs = []
    for item in items:
        if isinstance(item, str) and item.count("-") == 1:
            item = tuple(item.split("-"))
        if not (isinstance(item, (tuple, list)) and len(item) == 2):
            raise ConfigError(f"expected 'HH:MM-HH:MM', got {item!r}", field=key, fix='write e.g. "09:00-14:00"')
        start, end = (_minutes(v, key) for v in item)
        if end <= start:
            raise ConfigError(f"office hours end before they start ({item[0]}-{item[1]})", field=key,
                              fix="write the earlier time first")
        if start >= 24 * 60:
            raise ConfigError(f"a span cannot start at {item[0]}", field=key, fix="start spans before 24:00")
        pairs.append((start, end))
    return pairs


def _minutes(text, key) -> int:
    """``"HH:MM"`` as minutes after midnight (``"24:00"`` is 1440)."""
    try:
        hours, minutes = (int(part) for part in str(text).strip().split(":"))
    except ValueError:
        hours, minutes = -1, -1
    if not (0 <= hours <= 24 and 0 <= minutes < 60 and hours * 60 + minutes <= 24 * 60):
        raise ConfigError(f"{text!r} is not a time of day", field=key, fix='write times as "HH:MM", e.g. "09:00"')
    return hours * 60 + minutes


def closed_days(config: Config, years: Iterable[int]) -> dict[dt.date, str]:
    """Holidays of ``config`` in ``years``: national, regional and local, with their names.

    National and regional holidays come from
    ``holidays.country_holidays(config.holiday_country, subdiv=config.holiday_subdivision)``
    with the package's defaults (``observed=True``, data for Spain from 2008): a national
    holiday that falls on a Sunday is lost, unless the region moves it to the Monday, which
    the package then lists (Madrid, Monday 2 November 2026 for All Saints). Local holidays
    are ``config.local_holidays`` (municipal holidays are not in the package).

    Parameters
    ----------
    config
        The administration's configuration.
    years
        Calendar years to list.

    Returns
    -------
    dict
        Date -> holiday name; a local holiday is named ``"local holiday (config)"``.

    Raises
    ------
    ConfigError
        When the package does not know the country or the subdivision.

    Warns
    -----
    UserWarning
        For a year in which the package lists no holiday at all (for Spain, years before
        2008): business time that year counts holidays as working days.
    """
    years = sorted(set(years))
    try:
        official = holidays_lib.country_holidays(config.holiday_country, subdiv=config.holiday_subdivision, years=years)
    except NotImplementedError as exc:
        field = "holidays.subdivision" if config.holiday_subdivision and "subdivision" in str(exc) else "holidays.country"
        raise ConfigError(str(exc), file=config.source, field=field,
                          fix="use an ISO country code and one of its subdivision codes (Spain: ES with MD, CT, ...)") from None
    days = {day: str(name) for day, name in official.items()}
    missing = [y for y in years if not any(day.year == y for day in days)]
    if missing:
        warnings.warn(f"the holidays package lists no holiday for {config.holiday_country} in {missing}; "
                      "business time in those years treats holidays as working days", UserWarning, stacklevel=2)
    for day in config.local_holidays:
        if day.year in years:
            days[day] = f"{days[day]}; {LOCAL_HOLIDAY}" if day in days else LOCAL_HOLIDAY
    return dict(sorted(days.items()))


class BusinessCalendar:
    """Cumulative office time over a range of local days, for vectorised business time.

    Build it with :meth:`from_config` (or :meth:`from_spans`), then ask for
    :meth:`business_seconds`, :meth:`clock`, :meth:`is_open` or :meth:`next_opening` of
    whole columns of instants. See the module docstring for the formulas.

    Parameters
    ----------
    opens, closes
        Openings and closings of the office as UTC epoch nanoseconds: sorted, each closing
        after its opening and no later than the next opening.
    timezone
        The administration's IANA time zone (kept for display).
    first, last
        The instants the calendar covers, as UTC epoch nanoseconds: instants outside
        ``[first, last]`` are refused.
    holidays
        Date -> name of the days closed as holidays (for audit).

    Attributes
    ----------
    boundaries : ndarray of int64
        ``first`` twice (a zero-length span that anchors the clock), then the openings and
        closings interleaved: ``b_0 <= b_1 <= ...``; even positions are openings.
    cumulative : ndarray of int64
        ``C_k``: office nanoseconds elapsed before ``boundaries[k]``.
    timezone, first, last, holidays
        As given.
    """

    def __init__(self, opens, closes, *, timezone: str, first: int, last: int, holidays: Mapping[dt.date, str] | None = None):
        opens = np.asarray(opens, dtype=np.int64)
        closes = np.asarray(closes, dtype=np.int64)
        if opens.shape != closes.shape or np.any(closes <= opens) or np.any(opens[1:] < closes[:-1]):
            raise RoiError("office spans must be sorted, non-empty and non-overlapping",
                           fix="build the calendar with BusinessCalendar.from_config")
        if opens.size and (opens[0] < first or closes[-1] > last):
            raise RoiError("office spans fall outside the calendar's range", fix="widen first and last")
        self.timezone = timezone
        self.first = int(first)
        self.last = int(last)
        self.holidays = dict(holidays or {})
        self.boundaries = np.empty(2 * opens.size + 2, dtype=np.int64)
        self.boundaries[:2] = self.first
        self.boundaries[2::2] = opens
        self.boundaries[3::2] = closes
        lengths = np.zeros(opens.size + 1, dtype=np.int64)
        lengths[1:] = closes - opens
        before = np.cumsum(lengths) - lengths  # office time before each span's opening
        self.cumulative = np.repeat(before, 2)
        self.cumulative[1::2] += lengths  # ... and at its closing

    @classmethod
    def from_config(cls, config: Config, start, end, *, pad_days: int = 7) -> BusinessCalendar:
        """The calendar of ``config`` covering the instants from ``start`` to ``end``.

        Parameters
        ----------
        config
            Uses ``timezone``, ``office_hours``, ``holiday_country``,
            ``holiday_subdivision`` and ``local_holidays``.
        start, end
            The earliest and latest instants to be measured (anything
            :func:`pandas.Timestamp` reads; naive means UTC).
        pad_days
            Whole local days added on each side, so that :meth:`next_opening` finds the
            opening after a long weekend at the end of the range.

        Returns
        -------
        BusinessCalendar
            Covering local midnight of ``start``'s local date minus ``pad_days`` to local
            midnight ending ``end``'s local date plus ``pad_days``.
        """
        tz = config.timezone
        first_day = _utc(start).tz_convert(tz).date() - dt.timedelta(days=pad_days)
        last_day = _utc(end).tz_convert(tz).date() + dt.timedelta(days=pad_days)
        if last_day < first_day:
            raise RoiError(f"the calendar ends ({end}) before it starts ({start})", fix="pass start before end")
        years = range(first_day.year, last_day.year + 1)
        return cls.from_spans(office_spans(config.office_hours), timezone=tz, first_day=first_day, last_day=last_day,
                              holidays=closed_days(config, years))

    @classmethod
    def from_spans(cls, spans: Mapping[int, Iterable[tuple[int, int]]], *, timezone: str, first_day: dt.date,
                   last_day: dt.date, holidays: Mapping[dt.date, str] | None = None) -> BusinessCalendar:
        """The calendar of weekly office spans over the local days ``first_day`` to ``last_day``.

        Parameters
        ----------
        spans
            Weekday (Monday 0) -> ``(start, end)`` minutes after local midnight, as
            :func:`office_spans` returns.
        timezone
            IANA time zone in which the spans are read.
        first_day, last_day
            Local dates, both included.
        holidays
            Date -> name of days on which the office stays closed.

        Returns
        -------
        BusinessCalendar
        """
        days = np.arange(np.datetime64(first_day, "D"), np.datetime64(last_day, "D") + 1)
        closed = np.array(sorted(holidays or {}), dtype="datetime64[D]")
        weekday = (days.astype(np.int64) + 3) % 7  # 1970-01-01 was a Thursday (3)
        open_days = ~np.isin(days, closed)
        local_opens, local_closes = [], []
        for day_number, pairs in spans.items():
            chosen = days[(weekday == day_number) & open_days]
            for start, end in pairs:
                local_opens.append(chosen + np.timedelta64(start, "m"))
                local_closes.append(chosen + np.timedelta64(end, "m"))
        opens = _localise(local_opens, timezone, np.minimum)  # a repeated local time opens at its first occurrence
        closes = _localise(local_closes, timezone, np.maximum)  # ... and closes at its last
        first = _localise([days[:1].astype("datetime64[m]")], timezone, np.minimum)[0]
        last = _localise([days[-1:].astype("datetime64[m]") + np.timedelta64(1, "D")], timezone, np.maximum)[0]
        opens, closes = _merge(opens, closes)
        in_range = {d: n for d, n in (holidays or {}).items() if first_day <= d <= last_day}
        return cls(opens, closes, timezone=timezone, first=first, last=last, holidays=in_range)

    def __repr__(self) -> str:
        first, last = (pd.Timestamp(v, tz="UTC").tz_convert(self.timezone) for v in (self.first, self.last))
        return (f"BusinessCalendar({self.timezone}, {first:%Y-%m-%d %H:%M} to {last:%Y-%m-%d %H:%M}, "
                f"{(self.boundaries.size - 2) // 2} office spans, {len(self.holidays)} holidays)")

    def _ns(self, instants, name: str) -> tuple[np.ndarray, np.ndarray]:
        """``instants`` as UTC epoch nanoseconds and their NaT mask; refuses instants outside the range."""
        ns = _epoch_ns(instants)
        nat = ns == _NAT
        outside = ~nat & ((ns < self.first) | (ns > self.last))
        if outside.any():
            bad = pd.Timestamp(ns[np.flatnonzero(outside)[0]], tz="UTC")
            span = f"{pd.Timestamp(self.first, tz='UTC')} to {pd.Timestamp(self.last, tz='UTC')}"
            raise RoiError(f"{outside.sum()} instant(s) outside the calendar's range {span}, e.g. {bad}", field=name,
                           fix="build the calendar with BusinessCalendar.from_config over a range that includes them")
        return ns, nat

    def _last_boundary(self, ns: np.ndarray, nat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``i = max{k : b_k <= t}`` for each instant (NaT read as ``first``), and whether it is an opening."""
        i = np.searchsorted(self.boundaries, np.where(nat, self.first, ns), side="right") - 1
        return i, ((i % 2) == 0) & (i > 0)

    def _clock_ns(self, ns: np.ndarray, nat: np.ndarray) -> np.ndarray:
        """Business clock in nanoseconds (``C_0`` where NaT)."""
        i, opened = self._last_boundary(ns, nat)
        return self.cumulative[i] + np.where(opened, np.where(nat, self.first, ns) - self.boundaries[i], 0)

    def clock(self, instants) -> np.ndarray:
        """Office seconds elapsed from the start of the calendar to each instant.

        ``clock(t) = C_i + [i even] (t - b_i)`` with ``i = max{k : b_k <= t}``.

        Parameters
        ----------
        instants
            Series, index, array or list of instants (naive means UTC), or one instant.

        Returns
        -------
        ndarray of float
            Seconds, NaN where the instant is NaT (a float for a single instant).
        """
        ns, nat = self._ns(instants, "instants")
        out = _seconds(self._clock_ns(ns, nat))
        out[nat] = np.nan
        return _shape_like(out, instants)

    def business_seconds(self, start, end) -> np.ndarray:
        """Office seconds between each ``start`` and its ``end``.

        ``business(s, e) = max(0, clock(e) - clock(s))``: the seconds of ``[s, e)`` during
        which the office was open; 0 when ``e <= s``; exact to the nanosecond.

        Parameters
        ----------
        start, end
            Instants of equal length (Series, index, array or list; naive means UTC), e.g.
            a message's ``created_at`` and its answer's.

        Returns
        -------
        ndarray of float
            Seconds, NaN where either instant is NaT.

        Examples
        --------
        >>> from roi.config import Config
        >>> cal = BusinessCalendar.from_config(Config(timezone="Europe/Madrid"), "2026-03-06", "2026-03-09")
        >>> friday = pd.Timestamp("2026-03-06 22:00", tz="Europe/Madrid")
        >>> monday = pd.Timestamp("2026-03-09 09:30", tz="Europe/Madrid")
        >>> float(cal.business_seconds([friday], [monday])[0]) / 60
        30.0
        """
        s, s_nat = self._ns(start, "start")
        e, e_nat = self._ns(end, "end")
        if s.shape != e.shape:
            raise RoiError(f"start has {s.size} instants but end has {e.size}", field="end",
                           fix="pass start and end of the same length")
        nat = s_nat | e_nat
        out = _seconds(np.maximum(self._clock_ns(e, nat) - self._clock_ns(s, nat), 0))
        out[nat] = np.nan
        return _shape_like(out, start)

    def is_open(self, instants) -> np.ndarray:
        """True where the office is open at the instant (spans are ``[opening, closing)``).

        Parameters
        ----------
        instants
            Series, index, array or list of instants (naive means UTC), or one instant.

        Returns
        -------
        ndarray of bool
            False where the instant is NaT.
        """
        ns, nat = self._ns(instants, "instants")
        return _shape_like(self._last_boundary(ns, nat)[1] & ~nat, instants)

    def next_opening(self, instants) -> pd.DatetimeIndex:
        """The first instant at or after each instant when the office is open.

        An instant inside office hours is its own next opening, so
        ``next_opening(t) - t`` is how long a message waited for the office to open.

        Parameters
        ----------
        instants
            Series, index, array or list of instants (naive means UTC).

        Returns
        -------
        pandas.DatetimeIndex
            ``datetime64[ns, UTC]``, positionally aligned with ``instants``; NaT where the
            instant is NaT or the office does not open again before the calendar ends.
        """
        ns, nat = self._ns(instants, "instants")
        i, opened = self._last_boundary(ns, nat)
        nxt = np.minimum(i + 1, self.boundaries.size - 1)
        has_next = (i + 1) < self.boundaries.size
        out = np.where(opened, ns, np.where(has_next, self.boundaries[nxt], _NAT))
        out[nat] = _NAT
        return pd.DatetimeIndex(out.view("datetime64[ns]")).tz_localize("UTC")

    def to_frame(self) -> pd.DataFrame:
        """The office spans of the calendar, one row each, for audit.

        Returns
        -------
        pandas.DataFrame
            ``local_date`` (date the span opens, local time), ``opens`` and ``closes``
            (``datetime64[ns, UTC]``), ``office_seconds`` (closes - opens) and
            ``cumulative_seconds`` (office seconds from the start of the calendar to the
            closing).
        """
        opens = pd.DatetimeIndex(self.boundaries[2::2].view("datetime64[ns]")).tz_localize("UTC")
        closes = pd.DatetimeIndex(self.boundaries[3::2].view("datetime64[ns]")).tz_localize("UTC")
        return pd.DataFrame({
            "local_date": opens.tz_convert(self.timezone).date,
            "opens": opens,
            "closes": closes,
            "office_seconds": (self.boundaries[3::2] - self.boundaries[2::2]) / _NS,
            "cumulative_seconds": self.cumulative[3::2] / _NS,
        })


def business_seconds(start, end, config: Config) -> np.ndarray:
    """Office seconds between each ``start`` and its ``end`` on ``config``'s calendar.

    Builds a :class:`BusinessCalendar` over the range of the instants given and returns
    :meth:`BusinessCalendar.business_seconds`. Build the calendar once yourself when
    measuring several columns over the same period.

    Parameters
    ----------
    start, end
        Instants of equal length (naive means UTC).
    config
        The administration's configuration.

    Returns
    -------
    ndarray of float
        ``max(0, clock(end) - clock(start))`` in seconds; NaN where either is NaT.
    """
    s, e = _epoch_ns(start), _epoch_ns(end)
    valid = np.concatenate([s[s != _NAT], e[e != _NAT]])
    if valid.size == 0:
        return np.full(s.shape, np.nan)
    calendar = BusinessCalendar.from_config(config, pd.Timestamp(valid.min(), tz="UTC"), pd.Timestamp(valid.max(), tz="UTC"))
    return calendar.business_seconds(start, end)


def _utc(value) -> pd.Timestamp:
    stamp = pd.Timestamp(value)
    return stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp.tz_convert("UTC")


def _epoch_ns(instants) -> np.ndarray:
    """UTC epoch nanoseconds of ``instants`` (``_NAT`` where NaT); naive instants are UTC."""
    if isinstance(instants, (pd.Series, pd.Index, np.ndarray, list, tuple)):
        values = pd.to_datetime(pd.Index(instants) if isinstance(instants, (list, tuple)) else instants, utc=True)
    else:
        values = pd.to_datetime(pd.Index([instants]), utc=True)
    return pd.DatetimeIndex(values).as_unit("ns").asi8.copy()


def _seconds(ns: np.ndarray) -> np.ndarray:
    """Nanoseconds as float seconds, whole seconds exact at any magnitude."""
    whole, rest = np.divmod(ns, _NS)
    return whole.astype(float) + rest / _NS


def _shape_like(out: np.ndarray, instants):
    """A scalar result for a scalar input, else the array."""
    if isinstance(instants, (pd.Series, pd.Index, np.ndarray, list, tuple)):
        return out
    return out[0].item()


def _localise(parts: list[np.ndarray], timezone: str, pick) -> np.ndarray:
    """Local naive minutes as UTC epoch nanoseconds; ``pick`` chooses between the two readings of a repeated time."""
    if not parts:
        return np.empty(0, dtype=np.int64)
    local = pd.DatetimeIndex(np.concatenate(parts).astype("datetime64[ns]"))
    early, late = (local.tz_localize(timezone, ambiguous=np.full(local.size, flag), nonexistent="shift_forward")
                   for flag in (True, False))
    return pick(early.as_unit("ns").asi8, late.as_unit("ns").asi8)


def _merge(opens: np.ndarray, closes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sort spans, drop empty ones and merge overlapping or touching ones."""
    order = np.argsort(opens, kind="stable")
    opens, closes = opens[order], closes[order]
    keep = closes > opens  # e.g. a 02:00-03:00 span on the day that hour is skipped
    opens, closes = opens[keep], closes[keep]
    if opens.size == 0:
        return opens, closes
    reach = np.maximum.accumulate(closes)
    starts = np.flatnonzero(np.concatenate([[True], opens[1:] > reach[:-1]]))
    return opens[starts], np.maximum.reduceat(closes, starts)
