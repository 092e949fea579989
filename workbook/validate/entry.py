"""Check and normalise an entry's fields before anything is written.

One function, :func:`validate_entry`, is used by the journal, the forms, the command line
and importers, so the rules live in one place. It either returns clean values or raises
:class:`~workbook.errors.ValidationError` naming the field and what is allowed.

Limits (also in README.md):

========================  ===============================================
title                     1-200 characters, one line, not only spaces
narrative                 up to 100,000 characters
each stage response       up to 50,000 characters
people                    up to 30 pseudonyms from the people register
tags                      up to 60 uses; intensity 1-3; anchors inside the text
feelings before / after   whole numbers 0-10
outcome                   held, avoided, softened, deferred, chose-not-to-know
stance                    whole number -2 (heroic) ... +2 (stoical)
stance_both               true or false ("both, in tension")
depth                     descriptive-writing, descriptive-reflection, dialogic, critical
pcf                       BASW PCF domain ids (``content.PCF_DOMAINS``), on the entry and on
                          each action point; repeats dropped, kept in the framework's order
actions                   up to 30, each up to 1,000 characters
feedback                  up to 50 items, each up to 20,000 characters
dates                     real dates from 1950-01-01 to 2100-12-31
========================  ===============================================

Text rules (no control characters, no lone surrogates) are in :mod:`workbook.validate.basic`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from typing import Any

from ..content.assignments import PCF_DOMAINS
from ..content.reflective_models import TemplateLibrary
from ..content.vocab import Vocabulary
from ..errors import ValidationError
from ..models import (
    ACTION_STATUSES,
    DEPTHS,
    ENTRY_FIELDS,
    FEEDBACK_FUNCTIONS,
    FEEDBACK_ROLES,
    OUTCOMES,
    SYSTEM_FIELDS,
    Action,
    Anchor,
    Feedback,
    TagUse,
)
from .basic import (
    _check_item_id,
    _check_list,
    _describe,
    check_choice,
    check_date,
    check_int,
    check_keys,
    check_text,
    check_uuid,
    safe_name,
)

TITLE_MAX = 200
NARRATIVE_MAX = 100_000
RESPONSE_MAX = 50_000
PEOPLE_MAX = 30
TAGS_MAX = 60
ACTIONS_MAX = 30
ACTION_TEXT_MAX = 1_000
FEEDBACK_MAX = 50
FEEDBACK_TEXT_MAX = 20_000
SHORT_TEXT_MAX = 100
CONTEXT_GROUP = "context"
#: At most this many domains may be given (each of the nine once, with room for repeats, which are dropped).
PCF_GIVEN_MAX = 30
_PCF_ORDER = {domain: n for n, domain in enumerate(PCF_DOMAINS)}
_PCF_BY_NAME = {
    **{label.casefold(): domain for domain, label in PCF_DOMAINS.items()},
    **{domain.replace("_", "-"): domain for domain in PCF_DOMAINS},
    **{domain: domain for domain in PCF_DOMAINS},
}
_SHOWABLE = re.compile(r"[A-Za-z][A-Za-z ,_-]{0,59}")


def check_pcf(field: str, value: Any) -> tuple[str, ...]:
    """The BASW Professional Capabilities Framework domains (``content.PCF_DOMAINS``) an entry
    or an action point is evidence for: ids (or labels, in any case), repeats dropped, in the
    framework's order. An unknown one is a ValidationError on ``field`` listing the ids."""
    found: set[str] = set()
    for i, raw in enumerate(_check_list(field, value, PCF_GIVEN_MAX)):
        if not isinstance(raw, str):
            raise ValidationError(f"{field}[{i}]", f"must be a PCF domain id (text), not {_describe(raw)}.")
        domain = _PCF_BY_NAME.get(" ".join(raw.split()).casefold())
        if domain is None:
            shown = repr(raw) if _SHOWABLE.fullmatch(raw) else "this value"
            raise ValidationError(
                f"{field}[{i}]", f"{shown} is not a PCF domain; the domains are {', '.join(PCF_DOMAINS)}."
            )
        found.add(domain)
    return tuple(sorted(found, key=_PCF_ORDER.__getitem__))


def check_actions(value: Any) -> tuple[Action, ...]:
    items, seen = [], set()
    for i, raw in enumerate(_check_list("actions", value, ACTIONS_MAX)):
        field = f"actions[{i}]"
        if isinstance(raw, Action):
            raw = raw.to_dict()
        if isinstance(raw, str):
            raw = {"text": raw}
        if not isinstance(raw, Mapping):
            raise ValidationError(field, "must be text or a mapping with 'text', 'status' and 'due_on'.")
        check_keys(field, raw, ("id", "text", "status", "due_on", "pcf"))
        action = Action(
            id=_check_item_id(f"{field}.id", raw.get("id")),
            text=check_text(f"{field}.text", raw.get("text"), max_len=ACTION_TEXT_MAX, required=True),
            status=check_choice(f"{field}.status", raw.get("status", "open"), ACTION_STATUSES, optional=False),  # type: ignore[arg-type]
            due_on=None if raw.get("due_on") is None else check_date(f"{field}.due_on", raw["due_on"]),
            pcf=check_pcf(f"{field}.pcf", raw.get("pcf")),
        )
        if action.id in seen:
            raise ValidationError(f"{field}.id", f"{action.id!r} is used by another action point.")
        seen.add(action.id)
        items.append(action)
    return tuple(items)


