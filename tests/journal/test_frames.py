"""The frames analysis reads: one row per entry, tag use, person and action point, never text."""

from __future__ import annotations

from journal_helpers import SECRETS

# -- frames -------------------------------------------------------------------------------


def test_to_frame_has_one_row_per_entry_and_no_text(journal):
    ids = []
    for i in range(3):
        entry = journal.add(
            title=f"{SECRETS['title']} {i}",
            narrative=SECRETS["narrative"],
            template="gibbs",
            responses={"description": SECRETS["response"]},
            tags=["angry"],
            actions=[SECRETS["action"]],
            feedback=[{"author_role": "supervisor", "text": SECRETS["feedback"]}],
            occurred_on=f"2025-01-0{i + 1}",
            feelings_before=i,
        )
        ids.append(entry.id)
    frame = journal.to_frame()
    assert len(frame) == 3 and list(frame["id"]) == ids
    assert frame["id"].is_unique
    assert not {"title", "narrative", "responses", "people", "aliases"} & set(frame.columns)
    cells = [str(v) for v in frame.astype(str).to_numpy().ravel()] + [str(c) for c in frame.columns]
    forbidden = [*SECRETS.values(), "Parent A", "Jo Example"]
    leaks = [(s, c) for c in cells for s in forbidden if s in c]
    assert leaks == []
    assert list(frame["feelings_before"]) == [0, 1, 2]
    assert list(frame["n_tags"]) == [1, 1, 1] and list(frame["n_actions"]) == [1, 1, 1]
    assert str(frame["occurred_on"].dtype).startswith("datetime64")


def test_to_frame_of_an_empty_journal(journal):
    frame = journal.to_frame()
    assert len(frame) == 0 and "id" in frame.columns


def test_tags_frame(journal):
    a = journal.add(title="a", occurred_on="2025-01-01", tags=[{"tag": "angry", "intensity": 2}, "child-protection"])
    b = journal.add(title="b", occurred_on="2025-01-02", tags=["held"])
    frame = journal.tags_frame()
    assert list(frame.columns) == ["entry_id", "occurred_on", "tag", "group", "intensity"]
    assert list(frame["entry_id"]) == [a.id, a.id, b.id]
    assert list(frame["tag"]) == ["angry", "child-protection", "held"]
    assert list(frame["group"]) == ["feelings", "context", "conversation"]
    assert frame["intensity"].iloc[0] == 2 and frame["intensity"].isna().tolist() == [False, True, True]
    journal.delete(b.id)
    assert list(journal.tags_frame()["entry_id"]) == [a.id, a.id]
    assert len(journal.tags_frame(include_trash=True)) == 3


def test_tags_frame_knows_custom_tags(journal):
    journal.add_tag("Stuck feeling", "feelings", "Going round in circles.")
    journal.add(title="t", tags=["stuck feeling"])
    frame = journal.tags_frame()
    assert list(frame["tag"]) == ["stuck-feeling"] and list(frame["group"]) == ["feelings"]


# -- reading fast, the same frames -----------------------------------------------------------------
def test_entry_rows_is_get_indexer_for_runs_and_for_interleaved_ids():
    import numpy as np
    import pandas as pd

    from workbook.analysis.selection import _entry_rows
    from workbook.journal.frames import entry_rows

    entries = pd.DataFrame({"id": ["a", "b", "c"]})
    for ids in (["a", "a", "b", "c", "c", "c"], ["c", "a", "c", "b", "a"], ["x", "a", "x", "x", "b"], []):
        series = pd.Series(ids, dtype="str" if ids else object)
        expected = pd.Index(entries["id"]).get_indexer(series)
        assert np.array_equal(entry_rows(pd.Index(entries["id"]), series), expected), ids
        assert np.array_equal(_entry_rows(entries, series), expected), ids


def test_all_frames_equal_the_frames_read_one_by_one(tmp_path):
    """Reading the entries' order from the entries frame (not a second query), and looking
    up each run of ids once, gives exactly the frames read one by one."""
    import pandas as pd

    import workbook as wb
    from workbook.demo import write_demo_journal
    from workbook.journal import frames

    path = write_demo_journal(tmp_path / "demo.db", entries=120)
    with wb.open_journal(path) as journal:
        journal.update(journal.entry_ids()[0], tags=["angry", "held"])  # its tags now written last
        journal.delete(journal.entry_ids()[1])
        vocabulary = journal.vocabulary()
        for include_trash in (False, True):
            with journal.read_snapshot() as conn:
                together = frames.all_frames(conn, vocabulary, include_trash=include_trash)
                alone = (
                    frames.entries_frame(conn, include_trash=include_trash),
                    frames.tags_frame(conn, vocabulary, include_trash=include_trash),
                    frames.people_frame(conn, include_trash=include_trash),
                    frames.actions_frame(conn, include_trash=include_trash),
                )
            for a, b in zip(together, alone, strict=True):
                pd.testing.assert_frame_equal(a, b, check_exact=True)
            roles = together[2]["role"]
            assert roles.notna().all() and set(roles) <= set(wb.models.PERSON_ROLES)


