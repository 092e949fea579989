"""What the command-line tests share: the one-line error check and readers of the output."""

from __future__ import annotations

import click
from click.testing import Result

from workbook.cli import cli

HEAVY = ("pandas", "altair", "ipywidgets")
GARBAGE = b"This is a shopping list, not a journal.\n" * 200


def added_id(result: Result) -> str:
    assert result.exit_code == 0, result.output
    line = result.stdout.strip().splitlines()[-1]
    assert line.startswith("Saved entry ")
    return line.split()[-1]


def assert_one_line_error(result: Result, *fragments: str, code: int | None = None) -> str:
    """The result failed with exactly one line, ``Error: ...``, and no traceback."""
    assert result.exit_code != 0, result.output
    if code is not None:
        assert result.exit_code == code, result.output
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    assert lines[0].startswith("Error: "), result.output
    assert "Traceback" not in result.output
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    return lines[0]


def all_commands(group: click.Group = cli, prefix: tuple[str, ...] = ()):
    for name, command in group.commands.items():
        yield (*prefix, name), command
        if isinstance(command, click.Group):
            yield from all_commands(command, (*prefix, name))


def listed_ids(result: Result) -> list[str]:
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["ID", "DATE", "CONTEXT", "OUTCOME", "TAGS", "TITLE"]
    return [line.split()[0] for line in lines[1:] if not line.startswith("(")]
