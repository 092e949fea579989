"""The ``workbook`` command: keep and look after your journal from a terminal.

Each command opens the journal, calls the library, and prints the result. Every error a
person can cause is printed as one line (``Error: ...``) with a non-zero exit status,
never a traceback. Heavy modules (pandas, altair, ipywidgets) are never imported here,
so ``workbook --help`` is instant; even the exchange and doctor modules load only in the
commands that use them.

Journal text is shown only by ``show`` (the whole entry) and by ``list``/``search``
(titles, truncated). Other commands print ids, dates, counts and tag names.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shlex
import sqlite3
import stat
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from .. import __version__
from ..errors import ValidationError, WorkbookError
from ..models import OUTCOMES, PERSON_ROLES, STANCES
from ..paths import default_demo_path
from .terminal import clean, entry_table, entry_text, mode_text, short_id, table

if TYPE_CHECKING:
    from ..journal.store import Journal

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

# Which command-line option sets which entry field, for error messages.
FLAGS = {
    "occurred_on": "--date",
    "title": "--title",
    "context": "--context",
    "outcome": "--outcome",
    "stance": "--stance",
    "template": "--template",
    "responses": "--response",
    "narrative": "--narrative",
    "tags": "--tag",
    "people": "--person",
    "feelings_before": "--feelings-before",
    "feelings_after": "--feelings-after",
    "actions": "--action",
    "action_id": "--action-status",
    "since": "--since",
    "until": "--until",
    "role": "--role",
    "aliases": "--alias",
}
CLEARABLE = (
    "context",
    "outcome",
    "stance",
    "template",
    "narrative",
    "people",
    "tags",
    "feelings-before",
    "feelings-after",
)


# -- errors -------------------------------------------------------------------------------
def explain(exc: ValidationError) -> str:
    """A validation error in the words of the command line (``--date: ...``)."""
    match = re.match(r"([a-z_]+)(\[\d+\])?\.?(.*)", exc.field)
    reason = exc.reason
    if exc.field.startswith("people[") and "people register" in reason:
        reason += " Use `workbook people add PSEUDONYM --role ROLE`."
    if not match or match.group(1) not in FLAGS:
        return str(exc)
    flag = FLAGS[match.group(1)]
    rest = match.group(3)
    if flag == "--action" and rest == "status":
        flag, rest = "--action-status", ""
    if flag == "--response":
        reason = reason.replace("set 'template' too", "give --template too")
    if rest and rest != "tag":
        return f"{flag} {rest}: {reason}"
    return f"{flag}: {reason}"


class OneLineUsageError(click.UsageError):
    """A usage error shown as one line (``Error: ...``) instead of usage text plus error."""

    def show(self, file: Any = None) -> None:
        hint = f" (see `{self.ctx.command_path} --help`)" if self.ctx is not None else ""
        click.echo(f"Error: {_one_line(self.format_message())}{hint}", file=file, err=file is None)


def _shorten(exc: click.UsageError) -> click.UsageError:
    if isinstance(exc, OneLineUsageError) or type(exc).__name__ == "NoArgsIsHelpError":
        return exc  # "workbook people" with nothing after it shows the help
    return OneLineUsageError(exc.format_message(), exc.ctx)


class WorkbookGroup(click.Group):
    """A click group that turns the workbook's errors into one-line messages."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as exc:
            raise _shorten(exc) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.UsageError as exc:
            raise _shorten(exc) from None
        except ValidationError as exc:
            raise click.ClickException(_one_line(explain(exc))) from None
        except WorkbookError as exc:
            raise click.ClickException(_one_line(str(exc))) from None
        except sqlite3.DatabaseError as exc:
            raise click.ClickException(
                f"The journal could not be read or written ({exc}). Run `workbook doctor` to check it."
            ) from None
        except BrokenPipeError:
            raise
        except OSError as exc:
            where = f": {exc.filename}" if exc.filename else ""
            raise click.ClickException(f"{exc.strerror or exc}{where}") from None


def _one_line(text: str) -> str:
    return " ".join(text.split())


# -- the journal ------------------------------------------------------------------------
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
            click.echo(
                f"The journal was upgraded; a copy of the previous version is at {journal.backup_made}.", err=True
            )
        yield journal


