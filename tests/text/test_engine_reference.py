"""The engine against a plain reference: every entry's regular expression tried at every word.

The reference below is the definition of what the engine must find, written as slowly
and plainly as possible: for each text, each word start and each lexicon unit in order,
``re.match``; the first unit that matches wins (start entries apart); then negation
blockers and same-family nesting are applied match by match. The engine reaches the
same result through word lookups (:mod:`roi.text.paths`, :mod:`roi.text.words`).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from roi.text.engine import compiled, match_groups, match_texts
from roi.text.lexicon import ALL_FAMILIES, FAMILIES, LANGUAGES, TRANSPARENCY_FAMILIES
from roi.text.normalize import normalize
from tests.conftest import SAMPLES


def reference(texts: list[str], lang: str) -> set[tuple]:
    """(row, family, entry, start, end) of every marker, by trying every unit at every word."""
    c = compiled(lang, ALL_FAMILIES)
    units = [(re.compile(f"(?:{e.regex})(?!\\w)"), e.position == "start", e.family, e.key, e.also) for e in c.entries]
    blockers = [re.compile(f"(?:{b})(?!\\w)") for b in c_blockers(lang)]
    out = set()
    for row, normal in enumerate(normalize(pd.Series(texts, dtype=object)).tolist()):
        starts = [m.start() for m in re.finditer(r"\w+", normal)]
        found, blocked = [], []
        for place_is_start, positions in ((False, starts), (True, starts[:1])):
            for p in positions:
                for expression, at_start, family, key, also in units:
                    if at_start != place_is_start:
                        continue
                    m = expression.match(normal, p)
                    if m:
                        found.append((p, m.end(), family, key, also))
                        break
                else:
                    if not place_is_start:
                        for b in blockers:
                            m = b.match(normal, p)
                            if m:
                                blocked.append((p, m.end()))
                                break
        kept = []
        for start, end, family, key, also in found:
            earlier = [b for b in blocked if b[0] < start]
            if earlier and max(earlier)[1] > start:  # inside the last blocker that starts before it
                continue
            kept.append((start, end, family, key, also))
        for i, (start, end, family, key, also) in enumerate(kept):
            # inside a match of the same family that begins earlier, or at the same word and is longer (or as
            # long and found first: the same words count once), whether that one is kept or not
            if any(f == family and e > start and (s < start or (s == start and (e > end or (e == end and j < i))))
                   for j, (s, e, f, _, _) in enumerate(kept)):
                continue
            out.update((row, f, key, start, end) for f in (family, *also))
    return out


def c_blockers(lang: str) -> tuple[str, ...]:
    from roi.text.lexicon import load
    return load(lang, ALL_FAMILIES).blockers


def engine(texts: list[str], lang: str) -> set[tuple]:
    found = match_texts(pd.Series(texts, dtype=object), pd.Series([lang] * len(texts), dtype="string"), ALL_FAMILIES)
    return set(zip(found["row"].tolist(), found["family"].astype(str), found["entry"].astype(str),
                   found["start"].tolist(), found["end"].tolist(), strict=True))


INVENTED = [
    "Hola @vecina, lamentamos mucho lo ocurrido. No lamentamos nada. ¿Nos podría indicar la calle?",
    "Muchas gracias por avisar; no dude en escribirnos. Sin ningún problema. Un cordial saludo.",
    "No es nuestra competencia. No es nuestra competencia; le recomendamos dirigirse al 012.",
    "Bon dia! Moltes gràcies per l'avís, ens podria indicar-nos el carrer? No ho sentim. Salutacions.",
    "Ola! Grazas pola túa mensaxe, poderías indicarnos a parada? Non o sentimos. Un saúdo.",
    "Hi Sam, thanks! We're so sorry to hear that. Could you tell us the street? Congratulations!!",
    "Kaixo, eskerrik asko zure mezuagatik. Zein da helbidea?",
    "  ¡¡HOLA!!  gracias\tgracias\n\nmuchas   gracias  ",
    "Salutacions cordials. Salutacions.",
    "\ud800 hola, \U0001f600gracias\u2028muchas gracias",
]


def _sample(shared_data, lang: str, n: int, seed: int) -> list[str]:
    if lang == "en":
        data = pd.read_csv(shared_data / "labelled" / "epitome" / "explorations-reddit.csv")
        pool = pd.concat([data["response_post"], data["seeker_post"]])
    else:  # Spanish tweets and politeness utterances and the sample council's (mostly Catalan) messages,
        # read through every Iberian lexicon
        pool = pd.concat([
            pd.read_csv(shared_data / "es" / "SentiMP21_sp_extended_without_discarded.csv")["full_text"],
            pd.read_csv(shared_data / "labelled" / "politeness_es" / "spanish_val_4-14.csv")["Utterance"],
            pd.read_csv(SAMPLES / "contact_form.csv", encoding="cp1252", sep=";")["Mensaje"],
        ])
    pool = pool.dropna().astype(str)
    return pool.sample(n=min(n, len(pool)), random_state=np.random.RandomState(seed)).tolist()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_engine_finds_what_every_entry_tried_at_every_word_finds_on_invented_texts(lang):
    expected = reference(INVENTED, lang)
    assert engine(INVENTED, lang) == expected
    if lang in ("es", "en", "ca", "gl"):
        assert expected  # the comparison is not vacuous


@pytest.mark.parametrize("lang", LANGUAGES)
def test_engine_finds_what_every_entry_tried_at_every_word_finds_on_real_texts(shared_data, lang):
    texts = _sample(shared_data, lang, 1500, seed=LANGUAGES.index(lang))
    expected = reference(texts, lang)
    assert len(expected) > (30 if lang != "eu" else 0)
    assert engine(texts, lang) == expected


def _separately_and_together(texts: list[str], lang: str) -> tuple[list[pd.DataFrame], list[pd.DataFrame]]:
    texts, langs = pd.Series(texts, dtype=object), pd.Series([lang] * len(texts), dtype="string")
    groups = (FAMILIES, TRANSPARENCY_FAMILIES)
    return [match_texts(texts, langs, g) for g in groups], match_groups(texts, langs, groups)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_groups_matched_in_one_pass_equal_each_group_matched_alone(shared_data, lang):
    # the empathy and transparency families share one pass in roi.indicators: each group's frame must be the
    # frame of its own pass, row for row and dtype for dtype (the entries' categories included)
    texts = INVENTED + _sample(shared_data, lang, 1500, seed=LANGUAGES.index(lang))
    alone, together = _separately_and_together(texts, lang)
    for expected, got in zip(alone, together, strict=True):
        pd.testing.assert_frame_equal(got, expected)
    if lang != "eu":  # no transparency lexicon in Basque yet
        assert all(len(frame) for frame in alone)  # the comparison is not vacuous


def test_each_group_chooses_its_entries_on_its_own():
    # "Envíanos un" begins an exploration question and "Envíanos un correo" a private channel: matched as
    # one group of every family the first family in PRIORITY order takes the word, matched in two groups
    # each keeps its own, as its own pass does
    texts = ["Envíanos un correo y lo miramos."]
    one_group = match_texts(pd.Series(texts, dtype=object), pd.Series(["es"], dtype="string"), ALL_FAMILIES)
    assert one_group["entry"].astype(str).tolist() == ["es/exploration#5"]
    alone, together = _separately_and_together(texts, "es")
    for expected, got in zip(alone, together, strict=True):
        pd.testing.assert_frame_equal(got, expected)
    assert [f["entry"].astype(str).tolist() for f in together] == [["es/exploration#5"], ["es/private_channel#4"]]
    assert together[1]["matched_text"].tolist() == ["Envíanos un correo"]


def test_a_negation_blocker_acts_within_its_own_group_only(shared_data):
    # every family a group of its own: each group gets its own copy of the blockers, which must block
    # that group's matches and no other's; here "No se preocupe" is an entry that begins at a negator
    # (entries come before blockers) and "No lamentamos" a match the blocker drops
    texts = ["No se preocupe, lo revisamos hoy.", "No lamentamos nada. Lamentamos las molestias.",
             *_sample(shared_data, "es", 1500, seed=7)]
    s, langs = pd.Series(texts, dtype=object), pd.Series(["es"] * len(texts), dtype="string")
    groups = tuple((family,) for family in (*FAMILIES, *TRANSPARENCY_FAMILIES))
    together = match_groups(s, langs, groups)
    for families, got in zip(groups, together, strict=True):
        pd.testing.assert_frame_equal(got, match_texts(s, langs, families))
    found = pd.concat(together)
    first_two = found[found["row"] < 2].sort_values(["row", "start"])
    # worked by hand from the Spanish reassurance and apology files and the negation blockers
    assert first_two["matched_text"].tolist() == ["No se preocupe", "Lamentamos"]
    assert first_two["start"].tolist() == [0, 20]


def test_the_categories_follow_the_languages_order_not_the_texts():
    texts = pd.Series(["Bon dia, gràcies per escriure'ns.", "Muchas gracias por escribirnos."], dtype=object)
    langs = pd.Series(["ca", "es"], dtype="string")
    forward = match_texts(texts, langs)
    backward = match_texts(texts[::-1].reset_index(drop=True), langs[::-1].reset_index(drop=True))
    assert list(forward["lang"].cat.categories) == ["es", "ca"] == list(backward["lang"].cat.categories)
    assert list(forward["entry"].cat.categories) == list(backward["entry"].cat.categories)
    assert forward["entry"].cat.categories[0].startswith("es/")
