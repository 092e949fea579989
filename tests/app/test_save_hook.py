"""No output or widget state of a workbook notebook reaches the disk, whatever JupyterLab's
settings: the save hooks alone, then a real JupyterLab started the way ``workbook lab``
starts it, saving through its REST API (a plain save and a checkpoint)."""

from __future__ import annotations

import json
import os
import secrets
import socket
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from workbook import paths
from workbook.app import save_hook
from workbook.app.launch import lab_argv, lab_env, prepare_kernel_dir
from workbook.app.workspace import prepare_workspace
from workbook.documents.cleaning import MARKER

SECRET = "Kayden-7Q3 told me the drinking had started again"
START_TIMEOUT = 90


def _with_secrets(nb: dict) -> dict:
    nb = json.loads(json.dumps(nb))
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            cell["outputs"] = [{"output_type": "stream", "name": "stdout", "text": SECRET}]
            cell["execution_count"] = 3
    nb["metadata"]["widgets"] = {
        "application/vnd.jupyter.widget-state+json": {"state": {"m": {"state": {"value": SECRET}}}, "version_major": 2, "version_minor": 0}
    }  # fmt: skip
    return nb


def _own_notebook() -> dict:
    return {
        "cells": [{"cell_type": "code", "execution_count": 1, "id": "x", "metadata": {}, "outputs": [{"output_type": "stream", "name": "stdout", "text": SECRET}], "source": "print(1)"}],
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }  # fmt: skip


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# -- the hooks alone ----------------------------------------------------------------------------


def test_pre_save_hook_cleans_a_workbook_notebook_only(monkeypatch):
    monkeypatch.delenv(save_hook.CLEAN_ALL_VARIABLE, raising=False)
    ours = _with_secrets(
        {"cells": [{"cell_type": "code", "metadata": {}, "source": ""}], "metadata": {MARKER: {"clean_on_save": True}}}
    )
    mine = _own_notebook()
    save_hook.pre_save_hook({"type": "notebook", "content": ours}, "04.ipynb")
    save_hook.pre_save_hook({"type": "notebook", "content": mine}, "mine.ipynb")
    assert SECRET not in json.dumps(ours) and SECRET in json.dumps(mine)
    monkeypatch.setenv(save_hook.CLEAN_ALL_VARIABLE, "1")  # the person opted in
    save_hook.pre_save_hook({"type": "notebook", "content": mine}, "mine.ipynb")
    assert SECRET not in json.dumps(mine)
    save_hook.pre_save_hook({"type": "file", "content": SECRET}, "notes.txt")  # other files: untouched


def test_post_save_hook_makes_the_file_private_and_cleans_an_uploaded_notebook(tmp_path):
    uploaded = tmp_path / "04.ipynb"
    uploaded.write_text(
        json.dumps(
            _with_secrets(
                {
                    "cells": [{"cell_type": "code", "metadata": {}, "source": ""}],
                    "metadata": {MARKER: {"clean_on_save": True}},
                }
            )
        )
    )
    uploaded.chmod(0o644)
    save_hook.post_save_hook({"type": "file"}, os_path=str(uploaded))
    assert SECRET not in uploaded.read_text() and _mode(uploaded) == 0o600
    text = tmp_path / "notes.txt"
    text.write_text(SECRET)
    text.chmod(0o644)
    save_hook.post_save_hook({"type": "file"}, os_path=str(text))
    assert text.read_text() == SECRET and _mode(text) == 0o600


def test_the_documented_config_names_the_hooks():
    """The file ``workbook lab`` puts on JUPYTER_CONFIG_PATH, and the README's two lines for a
    JupyterHub admin, name these two functions."""
    from jupyter_server.utils import import_item

    config = json.loads((paths.lab_config_root() / "jupyter_server_config.json").read_text())
    hooks = config["ContentsManager"]
    assert import_item(hooks["pre_save_hook"]) is save_hook.pre_save_hook
    assert import_item(hooks["post_save_hook"]) is save_hook.post_save_hook
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    for trait, name in hooks.items():
        assert f'c.ContentsManager.{trait} = "{name}"' in readme


