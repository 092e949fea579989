"""Journal.entries and entry_ids: each filter, labels as add takes them, refusals, and order."""

from __future__ import annotations

import datetime as dt

import pytest
from journal_helpers import titles

from workbook import (
    ValidationError,
)


@pytest.fixture
def dated(journal):
    """Five entries on known dates with known tags, contexts, outcomes and flags."""
    specs = [
        dict(
            title="One", occurred_on="2025-01-10", tags=["angry", "dread"], context="child-protection", outcome="held"
        ),
        dict(
            title="Two",
            occurred_on="2025-02-10",
            tags=["angry"],
            context="end-of-life",
            outcome="avoided",
            flagged=True,
        ),
        dict(
            title="Three",
            occurred_on="2025-03-10",
            tags=["dread", "calm"],
            context="child-protection",
            outcome="softened",
        ),
        dict(title="Four", occurred_on="2025-04-10", tags=["angry", "dread", "calm"], outcome="held", flagged=True),
        dict(title="Five", occurred_on="2025-05-10"),
    ]
    return journal, [journal.add(**s) for s in specs]


# -- filters -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "filters, expected",
    [
        ({}, ["One", "Two", "Three", "Four", "Five"]),
        ({"since": "2025-02-10"}, ["Two", "Three", "Four", "Five"]),
        ({"until": dt.date(2025, 2, 10)}, ["One", "Two"]),
        ({"since": "2025-02-11", "until": "2025-04-10"}, ["Three", "Four"]),
        ({"tags": "angry"}, ["One", "Two", "Four"]),
        ({"tags": ["angry", "dread"]}, ["One", "Four"]),
        ({"tags": ["Angry", "DREAD", "calm"]}, ["Four"]),
        ({"tags": ["irritated"]}, []),
        ({"context": "child-protection"}, ["One", "Three"]),
        ({"outcome": "held"}, ["One", "Four"]),
        ({"flagged": True}, ["Two", "Four"]),
        ({"flagged": False}, ["One", "Three", "Five"]),
        ({"limit": 2}, ["One", "Two"]),
        ({"limit": 0}, []),
        ({"tags": ["dread"], "outcome": "held", "since": "2025-02-01"}, ["Four"]),
    ],
)
def test_entries_filters(dated, filters, expected):
    journal, _ = dated
    assert titles(journal.entries(**filters)) == expected
    assert len(journal.entry_ids(**filters)) == len(expected)


def test_context_filter_accepts_a_label_like_add_does(dated):
    """``add(context="Child protection")`` is accepted, so the filter should be too."""
    journal, _ = dated
    assert titles(journal.entries(context="Child protection")) == ["One", "Three"]


def test_filter_with_unknown_tag_suggests(dated):
    journal, _ = dated
    with pytest.raises(ValidationError, match="Did you mean 'angry'"):
        journal.entries(tags=["angri"])


def test_filter_with_bad_date_is_refused(dated):
    journal, _ = dated
    with pytest.raises(ValidationError) as info:
        journal.entries(since="2025-02-30")
    assert info.value.field == "since"


def test_entries_are_oldest_first_then_by_creation(journal):
    b = journal.add(title="b", occurred_on="2025-01-02")
    a = journal.add(title="a", occurred_on="2025-01-01")
    c = journal.add(title="c", occurred_on="2025-01-02")
    assert [e.id for e in journal.entries()] == [a.id, b.id, c.id]
