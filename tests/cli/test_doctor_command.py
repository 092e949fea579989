"""doctor: reads the journal only, finds damage and privacy problems, exits 1 if a check fails."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from cli_helpers import GARBAGE
from click.testing import Result


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
