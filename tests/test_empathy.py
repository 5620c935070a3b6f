"""Empathy of official replies: strong vs weak, the score rebuilt from its evidence, summarize by hand.

The conversations are invented. Expected marker points come from ``roi.empathy.POINTS`` and
the formula in ``roi/methodology.md``: points = P(family) x weight x (1.25 if strong). The empathy
score rests on the judgment models; its expected values come from ``roi.models.judge`` called
on the reply texts directly: (courtesy + 100 x (p_er + p_ip + p_ex)) / 4.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from helpers import table

from roi import empathy
from roi.errors import RoiError
from roi.models import judge
from roi.stats import bootstrap_mean_interval
from roi.text import FAMILIES


@pytest.fixture()
def conversation() -> pd.DataFrame:
    return table([
        {"id": "c1", "at": "2026-10-02 10:00", "text": "La farola de la calle Olmo 14 lleva tres días apagada"},
        # greeting (weak, its sentence has no reuse), apology (weak), reassurance in the sentence
        # that repeats "farola", "Olmo" and "14" (strong), gratitude (weak)
        {"id": "r1", "at": "2026-10-02 11:00", "parent": "c1", "official": True,
         "text": "Hola, lamentamos las molestias. Hemos avisado al servicio de alumbrado para revisar la farola de "
                 "Olmo 14. Gracias por avisar."},
        {"id": "c2", "at": "2026-10-03 10:00", "text": "¿Cuándo abre la piscina?"},
        {"id": "r2", "at": "2026-10-03 12:00", "parent": "c2", "official": True, "text": "No es nuestra competencia."},
        {"id": "c3", "at": "2026-11-05 09:00", "author": "c3", "text": "Thanks for fixing the bin on Elm Road"},
        {"id": "r3", "at": "2026-11-05 10:00", "parent": "c3", "official": True, "lang": "en",
         "text": "Thank you! We're glad the bin on Elm Road is sorted."},
        # an official reply to an official message: weak markers only
        {"id": "r4", "at": "2026-11-05 11:00", "parent": "r3", "official": True, "text": "Muchas gracias."},
        # a language without lexicon: not scored
        {"id": "r5", "at": "2026-11-05 12:00", "parent": "c3", "official": True, "lang": "fr", "text": "Merci."},
    ])


def test_strong_when_the_sentence_reuses_the_citizens_words(conversation):
    ev = empathy.evidence(conversation)
    r1 = ev[ev["message_id"] == "r1"].set_index("family")
    assert r1.loc["reassurance", "strong"]  # "Hemos avisado ... farola de Olmo 14"
    assert not r1.loc["greeting", "strong"] and not r1.loc["apology", "strong"] and not r1.loc["gratitude", "strong"]
    s = empathy.score(conversation).set_index("message_id")
    assert s.loc["r1", "n_reused_words"] == 3  # farola, olmo, 14 ("la", "de", "calle"... are stop words)
    assert s.loc["r4", "n_reused_words"] == 0 and not s.loc["r4", "answers_citizen"]


def test_scores_by_hand(conversation):
    s = empathy.score(conversation).set_index("message_id")
    # r1: greeting 6 + apology 6 + reassurance 8 x 1.25 + gratitude 10 = 32
    assert s.loc["r1", "marker_score"] == pytest.approx(32.0)
    # r2: negative courtesy -20 x 1.5 (no referral) = -30, clipped to 0
    assert s.loc["r2", "marker_score"] == 0.0 and s.loc["r2", "has_negative_courtesy"]
    # r3: gratitude 10 (its sentence, "Thank you!", reuses nothing: weak)
    # + emotional reaction "We're glad" in the sentence repeating "bin", "elm", "road": 12 x 1.25 = 15
    assert s.loc["r3", "marker_score"] == pytest.approx(10 + 15)
    # r4: gratitude, weak (parent is official)
    assert s.loc["r4", "marker_score"] == pytest.approx(10.0)
    # r5: French, no lexicon
    assert not s.loc["r5", "scored"] and np.isnan(s.loc["r5", "marker_score"])


def test_score_rebuilt_from_evidence(conversation):
    ev = empathy.evidence(conversation)
    s = empathy.score(conversation)
    counted = ev[ev["counts"]]
    # one counted row per reply and family
    assert not counted.duplicated(["message_id", "family"]).any()
    # each row's points follow the formula
    expected = ev["family"].astype(str).map(empathy.POINTS) * ev["weight"] * np.where(ev["strong"], empathy.STRONG, 1)
    assert np.allclose(ev["points"], expected)
    rebuilt = counted.groupby("message_id")["points"].sum().clip(0, 100)
    rebuilt = rebuilt.reindex(s["message_id"]).fillna(0).to_numpy()
    scored = s["scored"].to_numpy()
    assert np.allclose(rebuilt[scored], s["marker_score"].to_numpy()[scored])


def test_score_columns(conversation):
    s = empathy.score(conversation)
    for family in FAMILIES:
        assert f"has_{family}" in s
    assert "strong_negative_courtesy" not in s and "strong_gratitude" in s
    assert s["message_id"].tolist() == ["r1", "r2", "r3", "r4", "r5"]


def _judged(conversation) -> pd.Series:
    """Each scored reply's empathy score, from the judgment models called on its text alone."""
    replies = conversation[conversation["is_official"] & conversation["parent_id"].notna()]
    replies = replies[replies["message_id"] != "r5"]  # French: no lexicon, not scored
    lang = replies["lang"].fillna("es").to_numpy(dtype=object)
    j = judge(replies["text"].reset_index(drop=True), lang, empathy.JUDGMENTS)
    value = (j["courtesy"] + 100 * (j["emotional_reaction"] + j["interpretation"] + j["exploration"])) / 4
    return pd.Series(value.to_numpy(), index=replies["message_id"].to_numpy())


