"""Backups: a consistent private copy, never over an existing file, named in a folder."""

from __future__ import annotations

import pytest
from journal_helpers import mode

from workbook import (
    Journal,
    ValidationError,
)

# -- backup ---------------------------------------------------------------------------------


def test_backup_copy_opens_with_the_same_entries(journal_path, tmp_path):
    with Journal(journal_path) as j:
        j.people.add("Parent A", "parent", aliases=["Jo Example"])
        for i in range(3):
            j.add(title=f"e{i}", people=["Parent A"], tags=["angry"])
        j.delete(j.entries()[0].id)
        target = j.backup(tmp_path / "backups" / "copy.db")
        expected = (j.entries(), j.trash(), j.people.list())
    assert target == tmp_path / "backups" / "copy.db"
    assert mode(target) == 0o600
    with Journal(target) as copy:
        assert (copy.entries(), copy.trash(), copy.people.list()) == expected
        assert copy.connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_backup_of_an_in_memory_journal(journal, tmp_path):
    entry = journal.add(title="t")
    with Journal(journal.backup(tmp_path / "m.db")) as copy:
        assert copy.entries() == [entry]


def test_backup_refuses_to_overwrite(journal, tmp_path):
    target = tmp_path / "existing.db"
    target.write_bytes(b"precious")
    with pytest.raises(ValidationError, match="already exists") as info:
        journal.backup(target)
    assert info.value.field == "target"
    assert target.read_bytes() == b"precious"


def test_backup_into_a_folder_names_the_file(journal, tmp_path):
    journal.add(title="t")
    first = journal.backup(tmp_path)
    assert first.parent == tmp_path and first.name.startswith("journal-backup-") and first.suffix == ".db"


def test_two_backups_into_one_folder_in_quick_succession(journal, tmp_path):
    first = journal.backup(tmp_path)
    second = journal.backup(tmp_path)
    assert first != second and first.exists() and second.exists()


# -- an interrupted backup leaves nothing at the target ---------------------------------------


def test_a_failed_backup_leaves_no_file(journal, tmp_path, monkeypatch):
    from workbook import files

    def disk_full(path):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files, "_fsync_file", disk_full)
    target = tmp_path / "bk.db"
    with pytest.raises(OSError, match="No space"):
        journal.backup(target)
    assert list(tmp_path.iterdir()) == []


KILLED_BACKUP = """
import os, signal, sys
import workbook as wb
from workbook import files

def killed(source, target):  # the copy is complete, the rename not yet done
    os.kill(os.getpid(), signal.SIGKILL)

files.publish_new = killed
with wb.open_journal(sys.argv[1]) as journal:
    journal.backup(sys.argv[2])
"""


def test_a_killed_backup_leaves_nothing_at_the_target_and_the_next_cleans_up(tmp_path, child_env):
    import subprocess
    import sys

    source = tmp_path / "journal.db"
    with Journal(source) as j:
        j.add(title="t", narrative="private words " * 200)
    folder = tmp_path / "backups"
    folder.mkdir()
    target = folder / "bk.db"
    result = subprocess.run(
        [sys.executable, "-c", KILLED_BACKUP, str(source), str(target)], env=child_env, capture_output=True
    )
    assert result.returncode == -9, result.stderr.decode()[-2000:]
    leftovers = list(folder.iterdir())
    assert not target.exists() and leftovers and all(p.name.startswith(".bk.db.") for p in leftovers)
    with Journal(source) as j:
        j.backup(target)
    assert [p.name for p in folder.iterdir()] == ["bk.db"]
    with Journal(target) as copy:
        assert len(copy) == 1
