"""Tidy pandas frames built straight from the journal's metadata tables.

These frames hold no journal text, titles or names: only dates, categories, numbers
and ids. Analysis and charts work from them, so nothing they produce can carry text.

Each table is read in one scan, every column handed over by SQLite as one string
(``group_concat``) rather than one Python tuple per row. ``all_frames`` runs those scans
on a worker thread, one after another on the same connection and read transaction, while
this thread turns the previous table's strings into columns: SQLite works without the
interpreter lock, so the two overlap (figures in ARCHITECTURE.md, "Patterns answer at once").
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from functools import cached_property

import numpy as np
import pandas as pd

from ..content.vocab import Vocabulary
from . import entries

# The metadata columns of ``entries`` (never text: that lives in ``entry_text``), derived from
# the one declaration (``entries.ENTRY_COLUMNS``). created_at / updated_at are left out: no
# analysis needs them, and the two widest columns cost a quarter of the read time
# (bench/journal.py); deleted_at is what include_trash decides. Entry objects carry them.
LEFT_OUT = ("created_at", "updated_at", "deleted_at")
ENTRY_COLUMNS = tuple(c for c in entries.ENTRY_COLUMNS if c not in LEFT_OUT)
TAG_COLUMNS = ("entry_id", "occurred_on", "tag", "group", "intensity")
PEOPLE_COLUMNS = ("entry_id", "occurred_on", "role")
ACTION_COLUMNS = ("entry_id", "occurred_on", "action_id", "status", "due_on")

# What each table's scan reads: the entries' order first (``created_at`` only for that), then
# the rest of their columns.
_ORDER_READ = ("id", "occurred_on", "created_at")
_REST_READ = tuple(c for c in ENTRY_COLUMNS if c not in _ORDER_READ)
_TAGS_READ = ("entry_id", "position", "tag", "intensity")
_PEOPLE_READ = ("entry_id", "position", "person_id")
_ACTIONS_READ = ("entry_id", "position", "id", "status", "due_on")


def _trash_clause(include_trash: bool, alias: str = "e") -> str:
    return "1" if include_trash else f"{alias}.deleted_at IS NULL"


def _dates(values: pd.Series) -> pd.Series:
    """ISO date strings (or missing) to datetime64[us], parsing each distinct date once (a
    journal has a few hundred distinct dates but up to millions of rows)."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    parsed = pd.to_datetime(pd.Series(uniques, dtype=object), format="%Y-%m-%d").to_numpy().astype("datetime64[us]")
    out = parsed.take(codes, mode="clip") if len(uniques) else np.full(len(values), np.datetime64("NaT", "us"))
    out[codes < 0] = np.datetime64("NaT", "us")
    return pd.Series(out, index=values.index, name=values.name)


# -- reading a table column by column -------------------------------------------------------------

_SEP = "\x1f"  # unit separator: no id, tag, status or date contains it (checked on reading)

Columns = dict[str, "np.ndarray | pd.api.extensions.ExtensionArray"]


