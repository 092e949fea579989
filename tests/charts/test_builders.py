"""Every builder: title, plain description, mark, encodings and the exact rows embedded.

Charts are checked through ``to_dict()``; nothing is rendered here.
"""

from __future__ import annotations

import pandas as pd
import pytest
from chart_journal import (
    TODAY,
    build_all,
    columns,
    records,
)

import workbook as wb
from workbook import analysis as an
from workbook import charts
from workbook.analysis import Frames
from workbook.models import DEPTHS, OUTCOME_LABELS, OUTCOMES


# -- every builder: title, description, mark, encodings, data ------------------------------------
def test_every_chart_has_a_title_and_a_plain_description(frames):
    for name, chart in build_all(frames).items():
        spec = chart.to_dict()
        assert spec.get("title"), name
        assert spec["description"] == charts.describe(chart), name
        assert len(charts.describe(chart)) > 60, name


def test_timeline_chart(frames):
    spec = charts.timeline_chart(an.activity(frames, "quarter")).to_dict()
    assert spec["mark"]["type"] == "bar"
    enc = spec["encoding"]
    assert enc["x"]["field"] == "period_start" and enc["x"]["type"] == "temporal"
    assert enc["x2"]["field"] == "period_end"  # bars span their whole period
    assert (enc["y"]["field"], enc["y"]["aggregate"]) == ("conversations", "sum")
    assert enc["color"]["field"] == "outcome"
    # the legend and tooltips say the model's labels, in the order of OUTCOMES
    assert enc["color"]["scale"]["domain"] == [*(OUTCOME_LABELS[o] for o in OUTCOMES), "Not recorded"]
    assert enc["color"]["scale"]["range"] == ["#009E73", "#D55E00", "#E69F00", "#56B4E9", "#CC79A7", "#BBBBBB"]
    fold = {"fold": [*OUTCOMES, "unrecorded"], "as": ["outcome", "conversations"]}
    assert spec["transform"][0] == fold
    relabel = spec["transform"][1]["calculate"]
    assert relabel.startswith("datum['outcome'] == 'held' ? 'Held' :")
    assert "'chose-not-to-know' ? 'Chose not to know (respected)'" in relabel
    assert spec["title"] == "Conversations journaled per quarter"
    zero = {"deferred": 0, "chose-not-to-know": 0}
    assert records(spec) == [
        {"period_start": "2023-10-01T00:00:00", "held": 1, "avoided": 0, "softened": 0, **zero, "unrecorded": 0},
        {"period_start": "2024-01-01T00:00:00", "held": 1, "avoided": 1, "softened": 1, **zero, "unrecorded": 1},
    ]
    assert "5 conversations" in spec["description"]
    assert "deferred by decision, chose not to know (respected)" in spec["description"]


def test_timeline_chart_embeds_only_the_columns_it_draws(frames):
    extra = an.activity(frames, "week").assign(secret="x", entries=99)
    spec = charts.timeline_chart(extra).to_dict()
    assert columns(spec) == {"period_start", *OUTCOMES, "unrecorded"}


def test_tag_trends_chart_picks_the_top_tags_and_highlights_from_the_legend(frames):
    spec = charts.tag_trends_chart(an.tag_use(frames, "quarter", by="tag"), top=2, labels=frames.labels).to_dict()
    # Two quarters: hollow points, and a dash per line, so tied lines show through each other.
    assert spec["mark"]["type"] == "line" and spec["mark"]["point"]["filled"] is False
    assert spec["encoding"]["strokeDash"]["field"] == "name"
    assert spec["encoding"]["color"]["field"] == "name"
    assert spec["encoding"]["color"]["sort"] == ["Anxious", "Compassion"]
    assert spec["params"][0]["bind"] == "legend"
    assert columns(spec) == {"period_start", "name", "entries"}
    assert sorted((r["period_start"][:10], r["name"], r["entries"]) for r in records(spec)) == [
        ("2023-10-01", "Anxious", 1),
        ("2023-10-01", "Compassion", 1),
        ("2024-01-01", "Anxious", 3),
        ("2024-01-01", "Compassion", 2),
    ]
    with pytest.raises(ValueError):
        charts.tag_trends_chart(an.tag_use(frames), value="mean")


