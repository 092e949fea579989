"""What holds for every analysis: it copes with an empty journal, its face lists exactly the public
names, and no module of the package opens files or reaches the store.
"""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest
from hand_journal import TODAY

import workbook as wb
from workbook import analysis as an
from workbook.analysis import Frames


# -- an empty journal ---------------------------------------------------------------------------------
def test_every_function_copes_with_an_empty_journal():
    j = wb.open_journal(":memory:")
    empty = Frames.from_journal(j)
    j.close()
    for fn in (
        an.activity,
        an.daily,
        an.tag_use,
        an.outcome_share,
        an.held_share,
        an.stance_trend,
        an.depth_trend,
        an.feelings_trend,
        an.tag_cooccurrence,
        an.tags_and_feelings,
    ):
        assert fn(empty).empty, fn.__name__
    assert an.outcome_share(empty, by="role").empty
    follow = an.action_follow_through(empty, today=TODAY)
    assert follow.by_period.empty and follow.overdue.empty and follow.rate is None
    streaks = an.journaling_streaks(empty, today=TODAY)
    assert (streaks.current_weeks, streaks.longest_weeks, streaks.days_since_last) == (0, 0, None)
    assert not an.load_signal(empty, today=TODAY).active
    assert len(an.summarise(empty, "2024-01-01", "2024-03-31", today=TODAY)) == 1


PACKAGE = Path(an.__file__).parent
MODULES = sorted(PACKAGE.glob("*.py"))


def test_the_package_is_walked():
    names = {p.stem for p in MODULES}
    assert {"__init__", "selection", "trends", "tags", "habits", "load", "summary"} <= names


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.stem)
def test_analysis_never_imports_the_store_or_opens_files(path):
    """Every module of the package: no store, SQLite, frames builder, paths or Altair; no open()."""
    source = path.read_text()
    tree = ast.parse(source)
    imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module} | {
        a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names
    }
    parts = {part for name in imported for part in name.split(".")}
    assert not parts & {"store", "sqlite3", "frames", "paths", "altair", "journal"}
    assert "open(" not in source


# -- the face ------------------------------------------------------------------------------------------
PUBLIC = {
    "Frames",
    "PERIODS",
    "UNRECORDED",
    "NO_CONTEXT",
    "period_starts",
    "activity",
    "daily",
    "tag_use",
    "outcome_share",
    "held_share",
    "stance_trend",
    "depth_trend",
    "feelings_trend",
    "tag_cooccurrence",
    "tags_and_feelings",
    "FollowThrough",
    "action_follow_through",
    "Streaks",
    "journaling_streaks",
    "DEFAULT_HEAVY_TAGS",
    "LoadSettings",
    "load_settings_from",
    "LoadSignal",
    "load_signal",
    "summarise",
    "long_date",
}


def test_the_face_re_exports_every_public_name():
    """``workbook.analysis.activity(...)`` and friends keep working after the split."""
    assert set(an.__all__) == PUBLIC and len(an.__all__) == len(PUBLIC)
    for name in an.__all__:
        assert getattr(an, name) is not None, name


def test_long_date_is_the_one_date_format():
    assert an.long_date(dt.date(2024, 1, 5)) == "5 January 2024"
    assert an.long_date(dt.date(2023, 12, 30)) == "30 December 2023"
