"""``workbook assignment list`` and ``workbook assignment new``: the assignments a course sets,
and the student's notebook, written where it says (the home folder shown as ~)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import nbformat
import pytest
from cli_helpers import assert_one_line_error

from workbook import Journal
from workbook.paths import assignments_dir

BUNDLED = ("gibbs-critical-incident", "process-recording", "driscoll-short", "nmc-reflective-account")


@pytest.fixture(autouse=True)
def _no_tutor_folder(monkeypatch):
    monkeypatch.delenv("WORKBOOK_ASSIGNMENTS", raising=False)


def _written(result) -> Path:
    assert result.exit_code == 0, result.output
    line = result.stdout.strip().splitlines()[-1]
    assert line.startswith("Wrote ")
    return Path(os.path.expanduser(line.removeprefix("Wrote ")))


def test_list_shows_ids_and_titles(run):
    result = run("assignment", "list", env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split()[:2] == ["ID", "SECTIONS"]
    assert [line.split()[0] for line in lines[1:]] == list(BUNDLED)
    assert "Reflective assignment: a critical incident (Gibbs)" in result.stdout


def test_list_reports_a_broken_tutor_file(run, tmp_path):
    (tmp_path / "broken.yaml").write_text("id: [\n", encoding="utf-8")
    result = run("assignment", "list", env={"WORKBOOK_ASSIGNMENTS": str(tmp_path)})
    assert result.exit_code == 0 and "broken.yaml, line" in result.stderr
    assert len(result.stdout.splitlines()) == 1 + len(BUNDLED)


def test_new_writes_the_notebook_and_prints_its_path_with_home_as_tilde(run, monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / ".local" / "share"))
    result = run("assignment", "new", "driscoll-short")
    assert result.stdout.startswith("Wrote ~/") and str(tmp_path) not in result.output
    path = _written(result)
    assert path.parent == assignments_dir() and path.name.startswith("driscoll-short-")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    nb = nbformat.read(path, as_version=4)
    assert nb.metadata["workbook_assignment"]["assignment"] == "driscoll-short"


def test_new_with_entries_and_a_folder(run, path, tmp_path):
    with Journal(path) as journal:
        journal.people.add("Parent A", "parent", aliases=("Jo Example",))
        entry = journal.add(title="Call with Jo Example", narrative="Jo Example was angry about the letter.")
    result = run(
        "assignment", "new", "gibbs-critical-incident", "--entry", entry.id[:8], "--out", str(tmp_path / "out")
    )
    written = _written(result)
    assert written.parent == tmp_path / "out"
    assert "Jo Example" not in written.read_text(encoding="utf-8") and "Jo Example" not in result.output
    assert "Parent A" in written.read_text(encoding="utf-8")
    assert nbformat.read(written, as_version=4).metadata["workbook_assignment"]["entries"] == [entry.id]


def test_an_unknown_template_is_a_one_line_error_naming_the_known_ones(run):
    line = assert_one_line_error(run("assignment", "new", "gibs-critical"), "gibs-critical", *BUNDLED)
    assert "No assignment" in line
    hostile = assert_one_line_error(run("assignment", "new", "\x1b[31mJo Example"))
    assert "Jo Example" not in hostile and "\x1b" not in hostile


def test_an_unknown_entry_is_a_one_line_error(run, path):
    with Journal(path) as journal:
        journal.add(title="One")
    assert_one_line_error(run("assignment", "new", "driscoll-short", "--entry", "ffffffff"))
