"""Real-browser tests: JupyterLab and Voilà in headless Chromium, driven by Playwright.

Everything runs on copies: the demo journal written into a temporary folder (each server
gets its own copy), a private workspace filled from ``notebooks/`` as ``workbook lab`` fills
it (a run never writes into the repository), and Jupyter config, data and runtime folders of
their own. JupyterLab is started as ``workbook lab`` starts it, with autosave and widget-state
saving switched on. One JupyterLab
server serves every Lab test; one Voilà server the Voilà test. Each test gets a fresh
browser context in which every request to another machine is aborted and recorded
(``tab.blocked``), so the tests run offline and can check that nothing tried to leave.

Chromium is Debian's ``/usr/bin/chromium`` (never ``playwright install``). Without it the
tests are skipped, except when ``CI`` is set: then they fail, so CI cannot skip them
silently.

Screenshots go to ``test-artifacts/screenshots/`` (``failed-<test>.png`` on failure); the
ones the README shows are copied to ``docs/screenshots/`` when
WORKBOOK_UPDATE_SCREENSHOTS=1 is set.

``WORKBOOK_BROWSER_NOTEBOOKS=<folder>`` runs the suite on the notebooks of another folder
(for instance the packaged copies) instead of ``notebooks/``.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
import wbbrowser
from wbbrowser import (
    ARTIFACTS,
    CHROMIUM_ARGS,
    REPO,
    VIEWPORT,
    Lab,
    Server,
    Tab,
    free_port,
    is_local,
    jupyter_env,
    require_notebook,
    start_server,
    stop_server,
)


def _skip_or_fail(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"CI is set and {reason}: the browser tests must run in CI.", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    chromium_path = wbbrowser.CHROMIUM
    if not chromium_path.exists():
        _skip_or_fail(f"{chromium_path} is missing (install Debian's chromium package: sudo apt-get install chromium)")
    try:
        from playwright.sync_api import expect, sync_playwright
    except ImportError as exc:
        _skip_or_fail(f"playwright is not installed ({exc})")
    expect.set_options(timeout=30_000)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(chromium_path), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def tab(browser, request) -> Iterator[Tab]:
    """A fresh page in which requests to other machines are aborted and recorded."""
    context = browser.new_context(viewport=VIEWPORT, service_workers="block")
    page = context.new_page()
    page.set_default_timeout(30_000)
    result = Tab(page)

    def route(route):
        url = route.request.url
        if is_local(url):
            route.continue_()
        else:
            result.blocked.append(url)
            route.abort("internetdisconnected")

    context.route("**/*", route)
    page.on("console", lambda m: result.console_errors.append(m.text) if m.type == "error" else None)
    yield result
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        try:
            page.screenshot(path=str(ARTIFACTS / f"failed-{request.node.name}.png"))
        except Exception:
            pass  # a failed screenshot must not hide the failure
    context.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


# -- data: the demo journal and the notebooks, both copies ------------------------------------------
@pytest.fixture(scope="session")
def demo_journal_master(tmp_path_factory) -> Path:
    """The synthetic demo journal, written once; each server gets a copy of it."""
    from workbook.demo import write_demo_journal

    return write_demo_journal(tmp_path_factory.mktemp("demo") / "journal.db")


def _copy_journal(master: Path, folder: Path) -> Path:
    """A consistent copy of the demo journal in ``folder``, with its alias key where the server's
    kernels look for it (``jupyter_env``: ``XDG_DATA_HOME=<server home>/xdg``), so a server's
    notebooks recognise the register's names and can seal a supervision pack, as a person's do."""
    import shutil

    import workbook as wb
    from workbook import paths
    from workbook.journal.alias_key import journal_uid

    folder.mkdir(parents=True, exist_ok=True)
    with wb.open_journal(master) as journal:
        copy = journal.backup(folder / "journal.db")  # SQLite backup API: a consistent copy
        key = paths.alias_key_path(journal_uid(journal.connection))
    if key.exists():
        target = folder.parent / "xdg" / key.relative_to(paths.user_data_dir().parent)
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        shutil.copyfile(key, target)
        target.chmod(0o600)
    return copy


@pytest.fixture(scope="session")
def checkout_notebooks() -> dict[str, bytes]:
    """The repository's notebooks as they were before any browser test ran."""
    return {p.name: p.read_bytes() for p in sorted((REPO / "notebooks").glob("*.ipynb"))}


@pytest.fixture(scope="session")
def notebooks_copy(tmp_path_factory, checkout_notebooks) -> Path:
    """The private workspace the servers serve, filled as ``workbook lab`` fills it
    (``prepare_workspace``) from ``notebooks/`` (never the repository's own files)."""
    from workbook.app.workspace import prepare_workspace

    source = Path(os.environ.get("WORKBOOK_BROWSER_NOTEBOOKS") or REPO / "notebooks")
    return prepare_workspace(tmp_path_factory.mktemp("workspace-data") / "notebooks", source).folder


# -- servers --------------------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def lab_server(browser, demo_journal_master, notebooks_copy, tmp_path_factory) -> Iterator[Server]:
    """JupyterLab started as ``workbook lab`` starts it (``lab_argv``, ``lab_env``: the save
    hooks, kernels without history, umask 077), on the private workspace, with its own journal.

    JupyterLab's settings are the riskiest a person could choose: autosave every 5 s and
    "Save Widget State Automatically" on, so the tests show nothing a form held is saved."""
    from workbook.app.launch import lab_argv, lab_env, prepare_kernel_dir

    home = tmp_path_factory.mktemp("lab-server")
    journal = _copy_journal(demo_journal_master, home / "journal")
    port, token = free_port(), secrets.token_hex(16)
    extra = (
        "--no-browser", f"--port={port}", "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
        "--LabApp.expose_app_in_browser=True",  # window.jupyterapp, to drive Lab's commands
    )  # fmt: skip
    env = lab_env(jupyter_env(home, journal, risky_saving=True), prepare_kernel_dir(home / "ipython"))
    server = start_server(
        "JupyterLab", lab_argv(notebooks_copy, extra), env, log=home / "lab.log", port=port, probe="/api/status",
        token=token, journal=journal, root=notebooks_copy, umask=0o077,
    )  # fmt: skip
    yield server
    stop_server(server)


@pytest.fixture(scope="session")
def voila_server(browser, demo_journal_master, notebooks_copy, tmp_path_factory) -> Iterator[Server]:
    """Voilà on the copy of 01, with the arguments ``workbook app`` uses (and a token of the
    test's own, which the pages open with), own journal and IPython folder."""
    from workbook.app.launch import prepare_kernel_dir, voila_argv, voila_env

    notebook = require_notebook(notebooks_copy, "01_journal_a_conversation.ipynb")
    home = tmp_path_factory.mktemp("voila-server")
    journal = _copy_journal(demo_journal_master, home / "journal")
    port, token = free_port(), secrets.token_urlsafe(32)
    extra = ("--no-browser", f"--port={port}", "--Voila.port_retries=0", f"--Voila.token={token}")
    argv = voila_argv(notebook.parent, notebook.name, extra)
    env = voila_env(jupyter_env(home, journal), prepare_kernel_dir(home / "ipython"))
    server = start_server(
        "Voilà", argv, env, log=home / "voila.log", port=port, probe="/voila/static/",
        token=token, journal=journal, root=notebook.parent, any_status=True,
    )  # fmt: skip
    yield server
    stop_server(server)


@pytest.fixture
def lab(lab_server, tab) -> Lab:
    return Lab(lab_server, tab)
