"""`workbook import` of another tool's file: recognised, mapped, previewed, all or good rows, once."""

from __future__ import annotations

import shutil
import stat
from pathlib import Path

import pytest
from cli_helpers import assert_one_line_error

from workbook import Journal

SAMPLES = Path(__file__).resolve().parent.parent / "exchange" / "samples"
DAYLIO = SAMPLES / "daylio" / "daylio_export_current.csv"
DAYONE = SAMPLES / "dayone" / "Journal.json"
#: the sheet's columns, as --column options
COLUMNS = ("--column", "occurred_on=When", "--column", "narrative=What happened", "--column", "tags=Labels")


@pytest.fixture
def sheet(tmp_path) -> Path:
    path = tmp_path / "visits.csv"
    path.write_text(
        "When,What happened,Labels\n"
        "2024-02-01,Visit to talk about the move,anxious; Garden\n"
        "2024-02-02,Call 07700 900123 about the review,\n"
        "someday,Lost row,\n",
        encoding="utf-8",
    )
    return path


def test_dry_run_shows_the_mapping_and_saves_nothing(run, ready):
    result = run("import", str(DAYLIO), "--dry-run")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Dry run of daylio_export_current.csv (daylio): nothing was saved." in out
    assert "Would add 4 entries, from 2024-03-10 to 2024-03-14." in out
    assert "supervision (1) -> Supervision / team (supervision)" in out
    assert "awful (1) -> 9" in out and "tired (1) -> left out" in out
    assert "Long shift on the ward" not in result.output  # counts and names of tags only
    with Journal(ready) as journal:
        assert len(journal) == 0 and journal.vocabulary().find("work") is None


def test_import_with_choices_then_again_adds_nothing(run, ready):
    result = run("import", str(DAYLIO), "--tag", "gym=drop", "--tag", "late shift=anxious", "--mood", "tired=6")
    assert result.exit_code == 0, result.output
    assert "Saved 4 entries from daylio_export_current.csv (daylio)." in result.stdout
    with Journal(ready) as journal:
        entries = journal.entries()
        tags = {t.tag for e in entries for t in e.tags}
        assert "anxious" in tags and "gym" not in tags and "work" in tags
        assert sorted(e.feelings_after for e in entries if e.feelings_after is not None) == [1, 3, 6, 9]
    again = run("import", str(DAYLIO))
    assert again.exit_code == 0 and "Saved 0 entries" in again.stdout
    assert "4 already in the journal (an earlier import) were left as they were." in again.stdout
    assert "Made" not in again.stdout  # no tag of one's own for entries already held


def test_unknown_tags_can_be_dropped(run, ready):
    assert run("import", str(DAYONE), "--unknown-tags", "drop", "--good-rows-only").exit_code == 0
    with Journal(ready) as journal:
        assert not any(t.custom for t in journal.vocabulary().tags)


def test_bad_rows_save_nothing_unless_good_rows_only(run, ready, sheet):
    refused = run("import", str(sheet), *COLUMNS)
    assert_one_line_error(refused, "Nothing was saved", "row 4", "good rows only", code=1)
    with Journal(ready) as journal:
        assert len(journal) == 0
    done = run("import", str(sheet), *COLUMNS, "--good-rows-only")
    assert done.exit_code == 0, done.output
    assert "Saved 2 entries" in done.stdout
    assert "Not imported: row 4:" in done.stderr
    assert "may name someone" in done.stderr and "row 3: a phone number" in done.stderr
    assert "07700" not in done.output  # the kind is named, never the text


def test_redact_replaces_before_saving(run, ready, sheet):
    result = run("import", str(sheet), *COLUMNS[:4], "--good-rows-only", "--redact")
    assert result.exit_code == 0, result.output
    with Journal(ready) as journal:
        assert any("[phone]" in e.narrative for e in journal.entries())
        assert not any("07700" in e.narrative for e in journal.entries())


def test_usage_errors_name_the_option(run, ready, sheet):
    assert_one_line_error(run("import", str(DAYLIO), "--tag", "nope=drop"), "--tag", "not a tag of the file", code=2)
    assert_one_line_error(
        run("import", str(DAYLIO), "--tag", "gym=no-such"), "--tag", "not a tag of the vocabulary", code=2
    )
    assert_one_line_error(run("import", str(DAYLIO), "--mood", "awful=11"), "--mood", "0 to 10", code=2)
    assert_one_line_error(run("import", str(DAYLIO), "--mood", "awful"), "--mood", "NAME=VALUE", code=2)
    assert_one_line_error(run("import", str(DAYLIO), "--column", "title=x"), "--column", "no columns", code=2)
    assert_one_line_error(run("import", str(sheet), "--column", "occurred_on=Nope"), "columns.occurred_on", code=1)


def test_every_export_format_by_name_says_what_it_holds(run, three, ready, tmp_path):
    from workbook.exchange import FORMATS

    for fmt in FORMATS.values():
        if fmt.export is None:
            continue
        target = tmp_path / f"out-{fmt.name}{fmt.suffixes[0] if fmt.suffixes else ''}"
        result = run("export", "--format", fmt.name, "-o", str(target))
        assert result.exit_code == 0, (fmt.name, result.output)
        assert f"as {fmt.name.upper()} to {target} (readable by you only)" in result.stdout
        assert " ".join(fmt.holds.split()[:5]) in " ".join(result.stdout.split())
        assert stat.S_IMODE(target.stat().st_mode) == (0o700 if fmt.folder else 0o600)


def test_markdown_folder_export_and_import_from_the_command_line(run, three, ready, tmp_path):
    folder = tmp_path / "notes"
    assert run("export", "--format", "markdown", "-o", str(folder)).exit_code == 0
    assert_one_line_error(run("export", "--format", "markdown", "-o", str(folder)), "already exists", code=1)
    fresh = tmp_path / "fresh" / "journal.db"
    assert run("init", journal=fresh).exit_code == 0
    dry = run("import", str(folder), "--dry-run", journal=fresh)
    assert dry.exit_code == 0 and "Would add 3 entries" in dry.stdout, dry.output
    assert run("import", str(folder), journal=fresh).exit_code == 0
    with Journal(ready) as old, Journal(fresh) as new:
        assert [new.get(i).to_dict() for i in old.entry_ids()] == [old.get(i).to_dict() for i in old.entry_ids()]
    copy = tmp_path / "copy.md"
    shutil.copy(next(folder.glob("*.md")), copy)
    assert_one_line_error(run("import", str(copy), "--format", "markdown", journal=fresh), "reads a folder", code=1)
