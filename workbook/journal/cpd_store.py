"""CPD and revalidation records kept in the journal (table ``cpd_records``, step 0007).

The journal keeps what ``workbook.cpd.record`` built and checked: the kind, the day the
record was made, the entries it was made from, and its fields as JSON. Here only the shape
is checked (the kind, each field name allowed for the kind, text or a list of short ids, the
sizes, the entries existing); the rules of each field (required, lengths, theme and
standard ids) are ``workbook.cpd.record``'s. There is no field for another person's name,
PIN or email: a reflective discussion's record cannot hold them.

``repr`` and ``str`` of a record show its id, kind, date and counts, never its text.

An import (``workbook.exchange``) brings records back from an export through
:func:`check_record_row` (the same checks as :meth:`CpdRecords.add`, and the id and stamp
kept) and :func:`insert_record_rows`.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import uuid
from collections.abc import Callable, Collection, Iterable, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from ..errors import NotFoundError, ValidationError
from ..validate import check_choice, check_date, check_keys, check_stamp, check_text
from .connection import iso, utc_now
from .cpd_schema import CPD_KINDS

__all__ = [
    "CPD_FIELD_NAMES",
    "CPD_KINDS",
    "RECORD_KEYS",
    "CpdRecords",
    "StoredCpdRecord",
    "check_record_row",
    "insert_record_rows",
    "record_ids",
]

#: The field names each kind of record may hold (in the order of the regulator's form).
CPD_FIELD_NAMES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "swe": (
            "cpd_type",
            "description_relevance",
            "occurred_on",
            "learned",
            "impact_practice",
            "impact_people",
            "peer_reflection",
            "peer_role",
            "standards",
        ),
        "nmc-account": ("nature", "learned", "changed", "code_relevance", "code_themes"),
        "nmc-discussion": ("account_ids", "discussed", "learned"),
    }
)
#: Longest text a field may hold, in characters.
FIELD_TEXT_MAX = 20_000
#: Most items in a list field (themes, standards, account ids) and the longest item.
LIST_MAX, ITEM_MAX = 50, 64
#: Most entries one record may be made from.
ENTRIES_MAX = 200


@dataclass(frozen=True, repr=False)
class StoredCpdRecord:
    """One record as the journal keeps it; ``fields`` is read-only."""

    id: str
    kind: str
    made_on: dt.date
    entry_ids: tuple[str, ...]
    fields: Mapping[str, Any]
    created_at: str

    def __repr__(self) -> str:
        return (
            f"<StoredCpdRecord {self.id} {self.kind} made {self.made_on.isoformat()}: "
            f"{len(self.entry_ids)} entries, {len(self.fields)} fields>"
        )

    __str__ = __repr__


def _check_fields(kind: str, fields: Any) -> dict[str, Any]:
    if not isinstance(fields, Mapping):
        raise ValidationError("fields", "must be a mapping of field names to text or lists of ids.")
    allowed = CPD_FIELD_NAMES[kind]
    clean: dict[str, Any] = {}
    for key, value in fields.items():
        if key not in allowed:
            shown = key if isinstance(key, str) and key.isidentifier() and len(key) <= 40 else "a field"
            raise ValidationError(shown, f"is not a field of a {kind} record; allowed fields are {', '.join(allowed)}.")
        if isinstance(value, str):
            clean[key] = check_text(key, value, max_len=FIELD_TEXT_MAX)
        elif isinstance(value, (list, tuple)):
            if len(value) > LIST_MAX:
                raise ValidationError(key, f"holds {len(value)} items; at most {LIST_MAX} are allowed.")
            clean[key] = [
                check_text(f"{key}[{i}]", item, max_len=ITEM_MAX, multiline=False, required=True)
                for i, item in enumerate(value)
            ]
        elif value is None:
            continue
        else:
            raise ValidationError(key, "must be text or a list of ids.")
    return clean


def _entry_in(conn: sqlite3.Connection) -> Callable[[str], bool]:
    return lambda entry_id: conn.execute("SELECT 1 FROM entries WHERE id = ?", (entry_id,)).fetchone() is not None


def _check_entry_ids(entry_exists: Callable[[str], bool], entry_ids: Iterable[str]) -> list[str]:
    ids: list[str] = []
    for i, entry_id in enumerate(entry_ids):
        check_text(f"entry_ids[{i}]", entry_id, max_len=ITEM_MAX, multiline=False, required=True)
        if not entry_exists(entry_id):
            raise ValidationError(f"entry_ids[{i}]", "is not an entry of this journal.")
        if entry_id not in ids:
            ids.append(entry_id)
    if len(ids) > ENTRIES_MAX:
        raise ValidationError("entry_ids", f"holds {len(ids)} entries; at most {ENTRIES_MAX} are allowed.")
    return ids


def _row_to_record(row: tuple[Any, ...]) -> StoredCpdRecord:
    record_id, kind, made_on, entry_ids, fields, created_at = row
    return StoredCpdRecord(
        record_id,
        kind,
        dt.date.fromisoformat(made_on),
        tuple(json.loads(entry_ids)),
        MappingProxyType(json.loads(fields)),
        created_at,
    )


_COLUMNS = "id, kind, made_on, entry_ids, fields, created_at"
#: The keys of a record in an export (``StoredCpdRecord``'s, with dates as ISO text).
RECORD_KEYS = ("id", "kind", "made_on", "entry_ids", "fields", "created_at")


def record_to_dict(record: StoredCpdRecord) -> dict[str, Any]:
    """A record as an export writes it (:data:`RECORD_KEYS`)."""
    return {
        "id": record.id,
        "kind": record.kind,
        "made_on": record.made_on.isoformat(),
        "entry_ids": list(record.entry_ids),
        "fields": dict(record.fields),
        "created_at": record.created_at,
    }


def record_ids(conn: sqlite3.Connection) -> set[str]:
    """The ids of the records the journal holds."""
    return {r[0] for r in conn.execute("SELECT id FROM cpd_records")}


def check_record_row(
    where: str, raw: Any, entry_exists: Callable[[str], bool], *, now: dt.datetime | None = None
) -> tuple[str, str, str, str, str, str]:
    """A record from an export, checked as :meth:`CpdRecords.add` checks one (the kind, each
    field, the entries, which ``entry_exists`` knows), with its id (a UUID, as ``add`` makes)
    and ``created_at`` (a date and time with a time zone; now if missing) kept: the row to
    insert. ValidationError naming ``where`` and the key (``cpd_records[2].fields.learned``,
    ``cpd_records[0].entry_ids[1]``), never quoting a field's text."""
    if not isinstance(raw, Mapping):
        raise ValidationError(where, f"must be a mapping with the keys {', '.join(RECORD_KEYS)}.")
    with ValidationError.within(where):
        return _record_row(raw, entry_exists, now)


