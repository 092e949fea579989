"""When the practitioner writes: the demo's span of months, its holidays and the uneven rhythm of dates.

The demo is designed for 18 months (:data:`DESIGN_MONTHS`); a shorter or longer demo
stretches that design over its own span, so features such as the heavy spell keep their
place in the story. The stdlib :mod:`calendar` is used only for month lengths.
"""

from __future__ import annotations

import calendar
import datetime as dt
import random

# The design of the demo is set out for 18 months; shorter or longer demos scale it.
DESIGN_MONTHS = 18
HEAVY_MONTHS = (10.2, 11.5)
WEEKDAY_WEIGHT = (1.0, 1.05, 1.0, 0.95, 0.75, 0.06, 0.03)


def add_months(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


class Span:
    """The demo's stretch of time and where its features fall."""

    def __init__(self, start: dt.date, months: int) -> None:
        self.start = start
        self.months = months
        self.end = add_months(start, months) - dt.timedelta(days=1)
        self.days = (self.end - start).days + 1

    def t(self, day: dt.date) -> float:
        """0 at the start, 1 at the end."""
        return (day - self.start).days / max(1, self.days - 1)

    def month(self, day: dt.date) -> float:
        """Position on the 18-month design scale (months since start, scaled)."""
        return self.t(day) * DESIGN_MONTHS

    def heavy(self, day: dt.date) -> bool:
        low, high = HEAVY_MONTHS
        return low <= self.month(day) < high


def summer_holiday(year: int) -> tuple[dt.date, dt.date]:
    """Three weeks from the second Monday of August."""
    first = dt.date(year, 8, 1)
    monday = first + dt.timedelta(days=(7 - first.weekday()) % 7 + 7)
    return monday, monday + dt.timedelta(days=20)


def day_factor(day: dt.date) -> float:
    """How likely the practitioner is to write on ``day``: nothing on holiday, little over Christmas."""
    low, high = summer_holiday(day.year)
    if low <= day <= high:
        return 0.0
    if (day.month == 12 and day.day >= 21) or (day.month == 1 and day.day <= 2):
        return 0.0 if day.month == 12 and 24 <= day.day <= 26 else 0.15
    return 1.0


def dates(n: int, rng: random.Random, span: Span) -> list[dt.date]:
    """``n`` dates in the span with an uneven rhythm: busy and quiet weeks, a summer
    holiday, a quiet Christmas and a heavy spell around month 11."""
    days = [span.start + dt.timedelta(days=i) for i in range(span.days)]
    week_factor: dict[tuple[int, int], float] = {}
    weights = []
    for day in days:
        week = day.isocalendar()[:2]
        if week not in week_factor:
            r = rng.random()
            factor = rng.lognormvariate(0.0, 0.35)
            factor *= 1.9 if r < 0.12 else 0.35 if r < 0.2 else 1.0
            week_factor[week] = factor
        weight = WEEKDAY_WEIGHT[day.weekday()] * week_factor[week] * day_factor(day)
        if span.heavy(day):
            weight *= 1.7
        weights.append(weight)
    if not any(weights):
        weights = [1.0] * len(days)
    picks = rng.choices(range(len(days)), weights=weights, k=n)
    return sorted(days[i] for i in picks)
