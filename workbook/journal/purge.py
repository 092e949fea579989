"""Purging for good: a text, or a trashed entry, taken out of every place the journal file keeps it.

Everything else the journal does keeps what it replaces (an edit keeps the earlier version,
a deletion moves to the trash), and SQLite itself leaves deleted bytes in free pages, in the
unused space of pages and in its ``-wal`` file. A purge is the one exception, for a name or a
passage that must not stay (a real name written by mistake, an entry about the wrong person):

* :meth:`Purger.text` replaces every occurrence of a text, in any casing and whether its
  accented letters are composed (NFC) or decomposed (NFD), with :data:`MARKER`, in every
  free-text field of every entry (the trash included), in every earlier version, in the
  drafts and in the fields of the CPD and revalidation records (``cpd_records``), and writes
  the search words of the changed entries again. Tags on a passage keep
  their passage: its offsets move with the text.
* :meth:`Purger.entry` deletes a trashed entry with all its rows, earlier versions, search
  words and drafts, and takes its id out of the CPD records made from it (a record itself
  stays: it is the registrant's own de-identified record).
* Both write in ONE transaction with ``PRAGMA secure_delete`` on (freed space is zeroed),
  merge the search index into one segment (FTS5 ``optimize``, so no old segment keeps a
  word), then ``VACUUM`` (the file is rebuilt with no free pages; its temporary copy is kept
  in memory, not in a temporary file) and ``wal_checkpoint(TRUNCATE)`` (the ``-wal`` file
  is emptied). A purge that finds nothing still cleans the file.
* A purge keeps no earlier version, but the revision of a changed entry goes up by one, so
  a form still open on it is refused on saving (a ConflictError) instead of silently
  writing the purged text back; its history shows the gap.

What a purge does not change it names: the backups beside the journal (listed, or purged
too with ``include_backups``) and the other places that hold the text (the people register,
your own tags, settings: ``PurgeReport.elsewhere``). The report holds counts, never the text.
"""

from __future__ import annotations

import dataclasses
import json
import re
import sqlite3
import threading
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from ..errors import EntryNotFoundError, ValidationError, WorkbookError
from ..files import SQLITE_SIDE_FILES, remove_sqlite_file
from ..models import TEXT_FIELDS, Entry
from ..validate import check_text
from .connection import is_locked, iso, utc_now
from .entries import EntryRows

if TYPE_CHECKING:
    from .store import Journal

__all__ = ["LIST_TEXT", "MARKER", "TEXT_MAX", "TEXT_MIN", "BackupPurge", "PurgeReport", "Purger", "purge_pattern"]

#: What a purged text is replaced with.
MARKER = "[removed]"
#: A text to purge has at least this many characters (spaces at either end not counted) ...
TEXT_MIN = 2
#: ... and at most this many: a name or a passage, not a whole entry (purge the entry for that).
TEXT_MAX = 1_000
#: The free text inside an entry's list fields (``models.CHILD_FIELDS``): per list, the keys of
#: each item that a person writes. The other keys of an item are ids, choices, dates and tag ids;
#: tests/journal/test_purge.py fails when a text field of an item is in neither group.
LIST_TEXT: dict[str, tuple[str, ...]] = {"actions": ("text",), "feedback": ("text",)}

#: Tables a purge rewrites (with the search index's, ``entry_fts*``); every other table is only
#: searched, for ``PurgeReport.elsewhere``.
_PURGED_TABLES = {"entry_text", "actions", "feedback", "revisions", "drafts", "cpd_records", "_migrations"}
#: How the other tables are named to a person (a table not listed is named as it is).
PLACES = {
    "people": "the people register (pseudonyms)",
    "person_aliases": "the people register (aliases)",
    "custom_tags": "your own tags",
    "settings": "settings",
    "entries": "entry details (ids, contexts, templates)",
    "entry_tags": "tag uses (tag ids)",
    "entry_pcf": "PCF domains of entries (domain ids)",
    "action_pcf": "PCF domains of action points (domain ids)",
}


