"""A cohort's table: one row per notebook in a folder, broken and foreign files included, no student text."""

from __future__ import annotations

import csv
import os
import stat

import nbformat
import pytest
from test_check import ASSIGNMENT, PLANT, good_answers, good_entries, submission, words

from workbook.content.assignments import Assignment
from workbook.course.cohort import FIXED_COLUMNS, check_all, notebooks_in
from workbook.errors import ValidationError


@pytest.fixture
def folder(tmp_path):
    """Six files: two that meet everything, one short, one with a phone number, a broken JSON
    file, a notebook that is no submission, another assignment's notebook, and a non-notebook."""
    root = tmp_path / "cohort"
    root.mkdir()
    nbformat.write(submission(), root / "a-met.ipynb")
    nbformat.write(submission(), root / "b-met.ipynb")
    short = good_answers() | {"description": words(10, PLANT + ". ")}
    nbformat.write(submission(answers=short, ticked=("Knowledge",)), root / "c-short.ipynb")
    phone = good_answers()
    phone["analysis"] += " Ring 07700 900123."
    nbformat.write(submission(answers=phone), root / "d-phone.ipynb")
    (root / "e-broken.ipynb").write_text('{"cells": ["' + PLANT)
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(PLANT)]), root / "f-plain.ipynb")
    other = Assignment(**{**ASSIGNMENT.__dict__, "id": "another-module"})
    nbformat.write(submission(other), root / "g-foreign.ipynb")
    (root / "notes.txt").write_text(PLANT)
    (root / "sub").mkdir()
    nbformat.write(submission(), root / "sub" / "nested.ipynb")
    return root


def by_file(table):
    return {row.file: row for row in table.rows}


def test_one_row_per_notebook_in_the_folder_not_its_subfolders(folder):
    table = check_all(folder, assignment=ASSIGNMENT)
    assert [row.file for row in table.rows] == [
        "a-met.ipynb",
        "b-met.ipynb",
        "c-short.ipynb",
        "d-phone.ipynb",
        "e-broken.ipynb",
        "f-plain.ipynb",
        "g-foreign.ipynb",
    ]
    rows = by_file(table)
    assert rows["a-met.ipynb"].met is True and rows["a-met.ipynb"].words == 95
    assert rows["c-short.ipynb"].met is False
    assert rows["c-short.ipynb"].results["section:description"] is False
    assert rows["c-short.ipynb"].results["mappings"] is False
    assert rows["c-short.ipynb"].results["identifiers"] is True
    assert rows["d-phone.ipynb"].results["identifiers"] is False
    assert not table.all_met
    assert table.summary() == "7 files, 2 of 4 submissions met every requirement, 3 not checked"


def test_files_that_are_not_submissions_get_a_reason(folder):
    rows = by_file(check_all(folder, assignment=ASSIGNMENT))
    assert rows["e-broken.ipynb"].met is None
    assert rows["e-broken.ipynb"].reason.startswith("is not a notebook: it could not be read as JSON")
    assert "no workbook_assignment metadata" in rows["f-plain.ipynb"].reason
    assert "another assignment ('another-module'" in rows["g-foreign.ipynb"].reason
    assert rows["g-foreign.ipynb"].assignment is None


def test_without_an_assignment_each_is_checked_against_the_one_it_names(folder):
    rows = by_file(check_all(folder))
    # the test assignment is not bundled: each of those rows says so instead of crashing
    assert "--rubric" in rows["a-met.ipynb"].reason
    assert rows["a-met.ipynb"].met is None


def test_a_notebook_laid_out_oddly_gets_a_row_not_a_crash(tmp_path):
    nb = submission()
    nb.cells[1]["source"] = 42  # not text
    nb.metadata["workbook_assignment"]["entries"] = [{"id": 7}, None]
    nbformat.write(nb, tmp_path / "odd.ipynb", version=nbformat.NO_CONVERT)
    (tmp_path / "list.ipynb").write_text("[1, 2, 3]")
    rows = by_file(check_all(tmp_path, assignment=ASSIGNMENT))
    assert rows["list.ipynb"].reason == "is not a notebook: it has no list of cells."
    assert rows["odd.ipynb"].checked


def test_the_frame_has_a_column_per_requirement(folder):
    frame = check_all(folder, assignment=ASSIGNMENT).frame
    assert list(frame.columns[: len(FIXED_COLUMNS)]) == list(FIXED_COLUMNS)
    for column in (
        "section:description",
        "section:next",
        "words:total",
        "mappings",
        "identifiers",
        "depth",
        "entries:span",
    ):
        assert column in frame.columns
    assert str(frame["met"].dtype) == "boolean"
    assert frame.loc[frame.file == "a-met.ipynb", "met"].tolist() == [True]
    assert frame["identifiers"].isna().sum() == 3  # the three files not checked
    assert frame.loc[frame.file == "d-phone.ipynb", "words"].item() > 0


def test_no_student_text_in_the_frame_or_the_csv(folder, tmp_path):
    table = check_all(folder, assignment=ASSIGNMENT)
    frame = table.frame
    for column in frame.columns:
        for value in frame[column].tolist():
            assert "quokka" not in str(value) and "07700" not in str(value), column
    out = table.to_csv(tmp_path / "cohort.csv")
    text = out.read_text()
    assert "quokka" not in text and "persimmon" not in text and "07700" not in text
    assert PLANT not in repr(table) + table._repr_html_()


def test_the_csv_is_private_and_reads_back(folder, tmp_path):
    target = tmp_path / "cohort.csv"
    target.write_text("old")
    os.chmod(target, 0o644)
    table = check_all(folder, assignment=ASSIGNMENT)
    table.to_csv(target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    with target.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["file"] for r in rows] == [row.file for row in table.rows]
    first = rows[0]
    assert first["met"] == "yes" and first["words"] == "95" and first["identifiers"] == "yes"
    assert rows[2]["mappings"] == "no"
    assert rows[4]["met"] == "" and rows[4]["reason"].startswith("is not a notebook")


def test_progress_is_called_after_each_file(folder):
    calls = []
    check_all(folder, lambda done, total: calls.append((done, total)), assignment=ASSIGNMENT)
    assert calls == [(n, 7) for n in range(1, 8)]


def test_a_folder_that_is_not_one_is_refused(tmp_path):
    with pytest.raises(ValidationError, match="is not a folder"):
        notebooks_in(tmp_path / "nowhere")


def test_an_empty_folder_gives_an_empty_table(tmp_path):
    table = check_all(tmp_path)
    assert table.rows == ()
    assert list(table.frame.columns) == list(FIXED_COLUMNS)


def test_entries_pulled_in_count_in_the_table(tmp_path):
    nbformat.write(submission(entries=good_entries()[:1]), tmp_path / "one-entry.ipynb")
    row = check_all(tmp_path, assignment=ASSIGNMENT).rows[0]
    assert row.results["entries:count"] is False and row.met is False
