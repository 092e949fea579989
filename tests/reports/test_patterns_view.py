"""The patterns view: period, dates and filters drive the summary, the load signal and the
charts; static mode draws SVG with nothing fetched from the network."""

from __future__ import annotations

import datetime as dt
import html
import json
import re

import altair as alt
import pytest

import workbook as wb
from workbook.analysis import Frames
from workbook.demo import write_demo_journal
from workbook.forms.patterns import PatternsView
from workbook.models import OUTCOME_LABELS, OUTCOMES
from workbook.reports import patterns
from workbook.reports.patterns import CHART_KEYS, PatternsQuery, default_range, patterns_report

TODAY = dt.date(2026, 11, 1)  # the demo journal runs from 1 May 2025 to 30 October 2026
SECRET = "Zyxwvut secret title"


def text_of(label) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", label.value)).strip()


def widgets_in(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from widgets_in(child)


@pytest.fixture(autouse=True)
def _default_renderer_and_theme():
    yield
    alt.renderers.enable("default")
    alt.theme.enable("default")


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    write_demo_journal(path)
    return path


@pytest.fixture
def demo(demo_path):
    j = wb.open_journal(demo_path)
    yield j
    j.close()


def add_run(journal, start: dt.date, days: int, every: int, heavy: bool, **extra) -> None:
    day = start
    while day < start + dt.timedelta(days=days):
        journal.add(
            occurred_on=day,
            title=SECRET,
            narrative="Nothing of this may reach a chart.",
            context="end-of-life" if day.day % 2 else "child-protection",
            outcome="held" if day.day % 3 else "softened",
            stance=1,
            feelings_before=9 if heavy else 3,
            feelings_after=8 if heavy else 2,
            tags=[{"tag": "overwhelmed", "intensity": 3}] if heavy else ["calm"],
            **extra,
        )
        day += dt.timedelta(days=every)


@pytest.fixture
def heavy():
    """Calm months, then four heavy weeks up to TODAY."""
    j = wb.open_journal(":memory:")
    add_run(j, TODAY - dt.timedelta(days=200), 170, 5, heavy=False)
    add_run(j, TODAY - dt.timedelta(days=27), 28, 3, heavy=True)
    yield j
    j.close()


@pytest.fixture
def calm():
    j = wb.open_journal(":memory:")
    add_run(j, TODAY - dt.timedelta(days=200), 200, 4, heavy=False)
    yield j
    j.close()


def view(journal, **kwargs) -> PatternsView:
    kwargs.setdefault("today", TODAY)
    return PatternsView(journal, **kwargs)


def spec_of(pv: PatternsView, key: str) -> dict:
    box = next(b for b in pv.charts_box.children if f"wb-patterns-chart-{key}" in b._dom_classes)
    return box.children[1].spec


# -- defaults ------------------------------------------------------------------------------------
def test_the_default_range_is_the_last_twelve_months_of_the_journal(demo):
    pv = view(demo)
    assert (pv.since.value, pv.until.value) == (dt.date(2025, 10, 31), dt.date(2026, 10, 30))
    assert pv.period.value == "month"
    assert pv.report.summary[0].startswith("Between 31 October 2025 and 30 October 2026 you journaled")
    assert f"{pv.report.entries} conversations from 31 October 2025 to 30 October 2026" in text_of(pv.status)
    assert pv.report.chart_keys == list(CHART_KEYS)


def test_the_summary_sentences_are_listed_and_escaped(demo):
    pv = view(demo)
    items = re.findall(r"<li>(.*?)</li>", pv.summary.value)
    assert [html.unescape(i) for i in items] == pv.report.summary
    assert len(items) >= 5


# -- the period and the filters ------------------------------------------------------------------
def test_changing_the_period_redraws_the_charts_and_keeps_the_summary(demo):
    pv = view(demo)
    summary = pv.summary.value
    assert spec_of(pv, "timeline")["title"] == "Conversations journaled per month"
    pv.period.value = "week"
    assert pv.report.query.period == "week"
    assert spec_of(pv, "timeline")["title"] == "Conversations journaled per week"
    assert pv.summary.value == summary
    assert "charts per week" in text_of(pv.status)
    pv.period.value = "quarter"
    timeline = spec_of(pv, "timeline")
    assert timeline["title"] == "Conversations journaled per quarter"
    assert len(timeline["datasets"][next(iter(timeline["datasets"]))]) <= 5  # about four quarters


def test_a_context_filter_changes_the_summary_the_status_and_the_charts(demo):
    pv = view(demo)
    everything, summary = pv.report.entries, pv.summary.value
    pv.context.value = "end-of-life"
    expected = len(Frames.from_journal(demo).filter(pv.since.value, pv.until.value, context="end-of-life"))
    assert pv.report.entries == expected < everything
    assert pv.summary.value != summary
    assert f"you journaled {expected} conversations" in text_of(pv.summary)
    assert "(End of life / palliative)" in text_of(pv.status)
    data = spec_of(pv, "timeline")["datasets"]
    rows = next(iter(data.values()))
    assert sum(sum(r[o] for o in (*OUTCOMES, "unrecorded")) for r in rows) == expected


@pytest.mark.parametrize("widget, value, key", [("tag", "overwhelmed", "tags"), ("role", "patient", "role")])
def test_tag_and_role_filters_narrow_what_is_shown(demo, widget, value, key):
    pv = view(demo)
    getattr(pv, widget).value = value
    expected = len(Frames.from_journal(demo).filter(pv.since.value, pv.until.value, **{key: value}))
    assert 0 < pv.report.entries == expected
    assert f"you journaled {expected} conversation" in text_of(pv.summary)


def test_the_outcome_filter_offers_all_five_outcomes_by_their_labels(demo):
    pv = view(demo)
    assert pv.outcome.options[0] == ("(any outcome)", "")
    assert list(pv.outcome.options[1:]) == [(OUTCOME_LABELS[o], o) for o in OUTCOMES]
    assert len(pv.outcome.options) == 6


@pytest.mark.parametrize("outcome", ["deferred", "chose-not-to-know"])
def test_the_outcome_filter_narrows_what_is_shown(outcome):
    j = wb.open_journal(":memory:")
    try:
        for i, chosen in enumerate(["held", "deferred", "chose-not-to-know", "deferred", "avoided"]):
            j.add(occurred_on=TODAY - dt.timedelta(days=10 * i), title=SECRET, outcome=chosen, context="end-of-life")
        pv = view(j)
        pv.outcome.value = outcome
        expected = 2 if outcome == "deferred" else 1
        assert pv.report.query.outcome == outcome and pv.report.entries == expected
        assert f"({OUTCOME_LABELS[outcome]})" in text_of(pv.status)
        label = OUTCOME_LABELS[outcome].lower()
        assert (
            f"Of {expected} conversation{'s' if expected > 1 else ''} with a recorded outcome: {expected} (100%) {label}."
            in pv.report.summary
        )
        assert not any(s.startswith("The share held") for s in pv.report.summary)  # none of them counts for it
    finally:
        j.close()


def test_stance_and_depth_charts_are_per_context_and_descriptive(calm):
    for day, depth in ((TODAY - dt.timedelta(days=3), "dialogic"), (TODAY - dt.timedelta(days=2), None)):
        calm.add(occurred_on=day, title=SECRET, context="child-protection", stance=-2, stance_both=True, depth=depth)
    pv = view(calm)
    keys = pv.report.chart_keys
    assert keys.index("stance") < keys.index("depth") < keys.index("tag_groups")
    stance = dict(pv.report.charts)["stance"].to_dict()
    assert {r["panel"] for r in stance["datasets"][next(iter(stance["datasets"]))]} >= {
        "Child protection",
        "End of life / palliative",
    }
    guide = patterns.CHART_GUIDES["stance"]
    assert "never averaged across them" in guide and "Neither end is the right one" in guide
    assert "both, in tension" in guide
    assert "does not grade" in patterns.CHART_GUIDES["depth"]
    depth = dict(pv.report.charts)["depth"].to_dict()
    rows = depth["datasets"][next(iter(depth["datasets"]))]
    assert {(r["depth"], r["n"]) for r in rows if r["depth"] == "dialogic"} == {("dialogic", 1)}


def test_no_depth_chart_before_any_depth_is_rated(calm):
    assert "depth" not in view(calm).report.chart_keys


def test_any_date_range_can_be_chosen(demo):
    pv = view(demo)
    pv.since.value = dt.date(2025, 5, 1)
    pv.until.value = dt.date(2025, 7, 31)
    assert pv.report.summary[0].startswith("Between 1 May 2025 and 31 July 2025")
    assert pv.report.entries == len(Frames.from_journal(demo).filter("2025-05-01", "2025-07-31"))


def test_a_reversed_range_is_refused_beside_the_dates_and_the_view_is_kept(demo):
    pv = view(demo)
    pv.since.value = dt.date(2026, 6, 1)
    before = pv.report
    pv.until.value = dt.date(2026, 1, 1)
    assert "wb-error-patterns-dates" in pv.date_error._dom_classes
    assert "is after the end date" in text_of(pv.date_error)
    assert pv.errors["dates"]
    assert pv.report is before
    pv.since.value = dt.date(2025, 12, 1)
    assert text_of(pv.date_error) == "" and "dates" not in pv.errors


def test_a_selection_with_no_entries_says_so_and_draws_no_chart(demo):
    pv = view(demo)
    pv.since.value, pv.until.value = dt.date(2030, 1, 1), dt.date(2030, 2, 1)
    assert pv.report.entries == 0 and pv.report.charts == []
    assert "No conversations match" in text_of(pv.charts_box.children[0])


# -- the load signal -------------------------------------------------------------------------------
def test_the_load_signal_shows_gently_when_active(heavy):
    pv = view(heavy)
    assert pv.report.load.active
    assert pv.load.layout.display != "none"
    shown = text_of(pv.load)
    assert shown.startswith("A gentle note")
    assert pv.report.load.message in shown
    assert "not a diagnosis" in shown
    assert "Looking at the weeks up to" not in shown  # the range ends today


def test_the_load_signal_is_hidden_when_not_active(calm):
    pv = view(calm)
    assert not pv.report.load.active
    assert pv.load.layout.display == "none" and pv.load.value == ""


def test_the_load_signal_follows_the_end_of_the_range_and_says_when(demo):
    pv = view(demo)
    assert not pv.report.load.active  # the demo's last weeks are not heavy
    pv.until.value = dt.date(2026, 4, 30)  # the demo's heavy spell
    assert pv.report.load.active and pv.report.load_as_of == dt.date(2026, 4, 30)
    assert "Looking at the weeks up to 30 April 2026" in text_of(pv.load)
    pv.context.value = "court-fdac"  # load looks at everything, whatever the filters
    assert pv.report.load.active


# -- rendering -------------------------------------------------------------------------------------
def test_interactive_mode_uses_offline_chart_widgets(heavy):
    pv = view(heavy)
    assert pv.renderer == "jupyter" and alt.renderers.active == "jupyter"
    assert alt.theme.active == "workbook"
    charts = [b.children[1] for b in pv.charts_box.children]
    assert charts and all(isinstance(c, alt.JupyterChart) for c in charts)
    assert "cdn.jsdelivr" not in alt.JupyterChart._esm  # Vega bundled locally
    for chart in charts:
        spec = json.dumps(chart.spec)
        assert SECRET not in spec and "Nothing of this" not in spec
        assert chart.embed_options["actions"]["editor"] is False


def test_a_redraw_reuses_each_chart_slot_and_updates_its_spec(heavy):
    """A filter change sends new specs to the same chart widgets: making a JupyterChart
    sends the whole offline Vega bundle to the browser, which took seconds per redraw."""
    pv = view(heavy)
    boxes = {b._dom_classes[-1]: b for b in pv.charts_box.children}
    drawings = {k: b.children[1] for k, b in boxes.items()}
    assert spec_of(pv, "timeline")["title"] == "Conversations journaled per month"
    pv.period.value = "week"
    assert {b._dom_classes[-1]: b for b in pv.charts_box.children} == boxes
    assert all(b.children[1] is drawings[k] and drawings[k].comm is not None for k, b in boxes.items())
    assert spec_of(pv, "timeline")["title"] == "Conversations journaled per week"
    descriptions = [text_of(b.children[2]) for b in pv.charts_box.children]
    assert descriptions == [wb_charts_describe(chart) for _, chart in pv.report.charts]


def test_a_chart_left_out_comes_back_in_its_own_slot(demo):
    pv = view(demo, static=True)
    keys = pv.report.chart_keys
    pv.since.value, pv.until.value = dt.date(2030, 1, 1), dt.date(2030, 2, 1)
    assert pv.charts_box.children == (pv.no_match,)
    pv.since.value, pv.until.value = default_range(pv.frames)
    assert [b._dom_classes[-1] for b in pv.charts_box.children] == [f"wb-patterns-chart-{k}" for k in keys]
    assert all(b is pv.slots[k].box for b, k in zip(pv.charts_box.children, keys, strict=True))
    svg = pv.slots["timeline"].drawing.value
    pv.period.value = "week"
    assert pv.slots["timeline"].drawing.value.startswith("<svg") and pv.slots["timeline"].drawing.value != svg


def test_static_mode_draws_svg_with_no_network_reference(heavy):
    pv = view(heavy, static=True)
    assert pv.renderer == "svg" and alt.renderers.active == "svg"
    boxes = pv.charts_box.children
    assert [b._dom_classes[-1] for b in boxes] == [f"wb-patterns-chart-{k}" for k in pv.report.chart_keys]
    for box in boxes:
        svg = box.children[1].value
        assert svg.startswith("<svg")
        assert "cdn" not in svg.lower() and "https://" not in svg and "<script" not in svg.lower()
        assert SECRET not in svg
    everything = " ".join(
        getattr(w, "value", "") or "" for w in widgets_in(pv.widget) if isinstance(getattr(w, "value", None), str)
    )
    assert "cdn.jsdelivr" not in everything and SECRET not in everything


def test_every_chart_has_a_heading_a_guide_and_a_description(heavy):
    pv = view(heavy)
    for box, (key, chart) in zip(pv.charts_box.children, pv.report.charts, strict=True):
        heading, _, description = box.children
        assert patterns.CHART_HEADINGS[key] in text_of(heading)
        assert patterns.CHART_GUIDES[key] in text_of(heading)
        assert text_of(description) == wb_charts_describe(chart)


def wb_charts_describe(chart) -> str:
    from workbook import charts

    return charts.describe(chart)


def test_an_empty_journal_points_to_the_demo():
    journal = wb.open_journal(":memory:")
    try:
        pv = view(journal, static=True)
        assert pv.empty.layout.display != "none"
        assert "./dev lab --demo" in text_of(pv.empty)
        assert pv.report.charts == [] and pv.report.entries == 0
        assert not pv.load.value
        assert "no conversations" in text_of(pv.summary)
    finally:
        journal.close()


def test_refresh_reads_new_entries(calm):
    pv = view(calm)
    before = pv.report.entries
    calm.add(occurred_on=TODAY, title="One more", outcome="held")
    assert pv.report.entries == before
    pv.refresh_button.click()
    assert pv.report.entries == before + 1
    assert pv.until.value == TODAY


def test_every_documented_css_class_is_present(heavy):
    pv = view(heavy)
    classes = {c for w in widgets_in(pv.widget) for c in getattr(w, "_dom_classes", ())}
    expected = {
        "wb-patterns",
        "wb-patterns-period",
        "wb-patterns-since",
        "wb-patterns-until",
        "wb-patterns-context",
        "wb-patterns-tag",
        "wb-patterns-role",
        "wb-patterns-outcome",
        "wb-patterns-refresh",
        "wb-patterns-status",
        "wb-patterns-summary",
        "wb-patterns-load",
        "wb-patterns-charts",
        "wb-patterns-chart",
        "wb-patterns-empty",
        "wb-error-patterns-dates",
        *(f"wb-patterns-chart-{k}" for k in pv.report.chart_keys),
    }
    assert expected <= classes


# -- the pure part (workbook.reports.patterns) ---------------------------------------------------------------
def test_default_range_of_an_empty_journal_ends_today():
    journal = wb.open_journal(":memory:")
    try:
        frames = Frames.from_journal(journal)
        assert default_range(frames, today=TODAY) == (dt.date(2025, 11, 2), TODAY)
        assert default_range(frames, months=1, today=dt.date(2026, 3, 31)) == (
            dt.date(2026, 3, 1),
            dt.date(2026, 3, 31),
        )
    finally:
        journal.close()


def test_a_query_refuses_a_bad_period_or_a_reversed_range():
    with pytest.raises(ValueError, match="period must be"):
        PatternsQuery(period="year")
    with pytest.raises(ValueError, match="after the end date"):
        PatternsQuery(since=dt.date(2026, 2, 1), until=dt.date(2026, 1, 1))


def test_an_open_ended_range_is_filled_from_the_journal(demo):
    frames = Frames.from_journal(demo)
    report = patterns_report(frames, PatternsQuery(since=dt.date(2026, 9, 1)), today=TODAY, with_charts=False)
    assert (report.since, report.until) == (dt.date(2026, 9, 1), dt.date(2026, 10, 30))
    report = patterns_report(frames, PatternsQuery(until=dt.date(2025, 6, 30)), today=TODAY, with_charts=False)
    assert (report.since, report.until) == (dt.date(2025, 5, 1), dt.date(2025, 6, 30))
    assert report.charts == []


def test_every_time_axis_of_the_report_ends_at_the_chosen_end(demo):
    """The report passes its range to the chart builders, so a week axis does not run on past
    the chosen end (nor start at the first entry drawn)."""
    frames = Frames.from_journal(demo)
    since, until = dt.date(2026, 5, 6), dt.date(2026, 7, 15)  # a Wednesday: the week runs on to Sunday
    report = patterns_report(frames, PatternsQuery(since=since, until=until, period="week"), today=dt.date(2026, 12, 1))
    ends = []

    def walk(node):
        if isinstance(node, dict):
            x = node.get("encoding", {}).get("x") if isinstance(node.get("encoding"), dict) else None
            if isinstance(x, dict) and x.get("field") == "period_start":
                ends.append(x["scale"]["domain"][1])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for _name, chart in report.charts:
        walk(chart.to_dict(validate=False))
    assert len(ends) >= 5
    assert all(dt.date(e["year"], e["month"], e["date"]) == until + dt.timedelta(days=1) for e in ends), ends
