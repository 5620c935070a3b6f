"""``roi report``: execute the report notebook, convert it to one self-contained HTML, write it atomically.

Steps, each named in an error message when it fails: *resolve periods*, *execute notebook*
(papermill, cell number given), *convert to HTML* (nbconvert, code cells hidden, images
inline, no script from any other server), *check HTML*, *write report* (the report is built
in a temporary folder beside the target and swapped into place in one step: a failed or
killed run leaves the previous report untouched; the next run removes the folder a killed
run left, :func:`clean_stale`) and *write index*.
"""

from __future__ import annotations

import ctypes
import datetime as dt
import html
import json
import os
import re
import shutil
import sys
import tempfile
import zoneinfo
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from roi.errors import RoiError
from roi.periods import parse_period
from roi.report import formatting as fmt

__all__ = ["NOTEBOOK", "NOTEBOOKS", "build", "build_one", "clean_stale", "ensure_kernel", "render_html", "resolve_periods",
           "write_index"]


def _notebooks_folder() -> Path:
    """``roi/notebooks`` in an installed package (the build copies them there), else the checkout's ``notebooks/``."""
    inside = Path(__file__).resolve().parents[1] / "notebooks"
    return inside if inside.is_dir() else Path(__file__).resolve().parents[2] / "notebooks"


#: The notebooks shipped with the package (``roi notebooks`` copies them for JupyterLab).
NOTEBOOKS = _notebooks_folder()
#: The report notebook.
NOTEBOOK = NOTEBOOKS / "periodic_report.ipynb"
TEMPLATES = Path(__file__).resolve().parent / "templates"
#: Name parts of the folders a run works in, and the file that holds its process id.
BUILDING, OLD, OWNER = ".building-", ".old-", ".owner"
KERNEL = "roi-python3"
_EXTERNAL = re.compile(r"""<(?:script|link|img|iframe|source|video|audio)\b[^>]*\b(?:src|href)\s*=\s*["']?(?:https?:)?//""",
                       re.IGNORECASE)
_CSS_IMPORT = re.compile(r"""@import\s+(?:url\()?["']?(?:https?:)?//|url\(\s*["']?(?:https?:)?//""", re.IGNORECASE)
# where CSS can act: a <style> element or a style attribute inside a tag (data in the page is escaped text: never a tag)
_CSS_PLACES = re.compile(r"""<style\b[^>]*>.*?</style>|<[a-zA-Z][^<>]*?\bstyle\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)""",
                         re.IGNORECASE | re.DOTALL)


def _say(progress, message: str) -> None:
    if progress is not None:
        progress(message)


#: Longest path of a Unix socket (``sun_path`` holds 108 bytes on Linux, 104 on macOS), with room
#: for the kernel's suffixes (``-1`` to ``-5``).
SOCKET_PATH_MAX = 96


def _kernel_sockets(folder: Path) -> dict:
    """How the report's kernel and papermill talk: over Unix sockets in ``folder`` (the build's
    own), as keyword arguments of ``papermill.execute_notebook``.

    A kernel on TCP listens on ports of the machine that any local user can reach, and
    ipykernel warns about it on every run; sockets in the build folder are files of the
    user who runs the report, gone with the folder. On Windows, or where the folder's path
    is too long for a socket (:data:`SOCKET_PATH_MAX`), the kernel keeps Jupyter's TCP default.
    """
    from traitlets.config import Config

    prefix = str(folder.resolve() / "kernel")
    if os.name != "posix" or len(os.fsencode(prefix)) > SOCKET_PATH_MAX:
        return {}
    return {"config": Config({"KernelManager": {"transport": "ipc", "ip": prefix}})}


def ensure_kernel() -> str:
    """The name of a Jupyter kernel that runs this very Python (``sys.executable``), installing one if needed.

    The kernelspec is written into this environment (``sys.prefix``), so a fresh virtual
    environment in CI works without touching the user's Jupyter setup.
    """
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    manager = KernelSpecManager()
    try:
        spec = manager.get_kernel_spec(KERNEL)
        if spec.argv and Path(spec.argv[0]) == Path(sys.executable):
            return KERNEL
    except NoSuchKernel:
        pass
    from ipykernel.kernelspec import install

    try:
        install(kernel_name=KERNEL, display_name="Python (roi)", prefix=sys.prefix)
    except OSError:
        install(kernel_name=KERNEL, display_name="Python (roi)", user=True)
    return KERNEL


