"""store.py: the journal — writing, reading, history, trash, filters, search, frames,
drafts, backups, privacy of files and reprs, and a property test of exact round trips."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import stat
import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import workbook as wb
from workbook import (
    EntryNotFoundError,
    Journal,
    JournalError,
    NotFoundError,
    ValidationError,
    WorkbookError,
)
from workbook.journal.store import fts_query
from workbook.validate import DATE_MAX, DATE_MIN


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def dated(journal):
    """Five entries on known dates with known tags, contexts, outcomes and flags."""
    specs = [
        dict(
            title="One", occurred_on="2025-01-10", tags=["angry", "dread"], context="child-protection", outcome="held"
        ),
        dict(
            title="Two",
            occurred_on="2025-02-10",
            tags=["angry"],
            context="end-of-life",
            outcome="avoided",
            flagged=True,
        ),
        dict(
            title="Three",
            occurred_on="2025-03-10",
            tags=["dread", "calm"],
            context="child-protection",
            outcome="softened",
        ),
        dict(title="Four", occurred_on="2025-04-10", tags=["angry", "dread", "calm"], outcome="held", flagged=True),
        dict(title="Five", occurred_on="2025-05-10"),
    ]
    return journal, [journal.add(**s) for s in specs]


def titles(entries) -> list[str]:
    return [e.title for e in entries]


# -- add / get / update / history -------------------------------------------------------


def test_add_returns_the_stored_entry(journal):
    entry = journal.add(
        title="Home visit",
        occurred_on=dt.date(2025, 3, 14),
        context="Child protection",
        people=["Jo Example", "young person b"],
        outcome="softened",
        stance=-1,
        template="driscoll",
        responses={"what": "I raised the bruise.", "now_what": "Bring it to supervision."},
        narrative="It went quiet.",
        tags=[{"tag": "dread", "intensity": 3}],
        feelings_before=3,
        feelings_after=6,
        actions=["Ring the school"],
        flagged=True,
    )
    assert uuid.UUID(entry.id).version == 4
    assert entry.people == ("Parent A", "Young person B")
    assert entry.context == "child-protection"
    assert entry.revision == 1 and entry.deleted_at is None
    assert entry.created_at == entry.updated_at and entry.created_at.tzinfo is not None
    assert entry.word_count == len("It went quiet. I raised the bruise. Bring it to supervision.".split())
    assert len(entry.actions[0].id) == 12 and entry.actions[0].status == "open"
    assert journal.get(entry.id) == entry
    assert entry.id in journal and len(journal) == 1


def test_add_with_given_id_keeps_it(journal):
    given_id = "12345678-1234-4234-8234-123456789abc"
    assert journal.add(id=given_id.upper(), title="t").id == given_id


def test_update_keeps_the_previous_revision(journal):
    entry = journal.add(title="First", narrative="draft", tags=["angry"])
    second = journal.update(entry.id, title="Second", narrative="better")
    third = journal.update(entry.id, tags=["calm"])
    assert (second.revision, third.revision) == (2, 3)
    assert third.title == "Second" and third.narrative == "better"
    assert third.created_at == entry.created_at and third.updated_at >= second.updated_at
    history = journal.history(entry.id)
    assert [r.revision for r in history] == [1, 2, 3]
    assert history[0].entry == entry
    assert history[1].entry.title == "Second" and history[1].entry.tag_ids == ("angry",)
    assert history[-1].entry == third
    assert history[0].saved_at == entry.updated_at


def test_update_replaces_children_and_search_text(journal):
    entry = journal.add(
        title="Kitchen", narrative="bruise on the arm", people=["Parent A"], tags=["angry"], actions=["x"]
    )
    journal.update(entry.id, narrative="a calm talk", people=["Patient C"], tags=["calm"], actions=[])
    got = journal.get(entry.id)
    assert got.people == ("Patient C",) and got.tag_ids == ("calm",) and got.actions == ()
    assert journal.search("bruise") == []
    assert [e.id for e in journal.search("calm talk")] == [entry.id]
    assert journal.connection.execute("SELECT count(*) FROM entry_fts").fetchone()[0] == 1


def test_update_of_an_entry_in_the_trash_keeps_it_in_the_trash(journal):
    entry = journal.add(title="t")
    journal.delete(entry.id)
    assert journal.update(entry.id, title="edited").in_trash


# -- trash ------------------------------------------------------------------------------


def test_delete_moves_to_trash_and_restore_brings_back(journal):
    keep = journal.add(title="keep", narrative="needle")
    gone = journal.add(title="gone", narrative="needle")
    journal.delete(gone.id)
    assert titles(journal.entries()) == ["keep"]
    assert titles(journal.trash()) == ["gone"]
    assert len(journal) == 1 and gone.id in journal
    assert journal.get(gone.id).in_trash
    assert [e.id for e in journal.search("needle")] == [keep.id]
    assert list(journal.to_frame()["id"]) == [keep.id]
    assert set(journal.to_frame(include_trash=True)["id"]) == {keep.id, gone.id}
    restored = journal.restore(gone.id)
    assert not restored.in_trash and restored == gone
    assert titles(journal.entries()) == ["keep", "gone"] and journal.trash() == []
    assert len(journal.search("needle")) == 2


@pytest.mark.parametrize("method", ["get", "delete", "restore", "history"])
def test_unknown_id_raises_entry_not_found(journal, method):
    journal.add(title="t")
    with pytest.raises(EntryNotFoundError) as info:
        getattr(journal, method)("deadbeef-0000-4000-8000-000000000000")
    assert str(info.value) == "No entry with id 'deadbeef-0000-4000-8000-000000000000' in this journal."
    assert info.value.entry_id == "deadbeef-0000-4000-8000-000000000000"
    assert isinstance(info.value, NotFoundError) and isinstance(info.value, LookupError)


def test_update_unknown_id_raises_entry_not_found(journal):
    with pytest.raises(EntryNotFoundError):
        journal.update("deadbeef", title="x")


# -- id prefixes ---------------------------------------------------------------------------

IDS = (
    "aaaa0000-0000-4000-8000-000000000001",
    "aaaa1111-0000-4000-8000-000000000002",
    "bbbb0000-0000-4000-8000-000000000003",
)


@pytest.fixture
def prefixed(journal):
    for i, entry_id in enumerate(IDS):
        journal.add(id=entry_id, title=f"e{i}")
    return journal


@pytest.mark.parametrize(
    "prefix, expected",
    [("aaaa0", IDS[0]), ("aaaa1111", IDS[1]), ("bbbb", IDS[2]), (IDS[2], IDS[2]), ("bbbb0000-00", IDS[2])],
)
def test_unique_id_prefix_finds_the_entry(prefixed, prefix, expected):
    assert prefixed.get(prefix).id == expected


def test_ambiguous_prefix_is_refused(prefixed):
    with pytest.raises(WorkbookError, match="more than one entry"):
        prefixed.get("aaaa")


@pytest.mark.parametrize("prefix", ["bbb", "", "cccc", "zzzz", "%", "bbbb%", "b_bb"])
def test_short_or_unmatched_prefix_is_not_found(prefixed, prefix):
    with pytest.raises(EntryNotFoundError):
        prefixed.get(prefix)


def test_prefix_works_for_delete_and_restore(prefixed):
    prefixed.delete("bbbb")
    assert prefixed.get(IDS[2]).in_trash
    assert not prefixed.restore("bbbb0").in_trash


# -- filters -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "filters, expected",
    [
        ({}, ["One", "Two", "Three", "Four", "Five"]),
        ({"since": "2025-02-10"}, ["Two", "Three", "Four", "Five"]),
        ({"until": dt.date(2025, 2, 10)}, ["One", "Two"]),
        ({"since": "2025-02-11", "until": "2025-04-10"}, ["Three", "Four"]),
        ({"tags": "angry"}, ["One", "Two", "Four"]),
        ({"tags": ["angry", "dread"]}, ["One", "Four"]),
        ({"tags": ["Angry", "DREAD", "calm"]}, ["Four"]),
        ({"tags": ["irritated"]}, []),
        ({"context": "child-protection"}, ["One", "Three"]),
        ({"outcome": "held"}, ["One", "Four"]),
        ({"flagged": True}, ["Two", "Four"]),
        ({"flagged": False}, ["One", "Three", "Five"]),
        ({"limit": 2}, ["One", "Two"]),
        ({"limit": 0}, []),
        ({"tags": ["dread"], "outcome": "held", "since": "2025-02-01"}, ["Four"]),
    ],
)
def test_entries_filters(dated, filters, expected):
    journal, _ = dated
    assert titles(journal.entries(**filters)) == expected
    assert len(journal.entry_ids(**filters)) == len(expected)


def test_context_filter_accepts_a_label_like_add_does(dated):
    """``add(context="Child protection")`` is accepted, so the filter should be too."""
    journal, _ = dated
    assert titles(journal.entries(context="Child protection")) == ["One", "Three"]


def test_filter_with_unknown_tag_suggests(dated):
    journal, _ = dated
    with pytest.raises(ValidationError, match="Did you mean 'angry'"):
        journal.entries(tags=["angri"])


def test_filter_with_bad_date_is_refused(dated):
    journal, _ = dated
    with pytest.raises(ValidationError) as info:
        journal.entries(since="2025-02-30")
    assert info.value.field == "since"


def test_entries_are_oldest_first_then_by_creation(journal):
    b = journal.add(title="b", occurred_on="2025-01-02")
    a = journal.add(title="a", occurred_on="2025-01-01")
    c = journal.add(title="c", occurred_on="2025-01-02")
    assert [e.id for e in journal.entries()] == [a.id, b.id, c.id]


# -- search ---------------------------------------------------------------------------------


@pytest.fixture
def searchable(journal):
    j = journal
    j.add(title="Bruise on the arm", narrative="We talked in the kitchen.")
    j.add(title="Ward round", template="gibbs", responses={"feelings": "Dread before the bruise question"})
    j.add(title="Café meeting", narrative="Coffee with the family; nothing about injuries.")
    return j


@pytest.mark.parametrize(
    "query, expected",
    [
        ("bruise", {"Bruise on the arm", "Ward round"}),
        ("kitchen", {"Bruise on the arm"}),
        ("dread", {"Ward round"}),
        ("bruise kitchen", {"Bruise on the arm"}),
        ("bruise coffee", set()),
        ("BRUISE", {"Bruise on the arm", "Ward round"}),
        ("brui", {"Bruise on the arm", "Ward round"}),
        ("kitch", {"Bruise on the arm"}),
        ("cafe", {"Café meeting"}),
        ("injur", {"Café meeting"}),
        ('"bruise', {"Bruise on the arm", "Ward round"}),
        ("kitchen.", {"Bruise on the arm"}),
    ],
)
def test_search_finds_words_in_title_responses_and_narrative(searchable, query, expected):
    assert set(titles(searchable.search(query))) == expected


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '""',
        "'",
        "AND",
        "OR",
        "NOT",
        "*",
        "NEAR(",
        "NEAR(bruise kitchen)",
        "bruise AND",
        "AND bruise",
        "(",
        ")",
        "^bruise",
        "title:bruise",
        "-bruise",
        "bruise*",
        "{title}",
        "a:b:c",
        "\\",
        "%",
        "_",
        "'); DROP TABLE entries; --",
        "\u0301",
        "\ufeff",
        "😀",
        "\x00",
        "   ",
    ],
)
def test_search_syntax_characters_are_harmless(searchable, query):
    results = searchable.search(query)
    assert isinstance(results, list)
    assert len(searchable) == 3


def test_search_of_only_punctuation_finds_nothing(searchable):
    assert searchable.search('" * ( ) :') == []
    assert fts_query("  ") is None
    assert fts_query('NEAR(a "b') == '"NEAR" "a" "b"*'


def test_search_lists_newest_conversations_first(journal):
    old = journal.add(title="Grief at the hospice", occurred_on="2025-01-10")
    new = journal.add(title="Grief again", occurred_on="2026-02-01")
    mid = journal.add(title="Some grief", occurred_on="2025-06-01")
    assert [e.id for e in journal.search("grief")] == [new.id, mid.id, old.id]


def test_search_limit_keeps_the_most_recently_written(journal):
    first = journal.add(title="visit early", occurred_on="2025-01-01")
    later = [journal.add(title=f"visit {i}", occurred_on="2024-01-01") for i in range(3)]
    found = journal.search("visit", limit=3)
    assert {e.id for e in found} == {e.id for e in later}
    assert first.id not in {e.id for e in found}


def test_search_limit(journal):
    for i in range(5):
        journal.add(title=f"visit {i}")
    assert len(journal.search("visit", limit=2)) == 2


# -- frames -------------------------------------------------------------------------------

SECRETS = {
    "title": "TitleSecretZebra",
    "narrative": "NarrativeSecretOkapi",
    "response": "ResponseSecretNarwhal",
    "action": "ActionSecretQuokka",
    "feedback": "FeedbackSecretAxolotl",
}


def test_to_frame_has_one_row_per_entry_and_no_text(journal):
    ids = []
    for i in range(3):
        entry = journal.add(
            title=f"{SECRETS['title']} {i}",
            narrative=SECRETS["narrative"],
            template="gibbs",
            responses={"description": SECRETS["response"]},
            people=["Parent A"],
            tags=["angry"],
            actions=[SECRETS["action"]],
            feedback=[{"author_role": "supervisor", "text": SECRETS["feedback"]}],
            occurred_on=f"2025-01-0{i + 1}",
            feelings_before=i,
        )
        ids.append(entry.id)
    frame = journal.to_frame()
    assert len(frame) == 3 and list(frame["id"]) == ids
    assert frame["id"].is_unique
    assert not {"title", "narrative", "responses", "people", "aliases"} & set(frame.columns)
    cells = [str(v) for v in frame.astype(str).to_numpy().ravel()] + [str(c) for c in frame.columns]
    forbidden = [*SECRETS.values(), "Parent A", "Jo Example"]
    leaks = [(s, c) for c in cells for s in forbidden if s in c]
    assert leaks == []
    assert list(frame["feelings_before"]) == [0, 1, 2]
    assert list(frame["n_tags"]) == [1, 1, 1] and list(frame["n_actions"]) == [1, 1, 1]
    assert str(frame["occurred_on"].dtype).startswith("datetime64")


def test_to_frame_of_an_empty_journal(journal):
    frame = journal.to_frame()
    assert len(frame) == 0 and "id" in frame.columns


def test_tags_frame(journal):
    a = journal.add(title="a", occurred_on="2025-01-01", tags=[{"tag": "angry", "intensity": 2}, "child-protection"])
    b = journal.add(title="b", occurred_on="2025-01-02", tags=["held"])
    frame = journal.tags_frame()
    assert list(frame.columns) == ["entry_id", "occurred_on", "tag", "group", "intensity"]
    assert list(frame["entry_id"]) == [a.id, a.id, b.id]
    assert list(frame["tag"]) == ["angry", "child-protection", "held"]
    assert list(frame["group"]) == ["feelings", "context", "conversation"]
    assert frame["intensity"].iloc[0] == 2 and frame["intensity"].isna().tolist() == [False, True, True]
    journal.delete(b.id)
    assert list(journal.tags_frame()["entry_id"]) == [a.id, a.id]
    assert len(journal.tags_frame(include_trash=True)) == 3


def test_tags_frame_knows_custom_tags(journal):
    journal.add_tag("Stuck feeling", "feelings", "Going round in circles.")
    journal.add(title="t", tags=["stuck feeling"])
    frame = journal.tags_frame()
    assert list(frame["tag"]) == ["stuck-feeling"] and list(frame["group"]) == ["feelings"]


# -- actions and feedback ------------------------------------------------------------------


def test_set_action_status(journal):
    entry = journal.add(
        title="t", actions=["Ring school", {"id": "visit", "text": "Visit Friday", "due_on": "2025-06-01"}]
    )
    done = journal.set_action_status(entry.id, "visit", "done")
    assert [a.status for a in done.actions] == ["open", "done"]
    assert done.actions[1].due_on == dt.date(2025, 6, 1) and done.revision == 2
    assert journal.to_frame()["n_actions_done"].tolist() == [1]
    dropped = journal.set_action_status(entry.id, entry.actions[0].id, "dropped")
    assert [a.status for a in dropped.actions] == ["dropped", "done"]
    assert [a.id for a in dropped.actions] == [entry.actions[0].id, "visit"]


def test_set_action_status_refuses_bad_status_and_unknown_action(journal, counts):
    entry = journal.add(title="t", actions=[{"id": "a1", "text": "x"}])
    before = counts(journal)
    with pytest.raises(ValidationError) as info:
        journal.set_action_status(entry.id, "a1", "finished")
    assert info.value.field == "actions[0].status"
    with pytest.raises(ValidationError) as info:
        journal.set_action_status(entry.id, "nope", "done")
    assert info.value.field == "action_id" and "a1" in str(info.value)
    assert counts(journal) == before


def test_add_feedback(journal):
    entry = journal.add(title="t")
    first = journal.add_feedback(entry.id, "supervisor", "Notice the pause.", given_on="2025-02-01")
    second = journal.add_feedback(entry.id, "peer", "Same for me.")
    assert [(f.author_role, f.text) for f in second.feedback] == [
        ("supervisor", "Notice the pause."),
        ("peer", "Same for me."),
    ]
    assert first.feedback[0].given_on == dt.date(2025, 2, 1)
    assert second.feedback[1].given_on == dt.date.today()
    assert second.feedback[0].id == first.feedback[0].id and second.revision == 3


def test_add_feedback_refuses_bad_role(journal, counts):
    entry = journal.add(title="t")
    before = counts(journal)
    with pytest.raises(ValidationError) as info:
        journal.add_feedback(entry.id, "manager", "x")
    assert info.value.field == "feedback[0].author_role" and "supervisor" in str(info.value)
    assert counts(journal) == before


# -- custom tags ---------------------------------------------------------------------------


def test_custom_tag_is_usable_and_persists(journal_path):
    with Journal(journal_path) as j:
        tag = j.add_tag("Stuck feeling", "feelings", "Going round in circles.")
        assert (tag.id, tag.custom, tag.group) == ("stuck-feeling", True, "feelings")
        assert j.vocabulary().find("STUCK FEELING") == tag
        entry = j.add(title="t", tags=[{"tag": "Stuck feeling", "intensity": 2}])
        assert entry.tags[0].tag == "stuck-feeling"
    with Journal(journal_path) as j:
        assert j.vocabulary().find("stuck-feeling").custom
        assert j.entries(tags=["stuck-feeling"])[0].id == entry.id
        assert wb.vocabulary(j).find("stuck feeling") is not None


@pytest.mark.parametrize(
    "label, kwargs, field",
    [
        ("Angry", {}, "label"),
        ("  angry ", {}, "label"),
        ("My own", {"id": "dread"}, "label"),
        ("Held back", {"id": "held"}, "label"),
        ("Stuck", {"group": "moods"}, "group"),
        ("Stuck", {"id": "Not An Id"}, "id"),
        ("Stuck", {"id": "stuck\n"}, "id"),
        ("情", {}, "id"),
        ("", {}, "label"),
        ("two\nlines", {}, "label"),
        ("Stuck", {"definition": ""}, "definition"),
    ],
)
def test_add_tag_refusals(journal, counts, label, kwargs, field):
    args = {"group": "feelings", "definition": "A definition.", **kwargs}
    before = counts(journal)
    with pytest.raises(ValidationError) as info:
        journal.add_tag(label, args.pop("group"), args.pop("definition"), **args)
    assert info.value.field == field
    assert counts(journal) == before


def test_add_tag_clash_names_the_existing_tag(journal):
    with pytest.raises(ValidationError, match="'angry' \\(Angry\\) already exists"):
        journal.add_tag("ANGRY", "feelings", "x")


# -- drafts and settings -----------------------------------------------------------------------


def test_drafts(journal_path):
    with Journal(journal_path) as j:
        assert j.draft("new-entry") is None
        j.save_draft("new-entry", {"title": "half written", "tags": ["angry"], "when": dt.date(2025, 1, 2)})
        j.save_draft("new-entry", {"title": "more written ✍️"})
        j.save_draft("other", {"n": 1})
    with Journal(journal_path) as j:
        assert j.draft("new-entry") == {"title": "more written ✍️"}
        j.discard_draft("new-entry")
        assert j.draft("new-entry") is None and j.draft("other") == {"n": 1}
        j.discard_draft("never-saved")


def test_draft_keeps_non_json_values_as_text(journal):
    journal.save_draft("k", {"when": dt.date(2025, 1, 2)})
    assert journal.draft("k") == {"when": "2025-01-02"}


def test_too_large_draft_is_refused(journal):
    with pytest.raises(ValidationError) as info:
        journal.save_draft("k", {"text": "x" * 1_000_001})
    assert info.value.field == "draft" and journal.draft("k") is None


def test_settings(journal_path):
    with Journal(journal_path) as j:
        assert j.setting("theme") is None and j.setting("theme", "light") == "light"
        j.set_setting("theme", "dark")
        j.set_setting("recent", ["gibbs", "kolb"])
        j.set_setting("theme", {"name": "contrast"})
    with Journal(journal_path) as j:
        assert j.setting("theme") == {"name": "contrast"} and j.setting("recent") == ["gibbs", "kolb"]


# -- backup ---------------------------------------------------------------------------------


def test_backup_copy_opens_with_the_same_entries(journal_path, tmp_path):
    with Journal(journal_path) as j:
        j.people.add("Parent A", "parent", aliases=["Jo Example"])
        for i in range(3):
            j.add(title=f"e{i}", people=["Parent A"], tags=["angry"])
        j.delete(j.entries()[0].id)
        target = j.backup(tmp_path / "backups" / "copy.db")
        expected = (j.entries(), j.trash(), j.people.list())
    assert target == tmp_path / "backups" / "copy.db"
    assert mode(target) == 0o600
    with Journal(target) as copy:
        assert (copy.entries(), copy.trash(), copy.people.list()) == expected
        assert copy.connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_backup_of_an_in_memory_journal(journal, tmp_path):
    entry = journal.add(title="t")
    with Journal(journal.backup(tmp_path / "m.db")) as copy:
        assert copy.entries() == [entry]


def test_backup_refuses_to_overwrite(journal, tmp_path):
    target = tmp_path / "existing.db"
    target.write_bytes(b"precious")
    with pytest.raises(ValidationError, match="already exists") as info:
        journal.backup(target)
    assert info.value.field == "target"
    assert target.read_bytes() == b"precious"


def test_backup_into_a_folder_names_the_file(journal, tmp_path):
    journal.add(title="t")
    first = journal.backup(tmp_path)
    assert first.parent == tmp_path and first.name.startswith("journal-backup-") and first.suffix == ".db"


def test_two_backups_into_one_folder_in_quick_succession(journal, tmp_path):
    first = journal.backup(tmp_path)
    second = journal.backup(tmp_path)
    assert first != second and first.exists() and second.exists()


# -- update conflicts between two journals on one file --------------------------------------


def test_update_racing_another_journal_is_refused(journal_path):
    """Another kernel saves between this update's read and its write: nothing is saved."""
    j1, j2 = Journal(journal_path), Journal(journal_path)
    try:
        entry = j1.add(title="v1")
        real_validate = j1._validate

        def validate_then_other_kernel_saves(raw):
            clean = real_validate(raw)
            j2.update(entry.id, title="changed in the other kernel")
            return clean

        j1._validate = validate_then_other_kernel_saves
        with pytest.raises(WorkbookError, match="changed elsewhere") as info:
            j1.update(entry.id, title="my edit")
        assert not isinstance(info.value, ValidationError)
        current = j2.get(entry.id)
        assert (current.title, current.revision) == ("changed in the other kernel", 2)
        assert [r.entry.title for r in j2.history(entry.id)] == ["v1", "changed in the other kernel"]
    finally:
        j1.close()
        j2.close()


