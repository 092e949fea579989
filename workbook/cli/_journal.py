"""The journal a command works on: chosen once by ``--journal``, opened once per command.

Every command family asks these two functions, so the rule for which file is used (the
option, else ``WORKBOOK_JOURNAL``, else the default, all decided in ``paths``) and the
refusal of a journal that does not exist yet are written once.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .terminal import echo

if TYPE_CHECKING:
    from ..journal.store import Journal


def journal_path() -> Path:
    """The journal chosen by --journal, WORKBOOK_JOURNAL or the default location."""
    from ..paths import resolve_journal_path

    ctx = click.get_current_context()
    return resolve_journal_path(ctx.find_root().params.get("journal_path"))


@contextmanager
def opened(*, create: bool = False) -> Iterator[Journal]:
    """Open the journal for one command (refusing a missing one unless ``create``)."""
    from ..journal.store import Journal

    path = journal_path()
    if not create and not path.exists():
        raise click.ClickException(
            f"No journal at {path}. Create one with `workbook init`, or choose another "
            "with --journal PATH or the WORKBOOK_JOURNAL environment variable."
        )
    with Journal(path) as journal:
        if journal.backup_made is not None:
            echo(f"The journal was upgraded; a copy of the previous version is at {journal.backup_made}.", err=True)
        yield journal
