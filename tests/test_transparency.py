"""Tests of roi.transparency: small threads worked by hand (es, en), links, evidence, the sample."""

from __future__ import annotations

import doctest

import numpy as np
import pandas as pd
import pytest

import roi
from roi import transparency
from roi.config import Config
from roi.errors import RoiError
from roi.stats import km_quantiles, wilson_interval
from roi.text import FAMILIES, evidence
from tests.conftest import SAMPLES
from tests.helpers import table

# Spanish thread on a Facebook post, October 2026. Readability of the three replies, by hand:
R1 = ("Hola, el plazo termina el 31 de octubre. Puedes presentar la solicitud en la sede electrónica: "
      "https://sede.madrid.es/ayudas")
# words 15 (hola el plazo termina el de octubre puedes presentar la solicitud en la sede electrónica; 31 and the
# URL are not words), sentences 2, syllables 2+1+2+3+1+1+3+2+3+1+4+1+1+2+5 = 32
# Szigriszt 206.835 - 62.3*32/15 - 15/2 = 66.428333; Fernández-Huerta 206.84 - 0.6*3200/15 - 1.02*200/15 = 65.24
R2 = "Escríbenos por privado con tu DNI y lo revisamos. Más información en https://bit.ly/abc"
# words 12, sentences 2, syllables es-crí-be-nos 4 + por 1 + pri-va-do 3 + con 1 + tu 1 + dni 1 + y 1 + lo 1
# + re-vi-sa-mos 4 + más 1 + in-for-ma-ción 4 + en 1 = 23
# Szigriszt 206.835 - 62.3*23/12 - 12/2 = 81.426667; Fernández-Huerta 206.84 - 0.6*2300/12 - 1.02*200/12 = 74.84
R3 = ("Le comunicamos que la tramitación administrativa correspondiente requiere documentación complementaria "
      "debidamente cumplimentada.")
# words 12, sentences 1, syllables 1+5+1+1+4+6+5+3+5+5+5+5 = 46
# Szigriszt 206.835 - 62.3*46/12 - 12 = -43.981667; Fernández-Huerta 206.84 - 0.6*4600/12 - 1.02*100/12 = -31.66
SZIGRISZT = [206.835 - 62.3 * 32 / 15 - 15 / 2, 206.835 - 62.3 * 23 / 12 - 12 / 2, 206.835 - 62.3 * 46 / 12 - 12]
HUERTA = [65.24, 74.84, -31.66]


@pytest.fixture
def spanish():
    rows = [
        {"id": "p1", "at": "2026-10-01 09:00", "official": True, "text": "Abierto el plazo de ayudas: https://sede.madrid.es/ayudas"},
        {"id": "c1", "at": "2026-10-01 10:00", "parent": "p1", "author": "ana", "text": "¿Cuándo termina el plazo?"},
        {"id": "r1", "at": "2026-10-01 11:00", "parent": "c1", "official": True, "text": R1},
        {"id": "c2", "at": "2026-10-01 12:00", "parent": "p1", "author": "luis", "text": "Mi solicitud no aparece, ¿qué hago?"},
        {"id": "r2", "at": "2026-10-01 13:00", "parent": "c2", "official": True, "text": R2},
        {"id": "c3", "at": "2026-10-01 14:00", "parent": "p1", "author": "troll", "text": "Sois unos inútiles"},
        {"id": "c4", "at": "2026-10-01 15:00", "parent": "p1", "author": "marta", "text": "Gracias por la información"},
        # a private reply (Facebook private reply to a comment)
        {"id": "r3", "at": "2026-10-01 16:00", "parent": "c4", "official": True, "public": False, "text": R3},
    ]
    m = table(rows, channel="facebook")
    m["is_hidden"] = m["message_id"].eq("c3").to_numpy()
    return m


