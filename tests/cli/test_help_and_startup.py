"""The command starts fast and light, and every command has help written for a practitioner."""

from __future__ import annotations

import subprocess
import sys

import click
import pytest
from cli_helpers import HEAVY, all_commands
from click.testing import CliRunner

from workbook.cli import cli


@pytest.mark.parametrize("names", [names for names, _ in all_commands()], ids=" ".join)
def test_every_command_has_help_for_a_practitioner(names):
    command = dict(all_commands())[names]
    assert command.help and len(command.help.split()) >= 5, names
    result = CliRunner().invoke(cli, [*names, "--help"])
    assert result.exit_code == 0
    assert "Usage: " in result.output
    for param in command.params:
        if isinstance(param, click.Option) and not param.hidden:
            assert param.help, f"{' '.join(names)} {param.opts[0]} has no help"


def test_the_expected_commands_exist():
    names = {" ".join(n) for n, _ in all_commands()}
    expected = "init demo add list show search edit delete restore export import doctor backup people tags templates"
    assert set(expected.split()) | {"people add", "people list"} <= names


def test_version_and_bare_group():
    assert CliRunner().invoke(cli, ["--version"]).output.startswith("workbook, version ")
    result = CliRunner().invoke(cli, [])
    assert "Usage: " in result.output and "Start here" in result.output


def test_help_imports_no_heavy_module(child_env):
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "import workbook.cli as c\n"
        "for args in (['--help'], ['add', '--help'], ['list', '--help'], ['doctor', '--help'], ['people', 'list', '--help']):\n"
        "    assert CliRunner().invoke(c.cli, args).exit_code == 0\n"
        f"heavy = sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r})\n"
        "assert not heavy, heavy\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, env=child_env, capture_output=True, text=True)


def test_workbook_help_in_a_subprocess_imports_no_heavy_module(child_env):
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "workbook", "--help"],
        env=child_env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "Usage: workbook" in done.stdout
    imported = {line.split("|")[-1].strip().split(".")[0] for line in done.stderr.splitlines() if "|" in line}
    assert "click" in imported
    assert not imported & set(HEAVY)


def test_journal_comes_from_the_environment(tmp_path):
    target = tmp_path / "from-env.db"
    result = CliRunner().invoke(cli, ["init"], env={"WORKBOOK_JOURNAL": str(target)})
    assert result.exit_code == 0, result.output
    assert target.exists() and str(target) in result.output


def test_workbook_help_loads_only_the_command_line_and_the_base_modules(child_env):
    """The journal, the exchange formats and the data files load when a command runs (or shows
    its own help), never for ``workbook --help``: the format registry is looked up lazily."""
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "import workbook.cli as c\n"
        "assert CliRunner().invoke(c.cli, ['--help']).exit_code == 0\n"
        "extra = sorted(m for m in sys.modules if m.startswith('workbook.') and not m.startswith('workbook.cli')\n"
        "               and m not in ('workbook.errors', 'workbook.models', 'workbook.paths', 'workbook.lazy'))\n"
        "assert not extra, extra\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, env=child_env, capture_output=True, text=True)
