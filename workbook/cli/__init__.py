"""The ``workbook`` command: keep and look after your journal from a terminal.

Each command opens the journal, calls the library, and prints the result. Every error a
person can cause is printed as one line (``Error: ...``) with a non-zero exit status,
never a traceback: :class:`WorkbookGroup`, the root of the command, is the one place that
translates errors, so no command needs a ``try`` of its own for that. Heavy modules
(pandas, altair, ipywidgets) are never imported here, so ``workbook --help`` is instant;
even the journal, exchange and doctor modules load only in the commands that use them.

The commands live by family: ``entries`` (add, edit, list, show, search, delete, restore),
``files`` (init, demo, backup, doctor), ``exchange`` (export, import), ``history`` (history, restore-version), ``register`` (people, tags,
templates), ``purge`` (purge), ``jupyter`` (lab, app), ``packs`` (share), ``sharing`` (check-share, decrypt), ``feedback`` (import-feedback), ``course`` (check, check-all),
``assignments`` (assignment list, new, export) and ``cpd`` (cpd add-swe, add-nmc-account, add-nmc-discussion,
list, status, export, delete). A new family is a module with a
``COMMANDS`` tuple, added to the loop at the end of this file.

Journal text is shown only by ``show`` (the whole entry) and by ``list``/``search``
(titles, truncated). Other commands print ids, dates, counts and tag names.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import click

from .. import __version__
from ..errors import ValidationError, WorkbookError
from . import (
    assignments,
    course,
    cpd,
    entries,
    exchange,
    feedback,
    files,
    history,
    jupyter,
    packs,
    pcf,
    purge,
    register,
    sharing,
)
from ._errors import FLAGS, OneLineUsageError, explain, one_line, shorten

__all__ = ["FLAGS", "OneLineUsageError", "WorkbookGroup", "cli", "explain", "main"]

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class WorkbookGroup(click.Group):
    """The root of the command: turns the workbook's errors into one-line messages.

    Subcommands and subgroups (``people add``) run inside this group's ``invoke``, so their
    errors pass through here too and they need no error handling of their own.
    """

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as exc:
            raise shorten(exc) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.UsageError as exc:
            raise shorten(exc) from None
        except ValidationError as exc:
            raise click.ClickException(one_line(explain(exc))) from None
        except WorkbookError as exc:
            raise click.ClickException(one_line(str(exc))) from None
        except sqlite3.DatabaseError as exc:
            raise click.ClickException(
                one_line(f"The journal could not be read or written ({exc}). Run `workbook doctor` to check it.")
            ) from None
        except BrokenPipeError:
            raise
        except OSError as exc:
            where = f": {exc.filename}" if exc.filename else ""
            raise click.ClickException(one_line(f"{exc.strerror or exc}{where}")) from None


@click.group("workbook", cls=WorkbookGroup, context_settings=CONTEXT_SETTINGS)
@click.option(
    "--journal",
    "journal_path",
    type=click.Path(path_type=Path),
    envvar="WORKBOOK_JOURNAL",
    show_envvar=True,
    metavar="PATH",
    help="The journal file to use. Default: the WORKBOOK_JOURNAL environment variable, "
    "else journal.db in your user data folder.",
)
@click.version_option(__version__, prog_name="workbook")
def cli(journal_path: Path | None) -> None:
    """Reflective Workbook: a private journal of the hard conversations of practice.

    Record a conversation, tag what you felt and how it went, and look back at it later
    or with your supervisor. Everything stays in one file on this computer that only
    you can open.

    \b
    Start here:
      workbook init                      create your journal
      workbook demo                      make a practice journal full of made-up entries
      workbook add --title "Home visit"  record a conversation
      workbook list                      see your entries
      workbook show ID                   read one (the first 8 characters of its id will do)

    Run `workbook COMMAND --help` to learn more about a command.
    """


def main() -> None:
    """Run the command line (the ``workbook`` console script)."""
    cli(prog_name="workbook")


for _family in (
    entries,
    files,
    exchange,
    history,
    register,
    purge,
    jupyter,
    packs,
    sharing,
    feedback,
    course,
    assignments,
    cpd,
    pcf,
):
    for _command in _family.COMMANDS:
        cli.add_command(_command)
del _family, _command