def test_update_based_on_a_stale_copy_is_refused(journal_path):
    """A form loads revision 1; another kernel saves revision 2; the form's save must not
    silently replace it. ``update`` needs the revision the edit was based on."""
    with Journal(journal_path) as j1, Journal(journal_path) as j2:
        seen = j1.get(j1.add(title="v1").id)
        j2.update(seen.id, title="changed in the other kernel")
        with pytest.raises(WorkbookError, match="changed elsewhere"):
            j1.update(seen.id, expected_revision=seen.revision, title="my edit")
        assert j2.get(seen.id).title == "changed in the other kernel"


def test_two_journals_see_each_others_writes(journal_path):
    with Journal(journal_path) as j1, Journal(journal_path) as j2:
        entry = j1.add(title="from one")
        assert j2.get(entry.id) == entry
        j2.delete(entry.id)
        assert j1.get(entry.id).in_trash


# -- reprs never show text ---------------------------------------------------------------------


def test_reprs_never_contain_text_or_aliases(journal):
    entry = journal.add(
        title=SECRETS["title"],
        narrative=SECRETS["narrative"],
        template="gibbs",
        responses={"description": SECRETS["response"]},
        actions=[SECRETS["action"]],
        feedback=[{"author_role": "tutor", "text": SECRETS["feedback"]}],
        people=["Parent A"],
        tags=["angry"],
    )
    updated = journal.update(entry.id, narrative=SECRETS["narrative"] + " more")
    person = journal.people.get("Patient C")
    shown = [
        repr(entry),
        str(entry),
        entry._repr_html_(),
        repr(updated),
        repr(journal.history(entry.id)),
        repr(person),
        str(person),
        repr(journal.people),
        repr(journal.people.list()),
        repr(journal),
        repr(journal.entries()),
    ]
    for text in shown:
        for secret in [*SECRETS.values(), "Mr Sample", "Jo Example", "Sam"]:
            assert secret not in text, f"{secret!r} shown in {text!r}"
    assert entry.id[:8] in repr(entry) and "words=" in repr(entry)
    assert "'Patient C'" in repr(person) and "2 alias" in repr(person)


