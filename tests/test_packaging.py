"""Everything the package reads at run time is declared as package data, so an installed wheel works."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_data_file_of_the_package_is_declared():
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["package-data"]
    files = [p for p in (ROOT / "roi").rglob("*") if p.is_file() and p.suffix not in {".py", ".pyc"}
             and "__pycache__" not in p.parts]
    assert {"periodic_report.ipynb", "explore.ipynb"} <= {p.name for p in files}
    uncovered = []
    for path in files:
        relative = path.relative_to(ROOT / "roi")
        covered = any(
            path.relative_to(ROOT.joinpath("roi", *package.split(".")[1:])).match(pattern)
            for package, patterns in declared.items() for pattern in patterns
            if path.is_relative_to(ROOT.joinpath("roi", *package.split(".")[1:]))
        )
        if not covered:
            uncovered.append(str(relative))
    assert uncovered == [], f"add these to [tool.setuptools.package-data] in pyproject.toml: {uncovered}"
