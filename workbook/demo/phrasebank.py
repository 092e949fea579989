"""The demo's phrase banks: ``data/demo/*.yaml`` read once, checked, and held as plain data.

* ``register.yaml``: the two personas (:data:`PERSONAS`: who they are, how their work is
  spread over contexts, their cases and their own two tags), the people (pseudonyms,
  roles, aliases), the cases they belong to and how feeling tags are said in a sentence.
* ``situations.yaml``: per context, the situations (titles and a topic, perhaps kept to
  one persona) and the lines for actions, narrative, feedback and later notes.
* ``stages.yaml``: which kind of stage each template stage is, and a bank of lines per kind.

A phrase may hold placeholders (``{person}``, ``{feeling}``, ...; see :data:`PLACEHOLDERS`)
and the tag it shows; an unknown placeholder or a person not in the register is a
:class:`~workbook.errors.DataFileError` naming the file and line, so a broken data file
fails on loading rather than half-way through an entry.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import paths
from ..content.datafiles import line_of, load_yaml
from ..content.reflective_models import load_templates
from ..content.vocab import slugify
from ..errors import DataFileError, ValidationError
from ..models import PERSON_ROLES
from .calendar import DESIGN_MONTHS

PLACEHOLDERS = ("person", "other", "child", "colleague", "topic", "feeling")
PERSONAS = ("social-worker", "nurse")
"""The demo's practitioners, each with a journal of their own; the first is the default."""
DEFAULT_PERSONA = PERSONAS[0]
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class Line:
    """One phrase: its text, the placeholders it needs, and the tag it shows (if any)."""

    text: str
    needs: frozenset[str]
    tag: str | None = None


@dataclass(frozen=True)
class Case:
    """A piece of work: who is in it, in which contexts, open between which design months."""

    id: str
    contexts: tuple[str, ...]
    months: tuple[float, float]
    members: tuple[str, ...]
    colleagues: tuple[str, ...]
    stance: float = 0.0
    """Where this work tends to put the practitioner on the heroic (-2) to stoical (+2) line."""


@dataclass(frozen=True)
class Situation:
    """What an entry is about: the person (or a role to pick one by), titles and a topic."""

    role: str | None
    person: str | None
    titles: tuple[Line, ...]
    topic: Line
    persona: str | None = None


@dataclass(frozen=True)
class CustomTag:
    """One of a practitioner's own tags, used only from ``from_month`` (on the design scale) on."""

    id: str
    label: str
    group: str
    definition: str
    reference: str
    from_month: float


@dataclass(frozen=True)
class Persona:
    """One demo practitioner: who they are, how their work is spread, their cases and tags.

    ``contexts`` maps a context tag id to its weight at the start of the demo and how much
    the weight changes by the end; ``people`` are those of the persona's own cases."""

    id: str
    practitioner: str
    work: str
    contexts: Mapping[str, tuple[float, float]]
    cases: tuple[Case, ...]
    custom_tags: tuple[CustomTag, ...]
    people: tuple[tuple[str, str, tuple[str, ...]], ...]


@dataclass(frozen=True)
class DemoData:
    """Everything the data files say, checked. ``people``, ``roles`` and ``cases`` are
    those of every persona; :meth:`persona` gives one practitioner's share."""

    personas: Mapping[str, Persona]
    people: tuple[tuple[str, str, tuple[str, ...]], ...]
    roles: Mapping[str, str]
    cases: tuple[Case, ...]
    feeling_words: Mapping[str, str]
    situations: Mapping[str, tuple[Situation, ...]]
    actions: Mapping[str, tuple[Line, ...]]
    narrative: Mapping[str, tuple[Line, ...]]
    feedback: Mapping[str, tuple[Line, ...]]
    peer_feedback: Mapping[str, tuple[Line, ...]]
    later_notes: Mapping[str, tuple[Line, ...]]
    stage_kinds: Mapping[str, Mapping[str, str]]
    banks: Mapping[str, Mapping[str, tuple[Line, ...]]]

    def persona(self, persona: str = DEFAULT_PERSONA) -> Persona:
        """The persona called ``persona`` (ValidationError on ``persona`` if there is none)."""
        found = self.personas.get(persona)
        if found is None:
            raise ValidationError("persona", f"must be one of {', '.join(self.personas)}, not {persona!r}.")
        return found


