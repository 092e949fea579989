"""Rendering charts with no network: in Jupyter, as SVG or PNG files, and their descriptions.

Rendering offline: the decision
-------------------------------
* Altair 6's default renderer writes HTML that loads Vega from cdn.jsdelivr.net: it shows
  nothing without a network.
* The "mimetype"/"jupyterlab" renderer emits ``application/vnd.vegalite.v6.json``;
  JupyterLab 4.6.6's built-in renderer knows Vega-Lite v3, v4 and v5 only (checked in
  its static bundle), so it shows nothing either.
* Downgrading to Altair 5 (Vega-Lite v5) would tie the workbook to an old major version.
* Chosen: ``enable_offline_rendering()`` turns on Altair's "jupyter" renderer with
  ``offline=True``. Each chart becomes a ``JupyterChart`` (an anywidget widget) whose
  JavaScript is Vega, Vega-Lite and vega-embed bundled by vl-convert from its own
  copies, on the machine, with no URL imports (``JupyterChart.enable_offline``). It is
  interactive (brushes, legends, tooltips) and lets Python read selections back
  (``widget.selections.brush``). Requirements: ``anywidget`` and ``vl-convert-python``
  in the kernel, and the anywidget and ``@jupyter-widgets/jupyterlab-manager``
  labextensions in JupyterLab (both are installed with the pip packages). The bundle is
  ~0.9 MB, made once per kernel (~4 s, at the ``enable_offline_rendering()`` call), and
  sent with each chart widget: notebooks that are shared must not store widget state.
  In the browser anywidget imports that code from a blob: URL, so nothing is fetched.
  The vega-embed menu keeps "save as SVG/PNG" but drops "open in Vega editor" (which
  would post the chart's data to a web site) and "view source".
* ``enable_offline_rendering("static")`` renders every chart as an SVG image made in the
  kernel by vl-convert: for Voilà pages, exported and shared notebooks, and nbval.
* ``save_chart`` and ``chart_to_svg`` use vl-convert with external data requests
  disallowed, so a saved chart never needs or touches the network.
* ``chart_to_svg`` is also what offline documents embed (the supervision pack's HTML,
  CPD exports): an SVG made in the kernel needs no script and fetches nothing.
"""

from __future__ import annotations

import os
from pathlib import Path

import altair as alt

EMBED_OPTIONS = {"actions": {"export": True, "source": False, "compiled": False, "editor": False}}


def enable_offline_rendering(mode: str = "interactive") -> str:
    """Render charts in Jupyter with no network (see the module docstring for why).

    ``mode="interactive"``: Altair's JupyterChart widget with Vega bundled locally.
    ``mode="static"``: SVG images made in the kernel (Voilà, shared notebooks, nbval).
    Returns the name of the renderer enabled.
    """
    if mode == "interactive":
        alt.JupyterChart.enable_offline(offline=True)
        alt.renderers.enable("jupyter", offline=True, embed_options=EMBED_OPTIONS)
        return "jupyter"
    if mode == "static":
        alt.renderers.enable("svg")
        return "svg"
    raise ValueError(f"mode must be 'interactive' or 'static', not {mode!r}.")


def _vl_version() -> str:
    return "_".join(alt.SCHEMA_VERSION.split(".")[:2])


def chart_to_svg(chart: alt.TopLevelMixin) -> str:
    """The chart as an SVG document, made offline by vl-convert."""
    import vl_convert as vlc

    return vlc.vegalite_to_svg(chart.to_dict(), vl_version=_vl_version(), allowed_base_urls=[])


def save_chart(chart: alt.TopLevelMixin, path: str | os.PathLike[str], *, scale: float = 2.0) -> Path:
    """Write the chart to ``path`` as .svg or .png, offline (vl-convert). Returns the path."""
    import vl_convert as vlc

    target = Path(path).expanduser()
    suffix = target.suffix.lower()
    if suffix == ".svg":
        target.write_text(chart_to_svg(chart), encoding="utf-8")
    elif suffix == ".png":
        png = vlc.vegalite_to_png(chart.to_dict(), vl_version=_vl_version(), scale=scale, allowed_base_urls=[])
        target.write_bytes(png)
    else:
        raise ValueError(f"save_chart writes .svg or .png files, not {suffix or 'files without a suffix'!r}.")
    return target


def describe(chart: alt.TopLevelMixin) -> str:
    """The chart's plain-language description."""
    description = getattr(chart, "description", alt.Undefined)
    return "" if description is alt.Undefined else str(description)
