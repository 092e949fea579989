"""The commands that open the notebooks: ``lab`` (JupyterLab) and ``app`` (the forms in Voila).

What they run, and that it stays on this machine, is decided in ``workbook.app.launch``;
here the journal is chosen (the demo one with ``--demo``) and handed to the kernels through
``WORKBOOK_JOURNAL``, then the program runs in the foreground until it is stopped.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..paths import default_demo_path
from ._journal import journal_path


def _journal_for_jupyter(use_demo: bool) -> Path:
    """The journal the notebooks will open (passed to the kernels as WORKBOOK_JOURNAL)."""
    import os

    if use_demo:
        target = _demo_journal()
    else:
        target = journal_path()
        if not target.exists():
            click.echo(
                "You have no journal yet: the notebook '00 Start here' creates one when you run it.\n"
                "To look around with made-up entries first, stop this (Ctrl+C) and run: ./dev lab --demo"
            )
    os.environ["WORKBOOK_JOURNAL"] = str(target)
    return target


def _demo_journal() -> Path:
    """The demo journal for ``--demo``, written first if it is not there yet.

    ``--journal PATH`` given on the command line puts the demo at PATH (written there if PATH
    does not exist, opened if it holds a demo). A PATH holding anything else is refused, so a
    journal of your own is never shown, or replaced, as the demo. Without ``--journal`` the
    demo is ``demo-journal.db`` in the user data folder; ``WORKBOOK_JOURNAL`` is left alone
    there, since it names your own journal (``paths.default_demo_path``).
    """
    from click.core import ParameterSource

    root = click.get_current_context().find_root()
    given = root.params.get("journal_path")
    if given is not None and root.get_parameter_source("journal_path") == ParameterSource.COMMANDLINE:
        target = Path(given).expanduser()
    else:
        target = default_demo_path()
        if given is not None:
            click.echo(
                f"WORKBOOK_JOURNAL names your own journal, so the demo is kept apart at {target} "
                "(to put it elsewhere: workbook --journal PATH lab --demo)."
            )
    if target.exists():
        if not _holds_a_demo(target):
            raise click.ClickException(
                f"{target} is not a demo journal, so --demo will not open or replace it. "
                "Leave out --demo to open it, or give --journal a new file for the demo."
            )
        return target
    from .. import demo as demo_module

    click.echo(f"Writing the demo journal (made-up entries) to {target} ...")
    demo_module.write_demo_journal(target)
    return target


def _holds_a_demo(path: Path) -> bool:
    """True if ``path`` is a journal marked as a demo (read-only: nothing is left beside it)."""
    import sqlite3

    from .. import files
    from ..demo import DEMO_SETTING

    try:
        conn = files.connect_readonly(path, immutable_without_wal=True)
    except (sqlite3.Error, ValueError, OSError):
        return False
    try:
        return conn.execute("SELECT 1 FROM settings WHERE key = ?", (DEMO_SETTING,)).fetchone() is not None
    except sqlite3.Error:
        return False
    finally:
        conn.close()


def _run(argv: list[str], env: dict[str, str]) -> None:
    """Run the server in the foreground until it stops; exit with its code.

    SIGTERM and SIGHUP are passed on to it, so stopping ``workbook lab``/``app`` stops the
    server and its kernels (they used to run on, unseen). Ctrl+C reaches the server too (same
    terminal); this waits until it has shut its kernels down.
    """
    import os
    import signal
    import subprocess

    # Files and folders the server makes (checkpoints, new notebooks, uploads) are private
    # from the start, before the save hook narrows them.
    private = {"umask": 0o077} if os.name == "posix" else {}
    process = subprocess.Popen(argv, env=env, **private)
    passed_on = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    previous = {
        number: signal.signal(number, lambda number, _frame: process.send_signal(number)) for number in passed_on
    }
    try:
        while True:
            try:
                code = process.wait()
                break
            except KeyboardInterrupt:
                continue
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
    sys.exit(0 if code < 0 and -code in (signal.SIGINT, *passed_on) else code)


@click.command(context_settings={"ignore_unknown_options": True})
@click.option(
    "--demo",
    "use_demo",
    is_flag=True,
    help="Use the demo journal of made-up entries (written first if need be): at --journal PATH if given "
    "(never a journal of your own), else in your user data folder.",
)
@click.option(
    "--clean-all-notebooks",
    is_flag=True,
    help="Save your own notebooks without outputs too (the workbook's notebooks always are).",
)
@click.argument("jupyter_args", nargs=-1, type=click.UNPROCESSED)
def lab(use_demo: bool, clean_all_notebooks: bool, jupyter_args: tuple[str, ...]) -> None:
    """Open JupyterLab on the guided notebooks, starting with '00 Start here'.

    JupyterLab listens on this computer only, and its news, update checks and extension
    downloads are switched off, so nothing leaves the machine. Extra options are passed
    to JupyterLab (e.g. --no-browser, --port 8899).

    The notebooks are served from your private workspace folder; the workbook's own are
    always saved without outputs or widget state, so no journal text is written into them.
    """
    from ..app.launch import lab_argv, lab_env, prepare_kernel_dir

    directory = _workspace()
    target = _journal_for_jupyter(use_demo)
    click.echo(f"Journal: {target}")
    prepare_kernel_dir()
    _run(lab_argv(directory, jupyter_args), lab_env(clean_all_notebooks=clean_all_notebooks))


def _workspace() -> Path:
    """The private workspace, prepared; what changed in it is said first."""
    from ..app.launch import open_workspace
    from .terminal import echo

    report = open_workspace()
    echo(f"Notebooks: {report.folder}")
    for line in report.messages():
        echo(line)
    return report.folder


@click.command(context_settings={"ignore_unknown_options": True})
@click.option(
    "--demo",
    "use_demo",
    is_flag=True,
    help="Use the demo journal of made-up entries (written first if need be): at --journal PATH if given "
    "(never a journal of your own), else in your user data folder.",
)
@click.argument("args", nargs=-1, type=click.UNPROCESSED, metavar="[NOTEBOOK] [VOILA_OPTIONS]...")
def app(use_demo: bool, args: tuple[str, ...]) -> None:
    """Open the journaling forms as an app in the browser, with no code in sight (Voila).

    NOTEBOOK is one of the guided notebooks (default: the new-entry form); when given, it
    comes first. Extra options are passed to Voila (e.g. --no-browser, --port 8866). The
    address printed carries a new secret token each time; only this computer is answered.
    """
    from ..app.launch import APP_NOTEBOOKS, prepare_kernel_dir, split_app_args, voila_argv, voila_env

    notebook, voila_args = split_app_args(args)
    directory = _workspace()
    name = notebook or APP_NOTEBOOKS[0]
    if not name.endswith(".ipynb"):
        name += ".ipynb"
    if not (directory / name).exists():
        choices = ", ".join(sorted(p.stem for p in directory.glob("*.ipynb")))
        raise click.ClickException(f"There is no notebook {name!r}; choose one of {choices}.")
    target = _journal_for_jupyter(use_demo)
    click.echo(f"Journal: {target}")
    prepare_kernel_dir()
    _run(voila_argv(directory, name, voila_args), voila_env())


COMMANDS = (lab, app)
