"""`workbook check` and `workbook check-all`: results in plain words, exit codes, the cohort CSV."""

from __future__ import annotations

import importlib.util
import os
import stat
import sys
from pathlib import Path

import nbformat
import pytest
from cli_helpers import assert_one_line_error

from workbook import Journal
from workbook.content.assignments import Assignment


def _course_helpers():
    """The hand-made submissions of tests/course/test_check.py (one builder for both)."""
    path = Path(__file__).parents[1] / "course" / "test_check.py"
    spec = importlib.util.spec_from_file_location("course_submissions", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("course_submissions", module)
    spec.loader.exec_module(module)
    return module


course = _course_helpers()
PLANT = course.PLANT

RUBRIC = """\
id: test-reflection
title: A test reflection
introduction: Write about one visit.
confidentiality: "I have changed every name in this piece and left out anything that could identify a person."
word_limit: {min: 60, max: 150}
sections:
  - {id: description, title: Description, prompt: Say what happened., words: {min: 20, max: 60}, points: 10}
  - {id: analysis, title: Analysis, prompt: Why did it happen?, words: {min: 20, max: 80}, points: 10}
  - {id: next, title: Next steps, prompt: What will you do next?, points: 5}
mappings: {framework: pcf, min: 3}
journal: {min_entries: 2, span_days: 14, required_tags: [anxious]}
depth: dialogic
"""


@pytest.fixture
def rubric(tmp_path) -> Path:
    path = tmp_path / "rubric.yaml"
    path.write_text(RUBRIC)
    return path


def write(nb, path: Path) -> Path:
    nbformat.write(nb, path)
    return path


def test_check_a_submission_that_meets_everything(run, rubric, tmp_path):
    path = write(course.submission(), tmp_path / "good.ipynb")
    result = run("check", str(path), "--rubric", str(rubric))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "good.ipynb: A test reflection"
    assert "  Description: 40 words (20–60): met" in lines
    assert "  Identifiers: none found: met" in lines
    assert lines[-1].startswith("All ") and lines[-1].endswith(" requirements met.")
    assert PLANT not in result.output


def test_check_a_submission_that_misses_some_exits_1(run, rubric, tmp_path):
    answers = course.good_answers()
    answers["description"] = course.words(15, PLANT + ". Her number is 07700 900123. ")
    nb = course.submission(answers=answers, ticked=("Knowledge",), depth="descriptive-writing")
    path = write(nb, tmp_path / "short.ipynb")
    result = run("check", str(path), "--rubric", str(rubric))
    assert result.exit_code == 1, result.output
    assert "  Description: 15 words (20–60): not met" in result.stdout
    assert "  PCF domains: 1 ticked, at least 3 needed: not met" in result.stdout
    assert "  Identifiers: a phone number in Description: not met" in result.stdout
    assert "not met" in result.stderr
    assert "07700" not in result.output and "quokka" not in result.output


def test_check_uses_the_journal_for_registered_names(run, path, rubric, tmp_path):
    with Journal(path) as journal:
        journal.people.add("Parent A", "parent", ["Jo Example"])
    answers = course.good_answers()
    answers["analysis"] += " Jo Example agreed."
    nb_path = write(course.submission(answers=answers), tmp_path / "named.ipynb")
    result = run("check", str(nb_path), "--rubric", str(rubric))
    assert result.exit_code == 1, result.output
    assert "  Identifiers: a registered name in Analysis: not met" in result.stdout
    assert "Jo Example" not in result.output


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ('{"cells": [', "could not be read as JSON"),
        ('{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}', "no workbook_assignment metadata"),
    ],
)
def test_check_a_file_that_is_not_a_submission_exits_2(run, tmp_path, content, fragment):
    path = tmp_path / "odd.ipynb"
    path.write_text(content)
    assert_one_line_error(run("check", str(path)), "odd.ipynb", fragment, code=2)


