"""Writing entries: add, get, update with history, the trash, id prefixes, following up
action points and feedback, and a failed write that leaves nothing behind."""

from __future__ import annotations

import datetime as dt
import sqlite3
import uuid

import pytest
from journal_helpers import titles

from workbook import (
    EntryNotFoundError,
    NotFoundError,
    ValidationError,
    WorkbookError,
)

# -- add / get / update / history -------------------------------------------------------


def test_add_returns_the_stored_entry(journal):
    entry = journal.add(
        title="Home visit",
        occurred_on=dt.date(2025, 3, 14),
        context="Child protection",
        people=["Jo Example", "young person b"],
        outcome="softened",
        stance=-1,
        template="driscoll",
        responses={"what": "I raised the bruise.", "now_what": "Bring it to supervision."},
        narrative="It went quiet.",
        tags=[{"tag": "dread", "intensity": 3}],
        feelings_before=3,
        feelings_after=6,
        actions=["Ring the school"],
        flagged=True,
    )
    assert uuid.UUID(entry.id).version == 4
    assert entry.people == ("Parent A", "Young person B")
    assert entry.context == "child-protection"
    assert entry.revision == 1 and entry.deleted_at is None
    assert entry.created_at == entry.updated_at and entry.created_at.tzinfo is not None
    assert entry.word_count == len("It went quiet. I raised the bruise. Bring it to supervision.".split())
    assert len(entry.actions[0].id) == 12 and entry.actions[0].status == "open"
    assert journal.get(entry.id) == entry
    assert entry.id in journal and len(journal) == 1


def test_add_with_given_id_keeps_it(journal):
    given_id = "12345678-1234-4234-8234-123456789abc"
    assert journal.add(id=given_id.upper(), title="t").id == given_id


def test_update_keeps_the_previous_revision(journal):
    entry = journal.add(title="First", narrative="draft", tags=["angry"])
    second = journal.update(entry.id, title="Second", narrative="better")
    third = journal.update(entry.id, tags=["calm"])
    assert (second.revision, third.revision) == (2, 3)
    assert third.title == "Second" and third.narrative == "better"
    assert third.created_at == entry.created_at and third.updated_at >= second.updated_at
    history = journal.history(entry.id)
    assert [r.revision for r in history] == [1, 2, 3]
    assert history[0].entry == entry
    assert history[1].entry.title == "Second" and history[1].entry.tag_ids == ("angry",)
    assert history[-1].entry == third
    assert history[0].saved_at == entry.updated_at


def test_update_replaces_children_and_search_text(journal):
    entry = journal.add(
        title="Kitchen", narrative="bruise on the arm", people=["Parent A"], tags=["angry"], actions=["x"]
    )
    journal.update(entry.id, narrative="a calm talk", people=["Patient C"], tags=["calm"], actions=[])
    got = journal.get(entry.id)
    assert got.people == ("Patient C",) and got.tag_ids == ("calm",) and got.actions == ()
    assert journal.search("bruise") == []
    assert [e.id for e in journal.search("calm talk")] == [entry.id]
    assert journal.connection.execute("SELECT count(*) FROM entry_fts").fetchone()[0] == 1


def test_update_of_an_entry_in_the_trash_keeps_it_in_the_trash(journal):
    entry = journal.add(title="t")
    journal.delete(entry.id)
    assert journal.update(entry.id, title="edited").in_trash


# -- trash ------------------------------------------------------------------------------


def test_delete_moves_to_trash_and_restore_brings_back(journal):
    keep = journal.add(title="keep", narrative="needle")
    gone = journal.add(title="gone", narrative="needle")
    journal.delete(gone.id)
    assert titles(journal.entries()) == ["keep"]
    assert titles(journal.trash()) == ["gone"]
    assert len(journal) == 1 and gone.id in journal
    assert journal.get(gone.id).in_trash
    assert [e.id for e in journal.search("needle")] == [keep.id]
    assert list(journal.to_frame()["id"]) == [keep.id]
    assert set(journal.to_frame(include_trash=True)["id"]) == {keep.id, gone.id}
    restored = journal.restore(gone.id)
    assert not restored.in_trash and restored == gone
    assert titles(journal.entries()) == ["keep", "gone"] and journal.trash() == []
    assert len(journal.search("needle")) == 2


@pytest.mark.parametrize("method", ["get", "delete", "restore", "history"])
def test_unknown_id_raises_entry_not_found(journal, method):
    journal.add(title="t")
    with pytest.raises(EntryNotFoundError) as info:
        getattr(journal, method)("deadbeef-0000-4000-8000-000000000000")
    assert str(info.value) == "No entry with id 'deadbeef-0000-4000-8000-000000000000' in this journal."
    assert info.value.entry_id == "deadbeef-0000-4000-8000-000000000000"
    assert isinstance(info.value, NotFoundError) and isinstance(info.value, LookupError)


def test_update_unknown_id_raises_entry_not_found(journal):
    with pytest.raises(EntryNotFoundError):
        journal.update("deadbeef", title="x")


# -- id prefixes ---------------------------------------------------------------------------

IDS = (
    "aaaa0000-0000-4000-8000-000000000001",
    "aaaa1111-0000-4000-8000-000000000002",
    "bbbb0000-0000-4000-8000-000000000003",
)


@pytest.fixture
def prefixed(journal):
    for i, entry_id in enumerate(IDS):
        journal.add(id=entry_id, title=f"e{i}")
    return journal


