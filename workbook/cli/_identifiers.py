"""``add`` and ``edit`` warn when an entry may identify someone, and ``--redact`` replaces.

After a save, each identifier found in the entry's texts (a registered real name, a phone
number, an NHS number, ...) is named on standard error with the field and the place, and what
``--redact`` would put there; the save itself is never refused (the journal is the
practitioner's own). ``--redact`` replaces the certain ones in the texts given on the command
line *before* they are saved: a registered real name by its pseudonym, the others by a label
such as ``[phone]``; possible names (capitalised words nobody registered) are only named.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import click

from ..models import Entry
from .terminal import echo

REDACT_OPTION = click.option(
    "--redact",
    is_flag=True,
    help="Before saving, replace registered real names by their pseudonym and phone numbers, "
    "NHS numbers, addresses and the like by a label such as [phone].",
)

KIND_NAMES = {
    "alias": "a real name you registered",
    "phone": "a phone number",
    "email": "an email address",
    "postcode": "a postcode",
    "nhs_number": "an NHS number",
    "ni_number": "a National Insurance number",
    "date_of_birth": "a date of birth",
    "address": "a street address",
    "institution": "the name of a school or other place",
    "possible_name": "perhaps a name nobody registered",
}


def _redact(text: Any, journal: Any) -> Any:
    from ..privacy import redact

    return redact(text, journal) if isinstance(text, str) and text else text


def redact_values(values: dict[str, Any], journal: Any) -> dict[str, Any]:
    """``values`` (as ``Journal.add`` or ``edits.merge`` take them) with their texts redacted:
    title, narrative, each response and each new action point's text."""
    out = dict(values)
    for key in ("title", "narrative"):
        if key in out:
            out[key] = _redact(out[key], journal)
    if isinstance(out.get("responses"), dict):
        out["responses"] = {stage: _redact(text, journal) for stage, text in out["responses"].items()}
    for key in ("actions", "add_actions"):
        if key in out and out[key]:
            out[key] = [_redact(a, journal) if isinstance(a, str) else a for a in out[key]]
    return out


def redact_request(request: dict[str, Any], journal: Any) -> dict[str, Any]:
    """``edit``'s request (``edits.merge`` arguments) with the texts it brings redacted."""
    texts = redact_values(
        {**request["changes"], "responses": request["responses"], "add_actions": list(request["add_actions"])}, journal
    )
    changes = {k: v for k, v in texts.items() if k not in ("responses", "add_actions")}
    return {**request, "changes": changes, "responses": texts["responses"], "add_actions": texts["add_actions"]}


def entry_texts(entry: Entry) -> Iterator[tuple[str, str]]:
    """(where, text) for every text of ``entry`` a person wrote, named as the options are."""
    yield "--title", entry.title or ""
    yield "--narrative", entry.narrative or ""
    for stage, text in (entry.responses or {}).items():
        yield f"--response {stage}", text or ""
    for number, action in enumerate(entry.actions, 1):
        yield f"action {number}", action.text or ""


def warn_about(entry: Entry, journal: Any) -> int:
    """Name on standard error each identifier in ``entry``; returns how many were found."""
    from ..privacy import find_identifiers

    found = 0
    for where, text in entry_texts(entry):
        if not text:
            continue
        for finding in find_identifiers(text, journal):
            found += 1
            what = KIND_NAMES.get(finding.kind, finding.kind)
            fix = "check it" if finding.flagged else f"--redact would put {finding.replacement} in its place"
            echo(f"Check: {where} holds {what}, “{finding.text}” (at character {finding.start + 1}); {fix}.", err=True)
    if found:
        echo("Saved as written: replace what should not be kept with `workbook edit` (or `--redact`).", err=True)
    return found
