"""CSV files written for people never hold a cell that a spreadsheet would run as a formula (issue 13.6)."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pandas as pd
import pytest

from roi.cli import main
from roi.csvout import neutralise

HOSTILE = ['=HYPERLINK("http://evil","x")', "@SUM(1+1)", "+cmd|' /C calc'!A0", "-2+3", "\t=1", "\r=1"]


def risky_cells(path: Path) -> list[str]:
    """Every cell of the CSV at ``path`` that starts with = + - @ tab or CR and is not a number."""
    with path.open(newline="", encoding="utf-8") as handle:
        cells = [cell for row in csv.reader(handle) for cell in row]
    return [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r") and pd.isna(pd.to_numeric(c, errors="coerce"))]


def test_formula_cells_get_an_apostrophe_and_numbers_stay_numbers():
    table = pd.DataFrame({"text": [*HOSTILE, "-3.5", "+34", "hola"], "n": range(-4, 5)})
    out = neutralise(table)
    # by hand: each hostile value is prefixed with "'"; "-3.5" and "+34" are numbers; the integer column is untouched
    assert out["text"].tolist() == [f"'{v}" for v in HOSTILE] + ["-3.5", "+34", "hola"]
    assert out["n"].tolist() == list(range(-4, 5))
    assert table["text"].iloc[0] == HOSTILE[0]  # the input is not changed


def test_ingest_rejects_csv_holds_no_formula(tmp_path, capsys):
    source = tmp_path / "twcs.csv"
    source.write_text(
        "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n"
        '1,AytoEjemplo,False,Tue Oct 31 22:10:47 +0000 2017,"=HYPERLINK(""http://evil"",""x"")",,\n'
        "2,@SUM(1+1),True,not a date,@SUM(1+1),,\n", encoding="utf-8")
    out = tmp_path / "messages.parquet"
    assert main(["ingest", str(source), "--out", str(out)]) == 0
    rejects = tmp_path / "messages.rejects.csv"
    assert "@SUM(1+1)" in rejects.read_text(encoding="utf-8")  # the hostile record is listed ...
    assert risky_cells(rejects) == []  # ... neutralised
    assert pd.read_parquet(out)["text"].tolist() == ['=HYPERLINK("http://evil","x")']  # Parquet keeps the raw value
    assert "@SUM(1+1)" in pd.read_parquet(tmp_path / "messages.rejects.parquet")["raw"].iloc[0]  # unchanged there too


def test_disappeared_csv_holds_no_formula(samples, tmp_path, capsys):
    from helpers import facebook_export_without_a_comment

    later = tmp_path / "later.json"
    removed = facebook_export_without_a_comment(samples, later)
    earlier = tmp_path / "earlier.json"
    earlier.write_text((samples / "facebook_comments.json").read_text(encoding="utf-8")
                       .replace(json.dumps(removed["id"]), json.dumps("@SUM(1+1)")), encoding="utf-8")
    out = tmp_path / "gone.csv"
    assert main(["disappeared", "--earlier", str(earlier), "--later", str(later), "--config", str(samples / "roi.toml"),
                 "--out", str(out)]) == 0
    assert "'@SUM(1+1)" in out.read_text(encoding="utf-8")
    assert risky_cells(out) == []


@pytest.mark.parametrize("show_text", [False, True])
def test_report_tables_hold_no_formula(samples, tmp_path, show_text):
    from roi.report.document import prepare

    config = (samples / "roi.toml").read_text(encoding="utf-8")
    config = config.replace('twitter = ["AjTorrebruna"]', 'twitter = [["=HYPERLINK(\\"http://evil\\",\\"x\\")", "AjTorrebruna"]]')
    config = re.sub(r"\[accounts\]", f"[privacy]\nshow_text = {str(show_text).lower()}\n\n[accounts]", config)
    (tmp_path / "roi.toml").write_text(config, encoding="utf-8")
    hostile_file = tmp_path / "@SUM(1+1).jsonl"
    hostile_file.write_bytes((samples / "x_api_v2.jsonl").read_bytes())
    report = prepare(config=str(tmp_path / "roi.toml"), period="2025-10", inputs=[str(hostile_file)], comparison="",
                     lang="es", accounts=[])
    written = [p for p in report.write_outputs(str(tmp_path / "out")) if p.suffix == ".csv"]
    tables = {p.name: p.read_text(encoding="utf-8") for p in written}
    assert "'=HYPERLINK" in tables["accounts_channels.csv"] and "'@SUM(1+1).jsonl" in tables["files_read.csv"]
    assert {p.name: risky_cells(p) for p in written} == {p.name: [] for p in written}
