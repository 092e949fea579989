"""Rendering and saving with no network: the default would fetch from a CDN, ours never does."""

from __future__ import annotations

import json
import re

import altair as alt
import pytest
from chart_journal import (
    M,
    no_cdn,
)

from workbook import analysis as an
from workbook import charts


# -- offline rendering and saving ------------------------------------------------------------------
def test_default_renderer_would_fail_offline(frames):
    """The check is real: Altair's default HTML output loads Vega from a CDN."""
    alt.renderers.enable("default")
    bundle = charts.stance_chart(an.stance_trend(frames))._repr_mimebundle_()
    assert "cdn.jsdelivr" in json.dumps(bundle)


def test_interactive_offline_renderer_uses_a_local_bundle(frames):
    assert charts.enable_offline_rendering() == "jupyter"
    assert alt.renderers.active == "jupyter"
    assert alt.renderers.options == {"offline": True, "embed_options": charts.EMBED_OPTIONS}
    chart = charts.dashboard(frames)
    bundle = chart._repr_mimebundle_()
    text = json.dumps(bundle, default=str)
    assert "application/vnd.jupyter.widget-view+json" in text
    no_cdn(text)
    widget = alt.JupyterChart(chart, embed_options=charts.EMBED_OPTIONS)
    state = widget.get_state()
    assert len(state["_esm"]) > 100_000  # Vega, Vega-Lite and vega-embed bundled in
    no_cdn(state["_esm"])
    assert state["embed_options"]["actions"]["editor"] is False  # never posts data to the Vega editor
    assert M not in json.dumps(state["spec"]).lower()
    widget.close()


def test_static_offline_renderer_makes_svg_in_the_kernel(frames):
    assert charts.enable_offline_rendering("static") == "svg"
    bundle = charts.feelings_chart(an.feelings_trend(frames))._repr_mimebundle_()
    if isinstance(bundle, tuple):
        bundle = bundle[0]
    svg = bundle["image/svg+xml"]
    assert svg.lstrip().startswith("<svg")
    no_cdn(svg)
    with pytest.raises(ValueError, match="interactive' or 'static"):
        charts.enable_offline_rendering("html")


def test_save_chart_writes_real_svg_and_png_offline(frames, tmp_path):
    chart = charts.dashboard(frames)
    svg_path = charts.save_chart(chart, tmp_path / "dash.svg")
    png_path = charts.save_chart(chart, tmp_path / "dash.PNG")
    svg = svg_path.read_text()
    assert svg.startswith("<svg")
    assert "</svg>" in svg and ("<path" in svg or "<rect" in svg)
    urls = re.findall(r"https?://[^\s\"'<>]+", svg)
    assert all(u.startswith("http://www.w3.org/") for u in urls), urls
    no_cdn(svg)
    assert M not in svg.lower()
    assert png_path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert charts.chart_to_svg(chart).startswith("<svg")
    with pytest.raises(ValueError, match="writes .svg or .png"):
        charts.save_chart(chart, tmp_path / "dash.html")