# -- files are private ------------------------------------------------------------------------


@pytest.mark.parametrize("umask", [0o022, 0o002, 0o000])
def test_new_journal_file_and_folder_are_private(tmp_path, umask):
    old = os.umask(umask)
    try:
        path = tmp_path / "new-folder" / "journal.db"
        with Journal(path) as j:
            for i in range(3):
                j.add(title=f"e{i}", narrative="x" * 5000)
            j.save_draft("d", {"x": 1})
            assert mode(path.parent) == 0o700
            assert mode(path) == 0o600
            sidecars = [path.with_name(path.name + s) for s in ("-wal", "-shm")]
            assert all(p.exists() for p in sidecars)
            for p in sidecars:
                assert mode(p) & 0o177 == 0, f"{p.name} is {oct(mode(p))}"
        assert mode(path) == 0o600
    finally:
        os.umask(old)


def test_existing_readable_journal_is_tightened_to_0600(journal_path):
    Journal(journal_path).close()
    os.chmod(journal_path, 0o644)
    Journal(journal_path).close()
    assert mode(journal_path) == 0o600


def test_existing_folder_is_left_alone(tmp_path):
    folder = tmp_path / "shared"
    folder.mkdir(mode=0o755)
    os.chmod(folder, 0o755)
    Journal(folder / "journal.db").close()
    assert mode(folder) == 0o755 and mode(folder / "journal.db") == 0o600


