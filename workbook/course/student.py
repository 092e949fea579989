"""The student's notebook for an assignment: the tutor's prompts, one answer cell per section.

:func:`new_assignment_notebook` writes ``<assignment id>-<date>.ipynb`` (mode 0600) into the
private workspace (``paths.assignments_dir()``) or a folder the student names, never over an
earlier one (``-2``, ``-3``, ... are added). The notebook can be released and graded with
nbgrader: the introduction and each prompt are read-only cells, and each answer is a
manually graded Markdown cell (``nbgrader_cell("manual", "answer-<section>", points)``).
The workbook's own marks are kept apart from nbgrader's, in ``metadata.workbook_assignment``:
on the notebook ``{"format": 1, "assignment", "title", "made_on", "entries"}``, on each
answer cell ``{"section": <id>}``. Besides the assignment's sections there are answer cells
for the framework mapping (``"mappings"``: a checklist to tick), the depth of reflection the
student rates their work at (``"depth"``: one line ``Depth: <id>``) and the confidentiality
statement (``"confidentiality"``: filled in, for the student to keep).

Journal entries the student pulls in are de-identified first (``privacy.redaction`` with the
journal's register: registered people become their pseudonyms, phone numbers, addresses and
the like become labels, and other possible names become ``[name 1]``, ``[name 2]``) and are
shown as read-only cells, escaped so that nothing in them runs or renders as markup.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from ..content.assignments import Assignment
from ..documents.markdown import md_paragraphs, md_text
from ..errors import ValidationError
from ..models import DEPTH_DESCRIPTORS, DEPTHS

#: The key of the workbook's own metadata, on the notebook and on each answer cell.
METADATA_KEY = "workbook_assignment"
#: The version of that metadata.
FORMAT = 1
#: What an answer cell holds until the student writes in it.
ANSWER_PLACEHOLDER = "Write your answer here."
#: The line of the depth cell the student completes.
DEPTH_PREFIX = "Depth:"
#: Section ids of the notebook's own answer cells (beside the assignment's sections).
MAPPINGS, DEPTH, CONFIDENTIALITY = "mappings", "depth", "confidentiality"
# Between the texts of one entry while they are de-identified together (no identifier looks like it).
_JOIN = "\n\n§§§§\n\n"

_HOW_TO = (
    "**How to use this notebook.** Each question is in a locked cell, as your tutor set it. Write your answer in "
    "the cell below it: double-click the cell, replace the line *{placeholder}* with your own writing, then press "
    "Shift+Enter to see it formatted. Save often (Ctrl+S). Use roles or pseudonyms for everyone you write about, "
    "never their names."
)


def _words(label: str | None) -> str:
    return f"\n\n*Aim for {label}.*" if label else ""


def _answer(section_id: str, points: float, text: str = ANSWER_PLACEHOLDER) -> Any:
    from ..documents.notebook import md, nbgrader_cell

    meta = nbgrader_cell("manual", f"answer-{section_id}", points)
    meta[METADATA_KEY] = {"section": section_id}
    return md(text, metadata=meta)


def _readonly(text: str, grade_id: str, extra: dict[str, Any] | None = None) -> Any:
    from ..documents.notebook import md, nbgrader_cell

    meta = nbgrader_cell("readonly", grade_id)
    if extra:
        meta[METADATA_KEY] = extra
    return md(text, metadata=meta)


def _intro(assignment: Assignment) -> str:
    lines = [f"# {assignment.title}", "", assignment.introduction]
    if assignment.word_limit:
        lines += ["", f"**Length:** {assignment.word_limit.label} in all."]
    return "\n".join([*lines, "", _HOW_TO.format(placeholder=ANSWER_PLACEHOLDER)])


def _mapping_cells(assignment: Assignment) -> list[Any]:
    mapping = assignment.mappings
    if mapping is None:
        return []
    at_least = "one" if mapping.min == 1 else f"at least {mapping.min}"
    heading = (
        f"## Mapping to {mapping.name}\n\n"
        f"Tick {at_least} of these that your work shows, by changing `[ ]` to `[x]` in the cell below. "
        "In your sections, make clear how your writing shows each one you tick."
    )
    checklist = "\n".join(f"- [ ] {label}" for label in mapping.options.values())
    return [_readonly(heading, "prompt-mappings"), _answer(MAPPINGS, 0, checklist)]


def _depth_cells(assignment: Assignment) -> list[Any]:
    scale = "\n".join(f"- `{key}`: {DEPTHS[key]}. {DEPTH_DESCRIPTORS[key]}" for key in DEPTHS)
    expected = f" This assignment asks for at least **{DEPTHS[assignment.depth]}**." if assignment.depth else ""
    heading = (
        "## Depth of reflection\n\n"
        "How deeply does your writing reflect? Choose the level that fits your work best, after reading it back, "
        f"and write its name after `{DEPTH_PREFIX}` in the cell below (for example `{DEPTH_PREFIX} dialogic`).{expected}"
        f"\n\n{scale}"
    )
    return [_readonly(heading, "prompt-depth"), _answer(DEPTH, 0, f"{DEPTH_PREFIX} ")]


def _confidentiality_cells(assignment: Assignment) -> list[Any]:
    heading = (
        "## Confidentiality statement\n\n"
        "Keep this statement with your work. Leave it as it is unless your tutor asks for different wording."
    )
    return [_readonly(heading, "prompt-confidentiality"), _answer(CONFIDENTIALITY, 0, assignment.confidentiality)]


# -- journal entries --------------------------------------------------------------------------------
def _entry_texts(entry: Any, templates: Any) -> list[tuple[str, str]]:
    """(heading, text) of each part of ``entry`` a reader needs, before de-identification."""
    template = templates.get(entry.template) if entry.template else None
    parts = [("", entry.title)]
    if entry.context:
        parts.append(("Context", entry.context))
    for stage_id, text in entry.responses.items():
        if not text.strip():
            continue
        try:
            heading = template.stage(stage_id).title if template else stage_id.replace("_", " ").capitalize()
        except KeyError:
            heading = stage_id.replace("_", " ").capitalize()
        parts.append((heading, text))
    if entry.narrative.strip():
        parts.append(("Notes", entry.narrative))
    return parts


def _deidentified(texts: Sequence[str], journal: Any) -> list[str]:
    """``texts`` de-identified together, so one unregistered name has one number throughout."""
    from ..privacy import redaction

    joined = redaction(_JOIN.join(texts), journal, flagged=True).text.split(_JOIN)
    if len(joined) == len(texts):
        return joined
    return [redaction(t, journal, flagged=True).text for t in texts]


def _entry_cell(entry: Any, number: int, journal: Any, templates: Any) -> Any:
    parts = _entry_texts(entry, templates)
    texts = _deidentified([text for _, text in parts], journal)
    title = md_text(texts[0])
    lines = [f"### Entry {number}: {title}", "", f"*{entry.occurred_on:%d %B %Y}*"]
    for (heading, _), text in zip(parts[1:], texts[1:], strict=True):
        lines += ["", f"**{md_text(heading)}**", "", md_paragraphs(text)]
    # the entry's date and tag ids go with it, so a tutor can check an entries requirement
    # (span, required tags) without the student's journal; tag ids carry no text
    facts = {
        "entry": entry.id,
        "occurred_on": entry.occurred_on.isoformat(),
        "tags": sorted({t.tag for t in entry.tags}),
    }
    return _readonly("\n".join(lines), f"entry-{number}", facts)


def _entries(journal: Any, entry_ids: Iterable[str]) -> list[Any]:
    wanted = list(dict.fromkeys(entry_ids))
    if not wanted:
        return []
    if journal is None:
        raise ValidationError("entry_ids", "to pull journal entries into an assignment, open the journal they are in.")
    entries = []
    for entry_id in wanted:
        entry = journal.get(entry_id)
        if entry.in_trash:
            raise ValidationError("entry_ids", f"entry {entry.id[:8]} is in the trash; restore it first to use it.")
        if entry.id not in {e.id for e in entries}:
            entries.append(entry)
    return entries


# -- the notebook -----------------------------------------------------------------------------------
def assignment_cells(assignment: Assignment, entries: Sequence[Any] = (), journal: Any = None) -> list[Any]:
    """The cells of the student's notebook for ``assignment``, with ``entries`` (already chosen) pulled in."""
    cells = [_readonly(_intro(assignment), "intro")]
    for section in assignment.sections:
        words = _words(section.words.label if section.words else None)
        cells.append(_readonly(f"## {section.title}\n\n{section.prompt}{words}", f"prompt-{section.id}"))
        cells.append(_answer(section.id, section.points))
    cells += _mapping_cells(assignment)
    cells += _depth_cells(assignment)
    cells += _confidentiality_cells(assignment)
    if entries:
        from ..content.reflective_models import load_templates

        templates = load_templates(warn=False)
        note = (
            "## Journal entries this assignment draws on\n\n"
            "Copied from your journal with people's names replaced by their pseudonyms and other details that could "
            "identify someone replaced by labels. Read them through before you hand the notebook in."
        )
        cells.append(_readonly(note, "prompt-entries"))
        cells += [_entry_cell(entry, n, journal, templates) for n, entry in enumerate(entries, 1)]
    return cells


