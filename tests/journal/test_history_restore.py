"""Restoring an earlier version of an entry: a new revision, nothing lost, conflicts caught."""

from __future__ import annotations

import subprocess
import sys

import pytest

from workbook import ConflictError, Journal, ValidationError


def _three_versions(journal):
    entry = journal.add(title="First title", narrative="first words", people=["Parent A"], tags=["anxious"])
    journal.update(entry.id, title="Second title", narrative="second words")
    journal.update(entry.id, narrative="third words", tags=["relieved"])
    return entry.id


def test_restore_makes_a_new_revision_and_keeps_every_version(journal):
    entry_id = _three_versions(journal)
    restored = journal.restore_revision(entry_id, 1, expected_revision=3)
    assert restored.revision == 4
    assert (restored.title, restored.narrative, restored.people) == ("First title", "first words", ("Parent A",))
    assert [t.tag for t in restored.tags] == ["anxious"]
    history = journal.history(entry_id)
    assert [r.revision for r in history] == [1, 2, 3, 4]
    assert history[2].entry.narrative == "third words"  # the replaced version is still there
    assert journal.restored_from(entry_id) == {4: 1}
    journal.restore_revision(entry_id, 2)
    assert journal.restored_from(entry_id[:8]) == {4: 1, 5: 2}
    assert journal.get(entry_id).title == "Second title"


def test_restore_from_a_stale_copy_is_a_conflict_and_saves_nothing(journal):
    entry_id = _three_versions(journal)
    journal.update(entry_id, title="Saved in another window")  # revision 4
    with pytest.raises(ConflictError):
        journal.restore_revision(entry_id, 1, expected_revision=3)
    current = journal.get(entry_id)
    assert (current.revision, current.title) == (4, "Saved in another window")
    assert journal.restored_from(entry_id) == {}


def test_restore_conflict_between_two_processes(journal_path, child_env):
    with Journal(journal_path) as mine:
        mine.people.add("Parent A", "parent")
        entry_id = _three_versions(mine)
        seen = mine.get(entry_id).revision
        code = (
            "import sys, workbook as wb\n"
            "with wb.open_journal(sys.argv[1]) as j:\n"
            "    j.update(sys.argv[2], title='From the other process')\n"
        )
        subprocess.run([sys.executable, "-c", code, str(journal_path), entry_id], env=child_env, check=True)
        with pytest.raises(ConflictError):
            mine.restore_revision(entry_id, 1, expected_revision=seen)
        assert mine.get(entry_id).title == "From the other process"
        assert mine.restore_revision(entry_id, 1, expected_revision=seen + 1).title == "First title"


@pytest.mark.parametrize("bad", [0, 3, 9, "1", True])
def test_restore_needs_an_earlier_revision(journal, bad):
    entry_id = _three_versions(journal)
    with pytest.raises(ValidationError) as info:
        journal.restore_revision(entry_id, bad)
    assert info.value.field == "revision"
    assert journal.get(entry_id).revision == 3


def test_restore_after_a_rename_keeps_the_person(journal):
    entry_id = _three_versions(journal)
    journal.people.update("Parent A", pseudonym="Parent Z")
    assert journal.history(entry_id)[0].entry.people == ("Parent Z",)
    assert journal.restore_revision(entry_id, 1).people == ("Parent Z",)


def test_restoring_a_version_that_reads_as_the_current_one_says_so_and_saves_nothing(journal):
    entry = journal.add(title="a")
    journal.update(entry.id, title="b")
    journal.update(entry.id, title="a")
    with pytest.raises(ValidationError, match="reads the same as the current version"):
        journal.restore_revision(entry.id, 1)
    assert journal.get(entry.id).revision == 3 and journal.restored_from(entry.id) == {}
