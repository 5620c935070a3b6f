"""Copies of the report and exploration notebooks that run where they are written (``roi notebooks``).

A notebook has no ``--config``: each copy gets the configuration's full path written into
its ``parameters`` cell, so it runs from any working folder (JupyterLab runs a notebook in
its own folder, papermill in the caller's). Without a configuration, the bundled
fictional council's exports and ``roi.toml`` are written into ``<out>/sample`` and the
copies point there.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

from roi.errors import RoiError
from roi.report.document import find_config

__all__ = ["SAMPLE_FOLDER", "copy_notebooks", "set_parameter"]

#: Where :func:`copy_notebooks` writes the sample exports when no configuration is given.
SAMPLE_FOLDER = "sample"


def set_parameter(nb: nbformat.NotebookNode, name: str, value: str) -> None:
    """Set the string parameter ``name`` in the cell tagged ``parameters``, keeping its type hint and comment.

    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell('config: str = "a"  # the file',
    ...                                                               metadata={"tags": ["parameters"]})])
    >>> set_parameter(nb, "config", "/x/roi.toml"); nb.cells[0].source
    "config: str = '/x/roi.toml'  # the file"
    """
    cell = next((c for c in nb.cells if "parameters" in c.metadata.get("tags", [])), None)
    pattern = re.compile(rf"^({re.escape(name)}\s*(?::[^=]+)?=\s*)(\"[^\"]*\"|'[^']*')", re.MULTILINE)
    if cell is None or not pattern.search(cell.source):
        raise RoiError(f"the notebook's parameters cell has no line {name}: str = ...", field=name,
                       fix="copy the notebooks again with roi notebooks --force")
    cell.source = pattern.sub(lambda m: m.group(1) + repr(value), cell.source, count=1)


def copy_notebooks(out: str | Path, *, config: str | Path | None = None, force: bool = False) -> list[Path]:
    """Write the shipped notebooks into ``out`` with the configuration's full path filled in.

    Parameters
    ----------
    out
        The folder to write into (created if missing); never roi's own notebooks folder.
    config
        The administration's TOML configuration; ``None`` writes the sample exports and
        their ``roi.toml`` into ``out/sample`` (:func:`roi.sample.write_samples`).
    force
        Replace notebooks already in ``out`` (an analyst's edits would be lost).

    Returns
    -------
    list of Path
        The notebooks written.
    """
    from roi.report.run import NOTEBOOKS

    out = Path(out)
    if out.exists() and not out.is_dir():
        raise RoiError("is a file, not a folder", file=out, fix="name a folder for the notebooks with --out")
    if out.resolve() == NOTEBOOKS.resolve():
        raise RoiError("is where roi's own notebooks live", file=out, fix="name another folder with --out")
    sources = sorted(NOTEBOOKS.glob("*.ipynb"))
    existing = [out / s.name for s in sources if (out / s.name).exists()]
    if existing and not force:
        raise RoiError("the notebooks are there already", file=existing[0],
                       fix="pass --force to replace them (your edits would be lost), or choose another --out")
    if config is not None:
        config_path = find_config(config).resolve()
    else:
        from roi.sample import write_samples

        write_samples(out / SAMPLE_FOLDER)
        config_path = (out / SAMPLE_FOLDER / "roi.toml").resolve()
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for source in sources:
        nb = nbformat.read(source, as_version=4)
        set_parameter(nb, "config", str(config_path))
        nbformat.write(nb, out / source.name)
        written.append(out / source.name)
    return written
