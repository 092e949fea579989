"""A spreadsheet of entries comes in through a column mapping; the workbook's own CSV reads back."""

from __future__ import annotations

import csv
import stat

import pytest

from workbook import Journal
from workbook.errors import ValidationError
from workbook.exchange.incoming import ImportRefused, bring_in, preview, suggest_mapping
from workbook.exchange.spreadsheet import TAG_USE_COLUMNS, export_csv, export_tag_uses
from workbook.exchange.table import default_columns, parse_date, read_csv

SAMPLE = """\
Date,Subject,What happened,Labels,Mood
14/03/2024,Home visit,"We sat in the kitchen; she asked me to come back.",anxious; Gardening,good
2024-03-20,,"# Review meeting
Chair kept to time.",sad:2,
not a date,Lost,"text",,
21 March 2024,Short,only three cells
"""


@pytest.fixture
def sample(tmp_path):
    path = tmp_path / "my notes.csv"
    path.write_text(SAMPLE, encoding="utf-8")
    return path


def test_a_mapped_spreadsheet_reads_rows_with_their_line_numbers(sample):
    read = read_csv(
        sample,
        {"occurred_on": "Date", "title": "Subject", "narrative": "What happened", "tags": "Labels", "mood": "Mood"},
    )
    assert read.format == "csv" and read.unit == "row" and read.label == "my notes.csv"
    assert [e.number for e in read.entries] == [2, 3]
    first, second = read.entries
    assert (first.title, str(first.occurred_on), first.labels, first.mood) == (
        "Home visit",
        "2024-03-14",
        ("anxious", "Gardening"),
        "good",
    )
    assert second.title == "Review meeting" and second.intensities == {"sad": 2}
    assert [(p.number, p.reason) for p in read.problems][0][0] == 5
    assert "date" in read.problems[0].reason and "cells" in read.problems[1].reason
    assert [p.number for p in read.problems] == [5, 6]


def test_without_a_mapping_headers_naming_fields_are_used(sample):
    assert default_columns(["Date", "Subject", "What happened", "Labels", "Mood"]) == {
        "occurred_on": "Date",
        "title": "Subject",
        "tags": "Labels",
        "mood": "Mood",
    }
    with pytest.raises(ValidationError, match="columns.narrative"):
        read_csv(sample, {"occurred_on": "Date"})
    with pytest.raises(ValidationError, match="columns.narrative.*does not have"):
        read_csv(sample, {"occurred_on": "Date", "narrative": "Story"})
    with pytest.raises(ValidationError, match="columns.weather.*not a field"):
        read_csv(sample, {"occurred_on": "Date", "title": "Subject", "weather": "Mood"})


def test_bad_files_are_refused_plainly(tmp_path):
    latin = tmp_path / "latin.csv"
    latin.write_bytes("date,title\n2024-01-01,caf\xe9\n".encode("latin-1"))
    with pytest.raises(ValidationError, match="not UTF-8"):
        read_csv(latin)
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    with pytest.raises(ValidationError, match="empty"):
        read_csv(empty)


def test_dates_a_spreadsheet_writes():
    assert str(parse_date("14/03/2024")) == "2024-03-14"
    assert str(parse_date("14 March 2024")) == "2024-03-14"
    assert str(parse_date("2024-03-14T10:00:00")) == "2024-03-14"
    with pytest.raises(ValueError):
        parse_date("March")


def test_import_end_to_end_and_again(sample, journal):
    read = read_csv(
        sample,
        {"occurred_on": "Date", "title": "Subject", "narrative": "What happened", "tags": "Labels", "mood": "Mood"},
    )
    mapping = suggest_mapping(read, journal.vocabulary())
    mapping.moods["good"] = 8
    before = len(journal)
    done = bring_in(journal, read, mapping, good_rows_only=True)
    assert len(done.entries) == 2 and [p.number for p in done.problems] == [5, 6]
    by_title = {e.title: e for e in done.entries}
    assert [(t.tag, t.intensity) for t in by_title["Review meeting"].tags] == [("sad", 2)]
    assert by_title["Home visit"].feelings_after == 8
    assert bring_in(journal, read, mapping, good_rows_only=True).already == 2
    assert len(journal) == before + 2


