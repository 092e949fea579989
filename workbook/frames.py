"""Tidy pandas frames built straight from the journal's metadata tables.

These frames hold no journal text, titles or names: only dates, categories, numbers
and ids. Analysis and charts work from them, so nothing they produce can carry text.
Each frame is one query over the columns it needs (see ARCHITECTURE.md for figures).
"""

from __future__ import annotations

import sqlite3

import pandas as pd

from .vocab import Vocabulary

ENTRY_COLUMNS = (
    "id",
    "occurred_on",
    "context",
    "outcome",
    "stance",
    "template",
    "feelings_before",
    "feelings_after",
    "flagged",
    "word_count",
    "n_people",
    "n_tags",
    "n_actions",
    "n_actions_done",
    "n_feedback",
    "revision",
    "created_at",
    "updated_at",
)
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
    for column in ("word_count", "n_people", "n_tags", "n_actions", "n_actions_done", "n_feedback", "revision"):
        frame[column] = frame[column].astype("int64")
    for column in ("created_at", "updated_at"):
        frame[column] = pd.to_datetime(frame[column], format="ISO8601", utc=True)
    return frame


def tags_frame(conn: sqlite3.Connection, vocabulary: Vocabulary, *, include_trash: bool = False) -> pd.DataFrame:
    """One row per tag use: entry id, date, tag id, its group, intensity (1-3 or <NA>)."""
    sql = (
        "SELECT t.entry_id, e.occurred_on, t.tag, t.intensity FROM entry_tags t "
        f"JOIN entries e ON e.id = t.entry_id WHERE {_trash_clause(include_trash)} "
        "ORDER BY e.occurred_on, e.created_at, t.position"
    )
    raw = pd.DataFrame.from_records(conn.execute(sql).fetchall(), columns=["entry_id", "occurred_on", "tag", "intensity"])
    groups = {t.id: t.group for t in vocabulary.tags}
    frame = pd.DataFrame(
        {
            "entry_id": raw["entry_id"],
            "occurred_on": _dates(raw["occurred_on"]),
            "tag": raw["tag"],
            "group": raw["tag"].map(groups).fillna("unknown"),
            "intensity": raw["intensity"].astype("Int64"),
        }
    )
    return frame


def people_frame(conn: sqlite3.Connection, *, include_trash: bool = False) -> pd.DataFrame:
    """One row per person taking part in an entry: entry id, date and the person's role."""
    sql = (
        "SELECT ep.entry_id, e.occurred_on, p.role FROM entry_people ep "
        "JOIN entries e ON e.id = ep.entry_id JOIN people p ON p.id = ep.person_id "
        f"WHERE {_trash_clause(include_trash)} ORDER BY e.occurred_on, e.created_at, ep.position"
    )
    frame = pd.DataFrame.from_records(conn.execute(sql).fetchall(), columns=list(PEOPLE_COLUMNS))
    frame["occurred_on"] = _dates(frame["occurred_on"])
    return frame


def actions_frame(conn: sqlite3.Connection, *, include_trash: bool = False) -> pd.DataFrame:
    """One row per action point: entry id, date of the entry, action id, status, due date."""
    sql = (
        "SELECT a.entry_id, e.occurred_on, a.id, a.status, a.due_on FROM actions a "
        f"JOIN entries e ON e.id = a.entry_id WHERE {_trash_clause(include_trash)} "
        "ORDER BY e.occurred_on, e.created_at, a.position"
    )
    frame = pd.DataFrame.from_records(conn.execute(sql).fetchall(), columns=list(ACTION_COLUMNS))
    frame["occurred_on"] = _dates(frame["occurred_on"])
    frame["due_on"] = pd.to_datetime(frame["due_on"], format="%Y-%m-%d")
    return frame
