"""Opening the journal's SQLite file: where it may be, whether it is ours and intact, the pragmas.

Every connection has foreign keys on, WAL, ``synchronous=FULL`` (a commit is on disk when
the call that made it returns) and a busy timeout, so a second kernel waits instead of
failing. :func:`open_file` decides, before SQLite writes a byte, whether a file may be
used at all:

* Only a path where no file exists becomes a new journal. It is built in a private
  temporary file and linked into place complete, so a half-made journal is never seen
  at the path, and an empty file there (a failed copy) is refused rather than filled.
* The file must be ours: our ``application_id``, a ``_migrations`` table, no tables of
  another program. It must be intact: ``PRAGMA quick_check`` passes (at open for a file
  up to :data:`CHECK_AT_OPEN_BYTES`; for a larger one in the background, and every write
  waits for it, so opening stays fast and nothing is written into a damaged file).
* Its place must be private: a folder that other users can write to is refused (they
  could plant or swap the ``-wal`` file that receives what you write), and so is a
  ``-wal``/``-shm`` file owned by someone else; one of yours with a wide mode is made 0600.
* A file or folder you cannot write to is opened read-only: it can be read, listed,
  backed up and exported, and a write says which of the two is read-only.

A refused file is left exactly as it was, its mode included (it is tightened to 0600
only once accepted). Each refusal is one :class:`~workbook.errors.JournalError` line
saying what to do. Time stamps are stored as ISO text in UTC (:func:`utc_now`, :func:`iso`).
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import stat
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from ..errors import CorruptJournalError, JournalError, ValidationError
from ..files import (
    PRIVATE_FILE_MODE,
    connect_readonly,
    ensure_private_dir,
    my_uid,
    private_temp_beside,
    publish_new,
    readonly_uri,
    remove_sqlite_file,
    remove_stale_temps,
    sqlite_copy,
)
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


#: A journal up to this size is checked for damage while it is opened (``quick_check``
#: reads every page: about 0.1 s here); a larger one is checked in the background and
#: the first write waits for the result (bench/journal.py: 1.1 s at 100,000 entries).
CHECK_AT_OPEN_BYTES = 64 * 1024 * 1024

RESTORE = "restore a backup (`workbook doctor` tells which backups exist)"
LEFT = "It was left unchanged"


# -- where the journal is: its folder and its -wal/-shm files -----------------------------------
def _private_group(gid: int) -> bool:
    """True for a user-private group (named after you, no other members): common with umask 002."""
    try:
        import grp
        import pwd

        group = grp.getgrgid(gid)
        me = pwd.getpwuid(os.geteuid()).pw_name
    except (ImportError, KeyError):
        return False
    return gid == os.getegid() and group.gr_name == me and set(group.gr_mem) <= {me}


def folder_problem(folder: Path) -> str | None:
    """Why other users could change the files in ``folder``, or None.

    Whoever can write to the folder can create the journal's ``-wal`` file before SQLite
    does (and keep a hard link to it), or replace it. A sticky folder owned by you or by
    root (like /tmp) lets others add names but not remove or rename yours, and the
    ``-wal``/``-shm`` files are checked at each open, so it is accepted.
    """
    info = os.stat(folder)
    mode = stat.S_IMODE(info.st_mode)
    if not mode & 0o022 or my_uid() is None:
        return None
    if mode & stat.S_ISVTX and info.st_uid in (my_uid(), 0):
        return None
    if not mode & 0o002 and _private_group(info.st_gid):
        return None
    who = "other users" if mode & 0o002 else "other members of its group"
    return (
        f"the folder {folder} has mode {mode:04o}: {who} can create or replace files in it, "
        "such as the journal's -wal file, which receives what you write"
    )


def side_file_problem(side: Path) -> tuple[str | None, bool]:
    """(why ``side``, a ``-wal`` or ``-shm`` file, is unsafe or None; whether chmod 600 fixes it)."""
    info = os.lstat(side)
    mode = stat.S_IMODE(info.st_mode)
    if not stat.S_ISREG(info.st_mode):
        return f"{side} is not a regular file (a link?), so SQLite would write elsewhere", False
    if my_uid() is None:
        return None, False
    if info.st_uid != my_uid():
        return f"{side} belongs to another user (uid {info.st_uid}), who could read what is written to it", False
    if mode & 0o177:
        return f"{side} has mode {mode:04o}: other users could read it", True
    return None, False


def check_place(path: Path) -> None:
    """Refuse a journal whose folder others can write to, or whose -wal/-shm is not yours;
    make a -wal/-shm of yours with a wide mode 0600. Only ``stat`` calls: runs before SQLite
    opens anything (SQLite uses an existing -wal file as it finds it)."""
    real = path.resolve()
    problem = folder_problem(real.parent)
    if problem:
        raise JournalError(
            f"{path} was not opened: {problem}. {LEFT}; move the journal to a folder only you "
            f"can write to (or chmod go-w '{real.parent}')."
        )
    for suffix in ("-wal", "-shm"):
        side = real.with_name(real.name + suffix)
        try:  # another kernel closing the journal may remove it at any moment
            problem, fixable = side_file_problem(side)
            if problem and fixable:
                os.chmod(side, PRIVATE_FILE_MODE)
        except FileNotFoundError:
            continue
        if problem and not fixable:
            raise JournalError(
                f"{path} was not opened: {problem}. {LEFT}; close every program using the journal, "
                f"then have {side.name} removed by its owner (or move the journal to a private folder)."
            )


def read_only_reason(path: Path) -> str | None:
    """Why writes are refused: "the journal file is read-only", "the journal's folder is read-only", or None.

    A read-only folder is enough to stop writing: WAL needs to create -wal and -shm beside it."""
    real = path.resolve()
    if not os.access(real, os.W_OK):
        return "the journal file is read-only"
    if not os.access(real.parent, os.W_OK | os.X_OK):
        return "the journal's folder is read-only"
    return None


# -- a new journal ---------------------------------------------------------------------------------
def create_journal(path: Path) -> list[str]:
    """Make a new journal at ``path``, where no file exists; the schema steps applied.

    The journal is built in a private temporary file beside ``path`` and linked into place
    complete (``files.publish_new``), so nobody ever finds a half-made journal at ``path``;
    this is why an empty file found there can be refused as a failed copy. If another
    process creates the journal at the same moment, its file wins and [] is returned.
    """
    ensure_private_dir(path.parent)
    problem = folder_problem(path.resolve().parent)
    if problem:
        raise JournalError(f"No journal was created at {path}: {problem}. Choose a folder only you can write to.")
    remove_stale_temps(path)
    try:
        tmp = private_temp_beside(path)
    except PermissionError:
        raise JournalError(f"No journal was created at {path}: the folder {path.parent} is read-only.") from None
    try:
        conn = connect(str(tmp))
        try:
            conn.execute("PRAGMA journal_mode = WAL")  # persistent: opening it later writes nothing
            done, _ = migrations.apply(conn, None)
        finally:
            conn.close()
        publish_new(tmp, path)
    except FileExistsError:
        return []
    finally:
        remove_sqlite_file(tmp)
    return done


# -- is the file ours, and intact? ----------------------------------------------------------------
def check_ours(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse, before anything is written, a file that is not a journal of ours.

    An empty database (0 bytes, or SQLite with no tables) is what a failed copy leaves;
    it is refused, not filled, since new journals never appear at a path half-made.
    """
    # One statement: the schema read at one moment.
    app_id, names = conn.execute(
        "SELECT (SELECT application_id FROM pragma_application_id), "
        "(SELECT group_concat(name, char(31)) FROM sqlite_master WHERE type = 'table')"
    ).fetchone()
    tables = set(names.split("\x1f")) if names else set()
    if not tables:
        raise CorruptJournalError(
            f"{path} is an empty database ({path.stat().st_size:,} bytes, no tables), not a journal: "
            f"perhaps a copy that failed. {LEFT}; {RESTORE}, or delete it to start a new journal there."
        )
    if app_id != migrations.APPLICATION_ID:
        raise JournalError(
            f"{path} is an SQLite database but not a Reflective Workbook journal; "
            "it was left unchanged. Choose another file name."
        )
    foreign = sorted(tables - migrations.KNOWN_TABLES)
    if foreign and "_migrations" in tables and set(migrations.applied(conn)) - set(migrations.KNOWN):
        return  # a newer version's tables: migrations.pending says so
    if "_migrations" not in tables or foreign:
        shown = ", ".join(foreign[:5]) or "no record of its schema"
        raise JournalError(
            f"{path} is marked as a Reflective Workbook journal but holds tables of another program "
            f"({shown}); it was left unchanged. Choose another file name."
        )


