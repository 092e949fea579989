"""The forms, driven without a browser: set widget values, submit or click, read the journal."""

from __future__ import annotations

import ast
import datetime as dt
import html
import re
import time
from pathlib import Path

import pytest

import workbook as wb
from workbook.content.lexicon import Lexicon
from workbook.errors import ValidationError
from workbook.forms import EntryForm, ReviewForm, TagPicker, find_passage

DAY = dt.date(2026, 3, 14)
FORMS_DIR = Path(wb.__file__).parent / "forms"


def text_of(label) -> str:
    """What an HTML label says, without markup."""
    return html.unescape(re.sub(r"<[^>]+>", "", label.value)).strip()


@pytest.fixture
def journal():
    j = wb.open_journal(":memory:")
    j.people.add("Parent Willow", "parent")
    j.people.add("Child Fern", "child")
    yield j
    j.close()


@pytest.fixture
def forms():
    """Close every form a test made (stops draft timers)."""
    made = []
    yield made
    for form in made:
        form.close() if isinstance(form, EntryForm) else None


def make_form(journal, forms, **kwargs) -> EntryForm:
    kwargs.setdefault("autosave", False)
    kwargs.setdefault("today", DAY)
    form = EntryForm(journal, **kwargs)
    forms.append(form)
    return form


def fill(form: EntryForm) -> None:
    form.template.value = "gibbs"
    form.title.value = "Home visit: talking about the bruise"
    form.date.value = DAY
    form.context.value = "child-protection"
    form.people.value = ["Parent Willow"]
    form.stage_areas["description"].value = "I visited Parent Willow to talk about the bruise on Child Fern's arm."
    form.stage_areas["feelings"].value = "I was worried before I went in and dreaded the moment of saying it."
    form.narrative.value = "Afterwards I sat in the car for ten minutes."
    form.picker.row("anxious").checkbox.value = True
    form.picker.row("anxious").intensity.value = 2
    form.picker.row("dread").intensity.value = 3  # choosing an intensity chooses the tag
    form.outcome.value = "softened"
    form.stance.slider.value = 1
    form.feelings_before.slider.value = 8
    form.feelings_after.slider.value = 4
    form.actions.value = "Ask my supervisor about the plan\n\n  Rehearse my opening sentence  \n"
    form.flagged.value = True


# -- new entries ---------------------------------------------------------------------------
def test_a_filled_form_saves_one_entry_with_every_field(journal, forms):
    form = make_form(journal, forms)
    fill(form)
    entry = form.submit()
    assert entry is not None
    assert len(journal) == 1
    saved = journal.get(entry.id)
    assert saved.title == "Home visit: talking about the bruise"
    assert saved.occurred_on == DAY
    assert saved.context == "child-protection"
    assert saved.people == ("Parent Willow",)
    assert saved.template == "gibbs"
    assert set(saved.responses) == {"description", "feelings"}
    assert saved.narrative.startswith("Afterwards")
    assert [(t.tag, t.intensity) for t in saved.tags] == [("anxious", 2), ("dread", 3)]
    assert saved.outcome == "softened"
    assert saved.stance == 1
    assert (saved.feelings_before, saved.feelings_after) == (8, 4)
    assert [a.text for a in saved.actions] == ["Ask my supervisor about the plan", "Rehearse my opening sentence"]
    assert saved.flagged is True
    assert (
        text_of(form.status)
        == "Saved 'Home visit: talking about the bruise' (2026-03-14) with 2 tags; 2 action points."
    )


def test_save_resets_the_form_but_keeps_the_model(journal, forms):
    form = make_form(journal, forms)
    fill(form)
    form.save_button.click()
    assert len(journal) == 1
    assert form.title.value == ""
    assert form.template.value == "gibbs"
    assert form.stage_areas["feelings"].value == ""
    assert form.picker.selected() == []
    assert form.outcome.value == "" and form.stance.value is None and form.feelings_before.value is None
    assert form.date.value == DAY
    assert journal.draft("new-entry") is None


