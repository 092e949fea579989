"""The entry form's outcome (five, labelled as in models), "both, in tension" beside the stance
slider, and the optional depth of reflection: each offers exactly the model's choices, is saved
(read back from the journal), comes back from a draft and when an entry is edited (also after
a refused save), and can be cleared back to not recorded. (The review form's outcome filter is
tested in test_review_form.py.)"""

from __future__ import annotations

import pytest
from form_helpers import make_form, text_of

import workbook as wb
from workbook.forms import ReviewForm
from workbook.forms.entry.sections import DEPTH_NOT_RATED, STANCE_BOTH_HELP
from workbook.models import DEPTH_DESCRIPTORS, DEPTHS, OUTCOME_LABELS, OUTCOMES, STANCE_BOTH_LABEL


def _texts(widget) -> list[str]:
    """What every HTML line in a widget tree says, without markup."""
    found = []

    def walk(node):
        if type(node).__name__ == "HTML":
            found.append(text_of(node))
        for child in getattr(node, "children", ()):
            walk(child)

    walk(widget)
    return found


# -- outcome ---------------------------------------------------------------------------------
def test_the_outcome_offers_the_five_outcomes_by_their_labels_and_not_recorded(journal, forms):
    form = make_form(journal, forms)
    assert list(form.outcome.options) == [*((OUTCOME_LABELS[o], o) for o in OUTCOMES), ("Not recorded", "")]
    labels = [label for label, _ in form.outcome.options]
    assert "Chose not to know (respected)" in labels and "Deferred by decision" in labels
    assert "Chose-not-to-know" not in labels
    assert form.outcome.value == ""


def test_each_outcome_button_explains_it_with_the_vocabularys_definition(journal, forms):
    form = make_form(journal, forms)
    vocabulary = journal.vocabulary()
    tips = list(form.outcome.tooltips)
    assert tips[: len(OUTCOMES)] == [vocabulary.resolve(o).definition for o in OUTCOMES]
    assert all(tips) and len(tips) == len(form.outcome.options)
    assert "does not count against" in tips[OUTCOMES.index("deferred")]
    help_line = " ".join(_texts(form.widget))
    assert "Deferred by decision:" in help_line and "Chose not to know:" in help_line


def test_outcome_buttons_are_as_wide_as_their_labels(journal, forms):
    """The default button width (half an inline widget) cuts 'Chose not to know (respected)' off."""
    form = make_form(journal, forms)
    assert form.outcome.style.button_width == "auto"
    assert form.outcome.layout.width.startswith("calc(100% - ")  # wraps inside the form, margins included


@pytest.mark.parametrize("outcome", OUTCOMES)
def test_each_outcome_is_saved_and_shown_again_when_the_entry_is_opened(journal, forms, outcome):
    form = make_form(journal, forms)
    form.title.value = f"Outcome {outcome}"
    form.outcome.value = outcome
    entry = form.submit()
    assert journal.get(entry.id).outcome == outcome
    editor = make_form(journal, forms, entry=entry.id)
    assert editor.outcome.value == outcome
    editor.outcome.value = ""  # back to not recorded
    assert editor.submit().revision == 2
    assert journal.get(entry.id).outcome is None


# -- both, in tension --------------------------------------------------------------------------
def test_both_in_tension_sits_beside_the_stance_with_its_explanation(journal, forms):
    form = make_form(journal, forms)
    assert form.stance_both.description == STANCE_BOTH_LABEL == "Both, in tension"
    assert form.stance_both.value is False
    row = next(box for box in _boxes(form.widget) if form.stance_both in box.children)
    assert STANCE_BOTH_HELP in _texts(row)
    stance_at = form.widget.children.index(form.stance.box)
    assert form.widget.children[stance_at + 1] is row


def _boxes(widget):
    for child in getattr(widget, "children", ()):
        if hasattr(child, "children"):
            yield child
            yield from _boxes(child)


def test_both_in_tension_is_saved_with_or_without_a_point_on_the_line(journal, forms):
    form = make_form(journal, forms)
    form.title.value = "Both pulls, no point"
    form.stance_both.value = True
    entry = form.submit()
    stored = journal.get(entry.id)
    assert stored.stance_both is True and stored.stance is None  # the slider stays 'not recorded'
    form.title.value = "Both pulls, leaning stoical"
    form.stance.slider.value = 1
    form.stance_both.value = True
    stored = journal.get(form.submit().id)
    assert (stored.stance, stored.stance_both) == (1, True)


