"""The workbook theme: one explicit call, a colour-blind-safe palette, system fonts; importing any
module of the package changes nothing; the face lists exactly the public names."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import altair as alt

from workbook import analysis as an
from workbook import charts
from workbook.models import DEPTHS, OUTCOMES


# -- theme -----------------------------------------------------------------------------------
def test_use_theme_is_one_explicit_call_with_a_colour_blind_safe_palette(frames):
    assert charts.use_theme() == "workbook"
    assert alt.theme.active == "workbook"
    spec = charts.stance_chart(an.stance_trend(frames)).to_dict()
    assert spec["config"]["range"]["category"] == list(charts.OKABE_ITO)
    assert spec["config"]["font"] == charts.FONT
    assert "http" not in json.dumps(spec["config"])  # no web fonts


def test_every_outcome_has_its_own_okabe_ito_colour():
    """Five outcomes and "not recorded": six colours, all different, the outcomes from the palette."""
    assert set(charts.OUTCOME_COLOURS) == {*OUTCOMES, an.UNRECORDED}
    assert len(set(charts.OUTCOME_COLOURS.values())) == len(charts.OUTCOME_COLOURS)
    for outcome in OUTCOMES:
        assert charts.OUTCOME_COLOURS[outcome] in charts.OKABE_ITO, outcome
    new = {charts.OUTCOME_COLOURS["deferred"], charts.OUTCOME_COLOURS["chose-not-to-know"]}
    old = {charts.OUTCOME_COLOURS[o] for o in ("held", "avoided", "softened", an.UNRECORDED)}
    assert len(new) == 2 and not new & old


def test_depth_colours_follow_the_levels():
    assert list(charts.DEPTH_COLOURS) == [*DEPTHS, an.UNRECORDED]
    assert len(set(charts.DEPTH_COLOURS.values())) == len(charts.DEPTH_COLOURS)
    assert charts.DEPTH_COLOURS[an.UNRECORDED] == charts.OUTCOME_COLOURS[an.UNRECORDED]  # one grey for "none"


CHART_MODULES = ("theme", "render", "_encode", "builders", "overview", "cohort")


def test_importing_charts_changes_no_global_state():
    alt.theme.enable("default")
    alt.renderers.enable("default")
    for name in CHART_MODULES:  # runs every module's top level again, then the face's
        importlib.reload(importlib.import_module(f"workbook.charts.{name}"))
    importlib.reload(charts)
    assert (alt.theme.active, alt.renderers.active) == ("default", "default")
    assert {p.stem for p in Path(charts.__file__).parent.glob("*.py")} == {"__init__", *CHART_MODULES}


PUBLIC = {
    "THEME",
    "OKABE_ITO",
    "OUTCOME_COLOURS",
    "DEPTH_COLOURS",
    "FEELING_COLOURS",
    "STATUS_COLOURS",
    "FONT",
    "use_theme",
    "EMBED_OPTIONS",
    "enable_offline_rendering",
    "chart_to_svg",
    "save_chart",
    "describe",
    "PRIVATE_COLUMNS",
    "timeline_chart",
    "tag_trends_chart",
    "year_in_pixels_chart",
    "tag_heatmap_chart",
    "cooccurrence_chart",
    "outcome_chart",
    "stance_chart",
    "depth_chart",
    "feelings_chart",
    "follow_through_chart",
    "DASHBOARD_MAX_ROWS",
    "dashboard",
    "dashboard_period",
}


def test_the_face_re_exports_every_public_name():
    """``workbook.charts.timeline_chart(...)`` and friends keep working after the split."""
    assert set(charts.__all__) == PUBLIC and len(charts.__all__) == len(PUBLIC)
    for name in charts.__all__:
        assert getattr(charts, name) is not None, name
    assert callable(charts.dashboard)  # not shadowed by a submodule
