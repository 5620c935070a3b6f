"""``roi labels sample`` and ``roi train``: the command-line side of :mod:`roi.models.labels`."""

from __future__ import annotations

import sys
from pathlib import Path

from roi.errors import RoiError

__all__ = ["add_parsers"]


def _cmd_labels_sample(args) -> int:
    from roi.cli import _atomic_write, _check_outputs
    from roi.csvout import write_csv
    from roi.load import load
    from roi.models.labels import sample

    config = Path(args.config)
    if not config.is_file():
        raise RoiError(f"configuration file {config} not found. How to fix: pass the administration's TOML with --config.")
    inputs = [Path(f) for f in args.files] or [config.parent]
    out = Path(args.out)
    _check_outputs([("--out", out)], [p for p in inputs if p.is_file()])
    for folder in (p.resolve() for p in inputs if p.is_dir()):
        if folder == out.resolve().parent or folder in out.resolve().parents:
            raise RoiError(f"--out {out} is inside the input folder {folder}: the next run would read it as an export. "
                           "How to fix: write the labels elsewhere, e.g. --out ../labels.csv.")
    loaded = load(inputs, config)
    table = sample(loaded.messages, n=args.n, seed=args.seed)
    _atomic_write(out, lambda p: write_csv(table, p))  # formula cells neutralised (roi.csvout)
    kinds = table["kind"].value_counts().to_dict()
    print(f"wrote {len(table)} messages to label ({kinds.get('reply', 0)} replies, {kinds.get('citizen', 0)} citizen "
          f"messages) to {out}; fill in the columns courtesy (0-4), emotional_reaction, interpretation, exploration "
          "(0-2), polarity (-1/0/1), hostility (0/1), then run: roi train --labels " + str(out))
    return 0


def _cmd_train(args) -> int:
    from roi.config import as_config
    from roi.models.labels import train

    config = as_config(args.config) if args.config else None
    figures = train(args.labels, args.out, base=not args.from_scratch, k=args.folds, config=config)
    for row in figures.itertuples():
        if row.metric:
            print(f"{row.judgment}: {row.n} labels; {row.metric} out of fold {row.cv_new:.3f} "
                  f"(the model in use on the same rows: {row.cv_shipped:.3f}) -> {row.file}")
        else:
            print(f"{row.judgment}: {row.n} labels {row.file}", file=sys.stderr)
    print(f'to use them, add to the configuration:\n[models]\ndir = "{Path(args.out).resolve()}"')
    return 0


def add_parsers(sub) -> None:
    """Add ``labels`` and ``train`` to the ``roi`` command's subparsers."""
    p = sub.add_parser("labels", help="a sample of the administration's own messages for people to label")
    labels = p.add_subparsers(dest="labels_command", required=True)
    q = labels.add_parser("sample", help="write a stratified, redacted sample of replies and citizen messages to a CSV")
    q.add_argument("files", nargs="*", help="export files or folders (default: the config's folder)")
    q.add_argument("--config", required=True, help="the administration's TOML config")
    q.add_argument("--n", type=int, default=400, help="messages to sample (default 400: half replies, half citizen)")
    q.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    q.add_argument("--out", default="labels.csv", help="the CSV to write (default labels.csv)")
    q.set_defaults(func=_cmd_labels_sample)

    p = sub.add_parser("train", help="fit the text judgment models on labels people filled in")
    p.add_argument("--labels", required=True, help="the CSV written by roi labels sample, filled in")
    p.add_argument("--out", default="models", help="folder for the model files (default models/)")
    p.add_argument("--config", help="the configuration (its [models] are the starting point)")
    p.add_argument("--folds", type=int, default=5, help="cross-validation folds for the figures (default 5)")
    p.add_argument("--from-scratch", action="store_true", help="do not start from the models in use")
    p.set_defaults(func=_cmd_train)
