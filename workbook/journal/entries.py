"""An entry as rows of the journal's tables: the only code that writes or reads them.

The shape comes from ``models.Entry`` (see ``models.COLUMN_FIELDS``, ``TEXT_FIELDS`` and
``CHILD_FIELDS``): one value each goes into ``entries`` (metadata, which analysis reads),
journal text into ``entry_text`` (which analysis never reads), lists into their own tables,
and the words into the full-text index. ``entries`` also holds counts (``COUNT_COLUMNS``)
so that the frames need no join. Rows are read back by column name, never by position.

:class:`EntryRows` works on a connection inside a transaction the journal opened; the
journal validates every entry before it gets here.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from ..errors import ConflictError, EntryNotFoundError, WorkbookError
from ..models import (
    CHILD_FIELDS,
    COLUMN_FIELDS,
    SYSTEM_FIELDS,
    TEXT_FIELDS,
    Action,
    Anchor,
    Entry,
    Feedback,
    Revision,
    TagUse,
    count_words,
    field_decoder,
)
from .connection import iso, utc_now

if TYPE_CHECKING:
    from .people import People

#: Counts kept beside the metadata, so the frames and the doctor need no join.
COUNT_COLUMNS = ("word_count", "n_people", "n_tags", "n_actions", "n_actions_done", "n_feedback")
#: THE column list of the ``entries`` table: the entry's one-value fields, the counts, then
#: the fields the journal sets.
ENTRY_COLUMNS: tuple[str, ...] = (
    *(name for name in COLUMN_FIELDS if name not in SYSTEM_FIELDS),
    *COUNT_COLUMNS,
    *SYSTEM_FIELDS,
)
#: Where each list field of an entry is kept (one row per item, in order by ``position``).
CHILD_TABLES = {
    "people": "entry_people",
    "tags": "entry_tags",
    "actions": "actions",
    "feedback": "feedback",
    "pcf": "entry_pcf",
}
#: Tables of an item of a list field (the PCF domains of each action point), cleared with the lists.
ITEM_TABLES = ("action_pcf",)
_JSON_TEXT = {"responses"}  # text columns that hold a mapping as JSON

_INSERT_ENTRY = f"INSERT INTO entries ({', '.join(ENTRY_COLUMNS)}) VALUES ({', '.join('?' * len(ENTRY_COLUMNS))})"
_UPDATE_ENTRY = f"UPDATE entries SET {', '.join(f'{c} = ?' for c in ENTRY_COLUMNS if c != 'id')} WHERE id = ?"
_INSERT_TEXT = f"INSERT INTO entry_text (entry_id, {', '.join(TEXT_FIELDS)}) VALUES (?{', ?' * len(TEXT_FIELDS)})"
_UPDATE_TEXT = f"UPDATE entry_text SET {', '.join(f'{c} = ?' for c in TEXT_FIELDS)} WHERE entry_id = ?"
_COLUMN_DECODERS = [(name, field_decoder(name)) for name in COLUMN_FIELDS]


class NewEntry(NamedTuple):
    """One validated entry to write: its id, its clean fields (``validate.validate_entry``) and
    the fields the journal sets. Importers build these to keep ids, stamps and trash state."""

    id: str
    fields: Mapping[str, Any]
    created_at: dt.datetime
    updated_at: dt.datetime
    revision: int = 1
    deleted_at: dt.datetime | None = None


def counts(clean: Mapping[str, Any]) -> dict[str, int]:
    """The ``COUNT_COLUMNS`` of an entry's clean fields."""
    return {
        "word_count": count_words(clean["narrative"], *clean["responses"].values()),
        "n_people": len(clean["people"]),
        "n_tags": len(clean["tags"]),
        "n_actions": len(clean["actions"]),
        "n_actions_done": sum(a.status == "done" for a in clean["actions"]),
        "n_feedback": len(clean["feedback"]),
    }