# -- option parsing ---------------------------------------------------------------------
def _parse_stance(ctx: click.Context, param: click.Parameter, value: str | None) -> int | None:
    if value is None:
        return None
    try:
        return int(value)
    except ValueError:
        pass
    names = {name.replace(" ", "-"): n for n, name in STANCES.items()}
    key = value.strip().lower().replace(" ", "-").replace("_", "-")
    if key not in names:
        raise click.BadParameter(
            f"{value!r}: give a number from -2 (heroic) to 2 (stoical), or one of {', '.join(names)}."
        )
    return names[key]


def _parse_tag(value: str) -> dict[str, Any]:
    name, sep, level = value.rpartition(":")
    if not sep:
        return {"tag": value}
    if not level.strip().isdigit():
        raise click.BadParameter(
            f"{value!r}: write a tag as NAME or NAME:INTENSITY, e.g. anxious:2.", param_hint="'--tag'"
        )
    return {"tag": name, "intensity": int(level)}


def _parse_pairs(values: Sequence[str], option: str, example: str) -> list[tuple[str, str]]:
    pairs = []
    for value in values:
        key, sep, rest = value.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"{value!r}: write it as {example}.", param_hint=f"'{option}'")
        pairs.append((key.strip(), rest))
    return pairs


def _read_text(value: str | None) -> str | None:
    if value == "-":
        return sys.stdin.read().rstrip("\n")
    return value


def entry_options(*, edit: bool) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The options shared by ``add`` and ``edit``."""
    keep = " (unchanged if not given)" if edit else ""
    options = [
        click.option("--title", help=f"A short title for the conversation (one line){keep}."),
        click.option(
            "--date",
            "occurred_on",
            metavar="YYYY-MM-DD",
            help=f"When the conversation happened{keep or ' (default: today)'}.",
        ),
        click.option(
            "--context", help="The setting, e.g. child-protection or end-of-life (see `workbook tags --group context`)."
        ),
        click.option(
            "--outcome",
            type=click.Choice(OUTCOMES, case_sensitive=False),
            help="Was the hard issue held (named), avoided (never raised) or softened (blurred)?",
        ),
        click.option(
            "--stance",
            callback=_parse_stance,
            metavar="STANCE",
            help="Your stance, -2 heroic ... 0 balanced ... 2 stoical (a number or name, e.g. leaning-stoical).",
        ),
        click.option("--template", help="The reflective model you used, e.g. gibbs (see `workbook templates`)."),
        click.option(
            "--response",
            "responses",
            multiple=True,
            metavar="STAGE=TEXT",
            help="Your answer to one stage of the template, e.g. --response description='We met at...'. Repeat for each stage."
            + (" An empty TEXT removes the stage's answer." if edit else ""),
        ),
        click.option(
            "--tag",
            "tags",
            multiple=True,
            metavar="TAG[:1-3]",
            help="A tag from the vocabulary, optionally with an intensity, e.g. anxious:2. Repeat for more tags."
            + (" Replaces all tags." if edit else ""),
        ),
        click.option(
            "--person",
            "people",
            multiple=True,
            metavar="PSEUDONYM",
            help="Someone who took part, by pseudonym (add them first: `workbook people add`). Repeat for more people."
            + (" Replaces the list." if edit else ""),
        ),
        click.option(
            "--narrative",
            metavar="TEXT",
            help="What happened, in your own words. Give - to type or paste it (end with Ctrl-D).",
        ),
        click.option(
            "--feelings-before",
            type=click.IntRange(0, 10),
            metavar="0-10",
            help="Your feelings before the conversation, on a scale of 0 to 10.",
        ),
        click.option(
            "--feelings-after",
            type=click.IntRange(0, 10),
            metavar="0-10",
            help="Your feelings afterwards, on the same scale.",
        ),
        click.option(
            "--action",
            "actions",
            multiple=True,
            metavar="TEXT",
            help="An action point to follow up. Repeat for more." + (" Added to the existing ones." if edit else ""),
        ),
    ]
    if edit:
        options += [
            click.option(
                "--flag/--unflag", "flagged", default=None, help="Mark (or unmark) the entry to bring to supervision."
            ),
            click.option(
                "--add-tag", "add_tags", multiple=True, metavar="TAG[:1-3]", help="Add a tag, keeping the others."
            ),
            click.option(
                "--remove-tag", "remove_tags", multiple=True, metavar="TAG", help="Remove a tag (at any intensity)."
            ),
            click.option(
                "--action-status",
                "action_status",
                multiple=True,
                metavar="ACTION_ID=STATUS",
                help="Follow up an action point: STATUS is open, done or dropped (ids are shown by `workbook show`).",
            ),
            click.option(
                "--clear",
                "clear",
                multiple=True,
                type=click.Choice(CLEARABLE),
                help="Empty a field, e.g. --clear outcome. Repeat for more fields.",
            ),
        ]
    else:
        options.append(
            click.option(
                "--flag", "flagged", is_flag=True, default=False, help="Mark the entry to bring to supervision."
            )
        )

    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        for option in reversed(options):
            func = option(func)
        return func

    return decorate


# -- the command group ------------------------------------------------------------------
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


# -- creating -----------------------------------------------------------------------------
@cli.command()
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
        click.echo(f"Your journal is at {path} ({count} entries); it was left as it is.")
    else:
        click.echo(f"Created a new journal at {path}.")
    click.echo(f"File:   {mode_text(path)}")
    click.echo(f"Folder: {mode_text(path.parent)}")
    if stat.S_IMODE(path.parent.stat().st_mode) & 0o077:
        click.echo(f"(The journal itself stays private. To hide the file names too: chmod 700 '{path.parent}')")
    click.echo("Use another file with --journal PATH or the WORKBOOK_JOURNAL environment variable.")


@cli.command()
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
def demo(path: Path | None, force: bool, count: int | None, seed: int | None) -> None:
    """Write a practice journal full of made-up entries.

    Use it to try the workbook, its notebooks and charts without writing anything of your
    own. Every person, place and event in it is invented. It is written to PATH, or to a
    demo file in your user data folder; your own journal is never touched.
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
    written = Path(demo_module.write_demo_journal(target, **kwargs))
    click.echo(f"Wrote a demo journal of made-up entries to {written}.")
    click.echo("Try it without touching your own journal:")
    quoted = shlex.quote(str(written))
    click.echo(f"  workbook --journal {quoted} list")
    click.echo(f"  export WORKBOOK_JOURNAL={quoted}   # then every command and notebook uses the demo")


