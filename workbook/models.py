"""Plain data: what an entry, a tag, a template and a person are. No I/O here.

Objects that can hold journal text never print it by accident: their ``repr`` and their
notebook display show metadata (id, date, tags, word count) only. Showing text is an
explicit call elsewhere.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Mapping
from dataclasses import MISSING, dataclass, field, fields
from typing import Any

# How the painful issue fared. Deferring by decision and respecting a person's wish not to know
# are good practice (SPIKES' invitation; the Serious Illness Conversation Guide's information
# preferences), so they stand beside held, avoided and softened and never count against the
# share held: that share is held / (held + avoided + softened).
OUTCOMES = ("held", "avoided", "softened", "deferred", "chose-not-to-know")
OUTCOME_LABELS = {
    "held": "Held",
    "avoided": "Avoided",
    "softened": "Softened",
    "deferred": "Deferred by decision",
    "chose-not-to-know": "Chose not to know (respected)",
}
HELD_SHARE_OUTCOMES = ("held", "avoided", "softened")
# A point on the heroic-stoical line; ``stance_both`` records, apart from it, that both pulls
# were felt at once ("both, in tension"), which a point on one line cannot say.
STANCES = {-2: "heroic", -1: "leaning heroic", 0: "balanced", 1: "leaning stoical", 2: "stoical"}
STANCE_BOTH_LABEL = "Both, in tension"
# The writer's own rating of an entry's depth (Hatton and Smith 1995), shallowest first.
DEPTHS = {
    "descriptive-writing": "Descriptive writing",
    "descriptive-reflection": "Descriptive reflection",
    "dialogic": "Dialogic reflection",
    "critical": "Critical reflection",
}
DEPTH_DESCRIPTORS = {
    "descriptive-writing": "Says what happened, with no reasons or questioning yet.",
    "descriptive-reflection": "Gives reasons for what happened, from your own judgement or your reading.",
    "dialogic": "Steps back and argues with yourself: other readings, other choices, what you are unsure of.",
    "critical": "Sets it in a wider frame: ethics, power, policy and history, and how they shaped what happened.",
}
ACTION_STATUSES = ("open", "done", "dropped")
# What feelings_before / feelings_after measure: how heavy the practitioner's own
# feelings were just before and just after the conversation.
# One wording of the feelings scale everywhere (forms, summaries, charts): how heavy it felt, which
# grief or being moved can be without distress.
FEELINGS_SCALE = "0 = at ease, 10 = as heavy as work gets"
FEEDBACK_ROLES = ("supervisor", "practice educator", "tutor", "peer", "self")
# The supervision function a piece of feedback served (optional), with a one-line definition
# each in our own words: Kadushin's three functions (Kadushin A. 1976, data/references.yaml
# kadushin-1976) and Morrison's four (Morrison T. 2005, morrison-2005).
FEEDBACK_FUNCTIONS = (
    "administrative",
    "educational",
    "supportive",
    "management",
    "development",
    "support",
    "mediation",
)
FEEDBACK_FUNCTION_LABELS = {
    "administrative": "Administrative (Kadushin): the work is done to the agency's standards and policies.",
    "educational": "Educational (Kadushin): the practitioner's knowledge and skill grow.",
    "supportive": "Supportive (Kadushin): the practitioner copes with the stress and feeling of the work.",
    "management": "Management (Morrison): the quality of the practice and accountability for it.",
    "development": "Development (Morrison): the practitioner's professional growth and learning.",
    "support": "Support (Morrison): the personal and emotional impact of the work on the practitioner.",
    "mediation": "Mediation (Morrison): between the practitioner and the organisation or other agencies.",
}
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

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Anchor:
        return cls(**data)


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

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> TagUse:
        anchor = data.get("anchor")
        return cls(data["tag"], data.get("intensity"), Anchor.from_dict(anchor) if anchor else None)


@dataclass(frozen=True, repr=False)
class Action:
    """An action point, whose status is followed up later. Its repr shows no text."""

    id: str
    text: str
    status: str = "open"
    due_on: dt.date | None = None
    #: ids of the BASW PCF domains it is evidence for (``content.PCF_DOMAINS``), in the framework's order
    pcf: tuple[str, ...] = ()

    def __repr__(self) -> str:
        due = f" due {self.due_on.isoformat()}" if self.due_on else ""
        pcf = f" pcf={len(self.pcf)}" if self.pcf else ""
        return f"<Action {self.id} {self.status}{due}{pcf} words={count_words(self.text)}>"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "status": self.status,
            "due_on": self.due_on.isoformat() if self.due_on else None,
            **({"pcf": list(self.pcf)} if self.pcf else {}),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Action:
        return cls(data["id"], data["text"], data["status"], _date(data.get("due_on")), tuple(data.get("pcf") or ()))


@dataclass(frozen=True, repr=False)
class Feedback:
    """A comment on an entry from a supervisor, tutor or peer. Its repr shows no text."""

    id: str
    author_role: str
    given_on: dt.date
    text: str
    #: the supervision function it served (FEEDBACK_FUNCTIONS), or None
    function: str | None = None

    def __repr__(self) -> str:
        return f"<Feedback {self.id} from {self.author_role} on {self.given_on.isoformat()} words={count_words(self.text)}>"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "author_role": self.author_role,
            "given_on": self.given_on.isoformat(),
            "text": self.text,
            **({"function": self.function} if self.function is not None else {}),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Feedback:
        return cls(
            data["id"], data["author_role"], dt.date.fromisoformat(data["given_on"]), data["text"], data.get("function")
        )


def count_words(*texts: str | None) -> int:
    """Words in these texts (split on white space): the entry's ``word_count``, stored with it."""
    return sum(len(t.split()) for t in texts if t)


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _stamp(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


# Where each field of an entry is kept, and who sets it. This metadata on ``Entry`` is the one
# declaration of an entry's shape: ``ENTRY_FIELDS`` and the lists below are derived from it, and
# so are validation, the journal's tables, the frames and the interchange formats.
# A field with no "kept" is a column of the ``entries`` table (metadata that analysis reads).
_TEXT = {"kept": "text"}  # a column of ``entry_text``: journal text, never read by analysis
_CHILDREN = {"kept": "children"}  # rows of a child table (entry_people, entry_tags, actions, feedback, entry_pcf)
_SYSTEM = {"system": True}  # set by the journal, never given by a person


@dataclass(frozen=True, repr=False)
class Entry:
    """A journaled conversation, as stored."""

    id: str
    occurred_on: dt.date
    title: str = field(metadata=_TEXT)
    context: str | None = None
    people: tuple[str, ...] = field(default=(), metadata=_CHILDREN)
    outcome: str | None = None
    stance: int | None = None
    stance_both: bool = False
    depth: str | None = None
    template: str | None = None
    responses: dict[str, str] = field(default_factory=dict, metadata=_TEXT)
    narrative: str = field(default="", metadata=_TEXT)
    tags: tuple[TagUse, ...] = field(default=(), metadata=_CHILDREN)
    feelings_before: int | None = None
    feelings_after: int | None = None
    actions: tuple[Action, ...] = field(default=(), metadata=_CHILDREN)
    flagged: bool = False
    feedback: tuple[Feedback, ...] = field(default=(), metadata=_CHILDREN)
    #: ids of the BASW PCF domains (``content.PCF_DOMAINS``) the entry is evidence for, in the
    #: framework's order: evidence to be read as a whole, never a score
    pcf: tuple[str, ...] = field(default=(), metadata=_CHILDREN)
    created_at: dt.datetime | None = field(default=None, metadata=_SYSTEM)
    updated_at: dt.datetime | None = field(default=None, metadata=_SYSTEM)
    revision: int = field(default=1, metadata=_SYSTEM)
    deleted_at: dt.datetime | None = field(default=None, metadata=_SYSTEM)

    @property
    def in_trash(self) -> bool:
        return self.deleted_at is not None

    @property
    def tag_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(t.tag for t in self.tags))

    @property
    def word_count(self) -> int:
        return count_words(self.narrative, *self.responses.values())

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict holding everything (lossless: ``from_dict`` reverses it)."""
        return {f.name: _plain(getattr(self, f.name)) for f in fields(self)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Entry:
        """Rebuild an Entry from ``to_dict()`` output (revision snapshots, JSON export).

        ``id``, ``occurred_on`` and ``title`` are required (KeyError); a missing or null
        field takes its default; keys that are not fields are ignored."""
        values: dict[str, Any] = {}
        for f in fields(cls):
            decode = field_decoder(f.name)
            if f.default is MISSING and f.default_factory is MISSING:
                values[f.name] = decode(data[f.name])
            elif data.get(f.name) is not None:
                values[f.name] = decode(data[f.name])
        return cls(**values)

    def fields(self) -> dict[str, Any]:
        """The fields a person writes (no id, timestamps or revision), as ``add`` takes them."""
        d = self.to_dict()
        for key in ("id", *SYSTEM_FIELDS):
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


def _plain(value: Any) -> Any:
    """A field's value as JSON holds it: dates as ISO text, tuples as lists of plain values."""
    if isinstance(value, dt.date):  # dt.datetime included
        return value.isoformat()
    if isinstance(value, tuple):
        return [v.to_dict() if hasattr(v, "to_dict") else v for v in value]
    if isinstance(value, dict):
        return dict(value)
    return value


