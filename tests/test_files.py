"""workbook.files: every file the workbook creates is private, written atomically, never left half-done."""

from __future__ import annotations

import os
import sqlite3
import stat

import pytest

from workbook import files
from workbook.errors import ValidationError


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def wide_umask():
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_private_folders_and_files_ignore_a_wide_umask(tmp_path, wide_umask):
    target = tmp_path / "a" / "b" / "journal.db"
    assert files.create_private_file(target) is True
    assert _mode(target) == 0o600
    assert _mode(target.parent) == 0o700 and _mode(target.parent.parent) == 0o700
    assert files.create_private_file(target) is False  # exists: left as it is


def test_an_existing_shared_folder_is_left_alone(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    os.chmod(shared, 0o755)
    files.ensure_private_dir(shared)
    assert _mode(shared) == 0o755


def test_atomic_text_file_writes_privately_and_replaces_in_one_step(tmp_path, wide_umask):
    target = tmp_path / "export.json"
    target.write_text("old")
    with files.atomic_text_file(target) as handle:
        handle.write("new")
        assert target.read_text() == "old"  # not visible until the rename
    assert target.read_text() == "new" and _mode(target) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.json"]


def test_a_failed_atomic_write_leaves_the_old_file_and_no_temporary_file(tmp_path):
    target = tmp_path / "export.json"
    target.write_text("old")
    with pytest.raises(RuntimeError), files.atomic_text_file(target) as handle:
        handle.write("half")
        raise RuntimeError("disk full")
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.json"]


def test_atomic_write_bytes(tmp_path):
    target = files.atomic_write_bytes(tmp_path / "chart.png", b"\x89PNG")
    assert target.read_bytes() == b"\x89PNG" and _mode(target) == 0o600


@pytest.mark.parametrize("where", ["folder", "missing-parent"])
def test_atomic_writes_refuse_a_folder_or_a_missing_parent(tmp_path, where):
    path = tmp_path if where == "folder" else tmp_path / "missing" / "x.json"
    with pytest.raises(ValidationError) as error:
        files.atomic_write_bytes(path, b"")
    assert error.value.field == "path"


def test_sqlite_copy_is_a_private_consistent_copy(tmp_path, wide_umask):
    source = sqlite3.connect(tmp_path / "source.db")
    source.execute("CREATE TABLE t (x)")
    source.executemany("INSERT INTO t VALUES (?)", [(i,) for i in range(100)])
    source.commit()
    copy = files.sqlite_copy(source, tmp_path / "backups" / "copy.db")
    assert _mode(copy) == 0o600 and _mode(copy.parent) == 0o700
    with sqlite3.connect(copy) as check:
        assert check.execute("SELECT count(*) FROM t").fetchone()[0] == 100
    with pytest.raises(FileExistsError):
        files.sqlite_copy(source, copy)
    source.close()


def test_a_failed_sqlite_copy_leaves_no_file_that_would_open_as_an_empty_journal(tmp_path):
    source = sqlite3.connect(":memory:")
    source.close()  # backing up from a closed connection fails part-way
    target = tmp_path / "copy.db"
    with pytest.raises(sqlite3.ProgrammingError):
        files.sqlite_copy(source, target)
    assert list(tmp_path.iterdir()) == []


def test_readonly_connections_cannot_write_and_create_nothing(tmp_path):
    path = tmp_path / "j.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE t (x)")
    conn.close()
    before = sorted(p.name for p in tmp_path.iterdir())
    ro = files.connect_readonly(path, immutable_without_wal=True)
    with pytest.raises(sqlite3.OperationalError):
        ro.execute("INSERT INTO t VALUES (1)")
    ro.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert "immutable=1" in files.readonly_uri(path, immutable_without_wal=True)
    assert "immutable" not in files.readonly_uri(path)


def test_readonly_uri_quotes_odd_paths(tmp_path):
    odd = tmp_path / "a folder #1 ?x" / "j.db"
    odd.parent.mkdir()
    sqlite3.connect(odd).close()
    files.connect_readonly(odd).close()
    assert "#" not in files.readonly_uri(odd).split("file:", 1)[1].split("?")[0]