@cli.command()
@entry_options(edit=False)
@click.option(
    "--from-json",
    "from_json",
    metavar="FILE",
    type=click.Path(exists=True, dir_okay=False, allow_dash=True),
    help="Add entries from a JSON file instead (one entry, a list of entries, or a `workbook export`); - reads standard input.",
)
def add(from_json: str | None, **fields: Any) -> None:
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
    values = _entry_values(given)
    with opened() as journal:
        entry = journal.add(**values)
    click.echo(f"Saved entry {entry.id}")


def _entry_values(given: dict[str, Any]) -> dict[str, Any]:
    values = dict(given)
    if "narrative" in values:
        values["narrative"] = _read_text(values["narrative"])
    if "tags" in values:
        values["tags"] = [_parse_tag(t) for t in values["tags"]]
    if "people" in values:
        values["people"] = list(values["people"])
    if "actions" in values:
        values["actions"] = list(values["actions"])
    if "responses" in values:
        values["responses"] = dict(
            _parse_pairs(values["responses"], "--response", "STAGE=TEXT, e.g. description='We met at...'")
        )
    if "outcome" in values:
        values["outcome"] = values["outcome"].lower()
    return values


def _add_from_json(source: str) -> None:
    from ..exchange import import_entries, read_json

    if source == "-":
        data = read_json(getattr(sys.stdin, "buffer", sys.stdin), name="standard input")
    else:
        data = read_json(source)
    with opened() as journal:
        try:
            entries = import_entries(journal, data)
        except ValidationError as exc:
            raise click.ClickException(
                f"Nothing was saved. In {'standard input' if source == '-' else source}: {_one_line(str(exc))}"
            ) from None
    if len(entries) <= 20:
        for entry in entries:
            click.echo(f"Saved entry {entry.id}")
    else:
        click.echo(f"Saved {len(entries)} entries.")


