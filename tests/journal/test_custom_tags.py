"""The journal's own tags: usable at once and kept, and the rules a new one must meet."""

from __future__ import annotations

import pytest

import workbook as wb
from workbook import (
    Journal,
    ValidationError,
)

# -- custom tags ---------------------------------------------------------------------------


def test_custom_tag_is_usable_and_persists(journal_path):
    with Journal(journal_path) as j:
        tag = j.add_tag("Stuck feeling", "feelings", "Going round in circles.")
        assert (tag.id, tag.custom, tag.group) == ("stuck-feeling", True, "feelings")
        assert j.vocabulary().find("STUCK FEELING") == tag
        entry = j.add(title="t", tags=[{"tag": "Stuck feeling", "intensity": 2}])
        assert entry.tags[0].tag == "stuck-feeling"
    with Journal(journal_path) as j:
        assert j.vocabulary().find("stuck-feeling").custom
        assert j.entries(tags=["stuck-feeling"])[0].id == entry.id
        assert wb.vocabulary(j).find("stuck feeling") is not None


@pytest.mark.parametrize(
    "label, kwargs, field",
    [
        ("Angry", {}, "label"),
        ("  angry ", {}, "label"),
        ("My own", {"id": "dread"}, "label"),
        ("Held back", {"id": "held"}, "label"),
        ("Stuck", {"group": "moods"}, "group"),
        ("Stuck", {"id": "Not An Id"}, "id"),
        ("Stuck", {"id": "stuck\n"}, "id"),
        ("情", {}, "id"),
        ("", {}, "label"),
        ("two\nlines", {}, "label"),
        ("Stuck", {"definition": ""}, "definition"),
    ],
)
def test_add_tag_refusals(journal, counts, label, kwargs, field):
    args = {"group": "feelings", "definition": "A definition.", **kwargs}
    before = counts(journal)
    with pytest.raises(ValidationError) as info:
        journal.add_tag(label, args.pop("group"), args.pop("definition"), **args)
    assert info.value.field == field
    assert counts(journal) == before


def test_add_tag_clash_names_the_existing_tag(journal):
    with pytest.raises(ValidationError, match="'angry' \\(Angry\\) already exists"):
        journal.add_tag("ANGRY", "feelings", "x")