# -- phrases -------------------------------------------------------------------------------
def _line(raw: Any, where: Path, parent: Any) -> Line:
    tag = None
    if isinstance(raw, dict):
        tag = raw.get("tag")
        raw = raw.get("text")
    if not isinstance(raw, str) or not raw.strip():
        raise DataFileError(str(where), line_of(parent), f"a phrase must be non-empty text, not {raw!r}")
    needs = frozenset(_PLACEHOLDER.findall(raw))
    unknown = needs - set(PLACEHOLDERS)
    if unknown:
        raise DataFileError(str(where), line_of(parent), f"unknown placeholder(s) {sorted(unknown)} in {raw!r}")
    return Line(raw.strip(), needs, tag if isinstance(tag, str) else None)


def _lines(raw: Any, where: Path, parent: Any) -> tuple[Line, ...]:
    if not isinstance(raw, list):
        raise DataFileError(str(where), line_of(parent), "expected a list of phrases")
    return tuple(_line(item, where, parent) for item in raw)


def _keyed(raw: Any, where: Path) -> dict[str, tuple[Line, ...]]:
    if not isinstance(raw, dict):
        raise DataFileError(str(where), line_of(raw), "expected a mapping of key to a list of phrases")
    return {str(key): _lines(value, where, raw) for key, value in raw.items()}


# -- register.yaml -------------------------------------------------------------------------
def _people(reg: dict[str, Any], where: Path) -> tuple[list[tuple[str, str, tuple[str, ...]]], dict[str, str]]:
    people, roles = [], {}
    for item in reg.get("people") or []:
        pseudonym, role = item.get("pseudonym"), item.get("role")
        if not isinstance(pseudonym, str) or role not in PERSON_ROLES:
            raise DataFileError(str(where), line_of(item), f"a person needs a pseudonym and a role from {PERSON_ROLES}")
        aliases = tuple(item.get("aliases") or ())
        people.append((pseudonym, role, aliases))
        roles[pseudonym] = role
    return people, roles


def _cases(reg: dict[str, Any], where: Path, roles: Mapping[str, str]) -> list[Case]:
    cases = []
    for item in reg.get("cases") or []:
        members = tuple(item.get("members") or ())
        colleagues = tuple(item.get("colleagues") or ())
        missing = [p for p in (*members, *colleagues) if p not in roles]
        if missing or not members:
            raise DataFileError(str(where), line_of(item), f"case members must be in the register (not: {missing})")
        low, high = item.get("months") or (0, DESIGN_MONTHS)
        cases.append(
            Case(
                str(item.get("id")),
                tuple(item.get("contexts") or ()),
                (float(low), float(high)),
                members,
                colleagues,
                float(item.get("stance") or 0.0),
            )
        )
    return cases


def _personas(
    reg: dict[str, Any], where: Path, cases: list[Case], people: list[tuple[str, str, tuple[str, ...]]]
) -> dict[str, Persona]:
    """Each persona of :data:`PERSONAS`, with its cases and the people in them."""
    raw = reg.get("personas") or {}
    if not isinstance(raw, dict) or set(raw) != set(PERSONAS):
        raise DataFileError(str(where), line_of(raw), f"needs exactly the personas {', '.join(PERSONAS)}")
    by_id = {c.id: c for c in cases}
    personas = {}
    for persona_id in PERSONAS:
        item = raw[persona_id]
        missing = [c for c in item.get("cases") or () if c not in by_id]
        if missing or not item.get("cases"):
            raise DataFileError(str(where), line_of(item), f"a persona's cases must be in 'cases' (not: {missing})")
        own = tuple(by_id[c] for c in item["cases"])
        named = {p for case in own for p in (*case.members, *case.colleagues)}
        contexts = {str(k): (float(v[0]), float(v[1])) for k, v in (item.get("contexts") or {}).items()}
        personas[persona_id] = Persona(
            id=persona_id,
            practitioner=str(item.get("practitioner")),
            work=str(item.get("work") or ""),
            contexts=contexts,
            cases=own,
            custom_tags=_custom_tags(item),
            people=tuple(p for p in people if p[0] in named),
        )
    return personas


