"""Every field rule, in one place: entries, the people register's names, the journal's own
tags, and what an import carries (time stamps, revisions, earlier versions).

One function, :func:`validate_entry`, is used by the journal, the forms, the command line
and importers. Every check either returns clean values or raises
:class:`~workbook.errors.ValidationError` naming the field and what is allowed.

* :mod:`.basic`: text, dates, whole numbers, choices and ids (the building blocks);
* :mod:`.entry`: an entry's fields and their limits (the table is in its docstring);
* :mod:`.records`: pseudonyms, custom tags, import stamps, revisions and earlier versions.
"""

from __future__ import annotations

from ..models import ENTRY_FIELDS, SYSTEM_FIELDS
from .basic import (
    DATE_MAX,
    DATE_MIN,
    check_choice,
    check_date,
    check_int,
    check_keys,
    check_text,
    check_uuid,
    new_item_id,
)
from .entry import (
    ACTION_TEXT_MAX,
    ACTIONS_MAX,
    CONTEXT_GROUP,
    FEEDBACK_MAX,
    FEEDBACK_TEXT_MAX,
    NARRATIVE_MAX,
    PEOPLE_MAX,
    RESPONSE_MAX,
    SHORT_TEXT_MAX,
    TAGS_MAX,
    TITLE_MAX,
    check_actions,
    check_anchor,
    check_context,
    check_feedback,
    check_flag,
    check_people,
    check_responses,
    check_tags,
    check_template,
    validate_entry,
)
from .records import (
    ALIASES_MAX,
    CUSTOM_TAG_KEYS,
    PSEUDONYM_MAX,
    REVISION_MAX,
    TAG_DEFINITION_MAX,
    TAG_ID_MAX,
    TAG_LABEL_MAX,
    TAG_REFERENCE_MAX,
    check_custom_tag,
    check_earlier_versions,
    check_pseudonym,
    check_revision,
    check_stamp,
    check_system_fields,
    check_tag_id,
)

__all__ = [
    "ACTIONS_MAX",
    "ACTION_TEXT_MAX",
    "ALIASES_MAX",
    "CONTEXT_GROUP",
    "CUSTOM_TAG_KEYS",
    "DATE_MAX",
    "DATE_MIN",
    "ENTRY_FIELDS",
    "FEEDBACK_MAX",
    "FEEDBACK_TEXT_MAX",
    "NARRATIVE_MAX",
    "PEOPLE_MAX",
    "PSEUDONYM_MAX",
    "RESPONSE_MAX",
    "REVISION_MAX",
    "SHORT_TEXT_MAX",
    "SYSTEM_FIELDS",
    "TAGS_MAX",
    "TAG_DEFINITION_MAX",
    "TAG_ID_MAX",
    "TAG_LABEL_MAX",
    "TAG_REFERENCE_MAX",
    "TITLE_MAX",
    "check_actions",
    "check_anchor",
    "check_choice",
    "check_context",
    "check_custom_tag",
    "check_date",
    "check_earlier_versions",
    "check_feedback",
    "check_flag",
    "check_int",
    "check_keys",
    "check_people",
    "check_pseudonym",
    "check_responses",
    "check_revision",
    "check_stamp",
    "check_system_fields",
    "check_tag_id",
    "check_tags",
    "check_template",
    "check_text",
    "check_uuid",
    "new_item_id",
    "validate_entry",
]
