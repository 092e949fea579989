"""Helpers for the browser tests: servers, offline pages, JupyterLab driving, the entry form.

Kept apart from ``conftest.py`` so the test modules can import them (``conftest`` is not
meant to be imported). Fixtures live in ``conftest.py``.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
ARTIFACTS = REPO / "test-artifacts" / "screenshots"
DOCS_SCREENSHOTS = REPO / "docs" / "screenshots"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
CDN_MARKERS = ("cdn", "jsdelivr", "unpkg", "cdnjs", "googleapis", "gstatic", "fontawesome")
SERVER_START_TIMEOUT = 90  # s: importing jupyterlab on a busy 2-core machine is slow
KERNEL_TIMEOUT = 90_000  # ms: kernel start, then `import workbook`, pandas and altair
VIEWPORT = {"width": 1280, "height": 900}

# Settings for every Lab test: no news or update toasts, every cell in the DOM (no
# windowing), and no autosave of the (temporary) notebooks while a test types.
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension:notification": {
        "fetchNews": "false",
        "checkForUpdates": False,
        "doNotDisturbMode": True,
    },
    "@jupyterlab/notebook-extension:tracker": {"windowingMode": "none"},
    "@jupyterlab/docmanager-extension:plugin": {"autosave": False},
}


# -- pages that cannot reach the network ---------------------------------------------------
def is_local(url: str) -> bool:
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https", "ws", "wss"):
        return True  # data:, blob:, about: never leave the machine
    return (parsed.hostname or "") in LOCAL_HOSTS


@dataclass
class Tab:
    """A page whose requests to other machines are aborted and recorded in ``blocked``."""

    page: Any
    blocked: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def cdn_requests(self) -> list[str]:
        return [u for u in self.blocked if any(m in u.lower() for m in CDN_MARKERS)]

    def screenshot(self, name: str, locator: Any = None, *, docs: str | None = None, max_height: int = 2800) -> Path:
        """Save ``test-artifacts/screenshots/<name>.png``: of ``locator`` when given (its
        top ``max_height`` pixels), else the whole page. With ``docs``, copy it to
        ``docs/screenshots/<docs>`` — only when ``WORKBOOK_UPDATE_SCREENSHOTS=1``, so a
        test run never changes files in the repository by itself."""
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        target = ARTIFACTS / f"{name}.png"
        page = self.page
        if locator is None:
            page.screenshot(path=str(target), full_page=True)
        else:
            # JupyterLab scrolls inside its own panels, so anything below the viewport is
            # cut off: make the viewport tall enough, put the element's top at the top of
            # its scroller, and shoot the element's box.
            # (the element may itself be the scroller, as Voilà's #rendered_cells is)
            height = locator.evaluate("e => Math.max(e.scrollHeight, e.getBoundingClientRect().height)")
            shown = int(min(max_height, height))
            page.set_viewport_size({"width": VIEWPORT["width"], "height": max(VIEWPORT["height"], shown + 200)})
            try:
                page.wait_for_timeout(500)  # let Lumino lay the panels out again
                locator.evaluate("e => { e.scrollTop = 0; e.scrollIntoView({block: 'start'}); }")
                page.wait_for_timeout(200)
                box = locator.bounding_box()
                clip = {"x": box["x"], "y": box["y"], "width": box["width"], "height": min(box["height"], shown)}
                page.screenshot(path=str(target), clip=clip, animations="disabled")
            finally:
                page.set_viewport_size(VIEWPORT)
        if docs and os.environ.get("WORKBOOK_UPDATE_SCREENSHOTS") == "1":
            DOCS_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(target, DOCS_SCREENSHOTS / docs)
        return target


def require_notebook(folder: Path, name: str) -> Path:
    path = folder / name
    if not path.exists():
        pytest.skip(f"notebooks/{name} does not exist yet")
    return path


# -- servers ----------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def root_flag() -> list[str]:
    return ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []


# What a person could switch on that would write the most into a notebook file.
RISKY_SAVING = {
    "@jupyterlab/docmanager-extension:plugin": {"autosave": True, "autosaveInterval": 5},
    "@jupyter-widgets/jupyterlab-manager:plugin": {"saveState": True},
}


def jupyter_env(home: Path, journal: Path, *, risky_saving: bool = False) -> dict[str, str]:
    """Environment for a server and its kernels: Jupyter folders of its own, the journal;
    with ``risky_saving``, autosave every 5 s and widget state saved into notebooks."""
    config, data, runtime = home / "config", home / "data", home / "runtime"
    for folder in (config / "labconfig", data, runtime, home / "ipython", home / "xdg"):
        folder.mkdir(parents=True, exist_ok=True)
    settings = {**LAB_SETTINGS, **(RISKY_SAVING if risky_saving else {})}
    (config / "labconfig" / "default_setting_overrides.json").write_text(json.dumps(settings, indent=1))
    env = dict(os.environ)
    for name in ("JUPYTER_PATH", "JUPYTER_CONFIG_PATH", "WORKBOOK_TEMPLATES", "JUPYTER_TOKEN"):
        env.pop(name, None)
    env.update(
        WORKBOOK_JOURNAL=str(journal),
        JUPYTER_CONFIG_DIR=str(config),
        JUPYTER_DATA_DIR=str(data),
        JUPYTER_RUNTIME_DIR=str(runtime),
        JUPYTERLAB_SETTINGS_DIR=str(config / "lab" / "user-settings"),
        JUPYTERLAB_WORKSPACES_DIR=str(config / "lab" / "workspaces"),
        IPYTHONDIR=str(home / "ipython"),
        XDG_DATA_HOME=str(home / "xdg"),
    )
    return env


@dataclass
class Server:
    name: str
    process: subprocess.Popen
    base_url: str
    token: str
    journal: Path
    root: Path
    log: Path

    def url(self, path: str, **query: str) -> str:
        params = dict(query)
        if self.token:
            params["token"] = self.token
        suffix = "&".join(f"{k}={v}" if v else k for k, v in params.items())
        return f"{self.base_url}{path}" + (f"?{suffix}" if suffix else "")

    def log_tail(self, n: int = 40) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return "(no log)"


def start_server(
    name: str,
    argv: list[str],
    env: dict[str, str],
    *,
    log: Path,
    port: int,
    probe: str,
    token: str,
    journal: Path,
    root: Path,
    any_status: bool = False,
    umask: int = -1,
) -> Server:
    """Start a server in a session of its own and wait until ``probe`` answers 200 (or,
    with ``any_status``, answers at all)."""
    base_url = f"http://127.0.0.1:{port}"
    with log.open("wb") as handle:
        process = subprocess.Popen(
            argv, env=env, stdout=handle, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True,
            umask=umask,
        )  # fmt: skip
    server = Server(name, process, base_url, token, journal, root, log)
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    headers = {"Authorization": f"token {token}"} if token else {}
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited with {process.returncode}:\n{server.log_tail()}")
        try:
            with urllib.request.urlopen(urllib.request.Request(base_url + probe, headers=headers), timeout=5) as r:
                if r.status == 200:
                    return server
        except urllib.error.HTTPError:
            if any_status:
                return server
        except (urllib.error.URLError, OSError):
            pass
        if time.monotonic() > deadline:
            stop_server(server)
            raise RuntimeError(f"{name} did not answer {probe} within {SERVER_START_TIMEOUT} s:\n{server.log_tail()}")
        time.sleep(0.3)


def stop_server(server: Server) -> None:
    """Terminate the server (it shuts its kernels down); kill it, then its group, if need be."""
    process = server.process
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
    try:  # kernels left behind by a server that had to be killed (same process group)
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


# -- JupyterLab, driven through window.jupyterapp ------------------------------------------------
_KERNEL_READY = """(name) => {
  const app = window.jupyterapp;
  const panel = app && app.shell && app.shell.currentWidget;
  if (!panel || !panel.context || panel.context.path !== name || !panel.sessionContext) return false;
  const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
  return !!kernel && kernel.status === 'idle' && kernel.connectionStatus === 'connected';
}"""

_RUN_ALL = """() => {
  window.__wbRun = {done: false, error: null};
  window.jupyterapp.commands.execute('notebook:run-all-cells')
    .catch(e => { window.__wbRun.error = String(e); })
    .finally(() => { window.__wbRun.done = true; });
}"""

_CELL_ERRORS = """() => {
  const panel = window.jupyterapp.shell.currentWidget;
  const out = [];
  for (const cell of panel.content.widgets) {
    if (cell.model.type !== 'code') continue;
    const outputs = cell.model.outputs;
    for (let i = 0; i < outputs.length; i++) {
      const o = outputs.get(i).toJSON();
      if (o.output_type === 'error') out.push(o.ename + ': ' + o.evalue);
    }
  }
  return out;
}"""


class Lab:
    """A JupyterLab page: open a notebook, run all its cells, wait for its kernel."""

    def __init__(self, server: Server, tab: Tab) -> None:
        self.server, self.tab, self.page = server, tab, tab.page

    def open(self, name: str) -> None:
        page = self.page
        # ?reset: an empty workspace, so no tab of an earlier test is restored
        page.goto(self.server.url(f"/lab/tree/{name}", reset=""))
        page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell", timeout=60_000)
        page.wait_for_function(_KERNEL_READY, arg=name, timeout=KERNEL_TIMEOUT, polling=250)
        page.evaluate("() => window.jupyterapp.shell.collapseLeft()")  # room for the notebook

    def run_all(self, timeout: int = 120_000) -> None:
        """Run every cell, wait for the kernel to be idle; fail with any cell's error."""
        page = self.page
        name = page.evaluate("() => window.jupyterapp.shell.currentWidget.context.path")
        page.evaluate(_RUN_ALL)
        page.wait_for_function("() => window.__wbRun && window.__wbRun.done", timeout=timeout, polling=250)
        page.wait_for_function(_KERNEL_READY, arg=name, timeout=timeout, polling=250)
        problem = page.evaluate("() => window.__wbRun.error")
        errors = page.evaluate(_CELL_ERRORS)
        assert not problem and not errors, f"running {name} failed: {problem or errors}"


