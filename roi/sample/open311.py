"""The Open311 export: GeoReport v2 ``requests.json`` of the council's street-issue service."""

from __future__ import annotations

import numpy as np

from roi.sample.citizens import citizen_text
from roi.sample.conversations import Case, Msg, Survey
from roi.sample.council import TOWN, WEB, account
from roi.sample.generator import Generator, Ids
from roi.sample.phrases import OPEN311_DONE, OPEN311_NOTES, PLACES, STREET_TOPICS, TOPICS
from roi.sample.texts import cap, no_emoji
from roi.sample.timing import CITIZEN_HOURS, SEASON, Clock, office_delay

__all__ = ["service_requests"]

# what becomes of a request; "silent_closed" is closed without a note, "none" never touched
_OUTCOMES = (("resolved", 0.55), ("progress", 0.14), ("rejected", 0.06), ("curt", 0.05), ("silent_closed", 0.04),
             ("none", 0.16))


def service_requests(clock: Clock, seed: int, scale: float) -> tuple[list[dict], list[Survey]]:
    """The year's service requests, newest first, as ``GET /requests.json`` returns them.

    Citizens report street issues (in Spanish or Catalan, without emoji); a request about
    the same topic and place within a week is often worded as a re-contact. The council
    closes most of them after a few office days, with a status note.

    Parameters
    ----------
    clock
        The council's office clock.
    seed
        Seed of the sample; this channel uses stream ``[seed, 5]``.
    scale
        Multiplies the number of requests.

    Returns
    -------
    requests : list of dict
        GeoReport v2 service requests, newest first.
    surveys : list of Survey
        The requests surveyed (those with a status note, one in five).
    """
    g = np.random.default_rng([seed, 5])
    gen = Generator(clock, g, "open311")
    n = max(5, round(760 * scale))
    times = clock.arrivals(g, n, CITIZEN_HOURS, weekend=0.6, holiday=0.6, season=SEASON)
    records, surveys = [], []
    last_at_place: dict[tuple[str, int], int] = {}
    ids = Ids(g)
    council = account("open311")
    for t in times:
        t = int(t)
        lang = "es" if gen.chance(0.68) else "ca"
        topic = gen.pick(STREET_TOPICS)
        place = int(g.integers(len(PLACES)))
        case = Case("complaint", lang, topic, place, phrase=int(g.integers(12)))
        key = (topic, place)
        recontact = key in last_at_place and t - last_at_place[key] < 7 * 86400 and gen.chance(0.6)
        last_at_place[key] = t
        text = no_emoji(citizen_text(gen, case, "recontact" if recontact else None))
        code, service, agency = TOPICS[topic][2]
        outcome = gen.weighted(_OUTCOMES)
        notes, updated, status = None, t, "open"
        if outcome in ("resolved", "rejected", "curt", "silent_closed"):
            status = "closed"
            updated = office_delay(gen, t, 60 * 7 * 3, 0.9, floor=3600)
        elif outcome == "progress":
            updated = office_delay(gen, t, 60 * 7, 0.9, floor=1800)
        if outcome in ("resolved", "progress", "rejected", "curt"):
            done = OPEN311_DONE[topic][lang]
            notes = gen.pick(OPEN311_NOTES[outcome][lang]).replace("{a}", agency)
            notes = notes.replace("{X}", cap(done)).replace("{x}", done)
        request_id = ids.digits(8, "25")
        lat = 41.6821 + float(g.normal(0, 0.006))
        lon = 2.1804 + float(g.normal(0, 0.008))
        number = int(g.integers(1, 120))
        record = {
            "service_request_id": request_id,
            "status": status,
            "status_notes": notes,
            "service_name": service,
            "service_code": code,
            "description": text,
            "agency_responsible": agency,
            "service_notice": None,
            "requested_datetime": clock.local(t).isoformat(timespec="seconds"),
            "updated_datetime": clock.local(updated).isoformat(timespec="seconds"),
            "expected_datetime": None,
            "address": f"{cap(PLACES[place][3])}, {number}, {TOWN}",
            "lat": round(lat, 6),
            "long": round(lon, 6),
            "media_url": f"https://{WEB}/open311/media/{request_id}.jpg" if gen.chance(0.3) else None,
        }
        records.append((t, record))
        if notes is not None and gen.chance(0.2):
            root = Msg(t, council, text, lang, mid=request_id)
            answer = Msg(updated, council, notes, lang, official=True)
            surveys.append(Survey("open311", root, answer, 0.8 if outcome == "resolved" else 0.3))
    records.sort(key=lambda pair: pair[0], reverse=True)
    return [r for _, r in records], surveys
