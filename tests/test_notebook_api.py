"""The one-line notebook calls: wb.new_entry_form(), review_form(), vocabulary_browser(),
hard_conversation(), patterns_view(). Each returns something a notebook displays as a
widget; ``journal`` may be None (the default journal), a path or a Journal."""

from __future__ import annotations

import datetime as dt
import html
import importlib
import pkgutil
import re

import altair as alt
import pytest

import workbook as wb
from workbook import notebook_api
from workbook.forms import EntryForm, ReviewForm
from workbook.forms.debrief import DEBRIEF_CHOICES, HardConversation, plan_key
from workbook.forms.patterns import PatternsView
from workbook.forms.tag_browser import VocabularyBrowser

HELPERS = ("new_entry_form", "review_form", "vocabulary_browser", "hard_conversation", "patterns_view")
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
DAY = dt.date(2026, 3, 14)


def text_of(label) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", label.value)).strip()


@pytest.fixture(autouse=True)
def _fresh_default_journal():
    """Each test gets its own WORKBOOK_JOURNAL (tests/conftest.py), so forget the cache."""
    notebook_api._forget_default_journal()
    yield
    notebook_api._forget_default_journal()
    alt.renderers.enable("default")
    alt.theme.enable("default")


@pytest.fixture
def made():
    """Close what a test made (stops the entry forms' draft timers)."""
    objects = []
    yield objects
    for obj in objects:
        if hasattr(obj, "close"):
            obj.close()


def call(name: str, made: list, *args, **kwargs):
    obj = getattr(wb, name)(*args, **kwargs)
    made.append(obj)
    return obj


# -- the public API ---------------------------------------------------------------------------
def test_the_helpers_are_public_lazy_names():
    for name in HELPERS:
        assert name in wb.__all__
        assert wb._LAZY[name] == "notebook_api"
        assert callable(getattr(wb, name))


def test_no_submodule_shadows_a_helper():
    """``import workbook.x`` sets ``workbook.x``: no module may be named like a helper."""
    for info in pkgutil.iter_modules(wb.__path__):
        if info.name != "__main__":
            importlib.import_module(f"workbook.{info.name}")
    for name in HELPERS:
        assert callable(getattr(wb, name)), name
        assert getattr(wb, name) is getattr(notebook_api, name)


@pytest.mark.parametrize(
    "name, kind",
    [
        ("new_entry_form", EntryForm),
        ("review_form", ReviewForm),
        ("vocabulary_browser", VocabularyBrowser),
        ("hard_conversation", HardConversation),
        ("patterns_view", PatternsView),
    ],
)
def test_each_helper_returns_a_displayable_widget_on_an_in_memory_journal(name, kind, made):
    journal = wb.open_journal(":memory:")
    try:
        kwargs = {"static": True} if name == "patterns_view" else {}
        shown = call(name, made, journal, **kwargs)
        assert isinstance(shown, kind)
        assert shown.journal is journal
        bundle = shown._repr_mimebundle_()
        data = bundle[0] if isinstance(bundle, tuple) else bundle
        assert data[WIDGET_VIEW]["model_id"] == shown.widget.model_id
    finally:
        journal.close()


@pytest.mark.parametrize("name", HELPERS)
def test_each_helper_opens_a_journal_at_a_path(name, made, tmp_path):
    path = tmp_path / "mine" / "journal.db"
    kwargs = {"static": True} if name == "patterns_view" else {}
    shown = call(name, made, str(path), **kwargs)
    assert path.exists()
    assert shown.journal.path == path
    assert shown.journal is not notebook_api.default_journal()


def test_no_journal_means_the_default_journal_opened_once_and_kept(made, _isolated_journal):
    first = call("new_entry_form", made)
    second = call("review_form", made)
    assert first.journal is second.journal
    assert first.journal.path == _isolated_journal
    assert notebook_api.default_journal() is first.journal


def test_the_cache_follows_workbook_journal_and_reopens_a_closed_journal(made, tmp_path, monkeypatch):
    first = notebook_api.default_journal()
    other = tmp_path / "other.db"
    monkeypatch.setenv("WORKBOOK_JOURNAL", str(other))
    second = call("new_entry_form", made).journal
    assert second.path == other and second is not first
    second.close()
    third = notebook_api.default_journal()
    assert third is not second and third.path == other
    assert len(third) == 0


def test_importing_the_package_opens_no_journal(_isolated_journal):
    importlib.reload(notebook_api)
    assert notebook_api._default_journal is None
    assert not _isolated_journal.exists()


def test_a_journal_of_the_wrong_type_is_refused():
    with pytest.raises(TypeError, match="journal must be"):
        wb.new_entry_form(42)


def test_new_entry_form_starts_with_the_template_given(made):
    form = call("new_entry_form", made, template="driscoll")
    assert form.template.value == "driscoll"
    assert set(form.stage_areas) == {"what", "so_what", "now_what"}
    with pytest.raises(wb.ValidationError, match="not a template"):
        wb.new_entry_form(template="no-such-model")


