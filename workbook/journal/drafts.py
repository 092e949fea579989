"""A form's unsaved state (drafts) and the journal's own settings, kept in the journal file.

Both are small JSON values under a key. A draft survives a closed browser tab or a kernel
restart until the form saves or discards it; settings hold preferences such as the load
signal's thresholds (``analysis``), so they travel with the journal.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager
from typing import Any

from ..errors import ValidationError
from .connection import iso, utc_now

DRAFT_MAX_BYTES = 1_000_000


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
        """Keep a form's unsaved state (replaces any earlier draft under ``key``)."""
        data = json.dumps(payload, ensure_ascii=False, default=str)
        if len(data.encode()) > DRAFT_MAX_BYTES:
            raise ValidationError("draft", f"is larger than {DRAFT_MAX_BYTES:,} bytes.")
        with self._write() as conn:
            conn.execute(
                "INSERT INTO drafts (key, saved_at, payload) VALUES (?, ?, ?) "
                "ON CONFLICT (key) DO UPDATE SET saved_at = excluded.saved_at, payload = excluded.payload",
                (key, iso(utc_now()), data),
            )

    def get(self, key: str) -> dict[str, Any] | None:
        row = self._connection().execute("SELECT payload FROM drafts WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else None

    def discard(self, key: str) -> None:
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
        row = self._connection().execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else default

    def set(self, key: str, value: Any) -> None:
        with self._write() as conn:
            conn.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, json.dumps(value)),
            )
