"""Where a journal may be opened: a private folder, -wal/-shm files of yours and 0600; and a
read-only file or folder, which can still be read, listed, backed up and exported.

Where chmod does not bind (tests run as root here), another user is played by a child
process that changes to ``nobody`` (journal_helpers.run_as_another_user); those tests skip
with a message where that is impossible.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from journal_helpers import NOBODY, folder_for_another_user, mode, run_as_another_user, sha256

from workbook import Journal, JournalError
from workbook.journal.doctor import run_checks

needs_root = pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to give a file to another user (chown)"
)


def _journal(path: Path, n: int = 2) -> Path:
    with Journal(path) as j:
        for i in range(n):
            j.add(title=f"entry {i}", narrative="private words")
    return path


def _statuses(path: Path) -> dict[str, str]:
    return {c.name: c.status for c in run_checks(path)}


@pytest.fixture
def other_user_folder():
    folder = folder_for_another_user()
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


# -- the -wal and -shm files ----------------------------------------------------------------


def test_a_wide_wal_file_of_yours_is_made_private_before_opening(tmp_path):
    path = _journal(tmp_path / "journal.db")
    wal = tmp_path / "journal.db-wal"
    wal.touch()
    os.chmod(wal, 0o666)
    assert _statuses(path)["wal file permissions"] == "WARN"
    with Journal(path) as j:
        assert mode(wal) == 0o600
        j.add(title="written after the repair", narrative="SECRET-NARRATIVE")
        assert mode(wal) == 0o600 and mode(tmp_path / "journal.db-shm") == 0o600


@needs_root
def test_a_wal_file_of_another_user_is_refused(tmp_path):
    path = _journal(tmp_path / "journal.db")
    before = sha256(path)
    wal = tmp_path / "journal.db-wal"
    wal.touch()
    os.chmod(wal, 0o666)
    os.chown(wal, NOBODY, NOBODY)
    with pytest.raises(JournalError, match="belongs to another user") as info:
        Journal(path)
    assert "\n" not in str(info.value) and "left unchanged" in str(info.value)
    assert sha256(path) == before and wal.stat().st_size == 0 and mode(wal) == 0o666
    assert _statuses(path)["wal file permissions"] == "FAIL"


def test_a_wal_file_that_is_a_link_is_refused(tmp_path):
    path = _journal(tmp_path / "journal.db")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.touch()
    (tmp_path / "journal.db-wal").symlink_to(elsewhere)
    with pytest.raises(JournalError, match="not a regular file"):
        Journal(path)
    assert elsewhere.stat().st_size == 0


WAL_VICTIM = """
path = sys.argv[1]
try:
    journal = wb.open_journal(path)
except wb.JournalError as exc:
    print("refused:", exc)
    sys.exit(0)
journal.add(title="t", narrative="SECRET-NARRATIVE about a child")
journal.close()
print("written")
"""


def test_a_wal_file_planted_by_another_user_is_refused_as_that_user_victim(other_user_folder, child_env):
    """The D2 reproduction: root plants a 0666 journal.db-wal (and keeps a hard link) beside
    nobody's journal; nobody opens the journal. It is refused and the secret goes nowhere."""
    folder = other_user_folder
    path = folder / "journal.db"
    _journal(path)
    for item in folder.iterdir():
        os.chown(item, NOBODY, NOBODY)
    wal = folder / "journal.db-wal"
    wal.touch()
    os.chmod(wal, 0o666)
    keep = folder / ".keep-wal"
    os.link(wal, keep)
    result = run_as_another_user(WAL_VICTIM, folder, child_env, str(path))
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.startswith("refused:") and "belongs to another user" in result.stdout
    assert b"SECRET-NARRATIVE" not in keep.read_bytes()


# -- the folder ----------------------------------------------------------------------------------


@pytest.mark.parametrize("existing", [True, False], ids=["existing-journal", "new-journal"])
def test_a_folder_other_users_can_write_to_is_refused(tmp_path, existing):
    folder = tmp_path / "shared"
    folder.mkdir()
    path = folder / "journal.db"
    if existing:
        _journal(path)
        os.chmod(path, 0o644)
    os.chmod(folder, 0o777)
    before = sha256(path) if existing else None
    with pytest.raises(JournalError, match="other users can create or replace files") as info:
        Journal(path)
    assert "\n" not in str(info.value)
    if existing:
        assert sha256(path) == before and mode(path) == 0o644
        assert _statuses(path)["folder permissions"] == "FAIL"
    else:
        assert not path.exists()


@needs_root
def test_a_folder_its_group_can_write_to_is_refused(tmp_path):
    folder = tmp_path / "group"
    folder.mkdir()
    path = _journal(folder / "journal.db")
    os.chown(folder, 0, NOBODY)
    os.chmod(folder, 0o770)
    with pytest.raises(JournalError, match="other members of its group"):
        Journal(path)


def test_a_sticky_folder_of_yours_is_accepted(tmp_path):
    folder = tmp_path / "sticky"
    folder.mkdir()
    os.chmod(folder, 0o1777)
    with Journal(folder / "journal.db") as j:
        j.add(title="t")
    os.chmod(folder, 0o700)


# -- read-only file or folder ---------------------------------------------------------------

READ_ONLY_USE = """
path, out = sys.argv[1], sys.argv[2]
journal = wb.open_journal(path)
report = {"read_only": journal.read_only, "entries": len(journal), "titles": [e.title for e in journal.entries()]}
journal.backup(os.path.join(out, "backup.db"))
report["exported"] = workbook.exchange.export_json(journal, os.path.join(out, "export.json"))
for name, attempt in (("add", lambda: journal.add(title="new")), ("edit", lambda: journal.update(journal.entries()[0].id, title="x"))):
    try:
        attempt()
        report[name] = "saved"
    except wb.WorkbookError as exc:
        report[name] = str(exc)
journal.close()
report["doctor"] = {c.name: [c.status, c.detail] for c in workbook.journal.doctor.run_checks(path)}
print(json.dumps(report))
"""


def _read_only_run(folder: Path, out: Path, child_env: dict[str, str]) -> dict:
    result = run_as_another_user(READ_ONLY_USE, folder, child_env, str(folder / "journal.db"), str(out))
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("what", ["file", "folder"])
def test_a_read_only_journal_can_be_read_backed_up_and_exported(other_user_folder, child_env, what):
    folder = other_user_folder / "journal-folder"
    folder.mkdir()
    path = _journal(folder / "journal.db", n=3)
    out = other_user_folder / "out"
    out.mkdir()
    for item in (folder, path, out):
        os.chown(item, NOBODY, NOBODY)
    os.chmod(folder, 0o500 if what == "folder" else 0o700)
    os.chmod(path, 0o400 if what == "file" else 0o600)
    before = sha256(path)
    report = _read_only_run(folder, out, child_env)
    reason = "the journal file is read-only" if what == "file" else "the journal's folder is read-only"
    assert report["read_only"] == reason
    assert report["entries"] == 3 and report["exported"] == 3
    for name in ("add", "edit"):
        assert reason in report[name] and "cannot be changed" in report[name]
    assert report["doctor"]["writable"][0] == "WARN" and reason in report["doctor"]["writable"][1]
    assert sha256(path) == before
    assert sorted(p.name for p in folder.iterdir()) == ["journal.db"]  # no -wal or -shm left behind
    with sqlite3.connect(out / "backup.db") as copy:
        assert copy.execute("SELECT count(*) FROM entries").fetchone()[0] == 3
    assert len(json.loads((out / "export.json").read_text())["entries"]) == 3
