"""plan.py: the one import path: the shapes it takes, everything checked before anything
is written (a refusal names the place and writes nothing), people and tags from a document,
and one transaction for a large import."""

from __future__ import annotations

import pytest

from workbook import ValidationError
from workbook.exchange import FORMAT, FORMAT_VERSION, import_entries
from workbook.exchange.plan import readable_aliases_in


def test_import_one_mapping(journal):
    (entry,) = import_entries(journal, {"title": "One", "people": ["Jo Example"], "tags": ["anxious"]})
    assert entry.people == ("Parent A",) and entry.revision == 1
    assert journal.get(entry.id).title == "One"


def test_import_a_list_keeps_given_ids(journal):
    entries = import_entries(journal, [{"title": "A"}, {"title": "B", "id": "aaaaaaaa-0000-4000-8000-000000000000"}])
    assert [e.title for e in entries] == ["A", "B"]
    assert entries[1].id == "aaaaaaaa-0000-4000-8000-000000000000"


def test_import_an_empty_list_writes_nothing(journal, counts):
    before = counts(journal)
    assert import_entries(journal, []) == []
    assert counts(journal) == before


def test_import_accepts_timestamps_and_trash_state(journal):
    (entry,) = import_entries(
        journal,
        {
            "title": "Old",
            "created_at": "2020-01-01T10:00:00+00:00",
            "updated_at": "2020-02-01T10:00:00+00:00",
            "revision": 3,
            "deleted_at": "2021-01-01T00:00:00+00:00",
        },
    )
    assert entry.created_at.isoformat() == "2020-01-01T10:00:00+00:00"
    assert entry.updated_at.isoformat() == "2020-02-01T10:00:00+00:00"
    assert entry.revision == 3 and entry.in_trash


# -- import: refusals (nothing written) ---------------------------------------------------
BAD_IMPORTS = [
    pytest.param(
        [{"title": "ok"}, {"title": "ok"}, {"narrative": "no title"}],
        "entries[2].title",
        "required",
        id="missing-title",
    ),
    pytest.param(
        [{"title": "ok"}, {"title": "x", "tags": ["anxius"]}],
        "entries[1].tags[0].tag",
        "Did you mean 'anxious'",
        id="unknown-tag",
    ),
    pytest.param(
        [{"title": "x", "people": ["Nobody"]}],
        "entries[0].people[0]",
        "not in the people register",
        id="unknown-person",
    ),
    pytest.param(
        [{"title": "x", "occurred_on": "2025-02-30"}],
        "entries[0].occurred_on",
        "not a real calendar date",
        id="bad-date",
    ),
    pytest.param(
        [{"title": "x", "created_at": "yesterday"}], "entries[0].created_at", "not a date and time", id="bad-created"
    ),
    pytest.param(
        [{"title": "x", "created_at": "2020-01-01T00:00:00"}],
        "entries[0].created_at",
        "no time zone",
        id="naive-created",
    ),
    pytest.param(
        [{"title": "x", "created_at": "2020-01-02T00:00:00+00:00", "updated_at": "2020-01-01T00:00:00+00:00"}],
        "entries[0].updated_at",
        "before created_at",
        id="updated-before-created",
    ),
    pytest.param([{"title": "x", "revision": 0}], "entries[0].revision", "1 or more", id="revision-0"),
    pytest.param([{"title": "x", "revision": True}], "entries[0].revision", "1 or more", id="revision-bool"),
    pytest.param([{"title": "x", "colour": "red"}], "entries[0].colour", "not a field", id="unknown-field"),
    pytest.param(["just a title"], "entries[0]", "must be a mapping", id="not-a-mapping"),
    pytest.param(
        [
            {"title": "a", "id": "aaaaaaaa-0000-4000-8000-000000000000"},
            {"title": "b", "id": "aaaaaaaa-0000-4000-8000-000000000000"},
        ],
        "entries[1].id",
        "also the id of entry 0",
        id="duplicate-ids",
    ),
    pytest.param({"narrative": "x"}, "title", "required", id="single-mapping-no-prefix"),
    pytest.param("a string", "data", "must be an entry", id="string"),
    pytest.param(42, "data", "must be an entry", id="number"),
]


