"""The private workspace the guided notebooks are opened from, filled and kept up to date.

JupyterLab writes into the folder it serves: rooted at a source checkout's ``notebooks/`` it
autosaved outputs into the tracked files (so ``git pull`` conflicted and the tests failed),
and rooted at an installed package it would write into site-packages. So ``workbook lab``
and ``workbook app`` serve a per-user folder that ``paths.notebook_workspace_dir()`` decides
(0700, every file in it 0600), filled from the notebooks the workbook ships.

An update of the workbook brings new versions of the guided notebooks. Each is put in place
unless the person changed their copy (their cells differ from the version installed last,
recorded in :data:`MANIFEST`): then their copy is kept, renamed "... (your copy).ipynb", and
:func:`prepare_workspace` says so. A notebook of their own is never touched, except that it
is made private. Workbook notebooks saved before the save hook existed (or by a server
without it) are cleaned of outputs and widget state at each start, checkpoints included.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from .. import paths
from ..documents.cleaning import cells_digest
from ..files import PRIVATE_DIR_MODE, PRIVATE_FILE_MODE, atomic_text_file, ensure_private_dir
from .save_hook import clean_file

__all__ = ["MANIFEST", "WorkspaceReport", "prepare_workspace", "private_folder", "source_notebooks_dir"]

# What was installed last: {notebook name: cells digest}. Hidden, so JupyterLab does not list it.
MANIFEST = ".workbook-notebooks.json"
CHECKPOINTS = ".ipynb_checkpoints"


@dataclass
class WorkspaceReport:
    """What :func:`prepare_workspace` did, for the launcher to say (names only, no content)."""

    folder: Path
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    kept: dict[str, str] = field(default_factory=dict)  # guided notebook -> the name the person's copy now has
    cleaned: list[str] = field(default_factory=list)

    def messages(self) -> list[str]:
        """One line per thing the person should know; nothing for a quiet start."""
        lines = []
        if self.updated:
            lines.append(f"Updated the guided notebooks: {', '.join(self.updated)}.")
        for name, kept_as in self.kept.items():
            lines.append(f"A new version of {name} is in place; you had changed yours, so it was kept as {kept_as!r}.")
        if self.cleaned:
            lines.append(f"Removed saved outputs from: {', '.join(self.cleaned)} (they could hold journal text).")
        return lines


def source_notebooks_dir() -> Path:
    """The notebooks the workbook ships: a checkout's ``notebooks/``, or the wheel's copy."""
    return paths.checkout_notebooks_dir() or paths.packaged_notebooks_dir()


def private_folder(folder: Path) -> Path:
    """Make ``folder`` (and any missing parents) 0700; one of ours made wider is narrowed.

    Only for the workbook's own folders (the data folder and what is in it): a folder that
    belongs to someone else is left as it is.
    """
    ensure_private_dir(folder)
    info = folder.stat()
    if hasattr(os, "getuid") and info.st_uid == os.getuid() and info.st_mode & 0o777 != PRIVATE_DIR_MODE:
        os.chmod(folder, PRIVATE_DIR_MODE)
    return folder


def _read_manifest(folder: Path) -> dict[str, str]:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)}


def _digest_of(path: Path) -> str | None:
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    return cells_digest(nb) if isinstance(nb, dict) else None


def _free_name(folder: Path, stem: str) -> str:
    name = f"{stem} (your copy).ipynb"
    number = 2
    while (folder / name).exists():
        name = f"{stem} (your copy {number}).ipynb"
        number += 1
    return name


def _install(source: Path, target: Path) -> None:
    with atomic_text_file(target) as handle:  # 0600, all at once
        handle.write(source.read_text(encoding="utf-8"))


def _sync_guided(source_dir: Path, folder: Path, report: WorkspaceReport) -> dict[str, str]:
    installed = _read_manifest(folder)
    manifest = dict(installed)
    for source in sorted(source_dir.glob("*.ipynb")):
        name, target = source.name, folder / source.name
        new = _digest_of(source)
        if new is None:
            continue
        if not target.exists():
            _install(source, target)
            report.added.append(name)
        else:
            current = _digest_of(target)
            if current == new or installed.get(name) == new:
                pass  # already this version (the cells are what count), or no new one since
            elif name in installed and current == installed[name]:
                _install(source, target)  # the person never changed it: take the new version
                report.updated.append(name)
            else:  # changed by the person (or installed before the manifest existed)
                kept_as = _free_name(folder, source.stem)
                os.replace(target, folder / kept_as)
                _install(source, target)
                report.kept[name] = kept_as
        manifest[name] = new
    return manifest


def _tidy(folder: Path, report: WorkspaceReport) -> None:
    """Clean saved workbook notebooks and their checkpoints; make every file private."""
    checkpoints = folder / CHECKPOINTS
    notebooks = sorted(folder.glob("*.ipynb"))
    if checkpoints.is_dir():
        private_folder(checkpoints)
        notebooks += sorted(checkpoints.glob("*.ipynb"))
    for path in notebooks:
        if clean_file(path):
            report.cleaned.append(path.relative_to(folder).as_posix())
    for path in folder.rglob("*"):
        try:
            info = path.lstat()
        except OSError:
            continue
        if path.is_symlink() or (hasattr(os, "getuid") and info.st_uid != os.getuid()):
            continue
        wanted = PRIVATE_DIR_MODE if path.is_dir() else PRIVATE_FILE_MODE
        if info.st_mode & 0o777 != wanted:
            os.chmod(path, wanted)


def prepare_workspace(folder: Path | None = None, source_dir: Path | None = None) -> WorkspaceReport:
    """Fill (or bring up to date) the private workspace and return what was done.

    ``folder`` defaults to ``paths.notebook_workspace_dir()``, ``source_dir`` to
    :func:`source_notebooks_dir`. Safe to run at every start: with nothing new it changes
    nothing but modes."""
    folder = paths.notebook_workspace_dir() if folder is None else folder
    source_dir = source_notebooks_dir() if source_dir is None else source_dir
    private_folder(folder.parent)
    private_folder(folder)
    report = WorkspaceReport(folder)
    manifest = _sync_guided(source_dir, folder, report)
    with atomic_text_file(folder / MANIFEST) as handle:
        handle.write(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    _tidy(folder, report)
    return report
