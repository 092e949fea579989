"""Checking a submission: does a student's assignment notebook meet its assignment's requirements?

``check_submission(source)`` reads a notebook made by :func:`workbook.course.student.new_assignment_notebook`
(a path, or the notebook itself) and returns a :class:`CheckReport`: one
:class:`RequirementResult` per requirement, each met or not, in plain words
("Description: 312 words (200–400 words): met"). What is checked, from the assignment (the one the
notebook names, or the one given):

* every section written: its answer cell present, not empty and not still its prompt;
* the words of each section, and of the whole submission, within their limits (counted as the
  journal counts an entry's words, :func:`workbook.models.count_words`);
* the confidentiality statement kept as it was given;
* enough of the framework's domains or themes ticked in the mappings cell;
* no identifier in any answer or pulled-in entry (phone, email, postcode, NHS or National
  Insurance number, date of birth, address, institution, and with a journal its registered
  names): each is named by its kind and section, never by its text. Possible names, which are
  only guesses, are counted in a note that does not fail;
* the depth of reflection chosen in the depth cell at least the depth the assignment expects;
* the journal entries pulled in: how many, over how many days, and the tags they must carry
  (from the notebook's metadata, and from the journal when one is given);
* when :mod:`workbook.course.elements` is there, the elements of reflection found in each
  section (their names and how many sentences show each): an element the section expects and
  does not show is not met; the others are notes.

No result, repr or error ever holds the student's text: only counts, the assignment's own
titles, kinds of identifier and places.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..content.assignments import ASSIGNMENT_ID_RE, Assignment, WordRange, load_assignments, parse_assignment
from ..errors import WorkbookError
from ..models import DEPTHS, count_words

__all__ = [
    "METADATA_KEY",
    "CheckReport",
    "NotASubmissionError",
    "RequirementResult",
    "check_submission",
    "read_submission",
]

METADATA_KEY = "workbook_assignment"
# A notebook larger than this is refused before it is parsed (a submission is a few hundred KB).
MAX_NOTEBOOK_BYTES = 50 * 1024 * 1024

# How each kind of identifier is named in a result.
KIND_WORDS = {
    "alias": ("a registered name", "registered names"),
    "phone": ("a phone number", "phone numbers"),
    "email": ("an email address", "email addresses"),
    "postcode": ("a postcode", "postcodes"),
    "nhs_number": ("an NHS number", "NHS numbers"),
    "ni_number": ("a National Insurance number", "National Insurance numbers"),
    "date_of_birth": ("a date of birth", "dates of birth"),
    "address": ("a street address", "street addresses"),
    "institution": ("the name of a service or institution", "names of services or institutions"),
    "possible_name": ("a possible name", "possible names"),
}
DEPTH_ORDER = tuple(DEPTHS)
TICK = re.compile(r"^\s*[-*+]\s*\[([ xX✓✔])\]\s*(.+?)\s*$")
_DEPTH_LINE = re.compile(r"^\s*\**\s*depth\s*\**\s*:\s*\**\s*(.*?)\s*\**\s*$", re.IGNORECASE)
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
# What an answer cell holds until the student writes in it (course.student.ANSWER_PLACEHOLDER;
# tests/course/test_check.py checks the two agree on a notebook the student module makes).
PLACEHOLDERS = ("Write your answer here.",)


class NotASubmissionError(WorkbookError):
    """The file is not an assignment notebook the workbook made (or not the assignment asked for).

    Its message names the file and the reason, never anything inside the file."""


@dataclass(frozen=True)
class RequirementResult:
    """One requirement: ``id`` (stable, for tables), ``label`` (what it is, in the assignment's
    words), ``met`` and ``detail`` (counts and limits only). ``required=False`` marks a note
    (elements found, possible names): shown, always met, never failing the submission."""

    id: str
    label: str
    met: bool
    detail: str
    required: bool = True

    def __str__(self) -> str:
        if not self.required:
            return f"{self.label}: {self.detail}"
        return f"{self.label}: {self.detail}: {'met' if self.met else 'not met'}"


@dataclass(frozen=True)
class CheckReport:
    """What the check found: ``met`` when every requirement is; ``items`` in order;
    ``words_by_section`` (section id -> words) and ``total_words``."""

    assignment: str
    title: str
    items: tuple[RequirementResult, ...]
    words_by_section: dict[str, int] = field(default_factory=dict)
    total_words: int = 0
    file: str = ""

    @property
    def met(self) -> bool:
        return all(item.met for item in self.items)

    @property
    def requirements(self) -> tuple[RequirementResult, ...]:
        """The items that count (the notes left out)."""
        return tuple(item for item in self.items if item.required)

    @property
    def not_met(self) -> tuple[RequirementResult, ...]:
        return tuple(item for item in self.items if not item.met)

    def lines(self) -> list[str]:
        return [str(item) for item in self.items]

    def __str__(self) -> str:
        required = self.requirements
        done = sum(item.met for item in required)
        head = f"{self.title}: {done} of {len(required)} requirements met"
        return "\n".join([head, *self.lines()])

    def __repr__(self) -> str:
        required = self.requirements
        done = sum(item.met for item in required)
        return f"<CheckReport {self.assignment} met={self.met} {done}/{len(required)} words={self.total_words}>"

    def _repr_html_(self) -> str:
        import html

        rows = "".join(
            f"<tr><td>{'' if not i.required else ('✓' if i.met else '✗')}</td>"
            f"<td>{html.escape(i.label)}</td><td>{html.escape(i.detail)}</td></tr>"
            for i in self.items
        )
        return f"<p><b>{html.escape(self.title)}</b></p><table>{rows}</table>"


# -- reading the notebook ---------------------------------------------------------------------------------
def _source(cell: Mapping[str, Any]) -> str:
    source = cell.get("source", "")
    if isinstance(source, list):
        return "".join(s for s in source if isinstance(s, str))
    return source if isinstance(source, str) else ""


def _name(source: Any) -> str:
    return Path(source).name if isinstance(source, (str, Path)) else "the notebook"


def read_submission(source: Any) -> dict[str, Any]:
    """The notebook as a dict (from a path, or a notebook / dict given), with its
    ``workbook_assignment`` metadata; :class:`NotASubmissionError` when it is not one."""
    name = _name(source)
    if isinstance(source, (str, Path)):
        path = Path(source)
        try:
            if not path.is_file():
                raise NotASubmissionError(f"{name} is not a file that can be read.")
            if path.stat().st_size > MAX_NOTEBOOK_BYTES:
                raise NotASubmissionError(f"{name} is too large to be a submission (over 50 MB).")
            raw = path.read_bytes()
        except OSError as exc:
            raise NotASubmissionError(f"{name} could not be read ({exc.strerror or type(exc).__name__}).") from None
        try:
            notebook = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError:
            raise NotASubmissionError(f"{name} is not a notebook: it is not text (UTF-8).") from None
        except json.JSONDecodeError as exc:
            raise NotASubmissionError(
                f"{name} is not a notebook: it could not be read as JSON (line {exc.lineno})."
            ) from None
    elif isinstance(source, Mapping):
        notebook = source
    else:
        raise TypeError("check_submission takes a path or a notebook")
    if not isinstance(notebook, Mapping) or not isinstance(notebook.get("cells"), list):
        raise NotASubmissionError(f"{name} is not a notebook: it has no list of cells.")
    meta = notebook.get("metadata")
    info = meta.get(METADATA_KEY) if isinstance(meta, Mapping) else None
    if not isinstance(info, Mapping) or not isinstance(info.get("assignment"), str):
        raise NotASubmissionError(
            f"{name} is not an assignment notebook: it has no {METADATA_KEY} metadata naming its assignment."
        )
    return notebook  # type: ignore[return-value]


def _cell_info(cell: Any) -> Mapping[str, Any]:
    if not isinstance(cell, Mapping):
        return {}
    meta = cell.get("metadata")
    info = meta.get(METADATA_KEY) if isinstance(meta, Mapping) else None
    return info if isinstance(info, Mapping) else {}


@dataclass
class SubmissionParts:
    answers: dict[str, str]  # section id -> the answer cell's text (first answer cell of that id)
    entry_cells: list[tuple[str, str]]  # (entry id or "", text) of each pulled-in entry cell
    entry_meta: dict[str, Mapping[str, Any]]  # entry id -> what the cells or metadata say of it


def _loose(cell: Mapping[str, Any]) -> bool:
    """A Markdown cell the student added (no nbgrader or workbook metadata of its own)."""
    meta = cell.get("metadata")
    meta = meta if isinstance(meta, Mapping) else {}
    return cell.get("cell_type") == "markdown" and "nbgrader" not in meta and METADATA_KEY not in meta


def _answer_texts(notebook: Mapping[str, Any]) -> dict[str, str]:
    """Section id -> what the student wrote for it: its answer cell, and any Markdown cells they
    added below it before the next cell of the notebook's own. A placeholder left in the
    answer cell above the student's own cells is left out."""
    pieces: dict[str, list[str]] = {}
    current: str | None = None
    for cell in notebook["cells"]:
        if not isinstance(cell, Mapping):
            continue
        section = _cell_info(cell).get("section")
        if isinstance(section, str):
            current = section if section not in pieces else None  # a second cell for one section is ignored
            if current is not None:
                pieces[current] = [_source(cell)]
        elif _loose(cell):
            if current is not None:
                pieces[current].append(_source(cell))
        elif cell.get("cell_type") == "markdown":
            current = None
    answers = {}
    for section, texts in pieces.items():
        own = [t for t in texts if is_written(t)]
        answers[section] = "\n\n".join(own) if own else texts[0]
    return answers


