"""The commands about the journal file itself: init, demo, backup, doctor.

(``export`` and ``import``, which move entries in and out in other formats, are in
:mod:`.exchange`.)
"""

from __future__ import annotations

import shlex
import stat
import sys
from pathlib import Path
from typing import Any

import click

from ..paths import backup_beside, default_demo_path
from ._journal import journal_path, opened
from .terminal import echo, mode_text


@click.command()
def init() -> None:
    """Create your journal (or check the one you have).

    The journal is a single file that only your user account can open. This prints where
    it is and its permissions. Running it again is safe: an existing journal is left as it is.
    """
    path = journal_path()
    existed = path.exists()
    with opened(create=True) as journal:
        count = len(journal)
    if existed:
        echo(f"Your journal is at {path} ({count} entries); it was left as it is.")
    else:
        echo(f"Created a new journal at {path}.")
    echo(f"File:   {mode_text(path)}")
    echo(f"Folder: {mode_text(path.parent)}")
    if stat.S_IMODE(path.parent.stat().st_mode) & 0o077:
        echo(f"(The journal itself stays private. To hide the file names too: chmod 700 '{path.parent}')")
    echo("Use another file with --journal PATH or the WORKBOOK_JOURNAL environment variable.")


@click.command()
@click.argument("path", required=False, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--force", is_flag=True, help="Replace an earlier demo journal at PATH (never a journal of your own).")
@click.option(
    "--entries",
    "count",
    type=click.IntRange(1, 5_000),
    default=None,
    help="How many made-up entries to write (default 300, at most 5,000).",
)
@click.option("--seed", type=int, default=None, help="Make a different (but repeatable) set of made-up entries.")
@click.option(
    "--persona",
    type=click.Choice(["social-worker", "nurse"]),
    default=None,
    help="Whose made-up journal: social-worker (children and families; the default) or nurse (district "
    "nursing and palliative care).",
)
def demo(path: Path | None, force: bool, count: int | None, seed: int | None, persona: str | None) -> None:
    """Write a practice journal full of made-up entries.

    Use it to try the workbook, its notebooks and charts without writing anything of your
    own. Every person, place and event in it is invented. It is written to PATH, or to a
    demo file in your user data folder; your own journal is never touched. There are two
    fictional practitioners, each with a journal of their own: a children and families
    social worker (the default) and a community nurse (--persona nurse).
    """
    try:
        from .. import demo as demo_module
    except ImportError as exc:
        raise click.ClickException(f"The demo journal is not available in this installation ({exc}).") from None

    target = path if path is not None else default_demo_path()
    target = target.expanduser()
    if target.exists() and not force:
        raise click.ClickException(f"{target} already exists. Choose another PATH, or add --force to replace the demo.")
    kwargs: dict[str, Any] = {"force": force}
    if count is not None:
        kwargs["entries"] = count
    if seed is not None:
        kwargs["seed"] = seed
    if persona is not None:
        kwargs["persona"] = persona
    written = Path(demo_module.write_demo_journal(target, **kwargs))
    echo(f"Wrote a demo journal of made-up entries to {written}.")
    echo("Try it without touching your own journal:")
    quoted = shlex.quote(str(written))
    echo(f"  workbook --journal {quoted} list")
    echo(f"  export WORKBOOK_JOURNAL={quoted}   # then every command and notebook uses the demo")


# -- backup and checks ----------------------------------------------------------------------
@click.command()
@click.argument("dest", required=False, type=click.Path(path_type=Path))
def backup(dest: Path | None) -> None:
    """Copy your journal to a new file.

    It is safe to run while notebooks have the journal open. DEST is a new file or a folder; by default the copy goes next to the journal, named
    with today's date and time. The copy can be opened with --journal DEST.
    """
    with opened() as journal:
        assert journal.path is not None
        if dest is None:
            dest = backup_beside(journal.path)
        written = journal.backup(dest)
    echo(f"Backed up to {written} ({mode_text(written)}).")


@click.command()
def doctor() -> None:
    """Check the journal for damage and privacy problems.

    The journal is only read, never changed. Checks that the file is a journal, SQLite's integrity check, the links between
    tables, the search index, the schema version, that every tag in use is in the
    vocabulary, and that other users cannot read the file. Exits with status 1 if a
    check fails.
    """
    from ..journal.doctor import run_checks

    path = journal_path()
    checks = run_checks(path)
    for check in checks:
        echo(f"[{check.status:<4}] {check.name}: {check.detail}")
    failed = [c for c in checks if not c.ok]
    if failed:
        echo(f"{len(failed)} check(s) failed for {path}.")
        sys.exit(1)
    warned = sum(c.warn for c in checks)
    echo(f"All checks passed for {path}" + (f" ({warned} warning(s))." if warned else "."))


COMMANDS = (init, demo, backup, doctor)
