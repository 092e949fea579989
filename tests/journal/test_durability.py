"""Durability and concurrency of the journal file, with real processes.

* CRASH: a child process adds entries in a loop and prints each id once ``add`` has
  returned; the parent kills it with SIGKILL at a random moment. Every printed id must
  be in the journal afterwards, and the file must pass SQLite's integrity checks.
* CONCURRENCY: two processes (two kernels) write to one journal at the same time; no
  write fails with "database is locked".
* FIRST OPEN: several connections open a brand-new journal at the same moment.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
import uuid
from pathlib import Path

import pytest

import workbook as wb

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="uses SIGKILL")

WRITER = textwrap.dedent(
    """
    import sys
    import workbook as wb

    journal = wb.open_journal(sys.argv[1])
    journal.vocabulary(), journal.templates()  # load before saying ready
    print("ready", flush=True)
    previous = None
    i = 0
    while True:
        entry = journal.add(
            title=f"crash test {i}",
            narrative="Words of a long reflection. " * 80,
            tags=["dread", {"tag": "angry", "intensity": 2}],
            actions=[f"follow up {i}"],
            template="driscoll",
            responses={"what": "what happened " * 20},
        )
        print("A", entry.id, flush=True)
        if previous is not None and i % 4 == 0:
            updated = journal.update(previous, narrative=f"edited {i}")
            print("U", previous, updated.revision, flush=True)
        if i % 7 == 0:
            journal.delete(entry.id)
            print("D", entry.id, flush=True)
        previous = entry.id
        i += 1
    """
)


def _integrity(path: Path) -> None:
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        conn.execute("INSERT INTO entry_fts (entry_fts) VALUES ('integrity-check')")  # raises if FTS is damaged
        orphans = conn.execute(
            "SELECT count(*) FROM entries e LEFT JOIN entry_text t ON t.entry_id = e.id WHERE t.entry_id IS NULL"
        ).fetchone()[0]
        assert orphans == 0
        fts_rows = conn.execute("SELECT count(*) FROM entry_fts").fetchone()[0]
        assert fts_rows == conn.execute("SELECT count(*) FROM entries").fetchone()[0]
    finally:
        conn.close()


def _integrity_if_created(path: Path) -> None:
    """A journal killed while being created: either still empty, or consistent."""
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        has_entries = conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'entries'").fetchone()[0]
    finally:
        conn.close()
    if has_entries:
        _integrity(path)


def _parse(stdout: bytes) -> list[list[str]]:
    """Complete lines only: a line cut short by the kill was never fully printed."""
    text = stdout.decode("utf-8", errors="replace")
    lines = text.split("\n")[:-1]  # the part after the last newline is incomplete
    return [line.split() for line in lines]


@pytest.mark.slow
def test_sigkill_at_random_moments_loses_no_confirmed_entry(tmp_path, child_env):
    seed = int(os.environ.get("WORKBOOK_CRASH_SEED", time.time_ns() % 1_000_000))
    rng = random.Random(seed)
    script = tmp_path / "writer.py"
    script.write_text(WRITER, encoding="utf-8")
    path = tmp_path / "crash" / "journal.db"
    added: set[str] = set()
    deleted: set[str] = set()
    revisions: dict[str, int] = {}
    started = time.monotonic()
    trials = 0
    while trials < 24 and (trials < 20 or time.monotonic() - started < 40):
        if trials % 4 == 0:
            # kill while a brand-new journal is being created and migrated
            target, delay = tmp_path / "fresh" / f"journal-{trials}.db", rng.uniform(0.0, 0.5)
        else:
            # kill while entries are being written
            target, delay = path, rng.uniform(0.05, 0.6)
        child = subprocess.Popen(
            [sys.executable, str(script), str(target)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=child_env
        )
        if target == path:
            assert child.stdout.readline() == b"ready\n", child.communicate()[1].decode()[-2000:]
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        stdout, stderr = child.communicate(timeout=30)
        trials += 1
        assert child.returncode == -signal.SIGKILL, f"seed {seed}: child ended by itself: {stderr.decode()[-2000:]}"
        if target != path:
            if target.exists():
                _integrity_if_created(target)
                with wb.open_journal(target) as journal:
                    assert len(journal) >= 0 and journal.draft("x") is None
            continue
        for parts in _parse(stdout):
            if not parts:
                continue
            if parts[0] == "A":
                added.add(parts[1])
            elif parts[0] == "U":
                revisions[parts[1]] = max(revisions.get(parts[1], 0), int(parts[2]))
            elif parts[0] == "D":
                deleted.add(parts[1])
        _integrity(path)
        with wb.open_journal(path) as journal:
            missing = [i for i in added if i not in journal]
            assert missing == [], (
                f"seed {seed}, trial {trials} (delay {delay:.3f} s): lost {len(missing)} confirmed entries"
            )
            for entry_id, revision in revisions.items():
                assert journal.get(entry_id).revision >= revision, f"seed {seed}: lost an update"
            for entry_id in deleted:
                assert journal.get(entry_id).in_trash, f"seed {seed}: lost a delete"
            if len(journal):
                assert journal.search("reflection", limit=1)
    assert len(added) > 0, f"seed {seed}: no entry was ever confirmed; the test proved nothing"
    assert time.monotonic() - started < 90


CONCURRENT_WRITER = textwrap.dedent(
    """
    import os, sys, time
    import workbook as wb

    path, go, name, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    journal = wb.open_journal(path)
    print("ready", flush=True)
    deadline = time.monotonic() + 30
    while not os.path.exists(go):
        if time.monotonic() > deadline:
            sys.exit("no start signal")
        time.sleep(0.001)
    for i in range(n):
        journal.add(title=f"{name} {i}", narrative="text " * 100, tags=["calm"])
        if i % 50 == 0:
            journal.entries(limit=5)
            journal.search(name)
    journal.close()
    print("done", n, flush=True)
    """
)


@pytest.mark.slow
def test_two_processes_writing_at_once_lose_nothing(tmp_path, child_env):
    path = tmp_path / "journal.db"
    wb.open_journal(path).close()  # an existing journal, opened by two kernels
    script = tmp_path / "writer.py"
    script.write_text(CONCURRENT_WRITER, encoding="utf-8")
    go = tmp_path / "go"
    children = [
        subprocess.Popen(
            [sys.executable, str(script), str(path), str(go), name, "200"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=child_env,
        )
        for name in ("alpha", "beta")
    ]
    try:
        for child in children:
            assert child.stdout.readline().strip() == b"ready"
        go.touch()
        results = [child.communicate(timeout=120) for child in children]
    finally:
        for child in children:
            if child.poll() is None:
                child.kill()
    for child, (out, err) in zip(children, results):
        assert child.returncode == 0, err.decode()[-3000:]
        assert b"locked" not in err and b"busy" not in err
        assert out.split() == [b"done", b"200"]
    _integrity(path)
    with wb.open_journal(path) as journal:
        entries = journal.entries()
        assert len(entries) == 400 == len(journal)
        for name in ("alpha", "beta"):
            assert sorted(e.title for e in entries if e.title.startswith(name)) == sorted(
                f"{name} {i}" for i in range(200)
            )
        assert len({e.id for e in entries}) == 400


@pytest.mark.slow
@pytest.mark.parametrize("folder_exists", [True, False], ids=["existing-folder", "new-folder"])
def test_kernels_opening_a_new_journal_at_the_same_moment_all_succeed(tmp_path, folder_exists):
    """Notebooks started together all create the default journal (and its folder). Each
    must open it: no FileExistsError, no "not a Reflective Workbook journal", no "corrupt"."""
    errors: list[str] = []
    started = time.monotonic()
    trials = 0
    while trials < 40 and not errors and time.monotonic() - started < 20:
        path = tmp_path / f"t{trials}" / "journal.db"
        if folder_exists:
            path.parent.mkdir()
        barrier = threading.Barrier(8)

        def open_it(path=path, barrier=barrier):
            barrier.wait()
            try:
                wb.open_journal(path).close()
            except Exception as exc:  # noqa: BLE001 - collected and reported below
                errors.append(f"{type(exc).__name__}: {exc}")

        threads = [threading.Thread(target=open_it) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
        trials += 1
    assert errors == [], f"trial {trials}: {errors[0]}"


def test_an_added_entry_is_on_disk_when_add_returns(tmp_path, child_env):
    """``synchronous=FULL`` + WAL: another process sees the entry as soon as add returns."""
    path = tmp_path / "journal.db"
    with wb.open_journal(path) as journal:
        entry = journal.add(title="committed")
        code = f"import sqlite3; c = sqlite3.connect({str(path)!r}); print(c.execute('SELECT count(*) FROM entries WHERE id = ?', ({entry.id!r},)).fetchone()[0])"
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True, env=child_env)
        assert out.stdout.strip() == b"1"
    assert uuid.UUID(entry.id)
