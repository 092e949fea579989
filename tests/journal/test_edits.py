"""journal/edits.py: an edit relative to an entry becomes the whole values Journal.update takes,
without reading or writing the journal."""

from __future__ import annotations

import datetime as dt

import pytest

from workbook.content.vocab import load_vocabulary
from workbook.errors import ValidationError
from workbook.journal.edits import (
    CLEARABLE,
    TemplateChangeError,
    added_feedback,
    cleared,
    merge,
    merge_actions,
    merge_responses,
    merge_tags,
)
from workbook.models import Action, Entry, Feedback, TagUse


@pytest.fixture
def entry() -> Entry:
    return Entry(
        id="11111111-0000-4000-8000-000000000000",
        occurred_on=dt.date(2026, 3, 14),
        title="Home visit",
        context="child-protection",
        people=("Parent A",),
        outcome="softened",
        stance=1,
        template="driscoll",
        responses={"what": "First", "so_what": "Second"},
        narrative="She cried.",
        tags=(TagUse("anxious", 2), TagUse("guilty")),
        feelings_before=7,
        feelings_after=4,
        actions=(
            Action("a1b2c3d4", "Call back"),
            Action("a1ffffff", "Ask supervisor"),
            Action("b0000000", "Write up", status="done"),
        ),
        feedback=(Feedback("f1", "supervisor", dt.date(2026, 3, 20), "Well held."),),
    )


@pytest.fixture(scope="module")
def vocabulary():
    return load_vocabulary()


# -- clearing -----------------------------------------------------------------------------------
def test_clearing_gives_what_a_new_entry_has():
    values = cleared(CLEARABLE)
    assert values == {
        "context": None,
        "outcome": None,
        "stance": None,
        "stance_both": False,
        "depth": None,
        "template": None,
        "narrative": "",
        "people": [],
        "tags": [],
        "feelings_before": None,
        "feelings_after": None,
        "pcf": [],
    }


@pytest.mark.parametrize("name", ["title", "occurred_on", "id", "actions", "feedback", "nonsense"])
def test_required_and_followed_up_fields_cannot_be_cleared(name):
    with pytest.raises(ValidationError) as info:
        cleared([name])
    assert info.value.field == name and "cannot be cleared" in info.value.reason


# -- responses ----------------------------------------------------------------------------------
def test_responses_merge_by_stage_while_the_template_stays(entry):
    assert merge_responses(entry, "driscoll", {"now_what": "Third", "what": ""}) == {
        "so_what": "Second",
        "now_what": "Third",
    }
    assert merge_responses(entry, "driscoll", None) is None  # nothing asked, nothing changes


def test_a_new_template_starts_from_no_answers(entry):
    assert merge_responses(entry, "gibbs", {"description": "We met"}) == {"description": "We met"}


def test_clearing_the_template_clears_its_answers(entry):
    assert merge_responses(entry, None, None) == {}


def test_changing_the_template_without_new_answers_is_refused(entry):
    with pytest.raises(TemplateChangeError) as info:
        merge_responses(entry, "gibbs", None)
    assert isinstance(info.value, ValidationError) and info.value.field == "responses"
    assert "First" not in str(info.value)  # journal text never goes into an error


def test_changing_the_template_of_an_entry_without_answers_is_fine(entry):
    bare = Entry(id=entry.id, occurred_on=entry.occurred_on, title="x", template="driscoll")
    assert merge_responses(bare, "gibbs", None) is None


# -- tags -----------------------------------------------------------------------------------------
def test_tags_are_removed_at_any_intensity_and_by_label_then_added(entry, vocabulary):
    tags = [t.to_dict() for t in entry.tags]
    merged = merge_tags(tags, remove=["Anxious"], add=[{"tag": "relieved", "intensity": 1}], vocabulary=vocabulary)
    assert [(t["tag"], t.get("intensity")) for t in merged] == [("guilty", None), ("relieved", 1)]
    assert tags[0]["tag"] == "anxious"  # the input is not changed


def test_tags_given_as_plain_names_count_as_uses():
    assert merge_tags(["anxious", "guilty"], remove=["guilty"]) == [{"tag": "anxious"}]


def test_removing_a_tag_the_entry_lacks_is_refused(entry, vocabulary):
    with pytest.raises(ValidationError) as info:
        merge_tags([t.to_dict() for t in entry.tags], remove=["relieved"], vocabulary=vocabulary)
    assert info.value.field == "remove_tags" and "no tag relieved" in info.value.reason


def test_removing_an_unknown_tag_suggests_one(entry, vocabulary):
    with pytest.raises(ValidationError) as info:
        merge_tags([t.to_dict() for t in entry.tags], remove=["anxius"], vocabulary=vocabulary)
    assert info.value.field == "remove_tags" and "Did you mean 'anxious'" in info.value.reason


