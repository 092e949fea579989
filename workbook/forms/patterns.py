"""The patterns view: summary sentences, the load signal and charts, with filters.

A thin view over :func:`workbook.reports.patterns.patterns_report`: it asks the journal for its
frames once (metadata only, never text; **Refresh** asks again), and redraws when the
period, the dates or a filter change. Charts are interactive JupyterChart widgets with
Vega bundled locally (JupyterLab), or SVG images made in the kernel (``static=True``:
Voilà, nbval, exports). Either way nothing is fetched from the network.

CSS classes: ``wb-patterns`` (the whole view), ``wb-patterns-period``,
``wb-patterns-since``, ``wb-patterns-until``, ``wb-patterns-context``, ``wb-patterns-tag``,
``wb-patterns-role``, ``wb-patterns-outcome``, ``wb-patterns-refresh``, ``wb-patterns-status``,
``wb-patterns-summary``, ``wb-patterns-load`` (hidden unless the signal is on),
``wb-patterns-charts``, ``wb-patterns-chart`` and ``wb-patterns-chart-<key>`` (one per
chart: timeline, outcomes, feelings, stance, depth, tag_groups, follow_through, calendar),
``wb-patterns-empty``, ``wb-error-patterns-dates``, ``wb-log``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Protocol

import ipywidgets as w

from .. import charts
from ..analysis import Frames, LoadSettings, long_date
from ..content.vocab import Vocabulary
from ..models import OUTCOME_LABELS, OUTCOMES, PERSON_ROLES
from ..reports.patterns import (
    CHART_GUIDES,
    CHART_HEADINGS,
    PatternsQuery,
    PatternsReport,
    default_range,
    patterns_report,
)
from ._common import NOTE_STYLE, View, context_options, css, error_label, esc, set_error, show, tag_options

PERIOD_OPTIONS = [("Week", "week"), ("Month", "month"), ("Quarter", "quarter")]
# Every outcome, by its label: deferred by decision and chose not to know are outcomes like the others.
OUTCOME_OPTIONS = [("(any outcome)", ""), *((OUTCOME_LABELS[o], o) for o in OUTCOMES)]
LOAD_STYLE = "background:#FFF8E1;border-left:4px solid #E69F00;padding:0.6em 0.9em;margin:0.5em 0;border-radius:3px"
DEMO_HINT = (
    "There are no entries in this journal yet, so there are no patterns to show. "
    "To explore the patterns view with made-up entries first, open the workbook with the demo journal: "
    "run ./dev lab --demo in a terminal."
)


@dataclass
class _Slot:
    """One chart's place in the view: its box, the drawing (JupyterChart or SVG) and description."""

    box: w.VBox
    drawing: w.Widget
    description: w.HTML


class FramesSource(Protocol):
    """What the view needs from a journal (``workbook.Journal`` has both)."""

    def vocabulary(self) -> Vocabulary: ...

    def frames(self, *, include_trash: bool = False) -> Any: ...


