"""Checking a submission against its assignment: hand-made notebooks that meet and miss each rule.

The notebooks are built here by hand, in the layout the student module writes (an answer cell per
section with ``metadata.workbook_assignment.section``, the mappings checklist, the depth line, the
confidentiality statement, pulled-in entries), so each rule can be missed on its own.
"""

from __future__ import annotations

import json

import nbformat
import pytest

from workbook import Journal
from workbook.content.assignments import (
    Assignment,
    AssignmentSection,
    JournalRequirements,
    Mapping,
    WordRange,
    load_assignments,
)
from workbook.course.check import PLACEHOLDERS, NotASubmissionError, check_submission, elements_available

# A sentence planted in every answer: it must never come out of the check.
PLANT = "the quokka ate my persimmon tart beside the lighthouse"
FILLER = "We sat in the kitchen and I asked how the week had gone for everyone at home. "
ANALYSIS = "According to Gibbs this links to what I learned about attachment because the pattern repeats. "
CONFIDENTIALITY = "I have changed every name in this piece and left out anything that could identify a person."

ASSIGNMENT = Assignment(
    id="test-reflection",
    title="A test reflection",
    introduction="Write about one visit.",
    confidentiality=CONFIDENTIALITY,
    sections=(
        AssignmentSection("description", "Description", "Say what happened.", WordRange(20, 60), 10, ("description",)),
        AssignmentSection("analysis", "Analysis", "Why did it happen?", WordRange(20, 80), 10, ("analysis",)),
        AssignmentSection("next", "Next steps", "What will you do next?", None, 5),
    ),
    word_limit=WordRange(60, 150),
    mappings=Mapping("pcf", 3),
    journal=JournalRequirements(min_entries=2, span_days=14, required_tags=("anxious",)),
    depth="dialogic",
)


