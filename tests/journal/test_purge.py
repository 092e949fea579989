"""Purging for good: a text or a trashed entry is gone from every byte of the journal file, its
-wal and -shm files and any backup made afterwards, while everything else reads back intact."""

from __future__ import annotations

import dataclasses
import re
import sqlite3
import unicodedata
from pathlib import Path

import pytest

import workbook as wb
from workbook.errors import ConflictError, EntryNotFoundError, JournalError, ValidationError, WorkbookError
from workbook.journal import connection, purge
from workbook.journal.doctor import run_checks
from workbook.models import CHILD_FIELDS, Action, Anchor, Feedback, TagUse

PEOPLE = (("Patient C", "patient", ("Mr Sample",)), ("Parent A", "parent", ()))
SECRET = "Zephyrinequill"  # a made-up name, in every field of the entry below
OTHER = "Marigoldpastures"  # a word that must survive the purge


# -- finding a text in raw bytes, in every encoding SQLite or a tool could use ----------------------
def spellings(word: str) -> set[str]:
    """Every casing of ``word``, composed and decomposed, and as the search index keeps its
    words (lower case, accents removed)."""
    casings = {word, word.lower(), word.upper(), word.title(), word.casefold(), word.swapcase()}
    forms = {unicodedata.normalize(form, c) for c in casings for form in ("NFC", "NFD")}
    bare = "".join(ch for ch in unicodedata.normalize("NFD", word.lower()) if not unicodedata.combining(ch))
    return forms | {bare}


def found_in(path: Path, word: str) -> list[str]:
    """The encodings in which ``word`` (any casing) occurs in the bytes of ``path``."""
    data = path.read_bytes()
    hits = []
    for spelling in spellings(word):
        for encoding in ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le"):
            if spelling.encode(encoding) in data:
                hits.append(f"{spelling!r} as {encoding}")
    if re.search(re.escape(word.encode()), data, re.IGNORECASE):  # any mix of ASCII casings
        hits.append("mixed case, utf-8")
    return hits


