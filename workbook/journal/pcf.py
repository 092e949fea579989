"""Which entries and action points are mapped to each BASW PCF domain (schema step 0008).

The evidence view (``reports.pcf``) asks, for a span of dates, "what is mapped to each
domain?". Answered here with two queries on the indexed ``entry_pcf`` and ``action_pcf``
tables, reading no text but the entry's title, so a journal of thousands of entries is not
loaded whole. Entries in the trash are left out.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import NamedTuple

from ..content.assignments import PCF_DOMAINS
from .queries import where

__all__ = ["PCFMapping", "pcf_mappings"]

_ORDER = {domain: n for n, domain in enumerate(PCF_DOMAINS)}


class PCFMapping(NamedTuple):
    """One entry, or one of its action points (``action_id`` set), mapped to ``domain``."""

    domain: str
    entry_id: str
    occurred_on: dt.date
    title: str
    action_id: str | None = None
    status: str | None = None
    due_on: dt.date | None = None

    def __repr__(self) -> str:  # the title is the practitioner's words: never shown by accident
        what = f"action {self.action_id} ({self.status})" if self.action_id else "entry"
        return f"<PCFMapping {self.domain} {what} of {self.entry_id[:8]} {self.occurred_on.isoformat()}>"


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def pcf_mappings(
    conn: sqlite3.Connection, *, since: dt.date | str | None = None, until: dt.date | str | None = None
) -> list[PCFMapping]:
    """Every mapping of an entry or action point dated ``since``..``until`` (inclusive) to a
    PCF domain: by domain in the framework's order, then by date, entries before action points.
    A date that is not one is a ValidationError on ``since`` / ``until``."""
    conditions, params = where(lambda: None, since=since, until=until, alias="e")  # type: ignore[arg-type, return-value]
    chosen = " AND ".join(conditions)
    entries = conn.execute(
        "SELECT p.domain, e.id, e.occurred_on, t.title FROM entry_pcf p JOIN entries e ON e.id = p.entry_id "
        f"JOIN entry_text t ON t.entry_id = e.id WHERE {chosen} ORDER BY e.occurred_on, e.created_at, p.position",
        params,
    ).fetchall()
    actions = conn.execute(
        "SELECT p.domain, e.id, e.occurred_on, t.title, a.id, a.status, a.due_on FROM action_pcf p "
        "JOIN actions a ON a.entry_id = p.entry_id AND a.position = p.action_position "
        "JOIN entries e ON e.id = p.entry_id JOIN entry_text t ON t.entry_id = e.id "
        f"WHERE {chosen} ORDER BY e.occurred_on, e.created_at, a.position, p.position",
        params,
    ).fetchall()
    found = [PCFMapping(d, eid, dt.date.fromisoformat(on), title) for d, eid, on, title in entries]
    found += [
        PCFMapping(d, eid, dt.date.fromisoformat(on), title, aid, status, _date(due))
        for d, eid, on, title, aid, status, due in actions
    ]
    # stable: within a domain, entries (by date) then action points (by date)
    return sorted(found, key=lambda m: (_ORDER.get(m.domain, len(_ORDER)), m.action_id is not None))
