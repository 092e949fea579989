"""A form's repr and the plain-text fallback of its display name the form only: notebooks save
that output, so it must carry no journal text (a draft's title, an entry's narrative)."""

from __future__ import annotations

from form_helpers import fill, make_form

from workbook.forms import ReviewForm

MARKER = "ZQXMARKER"


def _assert_no_text(view) -> None:
    assert MARKER not in repr(view)
    bundle = view._repr_mimebundle_()
    assert MARKER not in bundle.get("text/plain", "")
    assert bundle["text/plain"] == repr(view) and type(view).__name__ in repr(view)
    assert "application/vnd.jupyter.widget-view+json" in bundle  # still displays as the widget


def test_an_entry_form_offering_a_draft_shows_no_draft_text(journal, forms):
    first = make_form(journal, forms)
    fill(first)
    first.title.value = f"{MARKER} draft title"
    first.narrative.value = f"{MARKER} draft narrative"
    assert first.save_draft_now() is True
    _assert_no_text(first)

    second = make_form(journal, forms)
    assert second.draft_offered
    assert MARKER in repr(second.widget)  # what ipywidgets itself would have saved
    _assert_no_text(second)


def test_a_review_form_with_an_open_entry_shows_no_text(journal):
    entry = journal.add(title=f"{MARKER} title", narrative=f"{MARKER} narrative")
    review = ReviewForm(journal, autosave=False)
    _assert_no_text(review)
    review.results.value = entry.id
    review.open_button.click()
    _assert_no_text(review)
