"""edit, delete and restore: the previous version is kept and nothing is ever destroyed."""

from __future__ import annotations

import pytest
from cli_helpers import added_id, assert_one_line_error, listed_ids

from workbook import Journal


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
    entry_id = added_id(run("add", "--title", "x", "--template", "driscoll", "--response", "what=First"))
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
    entry_id = added_id(run("add", "--title", "x", "--action", "Do it"))
    with Journal(ready) as journal:
        action_id = journal.get(entry_id).actions[0].id
    assert_one_line_error(
        run("edit", entry_id, "--action-status", f"{action_id}=finished"), "--action-status:", "open, done, dropped"
    )


def test_delete_and_restore(run, three):
    early = three[0]
    deleted = run("delete", early[:8])
    assert deleted.exit_code == 0 and "trash" in deleted.output and "workbook restore" in deleted.output
    assert early[:8] not in listed_ids(run("list"))
    assert listed_ids(run("list", "--trash")) == [early[:8]]
    assert "already in the trash" in run("delete", early[:8]).output
    assert "in trash" in run("show", early[:8]).output
    assert run("restore", early[:8]).exit_code == 0
    assert "not in the trash" in run("restore", early[:8]).output
    assert "The trash is empty." in run("list", "--trash").output
    assert_one_line_error(run("delete", "ffffffff"), "No entry with id")
    assert_one_line_error(run("restore", "ffffffff"), "No entry with id")


def test_edit_names_the_option_to_fix(run, three):
    assert_one_line_error(
        run("edit", three[0][:8], "--remove-tag", "anxius"), "--remove-tag:", "Did you mean 'anxious'"
    )
    assert_one_line_error(run("edit", three[0][:8], "--remove-tag", "anxious:x"), "NAME:INTENSITY", code=2)


def test_edit_action_status_by_an_ambiguous_prefix_is_refused(run, ready):
    with Journal(ready) as journal:
        entry = journal.add(title="x", actions=[{"id": "abc123", "text": "One"}, {"id": "abc456", "text": "Two"}])
    assert_one_line_error(
        run("edit", entry.id, "--action-status", "abc=done"), "--action-status:", "more than one", "abc123, abc456"
    )
    assert run("edit", entry.id, "--action-status", "abc4=done").exit_code == 0
    with Journal(ready) as journal:
        assert [a.status for a in journal.get(entry.id).actions] == ["open", "done"]


def test_edit_sets_and_clears_the_new_outcomes_stance_both_and_depth(run, three, ready):
    entry = three[1]
    result = run("edit", entry[:8], "--outcome", "chose-not-to-know", "--stance-both", "--depth", "critical")
    assert result.exit_code == 0, result.output
    with Journal(ready) as journal:
        got = journal.get(entry)
    assert (got.outcome, got.stance_both, got.depth) == ("chose-not-to-know", True, "critical")
    shown = run("show", entry[:8]).output
    assert "chose-not-to-know (Chose not to know (respected))" in shown and "critical (Critical reflection)" in shown
    assert run("edit", entry[:8], "--no-stance-both", "--clear", "depth", "--outcome", "deferred").exit_code == 0
    with Journal(ready) as journal:
        got = journal.get(entry)
    assert (got.outcome, got.stance_both, got.depth) == ("deferred", False, None)
    refused = run("edit", entry[:8], "--depth", "deep")
    assert refused.exit_code != 0 and "descriptive-writing" in refused.output


def test_edit_tag_says_the_tags_were_replaced(run, ready):
    with Journal(ready) as journal:
        entry = journal.add(title="Tagged", occurred_on="2026-11-24", tags=["anxious", "dread", "relieved"])
    help_text = run("edit", "--help").output
    assert "Replaces ALL" in help_text and "--add-tag" in help_text
    result = run("edit", entry.id[:8], "--tag", "guilty")
    assert result.exit_code == 0, result.output
    assert "Tags replaced: now guilty (removed: anxious, dread, relieved; use --add-tag" in result.output
    # adding a tag says nothing about replacing
    assert "Tags replaced" not in run("edit", entry.id[:8], "--add-tag", "anxious").output


def test_an_edit_that_changes_nothing_makes_no_revision(run, ready):
    with Journal(ready) as journal:
        entry = journal.add(title="Same", occurred_on="2026-11-24", outcome="held", actions=["Ring the GP"])
        action = entry.actions[0].id
        journal.set_action_status(entry.id, action, "done")
    for args in (("--outcome", "held"), ("--title", "Same"), ("--action-status", f"{action}=done")):
        result = run("edit", entry.id[:8], *args)
        assert result.exit_code == 0, result.output
        assert "Nothing changed" in result.output and "still revision 2" in result.output, args
    with Journal(ready) as journal:
        assert [r.revision for r in journal.history(entry.id)] == [1, 2]
        # the library too: an update to the same values keeps the revision
        assert journal.update(entry.id, title="Same").revision == 2
        assert journal.set_action_status(entry.id, action, "done").revision == 2
        assert journal.update(entry.id, title="Changed").revision == 3
