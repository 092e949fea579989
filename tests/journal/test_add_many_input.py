"""add_many takes a list of mappings of entry fields: anything else is a ValidationError naming
the entry (``entries[0]``) or the argument, and nothing is written."""

from __future__ import annotations

import pytest

from workbook import ValidationError


@pytest.mark.parametrize(
    "entries, field, fragment",
    [
        ([5], "entries[0]", "must be a mapping of entry fields, not a whole number"),
        ([{"title": "ok"}, None], "entries[1]", "not nothing"),
        ([{"title": "ok"}, ["title", "x"]], "entries[1]", "not a list"),
        ([{"title": "ok"}, "title"], "entries[1]", "not text"),
        ([{"title": "ok"}, {"title": "x", 5: 1}], "entries[1].<a whole number>", "not a field"),
        ([{"title": "ok"}, {"title": "x", "\x1b[2J": 1}], "entries[1].'\\x1b[2J'", "not a field"),
        (5, "entries", "must be a list"),
        ("abc", "entries", "must be a list"),
        ({"title": "x"}, "entries", "must be a list"),
    ],
)
def test_add_many_refuses_what_is_not_a_list_of_mappings(journal, counts, entries, field, fragment):
    before = counts(journal)
    with pytest.raises(ValidationError) as info:
        journal.add_many(entries)
    assert info.value.field == field, str(info.value)
    assert fragment in info.value.reason
    assert counts(journal) == before


def test_add_many_takes_any_iterable_of_mappings(journal):
    ids = journal.add_many({"title": f"t{i}"} for i in range(3))
    assert [journal.get(i).title for i in ids] == ["t0", "t1", "t2"]
