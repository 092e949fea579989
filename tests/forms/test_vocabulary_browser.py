"""The vocabulary browser: five groups with definitions and references, a filter box, and
a row to add your own tag (errors beside the field, nothing saved when refused)."""

from __future__ import annotations

import html
import re

import pytest

import workbook as wb
from workbook.forms.tag_browser import DEFAULT_REFERENCE, VocabularyBrowser

GROUPS = ("feelings", "other-person", "relational", "conversation", "context")


def text_of(label) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", label.value)).strip()


@pytest.fixture
def journal():
    j = wb.open_journal(":memory:")
    yield j
    j.close()


@pytest.fixture
def browser(journal):
    return VocabularyBrowser(journal)


def custom_tags(journal) -> int:
    return journal.connection.execute("SELECT count(*) FROM custom_tags").fetchone()[0]


# -- browsing ---------------------------------------------------------------------------------
def test_the_five_groups_are_shown_with_labels_definitions_and_references(browser, journal):
    vocabulary = journal.vocabulary()
    assert list(browser.group_views) == list(GROUPS)
    for group in vocabulary.groups:
        view = browser.group_views[group.id]
        assert f"wb-vocab-group-{group.id}" in view._dom_classes
        shown = text_of(view)
        assert group.label in shown
        for tag in vocabulary.in_group(group.id):
            assert tag.label in shown and tag.definition in shown and tag.reference in shown
    containment = journal.vocabulary().find("containment-given") or journal.vocabulary().find("containment")
    assert containment is not None and "Bion" in text_of(browser.group_views[containment.group])


def test_groups_start_closed_and_the_count_says_how_many_tags(browser, journal):
    assert all("<details open" not in v.value for v in browser.group_views.values())
    assert f"{len(journal.vocabulary())} tags in 5 groups" in text_of(browser.count)


def test_the_filter_narrows_every_group_and_opens_those_with_matches(browser):
    browser.filter.value = "contain"
    found = browser.matches()
    assert found["relational"] and not found["feelings"]
    assert all("contain" in (t.label + t.definition + t.reference + t.id).casefold() for t in found["relational"])
    relational = browser.group_views["relational"].value
    assert relational.startswith("<details open")
    assert "<details open" not in browser.group_views["feelings"].value
    assert "No tag in this group matches" in text_of(browser.group_views["feelings"])
    n = sum(len(tags) for tags in found.values())
    assert text_of(browser.count).startswith(f"{n} tag")
    assert "match ‘contain’" in text_of(browser.count)


def test_every_word_of_the_filter_must_match_in_any_case(browser):
    browser.filter.value = "MENZIES anxiety"
    found = [t.id for tags in browser.matches().values() for t in tags]
    assert found and all(
        "menzies" in (t.reference + t.definition).casefold() for tags in browser.matches().values() for t in tags
    )
    browser.filter.value = "no tag says this zzzz"
    assert sum(len(tags) for tags in browser.matches().values()) == 0
    assert text_of(browser.count).startswith("0 tags")


def test_clearing_the_filter_shows_everything_again(browser, journal):
    browser.filter.value = "dread"
    browser.filter.value = ""
    assert sum(len(t) for t in browser.matches().values()) == len(journal.vocabulary())


# -- adding a tag ------------------------------------------------------------------------------
def test_a_new_tag_is_saved_shown_and_the_fields_cleared(browser, journal):
    added = []
    browser.on_added = added.append
    browser.new_label.value = "Stuck"
    browser.new_group.value = "feelings"
    browser.new_definition.value = "Unable to see a way forward with the family."
    browser.new_reference.value = ""
    browser.save_button.click()
    tag = journal.vocabulary().find("stuck")
    assert tag is not None and tag.custom and tag.group == "feelings"
    assert tag.reference == DEFAULT_REFERENCE
    assert added == [tag]
    assert "Added ‘Stuck’ to My feelings" in text_of(browser.status)
    assert (browser.new_label.value, browser.new_definition.value, browser.new_reference.value) == ("", "", "")
    feelings = browser.group_views["feelings"]
    assert "Stuck" in text_of(feelings) and "(your own)" in text_of(feelings)
    assert feelings.value.startswith("<details open")  # its group opens to show it
    assert browser.errors == {}