def test_default_journal_comes_from_the_environment(_isolated_journal):
    with wb.open_journal() as j:
        assert j.path == _isolated_journal
        j.add(title="t")
    assert _isolated_journal.exists()


def test_a_folder_is_not_a_journal(tmp_path):
    with pytest.raises(JournalError, match="is a folder"):
        Journal(tmp_path)


def test_closed_journal_says_so(journal_path):
    j = Journal(journal_path)
    j.close()
    j.close()  # twice is fine
    with pytest.raises(JournalError, match="closed"):
        j.add(title="t")
    assert "closed" in repr(j)


def test_connection_pragmas(journal_path):
    with Journal(journal_path) as j:
        conn = j.connection
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000


def test_metadata_and_text_are_kept_apart(journal):
    journal.add(title="t", narrative="n")
    meta_columns = {r[1] for r in journal.connection.execute("PRAGMA table_info(entries)")}
    assert not {"title", "narrative", "responses"} & meta_columns


def test_a_failed_write_is_rolled_back(journal, counts, monkeypatch):
    journal.add(title="before")
    before = counts(journal)

    def boom(*args, **kwargs):
        raise sqlite3.OperationalError("disk full (simulated)")

    monkeypatch.setattr(journal.people, "id_for", boom)
    with pytest.raises(sqlite3.OperationalError):
        journal.add(title="half", people=["Parent A"], narrative="some text")
    assert counts(journal) == before
    assert not journal.connection.in_transaction
    monkeypatch.undo()
    assert journal.add(title="after", people=["Parent A"]).people == ("Parent A",)


