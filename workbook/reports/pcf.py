"""The evidence for each BASW PCF domain, as plain data: which entries and action points a
social worker mapped to each of the nine domains of the Professional Capabilities Framework
(BASW 2018, ``data/references.yaml`` key ``basw-2018``), and which domains have none yet.

The PCF is assessed holistically: a practice educator or an assessor reads the evidence as a
whole, so this is a list of evidence and a count of it per domain, never a score, a
percentage or a rating of how well a domain is met. ``str()`` and ``repr()`` give counts
only; the entries' titles are in the items, for the person whose journal it is to read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..content import PCF_DOMAINS
from ..errors import ValidationError
from ..validate import check_date

if TYPE_CHECKING:
    from ..journal import Journal

__all__ = ["DomainEvidence", "EvidenceAction", "EvidenceEntry", "PCFEvidence", "pcf_evidence"]


@dataclass(frozen=True, repr=False)
class EvidenceEntry:
    """An entry mapped to a domain: its id, date and title."""

    id: str
    occurred_on: dt.date
    title: str

    def __repr__(self) -> str:
        return f"<EvidenceEntry {self.id[:8]} {self.occurred_on.isoformat()}>"


@dataclass(frozen=True, repr=False)
class EvidenceAction:
    """An action point mapped to a domain: its id, status and due date, and the id, date and
    title of the entry it belongs to (the point's own text is not carried)."""

    id: str
    entry_id: str
    occurred_on: dt.date
    title: str
    status: str
    due_on: dt.date | None = None

    def __repr__(self) -> str:
        due = f" due {self.due_on.isoformat()}" if self.due_on else ""
        return f"<EvidenceAction {self.id} {self.status}{due} of {self.entry_id[:8]} {self.occurred_on.isoformat()}>"


@dataclass(frozen=True, repr=False)
class DomainEvidence:
    """One domain: its id and label, and the entries and action points mapped to it (by date)."""

    domain: str
    label: str
    entries: tuple[EvidenceEntry, ...] = ()
    actions: tuple[EvidenceAction, ...] = ()

    @property
    def n_entries(self) -> int:
        return len(self.entries)

    @property
    def n_actions(self) -> int:
        return len(self.actions)

    @property
    def has_evidence(self) -> bool:
        return bool(self.entries or self.actions)

    def counts_text(self) -> str:
        """``"3 entries, 1 action point"`` or ``"no evidence yet"``."""
        if not self.has_evidence:
            return "no evidence yet"
        return f"{_plural(self.n_entries, 'entry', 'entries')}, {_plural(self.n_actions, 'action point')}"

    def __repr__(self) -> str:
        return f"<DomainEvidence {self.domain}: {self.counts_text()}>"


@dataclass(frozen=True, repr=False)
class PCFEvidence:
    """The evidence for all nine domains, in the framework's order, for entries dated
    ``since``..``until`` (either may be None: no limit)."""

    domains: tuple[DomainEvidence, ...]
    since: dt.date | None = None
    until: dt.date | None = None

    def __getitem__(self, domain: str) -> DomainEvidence:
        for d in self.domains:
            if d.domain == domain:
                return d
        raise KeyError(domain)

    def __iter__(self) -> Iterator[DomainEvidence]:
        return iter(self.domains)

    def __len__(self) -> int:
        return len(self.domains)

    @property
    def without_evidence(self) -> tuple[str, ...]:
        """Ids of the domains with nothing mapped to them yet, in the framework's order."""
        return tuple(d.domain for d in self.domains if not d.has_evidence)

    @property
    def n_entries(self) -> int:
        """How many entries are mapped to at least one domain."""
        return len({e.id for d in self.domains for e in d.entries})

    @property
    def n_actions(self) -> int:
        """How many action points are mapped to at least one domain."""
        return len({(a.entry_id, a.id) for d in self.domains for a in d.actions})

    def counts(self) -> dict[str, tuple[int, int]]:
        """{domain id: (entries, action points)} for every domain."""
        return {d.domain: (d.n_entries, d.n_actions) for d in self.domains}

    @property
    def span(self) -> str:
        """The dates covered, in words."""
        if self.since and self.until:
            return f"{self.since.isoformat()} to {self.until.isoformat()}"
        if self.since:
            return f"from {self.since.isoformat()}"
        if self.until:
            return f"up to {self.until.isoformat()}"
        return "all dates"

    def __str__(self) -> str:
        lines = [
            f"PCF evidence ({self.span}): {_plural(self.n_entries, 'entry', 'entries')} and "
            f"{_plural(self.n_actions, 'action point')} mapped to a domain."
        ]
        lines += [f"  {d.label}: {d.counts_text()}" for d in self.domains]
        if self.without_evidence:
            names = "; ".join(PCF_DOMAINS[d] for d in self.without_evidence)  # a label may hold a comma
            lines.append(f"No evidence yet for: {names}.")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return (
            f"<PCFEvidence {self.span}: {_plural(self.n_entries, 'entry', 'entries')}, "
            f"{_plural(self.n_actions, 'action point')}, {len(self.without_evidence)} without evidence>"
        )


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def pcf_evidence(
    journal: Journal, since: dt.date | str | None = None, until: dt.date | str | None = None
) -> PCFEvidence:
    """The entries and action points mapped to each BASW PCF domain, for entries dated
    ``since``..``until`` (inclusive; the trash left out), with the domains that have none yet.

    Evidence, never a score: the PCF is assessed holistically, from the whole of it. A date
    that is not one, or ``until`` before ``since``, is a ValidationError naming it."""
    start = None if since is None else check_date("since", since)
    end = None if until is None else check_date("until", until)
    if start and end and end < start:
        raise ValidationError("until", f"is before since ({start.isoformat()}); give an end on or after the start.")
    entries: dict[str, list[EvidenceEntry]] = {d: [] for d in PCF_DOMAINS}
    actions: dict[str, list[EvidenceAction]] = {d: [] for d in PCF_DOMAINS}
    for m in journal.pcf_mappings(since=start, until=end):
        if m.domain not in entries:
            continue
        if m.action_id is None:
            entries[m.domain].append(EvidenceEntry(m.entry_id, m.occurred_on, m.title))
        else:
            actions[m.domain].append(
                EvidenceAction(m.action_id, m.entry_id, m.occurred_on, m.title, m.status or "open", m.due_on)
            )
    domains = tuple(DomainEvidence(d, label, tuple(entries[d]), tuple(actions[d])) for d, label in PCF_DOMAINS.items())
    return PCFEvidence(domains, start, end)
