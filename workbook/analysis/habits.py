"""Action points and journaling habits: follow-through on action points, and weekly streaks.

Both take "today" as an argument (default: the real today), so that what is overdue and
whether a streak is current can be tested and replayed for any day. Results hold dates,
counts and ids only; never the text of an action point.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from .selection import Frames, _day, _empty, _tagged, _timestamp, period_starts


@dataclass(frozen=True, eq=False)
class FollowThrough:
    """Action points followed up: per period, overall, and the overdue ones (no text)."""

    by_period: pd.DataFrame
    overdue: pd.DataFrame
    done: int
    due: int

    @property
    def rate(self) -> float | None:
        """Done / (done + dropped + overdue), or None when nothing has fallen due."""
        return self.done / self.due if self.due else None


def action_follow_through(frames: Frames, period: str = "month", today: dt.date | str | None = None) -> FollowThrough:
    """How many action points were followed through, by the period they were set in.

    An action point has *fallen due* when it is done, dropped, or still open after its due
    date (overdue; an open action due today or later, or with no due date, has not fallen
    due). The rate is ``done / fallen due``.

    ``by_period``: ``period_start, actions, done, dropped, overdue, not_yet_due, rate``.
    ``overdue``: ``entry_id, action_id, due_on, days_overdue``, most overdue first.
    """
    a = frames.actions
    now = _timestamp(_day(today))
    uses = frames._uses("actions")

    def status(value: str) -> np.ndarray:
        return (uses.names == value)[uses.code] if len(uses.code) else np.zeros(0, dtype=bool)

    is_open = status("open")
    is_overdue = is_open & (a["due_on"] < now).fillna(False).to_numpy(dtype=bool)
    d = pd.DataFrame(
        {
            "period_start": period_starts(a["occurred_on"], period),
            "actions": 1,
            "done": status("done").astype("int64"),
            "dropped": status("dropped").astype("int64"),
            "overdue": is_overdue.astype("int64"),
            "not_yet_due": (is_open & ~is_overdue).astype("int64"),
        }
    )
    by_period = _tagged(d.groupby("period_start").sum().reset_index(), period)
    fallen_due = by_period["done"] + by_period["dropped"] + by_period["overdue"]
    by_period["rate"] = by_period["done"] / fallen_due.where(fallen_due > 0)
    late = a.loc[is_overdue, ["entry_id", "action_id", "due_on"]].copy()
    late["days_overdue"] = (now - late["due_on"]).dt.days.astype("int64")
    late = late.sort_values("days_overdue", ascending=False, kind="stable").reset_index(drop=True)
    return FollowThrough(by_period, late, int(d["done"].sum()), int(fallen_due.sum()))


@dataclass(frozen=True, eq=False)
class Streaks:
    """Runs of weeks (Monday to Sunday) with at least one entry, and long gaps."""

    current_weeks: int
    longest_weeks: int
    longest_from: dt.date | None
    longest_to: dt.date | None
    weeks_with_entries: int
    days_since_last: int | None
    gaps: pd.DataFrame


_MONDAY_EPOCH = dt.date(1970, 1, 5)


def _week_number(days: np.ndarray | int) -> Any:
    """Weeks since the Monday 5 January 1970 (a week starts on Monday)."""
    return np.floor_divide(days, 7)


def journaling_streaks(frames: Frames, today: dt.date | str | None = None, gap_days: int = 14) -> Streaks:
    """Streaks of weeks with journaling, and gaps of more than ``gap_days`` days.

    The current streak counts back from this week, or from last week when nothing has
    been journaled yet this week (the week is not over). ``gaps`` lists
    ``last_entry, next_entry, days`` for each gap between entries longer than ``gap_days``.
    """
    day = _day(today)
    dates = pd.DatetimeIndex(frames.entries["occurred_on"].unique()).sort_values()
    gap_columns = ["last_entry", "next_entry", "days"]
    if len(dates) == 0:
        return Streaks(0, 0, None, None, 0, None, _empty(gap_columns))
    epoch = pd.Timestamp(_MONDAY_EPOCH)
    weeks = np.unique(_week_number((dates - epoch).days.to_numpy()))
    breaks = np.diff(weeks) != 1
    run_id = np.concatenate([[0], np.cumsum(breaks)])
    lengths = np.bincount(run_id)
    best = int(np.argmax(lengths))
    first_week = int(weeks[run_id == best][0])
    this_week = int(_week_number((day - _MONDAY_EPOCH).days))
    current = int(lengths[-1]) if int(weeks[-1]) in (this_week, this_week - 1) else 0
    between = np.diff(dates.to_numpy()).astype("timedelta64[D]").astype(np.int64)
    wide = np.nonzero(between > gap_days)[0]
    gaps = pd.DataFrame({"last_entry": dates[wide], "next_entry": dates[wide + 1], "days": between[wide]})
    return Streaks(
        current_weeks=current,
        longest_weeks=int(lengths[best]),
        longest_from=_MONDAY_EPOCH + dt.timedelta(weeks=first_week),
        longest_to=_MONDAY_EPOCH + dt.timedelta(weeks=first_week + int(lengths[best]), days=-1),
        weeks_with_entries=len(weeks),
        days_since_last=(day - dates[-1].date()).days,
        gaps=gaps.reset_index(drop=True),
    )
