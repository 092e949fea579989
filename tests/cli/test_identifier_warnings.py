"""``workbook add`` and ``edit`` name what may identify someone (field, place, what could stand
in its place) on standard error, never refuse the save, and ``--redact`` replaces first."""

from __future__ import annotations

from click.testing import CliRunner

from workbook import Journal
from workbook.cli import cli

PHONE = "07700 900123"
NHS = "943 476 5919"


def _run(path, *args):
    return CliRunner().invoke(cli, ["--journal", str(path), *args], env={"COLUMNS": "100"}, catch_exceptions=False)


def test_add_warns_and_saves_as_written(ready):
    result = _run(ready, "add", "--title", "Phone call", "--narrative", f"She asked me to ring {PHONE} tomorrow.")
    assert result.exit_code == 0, result.output
    assert "Saved entry" in result.stdout and "Check:" not in result.stdout  # warnings go to stderr
    warning = result.stderr
    assert "--narrative holds a phone number" in warning and "at character 22" in warning
    assert "--redact would put [phone] in its place" in warning
    with Journal(ready) as journal:
        (entry,) = journal.entries()
        assert PHONE in entry.narrative


def test_add_with_redact_replaces_before_saving(ready):
    result = _run(
        ready, "add", "--redact", "--title", f"NHS number {NHS}", "--template", "gibbs", "--response", f"description=Rang {PHONE}",
        "--action", f"Write to {PHONE}",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Check:" not in result.stderr
    with Journal(ready) as journal:
        (entry,) = journal.entries()
        saved = " ".join([entry.title, *entry.responses.values(), *(a.text for a in entry.actions)])
    assert PHONE not in saved and NHS not in saved
    assert "[phone]" in saved and "[NHS number]" in saved


def test_edit_warns_about_the_entry_and_redacts_what_it_brings(ready):
    with Journal(ready) as journal:
        entry = journal.add(title="Visit", narrative="All calm.")
    plain = _run(ready, "edit", entry.id[:8], "--narrative", f"Her new number is {PHONE}.")
    assert plain.exit_code == 0 and "--narrative holds a phone number" in plain.stderr
    redacted = _run(ready, "edit", entry.id[:8], "--redact", "--narrative", f"Her new number is {PHONE}.")
    assert redacted.exit_code == 0 and "Check:" not in redacted.stderr
    with Journal(ready) as journal:
        assert PHONE not in journal.get(entry.id).narrative


def test_no_warning_for_pseudonyms_and_ordinary_words(ready):
    result = _run(ready, "add", "--title", "Court review", "--narrative", "Parent A and Patient C met on Monday.")
    assert result.exit_code == 0 and result.stderr == ""