# -- what to purge -----------------------------------------------------------------------------
def purge_pattern(text: Any) -> re.Pattern[str]:
    """The pattern that finds ``text`` (trimmed) in any casing, composed or decomposed.

    ValidationError naming ``text`` (and never quoting it) for a value that is not text, is
    shorter than :data:`TEXT_MIN` or longer than :data:`TEXT_MAX` characters, holds control
    characters, or is part of :data:`MARKER` (purging it would find the marker itself)."""
    if not isinstance(text, str):
        raise ValidationError("text", f"must be text, not {type(text).__name__}.")
    needle = text.strip()
    if len(needle) < TEXT_MIN:
        raise ValidationError(
            "text",
            f"must be at least {TEXT_MIN} characters, not counting spaces at either end: the name or passage to purge.",
        )
    check_text("text", needle, max_len=TEXT_MAX)  # its messages give positions, never the value
    forms = sorted({unicodedata.normalize(form, needle) for form in ("NFC", "NFD")}, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(f) for f in forms), re.IGNORECASE)
    if pattern.search(MARKER):
        raise ValidationError("text", f"is part of {MARKER!r}, which replaces what is purged; give more of it.")
    return pattern


def _replaced(text: str, pattern: re.Pattern[str]) -> tuple[str, list[tuple[int, int]]]:
    """``text`` with every match replaced by the marker, and the matches' (start, end)."""
    spans = [m.span() for m in pattern.finditer(text)]
    return (pattern.sub(lambda _: MARKER, text) if spans else text), spans


def _moved(offset: int, spans: Sequence[tuple[int, int]], *, end: bool) -> int:
    """Where ``offset`` in a text is once ``spans`` are replaced by the marker; an offset inside
    a replaced span goes to the marker's start (a passage's start) or end (a passage's end)."""
    shift = 0
    for start, stop in spans:
        if offset >= stop:
            shift += len(MARKER) - (stop - start)
        elif offset > start:
            return start + shift + (len(MARKER) if end else 0)
        else:
            break
    return offset + shift


