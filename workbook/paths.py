"""Where things live. The only module that decides file locations.

* The journal: an explicit path wins; else ``$WORKBOOK_JOURNAL``; else ``journal.db`` in
  the user data directory from platformdirs (e.g. ``~/.local/share/reflective-workbook``).
* Bundled data (vocabulary, templates, demo material): ``workbook/_data`` in an installed
  wheel, or ``data/`` at the top of a source checkout.
* Extra templates an institution provides: the folders named in ``$WORKBOOK_TEMPLATES``
  (separated by ``os.pathsep``).
* A tutor's own assignment templates: the folders named in ``$WORKBOOK_ASSIGNMENTS`` (the
  same way); bundled ones are ``assignments/`` among the bundled data.
* The demo journal: ``demo-journal.db`` in the user data directory, beside (never
  instead of) the journal.
* The guided notebooks: ``notebooks/`` in a source checkout, else a private copy in the
  user data directory (JupyterLab never writes into the installed package).
* The Voilà template: ``workbook/app/voila/templates/workbook`` inside the package.
* Supervision packs: ``supervision-packs/`` in the private workspace (``notebooks/``),
  unless the user names another place.
* A student's assignment notebooks: ``assignments/`` in the private workspace, unless the
  user names another place.
* CPD and revalidation records written out: ``cpd/`` in the private workspace, unless the
  user names another place (the records themselves are kept in the journal).
* The kernels' IPython folder (``IPYTHONDIR``): ``ipython/`` in the user data directory.
* JupyterLab's default settings (no news prompt): ``workbook/app/jupyter_config`` in the package.
* Backups: ``journal-backup-<stamp>.db`` in a folder the user names, and
  ``<journal>.before-<migration>.<stamp>.db`` beside the journal before a migration.
* A journal's alias key: ``keys/<journal uid>.key`` in the user data directory, never
  beside the journal, so a copy of the journal (a backup, a file sent on) does not carry it.
* Caches (rebuilt when missing, never journal data): the user cache folder from platformdirs
  (e.g. ``~/.cache/reflective-workbook``); the offline chart bundle is
  ``chart-bundle-<key>.js`` there.

How files are created (private, atomic) is decided in ``workbook.files``, not here.

Nothing is decided at import time: every function reads the environment when called.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

APP_NAME = "reflective-workbook"
JOURNAL_ENV = "WORKBOOK_JOURNAL"
TEMPLATES_ENV = "WORKBOOK_TEMPLATES"
ASSIGNMENTS_ENV = "WORKBOOK_ASSIGNMENTS"
JOURNAL_FILENAME = "journal.db"
DEMO_FILENAME = "demo-journal.db"
NOTEBOOKS_FOLDER = "notebooks"
PACKS_FOLDER = "supervision-packs"
ASSIGNMENTS_FOLDER = "assignments"
CPD_FOLDER = "cpd"
BACKUP_PREFIX = "journal-backup-"
KEYS_FOLDER = "keys"


def user_data_dir() -> Path:
    """The user's own data folder for the workbook (platformdirs), e.g. ``~/.local/share/reflective-workbook``."""
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    """The user's own cache folder for the workbook (platformdirs, honours ``$XDG_CACHE_HOME``),
    e.g. ``~/.cache/reflective-workbook``: per user, so on JupyterHub it is in each person's home.
    Only things the workbook can make again go here, never journal data."""
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def chart_bundle_path(key: str) -> Path:
    """The cached offline chart bundle made by the versions whose digest is ``key`` (hex):
    ``chart-bundle-<key>.js`` in the cache folder."""
    if not key or not all(c in "0123456789abcdef" for c in key) or len(key) > 64:
        raise ValueError("a bundle key is lowercase hex")
    return cache_dir() / f"chart-bundle-{key}.js"


def default_journal_path() -> Path:
    """The journal used when no path is given."""
    env = os.environ.get(JOURNAL_ENV, "").strip()
    if env:
        return Path(env).expanduser()
    return user_data_dir() / JOURNAL_FILENAME


def default_demo_path() -> Path:
    """``demo-journal.db`` in the user data folder, beside (never instead of) the journal.

    ``$WORKBOOK_JOURNAL`` is deliberately ignored: the demo must never land on a real journal.
    """
    return user_data_dir() / DEMO_FILENAME


def alias_key_path(journal_uid: str) -> Path:
    """The file holding the key of a journal's alias digests: ``keys/<uid>.key`` in the user
    data folder. Apart from the journal on purpose: the journal alone cannot test a guessed name.

    ``journal_uid`` is the random id the journal keeps (hex); anything else is refused, so a
    damaged or hostile journal cannot point the key elsewhere."""
    if not journal_uid or not all(c in "0123456789abcdef" for c in journal_uid) or len(journal_uid) > 64:
        raise ValueError("a journal uid is lowercase hex")
    return user_data_dir() / KEYS_FOLDER / f"{journal_uid}.key"


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
        f"The workbook's data files are missing: reinstall the package (looked in {packaged} and {checkout})."
    )


