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