def purge_fields(data: dict[str, Any], pattern: re.Pattern[str]) -> int:
    """Purge one entry as ``Entry.to_dict()`` gives it (a current entry or an earlier version),
    in place: its text fields (``models.TEXT_FIELDS``), the texts of its lists (:data:`LIST_TEXT`),
    and the passages its tags are on. Returns how many occurrences were replaced."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for name in TEXT_FIELDS:
        value = data.get(name)
        if isinstance(value, str):
            data[name], spans[name] = _replaced(value, pattern)
        elif isinstance(value, dict):  # responses: stage id -> text
            for key, text in value.items():
                if isinstance(text, str):
                    value[key], spans[f"{name}.{key}"] = _replaced(text, pattern)
    found = sum(len(s) for s in spans.values()) + _purge_lists(data, pattern)
    _move_passages(data, spans)
    return found


def _purge_lists(data: dict[str, Any], pattern: re.Pattern[str]) -> int:
    found = 0
    for name, keys in LIST_TEXT.items():
        for item in data.get(name) or ():
            for key in keys:
                if isinstance(item.get(key), str):
                    item[key], spans = _replaced(item[key], pattern)
                    found += len(spans)
    return found


def _move_passages(data: dict[str, Any], spans: dict[str, list[tuple[int, int]]]) -> None:
    for tag in data.get("tags") or ():
        anchor = tag.get("anchor") if isinstance(tag, dict) else None
        hits = spans.get(anchor.get("field")) if anchor else None
        if hits:
            anchor["start"] = _moved(anchor["start"], hits, end=False)
            anchor["end"] = _moved(anchor["end"], hits, end=True)


def _purged_json(value: Any, pattern: re.Pattern[str]) -> tuple[Any, int]:
    """A JSON value (a draft) with the text replaced in every string, keys included."""
    if isinstance(value, str):
        text, spans = _replaced(value, pattern)
        return text, len(spans)
    if isinstance(value, list):
        items = [_purged_json(v, pattern) for v in value]
        return [v for v, _ in items], sum(n for _, n in items)
    if isinstance(value, dict):
        found, out = 0, {}
        for key, item in value.items():
            new_key, n_key = _purged_json(key, pattern)
            out[new_key], n_item = _purged_json(item, pattern)
            found += n_key + n_item
        return out, found
    return value, 0


def _json_strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _json_strings(item)


class _Matcher:
    """``wb_purge_hit(column)`` in SQL: does a column hold the text, as it is or inside JSON
    (escaped)? Registered once per connection (SQLite refuses to replace a function while a
    statement is open); it matches nothing outside :meth:`looking_for`."""

    def __init__(self) -> None:
        self.pattern: re.Pattern[str] | None = None
        self._registered: set[int] = set()

    @contextmanager
    def looking_for(self, conn: sqlite3.Connection, pattern: re.Pattern[str]) -> Iterator[None]:
        if id(conn) not in self._registered:
            conn.create_function("wb_purge_hit", 1, self, deterministic=True)
            self._registered.add(id(conn))
        self.pattern = pattern
        try:
            yield
        finally:
            self.pattern = None

    def __call__(self, value: Any) -> bool:
        pattern = self.pattern
        if pattern is None or not isinstance(value, str):
            return False
        if pattern.search(value):
            return True
        if "\\" not in value:
            return False
        try:
            return any(pattern.search(s) for s in _json_strings(json.loads(value)))
        except (ValueError, RecursionError):
            return False


# -- what a purge says -------------------------------------------------------------------------
class BackupPurge(NamedTuple):
    """One backup beside the journal, purged too: its report, or why it was not purged."""

    path: Path
    report: PurgeReport | None
    problem: str | None = None


@dataclass(frozen=True, repr=False)
class PurgeReport:
    """What a purge changed, place by place, and what it could not reach. Never the text."""

    kind: str  #: "text" or "entry"
    entries: int = 0  #: entries changed (a text) or removed (an entry)
    occurrences: int = 0  #: replacements in the entries' current text
    revisions: int = 0  #: earlier versions changed (a text) or removed (an entry)
    drafts: int = 0  #: drafts changed or removed
    #: CPD records whose fields changed (a text), or whose entry list lost the entry (an entry)
    records: int = 0
    index: int = 0  #: entries whose search words were written again (or removed)
    entry_id: str | None = None  #: the entry removed (``purge_entry``)
    dry_run: bool = False  #: counted only: nothing was changed
    cleaned: bool = False  #: the file was rebuilt with no free pages (VACUUM)
    wal_cleared: bool = False  #: the -wal file was emptied (False: another program reads the journal)
    #: Places a purge does not change that hold the text: place -> rows (``PLACES`` names).
    elsewhere: dict[str, int] = field(default_factory=dict)
    #: Backups beside the journal, made before this purge and not purged: they may still hold it.
    backups: tuple[Path, ...] = ()
    backups_purged: tuple[BackupPurge, ...] = ()

    @property
    def changed(self) -> bool:
        return bool(self.entries or self.revisions or self.drafts or self.records)

    def places(self) -> list[tuple[str, int]]:
        """(place, how many changed there), for the places a purge writes."""
        return [
            ("entries", self.entries),
            ("earlier versions", self.revisions),
            ("drafts", self.drafts),
            ("CPD records", self.records),
            ("search index", self.index),
        ]

    def __repr__(self) -> str:
        counts = ", ".join(f"{place} {n}" for place, n in self.places())
        state = "counted only" if self.dry_run else "file cleaned" if self.cleaned else "file NOT cleaned"
        return f"<PurgeReport {self.kind}: {counts}; {state}; {len(self.backups)} backup(s) not purged>"


# -- doing it ----------------------------------------------------------------------------------
@dataclass
class _Found:
    """What a text purge will write: new entries, snapshots, drafts and CPD records' fields, and the counts."""

    entries: list[Entry] = field(default_factory=list)
    occurrences: int = 0
    snapshots: list[tuple[str, int]] = field(default_factory=list)  # (snapshot JSON, rowid)
    drafts: list[tuple[str, str]] = field(default_factory=list)  # (payload JSON, key)
    records: list[tuple[str, str]] = field(default_factory=list)  # (fields JSON, record id)


