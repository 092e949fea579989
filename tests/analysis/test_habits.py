"""Action points followed through (overdue counted against today) and journaling streaks across a year."""

from __future__ import annotations

import datetime as dt

import pytest
from hand_journal import TODAY, D, rows

from workbook import analysis as an


# -- action points and habits ------------------------------------------------------------------
def test_action_follow_through(frames, ids):
    follow = an.action_follow_through(frames, "month", today=TODAY)
    assert list(follow.by_period.columns) == [
        "period_start",
        "actions",
        "done",
        "dropped",
        "overdue",
        "not_yet_due",
        "rate",
    ]
    assert rows(follow.by_period) == [
        (D("2023-12-01"), 1, 1, 0, 0, 0, 1.0),
        (D("2024-01-01"), 1, 0, 0, 1, 0, 0.0),
        (D("2024-02-01"), 2, 0, 1, 0, 1, 0.0),
        (D("2024-03-01"), 1, 0, 0, 0, 1, None),  # nothing has fallen due yet
    ]
    assert (follow.done, follow.due) == (1, 3)
    assert follow.rate == pytest.approx(1 / 3)
    assert list(follow.overdue.columns) == ["entry_id", "action_id", "due_on", "days_overdue"]
    assert rows(follow.overdue) == [(ids[1], "a2", D("2024-01-20"), 86)]  # 11 + 29 + 31 + 15 days


def test_an_action_due_today_is_not_overdue(frames):
    follow = an.action_follow_through(frames, today="2024-01-20")
    assert follow.overdue.empty
    assert follow.due == 2  # a1 (done) and a3 (dropped) have fallen due; a2 is due today
    assert an.action_follow_through(frames, today="2024-01-21").overdue["days_overdue"].tolist() == [1]


def test_journaling_streaks_cross_the_year(frames):
    s = an.journaling_streaks(frames, today="2024-04-02")
    assert (s.current_weeks, s.longest_weeks) == (1, 3)  # last week counts while this one is under way
    assert (s.longest_from, s.longest_to) == (dt.date(2023, 12, 25), dt.date(2024, 1, 14))
    assert s.weeks_with_entries == 5
    assert s.days_since_last == 2
    assert rows(s.gaps) == [(D("2024-01-10"), D("2024-02-14"), 35), (D("2024-02-14"), D("2024-03-31"), 46)]
    assert an.journaling_streaks(frames, today="2024-03-31").current_weeks == 1
    assert an.journaling_streaks(frames, today="2024-04-10").current_weeks == 0
    assert len(an.journaling_streaks(frames, today=TODAY, gap_days=40).gaps) == 1
