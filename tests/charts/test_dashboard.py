"""The dashboard: a brushed timeline filtering three linked views, and the period it picks."""

from __future__ import annotations

from chart_journal import (
    columns,
)

from workbook import charts


def test_dashboard_brush_filters_the_other_views(frames):
    spec = charts.dashboard(frames).to_dict()
    timeline, row = spec["vconcat"]
    assert spec["params"] == [
        {"name": "brush", "select": {"type": "interval", "encodings": ["x"]}, "views": ["timeline"]}
    ]
    assert timeline["name"] == "timeline" and timeline["mark"]["type"] == "bar"
    views = row["hconcat"]
    assert len(views) == 3
    for view in views:
        assert view["transform"][0] == {"filter": {"param": "brush"}}
        assert view.get("title")
    assert columns(spec) == {
        "period_start",
        "context",
        "held",
        "avoided",
        "softened",
        "deferred",
        "chose-not-to-know",
        "unrecorded",  # timeline + contexts
        "n",
        "mean_before",
        "mean_after",  # feelings
        "name",
        "entries",  # tag groups
    }
    # contexts travel as numbers and the context view names them
    rows = next(rows for rows in spec["datasets"].values() if rows and "context" in rows[0])
    assert {r["context"] for r in rows} == {0, 1, 2}
    named = views[0]["transform"][1]["calculate"]
    assert named == '["Child protection", "End of life / palliative", "no context recorded"][datum.context]'
    assert charts.dashboard_period(frames) == "week"
    assert spec["description"] == charts.describe(charts.dashboard(frames))