@dataclass(frozen=True)
class _Scan:
    """One scan of ``table`` (rows ``where``) handing over ``names`` one string each.

    ``kinds`` says, per column, (holds integers, may be NULL), read from the schema itself.
    Text comes back as an object array (None for NULL), integers as int64, nullable integers
    as an ``Int64`` array. Columns in ``keys`` (the entry ids of a child table: 36-character
    UUIDs on up to a million rows) come back as fixed-width bytes, sliced by NumPy instead
    of split into a million Python strings. Only ids, tags, statuses, dates and numbers come
    through here, never text a person wrote."""

    table: str
    names: tuple[str, ...]
    kinds: dict[str, tuple[bool, bool]]
    where: str = "1"
    alias: str = "e"
    keys: tuple[str, ...] = ()

    @classmethod
    def of(cls, conn: sqlite3.Connection, table: str, names: tuple[str, ...], **options) -> _Scan:
        kinds = {}
        for _, name, declared, notnull, _, primary in conn.execute(f"PRAGMA table_info({table})"):
            kinds[name] = ("INT" in declared.upper(), not (notnull or primary))
        return cls(table, names, {n: kinds[n] for n in names}, **options)

    def _parts(self, name: str) -> tuple[str, str]:
        """The two aggregates that hand over ``name``: its values, and its NULLs (or, for a
        key, the one length every value has, 0 if they differ)."""
        integer, nullable = self.kinds[name]
        column = f"{self.alias}.{name}"
        if name in self.keys:
            return (
                f"group_concat({column}, '')",
                f"max(length({column})) * (max(length({column})) = min(length({column})))",
            )
        empty, separator = ("0", "','") if integer else ("''", "char(31)")
        return f"group_concat(ifnull({column}, {empty}), {separator})", (
            f"group_concat({column} IS NULL, '')" if nullable else "NULL"
        )

    def sql(self) -> str:
        parts = [part for name in self.names for part in self._parts(name)]
        return f"SELECT count(*), {', '.join(parts)} FROM {self.table} {self.alias} WHERE {self.where}"

    def one_by_one(self, name: str) -> str:
        return f"SELECT {self.alias}.{name} FROM {self.table} {self.alias} WHERE {self.where}"

    def columns(self, row: tuple, rows: Callable[[str], list]) -> Columns:
        """The columns from the scan's one ``row``. ``rows(sql)`` reads again what did not
        come over whole: a column one value at a time where a value held the separator, and
        a key column as text where its values differ in length."""
        n, values = row[0], row[1:]
        data: Columns = {}
        for i, name in enumerate(self.names):
            integer, nullable = self.kinds[name]
            joined, second = values[2 * i], values[2 * i + 1]
            if name in self.keys:
                data[name] = _fixed_width(joined, second, n)
                if data[name] is None:
                    as_text = replace(self, names=(name,), keys=())
                    data[name] = as_text.columns(rows(as_text.sql())[0], rows)[name]
                continue
            missing = np.frombuffer(second.encode(), dtype=np.uint8) == ord("1") if n and second else np.zeros(n, bool)
            if integer:
                column = np.fromstring(joined, dtype=np.int64, sep=",") if n else np.zeros(0, np.int64)
                data[name] = pd.arrays.IntegerArray(column, missing) if nullable else column
                continue
            split = joined.split(_SEP) if n else []
            if len(split) != n:
                split = [r[0] for r in rows(self.one_by_one(name))]
            column = np.array(split, dtype=object)
            if missing.any():
                column[missing] = None
            data[name] = column
        return data


def _fixed_width(joined: str | None, width: int | None, n: int) -> np.ndarray | None:
    """``n`` values of ``width`` ASCII characters each, joined, as a bytes array (None when
    they are not all of that width, or not ASCII)."""
    if n == 0:
        return np.zeros(0, dtype="S1")
    if not width or joined is None or not joined.isascii() or len(joined) != width * n or "\x00" in joined:
        return None  # (NumPy's bytes would drop a trailing NUL)
    return np.frombuffer(joined.encode("ascii"), dtype=f"S{width}")