def test_spanish_thread_by_hand(spanish):
    out = transparency.summarize(spanish, n_resamples=50)
    assert len(out) == 1
    row = out.iloc[0]
    assert (row["account"], row["channel"], row["period"]) == ("ayto", "facebook", "2026-10")
    # inbound: c1..c4, all public; answered: c1 (r1), c2 (r2), c4 (r3, private) -> 2 of 3 in public
    assert (row["n_answered"], row["n_answered_in_public"]) == (3, 2)
    assert row["share_answered_in_public"] == pytest.approx(2 / 3)
    low, high = wilson_interval(np.array([2]), np.array([3]))
    assert (row["share_answered_in_public_ci_low"], row["share_answered_in_public_ci_high"]) == pytest.approx(
        (low[0], high[0]))
    # replies r1, r2, r3: r2 moves to private ("por privado"); r1 links sede.madrid.es (official: sede.* label)
    # and refers to the "sede electrónica"; r2 links bit.ly (unknown)
    assert row["n_official_replies"] == 3
    assert row["share_private_channel"] == pytest.approx(1 / 3)
    assert row["share_official_link"] == pytest.approx(1 / 3)
    assert row["share_unknown_link"] == pytest.approx(1 / 3)
    assert row["share_formal_referral"] == pytest.approx(1 / 3)
    # public citizen comments c1..c4 on Facebook (flag available), c3 hidden
    assert (row["n_citizen_public"], row["n_hidden"], bool(row["hidden_flag_available"])) == (4, 1, True)
    assert row["share_hidden"] == pytest.approx(0.25)
    # questions: c1 and c2, both answered
    assert (row["n_information_requests"], row["share_information_requests_answered"]) == (2, 1.0)
    # p1 is the only official message without a parent: 1 of 4
    assert (row["n_proactive_posts"], row["n_replies"]) == (1, 3)
    assert row["proactive_share"] == pytest.approx(0.25)
    # no Open311 requests here
    assert row["n_open311_requests"] == 0 and np.isnan(row["share_open311_status_update"])
    # readability: all three replies have >= 8 words; r1 and r2 are at 55 or above, r3 is not
    assert (row["n_readable"], row["n_plain_language"], row["n_readable_es"]) == (3, 2, 3)
    assert row["share_plain_language"] == pytest.approx(2 / 3)
    assert row["readability_mean"] == pytest.approx(np.mean(SZIGRISZT))  # 34.624444
    assert row["szigriszt_mean"] == pytest.approx(34.624444, abs=1e-6)
    assert row["fernandez_huerta_mean"] == pytest.approx(np.mean(HUERTA))  # 36.14
    assert np.isnan(row["flesch_mean"])


def test_spanish_official_detail(spanish):
    d = transparency.official_detail(spanish).set_index("message_id")
    assert d.loc[["r1", "r2", "r3"], "szigriszt"].tolist() == pytest.approx(SZIGRISZT)
    assert d.loc[["r1", "r2", "r3"], "fernandez_huerta"].tolist() == pytest.approx(HUERTA)
    assert d.loc[["r1", "r2", "r3"], "readability_band"].tolist() == ["fairly_easy", "very_easy", "very_hard"]
    assert d.loc["p1", "is_reply"] == False  # noqa: E712
    assert d.loc["p1", "has_official_link"]


# English thread on X/Twitter. Readability, by hand:
A1 = "@ana Please send us a DM with your address and we will check the date for you."
# words 16 (the mention is removed), sentences 1, syllables please 1, send 1, us 1, a 1, dm 1 (no vowel),
# with 1, your 1, address 2, and 1, we 1, will 1, check 1, the 1, date 1, for 1, you 1 = 17
# Flesch 206.835 - 1.015*16 - 84.6*17/16 = 100.7075
A2 = "@ben You can file a freedom of information request at https://records.city.gov/foia today."
# words 10, sentences 1, syllables you 1, can 1, file 1, a 1, free-dom 2, of 1, in-for-ma-tion 4, re-quest 2,
# at 1, to-day 2 = 16; Flesch 206.835 - 1.015*10 - 84.6*16/10 = 61.325
FLESCH = [100.7075, 61.325]


