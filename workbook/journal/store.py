"""The journal: one SQLite file, durable, private, and never silently lossy.

* Every write is one ``BEGIN IMMEDIATE`` transaction: all of it lands or none of it.
* Input is validated completely (``validate.validate_entry``) before anything is written;
  an edit is merged and validated inside its transaction, against the entry read there.
* Nothing is destroyed: ``delete`` moves to a trash, ``update`` keeps the previous version.
* Metadata (``entries``) is kept apart from text (``entry_text``) so that analysis reads
  no text at all.

``Journal`` is the facade: it owns the connection's life cycle, the lock and the
transactions, and delegates the rest: opening and pragmas to :mod:`.connection`, rows to
:mod:`.entries`, filters and search to :mod:`.queries`, drafts and settings to
:mod:`.drafts`, the people register to :mod:`.people`, the journal's own tags to
:mod:`.tags`, purging for good (the one change that keeps nothing) to :mod:`.purge`. This
module never imports pandas, altair or ipywidgets; ``to_frame`` and friends load
``workbook.journal.frames`` only when called.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import paths
from ..content.reflective_models import TemplateLibrary, load_templates
from ..content.vocab import Vocabulary, load_vocabulary
from ..errors import ConflictError, JournalError, ValidationError
from ..models import Entry, Revision, Tag
from ..paths import resolve_journal_path
from ..validate import check_custom_tag, check_fields_mapping, new_item_id, validate_entry
from . import edits, migrations, queries
from .alias_key import AliasKey
from .connection import (
    BUSY_TIMEOUT_MS,
    WriteGate,
    backup_to,
    configure,
    connect,
    iso,
    open_file,
    translated_errors,
    utc_now,
)
from .cpd_store import CpdRecords, StoredCpdRecord
from .drafts import DRAFT_MAX_BYTES, Drafts, Settings
from .entries import EntryRows, NewEntry
from .pcf import PCFMapping, pcf_mappings
from .people import People
from .purge import Purger, PurgeReport
from .queries import fts_query
from .tags import insert_custom_tags, read_custom_tags

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "BUSY_TIMEOUT_MS",
    "DRAFT_MAX_BYTES",
    "Journal",
    "NewEntry",
    "entry_from_dict",
    "fts_query",
    "open_journal",
    "utc_now",
]
#: Rebuild an Entry from ``Entry.to_dict()`` output (kept here for older imports).
entry_from_dict = Entry.from_dict
#: Settings key (+ entry id) of the {revision: restored revision} marks of ``restore_revision``.
_RESTORED = "restored_revisions:"


class _Unchanged(Exception):  # noqa: N818 - a signal inside Journal.edit, never raised to callers
    """An edit that would leave the entry as it is (carries the entry, at its revision)."""

    def __init__(self, entry: Entry) -> None:
        self.entry = entry


class _DryRun(Exception):  # noqa: N818 - a signal inside Journal.add_feedback_many, never raised to callers
    """Roll back a write that was only checked."""


def _with_comments(entry: Entry, comments: Iterable[tuple[Any, ...]]) -> tuple[list[dict[str, Any]], list[str]]:
    """The entry's feedback with these comments, each (author_role, text, given_on, id,
    function), added at the end, and the ids added: one whose id is there already is skipped."""
    feedback = [f.to_dict() for f in entry.feedback]
    known = {f["id"] for f in feedback}
    ids: list[str] = []
    for role, text, given_on, item_id, function in comments:
        if item_id is not None and item_id in known:
            continue
        item_id = item_id or new_item_id()
        known.add(item_id)
        feedback.append(edits.added_feedback(entry, role, text, given_on, id=item_id, function=function)[-1])
        ids.append(item_id)
    return feedback, ids


class Journal:
    """A journal of conversations in one SQLite file. Use ``wb.open_journal()``.

    A context manager: ``with wb.open_journal() as journal: ...`` closes it at the end.
    """

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        """Open the journal at ``path``; only a path with no file there is created.

        ``connection.open_file`` refuses, before anything is written, a file that is not
        ours, is damaged, or lies where other users could change its -wal file; a read-only
        file or folder is opened read-only (``read_only`` says why, writes are refused).
        """
        in_memory = str(path) == ":memory:"
        self.path: Path | None = None if in_memory else resolve_journal_path(path)
        self._lock = threading.RLock()
        created: list[str] = []
        if self.path is None:
            self._conn = connect(":memory:")
            self._gate = WriteGate(None, None)
            with translated_errors(self._conn, None) as conn:
                configure(conn, in_memory=True)
        else:
            self._conn, self._gate, created = open_file(self.path)
        #: Why this journal cannot be written to ("the journal file is read-only"), or None.
        self.read_only: str | None = self._gate.read_only
        if self.read_only:
            self.migrations_applied, self.backup_made = created, None
        else:
            with translated_errors(self._conn, self.path) as conn:
                done, self.backup_made = migrations.apply(conn, self.path)
            self.migrations_applied = created + done
        self.people = People(lambda: self.connection, self._write, AliasKey(lambda: self.connection, in_memory))
        self._rows = EntryRows(self.people)
        self._drafts = Drafts(lambda: self.connection, self._write)
        self._settings = Settings(lambda: self.connection, self._write)
        self._cpd = CpdRecords(lambda: self.connection, self._write)
        self._purger = Purger(lambda: self.connection, self._write, self._rows, self._lock, self.path)
        self._templates: TemplateLibrary | None = None
        self._vocabulary: Vocabulary | None = None

    # -- life cycle -----------------------------------------------------------------
    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._gate.close()
                self._conn.close()
                self._conn = None  # type: ignore[assignment]

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        where = paths.shown(self.path) if self.path else ":memory:"
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
            "read_only": self.read_only,
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
            f"<code>{html.escape(paths.shown(s['path']))}</code><br>"
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

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: ``BEGIN IMMEDIATE`` ... ``COMMIT``, or rollback on any error."""
        with self._lock:
            conn = self.connection
            self._gate.check()  # read-only, or found damaged: refused before anything is written
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    def _in_transaction(self, conn: sqlite3.Connection) -> sqlite3.Connection:
        if conn is not self._conn or not conn.in_transaction:
            raise JournalError("Write through `with journal.transaction() as conn:` and pass that conn.")
        return conn

    # -- vocabulary and templates ---------------------------------------------------
    def vocabulary(self) -> Vocabulary:
        """The bundled vocabulary plus this journal's own tags."""
        if self._vocabulary is None:
            self._vocabulary = load_vocabulary(read_custom_tags(self.connection))
        return self._vocabulary

    def invalidate_vocabulary(self) -> None:
        """Forget the cached vocabulary (after the journal's own tags changed)."""
        self._vocabulary = None

    def templates(self) -> TemplateLibrary:
        if self._templates is None:
            self._templates = load_templates(warn=False)
        return self._templates

    def add_tag(
        self, label: str, group: str, definition: str, reference: str = "My own tag", *, id: str | None = None
    ) -> Tag:
        """Add a tag of your own to this journal's vocabulary (rules: ``validate.check_custom_tag``)."""
        raw = {"label": label, "group": group, "definition": definition, "reference": reference}
        tag = check_custom_tag(raw if id is None else {**raw, "id": id}, self.vocabulary())
        with self._write() as conn:
            insert_custom_tags(conn, [tag])
        self._vocabulary = None
        return tag

    # -- entries: writing -----------------------------------------------------------
    def _validate(self, raw: Mapping[str, Any]) -> dict[str, Any]:
        return validate_entry(
            raw, vocabulary=self.vocabulary(), templates=self.templates(), find_person=self.people.find_pseudonym
        )

    def add(self, **fields: Any) -> Entry:
        """Save a new entry and return it as stored. Raises ValidationError (nothing written)."""
        return self.get(self._add_all([fields], prefix=lambda i: "")[0])

    def add_many(self, entries: Iterable[Mapping[str, Any]]) -> list[str]:
        """Save many new entries in ONE transaction: all of them, or (on any error) none.

        Every entry is validated before anything is written; an error names the entry's
        index, e.g. ``entries[3].title``. Returns the new ids in order.
        """
        return self._add_all(entries, prefix=lambda i: f"entries[{i}]")

    def _add_all(self, entries: Iterable[Mapping[str, Any]], prefix: Callable[[int], str]) -> list[str]:
        if isinstance(entries, (str, bytes, Mapping)) or not isinstance(entries, Iterable):
            raise ValidationError(
                "entries", f"must be a list of mappings of entry fields, not {type(entries).__name__}."
            )
        prepared: list[tuple[str, dict[str, Any]]] = []
        seen: set[str] = set()
        for index, fields in enumerate(entries):
            check_fields_mapping(prefix(index), fields)
            with ValidationError.within(prefix(index)):
                clean = self._validate(fields)
                entry_id = clean.pop("id", None) or str(uuid.uuid4())
                if entry_id in seen:
                    raise ValidationError("id", f"{entry_id!r} is given twice.")
            seen.add(entry_id)
            prepared.append((entry_id, clean))
        now = utc_now()
        with self._write() as conn:
            for index, (entry_id, clean) in enumerate(prepared):
                with ValidationError.within(prefix(index)):
                    if self._rows.exists(conn, entry_id):
                        raise ValidationError("id", f"an entry with id {entry_id!r} already exists.")
                self._rows.insert(conn, NewEntry(entry_id, clean, now, now))
        return [entry_id for entry_id, _ in prepared]

    def insert_entries(self, conn: sqlite3.Connection, rows: Iterable[NewEntry]) -> None:
        """Write validated entries inside ``with journal.transaction() as conn:`` (importers).

        Each :class:`~workbook.journal.entries.NewEntry` carries fields that
        ``validate.validate_entry`` returned and the stamps to keep; its id must be free."""
        conn = self._in_transaction(conn)
        for row in rows:
            self._rows.insert(conn, row)

    def insert_revisions(self, conn: sqlite3.Connection, versions: Iterable[tuple[str, Entry]]) -> None:
        """Write earlier versions, each (entry id, ``Entry``), inside ``journal.transaction()``."""
        self._rows.insert_revisions(self._in_transaction(conn), versions)

    def insert_tags(self, conn: sqlite3.Connection, tags: Iterable[Tag]) -> None:
        """Write tags checked by ``validate.check_custom_tag`` inside ``journal.transaction()``;
        call ``invalidate_vocabulary()`` after the transaction."""
        insert_custom_tags(self._in_transaction(conn), tags)

    def update(self, entry_id: str, *, expected_revision: int | None = None, **changes: Any) -> Entry:
        """Change fields of an entry; the previous version is kept (see ``history``).

        ``changes`` are whole new values, put over the entry as it is when the write begins.
        ``expected_revision``: the revision the caller's copy was made from (a form passes
        the one it opened, then the one it saved). If the entry is at another revision,
        nothing is saved and a :class:`~workbook.errors.ConflictError` says so, so two
        windows never silently overwrite each other. It must be a whole number of 1 or more
        (a ValidationError otherwise). For a change relative to what the entry holds, use
        :meth:`edit`.
        """
        if "id" in changes:
            raise ValidationError("id", "cannot be changed.")
        return self.edit(entry_id, lambda current: changes, expected_revision=expected_revision)

    def edit(
        self, entry_id: str, merge: Callable[[Entry], Mapping[str, Any]], *, expected_revision: int | None = None
    ) -> Entry:
        """Read, merge and write an entry in ONE write transaction; returns the entry as saved.

        ``merge`` gets the entry as read inside the transaction (``BEGIN IMMEDIATE``: no one
        else can write until it ends) and returns changed fields as ``update`` takes them, e.g.
        ``lambda e: {"feedback": [*e.feedback, comment]}``. So what another kernel saved just
        before is merged, never dropped: relative edits (add a tag, an action point, a comment,
        a status; ``workbook edit``) are made this way, as a merge of an earlier read would
        overwrite it. ``merge`` must only compute (writers elsewhere wait); whatever it raises
        saves nothing. ``expected_revision`` is checked first, as in :meth:`update`. An edit
        that changes nothing writes nothing: the entry comes back at the same revision.
        """
        expected = edits.checked_revision(expected_revision)
        self.vocabulary()  # both loaded before the journal is locked for writers
        self.templates()
        try:
            with self._write() as conn:
                current = self.get(entry_id)
                if expected is not None and expected != current.revision:
                    raise ConflictError(current.id, current.revision, expected)
                if not self._save_changes(conn, current, merge(current)):
                    raise _Unchanged(current)  # rolled back: no new revision, nothing merge wrote is kept
                return self.get(current.id)  # as saved: not a newer revision another kernel may write next
        except _Unchanged as nothing:
            return nothing.entry  # the same revision: a caller compares revisions to say "nothing changed"

    def _save_changes(self, conn: sqlite3.Connection, current: Entry, changes: Mapping[str, Any]) -> bool:
        """Inside a write: validate ``changes`` over ``current`` (as read in this transaction)
        and write them as its next revision. False, and nothing written, if they change nothing.
        The one body of :meth:`edit` and :meth:`add_feedback_many`."""
        if "id" in changes:
            raise ValidationError("id", "cannot be changed.")
        clean = self._validate({**current.fields(), **changes})
        if self._unchanged(current, clean):
            return False
        self._rows.replace(conn, current, clean)
        return True

    def _unchanged(self, current: Entry, clean: Mapping[str, Any]) -> bool:
        """Whether ``clean`` (validated fields) is what ``current`` already holds."""
        try:  # validate_entry itself, so that a test's stand-in for _validate runs once per edit
            stored = validate_entry(
                current.fields(),
                vocabulary=self.vocabulary(),
                templates=self.templates(),
                find_person=self.people.find_pseudonym,
            )
            return clean == stored
        except ValidationError:  # the stored entry no longer validates (e.g. a custom tag removed)
            return False

    def set_action_status(self, entry_id: str, action_id: str, status: str) -> Entry:
        """Follow up an action point: mark it open, done or dropped (kept as a revision).

        Made with :meth:`edit`, so a change saved elsewhere a moment before is kept."""

        def with_status(entry: Entry) -> dict[str, Any]:
            actions = [a.to_dict() for a in entry.actions]
            for action in actions:
                if action["id"] == action_id:
                    action["status"] = status
                    return {"actions": actions}
            known = ", ".join(a["id"] for a in actions) or "none"
            raise ValidationError("action_id", f"entry has no action point {action_id!r}; its actions are {known}.")

        return self.edit(entry_id, with_status)

    def add_feedback(
        self,
        entry_id: str,
        author_role: str,
        text: str,
        given_on: dt.date | str | None = None,
        *,
        id: str | None = None,
        function: str | None = None,
    ) -> Entry:
        """Add a supervisor's, tutor's or peer's comment to an entry, optionally with the
        supervision function it served (``models.FEEDBACK_FUNCTIONS``).

        Made with :meth:`edit`, so two comments added at the same moment are both kept."""
        return self.edit(
            entry_id,
            lambda entry: {
                "feedback": edits.added_feedback(entry, author_role, text, given_on, id=id, function=function)
            },
        )

    def add_feedback_many(
        self,
        items: Iterable[Sequence[Any]],
        *,
        dry_run: bool = False,
    ) -> dict[str, tuple[str, ...]]:
        """Add many comments, each ``(entry_id, author_role, text, given_on, id, function)``, in
        ONE write transaction: all of them, or (on any error) none. Returns {full entry id:
        the feedback ids added to it}, entries in the order first named.

        Each entry touched gets one new revision holding all its new comments, merged with the
        entry as read inside the write (as :meth:`edit` does), so a comment saved elsewhere a
        moment before is kept. A comment whose ``id`` the entry already has (or that an earlier
        item gave it) is skipped, so importing the same comments twice adds nothing. With
        ``dry_run`` everything is read and checked the same way, then rolled back."""
        wanted: list[tuple[str, tuple[Any, ...]]] = []
        for n, item in enumerate(items):  # read and shaped before the journal is locked for writers
            if isinstance(item, (str, bytes)) or not isinstance(item, Sequence) or len(item) != 6:
                raise ValidationError(f"items[{n}]", "must be (entry_id, author_role, text, given_on, id, function).")
            if not isinstance(item[0], str):
                raise ValidationError(f"items[{n}].entry_id", f"must be text, not {type(item[0]).__name__}.")
            wanted.append((item[0], tuple(item[1:])))
        self.vocabulary()
        self.templates()
        added: dict[str, tuple[str, ...]] = {}
        try:
            with self._write() as conn:
                by_entry: dict[str, list[tuple[Any, ...]]] = {}
                for entry_id, comment in wanted:  # one revision per entry, however its id was written
                    by_entry.setdefault(self._rows.full_id(conn, entry_id), []).append(comment)
                for entry_id, comments in by_entry.items():
                    current = self.get(entry_id)
                    feedback, ids = _with_comments(current, comments)
                    if ids and self._save_changes(conn, current, {"feedback": feedback}):
                        added[current.id] = tuple(ids)
                if dry_run:
                    raise _DryRun  # rolled back: nothing is kept
        except _DryRun:
            pass
        return added

    def delete(self, entry_id: str) -> None:
        """Move an entry to the trash (``restore`` brings it back)."""
        self._set_deleted(entry_id, iso(utc_now()))

    def restore(self, entry_id: str) -> Entry:
        """Bring an entry back from the trash."""
        self._set_deleted(entry_id, None)
        return self.get(entry_id)

    def _set_deleted(self, entry_id: str, value: str | None) -> None:
        full = self._rows.full_id(self.connection, entry_id)
        with self._write() as conn:
            self._rows.set_deleted(conn, full, value)

    # -- entries: reading -----------------------------------------------------------
    def get(self, entry_id: str) -> Entry:
        """The entry with this id (or unique id prefix), including one in the trash."""
        return self.load([self._rows.full_id(self.connection, entry_id)])[0]

    def __contains__(self, entry_id: object) -> bool:
        return isinstance(entry_id, str) and self._rows.exists(self.connection, entry_id)

    def __len__(self) -> int:
        return self.connection.execute("SELECT count(*) FROM entries WHERE deleted_at IS NULL").fetchone()[0]

    def load(self, ids: Sequence[str]) -> list[Entry]:
        """The entries with these full ids, in that order (trash included), with one query per table.

        For code that already holds ids (from ``entry_ids``, a plan, a selection); unknown ids are
        left out. ``get`` is the call for one id or prefix."""
        with self.read_snapshot() as conn:
            return self._rows.load(conn, ids)

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
        filters = dict(since=since, until=until, tags=tags, context=context, outcome=outcome, flagged=flagged)
        return queries.entry_ids(self.connection, self.vocabulary, in_trash=in_trash, limit=limit, **filters)

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

    def search(self, text: str, *, limit: int = 50, in_trash: bool = False, **filters: Any) -> list[Entry]:
        """Entries whose title, stage responses or narrative contain every word of ``text``
        (the last word may be the start of a word), newest first; trash left out unless
        ``in_trash``. ``filters`` are those of ``entries`` (``since``, ``tags``, ...).

        Among many matches, the ``limit`` most recently written are returned, sorted by the
        date of the conversation (see ``queries.search`` for why not by relevance).
        """
        ids = queries.search(self.connection, self.vocabulary, text, limit=limit, in_trash=in_trash, **filters)
        found = self.load(ids)
        return sorted(found, key=lambda e: (e.occurred_on, e.created_at or utc_now()), reverse=True)

    def history(self, entry_id: str) -> list[Revision]:
        """Every version of an entry, oldest first; the last is the current one."""
        current = self.get(entry_id)
        history = self._rows.revisions(self.connection, current.id)
        history.append(Revision(current.id, current.revision, current.updated_at or utc_now(), current))
        return history

    def restore_revision(self, entry_id: str, revision: int, *, expected_revision: int | None = None) -> Entry:
        """Make an earlier version of an entry its current text again, as a NEW revision.

        Nothing is lost: the version being replaced is kept in the history like any other,
        and the new revision records that it restores ``revision`` (see ``restored_from``).
        Made with :meth:`edit`, so ``expected_revision`` (the revision the caller saw) is
        checked inside the write and a change saved elsewhere since is a ConflictError.
        ``revision`` must be an earlier revision of this entry (a ValidationError otherwise)."""
        if isinstance(revision, bool) or not isinstance(revision, int):
            raise ValidationError("revision", f"must be a whole number; got a {type(revision).__name__}.")

        seen: dict[str, int] = {}

        def back_to(current: Entry) -> dict[str, Any]:
            seen["revision"] = current.revision
            if revision == current.revision:
                raise ValidationError("revision", f"{revision} is the current version; there is nothing to restore.")
            old = next(
                (r.entry for r in self._rows.revisions(self.connection, current.id) if r.revision == revision), None
            )
            if old is None:
                raise ValidationError(
                    "revision", f"entry has no revision {revision}; its revisions are 1 to {current.revision}."
                )
            gone = [p for p in old.people if self.people.find_pseudonym(p) is None]
            if gone:
                raise ValidationError(
                    "people",
                    f"revision {revision} names {', '.join(gone)}, who is no longer in the people register; "
                    "add them again first.",
                )
            marks = self.restored_from(current.id)
            marks[current.revision + 1] = revision
            self.connection.execute(  # in edit's transaction: kept only if the restore is saved
                "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (_RESTORED + current.id, json.dumps({str(k): v for k, v in marks.items()})),
            )
            return old.fields()

        restored = self.edit(entry_id, back_to, expected_revision=expected_revision)
        if restored.revision == seen["revision"]:  # an edit that changes nothing writes nothing
            raise ValidationError(
                "revision", f"{revision} reads the same as the current version; there is nothing to restore."
            )
        return restored

    def restored_from(self, entry_id: str) -> dict[int, int]:
        """{revision: the earlier revision it restored} for the entry's restored versions."""
        full = self._rows.full_id(self.connection, entry_id)
        row = self.connection.execute("SELECT value FROM settings WHERE key = ?", (_RESTORED + full,)).fetchone()
        try:
            return {int(k): int(v) for k, v in json.loads(row[0]).items()} if row else {}
        except (TypeError, ValueError, AttributeError):
            return {}

    def earlier_versions(self) -> Iterator[tuple[str, dict[str, Any]]]:
        """Every earlier version of every entry as (entry id, ``Entry.to_dict()``), by entry
        then revision: what an export writes, read lazily (call inside ``read_snapshot``)."""
        return self._rows.earlier_versions(self.connection)

    def pcf_mappings(
        self, *, since: dt.date | str | None = None, until: dt.date | str | None = None
    ) -> list[PCFMapping]:
        """Each entry and action point (trash left out) dated ``since``..``until`` that is mapped
        to a BASW PCF domain, one row per domain, with the entry's date and title (no other
        text): what ``reports.pcf.pcf_evidence`` groups by domain."""
        with self.read_snapshot() as conn:
            return pcf_mappings(conn, since=since, until=until)

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

        vocabulary = self.vocabulary()
        with self.read_snapshot() as conn:  # one consistent read: no write can land in between
            return frames.all_frames(conn, vocabulary, include_trash=include_trash)

    def people_frame(self, *, include_trash: bool = False) -> pd.DataFrame:
        """One row per person in an entry: ``entry_id``, ``occurred_on``, ``role`` (no names)."""
        from . import frames

        return frames.people_frame(self.connection, include_trash=include_trash)

    def actions_frame(self, *, include_trash: bool = False) -> pd.DataFrame:
        """One row per action point: ``entry_id``, ``occurred_on``, ``status``, ``due_on`` (no text)."""
        from . import frames

        return frames.actions_frame(self.connection, include_trash=include_trash)

    # -- drafts and settings (see drafts.py) -------------------------------------------
    def save_draft(self, key: str, payload: Mapping[str, Any]) -> None:
        """Keep a form's unsaved state (replaces any earlier draft under ``key``). A key that is
        not one line of text, or a payload that is not plain JSON (circular, broken Unicode,
        non-text keys, over ``DRAFT_MAX_BYTES``) is a ValidationError and nothing is written."""
        self._drafts.save(key, payload)

    def draft(self, key: str) -> dict[str, Any] | None:
        """The draft kept under ``key``, or None."""
        return self._drafts.get(key)

    def discard_draft(self, key: str) -> None:
        self._drafts.discard(key)

    def setting(self, key: str, default: Any = None) -> Any:
        """The setting under ``key``, else ``default`` (also, with a warning, for a stored
        value that breaks the setting's rule)."""
        return self._settings.get(key, default)

    def set_setting(self, key: str, value: Any) -> None:
        """Keep a setting: plain JSON of at most 64 KB under a text key, held to the setting's
        own rule (``load_signal``: ``validate.check_load_signal``). ValidationError otherwise."""
        self._settings.set(key, value)

    # -- purging for good (see purge.py) ------------------------------------------------
    # -- CPD and revalidation records (journal/cpd_store.py; built by workbook.cpd) ---------
    def add_cpd_record(
        self,
        kind: str,
        fields: Mapping[str, Any],
        entry_ids: Iterable[str] = (),
        *,
        made_on: dt.date | str | None = None,
    ) -> StoredCpdRecord:
        """Keep a CPD record ("swe", "nmc-account" or "nmc-discussion") made from these
        entries. Use ``workbook.cpd`` to build one: it checks each field and takes the text
        through the review of what could identify someone first."""
        return self._cpd.add(kind, fields, entry_ids, made_on=made_on)

    def cpd_records(self, kind: str | None = None) -> list[StoredCpdRecord]:
        """The CPD records kept (of one kind if given), oldest first."""
        return self._cpd.list(kind)

    def cpd_record(self, record_id: str) -> StoredCpdRecord:
        """One CPD record by its id or the start of it; NotFoundError if none."""
        return self._cpd.get(record_id)

    def delete_cpd_record(self, record_id: str) -> None:
        """Remove a CPD record for good; NotFoundError if there is none."""
        self._cpd.delete(record_id)

    def purge_text(
        self,
        text: str,
        *,
        entry_ids: Iterable[str] | None = None,
        include_backups: bool = False,
        dry_run: bool = False,
    ) -> PurgeReport:
        """Replace ``text`` (trimmed; any casing, composed or decomposed) with "[removed]" in
        every entry (trash included; or only ``entry_ids``), earlier version and draft, then
        clean the file (search index merged, VACUUM, -wal emptied) so it cannot be found there.

        Keeps no earlier version; a changed entry's revision goes up, so an open form is
        refused on saving. ValidationError naming ``text`` for one under 2 or over 1,000
        characters. ``include_backups`` purges the backups beside the journal too; otherwise
        ``PurgeReport.backups`` lists them. ``dry_run`` only counts. Cannot be undone."""
        return self._purger.text(text, entry_ids=entry_ids, include_backups=include_backups, dry_run=dry_run)

    def purge_entry(self, entry_id: str, *, include_backups: bool = False, dry_run: bool = False) -> PurgeReport:
        """Delete an entry in the trash for good: its rows, earlier versions, search words and
        drafts, then clean the file as ``purge_text`` does. Refused (nothing changed) for an
        entry not in the trash. Cannot be undone."""
        return self._purger.entry(entry_id, include_backups=include_backups, dry_run=dry_run)

    # -- backup -------------------------------------------------------------------------
    def backup(self, target: str | os.PathLike[str]) -> Path:
        """Copy the whole journal to ``target`` (a new file, mode 0600) with SQLite's backup API.

        Works on a read-only journal too. The copy is made beside ``target`` and linked into
        place only when complete, so an interrupted backup leaves nothing at ``target``."""
        with self._lock:
            return backup_to(self.connection, target)


def open_journal(path: str | os.PathLike[str] | None = None) -> Journal:
    """Open (creating if needed) the journal at ``path``, ``$WORKBOOK_JOURNAL``, or the default."""
    return Journal(path)
