"""Start JupyterLab or Voilà on the guided notebooks, private and offline.

JupyterLab, left to its defaults, fetches news and update checks from the internet and
offers to install extensions from PyPI. The workbook promises that nothing leaves the
machine, so both are switched off here (and the "Jupyter news?" question is answered
"never" by default settings of our own), the server listens on localhost only, and the
page it prints and opens is ``00_start_here``. Both serve the private workspace
(``workspace.prepare_workspace``), and JupyterLab saves through the workbook's save hooks
(``save_hook``): no output or widget state of a workbook notebook is written, and every
notebook saved is 0600. Voilà runs through ``workbook.app.server``,
which gives it a token, a local-only Host check and a cap on kernels.

The kernels both start keep no input history: ``IPYTHONDIR`` is a private folder of the
workbook's own (``paths.kernel_ipython_dir()``) whose config turns IPython's history off,
so code typed into a cell (``journal.add(narrative=...)``) is not copied into
``~/.ipython``. Every folder made here is 0700.

The command lines and environments are built by pure functions; ``notebooks_dir()`` and
``prepare_kernel_dir()`` are the two that make folders and files.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .. import paths
from ..files import atomic_text_file
from .save_hook import CLEAN_ALL_VARIABLE
from .workspace import WorkspaceReport, prepare_workspace, private_folder

START_NOTEBOOK = "00_start_here.ipynb"
APP_NOTEBOOKS = ("01_journal_a_conversation.ipynb",)

PRIVATE_LAB_OPTIONS = (
    "--ServerApp.ip=127.0.0.1",
    "--LabApp.news_url=None",
    "--LabApp.check_for_updates_class=jupyterlab.handlers.announcements.NeverCheckForUpdate",
    "--LabApp.extension_manager=readonly",
)

# notebook_shim (for the classic notebook's config) reads every ServerApp trait, and so
# prints a DeprecationWarning about ServerApp.token at each start; nothing here needs it.
QUIET_LAB_OPTIONS = ("--ServerApp.jpserver_extensions=notebook_shim=False",)

# IPython reads this from $IPYTHONDIR/profile_default/ when a kernel starts.
KERNEL_CONFIG_NAME = "ipython_kernel_config.py"
KERNEL_CONFIG = """\
# Written by the Reflective Workbook (workbook lab / workbook app) at each start.
# Kernels keep no history of the code typed into them: journal text typed into a
# cell stays in the journal, not in a history.sqlite beside this file.
c.HistoryManager.enabled = False
"""


def notebooks_dir() -> Path:
    """The folder the guided notebooks are served from: the private workspace, filled and
    brought up to date first (``workspace.prepare_workspace``; never the checkout or the
    installed package, which JupyterLab would write into)."""
    return open_workspace().folder


def open_workspace() -> WorkspaceReport:
    """Prepare the private workspace; the report says what changed (for the launcher to print)."""
    return prepare_workspace()


def _root_flag() -> list[str]:
    return ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []


def prepare_kernel_dir(folder: Path | None = None) -> Path:
    """Make the kernels' private IPython folder (``paths.kernel_ipython_dir()`` unless told)
    and write the config in it that turns history off."""
    if folder is None:
        folder = paths.kernel_ipython_dir()
        private_folder(folder.parent)  # the user data folder, where paths puts it
    private_folder(folder)
    profile = private_folder(folder / "profile_default")
    with atomic_text_file(profile / KERNEL_CONFIG_NAME) as handle:
        handle.write(KERNEL_CONFIG)
    return folder


def kernel_env(base: dict[str, str] | None = None, ipython_dir: Path | None = None) -> dict[str, str]:
    """The environment for a server whose kernels keep no history: ``IPYTHONDIR`` is the
    folder ``prepare_kernel_dir()`` made (``paths.kernel_ipython_dir()`` unless told)."""
    env = dict(os.environ if base is None else base)
    env["IPYTHONDIR"] = str(paths.kernel_ipython_dir() if ipython_dir is None else ipython_dir)
    return env


def lab_env(
    base: dict[str, str] | None = None, ipython_dir: Path | None = None, *, clean_all_notebooks: bool = False
) -> dict[str, str]:
    """The environment JupyterLab must run in: kernels without history, and the workbook's
    settings on ``JUPYTER_CONFIG_PATH``: news never fetched (so never asked about) and the
    save hooks that keep outputs and widget state of workbook notebooks off the disk
    (``save_hook``; with ``clean_all_notebooks``, of every notebook)."""
    env = kernel_env(base, ipython_dir)
    if clean_all_notebooks:
        env[CLEAN_ALL_VARIABLE] = "1"
    ours = str(paths.lab_config_root())
    current = env.get("JUPYTER_CONFIG_PATH")
    env["JUPYTER_CONFIG_PATH"] = os.pathsep.join([ours, *([current] if current else [])])
    return env


def start_url_path() -> str:
    """Where JupyterLab's printed (and opened) address leads: the start notebook."""
    return f"/lab/tree/{START_NOTEBOOK}"


