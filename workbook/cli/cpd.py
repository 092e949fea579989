"""CPD and revalidation records from a terminal: ``workbook cpd ...``.

``add-swe``, ``add-nmc-account`` and ``add-nmc-discussion`` make a record from entries (by id)
with its fields given as options or in a YAML file (``--from FILE``; options win). Every
identifier found in the text is asked about as ``workbook share`` asks (accept, change or
dismiss; ``--accept-all-suggestions`` for scripts), and nothing is kept until each has an
answer. ``list`` and ``status`` print ids, dates and counts only; ``export`` writes one record
as Markdown, a web page or a Word document after the leak check.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ..paths import shown
from ._journal import opened
from .terminal import echo


def _things(n: int) -> str:
    """'nothing', '1 thing', '3 things'."""
    return "nothing" if n == 0 else f"{n} thing{'s' if n != 1 else ''}"


_KIND_HELP = {"swe": "add-swe", "nmc-account": "add-nmc-account", "nmc-discussion": "add-nmc-discussion"}


def _from_file(path: Path | None) -> dict[str, Any]:
    """The fields in a YAML file (keys are field names; '-' may stand for '_')."""
    if path is None:
        return {}
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        raise click.ClickException(f"{path.name} is not readable YAML{where}.") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise click.ClickException(f"{path.name} must hold field names and their values, one a line.")
    return {str(k).replace("-", "_"): (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in data.items()}


def _add(
    kind: str, entry_ids: tuple[str, ...], fields_file: Path | None, made_on: str | None, accept: bool, given: dict
) -> None:
    from ..cpd.record import KIND_TITLES, draft_record
    from .packs import _review

    fields = _from_file(fields_file)
    fields.update({k: v for k, v in given.items() if v not in (None, ())})
    with opened() as journal:
        draft = draft_record(journal, kind, fields, entry_ids, made_on=made_on)
        echo(f"{_things(len(draft.findings)).capitalize()} found to review in the record's text.")
        if accept:
            draft.answer_all("accept")
        else:
            _review(draft)
        record = draft.save()
    n = len(record.entry_ids)
    echo(
        f"Kept {KIND_TITLES[kind]} {record.id[:8]} (made on {record.made_on.isoformat()}, "
        f"from {n} entr{'y' if n == 1 else 'ies'}). Export it with `workbook cpd export {record.id[:8]}`."
    )


def _common(command: Any) -> Any:
    for option in reversed(
        [
            click.option(
                "--entry", "entry_ids", multiple=True, metavar="ID", help="An entry it was made from (repeat)."
            ),
            click.option(
                "--from",
                "fields_file",
                type=click.Path(exists=True, dir_okay=False, path_type=Path),
                metavar="FILE",
                help="A YAML file of the record's fields (field: value); options given here win.",
            ),
            click.option("--made-on", metavar="DATE", help="The day the record is made (YYYY-MM-DD; default today)."),
            click.option(
                "--accept-all-suggestions", "accept", is_flag=True, help="Accept every suggested replacement."
            ),
        ]
    ):
        command = option(command)
    return command


@click.group("cpd")
def cpd() -> None:
    """CPD records for Social Work England and NMC revalidation, made from your entries.

    \b
    Examples:
      workbook cpd add-swe --entry 3f2a1b2c --from record.yaml
      workbook cpd list
      workbook cpd status --year-ending 2026
      workbook cpd export 9c1d2e3f --format docx
    """


@cpd.command("add-swe")
@_common
@click.option("--cpd-type", metavar="TEXT", help="The type of CPD (e.g. 'Reflection on practice').")
@click.option("--description", "description_relevance", metavar="TEXT", help="Description and relevance.")
@click.option("--occurred-on", metavar="DATE", help="The date of the activity (YYYY-MM-DD).")
@click.option("--learned", metavar="TEXT", help="What you learned.")
@click.option("--impact-practice", metavar="TEXT", help="The impact on your practice.")
@click.option("--impact-people", metavar="TEXT", help="The impact on the people you work with.")
@click.option("--peer-reflection", metavar="TEXT", help="What you learned from discussing it with a peer.")
@click.option("--peer-role", metavar="TEXT", help="The peer's role (never their name).")
@click.option("--standard", "standards", multiple=True, metavar="ID", help="A part of standard 4, e.g. 4.2 (repeat).")
def add_swe(entry_ids, fields_file, made_on, accept, **given) -> None:
    """Keep a Social Work England CPD record made from entries."""
    _add("swe", entry_ids, fields_file, made_on, accept, given)


@cpd.command("add-nmc-account")
@_common
@click.option("--nature", metavar="TEXT", help="The nature of the CPD activity, feedback or event.")
@click.option("--learned", metavar="TEXT", help="What you learned from it.")
@click.option("--changed", metavar="TEXT", help="How you changed or improved your practice.")
@click.option("--code-relevance", metavar="TEXT", help="How it is relevant to the Code.")
@click.option(
    "--theme",
    "code_themes",
    multiple=True,
    metavar="ID",
    help="A theme of the Code: prioritise_people, practise_effectively, preserve_safety, promote_professionalism.",
)
def add_nmc_account(entry_ids, fields_file, made_on, accept, **given) -> None:
    """Keep an NMC written reflective account made from entries."""
    _add("nmc-account", entry_ids, fields_file, made_on, accept, given)


@cpd.command("add-nmc-discussion")
@_common
@click.option("--account", "account_ids", multiple=True, metavar="ID", help="An account discussed (repeat).")
@click.option("--discussed", metavar="TEXT", help="What you discussed.")
@click.option("--learned", metavar="TEXT", help="What you learned from the discussion.")
def add_nmc_discussion(entry_ids, fields_file, made_on, accept, **given) -> None:
    """Keep the record of an NMC reflective discussion (made on the day of the discussion).

    The other registrant's name, PIN and email are never kept: the export leaves blanks
    for them, to fill in by hand."""
    _add("nmc-discussion", entry_ids, fields_file, made_on, accept, given)


@cpd.command("list")
@click.option("--kind", type=click.Choice(list(_KIND_HELP)), help="Only records of this kind.")
def list_records(kind: str | None) -> None:
    """The CPD records kept: id, day made, kind and how many entries (no text)."""
    from ..cpd.record import KIND_TITLES

    with opened() as journal:
        records = journal.cpd_records(kind)
    if not records:
        echo("No CPD records yet. Make one with `workbook cpd add-swe` or `workbook cpd add-nmc-account`.")
        return
    for r in records:
        n = len(r.entry_ids)
        echo(f"{r.id[:8]}  {r.made_on.isoformat()}  {KIND_TITLES[r.kind]}  ({n} entr{'y' if n == 1 else 'ies'})")


@cpd.command("status")
@click.option("--year-ending", type=int, metavar="YYYY", help="The registration year ending on 30 November YYYY.")
@click.option("--revalidation-due", metavar="DATE", help="Also count NMC accounts for revalidation due on DATE.")
def status(year_ending: int | None, revalidation_due: str | None) -> None:
    """Counts against what each regulator asks for (counts and dates only)."""
    from ..cpd.record import cpd_year_status, nmc_cycle_status

    with opened() as journal:
        echo(str(cpd_year_status(journal, year_ending)))
        if revalidation_due is not None:
            echo(str(nmc_cycle_status(journal, revalidation_due)))


@cpd.command("export")
@click.argument("record_id", metavar="ID")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["md", "html", "docx"]),
    default="md",
    show_default=True,
    help="Markdown, an offline web page or a Word document.",
)
@click.option("--out", type=click.Path(path_type=Path), metavar="FOLDER", help="Where to write (default: private).")
@click.option("--override", "overrides", multiple=True, metavar="KIND:PLACE", help="Let one leak finding through.")
def export(record_id: str, fmt: str, out: Path | None, overrides: tuple[str, ...]) -> None:
    """Write one record as Markdown, an offline web page or a Word document, after the leak check."""
    from ..cpd.export import export_record
    from ..supervision.share import UnsafePackError, override_key

    with opened() as journal:
        try:
            path = export_record(journal, record_id, fmt, out, overrides=overrides)
        except UnsafePackError as exc:
            for finding in exc.findings:
                echo(f"{finding}    (--override '{override_key(finding)}')", err=True)
            raise click.ClickException(
                f"The leak check found {_things(len(exc.findings))} that must not be shared; nothing was written."
            ) from None
    echo(f"Wrote {shown(path)} (readable only by you).")


@cpd.command("delete")
@click.argument("record_id", metavar="ID")
@click.option("--yes", is_flag=True, help="Delete without asking first.")
def delete(record_id: str, yes: bool) -> None:
    """Remove a CPD record for good (the entries it was made from stay)."""
    with opened() as journal:
        record = journal.cpd_record(record_id)
        if not yes:
            click.confirm(f"Delete CPD record {record.id[:8]} made on {record.made_on.isoformat()}?", abort=True)
        journal.delete_cpd_record(record.id)
    echo(f"Deleted CPD record {record.id[:8]}.")


COMMANDS = (cpd,)