@cli.command()
@click.argument("entry_id", metavar="ID")
@entry_options(edit=True)
def edit(entry_id: str, **fields: Any) -> None:  # noqa: C901 -- pending split (layout issue)
    """Change an entry. The previous version is kept.

    Give only what you want to change. ID is the entry's id or its first 8 characters
    (as `workbook list` shows them).

    \b
    Examples:
      workbook edit 3f2a1b2c --outcome held --add-tag relieved
      workbook edit 3f2a1b2c --action-status a1b2c3=done
      workbook edit 3f2a1b2c --clear stance
    """
    add_tags = fields.pop("add_tags")
    remove_tags = fields.pop("remove_tags")
    statuses = _parse_pairs(fields.pop("action_status"), "--action-status", "ACTION_ID=STATUS, e.g. a1b2c3=done")
    clear = fields.pop("clear")
    given = {k: v for k, v in fields.items() if v not in (None, ())}
    if not (given or add_tags or remove_tags or statuses or clear):
        raise click.UsageError("Nothing to change: give at least one option, e.g. --title.")
    for name in clear:
        key = name.replace("-", "_")
        if key in given:
            raise click.UsageError(f"--clear {name} and --{name} cannot be given together.")
    changes = _entry_values(given)
    with opened() as journal:
        entry = journal.get(entry_id)
        for name in clear:
            key = name.replace("-", "_")
            changes[key] = [] if key in ("people", "tags") else "" if key == "narrative" else None
        template = changes.get("template", entry.template)
        if "responses" in changes:
            merged = dict(entry.responses) if template == entry.template else {}
            for stage, text in changes["responses"].items():
                if text:
                    merged[stage] = text
                else:
                    merged.pop(stage, None)
            changes["responses"] = merged
        elif template != entry.template and entry.responses:
            if template is not None:
                raise click.UsageError(
                    "The entry has answers for its current template: give --response answers for the new one too, "
                    "or --clear template first (earlier versions keep the old answers)."
                )
            changes["responses"] = {}  # clearing the template clears its answers (kept in the history)
        if add_tags or remove_tags:
            tags = changes.get("tags", [t.to_dict() for t in entry.tags])
            vocabulary = journal.vocabulary()

            def tag_id(name: str) -> str:
                found = vocabulary.find(name)
                return found.id if found is not None else name

            drop = {vocabulary.resolve(_parse_tag(name)["tag"], field="tags").id for name in remove_tags}
            missing = drop - {tag_id(t["tag"]) for t in tags}
            if missing:
                raise click.ClickException(f"--remove-tag: the entry has no tag {', '.join(sorted(missing))}.")
            tags = [t for t in tags if tag_id(t["tag"]) not in drop]
            tags += [_parse_tag(t) for t in add_tags]
            changes["tags"] = tags
        if statuses or "actions" in changes:
            actions = [a.to_dict() for a in entry.actions]
            for action_id, status in statuses:
                matches = [a for a in actions if a["id"] == action_id] or [
                    a for a in actions if a["id"].startswith(action_id)
                ]
                if len(matches) != 1:
                    known = ", ".join(a["id"] for a in actions) or "none"
                    raise click.ClickException(
                        f"--action-status: the entry has no action point {action_id!r}; its action ids are {known}."
                    )
                matches[0]["status"] = status.strip().lower()
            actions += [{"text": text} for text in changes.get("actions", [])]
            changes["actions"] = actions
        updated = journal.update(entry.id, **changes)
    click.echo(f"Updated entry {short_id(updated.id)} (revision {updated.revision}; earlier versions are kept).")


# -- reading ------------------------------------------------------------------------------
@cli.command("list")
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
        click.echo("The trash is empty." if trash else "No entries match.")
        return
    for line in entry_table(entries):
        click.echo(line)
    if len(shown) < len(ids):
        click.echo(f"({len(shown)} most recent of {len(ids)} shown; --limit 0 shows all.)")