# -- the journal, read from the test process -----------------------------------------------------
def find_by_title(journal_path: Path, title: str):
    """The entry (not in the trash) with exactly this title, or None."""
    import workbook as wb

    with wb.open_journal(journal_path) as journal:
        found = [e for e in journal.entries() if e.title == title]
    assert len(found) <= 1, f"{len(found)} entries are titled {title!r}"
    return found[0] if found else None


def entry_count(journal_path: Path) -> int:
    import workbook as wb

    with wb.open_journal(journal_path) as journal:
        return len(journal.entry_ids())


# -- the entry form, through its CSS classes ------------------------------------------------------
FALLBACK_TEMPLATE = "driscoll"


def first_stage_area(form: Any) -> Any:
    """The first stage answer box; chooses a reflective model first if none is shown."""
    import workbook as wb

    areas = form.locator(".wb-stages textarea")
    if areas.count() == 0:
        name = wb.templates()[FALLBACK_TEMPLATE].name
        form.locator(".wb-template select").select_option(value=name)
        areas.first.wait_for(state="visible")
    return areas.first


def open_tag_group(form: Any, group_id: str, *, opened: bool = True) -> None:
    """Open (or close) an accordion group of the tag picker; rows are built when first opened."""
    import workbook as wb

    label = wb.vocabulary().group(group_id).label
    header = form.locator(".wb-tag-groups .jupyter-widget-Collapse-header", has_text=label)
    contents = form.locator(f".wb-tag-group-{group_id}")
    if contents.is_visible() != opened:
        header.click()
    contents.wait_for(state="visible" if opened else "hidden")


