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


def _rows_one_tuple_each(conn, table, columns):
    """How the child tables were read before: one Python tuple per row (kept to compare)."""
    import pandas as pd

    sql = f"SELECT {', '.join(columns)} FROM {table}"
    return pd.DataFrame.from_records(conn.execute(sql).fetchall(), columns=list(columns))


def test_child_tables_read_column_by_column_equal_the_rows_read_one_by_one(tmp_path, monkeypatch):
    """Child tables handed over as one string per column give exactly the frames read as one
    tuple per row: NULL intensities and due dates, trash, custom tags, roles, empty tables."""
    import pandas as pd

    import workbook as wb
    from workbook.demo import write_demo_journal
    from workbook.journal import frames

    path = write_demo_journal(tmp_path / "demo.db", entries=150)
    with wb.open_journal(path) as journal:
        journal.add_tag("Stuck feeling", "feelings", "Going round in circles.")
        journal.add(
            title="t",
            tags=["stuck feeling", {"tag": "angry", "intensity": 3}],
            actions=["call back", {"text": "write up", "due_on": "2026-02-01"}],
        )
        journal.delete(journal.entry_ids()[2])
        vocabulary = journal.vocabulary()
        with journal.read_snapshot() as conn:
            new = [frames.all_frames(conn, vocabulary, include_trash=t) for t in (False, True)]
            monkeypatch.setattr(frames, "_child_rows", _rows_one_tuple_each)
            old = [frames.all_frames(conn, vocabulary, include_trash=t) for t in (False, True)]
    for a, b in zip(sum(map(list, new), []), sum(map(list, old), []), strict=True):
        pd.testing.assert_frame_equal(a, b, check_exact=True)
    tags, actions = new[0][1], new[0][3]
    assert tags["intensity"].isna().any() and tags["intensity"].notna().any()
    assert "stuck-feeling" in set(tags["tag"])
    assert actions["due_on"].isna().any() and actions["due_on"].notna().any()


def test_child_rows_of_empty_tables(journal):
    frame = journal.actions_frame()
    assert len(frame) == 0 and list(frame.columns) == ["entry_id", "occurred_on", "action_id", "status", "due_on"]
    journal.add(title="no children")
    assert len(journal.tags_frame()) == 0 and len(journal.people_frame()) == 0