def test_both_in_tension_is_shown_when_editing_and_can_be_unticked(journal, forms):
    entry = journal.add(title="Hospice meeting", stance=-1, stance_both=True)
    editor = make_form(journal, forms, entry=entry.id)
    assert editor.stance_both.value is True and editor.stance.value == -1
    editor.stance_both.value = False
    saved = editor.submit()
    assert saved.revision == 2
    stored = journal.get(entry.id)
    assert stored.stance_both is False and stored.stance == -1
    assert journal.history(entry.id)[0].entry.stance_both is True


# -- depth of reflection ------------------------------------------------------------------------
def test_depth_offers_not_rated_and_the_four_levels_shallowest_first(journal, forms):
    form = make_form(journal, forms)
    assert list(form.depth.options) == [(DEPTH_NOT_RATED, ""), *((label, key) for key, label in DEPTHS.items())]
    assert [key for _, key in form.depth.options][1:] == [
        "descriptive-writing",
        "descriptive-reflection",
        "dialogic",
        "critical",
    ]
    assert form.depth.value == ""


def test_the_line_under_depth_says_what_the_chosen_level_means(journal, forms):
    form = make_form(journal, forms)
    not_rated = text_of(form.depth_descriptor)
    assert not_rated and not_rated not in DEPTH_DESCRIPTORS.values()
    for key, descriptor in DEPTH_DESCRIPTORS.items():
        form.depth.value = key
        assert text_of(form.depth_descriptor) == descriptor
    form.depth.value = ""
    assert text_of(form.depth_descriptor) == not_rated
    children = list(form.widget.children)
    assert children.index(form.depth_descriptor) == children.index(form.depth) + 1  # under the choice


def test_depth_comes_after_the_rest_of_how_it_went_in_a_new_entry(journal, forms):
    """Optional, and last, so a first entry is not crowded: after the tags, before Next."""
    form = make_form(journal, forms)
    children = list(form.widget.children)
    assert children.index(form.picker.widget) < children.index(form.depth)
    next_heading = next(
        i
        for i, c in enumerate(children)
        if type(c).__name__ == "HTML" and c.value.startswith("<h4") and "Next" in c.value
    )
    assert children.index(form.depth) < next_heading


@pytest.mark.parametrize("depth", list(DEPTHS))
def test_each_depth_is_saved_shown_when_editing_and_cleared(journal, forms, depth):
    form = make_form(journal, forms)
    form.title.value = f"Depth {depth}"
    form.depth.value = depth
    entry = form.submit()
    assert journal.get(entry.id).depth == depth
    editor = make_form(journal, forms, entry=entry.id)
    assert editor.depth.value == depth
    assert text_of(editor.depth_descriptor) == DEPTH_DESCRIPTORS[depth]
    editor.depth.value = ""
    editor.submit()
    assert journal.get(entry.id).depth is None


def test_the_review_form_editor_rates_depth_when_revising(journal):
    entry = journal.add(title="Strategy discussion", depth="descriptive-writing")
    review = ReviewForm(journal, autosave=False)
    editor = review.open(entry.id)
    assert editor.depth.value == "descriptive-writing"
    editor.depth.value = "critical"
    assert review.submit().revision == 2
    assert journal.get(entry.id).depth == "critical"
    review.show_history(entry.id)
    assert review.history_rows[1]["changed"] == ["depth"]
    assert "Depth of reflection" in text_of(review.history_html)
    editor.close()


# -- drafts and conflicts --------------------------------------------------------------------------
def test_a_draft_keeps_and_restores_the_new_choices(journal, forms):
    first = make_form(journal, forms)
    first.title.value = "Left for another day"
    first.outcome.value = "deferred"
    first.stance_both.value = True
    first.depth.value = "descriptive-reflection"
    assert first.save_draft_now() is True
    kept = journal.draft("new-entry")["fields"]
    assert (kept["outcome"], kept["stance_both"], kept["depth"]) == ("deferred", True, "descriptive-reflection")
    second = make_form(journal, forms)
    assert (second.outcome.value, second.stance_both.value, second.depth.value) == ("", False, "")
    assert second.restore_draft() is True
    assert (second.outcome.value, second.stance_both.value, second.depth.value) == (
        "deferred",
        True,
        "descriptive-reflection",
    )
    stored = journal.get(second.submit().id)
    assert (stored.outcome, stored.stance_both, stored.depth) == ("deferred", True, "descriptive-reflection")


