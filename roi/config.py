"""Configuration of one administration, read from a TOML file.

Every field has a documented default (``docs/configuration.md``); an invalid value
raises :class:`~roi.errors.ConfigError` naming the field and what is allowed.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import tomllib
import zoneinfo
from dataclasses import dataclass, field
from pathlib import Path

from roi.errors import ConfigError
from roi.schema import CHANNELS

__all__ = ["DEFAULT_OFFICE_HOURS", "INDEX_FAMILIES", "Config", "CsvMapping", "IndexSettings", "load_config"]

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
DEFAULT_OFFICE_HOURS = {day: ("09:00", "14:00") for day in WEEKDAYS[:5]}
CSV_TARGETS = (
    "message_id",
    "created_at",
    "text",
    "author_id",
    "author_name",
    "parent_id",
    "thread_id",
    "is_official",
    "channel",
    "account",
    "lang",
    "is_public",
    "is_hidden",
    "likes",
)
#: The indicator families of the Intangible ROI Index, in report order.
INDEX_FAMILIES = ("speed", "empathy", "satisfaction", "transparency")
#: Upper bounds of ``[sla]``: a target beyond a year, or answers counted more than a year late, is a typo.
MAX_HOURS, MAX_GRACE_DAYS = 8784, 366
_HOURS = re.compile(r"^([01]\d|2[0-4]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$")


@dataclass(frozen=True)
class CsvMapping:
    """How to read a generic CSV export.

    Attributes
    ----------
    columns
        Message-table column -> column name in the CSV. ``message_id``, ``created_at``
        and ``text`` are required; the rest are optional.
    channel
        Channel of every row when the CSV has no channel column.
    delimiter
        ``","``, ``";"``, ``"\\t"`` or ``"auto"`` (sniffed from the header line).
    encoding
        ``"auto"`` (UTF-8, UTF-8 with BOM, else Windows-1252) or a codec name.
    dayfirst
        Read ``01/02/2026`` as 1 February (Spanish and Excel-in-Spain convention).
    true_values
        Strings read as True in boolean columns (case-insensitive).
    """

    columns: dict[str, str] = field(default_factory=dict)
    channel: str = "other"
    delimiter: str = "auto"
    encoding: str = "auto"
    dayfirst: bool = True
    true_values: tuple[str, ...] = ("true", "1", "yes", "si", "sí", "y", "s", "x", "verdadero")


#: Default of ``[index] min_n``: with fewer answers a share's 95% interval can span more than half its range.
DEFAULT_MIN_N = 10


@dataclass(frozen=True)
class IndexSettings:
    """How the Intangible ROI Index scores and weighs the indicators (``[index]``).

    Attributes
    ----------
    weights
        Family -> its weight in the index (``[index.weights]``); default 1 each (equal).
    indicators
        Indicator -> overrides of its ``target``, ``floor`` and ``weight`` within its
        family (``[index.<indicator>]``); the defaults are in :data:`roi.index.CATALOGUE`.
    min_n
        An indicator whose denominator is below this is left out of the index (default
        10: a share or a score from a handful of answers, whose interval spans most of its
        range, does not move the index; it is still shown with its denominator).
    """

    weights: dict[str, float] = field(default_factory=lambda: dict.fromkeys(INDEX_FAMILIES, 1.0))
    indicators: dict[str, dict[str, float]] = field(default_factory=dict)
    min_n: int = field(default_factory=lambda: DEFAULT_MIN_N)  # read when built, so the default can change


@dataclass(frozen=True)
class Config:
    """One administration's settings.

    Attributes
    ----------
    name
        Name shown in reports.
    timezone
        IANA time zone of the administration; naive timestamps are read in it.
    accounts
        Channel -> the administration's own account handles or ids. A message whose
        author matches one (case-insensitive, without ``@``) is official. In TOML an item
        may be a list: one account under several handles or ids, its name first
        (``facebook = [["Ajuntament de Torrebruna", "104729384756120"]]``).
    account_names
        Channel -> normalised handle -> the name of the account it belongs to (the first
        handle of its item).
    office_hours
        Weekday -> ``(start, end)`` as ``"HH:MM"``, or a tuple of such pairs when the day
        has several spans (TOML ``thursday = ["09:00-14:00", "16:00-19:00"]``); days not
        listed are closed. :func:`roi.calendar.office_spans` reads both forms.
    holiday_country, holiday_subdivision
        For the ``holidays`` package (``"ES"``, ``"MD"``).
    local_holidays
        Municipal holidays, as dates.
    official_domains
        Web domains whose links count as official sources.
    sla_business_hours, sla_calendar_hours
        Response-time targets in hours on the office-hours clock (default 2) and on the
        calendar clock (default 24): the share answered within each is reported.
    grace_days
        After a period ends, answers still count for this many days (default 7) when
        the export reaches that far.
    language
        Report language, ``"es"`` or ``"en"``.
    csv
        Column mapping for generic CSV exports.
    index
        Targets, floors and weights of the Intangible ROI Index.
    """

    name: str = "Unnamed administration"
    timezone: str = "Europe/Madrid"
    accounts: dict[str, tuple[str, ...]] = field(default_factory=dict)
    account_names: dict[str, dict[str, str]] = field(default_factory=dict)
    office_hours: dict[str, tuple[str, str] | tuple[tuple[str, str], ...]] = field(default_factory=lambda: dict(DEFAULT_OFFICE_HOURS))
    holiday_country: str = "ES"
    holiday_subdivision: str | None = None
    local_holidays: tuple[dt.date, ...] = ()
    official_domains: tuple[str, ...] = ()
    sla_business_hours: tuple[float, ...] = (2.0,)
    sla_calendar_hours: tuple[float, ...] = (24.0,)
    grace_days: float = 7.0
    language: str = "es"
    csv: CsvMapping = field(default_factory=CsvMapping)
    index: IndexSettings = field(default_factory=IndexSettings)
    models: dict[str, str] = field(default_factory=dict)
    topics: dict = field(default_factory=dict)
    source: str | None = None

    def official_handles(self, channel: str) -> frozenset[str]:
        """Normalised handles of the administration's accounts on ``channel``."""
        return frozenset(normalise_handle(h) for h in self.accounts.get(channel, ()))

    def account_name(self, channel: str, handle: str) -> str:
        """The account ``handle`` belongs to on ``channel`` (its configured name), or the handle itself
        without ``@``."""
        return self.account_names.get(channel, {}).get(normalise_handle(handle), str(handle).strip().lstrip("@"))

    def default_account(self, channel: str) -> str | None:
        """The first configured account on ``channel`` (without a leading ``@``), or None."""
        handles = self.accounts.get(channel, ())
        return handles[0].strip().lstrip("@") if handles else None