class Purger:
    """``Journal.purge_text`` and ``purge_entry``: built by the journal with its connection,
    its write transaction, its entry rows, its lock and its path (None in memory)."""

    def __init__(
        self,
        connection: Callable[[], sqlite3.Connection],
        write: Callable[[], AbstractContextManager[sqlite3.Connection]],
        rows: EntryRows,
        lock: threading.RLock,
        path: Path | None,
    ) -> None:
        self._connection = connection
        self._write = write
        self._rows = rows
        self._lock = lock
        self._path = path
        self._matcher = _Matcher()

    # -- a text -----------------------------------------------------------------------------
    def text(
        self,
        text: str,
        *,
        entry_ids: Iterable[str] | None = None,
        include_backups: bool = False,
        dry_run: bool = False,
    ) -> PurgeReport:
        """Replace ``text`` everywhere in the journal (or in ``entry_ids``, their edit drafts and
        the CPD records made from any of them)."""
        pattern = purge_pattern(text)
        with self._lock:
            ids = self._full_ids(entry_ids)
            if dry_run:
                with self._reading() as conn, self._matcher.looking_for(conn, pattern):
                    found = self._find(conn, pattern, ids)
                    elsewhere = _elsewhere(conn)
                return self._report("text", found, dry_run=True, elsewhere=elsewhere)
            with _secure(self._connection()):
                with self._write() as conn, self._matcher.looking_for(conn, pattern):
                    found = self._find(conn, pattern, ids)
                    self._save(conn, found)
                    _optimize(conn)
                    elsewhere = _elsewhere(conn)
                cleaned, wal_cleared = self._clean()
        report = self._report("text", found, cleaned=cleaned, wal_cleared=wal_cleared, elsewhere=elsewhere)
        if include_backups:
            report = self._with_backups(report, lambda j: j.purge_text(text, entry_ids=ids))
        return report

    def _full_ids(self, entry_ids: Iterable[str] | None) -> list[str] | None:
        if entry_ids is None:
            return None
        if isinstance(entry_ids, (str, bytes)) or not isinstance(entry_ids, Iterable):
            raise ValidationError("entry_ids", "must be a list of entry ids (or prefixes), or None for every entry.")
        conn = self._connection()
        return list(dict.fromkeys(self._rows.full_id(conn, i) for i in entry_ids))

    def _find(self, conn: sqlite3.Connection, pattern: re.Pattern[str], ids: list[str] | None) -> _Found:
        found = _Found()
        key = json.dumps(ids) if ids is not None else None
        only = "" if key is None else " AND entry_id IN (SELECT value FROM json_each(?))"
        params = () if key is None else (key,)
        hits = " OR ".join(f"wb_purge_hit({name})" for name in TEXT_FIELDS)
        candidates = [
            r[0]
            for r in conn.execute(
                f"SELECT entry_id FROM entry_text WHERE ({hits}){only} "  # noqa: S608 - fixed names
                f"UNION SELECT entry_id FROM actions WHERE wb_purge_hit(text){only} "
                f"UNION SELECT entry_id FROM feedback WHERE wb_purge_hit(text){only}",
                params * 3,
            )
        ]
        now = iso(utc_now())
        for entry in self._rows.load(conn, candidates):
            data = entry.to_dict()
            n = purge_fields(data, pattern)
            if n:
                found.occurrences += n
                found.entries.append(Entry.from_dict({**data, "revision": entry.revision + 1, "updated_at": now}))
        for rowid, snapshot in conn.execute(
            f"SELECT rowid, snapshot FROM revisions WHERE wb_purge_hit(snapshot){only}", params
        ).fetchall():
            data = json.loads(snapshot)
            if purge_fields(data, pattern):
                found.snapshots.append((json.dumps(data, ensure_ascii=False), rowid))
        for draft_key, payload in conn.execute(
            "SELECT key, payload FROM drafts WHERE wb_purge_hit(payload)"
        ).fetchall():
            if ids is not None and not any(i in draft_key for i in ids):
                continue
            data, n = _purged_json(json.loads(payload), pattern)
            if n:
                found.drafts.append((json.dumps(data, ensure_ascii=False, allow_nan=False), draft_key))
        found.records = _records_purged(conn, pattern, ids)
        return found

    def _save(self, conn: sqlite3.Connection, found: _Found) -> None:
        for entry in found.entries:
            self._rows.rewrite_text(conn, entry)
        conn.executemany("UPDATE revisions SET snapshot = ? WHERE rowid = ?", found.snapshots)
        conn.executemany("UPDATE drafts SET payload = ? WHERE key = ?", found.drafts)
        conn.executemany("UPDATE cpd_records SET fields = ? WHERE id = ?", found.records)

    # -- an entry ---------------------------------------------------------------------------
    def entry(
        self, entry_id: str, *, include_backups: bool = False, dry_run: bool = False, in_backup: bool = False
    ) -> PurgeReport:
        """Delete a trashed entry for good. ``in_backup``: the entry is removed from a backup
        whether it was in the trash there or not, and a backup without it is only cleaned."""
        with self._lock:
            if dry_run:
                with self._reading() as conn:
                    full = self._removable(conn, entry_id, in_backup)
                    counts = _entry_counts(conn, full)
                return self._report("entry", _Found(), entry_id=full, dry_run=True, **counts)
            with _secure(self._connection()):
                with self._write() as conn:
                    full = self._removable(conn, entry_id, in_backup)
                    counts = _entry_counts(conn, full) if full else {}
                    if full:
                        self._rows.remove(conn, full)
                        conn.execute("DELETE FROM drafts WHERE instr(key, ?) > 0", (full,))
                        # which revisions restored which (store.restore_revision) names the entry's id
                        conn.execute("DELETE FROM settings WHERE instr(key, ?) > 0", (full,))
                        _drop_from_records(conn, full)
                        _optimize(conn)
                cleaned, wal_cleared = self._clean()
        report = self._report("entry", _Found(), entry_id=full, cleaned=cleaned, wal_cleared=wal_cleared, **counts)
        if include_backups:
            report = self._with_backups(report, lambda j: j._purger.entry(full, in_backup=True))
        return report

    def _removable(self, conn: sqlite3.Connection, entry_id: str, in_backup: bool) -> str | None:
        """The full id of the entry to remove; None for a backup that does not hold it."""
        try:
            full = self._rows.full_id(conn, entry_id)
        except EntryNotFoundError:
            if in_backup:
                return None
            raise
        trashed = conn.execute("SELECT deleted_at FROM entries WHERE id = ?", (full,)).fetchone()[0]
        if trashed is None and not in_backup:
            short = full[:8]
            raise WorkbookError(
                f"Entry {short} is not in the trash, so it was not purged (nothing was changed). Only an entry in "
                f"the trash can be purged: move it there first (`workbook delete {short}`)."
            )
        return full

    # -- the file ---------------------------------------------------------------------------
    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        conn = self._connection()
        conn.execute("BEGIN")
        try:
            yield conn
        finally:
            conn.execute("COMMIT")

    def _clean(self) -> tuple[bool, bool]:
        """Rebuild the file without free pages and empty the -wal: (cleaned, -wal emptied).

        Run after the purge's transaction (VACUUM cannot run inside one). If another program
        is writing, SQLite waits for it (the busy timeout); still locked, the purge stands
        and the report says the file was not cleaned, so running the purge again finishes it."""
        conn = self._connection()
        before = conn.execute("SELECT rowid, id FROM entries ORDER BY rowid").fetchall()
        try:
            vacuum(conn)
        except sqlite3.OperationalError as exc:
            if not is_locked(exc):
                raise
            return False, False
        self.keep_search_in_step(before)
        return True, self._path is None or checkpoint(conn)

    def keep_search_in_step(self, before: list[tuple[int, str]]) -> bool:
        """The search index finds entries by ``entries.rowid``, which SQLite documents that
        VACUUM may renumber (for a table like ``entries`` whose key is not an integer; SQLite
        3.40 keeps them). If any moved, write the index again from the text; True if so."""
        conn = self._connection()
        if conn.execute("SELECT rowid, id FROM entries ORDER BY rowid").fetchall() == before:
            return False
        with self._write() as conn:
            self._rows.reindex(conn)
        return True

    def _report(self, kind: str, found: _Found, **values: Any) -> PurgeReport:
        counts = {
            "entries": len(found.entries),
            "occurrences": found.occurrences,
            "revisions": len(found.snapshots),
            "drafts": len(found.drafts),
            "records": len(found.records),
            "index": len(found.entries),
        }
        backups = tuple(backups_beside(self._path)) if self._path is not None else ()
        return PurgeReport(kind, **{**counts, **values}, backups=backups)

    def _with_backups(self, report: PurgeReport, purge: Callable[[Journal], PurgeReport]) -> PurgeReport:
        done = tuple(purge_backup(path, purge) for path in report.backups)
        left = tuple(b.path for b in done if b.report is None)
        return dataclasses.replace(report, backups=left, backups_purged=done)


