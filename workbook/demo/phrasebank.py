"""The demo's phrase banks: ``data/demo/*.yaml`` read once, checked, and held as plain data.

* ``register.yaml``: the people (pseudonyms, roles, aliases), the cases they belong to,
  Sam's own two tags and how feeling tags are said in a sentence.
* ``situations.yaml``: per context, the situations (titles and a topic) and the lines for
  actions, narrative, feedback and later notes.
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
from ..errors import DataFileError
from ..models import PERSON_ROLES
from .calendar import DESIGN_MONTHS

PLACEHOLDERS = ("person", "other", "child", "colleague", "topic", "feeling")
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


@dataclass(frozen=True)
class Situation:
    """What an entry is about: the person (or a role to pick one by), titles and a topic."""

    role: str | None
    person: str | None
    titles: tuple[Line, ...]
    topic: Line


@dataclass(frozen=True)
class CustomTag:
    """One of Sam's own tags, used only from ``from_month`` (on the design scale) on."""

    id: str
    label: str
    group: str
    definition: str
    reference: str
    from_month: float


@dataclass(frozen=True)
class DemoData:
    """Everything the data files say, checked."""

    people: tuple[tuple[str, str, tuple[str, ...]], ...]
    roles: Mapping[str, str]
    cases: tuple[Case, ...]
    custom_tags: tuple[CustomTag, ...]
    feeling_words: Mapping[str, str]
    situations: Mapping[str, tuple[Situation, ...]]
    actions: Mapping[str, tuple[Line, ...]]
    narrative: Mapping[str, tuple[Line, ...]]
    feedback: Mapping[str, tuple[Line, ...]]
    peer_feedback: tuple[Line, ...]
    later_notes: Mapping[str, tuple[Line, ...]]
    stage_kinds: Mapping[str, Mapping[str, str]]
    banks: Mapping[str, Mapping[str, tuple[Line, ...]]]


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
            Case(str(item.get("id")), tuple(item.get("contexts") or ()), (float(low), float(high)), members, colleagues)
        )
    return cases


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
            found.append(
                Situation(
                    role=item.get("role"),
                    person=person,
                    titles=_lines(item.get("titles"), where, item),
                    topic=_line(item.get("topic"), where, item),
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
    custom = _custom_tags(reg)
    situations = _situations(sit, sit_path, roles)
    kinds = stages.get("stage_kinds") or {}
    banks = _banks(stages, stage_path)
    return DemoData(
        people=tuple(people),
        roles=roles,
        cases=tuple(cases),
        custom_tags=custom,
        feeling_words={str(k): str(v) for k, v in (reg.get("feeling_words") or {}).items()},
        situations=situations,
        actions=_keyed(sit.get("actions"), sit_path),
        narrative=_keyed(sit.get("narrative"), sit_path),
        feedback=_keyed(sit.get("feedback"), sit_path),
        peer_feedback=_lines(sit.get("peer_feedback"), sit_path, sit),
        later_notes=_keyed(sit.get("later_notes"), sit_path),
        stage_kinds={str(t): {str(s): str(k) for s, k in m.items()} for t, m in kinds.items()},
        banks=banks,
    )


@functools.lru_cache(maxsize=1)
def template_stages() -> dict[str, tuple[str, ...]]:
    """Stage ids of the bundled templates (never an institution's extra folders)."""
    return {tid: t.stage_ids for tid, t in load_templates([], warn=False).items()}


# -- public: the register ---------------------------------------------------------------
def demo_people() -> list[tuple[str, str]]:
    """The demo's people register as (pseudonym, role) pairs."""
    return [(pseudonym, role) for pseudonym, role, _ in load().people]


def demo_custom_tags() -> list[dict[str, str]]:
    """The two tags of Sam's own, as ``journal.add_tag`` takes them (with ``id``)."""
    return [
        {"label": t.label, "group": t.group, "definition": t.definition, "reference": t.reference, "id": t.id}
        for t in load().custom_tags
    ]
