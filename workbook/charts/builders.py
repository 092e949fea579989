"""The chart builders: each a pure function from one ``workbook.analysis`` result to a chart.

Every builder passes its data through ``_only`` (so a chart embeds just the aggregated
columns it draws, never text, people or ids) and ends with ``_finish`` (a title and a
plain-language description, also read out by screen readers). Periods are read from the
frame's ``attrs["period"]`` unless ``period=`` is given.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import altair as alt
import numpy as np
import pandas as pd

from ..analysis import UNRECORDED, FollowThrough
from ..models import DEPTHS, OUTCOMES, STANCE_BOTH_LABEL
from ._encode import (
    MAX_TICKS,
    OUTCOME_NAMES,
    TimeAxis,
    _context_name,
    _feeling_scale,
    _finish,
    _fold_outcomes,
    _label_expr,
    _name,
    _only,
    _outcome_bars,
    _outcome_colour,
    _period,
    _period_bars,
    _top,
)
from .theme import DEPTH_COLOURS, OKABE_ITO, STATUS_COLOURS

# The outcomes in words, for descriptions: "held, avoided, ..., and outcome not recorded".
_OUTCOME_WORDS = ", ".join(OUTCOME_NAMES[o].lower() for o in OUTCOMES)


def timeline_chart(
    activity: pd.DataFrame,
    *,
    period: str | None = None,
    brush: alt.Parameter | None = None,
    since: Any = None,
    until: Any = None,
) -> alt.Chart:
    """Conversations journaled per period, stacked by outcome (from ``analysis.activity``).

    ``since`` and ``until`` (the chosen range, optional) set where the time axis starts and ends.
    """
    unit = _period(activity, period)
    data = activity
    if "context" in data.columns:  # sum the contexts away: the timeline draws periods only
        data = data.groupby("period_start", as_index=False)[["entries", *OUTCOMES, UNRECORDED]].sum()
    data = _only(data, ["period_start", *OUTCOMES, UNRECORDED])
    chart = _outcome_bars(data, unit, TimeAxis(data["period_start"], unit, since=since, until=until))
    if brush is not None:
        chart = chart.add_params(brush)
    total = int(data[[*OUTCOMES, UNRECORDED]].to_numpy().sum()) if len(data) else 0
    return _finish(
        chart,
        f"Conversations journaled per {unit}",
        f"Bar chart of the {total} conversations journaled, one bar per {unit}, each split into "
        f"{_OUTCOME_WORDS}, and outcome not recorded.",
    )


POINTS_UP_TO = 12  # periods on a tags-over-time chart still marked with points


def tag_trends_chart(
    tag_use: pd.DataFrame,
    *,
    value: str = "entries",
    top: int = 8,
    labels: Mapping[str, str] | None = None,
    period: str | None = None,
    since: Any = None,
    until: Any = None,
) -> alt.Chart:
    """Lines of tag (or tag group) use per period (from ``analysis.tag_use``).

    Points mark each period only while there are few of them (a single period has no line);
    beyond ``POINTS_UP_TO`` periods the lines alone show the trend, so points do not hide them.
    """
    if value not in ("entries", "uses", "share"):
        raise ValueError("value must be 'entries', 'uses' or 'share'.")
    unit = _period(tag_use, period)
    key = "tag" if "tag" in tag_use.columns else "group"
    keep = _top(tag_use.set_index(key)[value], top)
    data = tag_use.loc[tag_use[key].isin(keep)].copy()
    data["name"] = data[key].map(lambda k: _name(labels, k))
    data = _only(data, ["period_start", "name", value], decimals=3)
    pick = alt.selection_point(fields=["name"], bind="legend")
    few = data["period_start"].nunique() <= POINTS_UP_TO
    y_title = {"entries": "Conversations with the tag", "uses": "Tag uses", "share": "Share of conversations"}[value]
    legend_title = "Tag" if key == "tag" else "Tag group"
    order = [_name(labels, k) for k in keep]
    # With few periods, values often tie: a dash pattern per line (the colour legend names them) and
    # hollow points let a line show through another that lies on it.
    dash = alt.StrokeDash("name:N", sort=order, legend=None) if few else alt.Undefined
    point = alt.OverlayMarkDef(filled=False, size=60, strokeWidth=1.5) if few else False
    count_axis = alt.Axis(format="%") if value == "share" else alt.Axis(tickMinStep=1)
    chart = (
        alt.Chart(data)
        .mark_line(point=point)
        .encode(
            x=TimeAxis(data["period_start"], unit, since=since, until=until).x(),
            y=alt.Y(f"{value}:Q", title=y_title, axis=count_axis),
            color=alt.Color("name:N", title=legend_title, sort=order),
            strokeDash=dash,
            opacity=alt.condition(pick, alt.value(1.0), alt.value(0.15)),
            tooltip=[
                alt.Tooltip("period_start:T", title=f"{unit.capitalize()} from", format="%d %b %Y"),
                alt.Tooltip("name:N", title="Tag" if key == "tag" else "Group"),
                alt.Tooltip(f"{value}:Q", title=y_title, format=".0%" if value == "share" else ","),
            ],
        )
        .add_params(pick)
    )
    kind = "tags" if key == "tag" else "tag groups"
    return _finish(
        chart,
        f"Tags over time, per {unit}",
        f"Line chart of the {len(keep)} most used {kind} per {unit}: {', '.join(_name(labels, k) for k in keep) or 'none'}. "
        "Click a legend entry to pick one out.",
    )


def year_in_pixels_chart(
    daily: pd.DataFrame, *, value: str = "mean_after", months: int = 12, until: Any = None
) -> alt.Chart:
    """A calendar of days (rows are months, by name; columns the days 1 to 31): colour shows ``value``.

    Covers the ``months`` months up to the last day with an entry, or up to ``until`` (the chosen
    end) when given; every month from the first with an entry is a row, empty ones too, so a gap
    reads as a gap. ``value`` is ``"mean_after"``, ``"mean_before"`` (how heavy it felt) or ``"entries"``.
    """
    if value not in ("mean_after", "mean_before", "entries"):
        raise ValueError("value must be 'mean_after', 'mean_before' or 'entries'.")
    data = daily.copy()
    rows: list[str] = []
    if len(data):
        last = pd.Timestamp(until) if until is not None else data["date"].max()
        first = (last.to_period("M") - (months - 1)).start_time
        data = data.loc[(data["date"] >= first) & (data["date"] < last.normalize() + pd.Timedelta(days=1))]
        if len(data):
            shown = pd.period_range(data["date"].min().to_period("M"), last.to_period("M"), freq="M")
            rows = [m.strftime("%b %Y") for m in shown]
    data["month"] = data["date"].dt.strftime("%b %Y")
    data["day"] = data["date"].dt.day
    data = _only(data, ["month", "day", "entries", "mean_before", "mean_after"], decimals=1)
    legend = {"mean_after": "Felt after (0-10)", "mean_before": "Felt before (0-10)", "entries": "Conversations"}[value]
    scale = alt.Scale(scheme="blues", domain=[0, 10]) if value != "entries" else alt.Scale(scheme="blues")
    chart = (
        alt.Chart(data)
        .mark_rect(cornerRadius=2)
        .encode(
            x=alt.X(
                "day:O",
                title="Day of the month",
                scale=alt.Scale(domain=list(range(1, 32))),  # the whole month, however few days have entries
                axis=alt.Axis(labelAngle=0, values=[1, 5, 10, 15, 20, 25, 31]),
            ),
            y=alt.Y("month:O", title=None, sort=rows, scale=alt.Scale(domain=rows) if rows else alt.Undefined),
            color=alt.Color(f"{value}:Q", title=legend, scale=scale, legend=alt.Legend(orient="bottom")),
            tooltip=[
                alt.Tooltip("month:O", title="Month"),
                alt.Tooltip("day:O", title="Day"),
                alt.Tooltip("entries:Q", title="Conversations"),
                alt.Tooltip("mean_before:Q", title="Felt before", format=".1f"),
                alt.Tooltip("mean_after:Q", title="Felt after", format=".1f"),
            ],
        )
        .properties(width=alt.Step(18), height=alt.Step(18))
    )
    what = {
        "mean_after": "how heavy the day's conversations felt afterwards (0 at ease, 10 as heavy as work gets)",
        "mean_before": "how heavy the day's conversations felt beforehand (0 at ease, 10 as heavy as work gets)",
        "entries": "how many conversations were journaled that day",
    }[value]
    return _finish(
        chart,
        "Your year in pixels",
        f"Calendar of the last {months} months with one square per day that has an entry ({len(data)} days); "
        f"the darker the square, the higher {what}.",
    )


def tag_heatmap_chart(
    tag_use: pd.DataFrame,
    *,
    top: int = 15,
    max_periods: int = 36,
    labels: Mapping[str, str] | None = None,
    period: str | None = None,
) -> alt.Chart:
    """Tags by period as a heatmap of conversations carrying each tag (``tag_use(by="tag")``).

    Shows the ``top`` most used tags over the latest ``max_periods`` periods (filter the
    frames first to look at another stretch of time).
    """
    unit = _period(tag_use, period)
    key = "tag" if "tag" in tag_use.columns else "group"
    starts = np.sort(tag_use["period_start"].unique())[-max_periods:]
    recent = tag_use.loc[tag_use["period_start"].isin(starts)]
    keep = _top(recent.set_index(key)["entries"], top)
    data = recent.loc[recent[key].isin(keep)].copy()
    fmt = {"week": "%Y-%m-%d", "month": "%Y-%m", "quarter": "%Y-%m"}[unit]
    data["period"] = data["period_start"].dt.strftime(fmt)
    data["name"] = data[key].map(lambda k: _name(labels, k))
    data = _only(data, ["period", "name", "entries"])
    chart = (
        alt.Chart(data)
        .mark_rect()
        .encode(
            x=alt.X("period:O", title=f"{unit.capitalize()} starting"),
            y=alt.Y("name:N", title=None, sort=[_name(labels, k) for k in keep]),
            color=alt.Color("entries:Q", title="Conversations", scale=alt.Scale(scheme="blues")),
            tooltip=[
                alt.Tooltip("name:N", title="Tag"),
                alt.Tooltip("period:O", title=f"{unit.capitalize()} starting"),
                alt.Tooltip("entries:Q", title="Conversations"),
            ],
        )
    )
    return _finish(
        chart,
        f"Tags by {unit}",
        f"Heatmap of the {len(keep)} most used tags (rows) over {len(starts)} {unit}s (columns); the darker the cell, "
        "the more conversations carried that tag.",
    )


def cooccurrence_chart(
    cooccurrence: pd.DataFrame, *, value: str = "lift", top: int = 20, labels: Mapping[str, str] | None = None
) -> alt.Chart:
    """Which tags go together: a matrix of tag pairs (``analysis.tag_cooccurrence``)."""
    if value not in ("lift", "count"):
        raise ValueError("value must be 'lift' or 'count'.")
    c = cooccurrence
    sizes = pd.concat([c.set_index("tag_a")["n_a"], c.set_index("tag_b")["n_b"]])
    sizes = sizes.groupby(level=0).max()
    keep = [k for k, _ in sorted(sizes.items(), key=lambda kv: (-kv[1], kv[0]))[:top]]
    pairs = c.loc[c["tag_a"].isin(keep) & c["tag_b"].isin(keep)]
    both = pd.concat([pairs, pairs.rename(columns={"tag_a": "tag_b", "tag_b": "tag_a"})], ignore_index=True)
    both["a"] = both["tag_a"].map(lambda k: _name(labels, k))
    both["b"] = both["tag_b"].map(lambda k: _name(labels, k))
    data = _only(both, ["a", "b", "count", "lift"])
    order = [_name(labels, k) for k in keep]
    colour = (
        alt.Color("lift:Q", title="Lift", scale=alt.Scale(scheme="blueorange", domainMid=1))
        if value == "lift"
        else alt.Color("count:Q", title="Conversations", scale=alt.Scale(scheme="blues"))
    )
    chart = (
        alt.Chart(data)
        .mark_rect()
        .encode(
            x=alt.X("a:N", title=None, sort=order, axis=alt.Axis(labelAngle=-45)),
            y=alt.Y("b:N", title=None, sort=order),
            color=colour,
            tooltip=[
                alt.Tooltip("a:N", title="Tag"),
                alt.Tooltip("b:N", title="With"),
                alt.Tooltip("count:Q", title="Conversations with both"),
                alt.Tooltip("lift:Q", title="Lift", format=".2f"),
            ],
        )
        .properties(width=alt.Step(18), height=alt.Step(18))
    )
    how = (
        "lift: orange where two tags appear together more often than chance, blue where less often"
        if value == "lift"
        else "how many conversations carried both tags"
    )
    return _finish(
        chart,
        "Tags that go together",
        f"Matrix of the {len(keep)} most used tags; each cell shows {how}.",
    )


PANEL_WIDTH = 200  # of one small multiple
MAX_PANELS = 9  # small multiples stay readable, and the spec small, up to about nine panels


def _fold_panels(wide: pd.DataFrame, values: list[str], rest: str, limit: int = MAX_PANELS) -> pd.DataFrame:
    """Keep the ``limit - 1`` panels with the most conversations and fold the others into ``rest``."""
    totals = wide.groupby("panel")[values].sum().sum(axis=1)
    if len(totals) <= limit:
        return wide
    keep = totals.sort_values(ascending=False, kind="stable").index[: limit - 1]
    wide = wide.assign(panel=wide["panel"].where(wide["panel"].isin(keep), rest))
    return wide.groupby(["period_start", "panel"], as_index=False)[values].sum()


def outcome_chart(
    shares: pd.DataFrame,
    *,
    labels: Mapping[str, str] | None = None,
    columns: int = 3,
    period: str | None = None,
    since: Any = None,
    until: Any = None,
) -> alt.Chart | alt.FacetChart:
    """Every outcome side by side over time, one panel per context or role (``outcome_share``)."""
    unit = _period(shares, period)
    by = "context" if "context" in shares.columns else "role" if "role" in shares.columns else None
    keys = ["period_start"] + ([by] if by else [])
    wide = shares.pivot_table(index=keys, columns="outcome", values="n", aggfunc="sum", fill_value=0)
    wide = wide.reindex(columns=list(OUTCOMES), fill_value=0).reset_index()
    wide.columns.name = None
    fields = list(keys)
    panels: list[str] = []
    if by:
        wide["panel"] = wide[by].map(lambda k: _context_name(labels, k))
        wide = _fold_panels(wide, list(OUTCOMES), f"All other {by}s")
        # Each row names its panel by number, and the headers turn numbers into names: with five
        # outcome columns, names on every row would take a long journal past 100 KB.
        panels = sorted(wide["panel"].unique())
        wide["panel"] = wide["panel"].map({name: i for i, name in enumerate(panels)})
        fields = ["period_start", "panel"]
    data = _only(wide, [*fields, *OUTCOMES])
    axis = TimeAxis(data["period_start"], unit, since=since, until=until, ticks=3 if by else MAX_TICKS)
    base = _period_bars(
        _fold_outcomes(alt.Chart(data), unrecorded=False)
        .mark_bar(stroke="white", strokeWidth=0.5)
        .encode(
            x=axis.x(),
            y=alt.Y("sum(conversations):Q", stack="normalize", title="Share", axis=alt.Axis(format="%")),
            color=_outcome_colour(unrecorded=False),
            tooltip=[
                alt.Tooltip("period_start:T", title=f"{unit.capitalize()} from", format="%d %b %Y"),
                alt.Tooltip("outcome:N", title="Outcome"),
                alt.Tooltip("sum(conversations):Q", title="Conversations"),
            ],
        ),
        unit,
        axis.end,
    )
    where = f"one panel per {by} (beyond {MAX_PANELS - 1}, the least used together)" if by else "all contexts together"
    description = (
        f"Stacked bars per {unit} showing the share of conversations with each outcome ({_OUTCOME_WORDS}), "
        f"{where}; conversations without a recorded outcome are left out."
    )
    if by:
        # A long context name is cut (with an ellipsis) to its panel's width, never run into the next.
        header = alt.Header(labelExpr=f"{json.dumps(panels)}[datum.value]", labelLimit=PANEL_WIDTH - 10)
        facet = alt.Facet("panel:O", title=None, header=header)
        chart = base.properties(width=PANEL_WIDTH, height=120).facet(facet=facet, columns=columns, spacing=24)
        return _finish(chart, f"Outcomes side by side, by {by}", description)
    return _finish(base, "Outcomes side by side over time", description)


def stance_chart(
    stance: pd.DataFrame,
    *,
    labels: Mapping[str, str] | None = None,
    period: str | None = None,
    since: Any = None,
    until: Any = None,
) -> alt.HConcatChart:
    """Stance per period, one row per context (``analysis.stance_trend``): never pooled.

    Left, in each context's row, the line is the mean heroic (-2) to stoical (+2) position
    of the entries placed on that line; right, beside it, bars of the share marked both, in
    tension. Contexts beyond ``MAX_PANELS`` (those with fewest stances) are left out, never
    folded together: stances of different contexts are not averaged. (Two facets side by
    side, not one layered facet: Vega-Lite cannot resolve a layer's scales inside a facet.)
    """
    unit = _period(stance, period)
    data = stance.copy()
    data["panel"] = data["context"].map(lambda k: _context_name(labels, k))
    totals = data.groupby("panel")["n"].sum().sort_values(ascending=False, kind="stable")
    shown = list(totals.index[:MAX_PANELS])
    data = _only(data.loc[data["panel"].isin(shown)], ["period_start", "panel", "n", "mean_stance", "both_share"])
    axis = TimeAxis(data["period_start"], unit, since=since, until=until, ticks=3)
    x = axis.x()
    tooltip = [
        alt.Tooltip("period_start:T", title=f"{unit.capitalize()} from", format="%d %b %Y"),
        alt.Tooltip("panel:N", title="Context"),
        alt.Tooltip("mean_stance:Q", title="Mean stance", format="+.2f"),
        alt.Tooltip("both_share:Q", title=STANCE_BOTH_LABEL, format=".0%"),
        alt.Tooltip("n:Q", title="Conversations"),
    ]
    ends = "datum.value == -2 ? 'heroic' : datum.value == 2 ? 'stoical' : datum.value == 0 ? 'balanced' : ''"
    y = alt.Y(
        "mean_stance:Q",
        title="Stance",
        scale=alt.Scale(domain=[-2, 2]),
        axis=alt.Axis(values=[-2, -1, 0, 1, 2], labelExpr=ends),
    )
    middle = alt.Chart().mark_rule(color="#999999", strokeDash=[4, 4]).encode(y=alt.datum(0))
    line = (
        alt.Chart()
        .mark_line(point=alt.OverlayMarkDef(color=OKABE_ITO[0]), color=OKABE_ITO[0])
        .encode(x=x, y=y, tooltip=tooltip)
    )
    rows = alt.Row(
        "panel:N", title=None, sort=shown, header=alt.Header(labelAngle=0, labelAlign="left", labelLimit=150)
    )
    positions = alt.layer(middle, line, data=data).properties(width=260, height=80).facet(row=rows)
    both = _period_bars(
        alt.Chart(data)
        .mark_bar(color=OKABE_ITO[4])
        .encode(
            x=x,
            y=alt.Y(
                "both_share:Q",
                title=STANCE_BOTH_LABEL,
                scale=alt.Scale(domain=[0, 1]),
                axis=alt.Axis(format="%", values=[0, 0.5, 1]),
            ),
            y2=alt.datum(0),  # bars rise from 0 (x and x2 alone would make them lie flat)
            tooltip=tooltip,
        ),
        unit,
        axis.end,
    )
    beside = both.properties(width=140, height=80).facet(
        row=alt.Row("panel:N", title=None, sort=shown, header=alt.Header(labels=False))
    )
    left_out = len(totals) - len(shown)
    rest = f" ({left_out} context{'s' if left_out > 1 else ''} with the fewest stances left out)" if left_out else ""
    return _finish(
        alt.hconcat(positions, beside).resolve_scale(x="shared"),
        "Heroic or stoical stance, by context",
        f"One row per context{rest}, never averaged across them. Left, the mean stance per {unit} from -2 "
        "(heroic: fighting adversity at any cost) to +2 (stoical: accepting limits and shaping what remains), "
        "the dashed line marking a balanced stance; right, beside it, bars of the share of conversations marked "
        "both, in tension. Neither end is the right one.",
    )


def depth_chart(depth: pd.DataFrame, *, period: str | None = None, since: Any = None, until: Any = None) -> alt.Chart:
    """Entries per period by the depth you rated, stacked shallowest first (``analysis.depth_trend``).

    Counts only: the depth is your own reading of an entry, not a grade.
    """
    unit = _period(depth, period)
    levels = [*DEPTHS, UNRECORDED]
    names = {**DEPTHS, UNRECORDED: "Not rated"}
    data = _only(depth.loc[depth["n"] > 0], ["period_start", "depth", "n"])
    domain = [names[d] for d in levels]
    axis = TimeAxis(data["period_start"], unit, since=since, until=until)
    chart = _period_bars(
        alt.Chart(data)
        .transform_calculate(order=f"indexof({levels!r}, datum['depth'])")
        .transform_calculate(depth=_label_expr("depth", names))
        .mark_bar(stroke="white", strokeWidth=0.5)
        .encode(
            x=axis.x(),
            y=alt.Y("sum(n):Q", title="Entries", stack="zero", axis=alt.Axis(tickMinStep=1)),
            color=alt.Color(
                "depth:N",
                title="Depth you rated",
                sort=domain,
                scale=alt.Scale(domain=domain, range=[DEPTH_COLOURS[d] for d in levels]),
            ),
            order=alt.Order("order:Q"),
            tooltip=[
                alt.Tooltip("period_start:T", title=f"{unit.capitalize()} from", format="%d %b %Y"),
                alt.Tooltip("depth:N", title="Depth"),
                alt.Tooltip("sum(n):Q", title="Entries"),
            ],
        ),
        unit,
        axis.end,
    )
    rated = int(depth.loc[depth["depth"] != UNRECORDED, "n"].sum()) if len(depth) else 0
    total = int(depth["n"].sum()) if len(depth) else 0
    return _finish(
        chart,
        f"Depth of reflection you rated, per {unit}",
        f"Stacked bars of the {total} entries per {unit}, {rated} of them rated: "
        f"{', '.join(DEPTHS.values()).lower()}, shallowest at the bottom, and not rated on top. "
        "Your own reading of each entry, counted, not graded.",
    )


def feelings_chart(
    feelings: pd.DataFrame, *, period: str | None = None, since: Any = None, until: Any = None
) -> alt.LayerChart:
    """Mean feelings before and after, joined by the gap, per period (``feelings_trend``)."""
    unit = _period(feelings, period)
    data = _only(feelings, ["period_start", "n", "mean_before", "mean_after", "mean_gap"])
    x = TimeAxis(data["period_start"], unit, since=since, until=until).x()
    gap = alt.Chart().mark_rule(color="#BBBBBB", strokeWidth=3).encode(x=x, y="mean_before:Q", y2="mean_after:Q")
    points = (
        alt.Chart()
        .transform_fold(["mean_before", "mean_after"], as_=["when", "rating"])
        .transform_calculate(when="datum.when == 'mean_before' ? 'before' : 'after'")
        .mark_line(point=True)
        .encode(
            x=x,
            y=alt.Y("rating:Q", title="How heavy it felt (0-10)", scale=alt.Scale(domain=[0, 10])),
            color=alt.Color(
                "when:N",
                title=None,
                sort=["before", "after"],
                scale=_feeling_scale(),
            ),
            tooltip=[
                alt.Tooltip("period_start:T", title=f"{unit.capitalize()} from", format="%d %b %Y"),
                alt.Tooltip("when:N", title="When"),
                alt.Tooltip("rating:Q", title="Mean rating", format=".1f"),
                alt.Tooltip("mean_gap:Q", title="Change (after - before)", format="+.1f"),
                alt.Tooltip("n:Q", title="Conversations"),
            ],
        )
    )
    chart = alt.layer(gap, points, data=data)
    return _finish(
        chart,
        "Feelings before and after",
        f"Two lines per {unit}: the mean rating of how heavy conversations felt before (orange) and after (blue), "
        "from 0 (at ease) to 10 (as heavy as work gets); grey bars join the two to show the gap.",
    )


def follow_through_chart(
    follow: FollowThrough | pd.DataFrame, *, period: str | None = None, since: Any = None, until: Any = None
) -> alt.VConcatChart:
    """Action points: follow-through rate, and what became of them, per period."""
    by_period = follow.by_period if isinstance(follow, FollowThrough) else follow
    unit = _period(by_period, period)
    data = by_period.rename(columns={"not_yet_due": "not yet due"})
    data = _only(data, ["period_start", "rate", "done", "dropped", "overdue", "not yet due"])
    axis = TimeAxis(data["period_start"], unit, since=since, until=until)
    x = axis.x()
    rate = (
        alt.Chart(data)
        .mark_line(point=alt.OverlayMarkDef(color=OKABE_ITO[2]), color=OKABE_ITO[2])
        .encode(
            x=x,
            y=alt.Y("rate:Q", title="Followed through", scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format="%")),
            tooltip=[
                alt.Tooltip("period_start:T", title=f"Set in the {unit} from", format="%d %b %Y"),
                alt.Tooltip("rate:Q", title="Followed through", format=".0%"),
                alt.Tooltip("done:Q", title="Done"),
                alt.Tooltip("dropped:Q", title="Dropped"),
                alt.Tooltip("overdue:Q", title="Overdue"),
            ],
        )
        .properties(height=140)
    )
    statuses = list(STATUS_COLOURS)
    counts = _period_bars(
        alt.Chart(data)
        .transform_fold(statuses, as_=["status", "actions"])
        .mark_bar(stroke="white", strokeWidth=0.5)
        .encode(
            x=x,
            y=alt.Y("sum(actions):Q", title="Action points", stack="zero"),
            color=alt.Color(
                "status:N",
                title="Status",
                sort=statuses,
                scale=alt.Scale(domain=statuses, range=[STATUS_COLOURS[s] for s in statuses]),
            ),
            tooltip=[alt.Tooltip("status:N", title="Status"), alt.Tooltip("sum(actions):Q", title="Action points")],
        )
        .properties(height=140),
        unit,
        axis.end,
    )
    return _finish(
        alt.vconcat(rate, counts),
        "Action points followed through",
        f"Top: the share of action points set each {unit} that were done, out of those done, dropped or overdue. "
        "Bottom: bars of how many were done, dropped, overdue or not yet due.",
    )