def resolve_periods(period: str, to: str | None, timezone: str, today: dt.date | None = None) -> list[str]:
    """The list of periods to report: ``period`` itself, or up to ``to``; ``previous-month`` / ``previous-quarter``
    relative to ``today`` in ``timezone`` (default: now there).

    >>> resolve_periods("previous-month", None, "Europe/Madrid", dt.date(2026, 1, 15))
    ['2025-12']
    >>> resolve_periods("2025-Q3", "2025-Q4", "Europe/Madrid")
    ['2025-Q3', '2025-Q4']
    """
    def one(text: str) -> str:
        if text in ("previous-month", "previous-quarter"):
            day = today or dt.datetime.now(zoneinfo.ZoneInfo(timezone)).date()
            code = "M" if text == "previous-month" else "Q"
            label = str(pd.Period(day, freq=code) - 1)
            return label.replace("Q", "-Q") if code == "Q" else label
        return parse_period(text)[0]

    first = one(period)
    if to is None:
        return [first]
    last = one(to)
    freq, freq_last = parse_period(first)[1], parse_period(last)[1]
    if freq != freq_last:
        raise RoiError(f"--period {first} and --to {last} are not the same kind of period", field="to",
                       fix="give two months, two quarters or two years")
    code = {"month": "M", "quarter": "Q", "year": "Y"}[freq]
    start, end = (pd.Period(p.replace("-Q", "Q"), freq=code) for p in (first, last))
    if end < start:
        raise RoiError(f"--to {last} is before --period {first}", field="to", fix="give the later period in --to")
    labels = [str(p) for p in pd.period_range(start, end, freq=code)]
    return [p.replace("Q", "-Q") for p in labels] if freq == "quarter" else labels


def render_html(notebook: Path, lang: str) -> str:
    """The executed notebook as one self-contained HTML page: no code, images inline, no external request."""
    import nbformat
    from nbconvert import HTMLExporter
    from traitlets.config import Config as TConfig

    c = TConfig()
    c.TagRemovePreprocessor.remove_cell_tags = ("remove_cell",)
    c.TagRemovePreprocessor.enabled = True
    exporter = HTMLExporter(config=c, template_name="roi", extra_template_basedirs=[str(TEMPLATES)])
    exporter.exclude_input = True
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    exporter.embed_images = True
    exporter.language_code = lang
    nb = nbformat.read(notebook, as_version=4)
    nb.metadata["title"] = _title(nb)
    for cell in nb.cells:  # a stray warning on stderr names files of this machine: never part of the page
        if "outputs" in cell:
            cell.outputs = [o for o in cell.outputs if not (o.get("output_type") == "stream" and o.get("name") == "stderr")]
    body, _ = exporter.from_notebook_node(nb)
    return body


def _title(nb) -> str:
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            found = re.search(r"<h1>(.*?)</h1>", output.get("data", {}).get("text/html", ""), re.S)
            if found:
                return html.unescape(found.group(1))
    return "roi"


def check_self_contained(page: str) -> None:
    """Raise if the page would load anything from another server.

    Tags that load a source and CSS in ``<style>`` elements or ``style`` attributes are
    checked: the check guards the template; a citizen's text such as
    ``url(https://...)``, escaped in the page, loads nothing and does not stop the report.
    """
    found = _EXTERNAL.search(page) or next(
        (hit for place in _CSS_PLACES.finditer(page) if (hit := _CSS_IMPORT.search(place.group(0)))), None)
    if found:
        raise RoiError(f"step 'check HTML' failed: the report would load {found.group(0)!r} from another server",
                       fix="report this as a bug in roi's report template")


def _tail(path: Path) -> str:
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ""
    return str(nb.get("metadata", {}).get("papermill", {}).get("exception", ""))