# -- a real JupyterLab ----------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _isolated_env(home: Path) -> dict[str, str]:
    """An environment whose Jupyter and workbook folders are all under ``home``."""
    base = {k: v for k, v in os.environ.items() if not k.startswith("JUPYTER")}
    base.update(
        XDG_DATA_HOME=str(home / "xdg"),
        JUPYTER_CONFIG_DIR=str(home / "config"),
        JUPYTER_DATA_DIR=str(home / "data"),
        JUPYTER_RUNTIME_DIR=str(home / "runtime"),
        JUPYTERLAB_SETTINGS_DIR=str(home / "config" / "lab" / "user-settings"),
        JUPYTERLAB_WORKSPACES_DIR=str(home / "config" / "lab" / "workspaces"),
        WORKBOOK_JOURNAL=str(home / "journal.db"),
    )
    base.pop(save_hook.CLEAN_ALL_VARIABLE, None)
    return base


def _serve(
    home: Path, argv: list[str], env: dict[str, str], port: int, token: str
) -> Iterator[tuple[str, dict[str, str]]]:
    """Run a Jupyter server until the generator is closed; yield its address and headers."""
    log = home / "server.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            argv, env=env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            start_new_session=True, umask=0o077,
        )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    headers = {"Authorization": f"token {token}"}
    deadline = time.monotonic() + START_TIMEOUT
    try:
        while True:
            if process.poll() is not None:
                pytest.fail(f"The Jupyter server exited:\n{log.read_text(errors='replace')[-3000:]}")
            try:
                if httpx.get(f"{url}/api/status", headers=headers, timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"The Jupyter server did not start:\n{log.read_text(errors='replace')[-3000:]}")
            time.sleep(0.3)
        yield url, headers
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture(scope="module")
def lab(tmp_path_factory) -> Iterator[tuple[str, dict[str, str], Path]]:
    """JupyterLab as ``workbook lab`` starts it (workspace, argv, env, umask), own folders."""
    home = tmp_path_factory.mktemp("lab-save-hook")
    workspace = prepare_workspace(home / "workspace").folder
    ipython = prepare_kernel_dir(home / "ipython")
    port, token = _free_port(), secrets.token_hex(16)
    argv = lab_argv(
        workspace, ("--no-browser", f"--port={port}", "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}")
    )
    for url, headers in _serve(home, argv, lab_env(_isolated_env(home), ipython), port, token):
        yield url, headers, workspace


def hub_config_lines() -> str:
    """The Python lines the README's "Running on JupyterHub" gives an admin."""
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Running on JupyterHub", 1)[1]
    return section.split("```python\n", 1)[1].split("```", 1)[0]


