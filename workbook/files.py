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
* **Consistent copies.** A journal is copied with SQLite's online backup API into a
  private temporary file beside the target, which is linked into place only when it is
  complete: an interrupted backup leaves no file at the target that could later be taken
  for an (empty) journal.
* **No leftovers.** Temporary files are named ``.<target>.<pid>-<random>.tmp``. One left by
  a process that was killed is removed the next time the same target is written
  (:func:`remove_stale_temps`): only files of that pattern, owned by you, whose process
  is gone.
* **Read-only opening.** Files that must not be changed (a file being checked, a file we
  might refuse) are opened through a ``mode=ro`` SQLite URI.

Standard library only.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import stat
import tempfile
import time
import urllib.parse
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from .errors import ValidationError

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600
SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")


# -- private folders and files ----------------------------------------------------------
def my_uid() -> int | None:
    """Your effective user id, or None where the system has none (Windows: no POSIX owners or modes)."""
    return os.geteuid() if hasattr(os, "geteuid") else None


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


def output_folder(folder: str | os.PathLike[str] | None, default: Callable[[], Path]) -> Path:
    """The folder a document is written into: ``folder`` if given (it must exist), else
    ``default()``, made private (0700) if it is new. Refuses (ValidationError on ``folder``)
    a ``folder`` that is not one."""
    if folder is None:
        target = default()
        ensure_private_dir(target)
        return target
    target = Path(folder).expanduser()
    if not target.is_dir():
        raise ValidationError("folder", f"{target.name} is not a folder.")
    return target


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

    In the same folder, so the rename is atomic (one file system). The name carries this
    process's id (``.<target>.<pid>-<random>.tmp``), so a later run can tell a file left by
    a killed process from one another process is still writing (:func:`remove_stale_temps`).
    """
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}-", suffix=suffix, dir=target.parent)
    os.close(fd)
    os.chmod(name, PRIVATE_FILE_MODE)
    return Path(name)


#: Temporary files made by versions that did not put the process id in the name are
#: taken as abandoned once they are this old (no export or backup takes an hour).
LEGACY_TEMP_AGE_S = 3600


def _temp_pattern(target: Path) -> re.Pattern[str]:
    # .<name>.<pid>-<random>.tmp, the older .<name>.<random>.tmp, and SQLite's side files of either
    return re.compile(rf"\.{re.escape(target.name)}\.(?:(\d+)-)?[A-Za-z0-9_]{{8}}\.tmp(?:-journal|-wal|-shm)?")


def _process_gone(pid: int) -> bool:
    if pid == os.getpid():
        return False  # another thread of this process may be writing it
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:  # exists, run by someone else
        return False
    return False


def remove_stale_temps(target: Path) -> list[Path]:
    """Remove temporary files that an earlier, killed export or backup to ``target`` left.

    A killed process cannot clean up after itself, and its partial copy holds journal
    text (an export even the aliases), so the next write to the same target removes it.
    Only regular files named like our own temporary files for ``target``, owned by you,
    are candidates, and only those whose process no longer runs (or, for the older names
    without a process id, that are older than an hour). Returns what was removed.
    """
    pattern = _temp_pattern(target)
    removed: list[Path] = []
    try:
        candidates = list(os.scandir(target.parent))
    except OSError:
        return removed
    now = time.time()
    for item in candidates:
        match = pattern.fullmatch(item.name)
        if not match:
            continue
        try:
            info = item.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISREG(info.st_mode) or info.st_uid != my_uid():
            continue
        pid = match.group(1)
        stale = _process_gone(int(pid)) if pid else now - info.st_mtime > LEGACY_TEMP_AGE_S
        if stale:
            with contextlib.suppress(OSError):
                os.unlink(item.path)
                removed.append(Path(item.path))
    return removed


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
    remove_stale_temps(target)
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
def publish_new(source: Path, target: Path) -> None:
    """Give the complete file ``source`` the name ``target``, which must not exist yet.

    A hard link fails if ``target`` exists (FileExistsError), so two processes can never
    replace each other's file; ``source`` is then removed. Where hard links are not
    supported, the file is renamed after a check that ``target`` is still free.
    """
    try:
        os.link(source, target)
    except FileExistsError:
        raise
    except OSError:
        if os.path.lexists(target):
            raise FileExistsError(target) from None
        os.rename(source, target)
    else:
        source.unlink()
    fsync_dir(target.parent)


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def sqlite_copy(conn: sqlite3.Connection, target: Path) -> Path:
    """Copy the database behind ``conn`` into ``target``, a new private file.

    Uses SQLite's online backup API, so the copy is one consistent snapshot even while
    another connection writes. ``target`` must not exist (FileExistsError otherwise). The
    copy is made in a private temporary file beside ``target`` and linked into place only
    once it is complete and on disk: a copy that fails (disk full) or is killed part-way
    never appears at ``target``, where it could later be opened as an empty journal. A
    failure removes the temporary file; a kill leaves it to :func:`remove_stale_temps`.
    """
    ensure_private_dir(target.parent)
    if os.path.lexists(target):
        raise FileExistsError(target)
    remove_stale_temps(target)
    tmp = private_temp_beside(target)
    try:
        dest = sqlite3.connect(tmp)
        try:
            conn.backup(dest)
        finally:
            dest.close()
        _fsync_file(tmp)
        publish_new(tmp, target)
    except BaseException:
        remove_sqlite_file(tmp)
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