def _custom_tags(reg: dict[str, Any]) -> tuple[CustomTag, ...]:
    return tuple(
        CustomTag(
            id=slugify(str(item["label"])),
            label=str(item["label"]),
            group=str(item["group"]),
            definition=str(item["definition"]).strip(),
            reference=str(item.get("reference") or "My own tag"),
            from_month=float(item.get("from_month") or 0),
        )
        for item in reg.get("custom_tags") or []
    )


# -- situations.yaml and stages.yaml --------------------------------------------------------
def _situations(sit: dict[str, Any], where: Path, roles: Mapping[str, str]) -> dict[str, tuple[Situation, ...]]:
    situations: dict[str, tuple[Situation, ...]] = {}
    for context, items in (sit.get("situations") or {}).items():
        found = []
        for item in items:
            person = item.get("person")
            if person is not None and person not in roles:
                raise DataFileError(str(where), line_of(item), f"{person!r} is not in the demo register")
            if item.get("persona") not in (None, *PERSONAS):
                raise DataFileError(str(where), line_of(item), f"persona must be one of {', '.join(PERSONAS)}")
            found.append(
                Situation(
                    role=item.get("role"),
                    person=person,
                    titles=_lines(item.get("titles"), where, item),
                    topic=_line(item.get("topic"), where, item),
                    persona=item.get("persona"),
                )
            )
        situations[context] = tuple(found)
    return situations


def _banks(stages: dict[str, Any], where: Path) -> dict[str, dict[str, tuple[Line, ...]]]:
    banks = {kind: _keyed(bank, where) for kind, bank in (stages.get("banks") or {}).items()}
    if "generic" not in banks:
        raise DataFileError(str(where), None, "needs a 'generic' bank for stages without a mapping")
    return banks


def _documents(folder: Path, names: tuple[str, ...]) -> list[tuple[dict[str, Any], Path]]:
    """Each ``<name>.yaml`` in ``folder``, read, and checked to be a mapping."""
    found = [(load_yaml(folder / f"{name}.yaml"), folder / f"{name}.yaml") for name in names]
    for doc, where in found:
        if not isinstance(doc, dict):
            raise DataFileError(str(where), None, "must be a mapping")
    return found


@functools.lru_cache(maxsize=1)
def load() -> DemoData:
    """The demo's data files, read and checked once."""
    (reg, reg_path), (sit, sit_path), (stages, stage_path) = _documents(
        paths.data_dir() / "demo", ("register", "situations", "stages")
    )
    people, roles = _people(reg, reg_path)
    cases = _cases(reg, reg_path, roles)
    personas = _personas(reg, reg_path, cases, people)
    situations = _situations(sit, sit_path, roles)
    kinds = stages.get("stage_kinds") or {}
    banks = _banks(stages, stage_path)
    return DemoData(
        personas=personas,
        people=tuple(people),
        roles=roles,
        cases=tuple(cases),
        feeling_words={str(k): str(v) for k, v in (reg.get("feeling_words") or {}).items()},
        situations=situations,
        actions=_keyed(sit.get("actions"), sit_path),
        narrative=_keyed(sit.get("narrative"), sit_path),
        feedback=_keyed(sit.get("feedback"), sit_path),
        peer_feedback=_keyed(sit.get("peer_feedback"), sit_path),
        later_notes=_keyed(sit.get("later_notes"), sit_path),
        stage_kinds={str(t): {str(s): str(k) for s, k in m.items()} for t, m in kinds.items()},
        banks=banks,
    )


@functools.lru_cache(maxsize=1)
def template_stages() -> dict[str, tuple[str, ...]]:
    """Stage ids of the bundled templates (never an institution's extra folders)."""
    return {tid: t.stage_ids for tid, t in load_templates([], warn=False).items()}


# -- public: the register ---------------------------------------------------------------
def demo_people(persona: str = DEFAULT_PERSONA) -> list[tuple[str, str]]:
    """A persona's people register as (pseudonym, role) pairs."""
    return [(pseudonym, role) for pseudonym, role, _ in load().persona(persona).people]


def demo_custom_tags(persona: str = DEFAULT_PERSONA) -> list[dict[str, str]]:
    """A persona's two tags of their own, as ``journal.add_tag`` takes them (with ``id``)."""
    return [
        {"label": t.label, "group": t.group, "definition": t.definition, "reference": t.reference, "id": t.id}
        for t in load().persona(persona).custom_tags
    ]
