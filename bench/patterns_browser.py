"""Benchmark notebook 05 in a real browser: first chart after Run All, and each redraw. Prints figures; asserts nothing.

    python bench/patterns_browser.py [--entries 300] [--journal PATH] [--changes 9] [--keep]

Goals (issue 11): changing a filter redraws every chart within 1 s for a journal of 300
entries; the first chart appears within 5 s of Run All; at 100,000 entries a redraw takes
<= 2 s (``--journal bench/journal-100k.db``: a copy of that journal is used instead), and
``open_journal`` + ``Frames.from_journal`` on that copy takes <= 1 s (timed here in the
script's own process before the browser starts, median and best of five).

It writes a demo journal of ``--entries`` entries into a temporary folder, starts JupyterLab
as the browser tests do (``tests/browser/wbbrowser.py``: own Jupyter folders, the workspace
filled as ``workbook lab`` fills it), opens 05 in headless Chromium with the network cut
off, and runs all cells. The kernels import ``workbook`` from this checkout (PYTHONPATH), so
the figures are those of the tree the script sits in.

"first chart" is from the Run All command to the first Vega SVG or canvas of the patterns
view. A redraw is timed from the change event on a filter's <select> (or the period
buttons) to the last change the browser made inside the charts (a MutationObserver on
``.wb-patterns-charts``), once the kernel is idle and nothing has moved for ``QUIET_MS``.
"""

from __future__ import annotations

import argparse
import secrets
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "browser"))

import wbbrowser  # noqa: E402
from wbbrowser import CHROMIUM_ARGS, VIEWPORT, Lab, Tab, free_port, is_local, jupyter_env, start_server  # noqa: E402

NOTEBOOK = "05_patterns_in_my_practice.ipynb"
QUIET_MS = 1500
CHARTS = ".wb-patterns .vega-embed svg.marks, .wb-patterns .vega-embed canvas.marks"

_WATCH = """() => {
  const box = document.querySelector('.wb-patterns-charts');
  window.__wbLast = performance.now();
  if (window.__wbObserver) window.__wbObserver.disconnect();
  window.__wbObserver = new MutationObserver(() => { window.__wbLast = performance.now(); });
  window.__wbObserver.observe(box, {subtree: true, childList: true, attributes: true, characterData: true});
}"""

# Choose a <select>'s option by its label (``value``) or click a toggle button (``button``
# label), noting the time.
_CHANGE = """([selector, value, button]) => {
  const root = document.querySelector(selector);
  window.__wbStart = performance.now();
  window.__wbLast = 0;
  if (button) {
    [...root.querySelectorAll('button')].find(b => b.textContent.trim() === button).click();
  } else {
    const select = root.querySelector('select');
    const label = o => o.textContent.replace(/\u00a0/g, ' ').trim();
    select.selectedIndex = [...select.options].findIndex(o => label(o) === value);
    select.dispatchEvent(new Event('change', {bubbles: true}));
  }
}"""

_SETTLED = """([quiet]) => {
  const panel = window.jupyterapp.shell.currentWidget;
  const kernel = panel.sessionContext.session.kernel;
  const now = performance.now();
  return window.__wbLast > window.__wbStart && kernel.status === 'idle' && now - window.__wbLast > quiet;
}"""


def start_lab(home: Path, journal: Path):
    from workbook.app.launch import lab_argv, lab_env, prepare_kernel_dir
    from workbook.app.workspace import prepare_workspace

    notebooks = prepare_workspace(home / "workspace", ROOT / "notebooks").folder
    port, token = free_port(), secrets.token_hex(16)
    extra = (
        "--no-browser", f"--port={port}", "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
        "--LabApp.expose_app_in_browser=True",
    )  # fmt: skip
    env = lab_env(jupyter_env(home, journal), prepare_kernel_dir(home / "ipython"))
    env["PYTHONPATH"] = str(ROOT)  # the kernels run this checkout's workbook
    return start_server(
        "JupyterLab", lab_argv(notebooks, extra), env, log=home / "lab.log", port=port, probe="/api/status",
        token=token, journal=journal, root=notebooks,
    )  # fmt: skip


