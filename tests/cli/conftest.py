"""Fixtures of the command-line tests: a journal path, the CLI run on it, and journals with
people and with three entries (made with the library; the commands that make them are
tested on their own)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from workbook import Journal
from workbook.cli import cli


@pytest.fixture
def path(tmp_path) -> Path:
    return tmp_path / "private" / "journal.db"


@pytest.fixture
def run(path):
    """``run(*args, input=None, env=None)``: the CLI on the test journal."""
    runner = CliRunner()

    def _run(
        *args: str, input: str | bytes | None = None, env: dict | None = None, journal: Path | None = None
    ) -> Result:
        return runner.invoke(
            cli,
            ["--journal", str(journal or path), *args],
            input=input,
            env={"COLUMNS": "100", **(env or {})},
            catch_exceptions=True,
        )

    return _run


@pytest.fixture
def ready(path):
    """A journal with two people (made with the library; `init` and `people add` are tested below)."""
    with Journal(path) as journal:
        journal.people.add("Parent A", "parent", ["Jo Example"])
        journal.people.add("Patient C", "patient")
    return path


@pytest.fixture
def three(ready):
    """Three entries: (early flagged held anxious, middle child-protection avoided, late long title)."""
    with Journal(ready) as journal:
        early = journal.add(title="Early", occurred_on="2025-01-10", outcome="held", tags=["anxious"], flagged=True)
        middle = journal.add(
            title="Middle",
            occurred_on="2025-06-10",
            outcome="avoided",
            context="child-protection",
            narrative="the safeguarding meeting",
        )
        late = journal.add(title="Late " + "and very long " * 12 + "END", occurred_on="2026-01-10", tags=["guilty"])
    return early.id, middle.id, late.id
