"""`Journal.add_feedback_many`: many comments on many entries in one write transaction, all or
nothing, one new revision per entry touched, a comment whose id is there already skipped, and
merged with what another kernel saved a moment before (as `edit` is)."""

from __future__ import annotations

import datetime as dt
import threading
import time

import pytest

from workbook import Journal, ValidationError
from workbook.errors import EntryNotFoundError


def test_comments_on_two_entries_land_together_one_revision_each(journal):
    one, two = journal.add(title="One"), journal.add(title="Two")
    added = journal.add_feedback_many(
        [
            (one.id, "supervisor", "First on one", "2026-03-01", "fb-a", "educational"),
            (two.id[:8], "supervisor", "On two", dt.date(2026, 3, 2), "fb-b", None),
            (one.id, "peer", "Second on one", None, "fb-c", None),
        ]
    )
    assert added == {one.id: ("fb-a", "fb-c"), two.id: ("fb-b",)}
    first, second = journal.get(one.id), journal.get(two.id)
    assert (first.revision, second.revision) == (2, 2)
    assert [(f.id, f.author_role, f.text, f.function) for f in first.feedback] == [
        ("fb-a", "supervisor", "First on one", "educational"),
        ("fb-c", "peer", "Second on one", None),
    ]
    assert first.feedback[0].given_on == dt.date(2026, 3, 1) and second.feedback[0].given_on == dt.date(2026, 3, 2)
    assert first.feedback[1].given_on == dt.date.today()


def test_an_entry_named_by_its_id_and_by_a_start_of_it_gets_one_revision(journal):
    one = journal.add(title="One")
    added = journal.add_feedback_many(
        [(one.id, "supervisor", "a", None, "fb-a", None), (one.id[:8], "supervisor", "b", None, "fb-b", None)]
    )
    assert added == {one.id: ("fb-a", "fb-b")} and journal.get(one.id).revision == 2


def test_a_comment_whose_id_is_there_already_is_skipped(journal):
    one = journal.add(title="One")
    items = [
        (one.id, "supervisor", "Once only", None, "fb-a", None),
        (one.id, "supervisor", "Again", None, "fb-a", None),
    ]
    assert journal.add_feedback_many(items) == {one.id: ("fb-a",)}
    assert journal.add_feedback_many(items) == {}
    saved = journal.get(one.id)
    assert saved.revision == 2 and [f.text for f in saved.feedback] == ["Once only"]


def test_comments_without_an_id_get_one(journal):
    one = journal.add(title="One")
    (ids,) = journal.add_feedback_many([(one.id, "tutor", "No id given", None, None, None)]).values()
    assert [f.id for f in journal.get(one.id).feedback] == list(ids) and len(ids[0]) == 12


def test_a_failure_on_the_second_entry_leaves_the_first_unchanged(journal):
    one, two = journal.add(title="One"), journal.add(title="Two")
    with pytest.raises(ValidationError, match="author_role"):
        journal.add_feedback_many(
            [(one.id, "supervisor", "Fine", None, "fb-a", None), (two.id, "manager", "Bad role", None, "fb-b", None)]
        )
    assert journal.get(one.id).revision == 1 and journal.get(one.id).feedback == ()
    assert journal.get(two.id).revision == 1


def test_an_error_raised_while_writing_the_second_entry_rolls_back_the_first(journal, monkeypatch):
    one, two = journal.add(title="One"), journal.add(title="Two")
    real, calls = journal._rows.replace, []

    def replace(conn, current, clean):
        calls.append(current.id)
        if len(calls) == 2:
            raise OSError("disk full")
        return real(conn, current, clean)

    monkeypatch.setattr(journal._rows, "replace", replace)
    with pytest.raises(OSError):
        journal.add_feedback_many(
            [(one.id, "supervisor", "Fine", None, "fb-a", None), (two.id, "supervisor", "Also", None, "fb-b", None)]
        )
    assert calls == [one.id, two.id]
    monkeypatch.undo()
    assert [journal.get(e.id).revision for e in (one, two)] == [1, 1]
    assert journal.get(one.id).feedback == () and len(journal.history(one.id)) == 1


def test_an_unknown_entry_writes_nothing(journal):
    one = journal.add(title="One")
    with pytest.raises(EntryNotFoundError):
        journal.add_feedback_many(
            [(one.id, "supervisor", "Fine", None, "fb-a", None), ("ffffffff", "supervisor", "x", None, "fb-b", None)]
        )
    assert journal.get(one.id).revision == 1


@pytest.mark.parametrize("bad", ["not a tuple", ("too", "short"), [(1, "supervisor", "x", None, None, None)]])
def test_items_of_the_wrong_shape_are_refused(journal, bad):
    items = bad if isinstance(bad, list) else [bad]
    with pytest.raises(ValidationError, match=r"^items\[0\]"):
        journal.add_feedback_many(items)


def test_a_dry_run_checks_and_counts_but_writes_nothing(journal):
    one = journal.add(title="One")
    items = [(one.id, "supervisor", "Checked only", None, "fb-a", None)]
    assert journal.add_feedback_many(items, dry_run=True) == {one.id: ("fb-a",)}
    assert journal.get(one.id).revision == 1 and journal.get(one.id).feedback == ()
    with pytest.raises(ValidationError, match="author_role"):
        journal.add_feedback_many([(one.id, "boss", "x", None, "fb-b", None)], dry_run=True)
    assert journal.add_feedback_many(items) == {one.id: ("fb-a",)}


def test_a_comment_another_kernel_adds_meanwhile_is_kept(journal_path):
    """The entries are read inside the write: the other kernel waits, then adds on top."""
    with Journal(journal_path) as j1, Journal(journal_path) as j2:
        entry = j1.add(title="v1")
        j2.add_feedback(entry.id, "peer", "saved a moment before")
        real_validate, others = j1._validate, []

        def validate_while_another_kernel_writes(raw):
            if not others:
                others.append(threading.Thread(target=lambda: j2.add_feedback(entry.id, "peer", "meanwhile")))
                others[0].start()
                time.sleep(0.3)  # time enough for the other kernel to write, if it could
            return real_validate(raw)

        j1._validate = validate_while_another_kernel_writes
        j1.add_feedback_many([(entry.id, "supervisor", "from the pack", None, "fb-a", None)])
        j1._validate = real_validate
        others[0].join(10)
        saved = j2.get(entry.id)
        assert [f.text for f in saved.feedback] == ["saved a moment before", "from the pack", "meanwhile"]
        assert saved.revision == 4
