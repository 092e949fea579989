"""Rules for what is not an entry's field: the people register's names, the journal's own
tags, and what an import carries besides the fields (time stamps, revision numbers and
earlier versions). The journal, its people register and every importer use these, so an
import is held to exactly the rules of the forms.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from ..content.vocab import TAG_ID_RE, Vocabulary, slugify
from ..errors import ValidationError
from ..models import SYSTEM_FIELDS, Entry, Tag
from .basic import _describe, check_choice, check_keys, check_text

PSEUDONYM_MAX = 60
ALIASES_MAX = 20
TAG_LABEL_MAX = 60
TAG_ID_MAX = 60
TAG_DEFINITION_MAX = 2000
TAG_REFERENCE_MAX = 500
REVISION_MAX = 1_000_000
CUSTOM_TAG_KEYS = ("id", "label", "group", "definition", "reference")
#: The time stamps an import may carry (created, updated, deleted, earlier versions), in UTC.
STAMP_MIN = dt.datetime(1900, 1, 1, tzinfo=dt.timezone.utc)
STAMP_MAX = dt.datetime(2200, 12, 31, 23, 59, 59, tzinfo=dt.timezone.utc)
STAMP_TEXT_MAX = 64


def check_pseudonym(field: str, value: Any) -> str:
    """A pseudonym or alias as text: one line, at most ``PSEUDONYM_MAX`` characters, trimmed.
    (Whether it is free is the register's check, ``People.check_pseudonym``.)"""
    return check_text(field, value, max_len=PSEUDONYM_MAX, multiline=False, required=True).strip()


def check_alias_list(field: str, value: Any) -> list[str]:
    """Aliases as given to the register: a list of names (one name on its own counts as a
    list of one; None or an empty list: no aliases), at most ``ALIASES_MAX``, each a
    pseudonym-like name (``check_pseudonym``). Whether they are free is the register's check."""
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)):
        raise ValidationError(field, f"must be a list of names, not {_describe(value)}.")
    if len(value) > ALIASES_MAX:
        raise ValidationError(field, f"has {len(value)} names; at most {ALIASES_MAX} aliases per person.")
    return [check_pseudonym(f"{field}[{i}]", alias) for i, alias in enumerate(value)]


def check_tag_id(field: str, value: Any) -> str:
    if not isinstance(value, str) or not TAG_ID_RE.match(value) or len(value) > TAG_ID_MAX:
        raise ValidationError(
            field,
            f"must be lowercase ASCII letters and digits joined by hyphens (at most {TAG_ID_MAX}), e.g. 'stuck-feeling'.",
        )
    return value


def check_custom_tag(raw: Mapping[str, Any], vocabulary: Vocabulary) -> Tag:
    """A new tag of the journal's own from ``id`` (optional: made from the label), ``label``,
    ``group``, ``definition`` and ``reference`` (default "My own tag"); its id and label must
    be new to ``vocabulary``. Used by ``Journal.add_tag`` and the importer."""
    check_keys("", raw, CUSTOM_TAG_KEYS)
    label = check_text("label", raw.get("label"), max_len=TAG_LABEL_MAX, multiline=False, required=True).strip()
    group = check_choice("group", raw.get("group"), tuple(g.id for g in vocabulary.groups), optional=False)
    definition = check_text("definition", raw.get("definition"), max_len=TAG_DEFINITION_MAX, required=True).strip()
    reference = raw.get("reference", "My own tag")
    reference = check_text("reference", reference, max_len=TAG_REFERENCE_MAX, required=True).strip()
    tag_id = raw.get("id")
    tag_id = check_tag_id("id", slugify(label) if tag_id is None else tag_id)
    clash = vocabulary.find(tag_id) or vocabulary.find(label)
    if clash is not None:
        raise ValidationError("label", f"a tag {clash.id!r} ({clash.label}) already exists; choose another name.")
    return Tag(id=tag_id, label=label, group=group, definition=definition, reference=reference, custom=True)  # type: ignore[arg-type]


