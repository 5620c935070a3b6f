"""``roi.load``: one file, a folder or a list; counts add up across files."""

from __future__ import annotations

from pathlib import Path

import pytest

import roi
from roi.errors import RoiError


def test_a_folder_reads_its_export_files_and_equals_the_list_of_them(samples):
    listed = sorted(p for p in samples.iterdir() if p.suffix != ".toml")
    by_folder = roi.load(samples, config=samples / "roi.toml")
    by_list = roi.load(listed, config=samples / "roi.toml")
    assert [Path(r.path) for r in by_folder.results] == listed
    assert len(by_folder.messages) == len(by_list.messages) > 8000
    assert len(by_folder.surveys) == len(by_list.surveys) > 0
    # every record is a message, a reject or a duplicate, file by file
    counts = by_folder.counts()
    assert (counts["records"] == counts["messages"] + counts["rejects"] + counts["duplicates"]).all()


def test_a_single_path_is_one_file_not_its_characters(samples):
    one = roi.load(str(samples / "survey.csv"), config=samples / "roi.toml")
    assert len(one.results) == 1 and len(one.surveys) > 0


def test_an_empty_folder_is_a_clear_error(tmp_path):
    with pytest.raises(RoiError, match="holds no export files"):
        roi.load(tmp_path)
