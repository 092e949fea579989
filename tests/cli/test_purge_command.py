"""``workbook purge``: asks first, never shows the text, says what it changed place by place,
and leaves no byte of the text in the journal, its -wal/-shm files or a later backup."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from cli_helpers import assert_one_line_error

from workbook import Journal

SECRET = "Quorabellwyn"  # a made-up name
OTHER = "Tamarisk"


def holds(path: Path, word: str = SECRET) -> bool:
    """Whether ``word`` is in the bytes of ``path`` in any casing, as UTF-8 or UTF-16."""
    data = path.read_bytes()
    variants = {word, word.lower(), word.upper()}
    return bool(re.search(re.escape(word.encode()), data, re.IGNORECASE)) or any(
        v.encode(enc) in data for v in variants for enc in ("utf-16-le", "utf-16-be")
    )


def journal_files(path: Path) -> list[Path]:
    return [p for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")) if p.exists()]


@pytest.fixture
def written(ready):
    """The secret in an entry edited twice (so in earlier versions), in a draft, and a backup made before."""
    with Journal(ready) as journal:
        entry = journal.add(
            title=f"Call with {SECRET}",
            narrative=f"{SECRET} and {OTHER}.",
            people=["Patient C"],
            actions=[f"Write to {SECRET}"],
        )
        journal.update(entry.id, narrative=f"{SECRET.upper()} and {OTHER} again.")
        journal.update(entry.id, outcome="held")
        journal.save_draft("new-entry", {"title": f"About {SECRET}"})
        other = journal.add(title=f"Notes on {OTHER}")
        before = journal.backup(ready.parent / "journal-backup-before.db")
    return entry.id, other.id, before


def test_text_read_from_standard_input_is_purged_after_a_yes(run, path, written):
    entry_id, other_id, before = written
    result = run("purge", "--text", "-", input=f"{SECRET.lower()}\ny\n")
    assert result.exit_code == 0, result.output
    assert SECRET.lower() not in result.output.lower()  # neither the prompt nor the lines show it
    assert "the text you gave (12 characters)" in result.stderr
    assert "found 3 times in 1 entry, in 2 earlier versions and 1 draft" in result.stderr
    lines = result.stdout.splitlines()
    assert lines[:6] == [
        "Entries: 1 changed (3 occurrences now read [removed]; no earlier version kept, the revision counted up)",
        "Earlier versions: 2 changed",
        "Drafts: 1 changed",
        "CPD records: 0 changed",
        "Search index: the words of 1 entry written again, old segments merged away",
        "File: rebuilt with no free pages; its -wal file emptied",
    ]
    assert lines[6] == (f"These backups still hold it: {before}; delete them, or purge them too (--include-backups).")
    assert run("backup", str(path.parent / "after.db")).exit_code == 0
    for file in [*journal_files(path), path.parent / "after.db"]:
        assert not holds(file), file.name
    assert holds(before)
    assert "No entries match." in run("search", SECRET).stdout
    assert OTHER.lower() in run("search", OTHER).stdout.lower()
    shown = run("show", entry_id[:8]).stdout
    assert "Call with [removed]" in shown and f"[removed] and {OTHER} again." in shown
    doctor = run("doctor")
    assert doctor.exit_code == 0 and "FAIL" not in doctor.stdout


def test_no_answer_or_a_no_purges_nothing(run, path, written):
    for answer in ("n\n", ""):
        result = run("purge", "--text", SECRET, input=answer)
        assert result.exit_code == 1 and result.stdout == ""
        assert result.stderr.strip().splitlines()[-1].endswith("Error: Nothing was purged.")
    with Journal(path) as journal:
        assert len(journal.search(SECRET)) == 1


def test_yes_skips_the_question_and_include_backups_purges_them(run, path, written):
    _, _, before = written
    result = run("purge", "--text", SECRET, "--yes", "--include-backups")
    assert result.exit_code == 0, result.output
    assert "Go on?" not in result.output
    assert f"Backup {before}: purged too (1 entry, 2 earlier versions, 1 draft)" in result.stdout
    assert "still hold it" not in result.stdout
    for file in [*journal_files(path), before]:
        assert not holds(file), file.name


def test_a_trashed_entry_is_purged_by_its_id_prefix(run, path, written):
    entry_id, other_id, _ = written
    assert run("delete", entry_id[:8]).exit_code == 0
    result = run("purge", "--entry", entry_id[:8], input="y\n")
    assert result.exit_code == 0, result.output
    assert f"Purge entry {entry_id[:8]} from the trash, with 2 earlier versions and 0 drafts." in result.stderr
    assert result.stdout.splitlines()[:3] == [
        f"Entry {entry_id[:8]}: removed with its tags, people, action points and feedback",
        "Earlier versions: 2 removed",
        "Drafts: 0 removed",
    ]
    assert "The trash is empty." in run("list", "--trash").stdout
    for file in journal_files(path):
        assert entry_id.encode() not in file.read_bytes()
        assert not holds(file, f"Write to {SECRET}")


def test_an_entry_not_in_the_trash_is_refused_in_one_line(run, path, written, counts):
    entry_id, *_ = written
    with Journal(path) as journal:
        before = counts(journal)
    result = run("purge", "--entry", entry_id[:8], "--yes")
    assert_one_line_error(result, "is not in the trash", f"workbook delete {entry_id[:8]}")
    with Journal(path) as journal:
        assert counts(journal) == before


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        ((), "Give either --text"),
        (("--text", SECRET, "--entry", "abcd"), "Give either --text"),
        (("--text", "x"), "--text: must be at least 2 characters"),
        (("--text", "   "), "--text: must be at least 2 characters"),
        (("--text", "remove"), "--text: is part of '[removed]'"),
        (("--entry", "ffffffff"), "No entry with id"),
    ],
)
def test_bad_requests_are_one_line_errors(run, written, args, fragment):
    assert_one_line_error(run("purge", *args, "--yes"), fragment)


def test_empty_standard_input_is_refused(run, written):
    assert_one_line_error(run("purge", "--text", "-", "--yes", input=""), "read nothing from standard input")


def test_the_help_says_how_to_keep_the_text_out_of_the_shell_history(run):
    result = run("purge", "--help")
    text = " ".join(result.stdout.split())
    assert "`--text -` reads it from standard input" in text and "shell's history" in text
    assert "--include-backups" in text and "cannot be undone" in text
