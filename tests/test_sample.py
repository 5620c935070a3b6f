"""Tests of roi.sample: the generated exports are deterministic, in the platforms' real
shapes, and have the properties the indicators measure.

Every property is checked by an independent computation in this file (plain json / csv /
pandas and the ``holidays`` package), not with roi.sample's own helpers.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import re

import holidays
import numpy as np
import pandas as pd
import pytest

from roi.config import load_config
from roi.sample import SAMPLE_FILES, write_samples

TZ = "Europe/Madrid"


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """The full sample (seed 2026, scale 1), written once for this module."""
    out = tmp_path_factory.mktemp("samples")
    return write_samples(out)


@pytest.fixture(scope="module")
def config(generated):
    return load_config(generated["config"])


@pytest.fixture(scope="module")
def flat(generated, config):
    return _flatten(generated, config)


def _flatten(paths, config) -> pd.DataFrame:
    """One row per message of the six exports: channel, id, parent, official, ts (UTC), ..."""
    rows = []
    official = {ch: {h.lower() for h in hs} for ch, hs in config.accounts.items()}

    def add(channel, mid, parent, who, ts, text, *, lang=None, hidden=False, public=True, author=None, post=False):
        rows.append({"channel": channel, "id": str(mid), "parent": parent, "official": str(who).lower() in official[channel],
                     "ts": ts, "text": text, "lang": lang, "hidden": hidden, "public": public,
                     "author": author if author is not None else who, "post": post})

    for line in paths["twitter"].read_text(encoding="utf-8").splitlines():
        t = json.loads(line)
        parent = next((r["id"] for r in t.get("referenced_tweets", []) if r["type"] == "replied_to"), None)
        add("twitter", t["id"], parent, t["author"]["username"], t["created_at"], html.unescape(t["text"]),
            lang=t["lang"], post=parent is None and t["author"]["username"] == "AjTorrebruna")
    fb = json.loads(paths["facebook"].read_text(encoding="utf-8"))
    for post in fb["data"]:
        add("facebook", post["id"], None, post["from"]["id"], post["created_time"], post["message"], post=True)
        for c in post.get("comments", {}).get("data", []):
            add("facebook", c["id"], post["id"], c["from"]["id"], c["created_time"], c["message"], hidden=c["is_hidden"])
            for r in c.get("comments", {}).get("data", []):
                add("facebook", r["id"], c["id"], r["from"]["id"], r["created_time"], r["message"], hidden=r["is_hidden"])
    ig = json.loads(paths["instagram"].read_text(encoding="utf-8"))
    for media in ig["data"]:
        add("instagram", media["id"], None, media["username"], media["timestamp"], media["caption"], post=True)
        for c in media.get("comments", {}).get("data", []):
            add("instagram", c["id"], media["id"], c["username"], c["timestamp"], c["text"], hidden=c["hidden"])
            for r in c.get("replies", {}).get("data", []):
                add("instagram", r["id"], r["parent_id"], r["username"], r["timestamp"], r["text"], hidden=r["hidden"])
    for s in json.loads(paths["mastodon"].read_text(encoding="utf-8")):
        text = html.unescape(re.sub(r"<[^>]+>", "", s["content"]))
        add("mastodon", s["id"], s["in_reply_to_id"], s["account"]["acct"], s["created_at"], text,
            lang=s["language"], public=s["visibility"] != "direct",
            post=s["in_reply_to_id"] is None and s["account"]["acct"] == "ajtorrebruna")
    for r in json.loads(paths["open311"].read_text(encoding="utf-8")):
        add("open311", r["service_request_id"], None, "citizen", r["requested_datetime"], r["description"])
        if r["status_notes"]:
            add("open311", r["service_request_id"] + "/note", r["service_request_id"], config.accounts["open311"][0],
                r["updated_datetime"], r["status_notes"])
    text = paths["contact_form"].read_bytes().decode("cp1252")
    for r in csv.DictReader(io.StringIO(text, newline=""), delimiter=";"):
        local = pd.Timestamp(dt.datetime.strptime(r["Fecha"], "%d/%m/%Y %H:%M")).tz_localize(TZ)
        add("email", r["Id"], r["En respuesta a"] or None, r["Remitente"], local, r["Mensaje"], public=False)
    frame = pd.DataFrame(rows)
    frame["ts"] = pd.to_datetime(frame["ts"], utc=True, format="ISO8601")
    frame["key"] = frame["channel"] + ":" + frame["id"]
    frame["parent_key"] = (frame["channel"] + ":" + frame["parent"]).where(frame["parent"].notna())
    return frame


def _working(local: pd.Series, config) -> pd.Series:
    """True where a local timestamp falls in office hours (Mon-Fri 08:00-15:00, not a holiday)."""
    closed = set(holidays.country_holidays("ES", subdiv="CT", years=[2024, 2025, 2026])) | set(config.local_holidays)
    workday = (local.dt.day_of_week < 5) & ~local.dt.date.isin(closed)
    minutes = local.dt.hour * 60 + local.dt.minute
    return workday & (minutes >= 8 * 60) & (minutes < 15 * 60)


def _starters(flat: pd.DataFrame) -> pd.Series:
    """Citizen messages that open an exchange: a mention, DM, request, e-mail or a comment on a post."""
    posts = set(flat.loc[flat["post"], "key"])
    return ~flat["official"] & (flat["parent_key"].isna() | flat["parent_key"].isin(posts))


# -- files, determinism, config ---------------------------------------------------------------


def test_every_file_is_written(generated):
    assert set(generated) == set(SAMPLE_FILES)
    for name, path in generated.items():
        assert path.name == SAMPLE_FILES[name]
        assert path.stat().st_size > 0


def test_same_seed_gives_identical_bytes_and_another_seed_differs(tmp_path):
    a = write_samples(tmp_path / "a", seed=7, scale=0.2)
    b = write_samples(tmp_path / "b", seed=7, scale=0.2)
    c = write_samples(tmp_path / "c", seed=8, scale=0.2)
    for name in SAMPLE_FILES:
        assert a[name].read_bytes() == b[name].read_bytes(), name
    assert a["twitter"].read_bytes() != c["twitter"].read_bytes()


def test_committed_samples_are_what_seed_2026_generates(generated, samples):
    # data/samples/ is committed: regenerate it when the roi/sample package changes (see the module docstring)
    for name, path in generated.items():
        committed = samples / SAMPLE_FILES[name]
        assert committed.is_file(), f"{committed.name} missing from data/samples"
        assert committed.read_bytes() == path.read_bytes(), f"{committed.name} is stale: regenerate data/samples"


def test_config_loads_and_maps_the_contact_form(generated, config):
    assert config.timezone == TZ
    assert config.holiday_country == "ES" and config.holiday_subdivision == "CT"
    assert len(config.local_holidays) == 2
    assert all(d.weekday() < 5 and d.year == 2025 for d in config.local_holidays)
    assert set(config.accounts) == {"twitter", "facebook", "instagram", "mastodon", "open311", "email"}
    assert config.office_hours["monday"] == ("08:00", "15:00") and "saturday" not in config.office_hours
    assert config.csv.channel == "email" and config.csv.delimiter == ";" and config.csv.encoding == "cp1252"
    header = generated["contact_form"].read_bytes().decode("cp1252").splitlines()[0].split(";")
    assert set(config.csv.columns.values()) <= set(header)


# -- the real formats --------------------------------------------------------------------------------


def test_twitter_lines_are_twarc_flat_tweets(generated):
    tweets = [json.loads(line) for line in generated["twitter"].read_text(encoding="utf-8").splitlines()]
    for t in tweets:
        assert {"id", "text", "created_at", "author_id", "conversation_id", "lang", "public_metrics", "author",
                "__twarc"} <= set(t)
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z", t["created_at"])
        assert t["author"]["id"] == t["author_id"]
    replies = [t for t in tweets if "referenced_tweets" in t]
    assert replies and all(t["referenced_tweets"][0]["type"] == "replied_to" and "in_reply_to_user_id" in t
                           for t in replies)
    ids = {t["id"] for t in tweets}
    assert all(t["conversation_id"] in ids for t in tweets)  # every conversation root is in the export
    linked = [u for t in tweets for u in t.get("entities", {}).get("urls", [])]
    assert linked and all(u["url"].startswith("https://t.co/") and u["expanded_url"] for u in linked)


def test_graph_api_ids_and_timestamps(generated, config):
    fb = json.loads(generated["facebook"].read_text(encoding="utf-8"))
    page_id = config.accounts["facebook"][1]
    for post in fb["data"]:
        assert post["id"].startswith(page_id + "_")
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000", post["created_time"])
        post_id = post["id"].split("_")[1]
        for c in post.get("comments", {}).get("data", []):
            assert c["id"].startswith(post_id + "_")
            assert isinstance(c["is_hidden"], bool) and isinstance(c["like_count"], int)
    ig = json.loads(generated["instagram"].read_text(encoding="utf-8"))
    replies = [r for m in ig["data"] for c in m.get("comments", {}).get("data", [])
               for r in c.get("replies", {}).get("data", [])]
    assert replies and all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000", r["timestamp"]) for r in replies)


def test_open311_and_csv_encodings(generated):
    requests = json.loads(generated["open311"].read_text(encoding="utf-8"))
    assert {r["status"] for r in requests} == {"open", "closed"}
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0[12]:00", r["requested_datetime"]) for r in requests)
    data = generated["contact_form"].read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # Windows-1252, as Excel in Spain saves "CSV (delimitado por comas)"
    assert b"\r\n" in data
    survey = generated["survey"].read_bytes()
    assert survey.startswith(b"\xef\xbb\xbf")  # "CSV UTF-8" from Excel: with a byte-order mark
    rows = list(csv.DictReader(io.StringIO(survey.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert {r["scale"] for r in rows} == {"csat5", "nps10"}
    assert all(re.fullmatch(r"\d\d/\d\d/\d{4} \d\d:\d\d", r["answered_at"]) for r in rows)
    csat = [int(r["score"]) for r in rows if r["scale"] == "csat5"]
    assert min(csat) >= 1 and max(csat) <= 5 and sum(r["scale"] == "csat5" for r in rows) > len(rows) / 2


# -- the properties the indicators measure --------------------------------------------------------------


def test_size_and_volume(generated, flat):
    total = sum(path.stat().st_size for path in generated.values())
    assert total < 4_000_000  # committed to git
    assert 8_000 <= len(flat) <= 15_000
    assert flat["channel"].nunique() == 6


def test_official_replies_mostly_in_office_hours(flat, config):
    replies = flat[flat["official"] & flat["parent"].notna()]
    inside = _working(replies["ts"].dt.tz_convert(TZ), config)
    assert len(replies) > 2000
    assert 0.8 < inside.mean() < 0.995  # mostly, with a few evening / weekend duty replies


def test_evening_and_weekend_messages_are_answered_the_next_working_day(flat, config):
    starters = flat[_starters(flat) & (flat["channel"] != "open311")]
    local_in = starters["ts"].dt.tz_convert(TZ)
    off = starters[~_working(local_in, config).to_numpy()]
    replies = flat[flat["official"] & flat["parent_key"].isin(off["key"])]
    first = replies.sort_values("ts").drop_duplicates("parent_key").set_index("parent_key")
    arrived = off.set_index("key").loc[first.index, "ts"].dt.tz_convert(TZ)
    answered = first["ts"].dt.tz_convert(TZ)
    closed = set(holidays.country_holidays("ES", subdiv="CT", years=[2025, 2026])) | set(config.local_holidays)

    def next_working(ts):
        day = ts.date() if ts.hour < 8 and ts.day_of_week < 5 and ts.date() not in closed else ts.date() + dt.timedelta(1)
        while day.weekday() >= 5 or day in closed:
            day += dt.timedelta(1)
        return day

    expected = arrived.map(next_working)
    on_next_day = pd.Series([a.date() for a in answered], index=answered.index) == expected
    assert len(first) > 500
    assert on_next_day.mean() > 0.6


def test_unanswered_share(flat):
    starters = flat[_starters(flat)]
    answered = starters["key"].isin(flat.loc[flat["official"], "parent_key"])
    assert 0.15 < 1 - answered.mean() < 0.35


def test_hidden_comments_are_unanswered_citizen_comments(flat):
    hidden = flat[flat["hidden"]]
    assert (hidden.groupby("channel").size().reindex(["facebook", "instagram"]) >= 10).all()
    assert not hidden["official"].any()
    assert not hidden["key"].isin(flat.loc[flat["official"], "parent_key"]).any()


def test_direct_messages_on_mastodon(flat):
    mastodon = flat[flat["channel"] == "mastodon"]
    direct = mastodon[~mastodon["public"]]
    assert len(direct) >= 20
    assert direct["official"].any() and (~direct["official"]).any()  # DMs and the council's private answers


def test_three_languages(flat):
    langs = flat["lang"].dropna().value_counts(normalize=True)
    assert {"es", "ca", "en"} <= set(langs.index)
    assert langs["es"] > langs["ca"] > langs["en"] > 0.03
    assert flat["text"].str.contains("¿").any()


def test_follow_ups_and_recontacts(flat):
    by_key = flat.set_index("key")
    citizen_after_answer = flat[~flat["official"] & flat["parent_key"].isin(flat.loc[flat["official"] & ~flat["post"], "key"])]
    assert len(citizen_after_answer) > 50  # "gracias!" or a second complaint after the council's answer
    # re-contact: the same sender opens a second e-mail thread within 7 days
    email = flat[(flat["channel"] == "email") & flat["parent"].isna()].sort_values("ts")
    gap = email.groupby("author")["ts"].diff()
    assert (gap <= pd.Timedelta(days=7)).sum() > 10
    assert by_key.index.is_unique


def test_empathy_varies(flat):
    replies = flat[flat["official"] & flat["parent"].notna() & (flat["channel"] != "open311")]["text"]
    greeting = replies.str.contains(r"^(?:@\w+ )?(?:Hola|Buenos días|Bon dia|Bona tarda|Hi|Hello|Good morning)\b")
    apology = replies.str.contains(r"Sentimos|Lamentamos|disculpas|Disculpa|molèsties|Sorry|apologise")
    private = replies.str.contains(r"DM|privado|privat|010")
    sede = replies.str.contains("seu.torrebruna.example.org")
    curt = replies.str.contains(r"^(?:@\w+ )?(?:Consulte|No es competencia|Diríjase|Consulteu|No és competència)")
    for marker in (greeting, apology, private, sede, curt):
        assert 0.01 < marker.mean() < 0.9


def test_everything_is_invented(generated):
    text = "".join(path.read_bytes().decode("cp1252" if name == "contact_form" else "utf-8-sig")
                   for name, path in generated.items())
    emails = set(re.findall(r"[\w.+-]+@([\w-]+(?:\.[\w-]+)+)", text))
    assert emails and all(d.endswith(("example.org", "example.com")) for d in emails if "." in d)
    hosts = set(re.findall(r"https?://([^/\"\s<\\]+)", text))
    allowed = ("example.org", "example.com", "t.co", "www.instagram.com", "api.twitter.com")
    assert all(h.endswith(allowed) for h in hosts), sorted(h for h in hosts if not h.endswith(allowed))


# -- the readers read the samples ------------------------------------------------------------------------

READ_AS = {"twitter": "twitter_api_v2", "facebook": "facebook_graph", "instagram": "instagram_graph",
           "mastodon": "mastodon", "open311": "open311", "contact_form": "csv", "survey": "survey_csv"}


@pytest.mark.parametrize("name", sorted(READ_AS))
def test_readers_read_the_samples_without_rejects(name, generated, config, flat):
    import roi.io

    if READ_AS[name] not in roi.io.FORMATS:
        pytest.skip(f"reader {READ_AS[name]} not available")
    result = roi.io.read(generated[name], config=config)
    assert result.format == READ_AS[name]
    assert result.counts["rejects"] == 0 and result.counts["duplicates"] == 0
    if name in ("twitter", "facebook", "instagram", "mastodon", "contact_form"):
        channel = {"contact_form": "email"}.get(name, name)
        mine = flat[flat["channel"] == channel]
        assert len(result.messages) == len(mine)
        assert int(result.messages["is_official"].sum()) == int(mine["official"].sum())


def test_office_delays_past_the_calendar_continue_after_its_last_closing():
    """A delay longer than the office calendar (seed 1020 drew one) no longer overflows its arrays.

    Expected values worked by hand: inside the calendar, ``add`` moves by office seconds, so
    ``position(add(t, s)) - position(t) == s``; past the last closing, time runs on continuously,
    so one extra second past the calendar's office time lands one second after the last closing.
    """
    from roi.sample.timing import Clock

    clock = Clock(2025)
    t = int(clock.starts[10])
    assert int(clock.position(int(clock.add(t, 7200)))) - int(clock.position(t)) == 7200
    total = int(clock._cum_end[-1])
    assert int(clock.add(int(clock.starts[0]), total + 1)) == int(clock.ends[-1]) + 1
    far = clock.add(t, np.array([3600, 10 * total]))
    assert far[1] > clock.ends[-1] and far[0] < far[1]
    assert int(clock.position(int(far[1]))) - int(clock.position(t)) == 10 * total