def test_an_entry_saved_through_the_helper_is_in_the_default_journal(made):
    form = call("new_entry_form", made)
    form.title.value = "Telling a parent about the conference"
    assert form.submit() is not None
    assert len(notebook_api.default_journal()) == 1


# -- hard_conversation ---------------------------------------------------------------------------
@pytest.fixture
def hard(made):
    journal = wb.open_journal(":memory:")
    view = HardConversation(journal, autosave=False, today=DAY)
    made.append(view)
    yield view
    journal.close()


def test_the_chooser_offers_the_three_debrief_models(hard):
    assert [value for _, value in hard.chooser.options] == list(DEBRIEF_CHOICES)
    assert hard.template == "serious_illness_debrief"
    assert hard.form.template.value == "serious_illness_debrief"
    assert "Bernacki" in hard.about.value


def test_each_model_has_its_own_plan_prompts_and_entry_form(hard):
    for template in DEBRIEF_CHOICES:
        form = hard.choose(template)
        assert hard.chooser.value == template
        assert form.template.value == template
        assert form.draft_key == f"debrief-{template}"
        assert list(hard.plan_areas[template]) == [p.id for p in hard.templates[template].prepare]
        assert hard.debrief_box.children == (form.widget,)
    assert "SPIKES" in dict((v, k) for k, v in hard.chooser.options)["spikes_debrief"]


def test_switching_models_keeps_what_was_typed(hard):
    hard.form.title.value = "Talking with the patient about going home"
    hard.plan_areas["serious_illness_debrief"]["purpose"].value = "Her wish to go home"
    hard.chooser.value = "child_family_debrief"  # as a click would
    assert hard.form.template.value == "child_family_debrief"
    hard.chooser.value = "serious_illness_debrief"
    assert hard.form.title.value == "Talking with the patient about going home"
    assert hard.plan()["purpose"] == "Her wish to go home"


def test_a_plan_is_kept_as_a_draft_and_comes_back(made):
    journal = wb.open_journal(":memory:")
    try:
        view = HardConversation(journal, "spikes_debrief", autosave=False)
        made.append(view)
        view.plan_areas["spikes_debrief"]["knowledge"].value = "I am afraid the scan shows the cancer has grown."
        view.save_plan_button.click()
        assert "kept as a draft" in text_of(view.plan_status)
        draft = journal.draft(plan_key("spikes_debrief"))
        assert draft["answers"] == {"knowledge": "I am afraid the scan shows the cancer has grown."}
        assert len(journal) == 0  # a plan is not an entry

        again = HardConversation(journal, "spikes_debrief", autosave=False)
        made.append(again)
        assert again.plan()["knowledge"].startswith("I am afraid")
        assert "filled in above" in text_of(again.plan_status)
        assert again.plan(template="serious_illness_debrief") == {}
    finally:
        journal.close()


def test_an_empty_plan_is_not_kept_and_says_so(hard):
    assert hard.save_plan() is False
    assert "nothing in the plan" in text_of(hard.plan_error)
    assert hard.journal.draft(plan_key(hard.template)) is None


def test_the_plan_is_copied_into_the_debrief_narrative(hard):
    hard.choose("child_family_debrief")
    hard.plan_areas["child_family_debrief"]["what_has_to_be_said"].value = "The bruise must be explained."
    hard.form.narrative.value = "We met at the family centre."
    hard.copy_plan_button.click()
    narrative = hard.form.narrative.value
    assert narrative.startswith("We met at the family centre.\n\nMy plan beforehand")
    assert "What has to be said: The bruise must be explained." in narrative


def test_clearing_the_plan_empties_it_and_removes_the_draft(hard):
    hard.plan_areas[hard.template]["close"].value = "Summarise and recommend"
    assert hard.save_plan()
    hard.discard_plan_button.click()
    assert hard.plan()["close"] == ""
    assert hard.journal.draft(plan_key(hard.template)) is None


def test_the_debrief_saves_an_entry_with_its_model(hard):
    form = hard.choose("child_family_debrief")
    form.title.value = "Telling Parent Willow about the conference"
    form.stage_areas["what_had_to_be_said"].value = "We are worried about the bruise on Fern's arm."
    entry = form.submit()
    assert entry is not None and entry.template == "child_family_debrief"
    assert entry.responses["what_had_to_be_said"].startswith("We are worried")


def test_an_unknown_debrief_model_is_refused():
    journal = wb.open_journal(":memory:")
    try:
        with pytest.raises(wb.ValidationError, match="debrief models"):
            HardConversation(journal, "gibbs")
    finally:
        journal.close()


def test_plan_text_is_escaped_in_the_prepare_panel(hard):
    hard.plan_areas[hard.template]["purpose"].value = "<script>alert(1)</script>"
    hard.save_plan()
    again = HardConversation(hard.journal, autosave=False)
    try:
        assert again.plan()["purpose"] == "<script>alert(1)</script>"  # a textarea value, not HTML
        assert "<script>" not in again.about.value + again.plan_status.value
    finally:
        again.close()