def files_of(path: Path) -> list[Path]:
    """The journal and its -wal and -shm files, if present."""
    return [p for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")) if p.exists()]


# -- a journal holding the secret everywhere ----------------------------------------------------
def secret_entry_fields(secret: str = SECRET) -> dict:
    """Fields putting ``secret`` in every text of an entry, with a tag on a passage after it."""
    narrative = f"We sat with {secret} in the garden. {OTHER} were mentioned. {secret.upper()} cried."
    start = narrative.index("garden")
    return dict(
        occurred_on="2025-06-01",
        title=f"Visit with {secret}",
        context="end-of-life",
        people=["Patient C"],
        outcome="held",
        template="gibbs",
        responses={"description": f"{secret.lower()} at the door", "feelings": "Tight chest, no names"},
        narrative=narrative,
        tags=[
            {"tag": "anxious", "intensity": 2, "anchor": {"field": "narrative", "start": start, "end": start + 6}},
            {"tag": "relieved", "anchor": {"field": "responses.description", "start": 0, "end": len(secret) + 3}},
            "softened",
        ],
        actions=[f"Ring {secret}'s daughter", "Book supervision"],
        feedback=[{"author_role": "supervisor", "text": f"Kind with {secret}.", "given_on": "2025-06-05"}],
    )


def insecure(j: wb.Journal) -> wb.Journal:
    """Deleted bytes left in place, as most builds of SQLite do (some zero them by default)."""
    j.connection.execute("PRAGMA secure_delete = OFF")
    return j


@pytest.fixture
def filled(tmp_path):
    """A file journal: the secret in every field, in earlier versions (three edits), in a draft,
    and in a discarded draft (so in free pages); an entry without it; a backup made before."""
    path = tmp_path / "private" / "journal.db"
    with wb.open_journal(path) as j:
        insecure(j)
        for pseudonym, role, aliases in PEOPLE:
            j.people.add(pseudonym, role, aliases=aliases)
        entry = j.add(**secret_entry_fields())
        j.update(entry.id, outcome="softened")
        j.update(entry.id, narrative=f"Rewritten: {SECRET} again, and {OTHER}.")
        j.update(entry.id, narrative=secret_entry_fields()["narrative"])
        clean = j.add(title=f"Team meeting about {OTHER}", narrative="Nothing private here.", tags=["anxious"])
        j.save_draft("new-entry", {"title": f"Draft on {SECRET}", "responses": {"feelings": f"{SECRET}!"}})
        j.save_draft("scratch", {"text": f"Long notes about {SECRET}. " * 5_000})
        j.discard_draft("scratch")
        assert [e.id for e in j.search(SECRET)] == [entry.id]  # the search index holds it
        before = j.backup(tmp_path / "private" / "journal-backup-before.db")
    return path, entry.id, clean.id, before


def test_the_purged_text_is_in_no_byte_of_the_journal_its_wal_shm_or_a_later_backup(filled):
    path, entry_id, _, before = filled
    assert found_in(path, SECRET) or found_in(Path(f"{path}-wal"), SECRET)  # the check can see it
    with wb.open_journal(path) as j:
        report = j.purge_text(SECRET.lower())
        after = j.backup(path.parent / "journal-backup-after.db")
        assert j.search(SECRET) == []
    assert report.cleaned and report.wal_cleared
    assert report.entries == 1 and report.revisions == 3 and report.drafts == 1 and report.index == 1
    for file in [*files_of(path), after]:
        assert found_in(file, SECRET) == [], file.name
    assert found_in(before, SECRET)  # a backup made before still holds it, and the report says so
    assert report.backups == (before,)


def test_the_count_of_occurrences_is_every_field_of_the_current_entry(filled):
    path, *_ = filled
    with wb.open_journal(path) as j:
        # the title once, the narrative twice, a response, an action point and a comment once each
        assert j.purge_text(SECRET, dry_run=True).occurrences == 6


def test_entries_read_back_with_the_marker_and_everything_else_intact(filled):
    path, entry_id, clean_id, _ = filled
    with wb.open_journal(path) as j:
        old, untouched = j.get(entry_id), j.get(clean_id)
        j.purge_text(SECRET)
        new = j.get(entry_id)
        assert j.get(clean_id) == untouched
        assert new.title == "Visit with [removed]"
        assert new.narrative == f"We sat with [removed] in the garden. {OTHER} were mentioned. [removed] cried."
        assert new.responses == {"description": "[removed] at the door", "feelings": "Tight chest, no names"}
        assert [a.text for a in new.actions] == ["Ring [removed]'s daughter", "Book supervision"]
        assert [f.text for f in new.feedback] == ["Kind with [removed]."]
        assert [a.id for a in new.actions] == [a.id for a in old.actions]
        assert (new.people, new.outcome, new.context, new.tag_ids) == (
            old.people,
            old.outcome,
            old.context,
            old.tag_ids,
        )
        # the tags stay on their passages: the offsets moved with the text
        on = {t.tag: t.anchor for t in new.tags if t.anchor}
        assert new.narrative[on["anxious"].start : on["anxious"].end] == "garden"
        assert new.responses["description"][on["relieved"].start : on["relieved"].end] == "[removed] at"
        assert j.to_frame().set_index("id").loc[entry_id, "word_count"] == new.word_count
        assert {e.id for e in j.search(OTHER)} == {entry_id, clean_id}
        assert [e.id for e in j.search("garden")] == [entry_id]
        assert j.search(SECRET[:6]) == []  # not even as the start of a word
        assert j.draft("new-entry") == {"title": "Draft on [removed]", "responses": {"feelings": "[removed]!"}}
        # the purged entry can be edited and saved again as usual
        assert j.update(entry_id, outcome="held").revision == new.revision + 1
    assert [c for c in run_checks(path) if c.status != "ok" and c.name not in {"folder permissions", "backups"}] == []


def test_a_purge_keeps_no_new_version_but_counts_the_revision_up(filled):
    path, entry_id, *_ = filled
    with wb.open_journal(path) as j:
        opened = j.get(entry_id)
        versions = [r.revision for r in j.history(entry_id)]
        j.purge_text(SECRET)
        history = j.history(entry_id)
        assert [r.revision for r in history] == [*versions[:-1], opened.revision + 1]  # a gap, no new version
        for version in history:
            assert SECRET.lower() not in repr(version.entry.to_dict()).lower()
        assert history[0].entry.title == "Visit with [removed]"
        # a form still open on the entry is refused on saving, so it cannot write the text back
        with pytest.raises(ConflictError):
            j.update(entry_id, expected_revision=opened.revision, title=f"Visit with {SECRET}")


def test_any_casing_composed_or_decomposed_is_purged(journal):
    composed, decomposed = unicodedata.normalize("NFC", "Zoë Ångström"), unicodedata.normalize("NFD", "ZOË ÅNGSTRÖM")
    a = journal.add(title=f"With {composed}", narrative=f"{decomposed} and zoë ångström")
    report = journal.purge_text(unicodedata.normalize("NFD", "zoë ångström"))
    assert report.occurrences == 3
    assert journal.get(a.id).title == "With [removed]"
    assert journal.get(a.id).narrative == "[removed] and [removed]"


def test_only_the_entries_given_and_their_edit_drafts_are_purged(journal):
    a = journal.add(title=f"A {SECRET}")
    b = journal.add(title=f"B {SECRET}")
    journal.save_draft(f"edit-{b.id}", {"title": f"B {SECRET}"})
    journal.save_draft("new-entry", {"title": f"New {SECRET}"})
    report = journal.purge_text(SECRET, entry_ids=[b.id[:8]])
    assert (report.entries, report.drafts) == (1, 1)
    assert journal.get(a.id).title == f"A {SECRET}" and journal.get(b.id).title == "B [removed]"
    assert journal.draft("new-entry") == {"title": f"New {SECRET}"}
    with pytest.raises(EntryNotFoundError):
        journal.purge_text(SECRET, entry_ids=["ffffffff"])
    with pytest.raises(ValidationError) as caught:
        journal.purge_text(SECRET, entry_ids=a.id)
    assert caught.value.field == "entry_ids"


@pytest.mark.parametrize(
    "text",
    ["", "   ", "a", " b ", "x" * 1_001, "two\x07bells", "remove", "[REMOVED]", None, 42],
    ids=["empty", "spaces", "one", "one-padded", "too-long", "control", "in-marker", "marker", "none", "number"],
)
def test_a_text_too_short_long_or_in_the_marker_is_refused_naming_text_and_never_quoting_it(journal, counts, text):
    journal.add(title="Remove nothing here, a b x")
    before = counts(journal)
    with pytest.raises(ValidationError) as caught:
        journal.purge_text(text)
    assert caught.value.field == "text"
    if isinstance(text, str) and len(text.strip()) > 6:
        assert text.strip()[:6] not in caught.value.reason
    assert counts(journal) == before


def test_a_read_only_journal_refuses_a_purge_and_is_left_unchanged(filled, monkeypatch):
    path, entry_id, *_ = filled
    with wb.open_journal(path):
        pass  # closed cleanly: no -wal left to read
    monkeypatch.setattr(connection, "read_only_reason", lambda p: "the journal file is read-only")
    before = path.read_bytes()
    with wb.open_journal(path) as j:
        assert j.purge_text(SECRET, dry_run=True).entries == 1  # counting is reading
        with pytest.raises(JournalError, match="cannot be changed"):
            j.purge_text(SECRET)
        with pytest.raises(JournalError, match="cannot be changed"):
            j.purge_entry(entry_id)
    assert path.read_bytes() == before


def test_the_report_holds_counts_never_the_text(filled):
    path, *_ = filled
    with wb.open_journal(path) as j:
        report = j.purge_text(SECRET)
    assert re.fullmatch(
        r"<PurgeReport text: entries 1, earlier versions 3, drafts 1, CPD records 0, search index 1; .*>", repr(report)
    )
    values = repr(dataclasses.asdict(report)) + str(report)
    assert SECRET.lower() not in values.lower()


def test_a_purge_that_finds_nothing_still_cleans_the_free_pages(tmp_path):
    path = tmp_path / "j" / "journal.db"
    with wb.open_journal(path) as j:
        insecure(j).add(title="Nothing to see")
        j.save_draft("scratch", {"text": f"{SECRET} " * 500})
        j.discard_draft("scratch")  # the draft's pages are free now, its bytes still in the file
        report = j.purge_text(SECRET)
    assert not report.changed and report.cleaned
    assert all(found_in(f, SECRET) == [] for f in files_of(path))


# -- each cleaning step is needed: without it, the raw-byte check finds the text ----------------
def _no_vacuum(conn: sqlite3.Connection) -> None:
    return None


@pytest.mark.parametrize(
    ("step", "replacement"),
    [("_optimize", lambda conn: None), ("vacuum", _no_vacuum), ("checkpoint", lambda conn: True)],
    ids=["no-fts-optimize", "no-vacuum", "no-wal-checkpoint"],
)
def test_without_each_cleaning_step_the_text_would_stay_in_the_file(filled, monkeypatch, step, replacement):
    path, *_ = filled
    monkeypatch.setattr(purge, step, replacement)
    with wb.open_journal(path) as j:
        j.purge_text(SECRET)
        assert j.search(SECRET) == []  # the rows are purged either way ...
        leftover = [f.name for f in files_of(path) if found_in(f, SECRET)]
    assert leftover  # ... but the bytes are still there (without a checkpoint: in the -wal and the file)


def test_when_the_file_cannot_be_rebuilt_what_the_purge_changed_is_zeroed_all_the_same(tmp_path, monkeypatch):
    """secure_delete: another program writing keeps VACUUM out (the report says so), yet what
    the purge itself replaced is overwritten, not left in the pages' free space."""
    path = tmp_path / "j" / "journal.db"
    with wb.open_journal(path) as j:
        for i in range(30):
            j.add(title=f"Visit {i} {SECRET}", narrative=f"{SECRET} said no. " * 5 + "filler words " * 50)

    def locked(conn):
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(purge, "vacuum", locked)
    with wb.open_journal(path) as j:
        report = insecure(j).purge_text(SECRET)
        j.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert report.changed and not report.cleaned and not report.wal_cleared
    assert all(found_in(f, SECRET) == [] for f in files_of(path))


def test_the_search_index_is_written_again_if_vacuum_ever_moved_the_rowids(journal):
    a = journal.add(title=f"First {OTHER}")
    b = journal.add(title="Second entry")
    before = journal.connection.execute("SELECT rowid, id FROM entries ORDER BY rowid").fetchall()
    purger = journal._purger
    assert purger.keep_search_in_step(before) is False
    journal.connection.execute("UPDATE entries SET rowid = 1000 WHERE id = ?", (a.id,))
    assert [e.id for e in journal.search(OTHER)] == []  # the index points at the old rowid
    assert purger.keep_search_in_step(before) is True
    assert [e.id for e in journal.search(OTHER)] == [a.id]
    assert [e.id for e in journal.search("second")] == [b.id]


# -- purging a trashed entry --------------------------------------------------------------------
def test_an_entry_not_in_the_trash_is_refused_and_nothing_changes(filled, counts):
    path, entry_id, *_ = filled
    with wb.open_journal(path) as j:
        before = counts(j)
        with pytest.raises(WorkbookError, match="not in the trash") as caught:
            j.purge_entry(entry_id[:8])
        assert SECRET not in str(caught.value)
        assert counts(j) == before
        assert j.get(entry_id).title == f"Visit with {SECRET}"


def test_a_trashed_entry_is_removed_with_every_row_and_byte_of_it(filled):
    path, entry_id, clean_id, _ = filled
    with wb.open_journal(path) as j:
        j.save_draft(f"edit-{entry_id}", {"title": "being edited"})
        j.delete(entry_id)
        report = j.purge_entry(entry_id[:8])
        after = j.backup(path.parent / "after.db")
        assert entry_id not in j and [e.id for e in j.trash()] == []
        assert [e.id for e in j.search(OTHER)] == [clean_id]
        assert j.draft(f"edit-{entry_id}") is None
        assert j.draft("new-entry") is not None  # not its draft: purge_text is for that
        conn = j.connection
        for table in ("entries", "entry_text", "entry_people", "entry_tags", "actions", "feedback", "revisions"):
            column = "id" if table == "entries" else "entry_id"
            assert conn.execute(f"SELECT count(*) FROM {table} WHERE {column} = ?", (entry_id,)).fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM entry_fts").fetchone()[0] == 1
        assert len(j.people) == len(PEOPLE)  # the register is the practitioner's: kept
    assert (report.entries, report.revisions, report.drafts, report.index) == (1, 3, 1, 1)
    assert report.entry_id == entry_id and report.cleaned and report.wal_cleared
    for file in [*files_of(path), after]:
        assert found_in(file, "Tight chest, no names") == [], file.name  # a text only that entry held
        assert entry_id.encode() not in file.read_bytes()
    assert [c for c in run_checks(path) if not c.ok] == []


# -- backups ------------------------------------------------------------------------------------
def _make_older(backup: Path) -> None:
    """Make ``backup`` look as if written before schema step 0003, so opening it upgrades it (and
    copies it beside itself first): the step's record removed and what it did undone."""
    with sqlite3.connect(backup) as conn:
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("DELETE FROM _migrations WHERE name = '0003_entry_order_index'")
        conn.execute("DROP INDEX entries_in_order")
        conn.execute("CREATE INDEX entries_by_date ON entries (occurred_on)")
    conn.close()


def test_include_backups_purges_the_backups_beside_the_journal_too(filled):
    path, entry_id, _, before = filled
    older = path.parent / "journal-backup-older.db"
    with wb.open_journal(path) as j:
        j.backup(older)
    _make_older(older)
    with wb.open_journal(path) as j:
        report = j.purge_text(SECRET, include_backups=True)
    assert not list(path.parent.glob("*.before-*"))
    assert report.backups == ()
    assert {b.path for b in report.backups_purged} == {before, older}
    assert all(b.report is not None and b.report.entries == 1 for b in report.backups_purged)
    for file in path.parent.iterdir():  # the copy made while upgrading the older backup is gone too
        assert found_in(file, SECRET) == [], file.name
    with wb.open_journal(before) as copy:
        assert copy.get(entry_id).title == "Visit with [removed]"


def test_a_trashed_entry_is_purged_from_backups_where_it_was_not_yet_in_the_trash(filled):
    path, entry_id, _, before = filled
    with wb.open_journal(path) as j:
        j.delete(entry_id)
        report = j.purge_entry(entry_id, include_backups=True)
    assert [(b.path, b.report.entries) for b in report.backups_purged] == [(before, 1)]
    assert found_in(before, "Tight chest, no names") == []


def test_a_backup_that_cannot_be_purged_is_named_with_why(filled):
    path, _, _, before = filled
    before.write_bytes(b"not a journal any more" * 100)
    with wb.open_journal(path) as j:
        report = j.purge_text(SECRET, include_backups=True)
    assert report.backups == (before,)
    assert report.backups_purged[0].report is None and "not a readable" in report.backups_purged[0].problem


# -- the list of free text inside an entry's lists is complete -----------------------------------
# ids, choices, tag and domain ids, field names
NOT_FREE_TEXT = {"id", "status", "author_role", "function", "tag", "field", "pcf"}


def test_every_text_field_of_a_list_item_is_purged_or_named_as_not_free_text():
    classes = {"actions": (Action,), "feedback": (Feedback,), "tags": (TagUse, Anchor)}
    assert set(CHILD_FIELDS) - {"people", "pcf"} == set(classes)  # pseudonyms (the register's) and PCF domain ids
    for name, kinds in classes.items():
        for cls in kinds:
            for f in dataclasses.fields(cls):
                if re.search(r"\bstr\b", str(f.type)):
                    assert f.name in purge.LIST_TEXT.get(name, ()) or f.name in NOT_FREE_TEXT, (name, f.name)
    assert set(purge.LIST_TEXT) <= set(classes)


def test_purging_an_entry_leaves_no_record_of_its_restored_versions(journal):
    entry = journal.add(title="First words")
    journal.update(entry.id, title="Second words")
    journal.restore_revision(entry.id, 1)
    key = f"restored_revisions:{entry.id}"
    assert journal.connection.execute("SELECT count(*) FROM settings WHERE key = ?", (key,)).fetchone()[0] == 1
    journal.delete(entry.id)
    journal.purge_entry(entry.id)
    assert (
        journal.connection.execute("SELECT count(*) FROM settings WHERE instr(key, ?) > 0", (entry.id,)).fetchone()[0]
        == 0
    )
