"""The review form: find entries, open and edit one, its history, trash and restore,
and following up action points."""

from __future__ import annotations

import datetime as dt

from form_helpers import make_form, text_of

from workbook.forms import EntryForm, ReviewForm
from workbook.models import OUTCOME_LABELS, OUTCOMES


# -- editing and review -----------------------------------------------------------------------------
def add_entries(journal):
    a = journal.add(
        title="Court letter for Parent Willow",
        occurred_on="2026-01-10",
        context="court-fdac",
        outcome="held",
        people=["Parent Willow"],
        tags=["anxious", "directness"],
        actions=["Book supervision", "Read the FDAC guidance"],
        template="driscoll",
        responses={"what": "I explained the court process to the family."},
    )
    b = journal.add(
        title="Hospice family meeting",
        occurred_on="2026-02-20",
        context="end-of-life",
        outcome="softened",
        tags=["sad"],
        narrative="We talked about the prognosis.",
    )
    c = journal.add(
        title="Strategy discussion",
        occurred_on="2026-03-01",
        context="child-protection",
        outcome="avoided",
        tags=["anxious"],
    )
    return a, b, c


def test_review_lists_entries_newest_first_and_filters_them(journal):
    a, b, c = add_entries(journal)
    review = ReviewForm(journal, autosave=False)
    assert review.result_ids() == [c.id, b.id, a.id]
    assert text_of(review.count) == "3 entries in your journal; newest first."
    review.tag.value = "anxious"
    assert review.result_ids() == [c.id, a.id]
    review.outcome.value = "held"
    assert review.result_ids() == [a.id]
    review.clear_filters()
    review.context.value = "end-of-life"
    assert review.result_ids() == [b.id]
    review.clear_filters()
    review.since.value = dt.date(2026, 2, 1)
    review.until.value = dt.date(2026, 2, 28)
    assert review.result_ids() == [b.id]
    review.clear_filters()
    review.search.value = "prognosis"
    assert review.result_ids() == [b.id]
    assert text_of(review.count) == "1 of 3 entries match; newest first."  # not "1 entry in your journal"
    review.tag.value = "anxious"
    assert review.result_ids() == []
    assert text_of(review.count) == "0 of 3 entries match."
    assert review.results.options == ()
    assert review.open_button.disabled


def test_review_labels_show_date_context_outcome_and_title(journal):
    add_entries(journal)
    review = ReviewForm(journal, autosave=False)
    assert review.results.options[-1][0] == "2026-01-10 · Court / FDAC · held · Court letter for Parent Willow"


def test_the_outcome_filter_offers_the_five_outcomes_by_their_labels_and_finds_each(journal):
    made = {o: journal.add(title=f"A conversation, {o}", outcome=o).id for o in OUTCOMES}
    review = ReviewForm(journal, autosave=False)
    assert list(review.outcome.options) == [("(any outcome)", ""), *((OUTCOME_LABELS[o], o) for o in OUTCOMES)]
    assert len(OUTCOMES) == 5
    for outcome, entry_id in made.items():
        review.outcome.value = outcome
        assert review.result_ids() == [entry_id]
        assert review.results.options[0][0].split(" · ")[2] == OUTCOME_LABELS[outcome].lower()


def test_open_edit_save_makes_revision_two_and_history_lists_both(journal):
    a, _, _ = add_entries(journal)
    review = ReviewForm(journal, autosave=False)
    review.results.value = a.id
    review.open_button.click()
    editor = review.editor
    assert editor is not None and editor.entry.id == a.id
    assert editor.title.value == a.title and editor.template.value == "driscoll"
    assert editor.stage_areas["what"].value.startswith("I explained")
    assert editor.picker.selected() == ["anxious", "directness"]
    editor.title.value = "Court letter: telling Parent Willow"
    editor.outcome.value = "softened"
    saved = review.submit()
    assert saved.revision == 2
    assert journal.get(a.id).title == "Court letter: telling Parent Willow"
    assert len(journal) == 3  # an update, not a new entry
    assert "revision 2" in text_of(editor.status)
    review.history_button.click()
    rows = review.history_rows
    assert [r["revision"] for r in rows] == [1, 2]
    assert rows[1]["changed"] == ["title", "outcome"]
    table = text_of(review.history_html)
    assert "first version" in table and "Title, Outcome" in table


