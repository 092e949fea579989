"""A journal's alias key: found by the journal's uid outside the journal, made when first needed

The register keeps aliases only as digests keyed with this key (``privacy.names``). The key
lives in ``paths.alias_key_path(uid)`` (the user data folder), never in the journal, so the
journal file, a backup or an export alone cannot test a guessed name. The journal keeps only
its random uid (table ``journal_uid``, migration ``0004_aliases_as_keyed_digests``).

A journal moved to another computer without its key file still counts its aliases but can no
longer recognise them; ``workbook doctor`` says so, and new aliases are refused until the key
file is copied back or the unrecognisable aliases are removed. An in-memory journal keeps its
key in memory only.
"""

from __future__ import annotations

import secrets
import sqlite3
from collections.abc import Callable
from pathlib import Path

from ..errors import JournalError
from ..paths import alias_key_path
from ..privacy.names import KEY_BYTES, create_key, read_key

MISSING = "the alias key for this journal is missing"


def journal_uid(conn: sqlite3.Connection) -> str | None:
    """The journal's random uid, or None (a journal from before aliases were digests)."""
    try:
        row = conn.execute("SELECT uid FROM journal_uid").fetchone()
    except sqlite3.OperationalError:
        return None
    return row[0] if row else None


def key_path(conn: sqlite3.Connection) -> Path | None:
    """Where this journal's alias key is kept, or None if the journal has no (valid) uid."""
    uid = journal_uid(conn)
    try:
        return alias_key_path(uid) if isinstance(uid, str) and uid else None
    except ValueError:  # not a uid this workbook wrote: never let it point the key elsewhere
        return None


def stored_key(conn: sqlite3.Connection) -> bytes | None:
    """The key in this journal's key file, or None if there is none or it is damaged."""
    path = key_path(conn)
    if path is None:
        return None
    try:
        return read_key(path)
    except (OSError, ValueError):
        return None


def key_for_writing(conn: sqlite3.Connection) -> bytes:
    """The key in this journal's key file, made now if there is none (for the migration step)."""
    path = key_path(conn)
    if path is None:
        raise JournalError("This journal has no uid, so its alias key cannot be found; open it to migrate it.")
    return stored_key(conn) or create_key(path)


class AliasKey:
    """The key of one open journal, read once and kept for the session."""

    def __init__(self, connection: Callable[[], sqlite3.Connection], in_memory: bool) -> None:
        self._connection = connection
        self._in_memory = in_memory
        self._key: bytes | None = None

    def __repr__(self) -> str:
        return "<AliasKey (not shown)>"

    def get(self) -> bytes | None:
        """The key, or None when its file is missing (aliases cannot be recognised)."""
        if self._key is None and not self._in_memory:
            self._key = stored_key(self._connection())
        return self._key

    def for_new_aliases(self, conn: sqlite3.Connection) -> bytes:
        """The key to digest new aliases with, made if this journal has none and holds no
        digests yet. Refused (JournalError) when digests exist whose key is missing: a new
        key would make the journal hold aliases of two keys, one of them lost."""
        key = self.get()
        if key is not None:
            return key
        if conn.execute("SELECT 1 FROM person_aliases LIMIT 1").fetchone():
            where = key_path(conn) or "a place this journal's uid does not name"
            raise JournalError(
                f"No alias can be recorded: {MISSING} (it is kept apart from the journal, at "
                f"{where}). Copy that file from the computer where the journal was made, "
                "or remove the aliases that can no longer be recognised (journal.people.update(name, aliases=[]))."
            )
        if self._in_memory:
            self._key = secrets.token_bytes(KEY_BYTES)
        else:
            path = key_path(conn)
            if path is None:
                raise JournalError("This journal has no uid, so its alias key cannot be found.")
            self._key = create_key(path)
        return self._key
