"""Step 0006 adds the supervision function a feedback comment served (nullable, checked).

A journal of the previous schema (every step up to 0005, with real rows) is upgraded with a
backup first and every feedback row as it was; the new column refuses a value outside
Kadushin's and Morrison's functions; the function is kept by the journal and by validation."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

import workbook as wb
from workbook.errors import ValidationError
from workbook.journal.migrations import FEEDBACK_FUNCTION_STEP, MIGRATIONS, applied, apply
from workbook.models import FEEDBACK_FUNCTION_LABELS, FEEDBACK_FUNCTIONS

V1 = Path(__file__).parent / "fixtures" / "journal_v1.db"


@pytest.fixture
def previous(tmp_path) -> Path:
    path = tmp_path / "journal_0005.db"
    shutil.copyfile(V1, path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = ON")
    done, _ = apply(conn, None, MIGRATIONS[:5])
    assert done and applied(conn)[-1] == "0005_outcomes_stance_both_and_depth"
    conn.close()
    return path


def test_upgrading_keeps_feedback_and_backs_up_first(previous):
    old = sqlite3.connect(previous)
    before = old.execute("SELECT rowid, * FROM feedback ORDER BY rowid").fetchall()
    assert before, "the fixture should hold feedback"
    assert "function" not in [r[1] for r in old.execute("PRAGMA table_info(feedback)")]
    old.close()
    with wb.open_journal(previous) as j:
        assert j.migrations_applied[0] == FEEDBACK_FUNCTION_STEP  # then any later steps
        assert j.backup_made is not None and FEEDBACK_FUNCTION_STEP in j.backup_made.name
        conn = j.connection
        after = conn.execute("SELECT rowid, * FROM feedback ORDER BY rowid").fetchall()
        assert [row[:-1] for row in after] == before
        assert all(row[-1] is None for row in after)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute("UPDATE feedback SET function = 'therapeutic'")
        conn.execute("UPDATE feedback SET function = 'mediation'")  # an allowed value passes the CHECK


def test_every_function_has_a_label():
    assert set(FEEDBACK_FUNCTION_LABELS) == set(FEEDBACK_FUNCTIONS)
    assert len(FEEDBACK_FUNCTIONS) == 7


def test_add_feedback_keeps_the_function(tmp_path):
    with wb.open_journal(tmp_path / "j.db") as j:
        entry = j.add(occurred_on="2026-01-05", title="A hard call", narrative="It went badly.")
        j.add_feedback(entry.id, "supervisor", "Look at what you held.", function="supportive")
        j.add_feedback(entry.id, "peer", "No function given.")
        kept = j.get(entry.id).feedback
        assert [f.function for f in kept] == ["supportive", None]
        with pytest.raises(ValidationError) as caught:
            j.add_feedback(entry.id, "peer", "x", function="therapeutic")
        message = str(caught.value)
        assert "function" in message and "educational" in message and "mediation" in message
        assert len(j.get(entry.id).feedback) == 2
