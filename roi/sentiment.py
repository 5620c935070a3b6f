"""Polarity of citizens' messages in [-1, 1]: transparent lexicon rules in es, en, ca and gl.

The rules follow VADER (Hutto and Gilbert, ICWSM 2014), adapted to citizen-service talk
in Spanish, English, Catalan and Galician. Each language has a versioned lexicon kept as
package data (``roi/text/lexicons/<lang>/sentiment.toml``; emoji, shared by all languages,
in ``roi/text/lexicons/sentiment_emoji.toml``): word and phrase valences on VADER's -4..+4
scale, negators, boosters (intensifiers and dampeners), contrast words and sarcasm
patterns. The entries are our own, written for the service domain, where "esperando",
"todavía", "otra vez" and "sin respuesta" are complaints.

How a message is scored
-----------------------
1. **Tokens.** URLs and @mentions are dropped, ``#`` is removed from hashtags, a few
   emoticons become emoji, elided articles (Catalan ``l'``, ``d'``...) are cut off, and
   punctuation and emoji become tokens of their own. Words are looked up lower-cased,
   first as written, then without accents (``rapido`` finds ``rápido``). Phrases
   (``otra vez``, ``gracias por nada``) are matched first, longest first, and count as
   one token.
2. **Valence** *v* of each lexicon token, then, in VADER's order:

   - **boosters** in the three preceding tokens of the same clause add
     ``sign(v) · b · d`` with the booster's scalar *b* (e.g. ``muy`` +0.293, ``poco``
     -0.293) and decay *d* = 1, 0.95, 0.9 by distance;
   - **capitals**: a word in CAPITALS in a message that is not all capitals adds
     ``sign(v) · 0.733``;
   - **negation**: a negator (``no``, ``nunca``, ``ni``, ``sin``, ``not``, ``cap``,
     ``mai``, ``non``, ``nin``...) in the three preceding tokens of the same clause
     multiplies *v* by -0.74 (so "no está mal" is mildly positive). A negator is not
     negated itself (Spanish negative concord: in "no contesta nadie" the "nadie" stays
     negative). Clauses end at punctuation and at contrast words;
   - **contrast**: with a contrast word (``pero``, ``sin embargo``, ``but``, ``però``,
     ``mais``...), tokens before the first one weigh 0.5 and tokens after it 1.5;
   - **sarcasm**: where a sarcasm pattern of the language matches ("muy amables... ya",
     "genial, otra vez", the eye-roll emoji), positive contributions change sign. Set
     phrases of sarcastic thanks ("gracias por nada", "thanks for nothing", "gràcies per
     res") are negative entries of the lexicon itself.
3. **Sum** *s* of the contributions; exclamation marks add ``0.292`` each (at most four)
   and two or more question marks add ``0.18`` each (``0.96`` beyond three), in the
   direction of *s* (nothing when *s* = 0).
4. **Polarity** = ``s / sqrt(s² + 15)``, VADER's compound normalisation, in [-1, 1].

:func:`label` cuts the polarity at ±0.05 (VADER's published thresholds): below -0.05
"negative", above +0.05 "positive", otherwise "neutral". A message with no lexicon token
scores exactly 0 and is "neutral"; :func:`detail` reports ``n_hits`` so that coverage can
be measured. :func:`contributions` lists every scored token with the rule effects applied
to it, so that each polarity can be rebuilt by hand.

Everything is vectorised over the whole column: tokenisation and lookups run in Arrow
compute kernels, the windows are shifted numpy arrays; no Python loop per message.
Messages are processed in chunks of :data:`CHUNK` to bound memory.

This module has its own small tokeniser; :func:`detail` and :func:`contributions` read
every token with it. :func:`lexicon_polarity` (and the polarity model, through it) runs
the same rules on distinct white-space chunks and tokens (:mod:`roi.sentiment_distinct`,
with ``roi.text.chunks``), which gives the same numbers, bit for bit, faster.
"""

from __future__ import annotations

import itertools
import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from roi.errors import RoiError
from roi.prepared import prepared
from roi.text.normalize import as_text

__all__ = [
    "ALPHA",
    "LANGUAGES",
    "THRESHOLD",
    "contributions",
    "detail",
    "hostility",
    "label",
    "language_codes",
    "lexicon_polarity",
    "lexicon_table",
    "lexicon_version",
    "polarity",
]