def _to_sql(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def _column_values(row: NewEntry) -> list[Any]:
    values: dict[str, Any] = {name: _to_sql(row.fields.get(name)) for name in COLUMN_FIELDS}
    values.update(counts(row.fields))
    values.update({name: _to_sql(getattr(row, name)) for name in SYSTEM_FIELDS})
    values["id"] = row.id
    return [values[c] for c in ENTRY_COLUMNS]


def _text_values(clean: Mapping[str, Any]) -> list[Any]:
    return [json.dumps(clean[n], ensure_ascii=False) if n in _JSON_TEXT else clean[n] for n in TEXT_FIELDS]


class EntryRows:
    """Write and read entries as rows; ``people`` maps pseudonyms to the register's ids."""

    def __init__(self, people: People) -> None:
        self.people = people

    # -- writing ------------------------------------------------------------------------
    def insert(self, conn: sqlite3.Connection, row: NewEntry) -> None:
        """Add a new entry (its id must be free)."""
        rowid = conn.execute(_INSERT_ENTRY, _column_values(row)).lastrowid
        conn.execute(_INSERT_TEXT, (row.id, *_text_values(row.fields)))
        self.insert_children(conn, row.id, row.fields)
        self.index(conn, rowid, row.fields)  # type: ignore[arg-type]

    def replace(self, conn: sqlite3.Connection, current: Entry, clean: Mapping[str, Any]) -> None:
        """Overwrite ``current`` with ``clean`` fields in place (metadata, text, lists, index),
        keeping ``current`` as an earlier version and counting one revision up.

        Refused (nothing changed) if the entry is gone (EntryNotFoundError) or no longer at
        ``current.revision`` (ConflictError): another window or kernel saved it since ``current``
        was read. ``Journal.edit`` checks this first; the check here keeps every caller honest."""
        found = conn.execute("SELECT revision, rowid FROM entries WHERE id = ?", (current.id,)).fetchone()
        if found is None:
            raise EntryNotFoundError(current.id)
        if found[0] != current.revision:
            raise ConflictError(current.id, found[0], current.revision)
        rowid = found[1]
        self.save_revision(conn, current)
        row = NewEntry(
            current.id, clean, current.created_at or utc_now(), utc_now(), current.revision + 1, current.deleted_at
        )
        conn.execute(_UPDATE_ENTRY, (*_column_values(row)[1:], row.id))
        conn.execute(_UPDATE_TEXT, (*_text_values(row.fields), row.id))
        self.delete_children(conn, row.id, rowid)
        self.insert_children(conn, row.id, row.fields)
        self.index(conn, rowid, row.fields)

    def delete_children(self, conn: sqlite3.Connection, entry_id: str, rowid: int) -> None:
        """Remove an entry's list rows and its search words (before they are written again)."""
        for table in (*ITEM_TABLES, *CHILD_TABLES.values()):
            conn.execute(f"DELETE FROM {table} WHERE entry_id = ?", (entry_id,))  # noqa: S608 - fixed names
        conn.execute("DELETE FROM entry_fts WHERE rowid = ?", (rowid,))

    def insert_children(self, conn: sqlite3.Connection, entry_id: str, clean: Mapping[str, Any]) -> None:
        person_ids = [self.people.id_for(p) for p in clean["people"]]
        conn.executemany(
            "INSERT INTO entry_people (entry_id, position, person_id) VALUES (?, ?, ?)",
            [(entry_id, i, pid) for i, pid in enumerate(person_ids)],
        )
        conn.executemany(
            "INSERT INTO entry_tags (entry_id, position, tag, intensity, anchor_field, anchor_start, anchor_end) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    entry_id,
                    i,
                    t.tag,
                    t.intensity,
                    *((t.anchor.field, t.anchor.start, t.anchor.end) if t.anchor else (None,) * 3),
                )
                for i, t in enumerate(clean["tags"])
            ],
        )
        conn.executemany(
            "INSERT INTO actions (entry_id, position, id, text, status, due_on) VALUES (?, ?, ?, ?, ?, ?)",
            [(entry_id, i, a.id, a.text, a.status, iso(a.due_on)) for i, a in enumerate(clean["actions"])],
        )
        conn.executemany(
            "INSERT INTO action_pcf (entry_id, action_position, position, domain) VALUES (?, ?, ?, ?)",
            [(entry_id, i, n, d) for i, a in enumerate(clean["actions"]) for n, d in enumerate(a.pcf)],
        )
        conn.executemany(
            "INSERT INTO entry_pcf (entry_id, position, domain) VALUES (?, ?, ?)",
            [(entry_id, n, d) for n, d in enumerate(clean["pcf"])],
        )
        conn.executemany(
            "INSERT INTO feedback (entry_id, position, id, author_role, given_on, text, function) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (entry_id, i, f.id, f.author_role, iso(f.given_on), f.text, f.function)
                for i, f in enumerate(clean["feedback"])
            ],
        )

    def index(self, conn: sqlite3.Connection, rowid: int, clean: Mapping[str, Any]) -> None:
        """Add the entry's words to the full-text index (title apart from the body)."""
        body = "\n".join([clean["narrative"], *clean["responses"].values()])
        conn.execute("INSERT INTO entry_fts (rowid, title, body) VALUES (?, ?, ?)", (rowid, clean["title"], body))

    def save_revision(self, conn: sqlite3.Connection, entry: Entry) -> None:
        """Keep ``entry`` (as it is now) as an earlier version, before it is replaced."""
        self.insert_revisions(conn, [(entry.id, entry)])

    def insert_revisions(self, conn: sqlite3.Connection, versions: Iterable[tuple[str, Entry]]) -> None:
        """Earlier versions, each (entry id, the ``Entry`` as it was), saved at its ``updated_at``."""
        conn.executemany(
            "INSERT INTO revisions (entry_id, revision, saved_at, snapshot) VALUES (?, ?, ?, ?)",
            [(eid, e.revision, iso(e.updated_at), json.dumps(e.to_dict(), ensure_ascii=False)) for eid, e in versions],
        )

    def set_deleted(self, conn: sqlite3.Connection, entry_id: str, value: str | None) -> None:
        conn.execute("UPDATE entries SET deleted_at = ? WHERE id = ?", (value, entry_id))

    def rewrite_text(self, conn: sqlite3.Connection, new: Entry) -> None:
        """Put ``new``'s text over the entry's in place, keeping NO earlier version (a purge).

        Only what a purge changes is written: the text columns, action and feedback texts, the
        tags' passages (their offsets move with the text), the word count, the revision and
        ``updated_at`` (``new`` carries them), and the entry's search words. Lists keep their
        rows, so the people and tags it names are not looked up again."""
        rowid = conn.execute("SELECT rowid FROM entries WHERE id = ?", (new.id,)).fetchone()[0]
        clean = {name: getattr(new, name) for name in (*TEXT_FIELDS, *CHILD_FIELDS)}
        conn.execute(_UPDATE_TEXT, (*_text_values(clean), new.id))
        conn.executemany(
            "UPDATE actions SET text = ? WHERE entry_id = ? AND position = ?",
            [(a.text, new.id, i) for i, a in enumerate(new.actions)],
        )
        conn.executemany(
            "UPDATE feedback SET text = ? WHERE entry_id = ? AND position = ?",
            [(f.text, new.id, i) for i, f in enumerate(new.feedback)],
        )
        conn.executemany(
            "UPDATE entry_tags SET anchor_start = ?, anchor_end = ? WHERE entry_id = ? AND position = ?",
            [(t.anchor.start, t.anchor.end, new.id, i) for i, t in enumerate(new.tags) if t.anchor],
        )
        conn.execute(
            "UPDATE entries SET word_count = ?, revision = ?, updated_at = ? WHERE id = ?",
            (new.word_count, new.revision, iso(new.updated_at), new.id),
        )
        conn.execute("DELETE FROM entry_fts WHERE rowid = ?", (rowid,))
        self.index(conn, rowid, clean)

    def reindex(self, conn: sqlite3.Connection) -> None:
        """Write the whole search index again from the text table (after rowids moved)."""
        conn.execute("DELETE FROM entry_fts")
        rows = conn.execute(
            f"SELECT e.rowid, {', '.join(f't.{n}' for n in TEXT_FIELDS)} FROM entries e "
            "JOIN entry_text t ON t.entry_id = e.id"
        ).fetchall()
        for rowid, *values in rows:
            text = {n: json.loads(v) if n in _JSON_TEXT else v for n, v in zip(TEXT_FIELDS, values, strict=True)}
            self.index(conn, rowid, text)

    def remove(self, conn: sqlite3.Connection, entry_id: str) -> int:
        """Delete an entry for good: its rows in every table, its earlier versions and its
        search words (a purge). Returns how many earlier versions went with it."""
        rowid = conn.execute("SELECT rowid FROM entries WHERE id = ?", (entry_id,)).fetchone()[0]
        self.delete_children(conn, entry_id, rowid)
        removed = conn.execute("DELETE FROM revisions WHERE entry_id = ?", (entry_id,)).rowcount
        conn.execute("DELETE FROM entry_text WHERE entry_id = ?", (entry_id,))
        conn.execute("DELETE FROM entries WHERE id = ?", (entry_id,))
        return removed

    # -- reading ------------------------------------------------------------------------
    def exists(self, conn: sqlite3.Connection, entry_id: str) -> bool:
        return conn.execute("SELECT 1 FROM entries WHERE id = ?", (entry_id,)).fetchone() is not None

    def revisions(self, conn: sqlite3.Connection, entry_id: str) -> list[Revision]:
        """The earlier versions of one entry, oldest first."""
        rows = conn.execute(
            "SELECT revision, saved_at, snapshot FROM revisions WHERE entry_id = ? ORDER BY revision", (entry_id,)
        ).fetchall()
        return [
            Revision(entry_id, r[0], dt.datetime.fromisoformat(r[1]), Entry.from_dict(json.loads(r[2]))) for r in rows
        ]

    def earlier_versions(self, conn: sqlite3.Connection) -> Iterator[tuple[str, dict[str, Any]]]:
        """Every earlier version of every entry as (entry id, ``Entry.to_dict()``), by entry then revision."""
        for entry_id, snapshot in conn.execute("SELECT entry_id, snapshot FROM revisions ORDER BY entry_id, revision"):
            yield entry_id, json.loads(snapshot)

    def full_id(self, conn: sqlite3.Connection, entry_id: str) -> str:
        """Accept a full id or a unique prefix of at least 4 characters (as the CLI shows 8)."""
        if not isinstance(entry_id, str) or not entry_id:
            raise EntryNotFoundError(str(entry_id))
        if self.exists(conn, entry_id):
            return entry_id
        if len(entry_id) >= 4 and re.fullmatch(r"[0-9a-f-]+", entry_id):
            rows = conn.execute(
                "SELECT id FROM entries WHERE id >= ? AND id < ? LIMIT 2", (entry_id, entry_id + "\uffff")
            ).fetchall()
            if len(rows) == 1:
                return rows[0][0]
            if len(rows) > 1:
                raise WorkbookError(f"Id prefix {entry_id!r} matches more than one entry; give more characters.")
        raise EntryNotFoundError(entry_id)

    def load(self, conn: sqlite3.Connection, ids: Sequence[str]) -> list[Entry]:
        """The entries with these full ids, in that order (unknown ids left out), one query per table."""
        if not ids:
            return []
        key = json.dumps(list(ids))
        meta = {row["id"]: row for row in _named(conn, f"SELECT {', '.join(COLUMN_FIELDS)} FROM entries", key)}
        text = {
            row["entry_id"]: row
            for row in _named(conn, f"SELECT entry_id, {', '.join(TEXT_FIELDS)} FROM entry_text", key, "entry_id")
        }
        children = _children(conn, key)
        out = []
        for eid in ids:
            if eid not in meta:
                continue
            values = {name: decode(meta[eid][name]) for name, decode in _COLUMN_DECODERS}
            for name in TEXT_FIELDS:
                value = text[eid][name]
                values[name] = json.loads(value) if name in _JSON_TEXT else value
            for name in CHILD_FIELDS:
                values[name] = tuple(children[name].get(eid, ()))
            out.append(Entry(**values))
        return out