def _entry_counts(conn: sqlite3.Connection, entry_id: str) -> dict[str, int]:
    def one(sql: str) -> int:
        return conn.execute(sql, (entry_id,)).fetchone()[0]

    return {
        "entries": 1,
        "revisions": one("SELECT count(*) FROM revisions WHERE entry_id = ?"),
        "drafts": one("SELECT count(*) FROM drafts WHERE instr(key, ?) > 0"),
        "records": len(_records_made_from(conn, entry_id)),
        "index": 1,
    }


def _records_purged(conn: sqlite3.Connection, pattern: re.Pattern[str], ids: list[str] | None) -> list[tuple[str, str]]:
    """(new fields JSON, record id) of the CPD records holding the text (with ``ids``, only
    those made from any of them): fields are JSON like a draft, purged the same way."""
    out = []
    for record_id, made_from, fields in conn.execute(
        "SELECT id, entry_ids, fields FROM cpd_records WHERE wb_purge_hit(fields)"
    ).fetchall():
        if ids is not None and not set(ids).intersection(json.loads(made_from)):
            continue
        data, n = _purged_json(json.loads(fields), pattern)
        if n:
            out.append((json.dumps(data, ensure_ascii=False, allow_nan=False), record_id))
    return out


def _records_made_from(conn: sqlite3.Connection, entry_id: str) -> list[tuple[str, list[str]]]:
    """(record id, its entry ids) of the CPD records made from ``entry_id``."""
    rows = conn.execute("SELECT id, entry_ids FROM cpd_records WHERE instr(entry_ids, ?) > 0", (entry_id,))
    made = [(record_id, json.loads(ids)) for record_id, ids in rows.fetchall()]
    return [(record_id, ids) for record_id, ids in made if entry_id in ids]


