"""`workbook lab` / `workbook app`: the commands they run keep everything on this machine."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from workbook import cli as cli_module
from workbook import paths
from workbook.app.launch import (
    APP_NOTEBOOKS,
    START_NOTEBOOK,
    kernel_env,
    lab_argv,
    lab_env,
    notebooks_dir,
    prepare_kernel_dir,
    split_app_args,
    voila_argv,
    voila_env,
)


def test_lab_runs_jupyterlab_on_the_start_notebook_privately(tmp_path):
    argv = lab_argv(tmp_path, ("--no-browser",))
    assert argv[:3] == [sys.executable, "-m", "jupyterlab"]
    assert f"--ServerApp.root_dir={tmp_path}" in argv
    assert "--ServerApp.ip=127.0.0.1" in argv
    assert "--LabApp.news_url=None" in argv
    assert "--LabApp.extension_manager=readonly" in argv
    assert any(a.endswith("NeverCheckForUpdate") for a in argv)
    assert "--no-browser" in argv


def test_lab_prints_and_opens_the_start_notebook_not_the_launcher(tmp_path):
    """The address JupyterLab prints (token included) and opens is ServerApp.default_url."""
    argv = lab_argv(tmp_path, ("--no-browser",))
    assert f"--LabApp.default_url=/lab/tree/{START_NOTEBOOK}" in argv
    assert not any(a.endswith(".ipynb") and not a.startswith("--") for a in argv), "a file_to_run opens a second tab"


def test_lab_starts_without_the_notebook_shim_deprecation_warning(tmp_path):
    """notebook_shim reads ServerApp.token at start and prints a DeprecationWarning."""
    assert "--ServerApp.jpserver_extensions=notebook_shim=False" in lab_argv(tmp_path)


def test_app_runs_voila_without_code_or_tracebacks(tmp_path):
    argv = voila_argv(tmp_path, "01_journal_a_conversation.ipynb")
    assert argv[:3] == [sys.executable, "-m", "workbook.app.server"]
    assert "--VoilaConfiguration.strip_sources=True" in argv
    assert "--VoilaConfiguration.show_tracebacks=False" in argv
    assert "--Voila.ip=127.0.0.1" in argv


def test_the_checkout_notebooks_are_copied_not_served():
    """JupyterLab writes into the folder it serves: never the checkout's tracked notebooks."""
    folder = notebooks_dir()
    checkout = Path(__file__).resolve().parents[2] / "notebooks"
    assert folder == paths.notebook_workspace_dir() != checkout
    assert (folder / START_NOTEBOOK).read_bytes() == (checkout / START_NOTEBOOK).read_bytes()
    assert stat.S_IMODE((folder / START_NOTEBOOK).stat().st_mode) == 0o600


def test_lab_passes_the_chosen_journal_to_the_kernels(tmp_path, monkeypatch):
    seen = {}

    def fake_run(argv, env):
        import os

        seen["argv"], seen["journal"], seen["env"] = argv, os.environ["WORKBOOK_JOURNAL"], env

    monkeypatch.setattr("workbook.cli.jupyter._run", fake_run)
    target = tmp_path / "mine.db"
    result = CliRunner().invoke(cli_module.cli, ["--journal", str(target), "lab", "--no-browser"])
    assert result.exit_code == 0, result.output
    assert seen["journal"] == str(target)
    assert "no journal yet" in result.output
    assert "--no-browser" in seen["argv"]
    assert seen["env"]["WORKBOOK_JOURNAL"] == str(target)
    assert seen["env"]["IPYTHONDIR"] == str(paths.kernel_ipython_dir())


def test_app_refuses_an_unknown_notebook(tmp_path):
    result = CliRunner().invoke(cli_module.cli, ["--journal", str(tmp_path / "j.db"), "app", "nope"])
    assert result.exit_code != 0
    assert "no notebook 'nope.ipynb'" in result.output


