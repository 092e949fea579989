"""Export then import reproduces a journal exactly: every entry, its history, the people
register and the journal's own tags; any allowed text survives. Aliases alone do not travel:
they are kept as digests under a key that stays on the computer they were recorded on."""

from __future__ import annotations

import pytest
from exchange_helpers import export_doc, snapshot
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbook import Journal
from workbook.exchange import export_json, import_entries, read_json


def test_export_then_import_into_a_fresh_journal_is_lossless(journal, journal_path, rich_journal):
    rich_journal(journal)
    before = snapshot(journal)
    with Journal(journal_path) as fresh:
        imported = import_entries(fresh, export_doc(journal))
        assert len(imported) == 3
        after = snapshot(fresh)
        again = export_doc(fresh)
    assert after == before
    first = export_doc(journal)
    for person in first["people"]:
        person["alias_count"] = 0  # aliases do not travel
    assert {k: v for k, v in again.items() if k != "exported_at"} == {
        k: v for k, v in first.items() if k != "exported_at"
    }


def test_aliases_do_not_travel_in_an_export(journal):
    assert journal.people.get("Parent A").alias_count == 1
    with Journal(":memory:") as fresh:
        import_entries(fresh, export_doc(journal))
        assert [p.alias_count for p in fresh.people.list()] == [0, 0, 0]
        assert fresh.people.find_pseudonym("Jo Example") is None
        assert fresh.people.find_pseudonym("Parent A") == "Parent A"


def test_round_trip_through_a_file(journal, tmp_path, rich_journal):
    rich_journal(journal)
    export_json(journal, tmp_path / "out.json")
    with Journal(":memory:") as fresh:
        import_entries(fresh, read_json(tmp_path / "out.json"))
        assert snapshot(fresh) == snapshot(journal)


def test_the_imported_journal_can_be_edited_and_searched(journal, rich_journal):
    ids = rich_journal(journal)
    with Journal(":memory:") as fresh:
        import_entries(fresh, export_doc(journal))
        updated = fresh.update(ids["full"], title="Renamed")
        assert updated.revision == 4
        assert [r.revision for r in fresh.history(ids["full"])] == [1, 2, 3, 4]
        assert [e.id for e in fresh.search("Renamed")] == [ids["full"]]
        assert fresh.entries(tags=["stuck-feeling"])[0].id == ids["full"]
        assert fresh.trash()[0].id == ids["trashed"]
        assert fresh.restore(ids["trashed"]).in_trash is False


_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029\x85"),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip())


@pytest.fixture(scope="module")
def two_journals():
    with Journal(":memory:") as source, Journal(":memory:") as target:
        yield source, target


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=_TEXT, narrative=st.text(max_size=200).filter(lambda s: not any(0xD800 <= ord(c) <= 0xDFFF for c in s)))
def test_round_trip_keeps_any_allowed_text(two_journals, title, narrative):
    source, target = two_journals
    narrative = "".join(c for c in narrative if c in "\t\n\r" or not (ord(c) < 32 or 0x7F <= ord(c) <= 0x9F))
    entry = source.add(title=title, narrative=narrative)
    doc = export_doc(source)
    doc["entries"] = [e for e in doc["entries"] if e["id"] == entry.id]
    import_entries(target, doc)
    assert target.get(entry.id).to_dict() == entry.to_dict()
