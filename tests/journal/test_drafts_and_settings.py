"""Drafts keep a form's unsaved state; settings keep preferences; both in the journal file."""

from __future__ import annotations

import datetime as dt

import pytest

from workbook import (
    Journal,
    ValidationError,
)

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