def check_feedback(value: Any, today: dt.date) -> tuple[Feedback, ...]:
    items, seen = [], set()
    for i, raw in enumerate(_check_list("feedback", value, FEEDBACK_MAX)):
        field = f"feedback[{i}]"
        if isinstance(raw, Feedback):
            raw = raw.to_dict()
        if not isinstance(raw, Mapping):
            raise ValidationError(field, "must be a mapping with 'author_role', 'text' and 'given_on'.")
        check_keys(field, raw, ("id", "author_role", "given_on", "text", "function"))
        item = Feedback(
            id=_check_item_id(f"{field}.id", raw.get("id")),
            author_role=check_choice(f"{field}.author_role", raw.get("author_role"), FEEDBACK_ROLES, optional=False),  # type: ignore[arg-type]
            given_on=check_date(f"{field}.given_on", raw.get("given_on", today)),
            text=check_text(f"{field}.text", raw.get("text"), max_len=FEEDBACK_TEXT_MAX, required=True),
            function=check_choice(f"{field}.function", raw.get("function"), FEEDBACK_FUNCTIONS),
        )
        if item.id in seen:
            raise ValidationError(f"{field}.id", f"{item.id!r} is used by another feedback item.")
        seen.add(item.id)
        items.append(item)
    return tuple(items)


def check_anchor(field: str, raw: Any, texts: Mapping[str, str]) -> Anchor | None:
    if raw is None:
        return None
    if isinstance(raw, Anchor):
        raw = raw.to_dict()
    if not isinstance(raw, Mapping):
        raise ValidationError(field, "must be a mapping with 'field', 'start' and 'end'.")
    check_keys(field, raw, ("field", "start", "end"))
    target = raw.get("field")
    if target not in texts:
        allowed = ", ".join(repr(k) for k in texts) or "none (the entry has no text yet)"
        raise ValidationError(f"{field}.field", f"{target!r} is not a text of this entry; allowed: {allowed}.")
    length = len(texts[target])
    start = check_int(f"{field}.start", raw.get("start"), 0, length, optional=False)
    end = check_int(f"{field}.end", raw.get("end"), 0, length, optional=False)
    assert start is not None and end is not None
    if end <= start:
        raise ValidationError(f"{field}.end", f"must be after start ({start}); the passage cannot be empty.")
    return Anchor(target, start, end)


def check_tags(value: Any, vocabulary: Vocabulary, texts: Mapping[str, str]) -> tuple[TagUse, ...]:
    uses: list[TagUse] = []
    for i, raw in enumerate(_check_list("tags", value, TAGS_MAX)):
        field = f"tags[{i}]"
        if isinstance(raw, TagUse):
            raw = raw.to_dict()
        if isinstance(raw, str):
            raw = {"tag": raw}
        if not isinstance(raw, Mapping):
            raise ValidationError(field, "must be a tag id or a mapping with 'tag', 'intensity' and 'anchor'.")
        check_keys(field, raw, ("tag", "intensity", "anchor"))
        name = raw.get("tag")
        if not isinstance(name, str):
            raise ValidationError(f"{field}.tag", f"must be a tag id, not {_describe(name)}.")
        tag = vocabulary.resolve(name, field=f"{field}.tag")
        if raw.get("intensity") is not None and not vocabulary.group(tag.group).intensity:
            with_intensity = ", ".join(g.label for g in vocabulary.groups if g.intensity)
            raise ValidationError(
                f"{field}.intensity",
                f"tag {tag.id!r} ({vocabulary.group(tag.group).label}) takes no intensity; "
                f"only tags in {with_intensity} do.",
            )
        use = TagUse(
            tag=tag.id,
            intensity=check_int(f"{field}.intensity", raw.get("intensity"), 1, 3),
            anchor=check_anchor(f"{field}.anchor", raw.get("anchor"), texts),
        )
        if use in uses:
            raise ValidationError(field, f"tag {tag.id!r} is given twice in the same way.")
        uses.append(use)
    return tuple(uses)


def check_people(value: Any, find_person: Callable[[str], str | None]) -> tuple[str, ...]:
    names: list[str] = []
    for i, raw in enumerate(_check_list("people", value, PEOPLE_MAX)):
        field = f"people[{i}]"
        if not isinstance(raw, str):
            raise ValidationError(field, f"must be a pseudonym (text), not {_describe(raw)}.")
        pseudonym = find_person(raw)
        if pseudonym is None:
            raise ValidationError(
                field,
                f"{raw!r} is not in the people register; add them to the register first (a pseudonym and a role).",
            )
        if pseudonym in names:
            raise ValidationError(field, f"{pseudonym!r} is listed twice.")
        names.append(pseudonym)
    return tuple(names)


