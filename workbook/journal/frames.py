"""Tidy pandas frames built straight from the journal's metadata tables.

These frames hold no journal text, titles or names: only dates, categories, numbers
and ids. Analysis and charts work from them, so nothing they produce can carry text.
Each frame is one query over the columns it needs (see ARCHITECTURE.md for figures).
"""

from __future__ import annotations

import sqlite3

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


def _trash_clause(include_trash: bool, alias: str = "e") -> str:
    return "1" if include_trash else f"{alias}.deleted_at IS NULL"


def _dates(values: pd.Series) -> pd.Series:
    """ISO date strings to datetime64, parsing each distinct date once (a journal has a
    few hundred distinct dates but up to millions of rows)."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    parsed = pd.to_datetime(pd.Series(uniques, dtype=object), format="%Y-%m-%d").to_numpy()
    out = parsed.take(codes, mode="clip") if len(uniques) else parsed[:0].repeat(len(values))
    result = pd.Series(out, index=values.index, name=values.name)
    if (codes < 0).any():
        result[codes < 0] = pd.NaT
    return result


def _nullable_ints(frame: pd.DataFrame, columns: tuple[str, ...]) -> None:
    for column in columns:
        frame[column] = frame[column].astype("Int64")


def entries_frame(conn: sqlite3.Connection, *, include_trash: bool = False) -> pd.DataFrame:
    """One row per entry: metadata and counts, ordered by date."""
    sql = (
        f"SELECT {', '.join('e.' + c for c in ENTRY_COLUMNS)} FROM entries e "
        f"WHERE {_trash_clause(include_trash)} ORDER BY e.occurred_on, e.created_at"
    )
    frame = pd.DataFrame.from_records(conn.execute(sql).fetchall(), columns=list(ENTRY_COLUMNS))
    frame["occurred_on"] = _dates(frame["occurred_on"])
    _nullable_ints(frame, ("stance", "feelings_before", "feelings_after"))
    frame["flagged"] = frame["flagged"].astype(bool)
    frame["stance_both"] = frame["stance_both"].astype(bool)
    for column in (*entries.COUNT_COLUMNS, "revision"):
        frame[column] = frame[column].astype("int64")
    return frame


class EntryOrder:
    """The live (or all) entries in date order: lets child tables be read without a join.

    Reading ``entry_tags`` and friends in table order and placing each row with a hash
    lookup is several times faster than an SQL join sorted by date (bench/journal.py:
    4.6 s against about 1 s for 474k tag uses on 100k entries).
    """

    def __init__(self, conn: sqlite3.Connection | None = None, *, include_trash: bool = False) -> None:
        if conn is None:  # filled by ``of``
            return
        rows = conn.execute(
            f"SELECT e.id, e.occurred_on FROM entries e WHERE {_trash_clause(include_trash)} "
            "ORDER BY e.occurred_on, e.created_at"
        ).fetchall()
        ids = [r[0] for r in rows]
        self.index = pd.Index(ids, dtype=object)
        self.dates = _dates(pd.Series([r[1] for r in rows], dtype=object)).to_numpy()

    @classmethod
    def of(cls, entries_frame: pd.DataFrame) -> EntryOrder:
        """The order of an ``entries_frame`` already read (same query, same order): saves
        reading the entries a second time."""
        order = cls()
        order.index = pd.Index(entries_frame["id"].to_numpy(dtype=object), dtype=object)
        order.dates = entries_frame["occurred_on"].to_numpy()
        return order

    def place(self, raw: pd.DataFrame) -> pd.DataFrame:
        """``raw`` (with ``entry_id`` and ``position``) restricted to these entries, in entry
        order then position, with an ``occurred_on`` column."""
        where = entry_rows(self.index, raw["entry_id"])
        keep = where >= 0
        raw, where = raw[keep], where[keep]
        order = np.lexsort((raw["position"].to_numpy(), where))
        out = raw.iloc[order].reset_index(drop=True)
        out.insert(1, "occurred_on", self.dates[where[order]])
        return out.drop(columns="position")


def entry_rows(index: pd.Index, entry_ids: pd.Series) -> np.ndarray:
    """``index.get_indexer(entry_ids)``, looking up each run of equal ids once.

    Child tables hold an entry's rows one after another (they are written together), so
    100k entries with 480k tag uses need 100k lookups of a 36-character id, not 480k.
    """
    ids = entry_ids.to_numpy(dtype=object)
    n = len(ids)
    if n == 0:
        return np.zeros(0, dtype=np.intp)
    starts = np.ones(n, dtype=bool)
    starts[1:] = ids[1:] != ids[:-1]
    runs = np.flatnonzero(starts)
    found = index.get_indexer(ids[runs])
    return np.repeat(found, np.diff(np.append(runs, n)))


def _mapped(values: pd.Series, mapping: dict) -> pd.Series:
    """``values.map(mapping)``, looking up each distinct value once."""
    codes, uniques = pd.factorize(values)
    looked_up = pd.Series(uniques).map(mapping).to_numpy()
    out = pd.Series(looked_up.take(codes) if len(uniques) else looked_up[:0].repeat(len(values)), index=values.index)
    if (codes < 0).any():
        out[codes < 0] = None
    return out


_SEP = "\x1f"  # unit separator: no id, tag, status or date contains it


def _child_rows(conn: sqlite3.Connection, table: str, columns: dict[str, str]) -> pd.DataFrame:
    """The ``columns`` of ``table`` in table order, each handed over by SQLite as one string
    (``group_concat``) rather than one Python tuple per row (bench: Frames.from_journal at
    100k entries 2.3–2.7 s → 1.5–1.8 s).

    ``columns`` maps a column name to ``"text"``, ``"int"`` (NOT NULL) or ``"int?"`` (nullable,
    read back as floats with NaN, as ``from_records`` gives). Only ids, tags, statuses, dates
    and numbers come through here, never text a person wrote."""
    parts = []
    for name, kind in columns.items():
        if kind == "text":
            parts.append(f"group_concat(ifnull({name}, ''), char(31))")
            parts.append(f"group_concat({name} IS NULL, '')")
        else:
            parts.append(f"group_concat(ifnull({name}, 0), ',')")
            parts.append(f"group_concat({name} IS NULL, '')" if kind == "int?" else "NULL")
    row = conn.execute(f"SELECT count(*), {', '.join(parts)} FROM {table}").fetchone()
    n, values = row[0], row[1:]
    data = {}
    for i, (name, kind) in enumerate(columns.items()):
        joined, nulls = values[2 * i], values[2 * i + 1]
        missing = np.frombuffer(nulls.encode(), dtype=np.uint8) == ord("1") if n and nulls else np.zeros(n, bool)
        if kind == "text":
            column = np.array(joined.split(_SEP) if n else [], dtype=object)
            if missing.any():
                column[missing] = None
        else:
            column = np.fromstring(joined, dtype=np.int64, sep=",") if n else np.zeros(0, np.int64)
            if kind == "int?":
                column = column.astype(float)
                column[missing] = np.nan
        data[name] = column
    return pd.DataFrame(data)


def tags_frame(
    conn: sqlite3.Connection, vocabulary: Vocabulary, *, include_trash: bool = False, order: EntryOrder | None = None
) -> pd.DataFrame:
    """One row per tag use: entry id, date, tag id, its group, intensity (1-3 or <NA>)."""
    order = order or EntryOrder(conn, include_trash=include_trash)
    raw = _child_rows(conn, "entry_tags", {"entry_id": "text", "position": "int", "tag": "text", "intensity": "int?"})
    frame = order.place(raw)
    groups = {t.id: t.group for t in vocabulary.tags}
    frame["group"] = _mapped(frame["tag"], groups).fillna("unknown")
    frame["intensity"] = frame["intensity"].astype("Int64")
    return frame[list(TAG_COLUMNS)]


def people_frame(
    conn: sqlite3.Connection, *, include_trash: bool = False, order: EntryOrder | None = None
) -> pd.DataFrame:
    """One row per person taking part in an entry: entry id, date and the person's role."""
    order = order or EntryOrder(conn, include_trash=include_trash)
    roles = dict(conn.execute("SELECT id, role FROM people").fetchall())
    raw = _child_rows(conn, "entry_people", {"entry_id": "text", "position": "int", "person_id": "text"})
    frame = order.place(raw)
    frame["role"] = _mapped(frame.pop("person_id"), roles)
    return frame[list(PEOPLE_COLUMNS)]


def actions_frame(
    conn: sqlite3.Connection, *, include_trash: bool = False, order: EntryOrder | None = None
) -> pd.DataFrame:
    """One row per action point: entry id, date of the entry, action id, status, due date."""
    order = order or EntryOrder(conn, include_trash=include_trash)
    raw = _child_rows(
        conn, "actions", {"entry_id": "text", "position": "int", "id": "text", "status": "text", "due_on": "text"}
    ).rename(columns={"id": "action_id"})
    frame = order.place(raw)
    frame["due_on"] = pd.to_datetime(frame["due_on"], format="%Y-%m-%d")
    return frame[list(ACTION_COLUMNS)]


def all_frames(
    conn: sqlite3.Connection, vocabulary: Vocabulary, *, include_trash: bool = False
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(entries, tags, people, actions), reading the entries' order once for all three."""
    entries = entries_frame(conn, include_trash=include_trash)
    order = EntryOrder.of(entries)
    return (
        entries,
        tags_frame(conn, vocabulary, include_trash=include_trash, order=order),
        people_frame(conn, include_trash=include_trash, order=order),
        actions_frame(conn, include_trash=include_trash, order=order),
    )
