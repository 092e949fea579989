"""The people register: pseudonyms with a role, and the aliases they stand for, kept as keyed digests

Entries name people only by pseudonym. The aliases (real names, nicknames) a practitioner
records are never stored: each is digested at once (``privacy.names``: its normalised
variants, HMAC-SHA256 under the journal's alias key, which is kept outside the journal in
``paths.alias_key_path``) and only the digests are kept, so the register can still find a
person by an alias and :meth:`People.alias_spans` can find a registered name typed into any
text, while the journal file, a backup or an export shows no name. Pseudonyms are matched
NFC, trimmed and case-folded; aliases by their normal form (``privacy.names.normalise``).
An alias is never logged, shown or quoted in an error message.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager

from ..content.vocab import tag_key as name_key
from ..errors import PersonNotFoundError, ValidationError
from ..models import PERSON_ROLES, Person
from ..privacy.names import MAX_ALIAS_WORDS, AliasIndex, digest, digest_variants, index_from_rows, normalise, variants
from ..validate import ALIASES_MAX, PSEUDONYM_MAX, check_alias_list, check_choice, check_pseudonym
from .alias_key import AliasKey

__all__ = ["ALIASES_MAX", "MAX_ALIAS_WORDS", "PSEUDONYM_MAX", "People"]


class People:
    """``journal.people``: add, list, change and look up pseudonyms; find aliases in text."""

    def __init__(
        self,
        connection: Callable[[], sqlite3.Connection],
        write: Callable[[], AbstractContextManager[sqlite3.Connection]],
        key: AliasKey | None = None,
    ) -> None:
        self._connection = connection  # the journal's: raises JournalError once it is closed
        self._write = write
        self._key = key or AliasKey(connection, in_memory=True)
        self._index: tuple[int, AliasIndex] | None = None  # (data_version seen, index)

    @property
    def _conn(self) -> sqlite3.Connection:
        return self._connection()

    # -- reading ----------------------------------------------------------------------
    def list(self) -> list[Person]:
        """Everyone in the register, by pseudonym (aliases counted, never readable)."""
        rows = self._conn.execute(
            """SELECT p.id, p.pseudonym, p.role, p.created_at,
                      (SELECT count(DISTINCT alias_no) FROM person_aliases a WHERE a.person_id = p.id)
               FROM people p ORDER BY p.pseudonym_key"""
        ).fetchall()
        return [Person(r[0], r[1], r[2], r[4], dt.datetime.fromisoformat(r[3])) for r in rows]

    def __iter__(self) -> Iterator[Person]:
        return iter(self.list())

    def __len__(self) -> int:
        return self._conn.execute("SELECT count(*) FROM people").fetchone()[0]

    def __repr__(self) -> str:
        return f"<People register: {len(self)} pseudonyms>"

    def alias_count(self) -> int:
        """How many aliases the register holds (recognisable or not)."""
        return self._conn.execute(
            "SELECT count(*) FROM (SELECT DISTINCT person_id, alias_no FROM person_aliases)"
        ).fetchone()[0]

    def can_recognise_aliases(self) -> bool:
        """False when the journal holds aliases but its alias key is missing (another computer)."""
        return self._key.get() is not None or not self.alias_count()

    def _alias_owners(self, name: str) -> set[tuple[str, str]]:
        """(id, pseudonym) of everyone with an alias that ``name`` is a variant of."""
        key = self._key.get()
        if key is None:
            return set()
        found: set[tuple[str, str]] = set()
        for form in variants(name):
            found.update(
                self._conn.execute(
                    "SELECT p.id, p.pseudonym FROM person_aliases a JOIN people p ON p.id = a.person_id WHERE a.digest = ?",
                    (digest(key, form),),
                ).fetchall()
            )
        return found

    def _row_for(self, name: str) -> tuple[str, str] | None:
        """(id, pseudonym) for a pseudonym or (unambiguous) alias, or None."""
        if not isinstance(name, str):
            return None
        row = self._conn.execute(
            "SELECT id, pseudonym FROM people WHERE pseudonym_key = ?", (name_key(name),)
        ).fetchone()
        if row:
            return row[0], row[1]
        owners = self._alias_owners(name)
        return next(iter(owners)) if len(owners) == 1 else None

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

    def alias_index(self) -> AliasIndex:
        """The registered aliases as an index over their digests (empty when the key is
        missing), rebuilt only when the journal has changed since it was last built."""
        version = self._conn.execute("PRAGMA data_version").fetchone()[0]
        changes = self._conn.total_changes
        stamp = version * 1_000_003 + changes
        if self._index is not None and self._index[0] == stamp:
            return self._index[1]
        key = self._key.get()
        rows = self._conn.execute(
            "SELECT a.digest, a.head, p.pseudonym FROM person_aliases a JOIN people p ON p.id = a.person_id "
            "ORDER BY p.pseudonym_key"
        ).fetchall()
        index = index_from_rows(key, rows) if key is not None else AliasIndex(b"", {}, ())
        self._index = (stamp, index)
        return index

    def alias_spans(self, text: str) -> list[tuple[int, int, str]]:
        """Every registered alias in ``text`` as (start, end, pseudonym), longest first where
        they overlap; in any casing, with or without accents, with a possessive ('s) left
        outside the span. Empty when the journal's alias key is missing."""
        if not isinstance(text, str):
            raise ValidationError("text", f"must be text, not {type(text).__name__}.")
        return self.alias_index().spans(text)

    # -- writing ----------------------------------------------------------------------
    def check_aliases(self, aliases: Iterable[str] | None, own_id: str | None) -> list[str]:
        """Clean aliases, or ValidationError (for importers and forms as well as ``add``):
        ``validate.check_alias_list`` (a list of names; None: none), each with letters or
        digits and at most ``MAX_ALIAS_WORDS`` words, none of them anyone else's pseudonym;
        repeats are kept once. The names are returned, never kept; errors never quote them."""
        clean: list[str] = []
        seen: set[str] = set()
        pseudonyms = self._pseudonym_forms(own_id)
        for i, alias in enumerate(check_alias_list("aliases", aliases)):
            form = normalise(alias)
            if not form:
                raise ValidationError(f"aliases[{i}]", "has no letters or digits: an alias is a name.")
            if form.count(" ") + 1 > MAX_ALIAS_WORDS:
                raise ValidationError(
                    f"aliases[{i}]", f"has more than {MAX_ALIAS_WORDS} words; record a shorter form of the name."
                )
            if name_key(alias) in pseudonyms or form in pseudonyms:
                raise ValidationError(
                    f"aliases[{i}]", "is already someone's pseudonym; an alias is a real name or nickname."
                )
            if form not in seen:
                seen.add(form)
                clean.append(alias)
        return clean

    def _pseudonym_forms(self, own_id: str | None) -> set[str]:
        """Everyone else's pseudonyms, as keys and as normal forms."""
        forms: set[str] = set()
        for pid, pseudonym, key in self._conn.execute("SELECT id, pseudonym, pseudonym_key FROM people"):
            if pid != own_id:
                forms.update((key, normalise(pseudonym)))
        return forms

    def check_pseudonym(self, pseudonym: str, own_id: str | None) -> str:
        """A clean, unused pseudonym, or ValidationError; it may not be anyone's alias (a
        digest check: with the alias key missing this part cannot be checked)."""
        pseudonym = check_pseudonym("pseudonym", pseudonym)
        key = name_key(pseudonym)
        row = self._conn.execute("SELECT id FROM people WHERE pseudonym_key = ?", (key,)).fetchone()
        if row and row[0] != own_id:
            raise ValidationError("pseudonym", f"{pseudonym!r} is already in the register; choose another pseudonym.")
        if any(pid != own_id for pid, _ in self._alias_owners(pseudonym)):
            raise ValidationError(
                "pseudonym",
                "is one of the real names or nicknames recorded as an alias; a pseudonym must not be a real name.",
            )
        return pseudonym

    def add(self, pseudonym: str, role: str, aliases: Iterable[str] | None = ()) -> Person:
        """Add a pseudonym with a role (one of ``models.PERSON_ROLES``) and optional aliases
        (a list of names; None means none), which are kept only as keyed digests. A wrong
        type is a ValidationError naming the field."""
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
            self._write_aliases(conn, pid, list(aliases))
            ids.append(pid)
        return ids

    def _write_aliases(self, conn: sqlite3.Connection, person_id: str, aliases: list[str]) -> None:
        """Replace a person's aliases by the digests of the variants of ``aliases``."""
        conn.execute("DELETE FROM person_aliases WHERE person_id = ?", (person_id,))
        if not aliases:
            return
        key = self._key.for_new_aliases(conn)
        conn.executemany(
            "INSERT OR IGNORE INTO person_aliases (person_id, alias_no, digest, head) VALUES (?, ?, ?, ?)",
            [
                (person_id, number, v.digest, v.head if v.n_words > 1 else None)
                for number, alias in enumerate(aliases)
                for v in digest_variants(key, alias)
            ],
        )

    def update(
        self, name: str, *, pseudonym: str | None = None, role: str | None = None, aliases: Iterable[str] | None = None
    ) -> Person:
        """Rename, change the role, or replace the aliases of a person (entries follow).

        An argument left as None is kept as it is (``aliases=[]`` removes every alias; the
        aliases kept cannot be read back, so new ones replace all of them)."""
        new_role_given = check_choice("role", role, PERSON_ROLES, optional=False) if role is not None else None
        with self._write() as conn:  # read and checked inside the write, so two kernels cannot both pass
            person = self.get(name)
            new_pseudonym = self.check_pseudonym(pseudonym, person.id) if pseudonym is not None else person.pseudonym
            new_role = new_role_given or person.role
            conn.execute(
                "UPDATE people SET pseudonym = ?, pseudonym_key = ?, role = ? WHERE id = ?",
                (new_pseudonym, name_key(new_pseudonym), new_role, person.id),
            )
            if aliases is not None:
                self._write_aliases(conn, person.id, self.check_aliases(aliases, person.id))
            if new_pseudonym != person.pseudonym:
                self._rename_in_earlier_versions(conn, person.pseudonym, new_pseudonym)
        return self.get(new_pseudonym)

    @staticmethod
    def _rename_in_earlier_versions(conn: sqlite3.Connection, old: str, new: str) -> None:
        """Earlier versions name people by pseudonym: rename them there too, so the history
        shows one person under one name and an earlier version can still be restored."""
        rows = conn.execute(
            "SELECT rowid, snapshot FROM revisions WHERE EXISTS "
            "(SELECT 1 FROM json_each(revisions.snapshot, '$.people') WHERE value = ?)",
            (old,),
        ).fetchall()
        for rowid, snapshot in rows:
            data = json.loads(snapshot)
            data["people"] = [new if p == old else p for p in data["people"]]
            conn.execute(
                "UPDATE revisions SET snapshot = ? WHERE rowid = ?", (json.dumps(data, ensure_ascii=False), rowid)
            )

    def uses(self, name: str) -> int:
        """How many entries (in the journal or its trash) name this person."""
        pid = self.id_for(name)
        return self._conn.execute(
            "SELECT count(DISTINCT entry_id) FROM entry_people WHERE person_id = ?", (pid,)
        ).fetchone()[0]

    def remove(self, name: str) -> Person:
        """Take someone out of the register, with their aliases' digests; returns who it was.

        Refused (a ValidationError saying how many) while any entry, in the journal or its
        trash, names them: rename them instead, or take them off those entries first. The
        count is made inside the write, so an entry saved by another kernel meanwhile counts."""
        with self._write() as conn:
            person = self.get(name)
            used = self.uses(person.pseudonym)
            if used:
                entries = "1 entry names" if used == 1 else f"{used} entries name"
                raise ValidationError(
                    "person",
                    f"{person.pseudonym!r} cannot be removed: {entries} them (trash included). "
                    "Rename them instead, or take them off those entries first.",
                )
            conn.execute("DELETE FROM person_aliases WHERE person_id = ?", (person.id,))
            conn.execute("DELETE FROM people WHERE id = ?", (person.id,))
        return person
