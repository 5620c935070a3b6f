"""Committed notebooks carry no outputs, start with a tagged parameters cell, and run on the sample."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from roi.report.run import ensure_kernel

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))


def test_there_are_notebooks():
    assert {p.name for p in NOTEBOOKS} >= {"periodic_report.ipynb", "explore.ipynb"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_notebook_has_no_outputs(path):
    nb = nbformat.read(path, as_version=4)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"{path.name} cell {i} carries outputs"
        assert "papermill" not in cell.metadata and "execution" not in cell.metadata, f"{path.name} cell {i}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_first_code_cell_is_the_tagged_parameters_cell(path):
    nb = nbformat.read(path, as_version=4)
    first = next(c for c in nb.cells if c.cell_type == "code")
    assert "parameters" in first.metadata.get("tags", [])
    assert "today(" not in first.source and "now(" not in first.source
    for cell in nb.cells:  # thin: logic lives in roi/
        assert "def " not in cell.source if cell.cell_type == "code" else True


def test_explore_notebook_runs_on_the_sample(tmp_path, samples):
    import papermill

    papermill.execute_notebook(str(NOTEBOOKS[0].parent / "explore.ipynb"), str(tmp_path / "explore.ipynb"),
                               parameters={"config": str(samples / "roi.toml"), "period": "2025-10"},
                               kernel_name=ensure_kernel(), progress_bar=False, cwd=str(tmp_path))
    nb = nbformat.read(tmp_path / "explore.ipynb", as_version=4)
    assert any(o.get("output_type") == "execute_result" for c in nb.cells if c.cell_type == "code" for o in c.outputs)


def test_copied_notebooks_run_unedited_from_another_working_folder(tmp_path, monkeypatch):
    """``roi notebooks --out`` fills in the config (here the sample it writes beside them): no edit needed."""
    import papermill

    from roi.cli import main

    assert main(["notebooks", "--out", str(tmp_path / "nb")]) == 0
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    for name in ("explore.ipynb", "periodic_report.ipynb"):
        papermill.execute_notebook(str(tmp_path / "nb" / name), str(elsewhere / name), kernel_name=ensure_kernel(),
                                   progress_bar=False, cwd=str(elsewhere))
        nb = nbformat.read(elsewhere / name, as_version=4)
        errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.get("output_type") == "error"]
        assert errors == []
        for cell in nb.cells:  # each chart's image is carried once, not again in a text/plain repr
            for output in cell.get("outputs", []):
                images = [str(v).count("iVBORw0KGgo") for v in output.get("data", {}).values()]
                assert sum(images) <= 1, f"{name}: an output carries its PNG {sum(images)} times"
    executed = nbformat.read(elsewhere / "explore.ipynb", as_version=4)
    assert sum("iVBORw0KGgo" in str(o) for c in executed.cells for o in c.get("outputs", [])) == 2  # two charts
    parameters = nbformat.read(tmp_path / "nb" / "explore.ipynb", as_version=4).cells[1].source
    assert repr(str((tmp_path / "nb" / "sample" / "roi.toml").resolve())) in parameters


def test_a_missing_config_names_where_it_looked_and_the_line_to_change(tmp_path, monkeypatch):
    from roi.errors import ConfigError
    from roi.report import explore

    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigError) as caught:
        explore.open_data(config="data/samples/nothing.toml", period="2025-10")
    message = str(caught.value)
    assert str(tmp_path / "data" / "samples" / "nothing.toml") in message  # the first place tried: the working folder
    assert 'config = "' in message and "roi notebooks --out DIR --config" in message
    assert "\n" not in message