def normalise_handle(handle: str) -> str:
    """Lower-case a handle and strip a leading ``@``: ``"@AytoX"`` -> ``"aytox"``."""
    return str(handle).strip().lstrip("@").lower()


def _fail(source, key, problem, fix):
    raise ConfigError(problem, file=source, field=key, fix=fix)


def _str_list(value, source, key):
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        _fail(source, key, f"expected a list of non-empty strings, got {value!r}", 'write e.g. ["AytoEjemplo"]')
    return tuple(v.strip() for v in value)


def _parse_accounts(raw, source):
    """``[accounts]`` -> (channel -> every handle, channel -> normalised handle -> account name)."""
    if not isinstance(raw, dict):
        _fail(source, "accounts", f"expected a table, got {raw!r}", "write [accounts] then twitter = [\"...\"]")
    accounts, names = {}, {}
    for channel, items in raw.items():
        key = f"accounts.{channel}"
        if channel not in CHANNELS:
            _fail(source, key, f"unknown channel {channel!r}", f"use one of {list(CHANNELS)}")
        if isinstance(items, str):
            items = [items]
        if not isinstance(items, list):
            _fail(source, key, f"expected a list, got {items!r}",
                  'write e.g. ["AytoEjemplo"], or [["Ayto", "1234"]] for one account under two handles')
        groups = [_str_list(item, source, key) for item in items]
        if any(not group for group in groups):
            _fail(source, key, "an account without any handle ([])", 'write its handles, e.g. [["Ayto", "1234"]]')
        names[channel] = {}
        for group in groups:  # each handle names one account: its item's first handle
            for handle in group:
                other = names[channel].setdefault(normalise_handle(handle), group[0].lstrip("@"))
                if other != group[0].lstrip("@"):
                    _fail(source, key, f"{handle!r} is listed under two accounts ({other!r} and {group[0]!r})",
                          "list each handle once")
        accounts[channel] = tuple(h for group in groups for h in group)
    return accounts, names