def test_year_in_pixels_chart(frames):
    spec = charts.year_in_pixels_chart(an.daily(frames)).to_dict()
    assert spec["mark"]["type"] == "rect"
    assert (spec["encoding"]["x"]["field"], spec["encoding"]["y"]["field"], spec["encoding"]["color"]["field"]) == (
        "day",
        "month",
        "mean_after",
    )
    assert spec["encoding"]["color"]["scale"]["domain"] == [0, 10]
    assert columns(spec) == {"month", "day", "entries", "mean_before", "mean_after"}
    assert records(spec)[0] == {"month": "Dec 2023", "day": 30, "entries": 1, "mean_before": 8.0, "mean_after": 5.0}
    assert records(spec)[-1] == {"month": "Mar 2024", "day": 31, "entries": 1, "mean_before": 7.0, "mean_after": None}
    # rows are months by name, in calendar order (not alphabetical), every month a row
    assert spec["encoding"]["y"]["sort"] == ["Dec 2023", "Jan 2024", "Feb 2024", "Mar 2024"]
    # the window is the last N months up to the latest day, across the turn of the year
    short = charts.year_in_pixels_chart(an.daily(frames), months=3, value="entries").to_dict()
    assert {r["month"] for r in records(short)} == {"Jan 2024", "Feb 2024", "Mar 2024"}
    # up to the chosen end: an empty month at the end is still a row, and later days are left out
    ended = charts.year_in_pixels_chart(an.daily(frames), until="2024-02-20").to_dict()
    assert ended["encoding"]["y"]["scale"]["domain"] == ["Dec 2023", "Jan 2024", "Feb 2024"]
    assert ("Feb 2024", 14) in {(r["month"], r["day"]) for r in records(ended)}
    assert all(not r["month"].startswith("Mar") for r in records(ended))


def test_tag_heatmap_chart(frames):
    spec = charts.tag_heatmap_chart(
        an.tag_use(frames, "month", by="tag"), top=3, max_periods=2, labels=frames.labels
    ).to_dict()
    assert spec["mark"]["type"] == "rect"
    assert (spec["encoding"]["x"]["field"], spec["encoding"]["y"]["field"]) == ("period", "name")
    assert columns(spec) == {"period", "name", "entries"}
    assert sorted({r["period"] for r in records(spec)}) == ["2024-02", "2024-03"]  # the latest two months
    assert "2 months" in spec["description"]


def test_cooccurrence_chart_is_a_symmetric_matrix(frames):
    co = an.tag_cooccurrence(frames, min_count=2)
    spec = charts.cooccurrence_chart(co, labels=frames.labels).to_dict()
    assert spec["mark"]["type"] == "rect"
    assert spec["encoding"]["color"]["scale"] == {"scheme": "blueorange", "domainMid": 1}
    assert columns(spec) == {"a", "b", "count", "lift"}
    cells = {(r["a"], r["b"]): (r["count"], r["lift"]) for r in records(spec)}
    # anxious on 4 of 5 entries, compassion on 3, held on 2; anxious+compassion on 2, compassion+held on 2
    assert cells[("Anxious", "Compassion")] == cells[("Compassion", "Anxious")] == (2, round(2 * 5 / 12, 2))
    assert cells[("Held", "Compassion")] == (2, round(2 * 5 / 6, 2))
    assert ("Anxious", "Held") not in cells  # only once together: below min_count


def test_outcome_chart_facets_by_context(frames):
    spec = charts.outcome_chart(an.outcome_share(frames, "quarter", by="context"), labels=frames.labels).to_dict()
    assert spec["facet"]["field"] == "panel" and spec["columns"] == 3
    inner = spec["spec"]
    assert inner["mark"]["type"] == "bar"
    assert inner["encoding"]["y"]["stack"] == "normalize"
    assert columns(spec) == {"period_start", "panel", *OUTCOMES}
    assert inner["encoding"]["color"]["scale"]["domain"] == [OUTCOME_LABELS[o] for o in OUTCOMES]
    # rows carry a panel's number, the headers its name
    assert spec["facet"]["header"]["labelExpr"] == '["Child protection", "End of life / palliative"][datum.value]'
    names = ["Child protection", "End of life / palliative"]
    assert sorted((names[r["panel"]], r["period_start"][:10], *(r[o] for o in OUTCOMES)) for r in records(spec)) == [
        ("Child protection", "2023-10-01", 1, 0, 0, 0, 0),
        ("Child protection", "2024-01-01", 0, 1, 0, 0, 0),
        ("End of life / palliative", "2024-01-01", 1, 0, 1, 0, 0),
    ]
    by_role = charts.outcome_chart(an.outcome_share(frames, "quarter", by="role")).to_dict()
    assert by_role["title"] == "Outcomes side by side, by role"
    overall = charts.outcome_chart(an.outcome_share(frames, "quarter")).to_dict()
    assert "facet" not in overall and columns(overall) == {"period_start", *OUTCOMES}