def assignment_notebook(
    assignment: Assignment, *, journal: Any = None, entry_ids: Iterable[str] = (), made_on: dt.date | None = None
) -> Any:
    """The student's notebook for ``assignment`` (an nbformat notebook, not written)."""
    import nbformat

    from ..documents.notebook import build

    entries = _entries(journal, entry_ids)
    made_on = made_on or dt.date.today()
    nb = build(f"{assignment.id}-{made_on.isoformat()}", assignment_cells(assignment, entries, journal))
    nb.metadata[METADATA_KEY] = {
        "format": FORMAT,
        "assignment": assignment.id,
        "title": assignment.title,
        "made_on": made_on.isoformat(),
        "entries": [e.id for e in entries],
    }
    nbformat.validate(nb)
    return nb


def _publish(folder: Path, stem: str, text: str) -> Path:
    """Write ``text`` as ``<stem>.ipynb`` in ``folder``, or ``<stem>-2.ipynb``... if taken; never over a file."""
    from ..files import fsync_dir, private_temp_beside, publish_new

    first = folder / f"{stem}.ipynb"
    temp = private_temp_beside(first)
    try:
        with open(temp, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        for n in range(1, 1000):
            target = first if n == 1 else folder / f"{stem}-{n}.ipynb"
            try:
                publish_new(temp, target)
            except FileExistsError:
                continue
            return target
        raise FileExistsError(f"{stem}.ipynb and 998 more are taken in that folder")
    finally:
        if temp.exists():
            temp.unlink()
        fsync_dir(folder)


def new_assignment_notebook(
    assignment: Assignment,
    *,
    journal: Any = None,
    entry_ids: Iterable[str] = (),
    folder: str | os.PathLike[str] | None = None,
    made_on: dt.date | None = None,
) -> Path:
    """Write the student's notebook for ``assignment`` and return its path.

    ``<id>-<date>.ipynb``, mode 0600, in ``paths.assignments_dir()`` unless ``folder`` is given
    (made, private, if missing); an existing notebook is never replaced. ``entry_ids`` are
    journal entries (ids or unique prefixes) to pull in, de-identified; they need ``journal``."""
    from ..documents.notebook import render
    from ..files import ensure_private_dir
    from ..paths import assignments_dir

    made_on = made_on or dt.date.today()
    nb = assignment_notebook(assignment, journal=journal, entry_ids=entry_ids, made_on=made_on)
    target = assignments_dir() if folder is None else Path(folder).expanduser()
    if target.exists() and not target.is_dir():
        raise ValidationError("folder", "the place for the notebook must be a folder, not a file.")
    ensure_private_dir(target)
    return _publish(target, f"{assignment.id}-{made_on.isoformat()}", render(nb))
