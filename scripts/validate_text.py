"""Measure roi's text rules against labelled real data and write ``docs/validation.md``.

Usage (from the repository root)::

    python scripts/validate_text.py [--shared PATH] [--output docs/validation.md]

``--shared`` is the folder of third-party data (default ``../shared/data`` beside the
repository). The data are read in place and never copied; no text from them is written.

Each data set has one function that returns a Markdown section; :data:`VALIDATIONS`
lists them in report order. To add a data set, write a function taking the shared
folder and returning ``Section`` and append it to the list.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import stats

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from roi.empathy import POINTS  # noqa: E402
from roi.text import LEXICON_VERSION  # noqa: E402
from roi.text.engine import match_texts  # noqa: E402


@dataclass
class Section:
    """One data set's part of the report."""

    title: str
    body: str


def _markers(texts: pd.Series, lang: str, families=None) -> pd.DataFrame:
    return match_texts(texts.astype("string").fillna(""), pd.Series(lang, index=range(len(texts)), dtype="string"),
                       families)


def _flags(found: pd.DataFrame, n: int, family: str) -> np.ndarray:
    out = np.zeros(n, dtype=bool)
    out[found.loc[found["family"] == family, "row"].to_numpy()] = True
    return out


def politeness_score(texts: pd.Series, lang: str) -> tuple[np.ndarray, np.ndarray]:
    """The empathy score's formula on texts alone (no parent, so every marker is weak), and whether any marker fired."""
    found = _markers(texts, lang)
    n = len(texts)
    if not len(found):
        return np.zeros(n), np.zeros(n, dtype=bool)
    base = found["family"].astype("string").map(POINTS).to_numpy(dtype=float) * found["weight"].to_numpy(dtype=float)
    found = found.assign(points=base, rank=base * np.sign(base))
    best = found.sort_values(["row", "family", "rank"], ascending=[True, True, False]).drop_duplicates(["row", "family"])
    total = best.groupby("row")["points"].sum().reindex(range(n), fill_value=0.0).to_numpy()
    covered = np.zeros(n, dtype=bool)
    covered[found["row"].to_numpy()] = True
    return np.clip(total, 0, 100), covered


def _table(rows: list[dict]) -> str:
    frame = pd.DataFrame(rows)
    head = "| " + " | ".join(frame.columns) + " |"
    rule = "|" + "|".join("---" for _ in frame.columns) + "|"
    lines = [head, rule]
    for _, r in frame.iterrows():
        cells = [f"{v:.1e}" if name == "p" else f"{v:.3f}" if isinstance(v, float)
                 else f"{v:,}" if isinstance(v, int | np.integer) else str(v) for name, v in r.items()]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def epitome(shared: Path) -> Section:
    """EPITOME (English, Reddit mental-health support): our three EPITOME families vs level > 0."""
    folder = shared / "labelled" / "epitome"
    rows = []
    for family, name in (("emotional_reaction", "emotional-reactions"), ("interpretation", "interpretations"),
                         ("exploration", "explorations")):
        data = pd.read_csv(folder / f"{name}-reddit.csv")
        texts = data["response_post"].astype("string").fillna("")
        truth = data["level"].to_numpy() > 0
        found = _markers(texts, "en", (family,))
        pred = _flags(found, len(texts), family)
        tp = int((pred & truth).sum())
        precision = tp / pred.sum() if pred.sum() else float("nan")
        recall = tp / truth.sum() if truth.sum() else float("nan")
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else float("nan")
        strong = data["level"].to_numpy() == 2
        rows.append({"family": family, "n": len(texts), "human level > 0": float(truth.mean()),
                     "flagged (coverage)": float(pred.mean()), "precision": precision, "recall": recall, "F1": f1,
                     "recall on level 2": float((pred & strong).sum() / strong.sum()) if strong.sum() else float("nan")})
    body = (
        "Responses to help-seeking posts, each labelled 0 (none), 1 (weak) or 2 (strong) for each\n"
        "mechanism. Our family fires or not on the response alone (English lexicon); a hit counts as\n"
        "level > 0. Coverage is the share of responses where the family fired. These are peer-support\n"
        "posts, not public-service replies: the lexicons were written for the latter, so these figures\n"
        "show how the rules carry over to another genre; the lexicons were not tuned on this set.\n\n"
        + _table(rows)
    )
    return Section("EPITOME empathy mechanisms (English)", body)


