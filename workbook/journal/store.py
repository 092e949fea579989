"""The journal: one SQLite file, durable, private, and never silently lossy.

* Every connection: foreign keys on, WAL, ``synchronous=FULL`` (a commit is on disk
  when ``add`` returns), and a busy timeout so a second kernel waits instead of failing.
* Every write is one ``BEGIN IMMEDIATE`` transaction: all of it lands or none of it.
* Input is validated completely (``validate.validate_entry``) before the transaction opens.
* Nothing is destroyed: ``delete`` moves to a trash, ``update`` keeps the previous version.
* Metadata (``entries``) is kept apart from text (``entry_text``) so that analysis reads
  no text at all.

This module never imports pandas, altair or ipywidgets; ``to_frame`` and friends load
``workbook.journal.frames`` only when called.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sqlite3
import threading
import time
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..content.reflective_models import TemplateLibrary, load_templates
from ..content.vocab import TAG_ID_RE, Vocabulary, load_vocabulary, slugify
from ..errors import (
    CorruptJournalError,
    EntryNotFoundError,
    JournalError,
    ValidationError,
    WorkbookError,
)
from ..files import create_private_file, sqlite_copy
from ..models import Action, Anchor, Entry, Feedback, Revision, Tag, TagUse
from ..paths import backup_in_folder, resolve_journal_path
from ..validate import check_choice, check_text, validate_entry
from . import migrations
from .people import People

if TYPE_CHECKING:
    import pandas as pd

BUSY_TIMEOUT_MS = 30_000
DRAFT_MAX_BYTES = 1_000_000
_META_COLUMNS = (
    "id, occurred_on, context, outcome, stance, template, feelings_before, feelings_after, "
    "flagged, word_count, n_people, n_tags, n_actions, n_actions_done, n_feedback, revision, "
    "created_at, updated_at, deleted_at"
)


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _iso(value: dt.datetime | dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _connect(target: str) -> sqlite3.Connection:
    conn = sqlite3.connect(target, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return conn


def _is_locked(exc: sqlite3.OperationalError) -> bool:
    return "locked" in str(exc) or "busy" in str(exc)


def _configure(conn: sqlite3.Connection, in_memory: bool) -> None:
    conn.execute("PRAGMA foreign_keys = ON")
    if not in_memory:
        # Switching to WAL needs a moment alone with the file; while another kernel is
        # creating or migrating the same journal SQLite answers "locked" at once instead
        # of waiting, so wait here (up to the busy timeout).
        deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
        while True:
            try:
                mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
                break
            except sqlite3.OperationalError as exc:
                if not _is_locked(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        if mode.lower() != "wal":
            raise JournalError(f"Could not switch the journal to WAL mode (got {mode!r}).")
    conn.execute("PRAGMA synchronous = FULL")


def fts_query(text: str) -> str | None:
    """An FTS5 query matching every word of ``text`` (the last as a prefix); None if no words.

    Words are quoted, so FTS syntax in the search box (AND, NEAR, quotes, *) is taken
    literally and can never raise a syntax error.
    """
    words = re.findall(r"\w+", text)
    if not words:
        return None
    quoted = [f'"{w}"' for w in words]
    quoted[-1] += "*"
    return " ".join(quoted)


class Journal:
    """A journal of conversations in one SQLite file. Use ``wb.open_journal()``.

    A context manager: ``with wb.open_journal() as journal: ...`` closes it at the end.
    """

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        in_memory = str(path) == ":memory:"
        self.path: Path | None = None if in_memory else resolve_journal_path(path)
        self._lock = threading.RLock()
        self.backup_made: Path | None = None
        self.migrations_applied: list[str] = []
        if self.path is not None:
            if self.path.is_dir():
                raise JournalError(f"{self.path} is a folder; give the path of a journal file.")
            create_private_file(self.path)
            if self.path.stat().st_mode & 0o077:
                os.chmod(self.path, 0o600)
        self._conn = _connect(":memory:" if in_memory else str(self.path))
        try:
            self._check_readable()
            migrations.pending(self._conn)  # refuse a newer journal before changing anything
            _configure(self._conn, in_memory)
            self.migrations_applied, self.backup_made = migrations.apply(self._conn, self.path)
        except sqlite3.OperationalError as exc:
            self._conn.close()
            if not _is_locked(exc):
                raise CorruptJournalError(
                    f"{self.path} could not be read as a journal ({exc}). It was left unchanged; "
                    "run `workbook doctor` on it for details."
                ) from exc
            raise JournalError(
                f"{self.path} stayed locked by another program for {BUSY_TIMEOUT_MS // 1000} s; "
                "close other kernels using this journal and try again."
            ) from exc
        except sqlite3.DatabaseError as exc:
            self._conn.close()
            raise CorruptJournalError(
                f"{self.path} is not a readable Reflective Workbook journal ({exc}). "
                "It was left unchanged. Restore it from a backup (`workbook backup` makes "
                "them), or run `workbook doctor` on it for details."
            ) from exc
        except BaseException:
            self._conn.close()
            raise
        self.people = People(lambda: self.connection, self._write)
        self._templates: TemplateLibrary | None = None
        self._vocabulary: Vocabulary | None = None

    def _check_readable(self) -> None:
        """Read the header before writing anything, so a foreign or broken file is refused."""
        # One statement, so that another process creating the journal at this moment
        # cannot commit between the two reads.
        app_id, tables = self._conn.execute(
            "SELECT (SELECT application_id FROM pragma_application_id), (SELECT count(*) FROM sqlite_master)"
        ).fetchone()
        if tables and app_id != migrations.APPLICATION_ID:
            raise JournalError(
                f"{self.path} is an SQLite database but not a Reflective Workbook journal; "
                "it was left unchanged. Choose another file name."
            )

    # -- life cycle -----------------------------------------------------------------
    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None  # type: ignore[assignment]

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        where = self.path or ":memory:"
        if self._conn is None:
            return f"<Journal {where} (closed)>"
        return f"<Journal {where}: {len(self)} entries, {len(self.people)} people>"

    def summary(self) -> dict[str, Any]:
        """Where the journal is and how much it holds (no journal text)."""
        conn = self.connection
        first, last = conn.execute(
            "SELECT min(occurred_on), max(occurred_on) FROM entries WHERE deleted_at IS NULL"
        ).fetchone()
        mode = oct(self.path.stat().st_mode & 0o777) if self.path else None
        return {
            "path": str(self.path) if self.path else ":memory:",
            "file_mode": mode,
            "entries": len(self),
            "in_trash": conn.execute("SELECT count(*) FROM entries WHERE deleted_at IS NOT NULL").fetchone()[0],
            "people": len(self.people),
            "first_entry": first,
            "last_entry": last,
        }

    def _repr_html_(self) -> str:
        import html

        s = self.summary()
        span = f"{s['first_entry']} to {s['last_entry']}" if s["entries"] else "no entries yet"
        private = "private to you (0600)" if s["file_mode"] == "0o600" else (s["file_mode"] or "in memory")
        return (
            "<div class='wb-journal'><b>Your journal</b>: "
            f"<code>{html.escape(s['path'])}</code><br>"
            f"{s['entries']} entries ({html.escape(span)}), {s['in_trash']} in the trash, "
            f"{s['people']} people in the register; file {html.escape(private)}.</div>"
        )

    @property
    def connection(self) -> sqlite3.Connection:
        """The open connection (for the doctor, backups and benchmarks; not for writing)."""
        if self._conn is None:
            raise JournalError("This journal is closed; open it again with wb.open_journal().")
        return self._conn

    @property
    def closed(self) -> bool:
        """True once ``close()`` has run."""
        return self._conn is None

    @contextmanager
    def read_snapshot(self) -> Iterator[sqlite3.Connection]:
        """One read transaction: everything read inside sees the journal at one moment,
        even while another kernel writes (exports, packs). Nests inside a transaction."""
        with self._lock:
            conn = self.connection
            if conn.in_transaction:
                yield conn
                return
            conn.execute("BEGIN")
            try:
                yield conn
            finally:
                conn.execute("COMMIT")

    def transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        """A write transaction for code that must change several things atomically
        (importers): ``with journal.transaction() as conn: ...``. Validate first."""
        return self._write()

    def invalidate_vocabulary(self) -> None:
        """Forget the cached vocabulary (after the journal's own tags changed)."""
        self._vocabulary = None

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: ``BEGIN IMMEDIATE`` ... ``COMMIT``, or rollback on any error."""
        with self._lock:
            conn = self.connection
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    # -- vocabulary and templates ---------------------------------------------------
    def vocabulary(self) -> Vocabulary:
        """The bundled vocabulary plus this journal's own tags."""
        if self._vocabulary is None:
            rows = self.connection.execute(
                "SELECT id, label, grp, definition, reference FROM custom_tags ORDER BY created_at, id"
            ).fetchall()
            custom = [Tag(id=r[0], label=r[1], group=r[2], definition=r[3], reference=r[4], custom=True) for r in rows]
            self._vocabulary = load_vocabulary(custom)
        return self._vocabulary

    def templates(self) -> TemplateLibrary:
        if self._templates is None:
            self._templates = load_templates(warn=False)
        return self._templates

    def add_tag(
        self, label: str, group: str, definition: str, reference: str = "My own tag", *, id: str | None = None
    ) -> Tag:
        """Add a tag of your own to this journal's vocabulary."""
        vocabulary = self.vocabulary()
        label = check_text("label", label, max_len=60, multiline=False, required=True).strip()
        group = check_choice("group", group, tuple(g.id for g in vocabulary.groups), optional=False)  # type: ignore[assignment]
        definition = check_text("definition", definition, max_len=2000, required=True).strip()
        reference = check_text("reference", reference, max_len=500, required=True).strip()
        tag_id = id if id is not None else slugify(label)
        if not isinstance(tag_id, str) or not TAG_ID_RE.match(tag_id) or len(tag_id) > 60:
            raise ValidationError(
                "id", "must be lowercase ASCII letters and digits joined by hyphens (at most 60), e.g. 'stuck-feeling'."
            )
        clash = vocabulary.find(tag_id) or vocabulary.find(label)
        if clash is not None:
            raise ValidationError("label", f"a tag {clash.id!r} ({clash.label}) already exists; choose another name.")
        with self._write() as conn:
            conn.execute(
                "INSERT INTO custom_tags (id, label, grp, definition, reference, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                (tag_id, label, group, definition, reference, _iso(utc_now())),
            )
        self._vocabulary = None
        return Tag(id=tag_id, label=label, group=group, definition=definition, reference=reference, custom=True)

    # -- entries: writing -----------------------------------------------------------
    def _validate(self, raw: Mapping[str, Any]) -> dict[str, Any]:
        return validate_entry(
            raw,
            vocabulary=self.vocabulary(),
            templates=self.templates(),
            find_person=self.people.find_pseudonym,
        )

    def add(self, **fields: Any) -> Entry:
        """Save a new entry and return it as stored. Raises ValidationError (nothing written)."""
        clean = self._validate(fields)
        entry_id = clean.pop("id", None) or str(uuid.uuid4())
        now = utc_now()
        with self._write() as conn:
            if conn.execute("SELECT 1 FROM entries WHERE id = ?", (entry_id,)).fetchone():
                raise ValidationError("id", f"an entry with id {entry_id!r} already exists.")
            self._insert(conn, entry_id, clean, created=now, updated=now, revision=1)
        return self.get(entry_id)

    def add_many(self, entries: Iterable[Mapping[str, Any]]) -> list[str]:
        """Save many new entries in ONE transaction: all of them, or (on any error) none.

        Every entry is validated before anything is written; an error names the entry's
        index, e.g. ``entries[3].title``. Returns the new ids in order.
        """
        prepared: list[tuple[str, dict[str, Any]]] = []
        seen: set[str] = set()
        for index, fields in enumerate(entries):
            try:
                clean = self._validate(fields)
            except ValidationError as exc:
                raise ValidationError(f"entries[{index}].{exc.field}", exc.reason) from None
            entry_id = clean.pop("id", None) or str(uuid.uuid4())
            if entry_id in seen:
                raise ValidationError(f"entries[{index}].id", f"{entry_id!r} is given twice.")
            seen.add(entry_id)
            prepared.append((entry_id, clean))
        now = utc_now()
        with self._write() as conn:
            for index, (entry_id, clean) in enumerate(prepared):
                if conn.execute("SELECT 1 FROM entries WHERE id = ?", (entry_id,)).fetchone():
                    raise ValidationError(f"entries[{index}].id", f"an entry with id {entry_id!r} already exists.")
                self._insert(conn, entry_id, clean, created=now, updated=now, revision=1)
        return [entry_id for entry_id, _ in prepared]

    def update(self, entry_id: str, *, expected_revision: int | None = None, **changes: Any) -> Entry:
        """Change fields of an entry; the previous version is kept (see ``history``).

        ``expected_revision``: the revision the caller's copy was made from (a form passes
        the one it opened). If the entry has changed since, nothing is saved and a
        WorkbookError says so, so two windows never silently overwrite each other.
        """
        if "id" in changes:
            raise ValidationError("id", "cannot be changed.")
        with self._lock:
            current = self.get(entry_id)
            if expected_revision is not None and expected_revision != current.revision:
                raise WorkbookError(
                    f"This entry was changed elsewhere since you opened it (it is now at revision "
                    f"{current.revision}, you opened revision {expected_revision}); reopen it and "
                    "make your change again. Nothing was saved."
                )
            merged = {**current.fields(), **changes}
            clean = self._validate(merged)
            with self._write() as conn:
                row = conn.execute("SELECT revision, rowid FROM entries WHERE id = ?", (current.id,)).fetchone()
                if row is None or row[0] != current.revision:
                    raise WorkbookError(
                        "This entry was changed elsewhere (another window or kernel) while you "
                        "edited it; reopen it and make your change again. Nothing was saved."
                    )
                conn.execute(
                    "INSERT INTO revisions (entry_id, revision, saved_at, snapshot) VALUES (?, ?, ?, ?)",
                    (
                        current.id,
                        current.revision,
                        _iso(current.updated_at),
                        json.dumps(current.to_dict(), ensure_ascii=False),
                    ),
                )
                self._delete_children(conn, current.id, row[1])
                self._insert(
                    conn,
                    current.id,
                    clean,
                    created=current.created_at,
                    updated=utc_now(),
                    revision=current.revision + 1,
                    replace_rowid=row[1],
                    deleted_at=current.deleted_at,
                )
        return self.get(entry_id)

    def set_action_status(self, entry_id: str, action_id: str, status: str) -> Entry:
        """Follow up an action point: mark it open, done or dropped (kept as a revision)."""
        entry = self.get(entry_id)
        actions = [a.to_dict() for a in entry.actions]
        for action in actions:
            if action["id"] == action_id:
                action["status"] = status
                break
        else:
            raise ValidationError(
                "action_id",
                f"entry has no action point {action_id!r}; its actions are {', '.join(a['id'] for a in actions) or 'none'}.",
            )
        return self.update(entry_id, actions=actions)

    def add_feedback(
        self,
        entry_id: str,
        author_role: str,
        text: str,
        given_on: dt.date | str | None = None,
        *,
        id: str | None = None,
    ) -> Entry:
        """Add a supervisor's, tutor's or peer's comment to an entry."""
        entry = self.get(entry_id)
        item: dict[str, Any] = {"author_role": author_role, "text": text, "id": id}
        if given_on is not None:
            item["given_on"] = given_on
        return self.update(entry_id, feedback=[*(f.to_dict() for f in entry.feedback), item])

    def delete(self, entry_id: str) -> None:
        """Move an entry to the trash (``restore`` brings it back)."""
        self._set_deleted(entry_id, _iso(utc_now()))

    def restore(self, entry_id: str) -> Entry:
        """Bring an entry back from the trash."""
        self._set_deleted(entry_id, None)
        return self.get(entry_id)

    def _set_deleted(self, entry_id: str, value: str | None) -> None:
        entry_id = self._full_id(entry_id)
        with self._write() as conn:
            conn.execute("UPDATE entries SET deleted_at = ? WHERE id = ?", (value, entry_id))

    def _delete_children(self, conn: sqlite3.Connection, entry_id: str, rowid: int) -> None:
        for table in ("entry_people", "entry_tags", "actions", "feedback"):
            conn.execute(f"DELETE FROM {table} WHERE entry_id = ?", (entry_id,))  # noqa: S608 - fixed names
        conn.execute("DELETE FROM entry_fts WHERE rowid = ?", (rowid,))

    def _insert(
        self,
        conn: sqlite3.Connection,
        entry_id: str,
        clean: dict[str, Any],
        *,
        created: dt.datetime | None,
        updated: dt.datetime,
        revision: int,
        replace_rowid: int | None = None,
        deleted_at: dt.datetime | None = None,
    ) -> None:
        responses: dict[str, str] = clean["responses"]
        word_count = sum(len(t.split()) for t in (clean["narrative"], *responses.values()))
        meta = (
            clean["occurred_on"].isoformat(),
            clean["context"],
            clean["outcome"],
            clean["stance"],
            clean["template"],
            clean["feelings_before"],
            clean["feelings_after"],
            int(clean["flagged"]),
            word_count,
            len(clean["people"]),
            len(clean["tags"]),
            len(clean["actions"]),
            sum(a.status == "done" for a in clean["actions"]),
            len(clean["feedback"]),
            revision,
            _iso(created or updated),
            _iso(updated),
            _iso(deleted_at),
        )
        columns = (
            "occurred_on, context, outcome, stance, template, feelings_before, feelings_after, flagged, "
            "word_count, n_people, n_tags, n_actions, n_actions_done, n_feedback, revision, created_at, "
            "updated_at, deleted_at"
        )
        if replace_rowid is None:
            cur = conn.execute(f"INSERT INTO entries (id, {columns}) VALUES (?{', ?' * len(meta)})", (entry_id, *meta))
            rowid = cur.lastrowid
            conn.execute(
                "INSERT INTO entry_text (entry_id, title, narrative, responses) VALUES (?, ?, ?, ?)",
                (entry_id, clean["title"], clean["narrative"], json.dumps(responses, ensure_ascii=False)),
            )
        else:
            assignments = ", ".join(f"{c.strip()} = ?" for c in columns.split(","))
            conn.execute(f"UPDATE entries SET {assignments} WHERE id = ?", (*meta, entry_id))
            rowid = replace_rowid
            conn.execute(
                "UPDATE entry_text SET title = ?, narrative = ?, responses = ? WHERE entry_id = ?",
                (clean["title"], clean["narrative"], json.dumps(responses, ensure_ascii=False), entry_id),
            )
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
                    t.anchor.field if t.anchor else None,
                    t.anchor.start if t.anchor else None,
                    t.anchor.end if t.anchor else None,
                )
                for i, t in enumerate(clean["tags"])
            ],
        )
        conn.executemany(
            "INSERT INTO actions (entry_id, position, id, text, status, due_on) VALUES (?, ?, ?, ?, ?, ?)",
            [(entry_id, i, a.id, a.text, a.status, _iso(a.due_on)) for i, a in enumerate(clean["actions"])],
        )
        conn.executemany(
            "INSERT INTO feedback (entry_id, position, id, author_role, given_on, text) VALUES (?, ?, ?, ?, ?, ?)",
            [
                (entry_id, i, f.id, f.author_role, f.given_on.isoformat(), f.text)
                for i, f in enumerate(clean["feedback"])
            ],
        )
        body = "\n".join([clean["narrative"], *responses.values()])
        conn.execute("INSERT INTO entry_fts (rowid, title, body) VALUES (?, ?, ?)", (rowid, clean["title"], body))

    # -- entries: reading -----------------------------------------------------------
    def _full_id(self, entry_id: str) -> str:
        """Accept a full id or a unique prefix of at least 4 characters (as the CLI shows 8)."""
        if not isinstance(entry_id, str) or not entry_id:
            raise EntryNotFoundError(str(entry_id))
        conn = self.connection
        if conn.execute("SELECT 1 FROM entries WHERE id = ?", (entry_id,)).fetchone():
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

    def get(self, entry_id: str) -> Entry:
        """The entry with this id (or unique id prefix), including one in the trash."""
        full = self._full_id(entry_id)
        return self.load([full])[0]

    def __contains__(self, entry_id: object) -> bool:
        return isinstance(entry_id, str) and bool(
            self.connection.execute("SELECT 1 FROM entries WHERE id = ?", (entry_id,)).fetchone()
        )

    def __len__(self) -> int:
        return self.connection.execute("SELECT count(*) FROM entries WHERE deleted_at IS NULL").fetchone()[0]

    def load(self, ids: Sequence[str]) -> list[Entry]:
        """The entries with these full ids, in that order (trash included), with one query per table.

        For code that already holds ids (from ``entry_ids``, a plan, a selection); unknown ids are
        left out. ``get`` is the call for one id or prefix."""
        if not ids:
            return []
        conn = self.connection
        key = json.dumps(list(ids))
        selector = "IN (SELECT value FROM json_each(?))"
        meta = {r[0]: r for r in conn.execute(f"SELECT {_META_COLUMNS} FROM entries WHERE id {selector}", (key,))}
        text = {
            r[0]: r[1:]
            for r in conn.execute(
                f"SELECT entry_id, title, narrative, responses FROM entry_text WHERE entry_id {selector}", (key,)
            )
        }
        people: dict[str, list[str]] = {}
        for eid, pseudonym in conn.execute(
            f"SELECT ep.entry_id, p.pseudonym FROM entry_people ep JOIN people p ON p.id = ep.person_id "
            f"WHERE ep.entry_id {selector} ORDER BY ep.entry_id, ep.position",
            (key,),
        ):
            people.setdefault(eid, []).append(pseudonym)
        tags: dict[str, list[TagUse]] = {}
        for eid, tag, intensity, a_field, a_start, a_end in conn.execute(
            f"SELECT entry_id, tag, intensity, anchor_field, anchor_start, anchor_end FROM entry_tags "
            f"WHERE entry_id {selector} ORDER BY entry_id, position",
            (key,),
        ):
            anchor = Anchor(a_field, a_start, a_end) if a_field is not None else None
            tags.setdefault(eid, []).append(TagUse(tag, intensity, anchor))
        actions: dict[str, list[Action]] = {}
        for eid, aid, atext, status, due in conn.execute(
            f"SELECT entry_id, id, text, status, due_on FROM actions WHERE entry_id {selector} ORDER BY entry_id, position",
            (key,),
        ):
            actions.setdefault(eid, []).append(Action(aid, atext, status, dt.date.fromisoformat(due) if due else None))
        feedback: dict[str, list[Feedback]] = {}
        for eid, fid, role, given, ftext in conn.execute(
            f"SELECT entry_id, id, author_role, given_on, text FROM feedback WHERE entry_id {selector} ORDER BY entry_id, position",
            (key,),
        ):
            feedback.setdefault(eid, []).append(Feedback(fid, role, dt.date.fromisoformat(given), ftext))
        out = []
        for eid in ids:
            m = meta[eid]
            title, narrative, responses = text[eid]
            out.append(
                Entry(
                    id=eid,
                    occurred_on=dt.date.fromisoformat(m[1]),
                    title=title,
                    context=m[2],
                    people=tuple(people.get(eid, ())),
                    outcome=m[3],
                    stance=m[4],
                    template=m[5],
                    responses=json.loads(responses),
                    narrative=narrative,
                    tags=tuple(tags.get(eid, ())),
                    feelings_before=m[6],
                    feelings_after=m[7],
                    actions=tuple(actions.get(eid, ())),
                    flagged=bool(m[8]),
                    feedback=tuple(feedback.get(eid, ())),
                    created_at=dt.datetime.fromisoformat(m[16]),
                    updated_at=dt.datetime.fromisoformat(m[17]),
                    revision=m[15],
                    deleted_at=dt.datetime.fromisoformat(m[18]) if m[18] else None,
                )
            )
        return out

    def entry_ids(
        self,
        *,
        since: dt.date | str | None = None,
        until: dt.date | str | None = None,
        tags: Iterable[str] | str | None = None,
        context: str | None = None,
        outcome: str | None = None,
        flagged: bool | None = None,
        in_trash: bool = False,
        limit: int | None = None,
    ) -> list[str]:
        """Ids of matching entries, oldest first. See ``entries`` for the filters."""
        from ..validate import check_date

        where = ["deleted_at IS NOT NULL" if in_trash else "deleted_at IS NULL"]
        params: list[Any] = []
        if since is not None:
            where.append("occurred_on >= ?")
            params.append(check_date("since", since).isoformat())
        if until is not None:
            where.append("occurred_on <= ?")
            params.append(check_date("until", until).isoformat())
        if context is not None:
            found = self.vocabulary().find(context)
            where.append("context = ?")
            params.append(found.id if found is not None else context)
        if outcome is not None:
            where.append("outcome = ?")
            params.append(outcome)
        if flagged is not None:
            where.append("flagged = ?")
            params.append(int(bool(flagged)))
        if tags:
            vocabulary = self.vocabulary()
            for name in [tags] if isinstance(tags, str) else tags:
                tag = vocabulary.resolve(name, field="tags")
                where.append("id IN (SELECT entry_id FROM entry_tags WHERE tag = ?)")
                params.append(tag.id)
        sql = f"SELECT id FROM entries WHERE {' AND '.join(where)} ORDER BY occurred_on, created_at"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [r[0] for r in self.connection.execute(sql, params)]

    def entries(self, **filters: Any) -> list[Entry]:
        """Entries, oldest first, filtered by any of:

        ``since``/``until`` (dates, inclusive), ``tags`` (entries carrying every one of
        these tags), ``context``, ``outcome``, ``flagged``, ``limit``. Trashed entries are
        left out (see ``trash``).
        """
        return self.load(self.entry_ids(**filters))

    def trash(self) -> list[Entry]:
        """Entries in the trash."""
        return self.load(self.entry_ids(in_trash=True))

    def search(self, text: str, *, limit: int = 50) -> list[Entry]:
        """Entries whose title, stage responses or narrative contain every word of ``text``
        (the last word may be the start of a word), newest first; trash left out.

        Among many matches, the ``limit`` most recently written are returned, sorted by the
        date of the conversation. Ranking by relevance (bm25) instead cost 120 ms for a word
        found in 23,000 of 100,000 entries, against 3 ms for this (bench/journal.py), and
        every match holds every word anyway.
        """
        query = fts_query(text)
        if query is None:
            return []
        rows = self.connection.execute(
            "SELECT e.id FROM entry_fts JOIN entries e ON e.rowid = entry_fts.rowid "
            "WHERE entry_fts MATCH ? AND e.deleted_at IS NULL ORDER BY entry_fts.rowid DESC LIMIT ?",
            (query, int(limit)),
        ).fetchall()
        found = self.load([r[0] for r in rows])
        return sorted(found, key=lambda e: (e.occurred_on, e.created_at or utc_now()), reverse=True)

    def history(self, entry_id: str) -> list[Revision]:
        """Every version of an entry, oldest first; the last is the current one."""
        current = self.get(entry_id)
        rows = self.connection.execute(
            "SELECT revision, saved_at, snapshot FROM revisions WHERE entry_id = ? ORDER BY revision",
            (current.id,),
        ).fetchall()
        history = [
            Revision(current.id, r[0], dt.datetime.fromisoformat(r[1]), entry_from_dict(json.loads(r[2]))) for r in rows
        ]
        history.append(Revision(current.id, current.revision, current.updated_at or utc_now(), current))
        return history

    # -- frames (pandas; imported only when asked for) ------------------------------
    def to_frame(self, *, include_trash: bool = False) -> pd.DataFrame:
        """One row per entry with an ``id`` column: metadata and counts, never text."""
        from . import frames

        return frames.entries_frame(self.connection, include_trash=include_trash)

    def tags_frame(self, *, include_trash: bool = False) -> pd.DataFrame:
        """One row per tag use: ``entry_id``, ``occurred_on``, ``tag``, ``group``, ``intensity``."""
        from . import frames

        return frames.tags_frame(self.connection, self.vocabulary(), include_trash=include_trash)

    def frames(self, *, include_trash: bool = False) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
        """``(to_frame(), tags_frame(), people_frame(), actions_frame())`` read together (faster)."""
        from . import frames

        with self._lock:  # one consistent read: no write of ours can land in between
            self.connection.execute("BEGIN")
            try:
                return frames.all_frames(self.connection, self.vocabulary(), include_trash=include_trash)
            finally:
                self.connection.execute("COMMIT")

    def people_frame(self, *, include_trash: bool = False) -> pd.DataFrame:
        """One row per person in an entry: ``entry_id``, ``occurred_on``, ``role`` (no names)."""
        from . import frames

        return frames.people_frame(self.connection, include_trash=include_trash)

    def actions_frame(self, *, include_trash: bool = False) -> pd.DataFrame:
        """One row per action point: ``entry_id``, ``occurred_on``, ``status``, ``due_on`` (no text)."""
        from . import frames

        return frames.actions_frame(self.connection, include_trash=include_trash)

    # -- drafts and settings ----------------------------------------------------------
    def save_draft(self, key: str, payload: Mapping[str, Any]) -> None:
        """Keep a form's unsaved state (replaces any earlier draft under ``key``)."""
        data = json.dumps(payload, ensure_ascii=False, default=str)
        if len(data.encode()) > DRAFT_MAX_BYTES:
            raise ValidationError("draft", f"is larger than {DRAFT_MAX_BYTES:,} bytes.")
        with self._write() as conn:
            conn.execute(
                "INSERT INTO drafts (key, saved_at, payload) VALUES (?, ?, ?) "
                "ON CONFLICT (key) DO UPDATE SET saved_at = excluded.saved_at, payload = excluded.payload",
                (key, _iso(utc_now()), data),
            )

    def draft(self, key: str) -> dict[str, Any] | None:
        row = self.connection.execute("SELECT payload FROM drafts WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else None

    def discard_draft(self, key: str) -> None:
        with self._write() as conn:
            conn.execute("DELETE FROM drafts WHERE key = ?", (key,))

    def setting(self, key: str, default: Any = None) -> Any:
        row = self.connection.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else default

    def set_setting(self, key: str, value: Any) -> None:
        with self._write() as conn:
            conn.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, json.dumps(value)),
            )

    # -- backup -------------------------------------------------------------------------
    def backup(self, target: str | os.PathLike[str]) -> Path:
        """Copy the whole journal to ``target`` (a new file, mode 0600) with SQLite's backup API."""
        target = Path(target).expanduser()
        if target.is_dir():
            target = backup_in_folder(target)
        if target.exists():
            raise ValidationError("target", f"{target} already exists; choose a new file name.")
        try:
            with self._lock:
                return sqlite_copy(self.connection, target)
        except FileExistsError:
            raise ValidationError("target", f"{target} already exists; choose a new file name.") from None


