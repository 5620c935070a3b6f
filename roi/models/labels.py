"""An administration's own labels: a sample to label, and models fitted on what people labelled.

The administration's own replies and citizens' messages beat every corpus. Two steps:

1. :func:`sample` (``roi labels sample``) draws a stratified sample: half official
   replies, half citizen messages, each half spread over channels in proportion to their
   size (at least one message per channel where there is one), with a fixed seed. The
   texts are redacted (e-mails, phone numbers, DNI/NIE, IBANs: ``roi.report.privacy``)
   and the label columns are left empty for people to fill in:

   - ``courtesy`` 0-4 (0 rude ... 4 very courteous), replies and citizen messages;
   - ``emotional_reaction``, ``interpretation``, ``exploration`` 0/1/2 (EPITOME levels:
     none, weak, strong), replies;
   - ``polarity`` -1/0/1, citizen messages; ``hostility`` 0/1, citizen messages.

2. :func:`train` (``roi train``) fits one model per labelled column (at least
   :data:`MIN_LABELS` labels), over the features of :mod:`roi.models.features`:
   courtesy as a rating (least squares, ``courtesy = clip(25 × rating, 0, 100)``),
   mechanisms and hostility as probabilities (level > 0; hostility 1), polarity as three
   classes. With ``base=True`` the shipped model's decision is one more feature, folded
   back into the weights, so the new model starts from the shipped one and moves as far
   as the labels ask. It writes ``<judgment>.json`` files with their cards, whose
   figures are cross-validated (``k`` folds, fixed seed): the new model's agreement on
   rows it was not fitted on, beside the shipped model's on the same rows.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd

from roi.errors import RoiError
from roi.models import get
from roi.models.features import design, tokenize
from roi.models.fit import cross_validate, fit, matrix
from roi.models.linear import LinearModel
from roi.models.metrics import f1, macro_f1, spearman

__all__ = ["LABEL_COLUMNS", "MIN_LABELS", "sample", "train"]

#: The columns people fill in, with the values allowed.
LABEL_COLUMNS = {
    "courtesy": (0, 1, 2, 3, 4),
    "emotional_reaction": (0, 1, 2),
    "interpretation": (0, 1, 2),
    "exploration": (0, 1, 2),
    "polarity": (-1, 0, 1),
    "hostility": (0, 1),
}

#: Fewest labels of a judgment that ``train`` fits a model on.
MIN_LABELS = 30

_POLARITY = ("negative", "neutral", "positive")


def _allocate(sizes: pd.Series, n: int) -> pd.Series:
    """``n`` draws over strata in proportion to their sizes, at least one per non-empty stratum (largest remainders)."""
    sizes = sizes[sizes > 0]
    if sizes.empty or n <= 0:
        return pd.Series(0, index=sizes.index, dtype=int)
    share = sizes / sizes.sum() * n
    out = np.floor(share).astype(int).clip(lower=1)
    out = np.minimum(out, sizes)
    left = n - int(out.sum())
    order = (share - np.floor(share)).sort_values(ascending=False).index
    for key in order:
        if left <= 0:
            break
        if out[key] < sizes[key]:
            out[key] += 1
            left -= 1
    return out.astype(int)


def sample(messages: pd.DataFrame, n: int = 400, seed: int = 0) -> pd.DataFrame:
    """A stratified sample of official replies and citizen messages, redacted, with empty label columns.

    Columns: ``message_id``, ``channel``, ``account``, ``kind`` (``reply`` or
    ``citizen``), ``lang``, ``text`` (redacted), then the :data:`LABEL_COLUMNS`, empty.
    """
    from roi.report.privacy import redact

    if n < 1:
        raise RoiError(f"--n is {n}: a sample needs at least one message. How to fix: pass e.g. --n 400.")
    m = messages.reset_index(drop=True)
    text = m["text"].astype("string").fillna("")
    has_text = (text.str.strip().str.len() > 0).to_numpy(dtype=bool)
    official = m["is_official"].to_numpy(dtype=bool)
    reply = official & m["parent_id"].notna().to_numpy(dtype=bool)
    kinds = {"reply": np.flatnonzero(reply & has_text), "citizen": np.flatnonzero(~official & has_text)}
    rng = np.random.default_rng(seed)
    wanted = {"reply": n - n // 2, "citizen": n // 2}
    if not len(kinds["reply"]):
        wanted = {"reply": 0, "citizen": n}
    if not len(kinds["citizen"]):
        wanted = {"reply": n, "citizen": 0}
    chosen = []
    for kind, rows in kinds.items():
        if not len(rows):
            continue
        channel = m["channel"].astype(str).to_numpy()[rows]
        sizes = pd.Series(channel).value_counts().sort_index()
        for ch, k in _allocate(sizes, min(wanted[kind], len(rows))).items():
            pool = rows[channel == ch]
            chosen.append((kind, np.sort(rng.choice(pool, size=int(k), replace=False))))
    frames = []
    for kind, rows in chosen:
        part = m.iloc[rows]
        frames.append(pd.DataFrame({
            "message_id": part["message_id"].astype("string").to_numpy(),
            "channel": part["channel"].astype(str).to_numpy(),
            "account": part["account"].astype("string").to_numpy(),
            "kind": kind,
            "lang": part["lang"].astype("string").to_numpy() if "lang" in part else pd.NA,
            "text": [redact(t) for t in text.iloc[rows].tolist()],
        }))
    out = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(
        columns=["message_id", "channel", "account", "kind", "lang", "text"])
    if out.empty:
        raise RoiError("no official reply or citizen message with text to sample. How to fix: check the inputs and "
                       "[accounts] in the configuration (official messages are those of its accounts).")
    for column in LABEL_COLUMNS:
        out[column] = pd.array([pd.NA] * len(out), dtype="Int64")
    return out


def _read_labels(path: Path) -> pd.DataFrame:
    try:
        frame = pd.read_csv(path, dtype={"message_id": "string", "text": "string", "lang": "string"}, keep_default_na=True)
    except FileNotFoundError:
        raise RoiError(f"labels file {path} not found. How to fix: write it with roi labels sample, then fill it in.") from None
    except (OSError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        raise RoiError(f"labels file {path} cannot be read ({error}). How to fix: save it as UTF-8 CSV.") from None
    if "text" not in frame.columns:
        raise RoiError(f"labels file {path}, record header, field 'text': missing. How to fix: keep the columns "
                       "written by roi labels sample.")
    for column, allowed in LABEL_COLUMNS.items():
        if column not in frame.columns:
            continue
        values = pd.to_numeric(frame[column], errors="coerce")
        bad = frame[column].notna() & (values.isna() | ~values.isin(allowed))
        if bad.any():
            row = int(np.flatnonzero(bad.to_numpy())[0])
            raise RoiError(f"labels file {path}, record {row + 2}, field {column!r}: {frame[column].iloc[row]!r} is not "
                           f"one of {list(allowed)}. How to fix: write one of those values or leave the cell empty.")
        frame[column] = values.astype("Int64")
    return frame


def _task(name: str) -> tuple[str, int]:
    if name == "courtesy":
        return "regression", 1
    if name == "polarity":
        return "multiclass", 3
    return "binary", 1


def _targets(name: str, values: pd.Series) -> np.ndarray:
    v = values.to_numpy(dtype=float)
    if name == "courtesy":
        return v
    if name == "polarity":
        return (v + 1).astype(int)
    return (v > 0).astype(int)


def _agreement(name: str, y: np.ndarray, decision: np.ndarray) -> float:
    if name == "courtesy":
        return spearman(y, decision[:, 0])
    if name == "polarity":
        return macro_f1(y, decision.argmax(axis=1))
    return f1(y, (decision[:, 0] > 0).astype(int))


def _base_decision(base: LinearModel, texts: pd.Series, lang: np.ndarray) -> np.ndarray:
    """The shipped model's decision, one number per text (log-odds; positive against negative for polarity)."""
    return base.explained_decision(base.design(texts, lang))


