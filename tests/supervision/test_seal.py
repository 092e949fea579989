"""A pack's seal: made by one journal, it verifies there and nowhere else, and any edit breaks it."""

from __future__ import annotations

import datetime as dt

import pytest

import workbook as wb
from workbook.errors import JournalError, ValidationError
from workbook.supervision.seal import SEALED_KEYS, new_manifest, seal, verify


@pytest.fixture
def file_journal(tmp_path):
    j = wb.Journal(tmp_path / "j" / "journal.db")
    yield j
    j.close()


def test_a_manifest_verifies_with_its_journal_after_reopening(tmp_path):
    path = tmp_path / "j" / "journal.db"
    with wb.Journal(path) as j:
        entry = j.add(title="Family meeting")
        manifest = new_manifest(j, [entry.id], role="peer", made_on=dt.date(2026, 3, 1))
    assert set(manifest) == {*SEALED_KEYS, "seal"}
    assert manifest["made_on"] == "2026-03-01" and manifest["entries"] == [entry.id]
    with wb.Journal(path) as again:
        assert verify(again, manifest)


@pytest.mark.parametrize(
    "change",
    [
        {"entries": []},
        {"role": "supervisor"},
        {"made_on": "2026-03-02"},
        {"pack_id": "00000000-0000-4000-8000-000000000000"},
        {"format": 2},
        {"seal": "0" * 64},
    ],
)
def test_any_edit_to_the_manifest_breaks_the_seal(file_journal, change):
    entry = file_journal.add(title="Family meeting")
    manifest = new_manifest(file_journal, [entry.id], role="peer")
    assert verify(file_journal, manifest)
    assert not verify(file_journal, {**manifest, **change})


def test_a_pack_from_another_journal_does_not_verify(tmp_path, file_journal):
    entry = file_journal.add(title="Family meeting")
    manifest = new_manifest(file_journal, [entry.id])
    with wb.Journal(tmp_path / "other" / "journal.db") as other:
        assert not verify(other, manifest)
        # even with the other journal's uid put in, the key differs
        forged = {**manifest, "journal_uid": new_manifest(other, [])["journal_uid"]}
        assert not verify(other, forged)


def test_verify_refuses_what_is_not_a_manifest(file_journal):
    assert not verify(file_journal, None)
    assert not verify(file_journal, {"entries": []})
    assert not verify(file_journal, {"seal": "x"})


def test_in_memory_journals_each_have_their_own_key():
    a, b = wb.open_journal(":memory:"), wb.open_journal(":memory:")
    manifest = new_manifest(a, [])
    assert verify(a, manifest) and not verify(b, {**manifest, "journal_uid": new_manifest(b, [])["journal_uid"]})


def test_the_role_and_the_entries_are_checked(file_journal):
    with pytest.raises(ValidationError, match="role"):
        new_manifest(file_journal, [], role="manager")
    with pytest.raises(ValidationError, match="twice"):
        new_manifest(file_journal, ["a", "a"])
    with pytest.raises(ValidationError, match="missing"):
        seal(file_journal, {"entries": []})


def test_a_journal_whose_alias_key_is_lost_cannot_seal(tmp_path):
    path = tmp_path / "j" / "journal.db"
    with wb.Journal(path) as j:
        j.people.add("Parent A", "parent", aliases=["Quenby Thistlewood"])
        from workbook.journal.alias_key import key_path

        key_path(j.connection).unlink()
    with wb.Journal(path) as j:
        with pytest.raises(JournalError, match="alias key is missing"):
            new_manifest(j, [])
        assert not verify(j, {"seal": "0" * 64, "journal_uid": "x"})