def check_responses(value: Any, template_id: str | None, templates: TemplateLibrary) -> dict[str, str]:
    if value is None:
        value = {}
    if not isinstance(value, Mapping):
        raise ValidationError("responses", f"must be a mapping of stage id to text, not {_describe(value)}.")
    if value and template_id is None:
        raise ValidationError("responses", "stage responses need a template; set 'template' too.")
    responses: dict[str, str] = {}
    stage_ids = templates[template_id].stage_ids if template_id else ()
    for stage, text in value.items():
        if stage not in stage_ids:
            raise ValidationError(
                f"responses.{safe_name(stage)}",
                f"is not a stage of template {template_id!r}; its stages are {', '.join(stage_ids)}.",
            )
        responses[stage] = check_text(f"responses.{stage}", text, max_len=RESPONSE_MAX)
    return responses


def check_fields_mapping(field: str, raw: Any) -> Mapping[str, Any]:
    """``raw`` if it is a mapping of entry fields (one entry of ``add_many`` or an import),
    else ValidationError on ``field`` (e.g. ``entries[0]``; "entry" if empty)."""
    if not isinstance(raw, Mapping):
        raise ValidationError(field or "entry", f"must be a mapping of entry fields, not {_describe(raw)}.")
    return raw


def _check_names(raw: Mapping[str, Any]) -> None:
    for key in raw:
        if key in SYSTEM_FIELDS:
            raise ValidationError(key, "is set by the journal and cannot be given.")
        if key not in ENTRY_FIELDS:
            raise ValidationError(
                safe_name(key), f"is not a field of an entry; the fields are {', '.join(ENTRY_FIELDS)}."
            )
    if "title" not in raw:
        raise ValidationError("title", "is required: give the conversation a short title.")


def check_context(value: Any, vocabulary: Vocabulary) -> str | None:
    """A context tag's id, given by id or label (None if not given)."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValidationError("context", f"must be text, not {_describe(value)}.")
    tag = vocabulary.find(value)
    if tag is None or tag.group != CONTEXT_GROUP:
        allowed = ", ".join(t.id for t in vocabulary.in_group(CONTEXT_GROUP))
        raise ValidationError("context", f"{value!r} is not a context; choose one of {allowed}.")
    return tag.id


def check_template(value: Any, templates: TemplateLibrary) -> str | None:
    if value is not None and (not isinstance(value, str) or value not in templates):
        raise ValidationError("template", f"{value!r} is not a template; choose one of {', '.join(templates)}.")
    return value


def check_flag(field: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValidationError(field, f"must be true or false, not {_describe(value)}.")
    return value


def validate_entry(
    raw: Mapping[str, Any],
    *,
    vocabulary: Vocabulary,
    templates: TemplateLibrary,
    find_person: Callable[[str], str | None],
    today: dt.date | None = None,
) -> dict[str, Any]:
    """Return clean entry fields from ``raw`` or raise ValidationError (naming the field).

    ``find_person`` maps a pseudonym or alias to the register's pseudonym (or None).
    Missing optional fields take their defaults; ``occurred_on`` defaults to today.
    The fields are ``models.ENTRY_FIELDS``, checked in that order.
    """
    today = today or dt.date.today()
    check_fields_mapping("entry", raw)
    _check_names(raw)
    clean: dict[str, Any] = {}
    if raw.get("id") is not None:
        clean["id"] = check_uuid("id", raw["id"])
    clean["occurred_on"] = check_date("occurred_on", raw.get("occurred_on", today))
    clean["title"] = check_text("title", raw["title"], max_len=TITLE_MAX, multiline=False, required=True)
    clean["context"] = check_context(raw.get("context"), vocabulary)
    clean["people"] = check_people(raw.get("people"), find_person)
    clean["outcome"] = check_choice("outcome", raw.get("outcome"), OUTCOMES)
    clean["stance"] = check_int("stance", raw.get("stance"), -2, 2)
    clean["stance_both"] = check_flag("stance_both", raw.get("stance_both", False))
    clean["depth"] = check_choice("depth", raw.get("depth"), tuple(DEPTHS))
    clean["template"] = check_template(raw.get("template"), templates)
    clean["responses"] = check_responses(raw.get("responses"), clean["template"], templates)
    narrative = raw.get("narrative")
    clean["narrative"] = "" if narrative is None else check_text("narrative", narrative, max_len=NARRATIVE_MAX)
    texts = {"narrative": clean["narrative"], **{f"responses.{k}": v for k, v in clean["responses"].items()}}
    clean["tags"] = check_tags(raw.get("tags"), vocabulary, texts)
    clean["feelings_before"] = check_int("feelings_before", raw.get("feelings_before"), 0, 10)
    clean["feelings_after"] = check_int("feelings_after", raw.get("feelings_after"), 0, 10)
    clean["actions"] = check_actions(raw.get("actions"))
    clean["flagged"] = check_flag("flagged", raw.get("flagged", False))
    clean["feedback"] = check_feedback(raw.get("feedback"), today)
    clean["pcf"] = check_pcf("pcf", raw.get("pcf"))
    return clean
