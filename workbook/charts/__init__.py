"""Charts of the journal's patterns (Altair), built from aggregated frames only.

Every builder is a pure function from the output of a ``workbook.analysis`` function to
an Altair chart. A chart embeds only the aggregated columns it draws (counts, means,
shares, dates of periods, tag and context names): never entry text, titles, responses,
people or entry ids. Each chart has a title and a plain-language ``description`` (the
Vega-Lite top-level property, also read out by screen readers); ``describe(chart)``
returns it.

Theme: ``use_theme()`` is the one explicit call that registers and enables the
"workbook" theme: the Okabe-Ito palette (safe for the common forms of colour
blindness), system fonts (nothing fetched), and sizes. Importing this module changes
nothing.

Rendering offline: the decision
-------------------------------
* Altair 6's default renderer writes HTML that loads Vega from cdn.jsdelivr.net: it shows
  nothing without a network.
* The "mimetype"/"jupyterlab" renderer emits ``application/vnd.vegalite.v6.json``;
  JupyterLab 4.6.6's built-in renderer knows Vega-Lite v3, v4 and v5 only (checked in
  its static bundle), so it shows nothing either.
* Downgrading to Altair 5 (Vega-Lite v5) would tie the workbook to an old major version.
* Chosen: ``enable_offline_rendering()`` turns on Altair's "jupyter" renderer with
  ``offline=True``. Each chart becomes a ``JupyterChart`` (an anywidget widget) whose
  JavaScript is Vega, Vega-Lite and vega-embed bundled by vl-convert from its own
  copies, on the machine, with no URL imports (``JupyterChart.enable_offline``). It is
  interactive (brushes, legends, tooltips) and lets Python read selections back
  (``widget.selections.brush``). Requirements: ``anywidget`` and ``vl-convert-python``
  in the kernel, and the anywidget and ``@jupyter-widgets/jupyterlab-manager``
  labextensions in JupyterLab (both are installed with the pip packages). The bundle is
  ~0.9 MB, made once per kernel (~4 s, at the ``enable_offline_rendering()`` call), and
  sent with each chart widget: notebooks that are shared must not store widget state.
  In the browser anywidget imports that code from a blob: URL, so nothing is fetched.
  The vega-embed menu keeps "save as SVG/PNG" but drops "open in Vega editor" (which
  would post the chart's data to a web site) and "view source".
* ``enable_offline_rendering("static")`` renders every chart as an SVG image made in the
  kernel by vl-convert: for Voilà pages, exported and shared notebooks, and nbval.
* ``save_chart`` and ``chart_to_svg`` use vl-convert with external data requests
  disallowed, so a saved chart never needs or touches the network.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import altair as alt
import numpy as np
import pandas as pd

from .. import analysis
from ..analysis import NO_CONTEXT, UNRECORDED, FollowThrough, Frames
from ..models import OUTCOMES

THEME = "workbook"
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
OUTCOME_COLOURS = {"held": "#009E73", "softened": "#E69F00", "avoided": "#D55E00", UNRECORDED: "#BBBBBB"}
FEELING_COLOURS = {"before": "#E69F00", "after": "#0072B2"}
STATUS_COLOURS = {"done": "#009E73", "dropped": "#999999", "overdue": "#D55E00", "not yet due": "#56B4E9"}
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
EMBED_OPTIONS = {"actions": {"export": True, "source": False, "compiled": False, "editor": False}}
# Columns a chart may never embed, whatever frame it is handed.
PRIVATE_COLUMNS = frozenset(
    {"id", "entry_id", "action_id", "title", "narrative", "responses", "people", "pseudonym", "aliases", "text"}
)
_PERIOD_WORDS = {"week": "week", "month": "month", "quarter": "quarter"}
DASHBOARD_MAX_ROWS = 400


# -- theme and rendering -------------------------------------------------------------------
def _theme() -> dict[str, Any]:
    return {
        "config": {
            "font": FONT,
            "background": "white",
            "view": {"continuousWidth": 520, "continuousHeight": 220, "stroke": None},
            "range": {
                "category": list(OKABE_ITO),
                "heatmap": {"scheme": "blues"},
                "ramp": {"scheme": "blues"},
                "diverging": {"scheme": "blueorange"},
            },
            "title": {"fontSize": 15, "anchor": "start", "subtitleColor": "#555555"},
            "axis": {"labelFontSize": 11, "titleFontSize": 12, "gridColor": "#E6E6E6"},
            "legend": {"labelFontSize": 11, "titleFontSize": 12},
            "line": {"strokeWidth": 2},
            "point": {"size": 40, "filled": True},
        }
    }


def use_theme() -> str:
    """Register and enable the "workbook" Altair theme (the one explicit theme call)."""
    alt.theme.register(THEME, enable=True)(_theme)
    return THEME


def enable_offline_rendering(mode: str = "interactive") -> str:
    """Render charts in Jupyter with no network (see the module docstring for why).

    ``mode="interactive"``: Altair's JupyterChart widget with Vega bundled locally.
    ``mode="static"``: SVG images made in the kernel (Voilà, shared notebooks, nbval).
    Returns the name of the renderer enabled.
    """
    if mode == "interactive":
        alt.JupyterChart.enable_offline(offline=True)
        alt.renderers.enable("jupyter", offline=True, embed_options=EMBED_OPTIONS)
        return "jupyter"
    if mode == "static":
        alt.renderers.enable("svg")
        return "svg"
    raise ValueError(f"mode must be 'interactive' or 'static', not {mode!r}.")


def _vl_version() -> str:
    return "_".join(alt.SCHEMA_VERSION.split(".")[:2])


def chart_to_svg(chart: alt.TopLevelMixin) -> str:
    """The chart as an SVG document, made offline by vl-convert."""
    import vl_convert as vlc

    return vlc.vegalite_to_svg(chart.to_dict(), vl_version=_vl_version(), allowed_base_urls=[])


def save_chart(chart: alt.TopLevelMixin, path: str | os.PathLike[str], *, scale: float = 2.0) -> Path:
    """Write the chart to ``path`` as .svg or .png, offline (vl-convert). Returns the path."""
    import vl_convert as vlc

    target = Path(path).expanduser()
    suffix = target.suffix.lower()
    if suffix == ".svg":
        target.write_text(chart_to_svg(chart), encoding="utf-8")
    elif suffix == ".png":
        png = vlc.vegalite_to_png(chart.to_dict(), vl_version=_vl_version(), scale=scale, allowed_base_urls=[])
        target.write_bytes(png)
    else:
        raise ValueError(f"save_chart writes .svg or .png files, not {suffix or 'files without a suffix'!r}.")
    return target


def describe(chart: alt.TopLevelMixin) -> str:
    """The chart's plain-language description."""
    description = getattr(chart, "description", alt.Undefined)
    return "" if description is alt.Undefined else str(description)


