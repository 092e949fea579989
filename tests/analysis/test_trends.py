"""Counts over time on the hand-built journal, with hand-computed values: activity, daily, tag use,
outcome shares, stance and feelings per period.
"""

from __future__ import annotations

import pytest
from hand_journal import D, rows

from workbook import analysis as an


# -- counts over time ---------------------------------------------------------------------
def test_activity_by_week_and_quarter(frames):
    weekly = an.activity(frames, "week")
    assert list(weekly.columns) == [
        "period_start",
        "entries",
        "held",
        "avoided",
        "softened",
        "deferred",
        "chose-not-to-know",
        "unrecorded",
    ]
    assert list(weekly["period_start"]) == [
        D("2023-12-25"),
        D("2024-01-01"),
        D("2024-01-08"),
        D("2024-02-12"),
        D("2024-03-25"),
    ]
    assert weekly.attrs["period"] == "week"
    assert rows(an.activity(frames, "quarter")) == [
        (D("2023-10-01"), 1, 1, 0, 0, 0, 0, 0),
        (D("2024-01-01"), 4, 1, 1, 1, 0, 0, 1),
    ]


def test_activity_by_context(frames):
    assert rows(an.activity(frames, "month", by="context")) == [
        (D("2023-12-01"), "child-protection", 1, 1, 0, 0, 0, 0, 0),
        (D("2024-01-01"), "child-protection", 1, 0, 1, 0, 0, 0, 0),
        (D("2024-01-01"), "end-of-life", 1, 0, 0, 1, 0, 0, 0),
        (D("2024-02-01"), "end-of-life", 1, 1, 0, 0, 0, 0, 0),
        (D("2024-03-01"), "no context", 1, 0, 0, 0, 0, 0, 1),
    ]


def test_daily(frames):
    assert rows(an.daily(frames)) == [
        (D("2023-12-30"), 1, 8.0, 5.0),
        (D("2024-01-02"), 1, 9.0, 9.0),
        (D("2024-01-10"), 1, 6.0, 4.0),
        (D("2024-02-14"), 1, 4.0, 2.0),
        (D("2024-03-31"), 1, 7.0, None),
    ]


def test_tag_use_by_group_per_month(frames):
    out = an.tag_use(frames, "month", by="group")
    assert list(out.columns) == ["period_start", "group", "uses", "entries", "share"]
    assert rows(out) == [
        (D("2023-12-01"), "conversation", 3, 1, 1.0),
        (D("2023-12-01"), "feelings", 1, 1, 1.0),
        (D("2024-01-01"), "conversation", 3, 2, 1.0),
        (D("2024-01-01"), "feelings", 5, 2, 1.0),  # anxious twice on E2: two uses, one entry
        (D("2024-02-01"), "conversation", 2, 1, 1.0),
        (D("2024-02-01"), "feelings", 1, 1, 1.0),
        (D("2024-03-01"), "feelings", 1, 1, 1.0),
    ]


def test_tag_use_by_tag_per_quarter(frames):
    out = an.tag_use(frames, "quarter", by="tag")
    assert list(out.columns) == ["period_start", "tag", "group", "uses", "entries", "share"]
    assert rows(out) == [
        (D("2023-10-01"), "anxious", "feelings", 1, 1, 1.0),
        (D("2023-10-01"), "compassion", "conversation", 1, 1, 1.0),
        (D("2023-10-01"), "directness", "conversation", 1, 1, 1.0),
        (D("2023-10-01"), "held", "conversation", 1, 1, 1.0),
        (D("2024-01-01"), "anxious", "feelings", 4, 3, 0.75),
        (D("2024-01-01"), "avoided", "conversation", 1, 1, 0.25),
        (D("2024-01-01"), "compassion", "conversation", 2, 2, 0.5),
        (D("2024-01-01"), "held", "conversation", 1, 1, 0.25),
        (D("2024-01-01"), "moved", "feelings", 1, 1, 0.25),
        (D("2024-01-01"), "overwhelmed", "feelings", 1, 1, 0.25),
        (D("2024-01-01"), "sad", "feelings", 1, 1, 0.25),
        (D("2024-01-01"), "softened", "conversation", 1, 1, 0.25),
    ]
    with pytest.raises(ValueError, match="by must be 'group' or 'tag'"):
        an.tag_use(frames, by="family")


def test_outcome_share_overall(frames):
    out = an.outcome_share(frames, "quarter")
    assert list(out.columns) == ["period_start", "outcome", "n", "total", "share"]
    assert rows(out) == [
        (D("2023-10-01"), "held", 1, 1, 1.0),
        (D("2023-10-01"), "avoided", 0, 1, 0.0),
        (D("2023-10-01"), "softened", 0, 1, 0.0),
        (D("2023-10-01"), "deferred", 0, 1, 0.0),
        (D("2023-10-01"), "chose-not-to-know", 0, 1, 0.0),
        (D("2024-01-01"), "held", 1, 3, 0.3333),
        (D("2024-01-01"), "avoided", 1, 3, 0.3333),
        (D("2024-01-01"), "softened", 1, 3, 0.3333),
        (D("2024-01-01"), "deferred", 0, 3, 0.0),
        (D("2024-01-01"), "chose-not-to-know", 0, 3, 0.0),
    ]


def test_outcome_share_by_context(frames):
    out = an.outcome_share(frames, "quarter", by="context")
    held = out.loc[out["outcome"] == "held"]
    assert rows(held) == [
        (D("2023-10-01"), "child-protection", "held", 1, 1, 1.0),
        (D("2024-01-01"), "child-protection", "held", 0, 1, 0.0),
        (D("2024-01-01"), "end-of-life", "held", 1, 2, 0.5),
    ]


def test_outcome_share_by_role_counts_an_entry_once_per_role(frames):
    out = an.outcome_share(frames, "quarter", by="role")
    got = {(r.period_start, r.role, r.outcome): (r.n, r.total) for r in out.itertuples() if r.n}
    assert got == {
        (D("2023-10-01"), "parent", "held"): (1, 1),
        (D("2024-01-01"), "parent", "avoided"): (1, 1),
        (D("2024-01-01"), "professional", "avoided"): (1, 2),
        (D("2024-01-01"), "professional", "held"): (1, 2),
        (D("2024-01-01"), "relative", "softened"): (1, 2),  # E4 has two relatives: counted once
        (D("2024-01-01"), "relative", "held"): (1, 2),
    }


def test_stance_trend_is_per_context(frames):
    # one row per context: Q1's child protection (-1) and end of life (+1, +2) are never pooled (+0.67)
    assert rows(an.stance_trend(frames, "quarter")) == [
        (D("2023-10-01"), "child-protection", 1, 1, -2.0, 1.0, 0.0, 0.0, 0, 0.0),
        (D("2024-01-01"), "child-protection", 1, 1, -1.0, 1.0, 0.0, 0.0, 0, 0.0),
        (D("2024-01-01"), "end-of-life", 2, 2, 1.5, 0.0, 0.0, 1.0, 0, 0.0),
    ]


def test_feelings_trend_uses_entries_with_both_ratings(frames):
    out = an.feelings_trend(frames, "month")
    assert list(out.columns) == ["period_start", "n", "mean_before", "mean_after", "mean_gap"]
    assert rows(out) == [
        (D("2023-12-01"), 1, 8.0, 5.0, -3.0),
        (D("2024-01-01"), 2, 7.5, 6.5, -1.0),
        (D("2024-02-01"), 1, 4.0, 2.0, -2.0),
    ]  # E5 (before only) is left out
