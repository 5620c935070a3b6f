"""Format detection from content, on every real export in the shared data."""

import pytest

import roi.io
from roi.errors import ParseError, UnknownFormatError

# file under shared/data -> the format it is (known from its source, see shared/data/README.md)
REAL_FILES = {
    "twcs/kaggle_sample_93rows.csv": "twcs",
    "twcs/monalisapatra26_twcs_head.csv": "twcs",
    "formats/twitter_api_v2_twarc/flat.jsonl": "twitter_api_v2",
    "formats/twitter_api_v2_twarc/noflat.jsonl": "twitter_api_v2",
    "formats/twitter_api_v2_twarc/two_tweets.jsonl": "twitter_api_v2",
    "formats/twitter_api_v2_twarc/quoted_edit.jsonl": "twitter_api_v2",
    "formats/twitter_api_v2_twarc/mentions_tweet.jsonl": "twitter_api_v2",
    "formats/facebook_graph_comments/comment_replies.json": "facebook_graph",
    "formats/facebook_graph_comments/comment_reply.json": "facebook_graph",
    "formats/facebook_graph_comments/comment_simple_with_replies.json": "facebook_graph",
    "formats/facebook_graph_comments/post_comments.json": "facebook_graph",
    "formats/facebook_graph_comments/post_comments_with_summary.json": "facebook_graph",
    "formats/mastodon_api/Status_examples.json": "mastodon",
    "formats/bluesky/post_records.json": "bluesky",
    "formats/open311_avisos_madrid/input.json": "open311",
}


@pytest.mark.parametrize(("name", "expected"), sorted(REAL_FILES.items()))
def test_real_exports_are_detected_and_read_without_loss(shared_data, name, expected):
    result = roi.io.read(shared_data / name)
    assert result.format == expected
    c = result.counts
    assert c["messages"] > 0
    assert c["records"] == c["messages"] + c["rejects"] + c["duplicates"]
    roi.io.schema_check(result)


def test_every_real_export_in_the_formats_folder_is_covered(shared_data):
    data_files = {
        str(p.relative_to(shared_data)) for p in (shared_data / "formats").rglob("*")
        if p.is_file() and p.suffix in {".json", ".jsonl", ".jsonc", ".csv"}
    }
    assert data_files - set(REAL_FILES) == {"formats/mastodon_api/Context_example.jsonc"}


def test_jsonc_context_example_is_a_parse_error_naming_the_line(shared_data):
    path = shared_data / "formats" / "mastodon_api" / "Context_example.jsonc"
    with pytest.raises(ParseError) as info:
        roi.io.read(path, format="mastodon")
    # line 7 of the file is the first "// ..." comment (counted by hand)
    assert "Context_example.jsonc" in str(info.value)
    assert info.value.record == "line 7, column 7"
    assert "JSONC" in str(info.value)


def test_unknown_content_lists_every_supported_format(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("una nota\nsin formato\n", encoding="utf-8")
    with pytest.raises(UnknownFormatError) as info:
        roi.io.read(path)
    for name in roi.io.FORMATS:
        assert name in str(info.value)


def test_unknown_format_name(tmp_path):
    with pytest.raises(UnknownFormatError, match="use one of"):
        roi.io.reader_for("myspace")
