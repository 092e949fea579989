"""course/student.py: the notebook a student completes for an assignment.

Its metadata names the assignment; each section has a locked prompt and one manually graded
answer cell that nbgrader's own validator accepts, with the workbook's mark kept out of
nbgrader's metadata; it is written 0600 into the private workspace and never over an earlier
one; entries pulled in are de-identified (no registered name reaches the file) and shown,
never run; nothing of a kernel's state is kept.
"""

from __future__ import annotations

import copy
import datetime as dt
import html
import json
import re
import stat

import jsonschema
import nbformat
import pytest
from nbgrader.nbgraderformat.v3 import MetadataValidatorV3

from workbook.content import PCF_DOMAINS, load_assignments
from workbook.course import ANSWER_PLACEHOLDER, assignment_notebook, new_assignment_notebook
from workbook.errors import NotFoundError, ValidationError
from workbook.paths import assignments_dir

DAY = dt.date(2026, 11, 30)
SECRET = "the spare key is under the third flowerpot"


@pytest.fixture(scope="module")
def gibbs():
    return load_assignments([], warn=False)["gibbs-critical-incident"]


def _answers(nb) -> dict[str, nbformat.NotebookNode]:
    return {
        c.metadata["workbook_assignment"]["section"]: c
        for c in nb.cells
        if "section" in c.metadata.get("workbook_assignment", {})
    }


def test_the_notebook_names_the_assignment(gibbs):
    nb = assignment_notebook(gibbs, made_on=DAY)
    assert nb.metadata["workbook_assignment"] == {
        "format": 1,
        "assignment": "gibbs-critical-incident",
        "title": gibbs.title,
        "made_on": "2026-11-30",
        "entries": [],
    }
    assert nb.cells[0].source.startswith(f"# {gibbs.title}") and "1,500–2,500 words" in nb.cells[0].source


def test_one_graded_answer_cell_per_section(gibbs):
    nb = assignment_notebook(gibbs, made_on=DAY)
    answers = _answers(nb)
    assert list(answers) == [*gibbs.section_ids, "mappings", "depth", "confidentiality"]
    for section in gibbs.sections:
        cell = answers[section.id]
        assert cell.cell_type == "markdown" and cell.source == ANSWER_PLACEHOLDER
        assert cell.metadata["nbgrader"] == {
            "grade": True,
            "grade_id": f"answer-{section.id}",
            "locked": False,
            "points": section.points,
            "schema_version": 3,
            "solution": True,
            "task": False,
        }
        prompt = nb.cells[nb.cells.index(cell) - 1]
        assert prompt.source.startswith(f"## {section.title}") and section.prompt in prompt.source
        assert prompt.metadata["nbgrader"]["locked"] and not prompt.metadata["nbgrader"]["grade"]
    for cell in nb.cells:
        assert "workbook_assignment" not in cell.metadata.get("nbgrader", {})
        assert cell.metadata.get("nbgrader", {}).get("grade_id"), "every cell is known to nbgrader"


def test_the_mapping_depth_and_confidentiality_cells(gibbs):
    answers = _answers(assignment_notebook(gibbs, made_on=DAY))
    assert answers["mappings"].source.splitlines() == [f"- [ ] {label}" for label in PCF_DOMAINS.values()]
    assert answers["depth"].source.strip() == "Depth:"
    assert answers["confidentiality"].source == gibbs.confidentiality
    driscoll = load_assignments([], warn=False)["driscoll-short"]
    assert "mappings" not in _answers(assignment_notebook(driscoll, made_on=DAY))


def test_nbgraders_own_validator_accepts_it_and_refuses_an_extra_key(gibbs):
    nb = assignment_notebook(gibbs, made_on=DAY)
    MetadataValidatorV3().validate_nb(copy.deepcopy(nb))
    spoiled = copy.deepcopy(nb)
    _answers(spoiled)["analysis"].metadata["nbgrader"]["section"] = "analysis"
    with pytest.raises(jsonschema.ValidationError, match="'section' was unexpected"):
        MetadataValidatorV3().validate_nb(spoiled)


def test_it_is_written_private_in_the_workspace_and_never_over_another(gibbs):
    first = new_assignment_notebook(gibbs, made_on=DAY)
    assert first == assignments_dir() / "gibbs-critical-incident-2026-11-30.ipynb"
    assert stat.S_IMODE(first.stat().st_mode) == 0o600
    assert stat.S_IMODE(first.parent.stat().st_mode) == 0o700
    first.write_text(first.read_text(encoding="utf-8").replace(ANSWER_PLACEHOLDER, "My own work", 1), encoding="utf-8")
    second = new_assignment_notebook(gibbs, made_on=DAY)
    assert second.name == "gibbs-critical-incident-2026-11-30-2.ipynb"
    assert "My own work" in first.read_text(encoding="utf-8")
    assert [p.name for p in first.parent.iterdir() if p.name.startswith(".")] == []