@pytest.mark.parametrize(
    "prefix, expected",
    [("aaaa0", IDS[0]), ("aaaa1111", IDS[1]), ("bbbb", IDS[2]), (IDS[2], IDS[2]), ("bbbb0000-00", IDS[2])],
)
def test_unique_id_prefix_finds_the_entry(prefixed, prefix, expected):
    assert prefixed.get(prefix).id == expected


def test_ambiguous_prefix_is_refused(prefixed):
    with pytest.raises(WorkbookError, match="more than one entry"):
        prefixed.get("aaaa")


@pytest.mark.parametrize("prefix", ["bbb", "", "cccc", "zzzz", "%", "bbbb%", "b_bb"])
def test_short_or_unmatched_prefix_is_not_found(prefixed, prefix):
    with pytest.raises(EntryNotFoundError):
        prefixed.get(prefix)


def test_prefix_works_for_delete_and_restore(prefixed):
    prefixed.delete("bbbb")
    assert prefixed.get(IDS[2]).in_trash
    assert not prefixed.restore("bbbb0").in_trash


# -- actions and feedback ------------------------------------------------------------------


def test_set_action_status(journal):
    entry = journal.add(
        title="t", actions=["Ring school", {"id": "visit", "text": "Visit Friday", "due_on": "2025-06-01"}]
    )
    done = journal.set_action_status(entry.id, "visit", "done")
    assert [a.status for a in done.actions] == ["open", "done"]
    assert done.actions[1].due_on == dt.date(2025, 6, 1) and done.revision == 2
    assert journal.to_frame()["n_actions_done"].tolist() == [1]
    dropped = journal.set_action_status(entry.id, entry.actions[0].id, "dropped")
    assert [a.status for a in dropped.actions] == ["dropped", "done"]
    assert [a.id for a in dropped.actions] == [entry.actions[0].id, "visit"]


def test_set_action_status_refuses_bad_status_and_unknown_action(journal, counts):
    entry = journal.add(title="t", actions=[{"id": "a1", "text": "x"}])
    before = counts(journal)
    with pytest.raises(ValidationError) as info:
        journal.set_action_status(entry.id, "a1", "finished")
    assert info.value.field == "actions[0].status"
    with pytest.raises(ValidationError) as info:
        journal.set_action_status(entry.id, "nope", "done")
    assert info.value.field == "action_id" and "a1" in str(info.value)
    assert counts(journal) == before


def test_add_feedback(journal):
    entry = journal.add(title="t")
    first = journal.add_feedback(entry.id, "supervisor", "Notice the pause.", given_on="2025-02-01")
    second = journal.add_feedback(entry.id, "peer", "Same for me.")
    assert [(f.author_role, f.text) for f in second.feedback] == [
        ("supervisor", "Notice the pause."),
        ("peer", "Same for me."),
    ]
    assert first.feedback[0].given_on == dt.date(2025, 2, 1)
    assert second.feedback[1].given_on == dt.date.today()
    assert second.feedback[0].id == first.feedback[0].id and second.revision == 3


def test_add_feedback_refuses_bad_role(journal, counts):
    entry = journal.add(title="t")
    before = counts(journal)
    with pytest.raises(ValidationError) as info:
        journal.add_feedback(entry.id, "manager", "x")
    assert info.value.field == "feedback[0].author_role" and "supervisor" in str(info.value)
    assert counts(journal) == before


def test_metadata_and_text_are_kept_apart(journal):
    journal.add(title="t", narrative="n")
    meta_columns = {r[1] for r in journal.connection.execute("PRAGMA table_info(entries)")}
    assert not {"title", "narrative", "responses"} & meta_columns


def test_a_failed_write_is_rolled_back(journal, counts, monkeypatch):
    journal.add(title="before")
    before = counts(journal)

    def boom(*args, **kwargs):
        raise sqlite3.OperationalError("disk full (simulated)")

    monkeypatch.setattr(journal.people, "id_for", boom)
    with pytest.raises(sqlite3.OperationalError):
        journal.add(title="half", people=["Parent A"], narrative="some text")
    assert counts(journal) == before
    assert not journal.connection.in_transaction
    monkeypatch.undo()
    assert journal.add(title="after", people=["Parent A"]).people == ("Parent A",)


# -- the seams importers write through ------------------------------------------------------


def test_importer_seams_write_only_inside_a_transaction(journal, counts):
    from workbook import JournalError
    from workbook.journal import NewEntry
    from workbook.validate import validate_entry

    clean = validate_entry(
        {"title": "from elsewhere"},
        vocabulary=journal.vocabulary(),
        templates=journal.templates(),
        find_person=journal.people.find_pseudonym,
    )
    now = dt.datetime(2024, 5, 1, tzinfo=dt.timezone.utc)
    row = NewEntry(str(uuid.uuid4()), clean, now, now, 4)
    before = counts(journal)
    with pytest.raises(JournalError, match="journal.transaction"):
        journal.insert_entries(journal.connection, [row])
    assert counts(journal) == before
    with journal.transaction() as conn:
        journal.insert_entries(conn, [row])
        journal.insert_revisions(conn, [(row.id, journal.load([row.id])[0])])
    stored = journal.get(row.id)
    assert stored.revision == 4 and stored.created_at == now and stored.title == "from elsewhere"
    assert [r.revision for r in journal.history(row.id)] == [4, 4]
    assert [eid for eid, _ in journal.earlier_versions()] == [row.id]
