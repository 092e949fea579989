"""05 in JupyterLab: a filter change redraws the charts in place, with the new data.

Not timed (bench/patterns_browser.py prints the times): it checks that after a change of
period and of context every chart is drawn again from the new spec, in the same places.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from wbbrowser import Lab, require_notebook

pytestmark = pytest.mark.browser

PATTERNS = "05_patterns_in_my_practice.ipynb"
DRAWN = ".vega-embed svg.marks, .vega-embed canvas.marks"

# Remember every chart's drawing, so that a redraw can be told from the old one (Vega
# redraws into the same <svg>, so its content is compared).
_MARK = """(view) => {
  window.__wbOld = new Map();
  for (const c of view.querySelectorAll('.wb-patterns-chart')) {
    const marks = c.querySelector('.vega-embed .marks');
    if (marks) window.__wbOld.set(c, marks.outerHTML);
  }
}"""
_REDRAWN = """([view, skip]) => {
  const charts = [...view.querySelectorAll('.wb-patterns-chart')]
    .filter(c => c.offsetParent !== null && !skip.some(k => c.classList.contains('wb-patterns-chart-' + k)));
  return charts.length > 0 && charts.every(c => {
    const marks = c.querySelector('.vega-embed .marks');
    return marks && marks.outerHTML !== window.__wbOld.get(c);
  });
}"""


def _chart_ids(view) -> list[str]:
    return view.evaluate(
        "v => [...v.querySelectorAll('.wb-patterns-chart')].filter(c => c.offsetParent !== null)"
        ".map(c => [...c.classList].find(n => n.startsWith('wb-patterns-chart-')))"
    )


def test_a_filter_change_redraws_every_chart_with_the_new_data(lab: Lab, notebooks_copy):
    require_notebook(notebooks_copy, PATTERNS)
    lab.open(PATTERNS)
    lab.run_all()
    view = lab.page.locator(".wb-patterns").first
    timeline = view.locator(".wb-patterns-chart-timeline")
    expect(timeline.locator(DRAWN).first).to_be_visible(timeout=90_000)
    expect(timeline.locator(".vega-embed")).to_contain_text("per month", timeout=30_000)
    before = _chart_ids(view)
    assert "wb-patterns-chart-timeline" in before

    view.evaluate(_MARK)
    view.locator(".wb-patterns-period button", has_text=re.compile(r"^\s*Week\s*$")).click()
    # every chart but the year in pixels (one square per day, whatever the period)
    lab.page.wait_for_function(_REDRAWN, arg=[view.element_handle(), ["calendar"]], timeout=60_000, polling=200)
    expect(timeline.locator(".vega-embed")).to_contain_text("per week", timeout=30_000)
    assert _chart_ids(view) == before  # the same charts, in the same places

    status = view.locator(".wb-patterns-status")
    everything = int(re.search(r"(\d+) conversation", status.inner_text()).group(1))
    view.evaluate(_MARK)
    view.locator(".wb-patterns-context select").select_option(label="End of life / palliative")
    lab.page.wait_for_function(_REDRAWN, arg=[view.element_handle(), []], timeout=60_000, polling=200)
    expect(status).to_contain_text("End of life / palliative", timeout=30_000)
    narrowed = int(re.search(r"(\d+) conversation", status.inner_text()).group(1))
    assert 0 < narrowed < everything
    assert not lab.tab.blocked, f"requests to other machines: {lab.tab.blocked}"
