"""Two windows (two kernels: two Journal connections on one file) editing one entry: the
form saves with the revision it opened, a save over a newer revision is refused and shown,
what was typed is kept as the draft, and "Reopen the newest version" loads the newest."""

from __future__ import annotations

import pytest
from form_helpers import make_form, text_of

import workbook as wb
from workbook.forms import ReviewForm
from workbook.forms._common import is_shown


@pytest.fixture
def two_kernels(tmp_path):
    """Two journals on one file, with one entry in it."""
    path = tmp_path / "journal.db"
    one, two = wb.open_journal(path), wb.open_journal(path)
    one.people.add("Parent Willow", "parent")
    entry = one.add(title="Home visit", narrative="First version of my reflection.", actions=["Call back"])
    yield one, two, entry
    one.close()
    two.close()


def test_the_second_window_is_refused_and_the_first_windows_save_survives(two_kernels, forms):
    one, two, entry = two_kernels
    window1 = make_form(one, forms, entry=entry.id)
    window2 = make_form(two, forms, entry=entry.id)
    window1.narrative.value = "What I wrote in window one."
    assert window1.submit().revision == 2
    window2.narrative.value = "What I wrote in window two, from the old copy."
    window2.title.value = "Home visit, window two"

    assert window2.submit() is None
    current = one.get(entry.id)
    assert (current.narrative, current.title, current.revision) == ("What I wrote in window one.", "Home visit", 2)
    assert "changed elsewhere" in window2.errors["general"]
    assert "changed elsewhere" in text_of(window2._field_labels["general"])
    assert text_of(window2.status) == "Not saved: this entry was changed elsewhere."
    assert is_shown(window2.conflict_bar) and "revision 2" in text_of(window2.conflict_message)
    # what window two typed is still there, and kept as the entry's draft (made from revision 1)
    assert window2.narrative.value == "What I wrote in window two, from the old copy."
    kept = two.draft(f"edit-{entry.id}")
    assert kept["revision"] == 1 and kept["fields"]["narrative"] == "What I wrote in window two, from the old copy."

    window2.reopen_button.click()
    assert window2.entry.revision == 2 and not is_shown(window2.conflict_bar)
    assert window2.narrative.value == "What I wrote in window one." and window2.title.value == "Home visit"
    assert "revision 2" in text_of(window2.status)
    assert window2.draft_offered and "made from revision 1" in text_of(window2.draft_message)
    # the kept version can be restored; saving it now is a choice made knowing the newer one
    assert window2.restore_draft()
    assert window2.narrative.value == "What I wrote in window two, from the old copy."
    saved = window2.submit()
    assert saved is not None and saved.revision == 3 and saved.title == "Home visit, window two"
    assert [r.entry.narrative for r in one.history(entry.id)][1] == "What I wrote in window one."


def test_a_second_save_from_the_same_form_is_checked_against_the_revision_it_saved(two_kernels, forms):
    one, two, entry = two_kernels
    form = make_form(one, forms, entry=entry.id)
    form.narrative.value = "Second version."
    assert form.submit().revision == 2 and form.entry.revision == 2
    form.narrative.value = "Third version."
    assert form.submit().revision == 3  # its own save is not "elsewhere"
    two.update(entry.id, title="Renamed in the other kernel")
    form.narrative.value = "Fourth version, from revision 3."
    assert form.submit() is None and "changed elsewhere" in form.errors["general"]
    assert one.get(entry.id).title == "Renamed in the other kernel"
    assert one.get(entry.id).narrative == "Third version."


def test_reopen_with_nothing_typed_just_loads_the_newest(two_kernels, forms):
    one, two, entry = two_kernels
    form = make_form(one, forms, entry=entry.id)
    two.update(entry.id, narrative="Newer.")
    assert form.submit() is None  # nothing changed in the form, but it is still a stale copy
    assert "Nothing you typed here is unsaved" in text_of(form.conflict_message)
    assert form.reopen().revision == 2
    assert form.narrative.value == "Newer." and not form.draft_offered
    assert one.draft(f"edit-{entry.id}") is None


def test_a_new_entry_form_never_updates_the_entry_it_saved(two_kernels, forms):
    """A saved new entry leaves the form blank for the next one: its next save adds another
    entry and cannot overwrite the first, whatever another kernel did to it."""
    one, two, entry = two_kernels
    form = make_form(one, forms)
    form.title.value = "A new conversation"
    first = form.submit()
    assert first.revision == 1 and form.entry is None and form.title.value == ""
    two.update(first.id, narrative="Written in the other kernel.")
    form.title.value = "The next conversation"
    second = form.submit()
    assert second.id != first.id
    assert one.get(first.id).narrative == "Written in the other kernel."


def test_an_action_status_changed_in_a_stale_form_is_saved_and_keeps_the_other_change(two_kernels, forms):
    one, two, entry = two_kernels
    form = make_form(one, forms, entry=entry.id)
    two.update(entry.id, narrative="Written in the other kernel.")
    form.action_rows.rows[0][2].value = "done"  # saved at once, merged with the newest version
    current = one.get(entry.id)
    assert current.actions[0].status == "done" and current.narrative == "Written in the other kernel."
    assert "changed elsewhere" in text_of(form.status) and is_shown(form.conflict_bar)
    # the form still holds the older copy, so Save is refused instead of undoing the other change
    form.title.value = "Renamed here"
    assert form.submit() is None
    assert one.get(entry.id).narrative == "Written in the other kernel."
    assert form.reopen().revision == 3 and form.action_rows.rows[0][2].value == "done"


def test_an_action_status_in_an_up_to_date_form_keeps_saving_normally(two_kernels, forms):
    one, _, entry = two_kernels
    form = make_form(one, forms, entry=entry.id)
    form.action_rows.rows[0][2].value = "done"
    assert form.entry.revision == 2 and not is_shown(form.conflict_bar)
    form.narrative.value = "Later thoughts."
    assert form.submit().revision == 3


def test_the_review_form_header_follows_a_reopen(two_kernels):
    one, two, entry = two_kernels
    review = ReviewForm(one, autosave=False)
    editor = review.open(entry.id)
    two.update(entry.id, title="Renamed elsewhere")
    editor.narrative.value = "Mine."
    assert review.submit() is None
    editor.reopen()
    assert "Renamed elsewhere" in text_of(review.editor_header) and "revision 2" in text_of(review.editor_header)
    editor.close()