#: Languages with a sentiment lexicon.
LANGUAGES = ("es", "en", "ca", "gl")
#: Normalisation constant of VADER's compound score: s / sqrt(s² + ALPHA).
ALPHA = 15.0
#: Polarity cut-offs of :func:`label` (VADER's): |p| <= THRESHOLD is neutral.
THRESHOLD = 0.05
#: Rule constants (VADER's values).
NEGATION_SCALAR = -0.74
WINDOW = 3
BOOSTER_DECAY = (1.0, 0.95, 0.9)
CAPS_INCREMENT = 0.733
EXCLAMATION_INCREMENT = 0.292
EXCLAMATION_MAX = 4
QUESTION_INCREMENT = 0.18
QUESTION_CAP = 0.96
CONTRAST_BEFORE = 0.5
CONTRAST_AFTER = 1.5
#: Messages scored at once (bounds peak memory; a loop over chunks, not messages).
CHUNK = 100_000
#: Messages scored at once by :func:`lexicon_polarity` (the same rules on distinct tokens,
#: :mod:`roi.sentiment_distinct`).
DISTINCT_CHUNK = 50_000

_PUNCTUATION = ("!", "?", ".", ",", ";", ":", "…", "¡", "¿")
_EMOJI = r"\x{1F000}-\x{1FAFF}\x{2300}-\x{23FF}\x{2600}-\x{27BF}\x{2B00}-\x{2BFF}"
# emoticons -> emoji, applied before punctuation is split off
_EMOTICONS = (
    (r"(?:^|\s)[:;=]-?'\((?:\s|$)", " 😢 "),
    (r"(?:^|\s)[:=]-?\)+(?:\s|$)", " 🙂 "),
    (r"(?:^|\s);-?\)+(?:\s|$)", " 😉 "),
    (r"(?:^|\s)[:=]-?\(+(?:\s|$)", " 🙁 "),
    (r"(?:^|\s)[:=]-?D+(?:\s|$)", " 😃 "),
    (r"(?:^|\s)[xX][dD]+(?:\s|$)", " 😆 "),
    (r"(?:^|\s)[:=]-?[/\\](?:\s|$)", " 😕 "),
    (r"(?:^|\s)<3+(?:\s|$)", " ❤ "),
)


# --------------------------------------------------------------------------- lexicons


def _fold(text: str) -> str:
    """Lower-case and strip accents (combining marks), as the tokeniser does."""
    return "".join(c for c in unicodedata.normalize("NFD", text.lower()) if unicodedata.category(c) != "Mn")


def _expand(key: str) -> list[str]:
    """``"lent{o,a,os,as}"`` -> the four forms; several brace groups multiply."""
    parts = re.split(r"(\{[^}]*\})", key)
    options = [p[1:-1].split(",") if p.startswith("{") else [p] for p in parts]
    return [" ".join("".join(combo).split()) for combo in itertools.product(*options)]


