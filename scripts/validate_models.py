"""Agreement of roi's text judgment models with people, for docs/validation.md.

Called by ``scripts/validate_text.py``. Every figure has a 95% percentile bootstrap
interval over the messages (1,000 resamples, seed 0). Figures are on data the models were
not fitted on, except where a line says "cross-validated" (out-of-fold predictions: each
message predicted by a model fitted without its fold). No text of the sets is written.
"""

from __future__ import annotations

import sys
import zlib
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from roi.models import JUDGMENTS, get  # noqa: E402
from roi.models.features import design, tokenize  # noqa: E402
from roi.models.fit import cross_validate, fit, matrix  # noqa: E402
from roi.models.metrics import auc, bootstrap, f1, macro_f1, spearman  # noqa: E402

EPITOME = {"emotional_reaction": "emotional-reactions", "interpretation": "interpretations", "exploration": "explorations"}


def _fmt(figure: tuple[float, float, float]) -> str:
    value, low, high = figure
    return f"**{value:.3f}** [{low:.3f}, {high:.3f}]"


def _epitome_half(rp_id: pd.Series) -> np.ndarray:
    """True for the test half: the other half (CRC-32 of the response id even) was used to set intercepts."""
    return rp_id.astype(str).map(lambda s: zlib.crc32(s.encode()) % 2 == 1).to_numpy(dtype=bool)


def _xed_en(shared: Path) -> pd.DataFrame:
    frame = pd.read_csv(shared / "labelled" / "xed" / "en-annotated.tsv", sep="\t", header=None, names=["text", "labels"])
    labels = frame["labels"].astype(str).str.split(",").map(lambda values: {int(v.strip()) for v in values if v.strip()})
    frame["positive"] = labels.map(lambda s: s <= {5, 8})
    frame["negative"] = labels.map(lambda s: s <= {1, 3, 4, 6})
    frame["hostile"] = labels.map(lambda s: bool(s & {1, 3}))
    return frame


def rows(shared: Path) -> list[dict]:
    out = []
    labelled = shared / "labelled"
    # courtesy: Spanish politeness (CC-BY-NC: measurement only)
    courtesy = get("courtesy")
    for split in ("train", "val"):
        d = pd.read_csv(labelled / "politeness_es" / f"spanish_{split}_4-14.csv")
        score = courtesy.predict(d["Utterance"], "es")
        out.append({"judgment": "courtesy", "data": f"Spanish politeness, {split} split ({len(d):,} utterances, 0-4)",
                    "metric": "Spearman", "figure": _fmt(bootstrap(spearman, d["labels"].to_numpy(), score)),
                    "note": "not fitted on; the design (cue families, prior share, penalty, emoji) was chosen on this "
                            "split, so optimistic" if split == "train"
                    else "not fitted on, not used to choose anything: the held-out figure"})
    for community in ("wikipedia", "stack-exchange"):
        d = pd.read_csv(labelled / "stanford_politeness" / f"{community}.annotated.csv")
        score = courtesy.predict(d["Request"], "en")
        out.append({"judgment": "courtesy", "data": f"Stanford politeness, {community} ({len(d):,} requests, English)",
                    "metric": "Spearman", "figure": _fmt(bootstrap(spearman, d["Normalized Score"].to_numpy(), score)),
                    "note": "not fitted on; English cues only (the words were fitted on Spanish)"})
    # polarity
    import train_text_models as training

    _, cv = training.train_polarity(shared)
    out.append({"judgment": "polarity", "data": "SentiMP-21 (418 tweets, 3 classes)", "metric": "macro-F1",
                "figure": _fmt(bootstrap(macro_f1, cv["y"], cv["cv"].argmax(axis=1))),
                "note": "cross-validated, 10 folds (stage 2 is fitted on this set); the penalty was compared on the "
                        "same folds, so slightly optimistic"})
    xed = _xed_en(shared)
    polar = xed[xed["positive"] ^ xed["negative"]]
    pol = get("polarity")
    prob = pol.predict(polar["text"], "en")
    out.append({"judgment": "polarity", "data": f"XED English, annotated ({len(polar):,} lines only positive or only "
                "negative emotions)", "metric": "AUC",
                "figure": _fmt(bootstrap(auc, polar["positive"].to_numpy().astype(int), prob[:, 2] - prob[:, 0])),
                "note": "not fitted on (the Spanish projections were)"})
    # hostility
    hostility = get("hostility")
    score = hostility.predict(xed["text"], "en")
    out.append({"judgment": "hostility", "data": f"XED English, annotated ({len(xed):,} lines; anger or disgust = 1)",
                "metric": "AUC", "figure": _fmt(bootstrap(auc, xed["hostile"].to_numpy().astype(int), score)),
                "note": "not fitted on"})
    for lang in ("es", "ca"):
        path = labelled / "emotion_intensity_es_ca" / lang / "test" / "anger.txt"
        d = pd.read_csv(path, sep="\t", header=None, names=["text", "score"], quoting=3)
        score = hostility.predict(d["text"].astype(str), lang)
        out.append({"judgment": "hostility", "data": f"emotion intensity, anger, {lang} ({len(d):,} tweets, 0-1)",
                    "metric": "Spearman", "figure": _fmt(bootstrap(spearman, d["score"].to_numpy(dtype=float), score)),
                    "note": "not fitted on"})
    # EPITOME mechanisms (research licence: measurement only)
    for name, file in EPITOME.items():
        d = pd.read_csv(labelled / "epitome" / f"{file}-reddit.csv")
        y = (d["level"] > 0).astype(int).to_numpy()
        predicted = (get(name).predict(d["response_post"].astype(str), "en") > 0.5).astype(int)
        test = _epitome_half(d["rp_id"])
        out.append({"judgment": name, "data": f"EPITOME, test half ({int(test.sum()):,} responses, level > 0)",
                    "metric": "F1", "figure": _fmt(bootstrap(f1, y[test], predicted[test])),
                    "note": "not fitted on; weights set by hand, intercepts compared on the other half"})
        out.append({"judgment": name, "data": f"EPITOME, other half ({int((~test).sum()):,} responses)",
                    "metric": "F1", "figure": _fmt(bootstrap(f1, y[~test], predicted[~test])),
                    "note": "the half the intercepts were compared on"})
    return out