def test_unrecorded_values_are_saved_as_none(journal, forms):
    form = make_form(journal, forms)
    form.title.value = "Quick note"
    form.stance.slider.value = 2
    form.stance.none.value = True  # changed my mind: not recorded
    entry = form.submit()
    assert entry.stance is None and entry.outcome is None and entry.feelings_before is None
    assert entry.template is None and entry.responses == {}


def test_value_is_what_journal_add_takes(journal, forms):
    form = make_form(journal, forms)
    fill(form)
    value = form.value()
    entry = journal.add(**value)
    assert entry.tags[0].tag == "anxious"
    assert value["occurred_on"] == DAY and value["outcome"] == "softened"


# -- validation errors beside fields ------------------------------------------------------------
def test_missing_title_is_shown_beside_the_title_and_nothing_is_saved(journal, forms):
    form = make_form(journal, forms)
    fill(form)
    form.title.value = "   "
    assert form.submit() is None
    assert len(journal) == 0
    assert "required" in text_of(form._labels["title"])
    assert "wb-error-title" in form._labels["title"]._dom_classes
    assert set(form.errors) == {"title"}
    assert text_of(form.status).startswith("Not saved")
    # the writing is still there to correct
    assert form.stage_areas["feelings"].value.startswith("I was worried")
    form.title.value = "Now with a title"
    assert form.submit() is not None
    assert form.errors == {} and text_of(form._labels["title"]) == ""


@pytest.mark.parametrize(
    ("widget", "bad", "field", "label"),
    [
        ("narrative", "a\x00b", "narrative", "narrative"),
        ("stage", "bad \x07 bell", "responses.feelings", "responses.feelings"),
        ("title", "two\nlines", "title", "title"),
        ("date", None, "occurred_on", "occurred_on"),
        ("date", dt.date(1900, 1, 1), "occurred_on", "occurred_on"),
        ("action", "ok\x00", "actions[0].text", "actions"),
    ],
)
def test_each_refused_field_shows_its_message_beside_that_field(journal, forms, widget, bad, field, label):
    form = make_form(journal, forms)
    fill(form)
    target = {
        "narrative": form.narrative,
        "stage": form.stage_areas["feelings"],
        "title": form.title,
        "date": form.date,
        "action": form.actions,
    }[widget]
    target.value = bad
    assert form.submit() is None
    assert len(journal) == 0
    assert list(form.errors) == [field]
    assert text_of(form._labels[label]).startswith("⚠")
    others = [k for k, lab in form._labels.items() if k != label and lab.value]
    assert others == []


@pytest.mark.parametrize(
    ("field", "where"),
    [
        ("tags[1].intensity", "tags"),
        ("tags[0].anchor.end", "passage"),
        ("people[0]", "people"),
        ("responses.feelings", "responses.feelings"),
        ("responses.no_such_stage", "general"),
        ("responses", "general"),
        ("feedback[0].text", "general"),
        ("something.new", "general"),
    ],
)
def test_error_fields_are_routed_to_the_right_label(journal, forms, field, where):
    class Refusing:
        def __init__(self, inner):
            self._inner = inner

        def __getattr__(self, name):
            return getattr(self._inner, name)

        def add(self, **fields):
            raise ValidationError(field, "is not allowed here.")

    form = make_form(Refusing(journal), forms)
    fill(form)
    assert form.submit() is None
    assert form.errors == {field: "is not allowed here."}
    label = {"tags": form.picker.error, "passage": form.picker.passage_error}.get(where) or form._labels[where]
    assert "is not allowed here." in text_of(label)
    if field.startswith("tags[1]"):
        assert text_of(label).startswith("⚠ Dread:")  # names the tag
    if where == "general":
        assert field in text_of(label)


def test_other_journal_errors_show_in_the_general_area(journal, forms):
    class Busy:
        def __init__(self, inner):
            self._inner = inner

        def __getattr__(self, name):
            return getattr(self._inner, name)

        def add(self, **fields):
            raise wb.WorkbookError("This entry was changed elsewhere; nothing was saved.")

    form = make_form(Busy(journal), forms)
    fill(form)
    assert form.submit() is None
    assert "changed elsewhere" in text_of(form._labels["general"])
    assert form.title.value  # the writing stays