@pytest.mark.parametrize(
    ("widget", "value"), [("outcome", "chose-not-to-know"), ("stance_both", True), ("depth", "critical")]
)
def test_changing_only_a_new_choice_keeps_a_draft(journal, forms, widget, value):
    form = make_form(journal, forms)
    getattr(form, widget).value = value
    assert form.save_draft_now() is True
    getattr(form, widget).value = "" if widget != "stance_both" else False
    assert form.save_draft_now() is False  # back as it was: the draft is removed
    assert journal.draft("new-entry") is None


def test_a_draft_from_before_these_fields_restores_them_as_not_recorded(journal, forms):
    journal.save_draft(
        "new-entry",
        {"saved_at": "2026-03-14T10:00:00+00:00", "fields": {"title": "Older draft", "outcome": "held"}},
    )
    form = make_form(journal, forms)
    form.stance_both.value = True
    form.depth.value = "critical"
    assert form.restore_draft() is True
    assert (form.outcome.value, form.stance_both.value, form.depth.value) == ("held", False, "")
    assert "Not restored" not in text_of(form.status)


def test_a_draft_with_a_choice_no_longer_offered_restores_the_rest_and_says_so(journal, forms):
    journal.save_draft(
        "new-entry",
        {
            "saved_at": "2026-03-14T10:00:00+00:00",
            "fields": {"title": "Odd draft", "outcome": "postponed", "depth": "deep", "stance_both": True},
        },
    )
    form = make_form(journal, forms)
    assert form.restore_draft() is True
    assert form.title.value == "Odd draft" and form.stance_both.value is True
    assert form.outcome.value == "" and form.depth.value == ""
    status = text_of(form.status)
    assert "postponed" in status and "deep" in status


def test_an_edit_refused_as_stale_keeps_the_new_choices_and_restores_them(tmp_path, forms):
    path = tmp_path / "journal.db"
    one, two = wb.open_journal(path), wb.open_journal(path)
    try:
        entry = one.add(title="Home visit", outcome="avoided")
        window1 = make_form(one, forms, entry=entry.id)
        window2 = make_form(two, forms, entry=entry.id)
        window1.narrative.value = "Saved first."
        assert window1.submit().revision == 2
        window2.outcome.value = "chose-not-to-know"
        window2.stance_both.value = True
        window2.depth.value = "dialogic"
        assert window2.submit() is None
        current = one.get(entry.id)
        assert (current.outcome, current.stance_both, current.depth) == ("avoided", False, None)
        kept = two.draft(f"edit-{entry.id}")["fields"]
        assert (kept["outcome"], kept["stance_both"], kept["depth"]) == ("chose-not-to-know", True, "dialogic")
        assert window2.reopen().revision == 2
        assert (window2.outcome.value, window2.stance_both.value, window2.depth.value) == ("avoided", False, "")
        assert window2.restore_draft()
        saved = window2.submit()
        assert saved.revision == 3
        assert (saved.outcome, saved.stance_both, saved.depth) == ("chose-not-to-know", True, "dialogic")
    finally:
        one.close()
        two.close()


# -- nothing typed in them ------------------------------------------------------------------------
def test_the_new_controls_show_only_their_own_words(journal, forms):
    """The checkbox, the choice and its line are fixed words: nothing typed ever lands in them."""
    marker = "ZQXMARKER"
    form = make_form(journal, forms)
    form.title.value = f"{marker} title"
    form.narrative.value = f"{marker} narrative"
    form.depth.value = "critical"
    form.stance_both.value = True
    form.outcome.value = "deferred"
    for widget in (form.stance_both, form.depth, form.depth_descriptor, form.outcome):
        state = widget.get_state()
        assert marker not in repr(state)