def _record_row(
    raw: Mapping[str, Any], entry_exists: Callable[[str], bool], now: dt.datetime | None
) -> tuple[str, str, str, str, str, str]:
    check_keys("", raw, RECORD_KEYS)
    record_id = check_text("id", raw.get("id"), max_len=ITEM_MAX, multiline=False, required=True)
    try:
        well_formed = str(uuid.UUID(record_id)) == record_id
    except ValueError:
        well_formed = False
    if not well_formed:
        raise ValidationError("id", "must be a record id as the journal makes them (a UUID in lower case).")
    kind = check_choice("kind", raw.get("kind"), CPD_KINDS, optional=False)
    fields = raw.get("fields", {})
    if not isinstance(fields, Mapping):
        raise ValidationError("fields", "must be a mapping of field names to text or lists of ids.")
    with ValidationError.within("fields"):
        clean = _check_fields(kind, fields)
    day = check_date("made_on", raw.get("made_on"))
    entry_ids = raw.get("entry_ids", [])
    if not isinstance(entry_ids, list):
        raise ValidationError("entry_ids", "must be a list of entry ids.")
    ids = _check_entry_ids(entry_exists, entry_ids)
    stamp = check_stamp("created_at", raw.get("created_at")) or now or utc_now()
    return (
        record_id,
        kind,
        day.isoformat(),
        json.dumps(ids),
        json.dumps(clean, ensure_ascii=False),
        iso(stamp) or "",
    )


