"""The entry form, driven without a browser: fill it in, save, and read the journal; refusals
shown beside the field they are about; people added on the spot; its widgets and layering."""

from __future__ import annotations

import ast
import datetime as dt

import pytest
from form_helpers import DAY, FORMS_DIR, fill, make_form, text_of

import workbook as wb
from workbook.errors import ValidationError
from workbook.forms import EntryForm, ReviewForm


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
    assert saved.stance == 1 and saved.stance_both is True
    assert saved.depth == "dialogic"
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
    assert form.stance_both.value is False and form.depth.value == ""
    assert form.date.value == DAY
    assert journal.draft("new-entry") is None


def test_unrecorded_values_are_saved_as_none(journal, forms):
    form = make_form(journal, forms)
    form.title.value = "Quick note"
    form.stance.slider.value = 2
    form.stance.none.value = True  # changed my mind: not recorded
    entry = form.submit()
    assert entry.stance is None and entry.outcome is None and entry.feelings_before is None
    assert entry.stance_both is False and entry.depth is None
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


# -- layering -----------------------------------------------------------------------------------
def test_forms_never_import_the_store_or_sqlite():
    for path in FORMS_DIR.rglob("*.py"):
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
        "wb-stance-both",
        "wb-depth",
        "wb-depth-descriptor",
        "wb-error-stance_both",
        "wb-error-depth",
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


# -- every entry field is covered -----------------------------------------------------------------
def test_every_entry_field_has_a_label_and_the_form_writes_all_but_feedback(journal, forms):
    """A new field of an entry must be given a label here (and a widget, or a reason why not)."""
    from workbook.forms.entry import FIELD_LABELS
    from workbook.models import ENTRY_FIELDS

    written = set(ENTRY_FIELDS) - {"id"}
    assert set(FIELD_LABELS) == written
    form = make_form(journal, forms, template="gibbs")
    assert set(form.value()) == written - {"feedback"}  # feedback is given by others, never in this form
    # each field the form writes has its own error label, except those shown per part
    own_label = written - {"feedback", "tags", "responses"}  # tags: the picker; responses: each stage
    assert own_label <= set(form._labels)
    assert {f"responses.{sid}" for sid in form.stage_areas} <= set(form._labels)


# -- faults ---------------------------------------------------------------------------------------
def test_a_fault_in_a_button_says_the_writing_is_safe_and_is_not_swallowed(journal, forms):
    form = make_form(journal, forms)
    form.title.value = "Kept"

    def broken():
        raise RuntimeError("a bug")

    with pytest.raises(RuntimeError, match="a bug"):
        form._guard(broken)(None)
    assert "Something went wrong" in text_of(form._labels["general"])
    assert "Your writing is still here" in text_of(form._labels["general"])
    assert form.title.value == "Kept"


def test_other_views_let_a_fault_through_to_their_log(journal):
    review = ReviewForm(journal, autosave=False)

    def broken():
        raise RuntimeError("a bug")

    with pytest.raises(RuntimeError, match="a bug"):
        review._guard(broken)(None)
    assert review.error.value == ""
