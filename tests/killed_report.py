"""Run ``roi.report.run.build`` in a child process and kill it (SIGKILL) at a named step (issue 13.7).

Usage: ``python tests/killed_report.py STEP DONE CONFIG OUT`` where STEP is ``execute``,
``convert``, ``write`` (just before the new report is put in place), ``index`` (after
it) or ``none``; DONE is a finished report folder whose executed notebook and
indicators.json stand in for a fresh notebook run (the kernel is not started: the test
is about the runner's folders, not the notebook).
"""

from __future__ import annotations

import os
import shutil
import signal
import sys
import tempfile
from pathlib import Path

import papermill

import roi.report.run as run

step, done, config, out = sys.argv[1], Path(sys.argv[2]), sys.argv[3], sys.argv[4]


def die(at: str) -> None:
    if step == at:
        os.kill(os.getpid(), signal.SIGKILL)


def execute(source, executed, parameters, **_):
    shutil.copyfile(done / "periodic_report.ipynb", executed)
    folder = Path(parameters["output_dir"])
    for table in done.iterdir():
        if table.suffix in (".json", ".csv"):
            shutil.copyfile(table, folder / table.name)
    fd, _ = tempfile.mkstemp(".json")  # where jupyter_client writes the kernel's connection file
    os.close(fd)
    die("execute")


render, publish, index = run.render_html, run._publish, run.write_index
papermill.execute_notebook = execute
run.ensure_kernel = lambda: "python3"
run.render_html = lambda *a, **k: (die("convert"), render(*a, **k))[1]
run._publish = lambda *a, **k: (die("write"), publish(*a, **k))[1]
run.write_index = lambda *a, **k: (die("index"), index(*a, **k))[1]
run.build(config=config, period="2025-10", lang="es", out=out)
