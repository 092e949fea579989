"""Purging and the CPD and revalidation records (``cpd_records``): a purged text is replaced in
a record's fields and gone from the file's bytes, counted as "CPD records"; with ``entry_ids``
only the records made from those entries change; purging an entry takes its id off every
record made from it, and the record stays."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_purge import files_of, found_in, insecure

import workbook as wb
from workbook.journal import purge

SECRET = "Thistlewaiteroe"  # a made-up name
OTHER = "Buttercupmeadow"  # a word that must survive the purge


@pytest.fixture
def recorded(tmp_path):
    """A file journal with the secret in an entry and in two fields of a CPD record made from it
    (an item of a list field too), and a record without it."""
    path = tmp_path / "private" / "journal.db"
    with wb.open_journal(path) as j:
        insecure(j)
        entry = j.add(title=f"Visit with {SECRET}", occurred_on="2026-02-01")
        record = j.add_cpd_record(
            "nmc-account",
            {"nature": f"A visit to {SECRET}", "learned": f"{SECRET.upper()} taught me {OTHER}"},
            [entry.id],
            made_on="2026-02-03",
        )
        clean = j.add_cpd_record("swe", {"learned": f"About {OTHER}"}, [entry.id], made_on="2026-02-04")
        j.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path, entry.id, record.id, clean.id


def test_a_text_in_a_records_fields_is_gone_from_every_byte_of_the_file(recorded):
    path, _, record_id, clean_id = recorded
    assert found_in(path, SECRET)  # the check can see it
    with wb.open_journal(path) as j:
        report = j.purge_text(SECRET)
        assert dict(j.cpd_record(record_id).fields) == {
            "nature": "A visit to [removed]",
            "learned": f"[removed] taught me {OTHER}",
        }
        assert dict(j.cpd_record(clean_id).fields) == {"learned": f"About {OTHER}"}
    assert report.records == 1 and report.entries == 1 and report.changed
    assert ("CPD records", 1) in report.places()
    assert "CPD records" not in str(report.elsewhere) and "cpd_records" not in report.elsewhere
    assert report.cleaned and report.wal_cleared
    for file in files_of(path):
        assert found_in(file, SECRET) == [], file.name


def test_a_text_only_in_a_record_is_counted_by_a_dry_run_and_nothing_changes(recorded):
    path, entry_id, record_id, _ = recorded
    with wb.open_journal(path) as j:
        j.update(entry_id, title="A visit")  # now only the record (and an earlier version) holds it
        before = dict(j.cpd_record(record_id).fields)
        preview = j.purge_text(SECRET, dry_run=True)
        assert preview.dry_run and preview.records == 1 and preview.changed
        assert preview.entries == 0 and preview.revisions == 1
        assert dict(j.cpd_record(record_id).fields) == before
        assert "cpd_records" not in preview.elsewhere  # the table is purged, not named as elsewhere
        assert "cpd_records" in purge._PURGED_TABLES


def test_with_entry_ids_only_the_records_made_from_those_entries_change(tmp_path):
    with wb.open_journal(tmp_path / "j.db") as j:
        a = j.add(title="A home visit", occurred_on="2026-03-01")
        b = j.add(title="A ward round", occurred_on="2026-03-02")
        from_a = j.add_cpd_record("swe", {"learned": f"{SECRET} was kind"}, [a.id])
        from_b = j.add_cpd_record("swe", {"learned": f"{SECRET} was kind"}, [b.id])
        from_none = j.add_cpd_record("nmc-account", {"nature": f"{SECRET} again"})
        report = j.purge_text(SECRET, entry_ids=[b.id[:8]], dry_run=True)
        assert report.records == 1
        report = j.purge_text(SECRET, entry_ids=[b.id[:8]])
        assert report.records == 1 and report.entries == 0
        assert j.cpd_record(from_b.id).fields["learned"] == "[removed] was kind"
        assert j.cpd_record(from_a.id).fields["learned"] == f"{SECRET} was kind"
        assert j.cpd_record(from_none.id).fields["nature"] == f"{SECRET} again"
        assert j.purge_text(SECRET).records == 2


def test_purging_an_entry_takes_its_id_off_every_record_and_the_records_stay(recorded):
    path, entry_id, record_id, clean_id = recorded
    with wb.open_journal(path) as j:
        kept = j.add(title="Another visit", occurred_on="2026-02-02")
        both = j.add_cpd_record("swe", {"learned": "Two visits"}, [kept.id, entry_id])
        j.delete(entry_id)
        preview = j.purge_entry(entry_id[:8], dry_run=True)
        assert preview.records == 3
        assert j.cpd_record(record_id).entry_ids == (entry_id,)  # a dry run changes nothing
        report = j.purge_entry(entry_id[:8])
        assert report.records == 3
        assert j.cpd_record(record_id).entry_ids == ()
        assert j.cpd_record(clean_id).entry_ids == ()
        assert j.cpd_record(both.id).entry_ids == (kept.id,)
        assert j.cpd_record(record_id).fields["nature"] == f"A visit to {SECRET}"  # the record itself stays
    for file in files_of(Path(path)):
        assert entry_id.encode() not in file.read_bytes(), file.name


def test_include_backups_purges_the_records_in_a_backup_too(recorded):
    path, _, record_id, _ = recorded
    with wb.open_journal(path) as j:
        before = j.backup(path.parent / "journal-backup-before.db")
        assert found_in(before, SECRET)
        report = j.purge_text(SECRET, include_backups=True)
    (done,) = report.backups_purged
    assert done.path == before and done.report is not None and done.report.records == 1
    assert report.backups == () and found_in(before, SECRET) == []
    with wb.open_journal(before) as copy:
        assert copy.cpd_record(record_id).fields["nature"] == "A visit to [removed]"
