"""Everything the package reads at run time is declared as package data, so an installed wheel works."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_data_file_of_the_package_is_declared():
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["package-data"]
    files = [p for p in (ROOT / "roi").rglob("*") if p.is_file() and p.suffix not in {".py", ".pyc"}
             and "__pycache__" not in p.parts]
    assert "methodology.md" in {p.name for p in files}
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


def test_the_notebooks_have_one_copy_at_the_top_and_ship_in_the_built_package(tmp_path):
    import subprocess
    import sys
    import zipfile

    from roi.report.run import NOTEBOOKS

    top = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
    assert {"periodic_report.ipynb", "explore.ipynb"} <= set(top)
    assert not (ROOT / "roi" / "notebooks").exists(), "one copy only: notebooks/ at the top of the project"
    assert NOTEBOOKS.resolve() == (ROOT / "notebooks").resolve()  # the editable install reads the checkout's copy
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                           "--wheel-dir", str(tmp_path), str(ROOT)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    (wheel,) = tmp_path.glob("roi-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert sorted(n.split("/")[-1] for n in names if n.startswith("roi/notebooks/")) == top
    assert "roi/methodology.md" in names


def test_installs_come_from_the_lock_file_which_pins_every_range_of_pyproject():
    # issue 13.13: the lock pins each dependency (and the test extra) within pyproject's range; make installs from it
    from importlib.metadata import PackageNotFoundError, version

    from packaging.requirements import Requirement

    def name(text):
        return text.lower().replace("_", "-")

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    lock = {}
    for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith((" ", "#", "-")):
            package, _, pinned = line.partition("==")
            lock[name(package)] = pinned.strip()
    assert all(lock.values()), "every line of requirements.lock pins one version with =="
    for text in [*project["dependencies"], *project["optional-dependencies"]["test"]]:
        requirement = Requirement(text)
        assert name(requirement.name) in lock, f"{requirement.name} is not in requirements.lock: run make lock"
        assert requirement.specifier.contains(lock[name(requirement.name)]), f"{requirement.name}: lock outside range"
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "pip install --quiet -r $(LOCK)" in makefile and "pip install --quiet --no-deps -e ." in makefile
    assert "LOCK := requirements.lock" in makefile
    try:  # this environment was made by make: its versions are the pinned ones
        installed = {package: version(package) for package in lock}
    except PackageNotFoundError as missing:
        raise AssertionError(f"{missing} is pinned but not installed: run make test") from None
    assert {p: v for p, v in installed.items() if v != lock[p]} == {}
