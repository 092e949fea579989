"""What is shown or shared, as plain data: no widgets, no database, no file reading.

``patterns`` decides what the patterns view shows (summary, load signal, charts) from the
journal's frames; forms and notebooks display it.
"""

from __future__ import annotations

from .patterns import CHART_KEYS, PatternsQuery, PatternsReport, default_range, patterns_report

__all__ = ["CHART_KEYS", "PatternsQuery", "PatternsReport", "default_range", "patterns_report"]