class _Reader:
    """Runs every statement of one read on a single worker thread, in the order asked, so
    that this thread can turn one table's strings into columns while SQLite scans the next.
    The connection is only ever used by that one thread while the read lasts."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="workbook-frames")

    def __enter__(self) -> _Reader:
        return self

    def __exit__(self, *exc: object) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def fetch(self, sql: str, *, one: bool = False) -> Future:
        run = self._conn.execute
        return self._pool.submit(lambda: run(sql).fetchone() if one else run(sql).fetchall())

    def rows(self, sql: str) -> list:
        return self.fetch(sql).result()

    def scan(self, scan: _Scan) -> Callable[[], Columns]:
        """Start ``scan``; the returned call waits for it and gives its columns."""
        pending = self.fetch(scan.sql(), one=True)
        return lambda: scan.columns(pending.result(), self.rows)


def _read(conn: sqlite3.Connection, scan: _Scan) -> Columns:
    """One scan, read here and now (the frames asked for one by one)."""
    return scan.columns(conn.execute(scan.sql()).fetchone(), lambda sql: conn.execute(sql).fetchall())


# -- the frames -----------------------------------------------------------------------------------


def _entries_scan(conn: sqlite3.Connection, include_trash: bool, names: tuple[str, ...]) -> _Scan:
    return _Scan.of(conn, "entries", names, where=_trash_clause(include_trash))


class EntryOrder:
    """The live (or all) entries in date order: lets child tables be read without a join.

    Reading ``entry_tags`` and friends in table order and placing each row with a hash
    lookup is several times faster than an SQL join sorted by date (bench/journal.py:
    4.6 s against about 1 s for 474k tag uses on 100k entries).

    ``sort`` is the permutation from the table's scan order to date order: the scan reads
    rowid order, and a stable sort on (occurred_on, created_at) gives exactly ``ORDER BY
    occurred_on, created_at`` along the ``entries_in_order`` index, whose ties are broken by
    rowid (NumPy compares strings by code point, SQLite's BINARY collation compares UTF-8
    bytes: the same order).
    """

    def __init__(self, scanned: Columns) -> None:
        occurred, created = scanned["occurred_on"], scanned["created_at"]
        self.sort = np.lexsort((created.astype(str), occurred.astype(str))) if len(created) else np.zeros(0, np.intp)
        self.ids = scanned["id"].take(self.sort)
        self.index = pd.Index(self.ids, dtype=object)
        self.dates = _dates(pd.Series(occurred.take(self.sort), dtype=object)).to_numpy()

    @cached_property
    def byte_index(self) -> pd.Index:
        """The ids as UTF-8 bytes, to find ids a scan handed over as bytes."""
        return pd.Index(np.array([i.encode() for i in self.ids], dtype=object), dtype=object)

    @classmethod
    def read(cls, conn: sqlite3.Connection, *, include_trash: bool = False) -> EntryOrder:
        return cls(_read(conn, _entries_scan(conn, include_trash, _ORDER_READ)))

    def entries(self, rest: Columns) -> pd.DataFrame:
        """The entries frame: these entries with the ``rest`` of their columns (scan order)."""
        columns = {"id": self.ids, "occurred_on": self.dates} | {n: c.take(self.sort) for n, c in rest.items()}
        frame = pd.DataFrame({name: columns[name] for name in ENTRY_COLUMNS})
        for column in ("flagged", "stance_both"):
            frame[column] = frame[column].astype(bool)
        return frame

    def place(self, raw: Columns) -> pd.DataFrame:
        """The child-table columns ``raw`` (with ``entry_id`` and ``position``) restricted to
        these entries, in entry order then position, with an ``occurred_on`` column. The ids
        are taken from the entries (the same strings), not rebuilt row by row."""
        where = entry_rows(self.index, raw.pop("entry_id"), self.byte_index)
        keep = np.flatnonzero(where >= 0)
        rows = keep[_sorted_by(where[keep], raw.pop("position")[keep])]
        entry = where[rows]
        placed = {"entry_id": self.ids.take(entry), "occurred_on": self.dates[entry]}
        placed |= {name: column.take(rows) for name, column in raw.items()}
        return pd.DataFrame(placed)


def _sorted_by(entry: np.ndarray, position: np.ndarray) -> np.ndarray:
    """The order of rows by (entry, position). Rows written entry by entry in date order are
    often in that order already, which one comparison tells; otherwise a stable sort of one
    combined integer key (the writers number positions from 0; any other numbering is
    sorted on two keys)."""
    if len(entry) == 0:
        return np.zeros(0, np.intp)
    low, high = int(position.min()), int(position.max())
    if low < 0 or high >= 2**31:
        return np.lexsort((position, entry))
    key = entry.astype(np.int64) * (high + 1) + position
    if bool((key[1:] >= key[:-1]).all()):
        return np.arange(len(key))
    return np.argsort(key, kind="stable")


def entries_frame(conn: sqlite3.Connection, *, include_trash: bool = False) -> pd.DataFrame:
    """One row per entry: metadata and counts, ordered by date."""
    scanned = _read(conn, _entries_scan(conn, include_trash, (*_ORDER_READ, *_REST_READ)))
    return EntryOrder({n: scanned.pop(n) for n in _ORDER_READ}).entries(scanned)


def entry_rows(index: pd.Index, entry_ids: pd.Series | np.ndarray, byte_index: pd.Index | None = None) -> np.ndarray:
    """``index.get_indexer(entry_ids)``, looking up each run of equal ids once.

    Child tables hold an entry's rows one after another (they are written together), so
    100k entries with 480k tag uses need 100k lookups of a 36-character id, not 480k. Ids
    that came over as fixed-width bytes are looked up as bytes (in ``byte_index``, the same
    ids encoded, when the caller keeps one): hashing bytes is several times faster than
    making and hashing new strings (bench: 0.008 s against 0.065 s for 100k run starts).
    """
    fixed = isinstance(entry_ids, np.ndarray) and entry_ids.dtype.kind == "S"
    ids = entry_ids if fixed else np.asarray(entry_ids, dtype=object)
    n = len(ids)
    if n == 0:
        return np.zeros(0, dtype=np.intp)
    starts = np.ones(n, dtype=bool)
    starts[1:] = ids[1:] != ids[:-1]
    runs = np.flatnonzero(starts)
    first = ids[runs]
    if fixed:  # bytes from a scan: looked up among the entries' ids as bytes, no text made
        found = (byte_index if byte_index is not None else pd.Index([i.encode() for i in index])).get_indexer(
            first.astype(object)
        )
    else:
        found = index.get_indexer(first)
    return np.repeat(found, np.diff(np.append(runs, n)))


def _mapped(values: pd.Series, mapping: dict) -> pd.Series:
    """``values.map(mapping)`` to text (missing where unmapped), looking up each distinct
    value once; text even when there are no values, as the frames' other columns are."""
    codes, uniques = pd.factorize(values)
    looked_up = pd.Series(uniques, dtype=object).map(mapping).to_numpy(dtype=object)
    mapped = looked_up.take(codes) if len(uniques) else np.empty(len(values), dtype=object)
    mapped[codes < 0] = None
    return pd.Series(mapped, index=values.index, dtype="str")