def _same(value: Any) -> Any:
    return value


# How ``Entry.from_dict`` turns a JSON value back into a field (fields not listed are kept as given).
_DECODE: dict[str, Callable[[Any], Any]] = {
    "occurred_on": dt.date.fromisoformat,
    "people": lambda v: tuple(v or ()),
    "responses": lambda v: dict(v or {}),
    "narrative": lambda v: v or "",
    "tags": lambda v: tuple(TagUse.from_dict(t) for t in v or ()),
    "actions": lambda v: tuple(Action.from_dict(a) for a in v or ()),
    "flagged": bool,
    "stance_both": bool,
    "feedback": lambda v: tuple(Feedback.from_dict(f) for f in v or ()),
    "pcf": lambda v: tuple(v or ()),
    "created_at": _stamp,
    "updated_at": _stamp,
    "revision": lambda v: int(v or 1),
    "deleted_at": _stamp,
}


def field_decoder(name: str) -> Callable[[Any], Any]:
    """How one field of an entry is read back from its JSON value (or its SQLite column,
    which holds the same ISO text and integers)."""
    return _DECODE.get(name, _same)


#: The fields a person (a form, the CLI, an importer) may give, ``id`` included: what
#: ``validate.validate_entry`` accepts and ``Journal.add`` takes.
ENTRY_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Entry) if not f.metadata.get("system"))
#: The fields the journal sets (timestamps, revision, trash state).
SYSTEM_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Entry) if f.metadata.get("system"))
#: Journal text, kept in ``entry_text`` apart from the metadata.
TEXT_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Entry) if f.metadata.get("kept") == "text")
#: Lists kept as rows of their own tables.
CHILD_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Entry) if f.metadata.get("kept") == "children")
#: One value each, a column of the ``entries`` table (``id`` and the system fields included).
COLUMN_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Entry) if "kept" not in f.metadata)


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

    ``alias_count`` is how many aliases (real names, nicknames) the practitioner recorded
    for this person. The aliases themselves are never readable again: the register keeps
    only keyed digests of them, enough to find a person by an alias and to find the names
    in text (``People.alias_spans``), never to show them.
    """

    id: str
    pseudonym: str
    role: str
    alias_count: int = 0
    created_at: dt.datetime | None = None

    def __repr__(self) -> str:
        return f"<Person {self.pseudonym!r} ({self.role}), {self.alias_count} alias(es)>"


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
