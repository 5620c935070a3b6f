"""The ``roi`` command line.

Commands: ``ingest`` (exports -> one Parquet message table + a rejects CSV), ``validate``
(read and report problems, write nothing), ``formats``, ``sample`` (write the bundled
sample exports), ``report``, ``disappeared`` (compare two exports), ``notebooks``
(copy the notebooks for JupyterLab), ``labels sample`` and ``train`` (text models fitted on
the administration's own labels).
"""

from __future__ import annotations

import argparse
import errno
import os
import sys
import tempfile
from pathlib import Path

from roi import __version__
from roi.csvout import write_csv
from roi.errors import RoiError

EXIT_ERROR = 2
EXIT_REJECTS = 1


def _atomic_write(path: Path, write) -> None:
    """Write through a temporary file in the same folder, then rename: never a half file.

    An error of the system (disk full, read-only, a file where a folder should be) becomes
    a :class:`RoiError` naming ``path``.
    """
    blocking = next((p for p in path.parents if p.exists() and not p.is_dir()), None)
    if blocking is not None:
        raise RoiError("is a file, not a folder", file=blocking, fix=f"write {path.name} into a folder")
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        os.close(fd)
        write(Path(tmp))
        os.replace(tmp, path)
    except BaseException as exc:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _os_error(exc, path, named=path) from None
        raise


#: errno -> (what happened, how to fix it), for errors of the operating system.
_OS_ERRORS = {
    errno.ENOSPC: ("the disk is full", "free some space, or write to another disk with --out"),
    errno.EDQUOT: ("the disk quota is used up", "free some space, or write to another disk with --out"),
    errno.EROFS: ("the file system is read-only", "write to a folder you can write to, with --out"),
    errno.EACCES: ("permission denied", "write to a folder you can write to (--out), or change its permissions"),
    errno.EPERM: ("operation not permitted", "write to a folder you can write to (--out), or change its permissions"),
    errno.ENOTDIR: ("a part of the path is a file, not a folder", "name a path whose folders are folders"),
    errno.EISDIR: ("is a folder, not a file", "name a file"),
    errno.ENOENT: ("no such file or folder, or one cannot be made there", "check the path; write to a folder you can write to"),
    errno.EEXIST: ("a file is in the way of a folder", "name a path whose folders are folders"),
    errno.ENAMETOOLONG: ("the name is too long", "choose a shorter path"),
}


def _os_error(exc: OSError, fallback, *, named=None) -> RoiError:
    """One-line :class:`RoiError` for an error of the operating system (disk full, read-only, not a folder ...),
    naming ``named``, else the file of the error, else ``fallback``."""
    problem, fix = _OS_ERRORS.get(exc.errno, (exc.strerror or str(exc) or type(exc).__name__,
                                              "check the path, its permissions and free space"))
    return RoiError(problem, file=named or exc.filename or fallback, fix=fix)


def _same_file(first: Path, second: Path) -> bool:
    try:
        return first.resolve() == second.resolve() or (first.exists() and second.exists() and first.samefile(second))
    except OSError:
        return False


def _check_outputs(outputs: list[tuple[str, Path]], inputs: list[Path]) -> None:
    """Refuse, before reading anything, an output that is a folder, one of the inputs, or another output."""
    for i, (option, path) in enumerate(outputs):
        if path.is_dir():
            raise RoiError("is a folder", file=path, field=option, fix=f"name a file with {option}")
        for source in inputs:
            if _same_file(path, source):
                raise RoiError(f"is an input file: {option} would overwrite it", file=path, field=option,
                               fix=f"write {option} to another file")
        for other_option, other in outputs[:i]:
            if _same_file(path, other):
                raise RoiError(f"{option} and {other_option} name the same file: one would overwrite the other", file=path,
                               field=option, fix=f"give {option} a file of its own")


def _note_accounts(config) -> None:
    """Say on stderr when the config lists no official account (inbound messages may then be missed)."""
    from roi.config import as_config
    from roi.threads import NO_ACCOUNTS

    if not as_config(config).accounts:
        print(f"roi: note: {NO_ACCOUNTS}", file=sys.stderr)


def _print_result(result) -> None:
    print(result.summary(), file=sys.stderr, flush=True)
    for note in result.notes:
        print(f"  note: {note}", file=sys.stderr)


