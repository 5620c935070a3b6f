"""What citizens write about: a municipal topic taxonomy and the topics of each message.

Definitions (``roi/methodology.md``):

- **taxonomy**: versioned TOML files, one per language (``roi/text/topics/<lang>.toml``:
  es, ca, gl, en), each listing for every topic id of :data:`TOPICS` cues of one to three
  words, in three strengths: ``strong`` (2 points), ``cues`` (1 point) and ``weak``
  (0.5 points), and ``unless`` cues that rule the topic out (a lamp post named in a
  concert announcement is no lighting fault). A single cue word ending in ``*`` matches
  every word it begins (``farola*``: farola, farolas). A configuration's ``[topics]``
  table adds own topics and cues, replaces the default ones, and maps Open311
  ``service_name`` values to topics (:func:`roi.config.config_from_dict`);
- **matching**: the words of each message, case and accents folded, are looked up in
  one vectorised pass (the word-level tokenizer of :mod:`roi.models.features`; one to
  three words in a row, in the message's language, Spanish when it is unknown); a cue
  inside a longer cue that matched (``basura`` inside ``bolsas de basura``) does not
  count again;
- **topics of a message**: every topic whose cues earn points and none of whose
  ``unless`` cues is present; ``points(topic) = Σ strength of its cues found``. The
  **main topic** is the one with most points, the earliest cue breaking ties; a message
  with none is ``otros``. A message with a ``service_name`` the configuration maps takes
  that topic alone;
- **topic of a thread** (:func:`thread_topics`): the main topic of the thread's first
  citizen message that has one (not ``otros``), else of its first message that has one,
  else ``otros``. Every message of the thread, official answers included, is counted
  under it: an answer counts under the topic of the question it answers.

Evidence: the first cue of each (message, topic), as matched in the normalised text
(:func:`roi.text.normalize.normalize`, same length as the original), with its offsets
``start``/``end`` into the message's text.
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from importlib import resources

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from roi.config import Config, as_config
from roi.errors import RoiError
from roi.models.features import Tokens, _fold_array, tokenize
from roi.periods import first_of_each
from roi.prepared import prepared
from roi.text.normalize import _LUT, _ranges, normalize, text_array

__all__ = ["INFORMING", "KEY", "LANGUAGES", "OTHER", "POINTS", "PURPOSES", "TOPICS", "Taxonomy", "assign", "informing_share",
           "main_purposes", "main_topics", "message_topics", "purpose", "shared_topics", "taxonomy", "thread_topics",
           "topic_column"]

#: Topic ids of the default taxonomy, in report order; :data:`OTHER` is the topic of a message no cue fits.
TOPICS = (
    "limpieza_viaria", "residuos", "alumbrado", "vias_publicas", "agua_alcantarillado", "zonas_verdes",
    "plagas_animales", "movilidad", "ruido", "seguridad", "tramites", "tributos", "servicios_sociales",
    "cultura_eventos", "deportes", "educacion", "vivienda", "empleo", "otros",
)

#: Purposes of the administration's own posts (proactive transparency), and ``otros``.
PURPOSES = ("decisiones", "estado_servicio", "resultados", "participacion", "agradecimientos_actos", "eventos", "otros")

#: The purposes that inform: the transparency share counts these among proactive posts.
INFORMING = ("decisiones", "estado_servicio", "resultados")

#: The topic of a message that no cue fits.
OTHER = "otros"

#: Languages with a taxonomy file; messages in another language or none are read as Spanish.
LANGUAGES = ("es", "ca", "gl", "en")

#: Points of a cue of each strength (``unless`` cues rule the topic out instead).
POINTS = {"strong": 2.0, "cues": 1.0, "weak": 0.5}

#: Columns of :func:`assign`.
COLUMNS = ("message_id", "channel", "account", "topic", "rank", "points", "source", "matched_text", "start", "end",
           "taxonomy_version")

_WORD = r"\p{L}\p{N}'<"


@dataclass(frozen=True)
class Taxonomy:
    """Topics, their cues per language and the ``service_name`` mapping.

    ``cues`` has one row per cue: ``lang``, ``words`` (tuple of folded words), ``prefix``
    (its single word matches the words it begins), ``topic``, ``points`` (0 for an
    ``unless`` cue) and ``unless``.
    """

    version: str
    topics: tuple[str, ...]
    cues: pd.DataFrame
    service_names: dict[str, str]


def _fold(words: list[str]) -> list[str]:
    array = pc.utf8_normalize(pc.utf8_lower(pa.array(words, pa.large_string())), "NFD")
    return pc.replace_substring_regex(array, r"\p{Mn}", "").to_pylist()


def _cue_rows(lang: str, topic: str, table: dict, where: str) -> list[tuple]:
    rows = []
    for kind in ("strong", "cues", "weak", "unless"):
        entries = table.get(kind, [])
        if not isinstance(entries, list) or not all(isinstance(e, str) and e.strip() for e in entries):
            raise RoiError(f"topic {topic!r} has {kind} = {entries!r}", file=where, field=f"{topic}.{kind}",
                           fix='write a list of words or short phrases, e.g. ["farola*", "sin luz"]')
        for cue in _fold(entries):
            words = tuple(cue.replace("*", " * ").split())
            prefix = words[-1:] == ("*",)
            words = words[:-1] if prefix else words
            if not 1 <= len(words) <= 3 or "*" in words or (prefix and len(words) > 1):
                raise RoiError(f"cue {cue!r} of topic {topic!r} is not one to three words (a '*' only after a single word)",
                               file=where, field=f"{topic}.{kind}", fix='write e.g. "farola*" or "paso de cebra"')
            rows.append((lang, words, prefix, topic, 0.0 if kind == "unless" else POINTS[kind], kind == "unless"))
    return rows


@functools.cache
def _default(section: str = "topics") -> tuple[str, list[tuple]]:
    """Version and cue rows of the ``[topics]`` (or ``[purposes]``) tables of every language file, kept
    on disk for later processes (:func:`roi.prepared.prepared`)."""
    return prepared("taxonomy", lambda: _read_default(section), section)


def _read_default(section: str) -> tuple[str, list[tuple]]:
    ids = TOPICS if section == "topics" else PURPOSES
    rows: list[tuple] = []
    versions = set()
    for lang in LANGUAGES:
        where = f"roi/text/topics/{lang}.toml"
        try:
            data = tomllib.loads(resources.files("roi.text").joinpath(f"topics/{lang}.toml").read_text("utf-8"))
        except (FileNotFoundError, tomllib.TOMLDecodeError) as error:  # a packaging fault, not user input
            raise RoiError(f"the topic taxonomy cannot be read ({error})", file=where, fix="reinstall roi") from None
        versions.add(data["version"])
        for topic, table in data.get(section, {}).items():
            if topic not in ids:
                raise RoiError(f"unknown id {topic!r}", file=where, field=section, fix=f"use one of {list(ids)}")
            rows += _cue_rows(lang, topic, table, where)
    if len(versions) != 1:
        raise RoiError(f"the taxonomy files declare versions {sorted(versions)}", file="roi/text/topics",
                       field="version", fix="give every language file the same version")
    return versions.pop(), rows


def taxonomy(config: Config | str | None = None) -> Taxonomy:
    """The default taxonomy, extended or replaced by the configuration's ``[topics]``.

    ``[topics]`` (parsed by :mod:`roi.config`): ``replace = true`` drops the default
    cues; ``[topics.cues.<lang>.<topic>]`` tables (``strong``, ``cues``, ``weak``,
    ``unless``) add cues, and new topic ids; ``[topics.service_names]`` maps Open311
    ``service_name`` values to topic ids. The version then reads ``<default>+config``.
    """
    settings = as_config(config).topics
    version, rows = _default()
    rows = [] if settings.get("replace") else list(rows)
    topics = [] if settings.get("replace") else [t for t in TOPICS if t != OTHER]
    own = settings.get("cues", {})
    where = as_config(config).source or "configuration"
    for lang, tables in own.items():
        for topic, table in tables.items():
            rows += _cue_rows(lang, topic, table, where)
            if topic not in topics and topic != OTHER:
                topics.append(topic)
    if own or settings.get("replace") or settings.get("service_names"):
        version += "+config"
    cues = pd.DataFrame(rows, columns=["lang", "words", "prefix", "topic", "points", "unless"])
    return Taxonomy(version, (*topics, OTHER), cues, dict(settings.get("service_names", {})))


@dataclass(frozen=True)
class _Vocabulary:
    """The words of :class:`Tokens` as a lookup, built once for every language and layer of cues:
    ``index`` (the vocabulary, hashed once), ``text`` and ``length`` (Arrow strings and their
    lengths) and ``candidates`` (positions of the words whose first three letters begin some
    prefix cue: the only words a prefix cue, three letters or more, can match)."""

    index: pd.Index
    text: pa.Array
    length: np.ndarray
    candidates: np.ndarray

    @classmethod
    def of(cls, tokens: Tokens, cues: pd.DataFrame) -> _Vocabulary:
        text = pa.array(tokens.vocab.astype(str) if len(tokens.vocab) else [], pa.large_string())
        length = pc.utf8_length(text).to_numpy(zero_copy_only=False)
        starts = cues.loc[cues["prefix"].to_numpy(), "words"].str[0]
        heads = pd.Index(starts.str.slice(0, 3).unique())
        at = heads.get_indexer(pc.utf8_slice_codeunits(text, 0, 3).to_numpy(zero_copy_only=False)) if len(text) \
            else np.zeros(0, dtype=np.int64)
        return cls(pd.Index(tokens.vocab), text, length, np.flatnonzero((at >= 0) & (length >= 3)))

    def ids(self, words) -> np.ndarray:
        """Position of each word in the vocabulary, -1 when absent."""
        return self.index.get_indexer(list(words)) if len(words) else np.zeros(0, dtype=np.int64)

    def keys(self, words: list[tuple[str, ...]]) -> np.ndarray:
        """The key of each run of words as :meth:`Tokens.pairs` computes it (-1 where a word is absent)."""
        keys = np.full(len(words), -1, dtype=np.int64)
        if not words:
            return keys
        ids = np.stack([self.ids([w[j] for w in words]) for j in range(len(words[0]))], axis=1)
        ok = (ids >= 0).all(axis=1)
        key = np.zeros(int(ok.sum()), dtype=np.int64)
        for j in range(ids.shape[1]):
            key = key * np.int64(len(self.text) + 1) + ids[ok, j]
        keys[ok] = key
        return keys


def _first_of(values: np.ndarray, keys: np.ndarray) -> pd.Series:
    """``values`` on ``keys``, the first value of a repeated key kept (absent keys, -1, left out)."""
    table = pd.Series(values[keys >= 0], index=keys[keys >= 0])
    return table[~table.index.duplicated()]


def _hits(tokens: Tokens, cues: pd.DataFrame, lang_code: np.ndarray, langs, vocabulary: _Vocabulary) -> pd.DataFrame:
    """Every cue found: message ``row``, word position ``pos``, cue index ``cue`` (into ``cues``) and its length ``k``.

    The positions of each language's words are found once per ``tokens`` (cached); a run of two or three words
    is keyed only where its first word begins some cue of that length.
    """
    rows_out, pos_out, cue_out, k_out = [], [], [], []
    if ("topics.lang", id(lang_code)) not in tokens._cache:
        word_lang = lang_code[tokens.rows]
        at = {code: np.flatnonzero(word_lang == code) for code in range(len(langs))}
        tokens._cache[("topics.lang", id(lang_code))] = (lang_code, at, {c: tokens.wid[a] for c, a in at.items()})
    _, by_lang, wid_by_lang = tokens._cache[("topics.lang", id(lang_code))]
    last = len(tokens.wid) - 1
    for code, lang in enumerate(langs):
        chosen = cues[cues["lang"] == lang]
        if chosen.empty:
            continue
        in_lang, lang_wid = by_lang[code], wid_by_lang[code]
        # single words: an exact cue first, else the longest beginning
        single = chosen[chosen["words"].map(len) == 1]
        first = single["words"].str[0].to_numpy(dtype=object)
        prefix = single["prefix"].to_numpy()
        of_word = np.full(len(tokens.vocab), -1, dtype=np.int64)
        exact = _first_of(single.index.to_numpy()[~prefix], vocabulary.ids(first[~prefix]))
        of_word[exact.index.to_numpy()] = exact.to_numpy()
        begins = pd.Series(single.index.to_numpy()[prefix], index=first[prefix])
        begins = begins[~begins.index.duplicated()]
        for size in sorted({len(b) for b in begins.index}, reverse=True):
            same = begins[begins.index.str.len() == size]
            cand = vocabulary.candidates
            open_ = cand[(of_word[cand] < 0) & (vocabulary.length[cand] >= size)]
            if not len(open_):
                continue
            heads = pc.utf8_slice_codeunits(vocabulary.text.take(pa.array(open_)), 0, size).to_numpy(
                zero_copy_only=False)
            at = same.index.get_indexer(heads)
            of_word[open_[at >= 0]] = same.to_numpy()[at[at >= 0]]
        cue = of_word[lang_wid]
        ok = np.flatnonzero(cue >= 0)
        pos = in_lang[ok]
        rows_out.append(tokens.rows[pos])
        pos_out.append(pos)
        cue_out.append(cue[ok])
        k_out.append(np.ones(len(pos), dtype=np.int64))
        for k in (2, 3):
            multi = chosen[chosen["words"].map(len) == k]
            if multi.empty:
                continue
            table = _first_of(multi.index.to_numpy(), vocabulary.keys(multi["words"].tolist()))
            if table.empty:
                continue
            lead = np.zeros(len(tokens.vocab) + 1, dtype=bool)
            lead[table.index.to_numpy() // np.int64(len(vocabulary.text) + 1) ** (k - 1)] = True
            start = in_lang[lead[lang_wid]]
            start = start[start + k - 1 <= last]
            start = start[tokens.rows[start + k - 1] == tokens.rows[start]]  # the run within one message
            key = np.zeros(len(start), dtype=np.int64)
            for j in range(k):
                key = key * np.int64(len(vocabulary.text) + 1) + tokens.wid[start + j]
            at = table.index.get_indexer(key)
            pos = start[at >= 0]
            rows_out.append(tokens.rows[pos])
            pos_out.append(pos)
            cue_out.append(table.to_numpy()[at[at >= 0]])
            k_out.append(np.full(len(pos), k, dtype=np.int64))
    if not rows_out:
        return pd.DataFrame({"row": [], "pos": [], "cue": [], "k": []}, dtype=np.int64)
    row, pos, cue, k = (np.concatenate(x) for x in (rows_out, pos_out, cue_out, k_out))
    # a cue inside a longer cue that matched does not count again
    covered = np.zeros(len(tokens.wid) + 3, dtype=np.uint8)  # bit 1: word inside a hit of 2 words, bit 2: of 3
    for size, bit in ((2, 1), (3, 2)):
        for j in range(size):
            covered[pos[k == size] + j] |= bit
    keep = ~(((k == 1) & (covered[pos] > 0)) | ((k == 2) & (((covered[pos] | covered[pos + 1]) & 2) > 0)))
    return pd.DataFrame({"row": row[keep], "pos": pos[keep], "cue": cue[keep], "k": k[keep]})


def _evidence(texts: pd.Series, found: pd.DataFrame, cues: pd.DataFrame) -> pd.DataFrame:
    """``matched_text``, ``start``, ``end`` of each found cue, from one regular expression per distinct cue;
    each distinct (text, cue) is searched once and read back for its rows."""
    if not len(found):
        return _evidence_once(texts, found, cues)
    key = pd.factorize(texts)[0][found["row"].to_numpy()].astype(np.int64) * (int(found["cue"].max()) + 1) \
        + found["cue"].to_numpy()
    pair, first = np.unique(key, return_index=True)
    return _evidence_once(texts, found.iloc[first], cues).iloc[np.searchsorted(pair, key)].reset_index(drop=True)


def _evidence_once(texts: pd.Series, found: pd.DataFrame, cues: pd.DataFrame) -> pd.DataFrame:
    n = len(found)
    matched = np.full(n, None, dtype=object)
    start = np.full(n, -1, dtype=np.int64)
    if n:
        folded = text_array(normalize(texts.iloc[found["row"].to_numpy()]).reset_index(drop=True))
        for cue, at in pd.Series(np.arange(n)).groupby(found["cue"].to_numpy(), sort=False).indices.items():
            words, prefix = cues.at[cue, "words"], cues.at[cue, "prefix"]
            body = f"[^{_WORD}]+".join(pa.compute.utf8_lower(pa.scalar(w)).as_py() for w in words)
            body += f"[{_WORD}]*" if prefix else ""
            # the first match: at the very beginning, else after the first non-word character that has one
            # (the optional group is lazy: a greedy one would skip a match at the beginning that occurs again)
            pattern = f"(?s)^(?P<pre>(?:.*?[^{_WORD}])??)(?P<m>{body})(?:[^{_WORD}]|$)"
            parts = pc.extract_regex(folded.take(pa.array(at)), pattern)
            pre, m = parts.field("pre"), parts.field("m")
            ok = pc.is_valid(m).to_numpy(zero_copy_only=False)
            start[at[ok]] = pc.utf8_length(pre).to_numpy(zero_copy_only=False)[ok]
            matched[at[ok]] = np.asarray(m.to_pylist(), dtype=object)[ok]
    length = pd.Series(matched, dtype="string").str.len().fillna(0).to_numpy(dtype=np.int64)
    missing = start < 0
    return pd.DataFrame({"matched_text": pd.array(matched, dtype="string"),
                         "start": pd.arrays.IntegerArray(np.where(missing, 0, start), missing),
                         "end": pd.arrays.IntegerArray(np.where(missing, 0, start + length), missing)})


def _languages(messages: pd.DataFrame) -> np.ndarray:
    if "lang" not in messages:
        return np.full(len(messages), "es", dtype=object)
    codes, distinct = pd.factorize(messages["lang"].astype("string"), use_na_sentinel=True)  # few distinct codes
    distinct = pd.Series(distinct, dtype="string").str.lower().str.split(r"[-_]", n=1, regex=True).str[0]
    distinct = distinct.where(distinct.isin(LANGUAGES), "es").fillna("es").to_numpy(dtype=object)
    return np.append(distinct, "es")[codes]  # code -1 (missing) takes the last slot


def _check(messages: pd.DataFrame) -> None:
    missing = [c for c in ("message_id", "text") if c not in messages]
    if missing:
        raise RoiError(f"the message table has no column(s) {missing}", field=missing[0],
                       fix="pass the message table of roi.load (docs/schema.md)")


def assign(messages: pd.DataFrame, config: Config | str | None = None) -> pd.DataFrame:
    """One row per message and topic found; the first row of each message is its main topic.

    Parameters
    ----------
    messages : DataFrame
        The message table (``message_id``, ``text``; ``lang``, ``channel``, ``account``
        and an optional ``service_name`` are read when present).
    config : Config, path or None
        ``[topics]`` extends or replaces the taxonomy (:func:`taxonomy`).

    Returns
    -------
    DataFrame
        ``message_id``, ``channel``, ``account``, ``topic``, ``rank`` (0 = main topic),
        ``points`` (``Σ`` strength of the topic's cues found: strong 2, cue 1, weak 0.5),
        ``source`` (``"text"``, ``"service_name"`` or ``"none"`` for ``otros``),
        ``matched_text`` (the topic's first cue as matched in the normalised text, or the
        ``service_name``), ``start``/``end`` (its offsets in the text; missing for a
        ``service_name`` or ``otros``) and ``taxonomy_version``. Messages keep their order.

    Examples
    --------
    >>> m = pd.DataFrame({"message_id": ["1", "2"], "text": ["Farola fundida en mi calle", "Hola"]})
    >>> assign(m)[["message_id", "topic", "matched_text", "start", "end"]].values.tolist()
    [['1', 'alumbrado', 'farola', 0, 6], ['2', 'otros', <NA>, <NA>, <NA>]]
    """
    return _assign(messages, config)


def _assign(messages: pd.DataFrame, config: Config | str | None = None, evidence: bool = True) -> pd.DataFrame:
    """:func:`assign`; without ``evidence``, ``matched_text``/``start``/``end`` of the rows found in the text are
    left missing (what :func:`main_topics` needs does not read them)."""
    _check(messages)
    tax = taxonomy(config)
    return _classify(messages, tax.cues, tax.topics, tax.service_names, tax.version, "topic", evidence)


def _classify(messages: pd.DataFrame, cues: pd.DataFrame, ids: tuple[str, ...], service_names: dict[str, str],
              version: str, label: str, evidence: bool = True) -> pd.DataFrame:
    """The rows of :func:`assign` (``label`` = ``"topic"``) or :func:`purpose` (``"purpose"``).

    A message's topics depend on its text and language alone: each distinct (text,
    language) pair is scored once (:func:`_score`) and its rows are read back for every
    message that has it; a mapped ``service_name`` then replaces a message's rows.
    """
    texts = messages["text"].reset_index(drop=True)
    languages = _languages(messages)
    # a missing text reads as an empty one: one code for both (the Arrow hash of the texts, then of the pairs)
    text_code = text_array(texts).dictionary_encode().indices.to_numpy(zero_copy_only=False).astype(np.int64)
    lang_code, _ = pd.factorize(languages)
    distinct, _ = pd.factorize(text_code * (int(lang_code.max(initial=0)) + 1) + lang_code)  # in order of appearance
    distinct = distinct.astype(np.int64)
    seen = np.maximum.accumulate(np.r_[-1, distinct[:-1]]) if len(distinct) else distinct
    first = np.flatnonzero(distinct > seen)  # the first message of each pair
    scored = _score(texts.iloc[first].reset_index(drop=True), languages[first], cues, ids, evidence)
    if len(first) == len(texts):  # every message its own pair, in order
        found = scored
    else:  # every message takes the rows of its (text, language): rows of a pair are contiguous and ranked
        size = np.bincount(distinct, minlength=len(first))
        order = np.argsort(distinct, kind="stable")  # messages grouped by pair, in their order
        begin = np.r_[0, np.cumsum(size)[:-1]]
        per_row = size[scored["row"].to_numpy()]
        take = np.repeat(np.arange(len(scored)), per_row)
        within = np.arange(len(take)) - np.repeat(np.cumsum(per_row) - per_row, per_row)
        row = order[begin[scored["row"].to_numpy()][take] + within]
        found = scored.iloc[take].reset_index(drop=True)
        found["row"] = row
    if service_names and "service_name" in messages:  # a mapped service_name takes the message's topic alone
        service = messages["service_name"].reset_index(drop=True).astype("string").str.strip()
        mapped = service.map(service_names)
        rows = np.flatnonzero(mapped.notna().to_numpy())
        if len(rows):
            found = found[~np.isin(found["row"].to_numpy(), rows)]
            found = pd.concat([found, pd.DataFrame({
                "row": rows, "topic": mapped.to_numpy()[rows], "rank": 0, "points": np.nan, "source": "service_name",
                "matched_text": pd.array(service.to_numpy()[rows], dtype="string"),
                "start": pd.array([pd.NA] * len(rows), dtype="Int64"),
                "end": pd.array([pd.NA] * len(rows), dtype="Int64")})], ignore_index=True)
    row, rank = found["row"].to_numpy(), found["rank"].to_numpy()
    if len(row) > 1 and not ((row[1:] > row[:-1]) | ((row[1:] == row[:-1]) & (rank[1:] > rank[:-1]))).all():
        found = found.iloc[np.lexsort((rank, row))].reset_index(drop=True)  # messages keep their order
    row = found["row"].to_numpy()
    return pd.DataFrame({
        "message_id": _take(messages["message_id"], row),
        "channel": _take(messages["channel"], row) if "channel" in messages else pd.NA,
        "account": _take(messages["account"], row) if "account" in messages else pd.NA,
        label: _take(found["topic"], None),
        "rank": found["rank"].to_numpy(dtype=np.int64),
        "points": found["points"].to_numpy(dtype=float),
        "source": _take(found["source"], None),
        "matched_text": found["matched_text"].array,
        "start": found["start"].array,
        "end": found["end"].array,
        "taxonomy_version": version,
    })


def _take(column: pd.Series, row: np.ndarray | None):
    """``column``'s values at positions ``row`` (all of them for ``None``), as a new column built from them
    infers its type: a ``str`` column is taken as it is (no round trip through Python strings), any other
    through NumPy (an empty column too: from NumPy it reads ``object``)."""
    if column.dtype == pd.StringDtype(na_value=np.nan) and len(column) and (row is None or len(row)):
        return column.array if row is None else column.array.take(row)
    return column.to_numpy() if row is None else column.to_numpy()[row]


def _score_regex(texts: pd.Series, languages: np.ndarray, cues: pd.DataFrame, ids: tuple[str, ...],
                 evidence: bool = True) -> pd.DataFrame:
    """The reference scoring: the words of :func:`roi.models.features.tokenize`, the evidence by one regular
    expression per cue in the normalised text. :func:`_score` reads on it the texts its word path does not
    read alike; same columns as :func:`_score` (without ``evidence``, ``matched_text``/``start``/``end``
    are left missing)."""
    n = len(texts)
    tokens = tokenize(texts, lang=languages)
    lang_code, langs = pd.factorize(languages)
    # a word may be a cue of several topics: cues sharing their words are looked up in turns
    layer = cues.groupby(["lang", "words", "prefix"], sort=False).cumcount().to_numpy()
    vocabulary = _Vocabulary.of(tokens, cues)
    hits = pd.concat([_hits(tokens, cues[layer == i], lang_code, langs, vocabulary)
                      for i in range(int(layer.max(initial=0)) + 1)], ignore_index=True)
    cue = cues.loc[hits["cue"].to_numpy()]
    hits = hits.assign(topic=cue["topic"].to_numpy(), points=cue["points"].to_numpy(), unless=cue["unless"].to_numpy())
    pair = hits["row"].to_numpy() * len(ids) + pd.Index(ids).get_indexer(hits["topic"])
    ruled_out = np.isin(pair, pair[hits["unless"].to_numpy()])
    hits = hits[~ruled_out]
    hits = hits.sort_values(["row", "pos"], kind="stable")
    grouped = hits.groupby(["row", "topic"], sort=False)
    found = grouped.first()[["pos", "cue"]].join(grouped["points"].sum()).reset_index()
    found["source"] = "text"
    # texts without any topic: otros
    none = np.setdiff1d(np.arange(n), found["row"].to_numpy())
    found = pd.concat([found, pd.DataFrame({"row": none, "topic": OTHER, "pos": -1, "cue": -1, "points": 0.0,
                                            "source": "none"})], ignore_index=True)
    found = found.sort_values(["row", "points", "pos"], ascending=[True, False, True], kind="stable").reset_index(drop=True)
    found["rank"] = found.groupby("row").cumcount()
    from_text = (found["source"] == "text").to_numpy()
    matched = pd.array(np.full(len(found), None, dtype=object), dtype="string")
    start = pd.array(np.full(len(found), None, dtype=object), dtype="Int64")
    end = start.copy()
    if evidence:
        where = _evidence(texts, found[from_text], cues)
        matched[from_text], start[from_text], end[from_text] = where["matched_text"].array, where["start"].array, \
            where["end"].array
    return pd.DataFrame({"row": found["row"].to_numpy(dtype=np.int64), "topic": found["topic"].to_numpy(),
                         "rank": found["rank"].to_numpy(dtype=np.int64), "points": found["points"].to_numpy(dtype=float),
                         "source": found["source"].to_numpy(), "matched_text": matched, "start": start, "end": end})


# The word path: one split of the folded text gives the words that are scored and the offsets of the evidence.

#: Code points below this bound are read from the tables of :func:`_char_tables`; a text with one above is
#: read by :func:`_score_regex`.
_TABLE_SIZE = 0x20000


def _utf8_size(codes: np.ndarray) -> np.ndarray:
    """Bytes of each code point in UTF-8."""
    return 1 + (codes >= 0x80).astype(np.int64) + (codes >= 0x800) + (codes >= 0x10000)


def _chars(codes: np.ndarray) -> pa.Array:
    """One Arrow string per code point (no surrogates)."""
    codes = np.ascontiguousarray(codes, dtype=np.uint32)
    data = codes.tobytes().decode("utf-32-le").encode("utf-8")
    offsets = np.r_[0, np.cumsum(_utf8_size(codes))].astype(np.int64)
    return pa.LargeStringArray.from_buffers(len(codes), pa.py_buffer(offsets), pa.py_buffer(data))


@functools.cache
def _fold_table() -> np.ndarray:
    """The normalisation's folding (:data:`roi.text.normalize._LUT`) for every code point: none above the BMP."""
    table = np.arange(0x110000, dtype=np.uint32)
    table[:0x10000] = _LUT
    return table


