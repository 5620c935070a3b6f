from roi.errors import ConfigError, InputError, RoiError, SchemaError


def test_message_names_file_record_field_and_fix():
    err = InputError("timestamp cannot be parsed", file="x.csv", record=7, field="created_at", fix="use ISO 8601")
    assert str(err) == "file x.csv, record 7, field 'created_at': timestamp cannot be parsed. How to fix: use ISO 8601"
    assert isinstance(err, RoiError)
    assert (err.file, err.record, err.field) == ("x.csv", 7, "created_at")


def test_message_without_location_is_just_the_problem():
    assert str(ConfigError("bad")) == "bad"


def test_schema_error_lists_every_problem():
    err = SchemaError(["a is missing", "b has dtype object"])
    assert err.problems == ["a is missing", "b has dtype object"]
    assert "2 schema problem(s): a is missing; b has dtype object" in str(err)