def test_empathy_score_rests_on_the_judgments(conversation):
    s = empathy.score(conversation).set_index("message_id")
    expected = _judged(conversation)
    assert s.loc[expected.index, "empathy_score"].to_numpy() == pytest.approx(expected.to_numpy())
    assert np.isnan(s.loc["r5", "empathy_score"]) and np.isnan(s.loc["r5", "courtesy"])
    assert s["courtesy"].dropna().between(0, 100).all()
    # the courteous, apologising reply r1 is judged more courteous than the curt r2
    assert s.loc["r1", "courtesy"] > s.loc["r2", "courtesy"]


def test_explanations_add_up_to_each_judgment(conversation):
    rows = empathy.explanations(conversation, top=3)
    s = empathy.score(conversation).set_index("message_id")
    assert set(rows["message_id"]) == {"r1", "r2", "r3", "r4"}
    assert set(rows["judgment"]) == set(empathy.JUDGMENTS)
    decision = rows.groupby(["message_id", "judgment"])["contribution"].sum()
    # the shipped models give probabilities: P = 1 / (1 + exp(-decision)); courtesy is 100 P
    for message_id in ("r1", "r2", "r3", "r4"):
        p = 1 / (1 + np.exp(-decision.loc[message_id]))
        assert 100 * p["courtesy"] == pytest.approx(s.loc[message_id, "courtesy"])
        assert p["exploration"] == pytest.approx(s.loc[message_id, "p_exploration"])


