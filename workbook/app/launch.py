"""Start JupyterLab or Voilà on the guided notebooks, private and offline.

JupyterLab, left to its defaults, fetches news and update checks from the internet and
offers to install extensions from PyPI. The workbook promises that nothing leaves the
machine, so both are switched off here, the server listens on localhost only, and the
notebook opened first is ``00_start_here``.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from .. import paths
from ..files import ensure_private_dir

START_NOTEBOOK = "00_start_here.ipynb"
APP_NOTEBOOKS = ("01_journal_a_conversation.ipynb",)

PRIVATE_LAB_OPTIONS = (
    "--ServerApp.ip=127.0.0.1",
    "--LabApp.news_url=None",
    "--LabApp.check_for_updates_class=jupyterlab.handlers.announcements.NeverCheckForUpdate",
    "--LabApp.extension_manager=readonly",
)


def notebooks_dir() -> Path:
    """The guided notebooks: ``notebooks/`` in a source checkout, else a copy of the
    packaged ones in the user's data folder (so JupyterLab never writes into the
    installed package)."""
    checkout = paths.checkout_notebooks_dir()
    if checkout is not None:
        return checkout
    workspace = paths.notebook_workspace_dir()
    ensure_private_dir(workspace)
    for source in paths.packaged_notebooks_dir().glob("*.ipynb"):
        target = workspace / source.name
        if not target.exists():
            shutil.copy2(source, target)
    return workspace


def _root_flag() -> list[str]:
    return ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []


def lab_argv(directory: Path, extra: tuple[str, ...] = ()) -> list[str]:
    """The command that opens JupyterLab on ``directory`` with the start notebook open."""
    return [
        sys.executable,
        "-m",
        "jupyterlab",
        f"--ServerApp.root_dir={directory}",
        *PRIVATE_LAB_OPTIONS,
        *_root_flag(),
        *extra,
        str(directory / START_NOTEBOOK),
    ]


VOILA_TEMPLATE = "workbook"


def jupyter_path_with_templates(current: str | None) -> str:
    """``JUPYTER_PATH`` with the workbook's own Voilà template folder first.

    Voilà's stock "lab" template links Font Awesome from a CDN; ours (the same page
    without those links) lives in ``workbook/app/voila/templates/workbook``.
    """
    ours = str(paths.voila_template_root())
    return os.pathsep.join([ours, *([current] if current else [])])


def voila_env(base: dict[str, str] | None = None) -> dict[str, str]:
    """The environment Voilà must run in to find the workbook's template."""
    env = dict(os.environ if base is None else base)
    env["JUPYTER_PATH"] = jupyter_path_with_templates(env.get("JUPYTER_PATH"))
    return env


def voila_argv(directory: Path, notebook: str | None, extra: tuple[str, ...] = ()) -> list[str]:
    """The command that serves the notebooks as an app with Voilà (no code shown).

    Run it with ``voila_env()``: the template it names is found through JUPYTER_PATH.
    """
    target = directory / notebook if notebook else directory
    return [
        sys.executable,
        "-m",
        "voila",
        f"--template={VOILA_TEMPLATE}",
        "--Voila.ip=127.0.0.1",
        "--VoilaConfiguration.strip_sources=True",
        "--VoilaConfiguration.show_tracebacks=False",
        *extra,
        str(target),
    ]
