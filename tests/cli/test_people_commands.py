"""people rename / role / remove: entries follow a renamed person; removal is refused while used."""

from __future__ import annotations

from cli_helpers import assert_one_line_error

from workbook import Journal


def test_rename_keeps_entries_and_aliases(run, ready):
    with Journal(ready) as journal:
        entry = journal.add(title="t", people=["Parent A"])
    done = run("people", "rename", "parent a", "Parent Q")
    assert done.exit_code == 0, done.output
    assert "Renamed Parent A to Parent Q (parent); 1 entry follow" in done.output
    with Journal(ready) as journal:
        assert journal.get(entry.id).people == ("Parent Q",)
        assert journal.people.get("Jo Example").pseudonym == "Parent Q"
    assert_one_line_error(run("people", "rename", "Parent Q", "Patient C"), "already in the register")
    assert_one_line_error(run("people", "rename", "Nobody", "X"), "No one called 'Nobody'")


def test_role(run, ready):
    done = run("people", "role", "Patient C", "Relative")
    assert done.exit_code == 0 and "Patient C is now recorded as relative." in done.output
    listed = run("people", "list").output
    assert any(line.split()[:3] == ["Patient", "C", "relative"] for line in listed.splitlines())
    assert run("people", "role", "Patient C", "astronaut").exit_code != 0


def test_remove_only_when_no_entry_names_them(run, ready):
    with Journal(ready) as journal:
        for title in ("one", "two"):
            journal.add(title=title, people=["Parent A"])
    assert_one_line_error(run("people", "remove", "Parent A"), "cannot be removed", "2 entries name them")
    done = run("people", "remove", "Patient C")
    assert done.exit_code == 0 and "Removed Patient C (patient)" in done.output
    assert "Patient C" not in run("people", "list").output


def test_names_are_cleaned_of_terminal_escapes(run, ready):
    done = run("people", "rename", "Patient C", "Patient \x1b[31mRed")
    assert "\x1b" not in done.output