def submission_parts(notebook: Mapping[str, Any]) -> SubmissionParts:
    entry_cells: list[tuple[str, str]] = []
    entry_meta: dict[str, Mapping[str, Any]] = {}
    for cell in notebook["cells"]:
        if not isinstance(cell, Mapping):
            continue
        info = _cell_info(cell)
        entry = info.get("entry")
        if isinstance(entry, (str, Mapping)):
            entry_id = entry if isinstance(entry, str) else str(entry.get("id", ""))
            entry_cells.append((entry_id, _source(cell)))
            if entry_id:
                entry_meta.setdefault(entry_id, entry if isinstance(entry, Mapping) else info)
    listed = notebook["metadata"][METADATA_KEY].get("entries") or []
    if isinstance(listed, list):
        for item in listed:
            if isinstance(item, str):
                entry_meta.setdefault(item, {})
            elif isinstance(item, Mapping) and isinstance(item.get("id"), str):
                entry_meta[item["id"]] = {**entry_meta.get(item["id"], {}), **item}
    return SubmissionParts(_answer_texts(notebook), entry_cells, entry_meta)


def section_texts(source: Any, assignment: Assignment | None = None) -> dict[str, str | None]:
    """Section id -> what the student wrote for it (HTML comments taken out), or None for a
    section not written yet: for showing a student their own sections (the elements view).
    ``assignment`` defaults to the one the notebook names."""
    notebook = read_submission(source)
    chosen = _assignment_for(notebook["metadata"][METADATA_KEY], assignment, _name(source))
    answers = _answer_texts(notebook)
    return {
        section.id: COMMENT.sub(" ", answers[section.id])
        if is_written(answers.get(section.id), section.prompt)
        else None
        for section in chosen.sections
    }