def extra_template_dirs() -> list[Path]:
    """Folders of an institution's own templates, from ``$WORKBOOK_TEMPLATES``."""
    raw = os.environ.get(TEMPLATES_ENV, "")
    return [Path(p).expanduser() for p in raw.split(os.pathsep) if p.strip()]


def extra_assignment_dirs() -> list[Path]:
    """Folders of a tutor's or a course's own assignment templates, from ``$WORKBOOK_ASSIGNMENTS``."""
    raw = os.environ.get(ASSIGNMENTS_ENV, "")
    return [Path(p).expanduser() for p in raw.split(os.pathsep) if p.strip()]


def package_dir() -> Path:
    """The installed ``workbook`` package folder."""
    return Path(__file__).resolve().parent


def checkout_notebooks_dir() -> Path | None:
    """``notebooks/`` at the top of a source checkout, or None in a wheel install."""
    checkout = package_dir().parent / NOTEBOOKS_FOLDER
    return checkout if checkout.is_dir() else None


def packaged_notebooks_dir() -> Path:
    """The guided notebooks as shipped inside a wheel (read-only; copied before use)."""
    return package_dir() / "_notebooks"


def notebook_workspace_dir() -> Path:
    """The private workspace (per user) that ``workbook lab`` and ``workbook app`` serve: the
    guided notebooks copied there, and the person's own notebooks beside them."""
    return user_data_dir() / NOTEBOOKS_FOLDER


def packs_dir() -> Path:
    """Where supervision packs are written unless the user names another place: a folder of
    the private workspace, so JupyterLab (``workbook lab``) can open them."""
    return notebook_workspace_dir() / PACKS_FOLDER


def assignments_dir() -> Path:
    """Where a student's assignment notebooks are written unless they name another place: a
    folder of the private workspace, so JupyterLab (``workbook lab``) can open them."""
    return notebook_workspace_dir() / ASSIGNMENTS_FOLDER


def cpd_dir() -> Path:
    """Where CPD and revalidation records are written unless another folder is named: a folder
    of the private workspace beside the packs, so JupyterLab can open them."""
    return notebook_workspace_dir() / CPD_FOLDER


def shown(path: str | os.PathLike[str]) -> str:
    """``path`` as shown to a person: the home folder written ``~``, so a notebook output, a
    screenshot or a shared page says where the journal is without the user's name in it."""
    text = os.fspath(path)
    home = os.path.expanduser("~")
    if home and home != "~" and (text == home or text.startswith(home.rstrip(os.sep) + os.sep)):
        return "~" + text[len(home.rstrip(os.sep)) :]
    return text


def voila_template_root() -> Path:
    """The folder to put first on ``JUPYTER_PATH`` so Voilà finds the workbook's template.

    Voilà looks for ``<JUPYTER_PATH entry>/voila/templates/<name>``, so this is the folder that
    holds ``voila/`` (``workbook/app``), not ``voila/`` itself."""
    return package_dir() / "app"


def kernel_ipython_dir() -> Path:
    """The ``IPYTHONDIR`` of the kernels ``workbook lab`` and ``workbook app`` start: ``ipython/``
    in the user data folder (per user), where their config turns input history off."""
    return user_data_dir() / "ipython"


def lab_config_root() -> Path:
    """The folder to put on ``JUPYTER_CONFIG_PATH`` so JupyterLab reads the workbook's default
    settings (``labconfig/default_setting_overrides.json``: never fetch news, never ask)."""
    return package_dir() / "app" / "jupyter_config"


def backup_stamp(now: dt.datetime | None = None) -> str:
    """The one time-stamp rule for backup file names: UTC, sortable, to the microsecond."""
    when = now or dt.datetime.now(dt.timezone.utc)
    return when.astimezone(dt.timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")


def backup_in_folder(folder: Path) -> Path:
    """A new backup's path when the user names a folder: ``journal-backup-<stamp>.db``."""
    return folder / f"{BACKUP_PREFIX}{backup_stamp()}.db"


def backup_beside(journal: Path) -> Path:
    """The default ``workbook backup`` target: ``<stem>-backup-<stamp><suffix>`` beside the journal."""
    return journal.with_name(f"{journal.stem}-backup-{backup_stamp()}{journal.suffix or '.db'}")


def backup_before_migration(journal: Path, step: str) -> Path:
    """The copy made beside ``journal`` before migration ``step``: ``<stem>.before-<step>.<stamp><suffix>``."""
    return journal.with_name(f"{journal.stem}.before-{step}.{backup_stamp()}{journal.suffix}")