def build_one(*, config: Path, period: str, lang: str, out: Path, inputs: list[Path] | None = None,
              comparison: str | None = None, progress: Callable[[str], None] | None = None,
              earlier_inputs: list[Path] | None = None) -> Path:
    """Build ``out/<period>/`` (report.html, indicators.json, CSV tables, the executed notebook) atomically."""
    import papermill
    from papermill.exceptions import PapermillExecutionError

    out.mkdir(parents=True, exist_ok=True)
    target = out / period
    tmp = Path(tempfile.mkdtemp(prefix=f".{period}{BUILDING}", dir=out))
    (tmp / OWNER).write_text(str(os.getpid()), encoding="utf-8")
    try:
        executed = tmp / "periodic_report.ipynb"
        _say(progress, f"{period}: executing the report notebook")
        # the notebook runs in the package's folder: every path absolute
        parameters = {"config": str(Path(config).resolve()), "period": period, "lang": lang,
                      "comparison": comparison or "", "inputs": [str(Path(p).resolve()) for p in inputs or ()],
                      "earlier_inputs": [str(Path(p).resolve()) for p in earlier_inputs or ()],
                      "output_dir": str(tmp.resolve())}
        kernel = ensure_kernel()
        saved = tempfile.tempdir
        # the kernel's connection file goes into the build folder: a killed run leaves nothing elsewhere
        tempfile.tempdir = str(tmp / ".kernel")
        Path(tempfile.tempdir).mkdir()
        try:
            papermill.execute_notebook(str(NOTEBOOK), str(executed), parameters=parameters, kernel_name=kernel,
                                       progress_bar=False, cwd=str(NOTEBOOK.parent),
                                       **_kernel_sockets(Path(tempfile.tempdir)))
        except PapermillExecutionError as exc:
            raise RoiError(f"step 'execute notebook' failed at cell {exc.exec_count or exc.cell_index} "
                           f"({exc.ename}: {_first_line(exc.evalue)})", file=NOTEBOOK.name,
                           fix="read the error above; the previous report, if any, is unchanged") from None
        finally:
            tempfile.tempdir = saved
        shutil.rmtree(tmp / ".kernel", ignore_errors=True)
        _say(progress, f"{period}: converting to HTML")
        try:
            page = render_html(executed, lang)
        except Exception as exc:  # nbconvert raises many types
            raise RoiError(f"step 'convert to HTML' failed: {exc}") from exc
        check_self_contained(page)
        (tmp / "report.html").write_text(page, encoding="utf-8")
        _say(progress, f"{period}: writing {target}")
        (tmp / OWNER).unlink()
        _readable(tmp)
        _publish(tmp, target)
        return target
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders in one atomic step (Linux ``renameat2(RENAME_EXCHANGE)``); False where unsupported."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange) == 0


def _publish(built: Path, target: Path) -> None:
    """Put the folder ``built`` in place of ``target``: an atomic swap where the system has one; elsewhere the
    earlier report is moved aside first (a run killed in between has it restored by :func:`clean_stale`)."""
    if not target.exists():
        os.replace(built, target)
    elif _exchange(built, target):
        shutil.rmtree(built, ignore_errors=True)
    else:
        aside = Path(tempfile.mkdtemp(prefix=f".{target.name}{OLD}", dir=target.parent))
        os.replace(target, aside / target.name)
        os.replace(built, target)
        shutil.rmtree(aside, ignore_errors=True)


