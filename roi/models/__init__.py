"""Text judgment models: courtesy, polarity, hostility and the three EPITOME mechanisms.

Acts (a greeting, an apology, an offer of help...) are lexicon markers with evidence
(:mod:`roi.text`). *Judgments* (how courteous, how positive, how hostile a message is;
whether a reply shows an emotional reaction, an interpretation or an exploration) are
linear models over words, word prefixes, word pairs, cue families and shape
(:mod:`roi.models.features`), stored as plain JSON weight files with a card
(:mod:`roi.models.linear`), fitted by ``scripts/train_text_models.py`` on licence-clean
data, or by ``roi train`` on an administration's own labels (:mod:`roi.models.labels`).

``[models]`` in the configuration names model files that replace the shipped ones::

    [models]
    courtesy = "models/courtesy.json"     # one judgment
    dir = "models"                        # or a folder of <judgment>.json files

Every judgment can be explained: :func:`explain` lists the features that pushed each
message's decision most, with their contributions, which add up to the decision.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from roi.errors import RoiError
from roi.models.features import tokenize
from roi.models.linear import LinearModel, bundled, read_model

__all__ = ["JUDGMENTS", "LinearModel", "explain", "get", "judge", "read_model"]

#: The judgments roi ships a model for.
JUDGMENTS = ("courtesy", "polarity", "hostility", "emotional_reaction", "interpretation", "exploration")


def get(name: str, config=None) -> LinearModel:
    """The model of judgment ``name``: the file named in the configuration's ``[models]``, else the shipped one."""
    if name not in JUDGMENTS:
        raise RoiError(f"unknown judgment {name!r}. How to fix: use one of {', '.join(JUDGMENTS)}.")
    paths = getattr(config, "models", None) or {}
    if name in paths:
        return _read(paths[name])
    if "dir" in paths and (Path(paths["dir"]) / f"{name}.json").is_file():
        return _read(Path(paths["dir"]) / f"{name}.json")
    return bundled(name)


_CACHE: dict[tuple[str, float], LinearModel] = {}


def _read(path) -> LinearModel:
    path = Path(path)
    try:
        key = (str(path.resolve()), path.stat().st_mtime)
    except OSError:
        return read_model(path)  # raises the clear error
    if key not in _CACHE:
        _CACHE[key] = read_model(path)
    return _CACHE[key]


def _outputs(model: LinearModel, prediction: np.ndarray) -> dict[str, np.ndarray]:
    if model.task == "multiclass":
        classes = model.classes
        out = {f"{model.name}_{c}": prediction[:, i] for i, c in enumerate(classes)}
        if {"positive", "negative"} <= set(classes):
            out[model.name] = prediction[:, classes.index("positive")] - prediction[:, classes.index("negative")]
        return out
    if model.name == "courtesy" and model.task == "binary":
        return {"courtesy": 100.0 * prediction}
    if model.name == "courtesy":
        return {"courtesy": np.clip(25.0 * prediction, 0.0, 100.0)}  # a 0-4 rating on the 0-100 scale
    return {model.name: prediction}


def _stacked(models: tuple[LinearModel, ...]):
    """One feature list for several models and their weights side by side (so one design serves all)."""
    key = tuple(id(m) for m in models)
    if key not in _STACKS:
        features = list(dict.fromkeys(f for m in models for f in m.features))
        index = {f: i for i, f in enumerate(features)}
        outputs = sum(m.weights.shape[1] for m in models)
        weights = np.zeros((len(features), outputs))
        spans, start = [], 0
        for m in models:
            k = m.weights.shape[1]
            rows = np.fromiter((index[f] for f in m.features), dtype=np.int64, count=len(m.features))
            weights[rows, start:start + k] = m.weights
            spans.append((start, start + k))
            start += k
        shapes = tuple(dict.fromkeys(s for m in models for s in m.shapes))
        _STACKS.clear()  # keep one: a new [models] file gives new objects
        _STACKS[key] = (features, weights, spans, shapes, models)
    return _STACKS[key]


_STACKS: dict = {}


