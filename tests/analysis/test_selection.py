"""Frames: built from a journal without text, filtered by dates, context, tags and role, and periods.

The journal is the hand-built one of ``hand_journal`` (today = 15 April 2024).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hand_journal import TODAY, D

from workbook import analysis as an
from workbook.analysis import Frames


# -- Frames ----------------------------------------------------------------------------------
def test_from_journal_holds_the_four_frames_and_labels(frames):
    assert (len(frames.entries), len(frames.tags), len(frames.people), len(frames.actions)) == (5, 16, 7, 5)
    assert frames.labels["softened"] == "Softened into an easy conversation"
    assert repr(frames) == "<Frames 5 entries, 16 tag uses, 7 people, 5 actions>"
    assert len(frames) == 5


def test_from_journal_reads_no_text(frames):
    columns = (
        set(frames.entries.columns)
        | set(frames.tags.columns)
        | set(frames.people.columns)
        | set(frames.actions.columns)
    )
    assert not columns & {"title", "narrative", "responses", "text", "pseudonym", "aliases"}


def test_filter_by_dates_is_inclusive_and_crosses_years(frames, ids):
    f = frames.filter(since="2023-12-30", until=dt.date(2024, 1, 10))
    assert list(f.entries["id"]) == ids[:3]
    assert set(f.tags["entry_id"]) == set(ids[:3])
    assert set(f.actions["action_id"]) == {"a1", "a2"}
    assert list(f.people["role"]) == ["parent", "parent", "professional", "relative"]


def test_filter_by_context_tags_and_role(frames, ids):
    assert list(frames.filter(context="end-of-life").entries["id"]) == ids[2:4]
    assert list(frames.filter(context=["end-of-life", "child-protection"]).entries["id"]) == ids[:4]
    # several tags: an entry must carry every one
    assert list(frames.filter(tags="compassion").entries["id"]) == [ids[0], ids[2], ids[3]]
    assert list(frames.filter(tags=["compassion", "held"]).entries["id"]) == [ids[0], ids[3]]
    # several roles: anyone in any of them
    assert list(frames.filter(role="professional").entries["id"]) == [ids[1], ids[3]]
    assert list(frames.filter(role=["parent", "relative"]).entries["id"]) == ids[:4]
    both = frames.filter(context="child-protection", role="professional")
    assert list(both.entries["id"]) == [ids[1]]
    assert set(both.tags["tag"]) == {"anxious", "avoided", "overwhelmed"}  # all the entry's tags stay
    assert list(both.people["role"]) == ["parent", "professional"]


def test_filter_without_arguments_returns_the_same_frames(frames):
    assert frames.filter() is frames


@pytest.mark.parametrize(
    "filters",
    [
        dict(since="2024-01-01"),
        dict(context="end-of-life"),
        dict(tags="compassion"),
        dict(role="professional"),
        dict(until="2024-01-02"),
    ],
)
def test_filtered_frames_keep_a_consistent_index(frames, filters):
    """Filtered Frames reuse the parent's integer index; results match a fresh Frames."""
    filtered = frames.filter(**filters)
    fresh = Frames(filtered.entries, filtered.tags, filtered.people, filtered.actions, filtered.labels)
    assert not fresh._index and filtered._index
    for fn in (
        lambda f: an.tag_use(f, "month", by="tag"),
        lambda f: an.tag_use(f, "week", by="group"),
        lambda f: an.outcome_share(f, "month", by="role"),
        lambda f: an.tag_cooccurrence(f, min_count=1),
        an.tags_and_feelings,
        lambda f: an.action_follow_through(f, today=TODAY).by_period,
        lambda f: f.filter(tags="anxious", role="parent").entries,
    ):
        pd.testing.assert_frame_equal(fn(filtered), fn(fresh))


def test_period_starts_weeks_start_on_monday_and_quarters_cross_years():
    dates = pd.Series(pd.to_datetime(["2023-12-31", "2024-01-01", "2024-03-31", "2024-04-01"]))
    assert list(an.period_starts(dates, "week")) == [D("2023-12-25"), D("2024-01-01"), D("2024-03-25"), D("2024-04-01")]
    assert list(an.period_starts(dates, "month")) == [
        D("2023-12-01"),
        D("2024-01-01"),
        D("2024-03-01"),
        D("2024-04-01"),
    ]
    assert list(an.period_starts(dates, "quarter")) == [
        D("2023-10-01"),
        D("2024-01-01"),
        D("2024-01-01"),
        D("2024-04-01"),
    ]
    with pytest.raises(ValueError, match="period must be one of week, month, quarter"):
        an.period_starts(dates, "year")
