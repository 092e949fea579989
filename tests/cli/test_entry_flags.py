"""The command line's lists of entry options stay complete: a new entry field cannot be
forgotten in ``add``, ``edit``, ``--clear`` or the error messages."""

from __future__ import annotations

import click
import pytest

from workbook.cli import FLAGS, cli
from workbook.cli._options import CLEARABLE
from workbook.journal import edits
from workbook.validate import ENTRY_FIELDS

# Entry fields with no option of their own, each for a reason.
NO_FLAG = {
    "id": "given by the journal; `edit ID` names the entry but never changes its id",
    "feedback": "a supervisor's, tutor's or peer's comment, added by the library (wb.add_feedback), not by the writer",
}


def _option_dests(command: click.Command) -> set[str]:
    return {p.name for p in command.params if isinstance(p, click.Option)}


def _option_flags(command: click.Command) -> set[str]:
    return {opt for p in command.params if isinstance(p, click.Option) for opt in (*p.opts, *p.secondary_opts)}


def test_the_fields_without_a_flag_are_real_fields():
    assert set(NO_FLAG) <= set(ENTRY_FIELDS)


@pytest.mark.parametrize("name", ["add", "edit"])
def test_add_and_edit_have_an_option_for_every_entry_field(name):
    assert set(ENTRY_FIELDS) - set(NO_FLAG) <= _option_dests(cli.commands[name])


def test_every_entry_field_with_an_option_is_named_in_errors():
    assert set(ENTRY_FIELDS) - set(NO_FLAG) <= set(FLAGS)


def test_every_flag_named_in_errors_is_an_option_of_a_command():
    options = set().union(*(_option_flags(c) for c in cli.commands.values()))
    options |= set().union(*(_option_flags(c) for c in cli.commands["people"].commands.values()))
    assert set(FLAGS.values()) <= options


@pytest.mark.parametrize("name", ["add", "edit"])
def test_the_flag_errors_name_is_the_option_that_sets_the_field(name):
    """Each option's destination is the entry field's own name, so ``entry_values`` passes it on
    as it is, and an error about that field names that option."""
    command = cli.commands[name]
    for field in set(ENTRY_FIELDS) - set(NO_FLAG):
        (option,) = [p for p in command.params if p.name == field]
        assert FLAGS[field] in option.opts, field


def test_clear_offers_exactly_the_fields_the_library_can_clear():
    assert {name.replace("-", "_") for name in CLEARABLE} == set(edits.CLEARABLE)
    (clear,) = [p for p in cli.commands["edit"].params if p.name == "clear"]
    assert tuple(clear.type.choices) == CLEARABLE
