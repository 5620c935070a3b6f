"""The CSV layer: every data row is either a row of strings or a reject."""

import pytest

from roi.errors import EmptyInputError, EncodingError, MissingColumnError, RecordError
from roi.io.csvtext import read_csv_records, require_columns, sniff_delimiter


def _write(tmp_path, data: bytes, name="x.csv"):
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(("header", "expected"), [("a,b,c", ","), ("a;b;c", ";"), ("a\tb", "\t"), ('"x;y",b,c', ",")])
def test_delimiter_is_sniffed_outside_quotes(header, expected):
    assert sniff_delimiter(header) == expected


def test_bare_cr_inside_a_field_is_data_in_an_lf_file(tmp_path):
    path = _write(tmp_path, b"id,text\n1,a\r\rb\n2,c\n")
    rows = read_csv_records(path)
    assert rows.frame["text"].tolist() == ["a\r\rb", "c"]
    assert rows.records == 2 and len(rows.rejects) == 0


def test_crlf_file_with_windows_1252_and_semicolons(tmp_path):
    path = _write(tmp_path, "id;texto\r\n1;Señal rota en la calle Mayor\r\n2;¿Cuándo?\r\n".encode("cp1252"))
    rows = read_csv_records(path)
    assert rows.delimiter == ";" and rows.encoding == "cp1252"
    assert rows.frame["texto"].tolist() == ["Señal rota en la calle Mayor", "¿Cuándo?"]
    assert rows.notes == ["x.csv: decoded as cp1252"]


def test_bom_is_dropped(tmp_path):
    path = _write(tmp_path, "id,text\n1,hola\n".encode("utf-8-sig"))
    assert list(read_csv_records(path).frame.columns) == ["record", "id", "text"]


def test_rows_with_extra_fields_and_a_truncated_last_row_are_rejected(tmp_path):
    # data rows: 1 good, 2 has four fields, 3 good (quoted newline), 4 cut short at EOF
    path = _write(tmp_path, b'a,b,c\n1,2,3\n4,5,6,7\n"x\ny",1,2\n8,9')
    rows = read_csv_records(path)
    assert rows.frame["record"].tolist() == [1, 3]
    rejects = rows.rejects.frame()
    assert rejects["record"].tolist() == [2, 4]
    assert rejects["reason"].tolist() == ["wrong_field_count", "truncated_record"]
    assert rejects["detail"].iloc[0] == "expected 3 fields, saw 4"
    assert rows.records == len(rows.frame) + len(rows.rejects) == 4


def test_unclosed_quote_rejects_the_rest_as_one_record(tmp_path):
    path = _write(tmp_path, b'a,b\n1,2\n"3,4\n5,6\n')
    rows = read_csv_records(path)
    assert rows.frame["a"].tolist() == ["1"]
    reject = rows.rejects.frame().iloc[0]
    assert (reject["record"], reject["reason"]) == (2, "unclosed_quote")
    assert reject["raw"].startswith('"3,4')
    assert rows.records == 2


def test_strict_mode_raises_naming_the_record(tmp_path):
    path = _write(tmp_path, b"a,b\n1,2\n3,4,5\n")
    with pytest.raises(RecordError) as info:
        read_csv_records(path, errors="raise")
    assert info.value.record == 2 and "x.csv" in str(info.value)


def test_named_encoding_that_does_not_fit_names_the_line(tmp_path):
    path = _write(tmp_path, b"a,b\n1,2\n3,\x81\n")
    with pytest.raises(EncodingError, match="line 3"):
        read_csv_records(path, encoding="cp1252")  # 0x81 is undefined in Windows-1252


def test_header_only_and_no_header(tmp_path):
    assert read_csv_records(_write(tmp_path, b"a,b\n")).records == 0
    with pytest.raises(EmptyInputError):
        read_csv_records(_write(tmp_path, b"\n\n \n", "blank.csv"), encoding="utf-8")


def test_require_columns_is_case_insensitive_and_lists_the_header(tmp_path):
    rows = read_csv_records(_write(tmp_path, b"Id,Fecha\n1,2\n"))
    assert require_columns(rows.frame, {"message_id": "id"}, "x.csv", fix="map it") == {"message_id": "Id"}
    with pytest.raises(MissingColumnError) as info:
        require_columns(rows.frame, {"text": "Mensaje"}, "x.csv", fix="map it")
    assert info.value.field == "Mensaje" and "['Id', 'Fecha']" in str(info.value)


def test_a_column_named_record_is_kept_beside_the_row_numbers(tmp_path):
    # regression: pandas raised "cannot insert record, already exists"
    rows = read_csv_records(_write(tmp_path, b"id,record\n1,x\n"))
    assert list(rows.frame.columns) == ["record", "id", "record.1"]
    assert rows.frame["record"].tolist() == [1] and rows.frame["record.1"].tolist() == ["x"]
    assert rows.notes == ["x.csv: the file's column 'record' is read as 'record.1' (roi numbers the rows in 'record')"]


def test_require_columns_never_maps_a_header_to_the_row_numbers(tmp_path):
    rows = read_csv_records(_write(tmp_path, b"id,text\n1,a\n"))
    with pytest.raises(MissingColumnError) as info:
        require_columns(rows.frame, {"message_id": "record"}, "x.csv", fix="map it")
    assert info.value.field == "record"


def test_blank_lines_before_a_bad_row_keep_rows_and_numbers_apart(tmp_path):
    # regression: pandas counts blank lines in "Skipping line N", which made more record
    # numbers than rows (ValueError: Length of values (2) does not match length of index (1))
    rows = read_csv_records(_write(tmp_path, b"a,b\n1,2\n\n\n3,4,5\n6,7\n"))
    assert rows.frame["record"].tolist() == [1, 5]  # blank lines are counted, as in a spreadsheet
    assert rows.frame["a"].tolist() == ["1", "6"]
    reject = rows.rejects.frame().iloc[0]
    assert (reject["record"], reject["reason"], reject["raw"]) == (4, "wrong_field_count", "3,4,5")
    assert rows.records == 3


def test_a_first_row_with_one_field_too_many_is_rejected_not_read_as_an_index(tmp_path):
    # regression: pandas silently took the first column of every row as the index,
    # shifting each value one column to the left
    rows = read_csv_records(_write(tmp_path, b"a,b\n1,2,3\n4,5\n"))
    assert rows.frame[["record", "a", "b"]].values.tolist() == [[2, "4", "5"]]
    reject = rows.rejects.frame().iloc[0]
    assert (reject["record"], reject["reason"], reject["detail"]) == (1, "wrong_field_count", "expected 2 fields, saw 3")
