"""Assignment templates: the reflective assignments a course sets, one YAML file per assignment.

Bundled assignments live in ``data/assignments``; a tutor adds a course's own by naming
folders in ``$WORKBOOK_ASSIGNMENTS``. As with the reflective-model templates, a broken file
is reported (file and line) in ``AssignmentLibrary.problems`` and as a warning while every
other assignment still loads, and the same limits apply: plain files of at most
``datafiles.MAX_FILE_BYTES``, at most ``MAX_ASSIGNMENT_FILES`` from one folder and
``MAX_ASSIGNMENT_BYTES`` read in all.

An assignment has an introduction, a confidentiality statement the student keeps, its
sections (each a prompt, an optional word range, nbgrader points and the elements of
reflection expected there), and optionally: a word limit for the whole submission, a
mapping to a professional framework (the BASW PCF's nine domains, :data:`PCF_DOMAINS`, or
the four themes of the NMC Code, :data:`NMC_CODE_THEMES`) with the fewest the student must
tick, requirements on the journal entries pulled in, the depth of reflection expected
(``models.DEPTHS``) and references (keys in ``data/references.yaml``).

The frameworks are defined here, once: checking, the course's cohort table and the CPD
records import them from this module.
"""

from __future__ import annotations

import functools
import html
import re
import warnings
from collections.abc import Iterator
from collections.abc import Mapping as MappingABC
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import DataFileError
from ..models import DEPTHS
from ..paths import data_dir, extra_assignment_dirs
from .datafiles import check_file, line_of, load_yaml, require_str

ASSIGNMENT_ID_RE = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*\Z")
SECTION_ID_RE = re.compile(r"^[a-z0-9]+(?:_[a-z0-9]+)*\Z")

# The BASW Professional Capabilities Framework (2018): nine domains, in the framework's order.
PCF_DOMAINS: MappingABC[str, str] = {
    "professionalism": "Professionalism",
    "values_ethics": "Values and ethics",
    "diversity_equality": "Diversity and equality",
    "rights_justice": "Rights, justice and economic wellbeing",
    "knowledge": "Knowledge",
    "critical_reflection": "Critical reflection and analysis",
    "skills_interventions": "Skills and interventions",
    "contexts_organisations": "Contexts and organisations",
    "professional_leadership": "Professional leadership",
}
# What each PCF domain covers, in one line (our own words, after BASW 2018), by the same ids.
PCF_DESCRIPTIONS: MappingABC[str, str] = {
    "professionalism": "Being and acting as a social worker: accountable, and committed to your own learning.",
    "values_ethics": "Letting social work's values and ethics guide what you decide and do.",
    "diversity_equality": "Seeing how identity and difference shape lives, and challenging discrimination.",
    "rights_justice": "Upholding people's rights and pursuing social and economic justice with them.",
    "knowledge": "Using research, law, policy, theory and people's own experience in your practice.",
    "critical_reflection": "Weighing evidence and other views, and being able to explain your judgements.",
    "skills_interventions": "Using your skills and chosen methods to assess, plan, act and review with people.",
    "contexts_organisations": "Working in and with organisations and other agencies, and knowing how they shape practice.",
    "professional_leadership": "Contributing to the profession: supervision, teaching, better services, speaking up.",
}
# The four themes of the NMC Code, in the Code's order.
NMC_CODE_THEMES: MappingABC[str, str] = {
    "prioritise_people": "Prioritise people",
    "practise_effectively": "Practise effectively",
    "preserve_safety": "Preserve safety",
    "promote_professionalism": "Promote professionalism and trust",
}
# A mapping's framework id -> its options (id -> label).
FRAMEWORKS: MappingABC[str, MappingABC[str, str]] = {"pcf": PCF_DOMAINS, "nmc-code": NMC_CODE_THEMES}
FRAMEWORK_NAMES: MappingABC[str, str] = {
    "pcf": "the Professional Capabilities Framework (BASW 2018)",
    "nmc-code": "the NMC Code",
}
# The elements of reflection a section may expect (course.elements finds them in a text).
ELEMENTS = ("description", "feelings", "analysis", "perspectives", "evaluation", "change")
# Section ids the student notebook uses for its own answer cells; an assignment's sections cannot take them.
RESERVED_SECTION_IDS = ("mappings", "depth", "confidentiality")