# -- action points --------------------------------------------------------------------------------
def test_action_status_by_id_or_a_unique_start_of_one(entry):
    merged = merge_actions(entry.actions, statuses=[("a1b2", " Done "), ("b0000000", "open")], add=["New one"])
    assert [(a.get("id"), a.get("status"), a["text"]) for a in merged] == [
        ("a1b2c3d4", "done", "Call back"),
        ("a1ffffff", "open", "Ask supervisor"),
        ("b0000000", "open", "Write up"),
        (None, None, "New one"),
    ]


@pytest.mark.parametrize(
    "action_id, fragment",
    [("nope", "no action point 'nope'"), ("a1", "more than one action point starts with 'a1'"), ("", "no action")],
)
def test_an_unknown_or_ambiguous_action_id_is_refused(entry, action_id, fragment):
    with pytest.raises(ValidationError) as info:
        merge_actions(entry.actions, statuses=[(action_id, "done")])
    assert info.value.field == "action_id" and fragment in info.value.reason
    assert "a1b2c3d4, a1ffffff, b0000000" in info.value.reason
    assert "Call back" not in str(info.value)


def test_an_exact_id_wins_over_a_longer_one_it_starts():
    actions = (Action("abc", "Short"), Action("abcdef", "Long"))
    assert [a["status"] for a in merge_actions(actions, statuses=[("abc", "dropped")])] == ["dropped", "open"]


def test_added_feedback_keeps_the_earlier_comments(entry):
    feedback = added_feedback(entry, "peer", "Good question.", "2026-04-01")
    assert feedback[0] == entry.feedback[0].to_dict()
    assert feedback[1] == {"author_role": "peer", "text": "Good question.", "id": None, "given_on": "2026-04-01"}
    assert "given_on" not in added_feedback(entry, "peer", "x")[1]


# -- one edit -------------------------------------------------------------------------------------------
def test_merge_returns_only_what_changes(entry, vocabulary):
    values = merge(
        entry,
        {"title": "Renamed", "outcome": "held"},
        responses={"what": "Changed"},
        add_tags=[{"tag": "relieved"}],
        remove_tags=["guilty"],
        add_actions=["Follow up"],
        statuses=[("b0", "dropped")],
        clear=["stance", "people"],
        vocabulary=vocabulary,
    )
    assert set(values) == {"title", "outcome", "responses", "tags", "actions", "stance", "people"}
    assert values["responses"] == {"what": "Changed", "so_what": "Second"}
    assert [t["tag"] for t in values["tags"]] == ["anxious", "relieved"]
    assert [a["text"] for a in values["actions"]][-1] == "Follow up" and values["actions"][2]["status"] == "dropped"
    assert (values["stance"], values["people"]) == (None, [])
    assert merge(entry, {"title": "Only this"}) == {"title": "Only this"}


def test_merge_starts_tag_changes_from_new_tags_if_given(entry, vocabulary):
    values = merge(entry, {"tags": [{"tag": "tired"}]}, add_tags=[{"tag": "relieved"}], vocabulary=vocabulary)
    assert [t["tag"] for t in values["tags"]] == ["tired", "relieved"]
    values = merge(entry, add_tags=[{"tag": "relieved"}], clear=["tags"])
    assert values["tags"] == [{"tag": "relieved"}]


def test_merge_with_a_template_change(entry):
    assert merge(entry, clear=["template"]) == {"template": None, "responses": {}}
    assert merge(entry, {"template": "gibbs"}, responses={"description": "x"})["responses"] == {"description": "x"}
    assert merge(entry, {"template": "gibbs", "responses": {"description": "y"}})["responses"] == {"description": "y"}
    with pytest.raises(TemplateChangeError):
        merge(entry, {"template": "gibbs"})


def test_merge_refuses_a_field_both_given_and_cleared(entry):
    with pytest.raises(ValidationError) as info:
        merge(entry, {"outcome": "held"}, clear=["outcome"])
    assert info.value.field == "outcome" and "cleared" in info.value.reason


def test_merge_results_are_accepted_by_the_journal(journal):
    """What merge returns is what Journal.update takes: the edit lands as one new revision."""
    saved = journal.add(
        title="x", template="driscoll", responses={"what": "a"}, tags=["anxious"], actions=["Call"], people=["Parent A"]
    )
    values = merge(
        saved,
        responses={"so_what": "b"},
        remove_tags=["anxious"],
        add_tags=[{"tag": "guilty", "intensity": 1}],
        statuses=[(saved.actions[0].id[:4], "done")],
        clear=["people"],
        vocabulary=journal.vocabulary(),
    )
    updated = journal.update(saved.id, **values)
    assert updated.revision == 2
    assert updated.responses == {"what": "a", "so_what": "b"}
    assert [(t.tag, t.intensity) for t in updated.tags] == [("guilty", 1)]
    assert updated.actions[0].status == "done" and updated.people == ()