def choose_tag(form: Any, tag_id: str, intensity: int | None, *, tick_first: bool) -> None:
    """Choose a tag: tick its box and pick an intensity, or (``tick_first=False``) only
    pick the intensity, which chooses the tag too."""
    checkbox = form.locator(f".wb-tag-{tag_id} input[type=checkbox]")
    checkbox.wait_for(state="visible")
    if tick_first:
        checkbox.check()
    if intensity is not None:
        form.locator(f".wb-intensity-{tag_id} select").select_option(index=intensity)


def outcome_button(form: Any, outcome: str) -> Any:
    """The outcome's button, found by its whole label (``models.OUTCOME_LABELS``)."""
    import re

    from workbook.models import OUTCOME_LABELS

    return form.locator(".wb-outcome button", has_text=re.compile(rf"^\s*{re.escape(OUTCOME_LABELS[outcome])}\s*$"))


def pick_outcome(form: Any, outcome: str) -> Any:
    button = outcome_button(form, outcome)
    button.click()
    return button


def cut_off(locator: Any) -> bool:
    """True if the element's text does not fit in it (an ellipsis, or text clipped)."""
    return bool(locator.evaluate("e => e.scrollWidth > e.clientWidth + 1"))


def tick_stance_both(form: Any) -> None:
    """Tick "Both, in tension" beside the stance slider."""
    form.locator(".wb-stance-both input[type=checkbox]").check()


def choose_depth(form: Any, depth: str) -> None:
    """Choose a depth of reflection (a ``models.DEPTHS`` key); its option's value is its label."""
    from workbook.models import DEPTHS

    form.locator(".wb-depth select").select_option(value=DEPTHS[depth])
