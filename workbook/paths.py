"""Where things live. The only module that decides file locations.

* The journal: an explicit path wins; else ``$WORKBOOK_JOURNAL``; else ``journal.db`` in
  the user data directory from platformdirs (e.g. ``~/.local/share/reflective-workbook``).
* Bundled data (vocabulary, templates, demo material): ``workbook/_data`` in an installed
  wheel, or ``data/`` at the top of a source checkout.
* Extra templates an institution provides: the folders named in ``$WORKBOOK_TEMPLATES``
  (separated by ``os.pathsep``).

Nothing is decided at import time: every function reads the environment when called.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "reflective-workbook"
JOURNAL_ENV = "WORKBOOK_JOURNAL"
TEMPLATES_ENV = "WORKBOOK_TEMPLATES"
JOURNAL_FILENAME = "journal.db"


def default_journal_path() -> Path:
    """The journal used when no path is given."""
    env = os.environ.get(JOURNAL_ENV, "").strip()
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / JOURNAL_FILENAME


def resolve_journal_path(path: str | os.PathLike[str] | None = None) -> Path:
    """An explicit path, else the default; ``~`` is expanded."""
    if path is None or str(path) == "":
        return default_journal_path()
    return Path(path).expanduser()


def data_dir() -> Path:
    """The folder of bundled data files (vocabulary.yaml, templates/, demo/)."""
    packaged = Path(__file__).parent / "_data"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parent.parent / "data"
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(
        "The workbook's data files are missing: reinstall the package "
        f"(looked in {packaged} and {checkout})."
    )


def extra_template_dirs() -> list[Path]:
    """Folders of an institution's own templates, from ``$WORKBOOK_TEMPLATES``."""
    raw = os.environ.get(TEMPLATES_ENV, "")
    return [Path(p).expanduser() for p in raw.split(os.pathsep) if p.strip()]


def ensure_private_dir(directory: Path) -> None:
    """Create ``directory`` (and parents) readable only by its owner.

    A folder that already exists is tightened to 0700 only if we created it now; an
    existing shared folder (say, a home directory) is left alone.
    """
    try:
        directory.mkdir(parents=True, mode=0o700)
    except FileExistsError:  # already there, or another process made it just now
        return
    os.chmod(directory, 0o700)  # mkdir's mode is filtered by the umask


def create_private_file(path: Path) -> bool:
    """Create an empty file with mode 0600 if it does not exist; True if created.

    sqlite3 would create the file 0644 under a usual umask, so the journal file is made
    first, private, and SQLite opens it as it is (its -wal and -shm files copy its mode).
    """
    ensure_private_dir(path.parent)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return False
    os.close(fd)
    os.chmod(path, 0o600)
    return True