@pytest.fixture
def english():
    rows = [
        {"id": "q1", "at": "2026-10-05 10:00", "author": "ana", "text": "@city When is the bulk waste collection in my street?",
         "lang": "en"},
        {"id": "a1", "at": "2026-10-05 10:30", "parent": "q1", "official": True, "text": A1, "lang": "en"},
        {"id": "q2", "at": "2026-10-05 11:00", "author": "ben", "text": "@city How do I request my records?", "lang": "en"},
        {"id": "a2", "at": "2026-10-05 12:00", "parent": "q2", "official": True, "text": A2, "lang": "en"},
        {"id": "q3", "at": "2026-10-05 13:00", "parent": "a2", "author": "ben", "text": "the park lights are broken too",
         "lang": "en"},
    ]
    return table(rows, channel="twitter", account="city")


def test_english_thread_by_hand(english):
    row = transparency.summarize(english, by=("account",), freq=None, n_resamples=50).iloc[0]
    assert row["account"] == "city"
    # inbound q1, q2 (answered in public), q3 (a follow-up in the thread, unanswered)
    assert (row["n_answered"], row["share_answered_in_public"]) == (2, 1.0)
    # a1 "send us a DM" (private channel); a2 links records.city.gov (official: *.gov) and names a
    # "freedom of information request" (formal referral)
    assert row["n_official_replies"] == 2
    assert row["share_private_channel"] == 0.5
    assert row["share_official_link"] == 0.5
    assert row["share_unknown_link"] == 0.0
    assert row["share_formal_referral"] == 0.5
    # X/Twitter exports carry no hidden flag: left out, not 0
    assert not row["hidden_flag_available"] and row["n_citizen_public"] == 0 and np.isnan(row["share_hidden"])
    # q1 ("When ...?") and q2 ("How ...?") are questions, both answered; q3 is not a question
    assert (row["n_information_requests"], row["n_information_requests_answered"]) == (2, 2)
    assert (row["n_proactive_posts"], row["proactive_share"]) == (0, 0.0)
    # both replies at Flesch >= 60
    assert (row["n_readable"], row["n_readable_en"], row["share_plain_language"]) == (2, 2, 1.0)
    assert row["readability_mean"] == pytest.approx(np.mean(FLESCH))  # 81.01625
    assert row["flesch_mean"] == pytest.approx(81.01625)
    assert np.isnan(row["szigriszt_mean"])


def test_hidden_flag_on_another_channel_when_some_message_is_hidden(english):
    english["is_hidden"] = english["message_id"].eq("q3").to_numpy()
    row = transparency.summarize(english, by=(), freq=None, n_resamples=20).iloc[0]
    # q1, q2, q3 public citizen messages; one hidden
    assert row["hidden_flag_available"] and row["n_citizen_public"] == 3
    assert row["share_hidden"] == pytest.approx(1 / 3)


def test_short_replies_are_not_scored(english):
    english.loc[english["message_id"] == "a1", "text"] = "Please send us a DM."  # 5 words < 8
    row = transparency.summarize(english, by=(), freq=None, n_resamples=20).iloc[0]
    assert row["n_readable"] == 1 and row["readability_mean"] == pytest.approx(61.325)
    # the marker still counts
    assert row["share_private_channel"] == 0.5
    row = transparency.summarize(english, by=(), freq=None, n_resamples=20, min_words=3).iloc[0]
    assert row["n_readable"] == 2


def test_open311_status_updates_by_hand():
    rows = [
        {"id": "A", "at": "2026-10-01T10:00Z", "author": "x", "text": "Farola fundida"},
        {"id": "A/status", "at": "2026-10-02T10:00Z", "parent": "A", "official": True, "text": "Resuelto"},  # 24 h
        {"id": "B", "at": "2026-10-01T12:00Z", "author": "y", "text": "Bache"},
        {"id": "B/status", "at": "2026-10-04T12:00Z", "parent": "B", "official": True, "text": "Resuelto"},  # 72 h
        {"id": "C", "at": "2026-10-01T14:00Z", "author": "z", "text": "Contenedor lleno"},  # no update
    ]
    m = table(rows, channel="open311", account="city")
    until = "2026-10-11T14:00Z"  # C is censored at 240 h
    d = transparency.open311_detail(m, observed_until=until)
    assert d["hours_to_status"].tolist() == [24.0, 72.0, 240.0]
    assert d["censored"].tolist() == [False, False, True]
    row = transparency.summarize(m, by=("channel",), freq=None, observed_until=until, n_resamples=50).iloc[0]
    assert (row["n_open311_requests"], row["n_open311_status_update"]) == (3, 2)
    assert row["share_open311_status_update"] == pytest.approx(2 / 3)
    # Kaplan-Meier: S(24) = 2/3, S(72) = 1/3 <= 0.5, so the median is 72 h (answered-only median would be 48)
    assert row["open311_status_median_hours"] == 72.0
    assert km_quantiles([24, 72, 240], [True, True, False], (0.5,))[0] == 72.0