def test_check_a_missing_file_or_a_foreign_notebook_exits_2(run, rubric, tmp_path):
    assert_one_line_error(run("check", str(tmp_path / "nowhere.ipynb")), "nowhere.ipynb", code=2)
    other = Assignment(**{**course.ASSIGNMENT.__dict__, "id": "another-module"})
    path = write(course.submission(other), tmp_path / "other.ipynb")
    assert_one_line_error(run("check", str(path), "--rubric", str(rubric)), "another assignment", code=2)


def test_check_a_broken_rubric_exits_2_naming_its_line(run, tmp_path):
    path = write(course.submission(), tmp_path / "good.ipynb")
    rubric = tmp_path / "bad.yaml"
    rubric.write_text("id: test-reflection\ntitle: x\nintroduction: x\nconfidentiality: x\nsections: []\n")
    assert_one_line_error(run("check", str(path), "--rubric", str(rubric)), "bad.yaml", "sections", code=2)


@pytest.fixture
def folder(tmp_path):
    root = tmp_path / "cohort"
    root.mkdir()
    write(course.submission(), root / "a-good.ipynb")
    write(course.submission(ticked=()), root / "b-unmapped.ipynb")
    (root / "c-broken.ipynb").write_text('{"cells": ["' + PLANT)
    return root


def test_check_all_prints_a_line_per_file_and_writes_the_csv(run, folder, rubric, tmp_path):
    out = tmp_path / "table.csv"
    result = run("check-all", str(folder), "--rubric", str(rubric), "--csv", str(out), env={"COLUMNS": "200"})
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["FILE", "ASSIGNMENT", "RESULT", "MET", "WORDS", "REASON"]
    assert lines[1].split()[:3] == ["a-good.ipynb", "test-reflection", "met"]
    assert lines[2].split()[:4] == ["b-unmapped.ipynb", "test-reflection", "not", "met"]
    assert (
        lines[3].startswith("c-broken.ipynb") and "not checked" in lines[3] and "could not be read as JSON" in lines[3]
    )
    assert lines[-1] == (
        f"3 files, 1 of 2 submissions met every requirement, 1 not checked. Table written to {out} (readable only by you)."
    )
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert PLANT not in out.read_text() and PLANT not in result.output
    assert result.stderr == ""  # no progress bar when stderr is not a terminal


def test_check_all_exits_0_when_every_submission_meets_everything(run, rubric, tmp_path):
    root = tmp_path / "all-good"
    root.mkdir()
    for name in ("one", "two"):
        write(course.submission(), root / f"{name}.ipynb")
    result = run("check-all", str(root), "--rubric", str(rubric))
    assert result.exit_code == 0, result.output
    written = list(root.glob("check-*.csv"))
    assert len(written) == 1
    assert "2 of 2 submissions met every requirement" in result.stdout


def test_check_all_on_a_missing_folder_exits_2(run, tmp_path):
    assert_one_line_error(run("check-all", str(tmp_path / "nowhere")), "is not a folder", code=2)


def test_check_all_shows_a_progress_bar_on_a_terminal(folder, rubric, tmp_path, monkeypatch):
    """Run as a person would, with stderr a terminal (a pseudo-terminal): the bar is drawn there."""
    import pty
    import subprocess

    main, secondary = pty.openpty()
    env = {**os.environ, "WORKBOOK_JOURNAL": str(tmp_path / "j.db")}
    try:
        done = subprocess.run(
            [sys.executable, "-m", "workbook", "check-all", str(folder), "--rubric", str(rubric)],
            stdout=subprocess.PIPE,
            stderr=secondary,
            env=env,
            timeout=120,
            check=False,
        )
        os.close(secondary)
        secondary = -1
        drawn = b""
        while True:
            try:
                chunk = os.read(main, 4096)
            except OSError:
                break
            if not chunk:
                break
            drawn += chunk
    finally:
        if secondary != -1:
            os.close(secondary)
        os.close(main)
    assert done.returncode == 1
    assert b"Checking" in drawn
    assert PLANT.encode() not in drawn + done.stdout