# -- what an importer may carry besides the fields: stamps, revisions, earlier versions ------
def check_stamp(field: str, value: Any) -> dt.datetime | None:
    """A date and time with a time zone, as ISO text (None stays None), from
    ``STAMP_MIN`` to ``STAMP_MAX`` once converted to UTC (so every view can show it)."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValidationError(field, f"must be a date and time as text, not {_describe(value)}.")
    if len(value) > STAMP_TEXT_MAX:
        raise ValidationError(field, f"is {len(value):,} characters long; a date and time is at most {STAMP_TEXT_MAX}.")
    try:
        stamp = dt.datetime.fromisoformat(value.strip())
    except ValueError:
        raise ValidationError(field, f"{value!r} is not a date and time; use e.g. 2026-03-14T09:30:00+00:00.") from None
    if stamp.tzinfo is None:
        raise ValidationError(field, f"{value!r} has no time zone; add one, e.g. +00:00.")
    try:
        in_range = STAMP_MIN <= stamp.astimezone(dt.timezone.utc) <= STAMP_MAX
    except OverflowError:  # e.g. 9999-12-31T23:59:59-14:00 is after the year 9999 in UTC
        in_range = False
    if not in_range:
        raise ValidationError(
            field,
            f"{value!r} is out of range; times from {STAMP_MIN:%Y-%m-%d} to {STAMP_MAX:%Y-%m-%d} (UTC) are allowed.",
        )
    return stamp


def check_revision(field: str, value: Any) -> int:
    """A revision number (1 if not given)."""
    if value is None:
        return 1
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= REVISION_MAX:
        raise ValidationError(field, f"must be a whole number of 1 or more (at most {REVISION_MAX:,}).")
    return value


def check_system_fields(raw: Mapping[str, Any]) -> dict[str, Any]:
    """``models.SYSTEM_FIELDS`` as an export carries them (``Entry.to_dict()``): stamps with a
    time zone (``check_stamp``), or None; a revision number, or 1. Neither ``updated_at``
    nor ``deleted_at`` may be before ``created_at``."""
    system = {
        name: check_revision(name, raw.get(name)) if name == "revision" else check_stamp(name, raw.get(name))
        for name in SYSTEM_FIELDS
    }
    for later in ("updated_at", "deleted_at"):
        if system["created_at"] and system[later] and system[later] < system["created_at"]:
            raise ValidationError(later, "is before created_at.")
    return system


def check_earlier_versions(
    field: str,
    entry_id: str,
    versions: Any,
    revision: int,
    check_fields: Callable[[Mapping[str, Any]], dict[str, Any]],
) -> list[Entry]:
    """Earlier versions of the entry ``entry_id`` (now at ``revision``) under ``field``, as
    ``Entry.to_dict()`` gave them: each of this entry, numbered uniquely below ``revision``,
    with its ``updated_at``. Their fields are held to the rules of an entry by
    ``check_fields`` (the importer's ``validate_entry``), their stamps by ``check_system_fields``."""
    if not isinstance(versions, list):
        raise ValidationError(field, "must be a list of earlier versions (Entry.to_dict()).")
    numbers: set[int] = set()
    out = []
    for j, snapshot in enumerate(versions):
        where = f"{field}[{j}]"
        if not isinstance(snapshot, Mapping):
            raise ValidationError(
                where, f"must be an earlier version of the entry (a mapping), not {_describe(snapshot)}."
            )
        with ValidationError.within(where):
            old = _earlier_version(snapshot, entry_id, revision, check_fields)
            if old.revision in numbers:
                raise ValidationError("revision", f"{old.revision} is given to two earlier versions.")
        numbers.add(old.revision)
        out.append(old)
    return out


def _earlier_version(
    snapshot: Mapping[str, Any],
    entry_id: str,
    revision: int,
    check_fields: Callable[[Mapping[str, Any]], dict[str, Any]],
) -> Entry:
    clean = check_fields({k: v for k, v in snapshot.items() if k not in SYSTEM_FIELDS})
    if clean.pop("id", None) != entry_id:
        raise ValidationError("id", f"must be {entry_id!r}, the id of the entry it is an earlier version of.")
    system = check_system_fields(snapshot)
    if not 1 <= system["revision"] < revision:
        raise ValidationError("revision", f"{system['revision']} must be lower than the entry's revision ({revision}).")
    if system["updated_at"] is None:
        raise ValidationError("updated_at", "is required for an earlier version.")
    return Entry(id=entry_id, **clean, **system)