@cli.command()
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
            click.echo(json.dumps(entry.to_dict(), indent=2, ensure_ascii=False))
            return
        for line in entry_text(journal, entry):
            click.echo(clean(line))


@cli.command()
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
        click.echo("No entries match.")
        return
    for line in entry_table(entries):
        click.echo(line)


# -- trash --------------------------------------------------------------------------------
@cli.command()
@click.argument("entry_id", metavar="ID")
def delete(entry_id: str) -> None:
    """Move an entry to the trash.

    `workbook restore ID` brings it back. Nothing is destroyed: entries in the trash are kept, left out of lists, searches and
    patterns, and can be seen with `workbook list --trash`.
    """
    with opened() as journal:
        entry = journal.get(entry_id)
        if entry.in_trash:
            click.echo(f"Entry {short_id(entry.id)} is already in the trash.")
            return
        journal.delete(entry.id)
    click.echo(
        f"Moved entry {short_id(entry.id)} to the trash; `workbook restore {short_id(entry.id)}` brings it back."
    )


@cli.command()
@click.argument("entry_id", metavar="ID")
def restore(entry_id: str) -> None:
    """Bring an entry back from the trash."""
    with opened() as journal:
        entry = journal.get(entry_id)
        if not entry.in_trash:
            click.echo(f"Entry {short_id(entry.id)} is not in the trash; nothing to do.")
            return
        journal.restore(entry.id)
    click.echo(f"Restored entry {short_id(entry.id)}.")


# -- files --------------------------------------------------------------------------------
@cli.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "csv"]),
    default=None,
    help="json: everything, to keep or move (the default). csv: one row per entry, for a spreadsheet. Default: from the file name.",
)
@click.option(
    "-o", "--output", required=True, type=click.Path(path_type=Path, dir_okay=False), help="The file to write."
)
@click.option("--force", is_flag=True, help="Replace the file if it exists.")
def export(fmt: str | None, output: Path, force: bool) -> None:
    """Write your journal to a file.

    \b
    json  everything: every entry (the trash too), earlier versions, your people
          register WITH THE REAL NAMES you recorded as aliases, and your own tags.
          `workbook add --from-json FILE` reads it back into an empty journal.
    csv   one row per entry (not the trash), for a spreadsheet. A cell that a
          spreadsheet could run as a formula (starting with = + - or @) gets a
          leading apostrophe, so opening the file is safe.

    Both hold your text: the file is made readable by you only. Keep it as private as
    the journal, and delete it when you no longer need it.
    """
    from ..exchange import export_csv, export_json

    output = output.expanduser()
    fmt = fmt or ("csv" if output.suffix.lower() == ".csv" else "json")
    if output.exists() and not force:
        raise click.ClickException(f"{output} already exists. Choose another file name, or add --force to replace it.")
    with opened() as journal:
        count = export_json(journal, output) if fmt == "json" else export_csv(journal, output)
    click.echo(f"Exported {count} entries as {fmt.upper()} to {output} (readable by you only).")
    if fmt == "json":
        click.echo("It includes the real names recorded as aliases: keep it private.")


@cli.command()
@click.argument("dest", required=False, type=click.Path(path_type=Path))
def backup(dest: Path | None) -> None:
    """Copy your journal to a new file.

    It is safe to run while notebooks have the journal open. DEST is a new file or a folder; by default the copy goes next to the journal, named
    with today's date and time. The copy can be opened with --journal DEST.
    """
    with opened() as journal:
        assert journal.path is not None
        if dest is None:
            stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
            dest = journal.path.with_name(f"{journal.path.stem}-backup-{stamp}{journal.path.suffix or '.db'}")
        written = journal.backup(dest)
    click.echo(f"Backed up to {written} ({mode_text(written)}).")


@cli.command()
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
        click.echo(f"[{check.status:<4}] {check.name}: {check.detail}")
    failed = [c for c in checks if not c.ok]
    if failed:
        click.echo(f"{len(failed)} check(s) failed for {path}.")
        sys.exit(1)
    warned = sum(c.warn for c in checks)
    click.echo(f"All checks passed for {path}" + (f" ({warned} warning(s))." if warned else "."))


