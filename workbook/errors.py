"""The workbook's exceptions.

Every error a person can cause (a bad field, a missing entry, a journal from a newer
version, an entry changed elsewhere since it was opened) is a :class:`WorkbookError`
whose message says what went wrong and what is allowed. Forms and the command line
show ``str(error)``; any other exception is a bug.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from typing import NamedTuple

_FIELD_RE = re.compile(r"([^.\[]*)(?:\[(\d+)\])?\.?(.*)", re.DOTALL)


class FieldPath(NamedTuple):
    """A ``ValidationError.field`` taken apart: ``"tags[2].intensity"`` -> ("tags", 2, "intensity")."""

    base: str  # the entry field ("tags", "responses", "title", ...)
    index: int | None  # the item of a list field, if any
    rest: str  # what follows inside it ("intensity"; "description" for "responses.description")


class WorkbookError(Exception):
    """Base class for every error the workbook reports to a person."""

    @property
    def message(self) -> str:
        return str(self)


class ValidationError(WorkbookError, ValueError):
    """A field was given a value that is not allowed; nothing was written.

    ``field`` names the field (dotted for nested values, e.g. ``"tags[2].intensity"``).
    """

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(f"{field}: {message}")

    @property
    def reason(self) -> str:
        """The message without the field name in front (for showing beside a field)."""
        return str(self)[len(self.field) + 2 :]

    @property
    def parts(self) -> FieldPath:
        """The field taken apart (the one parser of field paths; forms and the CLI use it)."""
        match = _FIELD_RE.fullmatch(self.field)
        assert match is not None  # the pattern matches every string
        base, index, rest = match.groups()
        return FieldPath(base, int(index) if index is not None else None, rest)

    @staticmethod
    @contextlib.contextmanager
    def within(prefix: str) -> Iterator[None]:
        """Re-raise a ValidationError from inside with ``prefix`` in front of its field:
        ``with ValidationError.within("entries[3]"): ...`` turns ``title`` into ``entries[3].title``."""
        try:
            yield
        except ValidationError as exc:
            raise ValidationError(f"{prefix}.{exc.field}" if prefix else exc.field, exc.reason) from None


class NotFoundError(WorkbookError, LookupError):
    """Something asked for by id or name does not exist."""


class EntryNotFoundError(NotFoundError):
    """No entry has the id asked for."""

    def __init__(self, entry_id: str) -> None:
        self.entry_id = entry_id
        super().__init__(f"No entry with id {entry_id!r} in this journal.")


class PersonNotFoundError(NotFoundError):
    """No person in the register has that pseudonym."""


class ConflictError(WorkbookError):
    """An edit was made from a revision of an entry that is no longer the newest: another
    window or kernel saved the entry since it was opened. Nothing was saved.

    ``entry_id``, ``current_revision`` (the newest) and ``expected_revision`` (the one the
    edit was made from) let a form offer to reopen the newest version. The message holds
    no journal text.
    """

    def __init__(self, entry_id: str, current_revision: int, expected_revision: int) -> None:
        self.entry_id = entry_id
        self.current_revision = current_revision
        self.expected_revision = expected_revision
        super().__init__(
            f"This entry was changed elsewhere (another window or kernel saved revision {current_revision}; "
            f"you opened revision {expected_revision}). Nothing was saved: reopen it to see the newest "
            "version, then make your change again."
        )


class JournalError(WorkbookError):
    """The journal file cannot be used as it is."""


class CorruptJournalError(JournalError):
    """The file is not a readable journal. It is left exactly as it was."""


class SchemaTooNewError(JournalError):
    """The journal was written by a newer version of the workbook."""


class DataFileError(WorkbookError):
    """A vocabulary or template file is broken; names the file and the line."""

    def __init__(self, path: str, line: int | None, problem: str) -> None:
        self.path = path
        self.line = line
        where = f"{path}, line {line}" if line else path
        super().__init__(f"{where}: {problem}")