def _read_toml(path_parts: tuple[str, ...]) -> dict:
    resource = resources.files("roi").joinpath("text", "lexicons", *path_parts)
    try:
        return tomllib.loads(resource.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RoiError(f"sentiment lexicon {'/'.join(path_parts)} is missing from the package",
                       fix="reinstall roi; the lexicons are package data") from None
    except tomllib.TOMLDecodeError as error:
        raise RoiError(f"sentiment lexicon {'/'.join(path_parts)} is not valid TOML: {error}",
                       fix="correct the lexicon file") from None


@dataclass(frozen=True)
class _Lexicon:
    lang: str
    version: str
    table: pd.DataFrame  # one row per key: key, n_words, valence, negator, booster, contrast, breaker
    exact: pa.Array  # single-token keys, position = entry id
    folded: pa.Array  # fold of accented single-token keys
    folded_entry: np.ndarray  # entry id of each folded key
    starts: pa.Array  # first words of phrases (canonical forms)
    phrases: dict  # n -> (pa.Array of phrase keys, np.ndarray of entry ids)
    sarcasm: str | None


def _entries(data: dict, source: str) -> pd.DataFrame:
    rows: dict[str, dict] = {}

    def put(key, **values):
        for form in _expand(key.strip().lower()):
            row = rows.setdefault(form, {"valence": 0.0, "negator": False, "booster": 0.0, "contrast": False,
                                         "breaker": False})
            row.update(values)

    try:
        for key, value in data.get("valence", {}).items():
            if not -4 <= float(value) <= 4:
                raise ValueError(f"valence of {key!r} is {value}, outside -4..4")
            put(key, valence=float(value))
        for key in data.get("negators", {}).get("words", []):
            put(key, negator=True)
        for key, value in data.get("boosters", {}).items():
            put(key, booster=float(value))
        for key in data.get("contrast", {}).get("words", []):
            put(key, contrast=True)
    except (TypeError, ValueError, AttributeError) as error:
        raise RoiError(f"sentiment lexicon {source}: {error}", fix="valences and boosters are numbers; "
                       "negators and contrast words are lists under 'words'") from None
    table = pd.DataFrame.from_dict(rows, orient="index")
    table.index.name = "key"
    return table.reset_index()


@cache
def _emoji_entries() -> tuple[pd.DataFrame, list[str]]:
    data = _read_toml(("sentiment_emoji.toml",))
    return _entries(data, "sentiment_emoji.toml"), list(data.get("sarcasm", {}).get("patterns", []))


@cache
def _lexicon(lang: str) -> _Lexicon:
    """A language's sentiment lexicon, read once and kept on disk for later processes (:func:`roi.prepared.prepared`)."""
    if lang not in LANGUAGES:
        raise RoiError(f"no sentiment lexicon for language {lang!r}", field="lang", fix=f"use one of {list(LANGUAGES)}")
    return prepared("sentiment", lambda: _read_lexicon(lang), lang)


def _read_lexicon(lang: str) -> _Lexicon:
    data = _read_toml((lang, "sentiment.toml"))
    words = _entries(data, f"{lang}/sentiment.toml")
    emoji, emoji_sarcasm = _emoji_entries()
    punctuation = pd.DataFrame({"key": list(_PUNCTUATION), "valence": 0.0, "negator": False, "booster": 0.0,
                                "contrast": False, "breaker": True})
    table = pd.concat([words, emoji[~emoji["key"].isin(words["key"])], punctuation], ignore_index=True)
    table = table.drop_duplicates("key", keep="first").reset_index(drop=True)
    table["n_words"] = table["key"].str.count(" ") + 1
    # first words of phrases are keys too (with no effect of their own), so a token can start a phrase
    firsts = table.loc[table["n_words"] > 1, "key"].str.split(" ").str[0].unique()
    keys = set(table["key"])
    missing = [w for w in firsts if w not in keys]
    if missing:
        table = pd.concat([table, pd.DataFrame({"key": missing, "valence": 0.0, "negator": False, "booster": 0.0,
                                                "contrast": False, "breaker": False, "n_words": 1})],
                          ignore_index=True)
    single = table.index[table["n_words"] == 1].to_numpy()
    # single-token entries first, so that an entry id is a position in ``exact``
    table = pd.concat([table.loc[single], table.drop(index=single)], ignore_index=True)
    n_single = len(single)
    exact_keys = table["key"].iloc[:n_single]
    folds = exact_keys.map(_fold)
    accented = (folds != exact_keys) & ~folds.isin(set(exact_keys))
    folded = folds[accented].drop_duplicates()
    phrases = {}
    for n in sorted(table.loc[table["n_words"] > 1, "n_words"].unique(), reverse=True):
        ids = table.index[table["n_words"] == n].to_numpy()
        phrases[int(n)] = (pa.array(table["key"].iloc[ids].tolist(), pa.string()), ids)
    sarcasm = list(data.get("sarcasm", {}).get("patterns", [])) + emoji_sarcasm
    for pattern in sarcasm:
        try:
            re.compile(pattern)
        except re.error as error:
            raise RoiError(f"sentiment lexicon {lang}/sentiment.toml: bad sarcasm pattern {pattern!r}: {error}",
                           fix="write a regular expression without look-arounds or back-references") from None
    return _Lexicon(
        lang=lang,
        version=str(data.get("version", f"sentiment-{lang}-unversioned")),
        table=table,
        exact=pa.array(exact_keys.tolist(), pa.string()),
        folded=pa.array(folded.tolist(), pa.string()),
        folded_entry=folded.index.to_numpy(),
        starts=pa.array(list(firsts), pa.string()),
        phrases=phrases,
        sarcasm="|".join(f"(?:{p})" for p in sarcasm) or None,
    )


def lexicon_version(lang: str) -> str:
    """Version string of a language's sentiment lexicon (recorded with every indicator)."""
    return _lexicon(lang).version


def lexicon_table(lang: str) -> pd.DataFrame:
    """A language's lexicon as a table (emoji and punctuation included).

    Columns: ``key`` (a word, or a phrase of words separated by spaces), ``n_words``,
    ``valence`` (-4..+4), ``negator``, ``booster``, ``contrast``, ``breaker`` (ends a
    clause).
    """
    return _lexicon(lang).table.copy()


# --------------------------------------------------------------------------- tokens


def _where(t: pa.Array, gate: str, steps) -> pa.Array:
    """Apply regex replacements only to the texts that match ``gate`` (the rare cases)."""
    mask = pc.match_substring_regex(t, gate)
    if not pc.any(mask).as_py():
        return t
    part = t.filter(mask)
    for pattern, replacement in steps:
        part = pc.replace_substring_regex(part, pattern, replacement)
    return pc.replace_with_mask(t, mask, part)


_RARE = (
    (r"[’‘´`]", ((r"[’‘´`]", "'"),)),
    (r"(?i)(?:[jh][aeiou]){2}", ((r"(?i)\b(?:j[aeiou]){2,}j?\b", "jaja"), (r"(?i)\b(?:h[aeiou]){2,}h?\b", "haha"))),
    (r"(?:^|\s)(?:[:;=]-?'?[()D/\\]|[xX][dD]|<3)", _EMOTICONS),
    (r"[\x{FE0F}\x{200D}\x{1F3FB}-\x{1F3FF}]", ((r"[\x{FE0F}\x{200D}\x{1F3FB}-\x{1F3FF}]", ""),)),
    # elided articles and pronouns (l'atenció, d'aquí, m'han, n'hi): keep the word
    (r"(?:^|[^\pL'])[lLdDmMnNsStT]'\pL", ((r"(^|[^\pL'])[lLdDmMnNsStT]'(\pL)", r"\1 \2"),)),
    (r"https?://|www\.|[@#]", ((r"(?:https?://|www\.)\S+", " "), (r"@\w+", " "), (r"#(\w)", r"\1"))),
)


def _any_gate(gates) -> str:
    """One expression matching where any of ``gates`` does (a leading ``(?i)`` kept to its own gate)."""
    return "|".join(f"(?i:{g[4:]})" if g.startswith("(?i)") else f"(?:{g})" for g in gates)


#: Where any rare case occurs: one pass over every text, the rare cases' own passes over those texts only.
_RARE_ANY = _any_gate(gate for gate, _ in _RARE)


def _normalise(text: pa.Array) -> pa.Array:
    """Case-preserving clean-up before splitting on white space."""
    t = text
    rare = pc.match_substring_regex(t, _RARE_ANY)
    if pc.any(rare).as_py():  # a text that matches no gate is left as it is by every step
        part = t.filter(rare)
        for gate, steps in _RARE:
            part = _where(part, gate, steps)
        t = pc.replace_with_mask(t, rare, part)
    # anything that is not a letter, digit, apostrophe, middle dot, punctuation or emoji is a space
    t = pc.replace_substring_regex(t, r"[^\pL\pN\s'·!?¡¿.,;:…" + _EMOJI + r"]+", " ")
    return pc.replace_substring_regex(t, r"([!?¡¿.,;:…]|[" + _EMOJI + r"])", r" \1 ")


def _lookup(tokens: pa.Array, lex: _Lexicon) -> np.ndarray:
    """Entry id of each lower-case token (-1 when not in the lexicon): as written, then without accents."""
    entry = pc.index_in(tokens, value_set=lex.exact).to_numpy(zero_copy_only=False)
    entry = np.where(np.isnan(entry), -1, entry).astype(np.int64) if entry.dtype.kind == "f" else entry.astype(np.int64)
    missing = np.flatnonzero(entry < 0)
    if len(missing) and len(lex.folded):
        unknown = tokens.take(pa.array(missing))
        folded = pc.replace_substring_regex(pc.utf8_normalize(unknown, "NFD"), r"\p{Mn}", "")
        hit = pc.index_in(folded, value_set=lex.folded).to_numpy(zero_copy_only=False)
        ok = ~np.isnan(hit) if hit.dtype.kind == "f" else np.ones(len(hit), bool)
        entry[missing[ok]] = lex.folded_entry[hit[ok].astype(np.int64)]
    return entry


def _phrases(lower: pa.Array, msg: np.ndarray, entry: np.ndarray, lex: _Lexicon) -> tuple[np.ndarray, np.ndarray]:
    """Match phrases (longest first); return the entry ids with phrases collapsed and a keep mask."""
    n_tokens = len(entry)
    keep = np.ones(n_tokens, dtype=bool)
    if not lex.phrases or n_tokens == 0:
        return entry, keep
    canonical = pc.if_else(pa.array(entry >= 0), lex.exact.take(pa.array(np.maximum(entry, 0))), lower)
    starts = np.flatnonzero(pc.is_in(canonical, value_set=lex.starts).to_numpy(zero_copy_only=False))
    covered = np.zeros(n_tokens + 1, dtype=np.int64)
    entry = entry.copy()
    for n, (keys, ids) in lex.phrases.items():
        cand = starts[starts + n <= n_tokens]
        cand = cand[msg[cand + n - 1] == msg[cand]]
        if len(cand) == 0:
            continue
        gram = canonical.take(pa.array(cand))
        for k in range(1, n):
            gram = pc.binary_join_element_wise(gram, canonical.take(pa.array(cand + k)), " ")
        hit = pc.index_in(gram, value_set=keys).to_numpy(zero_copy_only=False)
        found = ~np.isnan(hit) if hit.dtype.kind == "f" else np.ones(len(hit), bool)
        cand, hit = cand[found], hit[found].astype(np.int64)
        # not overlapping a longer phrase already matched, nor an earlier match of the same length
        total = np.concatenate([[0], np.cumsum(covered[:n_tokens])])
        free = (total[cand + n] - total[cand]) == 0
        cand, hit = cand[free], hit[free]
        if len(cand) > 1:
            clash = np.r_[False, np.diff(cand) < n]
            cand, hit = cand[~clash], hit[~clash]
        entry[cand] = ids[hit]
        for k in range(n):
            covered[cand + k] = 1
        for k in range(1, n):
            keep[cand + k] = False
    return entry, keep


def _shift(values: np.ndarray, k: int, fill) -> np.ndarray:
    out = np.empty_like(values)
    out[:k] = fill
    out[k:] = values[:-k] if k else values
    return out


def _score_chunk(text: pa.Array, lex: _Lexicon, with_tokens: bool = False):
    """Score one chunk of messages of one language. Returns per-message arrays (and token rows)."""
    n = len(text)
    original = pc.fill_null(text, "")
    split = pc.utf8_split_whitespace(_normalise(original))
    raw_tokens = pc.list_flatten(split)
    msg = pc.list_parent_indices(split).to_numpy().astype(np.int64)
    lower = pc.utf8_lower(raw_tokens)
    # words: tokens with letters; capitals: a word in capitals counts only in a message that also has words not in capitals
    capitals = pc.utf8_upper(raw_tokens)
    alpha = pc.not_equal(lower, capitals).to_numpy(zero_copy_only=False)  # has letters with case
    upper = alpha & pc.equal(raw_tokens, capitals).to_numpy(zero_copy_only=False) & (
        pc.utf8_length(raw_tokens).to_numpy() >= 2)
    n_alpha = np.bincount(msg, weights=alpha, minlength=n)
    n_upper = np.bincount(msg, weights=upper, minlength=n)
    mixed = (n_upper > 0) & (n_upper < n_alpha)
    entry = _lookup(lower, lex)
    entry, keep = _phrases(lower, msg, entry, lex)
    # exclamation and question marks, before anything is dropped
    table = lex.table
    valence_of = np.r_[table["valence"].to_numpy(float), 0.0]
    negator_of = np.r_[table["negator"].to_numpy(bool), False]
    booster_of = np.r_[table["booster"].to_numpy(float), 0.0]
    contrast_of = np.r_[table["contrast"].to_numpy(bool), False]
    breaker_of = np.r_[table["breaker"].to_numpy(bool), False]
    key_of = np.r_[table["key"].to_numpy(object), None]
    bang_id, question_id = (int(table.index[table["key"] == "!"][0]), int(table.index[table["key"] == "?"][0]))
    n_bang = np.bincount(msg[entry == bang_id], minlength=n)
    n_question = np.bincount(msg[entry == question_id], minlength=n)

    msg, entry, upper = msg[keep], entry[keep], upper[keep]
    position = np.arange(len(msg)) - np.searchsorted(msg, msg)  # token position within its message
    e = np.where(entry >= 0, entry, len(valence_of) - 1)
    lexical = valence_of[e]
    valence = lexical.copy()
    negator, booster, contrast = negator_of[e], booster_of[e], contrast_of[e]
    clause, sign, scored, mixed_tok, boost_total, negated = _clauses(msg, breaker_of[e], contrast, valence, mixed)
    for k in range(1, WINDOW + 1):
        same = _shift(clause, k, -1) == clause
        b = _shift(booster, k, 0.0)
        b = b + np.where(_shift(upper, k, False) & (b != 0) & mixed_tok, np.sign(b) * CAPS_INCREMENT, 0.0)
        boost_total += np.where(same, b * BOOSTER_DECAY[k - 1], 0.0)
        negated |= same & _shift(negator, k, False)
    valence, caps, negated, weight = _adjust(valence, sign, boost_total, scored, upper, mixed_tok, negated, negator,
                                             msg, position, contrast, n)
    # sarcasm: positive contributions change sign
    # (only messages with a positive contribution can change, so only they are matched)
    sarcastic = np.zeros(n, dtype=bool)
    if lex.sarcasm:
        candidates = np.unique(msg[valence > 0])
        if len(candidates):
            texts = pc.utf8_lower(original.take(pa.array(candidates)))
            sarcastic[candidates] = pc.match_substring_regex(texts, lex.sarcasm).to_numpy(zero_copy_only=False)
    flipped = sarcastic[msg] & (valence > 0)
    valence = np.where(flipped, -valence, valence)

    total = np.bincount(msg, weights=valence, minlength=n)
    emphasis = np.minimum(n_bang, EXCLAMATION_MAX) * EXCLAMATION_INCREMENT
    emphasis = emphasis + np.where(n_question > 3, QUESTION_CAP, np.where(n_question > 1, n_question * QUESTION_INCREMENT, 0.0))
    emphasis = np.sign(total) * emphasis
    raw = total + emphasis
    score = np.clip(raw / np.sqrt(raw * raw + ALPHA), -1.0, 1.0)
    n_hits = np.bincount(msg, weights=scored, minlength=n).astype(np.int64)
    n_words = np.bincount(msg, weights=alpha[keep], minlength=n).astype(np.int64)
    out = {"polarity": score, "raw": raw, "emphasis": emphasis, "n_tokens": n_words, "n_hits": n_hits,
           "sarcasm": sarcastic}
    if not with_tokens:
        return out, None
    rows = scored
    tokens = pd.DataFrame({
        "row": msg[rows],
        "position": position[rows],
        "token": key_of[e[rows]],
        "valence": lexical[rows],
        "booster": (sign * boost_total)[rows],
        "caps": caps[rows],
        "negated": negated[rows],
        "contrast_weight": weight[rows],
        "sarcasm_flip": flipped[rows],
        "contribution": valence[rows],
    })
    return out, tokens


# --------------------------------------------------------------------------- API


def _languages(texts: pd.Series, lang, default_lang: str) -> pd.Series:
    if lang is None or isinstance(lang, str):
        code = default_lang if lang is None else lang
        return pd.Series(code, index=texts.index, dtype="string")
    codes = pd.Series(lang, dtype="string")
    if len(codes) != len(texts):
        raise RoiError(f"lang has {len(codes)} values for {len(texts)} texts", field="lang",
                       fix="pass one language code, or one per text")
    codes.index = texts.index
    return language_codes(codes, default_lang)


def language_codes(lang: pd.Series, default_lang: str) -> pd.Series:
    """Two-letter lower-case language codes, ``default_lang`` where missing:
    ``lang.astype("string").str.lower().str.slice(0, 2).fillna(default_lang)``, each distinct
    value (a handful) written once and taken by position."""
    codes, distinct = pd.factorize(lang.astype("string"), use_na_sentinel=True)
    written = pd.Series(pd.array([*distinct, pd.NA], dtype="string")).str.lower().str.slice(0, 2).fillna(default_lang)
    return pd.Series(written.array.take(np.where(codes < 0, len(distinct), codes)), index=lang.index, name=lang.name)


def _run(texts, lang, default_lang: str, with_tokens: bool):
    texts = texts if isinstance(texts, pd.Series) else pd.Series(list(texts), dtype="object")
    codes = _languages(texts, lang, default_lang)
    n = len(texts)
    columns = {
        "polarity": np.full(n, np.nan), "raw": np.full(n, np.nan), "emphasis": np.full(n, np.nan),
        "n_tokens": np.zeros(n, np.int64), "n_hits": np.zeros(n, np.int64), "sarcasm": np.zeros(n, bool),
    }
    version = np.full(n, None, dtype=object)
    token_frames = []
    values = pa.array(as_text(texts).to_numpy(dtype=object, na_value=None), pa.string())
    code_values = codes.to_numpy(dtype=object)
    for code in LANGUAGES:
        rows = np.flatnonzero(code_values == code)
        if len(rows) == 0:
            continue
        lex = _lexicon(code)
        version[rows] = lex.version
        for start in range(0, len(rows), CHUNK):
            part = rows[start:start + CHUNK]
            scores, tokens = _score_chunk(values.take(pa.array(part)), lex, with_tokens)
            for name, array in scores.items():
                columns[name][part] = array
            if tokens is not None:
                tokens["row"] = part[tokens["row"].to_numpy()]
                tokens.insert(1, "lang", code)
                token_frames.append(tokens)
    frame = pd.DataFrame(columns, index=texts.index)
    frame["lang"] = codes.where(codes.isin(LANGUAGES))
    frame["lexicon_version"] = pd.array(version, dtype="string")
    return frame, token_frames


def lexicon_polarity(texts, lang: str | pd.Series | None = "es", *, default_lang: str = "es") -> pd.Series:
    """Polarity of each text in [-1, 1] by the lexicon rules alone (VADER-style compound score).

    One of the features of the polarity model (:func:`polarity`).

    Parameters
    ----------
    texts
        A Series (its index is kept) or a sequence of strings; missing texts score 0.
    lang
        One code for all texts, or one per text (a Series or array, e.g. the message
        table's ``lang`` column). Missing codes take ``default_lang``; a language without
        a lexicon (not es, en, ca or gl) gets NaN: it cannot be scored.

    Examples
    --------
    >>> lexicon_polarity(["Gracias, muy amables", "¿Cuándo abre el registro?", "Gracias por nada"]).round(2).tolist()
    [0.73, 0.0, -0.56]
    """
    from roi.sentiment_distinct import polarity_of

    texts = texts if isinstance(texts, pd.Series) else pd.Series(list(texts), dtype="object")
    codes = _languages(texts, lang, default_lang).to_numpy(dtype=object)
    values = pa.array(as_text(texts).to_numpy(dtype=object, na_value=None), pa.string())
    out = np.full(len(texts), np.nan)
    for start in range(0, len(texts), DISTINCT_CHUNK):  # bounded memory: the tokens of one chunk at a time
        out[start:start + DISTINCT_CHUNK] = polarity_of(values[start:start + DISTINCT_CHUNK],
                                                        codes[start:start + DISTINCT_CHUNK])
    return pd.Series(out, index=texts.index, name="polarity")


def _probabilities(texts, lang, default_lang: str, model) -> tuple[pd.Series, np.ndarray, np.ndarray]:
    from roi.models import get

    texts = texts if isinstance(texts, pd.Series) else pd.Series(list(texts), dtype="object")
    codes = _languages(texts, lang, default_lang)
    model = get("polarity") if model is None else model
    scored = codes.isin(LANGUAGES).to_numpy(dtype=bool)
    prob = np.full((len(texts), len(model.classes)), np.nan)
    if scored.any():
        prob[scored] = model.predict(texts[scored], codes[scored].to_numpy(dtype=object))
    return texts, prob, scored


def polarity(texts, lang: str | pd.Series | None = "es", *, default_lang: str = "es", model=None) -> pd.Series:
    """Polarity of each text in [-1, 1]: ``P(positive) - P(negative)`` of the polarity model.

    The model (``roi/models/weights/polarity.json``, its card in ``docs/models.md``) is a
    linear model over words, word prefixes and pairs, cue families and the lexicon rules'
    polarity (:func:`lexicon_polarity`), fitted on licence-clean data; ``[models]
    polarity`` in the configuration, or ``model=``, puts one written by ``roi train`` in
    its place. :func:`roi.models.explain` lists what pushed each text.

    Parameters
    ----------
    texts
        A Series (its index is kept) or a sequence of strings; missing texts count as empty.
    lang
        One code for all texts, or one per text (a Series or array, e.g. the message
        table's ``lang`` column). Missing codes take ``default_lang``; a language outside
        es, en, ca and gl gets NaN: it cannot be scored.
    model
        A :class:`roi.models.LinearModel` with classes negative, neutral, positive.

    Examples
    --------
    >>> polarity(["Gracias, muy amables", "Sigue sin funcionar, es una vergüenza"]).gt(0).tolist()
    [True, False]
    """
    texts, prob, _ = _probabilities(texts, lang, default_lang, model)
    classes = (model or _default_polarity_model()).classes
    value = prob[:, classes.index("positive")] - prob[:, classes.index("negative")]
    return pd.Series(value, index=texts.index, name="polarity")


def _default_polarity_model():
    from roi.models import get

    return get("polarity")


def label(texts, lang: str | pd.Series | None = "es", *, default_lang: str = "es", threshold: float | None = None,
          model=None) -> pd.Series:
    """"negative" / "neutral" / "positive": the polarity model's most probable class.

    With ``threshold``, the cut of :func:`polarity` instead: below -threshold negative,
    above +threshold positive, otherwise neutral. NA where the text cannot be scored.

    >>> label(["Muchas gracias, todo perfecto", "Sigue sin funcionar, es una vergüenza"], lang="es").tolist()
    ['positive', 'negative']
    """
    if threshold is not None:
        return _labels(polarity(texts, lang, default_lang=default_lang, model=model), threshold)
    texts, prob, scored = _probabilities(texts, lang, default_lang, model)
    classes = np.asarray((model or _default_polarity_model()).classes, dtype=object)
    out = pd.Series(pd.array(np.where(scored, classes[np.nan_to_num(prob).argmax(axis=1)], None), dtype="string"),
                    index=texts.index, name="label")
    return out


def hostility(texts, lang: str | pd.Series | None = "es", *, default_lang: str = "es", model=None) -> pd.Series:
    """Hostility of each citizen message: the probability, in [0, 1], that it is angry or contemptuous.

    The hostility model (``roi/models/weights/hostility.json``; card in ``docs/models.md``),
    or ``model=`` / ``[models] hostility``. Languages outside es, en, ca and gl get NaN.

    >>> h = hostility(["Muchas gracias por la ayuda", "Sois unos inútiles, qué vergüenza"])
    >>> bool(h.iloc[1] > h.iloc[0])
    True
    """
    from roi.models import get

    texts = texts if isinstance(texts, pd.Series) else pd.Series(list(texts), dtype="object")
    codes = _languages(texts, lang, default_lang)
    model = get("hostility") if model is None else model
    scored = codes.isin(LANGUAGES).to_numpy(dtype=bool)
    value = np.full(len(texts), np.nan)
    if scored.any():
        value[scored] = model.predict(texts[scored], codes[scored].to_numpy(dtype=object))
    return pd.Series(value, index=texts.index, name="hostility")


def _labels(score: pd.Series, threshold: float) -> pd.Series:
    out = np.where(score > threshold, "positive", np.where(score < -threshold, "negative", "neutral"))
    return pd.Series(pd.array(out, dtype="string"), index=score.index, name="label").mask(score.isna())


def detail(texts, lang: str | pd.Series | None = "es", *, default_lang: str = "es", threshold: float = THRESHOLD
           ) -> pd.DataFrame:
    """Per-text detail: ``polarity``, ``label``, ``raw`` (the sum before normalisation),
    ``emphasis`` (the punctuation part of it), ``n_tokens`` (words), ``n_hits`` (lexicon
    tokens: 0 means the text was not covered), ``sarcasm`` (a sarcasm pattern matched),
    ``lang`` and ``lexicon_version``."""
    frame, _ = _run(texts, lang, default_lang, with_tokens=False)
    frame.insert(1, "label", _labels(frame["polarity"], threshold))
    return frame


def contributions(texts, lang: str | pd.Series | None = "es", *, default_lang: str = "es") -> pd.DataFrame:
    """Every scored token, with each rule's effect: the evidence behind :func:`polarity`.

    Columns: ``row`` (position of the text in ``texts``), ``lang``, ``position`` (token
    number in the text, phrases counted as one), ``token`` (the lexicon key matched),
    ``valence`` (lexicon value), ``booster`` (added by boosters, signed), ``caps``,
    ``negated``, ``contrast_weight``, ``sarcasm_flip`` and ``contribution``. A text's
    ``raw`` score is the sum of its contributions plus its ``emphasis``
    (:func:`detail`), and polarity = raw / sqrt(raw² + 15).
    """
    _, frames = _run(texts, lang, default_lang, with_tokens=True)
    if not frames:
        return pd.DataFrame(columns=["row", "lang", "position", "token", "valence", "booster", "caps", "negated",
                                     "contrast_weight", "sarcasm_flip", "contribution"])
    return pd.concat(frames, ignore_index=True).sort_values(["row", "position"], kind="stable").reset_index(drop=True)


def _adjust(valence, sign, boost_total, scored, upper, mixed_tok, negated, negator, msg, position, contrast, n):
    """VADER's adjustments of each scored token's valence, after its boosters were summed.

    In this order: ``v += sign * boost_total`` (boosters in the window before, same clause);
    ``v += sign * CAPS_INCREMENT`` for a token in capitals in a mixed-case text; ``v *=
    NEGATION_SCALAR`` when a negator stands in the window before (not on a negator itself);
    ``v *= CONTRAST_BEFORE`` before the first contrast word of the message and ``v *=
    CONTRAST_AFTER`` after it. Shared by the token-by-token rules and the distinct-token path,
    so both add the same terms in the same order.

    Returns
    -------
    valence, caps, negated, weight
        The adjusted valences, the capitals flags, the negation flags and the contrast weights.
    """
    valence = valence + sign * boost_total * scored
    caps = upper & mixed_tok & scored
    valence = valence + sign * CAPS_INCREMENT * caps
    negated = negated & scored & ~negator
    valence = np.where(negated, valence * NEGATION_SCALAR, valence)
    # contrast: the first contrast word of a message splits it
    first = np.full(n, np.iinfo(np.int64).max)
    np.minimum.at(first, msg[contrast], position[contrast])
    has = first[msg] < np.iinfo(np.int64).max
    weight = np.where(has & (position < first[msg]), CONTRAST_BEFORE,
                      np.where(has & (position > first[msg]), CONTRAST_AFTER, 1.0))
    return valence * weight, caps, negated, weight


def _clauses(msg, breaker, contrast, valence, mixed):
    """Each token's clause (a new one at a breaker, a contrast word or a new message), the sign and the scored
    flag of its valence, whether its message mixes cases, and zeroed booster sums and negation flags.

    Shared by the token-by-token rules and the distinct-token path, which then fill the last two.
    """
    clause = np.cumsum(breaker | contrast | np.r_[True, msg[1:] != msg[:-1]])
    return (clause, np.sign(valence), valence != 0, mixed[msg], np.zeros(len(msg)),
            np.zeros(len(msg), dtype=bool))
