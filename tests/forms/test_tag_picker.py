"""The tag picker: groups, definitions on demand, the filter, suggestions from the lexicon,
and tags attached to passages."""

from __future__ import annotations

from form_helpers import fill, make_form, text_of

import workbook as wb
from workbook.content.lexicon import Lexicon
from workbook.forms import TagPicker, find_passage


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
    assert suggested["anxious"].words == ("I was worried", "on edge")
    assert suggested["anxious"].field == "responses.feelings"
    shown = " ".join(text_of(row.children[2]) for row in form.picker.suggestion_box.children[1:])
    assert "“I was worried”, “on edge” in Feelings" in shown
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


def test_a_chosen_context_or_outcome_stops_their_tags_being_suggested(journal, forms):
    form = make_form(journal, forms)
    form.narrative.value = "We talked about the hospice. I broke the news plainly."
    assert {"end-of-life", "held", "directness"} <= {s.tag for s in form.picker.suggestions}
    form.context.value = "end-of-life"
    form.outcome.value = "held"
    suggested = {s.tag for s in form.picker.suggestions}
    assert "end-of-life" not in suggested
    assert "held" not in suggested
    assert "directness" in suggested
    form.outcome.value = ""
    assert "held" in {s.tag for s in form.picker.suggestions}


def test_a_caveat_is_shown_beside_its_suggestion(journal, forms):
    form = make_form(journal, forms)
    form.narrative.value = "She said it only happened once and played it down."
    shown = " ".join(text_of(row.children[2]) for row in form.picker.suggestion_box.children[1:])
    assert "Denial or minimising" in shown
    assert "the concern may be mistaken" in shown


def test_a_broken_lexicon_turns_suggestions_off_with_a_note(journal, tmp_path, monkeypatch):
    import workbook.forms.entry.suggestions as tp

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
