"""Tests of the Open311 GeoReport v2 reader (roi.io.open311)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import roi.io
from roi.config import Config
from roi.errors import InputError, ParseError, RecordError
from roi.io import open311
from roi.schema import validate

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "open311"
MADRID = "formats/open311_avisos_madrid/input.json"


def _identity(counts):
    return counts["records"] == counts["messages"] + counts["rejects"] + counts["duplicates"]


def _write(tmp_path, document, name="requests.json"):
    path = tmp_path / name
    path.write_text(document if isinstance(document, str) else json.dumps(document), encoding="utf-8")
    return path


# --- real data: Madrid city council's avisos feed ---------------------------------


@pytest.fixture(scope="module")
def madrid(shared_data):
    path = shared_data / MADRID
    return path, json.loads(path.read_text(encoding="utf-8"))


def test_madrid_counts_and_identity(madrid):
    path, records = madrid
    result = open311.read(path)
    # independent count with json + Counter: 100 requests; 14 are 'Asignado', the node
    # the system enters within seconds, so 100 - 14 = 86 carry a status update
    statuses = Counter(r["status_node"]["visible_name"] for r in records)
    assert len(records) == 100
    assert statuses["Asignado"] == 14
    n_updates = len(records) - statuses["Asignado"]
    assert n_updates == 86
    # build_result counts each extra row of a record as one more record
    # (extra = rows - distinct record numbers), so records = 100 requests + 86 updates
    assert result.counts == {"records": 186, "messages": 186, "rejects": 0, "duplicates": 0}
    assert _identity(result.counts)
    assert int(result.messages["is_official"].sum()) == 86
    assert int((~result.messages["is_official"]).sum()) == 100
    validate(result.messages)


def test_madrid_status_update_rule_matches_an_independent_time_computation(madrid):
    path, records = madrid
    result = open311.read(path)
    # independent pandas computation: current node began > 10 s after processing started
    start = pd.to_datetime([r["estimated_start_datetime"] for r in records], utc=True)
    current = pd.to_datetime([r["current_node_estimated_start_datetime"] for r in records], utc=True)
    ids = np.array([r["service_request_id"] for r in records])
    expected = set(ids[(current - start).total_seconds() > 10])
    official = result.messages[result.messages["is_official"]]
    assert set(official["parent_id"]) == expected
    assert len(expected) == 86


def test_madrid_one_request_and_its_status_update(madrid):
    path, _ = madrid
    m = open311.read(path).messages.set_index("message_id")
    # record 3 of input.json (read by hand): id 8317215, "Farola apagada",
    # requested 2024-06-17T20:32:37+00:00, status_node 'En estudio' entered at
    # current_node_estimated_start_datetime 2024-06-17T20:36:45+00:00
    request = m.loc["8317215"]
    assert request["text"] == "Farola apagada"
    assert request["created_at"] == pd.Timestamp("2024-06-17 20:32:37", tz="UTC")
    assert not request["is_official"]
    assert request["thread_id"] == "8317215"
    assert pd.isna(request["parent_id"])
    assert request["author_id"] == "61b915b78104309a078b456e"  # user.id
    assert request["account"] == "es.madrid"  # jurisdiction_id
    assert request["channel"] == "open311"
    assert request["source"] == "input.json:3"
    status = m.loc["8317215/status"]
    assert status["text"] == "En estudio"
    assert status["created_at"] == pd.Timestamp("2024-06-17 20:36:45", tz="UTC")
    assert status["is_official"]
    assert status["parent_id"] == "8317215"
    assert status["thread_id"] == "8317215"
    assert status["source"] == "input.json:3"


def test_madrid_text_start_final_status_and_no_update_for_automatic_routing(madrid):
    path, records = madrid
    m = open311.read(path).messages.set_index("message_id")
    # record 1 (by hand): 8317228, a 'Petición' in 'Asignado' entered 3 s after the request
    assert m.loc["8317228", "text"].startswith("Este invierno cambiaron la farola de lugar")
    assert "8317228/status" not in m.index
    # record 23 (by hand): 8317067 'Fin de trámite' entered 2024-06-17T19:39:46+00:00
    assert m.loc["8317067/status", "text"] == "Fin de trámite"
    assert m.loc["8317067/status", "created_at"] == pd.Timestamp("2024-06-17 19:39:46", tz="UTC")
    # 9 records have no 'user' (Counter of keys: user 91 of 100): author is 'citizen'
    assert sum("user" not in r for r in records) == 9
    citizens = m[~m["is_official"]]
    assert int(citizens["author_id"].str.startswith("anonymous:").sum()) == 9


def test_madrid_update_time_falls_between_the_snapshots_that_saw_the_change(madrid, shared_data):
    """The evidence in the module docstring: each observed transition's new status was
    entered (per current_node_estimated_start_datetime) after the previous snapshot and
    no later than the snapshot that first showed it."""
    path, _ = madrid
    history = pd.read_csv(shared_data / "es/avisos_madrid/avisos_madrid_requests_from_git_history.csv", dtype=str)
    transitions = pd.read_csv(shared_data / "es/avisos_madrid/avisos_madrid_status_transitions.csv", dtype=str)
    snapshots = np.sort(pd.to_datetime(pd.concat(
        [history["first_seen_snapshot"], history["last_seen_snapshot"], transitions["snapshot_time"]]),
        utc=True).unique())
    m = open311.read(path).messages
    updates = m[m["is_official"]].set_index("parent_id")
    seen = transitions[transitions["service_request_id"].isin(updates.index)]
    assert len(seen) == 15  # counted with pandas: transitions of requests in input.json
    at = pd.to_datetime(seen["snapshot_time"], utc=True).to_numpy()
    before = snapshots[np.searchsorted(snapshots, at) - 1]
    entered = updates.loc[seen["service_request_id"], "created_at"].to_numpy()
    assert (before < entered).all()
    assert (entered <= at).all()
    assert (updates.loc[seen["service_request_id"], "text"].to_numpy() == seen["to_status"].to_numpy()).all()


def test_madrid_is_detected(madrid):
    path, _ = madrid
    assert roi.io.detect_format(path) == "open311"


# --- standard GeoReport v2 (invented fixture) ---------------------------------------


def test_standard_fixture_requests_and_status_updates():
    result = open311.read(FIXTURES / "requests.json")
    # 4 requests; updates: 9001 closed, 9003 closed, 9004 open but updated later;
    # 9002 open with updated == requested has none -> 4 + 3 rows
    assert result.counts == {"records": 7, "messages": 7, "rejects": 0, "duplicates": 0}
    m = result.messages.set_index("message_id")
    assert m.loc["9001/status", "text"] == "Lamp replaced by the maintenance crew. Thank you for reporting it."
    assert m.loc["9001/status", "created_at"] == pd.Timestamp("2026-10-06 09:40", tz="UTC")  # 11:40+02:00
    assert m.loc["9001", "created_at"] == pd.Timestamp("2026-10-05 06:15", tz="UTC")  # 08:15+02:00
    assert m.loc["9002", "text"] == "Pothole"  # empty description -> service_name
    assert "9002/status" not in m.index
    assert m.loc["9003/status", "text"] == "closed"  # no status_notes -> status name
    assert m.loc["9003", "author_id"] == "resident-77"  # account_id; the id was the number 9003
    assert m.loc["9001", "author_id"] == "anonymous:9001"  # an author of its own: never merged with others
    # naive times are read in the config's zone (Europe/Madrid, CEST = UTC+2 on 8 Oct 2026)
    assert m.loc["9004", "created_at"] == pd.Timestamp("2026-10-08 08:00", tz="UTC")
    assert m.loc["9004/status", "created_at"] == pd.Timestamp("2026-10-08 14:20", tz="UTC")
    assert m.loc["9004/status", "text"] == "Inspection scheduled for next week."
    assert set(m["account"]) == {"open311"}  # no jurisdiction_id, no configured account
    assert list(m.loc[m["is_official"], "author_id"]) == ["open311"] * 3


def test_account_comes_from_the_config_when_there_is_no_jurisdiction():
    config = Config(accounts={"open311": ("Ayto Ejemplo",)})
    m = open311.read(FIXTURES / "requests.json", config).messages
    assert set(m["account"]) == {"Ayto Ejemplo"}


def test_wrapped_lists_and_a_single_object(tmp_path):
    request = {"service_request_id": "1", "requested_datetime": "2026-01-02T10:00:00Z", "description": "x",
               "status": "open", "jurisdiction_id": "city.example"}
    for document in ({"service_requests": [request]}, {"requests": [request]}, request):
        result = open311.read(_write(tmp_path, document))
        assert result.counts["messages"] == 1
        assert result.messages["account"].iloc[0] == "city.example"


# --- damaged and unsupported input ------------------------------------------------


def _bad_file(tmp_path):
    good = {"service_request_id": "A1", "status": "closed", "status_notes": "Fixed.",
            "description": "Broken bench", "requested_datetime": "2026-03-01T10:00:00Z",
            "updated_datetime": "2026-03-02T10:00:00Z"}
    records = [
        good,                                                                   # 1: request + update
        "oops",                                                                 # 2: not an object
        {"description": "no id", "requested_datetime": "2026-03-01T11:00:00Z"},  # 3: missing id
        {"service_request_id": "A4", "requested_datetime": "yesterday", "status": "open"},  # 4: bad time
        {"service_request_id": "A5", "description": {"text": "x"},
         "requested_datetime": "2026-03-01T12:00:00Z"},                         # 5: wrong type
        {**good, "description": "Another bench", "status": "open", "updated_datetime": None},  # 6: id clash
        dict(good),                                                             # 7: exact duplicate
        {"service_request_id": "A8", "status": "closed", "description": "Dirty square",
         "requested_datetime": "2026-03-03T10:00:00Z"},                         # 8: closed, undated
        {"service_request_id": "A9", "description": "no time", "status": "open"},  # 9: no timestamp
    ]
    return _write(tmp_path, records)


def test_bad_records_become_rejects_and_the_rest_is_read(tmp_path):
    result = open311.read(_bad_file(tmp_path))
    rejects = result.rejects.sort_values(["record", "reason"]).reset_index(drop=True)
    got = list(zip(rejects["record"], rejects["reason"], rejects["field"].fillna("-"), strict=True))
    # expected by hand from the comments in _bad_file
    assert got == [
        (2, "not_an_object", "-"),
        (3, "missing_field", "message_id"),
        (4, "bad_timestamp", "created_at"),
        (5, "bad_value", "description"),
        (6, "duplicate_id", "message_id"),
        (7, "duplicate", "message_id"),
        (7, "duplicate", "message_id"),
        (8, "missing_field", "updated_datetime"),
        (9, "missing_field", "created_at"),
    ]
    # 9 records + 3 extra rows (updates of records 1, 7 and the undated one of 8)
    assert result.counts == {"records": 12, "messages": 3, "rejects": 7, "duplicates": 2}
    assert _identity(result.counts)
    assert sorted(result.messages["message_id"]) == ["A1", "A1/status", "A8"]
    raw = rejects.loc[rejects["record"] == 6, "raw"].iloc[0]
    assert json.loads(raw)["description"] == "Another bench"  # the original record


def test_errors_raise_stops_at_the_first_bad_record(tmp_path):
    with pytest.raises(RecordError) as info:
        open311.read(_bad_file(tmp_path), errors="raise")
    assert info.value.record == 2
    assert "requests.json" in str(info.value)


def test_truncated_json_is_a_parse_error(tmp_path):
    text = (FIXTURES / "requests.json").read_text(encoding="utf-8")
    path = _write(tmp_path, text[: len(text) // 2])
    with pytest.raises(ParseError, match="truncated"):
        open311.read(path)


def test_xml_is_refused_with_the_json_endpoint_as_fix(tmp_path):
    path = _write(tmp_path, '<?xml version="1.0" encoding="utf-8"?>\n<service_requests><request>'
                  "<service_request_id>1</service_request_id></request></service_requests>", "requests.xml")
    assert open311.sniff(path.read_text(), path, None)
    with pytest.raises(ParseError, match=r"requests\.json"):
        open311.read(path)


def test_an_object_that_is_not_a_request_list_is_refused(tmp_path):
    with pytest.raises(ParseError, match="no list of service requests"):
        open311.read(_write(tmp_path, {"data": {"service_request_id": "1"}}))


def test_an_open311_error_response_says_so(tmp_path):
    with pytest.raises(InputError, match="403 Invalid api_key"):
        open311.read(_write(tmp_path, [{"code": 403, "description": "Invalid api_key"}]))


def test_an_empty_list_is_an_empty_result_with_a_note(tmp_path):
    result = open311.read(_write(tmp_path, []))
    assert result.counts == {"records": 0, "messages": 0, "rejects": 0, "duplicates": 0}
    assert result.notes == ["requests.json: the response holds no service requests"]


def test_sniff_wants_the_json_key_not_a_csv_header(tmp_path):
    head = (FIXTURES / "requests.json").read_text(encoding="utf-8")
    assert open311.sniff(head, Path("requests.json"), None)
    assert not open311.sniff("service_request_id,service_name\n1,x\n", Path("history.csv"), None)
    assert not open311.sniff('[{"id": "1"}]', Path("x.json"), None)


def test_a_lone_surrogate_escape_rejects_only_its_request(tmp_path):
    # regression: load_json_document returned a str with a lone surrogate, which pandas
    # could not store (UnicodeEncodeError)
    document = ('[{"service_request_id": "1", "description": "farola \\ud800", "requested_datetime":'
                ' "2026-10-31T10:00:00+01:00"}, {"service_request_id": "2", "description": "bache",'
                ' "requested_datetime": "2026-10-31T11:00:00+01:00"}]')
    result = open311.read(_write(tmp_path, document))
    assert result.counts == {"records": 2, "messages": 1, "rejects": 1, "duplicates": 0}
    reject = result.rejects.iloc[0]
    assert (reject["record"], reject["reason"], reject["field"]) == (1, "undecodable_bytes", "text")


# --- service_name: kept on the request, for the topics ---------------------------------


def test_madrid_service_name_is_kept_and_maps_requests_and_their_updates_to_topics(madrid):
    from roi.config import config_from_dict
    from roi.topics import assign, message_topics

    path, records = madrid
    messages = open311.read(path).messages
    validate(messages)
    requests = messages[~messages["is_official"]].set_index("message_id")
    # independent: the service_name of each record, straight from the JSON
    expected = {str(r["service_request_id"]): r["service_name"] for r in records}
    assert requests["service_name"].to_dict() == expected
    assert messages.loc[messages["is_official"], "service_name"].isna().all()  # a status update names no service
    # a configuration mapping two services: those requests take that topic from the service, not the text
    mapping = {"Farola apagada": "alumbrado", "Alcantarillado": "agua_alcantarillado"}
    config = config_from_dict({"topics": {"service_names": mapping}})
    found = assign(messages, config)
    main = found[found["rank"] == 0].set_index("message_id")
    mapped = [i for i, name in expected.items() if name in mapping]
    assert len(mapped) == 7 + 9  # Counter of the JSON: 7 'Farola apagada', 9 'Alcantarillado'
    assert (main.loc[mapped, "source"] == "service_name").all()
    assert main.loc[mapped, "topic"].tolist() == [mapping[expected[i]] for i in mapped]
    # the status update is counted under its request's topic
    topics = pd.Series(message_topics(messages, config).to_numpy(), index=messages["message_id"])
    updates = [i for i in mapped if f"{i}/status" in topics.index]
    assert updates and all(topics[f"{i}/status"] == mapping[expected[i]] for i in updates)


def test_a_service_name_that_is_not_text_is_a_reject_naming_the_field(tmp_path):
    document = [{"service_request_id": "S1", "requested_datetime": "2026-01-01T10:00:00Z", "description": "Farola",
                 "service_name": {"name": "Farola apagada"}},
                {"service_request_id": "S2", "requested_datetime": "2026-01-01T11:00:00Z", "description": "Bache",
                 "service_name": "  Baches  "}]
    result = open311.read(_write(tmp_path, document))
    assert list(zip(result.rejects["record"], result.rejects["field"], strict=True)) == [(1, "service_name")]
    assert result.messages.set_index("message_id")["service_name"].to_dict() == {"S2": "Baches"}
    with pytest.raises(RecordError, match="service_name"):
        open311.read(_write(tmp_path, document), errors="raise")