# -- property: any valid entry round-trips exactly ------------------------------------------

_TEXT = st.characters(blacklist_categories=("Cs", "Cc"))
_LONG_TEXT = st.text(st.one_of(_TEXT, st.sampled_from("\t\n\r")), max_size=200)
_TITLE = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=200).filter(
    str.strip
)
_ITEM_ID = st.from_regex(r"[A-Za-z0-9_-]{1,16}", fullmatch=True)
_DATES = st.dates(min_value=DATE_MIN, max_value=DATE_MAX)


@st.composite
def entry_fields(draw, vocabulary, templates, people):
    """(fields for ``add``, what ``Entry.fields()`` must then return)."""
    fields: dict = {}
    expected: dict = {}

    def opt(key, strategy, default, to_expected=lambda v: v):
        if draw(st.booleans()):
            value = draw(strategy)
            fields[key] = value
            expected[key] = default if value is None else to_expected(value)
        else:
            expected[key] = default

    fields["title"] = expected["title"] = draw(_TITLE)
    occurred = draw(_DATES)
    fields["occurred_on"] = draw(st.sampled_from([occurred, occurred.isoformat()]))
    expected["occurred_on"] = occurred.isoformat()

    contexts = vocabulary.in_group("context")
    context = draw(st.none() | st.sampled_from(contexts))
    if context is not None:
        fields["context"] = draw(st.sampled_from([context.id, context.label, context.label.upper()]))
    expected["context"] = context.id if context else None

    chosen = draw(st.lists(st.sampled_from(people), unique_by=lambda p: p[0], max_size=3))
    if chosen or draw(st.booleans()):
        fields["people"] = [draw(st.sampled_from([p[0], p[0].upper(), *p[1]])) for p in chosen]
    expected["people"] = [p[0] for p in chosen]

    opt("outcome", st.none() | st.sampled_from(["held", "avoided", "softened"]), None)
    opt("stance", st.none() | st.integers(-2, 2), None)
    opt("feelings_before", st.none() | st.integers(0, 10), None)
    opt("feelings_after", st.none() | st.integers(0, 10), None)
    opt("flagged", st.booleans(), False)
    opt("narrative", st.none() | _LONG_TEXT, "")

    template = draw(st.none() | st.sampled_from(sorted(templates)))
    responses = {}
    if template is not None:
        fields["template"] = template
        stages = draw(st.lists(st.sampled_from(templates[template].stage_ids), unique=True))
        responses = {stage: draw(_LONG_TEXT) for stage in stages}
        if responses or draw(st.booleans()):
            fields["responses"] = responses
    expected["template"] = template
    expected["responses"] = responses

    texts = {"narrative": expected["narrative"], **{f"responses.{k}": v for k, v in responses.items()}}
    texts = {k: v for k, v in texts.items() if v}
    uses, seen = [], set()
    for _ in range(draw(st.integers(0, 5))):
        tag = draw(st.sampled_from(vocabulary.tags))
        intensity = draw(st.none() | st.integers(1, 3)) if vocabulary.group(tag.group).intensity else None
        anchor = None
        if texts and draw(st.booleans()):
            target = draw(st.sampled_from(sorted(texts)))
            start = draw(st.integers(0, len(texts[target]) - 1))
            end = draw(st.integers(start + 1, len(texts[target])))
            anchor = {"field": target, "start": start, "end": end}
        key = (tag.id, intensity, None if anchor is None else tuple(anchor.values()))
        if key in seen:
            continue
        seen.add(key)
        name = draw(st.sampled_from([tag.id, tag.label, tag.label.lower()]))
        raw = draw(st.sampled_from(["name", "mapping"])) if intensity is None and anchor is None else "mapping"
        uses.append(name if raw == "name" else {"tag": name, "intensity": intensity, "anchor": anchor})
        expected.setdefault("tags", []).append({"tag": tag.id, "intensity": intensity, "anchor": anchor})
    if uses or draw(st.booleans()):
        fields["tags"] = uses
    expected.setdefault("tags", [])

    actions = draw(
        st.lists(
            st.fixed_dictionaries(
                {"id": _ITEM_ID, "text": _LONG_TEXT.filter(str.strip)},
                optional={"status": st.sampled_from(["open", "done", "dropped"]), "due_on": st.none() | _DATES},
            ),
            unique_by=lambda a: a["id"],
            max_size=3,
        )
    )
    if actions or draw(st.booleans()):
        fields["actions"] = actions
    expected["actions"] = [
        {
            "id": a["id"],
            "text": a["text"],
            "status": a.get("status", "open"),
            "due_on": a["due_on"].isoformat() if a.get("due_on") else None,
        }
        for a in actions
    ]

    feedback = draw(
        st.lists(
            st.fixed_dictionaries(
                {
                    "id": _ITEM_ID,
                    "author_role": st.sampled_from(["supervisor", "practice educator", "tutor", "peer", "self"]),
                    "given_on": _DATES,
                    "text": _LONG_TEXT.filter(str.strip),
                }
            ),
            unique_by=lambda f: f["id"],
            max_size=2,
        )
    )
    if feedback:
        fields["feedback"] = feedback
    expected["feedback"] = [{**f, "given_on": f["given_on"].isoformat()} for f in feedback]
    return fields, expected


@settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_any_valid_entry_round_trips_exactly(journal, data):
    people = [(p.pseudonym, p.aliases) for p in journal.people.list()]
    fields, expected = data.draw(entry_fields(journal.vocabulary(), journal.templates(), people))
    entry = journal.add(**fields)
    assert entry.fields() == expected
    assert journal.get(entry.id) == entry
    assert journal.history(entry.id)[-1].entry == entry