def _plain(text: str) -> str:
    return " ".join(COMMENT.sub(" ", text).split())


def is_written(text: str | None, prompt: str = "") -> bool:
    """An answer is written when, without HTML comments, it is not empty, not the placeholder
    the notebook starts with, and not the prompt copied in."""
    if text is None:
        return False
    plain = _plain(text).casefold()
    return bool(plain) and plain not in {_plain(p).casefold() for p in (prompt, *PLACEHOLDERS)}


def answer_words(text: str | None, prompt: str = "") -> int:
    return count_words(COMMENT.sub(" ", text)) if is_written(text, prompt) else 0


def _range(limits: WordRange) -> str:
    if limits.min is not None and limits.max is not None:
        return f"{limits.min:,}–{limits.max:,}"
    return limits.label.replace(" words", "")


def _plural(n: int, word: str, words: str | None = None) -> str:
    return f"{n:,} {word if n == 1 else (words or word + 's')}"


# -- the checks -----------------------------------------------------------------------------------------
def _sections(assignment: Assignment, parts: SubmissionParts) -> tuple[list[RequirementResult], dict[str, int]]:
    items: list[RequirementResult] = []
    words: dict[str, int] = {}
    for section in assignment.sections:
        text = parts.answers.get(section.id)
        n = answer_words(text, section.prompt)
        words[section.id] = n
        if text is None:
            items.append(RequirementResult(f"section:{section.id}", section.title, False, "missing (no answer cell)"))
            continue
        if not is_written(text, section.prompt):
            detail = "empty" if not _plain(text) else "not written yet"
            items.append(RequirementResult(f"section:{section.id}", section.title, False, detail))
            continue
        if section.words is not None:
            met = section.words.allows(n)
            items.append(
                RequirementResult(
                    f"section:{section.id}", section.title, met, f"{_plural(n, 'word')} ({_range(section.words)})"
                )
            )
        else:
            items.append(
                RequirementResult(f"section:{section.id}", section.title, True, f"written, {_plural(n, 'word')}")
            )
    return items, words


