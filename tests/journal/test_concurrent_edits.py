"""Two journals on one file: an update from a stale copy is refused; writes are seen."""

from __future__ import annotations

import pytest

from workbook import (
    Journal,
    ValidationError,
    WorkbookError,
)

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