_SELECTED = "IN (SELECT value FROM json_each(?))"


def _named(conn: sqlite3.Connection, select: str, key: str, column: str = "id") -> sqlite3.Cursor:
    """``select`` restricted to the ids in ``key`` (a JSON list), with rows read by column name."""
    cursor = conn.execute(f"{select} WHERE {column} {_SELECTED}", (key,))
    cursor.row_factory = sqlite3.Row
    return cursor


def _children(conn: sqlite3.Connection, key: str) -> dict[str, dict[str, list[Any]]]:
    """Every list field of the entries in ``key``: field -> entry id -> items in order."""
    out: dict[str, dict[str, list[Any]]] = {name: {} for name in CHILD_TABLES}
    for eid, pseudonym in conn.execute(
        f"SELECT ep.entry_id, p.pseudonym FROM entry_people ep JOIN people p ON p.id = ep.person_id "
        f"WHERE ep.entry_id {_SELECTED} ORDER BY ep.entry_id, ep.position",
        (key,),
    ):
        out["people"].setdefault(eid, []).append(pseudonym)
    for eid, tag, intensity, a_field, a_start, a_end in conn.execute(
        f"SELECT entry_id, tag, intensity, anchor_field, anchor_start, anchor_end FROM entry_tags "
        f"WHERE entry_id {_SELECTED} ORDER BY entry_id, position",
        (key,),
    ):
        anchor = Anchor(a_field, a_start, a_end) if a_field is not None else None
        out["tags"].setdefault(eid, []).append(TagUse(tag, intensity, anchor))
    action_pcf: dict[tuple[str, int], list[str]] = {}
    for eid, at, domain in conn.execute(
        f"SELECT entry_id, action_position, domain FROM action_pcf WHERE entry_id {_SELECTED} "
        "ORDER BY entry_id, action_position, position",
        (key,),
    ):
        action_pcf.setdefault((eid, at), []).append(domain)
    for eid, at, aid, atext, status, due in conn.execute(
        f"SELECT entry_id, position, id, text, status, due_on FROM actions WHERE entry_id {_SELECTED} "
        "ORDER BY entry_id, position",
        (key,),
    ):
        out["actions"].setdefault(eid, []).append(
            Action(
                aid, atext, status, dt.date.fromisoformat(due) if due else None, tuple(action_pcf.get((eid, at), ()))
            )
        )
    for eid, domain in conn.execute(
        f"SELECT entry_id, domain FROM entry_pcf WHERE entry_id {_SELECTED} ORDER BY entry_id, position", (key,)
    ):
        out["pcf"].setdefault(eid, []).append(domain)
    for eid, fid, role, given, ftext, function in conn.execute(
        f"SELECT entry_id, id, author_role, given_on, text, function FROM feedback WHERE entry_id {_SELECTED} "
        "ORDER BY entry_id, position",
        (key,),
    ):
        out["feedback"].setdefault(eid, []).append(Feedback(fid, role, dt.date.fromisoformat(given), ftext, function))
    return out