def _drop_from_records(conn: sqlite3.Connection, entry_id: str) -> None:
    """Take ``entry_id`` out of the entry lists of the CPD records made from it; the records stay."""
    conn.executemany(
        "UPDATE cpd_records SET entry_ids = ? WHERE id = ?",
        [
            (json.dumps([i for i in ids if i != entry_id]), record_id)
            for record_id, ids in _records_made_from(conn, entry_id)
        ],
    )


@contextmanager
def _secure(conn: sqlite3.Connection) -> Iterator[None]:
    """``secure_delete`` on (freed space is overwritten with zeros) and the temporary
    database VACUUM builds kept in memory, for a purge; the earlier values put back after."""
    secure = conn.execute("PRAGMA secure_delete").fetchone()[0]
    temp = conn.execute("PRAGMA temp_store").fetchone()[0]
    conn.execute("PRAGMA secure_delete = ON")
    conn.execute("PRAGMA temp_store = MEMORY")
    try:
        yield
    finally:
        with suppress(sqlite3.Error):
            conn.execute(f"PRAGMA secure_delete = {int(secure)}")
            conn.execute(f"PRAGMA temp_store = {int(temp)}")


def vacuum(conn: sqlite3.Connection) -> None:
    """Rebuild the file: live rows copied into new pages, free pages and free space gone."""
    conn.execute("VACUUM")


def checkpoint(conn: sqlite3.Connection) -> bool:
    """Copy the -wal into the file and empty it (truncate to 0 bytes); False if a reader of
    another program still needed it after the busy timeout."""
    return conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0] == 0


def _optimize(conn: sqlite3.Connection) -> None:
    """Merge the search index into one segment: the segments that held removed words go."""
    conn.execute("INSERT INTO entry_fts (entry_fts) VALUES ('optimize')")


def _elsewhere(conn: sqlite3.Connection) -> dict[str, int]:
    """Rows holding the text in the tables a purge does not change, by place (while ``wb_purge_hit`` looks)."""
    out: dict[str, int] = {}
    tables = [
        r[0]
        for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        if r[0] not in _PURGED_TABLES and not r[0].startswith(("entry_fts", "sqlite_"))
    ]
    for table in tables:
        columns = [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]
        if not columns:
            continue
        hits = " OR ".join(f'wb_purge_hit("{c}")' for c in columns)
        n = conn.execute(f'SELECT count(*) FROM "{table}" WHERE {hits}').fetchone()[0]  # noqa: S608 - names from the schema
        if n:
            out[PLACES.get(table, table)] = n
    return out


# -- backups ------------------------------------------------------------------------------------
def backups_beside(path: Path) -> list[Path]:
    """The backups in the journal's folder (``doctor.backups_beside``), without side files."""
    from .doctor import backups_beside as found

    return [p for p in found(path) if not p.name.endswith(SQLITE_SIDE_FILES)]


def purge_backup(path: Path, purge: Callable[[Journal], PurgeReport]) -> BackupPurge:
    """Open a backup as a journal and purge it the same way; a problem is reported, not raised.

    Opening an older backup upgrades it, and the upgrade first copies it beside itself: that
    copy holds what is being purged, so it is removed once the backup is purged."""
    from .store import Journal

    if not path.is_file():
        return BackupPurge(path, None, "it is no longer there")
    try:
        with Journal(path) as copy:
            report = purge(copy)
            made = copy.backup_made
    except WorkbookError as exc:
        return BackupPurge(path, None, " ".join(str(exc).split()))
    if made is not None:
        remove_sqlite_file(made)
    return BackupPurge(path, report)