class PatternsView(View):
    """Patterns in a journal over any stretch of time.

    Parameters
    ----------
    journal
        Anything with ``vocabulary()`` and ``frames()`` (``wb.open_journal()`` gives one).
    static
        False: interactive charts (JupyterLab). True: SVG images (Voilà, nbval, exports).
    today
        The date taken as today (for the load signal and overdue action points).
    load_settings
        Thresholds of the load signal (``workbook.analysis.LoadSettings``).
    """

    def __init__(
        self,
        journal: FramesSource,
        *,
        static: bool = False,
        today: dt.date | None = None,
        load_settings: LoadSettings | None = None,
    ) -> None:
        self.journal = journal
        self.static = static
        self.today = today
        self.load_settings = load_settings
        self.report: PatternsReport | None = None
        self.errors: dict[str, str] = {}
        self._busy = False
        # The two explicit calls: the workbook's theme, and rendering that needs no network.
        charts.use_theme()
        self.renderer = charts.enable_offline_rendering("static" if static else "interactive")

        vocabulary = journal.vocabulary()
        self.period = css(
            w.ToggleButtons(options=PERIOD_OPTIONS, value="month", description="Per"), "wb-patterns-period"
        )
        self.since = css(w.DatePicker(description="From"), "wb-patterns-since")
        self.until = css(w.DatePicker(description="To"), "wb-patterns-until")
        self.context = css(
            w.Dropdown(options=[("(all contexts)", ""), *context_options(vocabulary)], value="", description="Context"),
            "wb-patterns-context",
        )
        tags = tag_options(vocabulary, contexts=False)
        self.tag = css(w.Dropdown(options=[("(any tag)", ""), *tags], value="", description="Tag"), "wb-patterns-tag")
        self.role = css(
            w.Dropdown(options=[("(anyone)", ""), *((r, r) for r in PERSON_ROLES)], value="", description="With"),
            "wb-patterns-role",
        )
        self.outcome = css(w.Dropdown(options=OUTCOME_OPTIONS, value="", description="Outcome"), "wb-patterns-outcome")
        self.refresh_button = css(
            w.Button(description="Refresh", tooltip="Read the journal again"), "wb-patterns-refresh"
        )
        self.date_error = error_label("patterns-dates")
        self.status = css(w.HTML(""), "wb-patterns-status")
        self.summary = css(w.HTML(""), "wb-patterns-summary")
        self.load = css(w.HTML(""), "wb-patterns-load")
        show(self.load, False)
        self.empty = css(w.HTML(f"<p style='{NOTE_STYLE}'>{esc(DEMO_HINT)}</p>"), "wb-patterns-empty")
        show(self.empty, False)
        self.charts_box = css(w.VBox([]), "wb-patterns-charts")
        self.slots: dict[str, _Slot] = {}  # one per chart key, made when first drawn
        self.no_match = w.HTML(f"<p style='{NOTE_STYLE}'>No conversations match these dates and filters.</p>")
        self.log = css(w.Output(), "wb-log")

        for widget in (self.period, self.since, self.until, self.context, self.tag, self.role, self.outcome):
            widget.observe(lambda _: self._changed(), "value")
        self.refresh_button.on_click(self._guard(self.refresh))

        self.widget = css(
            w.VBox(
                [
                    w.HBox([self.period, self.refresh_button]),
                    w.HBox([self.since, self.until]),
                    self.date_error,
                    w.HBox([self.context, self.tag, self.role, self.outcome]),
                    self.status,
                    self.empty,
                    self.load,
                    self.summary,
                    self.charts_box,
                    self.log,
                ]
            ),
            "wb-patterns",
        )
        self.refresh()

    # -- reading and drawing ---------------------------------------------------------------
    def refresh(self) -> PatternsReport | None:
        """Read the journal's frames again (after journaling more) and redraw."""
        self.frames = Frames.from_journal(self.journal)
        self._busy = True
        try:  # the pickers show the default range: the last 12 months of the journal
            self.since.value, self.until.value = default_range(self.frames, today=self.today)
        finally:
            self._busy = False
        return self.update()

    def _changed(self) -> None:
        if not self._busy:
            with self.log:  # in a kernel, an unexpected error shows here instead of being lost
                self.update()

    def query(self) -> PatternsQuery:
        """The period, dates and filters as chosen (raises ValueError for a reversed range)."""
        return PatternsQuery(
            period=self.period.value,
            since=self.since.value or None,
            until=self.until.value or None,
            context=self.context.value or None,
            tag=self.tag.value or None,
            role=self.role.value or None,
            outcome=self.outcome.value or None,
        )

    def update(self) -> PatternsReport | None:
        """Redraw for the current choices; None (and a message by the dates) if they are refused."""
        set_error(self.date_error, None)
        self.errors.pop("dates", None)
        try:
            query = self.query()
        except ValueError as exc:
            self.errors["dates"] = str(exc)
            set_error(self.date_error, f"{exc} Choose a start date on or before the end date.")
            return None
        report = patterns_report(self.frames, query, today=self.today, load_settings=self.load_settings)
        self.report = report
        show(self.empty, len(self.frames) == 0)
        self._show_status(report)
        self._show_summary(report)
        self._show_load(report)
        self._show_charts(report)
        return report

    def _show_status(self, report: PatternsReport) -> None:
        period = {"week": "week", "month": "month", "quarter": "quarter"}[report.query.period]
        n = report.entries
        filters = [
            label
            for widget in (self.context, self.tag, self.role, self.outcome)
            if widget.value
            for label, value in widget.options
            if value == widget.value
        ]
        where = f" ({'; '.join(filters)})" if filters else ""
        self.status.value = (
            f"<span style='{NOTE_STYLE}'>{n} conversation{'' if n == 1 else 's'}{esc(where)} from "
            f"{esc(long_date(report.since))} to {esc(long_date(report.until))}; charts per {period}.</span>"
        )

    def _show_summary(self, report: PatternsReport) -> None:
        items = "".join(f"<li>{esc(sentence)}</li>" for sentence in report.summary)
        self.summary.value = f"<h4 style='margin:0.6em 0 0.2em'>In words</h4><ul>{items}</ul>"

    def _show_load(self, report: PatternsReport) -> None:
        signal = report.load
        show(self.load, signal.active)
        if not signal.active:
            self.load.value = ""
            return
        today = self.today or dt.date.today()
        when = "" if report.load_as_of >= today else f"Looking at the weeks up to {long_date(report.load_as_of)}: "
        self.load.value = (
            f"<div style='{LOAD_STYLE}' role='note'><b>A gentle note</b><br>{esc(when)}{esc(signal.message)}"
            f"<br><span style='{NOTE_STYLE}'>A prompt from what you wrote, not a diagnosis; "
            "it looks at all your entries, whatever the filters above.</span></div>"
        )

    def _show_charts(self, report: PatternsReport) -> None:
        """Lay the charts out in their slots, made once per chart and updated in place.

        A redraw only changes each slot's spec (or SVG) and description: no widget is made
        or closed, and an interactive chart is not sent Vega again. Each new JupyterChart
        carries the whole offline Vega bundle (about 0.9 MB) to the browser, which made
        every filter change take several seconds (ARCHITECTURE.md: patterns answer at once).
        """
        boxes = []
        for key, chart in report.charts:
            slot = self.slots.get(key)
            if slot is None:
                slot = self.slots[key] = self._new_slot(key, chart)
            else:
                self._draw(slot, chart)
            slot.description.value = f"<span style='{NOTE_STYLE}'>{esc(charts.describe(chart))}</span>"
            boxes.append(slot.box)
        if not boxes and len(self.frames):
            boxes.append(self.no_match)
        if tuple(boxes) != tuple(self.charts_box.children):
            self.charts_box.children = boxes

    def _new_slot(self, key: str, chart: Any) -> _Slot:
        """A slot for chart ``key``, with ``chart`` drawn in it."""
        heading = w.HTML(
            f"<h4 style='margin:1em 0 0.2em'>{esc(CHART_HEADINGS[key])}</h4>"
            f"<span style='{NOTE_STYLE}'>{esc(CHART_GUIDES[key])}</span>"
        )
        drawing = self._render(chart)
        description = w.HTML("")
        box = css(w.VBox([heading, drawing, description]), "wb-patterns-chart", f"wb-patterns-chart-{key}")
        return _Slot(box, drawing, description)

    def _draw(self, slot: _Slot, chart: Any) -> None:
        if self.static:
            slot.drawing.value = charts.chart_to_svg(chart)
        else:
            _send_spec(slot.drawing, chart)

    def _render(self, chart: Any) -> w.Widget:
        if self.static:
            return w.HTML(charts.chart_to_svg(chart))
        import altair as alt

        drawing = alt.JupyterChart(None, embed_options=charts.EMBED_OPTIONS)
        _send_spec(drawing, chart)
        return drawing


def _send_spec(drawing: Any, chart: Any) -> None:
    """Send ``chart``'s spec to a JupyterChart; vega-embed redraws in place.

    Setting ``drawing.chart`` would validate the spec against Vega-Lite's JSON schema each
    time (0.05-0.1 s a chart, half a second for the view); the builders' specs are
    validated by the chart tests, and the workbook's charts have no selections that the
    kernel reads back, so only the spec is sent.
    """
    drawing.spec = chart.to_dict(validate=False)