def _frames_read_plainly(conn, vocabulary, include_trash=False):
    """The four frames read the plain way, to compare with: one Python tuple per row, and SQL
    joins sorted by date (the entries' ties broken by rowid, as their index does)."""
    import pandas as pd

    from workbook.journal import entries, frames

    trash = "1" if include_trash else "e.deleted_at IS NULL"
    in_order = "ORDER BY e.occurred_on, e.created_at, e.rowid, c.position"

    def rows(sql, columns):
        return pd.DataFrame.from_records(conn.execute(sql).fetchall(), columns=list(columns))

    def child(table, select, columns):
        sql = f"SELECT c.entry_id, e.occurred_on, {select} FROM {table} c JOIN entries e ON e.id = c.entry_id"
        frame = rows(f"{sql} WHERE {trash} {in_order}", columns)
        frame["occurred_on"] = pd.to_datetime(frame["occurred_on"], format="%Y-%m-%d").astype("datetime64[us]")
        return frame

    e = rows(
        f"SELECT {', '.join('e.' + c for c in frames.ENTRY_COLUMNS)} FROM entries e WHERE {trash} "
        "ORDER BY e.occurred_on, e.created_at, e.rowid",
        frames.ENTRY_COLUMNS,
    )
    e["occurred_on"] = pd.to_datetime(e["occurred_on"], format="%Y-%m-%d").astype("datetime64[us]")
    for column in ("stance", "feelings_before", "feelings_after"):
        e[column] = e[column].astype("Int64")
    for column in ("flagged", "stance_both"):
        e[column] = e[column].astype(bool)
    for column in (*entries.COUNT_COLUMNS, "revision"):
        e[column] = e[column].astype("int64")
    t = child("entry_tags", "c.tag, c.intensity", ("entry_id", "occurred_on", "tag", "intensity"))
    t.insert(3, "group", t["tag"].map({x.id: x.group for x in vocabulary.tags}).fillna("unknown"))
    t["intensity"] = t["intensity"].astype("Int64")
    p = child("entry_people", "c.person_id", frames.PEOPLE_COLUMNS)
    p["role"] = p["role"].map(dict(conn.execute("SELECT id, role FROM people").fetchall()))
    a = child("actions", "c.id, c.status, c.due_on", frames.ACTION_COLUMNS)
    a["due_on"] = pd.to_datetime(a["due_on"], format="%Y-%m-%d").astype("datetime64[us]")
    return e, t, p, a


def _assert_frames_read_plainly(journal):
    import pandas as pd

    from workbook.journal import frames

    vocabulary = journal.vocabulary()
    for include_trash in (False, True):
        with journal.read_snapshot() as conn:
            together = frames.all_frames(conn, vocabulary, include_trash=include_trash)
            plain = _frames_read_plainly(conn, vocabulary, include_trash)
        for a, b in zip(together, plain, strict=True):
            pd.testing.assert_frame_equal(a, b, check_exact=True)
    return together


def test_frames_read_column_by_column_equal_the_rows_read_one_by_one(tmp_path):
    """Tables handed over as one string per column, put in order in NumPy, give exactly the
    frames of plain sorted joins: NULL intensities and due dates, trash, custom tags, roles,
    tags rewritten out of table order."""
    import workbook as wb
    from workbook.demo import write_demo_journal

    path = write_demo_journal(tmp_path / "demo.db", entries=150)
    with wb.open_journal(path) as journal:
        journal.add_tag("Stuck feeling", "feelings", "Going round in circles.")
        journal.add(
            title="t",
            tags=["stuck feeling", {"tag": "angry", "intensity": 3}],
            actions=["call back", {"text": "write up", "due_on": "2026-02-01"}],
        )
        journal.update(journal.entry_ids()[0], tags=["angry", "held"])  # its tags now written last
        journal.delete(journal.entry_ids()[2])
        entries, tags, _, actions = _assert_frames_read_plainly(journal)
    assert tags["intensity"].isna().any() and tags["intensity"].notna().any()
    assert "stuck-feeling" in set(tags["tag"])
    assert actions["due_on"].isna().any() and actions["due_on"].notna().any()
    assert entries["stance"].isna().any() and entries["context"].isna().any()


def test_frames_read_values_the_fast_path_cannot_take(journal):
    """What the fast reading assumes, broken on purpose by writing the file directly: a value
    holding the separator, an entry id that is not 36 characters, positions not numbered from
    0 and rows out of position order. Each is read again the slow way, and right."""
    a = journal.add(title="a", occurred_on="2025-01-02", tags=["angry", "held"])
    b = journal.add(title="b", occurred_on="2025-01-01", tags=["sad"], actions=["ring"])
    conn = journal.connection
    conn.execute("UPDATE entries SET context = 'odd\x1fcontext' WHERE id = ?", (a.id,))
    conn.execute("UPDATE entry_tags SET tag = 'odd\x1ftag' WHERE entry_id = ? AND position = 1", (a.id,))
    conn.execute("UPDATE entry_tags SET position = 7 - position WHERE entry_id = ?", (a.id,))  # reversed
    conn.execute("PRAGMA foreign_keys = OFF")
    for table in ("entries", "entry_tags", "actions"):
        column = "id" if table == "entries" else "entry_id"
        conn.execute(f"UPDATE {table} SET {column} = 'short-id' WHERE {column} = ?", (b.id,))
    conn.execute("PRAGMA foreign_keys = ON")
    entries, tags, _, actions = _assert_frames_read_plainly(journal)
    assert list(entries["id"]) == ["short-id", a.id]
    assert list(entries["context"])[1] == "odd\x1fcontext"
    assert list(tags["tag"]) == ["sad", "odd\x1ftag", "angry"]
    assert list(actions["entry_id"]) == ["short-id"]


def test_child_rows_of_empty_tables(journal):
    frame = journal.actions_frame()
    assert len(frame) == 0 and list(frame.columns) == ["entry_id", "occurred_on", "action_id", "status", "due_on"]
    journal.add(title="no children")
    assert len(journal.tags_frame()) == 0 and len(journal.people_frame()) == 0
