"""cli.py: every command works, has help written for a practitioner, and every mistake
is one line (``Error: ...``) with a non-zero exit status, never a traceback."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from workbook import Journal
from workbook.cli import cli

HEAVY = ("pandas", "altair", "ipywidgets")
GARBAGE = b"This is a shopping list, not a journal.\n" * 200


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


def _added_id(result: Result) -> str:
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


def _all_commands(group: click.Group = cli, prefix: tuple[str, ...] = ()):
    for name, command in group.commands.items():
        yield (*prefix, name), command
        if isinstance(command, click.Group):
            yield from _all_commands(command, (*prefix, name))


# -- help and start-up ---------------------------------------------------------------------
@pytest.mark.parametrize("names", [names for names, _ in _all_commands()], ids=" ".join)
def test_every_command_has_help_for_a_practitioner(names):
    command = dict(_all_commands())[names]
    assert command.help and len(command.help.split()) >= 5, names
    result = CliRunner().invoke(cli, [*names, "--help"])
    assert result.exit_code == 0
    assert "Usage: " in result.output
    for param in command.params:
        if isinstance(param, click.Option) and not param.hidden:
            assert param.help, f"{' '.join(names)} {param.opts[0]} has no help"


def test_the_expected_commands_exist():
    names = {" ".join(n) for n, _ in _all_commands()}
    expected = "init demo add list show search edit delete restore export doctor backup people tags templates"
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


# -- init -----------------------------------------------------------------------------------
def test_init_creates_a_private_journal_and_says_where(run, path):
    result = run("init")
    assert result.exit_code == 0, result.output
    assert f"Created a new journal at {path}" in result.output
    assert "-rw-------" in result.output and "only you can open it" in result.output
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    again = run("init")
    assert again.exit_code == 0 and "left as it is" in again.output


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


# -- a corrupt or foreign file ----------------------------------------------------------------
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


# -- add ------------------------------------------------------------------------------------
def test_add_with_every_option_then_show(run, ready):
    result = run(
        "add",
        "--title",
        "Telling Parent A about the referral",
        "--date",
        "2026-03-14",
        "--context",
        "Child protection",
        "--outcome",
        "Softened",
        "--stance",
        "leaning-heroic",
        "--template",
        "gibbs",
        "--response",
        "description=We met at the door.",
        "--response",
        "feelings=Tight chest",
        "--tag",
        "anxious:2",
        "--tag",
        "guilty",
        "--person",
        "Jo Example",
        "--person",
        "Patient C",
        "--narrative",
        "She cried.",
        "--feelings-before",
        "8",
        "--feelings-after",
        "0",
        "--action",
        "Call back Friday",
        "--action",
        "Ask supervisor",
        "--flag",
    )
    entry_id = _added_id(result)
    with Journal(ready) as journal:
        entry = journal.get(entry_id)
    assert entry.occurred_on.isoformat() == "2026-03-14"
    assert (entry.context, entry.outcome, entry.stance, entry.template) == ("child-protection", "softened", -1, "gibbs")
    assert entry.responses == {"description": "We met at the door.", "feelings": "Tight chest"}
    assert [(t.tag, t.intensity) for t in entry.tags] == [("anxious", 2), ("guilty", None)]
    assert entry.people == ("Parent A", "Patient C")
    assert (entry.feelings_before, entry.feelings_after, entry.flagged) == (8, 0, True)
    assert [a.text for a in entry.actions] == ["Call back Friday", "Ask supervisor"]

    shown = run("show", entry_id[:8])
    assert shown.exit_code == 0, shown.output
    for text in (
        "Telling Parent A about the referral",
        entry_id,
        "2026-03-14",
        "child-protection (Child protection)",
        "Parent A (parent)",
        "softened",
        "-1 (leaning heroic)",
        "before 8, after 0",
        "anxious:2, guilty",
        "gibbs (",
        "bring to supervision",
        "-- Description --",
        "We met at the door.",
        "-- Narrative --",
        "She cried.",
        "[open] Call back Friday",
        "revision 1",
    ):
        assert text in shown.output, text
    as_json = run("show", entry_id, "--json")
    assert json.loads(as_json.stdout) == entry.to_dict()


def test_add_only_a_title(run, ready):
    entry_id = _added_id(run("add", "--title", "Quick note"))
    with Journal(ready) as journal:
        assert journal.get(entry_id).title == "Quick note"


def test_add_narrative_from_standard_input(run, ready):
    entry_id = _added_id(run("add", "--title", "Typed", "--narrative", "-", input="Line one\nLine two\n"))
    with Journal(ready) as journal:
        assert journal.get(entry_id).narrative == "Line one\nLine two"


@pytest.mark.parametrize(
    "args, fragments",
    [
        (("--title", "x", "--date", "2026-13-01"), ("--date:", "not a real calendar date")),
        (("--title", "x", "--date", "14/03/2026"), ("--date:", "YYYY-MM-DD")),
        (("--title", "x", "--tag", "anxius"), ("--tag:", "unknown tag 'anxius'", "Did you mean 'anxious'")),
        (("--title", "x", "--tag", "anxious:5"), ("--tag intensity:", "1 to 3")),
        (("--title", "x", "--person", "Nobody"), ("--person:", "workbook people add")),
        (("--title", "x", "--context", "nowhere"), ("--context:", "child-protection")),
        (("--title", "x", "--template", "nope"), ("--template:", "gibbs")),
        (("--title", "x", "--response", "description=x"), ("--response:", "--template")),
        (("--title", "x", "--template", "gibbs", "--response", "foo=x"), ("--response foo:", "not a stage")),
        (("--title", "line\x1bescape"), ("--title:", "U+001B")),
        (("--title", "   "), ("--title:", "cannot be empty")),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_add_refuses_bad_values_in_one_line(run, ready, args, fragments):
    with Journal(ready) as journal:
        before = len(journal)
    assert_one_line_error(run("add", *args), *fragments, code=1)
    with Journal(ready) as journal:
        assert len(journal) == before


@pytest.mark.parametrize(
    "args, fragment",
    [
        ((), "--title is needed"),
        (("--title", "x", "--outcome", "maybe"), "'maybe' is not one of"),
        (("--title", "x", "--stance", "weird"), "leaning-stoical"),
        (("--title", "x", "--feelings-before", "11"), "0<=x<=10"),
        (("--title", "x", "--tag", "anxious:high"), "NAME:INTENSITY"),
        (("--title", "x", "--response", "no-equals"), "STAGE=TEXT"),
        (("--title", "x", "--from-json", __file__), "cannot be combined"),
        (("--bogus",), "No such option"),
    ],
)
def test_add_usage_errors_are_one_line(run, ready, args, fragment):
    assert_one_line_error(run("add", *args), fragment, code=2)


def test_unknown_command_suggests_one(run):
    assert_one_line_error(run("lst"), "No such command 'lst'", code=2)


# -- add --from-json ----------------------------------------------------------------------------
def test_add_from_json_file_and_stdin(run, ready, tmp_path):
    source = tmp_path / "entries.json"
    source.write_text(
        json.dumps(
            [{"title": "One", "people": ["Parent A"]}, {"title": "Two", "tags": [{"tag": "anxious", "intensity": 1}]}]
        )
    )
    result = run("add", "--from-json", str(source))
    assert result.exit_code == 0, result.output
    assert len([line for line in result.stdout.splitlines() if line.startswith("Saved entry ")]) == 2
    entry_id = _added_id(run("add", "--from-json", "-", input=json.dumps({"title": "From stdin"})))
    with Journal(ready) as journal:
        assert journal.get(entry_id).title == "From stdin"
        assert len(journal) == 3


def test_add_from_json_refuses_everything_if_one_entry_is_bad(run, ready, tmp_path):
    source = tmp_path / "entries.json"
    source.write_text(json.dumps([{"title": "ok"}, {"title": "ok"}, {"title": "ok"}, {"narrative": "no title"}]))
    assert_one_line_error(
        run("add", "--from-json", str(source)), "Nothing was saved", "entries[3].title", "required", code=1
    )
    with Journal(ready) as journal:
        assert len(journal) == 0


def test_add_from_bad_json_names_the_line(run, ready, tmp_path):
    source = tmp_path / "entries.json"
    source.write_text('[\n{"title": "ok"},\n{"title" "missing colon"}\n]')
    assert_one_line_error(run("add", "--from-json", str(source)), "not valid JSON", "line 3")
    assert_one_line_error(run("add", "--from-json", str(tmp_path / "missing.json")), "does not exist", code=2)


# -- list, show, search -------------------------------------------------------------------------------
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


def _listed(result: Result) -> list[str]:
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["ID", "DATE", "CONTEXT", "OUTCOME", "TAGS", "TITLE"]
    return [line.split()[0] for line in lines[1:] if not line.startswith("(")]


def test_list_shows_a_table_with_short_ids(run, three):
    early, middle, late = three
    result = run("list")
    assert _listed(result) == [early[:8], middle[:8], late[:8]]
    for line in result.stdout.splitlines():
        assert len(line) <= 100
    assert "…" in result.stdout and "END" not in result.stdout  # the long title is cut
    assert "2025-06-10  child-protection  avoided" in result.stdout


@pytest.mark.parametrize(
    "args, expected",
    [
        (("--since", "2025-06-01"), (1, 2)),
        (("--until", "2025-06-10"), (0, 1)),
        (("--tag", "anxious"), (0,)),
        (("--tag", "Anxious", "--tag", "guilty"), ()),
        (("--context", "child-protection"), (1,)),
        (("--outcome", "avoided"), (1,)),
        (("--flagged",), (0,)),
        (("--limit", "2"), (1, 2)),
        (("--limit", "0"), (0, 1, 2)),
    ],
)
def test_list_filters(run, three, args, expected):
    result = run("list", *args)
    if not expected:
        assert result.exit_code == 0 and "No entries match." in result.output
        return
    assert _listed(result) == [three[i][:8] for i in expected]


def test_list_limit_says_what_is_hidden(run, three):
    assert "(2 most recent of 3 shown; --limit 0 shows all.)" in run("list", "--limit", "2").output


def test_list_bad_filters_are_one_line(run, three):
    assert_one_line_error(run("list", "--tag", "anxius"), "--tag:", "Did you mean 'anxious'")
    assert_one_line_error(run("list", "--since", "2025-02-30"), "--since:", "not a real calendar date")
    assert_one_line_error(run("list", "--context", "nowhere"), "--context:")


def test_show_errors(run, three, ready):
    assert_one_line_error(run("show", "ffffffff"), "No entry with id 'ffffffff'", code=1)
    assert_one_line_error(run("show", "0"), "No entry with id")
    assert_one_line_error(run("show"), "Missing argument 'ID'", code=2)


def test_an_ambiguous_id_prefix_is_one_line(run, ready, tmp_path):
    source = tmp_path / "twins.json"
    source.write_text(
        json.dumps(
            [
                {"title": "A", "id": "abcd1111-0000-4000-8000-000000000000"},
                {"title": "B", "id": "abcd2222-0000-4000-8000-000000000000"},
            ]
        )
    )
    assert run("add", "--from-json", str(source)).exit_code == 0
    assert_one_line_error(run("show", "abcd"), "more than one entry")
    assert "B" in run("show", "abcd2222").output


def test_search(run, three):
    early, middle, late = three
    assert _listed(run("search", "safeguarding", "meeting")) == [middle[:8]]
    assert _listed(run("search", "safeg")) == [middle[:8]]
    assert "No entries match." in run("search", "nothing-like-this").output
    assert "No entries match." in run("search", "AND", "NEAR(").output  # search syntax is taken literally


def test_show_escapes_control_characters_from_a_tampered_file(run, three, ready):
    conn = sqlite3.connect(ready)
    conn.execute("UPDATE entry_text SET narrative = 'bad \x1b[31m red'")
    conn.commit()
    conn.close()
    shown = run("show", three[0][:8])
    assert "\x1b" not in shown.output and "bad \ufffd[31m red" in shown.output


# -- edit, delete, restore ------------------------------------------------------------------------------
def test_edit_changes_fields_and_keeps_history(run, three, ready):
    early = three[0]
    result = run(
        "edit",
        early[:8],
        "--title",
        "Early, renamed",
        "--outcome",
        "softened",
        "--add-tag",
        "relieved:1",
        "--remove-tag",
        "Anxious",
        "--unflag",
        "--action",
        "Follow up",
    )
    assert result.exit_code == 0, result.output
    assert "revision 2" in result.output
    with Journal(ready) as journal:
        entry = journal.get(early)
        action_id = entry.actions[0].id
        assert [r.revision for r in journal.history(early)] == [1, 2]
    assert (entry.title, entry.outcome, entry.flagged) == ("Early, renamed", "softened", False)
    assert [(t.tag, t.intensity) for t in entry.tags] == [("relieved", 1)]
    assert (
        run(
            "edit", early[:8], "--action-status", f"{action_id[:4]}=done", "--clear", "outcome", "--stance", "2"
        ).exit_code
        == 0
    )
    with Journal(ready) as journal:
        entry = journal.get(early)
    assert entry.actions[0].status == "done" and entry.outcome is None and entry.stance == 2


def test_edit_responses_merge_by_stage(run, ready):
    entry_id = _added_id(run("add", "--title", "x", "--template", "driscoll", "--response", "what=First"))
    assert run("edit", entry_id, "--response", "so_what=Second").exit_code == 0
    with Journal(ready) as journal:
        assert journal.get(entry_id).responses == {"what": "First", "so_what": "Second"}
    assert run("edit", entry_id, "--response", "what=").exit_code == 0
    with Journal(ready) as journal:
        assert journal.get(entry_id).responses == {"so_what": "Second"}
    assert_one_line_error(run("edit", entry_id, "--template", "gibbs"), "--response", code=2)
    assert run("edit", entry_id, "--clear", "template").exit_code == 0
    with Journal(ready) as journal:
        assert journal.get(entry_id).responses == {}


@pytest.mark.parametrize(
    "args, fragments, code",
    [
        ((), ("Nothing to change",), 2),
        (("--remove-tag", "guilty"), ("has no tag guilty",), 1),
        (("--add-tag", "anxius"), ("Did you mean 'anxious'",), 1),
        (("--action-status", "nope=done"), ("no action point 'nope'",), 1),
        (("--action-status", "nope"), ("ACTION_ID=STATUS",), 2),
        (("--date", "yesterday"), ("--date:",), 1),
        (("--clear", "outcome", "--outcome", "held"), ("cannot be given together",), 2),
    ],
)
def test_edit_errors_are_one_line(run, three, args, fragments, code):
    assert_one_line_error(run("edit", three[0][:8], *args), *fragments, code=code)


def test_edit_action_status_must_be_known(run, ready):
    entry_id = _added_id(run("add", "--title", "x", "--action", "Do it"))
    with Journal(ready) as journal:
        action_id = journal.get(entry_id).actions[0].id
    assert_one_line_error(
        run("edit", entry_id, "--action-status", f"{action_id}=finished"), "--action-status:", "open, done, dropped"
    )


def test_delete_and_restore(run, three):
    early = three[0]
    deleted = run("delete", early[:8])
    assert deleted.exit_code == 0 and "trash" in deleted.output and "workbook restore" in deleted.output
    assert early[:8] not in _listed(run("list"))
    assert _listed(run("list", "--trash")) == [early[:8]]
    assert "already in the trash" in run("delete", early[:8]).output
    assert "in trash" in run("show", early[:8]).output
    assert run("restore", early[:8]).exit_code == 0
    assert "not in the trash" in run("restore", early[:8]).output
    assert "The trash is empty." in run("list", "--trash").output
    assert_one_line_error(run("delete", "ffffffff"), "No entry with id")
    assert_one_line_error(run("restore", "ffffffff"), "No entry with id")


# -- export, backup ----------------------------------------------------------------------------
def test_export_json_then_import_into_a_new_journal_is_lossless(run, three, ready, tmp_path):
    run("edit", three[0][:8], "--title", "Edited")
    run("delete", three[1][:8])
    out = tmp_path / "export.json"
    result = run("export", "--format", "json", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "Exported 3 entries" in result.output and "aliases" in result.output
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    fresh = tmp_path / "fresh" / "journal.db"
    assert run("init", journal=fresh).exit_code == 0
    imported = run("add", "--from-json", str(out), journal=fresh)
    assert imported.exit_code == 0, imported.output
    with Journal(ready) as old, Journal(fresh) as new:
        ids = old.entry_ids() + old.entry_ids(in_trash=True)
        assert len(ids) == 3
        for entry_id in ids:
            assert new.get(entry_id).to_dict() == old.get(entry_id).to_dict()
            assert [r.entry.to_dict() for r in new.history(entry_id)] == [
                r.entry.to_dict() for r in old.history(entry_id)
            ]
        assert new.people.aliases() == old.people.aliases()
    assert_one_line_error(run("add", "--from-json", str(out), journal=fresh), "already exists")


def test_export_refuses_to_overwrite_without_force(run, three, tmp_path):
    out = tmp_path / "export.csv"
    out.write_text("precious")
    assert_one_line_error(run("export", "-o", str(out)), "already exists", "--force", code=1)
    assert out.read_text() == "precious"
    result = run("export", "-o", str(out), "--force")
    assert result.exit_code == 0 and "as CSV" in result.output
    assert out.read_text(encoding="utf-8-sig").startswith("id,occurred_on,title")


def test_export_csv_defuses_formulas(run, ready, tmp_path):
    _added_id(run("add", "--title", '=HYPERLINK("http://evil","click")', "--narrative", "@SUM(1)"))
    out = tmp_path / "out.csv"
    assert run("export", "--format", "csv", "-o", str(out)).exit_code == 0
    text = out.read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text and "'@SUM(1)" in text
    assert ",=" not in text and ",@" not in text


def test_export_errors(run, three, tmp_path):
    assert_one_line_error(run("export", "-o", str(tmp_path / "missing" / "x.json")), "does not exist", code=1)
    assert_one_line_error(run("export", "--format", "xml", "-o", str(tmp_path / "x")), "'xml' is not one of", code=2)
    assert_one_line_error(run("export"), "Missing option", code=2)


def test_backup_default_and_explicit(run, three, ready, tmp_path):
    result = run("backup")
    assert result.exit_code == 0, result.output
    (copy,) = ready.parent.glob("journal-backup-*.db")
    assert str(copy) in result.output and stat.S_IMODE(copy.stat().st_mode) == 0o600
    with Journal(copy) as journal:
        assert len(journal) == 3
    dest = tmp_path / "copy.db"
    assert run("backup", str(dest)).exit_code == 0 and dest.exists()
    assert_one_line_error(run("backup", str(dest)), "already exists", code=1)


# -- doctor -------------------------------------------------------------------------------------------
def _doctor(run, journal: Path) -> tuple[Result, dict[str, str]]:
    result = run("doctor", journal=journal)
    statuses = {}
    for line in result.stdout.splitlines():
        if line.startswith("["):
            status, rest = line[1:].split("]", 1)
            statuses[rest.split(":", 1)[0].strip()] = status.strip()
    return result, statuses


def test_doctor_on_a_healthy_journal(run, three, ready):
    before = sorted(p.name for p in ready.parent.iterdir())
    result, statuses = _doctor(run, ready)
    assert result.exit_code == 0, result.output
    assert "All checks passed" in result.output
    for name in ("journal", "integrity", "references", "schema", "search index", "entry rows", "vocabulary", "counts"):
        assert statuses[name] == "ok", result.output
    assert "3 entries" in result.output
    assert sorted(p.name for p in ready.parent.iterdir()) == before  # not even a -wal or -shm file


def test_doctor_warns_about_permissions_but_passes(run, three, ready):
    os.chmod(ready, 0o644)
    result, statuses = _doctor(run, ready)
    assert result.exit_code == 0
    assert statuses["file permissions"] == "WARN" and "chmod 600" in result.output


@pytest.mark.parametrize("kind", ["garbage", "empty", "truncated", "missing", "folder", "foreign"])
def test_doctor_reports_a_bad_file_without_changing_it(run, three, ready, tmp_path, kind):
    target = tmp_path / f"{kind}.db"
    if kind == "garbage":
        target.write_bytes(GARBAGE)
    elif kind == "empty":
        target.write_bytes(b"")
    elif kind == "truncated":
        data = ready.read_bytes()
        target.write_bytes(data[: len(data) // 2])
    elif kind == "folder":
        target.mkdir()
    elif kind == "foreign":
        conn = sqlite3.connect(target)
        conn.execute("CREATE TABLE t (x)")
        conn.commit()
        conn.close()
    before = target.read_bytes() if target.is_file() else None
    result, statuses = _doctor(run, target)
    assert result.exit_code == 1, result.output
    assert "FAIL" in statuses.values()
    assert "check(s) failed" in result.output and "Traceback" not in result.output
    if before is not None:
        assert target.read_bytes() == before
    assert not list(tmp_path.glob(f"{kind}.db-*"))


def _tamper(journal: Path, sql: str) -> None:
    conn = sqlite3.connect(journal)
    conn.execute(sql)
    conn.commit()
    conn.close()


@pytest.mark.parametrize(
    "sql, check",
    [
        ("DELETE FROM entry_fts_content WHERE id = (SELECT min(id) FROM entry_fts_content)", "search index"),
        (
            "INSERT INTO entry_tags (entry_id, position, tag) SELECT id, 99, 'no-such-tag' FROM entries LIMIT 1",
            "vocabulary",
        ),
        ("UPDATE entries SET n_tags = 42", "entry rows"),
        (
            "INSERT INTO entry_people (entry_id, position, person_id) SELECT id, 99, 'ghost' FROM entries LIMIT 1",
            "references",
        ),
    ],
    ids=["fts-damaged", "unknown-tag", "stale-counts", "broken-reference"],
)
def test_doctor_finds_damage_inside_a_journal(run, three, ready, sql, check):
    _tamper(ready, sql)
    result, statuses = _doctor(run, ready)
    assert result.exit_code == 1, result.output
    assert statuses[check] == "FAIL", result.output


def test_doctor_on_a_newer_schema(run, three, ready):
    _tamper(ready, "INSERT INTO _migrations (name, applied_at) VALUES ('9999_future', 'x')")
    result, statuses = _doctor(run, ready)
    assert result.exit_code == 1 and statuses["schema"] == "FAIL" and "newer version" in result.output


# -- people, tags, templates ---------------------------------------------------------------------------
def test_people_never_shows_aliases_unless_asked(run, ready):
    listed = run("people", "list")
    assert listed.exit_code == 0
    assert "Parent A" in listed.output and "Jo Example" not in listed.output
    shown = run("people", "list", "--show-aliases")
    assert "Jo Example" in shown.output
    added = run("people", "add", "Carer D", "--role", "Carer", "--alias", "Dee Real")
    assert added.exit_code == 0 and "Dee Real" not in added.output and "1 alias" in added.output


def test_people_errors(run, ready, tmp_path):
    assert_one_line_error(run("people", "add", "parent a", "--role", "parent"), "already in the register")
    assert_one_line_error(
        run("people", "add", "New", "--role", "parent", "--alias", "Patient C"), "--alias:", "pseudonym"
    )
    assert_one_line_error(run("people", "add", "New", "--role", "wizard"), "'wizard' is not one of", code=2)
    assert_one_line_error(run("people", "add", "New"), "Missing option '--role'", code=2)
    empty = tmp_path / "empty.db"
    run("init", journal=empty)
    assert "register is empty" in run("people", "list", journal=empty).output


def test_tags(run, ready):
    with Journal(ready) as journal:
        journal.add_tag("Stuck feeling", "feelings", "Nothing moves.")
    result = run("tags")
    assert result.exit_code == 0
    assert (
        "My feelings [feelings]" in result.output and "anxious" in result.output and "*stuck-feeling" in result.output
    )
    context = run("tags", "--group", "context")
    assert "child-protection" in context.output and "anxious" not in context.output
    assert "Source:" in run("tags", "--group", "context", "--long").output
    assert_one_line_error(run("tags", "--group", "moods"), "No tag group 'moods'", "feelings")


def test_tags_without_a_journal_shows_the_bundled_vocabulary(run, path):
    assert "child-protection" in run("tags").output
    assert not path.exists()


def test_templates(run, tmp_path):
    result = run("templates")
    assert result.exit_code == 0
    assert "gibbs" in result.output and "driscoll" in result.output
    one = run("templates", "gibbs")
    assert "description:" in one.output and "action_plan" in one.output
    assert_one_line_error(run("templates", "nope"), "No template 'nope'", "gibbs")
    folder = tmp_path / "extra"
    folder.mkdir()
    (folder / "broken.yaml").write_text("id: broken\nname: Broken\nstages: []\n")
    reported = run("templates", env={"WORKBOOK_TEMPLATES": str(folder)})
    assert reported.exit_code == 0
    assert "Problem:" in reported.stderr and "broken.yaml" in reported.stderr


# -- demo -----------------------------------------------------------------------------------------------
def test_demo_writes_a_journal_and_refuses_to_overwrite(run, tmp_path):
    target = tmp_path / "demo" / "demo.db"
    target.parent.mkdir()
    result = run("demo", str(target), "--entries", "12")
    assert result.exit_code == 0, result.output
    assert str(target) in result.output and "WORKBOOK_JOURNAL" in result.output
    listed = run("list", "--limit", "0", journal=target)
    assert listed.exit_code == 0 and len(_listed(listed)) >= 1
    assert_one_line_error(run("demo", str(target)), "already exists", "--force")
    again = run("demo", str(target), "--entries", "5", "--force")
    assert again.exit_code == 0, again.output


def test_demo_default_path_and_never_over_a_real_journal(run, ready):
    from workbook.paths import default_demo_path

    result = run("demo", "--entries", "5")
    assert result.exit_code == 0, result.output
    assert str(default_demo_path()) in result.output
    _added_id(run("add", "--title", "My own entry"))
    assert_one_line_error(run("demo", str(ready), "--force"), "not a demo", "left unchanged")
    with Journal(ready) as journal:
        assert [e.title for e in journal.entries()] == ["My own entry"]