def test_a_folder_can_be_named(gibbs, tmp_path):
    path = new_assignment_notebook(gibbs, folder=tmp_path / "placement", made_on=DAY)
    assert path.parent == tmp_path / "placement" and stat.S_IMODE(path.stat().st_mode) == 0o600
    (tmp_path / "a-file").write_text("x")
    with pytest.raises(ValidationError, match="folder"):
        new_assignment_notebook(gibbs, folder=tmp_path / "a-file")


def test_pulled_in_entries_are_de_identified(gibbs, journal):
    entry = journal.add(
        title="Visit with Jo Example",
        occurred_on="2026-11-20",
        template="gibbs",
        responses={"description": "Jo Example rang on 07700 900123 and Fred Bloggs answered."},
        narrative=f"<script>alert(1)</script> {SECRET}",
    )
    path = new_assignment_notebook(gibbs, journal=journal, entry_ids=[entry.id[:8]], made_on=DAY)
    raw = path.read_text(encoding="utf-8")
    assert "Jo Example" not in raw and "07700" not in raw and "Fred Bloggs" not in raw
    assert "<script>" not in raw
    nb = nbformat.read(path, as_version=4)
    assert nb.metadata["workbook_assignment"]["entries"] == [entry.id]
    cell = nb.cells[-1]
    facts = {"entry": entry.id, "occurred_on": "2026-11-20", "tags": []}
    assert cell.metadata["workbook_assignment"] == facts and cell.metadata["nbgrader"]["locked"]
    assert "Parent A" in cell.source and "\\[phone\\]" in cell.source and "\\[name 1\\]" in cell.source
    assert "**Description**" in cell.source and "20 November 2026" in cell.source
    MetadataValidatorV3().validate_nb(nb)


HOSTILE = [
    "<script>alert('x')</script>",
    "<img src=x onerror=alert(1)>",
    "[click me](javascript:alert(1))",
    "see http://tracker.example/p.png and www.example.org",
    "**bold** and <b>raw html</b> & $x^2$",
    "# not a heading",
    "1. not a list",
    "- not a bullet",
    "> not a quote",
]


def test_entry_text_is_shown_as_typed_never_as_markup(gibbs, journal):
    import mistune

    entry = journal.add(title="Markup", narrative="\n".join(HOSTILE))
    nb = assignment_notebook(gibbs, journal=journal, entry_ids=[entry.id])
    rendered = mistune.html(nb.cells[-1].source.split("**Notes**", 1)[1])
    for tag in ("<script", "<img", "<a ", "<b>", "<strong>", "<h1", "<ol", "<ul", "<blockquote"):
        assert tag not in rendered, (tag, rendered)
    shown = html.unescape(re.sub(r"<[^>]+>", "", rendered))
    for line in HOSTILE:
        assert line in shown, line


def test_entries_need_their_journal(gibbs, journal):
    entry = journal.add(title="One")
    with pytest.raises(ValidationError, match="open the journal"):
        assignment_notebook(gibbs, entry_ids=[entry.id])
    with pytest.raises(NotFoundError):
        assignment_notebook(gibbs, journal=journal, entry_ids=["ffffffff"])
    journal.delete(entry.id)
    with pytest.raises(ValidationError, match="in the trash") as caught:
        assignment_notebook(gibbs, journal=journal, entry_ids=[entry.id])
    assert "One" not in str(caught.value)


def test_no_outputs_or_widget_state(gibbs):
    text = json.loads(nbformat.writes(assignment_notebook(gibbs, made_on=DAY)))
    assert all(c["cell_type"] == "markdown" and "outputs" not in c for c in text["cells"])
    assert "widgets" not in text["metadata"] and text["metadata"]["reflective_workbook"] == {"clean_on_save": True}


def test_a_tutor_can_check_the_entries_requirements_without_the_journal(gibbs, journal):
    """Each pulled-in entry's date and tag ids go with it (no text), so span and required tags
    are checked from the notebook alone, as a tutor has it."""
    import dataclasses

    from workbook.content.assignments import JournalRequirements
    from workbook.course.check import check_submission

    first = journal.add(title="First", occurred_on="2026-10-01", tags=["anxious"])
    last = journal.add(title="Last", occurred_on="2026-11-20", tags=["held"])
    needs = JournalRequirements(min_entries=2, span_days=30, required_tags=("anxious", "held"))
    rubric = dataclasses.replace(gibbs, journal=needs)
    nb = assignment_notebook(rubric, journal=journal, entry_ids=[first.id, last.id], made_on=DAY)
    results = {r.id: r for r in check_submission(nb, assignment=rubric).items if r.id.startswith("entries:")}
    assert set(results) == {"entries:count", "entries:span", "entries:tag:anxious", "entries:tag:held"}
    assert all(r.met for r in results.values()), [(r.id, r.detail) for r in results.values()]
