"""The Jupyter server save hooks: no output, execution count or widget state of a workbook
notebook reaches the disk, and every notebook saved is private to its owner.

JupyterLab autosaves every two minutes, and with "Save Widget State Automatically" ticked a
saved ``04_review_and_revise.ipynb`` holds the whole entry on show. So the server itself
cleans each notebook before writing it (``pre_save_hook``), whatever the browser's settings,
and makes the written file 0600 (``post_save_hook``). Checkpoints are copies of the saved
file, so they are clean and private too.

Which notebooks are cleaned: workbook notebooks (metadata ``reflective_workbook.clean_on_save``,
see ``documents.cleaning``), wherever they are saved, and a person's own notebooks only if
they opt in, by running ``workbook lab --clean-all-notebooks`` (or with
``WORKBOOK_CLEAN_ALL_NOTEBOOKS=1`` in the server's environment): their outputs are theirs.

``workbook lab`` installs both hooks through ``jupyter_config/jupyter_server_config.json`` on
``JUPYTER_CONFIG_PATH``. A JupyterHub admin installs them for every user with the same two lines
(README, "Running on JupyterHub")::

    c.ContentsManager.pre_save_hook = "workbook.app.save_hook.pre_save_hook"
    c.ContentsManager.post_save_hook = "workbook.app.save_hook.post_save_hook"

Nothing here logs or reports a notebook's content: a refusal to clean says so by path only.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from ..documents.cleaning import clean_notebook, is_marked, needs_cleaning
from ..files import PRIVATE_FILE_MODE, atomic_text_file

__all__ = ["CLEAN_ALL_VARIABLE", "clean_all_notebooks", "clean_file", "post_save_hook", "pre_save_hook"]

# Set to 1 in the server's environment to clean every notebook, not only the workbook's own.
CLEAN_ALL_VARIABLE = "WORKBOOK_CLEAN_ALL_NOTEBOOKS"


def clean_all_notebooks(environ: os._Environ[str] | dict[str, str] | None = None) -> bool:
    """True if the person opted in to cleaning their own notebooks too."""
    value = (os.environ if environ is None else environ).get(CLEAN_ALL_VARIABLE, "")
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _should_clean(nb: dict[str, Any]) -> bool:
    return is_marked(nb) or clean_all_notebooks()


def pre_save_hook(model: dict[str, Any], path: str = "", contents_manager: Any = None, **kwargs: Any) -> None:
    """Clean a notebook model in place before the server writes it.

    A notebook arrives as ``type == "notebook"`` with its JSON in ``content``; a ``.ipynb``
    uploaded as a plain text file is cleaned after writing instead (``post_save_hook``)."""
    if model.get("type") != "notebook":
        return
    content = model.get("content")
    if isinstance(content, dict) and _should_clean(content):
        clean_notebook(content)


def post_save_hook(model: dict[str, Any] | None = None, os_path: str = "", contents_manager: Any = None) -> None:
    """Make the written file 0600; a ``.ipynb`` written as a plain file is cleaned on disk."""
    if not os_path:
        return
    path = Path(os_path)
    if path.suffix == ".ipynb" and (model or {}).get("type") != "notebook":
        clean_file(path)
    _make_private(path)


def _make_private(path: Path) -> None:
    try:
        info = path.stat()
        if hasattr(os, "getuid") and info.st_uid == os.getuid() and info.st_mode & 0o777 != PRIVATE_FILE_MODE:
            os.chmod(path, PRIVATE_FILE_MODE)
    except OSError:
        pass  # gone already, or not ours: nothing to narrow


def clean_file(path: Path, *, every_notebook: bool = False) -> bool:
    """Clean the notebook file at ``path`` if it is a workbook notebook (or ``every_notebook``)
    holding outputs or widget state; True if it was rewritten (atomically, 0600).

    A file that is not a notebook (not JSON, not an object) is left as it is."""
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return False
    if not isinstance(nb, dict) or not (every_notebook or _should_clean(nb)) or not needs_cleaning(nb):
        return False
    clean_notebook(nb)
    with atomic_text_file(path) as handle:
        handle.write(json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n")
    return True
