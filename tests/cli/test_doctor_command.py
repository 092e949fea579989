"""doctor: reads the journal only, finds damage and privacy problems, exits 1 if a check fails."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from cli_helpers import GARBAGE, assert_one_line_error
from click.testing import Result

from workbook import Journal


def _doctor(run, journal: Path) -> tuple[Result, dict[str, str]]:
    result = run("doctor", journal=journal)
    statuses = {}
    for line in result.stdout.splitlines():
        if line.startswith("["):
            status, rest = line[1:].split("]", 1)
            statuses[rest.split(":", 1)[0].strip()] = status.strip()
    return result, statuses


def test_doctor_on_a_healthy_journal(run, three, ready):
    before = sorted(p.name for p in ready.parent.iterdir())
    result, statuses = _doctor(run, ready)
    assert result.exit_code == 0, result.output
    assert "All checks passed" in result.output
    for name in ("journal", "integrity", "references", "schema", "search index", "entry rows", "vocabulary", "counts"):
        assert statuses[name] == "ok", result.output
    assert "3 entries" in result.output
    assert sorted(p.name for p in ready.parent.iterdir()) == before  # not even a -wal or -shm file


def test_doctor_warns_about_permissions_but_passes(run, three, ready):
    os.chmod(ready, 0o644)
    result, statuses = _doctor(run, ready)
    assert result.exit_code == 0
    assert statuses["file permissions"] == "WARN" and "chmod 600" in result.output


@pytest.mark.parametrize("kind", ["garbage", "empty", "truncated", "missing", "folder", "foreign"])
def test_doctor_reports_a_bad_file_without_changing_it(run, three, ready, tmp_path, kind):
    target = tmp_path / f"{kind}.db"
    if kind == "garbage":
        target.write_bytes(GARBAGE)
    elif kind == "empty":
        target.write_bytes(b"")
    elif kind == "truncated":
        data = ready.read_bytes()
        target.write_bytes(data[: len(data) // 2])
    elif kind == "folder":
        target.mkdir()
    elif kind == "foreign":
        conn = sqlite3.connect(target)
        conn.execute("CREATE TABLE t (x)")
        conn.commit()
        conn.close()
    before = target.read_bytes() if target.is_file() else None
    result, statuses = _doctor(run, target)
    assert result.exit_code == 1, result.output
    assert "FAIL" in statuses.values()
    assert "check(s) failed" in result.output and "Traceback" not in result.output
    if before is not None:
        assert target.read_bytes() == before
    assert not list(tmp_path.glob(f"{kind}.db-*"))


def _tamper(journal: Path, sql: str) -> None:
    conn = sqlite3.connect(journal)
    conn.execute(sql)
    conn.commit()
    conn.close()


@pytest.mark.parametrize(
    "sql, check",
    [
        ("DELETE FROM entry_fts_content WHERE id = (SELECT min(id) FROM entry_fts_content)", "search index"),
        (
            "INSERT INTO entry_tags (entry_id, position, tag) SELECT id, 99, 'no-such-tag' FROM entries LIMIT 1",
            "vocabulary",
        ),
        ("UPDATE entries SET n_tags = 42", "entry rows"),
        (
            "INSERT INTO entry_people (entry_id, position, person_id) SELECT id, 99, 'ghost' FROM entries LIMIT 1",
            "references",
        ),
    ],
    ids=["fts-damaged", "unknown-tag", "stale-counts", "broken-reference"],
)
def test_doctor_finds_damage_inside_a_journal(run, three, ready, sql, check):
    _tamper(ready, sql)
    result, statuses = _doctor(run, ready)
    assert result.exit_code == 1, result.output
    assert statuses[check] == "FAIL", result.output


def test_doctor_on_a_newer_schema(run, three, ready):
    _tamper(ready, "INSERT INTO _migrations (name, applied_at) VALUES ('9999_future', 'x')")
    result, statuses = _doctor(run, ready)
    assert result.exit_code == 1 and statuses["schema"] == "FAIL" and "newer version" in result.output


# -- damaged, empty and foreign files: refused by every command, reported by doctor -----------


def _deep_damage(journal: Path) -> None:
    """Overwrite bytes in leaf pages of entry_text (found with dbstat), away from the schema."""
    conn = sqlite3.connect(f"file:{journal}?immutable=1", uri=True)
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    leaves = [r[0] for r in conn.execute("SELECT pageno FROM dbstat WHERE name = 'entry_text' AND pagetype = 'leaf'")]
    conn.close()
    with open(journal, "r+b") as handle:
        for page in leaves[:3]:
            handle.seek((page - 1) * size + 8)
            handle.write(b"\xff" * 192)


def test_a_damaged_journal_is_refused_before_add_writes_and_doctor_lists_backups(run, ready, tmp_path):
    with Journal(ready) as journal:
        journal.add_many([{"title": f"e{i}", "narrative": "words " * 400} for i in range(30)])
    assert run("backup").exit_code == 0
    _deep_damage(ready)
    before = ready.read_bytes()
    for args in (("add", "--title", "new entry written into a damaged journal"), ("list",)):
        message = assert_one_line_error(run(*args), "damaged", "restore a backup", "workbook doctor", code=1)
        assert "backups exist" in message
    assert ready.read_bytes() == before
    result, statuses = _doctor(run, ready)
    assert result.exit_code == 1 and statuses["integrity"] == "FAIL"
    assert statuses["backups"] == "ok" and "journal-backup-" in result.output


def test_doctor_says_when_there_are_no_backups(run, ready):
    result, statuses = _doctor(run, ready)
    assert result.exit_code == 0 and statuses["backups"] == "WARN" and "workbook backup" in result.output


def test_an_empty_file_is_refused_by_every_command(run, tmp_path):
    empty = tmp_path / "empty.db"
    empty.touch()
    for args in (("list",), ("add", "--title", "t"), ("init",)):
        assert_one_line_error(run(*args, journal=empty), "empty", "restore a backup", code=1)
    assert empty.stat().st_size == 0
    result, statuses = _doctor(run, empty)
    assert result.exit_code == 1 and statuses["database"] == "FAIL"


def test_doctor_fails_a_folder_others_can_write_to(run, ready):
    os.chmod(ready.parent, 0o777)
    try:
        result, statuses = _doctor(run, ready)
        assert result.exit_code == 1 and statuses["folder permissions"] == "FAIL", result.output
        assert_one_line_error(run("list"), "other users can create or replace files", code=1)
    finally:
        os.chmod(ready.parent, 0o700)


def test_doctor_lists_entries_that_may_identify_someone_by_id_and_kind_only(run, ready):
    """A registered real name (Jo Example, Parent A's alias), a phone number and an NHS number
    in three entries: listed by short id and kind, never the text; a save was never refused."""
    with Journal(ready) as journal:
        named = journal.add(title="Visit", narrative="Jo Example's son opened the door.")
        phoned = journal.add(title="Call", actions=["Ring 07700 900123 on Friday"])
        numbered = journal.add(title="Referral", narrative="NHS number 943 476 5919 on the form.")
        clean = journal.add(title="Supervision", narrative="Parent A and I talked about the plan.")
    result = run("doctor")
    assert result.exit_code == 0, result.output
    (line,) = [row for row in result.output.splitlines() if "identifiers:" in row]
    assert line.startswith("[WARN]") and "3 entries may identify someone" in line
    assert f"{named.id[:8]} (alias)" in line and f"{phoned.id[:8]} (phone)" in line
    assert f"{numbered.id[:8]} (nhs_number)" in line and clean.id[:8] not in line
    for text in ("Jo Example", "07700", "943 476"):
        assert text not in result.output


def test_doctor_says_when_no_entry_holds_an_identifier(run, three):
    result = run("doctor")
    (line,) = [row for row in result.output.splitlines() if "identifiers:" in row]
    assert line.startswith("[ok  ]") and "no entry holds" in line
