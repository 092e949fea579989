"""The journal's own tags (``custom_tags``), as rows: read into ``Tag`` objects, or written.

The rules a new tag must meet are in ``validate.check_custom_tag``; this module only moves
checked tags in and out of the table, for ``Journal.add_tag``, importers and the doctor.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable

from ..models import Tag
from .connection import iso, utc_now


def read_custom_tags(conn: sqlite3.Connection) -> list[Tag]:
    """The journal's own tags, oldest first."""
    rows = conn.execute(
        "SELECT id, label, grp, definition, reference FROM custom_tags ORDER BY created_at, id"
    ).fetchall()
    return [Tag(id=r[0], label=r[1], group=r[2], definition=r[3], reference=r[4], custom=True) for r in rows]


def insert_custom_tags(conn: sqlite3.Connection, tags: Iterable[Tag]) -> None:
    """Write checked tags (inside the caller's transaction), stamped now, a microsecond apart
    in the order given: tags are listed by when they were made, so tags imported together keep
    the order of the file (an export, imported and exported again, lists them as it did)."""
    now = utc_now()
    conn.executemany(
        "INSERT INTO custom_tags (id, label, grp, definition, reference, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        [
            (t.id, t.label, t.group, t.definition, t.reference, iso(now + dt.timedelta(microseconds=n)))
            for n, t in enumerate(tags)
        ],
    )