def _fold_codes(codes: np.ndarray) -> np.ndarray:
    """The normalisation's case and accent folding (:func:`roi.text.normalize.fold` without masks) of code points
    (``uint16`` code points of the BMP stay ``uint16``)."""
    if codes.dtype == np.uint16:
        return _fold_table()[:0x10000].astype(np.uint16)[codes]
    return _fold_table()[codes]


@functools.cache
def _char_tables() -> np.ndarray:
    """``word`` (bit 1) and ``plain`` (bit 2), by code point below :data:`_TABLE_SIZE` (the last slot, neither,
    for any above).

    ``word``: the character, folded, is a word character of the evidence
    (``[\\p{L}\\p{N}'<]``). ``plain``: the word splitter of :func:`roi.models.features.tokenize`
    (lower case, split, then accents removed) and the normalisation (:func:`roi.text.normalize.normalize`)
    read the character alike: both as a separator, or both as the same one letter. ``@`` and ``#`` are not
    plain (links, mentions and hashtags are removed by the one and masked by the other). Both are computed
    with the Arrow kernels that the two paths use, on every code point, once, and kept on disk for later
    processes (:func:`roi.prepared.prepared`).
    """
    return prepared("characters", _compute_char_tables)


def _compute_char_tables() -> np.ndarray:
    """:func:`_char_tables`, computed."""
    codes = np.arange(_TABLE_SIZE, dtype=np.uint32)
    codes = codes[(codes < 0xD800) | (codes > 0xDFFF)]
    chars = _chars(codes)
    folded = _chars(_fold_codes(codes))
    lowered = pc.utf8_lower(chars)
    word = pc.match_substring_regex(folded, r"^[\p{L}\p{N}'<]$").to_numpy(zero_copy_only=False)
    split_word = pc.match_substring_regex(lowered, r"^[\p{L}\p{N}'<3]$").to_numpy(zero_copy_only=False)
    same = pc.equal(_fold_array(lowered), folded).to_numpy(zero_copy_only=False)
    plain = (split_word == word) & (~split_word | same) & ~np.isin(codes, [ord("@"), ord("#")])
    word_table = np.zeros(_TABLE_SIZE + 1, dtype=bool)
    plain_table = np.zeros(_TABLE_SIZE + 1, dtype=bool)
    word_table[codes], plain_table[codes] = word, plain
    plain_table[0] = True  # NUL: only the separator of joined texts (none inside a text)
    flags = np.zeros(0x110000, dtype=np.uint8)  # neither above the tables
    flags[:_TABLE_SIZE + 1] = word_table.astype(np.uint8) | (plain_table.astype(np.uint8) << 1)
    return flags


