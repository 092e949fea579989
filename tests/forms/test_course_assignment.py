"""The course assignment form of notebook 08 (``wb.course_assignment``), driven from Python.

Starting writes the notebook of the chosen assignment with the chosen journal entries
(de-identified); what the assignment asks is shown under the choice; checking a filled
notebook shows every requirement met, and one missing a section shows that section not met
(✓ / ✗ and the words met / not met); the elements of reflection of a section are shown with
the student's own sentences, escaped; no status line, message or repr ever carries a word the
student or the journal holds.
"""

from __future__ import annotations

import os
import stat
import time

import nbformat
import pytest
from form_helpers import text_of

import workbook as wb
from workbook.content.assignments import load_assignments
from workbook.forms.course import CourseAssignment, assignment_summary, lab_link
from workbook.paths import assignments_dir, shown

ALIAS = "Quenby Thistlewood"
SECRET = "persimmon lighthouse"  # words of an entry and of the answers, never in a status line
REFLECTION = (
    "We met in the kitchen and I explained why I had come. I felt anxious before the visit. "
    "According to Gibbs this links to my training because the pattern repeats. "
    "From her point of view the visit may have felt like a judgement. What went well was that I listened. "
    "Next time I will ask for support. "
)
MARKUP = "I felt <b>scared</b> & small when the door opened."


@pytest.fixture
def journal():
    j = wb.open_journal(":memory:")
    j.people.add("Parent Willow", "parent", aliases=[ALIAS])
    j.add(title="First visit", occurred_on="2026-10-01", narrative=f"{ALIAS} showed me the {SECRET}.", tags=["anxious"])
    j.add(title="Second visit", occurred_on="2026-11-01", narrative=f"Back at the {SECRET} again.")
    j.add(title="Team meeting", occurred_on="2026-11-20", narrative="Nothing for the assignment.")
    yield j
    j.close()


@pytest.fixture
def form(journal, tmp_path):
    return CourseAssignment(journal, folder=tmp_path)


def _entry(journal, title):
    return next(e for e in journal.entries() if e.title == title)