def test_summarize_by_hand(conversation):
    out = empathy.summarize(conversation, n_resamples=200, seed=3).set_index("period")
    october, november = out.loc["2026-10"], out.loc["2026-11"]
    judged = _judged(conversation)
    # October: r1 and r2
    assert (october["n_replies"], october["n_scored"]) == (2, 2)
    assert october["empathy_mean"] == pytest.approx(judged[["r1", "r2"]].mean())
    assert october["share_greeting"] == 0.5 and october["share_negative_courtesy"] == 0.5
    assert october["share_strong"] == 0.5
    low, high = bootstrap_mean_interval(empathy.score(conversation).set_index("message_id").loc[["r1", "r2"], "empathy_score"]
                                        .to_numpy(), n_resamples=200, seed=3)
    # the same resamples; summed in another order, so equal up to the last bits of a float
    assert (october["empathy_mean_ci_low"], october["empathy_mean_ci_high"]) == pytest.approx((low, high), rel=1e-12)
    # November: r3, r4 scored, r5 (French) counted in n_replies only
    assert (november["n_replies"], november["n_scored"]) == (3, 2)
    assert november["empathy_mean"] == pytest.approx(judged[["r3", "r4"]].mean())
    assert november["share_gratitude"] == 1.0


def test_summarize_without_period_and_bad_by(conversation):
    out = empathy.summarize(conversation, by=(), freq=None, n_resamples=50)
    assert out["n_replies"].tolist() == [5] and out["empathy_mean"].iloc[0] == pytest.approx(_judged(conversation).mean())
    with pytest.raises(RoiError, match="cannot group by"):
        empathy.summarize(conversation, by=("author_id",))


def test_reuse_does_not_depend_on_how_many_reply_texts_are_compared_at_once(samples, monkeypatch):
    # the sample year's replies compared 7 distinct texts at a time must give every strong flag and reused-word
    # count of the one-pass comparison (the chunk bounds memory only)
    import roi

    config = roi.load_config(samples / "roi.toml")
    messages = roi.load(sorted(p for p in samples.iterdir() if p.suffix != ".toml"), config=config).messages
    whole = empathy.score(messages, config)
    # not a trivial comparison: the sample has 3,049 reused stems and 489 replies with a strong marker, as the
    # implementation before the chunked comparison counted them (the frozen reference of tests/fixtures/indicators)
    assert whole["n_reused_words"].sum() == 3049 and whole.filter(like="strong_").any(axis=1).sum() == 489
    monkeypatch.setattr(empathy, "REUSE_CHUNK", 7)
    pd.testing.assert_frame_equal(empathy.score(messages, config), whole)


_VARIED = [
    "Hola Marta. Gràcies per l'avís! Ho revisarem?", "", "Buenos DÍAS, Begoña...\nLa farola está rota!!", "?",
    "Kaixo! Eskerrik asko zure mezuagatik.", "Bos días, grazas pola mensaxe. Xa o revisamos", ".", "\n\n",
    "Thanks @Pete, see https://council.example/x?a=1. Sorry!", "a.\x00b", "no end", "¿Qué pasó? ¡Nada!",
    "ÀÉÎÕÜ ñ ç l·l 2024/05 3,5 km.", "  espacios   ", "emoji 🙂. fin", "x" * 5 + "!" * 3 + "y",
]


#: Sentence ends the fold removes (inside a link, a mention, an e-mail address, a hashtag, also
#: written in capitals or with accented w's) or writes (line and paragraph separators).
_MASKED = [
    "Ver WWW.Ajuntament.cat/x?a=1. Fins aviat!", "ẂẀẄ.vigo.gal/avisos. Grazas", "wẃw.no-es-web? sí.",
    "Escriba a juan.perez@correo.es. Gracias", "@Veci.na! ok? #Fallas2026. fin", "https://a.b/c?d=1! fin",
    "FTP://X.Y/Z. otro", "uno\u2028dos\u2029tres.", "a://b.c. d", "correo@", "#", "www.", "w.w.w. fin",
    "emoji 🙂@x.y. z", "\U00010077ww.x. y",
]


@pytest.mark.parametrize("texts", [_VARIED, _VARIED[:1], [""], ["", ""], _VARIED[::-1] * 3,
                                   ["a.\x00b", "c"], ["sin NUL", "tampoco."], _MASKED, _MASKED + _VARIED,
                                   ["sin marca. otra.", "@una"]])
