"""Step 0007 adds the table of CPD and revalidation records; the journal keeps, lists and
deletes them, checking their shape (the rules of each field are workbook.cpd's).

A journal of the previous schema (every step up to 0006, with real rows) is upgraded with a
backup first and every row of every table as it was."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

import workbook as wb
from workbook.errors import NotFoundError, ValidationError
from workbook.journal.cpd_schema import CPD_RECORDS_STEP
from workbook.journal.migrations import KNOWN_TABLES, MIGRATIONS, applied, apply

V1 = Path(__file__).parent / "fixtures" / "journal_v1.db"
TABLES = ("entries", "entry_text", "entry_people", "entry_tags", "actions", "feedback", "revisions", "people")
SECRET = "Mrs Quillfeather at Larkspur Ward"


@pytest.fixture
def previous(tmp_path) -> Path:
    path = tmp_path / "journal_0006.db"
    shutil.copyfile(V1, path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = ON")
    done, _ = apply(conn, None, MIGRATIONS[:6])
    assert done and applied(conn)[-1] == "0006_feedback_function"
    conn.close()
    return path


def _rows(conn: sqlite3.Connection, table: str) -> list[tuple]:
    return conn.execute(f"SELECT rowid, * FROM {table} ORDER BY rowid").fetchall()


def test_the_step_follows_0006_and_its_table_is_known():
    assert MIGRATIONS[6].name == CPD_RECORDS_STEP == "0007_cpd_records"
    assert "cpd_records" in KNOWN_TABLES


def test_upgrading_a_0006_journal_keeps_every_row_and_backs_up_first(previous):
    old = sqlite3.connect(previous)
    before = {t: _rows(old, t) for t in TABLES}
    fts = old.execute("SELECT rowid, title, body FROM entry_fts ORDER BY rowid").fetchall()
    assert sum(len(v) for v in before.values()) > 10
    assert old.execute("SELECT 1 FROM sqlite_master WHERE name = 'cpd_records'").fetchone() is None
    old.close()

    with wb.open_journal(previous) as j:
        assert j.migrations_applied[0] == CPD_RECORDS_STEP  # any later steps follow it
        assert j.backup_made is not None and j.backup_made.name.startswith(f"journal_0006.before-{CPD_RECORDS_STEP}.")
        conn = j.connection
        for table, rows in before.items():
            assert _rows(conn, table) == rows, table
        assert conn.execute("SELECT rowid, title, body FROM entry_fts ORDER BY rowid").fetchall() == fts
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert j.cpd_records() == []
        first = j.entries()[0]
        record = j.add_cpd_record(
            "nmc-account", {"nature": "A study day", "code_themes": ["prioritise_people"]}, [first.id]
        )
        assert j.cpd_records() == [record]
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute("UPDATE cpd_records SET kind = 'hcpc'")

    backup = sqlite3.connect(f"file:{j.backup_made}?immutable=1", uri=True)
    assert applied(backup)[-1] == "0006_feedback_function"
    assert [r for r in _rows(backup, "entries")] == before["entries"]


def test_add_list_get_and_delete(tmp_path):
    with wb.open_journal(tmp_path / "j.db") as j:
        a = j.add(title="A home visit", occurred_on="2026-03-01")
        b = j.add(title="A ward round", occurred_on="2026-03-02")
        swe = j.add_cpd_record(
            "swe",
            {"learned": "Slowing down helps", "standards": ["4.1", "4.2"]},
            [a.id, b.id, a.id],
            made_on="2026-03-05",
        )
        acc = j.add_cpd_record("nmc-account", {"nature": "Feedback"}, [b.id], made_on="2026-01-10")
        assert swe.entry_ids == (a.id, b.id) and swe.kind == "swe"
        assert swe.made_on.isoformat() == "2026-03-05" and swe.fields["standards"] == ["4.1", "4.2"]
        assert [r.id for r in j.cpd_records()] == [acc.id, swe.id]  # oldest first
        assert [r.id for r in j.cpd_records("swe")] == [swe.id]
        assert j.cpd_record(swe.id[:6]) == swe
        with pytest.raises(TypeError):
            swe.fields["learned"] = "changed"  # read-only
    with wb.open_journal(tmp_path / "j.db") as j:  # kept in the file
        assert j.cpd_record(swe.id).fields["learned"] == "Slowing down helps"
        j.delete_cpd_record(swe.id)
        assert [r.id for r in j.cpd_records()] == [acc.id]
        with pytest.raises(NotFoundError):
            j.delete_cpd_record(swe.id)
        with pytest.raises(NotFoundError):
            j.cpd_record("zzzzzzzz")


def test_deleting_overwrites_the_text_in_the_file(tmp_path):
    path = tmp_path / "j.db"
    with wb.open_journal(path) as j:
        record = j.add_cpd_record("swe", {"learned": SECRET})
        j.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        assert SECRET.encode() in path.read_bytes()
        j.delete_cpd_record(record.id)
        j.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        assert SECRET.encode() not in path.read_bytes()
        assert not any(SECRET.encode() in p.read_bytes() for p in tmp_path.glob("j.db-wal"))


@pytest.mark.parametrize(
    ("kind", "fields", "entry_ids", "field"),
    [
        ("hcpc", {}, (), "kind"),
        ("swe", {"name": "x"}, (), "name"),
        ("nmc-discussion", {"other_pin": "12A3456B"}, (), "other_pin"),
        ("nmc-discussion", {"discussed": 3}, (), "discussed"),
        ("nmc-account", {"code_themes": ["ok", ""]}, (), "code_themes[1]"),
        ("nmc-account", {"nature": "x" * 20_001}, (), "nature"),
        ("nmc-account", [], (), "fields"),
        ("swe", {}, ["no-such-entry"], "entry_ids[0]"),
        ("swe", {}, "abc", "entry_ids"),
    ],
)
def test_a_wrong_shape_is_refused_naming_the_field_and_nothing_is_written(kind, fields, entry_ids, field):
    with wb.open_journal(":memory:") as j:
        with pytest.raises(ValidationError) as caught:
            j.add_cpd_record(kind, fields, entry_ids)
        assert caught.value.field == field
        assert j.cpd_records() == []


def test_a_bad_date_is_refused():
    with wb.open_journal(":memory:") as j:
        with pytest.raises(ValidationError) as caught:
            j.add_cpd_record("swe", {}, made_on="2026-02-30")
        assert caught.value.field == "made_on"


def test_reprs_show_no_text(tmp_path):
    with wb.open_journal(tmp_path / "j.db") as j:
        record = j.add_cpd_record("swe", {"learned": SECRET, "peer_reflection": SECRET})
        for shown in (repr(record), str(record), repr(j.cpd_records())):
            assert "Quillfeather" not in shown and record.id in shown
