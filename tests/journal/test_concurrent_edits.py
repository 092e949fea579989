"""Two journals on one file (two kernels): an edit from a stale copy is refused with a
ConflictError; a relative edit merges with the entry read inside its own write, so a change
saved elsewhere a moment before is kept; writes are seen."""

from __future__ import annotations

import threading
import time

import pytest
from journal_helpers import SECRETS

import workbook as wb
from workbook import ConflictError, Journal, ValidationError, WorkbookError


def _in_another_thread(action) -> threading.Thread:
    thread = threading.Thread(target=action, daemon=True)
    thread.start()
    return thread


# -- a stale copy is refused ----------------------------------------------------------------


def test_update_based_on_a_stale_copy_is_refused(journal_path):
    """A form loads revision 1; another kernel saves revision 2; the form's save must not
    silently replace it. ``update`` needs the revision the edit was based on."""
    with Journal(journal_path) as j1, Journal(journal_path) as j2:
        seen = j1.get(j1.add(title=SECRETS["title"], narrative=SECRETS["narrative"]).id)
        j2.update(seen.id, narrative="changed in the other kernel")
        with pytest.raises(ConflictError) as info:
            j1.update(seen.id, expected_revision=seen.revision, narrative="my edit")
        error = info.value
        assert isinstance(error, WorkbookError) and not isinstance(error, ValidationError)
        assert wb.ConflictError is ConflictError
        assert (error.entry_id, error.current_revision, error.expected_revision) == (seen.id, 2, 1)
        message = str(error)
        assert "\n" not in message
        for words in ("changed elsewhere", "revision 2", "revision 1", "Nothing was saved", "reopen"):
            assert words in message, message
        assert not any(secret in message for secret in SECRETS.values())
        current = j2.get(seen.id)
        assert (current.narrative, current.revision) == ("changed in the other kernel", 2)


def test_update_with_the_revision_it_read_saves(journal):
    entry = journal.add(title="v1")
    saved = journal.update(entry.id, expected_revision=1, title="v2")
    assert (saved.title, saved.revision) == ("v2", 2)
    assert journal.update(entry.id, expected_revision=saved.revision, title="v3").revision == 3


@pytest.mark.parametrize("bad", ["1", True, False, 1.0, 0, -1, [1]])
def test_expected_revision_must_be_a_whole_number(journal, bad):
    """A wrong value is the caller's mistake, not "changed elsewhere"; nothing is saved."""
    entry = journal.add(title="v1")
    with pytest.raises(ValidationError) as info:
        journal.update(entry.id, expected_revision=bad, title="v2")
    assert info.value.field == "expected_revision"
    assert "whole number of 1 or more" in info.value.reason
    assert "changed elsewhere" not in str(info.value)
    assert journal.get(entry.id).revision == 1


def test_edit_checks_the_revision_before_merging(journal):
    entry = journal.add(title="v1")
    journal.update(entry.id, title="v2")
    called = []
    with pytest.raises(ConflictError):
        journal.edit(entry.id, lambda e: called.append(e) or {"title": "v3"}, expected_revision=1)
    assert called == [] and journal.get(entry.id).title == "v2"


# -- relative edits merge with the entry read inside their write ----------------------------


def test_edit_merges_with_what_another_kernel_saved_since_the_caller_read(journal_path):
    with Journal(journal_path) as j1, Journal(journal_path) as j2:
        entry = j1.add(title="v1", actions=["first"])
        j2.edit(entry.id, lambda e: {"actions": [*(a.to_dict() for a in e.actions), {"text": "from two"}]})
        saved = j1.edit(entry.id, lambda e: {"actions": [*(a.to_dict() for a in e.actions), {"text": "from one"}]})
        assert [a.text for a in saved.actions] == ["first", "from two", "from one"]
        assert saved == j2.get(entry.id) and saved.revision == 3


def test_a_write_from_another_kernel_waits_for_an_edit_and_keeps_it(journal_path):
    """Another kernel adds a comment while this update is being checked. Before, the read
    came before the write transaction: the other comment landed in between and this update
    was refused. Now the other kernel waits for the write to end, then adds its comment on
    top: both changes are kept."""
    with Journal(journal_path) as j1, Journal(journal_path) as j2:
        entry = j1.add(title="v1")
        real_validate = j1._validate
        others: list[threading.Thread] = []

        def validate_while_another_kernel_writes(raw):
            others.append(_in_another_thread(lambda: j2.add_feedback(entry.id, "peer", "from the other kernel")))
            time.sleep(0.3)  # time enough for the other kernel to write, if it could
            return real_validate(raw)

        j1._validate = validate_while_another_kernel_writes
        j1.update(entry.id, title="my edit")
        j1._validate = real_validate
        others[0].join(10)
        current = j2.get(entry.id)
        assert current.title == "my edit" and [f.text for f in current.feedback] == ["from the other kernel"]
        assert [r.entry.title for r in j2.history(entry.id)] == ["v1", "my edit", "my edit"]


