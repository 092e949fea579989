"""What goes into a supervision pack: which entries, which parts of each, and the practitioner's questions

:class:`PackChoice` says it; :func:`choose_entries` finds the entries through the journal's
public API. The filters (flagged, dates, tags, context) narrow together; hand-picked ids are
added to what they find. A choice that names nothing is refused, so a pack never takes the
whole journal by accident.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..errors import ValidationError

__all__ = ["PARTS", "PART_LABELS", "PackChoice", "choose_entries"]

PARTS = ("title", "stages", "narrative", "tags", "feelings", "outcome", "actions")
PART_LABELS = {
    "title": "Title",
    "stages": "Answers to the model's stages",
    "narrative": "Narrative",
    "tags": "Tags",
    "feelings": "Feelings before and after",
    "outcome": "Outcome",
    "actions": "Action points",
}
ROLES = ("supervisor", "peer")
MAX_QUESTIONS = 20
MAX_QUESTION_CHARS = 2000


def _tuple(value: Any, name: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, Iterable) or not all(isinstance(v, str) for v in value):
        raise ValidationError(name, "must be a list of text.")
    return tuple(v.strip() for v in value if v.strip())


def _date(value: Any, name: str) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValidationError(name, f"must be a date (YYYY-MM-DD), not {value!r}.")


@dataclass(frozen=True)
class PackChoice:
    """The entries to share and what of them.

    ``flagged``: entries flagged "to bring to supervision". ``since``/``until`` (inclusive),
    ``tags`` (every one of them), ``context``: filters. ``entry_ids``: hand-picked entries
    (ids or unique prefixes), added to what the filters find. ``parts``: which parts of each
    entry go (:data:`PARTS`; default all). ``questions``: the practitioner's own questions
    for supervision. ``role``: who the pack is for, ``"supervisor"`` or ``"peer"``."""

    flagged: bool = False
    since: dt.date | None = None
    until: dt.date | None = None
    tags: tuple[str, ...] = ()
    context: str | None = None
    entry_ids: tuple[str, ...] = ()
    parts: tuple[str, ...] = PARTS
    questions: tuple[str, ...] = ()
    role: str = "supervisor"

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        set_(self, "flagged", bool(self.flagged))
        set_(self, "since", _date(self.since, "since"))
        set_(self, "until", _date(self.until, "until"))
        if self.since and self.until and self.since > self.until:
            raise ValidationError("since", f"the start date ({self.since}) is after the end date ({self.until}).")
        set_(self, "tags", _tuple(self.tags, "tags"))
        if self.context is not None and not isinstance(self.context, str):
            raise ValidationError("context", "must be a context (text).")
        set_(self, "context", (self.context or "").strip() or None)
        set_(self, "entry_ids", tuple(dict.fromkeys(_tuple(self.entry_ids, "entry_ids"))))
        parts = _tuple(self.parts, "parts")
        unknown = [p for p in parts if p not in PARTS]
        if unknown:
            raise ValidationError("parts", f"unknown part {unknown[0]!r}; choose from {', '.join(PARTS)}.")
        if not parts:
            raise ValidationError("parts", "choose at least one part of each entry to share.")
        set_(self, "parts", tuple(p for p in PARTS if p in parts))  # always in the documented order
        questions = _tuple(self.questions, "questions")
        if len(questions) > MAX_QUESTIONS:
            raise ValidationError("questions", f"at most {MAX_QUESTIONS} questions.")
        if any(len(q) > MAX_QUESTION_CHARS for q in questions):
            raise ValidationError("questions", f"a question may be at most {MAX_QUESTION_CHARS} characters.")
        set_(self, "questions", questions)
        if self.role not in ROLES:
            raise ValidationError("role", f"must be one of {', '.join(ROLES)}, not {self.role!r}.")

    @property
    def has_filter(self) -> bool:
        return bool(self.flagged or self.since or self.until or self.tags or self.context)


def choose_entries(journal: Any, choice: PackChoice) -> list[Any]:
    """The chosen entries, oldest first (never one in the trash). ValidationError if the
    choice names nothing, a hand-picked id is unknown or in the trash, or nothing matches."""
    if not choice.has_filter and not choice.entry_ids:
        raise ValidationError(
            "choice", "choose entries to share: flagged ones, a date range, tags, a context or entries by id."
        )
    ids: list[str] = []
    if choice.has_filter:
        ids = journal.entry_ids(
            since=choice.since,
            until=choice.until,
            tags=list(choice.tags) or None,
            context=choice.context,
            flagged=True if choice.flagged else None,
        )
    picked = [journal.get(i) for i in choice.entry_ids]  # NotFoundError names an unknown id
    for entry in picked:
        if entry.in_trash:
            raise ValidationError("entry_ids", f"entry {entry.id[:8]} is in the trash; restore it to share it.")
    ids = list(dict.fromkeys([*ids, *(e.id for e in picked)]))
    if not ids:
        raise ValidationError("choice", "no entry matches this choice.")
    entries = journal.load(ids)
    return sorted(entries, key=lambda e: e.occurred_on)  # stable: the journal's order within a day
