"""No roi command lets a Python traceback escape (issue 13.1 and 13.10): bad outputs, system errors and damaged
inputs end with exit status 2 and one line that names the file and says how to fix it."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pandas as pd
import pytest

from roi.cli import main

DAMAGES = {
    "truncated": lambda data: data[: len(data) // 2],
    "no end": lambda data: data[:-7],
    "binary": lambda data: bytes(range(256)) * 4 + data[:100],
    "empty": lambda data: b"",
    "nul bytes": lambda data: data[:200] + b"\x00" * 50 + data[200:400],
}


def one_line_error(capsys, *names: str) -> str:
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.startswith("roi: error:")]
    assert len(lines) == 1 and "Traceback" not in err, err
    assert "How to fix:" in lines[0] and all(name in lines[0] for name in names), lines[0]
    return lines[0]


def commands(samples: Path, out: Path) -> dict[str, list[str]]:
    """Every command that writes, with ``out`` as its output."""
    x = str(samples / "x_api_v2.jsonl")
    fb = str(samples / "facebook_comments.json")
    return {
        "ingest": ["ingest", x, "--out", str(out / "m.parquet")],
        "disappeared": ["disappeared", "--earlier", fb, "--later", fb, "--out", str(out / "gone.csv")],
        "report": ["report", "--config", str(samples / "roi.toml"), "--period", "2025-10", "--out", str(out / "r")],
        "notebooks": ["notebooks", "--out", str(out / "nb")],
        "sample": ["sample", "--out", str(out / "s")],
    }


@pytest.mark.parametrize("command", ["ingest", "disappeared", "report", "notebooks", "sample"])
def test_an_output_under_a_file_is_one_line(samples, tmp_path, capsys, command):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    assert main(commands(samples, blocker)[command]) == 2
    one_line_error(capsys, "a-file")
    assert blocker.read_text(encoding="utf-8") == "not a folder"


@pytest.mark.parametrize("command", ["ingest", "disappeared", "report", "notebooks", "sample"])
@pytest.mark.parametrize("code", [errno.EROFS, errno.EACCES, errno.ENOSPC])
def test_read_only_refused_or_full_disk_is_one_line(samples, tmp_path, capsys, monkeypatch, command, code):
    # simulated: every file the command creates fails as on a read-only mount, a folder without rights or a full disk
    def refuse(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr("tempfile.mkstemp", refuse)
    monkeypatch.setattr("tempfile.mkdtemp", refuse)
    monkeypatch.setattr("shutil.copyfile", refuse)
    monkeypatch.setattr(Path, "write_bytes", refuse)
    monkeypatch.setattr(Path, "write_text", refuse)
    assert main(commands(samples, tmp_path)[command]) == 2
    line = one_line_error(capsys, str(tmp_path))
    assert {errno.EROFS: "read-only", errno.EACCES: "permission denied", errno.ENOSPC: "disk is full"}[code] in line


def test_report_on_a_full_disk_is_one_line_and_leaves_no_half_folder(samples, tmp_path, capsys, monkeypatch):
    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("roi.report.run.write_index", full)
    monkeypatch.setattr("papermill.execute_notebook", full)
    assert main(commands(samples, tmp_path)["report"]) == 2
    one_line_error(capsys, str(tmp_path / "r"))
    assert [p.name for p in (tmp_path / "r").iterdir()] == []


@pytest.mark.parametrize("command", ["ingest", "disappeared", "notebooks", "sample"])
def test_an_output_whose_folders_are_missing_is_made(samples, tmp_path, capsys, command):
    assert main(commands(samples, tmp_path / "new" / "deeper")[command]) == 0
    assert any((tmp_path / "new" / "deeper").iterdir())


def test_config_that_is_a_folder_or_a_device(samples, tmp_path, capsys):
    assert main(["validate", str(samples / "x_api_v2.jsonl"), "--config", str(tmp_path)]) == 2
    assert "is a folder" in one_line_error(capsys, str(tmp_path))
    assert main(["validate", str(samples / "x_api_v2.jsonl"), "--config", os.devnull]) == 2
    one_line_error(capsys, os.devnull)


def test_a_device_is_not_read_until_memory_runs_out(tmp_path, capsys):
    assert main(["ingest", "/dev/zero", "--out", str(tmp_path / "m.parquet")]) == 2
    assert "not a regular file" in one_line_error(capsys, "/dev/zero")


# -- issue 13.1: no output overwrites an input or another output ----------------------------------------------------

def test_ingest_never_overwrites_its_input_or_its_own_table(samples, tmp_path, capsys):
    source = tmp_path / "x.jsonl"
    source.write_bytes((samples / "x_api_v2.jsonl").read_bytes())
    other = tmp_path / "y.jsonl"
    other.write_bytes(source.read_bytes())
    before = source.read_bytes()
    assert main(["ingest", str(source), "--out", str(source)]) == 2
    assert "--out would overwrite it" in one_line_error(capsys, "x.jsonl")
    out = tmp_path / "m.parquet"
    assert main(["ingest", str(source), "--out", str(out), "--rejects", str(out)]) == 2
    one_line_error(capsys, "m.parquet", "--rejects")
    assert main(["ingest", str(source), str(other), "--out", str(out), "--rejects", str(other)]) == 2
    one_line_error(capsys, "y.jsonl")
    assert main(["ingest", str(tmp_path), "--out", str(tmp_path / "y.jsonl")]) == 2  # a folder's file counts too
    one_line_error(capsys, "y.jsonl")
    assert source.read_bytes() == before and other.read_bytes() == before and not out.exists()
    assert main(["ingest", str(source), "--out", str(out)]) == 0
    assert len(pd.read_parquet(out)) == 902  # the sample's X export holds 902 posts (roi validate on it)


def test_disappeared_never_overwrites_an_export(samples, tmp_path, capsys):
    later = tmp_path / "later.json"
    later.write_bytes((samples / "facebook_comments.json").read_bytes())
    before = later.read_bytes()
    assert main(["disappeared", "--earlier", str(samples / "facebook_comments.json"), "--later", str(later),
                 "--out", str(later)]) == 2
    one_line_error(capsys, "later.json")
    assert later.read_bytes() == before


def shared_files(root: Path) -> list[Path]:
    return sorted(p for p in (root / "formats").rglob("*") if p.is_file() and p.suffix in (".json", ".jsonl", ".jsonc")) + \
        sorted((root / "twcs").glob("*.csv"))


@pytest.mark.parametrize("damage", sorted(DAMAGES))
def test_every_damaged_shared_export_is_refused_in_one_line_or_listed(shared_data, tmp_path, capsys, damage):
    files = shared_files(shared_data)
    assert len(files) >= 15
    for source in files:
        broken = tmp_path / f"broken-{source.name}"
        broken.write_bytes(DAMAGES[damage](source.read_bytes()))
        status = main(["validate", str(broken)])
        if status == 2:
            one_line_error(capsys, broken.name)
        elif status == 0 and source.suffix == ".csv" and damage in ("no end", "truncated"):
            capsys.readouterr()  # a CSV cut between or inside a text field is still a valid CSV: nothing to detect
        else:  # read in part: the damaged records are listed by record number and reason
            assert status == 1, f"{damage} {source.name}: damage not reported"
            out = capsys.readouterr()
            assert "record(s) not read as messages" in out.out and "Traceback" not in out.err
