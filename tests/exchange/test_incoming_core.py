"""The one path for another tool's entries: mapping, dry run, all-or-good-rows, re-import."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from workbook import Journal
from workbook.errors import ValidationError
from workbook.exchange.incoming import (
    DROP,
    OWN,
    ImportMapping,
    ImportRefused,
    RowProblem,
    SourceEntry,
    SourceRead,
    bring_in,
    entry_id_for,
    preview,
    preview_document,
    suggest_mapping,
    title_from,
)

SECRET = "Spoke with Mrs Quillfeather about the eviction"


def _read(*entries: SourceEntry, problems=()) -> SourceRead:
    return SourceRead("sample", "sample.txt", list(entries), list(problems), unit="row", mood_ratings={"good": 7})


def _entry(number, text="We talked about the move.", **kw) -> SourceEntry:
    kw.setdefault("occurred_on", "2024-03-0" + str(number % 9 + 1))
    kw.setdefault("title", f"Visit {number}")
    return SourceEntry(number, kw.pop("key", f"k{number}"), narrative=text, **kw)


@pytest.fixture
def fresh():
    with Journal(":memory:") as j:
        yield j


def test_suggested_mapping_matches_the_vocabulary_by_id_or_label_and_keeps_the_rest_as_own(fresh):
    read = _read(_entry(2, labels=("Anxious", "sad", "Gardening")), _entry(3, labels=("gardening",)))
    mapping = suggest_mapping(read, fresh.vocabulary())
    assert mapping.tags == {"Anxious": "anxious", "sad": "sad", "Gardening": OWN, "gardening": OWN}
    assert suggest_mapping(read, fresh.vocabulary(), unknown=DROP).tags["Gardening"] == DROP
    with pytest.raises(ValidationError, match="unknown"):
        suggest_mapping(read, fresh.vocabulary(), unknown="keep")


def test_bring_in_maps_tags_makes_own_tags_once_and_maps_moods(fresh):
    read = _read(
        _entry(2, labels=("Anxious", "Gardening", "Walk"), mood="good"),
        _entry(3, labels=("gardening", "Gardening!"), mood="meh"),
    )
    mapping = suggest_mapping(read, fresh.vocabulary())
    mapping.tags["Walk"] = DROP
    mapping.moods["meh"] = 4
    done = bring_in(fresh, read, mapping)
    assert len(done.entries) == 2 and done.already == 0 and done.problems == []
    first, second = sorted(done.entries, key=lambda e: e.occurred_on)
    assert [t.tag for t in first.tags] == ["anxious", "gardening"]
    assert [t.tag for t in second.tags] == ["gardening"]  # "Gardening!" is the same tag of one's own
    assert (first.feelings_after, second.feelings_after) == (7, 4)
    assert done.own_tags == ["Gardening"]
    own = fresh.vocabulary().find("gardening")
    assert own is not None and own.custom and own.group == "context"


def test_re_import_adds_nothing_and_keeps_edits(fresh):
    read = _read(_entry(2), _entry(3, key=""))
    first = bring_in(fresh, read)
    fresh.update(first.entries[0].id, title="Renamed by me")
    again = bring_in(fresh, read)
    assert again.entries == [] and again.already == 2
    assert len(fresh) == 2 and fresh.get(first.entries[0].id).title == "Renamed by me"
    assert preview(fresh, read).already == 2


def test_an_entry_without_a_source_id_is_keyed_by_date_and_text():
    a = _entry(2, key="", text="one")
    assert entry_id_for("x", a) == entry_id_for(
        "x", _entry(9, key="", text="one", occurred_on=a.occurred_on, title=a.title)
    )
    assert entry_id_for("x", a) != entry_id_for("x", _entry(2, key="", text="two"))
    assert entry_id_for("x", a) != entry_id_for("y", a)
    own = str(uuid.uuid4())
    assert entry_id_for("dayone", _entry(2, key=own.replace("-", "").upper())) == own  # a UUID is kept


def test_bad_rows_refuse_everything_or_only_themselves(fresh):
    read = _read(
        _entry(2),
        _entry(3, title="x" * 300, text=SECRET),
        _entry(4, occurred_on="1900-01-01"),
        problems=[RowProblem(5, "has no date.")],
    )
    with pytest.raises(ImportRefused) as caught:
        bring_in(fresh, read)
    assert [p.number for p in caught.value.problems] == [3, 4, 5]
    assert "title" in caught.value.problems[0].reason and "occurred_on" in caught.value.problems[1].reason
    assert SECRET not in str(caught.value) and "row 3" in str(caught.value)
    assert len(fresh) == 0  # nothing written
    done = bring_in(fresh, read, good_rows_only=True)
    assert [e.title for e in done.entries] == ["Visit 2"] and [p.number for p in done.problems] == [3, 4, 5]


def test_a_failure_while_writing_leaves_the_journal_as_it_was(journal, monkeypatch):
    before = len(journal)
    read = _read(_entry(2, labels=("Gardening",)), _entry(3))

    def boom(*a, **k):
        raise RuntimeError("disk full")

    monkeypatch.setattr(journal, "insert_entries", boom)
    with pytest.raises(RuntimeError):
        bring_in(journal, read)
    monkeypatch.undo()
    assert len(journal) == before and journal.vocabulary().find("gardening") is None


def test_the_dry_run_writes_nothing_and_says_what_would_happen(fresh):
    read = _read(
        _entry(2, labels=("Anxious", "Gardening"), mood="good", occurred_on="2023-05-01"),
        _entry(3, text="Call 07700 900123 tomorrow", occurred_on="2024-01-02"),
        _entry(4, title="", occurred_on="2024-01-03"),
    )
    calls = []
    p = preview(fresh, read, progress=lambda done, total: calls.append((done, total)))
    assert len(fresh) == 0 and fresh.vocabulary().find("gardening") is None
    assert (p.new, p.already, p.first, p.last) == (2, 0, dt.date(2023, 5, 1), dt.date(2024, 1, 2))
    assert [q.number for q in p.problems] == [4]
    assert ("Gardening", 1, "a tag of your own") in p.tags and ("Anxious", 1, "Anxious (anxious)") in p.tags
    assert p.moods == [("good", 1, 7)] and p.own_tags == ["Gardening"]
    assert p.may_identify == {3: ["phone"]}
    assert calls[0] == (0, 3) and calls[-1] == (3, 3)
    assert "07700" not in repr(p)


def test_redact_replaces_identifiers_before_saving(journal):
    read = _read(_entry(2, text="Jo Example rang from 07700 900123."))
    done = bring_in(journal, read, redact=True)
    assert done.entries[0].narrative == "Parent A rang from [phone]."


def test_a_mapping_to_a_tag_that_does_not_exist_is_refused(fresh):
    read = _read(_entry(2, labels=("Gardening",)))
    with pytest.raises(ValidationError, match=r"tags\['Gardening'\]"):
        bring_in(fresh, read, ImportMapping({"Gardening": "no-such-tag"}))
    with pytest.raises(ValidationError, match=r"moods\['good'\]"):
        bring_in(fresh, read, ImportMapping({}, {"good": 11}))
    assert len(fresh) == 0


def test_intensity_travels_only_to_a_tag_that_takes_one(fresh):
    read = _read(_entry(2, labels=("anxious", "Gardening"), intensities={"anxious": 2, "Gardening": 3}))
    (entry,) = bring_in(fresh, read).entries
    assert [(t.tag, t.intensity) for t in entry.tags] == [("anxious", 2), ("gardening", None)]


def test_titles_from_text():
    assert title_from("\n\n# First thoughts\nmore", "fallback") == "First thoughts"
    assert title_from("   ", "fallback") == "fallback"
    assert len(title_from("w" * 500, "f")) == 200


def test_repr_shows_no_text():
    entry = _entry(2, text=SECRET, title=SECRET)
    assert SECRET not in repr(entry) and SECRET not in repr(_read(entry))


def test_document_dry_run_counts_new_and_held(journal):
    import io

    from workbook.exchange import export_json

    buffer = io.StringIO()
    journal.add(title="Held already", occurred_on="2024-02-02")
    export_json(journal, buffer)
    import json

    doc = json.loads(buffer.getvalue())
    p = preview_document(journal, doc)
    assert (p.new, p.already) == (0, 1)
    with Journal(":memory:") as fresh:
        p = preview_document(fresh, doc)
        assert (p.new, p.already, p.first) == (1, 0, dt.date(2024, 2, 2)) and len(fresh) == 0
        doc["entries"][0]["title"] = ""
        assert [q.number for q in preview_document(fresh, doc).problems] == [1]


def test_own_tags_are_made_only_for_entries_added(fresh):
    read = _read(_entry(2, labels=("Gardening",)))
    bring_in(fresh, read)
    again = _read(_entry(2, labels=("Gardening", "Walking")), _entry(3, title="", labels=("Cooking",)))
    done = bring_in(fresh, again, good_rows_only=True)  # entry 2 is held, entry 3 is refused
    assert done.entries == [] and done.own_tags == []
    assert fresh.vocabulary().find("walking") is None and fresh.vocabulary().find("cooking") is None
    assert preview(fresh, again).own_tags == []
