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
  ~0.9 MB and sent with each chart widget: notebooks that are shared must not store widget
  state. vl-convert takes ~2 s to make it, so it is made once and kept on disk (below).
  In the browser anywidget imports that code from a blob: URL, so nothing is fetched.
  The vega-embed menu keeps "save as SVG/PNG" but drops "open in Vega editor" (which
  would post the chart's data to a web site) and "view source".
* ``enable_offline_rendering("static")`` renders every chart as an SVG image made in the
  kernel by vl-convert: for Voilà pages, exported and shared notebooks, and nbval.
* ``save_chart`` and ``chart_to_svg`` use vl-convert with external data requests
  disallowed, so a saved chart never needs or touches the network.
* ``chart_to_svg`` is also what offline documents embed (the supervision pack's HTML,
  CPD exports): an SVG made in the kernel needs no script and fetches nothing.

The bundle on disk
------------------
* ``chart-bundle-<key>.js`` in the user's cache folder (``paths.chart_bundle_path``), written
  atomically, 0600 in a 0700 folder (``workbook.files``). ``<key>`` is a digest of what makes
  the bundle: the versions of Altair, vl-convert, Vega, Vega-Lite and vega-embed, and Altair's
  widget code. An upgrade changes the key, so a new bundle is made; old ones stay (under 1 MB
  each) for other environments that may still use them.
* Its first line records the versions, the length and the SHA-256 of the rest. A file that is
  short, changed, for other versions, not yours or writable by others is not used: the bundle
  is made again and the file replaced. The digest catches damage, not tampering: whoever can
  write to your cache folder can already run code as you.
* A cache folder that cannot be made or written costs only the time: the bundle is made in
  memory, as without a cache.
* Not made in a background thread at ``import workbook``: it would compete with Run All for
  the CPU (vl-convert runs its own JavaScript engine), race with the first chart, and cost
  every kernel that never draws one. With the cache the call takes milliseconds.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
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
        _use_offline_bundle()
        alt.renderers.enable("jupyter", offline=True, embed_options=EMBED_OPTIONS)
        return "jupyter"
    if mode == "static":
        alt.renderers.enable("svg")
        return "svg"
    raise ValueError(f"mode must be 'interactive' or 'static', not {mode!r}.")


# -- the offline bundle, kept on disk --------------------------------------------------------
# The bundle is Altair's widget code with Vega, Vega-Lite and vega-embed: library code only. It
# holds no journal data (no spec, no entry, no name), so it may sit in a cache folder.
BUNDLE_HEADER = "// reflective-workbook offline chart bundle "


def _bundle_versions() -> dict[str, str]:
    """What the bundle is made from; a change in any of these makes a new bundle."""
    import vl_convert as vlc
    from altair.jupyter.jupyter_chart import load_js_src
    from altair.utils._importers import vl_version_for_vl_convert

    return {
        "altair": alt.__version__,
        "vl-convert": vlc.__version__,
        "vega": vlc.get_vega_version(),
        "vega-lite": vl_version_for_vl_convert(),
        "vega-embed": vlc.get_vega_embed_version(),
        "widget-code": hashlib.sha256(load_js_src().encode("utf-8")).hexdigest(),
    }


def _bundle_key(versions: dict[str, str]) -> str:
    return hashlib.sha256(json.dumps(versions, sort_keys=True).encode("utf-8")).hexdigest()[:24]


def _build_offline_bundle() -> str:
    """Altair's own build of the bundle (vl-convert's ``javascript_bundle``): about 2 s."""
    chart_class = alt.JupyterChart
    chart_class._is_offline = False
    chart_class.enable_offline(offline=True)
    return str(chart_class._esm)


def _read_cached_bundle(path: Path, versions: dict[str, str]) -> str | None:
    """The bundle in ``path`` if it is complete, for these versions and private; else None."""
    from ..files import my_uid

    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode) or info.st_mode & 0o022 or info.st_uid != my_uid():
            return None
        data = path.read_bytes()
    except OSError:
        return None
    first, newline, body = data.partition(b"\n")
    if not newline or not first.startswith(BUNDLE_HEADER.encode("ascii")):
        return None
    try:
        header = json.loads(first[len(BUNDLE_HEADER) :])
    except ValueError:
        return None
    if not isinstance(header, dict) or header.get("versions") != versions or header.get("length") != len(body):
        return None
    if header.get("sha256") != hashlib.sha256(body).hexdigest():
        return None
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _write_cached_bundle(path: Path, versions: dict[str, str], bundle: str) -> None:
    """Keep ``bundle`` in ``path`` (atomic, 0600, folder 0700); a folder that cannot be written is let be."""
    from ..errors import ValidationError
    from ..files import atomic_write_bytes, ensure_private_dir

    body = bundle.encode("utf-8")
    header = json.dumps({"versions": versions, "length": len(body), "sha256": hashlib.sha256(body).hexdigest()})
    try:
        ensure_private_dir(path.parent)
        atomic_write_bytes(path, (BUNDLE_HEADER + header + "\n").encode("utf-8") + body)
    except (OSError, ValidationError):
        pass  # no cache: the next kernel makes the bundle again


def offline_bundle() -> str:
    """The offline chart bundle: read from the cache folder, or made (and kept there)."""
    from .. import paths

    versions = _bundle_versions()
    path = paths.chart_bundle_path(_bundle_key(versions))
    cached = _read_cached_bundle(path, versions)
    if cached is not None:
        return cached
    bundle = _build_offline_bundle()
    _write_cached_bundle(path, versions, bundle)
    return bundle


def _use_offline_bundle() -> None:
    """Give Altair's JupyterChart the offline bundle, from the cache when it can."""
    chart_class = alt.JupyterChart
    if not (hasattr(chart_class, "_esm") and hasattr(chart_class, "_is_offline")):
        chart_class.enable_offline(offline=True)  # Altair's internals changed: its own way, uncached
        return
    if chart_class._is_offline:
        return
    chart_class._esm = offline_bundle()
    chart_class._is_offline = True


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
