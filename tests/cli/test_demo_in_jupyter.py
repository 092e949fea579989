"""lab/app --demo: the demo goes to --journal PATH when one is given, never over a journal
of one's own; without it, to the user data folder, and WORKBOOK_JOURNAL is left alone."""

from __future__ import annotations

import functools

import pytest
from click.testing import CliRunner

from workbook import Journal, demo, paths
from workbook.cli import cli


@pytest.fixture
def launched(monkeypatch):
    """``launched(*args, env=None) -> (result, journal the kernels get)``; nothing is started."""
    import os

    seen: dict[str, str] = {}
    monkeypatch.setattr(
        "workbook.cli.jupyter._run", lambda argv, env: seen.update(journal=os.environ["WORKBOOK_JOURNAL"])
    )
    # a small demo, so the test is quick
    monkeypatch.setattr(demo, "write_demo_journal", functools.partial(demo.write_demo_journal, entries=12))

    def _launch(*args: str, env: dict | None = None):
        result = CliRunner().invoke(cli, list(args), env=env or {}, catch_exceptions=False)
        return result, seen.get("journal")

    return _launch


@pytest.mark.parametrize("command", ["lab", "app"])
def test_demo_with_journal_writes_and_then_opens_the_demo_there(launched, tmp_path, command):
    target = tmp_path / "practice.db"
    result, journal = launched("--journal", str(target), command, "--demo")
    assert result.exit_code == 0, result.output
    assert journal == str(target) and "Writing the demo journal" in result.output
    with Journal(target) as j:
        assert len(j.entry_ids()) == 12
    again, journal = launched("--journal", str(target), command, "--demo")
    assert again.exit_code == 0 and journal == str(target) and "Writing" not in again.output


def test_demo_refuses_a_journal_of_ones_own(launched, tmp_path):
    mine = tmp_path / "mine.db"
    with Journal(mine) as j:
        j.add(title="My own entry", occurred_on="2026-11-24")
    before = mine.read_bytes()
    result, journal = launched("--journal", str(mine), "lab", "--demo")
    assert result.exit_code == 1 and journal is None
    assert "is not a demo journal" in result.output
    assert mine.read_bytes() == before


def test_demo_leaves_workbook_journal_alone_and_says_where_it_went(launched, tmp_path):
    mine = tmp_path / "mine.db"
    with Journal(mine) as j:
        j.add(title="My own entry", occurred_on="2026-11-24")
    result, journal = launched("lab", "--demo", env={"WORKBOOK_JOURNAL": str(mine)})
    assert result.exit_code == 0, result.output
    assert journal == str(paths.default_demo_path()) != str(mine)
    assert "WORKBOOK_JOURNAL names your own journal" in result.output
