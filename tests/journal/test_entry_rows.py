"""entries.py and the one declaration of an entry: every list of fields is derived from
``models.Entry`` or checked against it, so a new field cannot be forgotten; rows are read by
column name."""

from __future__ import annotations

import dataclasses

from workbook.journal import entries, frames
from workbook.journal.entries import CHILD_TABLES, COUNT_COLUMNS, ENTRY_COLUMNS, NewEntry
from workbook.models import CHILD_FIELDS, COLUMN_FIELDS, ENTRY_FIELDS, SYSTEM_FIELDS, TEXT_FIELDS, Entry


def table_columns(conn, table: str) -> list[str]:
    return [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]


def test_every_field_of_an_entry_is_kept_in_exactly_one_place():
    names = [f.name for f in dataclasses.fields(Entry)]
    assert sorted(COLUMN_FIELDS + TEXT_FIELDS + CHILD_FIELDS) == sorted(names)
    assert ENTRY_FIELDS + SYSTEM_FIELDS == tuple(names)
    assert set(SYSTEM_FIELDS) <= set(COLUMN_FIELDS)


def test_the_entries_table_has_exactly_the_declared_columns(journal):
    assert sorted(table_columns(journal.connection, "entries")) == sorted(ENTRY_COLUMNS)
    assert set(COLUMN_FIELDS) | set(COUNT_COLUMNS) == set(ENTRY_COLUMNS)


def test_text_and_list_fields_have_their_tables(journal):
    assert table_columns(journal.connection, "entry_text") == ["entry_id", "title", "narrative", "responses"]
    assert set(table_columns(journal.connection, "entry_text")) == {"entry_id", *TEXT_FIELDS}
    assert set(CHILD_TABLES) == set(CHILD_FIELDS)
    for table in CHILD_TABLES.values():
        assert {"entry_id", "position"} <= set(table_columns(journal.connection, table))


def test_the_frame_columns_are_the_metadata_columns_less_the_stamps():
    assert frames.ENTRY_COLUMNS == tuple(c for c in ENTRY_COLUMNS if c not in frames.LEFT_OUT)
    assert not set(frames.ENTRY_COLUMNS) & set(TEXT_FIELDS + CHILD_FIELDS)
    assert set(frames.LEFT_OUT) <= set(SYSTEM_FIELDS)


def test_a_new_entry_row_carries_every_system_field():
    assert set(SYSTEM_FIELDS) <= set(NewEntry._fields)


def test_counts_fill_every_count_column(journal):
    entry = journal.add(title="t", narrative="three words here", actions=["a"], tags=["angry"])
    assert set(entries.counts({**entry.fields(), "actions": entry.actions})) == set(COUNT_COLUMNS)
    row = journal.connection.execute(f"SELECT {', '.join(COUNT_COLUMNS)} FROM entries").fetchone()
    assert row == (entry.word_count, 0, 1, 1, 0, 0)


def test_load_keeps_the_order_asked_and_leaves_unknown_ids_out(journal):
    a = journal.add(title="a", occurred_on="2025-01-02")
    b = journal.add(title="b", occurred_on="2025-01-01")
    assert [e.title for e in journal.load([a.id, "no-such-id", b.id])] == ["a", "b"]
    assert [e.title for e in journal.load([b.id, a.id])] == ["b", "a"]
    assert journal.load([]) == []


def test_every_field_round_trips_through_the_rows(journal, full_entry):
    entry = full_entry(journal)
    again = journal.load([entry.id])[0]
    assert again == entry
    for f in dataclasses.fields(Entry):
        assert getattr(again, f.name) == getattr(entry, f.name), f.name
    assert Entry.from_dict(entry.to_dict()) == entry


def test_entry_from_dict_is_still_importable_from_the_store():
    from workbook.journal.store import entry_from_dict

    assert entry_from_dict == Entry.from_dict
