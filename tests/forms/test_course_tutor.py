"""The tutor's cohort view (notebook 09): a folder of generated submissions checked at once.

The submissions are made as a student gets them (course.student.new_assignment_notebook) and
their answer cells filled in here; a sentence planted in every answer must never reach the page.
"""

from __future__ import annotations

import csv
import datetime as dt
import stat
from pathlib import Path

import nbformat
import pytest
from form_helpers import text_of

import workbook as wb
from workbook.content.assignments import load_assignments
from workbook.course.student import new_assignment_notebook
from workbook.forms._common import is_shown
from workbook.forms.tutor import CourseTutor

DAY = dt.date(2026, 11, 20)
PLANT = "the heron folded my umbrella beside the bandstand"
TEXT = {
    "what": "I visited a family at home with my practice educator. I explained why we had come and asked about the week. ",
    "so_what": (
        "I felt anxious before the visit. According to Gibbs this links to what I had read because feelings shape "
        "action. From her point of view the visit may have felt like a judgement. "
    ),
    "now_what": "Next time I will ask my supervisor for help planning the opening. In future I will check the plan first. ",
}
GOOD = {"what": 150, "so_what": 300, "now_what": 150}


def _words(lead: str, n: int) -> str:
    return " ".join((lead * 60).split()[:n])


def submission(folder: Path, name: str, counts: dict[str, int], made: Path) -> Path:
    """A driscoll-short notebook made for a student, its answers written with ``counts`` words."""
    path = new_assignment_notebook(load_assignments()["driscoll-short"], folder=made / name, made_on=DAY)
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        section = cell.metadata.get("workbook_assignment", {}).get("section")
        if section in counts:
            cell.source = PLANT + ". " + _words(TEXT[section], counts[section])
        elif section == "depth":
            cell.source = "Depth: dialogic"
    target = folder / f"{name}.ipynb"
    nbformat.write(nb, target)
    return target


@pytest.fixture
def cohort(tmp_path):
    """Two submissions that meet everything, one with a short 'So what?', a broken file, a notebook
    that is no submission, and a text file (not a notebook)."""
    folder = tmp_path / "marking"
    folder.mkdir()
    made = tmp_path / "made"
    submission(folder, "student-a", GOOD, made)
    submission(folder, "student-b", GOOD, made)
    submission(folder, "student-c", {**GOOD, "so_what": 40}, made)
    (folder / "student-d.ipynb").write_text('{"cells": ["' + PLANT)
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(PLANT)]), folder / "notes.ipynb")
    (folder / "readme.txt").write_text(PLANT)
    return folder


def html_of(widget) -> str:
    """Every HTML value in a widget tree (what the page shows)."""
    found = [getattr(widget, "value", "")] if hasattr(widget, "value") and isinstance(widget.value, str) else []
    for child in getattr(widget, "children", ()):
        found.append(html_of(child))
    return "\n".join(found)


def test_the_form_counts_the_cohort_and_lists_each_file_that_is_not_a_submission(cohort):
    form = CourseTutor(folder=cohort, today=DAY)
    table = form.check()
    assert [row.file for row in table.rows] == [
        "notes.ipynb",
        "student-a.ipynb",
        "student-b.ipynb",
        "student-c.ipynb",
        "student-d.ipynb",
    ]
    assert is_shown(form.results)
    summary = text_of(form.summary)
    assert summary.startswith("3 submissions, 2 meet every requirement, 2 files that are not submissions.")
    assert "student-d.ipynb is not a notebook: it could not be read as JSON" in summary
    assert "notes.ipynb" in summary and "no workbook_assignment metadata" in summary
    assert "never gives a mark" in summary
    assert "Checked 5 files in" in text_of(form.status)
    table_text = text_of(form.table_html)
    assert "Section: So what?" in table_text and "So what?: element feelings" in table_text
    assert "Every requirement met" in table_text
    assert "<NA>" not in form.table_html.value and "&lt;NA&gt;" not in form.table_html.value
    assert len(form.charts_box.children) == 2
    assert all("<svg" in html_of(box) for box in form.charts_box.children)


