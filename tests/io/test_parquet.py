import json

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from roi.errors import MissingColumnError, ParseError
from roi.io import parquet, read, twcs
from roi.re2 import SPACE_CHARACTERS


def test_round_trip_keeps_every_value_and_the_provenance(shared_data, tmp_path):
    original = twcs.read(shared_data / "twcs" / "kaggle_sample_93rows.csv").messages
    path = tmp_path / "messages.parquet"
    original.to_parquet(path, index=False)
    result = read(path)
    assert result.format == "parquet"
    assert result.counts == {"records": 93, "messages": 93, "rejects": 0, "duplicates": 0}
    pd.testing.assert_frame_equal(result.messages, original)
    assert result.messages["source"].iloc[0] == "kaggle_sample_93rows.csv:1"


def test_truncated_parquet_is_a_parse_error(tmp_path):
    path = tmp_path / "cut.parquet"
    frame = pd.DataFrame({"message_id": ["1"], "created_at": pd.to_datetime(["2026-01-01"], utc=True)})
    frame.to_parquet(path)
    path.write_bytes(path.read_bytes()[:-10])
    with pytest.raises(ParseError, match="truncated"):
        parquet.read(path)


def test_parquet_without_the_table_columns(tmp_path):
    path = tmp_path / "other.parquet"
    pd.DataFrame({"x": [1]}).to_parquet(path)
    with pytest.raises(MissingColumnError) as info:
        parquet.read(path)
    assert info.value.field == "message_id"


def _table(tmp_path, **columns):
    n = len(next(iter(columns.values())))
    frame = pd.DataFrame({"message_id": [str(i) for i in range(1, n + 1)],
                          "created_at": pd.to_datetime(["2026-10-31T10:00:00Z"] * n, utc=True), **columns})
    path = tmp_path / "messages.parquet"
    frame.to_parquet(path, index=False)
    return path


def test_a_column_named_record_is_not_read(tmp_path):
    # regression: frame.insert raised "ValueError: cannot insert record, already exists"
    result = parquet.read(_table(tmp_path, record=[7, 7]))
    assert result.counts == {"records": 2, "messages": 2, "rejects": 0, "duplicates": 0}
    assert result.messages["source"].tolist() == ["messages.parquet:1", "messages.parquet:2"]


def test_a_flag_that_is_not_true_or_false_is_a_bad_value(tmp_path):
    # regression: astype("boolean") raised TypeError ("Need to pass bool-like values")
    result = parquet.read(_table(tmp_path, is_official=["yes", None], is_hidden=[0, 2]))
    assert result.counts == {"records": 2, "messages": 0, "rejects": 2, "duplicates": 0}
    assert result.rejects[["record", "reason", "field"]].values.tolist() == [
        [1, "bad_value", "is_official"], [2, "bad_value", "is_hidden"]]


def test_a_time_outside_the_nanosecond_range_is_a_bad_timestamp(tmp_path):
    # regression: a datetime64[us] column with year 1500 raised OutOfBoundsDatetime
    times = pd.Series(pd.to_datetime(["1500-01-01", "2026-10-31"]).as_unit("us"), dtype="datetime64[us]")
    result = parquet.read(_table(tmp_path, created_at=times))
    assert result.rejects[["record", "reason", "field"]].values.tolist() == [[1, "bad_timestamp", "created_at"]]
    assert result.counts == {"records": 2, "messages": 1, "rejects": 1, "duplicates": 0}


def test_damaged_pandas_metadata_is_ignored_and_the_columns_read(tmp_path):
    # regression: pyarrow's to_pandas raised KeyError('pandas_type') out of the reader
    frame = pd.DataFrame({"message_id": ["1"], "created_at": pd.to_datetime(["2026-10-31T10:00:00Z"], utc=True)})
    table = pa.Table.from_pandas(frame, preserve_index=False)
    meta = json.loads(table.schema.metadata[b"pandas"])
    del meta["columns"][0]["pandas_type"]
    path = tmp_path / "messages.parquet"
    pq.write_table(table.replace_schema_metadata({b"pandas": json.dumps(meta)}), path)
    result = parquet.read(path)
    assert result.counts == {"records": 1, "messages": 1, "rejects": 0, "duplicates": 0}
    assert result.messages["created_at"].tolist() == [pd.Timestamp("2026-10-31 10:00", tz="UTC")]
    assert result.notes == ["messages.parquet: its pandas metadata is damaged and was ignored; columns read as stored"]


