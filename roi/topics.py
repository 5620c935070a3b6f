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
from roi.models.features import Tokens, tokenize
from roi.text.normalize import normalize, text_array

__all__ = ["INFORMING", "LANGUAGES", "OTHER", "POINTS", "PURPOSES", "TOPICS", "Taxonomy", "assign", "informing_share",
           "main_purposes", "main_topics", "message_topics", "purpose", "taxonomy", "thread_topics", "topic_column"]

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
    """Version and cue rows of the ``[topics]`` (or ``[purposes]``) tables of every language file."""
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
            key = key * np.int64(len(self.index) + 1) + ids[ok, j]
        keys[ok] = key
        return keys


def _first_of(values: np.ndarray, keys: np.ndarray) -> pd.Series:
    """``values`` on ``keys``, the first value of a repeated key kept (absent keys, -1, left out)."""
    table = pd.Series(values[keys >= 0], index=keys[keys >= 0])
    return table[~table.index.duplicated()]


def _hits(tokens: Tokens, cues: pd.DataFrame, lang_code: np.ndarray, langs, vocabulary: _Vocabulary) -> pd.DataFrame:
    """Every cue found: message ``row``, word position ``pos``, cue index ``cue`` (into ``cues``) and its length ``k``."""
    rows_out, pos_out, cue_out, k_out = [], [], [], []
    word_lang = lang_code[tokens.rows]
    for code, lang in enumerate(langs):
        chosen = cues[cues["lang"] == lang]
        if chosen.empty:
            continue
        in_lang = word_lang == code
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
        cue = of_word[tokens.wid]
        ok = in_lang & (cue >= 0)
        pos = np.flatnonzero(ok)
        rows_out.append(tokens.rows[pos])
        pos_out.append(pos)
        cue_out.append(cue[pos])
        k_out.append(np.ones(len(pos), dtype=np.int64))
        for k in (2, 3):
            multi = chosen[chosen["words"].map(len) == k]
            if multi.empty:
                continue
            table = _first_of(multi.index.to_numpy(), vocabulary.keys(multi["words"].tolist()))
            if table.empty:
                continue
            start, key = tokens.pairs(k)
            sel = in_lang[start]
            at = table.index.get_indexer(key[sel])
            pos = start[sel][at >= 0]
            rows_out.append(tokens.rows[pos])
            pos_out.append(pos)
            cue_out.append(table.to_numpy()[at[at >= 0]])
            k_out.append(np.full(len(pos), k, dtype=np.int64))
    if not rows_out:
        return pd.DataFrame({"row": [], "pos": [], "cue": [], "k": []}, dtype=np.int64)
    hits = pd.DataFrame({"row": np.concatenate(rows_out), "pos": np.concatenate(pos_out),
                         "cue": np.concatenate(cue_out), "k": np.concatenate(k_out)})
    # a cue inside a longer cue that matched does not count again
    covered = np.zeros((4, len(tokens.wid) + 3), dtype=bool)  # covered[k, p]: word p inside a hit of k words
    for k in (2, 3):
        start = hits["pos"].to_numpy()[hits["k"].to_numpy() == k]
        for j in range(k):
            covered[k, start + j] = True
    longer = {1: covered[2] | covered[3], 2: covered[3]}
    keep = np.ones(len(hits), dtype=bool)
    for k, cover in longer.items():
        is_k = hits["k"].to_numpy() == k
        inside = np.zeros(len(hits), dtype=bool)
        for j in range(k):
            inside |= cover[hits["pos"].to_numpy() + j]
        keep &= ~(is_k & inside)
    return hits[keep].reset_index(drop=True)


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
            pattern = f"(?s)^(?P<pre>(?:.*?[^{_WORD}])?)(?P<m>{body})(?:[^{_WORD}]|$)"
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
    _check(messages)
    tax = taxonomy(config)
    return _classify(messages, tax.cues, tax.topics, tax.service_names, tax.version, "topic")