def test_an_unknown_template_is_refused_with_the_choices():
    with wb.open_journal(":memory:") as journal, pytest.raises(ValidationError) as info:
        EntryForm(journal, template="no-such-model", autosave=False)
    assert "gibbs" in str(info.value)


def test_journal_text_is_escaped_in_html_labels(journal, forms):
    form = make_form(journal, forms)
    form.title.value = "<script>alert(1)</script>"
    form.submit()
    assert "<script>" not in form.status.value
    assert "&lt;script&gt;" in form.status.value


# -- people -------------------------------------------------------------------------------------
def test_a_person_added_on_the_spot_is_registered_and_chosen(journal, forms):
    form = make_form(journal, forms)
    form.person_name.value = "Grandmother Ash"
    form.person_role.value = "relative"
    form.person_add.click()
    assert journal.people.get("Grandmother Ash").role == "relative"
    assert "Grandmother Ash" in form.people.allowed_tags
    assert form.people.value == ["Grandmother Ash"]
    assert form.person_name.value == ""
    form.title.value = "Call with the grandmother"
    assert form.submit().people == ("Grandmother Ash",)


def test_a_pseudonym_already_in_the_register_is_refused_beside_the_add_row(journal, forms):
    form = make_form(journal, forms)
    assert form.add_person("parent willow", "parent") is None
    assert "already in the register" in text_of(form._labels["person"])
    assert len(journal.people) == 2


# -- tag picker ---------------------------------------------------------------------------------
def test_the_picker_groups_tags_as_the_vocabulary_does(journal):
    picker = TagPicker(journal.vocabulary())
    assert len(picker.groups.children) == 5
    assert picker.groups.titles[0] == "My feelings"
    picker.select("anxious", 2)
    assert picker.groups.titles[0] == "My feelings (1 chosen)"
    assert "Anxious" in text_of(picker.chosen_label)
    assert picker.value() == [{"tag": "anxious", "intensity": 2, "anchor": None}]
    picker.deselect("anxious")
    assert picker.value() == []


def test_opening_a_group_builds_its_rows(journal):
    picker = TagPicker(journal.vocabulary())
    box = picker.groups.children[2]
    assert len(box.children) == 1  # only the description until opened
    picker.groups.selected_index = 2
    assert len(box.children) == 1 + len(journal.vocabulary().in_group("relational"))


def test_definitions_are_shown_on_demand(journal):
    picker = TagPicker(journal.vocabulary())
    row = picker.row("containment-given")
    assert row.definition is None  # made only when asked for
    row.info.value = True
    assert "Bion" in row.definition.value
    assert "wb-tag-definition-containment-given" in row.definition._dom_classes
    assert row.definition.layout.display != "none"
    row.info.value = False
    assert row.definition.layout.display == "none"


def test_the_filter_box_narrows_the_tags(journal):
    picker = TagPicker(journal.vocabulary())
    picker.filter.value = "countertrans"
    assert picker.visible_tags() == ["countertransference"]
    assert picker.groups.layout.display == "none"
    picker.filter.value = "zzzz"
    assert picker.visible_tags() == []
    assert "No tag matches" in text_of(picker.matches.children[0])
    picker.filter.value = ""
    assert len(picker.visible_tags()) == len(journal.vocabulary())