def test_links_positions_and_classes():
    m = pd.DataFrame({"message_id": ["1", "2"], "text": [
        "Info: https://www.madrid.es/a. Datos en https://datos.gob.es/x?y=1, y más en http://t.co/abc",
        "Mira www.example.org y https://opendata.bcn.cat",
    ]})
    found = transparency.links(m, Config(official_domains=("madrid.es",)))
    for _, r in found.iterrows():
        assert m["text"].iloc[r["row"]][r["start"]:r["end"]] == r["url"]
    # the full stop and comma after a link are not part of it
    assert found["url"].tolist() == ["https://www.madrid.es/a", "https://datos.gob.es/x?y=1", "http://t.co/abc",
                                     "www.example.org", "https://opendata.bcn.cat"]
    assert found["link_class"].tolist() == ["official", "official", "unknown", "other", "official"]
    assert found["rule"].tolist() == ["config", "default_suffix", "shortener", "none", "default_label"]


def test_links_among_texts_without_any_keep_their_rows_and_offsets():
    """Texts with no link are skipped by the scan; the expected rows and offsets are Python's
    ``re.finditer`` of the same expression, text by text."""
    import re

    texts = ["Sin enlace", "", "HTTPS://MAYUS.es no cuenta, https://a.es/x sí", "nada\x00raro", "www.b.org.",
             "dos: http://c.es y www.d.es/e?f=1; fin", "https:/ roto", "ver wwwx.es",
             "\U0001f642 ñ https://e.es/ü", "https://f.es"]  # code points before a link; a text that is a link
    m = pd.DataFrame({"message_id": [f"m{k}" for k in range(len(texts))], "text": texts})
    found = transparency.links(m)
    expected = [(row, match.group(0), *match.span()) for row, text in enumerate(texts)
                for match in re.finditer(transparency._URL, text.replace("\x00", " "))]
    assert list(zip(found["row"], found["url"], found["start"], found["end"], strict=True)) == expected
    assert found["message_id"].tolist() == [f"m{row}" for row, *_ in expected]
    assert [row for row, *_ in expected] == [2, 4, 5, 5, 8, 9]
    none = transparency.links(m.iloc[:2])  # no text holds a link
    assert none.empty and list(none.columns) == list(found.columns)


def test_official_domains_from_config_change_the_share(english):
    english.loc[english["message_id"] == "a1", "text"] = A1 + " More at https://www.city.example.org/waste"
    row = transparency.summarize(english, by=(), freq=None, n_resamples=20).iloc[0]
    assert row["share_official_link"] == 0.5  # city.example.org is not official by default
    row = transparency.summarize(english, by=(), freq=None, n_resamples=20,
                                 config=Config(official_domains=("city.example.org",))).iloc[0]
    assert row["share_official_link"] == 1.0


def test_evidence_rebuilds_the_shares(spanish):
    ev = transparency.evidence(spanish)
    for _, r in ev.iterrows():
        text = spanish.loc[spanish["message_id"] == r["message_id"], "text"].iloc[0]
        assert text[r["start"]:r["end"]] == r["matched_text"]
    by_family = ev.groupby("family")["message_id"].apply(set).to_dict()
    assert by_family["private_channel"] == {"r2"}
    assert by_family["formal_referral"] == {"r1"}
    assert by_family["official_link"] == {"p1", "r1"}
    assert by_family["unknown_link"] == {"r2"}
    assert ev.loc[ev["family"] == "private_channel", "entry"].str.startswith("es/private_channel#").all()