# -- helpers ---------------------------------------------------------------------------------
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


def _outcome_colour(title: str = "Outcome", *, unrecorded: bool = True) -> alt.Color:
    domain = [*OUTCOMES, UNRECORDED] if unrecorded else list(OUTCOMES)
    return alt.Color(
        "outcome:N",
        title=title,
        scale=alt.Scale(domain=domain, range=[OUTCOME_COLOURS[o] for o in domain]),
        sort=domain,
    )


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
        alt.Chart(data)
        .transform_fold([*OUTCOMES, UNRECORDED], as_=["outcome", "conversations"])
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


# -- builders --------------------------------------------------------------------------------
def timeline_chart(
    activity: pd.DataFrame, *, period: str | None = None, brush: alt.Parameter | None = None
) -> alt.Chart:
    """Conversations journaled per period, stacked by outcome (from ``analysis.activity``)."""
    unit = _period(activity, period)
    data = activity
    if "context" in data.columns:  # sum the contexts away: the timeline draws periods only
        data = data.groupby("period_start", as_index=False)[["entries", *OUTCOMES, UNRECORDED]].sum()
    data = _only(data, ["period_start", *OUTCOMES, UNRECORDED])
    chart = _outcome_bars(data, unit)
    if brush is not None:
        chart = chart.add_params(brush)
    total = int(data[[*OUTCOMES, UNRECORDED]].to_numpy().sum()) if len(data) else 0
    return _finish(
        chart,
        f"Conversations journaled per {unit}",
        f"Bar chart of the {total} conversations journaled, one bar per {unit}, each split into "
        "held, avoided, softened and outcome not recorded.",
    )


