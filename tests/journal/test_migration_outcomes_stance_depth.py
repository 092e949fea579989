"""Step 0005 rebuilds the entries table for two new outcomes, ``stance_both`` and ``depth``.

A journal of the previous schema (every step up to 0004, with real rows in every table) is
upgraded without losing or changing anything: a backup first, every row of every table as it
was, rowids kept (the search index is keyed by them), no child row orphaned or cascaded away,
and foreign keys back on afterwards."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

import workbook as wb
from workbook.journal.migrations import MIGRATIONS, OUTCOMES_STANCE_DEPTH_STEP, applied, apply

V1 = Path(__file__).parent / "fixtures" / "journal_v1.db"
CHILD_TABLES = ("entry_text", "entry_people", "entry_tags", "actions", "feedback", "revisions", "people")


def _previous_schema(tmp_path: Path) -> Path:
    """The committed version-1 journal, brought up to 0004 only: what the last release wrote."""
    path = tmp_path / "journal_0004.db"
    shutil.copyfile(V1, path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = ON")
    done, _ = apply(conn, None, MIGRATIONS[:4])
    assert done and applied(conn)[-1] == "0004_aliases_as_keyed_digests"
    conn.close()
    return path


def _rows(conn: sqlite3.Connection, table: str) -> list[tuple]:
    return conn.execute(f"SELECT rowid, * FROM {table} ORDER BY rowid").fetchall()


@pytest.fixture
def previous(tmp_path) -> Path:
    return _previous_schema(tmp_path)


def test_the_previous_schema_refuses_the_new_values(previous):
    conn = sqlite3.connect(previous)
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("UPDATE entries SET outcome = 'deferred'")
    columns = [r[1] for r in conn.execute("PRAGMA table_info(entries)")]
    assert "stance_both" not in columns and "depth" not in columns


def test_upgrading_keeps_every_row_and_backs_up_first(previous):
    old = sqlite3.connect(previous)
    before = {t: _rows(old, t) for t in CHILD_TABLES}
    old_entries = [
        dict(zip([d[0] for d in c.description], r))
        for c in [old.execute("SELECT rowid AS r, * FROM entries ORDER BY rowid")]
        for r in c.fetchall()
    ]
    old_fts = old.execute("SELECT rowid, title, body FROM entry_fts ORDER BY rowid").fetchall()
    assert len(old_entries) == 3 and sum(len(v) for v in before.values()) > 10
    old.close()

    with wb.open_journal(previous) as j:
        assert j.migrations_applied[0] == OUTCOMES_STANCE_DEPTH_STEP  # later steps follow it
        assert j.backup_made is not None and j.backup_made.name.startswith(
            f"journal_0004.before-{OUTCOMES_STANCE_DEPTH_STEP}."
        )
        conn = j.connection
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        for table, rows in before.items():
            got = _rows(conn, table)
            if table == "feedback":  # step 0006 adds a last column, none for old rows
                assert all(row[-1] is None for row in got)
                got = [row[:-1] for row in got]
            assert got == rows, table
        cursor = conn.execute("SELECT rowid AS r, * FROM entries ORDER BY rowid")
        new_entries = [dict(zip([d[0] for d in cursor.description], r)) for r in cursor.fetchall()]
        for old_row, new_row in zip(old_entries, new_entries, strict=True):
            assert {k: new_row[k] for k in old_row} == old_row
            assert new_row["stance_both"] == 0 and new_row["depth"] is None
        assert conn.execute("SELECT rowid, title, body FROM entry_fts ORDER BY rowid").fetchall() == old_fts
        indexes = {
            r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'entries'")
        }
        assert "entries_in_order" in indexes
        assert [e.id for e in j.search("bruise")] == [old_entries[0]["id"]]

    backup = sqlite3.connect(f"file:{j.backup_made}?immutable=1", uri=True)
    assert applied(backup)[-1] == "0004_aliases_as_keyed_digests"
    assert [r[1:] for r in _rows(backup, "entry_tags")] == [r[1:] for r in before["entry_tags"]]


def test_the_upgraded_journal_takes_the_new_fields(previous):
    with wb.open_journal(previous) as j:
        first = j.entries()[0]
        edited = j.update(first.id, outcome="deferred", stance_both=True, depth="dialogic")
        assert (edited.outcome, edited.stance_both, edited.depth) == ("deferred", True, "dialogic")
        assert edited.tags == first.tags and edited.actions == first.actions and edited.feedback == first.feedback
        j.add(title="They did not want to know yet", outcome="chose-not-to-know", depth="critical")
        frame = j.to_frame()
        assert frame["stance_both"].dtype == bool and frame["stance_both"].tolist().count(True) == 1
        assert sorted(frame["outcome"].dropna()) == sorted([*(e.outcome for e in j.entries() if e.outcome)])
    with wb.open_journal(previous) as j:
        assert j.get(first.id).depth == "dialogic" and j.history(first.id)[0].entry.stance_both is False


def test_a_failing_rebuild_leaves_the_journal_and_its_keys_as_they_were(previous, monkeypatch):
    from workbook.journal import migrations

    step = MIGRATIONS[4]
    broken = migrations.Migration(step.name, (*step.statements, "INSERT INTO no_such_table VALUES (1)"), rebuilds=True)
    conn = sqlite3.connect(previous, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    before = _rows(conn, "entries")
    with pytest.raises(sqlite3.OperationalError):
        apply(conn, None, (*MIGRATIONS[:4], broken))
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert _rows(conn, "entries") == before and applied(conn)[-1] == "0004_aliases_as_keyed_digests"
    assert len(_rows(conn, "entry_tags")) > 0


def test_without_foreign_keys_off_the_rebuild_would_lose_child_rows(previous):
    """Why ``rebuilds`` exists: the same statements with foreign keys on cascade the drop of the
    old table into every child table, taking tags, text and history with it."""
    from workbook.journal import migrations

    step = MIGRATIONS[4]
    naive = migrations.Migration(step.name, step.statements)
    conn = sqlite3.connect(previous, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    assert len(_rows(conn, "entry_tags")) > 0
    apply(conn, None, (*MIGRATIONS[:4], naive))
    assert _rows(conn, "entry_tags") == [] and _rows(conn, "entry_text") == []
