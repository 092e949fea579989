"""At scale (30,000 entries) every chart stays small and under Altair's row limit."""

from __future__ import annotations

import json

import altair as alt
from chart_journal import (
    build_all,
    datasets,
    synthetic_frames,
)

from workbook import charts


def test_charts_stay_small_and_under_altairs_row_limit_at_scale():
    big = synthetic_frames(30_000)
    for name, chart in build_all(big).items():
        text = json.dumps(chart.to_dict())  # a MaxRowsError would be raised here
        assert len(text) <= 100_000, (name, len(text))
        assert max((len(rows) for rows in datasets(json.loads(text))), default=0) <= alt.data_transformers.options.get(
            "max_rows", 5000
        )
    assert charts.dashboard_period(big) == "quarter"
    # a year of it (every context used, all sixteen of them) is drawn by month
    assert charts.dashboard_period(big.filter(since="2024-01-01")) == "month"
