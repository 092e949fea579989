"""What the exchange tests share: a journal filled with entries using every feature, and
reading the export back. The rich entry itself is the shared ``full_entry`` (tests/conftest.py)."""

from __future__ import annotations

import io
import json

import pytest

from workbook import Journal
from workbook.exchange import export_json


@pytest.fixture
def rich_journal(full_entry):
    """``rich_journal(j) -> ids``: fill ``j`` (which has the conftest people) with the full
    entry (at revision 3), a plain one whose title and narrative look like formulas, and one
    in the trash. Returns their ids as ``full``, ``plain`` and ``trashed``."""

    def fill(j: Journal) -> dict[str, str]:
        full = full_entry(j)
        plain = j.add(title="+44 phone call", occurred_on="2025-05-01", narrative="@mention -minus")
        trashed = j.add(title="Old note", occurred_on="2024-01-01", people=["Patient C"])
        j.delete(trashed.id)
        return {"full": full.id, "plain": plain.id, "trashed": trashed.id}

    return fill


def export_doc(j: Journal) -> dict:
    buffer = io.StringIO()
    export_json(j, buffer)
    return json.loads(buffer.getvalue())


def snapshot(j: Journal) -> dict:
    ids = j.entry_ids() + j.entry_ids(in_trash=True)
    return {
        "entries": {i: j.get(i).to_dict() for i in ids},
        "history": {i: [(r.revision, r.saved_at, r.entry.to_dict()) for r in j.history(i)] for i in ids},
        "people": [(p.pseudonym, p.role) for p in j.people.list()],  # aliases do not travel (test_round_trip)
        "tags": [t for t in j.vocabulary().tags if t.custom],
    }