def test_text_that_is_not_utf8_is_a_parse_error_naming_the_column(tmp_path):
    # regression: Parquet does not check UTF-8 on reading; pyarrow's str.lower then raised
    # ArrowInvalid ("Invalid UTF8 sequence in input") out of build_result
    text = pa.array([b"ho\xffla"], type=pa.binary()).view(pa.string())
    path = tmp_path / "messages.parquet"
    pq.write_table(pa.table({"message_id": ["1"], "created_at": pa.array([0], pa.timestamp("us", tz="UTC")),
                             "text": text}), path)
    with pytest.raises(ParseError, match="UTF8") as info:
        parquet.read(path)
    assert info.value.field == "text"


def _sample_table(samples):
    import roi

    config = roi.load_config(samples / "roi.toml")
    loaded = roi.load(sorted(p for p in samples.iterdir() if p.suffix != ".toml"), config=config)
    return loaded.messages, config


def _record_by_record(table: pa.Table, path, config):
    from roi.io.base import build_result

    frame = table.to_pandas()
    frame.insert(0, "record", range(1, len(frame) + 1))
    return build_result(frame, path=path, fmt="parquet", records=len(frame), channel="other", config=config)


def test_a_canonical_file_is_taken_whole_and_equals_the_record_by_record_read(samples, tmp_path):
    messages, config = _sample_table(samples)
    # the sample's Facebook page exported under its page id: the config's [[name, id]] names it, on both paths
    page = messages["channel"] == "facebook"
    raw = messages.assign(account=messages["account"].where(~page, "104729384756120"))
    path = tmp_path / "messages.parquet"
    raw.to_parquet(path, index=False)
    table = pq.read_table(path)
    fast = parquet.canonical(table, config)
    assert fast is not None
    pd.testing.assert_frame_equal(fast, _record_by_record(table, path, config).messages)
    pd.testing.assert_frame_equal(fast, messages)  # the ids were renamed back to the page's name
    result = read(path, config=config)
    assert result.counts == {"records": len(messages), "messages": len(messages), "rejects": 0, "duplicates": 0}


def test_accounts_the_config_does_not_rename_are_kept_as_read_and_equal_the_record_by_record_read(samples, tmp_path):
    messages, config = _sample_table(samples)  # every account already under its configured name
    path = tmp_path / "messages.parquet"
    messages.to_parquet(path, index=False)
    table = pq.read_table(path)
    account = table.column("account")
    assert parquet._named(table.column("channel"), account, config) is account  # no copy of the column
    pd.testing.assert_frame_equal(parquet.canonical(table, config), _record_by_record(table, path, config).messages)


@pytest.mark.parametrize(("column", "value"), [
    ("message_id", " 7"),  # a reader strips it
    ("author_id", ""),  # a reader reads it as missing
    ("text", "caf\ufffd"),  # undecodable bytes: a reject
    ("lang", "ES"),  # a reader lower-cases it
    ("parent_id", "SELF"),  # a message that answers itself: a reader drops the link
    ("message_id", "DUP"),  # the same id twice in a channel: a duplicate or a conflict
])
def test_a_file_with_one_record_a_reader_would_change_takes_the_record_by_record_path(samples, tmp_path, column, value):
    messages, config = _sample_table(samples)
    messages = messages.copy()
    if value == "SELF":
        messages.loc[5, "parent_id"] = messages.loc[5, "message_id"]
    elif value == "DUP":
        messages.loc[5, "message_id"] = messages.loc[4, "message_id"]
        messages.loc[5, "channel"] = messages.loc[4, "channel"]
    else:
        messages.loc[5, column] = value
    path = tmp_path / "messages.parquet"
    messages.to_parquet(path, index=False)
    table = pq.read_table(path)
    assert parquet.canonical(table, config) is None
    expected = _record_by_record(table, path, config)
    result = read(path, config=config)
    pd.testing.assert_frame_equal(result.messages, expected.messages)
    assert result.counts == expected.counts


# values whose edges the byte-level checks must judge as str.strip does: every white-space
# character, look-alikes that are not white space (U+200B, U+180E, U+FEFF), multi-byte letters
# and an emoji whose last byte equals the last byte of a white-space character
_EDGE_PIECES = ["a", "é", "中", "\U0001f600", "\u200b", "\u180e", "\ufeff", "\u00e0", *SPACE_CHARACTERS]


@pytest.mark.parametrize("large", [False, True])
def test_edges_are_text_decides_as_str_strip_on_every_white_space_character(large):
    values = [p + q for p in _EDGE_PIECES for q in _EDGE_PIECES] + [p + "x" + q for p in _EDGE_PIECES for q in _EDGE_PIECES]
    kind = pa.large_string() if large else pa.string()
    for value in values:
        column = pa.chunked_array([pa.array(["id1", value, None], type=kind)])
        assert parquet._edges_are_text(column) == (value == value.strip()), repr(value)
    assert not parquet._edges_are_text(pa.chunked_array([pa.array(["id1", "", None], type=kind)]))