def _parse_office_hours(raw, source):
    if not isinstance(raw, dict):
        _fail(source, "office_hours", f"expected a table, got {raw!r}", 'write monday = "09:00-14:00"')
    hours = {}
    for day, value in raw.items():
        key = f"office_hours.{day}"
        if day not in WEEKDAYS:
            _fail(source, key, f"unknown weekday {day!r}", f"use one of {list(WEEKDAYS)}")
        if value in ("", "closed", None, []):
            continue
        items = value if isinstance(value, list) else [value]
        spans = []
        for span in items:
            if not isinstance(span, str) or not _HOURS.match(span):
                _fail(source, key, f"expected 'HH:MM-HH:MM' or a list of them, got {value!r}",
                      'write e.g. "08:00-15:00", ["09:00-14:00", "16:00-19:00"] or "closed"')
            start, end = span.split("-")
            if end <= start:
                _fail(source, key, f"office hours end before they start ({span})", "write the earlier time first")
            if spans and start < spans[-1][1]:
                _fail(source, key, f"office hours {span} start before the previous span ends ({value!r})",
                      "list the spans of a day in order, without overlaps")
            spans.append((start, end))
        hours[day] = spans[0] if len(spans) == 1 else tuple(spans)
    if not hours:
        _fail(source, "office_hours", "no day has office hours: every business time would be 0 minutes",
              'give at least one day, e.g. monday = "09:00-14:00", or remove [office_hours] for the default')
    return hours


def _parse_dates(raw, source, key):
    if not isinstance(raw, list):
        _fail(source, key, f"expected a list of dates, got {raw!r}", "write e.g. [2026-05-15, 2026-09-08]")
    dates = []
    for item in raw:
        if isinstance(item, dt.datetime):
            item = item.date()
        elif isinstance(item, str):
            try:
                item = dt.date.fromisoformat(item)
            except ValueError:
                _fail(source, key, f"{item!r} is not a date", "write dates as YYYY-MM-DD")
        if not isinstance(item, dt.date):
            _fail(source, key, f"{item!r} is not a date", "write dates as YYYY-MM-DD")
        dates.append(item)
    return tuple(sorted(dates))


def _parse_csv(raw, source):
    if not isinstance(raw, dict):
        _fail(source, "csv", f"expected a table, got {raw!r}", "write [csv] with a [csv.columns] table")
    columns = raw.get("columns", {})
    if not isinstance(columns, dict):
        _fail(source, "csv.columns", f"expected a table, got {columns!r}", 'write message_id = "ID"')
    for target, name in columns.items():
        if target not in CSV_TARGETS:
            _fail(source, f"csv.columns.{target}", f"unknown target column {target!r}", f"use one of {list(CSV_TARGETS)}")
        if not isinstance(name, str) or not name:
            _fail(source, f"csv.columns.{target}", f"expected a column name, got {name!r}", "write the CSV header text")
    channel = raw.get("channel", "other")
    if channel not in CHANNELS:
        _fail(source, "csv.channel", f"unknown channel {channel!r}", f"use one of {list(CHANNELS)}")
    delimiter = raw.get("delimiter", "auto")
    if delimiter not in ("auto", ",", ";", "\t", "|"):
        _fail(source, "csv.delimiter", f"unsupported delimiter {delimiter!r}", 'use "auto", ",", ";", "\\t" or "|"')
    encoding = raw.get("encoding", "auto")
    if encoding != "auto":
        try:
            "".encode(encoding)
        except LookupError:
            _fail(source, "csv.encoding", f"unknown encoding {encoding!r}", 'use "auto", "utf-8" or "cp1252"')
    dayfirst = raw.get("dayfirst", True)
    if not isinstance(dayfirst, bool):
        _fail(source, "csv.dayfirst", f"expected true or false, got {dayfirst!r}", "write dayfirst = true")
    kwargs = {}
    if "true_values" in raw:
        kwargs["true_values"] = tuple(v.lower() for v in _str_list(raw["true_values"], source, "csv.true_values"))
    return CsvMapping(columns=dict(columns), channel=channel, delimiter=delimiter, encoding=encoding,
                      dayfirst=dayfirst, **kwargs)


