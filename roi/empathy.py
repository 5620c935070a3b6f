"""Empathy and courtesy of official replies: markers, strong vs weak, a 0-100 score per reply.

Anchors (``roi/methodology.md``): EPITOME's three mechanisms (emotional reactions,
interpretations, explorations; weak or strong) and the politeness strategies of
Danescu-Niculescu-Mizil et al. (2013), whose effect sizes guide the points below.

For every official reply (an official message with a parent, :func:`roi.threads.replies`):

- **markers**: lexicon matches of the ten families (:data:`roi.text.FAMILIES`), found
  by :func:`roi.text.evidence`;
- **strong vs weak**: a marker is *strong* when its sentence also reuses the citizen's
  own content: a word (stop words and courtesy formulas removed, compared on its first
  :data:`STEM` letters, normalised) or a number from the citizen message the reply
  answers. Replies to an official message, or whose parent is not in the data, have
  only weak markers;
- **score**: each evidence row earns ``points = POINTS[family] × weight × (STRONG if
  strong else 1)``; for each family only its best row counts (the most negative one for
  negative courtesy), and ``score = clip(sum of the counted rows' points, 0, 100)``.
  The positive points add up to 80, so a reply reaches 100 only with every family
  present and strong.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from roi.config import Config, as_config
from roi.periods import check_by, period_labels
from roi.stats import bootstrap_mean_interval
from roi.text.engine import match_texts
from roi.text.language import resolve
from roi.text.lexicon import FAMILIES, LANGUAGES, stopwords
from roi.text.normalize import normalize
from roi.threads import replies

__all__ = ["POINTS", "STEM", "STRONG", "evidence", "score", "summarize"]

#: Points of one marker of each family (negative courtesy subtracts).
POINTS = {
    "greeting": 6.0,  # politeness +0.43
    "gratitude": 10.0,  # politeness +0.87, the strongest strategy
    "apology": 6.0,  # politeness +0.36
    "reassurance": 8.0,
    "personalisation": 10.0,  # restating the citizen's subject (Generalitat guide)
    "offer_help": 8.0,  # offers of help predict satisfaction (Oraby et al. 2017)
    "emotional_reaction": 12.0,  # EPITOME
    "interpretation": 12.0,  # EPITOME
    "exploration": 8.0,  # EPITOME; a direct question alone is not polite (-0.27)
    "negative_courtesy": -20.0,  # direct start -0.43, refusals without referral
}

#: Multiplier of a strong marker's points.
STRONG = 1.25

#: Letters of a word compared when looking for reuse (``farola`` = ``farolas``).
STEM = 6

_TOKEN = r"[^\W_]+"


def _reply_table(messages: pd.DataFrame, config: Config) -> tuple[pd.DataFrame, pd.DataFrame]:
    m = messages.reset_index(drop=True)
    rep = replies(m)
    pos = rep["_pos"].to_numpy()
    text = m["text"].astype("string").fillna("").iloc[pos].reset_index(drop=True)
    lang = resolve(text, m["lang"].iloc[pos].reset_index(drop=True) if "lang" in m else None, config.language)
    rep["lang"] = lang.to_numpy()
    rep["scored"] = lang.isin(LANGUAGES).fillna(False).to_numpy(dtype=bool)
    rep["answers_citizen"] = (rep["parent_in_data"] & ~rep["parent_is_official"]).to_numpy(dtype=bool)
    rep["text"] = text.to_numpy()
    parent_pos = rep["_parent_pos"].to_numpy()
    parent_text = m["text"].astype("string").fillna("").to_numpy(dtype=object)[np.maximum(parent_pos, 0)]
    rep["parent_text"] = np.where(rep["answers_citizen"], parent_text, "")
    return m, rep


def _content(tokens: pd.DataFrame) -> pd.DataFrame:
    """Keep content tokens (not a stop word of the reply's language, 3+ letters or a number); add the stem."""
    stop = {lang: stopwords(lang) for lang in tokens["lang"].dropna().unique()}
    is_stop = np.fromiter((t in stop.get(lang, ()) for t, lang in zip(tokens["token"], tokens["lang"], strict=True)),
                          dtype=bool, count=len(tokens))
    has_digit = tokens["token"].str.contains(r"\d", regex=True).to_numpy(dtype=bool)
    long = (tokens["token"].str.len() >= 3).to_numpy(dtype=bool)
    keep = ~is_stop & (long | has_digit)
    out = tokens[keep].copy()
    out["stem"] = out["token"].str.slice(0, STEM)
    return out


def _reuse(rep: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray]:
    """Sentences of each reply that reuse the citizen's content, and the count of reused stems per reply.

    Returns ``(sentences, n_reused)``: ``sentences`` has ``reply``, ``sentence_start``,
    ``reuses`` for every sentence of every reply.
    """
    n = len(rep)
    normal = normalize(pd.Series(rep["text"], dtype="string"))
    parts = normal.str.split(r"(?<=[.!?\n])", regex=True).explode()
    sentences = pd.DataFrame({"reply": parts.index.to_numpy(), "sentence": parts.fillna("").to_numpy(dtype=object)})
    lengths = sentences["sentence"].str.len().to_numpy()
    sentences["sentence_start"] = pd.Series(lengths).groupby(sentences["reply"].to_numpy()).cumsum().to_numpy() - lengths
    sentences["reuses"] = False
    n_reused = np.zeros(n, dtype=np.int64)
    cited = rep["answers_citizen"].to_numpy(dtype=bool)
    if not cited.any():
        return sentences[["reply", "sentence_start", "reuses"]], n_reused
    lang = rep["lang"].to_numpy(dtype=object)
    parent = normalize(pd.Series(rep["parent_text"], dtype="string")).str.findall(_TOKEN).explode().dropna()
    parent = pd.DataFrame({"reply": parent.index.to_numpy(), "token": parent.to_numpy(dtype=object)})
    parent = parent[cited[parent["reply"].to_numpy()]]
    parent["lang"] = lang[parent["reply"].to_numpy()]
    parent = _content(parent)[["reply", "stem"]].drop_duplicates()
    words = sentences["sentence"].str.findall(_TOKEN).explode().dropna()
    words = pd.DataFrame({"row": words.index.to_numpy(), "token": words.to_numpy(dtype=object)})
    words["reply"] = sentences["reply"].to_numpy()[words["row"].to_numpy()]
    words = words[cited[words["reply"].to_numpy()]]
    words["lang"] = lang[words["reply"].to_numpy()]
    shared = _content(words).merge(parent, on=["reply", "stem"], how="inner")
    sentences.loc[np.unique(shared["row"].to_numpy()), "reuses"] = True
    counts = shared.drop_duplicates(["reply", "stem"])["reply"].value_counts()
    n_reused[counts.index.to_numpy(dtype=np.int64)] = counts.to_numpy()
    return sentences[["reply", "sentence_start", "reuses"]], n_reused


def _points(found: pd.DataFrame, rep: pd.DataFrame) -> pd.DataFrame:
    """Add ``strong``, ``points`` and ``counts`` to the evidence rows of the replies."""
    sentences, n_reused = _reuse(rep)
    rep["n_reused_words"] = n_reused
    found = found.copy()
    if len(found):
        left = found[["row", "start"]].reset_index().sort_values("start", kind="stable")
        right = sentences.rename(columns={"reply": "row", "sentence_start": "start"}).sort_values("start", kind="stable")
        located = pd.merge_asof(left, right, on="start", by="row", direction="backward").set_index("index")
        found["strong"] = located["reuses"].reindex(found.index).fillna(False).to_numpy(dtype=bool)
    else:
        found["strong"] = pd.Series(dtype=bool)
    family = found["family"].astype("string").to_numpy(dtype=object)
    base = np.asarray([POINTS[f] for f in family], dtype=float)
    found["points"] = base * found["weight"].to_numpy(dtype=float) * np.where(found["strong"], STRONG, 1.0)
    # the counted row of each (reply, family): the largest points (the most negative for negative courtesy)
    sign = np.where(base < 0, -1.0, 1.0)
    found["_rank"] = found["points"].to_numpy() * sign
    best = found.sort_values(["row", "family", "_rank", "start"], ascending=[True, True, False, True], kind="stable")
    found["counts"] = False
    found.loc[best.drop_duplicates(["row", "family"]).index, "counts"] = True
    return found.drop(columns="_rank")


def _evidence_and_scores(messages: pd.DataFrame, config: Config) -> tuple[pd.DataFrame, pd.DataFrame]:
    _, rep = _reply_table(messages, config)
    found = match_texts(pd.Series(rep["text"], dtype="string"), pd.Series(rep["lang"], dtype="string"))
    found = _points(found, rep)
    counted = found[found["counts"]]
    total = counted.groupby("row")["points"].sum().reindex(range(len(rep)), fill_value=0.0).to_numpy()
    out = rep[["message_id", "channel", "account", "thread_id", "created_at", "parent_id", "lang", "scored",
               "answers_citizen", "n_reused_words"]].copy()
    fam = found["family"].astype("string")
    for family in FAMILIES:
        rows = found.loc[(fam == family).to_numpy(), ["row", "strong"]]
        has = np.zeros(len(rep), dtype=bool)
        has[rows["row"].to_numpy()] = True
        strong = np.zeros(len(rep), dtype=bool)
        strong[rows.loc[rows["strong"], "row"].to_numpy()] = True
        out[f"has_{family}"] = has
        if family != "negative_courtesy":
            out[f"strong_{family}"] = strong
    out["n_markers"] = np.bincount(found["row"].to_numpy(), minlength=len(rep))
    out["empathy_score"] = np.where(out["scored"], np.clip(total, 0, 100), np.nan)
    ev = found.rename(columns={"row": "_row"})
    ev.insert(0, "message_id", rep["message_id"].to_numpy()[ev["_row"].to_numpy()])
    ev.insert(1, "channel", rep["channel"].to_numpy()[ev["_row"].to_numpy()])
    ev.insert(2, "account", rep["account"].to_numpy()[ev["_row"].to_numpy()])
    ev["message_id"] = ev["message_id"].astype("string")
    ev["account"] = ev["account"].astype("string")
    return ev.drop(columns="_row").reset_index(drop=True), out


def evidence(messages: pd.DataFrame, config: Config | str | None = None) -> pd.DataFrame:
    """Every marker in every official reply, with what it earns in the score.

    Returns
    -------
    DataFrame
        The columns of :func:`roi.text.evidence` (``message_id``, ``channel``,
        ``account``, ``lang``, ``family``, ``entry``, ``weight``, ``matched_text``,
        ``start``, ``end``, ``lexicon_version``) plus ``strong`` (its sentence reuses
        the citizen's content), ``points`` (``POINTS[family] × weight × STRONG`` if
        strong) and ``counts`` (the one row per reply and family that enters the score).
        A reply's ``empathy_score`` is ``clip(sum(points where counts), 0, 100)``.
    """
    return _evidence_and_scores(messages, as_config(config))[0]


def score(messages: pd.DataFrame, config: Config | str | None = None) -> pd.DataFrame:
    """One row per official reply: the families present, strong or weak, and the 0-100 score.

    Returns
    -------
    DataFrame
        ``message_id``, ``channel``, ``account``, ``thread_id``, ``created_at``,
        ``parent_id``, ``lang`` (given or guessed), ``scored`` (its language has a
        lexicon; otherwise the score is NaN), ``answers_citizen`` (the parent is a
        citizen's message in the data), ``n_reused_words`` (distinct content stems of
        the citizen message the reply reuses), ``has_<family>`` for the ten families,
        ``strong_<family>`` for the nine positive ones, ``n_markers`` and
        ``empathy_score``. :func:`evidence` lists the rows it is built from.
    """
    return _evidence_and_scores(messages, as_config(config))[1]


def summarize(
    messages: pd.DataFrame,
    by: Sequence[str] = ("account", "channel", "period"),
    config: Config | str | None = None,
    *,
    freq: str | None = "month",
    n_resamples: int = 1000,
    seed: int = 0,
) -> pd.DataFrame:
    """Empathy of official replies per group: one row per ``by`` group.

    Columns: ``n_replies`` (official replies), ``n_scored`` (those in a language with a
    lexicon: the denominator of everything else), ``share_<family>`` for the ten
    families (share of scored replies with at least one marker of it), ``share_strong``
    (with at least one strong marker), ``empathy_mean`` (mean score) and
    ``empathy_mean_ci_low`` / ``empathy_mean_ci_high`` (95% percentile bootstrap,
    ``n_resamples`` resamples, fixed ``seed``). ``period`` is the reply's month,
    quarter or year in the configured time zone (``freq``; None puts all in ``"all"``).
    """
    config = as_config(config)
    by = check_by(by)
    s = score(messages, config)
    s["period"] = period_labels(s["created_at"], freq, config.timezone) if freq is not None else "all"
    strong_columns = [c for c in s.columns if c.startswith("strong_")]
    s["any_strong"] = s[strong_columns].any(axis=1)
    rows = []
    groups = s.groupby(by, observed=True, sort=True, dropna=False) if by else [((), s)]
    for key, g in groups:
        key = key if isinstance(key, tuple) else (key,)
        scored = g[g["scored"]]
        n = len(scored)
        row = {**dict(zip(by, key, strict=True)), "n_replies": len(g), "n_scored": n}
        for family in FAMILIES:
            row[f"share_{family}"] = scored[f"has_{family}"].mean() if n else np.nan
        row["share_strong"] = scored["any_strong"].mean() if n else np.nan
        row["empathy_mean"] = scored["empathy_score"].mean() if n else np.nan
        low, high = bootstrap_mean_interval(scored["empathy_score"].to_numpy(), n_resamples=n_resamples, seed=seed)
        row["empathy_mean_ci_low"], row["empathy_mean_ci_high"] = low, high
        rows.append(row)
    out = pd.DataFrame(rows)
    if out.empty:  # every column still there, so that readers of the table need no special case
        out = pd.DataFrame(columns=[*by, "n_replies", "n_scored", *(f"share_{f}" for f in FAMILIES), "share_strong",
                                    "empathy_mean", "empathy_mean_ci_low", "empathy_mean_ci_high"])
    return out.reset_index(drop=True)
