"""No chart embeds journal text, people or ids; the scan that checks it would notice a leak; and
every builder hands its data to a chart only through the ``_only`` guard."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import altair as alt
import pandas as pd
import pytest
from chart_journal import (
    MARKERS,
    M,
    build_all,
)

from workbook import charts
from workbook.charts._encode import PRIVATE_COLUMNS, _only


# -- privacy ---------------------------------------------------------------------------------------
def test_no_chart_embeds_text_people_or_ids(journal_and_ids):
    frames, ids, action_ids = journal_and_ids
    specs = {name: json.dumps(chart.to_dict()) for name, chart in build_all(frames).items()}
    assert len(specs) == 14
    for name, text in specs.items():
        low = text.lower()
        assert M not in low, f"{name} embeds journal text"
        for marker in MARKERS.values():
            assert marker.lower() not in low, (name, marker)
        for entry_id in ids:
            assert entry_id not in text and entry_id[:8] not in text, name
        for action_id in action_ids:
            assert action_id not in text, name
        assert "Doctor D" not in text, name


def test_the_privacy_scan_would_notice_a_leak(frames):
    leaky = alt.Chart(pd.DataFrame({"t": [MARKERS["title"]]})).mark_text().encode(text="t:N")
    assert M in json.dumps(leaky.to_dict())
    with pytest.raises(ValueError, match="never embed entry_id"):
        _only(frames.tags, ["tag", "entry_id"])


def test_the_guard_refuses_every_private_column(frames):
    frame = pd.DataFrame({column: [1] for column in sorted(PRIVATE_COLUMNS)} | {"n": [1]})
    for column in PRIVATE_COLUMNS:
        with pytest.raises(ValueError, match=f"never embed {column}"):
            _only(frame, ["n", column])
    assert list(_only(frame, ["n"]).columns) == ["n"]


BUILDER_MODULES = ("builders", "overview")


@pytest.mark.parametrize("module", BUILDER_MODULES)
def test_every_chart_reads_its_data_through_the_guard(module):
    """Each function of the builder modules that makes an ``alt.Chart(data)`` got ``data`` from
    ``_only``, or is handed rows that came through it (``_outcome_bars``, the dashboard views)."""
    path = Path(charts.__file__).parent / f"{module}.py"
    tree = ast.parse(path.read_text())
    checked = []
    for fn in (n for n in tree.body if isinstance(n, ast.FunctionDef)):
        calls = [n for n in ast.walk(fn) if isinstance(n, ast.Call)]
        makes_chart = any(isinstance(c.func, ast.Attribute) and c.func.attr == "Chart" and c.args for c in calls)
        guarded = any(isinstance(c.func, ast.Name) and c.func.id == "_only" for c in calls)
        takes_guarded_rows = fn.name.startswith("_") and fn.name.endswith("_view")
        if makes_chart:
            assert guarded or takes_guarded_rows, f"{module}.{fn.name} builds a chart without _only"
            checked.append(fn.name)
    assert len(checked) >= 3, checked  # the walk really finds the builders