@pytest.fixture(scope="module")
def hub_server(tmp_path_factory) -> Iterator[tuple[str, dict[str, str], Path]]:
    """A plain Jupyter server as a hub starts a user's: no workbook launcher, no workbook config
    path, only the README's lines in the user's ``jupyter_server_config.py``, serving a folder
    that is not the workbook's workspace."""
    home = tmp_path_factory.mktemp("hub-save-hook")
    env = _isolated_env(home)
    config = Path(env["JUPYTER_CONFIG_DIR"])
    config.mkdir(parents=True)
    (config / "jupyter_server_config.py").write_text(hub_config_lines(), encoding="utf-8")
    served = home / "user-home"
    served.mkdir()
    port, token = _free_port(), secrets.token_hex(16)
    argv = [
        sys.executable, "-m", "jupyter_server", f"--ServerApp.root_dir={served}", "--ServerApp.ip=127.0.0.1",
        f"--port={port}", "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}", "--no-browser",
        *(["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []),
    ]  # fmt: skip
    for url, headers in _serve(home, argv, env, port, token):
        yield url, headers, served


def _save(url: str, headers: dict[str, str], name: str, nb: dict) -> None:
    answer = httpx.put(
        f"{url}/api/contents/{name}",
        headers=headers,
        json={"type": "notebook", "format": "json", "content": nb},
        timeout=30,
    )
    assert answer.status_code in (200, 201), answer.text


def _on_disk(folder: Path) -> dict[Path, bytes]:
    return {path: path.read_bytes() for path in folder.rglob("*") if path.is_file()}


@pytest.mark.slow
def test_a_save_and_a_checkpoint_leave_no_journal_text_on_disk(lab):
    url, headers, workspace = lab
    shipped = json.loads((workspace / "04_review_and_revise.ipynb").read_text())
    _save(url, headers, "04_review_and_revise.ipynb", _with_secrets(shipped))
    answer = httpx.post(f"{url}/api/contents/04_review_and_revise.ipynb/checkpoints", headers=headers, timeout=30)
    assert answer.status_code == 201, answer.text
    saved = workspace / "04_review_and_revise.ipynb"
    checkpoint = workspace / ".ipynb_checkpoints" / "04_review_and_revise-checkpoint.ipynb"
    for path in (saved, checkpoint):
        assert SECRET.encode() not in path.read_bytes(), path
        assert _mode(path) == 0o600, path
    assert _mode(checkpoint.parent) == 0o700
    kept = json.loads(saved.read_text())
    assert [c["source"] for c in kept["cells"]] == [c["source"] for c in shipped["cells"]]
    assert "widgets" not in kept["metadata"]


@pytest.mark.slow
def test_a_persons_own_notebook_keeps_its_outputs_but_is_private(lab):
    url, headers, workspace = lab
    _save(url, headers, "my own analysis.ipynb", _own_notebook())
    mine = workspace / "my own analysis.ipynb"
    assert SECRET.encode() in mine.read_bytes()
    assert _mode(mine) == 0o600


@pytest.mark.slow
def test_nothing_anywhere_in_the_workspace_holds_the_text_of_a_workbook_notebook(lab):
    url, headers, workspace = lab
    for name in ("00_start_here.ipynb", "01_journal_a_conversation.ipynb"):
        shipped = json.loads((workspace / name).read_text())
        _save(url, headers, name, _with_secrets(shipped))
        httpx.post(f"{url}/api/contents/{name}/checkpoints", headers=headers, timeout=30)
    leaking = [
        p for p, data in _on_disk(workspace).items() if SECRET.encode() in data and "my own analysis" not in p.name
    ]
    assert leaking == []


def test_the_hub_config_lines_install_both_hooks():
    from traitlets.config import Config

    config = Config()
    exec(hub_config_lines(), {"c": config})  # noqa: S102 - the README's own two lines
    assert config.ContentsManager.pre_save_hook == "workbook.app.save_hook.pre_save_hook"
    assert config.ContentsManager.post_save_hook == "workbook.app.save_hook.post_save_hook"


@pytest.mark.slow
def test_a_hub_server_with_the_documented_config_saves_workbook_notebooks_clean_and_private(hub_server):
    url, headers, served = hub_server
    shipped = json.loads((paths.checkout_notebooks_dir() / "01_journal_a_conversation.ipynb").read_text())
    _save(url, headers, "01_journal_a_conversation.ipynb", _with_secrets(shipped))
    answer = httpx.post(f"{url}/api/contents/01_journal_a_conversation.ipynb/checkpoints", headers=headers, timeout=30)
    assert answer.status_code == 201, answer.text
    _save(url, headers, "mine.ipynb", _own_notebook())
    saved = served / "01_journal_a_conversation.ipynb"
    checkpoint = served / ".ipynb_checkpoints" / "01_journal_a_conversation-checkpoint.ipynb"
    for path in (saved, checkpoint):
        assert SECRET.encode() not in path.read_bytes(), path
        assert _mode(path) == 0o600, path
    assert SECRET.encode() in (served / "mine.ipynb").read_bytes()  # a user's own: outputs kept
    assert _mode(served / "mine.ipynb") == 0o600


@pytest.mark.parametrize("opted_in", [False, True])
def test_workbook_lab_cleans_a_persons_own_notebooks_only_when_asked(monkeypatch, tmp_path, opted_in):
    """``workbook lab --clean-all-notebooks`` starts the server with the opt-in its save hook reads."""
    from click.testing import CliRunner

    from workbook import cli as cli_module

    monkeypatch.delenv(save_hook.CLEAN_ALL_VARIABLE, raising=False)
    seen = {}
    monkeypatch.setattr("workbook.cli.jupyter._run", lambda argv, env: seen.update(env=env))
    words = [
        "--journal",
        str(tmp_path / "j.db"),
        "lab",
        *(["--clean-all-notebooks"] if opted_in else []),
        "--no-browser",
    ]
    result = CliRunner().invoke(cli_module.cli, words)
    assert result.exit_code == 0, result.output
    assert save_hook.clean_all_notebooks(seen["env"]) is opted_in
    monkeypatch.setattr(os, "environ", seen["env"])  # the server's environment, as the hook reads it
    mine = _own_notebook()
    save_hook.pre_save_hook({"type": "notebook", "content": mine}, "mine.ipynb")
    assert (SECRET in json.dumps(mine)) is not opted_in