def _alive(pid_file: Path) -> bool:
    """Whether the process whose id ``pid_file`` holds is still running (False when there is no such file)."""
    try:
        pid = int(pid_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists, under another user
        return True
    return True


def clean_stale(out: Path) -> list[Path]:
    """Remove the build folders that killed runs left in ``out``; return them.

    A build folder (``.<period>.building-*``) is stale when the run that made it is no
    longer running. A folder set aside while a report was replaced (``.<period>.old-*``,
    only on systems without an atomic swap) is put back if the report is missing, then
    removed.
    """
    removed = []
    for folder in sorted(out.glob(f".*{BUILDING}*")):
        if folder.is_dir() and not _alive(folder / OWNER):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    for folder in sorted(out.glob(f".*{OLD}*")):
        if not folder.is_dir():
            continue
        for kept in folder.iterdir():
            if kept.is_dir() and not (out / kept.name).exists():
                os.replace(kept, out / kept.name)
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    return removed


def _readable(path: Path) -> None:
    """Give a folder or file made by ``tempfile`` (mode 0700/0600) the usual permissions under the umask."""
    umask = os.umask(0)
    os.umask(umask)
    path.chmod((0o777 if path.is_dir() else 0o666) & ~umask)


def _first_line(text) -> str:
    lines = str(text).strip().splitlines()
    return lines[-1] if lines else ""


def write_index(out: Path) -> Path:
    """``out/index.html``: every report in ``out`` with its headline figures (from its indicators.json).

    One table per kind of period (months, quarters, years), each in time order.
    """
    rows = []
    for document in sorted(out.glob("*/indicators.json")):
        if document.parent.name.startswith("."):  # a build in progress, or one a killed run left
            continue
        try:
            data = json.loads(document.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        rows.append((document.parent.name, data))
    lang = rows[-1][1].get("language", "es") if rows else "es"
    es = lang == "es"
    heads = (["Periodo", "Administración", "Índice ROI intangible", "Rapidez", "Empatía", "Satisfacción", "Transparencia",
              "Informe"] if es else
             ["Period", "Administration", "Intangible ROI Index", "Speed", "Empathy", "Satisfaction", "Transparency", "Report"])
    kinds = ({"month": "Informes mensuales", "quarter": "Informes trimestrales", "year": "Informes anuales"} if es else
             {"month": "Monthly reports", "quarter": "Quarterly reports", "year": "Yearly reports"})
    tables = []
    for kind, caption in kinds.items():
        body = []
        for folder, data in sorted(rows, key=lambda r: str(r[1].get("period", r[0]))):
            if data.get("freq", parse_period(data.get("period", folder))[1]) != kind:
                continue
            head = data.get("headline", {})
            scores = head.get("scores", {})
            cells = [fmt.period_name(data.get("period", folder), lang), data.get("administration", ""),
                     fmt.number(_num(head.get("roi_index")), lang, 1),
                     *[fmt.number(_num(scores.get(f)), lang, 1) for f in ("speed", "empathy", "satisfaction", "transparency")]]
            link = f'<a href="{html.escape(folder)}/report.html">{html.escape(folder)}</a>'
            body.append(f'<tr><th scope="row">{html.escape(cells[0])}</th>'
                        + "".join(f'<td data-label="{h}">{html.escape(str(c))}</td>' for h, c in zip(heads[1:-1], cells[1:], strict=True))
                        + f'<td data-label="{heads[-1]}">{link}</td></tr>')
        if body:
            tables.append(f'<h2 id="{kind}">{caption}</h2><table aria-labelledby="{kind}"><thead><tr>'
                          + "".join(f'<th scope="col">{h}</th>' for h in heads) + "</tr></thead><tbody>" + "".join(body)
                          + "</tbody></table>")
    title = "Informes de atención a la ciudadanía" if es else "Citizen service reports"
    page = (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><meta name="viewport" '
            f'content="width=device-width, initial-scale=1"><title>{title}</title><style>'
            "body{font-family:system-ui,Arial,sans-serif;max-width:64rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}"
            "table{border-collapse:collapse;margin-bottom:1.5rem}th,td{border:1px solid #c8c8c8;padding:.35rem .7rem;"
            "text-align:left}thead th{background:#eef3f8}a{color:#0056a3}"
            "@media (max-width:40rem){table,tbody,tr,th,td{display:block}thead{position:absolute;width:1px;height:1px;"
            "overflow:hidden;clip:rect(0 0 0 0)}tr{margin-bottom:.6rem;border:1px solid #c8c8c8}th,td{border:0}"
            "td::before{content:attr(data-label) \": \";font-weight:600}}</style></head><body><main>"
            f"<h1>{title}</h1>" + "".join(tables) + "</main></body></html>\n")
    fd, tmp = tempfile.mkstemp(prefix=".index.html.", dir=out)
    os.close(fd)
    Path(tmp).write_text(page, encoding="utf-8")
    _readable(Path(tmp))
    os.replace(tmp, out / "index.html")
    return out / "index.html"


def _num(value):
    return float("nan") if value is None or (isinstance(value, str) and value not in ("inf", "-inf")) else float(value)


def build(*, config: str | Path, period: str, to: str | None = None, lang: str | None = None, out: str | Path = "reports",
          inputs: list[str | Path] | None = None, comparison: str | None = None, today: dt.date | None = None,
          progress: Callable[[str], None] | None = None, earlier_inputs: list[str | Path] | None = None) -> list[Path]:
    """Write one report per period (``period`` .. ``to``) into ``out`` and refresh ``out/index.html``.

    ``earlier_inputs``: earlier exports of the same pages, to report the citizen comments
    that disappeared since (:mod:`roi.exports`).
    """
    from roi.config import load_config

    if Path(out).exists() and not Path(out).is_dir():
        raise RoiError("is a file, not a folder", file=out, field="out", fix="name a folder for the reports with --out")
    config = Path(config).resolve()
    cfg = load_config(config)
    lang = fmt.check_language(lang or cfg.language)
    periods = resolve_periods(period, to, cfg.timezone, today)
    if not cfg.accounts:
        from roi.threads import NO_ACCOUNTS

        _say(progress, f"note: {NO_ACCOUNTS}")
    out = Path(out).resolve()
    paths = [Path(p).resolve() for p in inputs] if inputs else None
    if out.is_dir():
        for folder in clean_stale(out):
            _say(progress, f"removed {folder.name}, left by an interrupted run")
    written, failed = [], []
    for i, label in enumerate(periods, 1):
        _say(progress, f"report {i}/{len(periods)}: {label}")
        try:
            written.append(build_one(config=config, period=label, lang=lang, out=out, inputs=paths,
                                     comparison=comparison, progress=progress,
                                     earlier_inputs=[Path(p).resolve() for p in earlier_inputs or ()]))
        except RoiError as exc:
            if len(periods) == 1:
                raise
            failed.append((label, exc))  # the other periods are still written, and the index lists them
            _say(progress, f"{label} failed: {exc}")
    if written or out.joinpath("index.html").exists():
        write_index(out)
        _say(progress, f"wrote {out / 'index.html'}")
    if failed:
        raise RoiError(f"{len(failed)} of {len(periods)} reports failed: "
                       + "; ".join(f"{label} ({exc.problem})" for label, exc in failed), file=out,
                       fix="read each period's error above; the other periods were written and index.html lists them")
    return written
