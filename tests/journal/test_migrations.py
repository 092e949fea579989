"""migrations.py: named, ordered, transactional schema steps; backup before upgrading an
older journal; refusal (without a single byte changed) of newer, foreign or broken files."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import workbook as wb
from workbook import CorruptJournalError, JournalError, SchemaTooNewError, WorkbookError
from workbook.journal.connection import connect
from workbook.journal.migrations import (
    ALIAS_DIGESTS_STEP,
    APPLICATION_ID,
    KNOWN,
    MIGRATIONS,
    OUTCOMES_STANCE_DEPTH_STEP,
    Migration,
    applied,
    apply,
    pending,
)

FIXTURES = Path(__file__).parent / "fixtures"
V1 = FIXTURES / "journal_v1.db"
V1_IDS = (
    "11111111-1111-4111-8111-111111111111",
    "22222222-2222-4222-8222-222222222222",
    "33333333-3333-4333-8333-333333333333",
)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_only(path: Path) -> sqlite3.Connection:
    """Read a database file without creating -wal/-shm files or changing anything."""
    return sqlite3.connect(f"file:{path}?immutable=1", uri=True)


def sidecars(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name != path.name and p.name.startswith(path.name))


# -- a fresh journal ----------------------------------------------------------------------


def test_migration_names_are_unique_and_ordered():
    names = [m.name for m in MIGRATIONS]
    assert len(set(names)) == len(names) and names == sorted(names) and tuple(names) == KNOWN
    assert names[:2] == ["0001_initial", "0002_drafts_and_settings"]


def test_fresh_journal_has_every_step_and_the_application_id(journal_path):
    with wb.open_journal(journal_path) as j:
        assert j.migrations_applied == list(KNOWN)
        assert j.backup_made is None  # nothing to back up in a new file
        assert applied(j.connection) == list(KNOWN)
        assert pending(j.connection) == []
    conn = read_only(journal_path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert [r[0] for r in conn.execute("SELECT name FROM _migrations ORDER BY rowid")] == list(KNOWN)
    assert sidecars(journal_path) == []


def test_in_memory_journal_is_migrated(journal):
    assert applied(journal.connection) == list(KNOWN)


def test_reopening_an_up_to_date_journal_changes_nothing(journal_path):
    wb.open_journal(journal_path).close()
    before = sha256(journal_path)
    with wb.open_journal(journal_path) as j:
        assert j.migrations_applied == [] and j.backup_made is None
    assert sha256(journal_path) == before
    assert [p.name for p in journal_path.parent.iterdir()] == [journal_path.name]


# -- upgrading the committed version-1 fixture ----------------------------------------------------


@pytest.fixture
def v1_copy(tmp_path) -> Path:
    target = tmp_path / "journal_v1.db"
    shutil.copyfile(V1, target)
    return target


def test_fixture_is_a_version_1_journal():
    conn = read_only(V1)
    assert applied(conn) == ["0001_initial"]
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("SELECT count(*) FROM entries").fetchone()[0] == 3
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "entry_fts" in tables and "drafts" not in tables and "settings" not in tables


def test_fixture_script_rebuilds_the_same_data(tmp_path, child_env):
    out = tmp_path / "rebuilt.db"
    subprocess.run(
        [sys.executable, str(FIXTURES / "make_v1_journal.py"), str(out)], check=True, env=child_env, capture_output=True
    )
    committed, rebuilt = read_only(V1), read_only(out)
    for table in (
        "entries",
        "entry_text",
        "people",
        "person_aliases",
        "entry_people",
        "entry_tags",
        "actions",
        "feedback",
    ):
        query = f"SELECT * FROM {table} ORDER BY 1, 2"
        assert committed.execute(query).fetchall() == rebuilt.execute(query).fetchall(), table
    schema = "SELECT type, name, sql FROM sqlite_master WHERE name != '_migrations' ORDER BY name"
    assert committed.execute(schema).fetchall() == rebuilt.execute(schema).fetchall()


def test_opening_a_v1_journal_backs_up_then_migrates(v1_copy):
    old = sha256(v1_copy)
    with wb.open_journal(v1_copy) as j:
        assert j.migrations_applied[:5] == [
            "0002_drafts_and_settings",
            "0003_entry_order_index",
            ALIAS_DIGESTS_STEP,
            OUTCOMES_STANCE_DEPTH_STEP,
            "0006_feedback_function",
        ]
        assert j.migrations_applied == list(KNOWN[1:])  # and every later step, in order
        assert applied(j.connection) == list(KNOWN)
        backup = j.backup_made
    # the backup: next to the journal, named after the first pending step, private
    assert backup is not None and backup.parent == v1_copy.parent
    assert backup.name.startswith("journal_v1.before-0002_drafts_and_settings.") and backup.suffix == ".db"
    assert list(v1_copy.parent.glob("journal_v1.before-0002_drafts_and_settings.*.db")) == [backup]
    assert os.stat(backup).st_mode & 0o077 == 0
    # ... holding the old content
    conn = read_only(backup)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert applied(conn) == ["0001_initial"]
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name IN ('drafts', 'settings')").fetchone()[0] == 0
    old_conn = read_only(V1)
    for table in ("entries", "entry_text", "entry_tags", "people"):
        query = f"SELECT * FROM {table} ORDER BY 1"
        assert conn.execute(query).fetchall() == old_conn.execute(query).fetchall()
    assert sha256(V1) == old  # the committed fixture itself is never opened for writing


def test_migrated_v1_journal_keeps_its_entries(v1_copy):
    with wb.open_journal(v1_copy) as j:
        entries = j.entries()
        assert [e.id for e in entries] == list(V1_IDS)
        first = j.get("11111111")
        assert first.title == "Home visit: the bruise"
        assert first.people == ("Parent A",) and first.context == "child-protection"
        assert first.responses == {"what": "Raised the bruise, briefly.", "now_what": "Say it plainly next time."}
        assert [t.to_dict() for t in first.tags] == [
            {"tag": "dread", "intensity": 3, "anchor": {"field": "narrative", "start": 14, "end": 24}},
            {"tag": "softened", "intensity": None, "anchor": None},
        ]
        assert first.narrative[14:24] == "the bruise"
        assert first.actions[0].due_on == dt.date(2024, 11, 11)
        assert first.feedback[0].text == "Notice where you moved away."
        assert first.created_at == dt.datetime(2024, 11, 4, 18, 2, 11, 123456, tzinfo=dt.timezone.utc)
        assert j.get(V1_IDS[2]).title == "Corridor chat — «not now» 😶"
        assert j.people.get("jo example").pseudonym == "Parent A"
        assert len(j.to_frame()) == 3 and j.to_frame()["flagged"].tolist() == [True, False, False]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("bruise", [V1_IDS[0]]),
        ("plainly", [V1_IDS[0]]),
        ("treatment", [V1_IDS[1]]),
        ("cafe", [V1_IDS[2]]),
        ("corridor", [V1_IDS[2]]),
        ("appoint", [V1_IDS[2]]),
    ],
)
def test_migrated_v1_journal_is_searchable(v1_copy, query, expected):
    with wb.open_journal(v1_copy) as j:
        assert [e.id for e in j.search(query)] == expected


def test_migrated_v1_journal_takes_drafts_settings_and_edits(v1_copy):
    with wb.open_journal(v1_copy) as j:
        j.save_draft("new-entry", {"title": "half"})
        j.set_setting("theme", "dark")
        updated = j.update(V1_IDS[0], title="Home visit: the bruise (edited)")
        assert updated.revision == 2 and j.history(V1_IDS[0])[0].entry.title == "Home visit: the bruise"
        j.add(title="A new one", people=["Jo Example"], tags=["calm"])
    with wb.open_journal(v1_copy) as j:
        assert j.draft("new-entry") == {"title": "half"} and j.setting("theme") == "dark"
        assert len(j) == 4 and j.migrations_applied == [] and j.backup_made is None
        assert j.connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


# -- refusals: nothing is changed ------------------------------------------------------------------


@pytest.mark.parametrize("journal_mode", ["wal", "delete"])
def test_journal_from_a_newer_version_is_refused_unchanged(journal_path, journal_mode):
    with wb.open_journal(journal_path) as j:
        j.add(title="written by a newer version")
    conn = sqlite3.connect(journal_path, isolation_level=None)
    conn.execute(f"PRAGMA journal_mode = {journal_mode}")
    conn.execute("INSERT INTO _migrations (name, applied_at) VALUES ('0099_future_step', '2030-01-01T00:00:00+00:00')")
    conn.close()
    before = sha256(journal_path)
    with pytest.raises(SchemaTooNewError) as info:
        wb.open_journal(journal_path)
    assert "0099_future_step" in str(info.value) and "newer version" in str(info.value)
    assert isinstance(info.value, JournalError)
    assert sha256(journal_path) == before
    assert sidecars(journal_path) == []
    assert list(journal_path.parent.glob("*.before-*")) == []


def test_pending_refuses_unknown_steps_directly(journal):
    journal.connection.execute("INSERT INTO _migrations (name, applied_at) VALUES ('0000_odd', 'x')")
    with pytest.raises(SchemaTooNewError):
        pending(journal.connection)


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(os.urandom(8192), id="random-bytes"),
        pytest.param(b"SQLite format 3\x00" + os.urandom(4080), id="sqlite-header-then-garbage"),
        pytest.param(b"not a database, just some notes\n" * 100, id="text-file"),
    ],
)
def test_a_file_that_is_not_a_database_is_refused_unchanged(tmp_path, content):
    path = tmp_path / "journal.db"
    path.write_bytes(content)
    before = sha256(path)
    with pytest.raises(CorruptJournalError) as info:
        wb.open_journal(path)
    assert "left unchanged" in str(info.value) and str(path) in str(info.value)
    assert sha256(path) == before
    assert sidecars(path) == []


def test_a_truncated_journal_is_refused_unchanged(journal_path):
    with wb.open_journal(journal_path) as j:
        for i in range(40):
            j.add(title=f"e{i}", narrative="words " * 500)
    journal_path.write_bytes(journal_path.read_bytes()[:8192])
    before = sha256(journal_path)
    with pytest.raises(CorruptJournalError):
        wb.open_journal(journal_path)
    assert sha256(journal_path) == before


def test_another_sqlite_database_is_refused_unchanged(tmp_path):
    path = tmp_path / "photos.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO photos (name) VALUES ('cat.jpg')")
    conn.commit()
    conn.close()
    before = sha256(path)
    with pytest.raises(JournalError, match="not a Reflective Workbook journal") as info:
        wb.open_journal(path)
    assert not isinstance(info.value, CorruptJournalError)
    assert sha256(path) == before
    assert sidecars(path) == []


def test_an_empty_file_is_refused_and_a_missing_one_becomes_a_journal(tmp_path):
    path = tmp_path / "empty.db"
    path.touch()
    with pytest.raises(CorruptJournalError, match="empty"):
        wb.open_journal(path)  # a failed copy, not a new journal (tests/journal/test_refused_files.py)
    path.unlink()
    with wb.open_journal(path) as j:
        assert j.migrations_applied == list(KNOWN)


# -- every step is all or nothing ----------------------------------------------------------------

GOOD_STEP = Migration("0001_base", ("CREATE TABLE base (x INTEGER)",))
BROKEN_STEP = Migration(
    "0002_broken",
    (
        "CREATE TABLE half_a (x INTEGER)",
        "INSERT INTO base (x) VALUES (1)",
        "ALTER TABLE base ADD COLUMN y TEXT",
        "CREATE TABLE half_b (this is not valid sql",
    ),
)
FIXED_STEP = Migration("0002_broken", ("CREATE TABLE half_a (x INTEGER)", "INSERT INTO base (x) VALUES (1)"))


def _tables(conn) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def test_a_step_that_fails_halfway_leaves_nothing_of_itself(tmp_path):
    path = tmp_path / "steps.db"
    conn = connect(str(path))
    assert apply(conn, path, (GOOD_STEP,)) == (["0001_base"], None)
    with pytest.raises(sqlite3.OperationalError):
        apply(conn, path, (GOOD_STEP, BROKEN_STEP))
    assert not conn.in_transaction
    assert _tables(conn) == {"_migrations", "base"}
    assert [r[1] for r in conn.execute("PRAGMA table_info(base)")] == ["x"]
    assert conn.execute("SELECT count(*) FROM base").fetchone()[0] == 0
    assert applied(conn) == ["0001_base"]
    # the journal was backed up before the step was tried
    assert len(list(tmp_path.glob("steps.before-0002_broken.*.db"))) == 1
    # and a corrected step applies cleanly afterwards
    done, backup = apply(conn, path, (GOOD_STEP, FIXED_STEP))
    assert done == ["0002_broken"] and backup is not None
    assert _tables(conn) == {"_migrations", "base", "half_a"}
    assert conn.execute("SELECT x FROM base").fetchall() == [(1,)]
    conn.close()


def test_a_first_step_that_fails_leaves_an_empty_database(tmp_path):
    path = tmp_path / "first.db"
    conn = connect(str(path))
    with pytest.raises(sqlite3.OperationalError):
        apply(conn, path, (BROKEN_STEP,))
    assert _tables(conn) == set()
    assert conn.execute("PRAGMA application_id").fetchone()[0] == 0
    assert applied(conn) == []
    conn.close()


def test_steps_already_recorded_are_skipped(tmp_path):
    conn = connect(str(tmp_path / "x.db"))
    apply(conn, None, (GOOD_STEP,))
    assert apply(conn, None, (GOOD_STEP,)) == ([], None)
    conn.close()


def test_errors_are_workbook_errors():
    for error in (SchemaTooNewError, CorruptJournalError, JournalError):
        assert issubclass(error, WorkbookError)
