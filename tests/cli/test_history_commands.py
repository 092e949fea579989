"""history and restore-version: earlier text shown field by field; a restore is a new revision."""

from __future__ import annotations

from cli_helpers import assert_one_line_error

from workbook import Journal


def _entry(path) -> str:
    with Journal(path) as journal:
        entry = journal.add(
            title="Home visit",
            template="gibbs",
            responses={"description": "I said the plan."},
            narrative="first words",
            tags=["anxious"],
        )
        journal.update(entry.id, narrative="second words", responses={"description": "I said it plainly."})
        journal.update(entry.id, outcome="held", tags=["relieved"])
    return entry.id


def test_history_lists_versions_with_stage_titles(run, ready):
    entry_id = _entry(ready)
    out = run("history", entry_id[:8])
    assert out.exit_code == 0, out.output
    lines = out.output.splitlines()
    assert "3 versions" in lines[0]
    assert "first version" in lines[1]
    assert "Description, Narrative" in lines[2] and "responses" not in out.output
    assert "Outcome, Tags" in lines[3]


def test_diff_shows_the_earlier_text_beside_the_new(run, ready):
    entry_id = _entry(ready)
    out = run("history", entry_id, "--diff", "2")
    assert out.exit_code == 0, out.output
    text = out.output
    assert "-- Description --" in text and "- I said the plan." in text and "+ I said it plainly." in text
    assert "- first words" in text and "+ second words" in text
    tags = run("history", entry_id, "--diff", "3").output
    assert "- Anxious" in tags and "+ Relieved" in tags and "+ Held" in tags


def test_show_an_earlier_version_in_full(run, ready):
    entry_id = _entry(ready)
    out = run("history", entry_id, "--show", "1")
    assert out.exit_code == 0 and "Revision 1 of 3" in out.output
    assert "first words" in out.output and "second words" not in out.output
    assert_one_line_error(run("history", entry_id, "--show", "7"), "no revision 7", "1 to 3")


def test_restore_version_is_a_new_revision(run, ready):
    entry_id = _entry(ready)
    out = run("restore-version", entry_id[:8], "1")
    assert out.exit_code == 0, out.output
    assert "Restored revision 1" in out.output and "as revision 4" in out.output
    with Journal(ready) as journal:
        entry = journal.get(entry_id)
        assert (entry.narrative, entry.revision, entry.outcome) == ("first words", 4, None)
        assert journal.history(entry_id)[2].entry.outcome == "held"  # nothing lost
    listed = run("history", entry_id).output
    assert "restores revision 1" in listed


def test_restore_version_with_a_stale_expectation_is_refused(run, ready):
    entry_id = _entry(ready)
    assert_one_line_error(run("restore-version", entry_id, "1", "--expect", "2"), "Nothing was saved")
    with Journal(ready) as journal:
        assert journal.get(entry_id).revision == 3
    assert_one_line_error(run("restore-version", entry_id, "3"), "current version")