def politeness_es(shared: Path) -> Section:
    """Spanish holistic politeness (labels 0-4): Spearman correlation of our score with the human label."""
    folder = shared / "labelled" / "politeness_es"
    rows = []
    for split in ("train", "val"):
        path = next(folder.glob(f"spanish_{split}_*.csv"))
        data = pd.read_csv(path)
        texts = data["Utterance"].astype("string").fillna("")
        labels = data["labels"].to_numpy(dtype=float)
        score, covered = politeness_score(texts, "es")
        rho, p = stats.spearmanr(score, labels)
        rho_cov = stats.spearmanr(score[covered], labels[covered])[0] if covered.sum() > 2 else float("nan")
        rows.append({"split": split, "n": len(texts), "coverage": float(covered.mean()), "Spearman rho": float(rho),
                     "p": float(p), "rho where a marker fired": float(rho_cov),
                     "mean label, marker": float(labels[covered].mean()) if covered.any() else float("nan"),
                     "mean label, none": float(labels[~covered].mean())})
    data = pd.concat([pd.read_csv(p) for p in sorted(folder.glob("spanish_*.csv"))], ignore_index=True)
    found = _markers(data["Utterance"].astype("string").fillna(""), "es")
    labels = data["labels"].to_numpy(dtype=float)
    per_family = []
    for family in POINTS:
        flag = _flags(found, len(data), family)
        if flag.sum():
            per_family.append({"family": family, "utterances": int(flag.sum()), "mean label with": float(labels[flag].mean()),
                               "mean label without": float(labels[~flag].mean())})
    body = (
        "Spanish Wikipedia talk-page utterances with a politeness label from 0 to 4 (mean of annotators).\n"
        "Our score is the empathy score's formula applied to the utterance alone (no citizen message,\n"
        "so every marker is weak); coverage is the share of utterances with at least one marker.\n\n"
        + _table(rows) + "\n\nPer family (train and val together):\n\n" + _table(per_family)
    )
    return Section("Spanish politeness (labels 0-4)", body)


def stanford_politeness(shared: Path) -> Section:
    """Stanford Politeness Corpus (English requests): Spearman correlation with the normalised score."""
    folder = shared / "labelled" / "stanford_politeness"
    rows = []
    for name in ("wikipedia", "stack-exchange"):
        data = pd.read_csv(folder / f"{name}.annotated.csv")
        texts = data["Request"].astype("string").fillna("")
        target = data["Normalized Score"].to_numpy(dtype=float)
        score, covered = politeness_score(texts, "en")
        rho, p = stats.spearmanr(score, target)
        rows.append({"community": name, "n": len(texts), "coverage": float(covered.mean()), "Spearman rho": float(rho),
                     "p": float(p),
                     "mean score, marker": float(target[covered].mean()) if covered.any() else float("nan"),
                     "mean score, none": float(target[~covered].mean())})
    body = (
        "Requests from Wikipedia and Stack Exchange with a politeness score normalised per annotator.\n"
        "Same score as above, English lexicon.\n\n" + _table(rows)
    )
    return Section("Stanford politeness (English)", body)


def sentiment_es(shared: Path) -> Section:
    """SentiMP-21 (Spanish): roi.sentiment labels against people's (see validate_sentiment.py)."""
    import validate_sentiment  # beside this script

    title, body = validate_sentiment.section(validate_sentiment.validate(shared)).split("\n", 1)
    return Section(title.removeprefix("## "), body.strip("\n"))


def judgment_models(shared: Path) -> Section:
    """The judgment models (roi.models) on every set they can be measured on (see validate_models.py)."""
    import validate_models  # beside this script

    return Section(*validate_models.section(shared))


def topics_madrid(shared: Path) -> Section:
    """Topics (roi.topics) on Madrid's citizen requests (see validate_topics.py)."""
    import validate_topics  # beside this script

    return Section(*validate_topics.section(validate_topics.validate(shared)))


#: Data sets in report order: each a function of the shared folder returning a Section.
VALIDATIONS: list[Callable[[Path], Section]] = [judgment_models, epitome, politeness_es, stanford_politeness, sentiment_es,
                                                topics_madrid]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Measure roi's text rules on labelled data; write docs/validation.md.")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data",
                        help="folder of the shared third-party data (default: ../shared/data beside the repository)")
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "validation.md")
    args = parser.parse_args(argv)
    if not args.shared.is_dir():
        parser.error(f"no shared data folder at {args.shared}; pass --shared PATH")
    sections = []
    for validate in VALIDATIONS:
        section = validate(args.shared)
        sections.append(f"## {section.title}\n\n{section.body}\n")
        print(f"done: {section.title}")
    text = (
        "# Validation of the text rules\n\n"
        "Generated by `python scripts/validate_text.py` (run from the repository root; "
        "`--shared PATH` points at the labelled data when it is not in `../shared/data`). "
        f"Marker lexicons version {LEXICON_VERSION}. Do not edit by hand: rerun the script.\n\n"
        "The labelled sets are third-party data read in place; this page quotes none of their text.\n"
        "Figures measure agreement with people on data the rules were not written from; they are\n"
        "expected to be checked again on each administration's own replies.\n\n"
        + "\n".join(sections)
    )
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output.relative_to(ROOT) if args.output.is_relative_to(ROOT) else args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
