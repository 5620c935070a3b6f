"""Tests of the survey CSV reader (roi.io.survey). All fixtures are invented."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import roi.io
from roi.config import Config, CsvMapping
from roi.errors import MissingColumnError, RecordError
from roi.io import survey
from roi.schema import validate_surveys

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "survey"


def _identity(counts):
    return counts["records"] == counts["messages"] + counts["rejects"] + counts["duplicates"]


def _write(tmp_path, text, name="survey.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_csat_fixture_answers_kept():
    result = survey.read(FIXTURES / "csat_answers.csv")
    assert result.messages.empty
    s = validate_surveys(result.surveys).set_index("survey_id")
    # rows kept, by hand from the fixture: r1 r2 r3 r12 r13 r14
    assert list(s.index) == ["r1", "r2", "r3", "r12", "r13", "r14"]
    assert s.loc["r1", "answered_at"] == pd.Timestamp("2026-10-01 08:00", tz="UTC")  # 10:00+02:00
    # 31/10/2026 14:05 day-first in Europe/Madrid: CET (UTC+1) after the 25 Oct change
    assert s.loc["r2", "answered_at"] == pd.Timestamp("2026-10-31 13:05", tz="UTC")
    # a date without time, 01/10/2026 = 1 October at midnight CEST (UTC+2)
    assert s.loc["r3", "answered_at"] == pd.Timestamp("2026-09-30 22:00", tz="UTC")
    assert (s.loc["r3", "score"], s.loc["r3", "scale"]) == (1.0, "good_bad")  # "good"
    assert (s.loc["r13", "score"], s.loc["r13", "scale"]) == (0.0, "good_bad")  # thumbs down
    assert s.loc["r12", "score"] == 4.5  # "4,5", decimal comma
    assert (s.loc["r14", "score"], s.loc["r14", "scale"]) == (0.0, "nps10")  # scale cell "NPS"
    assert s.loc["r2", "thread_id"] == "t101"
    assert s.loc["r2", "channel"] == "facebook"
    assert s.loc["r1", "account"] == "AytoEjemplo"
    assert pd.isna(s.loc["r3", "thread_id"]) and pd.isna(s.loc["r14", "channel"])
    assert s.loc["r12", "source"] == "csat_answers.csv:12"
    assert result.notes == []  # every row has a scale: nothing inferred


def test_csat_fixture_rejects_and_counts():
    result = survey.read(FIXTURES / "csat_answers.csv")
    r = result.rejects
    got = list(zip(r["record"], r["reason"], r["field"], strict=True))
    # by hand from the fixture rows 4-11
    assert got == [
        (4, "out_of_range", "score"),        # 6 on csat5
        (5, "bad_timestamp", "answered_at"),  # 32/13/2026
        (6, "duplicate", "survey_id"),       # exact copy of row 1
        (7, "duplicate_id", "survey_id"),    # r2 again with other content
        (8, "missing_field", "score"),
        (9, "bad_value", "scale"),           # "stars"
        (10, "bad_value", "channel"),        # "fax"
        (11, "bad_value", "score"),          # "excelente"
    ]
    assert r.loc[r["record"] == 7, "detail"].iloc[0] == "id 'r2' was already used by row 2 with different content"
    assert r.loc[r["record"] == 4, "raw"].iloc[0] == "r4,t103,twitter,AytoEjemplo,02/10/2026 09:30,6,csat5"
    assert list(r["source"].iloc[:1]) == ["csat_answers.csv:4"]
    # 14 data rows = 6 answers + 7 rejects + 1 duplicate
    assert result.counts == {"records": 14, "messages": 6, "rejects": 7, "duplicates": 1}
    assert _identity(result.counts)


def test_errors_raise_stops_at_the_first_bad_row():
    with pytest.raises(RecordError) as info:
        survey.read(FIXTURES / "csat_answers.csv", errors="raise")
    assert (info.value.record, info.value.field) == (4, "score")
    assert "out_of_range" in str(info.value)


def test_spanish_cp1252_semicolon_file_infers_nps_from_values():
    result = survey.read(FIXTURES / "encuesta_cp1252.csv")
    s = result.surveys
    # headers Respuesta;Conversación;Canal;Fecha;Puntuación, no scale column; a 0 and
    # values above 5 -> nps10; 11 is out of range (row 4)
    assert list(s["survey_id"]) == ["R-1", "R-2", "R-3"]
    assert list(s["score"]) == [10.0, 7.0, 0.0]
    assert set(s["scale"]) == {"nps10"}
    assert list(s["thread_id"]) == ["hilo-1", "hilo-2", "hilo-3"]
    assert s["answered_at"].iloc[0] == pd.Timestamp("2026-11-05 09:15", tz="UTC")  # 10:15 CET
    assert list(zip(result.rejects["record"], result.rejects["reason"], strict=True)) == [(4, "out_of_range")]
    assert result.counts == {"records": 4, "messages": 3, "rejects": 1, "duplicates": 0}
    assert "encuesta_cp1252.csv: decoded as cp1252" in result.notes
    assert "encuesta_cp1252.csv: scale nps10 inferred from the values (0 or values above 5 present)" in result.notes


def test_tab_file_with_bom_infers_the_scale_from_the_header_name():
    result = survey.read(FIXTURES / "nps_tab_bom.tsv")
    assert list(result.surveys["survey_id"]) == ["a-1", "a-2", "a-3"]  # BOM not in the first header
    assert list(result.surveys["score"]) == [3.0, 8.0, 10.0]
    assert result.notes == ["nps_tab_bom.tsv: scale nps10 inferred from the score column's name 'NPS'"]
    assert result.surveys["answered_at"].iloc[2] == pd.Timestamp("2026-11-03 15:45", tz="UTC")
    assert result.counts == {"records": 3, "messages": 3, "rejects": 0, "duplicates": 0}


def test_good_bad_inferred_from_words_and_thumbs(tmp_path):
    path = _write(tmp_path, "id,fecha,valoracion\n1,01/12/2026,bueno\n2,01/12/2026,👎🏽\n3,01/12/2026,1\n4,01/12/2026,Malo\n")
    result = survey.read(path)
    assert list(result.surveys["score"]) == [1.0, 0.0, 1.0, 0.0]  # by hand: bueno, thumbs down, 1, malo
    assert set(result.surveys["scale"]) == {"good_bad"}
    assert result.notes == ["survey.csv: scale good_bad inferred from the values (good/bad words)"]


def test_csat_inferred_from_values_and_good_bad_needs_zero_or_one(tmp_path):
    result = survey.read(_write(tmp_path, "id,date,score\n1,2026-12-01,4\n2,2026-12-01,5\n3,2026-12-01,1\n"))
    assert set(result.surveys["scale"]) == {"csat5"}
    assert result.notes == ["survey.csv: scale csat5 inferred from the values (all within 1-5)"]
    result = survey.read(_write(tmp_path, "id,date,score,scale\n1,2026-12-01,0.5,good_bad\n2,2026-12-01,bad,csat5\n"))
    assert list(zip(result.rejects["reason"], result.rejects["field"], strict=True)) == [
        ("out_of_range", "score"), ("bad_value", "score")]


def test_a_file_without_a_score_column_names_it(tmp_path):
    with pytest.raises(MissingColumnError) as info:
        survey.read(_write(tmp_path, "id,fecha\n1,01/12/2026\n"))
    assert info.value.field == "score"
    assert "puntuacion" in str(info.value)


def test_columns_override_the_aliases(tmp_path):
    path = _write(tmp_path, "Ticket;Cuando;Estrellas\nT1;02/12/2026 10:00;5\n")
    result = survey.read(path, columns={"survey_id": "Ticket", "answered_at": "Cuando", "score": "Estrellas"})
    assert list(result.surveys["survey_id"]) == ["T1"]
    assert result.surveys["answered_at"].iloc[0] == pd.Timestamp("2026-12-02 09:00", tz="UTC")


def test_a_row_with_too_many_fields_is_a_reject_and_the_rest_is_read(tmp_path):
    result = survey.read(_write(tmp_path, "id,fecha,score\n1,01/12/2026,4\n2,01/12/2026,5,extra\n3,01/12/2026,3\n"))
    assert list(result.surveys["survey_id"]) == ["1", "3"]
    assert list(zip(result.rejects["record"], result.rejects["reason"], strict=True)) == [(2, "wrong_field_count")]
    assert result.counts == {"records": 3, "messages": 2, "rejects": 1, "duplicates": 0}


def test_header_only_file_is_empty(tmp_path):
    result = survey.read(_write(tmp_path, "id,fecha,puntuación\n"))
    assert result.counts == {"records": 0, "messages": 0, "rejects": 0, "duplicates": 0}
    validate_surveys(result.surveys)


def test_timezone_comes_from_the_config(tmp_path):
    path = _write(tmp_path, "id,fecha,score\n1,01/12/2026 10:00,4\n")
    result = survey.read(path, Config(timezone="Atlantic/Canary"))  # WET = UTC in December
    assert result.surveys["answered_at"].iloc[0] == pd.Timestamp("2026-12-01 10:00", tz="UTC")


def test_sniff_and_detection():
    head = (FIXTURES / "csat_answers.csv").read_text(encoding="utf-8")
    assert survey.sniff(head, Path("x.csv"), None)
    assert not survey.sniff("message_id,created_at,text\n1,2026-01-01,hola\n", Path("x.csv"), None)
    assert not survey.sniff("id,fecha,score,texto\n", Path("x.csv"), None)
    # a message CSV whose text column the config maps is left to the generic CSV reader
    mapped = Config(csv=CsvMapping(columns={"text": "Cuerpo"}))
    assert survey.sniff("id,fecha,score\n", Path("x.csv"), mapped)
    assert not survey.sniff("id,fecha,score,cuerpo\n", Path("x.csv"), mapped)
    assert not survey.sniff("", Path("x.csv"), None)
    assert roi.io.detect_format(FIXTURES / "csat_answers.csv") == "survey_csv"
    assert roi.io.detect_format(FIXTURES / "encuesta_cp1252.csv") == "survey_csv"


def test_an_hour_only_offset_beside_naive_dates(tmp_path):
    # regression: "+02" (as PostgreSQL writes offsets) is not seen as an offset by the
    # naive/aware split, and pandas refused the naive group: "ValueError: Mixed timezones"
    path = _write(tmp_path, "id,fecha,score\nr1,2026-11-02 10:00,5\nr2,2026-11-02 10:00:00+02,4\n")
    result = survey.read(path, Config(timezone="Europe/Madrid"))
    assert result.counts == {"records": 2, "messages": 2, "rejects": 0, "duplicates": 0}
    assert result.surveys["answered_at"].tolist() == [pd.Timestamp("2026-11-02 09:00", tz="UTC"),  # CET
                                                      pd.Timestamp("2026-11-02 08:00", tz="UTC")]