def test_suggestions_show_their_words_and_can_be_added_or_ignored(journal, forms):
    form = make_form(journal, forms, template="gibbs")
    form.stage_areas["feelings"].value = "I was worried and felt on edge; she went quiet."
    suggested = {s.tag: s for s in form.picker.suggestions}
    assert suggested["anxious"].words == ("worried", "on edge")
    assert suggested["anxious"].field == "responses.feelings"
    shown = " ".join(text_of(row.children[2]) for row in form.picker.suggestion_box.children[1:])
    assert "“worried”, “on edge” in Feelings" in shown
    add = next(
        b
        for row in form.picker.suggestion_box.children[1:]
        for b in row.children
        if "wb-suggest-add-anxious" in b._dom_classes
    )
    add.click()
    assert form.picker.selected() == ["anxious"]
    assert "anxious" not in {s.tag for s in form.picker.suggestions}
    ignore = next(
        b
        for row in form.picker.suggestion_box.children[1:]
        for b in row.children
        if "wb-suggest-ignore-withdrawal-silence" in b._dom_classes
    )
    ignore.click()
    assert form.picker.suggestions == []
    form.title.value = "Suggested"
    assert [t.tag for t in form.submit().tags] == ["anxious"]


def test_a_broken_lexicon_turns_suggestions_off_with_a_note(journal, tmp_path, monkeypatch):
    import workbook.forms.tag_picker as tp

    def broken(path=None):
        raise wb.DataFileError("lexicon.yaml", 3, "is not valid YAML")

    monkeypatch.setattr(tp, "load_lexicon", broken)
    picker = TagPicker(journal.vocabulary())
    picker.set_texts({"narrative": "anxious"})
    assert picker.suggestions == []
    assert "Suggestions are off" in text_of(picker.suggestion_box.children[0])


def test_a_custom_lexicon_can_be_given(journal):
    picker = TagPicker(journal.vocabulary(), lexicon=Lexicon({"calm": ["serene"]}))
    picker.set_texts({"narrative": "It was serene."}, {"narrative": "Narrative"})
    assert [(s.tag, s.words) for s in picker.suggestions] == [("calm", ("serene",))]


# -- passages -----------------------------------------------------------------------------------
def test_find_passage_prefers_exact_then_loose_then_nearest():
    text = "One. I was anxious. Two. I was anxious."
    assert find_passage(text, "I was anxious") == (5, 18)
    assert find_passage(text, "I was anxious", hint=30) == (25, 38)
    assert find_passage(text, "  i WAS\nanxious ") == (5, 18)
    assert find_passage(text, "not there") is None
    assert find_passage(text, "   ") is None


def test_a_tag_attached_to_a_passage_is_saved_with_a_valid_anchor(journal, forms):
    form = make_form(journal, forms)
    fill(form)
    picker = form.picker
    assert picker.passage_field.options[1] == ("Feelings", "responses.feelings")
    picker.passage_field.value = "responses.feelings"
    picker.passage_tag.value = "dread"
    picker.passage_text.value = "dreaded the moment of saying it"
    picker.passage_add.click()
    assert text_of(picker.passage_error) == ""
    assert picker.passage_text.value == ""
    assert len(picker.passage_list.children) == 1
    # text typed before the passage moves it; the anchor follows the words
    form.stage_areas["feelings"].value = "Honestly, " + form.stage_areas["feelings"].value
    entry = form.submit()
    dread = [t for t in entry.tags if t.tag == "dread"]
    assert len(dread) == 1 and dread[0].intensity == 3
    anchor = dread[0].anchor
    assert anchor.field == "responses.feelings"
    assert entry.responses["feelings"][anchor.start : anchor.end] == "dreaded the moment of saying it"


def test_passage_errors_are_shown_beside_the_passage_box(journal, forms):
    form = make_form(journal, forms)
    fill(form)
    picker = form.picker
    picker.passage_field.value = "narrative"
    picker.passage_tag.value = "calm"
    picker.passage_text.value = "words I never wrote"
    picker.passage_add.click()
    assert "not in Narrative" in text_of(picker.passage_error)
    picker.passage_text.value = "sat in the car"
    picker.passage_add.click()
    picker.passage_text.value = "sat in the car"
    picker.passage_add.click()
    assert "already attached" in text_of(picker.passage_error)
    # the passage is deleted from the text: saving is refused, nothing written
    form.narrative.value = "Afterwards I drove straight home."
    assert form.submit() is None
    assert len(journal) == 0
    assert "no longer in Narrative" in text_of(picker.passage_error)
    picker.remove_passage(0)
    assert form.submit() is not None