def test_voila_finds_the_workbook_template_on_jupyter_path():
    """Voilà looks for <entry>/voila/templates/<name> on JUPYTER_PATH: the first entry must hold ours."""
    import os
    from pathlib import Path

    from workbook.app.launch import VOILA_TEMPLATE, voila_env

    first = Path(voila_env({"JUPYTER_PATH": "/elsewhere"})["JUPYTER_PATH"].split(os.pathsep)[0])
    assert (first / "voila" / "templates" / VOILA_TEMPLATE / "index.html.j2").is_file()


# -- workbook app: the notebook, then Voilà's options (F14) ----------------------------------------
def _app_argv(monkeypatch, tmp_path, *args: str) -> list[str]:
    seen = {}
    monkeypatch.setattr("workbook.cli.jupyter._run", lambda argv, env: seen.update(argv=argv, env=env))
    result = CliRunner().invoke(cli_module.cli, ["--journal", str(tmp_path / "j.db"), "app", *args])
    assert result.exit_code == 0, result.output
    return seen["argv"]


def test_app_options_alone_are_passed_to_voila_and_the_form_is_served(monkeypatch, tmp_path):
    argv = _app_argv(monkeypatch, tmp_path, "--no-browser", "--port", "8866")
    assert argv[:3] == [sys.executable, "-m", "workbook.app.server"]
    assert argv[-4:] == ["--no-browser", "--port", "8866", str(notebooks_dir() / APP_NOTEBOOKS[0])]


def test_app_takes_a_notebook_first_then_options(monkeypatch, tmp_path):
    argv = _app_argv(monkeypatch, tmp_path, "04_review_and_revise", "--no-browser", "--port=8867")
    assert argv[-3:] == ["--no-browser", "--port=8867", str(notebooks_dir() / "04_review_and_revise.ipynb")]


def test_app_words_are_split_into_notebook_and_options():
    assert split_app_args(()) == (None, ())
    assert split_app_args(("--no-browser", "--port", "8866")) == (None, ("--no-browser", "--port", "8866"))
    assert split_app_args(("01_journal_a_conversation", "--debug")) == ("01_journal_a_conversation", ("--debug",))


# -- environments: kernels without history, Lab without the news question (F5, news prompt) ---------
def test_kernel_env_points_ipython_at_the_workbook_folder(tmp_path):
    env = kernel_env({"PATH": "/bin", "IPYTHONDIR": "/home/me/.ipython"})
    assert env["IPYTHONDIR"] == str(paths.kernel_ipython_dir())
    assert env["PATH"] == "/bin"
    assert kernel_env({}, tmp_path)["IPYTHONDIR"] == str(tmp_path)
    assert voila_env({}, tmp_path)["IPYTHONDIR"] == str(tmp_path)
    assert lab_env({}, tmp_path)["IPYTHONDIR"] == str(tmp_path)


def test_lab_reads_default_settings_that_never_fetch_news(tmp_path, monkeypatch):
    """JupyterLab 4 asks "Would you like to get notified about official Jupyter news?" while
    the notification setting ``fetchNews`` is "none"; ``news_url=None`` does not stop the
    question. JupyterLab's own settings code must see "false" through ``lab_env()``."""
    from jupyterlab_server.settings_utils import _get_overrides

    env = lab_env({"JUPYTER_CONFIG_PATH": "/elsewhere"})
    first = env["JUPYTER_CONFIG_PATH"].split(os.pathsep)
    assert first[1:] == ["/elsewhere"]
    monkeypatch.setenv("JUPYTER_CONFIG_PATH", env["JUPYTER_CONFIG_PATH"])
    monkeypatch.setenv("JUPYTER_CONFIG_DIR", str(tmp_path / "config"))
    overrides, error = _get_overrides(str(tmp_path / "no-app-settings"))
    assert not error
    notification = overrides["@jupyterlab/apputils-extension:notification"]
    assert notification["fetchNews"] == "false"
    assert notification["checkForUpdates"] is False


