"""Shared fixtures: an in-memory journal with a small people register, a journal path in
``tmp_path``, isolation so that no test can ever touch a real journal, and the one builder of
a rich entry (``full_entry``: every field, passages, actions, feedback and earlier versions)
that exporters and forms test against.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from workbook import Entry, Journal

REPO_ROOT = Path(__file__).resolve().parent.parent

PEOPLE = (
    ("Parent A", "parent", ("Jo Example",)),
    ("Young person B", "young person", ()),
    ("Patient C", "patient", ("Mr Sample", "Sam")),
)


@pytest.fixture(autouse=True)
def _isolated_journal(tmp_path_factory, monkeypatch):
    """Point ``WORKBOOK_JOURNAL`` into a temporary folder and drop ``WORKBOOK_TEMPLATES``."""
    home = tmp_path_factory.mktemp("default-journal")
    monkeypatch.setenv("WORKBOOK_JOURNAL", str(home / "journal.db"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "xdg-data"))
    monkeypatch.delenv("WORKBOOK_TEMPLATES", raising=False)
    return home / "journal.db"


@pytest.fixture
def journal():
    """``Journal(":memory:")`` with three people; "Parent A" has the alias "Jo Example"."""
    j = Journal(":memory:")
    for pseudonym, role, aliases in PEOPLE:
        j.people.add(pseudonym, role, aliases=aliases)
    yield j
    j.close()


@pytest.fixture
def journal_path(tmp_path) -> Path:
    """Where a file journal may be created (the file does not exist yet)."""
    return tmp_path / "journals" / "journal.db"


@pytest.fixture
def child_env() -> dict[str, str]:
    """Environment for a child Python process that must import ``workbook`` from this tree."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO_ROOT), env.get("PYTHONPATH", "")) if p)
    return env


def table_counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Rows in every table of the database (including FTS shadow tables)."""
    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    return {name: conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names}


@pytest.fixture
def counts():
    """``counts(journal)``: rows per table, to show that a refused write changed nothing."""

    def _counts(j: Journal | sqlite3.Connection) -> dict[str, int]:
        return table_counts(j if isinstance(j, sqlite3.Connection) else j.connection)

    return _counts


# -- one rich entry: every field, passages, actions, feedback and earlier versions -----------
CUSTOM_TAG = ("Stuck feeling", "feelings", "Feeling that nothing can move.", "My own tag")


def full_entry_fields(**overrides) -> dict:
    """Fields for ``journal.add`` that use every feature: every field set, awkward text (a
    formula, right-to-left script, emoji, quotes, markup, tabs and line breaks), tags with
    intensity and passages in the narrative and in a stage response, a custom tag, action
    points with and without a due date, and feedback. Needs the people of ``journal`` and the
    custom tag ``stuck-feeling`` (``full_entry`` adds it)."""
    fields = dict(
        occurred_on="2025-06-01",
        title="Telling Parent A about the referral — صعب 😟",
        context="child-protection",
        people=["Parent A", "Young person B"],
        outcome="softened",
        stance=-1,
        template="gibbs",
        responses={"description": "We met at the door.\nShe cried.", "feelings": "\tTight chest"},
        narrative='=HYPERLINK("http://x")\nSecond line with "quotes", commas; and <b>markup</b>',
        tags=[
            {"tag": "anxious", "intensity": 2, "anchor": {"field": "narrative", "start": 0, "end": 10}},
            {"tag": "stuck-feeling", "anchor": {"field": "responses.feelings", "start": 1, "end": 6}},
            "softened",
        ],
        feelings_before=8,
        feelings_after=5,
        actions=[{"text": "Ask supervisor", "due_on": "2025-06-10"}, "Call back"],
        flagged=True,
        feedback=[{"author_role": "supervisor", "text": "Good use of silence.", "given_on": "2025-06-05"}],
    )
    fields.update(overrides)
    return fields


@pytest.fixture
def full_entry():
    """``full_entry(journal, revisions=True, **overrides) -> Entry``: adds the custom tag if
    missing and a :func:`full_entry_fields` entry; with ``revisions`` it is then edited twice
    (outcome changed to "held", the first action point done), so it is at revision 3 with two
    earlier versions. Returns the entry as stored."""

    def make(j: Journal, *, revisions: bool = True, **overrides) -> Entry:
        if j.vocabulary().find("stuck-feeling") is None:
            j.add_tag(*CUSTOM_TAG)
        entry = j.add(**full_entry_fields(**overrides))
        if revisions:
            j.update(entry.id, outcome="held")
            entry = j.set_action_status(entry.id, entry.actions[0].id, "done")
        return entry

    return make