def _classify(messages: pd.DataFrame, cues: pd.DataFrame, ids: tuple[str, ...], service_names: dict[str, str],
              version: str, label: str) -> pd.DataFrame:
    """The rows of :func:`assign` (``label`` = ``"topic"``) or :func:`purpose` (``"purpose"``).

    A message's topics depend on its text and language alone: each distinct (text,
    language) pair is scored once (:func:`_score`) and its rows are read back for every
    message that has it; a mapped ``service_name`` then replaces a message's rows.
    """
    texts = messages["text"].reset_index(drop=True)
    languages = _languages(messages)
    text_code, _ = pd.factorize(texts.astype(object), use_na_sentinel=False)
    lang_code, _ = pd.factorize(languages)
    pair, first = np.unique(text_code.astype(np.int64) * (int(lang_code.max(initial=0)) + 1) + lang_code,
                            return_index=True)
    distinct = np.searchsorted(pair, text_code.astype(np.int64) * (int(lang_code.max(initial=0)) + 1) + lang_code)
    scored = _score(texts.iloc[first].reset_index(drop=True), languages[first], cues, ids)
    # every message takes the rows of its (text, language): rows of a pair are contiguous and ranked
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
    at = np.lexsort((found["rank"].to_numpy(), found["row"].to_numpy()))  # messages keep their order
    found = found.iloc[at].reset_index(drop=True)
    row = found["row"].to_numpy()
    return pd.DataFrame({
        "message_id": messages["message_id"].to_numpy()[row],
        "channel": messages["channel"].to_numpy()[row] if "channel" in messages else pd.NA,
        "account": messages["account"].to_numpy()[row] if "account" in messages else pd.NA,
        label: found["topic"].to_numpy(),
        "rank": found["rank"].to_numpy(dtype=np.int64),
        "points": found["points"].to_numpy(dtype=float),
        "source": found["source"].to_numpy(),
        "matched_text": found["matched_text"].array,
        "start": found["start"].array,
        "end": found["end"].array,
        "taxonomy_version": version,
    })


def _score(texts: pd.Series, languages: np.ndarray, cues: pd.DataFrame, ids: tuple[str, ...]) -> pd.DataFrame:
    """Topics of each text (positions ``row`` of ``texts``), ranked: ``row``, ``topic``, ``rank``, ``points``,
    ``source`` (``text`` or ``none``), ``matched_text``, ``start``, ``end``; ``otros`` for a text without any."""
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
    evidence = _evidence(texts, found[from_text], cues)
    matched = pd.array(np.full(len(found), None, dtype=object), dtype="string")
    start = pd.array(np.full(len(found), None, dtype=object), dtype="Int64")
    end = start.copy()
    matched[from_text], start[from_text], end[from_text] = evidence["matched_text"].array, evidence["start"].array, \
        evidence["end"].array
    return pd.DataFrame({"row": found["row"].to_numpy(dtype=np.int64), "topic": found["topic"].to_numpy(),
                         "rank": found["rank"].to_numpy(dtype=np.int64), "points": found["points"].to_numpy(dtype=float),
                         "source": found["source"].to_numpy(), "matched_text": matched, "start": start, "end": end})


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
    found = assign(messages, config)
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
    thread = pd.Series(pd.MultiIndex.from_arrays(keys).factorize()[0])
    order = pd.DataFrame({
        "thread": thread.to_numpy(),
        "other": main == OTHER,
        "official": messages["is_official"].to_numpy(dtype=bool) if "is_official" in messages else False,
        "at": messages["created_at"].to_numpy() if "created_at" in messages else 0,
        "topic": main,
    }).sort_values(["thread", "other", "official", "at"], kind="stable")
    first = order.drop_duplicates("thread").set_index("thread")["topic"]
    return pd.Series(first.reindex(thread.to_numpy()).to_numpy(), index=messages.index, name="topic", dtype="string")


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
        topics = shared.memo(("topics.message_topics",), shared.config,
                             lambda: message_topics(shared.table, shared.config))
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
