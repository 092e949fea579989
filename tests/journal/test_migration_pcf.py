"""Step 0008 adds the BASW PCF domains of entries (``entry_pcf``) and of their action points
(``action_pcf``), child tables beside the others.

A journal of the previous schema (every step up to 0007, with real rows) is upgraded with a
backup first and every row of every table as it was; the upgraded journal then keeps the
domains of entries and action points, in the framework's order, through edits, history,
clearing, the trash and purging."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

import workbook as wb
from workbook.journal.edits import merge
from workbook.journal.entries import CHILD_TABLES, ITEM_TABLES
from workbook.journal.migrations import KNOWN_TABLES, MIGRATIONS, applied, apply
from workbook.journal.pcf_schema import PCF_STEP

V1 = Path(__file__).parent / "fixtures" / "journal_v1.db"
TABLES = (
    "entries",
    "entry_text",
    "entry_people",
    "entry_tags",
    "actions",
    "feedback",
    "revisions",
    "people",
    "cpd_records",
)


@pytest.fixture
def previous(tmp_path) -> Path:
    """The committed version-1 journal brought up to 0007 only: what the last release wrote."""
    path = tmp_path / "journal_0007.db"
    shutil.copyfile(V1, path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = ON")
    done, _ = apply(conn, None, MIGRATIONS[:7])
    assert done and applied(conn)[-1] == "0007_cpd_records"
    conn.close()
    return path


def _rows(conn: sqlite3.Connection, table: str) -> list[tuple]:
    return conn.execute(f"SELECT rowid, * FROM {table} ORDER BY rowid").fetchall()


def _pcf_rows(j, table: str) -> list[tuple]:
    return j.connection.execute(f"SELECT * FROM {table} ORDER BY 1, 2, 3").fetchall()


def test_the_step_follows_0007_and_its_tables_are_known():
    assert MIGRATIONS[7].name == PCF_STEP == "0008_pcf_domains"
    assert {"entry_pcf", "action_pcf"} <= KNOWN_TABLES
    assert CHILD_TABLES["pcf"] == "entry_pcf" and ITEM_TABLES == ("action_pcf",)


def test_upgrading_a_0007_journal_keeps_every_row_and_backs_up_first(previous):
    old = sqlite3.connect(previous)
    before = {t: _rows(old, t) for t in TABLES}
    fts = old.execute("SELECT rowid, title, body FROM entry_fts ORDER BY rowid").fetchall()
    assert sum(len(v) for v in before.values()) > 10
    assert old.execute("SELECT 1 FROM sqlite_master WHERE name = 'entry_pcf'").fetchone() is None
    old.close()

    with wb.open_journal(previous) as j:
        assert j.migrations_applied == [PCF_STEP]
        assert j.backup_made is not None and j.backup_made.name.startswith(f"journal_0007.before-{PCF_STEP}.")
        conn = j.connection
        for table, rows in before.items():
            assert _rows(conn, table) == rows, table
        assert conn.execute("SELECT rowid, title, body FROM entry_fts ORDER BY rowid").fetchall() == fts
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert _pcf_rows(j, "entry_pcf") == [] and _pcf_rows(j, "action_pcf") == []
        assert all(e.pcf == () and all(a.pcf == () for a in e.actions) for e in j.entries())
        # an unknown domain cannot reach the tables even past validation
        first = j.entries()[0]
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute("INSERT INTO entry_pcf VALUES (?, 0, 'leadership')", (first.id,))

    backup = sqlite3.connect(f"file:{j.backup_made}?immutable=1", uri=True)
    assert applied(backup)[-1] == "0007_cpd_records"
    assert backup.execute("SELECT 1 FROM sqlite_master WHERE name = 'entry_pcf'").fetchone() is None


def test_the_upgraded_journal_keeps_the_domains_of_entries_and_action_points(previous):
    with wb.open_journal(previous) as j:
        first = j.entries()[0]
        n_actions = len(first.actions)
        edited = j.update(
            first.id,
            pcf=["knowledge", "Values and ethics", "knowledge"],
            actions=[*(a.to_dict() for a in first.actions), {"text": "Read the guidance", "pcf": ["knowledge"]}],
        )
        assert edited.pcf == ("values_ethics", "knowledge")  # the framework's order, once each
        assert edited.actions[-1].pcf == ("knowledge",) and all(a.pcf == () for a in edited.actions[:n_actions])
        assert edited.tags == first.tags and edited.feedback == first.feedback and edited.people == first.people
    with wb.open_journal(previous) as j:
        again = j.get(first.id)
        assert again == edited
        assert _pcf_rows(j, "entry_pcf") == [(first.id, 0, "values_ethics"), (first.id, 1, "knowledge")]
        assert _pcf_rows(j, "action_pcf") == [(first.id, n_actions, 0, "knowledge")]
        assert j.history(first.id)[0].entry.pcf == ()


def test_edits_replace_the_rows_and_history_keeps_each_version(journal):
    entry = journal.add(
        title="Home visit",
        pcf=["critical_reflection", "professionalism"],
        actions=[{"text": "Ask for a joint visit", "pcf": ["skills_interventions", "professionalism"]}, "Call back"],
    )
    assert entry.pcf == ("professionalism", "critical_reflection")
    assert [a.pcf for a in entry.actions] == [("professionalism", "skills_interventions"), ()]
    # the first action point goes: no domain of it may stay behind on the second
    second = journal.update(entry.id, pcf=["rights_justice"], actions=[entry.actions[1].to_dict()])
    assert second.pcf == ("rights_justice",) and second.actions[0].pcf == ()
    assert _pcf_rows(journal, "action_pcf") == []
    cleared = journal.edit(entry.id, lambda e: merge(e, clear=["pcf"]))
    assert cleared.pcf == ()
    assert [r.entry.pcf for r in journal.history(entry.id)] == [
        ("professionalism", "critical_reflection"),
        ("rights_justice",),
        (),
    ]
    restored = journal.restore_revision(entry.id, 1)
    assert restored.pcf == ("professionalism", "critical_reflection")
    assert restored.actions[0].pcf == ("professionalism", "skills_interventions")


def test_purging_an_entry_removes_its_domains(journal):
    entry = journal.add(title="Ward round", pcf=["knowledge"], actions=[{"text": "Read", "pcf": ["knowledge"]}])
    journal.delete(entry.id)
    assert journal.get(entry.id).pcf == ("knowledge",)  # the trash keeps them
    journal.purge_entry(entry.id)
    assert _pcf_rows(journal, "entry_pcf") == [] and _pcf_rows(journal, "action_pcf") == []


def test_an_older_snapshot_or_export_without_domains_reads_as_none():
    from workbook.models import Action, Entry

    old = {"id": "a1", "text": "Ring the GP", "status": "open", "due_on": None}
    assert Action.from_dict(old).pcf == () and Action.from_dict(old).to_dict() == old
    entry = Entry.from_dict({"id": "x", "occurred_on": "2026-01-02", "title": "T"})
    assert entry.pcf == () and entry.to_dict()["pcf"] == []


def test_the_history_names_the_domains_that_changed_by_their_labels(journal):
    from workbook.journal.versions import changes

    entry = journal.add(title="Home visit", pcf=["knowledge"], actions=[{"text": "Read", "pcf": ["values_ethics"]}])
    later = journal.update(entry.id, pcf=["knowledge", "professional_leadership"])
    before, after = (r.entry for r in journal.history(entry.id))
    assert ("PCF domains", "Knowledge", "Knowledge\nProfessional leadership") in changes(before, after)
    first = dict((label, new) for label, _, new in changes(None, later))
    assert first["Action points"] == "[open] Read (PCF: Values and ethics)"
