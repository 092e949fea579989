"""Charts read right from the first week: with 1, 3 and ~300 entries (the demo journal).

Each test pins a fault a new user saw with a handful of entries: the time axis repeating
"Nov 2026" (ticks are now one per period start, never more than the periods shown), one month's
bar filling the whole width (the axis spans at least ``MIN_PERIODS`` periods), small-multiple
labels running together (flush end labels, cut header names), the week axis running past the
chosen end (it ends with the chosen day), the year in pixels (a whole month wide, month names,
the legend below) and points hiding tied lines in "Tags over time".
"""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import pytest

import workbook as wb
from workbook import analysis as an
from workbook import charts
from workbook.analysis import Frames
from workbook.charts._encode import MAX_TICKS, MIN_PERIODS
from workbook.charts.builders import POINTS_UP_TO
from workbook.demo import build_demo

UNTIL = dt.date(2026, 12, 3)  # the chosen end: a Thursday, so its week runs on to Sunday 6 December
DAYS = ["2026-11-10", "2026-11-18", "2026-12-02"]
CONTEXTS = ["end-of-life", "child-protection", "end-of-life"]


def _small(n: int) -> Frames:
    j = wb.open_journal(":memory:")
    for i, day in enumerate(DAYS[:n]):
        j.add(
            title=f"entry {i}",
            occurred_on=day,
            context=CONTEXTS[i],
            outcome=["held", "avoided", "softened"][i],
            stance=[-1, 1, 0][i],
            depth="dialogic",
            feelings_before=7,
            feelings_after=5,
            tags=["anxious", "held", "compassion"][: i + 1],
            template="driscoll",
            responses={"what": "a", "so_what": "b", "now_what": "c"},
            actions=[{"text": "call back", "status": "open", "due_on": "2026-12-20"}],
        )
    frames = Frames.from_journal(j)
    j.close()
    return frames


@pytest.fixture(scope="module", params=[1, 3, 300], ids=["1 entry", "3 entries", "demo"])
def case(request):
    """(frames, since, until): the small journals up to the chosen end; the demo over its last year."""
    if request.param == 300:
        j = wb.open_journal(":memory:")
        build_demo(j)
        frames = Frames.from_journal(j)
        j.close()
        until = frames.entries["occurred_on"].max().date()
        since = (pd.Timestamp(until) - pd.DateOffset(months=12) + pd.Timedelta(days=1)).date()
        return frames.filter(since, until), since, until
    return _small(request.param), dt.date(2026, 11, 10), UNTIL


def _period_charts(frames: Frames, period: str, since=None, until=None) -> dict:
    """Every builder with a time axis, as the patterns view calls them (plus the chosen range)."""
    kw = dict(period=period, since=since, until=until)
    labels = frames.labels
    return {
        "timeline": charts.timeline_chart(an.activity(frames, period), **kw),
        "outcomes": charts.outcome_chart(an.outcome_share(frames, period, by="context"), labels=labels, **kw),
        "feelings": charts.feelings_chart(an.feelings_trend(frames, period), **kw),
        "stance": charts.stance_chart(an.stance_trend(frames, period), labels=labels, **kw),
        "depth": charts.depth_chart(an.depth_trend(frames, period), **kw),
        "tag_groups": charts.tag_trends_chart(an.tag_use(frames, period, by="group"), labels=labels, **kw),
        "follow_through": charts.follow_through_chart(an.action_follow_through(frames, period), **kw),
    }


def _time_axes(spec) -> list[dict]:
    """Every x encoding on ``period_start`` anywhere in a spec (layers, facets, concatenations)."""
    found = []

    def walk(node):
        if isinstance(node, dict):
            x = node.get("encoding", {}).get("x") if isinstance(node.get("encoding"), dict) else None
            if isinstance(x, dict) and x.get("field") == "period_start":
                found.append(x)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(spec)
    return found


def _day(when: dict) -> pd.Timestamp:
    return pd.Timestamp(when["year"], when["month"], when["date"])


FREQ = {"week": "W-SUN", "month": "M"}


