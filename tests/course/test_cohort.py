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


# -- a cohort generated with the student's own notebook ------------------------------------------------
REFLECTION = (
    "We met in the kitchen and I explained why I had come. I felt anxious before the visit. "
    "According to Gibbs this links to my training because the pattern repeats. "
    "From her point of view the visit may have felt like a judgement. What went well was that I listened. "
    "Next time I will ask for support. "
)


def _fill(nb, assignment) -> None:
    """Write every section of a generated notebook as a student would: inside each range."""
    for cell in nb.cells:
        section_id = cell.metadata.get("workbook_assignment", {}).get("section")
        if section_id == "mappings":
            ticks = assignment.mappings.min
            lines = cell.source.splitlines()
            cell.source = "\n".join(
                line.replace("[ ]", "[x]", 1) if i < ticks else line for i, line in enumerate(lines)
            )
        elif section_id == "depth":
            cell.source = "Depth: critical"
        elif section_id in assignment.section_ids:
            limits = assignment.section(section_id).words
            low = limits.min if limits and limits.min is not None else 50
            high = limits.max if limits and limits.max is not None else low + 300
            cell.source = words((low + high) // 2, PLANT + ". " + REFLECTION)


def test_a_generated_cohort_of_every_bundled_assignment(tmp_path):
    student = pytest.importorskip("workbook.course.student")
    from workbook import Journal
    from workbook.content.assignments import load_assignments

    root = tmp_path / "cohort"
    root.mkdir()
    with Journal(tmp_path / "journal.db") as journal:
        journal.people.add("Parent A", "parent", ["Jo Example"])
        first = journal.add(title="A visit to Parent A", occurred_on="2026-10-01", narrative=PLANT, tags=["anxious"])
        second = journal.add(title="A second visit", occurred_on="2026-11-01", narrative=PLANT)
        library = load_assignments(warn=False)
        for assignment in library.values():
            nb = student.assignment_notebook(assignment, journal=journal, entry_ids=[first.id, second.id])
            _fill(nb, assignment)
            nbformat.write(nb, root / f"{assignment.id}.ipynb")
            if assignment.mappings is not None:  # the same, with nothing ticked
                unmapped = student.assignment_notebook(assignment, journal=journal, entry_ids=[first.id])
                _fill(unmapped, assignment)
                for cell in unmapped.cells:
                    cell.source = cell.source.replace("[x]", "[ ]")
                nbformat.write(unmapped, root / f"{assignment.id}-unmapped.ipynb")
        (root / "broken.ipynb").write_text('{"cells": [{"source": "' + PLANT)
        nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(PLANT)]), root / "foreign.ipynb")
        table = check_all(root, journal=journal)
    rows = by_file(table)
    for assignment in library.values():
        row = rows[f"{assignment.id}.ipynb"]
        assert row.met, (assignment.id, [k for k, v in row.results.items() if not v])
        if assignment.mappings is not None:
            unmapped = rows[f"{assignment.id}-unmapped.ipynb"]
            assert unmapped.met is False
            assert [k for k, v in unmapped.results.items() if not v] == ["mappings"]
    assert rows["broken.ipynb"].reason.startswith("is not a notebook")
    assert "no workbook_assignment metadata" in rows["foreign.ipynb"].reason
    frame = table.frame
    cells = [str(v) for column in frame.columns for v in frame[column].tolist()]
    assert not [c for c in cells if "quokka" in c or "Jo Example" in c or "kitchen" in c]
    text = table.to_csv(tmp_path / "cohort.csv").read_text()
    assert "quokka" not in text and "kitchen" not in text


def test_a_file_name_is_never_a_formula_in_the_csv(tmp_path):
    nbformat.write(submission(), tmp_path / "=HYPERLINK(1).ipynb")
    out = check_all(tmp_path, assignment=ASSIGNMENT).to_csv(tmp_path / "out.csv")
    with out.open(newline="") as handle:
        assert next(iter(list(csv.DictReader(handle))))["file"] == "'=HYPERLINK(1).ipynb"


def test_an_odd_assignment_id_in_the_metadata_is_not_repeated(tmp_path):
    nb = submission()
    nb.metadata["workbook_assignment"]["assignment"] = PLANT
    nbformat.write(nb, tmp_path / "odd-id.ipynb")
    for table in (check_all(tmp_path), check_all(tmp_path, assignment=ASSIGNMENT)):
        reason = table.rows[0].reason
        assert "not an assignment id" in reason
        assert "quokka" not in reason
