"""The README tells the truth about the command line."""

from __future__ import annotations

from pathlib import Path

import click

from workbook.cli import cli

README = (Path(__file__).resolve().parent.parent / "README.md").read_text()


def _commands(group: click.Group, prefix: str = "workbook"):
    for name, command in group.commands.items():
        yield f"{prefix} {name}", command
        if isinstance(command, click.Group):
            yield from _commands(command, f"{prefix} {name}")


def test_every_command_has_help_and_is_in_the_readme():
    for path, command in _commands(cli):
        assert (command.help or "").strip(), f"{path} has no help text"
        top = " ".join(path.split()[:2])
        assert f"`{top}" in README, f"{top} is not described in README.md"
