"""Packaging step that pyproject.toml cannot declare: the notebooks ship inside the package.

The one copy of each notebook lives in the top-level ``notebooks/`` folder (where analysts
look for it); building a wheel copies them into ``roi/notebooks/``. An editable install
finds them in the checkout instead (``roi.report.run.NOTEBOOKS``).
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

NOTEBOOKS = Path(__file__).resolve().parent / "notebooks"


class BuildWithNotebooks(build_py):
    """``build_py`` that also copies ``notebooks/*.ipynb`` into the built package as ``roi/notebooks/``."""

    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "roi" / "notebooks"
        target.mkdir(parents=True, exist_ok=True)
        for notebook in sorted(NOTEBOOKS.glob("*.ipynb")):
            shutil.copyfile(notebook, target / notebook.name)


setup(cmdclass={"build_py": BuildWithNotebooks})
