"""Where the entry form shows a refusal, and in what words.

The journal's ``ValidationError`` names a field path (``title``, ``responses.feelings``,
``tags[2].intensity``); :meth:`ValidationError.parts` takes it apart, and
:func:`error_place` turns it into the error label beside that field. The field names a
person reads are in :data:`FIELD_LABELS`, one per entry field (a test checks that none is
missing, so a new field cannot be forgotten).
"""

from __future__ import annotations

from collections.abc import Container

from ...errors import ValidationError

FIELD_LABELS = {
    "occurred_on": "Date",
    "title": "Title",
    "context": "Context",
    "people": "People",
    "outcome": "Outcome",
    "stance": "Stance",
    "stance_both": "Stance (both in tension)",
    "depth": "Depth of reflection",
    "template": "Reflective model",
    "responses": "Stage answers",
    "narrative": "Narrative",
    "tags": "Tags",
    "feelings_before": "Feelings before",
    "feelings_after": "Feelings after",
    "actions": "Action points",
    "flagged": "Bring to supervision",
    "feedback": "Feedback",
    "pcf": "PCF domains",
}
PICKER = "picker"  # the place of tag and passage errors: the tag picker shows them
GENERAL = "general"  # anything not tied to one field
_PICKER_FIELDS = ("tags", "passage")
_OPENING_WORDS = {"is", "must", "has", "holds", "cannot"}


def with_subject(name: str, message: str) -> str:
    """An error beside a field, with the field named (FIELD_LABELS): ``"is required"`` →
    ``"Title is required"``; other messages get ``"Title: "`` in front."""
    if message.split(" ", 1)[0] in _OPENING_WORDS:
        return f"{name} {message}"
    return f"{name}: {message}"


def field_name(base: str) -> str:
    """What a person calls the entry field ``base``."""
    return FIELD_LABELS.get(base, base.replace("_", " ").capitalize())


def error_place(error: ValidationError, labels: Container[str]) -> str:
    """The key of the error label that shows ``error``: a stage's (``responses.<id>``), a
    field's, :data:`PICKER` or :data:`GENERAL`."""
    base, index, rest = error.parts
    if base in _PICKER_FIELDS:
        return PICKER
    if base == "responses":
        stage = f"responses.{rest.split('.')[0]}"
        return stage if index is None and rest and stage in labels else GENERAL
    return base if base in labels else GENERAL


def error_text(error: ValidationError, place: str) -> str:
    """The words shown at ``place``: a stage's label needs no subject, a field's names the
    field, and the general area gives the whole field path."""
    if place == GENERAL:
        return f"{error.field}: {error.reason}"
    if place.startswith("responses."):
        return error.reason
    return with_subject(field_name(place), error.reason)
