"""Drafts keep a form's unsaved state; settings keep preferences; both in the journal file."""

from __future__ import annotations

import datetime as dt

import pytest

from workbook import (
    Journal,
    ValidationError,
    WorkbookError,
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


# -- what a draft may hold -------------------------------------------------------------------
def _ids(value) -> str | None:
    """Short test ids (a 50 MB string or a 5,000-digit number makes a poor one)."""
    if isinstance(value, str) and value and len(value) < 40:
        return value.encode("ascii", "backslashreplace").decode()
    return None if isinstance(value, (bool, float)) or value is None else type(value).__name__


def _circular() -> dict:
    payload: dict = {"fields": {"title": "x"}}
    payload["fields"]["again"] = payload
    return payload


def _nested(depth: int) -> dict:
    payload: dict = {}
    for _ in range(depth):
        payload = {"a": payload}
    return payload


@pytest.mark.parametrize(
    "key, payload, field, fragment",
    [
        (["k"], {"n": 1}, "key", "must be text, not a list"),
        (5, {"n": 1}, "key", "must be text"),
        ("", {"n": 1}, "key", "cannot be empty"),
        ("two\nlines", {"n": 1}, "key", "single line"),
        ("bad \ud800", {"n": 1}, "key", "surrogate"),
        ("k", _circular(), "draft.fields.again", "contains itself"),
        ("k", {"fields": {"title": "broken \ud800"}}, "draft.fields.title", "lone surrogate at position 7"),
        ("k", {"tags": ["ok", "\udfff"]}, "draft.tags[1]", "surrogate"),
        ("k", {"\ud800": "x"}, "draft.'\\ud800'", "surrogate"),
        ("k", {1: "x"}, "draft", "keys must be text"),
        ("k", {("a", "b"): "x"}, "draft", "keys must be text"),
        ("k", {"n": float("nan")}, "draft.n", "finite"),
        ("k", {"n": 10**5000}, "draft.n", "too large"),
        ("k", _nested(100), "draft" + ".a" * 32, "more than 32 deep"),
        ("k", {"text": "x" * 1_000_001}, "draft", "at most 1,000,000"),
        ("k", {"text": "é" * 600_000}, "draft", "bytes"),  # counted in UTF-8
        ("k", ["not", "a", "mapping"], "draft", "must be a mapping"),
    ],
    ids=_ids,
)
def test_bad_draft_is_refused_and_nothing_written(journal, counts, key, payload, field, fragment):
    before = counts(journal)
    with pytest.raises(ValidationError) as info:
        journal.save_draft(key, payload)
    assert info.value.field == field, str(info.value)
    assert fragment in info.value.reason
    assert counts(journal) == before


def test_a_bad_draft_keeps_the_earlier_one(journal):
    journal.save_draft("k", {"fields": {"title": "kept"}})
    with pytest.raises(ValidationError):
        journal.save_draft("k", {"fields": {"title": "lost \ud800"}})
    assert journal.draft("k") == {"fields": {"title": "kept"}}


@pytest.mark.parametrize(
    "text",
    ["\ud800", "a\udfffb", "\ud83d", "\ud83d\ude00"[1], "x\x00y", "\x1b[2J", "\U0010ffff", "\ufeff"],
)
def test_what_a_browser_can_send_raises_only_workbook_errors(journal, text):
    """A form catches WorkbookError around save_draft: any text from a browser raises
    nothing else (broken Unicode is refused, control characters are kept as JSON escapes)."""
    payload = {"fields": {"title": text, "responses": {text: text}}, "tags": [{"tag": text}], "stage_text": {"s": text}}
    try:
        journal.save_draft("entry-new", payload)
    except WorkbookError:
        assert journal.draft("entry-new") is None
    else:
        assert journal.draft("entry-new") == payload


def test_draft_keeps_plain_values_exactly(journal):
    payload = {"a": [1, 2.5, None, True, "é✍️\t\n\x00"], "b": {"c": {"d": []}}, "when": (1, 2)}
    journal.save_draft("k", payload)
    assert journal.draft("k") == {**payload, "when": [1, 2]}


# -- what a setting may hold -----------------------------------------------------------------
@pytest.mark.parametrize(
    "value, field, fragment",
    [
        ({"window_weeks": "4"}, "load_signal.window_weeks", "whole number, not text"),
        ({"window_weeks": 4.0}, "load_signal.window_weeks", "whole number"),
        ({"window_weeks": True}, "load_signal.window_weeks", "whole number"),
        ({"window_weeks": 10**9}, "load_signal.window_weeks", "between 1 and 520"),
        ({"window_weeks": 0}, "load_signal.window_weeks", "between 1"),
        ({"heavy_level": 99}, "load_signal.heavy_level", "between 0 and 10"),
        ({"heavy_level": "7"}, "load_signal.heavy_level", "whole number"),
        ({"min_entries": -1}, "load_signal.min_entries", "between 1"),
        ({"min_heavy_weeks": 5}, "load_signal.min_heavy_weeks", "between 1 and 4"),  # window_weeks is 4
        ({"heavy_tag_intensity": 4}, "load_signal.heavy_tag_intensity", "between 1 and 3"),
        ({"min_heavy_share": "0.5"}, "load_signal.min_heavy_share", "must be a number"),
        ({"min_heavy_share": 0}, "load_signal.min_heavy_share", "above 0"),
        ({"min_heavy_share": 1.5}, "load_signal.min_heavy_share", "at most 1"),
        ({"heavy_tags": "numb"}, "load_signal.heavy_tags", "must be a list"),
        ({"heavy_tags": 5}, "load_signal.heavy_tags", "must be a list"),
        ({"heavy_tags": ["numb", 5]}, "load_signal.heavy_tags[1]", "lowercase"),
        ({"heavy_tags": ["Not An Id"]}, "load_signal.heavy_tags[0]", "lowercase"),
        ({"unknown": 1}, "load_signal.unknown", "is not a setting"),
        ({"\x1b[2J": 1}, "load_signal.'\\x1b[2J'", "is not a setting"),
        ([1, 2], "load_signal", "must be a mapping"),
        ("heavy", "load_signal", "must be a mapping"),
        (7, "load_signal", "must be a mapping"),
    ],
    ids=_ids,
)
def test_load_signal_setting_is_checked_when_written(journal, counts, value, field, fragment):
    before = counts(journal)
    with pytest.raises(ValidationError) as info:
        journal.set_setting("load_signal", value)
    assert info.value.field == field, str(info.value)
    assert fragment in info.value.reason
    assert counts(journal) == before and journal.setting("load_signal") is None


def test_a_good_load_signal_setting_is_kept_as_given(journal):
    from workbook.analysis import load_settings_from

    journal.set_setting("load_signal", {"heavy_level": 8, "window_weeks": 6, "heavy_tags": ["dread"]})
    assert journal.setting("load_signal") == {"heavy_level": 8, "window_weeks": 6, "heavy_tags": ["dread"]}
    settings = load_settings_from(journal.setting("load_signal"))
    assert (settings.heavy_level, settings.window_weeks, settings.heavy_tags) == (8, 6, ("dread",))
    journal.set_setting("load_signal", None)  # back to the defaults
    assert load_settings_from(journal.setting("load_signal")) == load_settings_from(None)


def _self_list() -> list:
    value: list = [1]
    value.append(value)
    return value


@pytest.mark.parametrize(
    "key, value, field, fragment",
    [
        ("k", object(), "k", "cannot be kept"),
        ("k", {"when": dt.date(2025, 1, 1)}, "k.when", "cannot be kept"),
        ("k", {1, 2}, "k", "cannot be kept"),
        ("k", _self_list(), "k[1]", "contains itself"),
        ("k", {1: "a"}, "k", "keys must be text"),
        ("k", "x" * 50_000_000, "k", "at most 64,000"),
        ("k", ["é" * 40_000], "k", "bytes"),
        ("k", float("inf"), "k", "finite"),
        ("k", 10**5000, "k", "too large"),
        ("k", "broken \ud800", "k", "surrogate"),
        (["k"], 1, "key", "must be text"),
        (None, 1, "key", "must be text"),
        ("", 1, "key", "cannot be empty"),
        ("k" * 201, 1, "key", "at most 200"),
    ],
    ids=_ids,
)
def test_bad_setting_is_refused_and_nothing_written(journal, counts, key, value, field, fragment):
    before = counts(journal)
    with pytest.raises(ValidationError) as info:
        journal.set_setting(key, value)
    assert info.value.field == field, str(info.value)
    assert fragment in info.value.reason
    assert counts(journal) == before


def test_reading_a_setting_with_a_bad_key_is_a_validation_error(journal):
    with pytest.raises(ValidationError):
        journal.setting(["k"])
    with pytest.raises(ValidationError):
        journal.draft(["k"])


@pytest.mark.parametrize(
    "stored",
    ['{"window_weeks": "4"}', '{"window_weeks": 1000000000}', '{"heavy_tags": 5}', "[1, 2]", "not json", '{"x": 1}'],
)
def test_a_bad_stored_load_signal_reads_as_the_defaults(journal_path, stored):
    """A value an older version let in (written here behind the journal's back) must not break
    the patterns view: it reads as the defaults, with a warning saying how to set it again."""
    import workbook as wb
    from workbook.analysis import LoadSettings, load_settings_from

    with Journal(journal_path) as j:
        with j.transaction() as conn:
            conn.execute("INSERT INTO settings (key, value) VALUES ('load_signal', ?)", (stored,))
        with pytest.warns(UserWarning, match="load_signal"):
            assert j.setting("load_signal") is None
        with pytest.warns(UserWarning, match="load_signal"):
            assert load_settings_from(j.setting("load_signal")) == LoadSettings()
        with pytest.warns(UserWarning, match="load_signal"):
            view = wb.patterns_view(j, static=True)
        assert view is not None
        with pytest.warns(UserWarning):
            assert j.setting("load_signal", {"heavy_level": 8}) == {"heavy_level": 8}  # the caller's default


@pytest.mark.parametrize("value", ["next year", "2026-02-30", 20270301, ["2027-03-01"]])
def test_the_nmc_revalidation_date_setting_is_checked_when_written(journal, value):
    with pytest.raises(ValidationError, match="^nmc_revalidation_due: "):
        journal.set_setting("nmc_revalidation_due", value)
    assert journal.setting("nmc_revalidation_due") is None


def test_a_good_nmc_revalidation_date_is_kept(journal):
    journal.set_setting("nmc_revalidation_due", "2027-03-01")
    assert journal.setting("nmc_revalidation_due") == "2027-03-01"
    journal.set_setting("nmc_revalidation_due", None)
    assert journal.setting("nmc_revalidation_due") is None