def test_the_progress_bar_moves_with_each_file_and_reaches_the_end(cohort):
    form = CourseTutor(folder=cohort)
    seen = []
    form.progress.observe(lambda change: seen.append((change["new"], form.check_button.disabled)), "value")
    form.check()
    assert is_shown(form.progress)
    assert form.progress.max == 5 and form.progress.value == 5
    assert seen == [(n, True) for n in (1, 2, 3, 4, 5)]  # the button waits while the check runs
    assert not form.check_button.disabled


def test_the_notebook_call_makes_the_form_for_the_folder_given(cohort):
    form = wb.course_tutor(folder=cohort)
    assert isinstance(form, CourseTutor)
    assert Path(form.folder.value).expanduser() == cohort
    assert form.check() is not None and len(form.table.rows) == 5


def test_no_student_sentence_reaches_the_page(cohort):
    form = CourseTutor(folder=cohort)
    form.check()
    form.save()
    page = html_of(form.widget)
    assert "student-c.ipynb" in page  # the table is there ...
    assert PLANT not in page and "heron" not in page  # ... and no answer, nor the broken file's text
    assert "heron" not in repr(form) and "heron" not in repr(form.table)


def test_save_as_csv_writes_a_private_file_in_the_folder_by_default(cohort, monkeypatch):
    monkeypatch.setenv("HOME", str(cohort.parent))
    form = CourseTutor(folder=cohort, today=DAY)
    assert form.folder.value == "~/marking"  # the home folder shown as ~
    form.check()
    assert form.csv_path.value == "~/marking/cohort-2026-11-20.csv"
    written = form.save()
    assert written == cohort / "cohort-2026-11-20.csv"
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    rows = list(csv.DictReader(written.open(newline="")))
    assert [r["file"] for r in rows][1:4] == ["student-a.ipynb", "student-b.ipynb", "student-c.ipynb"]
    assert [r["met"] for r in rows] == ["", "yes", "yes", "no", ""]
    assert "Saved ~/marking/cohort-2026-11-20.csv" in text_of(form.save_status)
    assert PLANT not in written.read_text()


def test_a_relative_csv_name_is_saved_in_the_folder_checked(cohort):
    form = CourseTutor(folder=cohort)
    form.check()
    form.csv_path.value = "week 3.csv"
    assert form.save() == cohort / "week 3.csv"
    form.csv_path.value = str(cohort / "nowhere" / "x.csv")
    assert form.save() is None and "There is no folder" in text_of(form.save_status)


def test_saving_before_checking_is_refused(tmp_path):
    form = CourseTutor(folder=tmp_path)
    assert form.save() is None
    assert "Check the submissions first" in text_of(form.save_status)


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("", "Type the folder where the submissions are first."),
        ("missing", "There is no folder at"),
        ("empty", "There are no notebooks (.ipynb files) in"),
        ("afile.txt", "is a file, not a folder"),
    ],
)
def test_a_folder_that_cannot_be_checked_is_a_clear_status_line(tmp_path, typed, says):
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.txt").write_text("not a notebook")
    (tmp_path / "afile.txt").write_text("x")
    form = CourseTutor(folder=None)
    form.folder.value = str(tmp_path / typed) if typed else ""
    form.check_button.click()
    assert form.table is None
    assert says in text_of(form.status) and "⚠" in text_of(form.status)
    assert not is_shown(form.results) and form.save_button.disabled
    assert not form.log.outputs  # a refusal, not a traceback


def test_with_no_folder_given_nothing_is_checked():
    form = CourseTutor()
    assert form.folder.value == "" and form.table is None
    assert not is_shown(form.results) and not is_shown(form.progress)
    assert text_of(form.status) == ""


def test_a_file_name_is_shown_escaped(cohort):
    (cohort / "x<img src=q onerror=alert(1)>.ipynb").write_text("{")
    form = CourseTutor(folder=cohort)
    form.check()
    page = html_of(form.widget)
    assert "<img" not in page
    assert "x&lt;img src=q onerror=alert(1)&gt;.ipynb" in form.summary.value
    assert "x&lt;img src=q onerror=alert(1)&gt;.ipynb" in form.table_html.value
