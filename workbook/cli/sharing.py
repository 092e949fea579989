"""The commands for a supervision pack once it exists: ``check-share`` and ``decrypt``.

``check-share FILE`` runs the leak check (:func:`workbook.supervision.leaks.check_share`)
with the journal when there is one, and prints one line per finding (kind, place, a hint
that never holds a real name in full); exit status 0 clean, 1 findings, 2 the file could not
be checked. ``decrypt FILE`` opens an age-encrypted pack with its passphrase, asked unseen
(or, for scripts and tests only, taken from ``WORKBOOK_PASSPHRASE``).
"""

from __future__ import annotations

import os
from pathlib import Path

import click

from ..errors import ValidationError, WorkbookError
from ._errors import explain, one_line
from ._journal import journal_path
from .terminal import echo

SECRET_ENV_VAR = "WORKBOOK_PASSPHRASE"  # noqa: S105 (the name of a variable, not a secret)


class _CheckError(click.ClickException):
    exit_code = 2


@click.command("check-share")
@click.argument("file", type=click.Path(path_type=Path))
def check_share_command(file: Path) -> None:
    """Check a pack (notebook, HTML, Markdown, Word .docx or zip) for anything that must not be shared.

    Looks for registered names and their aliases, identifiers (phone, NHS and National
    Insurance numbers, emails, postcodes, addresses, dates of birth), text of journal
    entries that the pack did not choose, the journal's path, your home folder and user
    name, outputs, code or widget state in a notebook, and scripts or outside addresses in
    a web page. Each finding is one line: its kind, where it is, and a hint that never shows
    a real name in full. Exit status: 0 clean, 1 findings, 2 the file could not be checked.
    Registered names and unchosen entries are checked only when the journal exists.

    \b
    Example:
      workbook check-share ~/packs/supervision-2026-12-03.ipynb
    """
    from ..supervision.leaks import check_share

    path = journal_path()
    try:
        if path.exists():
            from ..journal.store import Journal

            with Journal(path) as journal:
                found = check_share(file, journal)
        else:
            found = check_share(file)
    except ValidationError as exc:
        raise _CheckError(one_line(explain(exc))) from None
    except (WorkbookError, OSError) as exc:
        raise _CheckError(one_line(str(exc))) from None
    if not path.exists():
        echo(f"No journal at {path}: registered names and unchosen entries were not checked.", err=True)
    for finding in found:
        echo(str(finding))
    if found:
        echo(f"{len(found)} finding{'s' if len(found) != 1 else ''}: do not share {file.name} as it is.", err=True)
        raise SystemExit(1)
    echo(f"{file.name}: nothing found.")


@click.command("decrypt")
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    metavar="PATH",
    help="Where to write the opened pack. Default: FILE without its .age ending.",
)
def decrypt_command(file: Path, out: Path | None) -> None:
    """Open a pack encrypted with a passphrase (age format) and write it out.

    The passphrase is asked without showing it, and is never stored. (Scripts and tests may
    give it in the WORKBOOK_PASSPHRASE environment variable instead; people should not, as
    the environment can be read by other programs.) A wrong passphrase or a file changed
    after it was encrypted writes nothing. The same file also opens with the standard
    `age -d` tool.

    \b
    Example:
      workbook decrypt supervision-2026-12-03.ipynb.age
    """
    from ..supervision.crypt import decrypt_file

    if out is None:
        out = file.with_suffix("") if file.suffix == ".age" else file.with_name(file.name + ".decrypted")
    if out.exists():
        raise click.ClickException(f"{out} exists already; choose another place with --out PATH.")
    passphrase = os.environ.get(SECRET_ENV_VAR)
    if passphrase is None:
        import getpass

        passphrase = getpass.getpass(f"Passphrase for {file.name}: ")
    written = decrypt_file(file, out, passphrase)
    echo(f"Opened {file.name} into {written} (readable only by you).")


COMMANDS = (check_share_command, decrypt_command)
