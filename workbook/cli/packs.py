"""Making a supervision pack from a terminal: ``workbook share``.

The entries are chosen by the options (flagged, dates, tags, context, ids); every identifier
found in what would be shared is then listed, one at a time, with where it is (the match
shown as its suggested replacement, so a real name is not printed again) and the question
accept / change / dismiss. Nothing is written until each has an answer
(``--accept-all-suggestions`` answers all at once, for scripts). The pack is then written and
checked by the leak check; an unsafe pack is refused, nothing is left behind, and each
finding is printed with the ``--override KIND:PLACE`` that would let it through.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import click

from ..errors import ValidationError
from ..paths import shown
from ._journal import opened
from .terminal import echo


def _things(n: int) -> str:
    """'nothing', '1 thing', '3 things'."""
    return "nothing" if n == 0 else f"{n} thing{'s' if n != 1 else ''}"


PASSPHRASE_ENV = "WORKBOOK_PASSPHRASE"  # noqa: S105 (the name of a variable, not a secret)
_KIND_NAMES = {"possible_name": "possible name", "nhs_number": "NHS number", "ni_number": "NI number"}


def _parts(value: str | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    return tuple(p.strip().lower() for p in value.split(",") if p.strip())


def _review(draft: Any) -> None:
    """Ask about each finding in turn (the match shown as its suggestion, never in full)."""
    total = len(draft.findings)
    for n, finding in enumerate(draft.unanswered(), 1):
        kind = _KIND_NAMES.get(finding.kind, finding.kind.replace("_", " "))
        places = len(finding.occurrences)
        echo(
            f"\n{finding.id} ({n} of {total}): a {kind}, in {places} place{'s' if places != 1 else ''}; "
            f"suggested: {finding.suggestion}"
        )
        for line in draft.context(finding, show="suggestion"):
            echo(f"  {line}")
        answer = click.prompt(
            "  [a]ccept the suggestion, [c]hange it, or [d]ismiss (keep the text as it is)",
            type=click.Choice(["a", "c", "d"], case_sensitive=False),
            show_choices=False,
        ).lower()
        if answer == "c":
            words = click.prompt("  Use instead")
            draft.answer(finding.id, "change", words)
        else:
            draft.answer(finding.id, "accept" if answer == "a" else "dismiss")


def _passphrase() -> str:
    given = os.environ.get(PASSPHRASE_ENV)
    if given is not None:
        return given
    import getpass

    first = getpass.getpass("Passphrase for the pack (it is not stored; tell your supervisor another way): ")
    if getpass.getpass("The same passphrase again: ") != first:
        raise click.ClickException("The two passphrases differ; nothing was written.")
    return first


@click.command("share")
@click.option("--flagged", is_flag=True, help="Entries flagged to bring to supervision.")
@click.option("--since", metavar="DATE", help="Entries on or after this date (YYYY-MM-DD).")
@click.option("--until", metavar="DATE", help="Entries on or before this date (YYYY-MM-DD).")
@click.option("--tag", "tags", multiple=True, metavar="TAG", help="Entries carrying this tag (repeat: all of them).")
@click.option("--context", metavar="CONTEXT", help="Entries in this context.")
@click.option("--entry", "entry_ids", multiple=True, metavar="ID", help="An entry by id, added to the rest (repeat).")
@click.option("--parts", metavar="LIST", help="What of each entry goes, e.g. title,stages,narrative (default: all).")
@click.option("--question", "questions", multiple=True, metavar="TEXT", help="Your own question for supervision.")
@click.option(
    "--role",
    type=click.Choice(["supervisor", "peer"]),
    default="supervisor",
    show_default=True,
    help="Who the pack is for: your supervisor, or a peer (peer reflection).",
)
@click.option("--html", "with_html", is_flag=True, help="Also write the pack as one offline web page.")
@click.option(
    "--alone",
    type=click.Choice(["markdown", "html"]),
    help="Write the one chosen entry alone (for a portfolio or a peer), as Markdown or a web page.",
)
@click.option("--out", type=click.Path(path_type=Path), metavar="FOLDER", help="Where to write (default: private).")
@click.option("--encrypt", is_flag=True, help="Encrypt with a passphrase (age format; opened by `age -d` too).")
@click.option("--accept-all-suggestions", is_flag=True, help="Accept every suggested replacement without asking.")
@click.option("--override", "overrides", multiple=True, metavar="KIND:PLACE", help="Let one leak finding through.")
@click.option("--no-charts", is_flag=True, help="Leave the charts out (faster).")
def share_command(
    flagged: bool,
    since: str | None,
    until: str | None,
    tags: tuple[str, ...],
    context: str | None,
    entry_ids: tuple[str, ...],
    parts: str | None,
    questions: tuple[str, ...],
    role: str,
    with_html: bool,
    alone: str | None,
    out: Path | None,
    encrypt: bool,
    accept_all_suggestions: bool,
    overrides: tuple[str, ...],
    no_charts: bool,
) -> None:
    """Make a de-identified supervision pack of chosen entries.

    Choose entries with any of --flagged, --since/--until, --tag, --context and --entry.
    Each identifier found in what would be shared is then shown, with the match replaced by
    its suggestion, and you accept, change or dismiss it; the same person gets the same
    pseudonym throughout the pack. The pack (a notebook with a feedback cell under each
    entry; with --html also a web page) is written, readable only by you, into the private
    workspace or --out FOLDER, after the leak check: if it finds anything the pack is not
    written, and each finding is listed with the --override KIND:PLACE that would let it
    through. With --alone, the one chosen entry is written by itself, as Markdown or HTML.

    \b
    Examples:
      workbook share --flagged --since 2026-01-01 --question "How do I end this well?"
      workbook share --entry 3f2a1b2c --alone markdown --accept-all-suggestions
    """
    from ..supervision.choice import PARTS, PackChoice
    from ..supervision.share import UnsafePackError, override_key, supervision_pack, write_alone

    choice = PackChoice(
        flagged=flagged,
        since=since,
        until=until,
        tags=tags,
        context=context,
        entry_ids=entry_ids,
        parts=_parts(parts) or PARTS,
        questions=questions,
        role=role,
    )
    with opened() as journal:
        draft = supervision_pack(journal, choice, summary=alone is None)
        n = len(draft.entries)
        echo(f"{n} entr{'y' if n == 1 else 'ies'} chosen; {_things(len(draft.findings))} found to review.")
        if alone is not None and n != 1:
            raise ValidationError("entry", f"--alone writes one entry; {n} are chosen.")
        if accept_all_suggestions:
            draft.answer_all("accept")
        else:
            _review(draft)
        passphrase = _passphrase() if encrypt else None
        try:
            if alone is not None:
                result = write_alone(draft, out, fmt=alone, overrides=overrides, passphrase=passphrase)
            else:
                result = draft.write(
                    out, html=with_html, overrides=overrides, passphrase=passphrase, charts=not no_charts
                )
        except UnsafePackError as exc:
            for finding in exc.findings:
                echo(f"{finding}    (--override '{override_key(finding)}')", err=True)
            raise click.ClickException(
                f"The leak check found {_things(len(exc.findings))} that must not be shared; nothing was written."
            ) from None
    for finding in result.overridden:
        echo(f"Let through as you asked: {finding}", err=True)
    for path in result.paths:
        echo(f"Wrote {shown(path)} (readable only by you).")


COMMANDS = (share_command,)
