"""The review form's feedback panel: the opened entry's feedback listed (text escaped), and a
peer-reflection conversation recorded as feedback from a peer, with its date and, if chosen,
the supervision function it served."""

from __future__ import annotations

import datetime as dt

from form_helpers import DAY, text_of

from workbook import Journal
from workbook.forms import ReviewForm
from workbook.models import FEEDBACK_FUNCTION_LABELS, FEEDBACK_FUNCTIONS
from workbook.validate.entry import FEEDBACK_TEXT_MAX

LEARNED = "My colleague asked why I waited; next time I will name the worry in the first minute."


def _two_entries(journal):
    a = journal.add(title="Home visit with Parent Willow", occurred_on="2026-03-01", people=["Parent Willow"])
    b = journal.add(title="Ward round", occurred_on="2026-03-02")
    return a, b


def test_saving_a_peer_reflection_adds_peer_feedback_with_its_date_and_function(journal):
    a, _ = _two_entries(journal)
    review = ReviewForm(journal, autosave=False, today=DAY)
    review.open(a.id)
    panel = review.feedback
    assert panel.widget in review.editor_box.children
    assert panel.date.value == DAY  # today by default
    assert panel.function.options[0] == ("not recorded", "")
    assert [v for _, v in panel.function.options[1:]] == list(FEEDBACK_FUNCTIONS)
    panel.text.value = LEARNED
    panel.date.value = dt.date(2026, 3, 10)
    panel.function.value = "educational"
    assert text_of(panel.definition) in FEEDBACK_FUNCTION_LABELS["educational"]
    assert "knowledge and skill" in text_of(panel.definition)
    panel.save_button.click()
    stored = journal.get(a.id).feedback
    assert len(stored) == 1
    item = stored[0]
    assert (item.author_role, item.given_on, item.function, item.text) == (
        "peer",
        dt.date(2026, 3, 10),
        "educational",
        LEARNED,
    )
    assert panel.text.value == ""
    assert text_of(panel.status) == "Peer reflection saved."
    listed = text_of(panel.list_html)
    assert "Peer · 2026-03-10 · Educational (Kadushin)" in listed and LEARNED in listed


def test_a_reflection_without_a_function_saves_none(journal):
    a, _ = _two_entries(journal)
    review = ReviewForm(journal, autosave=False, today=DAY)
    review.open(a.id)
    review.feedback.text.value = "Talking it through helped me see the family's side."
    assert "Optional" in text_of(review.feedback.definition)
    review.feedback.save()
    item = journal.get(a.id).feedback[0]
    assert (item.function, item.given_on) == (None, DAY)


def test_empty_text_saves_nothing_and_says_what_to_write(journal):
    a, _ = _two_entries(journal)
    review = ReviewForm(journal, autosave=False, today=DAY)
    review.open(a.id)
    for blank in ("", "   \n  "):
        review.feedback.text.value = blank
        assert review.feedback.save() is None
        assert "write what you learned" in text_of(review.feedback.status)
    entry = journal.get(a.id)
    assert entry.feedback == () and entry.revision == a.revision


def test_existing_feedback_is_listed_with_its_text_escaped(journal):
    a, _ = _two_entries(journal)
    journal.add_feedback(
        a.id, "supervisor", "<script>alert(1)</script> & well done", "2026-03-05", function="supportive"
    )
    journal.add_feedback(a.id, "tutor", "Link it to the\nPCF domains.", "2026-03-06")
    review = ReviewForm(journal, autosave=False, today=DAY)
    review.open(a.id)
    shown = review.feedback.list_html.value
    assert "<script>" not in shown and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; well done" in shown
    listed = text_of(review.feedback.list_html)
    assert "Supervisor · 2026-03-05 · Supportive (Kadushin)" in listed
    assert "Tutor · 2026-03-06" in listed and "Link it to the\nPCF domains." in listed
    assert listed.index("Supervisor") < listed.index("Tutor")


def test_the_status_line_never_carries_the_text(journal):
    a, _ = _two_entries(journal)
    review = ReviewForm(journal, autosave=False, today=DAY)
    review.open(a.id)
    panel = review.feedback
    panel.text.value = LEARNED
    panel.save()
    assert "name the worry" not in panel.status.value
    too_long = "Parent Willow said " + "x" * FEEDBACK_TEXT_MAX
    panel.text.value = too_long
    assert panel.save() is None
    status = text_of(panel.status)
    assert status.startswith("Not saved: what you learned is ") and f"at most {FEEDBACK_TEXT_MAX:,}" in status
    assert "Parent Willow" not in panel.status.value and "xxxx" not in panel.status.value
    assert panel.text.value == too_long  # kept, to shorten
    assert len(journal.get(a.id).feedback) == 1
    assert "Parent Willow" not in repr(review) and "name the worry" not in repr(review)


def test_the_panel_follows_the_entry_opened(journal):
    a, b = _two_entries(journal)
    journal.add_feedback(a.id, "supervisor", "Feedback on the home visit.", "2026-03-05")
    journal.add_feedback(b.id, "peer", "Feedback on the ward round.", "2026-03-06")
    review = ReviewForm(journal, autosave=False, today=DAY)
    review.open(a.id)
    assert "home visit" in text_of(review.feedback.list_html)
    review.feedback.text.value = "Half written for the home visit"
    review.results.value = b.id
    review.open_button.click()
    listed = text_of(review.feedback.list_html)
    assert "ward round" in listed and "home visit" not in listed
    assert review.feedback.text.value == ""  # what was typed about the other entry is not carried over
    review.feedback.text.value = "Learned about handovers."
    review.feedback.save_button.click()
    assert [f.text for f in journal.get(b.id).feedback] == ["Feedback on the ward round.", "Learned about handovers."]
    assert [f.text for f in journal.get(a.id).feedback] == ["Feedback on the home visit."]


def test_the_opened_entry_can_still_be_saved_after_a_reflection(journal):
    a, _ = _two_entries(journal)
    review = ReviewForm(journal, autosave=False, today=DAY)
    editor = review.open(a.id)
    review.feedback.text.value = LEARNED
    saved = review.feedback.save()
    assert saved.revision == a.revision + 1
    assert f"(revision {saved.revision})" in text_of(review.editor_header)
    editor.narrative.value = "Thought about it more."
    after = review.submit()
    assert after is not None and after.revision == a.revision + 2
    assert after.narrative == "Thought about it more." and after.feedback[0].text == LEARNED


def test_a_reflection_saved_while_another_notebook_changed_the_entry_says_so(journal_path):
    with Journal(journal_path) as mine, Journal(journal_path) as other:
        entry = mine.add(title="Strategy discussion")
        review = ReviewForm(mine, autosave=False, today=DAY)
        editor = review.open(entry.id)
        other.update(entry.id, title="Changed elsewhere")
        review.feedback.text.value = LEARNED
        assert review.feedback.save() is not None
        assert "changed elsewhere" in text_of(review.feedback.status)
        assert "name the worry" not in review.feedback.status.value
        editor.narrative.value = "Mine."
        assert review.submit() is None  # refused: the form is behind, as before
        assert mine.get(entry.id).title == "Changed elsewhere"
