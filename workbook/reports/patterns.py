"""What the patterns view shows, as plain data: no widgets, no store, no journal text.

:func:`patterns_report` turns the journal's frames and a :class:`PatternsQuery` (period,
date range, context / tag / role / outcome filters) into a :class:`PatternsReport`: the
plain-language summary sentences, the emotional-load signal, and the charts (Altair
objects from ``workbook.charts``): every outcome side by side, stance per context with
the share marked both, in tension, and the depth of reflection you rated. The widget in
``workbook.forms.patterns`` only lays these out; exports and tests can use them directly.

The module is named ``patterns`` and not ``patterns_view``: importing a submodule sets it
as an attribute of the package, so ``workbook/patterns_view.py`` would replace the
public function ``wb.patterns_view()``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd

from .. import analysis, charts
from ..analysis import Frames, LoadSettings, LoadSignal

DEFAULT_MONTHS = 12

# (key, heading, how to read it). The heading is the chart's topic; each chart also
# carries its own description (charts.describe) of what is drawn.
CHARTS: tuple[tuple[str, str, str], ...] = (
    (
        "timeline",
        "How many conversations, and how they went",
        "Each bar is one period; its height is how many conversations you journaled, split by outcome: held, "
        "avoided, softened, deferred by decision, chose not to know (respected), and not recorded. A taller bar "
        "means more writing, not necessarily more work.",
    ),
    (
        "outcomes",
        "Outcomes side by side, by context",
        "One small panel per context. Each bar shows how that period's conversations went, every outcome side "
        "by side. Deferring by decision and respecting a wish not to know are good practice, not failures. Bars "
        "from a handful of conversations swing a lot, so look at the run of bars, not one.",
    ),
    (
        "feelings",
        "Feelings before and after",
        "Orange is how heavy conversations felt beforehand, blue afterwards (0 = at ease, 10 = as heavy as work gets). "
        "The grey bar between them is the gap: a long bar with blue below orange means conversations felt "
        "lighter once they were had.",
    ),
    (
        "stance",
        "Heroic or stoical stance, by context",
        "One row per context, never averaged across them: heroic in child protection and heroic at the end of "
        "life are different stances. The line is your average stance there: below the dashed line leans heroic "
        "(fighting adversity at any cost), above it leans stoical (accepting limits and shaping what remains). "
        "Beside it, the share of conversations you marked both, in tension. Neither end is the right one, and a "
        "move towards either is not progress in itself.",
    ),
    (
        "depth",
        "Depth of reflection you rated",
        "How many entries you rated at each depth (Hatton and Smith: descriptive writing, descriptive reflection, "
        "dialogic, critical), shallowest at the bottom, and how many you did not rate. It counts your own ratings and "
        "does not grade them.",
    ),
    (
        "tag_groups",
        "Tag groups over time",
        "How many conversations carried a tag from each group, per period. Click a name in the legend to pick "
        "one line out (in the interactive view).",
    ),
    (
        "follow_through",
        "Action points followed through",
        "Top: of the action points that fell due, the share you marked done. Bottom: what became of the action "
        "points set in each period. Open ones are only 'overdue' when they had a due date that has passed.",
    ),
    (
        "calendar",
        "Your year in pixels",
        "One square per day with an entry, one row per month; the darker the square, the heavier that day's "
        "conversations felt afterwards. Look for heavy spells rather than single days.",
    ),
)
CHART_KEYS = tuple(key for key, _, _ in CHARTS)
CHART_HEADINGS = {key: heading for key, heading, _ in CHARTS}
CHART_GUIDES = {key: guide for key, _, guide in CHARTS}


@dataclass(frozen=True)
class PatternsQuery:
    """What to look at. ``None`` means "no filter" (or, for dates, the default range)."""

    period: str = "month"
    since: dt.date | None = None
    until: dt.date | None = None
    context: str | None = None
    tag: str | None = None
    role: str | None = None
    outcome: str | None = None

    def __post_init__(self) -> None:
        if self.period not in analysis.PERIODS:
            raise ValueError(f"period must be one of {', '.join(analysis.PERIODS)}, not {self.period!r}.")
        if self.since is not None and self.until is not None and self.since > self.until:
            raise ValueError(f"The start date ({self.since}) is after the end date ({self.until}).")

    def filters(self) -> dict[str, Any]:
        """The non-date filters as ``Frames.filter`` takes them (empty ones left out)."""
        out: dict[str, Any] = {}
        if self.context:
            out["context"] = self.context
        if self.tag:
            out["tags"] = self.tag
        if self.role:
            out["role"] = self.role
        if self.outcome:
            out["outcome"] = self.outcome
        return out


@dataclass(frozen=True, eq=False)
class PatternsReport:
    """Everything the patterns view shows for one query (no journal text anywhere)."""

    query: PatternsQuery
    since: dt.date
    until: dt.date
    entries: int
    summary: list[str]
    load: LoadSignal
    load_as_of: dt.date
    charts: list[tuple[str, Any]] = field(default_factory=list)

    @property
    def chart_keys(self) -> list[str]:
        return [key for key, _ in self.charts]


def journal_span(frames: Frames) -> tuple[dt.date, dt.date] | None:
    """First and last day with an entry, or None for an empty journal."""
    dates = frames.entries["occurred_on"]
    if dates.empty:
        return None
    return dates.min().date(), dates.max().date()


def default_range(
    frames: Frames, months: int = DEFAULT_MONTHS, today: dt.date | None = None
) -> tuple[dt.date, dt.date]:
    """The last ``months`` months of the journal: up to its last entry (or today if empty)."""
    span = journal_span(frames)
    until = span[1] if span else (today or dt.date.today())
    since = (pd.Timestamp(until) - pd.DateOffset(months=months) + pd.Timedelta(days=1)).date()
    return since, until


def _resolve(frames: Frames, query: PatternsQuery, today: dt.date) -> tuple[dt.date, dt.date]:
    """The query's dates, with an open end filled from the journal (or the default range)."""
    span = journal_span(frames)
    since, until = query.since, query.until
    if since is None and until is None:
        return default_range(frames, today=today)
    if until is None:
        until = max(span[1], since) if span else max(today, since)  # type: ignore[type-var]
    if since is None:
        since = min(span[0], until) if span else until
    return since, until


