"""The commands that move entries in and out in other formats: export, import.

Both dispatch by name through the registry of interchange formats
(``workbook.exchange.FORMATS``): the ``--format`` choices, their help, what a file contains
and the warning about aliases all come from each format's entry, so a new format needs no
change here. The registry is looked up only when one of these commands runs or shows its
help, so ``workbook --help`` does not load the exchange package.

``import`` reads a file (or a folder) in whichever format recognises it. The workbook's own
JSON and Markdown folder are restored as they are; another tool's entries (Day One, Daylio,
a spreadsheet, someone's Markdown notes) go through the mapping of their tags and moods
(``--tag``, ``--unknown-tags``, ``--mood``), can be previewed with ``--dry-run``, and are
imported all or nothing unless ``--good-rows-only``. Either way, entries the journal already
holds (an earlier import of the same file) are left as they are.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from ..errors import ValidationError
from ._errors import one_line
from ._identifiers import KIND_NAMES
from ._journal import opened
from .terminal import echo


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
        help="The format, by name (see Formats below). Default: "
        + ("recognised from the file." if direction == "import" else "from the file name, else json."),
    )


@click.command(cls=FormatsCommand, direction="export")
@format_option("export")
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path), help="The file (or folder) to write.")
@click.option("--force", is_flag=True, help="Replace the file if it exists (a folder is never replaced).")
def export(fmt: str | None, output: Path, force: bool) -> None:
    """Write your journal to a file, or a folder, in an open format.

    The format is the one named with --format, else the one the file name's ending says
    (.json, .csv, .zip for Day One, .qdpx, .qdc), else json. A lossless format holds
    everything: every entry (the trash too), earlier versions, your own tags and your people
    register; the aliases are not in it (they are kept only as one-way digests, whose key stays
    on this computer), so record them again after `workbook import FILE` reads it into an
    empty journal. In a spreadsheet file, a cell that a spreadsheet could run as a formula
    (starting with = + - or @) gets a leading apostrophe, so opening the file is safe.

    Every format holds your text: the file is made readable by you only. Keep it as
    private as the journal, and delete it when you no longer need it.
    """
    from ..exchange import format_for

    output = output.expanduser()
    chosen = format_for(output, fmt, direction="export")
    if chosen.folder:
        if output.exists() and (not output.is_dir() or any(output.iterdir())):
            raise click.ClickException(
                f"{output} already exists. {chosen.name} writes a new folder: choose a new name."
            )
    elif output.is_dir():
        raise click.ClickException(f"{output} is a folder. Give the name of the file to write, inside it.")
    elif output.exists() and not force:
        raise click.ClickException(f"{output} already exists. Choose another file name, or add --force to replace it.")
    assert chosen.export is not None  # format_for refuses a format that cannot export
    with opened() as journal:
        count = chosen.export(journal, output)
    what = "folder" if chosen.folder else "file"
    echo(f"Exported {count} {chosen.unit} as {chosen.name.upper()} to {output} (readable by you only).")
    echo(f"The {what} holds {chosen.holds}.")
    if chosen.lossless:
        echo("Aliases do not travel: the file counts them, without the names; record them again after an import.")


def _pairs(option: str, values: Sequence[str]) -> dict[str, str]:
    """``("A=b", ...)`` as ``{"A": "b"}``; a value without ``=`` is a usage error naming the option."""
    out: dict[str, str] = {}
    for value in values:
        left, sep, right = value.partition("=")
        if not sep or not left.strip():
            raise click.BadParameter(f"{value!r} is not NAME=VALUE.", param_hint=option)
        out[left.strip()] = right.strip()
    return out


def _moods(values: Sequence[str]) -> dict[str, int | None]:
    moods: dict[str, int | None] = {}
    for mood, rating in _pairs("--mood", values).items():
        if rating.lower() in ("", "none", "drop"):
            moods[mood] = None
        elif rating.isdigit() and 0 <= int(rating) <= 10:
            moods[mood] = int(rating)
        else:
            raise click.BadParameter(
                f"{mood}={rating}: a rating is a whole number from 0 to 10, or none.", param_hint="--mood"
            )
    return moods


@click.command("import", cls=FormatsCommand, direction="import")
@click.argument("source", metavar="FILE", type=click.Path(exists=True, path_type=Path))
@format_option("import")
@click.option(
    "--dry-run", is_flag=True, help="Show what would be imported (counts, dates, tags, bad rows) and save nothing."
)
@click.option(
    "--good-rows-only",
    is_flag=True,
    help="If some rows cannot be imported, import the others (default: import nothing and list them).",
)
@click.option(
    "--tag",
    "tag_choices",
    multiple=True,
    metavar="SOURCE=TAG",
    help="Map a tag of the file to a tag of the vocabulary (its id or label), to 'own' (a tag of your "
    "own) or to 'drop'. Repeat for each tag. See them all with --dry-run.",
)
@click.option(
    "--unknown-tags",
    type=click.Choice(["own", "drop"]),
    default="own",
    show_default=True,
    help="What becomes of a tag of the file that the vocabulary lacks and --tag does not map.",
)
@click.option(
    "--mood",
    "mood_choices",
    multiple=True,
    metavar="MOOD=N",
    help="The feelings rating (0-10) a mood of the file becomes, or MOOD=none. Repeat for each mood.",
)
@click.option(
    "--column",
    "columns",
    multiple=True,
    metavar="FIELD=HEADER",
    help="For a spreadsheet: the column holding a field (e.g. occurred_on=Date, narrative='What happened'). "
    "Default: columns named like the fields.",
)
@click.option(
    "--redact",
    is_flag=True,
    help="Replace registered real names by their pseudonym and phone numbers, NHS numbers, addresses and "
    "the like by a label such as [phone] before saving.",
)
def import_(
    source: Path,
    fmt: str | None,
    dry_run: bool,
    good_rows_only: bool,
    tag_choices: tuple[str, ...],
    unknown_tags: str,
    mood_choices: tuple[str, ...],
    columns: tuple[str, ...],
    redact: bool,
) -> None:
    """Add the entries in a file (or folder) to your journal.

    FILE is a `workbook export` (JSON or a Markdown folder: restored as it was), a Day One
    export (.zip or .json), a Daylio CSV or .daylio backup, a spreadsheet (CSV) or a folder
    of Markdown notes. The format is recognised from the file; name it with --format if not.

    Tags of another tool are matched to the vocabulary by name; the others become tags of
    your own (or are left out, with --unknown-tags drop); --tag and --mood change the
    mapping. Run with --dry-run first to see it. Everything is checked before anything is
    saved: if a row is refused, nothing is saved and each bad row is listed by number, unless
    you add --good-rows-only. Entries already in the journal (from an earlier import of the
    same file) are left as they are, so importing a file twice adds nothing.
    """
    from ..exchange import format_for

    chosen = format_for(source, fmt, direction="import")
    if source.is_dir() != chosen.folder:
        kind = "a folder" if chosen.folder else "a file"
        raise click.ClickException(f"{source}: {chosen.name} reads {kind}.")
    options: dict[str, Any] = {}
    if columns:
        if "columns" not in chosen.options:
            raise click.BadParameter(f"{chosen.name} has no columns to map.", param_hint="--column")
        options["columns"] = _pairs("--column", columns)
    assert chosen.read is not None  # format_for refuses a format that cannot be read
    data = chosen.read(source, **options)
    from ..exchange.incoming import SourceRead

    if isinstance(data, SourceRead):
        choices = {"tags": _pairs("--tag", tag_choices), "moods": _moods(mood_choices), "unknown": unknown_tags}
        bring_in_read(data, choices, dry_run=dry_run, good_rows_only=good_rows_only, redact=redact)
    elif tag_choices or mood_choices:
        raise click.BadParameter(f"{chosen.name} keeps the workbook's own tags: there is nothing to map.")
    elif dry_run:
        _dry_run_document(data, source.name)
    else:
        save_imported(data, str(source), skip_existing=True)


def _mapping(read: Any, journal: Any, choices: dict[str, Any]) -> Any:
    """The suggested mapping with the person's --tag and --mood choices on top."""
    from ..exchange.incoming import DROP, OWN, suggest_mapping

    vocabulary = journal.vocabulary()
    mapping = suggest_mapping(read, vocabulary, unknown=choices["unknown"])
    labels = set(mapping.tags)
    for label, target in choices["tags"].items():
        if label not in labels:
            raise click.BadParameter(
                f"{label!r} is not a tag of the file (see them with --dry-run).", param_hint="--tag"
            )
        if target.lower() in (OWN, DROP):
            mapping.tags[label] = target.lower()
        else:
            found = vocabulary.find(target)
            if found is None:
                close = ", ".join(vocabulary.closest(target)) or "none close"
                raise click.BadParameter(
                    f"{target!r} is not a tag of the vocabulary (close: {close}).", param_hint="--tag"
                )
            mapping.tags[label] = found.id
    for mood, rating in choices["moods"].items():
        if mood not in mapping.moods:
            raise click.BadParameter(
                f"{mood!r} is not a mood in the file (see them with --dry-run).", param_hint="--mood"
            )
        mapping.moods[mood] = rating
    return mapping


