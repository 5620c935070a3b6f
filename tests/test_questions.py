import pandas as pd
import pytest

from roi.questions import is_question

CASES = [
    ("¿A qué hora abre el registro?", "es", True),
    ("Quisiera pedir cita para el padrón", "es", True),
    ("Podrían arreglar la farola de mi calle", "es", True),
    ("La farola lleva una semana apagada", "es", False),
    ("Creo que mañana llueve", "es", False),  # "que" in mid-sentence is not a question
    ("Gràcies per la informació", "ca", False),
    ("Quan obre la biblioteca", "ca", True),
    ("Com puc demanar el certificat", "ca", True),
    ("Cando abre o concello", "gl", True),
    ("Grazas pola axuda", "gl", False),
    ("When does the office open", "en", True),
    ("Could you fix the streetlight", "en", True),
    ("Thanks for the quick reply", "en", False),
    ("Is this open today?", None, True),
]


@pytest.mark.parametrize(("text", "lang", "expected"), CASES)
def test_questions_and_requests_in_each_language(text, lang, expected):
    # expected values: read by a person (a question or request asks the administration for something)
    assert is_question(pd.Series([text]), pd.Series([lang], dtype="string")).tolist() == [expected]


def test_a_message_without_language_is_tested_against_all():
    texts = pd.Series(["Quan obre?", "Cando abre", "hola"])
    assert is_question(texts).tolist() == [True, True, False]


# Texts where Python's ``re`` and Arrow's RE2 could part: Unicode spaces and letters beside the
# words, accents in upper case, a decomposed accent, sentence openings after punctuation.
_EDGES = ["¿Qué tal?", "Que\u00a0bien", "x.\u00a0que hora", "porqué no", "por\u2003qué", "ÁQUÉ", "_que_", "1que",
          "que1", "Hola.  Cómo va", "hola¡que", "CÓMO", "cómo", "MUY BIEN", "me\u3000gustaría", "ßwhat", "what's",
          "I'D LIKE", "sol·licito", "SOL·LICITO", "fin:que", "x\nque", "ab\ncom", "¿", "", "a\u0301que", "añocómo",
          "Necesito ayuda", "necesitamos", "cal anar-hi", "Com", "x. Com va", "plaza.cuándo", "ΣΣ how",
          "PODRİA ARREGLAR", "podrıa", "QUİSİERA", "WHİCH ONE", "sısplau"]


def test_the_arrow_expressions_decide_as_python_s_on_edge_texts_and_the_sample_year(samples):
    """The reference is ``str.contains`` with the :data:`PATTERNS` compiled by Python's ``re``."""
    import roi
    from roi import questions

    config = roi.load_config(samples / "roi.toml")
    loaded = roi.load(sorted(p for p in samples.iterdir() if p.suffix != ".toml"), config=config)
    for texts in (pd.Series(_EDGES, dtype="string"), loaded.messages["text"].astype("string").fillna("")):
        for lang, compiled in [*questions._COMPILED.items(), (None, questions._ANY)]:
            expected = texts.str.contains(compiled, na=False).to_numpy(dtype=bool)
            found = questions._contains(texts, questions._RE2[lang] if lang else questions._RE2_ANY)
            assert found.tolist() == expected.tolist(), lang
            assert 0 < expected.sum() < len(texts)
