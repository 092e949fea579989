"""The private workspace the notebooks are served from: filled from the shipped notebooks,
brought up to date without losing a person's changes, cleaned and private."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from workbook.app.workspace import MANIFEST, prepare_workspace
from workbook.documents.cleaning import MARKER

SECRET = "Kayden told me about the drinking"


def _notebook(source: str, *, marked: bool = True, outputs: list | None = None) -> dict:
    meta = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    if marked:
        meta[MARKER] = {"clean_on_save": True}
    return {
        "cells": [{"cell_type": "code", "execution_count": None, "id": "a", "metadata": {}, "outputs": outputs or [], "source": source}],
        "metadata": meta,
        "nbformat": 4,
        "nbformat_minor": 5,
    }  # fmt: skip


def _write(path: Path, nb: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(nb))


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def shipped(tmp_path) -> Path:
    folder = tmp_path / "shipped"
    _write(folder / "00_start_here.ipynb", _notebook("print('v1 start')"))
    _write(folder / "04_review_and_revise.ipynb", _notebook("print('v1 review')"))
    return folder


@pytest.fixture
def workspace(tmp_path) -> Path:
    return tmp_path / "data" / "notebooks"


def test_first_start_fills_a_private_workspace(shipped, workspace):
    report = prepare_workspace(workspace, shipped)
    assert report.added == ["00_start_here.ipynb", "04_review_and_revise.ipynb"]
    assert report.messages() == []
    for name in report.added:
        assert (workspace / name).read_bytes() == (shipped / name).read_bytes()
        assert _mode(workspace / name) == 0o600
    assert _mode(workspace) == 0o700 and _mode(workspace.parent) == 0o700
    assert _mode(workspace / MANIFEST) == 0o600


def test_an_unchanged_notebook_takes_the_new_version(shipped, workspace):
    prepare_workspace(workspace, shipped)
    # JupyterLab rewrote the metadata when it saved, but the person changed no cell
    opened = json.loads((workspace / "00_start_here.ipynb").read_text())
    opened["metadata"]["language_info"] = {"name": "python", "version": "3.11.7"}
    _write(workspace / "00_start_here.ipynb", opened)
    _write(shipped / "00_start_here.ipynb", _notebook("print('v2 start')"))
    report = prepare_workspace(workspace, shipped)
    assert report.updated == ["00_start_here.ipynb"] and report.kept == {}
    assert "v2 start" in (workspace / "00_start_here.ipynb").read_text()
    assert not list(workspace.glob("*your copy*"))


def test_a_changed_notebook_is_kept_and_the_person_told(shipped, workspace):
    prepare_workspace(workspace, shipped)
    _write(workspace / "04_review_and_revise.ipynb", _notebook("print('my own notes')"))
    _write(shipped / "04_review_and_revise.ipynb", _notebook("print('v2 review')"))
    report = prepare_workspace(workspace, shipped)
    assert report.kept == {"04_review_and_revise.ipynb": "04_review_and_revise (your copy).ipynb"}
    assert "my own notes" in (workspace / "04_review_and_revise (your copy).ipynb").read_text()
    assert "v2 review" in (workspace / "04_review_and_revise.ipynb").read_text()
    assert any("kept as '04_review_and_revise (your copy).ipynb'" in line for line in report.messages())
    # the next start changes nothing, and a second change is kept under a new name
    assert prepare_workspace(workspace, shipped).kept == {}
    _write(workspace / "04_review_and_revise.ipynb", _notebook("print('more notes')"))
    _write(shipped / "04_review_and_revise.ipynb", _notebook("print('v3 review')"))
    again = prepare_workspace(workspace, shipped)
    assert again.kept == {"04_review_and_revise.ipynb": "04_review_and_revise (your copy 2).ipynb"}


def test_a_changed_notebook_with_no_update_is_left_alone(shipped, workspace):
    prepare_workspace(workspace, shipped)
    _write(workspace / "00_start_here.ipynb", _notebook("print('mine')"))
    # no new version shipped: the person's copy stays where it is
    report = prepare_workspace(workspace, shipped)
    assert report.kept == {} or "00_start_here.ipynb" not in report.kept
    assert "mine" in (workspace / "00_start_here.ipynb").read_text()


def test_own_notebooks_are_made_private_and_keep_their_outputs(shipped, workspace):
    prepare_workspace(workspace, shipped)
    own = workspace / "my analysis.ipynb"
    _write(own, _notebook("1 + 1", marked=False, outputs=[{"output_type": "stream", "name": "stdout", "text": SECRET}]))
    own.chmod(0o644)
    (workspace / "sub").mkdir()
    (workspace / "sub").chmod(0o755)
    prepare_workspace(workspace, shipped)
    assert SECRET in own.read_text()
    assert _mode(own) == 0o600 and _mode(workspace / "sub") == 0o700


def test_saved_outputs_in_workbook_notebooks_and_checkpoints_are_removed(shipped, workspace):
    """A notebook saved before the save hook (or by a server without it) is cleaned at start."""
    prepare_workspace(workspace, shipped)
    leaked = _notebook("print('v1 review')", outputs=[{"output_type": "stream", "name": "stdout", "text": SECRET}])
    leaked["metadata"]["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {"x": SECRET}}}
    _write(workspace / "04_review_and_revise.ipynb", leaked)
    _write(workspace / ".ipynb_checkpoints" / "04_review_and_revise-checkpoint.ipynb", leaked)
    report = prepare_workspace(workspace, shipped)
    assert report.cleaned == [
        "04_review_and_revise.ipynb",
        ".ipynb_checkpoints/04_review_and_revise-checkpoint.ipynb",
    ]
    for path in (
        workspace / "04_review_and_revise.ipynb",
        workspace / ".ipynb_checkpoints" / "04_review_and_revise-checkpoint.ipynb",
    ):
        assert SECRET not in path.read_text() and _mode(path) == 0o600
    assert report.kept == {}  # cleaning is not a change of the person's cells


def test_the_real_guided_notebooks_fill_the_default_workspace():
    from workbook import paths

    report = prepare_workspace()
    names = sorted(p.name for p in paths.checkout_notebooks_dir().glob("*.ipynb"))
    assert sorted(p.name for p in report.folder.glob("*.ipynb")) == names
    assert report.folder == paths.notebook_workspace_dir()


def test_workbook_lab_says_which_changed_notebook_it_kept(monkeypatch, tmp_path):
    """What the update kept is said where the person starts the workbook, not only in a report."""
    from click.testing import CliRunner

    from workbook import cli as cli_module
    from workbook import paths
    from workbook.app.workspace import MANIFEST

    monkeypatch.setattr("workbook.cli.jupyter._run", lambda argv, env: None)
    start = ["--journal", str(tmp_path / "j.db"), "lab", "--no-browser"]
    assert CliRunner().invoke(cli_module.cli, start).exit_code == 0
    folder = paths.notebook_workspace_dir()
    mine = json.loads((folder / "04_review_and_revise.ipynb").read_text())
    mine["cells"][0]["source"] = "my own notes"
    _write(folder / "04_review_and_revise.ipynb", mine)
    manifest = json.loads((folder / MANIFEST).read_text())
    manifest["04_review_and_revise.ipynb"] = "0" * 64  # as if an older version was installed last
    _write(folder / MANIFEST, manifest)
    result = CliRunner().invoke(cli_module.cli, start)
    assert result.exit_code == 0, result.output
    assert "kept as '04_review_and_revise (your copy).ipynb'" in result.output
    kept = folder / "04_review_and_revise (your copy).ipynb"
    assert "my own notes" in kept.read_text() and _mode(kept) == 0o600


@pytest.mark.slow
def test_notebook_00_shows_where_the_journal_is_without_the_home_folder(monkeypatch, tmp_path):
    """Run the start notebook as a person would: its outputs name the journal's place as ``~/...``,
    never the home folder (which holds the person's login name)."""
    import nbformat
    from nbclient import NotebookClient

    from workbook import paths

    home = tmp_path / "home" / "jo.bloggs"
    home.mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("IPYTHONDIR", str(home / "ipython"))
    monkeypatch.delenv("WORKBOOK_JOURNAL", raising=False)
    repo = str(Path(__file__).resolve().parents[2])
    monkeypatch.setenv("PYTHONPATH", repo)
    nb = nbformat.read(paths.checkout_notebooks_dir() / "00_start_here.ipynb", as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(home)}}).execute()
    outputs = json.dumps([cell.get("outputs", []) for cell in nb.cells])
    assert "~/.local/share/reflective-workbook/journal.db" in outputs
    assert "jo.bloggs" not in outputs and str(home) not in outputs
