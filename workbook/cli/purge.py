"""The command that removes a text or a trashed entry for good: ``purge``.

Every other command keeps what it replaces; this one is for what must not stay (a real name
written by mistake). It counts first, asks (unless ``--yes``), purges through
``Journal.purge_text`` / ``purge_entry`` and prints one line per place changed. The text to
purge is never printed: the prompt and the lines give its length and counts only, and
``--text -`` reads it from standard input (unseen at a terminal), so it need not be in the
shell's history either.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from ._journal import opened
from .terminal import echo, short_id

if TYPE_CHECKING:
    from ..journal.purge import PurgeReport
    from ..journal.store import Journal


def _plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n:,} {word if n == 1 else many or word + 's'}"


@click.command()
@click.option(
    "--text",
    metavar="TEXT",
    help="Replace this text (any casing, at least 2 characters) with [removed] everywhere in the journal. "
    "`--text -` reads it from standard input (typed unseen at a terminal): a text on the command line "
    "is kept in your shell's history.",
)
@click.option("--entry", "entry_id", metavar="ID", help="Remove this entry from the trash for good.")
@click.option(
    "--include-backups",
    is_flag=True,
    help="Purge the backups beside the journal too (those `workbook doctor` lists).",
)
@click.option("--yes", is_flag=True, help="Purge without asking first.")
def purge(text: str | None, entry_id: str | None, include_backups: bool, yes: bool) -> None:
    """Remove a text, or an entry in the trash, for good.

    Nothing else the workbook does destroys anything: edits keep earlier versions and
    deleting moves to the trash. A purge is for what must not stay, such as a real name
    written by mistake. --text replaces the text in every entry (the trash too), every
    earlier version, every draft and every CPD record; --entry deletes a trashed entry
    with its earlier versions and drafts, and takes it off the CPD records made from it. Then the file is rebuilt so the text cannot be found in it, its
    -wal file or a backup made afterwards. Backups made before are listed (or purged too
    with --include-backups); copies elsewhere (exports, other folders) are not seen.
    It cannot be undone. The journal should not be open in a notebook meanwhile.

    \b
    Examples:
      workbook purge --text -             then type the name (not shown), Enter
      workbook purge --entry 3f2a1b2c     an entry moved to the trash with `workbook delete`
    """
    if (text is None) == (entry_id is None):
        raise click.UsageError("Give either --text TEXT (or --text - to type it unseen) or --entry ID.")
    if text == "-":
        text = _read_text()
    with opened() as journal:
        if text is not None:
            preview = _counted(journal, text)
            _confirm(yes, f"Purge the text you gave ({len(text.strip())} characters): {_found(preview)}.", preview)
            report = journal.purge_text(text, include_backups=include_backups)
        else:
            assert entry_id is not None
            preview = journal.purge_entry(entry_id, dry_run=True)
            _confirm(
                yes,
                f"Purge entry {short_id(preview.entry_id or '')} from the trash, with "
                f"{_plural(preview.revisions, 'earlier version')} and {_plural(preview.drafts, 'draft')}.",
                preview,
            )
            report = journal.purge_entry(preview.entry_id or entry_id, include_backups=include_backups)
    for line in report_lines(report):
        echo(line)


def _counted(journal: Journal, text: str) -> PurgeReport:
    """What purging ``text`` would change; a refused text is an error about --text."""
    from ..errors import ValidationError

    try:
        return journal.purge_text(text, dry_run=True)
    except ValidationError as exc:
        if exc.field != "text":
            raise
        raise click.UsageError(f"--text: {exc.reason}") from None


def _read_text() -> str:
    """The text to purge from standard input: one line, typed unseen at a terminal."""
    stdin = sys.stdin  # the stream the confirmation reads next, so nothing is read ahead
    if stdin.isatty():
        return click.prompt("Text to purge (not shown)", hide_input=True, err=True)
    line = stdin.readline()
    if not line.strip():
        raise click.UsageError("--text - read nothing from standard input: give the text on its first line.")
    return line.rstrip("\r\n")


def _found(report: PurgeReport) -> str:
    if not report.changed:
        return "it is not in any entry, earlier version, draft or CPD record (the file is cleaned all the same)"
    found = (
        f"found {_plural(report.occurrences, 'time')} in {_plural(report.entries, 'entry', 'entries')}, "
        f"in {_plural(report.revisions, 'earlier version')} and {_plural(report.drafts, 'draft')}"
    )
    return found + (f", and in {_plural(report.records, 'CPD record')}" if report.records else "")


def _confirm(yes: bool, what: str, preview: PurgeReport) -> None:
    if yes:
        return
    if preview.backups:
        what += f" Not changed: {_plural(len(preview.backups), 'backup')} beside the journal (see --include-backups)."
    try:
        go = click.confirm(f"{what} This cannot be undone. Go on?", default=False, err=True)
    except click.Abort:
        go = False
    if not go:
        raise click.ClickException("Nothing was purged.")


def report_lines(report: PurgeReport) -> list[str]:
    """What a purge changed, one line per place, then what it could not reach."""
    if report.kind == "entry":
        lines = [
            f"Entry {short_id(report.entry_id or '')}: removed with its tags, people, action points and feedback",
            f"Earlier versions: {report.revisions:,} removed",
            f"Drafts: {report.drafts:,} removed",
            f"CPD records: the entry's id taken out of {_plural(report.records, 'record')} (the records stay)",
            "Search index: its words removed",
        ]
    else:
        lines = [
            f"Entries: {report.entries:,} changed ({_plural(report.occurrences, 'occurrence')} now read [removed]; "
            "no earlier version kept, the revision counted up)",
            f"Earlier versions: {report.revisions:,} changed",
            f"Drafts: {report.drafts:,} changed",
            f"CPD records: {report.records:,} changed",
            f"Search index: the words of {_plural(report.index, 'entry', 'entries')} written again, old segments merged away",
        ]
    lines.append(_file_line(report))
    lines.extend(_unreached(report))
    return lines


def _file_line(report: PurgeReport) -> str:
    if not report.cleaned:
        return (
            "File: NOT rebuilt: another program was writing to the journal. Close it, then run this "
            "purge again to finish (it will find nothing more and clean the file)."
        )
    if not report.wal_cleared:
        return (
            "File: rebuilt with no free pages, but its -wal file could not be emptied while another "
            "program reads the journal. Close it, then run this purge again."
        )
    return "File: rebuilt with no free pages; its -wal file emptied"


def _unreached(report: PurgeReport) -> list[str]:
    lines = [
        f"Backup {b.path}: purged too ({_plural(b.report.entries, 'entry', 'entries')}, "
        f"{_plural(b.report.revisions, 'earlier version')}, {_plural(b.report.drafts, 'draft')}"
        + (f", {_plural(b.report.records, 'CPD record')})" if b.report.records else ")")
        for b in report.backups_purged
        if b.report is not None
    ]
    lines += [f"Backup {b.path}: NOT purged ({b.problem})" for b in report.backups_purged if b.report is None]
    if report.backups:
        names = ", ".join(str(p) for p in report.backups)
        lines.append(f"These backups still hold it: {names}; delete them, or purge them too (--include-backups).")
    for place, n in report.elsewhere.items():
        lines.append(f"Still found in {place}: {_plural(n, 'row')}, which a purge does not change; change it there.")
    return lines


COMMANDS = (purge,)
