"""Files that are not a usable journal are refused before anything is written, and left
byte-for-byte and mode unchanged: damage anywhere in the file, empty files, foreign SQLite."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from journal_helpers import mode, sha256

from workbook import CorruptJournalError, Journal, JournalError
from workbook.journal import connection
from workbook.journal.migrations import APPLICATION_ID


def _populated(path: Path, n: int = 60) -> Path:
    with Journal(path) as j:
        j.add_many([{"title": f"entry {i}", "narrative": f"words of entry {i} " * 300} for i in range(n)])
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return path


def _damage_leaf_pages(path: Path, table: str = "entry_text", pages: int = 3) -> None:
    """Overwrite bytes inside leaf pages of ``table`` (found with dbstat), far from the schema."""
    conn = sqlite3.connect(f"file:{path}?immutable=1", uri=True)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    leaves = [r[0] for r in conn.execute("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf'", (table,))]
    conn.close()
    assert len(leaves) >= pages
    with open(path, "r+b") as handle:
        for pageno in leaves[1 : 1 + pages]:
            handle.seek((pageno - 1) * page_size + 8)  # the cell pointer array and cells
            handle.write(b"\xff" * 192)


def _expect_refused(path: Path, error=CorruptJournalError, match: str | None = None) -> str:
    before = (sha256(path), mode(path))
    with pytest.raises(error, match=match) as info:
        Journal(path)
    assert (sha256(path), mode(path)) == before, "the refused file was changed"
    message = str(info.value)
    assert "\n" not in message and "left unchanged" in message
    return message


# -- damage anywhere in the file -------------------------------------------------------------


def test_damage_in_entry_text_leaf_pages_is_refused_before_writing(tmp_path):
    path = _populated(tmp_path / "deep.db")
    _damage_leaf_pages(path)
    os.chmod(path, 0o644)  # and its mode is left as it is (not tightened before refusing)
    message = _expect_refused(path)
    assert "damaged" in message and "restore a backup" in message and "workbook doctor" in message
    assert "backups exist" in message
    assert mode(path) == 0o644
    assert not list(tmp_path.glob("deep.db-*"))


def test_damage_in_the_middle_of_a_populated_file_is_refused(tmp_path):
    path = _populated(tmp_path / "middle.db")
    size = path.stat().st_size
    with open(path, "r+b") as handle:
        handle.seek(size // 2)
        handle.write(os.urandom(4096))
    message = _expect_refused(path)
    assert "restore a backup" in message


def test_a_large_journal_is_checked_in_the_background_and_the_first_write_waits(tmp_path, monkeypatch):
    """Above CHECK_AT_OPEN_BYTES opening does not wait for the check; a write does."""
    path = _populated(tmp_path / "large.db")
    _damage_leaf_pages(path)
    before = sha256(path)
    monkeypatch.setattr(connection, "CHECK_AT_OPEN_BYTES", 0)
    with Journal(path) as j:
        with pytest.raises(CorruptJournalError, match="restore a backup"):
            j.add(title="written into a damaged journal?")
        with pytest.raises(CorruptJournalError):
            j.save_draft("d", {"x": 1})
    assert sha256(path) == before


def test_a_large_healthy_journal_opens_and_writes(tmp_path, monkeypatch):
    path = _populated(tmp_path / "large.db", n=5)
    monkeypatch.setattr(connection, "CHECK_AT_OPEN_BYTES", 0)
    with Journal(path) as j:
        j.add(title="fine")
        assert len(j) == 6
    with Journal(path) as j:  # closing while the check still runs is fine too
        assert len(j) == 6


def test_the_background_check_gives_way_to_the_practitioners_own_reading(tmp_path, monkeypatch):
    """The damage check of a large journal runs at a low priority (its thread's nice value),
    so it does not slow the frames and charts read just after opening."""
    import os
    import threading

    path = _populated(tmp_path / "large.db", n=3)
    monkeypatch.setattr(connection, "CHECK_AT_OPEN_BYTES", 0)
    seen = []
    checked = connection.damage

    def damage(conn):
        seen.append(os.getpriority(os.PRIO_PROCESS, threading.get_native_id()))
        return checked(conn)

    monkeypatch.setattr(connection, "damage", damage)
    before = os.getpriority(os.PRIO_PROCESS, 0)
    with Journal(path) as j:
        j.add(title="waits for the check")
    assert seen and seen[0] >= min(before + 1, 19) and seen[0] >= connection.BACKGROUND_NICENESS
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == before  # this thread unchanged


# -- only a missing path becomes a new journal --------------------------------------------


def test_an_empty_file_is_refused_not_made_a_journal(tmp_path):
    path = tmp_path / "empty.db"
    path.touch()
    os.chmod(path, 0o644)
    message = _expect_refused(path, match="empty")
    assert "restore a backup" in message and path.stat().st_size == 0


@pytest.mark.parametrize("app_id", [0, 0x47504B47, APPLICATION_ID], ids=["no-id", "foreign-id", "our-id"])
def test_an_sqlite_file_with_no_tables_is_refused(tmp_path, app_id):
    path = tmp_path / "no-tables.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id = {app_id}")
    conn.execute("PRAGMA user_version = 7")
    conn.close()
    assert path.stat().st_size > 0
    os.chmod(path, 0o640)
    _expect_refused(path, match="no tables")


def test_a_foreign_database_keeps_its_mode(tmp_path):
    path = tmp_path / "photos.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY)")
    conn.commit()
    conn.close()
    os.chmod(path, 0o644)
    _expect_refused(path, error=JournalError, match="not a Reflective Workbook journal")
    assert mode(path) == 0o644


def test_our_application_id_with_tables_of_another_program_is_refused(tmp_path):
    path = tmp_path / "mixed.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY)")
    conn.commit()
    conn.close()
    _expect_refused(path, error=JournalError, match="tables of another program")


@pytest.mark.parametrize("content", [b"just some notes\n" * 50, os.urandom(9000)], ids=["text", "random"])
def test_a_file_that_is_not_a_database_keeps_its_mode(tmp_path, content):
    path = tmp_path / "notes.db"
    path.write_bytes(content)
    os.chmod(path, 0o644)
    _expect_refused(path)


def test_a_journal_with_extra_tables_of_ours_is_accepted(tmp_path):
    path = _populated(tmp_path / "j.db", n=2)
    conn = sqlite3.connect(path)
    conn.execute("ANALYZE")  # sqlite_stat1 is SQLite's own
    conn.commit()
    conn.close()
    with Journal(path) as j:
        assert len(j) == 2


def test_a_new_journal_is_complete_the_moment_it_appears(tmp_path):
    """Built beside the path and linked into place: no half-made file, no temporary left."""
    path = tmp_path / "new" / "journal.db"
    with Journal(path) as j:
        assert j.migrations_applied and j.read_only is None
    assert sorted(p.name for p in path.parent.iterdir()) == ["journal.db"]
    conn = sqlite3.connect(f"file:{path}?immutable=1", uri=True)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    conn.close()