def tag_trends_chart(
    tag_use: pd.DataFrame,
    *,
    value: str = "entries",
    top: int = 8,
    labels: Mapping[str, str] | None = None,
    period: str | None = None,
) -> alt.Chart:
    """Lines of tag (or tag group) use per period (from ``analysis.tag_use``)."""
    if value not in ("entries", "uses", "share"):
        raise ValueError("value must be 'entries', 'uses' or 'share'.")
    unit = _period(tag_use, period)
    key = "tag" if "tag" in tag_use.columns else "group"
    keep = _top(tag_use.set_index(key)[value], top)
    data = tag_use.loc[tag_use[key].isin(keep)].copy()
    data["name"] = data[key].map(lambda k: _name(labels, k))
    data = _only(data, ["period_start", "name", value], decimals=3)
    pick = alt.selection_point(fields=["name"], bind="legend")
    y_title = {"entries": "Conversations with the tag", "uses": "Tag uses", "share": "Share of conversations"}[value]
    chart = (
        alt.Chart(data)
        .mark_line(point=True)
        .encode(
            x=_x_period(unit),
            y=alt.Y(f"{value}:Q", title=y_title, axis=alt.Axis(format="%") if value == "share" else alt.Undefined),
            color=alt.Color(
                "name:N", title="Tag" if key == "tag" else "Tag group", sort=[_name(labels, k) for k in keep]
            ),
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


def year_in_pixels_chart(daily: pd.DataFrame, *, value: str = "mean_after", months: int = 12) -> alt.Chart:
    """A calendar of days (rows are months, columns days): colour shows ``value``.

    Covers the ``months`` months up to the last day with an entry (not a calendar year);
    ``value`` is ``"mean_after"``, ``"mean_before"`` (how heavy it felt) or ``"entries"``.
    """
    if value not in ("mean_after", "mean_before", "entries"):
        raise ValueError("value must be 'mean_after', 'mean_before' or 'entries'.")
    data = daily.copy()
    if len(data):
        last = data["date"].max()
        first = (last.to_period("M") - (months - 1)).start_time
        data = data.loc[data["date"] >= first]
    data["month"] = data["date"].dt.strftime("%Y-%m")
    data["day"] = data["date"].dt.day
    data = _only(data, ["month", "day", "entries", "mean_before", "mean_after"], decimals=1)
    legend = {"mean_after": "Felt after (0-10)", "mean_before": "Felt before (0-10)", "entries": "Conversations"}[value]
    scale = alt.Scale(scheme="blues", domain=[0, 10]) if value != "entries" else alt.Scale(scheme="blues")
    chart = (
        alt.Chart(data)
        .mark_rect(cornerRadius=2)
        .encode(
            x=alt.X("day:O", title="Day of the month", axis=alt.Axis(labelAngle=0)),
            y=alt.Y("month:O", title=None),
            color=alt.Color(f"{value}:Q", title=legend, scale=scale),
            tooltip=[
                alt.Tooltip("month:O", title="Month"),
                alt.Tooltip("day:O", title="Day"),
                alt.Tooltip("entries:Q", title="Conversations"),
                alt.Tooltip("mean_before:Q", title="Felt before", format=".1f"),
                alt.Tooltip("mean_after:Q", title="Felt after", format=".1f"),
            ],
        )
        .properties(width=alt.Step(16), height=alt.Step(16))
    )
    what = {
        "mean_after": "how heavy the day's conversations felt afterwards (0 at ease, 10 very heavy)",
        "mean_before": "how heavy the day's conversations felt beforehand (0 at ease, 10 very heavy)",
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


def outcome_chart(
    shares: pd.DataFrame, *, labels: Mapping[str, str] | None = None, columns: int = 3, period: str | None = None
) -> alt.Chart | alt.FacetChart:
    """Held, avoided and softened over time, one panel per context or role (``outcome_share``)."""
    unit = _period(shares, period)
    by = "context" if "context" in shares.columns else "role" if "role" in shares.columns else None
    keys = ["period_start"] + ([by] if by else [])
    wide = shares.pivot_table(index=keys, columns="outcome", values="n", aggfunc="sum", fill_value=0)
    wide = wide.reindex(columns=list(OUTCOMES), fill_value=0).reset_index()
    wide.columns.name = None
    fields = list(keys)
    if by:
        wide["panel"] = wide[by].map(lambda k: "no context recorded" if k == NO_CONTEXT else _name(labels, k))
        fields = ["period_start", "panel"]
    data = _only(wide, [*fields, *OUTCOMES])
    base = _period_bars(
        alt.Chart(data)
        .transform_fold(list(OUTCOMES), as_=["outcome", "conversations"])
        .mark_bar(stroke="white", strokeWidth=0.5)
        .encode(
            x=_x_period(unit, ticks=3 if by else None),
            y=alt.Y("sum(conversations):Q", stack="normalize", title="Share", axis=alt.Axis(format="%")),
            color=_outcome_colour(unrecorded=False),
            tooltip=[
                alt.Tooltip("period_start:T", title=f"{unit.capitalize()} from", format="%d %b %Y"),
                alt.Tooltip("outcome:N", title="Outcome"),
                alt.Tooltip("sum(conversations):Q", title="Conversations"),
            ],
        ),
        unit,
    )
    where = f"one panel per {by}" if by else "all contexts together"
    description = (
        f"Stacked bars per {unit} showing the share of conversations that were held, avoided or softened, "
        f"{where}; conversations without a recorded outcome are left out."
    )
    if by:
        chart = base.properties(width=200, height=120).facet(facet=alt.Facet("panel:N", title=None), columns=columns)
        return _finish(chart, f"Held, avoided or softened, by {by}", description)
    return _finish(base, "Held, avoided or softened over time", description)


def stance_chart(stance: pd.DataFrame, *, period: str | None = None) -> alt.LayerChart:
    """Mean heroic (-2) to stoical (+2) stance per period (``analysis.stance_trend``)."""
    unit = _period(stance, period)
    data = _only(stance, ["period_start", "n", "mean_stance", "heroic_share", "stoical_share"])
    labels = "datum.value == -2 ? 'heroic' : datum.value == 2 ? 'stoical' : datum.value == 0 ? 'balanced' : ''"
    y = alt.Y(
        "mean_stance:Q",
        title="Stance",
        scale=alt.Scale(domain=[-2, 2]),
        axis=alt.Axis(values=[-2, -1, 0, 1, 2], labelExpr=labels),
    )
    line = (
        alt.Chart()
        .mark_line(point=alt.OverlayMarkDef(color=OKABE_ITO[0]), color=OKABE_ITO[0])
        .encode(
            x=_x_period(unit),
            y=y,
            tooltip=[
                alt.Tooltip("period_start:T", title=f"{unit.capitalize()} from", format="%d %b %Y"),
                alt.Tooltip("mean_stance:Q", title="Mean stance", format="+.2f"),
                alt.Tooltip("n:Q", title="Conversations"),
                alt.Tooltip("heroic_share:Q", title="Heroic", format=".0%"),
                alt.Tooltip("stoical_share:Q", title="Stoical", format=".0%"),
            ],
        )
    )
    middle = alt.Chart().mark_rule(color="#999999", strokeDash=[4, 4]).encode(y=alt.datum(0))
    chart = alt.layer(middle, line, data=data)
    return _finish(
        chart,
        "Heroic or stoical stance over time",
        f"Line chart of the mean stance per {unit}, from -2 (heroic: fighting adversity at any cost) to +2 "
        "(stoical: accepting limits and shaping what remains); the dashed line marks a balanced stance.",
    )


def feelings_chart(feelings: pd.DataFrame, *, period: str | None = None) -> alt.LayerChart:
    """Mean feelings before and after, joined by the gap, per period (``feelings_trend``)."""
    unit = _period(feelings, period)
    data = _only(feelings, ["period_start", "n", "mean_before", "mean_after", "mean_gap"])
    x = _x_period(unit)
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
                scale=alt.Scale(
                    domain=["before", "after"], range=[FEELING_COLOURS["before"], FEELING_COLOURS["after"]]
                ),
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
        "from 0 (at ease) to 10 (very heavy); grey bars join the two to show the gap.",
    )


def follow_through_chart(follow: FollowThrough | pd.DataFrame, *, period: str | None = None) -> alt.VConcatChart:
    """Action points: follow-through rate, and what became of them, per period."""
    by_period = follow.by_period if isinstance(follow, FollowThrough) else follow
    unit = _period(by_period, period)
    data = by_period.rename(columns={"not_yet_due": "not yet due"})
    data = _only(data, ["period_start", "rate", "done", "dropped", "overdue", "not yet due"])
    x = _x_period(unit)
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
    )
    return _finish(
        alt.vconcat(rate, counts),
        "Action points followed through",
        f"Top: the share of action points set each {unit} that were done, out of those done, dropped or overdue. "
        "Bottom: bars of how many were done, dropped, overdue or not yet due.",
    )


# -- the dashboard ----------------------------------------------------------------------------
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
    by_context["context"] = by_context["context"].map(
        lambda k: "no context recorded" if k == NO_CONTEXT else _name(names, k)
    )
    by_context = _only(by_context, ["period_start", "context", *OUTCOMES, UNRECORDED])
    timeline = _outcome_bars(by_context, unit)
    timeline = timeline.add_params(brush).properties(
        name="timeline",  # a fixed view name keeps the spec the same from run to run
        width=720,
        height=160,
        title=alt.Title(
            f"Conversations per {unit}",
            subtitle="Drag across the bars to choose a stretch of time; double-click to clear.",
        ),
    )
    contexts = (
        alt.Chart(by_context)
        .transform_filter(brush)
        .transform_fold(list(OUTCOMES), as_=["outcome", "conversations"])
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
        .properties(width=220, height=alt.Step(18), title="Held, avoided or softened by context")
    )
    feel = analysis.feelings_trend(frames, period)
    feel = _only(feel, ["period_start", "n", "mean_before", "mean_after"], decimals=3)
    feelings = (
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
            color=alt.Color(
                "when:N",
                legend=None,
                scale=alt.Scale(
                    domain=["before", "after"], range=[FEELING_COLOURS["before"], FEELING_COLOURS["after"]]
                ),
            ),
            tooltip=[
                alt.Tooltip("when:N", title="When"),
                alt.Tooltip("rating:Q", title="Mean rating", format=".1f"),
                alt.Tooltip("n:Q", title="Conversations rated"),
            ],
        )
        .properties(width=120, height=160, title="Feelings before and after")
    )
    groups = analysis.tag_use(frames, period, by="group")
    groups["name"] = groups["group"].map(lambda k: _name(names, k))
    groups = _only(groups, ["period_start", "name", "entries"])
    tags = (
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
    views = alt.hconcat(contexts, feelings, tags).resolve_scale(color="independent")
    chart = alt.vconcat(timeline, views).resolve_scale(color="independent")
    return _finish(
        chart,
        "Your journal at a glance",
        f"Top: bar chart of conversations per {unit} by outcome, with a brush to choose a stretch of time. "
        "Below, for the chosen time (or all of it): the share of conversations held, avoided or softened in each "
        "context, the mean rating of how heavy conversations felt before and after, and how many conversations "
        "used each tag group.",
    )