def _load(args, file_errors=None):
    from roi.load import load

    return load(args.files, args.config, format=args.format, errors="raise" if args.strict else "collect",
                progress=_print_result, file_errors=file_errors)


def _cmd_ingest(args) -> int:
    from roi.load import _expand

    out = Path(args.out)
    rejects_path = Path(args.rejects) if args.rejects else out.with_name(out.stem + ".rejects.csv")
    surveys_path = out.with_name(out.stem + ".surveys.parquet")
    raw_rejects_path = rejects_path.with_suffix(".parquet")  # the rejects with every value as read (the CSV neutralises)
    _check_outputs([("--out", out), ("--rejects", rejects_path), ("rejects (Parquet)", raw_rejects_path),
                    ("surveys", surveys_path)], _expand(args.files))
    _note_accounts(args.config)
    loaded = _load(args)
    _atomic_write(out, lambda p: loaded.messages.to_parquet(p, index=False))
    _atomic_write(rejects_path, lambda p: write_csv(loaded.rejects, p))
    _atomic_write(raw_rejects_path, lambda p: loaded.rejects.to_parquet(p, index=False))
    if len(loaded.surveys):
        _atomic_write(surveys_path, lambda p: loaded.surveys.to_parquet(p, index=False))
        print(f"wrote {len(loaded.surveys)} survey answers to {surveys_path}")
    if loaded.cross_file_duplicates:
        print(f"{loaded.cross_file_duplicates} messages appeared in more than one file; kept once", file=sys.stderr)
    print(f"wrote {len(loaded.messages)} messages to {out} and {len(loaded.rejects)} rejects to {rejects_path}")
    return 0


def _cmd_validate(args) -> int:
    problems = None if args.strict else []
    _note_accounts(args.config)
    loaded = _load(args, problems)
    print(loaded.counts().to_string(index=False))
    status = 0
    if len(loaded.rejects):
        shown = loaded.rejects[["source", "reason", "field", "detail"]].head(args.show)
        print(f"\n{len(loaded.rejects)} record(s) not read as messages:")
        print(shown.to_string(index=False))
        if len(loaded.rejects) > args.show:
            print(f"... and {len(loaded.rejects) - args.show} more (roi ingest writes them all to a CSV)")
        status = EXIT_REJECTS
    if problems:  # every file that could not be read at all, one line each
        print(f"\n{len(problems)} file(s) could not be read:")
        for problem in problems:
            print(f"roi: error: {problem}", file=sys.stderr)
        return EXIT_ERROR
    if status == 0:
        print("\nall records read")
    return status


def _cmd_disappeared(args) -> int:
    from roi import exports
    from roi.load import _expand, load

    if args.out:
        _check_outputs([("--out", Path(args.out))], _expand([*args.earlier, *args.later]))
    earlier = load(args.earlier, args.config, progress=_print_result).messages
    later = load(args.later, args.config, progress=_print_result).messages
    detail = exports.disappeared(earlier, later)
    if args.out:  # written even when empty: never an earlier run's file left behind
        out = Path(args.out)
        _atomic_write(out, lambda p: write_csv(detail[detail["disappeared"]], p))
        print(f"wrote the {int(detail['disappeared'].sum())} disappeared messages (ids, no text) to {out}")
    if detail.empty:
        print("the later export covers none of the earlier one's citizen messages: nothing to compare")
        return 0
    summary = exports.summarize_detail(detail, config=args.config)
    shown = summary[["account", "channel", "period", "n_compared", "n_disappeared"]].copy()
    shown["share"] = (100 * summary["share_disappeared"]).map("{:.1f} %".format)
    print(shown.to_string(index=False))
    return 0


def _cmd_formats(args) -> int:
    from roi.io import FORMATS

    width = max(map(len, FORMATS))
    for name, description in FORMATS.items():
        print(f"{name:<{width}}  {description}")
    return 0


def _cmd_sample(args) -> int:
    from roi.sample import write_samples

    written = write_samples(Path(args.out), seed=args.seed)
    for fmt, path in written.items():
        print(f"{fmt}: {path}")
    return 0


def _cmd_report(args) -> int:
    from roi.report.run import build

    def progress(message: str) -> None:
        print(f"roi report: {message}", file=sys.stderr, flush=True)

    written = build(config=args.config, period=args.period, to=args.to, lang=args.lang, out=args.out,
                    inputs=args.inputs, comparison=args.compare, progress=progress, earlier_inputs=args.earlier_inputs)
    for folder in written:
        print(folder / "report.html")
    return 0


