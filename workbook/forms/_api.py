"""What the forms need from a journal, as a Protocol.

Forms never open a database or run SQL: they are handed an object with these methods
(a :class:`workbook.Journal` is one) and call nothing else.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    import datetime as dt

    from ..content.vocab import Vocabulary
    from ..models import Entry, Person, Revision, Template


class PeopleRegister(Protocol):
    """``journal.people``: the pseudonyms an entry may name."""

    def list(self) -> list[Person]: ...

    def add(self, pseudonym: str, role: str, aliases: Iterable[str] = ()) -> Person: ...


class JournalAPI(Protocol):
    """The journal methods the forms call (``workbook.Journal`` provides them all)."""

    people: PeopleRegister

    def vocabulary(self) -> Vocabulary: ...

    def templates(self) -> Mapping[str, Template]: ...

    def add(self, **fields: Any) -> Entry: ...

    def update(self, entry_id: str, **changes: Any) -> Entry: ...

    def get(self, entry_id: str) -> Entry: ...

    def entry_ids(self, **filters: Any) -> list[str]: ...

    def search(self, text: str, *, limit: int = 50) -> list[Entry]: ...

    def history(self, entry_id: str) -> list[Revision]: ...

    def delete(self, entry_id: str) -> None: ...

    def restore(self, entry_id: str) -> Entry: ...

    def restore_revision(self, entry_id: str, revision: int, *, expected_revision: int | None = None) -> Entry: ...

    def restored_from(self, entry_id: str) -> dict[int, int]: ...

    def add_feedback(
        self,
        entry_id: str,
        author_role: str,
        text: str,
        given_on: dt.date | str | None = None,
        *,
        id: str | None = None,
        function: str | None = None,
    ) -> Entry: ...

    def set_action_status(self, entry_id: str, action_id: str, status: str) -> Entry: ...

    def save_draft(self, key: str, payload: Mapping[str, Any]) -> None: ...

    def draft(self, key: str) -> dict[str, Any] | None: ...

    def discard_draft(self, key: str) -> None: ...