def train(labels: str | Path, out: str | Path, *, base: bool = True, k: int = 5, seed: int = 0, l2: float = 1e-2,
          default_lang: str = "es", config=None) -> pd.DataFrame:
    """Fit one model per labelled judgment, write them into ``out``, and return their figures.

    Returns one row per judgment: ``judgment``, ``n`` (labelled rows), ``metric``
    (Spearman for courtesy, F1 for the mechanisms and hostility, macro-F1 for polarity),
    ``cv_new`` (the new model, out of fold), ``cv_shipped`` (the model in use before,
    on the same rows) and ``file``.
    """
    path = Path(labels)
    frame = _read_labels(path)
    out = Path(out)
    lang = frame["lang"].fillna(default_lang).astype(str).to_numpy(dtype=object) if "lang" in frame else \
        np.full(len(frame), default_lang, dtype=object)
    texts = frame["text"].fillna("").astype(str)
    rows, written = [], []
    for name in LABEL_COLUMNS:
        if name not in frame.columns:
            continue
        labelled = frame[name].notna().to_numpy()
        n = int(labelled.sum())
        if n < MIN_LABELS:
            if n:
                rows.append({"judgment": name, "n": n, "metric": "", "cv_new": np.nan, "cv_shipped": np.nan,
                             "file": f"(not fitted: fewer than {MIN_LABELS} labels)"})
            continue
        task, n_classes = _task(name)
        t = texts[labelled].reset_index(drop=True)
        lg = lang[labelled]
        y = _targets(name, frame.loc[labelled, name])
        shipped = get(name, config)
        extra = {"s:base": _base_decision(shipped, t, lg)} if base else None
        tokens = tokenize(t, lg)
        d = design(tokens, None, min_df=2, extra=extra)
        x = matrix(d)
        cv = cross_validate(x, y, task, k=k, seed=seed, l2=l2, n_classes=n_classes)
        shipped_decision = _shipped_decision(shipped, t, lg)
        w, b = fit(x, y, task, l2=l2, n_classes=n_classes)
        model = _fold_base(name, task, d, w, b, shipped if base else None)
        figures = {"metric": _metric_name(name), "n": n, "cv_folds": k,
                   "cv_new": round(_agreement(name, y, cv), 3),
                   "cv_shipped_same_rows": round(_agreement(name, y, shipped_decision), 3)}
        model.card = {
            "judgment": shipped.card.get("judgment", name),
            "languages": ", ".join(sorted(set(lg.tolist()))),
            "data": [f"the administration's own labels: {path.name}, {n} labelled rows "
                     f"(fitted {dt.date.today().isoformat()})"],
            "licence": ["the administration's own data"],
            "method": ("least squares on the 0-4 rating" if task == "regression" else "L2 logistic regression")
                      + f" (λ = {l2:g})" + (f", starting from the model in use ({shipped.source}, {shipped.version})"
                                             if base else ""),
            "figures": figures,
            "limitations": "Figures are cross-validated on the same labelled sample; label more messages to narrow them.",
        }
        out.mkdir(parents=True, exist_ok=True)
        file = model.write(out / f"{name}.json")
        written.append(file)
        rows.append({"judgment": name, "n": n, "metric": figures["metric"], "cv_new": figures["cv_new"],
                     "cv_shipped": figures["cv_shipped_same_rows"], "file": str(file)})
    if not written:
        raise RoiError(f"labels file {path}: no judgment has {MIN_LABELS} or more labels. How to fix: fill in at least "
                       f"{MIN_LABELS} cells of a label column ({', '.join(LABEL_COLUMNS)}).")
    return pd.DataFrame(rows)


