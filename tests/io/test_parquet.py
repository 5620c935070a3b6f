import pandas as pd
import pytest

from roi.errors import MissingColumnError, ParseError
from roi.io import parquet, read, twcs


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