def test_a_new_tag_is_offered_by_forms_opened_afterwards(browser, journal):
    browser.add_tag("Pulled both ways", "relational", "Caught between the parent's and the child's needs.", "Ruch 2005")
    form = wb.new_entry_form(journal)
    try:
        form.picker.select("pulled-both-ways")
        assert form.picker.selected() == ["pulled-both-ways"]
    finally:
        form.close()


def test_markup_in_a_new_tag_is_escaped(browser, journal):
    browser.add_tag("<b>Bold</b>", "feelings", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>")
    shown = browser.group_views["feelings"].value
    assert "<script>" not in shown and "<img" not in shown and "<b>Bold" not in shown
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in shown
    assert "&lt;b&gt;Bold&lt;/b&gt;" in browser.status.value and "<b>Bold" not in browser.status.value


@pytest.mark.parametrize(
    "label, group, definition, reference, field, words",
    [
        ("", "feelings", "A definition.", "", "label", "required"),
        ("   ", "feelings", "A definition.", "", "label", "required"),
        ("Anxious", "feelings", "A definition.", "", "label", "already exists"),
        ("!!!", "feelings", "A definition.", "", "label", "letter or digit"),
        ("x" * 61, "feelings", "A definition.", "", "label", "at most 60"),
        ("Stuck", "no-such-group", "A definition.", "", "group", "one of"),
        ("Stuck", "feelings", "", "", "definition", "required"),
        ("Stuck", "feelings", "A definition.", "r" * 501, "reference", "at most 500"),
    ],
)
def test_a_refused_tag_shows_the_error_beside_its_field_and_saves_nothing(
    browser, journal, counts, label, group, definition, reference, field, words
):
    before = counts(journal)
    assert browser.add_tag(label, group, definition, reference) is None
    assert counts(journal) == before
    assert set(browser.errors) == {field}
    assert words in browser.errors[field]
    beside = browser.labels[field]
    assert f"wb-error-newtag-{field}" in beside._dom_classes
    assert words in text_of(beside)
    assert all(text_of(lbl) == "" for name, lbl in browser.labels.items() if name != field)
    assert "Not added" in text_of(browser.status)


def test_a_refused_tag_from_the_fields_keeps_what_was_typed(browser, journal):
    browser.new_label.value = "Stuck"
    browser.new_definition.value = ""
    browser.save_button.click()
    assert custom_tags(journal) == 0
    assert browser.new_label.value == "Stuck"
    assert "required" in text_of(browser.labels["definition"])
    browser.new_definition.value = "Unable to move."
    browser.save_button.click()
    assert custom_tags(journal) == 1
    assert text_of(browser.labels["definition"]) == ""  # the old error is cleared


def test_other_journal_errors_show_in_the_general_area(browser, journal):
    journal.close()
    assert browser.add_tag("Stuck", "feelings", "A definition.") is None
    assert "closed" in text_of(browser.labels["general"])


def test_every_documented_css_class_is_present(browser):
    classes = set()

    def walk(widget):
        classes.update(getattr(widget, "_dom_classes", ()))
        for child in getattr(widget, "children", ()):
            walk(child)

    walk(browser.widget)
    expected = {
        "wb-vocab",
        "wb-vocab-filter",
        "wb-vocab-count",
        "wb-newtag-label",
        "wb-newtag-group",
        "wb-newtag-definition",
        "wb-newtag-reference",
        "wb-newtag-save",
        "wb-newtag-status",
        *(f"wb-vocab-group-{g}" for g in GROUPS),
        *(f"wb-error-newtag-{f}" for f in ("label", "group", "definition", "reference", "general")),
    }
    assert expected <= classes