def _parse_sla(raw, source) -> dict:
    if not isinstance(raw, dict):
        _fail(source, "sla", f"expected a table, got {raw!r}", "write [sla] business_hours = [2]")
    known = {"business_hours", "calendar_hours", "targets_hours", "grace_days"}
    for key in raw:
        if key not in known:
            _fail(source, f"sla.{key}", f"unknown setting {key!r}", f"use one of {sorted(known)}")
    out = {}
    # targets_hours is the older name of calendar_hours
    for key, target in (("business_hours", "sla_business_hours"), ("calendar_hours", "sla_calendar_hours"),
                        ("targets_hours", "sla_calendar_hours")):
        if key in raw:
            hours = raw[key]
            if not isinstance(hours, list) or not all(
                    isinstance(h, int | float) and not isinstance(h, bool) and math.isfinite(h) and 0 < h <= MAX_HOURS
                    for h in hours):
                _fail(source, f"sla.{key}", f"expected a list of hours above 0 and at most {MAX_HOURS} (a year), got {hours!r}",
                      f"write {key} = [2, 24]")
            out[target] = tuple(sorted(float(h) for h in hours))
    if "grace_days" in raw:
        grace = raw["grace_days"]
        if not isinstance(grace, int | float) or isinstance(grace, bool) or not 0 <= grace <= MAX_GRACE_DAYS:
            _fail(source, "sla.grace_days", f"expected a number of days from 0 to {MAX_GRACE_DAYS}, got {grace!r}",
                  "write grace_days = 7")
        out["grace_days"] = float(grace)
    return out


def _number(value, source, key, fix) -> float:
    if not isinstance(value, int | float) or isinstance(value, bool) or not math.isfinite(value):
        _fail(source, key, f"expected a finite number, got {value!r}", fix)
    return float(value)


def _parse_index(raw, source) -> IndexSettings:
    from roi.index import CATALOGUE  # the catalogue imports this module

    if not isinstance(raw, dict):
        _fail(source, "index", f"expected a table, got {raw!r}", "write [index.weights] then speed = 1")
    by_name = {ind.name: ind for ind in CATALOGUE}
    for key in raw:
        if key not in ("weights", "min_n") and key not in by_name:
            _fail(source, f"index.{key}", f"unknown indicator or setting {key!r}",
                  f"use weights, min_n or an indicator among {sorted(by_name)}")
    weights = dict.fromkeys(INDEX_FAMILIES, 1.0)
    if "weights" in raw:
        table = raw["weights"]
        if not isinstance(table, dict):
            _fail(source, "index.weights", f"expected a table, got {table!r}", "write [index.weights] then speed = 1")
        for family, value in table.items():
            key = f"index.weights.{family}"
            if family not in INDEX_FAMILIES:
                _fail(source, key, f"unknown family {family!r}", f"use one of {list(INDEX_FAMILIES)}")
            weights[family] = _number(value, source, key, f"write e.g. {family} = 1")
            if weights[family] < 0:
                _fail(source, key, f"a weight cannot be negative ({value!r})", "write 0 to leave the family out")
        if not any(weights.values()):
            _fail(source, "index.weights", "every family weight is 0", "give at least one family a positive weight")
    min_n = raw.get("min_n", DEFAULT_MIN_N)
    if not isinstance(min_n, int) or isinstance(min_n, bool) or min_n < 1:
        _fail(source, "index.min_n", f"expected a whole number >= 1, got {min_n!r}", "write min_n = 1")
    indicators = {}
    for name, table in raw.items():
        if name in ("weights", "min_n"):
            continue
        ind = by_name[name]
        if not isinstance(table, dict):
            _fail(source, f"index.{name}", f"expected a table, got {table!r}", f"write [index.{name}] then target = ...")
        over = {}
        for key, value in table.items():
            where = f"index.{name}.{key}"
            if key not in ("target", "floor", "weight"):
                _fail(source, where, f"unknown setting {key!r}", "use target, floor or weight")
            over[key] = _number(value, source, where, f"write e.g. {key} = {getattr(ind, key, 1.0):g}")
            low, high = ind.bounds if key != "weight" else (0.0, math.inf)
            if not low <= over[key] <= high:
                _fail(source, where, f"{value!r} is outside {ind.name}'s range [{low:g}, {high:g}]",
                      f"write a value between {low:g} and {high:g}")
        target, floor = over.get("target", ind.target), over.get("floor", ind.floor)
        if (target > floor) != ind.higher_is_better or target == floor:
            better = "higher" if ind.higher_is_better else "lower"
            side = "above" if ind.higher_is_better else "below"
            key = f"index.{name}.target" if "target" in over else f"index.{name}.floor"
            _fail(source, key, f"{better} is better for {name}, so its target must lie {side} its floor "
                  f"(target {target:g}, floor {floor:g})", f"write a target {side} the floor")
        indicators[name] = over
    return IndexSettings(weights=weights, indicators=indicators, min_n=min_n)