@dataclass(frozen=True)
class _Split:
    """The words of a column of texts, from its folded code points.

    ``plain`` (per text): the text is read alike by the word splitter of
    :func:`roi.models.features.tokenize` and by the normalisation (every character plain in
    :func:`_char_tables`, no ``http`` nor ``www.``): its words here are those words, and
    they are the words of its normalised text. ``tokens`` holds the words of the plain texts
    only; ``start``/``end`` are each word's offsets in ``folded`` (the folded code points of
    every text, each followed by a NUL) and ``first`` the offset of each text there (``n + 1`` values).
    """

    plain: np.ndarray
    tokens: Tokens
    start: np.ndarray
    end: np.ndarray
    first: np.ndarray
    folded: np.ndarray


def _has(folded: np.ndarray, text: str) -> np.ndarray:
    """Offsets where ``text`` begins in ``folded``."""
    seq = [ord(c) for c in text]
    at = np.flatnonzero(folded[: max(len(folded) - len(seq) + 1, 0)] == seq[0])
    for j, code in enumerate(seq[1:], 1):
        at = at[folded[at + j] == code]
    return at


def _split(texts: pd.Series) -> _Split:
    """Split every text into folded words in one vectorised pass over its code points (:class:`_Split`)."""
    array = text_array(texts)
    n = len(array)
    lengths = pc.utf8_length(array).to_numpy(zero_copy_only=False).astype(np.int64)
    first = np.r_[0, np.cumsum(lengths + 1)].astype(np.int64)  # each text followed by a NUL (none inside one)
    codes = np.zeros(0, dtype=np.uint16)
    if n:
        joined = pc.binary_join(pa.LargeListArray.from_arrays(pa.array([0, n], pa.int64()), array),
                                pa.scalar("\x00", pa.large_string()))
        offsets = np.frombuffer(joined.buffers()[1], dtype=np.int64)[joined.offset:joined.offset + 2]
        if offsets[1] > offsets[0]:
            text = str(memoryview(joined.buffers()[2])[offsets[0]:offsets[1]], "utf-8")
            codes = np.frombuffer(text.encode("utf-16-le"), dtype=np.uint16)  # half the memory of UTF-32
            if len(codes) != len(text):  # characters above the BMP (emoji): two UTF-16 units, so UTF-32
                codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
            del text
    folded = _fold_codes(codes)
    flags = _char_tables()[codes]
    word = (flags & 1).view(np.int8)
    odd = np.concatenate([np.flatnonzero(flags < 2), _has(folded, "http"), _has(folded, "www.")])
    del flags
    plain = np.ones(n, dtype=bool)
    plain[np.searchsorted(first, odd, side="right") - 1] = False
    # a word begins where a word character follows a separator (or the beginning), and ends before a separator
    size = len(word)
    step = np.zeros(size + 1, dtype=np.int8)
    if size:
        step[0] = word[0]
        np.subtract(word[1:], word[:-1], out=step[1:size])
        step[size] = -word[-1]
    del word
    start = np.flatnonzero(step == 1)
    end = np.flatnonzero(step == -1)
    del step
    rows = np.repeat(np.arange(n, dtype=np.int32 if n < 2**31 else np.int64), np.diff(np.searchsorted(start, first)))
    if not plain.all():
        keep = plain[rows]
        start, end, rows = start[keep], end[keep], rows[keep]
    # the words as Arrow strings: the UTF-8 of the folded text, cut at every word's ends
    # (UTF-8 bytes beyond one per code point before an offset: read per text, and per word in the texts that
    # have characters of several bytes)
    wide = np.flatnonzero(folded >= 0x80)
    extra = np.r_[0, np.cumsum(_utf8_size(folded[wide]) - 1)]
    bounds = np.empty(2 * len(start), dtype=np.int64)
    at = np.searchsorted(wide, first)
    base = extra[at][rows]
    bounds[0::2] = start + base
    bounds[1::2] = end + base
    del base
    mixed = np.flatnonzero((at[1:] > at[:-1])[rows])
    bounds[2 * mixed] = start[mixed] + extra[np.searchsorted(wide, start[mixed])]
    bounds[2 * mixed + 1] = end[mixed] + extra[np.searchsorted(wide, end[mixed])]
    if len(start):
        data = str(memoryview(folded), "utf-16-le" if folded.dtype == np.uint16 else "utf-32-le").encode("utf-8")
        pieces = pa.LargeStringArray.from_buffers(len(bounds) - 1, pa.py_buffer(bounds), pa.py_buffer(data))
        words = pieces.take(pa.array(np.arange(0, len(bounds) - 1, 2)))  # the words, not what lies between
        encoded = words.dictionary_encode()
        wid = encoded.indices.to_numpy(zero_copy_only=False)  # 32-bit; keys are computed in 64 bits
        vocab = encoded.dictionary
    else:
        wid, vocab = np.zeros(0, dtype=np.int64), pa.array([], pa.large_string())
    tokens = Tokens(n=n, rows=rows, wid=wid, vocab=vocab, lang=np.zeros(0, dtype=object),
                    n_words=np.zeros(0, dtype=np.int64), shape={})
    return _Split(plain, tokens, start, end, first, folded)