def words(n: int, lead: str = FILLER) -> str:
    """Exactly ``n`` words: ``lead`` then the filler, cut at ``n``."""
    pool = (lead + FILLER * (n // 10 + 2)).split()
    return " ".join(pool[:n])


def good_answers() -> dict[str, str]:
    return {
        "description": words(40, PLANT + ". "),
        "analysis": words(40, PLANT + ". " + ANALYSIS),
        "next": words(15, PLANT + ". Next time I will ask for support. "),
    }


def good_entries() -> list[dict]:
    return [
        {"id": "e1", "occurred_on": "2026-10-01", "tags": ["anxious"]},
        {"id": "e2", "occurred_on": "2026-10-20", "tags": []},
    ]


def _answer(section: str, text: str, points: float = 0) -> nbformat.NotebookNode:
    nbgrader = {
        "grade": True,
        "solution": True,
        "locked": False,
        "task": False,
        "grade_id": f"answer-{section}",
        "points": points,
        "schema_version": 3,
    }
    return nbformat.v4.new_markdown_cell(
        text, metadata={"nbgrader": nbgrader, "workbook_assignment": {"section": section}}
    )


def _readonly(text: str, grade_id: str, extra: dict | None = None) -> nbformat.NotebookNode:
    nbgrader = {
        "grade": False,
        "solution": False,
        "locked": True,
        "task": False,
        "grade_id": grade_id,
        "schema_version": 3,
    }
    meta: dict = {"nbgrader": nbgrader}
    if extra:
        meta["workbook_assignment"] = extra
    return nbformat.v4.new_markdown_cell(text, metadata=meta)


def submission(
    assignment: Assignment = ASSIGNMENT,
    answers: dict[str, str | None] | None = None,
    *,
    ticked: tuple[str, ...] = ("Professionalism", "Knowledge", "Critical reflection and analysis"),
    depth: str | None = "dialogic",
    confidentiality: str | None = CONFIDENTIALITY,
    entries: list | None = None,
    entry_texts: tuple[str, ...] = (),
) -> nbformat.NotebookNode:
    """A submission; ``answers[id] = None`` leaves that section's answer cell out."""
    answers = good_answers() if answers is None else answers
    entries = good_entries() if entries is None else entries
    cells = [_readonly(assignment.introduction, "intro")]
    for section in assignment.sections:
        cells.append(_readonly(f"## {section.title}\n\n{section.prompt}", f"prompt-{section.id}"))
        if answers.get(section.id, "") is not None:
            cells.append(_answer(section.id, answers.get(section.id, ""), section.points))
    if assignment.mappings is not None:
        options = assignment.mappings.options.values()
        checklist = "\n".join(f"- [{'x' if label in ticked else ' '}] {label}" for label in options)
        cells += [_readonly("## Mapping", "prompt-mappings"), _answer("mappings", checklist)]
    if depth is not None:
        cells += [_readonly("## Depth", "prompt-depth"), _answer("depth", f"Depth: {depth}")]
    if confidentiality is not None:
        cells += [
            _readonly("## Confidentiality", "prompt-confidentiality"),
            _answer("confidentiality", confidentiality),
        ]
    ids = [e if isinstance(e, str) else e["id"] for e in entries]
    for n, entry_id in enumerate(ids, 1):
        text = entry_texts[n - 1] if n <= len(entry_texts) else f"### Entry {n}\n\nA visit, written up."
        cells.append(_readonly(text, f"entry-{n}", {"entry": entry_id}))
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["workbook_assignment"] = {
        "format": 1,
        "assignment": assignment.id,
        "title": assignment.title,
        "made_on": "2026-12-04",
        "entries": entries,
    }
    return nb


def result(report, item_id: str):
    matches = [item for item in report.items if item.id == item_id]
    assert matches, [item.id for item in report.items]
    return matches[0]


def check(nb, **options):
    return check_submission(nb, assignment=options.pop("assignment", ASSIGNMENT), **options)


def assert_no_student_text(report) -> None:
    shown = "\n".join([str(report), repr(report), report._repr_html_(), *(repr(i) for i in report.items)])
    for fragment in (PLANT, "quokka", "persimmon", "kitchen", "07700 900123", "Jo Example"):
        assert fragment not in shown


# -- a submission that meets every rule ---------------------------------------------------------------
def test_a_complete_submission_meets_every_requirement():
    report = check(submission())
    assert report.met, report.lines()
    assert report.words_by_section == {"description": 40, "analysis": 40, "next": 15}
    assert report.total_words == 95
    assert str(result(report, "section:description")) == "Description: 40 words (20–60): met"
    assert str(result(report, "words:total")) == "Whole submission: 95 words (60–150): met"
    assert str(result(report, "mappings")) == "PCF domains: 3 ticked (at least 3): met"
    assert str(result(report, "identifiers")) == "Identifiers: none found: met"
    assert str(result(report, "depth")) == "Depth: dialogic reflection (at least dialogic reflection expected): met"
    assert str(result(report, "entries:count")) == "Journal entries: 2 entries pulled in (at least 2): met"
    assert (
        str(result(report, "entries:span")) == "Span of entries: 19 days between the first and last (at least 14): met"
    )
    assert result(report, "entries:tag:anxious").met
    assert result(report, "confidentiality").met
    assert (
        repr(report)
        == f"<CheckReport test-reflection met=True {len(report.requirements)}/{len(report.requirements)} words=95>"
    )
    assert_no_student_text(report)


def test_a_path_and_a_notebook_give_the_same_report(tmp_path):
    path = tmp_path / "sub.ipynb"
    nbformat.write(submission(), path)
    assert check(path).lines() == check(submission()).lines()
    assert check(str(path)).file == "sub.ipynb"


# -- sections and words -------------------------------------------------------------------------------
@pytest.mark.parametrize(("n", "met"), [(19, False), (20, True), (60, True), (61, False)])
def test_words_of_a_section_must_be_within_its_range(n, met):
    answers = good_answers() | {"description": words(n)}
    item = result(check(submission(answers=answers)), "section:description")
    assert item.met is met
    assert str(item) == f"Description: {n} words (20–60): {'met' if met else 'not met'}"


def test_words_of_the_whole_submission_under_and_over():
    short = {"description": words(20), "analysis": words(20, ANALYSIS), "next": words(5)}
    report = check(submission(answers=short))
    assert str(result(report, "words:total")) == "Whole submission: 45 words (60–150): not met"
    assert not report.met
    assert [i.id for i in report.not_met] == ["words:total"]
    long = {"description": words(60), "analysis": words(80, ANALYSIS), "next": words(30)}
    assert (
        str(result(check(submission(answers=long)), "words:total")) == "Whole submission: 170 words (60–150): not met"
    )


def test_an_empty_section_the_placeholder_or_the_prompt_is_not_written():
    for text, detail in [
        ("", "empty"),
        ("   \n\n", "empty"),
        ("<!-- write here -->", "empty"),
        (PLACEHOLDERS[0], "not written yet"),
        ("Why did it   happen?", "not written yet"),
    ]:
        report = check(submission(answers=good_answers() | {"analysis": text}))
        item = result(report, "section:analysis")
        assert not item.met
        assert str(item) == f"Analysis: {detail}: not met"
        assert report.words_by_section["analysis"] == 0


def test_a_missing_answer_cell_is_not_met():
    report = check(submission(answers=good_answers() | {"next": None}))
    assert str(result(report, "section:next")) == "Next steps: missing (no answer cell): not met"


def test_a_section_without_a_word_range_only_needs_writing():
    item = result(check(submission()), "section:next")
    assert str(item) == "Next steps: written, 15 words: met"


def test_the_confidentiality_statement_must_be_kept():
    assert not result(check(submission(confidentiality="I changed some names.")), "confidentiality").met
    assert not result(check(submission(confidentiality=None)), "confidentiality").met
    kept = check(submission(confidentiality="  " + CONFIDENTIALITY.replace(" ", "\n", 3)))
    assert result(kept, "confidentiality").met


# -- mappings ----------------------------------------------------------------------------------------
def test_too_few_mappings_ticked():
    report = check(submission(ticked=("Professionalism", "Knowledge")))
    assert str(result(report, "mappings")) == "PCF domains: 2 ticked, at least 3 needed: not met"
    assert not report.met


def test_a_ticked_line_that_is_no_domain_does_not_count():
    nb = submission(ticked=("Professionalism", "Knowledge"))
    cell = next(c for c in nb.cells if c.metadata.get("workbook_assignment", {}).get("section") == "mappings")
    cell.source += "\n- [x] Something else entirely\n- [X] knowledge"
    assert str(result(check(nb), "mappings")) == "PCF domains: 2 ticked, at least 3 needed: not met"


def test_nmc_code_themes_are_named_as_such():
    nmc = Assignment(**{**ASSIGNMENT.__dict__, "mappings": Mapping("nmc-code", 2)})
    report = check(submission(nmc, ticked=("Prioritise people",)), assignment=nmc)
    assert str(result(report, "mappings")) == "NMC Code themes: 1 ticked, at least 2 needed: not met"


# -- identifiers -------------------------------------------------------------------------------------
def test_a_phone_number_fails_naming_its_kind_and_section_never_the_number():
    answers = good_answers()
    answers["description"] = answers["description"].replace("kitchen", "kitchen and she gave me 07700 900123", 1)
    report = check(submission(answers=answers))
    item = result(report, "identifiers")
    assert str(item) == "Identifiers: a phone number in Description: not met"
    assert not report.met
    assert_no_student_text(report)


@pytest.fixture
def journal(tmp_path):
    with Journal(tmp_path / "journal.db") as journal:
        journal.people.add("Parent A", "parent", ["Jo Example"])
        yield journal


def test_a_registered_name_fails_with_the_journal(journal):
    answers = good_answers()
    answers["analysis"] = answers["analysis"] + " Jo Example said it was fine."
    with_journal = check(submission(answers=answers), journal=journal)
    assert str(result(with_journal, "identifiers")) == "Identifiers: a registered name in Analysis: not met"
    assert_no_student_text(with_journal)
    # without the register the name is at most a guess, which does not fail
    assert result(check(submission(answers=answers)), "identifiers").met


def test_identifiers_in_a_pulled_in_entry_are_found_too():
    report = check(submission(entry_texts=("### Entry 1\n\nCall her on 07700 900123.",)))
    assert str(result(report, "identifiers")) == "Identifiers: a phone number in pulled-in entry 1: not met"


def test_the_checklist_labels_and_the_statement_are_not_taken_for_names():
    report = check(submission())
    assert not [i for i in report.items if i.id == "identifiers:possible" and "mappings" in i.detail]
    assert not [i for i in report.items if i.id == "identifiers:possible" and "confidentiality" in i.detail]


# -- depth -------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("line", "met"),
    [
        ("descriptive-writing", False),
        ("descriptive-reflection", False),
        ("dialogic", True),
        ("Critical reflection", True),
        ("critical", True),
    ],
)
def test_the_depth_must_be_at_least_the_expected(line, met):
    assert result(check(submission(depth=line)), "depth").met is met


def test_a_depth_too_shallow_or_not_chosen():
    shallow = result(check(submission(depth="descriptive-reflection")), "depth")
    assert str(shallow) == "Depth: descriptive reflection (at least dialogic reflection expected): not met"
    for depth in ("", "very deep", None):
        item = result(check(submission(depth=depth)), "depth")
        assert str(item) == "Depth: not chosen (at least dialogic reflection expected): not met"


# -- journal entries ---------------------------------------------------------------------------------
def test_too_few_entries():
    report = check(submission(entries=good_entries()[:1]))
    assert str(result(report, "entries:count")) == "Journal entries: 1 entry pulled in (at least 2): not met"


def test_a_span_too_short():
    entries = [
        {"id": "e1", "occurred_on": "2026-10-01", "tags": ["anxious"]},
        {"id": "e2", "occurred_on": "2026-10-10"},
    ]
    item = result(check(submission(entries=entries)), "entries:span")
    assert str(item) == "Span of entries: 9 days between the first and last (at least 14): not met"


def test_a_required_tag_missing():
    entries = [
        {"id": "e1", "occurred_on": "2026-10-01", "tags": []},
        {"id": "e2", "occurred_on": "2026-10-20", "tags": []},
    ]
    item = result(check(submission(entries=entries)), "entries:tag:anxious")
    assert str(item) == "Tag “anxious”: on no entry pulled in: not met"


def test_dates_and_tags_unknown_without_the_journal_are_not_met():
    report = check(submission(entries=["e1", "e2"]))
    assert result(report, "entries:count").met
    assert "not known without the journal" in result(report, "entries:span").detail
    assert not result(report, "entries:span").met
    assert not result(report, "entries:tag:anxious").met


def test_dates_and_tags_come_from_the_journal(journal):
    early = journal.add(title="Visit", occurred_on="2026-09-01", tags=["anxious"])
    late = journal.add(title="Visit again", occurred_on="2026-09-10")
    report = check(submission(entries=[early.id, late.id]), journal=journal)
    assert (
        str(result(report, "entries:span"))
        == "Span of entries: 9 days between the first and last (at least 14): not met"
    )
    assert result(report, "entries:tag:anxious").met
    later = journal.add(title="Visit three", occurred_on="2026-10-01")
    report = check(submission(entries=[early.id, late.id, later.id]), journal=journal)
    assert result(report, "entries:span").met


# -- elements of reflection ----------------------------------------------------------------------------
needs_elements = pytest.mark.skipif(not elements_available(), reason="course.elements is not there")


@needs_elements
def test_elements_found_are_listed_and_only_expected_ones_fail():
    report = check(submission())
    assert result(report, "elements:analysis:analysis").met
    note = result(report, "elements:next")
    assert note.required is False and note.met
    assert "change (1 sentence)" in note.detail
    answers = good_answers() | {"analysis": words(40)}  # no theory, no "because"
    missing = result(check(submission(answers=answers)), "elements:analysis:analysis")
    assert str(missing) == "Analysis, element analysis: not found (expected here): not met"
    # an element found where none is expected is a note, never a failure
    assert all(i.met for i in check(submission()).items if i.id.startswith("elements:next"))


@needs_elements
def test_elements_name_the_elements_and_count_sentences_only():
    report = check(submission())
    for item in report.items:
        if item.id.startswith("elements:"):
            assert PLANT not in item.detail and "Gibbs" not in item.detail


# -- what is not a submission ------------------------------------------------------------------------
def test_broken_json_is_not_a_submission(tmp_path):
    path = tmp_path / "broken.ipynb"
    path.write_text('{"cells": [' + json.dumps(PLANT) + ", ")
    with pytest.raises(NotASubmissionError) as caught:
        check_submission(path)
    assert str(caught.value).startswith("broken.ipynb is not a notebook: it could not be read as JSON")
    assert "quokka" not in str(caught.value)


def test_a_notebook_without_the_metadata_is_not_a_submission(tmp_path):
    path = tmp_path / "plain.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(PLANT)]), path)
    with pytest.raises(NotASubmissionError, match="no workbook_assignment metadata") as caught:
        check_submission(path)
    assert "quokka" not in str(caught.value)


def test_another_assignments_notebook_is_refused_when_an_assignment_is_given():
    other = Assignment(**{**ASSIGNMENT.__dict__, "id": "another-one"})
    with pytest.raises(NotASubmissionError, match="another assignment"):
        check_submission(submission(other), assignment=ASSIGNMENT)


def test_an_unknown_assignment_asks_for_the_rubric():
    with pytest.raises(NotASubmissionError, match="--rubric"):
        check_submission(submission())


def test_a_rubric_file_can_be_given(tmp_path):
    rubric = tmp_path / "rubric.yaml"
    rubric.write_text(
        "id: test-reflection\ntitle: From a file\nintroduction: x\nconfidentiality: x\n"
        "sections:\n  - {id: description, title: What happened, prompt: Say, words: {min: 50}}\n"
    )
    report = check_submission(submission(), assignment=rubric)
    assert report.title == "From a file"
    assert str(result(report, "section:description")) == "What happened: 40 words (at least 50): not met"


# -- the bundled assignments and the student's notebook ------------------------------------------------
def test_a_fresh_student_notebook_is_not_met_and_says_why():
    from workbook.course.student import ANSWER_PLACEHOLDER, assignment_notebook

    assert ANSWER_PLACEHOLDER in PLACEHOLDERS
    assignment = load_assignments(warn=False)["gibbs-critical-incident"]
    report = check_submission(assignment_notebook(assignment))
    assert not report.met
    assert all(str(result(report, f"section:{s.id}")).endswith("not written yet: not met") for s in assignment.sections)
    assert result(report, "confidentiality").met
    assert str(result(report, "mappings")) == "PCF domains: 0 ticked, at least 3 needed: not met"
    assert [i for i in report.items if i.id.startswith("identifiers")] == [result(report, "identifiers")]


def test_dates_and_tags_may_be_carried_on_the_entry_cells():
    nb = submission(entries=["e1", "e2"])
    facts = {"e1": {"occurred_on": "2026-10-01", "tags": ["anxious"]}, "e2": {"occurred_on": "2026-10-30", "tags": []}}
    for cell in nb.cells:
        info = cell.metadata.get("workbook_assignment", {})
        if "entry" in info:
            info.update(facts[info["entry"]])
    report = check(nb)
    assert (
        str(result(report, "entries:span")) == "Span of entries: 29 days between the first and last (at least 14): met"
    )
    assert result(report, "entries:tag:anxious").met


def test_several_identifiers_are_counted_by_kind_and_place():
    answers = good_answers()
    answers["description"] += " Ring 07700 900123 or 07700 900456, or write to someone@example.org."
    item = result(check(submission(answers=answers)), "identifiers")
    assert item.detail == "2 phone numbers in Description; an email address in Description"


@needs_elements
def test_a_broken_rules_file_leaves_the_elements_unchecked_and_the_rest_checked(monkeypatch):
    from workbook.course import elements
    from workbook.errors import DataFileError

    def broken(*args, **kwargs):
        raise DataFileError("elements.yaml", 3, "a rule is broken")

    monkeypatch.setattr(elements, "load_rules", broken)
    report = check(submission())
    assert (
        str(result(report, "elements"))
        == "Elements of reflection: not checked (elements.yaml, line 3: a rule is broken)"
    )
    assert report.met
    assert not [i for i in report.items if i.id.startswith("elements:")]


def test_markdown_cells_the_student_added_below_an_answer_count_for_that_section():
    nb = submission(answers=good_answers() | {"analysis": PLACEHOLDERS[0]})
    at = next(
        i for i, c in enumerate(nb.cells) if c.metadata.get("workbook_assignment", {}).get("section") == "analysis"
    )
    nb.cells.insert(at + 1, nbformat.v4.new_markdown_cell(words(25, ANALYSIS)))
    nb.cells.insert(at + 2, nbformat.v4.new_code_cell("print(1)"))
    nb.cells.insert(at + 3, nbformat.v4.new_markdown_cell(words(10)))
    report = check(nb)
    assert str(result(report, "section:analysis")) == "Analysis: 35 words (20–80): met"
    # the next prompt cell ends the section: the next section's words are its own
    assert report.words_by_section["next"] == 15