def entry_from_dict(data: Mapping[str, Any]) -> Entry:
    """Rebuild an Entry from ``Entry.to_dict()`` output (revision snapshots, JSON export)."""

    def date(v: str | None) -> dt.date | None:
        return dt.date.fromisoformat(v) if v else None

    def stamp(v: str | None) -> dt.datetime | None:
        return dt.datetime.fromisoformat(v) if v else None

    return Entry(
        id=data["id"],
        occurred_on=dt.date.fromisoformat(data["occurred_on"]),
        title=data["title"],
        context=data.get("context"),
        people=tuple(data.get("people") or ()),
        outcome=data.get("outcome"),
        stance=data.get("stance"),
        template=data.get("template"),
        responses=dict(data.get("responses") or {}),
        narrative=data.get("narrative") or "",
        tags=tuple(
            TagUse(t["tag"], t.get("intensity"), Anchor(**t["anchor"]) if t.get("anchor") else None)
            for t in data.get("tags") or ()
        ),
        feelings_before=data.get("feelings_before"),
        feelings_after=data.get("feelings_after"),
        actions=tuple(
            Action(a["id"], a["text"], a["status"], date(a.get("due_on"))) for a in data.get("actions") or ()
        ),
        flagged=bool(data.get("flagged")),
        feedback=tuple(
            Feedback(f["id"], f["author_role"], dt.date.fromisoformat(f["given_on"]), f["text"])
            for f in data.get("feedback") or ()
        ),
        created_at=stamp(data.get("created_at")),
        updated_at=stamp(data.get("updated_at")),
        revision=int(data.get("revision") or 1),
        deleted_at=stamp(data.get("deleted_at")),
    )


def open_journal(path: str | os.PathLike[str] | None = None) -> Journal:
    """Open (creating if needed) the journal at ``path``, ``$WORKBOOK_JOURNAL``, or the default."""
    return Journal(path)