def _child_scan(conn: sqlite3.Connection, table: str, names: tuple[str, ...]) -> _Scan:
    return _Scan.of(conn, table, names, alias="c", keys=("entry_id",))


def _tags_from(raw: Columns, order: EntryOrder, vocabulary: Vocabulary) -> pd.DataFrame:
    frame = order.place(raw)
    groups = {t.id: t.group for t in vocabulary.tags}
    frame["group"] = _mapped(frame["tag"], groups).fillna("unknown")
    return frame[list(TAG_COLUMNS)]


def _people_from(raw: Columns, order: EntryOrder, roles: dict[str, str]) -> pd.DataFrame:
    frame = order.place(raw)
    frame["role"] = _mapped(frame.pop("person_id"), roles)
    return frame[list(PEOPLE_COLUMNS)]


def _actions_from(raw: Columns, order: EntryOrder) -> pd.DataFrame:
    frame = order.place(raw).rename(columns={"id": "action_id"})
    frame["due_on"] = _dates(frame["due_on"])
    return frame[list(ACTION_COLUMNS)]


_ROLES = "SELECT id, role FROM people"


def tags_frame(
    conn: sqlite3.Connection, vocabulary: Vocabulary, *, include_trash: bool = False, order: EntryOrder | None = None
) -> pd.DataFrame:
    """One row per tag use: entry id, date, tag id, its group, intensity (1-3 or <NA>)."""
    order = order or EntryOrder.read(conn, include_trash=include_trash)
    return _tags_from(_read(conn, _child_scan(conn, "entry_tags", _TAGS_READ)), order, vocabulary)


def people_frame(
    conn: sqlite3.Connection, *, include_trash: bool = False, order: EntryOrder | None = None
) -> pd.DataFrame:
    """One row per person taking part in an entry: entry id, date and the person's role."""
    order = order or EntryOrder.read(conn, include_trash=include_trash)
    roles = dict(conn.execute(_ROLES).fetchall())
    return _people_from(_read(conn, _child_scan(conn, "entry_people", _PEOPLE_READ)), order, roles)


def actions_frame(
    conn: sqlite3.Connection, *, include_trash: bool = False, order: EntryOrder | None = None
) -> pd.DataFrame:
    """One row per action point: entry id, date of the entry, action id, status, due date."""
    order = order or EntryOrder.read(conn, include_trash=include_trash)
    return _actions_from(_read(conn, _child_scan(conn, "actions", _ACTIONS_READ)), order)


def all_frames(
    conn: sqlite3.Connection, vocabulary: Vocabulary, *, include_trash: bool = False
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(entries, tags, people, actions) from one read. The scans run one after another on
    a worker thread while this one builds each frame from the scans before: the entries'
    order first, then the two small tables, so that this thread has work while SQLite
    scans the biggest (tags); the rest of the entries' columns last."""
    scans = (
        _entries_scan(conn, include_trash, _ORDER_READ),
        _child_scan(conn, "entry_people", _PEOPLE_READ),
        _child_scan(conn, "actions", _ACTIONS_READ),
        _child_scan(conn, "entry_tags", _TAGS_READ),
        _entries_scan(conn, include_trash, _REST_READ),
    )
    with _Reader(conn) as reader:
        roles = reader.fetch(_ROLES)
        order_columns, people, actions, tags, rest = (reader.scan(scan) for scan in scans)
        order = EntryOrder(order_columns())
        people_frame = _people_from(people(), order, dict(roles.result()))
        actions_frame = _actions_from(actions(), order)
        tags_frame = _tags_from(tags(), order, vocabulary)
        return order.entries(rest()), tags_frame, people_frame, actions_frame
