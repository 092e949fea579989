"""The dashboard: a timeline with a brush that filters three linked views below it.

Every view reads period-level aggregates (conversations per period and context, tag
groups per period, feelings means and counts per period), so the brush selects whole
periods and the views re-aggregate in Vega: no entry-level row is ever embedded.
``dashboard_period`` picks the finest period that keeps the embedded data small.

(The module is not called ``dashboard``: a submodule named like ``charts.dashboard()``
would shadow the function on the package.)
"""

from __future__ import annotations

import json
from collections.abc import Mapping

import altair as alt
import pandas as pd

from .. import analysis
from ..analysis import UNRECORDED, Frames
from ..models import OUTCOMES
from ._encode import (
    TimeAxis,
    _context_name,
    _feeling_scale,
    _finish,
    _fold_outcomes,
    _name,
    _only,
    _outcome_bars,
    _outcome_colour,
    _period,
)
from .theme import OKABE_ITO

DASHBOARD_MAX_ROWS = 400


def dashboard_period(frames: Frames, max_rows: int = DASHBOARD_MAX_ROWS) -> str:
    """The finest of week, month, quarter with at most ``max_rows`` (period, context) pairs.

    This keeps the dashboard's embedded data (and so its size and drawing time) small
    whatever the journal's length: weeks for a year or so of journaling, then months.
    """
    for period in ("week", "month"):
        if len(analysis.activity(frames, period, by="context")) <= max_rows:
            return period
    return "quarter"


def dashboard(
    frames: Frames, *, period: str | None = None, labels: Mapping[str, str] | None = None
) -> alt.VConcatChart:
    """A timeline with a brush: dragging across it filters the three views below.

    Every view reads period-level aggregates (counts per period and context, per period
    and tag group, feelings means per period); the brush selects periods.
    """
    period = period or dashboard_period(frames)
    names = dict(frames.labels if labels is None else labels)
    unit = _period(pd.DataFrame(), period)
    brush = alt.selection_interval(name="brush", encodings=["x"])
    by_context = analysis.activity(frames, period, by="context")
    # Rows name their context by number and the context view turns numbers into names: with six
    # outcome columns, a name on every row would take a long journal past 100 KB.
    contexts = sorted({_context_name(names, k) for k in by_context["context"]})
    number = {name: i for i, name in enumerate(contexts)}
    by_context["context"] = by_context["context"].map(lambda k: number[_context_name(names, k)])
    by_context = _only(by_context, ["period_start", "context", *OUTCOMES, UNRECORDED])
    timeline = _timeline_view(by_context, unit, brush)
    views = alt.hconcat(
        _context_view(by_context, contexts, brush),
        _feelings_view(frames, period, brush),
        _tag_group_view(frames, period, names, brush),
    ).resolve_scale(color="independent")
    chart = alt.vconcat(timeline, views).resolve_scale(color="independent")
    return _finish(
        chart,
        "Your journal at a glance",
        f"Top: bar chart of conversations per {unit} by outcome, with a brush to choose a stretch of time. "
        "Below, for the chosen time (or all of it): the share of conversations with each outcome (held, avoided, "
        "softened, deferred by decision, chose not to know) in each context, the mean rating of how heavy "
        "conversations felt before and after, and how many conversations used each tag group.",
    )


def _timeline_view(by_context: pd.DataFrame, unit: str, brush: alt.Parameter) -> alt.Chart:
    """Conversations per period by outcome, carrying the brush."""
    return (
        _outcome_bars(by_context, unit, TimeAxis(by_context["period_start"], unit, ticks=8))  # 720 px: room for eight
        .add_params(brush)
        .properties(
            name="timeline",  # a fixed view name keeps the spec the same from run to run
            width=720,
            height=160,
            title=alt.Title(
                f"Conversations per {unit}",
                subtitle="Drag across the bars to choose a stretch of time; double-click to clear.",
            ),
        )
    )


def _context_view(by_context: pd.DataFrame, contexts: list[str], brush: alt.Parameter) -> alt.Chart:
    """Every outcome side by side in each context (rows hold its number in ``contexts``), over
    the brushed periods."""
    named = (
        alt.Chart(by_context)
        .transform_filter(brush)
        .transform_calculate(context=f"{json.dumps(contexts)}[datum.context]")
    )
    return (
        _fold_outcomes(named, unrecorded=False)
        .mark_bar()
        .encode(
            y=alt.Y("context:N", title=None),
            x=alt.X("sum(conversations):Q", stack="normalize", title="Share", axis=alt.Axis(format="%")),
            color=_outcome_colour(unrecorded=False),
            tooltip=[
                alt.Tooltip("context:N", title="Context"),
                alt.Tooltip("outcome:N", title="Outcome"),
                alt.Tooltip("sum(conversations):Q", title="Conversations"),
            ],
        )
        .properties(width=220, height=alt.Step(18), title="Outcomes by context")
    )


def _feelings_view(frames: Frames, period: str, brush: alt.Parameter) -> alt.Chart:
    """Mean feelings before and after over the brushed periods, pooled by each period's n."""
    feel = analysis.feelings_trend(frames, period)
    feel = _only(feel, ["period_start", "n", "mean_before", "mean_after"], decimals=3)
    return (
        alt.Chart(feel)
        .transform_filter(brush)
        .transform_calculate(before="datum.mean_before * datum.n", after="datum.mean_after * datum.n")
        .transform_aggregate(before="sum(before)", after="sum(after)", n="sum(n)")
        .transform_fold(["before", "after"], as_=["when", "total"])
        .transform_calculate(rating="datum.n > 0 ? datum.total / datum.n : null")
        .mark_bar()
        .encode(
            x=alt.X("when:N", title=None, sort=["before", "after"], axis=alt.Axis(labelAngle=0)),
            y=alt.Y("rating:Q", title="Mean rating (0-10)", scale=alt.Scale(domain=[0, 10])),
            color=alt.Color("when:N", legend=None, scale=_feeling_scale()),
            tooltip=[
                alt.Tooltip("when:N", title="When"),
                alt.Tooltip("rating:Q", title="Mean rating", format=".1f"),
                alt.Tooltip("n:Q", title="Conversations rated"),
            ],
        )
        .properties(width=120, height=160, title="Feelings before and after")
    )


def _tag_group_view(frames: Frames, period: str, names: Mapping[str, str], brush: alt.Parameter) -> alt.Chart:
    """Conversations using each tag group over the brushed periods."""
    groups = analysis.tag_use(frames, period, by="group")
    groups["name"] = groups["group"].map(lambda k: _name(names, k))
    groups = _only(groups, ["period_start", "name", "entries"])
    return (
        alt.Chart(groups)
        .transform_filter(brush)
        .mark_bar(color=OKABE_ITO[0])
        .encode(
            y=alt.Y("name:N", title=None, sort="-x"),
            x=alt.X("sum(entries):Q", title="Conversations"),
            tooltip=[alt.Tooltip("name:N", title="Tag group"), alt.Tooltip("sum(entries):Q", title="Conversations")],
        )
        .properties(width=200, height=alt.Step(18), title="Tag groups used")
    )
