"""Every mistake is one line (``Error: ...``) with a non-zero exit status, never a traceback;
a missing, corrupt or foreign journal file is refused and left exactly as it was."""

from __future__ import annotations

import sqlite3

import click
import pytest
from cli_helpers import GARBAGE, assert_one_line_error

from workbook.cli import WorkbookGroup, cli, explain
from workbook.errors import ValidationError


def test_commands_refuse_a_missing_journal(run, path):
    for args in (
        ("list",),
        ("show", "abcd1234"),
        ("add", "--title", "x"),
        ("export", "-o", str(path.parent / "x.json")),
    ):
        assert_one_line_error(run(*args), "No journal at", "workbook init", code=1)
    assert not path.exists()


def test_init_on_a_folder_is_one_line(run, tmp_path):
    assert_one_line_error(run("init", journal=tmp_path), "is a folder")


@pytest.mark.parametrize(
    "args",
    [
        ("init",),
        ("list",),
        ("show", "abcd"),
        ("add", "--title", "x"),
        ("search", "x"),
        ("export", "-o", "OUT"),
        ("backup",),
        ("people", "list"),
        ("delete", "abcd"),
    ],
    ids=lambda a: " ".join(a),
)
def test_a_corrupt_file_is_one_line_and_left_unchanged(run, tmp_path, args):
    bad = tmp_path / "bad.db"
    bad.write_bytes(GARBAGE)
    before = bad.stat()
    args = tuple(str(tmp_path / "out.json") if a == "OUT" else a for a in args)
    assert_one_line_error(
        run(*args, journal=bad), "not a readable Reflective Workbook journal", "workbook doctor", code=1
    )
    assert bad.read_bytes() == GARBAGE
    assert bad.stat().st_mtime_ns == before.st_mtime_ns
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.db"]


def test_a_foreign_sqlite_database_is_refused(run, tmp_path):
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    assert_one_line_error(run("list", journal=other), "not a Reflective Workbook journal")


def test_unknown_command_suggests_one(run):
    assert_one_line_error(run("lst"), "No such command 'lst'", code=2)


# -- a ValidationError in the words of the command line ------------------------------------------
@pytest.mark.parametrize(
    "field, reason, expected",
    [
        ("occurred_on", "not a real calendar date.", "--date: not a real calendar date."),
        ("tags[2].intensity", "must be 1 to 3.", "--tag intensity: must be 1 to 3."),
        ("tags[0].tag", "unknown tag 'x'.", "--tag: unknown tag 'x'."),
        ("tags", "unknown tag 'x'.", "--tag: unknown tag 'x'."),
        ("responses.foo", "not a stage.", "--response foo: not a stage."),
        ("responses", "set 'template' too.", "--response: give --template too."),
        ("actions[1].status", "must be open, done, dropped.", "--action-status: must be open, done, dropped."),
        ("actions[1].text", "cannot be empty.", "--action text: cannot be empty."),
        ("action_id", "no action point 'x'.", "--action-status: no action point 'x'."),
        ("remove_tags", "the entry has no tag guilty.", "--remove-tag: the entry has no tag guilty."),
        ("format", "must be one of csv, json.", "--format: must be one of csv, json."),
        (
            "people[0]",
            "'X' is not in the people register.",
            "--person: 'X' is not in the people register. Use `workbook people add PSEUDONYM --role ROLE`.",
        ),
        ("entries[3].title", "is required.", "entries[3].title: is required."),
        ("file", "x.json is not valid JSON.", "file: x.json is not valid JSON."),
        ("", "something odd.", ": something odd."),
    ],
)
def test_explain_names_the_option_to_fix(field, reason, expected):
    assert explain(ValidationError(field, reason)) == expected


def test_a_subgroup_needs_no_error_handling_of_its_own():
    """``people`` is a plain click group: its commands' errors are translated by the root alone."""
    assert type(cli) is WorkbookGroup
    assert not isinstance(cli.commands["people"], WorkbookGroup)
    assert isinstance(cli.commands["people"], click.Group)


@pytest.mark.parametrize(
    "error",
    [
        OSError(13, "Permission denied", "/tmp/odd\nname\x1b[2Jhere"),
        sqlite3.DatabaseError("disk I/O error\n\x1b]0;title\x07"),
    ],
)
def test_file_and_database_errors_are_one_clean_line(error):
    """A path or a database message may hold line breaks and terminal escapes (a file name
    is anything a user or an attacker chose): the error is still one line, escapes replaced."""
    from click.testing import CliRunner

    @click.group(cls=WorkbookGroup)
    def root() -> None:
        pass

    @root.command()
    def fail() -> None:
        raise error

    result = CliRunner().invoke(root, ["fail"])
    line = assert_one_line_error(result, code=1)
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert ("odd name" in line) if isinstance(error, OSError) else ("workbook doctor" in line)
