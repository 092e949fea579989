"""The options ``add`` and ``edit`` share, and the parsers that turn their text into field values.

Parsing the syntax of an option (``anxious:2``, ``STAGE=TEXT``, ``leaning-stoical``) is the
command line's business; every rule about the values themselves is the validator's, so
these parsers only split text and leave the checks to ``Journal.add`` and ``update``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import Any

import click

from ..models import DEPTHS, OUTCOMES, STANCES

# The fields ``edit --clear`` empties, spelt as options; the same fields as
# ``workbook.journal.edits.CLEARABLE`` (a test compares them; that module is not imported
# here, so ``workbook --help`` does not load the journal).
CLEARABLE = (
    "context",
    "outcome",
    "stance",
    "stance-both",
    "depth",
    "template",
    "narrative",
    "people",
    "tags",
    "feelings-before",
    "feelings-after",
    "pcf",
)


def parse_stance(ctx: click.Context, param: click.Parameter, value: str | None) -> int | None:
    """``--stance``: a number, or a name as ``STANCES`` spells it (``leaning-stoical``)."""
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


def parse_tag(value: str) -> dict[str, Any]:
    """``NAME`` or ``NAME:INTENSITY`` as a tag use (the name is resolved by the validator)."""
    name, sep, level = value.rpartition(":")
    if not sep:
        return {"tag": value}
    if not level.strip().isdigit():
        raise click.BadParameter(
            f"{value!r}: write a tag as NAME or NAME:INTENSITY, e.g. anxious:2.", param_hint="'--tag'"
        )
    return {"tag": name, "intensity": int(level)}


def parse_pairs(values: Sequence[str], option: str, example: str) -> list[tuple[str, str]]:
    """``KEY=TEXT`` values of a repeated ``option`` as (key, text) pairs; TEXT may be empty."""
    pairs = []
    for value in values:
        key, sep, rest = value.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"{value!r}: write it as {example}.", param_hint=f"'{option}'")
        pairs.append((key.strip(), rest))
    return pairs


def read_text(value: str | None) -> str | None:
    """The option's text, or standard input when it is ``-`` (for long, pasted text)."""
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
            help="Was the hard issue held (named), avoided (never raised), softened (blurred), deferred "
            "(put off by decision, with a plan) or chose-not-to-know (the person did not want to hear it, "
            "and you respected that)?",
        ),
        click.option(
            "--stance",
            callback=parse_stance,
            metavar="STANCE",
            help="Your stance, -2 heroic ... 0 balanced ... 2 stoical (a number or name, e.g. leaning-stoical).",
        ),
        click.option(
            "--depth",
            type=click.Choice(tuple(DEPTHS), case_sensitive=False),
            help="How deep the reflection went, in your judgement (Hatton and Smith): descriptive-writing, "
            "descriptive-reflection, dialogic or critical.",
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
            + (" Replaces ALL the entry's tags with these; to keep the others use --add-tag." if edit else ""),
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
            "--pcf",
            "pcf",
            multiple=True,
            metavar="DOMAIN",
            help="A domain of the BASW Professional Capabilities Framework this entry is evidence for, by id or "
            "name, e.g. critical_reflection or 'Values and ethics'. Repeat for more (see `workbook pcf-evidence`)."
            + (" Replaces the list." if edit else ""),
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
                "--stance-both/--no-stance-both",
                "stance_both",
                default=None,
                help="You felt the heroic and the stoical pull at once (both, in tension), or not.",
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
        options += [
            click.option(
                "--flag", "flagged", is_flag=True, default=False, help="Mark the entry to bring to supervision."
            ),
            click.option(
                "--stance-both",
                "stance_both",
                is_flag=True,
                default=False,
                help="You felt the heroic and the stoical pull at once (both, in tension).",
            ),
        ]

    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        for option in reversed(options):
            func = option(func)
        return func

    return decorate


def entry_values(given: dict[str, Any]) -> dict[str, Any]:
    """The options given to ``add`` or ``edit`` as the field values ``Journal.add`` takes."""
    values = dict(given)
    if "narrative" in values:
        values["narrative"] = read_text(values["narrative"])
    if "tags" in values:
        values["tags"] = [parse_tag(t) for t in values["tags"]]
    if "people" in values:
        values["people"] = list(values["people"])
    if "actions" in values:
        values["actions"] = list(values["actions"])
    if "pcf" in values:
        values["pcf"] = list(values["pcf"])
    if "responses" in values:
        values["responses"] = dict(
            parse_pairs(values["responses"], "--response", "STAGE=TEXT, e.g. description='We met at...'")
        )
    if "outcome" in values:
        values["outcome"] = values["outcome"].lower()
    if "depth" in values:
        values["depth"] = values["depth"].lower()
    return values
