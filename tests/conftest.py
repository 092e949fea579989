"""Shared fixtures: an in-memory journal with a small people register, a journal path in
``tmp_path``, and isolation so that no test can ever touch a real journal.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from workbook import Journal

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