# -- people, tags, templates -----------------------------------------------------------------
def _journal_for_jupyter(use_demo: bool) -> Path:
    """The journal the notebooks will open (passed to the kernels as WORKBOOK_JOURNAL)."""
    import os

    if use_demo:
        from .. import demo as demo_module

        target = default_demo_path()
        if not target.exists():
            click.echo(f"Writing the demo journal (made-up entries) to {target} ...")
            demo_module.write_demo_journal(target)
    else:
        target = journal_path()
        if not target.exists():
            click.echo(
                "You have no journal yet: the notebook '00 Start here' creates one when you run it.\n"
                "To look around with made-up entries first, stop this (Ctrl+C) and run: ./dev lab --demo"
            )
    os.environ["WORKBOOK_JOURNAL"] = str(target)
    return target


def _run(argv: list[str]) -> None:
    import subprocess

    try:
        code = subprocess.call(argv)
    except KeyboardInterrupt:
        code = 0
    sys.exit(code)


@cli.command(context_settings={"ignore_unknown_options": True})
@click.option(
    "--demo", "use_demo", is_flag=True, help="Use the demo journal of made-up entries (written first if need be)."
)
@click.argument("jupyter_args", nargs=-1, type=click.UNPROCESSED)
def lab(use_demo: bool, jupyter_args: tuple[str, ...]) -> None:
    """Open JupyterLab on the guided notebooks, starting with '00 Start here'.

    JupyterLab listens on this computer only, and its news, update checks and extension
    downloads are switched off, so nothing leaves the machine. Extra options are passed
    to JupyterLab (e.g. --no-browser, --port 8899).
    """
    from ..app.launch import lab_argv, notebooks_dir

    target = _journal_for_jupyter(use_demo)
    click.echo(f"Journal: {target}")
    _run(lab_argv(notebooks_dir(), jupyter_args))


@cli.command(context_settings={"ignore_unknown_options": True})
@click.option(
    "--demo", "use_demo", is_flag=True, help="Use the demo journal of made-up entries (written first if need be)."
)
@click.argument("notebook", required=False)
@click.argument("voila_args", nargs=-1, type=click.UNPROCESSED)
def app(use_demo: bool, notebook: str | None, voila_args: tuple[str, ...]) -> None:
    """Open the journaling forms as an app in the browser, with no code in sight (Voila).

    NOTEBOOK is one of the guided notebooks (default: the new-entry form). Extra options
    are passed to Voila (e.g. --no-browser, --port 8866).
    """
    import os

    from ..app.launch import APP_NOTEBOOKS, notebooks_dir, voila_argv, voila_env

    directory = notebooks_dir()
    name = notebook or APP_NOTEBOOKS[0]
    if not name.endswith(".ipynb"):
        name += ".ipynb"
    if not (directory / name).exists():
        choices = ", ".join(sorted(p.stem for p in directory.glob("*.ipynb")))
        raise click.ClickException(f"There is no notebook {name!r}; choose one of {choices}.")
    target = _journal_for_jupyter(use_demo)
    click.echo(f"Journal: {target}")
    os.environ.update(voila_env())
    _run(voila_argv(directory, name, voila_args))


@cli.group(cls=WorkbookGroup)
def people() -> None:
    """Pseudonyms for the people in your conversations.

    Entries name people only by pseudonym. For each you can record aliases (the real
    names and nicknames you might write by mistake); they stay in the journal and help
    remove real names from anything you share. Aliases are never shown unless you ask.
    """


@people.command("add")
@click.argument("pseudonym")
@click.option(
    "--role", required=True, type=click.Choice(PERSON_ROLES, case_sensitive=False), help="Their role in your work."
)
@click.option(
    "--alias",
    "aliases",
    multiple=True,
    metavar="NAME",
    help="A real name or nickname this pseudonym stands for. Repeat for more.",
)
def people_add(pseudonym: str, role: str, aliases: tuple[str, ...]) -> None:
    """Add someone to the register under a pseudonym.

    \b
    Example:
      workbook people add "Parent A" --role parent --alias "Jo Bloggs" --alias Jo

    Then name them in entries by pseudonym: workbook add ... --person "Parent A".
    """
    with opened() as journal:
        person = journal.people.add(pseudonym, role.lower(), aliases)
    click.echo(f"Added {clean(person.pseudonym)} ({person.role}) with {len(person.aliases)} alias(es).")


