"""`workbook lab` / `workbook app`: the commands they run keep everything on this machine."""

from __future__ import annotations

import sys
from pathlib import Path

from click.testing import CliRunner

from workbook import cli as cli_module
from workbook.app.launch import START_NOTEBOOK, lab_argv, notebooks_dir, voila_argv


def test_lab_runs_jupyterlab_on_the_start_notebook_privately(tmp_path):
    argv = lab_argv(tmp_path, ("--no-browser",))
    assert argv[:3] == [sys.executable, "-m", "jupyterlab"]
    assert argv[-1] == str(tmp_path / START_NOTEBOOK)
    assert "--ServerApp.ip=127.0.0.1" in argv
    assert "--LabApp.news_url=None" in argv
    assert "--LabApp.extension_manager=readonly" in argv
    assert any(a.endswith("NeverCheckForUpdate") for a in argv)
    assert "--no-browser" in argv


def test_app_runs_voila_without_code_or_tracebacks(tmp_path):
    argv = voila_argv(tmp_path, "01_journal_a_conversation.ipynb")
    assert argv[:3] == [sys.executable, "-m", "voila"]
    assert "--VoilaConfiguration.strip_sources=True" in argv
    assert "--VoilaConfiguration.show_tracebacks=False" in argv
    assert "--Voila.ip=127.0.0.1" in argv


def test_the_checkout_notebooks_are_used():
    folder = notebooks_dir()
    assert (folder / START_NOTEBOOK).exists()
    assert folder == Path(__file__).resolve().parents[2] / "notebooks"


def test_lab_passes_the_chosen_journal_to_the_kernels(tmp_path, monkeypatch):
    seen = {}

    def fake_run(argv):
        import os

        seen["argv"], seen["journal"] = argv, os.environ["WORKBOOK_JOURNAL"]

    monkeypatch.setattr("workbook.cli.jupyter._run", fake_run)
    target = tmp_path / "mine.db"
    result = CliRunner().invoke(cli_module.cli, ["--journal", str(target), "lab", "--no-browser"])
    assert result.exit_code == 0, result.output
    assert seen["journal"] == str(target)
    assert "no journal yet" in result.output
    assert "--no-browser" in seen["argv"]


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
