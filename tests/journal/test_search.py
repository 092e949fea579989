"""Full-text search: every word, the last as a prefix; search syntax taken literally; the
newest conversations first; the limit."""

from __future__ import annotations

import pytest
from journal_helpers import titles

from workbook import ValidationError
from workbook.journal.store import fts_query

# -- search ---------------------------------------------------------------------------------


@pytest.fixture
def searchable(journal):
    j = journal
    j.add(title="Bruise on the arm", narrative="We talked in the kitchen.")
    j.add(title="Ward round", template="gibbs", responses={"feelings": "Dread before the bruise question"})
    j.add(title="Café meeting", narrative="Coffee with the family; nothing about injuries.")
    return j


@pytest.mark.parametrize(
    "query, expected",
    [
        ("bruise", {"Bruise on the arm", "Ward round"}),
        ("kitchen", {"Bruise on the arm"}),
        ("dread", {"Ward round"}),
        ("bruise kitchen", {"Bruise on the arm"}),
        ("bruise coffee", set()),
        ("BRUISE", {"Bruise on the arm", "Ward round"}),
        ("brui", {"Bruise on the arm", "Ward round"}),
        ("kitch", {"Bruise on the arm"}),
        ("cafe", {"Café meeting"}),
        ("injur", {"Café meeting"}),
        ('"bruise', {"Bruise on the arm", "Ward round"}),
        ("kitchen.", {"Bruise on the arm"}),
    ],
)
def test_search_finds_words_in_title_responses_and_narrative(searchable, query, expected):
    assert set(titles(searchable.search(query))) == expected


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '""',
        "'",
        "AND",
        "OR",
        "NOT",
        "*",
        "NEAR(",
        "NEAR(bruise kitchen)",
        "bruise AND",
        "AND bruise",
        "(",
        ")",
        "^bruise",
        "title:bruise",
        "-bruise",
        "bruise*",
        "{title}",
        "a:b:c",
        "\\",
        "%",
        "_",
        "'); DROP TABLE entries; --",
        "\u0301",
        "\ufeff",
        "😀",
        "\x00",
        "   ",
    ],
)
def test_search_syntax_characters_are_harmless(searchable, query):
    results = searchable.search(query)
    assert isinstance(results, list)
    assert len(searchable) == 3


def test_search_of_only_punctuation_finds_nothing(searchable):
    assert searchable.search('" * ( ) :') == []
    assert fts_query("  ") is None
    assert fts_query('NEAR(a "b') == '"NEAR" "a" "b"*'


def test_search_lists_newest_conversations_first(journal):
    old = journal.add(title="Grief at the hospice", occurred_on="2025-01-10")
    new = journal.add(title="Grief again", occurred_on="2026-02-01")
    mid = journal.add(title="Some grief", occurred_on="2025-06-01")
    assert [e.id for e in journal.search("grief")] == [new.id, mid.id, old.id]


def test_search_limit_keeps_the_most_recently_written(journal):
    first = journal.add(title="visit early", occurred_on="2025-01-01")
    later = [journal.add(title=f"visit {i}", occurred_on="2024-01-01") for i in range(3)]
    found = journal.search("visit", limit=3)
    assert {e.id for e in found} == {e.id for e in later}
    assert first.id not in {e.id for e in found}


def test_search_limit(journal):
    for i in range(5):
        journal.add(title=f"visit {i}")
    assert len(journal.search("visit", limit=2)) == 2


def test_search_takes_the_filters_of_entries_and_can_search_the_trash(journal):
    a = journal.add(title="visit one", occurred_on="2025-01-01", tags=["angry"], context="child-protection")
    b = journal.add(title="visit two", occurred_on="2025-03-01", flagged=True)
    c = journal.add(title="visit three", occurred_on="2025-05-01")
    journal.delete(c.id)
    assert {e.id for e in journal.search("visit")} == {a.id, b.id}
    assert [e.id for e in journal.search("visit", tags=["angry"])] == [a.id]
    assert [e.id for e in journal.search("visit", context="Child protection")] == [a.id]
    assert [e.id for e in journal.search("visit", flagged=True)] == [b.id]
    assert [e.id for e in journal.search("visit", since="2025-02-01")] == [b.id]
    assert [e.id for e in journal.search("visit", in_trash=True)] == [c.id]
    with pytest.raises(ValidationError) as info:
        journal.search("visit", until="soon")
    assert info.value.field == "until"