@dataclass(frozen=True)
class _ArrowVocabulary(_Vocabulary):
    """:class:`_Vocabulary` on an Arrow dictionary of words, looked up from the cue words' side:
    ``lookup`` maps every cue word to its position in the vocabulary (-1 when absent)."""

    lookup: dict

    @classmethod
    def of_arrow(cls, vocab: pa.Array, cues: pd.DataFrame) -> _ArrowVocabulary:
        length = pc.utf8_length(vocab).to_numpy(zero_copy_only=False).astype(np.int64)
        starts = cues.loc[cues["prefix"].to_numpy(), "words"].str[0]
        heads = pa.array(starts.str.slice(0, 3).unique().tolist(), pa.large_string())
        at = pc.index_in(pc.utf8_slice_codeunits(vocab, 0, 3), value_set=heads)
        candidates = np.flatnonzero(pc.is_valid(at).to_numpy(zero_copy_only=False) & (length >= 3))
        words = sorted({w for cue in cues["words"] for w in cue})
        found = pc.index_in(pa.array(words, pa.large_string()), value_set=vocab)
        position = pc.fill_null(found, -1).to_numpy(zero_copy_only=False).astype(np.int64)
        return cls(pd.Index([]), vocab, length, candidates, dict(zip(words, position.tolist(), strict=True)))

    def ids(self, words) -> np.ndarray:
        return np.fromiter((self.lookup.get(w, -1) for w in words), dtype=np.int64, count=len(words))


