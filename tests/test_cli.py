"""The roi command line: counts per file, files written atomically, clear errors."""

import json

import pandas as pd

from roi.cli import main
from roi.errors import RoiError

TWCS = (
    "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n"
    "1,AytoEjemplo,False,Tue Oct 31 22:10:47 +0000 2017,@9 Hola,,2\n"
    "2,9,True,Tue Oct 31 22:00:00 +0000 2017,@AytoEjemplo ¿hola?,1,\n"
    "3,9,True,not a date,@AytoEjemplo ¿hola?,,\n"
)


def test_ingest_writes_table_and_rejects(tmp_path, capsys):
    source = tmp_path / "twcs.csv"
    source.write_text(TWCS, encoding="utf-8")
    out = tmp_path / "out" / "messages.parquet"
    assert main(["ingest", str(source), "--out", str(out)]) == 0
    captured = capsys.readouterr()
    assert "twcs.csv (twcs): 3 records = 2 messages + 1 rejects + 0 duplicates" in captured.err
    table = pd.read_parquet(out)
    assert sorted(table["message_id"]) == ["1", "2"]
    rejects = pd.read_csv(out.with_name("messages.rejects.csv"))
    assert rejects[["record", "reason", "field"]].values.tolist() == [[3, "bad_timestamp", "created_at"]]
    assert [p.name for p in out.parent.iterdir() if p.name.startswith(".")] == []  # no temporary leftovers


def test_validate_exit_status_says_whether_everything_was_read(tmp_path, capsys):
    source = tmp_path / "twcs.csv"
    source.write_text(TWCS, encoding="utf-8")
    assert main(["validate", str(source)]) == 1
    assert "twcs.csv:3" in capsys.readouterr().out
    source.write_text(TWCS.rsplit("3,9", 1)[0], encoding="utf-8")
    assert main(["validate", str(source)]) == 0


def test_errors_are_one_line_without_traceback(tmp_path, capsys):
    empty = tmp_path / "empty.json"
    empty.write_text("", encoding="utf-8")
    assert main(["validate", str(empty)]) == 2
    err = capsys.readouterr().err
    errors = [line for line in err.splitlines() if line.startswith("roi: error: file ")]  # (after the note on accounts)
    assert len(errors) == 1 and "empty" in errors[0] and "Traceback" not in err
    assert main(["ingest", str(empty), "--out", str(tmp_path / "m.parquet")]) == 2
    assert not (tmp_path / "m.parquet").exists()


def test_strict_mode_stops_at_the_first_bad_record(tmp_path, capsys):
    source = tmp_path / "twcs.csv"
    source.write_text(TWCS, encoding="utf-8")
    assert main(["validate", "--strict", str(source)]) == 2
    assert "record 3, field 'created_at'" in capsys.readouterr().err


def test_unknown_format_lists_the_supported_ones(tmp_path, capsys):
    odd = tmp_path / "notes.txt"
    odd.write_text("just some notes\nnothing tabular\n", encoding="utf-8")
    assert main(["validate", str(odd)]) == 2
    err = capsys.readouterr().err
    assert "matches none of the supported formats" in err and "twcs" in err and "csv" in err