def test_joined_and_sentences_equal_the_reference_path(texts):
    """The normalised texts joined in one fold, and the sentences found from code points, equal
    what normalising text by text and splitting with a regular expression gives."""
    import re

    from roi.empathy import _joined, _sentence_ends, _sentences
    from roi.text.normalize import normalize

    array = np.asarray(texts, dtype=object)
    reference = "\x00".join(normalize(pd.Series(array, dtype="string")).tolist())
    joined = _joined(array)
    assert joined == reference
    parts = re.split(r"(?<=[.!?\n])|(\x00)", reference)
    pieces, cuts = parts[0::2], parts[1::2]
    owner = np.r_[0, np.cumsum(pd.notna(np.asarray(cuts, dtype=object)))].astype(np.int64)
    lengths = np.fromiter(map(len, pieces), dtype=np.int64, count=len(pieces))
    ends = np.cumsum(lengths)
    start = ends - lengths - (ends - lengths)[np.searchsorted(owner, np.arange(len(texts)))][owner]
    codes = np.frombuffer(reference.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    ends, nul = _sentence_ends(array)  # most texts not folded: the same places
    arrow_ends, arrow_nul = _sentence_ends(pa.array(list(texts), type=pa.large_string()))  # joined from Arrow
    np.testing.assert_array_equal(arrow_ends, ends)
    np.testing.assert_array_equal(arrow_nul, nul)
    np.testing.assert_array_equal(ends, np.flatnonzero(np.isin(codes, [ord(c) for c in ".!?\n"])))
    np.testing.assert_array_equal(nul, np.flatnonzero(codes == 0))
    got_owner, got_start = _sentences(ends, nul)
    np.testing.assert_array_equal(got_owner, owner)
    np.testing.assert_array_equal(got_start, start)
    assert got_owner.dtype == owner.dtype and got_start.dtype == start.dtype


_WITHOUT_SEPARATORS = [t for t in _MASKED if "\u2028" not in t and "\u2029" not in t]


@pytest.mark.parametrize("texts", [_WITHOUT_SEPARATORS, _WITHOUT_SEPARATORS + _VARIED, _VARIED[::-1] + _WITHOUT_SEPARATORS,
                                   ["www.a.b. c", "wẃw.no-es-web? sí.", "\U00010077ww.x. y. z"], [""], ["a.\x00b. c"]])
def test_sentence_ends_read_from_bytes_equal_those_read_from_code_points(texts):
    """The bytes' path (Arrow text, every mark and masked end of the code points' path, accents, a
    character beyond the BMP, a NUL inside a text) finds the sentence ends and NULs of the code
    points' path; a line or paragraph separator leaves the texts to the code points' path."""
    from roi.empathy import _sentence_ends, _sentence_ends_in_bytes

    array = pa.array(list(texts), type=pa.large_string())
    by_bytes = _sentence_ends_in_bytes(array)
    assert by_bytes is not None
    by_code_points = _sentence_ends(np.asarray(texts, dtype=object))  # strings: the code points' path
    np.testing.assert_array_equal(by_bytes[0], by_code_points[0])
    np.testing.assert_array_equal(by_bytes[1], by_code_points[1])
    assert _sentence_ends_in_bytes(pa.array(["uno\u2028dos.", "tres"], type=pa.large_string())) is None


def test_reuse_on_varied_texts_with_missing_parents():
    """Reuse of the citizen's words on texts in five languages, accents, punctuation, empty and
    missing texts: each reply's sentences and reused stems, as the path that normalised text by text
    and split sentences with a regular expression gave them (values computed with it)."""
    from roi.empathy import _reuse

    replies = ["Hola Marta. La farola de la calle Mayor 12 ya está arreglada!", "Gràcies! Revisarem la farola.",
               "", "Thanks. The bin on Elm St 4 is emptied.", "Eskerrik asko. Argia konpondu dugu.",
               "Grazas pola mensaxe. A farola xa funciona", "Hola Marta. La farola de la calle Mayor 12 ya está arreglada!"]
    parents = ["La farola de la calle Mayor 12 no funciona", "La farola no va", "hola", "Bin on Elm St 4 is full!",
               "Argia ez dabil", "A farola non funciona", "Otra farola en Mayor 12"]
    rep = pd.DataFrame({"lang": ["es", "ca", "es", "en", "eu", "gl", "es"], "text": replies, "parent_text": parents,
                        "answers_citizen": [True, True, True, True, True, True, False]})
    sentences, n_reused = _reuse(rep)
    assert n_reused.tolist() == [4, 1, 0, 3, 1, 2, 0]
    assert sentences["reply"].tolist() == [0, 0, 0, 1, 1, 1, 2, 3, 3, 3, 4, 4, 4, 5, 5]
    assert sentences["sentence_start"].tolist() == [0, 11, 61, 0, 8, 29, 0, 0, 7, 39, 0, 14, 35, 0, 20]
    assert sentences["reuses"].tolist() == [False, True, False, False, True, False, False, False, True, False, False,
                                            True, False, False, True]


@pytest.mark.parametrize("size", [0, 1, 40])
def test_markers_of_distinct_texts_equal_matching_every_text(size):
    """Matching each distinct (text, language) once and repeating its rows gives the rows that
    matching every text gives, in the same order and with the same types."""
    from roi.empathy import _markers
    from roi.text.engine import match_texts

    texts = ["Hola Marta, gracias por avisar. Lo sentimos mucho, ¿nos indica la calle?", "Gràcies per l'avís!",
             "Thank you, we are sorry. Could you tell us where?", "", "Moitas grazas pola túa mensaxe",
             "Eskerrik asko!", "Lamentamos las molestias. Un saludo", "no lamentamos nada"]
    langs = ["es", "ca", "en", "es", "gl", "eu", None, "es"]
    rng = np.random.default_rng(7)
    pick = rng.integers(0, len(texts), size)
    text = np.asarray([texts[i] for i in pick], dtype=object)
    lang = np.asarray([langs[i] if rng.random() > 0.1 else pd.NA for i in pick], dtype=object)
    expected = match_texts(pd.Series(text, dtype="string"), pd.Series(lang, dtype="string"))
    pd.testing.assert_frame_equal(_markers(pd.Series(text, dtype="string"), pd.Series(lang, dtype="string")),
                                  expected, check_exact=True)


@pytest.mark.parametrize("texts", [
    _VARIED,
    ["Mira https://ajuntament.cat/x?a=1. i www.concello.gal/y, gràcies", "escriu a veina.nom@correu.cat o @Marta_B",
     "#FarolaRota a la calle\u00a0Mayor\u200312", "palabra@dominio.es y a@b", "l·l ŀl Àngel. ¿Qué? ¡Sí!", "", "   "],
    ["con\vtab https://x.es/a\vb", "normal"],  # a vertical tab: scanned whole
    ["con\x00nul", "otra"],  # a NUL: scanned whole
    [],
])
def test_citizen_words_by_chunks_equal_scanning_whole_texts(texts):
    """The words of every citizen text, gathered from its distinct white-space chunks, are those a
    scan of the whole normalised texts finds (the same multiset for each text)."""
    from collections import Counter

    from roi.empathy import _citizen_words, _joined, _scan

    array = np.asarray(texts, dtype=object)
    found, owner, word = _citizen_words(array)
    got = [Counter() for _ in texts]
    for o, w in zip(owner.tolist(), word.tolist(), strict=True):
        got[o][found[w]] += 1
    whole = _scan(_joined(array), sentences=False)
    expected = [Counter()]
    for token in whole:
        if token == "\x00":
            expected.append(Counter())
        else:
            expected[-1][token] += 1
    assert got == expected[:len(texts)]
    assert all(found[w] != "\x00" for w in word.tolist())


def test_reply_tokens_from_chunks_equal_one_scan_of_the_whole_texts(samples, shared_data):
    """The words and sentence ends of the replies, read from their distinct white-space chunks, are
    those of one scan of the whole texts joined by NUL (the reference, as the reuse pass read them
    before): on the sample year, real customer-service tweets and texts on the chunks' edges."""
    import roi

    config = roi.load_config(samples / "roi.toml")
    sample = roi.load(sorted(p for p in samples.iterdir() if p.suffix != ".toml"), config=config).messages["text"]
    tweets = pd.concat([pd.read_csv(path)["text"] for path in sorted((shared_data / "twcs").glob("*.csv"))])
    edges = ["Hola.\nGracias\n\npor escribir", "fin!\r\nY otra?", "", "https://x.es/a\nb @ana\n#tag.", "ver\u2028esto",
             "a\u00a0b. c", "   ", "uno\tdos\n", "\n"]
    texts = pd.concat([sample, tweets, pd.Series(edges)], ignore_index=True).astype("string").fillna("")
    texts = texts.to_numpy(dtype=object)
    got = [token.replace(empathy._LINE_BREAK, "\n") for token in _reply_token_strings(texts)]
    assert got == empathy._scan(empathy._joined(texts), sentences=True)
    assert got.count("\n") > 100 and got.count("\x00") == len(texts) - 1
    # a text holding the stand-in for a line break is scanned whole: the same tokens
    odd = np.asarray(["uno\x1edos\nfin", "tres"], dtype=object)
    assert _reply_token_strings(odd) == empathy._scan(empathy._joined(odd), sentences=True)


@pytest.mark.parametrize("character", ["\x1e", "\x00", "\v"])
def test_a_reply_holding_a_control_character_scores_as_with_a_space(character):
    """A control character between words (the record separator that stands for line breaks inside
    the reuse pass, a NUL, a vertical tab) separates words as a space does and ends no sentence:
    every reply's reused words and strong markers are those of the same text with a space, for
    the reply holding it and for the replies after it (the record separator used to shift the
    sentences of the replies after it, and raised an IndexError)."""
    def conversation(separator: str) -> pd.DataFrame:
        return table([
            {"id": "c1", "at": "2026-10-02 10:00", "text": "La farola de la calle Olmo 14 lleva tres días apagada"},
            {"id": "r1", "at": "2026-10-02 11:00", "parent": "c1", "official": True,
             "text": f"Hola, lamentamos{separator}las molestias{separator}Hemos avisado al servicio{separator}para "
                     "revisar la farola de Olmo 14"},
            {"id": "c2", "at": "2026-10-02 10:30", "text": "El contenedor de la plaza Mayor está lleno"},
            {"id": "r2", "at": "2026-10-02 11:30", "parent": "c2", "official": True,
             "text": "Gracias. Avisamos al servicio de limpieza para vaciar el contenedor de la plaza Mayor."},
        ])

    spaced, odd = conversation(" "), conversation(character)
    columns = ["message_id", "n_reused_words", "answers_citizen"]
    pd.testing.assert_frame_equal(empathy.score(odd)[columns], empathy.score(spaced)[columns])
    columns = ["message_id", "family", "strong"]
    pd.testing.assert_frame_equal(empathy.evidence(odd)[columns], empathy.evidence(spaced)[columns])
    # worked by hand: r1 reuses farola, olmo, 14; r2 contenedor, plaza, mayor; every marker of r1 in
    # its one sentence, which reuses them (strong); r2's gratitude in "Gracias.", which reuses nothing
    assert empathy.score(odd)["n_reused_words"].tolist() == [3, 3]
    assert empathy.evidence(odd)["strong"].tolist() == [True, True, True, False]


def _reply_token_strings(texts: np.ndarray) -> list[str]:
    """The tokens :func:`roi.empathy._reply_tokens` numbers, as strings."""
    found, index = empathy._reply_tokens(texts)
    return np.asarray([*found, "\x00"], dtype=object)[index].tolist()


def _points_by_pandas(found: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """The points and the counted rows as the methodology words them, with pandas' own tools: a marker
    is strong when the last sentence of its reply starting at or before it reuses the citizen's words
    (``merge_asof``); of each (reply, family) the row with the largest points (the most negative for
    negative courtesy) counts, the earliest start of equal ones, the first found of equal starts."""
    out = found.copy()
    left = out[["row", "start"]].reset_index().sort_values("start", kind="stable")
    right = sentences.rename(columns={"reply": "row", "sentence_start": "start"}).sort_values("start", kind="stable")
    located = pd.merge_asof(left, right, on="start", by="row", direction="backward").set_index("index")
    out["strong"] = located["reuses"].reindex(out.index).fillna(False).to_numpy(dtype=bool)
    base = out["family"].astype(str).map(empathy.POINTS).to_numpy(dtype=float)
    out["points"] = base * out["weight"].to_numpy(dtype=float) * np.where(out["strong"], empathy.STRONG, 1.0)
    rank = out["points"] * np.where(base < 0, -1.0, 1.0)
    best = out.assign(_rank=rank).sort_values(["row", "family", "_rank", "start"], ascending=[True, True, False, True],
                                              kind="stable")
    out["counts"] = False
    out.loc[best.drop_duplicates(["row", "family"]).index, "counts"] = True
    return out


@pytest.mark.parametrize("seed", range(4))
def test_points_and_counted_rows_equal_pandas_sorts_and_merge_asof(seed):
    """Invented evidence with ties of points and starts, missing weights, negative courtesy, markers
    before a reply's first sentence, replies with no sentence and sentences in any order."""
    rng = np.random.default_rng(seed)
    n, replies = 3_000, 400
    families = list(empathy.POINTS)
    found = pd.DataFrame({
        "row": np.sort(rng.integers(0, replies, n)),
        "family": pd.Categorical(rng.choice(families, n), categories=families),
        "weight": rng.choice([0.5, 1.0, 1.0, 1.5, np.nan, 0.0], n),
        "start": rng.integers(0, 60, n),
    })
    sentence_rows = rng.integers(0, replies - 50, 2_000)  # the last 50 replies have no sentence
    sentences = pd.DataFrame({"reply": sentence_rows, "sentence_start": rng.integers(3, 60, 2_000),
                              "reuses": rng.random(2_000) < 0.4})
    sentences = sentences.drop_duplicates(["reply", "sentence_start"])
    if seed % 2:
        sentences = sentences.sample(frac=1, random_state=seed)
    rep = pd.DataFrame(index=range(replies))
    got = empathy._points(found, rep, (sentences, np.zeros(replies, dtype=np.int64)))
    expected = _points_by_pandas(found, sentences)
    pd.testing.assert_frame_equal(got, expected, check_exact=True)
    assert got["strong"].any() and not got["strong"].all() and got["counts"].sum() < n
    assert (got.loc[got["row"] >= replies - 50, "strong"] == False).all()  # noqa: E712 - no sentence, never strong


@pytest.mark.parametrize("groups", [1, 2, 3])
def test_best_first_falls_back_to_lexsort_where_one_integer_key_would_overflow(groups):
    """The one-integer key of ``_best_first`` is ``(group * n_ranks + rank) * n_starts + start``;
    with starts near 2**62 it passes 2**63 even with a single group (group 0): the order is then
    ``np.lexsort``'s, as with small starts."""
    rng = np.random.default_rng(groups)
    n = 500
    group = np.sort(rng.integers(0, groups, n))
    rank = rng.choice([-3.0, -1.5, 0.0, np.nan], n)
    for largest in (2**62, 60):
        start = rng.integers(0, largest, n) if largest > 60 else rng.integers(0, 60, n)
        np.testing.assert_array_equal(empathy._best_first(group, rank, start), np.lexsort((start, rank, group)))
