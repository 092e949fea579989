"""The submission page: a completed assignment notebook as one offline web page, written only
after the leak check passes on the very bytes.

Notebooks are made by the student module (``new_assignment_notebook``) and filled here, as a
student fills them in JupyterLab.
"""

from __future__ import annotations

import json
import re
import stat
from html.parser import HTMLParser
from pathlib import Path

import pytest

from workbook import Journal
from workbook.content.assignments import load_assignments
from workbook.course.check import NotASubmissionError, check_submission
from workbook.course.student import ANSWER_PLACEHOLDER, new_assignment_notebook
from workbook.course.submission import NOT_WRITTEN, UnsafeSubmissionError, export_submission, submission_html
from workbook.errors import ValidationError
from workbook.supervision.html import CSP

GIBBS = "gibbs-critical-incident"
PHONE = "07700 900123"
HOSTILE = (
    "<script>window.__ran = 'script'</script> and <style>body{display:none}</style>\n\n"
    "<img src=x onerror=\"window.__ran = 'img'\"> then [a link](javascript:window.__ran='link') "
    'and <a href="javascript:alert(1)">raw</a>, src=//tracker.example/p.png and url(//x.example/b.png)'
)


@pytest.fixture(autouse=True)
def _no_tutor_folder(monkeypatch):
    monkeypatch.delenv("WORKBOOK_ASSIGNMENTS", raising=False)


def _answer(section_id: str) -> str:
    return (
        f"In the {section_id.replace('_', ' ')} part I think about the home visit to the family, and how I "
        f"felt when the meeting ran late. Marker {section_id}-word."
    )


