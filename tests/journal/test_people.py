"""people.py: the people register of pseudonyms, roles and aliases (kept as keyed digests:
counted and found, never read back; tests/journal/test_alias_digests.py checks the bytes)."""

from __future__ import annotations

import pytest

from workbook import Journal, PersonNotFoundError, ValidationError
from workbook.models import PERSON_ROLES


def test_fixture_register(journal):
    people = journal.people.list()
    assert [p.pseudonym for p in people] == ["Parent A", "Patient C", "Young person B"]  # by pseudonym
    assert len(journal.people) == 3 and [p.pseudonym for p in journal.people] == [p.pseudonym for p in people]
    a = journal.people.get("Parent A")
    assert (a.role, a.alias_count) == ("parent", 1)
    assert not hasattr(a, "aliases")
    assert a.created_at is not None and a.created_at.tzinfo is not None


@pytest.mark.parametrize(
    "name",
    ["Parent A", "parent a", "PARENT A", "  Parent A\t", "Jo Example", "jo example", "JO EXAMPLE", " jo example "],
)
def test_get_by_pseudonym_or_alias_in_any_case(journal, name):
    assert journal.people.get(name).pseudonym == "Parent A"
    assert journal.people.find_pseudonym(name) == "Parent A"


def test_lookup_is_nfc_normalised(journal):
    journal.people.add("Zoe\u0301", "relative", aliases=["Rene\u0301e"])  # decomposed
    assert journal.people.get("Zo\u00e9").pseudonym == "Zoe\u0301"  # composed finds it
    assert journal.people.get("REN\u00c9E").pseudonym == "Zoe\u0301"
    assert journal.add(title="t", people=["zo\u00e9"]).people == ("Zoe\u0301",)


def test_casefold_lookup(journal):
    journal.people.add("Straße Person", "relative")
    assert journal.people.find_pseudonym("STRASSE PERSON") == "Straße Person"


@pytest.mark.parametrize("name", ["Nobody", "", "Parent", "Jo", 42, None])
def test_unknown_person(journal, name):
    assert journal.people.find_pseudonym(name) is None
    with pytest.raises(PersonNotFoundError):
        journal.people.get(name)


def test_add_strips_and_keeps_aliases_in_order(journal):
    person = journal.people.add("  Carer D ", "carer", aliases=["Ann", " Annie ", "ann"])
    assert person.pseudonym == "Carer D"
    assert person.alias_count == 2  # "ann" is the same alias as "Ann"
    assert journal.people.find_pseudonym("annie") == "Carer D" == journal.people.find_pseudonym("ANN")
    assert journal.people.add("Carer E", "carer", aliases="Bea").alias_count == 1
    assert journal.people.find_pseudonym("bea") == "Carer E"


@pytest.mark.parametrize("role", PERSON_ROLES)
def test_every_role_is_accepted(journal, role):
    assert journal.people.add(f"Someone {role}", role).role == role