@pytest.mark.parametrize("data, field, fragment", BAD_IMPORTS)
def test_bad_import_is_refused_and_nothing_is_written(journal, counts, data, field, fragment):
    before = counts(journal)
    with pytest.raises(ValidationError) as info:
        import_entries(journal, data)
    assert info.value.field == field
    assert fragment in str(info.value)
    assert counts(journal) == before


def test_existing_id_is_refused(journal, counts):
    entry = journal.add(title="Here already")
    before = counts(journal)
    with pytest.raises(ValidationError, match=r"already exists in this journal") as info:
        import_entries(journal, [{"title": "new"}, {"title": "copy", "id": entry.id}])
    assert info.value.field == "entries[1].id"
    assert counts(journal) == before


def _doc(**parts) -> dict:
    return {"format": FORMAT, "format_version": 1, "exported_at": "2026-01-01T00:00:00+00:00", **parts}


BAD_DOCUMENTS = [
    pytest.param({"format": "day-one"}, "format", "not a Reflective Workbook export", id="wrong-format"),
    pytest.param(_doc(format_version=FORMAT_VERSION + 1), "format_version", "newer version", id="newer-version"),
    pytest.param(_doc(format_version="1"), "format_version", "whole number", id="version-text"),
    pytest.param(_doc(extra=1), "extra", "not a part", id="unknown-key"),
    pytest.param(_doc(entries={"title": "x"}), "entries", "must be a list", id="entries-not-list"),
    pytest.param(_doc(people=[{"pseudonym": "New", "role": "wizard"}]), "people[0].role", "not allowed", id="bad-role"),
    pytest.param(
        _doc(people=[{"pseudonym": "New", "role": "parent", "age": 3}]),
        "people[0].age",
        "not a known key",
        id="person-key",
    ),
    pytest.param(
        _doc(people=[{"pseudonym": "New", "role": "parent", "aliases": ["Patient C"]}]),
        "people[0].aliases[0]",
        "already someone's pseudonym",
        id="alias-is-existing-pseudonym",
    ),
    pytest.param(
        _doc(people=[{"pseudonym": "Jo Example", "role": "parent"}]),
        "people[0].pseudonym",
        "alias",
        id="pseudonym-is-existing-alias",
    ),
    pytest.param(
        _doc(people=[{"pseudonym": "New", "role": "parent"}, {"pseudonym": "new", "role": "carer"}]),
        "people[1].pseudonym",
        "listed twice",
        id="duplicate-new-people",
    ),
    pytest.param(
        _doc(
            people=[
                {"pseudonym": "New One", "role": "parent"},
                {"pseudonym": "Other", "role": "carer", "aliases": ["new one"]},
            ]
        ),
        "people",
        "another's alias",
        id="alias-is-new-pseudonym",
    ),
    pytest.param(
        _doc(custom_tags=[{"id": "x-tag", "label": "Anxious", "group": "feelings", "definition": "d"}]),
        "custom_tags[0].label",
        "already exists",
        id="tag-label-clash",
    ),
    pytest.param(
        _doc(custom_tags=[{"id": "Bad Id", "label": "Mine", "group": "feelings", "definition": "d"}]),
        "custom_tags[0].id",
        "lowercase",
        id="tag-bad-id",
    ),
    pytest.param(
        _doc(custom_tags=[{"id": "mine", "label": "Mine", "group": "moods", "definition": "d"}]),
        "custom_tags[0].group",
        "not allowed",
        id="tag-bad-group",
    ),
    pytest.param(
        _doc(
            entries=[{"title": "x", "id": "aaaaaaaa-0000-4000-8000-000000000000", "revision": 2}],
            revisions={
                "aaaaaaaa-0000-4000-8000-000000000000": [
                    {
                        "id": "aaaaaaaa-0000-4000-8000-000000000000",
                        "title": "old",
                        "occurred_on": "2025-01-01",
                        "revision": 2,
                        "updated_at": "2025-01-01T00:00:00+00:00",
                    }
                ]
            },
        ),
        "revisions.aaaaaaaa-0000-4000-8000-000000000000[0].revision",
        "lower than",
        id="revision-not-older",
    ),
    pytest.param(
        _doc(entries=[], revisions={"bbbbbbbb-0000-4000-8000-000000000000": []}),
        "revisions.bbbbbbbb-0000-4000-8000-000000000000",
        "names no entry",
        id="revisions-for-unknown-entry",
    ),
    pytest.param(
        _doc(
            entries=[{"title": "x", "id": "aaaaaaaa-0000-4000-8000-000000000000", "revision": 2}],
            revisions={"aaaaaaaa-0000-4000-8000-000000000000": [{"title": "no id"}]},
        ),
        "revisions.aaaaaaaa-0000-4000-8000-000000000000[0].id",
        "must be 'aaaaaaaa-0000-4000-8000-000000000000'",
        id="revision-without-id",
    ),
    pytest.param(
        _doc(
            entries=[{"title": "x", "id": "aaaaaaaa-0000-4000-8000-000000000000", "revision": 2}],
            revisions={"aaaaaaaa-0000-4000-8000-000000000000": [5]},
        ),
        "revisions.aaaaaaaa-0000-4000-8000-000000000000[0]",
        "must be an earlier version",
        id="revision-garbage",
    ),
]


