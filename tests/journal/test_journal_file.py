"""The journal file: private modes, where it is, a folder refused, closed, pragmas."""

from __future__ import annotations

import os

import pytest
from journal_helpers import mode

import workbook as wb
from workbook import (
    Journal,
    JournalError,
)

# -- files are private ------------------------------------------------------------------------


@pytest.mark.parametrize("umask", [0o022, 0o002, 0o000])
def test_new_journal_file_and_folder_are_private(tmp_path, umask):
    old = os.umask(umask)
    try:
        path = tmp_path / "new-folder" / "journal.db"
        with Journal(path) as j:
            for i in range(3):
                j.add(title=f"e{i}", narrative="x" * 5000)
            j.save_draft("d", {"x": 1})
            assert mode(path.parent) == 0o700
            assert mode(path) == 0o600
            sidecars = [path.with_name(path.name + s) for s in ("-wal", "-shm")]
            assert all(p.exists() for p in sidecars)
            for p in sidecars:
                assert mode(p) & 0o177 == 0, f"{p.name} is {oct(mode(p))}"
        assert mode(path) == 0o600
    finally:
        os.umask(old)


def test_existing_readable_journal_is_tightened_to_0600(journal_path):
    Journal(journal_path).close()
    os.chmod(journal_path, 0o644)
    Journal(journal_path).close()
    assert mode(journal_path) == 0o600


def test_existing_folder_is_left_alone(tmp_path):
    folder = tmp_path / "shared"
    folder.mkdir(mode=0o755)
    os.chmod(folder, 0o755)
    Journal(folder / "journal.db").close()
    assert mode(folder) == 0o755 and mode(folder / "journal.db") == 0o600


def test_default_journal_comes_from_the_environment(_isolated_journal):
    with wb.open_journal() as j:
        assert j.path == _isolated_journal
        j.add(title="t")
    assert _isolated_journal.exists()


def test_a_folder_is_not_a_journal(tmp_path):
    with pytest.raises(JournalError, match="is a folder"):
        Journal(tmp_path)


def test_closed_journal_says_so(journal_path):
    j = Journal(journal_path)
    j.close()
    j.close()  # twice is fine
    with pytest.raises(JournalError, match="closed"):
        j.add(title="t")
    assert "closed" in repr(j)


def test_connection_pragmas(journal_path):
    with Journal(journal_path) as j:
        conn = j.connection
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