def judge(texts, lang="es", names=JUDGMENTS, config=None, *, rules: bool = False) -> pd.DataFrame:
    """Every judgment of every text, from one pass over the words.

    Returns one row per text (same index) with ``courtesy`` (0-100: ``100 × P`` for the
    shipped model; a model fitted on 0-4 ratings gives ``25 × rating``), ``polarity``
    (``P(positive) - P(negative)``) and ``polarity_<class>`` probabilities, ``hostility``
    and the probability of each EPITOME mechanism. The models' features are read once
    for all of them (one feature list, weights side by side). With ``rules``, also
    ``lexicon_polarity``: :func:`roi.sentiment.lexicon_polarity` of every text (a feature
    of the polarity model, computed once for both; languages given as lower-case codes).
    """
    texts = texts if isinstance(texts, pd.Series) else pd.Series(list(texts), dtype="object")
    models = tuple(get(name, config) for name in names)
    if len(texts) > CHUNK:  # bounded memory: the words of one chunk at a time
        codes = lang if lang is None or isinstance(lang, str) else np.asarray(pd.Series(lang, dtype="object"))
        parts = [_judge(texts.iloc[i:i + CHUNK], codes if isinstance(codes, str) or codes is None else codes[i:i + CHUNK],
                        models, rules) for i in range(0, len(texts), CHUNK)]
        return pd.concat(parts)
    return _judge(texts, lang, models, rules)


#: Texts judged at once (the words of a chunk are held in memory together). Small enough that
#: the arrays of a chunk (a few MiB each) reuse freed memory instead of being mapped afresh:
#: at 200,000 a third of the CPU time went to the kernel zeroing new pages.
CHUNK = 50_000


def _judge(texts: pd.Series, lang, models: tuple[LinearModel, ...], rules: bool = False) -> pd.DataFrame:
    from roi.models.features import design

    features, weights, spans, shapes, _ = _stacked(models)
    tokens = tokenize(texts, lang)
    extra = None
    polarity_rules = _lexicon_polarity(texts, tokens) if rules or any(m.lexicon_polarity for m in models) else None
    if any(m.lexicon_polarity for m in models):
        extra = {"s:lexicon_polarity": polarity_rules}
    if any(m.reads_discourse for m in models):
        from roi.models.discourse import discourse

        extra = (extra or {}) | discourse(tokens, texts)
    d = design(tokens, features, shapes=shapes, extra=extra)
    decision = np.zeros((d.n, weights.shape[1]))
    by_output = np.ascontiguousarray(weights.T)
    for k in range(weights.shape[1]):
        used = by_output[k] != 0
        if used.mean() < 0.5:  # a model over a few features: its entries alone (the others add exact zeros)
            rows = np.flatnonzero(used[d.col])
            decision[:, k] = np.bincount(d.row[rows], weights=d.value[rows] * by_output[k][d.col[rows]], minlength=d.n)
        else:
            decision[:, k] = np.bincount(d.row, weights=d.value * by_output[k][d.col], minlength=d.n)
    columns: dict[str, np.ndarray] = {}
    for model, (start, end) in zip(models, spans, strict=True):
        columns.update(_outputs(model, model.predict_from(decision[:, start:end])))
    if rules:
        columns["lexicon_polarity"] = polarity_rules
    return pd.DataFrame(columns, index=texts.index)


def _lexicon_polarity(texts: pd.Series, tokens) -> np.ndarray:
    """:func:`roi.sentiment.lexicon_polarity` of the texts, from the texts and white-space chunks
    the tokeniser already holds (:func:`roi.sentiment_distinct.polarity_of`)."""
    from roi.sentiment import _languages
    from roi.sentiment_distinct import polarity_of

    # the languages' codes are worked out once per distinct language of the messages
    group, languages = tokens.lang_groups()
    codes = _languages(pd.Series(languages, dtype="object"), languages, "es").to_numpy(dtype=object)
    return polarity_of(tokens._cache["texts"], None, tokens._cache["chunks"], groups=(group, codes))


def explain(texts, lang="es", names=JUDGMENTS, config=None, top: int = 5) -> pd.DataFrame:
    """Why each judgment came out as it did: the ``top`` features per text and judgment.

    Columns ``row`` (position of the text), ``judgment``, ``rank``, ``feature``,
    ``value``, ``weight``, ``contribution``. Per text and judgment, the contributions
    (with ``(other features)`` and ``(intercept)``) add up to the model's decision: the
    log-odds for a probability (``P = 1 / (1 + exp(-decision))``), the log-odds of
    positive against negative for polarity, the value itself for a rating.
    """
    texts = texts if isinstance(texts, pd.Series) else pd.Series(list(texts), dtype="object")
    frames = []
    for name in names:
        model = get(name, config)
        rows = model.explain_of(model.design(texts, lang), top=top)
        rows.insert(1, "judgment", name)
        frames.append(rows)
    return pd.concat(frames, ignore_index=True)
