"""Edits relative to what an entry holds, turned into the whole field values ``Journal.update`` takes.

A person rarely means "replace the tags with this list". They mean "add relieved, take
anxious off", "mark that action point done", "empty the outcome", "change the answer to
this one stage". How such a request merges with the entry is decided here, once, as pure
functions of an :class:`~workbook.models.Entry` and the request, so the command line, the
forms and the features to come make the same change the same way.

Nothing here reads or writes the journal. Call these through ``Journal.edit(entry_id,
lambda entry: merge(entry, ...))``: it passes the entry as read inside the write
transaction, so a change another kernel saved a moment before is merged, never
overwritten (a merge of an earlier read would drop it). The journal still validates the
result, so these functions only merge; the rules for each field stay in ``validate``.
Errors name the part of the request that cannot be done (``remove_tags``, ``action_id``,
``responses``), never the entry's text.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..errors import ValidationError
from ..models import Action, Entry

if TYPE_CHECKING:
    from ..content.vocab import Vocabulary

# The fields an edit may empty (back to what a new entry has). Title and date are required,
# and the lists of action points and feedback are followed up item by item instead.
CLEARABLE = (
    "context",
    "outcome",
    "stance",
    "stance_both",
    "depth",
    "template",
    "narrative",
    "people",
    "tags",
    "feelings_before",
    "feelings_after",
    "pcf",
)
_ENTRY_FIELDS = {f.name: f for f in dataclasses.fields(Entry)}


class TemplateChangeError(ValidationError):
    """The template would change while the entry holds answers for the old one and none for
    the new one. Going on would drop the answers without being asked, so the edit is refused;
    the caller says how to go on (give new answers, or clear the template first)."""


def cleared(names: Iterable[str]) -> dict[str, Any]:
    """The values that empty each field in ``names``: what a new entry has (``[]``, ``""`` or None)."""
    values = {}
    for name in names:
        if name not in CLEARABLE:
            raise ValidationError(name, f"cannot be cleared; the fields that can are {', '.join(CLEARABLE)}.")
        spec = _ENTRY_FIELDS[name]
        empty = spec.default_factory() if spec.default_factory is not dataclasses.MISSING else spec.default
        values[name] = list(empty) if isinstance(empty, tuple) else empty
    return values


def merge_responses(entry: Entry, template: str | None, responses: Mapping[str, str] | None) -> dict[str, str] | None:
    """The answers after an edit that leaves the entry with ``template``; None if they stay as they are.

    ``responses`` change answers stage by stage: a text replaces that stage's answer, an empty
    text removes it, and the other stages keep theirs while the template stays the same. A new
    template starts from no answers. Clearing the template clears its answers (the earlier
    versions keep them). Changing to another template without new answers, while the entry
    has answers, raises :class:`TemplateChangeError`.
    """
    if responses is not None:
        merged = dict(entry.responses) if template == entry.template else {}
        for stage, text in responses.items():
            if text:
                merged[stage] = text
            else:
                merged.pop(stage, None)
        return merged
    if template == entry.template or not entry.responses:
        return None
    if template is not None:
        raise TemplateChangeError(
            "responses",
            "the entry has answers for its current template: give answers for the new one too, "
            "or clear the template first (earlier versions keep the old answers).",
        )
    return {}


def merge_tags(
    tags: Sequence[Mapping[str, Any] | str],
    *,
    add: Sequence[Mapping[str, Any]] = (),
    remove: Sequence[str] = (),
    vocabulary: Vocabulary | None = None,
) -> list[dict[str, Any]]:
    """``tags`` without any use of a tag in ``remove`` (at any intensity), then the uses in ``add``.

    With a ``vocabulary`` a tag may be named by id or label in any case, as everywhere else;
    without one, names are compared as given. Removing a tag the entry does not have is a
    ValidationError on ``remove_tags`` (a typo should not pass silently). A use given as a
    plain name (``"anxious"``, as ``Journal.add`` also takes it) counts as ``{"tag": name}``.
    """
    uses = [dict(t) if isinstance(t, Mapping) else {"tag": t} for t in tags]

    def tag_id(name: str) -> str:
        found = vocabulary.find(name) if vocabulary is not None else None
        return found.id if found is not None else name

    drop = {vocabulary.resolve(name, field="remove_tags").id if vocabulary else name for name in remove}
    missing = drop - {tag_id(t["tag"]) for t in uses}
    if missing:
        raise ValidationError("remove_tags", f"the entry has no tag {', '.join(sorted(missing))}.")
    return [t for t in uses if tag_id(t["tag"]) not in drop] + [dict(t) for t in add]


def merge_actions(
    actions: Sequence[Action], *, statuses: Sequence[tuple[str, str]] = (), add: Sequence[str] = ()
) -> list[dict[str, Any]]:
    """The action points with ``statuses`` applied, then the texts in ``add`` as new open ones.

    Each status names its action point by id or by a start of one that fits no other
    (the command line shows ids cut short). The status is passed on as given, trimmed and in
    lower case; the validator decides whether it is one of open, done or dropped.
    """
    out = [a.to_dict() for a in actions]
    for action_id, status in statuses:
        matches = [a for a in out if a["id"] == action_id] or [
            a for a in out if action_id and a["id"].startswith(action_id)
        ]
        if len(matches) != 1:
            known = ", ".join(a["id"] for a in out) or "none"
            problem = "more than one action point starts with" if matches else "no action point"
            raise ValidationError("action_id", f"the entry has {problem} {action_id!r}; its action ids are {known}.")
        matches[0]["status"] = status.strip().lower()
    return out + [{"text": text} for text in add]


def added_feedback(
    entry: Entry,
    author_role: str,
    text: str,
    given_on: dt.date | str | None = None,
    *,
    id: str | None = None,
    function: str | None = None,
) -> list[dict[str, Any]]:
    """The entry's feedback with one more comment at the end (the validator fills in a missing date and id)."""
    item: dict[str, Any] = {"author_role": author_role, "text": text, "id": id}
    if function is not None:
        item["function"] = function
    if given_on is not None:
        item["given_on"] = given_on
    return [*(f.to_dict() for f in entry.feedback), item]