# Assignments read from one folder at most, and bytes read in all (as for templates: a
# folder of thousands of files, or of hostile ones, must not stall every command).
MAX_ASSIGNMENT_FILES = 200
MAX_ASSIGNMENT_BYTES = 2 * 1024 * 1024
# The order in which bundled assignments are offered.
PREFERRED_ORDER = ("gibbs-critical-incident", "process-recording", "driscoll-short", "nmc-reflective-account")


@dataclass(frozen=True)
class WordRange:
    """How many words: at least ``min`` and at most ``max`` (either may be None, not both)."""

    min: int | None = None
    max: int | None = None

    def allows(self, words: int) -> bool:
        return (self.min is None or words >= self.min) and (self.max is None or words <= self.max)

    @property
    def label(self) -> str:
        if self.min is not None and self.max is not None:
            return f"{self.min:,}–{self.max:,} words"
        if self.min is not None:
            return f"at least {self.min:,} words"
        return f"at most {self.max:,} words"


@dataclass(frozen=True)
class AssignmentSection:
    id: str
    title: str
    prompt: str
    words: WordRange | None = None
    points: float = 0
    elements: tuple[str, ...] = ()


@dataclass(frozen=True)
class Mapping:
    """The framework the student maps their work to, and the fewest options they must tick."""

    framework: str
    min: int = 1

    @property
    def options(self) -> MappingABC[str, str]:
        return FRAMEWORKS[self.framework]

    @property
    def name(self) -> str:
        return FRAMEWORK_NAMES[self.framework]


@dataclass(frozen=True)
class JournalRequirements:
    """What the journal entries pulled into a submission must show."""

    min_entries: int = 0
    span_days: int | None = None
    required_tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Assignment:
    id: str
    title: str
    introduction: str
    confidentiality: str
    sections: tuple[AssignmentSection, ...]
    model: str | None = None
    word_limit: WordRange | None = None
    mappings: Mapping | None = None
    journal: JournalRequirements | None = None
    depth: str | None = None
    references: tuple[str, ...] = ()
    source: str = ""

    @property
    def section_ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.sections)

    def section(self, section_id: str) -> AssignmentSection:
        for s in self.sections:
            if s.id == section_id:
                return s
        raise KeyError(section_id)


class AssignmentLibrary(MappingABC[str, Assignment]):
    """Assignments by id, in a stable order (bundled first, then each extra folder)."""

    def __init__(self, assignments: dict[str, Assignment], problems: list[DataFileError]) -> None:
        self._assignments = assignments
        self.problems = problems

    def __getitem__(self, key: str) -> Assignment:
        return self._assignments[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._assignments)

    def __len__(self) -> int:
        return len(self._assignments)

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td><code>{html.escape(a.id)}</code></td><td>{html.escape(a.title)}</td></tr>"
            for a in self._assignments.values()
        )
        problems = "".join(f"<li>{html.escape(str(p))}</li>" for p in self.problems)
        note = f"<p>Not loaded:</p><ul>{problems}</ul>" if problems else ""
        return f"<table><tr><th>Id</th><th>Assignment</th></tr>{rows}</table>{note}"

    def __repr__(self) -> str:
        extra = f", {len(self.problems)} problem(s)" if self.problems else ""
        return f"<AssignmentLibrary {len(self)} assignments{extra}>"


# -- reading one file -------------------------------------------------------------------------------
def _whole(value: Any, *, at_least: int = 0) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= at_least


def _words(value: Any, path: Path, line: int | None, what: str) -> WordRange | None:
    if value is None:
        return None
    if not isinstance(value, dict) or not set(value) <= {"min", "max"}:
        raise DataFileError(str(path), line_of(value) or line, f"{what} must be a mapping with min and/or max")
    low, high = value.get("min"), value.get("max")
    for bound in (low, high):
        if bound is not None and not _whole(bound):
            raise DataFileError(str(path), line_of(value), f"{what}: min and max must be whole numbers of 0 or more")
    if low is None and high is None:
        raise DataFileError(str(path), line_of(value), f"{what} needs a min or a max")
    if low is not None and high is not None and low > high:
        raise DataFileError(str(path), line_of(value), f"{what}: min ({low}) is more than max ({high})")
    return WordRange(low, high)