def bring_in_read(read: Any, choices: dict[str, Any], *, dry_run: bool, good_rows_only: bool, redact: bool) -> None:
    """Preview or import another tool's entries, and say what happened."""
    from ..exchange.incoming import bring_in, preview

    with opened() as journal:
        mapping = _mapping(read, journal, choices)
        with _progress(len(read.entries)) as progress:
            if dry_run:
                _show_preview(preview(journal, read, mapping, progress=progress, redact=redact))
                return
            try:
                done = bring_in(journal, read, mapping, good_rows_only=good_rows_only, progress=progress, redact=redact)
            except ValidationError as exc:
                raise click.ClickException(f"Nothing was saved. In {read.label}: {one_line(str(exc))}") from None
    n = len(done.entries)
    echo(f"Saved {n} entr{'y' if n == 1 else 'ies'} from {read.label} ({read.format}).")
    if done.already:
        echo(f"{done.already} already in the journal (an earlier import) were left as they were.")
    if done.own_tags:
        echo(f"Made {_count(len(done.own_tags), 'tag')} of your own: {', '.join(done.own_tags)}.")
    for problem in done.problems:
        echo(f"Not imported: {read.unit} {problem}", err=True)
    _warn_identifiers(read.unit, done.may_identify, saved=True)


def _count(n: int, unit: str) -> str:
    """``"1 row"``, ``"3 entries"``."""
    if n == 1:
        return f"1 {unit}"
    return f"{n} {unit[:-1] + 'ies' if unit.endswith('y') else unit + 's'}"