@pytest.mark.parametrize("period", ["week", "month"])
def test_time_axes_tick_once_per_period_and_end_at_the_chosen_end(case, period):
    frames, since, until = case
    for name, chart in _period_charts(frames, period, since, until).items():
        axes = _time_axes(chart.to_dict(validate=False))
        assert axes, name
        for x in axes:
            start, end = (_day(d) for d in x["scale"]["domain"])
            # the axis ends with the chosen day (the week axis no longer runs on to the Sunday)
            assert end == pd.Timestamp(until) + pd.Timedelta(days=1), name
            assert start == pd.Timestamp(since).to_period(FREQ[period]).start_time or start < pd.Timestamp(since)
            periods = pd.period_range(start, end - pd.Timedelta(days=1), freq=FREQ[period])
            # at least MIN_PERIODS periods, so one period's bar takes at most a sixth of the width
            assert len(periods) >= MIN_PERIODS, name
            ticks = [_day(v) for v in x["axis"]["values"]]
            # no repeated label: ticks are distinct period starts inside the axis, and few of them
            assert len(ticks) == len(set(ticks)) and 1 <= len(ticks) <= min(len(periods), MAX_TICKS), name
            assert all(start <= t < end and t == t.to_period(FREQ[period]).start_time for t in ticks), name
            assert x["axis"]["labelFlush"] is True and x["axis"]["labelOverlap"] is True, name
            assert x["axis"]["format"] in ({"%d %b %Y", "%d %b"} if period == "week" else {"%b %Y"}), name


def test_without_a_chosen_range_the_axis_ends_with_the_last_period(case):
    frames = case[0]
    spec = charts.timeline_chart(an.activity(frames, "week"), period="week").to_dict(validate=False)
    (x,) = _time_axes(spec)
    last = frames.entries["occurred_on"].max()
    assert _day(x["scale"]["domain"][1]) == (last.to_period("W-SUN") + 1).start_time


def test_week_bars_stop_at_the_chosen_end(case):
    frames, since, until = case
    spec = charts.timeline_chart(an.activity(frames, "week"), period="week", since=since, until=until).to_dict()
    (calc,) = [t["calculate"] for t in spec["transform"] if t.get("as") == "period_end"]
    end = pd.Timestamp(until) + pd.Timedelta(days=1)
    assert calc.startswith("min(") and f"datetime({end.year}, {end.month - 1}, {end.day})" in calc


def test_small_multiples_have_room_for_their_labels(case):
    frames, since, until = case
    outcome = charts.outcome_chart(
        an.outcome_share(frames, "week", by="context"), labels=frames.labels, period="week", since=since, until=until
    ).to_dict(validate=False)
    assert outcome["facet"]["header"]["labelLimit"] <= outcome["spec"]["width"]
    (x,) = _time_axes(outcome)
    assert len(x["axis"]["values"]) <= 3 and x["axis"]["format"] == "%d %b"  # three short labels a panel
    stance = charts.stance_chart(an.stance_trend(frames, "month"), labels=frames.labels).to_dict(validate=False)
    assert stance["hconcat"][0]["facet"]["row"]["header"]["labelLimit"] > 0
    assert all(len(x["axis"]["values"]) <= 3 for x in _time_axes(stance))


def test_the_year_in_pixels_is_a_readable_calendar(case):
    frames, since, until = case
    spec = charts.year_in_pixels_chart(an.daily(frames), until=until).to_dict(validate=False)
    enc = spec["encoding"]
    assert enc["x"]["scale"]["domain"] == list(range(1, 32))  # a whole month wide, whatever the days
    months = enc["y"]["scale"]["domain"]
    assert all(re.fullmatch(r"[A-Z][a-z]{2} \d{4}", m) for m in months), months  # "Nov 2026", not "2026-11"
    assert months == [p.strftime("%b %Y") for p in pd.period_range(months[0], until, freq="M")]
    assert months[-1] == pd.Timestamp(until).strftime("%b %Y") and len(months) <= 12
    assert enc["color"]["legend"]["orient"] == "bottom"  # never under the x axis title
    assert spec["width"]["step"] >= 18


def test_tags_over_time_show_tied_lines(case):
    frames, since, until = case
    for period in ("week", "month"):
        use = an.tag_use(frames, period, by="group")
        spec = charts.tag_trends_chart(use, labels=frames.labels, period=period, since=since, until=until).to_dict()
        if use["period_start"].nunique() <= POINTS_UP_TO:
            assert spec["mark"]["point"]["filled"] is False  # hollow points: one on another still shows
            assert spec["encoding"]["strokeDash"]["field"] == "name"  # a dashed line lets a tied one show
        else:
            assert spec["mark"].get("point", False) is False  # many periods: the lines alone
            assert "strokeDash" not in spec["encoding"]


def test_one_month_is_labelled_once_when_drawn():
    """The drawn chart (SVG) names November once, where it used to repeat it along the axis."""
    svg = charts.chart_to_svg(charts.timeline_chart(an.activity(_small(1), "month"), period="month", until=UNTIL))
    labels = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    assert labels.count("Nov 2026") == 1, labels
    assert "Dec 2026" in labels and "Jan 2027" not in labels
