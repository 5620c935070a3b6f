"""The periodic report: ``roi report`` and ``notebooks/periodic_report.ipynb``.

Modules: :mod:`~roi.report.document` (the report's content, section by section),
:mod:`~roi.report.charts` (figures with alt text and data tables),
:mod:`~roi.report.compare` (is a change between periods significant?),
:mod:`~roi.report.formatting` (numbers, dates and periods in Spanish or English),
:mod:`~roi.report.privacy` (redaction and escaping of citizen text),
:mod:`~roi.report.json_export` (``indicators.json``, CSV tables) and
:mod:`~roi.report.run` (papermill, nbconvert, atomic writes, the index page).
"""

from roi.report.document import PeriodicReport, prepare
from roi.report.run import build

__all__ = ["PeriodicReport", "build", "prepare"]
