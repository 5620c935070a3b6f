import pandas as pd
import pytest

from roi.errors import SchemaError
from roi.schema import MESSAGE_COLUMNS, coerce_messages, contiguous, empty_messages, validate, validate_surveys


def _table(**overrides):
    frame = pd.DataFrame({
        "message_id": ["1", "2"],
        "channel": ["twitter", "twitter"],
        "account": ["ayto", "ayto"],
        "thread_id": ["1", "1"],
        "parent_id": [None, "1"],
        "author_id": ["u1", "ayto"],
        "is_official": [False, True],
        "created_at": pd.to_datetime(["2026-10-01T10:00Z", "2026-10-01T11:00Z"], utc=True),
        "text": ["¿Cuándo abre?", "A las 9."],
        "lang": ["es", None],
        "is_public": [True, True],
        "is_hidden": [False, False],
        "likes": [0, None],
        "source": ["f:1", "f:2"],
    })
    for key, value in overrides.items():
        frame[key] = value
    return coerce_messages(frame)


def test_valid_table_passes_and_has_schema_dtypes():
    table = _table()
    assert validate(table) is table
    assert list(table.columns) == list(MESSAGE_COLUMNS)
    assert str(table["created_at"].dtype) == "datetime64[ns, UTC]"
    assert validate(empty_messages()).empty


def test_every_problem_is_reported_in_one_pass():
    table = _table()
    table["message_id"] = pd.array(["1", "1"], dtype="string")  # duplicate id
    table["text"] = pd.array([None, "x"], dtype="string")  # missing in a required column
    table["likes"] = pd.array([-1, 2], dtype="Int64")  # negative
    table = table.drop(columns=["lang"])  # missing column
    with pytest.raises(SchemaError) as info:
        validate(table)
    problems = info.value.problems
    assert len(problems) == 4, problems
    assert any("missing column 'lang'" in p for p in problems)
    assert any("'text' has 1 missing" in p for p in problems)
    assert any("duplicate message_id" in p for p in problems)
    assert any("negative" in p for p in problems)


def test_wrong_dtype_and_non_frame():
    table = _table()
    table["is_official"] = table["is_official"].astype(object)
    with pytest.raises(SchemaError, match="'is_official' has dtype object, expected bool"):
        validate(table)
    with pytest.raises(SchemaError, match="expected a pandas DataFrame"):
        validate([1, 2])


def test_survey_scores_outside_their_scale_are_reported():
    surveys = pd.DataFrame({
        "survey_id": ["a", "b", "c"], "thread_id": [None] * 3, "message_id": [None] * 3,
        "channel": [None] * 3, "account": [None] * 3,
        "answered_at": pd.to_datetime(["2026-10-01"] * 3, utc=True),
        "score": [5, 11, 6], "scale": ["csat5", "nps10", "csat5"], "source": ["s:1", "s:2", "s:3"],
    })
    from roi.schema import SURVEY_COLUMNS

    surveys = surveys.astype(SURVEY_COLUMNS)
    with pytest.raises(SchemaError) as info:
        validate_surveys(surveys)
    # b: 11 > 10 on nps10; c: 6 > 5 on csat5
    assert sorted(info.value.problems) == ["1 csat5 score(s) outside 1-5", "1 nps10 score(s) outside 0-10"]


def test_contiguous_joins_each_arrow_column_into_one_chunk_and_keeps_values_and_dtypes():
    stacked = pd.concat([pd.DataFrame({"text": pd.array(["hola", None], dtype="string"), "n": [1, 2],
                                       "loose": pd.array(["a", "b"], dtype="str")}),
                         pd.DataFrame({"text": pd.array(["adéu"], dtype="string"), "n": [3],
                                       "loose": pd.array([None], dtype="str")})], ignore_index=True)
    assert stacked["text"].array._pa_array.num_chunks == 2  # what pd.concat of several files gives
    joined = contiguous(stacked)
    pd.testing.assert_frame_equal(joined, stacked)
    assert joined["text"].array._pa_array.num_chunks == joined["loose"].array._pa_array.num_chunks == 1
    assert contiguous(joined) is joined  # nothing to join: the same frame



def test_composed_turns_combining_marks_into_one_character_and_keeps_the_rest():
    from roi.schema import composed

    texts = pd.Series(["tra\u0301mites", "Ω y ¿qué? 😀", None, "nin\u0303o", "ya compuesto: trámite"], dtype="string")
    out = composed(texts)
    # worked by hand: a + U+0301 is U+00E1, n + U+0303 is U+00F1 (Unicode NFC); the others are untouched
    assert out.tolist() == ["tr\u00e1mites", "Ω y ¿qué? 😀", pd.NA, "ni\u00f1o", "ya compuesto: trámite"]
    assert out.dtype == texts.dtype
    plain = pd.Series(["sin marcas", "Ω"], dtype="string")
    assert composed(plain) is plain  # nothing to compose: the same column, not a copy
    assert _table(text=["cafe\u0301", "A las 9."])["text"].tolist() == ["café", "A las 9."]  # coerce_messages


def test_the_tokenizer_reads_decomposed_accents_as_the_composed_word():
    from roi.models.features import tokenize

    # worked by hand: "tra" + U+0301 + "mites" is "trámites", folded to the one word "tramites"
    decomposed, composed_ = tokenize(pd.Series(["tra\u0301mites urgentes"]), "es"), tokenize(
        pd.Series(["trámites urgentes"]), "es")
    assert list(decomposed.vocab) == list(composed_.vocab) == ["tramites", "urgentes"]
    assert decomposed.n_words.tolist() == [2]