@pytest.mark.parametrize(
    "pseudonym, role, aliases, field, fragment",
    [
        ("Parent A", "parent", (), "pseudonym", "already in the register"),
        ("PARENT a ", "carer", (), "pseudonym", "already in the register"),
        ("Jo Example", "parent", (), "pseudonym", "alias"),
        ("Someone", "wizard", (), "role", "parent"),
        ("Someone", "Parent", (), "role", "not allowed"),
        ("Someone", None, (), "role", "not allowed"),
        ("", "parent", (), "pseudonym", "cannot be empty"),
        ("   ", "parent", (), "pseudonym", "cannot be empty"),
        ("x" * 61, "parent", (), "pseudonym", "at most 60"),
        ("Two\nLines", "parent", (), "pseudonym", "single line"),
        ("Nul\x00", "parent", (), "pseudonym", "U+0000"),
        ("Bad \ud800", "parent", (), "pseudonym", "surrogate"),
        ("Someone", "parent", ["Patient C"], "aliases[0]", "already someone's pseudonym"),
        ("Someone", "parent", ["ok", "young PERSON b"], "aliases[1]", "already someone's pseudonym"),
        ("Someone", "parent", [""], "aliases[0]", "cannot be empty"),
        ("Someone", "parent", ["a\tb"], "aliases[0]", "U+0009"),
        ("Someone", "parent", [f"alias {i}" for i in range(21)], "aliases", "at most 20"),
        ("Someone", "parent", 5, "aliases", "must be a list of names, not a whole number"),
        ("Someone", "parent", {"x": 1}, "aliases", "must be a list of names, not a mapping"),
        ("Someone", "parent", True, "aliases", "not true/false"),
        ("Someone", "parent", b"Jo", "aliases", "not bytes"),
        ("Someone", "parent", {"Jo"}, "aliases", "not set"),
        ("Someone", "parent", [5], "aliases[0]", "must be text"),
        ("Someone", "parent", [None], "aliases[0]", "must be text"),
        (5, "parent", (), "pseudonym", "must be text, not a whole number"),
        (["Someone"], "parent", (), "pseudonym", "must be text, not a list"),
        ("Someone", 5, (), "role", "not allowed"),
        ("Someone", ["parent"], (), "role", "not allowed"),
    ],
)
def test_bad_person_is_refused_and_nothing_written(journal, counts, pseudonym, role, aliases, field, fragment):
    before = counts(journal)
    with pytest.raises(ValidationError) as info:
        journal.people.add(pseudonym, role, aliases=aliases)
    assert info.value.field == field
    assert fragment in str(info.value)
    assert counts(journal) == before


def test_rename_keeps_entries_linked(journal_path):
    with Journal(journal_path) as j:
        j.people.add("Parent A", "parent", aliases=["Jo Example"])
        j.people.add("Child B", "child")
        entry = j.add(title="t", people=["Jo Example", "Child B"])
        renamed = j.people.update("jo example", pseudonym="Mother A", role="carer")
        assert (renamed.pseudonym, renamed.role, renamed.alias_count) == ("Mother A", "carer", 1)
        assert renamed.id == j.people.get("Mother A").id
    with Journal(journal_path) as j:
        assert j.get(entry.id).people == ("Mother A", "Child B")
        assert j.people.find_pseudonym("Parent A") is None
        assert j.people.find_pseudonym("Jo Example") == "Mother A"
        assert j.people_frame()["role"].tolist() == ["carer", "child"]
        # an edit after the rename saves the new pseudonym
        assert j.update(entry.id, title="edited").people == ("Mother A", "Child B")


def test_update_replaces_aliases(journal):
    journal.people.update("Patient C", aliases=["Mrs Other"])
    assert journal.people.get("Patient C").alias_count == 1
    assert journal.people.find_pseudonym("Mr Sample") is None
    assert journal.people.find_pseudonym("mrs other") == "Patient C"


def test_update_to_own_pseudonym_in_other_case_is_allowed(journal):
    assert journal.people.update("Parent A", pseudonym="parent a").pseudonym == "parent a"


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"pseudonym": "Patient C"}, "pseudonym"),
        ({"pseudonym": "Mr Sample"}, "pseudonym"),
        ({"role": "king"}, "role"),
        ({"aliases": ["Young person B"]}, "aliases[0]"),
    ],
)
def test_bad_update_is_refused(journal, counts, changes, field):
    before = counts(journal)
    with pytest.raises(ValidationError) as info:
        journal.people.update("Parent A", **changes)
    assert info.value.field == field
    assert counts(journal) == before
    assert journal.people.get("Parent A").alias_count == 1
    assert journal.people.find_pseudonym("Jo Example") == "Parent A"


def test_update_unknown_person(journal):
    with pytest.raises(PersonNotFoundError):
        journal.people.update("Nobody", role="carer")


def test_alias_spans_find_every_registered_alias(journal):
    text = "Mr Sample said Sam would ring Jo Example."
    assert journal.people.alias_spans(text) == [(0, 9, "Patient C"), (15, 18, "Patient C"), (30, 40, "Parent A")]
    assert not hasattr(journal.people, "aliases")