def _metric_name(name: str) -> str:
    return {"courtesy": "spearman", "polarity": "macro_f1"}.get(name, "f1")


def _shipped_decision(shipped: LinearModel, texts: pd.Series, lang: np.ndarray) -> np.ndarray:
    """The model in use before, on the labelled rows: decisions read as :func:`_agreement` reads the new ones
    (ranks for courtesy, > 0 for a probability above one half, the largest for polarity)."""
    return shipped.decision_of(shipped.design(texts, lang))


def _fold_base(name: str, task: str, d, w: np.ndarray, b: np.ndarray, base: LinearModel | None) -> LinearModel:
    """One linear model: ``s:base`` (the base model's decision) spread over the base model's weights."""
    features = list(d.features)
    weights = np.asarray(w, dtype=float)
    intercept = np.asarray(b, dtype=float).ravel()
    explain = None
    classes = list(_POLARITY) if task == "multiclass" else []
    if task == "multiclass":
        explain = ("positive", "negative")
    if base is not None and "s:base" in features:
        col = features.index("s:base")
        alpha = weights[col].copy()
        features.pop(col)
        weights = np.delete(weights, col, axis=0)
        bw, bb = base._direction()
        index = {f: i for i, f in enumerate(features)}
        extra_names, extra_rows = [], []
        for f, v in zip(base.features, bw, strict=True):
            if f in index:
                weights[index[f]] += alpha * v
            else:
                extra_names.append(f)
                extra_rows.append(alpha * v)
        if extra_names:
            features += extra_names
            weights = np.vstack([weights, np.asarray(extra_rows).reshape(len(extra_names), -1)])
        intercept = intercept + alpha * bb
        lexicon = base.lexicon_polarity
        shapes = tuple(dict.fromkeys((*base.shapes, *_shapes_of(features))))
    else:
        lexicon = False
        shapes = _shapes_of(features)
    return LinearModel(name=name, version=f"own-{dt.date.today().isoformat()}", task=task, features=features,
                       weights=weights, intercept=intercept, classes=classes, shapes=shapes, lexicon_polarity=lexicon,
                       explain_classes=explain)


def _shapes_of(features: list[str]) -> tuple[str, ...]:
    from roi.models.features import SHAPES

    return tuple(s for s in SHAPES if f"s:{s}" in features) or SHAPES