def test_edges_are_text_looks_only_at_a_chunk_s_own_values():
    """A sliced chunk shares its buffers with values it does not hold: those are not judged."""
    array = pa.array([" left", "", "ok", "fine", "right ", None])
    assert parquet._edges_are_text(pa.chunked_array([array.slice(2, 2)]))
    assert not parquet._edges_are_text(pa.chunked_array([array.slice(2, 3), array.slice(0, 1)]))
    assert not parquet._edges_are_text(pa.chunked_array([array.slice(1, 2)]))  # the empty value


def test_holds_finds_a_character_only_inside_a_chunk_s_own_values():
    array = pa.array(["caf\ufffd", "ok", "bien", "x\ufffdy"])
    assert not parquet._holds(pa.chunked_array([array.slice(1, 2)]), "\ufffd")  # the buffer holds it, the values not
    assert parquet._holds(pa.chunked_array([array.slice(1, 3)]), "\ufffd")
    assert parquet._holds(pa.chunked_array([pa.array(["\ufffd"], type=pa.large_string())]), "\ufffd")
    # the first byte of U+FFFD (0xEF) in other characters is not a match: U+FEFF is EF BB BF
    assert not parquet._holds(pa.chunked_array([pa.array(["\ufeffhola", "\uff01"])]), "\ufffd")
    assert not parquet._holds(pa.chunked_array([pa.array([None, ""], type=pa.string())]), "\ufffd")


def test_a_table_written_in_many_row_groups_is_read_in_one_chunk_per_column(samples, tmp_path):
    """Each family takes rows from the text columns many times: from one chunk, Arrow copies only those rows."""
    messages, config = _sample_table(samples)
    path = tmp_path / "messages.parquet"
    messages.to_parquet(path, index=False, row_group_size=100)
    assert pq.ParquetFile(path).metadata.num_row_groups > 5
    result = read(path, config=config)
    pd.testing.assert_frame_equal(result.messages, messages)
    chunks = {name: result.messages[name].array._pa_array.num_chunks for name in ("message_id", "text", "thread_id")}
    assert chunks == {"message_id": 1, "text": 1, "thread_id": 1}


def test_text_that_is_not_utf8_is_an_error_naming_its_column(samples, tmp_path):
    """Parquet does not check the encoding of its text: the reader does, and says which column is damaged."""
    import numpy as np

    messages, _ = _sample_table(samples)
    table = pa.Table.from_pandas(messages, preserve_index=False)
    texts = [t.encode() for t in messages["text"]]
    texts[3] = b"caf\xe9 sin luz"  # Windows-1252 bytes inside a UTF-8 column
    offsets = np.r_[0, np.cumsum([len(t) for t in texts])].astype(np.int64)
    damaged = pa.Array.from_buffers(pa.large_string(), len(texts), [None, pa.py_buffer(offsets.tobytes()),
                                                                    pa.py_buffer(b"".join(texts))])
    table = table.set_column(table.column_names.index("text"), "text", damaged)
    path = tmp_path / "messages.parquet"
    pq.write_table(table, path)
    with pytest.raises(ParseError, match="column 'text' holds damaged values") as caught:
        read(path)
    assert caught.value.field == "text"


def test_a_canonical_table_with_combining_marks_is_read_composed(tmp_path):
    from roi.schema import coerce_messages

    frame = coerce_messages(pd.DataFrame({
        "message_id": ["1", "2"], "channel": "twitter", "account": "ayto", "thread_id": "1", "parent_id": [None, "1"],
        "author_id": ["u1", "ayto"], "is_official": [False, True],
        "created_at": pd.to_datetime(["2026-10-01T10:00Z", "2026-10-01T11:00Z"], utc=True),
        "text": ["plain", "Gracias"], "lang": "es", "is_public": True, "is_hidden": False, "likes": 0,
        "source": ["f:1", "f:2"]}))
    table = pa.Table.from_pandas(frame, preserve_index=False)
    # the text written decomposed into the file itself (a table built elsewhere)
    table = table.set_column(table.column_names.index("text"), "text", pa.array(["Cami\u0301on", "Gracias"]))
    path = tmp_path / "nfd.parquet"
    pq.write_table(table, path)
    result = read(path)
    assert result.messages["text"].tolist() == ["Camíon", "Gracias"]
    assert result.counts["messages"] == 2