def test_editing_keeps_feedback_and_ids_of_action_points(journal):
    a, _, _ = add_entries(journal)
    journal.add_feedback(a.id, "supervisor", "Good use of directness.")
    form = EntryForm(journal, entry=a.id, autosave=False)
    form.narrative.value = "More thoughts."
    saved = form.submit()
    assert saved.feedback[0].text == "Good use of directness."
    assert [x.id for x in saved.actions] == [x.id for x in a.actions]


def test_action_status_dropdowns_update_the_journal_at_once(journal):
    a, _, _ = add_entries(journal)
    review = ReviewForm(journal, autosave=False)
    editor = review.open(a.id)
    status = editor.action_rows.rows[1][2]
    assert "wb-action-status-1" in status._dom_classes
    status.value = "done"
    stored = journal.get(a.id)
    assert [x.status for x in stored.actions] == ["open", "done"]
    assert stored.revision == 2
    assert "marked done" in text_of(editor.status)
    # a later save of other edits keeps the new status
    editor.narrative.value = "Added later."
    assert [x.status for x in editor.submit().actions] == ["open", "done"]


def test_clearing_an_action_text_removes_it_and_new_lines_are_added(journal):
    a, _, _ = add_entries(journal)
    form = EntryForm(journal, entry=a, autosave=False)
    form.action_rows.rows[0][1].value = "  "
    form.actions.value = "A new one"
    saved = form.submit()
    assert [x.text for x in saved.actions] == ["Read the FDAC guidance", "A new one"]


def test_trash_and_restore_from_the_review_form(journal):
    a, b, c = add_entries(journal)
    review = ReviewForm(journal, autosave=False)
    review.results.value = b.id
    review.open_button.click()
    review.trash_button.click()
    assert len(journal) == 2 and journal.get(b.id).in_trash
    assert review.editor is None  # the trashed entry is no longer open
    assert b.id not in review.result_ids()
    assert "Moved ‘Hospice family meeting’ to the trash" in text_of(review.status)
    review.view.value = "trash"
    assert review.result_ids() == [b.id]
    assert review.restore_button.layout.display != "none"
    review.restore_button.click()
    assert len(journal) == 3 and not journal.get(b.id).in_trash
    assert review.result_ids() == []
    review.view.value = "entries"
    assert b.id in review.result_ids()


def test_buttons_without_a_chosen_entry_say_so(journal):
    review = ReviewForm(journal, autosave=False)
    assert review.open() is None
    assert "Choose an entry" in text_of(review.error)
    assert review.value() == {} and review.submit() is None


def test_an_edit_draft_is_kept_under_the_entry_and_offered_again(journal, forms):
    a, _, _ = add_entries(journal)
    form = make_form(journal, forms, entry=a.id)
    assert form.draft_key == f"edit-{a.id}"
    assert form.save_draft_now() is False  # nothing changed yet
    form.title.value = "Half-finished change"
    assert form.save_draft_now() is True
    again = make_form(journal, forms, entry=a.id)
    assert again.draft_offered and again.title.value == a.title
    again.restore_draft()
    assert again.title.value == "Half-finished change"
    assert again.submit().revision == 2
    assert journal.draft(f"edit-{a.id}") is None


def test_review_html_escapes_titles(journal):
    entry = journal.add(title="<img src=x onerror=alert(1)>")
    review = ReviewForm(journal, autosave=False)
    review.show_history(entry.id)
    assert "<img" not in review.history_html.value
    review.move_to_trash(entry.id)
    assert "<img" not in review.status.value


def test_saving_an_entry_opened_and_left_unchanged_says_nothing_changed(journal):
    a, _, _ = add_entries(journal)
    review = ReviewForm(journal, autosave=False)
    editor = review.open(a.id)
    saved = editor.submit()
    assert saved.revision == a.revision == journal.get(a.id).revision
    assert "Nothing changed" in text_of(editor.status) and "revision" not in text_of(editor.status)
    editor.narrative.value = "Now something changed."
    assert editor.submit().revision == a.revision + 1
    assert f"revision {a.revision + 1}" in text_of(editor.status)
