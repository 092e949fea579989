"""The CPD and revalidation records travel in the JSON export (``"cpd_records"``, from format
version 2) and an import brings them back as they were: checked by the store's own rules
first, so one bad record refuses the whole import, named by its place, and nothing is saved;
a record whose id the journal already holds is skipped."""

from __future__ import annotations

import copy

import pytest
from exchange_helpers import export_doc

from workbook import Journal, ValidationError
from workbook.exchange import FORMAT_VERSION, export_json, import_document, import_entries, read_json

SECRET = "Pennyroyalbrook"  # a made-up name, in a record's field


@pytest.fixture
def with_records(journal, rich_journal):
    """The rich journal and three records, one of each kind (one made from two entries, one from none)."""
    ids = rich_journal(journal)
    swe = journal.add_cpd_record(
        "swe",
        {"cpd_type": "Reflection", "learned": f"Slowing down with {SECRET}", "standards": ["4.1", "4.2"]},
        [ids["full"], ids["plain"]],
        made_on="2026-03-05",
    )
    account = journal.add_cpd_record(
        "nmc-account",
        {"nature": "Feedback from a patient", "code_themes": ["prioritise_people"]},
        [ids["trashed"]],
        made_on="2026-01-10",
    )
    journal.add_cpd_record("nmc-discussion", {"account_ids": [account.id], "discussed": "Yes"}, made_on="2026-02-01")
    return ids, swe


def _records(j: Journal) -> list:
    return [(r.id, r.kind, r.made_on, r.entry_ids, dict(r.fields), r.created_at) for r in j.cpd_records()]


def test_the_export_carries_every_record(journal, with_records):
    _, swe = with_records
    doc = export_doc(journal)
    assert doc["format_version"] == FORMAT_VERSION == 2
    assert len(doc["cpd_records"]) == 3
    (exported,) = [r for r in doc["cpd_records"] if r["id"] == swe.id]
    assert exported == {
        "id": swe.id,
        "kind": "swe",
        "made_on": "2026-03-05",
        "entry_ids": list(swe.entry_ids),
        "fields": dict(swe.fields),
        "created_at": swe.created_at,
    }


def test_export_then_import_into_a_new_journal_gives_the_same_records(journal, journal_path, with_records, tmp_path):
    before = _records(journal)
    export_json(journal, tmp_path / "out.json")
    with Journal(journal_path) as fresh:
        done = import_document(fresh, read_json(tmp_path / "out.json"))
        assert len(done.entries) == 3 and len(done.cpd_records) == 3 and done.cpd_records_skipped == 0
        assert SECRET not in repr(done)
        assert _records(fresh) == before
        again = export_doc(fresh)
    assert again["cpd_records"] == export_doc(journal)["cpd_records"]


def test_a_record_already_in_the_journal_is_skipped(journal, with_records):
    doc = export_doc(journal)
    with Journal(":memory:") as fresh:
        import_entries(fresh, {**doc, "cpd_records": doc["cpd_records"][:1]})
        fresh.update(doc["entries"][0]["id"], title="Changed after the import")
        rest = {**doc, "entries": [], "revisions": {}, "people": [], "custom_tags": []}
        done = import_document(fresh, rest)
        assert done.cpd_records_skipped == 1 and len(done.cpd_records) == 2
        assert _records(fresh) == _records(journal)


def _refused(doc: dict, mutate) -> ValidationError:
    bad = copy.deepcopy(doc)
    mutate(bad["cpd_records"])
    with Journal(":memory:") as fresh:
        with pytest.raises(ValidationError) as caught:
            import_entries(fresh, bad)
        assert fresh.entry_ids() == [] and fresh.entry_ids(in_trash=True) == []  # nothing was saved
        assert fresh.cpd_records() == [] and list(fresh.people) == []
    return caught.value


@pytest.mark.parametrize(
    ("mutate", "field", "reason"),
    [
        (lambda rs: rs[2]["fields"].update(learned=f"{SECRET} " * 5_000), "cpd_records[2].fields.learned", "long"),
        (lambda rs: rs[1]["fields"].update(other_pin="12A3456B"), "cpd_records[1].fields.other_pin", "not a field"),
        (lambda rs: rs[0].update(kind="hcpc"), "cpd_records[0].kind", "not allowed"),
        (lambda rs: rs[0].update(made_on="2026-02-30"), "cpd_records[0].made_on", "calendar"),
        (lambda rs: rs[0]["entry_ids"].append("no-such-entry"), "cpd_records[0].entry_ids[1]", "not an entry"),
        (lambda rs: rs[0].update(id="Mrs X"), "cpd_records[0].id", "UUID"),
        (lambda rs: rs[0].update(created_at="yesterday"), "cpd_records[0].created_at", "date and time"),
        (lambda rs: rs[0].update(pin="12A3456B"), "cpd_records[0].pin", "not a known key"),
        (lambda rs: rs.append(dict(rs[0])), "cpd_records[3].id", "also the id of cpd_records[0]"),
        (lambda rs: rs.append("a record"), "cpd_records[3]", "mapping"),
        (lambda rs: rs[0].update(fields=["learned"]), "cpd_records[0].fields", "mapping"),
    ],
    ids=[
        "too-long",
        "unknown-field",
        "kind",
        "date",
        "unknown-entry",
        "id",
        "stamp",
        "unknown-key",
        "twice",
        "not-mapping",
        "fields-not-mapping",
    ],
)
def test_a_bad_record_refuses_the_whole_import_naming_the_field(journal, with_records, mutate, field, reason):
    error = _refused(export_doc(journal), mutate)
    assert error.field == field
    assert reason in error.reason
    assert SECRET not in str(error)


def test_cpd_records_that_are_not_a_list_are_refused(journal, with_records):
    doc = {**export_doc(journal), "cpd_records": {"id": "x"}}
    with Journal(":memory:") as fresh, pytest.raises(ValidationError) as caught:
        import_entries(fresh, doc)
    assert caught.value.field == "cpd_records"


def test_an_export_of_version_1_without_records_still_imports(journal, with_records):
    doc = export_doc(journal)
    del doc["cpd_records"]
    with Journal(":memory:") as fresh:
        assert len(import_entries(fresh, {**doc, "format_version": 1})) == 3
        assert fresh.cpd_records() == []
