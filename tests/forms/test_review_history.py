"""The review form's history: each version's earlier text beside its own (stage answers by
their title, all text escaped), a restore saved as a new revision, and conflicts refused."""

from __future__ import annotations

from form_helpers import text_of

from workbook import Journal
from workbook.forms import ReviewForm


def _entry(journal):
    entry = journal.add(
        title="Family visit <b>bold</b>",
        template="driscoll",
        responses={"so_what": "I was frightened and I avoided it."},
        narrative="First thoughts.",
        tags=[{"tag": "avoided", "anchor": {"field": "responses.so_what", "start": 21, "end": 34}}],
    )
    journal.update(
        entry.id, narrative="Second thoughts.", responses={"so_what": "I was frightened and I avoided it. <script>"}
    )
    journal.update(entry.id, outcome="held")
    return entry.id


def test_history_shows_what_a_version_changed_with_the_earlier_text(journal):
    entry_id = _entry(journal)
    review = ReviewForm(journal, autosave=False)
    rows = review.show_history(entry_id)
    assert [r["revision"] for r in rows] == [1, 2, 3]
    assert [v for _, v in review.version.options] == [3, 2, 1]
    assert review.version.value == 2  # the newest earlier version, beside the current one
    assert "Revision 2 beside the current version (revision 3)" in text_of(review.version_html)
    review.compare.value = "previous"
    shown = review.version_html.value
    assert "So what?" in shown and "responses.so_what" not in shown
    assert "<del class='wb-diff-del'>First</del>" in shown and "<ins class='wb-diff-ins'>Second</ins>" in shown
    assert "<script>" not in shown and "&lt;script&gt;" in shown
    assert "What revision 2 changed" in text_of(review.version_html)
    assert not review.version_restore_button.disabled


def test_history_compares_an_old_version_with_the_current_one(journal):
    entry_id = _entry(journal)
    review = ReviewForm(journal, autosave=False)
    review.show_history(entry_id)
    review.version.value = 1
    text = text_of(review.version_html)
    assert "Revision 1 beside the current version (revision 3)" in text
    assert "First thoughts." in text and "Second thoughts." in text and "Outcome" in text and "Held" in text
    assert "<b>bold</b>" not in review.version_html.value and "<b>bold</b>" not in review.history_html.value
    review.version.value = 3
    assert review.version_restore_button.disabled


def test_restore_a_version_as_a_new_revision(journal):
    entry_id = _entry(journal)
    review = ReviewForm(journal, autosave=False)
    review.open(entry_id)
    review.history_button.click()
    review.version.value = 1
    review.version_restore_button.click()
    entry = journal.get(entry_id)
    assert (entry.revision, entry.narrative, entry.outcome) == (4, "First thoughts.", None)
    assert [r.revision for r in journal.history(entry_id)] == [1, 2, 3, 4]
    assert "Restored revision 1" in text_of(review.status) and "as revision 4" in text_of(review.status)
    assert review.history_rows[-1]["restores"] == 1
    assert "restores revision 1" in text_of(review.history_html)
    assert review.editor is not None and review.editor.narrative.value == "First thoughts."


def test_restore_from_a_stale_history_is_refused_and_the_history_shown_again(journal_path):
    with Journal(journal_path) as mine, Journal(journal_path) as other:
        entry_id = _entry(mine)
        review = ReviewForm(mine, autosave=False)
        review.show_history(entry_id)
        other.update(entry_id, title="Saved in another notebook")
        assert review.restore_version(1) is None
        assert "changed elsewhere" in text_of(review.error)
        assert mine.get(entry_id).title == "Saved in another notebook"
        assert [r["revision"] for r in review.history_rows] == [1, 2, 3, 4]
        assert review.restore_version(1) is not None


def test_the_editor_names_a_passage_by_its_stage_title(journal):
    entry_id = _entry(journal)
    journal.restore_revision(entry_id, 1)
    review = ReviewForm(journal, autosave=False)
    editor = review.open(entry_id)
    passages = " ".join(text_of(row.children[1]) for row in editor.picker.panel.list.children)
    assert "in So what?" in passages and "responses." not in passages