def build_charts(
    frames: Frames,
    period: str,
    labels: Mapping[str, str] | None = None,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> list[tuple[str, Any]]:
    """The charts for ``frames`` (already filtered), in the order of :data:`CHARTS`.

    ``since`` / ``until``: the chosen range, so every time axis starts and ends where the
    range does (not at the first and last entry drawn). Charts with nothing to draw are left
    out (an empty list for an empty selection); the depth chart appears once an entry in the
    selection has its depth rated.
    """
    if len(frames) == 0:
        return []
    names = dict(frames.labels if labels is None else labels)
    span = {"period": period, "since": since, "until": until}
    out: list[tuple[str, Any]] = [("timeline", charts.timeline_chart(analysis.activity(frames, period), **span))]
    shares = analysis.outcome_share(frames, period, by="context")
    if len(shares):
        out.append(("outcomes", charts.outcome_chart(shares, labels=names, **span)))
    feelings = analysis.feelings_trend(frames, period)
    if len(feelings):
        out.append(("feelings", charts.feelings_chart(feelings, **span)))
    stance = analysis.stance_trend(frames, period)
    if len(stance):
        out.append(("stance", charts.stance_chart(stance, labels=names, **span)))
    if frames.entries["depth"].notna().any():
        out.append(("depth", charts.depth_chart(analysis.depth_trend(frames, period), **span)))
    groups = analysis.tag_use(frames, period, by="group")
    if len(groups):
        out.append(("tag_groups", charts.tag_trends_chart(groups, labels=names, **span)))
    follow = analysis.action_follow_through(frames, period)
    if len(follow.by_period):
        out.append(("follow_through", charts.follow_through_chart(follow, **span)))
    out.append(("calendar", charts.year_in_pixels_chart(analysis.daily(frames), until=until)))
    return out


def patterns_report(
    frames: Frames,
    query: PatternsQuery | None = None,
    *,
    today: dt.date | None = None,
    load_settings: LoadSettings | None = None,
    with_charts: bool = True,
) -> PatternsReport:
    """Summary, load signal and charts for ``query`` over ``frames`` (not cut by date).

    The summary compares the chosen range with the stretch of the same length just
    before it, within the same context / tag / role filters. The load signal looks at
    the weeks up to the end of the range, or up to today if the range runs past today;
    it ignores the filters (load is about everything you carried).
    """
    query = query or PatternsQuery()
    day = today or dt.date.today()
    since, until = _resolve(frames, query, day)
    query = replace(query, since=since, until=until)
    filtered = frames.filter(**query.filters()) if query.filters() else frames
    summary = analysis.summarise(filtered, since, until, today=day)
    as_of = min(until, day)
    load = analysis.load_signal(frames, today=as_of, settings=load_settings)
    selected = filtered.filter(since, until)
    return PatternsReport(
        query=query,
        since=since,
        until=until,
        entries=len(selected),
        summary=summary,
        load=load,
        load_as_of=as_of,
        charts=build_charts(selected, query.period, frames.labels, since=since, until=until) if with_charts else [],
    )
