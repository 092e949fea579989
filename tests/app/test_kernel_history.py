"""Kernels started by `workbook lab` / `workbook app` keep no input history (F5).

A real IPython kernel is started with the environment the launchers give their servers
(``kernel_env`` on the folder ``prepare_kernel_dir`` makes); code is run with
``store_history=True``, as JupyterLab runs a cell. Nothing of it may reach a history file,
neither in the workbook's IPython folder nor in ``~/.ipython``.
"""

from __future__ import annotations

import sqlite3

import pytest

from workbook.app.launch import kernel_env, prepare_kernel_dir

pytestmark = pytest.mark.slow

MARKER = "HISTMARKER-Jo-Bloggs"


def _run_in_kernel(env: dict[str, str], code: str) -> None:
    from jupyter_client.manager import start_new_kernel

    manager, client = start_new_kernel(kernel_name="python3", env=env, startup_timeout=90)
    try:
        reply = client.execute_interactive(code, store_history=True, timeout=60)
        assert reply["content"]["status"] == "ok", reply["content"]
        client.execute_interactive("get_ipython().history_manager.end_session()", store_history=True, timeout=60)
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=False)


def _history_rows(root) -> list[str]:
    found = []
    for database in root.rglob("history.sqlite"):
        with sqlite3.connect(database) as conn:
            found += [row[0] for row in conn.execute("SELECT source FROM history") if MARKER in row[0]]
    return found


def test_kernels_keep_no_history_of_typed_code(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    ipython = prepare_kernel_dir(tmp_path / "data" / "ipython")
    env = kernel_env({"PATH": "/usr/bin:/bin", "HOME": str(home)}, ipython)
    _run_in_kernel(env, f"note = {MARKER!r} + ' told me her partner hit the baby'")
    assert _history_rows(tmp_path) == []
    assert not list(tmp_path.rglob("history.sqlite*")), "a history file was made"


def test_without_the_workbook_config_the_kernel_would_keep_it(tmp_path):
    """The check above can fail: a kernel left to IPython's defaults writes the row."""
    home = tmp_path / "home"
    home.mkdir()
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "IPYTHONDIR": str(tmp_path / "plain-ipython")}
    _run_in_kernel(env, f"note = {MARKER!r}")
    assert _history_rows(tmp_path), "IPython wrote no history even by default: this test proves nothing"