def test_unchecking_a_tag_removes_its_passages(journal, forms):
    form = make_form(journal, forms)
    fill(form)
    form.picker.add_passage("calm", "narrative", "sat in the car")
    assert form.picker.selected()[-1] == "calm"
    form.picker.deselect("calm")
    assert form.picker.passages() == []


# -- drafts -------------------------------------------------------------------------------------
def test_a_draft_is_offered_by_the_next_form_and_restores_everything(journal, forms):
    first = make_form(journal, forms)
    fill(first)
    first.picker.add_passage("calm", "narrative", "sat in the car")
    assert first.save_draft_now() is True
    assert "Draft kept" in text_of(first.draft_status)

    second = make_form(journal, forms)
    assert second.draft_offered
    assert second.draft_bar.layout.display != "none"
    assert "Unsaved draft from" in text_of(second.draft_message)
    assert "Home visit" in text_of(second.draft_message)
    assert second.title.value == ""
    second.draft_restore.click()
    assert not second.draft_offered
    assert second.draft_bar.layout.display == "none"
    assert second.value() == first.value()
    assert second.picker.passages()[0].quote == "sat in the car"
    entry = second.submit()
    assert entry.title == "Home visit: talking about the bruise"
    assert journal.draft("new-entry") is None


def test_a_draft_can_be_discarded(journal, forms):
    first = make_form(journal, forms)
    first.title.value = "Not worth keeping"
    first.save_draft_now()
    second = make_form(journal, forms)
    second.draft_discard.click()
    assert journal.draft("new-entry") is None
    assert not second.draft_offered and second.title.value == ""


def test_typing_while_a_draft_is_offered_does_not_overwrite_it(journal, forms):
    first = make_form(journal, forms)
    first.title.value = "The older draft"
    first.save_draft_now()
    second = make_form(journal, forms, autosave=True)
    second.title.value = "Something new"
    assert second.save_draft_now() is False
    assert journal.draft("new-entry")["fields"]["title"] == "The older draft"


def test_an_untouched_form_keeps_no_draft(journal, forms):
    form = make_form(journal, forms)
    assert form.save_draft_now() is False
    assert journal.draft("new-entry") is None
    form.title.value = "x"
    form.save_draft_now()
    form.title.value = ""
    form.save_draft_now()
    assert journal.draft("new-entry") is None


def test_autosave_keeps_a_draft_as_the_user_types_at_most_once_per_interval(journal, forms):
    form = make_form(journal, forms, autosave=True, draft_interval=0.3)
    saves = []
    real = journal.save_draft

    def counting(key, payload):
        saves.append(payload["fields"]["title"])
        real(key, payload)

    journal.save_draft = counting
    for text in ("H", "Ho", "Hom", "Home"):
        form.title.value = text
    assert saves == ["H"]  # the first change at once, the rest wait
    deadline = time.monotonic() + 5
    while len(saves) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert saves == ["H", "Home"]  # ...and the last one lands without another keystroke
    assert journal.draft("new-entry")["fields"]["title"] == "Home"


def test_a_draft_survives_closing_and_reopening_a_file_journal(tmp_path, forms):
    path = tmp_path / "journal.db"
    with wb.open_journal(path) as journal:
        journal.people.add("Parent Willow", "parent")
        form = make_form(journal, forms, autosave=True)
        fill(form)
        form.save_draft_now()
        form._cancel_timer()
    # kernel restart: a new process opens the same file
    with wb.open_journal(path) as journal:
        form = make_form(journal, forms)
        assert form.draft_offered
        assert form.restore_draft() is True
        assert form.title.value == "Home visit: talking about the bruise"
        assert form.picker.selected() == ["anxious", "dread"]
        assert form.people.value == ("Parent Willow",) or list(form.people.value) == ["Parent Willow"]
        assert form.submit() is not None
        assert len(journal) == 1


