"""roi.topics: the word path (one split of the folded text gives the words and the evidence offsets) gives
the same rows as the reference path (the word splitter of roi.models.features and one regular expression per
cue), on varied texts and on the shared Madrid requests; and main_topics, which reads no evidence, agrees
with the first row of assign.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

from roi import topics
from roi.topics import PURPOSES, _default, _languages, _score, _score_regex, _split, assign, main_topics, taxonomy

ROOT = Path(__file__).resolve().parents[1]

# (language, text): every language, accents and capitals, punctuation between the words of a multi-word cue,
# a cue at the very beginning and again later, prefix cues, traps, links, mentions, hashtags, e-mail
# addresses, characters the two readings fold differently, emoji, digits, empty and missing texts
TEXTS = [
    ("es", "La FAROLA de mi portal está fundida"),
    ("es", "Farola fundida; otra farola apagada y las farolas del parque"),
    ("es", "farolas"),
    ("es", "Acera con zonas hundidas, impidiendo caminar por la acera ."),
    ("es", "Hay bolsas de basura junto al contenedor, y basura por todas partes"),
    ("es", "bolsas   de\n\tbasura"),
    ("es", "bolsas, de - basura; bolsas de basura"),
    ("es", "Recibo del IBI duplicado: el recibo llegó dos veces"),
    ("es", "Concierto en la plaza: la farola iluminará el escenario, ¡te esperamos!"),
    ("es", "Tras el corte de luz de la compañía eléctrica seguimos sin luz; la factura no baja"),
    ("es", "Sin luz en toda la calle desde ayer"),
    ("es", "¿A qué hora abre la piscina del polideportivo?"),
    ("es", "Árboles SECOS en el parque; hay que podar los árboles"),
    ("es", "Un bache en la calzada de la calle Olmo nº 12 (aviso 123456)"),
    ("es", "Ratas y cucarachas en el alcorque, 2º aviso"),
    ("es", "El semáforo del cruce no funciona 😡😡"),
    ("es", "Ver https://ayto.es/farola y @ayuntamiento: la farola sigue fundida #farola"),
    ("es", "Escribid a vecinos.farola@correo.es por la farola"),
    ("es", "www.farola.es"),
    ("es", "HTTP farola"),
    ("es", "La `farola` del parque"),
    ("es", "İstanbul farola"),
    ("es", "Straße farola ǅ ǆ"),
    ("es", "cafe\u0301 farola"),
    ("es", "l'enllumenat i la farola"),
    ("es", "Contenedor lleno\x00de basura"),
    ("es", ""),
    ("es", "   "),
    ("es", "!!! ??? ..."),
    ("es", "Gracias por todo"),
    ("ca", "El fanal del carrer està apagat i el contenidor és ple"),
    ("ca", "Molt soroll a la plaça cada nit; col·legi tancat"),
    ("gl", "A farola da rúa está apagada; hai unha fochanca na beirarrúa"),
    ("gl", "Grazas"),
    ("en", "The street light at 12 is out and there is a pothole on the pavement"),
    ("en", "Loud music every night, LOUD MUSIC"),
    ("fr", "Le lampadaire est éteint: farola"),
    (None, "La farola de mi portal está fundida"),
    ("es-ES", "Bache en la acera"),
    ("es", None),
    (None, None),
]


def _frame(rows) -> pd.DataFrame:
    return pd.DataFrame({"message_id": [str(i) for i in range(len(rows))], "lang": [lang for lang, _ in rows],
                         "text": [text for _, text in rows]})


def _both(messages: pd.DataFrame) -> None:
    texts = messages["text"].reset_index(drop=True)
    languages = _languages(messages)
    purposes = pd.DataFrame(_default("purposes")[1], columns=["lang", "words", "prefix", "topic", "points", "unless"])
    for cues, ids in ((taxonomy().cues, taxonomy().topics), (purposes, PURPOSES)):
        pd.testing.assert_frame_equal(_score(texts, languages, cues, ids), _score_regex(texts, languages, cues, ids))


def test_word_path_equals_the_reference_on_varied_texts():
    _both(_frame(TEXTS))


def test_word_path_reads_plain_texts_only():
    plain = _split(_frame(TEXTS)["text"]).plain
    by_text = dict(zip((t for _, t in TEXTS), plain, strict=True))
    # read on the word path
    assert by_text["La FAROLA de mi portal está fundida"]
    assert by_text["El semáforo del cruce no funciona 😡😡"]
    assert by_text["Molt soroll a la plaça cada nit; col·legi tancat"]
    assert by_text["cafe\u0301 farola"]  # a combining accent alone: a separator in both readings
    # left to the reference path: links, mentions, hashtags, addresses; characters folded differently
    for text in ("Ver https://ayto.es/farola y @ayuntamiento: la farola sigue fundida #farola",
                 "Escribid a vecinos.farola@correo.es por la farola", "www.farola.es", "HTTP farola",
                 "La `farola` del parque", "İstanbul farola"):
        assert not by_text[text], text


def test_assign_equals_the_reference_with_repeated_texts(monkeypatch):
    messages = _frame(TEXTS * 3)
    messages["channel"], messages["account"] = "x", "ayto"
    fast = assign(messages)
    monkeypatch.setattr(topics, "_score", lambda texts, languages, cues, ids, evidence=True:
                        _score_regex(texts, languages, cues, ids))
    pd.testing.assert_frame_equal(fast, assign(messages))


def test_main_topics_reads_the_first_row_of_assign():
    messages = _frame(TEXTS)
    found = assign(messages)
    first = found["topic"].to_numpy()[(found["rank"] == 0).to_numpy()]
    assert main_topics(messages).tolist() == first.tolist()


def test_word_path_equals_the_reference_on_generated_requests():
    sys.path.insert(0, str(ROOT / "bench"))
    from topics import messages  # the benchmark's invented requests, every text its own

    _both(messages(3_000, seed=7, distinct=True))


def test_word_path_equals_the_reference_on_madrid_requests(shared_data):
    sys.path.insert(0, str(ROOT / "scripts"))
    import validate_topics

    requests = validate_topics.requests(shared_data)
    assert len(requests) > 1_000
    _both(requests)
    texts = requests["text"].to_numpy(dtype=object)
    shuffled = requests.assign(text=np.roll(texts, 1), lang=np.where(np.arange(len(texts)) % 4 == 0, "ca", "es"))
    _both(shuffled)


def test_assign_with_a_configuration_equals_the_reference(monkeypatch):
    from roi.config import config_from_dict

    config = config_from_dict({"topics": {
        "cues": {"es": {"alumbrado": {"strong": ["luz de calle", "poste*"]}, "mi_tema": {"cues": ["farola", "olmo"]}}},
        "service_names": {"Farolas": "alumbrado"}}})
    messages = _frame(TEXTS * 2)
    messages["service_name"] = ["Farolas", None] * (len(messages) // 2) + [None] * (len(messages) % 2)
    fast = assign(messages, config)
    monkeypatch.setattr(topics, "_score", lambda texts, languages, cues, ids, evidence=True:
                        _score_regex(texts, languages, cues, ids))
    pd.testing.assert_frame_equal(fast, assign(messages, config))


def test_an_empty_table_keeps_its_column_types():
    empty = pd.DataFrame({"message_id": pd.Series([], dtype=str), "text": pd.Series([], dtype=str)})
    found = assign(empty)
    assert len(found) == 0
    assert [str(found[c].dtype) for c in ("message_id", "topic", "source", "rank", "start")] == \
        ["object", "object", "object", "int64", "Int64"]


def test_without_evidence_the_rows_are_the_same_and_only_the_evidence_is_missing():
    """``main_topics`` asks for no evidence: on both paths (the varied texts hold mentions and links, which
    take the reference path) the topics, ranks and points equal those scored with evidence."""
    messages = _frame([*TEXTS, ("es", "@ayto la farola de #MiCalle https://example.org está fundida")])
    texts, languages = messages["text"].reset_index(drop=True), _languages(messages)
    cues, ids = taxonomy().cues, taxonomy().topics
    with_evidence = _score(texts, languages, cues, ids)
    without = _score(texts, languages, cues, ids, evidence=False)
    evidence = ["matched_text", "start", "end"]
    assert with_evidence["matched_text"].notna().any() and without[evidence].isna().all().all()
    pd.testing.assert_frame_equal(without.drop(columns=evidence), with_evidence.drop(columns=evidence))
    assert not _split(texts).plain.all()  # some texts did take the reference path