def test_remove_sqlite_file_removes_side_files(tmp_path):
    base = tmp_path / "x.db"
    for suffix in ("", *files.SQLITE_SIDE_FILES):
        (tmp_path / f"x.db{suffix}").write_text("")
    files.remove_sqlite_file(base)
    assert list(tmp_path.iterdir()) == []


# -- interrupted copies and writes leave nothing behind ---------------------------------------


class _FailingSource:
    """Stands in for a connection whose backup fails part-way (disk full), after writing."""

    def __init__(self, target):
        self.target = target
        self.seen_target = None

    def backup(self, dest):
        dest.execute("CREATE TABLE half (x)")
        dest.commit()
        self.seen_target = self.target.exists()
        raise sqlite3.OperationalError("database or disk is full")


def test_a_copy_is_never_visible_at_the_target_until_complete(tmp_path):
    target = tmp_path / "bk.db"
    source = _FailingSource(target)
    with pytest.raises(sqlite3.OperationalError):
        files.sqlite_copy(source, target)
    assert source.seen_target is False  # written beside it, under a temporary name
    assert list(tmp_path.iterdir()) == []  # and the temporary file is removed on failure


def _dead_pid() -> int:
    import subprocess
    import sys

    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _leftovers(folder, name):
    """Temporary files as a killed export or backup to ``folder/name`` leaves them, and neighbours to keep."""
    import time

    dead, alive = _dead_pid(), os.getpid()
    made = {
        f".{name}.{dead}-abcd1234.tmp": True,  # a killed process: removed
        f".{name}.{dead}-abcd1234.tmp-journal": True,  # and SQLite's side file of it
        f".{name}.{alive}-efgh5678.tmp": False,  # this process may be writing it: kept
        f".{name}.zyxw9876.tmp": False,  # older naming, recent: kept
        f".{name}.old_0000.tmp": True,  # older naming, over an hour old: removed
        f".other.db.{dead}-abcd1234.tmp": False,  # another target's: kept
        f"{name}.{dead}-abcd1234.tmp": False,  # not our pattern (no leading dot): kept
    }
    for leftover in made:
        (folder / leftover).write_text("partial copy")
    hour_ago = time.time() - 2 * files.LEGACY_TEMP_AGE_S
    os.utime(folder / f".{name}.old_0000.tmp", (hour_ago, hour_ago))
    return made


@pytest.mark.parametrize("writer", ["backup", "export"])
def test_leftovers_of_a_killed_run_are_removed_by_the_next(tmp_path, writer):
    name = "target.db" if writer == "backup" else "target.json"
    made = _leftovers(tmp_path, name)
    if writer == "backup":
        source = sqlite3.connect(":memory:")
        files.sqlite_copy(source, tmp_path / name)
        source.close()
    else:
        with files.atomic_text_file(tmp_path / name) as out:
            out.write("{}")
    left = {p.name for p in tmp_path.iterdir()}
    assert name in left
    for leftover, removed in made.items():
        assert (leftover not in left) == removed, leftover


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to chown a file")
def test_leftovers_of_another_user_are_not_removed(tmp_path):
    leftover = tmp_path / f".t.db.{_dead_pid()}-abcd1234.tmp"
    leftover.write_text("theirs")
    os.chown(leftover, 65534, 65534)
    assert files.remove_stale_temps(tmp_path / "t.db") == []
    assert leftover.exists()


def test_temporary_names_carry_the_process_id(tmp_path):
    tmp = files.private_temp_beside(tmp_path / "x.json")
    assert tmp.name.startswith(f".x.json.{os.getpid()}-") and tmp.name.endswith(".tmp") and _mode(tmp) == 0o600


def test_publish_new_never_replaces(tmp_path):
    first, second, target = tmp_path / "a", tmp_path / "b", tmp_path / "t"
    first.write_text("one")
    second.write_text("two")
    files.publish_new(first, target)
    with pytest.raises(FileExistsError):
        files.publish_new(second, target)
    assert target.read_text() == "one" and not first.exists() and second.exists()