@people.command("list")
@click.option(
    "--show-aliases",
    is_flag=True,
    help="Also show the real names and nicknames recorded (mind who can see your screen).",
)
def people_list(show_aliases: bool) -> None:
    """List the pseudonyms in the register.

    Aliases (real names) are counted, not shown, unless you add --show-aliases.
    """
    with opened() as journal:
        register = journal.people.list()
    if not register:
        click.echo("The people register is empty; add someone with `workbook people add`.")
        return
    rows = [(p.pseudonym, p.role, ", ".join(p.aliases) if show_aliases else str(len(p.aliases))) for p in register]
    for line in table(
        ("PSEUDONYM", "ROLE", "ALIASES" if show_aliases else "ALIASES (count)"), rows, caps=(30, 14, None)
    ):
        click.echo(line)


@cli.command()
@click.option("--group", "group_id", metavar="GROUP", help="Only this group, e.g. feelings or context.")
@click.option("--long", "-l", "long_", is_flag=True, help="Also show each tag's definition and reference.")
def tags(group_id: str | None, long_: bool) -> None:
    """List the tags you can give an entry.

    The vocabulary has words for what you felt, what the other person showed, what went
    on between you, how the conversation went, and its context. Give a tag's id (or its label) to `workbook add --tag`. Tags marked * are your own.
    """
    from ..content.vocab import load_vocabulary
    from ..journal.store import Journal

    path = journal_path()
    if path.exists():
        with Journal(path) as journal:
            vocabulary = journal.vocabulary()
    else:
        vocabulary = load_vocabulary()
    groups = vocabulary.groups
    if group_id is not None:
        groups = tuple(g for g in groups if g.id == group_id.strip().lower())
        if not groups:
            raise click.ClickException(
                f"No tag group {group_id!r}; the groups are {', '.join(g.id for g in vocabulary.groups)}."
            )
    for n, group in enumerate(groups):
        if n:
            click.echo("")
        extra = " (intensity 1-3, e.g. anxious:2)" if group.intensity else ""
        click.echo(f"{group.label} [{group.id}]{extra}")
        members = vocabulary.in_group(group.id)
        id_width = max((len(t.id) for t in members), default=0) + 2
        for tag in members:
            mark = "*" if tag.custom else " "
            click.echo(f" {mark}{tag.id:<{id_width}}{clean(tag.label)}")
            if long_:
                click.echo(f"     {clean(tag.definition)}")
                click.echo(f"     Source: {clean(tag.reference)}")


@cli.command()
@click.argument("template_id", metavar="[TEMPLATE]", required=False)
def templates(template_id: str | None) -> None:
    """List the reflective models (templates) you can write with.

    Gibbs, Driscoll, Johns and others, plus conversation debriefs. With a TEMPLATE id, shows its stages and prompts; give your answers to `workbook add`
    with --template ID --response STAGE=TEXT. Templates from WORKBOOK_TEMPLATES folders
    are included; broken template files are reported with the file and line.
    """
    from ..content.reflective_models import load_templates

    library = load_templates(warn=False)
    for problem in library.problems:
        click.echo(f"Problem: {problem}", err=True)
    if template_id is not None:
        if template_id not in library:
            raise click.ClickException(f"No template {template_id!r}; the templates are {', '.join(library)}.")
        template = library[template_id]
        click.echo(f"{template.name} [{template.id}] - {template.kind}")
        click.echo(template.summary)
        click.echo(f"Source: {template.reference}")
        for stage in template.stages:
            words = f" (at least {stage.min_words} words)" if stage.min_words else ""
            click.echo("")
            click.echo(f"{stage.id}: {stage.title}{words}")
            click.echo(f"  {stage.prompt}")
        return
    rows = [(t.id, t.kind, str(len(t.stages)), t.name) for t in library.values()]
    for line in table(("ID", "KIND", "STAGES", "NAME"), rows, caps=(26, 20, 6, None)):
        click.echo(line)
