"""``workbook demo --persona``: each practitioner's journal from the command line, the default unchanged."""

from __future__ import annotations

from click.testing import CliRunner

import workbook as wb
from workbook import demo
from workbook.cli import cli


def _run(*args: str):
    return CliRunner().invoke(cli, ["demo", *args], env={"COLUMNS": "100"}, catch_exceptions=True)


def test_the_persona_option_writes_the_nurses_journal(tmp_path):
    target = tmp_path / "nurse.db"
    result = _run(str(target), "--entries", "20", "--persona", "nurse")
    assert result.exit_code == 0, result.output
    with wb.open_journal(target) as journal:
        setting = journal.setting(demo.DEMO_SETTING)
        assert setting["persona"] == "nurse" and setting["practitioner"] != demo.PRACTITIONER
        assert {p.pseudonym for p in journal.people} == {name for name, _ in demo.demo_people("nurse")}


def test_without_the_option_the_demo_is_the_social_workers(tmp_path):
    target = tmp_path / "default.db"
    result = _run(str(target), "--entries", "12")
    assert result.exit_code == 0, result.output
    with wb.open_journal(target) as journal:
        assert journal.setting(demo.DEMO_SETTING)["practitioner"] == demo.PRACTITIONER


def test_an_unknown_persona_is_refused_and_nothing_is_written(tmp_path):
    target = tmp_path / "nobody.db"
    result = _run(str(target), "--persona", "surgeon")
    assert result.exit_code == 2 and "surgeon" in result.output
    assert not target.exists()


def test_the_commands_choices_are_the_demos_personas():
    option = next(p for p in cli.commands["demo"].params if p.name == "persona")
    assert tuple(option.type.choices) == demo.PERSONAS
