"""workbook.paths decides every location, and decides nothing at import time."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest

from workbook import paths

PACKAGE = Path(paths.__file__).resolve().parent


def test_the_journal_path_comes_from_the_argument_then_the_environment_then_the_data_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("WORKBOOK_JOURNAL", str(tmp_path / "env.db"))
    assert paths.resolve_journal_path(tmp_path / "given.db") == tmp_path / "given.db"
    assert paths.resolve_journal_path() == tmp_path / "env.db"
    monkeypatch.delenv("WORKBOOK_JOURNAL")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert paths.resolve_journal_path() == tmp_path / "xdg" / "reflective-workbook" / "journal.db"


def test_the_demo_never_lands_on_the_journal(monkeypatch, tmp_path):
    monkeypatch.setenv("WORKBOOK_JOURNAL", str(tmp_path / "journal.db"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert paths.default_demo_path() == tmp_path / "xdg" / "reflective-workbook" / "demo-journal.db"


def test_backup_names_share_one_stamp_rule():
    when = dt.datetime(2026, 12, 2, 10, 8, 19, 123456, tzinfo=dt.timezone.utc)
    assert paths.backup_stamp(when) == "20261202T100819123456Z"
    assert paths.backup_in_folder(Path("/b")).name.startswith("journal-backup-")
    beside = paths.backup_beside(Path("/j/journal.db"))
    assert beside.parent == Path("/j") and beside.name.startswith("journal-backup-") and beside.suffix == ".db"
    made = paths.backup_before_migration(Path("/j/journal.db"), "0002_drafts")
    assert made.parent == Path("/j") and made.name.startswith("journal.before-0002_drafts.") and made.suffix == ".db"


def test_package_locations_exist_in_a_checkout():
    assert (paths.voila_template_root() / "voila" / "templates" / "workbook" / "index.html.j2").is_file()
    assert paths.checkout_notebooks_dir() is not None
    assert (paths.data_dir() / "vocabulary.yaml").is_file()


def _calls_in(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            func = node.func
            names.add(func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", ""))
    return names


@pytest.mark.parametrize(
    "module", sorted(p for p in PACKAGE.rglob("*.py") if p.name not in {"paths.py"} and "_data" not in p.parts)
)
def test_only_paths_asks_platformdirs_for_a_folder(module):
    """Every location is decided in paths.py: no other module asks for the user's data folder."""
    assert not {"user_data_dir", "user_config_dir", "user_cache_dir"} & _calls_in(module), module


def test_paths_are_shown_without_the_home_folder(monkeypatch, tmp_path):
    """A notebook output or a screenshot says where the journal is, not whose home it is in."""
    home = tmp_path / "home" / "jo.bloggs"
    monkeypatch.setenv("HOME", str(home))
    assert paths.shown(home / ".local" / "share" / "reflective-workbook" / "journal.db") == (
        "~/.local/share/reflective-workbook/journal.db"
    )
    assert paths.shown(home) == "~"
    assert paths.shown(str(home) + "-other/journal.db") == str(home) + "-other/journal.db"  # not inside home
    assert paths.shown("/srv/journals/j.db") == "/srv/journals/j.db"


def test_a_journal_displays_its_place_without_the_home_folder(monkeypatch, tmp_path):
    import workbook as wb

    home = tmp_path / "home" / "jo.bloggs"
    monkeypatch.setenv("HOME", str(home))
    with wb.Journal(home / "journals" / "journal.db") as journal:
        for shown in (repr(journal), journal._repr_html_()):
            assert "jo.bloggs" not in shown and "~/journals/journal.db" in shown
        assert journal.summary()["path"] == str(home / "journals" / "journal.db")  # the data keeps it whole


def test_the_cache_folder_is_per_user_and_holds_the_chart_bundle(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert paths.cache_dir() == tmp_path / "cache" / "reflective-workbook"
    assert paths.chart_bundle_path("0a1b") == tmp_path / "cache" / "reflective-workbook" / "chart-bundle-0a1b.js"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert paths.cache_dir() == tmp_path / "home" / ".cache" / "reflective-workbook"
    for key in ("", "../x", "ABC", "a" * 65):
        with pytest.raises(ValueError, match="hex"):
            paths.chart_bundle_path(key)