def insert_record_rows(conn: sqlite3.Connection, rows: Collection[tuple[str, ...]]) -> None:
    """Write rows :func:`check_record_row` made (inside the caller's transaction)."""
    conn.executemany(f"INSERT INTO cpd_records ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)", rows)


class CpdRecords:
    """``journal.add_cpd_record`` and friends."""

    def __init__(
        self,
        connection: Callable[[], sqlite3.Connection],
        write: Callable[[], AbstractContextManager[sqlite3.Connection]],
    ) -> None:
        self._connection = connection
        self._write = write

    def add(
        self,
        kind: str,
        fields: Mapping[str, Any],
        entry_ids: Iterable[str] = (),
        *,
        made_on: dt.date | str | None = None,
    ) -> StoredCpdRecord:
        """Keep one record; ValidationError naming the field, nothing written, if its shape is wrong."""
        check_choice("kind", kind, CPD_KINDS, optional=False)
        clean = _check_fields(kind, fields)
        day = dt.date.today() if made_on is None else check_date("made_on", made_on)
        if isinstance(entry_ids, str):
            raise ValidationError("entry_ids", "must be a list of entry ids, not one text.")
        record_id = str(uuid.uuid4())  # an entry id's shape: the leak check knows it is no identifier
        with self._write() as conn:
            ids = _check_entry_ids(_entry_in(conn), list(entry_ids))
            row = (
                record_id,
                kind,
                day.isoformat(),
                json.dumps(ids),
                json.dumps(clean, ensure_ascii=False),
                iso(utc_now()),
            )
            conn.execute(f"INSERT INTO cpd_records ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)", row)
        return _row_to_record(row)

    def list(self, kind: str | None = None) -> list[StoredCpdRecord]:
        """Records (of one kind if given), oldest first by the day made."""
        if kind is not None:
            check_choice("kind", kind, CPD_KINDS, optional=False)
        query = f"SELECT {_COLUMNS} FROM cpd_records"
        args: tuple[str, ...] = ()
        if kind is not None:
            query, args = query + " WHERE kind = ?", (kind,)
        rows = self._connection().execute(query + " ORDER BY made_on, created_at, id", args).fetchall()
        return [_row_to_record(r) for r in rows]

    def get(self, record_id: str) -> StoredCpdRecord:
        """The record with this id, or the one record whose id starts with it (at least 4 characters)."""
        check_text("id", record_id, max_len=ITEM_MAX, multiline=False, required=True)
        conn = self._connection()
        row = conn.execute(f"SELECT {_COLUMNS} FROM cpd_records WHERE id = ?", (record_id,)).fetchone()
        if row is None and len(record_id) >= 4 and record_id.replace("-", "").isalnum():
            rows = conn.execute(
                f"SELECT {_COLUMNS} FROM cpd_records WHERE id LIKE ? LIMIT 2", (record_id + "%",)
            ).fetchall()
            if len(rows) > 1:
                raise NotFoundError(f"More than one CPD record starts with {record_id!r}; give more of the id.")
            row = rows[0] if rows else None
        if row is None:
            raise NotFoundError(f"There is no CPD record {record_id!r} in this journal (see `workbook cpd list`).")
        return _row_to_record(row)

    def delete(self, record_id: str) -> None:
        """Remove a record for good (its text is overwritten in the file: ``secure_delete``)."""
        record = self.get(record_id)
        conn = self._connection()
        secure = conn.execute("PRAGMA secure_delete").fetchone()[0]
        conn.execute("PRAGMA secure_delete = ON")
        try:
            with self._write() as tx:
                tx.execute("DELETE FROM cpd_records WHERE id = ?", (record.id,))
        finally:
            conn.execute(f"PRAGMA secure_delete = {int(secure)}")