def _total(assignment: Assignment, total: int) -> list[RequirementResult]:
    if assignment.word_limit is None:
        return []
    limits = assignment.word_limit
    return [
        RequirementResult(
            "words:total", "Whole submission", limits.allows(total), f"{_plural(total, 'word')} ({_range(limits)})"
        )
    ]


def _confidentiality(assignment: Assignment, parts: SubmissionParts) -> list[RequirementResult]:
    if not assignment.confidentiality.strip():
        return []
    text = parts.answers.get("confidentiality")
    if text is None:
        return [RequirementResult("confidentiality", "Confidentiality statement", False, "missing")]
    kept = _plain(assignment.confidentiality).casefold() in _plain(text).casefold()
    detail = "kept as given" if kept else "changed or removed (keep the statement as it was given)"
    return [RequirementResult("confidentiality", "Confidentiality statement", kept, detail)]


def _mappings(assignment: Assignment, parts: SubmissionParts) -> list[RequirementResult]:
    mapping = assignment.mappings
    if mapping is None:
        return []
    label = {"pcf": "PCF domains", "nmc-code": "NMC Code themes"}.get(mapping.framework, "Mappings")
    text = parts.answers.get("mappings")
    if text is None:
        return [RequirementResult("mappings", label, False, f"the checklist is missing, at least {mapping.min} needed")]
    known = {v.casefold(): k for k, v in mapping.options.items()} | {k.casefold(): k for k in mapping.options}
    ticked: set[str] = set()
    for line in COMMENT.sub("", text).splitlines():
        match = TICK.match(line)
        if match and match.group(1) != " ":
            option = known.get(" ".join(match.group(2).split()).casefold().rstrip("."))
            if option:
                ticked.add(option)
    n = len(ticked)
    met = n >= mapping.min
    detail = f"{n} ticked" + ("" if met else f", at least {mapping.min} needed")
    if met:
        detail += f" (at least {mapping.min})"
    return [RequirementResult("mappings", label, met, detail)]


def _own_text(assignment: Assignment, section_id: str, text: str) -> str:
    """What the student wrote in an answer cell, without the notebook's own words: the
    framework's labels in the mappings checklist and the confidentiality statement as given."""
    text = COMMENT.sub(" ", text)
    if section_id == "mappings" and assignment.mappings is not None:
        labels = {label.casefold() for label in assignment.mappings.options.values()}
        kept = [
            line
            for line in text.splitlines()
            if not ((m := TICK.match(line)) and " ".join(m.group(2).split()).casefold().rstrip(".") in labels)
        ]
        return "\n".join(kept)
    if section_id == "confidentiality" and assignment.confidentiality.strip():
        return " ".join(text.split()).replace(" ".join(assignment.confidentiality.split()), " ")
    return text


