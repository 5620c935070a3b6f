"""Linear text models stored as plain JSON weight files, and their explanations.

A model file (``roi/models/weights/<name>.json``, or one written by ``roi train``) holds:

- ``name``, ``version``, ``task`` (``"regression"``, ``"binary"`` or ``"multiclass"``),
  ``classes`` (multiclass only);
- ``features`` (names, :mod:`roi.models.features`; ``d:`` names are the discourse
  features of :mod:`roi.models.discourse`, computed only for models that list them),
  ``weights`` (one row per feature, one column per output), ``intercept`` (one per
  output), ``shapes`` and ``lexicon_polarity`` (whether the rules of
  :func:`roi.sentiment.polarity` are a feature);
- ``card``: data and licence, attribution, figures, limitations (``roi.models.card``).

The **decision** of output *k* for a message with feature values *x* is

    d_k = intercept_k + Σ_f weights[f, k] · x_f

and the prediction is ``d`` itself (regression), ``1 / (1 + exp(-d))`` (binary) or the
softmax of the ``d_k`` (multiclass). Loading needs neither scikit-learn nor pickles.

An **explanation** lists, per message, the features with the largest
``|weights[f] · x_f|`` (their contributions), the intercept, and the rest of the features
together, so that the rows add up to the decision exactly (for a multiclass model, to
the difference of the decisions of the two classes named in ``explain``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from roi.errors import RoiError
from roi.models.discourse import discourse, uses_discourse
from roi.models.features import SHAPES, Design, design, tokenize
from roi.prepared import prepared

__all__ = ["LinearModel", "bundled", "read_model"]


def _sigmoid(d: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(d, -500, 500)))


def _softmax(d: np.ndarray) -> np.ndarray:
    e = np.exp(d - d.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


@dataclass
class LinearModel:
    """A linear model over :mod:`roi.models.features` (see the module docstring for the formula)."""

    name: str
    version: str
    task: str
    features: list[str]
    weights: np.ndarray
    intercept: np.ndarray
    classes: list[str] = field(default_factory=list)
    shapes: tuple[str, ...] = SHAPES
    lexicon_polarity: bool = False
    explain_classes: tuple[str, str] | None = None
    card: dict = field(default_factory=dict)
    source: str = ""

    # ------------------------------------------------------------------ features
    @cached_property
    def reads_discourse(self) -> bool:
        """Whether the model has discourse features (:mod:`roi.models.discourse`)."""
        return uses_discourse(self.features)

    def design(self, texts, lang="es") -> Design:
        """The message features this model reads (only those it has weights for)."""
        texts = pd.Series(texts, dtype="object") if not isinstance(texts, pd.Series) else texts
        tokens = tokenize(texts, lang)
        extra = None
        if self.lexicon_polarity:
            from roi.sentiment import lexicon_polarity

            extra = {"s:lexicon_polarity": lexicon_polarity(texts.reset_index(drop=True), lang)}
        if self.reads_discourse:
            extra = (extra or {}) | discourse(tokens, texts)
        return design(tokens, self.features, shapes=self.shapes, extra=extra)

    def decision_of(self, d: Design) -> np.ndarray:
        """``(n, outputs)`` decisions of the messages of a design."""
        out = np.tile(self.intercept.astype(float), (d.n, 1))
        for k in range(self.weights.shape[1]):
            out[:, k] += np.bincount(d.row, weights=d.value * self.weights[d.col, k], minlength=d.n)
        return out

    def predict_of(self, d: Design) -> np.ndarray:
        return self.predict_from(self.decision_of(d) - self.intercept)

    def predict_from(self, features_part: np.ndarray) -> np.ndarray:
        """The prediction from ``Σ weight × value`` per output (the intercept is added here)."""
        dec = features_part + self.intercept
        if self.task == "regression":
            return dec[:, 0]
        if self.task == "binary":
            return _sigmoid(dec[:, 0])
        return _softmax(dec)

    def decision(self, texts, lang="es") -> np.ndarray:
        return self.decision_of(self.design(texts, lang))

    def predict(self, texts, lang="es") -> np.ndarray:
        """Regression: the value; binary: the probability; multiclass: ``(n, classes)`` probabilities."""
        return self.predict_of(self.design(texts, lang))

    # ------------------------------------------------------------------ explanations
    def _direction(self) -> tuple[np.ndarray, float]:
        """Weights whose contributions add up to the explained decision."""
        if self.task != "multiclass":
            return self.weights[:, 0], float(self.intercept[0])
        plus, minus = (self.classes.index(c) for c in (self.explain_classes or (self.classes[-1], self.classes[0])))
        return self.weights[:, plus] - self.weights[:, minus], float(self.intercept[plus] - self.intercept[minus])

    def explain_of(self, d: Design, top: int = 5) -> pd.DataFrame:
        """Per message: the ``top`` features by absolute contribution, ``(other features)`` and ``(intercept)``.

        Columns ``row``, ``rank`` (1 = largest), ``feature``, ``value``, ``weight``,
        ``contribution`` (``weight × value``). Per message the contributions add up to the
        decision (:meth:`decision`; for multiclass, the difference of the explained classes).
        """
        w, b = self._direction()
        key = d.row * np.int64(len(self.features) + 1) + d.col
        uniq, inverse = np.unique(key, return_inverse=True)
        value = np.bincount(inverse, weights=d.value, minlength=len(uniq))
        row = uniq // (len(self.features) + 1)
        col = uniq % (len(self.features) + 1)
        contribution = w[col] * value
        frame = pd.DataFrame({"row": row, "col": col, "value": value, "weight": w[col], "contribution": contribution})
        frame = frame[frame["contribution"] != 0]
        frame["_abs"] = -frame["contribution"].abs()
        frame = frame.sort_values(["row", "_abs", "col"], kind="stable")
        frame["rank"] = frame.groupby("row").cumcount() + 1
        shown = frame[frame["rank"] <= top].copy()
        rest = frame[frame["rank"] > top].groupby("row")["contribution"].sum()
        features = np.asarray(self.features, dtype=object)
        shown["feature"] = features[shown["col"].to_numpy()]
        other = pd.DataFrame({"row": rest.index.to_numpy(), "rank": top + 1, "feature": "(other features)",
                              "value": np.nan, "weight": np.nan, "contribution": rest.to_numpy()})
        intercept = pd.DataFrame({"row": np.arange(d.n), "rank": top + 2, "feature": "(intercept)", "value": 1.0,
                                  "weight": b, "contribution": b})
        out = pd.concat([shown[["row", "rank", "feature", "value", "weight", "contribution"]], other, intercept],
                        ignore_index=True)
        return out.sort_values(["row", "rank"], kind="stable").reset_index(drop=True)

    def explained_decision(self, d: Design) -> np.ndarray:
        """The decision that :meth:`explain_of` adds up to, per message."""
        w, b = self._direction()
        return b + np.bincount(d.row, weights=d.value * w[d.col], minlength=d.n)

    # ------------------------------------------------------------------ files
    def to_dict(self) -> dict:
        keep = np.flatnonzero(np.abs(self.weights).max(axis=1) > 0) if len(self.features) else np.zeros(0, int)
        return {
            "name": self.name, "version": self.version, "task": self.task, "classes": self.classes,
            "shapes": list(self.shapes), "lexicon_polarity": self.lexicon_polarity,
            "explain": list(self.explain_classes) if self.explain_classes else None,
            "intercept": [round(float(v), 6) for v in self.intercept],
            "features": [self.features[i] for i in keep.tolist()],
            "weights": [[round(float(v), 6) for v in self.weights[i]] for i in keep.tolist()],
            "card": self.card,
        }

    def write(self, path: Path) -> Path:
        path = Path(path)
        path.write_text(json.dumps(self.to_dict(), ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
        return path


def _from_dict(data: dict, source: str) -> LinearModel:
    try:
        weights = np.asarray(data["weights"], dtype=float).reshape(len(data["features"]), -1) if data["features"] \
            else np.zeros((0, len(data["intercept"])))
        model = LinearModel(
            name=str(data["name"]), version=str(data["version"]), task=str(data["task"]),
            features=[str(f) for f in data["features"]], weights=weights,
            intercept=np.asarray(data["intercept"], dtype=float), classes=list(data.get("classes") or []),
            shapes=tuple(data.get("shapes", SHAPES)), lexicon_polarity=bool(data.get("lexicon_polarity", False)),
            explain_classes=tuple(data["explain"]) if data.get("explain") else None,
            card=dict(data.get("card") or {}), source=source,
        )
    except (KeyError, TypeError, ValueError) as error:
        raise RoiError(f"model file {source}: field {error} is missing or malformed. "
                       "How to fix: write the file again with roi train, or restore the shipped one.") from None
    if model.task not in ("regression", "binary", "multiclass"):
        raise RoiError(f"model file {source}: field 'task' is {model.task!r}; allowed: regression, binary, multiclass. "
                       "How to fix: write the file again with roi train.")
    if model.weights.shape[1] != len(model.intercept):
        raise RoiError(f"model file {source}: {model.weights.shape[1]} weight columns for {len(model.intercept)} intercepts. "
                       "How to fix: write the file again with roi train.")
    return model


def read_model(path: str | Path) -> LinearModel:
    """Read a model file written by ``roi train`` or shipped with roi."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RoiError(f"model file {path} not found. How to fix: check [models] in the configuration, "
                       "or run roi train to write it.") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise RoiError(f"model file {path} cannot be read ({error}). How to fix: write it again with roi train.") from None
    return _from_dict(data, str(path))


@cache
def bundled(name: str) -> LinearModel:
    """A model shipped with roi (``roi/models/weights/<name>.json``), read once and kept on disk for
    later processes (:func:`roi.prepared.prepared`)."""
    return prepared("model", lambda: _bundled(name), name)


def _bundled(name: str) -> LinearModel:
    resource = resources.files("roi.models").joinpath(f"weights/{name}.json")
    try:
        data = json.loads(resource.read_text("utf-8"))
    except FileNotFoundError:
        raise RoiError(f"roi ships no model named {name!r}. How to fix: reinstall roi, or name a model file "
                       "in [models] of the configuration.") from None
    return _from_dict(data, f"roi/models/weights/{name}.json")
