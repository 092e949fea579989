"""The "workbook" Altair theme and the palettes every chart uses.

``use_theme()`` is the one explicit call that registers and enables the "workbook"
theme: the Okabe-Ito palette (safe for the common forms of colour blindness), system
fonts (nothing fetched), and sizes. Importing this module (or ``workbook.charts``)
changes nothing: no theme is registered or enabled until ``use_theme()`` is called.

The outcome, feelings and action-status colours are fixed per value (not taken from the
palette in order), so "held" is the same green in every chart and in the dashboard. The
five outcomes take five Okabe-Ito colours (held green, softened orange, avoided vermilion,
deferred by decision sky blue, chose not to know reddish purple) and "not recorded" grey.
"""

from __future__ import annotations

from typing import Any

import altair as alt

from ..analysis import UNRECORDED

THEME = "workbook"
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
OUTCOME_COLOURS = {
    "held": "#009E73",
    "softened": "#E69F00",
    "avoided": "#D55E00",
    "deferred": "#56B4E9",
    "chose-not-to-know": "#CC79A7",
    UNRECORDED: "#BBBBBB",
}
# Depth of reflection, shallowest first: one blue, lighter to darker, so the order reads
# without a legend; not rated in the grey of "not recorded".
DEPTH_COLOURS = {
    "descriptive-writing": "#C6DBEF",
    "descriptive-reflection": "#6BAED6",
    "dialogic": "#2171B5",
    "critical": "#08306B",
    UNRECORDED: "#BBBBBB",
}
FEELING_COLOURS = {"before": "#E69F00", "after": "#0072B2"}
STATUS_COLOURS = {"done": "#009E73", "dropped": "#999999", "overdue": "#D55E00", "not yet due": "#56B4E9"}
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"


def _theme() -> dict[str, Any]:
    return {
        "config": {
            "font": FONT,
            "background": "white",
            "view": {"continuousWidth": 520, "continuousHeight": 220, "stroke": None},
            "range": {
                "category": list(OKABE_ITO),
                "heatmap": {"scheme": "blues"},
                "ramp": {"scheme": "blues"},
                "diverging": {"scheme": "blueorange"},
            },
            "title": {"fontSize": 15, "anchor": "start", "subtitleColor": "#555555"},
            "axis": {"labelFontSize": 11, "titleFontSize": 12, "gridColor": "#E6E6E6"},
            "legend": {"labelFontSize": 11, "titleFontSize": 12},
            "line": {"strokeWidth": 2},
            "point": {"size": 40, "filled": True},
        }
    }


def use_theme() -> str:
    """Register and enable the "workbook" Altair theme (the one explicit theme call)."""
    alt.theme.register(THEME, enable=True)(_theme)
    return THEME
