"""Property: any valid entry is stored and read back exactly (the generator of valid entries
is the shared ``any_entry_fields``, tests/conftest.py)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st


@settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_any_valid_entry_round_trips_exactly(journal, any_entry_fields, data):
    fields, expected = data.draw(any_entry_fields(journal))
    entry = journal.add(**fields)
    assert entry.fields() == expected
    assert journal.get(entry.id) == entry
    assert journal.history(entry.id)[-1].entry == entry
