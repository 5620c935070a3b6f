"""Tests of roi.io.jsonrecords: layout detection, numbering, and damaged input (invented, inline)."""

from __future__ import annotations

import json

import pytest

from roi.errors import EncodingError, ParseError
from roi.io.jsonrecords import as_id, dig, load_json_records


def _write(tmp_path, text, name="x.json", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
    return path


def test_list_document_numbered_by_position(tmp_path):
    loaded = load_json_records(_write(tmp_path, json.dumps([{"a": 1}, {"a": 2}], indent=2)))
    assert (loaded.layout, loaded.numbering) == ("document", "position")
    assert loaded.items == [(1, {"a": 1}), (2, {"a": 2})]


def test_wrapped_list_and_single_object(tmp_path):
    loaded = load_json_records(_write(tmp_path, '{"records": [{"a": 1}], "cursor": "c"}'), list_keys=("records",))
    assert loaded.items == [(1, {"a": 1})] and loaded.wrapper == "records" and loaded.document["cursor"] == "c"
    loaded = load_json_records(_write(tmp_path, '{"a": 1}'), list_keys=("records",))
    assert loaded.items == [(1, {"a": 1})] and loaded.wrapper is None


def test_jsonl_numbered_by_physical_line(tmp_path):
    # by hand: line 2 blank, line 3 broken, line 4 ok
    loaded = load_json_records(_write(tmp_path, '{"a": 1}\n\n{"a": \n{"a": 4}\n'))
    assert (loaded.layout, loaded.numbering) == ("jsonl", "line")
    assert loaded.items == [(1, {"a": 1}), (4, {"a": 4})]
    ((number, reason, detail, raw),) = loaded.bad_lines
    assert (number, reason, raw) == (3, "invalid_json", '{"a":')
    assert "column" in detail


def test_jsonl_with_broken_first_line(tmp_path):
    loaded = load_json_records(_write(tmp_path, '{"a": \n{"a": 2}\n{"a": 3}\n'))
    assert loaded.layout == "jsonl"
    assert [n for n, *_ in loaded.bad_lines] == [1]
    assert [n for n, _ in loaded.items] == [2, 3]


def test_truncated_pretty_list_is_a_parse_error(tmp_path):
    path = _write(tmp_path, '[\n  {"a": 1},\n  {"a": 2}\n')
    with pytest.raises(ParseError) as info:
        load_json_records(path)
    assert "line 3" in str(info.value) or "line 4" in str(info.value)
    assert "truncated" in str(info.value)


def test_scalar_document_refused(tmp_path):
    with pytest.raises(ParseError, match="not a list or an object"):
        load_json_records(_write(tmp_path, "42"))


def test_undecodable_line_in_jsonl(tmp_path):
    # line 1 holds valid UTF-8 "é" (so the file is UTF-8); line 2 a lone cp1252 byte
    data = '{"t": "café"}\n'.encode() + b'{"t": "caf\xe9"}\n' + b'{"t": "ok"}\n'
    loaded = load_json_records(_write(tmp_path, data, name="x.jsonl"))
    assert [(n, r) for n, r, *_ in loaded.bad_lines] == [(2, "undecodable_bytes")]
    assert [n for n, _ in loaded.items] == [1, 3]


def test_undecodable_document_is_encoding_error(tmp_path):
    data = '[{"t": "café"},\n'.encode() + b'{"t": "caf\xe9"}]'
    with pytest.raises(EncodingError):
        load_json_records(_write(tmp_path, data))


def test_prefix_blanked_keeps_positions(tmp_path):
    path = _write(tmp_path, "var x =\n[1, ]")
    with pytest.raises(ParseError) as info:
        load_json_records(path, prefix_length=8)
    assert "line 2" in str(info.value)


def test_accessors_never_raise():
    assert dig({"a": [1, {"b": 2}]}, "a", 1, "b") == 2
    assert dig({"a": [1]}, "a", 5) is None and dig(None, "a") is None and dig({"a": 3}, "a", 0) is None
    assert as_id(12) == "12" and as_id(1e3) is None and as_id(False) is None and as_id({"x": 1}) is None


def test_lone_surrogate_escapes_become_replacement_characters(tmp_path):
    # a lone "\ud800" is valid JSON but not encodable text; a pair is an emoji; "\\ud800" is literal
    text = r'[{"t": "\ud800"}, {"t": "\ud83d\ude00"}, {"t": "\\ud800"}, {"t": "\udc00\ud800"}]'
    loaded = load_json_records(_write(tmp_path, text))
    assert [v["t"] for _, v in loaded.items] == ["\ufffd", "\U0001f600", "\\ud800", "\ufffd\ufffd"]
    jsonl = load_json_records(_write(tmp_path, '{"t": "a"}\n{"t": "b\\udfff"}\n', "x.jsonl"))
    assert [v["t"] for _, v in jsonl.items] == ["a", "b\ufffd"]
