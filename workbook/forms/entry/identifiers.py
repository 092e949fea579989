"""The warning box under a form's texts: identifiers found in what was just written.

A registered real name, a phone number, an NHS number, an address... typed into an entry is
shown with where it is and what could stand in its place (the pseudonym, or a bracketed
label), with a button to replace it, one to replace all that are certain, and for a word that
only looks like a name, one to say it is not. It never blocks a save: the journal is the
practitioner's own, and a name may be there on purpose for a while. What it finds is shown
only in the form itself (nothing is logged, and saved notebooks carry no outputs).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import ipywidgets as w

from ...errors import WorkbookError
from ...privacy import Finding
from .._common import NOTE_STYLE, css, esc

Finder = Callable[[str], list[Finding]]
# (field, start, end, expected text, replacement): replace text[start:end] in that field
Replace = Callable[[str, int, int, str, str], bool]

KIND_LABELS = {
    "alias": "a real name you registered",
    "phone": "a phone number",
    "email": "an email address",
    "postcode": "a postcode",
    "nhs_number": "an NHS number",
    "ni_number": "a National Insurance number",
    "date_of_birth": "a date of birth",
    "address": "a street address",
    "institution": "the name of a school or other place",
    "possible_name": "perhaps a name",
}
HEADER = (
    "<b>Before you save: this may identify someone</b> "
    f"<span style='{NOTE_STYLE}'>— replace what should not be kept; saving is never blocked</span>"
)


def finder_for(journal: Any) -> Finder:
    """``find_identifiers`` with the journal's register; a finder that fails finds nothing
    (a check must never stop anyone writing)."""

    def find(text: str) -> list[Finding]:
        from ... import privacy

        try:
            return privacy.find_identifiers(text, journal)
        except (WorkbookError, ValueError, TypeError):
            return []

    return find


class IdentifierBox:
    """Findings of ``find`` in a form's texts, each with a button to replace it.

    ``refresh(texts, labels)`` looks again (``texts``: field → text; ``labels``: field →
    what the form calls it); ``again()`` asks the form to call it. ``replace(field, start, end, expected, replacement)`` is the
    form's: it changes the field's text if ``text[start:end]`` is still ``expected``.
    """

    def __init__(self, find: Finder, replace: Replace, again: Callable[[], None] = lambda: None) -> None:
        self.find = find
        self.replace = replace
        self.again = again  # look again (the form calls refresh with its texts)
        self.findings: dict[str, list[Finding]] = {}
        self.not_names: set[str] = set()  # words the writer said are not names (this form only)
        self._shown: tuple = ()
        self.replace_all_button = css(
            w.Button(description="Replace all that are certain", layout=w.Layout(width="auto")),
            "wb-identifiers-replace-all",
        )
        self.replace_all_button.on_click(lambda _: self.replace_all())
        self.box = css(w.VBox([]), "wb-identifiers")

    # -- looking ------------------------------------------------------------------------------
    def refresh(self, texts: Mapping[str, str], labels: Mapping[str, str]) -> None:
        """Find identifiers in every text again; the rows are rebuilt only when what is found changes."""
        found: dict[str, list[Finding]] = {}
        for field, text in texts.items():
            hits = (
                [f for f in self.find(text) if not (f.flagged and f.text.casefold() in self.not_names)] if text else []
            )
            if hits:
                found[field] = hits
        self.findings = found
        key = tuple((field, f.start, f.end, f.kind, f.text) for field, hits in found.items() for f in hits)
        if key == self._shown:
            return
        self._shown = key
        rows = [self._row(field, f, labels.get(field, field)) for field, hits in found.items() for f in hits]
        certain = [f for hits in found.values() for f in hits if not f.flagged]
        extra = (self.replace_all_button,) if len(certain) > 1 else ()
        self.box.children = (w.HTML(HEADER), *rows, *extra) if rows else ()

    @property
    def count(self) -> int:
        return sum(len(hits) for hits in self.findings.values())

    def summary(self) -> str:
        """A line for the save status ("2 possible identifiers: a phone number, perhaps a name"), or ""."""
        kinds = sorted({f.kind for hits in self.findings.values() for f in hits}, key=list(KIND_LABELS).index)
        if not kinds:
            return ""
        n = self.count
        return (
            f"{n} possible identifier{'s' if n != 1 else ''} in the text: {', '.join(KIND_LABELS[k] for k in kinds)}."
        )

    # -- acting ----------------------------------------------------------------------------------
    def replace_one(self, field: str, finding: Finding) -> bool:
        return self.replace(field, finding.start, finding.end, finding.text, finding.replacement)

    def replace_all(self) -> int:
        """Replace every finding that is certain (not a possible name), last first so the
        positions of the others stay right; returns how many were replaced."""
        done = 0
        for field, hits in list(self.findings.items()):
            for finding in sorted((f for f in hits if not f.flagged), key=lambda f: f.start, reverse=True):
                done += bool(self.replace_one(field, finding))
        return done

    def not_a_name(self, finding: Finding) -> None:
        """The writer says this word is not a name: stop flagging it in this form."""
        self.not_names.add(finding.text.casefold())
        self.again()

    def _row(self, field: str, finding: Finding, label: str) -> w.HBox:
        what = KIND_LABELS.get(finding.kind, finding.kind)
        mark = "?" if finding.flagged else ""
        text = w.HTML(f"“{esc(finding.text)}” in {esc(label)}: {esc(what)}{mark}")
        use = "Use" if finding.kind == "alias" else "Replace with"
        button = css(
            w.Button(description=f"{use} {finding.replacement}", layout=w.Layout(width="auto")),
            "wb-identifier-replace",
            f"wb-identifier-{finding.kind.replace('_', '-')}",
        )
        button.on_click(lambda _: self.replace_one(field, finding))
        parts: list[w.Widget] = [button]
        if finding.flagged:
            keep = css(w.Button(description="Not a name", layout=w.Layout(width="auto")), "wb-identifier-not-a-name")
            keep.on_click(lambda _: self.not_a_name(finding))
            parts.append(keep)
        return w.HBox([*parts, text])