def _section(item: Any, path: Path, doc: dict, seen: set[str]) -> AssignmentSection:
    if not isinstance(item, dict):
        raise DataFileError(str(path), line_of(doc), "each section must be a mapping (id, title, prompt, ...)")
    section_id = require_str(item, "id", path)
    if not SECTION_ID_RE.match(section_id):
        raise DataFileError(
            str(path), line_of(item), f"section id {section_id!r} must be lowercase letters, digits and '_'"
        )
    if section_id in RESERVED_SECTION_IDS:
        raise DataFileError(
            str(path), line_of(item), f"section id {section_id!r} is kept for the notebook's own {section_id} cell"
        )
    if section_id in seen:
        raise DataFileError(str(path), line_of(item), f"section id {section_id!r} is used twice")
    seen.add(section_id)
    points = item.get("points", 0)
    if isinstance(points, bool) or not isinstance(points, (int, float)) or not points >= 0 or points == float("inf"):
        raise DataFileError(str(path), line_of(item), "points must be a number of 0 or more")
    elements = item.get("elements") or []
    if not isinstance(elements, list) or not all(isinstance(e, str) for e in elements):
        raise DataFileError(str(path), line_of(item), "elements must be a list of element names")
    unknown = [e for e in elements if e not in ELEMENTS]
    if unknown:
        raise DataFileError(
            str(path), line_of(item), f"unknown element {unknown[0]!r}: the elements are {', '.join(ELEMENTS)}"
        )
    return AssignmentSection(
        id=section_id,
        title=require_str(item, "title", path),
        prompt=require_str(item, "prompt", path),
        words=_words(item.get("words"), path, line_of(item), f"section {section_id!r} words"),
        points=points,
        elements=tuple(dict.fromkeys(elements)),
    )


def _mappings(value: Any, path: Path, doc: dict) -> Mapping | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise DataFileError(str(path), line_of(doc), "mappings must be a mapping with framework and min")
    framework = value.get("framework")
    if not isinstance(framework, str) or framework not in FRAMEWORKS:
        raise DataFileError(
            str(path),
            line_of(value),
            f"unknown framework {framework!r}: mappings.framework must be one of {', '.join(FRAMEWORKS)}",
        )
    low = value.get("min", 1)
    if not _whole(low, at_least=1) or low > len(FRAMEWORKS[framework]):
        raise DataFileError(
            str(path), line_of(value), f"mappings.min must be a whole number from 1 to {len(FRAMEWORKS[framework])}"
        )
    return Mapping(framework=framework, min=low)


def _journal(value: Any, path: Path, doc: dict) -> JournalRequirements | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise DataFileError(
            str(path), line_of(doc), "journal must be a mapping (min_entries, span_days, required_tags)"
        )
    line = line_of(value)
    min_entries = value.get("min_entries", 0)
    if not _whole(min_entries):
        raise DataFileError(str(path), line, "journal.min_entries must be a whole number of 0 or more")
    span = value.get("span_days")
    if span is not None and not _whole(span, at_least=1):
        raise DataFileError(str(path), line, "journal.span_days must be a whole number of days, at least 1")
    tags = value.get("required_tags") or []
    if not isinstance(tags, list) or not all(isinstance(t, str) and t.strip() for t in tags):
        raise DataFileError(str(path), line, "journal.required_tags must be a list of tag ids")
    return JournalRequirements(min_entries=min_entries, span_days=span, required_tags=tuple(t.strip() for t in tags))


def _references(value: Any, path: Path, doc: dict) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(k, str) for k in value):
        raise DataFileError(str(path), line_of(doc), "references must be a list of keys in data/references.yaml")
    from .references import load_references

    bib = load_references()
    unknown = [k for k in value if k not in bib]
    if unknown:
        raise DataFileError(
            str(path), line_of(doc), f"unknown reference key {unknown[0]!r}: it is not in data/references.yaml"
        )
    return tuple(dict.fromkeys(value))


def _model(value: Any, path: Path, doc: dict) -> str | None:
    if value is None:
        return None
    from .reflective_models import load_templates

    if not isinstance(value, str) or value not in load_templates(warn=False):
        raise DataFileError(str(path), line_of(doc), f"model {value!r} is not a reflective-model template id")
    return value