def test_stance_chart_has_a_row_per_context_and_the_share_both_beside_it(frames):
    spec = charts.stance_chart(an.stance_trend(frames, "quarter"), labels=frames.labels).to_dict()
    positions, beside = spec["hconcat"]
    assert positions["facet"]["row"]["field"] == "panel" and beside["facet"]["row"]["field"] == "panel"
    assert positions["facet"]["row"]["sort"] == beside["facet"]["row"]["sort"]  # the rows line up
    assert spec["resolve"] == {"scale": {"x": "shared"}}  # and so do the periods
    middle, line = positions["spec"]["layer"]
    assert middle["encoding"]["y"] == {"datum": 0}
    assert line["mark"]["type"] == "line" and line["encoding"]["y"]["field"] == "mean_stance"
    assert line["encoding"]["y"]["scale"]["domain"] == [-2, 2]
    bars = beside["spec"]
    assert bars["mark"]["type"] == "bar" and bars["encoding"]["y"]["field"] == "both_share"
    assert bars["encoding"]["y"]["title"] == "Both, in tension"
    assert columns(spec) == {"period_start", "panel", "n", "mean_stance", "both_share"}
    # one figure per context and quarter: Q1's -1 (child protection) and +1.5 (end of life), never +0.67
    assert sorted((r["panel"], r["period_start"][:10], r["n"], r["mean_stance"]) for r in records(spec)) == [
        ("Child protection", "2023-10-01", 1, -2.0),
        ("Child protection", "2024-01-01", 1, -1.0),
        ("End of life / palliative", "2024-01-01", 2, 1.5),
    ]
    assert "never averaged across them" in spec["description"]
    assert "Neither end is the right one" in spec["description"]


def test_stance_chart_leaves_contexts_out_rather_than_pooling_them(frames):
    stance = an.stance_trend(frames, "quarter")
    many = pd.concat([stance.assign(context=f"c{i}") for i in range(charts.builders.MAX_PANELS + 2)])
    spec = charts.stance_chart(many).to_dict()
    panels = {r["panel"] for r in records(spec)}
    assert len(panels) == charts.builders.MAX_PANELS and not any("other" in p for p in panels)
    assert "2 contexts with the fewest stances left out" in spec["description"]
    assert sorted({r["mean_stance"] for r in records(spec)}) == [-2.0, -1.0, 1.5]  # nothing averaged


def test_depth_chart_counts_each_level_stacked_shallowest_first(frames):
    j = wb.open_journal(":memory:")
    for day, depth in [
        ("2024-01-03", "descriptive-writing"),
        ("2024-01-09", "descriptive-writing"),
        ("2024-01-15", "dialogic"),
        ("2024-01-20", None),
        ("2024-02-05", "critical"),
        ("2024-02-12", "descriptive-reflection"),
    ]:
        j.add(title="t", occurred_on=day, depth=depth)
    rated = Frames.from_journal(j)
    j.close()
    spec = charts.depth_chart(an.depth_trend(rated, "month")).to_dict()
    assert spec["mark"]["type"] == "bar" and spec["encoding"]["y"]["stack"] == "zero"
    labels = [*DEPTHS.values(), "Not rated"]
    assert spec["encoding"]["color"]["scale"]["domain"] == labels
    assert spec["encoding"]["color"]["scale"]["range"] == [charts.DEPTH_COLOURS[d] for d in [*DEPTHS, "unrecorded"]]
    assert spec["encoding"]["order"]["field"] == "order"
    assert columns(spec) == {"period_start", "depth", "n"}
    assert sorted((r["period_start"][:10], r["depth"], r["n"]) for r in records(spec)) == [
        ("2024-01-01", "descriptive-writing", 2),
        ("2024-01-01", "dialogic", 1),
        ("2024-01-01", "unrecorded", 1),
        ("2024-02-01", "critical", 1),
        ("2024-02-01", "descriptive-reflection", 1),
    ]  # levels with none that month are not embedded
    assert "6 entries per month, 5 of them rated" in spec["description"]
    assert "not graded" in spec["description"]


def test_feelings_chart(frames):
    spec = charts.feelings_chart(an.feelings_trend(frames, "month")).to_dict()
    gap, lines = spec["layer"]
    assert gap["mark"]["type"] == "rule" and (gap["encoding"]["y"]["field"], gap["encoding"]["y2"]["field"]) == (
        "mean_before",
        "mean_after",
    )
    assert lines["encoding"]["color"]["scale"]["domain"] == ["before", "after"]
    assert columns(spec) == {"period_start", "n", "mean_before", "mean_after", "mean_gap"}
    assert [(r["mean_before"], r["mean_after"], r["mean_gap"]) for r in records(spec)] == [
        (8.0, 5.0, -3.0),
        (7.5, 6.5, -1.0),
        (4.0, 2.0, -2.0),
    ]


def test_follow_through_chart(frames):
    follow = an.action_follow_through(frames, "quarter", today=TODAY)
    spec = charts.follow_through_chart(follow).to_dict()
    rate, counts = spec["vconcat"]
    assert rate["encoding"]["y"]["field"] == "rate" and rate["encoding"]["y"]["scale"]["domain"] == [0, 1]
    assert counts["encoding"]["color"]["scale"]["domain"] == ["done", "dropped", "overdue", "not yet due"]
    assert columns(spec) == {"period_start", "rate", "done", "dropped", "overdue", "not yet due"}
    # actions all due 20 Jan: Q4 one done; Q1 one dropped and three still open (overdue)
    assert [(r["done"], r["dropped"], r["overdue"], r["rate"]) for r in records(spec)] == [
        (1, 0, 0, 1.0),
        (0, 1, 3, 0.0),
    ]
    assert charts.follow_through_chart(follow.by_period).to_dict()["vconcat"][0]["encoding"] == rate["encoding"]
