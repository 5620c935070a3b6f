"""Run every channel and write the sample files: :func:`write_samples`."""

from __future__ import annotations

import json
from pathlib import Path

from roi.sample.channels import PLANS, simulate
from roi.sample.contact_form import CSV_HEADER, contact_rows
from roi.sample.council import config_text
from roi.sample.facebook import facebook_page
from roi.sample.formats import csv_text
from roi.sample.instagram import instagram_media
from roi.sample.mastodon import statuses
from roi.sample.open311 import service_requests
from roi.sample.surveys import SURVEY_HEADER, survey_rows
from roi.sample.timing import Clock
from roi.sample.x_api import tweet_lines

__all__ = ["SAMPLE_FILES", "write_samples"]

#: Format name -> file name written by :func:`write_samples`.
SAMPLE_FILES = {
    "twitter": "x_api_v2.jsonl",
    "facebook": "facebook_comments.json",
    "instagram": "instagram_comments.json",
    "mastodon": "mastodon_statuses.json",
    "open311": "open311_requests.json",
    "contact_form": "contact_form.csv",
    "survey": "survey.csv",
    "config": "roi.toml",
}


def write_samples(out_dir: Path, *, seed: int = 2026, year: int = 2025, scale: float = 1.0) -> dict[str, Path]:
    """Write a year of exports of the fictional council into ``out_dir``.

    Parameters
    ----------
    out_dir
        Folder to write into (created if missing; existing sample files are replaced).
    seed
        Seed of the random streams; the same seed and scale give byte-identical files.
    year
        Calendar year of the traffic (replies to the last messages may fall in January).
    scale
        Multiplies the number of conversations; 1.0 gives about 8,700 messages (3.9 MB).

    Returns
    -------
    dict
        Format name (the keys of :data:`SAMPLE_FILES`) -> path of the file written.

    Raises
    ------
    ValueError
        If ``scale`` is not positive.
    """
    if scale <= 0:
        raise ValueError(f"scale must be positive, got {scale!r}")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    clock = Clock(year)
    retrieved = f"{year + 1}-01-12T09:30:00+00:00"

    traffic = {channel: simulate(channel, clock, seed, scale) for channel in PLANS}
    requests, open311_surveys = service_requests(clock, seed, scale)
    tweets = tweet_lines(traffic["twitter"], retrieved)
    documents = {"facebook": facebook_page(traffic["facebook"]), "instagram": instagram_media(traffic["instagram"]),
                 "mastodon": statuses(traffic["mastodon"]), "open311": requests}
    emails = contact_rows(traffic["email"])
    surveyed = traffic["twitter"].surveys + traffic["mastodon"].surveys + open311_surveys + traffic["email"].surveys
    surveys = survey_rows(clock, seed, surveyed)

    paths = {name: out_dir / filename for name, filename in SAMPLE_FILES.items()}
    paths["twitter"].write_bytes(("\n".join(tweets) + "\n").encode("utf-8"))
    for name, document in documents.items():  # compact, as the APIs send it
        paths[name].write_bytes(json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    paths["contact_form"].write_bytes(csv_text(CSV_HEADER, emails).encode("cp1252"))
    paths["survey"].write_bytes(csv_text(SURVEY_HEADER, surveys).encode("utf-8-sig"))
    paths["config"].write_bytes(config_text(clock.local_holidays).encode("utf-8"))
    return paths
