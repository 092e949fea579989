"""The demo can show the load signal of notebook 05: on when the range ends in its heavy spell,
off at the default range (which ends at the newest entry, after the spell)."""

from __future__ import annotations

import datetime as dt

from workbook import demo
from workbook.analysis.selection import Frames
from workbook.demo.calendar import HEAVY_MONTHS, Span
from workbook.reports.patterns import PatternsQuery, patterns_report


def _end_of_heavy_spell(entries) -> dt.date:
    span = Span(demo.DEFAULT_START, demo.DEFAULT_MONTHS)
    spell = [e.occurred_on for e in entries if span.heavy(e.occurred_on)]
    assert spell, "the demo has no entries in its heavy spell"
    assert HEAVY_MONTHS[0] <= span.month(max(spell)) < HEAVY_MONTHS[1]
    return max(spell)


def test_the_load_signal_shows_when_the_range_ends_in_the_heavy_spell(persona_journal, persona_entries):
    frames = Frames.from_journal(persona_journal)
    end = _end_of_heavy_spell(persona_entries)
    today = max(e.occurred_on for e in persona_entries) + dt.timedelta(days=30)
    report = patterns_report(frames, PatternsQuery(until=end), today=today, with_charts=False)
    assert report.load_as_of == end
    assert report.load.active, report.load.evidence
    assert "supervision" in report.load.message and "116 123" in report.load.message


def test_the_default_range_of_the_demo_looks_at_its_last_weeks(persona_journal, persona_entries):
    frames = Frames.from_journal(persona_journal)
    newest = max(e.occurred_on for e in persona_entries)
    report = patterns_report(frames, today=newest + dt.timedelta(days=30), with_charts=False)
    assert report.load_as_of == newest  # not today: a demo's weeks are in the past