def _words(n: int, lead: str) -> str:
    pool = (lead + " ") * (n // max(1, len(lead.split())) + 2)
    return " ".join(pool.split()[:n])


def _fill(path, *, leave_out: str | None = None, lead: str = REFLECTION) -> None:
    """Write every answer of the notebook as a student would, inside each range, and save it."""
    nb = nbformat.read(path, as_version=4)
    assignment = load_assignments(warn=False)[nb.metadata["workbook_assignment"]["assignment"]]
    for cell in nb.cells:
        section_id = cell.metadata.get("workbook_assignment", {}).get("section")
        if section_id == "mappings":
            lines = cell.source.splitlines()
            cell.source = "\n".join(
                line.replace("[ ]", "[x]", 1) if i < assignment.mappings.min else line for i, line in enumerate(lines)
            )
        elif section_id == "depth":
            cell.source = "Depth: critical"
        elif section_id in assignment.section_ids and section_id != leave_out:
            limits = assignment.section(section_id).words
            low = limits.min if limits and limits.min is not None else 50
            high = limits.max if limits and limits.max is not None else low + 300
            cell.source = _words((low + high) // 2, SECRET + ". " + lead)
    nbformat.write(nb, path)


def _statuses(form) -> str:
    labels = [form.create_status, form.create_error, form.check_status, form.check_error]
    labels += [form.export_status, form.export_error]
    return " ".join(text_of(label) for label in labels)


def _assert_no_private_text(form) -> None:
    said = _statuses(form) + repr(form) + form._repr_mimebundle_()["text/plain"]
    for words in (ALIAS, "Thistlewood", SECRET, "persimmon", "kitchen", "scared", "First visit", "Second visit"):
        assert words.casefold() not in said.casefold(), words


def test_what_the_assignment_asks_is_shown_under_the_choice(form):
    library = load_assignments(warn=False)
    assert list(form.assignment.options[0]) == [library["gibbs-critical-incident"].title, "gibbs-critical-incident"]
    about = text_of(form.about)
    gibbs = library["gibbs-critical-incident"]
    for part in gibbs.sections:
        assert part.title in about
    assert "200–400 words" in about and "1,500–2,500 words" in about
    assert "Professional Capabilities Framework" in about and "Dialogic reflection" in about
    form.assignment.value = "nmc-reflective-account"
    assert "NMC Code" in text_of(form.about) and "Professional Capabilities" not in text_of(form.about)


def test_the_summary_escapes_a_tutors_own_wording(tmp_path):
    from workbook.content.assignments import parse_assignment

    source = load_assignments(warn=False)["driscoll-short"].source
    doc = open(source, encoding="utf-8").read().replace("    title:", "    title: '<script>x</script>' #", 1)
    (tmp_path / "mine.yaml").write_text(doc, encoding="utf-8")
    html = assignment_summary(parse_assignment(tmp_path / "mine.yaml"))
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_entries_are_offered_newest_first_with_dates(form, journal):
    labels = [label for label, _ in form.entries.options]
    assert labels == ["20 Nov 2026 · Team meeting", "01 Nov 2026 · Second visit", "01 Oct 2026 · First visit"]


def test_create_writes_the_chosen_assignment_with_the_chosen_entries(form, journal, tmp_path):
    first = _entry(journal, "First visit")
    form.assignment.value = "driscoll-short"
    form.entries.value = (first.id,)
    path = form.create()
    assert path is not None and path.parent == tmp_path and path.name.startswith("driscoll-short-")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    nb = nbformat.read(path, as_version=4)
    meta = nb.metadata["workbook_assignment"]
    assert meta["assignment"] == "driscoll-short" and meta["entries"] == [first.id]
    text = path.read_text(encoding="utf-8")
    assert "Parent Willow" in text and ALIAS not in text  # de-identified with the register
    status = text_of(form.create_status)
    assert "Written" in status and shown(path) in status and "1 journal entry" in status
    assert form.submission.value == str(path)  # ready to be checked
    _assert_no_private_text(form)


def test_the_default_folder_is_the_private_assignments_folder(journal):
    form = CourseAssignment(journal)
    path = form.create()
    assert path.parent == assignments_dir()
    assert shown(path) in text_of(form.create_status)


def test_a_link_opens_it_in_lab_only_when_under_this_notebooks_folder(tmp_path):
    inside = tmp_path / "assignments" / "a b.ipynb"
    assert lab_link(inside, tmp_path) == "assignments/a%20b.ipynb"
    assert lab_link(tmp_path.parent / "elsewhere.ipynb", tmp_path) is None


def test_the_link_is_shown_when_the_folder_is_under_the_working_folder(journal, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    form = CourseAssignment(journal, folder=tmp_path / "assignments")
    path = form.create()
    assert f"href='assignments/{path.name}'" in form.create_status.value


def test_a_filled_notebook_meets_every_requirement(form, journal):
    form.entries.value = (_entry(journal, "First visit").id, _entry(journal, "Second visit").id)
    path = form.create()
    _fill(path)
    report = form.check()
    assert report.met, [i.id for i in report.not_met]
    assert "wb-ca-not-met" not in form.checklist.value
    assert form.checklist.value.count("wb-ca-met") == len(report.requirements)
    status = text_of(form.check_status)
    assert f"{len(report.requirements)} of {len(report.requirements)} requirements met." in status
    assert "✓ met" in text_of(form.checklist)
    _assert_no_private_text(form)


def test_a_missing_section_is_shown_not_met(form, journal):
    form.entries.value = (_entry(journal, "First visit").id,)
    path = form.create()
    _fill(path, leave_out="analysis")
    report = form.check()
    assert not report.met
    missing = [line for line in text_of(form.checklist).splitlines() if "✗ not met" in line]
    assert any("Analysis: not written yet" in line for line in missing)
    assert "✗ not met — Analysis" in text_of(form.checklist)
    assert "✓ met — Description" in text_of(form.checklist)
    assert "not met yet" in text_of(form.check_status)
    assert "wb-ca-section-analysis" in form.elements.value
    _assert_no_private_text(form)


def test_elements_are_shown_for_a_section_with_its_sentences_escaped(form, journal):
    path = form.create()
    _fill(path, lead=MARKUP + " " + REFLECTION)
    form.check()
    html = form.elements.value
    feelings = html.split("wb-ca-section-feelings")[1].split("wb-ca-section-")[0]
    assert "Your feelings" in feelings and "(expected here)" in feelings
    assert "I felt anxious before the visit." in feelings
    assert "&lt;b&gt;scared&lt;/b&gt; &amp; small" in html and "<b>scared</b>" not in html
    assert "Next time I will ask for support." in html and "What will change" in html
    _assert_no_private_text(form)


def test_an_unfilled_notebook_lists_what_is_not_met(form):
    form.create()
    report = form.check()
    assert not report.met
    assert text_of(form.checklist).count("✗ not met") == len(report.not_met) > 3
    assert "Not written yet." in text_of(form.elements)


def test_the_check_reads_the_notebooks_in_the_folder_newest_first(form, journal, tmp_path):
    older = form.create()
    os.utime(older, (time.time() - 3600, time.time() - 3600))
    newer = form.create()
    form.refresh()
    assert [v for _, v in form.submission.options] == [str(newer), str(older)]


def test_a_file_that_is_not_an_assignment_is_refused_by_name(form, tmp_path):
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(SECRET)]), tmp_path / "notes.ipynb")
    form.refresh()
    form.submission.value = str(tmp_path / "notes.ipynb")
    assert form.check() is None
    assert "notes.ipynb is not an assignment notebook" in text_of(form.check_error)
    assert form.checklist.value == "" and form.elements.value == ""
    _assert_no_private_text(form)


def test_an_empty_folder_says_there_is_nothing_to_check(journal, tmp_path):
    form = CourseAssignment(journal, folder=tmp_path / "none-yet")
    assert form.check_button.disabled and "No assignment notebooks yet" in text_of(form.check_status)


def test_the_web_page_to_hand_in_is_written_beside_the_notebook(form, journal):
    form.entries.value = (_entry(journal, "First visit").id,)
    path = form.create()
    _fill(path)
    page = form.export()
    assert page == path.with_suffix(".html") and stat.S_IMODE(page.stat().st_mode) == 0o600
    assert "I felt anxious before the visit." in page.read_text(encoding="utf-8")
    assert ALIAS not in page.read_text(encoding="utf-8")
    assert "Written" in text_of(form.export_status) and shown(page) in text_of(form.export_status)
    assert [v for _, v in form.submission.options] == [str(path)]  # the page is not offered to check
    _assert_no_private_text(form)


def test_a_page_with_a_phone_number_is_refused_without_the_number(form):
    path = form.create()
    _fill(path, lead="Ring me on 07700 900123 tomorrow. " + REFLECTION)
    assert form.export() is None
    refusal = text_of(form.export_error)
    assert "Not written" in refusal and "phone" in refusal and "900123" not in refusal
    assert not path.with_suffix(".html").exists()
    _assert_no_private_text(form)