def _rich(journal: Journal) -> None:
    journal.add(
        title="=HYPERLINK(x)",
        occurred_on="2024-04-01",
        narrative="+ a sum that is text",
        people=["Parent A"],
        tags=[{"tag": "anxious", "intensity": 2}, "sad"],
        template="gibbs",
        responses={"description": "What happened", "feelings": "-worried"},
        feelings_before=3,
        feelings_after=6,
        flagged=True,
        outcome="held",
        context="child-protection",
        stance=1,
        depth="dialogic",
    )
    journal.add(title="Plain", occurred_on="2024-04-02", narrative="Line one\nline two")


def test_the_workbooks_own_csv_reads_back_as_it_was(journal, tmp_path):
    _rich(journal)
    out = tmp_path / "out.csv"
    export_csv(journal, out)
    read = read_csv(out)
    assert read.problems == []
    # into the journal it came from: the ids are kept, so nothing is added
    assert bring_in(journal, read).already == len(journal)
    with Journal(":memory:") as fresh:
        fresh.people.add("Parent A", "parent")
        done = bring_in(fresh, read)
        assert done.problems == [] and len(done.entries) == len(journal)
        keep = (
            "id",
            "occurred_on",
            "title",
            "context",
            "people",
            "outcome",
            "stance",
            "stance_both",
            "depth",
            "template",
            "responses",
            "narrative",
            "tags",
            "feelings_before",
            "feelings_after",
            "flagged",
            "pcf",
        )
        for entry in journal.entries():
            again = fresh.get(entry.id).to_dict()
            assert {k: again[k] for k in keep} == {k: entry.to_dict()[k] for k in keep}


def test_tag_uses_csv_one_row_per_use_with_the_passage(journal, tmp_path):
    narrative = "She said she was fine, then cried."
    start = narrative.index("then cried")
    entry = journal.add(
        title="Passage",
        occurred_on="2024-05-01",
        narrative=narrative,
        tags=[
            "sad",
            {"tag": "anxious", "intensity": 3, "anchor": {"field": "narrative", "start": start, "end": start + 10}},
        ],
    )
    trashed = journal.add(title="Gone", occurred_on="2024-05-02", tags=["anxious"])
    journal.delete(trashed.id)
    out = tmp_path / "uses.csv"
    assert export_tag_uses(journal, out) == len(journal)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
    assert tuple(rows[0]) == TAG_USE_COLUMNS
    mine = [r for r in rows if r["entry_id"] == entry.id]
    assert [(r["tag"], r["intensity"], r["passage"]) for r in mine] == [
        ("sad", "", ""),
        ("anxious", "3", "then cried"),
    ]
    assert mine[1]["tag_label"] == journal.vocabulary().find("anxious").label and mine[1]["field"] == "narrative"
    assert trashed.id not in {r["entry_id"] for r in rows}


def test_preview_of_a_spreadsheet_writes_nothing(sample, journal):
    before = len(journal)
    read = read_csv(sample, {"occurred_on": "Date", "narrative": "What happened", "tags": "Labels"})
    p = preview(journal, read)
    assert (p.new, [q.number for q in p.problems]) == (2, [5, 6])
    assert len(journal) == before


def test_two_rows_of_the_same_entry_are_one_refused_row_not_a_failed_write(tmp_path, journal):
    """Same date and text, no id: the same entry twice. The second is a bad row naming the first."""
    path = tmp_path / "twice.csv"
    path.write_text("date,text\n2024-01-01,The same visit\n2024-01-01,The same visit\n2024-01-02,Another\n")
    read = read_csv(path)
    before = len(journal)
    with pytest.raises(ImportRefused) as caught:
        bring_in(journal, read)
    assert [(p.number, "also the id of row 2" in p.reason) for p in caught.value.problems] == [(3, True)]
    assert len(journal) == before
    done = bring_in(journal, read, good_rows_only=True)
    assert len(done.entries) == 2 and [p.number for p in done.problems] == [3]