def _identifiers(assignment: Assignment, parts: SubmissionParts, journal: Any) -> list[RequirementResult]:
    from ..privacy import FLAGGED_KINDS, identifier_finder

    find = identifier_finder(journal)
    titles = {s.id: s.title for s in assignment.sections}
    titles |= {
        "mappings": "the mappings",
        "depth": "the depth line",
        "confidentiality": "the confidentiality statement",
    }
    places = [
        (titles.get(sid, f"section {sid}"), _own_text(assignment, sid, text)) for sid, text in parts.answers.items()
    ]
    places += [(f"pulled-in entry {n}", text) for n, (_, text) in enumerate(parts.entry_cells, 1)]
    found: list[str] = []
    possible: dict[str, int] = {}
    for place, text in places:
        kinds: dict[str, int] = {}
        for finding in find(text):
            if finding.kind in FLAGGED_KINDS:
                possible[place] = possible.get(place, 0) + 1
            else:
                kinds[finding.kind] = kinds.get(finding.kind, 0) + 1
        for kind, n in kinds.items():
            one, many = KIND_WORDS.get(kind, ("an identifier", "identifiers"))
            found.append(f"{one} in {place}" if n == 1 else f"{n} {many} in {place}")
    items = [RequirementResult("identifiers", "Identifiers", not found, "; ".join(found) if found else "none found")]
    if possible:
        where = "; ".join(f"{_plural(n, 'possible name')} in {place}" for place, n in possible.items())
        items.append(
            RequirementResult(
                "identifiers:possible",
                "Possible names to look at",
                True,
                f"{where} (check each is not a real name)",
                False,
            )
        )
    return items


def depth_chosen(text: str | None) -> str | None:
    if not text:
        return None
    labels = {label.casefold(): key for key, label in DEPTHS.items()}
    for line in COMMENT.sub("", text).splitlines():
        match = _DEPTH_LINE.match(line)
        if not match:
            continue
        value = " ".join(match.group(1).replace("_", "-").split()).casefold()
        if value in DEPTHS:
            return value
        if value in labels:
            return labels[value]
        if value.replace(" ", "-") in DEPTHS:
            return value.replace(" ", "-")
    return None


def _depth(assignment: Assignment, parts: SubmissionParts) -> list[RequirementResult]:
    if assignment.depth is None:
        return []
    expected = assignment.depth
    chosen = depth_chosen(parts.answers.get("depth"))
    if chosen is None:
        return [
            RequirementResult("depth", "Depth", False, f"not chosen (at least {DEPTHS[expected].lower()} expected)")
        ]
    met = DEPTH_ORDER.index(chosen) >= DEPTH_ORDER.index(expected)
    return [
        RequirementResult(
            "depth", "Depth", met, f"{DEPTHS[chosen].lower()} (at least {DEPTHS[expected].lower()} expected)"
        )
    ]


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _entry_facts(parts: SubmissionParts, journal: Any) -> tuple[list[str], dict[str, dt.date], dict[str, set[str]]]:
    """The ids of the entries pulled in, and the dates and tags known for them (from the
    notebook's metadata, then from the journal for the entries it holds)."""
    ids = list(parts.entry_meta)
    dates: dict[str, dt.date] = {}
    tags: dict[str, set[str]] = {}
    for entry_id, meta in parts.entry_meta.items():
        when = _date(meta.get("occurred_on") or meta.get("date"))
        if when:
            dates[entry_id] = when
        listed = meta.get("tags")
        if isinstance(listed, list):
            tags[entry_id] = {t for t in listed if isinstance(t, str)}
    if journal is not None and ids:
        for entry in journal.load(ids):
            dates[entry.id] = entry.occurred_on
            tags[entry.id] = set(entry.tag_ids)
    return ids, dates, tags


def _span(days: int, ids: list[str], dates: dict[str, dt.date]) -> RequirementResult:
    if not ids or len(dates) < len(ids):
        known = "no entries pulled in" if not ids else "the dates of the entries are not known without the journal"
        return RequirementResult("entries:span", "Span of entries", False, f"{known} (at least {days} days)")
    span = (max(dates.values()) - min(dates.values())).days
    return RequirementResult(
        "entries:span",
        "Span of entries",
        span >= days,
        f"{_plural(span, 'day')} between the first and last (at least {days})",
    )


def _entries(assignment: Assignment, parts: SubmissionParts, journal: Any) -> list[RequirementResult]:
    needs = assignment.journal
    if needs is None:
        return []
    ids, dates, tags = _entry_facts(parts, journal)
    items: list[RequirementResult] = []
    if needs.min_entries:
        n = len(ids)
        items.append(
            RequirementResult(
                "entries:count",
                "Journal entries",
                n >= needs.min_entries,
                f"{_plural(n, 'entry', 'entries')} pulled in (at least {needs.min_entries})",
            )
        )
    if needs.span_days:
        items.append(_span(needs.span_days, ids, dates))
    for tag in needs.required_tags:
        carried = any(tag in found for found in tags.values())
        if carried:
            detail = "on an entry pulled in"
        elif len(tags) < len(ids):
            detail = "not found (the tags of some entries are not known without the journal)"
        else:
            detail = "on no entry pulled in"
        items.append(RequirementResult(f"entries:tag:{tag}", f"Tag “{tag}”", carried, detail))
    return items