def damage(conn: sqlite3.Connection) -> str | None:
    """SQLite's first complaint about the file (``PRAGMA quick_check``), or None if intact.

    ``quick_check`` reads every page of every table and index (damage anywhere in the file,
    not only in the schema), skipping only the slower index-to-table comparison of
    ``integrity_check``."""
    try:
        rows = [r[0] for r in conn.execute("PRAGMA quick_check(1)")]
    except sqlite3.DatabaseError as exc:
        return str(exc)
    if rows == ["ok"]:
        return None
    text = " ".join(" ".join(rows).replace("*** in database main ***", " ").split())
    return text[:200]


def damaged_error(path: Path | None, problem: str) -> CorruptJournalError:
    return CorruptJournalError(
        f"{path} is damaged (SQLite's check found: {problem}). {LEFT} and nothing was written; {RESTORE}."
    )


def _yield_to_foreground() -> None:
    """Lower this thread's scheduling priority (Linux nice is per thread): the background
    damage check then takes the cores only when the practitioner's own reading leaves them
    free, instead of slowing the first charts after opening a large journal."""
    with suppress(AttributeError, OSError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), BACKGROUND_NICENESS)


BACKGROUND_NICENESS = 15


class WriteGate:
    """What every write asks first: is the journal writable, and was it found intact?

    ``Journal`` calls :meth:`check` before each write transaction. For a large journal the
    damage check runs in a background thread on its own read-only connection, so opening
    stays fast; the first write waits for it and is refused if it found damage.
    """

    def __init__(self, path: Path | None, read_only: str | None) -> None:
        self.path = path
        self.read_only = read_only
        self._problem: str | None = None
        self._thread: threading.Thread | None = None
        self._checker: sqlite3.Connection | None = None

    def check_in_background(self) -> None:
        assert self.path is not None
        self._checker = sqlite3.connect(
            readonly_uri(self.path), uri=True, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False
        )
        self._thread = threading.Thread(target=self._run, name="journal-quick-check", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        assert self._checker is not None
        _yield_to_foreground()
        try:
            self._problem = damage(self._checker)
        finally:
            self._checker.close()

    def check(self) -> None:
        """Raise JournalError if the journal must not be written to now."""
        if self.read_only:
            raise JournalError(
                f"{self.path} cannot be changed: {self.read_only}. It can still be read, listed, backed up "
                "and exported; to add or edit, make it writable (or open a copy: `workbook backup`)."
            )
        if self._thread is not None:
            self._thread.join()
            if self._problem:
                raise damaged_error(self.path, self._problem)

    def close(self) -> None:
        """Stop a background check still running (a command that only read)."""
        if self._thread is not None and self._thread.is_alive():
            with suppress(sqlite3.ProgrammingError):
                assert self._checker is not None
                self._checker.interrupt()
            self._thread.join()


# -- opening ---------------------------------------------------------------------------------------
def _tighten(path: Path) -> None:
    """Make the journal and its -wal/-shm 0600: only once the file is accepted as ours."""
    real = path.resolve()
    for item in (real, real.with_name(real.name + "-wal"), real.with_name(real.name + "-shm")):
        with suppress(FileNotFoundError):
            if stat.S_IMODE(os.stat(item).st_mode) & 0o077 and os.stat(item).st_uid == my_uid():
                os.chmod(item, PRIVATE_FILE_MODE)


def open_file(path: Path) -> tuple[sqlite3.Connection, WriteGate, list[str]]:
    """Open the journal file at ``path`` as the rules in this module's docstring say.

    Returns the connection (read-only if the file or folder is), the gate every write
    asks first, and the schema steps applied if a new journal was created. Nothing is
    written, and the file's mode is not touched, until the file is accepted.
    """
    if path.is_dir():
        raise JournalError(f"{path} is a folder; give the path of a journal file.")
    created: list[str] = []
    if not os.path.lexists(path):
        created = create_journal(path)
    check_place(path)
    if path.stat().st_size == 0:
        raise CorruptJournalError(
            f"{path} is empty (0 bytes), not a journal: perhaps a copy that failed. {LEFT}; {RESTORE}, "
            "or delete it to start a new journal there."
        )
    gate = WriteGate(path, read_only_reason(path))
    wide = bool(stat.S_IMODE(path.stat().st_mode) & 0o077)
    if gate.read_only or wide:
        # Look without creating a -wal or -shm: SQLite would give them the file's wide mode.
        conn = connect_readonly(path, immutable_without_wal=True)
        _accept(conn, path, gate, check_now=True)
        if gate.read_only:
            if migrations.pending(conn):
                conn.close()
                raise JournalError(
                    f"{path} needs upgrading to this version of the workbook, but {gate.read_only}; "
                    f"{LEFT}. Make it writable and open it again."
                )
            conn.execute("PRAGMA foreign_keys = ON")
            return conn, gate, created
        conn.close()
        _tighten(path)
        conn = connect(str(path))
        _accept(conn, path, gate, check_now=False)
    else:
        conn = connect(str(path))
        _accept(conn, path, gate, check_now=None)
    with translated_errors(conn, path):
        configure(conn, in_memory=False)
    _tighten(path)  # -wal/-shm made by an older version, or by another program
    return conn, gate, created


def _accept(conn: sqlite3.Connection, path: Path, gate: WriteGate, check_now: bool | None) -> None:
    """Refuse a file that is not ours, too new or damaged (closing ``conn``); nothing is written.

    ``check_now``: True runs the damage check here, False skips it (already done), None
    decides by size: here for a small file, in the background (before the first write) for a
    large one, unless opening itself will write (a schema step, or a switch to WAL)."""
    with translated_errors(conn, path, gate.read_only):
        check_ours(conn, path)
        todo = migrations.pending(conn)  # refuse a newer journal before changing anything
        if check_now is None:
            in_wal = conn.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal"
            check_now = bool(todo) or not in_wal or path.stat().st_size <= CHECK_AT_OPEN_BYTES
            if not check_now:
                gate.check_in_background()
        if check_now:
            problem = damage(conn)
            if problem:
                raise damaged_error(path, problem)


@contextmanager
def translated_errors(
    conn: sqlite3.Connection, path: Path | None, read_only: str | None = None
) -> Iterator[sqlite3.Connection]:
    """While a journal is being opened: SQLite's errors become JournalError (locked for too
    long, or a read-only place SQLite cannot read from) or CorruptJournalError (not a
    readable journal), and ``conn`` is closed on any failure."""
    try:
        yield conn
    except sqlite3.OperationalError as exc:
        conn.close()
        if read_only and ("readonly" in str(exc) or "unable to open" in str(exc)):
            raise JournalError(
                f"{path} could not be opened: {read_only}, and SQLite needs to create its -shm file "
                f"beside the journal's -wal file to read it ({exc}). {LEFT}; make the folder "
                "writable once, open the journal, and close it."
            ) from exc
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
