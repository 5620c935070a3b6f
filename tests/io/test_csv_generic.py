"""Generic CSV: Excel-in-Spain exports with a column mapping."""

import pandas as pd
import pytest

from roi.config import Config, CsvMapping, config_from_dict
from roi.errors import MissingColumnError, RecordError
from roi.io import csv_generic, read

CONFIG = config_from_dict({
    "timezone": "Europe/Madrid",
    "accounts": {"email": ["atencion@ayto-ejemplo.example"]},
    "csv": {
        "channel": "email",
        "delimiter": "auto",
        "dayfirst": True,
        "columns": {
            "message_id": "Id", "created_at": "Fecha", "text": "Mensaje",
            "author_id": "Remitente", "parent_id": "En respuesta a", "is_public": "Público",
        },
    },
})

EXPORT = (
    "Id;Fecha;Remitente;Mensaje;En respuesta a;Público\r\n"
    "m1;31/10/2026 14:05;vecina@example.org;¿A qué hora abre el registro?;;no\r\n"
    "m2;02/11/2026 09:30;atencion@ayto-ejemplo.example;Buenos días, de 9 a 14 h.;m1;no\r\n"
    "m3;15/07/2026 23:59;vecino@example.org;Farola apagada en la plaza;;sí\r\n"
)


def _write(tmp_path, text, encoding="cp1252", name="contacto.csv"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_excel_spanish_export(tmp_path):
    result = read(_write(tmp_path, EXPORT), config=CONFIG)
    assert result.format == "csv"
    assert result.counts == {"records": 3, "messages": 3, "rejects": 0, "duplicates": 0}
    m = result.messages.set_index("message_id")
    # 31/10/2026 14:05 in Madrid is CET (DST ended on 25 October): 13:05 UTC, worked by hand
    assert m.loc["m1", "created_at"] == pd.Timestamp("2026-10-31 13:05", tz="UTC")
    # 15/07/2026 23:59 is CEST (+02:00): 21:59 UTC
    assert m.loc["m3", "created_at"] == pd.Timestamp("2026-07-15 21:59", tz="UTC")
    assert m.loc["m1", "text"] == "¿A qué hora abre el registro?"
    assert bool(m.loc["m2", "is_official"]) and not bool(m.loc["m1", "is_official"])
    assert (m.loc["m2", "parent_id"], m.loc["m2", "thread_id"]) == ("m1", "m1")
    assert m.loc["m1", "account"] == "atencion@ayto-ejemplo.example"  # the official who answers in the thread
    assert m["is_public"].tolist() == [False, False, True]
    assert str(m["channel"].iloc[0]) == "email"


def test_utf8_bom_and_comma(tmp_path):
    text = EXPORT.replace(";", ",").replace("Buenos días, de 9 a 14 h.", '"Buenos días, de 9 a 14 h."')
    result = csv_generic.read(_write(tmp_path, text, "utf-8-sig"), CONFIG)
    assert result.counts["messages"] == 3
    assert result.messages["text"].iloc[1] == "Buenos días, de 9 a 14 h."


def test_unquoted_delimiter_inside_a_field_is_a_wrong_field_count(tmp_path):
    text = EXPORT.replace(";", ",")  # "Buenos días, de 9 a 14 h." now splits into one field too many
    result = csv_generic.read(_write(tmp_path, text, "utf-8"), CONFIG)
    assert result.counts == {"records": 3, "messages": 2, "rejects": 1, "duplicates": 0}
    assert result.rejects[["record", "reason"]].values.tolist() == [[2, "wrong_field_count"]]


def test_damaged_records_are_listed_and_the_rest_read(tmp_path):
    text = EXPORT + (
        "m4;32/13/2026 10:00;x@example.org;fecha imposible;;no\r\n"  # bad timestamp
        "m1;31/10/2026 14:05;otro@example.org;otro texto;;no\r\n"  # id already used, other content
        "m2;02/11/2026 09:30;atencion@ayto-ejemplo.example;Buenos días, de 9 a 14 h.;m1;no\r\n"  # exact repeat
        ";01/11/2026 10:00;x@example.org;sin id;;no\r\n"  # no id
    )
    result = csv_generic.read(_write(tmp_path, text), CONFIG)
    assert result.counts == {"records": 7, "messages": 3, "rejects": 3, "duplicates": 1}
    rejects = result.rejects.set_index("record")
    assert rejects.loc[4, ["reason", "field"]].tolist() == ["bad_timestamp", "created_at"]
    assert rejects.loc[5, ["reason", "field"]].tolist() == ["duplicate_id", "message_id"]
    assert "record 1" in rejects.loc[5, "detail"]
    assert rejects.loc[6, "reason"] == "duplicate"
    assert rejects.loc[7, ["reason", "field"]].tolist() == ["missing_field", "message_id"]
    assert rejects.loc[4, "raw"].startswith("m4;32/13/2026 10:00")
    assert rejects["source"].tolist()[0].startswith("contacto.csv:")


def test_undecodable_byte_in_a_utf8_file_rejects_only_that_record(tmp_path):
    good = EXPORT.encode("utf-8")
    damaged = good.replace(b"Farola", b"Far\xf3la")  # a stray Latin-1 byte
    path = tmp_path / "mixed.csv"
    path.write_bytes(damaged)
    result = csv_generic.read(path, CONFIG)
    assert result.counts == {"records": 3, "messages": 2, "rejects": 1, "duplicates": 0}
    reject = result.rejects.iloc[0]
    assert (reject["record"], reject["reason"], reject["field"]) == (3, "undecodable_bytes", "text")


def test_strict_mode_names_file_record_and_field(tmp_path):
    text = EXPORT + "m4;ayer;x@example.org;fecha imposible;;no\r\n"
    with pytest.raises(RecordError) as info:
        csv_generic.read(_write(tmp_path, text), CONFIG, errors="raise")
    assert (info.value.record, info.value.field) == (4, "created_at")
    assert "contacto.csv" in str(info.value) and "How to fix" in str(info.value)


def test_missing_mapped_column_says_how_to_map_it(tmp_path):
    path = _write(tmp_path, "Id;Fecha;Texto\r\n1;31/10/2026 14:05;hola\r\n")
    with pytest.raises(MissingColumnError) as info:
        csv_generic.read(path, CONFIG)
    assert info.value.field == "Mensaje"
    assert "[csv.columns]" in str(info.value)


def test_roi_own_columns_need_no_mapping(tmp_path):
    path = _write(tmp_path, "message_id,created_at,text,author_id\n1,2026-10-31T14:05:00Z,hola,u\n", "utf-8")
    result = read(path)
    assert result.format == "csv"
    assert result.messages["created_at"].iloc[0] == pd.Timestamp("2026-10-31 14:05", tz="UTC")


def test_email_rows_are_private_unless_a_column_says_otherwise(tmp_path):
    config = config_from_dict({"csv": {"channel": "email", "columns": {
        "message_id": "Id", "created_at": "Fecha", "text": "Mensaje"}}})
    path = _write(tmp_path, "Id;Fecha;Mensaje\r\n1;31/10/2026 14:05;hola\r\n")
    messages = csv_generic.read(path, config).messages
    assert messages["is_public"].tolist() == [False]  # an e-mail is seen only by sender and administration


def test_a_like_count_too_large_for_the_table_is_a_bad_value(tmp_path):
    # regression: 99999999999999999999999 wrapped around to a negative Int64, and
    # the schema check raised SchemaError ("column 'likes' has 1 negative value(s)")
    text = ("message_id,created_at,text,likes\n1,2026-10-31T10:00:00Z,hola,99999999999999999999999\n"
            "2,2026-10-31T11:00:00Z,adiós,3\n")
    result = csv_generic.read(_write(tmp_path, text, "utf-8"))
    assert result.counts == {"records": 2, "messages": 1, "rejects": 1, "duplicates": 0}
    reject = result.rejects.iloc[0]
    assert (reject["record"], reject["reason"], reject["field"]) == (1, "bad_value", "likes")
    assert result.messages["likes"].tolist() == [3]


def test_a_header_named_record_can_be_mapped(tmp_path):
    # regression: a column called "record" crashed the CSV layer ("cannot insert record")
    config = Config(csv=CsvMapping(columns={"message_id": "record.1", "created_at": "fecha", "text": "texto"}))
    result = csv_generic.read(_write(tmp_path, "record;fecha;texto\nA-7;31/10/2026 14:05;hola\n"), config)
    assert result.messages["message_id"].tolist() == ["A-7"]
    assert result.messages["source"].tolist() == ["contacto.csv:1"]


def test_utf8_read_as_cp1252_and_a_repeated_header_are_noted(tmp_path):
    # issue 13.11: both lost content without a word
    from roi.config import config_from_dict

    path = tmp_path / "contacto.csv"
    path.write_text("message_id,created_at,text,text\n1,2025-10-01T10:00:00Z,¿Qué día abrís la piscina?,extra\n"
                    "2,2025-10-02T10:00:00Z,Gracias,\n", encoding="utf-8")
    config = config_from_dict({"csv": {"encoding": "cp1252"}})
    result = csv_generic.read(path, config)
    notes = " ".join(result.notes)
    # by hand: 'é', 'í' (día), 'í' (abrís) in UTF-8 read as cp1252 give 'Ã©', 'Ã\xad', 'Ã\xad': 3 (and '¿' gives 'Â¿',
    # which is not counted)
    assert "3 character(s) look like UTF-8 read as cp1252" in notes and 'encoding = "utf-8"' in notes
    assert "the header names 'text' 2 times (columns [3, 4])" in notes
    assert "look like UTF-8" not in " ".join(csv_generic.read(path).notes)  # read as UTF-8: no such note


def test_accents_written_as_combining_marks_are_composed_and_read_as_words(tmp_path):
    # "ó" and "é" written decomposed (o/e then U+0301), as some systems export them
    decomposed = EXPORT.replace("Farola apagada en la plaza", "Sema\u0301foro averiado, la farola tambie\u0301n")
    result = csv_generic.read(_write(tmp_path, decomposed, "utf-8"), CONFIG)
    text = result.messages.set_index("message_id").loc["m3", "text"]
    assert text == "Semáforo averiado, la farola también" and len(text) == 36  # one character per accented letter
    assert "\u0301" not in text
    # the same words as the composed text: the topic cue "semaforo" is found whole, at the same offsets
    from roi.topics import assign

    found = assign(result.messages.loc[result.messages["message_id"] == "m3"])
    assert found["matched_text"].tolist()[:1] == ["semaforo"] and found["start"].tolist()[:1] == [0]
