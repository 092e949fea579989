"""Charts of the journal's patterns (Altair), built from aggregated frames only.

Every builder is a pure function from the output of a ``workbook.analysis`` function to
an Altair chart. A chart embeds only the aggregated columns it draws (counts, means,
shares, dates of periods, tag and context names): never entry text, titles, responses,
people or entry ids. Each chart has a title and a plain-language ``description`` (the
Vega-Lite top-level property, also read out by screen readers); ``describe(chart)``
returns it.

Theme: ``use_theme()`` is the one explicit call that registers and enables the
"workbook" theme: the Okabe-Ito palette (safe for the common forms of colour
blindness), system fonts (nothing fetched), and sizes. Importing this package changes
nothing.

Rendering: charts are shown and saved with no network (no CDN; Altair 6 with
Vega-Lite v6, drawn by the Vega that vl-convert bundles locally). Why, and what was
ruled out (Altair's CDN-loading default, JupyterLab's built-in renderer that knows
Vega-Lite only up to v5, going back to Altair 5), is written down in
``workbook.charts.render``.

The modules
-----------
This face re-exports the public names, so ``workbook.charts.timeline_chart(...)`` keeps
working; each lives in one module:

* ``theme``: palettes and ``use_theme``;
* ``render``: offline rendering, ``chart_to_svg``, ``save_chart``, ``describe``;
* ``_encode``: the ``PRIVATE_COLUMNS`` guard, period axes and bars, outcome colours and labels, titles;
* ``builders``: the ten builders, one per analysis result;
* ``overview``: the dashboard with its brush, and ``dashboard_period``.
"""

from __future__ import annotations

from ._encode import PRIVATE_COLUMNS
from .builders import (
    cooccurrence_chart,
    depth_chart,
    feelings_chart,
    follow_through_chart,
    outcome_chart,
    stance_chart,
    tag_heatmap_chart,
    tag_trends_chart,
    timeline_chart,
    year_in_pixels_chart,
)
from .overview import DASHBOARD_MAX_ROWS, dashboard, dashboard_period
from .render import EMBED_OPTIONS, chart_to_svg, describe, enable_offline_rendering, save_chart
from .theme import (
    DEPTH_COLOURS,
    FEELING_COLOURS,
    FONT,
    OKABE_ITO,
    OUTCOME_COLOURS,
    STATUS_COLOURS,
    THEME,
    use_theme,
)

__all__ = [
    # theme
    "THEME",
    "OKABE_ITO",
    "OUTCOME_COLOURS",
    "DEPTH_COLOURS",
    "FEELING_COLOURS",
    "STATUS_COLOURS",
    "FONT",
    "use_theme",
    # rendering
    "EMBED_OPTIONS",
    "enable_offline_rendering",
    "chart_to_svg",
    "save_chart",
    "describe",
    # what a chart may embed
    "PRIVATE_COLUMNS",
    # builders
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
    # the dashboard
    "DASHBOARD_MAX_ROWS",
    "dashboard",
    "dashboard_period",
]
