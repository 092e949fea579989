"""Bringing a supervisor's feedback back from a returned pack: ``workbook import-feedback``.

The returned notebook (or its age-encrypted ``.age`` file, opened in memory with a passphrase
asked unseen, or for scripts and tests taken from ``WORKBOOK_PASSPHRASE``) is checked against
the journal (its seal, its entries) before anything is written, then every comment is added
in one write (:func:`workbook.supervision.feedback.import_feedback`). Only counts are printed,
never the feedback itself.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import click

from ..models import FEEDBACK_ROLES
from ._journal import opened
from .terminal import echo

SECRET_ENV_VAR = "WORKBOOK_PASSPHRASE"  # noqa: S105 (the name of a variable, not a secret)


def _encrypted(path: Path) -> bool:
    from ..supervision.crypt import AGE_MAGIC, ARMOR_MAGIC

    if path.name.endswith(".age"):
        return True
    try:
        with path.open("rb") as handle:
            head = handle.read(64)
    except OSError:
        return False  # import_feedback says what is wrong with the file
    return head.startswith(AGE_MAGIC) or head.lstrip().startswith(ARMOR_MAGIC)


def _passphrase(path: Path) -> str:
    given = os.environ.get(SECRET_ENV_VAR)
    if given is not None:
        return given
    import getpass

    return getpass.getpass(f"Passphrase for {path.name}: ")


@click.command("import-feedback")
@click.argument("pack", type=click.Path(path_type=Path))
@click.option(
    "--role",
    type=click.Choice(FEEDBACK_ROLES),
    help="Who gave the feedback. Default: who the pack was made for (supervisor or peer).",
)
@click.option(
    "--on",
    "given_on",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    metavar="DATE",
    help="The date the feedback was given (YYYY-MM-DD). Default: today.",
)
@click.option("--dry-run", is_flag=True, help="Check the pack and count the comments, but write nothing.")
def import_feedback_command(pack: Path, role: str | None, given_on: dt.datetime | None, dry_run: bool) -> None:
    """Bring your supervisor's feedback from a returned pack into your journal.

    PACK is the pack notebook your supervisor wrote in and sent back (.ipynb), or the
    encrypted .ipynb.age file: its passphrase is asked without showing it, and the file is
    opened in memory only. Each comment is added to the entry it was written under; feedback
    on the pack as a whole is added to every entry of the pack, starting "On the pack as a
    whole:". A pack made by another journal, or changed since it was made, is refused, as is
    one whose entries have been purged or are in the trash (restore them first); nothing is
    written then. Bringing the same pack back twice adds nothing new. Only counts are shown.

    \b
    Examples:
      workbook import-feedback ~/Downloads/supervision-pack-2026-12-03-3f2a1b2c.ipynb --dry-run
      workbook import-feedback returned.ipynb.age --role "practice educator" --on 2026-12-10
    """
    from ..supervision.feedback import import_feedback

    with opened() as journal:
        passphrase = _passphrase(pack) if _encrypted(pack) else None
        result = import_feedback(
            journal,
            pack,
            role=role,
            given_on=given_on.date() if given_on else None,
            dry_run=dry_run,
            passphrase=passphrase,
        )
    echo(str(result))


COMMANDS = (import_feedback_command,)