def test_kernel_config_turns_history_off_in_a_private_folder(tmp_path):
    folder = prepare_kernel_dir(tmp_path / "data" / "ipython")
    config = folder / "profile_default" / "ipython_kernel_config.py"
    assert "c.HistoryManager.enabled = False" in config.read_text()
    for made in (tmp_path / "data", folder, folder / "profile_default"):
        assert stat.S_IMODE(made.stat().st_mode) == 0o700, made
    assert stat.S_IMODE(config.stat().st_mode) == 0o600
    prepare_kernel_dir(folder)  # again: the same file, still private
    assert stat.S_IMODE(config.stat().st_mode) == 0o600


def test_kernel_folder_default_is_private_in_the_user_data_folder():
    folder = prepare_kernel_dir()
    assert folder == paths.kernel_ipython_dir()
    assert paths.user_data_dir() in folder.parents
    assert stat.S_IMODE(paths.user_data_dir().stat().st_mode) == 0o700
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


# -- the data folder in a wheel install is private (F9) --------------------------------------------
@pytest.fixture
def wheel_install(tmp_path, monkeypatch):
    """No checkout notebooks/, packaged notebooks in a folder of their own, a data folder that
    does not exist yet (XDG_DATA_HOME two levels down in tmp_path)."""
    packaged = tmp_path / "package" / "_notebooks"
    packaged.mkdir(parents=True)
    (packaged / START_NOTEBOOK).write_text("{}")
    monkeypatch.setattr(paths, "checkout_notebooks_dir", lambda: None)
    monkeypatch.setattr(paths, "packaged_notebooks_dir", lambda: packaged)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home" / "share"))
    return tmp_path


def test_wheel_install_makes_every_folder_0700(wheel_install):
    folder = notebooks_dir()
    assert folder == paths.notebook_workspace_dir()
    assert (folder / START_NOTEBOOK).exists()
    for made in (wheel_install / "home", wheel_install / "home" / "share", paths.user_data_dir(), folder):
        assert stat.S_IMODE(made.stat().st_mode) == 0o700, made


def test_wheel_install_narrows_a_data_folder_made_0755_before(wheel_install):
    """An earlier launcher made the data folder 0755 (mkdir(parents=True)); it is ours: narrowed."""
    data = paths.user_data_dir()
    data.mkdir(parents=True)
    os.chmod(data, 0o755)
    notebooks_dir()
    prepare_kernel_dir()
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    assert stat.S_IMODE(paths.notebook_workspace_dir().stat().st_mode) == 0o700


def test_a_shared_folder_above_the_data_folder_is_left_alone(wheel_install):
    shared = wheel_install / "home"
    shared.mkdir()
    os.chmod(shared, 0o755)
    notebooks_dir()
    assert stat.S_IMODE(shared.stat().st_mode) == 0o755
    assert stat.S_IMODE(paths.user_data_dir().stat().st_mode) == 0o700


def test_stopping_the_command_stops_the_server_it_started(tmp_path, child_env):
    """SIGTERM to `workbook lab`/`app` reaches the server (it used to run on with its kernels)."""
    import signal
    import subprocess
    import time

    marker = tmp_path / "server.pid"
    server = f"import os, time; open({str(marker)!r}, 'w').write(str(os.getpid())); time.sleep(120)"
    runner = (
        "import sys\nfrom workbook.cli.jupyter import _run\n"
        f"_run([sys.executable, '-c', {server!r}], dict(__import__('os').environ))\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", runner], env=child_env)
    try:
        deadline = time.monotonic() + 30
        while not (marker.exists() and marker.read_text()):
            assert time.monotonic() < deadline and parent.poll() is None, "the server did not start"
            time.sleep(0.1)
        child = int(marker.read_text())
        parent.send_signal(signal.SIGTERM)
        assert parent.wait(timeout=30) == 0
        deadline = time.monotonic() + 10
        while Path(f"/proc/{child}").exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        try:
            os.kill(child, 0)
            alive = True
        except ProcessLookupError:
            alive = False
        assert not alive, "the server still runs after its command was stopped"
    finally:
        if parent.poll() is None:
            parent.kill()