def test_a_draft_naming_things_that_no_longer_exist_restores_the_rest(journal, forms):
    journal.save_draft(
        "new-entry",
        {
            "saved_at": "2026-03-14T10:00:00+00:00",
            "fields": {
                "title": "Old draft",
                "template": "a-model-since-removed",
                "people": ["Parent Willow", "Someone Removed"],
                "tags": [{"tag": "anxious", "intensity": 1}, {"tag": "no-longer-a-tag"}],
                "occurred_on": "2026-03-10",
            },
        },
    )
    form = make_form(journal, forms)
    assert form.restore_draft() is True
    assert form.title.value == "Old draft"
    assert form.date.value == dt.date(2026, 3, 10)
    assert list(form.people.value) == ["Parent Willow"]
    assert form.picker.value() == [{"tag": "anxious", "intensity": 1, "anchor": None}]
    status = text_of(form.status)
    assert "Someone Removed" in status and "no-longer-a-tag" in status and "a-model-since-removed" in status


def test_an_unreadable_draft_is_not_offered_and_a_broken_one_is_kept(journal, forms):
    journal.save_draft("new-entry", {"something": "else"})
    assert not make_form(journal, forms).draft_offered
    journal.save_draft("new-entry", {"fields": {"title": "x", "occurred_on": "not a date"}})
    form = make_form(journal, forms)
    assert form.restore_draft() is False
    assert "could not be restored" in text_of(form._labels["general"])
    assert journal.draft("new-entry") is not None


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
    assert "3 entries in your journal" in text_of(review.count)
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
    review.tag.value = "anxious"
    assert review.result_ids() == []
    assert "0 entries" in text_of(review.count)
    assert review.results.options == ()
    assert review.open_button.disabled


def test_review_labels_show_date_context_outcome_and_title(journal):
    add_entries(journal)
    review = ReviewForm(journal, autosave=False)
    assert review.results.options[-1][0] == "2026-01-10 · Court / FDAC · held · Court letter for Parent Willow"


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
    status = editor._action_rows[1][2]
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
    form._action_rows[0][1].value = "  "
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


# -- layering -----------------------------------------------------------------------------------
def test_forms_never_import_the_store_or_sqlite():
    for path in FORMS_DIR.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [("." * node.level) + (node.module or "")]
            for name in names:
                assert "sqlite3" not in name, f"{path.name} imports {name}"
                assert not name.endswith("store"), f"{path.name} imports {name}"


def test_every_important_widget_has_its_css_class(journal, forms):
    form = make_form(journal, forms, template="gibbs")
    classes = set()

    def walk(widget):
        classes.update(getattr(widget, "_dom_classes", ()))
        for child in getattr(widget, "children", ()):
            walk(child)

    walk(form.widget)
    for name in (
        "wb-title",
        "wb-save",
        "wb-stage-feelings",
        "wb-outcome",
        "wb-error-title",
        "wb-status",
        "wb-people",
        "wb-person-add",
        "wb-stance",
        "wb-feelings-before",
        "wb-tag-filter",
        "wb-draft-bar",
        "wb-passage-add",
        "wb-error-responses-feelings",
    ):
        assert name in classes, name
    form.picker.groups.selected_index = 0
    walk(form.widget)
    assert {"wb-tag-anxious", "wb-intensity-anxious", "wb-tag-info-anxious"} <= classes
    review = ReviewForm(journal, autosave=False)
    walk(review.widget)
    assert {"wb-review-search", "wb-review-open", "wb-review-results", "wb-review-trash"} <= classes


def test_switching_model_keeps_answers_for_switching_back(journal, forms):
    form = make_form(journal, forms, template="gibbs")
    form.stage_areas["feelings"].value = "Dread before the visit."
    form.template.value = "driscoll"
    assert set(form.stage_areas) == {"what", "so_what", "now_what"}
    assert "responses" in form.value() and form.value()["responses"] == {}
    assert any("wb-stages-elsewhere" in c._dom_classes for c in form.stages_box.children)
    form.title.value = "Switched"
    form.save_draft_now()
    again = make_form(journal, forms)
    again.restore_draft()
    again.template.value = "gibbs"
    assert again.stage_areas["feelings"].value == "Dread before the visit."
