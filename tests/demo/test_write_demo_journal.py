"""Writing the demo file: private, never over an existing file without force, never over a real journal."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs
import pytest

import workbook as wb
from workbook import demo, paths


def test_the_demo_file_is_private(demo_path):
    assert (demo_path.stat().st_mode & 0o777) == 0o600
    assert [p.name for p in demo_path.parent.iterdir() if not p.name.startswith("demo-journal.db")] == []


def test_write_refuses_to_overwrite_without_force(demo_path):
    before = (demo_path.stat().st_size, demo_path.stat().st_mtime_ns)
    with pytest.raises(wb.ValidationError) as error:
        demo.write_demo_journal(demo_path)
    assert error.value.field == "path"
    assert (demo_path.stat().st_size, demo_path.stat().st_mtime_ns) == before
    assert [p.name for p in demo_path.parent.iterdir() if ".building" in p.name] == []


def test_force_replaces_a_demo_atomically_but_never_a_real_journal(tmp_path):
    target = tmp_path / "demo.db"
    target.write_bytes(b"an old, broken demo")
    assert demo.write_demo_journal(target, entries=20, force=True) == target
    assert (target.stat().st_mode & 0o777) == 0o600
    with wb.open_journal(target) as replaced:
        assert len(replaced) + len(replaced.trash()) == 20
    assert demo.write_demo_journal(target, entries=12, force=True) == target  # a demo replaces a demo
    with wb.open_journal(target) as replaced:
        assert len(replaced) + len(replaced.trash()) == 12
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.db"]

    real = tmp_path / "journal.db"
    with wb.open_journal(real) as mine:
        mine.add(title="A conversation of my own")
    with pytest.raises(wb.ValidationError) as error:
        demo.write_demo_journal(real, entries=5, force=True)
    assert error.value.field == "path"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.db", "journal.db"]  # looked at, nothing left beside it
    with wb.open_journal(real) as mine:
        assert [e.title for e in mine.entries()] == ["A conversation of my own"]


def test_build_demo_refuses_a_journal_that_is_not_empty():
    with wb.open_journal(":memory:") as journal:
        journal.people.add("Someone Else", "other")
        with pytest.raises(wb.ValidationError) as error:
            demo.build_demo(journal, entries=5)
        assert error.value.field == "journal"
        assert len(journal) == 0


def test_default_demo_path_ignores_the_journal_setting(monkeypatch, tmp_path):
    monkeypatch.setenv("WORKBOOK_JOURNAL", str(tmp_path / "elsewhere" / "journal.db"))
    path = paths.default_demo_path()
    assert path.name == "demo-journal.db"
    assert path.parent == Path(platformdirs.user_data_dir("reflective-workbook", appauthor=False))
    assert not str(path).startswith(str(tmp_path))
    assert os.environ["WORKBOOK_JOURNAL"] != str(path)


def test_a_replaced_demo_leaves_no_alias_key_behind(tmp_path):
    """Each demo has a key file of its own (kept apart from it); replacing the demo removes
    the old key, so rebuilding never piles up keys nothing uses."""
    target = tmp_path / "demo.db"
    demo.write_demo_journal(target, entries=12)
    keys = paths.user_data_dir() / "keys"
    before = {p.name for p in keys.iterdir()}
    demo.write_demo_journal(target, entries=12, force=True)
    after = {p.name for p in keys.iterdir()}
    assert len(after - before) == 1 and len(before - after) == 1
    with wb.open_journal(target) as journal:
        assert journal.people.can_recognise_aliases()
