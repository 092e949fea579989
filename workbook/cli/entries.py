"""The commands that write and read entries: add, edit, list, show, search, delete, restore.

Journal text reaches the screen only through ``show`` (the whole entry) and ``list`` and
``search`` (titles, cut to fit); everything else prints ids, dates and counts. How an edit
merges with the entry is the library's (``workbook.journal.edits``); here are only the
options and what is printed.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from ..models import OUTCOMES, Entry
from ._identifiers import REDACT_OPTION, redact_request, redact_values, warn_about
from ._journal import opened
from ._options import entry_options, entry_values, parse_pairs, parse_tag
from .exchange import save_imported
from .terminal import echo, entry_table, entry_text, json_text, short_id, tag_text


@click.command()
@entry_options(edit=False)
@click.option(
    "--from-json",
    "from_json",
    metavar="FILE",
    type=click.Path(exists=True, dir_okay=False, allow_dash=True),
    help="Add entries from a JSON file instead (one entry, a list of entries, or a `workbook export`); - reads standard input.",
)
@REDACT_OPTION
def add(from_json: str | None, redact: bool, **fields: Any) -> None:
    """Record a conversation.

    Only --title is needed; add whatever else helps you reflect. Nothing is saved unless
    every value is valid, and the error says which one to fix.

    \b
    Example:
      workbook add --title "Telling Mum about the referral" --date 2026-03-14 \\
        --context child-protection --outcome softened --tag anxious:2 --tag guilty \\
        --feelings-before 7 --feelings-after 5 --action "Call back on Friday" --flag
    """
    given = {k: v for k, v in fields.items() if v is not None and v != () and v is not False}
    if from_json is not None:
        if given:
            raise click.UsageError(
                f"--from-json cannot be combined with {', '.join('--' + k.replace('_', '-') for k in given)}."
            )
        _add_from_json(from_json)
        return
    if "title" not in given:
        raise click.UsageError('--title is needed: give the conversation a short title, e.g. --title "Home visit".')
    values = entry_values(given)
    with opened() as journal:
        entry = journal.add(**(redact_values(values, journal) if redact else values))
        echo(f"Saved entry {entry.id}")
        warn_about(entry, journal)


def _add_from_json(source: str) -> None:
    from ..exchange import read_json

    if source == "-":
        save_imported(read_json(getattr(sys.stdin, "buffer", sys.stdin), name="standard input"), "standard input")
    else:
        save_imported(read_json(source), source)


@click.command()
@click.argument("entry_id", metavar="ID")
@entry_options(edit=True)
@REDACT_OPTION
def edit(entry_id: str, redact: bool, **fields: Any) -> None:
    """Change an entry. The previous version is kept.

    Give only what you want to change. ID is the entry's id or its first 8 characters
    (as `workbook list` shows them).

    \b
    Examples:
      workbook edit 3f2a1b2c --outcome held --add-tag relieved
      workbook edit 3f2a1b2c --action-status a1b2c3=done
      workbook edit 3f2a1b2c --clear stance
      workbook edit 3f2a1b2c --pcf knowledge --pcf critical_reflection
    """
    from ..journal.edits import TemplateChangeError, merge

    request = _edit_request(fields)
    with opened() as journal:
        if redact:
            request = redact_request(request, journal)
        vocabulary = journal.vocabulary()
        before: list[Entry] = []

        def merged(entry: Entry) -> dict[str, Any]:
            before.append(entry)
            return merge(entry, **request, vocabulary=vocabulary)

        try:
            # merged with the entry as read inside the write: another edit saved a moment
            # before (another terminal, a notebook) is kept, not overwritten
            updated = journal.edit(entry_id, merged)
        except TemplateChangeError:
            raise click.UsageError(
                "The entry has answers for its current template: give --response answers for the new one too, "
                "or --clear template first (earlier versions keep the old answers)."
            ) from None
        if before and updated.revision == before[-1].revision:
            click.echo(
                f"Nothing changed: entry {short_id(updated.id)} already holds that (still revision {updated.revision})."
            )
            return
        click.echo(f"Updated entry {short_id(updated.id)} (revision {updated.revision}; earlier versions are kept).")
        if "tags" in request["changes"]:
            old_tags = [tag_text(t) for t in before[-1].tags]
            new_tags = [tag_text(t) for t in updated.tags]
            removed = [t for t in old_tags if t not in new_tags]
            echo(
                f"Tags replaced: now {', '.join(new_tags) or 'none'}"
                + (f" (removed: {', '.join(removed)}; use --add-tag to keep tags)." if removed else ".")
            )
        warn_about(updated, journal)


def _edit_request(fields: dict[str, Any]) -> dict[str, Any]:
    """``edit``'s options as the arguments of ``edits.merge``; usage errors come before the journal opens."""
    add_tags = [parse_tag(t) for t in fields.pop("add_tags")]
    remove_tags = [parse_tag(t)["tag"] for t in fields.pop("remove_tags")]
    statuses = parse_pairs(fields.pop("action_status"), "--action-status", "ACTION_ID=STATUS, e.g. a1b2c3=done")
    clear = fields.pop("clear")
    given = {k: v for k, v in fields.items() if v not in (None, ())}
    if not (given or add_tags or remove_tags or statuses or clear):
        raise click.UsageError("Nothing to change: give at least one option, e.g. --title.")
    for name in clear:
        if name.replace("-", "_") in given:
            raise click.UsageError(f"--clear {name} and --{name} cannot be given together.")
    changes = entry_values(given)
    return {
        "changes": changes,
        "responses": changes.pop("responses", None),
        "add_actions": changes.pop("actions", ()),
        "add_tags": add_tags,
        "remove_tags": remove_tags,
        "statuses": statuses,
        "clear": [name.replace("-", "_") for name in clear],
    }


