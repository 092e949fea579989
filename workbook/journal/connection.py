"""Opening the journal's SQLite file: the connection, its pragmas, and what can go wrong.

Every connection has foreign keys on, WAL, ``synchronous=FULL`` (a commit is on disk when
the call that made it returns) and a busy timeout, so a second kernel waits instead of
failing. A file that is not a journal, is damaged or stays locked becomes a
:class:`~workbook.errors.JournalError` saying what to do; the file is left unchanged.
Time stamps are stored as ISO text in UTC (:func:`utc_now`, :func:`iso`).
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import CorruptJournalError, JournalError, ValidationError
from ..files import create_private_file, sqlite_copy
from ..paths import backup_in_folder
from . import migrations

BUSY_TIMEOUT_MS = 30_000


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def iso(value: dt.datetime | dt.date | None) -> str | None:
    """A date or time stamp as the journal stores it (ISO text), None as NULL."""
    return value.isoformat() if value is not None else None


def connect(target: str) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit) that waits when busy."""
    conn = sqlite3.connect(target, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return conn


def is_locked(exc: sqlite3.OperationalError) -> bool:
    return "locked" in str(exc) or "busy" in str(exc)


def configure(conn: sqlite3.Connection, in_memory: bool) -> None:
    conn.execute("PRAGMA foreign_keys = ON")
    if not in_memory:
        # Switching to WAL needs a moment alone with the file; while another kernel is
        # creating or migrating the same journal SQLite answers "locked" at once instead
        # of waiting, so wait here (up to the busy timeout).
        deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
        while True:
            try:
                mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
                break
            except sqlite3.OperationalError as exc:
                if not is_locked(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        if mode.lower() != "wal":
            raise JournalError(f"Could not switch the journal to WAL mode (got {mode!r}).")
    conn.execute("PRAGMA synchronous = FULL")


def check_readable(conn: sqlite3.Connection, path: Path | None) -> None:
    """Read the header before writing anything, so a foreign or broken file is refused."""
    # One statement, so that another process creating the journal at this moment
    # cannot commit between the two reads.
    app_id, tables = conn.execute(
        "SELECT (SELECT application_id FROM pragma_application_id), (SELECT count(*) FROM sqlite_master)"
    ).fetchone()
    if tables and app_id != migrations.APPLICATION_ID:
        raise JournalError(
            f"{path} is an SQLite database but not a Reflective Workbook journal; "
            "it was left unchanged. Choose another file name."
        )


def prepare_file(path: Path) -> None:
    """Create the journal file privately (0600) if needed, and tighten a readable one."""
    if path.is_dir():
        raise JournalError(f"{path} is a folder; give the path of a journal file.")
    create_private_file(path)
    if path.stat().st_mode & 0o077:
        os.chmod(path, 0o600)


@contextmanager
def translated_errors(conn: sqlite3.Connection, path: Path | None) -> Iterator[sqlite3.Connection]:
    """While a journal is being opened: SQLite's errors become JournalError (locked for too
    long) or CorruptJournalError (not a readable journal), and ``conn`` is closed on any failure."""
    try:
        yield conn
    except sqlite3.OperationalError as exc:
        conn.close()
        if not is_locked(exc):
            raise CorruptJournalError(
                f"{path} could not be read as a journal ({exc}). It was left unchanged; "
                "run `workbook doctor` on it for details."
            ) from exc
        raise JournalError(
            f"{path} stayed locked by another program for {BUSY_TIMEOUT_MS // 1000} s; "
            "close other kernels using this journal and try again."
        ) from exc
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise CorruptJournalError(
            f"{path} is not a readable Reflective Workbook journal ({exc}). "
            "It was left unchanged. Restore it from a backup (`workbook backup` makes "
            "them), or run `workbook doctor` on it for details."
        ) from exc
    except BaseException:
        conn.close()
        raise


def backup_to(conn: sqlite3.Connection, target: str | os.PathLike[str]) -> Path:
    """Copy the database to ``target`` (a new file, mode 0600; a folder gets a dated name)
    with SQLite's backup API, which gives a consistent copy even while others write."""
    target = Path(target).expanduser()
    if target.is_dir():
        target = backup_in_folder(target)
    if target.exists():
        raise ValidationError("target", f"{target} already exists; choose a new file name.")
    try:
        return sqlite_copy(conn, target)
    except FileExistsError:
        raise ValidationError("target", f"{target} already exists; choose a new file name.") from None
