"""The fictional council: its names, web domains, accounts, office hours and ``roi.toml``.

Everything is invented; every domain is under ``example.org``.
"""

from __future__ import annotations

import datetime as dt

from roi.sample.conversations import Person

__all__ = [
    "COUNCIL",
    "EMAIL",
    "FB_PAGE_ID",
    "HANDLES",
    "MASTODON_HOST",
    "OFFICE_END",
    "OFFICE_START",
    "OPEN311_JURISDICTION",
    "OPEN_DATA",
    "SEDE",
    "SUBDIVISION",
    "TIMEZONE",
    "TOWN",
    "WEB",
    "account",
    "config_text",
]

TOWN = "Torrebruna de Mar"
COUNCIL = "Ajuntament de Torrebruna de Mar"
TIMEZONE = "Europe/Madrid"
SUBDIVISION = "CT"
WEB = "www.torrebruna.example.org"
SEDE = "seu.torrebruna.example.org"
OPEN_DATA = "transparencia.torrebruna.example.org"
MASTODON_HOST = "social.torrebruna.example.org"
EMAIL = "atencio@torrebruna.example.org"
OPEN311_JURISDICTION = "torrebruna.example.org"
HANDLES = {"twitter": "AjTorrebruna", "instagram": "ajtorrebruna", "mastodon": "ajtorrebruna"}
FB_PAGE_ID = "104729384756120"
OFFICE_START, OFFICE_END = dt.time(8, 0), dt.time(15, 0)

# channel -> (user id, handle, account created (UTC) or None, home domain)
_ACCOUNTS = {
    "twitter": ("1062730000000001000", HANDLES["twitter"], dt.datetime(2012, 5, 3, 9, 14, tzinfo=dt.UTC), ""),
    "facebook": (FB_PAGE_ID, COUNCIL, None, ""),
    "instagram": ("17841400000000001", HANDLES["instagram"], None, ""),
    "mastodon": ("109331000000000001", HANDLES["mastodon"], dt.datetime(2022, 11, 10, tzinfo=dt.UTC), MASTODON_HOST),
    "open311": (OPEN311_JURISDICTION, OPEN311_JURISDICTION, None, ""),
    "email": (EMAIL, EMAIL, None, ""),
}


def account(channel: str) -> Person:
    """The council's own account on one channel.

    Parameters
    ----------
    channel
        ``"twitter"``, ``"facebook"``, ``"instagram"``, ``"mastodon"``, ``"open311"`` or ``"email"``.

    Returns
    -------
    Person
        A new object on each call (messages are told apart from the council's by identity),
        named :data:`COUNCIL`, writing in Catalan.
    """
    uid, handle, created, domain = _ACCOUNTS[channel]
    return Person(uid, handle, COUNCIL, "", "ca", int(created.timestamp()) if created else 0, domain)


def config_text(local_holidays: tuple[dt.date, ...]) -> str:
    """The ``roi.toml`` of the fictional council.

    Parameters
    ----------
    local_holidays
        The town's two local holidays of the sample year (see :class:`roi.sample.timing.Clock`).

    Returns
    -------
    str
        TOML text: time zone, official domains, the accounts of every channel, office hours,
        holidays, SLA targets and the column map of ``contact_form.csv``.
    """
    local = ", ".join(d.isoformat() for d in local_holidays)
    return f'''# Configuration of a FICTIONAL council, written by roi.sample.write_samples.
# Every name, handle and domain here is invented (domains under example.org).
name = "{COUNCIL}"
timezone = "{TIMEZONE}"
language = "es"
official_domains = ["torrebruna.example.org", "{WEB}", "{SEDE}", "{OPEN_DATA}"]

[accounts]
twitter = ["{HANDLES['twitter']}"]
facebook = [["{COUNCIL}", "{FB_PAGE_ID}"]]  # one page: its name, then its id
instagram = ["{HANDLES['instagram']}"]
mastodon = [["{HANDLES['mastodon']}", "{HANDLES['mastodon']}@{MASTODON_HOST}"]]
open311 = ["{OPEN311_JURISDICTION}"]
email = ["{EMAIL}"]

[office_hours]
monday = "08:00-15:00"
tuesday = "08:00-15:00"
wednesday = "08:00-15:00"
thursday = "08:00-15:00"
friday = "08:00-15:00"

[holidays]
country = "ES"
subdivision = "{SUBDIVISION}"
# local holidays: the town's festa major and its patron saint's day
local = [{local}]

[sla]
targets_hours = [2, 8, 24]

[csv]
channel = "email"
delimiter = ";"
encoding = "cp1252"
dayfirst = true

[csv.columns]
message_id = "Id"
created_at = "Fecha"
author_name = "Remitente"
text = "Mensaje"
parent_id = "En respuesta a"
'''