def test_report_on_the_bundled_sample(samples, tmp_path, capsys):
    """roi report writes an English HTML report, indicators.json and the index for one month of the sample."""
    import json

    out = tmp_path / "reports"
    assert main(["report", "--config", str(samples / "roi.toml"), "--period", "2025-10", "--lang", "en",
                 "--out", str(out)]) == 0
    captured = capsys.readouterr()
    assert str(out / "2025-10" / "report.html") in captured.out
    assert "roi report: " in captured.err  # progress on stderr
    page = (out / "2025-10" / "report.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in page and "October 2025" in page and "Response speed" in page
    document = json.loads((out / "2025-10" / "indicators.json").read_text(encoding="utf-8"))
    assert document["period"] == "2025-10" and document["language"] == "en"
    assert "October 2025" in (out / "index.html").read_text(encoding="utf-8")


def test_notebooks_are_copied_for_jupyterlab_and_never_overwritten_silently(tmp_path, capsys, samples):
    out = tmp_path / "nb"
    assert main(["notebooks", "--out", str(out), "--config", str(samples / "roi.toml")]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["explore.ipynb", "periodic_report.ipynb"]
    # the config's full path is written into each notebook's parameters cell
    assert repr(str((samples / "roi.toml").resolve())) in (out / "periodic_report.ipynb").read_text(encoding="utf-8")
    (out / "explore.ipynb").write_text("my edits", encoding="utf-8")
    capsys.readouterr()
    assert main(["notebooks", "--out", str(out)]) != 0
    assert "--force" in capsys.readouterr().err
    assert (out / "explore.ipynb").read_text(encoding="utf-8") == "my edits"
    assert main(["notebooks", "--out", str(out), "--force", "--config", str(samples / "roi.toml")]) == 0
    assert (out / "explore.ipynb").read_text(encoding="utf-8") != "my edits"
    capsys.readouterr()
    assert main(["notebooks", "--out", str(out / "explore.ipynb")]) == 2
    err = capsys.readouterr().err
    assert "not a folder" in err and "Traceback" not in err
    from roi.report.run import NOTEBOOKS  # in a checkout, --force onto the one copy would copy a file onto itself
    assert main(["notebooks", "--out", str(NOTEBOOKS), "--force"]) == 2
    assert "roi's own notebooks" in capsys.readouterr().err


def test_disappeared_compares_two_exports_and_writes_ids_only(samples, tmp_path, capsys):
    from helpers import facebook_export_without_a_comment

    later = tmp_path / "later.json"
    removed = facebook_export_without_a_comment(samples, later)
    out = tmp_path / "gone.csv"
    assert main(["disappeared", "--earlier", str(samples / "facebook_comments.json"), "--later", str(later),
                 "--config", str(samples / "roi.toml"), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "n_disappeared" in printed and "Ajuntament de Torrebruna de Mar" in printed
    gone = pd.read_csv(out, dtype=str)
    assert removed["id"] in set(gone["message_id"])
    assert "text" not in gone.columns and "author_id" not in gone.columns


def test_a_folder_with_a_licence_readme_and_index_is_read_with_a_note(samples, tmp_path, capsys):
    # issue 13.12: files of a folder that are not exports are skipped with a note, never abort the run
    (tmp_path / "x.jsonl").write_bytes((samples / "x_api_v2.jsonl").read_bytes())
    (tmp_path / "LICENSE").write_text("MIT License\n\nCopyright (c) 2025\n", encoding="utf-8")
    (tmp_path / "README").write_text("Exports of October\n", encoding="utf-8")
    (tmp_path / "index.html").write_text("<!DOCTYPE html><html><body>reports</body></html>\n", encoding="utf-8")
    assert main(["validate", str(tmp_path)]) == 0
    captured = capsys.readouterr()
    assert captured.err.count("not an export file") == 3
    assert "902" in captured.out  # the sample's X export: 902 posts, all read


def test_validate_lists_every_file_that_cannot_be_read(samples, tmp_path, capsys):
    # issue 13.12: two unreadable files named on their own are both listed, and the good one is still read
    (tmp_path / "notes.txt").write_text("nothing to see\n", encoding="utf-8")
    (tmp_path / "cut.json").write_text('{"data": [ {"id": "1", "message": "unterminated', encoding="utf-8")
    status = main(["validate", str(tmp_path / "notes.txt"), str(tmp_path / "cut.json"), str(samples / "x_api_v2.jsonl")])
    captured = capsys.readouterr()
    assert status == 2
    errors = [line for line in captured.err.splitlines() if line.startswith("roi: error:")]
    assert len(errors) == 2 and "notes.txt" in errors[0] and "cut.json" in errors[1]
    assert "x_api_v2.jsonl" in captured.out and "2 file(s) could not be read" in captured.out


def test_one_failed_period_does_not_stop_the_others_nor_the_index(samples, tmp_path, capsys, monkeypatch):
    # issue 13.12: --period .. --to writes every period it can, then the index, and exits 2 naming the failed one
    import roi.report.run as run

    def build_one(*, period, out, **kwargs):
        if period == "2025-10":
            raise RoiError("step 'execute notebook' failed at cell 6 (KeyError: 'x')")
        folder = out / period
        folder.mkdir(parents=True)
        (folder / "indicators.json").write_text(json.dumps({"period": period, "language": "es"}), encoding="utf-8")
        return folder

    monkeypatch.setattr(run, "build_one", build_one)
    status = main(["report", "--config", str(samples / "roi.toml"), "--period", "2025-09", "--to", "2025-11",
                   "--out", str(tmp_path)])
    err = capsys.readouterr().err
    assert status == 2 and "1 of 3 reports failed: 2025-10" in err
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "septiembre de 2025" in index and "noviembre de 2025" in index and "octubre de 2025" not in index
