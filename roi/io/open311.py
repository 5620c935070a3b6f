"""Reader for Open311 GeoReport v2 service requests (``requests.json``).

A citizen's service request is an inbound message; a public status update by the
administration on that request is its official answer, a second message in the same
thread. Both come from the same record, so a record with a status update yields two
rows sharing its record number (``ReadResult.counts["records"]`` then counts the
status update as one more record, keeping ``records == messages + rejects +
duplicates``).

Field mapping, standard GeoReport v2
------------------------------------
Request (one per record):

==========================  =============================================================
message table               Open311 field
==========================  =============================================================
``message_id``              ``service_request_id`` (a number is read as its digits)
``thread_id``               ``service_request_id``
``parent_id``               missing
``author_id``               ``user.id`` / ``user`` / ``account_id``, else ``"anonymous:<id>"``
``is_official``             False
``created_at``              ``requested_datetime``
``text``                    ``description``; ``service_name`` when it is empty
``service_name``            ``service_name`` (an optional column of the message table:
                            ``[topics.service_names]`` maps it to a topic)
``account``                 ``jurisdiction_id``, else the config's first ``open311``
                            account, else ``"open311"``
``is_public``               True
==========================  =============================================================

Status update (when the request was updated after it was made: ``updated_datetime``
later than ``requested_datetime``, or a ``status`` other than the initial ``"open"``):

==========================  =============================================================
``message_id``              ``"<service_request_id>/status"``
``thread_id``               ``service_request_id``
``parent_id``               ``service_request_id``
``author_id``               the account (as for the request)
``account``                 as for the request
``is_official``             True
``created_at``              ``updated_datetime``
``text``                    ``status_notes``; the ``status`` name when there are none
``service_name``            missing (the thread's topic is its request's)
==========================  =============================================================

A record whose status changed but that has no ``updated_datetime`` cannot date the
update: that status update is listed as a reject (``missing_field``,
``updated_datetime``) while the request itself is kept. ``address``, ``lat``, ``long``,
``media_url``, ``service_code`` and ``agency_responsible`` have no column in the
message table and are not read.

Madrid's extensions (``avisos.madrid.es``)
-------------------------------------------
Madrid city council's feed has no ``status`` string and no ``updated_datetime``.
Instead ``status_node`` (``visible_name``, ``order``) names the current step of the
request's workflow (``Asignado``, ``En estudio``, ``En ejecución``, ``Fin de trámite``,
``Cancelado``), ``status_node_type`` classifies it (``middle_node``, ``final_ok_node``,
``final_not_ok_node``), and several ``*_estimated_*_datetime`` fields date the workflow.
The reader takes ``status_node.visible_name`` as the status text and
``current_node_estimated_start_datetime`` as the time of the status update.

Evidence that ``current_node_estimated_start_datetime`` is the time the current status
was entered (despite "estimated"): the 100 requests of one saved response (17 June
2024, 20:49 UTC) checked against a history derived from 1,500 earlier snapshots of the
feed (its git history, May-June 2024, a snapshot every 10-20 minutes):

* every one of the 15 status transitions observed for those 100 requests has its
  ``current_node_estimated_start_datetime`` after the snapshot before the transition
  and no later than the snapshot that first shows the new status;
* for the other 85, whose status never changed while they were in the feed, it is no
  later than the first snapshot that shows them;
* ``current_node_estimated_final_datetime`` equals it in all 100 and
  ``estimated_final_datetime`` within one second, so they carry no separate estimate.

Which statuses are an answer: ``Asignado`` (the first node of a *Petición*) is entered
by the system 0-1 s after ``estimated_start_datetime`` (itself 1-8 s after
``requested_datetime``), while every other status in the sample was entered at least
36 s (median 26 min) after it, and *Aviso* requests only appear in the public
feed once they reach ``En estudio`` or later (history: 0 of 13,490 first seen in an
earlier step). So a Madrid status update is emitted when the current node began more
than :data:`AUTOMATIC_ROUTING_SECONDS` after ``estimated_start_datetime`` (or after
``requested_datetime`` when that is absent): an automatic routing step is not an answer.
``comments_count``, ``complaints_count``, ``reiterations_count`` and ``evaluation`` are
not mapped.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from roi.config import Config
from roi.errors import InputError, ParseError, RecordError
from roi.io.base import ReadResult, Rejects, build_result, parse_timestamps
from roi.io.text import decode, load_json_document, read_bytes

__all__ = ["AUTOMATIC_ROUTING_SECONDS", "DESCRIPTION", "FORMAT", "read", "sniff"]

FORMAT = "open311"
DESCRIPTION = "Open311 GeoReport v2 service requests (requests.json), incl. Madrid's avisos feed"
CHANNEL = "open311"

#: A Madrid status entered within this many seconds of the start of processing was set
#: by the system (automatic routing), not by a person answering: 0-1 s observed for
#: ``Asignado``, at least 36 s for every other status.
AUTOMATIC_ROUTING_SECONDS = 10

#: Status a GeoReport v2 request starts with; any other status is an update.
INITIAL_STATUS = "open"

_RAW_COLUMNS = ("record", "message_id", "created_at", "text", "author_id", "account", "service_name",
                "status", "status_notes", "updated", "baseline", "madrid")


def sniff(head: str, path: Path, config: Config | None = None) -> bool:
    """True for a JSON (or XML) document with GeoReport ``service_request_id`` fields."""
    start = head.lstrip()[:1]
    if start in ("[", "{"):
        return '"service_request_id"' in head
    return start == "<" and "<service_request_id>" in head


def _fail(rejects: Rejects, errors: str, path, record: int, reason: str, field, detail: str, raw, fix: str):
    if errors == "raise":
        raise RecordError(detail, file=path, record=record, field=field, fix=fix)
    rejects.add(record, reason, field, detail, raw)


_JSON_TYPES = {dict: "object", list: "array", str: "string", int: "number", float: "number",
               bool: "boolean", type(None): "null"}


def _json_type(value) -> str:
    return _JSON_TYPES.get(type(value), type(value).__name__)


class _BadField(Exception):
    def __init__(self, field, value):
        super().__init__(field)
        self.field = field
        self.value = value


def _text(record: dict, key: str) -> str | None:
    """A scalar field as text (None when absent or null); raises _BadField for objects."""
    value = record.get(key)
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    raise _BadField(key, value)


def _author(record: dict, request_id: str | None) -> str:
    """The requester's id; an anonymous request gets an author of its own, so that
    anonymous citizens are never counted as one person."""
    user = record.get("user")
    if isinstance(user, dict):
        user = user.get("id")
    for value in (user, record.get("account_id")):
        if isinstance(value, (str, int)) and not isinstance(value, bool) and str(value).strip():
            return str(value).strip()
    return f"anonymous:{request_id}"


def _requests(document, path) -> list:
    if isinstance(document, list):
        items = document
    elif isinstance(document, dict):
        for key in ("service_requests", "requests"):
            if isinstance(document.get(key), list):
                return document[key]
        if "service_request_id" in document:
            return [document]
        raise ParseError(
            f"a JSON object with keys {sorted(document)[:8]} but no list of service requests",
            file=path, field="service_requests",
            fix="save the response of the GeoReport v2 requests.json endpoint (a JSON list of requests)",
        )
    else:
        raise ParseError(f"a JSON {_json_type(document)}, not a list of service requests", file=path,
                         fix="save the response of the GeoReport v2 requests.json endpoint")
    errors = [i for i in items if isinstance(i, dict) and "code" in i and "service_request_id" not in i]
    if items and len(errors) == len(items):
        first = errors[0]
        raise InputError(
            f"an Open311 error response, not requests: {first.get('code')} {first.get('description', '')}".strip(),
            file=path, fix="check the API key, jurisdiction_id and query, then download requests.json again",
        )
    return items


def _extract(record: dict, default_account: str) -> dict:
    """Fields of one request as text; raises _BadField for a field of the wrong type."""
    request_id = _text(record, "service_request_id")
    status_node = record.get("status_node")
    madrid = isinstance(status_node, dict)
    status = _text(record, "status")
    if status is None and madrid:
        status = _text(status_node, "visible_name")
    updated = _text(record, "updated_datetime")
    baseline = None
    if madrid:
        if updated is None:
            updated = _text(record, "current_node_estimated_start_datetime")
        baseline = _text(record, "estimated_start_datetime")
    description = _text(record, "description")
    if description is None or not description.strip():
        description = _text(record, "service_name") or ""
    jurisdiction = _text(record, "jurisdiction_id")
    return {
        "message_id": None if request_id is None else request_id.strip(),
        "created_at": _text(record, "requested_datetime"),
        "text": description,
        "author_id": _author(record, None if request_id is None else request_id.strip()),
        "account": jurisdiction.strip() if jurisdiction and jurisdiction.strip() else default_account,
        "service_name": _text(record, "service_name"),
        "status": status,
        "status_notes": _text(record, "status_notes"),
        "updated": updated,
        "baseline": baseline,
        "madrid": madrid,
    }


def read(path, config: Config | None = None, *, errors: str = "collect") -> ReadResult:
    """Read an Open311 GeoReport v2 ``requests.json`` file.

    Parameters
    ----------
    path
        The JSON response of a ``requests.json`` query (a list of requests, or an
        object holding one under ``service_requests`` or ``requests``).
    config
        Gives the account when records carry no ``jurisdiction_id`` and the time zone
        of timestamps without an offset.
    errors
        ``"collect"`` lists bad records as rejects; ``"raise"`` stops at the first.

    Returns
    -------
    ReadResult
        One inbound message per request and one official message per status update
        (see the module docstring for the field mapping).

    Raises
    ------
    ParseError
        For XML (only JSON is read), truncated or invalid JSON, or a document that is
        not a list of requests.
    """
    config = config or Config()
    path = Path(path)
    text = decode(read_bytes(path), path)
    if text.lstrip().startswith("<"):
        raise ParseError(
            "an XML document: only the JSON form of Open311 GeoReport v2 is read",
            file=path, record="line 1",
            fix="request the .json endpoint (requests.json instead of requests.xml) and save that response",
        )
    items = _requests(load_json_document(text, path), path)
    default_account = config.default_account(CHANNEL) or CHANNEL
    rejects = Rejects(path)
    rows = []
    for number, record in enumerate(items, start=1):
        if not isinstance(record, dict):
            _fail(rejects, errors, path, number, "not_an_object", None,
                  f"a JSON {_json_type(record)}, not a service request object", record,
                  "each element of the list must be a request object")
            continue
        try:
            fields = _extract(record, default_account)
        except _BadField as bad:
            _fail(rejects, errors, path, number, "bad_value", bad.field,
                  f"{bad.field} is a JSON {_json_type(bad.value)}, expected text", record,
                  "correct the field or download the requests again")
            continue
        fields["record"] = number
        rows.append(fields)
    notes = [] if items else [f"{path.name}: the response holds no service requests"]

    frame = pd.DataFrame(rows, columns=list(_RAW_COLUMNS)).astype(
        {c: "string" for c in _RAW_COLUMNS if c not in ("record", "madrid")})
    frame["madrid"] = frame["madrid"].astype(bool)
    statuses, undated = _status_updates(frame, config)
    for row in frame.loc[undated].itertuples():
        _fail(rejects, errors, path, int(row.record), "missing_field", "updated_datetime",
              f"status '{row.status}' has no updated_datetime, so the administration's status update cannot be dated",
              items[row.record - 1], "add updated_datetime to the record, or download the requests again")

    requests = pd.DataFrame({
        "record": frame["record"],
        "message_id": frame["message_id"],
        "thread_id": frame["message_id"],
        "parent_id": pd.Series(pd.NA, index=frame.index, dtype="string"),
        "author_id": frame["author_id"],
        "account": frame["account"],
        "is_official": False,
        "created_at": frame["created_at"],
        "text": frame["text"],
        "service_name": frame["service_name"],
    })
    raw = (pd.concat([requests, statuses], ignore_index=True)
           .sort_values("record", kind="stable").reset_index(drop=True))
    raw["record"] = raw["record"].astype("int64")
    raw["is_official"] = raw["is_official"].astype("boolean")
    raw["is_public"] = True
    originals = raw["record"].to_numpy()
    return build_result(
        raw, path=path, fmt=FORMAT, records=len(items) + int(undated.sum()), channel=CHANNEL, config=config,
        rejects=rejects, timestamp_format="ISO8601", errors=errors, notes=notes,
        raw_of=lambda positions: [json.dumps(items[r - 1], ensure_ascii=False, default=str)
                                  for r in originals[positions]],
    )


def _status_updates(frame: pd.DataFrame, config: Config) -> tuple[pd.DataFrame, pd.Series]:
    """Status-update rows for the requests updated after they were made, and the
    mask of requests whose status changed but that carry no update time."""
    tz = config.timezone
    requested = parse_timestamps(frame["created_at"], fmt="ISO8601", timezone=tz)
    updated = parse_timestamps(frame["updated"], fmt="ISO8601", timezone=tz)
    baseline = parse_timestamps(frame["baseline"], fmt="ISO8601", timezone=tz).fillna(requested)
    tolerance = pd.to_timedelta(frame["madrid"].astype(int) * AUTOMATIC_ROUTING_SECONDS, unit="s")
    later = (updated > baseline + tolerance).fillna(False).astype(bool)
    status = frame["status"].str.strip()
    has_status = (status.fillna("") != "").astype(bool)
    is_initial = (status.str.lower() == INITIAL_STATUS).fillna(False).astype(bool)
    changed = ~frame["madrid"] & has_status & ~is_initial
    has_id = (frame["message_id"].fillna("") != "").astype(bool)
    undated_text = (frame["updated"].str.strip().fillna("") == "").astype(bool)
    emit = (later | changed) & has_id
    undated = emit & undated_text
    emit &= ~undated
    part = frame[emit]
    notes_text = part["status_notes"].str.strip()
    statuses = pd.DataFrame({
        "record": part["record"],
        "message_id": part["message_id"] + "/status",
        "thread_id": part["message_id"],
        "parent_id": part["message_id"],
        "author_id": part["account"],
        "account": part["account"],
        "is_official": True,
        "created_at": part["updated"],
        "text": notes_text.mask(notes_text == "").fillna(status[emit]).fillna(""),
    })
    return statuses, undated