def _fill(path: Path, answers: dict[str, str] | None = None, *, ticks: int = 3, depth: str = "dialogic") -> Path:
    """Fill the notebook at ``path`` as a student would: each section's answer cell, ticks, depth."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        section = cell["metadata"].get("workbook_assignment", {}).get("section")
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        if section == "mappings":
            cell["source"] = source.replace("[ ]", "[x]", ticks)
        elif section == "depth":
            cell["source"] = f"Depth: {depth}"
        elif section and section != "confidentiality":
            cell["source"] = _answer(section) if answers is None else answers.get(section, source)
    path.write_text(json.dumps(nb), encoding="utf-8")
    return path


@pytest.fixture
def gibbs():
    return load_assignments(warn=False)[GIBBS]


@pytest.fixture
def completed(tmp_path, gibbs):
    return _fill(new_assignment_notebook(gibbs, folder=tmp_path))


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.texts: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.texts.append(data)


def _parsed(page: str) -> _Tags:
    parser = _Tags()
    parser.feed(page)
    return parser


def _body_text(page: str) -> str:
    return " ".join(" ".join(_parsed(page.split("<body>", 1)[1]).texts).split())


def test_a_completed_notebook_becomes_a_page_of_its_sections_in_order(completed, gibbs):
    written = export_submission(completed)
    assert written == completed.with_suffix(".html")
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    page = written.read_text(encoding="utf-8")
    assert f'<meta http-equiv="Content-Security-Policy" content="{CSP.replace(chr(39), "&#x27;")}">' in page
    body = _body_text(page)
    assert body.startswith(gibbs.title)
    # every heading, then its own answer, in the assignment's order
    at = 0
    for section in gibbs.sections:
        heading = body.index(section.title, at)
        answer = body.index(f"Marker {section.id}-word", heading)
        assert heading >= at
        at = answer
    # word counts per section and in all, as the check counts them
    report = check_submission(completed)
    for section in gibbs.sections:
        assert f"{section.title} {report.words_by_section[section.id]} words" in body.replace(":", "")
    assert f"{report.total_words:,} words in all" in body
    # the ticked domains, the depth, the confidentiality statement
    labels = list(gibbs.mappings.options.values())
    assert all(label in body for label in labels[:3]) and labels[3] not in body
    assert "Dialogic reflection" in body
    assert " ".join(gibbs.confidentiality.split()) in body
    # nothing else of the notebook: no prompts, no metadata, no nbgrader marks
    assert gibbs.sections[0].prompt[:40] not in body
    for other in ("nbgrader", "grade_id", "answer-description", "made_on", GIBBS, "Write your answer", "```"):
        assert other not in page
    assert submission_html(completed) == page


def test_the_students_markdown_is_rendered_but_nothing_in_it_runs(tmp_path, gibbs):
    first = gibbs.sections[0].id
    path = _fill(new_assignment_notebook(gibbs, folder=tmp_path), {first: HOSTILE + "\n\n**bold** and a *note*"})
    page = export_submission(path).read_text(encoding="utf-8")  # and the leak check passed on it
    parsed = _parsed(page)
    names = [tag for tag, _ in parsed.tags]
    assert "script" not in names and "img" not in names and "a" not in names
    assert names.count("style") == 1 and page.index("<style>") < page.index("</head>")
    for _, attrs in parsed.tags:
        assert not any(name.startswith("on") for name in attrs)
        assert not any(value and "javascript" in value.lower() for value in attrs.values())
    # the Markdown is rendered, and the hostile text is there to read as typed
    assert "<strong>bold</strong>" in page and "<em>note</em>" in page
    body = _body_text(page)
    assert "<script>window.__ran = 'script'</script>" in body
    assert "<img src=x onerror=\"window.__ran = 'img'\">" in body
    assert "javascript:" not in page and "onerror=" not in page  # written as character references


def test_a_tag_the_renderer_makes_keeps_no_attribute_of_the_students(tmp_path, gibbs):
    first = gibbs.sections[0].id
    table = "| a | b |\n|:--|--:|\n| 1 | 2 |\n\n```javascript\nlet x = 1\n```"
    page = submission_html(_fill(new_assignment_notebook(gibbs, folder=tmp_path), {first: table}))
    body = page.split("<body>", 1)[1]
    assert "<th>a</th>" in body.replace("\n", "").replace("  ", "")
    assert "text-align" not in body and "language-" not in body
    assert all(not attrs or tag == "section" or attrs == {"class": "meta"} for tag, attrs in _parsed(body).tags)


def test_an_unfilled_answer_shows_as_not_written(tmp_path, gibbs):
    first, second = gibbs.sections[0].id, gibbs.sections[1].id
    path = _fill(new_assignment_notebook(gibbs, folder=tmp_path), {first: _answer(first)})
    body = _body_text(submission_html(path))
    part = body[body.index(gibbs.sections[1].title, body.index(f"Marker {first}-word")) :]
    assert part.split(gibbs.sections[2].title)[0].strip().endswith(NOT_WRITTEN)
    assert ANSWER_PLACEHOLDER not in body and f"Marker {second}-word" not in body


def test_a_phone_number_is_refused_naming_the_kind_and_section_and_nothing_is_written(tmp_path, gibbs):
    second = gibbs.sections[1]
    path = _fill(
        new_assignment_notebook(gibbs, folder=tmp_path), {second.id: f"I rang the mother back on {PHONE} that day."}
    )
    before = sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(UnsafeSubmissionError) as caught:
        export_submission(path)
    message = str(caught.value)
    assert f"a phone number in {second.title}" in message
    assert PHONE not in message and "0770" not in message and "rang the mother" not in message
    assert [f.kind for f in caught.value.findings] == ["identifier"]
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # no page, no staging folder left


def test_a_finding_named_in_overrides_is_let_through(tmp_path, gibbs):
    path = _fill(new_assignment_notebook(gibbs, folder=tmp_path), {gibbs.sections[0].id: f"Call {PHONE}."})
    with pytest.raises(UnsafeSubmissionError) as caught:
        export_submission(path)
    (finding,) = caught.value.findings
    written = export_submission(path, overrides=[f"{finding.kind}:{finding.place}"])
    assert PHONE in written.read_text(encoding="utf-8")


def test_with_a_journal_its_registered_names_are_refused_too(tmp_path, gibbs):
    with Journal(tmp_path / "journal.db") as journal:
        journal.people.add("Parent A", "parent", ["Jolene Mabbutt"])
        first = gibbs.sections[0]
        path = _fill(
            new_assignment_notebook(gibbs, folder=tmp_path / "work"), {first.id: "Jolene Mabbutt told me of the move."}
        )
        with pytest.raises(UnsafeSubmissionError) as caught:
            export_submission(path, journal=journal)
        assert f"a registered name in {first.title}" in str(caught.value)
        assert "Jolene" not in str(caught.value) and "Mabbutt" not in str(caught.value)
        assert not path.with_suffix(".html").exists()
        # without the journal the name is not known to be one: the page is written
        assert export_submission(path).exists()


def test_pulled_in_entries_are_the_appendix_and_pass_the_check_with_the_journal(tmp_path, gibbs):
    story = "We talked for an hour about the move to the new flat and what the children would need first."
    other = "The team meeting ran over again and nobody wrote down who would phone the school about it."
    with Journal(tmp_path / "journal.db") as journal:
        chosen = journal.add(title="A long visit", narrative=story, occurred_on="2026-10-01")
        journal.add(title="Team meeting", narrative=other, occurred_on="2026-10-02")
        path = _fill(new_assignment_notebook(gibbs, journal=journal, entry_ids=[chosen.id], folder=tmp_path / "w"))
        page = export_submission(path, journal=journal).read_text(encoding="utf-8")
        body = _body_text(page)
        appendix = body.index("Appendix: journal entries")
        assert body.index("Entry 1: A long visit") > appendix and body.index(story) > appendix
        assert body.index("Confidentiality statement") < appendix
        # text of an entry that was not pulled in, pasted into an answer, is refused
        path.with_suffix(".html").unlink()
        _fill(path, {gibbs.sections[0].id: other})
        with pytest.raises(UnsafeSubmissionError) as caught:
            export_submission(path, journal=journal)
        assert f"text of a journal entry that was not pulled in in {gibbs.sections[0].title}" in str(caught.value)
        assert other not in str(caught.value)


def test_out_writes_where_asked_and_only_an_html_file(completed, tmp_path):
    dest = tmp_path / "upload" / "essay.html"
    dest.parent.mkdir()
    assert export_submission(completed, dest) == dest and stat.S_IMODE(dest.stat().st_mode) == 0o600
    assert not completed.with_suffix(".html").exists()
    with pytest.raises(ValidationError, match="html"):
        export_submission(completed, tmp_path / "essay.ipynb")
    with pytest.raises(ValidationError, match="not a folder"):
        export_submission(completed, tmp_path / "missing" / "essay.html")


def test_a_file_that_is_not_a_submission_is_refused_and_nothing_is_written(tmp_path):
    plain = tmp_path / "notes.ipynb"
    plain.write_text(json.dumps({"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}), encoding="utf-8")
    broken = tmp_path / "broken.ipynb"
    broken.write_text("{not json", encoding="utf-8")
    for path in (plain, broken, tmp_path / "missing.ipynb"):
        with pytest.raises(NotASubmissionError):
            export_submission(path)
        with pytest.raises(NotASubmissionError):
            submission_html(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.ipynb", "notes.ipynb"]


def test_an_assignment_this_workbook_does_not_have_uses_the_notebooks_own_headings(completed, gibbs):
    nb = json.loads(completed.read_text(encoding="utf-8"))
    nb["metadata"]["workbook_assignment"]["assignment"] = "a-course-of-our-own"
    completed.write_text(json.dumps(nb), encoding="utf-8")
    body = _body_text(submission_html(completed))
    assert body.startswith(gibbs.title)  # the title the notebook carries
    at = 0
    for section in gibbs.sections:
        at = body.index(f"Marker {section.id}-word", body.index(section.title, at))
    assert re.search(r"Professionalism", body) and "Dialogic reflection" in body
