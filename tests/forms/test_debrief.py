"""The debrief view (notebook 03): the context preset from the chosen model, the plan cleared
once the debrief is saved, and buttons as wide as their labels."""

from __future__ import annotations

import datetime as dt

import pytest

from workbook.forms.debrief import DEBRIEF_CONTEXTS, HardConversation, plan_key

DAY = dt.date(2026, 11, 30)


@pytest.fixture
def hard(journal):
    view = HardConversation(journal, autosave=False, today=DAY)
    yield view
    view.close()


def test_the_serious_illness_debrief_presets_end_of_life_and_it_can_be_changed(hard):
    assert DEBRIEF_CONTEXTS["serious_illness_debrief"] == "end-of-life"
    form = hard.form
    assert form.context.value == "end-of-life"
    assert form.save_draft_now() is False  # the preset alone is no draft to keep
    form.context.value = "acute-ward"
    form.title.value = "Talking with Patient Mr Heron about stopping dialysis"
    entry = form.submit()
    assert entry is not None and entry.context == "acute-ward"
    assert form.context.value == "end-of-life"  # preset again for the next debrief


def test_models_spanning_several_contexts_preset_none(hard):
    for template in ("spikes_debrief", "child_family_debrief"):
        assert hard.choose(template).context.value == ""


def test_the_plan_is_cleared_once_the_debrief_is_saved(hard):
    hard.plan_areas[hard.template]["purpose"].value = "To hear what matters most to him"
    assert hard.save_plan()
    assert hard.journal.draft(plan_key(hard.template)) is not None
    hard.copy_plan_to_debrief()
    form = hard.form
    form.title.value = "Talking with Patient Mr Heron about stopping dialysis"
    entry = form.submit()
    assert entry is not None and "To hear what matters most to him" in entry.narrative  # the copy is kept
    assert hard.plan()["purpose"] == ""
    assert hard.journal.draft(plan_key(hard.template)) is None
    assert "plan was cleared" in hard.plan_status.value


def test_a_refused_save_keeps_the_plan(hard):
    hard.plan_areas[hard.template]["purpose"].value = "To hear what matters most to him"
    assert hard.save_plan()
    assert hard.form.submit() is None  # no title
    assert hard.plan()["purpose"] == "To hear what matters most to him"
    assert hard.journal.draft(plan_key(hard.template)) is not None


def test_the_plan_buttons_are_as_wide_as_their_labels(hard):
    for button in (hard.save_plan_button, hard.copy_plan_button, hard.discard_plan_button):
        assert button.layout.width == "auto" and button.layout.min_width == "max-content"