def _ranked(hits: pd.DataFrame, cues: pd.DataFrame, ids: tuple[str, ...], n: int) -> dict[str, np.ndarray]:
    """The topics of each text from its cues found, ranked as :func:`_score_regex` ranks them.

    A topic with an ``unless`` cue is dropped; the others keep their first cue (by word position, then the
    order cues were looked up in) and the sum of their points; a text's topics are ordered by points
    (most first), first position, then first appearance; a text without any gets ``otros``.
    Returns arrays ``row``, ``topic`` (position in ``ids``, ``len(ids) - 1`` for ``otros`` too),
    ``pos``, ``cue`` (-1 for ``otros``), ``points``, ``rank``.
    """
    size = len(ids)
    topic_of = pd.Index(ids).get_indexer(cues["topic"].to_numpy()).astype(np.int64)
    row, pos, cue = (hits[c].to_numpy(dtype=np.int64) for c in ("row", "pos", "cue"))
    pair = row * size + topic_of[cue]
    keep = ~np.isin(pair, pair[cues["unless"].to_numpy(dtype=bool)[cue]])
    row, pos, cue, pair = row[keep], pos[keep], cue[keep], pair[keep]
    seen = np.flatnonzero(keep)  # the order cues were looked up in
    order = np.lexsort((seen, pos, pair))  # each (text, topic) together, its first cue first
    pair, pos, cue, seen = pair[order], pos[order], cue[order], seen[order]
    first = np.flatnonzero(np.r_[True, pair[1:] != pair[:-1]]) if len(pair) else np.zeros(0, dtype=np.int64)
    weights = cues["points"].to_numpy(dtype=float)[cue]
    points = np.add.reduceat(weights, first) if len(first) else np.zeros(0)
    row, topic, pos, cue, appearance = pair[first] // size, pair[first] % size, pos[first], cue[first], seen[first]
    has = np.zeros(n, dtype=bool)
    has[row] = True
    none = np.flatnonzero(~has)
    row = np.concatenate([row, none])
    topic = np.concatenate([topic, np.full(len(none), ids.index(OTHER) if OTHER in ids else size - 1)])
    pos = np.concatenate([pos, np.full(len(none), -1)])
    cue = np.concatenate([cue, np.full(len(none), -1)])
    points = np.concatenate([points, np.zeros(len(none))])
    appearance = np.concatenate([appearance, np.full(len(none), len(keep))])
    at = np.lexsort((appearance, pos, -points, row))
    row, topic, pos, cue, points = row[at], topic[at], pos[at], cue[at], points[at]
    begins = np.r_[True, row[1:] != row[:-1]] if len(row) else np.zeros(0, dtype=bool)
    group_start = np.maximum.accumulate(np.where(begins, np.arange(len(row)), 0)) if len(row) else begins
    return {"row": row, "topic": topic, "pos": pos, "cue": cue, "points": points,
            "rank": np.arange(len(row)) - group_start}


