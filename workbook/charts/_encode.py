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

from ..analysis import NO_CONTEXT, UNRECORDED
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


def _x_period(period: str, title: str | None = None, ticks: int | None = None) -> alt.X:
    fmt = {"week": "%d %b %Y", "month": "%b %Y", "quarter": "%b %Y"}[period]
    axis = alt.Axis(format=fmt, labelAngle=0, tickCount=ticks if ticks else alt.Undefined)
    return alt.X("period_start:T", title=title, axis=axis)


_STEP = {"week": "date(d) + 7", "month": "1", "quarter": "1"}
_MONTH = {"week": "month(d)", "month": "month(d) + 1", "quarter": "month(d) + 3"}


def _period_bars(chart: alt.Chart, period: str) -> alt.Chart:
    """Bars that span their whole period: x2 is the next period's start, computed in Vega."""
    expr = f"datetime(year(d), {_MONTH[period]}, {_STEP[period]})".replace("(d)", "(toDate(datum.period_start))")
    return chart.transform_calculate(period_end=expr).encode(x2="period_end:T")


def _top(values: pd.Series, n: int) -> list[str]:
    """The ``n`` keys with the largest totals (ties by name)."""
    totals = values.groupby(level=0).sum()
    ranked = sorted(totals.items(), key=lambda kv: (-kv[1], str(kv[0])))
    return [k for k, _ in ranked[:n]]


def _finish(chart: Any, title: str, description: str, subtitle: str | None = None) -> Any:
    heading = alt.Title(title, subtitle=subtitle) if subtitle else title
    return chart.properties(title=heading, description=description)


def _outcome_bars(data: pd.DataFrame, unit: str) -> alt.Chart:
    """Conversations per period as bars stacked by outcome (the timeline, alone or in the
    dashboard); ``data`` has ``period_start`` and one count column per outcome."""
    return _period_bars(
        _fold_outcomes(alt.Chart(data))
        .mark_bar(stroke="white", strokeWidth=0.5)
        .encode(
            x=_x_period(unit),
            y=alt.Y("sum(conversations):Q", title="Conversations", stack="zero"),
            color=_outcome_colour(),
            tooltip=[
                alt.Tooltip("period_start:T", title=f"{unit.capitalize()} from", format="%d %b %Y"),
                alt.Tooltip("outcome:N", title="Outcome"),
                alt.Tooltip("sum(conversations):Q", title="Conversations"),
            ],
        ),
        unit,
    )