@click.command("list")
@click.option("--since", metavar="YYYY-MM-DD", help="Only conversations on or after this date.")
@click.option("--until", metavar="YYYY-MM-DD", help="Only conversations on or before this date.")
@click.option(
    "--tag", "tags", multiple=True, metavar="TAG", help="Only entries with this tag. Repeat: entries with all of them."
)
@click.option("--context", help="Only entries from this context, e.g. end-of-life.")
@click.option("--outcome", type=click.Choice(OUTCOMES, case_sensitive=False), help="Only entries with this outcome.")
@click.option("--flagged", is_flag=True, help="Only entries marked to bring to supervision.")
@click.option("--trash", is_flag=True, help="Show the entries in the trash instead.")
@click.option(
    "--limit",
    type=click.IntRange(0),
    default=50,
    show_default=True,
    help="Show at most this many (the most recent); 0 shows all.",
)
def list_(
    since: str | None,
    until: str | None,
    tags: tuple[str, ...],
    context: str | None,
    outcome: str | None,
    flagged: bool,
    trash: bool,
    limit: int,
) -> None:
    """List your entries.

    Oldest first: id, date, context, outcome, tags and title (the most recent 50 unless
    you say otherwise). Use the first 8 characters of an id with `workbook show`, `edit` or `delete`.
    """
    with opened() as journal:
        if context is not None:
            context = journal.vocabulary().resolve(context, field="context").id
        ids = journal.entry_ids(
            since=since,
            until=until,
            tags=list(tags) or None,
            context=context,
            outcome=outcome.lower() if outcome else None,
            flagged=True if flagged else None,
            in_trash=trash,
        )
        shown = ids[-limit:] if limit else ids
        entries = journal.load(shown)
    if not entries:
        echo("The trash is empty." if trash else "No entries match.")
        return
    for line in entry_table(entries):
        echo(line)
    if len(shown) < len(ids):
        echo(f"({len(shown)} most recent of {len(ids)} shown; --limit 0 shows all.)")


@click.command()
@click.argument("entry_id", metavar="ID")
@click.option("--json", "as_json", is_flag=True, help="Print the whole entry as JSON (for other programs).")
def show(entry_id: str, as_json: bool) -> None:
    """Read one entry in full.

    ID is the entry's id or its first 8 characters. The text is shown on your screen
    only; think about who can see it.
    """
    with opened() as journal:
        entry = journal.get(entry_id)
        if as_json:
            echo(json_text(entry.to_dict()))
            return
        for line in entry_text(journal, entry):
            echo(line)
        for line in pcf_lines(entry):
            echo(line)


def pcf_lines(entry: Entry) -> list[str]:
    """The BASW PCF domains of the entry and of its action points, by their labels (none: no lines)."""
    from ..content import PCF_DOMAINS

    if not entry.pcf and not any(a.pcf for a in entry.actions):
        return []
    lines = ["", "-- PCF domains (social work) --"]
    if entry.pcf:
        lines.append("; ".join(PCF_DOMAINS.get(d, d) for d in entry.pcf))
    lines += [f"action {a.id}: {'; '.join(PCF_DOMAINS.get(d, d) for d in a.pcf)}" for a in entry.actions if a.pcf]
    return lines


@click.command()
@click.argument("words", nargs=-1, required=True)
@click.option("--limit", type=click.IntRange(1), default=20, show_default=True, help="Show at most this many matches.")
def search(words: tuple[str, ...], limit: int) -> None:
    """Find entries containing some words.

    Entries are shown if every one of WORDS is in their title, answers or narrative. Newest first; the last word also matches as the start of a word, so `search
    safeg` finds "safeguarding". Entries in the trash are left out.
    """
    with opened() as journal:
        entries = journal.search(" ".join(words), limit=limit)
    if not entries:
        echo("No entries match.")
        return
    for line in entry_table(entries):
        echo(line)


@click.command()
@click.argument("entry_id", metavar="ID")
def delete(entry_id: str) -> None:
    """Move an entry to the trash.

    `workbook restore ID` brings it back. Nothing is destroyed: entries in the trash are kept, left out of lists, searches and
    patterns, and can be seen with `workbook list --trash`.
    """
    with opened() as journal:
        entry = journal.get(entry_id)
        if entry.in_trash:
            echo(f"Entry {short_id(entry.id)} is already in the trash.")
            return
        journal.delete(entry.id)
    echo(f"Moved entry {short_id(entry.id)} to the trash; `workbook restore {short_id(entry.id)}` brings it back.")


@click.command()
@click.argument("entry_id", metavar="ID")
def restore(entry_id: str) -> None:
    """Bring an entry back from the trash."""
    with opened() as journal:
        entry = journal.get(entry_id)
        if not entry.in_trash:
            echo(f"Entry {short_id(entry.id)} is not in the trash; nothing to do.")
            return
        journal.restore(entry.id)
    echo(f"Restored entry {short_id(entry.id)}.")


COMMANDS = (add, edit, list_, show, search, delete, restore)