def _check_holidays(country: str, subdivision: str | None, source) -> None:
    """Fail unless the ``holidays`` package knows the country and, if given, its subdivision."""
    import holidays

    supported = holidays.list_supported_countries()
    if country not in supported:
        _fail(source, "holidays.country", f"unknown holiday country {country!r}", 'use an ISO 3166 code such as "ES"')
    if subdivision is not None and subdivision not in supported[country]:
        _fail(source, "holidays.subdivision", f"unknown subdivision {subdivision!r} of {country}",
              f"use one of {supported[country]}")


def config_from_dict(raw: dict, source: str | None = None) -> Config:
    """Build a :class:`Config` from a parsed TOML mapping, validating every field."""
    known = {
        "name", "timezone", "accounts", "office_hours", "holidays", "official_domains",
        "sla", "language", "csv", "index", "report", "privacy", "models", "topics",
    }
    for key in raw:
        if key not in known:
            _fail(source, key, f"unknown setting {key!r}", f"use one of {sorted(known)}")
    kwargs: dict = {"source": source}
    if "name" in raw:
        if not isinstance(raw["name"], str) or not raw["name"].strip():
            _fail(source, "name", "expected a non-empty string", 'write name = "Ayuntamiento de ..."')
        kwargs["name"] = raw["name"].strip()
    if "timezone" in raw:
        try:
            zoneinfo.ZoneInfo(str(raw["timezone"]))
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            _fail(source, "timezone", f"unknown time zone {raw['timezone']!r}", 'use an IANA name like "Europe/Madrid"')
        kwargs["timezone"] = str(raw["timezone"])
    if "accounts" in raw:
        kwargs["accounts"], kwargs["account_names"] = _parse_accounts(raw["accounts"], source)
    if "office_hours" in raw:
        kwargs["office_hours"] = _parse_office_hours(raw["office_hours"], source)
    if "holidays" in raw:
        hol = raw["holidays"]
        if not isinstance(hol, dict):
            _fail(source, "holidays", f"expected a table, got {hol!r}", 'write [holidays] country = "ES"')
        kwargs["holiday_country"] = str(hol.get("country", "ES"))
        sub = hol.get("subdivision")
        kwargs["holiday_subdivision"] = None if sub in (None, "") else str(sub)
        kwargs["local_holidays"] = _parse_dates(hol.get("local", []), source, "holidays.local")
        _check_holidays(kwargs["holiday_country"], kwargs["holiday_subdivision"], source)
    if "privacy" in raw:
        privacy = raw["privacy"]
        if not isinstance(privacy, dict):
            _fail(source, "privacy", f"expected a table, got {privacy!r}", "write [privacy] then show_text = false")
        for key, value in privacy.items():
            if key != "show_text":
                _fail(source, f"privacy.{key}", f"unknown setting {key!r}", "use show_text")
            if not isinstance(value, bool):
                _fail(source, "privacy.show_text", f"expected true or false, got {value!r}",
                      "write show_text = true (without quotes) to show redacted citizen texts, or false")
    if "official_domains" in raw:
        kwargs["official_domains"] = tuple(d.lower() for d in _str_list(raw["official_domains"], source, "official_domains"))
    if "sla" in raw:
        kwargs.update(_parse_sla(raw["sla"], source))
    if "language" in raw:
        if raw["language"] not in ("es", "en"):
            _fail(source, "language", f"unsupported report language {raw['language']!r}", 'use "es" or "en"')
        kwargs["language"] = raw["language"]
    if "csv" in raw:
        kwargs["csv"] = _parse_csv(raw["csv"], source)
    if "index" in raw:
        kwargs["index"] = _parse_index(raw["index"], source)
    if "models" in raw:
        kwargs["models"] = _parse_models(raw["models"], source)
    if "topics" in raw:
        kwargs["topics"] = _parse_topics(raw["topics"], source)
    return Config(**kwargs)


