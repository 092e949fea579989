"""ValidationError: the one parser of field paths, and prefixes for nested writers."""

from __future__ import annotations

import pytest

from workbook.errors import FieldPath, ValidationError


@pytest.mark.parametrize(
    ("field", "parts"),
    [
        ("title", FieldPath("title", None, "")),
        ("tags[2].intensity", FieldPath("tags", 2, "intensity")),
        ("responses.description", FieldPath("responses", None, "description")),
        ("people[0]", FieldPath("people", 0, "")),
        ("entries[3].tags[1].anchor.start", FieldPath("entries", 3, "tags[1].anchor.start")),
        ("", FieldPath("", None, "")),
    ],
)
def test_parts_take_a_field_path_apart(field, parts):
    assert ValidationError(field, "is wrong.").parts == parts


def test_reason_is_the_message_without_the_field():
    error = ValidationError("tags[2].intensity", "must be from 1 to 5.")
    assert str(error) == "tags[2].intensity: must be from 1 to 5." and error.reason == "must be from 1 to 5."


def test_within_puts_a_prefix_in_front_and_keeps_the_reason():
    with pytest.raises(ValidationError) as error, ValidationError.within("entries[3]"):
        raise ValidationError("tags[0].tag", "is not a tag.")
    assert error.value.field == "entries[3].tags[0].tag" and error.value.reason == "is not a tag."
    assert error.value.__cause__ is None and error.value.__suppress_context__


def test_within_lets_other_errors_through_unchanged():
    with pytest.raises(KeyError), ValidationError.within("entries[0]"):
        raise KeyError("x")


def test_conflict_error_says_in_one_line_what_happened_and_what_to_do():
    import workbook as wb
    from workbook.errors import ConflictError, WorkbookError

    error = ConflictError("3f2a1b2c-0000", current_revision=4, expected_revision=2)
    assert wb.ConflictError is ConflictError and isinstance(error, WorkbookError)
    assert not isinstance(error, ValidationError)
    assert (error.entry_id, error.current_revision, error.expected_revision) == ("3f2a1b2c-0000", 4, 2)
    message = str(error)
    assert "\n" not in message and message == error.message
    for words in ("changed elsewhere", "revision 4", "revision 2", "Nothing was saved", "reopen"):
        assert words in message