def test_lexicon_markers_in_four_languages():
    m = pd.DataFrame({"message_id": list("abcdefgh"), "lang": ["es", "es", "ca", "ca", "gl", "gl", "en", "en"], "text": [
        "Envíanos un correo y lo miramos.", "Preséntalo por registro o llama al 010.",
        "T'escrivim per privat.", "Pots fer-ho a la seu electrònica.",
        "Escríbenos por privado.", "Presenta unha queixa formal no rexistro xeral.",
        "Please DM us your address.", "You can book an appointment online.",
    ]})
    ev = evidence(m, families=("private_channel", "formal_referral"))
    got = ev.groupby("message_id")["family"].apply(lambda f: sorted(set(f))).to_dict()
    assert got == {
        "a": ["private_channel"], "b": ["formal_referral", "private_channel"],
        "c": ["private_channel"], "d": ["formal_referral"],
        "e": ["private_channel"], "f": ["formal_referral"],
        "g": ["private_channel"], "h": ["formal_referral"],
    }
    # the empathy families are untouched and do not include the transparency ones by default
    assert "private_channel" not in FAMILIES and len(FAMILIES) == 10
    assert evidence(m)["family"].isin(["private_channel", "formal_referral"]).sum() == 0


def test_basque_official_messages_have_no_transparency_markers_and_no_error():
    # no Basque file of either transparency family (nor a negation blocker): the engine compiled an empty
    # lexicon and failed on it; the messages are read, marked with no referral and no private channel
    rows = [
        {"id": "c1", "at": "2026-10-01 10:00", "author": "ane", "text": "Kaixo, noiz irekiko da liburutegia?"},
        {"id": "r1", "at": "2026-10-01 11:00", "parent": "c1", "official": True,
         "text": "Kaixo Ane, eskerrik asko zure mezuagatik. Astelehenean irekiko da."},
    ]
    m = table(rows, channel="twitter")
    m["lang"] = pd.array(["eu", "eu"], dtype="string")
    detail = transparency.official_detail(m, Config(language="eu"))
    assert detail["lang"].tolist() == ["eu"]
    assert not detail["has_formal_referral"].any() and not detail["has_private_channel"].any()


def test_group_by_is_checked(spanish):
    with pytest.raises(RoiError, match="cannot group by"):
        transparency.summarize(spanish, by=("author_id",))
    out = transparency.summarize(spanish, by=(), freq=None, n_resamples=20)
    assert len(out) == 1 and "account" not in out


def test_doctests():
    assert doctest.testmod(transparency).failed == 0


@pytest.fixture(scope="module")
def sample():
    files = sorted(p for p in SAMPLES.iterdir() if p.name != "roi.toml")
    loaded = roi.load(files, config=SAMPLES / "roi.toml")
    return loaded.messages


def test_sample_has_no_nan_where_it_has_the_data(sample):
    config = SAMPLES / "roi.toml"
    out = transparency.summarize(sample, by=("channel",), config=config, freq=None, n_resamples=50).set_index("channel")
    # every channel has official replies and readable Spanish or English replies
    for column in ("share_private_channel", "share_official_link", "share_unknown_link", "share_formal_referral",
                   "proactive_share", "share_information_requests_answered", "share_plain_language",
                   "readability_mean", "szigriszt_mean", "fernandez_huerta_mean"):
        assert out[column].notna().all(), column
    # Facebook and Instagram exports carry the hidden flag, and the sample hides some comments
    for channel in ("facebook", "instagram"):
        assert out.loc[channel, "hidden_flag_available"]
        assert 0 < out.loc[channel, "share_hidden"] < 0.2
    assert not out.loc["twitter", "hidden_flag_available"] and np.isnan(out.loc["twitter", "share_hidden"])
    # Open311 requests have public status updates
    assert out.loc["open311", "n_open311_requests"] > 0
    assert 0 < out.loc["open311", "share_open311_status_update"] <= 1
    assert np.isfinite(out.loc["open311", "open311_status_median_hours"])
    # answered in public wherever citizens wrote in public (e-mail is private: NaN, left out)
    for channel in ("facebook", "instagram", "twitter", "mastodon"):
        assert out.loc[channel, "share_answered_in_public"] > 0.5
    assert np.isnan(out.loc["email", "share_answered_in_public"])
    # the sample's replies include referrals to DMs, the 010 line and the sede electrónica
    assert (out["n_private_channel"].sum(), out["n_formal_referral"].sum()) > (0, 0)
    assert out["share_official_link"].max() > 0.2


