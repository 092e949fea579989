"""How the workbook writes files: private, atomic, and never half-done.

The one module that creates or replaces files (``paths`` decides *where*; this module
decides *how*). Every promise about files on disk is kept here, so a new writer — an
exporter, a pack, a backup — gets them by calling one function:

* **Private.** Folders the workbook creates are 0700 and files 0600. sqlite3 and
  ``open()`` would create files 0644 under a usual umask, so files are created with
  ``os.open(..., 0o600)`` first and only then written.
* **Atomic.** A file is written to a private temporary file in the same folder, flushed
  and fsync'ed, then renamed over the target, and the folder is fsync'ed so the rename
  itself survives a crash. An error part-way removes the temporary file and leaves any
  earlier file untouched.
* **Consistent copies.** A journal is copied with SQLite's online backup API into a new
  private file, so the copy is a consistent snapshot even while another kernel writes.
* **Read-only opening.** Files that must not be changed (a file being checked, a file we
  might refuse) are opened through a ``mode=ro`` SQLite URI.

Standard library only.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from .errors import ValidationError

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600
SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")


# -- private folders and files ----------------------------------------------------------
def ensure_private_dir(directory: Path) -> None:
    """Create ``directory`` (and parents) readable only by its owner.

    Every folder created now is 0700, parents included (``mkdir(parents=True)`` would
    make the parents with the umask's mode, often 0755). A folder that already exists is
    left alone: an existing shared folder (say, a home directory) is not ours to change.
    """
    missing = []
    while not directory.exists() and directory.parent != directory:
        missing.append(directory)
        directory = directory.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=PRIVATE_DIR_MODE)
        except FileExistsError:  # another process made it just now
            continue
        os.chmod(folder, PRIVATE_DIR_MODE)  # mkdir's mode is filtered by the umask


def create_private_file(path: Path) -> bool:
    """Create an empty file with mode 0600 if it does not exist; True if created.

    sqlite3 would create the file 0644 under a usual umask, so the journal file is made
    first, private, and SQLite opens it as it is (its -wal and -shm files copy its mode).
    """
    ensure_private_dir(path.parent)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    except FileExistsError:
        return False
    os.close(fd)
    os.chmod(path, PRIVATE_FILE_MODE)
    return True


def private_temp_beside(target: Path, suffix: str = ".tmp") -> Path:
    """A new, empty, private file in ``target``'s folder, to be renamed over ``target``.

    In the same folder, so the rename is atomic (one file system).
    """
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=suffix, dir=target.parent)
    os.close(fd)
    os.chmod(name, PRIVATE_FILE_MODE)
    return Path(name)


def fsync_dir(directory: Path) -> None:
    """Make a rename in ``directory`` durable (POSIX; a no-op where folders cannot be opened)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def replace_durably(source: Path, target: Path) -> None:
    """Rename ``source`` over ``target`` in one step and make the rename durable."""
    os.replace(source, target)
    fsync_dir(target.parent)


# -- atomic writes ---------------------------------------------------------------------------
def _writable_target(path: str | os.PathLike[str]) -> Path:
    target = Path(path).expanduser()
    if target.is_dir():
        raise ValidationError("path", f"{target} is a folder; give the name of a file to write.")
    if not target.parent.is_dir():
        raise ValidationError("path", f"the folder {target.parent} does not exist.")
    return target


@contextlib.contextmanager
def _atomic(path: str | os.PathLike[str], mode: str, **open_options: Any) -> Iterator[IO[Any]]:
    """Open a private temporary file beside ``path``; on success fsync it, rename it over
    ``path`` and fsync the folder; on any error remove it and leave ``path`` as it was."""
    target = _writable_target(path)
    tmp = private_temp_beside(target)
    try:
        with open(tmp, mode, **open_options) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(target.parent)


def atomic_text_file(
    path: str | os.PathLike[str], *, encoding: str = "utf-8", newline: str | None = None
) -> contextlib.AbstractContextManager[IO[str]]:
    """Write ``path`` all at once: a private temporary file beside it, fsync, rename.

    A crash or an error part-way leaves any earlier file at ``path`` untouched and no
    half-written file behind. The result has mode 0600.
    """
    return _atomic(path, "w", encoding=encoding, newline=newline)


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically, mode 0600 (see :func:`atomic_text_file`)."""
    with _atomic(path, "wb") as handle:
        handle.write(data)
    return Path(path).expanduser()


def remove_sqlite_file(path: Path) -> None:
    """Remove a database file and its side files (-wal, -shm, -journal), if present."""
    for leftover in (path, *(Path(f"{path}{suffix}") for suffix in SQLITE_SIDE_FILES)):
        leftover.unlink(missing_ok=True)


# -- SQLite ----------------------------------------------------------------------------------
def sqlite_copy(conn: sqlite3.Connection, target: Path) -> Path:
    """Copy the database behind ``conn`` into ``target``, a new private file.

    Uses SQLite's online backup API, so the copy is one consistent snapshot even while
    another connection writes. ``target`` must not exist (FileExistsError otherwise); a
    copy that fails part-way is removed, so no half-copied file is left to be opened later.
    """
    if not create_private_file(target):
        raise FileExistsError(target)
    try:
        dest = sqlite3.connect(target)
        try:
            conn.backup(dest)
        finally:
            dest.close()
    except BaseException:
        remove_sqlite_file(target)
        raise
    return target


def readonly_uri(path: Path, *, immutable_without_wal: bool = False) -> str:
    """A SQLite URI that opens ``path`` read-only.

    With ``immutable_without_wal``, a file with no write-ahead log beside it is opened
    ``immutable=1``: nothing to replay, so SQLite reads the file as it is and creates no
    -shm file (what a check of a file we might refuse needs).
    """
    uri = "file:" + urllib.parse.quote(str(path.resolve())) + "?mode=ro"
    if immutable_without_wal and not path.with_name(path.name + "-wal").exists():
        uri += "&immutable=1"
    return uri


def connect_readonly(path: Path, *, immutable_without_wal: bool = False) -> sqlite3.Connection:
    """Open ``path`` read-only (see :func:`readonly_uri`)."""
    return sqlite3.connect(readonly_uri(path, immutable_without_wal=immutable_without_wal), uri=True)