def _cmd_notebooks(args) -> int:
    from roi.report.notebooks import SAMPLE_FOLDER, copy_notebooks

    for path in copy_notebooks(args.out, config=args.config, force=args.force):
        print(path)
    if args.config is None:
        print(f"the notebooks read the sample council in {Path(args.out) / SAMPLE_FOLDER}; "
              "pass --config roi.toml to point them at your own", file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="roi", description="Measure the intangible return of citizen-service channels.")
    parser.add_argument("--version", action="version", version=f"roi {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    def reading(p):
        p.add_argument("files", nargs="+", help="export files or folders of them (format detected from content)")
        p.add_argument("--config", help="the administration's TOML config")
        p.add_argument("--format", default="auto", help="force a format (see roi formats)")
        p.add_argument("--strict", action="store_true", help="stop at the first bad record instead of listing it")

    p = sub.add_parser("ingest", help="read exports into one Parquet message table and a rejects CSV")
    reading(p)
    p.add_argument("--out", required=True, help="the Parquet file to write")
    p.add_argument("--rejects", help="where to list rejected records (default: beside --out)")
    p.set_defaults(func=_cmd_ingest)

    p = sub.add_parser("validate", help="read exports and list every problem; writes nothing")
    reading(p)
    p.add_argument("--show", type=int, default=20, help="rejects to show (default 20)")
    p.set_defaults(func=_cmd_validate)

    p = sub.add_parser("formats", help="list the supported input formats")
    p.set_defaults(func=_cmd_formats)

    p = sub.add_parser("sample", help="write the deterministic sample exports and config")
    p.add_argument("--out", default="data/samples", help="folder (default data/samples)")
    p.add_argument("--seed", type=int, default=2026)
    p.set_defaults(func=_cmd_sample)

    p = sub.add_parser("report", help="write the periodic HTML report, indicators.json and CSV tables")
    p.add_argument("--config", required=True, help="the administration's TOML config")
    p.add_argument("--period", required=True,
                   help='"2025-10", "2025-Q4", "2025", or previous-month / previous-quarter (in the config\'s time zone)')
    p.add_argument("--to", help="last period: write one report per period from --period to --to")
    p.add_argument("--compare", help="period to compare with (default: the previous period)")
    p.add_argument("--lang", choices=("es", "en"), help="report language (default: the config's)")
    p.add_argument("--out", default="reports", help="output folder (default reports/); each report in <out>/<period>/")
    p.add_argument("--inputs", nargs="+", help="export files (default: every export file beside the config)")
    p.add_argument("--earlier-inputs", nargs="+",
                   help="earlier exports of the same pages: the report adds the citizen comments that disappeared since")
    p.set_defaults(func=_cmd_report)

    p = sub.add_parser("disappeared", help="compare two exports: citizen comments the later one no longer holds")
    p.add_argument("--earlier", nargs="+", required=True, help="the earlier export files (or a folder)")
    p.add_argument("--later", nargs="+", required=True, help="the later export files (or a folder)")
    p.add_argument("--config", help="the administration's TOML config")
    p.add_argument("--out", help="CSV of the disappeared messages (ids and dates, no author, no text)")
    p.set_defaults(func=_cmd_disappeared)

    p = sub.add_parser("notebooks", help="copy the report and exploration notebooks into a folder, for JupyterLab")
    p.add_argument("--out", default="notebooks", help="folder (default notebooks/)")
    p.add_argument("--config", help="the administration's TOML config, written into the notebooks "
                   "(default: the sample council, written into <out>/sample)")
    p.add_argument("--force", action="store_true", help="replace notebooks already there")
    p.set_defaults(func=_cmd_notebooks)

    from roi.models.commands import add_parsers

    add_parsers(sub)  # labels sample, train
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit status (0 ok, 1 rejects found by validate, 2 error)."""
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except RoiError as exc:
        print(f"roi: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("roi: interrupted; nothing was written", file=sys.stderr)
        return 130
    except OSError as exc:
        print(f"roi: error: {_os_error(exc, getattr(args, 'out', None))}", file=sys.stderr)
        return EXIT_ERROR
    except MemoryError:
        print("roi: error: ran out of memory. How to fix: read fewer or smaller files at a time", file=sys.stderr)
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