def test_sample_default_grouping_rebuilds_from_detail(sample):
    config = SAMPLES / "roi.toml"
    out = transparency.summarize(sample, config=config, n_resamples=20)
    assert list(out.columns[:3]) == ["account", "channel", "period"]
    d = transparency.detail(sample, config)
    # rebuild one share from each per-message table
    fb = out[out["channel"] == "facebook"]
    cit = d["citizen"][(d["citizen"]["channel"] == "facebook").to_numpy()]
    assert fb["n_hidden"].sum() == cit["is_hidden"].sum()
    assert fb["n_citizen_public"].sum() == len(cit)
    off = d["official"]
    replies = off[off["is_reply"].to_numpy()]
    assert out["n_private_channel"].sum() == replies["has_private_channel"].sum()
    assert out["n_plain_language"].sum() == replies["plain_language"].fillna(False).sum()
    inb = d["inbound"]
    assert out["n_information_requests_answered"].sum() == (inb["is_question"] & inb["answered"]).sum()
    o311 = d["open311"]
    assert out["n_open311_status_update"].sum() == o311["has_status_update"].sum()
    # the sample spans more than one month
    assert out["period"].nunique() > 1


def test_share_of_proactive_posts_that_inform_by_hand():
    # purposes worked by hand from the [purposes] cues (tests/test_topics.py has them one by one):
    # p1 decisiones (pleno 2 + aprueba 2), p2 estado_servicio (corte 2 + averia* 2), p3 eventos (concierto* 2),
    # p4 agradecimientos_actos (homenaje); r1 is a reply and not a post -> 2 informing of 4 posts
    rows = [
        {"id": "p1", "at": "2026-10-01 09:00", "official": True, "text": "El pleno aprueba la ordenanza de terrazas"},
        {"id": "p2", "at": "2026-10-02 09:00", "official": True, "text": "Corte de agua mañana por una avería"},
        {"id": "p3", "at": "2026-10-03 09:00", "official": True, "text": "Este sábado, concierto en la plaza"},
        {"id": "p4", "at": "2026-10-04 09:00", "official": True, "text": "Homenaje a las víctimas, minuto de silencio"},
        {"id": "c1", "at": "2026-10-04 10:00", "parent": "p4", "author": "ana", "text": "¿A qué hora es el pleno?"},
        {"id": "r1", "at": "2026-10-04 11:00", "parent": "c1", "official": True, "text": "El pleno aprueba a las 10"},
    ]
    out = transparency.summarize(table(rows), n_resamples=20).iloc[0]
    assert (out["n_proactive_posts"], out["n_informing_posts"]) == (4, 2)
    assert out["share_informing_posts"] == 0.5
    low, high = wilson_interval(np.array([2]), np.array([4]))
    assert (out["share_informing_posts_ci_low"], out["share_informing_posts_ci_high"]) == (low[0], high[0])
    detail = transparency.official_detail(table(rows))
    purposes = detail.set_index("message_id")["purpose"]
    assert purposes.drop("r1").to_dict() == {
        "p1": "decisiones", "p2": "estado_servicio", "p3": "eventos", "p4": "agradecimientos_actos"}
    assert pd.isna(purposes["r1"])  # a reply has no purpose


def test_share_of_informing_posts_per_account_is_roi_topics_informing_share(sample):
    messages, cfg = sample, roi.load_config(SAMPLES / "roi.toml")
    out = transparency.summarize(messages, by=("account",), config=cfg, freq=None, n_resamples=20)
    for account, row in out.set_index("account").iterrows():
        expected = roi.topics.informing_share(messages[messages["account"] == account], cfg)
        assert (row["n_proactive_posts"], row["n_informing_posts"]) == (expected["n_posts"], expected["n_informing"])
    assert out["n_informing_posts"].sum() > 0