def redraw(page, selector: str, value: str = "", button: str = "") -> float:
    """Seconds from the change to the last change inside the charts."""
    page.evaluate(_WATCH)
    page.evaluate(_CHANGE, [selector, value, button])
    page.wait_for_function(_SETTLED, arg=[QUIET_MS], timeout=120_000, polling=100)
    return page.evaluate("() => (window.__wbLast - window.__wbStart) / 1000")


def changes(n: int) -> list[tuple[str, str, str, str]]:
    """(what, selector, option label, button label): contexts, roles, the period, back again."""
    from workbook import vocabulary

    contexts = [t for t in vocabulary().tags if t.group == "context"][:3]
    steps = [(f"context={c.id}", ".wb-patterns-context", c.label, "") for c in contexts]
    steps += [
        ("context=(all)", ".wb-patterns-context", "(all contexts)", ""),
        ("period=Week", ".wb-patterns-period", "", "Week"),
        ("role=patient", ".wb-patterns-role", "patient", ""),
        ("role=(anyone)", ".wb-patterns-role", "(anyone)", ""),
        ("period=Quarter", ".wb-patterns-period", "", "Quarter"),
        ("period=Month", ".wb-patterns-period", "", "Month"),
    ]
    return (steps * (n // len(steps) + 1))[:n]


def frames_load(journal: Path, repeat: int = 5) -> str:
    """Open the journal and read its patterns frames ``repeat`` times: the median and best."""
    import workbook as wb
    from workbook.analysis import Frames

    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        with wb.open_journal(journal) as opened:
            Frames.from_journal(opened)
        times.append(time.perf_counter() - start)
    times.sort()
    return f"open + Frames.from_journal: median {times[len(times) // 2]:.2f} s, best {times[0]:.2f} s   (goal <= 1 s)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=300)
    parser.add_argument("--journal", type=Path, help="a copy of this journal instead of a new demo journal")
    parser.add_argument("--changes", type=int, default=9)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (server log)")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    from workbook.demo import write_demo_journal

    home = Path(tempfile.mkdtemp(prefix="wb-patterns-browser-"))
    if args.journal:
        import workbook as wb

        (home / "journal").mkdir()
        with wb.open_journal(args.journal) as source:
            journal = source.backup(home / "journal" / "journal.db")
            print(f"journal: a copy of {args.journal} ({len(source.entry_ids()):,} entries); tree: {ROOT}")
        print(frames_load(journal))
    else:
        journal = write_demo_journal(home / "journal" / "journal.db", entries=args.entries)
        print(f"journal: {args.entries} demo entries; tree: {ROOT}")
    server = start_lab(home, journal)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(wbbrowser.CHROMIUM), args=CHROMIUM_ARGS)
            context = browser.new_context(viewport=VIEWPORT, service_workers="block")
            context.route("**/*", lambda r: r.continue_() if is_local(r.request.url) else r.abort())
            page = context.new_page()
            lab = Lab(server, Tab(page))
            lab.open(NOTEBOOK)
            start = time.perf_counter()
            page.evaluate(wbbrowser._RUN_ALL)
            page.locator(CHARTS).first.wait_for(state="visible", timeout=180_000)
            first = time.perf_counter() - start
            page.wait_for_function("() => window.__wbRun && window.__wbRun.done", timeout=180_000, polling=250)
            n = page.locator(".wb-patterns-chart").count()
            print(f"first chart after Run All: {first:6.2f} s   (charts: {n}; goal <= 5 s)")
            times = []
            for what, selector, value, button in changes(args.changes):
                seconds = redraw(page, selector, value, button)
                times.append(seconds)
                drawn = page.locator(CHARTS).count()
                print(f"redraw {what:<28} {seconds:6.2f} s   ({drawn} charts drawn)")
            times.sort()
            print(f"redraw median {times[len(times) // 2]:.2f} s, worst {times[-1]:.2f} s   (goal <= 1 s)")
            browser.close()
    finally:
        wbbrowser.stop_server(server)
        if args.keep:
            print(f"kept {home}")
        else:
            import shutil

            shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