def _word_evidence(split: _Split, vocabulary: _ArrowVocabulary, cues: pd.DataFrame, row: np.ndarray,
                   pos: np.ndarray, cue: np.ndarray) -> tuple[pa.Array, np.ndarray, np.ndarray]:
    """``matched_text``, ``start``, ``end`` of the first match of each cue ``cue`` in text ``row``.

    The evidence search (:func:`_evidence_once`) finds, in the normalised text, the first run of whole words
    equal to the cue's words (a prefix cue: the first word it begins). In a plain text those words are the
    words of :class:`_Split`, so the first match is the first run of words, up to the cue's hit at word
    ``pos``, that has the cue's word ids (or, for a prefix cue, a word that begins with it): the words before
    each hit are checked at once, and the match's offsets are read from the words' offsets.

    Parameters
    ----------
    split : _Split
        The words of the texts.
    vocabulary : _ArrowVocabulary
        Their vocabulary, with the cue words' positions.
    cues : DataFrame
        The cues (:class:`Taxonomy`).
    row, pos, cue : ndarray
        Text, word position of the hit and cue index, one per evidence asked for.

    Returns
    -------
    tuple
        ``matched_text`` (Arrow strings, folded as the normalisation folds), ``start`` and ``end``
        (offsets in code points into each text).
    """
    tokens = split.tokens
    m = len(row)
    if not m:
        return pa.array([], pa.large_string()), np.zeros(0, np.int64), np.zeros(0, np.int64)
    words, prefix = cues["words"].to_numpy(), cues["prefix"].to_numpy(dtype=bool)
    used = np.unique(cue)
    size = np.zeros(len(cues), dtype=np.int64)
    word_id = np.full((len(cues), 3), -1, dtype=np.int64)
    size[used] = [len(words[c]) for c in used]
    for j in range(3):
        ok = used[size[used] > j]
        word_id[ok, j] = vocabulary.ids([words[c][j] for c in ok])
    # the words a prefix cue begins: (word id, prefix id) of the words that can begin one (vocabulary.candidates)
    heads = sorted({words[c][0] for c in used[prefix[used]]})
    head_id = np.full(len(cues), -1, dtype=np.int64)
    head_index = pd.Index(heads)
    head_id[used[prefix[used]]] = head_index.get_indexer([words[c][0] for c in used[prefix[used]]])
    begins = [np.zeros(0, dtype=np.int64)]
    cand = vocabulary.candidates
    for length in sorted({len(h) for h in heads}):
        same = pa.array([h for h in heads if len(h) == length], pa.large_string())
        at = cand[vocabulary.length[cand] >= length]
        found = pc.index_in(pc.utf8_slice_codeunits(vocabulary.text.take(pa.array(at)), 0, length), value_set=same)
        hit = pc.is_valid(found).to_numpy(zero_copy_only=False)
        begins.append(at[hit] * max(len(heads), 1) + head_index.get_indexer(
            pc.utf8_slice_codeunits(vocabulary.text.take(pa.array(at[hit])), 0, length).to_pylist()))
    begin_keys = np.unique(np.concatenate(begins))
    last = len(tokens.wid) - 1

    def first_match(which: np.ndarray, at: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The first word ``at`` (in order) where the cue of pair ``which`` matches, for each pair that has one."""
        c, r = cue[which], row[which]
        match = np.ones(len(at), dtype=bool)
        exact = ~prefix[c]
        for j in range(3):
            need = size[c] > j
            near = np.minimum(at + j, last)
            match &= ~need | ((tokens.rows[near] == r) & (at + j <= last))
            match &= ~(need & exact) | (tokens.wid[near] == word_id[c, j])
        if heads:
            match &= exact | np.isin(tokens.wid[at].astype(np.int64) * len(heads) + head_id[c], begin_keys)
        hit = np.flatnonzero(match)
        pairs, first = np.unique(which[hit], return_index=True)
        return pairs, at[hit[first]]

    # every word from the text's first one up to the hit: every (text, cue) matches at its hit at least
    first_word = np.searchsorted(tokens.rows, row, side="left")
    _, at = first_match(np.repeat(np.arange(m), pos - first_word + 1), _ranges(first_word, pos + 1))
    begin = split.start[at]
    stop = split.end[at + size[cue] - 1]
    # the matched text: the folded code points of each match, to UTF-8
    codes = split.folded[_ranges(begin, stop)]
    data = str(memoryview(codes), "utf-16-le" if codes.dtype == np.uint16 else "utf-32-le").encode("utf-8")
    width = _utf8_size(codes)
    bounds = np.r_[0, np.cumsum(width)[np.cumsum(stop - begin) - 1]].astype(np.int64)
    matched = pa.LargeStringArray.from_buffers(m, pa.py_buffer(bounds), pa.py_buffer(data))
    return matched, begin - split.first[row], stop - split.first[row]


def _score(texts: pd.Series, languages: np.ndarray, cues: pd.DataFrame, ids: tuple[str, ...],
           evidence: bool = True) -> pd.DataFrame:
    """Topics of each text (positions ``row`` of ``texts``), ranked: ``row``, ``topic``, ``rank``, ``points``,
    ``source`` (``text`` or ``none``), ``matched_text``, ``start``, ``end``; ``otros`` for a text without any.

    Plain texts (:class:`_Split`: nearly all) are read on the word path: one split gives the words scored
    and, when ``evidence`` is asked for, the offsets of the evidence. The others (links, mentions, hashtags,
    characters the two readings fold differently) are scored by :func:`_score_regex`. Both give the same
    rows (tested); without ``evidence``, ``matched_text``/``start``/``end`` are left missing.
    """
    n = len(texts)
    split = _split(texts)
    plain = np.flatnonzero(split.plain)
    tokens = split.tokens
    lang_code, langs = pd.factorize(languages[plain] if len(plain) else np.zeros(0, dtype=object))
    codes = np.full(n, -1, dtype=np.int64)
    codes[plain] = lang_code
    layer = cues.groupby(["lang", "words", "prefix"], sort=False).cumcount().to_numpy()
    vocabulary = _ArrowVocabulary.of_arrow(tokens.vocab, cues)
    hits = pd.concat([_hits(tokens, cues[layer == i], codes, langs, vocabulary)
                      for i in range(int(layer.max(initial=0)) + 1)], ignore_index=True)
    found = _ranked(hits, cues, ids, n)
    # the plain texts' rows, then those of the others from the reference path
    take = split.plain[found["row"]]
    row, topic, pos, cue = found["row"][take], found["topic"][take], found["pos"][take], found["cue"][take]
    points, rank = found["points"][take], found["rank"][take]
    from_text = cue >= 0
    m = len(row)
    matched = pa.nulls(m, pa.large_string())
    start = np.zeros(m, dtype=np.int64)
    end = np.zeros(m, dtype=np.int64)
    missing = np.ones(m, dtype=bool)
    if evidence:
        text_at = np.flatnonzero(from_text)
        words, begin, stop = _word_evidence(split, vocabulary, cues, row[text_at], pos[text_at], cue[text_at])
        index = np.full(m, -1, dtype=np.int64)
        index[text_at] = np.arange(len(text_at))
        matched = words.take(pa.array(index, mask=index < 0))
        start[text_at], end[text_at], missing[text_at] = begin, stop, False
    labels = pd.array(list(ids), dtype=pd.StringDtype(na_value=np.nan))  # taken as Arrow strings, no Python ones
    sources = pd.array(["none", "text"], dtype=pd.StringDtype(na_value=np.nan))
    out = pd.DataFrame({"row": row, "topic": labels.take(topic), "rank": rank, "points": points,
                        "source": sources.take(from_text.astype(np.int64)),
                        "matched_text": pd.array(matched, dtype=pd.StringDtype("pyarrow")),
                        "start": pd.arrays.IntegerArray(start, missing.copy()),
                        "end": pd.arrays.IntegerArray(end, missing.copy())})
    other = np.flatnonzero(~split.plain)
    if not len(other):
        return out
    rest = _score_regex(texts.iloc[other].reset_index(drop=True), languages[other], cues, ids, evidence)
    rest["row"] = other[rest["row"].to_numpy()]
    both = pd.concat([out, rest], ignore_index=True)
    return both.iloc[np.lexsort((both["rank"].to_numpy(), both["row"].to_numpy()))].reset_index(drop=True)


def purpose(messages: pd.DataFrame, config: Config | str | None = None) -> pd.DataFrame:
    """What the administration publishes: the purpose of each official post that is not a reply.

    Proactive posts are official messages (``is_official``) without a ``parent_id``.
    Their purposes come from the ``[purposes]`` cues of the taxonomy files, scored as
    topics are (strong 2, cue 1, weak 0.5; ``unless`` rules a purpose out; most points
    first): ``decisiones`` (agreements, budgets, plenary decisions, regulations),
    ``estado_servicio`` (service status, incidents, closures, works, cuts, timetable
    changes), ``resultados`` (figures and outcomes of policies), ``participacion``
    (consultations, surveys, participatory budgets), ``agradecimientos_actos`` (thanks,
    commemorations, symbolic acts), ``eventos`` (agenda, culture, leisure); ``otros``
    when nothing fits. ``config`` is accepted for symmetry with :func:`assign` (the
    purposes have no configuration yet).

    Returns
    -------
    DataFrame
        The columns of :func:`assign` with ``purpose`` in place of ``topic``: one row per
        proactive post and purpose found, the first of each post its main purpose.
    """
    _check(messages)
    as_config(config)
    official = messages["is_official"].fillna(False).to_numpy(dtype=bool) if "is_official" in messages else \
        np.zeros(len(messages), dtype=bool)
    no_parent = messages["parent_id"].isna().to_numpy() if "parent_id" in messages else np.ones(len(messages), bool)
    posts = messages[official & no_parent]
    version, rows = _default("purposes")
    cues = pd.DataFrame(rows, columns=["lang", "words", "prefix", "topic", "points", "unless"])
    return _classify(posts, cues, PURPOSES, {}, version, "purpose")


def main_purposes(messages: pd.DataFrame, config: Config | str | None = None) -> pd.Series:
    """The main purpose of each proactive post (the first row of :func:`purpose`), on the posts' index."""
    found = purpose(messages, config)
    main = found["purpose"].to_numpy()[(found["rank"] == 0).to_numpy()]
    official = messages["is_official"].fillna(False).to_numpy(dtype=bool) if "is_official" in messages else \
        np.zeros(len(messages), dtype=bool)
    no_parent = messages["parent_id"].isna().to_numpy() if "parent_id" in messages else np.ones(len(messages), bool)
    return pd.Series(main, index=messages.index[official & no_parent], name="purpose", dtype="string")


def informing_share(messages: pd.DataFrame, config: Config | str | None = None) -> dict[str, float | int]:
    """Share of proactive posts that inform: main purpose among :data:`INFORMING`.

    ``share = n_informing / n_posts`` over the official posts that are not replies, with
    its base ``n_posts`` (NaN when there are none). Per group, it is the transparency
    indicator ``share_informing_posts`` (:func:`roi.transparency.summarize`).
    """
    main = main_purposes(messages, config)
    n, k = len(main), int(main.isin(INFORMING).sum())
    return {"n_posts": n, "n_informing": k, "share": k / n if n else float("nan")}


def main_topics(messages: pd.DataFrame, config: Config | str | None = None) -> pd.Series:
    """The main topic of each message (the first row of :func:`assign`), on the messages' index."""
    found = _assign(messages, config, evidence=False)
    main = found["topic"].to_numpy()[(found["rank"] == 0).to_numpy()]
    return pd.Series(main, index=messages.index, name="topic", dtype="string")


def thread_topics(messages: pd.DataFrame, config: Config | str | None = None) -> pd.Series:
    """The topic of each message's thread, on the messages' index: what every family groups by.

    The thread's topic is the main topic of its first citizen message (``is_official``
    False) that has one, else of its first message that has one, else ``otros``
    (threads are ``(channel, account, thread_id)``, order ``created_at``).
    """
    main = main_topics(messages, config).to_numpy()
    keys = [messages[c] for c in ("channel", "account", "thread_id") if c in messages]
    if not keys:
        raise RoiError("the message table has no thread_id column", field="thread_id",
                       fix="pass the message table of roi.load (docs/schema.md)")
    thread = first_of_each(*keys)[0]  # per-column codes combined: no tuple per message
    order = pd.DataFrame({
        "thread": thread,
        "other": main == OTHER,
        "official": messages["is_official"].to_numpy(dtype=bool) if "is_official" in messages else False,
        # instants as datetime64 (UTC): the same order, without a Python object per message
        "at": messages["created_at"].to_numpy("datetime64[ns]") if "created_at" in messages else 0,
        "topic": main,
    }).sort_values(["thread", "other", "official", "at"], kind="stable")
    first = order.drop_duplicates("thread").set_index("thread")["topic"]
    return pd.Series(first.reindex(thread).to_numpy(), index=messages.index, name="topic", dtype="string")


def message_topics(messages: pd.DataFrame, config: Config | str | None = None) -> pd.Series:
    """The topic each message is counted under: its thread's topic (:func:`thread_topics`).

    This is the ``topic`` grouping of every family and of ``roi.indicators(by=("topic", ...))``:
    a citizen's message, the official answers to it and the other messages of its thread
    share one topic. On the messages' index, ``string`` dtype.

    Examples
    --------
    >>> m = pd.DataFrame({"message_id": ["1", "2"], "channel": "x", "account": "ayto", "thread_id": "t",
    ...                   "is_official": [False, True], "text": ["Farola fundida", "Gracias, avisamos"],
    ...                   "created_at": pd.to_datetime(["2026-01-01", "2026-01-02"], utc=True)})
    >>> message_topics(m).tolist()
    ['alumbrado', 'alumbrado']
    """
    return thread_topics(messages, config)


#: Where :func:`shared_topics` keeps the topics in the shared threads (:meth:`roi.threads.Threads.memo`).
KEY = ("topics.message_topics",)


def shared_topics(threads) -> pd.Series:
    """:func:`message_topics` of a :class:`roi.threads.Threads`' messages, found once for it (by row)."""
    return threads.memo(KEY, threads.config,
                        lambda: message_topics(threads.table, threads.config))


def topic_column(frame: pd.DataFrame, messages: pd.DataFrame, config: Config | str | None = None, *,
                 threads=None) -> np.ndarray:
    """The topic of each row of a family's per-message table (``speed.detail``, ``empathy.score``...).

    A row carries ``channel``, ``account`` and ``thread_id`` (its thread's topic), or, without
    ``thread_id``, ``message_id`` (the topic of that message, :func:`message_topics`). The
    topics of ``messages`` are computed once per :class:`roi.threads.Threads` when ``threads``
    is given (``roi.indicators`` passes one), else here. A row whose key is not among the
    messages (never for a table built from them) gets ``otros``.
    """
    from roi.threads import _codes, _first_position  # the thread machinery; no import cycle at load time

    if threads is not None:
        shared = threads.check(messages)
        topics = shared_topics(shared)
        table = shared.table
    else:
        table = messages.reset_index(drop=True)
        topics = message_topics(table, config)
    key = "thread_id" if "thread_id" in frame else "message_id"
    missing = [c for c in ("channel", "account", key) if c not in frame]
    if missing:
        raise RoiError(f"the table to group by topic has no column(s) {missing}", field=missing[0],
                       fix="group a family's per-message table (it carries channel, account and thread_id)")
    n = len(table)
    codes = _codes(*(pd.concat([table[c].astype("string"), frame[c].astype("string")], ignore_index=True)
                     for c in ("channel", "account", key)))
    at = _first_position(codes[:n], codes[n:])
    values = np.append(topics.to_numpy(dtype=object), OTHER)  # slot -1: not found
    return values[at]
