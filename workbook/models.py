"""Plain data: what an entry, a tag, a template and a person are. No I/O here.

Objects that can hold journal text never print it by accident: their ``repr`` and their
notebook display show metadata (id, date, tags, word count) only. Showing text is an
explicit call elsewhere.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass, field
from typing import Any

OUTCOMES = ("held", "avoided", "softened")
STANCES = {-2: "heroic", -1: "leaning heroic", 0: "balanced", 1: "leaning stoical", 2: "stoical"}
ACTION_STATUSES = ("open", "done", "dropped")
# What feelings_before / feelings_after measure: how heavy the practitioner's own
# feelings were just before and just after the conversation.
FEELINGS_SCALE = "0 = calm and settled, 10 = as distressed as you get at work"
FEEDBACK_ROLES = ("supervisor", "practice educator", "tutor", "peer", "self")
PERSON_ROLES = (
    "parent",
    "carer",
    "child",
    "young person",
    "patient",
    "relative",
    "service user",
    "colleague",
    "professional",
    "other",
)


@dataclass(frozen=True)
class Anchor:
    """A passage of an entry: ``field`` is ``"narrative"`` or ``"responses.<stage id>"``;
    ``start``/``end`` are character offsets (end exclusive)."""

    field: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"field": self.field, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class TagUse:
    """One tag on one entry, with an optional intensity (1-3) and passage."""

    tag: str
    intensity: int | None = None
    anchor: Anchor | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "tag": self.tag,
            "intensity": self.intensity,
            "anchor": self.anchor.to_dict() if self.anchor else None,
        }


@dataclass(frozen=True)
class Action:
    """An action point, whose status is followed up later."""

    id: str
    text: str
    status: str = "open"
    due_on: dt.date | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "status": self.status,
            "due_on": self.due_on.isoformat() if self.due_on else None,
        }


@dataclass(frozen=True)
class Feedback:
    """A comment on an entry from a supervisor, tutor or peer."""

    id: str
    author_role: str
    given_on: dt.date
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "author_role": self.author_role,
            "given_on": self.given_on.isoformat(),
            "text": self.text,
        }


def _word_count(*texts: str | None) -> int:
    return sum(len(t.split()) for t in texts if t)


@dataclass(frozen=True, repr=False)
class Entry:
    """A journaled conversation, as stored."""

    id: str
    occurred_on: dt.date
    title: str
    context: str | None = None
    people: tuple[str, ...] = ()
    outcome: str | None = None
    stance: int | None = None
    template: str | None = None
    responses: dict[str, str] = field(default_factory=dict)
    narrative: str = ""
    tags: tuple[TagUse, ...] = ()
    feelings_before: int | None = None
    feelings_after: int | None = None
    actions: tuple[Action, ...] = ()
    flagged: bool = False
    feedback: tuple[Feedback, ...] = ()
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None
    revision: int = 1
    deleted_at: dt.datetime | None = None

    @property
    def in_trash(self) -> bool:
        return self.deleted_at is not None

    @property
    def tag_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(t.tag for t in self.tags))

    @property
    def word_count(self) -> int:
        return _word_count(self.narrative, *self.responses.values())

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict holding everything (lossless: ``from_dict`` reverses it)."""
        return {
            "id": self.id,
            "occurred_on": self.occurred_on.isoformat(),
            "title": self.title,
            "context": self.context,
            "people": list(self.people),
            "outcome": self.outcome,
            "stance": self.stance,
            "template": self.template,
            "responses": dict(self.responses),
            "narrative": self.narrative,
            "tags": [t.to_dict() for t in self.tags],
            "feelings_before": self.feelings_before,
            "feelings_after": self.feelings_after,
            "actions": [a.to_dict() for a in self.actions],
            "flagged": self.flagged,
            "feedback": [f.to_dict() for f in self.feedback],
            "created_at": self.created_at.isoformat() if self.created_at else None,
            "updated_at": self.updated_at.isoformat() if self.updated_at else None,
            "revision": self.revision,
            "deleted_at": self.deleted_at.isoformat() if self.deleted_at else None,
        }

    def fields(self) -> dict[str, Any]:
        """The fields a person writes (no id, timestamps or revision), as ``add`` takes them."""
        d = self.to_dict()
        for key in ("id", "created_at", "updated_at", "revision", "deleted_at"):
            d.pop(key)
        return d

    def __repr__(self) -> str:
        return (
            f"<Entry {self.id[:8]} {self.occurred_on.isoformat()} context={self.context} "
            f"outcome={self.outcome} tags={len(self.tags)} words={self.word_count}"
            f"{' in trash' if self.in_trash else ''}>"
        )

    def _repr_html_(self) -> str:
        tags = ", ".join(self.tag_ids) or "no tags"
        return (
            "<div class='wb-entry-meta'>"
            f"<code>{html.escape(self.id[:8])}</code> · {self.occurred_on.isoformat()} · "
            f"{html.escape(self.context or 'no context')} · {html.escape(self.outcome or 'no outcome')}"
            f" · {html.escape(tags)} · {self.word_count} words</div>"
        )


@dataclass(frozen=True, repr=False)
class Revision:
    """One saved version of an entry (the current one is the highest number)."""

    entry_id: str
    revision: int
    saved_at: dt.datetime
    entry: Entry

    def __repr__(self) -> str:
        return f"<Revision {self.entry_id[:8]} #{self.revision} saved {self.saved_at:%Y-%m-%d %H:%M}>"


@dataclass(frozen=True, repr=False)
class Person:
    """A pseudonym in the journal's people register.

    ``aliases`` are the real names and nicknames the practitioner uses for this person;
    they never leave the journal and are used to find and remove identities from
    anything shared. They are never shown by ``repr``.
    """

    id: str
    pseudonym: str
    role: str
    aliases: tuple[str, ...] = ()
    created_at: dt.datetime | None = None

    def __repr__(self) -> str:
        return f"<Person {self.pseudonym!r} ({self.role}), {len(self.aliases)} alias(es)>"


@dataclass(frozen=True)
class TagGroup:
    id: str
    label: str
    description: str
    intensity: bool = False


@dataclass(frozen=True)
class Tag:
    id: str
    label: str
    group: str
    definition: str
    reference: str
    family: str | None = None
    custom: bool = False


@dataclass(frozen=True)
class Stage:
    id: str
    title: str
    prompt: str
    guidance: str
    min_words: int | None = None


@dataclass(frozen=True)
class Template:
    """A reflective model or conversation debrief, as guided prompts."""

    id: str
    name: str
    kind: str
    summary: str
    reference: str
    stages: tuple[Stage, ...]
    source: str = ""
    # Planning prompts for before the conversation (a debrief's "prepare" panel); each is a
    # Stage with no guidance. Empty for the reflective models.
    prepare: tuple[Stage, ...] = ()

    def stage(self, stage_id: str) -> Stage:
        for s in self.stages:
            if s.id == stage_id:
                return s
        raise KeyError(stage_id)

    @property
    def stage_ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.stages)
