import datetime as dt

import pytest

from roi.config import Config, load_config
from roi.errors import ConfigError

GOOD = """
name = "Ayuntamiento de Ejemplo"
timezone = "Europe/Madrid"
[accounts]
twitter = ["@AytoEjemplo", "PoliciaEjemplo"]
[office_hours]
monday = "08:00-15:00"
saturday = "closed"
[holidays]
country = "ES"
subdivision = "MD"
local = [2026-05-15, "2026-11-09"]
[csv]
delimiter = ";"
[csv.columns]
message_id = "Id"
"""


def test_good_config_is_read(tmp_path):
    path = tmp_path / "roi.toml"
    path.write_text(GOOD, encoding="utf-8")
    config = load_config(path)
    assert config.name == "Ayuntamiento de Ejemplo"
    assert config.official_handles("twitter") == {"aytoejemplo", "policiaejemplo"}
    assert config.default_account("twitter") == "AytoEjemplo"
    assert config.office_hours == {"monday": ("08:00", "15:00")}
    assert config.local_holidays == (dt.date(2026, 5, 15), dt.date(2026, 11, 9))
    assert config.csv.delimiter == ";" and config.csv.columns == {"message_id": "Id"}


def test_defaults_without_a_file():
    config = load_config(None)
    assert config == Config()
    assert config.timezone == "Europe/Madrid" and config.office_hours["friday"] == ("09:00", "14:00")


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ('timezone = "Europe/Madird"', "timezone"),
        ('[accounts]\ntiktok = ["x"]', "accounts.tiktok"),
        ('[office_hours]\nmonday = "9-14"', "office_hours.monday"),
        ('[office_hours]\nmonday = "15:00-08:00"', "office_hours.monday"),
        ('[holidays]\nlocal = ["15/05/2026"]', "holidays.local"),
        ('language = "fr"', "language"),
        ('[csv.columns]\nbody = "Mensaje"', "csv.columns.body"),
        ('colour = "blue"', "colour"),
        ("[index]\nmin_n = 0", "index.min_n"),
        ('[index]\nmin_n = "5"', "index.min_n"),
        ("[index.weights]\nspeeed = 1", "index.weights.speeed"),
        ("[index.weights]\nspeed = -1", "index.weights.speed"),
        ('[index.weights]\nspeed = "1"', "index.weights.speed"),
        ("[index.weights]\nspeed = 0\nempathy = 0\nsatisfaction = 0\ntransparency = 0", "index.weights"),
        ("[index.response_rte]\ntarget = 0.9", "index.response_rte"),
        ("[index.response_rate]\ngoal = 0.9", "index.response_rate.goal"),
        ("[index.response_rate]\ntarget = 95", "index.response_rate.target"),  # a share, not a percentage
        ("[index.response_rate]\ntarget = true", "index.response_rate.target"),
        ("[index.response_rate]\nfloor = 0.95", "index.response_rate.floor"),  # floor above the 0.90 target
        ("[index.recontact_7d]\ntarget = 0.5", "index.recontact_7d.target"),  # lower is better: target below floor
        ("[index.frt_median_business_minutes]\nfloor = -5", "index.frt_median_business_minutes.floor"),
        ("[index.nps]\nweight = -1", "index.nps.weight"),
        ("[index]\nweights = 1", "index.weights"),
        # issue 13.9
        ("[sla]\ngrace_days = 1e8", "sla.grace_days"),
        ("[sla]\ncalendar_hours = [inf]", "sla.calendar_hours"),
        ("[sla]\nbusiness_hours = [nan]", "sla.business_hours"),
        ('[office_hours]\nmonday = "closed"', "office_hours"),
        ("[office_hours]", "office_hours"),
        ('[holidays]\ncountry = "ES"\nsubdivision = "XX"', "holidays.subdivision"),
        ('[holidays]\ncountry = "QQ"', "holidays.country"),
        ('[privacy]\nshow_text = "yes"', "privacy.show_text"),
        ("[privacy]\nshow_txt = true", "privacy.show_txt"),
    ],
)
def test_invalid_values_name_the_field(tmp_path, text, field):
    path = tmp_path / "roi.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert info.value.field == field
    assert str(path) in str(info.value) and "How to fix" in str(info.value)


def test_syntax_error_and_missing_file(tmp_path):
    path = tmp_path / "roi.toml"
    path.write_text("name = ", encoding="utf-8")
    with pytest.raises(ConfigError, match="invalid TOML"):
        load_config(path)
    with pytest.raises(ConfigError, match="not found"):
        load_config(tmp_path / "nope.toml")


def test_office_hours_with_several_spans_a_day(tmp_path):
    path = tmp_path / "roi.toml"
    path.write_text(
        '[office_hours]\nmonday = "09:00-14:00"\nthursday = ["09:00-14:00", "16:00-19:00"]\n'
        'friday = ["08:00-15:00"]\nsaturday = []\n',
        encoding="utf-8",
    )
    config = load_config(path)
    # a single span keeps the (start, end) form, alone or as a one-item list; several become a tuple of pairs
    assert config.office_hours == {
        "monday": ("09:00", "14:00"),
        "thursday": (("09:00", "14:00"), ("16:00", "19:00")),
        "friday": ("08:00", "15:00"),
    }


@pytest.mark.parametrize(
    "value",
    ['["09:00-14:00", "9-14"]', '["09:00-14:00", "13:00-19:00"]', '["16:00-19:00", "09:00-14:00"]', '[9]'],
)
def test_invalid_span_lists_name_the_day(tmp_path, value):
    path = tmp_path / "roi.toml"
    path.write_text(f"[office_hours]\nthursday = {value}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert info.value.field == "office_hours.thursday" and "How to fix" in str(info.value)


INDEX = """
[index]
min_n = 5
[index.weights]
speed = 2
transparency = 0
[index.response_rate]
target = 0.95
floor = 0.7
[index.frt_median_business_minutes]
target = 60
[index.nps]
weight = 2
"""


def test_index_section_is_read(tmp_path):
    path = tmp_path / "roi.toml"
    path.write_text(INDEX, encoding="utf-8")
    index = load_config(path).index
    # families not listed keep weight 1 (equal weights by default)
    assert index.weights == {"speed": 2.0, "empathy": 1.0, "satisfaction": 1.0, "transparency": 0.0}
    assert index.min_n == 5
    assert index.indicators == {
        "response_rate": {"target": 0.95, "floor": 0.7},
        "frt_median_business_minutes": {"target": 60.0},
        "nps": {"weight": 2.0},
    }


def test_index_defaults():
    index = load_config(None).index
    assert index.weights == {"speed": 1.0, "empathy": 1.0, "satisfaction": 1.0, "transparency": 1.0}
    assert index.indicators == {} and index.min_n == 10  # documented in docs/configuration.md


@pytest.mark.parametrize(("value", "problem"), [
    ('[["Ajuntament", 1047]]', "non-empty strings"),
    ("[[]]", "without any handle"),
    ('[["Ajuntament", "1047"], ["Policia", "1047"]]', "under two accounts"),
])
def test_an_account_item_must_be_a_handle_or_a_list_of_handles_each_listed_once(tmp_path, value, problem):
    path = tmp_path / "roi.toml"
    path.write_text(f"[accounts]\nfacebook = {value}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=rf"accounts\.facebook.*{problem}|{problem}.*accounts\.facebook"):
        load_config(path)
