"""Fixtures of the form tests: a journal with two people, and the forms a test made (closed
afterwards, which stops their draft timers)."""

from __future__ import annotations

import pytest

import workbook as wb
from workbook.forms import EntryForm


@pytest.fixture
def journal():
    j = wb.open_journal(":memory:")
    j.people.add("Parent Willow", "parent")
    j.people.add("Child Fern", "child")
    yield j
    j.close()


@pytest.fixture
def forms():
    """Close every form a test made (stops draft timers)."""
    made = []
    yield made
    for form in made:
        form.close() if isinstance(form, EntryForm) else None