def test_set_action_status_and_add_feedback_keep_a_change_saved_a_moment_before(journal_path):
    """Both are read-merge-write: the merge uses the entry read inside their own write."""
    with Journal(journal_path) as j1, Journal(journal_path) as j2:
        entry = j1.add(title="v1", actions=["first", "second"])
        first, second = (a.id for a in entry.actions)
        real_get, others = j1.get, []

        def get_while_another_kernel_writes(entry_id):
            read = real_get(entry_id)
            if not others:  # just after the read that the merge starts from
                others.append(_in_another_thread(lambda: j2.set_action_status(entry.id, second, "dropped")))
                time.sleep(0.3)
            return read

        j1.get = get_while_another_kernel_writes
        j1.set_action_status(entry.id, first, "done")
        j1.get = real_get
        others[0].join(10)
        assert [a.status for a in j2.get(entry.id).actions] == ["done", "dropped"]
        j1.add_feedback(entry.id, "supervisor", "one")
        j2.add_feedback(entry.id, "peer", "two")
        assert [f.text for f in j1.get(entry.id).feedback] == ["one", "two"]


def test_a_merge_that_fails_saves_nothing_and_leaves_the_journal_writable(journal):
    entry = journal.add(title="v1")

    def refuse(_):
        raise ValidationError("title", "is refused.")

    with pytest.raises(ValidationError):
        journal.edit(entry.id, refuse)
    with pytest.raises(ValidationError, match="^id:"):
        journal.edit(entry.id, lambda e: {"id": "other"})
    assert journal.get(entry.id).revision == 1
    assert journal.update(entry.id, title="v2").revision == 2


def test_set_action_status_of_an_unknown_action_saves_nothing(journal):
    entry = journal.add(title="v1", actions=["first"])
    with pytest.raises(ValidationError) as info:
        journal.set_action_status(entry.id, "nope", "done")
    assert info.value.field == "action_id" and entry.actions[0].id in str(info.value)
    assert journal.get(entry.id).revision == 1


def test_two_journals_see_each_others_writes(journal_path):
    with Journal(journal_path) as j1, Journal(journal_path) as j2:
        entry = j1.add(title="from one")
        assert j2.get(entry.id) == entry
        j2.delete(entry.id)
        assert j1.get(entry.id).in_trash


# -- the people register under two kernels -------------------------------------------------


@pytest.mark.parametrize("how", ["add", "rename"])
def test_two_kernels_cannot_both_take_one_pseudonym(journal_path, how):
    """The pseudonym is checked inside the write: a second kernel waiting on the first sees
    the name taken and gets a ValidationError naming the field, not a database error."""
    with Journal(journal_path) as j1, Journal(journal_path) as j2:
        j1.people.add("Carer Q", "carer")
        outcome: dict[str, BaseException | None] = {}

        def second_kernel() -> None:
            try:
                if how == "add":
                    j2.people.add("Relative R", "relative")
                else:
                    j2.people.update("Carer Q", pseudonym="Relative R")
                outcome["error"] = None
            except BaseException as error:  # noqa: BLE001 - the test reports what it saw
                outcome["error"] = error

        with j1.transaction() as conn:  # the first kernel holds the write lock ...
            thread = _in_another_thread(second_kernel)
            time.sleep(0.5)  # ... while the second asks for the same name
            j1.people.insert_rows(conn, [("Relative R", "relative", [])])
        thread.join(30)
        error = outcome["error"]
        assert isinstance(error, ValidationError) and error.field == "pseudonym", repr(error)
        assert [p.pseudonym for p in j2.people.list()] == ["Carer Q", "Relative R"]


def test_replace_from_a_stale_copy_is_a_conflict(journal):
    """The row writer's own check names the conflict like ``Journal.edit`` does."""
    entry = journal.add(title="t")
    journal.update(entry.id, title="newer")
    with pytest.raises(ConflictError) as info, journal.transaction() as conn:
        journal._rows.replace(conn, entry, {"title": "stale"})
    assert (info.value.current_revision, info.value.expected_revision) == (2, 1)
    assert journal.get(entry.id).title == "newer"