@pytest.mark.parametrize("doc, field, fragment", BAD_DOCUMENTS)
def test_bad_document_is_refused_and_nothing_is_written(journal, counts, doc, field, fragment):
    before = counts(journal)
    with pytest.raises(ValidationError) as info:
        import_entries(journal, doc)
    assert info.value.field == field
    assert fragment in str(info.value)
    assert counts(journal) == before


def test_people_and_tags_are_not_created_when_an_entry_is_bad(journal, counts):
    before = counts(journal)
    doc = _doc(
        people=[{"pseudonym": "Carer D", "role": "carer", "aliases": ["Dee"]}],
        custom_tags=[{"id": "mine", "label": "Mine", "group": "feelings", "definition": "d"}],
        entries=[{"title": "fine", "people": ["Dee"], "tags": ["mine"]}, {"title": "x", "stance": 7}],
    )
    with pytest.raises(ValidationError, match=r"entries\[1\]\.stance"):
        import_entries(journal, doc)
    assert counts(journal) == before
    assert journal.people.find_pseudonym("Carer D") is None
    assert journal.vocabulary().find("mine") is None


def test_document_people_and_tags_are_added_when_missing(journal):
    doc = _doc(
        people=[
            {"pseudonym": "Parent A", "role": "carer", "aliases": ["Someone else"]},  # exists: kept as it is
            {"pseudonym": "Carer D", "role": "carer", "aliases": ["Dee"]},
        ],
        custom_tags=[
            {"id": "mine", "label": "Mine", "group": "feelings", "definition": "d", "reference": "r"},
            {"id": "anxious", "label": "Anxious", "group": "feelings", "definition": "d", "reference": "r"},  # known
        ],
        entries=[{"title": "uses them", "people": ["Dee", "Parent A"], "tags": ["mine"]}],
    )
    (entry,) = import_entries(journal, doc)
    assert entry.people == ("Carer D", "Parent A")
    assert journal.people.get("Parent A").role == "parent"
    assert journal.people.get("Parent A").alias_count == 1  # kept as it was: "Someone else" not added
    assert journal.people.find_pseudonym("Someone else") is None
    assert journal.people.get("Dee").pseudonym == "Carer D"  # an older export's readable alias, digested
    assert journal.people.get("Carer D").alias_count == 1
    assert readable_aliases_in(doc) == 2
    assert journal.vocabulary().find("mine").custom
    assert entry.tags[0].tag == "mine"


def test_an_alias_count_is_read_and_not_imported(journal):
    doc = _doc(people=[{"pseudonym": "Carer D", "role": "carer", "alias_count": 2}], entries=[])
    import_entries(journal, doc)
    assert journal.people.get("Carer D").alias_count == 0 and readable_aliases_in(doc) == 0
    with pytest.raises(ValidationError) as info:
        import_entries(journal, _doc(people=[{"pseudonym": "Carer E", "role": "carer", "alias_count": "x"}]))
    assert info.value.field == "people[0].alias_count"


def test_a_large_import_is_one_transaction(journal, counts):
    entries = [{"title": f"Entry {i}", "tags": ["anxious"], "people": ["Parent A"]} for i in range(400)]
    before = counts(journal)
    with pytest.raises(ValidationError, match=r"entries\[399\]\.title"):
        import_entries(journal, [*entries[:399], {"title": ""}])
    assert counts(journal) == before
    assert len(import_entries(journal, entries)) == 400
    assert len(journal) == 400
