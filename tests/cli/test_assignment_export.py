"""``workbook assignment export NOTEBOOK [--out FILE]``: the page written (its path shown with the
home folder as ~), a refusal with the findings by kind and section (exit 1, nothing written,
no student's text), and exit 2 for a file that is not an assignment notebook."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from cli_helpers import assert_one_line_error

from workbook import Journal
from workbook.content.assignments import load_assignments
from workbook.course.student import new_assignment_notebook

PHONE = "07700 900456"


@pytest.fixture(autouse=True)
def _no_tutor_folder(monkeypatch):
    monkeypatch.delenv("WORKBOOK_ASSIGNMENTS", raising=False)


def _notebook(folder: Path, first_answer: str = "I sat with the family and listened to what they needed.") -> Path:
    assignment = load_assignments(warn=False)["driscoll-short"]
    path = new_assignment_notebook(assignment, folder=folder)
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["metadata"].get("workbook_assignment", {}).get("section") == assignment.sections[0].id:
            cell["source"] = first_answer
    path.write_text(json.dumps(nb), encoding="utf-8")
    return path


def _written(result) -> Path:
    assert result.exit_code == 0, result.output
    line = result.stdout.strip().splitlines()[-1]
    assert line.startswith("Wrote ")
    return Path(os.path.expanduser(line.removeprefix("Wrote ")))


def test_export_writes_the_page_beside_the_notebook_and_shows_home_as_tilde(run, monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    notebook = _notebook(tmp_path / "course")
    result = run("assignment", "export", str(notebook))
    assert result.stdout.startswith("Wrote ~/") and str(tmp_path) not in result.output
    page = _written(result)
    assert page == notebook.with_suffix(".html")
    assert stat.S_IMODE(page.stat().st_mode) == 0o600
    assert "I sat with the family" in page.read_text(encoding="utf-8")
    assert "listened" not in result.output


def test_out_writes_the_page_where_asked(run, tmp_path):
    notebook = _notebook(tmp_path)
    dest = tmp_path / "upload.html"
    assert _written(run("assignment", "export", str(notebook), "--out", str(dest))) == dest
    assert not notebook.with_suffix(".html").exists()
    result = run("assignment", "export", str(notebook), "--out", str(tmp_path / "upload.docx"))
    assert result.exit_code == 1 and ".html" in result.stderr


def test_a_phone_number_is_refused_with_the_findings_and_nothing_is_written(run, tmp_path):
    section = load_assignments(warn=False)["driscoll-short"].sections[0]
    notebook = _notebook(tmp_path, f"I left a message for the ward on {PHONE} after the visit.")
    result = run("assignment", "export", str(notebook))
    assert result.exit_code == 1
    assert_one_line_error(result)
    assert f"a phone number in {section.title}" in result.stderr
    assert PHONE not in result.output and "0770" not in result.output and "message for the ward" not in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == [notebook.name]


def test_a_registered_name_in_the_journal_is_refused(run, path, tmp_path):
    with Journal(path) as journal:
        journal.people.add("Carer B", "carer", ["Wilhelmina Scrase"])
    notebook = _notebook(tmp_path / "work", "Wilhelmina Scrase met me at the door.")
    result = run("assignment", "export", str(notebook))
    assert result.exit_code == 1 and "a registered name in" in result.stderr
    assert "Wilhelmina" not in result.output and not notebook.with_suffix(".html").exists()


def test_a_file_that_is_not_a_submission_exits_2(run, tmp_path):
    plain = tmp_path / "notes.ipynb"
    plain.write_text(json.dumps({"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}), encoding="utf-8")
    for target in (plain, tmp_path / "missing.ipynb"):
        result = run("assignment", "export", str(target))
        assert result.exit_code == 2, result.output
        assert_one_line_error(result)
        assert "not" in result.stderr and target.name in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.ipynb"]