def lab_argv(directory: Path, extra: tuple[str, ...] = ()) -> list[str]:
    """The command that opens JupyterLab on ``directory``; the address it prints and opens
    (token included) shows the start notebook, not the Launcher. Run it with ``lab_env()``."""
    return [
        sys.executable,
        "-m",
        "jupyterlab",
        f"--ServerApp.root_dir={directory}",
        f"--LabApp.default_url={start_url_path()}",
        *PRIVATE_LAB_OPTIONS,
        *QUIET_LAB_OPTIONS,
        *_root_flag(),
        *extra,
    ]


VOILA_TEMPLATE = "workbook"
VOILA_SERVER_MODULE = "workbook.app.server"


def jupyter_path_with_templates(current: str | None) -> str:
    """``JUPYTER_PATH`` with the workbook's own Voilà template folder first.

    Voilà's stock "lab" template links Font Awesome from a CDN; ours (the same page
    without those links) lives in ``workbook/app/voila/templates/workbook``.
    """
    ours = str(paths.voila_template_root())
    return os.pathsep.join([ours, *([current] if current else [])])


def voila_env(base: dict[str, str] | None = None, ipython_dir: Path | None = None) -> dict[str, str]:
    """The environment Voilà must run in to find the workbook's template; its kernels keep
    no history (see ``kernel_env``)."""
    env = kernel_env(base, ipython_dir)
    env["JUPYTER_PATH"] = jupyter_path_with_templates(env.get("JUPYTER_PATH"))
    return env


def split_app_args(args: tuple[str, ...]) -> tuple[str | None, tuple[str, ...]]:
    """``workbook app``'s words: the NOTEBOOK when the first is not an option, then Voilà's options.

    ``("--no-browser", "--port", "8866")`` -> ``(None, (...))``; ``("04_review_and_revise",
    "--no-browser")`` -> ``("04_review_and_revise", ("--no-browser",))``.
    """
    if args and not args[0].startswith("-"):
        return args[0], tuple(args[1:])
    return None, tuple(args)


def voila_argv(directory: Path, notebook: str | None, extra: tuple[str, ...] = ()) -> list[str]:
    """The command that serves the notebooks as an app with Voilà (no code shown), through
    ``workbook.app.server``: a new token each launch, local Host names only, kernels capped.

    Run it with ``voila_env()``: the template it names is found through JUPYTER_PATH.
    """
    target = directory / notebook if notebook else directory
    return [
        sys.executable,
        "-m",
        VOILA_SERVER_MODULE,
        f"--template={VOILA_TEMPLATE}",
        "--Voila.ip=127.0.0.1",
        "--VoilaConfiguration.strip_sources=True",
        "--VoilaConfiguration.show_tracebacks=False",
        *extra,
        str(target),
    ]
