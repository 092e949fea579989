"""What every builder shares: the privacy guard on embedded columns, period axes and bars,
outcome colours, and the title and description every chart must carry.

Outcomes are embedded as one count column per outcome id and shown by their labels
(``models.OUTCOME_LABELS``), which Vega puts in after folding the columns.

``_only`` is the one door data goes through into a chart: it keeps just the columns a
chart draws (rounded, so a spec stays small) and refuses any of ``PRIVATE_COLUMNS``,
whatever frame a caller hands over. The helpers here build encodings only; they never
look at journal text, people or ids.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import altair as alt
import pandas as pd

from ..analysis import NO_CONTEXT, PERIODS, UNRECORDED
from ..models import OUTCOME_LABELS, OUTCOMES
from .theme import FEELING_COLOURS, OUTCOME_COLOURS

# Columns a chart may never embed, whatever frame it is handed.
PRIVATE_COLUMNS = frozenset(
    {"id", "entry_id", "action_id", "title", "narrative", "responses", "people", "pseudonym", "aliases", "text"}
)
_PERIOD_WORDS = {"week": "week", "month": "month", "quarter": "quarter"}
# The words every chart shows for an outcome (the legend, tooltips): the model's labels.
OUTCOME_NAMES = {**OUTCOME_LABELS, UNRECORDED: "Not recorded"}


def _only(frame: pd.DataFrame, columns: Sequence[str], *, decimals: int = 2) -> pd.DataFrame:
    """A copy of ``frame`` holding just ``columns`` (rounded), refusing private ones."""
    private = PRIVATE_COLUMNS.intersection(columns)
    if private:
        raise ValueError(f"charts never embed {', '.join(sorted(private))}.")
    out = frame.loc[:, list(columns)].copy()
    for column in out.columns:
        if pd.api.types.is_float_dtype(out[column]):
            out[column] = out[column].round(decimals)
    out.attrs = {}
    return out.reset_index(drop=True)


def _period(frame: pd.DataFrame, period: str | None) -> str:
    return _PERIOD_WORDS.get(period or frame.attrs.get("period", "month"), "period")


def _name(labels: Mapping[str, str] | None, key: str) -> str:
    return (labels or {}).get(key, key)


def _context_name(labels: Mapping[str, str] | None, key: str) -> str:
    """A context's (or role's) label; "no context recorded" for entries without a context."""
    return "no context recorded" if key == NO_CONTEXT else _name(labels, key)


def _outcomes(unrecorded: bool = True) -> list[str]:
    return [*OUTCOMES, UNRECORDED] if unrecorded else list(OUTCOMES)


def _label_expr(field: str, names: Mapping[str, str]) -> str:
    """A Vega expression giving ``names[datum[field]]`` (ids and labels hold no quotes)."""
    expr = f"datum[{field!r}]"
    for key, label in reversed(list(names.items())):
        expr = f"datum[{field!r}] == {key!r} ? {label!r} : ({expr})"
    return expr


def _fold_outcomes(chart: alt.Chart, *, unrecorded: bool = True) -> alt.Chart:
    """Fold the per-outcome count columns into ``outcome`` (its label) and ``conversations``.

    The rows keep the outcome ids as column names; the labels of ``models.OUTCOME_LABELS``
    are put in by Vega, so the legend and tooltips say "Deferred by decision".
    """
    return chart.transform_fold(_outcomes(unrecorded), as_=["outcome", "conversations"]).transform_calculate(
        outcome=_label_expr("outcome", OUTCOME_NAMES)
    )


def _outcome_colour(title: str = "Outcome", *, unrecorded: bool = True) -> alt.Color:
    """Colour by outcome label, in the order of OUTCOMES, with the fixed outcome colours."""
    outcomes = _outcomes(unrecorded)
    domain = [OUTCOME_NAMES[o] for o in outcomes]
    return alt.Color(
        "outcome:N",
        title=title,
        scale=alt.Scale(domain=domain, range=[OUTCOME_COLOURS[o] for o in outcomes]),
        sort=domain,
    )


def _feeling_scale() -> alt.Scale:
    """Before in orange, after in blue, wherever feelings are drawn."""
    return alt.Scale(domain=["before", "after"], range=[FEELING_COLOURS["before"], FEELING_COLOURS["after"]])


# A time axis shows at most this many labels (fewer in small multiples), and at least this many
# periods, so one month's bar never fills the whole width.
MAX_TICKS = 6
MIN_PERIODS = 6
# Tick steps that read naturally, in periods: every 2 weeks, every quarter, every 2 years...
_NICE_STEPS = {"week": (1, 2, 4, 13, 26, 52), "month": (1, 2, 3, 6, 12, 24), "quarter": (1, 2, 4, 8)}
_FORMATS = {"week": "%d %b %Y", "month": "%b %Y", "quarter": "%b %Y"}


def _when(day: pd.Timestamp) -> dict[str, int]:
    """A Vega-Lite DateTime (local time, as the embedded ``period_start`` strings are read)."""
    return {"year": int(day.year), "month": int(day.month), "date": int(day.day)}


class TimeAxis:
    """The span a period chart's x axis covers, and its ticks: one per period start, never repeated.

    The axis starts at the period holding ``since`` (or the first period drawn) and ends at the
    end of the day ``until`` (or of the last period drawn), so a week axis stops at the chosen end;
    it always spans at least ``MIN_PERIODS`` periods, so a bar is never wider than a sixth of the
    chart. Ticks sit on period starts inside the span, stepped so there are at most ``ticks``.
    """

    def __init__(self, starts: pd.Series, period: str, *, since: Any = None, until: Any = None, ticks: int = MAX_TICKS):
        self.period = period
        # Narrow panels (few ticks) drop the year from week labels, so three fit in 200 pixels.
        self.format = "%d %b" if period == "week" and ticks <= 3 else _FORMATS[period]
        freq = PERIODS[period]
        starts = pd.to_datetime(pd.Series(starts), errors="coerce").dropna()
        self.domain: list[dict[str, int]] | None = None
        self.values: list[dict[str, int]] | None = None
        self.end: pd.Timestamp | None = None
        if not len(starts) and (since is None or until is None):
            return
        first = pd.Timestamp(since if since is not None else starts.min()).to_period(freq)
        last = pd.Timestamp(until if until is not None else starts.max()).to_period(freq)
        first = min(first, last - (MIN_PERIODS - 1))
        self.end = (
            pd.Timestamp(until).normalize() + pd.Timedelta(days=1) if until is not None else (last + 1).start_time
        )
        begin = first.start_time
        count = last.ordinal - first.ordinal + 1
        step = next((n for n in _NICE_STEPS[period] if count <= n * max(ticks, 1)), _NICE_STEPS[period][-1])
        while count > step * max(ticks, 1):
            step *= 2
        # Ticks on periods whose number is a multiple of the step: the same months whatever the filter.
        shown = [p for p in pd.period_range(first, last, freq=freq) if p.ordinal % step == 0]
        self.domain = [_when(begin), _when(self.end)]
        self.values = [_when(p.start_time) for p in shown if begin <= p.start_time < self.end]

    def x(self, title: str | None = None) -> alt.X:
        axis = alt.Axis(
            format=self.format,
            labelAngle=0,
            labelFlush=True,  # the end labels stay inside the plot, so panels' labels never run together
            labelOverlap=True,
            labelSeparation=8,  # labels closer than this are dropped, never run together
            values=self.values if self.values is not None else alt.Undefined,
        )
        scale = alt.Scale(domain=self.domain) if self.domain else alt.Undefined
        return alt.X("period_start:T", title=title, axis=axis, scale=scale)


_STEP = {"week": "date(d) + 7", "month": "1", "quarter": "1"}
_MONTH = {"week": "month(d)", "month": "month(d) + 1", "quarter": "month(d) + 3"}


def _period_bars(chart: alt.Chart, period: str, end: pd.Timestamp | None = None) -> alt.Chart:
    """Bars that span their whole period: x2 is the next period's start, computed in Vega.

    With ``end`` (the axis's end), a bar stops there: the week holding the chosen end day is
    drawn up to that day, not past the end of the axis.
    """
    expr = f"datetime(year(d), {_MONTH[period]}, {_STEP[period]})".replace("(d)", "(toDate(datum.period_start))")
    if end is not None:
        expr = f"min({expr}, datetime({end.year}, {end.month - 1}, {end.day}))"
    return chart.transform_calculate(period_end=expr).encode(x2="period_end:T")


def _top(values: pd.Series, n: int) -> list[str]:
    """The ``n`` keys with the largest totals (ties by name)."""
    totals = values.groupby(level=0).sum()
    ranked = sorted(totals.items(), key=lambda kv: (-kv[1], str(kv[0])))
    return [k for k, _ in ranked[:n]]


def _finish(chart: Any, title: str, description: str, subtitle: str | None = None) -> Any:
    heading = alt.Title(title, subtitle=subtitle) if subtitle else title
    return chart.properties(title=heading, description=description)


def _outcome_bars(data: pd.DataFrame, unit: str, axis: TimeAxis | None = None) -> alt.Chart:
    """Conversations per period as bars stacked by outcome (the timeline, alone or in the
    dashboard); ``data`` has ``period_start`` and one count column per outcome."""
    axis = axis or TimeAxis(data["period_start"], unit)
    return _period_bars(
        _fold_outcomes(alt.Chart(data))
        .mark_bar(stroke="white", strokeWidth=0.5)
        .encode(
            x=axis.x(),
            y=alt.Y("sum(conversations):Q", title="Conversations", stack="zero", axis=alt.Axis(tickMinStep=1)),
            color=_outcome_colour(),
            tooltip=[
                alt.Tooltip("period_start:T", title=f"{unit.capitalize()} from", format="%d %b %Y"),
                alt.Tooltip("outcome:N", title="Outcome"),
                alt.Tooltip("sum(conversations):Q", title="Conversations"),
            ],
        ),
        unit,
        axis.end,
    )