def parse_assignment(path: str | Path) -> Assignment:
    """Read one assignment file; raises DataFileError naming the file and line.

    Only a plain file of at most ``datafiles.MAX_FILE_BYTES`` is read."""
    path = Path(path)
    doc = load_yaml(path)
    if not isinstance(doc, dict):
        raise DataFileError(str(path), None, "must be a mapping with id, title, introduction, sections, ...")
    assignment_id = require_str(doc, "id", path)
    if not ASSIGNMENT_ID_RE.match(assignment_id):
        raise DataFileError(
            str(path), line_of(doc), f"id {assignment_id!r} must be lowercase letters, digits, '-' or '_'"
        )
    raw_sections = doc.get("sections")
    if not isinstance(raw_sections, list) or not raw_sections:
        raise DataFileError(str(path), line_of(doc), "'sections' must be a non-empty list")
    seen: set[str] = set()
    sections = tuple(_section(item, path, doc, seen) for item in raw_sections)
    depth = doc.get("depth")
    if depth is not None and (not isinstance(depth, str) or depth not in DEPTHS):
        raise DataFileError(
            str(path), line_of(doc), f"unknown depth {depth!r}: depth must be one of {', '.join(DEPTHS)}"
        )
    return Assignment(
        id=assignment_id,
        title=require_str(doc, "title", path),
        introduction=require_str(doc, "introduction", path),
        confidentiality=require_str(doc, "confidentiality", path),
        sections=sections,
        model=_model(doc.get("model"), path, doc),
        word_limit=_words(doc.get("word_limit"), path, line_of(doc), "word_limit"),
        mappings=_mappings(doc.get("mappings"), path, doc),
        journal=_journal(doc.get("journal"), path, doc),
        depth=depth,
        references=_references(doc.get("references"), path, doc),
        source=str(path),
    )


@functools.lru_cache(maxsize=512)
def _parse_cached(path: str, mtime_ns: int, size: int) -> Assignment:
    return parse_assignment(Path(path))


# -- reading the folders ----------------------------------------------------------------------------
def _order(path: Path) -> tuple[int, str]:
    stem = path.stem
    return (PREFERRED_ORDER.index(stem) if stem in PREFERRED_ORDER else len(PREFERRED_ORDER), stem)


def _files(folder: Path, problems: list[DataFileError]) -> list[Path]:
    paths = sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")], key=_order)
    if len(paths) > MAX_ASSIGNMENT_FILES:
        problems.append(
            DataFileError(
                str(folder),
                None,
                f"holds {len(paths)} assignment files; only the first {MAX_ASSIGNMENT_FILES} were read",
            )
        )
    return paths[:MAX_ASSIGNMENT_FILES]


def load_assignments(extra_dirs: list[Path] | None = None, *, warn: bool = True) -> AssignmentLibrary:
    """Bundled assignments plus those in ``extra_dirs`` (default: ``$WORKBOOK_ASSIGNMENTS``)."""
    folders = [data_dir() / "assignments", *(extra_assignment_dirs() if extra_dirs is None else extra_dirs)]
    assignments: dict[str, Assignment] = {}
    problems: list[DataFileError] = []
    left = MAX_ASSIGNMENT_BYTES
    for folder in folders:
        if not folder.is_dir():
            problems.append(DataFileError(str(folder), None, "assignment folder does not exist"))
            continue
        for path in _files(folder, problems):
            try:
                info = check_file(path)
                if info.st_size > left:
                    raise DataFileError(
                        str(path),
                        None,
                        f"was not read: the assignment files come to more than {MAX_ASSIGNMENT_BYTES:,} bytes",
                    )
                left -= info.st_size
                assignment = _parse_cached(str(path), info.st_mtime_ns, info.st_size)
            except DataFileError as exc:
                problems.append(exc)
                continue
            if assignment.id in assignments:
                problems.append(
                    DataFileError(
                        str(path),
                        None,
                        f"assignment id {assignment.id!r} is already used by {assignments[assignment.id].source}",
                    )
                )
                continue
            assignments[assignment.id] = assignment
    if warn:
        for problem in problems:
            warnings.warn(f"Assignment not loaded: {problem}", stacklevel=2)
    return AssignmentLibrary(assignments, problems)