def _warn_identifiers(unit: str, found: dict[int, list[str]], *, saved: bool) -> None:
    if not found:
        return
    echo(
        f"{len(found)} entr{'y' if len(found) == 1 else 'ies'} may name someone or hold their details; "
        + (
            "review them with `workbook show` and `workbook edit` (or import again with --redact):"
            if saved
            else "check:"
        ),
        err=True,
    )
    for number, kinds in list(found.items())[:20]:
        echo(f"  {unit} {number}: {', '.join(KIND_NAMES.get(k, k) for k in kinds)}", err=True)
    if len(found) > 20:
        echo(f"  and {len(found) - 20} more.", err=True)


def _show_preview(p: Any) -> None:
    """The dry run, as plain lines: nothing was written."""
    echo(f"Dry run of {p.label} ({p.format}): nothing was saved.")
    echo(
        f"Would add {p.new} entr{'y' if p.new == 1 else 'ies'}" + (f", from {p.first} to {p.last}." if p.first else ".")
    )
    if p.already:
        echo(f"{p.already} already in the journal would be left as they are.")
    if p.tags:
        echo("Tags of the file, the entries carrying each, and what each would become (change with --tag):")
        for label, n, becomes in p.tags:
            echo(f"  {label} ({n}) -> {becomes}")
    if p.moods:
        echo("Moods and the feelings rating after the conversation each would give (change with --mood):")
        for mood, n, rating in p.moods:
            echo(f"  {mood} ({n}) -> {'left out' if rating is None else rating}")
    if p.own_tags:
        echo(f"Would make {_count(len(p.own_tags), 'tag')} of your own: {', '.join(p.own_tags)}.")
    if p.problems:
        echo(
            f"{_count(len(p.problems), p.unit)} cannot be imported (the import saves nothing unless --good-rows-only):"
        )
        for problem in p.problems[:50]:
            echo(f"  {p.unit} {problem}")
        if len(p.problems) > 50:
            echo(f"  and {len(p.problems) - 50} more.")
    _warn_identifiers(p.unit, p.may_identify, saved=False)


def _dry_run_document(data: Any, label: str) -> None:
    from ..exchange.incoming import preview_document

    with opened() as journal:
        p = preview_document(journal, data)
    p.label = label
    _show_preview(p)


class _progress:
    """A progress bar on standard error for a long import (none for a short one or off a terminal)."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.bar: Any = None

    def __enter__(self) -> Any:
        from ..exchange.incoming import PROGRESS_STEP

        if self.total <= PROGRESS_STEP or not sys.stderr.isatty():
            return None
        self.bar = click.progressbar(length=self.total, label="Checking entries", file=sys.stderr)
        self.bar.__enter__()
        done = [0]

        def step(n: int, _total: int) -> None:
            self.bar.update(n - done[0])
            done[0] = n

        return step

    def __exit__(self, *exc: Any) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)


def save_imported(data: Any, label: str, *, skip_existing: bool = False) -> None:
    """Add what was read from ``label`` in one transaction and say what was saved (``import``,
    ``add --from-json``). With ``skip_existing`` entries the journal holds are left as they are."""
    from ..exchange import import_document
    from ..exchange.plan import readable_aliases_in

    with opened() as journal:
        try:
            done = import_document(journal, data, skip_existing=skip_existing)
        except ValidationError as exc:
            raise click.ClickException(f"Nothing was saved. In {label}: {one_line(str(exc))}") from None
    entries = done.entries
    if len(entries) <= 20:
        for entry in entries:
            echo(f"Saved entry {entry.id}")
    else:
        echo(f"Saved {len(entries)} entries.")
    if done.entries_skipped:
        echo(f"{done.entries_skipped} entries already in the journal were left as they were.")
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


COMMANDS = (export, import_)
