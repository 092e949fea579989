"""``workbook history`` and ``workbook restore-version``: read and bring back earlier versions.

Every save keeps the version it replaces; ``history`` lists them with what changed, shows
one in full (``--show N``) or what it changed, field by field (``--diff N``), and
``restore-version`` makes an earlier version current again as a new revision, so nothing
is lost. Text is shown on the screen only (cleaned of terminal escapes by ``echo``).
"""

from __future__ import annotations

import click

from ._journal import opened
from .terminal import echo, entry_text, short_id, stamp


def _find(revisions, number: int):
    for rev in revisions:
        if rev.revision == number:
            return rev
    raise click.ClickException(f"The entry has no revision {number}; its revisions are 1 to {revisions[-1].revision}.")


@click.command()
@click.argument("entry_id", metavar="ID")
@click.option("--show", "show_n", type=click.IntRange(1), metavar="N", help="Show revision N in full.")
@click.option(
    "--diff", "diff_n", type=click.IntRange(1), metavar="N", help="Show what revision N changed, field by field."
)
def history(entry_id: str, show_n: int | None, diff_n: int | None) -> None:
    """List the versions of an entry and what each changed.

    Every save keeps the version it replaced. With --show N, read revision N in full; with
    --diff N, see each field it changed, the earlier lines marked - and its own marked +.
    `workbook restore-version ID N` makes revision N current again (as a new revision).
    """
    if show_n is not None and diff_n is not None:
        raise click.UsageError("Give --show or --diff, not both.")
    with opened() as journal:
        revisions = journal.history(entry_id)
        if show_n is not None:
            _show(journal, revisions, show_n)
        elif diff_n is not None:
            _diff(journal, revisions, diff_n)
        else:
            _list(journal, revisions)


def _show(journal, revisions, number: int) -> None:
    rev = _find(revisions, number)
    current = " (the current version)" if rev is revisions[-1] else ""
    echo(f"Revision {rev.revision} of {revisions[-1].revision}, saved {stamp(rev.saved_at)}{current}")
    echo("")
    for line in entry_text(journal, rev.entry):
        echo(line)


def _diff(journal, revisions, number: int) -> None:
    from ..journal.versions import changes, diff_lines

    rev = _find(revisions, number)
    index = revisions.index(rev)
    before = revisions[index - 1].entry if index else None
    what = f"revision {number - 1} -> {number}" if index else "revision 1 (the first version)"
    echo(f"What changed in {what}, saved {stamp(rev.saved_at)}:")
    found = changes(before, rev.entry, journal.vocabulary(), journal.templates())
    if not found:
        echo("No field changed.")
    for label, old, new in found:
        echo("")
        echo(f"-- {label} --")
        for line in diff_lines(old, new):
            echo(line)


def _list(journal, revisions) -> None:
    from ..journal.versions import changes

    entry = revisions[-1].entry
    restored = journal.restored_from(entry.id)
    vocabulary, templates = journal.vocabulary(), journal.templates()
    echo(f"History of {short_id(entry.id)} ({len(revisions)} versions; the last is the current one):")
    previous = None
    for rev in revisions:
        if previous is None:
            what = "first version"
        else:
            what = ", ".join(label for label, _, _ in changes(previous, rev.entry, vocabulary, templates))
            what = what or "no field changed"
        if rev.revision in restored:
            what = f"restores revision {restored[rev.revision]}: {what}"
        echo(f"  {rev.revision:>3}  {stamp(rev.saved_at)}  {what}")
        previous = rev.entry
    echo(f"See one with `workbook history {short_id(entry.id)} --diff N` or `--show N`.")


@click.command("restore-version")
@click.argument("entry_id", metavar="ID")
@click.argument("revision", type=click.IntRange(1), metavar="N")
@click.option(
    "--expect",
    "expected",
    type=click.IntRange(1),
    metavar="REVISION",
    help="Refuse if the entry is no longer at this revision (someone saved it since you looked).",
)
def restore_version(entry_id: str, revision: int, expected: int | None) -> None:
    """Make an earlier version of an entry current again.

    Nothing is lost: the restore is saved as a new revision that records which one it
    restores, and the version it replaces stays in `workbook history ID`. (To bring an
    entry back from the trash, use `workbook restore ID`.)
    """
    with opened() as journal:
        entry = journal.restore_revision(entry_id, revision, expected_revision=expected)
    echo(f"Restored revision {revision} of {short_id(entry.id)} as revision {entry.revision}.")


COMMANDS = (history, restore_version)
