"""Reader for "Customer Support on Twitter" (twcs) CSV files.

Columns: ``tweet_id, author_id, inbound, created_at, text, response_tweet_id,
in_response_to_tweet_id`` (an extra unnamed index column, as ``DataFrame.to_csv`` writes
it, is ignored). Mapping: ``tweet_id`` -> message_id; ``author_id`` -> author_id (brands
by screen name, customers by an anonymised number); ``inbound == False`` -> is_official;
``in_response_to_tweet_id`` -> parent_id (a trailing ``.0`` from a float export is
dropped); ``created_at`` (``Tue Oct 31 22:10:47 +0000 2017``) -> created_at. The thread
is the root of the reply chain. A brand tweet belongs to its own account; a customer
tweet to the first brand that speaks in the thread, else to the first ``@mention`` of
its text that names a brand of the file or a configured handle (never a citizen's handle).

Lines end in ``\\n``; a bare ``\\r`` inside a field is data (tweet 3399 of the public
dataset holds two).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from roi.config import Config, normalise_handle
from roi.errors import RecordError
from roi.io.base import ReadResult, build_result, resolve_threads
from roi.io.csvtext import header_fields, read_csv_records, require_columns

FORMAT = "twcs"
DESCRIPTION = "Customer Support on Twitter (twcs) CSV: tweet_id, author_id, inbound, created_at, text, ..."
COLUMNS = ("tweet_id", "author_id", "inbound", "created_at", "text", "response_tweet_id", "in_response_to_tweet_id")
TIME_FORMAT = "%a %b %d %H:%M:%S %z %Y"


def sniff(head: str, path: Path, config: Config | None = None) -> bool:
    """True when the header holds the twcs columns."""
    fields = set(header_fields(head))
    return {"tweet_id", "author_id", "inbound", "created_at", "text"} <= fields


def _clean_id(values: pd.Series) -> pd.Series:
    ids = values.astype("string").str.strip().str.replace(r"\.0$", "", regex=True)
    return ids.mask(ids == "")


def read(path, config: Config | None = None, *, errors: str = "collect") -> ReadResult:
    """Read a twcs CSV file; see the module docstring for the mapping."""
    config = config or Config()
    csv = read_csv_records(path, encoding="auto", delimiter=",", errors=errors)
    frame = csv.frame
    cols = require_columns(
        frame, {c: c for c in COLUMNS[:5]}, path,
        fix="a twcs file needs the columns tweet_id, author_id, inbound, created_at, text",
    )
    message_id = _clean_id(frame[cols["tweet_id"]])
    parent = _clean_id(frame["in_response_to_tweet_id"]) if "in_response_to_tweet_id" in frame else None
    inbound = frame[cols["inbound"]].str.strip().str.lower()
    official = inbound.map({"true": False, "false": True}).astype("boolean")
    author = frame[cols["author_id"]].astype("string").str.strip()
    raw = pd.DataFrame({
        "record": frame["record"],
        "message_id": message_id,
        "created_at": frame[cols["created_at"]],
        "text": frame[cols["text"]],
        "author_id": author,
        "parent_id": parent,
        "is_official": official,
    })
    thread = resolve_threads(message_id.fillna(""), parent if parent is not None else pd.Series(pd.NA, index=frame.index))
    created = pd.to_datetime(frame[cols["created_at"]], format=TIME_FORMAT, errors="coerce", utc=True)
    officials = pd.DataFrame({"thread": thread, "author": author, "created": created})[official.fillna(False).astype(bool)]
    brand_of_thread = officials.sort_values("created").groupby("thread")["author"].first()
    is_brand = official.fillna(False).astype(bool)
    raw["account"] = (author.where(is_brand).fillna(thread.map(brand_of_thread).astype("string"))
                      .fillna(_official_mention(frame[cols["text"]], author[is_brand], config)))
    raw["thread_id"] = thread
    # records whose inbound flag is neither True nor False are rejected by name
    bad_flag = official.isna()
    raw.loc[bad_flag, "created_at"] = pd.NA
    result = build_result(
        raw[~bad_flag], path=path, fmt=FORMAT, records=csv.records, channel="twitter", config=config,
        rejects=_flag_rejects(csv.rejects, frame[bad_flag], cols, path, errors),
        timestamp_format=TIME_FORMAT, errors=errors, notes=csv.notes,
    )
    return result


def _official_mention(text: pd.Series, brands: pd.Series, config: Config) -> pd.Series:
    """The first ``@mention`` of each text that names an official account (a brand author of the file or a
    configured handle), as that account writes it; NA when none does. A citizen's handle is never an account."""
    known = {normalise_handle(h): h.strip().lstrip("@") for h in config.accounts.get("twitter", ())}
    known.update({normalise_handle(b): b for b in brands.dropna().unique()})
    found = text.str.extractall(r"@(\w+)")[0].str.lower()
    found = found[found.isin(list(known))]
    first = found.groupby(level=0).first().map(known)
    return first.reindex(text.index).astype("string")


def _flag_rejects(rejects, bad, cols, path, errors):
    """List records whose ``inbound`` flag is neither True nor False."""
    for position in range(len(bad)):
        row = bad.iloc[position]
        value = row[cols["inbound"]]
        detail = f"inbound must be True or False, got {value!r}"
        if errors == "raise":
            raise RecordError(detail, file=path, record=int(row["record"]), field="inbound", fix="write True or False")
        rejects.add(int(row["record"]), "bad_value", "inbound", detail, row.drop("record").to_dict())
    return rejects
