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


def test_architecture_map_of_the_package_is_up_to_date():
    """ARCHITECTURE.md's package tree is generated from the module docstrings: refresh it with
    ``python tools/package_tree.py --write`` after adding, moving or redescribing a module."""
    import importlib.util

    root = Path(__file__).resolve().parent.parent
    spec = importlib.util.spec_from_file_location("package_tree", root / "tools" / "package_tree.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    text = (root / "ARCHITECTURE.md").read_text()
    assert tool.with_tree(text) == text
    for folder in ("journal/", "exchange/", "forms/", "cli/", "documents/", "paths.py", "files.py"):
        assert folder in text