def test_ambiguous_alias_finds_no_one(journal):
    journal.people.add("Other parent", "parent", aliases=["Sam"])
    assert journal.people.find_pseudonym("Sam") is None
    with pytest.raises(ValidationError, match="not in the people register"):
        journal.add(title="t", people=["Sam"])


def test_register_survives_reopen(journal_path):
    with Journal(journal_path) as j:
        j.people.add("Parent A", "parent", aliases=["Jo Example"])
    with Journal(journal_path) as j:
        assert j.people.get("jo example").pseudonym == "Parent A"


def test_insert_rows_is_the_one_writer_of_new_people(journal):
    with journal.transaction() as conn:
        (pid,) = journal.people.insert_rows(conn, [("Carer D", "carer", ["Dee"])])
    person = journal.people.get("Dee")
    assert person.id == pid and person.pseudonym == "Carer D" and person.alias_count == 1
    assert journal.people.has_pseudonym("carer d") and not journal.people.has_pseudonym("Dee")


def test_aliases_none_means_no_aliases(journal):
    """``add(..., aliases=None)`` is "no aliases" (as for ``update``, where None keeps them)."""
    assert journal.people.add("Someone", "parent", aliases=None).alias_count == 0
    journal.people.update("Someone", aliases=["Sammy"])
    assert journal.people.update("Someone", aliases=None).alias_count == 1  # None: kept as it is
    assert journal.people.find_pseudonym("Sammy") == "Someone"
    assert journal.people.update("Someone", aliases=[]).alias_count == 0
    assert journal.people.find_pseudonym("Sammy") is None


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"aliases": 5}, "aliases"),
        ({"aliases": {"x": 1}}, "aliases"),
        ({"aliases": [["nested"]]}, "aliases[0]"),
        ({"pseudonym": 5}, "pseudonym"),
        ({"pseudonym": ["x"]}, "pseudonym"),
        ({"role": 5}, "role"),
        ({"role": {"parent": 1}}, "role"),
    ],
)
def test_update_with_wrong_types_names_the_field(journal, counts, changes, field):
    before = counts(journal)
    with pytest.raises(ValidationError) as info:
        journal.people.update("Parent A", **changes)
    assert info.value.field == field
    assert counts(journal) == before


# -- renaming, new roles and removing ---------------------------------------------------------


def test_rename_keeps_entries_pointing_at_the_same_person(journal):
    entry = journal.add(title="t", people=["Parent A"])
    before = journal.people.id_for("Parent A")
    renamed = journal.people.update("Parent A", pseudonym="Parent Q", role="carer")
    assert (renamed.id, renamed.pseudonym, renamed.role, renamed.alias_count) == (before, "Parent Q", "carer", 1)
    assert journal.get(entry.id).people == ("Parent Q",)
    assert journal.people.get("Jo Example").pseudonym == "Parent Q"  # the alias digests still find them
    with pytest.raises(PersonNotFoundError):
        journal.people.get("Parent A")


def test_rename_to_a_taken_pseudonym_is_refused(journal):
    with pytest.raises(ValidationError) as info:
        journal.people.update("Parent A", pseudonym="patient c")
    assert info.value.field == "pseudonym"
    assert journal.people.get("Parent A").pseudonym == "Parent A"


def test_remove_someone_no_entry_names(journal):
    journal.add(title="t", people=["Parent A"])
    gone = journal.people.remove("patient c")
    assert gone.pseudonym == "Patient C"
    assert [p.pseudonym for p in journal.people] == ["Parent A", "Young person B"]


def test_remove_is_refused_while_entries_name_them_trash_included(journal):
    first = journal.add(title="one", people=["Parent A"])
    journal.add(title="two", people=["Parent A", "Patient C"])
    journal.delete(first.id)
    aliases = journal.people.alias_count()
    assert journal.people.uses("Parent A") == 2
    with pytest.raises(ValidationError) as info:
        journal.people.remove("Parent A")
    assert "2 entries name them" in str(info.value)
    assert journal.people.alias_count() == aliases and len(journal.people) == 3
    with pytest.raises(ValidationError, match="1 entry names them"):
        journal.people.remove("Patient C")
    with pytest.raises(PersonNotFoundError):
        journal.people.remove("Nobody here")
