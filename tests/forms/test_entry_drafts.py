"""Drafts of the entry form: kept in the journal as the user types, offered by the next
form, restored or discarded."""

from __future__ import annotations

import datetime as dt
import time

from form_helpers import fill, make_form, text_of

import workbook as wb


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
        assert (form.outcome.value, form.stance.value, form.stance_both.value) == ("softened", 1, True)
        assert form.depth.value == "dialogic"
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
