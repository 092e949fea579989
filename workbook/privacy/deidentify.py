"""Redacting text: registered aliases become their pseudonyms, identifiers bracketed labels

One call to :func:`redact` gives each person the same pseudonym everywhere in the text.
Possible names (capitalised words nobody registered) are left in place unless
``flagged=True``, because a guess that replaced "Hope" or "Brook" would mangle a note:
:func:`redaction` says which were left, so a form can ask the writer about them. With
``flagged=True`` each distinct possible name gets a numbered label ("[name 1]").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .detect import Finding, check_text, find_identifiers, fold


@dataclass(frozen=True)
class Redaction:
    """The redacted ``text``, the findings ``replaced`` in it and those ``flagged`` and left.

    The findings' offsets are those of the original text; they hold the identifiers found, so
    a Redaction is for the writer's eyes, and only ``text`` may be shared. The repr counts."""

    text: str = field(repr=False)
    replaced: tuple[Finding, ...] = field(repr=False)
    flagged: tuple[Finding, ...] = field(repr=False)

    @property
    def counts(self) -> dict[str, int]:
        """How many of each kind were replaced."""
        return dict(Counter(f.kind for f in self.replaced))

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"<Redaction {len(self.replaced)} replaced {self.counts}, {len(self.flagged)} flagged and left>"


def redaction(
    text: str,
    journal: Any = None,
    *,
    aliases: Mapping[str, str] | None = None,
    pseudonyms: Iterable[str] | None = None,
    flagged: bool = False,
) -> Redaction:
    """Redact ``text`` (see :func:`redact`) and report what was replaced and what was left."""
    findings = find_identifiers(check_text(text), journal, aliases=aliases, pseudonyms=pseudonyms)
    replace = [f for f in findings if flagged or not f.flagged]
    left = tuple(f for f in findings if f.flagged and not flagged)
    numbers: dict[str, int] = {}
    pieces: list[str] = []
    at = 0
    for finding in replace:
        pieces.append(text[at : finding.start])
        if finding.flagged:
            number = numbers.setdefault(fold(finding.text), len(numbers) + 1)
            pieces.append(f"[name {number}]")
        else:
            pieces.append(finding.replacement)
        at = finding.end
    pieces.append(text[at:])
    return Redaction("".join(pieces), tuple(replace), left)


def redact(
    text: str,
    journal: Any = None,
    *,
    aliases: Mapping[str, str] | None = None,
    pseudonyms: Iterable[str] | None = None,
    flagged: bool = False,
) -> str:
    """``text`` with every identifier replaced: a registered alias by its pseudonym (the same
    one wherever that person appears), others by a label such as ``"[phone]"``.

    Possible names are left as they are unless ``flagged=True`` (then "[name 1]", "[name 2]",
    the same number for the same name); :func:`redaction` lists them."""
    return redaction(text, journal, aliases=aliases, pseudonyms=pseudonyms, flagged=flagged).text