def _parse_topics(raw, source) -> dict:
    """``[topics]``: ``replace`` (drop the default cues), ``[topics.cues.<lang>.<topic>]`` tables of
    cues, ``[topics.service_names]`` mapping Open311 ``service_name`` values to topic ids (:mod:`roi.topics`)."""
    from roi.topics import LANGUAGES, TOPICS

    if not isinstance(raw, dict):
        _fail(source, "topics", f"expected a table, got {raw!r}", "write [topics] then service_names = { ... }")
    for key in raw:
        if key not in ("replace", "cues", "service_names"):
            _fail(source, f"topics.{key}", f"unknown setting {key!r}", "use replace, cues or service_names")
    replace = raw.get("replace", False)
    if not isinstance(replace, bool):
        _fail(source, "topics.replace", f"expected true or false, got {replace!r}", "write replace = true or false")
    cues = raw.get("cues", {})
    if not isinstance(cues, dict):
        _fail(source, "topics.cues", f"expected a table, got {cues!r}", 'write [topics.cues.es.mi_tema] strong = ["..."]')
    own = set()
    for lang, tables in cues.items():
        if lang not in LANGUAGES:
            _fail(source, f"topics.cues.{lang}", f"unknown language {lang!r}", f"use one of {list(LANGUAGES)}")
        if not isinstance(tables, dict) or not all(isinstance(t, dict) for t in tables.values()):
            _fail(source, f"topics.cues.{lang}", "expected one table per topic",
                  f'write [topics.cues.{lang}.mi_tema] strong = ["..."]')
        for topic, table in tables.items():
            for kind, value in table.items():
                if kind not in ("strong", "cues", "weak", "unless"):
                    _fail(source, f"topics.cues.{lang}.{topic}.{kind}", f"unknown setting {kind!r}",
                          "use strong, cues, weak or unless")
                _str_list(value, source, f"topics.cues.{lang}.{topic}.{kind}")
            own.add(topic)
    known = own if replace else own | set(TOPICS)
    names = raw.get("service_names", {})
    if not isinstance(names, dict):
        _fail(source, "topics.service_names", f"expected a table, got {names!r}",
              'write [topics.service_names] "Farola apagada" = "alumbrado"')
    for name, topic in names.items():
        if topic not in known:
            _fail(source, f"topics.service_names.{name}", f"unknown topic {topic!r}",
                  f"use one of {sorted(known)} or add its cues under [topics.cues]")
    return {"replace": replace, "cues": cues, "service_names": {str(k).strip(): v for k, v in names.items()}}


def _parse_models(raw, source) -> dict[str, str]:
    """``[models]``: model files (``roi train``) that replace the shipped ones; paths relative to the config file."""
    from roi.models import JUDGMENTS

    if not isinstance(raw, dict):
        _fail(source, "models", f"expected a table, got {raw!r}", 'write [models] then courtesy = "models/courtesy.json"')
    base = Path(source).parent if source else Path(".")
    out = {}
    for key, value in raw.items():
        if key != "dir" and key not in JUDGMENTS:
            _fail(source, f"models.{key}", f"unknown judgment {key!r}", f"use dir or one of {list(JUDGMENTS)}")
        if not isinstance(value, str) or not value.strip():
            _fail(source, f"models.{key}", f"expected a path, got {value!r}", f'write {key} = "models/{key}.json"')
        path = Path(value).expanduser()
        path = path if path.is_absolute() else base / path
        if key == "dir" and not path.is_dir():
            _fail(source, "models.dir", f"folder {value!r} not found", "write the folder roi train wrote, e.g. dir = \"models\"")
        if key != "dir" and not path.is_file():
            _fail(source, f"models.{key}", f"model file {value!r} not found", "run roi train, or correct the path")
        out[key] = str(path)
    return out


def load_config(path: str | Path | None) -> Config:
    """Read and validate a TOML configuration file; ``None`` gives the defaults."""
    if path is None:
        return Config()
    if isinstance(path, Config):
        return path
    path = Path(path)
    if path.exists() and not path.is_dir() and not path.is_file():
        raise ConfigError("is not a regular file (a device or a pipe)", file=path, fix="name the configuration file")
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise ConfigError("configuration file not found", file=path, fix="check the path or omit --config") from None
    except IsADirectoryError:
        raise ConfigError("is a folder, not a TOML file", file=path, fix="name the configuration file, e.g. roi.toml") from None
    except OSError as exc:
        raise ConfigError(f"cannot be read ({exc.strerror})", file=path, fix="check the path and its permissions") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"not UTF-8 text (byte {exc.start})", file=path, fix="save the file as UTF-8") from None
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"invalid TOML: {exc}", file=path, fix="correct the syntax at that line") from None
    return config_from_dict(raw, source=str(path))


def as_config(config: Config | str | Path | None) -> Config:
    """A :class:`Config` from a Config, a path to a TOML file, or None (the defaults)."""
    return config if isinstance(config, Config) else load_config(config)
