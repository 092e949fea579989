"""The people register: pseudonyms with a role, and the aliases they stand for.

Entries name people only by pseudonym. The aliases (real names, nicknames) a
practitioner records stay in the journal; later they let the workbook find and remove
identities from anything that is shared. Pseudonyms and aliases are matched NFC,
trimmed and case-folded.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager

from ..content.vocab import tag_key as name_key
from ..errors import PersonNotFoundError, ValidationError
from ..models import PERSON_ROLES, Person
from ..validate import ALIASES_MAX, PSEUDONYM_MAX, check_alias_list, check_choice, check_pseudonym

__all__ = ["ALIASES_MAX", "PSEUDONYM_MAX", "People"]


class People:
    """``journal.people``: add, list, change and look up pseudonyms."""

    def __init__(
        self,
        connection: Callable[[], sqlite3.Connection],
        write: Callable[[], AbstractContextManager[sqlite3.Connection]],
    ) -> None:
        self._connection = connection  # the journal's: raises JournalError once it is closed
        self._write = write

    @property
    def _conn(self) -> sqlite3.Connection:
        return self._connection()

    # -- reading ----------------------------------------------------------------------
    def list(self) -> list[Person]:
        """Everyone in the register, by pseudonym."""
        rows = self._conn.execute(
            "SELECT id, pseudonym, role, created_at FROM people ORDER BY pseudonym_key"
        ).fetchall()
        aliases: dict[str, list[str]] = {}
        for pid, alias in self._conn.execute("SELECT person_id, alias FROM person_aliases ORDER BY rowid"):
            aliases.setdefault(pid, []).append(alias)
        return [Person(r[0], r[1], r[2], tuple(aliases.get(r[0], ())), dt.datetime.fromisoformat(r[3])) for r in rows]

    def __iter__(self) -> Iterator[Person]:
        return iter(self.list())

    def __len__(self) -> int:
        return self._conn.execute("SELECT count(*) FROM people").fetchone()[0]

    def __repr__(self) -> str:
        return f"<People register: {len(self)} pseudonyms>"

    def _row_for(self, name: str) -> tuple[str, str] | None:
        """(id, pseudonym) for a pseudonym or alias, or None."""
        if not isinstance(name, str):
            return None
        key = name_key(name)
        row = self._conn.execute("SELECT id, pseudonym FROM people WHERE pseudonym_key = ?", (key,)).fetchone()
        if row:
            return row[0], row[1]
        rows = self._conn.execute(
            "SELECT p.id, p.pseudonym FROM person_aliases a JOIN people p ON p.id = a.person_id WHERE a.alias_key = ?",
            (key,),
        ).fetchall()
        return (rows[0][0], rows[0][1]) if len(rows) == 1 else None

    def has_pseudonym(self, name: str) -> bool:
        """True if ``name`` is someone's pseudonym (aliases not counted)."""
        key = name_key(name)
        return self._conn.execute("SELECT 1 FROM people WHERE pseudonym_key = ?", (key,)).fetchone() is not None

    def find_pseudonym(self, name: str) -> str | None:
        """The register's pseudonym for a pseudonym or (unambiguous) alias, else None."""
        row = self._row_for(name)
        return row[1] if row else None

    def id_for(self, pseudonym: str) -> str:
        row = self._row_for(pseudonym)
        if row is None:
            raise PersonNotFoundError(f"No one called {pseudonym!r} in the people register.")
        return row[0]

    def get(self, name: str) -> Person:
        """The person with this pseudonym or alias."""
        pid = self.id_for(name)
        return next(p for p in self.list() if p.id == pid)

    def aliases(self) -> dict[str, str]:
        """Every alias → its pseudonym: what de-identification replaces."""
        return dict(
            self._conn.execute(
                "SELECT a.alias, p.pseudonym FROM person_aliases a JOIN people p ON p.id = a.person_id"
            ).fetchall()
        )

    # -- writing ----------------------------------------------------------------------
    def check_aliases(self, aliases: Iterable[str] | None, own_id: str | None) -> list[str]:
        """Clean aliases, or ValidationError (for importers and forms as well as ``add``):
        ``validate.check_alias_list`` (a list of names; None: none), none of them anyone
        else's pseudonym; repeats are kept once."""
        clean: list[str] = []
        for i, alias in enumerate(check_alias_list("aliases", aliases)):
            row = self._conn.execute("SELECT id FROM people WHERE pseudonym_key = ?", (name_key(alias),)).fetchone()
            if row and row[0] != own_id:
                raise ValidationError(f"aliases[{i}]", f"{alias!r} is already someone's pseudonym.")
            if name_key(alias) not in {name_key(a) for a in clean}:
                clean.append(alias)
        return clean

    def check_pseudonym(self, pseudonym: str, own_id: str | None) -> str:
        """A clean, unused pseudonym, or ValidationError."""
        pseudonym = check_pseudonym("pseudonym", pseudonym)
        key = name_key(pseudonym)
        row = self._conn.execute("SELECT id FROM people WHERE pseudonym_key = ?", (key,)).fetchone()
        if row and row[0] != own_id:
            raise ValidationError("pseudonym", f"{pseudonym!r} is already in the register; choose another pseudonym.")
        alias = self._conn.execute("SELECT person_id FROM person_aliases WHERE alias_key = ?", (key,)).fetchone()
        if alias and alias[0] != own_id:
            raise ValidationError(
                "pseudonym",
                "is one of the real names or nicknames recorded as an alias; a pseudonym must not be a real name.",
            )
        return pseudonym

    def add(self, pseudonym: str, role: str, aliases: Iterable[str] | None = ()) -> Person:
        """Add a pseudonym with a role (one of ``models.PERSON_ROLES``) and optional aliases
        (a list of names; None means none). A wrong type is a ValidationError naming the field."""
        role = check_choice("role", role, PERSON_ROLES, optional=False)  # type: ignore[assignment]
        with self._write() as conn:  # checked inside the write, so two kernels cannot both pass
            pseudonym = self.check_pseudonym(pseudonym, None)
            clean_aliases = self.check_aliases(aliases, None)
            self.insert_rows(conn, [(pseudonym, role, clean_aliases)])  # type: ignore[list-item]
        return self.get(pseudonym)

    def insert_rows(self, conn: sqlite3.Connection, rows: Iterable[tuple[str, str, Iterable[str]]]) -> list[str]:
        """Write checked people, each (pseudonym, role, aliases), inside the caller's
        transaction; returns their new ids. The one writer of new people: ``add`` and the
        importer use it after ``check_pseudonym`` / ``check_aliases``."""
        now = dt.datetime.now(dt.timezone.utc).isoformat()
        ids = []
        for pseudonym, role, aliases in rows:
            pid = str(uuid.uuid4())
            conn.execute(
                "INSERT INTO people (id, pseudonym, pseudonym_key, role, created_at) VALUES (?, ?, ?, ?, ?)",
                (pid, pseudonym, name_key(pseudonym), role, now),
            )
            conn.executemany(
                "INSERT INTO person_aliases (person_id, alias, alias_key) VALUES (?, ?, ?)",
                [(pid, a, name_key(a)) for a in aliases],
            )
            ids.append(pid)
        return ids

    def update(
        self, name: str, *, pseudonym: str | None = None, role: str | None = None, aliases: Iterable[str] | None = None
    ) -> Person:
        """Rename, change the role, or replace the aliases of a person (entries follow).

        An argument left as None is kept as it is (``aliases=[]`` removes every alias)."""
        new_role_given = check_choice("role", role, PERSON_ROLES, optional=False) if role is not None else None
        with self._write() as conn:  # read and checked inside the write, so two kernels cannot both pass
            person = self.get(name)
            new_pseudonym = self.check_pseudonym(pseudonym, person.id) if pseudonym is not None else person.pseudonym
            new_role = new_role_given or person.role
            new_aliases = self.check_aliases(aliases, person.id) if aliases is not None else list(person.aliases)
            conn.execute(
                "UPDATE people SET pseudonym = ?, pseudonym_key = ?, role = ? WHERE id = ?",
                (new_pseudonym, name_key(new_pseudonym), new_role, person.id),
            )
            conn.execute("DELETE FROM person_aliases WHERE person_id = ?", (person.id,))
            conn.executemany(
                "INSERT INTO person_aliases (person_id, alias, alias_key) VALUES (?, ?, ?)",
                [(person.id, a, name_key(a)) for a in new_aliases],
            )
        return self.get(new_pseudonym)