def checked_revision(value: Any) -> int | None:
    """``expected_revision`` as given to ``Journal.update``/``edit``: None, or a whole number of 1
    or more (the revision the edit was made from). Anything else (``"1"``, ``True``, ``1.0``,
    ``0``) is a ValidationError, not a conflict: the caller passed a wrong value."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(
            "expected_revision",
            f"must be a whole number of 1 or more (the revision the edit was made from), or None; "
            f"got a {type(value).__name__}.",
        )
    if value < 1:
        raise ValidationError(
            "expected_revision",
            f"must be a whole number of 1 or more (the revision the edit was made from), or None; got {value}.",
        )
    return value


def merge(
    entry: Entry,
    changes: Mapping[str, Any] | None = None,
    *,
    responses: Mapping[str, str] | None = None,
    add_tags: Sequence[Mapping[str, Any]] = (),
    remove_tags: Sequence[str] = (),
    add_actions: Sequence[str] = (),
    statuses: Sequence[tuple[str, str]] = (),
    clear: Sequence[str] = (),
    vocabulary: Vocabulary | None = None,
) -> dict[str, Any]:
    """The keyword arguments for ``Journal.update(entry.id, **...)`` that make one edit.

    ``changes`` are whole new values (``title``, ``tags``, ``people``, ...). ``clear`` empties
    fields (see :data:`CLEARABLE`); a field cannot be both cleared and given. The rest are
    relative to the entry: ``responses`` by stage (:func:`merge_responses`), ``add_tags`` and
    ``remove_tags`` (:func:`merge_tags`, starting from ``changes["tags"]`` if given), and
    ``statuses`` and ``add_actions`` for the action points (:func:`merge_actions`).
    """
    values = dict(changes or {})
    both = sorted(set(clear) & set(values))
    if both:
        raise ValidationError(both[0], "cannot be given a new value and cleared in one edit.")
    values.update(cleared(clear))
    if responses is not None or "responses" not in values:
        answers = merge_responses(entry, values.get("template", entry.template), responses)
        if answers is not None:
            values["responses"] = answers
    if add_tags or remove_tags:
        current = values.get("tags", [t.to_dict() for t in entry.tags])
        values["tags"] = merge_tags(current, add=add_tags, remove=remove_tags, vocabulary=vocabulary)
    if statuses or add_actions:
        values["actions"] = merge_actions(entry.actions, statuses=statuses, add=add_actions)
    return values