def own_labels_on_politeness(shared: Path) -> list[dict]:
    """What ``roi train`` reaches with in-domain labels: fitted on the politeness train split (measurement only)."""
    tr = pd.read_csv(shared / "labelled" / "politeness_es" / "spanish_train_4-14.csv")
    va = pd.read_csv(shared / "labelled" / "politeness_es" / "spanish_val_4-14.csv")
    d = design(tokenize(tr["Utterance"], "es"), None, min_df=2)
    x = matrix(d)
    y = tr["labels"].to_numpy(dtype=float)
    cv = cross_validate(x, y, "regression", k=5, seed=0, l2=1e-2)
    w, b = fit(x, y, "regression", l2=1e-2)
    val = matrix(design(tokenize(va["Utterance"], "es"), d.features)) @ w[:, 0] + b[0]
    return [
        {"judgment": "courtesy (roi train)", "data": f"Spanish politeness, train split ({len(tr):,})", "metric": "Spearman",
         "figure": _fmt(bootstrap(spearman, y, cv[:, 0])), "note": "cross-validated, 5 folds; never shipped (CC-BY-NC)"},
        {"judgment": "courtesy (roi train)", "data": f"Spanish politeness, val split ({len(va):,})", "metric": "Spearman",
         "figure": _fmt(bootstrap(spearman, va["labels"].to_numpy(), val)),
         "note": "fitted on the train split, measured on val; never shipped"},
    ]


def section(shared: Path) -> tuple[str, str]:
    table = rows(shared) + own_labels_on_politeness(shared)
    lines = ["| judgment | data | metric | figure [95% interval] | how |", "|---|---|---|---|---|"]
    lines += [f"| {r['judgment']} | {r['data']} | {r['metric']} | {r['figure']} | {r['note']} |" for r in table]
    cards = []
    for name in JUDGMENTS:
        card = get(name).card
        figures = {k: v for k, v in card.get("figures", {}).items() if k != "note"}
        cards.append(f"- `{name}` ({get(name).version}): cross-validated on its training data: "
                     + (", ".join(f"{k} {v}" for k, v in figures.items()) if figures else "none (not fitted)"))
    body = "\n".join([
        "The judgments (`roi.models`: courtesy, polarity, hostility, the three EPITOME mechanisms) against "
        "people's labels. Bold is the figure, brackets its 95% bootstrap interval over messages (1,000 "
        "resamples). A shipped model may only be fitted on licence-clean data (emo50k, XED, SentiMP-21, the "
        "emotion-intensity tweets); the other sets only measure. Cards: `docs/models.md`.",
        "",
        *lines,
        "",
        "Cross-validated figures of the shipped models on their own training data (from their cards):",
        "",
        *cards,
        "",
        "**Reading these figures.** Courtesy rests mostly on hand-set politeness-strategy weights (cue families and "
        "how a message opens), with emoji warmth (distant supervision) adding word evidence. Its design was chosen "
        "on the Spanish politeness train split, so the val line is the one to quote; it stays near what in-domain "
        "labels reach (the `roi train` lines), and an administration's own labels are what `roi labels sample` and "
        "`roi train` are for. Polarity is cross-validated on the only "
        "licence-clean three-class set; the English XED line checks it on data it never saw. The mechanisms' "
        "weights are set by hand; their test-half figures are the ones to quote.",
    ])
    return "Judgment models (roi.models)", body


def write_section(shared: Path, output: Path) -> Path:
    """Replace this module's section of ``output`` (``docs/validation.md``), leaving the other sections as they are.

    The section runs from its ``## `` heading to the next ``## `` heading; it is appended when missing.
    """
    title, body = section(shared)
    block = f"## {title}\n\n{body}\n"
    text = output.read_text(encoding="utf-8")
    heading = f"## {title}\n"
    start = text.find(heading)
    if start < 0:
        text = text.rstrip("\n") + "\n\n" + block
    else:
        end = text.find("\n## ", start + len(heading))
        text = text[:start] + block + ("\n" + text[end + 1:] if end >= 0 else "")
    output.write_text(text, encoding="utf-8")
    return output


def main(argv=None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description="Rewrite the judgment models' section of docs/validation.md.")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data", help="the labelled data folder")
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "validation.md")
    args = parser.parse_args(argv)
    if not args.shared.is_dir():
        parser.error(f"no shared data folder at {args.shared}; pass --shared PATH")
    print(f"wrote {write_section(args.shared, args.output)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
