"""The package as a newcomer gets it: dependencies agree, the wheel carries its data
and works on its own in a fresh virtual environment."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
import tomllib
import yaml

ROOT = Path(__file__).resolve().parent.parent
# conda-forge names that differ from PyPI names
CONDA_TO_PYPI = {"python-build": "build"}


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[ ;]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())


def _environment_deps() -> dict[str, str]:
    """environment.yml's packages by their PyPI name (python and pip left out)."""
    listed = {}
    for dep in yaml.safe_load((ROOT / "environment.yml").read_text())["dependencies"]:
        if not isinstance(dep, str):
            continue
        name = CONDA_TO_PYPI.get(_name(dep), _name(dep))
        if name not in {"python", "pip"}:
            listed[name] = dep
    return listed


def test_environment_yml_lists_the_same_dependencies_as_pyproject():
    project = _pyproject()["project"]
    wanted = {_name(r): r for r in project["dependencies"] + project["optional-dependencies"]["test"]}
    assert "conda-forge" in yaml.safe_load((ROOT / "environment.yml").read_text())["channels"]
    listed = _environment_deps()
    assert sorted(listed) == sorted(wanted)
    for name, requirement in wanted.items():
        bound = re.search(r"(>=|==)\s*([\d.]+)", requirement)
        assert bound, f"{name} in pyproject.toml should have a lower bound (or an exact pin)"
        assert f"{bound.group(1)}{bound.group(2)}" in listed[name].replace(" ", ""), f"{name}: bounds differ"


def test_readme_states_the_two_commands_and_ci_runs_the_test_one():
    readme = (ROOT / "README.md").read_text()
    assert "./dev lab" in readme and "./dev test" in readme
    ci = (ROOT / ".ci" / "run").read_text().strip().splitlines()
    assert ci[-1].strip() == "./dev test"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (found,) = out.glob("reflective_workbook-*.whl")
    return found