def elements_available() -> bool:
    """True when the elements-of-reflection finder (:mod:`workbook.course.elements`) is installed."""
    try:
        return importlib.util.find_spec("workbook.course.elements") is not None
    except (ImportError, ValueError):
        return False


def _elements(assignment: Assignment, parts: SubmissionParts) -> list[RequirementResult]:
    if not elements_available():
        return []
    try:
        from .elements import elements_of, load_rules

        rules = load_rules()
    except (ImportError, WorkbookError, re.error) as exc:
        # the finder's rules file is broken: say so, and check everything else
        why = str(exc) if isinstance(exc, WorkbookError) else type(exc).__name__
        return [RequirementResult("elements", "Elements of reflection", True, f"not checked ({why})", False)]
    items: list[RequirementResult] = []
    for section in assignment.sections:
        text = parts.answers.get(section.id)
        if not is_written(text, section.prompt):
            continue  # an unwritten section is not met already
        found = elements_of(COMMENT.sub(" ", text or ""), rules)
        shown = {element: len(sentences) for element, sentences in found.items() if sentences}
        detail = (
            ", ".join(f"{element} ({_plural(n, 'sentence')})" for element, n in shown.items())
            if shown
            else "none found"
        )
        items.append(
            RequirementResult(f"elements:{section.id}", f"{section.title}, elements found", True, detail, False)
        )
        for element in section.elements:
            n = shown.get(element, 0)
            items.append(
                RequirementResult(
                    f"elements:{section.id}:{element}",
                    f"{section.title}, element {element}",
                    n > 0,
                    f"{_plural(n, 'sentence')} showing it (expected here)" if n else "not found (expected here)",
                )
            )
    return items


def _shown(assignment_id: str) -> str:
    """An assignment id read from a notebook, shown only when it has the shape of one (the
    metadata is the student's file: it could hold anything)."""
    ok = len(assignment_id) <= 80 and ASSIGNMENT_ID_RE.match(assignment_id)
    return repr(assignment_id) if ok else "an id that is not an assignment id"


def _assignment_for(info: Mapping[str, Any], assignment: Any, name: str) -> Assignment:
    wanted = info["assignment"]
    if assignment is None:
        library = load_assignments(warn=False)
        if wanted not in library:
            raise NotASubmissionError(
                f"{name} names an assignment this workbook does not have ({_shown(wanted)}): give its file with --rubric."
            )
        return library[wanted]
    if isinstance(assignment, (str, Path)):
        assignment = parse_assignment(assignment)
    if assignment.id != wanted:
        raise NotASubmissionError(
            f"{name} is a notebook for another assignment ({_shown(wanted)}, not {assignment.id!r})."
        )
    return assignment


def check_submission(
    source: Any, *, assignment: Assignment | str | Path | None = None, journal: Any = None
) -> CheckReport:
    """Check a submission (a path, or a notebook) against ``assignment`` (default: the one the
    notebook names; or an assignment file's path). ``journal`` adds its registered names to the
    identifier check and the dates and tags of the entries pulled in.

    Raises :class:`NotASubmissionError` for a file that is not an assignment notebook (broken
    JSON, no ``workbook_assignment`` metadata, another assignment's notebook)."""
    name = _name(source)
    notebook = read_submission(source)
    info = notebook["metadata"][METADATA_KEY]
    chosen = _assignment_for(info, assignment, name)
    parts = submission_parts(notebook)
    items, words = _sections(chosen, parts)
    total = sum(words.values())
    items += _total(chosen, total)
    items += _confidentiality(chosen, parts)
    items += _mappings(chosen, parts)
    items += _identifiers(chosen, parts, journal)
    items += _depth(chosen, parts)
    items += _entries(chosen, parts, journal)
    items += _elements(chosen, parts)
    return CheckReport(
        assignment=chosen.id,
        title=chosen.title,
        items=tuple(items),
        words_by_section=words,
        total_words=total,
        file=name if isinstance(source, (str, Path)) else "",
    )
