"""A form's unsaved state (drafts) and the journal's own settings, kept in the journal file.

Both are small JSON values under a key. A draft survives a closed browser tab or a kernel
restart until the form saves or discards it; settings hold preferences such as the load
signal's thresholds (``analysis``), so they travel with the journal. What may be kept is
checked before anything is written (``validate.check_draft``, ``validate.check_setting``:
plain JSON with text keys, a size limit, and a setting's own rule such as ``load_signal``'s);
a stored value that breaks its setting's rule (from an older journal) reads as the default.
"""

from __future__ import annotations

import json
import sqlite3
import warnings
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager
from typing import Any

from ..errors import ValidationError
from ..validate import DRAFT_MAX_BYTES, SETTING_RULES, check_draft, check_key, check_setting
from .connection import iso, utc_now

__all__ = ["DRAFT_MAX_BYTES", "Drafts", "Settings"]


class Drafts:
    """``journal.save_draft`` and friends: one JSON payload per form key."""

    def __init__(
        self,
        connection: Callable[[], sqlite3.Connection],
        write: Callable[[], AbstractContextManager[sqlite3.Connection]],
    ) -> None:
        self._connection = connection  # the journal's: raises JournalError once it is closed
        self._write = write

    def save(self, key: str, payload: Mapping[str, Any]) -> None:
        """Keep a form's unsaved state (replaces any earlier draft under ``key``).

        ValidationError, nothing written, for a key that is not one line of text or a payload
        that is not plain JSON (``validate.check_draft``); dates and other objects are kept as text."""
        key, data = check_draft(key, payload)
        with self._write() as conn:
            conn.execute(
                "INSERT INTO drafts (key, saved_at, payload) VALUES (?, ?, ?) "
                "ON CONFLICT (key) DO UPDATE SET saved_at = excluded.saved_at, payload = excluded.payload",
                (key, iso(utc_now()), data),
            )

    def get(self, key: str) -> dict[str, Any] | None:
        """The draft under ``key``, or None (also for one that cannot be read back)."""
        row = (
            self._connection().execute("SELECT payload FROM drafts WHERE key = ?", (check_key("key", key),)).fetchone()
        )
        return _loads(row[0]) if row else None

    def discard(self, key: str) -> None:
        key = check_key("key", key)
        with self._write() as conn:
            conn.execute("DELETE FROM drafts WHERE key = ?", (key,))


class Settings:
    """``journal.setting`` / ``set_setting``: one JSON value per key."""

    def __init__(
        self,
        connection: Callable[[], sqlite3.Connection],
        write: Callable[[], AbstractContextManager[sqlite3.Connection]],
    ) -> None:
        self._connection = connection
        self._write = write

    def get(self, key: str, default: Any = None) -> Any:
        """The value under ``key``, else ``default``. A stored value that cannot be read, or
        that breaks its setting's rule (``validate.SETTING_RULES``, e.g. written by an older
        version), is ``default`` too, with a warning saying how to set it again."""
        key = check_key("key", key)
        row = self._connection().execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        if row is None:
            return default
        value = _loads(row[0], _MISSING)
        rule = SETTING_RULES.get(key)
        try:
            if value is _MISSING:
                raise ValidationError(key, "is not readable JSON.")
            if rule is not None:
                rule(value)
        except ValidationError as exc:
            warnings.warn(
                f"The saved setting {key!r} is not valid ({exc}); the default is used. "
                f"Set it again with journal.set_setting({key!r}, ...).",
                stacklevel=3,
            )
            return default
        return value

    def set(self, key: str, value: Any) -> None:
        """Keep ``value`` under ``key``; ValidationError, nothing written, for a value that is
        not plain JSON, too large, or against its setting's rule (``validate.check_setting``)."""
        key, text = check_setting(key, value)
        with self._write() as conn:
            conn.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, text),
            )


_MISSING = object()


def _loads(text: Any, default: Any = None) -> Any:
    """JSON text read back; ``default`` for a stored value that is not JSON text."""
    try:
        return json.loads(text)
    except (TypeError, ValueError, RecursionError):
        return default
