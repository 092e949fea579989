"""Terminal escape sequences in a data file (an institution's template) or in journal text never
reach the terminal raw: every command prints through ``terminal.echo``, which cleans the line."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

import workbook.cli as cli_package
from workbook import Journal
from workbook.cli.terminal import clean, json_text

# erase line, carriage return, OSC window title (ended by BEL), colour, cursor up, conceal
HOSTILE_YAML = r"""
id: esc_model
name: "Esc model\e[2K\rTotally harmless"
summary: "A model.\e]0;pwned-window-title\a\e[31mRED and more words for the summary."
reference: "Ref\e[8mhidden"
stages:
  - id: s1
    title: "Stage\e[1A\e[2K"
    prompt: "Prompt \e[8mhidden text\r"
    guidance: "Guidance \e[2J"
"""

RAW = ("\x1b", "\r", "\x07", "\x9b")


def _assert_clean(text: str) -> None:
    for ch in RAW:
        assert ch not in text, (ch, text)


@pytest.fixture
def hostile(tmp_path) -> dict:
    folder = tmp_path / "hostile"
    folder.mkdir()
    (folder / "esc.yaml").write_text(HOSTILE_YAML, encoding="utf-8")
    (folder / "bad\x1b]0;title\x07.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    return {"WORKBOOK_TEMPLATES": str(folder)}


def test_the_template_detail_view_has_no_escapes(run, hostile):
    result = run("templates", "esc_model", env=hostile)
    assert result.exit_code == 0, result.output
    _assert_clean(result.output)
    _assert_clean(result.stderr)
    # the words are still shown, with each control character replaced
    assert "Esc model\ufffd[2K\ufffdTotally harmless" in result.stdout
    assert "pwned-window-title" in result.stdout and "Prompt \ufffd[8mhidden text" in result.stdout
    assert "s1: Stage\ufffd[1A" in result.stdout
    assert "Problem: " in result.stderr and "bad\ufffd]0;title\ufffd.yaml" in result.stderr


def test_the_template_list_view_has_no_escapes(run, hostile):
    result = run("templates", env=hostile)
    assert result.exit_code == 0, result.output
    assert "esc_model" in result.stdout
    _assert_clean(result.output)


def test_an_entry_using_the_hostile_template_is_shown_clean(run, path, hostile, monkeypatch):
    monkeypatch.setenv("WORKBOOK_TEMPLATES", hostile["WORKBOOK_TEMPLATES"])
    with Journal(path) as journal:
        entry = journal.add(title="Visit", template="esc_model", responses={"s1": "It went well."})
    result = run("show", entry.id, env=hostile)
    assert result.exit_code == 0, result.output
    assert "It went well." in result.stdout
    _assert_clean(result.output)


def test_json_text_round_trips_every_control_character():
    # `show --json` prints through json_text: the journal refuses control characters in new
    # text, but an older journal may hold them, and the JSON must keep them exactly
    value = {"t": "".join(chr(c) for c in range(0x00, 0xA0))}
    text = json_text(value)
    assert clean(text) == text
    assert json.loads(text) == value


# -- every command prints through terminal.echo --------------------------------------------------

CLI_DIR = Path(cli_package.__file__).parent
# Prints left to click.echo, with why: the lines print only paths and ids of the user's own choosing.
ALLOWED = {
    ("terminal.py", "echo"): "the cleaning function itself",
    ("jupyter.py", "*"): "prints the journal path and the notebook launched, nothing from a file",
    ("entries.py", "edit"): "prints an id and a revision number",
}


def _raw_prints(path: Path) -> list[tuple[str, int]]:
    """(function, line) of every click.echo / click.secho call in the module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []

    def visit(node: ast.AST, function: str) -> None:
        for child in ast.iter_child_nodes(node):
            name = child.name if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef) else function
            if (
                isinstance(child, ast.Call)
                and isinstance(child.func, ast.Attribute)
                and child.func.attr in {"echo", "secho"}
                and isinstance(child.func.value, ast.Name)
                and child.func.value.id == "click"
            ):
                found.append((function, child.lineno))
            visit(child, name)

    visit(tree, "<module>")
    return found


@pytest.mark.parametrize("module", sorted(p.name for p in CLI_DIR.glob("*.py")))
def test_commands_print_only_through_the_cleaning_echo(module):
    raw = [
        (function, line)
        for function, line in _raw_prints(CLI_DIR / module)
        if (module, function) not in ALLOWED and (module, "*") not in ALLOWED
    ]
    assert raw == [], f"{module}: use terminal.echo (it cleans control characters), not click.echo, at {raw}"


@pytest.mark.parametrize(
    ("zone", "value", "shown"),
    [
        ("Asia/Tokyo", (9999, 12, 31, 23, 59), "9999-12-31 23:59 UTC"),  # local time would be year 10000
        ("America/New_York", (1, 1, 1, 0, 30), "0001-01-01 00:30 UTC"),  # local time would be year 0
        ("Asia/Tokyo", (2026, 3, 1, 9, 0), "2026-03-01 18:00"),  # an ordinary time: local
    ],
)
def test_a_time_local_time_cannot_reach_is_shown_in_utc(monkeypatch, zone, value, shown):
    """``stamp`` shows local time, and UTC where local time cannot reach; never a traceback."""
    import datetime as dt
    import time

    from workbook.cli.terminal import stamp

    monkeypatch.setenv("TZ", zone)
    time.tzset()
    try:
        assert stamp(dt.datetime(*value, tzinfo=dt.timezone.utc)) == shown
        assert stamp(None) == "-"
    finally:
        monkeypatch.undo()
        time.tzset()