@pytest.mark.slow
def test_wheel_carries_the_data_files(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "workbook/_data/vocabulary.yaml" in names
    templates = [n for n in names if n.startswith("workbook/_data/templates/") and n.endswith(".yaml")]
    assert len(templates) >= 11
    assert any(n.startswith("workbook/_data/demo/") for n in names)
    assert "workbook/_data/lexicon.yaml" in names
    assert "workbook/_notebooks/00_start_here.ipynb" in names
    assert "workbook/app/voila/templates/workbook/index.html.j2" in names
    assert "workbook/app/jupyter_config/labconfig/default_setting_overrides.json" in names
    assert not any(n.endswith((".db", ".db-wal", ".sqlite")) for n in names)


@pytest.mark.slow
def test_wheel_installs_in_a_fresh_venv_and_writes_the_demo(wheel, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    py = venv / "bin" / "python"
    subprocess.run([py, "-m", "pip", "install", "--quiet", "--no-deps", str(wheel)], check=True, capture_output=True)
    # Dependencies come from the test environment, after the fresh venv's own packages,
    # so the `workbook` imported is the one installed from the wheel.
    fresh_site = subprocess.run(
        [py, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    Path(fresh_site, "zz_test_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "WORKBOOK_JOURNAL"}}
    env["HOME"] = str(tmp_path / "home")
    env["XDG_DATA_HOME"] = str(tmp_path / "home" / "data")
    where = subprocess.run(
        [py, "-c", "import workbook, workbook.paths as p; print(workbook.__file__); print(p.data_dir())"],
        check=True,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
    ).stdout.split()
    assert where[0].startswith(str(venv)), where
    assert where[1].startswith(str(venv)) and where[1].endswith("_data"), where
    target = tmp_path / "demo.db"
    result = subprocess.run(
        [venv / "bin" / "workbook", "--journal", str(target), "demo", str(target)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert target.exists() and (target.stat().st_mode & 0o777) == 0o600
    listing = subprocess.run(
        [venv / "bin" / "workbook", "--journal", str(target), "list", "--limit", "5"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
    )
    assert listing.returncode == 0, listing.stderr
    assert len(listing.stdout.strip().splitlines()) >= 5


# --- the pinned setup: constraints.txt ---------------------------------------------------

LOCK = ROOT / "constraints.txt"


def _lock() -> dict[str, str]:
    pins: dict[str, str] = {}
    for number, line in enumerate(LOCK.read_text().splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        match = re.fullmatch(r"([A-Za-z0-9][A-Za-z0-9._-]*)==([0-9][0-9A-Za-z.+!-]*)", line)
        assert match, f"constraints.txt line {number} is not 'name==version': {line!r}"
        pins[_name(match.group(1)).replace(".", "-")] = match.group(2)
    return pins


def test_the_lock_pins_every_dependency_within_what_pyproject_and_environment_yml_allow():
    from packaging.requirements import Requirement
    from packaging.specifiers import SpecifierSet

    pins = _lock()
    project = _pyproject()["project"]
    for requirement in project["dependencies"] + project["optional-dependencies"]["test"]:
        req = Requirement(requirement)
        name = _name(req.name)
        assert name in pins, f"{name} (pyproject.toml) is not pinned in constraints.txt"
        assert req.specifier.contains(pins[name], prereleases=True), f"{name}=={pins[name]} breaks {requirement}"
    for name, dep in _environment_deps().items():
        spec = SpecifierSet(dep[len(re.split(r"[<>=!~]", dep, maxsplit=1)[0]) :].replace(" ", ""))
        assert spec.contains(pins[name], prereleases=True), f"environment.yml {dep} disagrees with {name}=={pins[name]}"


def test_the_lock_holds_no_editable_or_local_install():
    text = LOCK.read_text()
    assert "reflective-workbook" not in text.lower() and "reflective_workbook" not in text.lower()
    assert " @ " not in text and "-e " not in text


def test_dev_installs_from_the_lock_and_offers_a_refresh():
    dev = (ROOT / "dev").read_text()
    assert '--constraint "$LOCK"' in dev and "LOCK=constraints.txt" in dev
    assert 'cat pyproject.toml "$LOCK"' in dev  # a changed pin re-runs the setup
    assert "./dev lock" in (ROOT / "README.md").read_text()


@pytest.mark.skipif(Path(sys.prefix).resolve() != (ROOT / ".venv").resolve(), reason="runs inside ./dev's .venv only")
def test_this_environment_has_the_pinned_versions_of_the_direct_dependencies():
    from importlib.metadata import version

    pins = _lock()
    project = _pyproject()["project"]
    for requirement in project["dependencies"] + project["optional-dependencies"]["test"]:
        name = _name(requirement)
        assert version(name) == pins[name], f"{name}: installed {version(name)}, constraints.txt pins {pins[name]}"


def _dev_copy(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of ./dev with the project files it hashes, and a stand-in .venv whose python
    only records how it was called: the setup logic runs for real, nothing is installed."""
    for name in ("dev", "pyproject.toml", "constraints.txt"):
        (tmp_path / name).write_bytes((ROOT / name).read_bytes())
    (tmp_path / "dev").chmod(0o755)
    calls = tmp_path / "calls.log"
    python = tmp_path / ".venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text(f'#!/bin/sh\necho "$@" >> {calls}\n')
    python.chmod(0o755)
    return tmp_path / "dev", calls


def _stamp(dev: Path, mode: str) -> Path:
    script = f'cd {dev.parent} && VENV=.venv LOCK=constraints.txt && eval "$(sed -n "/^stamp_for()/p" dev)" && stamp_for {mode}'
    return Path(subprocess.run(["bash", "-c", script], capture_output=True, text=True, check=True).stdout.strip())


def test_dev_lab_after_dev_test_installs_nothing(tmp_path):
    dev, calls = _dev_copy(tmp_path)
    stamp = tmp_path / _stamp(dev, "test")
    stamp.touch()
    result = subprocess.run([str(dev), "lab", "--no-browser"], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Setting up" not in result.stdout + result.stderr and "Updating" not in result.stdout
    assert calls.read_text().splitlines() == ["-m workbook lab --no-browser"]


def test_a_changed_pin_updates_the_environment_without_calling_it_a_first_run(tmp_path):
    dev, calls = _dev_copy(tmp_path)
    old = tmp_path / _stamp(dev, "test")
    old.touch()
    with (tmp_path / "constraints.txt").open("a") as lock:
        lock.write("# changed\n")
    result = subprocess.run([str(dev), "setup"], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Updating" in result.stdout and "first run" not in result.stdout
    installs = [c for c in calls.read_text().splitlines() if "pip install" in c]
    assert installs and all("--constraint constraints.txt" in c for c in installs)
    assert not old.exists() and (tmp_path / _stamp(dev, "test")).exists()
