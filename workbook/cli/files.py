"""The commands about whole files: init, demo, export, import, backup, doctor.

``export`` and ``import`` dispatch by name through the registry of interchange formats
(``workbook.exchange.FORMATS``): the ``--format`` choices, their help and the warning for a
file that carries the aliases all come from each format's entry, so a new format needs no
change here. The registry is looked up only when one of these commands runs or shows its
help, so ``workbook --help`` does not load the exchange package.
"""

from __future__ import annotations

import shlex
import stat
import sys
from pathlib import Path
from typing import Any

import click

from ..errors import ValidationError
from ..paths import backup_beside, default_demo_path
from ._errors import one_line
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


# -- export and import, by the name of a registered format --------------------------------
class FormatName(click.Choice):
    """The names of the registered formats that can go one way, read from the registry when asked.

    A plain ``click.Choice`` needs its names when the command is defined, that is each time
    ``workbook`` starts; this looks them up only to check a value or to show help.
    """

    def __init__(self, direction: str) -> None:
        self.direction = direction
        self.case_sensitive = True

    @property  # type: ignore[override]
    def choices(self) -> tuple[str, ...]:
        return tuple(f.name for f in _formats(self.direction))


class FormatsCommand(click.Command):
    """A command whose help ends with the formats it can use, each with its summary."""

    def __init__(self, *args: Any, direction: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.direction = direction

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with formatter.section("Formats"):
            formatter.write_dl(
                [(f.name, f.summary + (" (lossless)" if f.lossless else "")) for f in _formats(self.direction)]
            )
        super().format_epilog(ctx, formatter)


def _formats(direction: str) -> list[Any]:
    from ..exchange import FORMATS

    return [f for f in FORMATS.values() if (f.export if direction == "export" else f.read) is not None]


def format_option(direction: str) -> Any:
    """``--format NAME``: one of the registered formats that can go in ``direction``."""
    return click.option(
        "--format",
        "fmt",
        type=FormatName(direction),
        default=None,
        help="The format, by name (see Formats below). Default: from the file name, else json.",
    )


@click.command(cls=FormatsCommand, direction="export")
@format_option("export")
@click.option(
    "-o", "--output", required=True, type=click.Path(path_type=Path, dir_okay=False), help="The file to write."
)
@click.option("--force", is_flag=True, help="Replace the file if it exists.")
def export(fmt: str | None, output: Path, force: bool) -> None:
    """Write your journal to a file.

    The format is the one named with --format, else the one the file name's ending says
    (.json, .csv), else json. A lossless format holds everything: every entry (the trash
    too), earlier versions, your own tags and your people register; the aliases are not
    in it (they are kept only as one-way digests, whose key stays on this computer), so
    record them again after `workbook import FILE` reads it into an empty journal.
    In a spreadsheet file, a cell that a spreadsheet could run as a formula (starting
    with = + - or @) gets a leading apostrophe, so opening the file is safe.

    Every format holds your text: the file is made readable by you only. Keep it as
    private as the journal, and delete it when you no longer need it.
    """
    from ..exchange import format_for

    output = output.expanduser()
    chosen = format_for(output, fmt, direction="export")
    if output.exists() and not force:
        raise click.ClickException(f"{output} already exists. Choose another file name, or add --force to replace it.")
    assert chosen.export is not None  # format_for refuses a format that cannot export
    with opened() as journal:
        count = chosen.export(journal, output)
    echo(f"Exported {count} entries as {chosen.name.upper()} to {output} (readable by you only).")
    if chosen.lossless:
        echo("Aliases do not travel: the file counts them, without the names; record them again after an import.")


@click.command("import", cls=FormatsCommand, direction="import")
@click.argument("source", metavar="FILE", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@format_option("import")
def import_(source: Path, fmt: str | None) -> None:
    """Add the entries in a file to your journal.

    FILE is a `workbook export` (its people and your own tags come too), one entry or a
    list of entries. Everything is checked first: if any entry is refused, nothing is
    saved and the error says which entry and field to fix. An entry whose id is already
    in the journal is refused too, so one file cannot be imported twice.
    """
    from ..exchange import format_for

    chosen = format_for(source, fmt, direction="import")
    assert chosen.read is not None  # format_for refuses a format that cannot be read
    save_imported(chosen.read(source), str(source))


def save_imported(data: Any, label: str) -> None:
    """Add what was read from ``label`` in one transaction and say what was saved (``import``, ``add --from-json``)."""
    from ..exchange import import_document
    from ..exchange.plan import readable_aliases_in

    with opened() as journal:
        try:
            done = import_document(journal, data)
        except ValidationError as exc:
            raise click.ClickException(f"Nothing was saved. In {label}: {one_line(str(exc))}") from None
    entries = done.entries
    if len(entries) <= 20:
        for entry in entries:
            echo(f"Saved entry {entry.id}")
    else:
        echo(f"Saved {len(entries)} entries.")
    if done.cpd_records or done.cpd_records_skipped:
        n = len(done.cpd_records)
        echo(
            f"Saved {n} CPD record{'' if n == 1 else 's'}; {done.cpd_records_skipped} already in the journal "
            "were left as they were."
        )
    readable = readable_aliases_in(data)
    if readable:
        echo(
            f"{label} holds {readable} alias(es) as readable names (an export from an older version): the "
            "journal keeps them only as one-way digests, but the file still holds them. Delete it once you "
            "no longer need it."
        )


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


COMMANDS = (init, demo, export, import_, backup, doctor)
